"""Units a task names (`zwgk._parse.units`), on sentences built here."""

from __future__ import annotations

import functools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk import OrgUnit
from zwgk._parse import units
from zwgk._parse.units import Assignment, classify, find_subject, is_collective, merged

ORGANS = ["区财政局", "工作小组办公室", "资产清查领导小组", "市政务服务中心", "区委组织部"]
FOLLOWERS = [
    "负责",
    "要",
    "在主管部门核实的基础上",
    "对各单位",
    "根据清查结果",
    "全程监督",
    "汇总",
    "组织",
]


@given(organ=st.sampled_from(ORGANS), follower=st.sampled_from(FOLLOWERS))
def test_an_organ_opening_a_task_sentence_leads_it(organ: str, follower: str) -> None:
    text = f"{organ}{follower}开展资产清查工作。"
    assert [u.name for u in find_subject(text, 0, len(text)).lead] == [organ]


def test_an_organ_ending_is_not_taken_for_a_verb() -> None:
    text = "区委组织部负责干部培训。"
    assert [u.name for u in find_subject(text, 0, len(text)).lead] == ["区委组织部"]


def test_a_sentence_without_an_organ_subject_names_no_lead() -> None:
    for text in ("在全区开展清查。", "对资产进行核实。", "进一步推进权力清单公开。"):
        assert not find_subject(text, 0, len(text))


@pytest.mark.parametrize(
    ("names", "full"),
    [
        (["纪检", "监察部门"], ["纪检部门", None]),
        (["财政", "审计局"], ["财政局", None]),
        (["省应急办", "省政府新闻办"], [None, None]),  # a name with its own ending keeps it
    ],
)
def test_an_ending_printed_once_for_a_list_applies_to_each_name(
    names: list[str], full: list[str | None]
) -> None:
    assert [u.full_name for u in classify(names, "lead").lead] == full


@pytest.mark.parametrize("scope", ["辖区", "全区", "本市", "区直", ""])
def test_every_unit_of_a_scope_is_collective(scope: str) -> None:
    assert is_collective(f"{scope}各派出所")


def test_the_sentence_after_a_run_in_heading_names_the_lead() -> None:
    text = (
        "关于印发资产清查工作方案的通知\n各单位：\n"
        "一、实施步骤\n"
        "1、汇总阶段（6月1日-6月15日） 工作小组办公室汇总全区资产清查情况。\n"
        "2、监督阶段（6月16日-6月20日） 纪检、监察部门全程监督清查工作。\n"
    )
    plan = zwgk.parse(text)
    leads = {t.path: [(u.name, u.full_name) for u in t.lead] for t in plan.walk_tasks()}
    assert leads[("一", "1")] == [("工作小组办公室", None)]
    assert leads[("一", "2")] == [("纪检", "纪检部门"), ("监察部门", None)]


def test_each_clause_subject_answering_for_part_of_a_task_leads_it() -> None:
    text = (
        "关于印发资产清查工作方案的通知\n各单位：\n一、工作分工\n"
        "1、县机关局负责清查公房资产，县财政局负责清查政府公房。\n"
        "2、交通部门要做好运力调配，做到企业负责人、车辆、司机三落实。\n"
    )
    plan = zwgk.parse(text)
    leads = {t.path: [u.name for u in t.lead] for t in plan.walk_tasks()}
    assert leads[("一", "1")] == ["县机关局", "县财政局"]
    assert leads[("一", "2")] == ["交通部门"]  # 负责人 is a person, not a duty


def test_a_person_in_charge_is_no_duty_verb() -> None:
    text = "企业负责人要到岗到位。"
    assert not find_subject(text, 0, len(text)).lead


@pytest.mark.parametrize(
    "name", ["省应急办", "市应急管理局", "市对外贸易经济合作局", "区对台办", "镇为民服务中心"]
)
def test_words_of_a_sentence_inside_a_name_keep_it_a_name(name: str) -> None:
    # 应 of 应当, 对 and 为 are words of a sentence; 应急, 对外, 对台, 为民 are parts of names.
    assert classify([name], "lead").lead[0].name == name
    text = f"{name}负责做好应急值守。"
    assert [u.name for u in find_subject(text, 0, len(text)).lead] == [name]


def test_names_run_together_split_with_an_emergency_office() -> None:
    from zwgk._parse.units import split_glued

    assert split_glued("省应急办省政府新闻办") == ["省应急办", "省政府新闻办"]


# What flattened table rows are made of: names, their pieces, separators and prose.
ROW_PIECES = (
    "省", "市", "区", "县", "乡", "镇", "片区", "平潭", "福建", "各", "有关", "相关", "其他", "直",
    "级", "发改委", "财政局", "人民政府", "设区市", "单位", "部门", "综合实验区", "海关", "中心",
    "公开", "推进", "的", " ", "  ", "、", ",", "会同", "等", "(", ")", "牵头", "3", "年底前",
)  # fmt: skip


@given(st.lists(st.sampled_from(ROW_PIECES), max_size=30).map("".join))
def test_the_first_character_test_finds_every_unit_run_start(row: str) -> None:
    alternatives = re.compile(units.UNIT_RUN_ALTERNATIVES)
    spans = [m.span() for m in units._CANDIDATE.finditer(row)]
    assert spans == [m.span() for m in alternatives.finditer(row)]


NAMES = ("注册处", "法制处", "办公室", "各单位")


