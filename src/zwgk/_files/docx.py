"""Word ``.docx`` files as text: paragraphs and tables in document order.

python-docx (the optional extra ``docx``) reads the document body; each paragraph is a
line and each table a pipe grid ``| a | b |``.  A merged cell (``gridSpan`` across
columns, ``vMerge`` down rows) stands in every grid position it covers, as a spanned cell
of an HTML table does; line breaks inside a cell become spaces.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from zwgk._errors import InputError, MissingExtraError


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


def _cell_text(cell: Any) -> str:
    text = "\n".join(p.text for p in cell.paragraphs)
    return " ".join(text.replace("|", " ").split())


def _grid(table: Any) -> list[list[str]]:
    # ``row.cells`` already repeats a cell across its gridSpan columns and down its
    # vMerge rows: the merged cell's text stands in every position it covers.
    return [[_cell_text(cell) for cell in row.cells] for row in table.rows]


def docx_text(data: bytes) -> str:
    """The text of a ``.docx``: paragraphs as lines, tables as pipe grids, in order.

    Raises [`MissingExtraError`][zwgk.MissingExtraError] without python-docx and
    [`InputError`][zwgk.InputError] for a damaged file.
    """
    lines: list[str] = []
    for block in _blocks(_document(data)):
        if hasattr(block, "rows"):
            lines.extend("| " + " | ".join(row) + " |" for row in _grid(block))
        else:
            lines.append(block.text)
    return "\n".join(lines) + "\n"
