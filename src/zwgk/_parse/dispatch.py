"""``zwgk.parse``: tell what a document is and hand it to the parser of its kind."""

from __future__ import annotations

import re

from zwgk._model import AnyDocument, DocumentKind, ImplementationPlan, OtherDocument, WorkPoints
from zwgk._parse.common import Common, read_common
from zwgk._parse.organs import resolve_agency
from zwgk._parse.outline import outline
from zwgk._parse.plans import plan_from_source
from zwgk._parse.report import report_from_source
from zwgk._parse.text import MAX_INPUT_CHARS, finish, read_input

_REPORT_TITLE = re.compile(r"(年度报告|年报|工作报告|年度工作报告)")
_DISCLOSURE = re.compile(r"(信息公开|政务公开|政务信息)")
_NOTICE = re.compile(r"(关于|有关事项|通知|征求意见|意见稿|草案|模板|格式)")
_REPORT_BODY = re.compile(
    r"本报告|年度报告|情况报告如下|现将[^。]{0,30}(工作)?情况报告如下|特向社会公布"
)
_APPLICATIONS = re.compile(r"依申请|申请公开|政府信息公开申请")
_WORK_POINTS = re.compile(r"工作要点|任务分解|分解表|重点工作安排|工作安排|工作任务清单")
_PLAN = re.compile(r"实施方案|工作方案|实施意见|行动方案|推进方案|方案")
_CONSULTATION = re.compile(r"征求意见|意见稿|草案")


def detect_kind(common: Common, norm: str) -> DocumentKind:
    """The kind of a document, from its title first and its body second.

    Examples:
        >>> from zwgk._parse.text import read_input
        >>> from zwgk._parse.common import read_common
        >>> src = read_input("标题: 关于印发2016年政务公开工作主要任务分解表的通知\\n正文")
        >>> detect_kind(read_common(src), src.norm).value
        'work_points'
    """
    title = common.title.replace(" ", "")
    if _REPORT_TITLE.search(title) and _DISCLOSURE.search(title):
        return DocumentKind.OTHER if _NOTICE.search(title) else DocumentKind.ANNUAL_REPORT
    if _CONSULTATION.search(title):
        return DocumentKind.OTHER
    if _WORK_POINTS.search(title):
        return DocumentKind.WORK_POINTS
    if _PLAN.search(title):
        return DocumentKind.IMPLEMENTATION_PLAN
    if not title or not _NOTICE.search(title):
        head = norm[common.body_start : common.body_start + 1500]
        if _REPORT_BODY.search(head) and _DISCLOSURE.search(head) and _APPLICATIONS.search(norm):
            return DocumentKind.ANNUAL_REPORT
    return DocumentKind.OTHER


def parse(
    data: str | bytes, *, source: str | None = None, max_chars: int = MAX_INPUT_CHARS
) -> AnyDocument:
    """Parse any government-disclosure page into the document of its kind.

    Returns an [`AnnualReport`][zwgk.AnnualReport], an
    [`ImplementationPlan`][zwgk.ImplementationPlan], [`WorkPoints`][zwgk.WorkPoints]
    or an [`OtherDocument`][zwgk.OtherDocument].  ``data`` is page text or its
    bytes; ``source`` (a URL or path) is kept on the document.  Raises
    [`InputError`][zwgk.InputError] for input that is not text (or holds a lone
    surrogate) and [`DecodeError`][zwgk.DecodeError] for bytes no supported
    encoding reads.

    Examples:
        >>> import zwgk
        >>> doc = zwgk.parse(open("seeds/004_562af7ce0614f99d.txt", encoding="utf-8").read())
        >>> (doc.kind.value, doc.agency.name)
        ('implementation_plan', '山西省工商行政管理局')
    """
    src = read_input(data, max_chars=max_chars)
    common = read_common(src)
    kind = detect_kind(common, src.norm)
    if kind is DocumentKind.ANNUAL_REPORT:
        return finish(report_from_source(src, common, source=source), src)
    if kind in (DocumentKind.IMPLEMENTATION_PLAN, DocumentKind.WORK_POINTS):
        plan: ImplementationPlan | WorkPoints = plan_from_source(src, common, kind, source=source)
        return finish(plan, src)
    other = OtherDocument(
        title=common.title,
        agency=resolve_agency(common, src.norm),
        published=common.published,
        signed=common.signed,
        index_no=common.index_no,
        doc_no=common.doc_no,
        source=source,
        sections=outline(src.norm, common.body_start),
        metadata=common.metadata,
    )
    return finish(other, src)
