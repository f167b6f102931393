"""The outline of a document (`zwgk._parse.outline`) on flattened shapes built here."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk._parse.outline import (
    _APPENDIX,
    _TITLE_STOP,
    _known_title,
    _titles,
    outline,
    placeholder,
)
from zwgk._text.numbering import TITLE_END, MarkerKind, marker_pattern

TITLES = ("收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况")


@given(before=st.sampled_from(["432.52元", "采购总金额", "合计", "情况"]))
def test_a_known_section_title_is_a_heading_after_any_character(before: str) -> None:
    text = f"一、总体情况 正文。二、主动公开 {before}三、收到和处理政府信息公开申请情况 申请人情况"
    tree = outline(text, titles=TITLES)
    assert [s.title for s in tree] == ["总体情况", "主动公开", "收到和处理政府信息公开申请情况"]


def test_an_unknown_title_run_into_a_word_is_no_heading() -> None:
    text = "一、总体情况 正文。二、主动公开 共计5元三、其他事项 正文"
    assert [s.number for s in outline(text, titles=TITLES)] == ["一", "二"]


@pytest.mark.parametrize(
    "printed",
    [
        "政府信息公开行政法复议、行政诉讼情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政复议、行政诉讼情况",
    ],
)
def test_a_known_title_with_a_slip_ends_where_it_ends(printed: str) -> None:
    text = f"一、总体情况 正文。二、{printed}行政复议 行政诉讼 结果维持 0 1 1"
    assert [s.title for s in outline(text, titles=TITLES)][1] == printed


_PUNCT = " \n\t\u3000。.，,；;：:、!！"
_SAYS_NOTHING = {"", "无", "暂无", "没有", "略", "不涉及", "无此情况", "无相关情况"}


@given(st.text(alphabet=_PUNCT + "无暂没有略不涉及此相关情况一是", max_size=40))
def test_a_placeholder_is_what_the_body_says_without_punctuation(body: str) -> None:
    words = "".join(c for c in body if c not in _PUNCT)
    says_nothing = words in _SAYS_NOTHING or len(words) <= 1
    assert placeholder(body) == (body.strip() if says_nothing else None)


def _known_title_one_by_one(norm: str, at: int, titles: tuple[str, ...]) -> int | None:
    # Each title tried in turn, longest first: as printed, then with a slip inside.
    known = sorted(titles, key=len, reverse=True)
    for title in known:
        if norm.startswith(title, at):
            return at + len(title)
    for title in known:
        if len(title) >= 10 and norm.startswith(title[:4], at):
            tail = norm.find(title[-4:], at + len(title) - 6, at + len(title) + 2)
            if tail != -1:
                return tail + 4
    return None


_TITLE_PIECES = (*TITLES, "政府信息公开", "行政法复议", "、", "和", "情况", "总体情况", "总体", " ")


@given(
    st.lists(st.sampled_from(_TITLE_PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from((*TITLES, "总体情况", "总体", "其他需要报告的事项")), max_size=4),
    st.data(),
)
def test_a_known_title_is_read_as_trying_each_title_in_turn(
    norm: str, titles: list[str], data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(norm)))
    expected = _known_title_one_by_one(norm, at, tuple(titles))
    assert _known_title(norm, at, _titles(tuple(titles))) == expected


_OUTLINE_PIECES = [
    "一、",
    "二、",
    "(一)",
    "(二)",
    "1.",
    "2.",
    "(1)",
    "标题",
    "\n",
    " ",
    "附件",
    "附件1:",
    "。",
    "无",
]


@given(st.lists(st.sampled_from(_OUTLINE_PIECES), max_size=30).map("".join))
def test_every_section_span_runs_forward_inside_the_text(text: str) -> None:
    # The outline builds its spans without the validators: they must hold anyway.
    for root in outline(text):
        for section in root.walk():
            assert 0 <= section.span.start <= section.span.end <= len(text)
            assert zwgk.Span(section.span.start, section.span.end) == section.span


# The plain forms of the two searches the outline makes, read at every position.
_PLAIN_APPENDIX = re.compile(
    r"(?:(?<=[\s>])|^)附(?:件|表)[\d一二三四五六七八九十]{0,2}(?=[：:\s]|下载|$)", re.M
)
_PLAIN_TITLE_STOP = re.compile(
    rf"[{TITLE_END}]| +|(?={marker_pattern(MarkerKind.CN_PAREN, MarkerKind.ARABIC_PAREN)})"
)
_AROUND = st.lists(
    st.sampled_from(["附件", "附表", "附", "件", "1", "二", "：", ":", " ", "\n", ">", "下载", "字",
                     "(", "（", ")", "）", "(3)", "（二）", "(x)", "。", ";", "?"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(_AROUND, st.integers(0, 12), st.integers(0, 40))
def test_appendix_and_title_stops_are_found_where_the_plain_forms_find_them(
    text: str, a: int, b: int
) -> None:
    for quick, plain in ((_APPENDIX, _PLAIN_APPENDIX), (_TITLE_STOP, _PLAIN_TITLE_STOP)):
        found, expected = quick.search(text, a, b), plain.search(text, a, b)
        assert (found and found.start()) == (expected and expected.start())


def test_a_title_ends_at_a_bracketed_number_but_not_at_a_bracket() -> None:
    text = "一、加强(重点)领域公开（二）工作 二、其他"
    assert [s.title for s in outline(text)] == ["加强(重点)领域公开", "其他"]
