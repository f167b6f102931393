"""Rates derived from harmonized concepts, and roll-ups that recompute them from sums.

`zwgk.measures` computes, for one report, the
rates defined in the crosswalk data: 公开率 ``disclosure_rate`` =
(granted + partially_granted) / results_total, ``review_correction_rate``,
``litigation_loss_rate`` and the applicant shares.  Rates are ``Decimal``
quantized to 4 places (half-even): exact, reproducible and printable, unlike
floats.  A rate is ``None`` with a ``reason`` when a part is missing, the
denominator is zero, or the denominator is below ``min_count`` (default 10:
a rate of 1 out of 2 says little).

`zwgk.rollup` sums the additive concepts of the
wide frame by group (agency, year, province, city …) and recomputes every
rate from the summed parts; it never averages rates.
`zwgk.division_parent` walks the
GB/T 2260 hierarchy for regional groups.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from zwgk._analysis.crosswalk import HarmonizedValue, _data, crosswalk, harmonize
from zwgk._analysis.frames import ColumnSpec, build_frame, pandas_module
from zwgk._errors import DataError, InputError
from zwgk._model.core import Value
from zwgk._model.documents import AnnualReport
from zwgk._model.enums import Level

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Measure",
    "MeasureDefinition",
    "division_parent",
    "measure_definitions",
    "measures",
    "rollup",
]

#: Rates are quantized to this (4 decimal places).
QUANTUM = Decimal("0.0001")


@attrs.frozen
class MeasureDefinition:
    """A rate defined as data: Σ numerator concepts / Σ denominator concepts.

    Example:
        >>> from zwgk import measure_definitions
        >>> d = measure_definitions()[0]
        >>> (d.id, d.label, d.numerator, d.denominator)
        ('disclosure_rate', '公开率', ('granted', 'partially_granted'), ('results_total',))
    """

    id: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    description: str = ""


@attrs.frozen
class Measure:
    """A computed rate: its value (``Decimal``, 4 places) or ``None`` and the reason why.

    ``numerator`` and ``denominator`` are the summed counts it was computed
    from; ``exact`` is false when a part came through a lossy crosswalk
    mapping (a legacy table).

    Example:
        >>> from decimal import Decimal
        >>> from zwgk import measures
        >>> m = measures({"granted": 21, "partially_granted": 9, "results_total": 75})["disclosure_rate"]
        >>> (m.value, m.numerator, m.denominator, m.reason)
        (Decimal('0.4000'), 30, 75, None)
    """

    id: str
    value: Decimal | None
    numerator: int | Decimal | None = None
    denominator: int | Decimal | None = None
    exact: bool = True
    reason: str | None = None


def measure_definitions() -> tuple[MeasureDefinition, ...]:
    """The rates zwgk computes, from the shipped crosswalk data.

    Example:
        >>> from zwgk import measure_definitions
        >>> [d.id for d in measure_definitions()][:3]
        ['disclosure_rate', 'review_correction_rate', 'litigation_loss_rate']
    """
    return _definitions()


@functools.cache
def _definitions() -> tuple[MeasureDefinition, ...]:
    known = {c.id for c in crosswalk()}
    out: list[MeasureDefinition] = []
    for i, entry in enumerate(_data().get("measures", ())):
        where = f"crosswalk.json: measures[{i}]"
        try:
            d = MeasureDefinition(
                id=entry["id"],
                label=entry.get("label", ""),
                numerator=tuple(entry["numerator"]),
                denominator=tuple(entry["denominator"]),
                description=entry.get("description", ""),
            )
        except (KeyError, TypeError) as exc:
            raise DataError(f"malformed measure: {exc!r}", where=where) from exc
        unknown = [c for c in (*d.numerator, *d.denominator) if c not in known]
        if unknown or not d.numerator or not d.denominator:
            raise DataError(f"measure {d.id!r} names unknown or no concepts {unknown}", where=where)
        out.append(d)
    return tuple(out)


def _sum(
    concepts: Sequence[str], values: Mapping[str, HarmonizedValue | Value]
) -> tuple[int | Decimal | None, list[str], bool]:
    total: int | Decimal = 0
    missing: list[str] = []
    exact = True
    for concept_id in concepts:
        found = values.get(concept_id)
        if isinstance(found, HarmonizedValue):
            exact = exact and found.exact
            found = found.value
        if found is None:
            missing.append(concept_id)
        else:
            total += found
    return (None if missing else total), missing, exact


def _rate(
    d: MeasureDefinition, values: Mapping[str, HarmonizedValue | Value], min_count: int
) -> Measure:
    num, num_missing, num_exact = _sum(d.numerator, values)
    den, den_missing, den_exact = _sum(d.denominator, values)
    exact = num_exact and den_exact
    missing = num_missing + den_missing
    if missing:
        return Measure(d.id, None, num, den, exact, f"missing {', '.join(missing)}")
    assert num is not None
    assert den is not None
    if den == 0:
        return Measure(d.id, None, num, den, exact, "denominator is 0")
    if den < min_count:
        return Measure(d.id, None, num, den, exact, f"denominator {den} < min_count {min_count}")
    value = (Decimal(num) / Decimal(den)).quantize(QUANTUM, rounding=ROUND_HALF_EVEN)
    return Measure(d.id, value, num, den, exact)


def measures(
    source: AnnualReport | Mapping[str, HarmonizedValue | Value], *, min_count: int = 10
) -> dict[str, Measure]:
    """Every defined rate of a report, or of concept values (harmonized or plain numbers).

    A rate is ``Decimal`` quantized to 4 places (half-even), or ``None`` with
    a ``reason``: a missing part (blank is never zero), a zero denominator,
    or a denominator below ``min_count``.  Plain numbers count as exact.

    Example:
        >>> import zwgk
        >>> from zwgk import measures
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> m = measures(report)
        >>> m["disclosure_rate"].value, m["disclosure_rate"].exact
        (Decimal('0.7600'), False)
        >>> m["review_correction_rate"].reason
        'denominator is 0'
        >>> m["share_natural_person"].reason  # no applicant columns before 2019
        'missing applicants_natural_person'
    """
    if min_count < 0:
        raise InputError(f"min_count must be >= 0, got {min_count}")
    values = harmonize(source) if isinstance(source, AnnualReport) else source
    return {d.id: _rate(d, values, min_count) for d in _definitions()}


# --- regions ---------------------------------------------------------------------------------

_RANK = {Level.PROVINCE: 0, Level.CITY: 1, Level.COUNTY: 2}


def division_parent(code: str, level: Level | str) -> str | None:
    """The code of the division at ``level`` that contains ``code`` (GB/T 2260 prefixes).

    ``level`` is ``province``, ``city`` or ``county``.  Six-digit codes
    (and the 9/12-digit township codes that extend them) are cut to the
    level's prefix and padded with zeros: county ``430221`` is in city
    ``430200`` and province ``430000``.  ``None`` when the code is at a
    higher level than asked (a province has no city).  The rule is
    mechanical: a municipality's district gets the placeholder city
    ``310100``, a county directly under a province ``429000``.  Raises
    `zwgk.InputError` for a code that is not 6, 9 or 12 digits
    or an unsupported level.

    Example:
        >>> from zwgk import division_parent
        >>> division_parent("430221", "city"), division_parent("430221", "province")
        ('430200', '430000')
        >>> division_parent("430200", "county") is None
        True
    """
    try:
        lvl = Level(level)
    except ValueError:
        lvl = None
    if lvl not in _RANK:
        raise InputError(f"level must be province, city or county, got {str(level)!r}")
    if not (
        isinstance(code, str) and code.isascii() and code.isdigit() and len(code) in (6, 9, 12)
    ):
        raise InputError(f"not a division code: {code!r}")
    assert lvl is not None
    six = code[:6]
    # the code's own level: 0 province, 1 city, 2 county, 3 township (9/12 digits)
    own = 3 if len(code) > 6 else 0 if six.endswith("0000") else 1 if six.endswith("00") else 2
    rank = _RANK[lvl]
    if rank > own:
        return None  # the code stands above the level asked for
    keep = 2 * (rank + 1)
    return six[:keep] + "0" * (6 - keep)


# --- roll-ups --------------------------------------------------------------------------------

_REGION_KEYS = ("province", "city", "county")


def _scalar(value: Any) -> int | None:
    """A wide-frame cell as a Python int, or ``None`` for <NA>."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except ImportError:  # pragma: no cover
        pass
    return int(value)


