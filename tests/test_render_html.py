"""Notebook views: ``_repr_html_`` of reports, tables, plans and findings."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import attrs
from hypothesis import given
from tests.conftest import CORPUS, SEEDS, read
from tests.strategies import reports

import zwgk

SEED_003 = SEEDS / "003_cfccfa7d233b51e6.txt"


class _Rows(HTMLParser):
    """The text of each table row of an HTML fragment, cell by cell (checks it is well nested)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        inside = self.open and self.open[-1] in ("td", "th", "b", "small")
        if inside and self.rows and "tr" in self.open:
            self.rows[-1][-1] += data


def rows(html: str) -> list[list[str]]:
    parser = _Rows()
    parser.feed(html)
    parser.close()
    assert parser.open == []
    return parser.rows


def test_seed_003_in_a_notebook_shows_its_table_with_25_at_apps_received() -> None:
    report = zwgk.parse(read(SEED_003))
    html = report._repr_html_()
    assert ["(一)收到申请数", "件", "25"] in rows(html)
    assert ["(一)主动公开政府信息数(不同渠道和方式公开相同的信息列为1条)", "条", "180"] in rows(
        html
    )
    assert "<caption>政府信息公开情况统计表" in html
    assert "株洲市工商行政管理局2017年度政府信息公开工作年度报告" in html
    assert "Findings (0)" in html
    table = report.tables[0]._repr_html_()
    assert ["(一)收到申请数", "件", "25"] in rows(table)


def test_grid_tables_show_their_column_labels_and_values() -> None:
    report = zwgk.parse(read(CORPUS / "007_pingtan-ar-2024-fmt2021-flat.txt"))
    grid = rows(report.tables[1]._repr_html_())
    header = next(r for r in grid if "自然人" in r)
    assert header[-1] == "总计"
    total = report.cell("new_received", "total")
    row = next(r for r in grid if r[0].startswith("一、本年新收政府信息公开申请数量"))
    assert row[-1] == total.raw


def test_inferred_and_open_cells_are_marked() -> None:
    report = zwgk.parse(read(SEED_003))
    table = report.tables[0]
    cells = tuple(
        attrs.evolve(c, inferred=True, inferred_reason="split <glued> run")
        if c.indicator == "apps_received"
        else attrs.evolve(
            c, raw="2523", value=None, token_class=zwgk.TokenClass.TEXT, inferred=True,
            inferred_reason="glued", alternatives=(2, 25),
        )
        if c.indicator == "apps_in_person"
        else c
        for c in table.cells
    )  # fmt: skip
    html = attrs.evolve(table, cells=cells)._repr_html_()
    assert 'class="v inferred" title="inferred: split &lt;glued&gt; run">25</td>' in html
    assert 'class="v open" title="open: glued; could be 2, 25">?</td>' in html


def test_everything_printed_is_escaped() -> None:
    finding = zwgk.Finding("x.y", zwgk.Severity.WARNING, "<script>alert(1)</script>")
    report = zwgk.AnnualReport(title="<b>报告</b>", findings=(finding,))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "<b>报告</b>" not in html
    assert "&lt;script&gt;" in html


def test_findings_lists_show_as_tables() -> None:
    report = zwgk.parse(read(SEED_003))
    table = report.tables[0]
    cells = tuple(
        attrs.evolve(c, value=24, raw="24") if c.indicator == "apps_online" else c
        for c in table.cells
    )
    broken = attrs.evolve(report, tables=(attrs.evolve(table, cells=cells),))
    found = zwgk.validate(broken)
    listed = rows(found._repr_html_())
    assert listed[0] == ["severity", "code", "rule", "where", "reported / expected", "message"]
    assert listed[1][:3] == ["error", "identity.failed", "L1"]
    assert listed[1][4] == "25 / 26"
    assert "No findings." in zwgk.Findings()._repr_html_()


def test_plans_list_tasks_with_leads_and_deadlines() -> None:
    plan = zwgk.parse(read(CORPUS / "013_pingtan-workpoints-2022-table.txt"))
    listed = rows(plan._repr_html_())
    assert listed[0] == ["No.", "task", "lead (牵头)", "cooperating (配合)", "deadline"]
    tasks = list(plan.walk_tasks())
    assert len(listed) == 1 + len(tasks) + 1 + len(plan.findings)  # tasks, then findings
    for task, row in zip(tasks, listed[1:], strict=False):
        assert row[0] == ".".join(task.path)
        assert row[2].removesuffix(" (inherited)") == "、".join(u.name for u in task.lead)
        assert row[4] == "; ".join(d.phrase for d in task.deadlines)


@given(reports("f2019", consistent=False))
def test_any_report_renders_well_formed_html(report: zwgk.AnnualReport) -> None:
    html = report._repr_html_()
    grid = rows(html)
    printed = {cell for row in grid for cell in row}
    for cell in report.cells():
        if not cell.is_open:
            assert re.sub(r"\s+", " ", cell.raw).strip() in {
                re.sub(r"\s+", " ", p).strip() for p in printed
            }
