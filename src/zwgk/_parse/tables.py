"""Reading statistical tables, driven by the indicator trees.

One mechanism serves every generation and layout:

1. **Labels.** Each template row's printed label (numbering and bracketed
   guidance stripped, spaces allowed between characters) is searched in
   template order from an anchor, so a table flattened onto one line, split
   over PDF lines or laid out in markdown is found the same way.
2. **Values.** The text between a row's label and the next row's label holds
   that row's tokens (header words and page furniture masked out).
3. **Cells.** Tokens fill the row's columns.  Where digit runs were glued
   together, the splitter proposes cuts and the template's identities pick
   the ones that hold; every cut cell is marked inferred, and ambiguity is
   kept as alternatives with a finding, never resolved silently.
4. **Pools.** Where labels and values were printed apart (PDF extraction
   writes a grid column by column), the values after a run of labels are
   placed row by row or column by column, whichever the identities confirm.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import cast

import attrs

from zwgk._findings import (
    TABLE_AMBIGUOUS_SPLIT,
    TABLE_SPLIT_INFERRED,
    TABLE_UNPLACED,
    TABLE_VALUES_APART,
    finding,
)
from zwgk._model import (
    Cell,
    Finding,
    Indicator,
    IndicatorTree,
    Layout,
    Ref,
    Severity,
    Span,
    StatTable,
    TableFormat,
    TableTemplate,
    Tag,
    Templates,
    TokenClass,
    Unplaced,
)
from zwgk._model.identities import Check, checks
from zwgk._parse.resolve import Choice, resolve
from zwgk._parse.split import SplitResult, split_runs
from zwgk._parse.text import normalize
from zwgk._parse.tokens import (
    CELL_UNITS,
    MAX_DIGITS,
    NUMBERING_BEFORE,
    PAGE_FURNITURE,
    Token,
    classify,
    find_tokens,
    part_offsets,
)
from zwgk._text.labels import normalize_label
from zwgk._text.numbering import MarkerKind, leading_marker, marker_pattern

_BRACKETED = re.compile(r"\([^()]*\)")
#: Characters a label may have between its printed characters (PDF and HTML line breaks).
_GAP = r"[ \n]*"
_MONEY_UNITS = frozenset({"万元", "元"})
#: How far past the previous row a row's label may stand.
_WINDOW = 600


def core_label(label: str) -> str:
    """A printed label as rows are found in the text: its normal form (see
    `zwgk._text.labels.normalize_label`) without bracketed guidance or quotes.

    Examples:
        >>> from zwgk._parse.tables import core_label
        >>> core_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        '部分公开'
    """
    return _BRACKETED.sub("", normalize_label(normalize(label))).replace('"', "")


def label_pattern(core: str) -> str:
    """A regex for a core label that tolerates line breaks, spaces and quotes inside it."""
    return _GAP.join(re.escape(ch) + '"?' if ch in "及稳" else re.escape(ch) for ch in core)


def _numbering(label: str) -> str | None:
    return leading_marker(normalize(label))


@attrs.frozen
class _Row:
    indicator: Indicator
    pattern: re.Pattern[str]
    numbering: str | None
    columns: tuple[str, ...]
    cores: tuple[str, ...] = ()

    def wrapped_in(self, printed: str) -> bool:
        """True when ``printed`` ends with the head of this row's label, the rest wrapped
        onto a line of its own (「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公」)."""
        text = core_label(printed)
        for core in self.cores:
            for k in range(len(core) - 1, _WRAPPED_HEAD - 1, -1):
                if text.endswith(core[:k]):
                    return True
        return False


#: The fewest characters of a label's head that name its row when the rest wrapped away.
_WRAPPED_HEAD = 8


@functools.cache
def _rows(template: TableTemplate) -> tuple[_Row, ...]:
    cores_of = {
        ind.id: {core_label(label) for label in (ind.label, *ind.aliases)} - {""}
        for ind in template.walk()
    }
    every_core = {c for cores in cores_of.values() for c in cores}
    rows = []
    for ind in template.walk():
        alternatives = "|".join(
            label_pattern(c) + _not_longer(c, every_core)
            for c in sorted(cores_of[ind.id], key=len, reverse=True)
        )
        rows.append(
            _Row(
                ind,
                re.compile(f"(?:{alternatives})"),
                _numbering(ind.label),
                tuple(c.id for c in template.columns_of(ind)),
                tuple(sorted(cores_of[ind.id], key=len, reverse=True)),
            )
        )
    return tuple(rows)


def _not_longer(core: str, every_core: set[str]) -> str:
    # "其他" must not match the head of another row's label "其他处理".
    rests = sorted(
        {other[len(core) :] for other in every_core if other.startswith(core) and other != core}
    )
    return "".join(f"(?!{label_pattern(rest)})" for rest in rests)


@functools.cache
def _mask_pattern(template: TableTemplate) -> re.Pattern[str]:
    # Header words that sit between rows of a flattened table: column labels,
    # block headings, captions.  They are blanked out before reading values.
    words: set[str] = set(template.header_words)
    for col in template.columns:
        words.update(core_label(label) for label in (*col.labels, *col.aliases))
        words.update(normalize(label).replace(" ", "") for label in col.labels)
    for ind in template.walk():
        if ind.block:
            words.add(normalize(ind.block).replace(" ", ""))
    words.add(core_label(template.title))
    words.discard("")
    alternatives = "|".join(label_pattern(w) for w in sorted(words, key=len, reverse=True))
    caption = r"\(本列数据的勾稽关系为[^()]{0,80}\)"
    return re.compile(f"{caption}|(?:{alternatives})")


@attrs.frozen
class _Match:
    row: _Row
    start: int
    end: int


def _match_rows(text: str, template: TableTemplate, start: int, end: int) -> list[_Match]:
    """The longest in-order chain of this template's row labels in ``text[start:end]``.

    Every occurrence of every label is a candidate; the chain keeps template
    order, rises in position and leaves no gap wider than a table row could
    fill.  Of equally long chains the most compact wins, so a label quoted in
    the prose before the table does not start it.
    """
    rows = _rows(template)
    if template.layout is Layout.HORIZONTAL:
        rows = tuple(r for r in rows if not r.indicator.children)
    hits: list[_Match] = []
    for row in rows:
        for m in itertools.islice(row.pattern.finditer(text, start, end), 60):
            hits.append(_Match(row, m.start(), m.end()))
    hits.sort(key=lambda h: (h.start, -h.end))
    order = {row.indicator.id: i for i, row in enumerate(rows)}
    # best[i]: (length, -span, previous index) of the best chain ending at hit i
    best: list[tuple[int, int, int]] = []
    for i, hit in enumerate(hits):
        entry = (1, 0, -1)
        rank = order[hit.row.indicator.id]
        for j in range(i - 1, -1, -1):
            prev = hits[j]
            if hit.start - prev.end > _WINDOW:
                break
            if prev.end > hit.start or order[prev.row.indicator.id] >= rank:
                continue
            length, neg_span, _ = best[j]
            candidate = (length + 1, neg_span - (hit.start - prev.start), j)
            if candidate[:2] > entry[:2]:
                entry = candidate
        best.append(entry)
    if not best:
        return []
    i = max(range(len(best)), key=lambda k: best[k][:2])
    chain: list[_Match] = []
    while i != -1:
        chain.append(hits[i])
        i = best[i][2]
    chain.reverse()
    # A group row counts only where it stands before the next value row.
    return [
        m
        for k, m in enumerate(chain)
        if not m.row.indicator.group
        or (k + 1 < len(chain) and order[chain[k + 1].row.indicator.id] > order[m.row.indicator.id])
    ]


@attrs.frozen
class TableRead:
    """A table read from text, with what the reader noticed."""

    table: StatTable
    findings: tuple[Finding, ...]
    matched_rows: int
    filled_rows: int
    #: Orders the identities confirmed for values printed apart; blocks left undecided.
    confirmed: tuple[str, ...] = ()
    undecided: int = 0


def read_table(
    text: str, norm: str, template: TableTemplate, start: int, end: int
) -> TableRead | None:
    """Read one template table from ``norm[start:end]``; ``None`` when its labels are not there."""
    matches = _match_rows(norm, template, start, end)
    if len(matches) < max(2, len(_rows(template)) // 3):
        return None
    return _read_matched(text, norm, template, matches, end)


def _read_matched(
    text: str,
    norm: str,
    template: TableTemplate,
    matches: list[_Match],
    end: int,
    evidence: Evidence | None = None,
    prior: str | None = None,
    origins: Sequence[int] | None = None,
) -> TableRead:
    region_end = _region_end(norm, matches, end, template)
    first = _header_start(norm, template, matches[0].start)
    masked = _masked(norm, template, first, region_end)
    areas: list[tuple[_Match, list[Token]]] = []
    for i, match in enumerate(matches):
        stop = matches[i + 1].start if i + 1 < len(matches) else region_end
        if i + 1 < len(matches):
            stop = _before_numbering(masked, match.end, stop, matches[i + 1].row.numbering)
        label = core_label(match.row.indicator.label)
        areas.append((match, find_tokens(masked, match.end, stop, label)))
    builder = _Builder(text, template, evidence)
    builder.prior = prior
    lines = _pipe_rows(norm, matches[0].start, region_end, origins) or _tab_rows(
        text, norm, matches[0].start, region_end
    )
    # Lines above the first label found are this table's only where they name one of its rows
    # (a first row whose label is garbled); others belong to what stands above.
    head = norm.rfind("\n", 0, matches[0].start) + 1
    own = [r for r in _rows(template) if r.columns]
    lines = [
        line
        for line in lines
        if line.start >= head
        or any(
            r.pattern.search(line.label.replace(" ", "")) or r.wrapped_in(line.label) for r in own
        )
    ]
    first = min([first, *(line.start for line in lines)])
    if template.layout is Layout.GRID and lines:
        # Rows printed as table lines (pipes, or tabs copied from a browser) take
        # their values from the lines; the rest are read as usual from the text around them.
        done = builder.place_lines(lines, fill=len(lines) >= 3)
        inside = [(line.start, line.end) for line in lines]
        rest: list[tuple[_Match, list[Token]]] = []
        loose: list[Token] = []
        for match, tokens in areas:
            outside = [t for t in tokens if not any(a <= t.start < b for a, b in inside)]
            if match.row.indicator.id in done:
                loose.extend(outside)
            else:
                rest.append((match, outside))
        builder.place_areas(rest)
        if loose:  # kept, never dropped
            builder.leave(loose, "values beside a pipe table, outside its lines")
    elif template.layout is Layout.HORIZONTAL:
        # 表四: the labels form the header and every value follows the last of them.
        slots = [slot for match, _ in areas for slot in builder.slots(match)]
        values = _tab_values(text, norm, matches[-1].end, region_end) or [
            t for _, tokens in areas for t in tokens
        ]
        builder.place_slots(slots, values, blank_at=matches[-1].end)
    else:
        builder.place_areas(areas)
    builder.resolve()
    table = StatTable(
        id=template.qualified_id,
        format=template.format,
        title=template.title,
        span=Span(first, region_end),
        cells=tuple(builder.cells()),
        unplaced=tuple(builder.unplaced),
    )
    filled = len({c.indicator for c in table.cells if c.token_class is not TokenClass.BLANK})
    return TableRead(
        table,
        tuple(builder.findings),
        len(matches),
        filled,
        tuple(builder.confirmed),
        builder.undecided,
    )


def _header_start(norm: str, template: TableTemplate, start: int) -> int:
    # The table starts at its header (统计指标 / 单位 / 统计数, 信息内容…), not its first row.
    prefix = NUMBERING_BEFORE.search(norm, max(0, start - 8), start)
    if prefix is not None:
        start = prefix.start()
    look = max(0, start - 300)
    masked = _masked(norm, template, look, start)
    pos = start
    while pos > look and masked[pos - 1] in " \n":
        pos -= 1
    return pos if pos < start and masked[pos:start].strip() == "" else start


_REGION_STOP = re.compile(rf"{marker_pattern(MarkerKind.CN)}|\n\n\n|附件|注:")
_DIGIT = re.compile(r"\d")


def _region_end(norm: str, matches: list[_Match], end: int, template: TableTemplate) -> int:
    # The table ends at the next section heading or a blank stretch after the last
    # label, never inside a line of a pipe table (its cells repeat spanned labels).
    pos = matches[-1].end
    limit = min(end, pos + 400 + 40 * len(_rows(template)))
    while (m := _REGION_STOP.search(norm, pos, limit)) is not None:
        if m.group().startswith("\n"):  # a blank stretch, never inside a line
            header_only = _DIGIT.search(norm, matches[-1].end, m.start()) is None
            if template.layout is Layout.HORIZONTAL and header_only:
                pos = m.end()  # 表四's row of values follows its header, blank lines or not
                continue
            return m.start()
        line_start = norm.rfind("\n", 0, m.start()) + 1
        if not norm[line_start : m.start()].lstrip().startswith("|"):
            return m.start()
        line_end = norm.find("\n", m.start())
        pos = limit if line_end == -1 else line_end
        if pos >= limit:
            return min(max(pos, m.start()), end)
    return limit


def _masked(norm: str, template: TableTemplate, start: int, end: int) -> str:
    # Same length as norm: masked stretches become spaces, so offsets hold.
    chars = list(norm)

    def blank(a: int, b: int) -> None:
        chars[a:b] = " " * (b - a)

    for m in _mask_pattern(template).finditer(norm, start, end):
        blank(m.start(), m.end())
    for m in PAGE_FURNITURE.finditer(norm, start, end):
        blank(m.start(), m.end())
    for m in _RULE_ROW.finditer(norm, start, end):
        blank(m.start(), m.end())
    return "".join(chars)


# A markdown table's rule line: |---|---|
_RULE_ROW = re.compile(r"^[ \t]*\|[ \t|:-]*-[ \t|:-]*$", re.MULTILINE)


def _before_numbering(masked: str, start: int, stop: int, numbering: str | None) -> int:
    # "00000002.其他…": the "2." belongs to the next label, not to the values.
    if numbering is None:
        return stop
    area = masked[start:stop].rstrip(" \n")
    core = numbering.rstrip(".、").strip("()")
    for form in (f"{core}.", f"{core}、", f"({core})", f"{core}、"):
        if area.endswith(form):
            return start + len(area) - len(form)
    return stop


@attrs.frozen
class _Line:
    """A row of a pipe table (markdown, or HTML flattened to pipes): label cells and tokens."""

    label: str
    start: int
    end: int
    tokens: tuple[Token, ...]


_PIPE_LINE = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.MULTILINE)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# 「13件」 is a value with its unit; 「规章」 a label.
_UNIT_AFTER_NUMBER = re.compile(rf"(?<=\d)[ \t]*(?:{CELL_UNITS})")
_RULE_LINE = re.compile(r"^[ \t|:-]+$")
_NOTE = re.compile(r"(?<=\d)[ ]*\([^()]*\)")


def _label_row(rows: list[_Row], label: str, cursor: int) -> int | None:
    """The template row a pipe line's label names, at ``cursor`` or after.

    A row whose label ends the line's label wins (the line's leading cells are spanned
    group labels); a row further on whose short label only occurs inside the line's
    label (``其他`` in a misprinted ``2.其他法律行政止公开``) does not skip rows.
    """
    first: int | None = None
    for i in range(cursor, len(rows)):
        found = list(rows[i].pattern.finditer(label))
        if any(m.end() == len(label) for m in found):
            return i
        if found and first is None and (i == cursor or max(len(m.group(0)) for m in found) >= 4):
            first = i
    return first


def _ends(pattern: re.Pattern[str], label: str) -> bool:
    return any(m.end() == len(label) for m in pattern.finditer(label))


#: How many lines above its first label a table's lines may start.
_BLOCK_LINES_BACK = 6


def _block_start(text: str, pos: int, is_row: Callable[[str], bool]) -> int:
    """The start of the run of table lines holding ``pos`` (a first label may be garbled)."""
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(_BLOCK_LINES_BACK):  # a header and a wrapped first row, never a table above
        if start == 0:
            break
        before = text.rfind("\n", 0, start - 1) + 1
        line = text[before : start - 1]
        furniture = PAGE_FURNITURE.fullmatch(line) is not None or (line and not line.strip())
        if not (is_row(line) or furniture):  # a footer, or one blanked out, stays inside
            break
        start = before
    return start


def _is_pipe_line(line: str) -> bool:
    return _PIPE_LINE.fullmatch(line) is not None


def _pipe_rows(
    norm: str, start: int, end: int, origins: Sequence[int] | None = None
) -> list[_Line]:
    lines = []
    seen: set[int] = set()  # page offsets of the value cells already read
    for m in _PIPE_LINE.finditer(norm, _block_start(norm, start, _is_pipe_line), end):
        if _RULE_LINE.match(m.group(0)):
            continue
        cells: list[tuple[int, str]] = []
        pos = m.start() + m.group(0).index("|") + 1
        for cell in m.group(0).strip().strip("|").split("|"):
            cell_start = norm.index(cell, pos) if cell else pos
            pos = cell_start + len(cell) + 1
            if origins is not None and cell.strip() and _HAN.search(cell) is None:
                # A merged value cell (colspan/rowspan) is printed in every grid position
                # it covers; its copies come from one place of the page and count once.
                at = origins[cell_start + len(cell) - len(cell.lstrip())]
                if at in seen:
                    continue
                seen.add(at)
            cells.append((cell_start, cell))
        line = _line(norm, m.start(), m.end(), cells)
        if line is not None:
            lines.append(line)
    return lines


def _tab_rows(text: str, norm: str, start: int, end: int) -> list[_Line]:
    """Rows of a table copied from a browser: cells split by tabs, blank cells empty fields."""
    lines = []
    pos = _block_start(text, start, lambda line: "\t" in line)
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        if "\t" in text[pos:stop]:
            cells: list[tuple[int, str]] = []
            at = pos
            for cell in text[pos:stop].split("\t"):
                cells.append((at, norm[at : at + len(cell)]))
                at += len(cell) + 1
            line = _line(norm, pos, stop, cells)
            if line is not None:
                lines.append(line)
        pos = stop + 1
    return lines


def _tab_values(text: str, norm: str, start: int, end: int) -> list[Token]:
    """The one tab-separated line of values under a one-row table's header, blank fields kept.

    Empty when the values are not printed so (or when more than one such line follows).
    """
    found: list[list[Token]] = []
    pos = text.find("\n", start, end) + 1
    while 0 < pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        fields = text[pos:stop].split("\t")
        at = pos
        tokens: list[Token] = []
        for field in fields:
            got = find_tokens(norm, at, at + len(field))
            if _HAN.search(norm, at, at + len(field)) is not None and not got:
                tokens = []  # a header line, not values
                break
            tokens.extend(got or [Token("blank", "", at, at)])
            at += len(field) + 1
        if len(fields) > 1 and any(t.kind != "blank" for t in tokens):
            found.append(tokens)
        pos = stop + 1
    return found[0] if len(found) == 1 else []


def _line(norm: str, start: int, end: int, cells: list[tuple[int, str]]) -> _Line | None:
    """A table line from its cells: label cells first, then value tokens (blank cells kept)."""
    label_parts: list[str] = []
    tokens: list[Token] = []
    for cell_start, cell in cells:
        found = find_tokens(norm, cell_start, cell_start + len(cell))
        if not cell.strip():
            # An empty cell is a blank value once the row's label has begun;
            # before it, it is indentation or the rest of a spanned label cell.
            if label_parts or tokens:
                tokens.append(Token("blank", "", cell_start, cell_start))
        elif found and (
            # Once values have begun every number is one (「3(含3件)」: the note rides on it).
            tokens
            or not _HAN.search(_UNIT_AFTER_NUMBER.sub("", _NOTE.sub("", cell)).replace("无", ""))
        ):
            tokens.extend(found)
        elif not tokens and (not label_parts or label_parts[-1] != cell.strip()):
            label_parts.append(cell.strip())  # a spanned label is printed once
    if not any(t.kind != "blank" for t in tokens):
        return None
    return _Line("".join(label_parts), start, end, tuple(tokens))


@attrs.frozen
class _Slot:
    indicator: Indicator
    column: str
    label_span: tuple[int, int]


def _settled(
    keys: list[tuple[str, str]], local: list[Check]
) -> Callable[[list[str], int], bool] | None:
    """Prune a split as soon as an identity whose cells are all cut fails (表四's blocks)."""
    position = {k: i for i, k in enumerate(keys)}
    by_last: dict[int, list[tuple[str, list[tuple[int, int]]]]] = {}
    for c in local:
        terms = [(position[k], s) for k, s in c.lhs] + [(position[k], -s) for k, s in c.rhs]
        by_last.setdefault(max(i for i, _ in terms), []).append((c.relation, terms))
    if not by_last:
        return None

    def bound(parts: list[str], _left: int) -> bool:
        for relation, terms in by_last.get(len(parts) - 1, ()):
            if not all(parts[i].isdigit() for i, _ in terms):
                continue  # a decimal or a note: not assessable here
            total = sum(s * int(parts[i]) for i, s in terms)
            if not (
                total == 0 if relation == "=" else total <= 0 if relation == "<=" else total >= 0
            ):
                return False
        return True

    return bound


def _split_total_last(
    runs: list[str],
    keys: list[tuple[str, str]],
    local: list[Check],
    holds: Callable[[tuple[str, ...]], bool],
) -> SplitResult | None:
    """Splits of a row whose last cell is the sum of the others (表三's 总计), total first.

    The total's digits end the last run; for each length they may have, the
    rest is cut into the other cells with the running sum never above it, which
    prunes almost every branch.  ``None`` when the row has no such identity.
    """
    others = set(keys[:-1])
    if sum(map(len, runs)) < len(keys) + 3:
        return None  # few ways to cut: the plain search is as quick
    if (
        len(keys) < 3
        or not runs[-1].isdigit()
        or not any(
            c.relation == "="
            and len(c.lhs) == 1
            and c.lhs[0] == (keys[-1], 1)
            and {k for k, _ in c.rhs} == others
            and all(sign == 1 for _, sign in c.rhs)
            for c in local
        )
    ):
        return None
    last = runs[-1]
    cells = len(keys) - 1
    found: list[tuple[str, ...]] = []
    exhausted = False
    for length in range(1, min(len(last), 18) + 1):
        total = last[-length:]
        if len(total) > 1 and total[0] == "0":
            continue
        head = [*runs[:-1], last[:-length]] if length < len(last) else runs[:-1]
        if not head:
            continue
        limit = int(total)

        def bound(parts: list[str], left: int, limit: int = limit) -> bool:
            subtotal = sum(int(p) for p in parts if p.isdigit())
            rest = cells - len(parts)  # parts still to cut from `left` digits
            if rest == 0 or left - rest + 1 > 17:
                return subtotal <= limit
            most: int = 10 ** (left - rest + 1) - 1 + 9 * (rest - 1)
            return subtotal <= limit <= subtotal + most

        def check(parts: tuple[str, ...], total: str = total) -> bool:
            return holds((*parts, total))

        result = split_runs(head, cells, check, bound=bound)
        exhausted = exhausted or result.exhausted
        found.extend((*parts, total) for parts in result.candidates)
    return SplitResult(tuple(found), exhausted)


class _Builder:
    """Collects cells of one table; holds undecided splits until identities decide them."""

    def __init__(
        self, text: str, template: TableTemplate, evidence: Evidence | None = None
    ) -> None:
        self.text = text
        self.evidence = evidence or {}
        self.template = template
        self.placed: dict[tuple[str, str], Cell] = {}
        self.order: list[tuple[str, str]] = []
        self.pending: list[tuple[list[_Slot], list[Token], tuple[tuple[str, ...], ...]]] = []
        self.printed: set[str] = set()
        self.split_cells: list[Ref] = []
        #: The identities inside each pending row that its cuts had to satisfy.
        self.row_rules: list[tuple[str, ...]] = []
        self.unplaced: list[Unplaced] = []
        self.findings: list[Finding] = []
        #: How the identities placed blocks of values printed apart ("row by row", …).
        self.confirmed: list[str] = []
        #: Blocks the identities could not order.
        self.undecided = 0
        #: The order the document's other tables were confirmed in, for undecided blocks.
        self.prior: str | None = None

    # -- placing -------------------------------------------------------------------------

    def slots(self, match: _Match) -> list[_Slot]:
        return [_Slot(match.row.indicator, c, (match.start, match.end)) for c in match.row.columns]

    def place_row(self, match: _Match, tokens: list[Token]) -> None:
        if match.row.indicator.group and not tokens:
            return
        if match.row.indicator.group and not match.row.columns:
            self.leave(tokens, "values beside a group row that has no cells")
            return
        self.place_slots(self.slots(match), tokens, blank_at=match.end)

    def place_slots(self, slots: list[_Slot], tokens: list[Token], *, blank_at: int) -> None:
        if not tokens:
            for slot in slots:
                self.put(slot, None, blank_at=blank_at)
            return
        if len(tokens) == len(slots):
            for slot, token in zip(slots, tokens, strict=True):
                self.put(slot, token)
            return
        if len(tokens) > len(slots):
            for slot, token in zip(slots, tokens, strict=False):
                self.put(slot, token)
            self.leave(tokens[len(slots) :], f"more values than the {len(slots)} cells of the row")
            return
        self.split(slots, tokens)

    def split(self, slots: list[_Slot], tokens: list[Token]) -> None:
        if any(t.kind != "num" for t in tokens):
            self.leave(tokens, f"{len(tokens)} values for {len(slots)} cells and nothing to split")
            return
        runs = [t.raw for t in tokens]
        keys = [(s.indicator.id, s.column) for s in slots]
        keyset = set(keys)
        local = [
            c
            for c in checks(self.template)
            if c.tag is Tag.ALWAYS and all(k in keyset for k in c.keys)
        ]

        def holds(parts: tuple[str, ...]) -> bool:
            values = dict(zip(keys, (_int(p) for p in parts), strict=True))
            return all(c.verdict(values) is not False for c in local)

        result = _split_total_last(runs, keys, local, holds) or split_runs(
            runs, len(slots), holds if local else None, bound=_settled(keys, local)
        )
        if not result.candidates:
            why = "the search bound was reached" if result.exhausted else "no split fits"
            self.leave(tokens, f"cannot split {'+'.join(runs)} into {len(slots)} cells: {why}")
            return
        self.pending.append((slots, tokens, result.candidates))
        self.row_rules.append(tuple(sorted({c.rule for c in local})))

    def place_areas(self, areas: list[tuple[_Match, list[Token]]]) -> None:
        # Rows whose labels stand with no values, followed by a row holding the
        # values of all of them, were printed apart (PDF writes grids column by
        # column): those values are placed as one block.
        waiting: list[_Match] = []
        self.printed = {match.row.indicator.id for match, _ in areas}
        for match, tokens in areas:
            row = match.row
            is_value_row = bool(row.columns) and self.holds_values(row.indicator)
            if not tokens:
                if is_value_row:
                    waiting.append(match)
                continue
            block = [*waiting, match] if is_value_row else list(waiting)
            if len(block) > 1 or (block and not is_value_row):
                width = len(block[0].row.columns)
                if len(tokens) > width and self.place_block(block, tokens):
                    waiting = []
                    continue
                if len(tokens) < width and any(t.kind != "num" for t in tokens):
                    self.leave(tokens, "stray value among labels printed apart from their values")
                    if is_value_row:
                        waiting.append(match)
                    continue
            for empty in waiting:
                self.place_row(empty, [])
            waiting = []
            self.place_row(match, tokens)
        for empty in waiting:
            self.place_row(empty, [])

    def place_lines(self, lines: list[_Line], *, fill: bool) -> set[str]:
        """Pipe-table rows: a labelled row goes to its label's row; with ``fill``, an
        unlabelled one goes to the next template row still empty (its label was
        printed outside the table).  Returns the ids of the rows placed."""
        value_rows = [r for r in _rows(self.template) if r.columns and not r.indicator.group]
        groups = [r for r in _rows(self.template) if r.columns and r.indicator.group]
        used: set[str] = set()
        cursor = 0
        for k, line in enumerate(lines):
            target = None
            row = None
            if line.label and self.between(value_rows, lines, k, cursor):
                self.place_between(value_rows[cursor], line)
                used.add(value_rows[cursor].indicator.id)
                cursor += 1
                continue
            if line.label:
                label = line.label.replace(" ", "")
                # The row whose label ends the line's label, from the cursor on; else the
                # next rows' labels cut short (the rest on a line of its own).
                target = _label_row(value_rows, label, cursor)
                near = range(cursor, min(cursor + 3, len(value_rows)))
                if target is None or target >= near.stop:
                    target = next((i for i in near if value_rows[i].wrapped_in(label)), target)
                if target is None and any(t.kind != "blank" for t in line.tokens):
                    # A group printed with values of its own, its sub-rows not printed (the
                    # 2019 form's single 「（六）其他处理」 in a 2021 table).
                    # Only where the group's label ends the line: a leading spanned group
                    # label before a misprinted row label does not make the row the group.
                    row = next((g for g in groups if _ends(g.pattern, label)), None)
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
                self.leave(list(line.tokens), f"a table line whose label {line.label!r} is unknown")
                continue
            used.add(row.indicator.id)
            tokens = list(line.tokens)
            while len(tokens) > len(row.columns) and tokens[-1].kind == "blank":
                tokens.pop()
            self.place_row(_Match(row, line.start, line.start), tokens)
        return used

    def between(self, rows: list[_Row], lines: list[_Line], k: int, cursor: int) -> bool:
        """True for a line whose label names no row while it stands where the row at
        ``cursor`` belongs: the next line names the row after it, the width fits."""
        line = lines[k]
        if cursor + 1 >= len(rows) or k + 1 >= len(lines) or not lines[k + 1].label:
            return False
        if len(line.tokens) != len(rows[cursor].columns):
            return False
        if _label_row(rows, line.label.replace(" ", ""), cursor) is not None:
            return False
        return _label_row(rows, lines[k + 1].label.replace(" ", ""), cursor) == cursor + 1

    def place_between(self, row: _Row, line: _Line) -> None:
        reason = (
            f"the printed label {line.label!r} names no row; placed on the one row left "
            "between its neighbours (a guess)"
        )
        match = _Match(row, line.start, line.end)
        found = finding(
            TABLE_VALUES_APART,
            variant="between",
            count=len(line.tokens),
            table=self.template.qualified_id,
            reason=reason,
        )
        self.place_apart([match], [list(line.tokens)], reason, found)

    def place_block(self, matched: list[_Match], tokens: list[Token]) -> bool:
        """Place values printed apart from their rows; False when the count does not fit."""
        rows = self.block_rows(matched)
        if sum(len(r.row.columns) for r in rows) != len(tokens):
            rows = matched
            if sum(len(r.row.columns) for r in rows) != len(tokens):
                return False
        # Rows of one width form a sub-table, printed one after the other.
        pos = 0
        for _, same in itertools.groupby(rows, key=lambda r: len(r.row.columns)):
            sub = list(same)
            width = len(sub[0].row.columns)
            self.place_sub_block(sub, tokens[pos : pos + width * len(sub)])
            pos += width * len(sub)
        return True

    def place_sub_block(self, rows: list[_Match], tokens: list[Token]) -> None:
        width = len(rows[0].row.columns)
        by_row = [tokens[i * width : (i + 1) * width] for i in range(len(rows))]
        # (score, which columns moved from their printed place, how, assignment)
        still = tuple([0] * width)
        options: list[tuple[int, tuple[int, ...], str, list[list[Token]]]] = [
            (self.score(rows, by_row), still, "row by row", by_row)
        ]
        n = len(rows)
        blocks = [tokens[c * n : (c + 1) * n] for c in range(width)]
        # The printed order, and every order with one pair of columns swapped.
        orders = [tuple(range(width))]
        for a, b in itertools.combinations(range(width), 2):
            swapped = list(range(width))
            swapped[a], swapped[b] = b, a
            orders.append(tuple(swapped))
        for order in orders:
            moved = tuple(int(c != o) for c, o in enumerate(order))
            by_col = [[blocks[order[c]][r] for c in range(width)] for r in range(n)]
            how = "column by column" + (", columns reordered" if any(moved) else "")
            options.append((self.score(rows, by_col), moved, how, by_col))

        # The identities decide; among equals, the fewest columns move, the leftmost last.
        def rank(
            option: tuple[int, tuple[int, ...], str, list[list[Token]]],
        ) -> tuple[int, int, tuple[int, ...]]:
            score, moved, _, _ = option
            return (score, -sum(moved), tuple(-m for m in moved))

        best = max(rank(o) for o in options)
        winners = [(o[2], o[3]) for o in options if rank(o) == best]
        if width == 1 or n == 1:
            winners = [("row by row", by_row)]  # one column or one row: the order is plain
        elif best[0] <= 0 or len({self.values_of(a) for _, a in winners}) > 1:
            if self.prior is not None:
                # The identities cannot tell; the extraction wrote the document's other
                # tables in one order, so this block is read in that order, as a guess.
                # options[1] is column by column in the printed column order.
                chosen = by_row if self.prior == "row by row" else options[1][3]
                self.place_guessed(rows, tokens, chosen)
                return
            self.undecided += 1
            self.leave(
                tokens,
                f"{len(tokens)} values printed apart from {n} rows; the identities cannot tell "
                "in which order they run",
            )
            for match in rows:
                self.place_row(match, [])
            return
        how, chosen = winners[0]
        if width > 1 and n > 1 and best[1] == 0:  # confirmed, in the printed column order
            self.confirmed.append(how)
        placed = f"placed {how}, as the identities confirm"
        reason = f"values printed apart from their labels; {placed}"
        for match, row_tokens in zip(rows, chosen, strict=True):
            for slot, token in zip(self.slots(match), row_tokens, strict=True):
                self.put(slot, token, inferred=reason)
        self.findings.append(
            finding(
                TABLE_VALUES_APART,
                severity=Severity.WARNING if "reordered" in how else None,
                refs=tuple(Ref(m.row.indicator.id, None, Span(m.start, m.end)) for m in rows[:1]),
                count=len(tokens),
                rows=len(rows),
                how=placed,
            )
        )

    def place_guessed(
        self, rows: list[_Match], tokens: list[Token], chosen: list[list[Token]]
    ) -> None:
        guess = (
            f"the identities cannot tell their order, so they are placed {self.prior}, the "
            "order the identities confirmed in this document's other tables (a guess)"
        )
        reason = f"values printed apart from their labels; {guess}"
        found = finding(
            TABLE_VALUES_APART, variant="guessed", count=len(tokens), rows=len(rows), how=guess
        )
        self.place_apart(rows, chosen, reason, found)

    def place_apart(
        self, rows: list[_Match], chosen: list[list[Token]], reason: str, found: Finding
    ) -> None:
        """Values placed on rows by a guess: each cell flagged, one warning for them all
        (``found``, a ``table.values_apart``, pointed at the first row)."""
        for match, row_tokens in zip(rows, chosen, strict=True):
            for slot, token in zip(self.slots(match), row_tokens, strict=True):
                self.put(slot, token, inferred=reason)
        refs = tuple(Ref(m.row.indicator.id, None, Span(m.start, m.end)) for m in rows[:1])
        self.findings.append(attrs.evolve(found, refs=refs))

    def holds_values(self, indicator: Indicator) -> bool:
        """A leaf, or a group printed without any of its children (the 2019 form's
        single "（六）其他处理" row inside a 2021 table); the children of such a
        group hold no values here."""
        printed = self.printed
        if indicator.group:
            return indicator.id in printed and not any(c.id in printed for c in indicator.children)
        parent = self.template.parent_of(indicator.id)
        return not (
            parent is not None
            and parent.id in printed
            and indicator.id not in printed
            and not any(c.id in printed for c in parent.children)
        )

    def block_rows(self, matched: list[_Match]) -> list[_Match]:
        # Every value row of the template from the first to the last label of the
        # block, so a label the extraction garbled still gets its values.
        if not matched:
            return []
        leaves = [r for r in _rows(self.template) if r.columns and self.holds_values(r.indicator)]
        index = {r.indicator.id: i for i, r in enumerate(leaves)}
        first = index.get(matched[0].row.indicator.id)
        last = index.get(matched[-1].row.indicator.id)
        if first is None or last is None or last < first:
            return matched
        by_id = {m.row.indicator.id: m for m in matched}
        return [
            by_id.get(r.indicator.id, _Match(r, matched[0].start, matched[0].start))
            for r in leaves[first : last + 1]
        ]

    def values_of(self, assignment: list[list[Token]]) -> tuple[str, ...]:
        return tuple(t.raw for row in assignment for t in row)

    def score(self, rows: list[_Match], assignment: list[list[Token]]) -> int:
        values: dict[tuple[str, str], int | None] = {}
        for match, row_tokens in zip(rows, assignment, strict=True):
            for slot, token in zip(self.slots(match), row_tokens, strict=True):
                values[(slot.indicator.id, slot.column)] = (
                    _int(token.raw) if token.kind == "num" else None
                )
        # Only checks wholly inside the block can say anything about it.
        return sum(
            c.evidence(values)
            for c in checks(self.template)
            if c.tag is Tag.ALWAYS and all(k in values for k in c.keys)
        )

    # -- cells ---------------------------------------------------------------------------

    def put(
        self,
        slot: _Slot,
        token: Token | None,
        *,
        blank_at: int = 0,
        inferred: str | None = None,
        raw: str | None = None,
        start: int | None = None,
        alternatives: tuple[int | Decimal, ...] = (),
        value_override: tuple[TokenClass, int | Decimal | None] | None = None,
    ) -> None:
        column = self.template.column(slot.column)
        unit = column.unit or slot.indicator.unit
        money = unit in _MONEY_UNITS
        if token is None:
            token = Token("blank", "", blank_at, blank_at)
        token_class, value = classify(token, money=money)
        if value_override is not None:
            token_class, value = value_override
        begin = token.start if start is None else start
        text_raw = self.text[token.start : token.end] if raw is None else raw
        cell = Cell(
            indicator=slot.indicator.id,
            column=slot.column,
            row_labels=self.row_labels(slot.indicator),
            column_labels=column.labels,
            raw=text_raw,
            value=value,
            token_class=token_class,
            unit=token.unit or unit,
            span=Span(begin, begin + len(text_raw)),
            note=token.note,
            inferred=inferred is not None,
            inferred_reason=inferred,
            alternatives=alternatives,
        )
        key = (slot.indicator.id, slot.column)
        if key in self.placed:
            self.leave([token], f"a second value for {key[0]}[{key[1]}]")
            return
        self.placed[key] = cell
        self.order.append(key)

    def row_labels(self, indicator: Indicator) -> tuple[str, ...]:
        labels = [indicator.label]
        parent = self.template.parent_of(indicator.id)
        while parent is not None:
            labels.append(parent.label)
            parent = self.template.parent_of(parent.id)
        if indicator.block:
            labels.append(indicator.block)
        return tuple(reversed(labels))

    def leave(self, tokens: Iterable[Token], reason: str) -> None:
        tokens = list(tokens)
        for token in tokens:
            if token.kind == "blank":
                continue
            self.unplaced.append(Unplaced(token.raw, Span(token.start, token.end), reason))
        if tokens:
            self.findings.append(
                finding(
                    TABLE_UNPLACED,
                    refs=tuple(Ref(span=Span(t.start, t.end)) for t in tokens[:8]),
                    count=len(tokens),
                    table=self.template.qualified_id,
                    reason=reason,
                )
            )

    # -- splits ----------------------------------------------------------------------------

    def resolve(self) -> None:
        """Decide pending splits for the whole table at once, else keep their candidates.

        Every identity of the template prunes the cuts no choice of the other
        rows can satisfy (`zwgk._parse.resolve.resolve`); then the
        prose may pick among the cuts left, and what it picked propagates again.
        """
        if not self.pending:
            return
        fixed: dict[tuple[str, str], int | None] = {
            k: c.value if isinstance(c.value, int) else None for k, c in self.placed.items()
        }
        rules = [c for c in checks(self.template) if c.tag is Tag.ALWAYS]
        domains = [list(candidates) for _, _, candidates in self.pending]
        decided_by: list[tuple[str, ...]] = list(self.row_rules)
        stated: list[bool] = [False for _ in self.pending]
        for round_ in range(2):
            indexed: list[tuple[int, Choice]] = []
            for i, (slots, _tokens, _all) in enumerate(self.pending):
                ints = _ints(domains[i])
                if ints is None:
                    continue
                keys = tuple((s.indicator.id, s.column) for s in slots)
                if len(ints) == 1:  # settled on its own: a known value for the others
                    fixed.update(zip(keys, ints[0], strict=True))
                else:
                    indexed.append((i, Choice(keys, ints)))
            if not indexed:
                break
            outcomes = resolve(fixed, [c for _, c in indexed], rules)
            for (i, choice), outcome in zip(indexed, outcomes, strict=True):
                kept = set(outcome.candidates)
                domains[i] = [
                    d for d, v in zip(domains[i], choice.candidates, strict=True) if v in kept
                ]
                decided_by[i] = tuple(sorted({*decided_by[i], *outcome.rules}))
            if round_ == 1:
                break
            changed = False
            for i, (slots, _tokens, _all) in enumerate(self.pending):
                label = "".join(core_label(s.indicator.label) for s in slots[:1])
                narrowed = stated_cuts(domains[i], self.evidence, label)
                if len(narrowed) < len(domains[i]):
                    domains[i], stated[i], changed = narrowed, True, True
            if not changed:
                break
        for (slots, tokens, every), cands, rules_used, prose in zip(
            self.pending, domains, decided_by, stated, strict=True
        ):
            self.place_split(slots, tokens, cands, rules_used, prose=prose, of=len(every))
        if self.split_cells:
            self.findings.append(
                finding(
                    TABLE_SPLIT_INFERRED,
                    refs=tuple(self.split_cells),
                    count=len(self.split_cells),
                    table=self.template.qualified_id,
                )
            )

    def place_split(
        self,
        slots: list[_Slot],
        tokens: list[Token],
        candidates: Sequence[tuple[str, ...]],
        rules: tuple[str, ...],
        *,
        prose: bool,
        of: int,
    ) -> None:
        runs = "+".join(t.raw for t in tokens)
        if len(candidates) == 1:
            if prose:
                how = f"of {of} cuts, only this one gives a number the prose states"
            elif rules:
                how = f"by the table's identities ({', '.join(rules)})"
            else:
                how = "the only cut that fits"
            reason = f"split of the digit run {runs}: {how}"
            self._place_parts(slots, tokens, candidates[0], reason, ())
            self.split_cells.extend(Ref(s.indicator.id, s.column) for s in slots)
            return
        reason = f"digit run {runs} has {len(candidates)} possible splits; value left open"
        settled = f"digit run {runs} has {len(candidates)} possible splits, alike in this cell"
        if prose:
            reason += f" (of {of} cuts, these give a number the prose states)"
            settled += f" (of {of} cuts, these give a number the prose states)"
        for i, slot in enumerate(slots):
            options = sorted({_number(c[i]) for c in candidates})
            self._place_one(
                slot,
                tokens,
                candidates[0],
                i,
                reason if len(options) > 1 else settled,
                tuple(options),
                open_=len(options) > 1,
            )
        self.findings.append(
            finding(
                TABLE_AMBIGUOUS_SPLIT,
                refs=tuple(Ref(s.indicator.id, s.column) for s in slots),
                runs=runs,
                count=len(candidates),
                width=len(slots),
                candidates="; ".join(",".join(c) for c in candidates[:6]),
            )
        )

    def _place_parts(
        self,
        slots: list[_Slot],
        tokens: list[Token],
        parts: tuple[str, ...],
        reason: str,
        alternatives: tuple[int | Decimal, ...],
    ) -> None:
        for i, slot in enumerate(slots):
            self._place_one(slot, tokens, parts, i, reason, alternatives)

    def _place_one(
        self,
        slot: _Slot,
        tokens: list[Token],
        parts: tuple[str, ...],
        index: int,
        reason: str,
        alternatives: tuple[int | Decimal, ...],
        *,
        open_: bool = False,
    ) -> None:
        # Locate part `index` inside the tokens it came from, for its span.
        offsets = part_offsets(tokens, parts)
        start, token = offsets[index]
        raw = parts[index]
        if open_:
            covering = Token("num", token.raw, token.start, token.end, token.unit)
            self.put(
                slot,
                covering,
                inferred=reason,
                alternatives=alternatives,
                value_override=(TokenClass.NUMBER, None),
            )
            return
        piece = Token(
            "num", raw, start, start + len(raw), token.unit if index == len(parts) - 1 else None
        )
        self.put(slot, piece, inferred=reason, alternatives=alternatives)

    def cells(self) -> list[Cell]:
        # Template order, not discovery order.
        position = {}
        for i, ind in enumerate(self.template.walk()):
            for j, col in enumerate(self.template.columns):
                position[(ind.id, col.id)] = (i, j)
        return [
            self.placed[k] for k in sorted(self.order, key=lambda k: position.get(k, (10**6, 0)))
        ]


Evidence = dict[int, tuple[str, ...]]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def stated_cuts(
    candidates: Sequence[tuple[str, ...]], evidence: Evidence, label: str
) -> list[tuple[str, ...]]:
    """The candidate splits whose parts the prose states best (all when it states none).

    A part counts when the prose states that number (two digits or more: a 0
    or a 7 proves nothing) in a clause that shares character pairs with the
    row's label: at least two for a number of three digits or more, at least
    half the label's pairs for a shorter one, which coincidence matches
    easily.  A candidate scores the digits of its counted parts; the best score
    wins, ties kept (「制发行政规范性文件62件」 settles 62 of 6233440, not the rest).

    Examples:
        >>> from zwgk._parse.tables import stated_cuts
        >>> evidence = {62: ("本年度制发行政规范性文件",)}
        >>> cuts = [("6", "2", "33440"), ("62", "3", "3440"), ("62", "33", "440")]
        >>> stated_cuts(cuts, evidence, "行政规范性文件")
        [('62', '3', '3440'), ('62', '33', '440')]
    """
    grams = _bigrams(label)

    def stated(part: str) -> bool:
        value = _int(part)
        if len(part) < 2 or value is None:
            return False
        need = 2 if len(part) >= 3 else max(2, (len(grams) + 1) // 2)
        return any(len(grams & _bigrams(phrase)) >= need for phrase in evidence.get(value, ()))

    scores = [sum(len(p) for p in c if stated(p)) for c in candidates]
    best = max(scores, default=0)
    if best == 0:
        return list(candidates)
    return [c for c, score in zip(candidates, scores, strict=True) if score == best]


def prefer_stated(
    candidates: Sequence[tuple[str, ...]], evidence: Evidence, label: str
) -> tuple[str, ...] | None:
    """The one candidate split the prose states best (see `stated_cuts`), if one stands out.

    Examples:
        >>> from zwgk._parse.tables import prefer_stated
        >>> evidence = {2949: ("主动公开政府信息",), 29: ("重大建设项目",)}
        >>> prefer_stated([("29", "4981916"), ("2949", "81916")], evidence, "主动公开文件数")
        ('2949', '81916')
    """
    best = stated_cuts(candidates, evidence, label)
    return best[0] if len(best) == 1 and len(candidates) > 1 else None


def _ints(candidates: Sequence[tuple[str, ...]]) -> tuple[tuple[int, ...], ...] | None:
    """The candidates as counts, or None when a part is not one (a decimal)."""
    out = []
    for parts in candidates:
        values = tuple(_int(p) for p in parts)
        if any(v is None for v in values):
            return None
        out.append(cast(tuple[int, ...], values))
    return tuple(out)


def _int(raw: str) -> int | None:
    raw = raw.replace(",", "")
    if len(raw) > MAX_DIGITS or not raw.lstrip("-").isdigit():
        return None
    return int(raw)


def _number(raw: str) -> int | Decimal:
    value = _int(raw)
    return Decimal(raw.replace(",", "")) if value is None else value


# -- detection ---------------------------------------------------------------------------------


_Markers = tuple[tuple[TableFormat, tuple[re.Pattern[str], ...]], ...]
_Anchors = tuple[tuple[TableFormat, re.Pattern[str]], ...]


def _printed(tree: IndicatorTree, *, rows_only: bool = False) -> set[str]:
    """The core of every label a tree prints (its row labels alone with ``rows_only``)."""
    words = {w for t in tree.tables for r in t.walk() for w in (r.label, *r.aliases)}
    if not rows_only:
        for t in tree.tables:
            words.update((t.title, *(w for c in t.columns for w in (*c.labels, *c.aliases))))
            words.update(r.block for r in t.walk() if r.block)
    return {core_label(w) for w in words} - {""}


@functools.lru_cache(maxsize=16)
def _detectors(registry: Templates) -> tuple[_Markers, _Anchors]:
    """Each registered generation's marker patterns, and the anchors of every generation.

    A tree's ``markers`` and ``anchors`` are its ``parsing`` hints (spec §0: labels
    only that generation prints; a table's own labels decide, not the year).
    A tree given without either is detected by its own labels: its markers
    are the cores of its row labels that no other registered tree prints
    (nor holds inside a longer label), which is what the shipped markers are.
    """
    markers = []
    for tree in registry:
        words = tree.markers
        if not words and not tree.anchors:
            others = {w for t in registry if t is not tree for w in _printed(t)}
            own = _printed(tree, rows_only=True)
            words = tuple(sorted(w for w in own if not any(w in o for o in others)))
        markers.append((tree.format, tuple(re.compile(label_pattern(m)) for m in words)))
    anchors = tuple(
        (tree.format, re.compile(label_pattern(a))) for tree in registry for a in tree.anchors
    )
    return tuple(markers), anchors


def detect_generation(
    norm: str, start: int = 0, templates: Templates | None = None
) -> TableFormat | None:
    """The generation whose marker labels the text prints most, or ``None``.

    Two markers decide; one decides when no other generation has one.  A text
    with 表三's rows and no marker at all (表二 missing) is read as ``f2021``,
    whose 表三 holds the rows of both 2019 and 2021.  ``templates`` is the
    registry whose trees are told apart (default: the shipped ones).

    Examples:
        >>> from zwgk._parse.tables import detect_generation
        >>> detect_generation("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数")
        <TableFormat.F2021: 'f2021'>
    """
    markers, anchors = _detectors(templates or Templates.shipped())
    if not markers:
        return None
    scores = {fmt: sum(1 for p in patterns if p.search(norm, start)) for fmt, patterns in markers}
    best = max(scores, key=lambda f: scores[f])
    if scores[best] >= 2 or (scores[best] == 1 and list(scores.values()).count(1) == 1):
        return best
    for fmt, anchor in anchors:
        if anchor.search(norm, start) is not None:
            return fmt
    return None


def read_tables(
    text: str,
    norm: str,
    start: int = 0,
    evidence: Evidence | None = None,
    origins: Sequence[int] | None = None,
    templates: Templates | None = None,
) -> tuple[TableFormat | None, list[TableRead]]:
    """Every table of the generation the text uses, read from ``norm[start:]``.

    The generation is detected over the trees of ``templates`` (default: the
    shipped ones) and its tables are read on that registry's tree.
    ``origins`` (an HTML page's text) gives each character's offset in the page:
    the copies a merged cell leaves in every grid column it spans share their
    origin and count once, so values keep their logical order within the row.
    """
    # Page furniture (「— 5 —」 footers) may fall inside a label broken over lines: it is
    # blanked, offsets kept, so the label reads whole.
    norm = PAGE_FURNITURE.sub(lambda m: " " * len(m.group()), norm)
    registry = templates or Templates.shipped()
    generation = detect_generation(norm, start, registry)
    if generation is None:
        return None, []
    tree = registry.tree(generation)
    found: list[tuple[TableTemplate, list[_Match]]] = []
    pos = start
    for template in tree.tables:
        matches = _match_rows(norm, template, pos, len(norm))
        if len(matches) >= max(2, len(_rows(template)) // 3):
            found.append((template, matches))
            pos = matches[-1].end
    reads = []
    for i, (template, matches) in enumerate(found):
        end = found[i + 1][1][0].start if i + 1 < len(found) else len(norm)
        reads.append(_read_matched(text, norm, template, matches, end, evidence, None, origins))
    # Blocks the identities could not order are read in the one order they confirmed
    # for the document's other blocks, if there is exactly one.
    orders = {how for read in reads for how in read.confirmed}
    if len(orders) == 1 and any(read.undecided for read in reads):
        (prior,) = orders
        for i, (template, matches) in enumerate(found):
            if reads[i].undecided:
                end = found[i + 1][1][0].start if i + 1 < len(found) else len(norm)
                reads[i] = _read_matched(
                    text, norm, template, matches, end, evidence, prior, origins
                )
    read_ids = {t.id for t, _ in found}
    for template in tree.tables:
        if template.layout is Layout.HORIZONTAL and template.id not in read_ids:
            read = _read_by_position(text, norm, template, pos, evidence)
            if read is not None:
                reads.append(read)
    return generation, reads


@functools.cache
def _table_anchor(template: TableTemplate) -> re.Pattern[str] | None:
    # Where a one-row table (表四) begins: its heading, or the first words of its header.
    words = template.anchors
    return re.compile("|".join(label_pattern(w) for w in words)) if words else None


_NEXT_SECTION = re.compile(rf"\n[ ]*{marker_pattern(MarkerKind.CN)}|附件")
_RULE_ONLY = re.compile(r"[\s|:-]*")


def _read_by_position(
    text: str, norm: str, template: TableTemplate, start: int, evidence: Evidence | None
) -> TableRead | None:
    """A one-row table (表四) whose header labels are too garbled to read.

    PDF extraction and mangled markdown break the header words (「结果维持」
    printed as 「结 果 … 维持」 over several lines), but the row under them
    still holds the template's values in the template's order.  From the
    table's heading to the next section, the first run of values is the row:
    exactly as many values as the row has cells are placed in that order, each
    marked inferred; glued digits are split by the identities and extra values
    reported, as for any row; a number or two of prose is not taken for the row.
    """
    pattern = _table_anchor(template)
    anchor = pattern.search(norm, start) if pattern is not None else None
    if anchor is None:
        return None
    section = _NEXT_SECTION.search(norm, anchor.end(), anchor.end() + 4000)
    region_end = section.start() if section is not None else min(len(norm), anchor.end() + 4000)
    masked = _masked(norm, template, anchor.start(), region_end)
    found = [t for t in find_tokens(masked, anchor.end(), region_end) if t.kind != "blank"]
    # The row is the first run of values with nothing but spaces and rules between them.
    tokens = found[:1]
    for token in found[1:]:
        if _RULE_ONLY.fullmatch(masked, tokens[-1].end, token.start) is None:
            break
        tokens.append(token)
    rows = [r for r in _rows(template) if r.columns and not r.indicator.children]
    builder = _Builder(text, template, evidence)
    slots = [
        slot for row in rows for slot in builder.slots(_Match(row, anchor.start(), anchor.end()))
    ]
    if len(tokens) == len(slots):
        reason = (
            f"the header was not read; the {len(slots)} values of the row are placed in the "
            "template's order"
        )
        for slot, token in zip(slots, tokens, strict=True):
            builder.put(slot, token, inferred=reason)
        builder.findings.append(
            finding(
                TABLE_VALUES_APART,
                variant="template_order",
                refs=(Ref(None, None, Span(tokens[0].start, tokens[-1].end)),),
                table=template.qualified_id,
                reason=reason,
            )
        )
    elif sum(len(t.raw) for t in tokens if t.kind == "num") >= len(slots):
        # Digits run together, or a value too many: split by the identities, or
        # kept as unplaced, as for any row.
        builder.place_slots(slots, tokens, blank_at=tokens[0].start)
        builder.resolve()
    else:
        return None  # a number or two of prose under the heading, not the row
    table = StatTable(
        id=template.qualified_id,
        format=template.format,
        title=template.title,
        span=Span(anchor.start(), tokens[-1].end),
        cells=tuple(builder.cells()),
        unplaced=tuple(builder.unplaced),
    )
    return TableRead(table, tuple(builder.findings), 0, len(rows))
