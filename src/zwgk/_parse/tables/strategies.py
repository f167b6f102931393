"""Reading strategies: each says whether it applies to a located table and proposes placements.

A table is read by the first strategy of `STRATEGIES` that applies to its
`Region`:

- `HtmlGrid`: an HTML table written as pipe lines, a merged cell counted once;
- `PipeTable`: a markdown (pipe) table, labels wrapped across lines or cells;
- `TabTable`: a table copied from a browser, cells split by tabs;
- `Horizontal`: 表四, one row of values under a header of labels;
- `Vertical`: one indicator per line (统计指标 / 单位 / 统计数);
- `Flattened`: a grid flattened to text, each label followed by its values.

Inside the labelled readings, `ValuesApart` reads a block of rows whose
values were printed apart from their labels (PDF writes grids column by
column); `TemplateOrder` reads 表四 by position when its header is too
garbled to find (`Anchored`).  Local tables (no template: 指标名称 / 计量单位 /
N value columns) are read by the same kind of strategy, `zwgk._parse.local.LocalTable`,
whose proposals `zwgk._parse.local.collect_local` collects (its cells carry printed
labels, not indicators).

No strategy writes a finding or a cell: each returns `Proposals`, which
`zwgk._parse.tables.collect.collect` turns into the table.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from collections.abc import Sequence
from typing import ClassVar, Protocol, TypeVar

import attrs

from zwgk._model import Indicator, Layout, Ref, Severity, Span, TableTemplate
from zwgk._parse.resolve import holds
from zwgk._parse.tables.lines import Line, ends, label_row, tab_values
from zwgk._parse.tables.locate import Match, Region
from zwgk._parse.tables.proposals import Proposals
from zwgk._parse.tables.template import Compiled, RowLabel, Slot, Terms, as_int, compiled
from zwgk._parse.tokens import Token

R = TypeVar("R", contravariant=True)


class Strategy(Protocol[R]):
    """A way of reading a table: whether it applies to a region, and what it proposes."""

    name: ClassVar[str]

    def applies(self, region: R) -> bool:
        """True when this strategy reads ``region``."""
        ...

    def propose(self, region: R) -> Proposals:
        """The placements this strategy makes in ``region`` (call only where it applies)."""
        ...


# -- table-wide strategies -------------------------------------------------------------------


class HtmlGrid:
    """An HTML table written as pipe lines (its page offsets known): a merged cell
    printed in every grid position it spans was counted once when the lines were read,
    so values keep their logical order; each line goes to the row its label names."""

    name: ClassVar[str] = "html grid"

    def applies(self, region: Region) -> bool:
        """A grid table whose lines are pipe lines of a page with offsets."""
        return (
            region.template.layout is Layout.GRID
            and region.line_kind == "pipe"
            and region.origins is not None
        )

    def propose(self, region: Region) -> Proposals:
        """Each line on its row; rows without a line read from the text around."""
        return _line_table(region)


class PipeTable:
    """A markdown table: each line goes to the row its label names (a label wrapped over
    lines or cut across cells too); an unlabelled line fills the next empty row, a line
    whose label names no row the one row left between its neighbours (a guess)."""

    name: ClassVar[str] = "pipe"

    def applies(self, region: Region) -> bool:
        """A grid table printed as pipe lines.

        Example:
            >>> from zwgk._parse.tables.strategies import PipeTable
            >>> from zwgk._parse.tables.read import region_of
            >>> import zwgk
            >>> t2 = zwgk.indicator_tree("f2021").table("t2")
            >>> PipeTable().applies(region_of("| 规章 | 1 | 0 | 5 |\\n| 规范性文件 | 3 | 1 | 9 |", t2))
            True
        """
        return region.template.layout is Layout.GRID and region.line_kind == "pipe"

    def propose(self, region: Region) -> Proposals:
        """Each line on its row; rows without a line read from the text around."""
        return _line_table(region)


class TabTable:
    """A table copied from a browser: cells split by tabs, a blank cell an empty field."""

    name: ClassVar[str] = "tab-separated"

    def applies(self, region: Region) -> bool:
        """A grid table printed as tab-separated lines."""
        return region.template.layout is Layout.GRID and region.line_kind == "tab"

    def propose(self, region: Region) -> Proposals:
        """Each line on its row; rows without a line read from the text around."""
        return _line_table(region)


class Horizontal:
    """表四: the labels form the header and one row of values follows the last of them
    (a tab-separated line keeps its blank fields); glued digits are split by the collector."""

    name: ClassVar[str] = "horizontal"

    def applies(self, region: Region) -> bool:
        """A one-row table (``Layout.HORIZONTAL``)."""
        return region.template.layout is Layout.HORIZONTAL

    def propose(self, region: Region) -> Proposals:
        """All the row's values for all its cells, in order."""
        out = Proposals()
        slots = [slot for match, _ in region.areas for slot in match.row.slots]
        last = region.matches[-1].end
        values = tab_values(region.text, region.norm, last, region.end) or [
            t for _, tokens in region.areas for t in tokens
        ]
        out.fill(slots, values, last)
        return out


