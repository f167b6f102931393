"""Cell tokens: finding them in a stretch of table text and classifying them (spec §6)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from zwgk._model import TokenClass
from zwgk._text import vocab
from zwgk._text.numbering import MarkerKind, marker_pattern
from zwgk._text.vocab import alternation

#: Units a cell may print after its number (「13件」).
CELL_UNITS = alternation(vocab.CELL_UNITS)

_TOKEN = re.compile(
    # The first character of some token, checked first: most positions start none.
    r"(?=[-+\d—－/不N无(|])(?:"
    r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    rf"(?P<unit>{CELL_UNITS})?"
    r"|(?P<dash>—+|--?|－)"
    r"|(?P<slash>/|不适用|N/A)"
    r"|(?P<none>无)"
    r"|(?P<paren>\([^()\n]{0,160}\))"
    r"|(?P<pipe>\|))"
)

#: Tokens longer than this are not numbers a table cell holds (a run of digits, garbage).
MAX_DIGITS = 24

#: Page furniture inside tables: "- 3 -" and "第 3 页 共 9 页" footers, and form feeds.
PAGE_FURNITURE = re.compile(
    r"^[ \t]*(?:[-—][ \t]*\d{1,4}[ \t]*[-—]"
    r"|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[,，、/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?"
    r"|共[ \t]*\d{1,4}[ \t]*页[ \t]*[,，、/]?[ \t]*第[ \t]*\d{1,4}[ \t]*页)[ \t]*$"
    r"|\x0c",
    re.MULTILINE,
)


#: Where a line of page furniture may start: a line break, spaces, its first mark.
_FURNITURE_LINE = re.compile(r"\n[ \t]*[-—第共]")


def furniture_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of page furniture in ``text[start:end]``: what
    ``PAGE_FURNITURE.finditer(text, start, end)`` finds, tried only at the few lines
    that start like furniture and at form feeds instead of at every position.

    Example:
        >>> from zwgk._parse.tokens import furniture_spans
        >>> furniture_spans("规章 1\\n  - 5 -\\n第 2 页\\n\\x0c", 3)
        [(5, 12), (13, 18), (19, 20)]
    """
    end = len(text) if end is None else end
    starts = [m.start() + 1 for m in _FURNITURE_LINE.finditer(text, start, end)]
    if start == 0 or text[start - 1] == "\n":  # where `^` matches at the window's start
        starts.append(start)
    at = text.find("\x0c", start, end)
    while at != -1:
        starts.append(at)
        at = text.find("\x0c", at + 1, end)
    spans: list[tuple[int, int]] = []
    pos = start
    for at in sorted(starts):
        if at >= pos and (m := PAGE_FURNITURE.match(text, at, end)) is not None:
            spans.append(m.span())
            pos = m.end()
    return spans


def blank_furniture(text: str) -> str:
    """``text`` with its page furniture (`PAGE_FURNITURE`, see `furniture_spans`)
    blanked, offsets kept.

    Example:
        >>> from zwgk._parse.tokens import blank_furniture
        >>> blank_furniture("规章 1\\n  - 5 -\\n规范性文件 3")
        '规章 1\\n       \\n规范性文件 3'
    """
    pieces: list[str] = []
    pos = 0
    for a, b in furniture_spans(text):
        pieces += (text[pos:a], " " * (b - a))
        pos = b
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


class Token(NamedTuple):
    """A value token of a table with its offsets; ``kind`` is num, dash, slash, none or blank.

    (A named tuple: a table holds thousands, made and read in the parser's hot loops.)
    """

    kind: str
    raw: str
    start: int
    end: int
    unit: str | None = None
    note: str | None = None


#: A token from all its fields at once, without the named tuple's Python-level ``__new__``.
_new = tuple.__new__


def find_tokens(text: str, start: int, end: int, label: str = "") -> list[Token]:
    """Value tokens in ``text[start:end]``; parenthesized notes attach to the number before.

    A parenthesis before any value (or one that repeats the row's own label) is
    label text, not data.  Cells between ``|`` with nothing in them are blank
    tokens (markdown tables).  A stretch of plain counts between blanks (most
    of them) is read by splitting it, without the token pattern.

    Examples:
        >>> from zwgk._parse.tokens import find_tokens
        >>> [(t.kind, t.raw, t.note) for t in find_tokens("22(其中修订 16 件) — 无", 0, 19)]
        [('num', '22', '其中修订 16 件'), ('dash', '—', None), ('none', '无', None)]
        >>> [(t.raw, t.start) for t in find_tokens("规章 12  0\\n5", 2, 11)]
        [('12', 3), ('0', 7), ('5', 9)]
    """
    # Most stretches hold nothing or plain counts between blanks: read those by splitting.
    fields = text[start:end].split()
    digits = "".join(fields)
    if not digits or (digits.isascii() and digits.isdigit()):
        tokens: list[Token] = []
        at = start
        for field in fields:
            at = text.find(field, at, end)
            tokens.append(_new(Token, ("num", field, at, at + len(field), None, None)))
            at += len(field)
        return tokens
    tokens = []
    piped = False
    cell_has_token = False
    last_pipe = -1
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup
        if kind == "num" or kind == "unit":  # the most common token first
            raw, unit = m.group("num", "unit")
            if unit is None and _is_numbering(text, m.end(), end):
                # "2.其他法律…": the label's own number, glued to the run before it.
                if len(raw) <= 1 or not raw.isdigit():
                    continue
                raw = raw[:-1]
            at = m.start()
            tokens.append(Token("num", raw, at, at + len(raw), unit))
        elif kind == "pipe":
            between = text[last_pipe + 1 : m.start()]
            if piped and not cell_has_token and between.strip() == "" and "\n" not in between:
                tokens.append(Token("blank", "", last_pipe + 1, m.start()))
            piped = True
            cell_has_token = False
            last_pipe = m.start()
            continue
        elif kind == "paren":
            inner = m.group("paren")[1:-1].strip()
            if (
                tokens
                and tokens[-1].kind == "num"
                and tokens[-1].note is None
                and inner.replace(" ", "") not in label.replace(" ", "")
            ):
                tokens[-1] = tokens[-1]._replace(note=inner)
            continue
        elif kind == "none" and _in_words(text, m.start()):
            continue
        else:
            tokens.append(Token(kind or "", m.group(0), m.start(), m.end()))
        cell_has_token = True
    return tokens


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


