"""Metadata every document kind shares: title, dates, numbers, issuing organ, body start."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from zwgk._parse.meta import (
    DOC_NO_RE,
    DOC_NUMBER_RE,
    MetaField,
    Signature,
    metadata_fields,
    signatures,
)
from zwgk._parse.text import Source
from zwgk._text.dates import YEAR, first_date
from zwgk._text.numbering import MARKER_RE
from zwgk._text.vocab import ORGAN_SUFFIX, TITLE_WORD

#: What follows 正文 in a ruled mark 「==== 正文 ====」.
_RULE_AFTER = re.compile(r" *=+")
_NOISE_LINE = re.compile(
    r"首页|当前位置|->|设为首页|加入收藏|字体|字号|打印|分享|扫一扫|微信|微博|\||>>|登录|无障碍"
)
# A page flattened onto one line: the title printed just before the page's source or date
# label ("当前位置:首页… <title> 来源:… 时间:…"), or as the line's first run before the body.
_TITLED = rf"[^\s:]{{4,80}}?(?:{TITLE_WORD.pattern})(?:\([^()\s]{{1,8}}\))?"
_TITLE_BEFORE_SOURCE = re.compile(
    rf"(?:^|\s)(?P<title>{_TITLED})\s*(?:信息来源|来源|发布时间|发布日期|时间|日期)\s*:"
)
# What that search needs in a line (a quick test first: the search tries every blank).
_SOURCE_LABEL = re.compile(r"(?:来源|时间|日期)\s*:")
_TITLE_OPENING = re.compile(rf"(?P<title>{_TITLED}) +\S")
# Words a title cannot stop at: a run before the found title ending so belongs to it.
_TITLE_CONTINUES = re.compile(r"(?:关于|印发|转发|的)$")
_SITE_SUFFIX = re.compile(r"\s*(?:[-_|｜]|——)")
_INDEX_NO = re.compile(
    rf"[0-9A-Za-z-]{{3,24}}/ ?{YEAR}(?:\d\d)?-\d{{1,8}}|[A-Z]{{2}}\d{{3,}}-[\d-]+"
)


@attrs.frozen
class Common:
    """What the shared metadata pass found, before a kind-specific parser adds its part."""

    title: str
    title_span: tuple[int, int] | None
    published: dt.date | None
    signed: dt.date | None
    signature: Signature | None
    index_no: str | None
    doc_no: str | None
    publisher: str | None
    fields: tuple[MetaField, ...]
    body_start: int

    @property
    def metadata(self) -> tuple[tuple[str, str], ...]:
        """The page metadata as printed (label, value), empty values left out."""
        return tuple((f.label, f.value) for f in self.fields if f.value)


def _first(fields: list[MetaField], key: str) -> MetaField | None:
    return next((f for f in fields if f.key == key and f.value), None)


def _token(value: str) -> str:
    return value.split(" ", 1)[0]


def _body_start(norm: str) -> int:
    """Where the body starts: past the first mark of it, else 0.

    Examples:
        >>> from zwgk._parse.common import _body_start
        >>> _body_start("标题: X\\n== 正文 ==\\n内容"), _body_start("X\\n正文\\n"), _body_start("正文内容")
        (14, 4, 0)
    """
    # Each 正文 in turn (a plain search): the first that is a mark starts the body.
    at = norm.find("正文")
    while at != -1:
        after = at + 2
        if (at == 0 or norm[at - 1] == "\n") and (after == len(norm) or norm[after] == "\n"):
            return after  # 正文 on a line of its own
        before = at
        while before and norm[before - 1] == " ":
            before -= 1
        rule = _RULE_AFTER.match(norm, after) if before and norm[before - 1] == "=" else None
        if rule is not None:
            return rule.end()  # ruled: ==== 正文 ====
        at = norm.find("正文", after)
    return 0


def read_common(src: Source) -> Common:
    """Read title, dates, numbers and organ from the page metadata and the body.

    Examples:
        >>> from zwgk._parse.text import read_input
        >>> from zwgk._parse.common import read_common
        >>> c = read_common(read_input("标题: 某某通知\\n发布时间: 2016-05-30 09:37\\n==== 正文 ====\\n正文内容"))
        >>> (c.title, c.published.isoformat())
        ('某某通知', '2016-05-30')
    """
    norm = src.norm
    fields = metadata_fields(norm)
    body_start = _body_start(norm)

    title_field = _first(fields, "title")
    for other in fields:
        # A scraper's title may carry the site's name (标题：X-某某局) where the page's own
        # info table names the document (名称  X): the name without the suffix wins.
        if title_field is None or other.key != "title" or not other.value:
            continue
        rest = title_field.value[len(other.value) :]
        if title_field.value.startswith(other.value) and _SITE_SUFFIX.match(rest):
            title_field = other
            break
    title_span: tuple[int, int] | None
    if title_field is not None:
        title, title_span = title_field.value, (title_field.start, title_field.end)
    else:
        title, title_span = _title_from_lines(norm, 0)

    published_field = _first(fields, "published")
    published = first_date(published_field.value) if published_field else None
    written_field = _first(fields, "written")
    written = first_date(written_field.value) if written_field else None

    sigs = [s for s in signatures(norm) if s.start >= body_start]
    signature = sigs[-1] if sigs else None
    # A signature at the very top is the page's source line, not a closing one.
    if signature is not None and signature.start < len(norm) * 0.1 and len(norm) > 2000:
        signature = None
    signed = written or (signature.date if signature else None)
    if published is None:
        published = _header_date(norm, body_start)
    if published is None:
        published = signed

    index_field = _first(fields, "index_no")
    index_no = None
    if index_field is not None:
        m = _INDEX_NO.search(index_field.value)
        index_no = m.group(0).replace(" ", "") if m else _token(index_field.value)

    doc_no = None
    doc_field = _first(fields, "doc_no")
    if doc_field is not None:
        m = DOC_NO_RE.search(doc_field.value)
        doc_no = m.group(0) if m else None
    if doc_no is None:
        doc_no = _body_doc_no(norm, body_start)

    publisher_field = _first(fields, "publisher")
    publisher = _token(publisher_field.value) if publisher_field else None
    return Common(
        title=title,
        title_span=title_span,
        published=published,
        signed=signed,
        signature=signature,
        index_no=index_no,
        doc_no=doc_no,
        publisher=publisher,
        fields=tuple(fields),
        body_start=body_start,
    )


_PAGE_DATE = rf"{YEAR}(?:年\d{{1,2}}月\d{{1,2}}日|-\d{{1,2}}-\d{{1,2}})"  # as a CMS prints it
# A date line (its date within 20 characters of the line's start, before 来源 or the line's
# end), or, on a page flattened onto one line, "… 来源:X 时间:2022-06-08 08:53 …".
_HEADER_LINE = rf"[^\n。]{{0,20}}?({_PAGE_DATE})[ ]*(?:来源|\n|$)"
_HEADER_LABEL = rf"(?:发布|更新)?(?:时间|日期) *: *({_PAGE_DATE})"
# At the text's start; after it, from the break before it (the search opens with that
# character, so it skips to the next blank in C).
_HEADER_AT_TOP = re.compile(rf"{_HEADER_LINE}|{_HEADER_LABEL}")
_HEADER_DATE = re.compile(rf"\s(?:(?<=\n){_HEADER_LINE}|{_HEADER_LABEL})")


def _header_date(norm: str, start: int) -> dt.date | None:
    # A page's own date line near the top: "2018年03月29日来源:市工商局".
    stop = min(len(norm), start + 400)
    m = _HEADER_AT_TOP.match(norm, 0, stop) if start == 0 else None
    if m is None:
        m = _HEADER_DATE.search(norm, start, stop)
    return first_date(m.group(1) or m.group(2)) if m else None


#: How many lines from the top a title is looked for in.
_TITLE_LINES = 61


def _title_from_lines(norm: str, start: int) -> tuple[str, tuple[int, int] | None]:
    # The first short line that names a document kind, joined with an organ line
    # just above it or a continuation just below it (PDF and print layouts).
    lines: list[tuple[str, int]] = []
    pos = start
    for count, line in enumerate(norm[start:].split("\n", _TITLE_LINES)):
        if count == _TITLE_LINES:
            break  # the rest of the text, not a line
        stripped = line.strip(" •")
        begin = pos + line.find(stripped) if stripped else pos
        pos += len(line) + 1
        if stripped:
            lines.append((stripped, begin))
    for i, (line, begin) in enumerate(lines):
        inline = _title_in_line(line, opening=len(line) > 80)
        if inline is not None:
            return line[inline[0] : inline[1]], (begin + inline[0], begin + inline[1])
        if not (4 <= len(line) <= 80) or "。" in line or ":" in line or _NOISE_LINE.search(line):
            continue
        if not TITLE_WORD.search(line) or MARKER_RE.match(line):
            continue
        title, first, last = line, begin, begin + len(line)
        if i > 0 and len(line) <= 8 and _TITLE_END.search(line):
            above, above_begin = lines[i - 1]
            if "。" not in above and len(above) <= 40 and not _NOISE_LINE.search(above):
                title, first = above + title, above_begin
                i -= 1
        if i > 0:
            above, above_begin = lines[i - 1]
            if len(above) <= 24 and _ORGAN_LINE.search(above) and "。" not in above:
                title, first = above + title, above_begin
        if i + 1 < len(lines):
            below, below_begin = lines[i + 1]
            if len(below) <= 12 and _TITLE_END.search(below) and not _TITLE_END.search(title):
                title, last = title + below, below_begin + len(below)
        return title, (first, last)
    return "", None


# A document's own number printed above or under its title: after a blank, or in brackets
# (「(岚综管办〔2016〕12号)」); a number after a cited title (《…》(闽政办〔2016〕30号)) is not it.
_ALONE = rf"(?P<alone>{DOC_NO_RE.pattern})(?!文|精神|要求|规定|等)"
_BRACKETED = rf"\s*(?P<bracketed>{DOC_NO_RE.pattern})\s*[)）]"
#: Printed where the stretch starts (after a blank before it, or at the text's start).
_OWN_DOC_NO_AT = re.compile(rf"(?:(?<=\s)|^){_ALONE}")
#: Printed further on: the search opens with the blank or the bracket before the number (it
#: skips to the next one in C), so that a number alone starts one character after its match.
_OWN_DOC_NO = re.compile(
    rf"[\s(（](?:(?<=\s){_ALONE}|(?<=[(（])(?<![》>\u4e00-\u9fff].){_BRACKETED})"
)
_DOC_NO_WINDOW = 600


def _body_doc_no(norm: str, body_start: int) -> str | None:
    stop = min(len(norm), body_start + _DOC_NO_WINDOW)
    # A year and number first: the issuer's name before them is tried at every character.
    if DOC_NUMBER_RE.search(norm, body_start, stop) is None:
        return None
    m = _OWN_DOC_NO_AT.match(norm, body_start, stop) or _OWN_DOC_NO.search(norm, body_start, stop)
    if m is None:
        return None
    return (m.group("alone") or m.group("bracketed")).replace(" ", "")


_ORGAN_LINE = re.compile(ORGAN_SUFFIX + "$")
_TITLE_END = re.compile(r"(?:报告|方案|要点|通知|意见|办法|分解表|安排)$")


#: How long a title may grow when runs before it are taken in.
_LONGEST_TITLE = 160


def _balanced(text: str) -> bool:
    return text.count("《") == text.count("》") and text.count("“") == text.count("”")


def _title_in_line(line: str, *, opening: bool) -> tuple[int, int] | None:
    """Where a title sits in a line that holds more than the title (a flattened page).

    Examples:
        >>> line = "当前位置:首页 政务公开 X局关于印发 《Y方案》的通知 时间:2021-05-06"
        >>> a, b = _title_in_line(line, opening=False)
        >>> line[a:b]
        'X局关于印发 《Y方案》的通知'
    """
    m = _TITLE_BEFORE_SOURCE.search(line) if _SOURCE_LABEL.search(line) else None
    if m is None and opening:
        m = _TITLE_OPENING.match(line)
    if m is None or "。" in m["title"]:
        return None
    start, end = m.span("title")
    # A title printed with a space inside ("关于印发 《…》的通知") is taken whole.
    earliest = max(0, end - _LONGEST_TITLE)
    while not _balanced(line[start:end]) or _TITLE_CONTINUES.search(line[:start].rstrip()):
        before = line[earliest:start].rstrip()
        cut = earliest + max(before.rfind(" "), before.rfind(":")) + 1
        if not before or cut >= start or "。" in line[cut:start]:
            break  # nothing before, no room left, or a sentence: the title does not extend
        start = cut
    return (start, end) if _balanced(line[start:end]) else None