class Vertical:
    """One indicator per line (统计指标 / 单位 / 统计数): a row's value stands between
    its label and the next; labels printed apart from their values form a block."""

    name: ClassVar[str] = "vertical"

    def applies(self, region: Region) -> bool:
        """A table of one value column (``Layout.VERTICAL``)."""
        return region.template.layout is Layout.VERTICAL

    def propose(self, region: Region) -> Proposals:
        """Each row's tokens for its cells; blocks of values apart read as a block."""
        return labelled(region.compiled, region.areas, region.prior)


class Flattened:
    """A grid flattened to text: each label followed by its row of values, digits
    possibly run together (split by the collector under the identities)."""

    name: ClassVar[str] = "flattened"

    def applies(self, region: Region) -> bool:
        """A grid table with no lines printed with cells apart."""
        return region.template.layout is Layout.GRID and not region.lines

    def propose(self, region: Region) -> Proposals:
        """Each row's tokens for its cells; blocks of values apart read as a block."""
        return labelled(region.compiled, region.areas, region.prior)


#: The table-wide strategies, in the order they are tried.
STRATEGIES: tuple[Strategy[Region], ...] = (
    HtmlGrid(),
    PipeTable(),
    TabTable(),
    Horizontal(),
    Vertical(),
    Flattened(),
)


def choose(region: Region) -> Strategy[Region]:
    """The first strategy that applies to ``region`` (`Flattened` when none does)."""
    return next((s for s in STRATEGIES if s.applies(region)), STRATEGIES[-1])


# -- rows read by their labels ---------------------------------------------------------------


def labelled(
    c: Compiled, areas: Sequence[tuple[Match, Sequence[Token]]], prior: str | None = None
) -> Proposals:
    """Each row's tokens (between its label and the next) proposed for its cells.

    Rows whose labels stand with no values, followed by a row holding the
    values of all of them, were printed apart: `ValuesApart` reads them as a block.
    """
    out = Proposals()
    waiting: list[Match] = []
    printed = frozenset(match.row.indicator.id for match, _ in areas)
    # The rows that hold values depend on the rows printed alone: decided once a table.
    leaves = tuple(r for r in c.own if holds_values(c.template, printed, r.indicator))
    holding = {r.indicator.id for r in leaves}
    for match, tokens in areas:
        row = match.row
        is_value_row = row.indicator.id in holding
        if not tokens:
            if is_value_row:
                waiting.append(match)
            continue
        block = [*waiting, match] if is_value_row else list(waiting)
        if len(block) > 1 or (block and not is_value_row):
            width = len(block[0].row.columns)
            if len(tokens) > width:
                apart = Block(c, tuple(block), tuple(tokens), leaves, prior)
                if VALUES_APART.applies(apart):
                    out.extend(VALUES_APART.propose(apart))
                    waiting = []
                    continue
                if waiting:
                    # Labels printed apart from more values than a row holds, and no reading
                    # of the block fits: the values are reported, never given to the last label.
                    out.leave(tokens, "values of rows printed apart from their labels, unread")
                    waiting = []
                    continue
            if len(tokens) < width and any(t.kind != "num" for t in tokens):
                out.leave(tokens, "stray value among labels printed apart from their values")
                if is_value_row:
                    waiting.append(match)
                continue
        for empty in waiting:
            _row(out, empty, ())
        waiting = []
        _row(out, match, tokens)
    for empty in waiting:
        _row(out, empty, ())
    return out


