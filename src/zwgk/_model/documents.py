"""Documents: annual reports, implementation plans, work points and everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from zwgk._model.core import Agency, Deadline, Finding, Span, Unit
from zwgk._model.enums import DocumentKind, Scope, TableFormat
from zwgk._model.tables import Cell, NarrativeFact, StatTable


@attrs.frozen
class Section:
    """A heading of the outline with the text it governs and its sub-sections.

    ``heading`` is the line as printed (``一、总体情况``), ``number`` the
    marker in canonical form (``一``, ``(一)``, ``1``, ``(1)``), ``level`` its
    depth (1 = top), and ``span`` runs from the heading to the next heading of
    the same or a higher level.  ``placeholder`` is set where a section without
    sub-sections says nothing: its body as printed (stripped) when that is
    empty (``""``) or a placeholder word such as ``无``, ``暂无``, ``不涉及``;
    ``None`` when it has content.

    Examples:
        >>> import zwgk
        >>> s = zwgk.Section(heading="一、总体情况", number="一", title="总体情况",
        ...                  level=1, span=zwgk.Span(0, 40))
        >>> s.title
        '总体情况'
        >>> zwgk.Section("五、存在的主要问题", "五", "存在的主要问题", 1, zwgk.Span(40, 52),
        ...              placeholder="无。").placeholder
        '无。'
    """

    heading: str
    number: str | None
    title: str
    level: int
    span: Span
    children: tuple[Section, ...] = ()
    placeholder: str | None = None

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, depth first.

        Examples:
            >>> import zwgk
            >>> s = zwgk.Section("一、总体", "一", "总体", 1, zwgk.Span(0, 4))
            >>> [x.title for x in s.walk()]
            ['总体']
        """
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Contact:
    """A contact person and telephone given by a document (联系人 / 联系电话).

    Examples:
        >>> import zwgk
        >>> zwgk.Contact(person="王明", phone="0351-1234567").phone
        '0351-1234567'
    """

    person: str | None = None
    phone: str | None = None


