"""Harmonized concepts across table generations, as data.

The crosswalk (``zwgk/_data/crosswalk.json``, loaded once) names concepts in
the vocabulary of the current template (``applications_received``,
``granted``, ``litigation_total`` …) and gives, per generation, the sum of
cells that stands for each: ``granted`` is ``granted[total]`` in ``f2019`` and
``f2021`` (exact) and ``reply_already_public[value] + reply_granted[value]``
in ``legacy_2014`` (lossy, with a note why).  ``legacy_local`` tables have no
indicator tree; their rows are matched by printed label
(``受理依申请公开信息总数`` → ``applications_received``).

`zwgk.harmonize` reads a report through the
crosswalk.  Blank, ``—``, ``/`` and ``无`` are never zero: a concept with a
missing part has no value, and the missing parts are listed.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from zwgk._errors import DataError, UnknownError
from zwgk._model.core import Value
from zwgk._model.documents import AnnualReport
from zwgk._model.enums import TableFormat
from zwgk._model.indicators import Indicator, IndicatorTree, TableTemplate, Term, indicator_tree
from zwgk._model.tables import Cell, StatTable
from zwgk._model.templates import Templates
from zwgk._text.labels import normalize_label

__all__ = [
    "Concept",
    "ConceptMapping",
    "HarmonizedValue",
    "concept",
    "crosswalk",
    "harmonize",
    "normalize_label",
    "prose_bindings",
]

_TERM = re.compile(r"\s*([a-z0-9_]+)\[([a-z0-9_]+)\]\s*")
Key = tuple[str, str]


@attrs.frozen
class ConceptMapping:
    """How one generation reports a concept: a sum of cells, or (``legacy_local``) printed labels.

    ``terms`` are ``indicator[column]`` cells summed; ``fallback`` are
    cells read instead when none of ``terms`` is there (a 2021 report printed
    with the 2019 single row （六）其他处理); ``labels`` are the printed row
    labels of a local table any one of which gives the value; ``exact`` says
    whether the cells mean exactly the concept, and ``note`` why not.

    Example:
        >>> from zwgk._analysis.crosswalk import concept
        >>> m = concept("granted").mapping("legacy_2014")
        >>> (m.expr, m.exact)
        ('reply_already_public[value] + reply_granted[value]', False)
    """

    format: TableFormat
    terms: tuple[Term, ...] = ()
    labels: tuple[str, ...] = ()
    exact: bool = False
    note: str = ""
    fallback: tuple[Term, ...] = ()

    @property
    def expr(self) -> str:
        """The mapping as text: ``a[c] + b[c]``, or the labels joined by ``|``."""
        if self.terms:
            return " + ".join(f"{t.indicator}[{t.column}]" for t in self.terms)
        return " | ".join(self.labels)


@attrs.frozen
class Concept:
    """A harmonized concept: an id, its label, unit, and one mapping per generation.

    ``additive`` concepts may be summed across reports
    (`zwgk.rollup` does); ``phrases`` are patterns of the prose
    that names the concept (``(收到|受理…).{0,12}申请``), which bind a number
    the narrative states to the concept's cell (see
    `zwgk.NarrativeFact`).

    Example:
        >>> from zwgk._analysis.crosswalk import concept
        >>> c = concept("litigation_total")
        >>> c.mapping("f2021").expr
        'litigation_direct_total[value] + litigation_after_review_total[value]'
        >>> [m.format.value for m in c.mappings]
        ['legacy_local', 'legacy_2014', 'f2019', 'f2021']
    """

    id: str
    label: str
    unit: str | None
    additive: bool
    description: str
    mappings: tuple[ConceptMapping, ...]
    phrases: tuple[str, ...] = ()

    def mapping(self, format: TableFormat | str | None) -> ConceptMapping | None:
        """The mapping for a generation, or ``None`` where the generation does not report it."""
        for m in self.mappings:
            if m.format == format:
                return m
        return None


@attrs.frozen
class HarmonizedValue:
    """A concept read from one report: the value, whether the mapping is exact, parts used and missing.

    ``value`` is the sum of the parts, or ``None`` when any part is missing
    (blank, ``—``, ``/``, ``无``, text, or no such cell): ``missing`` names
    them and ``parts`` the cells that were there.  ``inferred`` is true when a
    part was a value the parser had to guess (a split digit run).

    Example:
        >>> import zwgk
        >>> from zwgk import harmonize
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> h = harmonize(report)["granted"]
        >>> (h.value, h.exact, h.parts)
        (17, False, ('reply_already_public[value]', 'reply_granted[value]'))
    """

    concept: str
    value: Value
    exact: bool
    parts: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    inferred: bool = False
    note: str = ""


def crosswalk() -> tuple[Concept, ...]:
    """Every harmonized concept, in the order of the shipped crosswalk.

    Example:
        >>> from zwgk import crosswalk
        >>> [c.id for c in crosswalk()][:3]
        ['applications_received', 'carried_over_in', 'granted']
    """
    return _concepts()


def concept(concept_id: str) -> Concept:
    """The concept with this id; raises `zwgk.UnknownError`.

    Example:
        >>> from zwgk._analysis.crosswalk import concept
        >>> concept("applications_received").mapping("f2019").expr
        'new_received[total]'
    """
    for c in _concepts():
        if c.id == concept_id:
            return c
    raise UnknownError(f"unknown concept {concept_id!r}")


def harmonize(
    report: AnnualReport, *, templates: Templates | None = None
) -> dict[str, HarmonizedValue]:
    """The report's values of every concept its generation maps, in crosswalk order.

    Concepts the generation does not map are absent; a mapped concept whose
    cells are missing has ``value=None`` and lists them in ``missing``
    (never zero).  For a ``legacy_local`` table, a concept is present only
    when one of its labels is a row of the table.  A report without a table
    gives ``{}``.  ``templates`` is the registry the report was read on
    (see `zwgk.Templates`; default: the shipped trees): where its
    tree of the generation lacks a cell a mapping names, the concept is absent.

    Example:
        >>> import zwgk
        >>> from zwgk import harmonize
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> values = harmonize(report)
        >>> values["applications_received"].value, values["results_total"].value
        (25, 25)
        >>> "carried_over_in" in values  # no such row in legacy_2014
        False
    """
    fmt = report.format
    if fmt is None:
        return {}
    tables = [t for t in report.tables if t.format == fmt]
    out: dict[str, HarmonizedValue] = {}
    if fmt == TableFormat.LEGACY_LOCAL:
        rows = _local_rows(tables)
        for c in _concepts():
            m = c.mapping(fmt)
            if m is not None and (found := _local_value(c, m, rows)) is not None:
                out[c.id] = found
        return out
    cells: dict[tuple[str | None, str | None], Cell] = {}
    for table in tables:
        for cell in table.cells:
            cells.setdefault((cell.indicator, cell.column), cell)  # the first one wins
    tree = (templates or Templates.shipped()).get(fmt)
    for c in _concepts():
        m = c.mapping(fmt)
        if m is None or (tree is not None and not _has_cells(tree, m.terms)):
            continue
        found = _sum(c, m, [(_key(t), cells.get((t.indicator, t.column))) for t in m.terms])
        if not found.parts and m.fallback:
            alt = _sum(c, m, [(_key(t), cells.get((t.indicator, t.column))) for t in m.fallback])
            if alt.value is not None:
                found = alt
        out[c.id] = found
    return out


def _has_cells(tree: IndicatorTree, terms: Sequence[Term]) -> bool:
    for term in terms:
        found = _table_row(tree, term.indicator)
        if found is None or term.column not in {c.id for c in found[0].columns_of(found[1])}:
            return False
    return True


def _key(term: Term) -> str:
    return f"{term.indicator}[{term.column}]"


def _sum(
    c: Concept, m: ConceptMapping, found: Sequence[tuple[str, Cell | None]]
) -> HarmonizedValue:
    parts: list[str] = []
    missing: list[str] = []
    total: int | Decimal = 0
    inferred = False
    for key, cell in found:
        if cell is None or cell.value is None:
            missing.append(key)
            continue
        parts.append(key)
        total = total + cell.value
        inferred = inferred or cell.inferred
    return HarmonizedValue(
        concept=c.id,
        value=None if missing else total,
        exact=m.exact,
        parts=tuple(parts),
        missing=tuple(missing),
        inferred=inferred,
        note=m.note,
    )


def _local_rows(tables: Sequence[StatTable]) -> dict[str, dict[str, Cell]]:
    rows: dict[str, dict[str, Cell]] = {}
    for table in tables:
        for cell in table.cells:
            if not cell.row_labels or cell.column is None:
                continue
            label = normalize_label(cell.row_labels[-1])
            rows.setdefault(label, {}).setdefault(cell.column, cell)
    return rows


def _local_value(
    c: Concept, m: ConceptMapping, rows: Mapping[str, Mapping[str, Cell]]
) -> HarmonizedValue | None:
    columns = _local_columns()
    for label in m.labels:
        row = rows.get(label)
        if row is None:
            continue
        for column in columns:
            cell = row.get(column)
            if cell is not None:
                return _sum(c, m, [(cell.key, cell)])
        return None  # the row exists but not in a column that holds the year's value
    return None


# --- loading ---------------------------------------------------------------------------------


@functools.cache
def _data() -> Mapping[str, Any]:
    """The parsed ``crosswalk.json``, read once."""
    path = resources.files("zwgk") / "_data" / "crosswalk.json"
    data: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@functools.cache
def _local_columns() -> tuple[str, ...]:
    return tuple(_data().get("local_columns", ("current",)))


@functools.cache
def _concepts() -> tuple[Concept, ...]:
    data = _data()
    concepts = tuple(
        _concept(entry, f"crosswalk.json: concepts[{i}]")
        for i, entry in enumerate(data["concepts"])
    )
    seen: set[str] = set()
    for c in concepts:
        if c.id in seen:
            raise DataError(f"concept {c.id!r} appears twice", where="crosswalk.json")
        seen.add(c.id)
    return concepts


def _concept(entry: Mapping[str, Any], where: str) -> Concept:
    try:
        mappings = tuple(
            _mapping(fmt, spec, f"{where}.map.{fmt}") for fmt, spec in entry["map"].items()
        )
        return Concept(
            id=entry["id"],
            label=entry["label"],
            unit=entry.get("unit"),
            additive=bool(entry.get("additive", True)),
            description=entry.get("description", ""),
            mappings=tuple(sorted(mappings, key=lambda m: list(TableFormat).index(m.format))),
            phrases=tuple(_phrase(text, where) for text in entry.get("phrases", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"malformed concept: {exc!r}", where=where) from exc


def _mapping(fmt: str, spec: Mapping[str, Any], where: str) -> ConceptMapping:
    # The crosswalk maps the named generations; a registered tree's own id has no mapping.
    if fmt not in {f.value for f in TableFormat}:
        raise DataError(f"unknown table generation {fmt!r}", where=where)
    format = TableFormat(fmt)
    if format == TableFormat.LEGACY_LOCAL:
        labels = tuple(normalize_label(label) for label in spec.get("labels", ()))
        if not labels or spec.get("terms"):
            raise DataError("a legacy_local mapping lists labels and no terms", where=where)
        return ConceptMapping(
            format, (), labels, bool(spec.get("exact", False)), spec.get("note", "")
        )
    terms = tuple(_term(text, where) for text in spec.get("terms", ()))
    fallback = tuple(_term(text, where) for text in spec.get("fallback", ()))
    if not terms:
        raise DataError("a mapping needs at least one term", where=where)
    tree = indicator_tree(format)
    for term in (*terms, *fallback):
        if _table_row(tree, term.indicator) is None:
            raise DataError(f"unknown indicator {term.indicator!r}", where=where)
        if not _has_cells(tree, (term,)):
            raise DataError(f"row {term.indicator!r} has no column {term.column!r}", where=where)
    return ConceptMapping(
        format, terms, (), bool(spec.get("exact", False)), spec.get("note", ""), fallback
    )


def _table_row(tree: IndicatorTree, indicator: str) -> tuple[TableTemplate, Indicator] | None:
    for table in tree.tables:
        row = table.find(indicator)
        if row is not None:
            return table, row
    return None


def _phrase(text: str, where: str) -> str:
    try:
        re.compile(text)
    except re.error as exc:
        raise DataError(f"phrase {text!r} is not a pattern: {exc}", where=where) from None
    return text


@functools.cache
def prose_bindings(generation: TableFormat | str) -> tuple[tuple[re.Pattern[str], Key], ...]:
    """The prose patterns of every concept a generation maps to one cell, with that cell.

    A concept the generation maps to a sum of cells (``granted`` in
    ``legacy_2014``) or to labels (``legacy_local``) names no single cell, and
    is left out, like a concept the generation does not map.

    Example:
        >>> from zwgk._analysis.crosswalk import prose_bindings
        >>> [cell for pattern, cell in prose_bindings("f2021") if pattern.search("共受理申请")]
        [('new_received', 'total')]
        >>> [cell for pattern, cell in prose_bindings("legacy_2014") if pattern.search("同意公开")]
        []
    """
    out: list[tuple[re.Pattern[str], Key]] = []
    for c in _concepts():
        m = c.mapping(generation)
        if m is not None and len(m.terms) == 1:
            cell = (m.terms[0].indicator, m.terms[0].column)
            out.extend((re.compile(text), cell) for text in c.phrases)
    return tuple(out)


def _term(text: str, where: str) -> Term:
    m = _TERM.fullmatch(text)
    if m is None:
        raise DataError(f"cannot read the term {text!r} (expected indicator[column])", where=where)
    return Term(m.group(1), m.group(2))