def _row(out: Proposals, match: Match, tokens: Sequence[Token]) -> None:
    indicator = match.row.indicator
    if indicator.group and not tokens:
        return
    if indicator.group and not match.row.columns:
        out.leave(tokens, "values beside a group row that has no cells")
        return
    out.fill(match.row.slots, tokens, match.end)


def holds_values(template: TableTemplate, printed: frozenset[str], indicator: Indicator) -> bool:
    """A leaf, or a group printed without any of its children (the 2019 form's
    single "（六）其他处理" row inside a 2021 table); the children of such a
    group hold no values here."""
    if indicator.group:
        return indicator.id in printed and not any(c.id in printed for c in indicator.children)
    parent = template.parent_of(indicator.id)
    return not (
        parent is not None
        and parent.id in printed
        and indicator.id not in printed
        and not any(c.id in printed for c in parent.children)
    )


# -- table lines -----------------------------------------------------------------------------


def _line_table(region: Region) -> Proposals:
    """Rows printed as table lines take their values from the lines; the rest are
    read as usual from the text around them; values beside the lines are kept."""
    c = region.compiled
    out = Proposals()
    done = _lines(out, c, region.lines, fill=len(region.lines) >= 3)
    # The lines follow each other down the text: a token is inside the last one starting
    # at or before it, or outside every one.
    starts = [line.start for line in region.lines]
    ends = [line.end for line in region.lines]
    rest: list[tuple[Match, Sequence[Token]]] = []
    loose: list[Token] = []
    for match, tokens in region.areas:
        outside = [
            t
            for t in tokens
            if (k := bisect.bisect_right(starts, t.start) - 1) < 0 or t.start >= ends[k]
        ]
        if match.row.indicator.id in done:
            loose.extend(outside)
        else:
            rest.append((match, outside))
    out.extend(labelled(c, rest, region.prior))
    if loose:  # kept, never dropped
        out.leave(loose, "values beside a pipe table, outside its lines")
    return out


def _lines(out: Proposals, c: Compiled, lines: Sequence[Line], *, fill: bool) -> set[str]:
    """A labelled line goes to its label's row; with ``fill``, an unlabelled one goes to
    the next template row still empty (its label was printed outside the table).
    Returns the ids of the rows placed."""
    value_rows = c.value_rows
    used: set[str] = set()
    cursor = 0
    for k, line in enumerate(lines):
        target = None
        row: RowLabel | None = None
        if line.label and _between(value_rows, lines, k, cursor):
            _place_between(out, c, value_rows[cursor], line)
            used.add(value_rows[cursor].indicator.id)
            cursor += 1
            continue
        if line.label:
            label = line.label.replace(" ", "")
            # The row whose label ends the line's label, from the cursor on; else the
            # next rows' labels cut short (the rest on a line of its own).
            target = label_row(value_rows, label, cursor)
            near = range(cursor, min(cursor + 3, len(value_rows)))
            if target is None or target >= near.stop:
                target = next((i for i in near if value_rows[i].wrapped_in(label)), target)
            if target is None and any(t.kind != "blank" for t in line.tokens):
                # A group printed with values of its own, its sub-rows not printed (the
                # 2019 form's single 「（六）其他处理」 in a 2021 table).
                # Only where the group's label ends the line: a leading spanned group
                # label before a misprinted row label does not make the row the group.
                row = next((g for g in c.groups if ends(g.pattern, label)), None)
        elif fill and cursor < len(value_rows):
            target = cursor
        if target is not None:
            row = value_rows[target]
            cursor = target + 1
        elif row is not None:
            below = {d.id for d in row.indicator.walk()} - {row.indicator.id}
            while cursor < len(value_rows) and value_rows[cursor].indicator.id in below:
                cursor += 1
        else:
            out.leave(line.tokens, f"a table line whose label {line.label!r} is unknown")
            continue
        used.add(row.indicator.id)
        tokens = list(line.tokens)
        while len(tokens) > len(row.columns) and tokens[-1].kind == "blank":
            tokens.pop()
        _row(out, Match(row, line.start, line.start), tokens)
    return used


