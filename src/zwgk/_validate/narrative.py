"""Numbers the narrative states for a table cell, held against the cell (spec X-2)."""

from __future__ import annotations

from collections.abc import Iterator

from zwgk._findings import TEXT_MISMATCH, finding
from zwgk._model.core import Finding, Ref
from zwgk._model.documents import AnnualReport
from zwgk._model.tables import Cell, NarrativeFact
from zwgk._text.vocab import MONEY_UNITS
from zwgk._validate.common import Num, cell_ref, fmt, number

__all__ = ["text_findings"]

#: Qualifiers that make the stated number a lower bound (5万余: at least 50000).
AT_LEAST = frozenset({"余", "多", "超过", "逾"})
#: Qualifiers that make it an upper bound (近100: a little under 100).
AT_MOST = frozenset({"近", "将近", "不到"})


def _cell(report: AnnualReport, fact: NarrativeFact) -> Cell | None:
    if fact.indicator is None or fact.column is None:
        return None
    for table in report.tables:
        for cell in table.cells:
            if cell.indicator == fact.indicator and cell.column == fact.column:
                return cell
    return None


def _units_differ(fact: NarrativeFact, cell: Cell) -> bool:
    if fact.unit is None or cell.unit is None or fact.unit == cell.unit:
        return False
    return fact.unit in MONEY_UNITS or cell.unit in MONEY_UNITS


def _verdict(fact: NarrativeFact, value: Num) -> tuple[str, str] | None:
    if fact.exact:
        if fact.value != value:
            return "differs from the text", "不一致"
        return None
    if fact.qualifier in AT_LEAST and value < fact.value:
        return f"is below the lower bound the text gives ({fact.qualifier})", "低于正文所述下限"
    if fact.qualifier in AT_MOST and value > fact.value:
        return f"is above the upper bound the text gives ({fact.qualifier})", "高于正文所述上限"
    return None


def text_findings(report: AnnualReport) -> Iterator[Finding]:
    """``text.mismatch`` for narrative facts bound to a cell whose number disagrees.

    ``reported`` is the number the text states, ``expected`` the table's;
    ``refs`` hold the cell first, then the text.  A fact bound to a blank cell
    says nothing (blank is not zero).

    Example:
        >>> import zwgk
        >>> from zwgk._validate.narrative import text_findings
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> [(f.phrase, f.value, report.cell(f.indicator).value) for f in report.facts if f.indicator]
        [('我局收到', 25, 25)]
        >>> list(text_findings(report))
        []
    """
    for fact in report.facts:
        cell = _cell(report, fact)
        value = number(cell)
        if cell is None or value is None or _units_differ(fact, cell):
            continue
        verdict = _verdict(fact, value)
        if verdict is None:
            continue
        how, how_zh = verdict
        indicator, column = fact.indicator or "", fact.column or ""
        yield finding(
            TEXT_MISMATCH,
            rule="X-2",
            refs=(cell_ref(indicator, column, cell), Ref(span=fact.span)),
            reported=fact.value,
            expected=value,
            label=f"{indicator}[{column}]",
            value=fmt(value),
            inferred=" (a value the parser inferred)" if cell.inferred else "",
            how=how,
            how_zh=how_zh,
            stated=fact.phrase + fact.raw,
            number=fmt(fact.value),
        )
