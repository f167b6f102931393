"""A raw web page as a document: its metadata read from the page, its furniture left out.

A government site wraps each document in navigation, search boxes, share widgets and
link lists, and states the document's title and date in ``<meta>`` tags (``ArticleTitle``,
``PubDate``) while ``<title>`` carries the site and channel as a suffix.  Here the page's
own statements become a metadata header in the form the text exports use
(``标题: …``, ``发布时间: …``, then a ``==== 正文 ====`` line) so that one metadata reader
serves both; every header character points back at the page text it came from.
"""

from __future__ import annotations

import itertools
import re
from html import unescape
from operator import itemgetter

from zwgk._parse.html import ACTIVE_TAGS, _Converter
from zwgk._parse.meta import DATE_RE
from zwgk._text.numbering import MarkerKind, marker_pattern
from zwgk._text.vocab import TITLE_WORD

#: Elements that are page furniture whatever their class.
FURNITURE_TAGS = frozenset(
    {"head", "title", "nav", "header", "footer", "aside", "button", "select", "iframe"}
)
#: Elements never left out, whatever their class (a ``<body class="nav-open">``; a
#: ``<form>`` of an ASP.NET page wraps the whole page).
_NEVER_FURNITURE = frozenset({"html", "body", "main", "article", "form", "table", "tr", "td"})
#: Class, id or role words that mark page furniture (``menu_base``, ``share_box``,
#: ``breadcrumb``…); a word is a part of a class name cut at ``-``, ``_`` and spaces.
FURNITURE_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "header",
        "footer",
        "breadcrumb",
        "crumb",
        "share",
        "search",
        "login",
        "sidebar",
        "toolbar",
        "ewm",
        "qrcode",
        "links",
        "relalinks",
        "friendlink",
    }
)
_WORD_CUT = re.compile(r"[-_\s]+")
#: Where a tag's text may give a class, id or role a value (what ``is_furniture`` reads):
#: a tag without one is read no further.
_FURNITURE_NAME = re.compile(r"""(?<![^\s/'"])(?:class|id|role)\s*=""", re.IGNORECASE)


def is_furniture(tag: str, attributes: list[tuple[str, str | None]]) -> bool:
    """True for an element that is page furniture (navigation, search, share, link lists).

    Examples:
        >>> from zwgk._parse.page import is_furniture
        >>> is_furniture("div", [("class", "share_box")])
        True
        >>> is_furniture("div", [("class", "article_content")])
        False
        >>> is_furniture("nav", [])
        True
    """
    if tag in FURNITURE_TAGS:
        return True
    if tag in _NEVER_FURNITURE:
        return False
    for name, value in attributes:
        if (
            name in ("class", "id", "role")
            and value
            and not FURNITURE_WORDS.isdisjoint(_WORD_CUT.split(value.lower()))
        ):
            return True
    return False


_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: Elements a page reader never leaves out: void ones and those never furniture.
_NEVER_HIDDEN = _VOID | _NEVER_FURNITURE
_WHITE_OR_NOT = re.compile(r"\s+|\S+")
_WHITE = re.compile(r"\s")


