"""PDF files as text: words by their positions, ruled tables rebuilt as grids.

pdfplumber (the optional extra ``pdf``) gives every word with its box and every ruling
line.  A page becomes lines of words (a line is the words whose tops agree), and each
ruled table (cells found from the ruling lines) becomes a pipe grid ``| a | b |``, one
line per row, its columns cut at the x-positions of the vertical rules.  A cell spanning
several rows or columns stands in every grid position it covers, as in an HTML table.
A number in a spanned cell is written once; an empty box beside a label in a column of
labels continues that label (a rule drawn through it).  A row that is one cell across
the table is a line (a heading or prose in a frame), and a one-column "table" (ruled
paper) is no table.  A table that runs on over a page break continues the same grid,
the page number between its parts left out.  Each grid cell, and each word outside the
grids, keeps its page and box beside its character range in the text, so the parser's
cells can be located on the page.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_right
from decimal import Decimal
from typing import Any

import attrs

from zwgk._errors import InputError, MissingExtraError
from zwgk._model import BBox

#: Words whose tops differ by at most this many points are on one line.
LINE_TOLERANCE = 3.0
#: A line that is only a page number (``- 3 -``, ``第3页``) between two parts of a table.
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*共\s*\d+\s*页)?[-—–\s]*$")


@attrs.frozen
class Located:
    """A range ``[start, end)`` of the extracted text that a box on a page printed."""

    start: int
    end: int
    page: int
    bbox: BBox


@attrs.frozen
class PdfText:
    """The text of a PDF and, in text order, where its table cells and words are on the pages."""

    text: str
    cells: tuple[Located, ...]

    def locate(self, offset: int) -> Located | None:
        """The table cell or word whose text range holds ``offset``, if any.

        Examples:
            >>> from decimal import Decimal
            >>> from zwgk import BBox
            >>> box = BBox(Decimal(1), Decimal(2), Decimal(3), Decimal(4))
            >>> PdfText("| 7 |", (Located(2, 3, 1, box),)).locate(2).page
            1
        """
        at = bisect_right(self.cells, offset, key=lambda c: c.start) - 1
        return self.cells[at] if at >= 0 and offset < self.cells[at].end else None


def _box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(*(Decimal(repr(round(v, 2))) for v in (x0, top, x1, bottom)))


def _cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f"


def _join(parts: list[str]) -> str:
    """Lines of one cell joined: nothing between Chinese characters, else a space."""
    out = ""
    for part in parts:
        if out and not (_cjk(out[-1]) or _cjk(part[0])):
            out += " "
        out += part
    return out


def _lines(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words grouped into lines by their tops, each line in reading order."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _line_text(line: list[dict[str, Any]]) -> str:
    return _join([w["text"] for w in line])


@attrs.define
class _Grid:
    """A table as rows of cells: each cell its text, page and box (spanned cells repeated)."""

    rows: list[list[tuple[str, int, BBox] | None]]
    width: int
    top: float
    bottom: float


def _grid(table: Any, words: list[dict[str, Any]], page: int) -> _Grid:
    boxes = list(table.cells)
    xs = sorted({round(v, 1) for b in boxes for v in (b[0], b[2])})
    ys = sorted({round(v, 1) for b in boxes for v in (b[1], b[3])})
    width, height = max(len(xs) - 1, 1), max(len(ys) - 1, 1)
    grid: list[list[int | None]] = [[None] * width for _ in range(height)]
    for index, (x0, top, x1, bottom) in enumerate(boxes):
        c0, c1 = bisect_right(xs, round(x0, 1)) - 1, bisect_right(xs, round(x1, 1)) - 1
        r0, r1 = bisect_right(ys, round(top, 1)) - 1, bisect_right(ys, round(bottom, 1)) - 1
        for r in range(max(r0, 0), min(max(r1, r0 + 1), height)):
            for c in range(max(c0, 0), min(max(c1, c0 + 1), width)):
                grid[r][c] = index
    # Each word goes to the cell under its middle (found by bisection, linear overall).
    texts: list[list[dict[str, Any]]] = [[] for _ in boxes]
    for word in words:
        c = bisect_right(xs, (word["x0"] + word["x1"]) / 2) - 1
        r = bisect_right(ys, (word["top"] + word["bottom"]) / 2) - 1
        if 0 <= r < height and 0 <= c < width and grid[r][c] is not None:
            texts[grid[r][c]].append(word)  # type: ignore[index]
    cells = [
        (_join([_line_text(line) for line in _lines(found)]), page, _box(*box))
        for found, box in zip(texts, boxes, strict=True)
    ]
    seen: set[int] = set()
    rows: list[list[tuple[str, int, BBox] | None]] = []
    for index_row in grid:
        row: list[tuple[str, int, BBox] | None] = []
        for i in index_row:
            # A number stands once, in the first position of its spanned cell.
            number = i is not None and i in seen and _NUMBER.fullmatch(cells[i][0]) is not None
            row.append(None if i is None or number else cells[i])
            if i is not None:
                seen.add(i)
        rows.append(row)
    _continue_labels(rows)
    return _Grid(rows, width, table.bbox[1], table.bbox[3])


_NUMBER = re.compile(r"[-+]?[\d,.]+%?")


def _continue_labels(rows: list[list[tuple[str, int, BBox] | None]]) -> None:
    """An empty cell right of a label, in a column that holds only labels, is the rest of
    that label (a rule drawn through it), not a blank value."""
    width = max((len(r) for r in rows), default=0)
    labels = []
    for c in range(width):
        found = [r[c] for r in rows if c < len(r)]
        texts = [cell[0] for cell in found if cell is not None and cell[0]]
        labels.append(bool(texts) and not any(_NUMBER.fullmatch(t) for t in texts))
    for row in rows:
        for c in range(1, len(row)):
            cell, left = row[c], row[c - 1]
            empty = cell is None or not cell[0]
            if labels[c] and labels[c - 1] and empty and left is not None and left[0]:
                row[c] = left


class _Writer:
    """Builds the text and records where each grid cell's text went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.cells: list[Located] = []

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def row(self, row: list[tuple[str, int, BBox] | None]) -> None:
        if len(row) > 1 and row[0] is not None and all(cell is row[0] for cell in row):
            # One cell across the whole table: a heading or prose, a line of its own.
            self.located(row[0][0], row[0][1], row[0][2])
            self.write("\n")
            return
        self.write("|")
        for cell in row:
            text = "" if cell is None else cell[0].replace("|", " ").replace("\n", " ")
            self.write(" ")
            if cell is None:
                self.write(text)
            else:
                self.located(text, cell[1], cell[2])
            self.write(" |")
        self.write("\n")

    def located(self, text: str, page: int, box: BBox) -> None:
        self.cells.append(Located(self.size, self.size + len(text), page, box))
        self.write(text)

    def line(self, words: list[dict[str, Any]], page: int) -> None:
        """A line of words outside any ruled table, each word located on its page.

        Words far apart (columns of a table printed without rules) keep a space; a narrow
        gap beside Chinese text (``2024 年``) is typesetting and goes."""
        for i, word in enumerate(words):
            if i:
                last = words[i - 1]
                wide = word["x0"] - last["x1"] >= 0.8 * (word["bottom"] - word["top"])
                if wide or not (_cjk(last["text"][-1]) or _cjk(word["text"][0])):
                    self.write(" ")
            box = _box(word["x0"], word["top"], word["x1"], word["bottom"])
            self.located(word["text"], page, box)
        self.write("\n")


