"""Annual reports as pandas DataFrames: one row per fact, or one row per report.

`zwgk.to_frame` builds either frame; the
columns and their dtypes are fixed (listed in ``FACT_COLUMNS`` and by
`wide_columns`) and the same for no
input as for a corpus.  pandas is imported lazily: without it the functions
raise `zwgk.MissingExtraError`.

Representation choices:

- Text columns have the nullable ``string`` dtype, integer columns
  ``Int64``, flags ``boolean``; a missing value is ``<NA>``.
- A fact's value is split losslessly in two columns: ``value_int``
  (``Int64``) holds counts, ``value_decimal`` (``string``) holds money as
  the exact decimal text (``"4068.208"``, trailing zeros kept).  At most one
  of them is set; both are ``<NA>`` for blank, ``—``, ``/``, ``无`` or
  text.  An integer beyond the 64-bit range (only a glued digit run could
  give one) goes to ``value_decimal`` as its digits.
- The wide frame has one ``Int64`` column per harmonized concept, filled
  from the report in its own generation; ``lossy_concepts`` lists the
  concepts whose mapping for that generation is approximate and
  ``caveats`` says why, and which concepts lack a part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from zwgk._analysis.crosswalk import HarmonizedValue, crosswalk, harmonize
from zwgk._analysis.facts import Fact, document_id, documents, facts
from zwgk._errors import InputError, MissingExtraError
from zwgk._model.documents import AnnualReport, AnyDocument

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FACT_COLUMNS", "ColumnSpec", "to_frame", "wide_columns"]

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


@attrs.frozen
class ColumnSpec:
    """A column of a frame zwgk builds: name, pandas dtype, Frictionless type and description.

    Example:
        >>> from zwgk._analysis.frames import FACT_COLUMNS
        >>> spec = next(c for c in FACT_COLUMNS if c.name == "value_int")
        >>> (spec.dtype, spec.type)
        ('Int64', 'integer')
    """

    name: str
    dtype: str
    type: str
    description: str


def _text(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "string", "string", description)


def _int(name: str, description: str) -> ColumnSpec:
    return ColumnSpec(name, "Int64", "integer", description)


#: The columns of the facts frame, in order (``to_frame(docs, "facts")``, ``write_facts``).
FACT_COLUMNS: tuple[ColumnSpec, ...] = (
    _text(
        "document",
        "the report's source path, else 'sha1:' + 16 hex digits of agency key|year|title",
    ),
    _text("kind", "'cell' (a table cell) or 'narrative' (a number stated in the prose)"),
    _text("agency", "the issuing agency as printed"),
    _text("agency_full", "the agency's full name, when resolved"),
    _text("division_code", "GB/T 2260 code of the agency's division"),
    _text("level", "administrative level: central, province, city, county, township, unknown"),
    _int("year", "the year the report covers"),
    _text("format", "table generation: legacy_local, legacy_2014, f2019, f2021"),
    _text("scope", "'agency' (own work) or 'aggregate' (a region's summed report)"),
    _text("table", "table id (f2021.t3, legacy_2014.t1, local); empty for narrative facts"),
    _text("indicator", "indicator id on the generation's tree (empty in local tables)"),
    _text("column", "column id (total, value, natural_person, current …)"),
    _text(
        "row_label", "printed row labels joined with ' / ', or the narrative phrase; never missing"
    ),
    _int("value_int", "the value when it is a count (integer)"),
    _text("value_decimal", "the value when it is money: exact decimal text (万元 or 元, see unit)"),
    _text("raw", "the token as printed; never missing (empty for a blank cell)"),
    _text("unit", "unit: 件, 条, 万元, 元, 人次 …"),
    _text("token_class", "number, zero, blank, dash, slash, none_word, text"),
    ColumnSpec("inferred", "boolean", "boolean", "true when the parser had to guess the value"),
    _text("note", "a bracketed remark printed with the cell"),
    _text("qualifier", "余, 多, 约, 近 …: the narrative number is a bound, not exact"),
    _int("span_start", "start offset of the token in the source text"),
    _int("span_end", "end offset (exclusive) of the token in the source text"),
)

_WIDE_ID_COLUMNS: tuple[ColumnSpec, ...] = (
    _text(
        "document",
        "the report's source path, else 'sha1:' + 16 hex digits of agency key|year|title",
    ),
    _text("agency", "the issuing agency as printed"),
    _text("agency_full", "the agency's full name, when resolved"),
    _text("division_code", "GB/T 2260 code of the agency's division"),
    _text("level", "administrative level"),
    _int("year", "the year the report covers"),
    _text("format", "table generation; empty for a report without a table"),
    _text("scope", "'agency' or 'aggregate'"),
)


def wide_columns() -> tuple[ColumnSpec, ...]:
    """The columns of the wide frame: report fields, one per concept, ``lossy_concepts``, ``caveats``.

    Example:
        >>> from zwgk._analysis.frames import wide_columns
        >>> names = [c.name for c in wide_columns()]
        >>> names[:3], names[8], names[-2:]
        (['document', 'agency', 'agency_full'], 'applications_received', ['lossy_concepts', 'caveats'])
    """
    concepts = tuple(
        _int(c.id, f"{c.label} ({c.unit or ''}): {c.description}") for c in crosswalk()
    )
    tail = (
        _text("lossy_concepts", "comma-separated concepts whose value comes from a lossy mapping"),
        _text("caveats", "'concept: why' for lossy values and for concepts with missing parts"),
    )
    return (*_WIDE_ID_COLUMNS, *concepts, *tail)


def pandas_module(feature: str) -> Any:
    """pandas, or `zwgk.MissingExtraError` naming ``feature`` (internal)."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError("pandas", feature) from None
    return pandas


