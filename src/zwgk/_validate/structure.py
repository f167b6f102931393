"""The shape of a report: its six sections, its outline, its three tables, blank cells."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from zwgk._model.core import Finding, Ref, Span
from zwgk._model.documents import AnnualReport, Section
from zwgk._model.enums import Severity, TableFormat, TokenClass
from zwgk._text.numerals import numeral_or_none
from zwgk._validate.common import NATIONAL, cell_ref, finding
from zwgk._validate.rules import (
    STRUCTURE_EMPTY_CELLS,
    STRUCTURE_MISSING_SECTION,
    STRUCTURE_MISSING_TABLE,
    STRUCTURE_OUTLINE_ORDER,
    STRUCTURE_PLACEHOLDER_SECTION,
)
from zwgk._validate.sums import template_of

__all__ = [
    "CANONICAL_SECTIONS",
    "CanonicalSection",
    "national_generation",
    "structure_findings",
]


@attrs.frozen
class CanonicalSection:
    """One of the six sections the 2019 and 2021 formats require (spec §1).

    ``keywords`` find it among headings (any one suffices, within the first
    characters of the title); ``table`` is the table that stands for it.

    Example:
        >>> from zwgk._validate.structure import CANONICAL_SECTIONS
        >>> [(c.number, c.table) for c in CANONICAL_SECTIONS][1:4]
        [('二', 't2'), ('三', 't3'), ('四', 't4')]
    """

    number: str
    title: str
    keywords: tuple[str, ...]
    table: str | None = None


#: The six sections of a report in the 2019 or 2021 format, with the words that find them.
CANONICAL_SECTIONS: tuple[CanonicalSection, ...] = (
    CanonicalSection("一", "总体情况", ("总体情况", "概述", "总体")),
    CanonicalSection("二", "主动公开政府信息情况", ("主动公开",), "t2"),
    CanonicalSection("三", "收到和处理政府信息公开申请情况", ("申请",), "t3"),
    CanonicalSection("四", "政府信息公开行政复议、行政诉讼情况", ("复议", "诉讼"), "t4"),
    CanonicalSection("五", "存在的主要问题及改进情况", ("问题", "改进")),
    CanonicalSection("六", "其他需要报告的事项", ("其他需要报告", "其他事项", "需要报告")),
)
_TITLE_WINDOW = 20
_PLACEHOLDERS = frozenset({"", "无", "暂无", "没有", "略", "不涉及", "无此情况", "无相关情况"})
_PUNCT = str.maketrans("", "", " \n\t\u3000。.，,；;：:、!！")


def national_generation(report: AnnualReport) -> TableFormat | None:
    """The 2019/2021 generation a report must follow: its tables', else its year's.

    ``None`` for legacy reports (before 2019 or with legacy tables).

    Example:
        >>> from zwgk import AnnualReport
        >>> from zwgk._validate.structure import national_generation
        >>> national_generation(AnnualReport(title="x", year=2020)).value
        'f2019'
        >>> national_generation(AnnualReport(title="x", year=2017)) is None
        True
    """
    if report.format in NATIONAL:
        return report.format
    if report.format is None and report.year is not None and report.year >= 2019:
        return TableFormat.F2019 if report.year <= 2020 else TableFormat.F2021
    return None


def _matches(section: Section, canonical: CanonicalSection) -> bool:
    head = section.title[:_TITLE_WINDOW]
    return any(k in head for k in canonical.keywords)


def _find(report: AnnualReport, canonical: CanonicalSection) -> Section | None:
    candidates = [s for s in report.sections if _matches(s, canonical)]
    numbered = [s for s in candidates if s.number == canonical.number]
    found = numbered or candidates
    return found[0] if found else None


def _has_table(report: AnnualReport, short_id: str) -> bool:
    return any(t.id.rsplit(".", 1)[-1] == short_id for t in report.tables)


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
                Severity.WARNING,
                f"top-level heading '{section.heading}' is numbered {section.number} after "
                f"'{previous.heading}' ({previous.number}): the numbering repeats or goes back.",
                f"一级标题“{section.heading}”编号{section.number}排在“{previous.heading}”"
                f"（{previous.number}）之后，编号重复或倒序。",
                refs=(Ref(span=_heading_span(section)),),
            )
        previous = section


def _missing_sections(report: AnnualReport) -> Iterator[Finding]:
    for canonical in CANONICAL_SECTIONS:
        if _find(report, canonical) is not None:
            continue
        if canonical.table is not None and _has_table(report, canonical.table):
            continue
        yield finding(
            STRUCTURE_MISSING_SECTION,
            Severity.WARNING,
            f"section {canonical.number}、{canonical.title} was not found among the report's "
            "top-level headings.",
            f"未找到第{canonical.number}部分“{canonical.title}”。",
        )


def _missing_tables(report: AnnualReport) -> Iterator[Finding]:
    for canonical in CANONICAL_SECTIONS:
        if canonical.table is None or _has_table(report, canonical.table):
            continue
        label = f"表{canonical.number} ({canonical.title})"
        section = _find(report, canonical)
        if section is None:
            yield finding(
                STRUCTURE_MISSING_TABLE,
                Severity.ERROR,
                f"the report has no {label}; the 2019 and 2021 formats require it.",
                f"报告缺少{canonical.title}统计表（2019、2021年格式均为必备）。",
            )
        else:
            yield finding(
                STRUCTURE_MISSING_TABLE,
                Severity.WARNING,
                f"no {label} was read, though the heading '{section.heading}' is printed: "
                "the table is likely there in a form that was not read.",
                f"已印出标题“{section.heading}”，但未读取到该统计表，可能是表格形式未能识别。",
                refs=(Ref(span=_heading_span(section)),),
            )


def _empty_cells(report: AnnualReport) -> Iterator[Finding]:
    for table in report.tables:
        template = template_of(table)
        if template is None or table.format not in NATIONAL:
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
        names = ", ".join(c.key for c in blanks)
        unplaced = ""
        unplaced_zh = ""
        if table.unplaced:
            unplaced = f" The parser left {len(table.unplaced)} value(s) of this table unplaced; they may belong here."
            unplaced_zh = f"解析时该表有 {len(table.unplaced)} 个数值未能归位，可能属于这些单元格。"
        yield finding(
            STRUCTURE_EMPTY_CELLS,
            Severity.WARNING,
            f"{len(blanks)} cell(s) of {table.id} are blank where the template asks for a "
            f"number: {names}. Blank is not zero; identities through them are not assessed."
            + unplaced,
            f"{table.id} 中 {len(blanks)} 个应填数字的单元格为空白：{names}。空白不等于零，"
            "相关勾稽关系未予核验。" + unplaced_zh,
            refs=tuple(cell_ref(c.indicator or "", c.column or "", c) for c in blanks),
        )


def _placeholder(report: AnnualReport, text: str | None) -> Iterator[Finding]:
    section = _find(report, CANONICAL_SECTIONS[4])
    if section is None or section.children:
        return
    if text is not None and section.span.end <= len(text):
        body = text[section.span.start + len(section.heading) : section.span.end]
        cleaned = body.translate(_PUNCT)
        placeholder = cleaned in _PLACEHOLDERS or len(cleaned) <= 1
        shown = body.strip() or "(empty)"
    else:
        rest = len(section.span) - len(section.heading)
        placeholder = rest <= 5
        shown = "(empty)" if rest <= 0 else "a placeholder"
    if placeholder:
        yield finding(
            STRUCTURE_PLACEHOLDER_SECTION,
            Severity.INFO,
            f"section '{section.heading}' says nothing: {shown}.",
            f"“{section.heading}”部分内容空缺或仅有占位词。",
            refs=(Ref(span=section.span),),
        )


def structure_findings(report: AnnualReport, text: str | None = None) -> Iterator[Finding]:
    """``structure.*`` findings of a report; ``text`` (the source) sharpens the placeholder rule.

    Example:
        >>> from zwgk import AnnualReport, Section, Span
        >>> from zwgk._validate.structure import structure_findings
        >>> r = AnnualReport(title="x", year=2022, sections=(
        ...     Section("一、总体情况", "一", "总体情况", 1, Span(0, 10)),
        ...     Section("一、主动公开政府信息情况", "一", "主动公开政府信息情况", 1, Span(10, 30))))
        >>> sorted({f.code for f in structure_findings(r)})
        ['structure.missing_section', 'structure.missing_table', 'structure.outline_order']
    """
    yield from _outline_order(report)
    if national_generation(report) is None:
        return
    yield from _missing_sections(report)
    yield from _missing_tables(report)
    yield from _empty_cells(report)
    yield from _placeholder(report, text)
