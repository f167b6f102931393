"""Statistical tables, their cells, numbers left unplaced, and numbers stated in the prose."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import attrs

from zwgk._model.core import BBox, Span, Value
from zwgk._model.enums import TableFormat, TokenClass
from zwgk._model.indicators import TemplateRef

#: Token classes that say "nothing here"; never read them as zero.
EMPTY_CLASSES = frozenset(
    {TokenClass.BLANK, TokenClass.DASH, TokenClass.SLASH, TokenClass.NONE_WORD}
)


@attrs.frozen
class Cell:
    """One value of a statistical table, placed on its indicator and column.

    ``raw`` is the token as printed and ``token_class`` what kind of token it
    is; ``value`` is an ``int`` for counts, a ``Decimal`` for money, ``None``
    for blank, ``—``, ``/``, ``无`` or text.  ``span`` points into the source
    text.  Where the parser had to guess (for instance splitting the run
    ``640020470`` into cells), ``inferred`` is set, ``inferred_reason`` says
    why and ``alternatives`` lists the other values the cell could take.
    A cell read from a PDF also keeps its ``page`` (from 1) and the ``bbox``
    of its box on that page.

    Examples:
        >>> import zwgk
        >>> c = zwgk.Cell(indicator="apps_received", column="value",
        ...               row_labels=("三、依申请公开情况", "(一)收到申请数"),
        ...               column_labels=("统计数",), raw="25", value=25,
        ...               token_class=zwgk.TokenClass.NUMBER, unit="件",
        ...               span=zwgk.Span(100, 102))
        >>> (c.key, c.is_empty)
        ('apps_received[value]', False)
    """

    indicator: str | None
    column: str | None
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    raw: str
    value: Value
    token_class: TokenClass = attrs.field()
    unit: str | None = None
    span: Span | None = None
    note: str | None = None
    inferred: bool = False
    inferred_reason: str | None = None
    alternatives: tuple[int | Decimal, ...] = ()
    page: int | None = None
    bbox: BBox | None = None

    @token_class.validator
    def _check_class(self, _attribute: attrs.Attribute[TokenClass], cls: TokenClass) -> None:
        # A number only where a number was printed: blank is never zero, zero is zero.
        if cls is TokenClass.ZERO and self.value != 0:
            raise ValueError(f"a {cls.value} cell must have value 0, not {self.value!r}")
        if cls not in (TokenClass.NUMBER, TokenClass.ZERO) and self.value is not None:
            raise ValueError(f"a {cls.value} cell has no value, not {self.value!r}")

    @property
    def key(self) -> str:
        """``indicator[column]``; the printed row label stands in for an unknown indicator."""
        row = self.indicator if self.indicator is not None else "/".join(self.row_labels)
        return f"{row}[{self.column}]"

    @property
    def is_empty(self) -> bool:
        """True for blank, dash, slash and 无 (not for zero)."""
        return self.token_class in EMPTY_CLASSES


@attrs.frozen
class Unplaced:
    """A number inside a table that the parser could not put in a cell, kept, never dropped.

    Examples:
        >>> import zwgk
        >>> zwgk.Unplaced("17", zwgk.Span(5, 7), "more numbers than cells").raw
        '17'
    """

    raw: str
    span: Span
    reason: str


@attrs.frozen
class StatTable:
    """A statistical table of a report: its template id, printed caption, cells and leftovers.

    ``id`` is the template's id (``f2021.t3``, ``legacy_2014.t1``) or
    ``local`` for a table no template knows; ``template`` is that id as a
    typed [`TemplateRef`][zwgk.TemplateRef].

    Examples:
        >>> import zwgk
        >>> t = zwgk.StatTable(id="legacy_2014.t1", format=zwgk.TableFormat.LEGACY_2014)
        >>> (t.id, len(t.cells), t.template.table)
        ('legacy_2014.t1', 0, 't1')
    """

    id: str
    format: TableFormat
    title: str | None = None
    span: Span | None = None
    cells: tuple[Cell, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()

    @property
    def template(self) -> TemplateRef | None:
        """The template the id names (``None`` for ``local``).

        Examples:
            >>> import zwgk
            >>> str(zwgk.StatTable(id="f2021.t3", format=zwgk.TableFormat.F2021).template)
            'f2021.t3'
        """
        return TemplateRef.of(self.id)

    def get(self, indicator: str, column: str = "value") -> Cell | None:
        """The cell at ``indicator`` and ``column``, or ``None``.

        Examples:
            >>> import zwgk
            >>> t = zwgk.StatTable(id="local", format=zwgk.TableFormat.LEGACY_LOCAL)
            >>> t.get("apps_received") is None
            True
        """
        for cell in self.cells:
            if cell.indicator == indicator and cell.column == column:
                return cell
        return None

    def value(self, indicator: str, column: str = "value") -> Value:
        """The value at ``indicator`` and ``column`` (``None`` if absent or empty).

        Examples:
            >>> import zwgk
            >>> t = zwgk.StatTable(id="local", format=zwgk.TableFormat.LEGACY_LOCAL)
            >>> t.value("apps_received") is None
            True
        """
        cell = self.get(indicator, column)
        return None if cell is None else cell.value

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)


@attrs.frozen
class NarrativeFact:
    """A number stated in the prose (``依申请公开全年共受理5件``), with what it counts.

    ``phrase`` is the text the number counts, ``qualifier`` keeps ``余`` /
    ``多`` / ``约`` / ``近`` (the value is then a bound, not exact), and
    ``indicator``/``column`` name the table cell it restates where that is
    unambiguous.

    Examples:
        >>> import zwgk
        >>> f = zwgk.NarrativeFact(phrase="发布信息", raw="246", value=246, unit="条",
        ...                        span=zwgk.Span(0, 3))
        >>> (f.value, f.unit, f.exact)
        (246, '条', True)
    """

    phrase: str
    raw: str
    value: int | Decimal
    unit: str | None
    span: Span
    qualifier: str | None = None
    indicator: str | None = None
    column: str | None = None

    @property
    def exact(self) -> bool:
        """True unless a qualifier (余, 多, 约, 近…) makes the number approximate."""
        return self.qualifier is None
