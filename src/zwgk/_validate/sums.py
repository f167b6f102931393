"""Identities of the indicator trees, checked on a report's cells (and last year's).

The binding of wildcard identities to cells is the model's
(`checks`); this module only decides, for
each bound check, whether the printed numbers break it.  The Arelle rule
applies: a check runs only where the total and at least one part carry
numbers; blank, —, / and 无 are not zero.  Where parts are missing a check
fails only when the parts present already exceed the total (adding parts,
which are never negative, can only make the sum larger).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import attrs

from zwgk._findings import CONTINUITY_FAILED, IDENTITY_FAILED, finding
from zwgk._model.core import Finding, Ref
from zwgk._model.documents import AnnualReport
from zwgk._model.identities import Check, Key
from zwgk._model.indicators import Identity, TableTemplate, Term
from zwgk._model.tables import Cell, StatTable
from zwgk._model.templates import Templates
from zwgk._validate.common import Num, cell_ref, fmt, number

__all__ = ["Operand", "continuity_findings", "identity_findings", "template_of"]

_MAX_EXPANSION = 3


@attrs.frozen
class Operand:
    """One term of a bound check with the cell it reads (``None``: not printed).

    ``year_offset`` is ``-1`` for last year's cell; ``via`` names the group
    cell this operand stands in for (a sub-row read in place of its group).

    Example:
        >>> from zwgk._validate.sums import Operand
        >>> op = Operand("carried_over_out", "total", 1, None, year_offset=-1)
        >>> (op.label, op.value, op.ref.span)
        ('carried_over_out[total]@-1', None, None)
    """

    indicator: str
    column: str
    sign: int
    cell: Cell | None
    year_offset: int = 0
    via: str | None = None

    @property
    def value(self) -> Num | None:
        """The cell's number, or ``None`` when it carries none."""
        return number(self.cell)

    @property
    def label(self) -> str:
        """``indicator[column]``, with ``@-1`` for last year's cell."""
        suffix = f"@{self.year_offset}" if self.year_offset else ""
        return f"{self.indicator}[{self.column}]{suffix}"

    @property
    def ref(self) -> Ref:
        """Where the operand's cell is.

        No span when the cell was not printed, nor for last year's cell (its span
        points into another document).
        """
        return cell_ref(self.indicator, self.column, None if self.year_offset else self.cell)


@attrs.frozen
class _Side:
    total: Num
    present: int
    missing: int
    bounded: bool

    @property
    def complete(self) -> bool:
        return self.missing == 0


def _side(ops: Sequence[Operand]) -> _Side:
    total: Num = 0
    present = missing = 0
    bounded = True
    for op in ops:
        value = op.value
        if value is None:
            missing += 1
            bounded = bounded and op.sign > 0
        else:
            present += 1
            total += op.sign * value
    return _Side(total, present, missing, bounded)


def _holds(relation: str, left: Num, right: Num) -> bool:
    if relation == "=":
        return left == right
    if relation == "<=":
        return left <= right
    return left >= right


def breaks(
    relation: str, lhs: Sequence[Operand], rhs: Sequence[Operand], *, partial: bool = True
) -> tuple[Num, Num] | None:
    """``(left, right)`` when the printed numbers break the relation, else ``None``.

    ``None`` also when the check cannot be assessed.  With ``partial`` a side
    with missing (non-negative) parts is a lower bound, which breaks ``=`` and
    ``<=`` only where it already exceeds the complete other side.

    Example:
        >>> from zwgk import Cell, TokenClass
        >>> from zwgk._validate.sums import Operand, breaks
        >>> def op(v):
        ...     c = Cell("x", "value", (), (), str(v), v, TokenClass.NUMBER) if v is not None else None
        ...     return Operand("x", "value", 1, c)
        >>> breaks("=", [op(5)], [op(3), op(3), op(None)])
        (5, 6)
        >>> breaks("=", [op(9)], [op(3), op(3), op(None)]) is None
        True
    """
    left, right = _side(lhs), _side(rhs)
    if left.complete and right.complete:
        if left.present == 0 and right.present == 0:
            return None
        return None if _holds(relation, left.total, right.total) else (left.total, right.total)
    if not partial:
        return None
    # The right side is at least its present parts: = and >= fail if that exceeds the left.
    if (
        relation in ("=", ">=")
        and left.complete
        and right.present
        and right.bounded
        and right.total > left.total
    ):
        return left.total, right.total
    # The left side is at least its present parts: = and <= fail if that exceeds the right.
    if (
        relation in ("=", "<=")
        and right.complete
        and left.present
        and left.bounded
        and left.total > right.total
    ):
        return left.total, right.total
    return None


