"""What a document is, from the evidence of its title and its body together.

Evidence, each weighed once:

- the title: a disclosure annual report (年度报告 with 信息公开 / 政务公开); the name of a
  plan (方案, 实施意见, 措施, 计划) or of work points (工作要点, 主要任务, 任务分解表,
  工作安排), also inside 印发《…》的通知; cues that the document is about a plan rather
  than the plan: a consultation (征求意见, 意见稿, 草案) or feedback (落实情况, 情况的函,
  通报, 总结), a template (模板, 格式);
- the body: a numbered task list whose items carry unit assignments (牵头, 责任单位:,
  a task table's 牵头单位 column), report boilerplate beside the application figures.

A weak title word (计划, 措施, 意见) needs the body's task list; a numbered list without
unit assignments (a catalogue, a guide, rules) is no plan.
"""

from __future__ import annotations

import functools
import itertools
import re

import attrs

from zwgk._model import DocumentKind
from zwgk._text.lexer import lex
from zwgk._text.numbering import OUTLINE_LEVELS
from zwgk._text.vocab import UNIT_LABELS

__all__ = ["Evidence", "detect_kind", "evidence"]

_REPORT_TITLE = re.compile(r"年度报告|年报|工作报告|年度工作报告")
_DISCLOSURE = re.compile(r"信息公开|政务公开|政务信息")
_NOTICE = re.compile(r"关于|有关事项|通知|模板|格式")
# About reports rather than one: 关于报送…年度报告的通知, …年度报告格式, 模板.
_ABOUT_REPORTS = re.compile(r"有关事项|通知|模板|格式|函|报送|编制")
_REPORT_BODY = re.compile(
    r"本报告|年度报告|情况报告如下|现将[^。]{0,30}(工作)?情况报告如下|特向社会公布"
)
_APPLICATIONS = re.compile(r"依申请|申请公开|政府信息公开申请")
_CONSULTATION = re.compile(r"征求[^。]{0,40}意见|意见稿|草案")
_FEEDBACK = re.compile(r"落实情况|执行情况|完成情况|情况的函|情况的报告|通报|总结|解读")
_ISSUES = re.compile(r"印发|转发|下发|发布")
_WORK_POINTS = re.compile(r"工作要点|任务分解|分解表|重点工作安排|分工方案|任务清单")
_WEAK_WORK_POINTS = re.compile(r"工作安排|(?:主要|重点)(?:工作)?任务")
_STRONG_PLAN = re.compile(r"实施方案|工作方案|行动方案|推进方案|实施意见|方案|若干措施|\d+项措施")
_WEAK_PLAN = re.compile(r"措施|(?<!停电)计划(?!停电)|意见|规划|行动")
# Unit assignments: a role word after a unit, a labelled unit line, a task-table header.
# Every alternative opens with a literal: a scan skips to the characters they start with.
_ASSIGNMENT = re.compile("|".join(("牵头", *UNIT_LABELS, "按职责分工")))
_ITEM_KINDS = frozenset(OUTLINE_LEVELS)
#: Numbered items that make a task list (with unit assignments among them).
ITEMS = 3


@attrs.frozen
class Evidence:
    """What the title and body say about a document's kind.

    Example:
        >>> from zwgk._parse.kind import evidence
        >>> body = "一、推进公开。牵头单位:市财政局 二、强化解读。牵头单位:市审计局"
        >>> e = evidence("关于印发《XX改革创新12项措施》的通知", body)
        >>> (e.plan_title, e.items, e.assignments)
        ('strong', 2, 2)
    """

    report_title: bool
    notice_title: bool
    about_reports: bool  # a notice or template about annual reports
    negative: bool  # a consultation, feedback or template about a document
    work_points_title: str  # "strong", "weak" or ""
    plan_title: str  # "strong", "weak" or ""
    items: int  # numbered items in the body, counted up to ITEMS (all a task list needs)
    assignments: int  # unit assignments in the body
    report_body: bool


def _title_core(title: str) -> str:
    # 关于印发《X》的通知: X names the document.  关于贯彻落实《X》的通知 is about X:
    # the words outside the brackets name it.
    inner = re.search(r"《([^《》]{2,80})》", title)
    if inner is None:
        return title
    if _ISSUES.search(title) or not title.replace(inner.group(0), "").strip("的通知"):
        return inner.group(1)
    return title.replace(inner.group(0), "")


@attrs.frozen
class _TitleEvidence:
    report_title: bool
    notice_title: bool
    about_reports: bool
    negative: bool
    work_points_title: str
    plan_title: str


