"""Who is responsible for what: plan tasks flattened into one record per unit and role.

`zwgk.responsibilities` walks
the task trees of plans and work points and yields one
`zwgk.Responsibility` per task,
unit and role (lead or cooperating); collective phrases (各单位按职责分工负责)
are not units and give no record.
`zwgk.responsibilities_frame`
puts the same records in a pandas DataFrame (the ``pandas`` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from zwgk._analysis.facts import documents
from zwgk._errors import MissingExtraError
from zwgk._model.documents import AnyDocument, Plan

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "Responsibility", "responsibilities", "responsibilities_frame"]


@attrs.frozen
class Responsibility:
    """One unit's role in one task of a plan.

    ``path`` is the task's numbering (``("二", "(一)", "1")``), ``role`` is
    ``"lead"`` or ``"cooperating"``, ``inherited`` tells that the units came
    from the row above (a merged table cell), and ``deadline_phrase`` /
    ``deadline_date`` are the task's first deadline as printed and its date
    where it resolves to one.

    Example:
        >>> from zwgk import Responsibility
        >>> path = ("二", "(一)", "1")
        >>> r = Responsibility("实施方案", None, path, "推进清单公开", "注册处", "lead")
        >>> (r.unit, r.role, r.inherited)
        ('注册处', 'lead', False)
    """

    document_title: str
    document_doc_no: str | None
    path: tuple[str, ...]
    task_title: str
    unit: str
    role: str = attrs.field(validator=attrs.validators.in_(("lead", "cooperating")))
    inherited: bool = False
    deadline_phrase: str | None = None
    deadline_date: dt.date | None = None


#: The columns of ``responsibilities_frame``, in order.
COLUMNS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Responsibility))


def responsibilities(docs: Iterable[AnyDocument] | AnyDocument) -> tuple[Responsibility, ...]:
    """Every (task, unit, role) of the given plans, in document and task order.

    One document may be passed instead of a list; reports and other documents give no
    rows, and an item that is not a parsed document raises `zwgk.InputError`.

    Example:
        >>> from zwgk import parse_plan, responsibilities
        >>> plan = parse_plan("一、任务\\n1.推进公开。2017年底前完成。(注册处牵头,信息中心配合)")
        >>> for r in responsibilities([plan]):
        ...     print(r.path, r.unit, r.role, r.deadline_date)
        ('一', '1') 注册处 lead 2017-12-31
        ('一', '1') 信息中心 cooperating 2017-12-31
        >>> len(responsibilities(plan))
        2
    """
    out: list[Responsibility] = []
    for doc in documents(docs, "responsibilities"):
        if not isinstance(doc, Plan):
            continue
        for task in doc.walk_tasks():
            deadline = task.deadline
            phrase = deadline.phrase if deadline is not None else None
            date = deadline.date if deadline is not None else None
            for role, units in (("lead", task.lead), ("cooperating", task.cooperating)):
                for unit in units:
                    out.append(
                        Responsibility(
                            document_title=doc.title,
                            document_doc_no=doc.doc_no,
                            path=task.path,
                            task_title=task.title,
                            unit=unit.name,
                            role=role,
                            inherited=task.lead_inherited,
                            deadline_phrase=phrase,
                            deadline_date=date,
                        )
                    )
    return tuple(out)


def responsibilities_frame(docs: Iterable[AnyDocument] | AnyDocument) -> pd.DataFrame:
    """`zwgk.responsibilities` as a pandas DataFrame.

    The columns are always ``COLUMNS``, also for no input; ``path`` holds
    tuples.  Needs the ``pandas`` extra, else raises
    `zwgk.MissingExtraError`.

    Example:
        >>> from zwgk import responsibilities_frame
        >>> frame = responsibilities_frame([])
        >>> (len(frame), list(frame.columns)[:3])
        (0, ['document_title', 'document_doc_no', 'path'])
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError("pandas", "responsibilities_frame") from None
    rows: list[dict[str, Any]] = [attrs.asdict(r, recurse=False) for r in responsibilities(docs)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    # The same dtypes whether or not there are rows: objects, and a boolean flag.
    return frame.astype({name: (bool if name == "inherited" else object) for name in COLUMNS})
