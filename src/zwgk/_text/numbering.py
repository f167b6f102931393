"""Outline markers: one lexer for every numbering a document prints.

`zwgk._text.numbering.markers` finds ``第一部分`` ``第一章`` ``第一条``
``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` ``①`` anywhere in a text (scraped pages
print a whole body on one line) and returns each as a
`zwgk._text.numbering.Marker`: its kind, its default level, its value and
its span.  The lexer only refuses what is never a marker (``2019.1``, ``第3条`` of a
law cited in a sentence is still a marker: the readers' policies judge the context);
the readers (the report outline, the plan task tree) decide which markers continue
their numbering.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import attrs

from zwgk._text.numerals import CN_DIGITS, CN_NUMERAL, DIGIT_VALUES, numeral_or_none

__all__ = [
    "HEADING_NOUNS",
    "MARKER_RE",
    "OUTLINE_LEVELS",
    "ROW_NUMBERING",
    "SENTENCE_OPENERS",
    "TITLE_END",
    "Marker",
    "MarkerKind",
    "TreeNode",
    "TreePolicy",
    "build_tree",
    "iter_markers",
    "leading_marker",
    "marker_from_match",
    "marker_pattern",
    "markers",
    "run_in_title",
]


class MarkerKind(enum.Enum):
    """The printed form of a marker, in the order outlines nest them."""

    PART = "part"  # 第一部分 / 第一章
    ARTICLE = "article"  # 第一条
    CN = "cn"  # 一、
    CN_PAREN = "cn_paren"  # （一）
    ARABIC = "arabic"  # 1. / 1、
    ARABIC_PAREN = "arabic_paren"  # （1）
    CIRCLED = "circled"  # ①

    # Members are singletons: hashed by identity, in C (``Enum`` hashes by name, in
    # Python), as every marker is looked up by its kind.
    __hash__ = object.__hash__


_LEVEL = {kind: i for i, kind in enumerate(MarkerKind)}
_KIND_OF = {kind.value: kind for kind in MarkerKind}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: What an Arabic marker may not follow unless run in (``2019.1``, ``A4``).
_RUN_ON = r"[\d.A-Za-z]"


def _forms(named: bool, run_in: bool = False, *, lead: bool = False) -> dict[MarkerKind, str]:
    """Each kind's printed form; ``named`` puts the numeral in a group named after the kind.

    Unnamed forms leave out the run-on ``3.5`` (a decimal unless a reader asks for it);
    ``run_in`` lets an Arabic marker follow digits or letters directly.  ``lead`` writes
    each form for the one scan, whose pattern has read its first character already: the
    form checks that character behind it, and a numeral it starts with is named from its
    second character on.
    """

    def num(kind: str, body: str) -> str:
        return f"(?P<{kind}>{body})" if named else f"(?:{body})"

    after_dot = r"(?P<glued>\d)?" if named else r"(?!\d)"
    # Each kind: what is printed before its numeral, the numeral's characters and most
    # length, and what is printed after it.
    shapes = {
        MarkerKind.PART: ("第", f"[{CN_NUMERAL}]", 4, "(?:部分|章)"),
        MarkerKind.ARTICLE: ("第", f"[{CN_NUMERAL}]", 4, "条"),
        MarkerKind.CN: ("", f"[{CN_DIGITS}]", 3, rf"(?:[、,]|[.．](?![\d{CN_DIGITS}]))"),
        MarkerKind.CN_PAREN: ("[(（]", f"[{CN_DIGITS}]", 3, "[)）]"),
        MarkerKind.ARABIC: ("", r"\d", 3, rf" ?(?:[.．]{after_dot}|、)"),
        MarkerKind.ARABIC_PAREN: ("[(（]", r"\d", 2, "[)）]"),
        MarkerKind.CIRCLED: ("", f"[{_CIRCLED}]", 1, ""),
    }
    forms = {}
    for kind, (before, chars, most, after) in shapes.items():
        alone = kind is MarkerKind.ARABIC and not run_in  # not after digits or letters
        if not lead:
            numeral = num(kind.value, f"{chars}{{1,{most}}}" if most > 1 else chars)
            forms[kind] = f"{f'(?<!{_RUN_ON})' if alone else ''}{before}{numeral}{after}"
        elif before:
            forms[kind] = f"(?<={before}){num(kind.value, f'{chars}{{1,{most}}}')}{after}"
        else:  # the numeral's first character is the one read
            behind = f"(?<={chars}){f'(?<!{_RUN_ON}.)' if alone else ''}"
            rest = f"{chars}{{0,{most - 1}}}" if most > 1 else ""
            forms[kind] = f"{behind}{num(kind.value, rest)}{after}"
    return forms


#: The one numbering pattern.  Brackets may be half- or full-width.  It opens with the
#: characters a marker starts with, so that a scan skips to them in C; each form then
#: checks that character behind it (see ``_forms``), and a numeral that starts the
#: marker (一、, 1., ①) is named from its second character on.
MARKER_RE = re.compile(
    f"[第(（\\d{CN_DIGITS}{_CIRCLED}](?<!{_RUN_ON}\\d)"  # a digit run on is no marker's start
    f"(?:{'|'.join(_forms(named=True, lead=True).values())})"
)
_PLAIN_FORMS = {run_in: _forms(named=False, run_in=run_in) for run_in in (False, True)}


def marker_pattern(*kinds: MarkerKind, run_in: bool = False) -> str:
    """The printed forms of these kinds (every kind by default), for a reader's own patterns.

    The forms are `zwgk._text.numbering.MARKER_RE`'s, without its groups; a ``3.`` run
    into a digit (``3.5``) is not one.  ``run_in`` also takes a ``3.`` printed right after
    other digits, as a flattened table runs a row's values into the next row's number
    (``00003.无法提供``).

    Example:
        >>> import re
        >>> from zwgk._text.numbering import MarkerKind, marker_pattern
        >>> heading = re.compile(marker_pattern(MarkerKind.CN, MarkerKind.CN_PAREN))
        >>> [bool(heading.match(x)) for x in ("十二、问题", "（三）", "3.5万", "1、")]
        [True, True, False, False]
        >>> row = re.compile(marker_pattern(MarkerKind.ARABIC, run_in=True) + "$")
        >>> bool(row.search("00003.")), bool(re.search(marker_pattern() + "$", "00003."))
        (True, False)
    """
    chosen = kinds or tuple(MarkerKind)
    return "(?:" + "|".join(_PLAIN_FORMS[run_in][kind] for kind in chosen) + ")"


#: The numbering of a row in a statistics table before 2014: ``其中：1．``, ``2、``, or
#: ``其中：1`` with no dot (a flattened row prints 其中1网站公开); a single digit, never 0,
#: so that a value glued before the label (``252.``) is not taken for it.
ROW_NUMBERING = r"(?:其中[:：]?[ ]*(?:[1-9][ ]*[、.．]?[ ]*)?|[1-9][ ]*[、.．][ ]*)"

_LEADING = re.compile(rf"[ ]*{marker_pattern()}")

#: The marks that end the title after a marker (a heading's, a task's): sentence and
#: clause marks and a line break.  Each reader adds its own policy (spaces, the next
#: marker).
TITLE_END = "。;；:：!！?？\n"

#: The nouns a plan's heading ends with (工作目标, 职责分工, 保障措施).
HEADING_NOUNS = (
    "目标", "要求", "任务", "安排", "内容", "分工", "措施", "步骤", "原则", "思想", "范围",
    "保障", "领导", "机制", "重点", "意义", "方式", "职责", "对象", "依据", "事项",
)  # fmt: skip
#: The words a sentence of a plan's body opens with (按照…, 在…领导下, 各单位…, 做好…).
SENTENCE_OPENERS = (
    "按照", "根据", "依据", "为了", "为", "在(?!于)", "各", "以(?![及上下来后前])", "坚持", "做好", "加强", "全面",
    "进一步", "围绕", "结合", "对", "由", "要", "通过", "认真", "切实", "积极", "深入",
    "着力", "建立", "落实", "推进", "开展", "加大", "确保", "严格", "成立", "本",
)  # fmt: skip
_RUN_IN = re.compile("(?:" + "|".join(HEADING_NOUNS) + ")(?=" + "|".join(SENTENCE_OPENERS) + ")")


def run_in_title(title: str) -> str:
    """A heading's title without the sentence a flattened page ran into it.

    A page that lost its line breaks prints 「一、工作目标按照“属地管理”原则…」: the title
    ends at the first heading noun (目标, 要求, 安排…) that a sentence opener (按照, 各,
    在, 做好…) follows.

    Example:
        >>> from zwgk._text.numbering import run_in_title
        >>> run_in_title("整治范围及时间安排各行政村辖区范围内的工业企业"), run_in_title("保障措施")
        ('整治范围及时间安排', '保障措施')
    """
    m = _RUN_IN.search(title, 2)
    return title[: m.end()] if m is not None else title


def leading_marker(label: str) -> str | None:
    """The marker a label starts with, as printed (spaces before it dropped), or ``None``.

    Example:
        >>> from zwgk._text.numbering import leading_marker
        >>> leading_marker("（二）部分公开"), leading_marker("2.5万元"), leading_marker("申请")
        ('（二）', None, None)
    """
    m = _LEADING.match(label)
    return m.group(0).lstrip(" ") if m is not None else None


class Marker(NamedTuple):
    """One numbering marker: its kind, nesting level, value and span in the text.

    ``label`` is the marker as paths print it: ``一``, ``(一)``, ``1``, ``(1)``, ``①``,
    ``第一条``, ``第一部分``.  (A named tuple: a text has thousands, made as they are read.)

    Example:
        >>> from zwgk._text.numbering import markers
        >>> [(m.kind.value, m.level, m.value, m.label) for m in markers("二、任务 （三）公开 4. 清单")]
        [('cn', 2, 2, '二'), ('cn_paren', 3, 3, '(三)'), ('arabic', 4, 4, '4')]
    """

    kind: MarkerKind
    value: int
    start: int
    end: int
    label: str
    glued: bool = False  # 3.5G: a 3. run into text that starts with a digit, or a decimal

    @property
    def level(self) -> int:
        """The default nesting level of the kind (第一部分 0 … ① 6)."""
        return _LEVEL[self.kind]


def markers(
    text: str, start: int = 0, end: int | None = None, *, glued: bool = False
) -> list[Marker]:
    """Every marker in ``text[start:end]``, in order; see `zwgk._text.numbering.Marker`.

    ``glued`` also yields ``3.`` before a digit (``3.5G网络``), which reads as a decimal
    unless the reader's numbering expects a 3 there.

    Example:
        >>> from zwgk._text.numbering import markers
        >>> [m.label for m in markers("第一部分 总则 第三条 ① 2019.1 (2) 二十、")]
        ['第一部分', '第三条', '①', '(2)', '二十']
    """
    return list(iter_markers(text, start, end, glued=glued))


def iter_markers(
    text: str, start: int = 0, end: int | None = None, *, glued: bool = False
) -> Iterator[Marker]:
    """`zwgk._text.numbering.markers`, lazily."""
    stop = len(text) if end is None else end
    for m in MARKER_RE.finditer(text, start, stop):
        marker = marker_from_match(m)
        if marker is not None and (glued or not marker.glued):
            yield marker


def marker_from_match(m: re.Match[str]) -> Marker | None:
    """The marker a `zwgk._text.numbering.MARKER_RE` match prints, or ``None`` (一二、, 0.).

    Example:
        >>> from zwgk._text.numbering import MARKER_RE, marker_from_match
        >>> marker_from_match(MARKER_RE.search("（十二）")).label
        '(十二)'
    """
    name = m.lastgroup or ""  # the group of the numeral, or ``glued`` after an Arabic one
    start, end = m.span()
    text = m.string
    kind, value, label, run_on = _reading(name, text[start : m.end(_NUMERAL.get(name, name))])
    if value is None:
        return None
    # Built as the tuple it is (a text has thousands): what ``Marker(...)`` makes.
    return _new_marker(Marker, (kind, value, start, end - run_on, label or text[start:end], run_on))


#: The group of an Arabic marker's numeral where the match ends in ``glued``.
_NUMERAL = {"glued": "arabic"}
_new_marker = tuple.__new__


@functools.lru_cache(maxsize=1024)
def _reading(group: str, printed: str) -> tuple[MarkerKind, int | None, str, bool]:
    """The kind, value and label of a marker printed up to the end of its numeral
    (``第十二``, ``（3``, ``①``), its match ending in the group ``group``; the label is
    empty where it is the whole marker as printed (第十二条, 第一部分); and whether the
    marker is glued (``3.5``: its match ran on into a digit)."""
    run_on = group == "glued"
    kind = _KIND_OF["arabic" if run_on else group]
    raw = printed[1:] if printed[0] in "第(（" else printed
    if kind is MarkerKind.CIRCLED:
        value: int | None = _CIRCLED.index(raw) + 1
    elif len(raw) > 1 and all(c in DIGIT_VALUES for c in raw):
        value = None  # 一二、 is not a count: markers are 十二、
    else:
        number = numeral_or_none(raw)
        value = number if isinstance(number, int) and number > 0 else None
    if kind in (MarkerKind.CN_PAREN, MarkerKind.ARABIC_PAREN):
        return kind, value, f"({raw})", run_on
    return kind, value, "" if kind in (MarkerKind.PART, MarkerKind.ARTICLE) else raw, run_on


# ---- the marker tree ---------------------------------------------------------------------

#: The levels of an outline: 一、 > （一） > 1. > （1）.
OUTLINE_LEVELS = {
    MarkerKind.CN: 1,
    MarkerKind.CN_PAREN: 2,
    MarkerKind.ARABIC: 3,
    MarkerKind.ARABIC_PAREN: 4,
}


@attrs.define(eq=False)
class TreeNode:
    """A marker accepted into a tree, its children and where its part of the text ends."""

    marker: Marker
    level: int
    end: int = 0
    children: list[TreeNode] = attrs.Factory(list)
    last: dict[int, TreeNode] = attrs.Factory(dict)  # the latest child of each level

    def own_spans(self) -> list[tuple[int, int]]:
        """The parts of the node's text outside its children's (its own words)."""
        cur = self.marker.end
        spans: list[tuple[int, int]] = []
        for child in self.children:
            if child.marker.start > cur:
                spans.append((cur, child.marker.start))
            cur = max(cur, child.end)
        if self.end > cur:
            spans.append((cur, self.end))
        return spans

    def walk(self) -> Iterator[TreeNode]:
        """This node and every node under it, in printed order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _no(_marker: Marker, _last: TreeNode | None) -> bool:
    return False


