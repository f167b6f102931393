"""Which organ issued a document (`zwgk._parse.organs`), on shapes built here."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from zwgk._parse import organs
from zwgk._parse.common import read_common
from zwgk._parse.organs import issuing_organ
from zwgk._parse.text import read_input


def _organ(text: str) -> str | None:
    src = read_input(text)
    return issuing_organ(read_common(src), src.norm)


@pytest.mark.parametrize(
    "opening", ["“双随机、一公开”抽查工作计划", "《信息公开指南》", "关于印发方案的通知"]
)
def test_an_organ_opening_the_title_is_the_issuer(opening: str) -> None:
    assert _organ(f"2024年江口市公安局{opening}\n正文。\n") == "江口市公安局"


@given(site=st.sampled_from(["江口县人民政府", "江口市人民政府办公室", "江口市政务服务中心"]))
def test_the_body_compiler_outranks_the_page_source_field(site: str) -> None:
    text = (
        "江口新区2015年度政府信息公开工作年度报告\n"
        f"来源：{site} 时间：2016-01-12\n"
        "根据《条例》要求，由江口新区管委会办公室编制完成了本报告。\n"
    )
    assert _organ(text) == "江口新区管委会办公室"


def test_the_page_source_field_is_used_when_the_body_names_no_organ() -> None:
    text = "2015年度政府信息公开工作年度报告\n来源：江口市商务局\n现将有关情况报告如下。\n"
    assert _organ(text) == "江口市商务局"


def test_the_organ_printed_above_the_title_in_the_body() -> None:
    text = (
        "标题: 关于印发《江口市政务公开实施方案》的通知\n==== 正文 ====\n"
        "江口市政府办〔2015〕9号\n江口市人民政府办公室\n关于印发《江口市政务公开实施方案》的通知\n"
        "各单位：现印发给你们。\n" + "正文。" * 600 + "\n来源：中国江口\n"
    )
    assert _organ(text) == "江口市人民政府办公室"


def test_a_site_name_is_never_the_issuer() -> None:
    assert (
        _organ("标题: 申请的处理及时限\n==== 正文 ====\n受理机构出具回执。\n来源：本网\n") is None
    )


# What a compiler line is made of, and prose around it.
LINE_PIECES = (
    "由", "我区", "我市", "本报告", "，", ",", "、", "。", "请与", "株洲市", "工商行政管理局",
    "办公室", "管委会", "人民政府", "政务公开", "根据", "负责", "统一", "编制", "联系", "各",
    "规定", " ", "\n", "2019年",
)  # fmt: skip
LINES = st.builds(
    lambda start, organ, role, rest: f"{start}{''.join(organ)}{role}{''.join(rest)}编制",
    st.sampled_from(["由", "我区", "，", "。由", "请与"]),
    st.lists(
        st.sampled_from(["株洲市", "工商行政管理局", "人民政府", "办公室", "政务"]), max_size=5
    ),
    st.sampled_from(["", "根据", "负责"]),
    st.lists(st.sampled_from(["统一", "规定", "，", "。"]), max_size=3),
)


@given(st.lists(LINES | st.sampled_from(LINE_PIECES), max_size=12).map("".join))
def test_the_quick_tests_find_every_compiler_line(text: str) -> None:
    alternatives = re.compile(
        f"{organs._COMPILER_START}{organs._COMPILER_LINE}|{organs._COMPILER_CONTACT}"
    )
    found = [m.groupdict() | {"at": m.span()} for m in organs._COMPILER.finditer(text)]
    assert found == [m.groupdict() | {"at": m.span()} for m in alternatives.finditer(text)]


# A compiler line whose 编制 is as far from its start as the quick test allows.
_LONG_LINE = "，由株洲市政务公开政务公开工商行政管理局人民政府办公室负责统一规定，依规编制"


@given(
    st.lists(LINES | st.sampled_from((*LINE_PIECES, _LONG_LINE)), max_size=12).map("".join),
    st.integers(0, 60),
    st.integers(0, 200),
)
@example(f"本报告{_LONG_LINE}。", 0, 60)
def test_compiler_lines_are_read_from_where_the_first_can_start(
    text: str, start: int, size: int
) -> None:
    # Starting the search near the first 编制 or 请与 finds what the search of the whole
    # stretch finds.
    end = start + size
    found = [m.groupdict() | {"at": m.span()} for m in organs._COMPILER.finditer(text, start, end)]
    assert found == [
        m.groupdict() | {"at": m.span()} for m in organs._compiler_lines(text, start, end)
    ]
