"""Plans and work points: who leads each task, deadlines, numbering."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from zwgk._findings import (
    PLAN_DEADLINE_BEFORE_DOCUMENT,
    PLAN_DUPLICATE_NUMBER,
    PLAN_NO_LEAD,
    finding,
)
from zwgk._model.core import Finding, Ref
from zwgk._model.documents import Plan, Task
from zwgk._model.enums import DeadlineKind

__all__ = ["plan_findings"]


def _label(task: Task) -> str:
    return "".join(task.path)


def _title(task: Task) -> str:
    return task.title if len(task.title) <= 30 else task.title[:30] + "…"


def _span_ref(task: Task) -> tuple[Ref, ...]:
    return () if task.span is None else (Ref(span=task.span),)


def _no_lead(plan: Plan) -> Iterator[Finding]:
    for task in plan.walk_tasks():
        if task.children or task.lead or task.collective or task.lead_inherited:
            continue
        yield finding(PLAN_NO_LEAD, refs=_span_ref(task), label=_label(task), title=_title(task))


def _deadlines(plan: Plan) -> Iterator[Finding]:
    reference = plan.signed or plan.published
    if reference is None:
        return
    which = "signed" if plan.signed is not None else "published"
    which_zh = "成文" if plan.signed is not None else "发布"
    for task in plan.walk_tasks():
        for deadline in task.deadlines:
            if deadline.kind is not DeadlineKind.DATE or deadline.date is None:
                continue
            if deadline.date >= reference:
                continue
            span = deadline.span or task.span
            yield finding(
                PLAN_DEADLINE_BEFORE_DOCUMENT,
                refs=() if span is None else (Ref(span=span),),
                label=_label(task),
                title=_title(task),
                phrase=deadline.phrase,
                date=deadline.date.isoformat(),
                which=which,
                which_zh=which_zh,
                reference=reference.isoformat(),
            )


def _duplicates(siblings: Sequence[Task]) -> Iterator[Finding]:
    first: dict[str, Task] = {}
    for task in siblings:
        if not task.path:
            continue
        number = task.path[-1]
        earlier = first.get(number)
        if earlier is None:
            first[number] = task
        else:
            yield finding(
                PLAN_DUPLICATE_NUMBER,
                refs=_span_ref(task) + _span_ref(earlier),
                label=_label(task),
                title=_title(task),
                earlier=_title(earlier),
            )
    for task in siblings:
        yield from _duplicates(task.children)


def plan_findings(plan: Plan) -> Iterator[Finding]:
    """``plan.*`` findings of an implementation plan or work points.

    Example:
        >>> from zwgk import ImplementationPlan, Task, OrgUnit
        >>> from zwgk._validate.plans import plan_findings
        >>> p = ImplementationPlan(title="x", tasks=(
        ...     Task(("一",), "公开权力清单", "", lead=(OrgUnit("注册处"),)),
        ...     Task(("一",), "公开责任清单", "")))
        >>> [f.code for f in plan_findings(p)]
        ['plan.no_lead', 'plan.duplicate_number']
    """
    yield from _no_lead(plan)
    yield from _deadlines(plan)
    yield from _duplicates(plan.tasks)