def _between(rows: Sequence[RowLabel], lines: Sequence[Line], k: int, cursor: int) -> bool:
    """True for a line whose label names no row while it stands where the row at
    ``cursor`` belongs: the next line names the row after it, the width fits."""
    line = lines[k]
    if cursor + 1 >= len(rows) or k + 1 >= len(lines) or not lines[k + 1].label:
        return False
    if len(line.tokens) != len(rows[cursor].columns):
        return False
    if label_row(rows, line.label.replace(" ", ""), cursor) is not None:
        return False
    return label_row(rows, lines[k + 1].label.replace(" ", ""), cursor) == cursor + 1


def _place_between(out: Proposals, c: Compiled, row: RowLabel, line: Line) -> None:
    reason = (
        f"the printed label {line.label!r} names no row; placed on the one row left "
        "between its neighbours (a guess)"
    )
    out.place(row.slots, line.tokens, reason)
    out.apart(
        (Ref(row.indicator.id, None, Span(line.start, line.end)),),
        "between",
        count=len(line.tokens),
        table=c.template.qualified_id,
        reason=reason,
    )


# -- values printed apart --------------------------------------------------------------------


@attrs.frozen
class Block:
    """Rows whose labels stood without values, and the run of values after them.

    ``leaves`` are the template's rows that hold values in this table (see
    `holds_values`; by default its value rows, as where every row is printed);
    ``prior`` the order the document's other tables were confirmed in.
    """

    compiled: Compiled
    rows: tuple[Match, ...]
    tokens: tuple[Token, ...]
    leaves: tuple[RowLabel, ...] | None = None
    prior: str | None = None

    def value_rows(self) -> list[Match]:
        """Every value row of the template from the block's first to its last label, so
        a label the extraction garbled still gets its values; else the rows found."""
        matched = self.rows
        if not matched:
            return []
        leaves = self.compiled.value_rows if self.leaves is None else self.leaves
        index = {r.indicator.id: i for i, r in enumerate(leaves)}
        first = index.get(matched[0].row.indicator.id)
        last = index.get(matched[-1].row.indicator.id)
        if first is None or last is None or last < first:
            return list(matched)
        by_id = {m.row.indicator.id: m for m in matched}
        return [
            by_id.get(r.indicator.id, Match(r, matched[0].start, matched[0].start))
            for r in leaves[first : last + 1]
        ]

    @functools.cached_property
    def fitting(self) -> list[Match] | None:
        """The rows the values fill exactly (see `value_rows`), else ``None``."""
        for rows in (self.value_rows(), list(self.rows)):
            if sum(len(r.row.columns) for r in rows) == len(self.tokens):
                return rows
        return None


