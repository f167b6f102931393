"""Word ``.docx`` files as text: paragraphs and tables in document order.

python-docx (the optional extra ``docx``) reads the document body; each paragraph is a
line and each table a pipe grid ``| a | b |``.  A merged cell (``gridSpan`` across
columns, ``vMerge`` down rows) stands in every grid position it covers, as a spanned cell
of an HTML table does; line breaks inside a cell become spaces.  Numbers that Word draws
from its numbering definitions (an automatic ``一、`` or ``（一）`` before a heading) are
not in the paragraph's text: they are written out as Word shows them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from zwgk._errors import InputError, MissingExtraError
from zwgk._text.numerals import CN_DIGITS


def _document(data: bytes) -> Any:
    try:
        import docx
    except ImportError:
        raise MissingExtraError("docx", "reading Word .docx files") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # a broken package raises zipfile, lxml or KeyError errors
        raise InputError(f"cannot open the Word document: {type(exc).__name__}: {exc}") from None


def _blocks(document: Any) -> Iterator[Any]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零" + CN_DIGITS[:9]  # 零 … 九 by value


def chinese_number(n: int) -> str:
    """``n`` (1–99) in Chinese counting, as Word's ``chineseCounting`` numbers.

    Examples:
        >>> from zwgk._files.docx import chinese_number
        >>> [chinese_number(n) for n in (1, 10, 12, 20, 35)]
        ['一', '十', '十二', '二十', '三十五']
    """
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "十" if tens == 1 else _CN_DIGITS[tens] + "十"
    return head + (_CN_DIGITS[ones] if ones else "") if n < 100 else str(n)


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographDigital", "japaneseCounting")):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n <= 39:
        roman = (
            "x" * (n // 10) + ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][n % 10]
        )
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(n)


class _Numbering:
    """Word's list numbering: each paragraph's drawn number, counted as Word counts it."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counts: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iterchildren(f"{_W}lvl"):
                fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{_W}lvlText")) or ""
                start = int(_val(lvl.find(f"{_W}start")) or 1)
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (fmt, text, start)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for node in root.iterchildren(f"{_W}num"):
            ref = _val(node.find(f"{_W}abstractNumId"))
            self.levels[node.get(f"{_W}numId", "")] = abstract.get(ref or "", {})

    def label(self, paragraph: Any) -> str:
        """The number Word draws before ``paragraph`` (``""`` for none or a bullet)."""
        num = _num_pr(paragraph._p.pPr) or _num_pr(_style_ppr(paragraph))
        if num is None:
            return ""
        num_id, level = num
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 10)
        if not 0 <= level < len(counts):
            return ""
        counts[level] += 1
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = 0
        fmt, text, _start = levels[level]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(level, -1, -1):
            lvl_fmt, _text, start = levels.get(k, ("decimal", "", 1))
            text = text.replace(f"%{k + 1}", _format(counts[k] + start - 1, lvl_fmt))
        return text


def _val(node: Any) -> str | None:
    return None if node is None else node.get(f"{_W}val")


def _style_ppr(paragraph: Any) -> Any:
    style = paragraph.style
    return None if style is None else style.element.pPr


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    num_id = str(ppr.numPr.numId.val)
    level = 0 if ppr.numPr.ilvl is None else int(ppr.numPr.ilvl.val)
    return None if num_id == "0" else (num_id, level)


def _cell_text(cell: Any) -> str:
    text = "\n".join(p.text for p in cell.paragraphs)
    return " ".join(text.replace("|", " ").split())


def _grid(table: Any) -> list[list[str]]:
    # ``row.cells`` already repeats a cell across its gridSpan columns and down its
    # vMerge rows: the merged cell's text stands in every position it covers.
    return [[_cell_text(cell) for cell in row.cells] for row in table.rows]


def docx_text(data: bytes) -> str:
    """The text of a ``.docx``: paragraphs as lines, tables as pipe grids, in order.

    Raises `zwgk.MissingExtraError` without python-docx and
    `zwgk.InputError` for a damaged file.
    """
    lines: list[str] = []
    document = _document(data)
    numbering = _Numbering(document)
    for block in _blocks(document):
        if hasattr(block, "rows"):
            lines.extend("| " + " | ".join(row) + " |" for row in _grid(block))
        else:
            lines.append(numbering.label(block) + block.text)
    return "\n".join(lines) + "\n"