def template_of(table: StatTable, templates: Templates | None = None) -> TableTemplate | None:
    """The template of a table in ``templates`` (default: the shipped trees), else ``None``.

    Example:
        >>> from zwgk import StatTable, TableFormat
        >>> from zwgk._validate.sums import template_of
        >>> template_of(StatTable(id="f2021.t3", format=TableFormat.F2021)).qualified_id
        'f2021.t3'
        >>> template_of(StatTable(id="local", format=TableFormat.LEGACY_LOCAL)) is None
        True
    """
    return (templates or Templates.shipped()).template_of(table)


def cell_index(table: StatTable) -> dict[Key, Cell]:
    """The first cell at each (indicator, column) of a table.

    Example:
        >>> from zwgk import Cell, StatTable, TableFormat, TokenClass
        >>> from zwgk._validate.sums import cell_index
        >>> c = Cell("review_total", "value", (), (), "2", 2, TokenClass.NUMBER)
        >>> list(cell_index(StatTable(id="f2021.t4", format=TableFormat.F2021, cells=(c,))))
        [('review_total', 'value')]
    """
    index: dict[Key, Cell] = {}
    for cell in table.cells:
        if cell.indicator is not None and cell.column is not None:
            index.setdefault((cell.indicator, cell.column), cell)
    return index


def _identity(template: TableTemplate, rule: str) -> Identity | None:
    return next((i for i in template.identities if i.id == rule), None)


def _operands(
    side: tuple[tuple[Key, int], ...],
    cells: Mapping[Key, Cell],
    definitions: Mapping[Key, tuple[Key, ...]],
    expand: bool,
) -> list[Operand]:
    out: list[Operand] = []

    def add(key: Key, sign: int, via: str | None, depth: int) -> None:
        cell = cells.get(key)
        if expand and number(cell) is None and key in definitions and depth < _MAX_EXPANSION:
            label = via or f"{key[0]}[{key[1]}]"
            for part in definitions[key]:
                add(part, sign, label, depth + 1)
            return
        out.append(Operand(key[0], key[1], sign, cell, via=via))

    for key, sign in side:
        add(key, sign, None, 0)
    return out


def _bound_expr(relation: str, lhs: Sequence[Operand], rhs: Sequence[Operand]) -> str:
    def side(ops: Sequence[Operand]) -> str:
        text = ""
        for i, op in enumerate(ops):
            if i == 0:
                text = op.label if op.sign > 0 else f"-{op.label}"
            else:
                text += (" + " if op.sign > 0 else " - ") + op.label
        return text

    return f"{side(lhs)} {relation} {side(rhs)}"


def _finding(
    code: str,
    check: Check,
    identity: Identity | None,
    lhs: Sequence[Operand],
    rhs: Sequence[Operand],
    left: Num,
    right: Num,
) -> Finding:
    ops = (*lhs, *rhs)
    present = [op for op in ops if op.value is not None]
    missing = [op for op in ops if op.value is None]
    inferred = [op for op in present if op.cell is not None and op.cell.inferred]
    via = sorted({op.via for op in ops if op.via})
    expr = _bound_expr(check.relation, lhs, rhs)
    single = len(lhs) == 1 and lhs[0].value is not None
    if single:
        head = f"reported total {lhs[0].label} = {fmt(left)}, computed sum {fmt(right)}"
        head_zh = f"合计 {lhs[0].label} 填报 {fmt(left)}，分项计算为 {fmt(right)}"
    else:
        head = f"left side {fmt(left)}, right side {fmt(right)}"
        head_zh = f"左边合计 {fmt(left)}，右边合计 {fmt(right)}"
    shown = [op for op in present if not (single and op is lhs[0])]
    notes: list[str] = []
    notes_zh: list[str] = []
    if missing:
        names = ", ".join(op.label for op in missing)
        notes.append(
            f"parts missing (not reported; blank is not zero): {names}; "
            "the parts present already exceed the other side"
        )
        notes_zh.append(
            f"未填报（空白不等于零）：{'、'.join(op.label for op in missing)}，已填报部分已超过另一边"
        )
    if via:
        notes.append(
            f"group cells not printed, read as the sum of their sub-rows: {', '.join(via)}"
        )
        notes_zh.append(f"未印出数值的分组行按其子项之和计：{'、'.join(via)}")
    if inferred:
        names = ", ".join(op.label for op in inferred)
        notes.append(f"the parser inferred the values of {names}")
        notes_zh.append(f"以下数值系解析时推定：{'、'.join(op.label for op in inferred)}")
    return finding(
        code,
        severity=check.tag.severity,
        rule=check.rule,
        refs=tuple(op.ref for op in ops if op.value is not None),
        missing=tuple(op.ref for op in ops if op.value is None),
        reported=left,
        expected=right,
        expr=expr,
        template=f" (template: {identity.expr})" if identity and identity.expr != expr else "",
        head=head,
        head_zh=head_zh,
        parts=", ".join(f"{op.label}={fmt(v)}" for op in shown if (v := op.value) is not None),
        notes="".join(f"; {n}" for n in notes),
        notes_zh="".join(f"；{n}" for n in notes_zh),
    )


