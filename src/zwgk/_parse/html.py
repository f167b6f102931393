"""HTML pages as text: block elements become lines, tables become pipe grids.

Every character of the text remembers the offset in the HTML it came from,
so spans found in the text are mapped back onto the page the caller gave.
``rowspan`` and ``colspan`` are expanded: a spanned cell's text stands in
every grid position it covers (all copies point at the same source offsets).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import itertools
import operator
import re
import types
import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import unescape
from typing import Any, TypeVar

import attrs

from zwgk._model import Span
from zwgk._model.core import Setter, _new, slot_setters

_LOOKS_LIKE_HTML = re.compile(
    r"<(?:html|body|table|tr|td|div|p|br|span)\b[^<>]{0,200}>", re.IGNORECASE
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "title",
        "tbody",
        "thead",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
    ]
)
_SKIP = frozenset({"script", "style", "noscript", "template"})
#: The tags whose start or end the converter acts on (others only hold text).
ACTIVE_TAGS = _SKIP | _BLOCK | {"table", "tr", "td", "th"}
#: Tables nested deeper than this are flattened into their parent cell's text.
MAX_TABLE_DEPTH = 8


def looks_like_html(text: str) -> bool:
    """True when the text holds several HTML tags (a page, not prose quoting one).

    Examples:
        >>> from zwgk._parse.html import looks_like_html
        >>> looks_like_html("<table><tr><td>规章</td><td>0</td></tr></table>")
        True
        >>> looks_like_html("a < b")
        False
    """
    return sum(1 for _ in zip(range(3), _LOOKS_LIKE_HTML.finditer(text), strict=False)) >= 3


@attrs.define
class _Cell:
    chars: list[tuple[str, int]] = attrs.Factory(list)
    rowspan: int = 1
    colspan: int = 1


@attrs.define
class _Table:
    rows: list[list[_Cell]] = attrs.Factory(list)
    offset: int = 0


# --- reading the markup ---------------------------------------------------------------
# The page is read token by token as the standard library's ``html.parser`` (Python 3.11,
# ``convert_charrefs=False``, one ``feed`` then ``close``) reads it, so that every page
# reads the same on every Python: the same data runs, tags, attributes and references, at
# the same offsets.  The usual tokens (runs of text, well-formed tags, references) are
# read by one pattern, ``_TOKEN``, one match each; whatever it does not match takes the
# standard library's own steps, below.  Searches that can run to the end of the page (a
# comment, a ``>`` never closed) are each made once per part of the page.

_SPECIAL = re.compile("[&<]")
#: A well-formed start tag: ASCII white space between attributes, names of the usual
#: characters, values quoted or bare.  Possessive, so never tried twice over.
_START = re.compile(
    r"<([a-zA-Z][^\t\n\r\f />\x00]*+)"
    r"((?:[ \t\n\r\f]++[a-zA-Z_:][-a-zA-Z0-9_:.]*+"
    r"""(?:[ \t\n\r\f]*+=[ \t\n\r\f]*+(?:"[^"]*+"|'[^']*+'|[^\s>"'=][^\s>]*+))?+)*+)"""
    r"[ \t\n\r\f]*+(/?)>"
)
# The standard library's patterns (Python 3.11's html.parser and _markupbase).
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_START_TAG_OPEN = re.compile("<[a-zA-Z]")
_TAG_FIND = re.compile(r"([a-zA-Z][^\t\n\r\f />\x00]*)(?:\s|/(?!>))*")
_ATTR_FIND = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
# Its start tag: "<", a name, then ``[\s/]*`` and attributes (each as _ATTRIBUTE_STEP), ``\s*``.
_TAG_NAME_STOP = re.compile("[\t\n\r\f />\x00]")
_SPACE_OR_SLASH = re.compile(r"[\s/]*")
_SPACE = re.compile(r"\s*")
_ATTRIBUTE_STEP = re.compile(
    r"""(?<=['"\s/])[^\s/>][^\s/=>]*"""
    r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*"""
)
#: One attribute of a well-formed start tag (``_START``'s own attribute pattern).
_ATTRIBUTE = re.compile(
    r"[ \t\n\r\f]+([a-zA-Z_:][-a-zA-Z0-9_:.]*)"
    r"""(?:[ \t\n\r\f]*=[ \t\n\r\f]*("[^"]*"|'[^']*'|[^\s>"'=][^\s>]*))?"""
)
_COMMENT_CLOSE = re.compile(r"--\s*>")
_ENTITY_REF = re.compile("&([a-zA-Z][-.a-zA-Z0-9]*)[^a-zA-Z0-9]")
_CHAR_REF = re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_INCOMPLETE = re.compile("&[a-zA-Z#]")
#: Elements whose content is text up to their end tag.
_RAW_TEXT = {name: re.compile(rf"</\s*{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
#: The usual tokens in one pattern, tried at each token of the page: a run of text, a
#: well-formed start tag (``_START``), an end tag (``_END_TAG``), a character or entity
#: reference (``_CHAR_REF``, ``_ENTITY_REF``: their terminator left unread unless it is a
#: ``;``).  Each alternative reads what its own pattern reads, or nothing: where none
#: matches, the standard library's own steps (``_read``) take the token.
_TOKEN = re.compile(
    r"([^<&]++)"
    rf"|({_START.pattern})"
    rf"|(?:{_END_TAG.pattern})"
    r"|&#([0-9]++|[xX][0-9a-fA-F]++)(?:;|(?=[^0-9a-fA-F]))"
    r"|&([a-zA-Z][-.a-zA-Z0-9]*+)(?:;|(?=[^a-zA-Z0-9]))"
)
#: ``_TOKEN``'s group of each kind of token (the ``lastindex`` of its match).
_DATA, _START_TAG, _END_NAME, _CHAR_NAME, _ENTITY_NAME = 1, 2, 6, 7, 8
_ATTRIBUTE_END_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class _Markup:
    """Reads a page's markup and calls ``handle_*`` for each token (the subclass's).

    ``at`` is the page offset of the token being handled; `attributes` gives the
    attributes of the start tag being handled (read only when asked for).

    A subclass may leave an element out: while ``hidden`` names it (``hidden_depth``
    elements of that name open), the usual tokens inside are read past without a
    handler call, what its handlers do for them done here: an element of that name
    opened or closed is counted (the last one closed ends ``hidden``) and the stripped
    length of each run of text is added to ``dropped`` when ``count_dropped``.  Other
    tokens still go to the handlers, which see ``hidden`` set.

    ``END_TAGS_HANDLED`` names the end tags whose handler does something outside a
    hidden element (``None``: every one); a well-formed end tag of another name is read
    past without a call.
    """

    END_TAGS_HANDLED: frozenset[str] | None = None

    def __init__(self, html: str) -> None:
        self.html = html
        self.at = 0
        self.hidden: str | None = None
        self.hidden_depth = 0
        self.count_dropped = True
        self.dropped = 0  # characters of text left out with hidden elements
        self.raw_text: str | None = None  # "script" or "style" while inside one
        self._tag = (0, 0)
        self._attributes: list[tuple[str, str | None]] | None = None
        self._attribute_text: str | None = None  # a well-formed tag's, to read them from
        self._gt = (len(html) + 1, -1)  # the last search for ">": from where, found where
        #: The last search of each pattern: from where, what it found.
        self._searches: dict[re.Pattern[str], tuple[int, re.Match[str] | None]] = {}
        self._tag_ends: dict[int, int] = {}  # by where a tag's name ends
        self._attribute_ends: dict[int, int] = {}  # by where a run of attributes starts

    def handle_starttag(self, tag: str) -> None: ...

    def handle_endtag(self, tag: str) -> None: ...

    def handle_data(self, data: str) -> None: ...

    def handle_entityref(self, name: str) -> None: ...

    def handle_charref(self, name: str) -> None: ...

    def read(self) -> None:
        """Read the whole page: as ``feed`` does, then as ``close`` does for what is left."""
        self.at = self._read(self._read(0, end=False), end=True)

    def attributes(self) -> list[tuple[str, str | None]]:
        """The attributes of the start tag being handled, as ``html.parser`` gives them."""
        if self._attributes is None:
            if self._attribute_text is not None:
                self._attributes = [
                    (name.lower(), _attribute_value(value))
                    for name, value in _ATTRIBUTE.findall(self._attribute_text)
                ]
            else:
                start, stop = self._tag
                self._attributes = self._attribute_list(_tag_name_end(self.html, start), stop)[0]
        return self._attributes

    def tag_text(self) -> str:
        """The text the attributes of the start tag being handled are read from: two tags
        of the same text have the same attributes (a page repeats them: a key to memos)."""
        if self._attribute_text is not None:
            return self._attribute_text
        return self.html[self._tag[0] : self._tag[1]]

    def _attribute_list(self, k: int, stop: int) -> tuple[list[tuple[str, str | None]], int]:
        found: list[tuple[str, str | None]] = []
        while k < stop:
            m = _ATTR_FIND.match(self.html, k)
            if not m:
                break
            name, rest, value = m.group(1, 2, 3)
            if not rest:
                value = None
            elif value[:1] == "'" == value[-1:] or value[:1] == '"' == value[-1:]:
                value = value[1:-1]
            found.append((name.lower(), unescape(value) if value else value))
            k = m.end()
        return found, k

    def _find_gt(self, at: int) -> int:
        """``html.find(">", at)``, searching no part of the page twice."""
        since, found = self._gt
        if not (since <= at and (found < 0 or at <= found)):
            found = self.html.find(">", at)
            self._gt = (at, found)
        return found

    def _search(self, pattern: re.Pattern[str], at: int) -> re.Match[str] | None:
        """``pattern.search(html, at)``, searching no part of the page twice."""
        since, found = self._searches.get(pattern, (len(self.html) + 1, None))
        if not (since <= at and (found is None or at <= found.start())):
            found = pattern.search(self.html, at)
            self._searches[pattern] = (at, found)
        return found

    def _read(self, i: int, *, end: bool) -> int:
        # html.parser's goahead: returns where it stopped (the end of the page, or a
        # token it cannot finish, which the second pass, ``end``, reads as it can).
        html = self.html
        n = len(html)
        special = _SPECIAL.search
        handle_data, handle_endtag = self.handle_data, self.handle_endtag
        handle_starttag = self.handle_starttag
        # Up to the first "<" or "&" after the page's last ">", every well-formed tag is
        # read by ``_TOKEN`` (none is well-formed without a ">" to come; no token of text or
        # reference is cut at that point); what it does not read takes the standard
        # library's steps below.
        last_gt = html.rfind(">")
        after = _SPECIAL.search(html, last_gt + 1) if last_gt >= 0 else None
        fast_end = 0 if last_gt < 0 else n if after is None else after.start()
        token, handled = _TOKEN.match, self.END_TAGS_HANDLED
        while i < n:
            if self.hidden is not None and i < fast_end and self.raw_text is None:
                k = self._pass_hidden(i, fast_end)
                if k > i:
                    i = k
                    continue
            if i < fast_end and self.raw_text is None and (m := token(html, i, fast_end)):
                kind = m.lastindex or 0  # the group of the token's kind
                self.at = i
                if kind == _DATA:
                    handle_data(m.group())
                elif kind == _START_TAG:
                    tag, self._attribute_text, close = m.group(3, 4, 5)
                    tag = tag.lower()
                    self._attributes = None  # read from the text when asked for
                    handle_starttag(tag)
                    if close:  # <br/>: html.parser's handle_startendtag
                        self.at = i
                        handle_endtag(tag)
                    elif tag in _RAW_TEXT:
                        self.raw_text = tag
                elif kind == _END_NAME:
                    tag = m.group(kind).lower()
                    if handled is None or tag in handled or self.hidden is not None:
                        handle_endtag(tag)
                elif kind == _CHAR_NAME:
                    self.handle_charref(m.group(kind))
                else:
                    self.handle_entityref(m.group(kind))
                i = m.end()
                continue
            if self.raw_text is not None:
                m = _RAW_TEXT[self.raw_text].search(html, i)
                if m is None:
                    break  # an unclosed script: the rest of the page is never read
                if i < m.start():
                    self.at = i
                    handle_data(html[i : m.start()])
                self.at = m.start()
                handle_endtag(self.raw_text)
                self.raw_text = None
                i = m.end()
                continue
            if html[i] not in "<&":  # text up to the next markup (none after a tag's ">")
                m = special(html, i)
                j = n if m is None else m.start()
                self.at = i
                handle_data(html[i:j])
                i = j
                if i == n:
                    break
            if html[i] == "<":  # no well-formed tag (``_TOKEN`` read those)
                k = self._markup(i, end=end)
                if k < 0:
                    break
                i = k
            elif html.startswith("&#", i):
                m = _CHAR_REF.match(html, i)
                if m is None:
                    if html.find(";", i) >= 0:  # bail by reading "&#" as text
                        self.at = i
                        self.handle_data("&#")
                        i += 2
                    break
                self.at = i
                self.handle_charref(m.group()[2:-1])
                i = m.end() - (not m.group().endswith(";"))
            else:
                m = _ENTITY_REF.match(html, i)
                if m is not None:
                    self.at = i
                    self.handle_entityref(m.group(1))
                    i = m.end() - (not m.group().endswith(";"))
                elif _INCOMPLETE.match(html, i):
                    i += end and i + 2 == n  # "&x" ending the page: its "x" is text
                    break
                elif i + 1 < n:
                    self.at = i
                    self.handle_data("&")
                    i += 1
                else:
                    break
        if end and i < n and self.raw_text is None:
            self.at = i
            self.handle_data(html[i:])
            return n
        return i

    def _pass_hidden(self, i: int, stop: int) -> int:
        """Read past the usual tokens of the hidden element from ``i`` (see the class
        notes): where the element ends, a script or style starts, or a token the standard
        library's steps read (which then go to its handlers) is met."""
        html, hidden, token = self.html, self.hidden, _TOKEN.match
        depth, dropped, count = self.hidden_depth, self.dropped, self.count_dropped
        while i < stop and (m := token(html, i, stop)) is not None:
            kind = m.lastindex
            i = m.end()
            if kind == _DATA:
                if count:
                    dropped += len(m.group().strip())
            elif kind == _START_TAG:
                if m.group(5):  # <x/>: opened and closed at once
                    continue
                tag = m.group(3).lower()
                depth += tag == hidden
                if tag in _RAW_TEXT:
                    self.raw_text = tag
                    break
            elif kind == _END_NAME and m.group(kind).lower() == hidden:
                depth -= 1
                if not depth:
                    self.hidden = None
                    break
        self.hidden_depth, self.dropped = depth, dropped
        return i

    def _start_tag(
        self,
        i: int,
        stop: int,
        tag: str,
        empty: bool,
        attributes: list[tuple[str, str | None]] | None,
    ) -> None:
        self.at = i
        self._tag = (i, stop)
        self._attributes = attributes
        self.handle_starttag(tag)
        if empty:  # <br/>: html.parser's handle_startendtag
            self.at = i
            self.handle_endtag(tag)
        elif tag in _RAW_TEXT:
            self.raw_text = tag

    def _markup(self, i: int, *, end: bool) -> int:
        """What follows a ``<`` that is no well-formed tag, read as html.parser reads it:
        where reading goes on, or -1 to stop."""
        html = self.html
        if _START_TAG_OPEN.match(html, i):
            k = self._odd_start_tag(i)
        elif html.startswith("</", i):
            k = self._odd_end_tag(i)
        elif html.startswith("<!--", i):
            found = self._search(_COMMENT_CLOSE, i + 4)
            k = -1 if found is None else found.end()
        elif html.startswith("<?", i):
            k = self._find_gt(i + 2)
            k = -1 if k < 0 else k + 1
        elif html.startswith("<![", i):
            # Browsers read "<![" (CDATA, Word's "<![if ...]>") as a bogus comment up to
            # the next ">" (the standard library's SGML reading asserts on it).
            k = self._find_gt(i + 3)
            k = -1 if k < 0 else k + 1
        elif html.startswith("<!", i):
            k = self._find_gt(i + 9 if html[i : i + 9].lower() == "<!doctype" else i + 2)
            k = -1 if k < 0 else k + 1
        elif i + 1 < len(html):
            self.at = i
            self.handle_data("<")
            k = i + 1
        else:
            return -1
        if k >= 0:
            return k
        if not end:
            return -1
        k = self._find_gt(i + 1)
        if k >= 0:
            k += 1
        else:
            k = html.find("<", i + 1)
            k = i + 1 if k < 0 else k
        self.at = i
        self.handle_data(html[i:k])
        return k

    def _start_tag_end(self, i: int) -> int:
        """Where html.parser's pattern for the start tag at ``i`` ends (it runs on through
        anything that reads as attributes): each part of the page read once, however many
        tags that are never closed start in it."""
        html = self.html
        found = self._search(_TAG_NAME_STOP, i + 2)
        name_end = len(html) if found is None else found.start()
        end = self._tag_ends.get(name_end)
        if end is None:
            at = _SPACE_OR_SLASH.match(html, name_end).end()  # type: ignore[union-attr]
            passed = []
            while (known := self._attribute_ends.get(at)) is None:
                m = _ATTRIBUTE_STEP.match(html, at)
                if m is None:
                    known = at
                    break
                passed.append(at)
                at = m.end()
            for start in passed:
                self._attribute_ends[start] = known
            end = self._tag_ends[name_end] = _SPACE.match(html, known).end()  # type: ignore[union-attr]
        return end

    def _odd_start_tag(self, i: int) -> int:
        html = self.html
        j = self._start_tag_end(i)
        after = html[j : j + 1]
        if after == ">":
            stop = j + 1
        elif after == "/":
            if not html.startswith("/>", j):
                return -1
            stop = j + 2
        elif after == "" or after in _ATTRIBUTE_END_LETTERS:
            return -1
        else:
            stop = max(j, i + 1)
        name = _TAG_FIND.match(html, i + 1)
        assert name is not None
        found, k = self._attribute_list(name.end(), stop)
        self._attribute_text = None
        close = html[k:stop].strip()
        if close not in (">", "/>"):
            self.at = i
            self.handle_data(html[i:stop])
            return stop
        self._start_tag(i, stop, name.group(1).lower(), close == "/>", found)
        return stop

    def _odd_end_tag(self, i: int) -> int:
        html = self.html
        gt = self._find_gt(i + 1)
        if gt < 0:
            return -1
        name = _TAG_FIND.match(html, i + 2)
        if name is None:
            return i + 3 if html.startswith("</>", i) else gt + 1  # a bogus comment
        self.at = i
        self.handle_endtag(name.group(1).lower())
        return gt + 1


def _attribute_value(value: str) -> str | None:
    # A value of a well-formed tag as html.parser gives it: unquoted and unescaped.
    if not value:
        return None
    if value[0] in "'\"":
        value = value[1:-1]
    return unescape(value) if value else value


def _tag_name_end(html: str, start: int) -> int:
    m = _TAG_FIND.match(html, start + 1)
    assert m is not None
    return m.end()


class _Converter(_Markup):
    #: What a line break inside a table cell is written as (a space; the page reader marks it).
    cell_break = " "
    END_TAGS_HANDLED = ACTIVE_TAGS

    def __init__(self, html: str) -> None:
        super().__init__(html)
        self.out: list[tuple[str, int]] = []
        self.tables: list[_Table] = []
        self.cell: _Cell | None = None
        self.skip = 0
        self._spans: dict[str, tuple[int, int]] = {}  # rowspan and colspan by tag text

    def emit(self, text: str, start: int, *, one_offset: bool = False) -> None:
        target = self.cell.chars if self.cell is not None else self.out
        offsets = itertools.repeat(start) if one_offset else itertools.count(start)
        target.extend(zip(text, offsets, strict=False))  # the offsets run on

    def newline(self) -> None:
        if self.cell is not None:
            self.emit(" ", self.at, one_offset=True)
        elif self.out and self.out[-1][0] != "\n":
            self.out.append(("\n", self.at))

    def handle_starttag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table" and len(self.tables) < MAX_TABLE_DEPTH:
            self.newline()
            self.tables.append(_Table(offset=self.at))
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            if not self.tables[-1].rows:
                self.tables[-1].rows.append([])
            spans = self._spans.get(text := self.tag_text())
            if spans is None:
                found = dict(self.attributes())
                spans = self._spans[text] = (
                    _span_number(found.get("rowspan")),
                    _span_number(found.get("colspan")),
                )
            self.cell = _Cell(rowspan=spans[0], colspan=spans[1])
            self.tables[-1].rows[-1].append(self.cell)
        elif tag in _BLOCK:
            self.newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            # Text after a nested table goes on in the cell that holds it.
            outer = self.tables[-1].rows if self.tables else None
            self.cell = outer[-1][-1] if outer and outer[-1] else None
            self.write_grid(table)
        elif tag in _BLOCK:
            self.newline()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.emit(data, self.at)

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            self.emit(_reference(f"&{name};"), self.at, one_offset=True)

    def handle_charref(self, name: str) -> None:
        if not self.skip:
            self.emit(_reference(f"&#{name};"), self.at, one_offset=True)

    def write_grid(self, table: _Table) -> None:
        target = (
            self.tables[-1].rows[-1][-1].chars
            if self.tables and self.tables[-1].rows and self.tables[-1].rows[-1]
            else self.out
        )
        if all(len(row) <= 1 for row in table.rows):
            # One column: a layout table (an article, a data table nested in it), not data.
            lines = _layout_lines(table, self.cell_break)
        else:
            lines = _grid_lines(table, max(self.at - table.offset, 0))
        for line in lines:
            if target is self.out and self.out and self.out[-1][0] != "\n":
                self.out.append(("\n", table.offset))
            target.extend(line)


@functools.lru_cache(maxsize=1024)
def _reference(reference: str) -> str:
    """The text a character or entity reference stands for (``&nbsp;``: a no-break
    space), read once for the few a page repeats."""
    return unescape(reference)


#: A table's pipe grid may hold this many characters per character of its HTML (plus
#: ``_GRID_SLACK``); spans and padding that would write more are not expanded.
GRID_CHARS_PER_CHAR = 8
_GRID_SLACK = 1000


def _grid_lines(table: _Table, source_length: int) -> list[list[tuple[str, int]]]:
    """The table as pipe-grid lines, ``rowspan``/``colspan`` expanded into a rectangle.

    Expansion is bounded by the table's size in the page: when copying spanned
    cells would write more than ``GRID_CHARS_PER_CHAR`` characters per character of
    HTML, every cell stands once (spans of 1); when padding rows to a rectangle
    would, each row ends at its last cell.  A spanned cell never reaches past the
    table's last row.
    """
    budget = GRID_CHARS_PER_CHAR * source_length + _GRID_SLACK
    height = len(table.rows)
    spans = [
        [(min(cell.rowspan, height - r), cell.colspan) for cell in row]
        for r, row in enumerate(table.rows)
    ]
    written = sum(
        rs * cs * (len(cell.chars) + 3)
        for row, row_spans in zip(table.rows, spans, strict=True)
        for cell, (rs, cs) in zip(row, row_spans, strict=True)
    )
    if written > budget:
        spans = [[(1, 1)] * len(row) for row in table.rows]
    grid: dict[tuple[int, int], _Cell] = {}
    ends = [0] * height
    for r, (row, row_spans) in enumerate(zip(table.rows, spans, strict=True)):
        c = 0
        for cell, (rowspan, colspan) in zip(row, row_spans, strict=True):
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = cell
                ends[r + dr] = max(ends[r + dr], c + colspan)
            c += colspan
    width = max(ends, default=0)
    padded = sum(len(cell.chars) for cell in grid.values()) + 3 * height * width <= budget
    bodies: dict[int, list[tuple[str, int]]] = {}  # each cell's text, by id of the cell
    lines = []
    for r in range(height):
        line: list[tuple[str, int]] = [("|", table.offset)]
        for c in range(width if padded else ends[r]):
            found = grid.get((r, c))
            body = bodies.get(id(found))
            if body is None:
                body = bodies[id(found)] = [] if found is None else _cell_body(found.chars)
            line.extend([(" ", table.offset), *body, (" ", table.offset), ("|", table.offset)])
        line.append(("\n", table.offset))
        lines.append(line)
    return lines


_GRID_BREAKING = re.compile("[\n\r\t|]")


def _cell_body(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    # A cell's text in a grid line: stripped, its breaks and pipes made spaces.
    text = "".join(map(operator.itemgetter(0), chars))
    if _GRID_BREAKING.search(text):
        chars = [(" " if ch in "\n\r\t|" else ch, at) for ch, at in chars]
        text = text.replace("|", " ")
    start = len(text) - len(text.lstrip())
    return chars[start : start + len(text.strip())]


def _layout_lines(table: _Table, cell_break: str) -> list[list[tuple[str, int]]]:
    """A one-column table's cells as lines of text: their line breaks and the grids of
    tables nested in them kept."""
    lines = []
    for row in table.rows:
        for cell in row:
            chars: list[tuple[str, int]] = []
            for ch, at in cell.chars:
                if ch == cell_break and cell_break != " ":
                    while chars and chars[-1][0] == " ":
                        chars.pop()
                    if chars and chars[-1][0] != "\n":  # a run of breaks is one line end
                        chars.append(("\n", at))
                elif not (ch == " " and chars and chars[-1][0] == "\n"):
                    chars.append((ch, at))
            chars = _strip(chars)
            if chars:
                lines.append([*chars, ("\n", table.offset)])
    return lines


_SPAN_NUMBER = re.compile(r"[ \t\n\f\r]*\+?([0-9]+)")


def _span_number(value: str | None) -> int:
    # HTML's rules for a non-negative integer: ASCII digits only, trailing text ignored;
    # 0 or an unreadable value is 1, and browsers stop at 1000.
    m = _SPAN_NUMBER.match(value or "")
    if m is None:
        return 1
    digits = m.group(1).lstrip("0")
    return 1000 if len(digits) > 4 else min(max(int(digits or "0"), 1), 1000)


def _strip(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]


def html_to_text(html: str) -> tuple[str, list[int]]:
    """The page as text, and for each character the offset in ``html`` it came from.

    Examples:
        >>> from zwgk._parse.html import html_to_text
        >>> text, offsets = html_to_text("<p>规章</p><table><tr><td>件</td><td>0</td></tr></table>")
        >>> text
        '规章\\n| 件 | 0 |\\n'
        >>> offsets[text.index("0")]
        34

    A table of one column is a layout table (an article laid out in a grid): its cells
    are lines of text.

        >>> html_to_text("<table><tr><td>一、概述</td></tr><tr><td>正文</td></tr></table>")[0]
        '一、概述\\n正文\\n'
    """
    converter = _Converter(html)
    converter.read()
    while converter.tables:  # unclosed tables still print
        converter.write_grid(converter.tables.pop())
    pairs = converter.out
    return "".join(ch for ch, _ in pairs), [at for _, at in pairs]


T = TypeVar("T")


def map_spans(obj: T, change: Callable[[Span], Span]) -> T:
    """A copy of a model object with every `zwgk.Span` in it replaced by ``change(span)``."""
    return map_instances(obj, Span, change)


def map_instances(obj: T, kinds: type | tuple[type, ...], change: Callable[[Any], Any]) -> T:
    """A copy of a model object with every instance of ``kinds`` in it replaced by ``change``.

    Only what holds a changed instance is copied; the rest is shared with ``obj``.

    Examples:
        >>> from zwgk import Cell, Span, StatTable, TableFormat, TokenClass
        >>> from zwgk._parse.html import map_spans
        >>> cell = Cell("a", "b", ("行",), (), "7", 7, TokenClass.NUMBER, span=Span(3, 4))
        >>> table = StatTable("t", TableFormat.F2021, cells=(cell,))
        >>> moved = map_spans(table, lambda s: Span(s.start + 10, s.end + 10))
        >>> (moved.cells[0].span, moved.cells[0].row_labels is cell.row_labels)
        (Span(start=13, end=14), True)
    """
    leaves = tuple(t for t in _LEAVES if not issubclass(t, kinds))
    return _map(obj, kinds, change, leaves)  # type: ignore[no-any-return]


#: Types that hold no model object: the walk passes over them without a call.
_LEAVES = (str, int, type(None), Decimal, dt.date, enum.Enum)

#: Each class the walk met: its fields' names, the setters of their slots (``None`` for a
#: class without slots, copied by ``attrs.evolve``) and the fields that may hold a model
#: object (a field of ``str`` or ``tuple[str, ...]`` is never walked).
_FIELDS: dict[type, tuple[tuple[str, ...], tuple[Setter, ...] | None, tuple[str, ...]]] = {}


def _fields(cls: type) -> tuple[tuple[str, ...], tuple[Setter, ...] | None, tuple[str, ...]]:
    found = _FIELDS.get(cls)
    if found is None:
        if not attrs.has(cls):
            found = ((), None, ())
        else:
            names = tuple(f.name for f in attrs.fields(cls))
            setters: tuple[Setter, ...] | None
            try:
                setters = slot_setters(cls)
            except TypeError:  # fields not in slots: copied by attrs.evolve
                setters = None
            try:
                hints = typing.get_type_hints(cls)
            except Exception:  # an annotation that does not resolve: walk the field
                hints = {}
            walked = tuple(n for n in names if n not in hints or not _plain(hints[n]))
            found = (names, setters, walked)
        _FIELDS[cls] = found
    return found


#: The types of a field that holds no model object (the walk's leaves, and floats).
_PLAIN = (*_LEAVES, float)


def _plain(hint: Any) -> bool:
    """Whether a field's type holds no model object: plain values and tuples of them."""
    if isinstance(hint, type):
        return issubclass(hint, _PLAIN)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        return True
    if origin in (tuple, typing.Union, types.UnionType):
        return all(a is Ellipsis or _plain(a) for a in args)
    return False


def replaced(obj: T, changes: dict[str, Any]) -> T:
    """``attrs.evolve(obj, **changes)`` for a model object the parser made, without its
    ``__init__``: each field is set as the object holds it (or as changed), so no
    validator or converter runs again on values that passed them already.

    Example:
        >>> from zwgk import Span, Unplaced
        >>> from zwgk._parse.html import replaced
        >>> replaced(Unplaced("25", Span(2, 4), "x"), {"raw": "２５"})
        Unplaced(raw='２５', span=Span(start=2, end=4), reason='x')
    """
    names, setters, _ = _fields(type(obj))
    if setters is None:
        return attrs.evolve(obj, **changes)  # type: ignore[misc]
    new = _new(type(obj))
    for name, set_value in zip(names, setters, strict=True):
        set_value(new, changes[name] if name in changes else getattr(obj, name))
    return new


def _map(
    obj: Any,
    kinds: type | tuple[type, ...],
    change: Callable[[Any], Any],
    leaves: tuple[type, ...],
) -> Any:
    if isinstance(obj, kinds):
        return change(obj)
    if isinstance(obj, tuple):
        items: list[Any] | None = None  # a copy, made at the first item that changes
        for i, item in enumerate(obj):
            if isinstance(item, leaves):
                continue
            mapped = _map(item, kinds, change, leaves)
            if mapped is not item:
                if items is None:
                    items = list(obj)
                items[i] = mapped
        return obj if items is None else tuple(items)
    updates = {}
    for name in _fields(type(obj))[2]:
        value = getattr(obj, name)
        if isinstance(value, leaves):
            continue
        mapped = _map(value, kinds, change, leaves)
        if mapped is not value:
            updates[name] = mapped
    return replaced(obj, updates) if updates else obj


def span_mapper(offsets: Sequence[int], size: int) -> Callable[[Span], Span]:
    """A function taking a span of the converted text to the span of the HTML it came from.

    Table punctuation (pipes, line breaks) points at its ``<table>`` tag and a spanned
    cell's text is written again, so the page span is the hull of every source offset
    inside the text span.

    Example:
        >>> from zwgk import Span
        >>> from zwgk._parse.html import span_mapper
        >>> change = span_mapper([10, 11, 12, 5, 13, 14, 11, 15], 20)  # 5: a pipe's <table>
        >>> change(Span(0, 3)), change(Span(1, 8)), change(Span(4, 4))
        (Span(start=10, end=13), Span(start=5, end=16), Span(start=13, end=13))
    """
    # The offsets run forward, falling back here and there (at ``falls``): the least offset
    # of a span is where it or a run inside it starts, the greatest where one ends.
    falls = list(itertools.compress(range(1, len(offsets)), map(operator.lt, offsets[1:], offsets)))
    run_starts = [offsets[j] for j in falls]
    run_ends = [offsets[j - 1] for j in falls]

    def change(span: Span) -> Span:
        if not offsets:
            return Span(0, 0)
        first = min(span.start, len(offsets) - 1)
        last = min(span.end, len(offsets))
        if last <= first:
            at = offsets[first]
            return Span(at, at)
        low, high = offsets[first], offsets[last - 1]
        i, j = bisect.bisect_right(falls, first), bisect.bisect_left(falls, last)
        if i < j:  # runs start and end inside the span
            low, high = min(low, *run_starts[i:j]), max(high, *run_ends[i:j])
        return Span._trusted(low, min(high + 1, size))  # low <= high: the hull

    return change
