"""Locating a template table in the text: its rows' labels, its stretch, its tokens.

The labels of a template's rows are searched in template order (`match_rows`);
the table runs from its header to the next section heading or blank stretch;
header words are blanked there, as page furniture was in the whole text (same
length, so offsets hold), and the text between one row's label and the next holds that row's
tokens.  Lines printed with cells apart (pipes, tabs) are read too.  What
comes out is a `Region`, which the reading strategies work on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from zwgk._model import Layout, TableTemplate
from zwgk._parse.tables.evidence import Evidence
from zwgk._parse.tables.lines import Line, pipe_lines, tab_lines
from zwgk._parse.tables.template import Compiled, RowLabel, compiled
from zwgk._parse.tokens import NUMBERING_BEFORE, Token, find_tokens
from zwgk._text.numbering import MarkerKind, marker_pattern

#: How far past the previous row a row's label may stand.
_WINDOW = 600
#: How many times a row's label is taken, the first ones from the search's start.
_HITS = 60


@attrs.frozen
class Match:
    """Where a template row's label was found (or, for a row placed by position, assumed)."""

    row: RowLabel
    start: int
    end: int


def match_rows(text: str, template: TableTemplate, start: int, end: int) -> list[Match]:
    """The longest in-order chain of this template's row labels in ``text[start:end]``.

    Every occurrence of every label is a candidate; the chain keeps template
    order, rises in position and leaves no gap wider than a table row could
    fill.  Of equally long chains the most compact wins, so a label quoted in
    the prose before the table does not start it.

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.locate import match_rows
        >>> t2 = zwgk.indicator_tree("f2021").table("t2")
        >>> [m.row.indicator.id for m in match_rows("规章 1 0 5 规范性文件 3 1 9", t2, 0, 20)]
        ['regulations', 'normative_docs']
    """
    c = compiled(template)
    rows = c.searched
    order = c.order
    rank_of = c.ranks
    hits = label_hits(text, c, start, end)
    if not hits:
        return []
    starts = [h[0] for h in hits]
    ends = [-h[1] for h in hits]
    ranks = [rank_of[h[2]] for h in hits]
    # The best chain ending at hit i: its length and where its first hit starts (the
    # later, the more compact), one number `length * big + first` so that the better
    # is the greater, and the hit before i.  `reach[j]` is the best any hit up to j offers
    # the hits after it (its number + big): once none can do better, the search stops.
    big = len(text) + 1
    best: list[int] = []
    prevs: list[int] = []
    reach: list[int] = []
    offer = 0
    for i in range(len(hits)):
        rank, at_i = ranks[i], starts[i]
        best_i, prev_i = big + at_i, -1
        for j in range(i - 1, -1, -1):
            if at_i - ends[j] > _WINDOW or reach[j] <= best_i:
                break
            if ends[j] > at_i or ranks[j] >= rank:
                continue
            if best[j] + big > best_i:
                best_i, prev_i = best[j] + big, j
        best.append(best_i)
        prevs.append(prev_i)
        offer = max(offer, best_i + big)
        reach.append(offer)
    # The longest chain, then the most compact; the first of equals.
    ranked = [(b // big, b % big - at) for b, at in zip(best, starts, strict=True)]
    i = ranked.index(max(ranked))
    chain: list[Match] = []
    while i != -1:
        chain.append(Match(rows[hits[i][2]], starts[i], ends[i]))
        i = prevs[i]
    chain.reverse()
    # A group row counts only where it stands before the next value row.
    return [
        m
        for k, m in enumerate(chain)
        if not m.row.indicator.group
        or (k + 1 < len(chain) and order[chain[k + 1].row.indicator.id] > order[m.row.indicator.id])
    ]


def label_hits(text: str, c: Compiled, start: int, end: int) -> list[tuple[int, int, int]]:
    """Every occurrence of each searched row's label in ``text[start:end]``, in order:
    (start, -end, row index) sorted, at most `_HITS` of a row, none overlapping another
    of the same row: what each row's own ``finditer`` finds, from one pass over the text.

    The pass finds where any label may start; there each row whose label starts so
    tries its pattern, past its previous hit.

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.locate import label_hits
        >>> from zwgk._parse.tables.template import compiled
        >>> c = compiled(zwgk.indicator_tree("f2021").table("t2"))
        >>> [(at, c.searched[r].indicator.id) for at, _, r in label_hits("规章 1 规范性文件 3", c, 0, 12)]
        [(0, 'regulations'), (5, 'normative_docs')]
    """
    patterns = c.patterns
    starting = c.starting
    hits: list[tuple[int, int, int]] = []
    resume = [start] * len(patterns)
    left = [_HITS] * len(patterns)
    for at in c.label_start.finditer(text, start, end):
        pos = at.start()
        for r in starting[at.group()]:
            if pos >= resume[r] and left[r] and (m := patterns[r].match(text, pos, end)):
                hits.append((pos, -m.end(), r))
                resume[r] = m.end()
                left[r] -= 1
    # By start, then end; at one place the rows were tried in order, so the row
    # index keeps the order they were found in.
    hits.sort()
    return hits


def enough(matches: Sequence[Match], template: TableTemplate) -> bool:
    """True when enough of a template's labels were found to take it for that table."""
    return len(matches) >= max(2, len(compiled(template).rows) // 3)


@attrs.frozen
class Region:
    """A located template table: what the reading strategies work on.

    ``areas`` pairs each row found with the tokens between its label and the
    next; ``lines`` are the table's lines printed with cells apart (``line_kind``
    ``"pipe"`` or ``"tab"``); ``origins`` an HTML page's offsets; ``prior`` the
    order values printed apart were confirmed in by the document's other tables.
    """

    text: str
    norm: str
    template: TableTemplate
    matches: tuple[Match, ...]
    start: int
    end: int
    areas: tuple[tuple[Match, tuple[Token, ...]], ...]
    lines: tuple[Line, ...] = ()
    line_kind: str | None = None
    origins: Sequence[int] | None = None
    evidence: Evidence = attrs.field(factory=dict)
    prior: str | None = None

    @property
    def compiled(self) -> Compiled:
        """The template's derived views."""
        return compiled(self.template)


def locate(
    text: str,
    norm: str,
    template: TableTemplate,
    matches: Sequence[Match],
    end: int,
    *,
    evidence: Evidence | None = None,
    prior: str | None = None,
    origins: Sequence[int] | None = None,
) -> Region:
    """The region of a table whose row labels were found (``matches``), up to ``end``."""
    c = compiled(template)
    region_end = _region_end(norm, matches, end, c)
    first = _header_start(norm, c, matches[0].start)
    masked = masked_window(norm, c, first, region_end)
    areas: list[tuple[Match, tuple[Token, ...]]] = []
    for i, match in enumerate(matches):
        stop = matches[i + 1].start if i + 1 < len(matches) else region_end
        if i + 1 < len(matches):
            stop = _before_numbering(masked, match.end, stop, matches[i + 1].row.numbering)
        label = c.core[match.row.indicator.id]
        areas.append((match, tuple(find_tokens(masked, match.end, stop, label))))
    kind = "pipe"
    lines = pipe_lines(norm, matches[0].start, region_end, origins)
    if not lines:
        kind, lines = "tab", tab_lines(text, norm, matches[0].start, region_end)
    # Lines above the first label found are this table's only where they name one of its rows
    # (a first row whose label is garbled); others belong to what stands above.
    head = norm.rfind("\n", 0, matches[0].start) + 1
    lines = [
        line
        for line in lines
        if line.start >= head
        or any(
            r.pattern.search(line.label.replace(" ", "")) or r.wrapped_in(line.label) for r in c.own
        )
    ]
    first = min([first, *(line.start for line in lines)])
    return Region(
        text,
        norm,
        template,
        tuple(matches),
        first,
        region_end,
        tuple(areas),
        tuple(lines),
        kind if lines else None,
        origins,
        evidence or {},
        prior,
    )


def _header_start(norm: str, c: Compiled, start: int) -> int:
    # The table starts at its header (统计指标 / 单位 / 统计数, 信息内容…), not its first row.
    prefix = NUMBERING_BEFORE.search(norm, max(0, start - 8), start)
    if prefix is not None:
        start = prefix.start()
    look = max(0, start - 300)
    masked = masked_window(norm, c, look, start)
    pos = start
    while pos > look and masked[pos - 1] in " \n":
        pos -= 1
    return pos if pos < start and masked[pos:start].strip() == "" else start


_REGION_STOP = re.compile(rf"{marker_pattern(MarkerKind.CN)}|\n\n\n|附件|注:")
_DIGIT = re.compile(r"\d")


def _region_end(norm: str, matches: Sequence[Match], end: int, c: Compiled) -> int:
    # The table ends at the next section heading or a blank stretch after the last
    # label, never inside a line of a pipe table (its cells repeat spanned labels).
    pos = matches[-1].end
    limit = min(end, pos + 400 + 40 * len(c.rows))
    while (m := _REGION_STOP.search(norm, pos, limit)) is not None:
        if m.group().startswith("\n"):  # a blank stretch, never inside a line
            header_only = _DIGIT.search(norm, matches[-1].end, m.start()) is None
            if c.template.layout is Layout.HORIZONTAL and header_only:
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


# A markdown table's rule line: |---|---|
_RULE_ROW = re.compile(r"^[ \t]*\|[ \t|:-]*-[ \t|:-]*$", re.MULTILINE)


def masked_window(norm: str, c: Compiled, start: int, end: int) -> str:
    """``norm`` with the template's header words and rule lines in ``[start, end)``
    blanked (same length, so offsets hold; the rest is as printed).  Page furniture was
    blanked in the whole text before (`zwgk._parse.tokens.blank_furniture`)."""
    spans = [m.span() for m in c.mask.finditer(norm, start, end)]
    if norm.find("|", start, end) != -1:  # a rule line has its pipes
        spans += (m.span() for m in _RULE_ROW.finditer(norm, start, end))
    spans.sort()
    if not spans:
        return norm
    pieces: list[str] = []
    pos = 0
    for a, b in spans:  # overlapping spans blank their union
        if b > pos:
            a = max(a, pos)
            pieces += (norm[pos:a], " " * (b - a))
            pos = b
    pieces.append(norm[pos:])
    return "".join(pieces)


def _before_numbering(masked: str, start: int, stop: int, numbering: tuple[str, ...]) -> int:
    # "00000002.其他…": the "2." belongs to the next label, not to the values.
    if not numbering:
        return stop
    area = masked[start:stop].rstrip(" \n")
    for form in numbering:
        if area.endswith(form):
            return start + len(area) - len(form)
    return stop
