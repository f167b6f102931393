"""zwgk: China's government-disclosure documents (政务公开) as typed, validated, traceable data.

A tour of the public API, all importable from ``zwgk``:

- **Reading files.** `zwgk.read` opens a path, file object or bytes and
  picks the reader by content: PDF (each table cell with its page and box), Word
  ``.docx``, a saved web page, or text.
- **Reading documents.** `zwgk.parse` takes page text or bytes and
  returns an `zwgk.AnnualReport`, an
  `zwgk.ImplementationPlan`, `zwgk.WorkPoints`
  or an `zwgk.OtherDocument`; `zwgk.parse_report`
  and `zwgk.parse_plan` force a kind.
- **Agencies.** `zwgk.agency` resolves a printed name (``市工商局``) to
  region, level, sector and GB/T 2260 `zwgk.division`;
  `zwgk.successors` follows the 2018 institutional reform.
- **Plans.** `zwgk.responsibilities` lists who must do what by
  when across plans, as rows or a pandas frame.
- **Rendering.** `zwgk.render` writes a report's tables back in the
  official layout of their generation.
- **The model.** Frozen attrs classes: documents carry an `zwgk.Agency`,
  `zwgk.Section`s, and for reports `zwgk.StatTable`s of
  `zwgk.Cell`s placed on an indicator tree; every value keeps its raw token,
  `zwgk.TokenClass` and `zwgk.Span`.
- **Indicator trees.** `zwgk.indicator_tree` gives the template
  of each generation (``legacy_2014``, ``f2019``, ``f2021``) with its
  `zwgk.Identity` rules, as data; a `zwgk.Templates`
  registry of trees (the shipped ones, or yours built with
  `zwgk.tree_from_data`) drives parsing, validation and rendering.
- **Serialization.** `zwgk.to_json` / `zwgk.from_json`
  round-trip any model object losslessly; `zwgk.json_schema` is the
  committed JSON Schema of the dumps.
- **Corpus analysis.** `zwgk.parse_many` streams many documents on
  every core; `zwgk.facts` and `zwgk.to_frame` give one row per
  number (or one per report, on concepts harmonized across generations by
  `zwgk.crosswalk`); `zwgk.measures` and
  `zwgk.rollup` compute the rates of
  `zwgk.measure_definitions` from summed parts;
  `zwgk.write_facts` writes Parquet or CSV with a data package.
- **Validation.** `zwgk.validate` returns `zwgk.Finding`s
  where a document contradicts itself, its template or last year's report;
  `zwgk.validate_many` pairs consecutive years;
  `zwgk.RULES` is the catalogue of finding codes.
- **Errors.** Everything zwgk raises on purpose derives from
  `zwgk.ZwgkError`; inconsistent data gives `zwgk.Finding`s.

Examples:
    >>> import zwgk
    >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
    >>> (report.kind.value, report.year, report.format.value)
    ('annual_report', 2017, 'legacy_2014')
    >>> report.tables[0].value("apps_received")
    25
"""

import importlib
from typing import TYPE_CHECKING

from zwgk._errors import (
    DataError,
    DecodeError,
    InputError,
    MissingExtraError,
    SchemaError,
    UnknownError,
    UnknownIndicatorError,
    ZwgkError,
)
from zwgk._model import (
    Agency,
    AnnualReport,
    AnyDocument,
    BBox,
    Cell,
    Column,
    Contact,
    Deadline,
    DeadlineKind,
    Document,
    DocumentKind,
    Duration,
    Finding,
    Findings,
    Identity,
    ImplementationPlan,
    Indicator,
    IndicatorTree,
    Layout,
    Level,
    NarrativeFact,
    OrgUnit,
    OtherDocument,
    Plan,
    Recurrence,
    Ref,
    Scope,
    Section,
    SectionTemplate,
    Severity,
    Span,
    StatTable,
    TableFormat,
    TableTemplate,
    Tag,
    Task,
    TemplateRef,
    Templates,
    Term,
    TokenClass,
    Unplaced,
    Value,
    WorkPoints,
    indicator_tree,
    tree_from_data,
)
from zwgk._version import __version__

if TYPE_CHECKING:  # imported on first use (see __getattr__); here for type checkers and docs
    from zwgk._agency import (
        Division,
        Succession,
        agency,
        division,
        find_divisions,
        is_valid_division,
        predecessors,
        successors,
    )
    from zwgk._analysis.batch import ParseResult, RawText, parse_many, read_facts, write_facts
    from zwgk._analysis.crosswalk import (
        Concept,
        ConceptMapping,
        HarmonizedValue,
        crosswalk,
        harmonize,
    )
    from zwgk._analysis.facts import Fact, facts
    from zwgk._analysis.frames import to_frame
    from zwgk._analysis.measures import (
        Measure,
        MeasureDefinition,
        division_parent,
        measure_definitions,
        measures,
        rollup,
    )
    from zwgk._analysis.responsibilities import (
        Responsibility,
        responsibilities,
        responsibilities_frame,
    )
    from zwgk._analysis.scale import dask_facts
    from zwgk._files import read
    from zwgk._parse.dispatch import parse
    from zwgk._parse.plans import parse_plan
    from zwgk._parse.report import parse_report
    from zwgk._render import render
    from zwgk._serialize.json import SCHEMA_VERSION, from_data, from_json, to_data, to_json
    from zwgk._serialize.schema import json_schema
    from zwgk._validate import RULES, Rule, document_key, summarize, validate, validate_many

