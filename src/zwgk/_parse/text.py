"""Input handling shared by every parser: decoding, limits, and offset-preserving normalization.

Spans always point into the text the caller gave (or the text decoded from
the bytes the caller gave).  To keep that true, normalization maps each
character to exactly one character: full-width ASCII becomes half-width,
odd spaces and zero-width characters become a plain space.  Parsers then
match on the normalized text and report offsets that are valid in both.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from typing import TypeVar

import attrs

from zwgk._errors import DecodeError, InputError
from zwgk._model import Cell, NarrativeFact, Span, Unplaced
from zwgk._parse.html import (
    looks_like_html,
    map_instances,
    map_spans,
    replaced,
    span_mapper,
)
from zwgk._parse.page import page_to_text
from zwgk._text.chars import refuse_surrogates

T = TypeVar("T")

#: Default upper bound on input size, in characters (bytes for bytes input).
MAX_INPUT_CHARS = 20_000_000


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0x00AD):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        table[cp] = " "
    table.update(
        {
            ord("\t"): " ",
            ord("\r"): "\n",
            ord("\u2028"): "\n",
            ord("\u2029"): "\n",
            ord("○"): "〇",
            ord("．"): ".",
            ord("﹒"): ".",
            ord("［"): "[",
            ord("］"): "]",
            ord("【"): "[",
            ord("】"): "]",
            ord("“"): '"',
            ord("”"): '"',
            ord("‘"): "'",
            ord("’"): "'",
            ord("﹙"): "(",
            ord("﹚"): ")",
            ord("－"): "-",
            ord("―"): "—",
            ord("–"): "-",
        }
    )
    return table


_TABLE = _build_table()
#: Every character normalizing writes in place of another: a stretch of normalized text
#: without any of them is printed as it reads.
NORMALIZED_TO = frozenset(_TABLE.values())
_MAPPED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TABLE)) + "]")


def _token_changes() -> frozenset[str]:
    # The printed characters that normalizing turns into a character of a number token.
    chars = []
    for key, value in _TABLE.items():
        mapped = chr(value) if isinstance(value, int) else value or ""
        if mapped and all(c in "0123456789.-—/〇%+" for c in mapped):
            chars.append(chr(key))
    return frozenset(chars)


#: Where none of these is printed, every token reads as printed: ``finish`` leaves ``raw`` be.
_TOKEN_CHANGES = _token_changes()


def normalize(text: str) -> str:
    """Map full-width forms to half-width and odd spaces to ``" "``, one character for one.

    The result has the same length as the input, so offsets carry over.

    Examples:
        >>> from zwgk._parse.text import normalize
        >>> normalize("（一）收到申请数　２５")
        '(一)收到申请数 25'
    """
    return _normalized(text)[0]


def _normalized(text: str) -> tuple[str, set[str]]:
    """`normalize`, and the characters it replaced."""
    # The few characters a text holds of the table, each replaced in one C pass: faster
    # than ``str.translate``, which looks up every character of the text.  No character
    # the table gives is one it maps, so once a character is replaced the next one the
    # table maps is looked for past it: one pass over the text finds them all.
    replaced = set()
    at = 0
    while (m := _MAPPED.search(text, at)) is not None:
        char = m.group()
        replaced.add(char)
        text = text.replace(char, _TABLE[ord(char)])
        at = m.end()
    return text, replaced


@attrs.frozen
class Source:
    """A document's text as given (``text``) and normalized (``norm``), of equal length."""

    text: str
    norm: str
    encoding: str | None = None
    #: For an HTML page: the offset in the page of each character of ``text``.
    offsets: tuple[int, ...] | None = None
    #: For an HTML page: its length (spans map back into ``[0, page_length]``).
    page_length: int = 0
    #: Whether ``text`` prints a character that normalizing turns into one of a number
    #: token (``２５``): where none is, every token reads as printed.
    token_changes: bool = True