def build_frame(
    columns: Sequence[ColumnSpec], data: dict[str, list[Any]], feature: str
) -> pd.DataFrame:
    """A frame with exactly these columns and dtypes from lists of Python values (internal)."""
    pd = pandas_module(feature)
    return pd.DataFrame(
        {spec.name: pd.array(data.get(spec.name, []), dtype=spec.dtype) for spec in columns}
    )


def _split_value(value: int | Decimal | None) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    if isinstance(value, Decimal):
        return None, format(value, "f")  # plain notation, as in the JSON dumps
    if _INT64_MIN <= value <= _INT64_MAX:
        return value, None
    return None, str(value)


def facts_frame(rows: Iterable[Fact], *, feature: str = "to_frame") -> pd.DataFrame:
    """The facts frame of these facts (internal; ``write_facts`` calls it batch by batch)."""
    data: dict[str, list[Any]] = {spec.name: [] for spec in FACT_COLUMNS}
    names = [f.name for f in attrs.fields(Fact) if f.name != "value"]
    for fact in rows:
        for name in names:
            data[name].append(getattr(fact, name))
        as_int, as_decimal = _split_value(fact.value)
        data["value_int"].append(as_int)
        data["value_decimal"].append(as_decimal)
    return build_frame(FACT_COLUMNS, data, feature)


def _count(h: HarmonizedValue) -> int | None:
    value = h.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else None
    return value


def wide_row(report: AnnualReport) -> dict[str, Any]:
    """The wide frame's row of one report, as Python values (internal)."""
    agency = report.agency
    row: dict[str, Any] = {
        "document": document_id(report),
        "agency": None if agency is None else agency.name,
        "agency_full": None if agency is None else agency.full_name,
        "division_code": None if agency is None else agency.division_code,
        "level": None if agency is None else agency.level.value,
        "year": report.year,
        "format": None if report.format is None else report.format.value,
        "scope": report.scope.value,
    }
    lossy: list[str] = []
    caveats: list[str] = []
    for concept_id, h in harmonize(report).items():
        count = _count(h)
        row[concept_id] = count
        if count is None and h.value is not None:
            caveats.append(f"{concept_id}: not a whole number ({h.value})")
        elif h.value is not None and not h.exact:
            lossy.append(concept_id)
            caveats.append(f"{concept_id}: {h.note or 'lossy mapping'}")
        elif h.value is None and h.parts:
            caveats.append(f"{concept_id}: missing {', '.join(h.missing)}")
    row["lossy_concepts"] = ",".join(lossy) or None
    row["caveats"] = "; ".join(caveats) or None
    return row


def to_frame(docs: Iterable[AnyDocument] | AnyDocument, kind: str = "facts") -> pd.DataFrame:
    """A pandas DataFrame of the annual reports among ``docs``.

    ``kind="facts"``: one row per `zwgk.Fact`, the
    columns of ``FACT_COLUMNS`` (the value split into ``value_int`` and
    ``value_decimal``).  ``kind="wide"``: one row per annual report, the
    columns of `wide_columns`: report
    fields, one ``Int64`` column per harmonized concept (``<NA>`` where the
    report does not give it), ``lossy_concepts`` and ``caveats``.  Plans and
    other documents give no rows; no input gives an empty frame with the same
    columns and dtypes.  One document may be passed instead of a list; an item
    that is not a parsed document raises `zwgk.InputError`.
    Needs the ``pandas`` extra.  For one table in its printed layout, see
    `zwgk.StatTable.to_frame`.

    Example:
        >>> import zwgk
        >>> from zwgk import to_frame
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> wide = to_frame([report], kind="wide")
        >>> print(*wide.loc[0, ["year", "format", "applications_received", "granted"]])
        2017 legacy_2014 25 17
        >>> to_frame([]).shape
        (0, 23)
    """
    if kind not in ("facts", "wide"):
        raise InputError(f"unknown frame kind {kind!r}; expected 'facts' or 'wide'")
    pandas_module("to_frame")
    items = documents(docs, "to_frame")
    if kind == "facts":
        return facts_frame(facts(items))
    columns = wide_columns()
    data: dict[str, list[Any]] = {spec.name: [] for spec in columns}
    for doc in items:
        if isinstance(doc, AnnualReport):
            row = wide_row(doc)
            for spec in columns:
                data[spec.name].append(row.get(spec.name))
    return build_frame(columns, data, "to_frame")
