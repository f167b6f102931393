"""``zwgk.read``: open a file users hold (PDF, Word, web page, text), chosen by its content.

The reader is picked by the first bytes, never by the file name: ``%PDF`` is a PDF,
a ZIP holding ``word/document.xml`` a Word ``.docx``, an OLE2 compound file a legacy
``.doc`` (refused with a clear error); anything else is text, decoded and sniffed for
HTML by `zwgk.parse`.
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import IO

import attrs

from zwgk._errors import InputError
from zwgk._files.docx import docx_text
from zwgk._files.pdf import PdfText, pdf_text
from zwgk._model import AnnualReport, AnyDocument, DocumentKind
from zwgk._parse.dispatch import parse
from zwgk._parse.plans import parse_plan
from zwgk._parse.report import parse_report
from zwgk._parse.text import MAX_INPUT_CHARS, read_file

#: The largest file `read` opens (a PDF holds much more than its text).
MAX_FILE_BYTES = 256 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | IO[str]


def sniff(data: bytes) -> str:
    """What the bytes are: ``pdf``, ``docx``, ``doc``, ``zip``, ``rtf`` or ``text``.

    Examples:
        >>> from zwgk._files import sniff
        >>> (sniff(b"%PDF-1.7 ..."), sniff(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1"), sniff("年报".encode()))
        ('pdf', 'doc', 'text')
    """
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(_OLE):
        return "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    return "text"


_REFUSED = {
    "doc": "a legacy Word .doc file (OLE2 compound document) cannot be read; "
    "save it as .docx or PDF",
    "rtf": "an RTF file cannot be read; save it as .docx or PDF",
    "zip": "a ZIP archive that is not a Word .docx document (an .xlsx, .odt or plain "
    ".zip?) cannot be read",
}


def _bytes(source: Source) -> tuple[bytes | str, str | None]:
    """The content of ``source`` and the name to keep as the document's source."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), None
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if "\n" in path or len(path) > 4096:
            raise InputError(
                "zwgk.read takes a path, a binary file or bytes; for page text use zwgk.parse"
            )
        try:  # a FIFO or device is refused unread; at most the limit plus one byte is read
            return read_file(path, max_bytes=MAX_FILE_BYTES), path
        except OSError as exc:  # "[Errno 2] No such file or directory: 'x.pdf'"
            raise InputError(str(exc)) from None
    read = getattr(source, "read", None)
    if callable(read):
        content = read()
        name = getattr(source, "name", None)
        if isinstance(content, bytes | str):
            return content, name if isinstance(name, str) else None
    raise InputError(f"expected a path, a file object or bytes, got {type(source).__name__}")


def read(
    source: Source,
    *,
    kind: DocumentKind | str | None = None,
    max_chars: int = MAX_INPUT_CHARS,
) -> AnyDocument:
    """Read a file as users hold it: a PDF, a Word ``.docx``, a saved web page or text.

    ``source`` is a path (``str`` or ``os.PathLike``), a file object or bytes.  The
    reader is chosen by content, not by the file name: PDFs (extra ``pdf``) are read
    word by word with their tables rebuilt from the ruling lines, and each table cell
    keeps its ``page`` and ``bbox``; ``.docx`` files (extra ``docx``) give paragraphs and
    table cells with merged cells resolved; web pages give their title and date from
    their meta tags; text is decoded as `zwgk.parse` decodes it.  ``kind``
    forces a document kind (``"annual_report"``, ``"implementation_plan"``,
    ``"work_points"``).  A path is kept as the document's ``source``.

    Raises `zwgk.InputError` for a missing file, a legacy ``.doc``, a PDF
    with no text layer (a scan) or a damaged file, and
    `zwgk.MissingExtraError` when the extra a format needs is absent.

    Examples:
        >>> import zwgk
        >>> report = zwgk.read("tests/corpus/dev/pdf/009_huaian-city-ar-2024.pdf")
        >>> cell = report.cell("new_received", "total")
        >>> (cell.value, cell.page, str(cell.bbox.x0))
        (3119, 4, '486.35')
        >>> try:
        ...     zwgk.read(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(100))
        ... except zwgk.InputError as exc:
        ...     print(exc)
        a legacy Word .doc file (OLE2 compound document) cannot be read; save it as .docx or PDF
    """
    content, name = _bytes(source)
    try:
        wanted = None if kind is None else DocumentKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in DocumentKind)
        raise InputError(f"unknown document kind {kind!r}; one of {known}") from None
    located: PdfText | None = None
    if isinstance(content, bytes):
        what = sniff(content)
        if what in _REFUSED:
            raise InputError(_REFUSED[what], where=name)
        if what == "pdf":
            located = pdf_text(content)
            content = located.text
        elif what == "docx":
            content = docx_text(content)
    if wanted is DocumentKind.ANNUAL_REPORT:
        doc: AnyDocument = parse_report(content, source=name, max_chars=max_chars)
    elif wanted in (DocumentKind.IMPLEMENTATION_PLAN, DocumentKind.WORK_POINTS):
        doc = parse_plan(content, source=name, kind=wanted)
    else:
        doc = parse(content, source=name, max_chars=max_chars)
    if located is not None and isinstance(doc, AnnualReport):
        doc = _placed(doc, located)
    return doc


def _placed(report: AnnualReport, located: PdfText) -> AnnualReport:
    """The report with each cell's page and box, from the grid cell its span lies in."""
    tables = []
    for table in report.tables:
        cells = []
        for cell in table.cells:
            found = None if cell.span is None else located.locate(cell.span.start)
            if found is not None:
                cell = attrs.evolve(cell, page=found.page, bbox=found.bbox)
            cells.append(cell)
        tables.append(attrs.evolve(table, cells=tuple(cells)))
    return attrs.evolve(report, tables=tuple(tables))
