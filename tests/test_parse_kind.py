"""The kind detector reads the body where it starts, from the text's shared tokens."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from zwgk._model import DocumentKind
from zwgk._parse.kind import _ASSIGNMENT, ITEMS, detect_kind, evidence, plan_kind
from zwgk._text.vocab import UNIT_LABEL

_TITLES = (
    "关于印发福建省2023年政务公开工作主要任务的通知", "关于印发《XX改革创新12项措施》的通知",
    "关于2022年政府信息公开工作要点落实情况的函", "关于公开征求《XX实施方案》意见的通告",
    "XX局2019年政府信息公开工作年度报告", "关于做好有关工作的通知", "",
)  # fmt: skip
_BODY = (
    "一、", "二、", "三、", "（一）", "1.", "2.", "推进公开。", "牵头单位:市财政局", "责任单位:",
    "(市审计局牵头)", "本报告", "依申请公开", "政务公开", "工作要点", "实施方案", "\n", " ",
)  # fmt: skip
bodies = st.lists(st.sampled_from(_BODY), max_size=30).map("".join)


@given(st.sampled_from(_TITLES), st.text("标题:索引号\n 0123", max_size=20), bodies)
def test_the_body_read_in_place_is_the_body_read_alone(title: str, head: str, body: str) -> None:
    text = head + "\n" + body
    start = len(head) + 1
    assert evidence(title, text, start) == evidence(title, body)
    assert detect_kind(title, text, start) is detect_kind(title, body)
    assert plan_kind(title, text, start) is plan_kind(title, body)


@given(st.text("牵头责任配合参与协助办主单位部门处室科 按职分工:", max_size=40))
def test_the_quick_skip_never_hides_a_unit_assignment(text: str) -> None:
    plain = re.compile(rf"牵头|{UNIT_LABEL}|按职责分工")
    assert _ASSIGNMENT.findall(text) == plain.findall(text)


def _decided(title: str, body: str) -> DocumentKind:
    # The decision on the whole evidence, every part of it read.
    e = evidence(title, body)
    task_list = e.items >= ITEMS and e.assignments >= 2
    if e.report_title:
        return DocumentKind.OTHER if e.about_reports else DocumentKind.ANNUAL_REPORT
    if e.negative:
        return DocumentKind.OTHER
    if e.work_points_title == "strong" or (e.work_points_title == "weak" and task_list):
        return DocumentKind.WORK_POINTS
    if e.plan_title == "strong" or (e.plan_title == "weak" and task_list):
        return DocumentKind.IMPLEMENTATION_PLAN
    if (not title or not e.notice_title) and e.report_body:
        return DocumentKind.ANNUAL_REPORT
    if task_list and e.assignments >= 5 and not e.report_body:
        return plan_kind(title, body)
    return DocumentKind.OTHER


@given(st.sampled_from((*_TITLES, "XX市工作计划", "关于做好XX工作的意见")), bodies)
def test_the_body_is_read_only_where_the_title_leaves_the_kind_open(title: str, body: str) -> None:
    assert detect_kind(title, body) is _decided(title, body)
