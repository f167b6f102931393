"""Counted numbers of prose: the one numeral reader gives their values."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from tests.test_text_numerals import chinese

import zwgk
from zwgk._parse.facts import _FACT, narrative_facts


@given(st.integers(1, 10**9), st.booleans(), st.sampled_from(["件", "人次", "条", "份"]))
def test_a_count_reads_back_as_printed(n: int, commas: bool, unit: str) -> None:
    printed = f"{n:,}" if commas else str(n)
    text = f"全年共受理申请{printed}{unit}，办结。"
    (fact,) = narrative_facts(text)
    assert (fact.value, fact.unit, fact.raw) == (n, unit, printed + unit)
    assert text[fact.span.start : fact.span.end] == fact.raw


@given(st.integers(3, 9_999))  # 一, 二 alone are words; at most 8 characters
def test_a_chinese_count_reads_back(n: int) -> None:
    (fact,) = narrative_facts(f"发放宣传资料{chinese(n)}份。")
    assert fact.value == n


def test_money_and_multipliers() -> None:
    found = narrative_facts("收取费用3.50元，发放5万余份，共计1.2万元。")
    assert [(f.value, f.unit, f.qualifier) for f in found] == [
        (Decimal("3.50"), "元", None),
        (50000, "份", "余"),
        (Decimal("1.2"), "万元", None),
    ]


def test_digits_of_another_script_are_no_count() -> None:
    # Found by the structure-aware fuzzer: Arabic-Indic digits before a unit raised.
    report = zwgk.parse("江口市2020年政府信息公开工作年度报告\n全年公开信息۲۶条，发布解读12篇。\n")
    assert [f.raw for f in report.facts] == ["12篇"]


@given(
    st.sampled_from(["", "约", "近", "超过", "逾", "共计", "共", "达"]),
    st.sampled_from(["5", "1,234", "十二", "3.5"]),
    st.sampled_from(["", "受理", "，"]),
)
def test_the_word_before_a_count_is_its_qualifier_or_its_phrase(
    word: str, printed: str, before: str
) -> None:
    text = f"{before}{word}{printed}件。"
    (fact,) = narrative_facts(text)
    assert fact.raw == printed + "件"
    assert fact.qualifier == (word if word in ("约", "近", "超过", "逾") else None)
    assert fact.phrase.endswith(word if word in ("共计", "共", "达") else before.strip("，"))


def test_a_stretch_that_starts_inside_the_word_before_a_count_reads_no_word() -> None:
    text = "全年共计5件，约3份。"
    assert [f.phrase for f in narrative_facts(text)] == ["全年共计", ""]
    assert [(f.phrase, f.qualifier) for f in narrative_facts(text, text.index("计"))] == [
        ("计", None),
        ("", "约"),
    ]
    assert [f.qualifier for f in narrative_facts(text, text.index("3"))] == [None]


_DIGIT_RUN = "(?>(?<=[0-9])[0-9]{0,11}(?:,[0-9]{3}){0,4}(?:\\.[0-9]{1,6})?(?![0-9]))"
# The count pattern with its digit run read as a plain group (backtracking into it).
_PLAIN_FACT = re.compile(_FACT.pattern.replace(_DIGIT_RUN, _DIGIT_RUN[3:-1]))
_PROSE = st.lists(
    st.sampled_from(["1", "23", "4567", "1234567890123", ",", ",000", ".", ".5", "万", "千", "余",
                     "多", " ", "件", "元", "万元", "人次", "年", "三", "十", "约", "共计", "第"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(_PROSE)
def test_a_digit_run_read_once_finds_what_the_plain_pattern_finds(text: str) -> None:
    assert _DIGIT_RUN in _FACT.pattern  # the plain pattern differs from it in that group
    assert [m.span() for m in _FACT.finditer(text)] == [
        m.span() for m in _PLAIN_FACT.finditer(text)
    ]


def test_a_fact_binds_the_one_concept_its_clause_names_but_not_a_part() -> None:
    text = "全年共受理政府信息公开申请12件，其中受理申请3件，主动公开信息5条。"
    bound = narrative_facts(text, generation=zwgk.TableFormat.F2021)
    assert [(f.value, f.indicator) for f in bound] == [
        (12, "new_received"),
        (3, None),
        (5, None),
    ]