#: The module of each public name imported on first use: ``import zwgk`` loads only the
#: model and errors, and a call loads the parser, serializer, validator or analysis it needs.
_LAZY = {
    "Division": "zwgk._agency",
    "Succession": "zwgk._agency",
    "agency": "zwgk._agency",
    "division": "zwgk._agency",
    "find_divisions": "zwgk._agency",
    "is_valid_division": "zwgk._agency",
    "predecessors": "zwgk._agency",
    "successors": "zwgk._agency",
    "ParseResult": "zwgk._analysis.batch",
    "RawText": "zwgk._analysis.batch",
    "parse_many": "zwgk._analysis.batch",
    "read_facts": "zwgk._analysis.batch",
    "write_facts": "zwgk._analysis.batch",
    "Concept": "zwgk._analysis.crosswalk",
    "ConceptMapping": "zwgk._analysis.crosswalk",
    "HarmonizedValue": "zwgk._analysis.crosswalk",
    "crosswalk": "zwgk._analysis.crosswalk",
    "harmonize": "zwgk._analysis.crosswalk",
    "Fact": "zwgk._analysis.facts",
    "facts": "zwgk._analysis.facts",
    "to_frame": "zwgk._analysis.frames",
    "Measure": "zwgk._analysis.measures",
    "MeasureDefinition": "zwgk._analysis.measures",
    "division_parent": "zwgk._analysis.measures",
    "measure_definitions": "zwgk._analysis.measures",
    "measures": "zwgk._analysis.measures",
    "rollup": "zwgk._analysis.measures",
    "Responsibility": "zwgk._analysis.responsibilities",
    "responsibilities": "zwgk._analysis.responsibilities",
    "responsibilities_frame": "zwgk._analysis.responsibilities",
    "dask_facts": "zwgk._analysis.scale",
    "read": "zwgk._files",
    "parse": "zwgk._parse.dispatch",
    "parse_plan": "zwgk._parse.plans",
    "parse_report": "zwgk._parse.report",
    "render": "zwgk._render",
    "SCHEMA_VERSION": "zwgk._serialize.json",
    "from_data": "zwgk._serialize.json",
    "from_json": "zwgk._serialize.json",
    "to_data": "zwgk._serialize.json",
    "to_json": "zwgk._serialize.json",
    "json_schema": "zwgk._serialize.schema",
    "RULES": "zwgk._validate",
    "Rule": "zwgk._validate",
    "document_key": "zwgk._validate",
    "summarize": "zwgk._validate",
    "validate": "zwgk._validate",
    "validate_many": "zwgk._validate",
}

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "Agency",
    "AnnualReport",
    "AnyDocument",
    "BBox",
    "Cell",
    "Column",
    "Concept",
    "ConceptMapping",
    "Contact",
    "DataError",
    "Deadline",
    "DeadlineKind",
    "DecodeError",
    "Division",
    "Document",
    "DocumentKind",
    "Duration",
    "Fact",
    "Finding",
    "Findings",
    "HarmonizedValue",
    "Identity",
    "ImplementationPlan",
    "Indicator",
    "IndicatorTree",
    "InputError",
    "Layout",
    "Level",
    "Measure",
    "MeasureDefinition",
    "MissingExtraError",
    "NarrativeFact",
    "OrgUnit",
    "OtherDocument",
    "ParseResult",
    "Plan",
    "RawText",
    "Recurrence",
    "Ref",
    "Responsibility",
    "Rule",
    "SchemaError",
    "Scope",
    "Section",
    "SectionTemplate",
    "Severity",
    "Span",
    "StatTable",
    "Succession",
    "TableFormat",
    "TableTemplate",
    "Tag",
    "Task",
    "TemplateRef",
    "Templates",
    "Term",
    "TokenClass",
    "UnknownError",
    "UnknownIndicatorError",
    "Unplaced",
    "Value",
    "WorkPoints",
    "ZwgkError",
    "__version__",
    "agency",
    "crosswalk",
    "dask_facts",
    "division",
    "division_parent",
    "document_key",
    "facts",
    "find_divisions",
    "from_data",
    "from_json",
    "harmonize",
    "indicator_tree",
    "is_valid_division",
    "json_schema",
    "measure_definitions",
    "measures",
    "parse",
    "parse_many",
    "parse_plan",
    "parse_report",
    "predecessors",
    "read",
    "read_facts",
    "render",
    "responsibilities",
    "responsibilities_frame",
    "rollup",
    "successors",
    "summarize",
    "to_data",
    "to_frame",
    "to_json",
    "tree_from_data",
    "validate",
    "validate_many",
    "write_facts",
]

#: Deprecated names: each gives its replacement with a ``DeprecationWarning``.
_DEPRECATED = {"Unit": "OrgUnit"}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # looked up here once; later reads are plain attributes
        return value
    new = _DEPRECATED.get(name)
    if new is None:
        raise AttributeError(f"module 'zwgk' has no attribute {name!r}")
    import warnings

    warnings.warn(f"zwgk.{name} is deprecated; use zwgk.{new}", DeprecationWarning, stacklevel=2)
    return __getattr__(new) if new in _LAZY else globals()[new]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
