"""Annual reports (政府信息公开工作年度报告): metadata, outline, tables, narrative facts."""

from __future__ import annotations

import re

from zwgk._findings import REPORT_YEAR_ASSUMED, TABLE_EMPTY, finding
from zwgk._model import AnnualReport, Finding, Scope, StatTable, TableFormat, Templates
from zwgk._parse.common import Common, read_common
from zwgk._parse.facts import narrative_facts
from zwgk._parse.local import read_local_tables
from zwgk._parse.meta import statistics_year, year_from_title
from zwgk._parse.organs import resolve_agency
from zwgk._parse.outline import outline
from zwgk._parse.tables import read_tables
from zwgk._parse.text import MAX_INPUT_CHARS, Source, finish, read_input

# Opened by the character the statement starts with (a search skips to it in C), then told
# apart by looking back at it.
_AGGREGATE = re.compile(
    r"[汇综由](?:(?:(?<=汇)总|(?<=综)合)[^。]{0,40}"
    r"(?:各县|各区|各乡镇|各部门|各单位|各有关单位|市级各部门|区直)[^。]{0,30}(?:编制|汇总)"
    r"|(?<=由)[^。]{0,30}各[^。]{0,20}报告[^。]{0,10}汇总)"
)


def parse_report(
    data: str | bytes,
    *,
    source: str | None = None,
    max_chars: int = MAX_INPUT_CHARS,
    templates: Templates | None = None,
) -> AnnualReport:
    """Parse an annual report (政府信息公开工作年度报告), whatever it looks like.

    Takes page text or bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM,
    GB18030).  Every cell keeps its raw token, token class and span in the
    given text; numbers the reader could not place are in each table's
    ``unplaced`` and in a finding.  ``templates`` is the registry of
    indicator trees (see `zwgk.Templates`): the table reader tells its
    generations apart and reads the tables on its trees, and the outline
    reader takes their section titles.  A local table (recognised by its own
    header) is read on a registered local tree that prints its labels (see
    `zwgk.Templates.local`), else by its own labels without indicator ids.

    Examples:
        >>> import zwgk
        >>> text = open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read()
        >>> report = zwgk.parse_report(text)
        >>> (report.year, report.format.value, report.index_no, report.published.isoformat())
        (2017, 'legacy_2014', '07312/2018-0012', '2018-03-14')
        >>> cell = report.cell("apps_received")
        >>> (cell.value, cell.span.of(text))
        (25, '25')
    """
    src = read_input(data, max_chars=max_chars)
    report = report_from_source(src, read_common(src), source=source, templates=templates)
    return finish(report, src)


def report_from_source(
    src: Source, common: Common, *, source: str | None = None, templates: Templates | None = None
) -> AnnualReport:
    """Build the report from decoded text and its shared metadata (used by ``parse``)."""
    registry = templates or Templates.shipped()
    norm = src.norm
    start = common.body_start
    findings: list[Finding] = []
    evidence: dict[int, tuple[str, ...]] = {}
    for fact in narrative_facts(norm, start):
        if isinstance(fact.value, int) and fact.exact:
            evidence[fact.value] = (*evidence.get(fact.value, ()), fact.phrase + fact.raw)
    # A local table is recognised by its own header and never read as a national one,
    # however many labels the two share: its stretch is blanked before detection.
    local = read_local_tables(src.text, norm, start, evidence)
    national = norm
    for i, (table, _) in enumerate(local):
        assert table.span is not None
        a, b = table.span.start, table.span.end
        national = national[:a] + " " * (b - a) + national[b:]
        # A registered local tree that prints the table's labels reads it.
        mine = _read_on(registry.local, src, norm[:b], a, evidence)
        if mine is not None:
            local[i] = mine
    generation, reads = read_tables(
        src.text, national, start, evidence, src.offsets, templates=registry
    )
    tables: list[StatTable] = []
    for read in reads:
        if read.filled_rows == 0 and not read.table.unplaced:  # what is unplaced is kept
            findings.append(finding(TABLE_EMPTY, table=read.table.id))
            continue
        tables.append(read.table)
        findings.extend(read.findings)
    fmt: TableFormat | None = generation if tables else None
    if local and fmt is None:
        fmt = local[0][0].format
    for table, found in local:
        tables.append(table)
        findings.extend(found)
    tables.sort(key=lambda t: t.span.start if t.span is not None else 0)
    table_spans = [t.span for t in tables if t.span is not None]
    facts = narrative_facts(norm, start, skip=table_spans, generation=fmt)
    title = common.title
    period_year = statistics_year(norm)
    year = year_from_title(title) or period_year
    if year is None and common.published is not None:
        year = common.published.year - 1
        findings.append(finding(REPORT_YEAR_ASSUMED, year=year))
    agency = resolve_agency(common, norm, year=year)
    # Each statement prints 汇总 or 综合: a plain search tells most reports apart first.
    aggregate = ("汇总" in norm or "综合" in norm) and _AGGREGATE.search(norm, start)
    scope = Scope.AGGREGATE if aggregate else Scope.AGENCY
    return AnnualReport(
        title=title,
        agency=agency,
        published=common.published,
        signed=common.signed,
        index_no=common.index_no,
        doc_no=common.doc_no,
        source=source,
        sections=outline(norm, start, skip=table_spans, titles=registry.section_titles()),
        metadata=common.metadata,
        findings=tuple(findings),
        year=year,
        period_year=period_year,
        format=fmt,
        scope=scope,
        tables=tuple(tables),
        facts=facts,
    )


def _read_on(
    registry: Templates, src: Source, norm: str, start: int, evidence: dict[int, tuple[str, ...]]
) -> tuple[StatTable, list[Finding]] | None:
    """The table a registry's tree reads in ``norm[start:]`` (one with a filled row), if any."""
    if not registry.generations:
        return None
    _, reads = read_tables(src.text, norm, start, evidence, src.offsets, templates=registry)
    read = next((r for r in reads if r.filled_rows), None)
    return None if read is None else (read.table, list(read.findings))