def identity_findings(
    report: AnnualReport, templates: Templates | None = None
) -> Iterator[Finding]:
    """``identity.failed`` for every within-year identity the report's tables break.

    Example:
        >>> import zwgk
        >>> from zwgk._validate.sums import identity_findings
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> list(identity_findings(report))
        []
    """
    registry = templates or Templates.shipped()
    for table in report.tables:
        template = registry.template_of(table)
        if template is None:
            continue
        cells = cell_index(table)
        views = registry.compiled(template)
        definitions = views.definitions
        for check in views.checks:
            groups = [k for k in check.keys if k in definitions]
            defines = len(check.lhs) == 1 and check.lhs[0][0] in definitions
            expand = bool(groups) and not defines and len(groups) < len(check.keys)
            lhs = _operands(check.lhs, cells, definitions, expand)
            rhs = _operands(check.rhs, cells, definitions, expand)
            broken = breaks(check.relation, lhs, rhs)
            if broken is not None:
                identity = _identity(template, check.rule)
                code = (identity.code if identity else "") or IDENTITY_FAILED
                yield _finding(code, check, identity, lhs, rhs, *broken)


# ---- year to year ------------------------------------------------------------------------


def _table_like(report: AnnualReport, table_id: str) -> StatTable | None:
    # The table of the same id (t3) in last year's report, whatever its generation.
    return next(
        (t for t in report.tables if t.template is not None and t.template.table == table_id),
        None,
    )


def _bind_years(
    side: tuple[tuple[Key, int], ...],
    terms: tuple[Term, ...],
    now: Mapping[Key, Cell],
    before: Mapping[Key, Cell],
) -> list[Operand]:
    out: list[Operand] = []
    for (key, sign), term in zip(side, terms, strict=True):
        if term.year_offset not in (0, -1):
            return []
        source = before if term.year_offset == -1 else now
        out.append(Operand(key[0], key[1], sign, source.get(key), term.year_offset))
    return out


def continuity_findings(
    report: AnnualReport, previous: AnnualReport, templates: Templates | None = None
) -> Iterator[Finding]:
    """``continuity.*`` for cross-year identities broken between last year's report and this.

    Runs only where both reports have tables of the same generation family
    (the trees' ``family``: legacy, or 2019/2021) and, when both years are
    known, ``previous`` covers the year before.  Every term must carry a
    number (no partial checks).  The finding's code is the identity's
    ``code`` in its tree (``continuity.carry_over`` for X-1), else
    ``continuity.failed``.

    Example:
        >>> import zwgk
        >>> from zwgk._validate.sums import continuity_findings
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> list(continuity_findings(report, report))
        []
    """
    registry = templates or Templates.shipped()
    family = registry.family(report.format)
    if family is None or family != registry.family(previous.format):
        return
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        return
    for table in report.tables:
        template = registry.template_of(table)
        if template is None:
            continue
        prev_table = _table_like(previous, template.id)
        if prev_table is None:
            continue
        now_cells, prev_cells = cell_index(table), cell_index(prev_table)
        for check, identity in registry.compiled(template).cross_checks:
            lhs = _bind_years(check.lhs, identity.lhs, now_cells, prev_cells)
            rhs = _bind_years(check.rhs, identity.rhs, now_cells, prev_cells)
            if not lhs or not rhs:
                continue
            broken = breaks(check.relation, lhs, rhs, partial=False)
            if broken is not None:
                code = identity.code or CONTINUITY_FAILED
                yield _finding(code, check, identity, lhs, rhs, *broken)
