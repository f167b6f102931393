"""Page metadata, dates, titles and closing signatures: what every document kind shares.

All functions work on normalized text (see ``zwgk._parse.text.normalize``)
and return offsets valid in the original text.  Dates are read by the text layer's
one date grammar (``zwgk._text.dates``).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from zwgk._text.dates import DATE_RE as DATE_RE  # the page reader's too
from zwgk._text.dates import YEAR, parse_date
from zwgk._text.lexer import lex
from zwgk._text.vocab import ORGAN_SUFFIX

# Canonical key -> printed labels (spec §8).  Spaces between characters are allowed.
META_LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号",),
    "title": ("标题", "名称", "信息名称"),
    "publisher": ("发布机构", "发文机关", "公开主体", "信息来源", "来源"),
    "doc_no": ("文号", "发文字号", "发布文号"),
    "written": ("成文日期", "生成日期"),
    "published": ("发布时间", "发布日期", "公开日期", "发文日期"),
    "category": ("主题分类", "组配分类", "公开目录", "信息分类", "主题导航", "分类", "栏目"),
    "audience": ("服务对象",),
    "mode": ("公开方式", "公开属性"),
    "validity": ("有效性", "时效"),
    "keywords": ("关键词",),
    "summary": ("内容概述",),
    "author": ("作者",),
    "link": ("原文链接",),
    "hits": ("阅读次数", "点击数"),
}

_LABEL_TO_KEY = {label: key for key, labels in META_LABELS.items() for label in labels}
_LABEL_FIRST = "".join(sorted({label[0] for label in _LABEL_TO_KEY}))
# Each label, longest first, as read after its first character: the pattern reads that
# character first (a scan skips from one such character to the next), and a lookbehind
# tells which it was (one for the labels that share it).  Spaces may stand between the
# characters.
_BY_FIRST: dict[str, list[str]] = {}
for _label in sorted(_LABEL_TO_KEY, key=len, reverse=True):
    _BY_FIRST.setdefault(_label[0], []).append("".join(f" *{re.escape(c)}" for c in _label[1:]))
_AFTER_FIRST = "|".join(
    f"(?<={re.escape(first)})(?:{'|'.join(rests)})" for first, rests in _BY_FIRST.items()
)
# ``label: value`` after anything but a Chinese character (or 来源 after a date's 日); or,
# at the start of a line, ``label`` and a blank (an info table copied from a browser:
# 索引号<TAB>014314799/2024-00002, a tab read as a blank).  The lookbehinds look past the
# label's first character, already read; the first one passes over, in one test, the
# label characters of running prose (after a Chinese character, none but 来 starts one).
_META = re.compile(
    rf"[{_LABEL_FIRST}](?<![\u4e00-\u9fff][^来])"
    rf"(?:(?<![\u4e00-\u9fff].)(?:(?:{_AFTER_FIRST}) *:[ ]*"
    rf"|(?<![^\n].)(?:{_AFTER_FIRST})[ ]+(?=[^ \n]))"
    rf"|(?<=日来)源 *:[ ]*)"
)
_SPACES = re.compile(r" +")


@attrs.frozen
class MetaField:
    """One ``label: value`` pair of the page metadata, with offsets."""

    key: str
    label: str
    value: str
    start: int
    end: int


def metadata_fields(norm: str) -> list[MetaField]:
    """Every ``label: value`` pair in the text, in order (values cut at the next label or line).

    Examples:
        >>> from zwgk._parse.meta import metadata_fields
        >>> [(f.key, f.value) for f in metadata_fields("索 引 号： A/2013-2 成文日期： 2013-01-25")]
        [('index_no', 'A/2013-2'), ('written', '2013-01-25')]
        >>> [(f.key, f.value) for f in metadata_fields("名称 某某报告\\n索引号 A/2024-2 分类 年报")]
        [('title', '某某报告'), ('index_no', 'A/2024-2 分类 年报')]
    """
    norm = norm.replace("：", ":")
    matches = list(_META.finditer(norm))
    fields: list[MetaField] = []
    for i, m in enumerate(matches):
        label = _SPACES.sub("", m.group()).rstrip(":")
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(norm)
        newline = norm.find("\n", m.end(), stop)
        if newline != -1:
            stop = newline
        value = norm[m.end() : stop].strip()
        fields.append(MetaField(_LABEL_TO_KEY[label], label, value, m.end(), m.end() + len(value)))
    return fields


#: The year and number of a document number (〔2016〕12号), without the issuer's name.
DOC_NUMBER_RE = re.compile(rf"[〔\[(（]\s*{YEAR}\s*[〕\])）]\s*\d{{1,5}}\s*号")
DOC_NO_RE = re.compile(rf"[\u4e00-\u9fffA-Za-z]{{1,12}}{DOC_NUMBER_RE.pattern}")


_ORG_END = re.compile(ORGAN_SUFFIX + "$")
#: How far past its start a date's match may read.
_DATE_REACH = 48
#: Everything up to the last character that cannot be in an organ's name (greedy: read
#: back from the end of the stretch).
_TO_LAST_NON_ORG = re.compile(r"(?s:.*)[^\u4e00-\u9fff()]")


@attrs.frozen
class Signature:
    """A closing signature (落款): the signing organ as printed and the date."""

    org: str
    date: dt.date
    start: int
    end: int


def signatures(norm: str) -> list[Signature]:
    """Organ-plus-date pairs that look like a closing signature, in order.

    Examples:
        >>> from zwgk._parse.meta import signatures
        >>> [(s.org, s.date.isoformat()) for s in signatures("特此报告。\\n沈阳市工商局\\n2018年3月1日")]
        [('沈阳市工商局', '2018-03-01')]
    """
    return list(lex(norm).memo("signatures", lambda: _signatures(norm)))


def _signatures(norm: str) -> list[Signature]:
    found: list[Signature] = []
    # Dates first (the text's one date scan), then a short look back for the organ.
    for m in lex(norm).scan(DATE_RE, reach=_DATE_REACH).within(0, len(norm)):
        if m.group("d1") is not None:
            continue  # a signature prints 年月日, not 2018-03-01
        floor = max(0, m.start() - 400)
        end = floor + len(norm[floor : m.start()].rstrip(" \n"))
        # The organ: the run of name characters (up to 40) just before the date.
        lo = max(0, end - 40)
        before = _TO_LAST_NON_ORG.match(norm, lo, end)
        begin = before.end() if before is not None else lo
        raw = norm[begin:end]
        if len(raw) < 2:
            continue
        # The organ must end like an organ and stand apart from running prose.
        cut = max(raw.rfind(")"), raw.rfind("("))
        org = raw[cut + 1 :].strip()
        if not org or not _ORG_END.search(org):
            continue
        if norm[m.end() : m.end() + 1] in ("起", "至", "前", "以", "到", "-", "—"):
            continue
        date = parse_date(m)
        if date is not None:
            start = begin + raw.find(org)
            found.append(Signature(org, date, start, m.end()))
    return found


_YEAR_IN_TITLE = re.compile(rf"({YEAR}) *年(?:度)?")
_PERIOD = re.compile(
    r"(?:统计期限|统计时限|统计周期|统计时间|数据统计)[^。]{0,12}?(" + YEAR + r") *年 *1 *月 *1 *日"
)


def year_from_title(title: str) -> int | None:
    """The first ``YYYY年`` / ``YYYY年度`` of a title.

    Examples:
        >>> from zwgk._parse.meta import year_from_title
        >>> year_from_title("株洲市工商行政管理局2017年度政府信息公开工作年度报告")
        2017
    """
    m = _YEAR_IN_TITLE.search(title)
    return int(m.group(1)) if m else None


def statistics_year(norm: str) -> int | None:
    """The year of the statistics period (``统计期限自2017年1月1日起``), if stated.

    Examples:
        >>> from zwgk._parse.meta import statistics_year
        >>> statistics_year("本报告所列数据的统计期限自2015年1月1日起至2015年12月31日。")
        2015
    """
    # Every label prints 统计, found by a plain search (no character before it is read).
    at = norm.find("统计")
    m = _PERIOD.search(norm, max(0, at - 2)) if at != -1 else None
    return int(m.group(1)) if m else None