def _open(data: bytes) -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise MissingExtraError("pdf", "reading PDF files") from None
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        raise InputError(f"cannot open the PDF: {type(exc).__name__}: {exc}") from None


def pdf_text(data: bytes) -> PdfText:
    """The text of a PDF with its ruled tables as pipe grids, and where each cell is.

    Raises `zwgk.MissingExtraError` without pdfplumber and
    `zwgk.InputError` for a damaged PDF or one with no text layer
    (a scan: there is no OCR here).
    """
    writer = _Writer()
    open_grid: _Grid | None = None
    # Page numbers met after a table: dropped if the next page goes on with the same
    # table, else written where they stood.
    pending: list[tuple[list[dict[str, Any]], int]] = []
    with _open(data) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words()
            # One column is no table: ruled paper or a frame around prose.
            found = [t for t in page.find_tables() if len({round(c[0], 1) for c in t.cells}) > 1]
            grids = [_grid(t, [w for w in words if _within(w, t.bbox)], number) for t in found]
            loose = [w for w in words if not any(_within(w, t.bbox) for t in found)]
            items: list[tuple[float, _Grid | list[dict[str, Any]]]] = [
                (line[0]["top"], line) for line in _lines(loose)
            ]
            items += [(grid.top, grid) for grid in grids]
            items.sort(key=lambda item: item[0])
            for _top, item in items:
                if isinstance(item, _Grid):
                    if open_grid is None or open_grid.width != item.width:
                        for words_of, at in pending:
                            writer.line(words_of, at)
                    pending = []
                    for row in item.rows:
                        writer.row(row)
                    open_grid = item
                    continue
                if open_grid is not None and _PAGE_NUMBER.match(_line_text(item)):
                    pending.append((item, number))
                    continue
                for words_of, at in pending:
                    writer.line(words_of, at)
                pending, open_grid = [], None
                writer.line(item, number)
    for words_of, at in pending:
        writer.line(words_of, at)
    text = "".join(writer.parts)
    if not text.strip():
        raise InputError("no text layer was found in the PDF (a scanned image?); zwgk does no OCR")
    return PdfText(text, tuple(writer.cells))


def _within(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])
