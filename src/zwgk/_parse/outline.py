"""The outline of a document from its numbering: 一、 / (一) / 1. / (1).

Scraped pages often hold the whole body on one line, so headings are found
by their markers anywhere, and a marker counts only where it continues the
numbering of its level (二 after 一, 3 after 2) under the same parent.  That
rejects the 1. of a date or the 一、 of a table row, and keeps misnumbered
outlines readable: a marker that restarts at 一 after 六 opens a new run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from zwgk._model import Section, Span
from zwgk._text.numbering import MarkerKind, iter_markers
from zwgk._text.numerals import CN_DIGITS

# Report outlines nest 一、 > (一) > 1. > (1).
_LEVELS = {
    MarkerKind.CN: 1,
    MarkerKind.CN_PAREN: 2,
    MarkerKind.ARABIC: 3,
    MarkerKind.ARABIC_PAREN: 4,
}
_BEFORE = frozenset(' \n\t。;；:：!！?？"”)）>】]|*#•')
_APPENDIX = re.compile(
    rf"(?:(?<=[\s>])|^)附(?:件|表)[\d{CN_DIGITS}]{{0,2}}(?=[：:\s]|下载|$)", re.M
)
_TITLE_STOP = re.compile(rf"[。;；:：!！?？\n]| {{1,}}|(?=[(（][{CN_DIGITS}\d])")


@attrs.frozen
class Heading:
    """A numbering marker accepted as a heading."""

    level: int
    number: str
    value: int
    start: int
    title_end: int
    marker_end: int


def find_headings(
    norm: str,
    start: int = 0,
    end: int | None = None,
    skip: Sequence[Span] = (),
    titles: Sequence[str] = (),
) -> list[Heading]:
    """Markers in ``norm[start:end]`` that continue their level's numbering.

    ``skip`` lists spans (tables) whose markers are row numbers, not headings.

    Examples:
        >>> from zwgk._parse.outline import find_headings
        >>> text = "一、总体情况 2019.1 工作 (一)主动公开 1.网站 2.微博 二、问题 1.人员"
        >>> [(h.level, h.number) for h in find_headings(text)]
        [(1, '一'), (2, '(一)'), (3, '1'), (3, '2'), (1, '二'), (3, '1')]
    """
    end = len(norm) if end is None else end
    spans = sorted(skip, key=lambda s: s.start)
    expected: dict[int, int] = {}
    open_levels: list[int] = []
    headings: list[Heading] = []
    last_top = start
    si = 0
    for m in iter_markers(norm, start, end):
        level = _LEVELS.get(m.kind)
        if level is None or (level >= 3 and (m.value > 99 or " " in norm[m.start : m.end])):
            continue
        while si < len(spans) and spans[si].end <= m.start:
            si += 1
        if si < len(spans) and spans[si].start <= m.start < spans[si].end:
            continue
        before = norm[m.start - 1] if m.start > 0 else "\n"
        # A Chinese-numbered heading may follow a table's last digit directly.
        if before not in _BEFORE and not (level <= 2 and before.isdigit()):
            continue
        value = m.value
        if level > 1 and not any(lv < level for lv in open_levels) and level != 2:
            # A 1. or (1) needs a heading above it.
            continue
        want = expected.get(level, 1)
        # Headings printed inside a table's span (its caption) are not seen:
        # after a table, the numbering may go on one or two further.
        after_table = level == 1 and any(last_top < sp.start < m.start for sp in spans)
        jumped = after_table and want < value <= want + 2
        if value != want and not jumped and not (value == 1 and level == 1 and headings):
            continue
        if level == 1:
            last_top = m.start
        if value == 1 and level == 1 and headings and want != 1:
            expected.clear()  # a second run of 一、二、… (misnumbered outline)
        expected[level] = value + 1
        for deeper in (lv for lv in (2, 3, 4) if lv > level):
            expected.pop(deeper, None)
        open_levels = [lv for lv in open_levels if lv < level] + [level]
        title_start = m.end
        while title_start < end and norm[title_start] in " \t":  # 「1. 加强…」
            title_start += 1
        known = next((t for t in titles if norm.startswith(t, title_start)), None)
        stop = _TITLE_STOP.search(norm, title_start, min(end, title_start + 40))
        title_end = (
            stop.start() if stop and stop.start() > title_start else min(end, title_start + 40)
        )
        if known is not None:  # a known title ends where it ends, even run into its text
            title_end = title_start + len(known)
        headings.append(Heading(level, m.label, value, m.start, title_end, m.end))
    return headings


def outline(
    norm: str,
    start: int = 0,
    end: int | None = None,
    skip: Sequence[Span] = (),
    titles: Sequence[str] = (),
) -> tuple[Section, ...]:
    """The section tree of ``norm[start:end]``.

    ``titles`` are section titles the document kind is known to use; a heading
    that starts with one ends with it, where a flattened page runs the title
    into its text.

    Examples:
        >>> from zwgk._parse.outline import outline
        >>> tree = outline("一、总体情况\\n(一)主动公开\\n二、存在问题\\n")
        >>> [(s.number, s.title, [c.title for c in s.children]) for s in tree]
        [('一', '总体情况', ['主动公开']), ('二', '存在问题', [])]
    """
    end = len(norm) if end is None else end
    headings = find_headings(norm, start, end, skip, sorted(titles, key=len, reverse=True))
    if headings:
        # The last section ends where the attachments begin (附件 / 附件1： / 附件下载).
        appendix = _APPENDIX.search(norm, headings[-1].title_end, end)
        if appendix is not None:
            end = appendix.start()
    # Rank levels by first appearance so a document that opens with (一) nests right.
    ranks = {lv: i + 1 for i, lv in enumerate(sorted({h.level for h in headings}))}
    # A heading's section ends where the next heading of the same or a higher
    # level starts: one pass with a stack of open headings.
    stops = [end] * len(headings)
    open_stack: list[int] = []
    for i, h in enumerate(headings):
        while open_stack and headings[open_stack[-1]].level >= h.level:
            stops[open_stack.pop()] = h.start
        open_stack.append(i)
    nodes = list(zip(headings, stops, strict=True))

    def build(index: int) -> tuple[Section, int]:
        h, stop = nodes[index]
        children: list[Section] = []
        j = index + 1
        while j < len(nodes) and nodes[j][0].level > h.level:
            child, j = build(j)
            children.append(child)
        heading_text = norm[h.start : h.title_end].strip()
        title = norm[h.marker_end : h.title_end].strip()
        section = Section(
            heading=heading_text,
            number=h.number,
            title=title,
            level=ranks[h.level],
            span=Span(h.start, stop),
            children=tuple(children),
        )
        return section, j

    out: list[Section] = []
    i = 0
    while i < len(nodes):
        section, i = build(i)
        out.append(section)
    return tuple(out)
