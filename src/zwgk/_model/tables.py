"""Statistical tables, their cells, numbers left unplaced, and numbers stated in the prose."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import attrs

from zwgk._model.core import BBox, Span, Value, _new, slot_setters
from zwgk._model.enums import TableFormat, TokenClass
from zwgk._model.indicators import TemplateRef, default_column
from zwgk._model.reprs import count, short

#: Token classes that say "nothing here"; never read them as zero.
EMPTY_CLASSES = frozenset(
    {TokenClass.BLANK, TokenClass.DASH, TokenClass.SLASH, TokenClass.NONE_WORD}
)


@attrs.frozen(repr=False)
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

    @classmethod
    def _trusted(
        cls,
        indicator: str | None,
        column: str | None,
        row_labels: tuple[str, ...],
        column_labels: tuple[str, ...],
        raw: str,
        value: Value,
        token_class: TokenClass,
        unit: str | None,
        span: Span | None,
        note: str | None,
        inferred_reason: str | None,
        alternatives: tuple[int | Decimal, ...],
    ) -> Cell:
        """A cell whose class and value the parser derived together (`zwgk._parse.tokens.classify`):
        built without the validator, which guards what users, ``from_json`` and tests build.

        ``inferred`` is set when an ``inferred_reason`` is given; ``page`` and ``bbox``
        are ``None``.  Equal to the cell the validated constructor builds.

        Example:
            >>> import zwgk
            >>> args = ("x", "value", ("X",), ("统计数",), "0", 0, zwgk.TokenClass.ZERO)
            >>> zwgk.Cell._trusted(*args, "件", None, None, None, ()) == zwgk.Cell(*args, "件")
            True
        """
        (
            set_indicator,
            set_column,
            set_row_labels,
            set_column_labels,
            set_raw,
            set_value,
            set_token_class,
            set_unit,
            set_span,
            set_note,
            set_inferred,
            set_inferred_reason,
            set_alternatives,
            set_page,
            set_bbox,
        ) = _CELL_SLOTS
        cell = _new(cls)
        set_indicator(cell, indicator)
        set_column(cell, column)
        set_row_labels(cell, row_labels)
        set_column_labels(cell, column_labels)
        set_raw(cell, raw)
        set_value(cell, value)
        set_token_class(cell, token_class)
        set_unit(cell, unit)
        set_span(cell, span)
        set_note(cell, note)
        set_inferred(cell, inferred_reason is not None)
        set_inferred_reason(cell, inferred_reason)
        set_alternatives(cell, alternatives)
        set_page(cell, None)
        set_bbox(cell, None)
        return cell

    def __repr__(self) -> str:
        shown = "open" if self.is_open else repr(self.value) if self.value is not None else "-"
        flags = [f"raw={short(self.raw, 12)}"]
        if self.inferred:
            flags.append("inferred")
        if self.alternatives:
            flags.append("alternatives " + "/".join(str(a) for a in self.alternatives[:3]))
        return f"<Cell {short(self.key, 48)[1:-1]} = {shown} ({', '.join(flags)})>"

    @property
    def is_open(self) -> bool:
        """True where a guess stayed open: no value, several ``alternatives``."""
        return self.value is None and bool(self.alternatives)

    @property
    def key(self) -> str:
        """``indicator[column]``; the printed row label stands in for an unknown indicator."""
        row = self.indicator if self.indicator is not None else "/".join(self.row_labels)
        return f"{row}[{self.column}]"

    @property
    def is_empty(self) -> bool:
        """True for blank, dash, slash and 无 (not for zero)."""
        return self.token_class in EMPTY_CLASSES


_CELL_SLOTS = slot_setters(Cell)


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


@attrs.frozen(repr=False)
class StatTable:
    """A statistical table of a report: its template id, printed caption, cells and leftovers.

    ``id`` is the template's id (``f2021.t3``, ``legacy_2014.t1``) or
    ``local`` for a table no template knows; ``template`` is that id as a
    typed `zwgk.TemplateRef`.
    A notebook shows it in its official layout (the lines of `zwgk.render`),
    inferred and open cells marked; `zwgk.StatTable.to_frame` gives it as a
    DataFrame in the same layout.

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

    def __repr__(self) -> str:
        counts = cell_counts(self.cells, len(self.unplaced))
        title = f" {short(self.title, 24)}" if self.title else ""
        return f"<StatTable {self.id} {self.format.value}{title}: {', '.join(counts)}>"

    def _repr_html_(self) -> str:
        from zwgk._render_html import table_html  # rendering stays out of the model

        return table_html(self)

    def to_frame(self, raw: bool = False) -> Any:
        """This table as a pandas DataFrame in its own printed layout.

        Rows are the printed row labels (the index), columns the printed column
        labels (``单位`` too, for tables that print a unit column; ``group/leaf``
        for 表四, printed as one row).  Values are nullable ``Int64`` counts, or
        ``object`` holding ``Decimal`` where a column has money; blank, ``—``,
        ``/``, ``无`` and open cells are ``<NA>``.  ``raw=True`` gives the raw
        tokens as printed instead (strings).  Like camelot's ``table.df``, for
        one table; `zwgk.to_frame` gives tidy rows for many documents.  Needs the
        ``pandas`` extra, else raises `zwgk.MissingExtraError`.

        Examples:
            >>> import zwgk
            >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
            >>> frame = report.tables[0].to_frame()
            >>> frame.loc["(一)收到申请数"].tolist()
            ['件', 25]
            >>> report.tables[0].to_frame(raw=True).loc["(二)申请办结数"].tolist()
            ['件', '25']
        """
        from zwgk._render import table_frame  # pandas and layout stay out of the model

        return table_frame(self, raw=raw)

    @property
    def template(self) -> TemplateRef | None:
        """The template the id names (``None`` for ``local``).

        Examples:
            >>> import zwgk
            >>> str(zwgk.StatTable(id="f2021.t3", format=zwgk.TableFormat.F2021).template)
            'f2021.t3'
        """
        return TemplateRef.of(self.id)

    def get(self, indicator: str, column: str | None = None) -> Cell | None:
        """The cell at ``indicator`` and ``column``, or ``None``.

        Without ``column``, a row of one column gives that column's cell
        (``value`` in legacy tables); a row of several columns raises
        `zwgk.InputError` naming them.

        Examples:
            >>> import zwgk
            >>> t = zwgk.StatTable(id="local", format=zwgk.TableFormat.LEGACY_LOCAL)
            >>> t.get("apps_received") is None
            True
        """
        if column is None:
            column = default_column(self.format, self.id, indicator)
        for cell in self.cells:
            if cell.indicator == indicator and cell.column == column:
                return cell
        return None

    def value(self, indicator: str, column: str | None = None) -> Value:
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


def cell_counts(cells: Sequence[Cell], unplaced: int) -> list[str]:
    """``N cells`` and, where there are any, how many are inferred, open and unplaced (for reprs).

    Examples:
        >>> cell_counts([], 2)
        ['0 cells', '2 unplaced']
    """
    inferred = sum(c.inferred for c in cells)
    opened = sum(c.is_open for c in cells)
    extra = ((inferred, "inferred"), (opened, "open"), (unplaced, "unplaced"))
    return [count(len(cells), "cell"), *(f"{n} {word}" for n, word in extra if n)]


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
