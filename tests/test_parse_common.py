"""Shared metadata (`zwgk._parse.common`) on pages flattened onto one line, built here."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk._parse.common import DOC_NO_RE, _body_doc_no, _body_start, _header_date, read_common
from zwgk._parse.text import read_input
from zwgk._text.dates import first_date

TITLES = [
    "江口市商务局关于印发2022年政务公开工作要点的通知",
    "江口市2015年度政府信息公开工作年度报告",
    "江口市人民政府办公室关于印发 《江口市政务公开实施方案》的通知",
    "中共江口市委员会关于印发《做好“四篇大文章” 推动发展实施方案》的通知",
    "江口市政府信息公开指南(试行)",
]
CRUMBS = st.sampled_from(["当前位置: 首页政务公开最新文件 ", "首页 > 政务公开 > 通知公告 ", ""])
LABELS = st.sampled_from(
    ["来源:江口市人民政府 时间:", "时间:", "发布时间: ", "来源:本网 发布日期:"]
)


def _common(text: str) -> tuple[str, dt.date | None]:
    c = read_common(read_input(text))
    return c.title, c.published


@given(title=st.sampled_from(TITLES), crumbs=CRUMBS, label=LABELS)
def test_title_and_date_of_a_page_flattened_onto_one_line(
    title: str, crumbs: str, label: str
) -> None:
    text = f"{crumbs}{title} {label}2022-06-08 08:53 微信 微博 各单位:现将有关事项通知如下。"
    got, published = _common(text)
    assert got == read_input(title).norm
    assert published == dt.date(2022, 6, 8)


@pytest.mark.parametrize("title", TITLES[:2])
def test_a_title_opening_a_long_flattened_line(title: str) -> None:
    body = "根据《条例》的要求编制本报告。" * 8
    assert _common(f"{title} {body}")[0] == title


def test_a_sentence_opening_a_line_is_no_title() -> None:
    assert _common("本报告根据《条例》等文件要求编制。 " + "正文。" * 40)[0] == ""


def test_kind_of_a_flattened_plan_page_comes_from_its_title() -> None:
    text = (
        f"当前位置: 首页政务公开 {TITLES[0]} 来源:江口市商务局 时间:2022-06-08 "
        "各科室:现将要点印发给你们。一、推进政务公开 1.加强政策解读。牵头单位:办公室 "
    )
    assert zwgk.parse(text).kind is zwgk.DocumentKind.WORK_POINTS


def test_a_title_run_back_over_a_long_line_ends_in_linear_time() -> None:
    # Found by the structure-aware fuzzer: an unbalanced 《 before a title on a line of
    # 100,000 characters walked back token by token and never ended.
    for sep in (":", " "):
        line = "《" + f"甲{sep}" * 50_000 + "关于印发方案的通知 时间:2021-05-06"
        # The unbalanced 《 is too far back to belong to the title: it stands alone.
        assert read_common(read_input(line)).title in ("", "关于印发方案的通知")


_PLAIN_BODY_MARK = re.compile(r"=+ *正文 *=+|^正文$", re.MULTILINE)


@given(st.lists(st.sampled_from(["正文", "=", "===", " ", "\n", "x", "正", "文"]), max_size=12))
def test_the_body_starts_past_the_first_mark_the_plain_pattern_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    mark = _PLAIN_BODY_MARK.search(text)
    assert _body_start(text) == (mark.end() if mark else 0)


_DATE = r"(?:19|20)\d\d(?:年\d{1,2}月\d{1,2}日|-\d{1,2}-\d{1,2})"
_PLAIN_HEADER_DATE = re.compile(
    rf"(?:^|\n)[^\n。]{{0,20}}?({_DATE})[ ]*(?:来源|\n|$)"
    rf"|(?:^|\s)(?:发布|更新)?(?:时间|日期) *: *({_DATE})"
)
_HEADER_PIECES = ["\n", " ", "2018年3月1日", "2019-02-03", "时间:", "发布日期: ", "来源", "。", "x"]


@given(st.lists(st.sampled_from(_HEADER_PIECES), max_size=10), st.integers(0, 3))
def test_the_header_date_is_where_the_plain_pattern_finds_it(pieces: list[str], at: int) -> None:
    text = "".join(pieces)
    m = _PLAIN_HEADER_DATE.search(text, at, at + 400)
    assert _header_date(text, at) == (first_date(m.group(1) or m.group(2)) if m else None)


_PLAIN_OWN_DOC_NO = re.compile(
    rf"(?:(?<=\s)|^)(?P<alone>{DOC_NO_RE.pattern})(?!文|精神|要求|规定|等)"
    rf"|(?<![》>\u4e00-\u9fff])[(（]\s*(?P<bracketed>{DOC_NO_RE.pattern})\s*[)）]"
)
_NUMBER_PIECES = [
    "闽政办",
    "a",
    "〔2016〕12号",
    "〔2016〕 3号",
    "(",
    "（",
    ")",
    "）",
    " ",
    "\n",
    "》",
    "文",
]


@given(st.lists(st.sampled_from(_NUMBER_PIECES), max_size=10), st.integers(0, 4))
def test_the_own_number_is_the_one_the_plain_pattern_finds(pieces: list[str], at: int) -> None:
    text = "".join(pieces)
    m = _PLAIN_OWN_DOC_NO.search(text, at, at + 600)
    expected = (m.group("alone") or m.group("bracketed")).replace(" ", "") if m else None
    assert _body_doc_no(text, at) == expected