class _PageConverter(_Converter):
    """The HTML converter that also leaves furniture out and reads white space as HTML does.

    A run of white space in the markup (line breaks and indentation included) is one
    space; lines come from block elements only.  Inside ``<pre>`` text is kept as is.
    """

    cell_break = "\x00"  # _BREAK
    END_TAGS_HANDLED = ACTIVE_TAGS | {"pre", "article", "main"}

    def __init__(self, html: str, *, hide: bool = True) -> None:
        super().__init__(html)
        self.hide = hide
        self.pre = 0
        self.article = 0
        self._furniture: dict[str, bool] = {}  # whether attributes say furniture, by tag text

    def _furniture_attributes(self, tag: str) -> bool:
        # Whether the tag's attributes make it furniture (decided once per tag text).
        found = self._furniture.get(text := self.tag_text())
        if found is None:
            found = self._furniture[text] = bool(
                _FURNITURE_NAME.search(text) and is_furniture(tag, self.attributes())
            )
        return found

    def handle_starttag(self, tag: str) -> None:
        if self.hidden is not None:
            if tag == self.hidden:
                self.hidden_depth += 1
        elif (
            self.hide
            and tag not in _NEVER_HIDDEN
            and not (self.article and tag in ("header", "footer"))  # the article's own
            and (tag in FURNITURE_TAGS or self._furniture_attributes(tag))
        ):
            self.hidden, self.hidden_depth = tag, 1
            self.count_dropped = not self.skip  # (no script is opened or closed inside)
        else:
            if tag == "pre":
                self.pre += 1
            elif tag in ("article", "main"):
                self.article += 1
            if tag in ACTIVE_TAGS:
                _Converter.handle_starttag(self, tag)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden is not None:
            self.hidden_depth -= tag == self.hidden
            if not self.hidden_depth:
                self.hidden = None
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        elif tag in ("article", "main") and self.article:
            self.article -= 1
        if tag in ACTIVE_TAGS:
            _Converter.handle_endtag(self, tag)

    def handle_data(self, data: str) -> None:
        if self.hidden is not None and not self.skip:
            self.dropped += len(data.strip())
        if self.hidden is not None or self.skip:
            return
        if self.pre:
            super().handle_data(data)
            return
        start = self.at
        chars = self.cell.chars if self.cell is not None else self.out
        if data.isspace():  # the white space between two tags
            if not chars or not chars[-1][0].isspace():
                chars.append((" ", start))
            return
        if _WHITE.search(data) is None:  # a run of text alone
            chars.extend(zip(data, itertools.count(start)))
            return
        for m in _WHITE_OR_NOT.finditer(data):
            run = m.group()
            if not run[0].isspace():
                chars.extend(zip(run, itertools.count(start + m.start())))
            elif not chars or not chars[-1][0].isspace():
                chars.append((" ", start + m.start()))

    def newline(self) -> None:
        # A line break inside a table cell is a mark that _join_wrapped settles.
        if self.cell is not None:
            self.emit(self.cell_break, self.at, one_offset=True)
        else:
            super().newline()

    def handle_entityref(self, name: str) -> None:
        if self.hidden is None:
            super().handle_entityref(name)

    def handle_charref(self, name: str) -> None:
        if self.hidden is None:
            super().handle_charref(name)


def _page_body(html: str, *, hide: bool = True) -> tuple[str, list[int]]:
    converter = _PageConverter(html, hide=hide)
    converter.read()
    while converter.tables:  # unclosed tables still print
        converter.write_grid(converter.tables.pop())
    chars = _chars(converter.out)
    kept = len("".join(chars.split()))
    if hide and converter.dropped > 4 * kept + 200:
        # Nearly all the page was taken for furniture (a wrapper whose class says
        # "nav", an element never closed): read it whole instead.
        return _page_body(html, hide=False)
    pairs, chars = _headings_out_of_grids(*_join_wrapped(converter.out, chars))
    return chars, list(map(itemgetter(1), pairs))


Pairs = list[tuple[str, int]]
_BREAK = "\x00"


def _chars(pairs: Pairs) -> str:
    return "".join(map(itemgetter(0), pairs))


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def _join_wrapped(pairs: Pairs, chars: str) -> tuple[Pairs, str]:
    """Line breaks inside a cell (``<p>``, ``<br>``): none where Chinese text wraps
    (``计量<p>单位``, ``省食品药品<br>监管局``), else one space.  (``chars``: the
    characters of ``pairs``, returned with the pairs.)"""
    if _BREAK not in chars:
        return pairs, chars
    out: Pairs = []
    i = 0
    for run in _BREAK_RUN.finditer(chars):
        out.extend(pairs[i : run.start()])
        while out and out[-1][0] == " ":
            out.pop()
        before = out[-1][0] if out else ""
        after = chars[run.end() : run.end() + 1]
        inside = before not in ("", "|", "\n") and after not in ("", "|", "\n")
        if not (inside and (_cjk(before) or _cjk(after))):
            out.append((" ", pairs[run.start()][1]))
        i = run.end()
    out.extend(pairs[i:])
    return out, _chars(out)


_BREAK_RUN = re.compile(_BREAK + "[" + _BREAK + " ]*")


_CHAPTER = re.compile(marker_pattern(MarkerKind.CN))