class ValuesApart:
    """Values printed apart from their rows (a PDF writes a grid column by column):
    placed row by row, column by column, or with one pair of columns swapped, whichever
    the identities confirm; else in the order the document's other tables confirmed
    (a guess); else left unplaced.  Rows of one width form a sub-table of their own."""

    name: ClassVar[str] = "values apart"

    def applies(self, block: Block) -> bool:
        """True when the values fill the block's rows exactly.

        Example:
            >>> import zwgk
            >>> from zwgk._parse.tables.strategies import Block, ValuesApart
            >>> from zwgk._parse.tables.locate import Match
            >>> from zwgk._parse.tables.template import compiled
            >>> from zwgk._parse.tokens import find_tokens
            >>> c = compiled(zwgk.indicator_tree("f2021").table("t2"))
            >>> rows = tuple(Match(r, 0, 0) for r in c.value_rows[:2])
            >>> ValuesApart().applies(Block(c, rows, tuple(find_tokens("1 3 0 1 5 9", 0, 11))))
            True
        """
        return block.fitting is not None

    def propose(self, block: Block) -> Proposals:
        """The placement of each sub-table of the block, with how it was decided."""
        out = Proposals()
        rows = block.fitting
        assert rows is not None
        pos = 0
        for _, same in itertools.groupby(rows, key=lambda r: len(r.row.columns)):
            sub = list(same)
            width = len(sub[0].row.columns)
            _sub_block(out, block, sub, block.tokens[pos : pos + width * len(sub)])
            pos += width * len(sub)
        return out


VALUES_APART: Strategy[Block] = ValuesApart()


def _sub_block(out: Proposals, block: Block, rows: list[Match], tokens: Sequence[Token]) -> None:
    c = block.compiled
    width = len(rows[0].row.columns)
    n = len(rows)
    # An assignment is a permutation: the token each cell (row-major) takes.
    by_row = tuple(range(width * n))
    if width == 1 or n == 1:  # one column or one row: the order is plain
        _place(out, rows, tokens, by_row, "row by row", confirmed=False)
        return
    # The printed order, and every order with one pair of columns swapped.
    pairs = list(itertools.combinations(range(width), 2))
    orders = [tuple(range(width))]
    for a, b in pairs:
        swapped = list(range(width))
        swapped[a], swapped[b] = b, a
        orders.append(tuple(swapped))
    # Column-major: printed column o holds tokens o*n … o*n+n-1, one per row; read
    # row by row across the columns, in the order's column order (made where needed).
    printed_columns = _column_major(orders[0], n)
    keys = tuple(slot.key for m in rows for slot in m.row.slots)
    values = [as_int(t.raw) if t.kind == "num" else None for t in tokens]
    terms = c.terms(keys)
    evidence = _Evidence(terms, values)
    printed_order = evidence.each(printed_columns)

    # (score, -(columns moved), the columns moved, negated, how, assignment)
    options: list[tuple[tuple[int, int, tuple[int, ...]], str, tuple[int, ...]]] = [
        ((sum(evidence.each(by_row)), 0, tuple([0] * width)), "row by row", by_row),
        ((sum(printed_order), 0, tuple([0] * width)), "column by column", printed_columns),
    ]
    # An order that moves columns ranks below one that moves none and scores as much:
    # once one reaches what any column order can score, the others need no scoring.
    if max(rank[0] for rank, _, _ in options) < _ceiling(terms, values, width, n):
        columns = evidence.columns(width)
        for (a, b), order in zip(pairs, orders[1:], strict=True):
            perm = _column_major(order, n)
            # Swapping two columns an identity reads alike (the same rows, the same
            # signs) leaves what it says as in the printed order.
            score = sum(printed_order) + sum(
                evidence.one(k, perm) - printed_order[k]
                for k, read in enumerate(columns)
                if read[a] != read[b]
            )
            moved = tuple(int(col != o) for col, o in enumerate(order))
            rank = (score, -sum(moved), tuple(-m for m in moved))
            options.append((rank, "column by column, columns reordered", perm))
    # The identities decide; among equals, the fewest columns move, the leftmost last.
    best = max(rank for rank, _, _ in options)
    winners = [(how, perm) for rank, how, perm in options if rank == best]
    raws = [t.raw for t in tokens]
    printed = {tuple([raws[i] for i in perm]) for _, perm in winners}
    undecided = best[0] <= 0 or len(printed) > 1
    # Where every order reads the same values (a block of zeros), no order needs deciding.
    if undecided and all([raws[i] for i in _column_major(o, n)] == raws for o in orders):
        _place(out, rows, tokens, by_row, "in any order", confirmed=False, why=_ALIKE)
        return
    if undecided:
        if block.prior is not None:
            # The identities cannot tell; the extraction wrote the document's other
            # tables in one order, so this block is read in that order, as a guess.
            chosen = by_row if block.prior == "row by row" else printed_columns
            _guessed(out, block.prior, rows, tokens, chosen)
            return
        out.undecided += 1
        out.leave(
            tokens,
            f"{len(tokens)} values printed apart from {n} rows; the identities cannot tell "
            "in which order they run",
        )
        for match in rows:
            _row(out, match, ())
        return
    how, chosen = winners[0]
    _place(out, rows, tokens, chosen, how, confirmed=best[1] == 0)