def _title_evidence(title: str) -> _TitleEvidence:
    title = title.replace(" ", "").replace("\n", "")
    core = _title_core(title)
    return _TitleEvidence(
        report_title=bool(_REPORT_TITLE.search(title) and _DISCLOSURE.search(title)),
        notice_title=bool(_NOTICE.search(title)),
        about_reports=bool(_ABOUT_REPORTS.search(title)),
        negative=bool(_CONSULTATION.search(title) or _FEEDBACK.search(core)),
        work_points_title="strong"
        if _WORK_POINTS.search(core) or ("印发" in title and _WEAK_WORK_POINTS.search(core))
        else "weak"
        if _WEAK_WORK_POINTS.search(core)
        else "",
        plan_title="strong"
        if _STRONG_PLAN.search(core)
        else "weak"
        if _WEAK_PLAN.search(core)
        else "",
    )


class _Body:
    """The evidence of the body ``text[start:]``, each part read when first asked for."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.start = start

    @functools.cached_property
    def items(self) -> int:
        found = (m for m in lex(self.text).markers(self.start) if m.kind in _ITEM_KINDS)
        return sum(1 for _ in itertools.islice(found, ITEMS))

    @functools.cached_property
    def assignments(self) -> int:
        return len(_ASSIGNMENT.findall(self.text, self.start))

    @functools.cached_property
    def report_body(self) -> bool:
        text, start = self.text, self.start
        head = min(len(text), start + 1500)
        return bool(
            _REPORT_BODY.search(text, start, head)
            and _DISCLOSURE.search(text, start, head)
            and _APPLICATIONS.search(text, start)
        )

    @property
    def task_list(self) -> bool:
        """Numbered items and unit assignments among them."""
        return self.items >= ITEMS and self.assignments >= 2


def evidence(title: str, text: str, start: int = 0) -> Evidence:
    """The kind evidence of a title and of the body ``text[start:]`` (see the module notes).

    Example:
        >>> from zwgk._parse.kind import evidence
        >>> evidence("关于公开征求《XX实施方案》意见的通告", "").negative
        True
    """
    body = _Body(text, start)
    return Evidence(
        **attrs.asdict(_title_evidence(title)),
        items=body.items,
        assignments=body.assignments,
        report_body=body.report_body,
    )


def detect_kind(title: str, text: str, start: int = 0) -> DocumentKind:
    """The kind of a document from its title and its body, ``text[start:]``.

    The body is read only as far as the title leaves the kind open.

    Examples:
        >>> from zwgk._parse.kind import detect_kind
        >>> detect_kind("关于印发福建省2023年政务公开工作主要任务的通知", "").value
        'work_points'
        >>> detect_kind("关于2022年政府信息公开工作要点落实情况的函", "").value
        'other'
        >>> detect_kind("2026年9月18-22日平潭计划停电", "一、停电范围 二、停电时间").value
        'other'
    """
    e, body = _title_evidence(title), _Body(text, start)
    if e.report_title:
        return DocumentKind.OTHER if e.about_reports else DocumentKind.ANNUAL_REPORT
    if e.negative:
        return DocumentKind.OTHER
    if e.work_points_title == "strong" or (e.work_points_title == "weak" and body.task_list):
        return DocumentKind.WORK_POINTS
    if e.plan_title == "strong" or (e.plan_title == "weak" and body.task_list):
        return DocumentKind.IMPLEMENTATION_PLAN
    if (not title or not e.notice_title) and body.report_body:
        return DocumentKind.ANNUAL_REPORT
    if body.task_list and body.assignments >= 5 and not body.report_body:
        return plan_kind(title, text, start)
    return DocumentKind.OTHER


def plan_kind(title: str, text: str = "", start: int = 0) -> DocumentKind:
    """Work points or an implementation plan, for a document known to be one of them.

    The title decides (工作要点 / 主要任务 / 任务分解表 / 工作安排 are work points), else
    whichever word the body (``text[start:]``) names first.

    Example:
        >>> from zwgk._parse.kind import plan_kind
        >>> plan_kind("关于印发2016年政务公开工作主要任务分解表的通知").value
        'work_points'
    """
    core = _title_core(title.replace(" ", ""))
    if _WORK_POINTS.search(core) or _WEAK_WORK_POINTS.search(core):
        return DocumentKind.WORK_POINTS
    if _STRONG_PLAN.search(core) or _WEAK_PLAN.search(core):
        return DocumentKind.IMPLEMENTATION_PLAN
    head = min(len(text), start + 3000)
    wp, pl = _WORK_POINTS.search(text, start, head), _STRONG_PLAN.search(text, start, head)
    if wp and (pl is None or wp.start() < pl.start()):
        return DocumentKind.WORK_POINTS
    return DocumentKind.IMPLEMENTATION_PLAN