def read_input(data: object, *, max_chars: int = MAX_INPUT_CHARS) -> Source:
    """Check and decode what a caller passed to a parser.

    ``str`` is used as is; ``bytes`` are decoded by their BOM (UTF-8, UTF-16),
    else as UTF-8, else as GB18030 when the result looks like Chinese text.
    Raises `zwgk.InputError` for the wrong type or size and
    `zwgk.DecodeError` naming the byte offset of undecodable input.

    Examples:
        >>> from zwgk._parse.text import read_input
        >>> read_input("公开日期:2018-03-14".encode("gb18030")).encoding
        'gb18030'
    """
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        if raw.lstrip()[:5] == b"%PDF-" or raw.startswith((b"PK\x03\x04", _OLE)):
            raise InputError(
                "the input is a PDF, Word or ZIP file, not text: read it with zwgk.read"
            )
        if len(raw) > max_chars:
            raise InputError(f"input of {len(raw)} bytes exceeds the limit of {max_chars}")
        text, encoding = decode(raw)
    elif isinstance(data, str):
        if _is_path(data):
            raise InputError(f"{data!r} is the path of a file: read files with zwgk.read")
        if len(data) > max_chars:
            raise InputError(f"input of {len(data)} characters exceeds the limit of {max_chars}")
        refuse_surrogates(data)
        text, encoding = data, None
    else:
        raise InputError(f"expected str or bytes, got {type(data).__name__}")
    size = len(text)
    offsets: list[int] | None = None
    if looks_like_html(text):
        text, offsets = page_to_text(text)
    if "\r" in text:
        # Windows (\r\n) and old Mac (\r) line ends read as \n; spans still point into
        # the text the caller gave.
        text, kept = _without_cr(text)
        offsets = kept if offsets is None else [offsets[i] for i in kept]
    norm, replaced = _normalized(text)
    changes = not _TOKEN_CHANGES.isdisjoint(replaced)
    if offsets is None:
        return Source(text, norm, encoding, token_changes=changes)
    return Source(text, norm, encoding, tuple(offsets), size, token_changes=changes)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _is_path(text: str) -> bool:
    """True for a one-line string naming an existing file (a path passed for its text).

    Examples:
        >>> from zwgk._parse.text import _is_path
        >>> (_is_path("pyproject.toml"), _is_path("标题: 通知"))
        (True, False)
    """
    if not text or len(text) > 1024 or "\n" in text or "\0" in text:
        return False
    try:
        return os.path.isfile(text.strip())
    except (OSError, ValueError):
        return False


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def not_regular(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is neither a regular file nor a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_CHARS) -> bytes:
    """The bytes of a regular file, reading at most ``max_bytes + 1`` of them.

    A FIFO, a device or a socket is refused before it is read (reading one could
    block forever or never end) and a file over the limit is refused after
    ``max_bytes + 1`` bytes, both with `zwgk.InputError`; a missing
    file or a folder raises the usual ``OSError``.

    Examples:
        >>> from zwgk._parse.text import read_file
        >>> read_file("/dev/zero")
        Traceback (most recent call last):
        ...
        zwgk._errors.InputError: not a regular file (a character device)
        >>> len(read_file("seeds/003_cfccfa7d233b51e6.txt"))
        9781
    """
    name = os.fspath(path)
    mode = os.stat(name).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
    kind = not_regular(mode)
    if kind is not None:
        raise InputError(f"not a regular file ({kind})")
    # O_NONBLOCK: a FIFO put in the file's place since the check still cannot block.
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        kind = not_regular(os.fstat(fd).st_mode)
        if kind is not None:
            raise InputError(f"not a regular file ({kind})")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"input of more than {max_bytes} bytes exceeds the limit of {max_bytes}")
    return data


_CR = re.compile(r"\r\n?")


def _without_cr(text: str) -> tuple[str, list[int]]:
    """``text`` with each CR LF or lone CR made one LF, and the offset each character came from.

    Examples:
        >>> from zwgk._parse.text import _without_cr
        >>> _without_cr("a\\r\\nb\\rc")
        ('a\\nb\\nc', [0, 2, 3, 4, 5])
    """
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _CR.finditer(text):
        parts.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        parts.append("\n")
        offsets.append(m.end() - 1)
        pos = m.end()
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def finish(doc: T, src: Source) -> T:
    """The document as the caller gave it: each ``raw`` the token as printed, and (for
    HTML input) the spans moved back onto the page.

    Parsers read the normalized text, so a token's ``raw`` is first its normalized form
    (``25`` for a printed ``２５``); here it becomes the printed text of its span.

    Examples:
        >>> from zwgk._parse.text import finish, read_input
        >>> from zwgk import Span, Unplaced
        >>> finish(Unplaced("25", Span(2, 4), "x"), read_input("规章２５")).raw
        '２５'
    """

    change_span = span_mapper(src.offsets, src.page_length) if src.offsets is not None else None
    if not src.token_changes:
        return doc if change_span is None else map_spans(doc, change_span)
    norm, text = src.norm, src.text

    def printed(item: Cell | NarrativeFact | Unplaced) -> Cell | NarrativeFact | Unplaced:
        # The token as printed, and (for a page) its span moved: one copy for both.
        span = item.span
        if span is None:
            return item
        changes: dict[str, object] = {}
        if item.raw == norm[span.start : span.end]:
            raw = text[span.start : span.end]
            if raw != item.raw:
                changes["raw"] = raw
        if change_span is not None:
            changes["span"] = change_span(span)
        return replaced(item, changes) if changes else item

    if change_span is None:
        return map_instances(doc, (Cell, NarrativeFact, Unplaced), printed)
    moved = change_span
    return map_instances(
        doc,
        (Cell, NarrativeFact, Unplaced, Span),
        lambda item: moved(item) if isinstance(item, Span) else printed(item),
    )


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(raw: bytes) -> tuple[str, str]:
    """Decode document bytes; return the text and the encoding used.

    Examples:
        >>> from zwgk._parse.text import decode
        >>> decode("年度报告".encode("utf-8-sig"))
        ('年度报告', 'utf-8-sig')
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _decode_error(exc, encoding) from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _decode_error(utf8_error, "UTF-8 or GB18030") from None
        if not _looks_like_chinese(text):
            raise _decode_error(utf8_error, "UTF-8 (and GB18030 gives no plausible text)") from None
        return text, "gb18030"


def _looks_like_chinese(text: str) -> bool:
    # GB18030 decodes almost any bytes; accept it only when the result is
    # overwhelmingly common CJK, ASCII and punctuation, never mojibake.
    if not text:
        return True
    plausible = sum(
        1
        for ch in text
        if ("\u4e00" <= ch <= "\u9fff")
        or (" " <= ch <= "~")
        or ch in "\n\r\t\xa0\u3000\u200b\ufeff"
        or ("\u3000" <= ch <= "\u303f")
        or ("\uff00" <= ch <= "\uffef")
        or ch in "—…“”‘’·"
    )
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return plausible >= 0.97 * len(text) and cjk >= 0.1 * len(text)


def _decode_error(exc: UnicodeDecodeError, encoding: str) -> DecodeError:
    return DecodeError(
        f"cannot decode the input as {encoding}: {exc.reason} "
        f"(bytes {exc.object[exc.start : exc.start + 4]!r})",
        where=f"byte {exc.start}",
    )