@attrs.frozen
class Task:
    """A task of a plan or work-points document, from its numbering.

    ``path`` is the numbering as printed from the top (``("二", "(一)", "1")``),
    ``title`` its first clause or bolded lead-in, ``lead`` and ``cooperating``
    the units named, ``collective`` the catch-all phrases
    (``各单位按职责分工负责``) kept apart from unit names, and
    ``lead_inherited`` is true where a merged table cell left the row without
    units and they were taken from the row above.

    Examples:
        >>> import zwgk
        >>> t = zwgk.Task(path=("二", "(一)", "1"), title="进一步推进权力清单公开",
        ...               text="…", lead=(zwgk.Unit("注册处"), zwgk.Unit("法制处")))
        >>> [u.name for u in t.lead]
        ['注册处', '法制处']
    """

    path: tuple[str, ...]
    title: str
    text: str
    lead: tuple[Unit, ...] = ()
    cooperating: tuple[Unit, ...] = ()
    collective: tuple[str, ...] = ()
    lead_inherited: bool = False
    deadlines: tuple[Deadline, ...] = ()
    span: Span | None = None
    children: tuple[Task, ...] = ()

    @property
    def deadline(self) -> Deadline | None:
        """The first deadline the task states, or ``None``."""
        return self.deadlines[0] if self.deadlines else None

    def walk(self) -> Iterator[Task]:
        """This task and every task below it, depth first.

        Examples:
            >>> import zwgk
            >>> t = zwgk.Task(("一",), "总体要求", "")
            >>> [x.path for x in t.walk()]
            [('一',)]
        """
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen(kw_only=True)
class Document:
    """What every document has: metadata from the page and the outline of its body.

    ``published`` comes from the page metadata (发布时间 / 公开日期 /
    发文日期), else the closing signature; ``signed`` is the signature
    date.  ``metadata`` keeps every page-metadata field as printed (label,
    value); ``findings`` are what the parser noticed.

    Examples:
        >>> import zwgk
        >>> doc = zwgk.OtherDocument(title="停电通知")
        >>> (doc.kind.value, doc.title)
        ('other', '停电通知')
    """

    kind: ClassVar[DocumentKind] = DocumentKind.OTHER

    title: str
    agency: Agency | None = None
    published: dt.date | None = None
    signed: dt.date | None = None
    index_no: str | None = None
    doc_no: str | None = None
    source: str | None = None
    sections: tuple[Section, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()

    def walk_sections(self) -> Iterator[Section]:
        """Every section of the outline, depth first.

        Examples:
            >>> import zwgk
            >>> list(zwgk.OtherDocument(title="x").walk_sections())
            []
        """
        for section in self.sections:
            yield from section.walk()


@attrs.frozen(kw_only=True)
class OtherDocument(Document):
    """A page that is neither a report nor a plan: notices, rules, guides, templates.

    Examples:
        >>> import zwgk
        >>> zwgk.OtherDocument(title="申请的处理及时限").kind
        <DocumentKind.OTHER: 'other'>
    """

    kind: ClassVar[DocumentKind] = DocumentKind.OTHER


@attrs.frozen(kw_only=True)
class AnnualReport(Document):
    """An annual report (政府信息公开工作年度报告) with its tables and narrative facts.

    ``year`` is the year covered, ``format`` the table generation decided from
    the table itself (``None`` when the report has no table), ``scope``
    whether it reports the agency's own work or a region's aggregate.
    ``period_year`` is the year the statistics period printed in the body
    starts in (``统计期限自2017年1月1日起``), ``None`` where none is printed.

    Examples:
        >>> import zwgk
        >>> r = zwgk.AnnualReport(title="2017年度报告", year=2017,
        ...                       format=zwgk.TableFormat.LEGACY_2014)
        >>> (r.kind.value, r.year, r.format.value)
        ('annual_report', 2017, 'legacy_2014')
    """

    kind: ClassVar[DocumentKind] = DocumentKind.ANNUAL_REPORT

    year: int | None = None
    period_year: int | None = None
    format: TableFormat | None = None
    scope: Scope = Scope.AGENCY
    tables: tuple[StatTable, ...] = ()
    facts: tuple[NarrativeFact, ...] = ()

    def cells(self) -> Iterator[Cell]:
        """Every cell of every table.

        Examples:
            >>> import zwgk
            >>> list(zwgk.AnnualReport(title="x").cells())
            []
        """
        for table in self.tables:
            yield from table.cells

    def cell(self, indicator: str, column: str = "value") -> Cell | None:
        """The first cell at ``indicator`` and ``column`` in any table, or ``None``.

        Examples:
            >>> import zwgk
            >>> zwgk.AnnualReport(title="x").cell("apps_received") is None
            True
        """
        for table in self.tables:
            found = table.get(indicator, column)
            if found is not None:
                return found
        return None


@attrs.frozen(kw_only=True)
class Plan(Document):
    """What implementation plans and work points share: addressees, tasks, contact.

    ``addressees`` are the cover notice's 主送 units, ``reply_deadline`` the
    date the notice asks replies by, ``attachments`` the 附件 titles.

    Examples:
        >>> import zwgk
        >>> p = zwgk.ImplementationPlan(title="实施方案", tasks=(zwgk.Task(("一",), "总体要求", ""),))
        >>> [t.title for t in p.walk_tasks()]
        ['总体要求']
    """

    addressees: tuple[str, ...] = ()
    reply_deadline: Deadline | None = None
    attachments: tuple[str, ...] = ()
    contact: Contact | None = None
    tasks: tuple[Task, ...] = ()

    def walk_tasks(self) -> Iterator[Task]:
        """Every task, depth first."""
        for task in self.tasks:
            yield from task.walk()


@attrs.frozen(kw_only=True)
class ImplementationPlan(Plan):
    """An implementation plan (实施方案 / 工作方案 / 实施意见).

    Examples:
        >>> import zwgk
        >>> zwgk.ImplementationPlan(title="全面推进政务公开工作实施方案").kind.value
        'implementation_plan'
    """

    kind: ClassVar[DocumentKind] = DocumentKind.IMPLEMENTATION_PLAN


@attrs.frozen(kw_only=True)
class WorkPoints(Plan):
    """Work points or a task breakdown (政务公开工作要点 / 主要任务分解表).

    Examples:
        >>> import zwgk
        >>> zwgk.WorkPoints(title="2022年政务公开工作主要任务分解表").kind.value
        'work_points'
    """

    kind: ClassVar[DocumentKind] = DocumentKind.WORK_POINTS


#: Any parsed document.
AnyDocument = AnnualReport | ImplementationPlan | WorkPoints | OtherDocument