def _region(code: Any, level: str) -> str | None:
    if not isinstance(code, str):
        return None
    try:
        return division_parent(code, level)
    except InputError:
        return None


def rollup(
    frame: pd.DataFrame,
    by: str | Sequence[str] = (),
    *,
    scope: str | None = "agency",
    min_count: int = 10,
) -> pd.DataFrame:
    """Sum the wide frame's additive concepts by group and recompute the rates from the sums.

    ``frame`` is ``to_frame(docs, kind="wide")``.  ``by`` names columns
    (``"year"``, ``"format"``, ``"agency_full"`` …) and/or the derived region
    keys ``"province"``, ``"city"``, ``"county"`` (from ``division_code``
    with `zwgk.division_parent`; a
    report above that level or without a code falls in the ``<NA>`` group).
    ``scope="agency"`` (the default) keeps only agency-scope reports, so a
    region's aggregate report is not added to its agencies' own;
    ``"aggregate"`` keeps only aggregates, ``None`` keeps both.

    A group's sum is ``<NA>`` when any report of the group lacks the concept
    (blank is never zero; filter the frame first to roll up complete cases).
    Rates are recomputed from the summed parts with
    `zwgk.measures` and hold ``Decimal`` or
    ``None``, never an average of rates.  Columns: the group keys,
    ``reports``, the additive concepts, ``lossy_concepts`` (union over the
    group) and one column per rate.  Needs the ``pandas`` extra.

    Example:
        >>> import zwgk
        >>> from zwgk import to_frame, rollup
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> out = rollup(to_frame([report, report], kind="wide"), by="province")
        >>> print(*out.loc[0, ["province", "reports", "granted", "results_total", "disclosure_rate"]])
        430000 2 34 50 0.7600
    """
    pd = pandas_module("rollup")
    keys = [by] if isinstance(by, str) else list(by)
    concepts = [c for c in crosswalk() if c.additive]
    missing_columns = [c.id for c in concepts if c.id not in frame.columns]
    for name in ("scope", "division_code", "lossy_concepts"):
        if name not in frame.columns:
            missing_columns.append(name)
    if missing_columns:
        raise InputError(f"not a wide frame: no column(s) {', '.join(missing_columns)}")
    data = frame
    if scope is not None:
        data = data[data["scope"] == scope]
    data = data.copy()
    key_specs: list[ColumnSpec] = []
    for key in keys:
        if key in _REGION_KEYS:
            data[key] = pd.array(
                [_region(code, key) for code in data["division_code"].tolist()], dtype="string"
            )
            key_specs.append(ColumnSpec(key, "string", "string", f"{key} division code"))
        elif key in frame.columns:
            dtype = str(frame[key].dtype)
            key_specs.append(ColumnSpec(key, dtype, "any", key))
        else:
            raise InputError(f"cannot group by {key!r}: no such column")
    definitions = _definitions()
    columns = (
        *key_specs,
        ColumnSpec("reports", "Int64", "integer", "number of reports summed"),
        *(ColumnSpec(c.id, "Int64", "integer", c.description) for c in concepts),
        ColumnSpec("lossy_concepts", "string", "string", "union of the reports' lossy concepts"),
        *(ColumnSpec(d.id, "object", "number", d.description) for d in definitions),
    )
    out: dict[str, list[Any]] = {spec.name: [] for spec in columns}
    groups: list[tuple[tuple[Any, ...], Any]]
    if not keys:
        groups = [((), data)] if len(data) else []
    else:
        groups = [
            (key if isinstance(key, tuple) else (key,), sub)
            for key, sub in data.groupby(keys, dropna=False, sort=True)
        ]
    for key_values, sub in groups:
        for name, value in zip(keys, key_values, strict=True):
            out[name].append(None if pd.isna(value) else value)
        out["reports"].append(len(sub))
        sums: dict[str, Value] = {}
        for c in concepts:
            values = [_scalar(v) for v in sub[c.id].tolist()]
            total = (
                None if any(v is None for v in values) else sum(v for v in values if v is not None)
            )
            sums[c.id] = total
            out[c.id].append(total)
        lossy = sorted(
            {
                name
                for text in sub["lossy_concepts"].dropna().tolist()
                for name in str(text).split(",")
            }
        )
        out["lossy_concepts"].append(",".join(lossy) or None)
        lossy_set = set(lossy)
        rates = measures(
            {
                cid: HarmonizedValue(cid, value, exact=cid not in lossy_set)
                for cid, value in sums.items()
            },
            min_count=min_count,
        )
        for d in definitions:
            out[d.id].append(rates[d.id].value)
    return build_frame(columns, out, "rollup")
