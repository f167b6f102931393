"""Table lines: rows printed with their cells apart (markdown pipes, HTML grids, tabs).

A line is its label cells joined and its value tokens, blank cells kept.
Which template row a line's label names is decided here too (`label_row`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from zwgk._parse.tables.template import RowLabel
from zwgk._parse.tokens import CELL_UNITS, PAGE_FURNITURE, Token, find_tokens


@attrs.frozen
class Line:
    """A row of a table printed as a line of cells: its label cells and value tokens."""

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
#: How many lines above its first label a table's lines may start.
_BLOCK_LINES_BACK = 6


def label_row(rows: Sequence[RowLabel], label: str, cursor: int) -> int | None:
    """The template row a line's label names, at ``cursor`` or after.

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


def ends(pattern: re.Pattern[str], label: str) -> bool:
    """True when ``pattern`` matches at the very end of ``label``."""
    return any(m.end() == len(label) for m in pattern.finditer(label))


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


def pipe_lines(norm: str, start: int, end: int, origins: Sequence[int] | None = None) -> list[Line]:
    """The pipe-table lines (markdown, or an HTML grid written with pipes) around ``start``.

    With ``origins`` (an HTML page's offsets) a merged value cell printed in every
    grid position it spans counts once, so values keep their logical order.

    Example:
        >>> from zwgk._parse.tables.lines import pipe_lines
        >>> [(l.label, [t.raw for t in l.tokens]) for l in pipe_lines("| 规章 | 3 | 1 |", 0, 16)]
        [('规章', ['3', '1'])]
    """
    lines: list[Line] = []
    block = _block_start(norm, start, _is_pipe_line)
    if norm.find("|", block, end) == -1:
        return lines  # no line of the stretch has a pipe
    seen: set[int] = set()  # page offsets of the value cells already read
    for m in _PIPE_LINE.finditer(norm, block, end):
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


def tab_lines(text: str, norm: str, start: int, end: int) -> list[Line]:
    """Rows of a table copied from a browser: cells split by tabs, blank cells empty fields.

    Example:
        >>> from zwgk._parse.tables.lines import tab_lines
        >>> t = "规章\\t3\\t\\t1"
        >>> [[t.kind for t in l.tokens] for l in tab_lines(t, t, 0, len(t))]
        [['num', 'blank', 'num']]
    """
    lines: list[Line] = []
    pos = _block_start(text, start, lambda line: "\t" in line)
    if text.find("\t", pos, end) == -1:
        return lines  # no line of the stretch has a tab
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop == -1 else stop
        if text.find("\t", pos, stop) != -1:
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


def tab_values(text: str, norm: str, start: int, end: int) -> list[Token]:
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


def _line(norm: str, start: int, end: int, cells: list[tuple[int, str]]) -> Line | None:
    """A table line from its cells: label cells first, then value tokens (blank cells kept)."""
    label_parts: list[str] = []
    tokens: list[Token] = []
    for cell_start, cell in cells:
        if not cell.strip():
            # An empty cell is a blank value once the row's label has begun;
            # before it, it is indentation or the rest of a spanned label cell.
            if label_parts or tokens:
                tokens.append(Token("blank", "", cell_start, cell_start))
        elif (found := find_tokens(norm, cell_start, cell_start + len(cell))) and (
            # Once values have begun every number is one (「3(含3件)」: the note rides on it).
            tokens
            or not _HAN.search(_UNIT_AFTER_NUMBER.sub("", _NOTE.sub("", cell)).replace("无", ""))
        ):
            tokens.extend(found)
        elif not tokens and (not label_parts or label_parts[-1] != cell.strip()):
            label_parts.append(cell.strip())  # a spanned label is printed once
    if not any(t.kind != "blank" for t in tokens):
        return None
    return Line("".join(label_parts), start, end, tuple(tokens))