def _cells(row: Pairs) -> list[Pairs]:
    # A grid line's cells (pipes inside cell text were made spaces), each stripped: what
    # lies between two pipes (a line's only line break ends it, past its closing pipe).
    parts = _chars(row).split("|")
    out: list[Pairs] = []
    at = len(parts[0]) + 1
    for part in parts[1:-1]:
        start = at + len(part) - len(part.lstrip())
        out.append(row[start : start + len(part.strip())])
        at += len(part) + 1
    return out


def _text(cell: Pairs) -> str:
    return "".join(ch for ch, _ in cell)


def _row(cells: list[Pairs], at: int) -> Pairs:
    row: Pairs = [("|", at)]
    for cell in cells:
        row.extend([(" ", at), *cell, (" ", at), ("|", at)])
    return [*row, ("\n", at)]


def _grid_block(rows: list[Pairs]) -> list[Pairs]:
    """Headings that a page prints inside a table, written as lines above the rows they head.

    A row that is one cell spanning the whole width (``一、围绕深化改革推进公开`` over a task
    table) is a heading line; so is a first column whose cells span several rows and each
    start with a chapter number (``一、…`` printed once beside its tasks): the column leaves
    the grid and each of its cells is written once, above its first row.
    """
    cells = [_cells(row) for row in rows]
    out: list[Pairs] = []
    kept: list[tuple[Pairs, list[Pairs]]] = []
    for row, found in zip(rows, cells, strict=True):
        if len(found) >= 2 and found[0] and all(c == found[0] for c in found):
            kept.append(([*found[0], ("\n", row[-1][1])], []))
        else:
            kept.append((row, found))
    grid = [found for _, found in kept if found]
    body = next((i for i, found in enumerate(grid) if _CHAPTER.match(_text(found[0]))), None)
    grouped = (
        body is not None
        and all(len(found) >= 2 for found in grid)
        and all(_CHAPTER.match(_text(found[0])) for found in grid[body:])
        # A chapter cell that also spans the next column is a row label (一、本年新收…
        # across a report table's label columns), not a group beside its rows.
        and all(found[1] != found[0] for found in grid[body:])
        and any(a[0] == b[0] for a, b in zip(grid[body:], grid[body + 1 :], strict=False))
    )
    group: Pairs | None = None
    for row, found in kept:
        if not found or not grouped:
            out.append(row)
            continue
        at = row[0][1]
        heading = _text(found[0])
        if _CHAPTER.match(heading) and (group is None or heading != _text(group)):
            group = found[0]
            out.append([*group, ("\n", at)])
        out.append(_row(found[1:], at))
    return out


#: A run of grid lines (lines that start with a pipe).
_GRID_LINES = re.compile(r"(?m)(?:^\|[^\n]*\n?)+")
_LINE = re.compile(r"[^\n]*\n?")


def _headings_out_of_grids(pairs: Pairs, chars: str) -> tuple[Pairs, str]:
    out: Pairs = []
    done = 0
    for block in _GRID_LINES.finditer(chars):
        out.extend(pairs[done : block.start()])
        lines = _LINE.finditer(chars, block.start(), block.end())
        for row in _grid_block([pairs[m.start() : m.end()] for m in lines if m.group()]):
            out.extend(row)
        done = block.end()
    if not done:  # no grid
        return pairs, chars
    out.extend(pairs[done:])
    return out, _chars(out)