@st.composite
def assignments(draw: st.DrawFn) -> Assignment:
    def unit_list() -> tuple[OrgUnit, ...]:
        picked = draw(st.lists(st.sampled_from(NAMES[:3]), max_size=3))
        return tuple(OrgUnit(n, draw(st.sampled_from([None, "市" + n]))) for n in picked)

    return Assignment(
        unit_list(), unit_list(), tuple(draw(st.lists(st.sampled_from(NAMES), max_size=3)))
    )


@given(st.lists(assignments(), max_size=4))
def test_merging_all_at_once_is_merging_one_by_one(parts: list[Assignment]) -> None:
    def first_of_each(units: list[OrgUnit]) -> list[OrgUnit]:
        seen: dict[str, OrgUnit] = {}
        for u in units:
            seen.setdefault(u.name, u)
        return list(seen.values())

    at_once = merged(parts)
    assert at_once == functools.reduce(Assignment.merge, parts, Assignment())
    assert list(at_once.lead) == first_of_each([u for p in parts for u in p.lead])
    assert list(at_once.collective) == list(dict.fromkeys(c for p in parts for c in p.collective))


# What inline unit clauses are made of, and prose around them.
CLAUSE_PIECES = (
    "由", "市财政局", "区卫生健康委员会", "审计局", "、", "等", "有关", "单位", "共同", "牵头",
    "负责", "落实", "实施", "配合", "参与", "协助", "按", "各自", "职责", "分工", ",", "，", "。",
    ";", ":", " ", "\n", "推进公开", "2024年底前完成",
)  # fmt: skip
UNIT_CLAUSES = st.builds(
    lambda head, names, tail: f"{head}{'、'.join(names)}{tail}",
    st.sampled_from(["", "由", ",", "，", "。", " ", "。由"]),
    st.lists(st.sampled_from(["市财政局", "区卫生健康委员会", "审计局"]), min_size=1, max_size=6),
    st.sampled_from(
        ["牵头", "共同牵头", "负责", "配合", "协助", "等有关单位按职责分工负责", "参与"]
    ),
)
CLAUSES = st.lists(UNIT_CLAUSES | st.sampled_from(CLAUSE_PIECES), max_size=12).map("".join)


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    quick = (units._LEAD_SOON, units._RESPONSIBLE_SOON, units._COOP_SOON)
    return re.compile(functools.reduce(lambda p, q: p.replace(q, ""), quick, pattern.pattern))


@given(CLAUSES)
def test_the_quick_tests_find_every_inline_clause(text: str) -> None:
    for pattern in (units._INLINE_LEAD, units._INLINE_RESPONSIBLE):
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in _plain(pattern).finditer(text)]
    plain = _plain(units._INLINE_COOP)
    for at in range(len(text)):
        m, p = units._INLINE_COOP.match(text, at), plain.match(text, at)
        assert (m and (m.span(), m.groups())) == (p and (p.span(), p.groups()))


INLINE_ALPHABET = "由市区财政局审计办公室牵头负责配合共同实施落实各单位按职责分工,，。;；: \n"


@given(
    st.text(alphabet=INLINE_ALPHABET, max_size=40),
    st.sampled_from("。; \n"),
    st.text(alphabet="由市区财政局审计办公室共同", min_size=50, max_size=90),
    st.sampled_from(["牵头", "负责"]),
    st.text(alphabet=INLINE_ALPHABET, max_size=40),
)
def test_an_inline_clause_is_looked_for_from_within_reach_of_its_role_word(
    before: str, stop: str, units_run: str, word: str, after: str
) -> None:
    # find_inline reads a segment from a break and the reach before its first role word:
    # a scan of the whole segment finds nothing earlier.
    text = before + stop + units_run + word + after
    for pattern, role, reach in (
        (units._INLINE_LEAD, "牵头", units._LEAD_REACH),
        (units._INLINE_RESPONSIBLE, "负责", units._RESPONSIBLE_REACH),
    ):
        at = text.find(role)
        whole = [m.span() for m in pattern.finditer(text)]
        if at == -1:
            assert whole == []
        else:
            assert whole == [m.span() for m in pattern.finditer(text, max(0, at - 1 - reach))]


def test_an_inline_lead_far_into_a_long_segment() -> None:
    text = "推进公开" * 40 + "。由市财政局牵头,市审计局配合。"
    a = units.find_inline(text, 0, len(text))
    assert ([u.name for u in a.lead], [u.name for u in a.cooperating]) == (
        ["市财政局"],
        ["市审计局"],
    )


@pytest.mark.parametrize(
    ("pattern", "role", "reach"),
    [
        (units._INLINE_LEAD, "牵头", units._LEAD_REACH),
        (units._INLINE_RESPONSIBLE, "负责", units._RESPONSIBLE_REACH),
    ],
)
def test_an_inline_clause_as_long_as_its_reach_is_found(
    pattern: re.Pattern[str], role: str, reach: int
) -> None:
    for length in range(reach - 3, reach + 3):  # 由, the units and 共同 before the role word
        text = "推进公开。由" + "区" * (length - 3) + "共同" + role + "。"
        whole = [m.span() for m in pattern.finditer(text)]
        assert bool(whole) == (length <= reach)
        at = text.find(role)
        assert whole == [m.span() for m in pattern.finditer(text, max(0, at - 1 - reach))]


@given(
    st.text(alphabet="市局处、,，;；()（）) 区", max_size=30),
    st.sampled_from([",，;；", "、"]),
)
def test_pieces_outside_brackets_split_at_every_separator_where_no_bracket_opens(
    text: str, separators: str
) -> None:
    assert units._outside_brackets(text, separators) == units._bracketed_pieces(text, separators)
