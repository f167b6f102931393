"""Outline markers: one lexer for every numbering a document prints.

[`markers`][zwgk._text.numbering.markers] finds ``第一部分`` ``第一章`` ``第一条``
``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` ``①`` anywhere in a text (scraped pages
print a whole body on one line) and returns each as a
[`Marker`][zwgk._text.numbering.Marker]: its kind, its default level, its value and
its span.  The lexer only refuses what is never a marker (``2019.1``, ``第3条`` of a
law cited in a sentence is still a marker: the readers' policies judge the context);
the readers (the report outline, the plan task tree) decide which markers continue
their numbering.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from zwgk._text.numerals import CN_DIGITS, CN_NUMERAL, DIGIT_VALUES, numeral_or_none

__all__ = ["MARKER_RE", "Marker", "MarkerKind", "iter_markers", "markers"]


class MarkerKind(enum.Enum):
    """The printed form of a marker, in the order outlines nest them."""

    PART = "part"  # 第一部分 / 第一章
    ARTICLE = "article"  # 第一条
    CN = "cn"  # 一、
    CN_PAREN = "cn_paren"  # （一）
    ARABIC = "arabic"  # 1. / 1、
    ARABIC_PAREN = "arabic_paren"  # （1）
    CIRCLED = "circled"  # ①


_LEVEL = {kind: i for i, kind in enumerate(MarkerKind)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

#: The one numbering pattern.  Brackets may be half- or full-width.
MARKER_RE = re.compile(
    rf"第(?P<part>[{CN_NUMERAL}]{{1,4}})(?:部分|章)"
    rf"|第(?P<article>[{CN_NUMERAL}]{{1,4}})条"
    rf"|(?P<cn>[{CN_DIGITS}]{{1,3}})(?:[、,]|[.．](?![\d{CN_DIGITS}]))"
    rf"|[(（](?P<cn_paren>[{CN_DIGITS}]{{1,3}})[)）]"
    r"|(?<![\d.A-Za-z])(?P<arabic>\d{1,3}) ?(?:[.．](?P<glued>\d)?|、)"
    r"|[(（](?P<arabic_paren>\d{1,2})[)）]"
    rf"|(?P<circled>[{_CIRCLED}])"
)


@attrs.frozen
class Marker:
    """One numbering marker: its kind, nesting level, value and span in the text.

    ``label`` is the marker as paths print it: ``一``, ``(一)``, ``1``, ``(1)``, ``①``,
    ``第一条``, ``第一部分``.

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
    """Every marker in ``text[start:end]``, in order; see [`Marker`][zwgk._text.numbering.Marker].

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
    """[`markers`][zwgk._text.numbering.markers], lazily."""
    stop = len(text) if end is None else end
    for m in MARKER_RE.finditer(text, start, stop):
        run_on = m.group("glued") is not None
        if run_on and not glued:
            continue
        kind = MarkerKind.ARABIC if m.group("arabic") is not None else MarkerKind(m.lastgroup)
        raw = m.group(kind.value)
        if kind is MarkerKind.CIRCLED:
            value: int | None = _CIRCLED.index(raw) + 1
        elif len(raw) > 1 and all(c in DIGIT_VALUES for c in raw):
            value = None  # 一二、 is not a count: markers are 十二、
        else:
            number = numeral_or_none(raw)
            value = number if isinstance(number, int) else None
        if value is None or value <= 0:
            continue
        if kind in (MarkerKind.CN_PAREN, MarkerKind.ARABIC_PAREN):
            label = f"({raw})"
        elif kind in (MarkerKind.PART, MarkerKind.ARTICLE):
            label = m.group(0)
        else:
            label = raw
        yield Marker(kind, value, m.start(), m.end() - run_on, label, run_on)
