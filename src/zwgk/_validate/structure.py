"""The shape of a report: its six sections, its outline, its three tables, blank cells."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from zwgk._findings import (
    STRUCTURE_EMPTY_CELLS,
    STRUCTURE_MISSING_SECTION,
    STRUCTURE_MISSING_TABLE,
    STRUCTURE_OUTLINE_ORDER,
    STRUCTURE_PLACEHOLDER_SECTION,
    finding,
)
from zwgk._model.core import Finding, Ref, Span
from zwgk._model.documents import AnnualReport, Section
from zwgk._model.enums import TokenClass
from zwgk._model.indicators import SectionTemplate
from zwgk._model.templates import Templates
from zwgk._text.numerals import numeral_or_none
from zwgk._validate.common import cell_ref

__all__ = ["national_generation", "structure_findings"]

_TITLE_WINDOW = 20


def national_generation(report: AnnualReport, templates: Templates | None = None) -> str | None:
    """The generation whose sections and tables a report must print: its tables', else its year's.

    ``None`` where that generation requires none (legacy reports, before 2019
    or with legacy tables): the trees say which generations require what.

    Example:
        >>> from zwgk import AnnualReport
        >>> from zwgk._validate.structure import national_generation
        >>> national_generation(AnnualReport(title="x", year=2020))
        'f2019'
        >>> national_generation(AnnualReport(title="x", year=2017)) is None
        True
    """
    registry = templates or Templates.shipped()
    generation = (
        registry.generation_for_year(report.year) if report.format is None else report.format
    )
    return str(generation) if registry.required(generation) else None


def _matches(section: Section, canonical: SectionTemplate) -> bool:
    head = section.title[:_TITLE_WINDOW]
    return any(k in head for k in canonical.keywords)


def _find(report: AnnualReport, canonical: SectionTemplate) -> Section | None:
    candidates = [s for s in report.sections if _matches(s, canonical)]
    numbered = [s for s in candidates if s.number == canonical.number]
    found = numbered or candidates
    return found[0] if found else None


def _has_table(report: AnnualReport, table_id: str) -> bool:
    return any(t.template is not None and t.template.table == table_id for t in report.tables)


def _heading_span(section: Section) -> Span:
    return Span(
        section.span.start, min(section.span.end, section.span.start + len(section.heading))
    )


def _number_value(number: str | None) -> int | None:
    if number is None:
        return None
    value = numeral_or_none(number.strip("()（）"))
    return value if isinstance(value, int) else None


def _outline_order(report: AnnualReport) -> Iterator[Finding]:
    previous: Section | None = None
    for section in report.sections:
        value = _number_value(section.number)
        if value is None:
            continue
        before = None if previous is None else _number_value(previous.number)
        if previous is not None and before is not None and value <= before:
            yield finding(
                STRUCTURE_OUTLINE_ORDER,
                refs=(Ref(span=_heading_span(section)),),
                heading=section.heading,
                number=section.number,
                previous=previous.heading,
                previous_number=previous.number,
            )
        previous = section


def _missing_sections(
    report: AnnualReport, sections: Sequence[SectionTemplate]
) -> Iterator[Finding]:
    for canonical in sections:
        if not canonical.required:
            continue
        if _find(report, canonical) is not None:
            continue
        if canonical.table is not None and _has_table(report, canonical.table):
            continue
        yield finding(STRUCTURE_MISSING_SECTION, number=canonical.number, title=canonical.title)


def _missing_tables(report: AnnualReport, sections: Sequence[SectionTemplate]) -> Iterator[Finding]:
    for canonical in sections:
        if not canonical.required or canonical.table is None:
            continue
        if _has_table(report, canonical.table):
            continue
        label = f"表{canonical.number} ({canonical.title})"
        section = _find(report, canonical)
        if section is None:
            yield finding(STRUCTURE_MISSING_TABLE, label=label, title=canonical.title)
        else:
            yield finding(
                STRUCTURE_MISSING_TABLE,
                variant="printed",
                refs=(Ref(span=_heading_span(section)),),
                label=label,
                heading=section.heading,
            )


def _empty_cells(report: AnnualReport, templates: Templates) -> Iterator[Finding]:
    for table in report.tables:
        template = templates.template_of(table)
        if template is None or not templates.required(table.format):
            continue
        blanks = []
        for cell in table.cells:
            if cell.token_class is not TokenClass.BLANK or cell.indicator is None:
                continue
            row = template.find(cell.indicator)
            if (
                row is None
                or row.group
                or cell.column not in {c.id for c in template.columns_of(row)}
            ):
                continue
            blanks.append(cell)
        if not blanks:
            continue
        yield finding(
            STRUCTURE_EMPTY_CELLS,
            variant="unplaced" if table.unplaced else "",
            refs=tuple(cell_ref(c.indicator or "", c.column or "", c) for c in blanks),
            count=len(blanks),
            table=table.id,
            names=", ".join(c.key for c in blanks),
            unplaced=len(table.unplaced),
        )


def _placeholder(report: AnnualReport, sections: Sequence[SectionTemplate]) -> Iterator[Finding]:
    for canonical in sections:
        section = _find(report, canonical) if canonical.content else None
        if section is None or section.children or section.placeholder is None:
            continue
        yield finding(
            STRUCTURE_PLACEHOLDER_SECTION,
            refs=(Ref(span=section.span),),
            heading=section.heading,
            shown=section.placeholder or "(empty)",
        )


def structure_findings(
    report: AnnualReport, templates: Templates | None = None
) -> Iterator[Finding]:
    """``structure.*`` findings of a report, against the sections its generation's tree lists.

    Example:
        >>> from zwgk import AnnualReport, Section, Span
        >>> from zwgk._validate.structure import structure_findings
        >>> r = AnnualReport(title="x", year=2022, sections=(
        ...     Section("一、总体情况", "一", "总体情况", 1, Span(0, 10)),
        ...     Section("一、主动公开政府信息情况", "一", "主动公开政府信息情况", 1, Span(10, 30))))
        >>> sorted({f.code for f in structure_findings(r)})
        ['structure.missing_section', 'structure.missing_table', 'structure.outline_order']
    """
    registry = templates or Templates.shipped()
    yield from _outline_order(report)
    generation = national_generation(report, registry)
    if generation is None:
        return
    sections = registry.sections(generation)
    yield from _missing_sections(report, sections)
    yield from _missing_tables(report, sections)
    yield from _empty_cells(report, registry)
    yield from _placeholder(report, sections)
