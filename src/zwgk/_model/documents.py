"""Documents: annual reports, implementation plans, work points and everything else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

import attrs

from zwgk._model.core import Agency, Deadline, Finding, OrgUnit, Span
from zwgk._model.enums import DocumentKind, Scope, TableFormat
from zwgk._model.indicators import check_indicator
from zwgk._model.reprs import count, names, short
from zwgk._model.tables import Cell, NarrativeFact, StatTable, cell_counts


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


@attrs.frozen(repr=False)
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
        ...               text="…", lead=(zwgk.OrgUnit("注册处"), zwgk.OrgUnit("法制处")))
        >>> [u.name for u in t.lead]
        ['注册处', '法制处']
    """

    path: tuple[str, ...]
    title: str
    text: str
    lead: tuple[OrgUnit, ...] = ()
    cooperating: tuple[OrgUnit, ...] = ()
    collective: tuple[str, ...] = ()
    lead_inherited: bool = False
    deadlines: tuple[Deadline, ...] = ()
    span: Span | None = None
    children: tuple[Task, ...] = ()

    def __repr__(self) -> str:
        parts = [f"<Task {'.'.join(self.path) or '-'} {short(self.title, 24)}"]
        if self.lead:
            parts.append(f"lead: {names(u.name for u in self.lead)}")
        if self.deadlines:
            parts.append(f"deadline: {short(self.deadlines[0].phrase, 16)}")
        if self.children:
            parts.append(count(len(self.children), "subtask"))
        return "; ".join(parts) + ">"

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

    def __repr__(self) -> str:
        counts = [*self._repr_counts(), count(len(self.findings), "finding")]
        return f"<{type(self).__name__} {self._repr_head()}: {', '.join(counts)}>"

    def _repr_head(self) -> str:
        return short(self.title)

    def _repr_counts(self) -> list[str]:
        return [count(len(self.sections), "section")]

    def walk_sections(self) -> Iterator[Section]:
        """Every section of the outline, depth first.

        Examples:
            >>> import zwgk
            >>> list(zwgk.OtherDocument(title="x").walk_sections())
            []
        """
        for section in self.sections:
            yield from section.walk()


@attrs.frozen(kw_only=True, repr=False)
class OtherDocument(Document):
    """A page that is neither a report nor a plan: notices, rules, guides, templates.

    Examples:
        >>> import zwgk
        >>> zwgk.OtherDocument(title="申请的处理及时限").kind
        <DocumentKind.OTHER: 'other'>
    """

    kind: ClassVar[DocumentKind] = DocumentKind.OTHER


@attrs.frozen(kw_only=True, repr=False)
class AnnualReport(Document):
    """An annual report (政府信息公开工作年度报告) with its tables and narrative facts.

    ``year`` is the year covered, ``format`` the table generation decided from
    the table itself (``None`` when the report has no table), ``scope``
    whether it reports the agency's own work or a region's aggregate.
    ``period_year`` is the year the statistics period printed in the body
    starts in (``统计期限自2017年1月1日起``), ``None`` where none is printed.

    ``repr()`` is one line (year, generation, title, counts); a notebook shows
    the tables in their official layout, inferred and open cells marked, and
    the findings below them.

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

    def _repr_head(self) -> str:
        generation = self.format.value if self.format else "no table"
        return f"{self.year or '?'} {generation} {short(self.title)}"

    def _repr_counts(self) -> list[str]:
        unplaced = sum(len(t.unplaced) for t in self.tables)
        return [count(len(self.tables), "table"), *cell_counts(list(self.cells()), unplaced)]

    def _repr_html_(self) -> str:
        from zwgk._render_html import report_html  # rendering stays out of the model

        return report_html(self)

    def cells(self) -> Iterator[Cell]:
        """Every cell of every table.

        Examples:
            >>> import zwgk
            >>> list(zwgk.AnnualReport(title="x").cells())
            []
        """
        for table in self.tables:
            yield from table.cells

    def cell(self, indicator: str, column: str | None = None) -> Cell | None:
        """The first cell at ``indicator`` and ``column`` in any table, or ``None``.

        ``None`` means the indicator exists in a table generation but this report
        has no such cell.  An id that no generation knows (a typo) raises
        `zwgk.UnknownIndicatorError` naming the closest ids.  Without ``column``,
        a row of one column (``value`` in legacy tables, ``decisions`` for
        ``licensing`` in f2021) gives that column's cell; a row of several
        columns (表三's ``new_received``) raises `zwgk.InputError` listing them.

        Examples:
            >>> import zwgk
            >>> zwgk.AnnualReport(title="x").cell("apps_received") is None
            True
            >>> zwgk.AnnualReport(title="x").cell("apps_recieved")
            Traceback (most recent call last):
            ...
            zwgk._errors.UnknownIndicatorError: no indicator 'apps_recieved' in any table generation; closest: ...
        """
        check_indicator(indicator, (c.indicator for c in self.cells()))
        for table in self.tables:
            found = table.get(indicator, column)
            if found is not None:
                return found
        return None


@attrs.frozen(kw_only=True, repr=False)
class Plan(Document):
    """What implementation plans and work points share: addressees, tasks, contact.

    ``addressees`` are the cover notice's 主送 units, ``reply_deadline`` the
    date the notice asks replies by, ``attachments`` the 附件 titles.
    A notebook shows every task with its leads and deadlines.

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

    def _repr_counts(self) -> list[str]:
        every = sum(1 for _ in self.walk_tasks())
        return [
            count(len(self.tasks), "task")
            + (f" ({every} in all)" if every != len(self.tasks) else "")
        ]

    def _repr_html_(self) -> str:
        from zwgk._render_html import plan_html  # rendering stays out of the model

        return plan_html(self)

    def walk_tasks(self) -> Iterator[Task]:
        """Every task, depth first."""
        for task in self.tasks:
            yield from task.walk()


@attrs.frozen(kw_only=True, repr=False)
class ImplementationPlan(Plan):
    """An implementation plan (实施方案 / 工作方案 / 实施意见).

    Examples:
        >>> import zwgk
        >>> zwgk.ImplementationPlan(title="全面推进政务公开工作实施方案").kind.value
        'implementation_plan'
    """

    kind: ClassVar[DocumentKind] = DocumentKind.IMPLEMENTATION_PLAN


@attrs.frozen(kw_only=True, repr=False)
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