_META_TAG = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+))""")
_TITLE_TAG = re.compile(r"<title\b[^<>]*>([^<]*)</title>", re.IGNORECASE)
#: ``<meta>`` names that state the document's title and its publication date.
TITLE_META = ("articletitle", "og:title", "dc.title")
DATE_META = ("pubdate", "firstpublishedtime", "publishdate", "article:published_time", "dc.date")
_TIME_LINE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:发布时间|发布日期|时间)\s*[:：]\s*({DATE_RE.pattern})"
)
_SITE_NAME = re.compile(r"(?:网|网站|门户|人民政府|政府|管委会)$")
_TITLE_CUT = re.compile(r"\s*(?:_|\s-\s|\||｜|——)\s*")
_SPACE_RUN = re.compile(r"\s+")

#: A found value: its text and, per character, the page offset it came from.
_Field = tuple[str, list[int]]


#: The ``<meta>`` names read (the others are passed over).
_READ_META = frozenset(TITLE_META + DATE_META)


def _metas(html: str) -> dict[str, _Field]:
    """The content of the first ``<meta>`` tag of each name the page reader reads."""
    found: dict[str, _Field] = {}
    for tag in _META_TAG.finditer(html):
        name = content = None
        for key, *values in _ATTRIBUTE.findall(tag.group()):
            key = key.lower()
            value = values[0] or values[1] or values[2]  # the one group that matched
            if key in ("name", "property", "itemprop"):
                name = value.lower()
            elif key == "content":
                content = value
        if name in _READ_META and content is not None and name not in found:
            found[name] = _clean(content, _content_at(tag))
    return found


def _content_at(tag: re.Match[str]) -> int:
    """Where the value of the tag's last ``content`` attribute starts in the page."""
    at = tag.start()
    for m in _ATTRIBUTE.finditer(tag.group()):
        if m.group(1).lower() == "content":
            group = next(g for g in (2, 3, 4) if m.group(g) is not None)
            at = tag.start() + m.start(group)
    return at


def _clean(raw: str, at: int) -> _Field:
    # Entities unescaped and white space collapsed; each character keeps an offset
    # inside the raw value (unescaping shortens, so offsets are clipped to its end).
    text = _SPACE_RUN.sub(" ", unescape(raw)).strip()
    last = at + max(len(raw) - 1, 0)
    return text, [min(at + i, last) for i in range(len(text))]


def _page_title(html: str, metas: dict[str, _Field]) -> _Field | None:
    for name in TITLE_META:
        if metas.get(name, ("", []))[0]:
            return metas[name]
    m = _TITLE_TAG.search(html)
    if m is None:
        return None
    text, offsets = _clean(m.group(1), m.start(1))
    # The site and channel follow the document's own title: 标题_栏目_网站.
    cut = _TITLE_CUT.search(text)
    if cut is not None and cut.start() >= 4:
        text, offsets = text[: cut.start()], offsets[: cut.start()]
    elif cut is not None and cut.start() == 0:
        return None  # 「_某某网」: the site's name alone
    if _SITE_NAME.search(text) and not TITLE_WORD.search(text):
        return None  # a page titled with its site's name: the body names the document
    return (text, offsets) if text else None


def _page_date(metas: dict[str, _Field], text: str, offsets: list[int]) -> _Field | None:
    for name in DATE_META:
        value, at = metas.get(name, ("", []))
        m = DATE_RE.search(value)
        if m is not None:
            return m.group(0), at[m.start() : m.end()]
    # Else the page's own 发布时间：/时间： line near the top of its text.
    line = _TIME_LINE.search(text, 0, min(len(text), 5000))
    if line is None:
        return None
    return line.group(1), offsets[line.start(1) : line.end(1)]


def page_to_text(html: str) -> tuple[str, list[int]]:
    """The page as text headed by what the page states about itself, with page offsets.

    Examples:
        >>> from zwgk._parse.page import page_to_text
        >>> page = ('<html><head><title>某某通知_通知公告_某某网</title>'
        ...         '<meta name="PubDate" content="2021-01-14 17:02"></head>'
        ...         '<body><nav><a>首页</a></nav><p>正文内容</p></body></html>')
        >>> print(page_to_text(page)[0].strip())
        标题: 某某通知
        发布时间: 2021-01-14
        ==== 正文 ====
        正文内容
    """
    text, offsets = _page_body(html)
    metas = _metas(html)
    fields = [
        (label, found)
        for label, found in (
            ("标题", _page_title(html, metas)),
            ("发布时间", _page_date(metas, text, offsets)),
        )
        if found is not None
    ]
    if not fields:
        return text, offsets
    head: list[str] = []
    head_offsets: list[int] = []
    for label, (value, at) in fields:
        line = f"{label}: "
        head.append(line + value + "\n")
        head_offsets.extend([at[0]] * len(line) + at + [at[-1]])
    mark = "==== 正文 ====\n"
    head.append(mark)
    head_offsets.extend([head_offsets[-1]] * len(mark))
    return "".join(head) + text, head_offsets + offsets