@functools.lru_cache(maxsize=1024)
def _column_major(order: tuple[int, ...], n: int) -> tuple[int, ...]:
    """The token each cell (row-major) takes when the ``n`` rows' values ran column by
    column, the printed columns in ``order``."""
    columns = (range(o * n, o * n + n) for o in order)
    return tuple(itertools.chain.from_iterable(zip(*columns, strict=True)))


def _ceiling(terms: Sequence[Terms], values: Sequence[int | None], width: int, n: int) -> int:
    """The most any column order (column by column, columns in any order) can score:
    an identity (``terms``, see `zwgk._parse.tables.template.Compiled.terms`) adds 1 only
    where a cell reads a non-zero value, and a cell of row r reads one of the values
    printed for row r, one per column (o*n + r)."""
    nonzero = [any(values[r::n]) for r in range(n)]  # row r's printed values: r, n + r, …
    return sum(1 for _, cells, _ in terms if any(nonzero[cell // width] for cell in cells))


class _Evidence:
    """What the identities say of an assignment of ``values`` to the cells (a
    permutation: the token each cell takes); each identity, by position (``terms``, see
    `zwgk._parse.tables.template.Compiled.terms`), says 1 where it holds on some non-zero
    value, -1 where it fails, else 0 (`zwgk._model.identities.Check.evidence`)."""

    def __init__(self, terms: Sequence[Terms], values: Sequence[int | None]) -> None:
        #: Each identity as its relation, the cells it reads and their signs (lhs +, rhs -).
        self.terms = terms
        self.value_of = values.__getitem__

    def one(self, k: int, perm: tuple[int, ...]) -> int:
        """What identity ``k`` says when cell i takes token ``perm[i]``."""
        relation, cells, signs = self.terms[k]
        read = list(map(self.value_of, map(perm.__getitem__, cells)))
        if None in read:
            return 0  # a value that is not a count: the identity says nothing
        balance: int = sum(map(operator.mul, signs, read))
        if holds(relation, balance):
            return 1 if any(read) else 0
        return -1

    def each(self, perm: tuple[int, ...]) -> list[int]:
        """What each identity says of ``perm``."""
        return [self.one(k, perm) for k in range(len(self.terms))]

    def columns(self, width: int) -> list[list[tuple[tuple[int, int], ...]]]:
        """For each identity, what it reads in each column of ``width``: its (row, sign)
        pairs, in order."""
        out = []
        for _, cells, signs in self.terms:
            read: list[list[tuple[int, int]]] = [[] for _ in range(width)]
            for cell, sign in zip(cells, signs, strict=True):
                read[cell % width].append((cell // width, sign))
            out.append([tuple(sorted(pairs)) for pairs in read])
        return out


def _place(
    out: Proposals,
    rows: list[Match],
    tokens: Sequence[Token],
    perm: tuple[int, ...],
    how: str,
    *,
    confirmed: bool,
    why: str = "the identities confirm",
) -> None:
    if confirmed:  # in the printed column order
        out.confirmed.append(how)
    placed = f"placed {how}, as {why}"
    reason = f"values printed apart from their labels; {placed}"
    _assign(out, rows, tokens, perm, reason)
    out.apart(
        _first_row(rows),
        severity=Severity.WARNING if "reordered" in how else None,
        count=len(tokens),
        rows=len(rows),
        how=placed,
    )


_ALIKE = "every order reads the same values"


def _guessed(
    out: Proposals, prior: str, rows: list[Match], tokens: Sequence[Token], perm: tuple[int, ...]
) -> None:
    guess = (
        f"the identities cannot tell their order, so they are placed {prior}, the "
        "order the identities confirmed in this document's other tables (a guess)"
    )
    _assign(out, rows, tokens, perm, f"values printed apart from their labels; {guess}")
    out.apart(_first_row(rows), "guessed", count=len(tokens), rows=len(rows), how=guess)


def _assign(
    out: Proposals, rows: list[Match], tokens: Sequence[Token], perm: tuple[int, ...], reason: str
) -> None:
    width = len(rows[0].row.columns)
    for r, match in enumerate(rows):
        out.place(match.row.slots, (tokens[i] for i in perm[r * width : (r + 1) * width]), reason)


def _first_row(rows: list[Match]) -> tuple[Ref, ...]:
    return tuple(Ref(m.row.indicator.id, None, Span(m.start, m.end)) for m in rows[:1])


# -- 表四 by position --------------------------------------------------------------------------


@attrs.frozen
class Anchored:
    """A one-row table found by its heading (``start``), its header not read: the first
    run of values under the heading (``tokens``)."""

    template: TableTemplate
    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def slots(self) -> tuple[Slot, ...]:
        """The row's cells in the template's order."""
        return tuple(slot for r in self.rows for slot in r.slots)

    @property
    def rows(self) -> tuple[RowLabel, ...]:
        """The leaf rows with cells, in the template's order."""
        return tuple(r for r in compiled(self.template).own if not r.indicator.children)


class TemplateOrder:
    """表四 whose header labels are too garbled to read (PDF breaks 「结果维持」 over
    lines): the row under them still holds the template's values in its order.  As many
    values as the row has cells are placed in that order, each marked inferred; glued
    digits are split by the identities and extra values reported, as for any row; a
    number or two of prose is not taken for the row."""

    name: ClassVar[str] = "template order"

    def applies(self, region: Anchored) -> bool:
        """One value per cell, or digits enough to fill every cell.

        Example:
            >>> import zwgk
            >>> from zwgk._parse.tables.strategies import Anchored, TemplateOrder
            >>> from zwgk._parse.tokens import find_tokens
            >>> t4 = zwgk.indicator_tree("f2021").table("t4")
            >>> TemplateOrder().applies(Anchored(t4, 0, 3, tuple(find_tokens("2 3", 0, 3))))
            False
        """
        count = len(region.slots)
        tokens = region.tokens
        return len(tokens) == count or sum(len(t.raw) for t in tokens if t.kind == "num") >= count

    def propose(self, region: Anchored) -> Proposals:
        """The values on the cells in order, or the row for the collector to split."""
        out = Proposals()
        slots, tokens = region.slots, region.tokens
        if len(tokens) == len(slots):
            reason = (
                f"the header was not read; the {len(slots)} values of the row are placed in "
                "the template's order"
            )
            out.place(slots, tokens, reason)
            out.apart(
                (Ref(None, None, Span(tokens[0].start, tokens[-1].end)),),
                "template_order",
                table=region.template.qualified_id,
                reason=reason,
            )
        else:
            out.fill(slots, tokens, tokens[0].start)
        return out