@attrs.frozen
class TreePolicy:
    """How a reader continues numbering.  Each hook sees the marker and the latest sibling.

    - ``orphans``: whether a level below 2 may open without a marker above it;
    - ``across_parents``: whether a level's numbering may go on under a new parent
      (1–3 under （一）, 4–6 under （二）);
    - ``restart(marker, last)``: a 1 that opens a new run beside the previous one;
    - ``replace(marker, last)``: a top-level 1 whose run replaces everything before it
      (the plan after its cover notice);
    - ``jump(marker, last)``: a number that may skip (a heading lost in a table);
    - ``repeat(marker, last)``: the same number printed twice for one item (a merged cell).
    """

    orphans: bool = True
    across_parents: bool = False
    restart: Callable[[Marker, TreeNode | None], bool] = _no
    replace: Callable[[Marker, TreeNode | None], bool] = _no
    jump: Callable[[Marker, TreeNode | None], bool] = _no
    repeat: Callable[[Marker, TreeNode | None], bool] = _no


def build_tree(
    found: Iterable[Marker], end: int, policy: TreePolicy = TreePolicy()
) -> list[TreeNode]:
    """The tree of the markers that continue their numbering, in one pass.

    A marker is accepted where it continues its level under the same parent (二 after
    一, 3 after 2), or where the policy allows; a node's text ends where the next marker
    of the same or a shallower level starts, the last ones at ``end``.  Every marker
    given is either in the tree or refused; none is lost in between.

    Example:
        >>> from zwgk._text.numbering import build_tree, markers
        >>> text = "一、总体 2019.1 (一)公开 1.网站 2.微博 3 二、问题 1.人员"
        >>> tree = build_tree(markers(text), len(text))
        >>> [(n.marker.label, [c.marker.label for c in n.children]) for n in tree]
        [('一', ['(一)']), ('二', ['1'])]
        >>> [c.marker.label for c in tree[0].children[0].children]
        ['1', '2']
    """
    roots: list[TreeNode] = []
    root_last: dict[int, TreeNode] = {}
    stack: list[TreeNode] = []
    last_value: dict[int, int] = {}
    for mk in found:
        level = OUTLINE_LEVELS.get(mk.kind)
        if level is None:
            continue
        depth = len(stack)
        while depth and stack[depth - 1].level >= level:
            depth -= 1
        parent = stack[depth - 1] if depth else None
        if parent is None and level > 2 and not policy.orphans:
            continue  # a 1. or (1) needs a heading above it
        last = (parent.last if parent is not None else root_last).get(level)
        replace = False
        if last is None:
            ok = mk.value == 1 or (
                policy.across_parents and level > 1 and mk.value == last_value.get(level, -1) + 1
            )
        elif (
            mk.value == last.marker.value + 1
            or policy.jump(mk, last)
            or (mk.value == 1 and policy.restart(mk, last))
        ):
            ok = True
        elif mk.value == 1 and parent is None and policy.replace(mk, last):
            ok = replace = True
        elif mk.value == last.marker.value and policy.repeat(mk, last):
            keep = depth + 1 if depth < len(stack) and stack[depth] is last else depth
            for node in stack[keep:]:
                node.end = mk.start
            del stack[keep:]
            continue
        else:
            ok = False
        if not ok and last is None and policy.jump(mk, None):
            ok = True
        if not ok:
            continue
        for node in stack[depth:]:
            node.end = mk.start
        del stack[depth:]
        if replace:
            roots.clear()
            root_last.clear()
        node = TreeNode(mk, level)
        (parent.children if parent is not None else roots).append(node)
        (parent.last if parent is not None else root_last)[level] = node
        stack.append(node)
        last_value[level] = mk.value
    for node in stack:
        node.end = end
    return roots
