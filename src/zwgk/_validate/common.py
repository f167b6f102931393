"""Small helpers every rule module shares: numbers of cells, findings, ordering."""

from __future__ import annotations

import sys
from decimal import Decimal

from zwgk._model.core import Finding, Ref
from zwgk._model.enums import Severity, TableFormat, TokenClass
from zwgk._model.tables import Cell

#: A number read from a cell: a count or an amount of money.
Num = int | Decimal

_NUMERIC = frozenset({TokenClass.NUMBER, TokenClass.ZERO})

#: Generations whose reports must print the six sections and the three tables.
NATIONAL = frozenset({TableFormat.F2019, TableFormat.F2021})


def number(cell: Cell | None) -> Num | None:
    """The number a cell carries, or ``None`` for blank, —, /, 无, text and absent cells.

    Example:
        >>> from zwgk import Cell, TokenClass
        >>> from zwgk._validate.common import number
        >>> number(Cell("a", "value", (), (), "", None, TokenClass.BLANK)) is None
        True
        >>> number(Cell("a", "value", (), (), "0", 0, TokenClass.ZERO))
        0
    """
    if cell is None or cell.token_class not in _NUMERIC:
        return None
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return value


def cell_ref(indicator: str, column: str, cell: Cell | None) -> Ref:
    """A reference to a table cell, with its span when the cell was printed.

    Example:
        >>> from zwgk._validate.common import cell_ref
        >>> cell_ref("review_total", "value", None).label
        'review_total[value]'
    """
    return Ref(indicator, column, None if cell is None else cell.span)


def finding(
    code: str,
    severity: Severity,
    message: str,
    message_zh: str,
    *,
    rule: str | None = None,
    refs: tuple[Ref, ...] = (),
    missing: tuple[Ref, ...] = (),
    reported: Num | None = None,
    expected: Num | None = None,
) -> Finding:
    """A `zwgk.Finding` with keyword arguments in one place.

    Example:
        >>> from zwgk import Severity
        >>> from zwgk._validate.common import finding
        >>> finding("date.late", Severity.WARNING, "late", "逾期").message_zh
        '逾期'
    """
    return Finding(
        code=code,
        severity=severity,
        message=message,
        message_zh=message_zh,
        rule=rule,
        refs=refs,
        missing=missing,
        reported=reported,
        expected=expected,
    )


def position(f: Finding) -> int:
    """Where a finding points in the source text: its first span's start, else the end.

    Example:
        >>> import sys
        >>> from zwgk import Finding, Ref, Severity, Span
        >>> from zwgk._validate.common import position
        >>> position(Finding("x", Severity.INFO, "", refs=(Ref(span=Span(7, 9)),)))
        7
        >>> position(Finding("x", Severity.INFO, "")) == sys.maxsize
        True
    """
    for ref in (*f.refs, *f.missing):
        if ref.span is not None:
            return ref.span.start
    return sys.maxsize


def sort_key(f: Finding) -> tuple[int, int, str, str, str]:
    """Errors first, then by position in the text, then by code, rule and message.

    Example:
        >>> from zwgk import Finding, Severity
        >>> from zwgk._validate.common import sort_key
        >>> found = [Finding("b", Severity.INFO, ""), Finding("a", Severity.ERROR, "")]
        >>> [f.code for f in sorted(found, key=sort_key)]
        ['a', 'b']
    """
    return (-f.severity.rank, position(f), f.code, f.rule or "", f.message)


def fmt(value: Num) -> str:
    """A number as printed in messages (``Decimal`` without exponent).

    Example:
        >>> from decimal import Decimal
        >>> from zwgk._validate.common import fmt
        >>> fmt(Decimal("4068.208")), fmt(25)
        ('4068.208', '25')
    """
    return format(value, "f") if isinstance(value, Decimal) else str(value)
