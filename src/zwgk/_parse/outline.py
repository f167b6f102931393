"""The outline of a document from its numbering: 一、 / (一) / 1. / (1).

Scraped pages often hold the whole body on one line, so headings are found
by their markers anywhere, and a marker counts only where it continues the
numbering of its level (二 after 一, 3 after 2) under the same parent.  That
rejects the 1. of a date or the 一、 of a table row, and keeps misnumbered
outlines readable: a marker that restarts at 一 after 六 opens a new run.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

import attrs

from zwgk._model import Section, Span
from zwgk._text.lexer import lex
from zwgk._text.numbering import (
    OUTLINE_LEVELS,
    TITLE_END,
    Marker,
    MarkerKind,
    TreeNode,
    TreePolicy,
    build_tree,
    marker_pattern,
)
from zwgk._text.numerals import CN_DIGITS

_BEFORE = frozenset(' \n\t。;；:：!！?？"”)）>】]|*#•')
# Each pattern opens with the one character its match starts with, so that a search skips
# to it in C, then looks back at what stands before it.
# 附件 / 附表 at the start of a line or after a blank or a tag's ``>``.
_APPENDIX = re.compile(rf"附(?<![^\s>]附)[件表][\d{CN_DIGITS}]{{0,2}}(?=[：:\s]|下载|$)", re.M)
# A heading's title ends at a mark, a blank, or a bracket that opens the next item's number.
_NEXT_ITEM = marker_pattern(MarkerKind.CN_PAREN, MarkerKind.ARABIC_PAREN)
_TITLE_STOP = re.compile(rf"[{TITLE_END} (（](?:(?<![(（])|(?<=(?={_NEXT_ITEM})[(（]))")


def _candidates(
    norm: str, start: int, end: int, spans: Sequence[Span], titles: _Titles
) -> Iterator[Marker]:
    # Markers that may be headings: outside tables, after a break or a table's last digit,
    # or anywhere before a section title the document kind is known to use.
    si = 0
    for m in lex(norm).markers(start, end):
        level = OUTLINE_LEVELS.get(m.kind)
        if level is None or (level >= 3 and (m.value > 99 or " " in norm[m.start : m.end])):
            continue
        while si < len(spans) and spans[si].end <= m.start:
            si += 1
        if si < len(spans) and spans[si].start <= m.start < spans[si].end:
            continue
        before = norm[m.start - 1] if m.start > 0 else "\n"
        # A Chinese-numbered heading may follow a table's last digit directly.
        if (
            before not in _BEFORE
            and not (level <= 2 and before.isdigit())
            and not (level == 1 and _known_title(norm, m.end, titles) is not None)
        ):
            continue
        yield m


def _policy(start: int, spans: Sequence[Span]) -> TreePolicy:
    table_starts = [s.start for s in spans]

    def jump(mk: Marker, last: TreeNode | None) -> bool:
        # Headings printed inside a table's span (its caption) are not seen: after a
        # table, the top numbering may go on one or two further.
        if OUTLINE_LEVELS[mk.kind] != 1:
            return False
        since = last.marker.start if last is not None else start
        want = last.marker.value + 1 if last is not None else 1
        i = bisect.bisect_right(table_starts, since)
        return want < mk.value <= want + 2 and i < len(table_starts) and table_starts[i] < mk.start

    def restart(mk: Marker, last: TreeNode | None) -> bool:
        return OUTLINE_LEVELS[mk.kind] == 1  # a second run of 一、二、… (misnumbered outline)

    return TreePolicy(orphans=False, restart=restart, jump=jump)


def _title_end(norm: str, node: TreeNode, end: int, titles: _Titles) -> int:
    title_start = node.marker.end
    while title_start < end and norm[title_start] in " \t":  # 「1. 加强…」
        title_start += 1
    known = _known_title(norm, title_start, titles)
    if known is not None:  # a known title ends where it ends, even run into its text
        return known
    stop = _TITLE_STOP.search(norm, title_start, min(end, title_start + 40))
    return stop.start() if stop and stop.start() > title_start else min(end, title_start + 40)


@attrs.frozen
class _Titles:
    """The section titles a document kind is known to use, read at a position."""

    #: Every title, longest first: the first that is printed is the one.
    printed: re.Pattern[str] | None
    #: The titles of ten characters or more (longest first) by their first four.
    by_head: dict[str, tuple[str, ...]]


@functools.lru_cache(maxsize=16)
def _titles(titles: tuple[str, ...]) -> _Titles:
    known = sorted(titles, key=len, reverse=True)
    by_head: dict[str, tuple[str, ...]] = {}
    for title in known:
        if len(title) >= 10:
            by_head[title[:4]] = (*by_head.get(title[:4], ()), title)
    printed = re.compile("|".join(map(re.escape, known))) if known else None
    return _Titles(printed, by_head)


def _known_title(norm: str, at: int, titles: _Titles) -> int | None:
    """Where a known section title printed at ``at`` ends: as printed, or with a slip of a
    character or two inside (「政府信息公开行政法复议、行政诉讼情况」), its first and last
    four characters printed in place."""
    if titles.printed is None:
        return None
    m = titles.printed.match(norm, at)
    if m is not None:
        return m.end()
    for title in titles.by_head.get(norm[at : at + 4], ()):
        tail = norm.find(title[-4:], at + len(title) - 6, at + len(title) + 2)
        if tail != -1:
            return tail + 4
    return None


_PLACEHOLDERS = frozenset({"", "无", "暂无", "没有", "略", "不涉及", "无此情况", "无相关情况"})
_PUNCT_CHARS = " \n\t\u3000。.，,；;：:、!！"
_PUNCT = str.maketrans("", "", _PUNCT_CHARS)
# More characters besides punctuation than the longest placeholder has: the body says
# something, whatever follows (read up to there only, not through a long section).
_SAYS_SOMETHING = re.compile(
    f"(?:[{_PUNCT_CHARS}]*[^{_PUNCT_CHARS}]){{{max(map(len, _PLACEHOLDERS)) + 1}}}"
)


def placeholder(body: str) -> str | None:
    """The body stripped when it says nothing (empty, a placeholder word), else ``None``.

    Examples:
        >>> from zwgk._parse.outline import placeholder
        >>> placeholder("\\n暂无。\\n"), placeholder("  "), placeholder("一是解读形式单一。")
        ('暂无。', '', None)
    """
    return _placeholder_in(body, 0, len(body))


def _placeholder_in(text: str, start: int, end: int) -> str | None:
    """`zwgk._parse.outline.placeholder` of ``text[start:end]``, copied only when it is short."""
    if _SAYS_SOMETHING.match(text, start, end):
        return None
    body = text[start:end]
    cleaned = body.translate(_PUNCT)
    return body.strip() if cleaned in _PLACEHOLDERS or len(cleaned) <= 1 else None


def outline(
    norm: str,
    start: int = 0,
    end: int | None = None,
    skip: Sequence[Span] = (),
    titles: Sequence[str] = (),
) -> tuple[Section, ...]:
    """The section tree of ``norm[start:end]``.

    A marker is a heading where it continues the numbering of its level under the same
    parent (the shared marker tree, ``zwgk._text.numbering.build_tree``); ``skip``
    lists spans (tables) whose markers are row numbers, not headings.  ``titles`` are
    section titles the document kind is known to use; a heading that starts with one
    ends with it, where a flattened page runs the title into its text.

    Examples:
        >>> from zwgk._parse.outline import outline
        >>> tree = outline("一、总体情况\\n(一)主动公开\\n二、存在问题\\n")
        >>> [(s.number, s.title, [c.title for c in s.children]) for s in tree]
        [('一', '总体情况', ['主动公开']), ('二', '存在问题', [])]
        >>> text = "一、总体情况 2019.1 工作 (一)主动公开 1.网站 2.微博 二、问题 1.人员"
        >>> [(s.number, [c.number for c in s.walk()][1:]) for s in outline(text)]
        [('一', ['(一)', '1', '2']), ('二', ['1'])]
    """
    end = len(norm) if end is None else end
    spans = sorted(skip, key=lambda s: s.start)
    known = _titles(tuple(titles))
    roots = build_tree(_candidates(norm, start, end, spans, known), end, _policy(start, spans))
    nodes = [n for root in roots for n in root.walk()]
    # Where each heading's title ends, read once per node.
    title_ends = {id(n): _title_end(norm, n, end, known) for n in nodes}
    if nodes:
        # The last section ends where the attachments begin (附件 / 附件1： / 附件下载).
        appendix = _APPENDIX.search(norm, title_ends[id(nodes[-1])], end)
        if appendix is not None:
            for n in nodes:
                n.end = min(n.end, appendix.start())
    # Rank levels by first appearance so a document that opens with (一) nests right.
    ranks = {lv: i + 1 for i, lv in enumerate(sorted({n.level for n in nodes}))}

    def section(node: TreeNode) -> Section:
        marker = node.marker
        title_end = title_ends[id(node)]
        children = node.children
        return Section(
            heading=norm[marker.start : title_end].strip(),
            number=marker.label,
            title=norm[marker.end : title_end].strip(),
            level=ranks[node.level],
            span=Span._trusted(marker.start, node.end),  # a node ends past its start
            children=tuple([section(c) for c in children]),
            placeholder=None if children else _placeholder_in(norm, title_end, node.end),
        )

    return tuple([section(root) for root in roots])