#: A row's numbering ending just here (「二、」 「(四)」 「2.」, spaces after it): a label starts.
#: The 2. may follow the previous row's values directly (「00002.」).
NUMBERING_BEFORE = re.compile(
    marker_pattern(MarkerKind.CN, MarkerKind.CN_PAREN, MarkerKind.ARABIC, run_in=True) + "[ ]*$"
)

# What a row's numbering looks like where it starts: 二、 (二) — the next label, not a word.
_NUMBERING_AFTER = re.compile(marker_pattern(MarkerKind.CN, MarkerKind.CN_PAREN))


def _in_words(text: str, pos: int) -> bool:
    """True when the 无 at ``pos`` belongs to label words, not a value.

    A value 无 stands alone or next to other values; label words hold it between Han
    characters on one line (申请人无正当理由), or right after a row's numbering
    (「（四）无」 of 无法提供 broken over two lines).  A Han character that starts the
    next row's numbering (无二、上年结转) is not a word around it.
    """
    if NUMBERING_BEFORE.search(text, max(0, pos - 8), pos):
        return True  # 「（四）无」 of 无法提供 broken over two lines
    left = text[pos - 1] if pos > 0 else ""
    right = text[pos + 1] if pos + 1 < len(text) else ""
    return (
        _is_han(left)
        and left != "无"
        and _is_han(right)
        and right != "无"
        and _NUMBERING_AFTER.match(text, pos + 1) is None
    )


def part_offsets(tokens: list[Token], parts: tuple[str, ...]) -> list[tuple[int, Token]]:
    """Where each part of a split stands: its start offset and the token it was cut from.

    Examples:
        >>> from zwgk._parse.tokens import Token, part_offsets
        >>> [at for at, _ in part_offsets([Token("num", "710", 5, 8), Token("num", "9", 9, 10)], ("7", "10", "9"))]
        [5, 6, 9]
    """
    out: list[tuple[int, Token]] = []
    ti = 0
    pos = tokens[0].start
    for part in parts:
        while ti < len(tokens) and pos + len(part) > tokens[ti].end:
            ti += 1
            if ti < len(tokens):
                pos = tokens[ti].start
        out.append((pos, tokens[min(ti, len(tokens) - 1)]))
        pos += len(part)
    return out


def _is_numbering(text: str, pos: int, end: int) -> bool:
    if pos >= end or text[pos] not in ".、":
        return False
    rest = text[pos + 1 : min(end, pos + 6)].lstrip(" ")
    return bool(rest) and "\u4e00" <= rest[0] <= "\u9fff"


_EMPTY_KINDS = {
    "blank": TokenClass.BLANK,
    "dash": TokenClass.DASH,
    "slash": TokenClass.SLASH,
    "none": TokenClass.NONE_WORD,
}


def classify(token: Token, *, money: bool) -> tuple[TokenClass, int | Decimal | None]:
    """The token class and value of a token (``money`` columns give ``Decimal``).

    Examples:
        >>> from zwgk._parse.tokens import Token, classify
        >>> classify(Token("num", "4068.208", 0, 8), money=True)
        (<TokenClass.NUMBER: 'number'>, Decimal('4068.208'))
        >>> classify(Token("dash", "—", 0, 1), money=False)
        (<TokenClass.DASH: 'dash'>, None)
    """
    empty = _EMPTY_KINDS.get(token.kind)
    if empty is not None:
        return empty, None
    raw = token.raw
    if "," in raw:
        raw = raw.replace(",", "")
    if len(raw) > MAX_DIGITS:
        return TokenClass.TEXT, None  # no table cell holds a number this long
    if raw.isdecimal() and not money:  # a count: no sign, no decimal point
        count = int(raw)
        return (TokenClass.NUMBER, count) if count else (TokenClass.ZERO, 0)
    try:
        number = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the token regex admits only numbers
        return TokenClass.TEXT, None
    if number == 0:
        return TokenClass.ZERO, 0 if not money else Decimal(0)
    if money:
        return TokenClass.NUMBER, number
    if number != number.to_integral_value():
        return TokenClass.TEXT, None
    return TokenClass.NUMBER, int(number)
