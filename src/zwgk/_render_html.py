"""HTML views of reports, tables, plans and findings, for notebooks (``_repr_html_``).

A table prints in its official layout (the lines of `zwgk.render`, from the
indicator tree, labels in Chinese); an inferred cell is shaded and says why in
its tooltip, an open one (a guess left undecided) shows ``?`` with its
alternatives.  Everything printed is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from zwgk._model import AnnualReport, Cell, Finding, Plan, StatTable, Task
from zwgk._render import Line, layout

_STYLE = (
    "<style>"
    ".zwgk table{border-collapse:collapse;margin:.4em 0;font-size:13px}"
    ".zwgk th,.zwgk td{border:1px solid #bbb;padding:2px 6px;vertical-align:top}"
    ".zwgk th{background:#f3f3f3;text-align:left;font-weight:normal}"
    ".zwgk td.v{text-align:right;font-variant-numeric:tabular-nums}"
    ".zwgk td.inferred{background:#fff4c2}"
    ".zwgk td.open{background:#ffd6cc;font-weight:bold}"
    ".zwgk th.h{background:#e6e6e6;font-weight:bold}"
    ".zwgk caption{text-align:left;font-weight:bold;padding:.3em 0}"
    ".zwgk .error{color:#b00020}.zwgk .warning{color:#a15c00}.zwgk .info{color:#555}"
    "</style>"
)
_LEGEND = (
    "<p><small>Shaded yellow: inferred (hover for why); red <b>?</b>: open, several "
    "values possible; blank, —, / and 无 as printed.</small></p>"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _cell(cell: Cell | None) -> str:
    if cell is None:
        return '<td class="v"></td>'
    if cell.is_open:
        options = ", ".join(str(a) for a in cell.alternatives)
        tip = f"open: {cell.inferred_reason or 'undecided'}; could be {options}"
        return f'<td class="v open" title="{_e(tip)}">?</td>'
    if cell.inferred:
        tip = f"inferred: {cell.inferred_reason or 'guessed'}"
        return f'<td class="v inferred" title="{_e(tip)}">{_e(cell.raw)}</td>'
    return f'<td class="v">{_e(cell.raw)}</td>'


def _line(kind: str, items: Sequence[str | Cell | None], width: int) -> str:
    if kind == "heading":
        return f'<tr><th class="h" colspan="{width}">{_e(items[0])}</th></tr>'
    if kind in ("header", "labels"):
        span = f' colspan="{width - len(items) + 1}"' if len(items) < width else ""
        heads = [f"<th>{_e(item)}</th>" for item in items]
        heads[-1] = heads[-1].replace("<th>", f"<th{span}>", 1)
        return "<tr>" + "".join(heads) + "</tr>"
    out = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            out.append(f'<th scope="row">{_e(item)}</th>' if i == 0 else f"<td>{_e(item)}</td>")
        else:
            out.append(_cell(item))
    return "<tr>" + "".join(out) + "</tr>"


def _table(table: StatTable) -> str:
    lines: list[Line] = list(layout(table))
    width = max(
        (len(items) for kind, items in lines if kind not in ("title", "heading")), default=1
    )
    title = next((str(items[0]) for kind, items in lines if kind == "title"), table.id)
    body = "".join(_line(kind, items, width) for kind, items in lines if kind != "title")
    html = f"<table><caption>{_e(title)} <small>({_e(table.id)})</small></caption>{body}</table>"
    if table.unplaced:
        kept = ", ".join(f"{u.raw} ({u.reason})" for u in table.unplaced)
        html += f"<p><small>Unplaced numbers: {_e(kept)}</small></p>"
    return html


def _findings(findings: Iterable[Finding]) -> str:
    rows = []
    for f in findings:
        where = ", ".join(r.label for r in f.refs if r.label)
        values = "" if f.reported is None and f.expected is None else f"{f.reported} / {f.expected}"
        rows.append(
            f'<tr><td class="{_e(f.severity.value)}">{_e(f.severity.value)}</td>'
            f"<td>{_e(f.code)}</td><td>{_e(f.rule or '')}</td><td>{_e(where)}</td>"
            f"<td>{_e(values)}</td><td>{_e(f.message)}</td></tr>"
        )
    if not rows:
        return "<p>No findings.</p>"
    head = (
        "<tr><th>severity</th><th>code</th><th>rule</th><th>where</th>"
        "<th>reported / expected</th><th>message</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"


def _wrap(*parts: str) -> str:
    return f'<div class="zwgk">{_STYLE}{"".join(parts)}</div>'


def table_html(table: StatTable) -> str:
    """One table in its official layout, inferred and open cells marked.

    Examples:
        >>> import zwgk
        >>> from zwgk._render_html import table_html
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> '<th scope="row">(一)收到申请数</th><td>件</td><td class="v">25</td>' in table_html(report.tables[0])
        True
    """
    return _wrap(_table(table), _LEGEND)


def report_html(report: AnnualReport) -> str:
    """A report: title and metadata, its tables, then its findings (the parser's).

    Examples:
        >>> import zwgk
        >>> from zwgk._render_html import report_html
        >>> html = report_html(zwgk.AnnualReport(title="<b>x</b>年度报告", year=2017))
        >>> ("&lt;b&gt;x&lt;/b&gt;" in html, "<b>x</b>" in html)
        (True, False)
    """
    agency = report.agency.full_name or report.agency.name if report.agency else "agency unknown"
    generation = report.format.value if report.format else "no table"
    facts = [
        f"year {report.year or '?'}",
        f"generation {generation}",
        agency,
        f"published {report.published or '?'}",
        f"{len(report.tables)} table(s), {sum(len(t.cells) for t in report.tables)} cells",
    ]
    head = f"<h4>{_e(report.title or '(no title)')}</h4><p>{_e(' · '.join(facts))}</p>"
    tables = "".join(_table(t) for t in report.tables)
    legend = _LEGEND if report.tables else ""
    found = f"<h4>Findings ({len(report.findings)})</h4>{_findings(report.findings)}"
    return _wrap(head, tables, legend, found)


def _task_rows(task: Task, depth: int) -> Iterable[str]:
    deadlines = "; ".join(d.phrase for d in task.deadlines)
    lead = "、".join(u.name for u in task.lead) + (" (inherited)" if task.lead_inherited else "")
    cooperating = "、".join([*(u.name for u in task.cooperating), *task.collective])
    indent = f"padding-left:{0.3 + 1.2 * depth:.1f}em"
    yield (
        f"<tr><td>{_e('.'.join(task.path))}</td>"
        f'<td style="{indent}">{_e(task.title)}</td>'
        f"<td>{_e(lead)}</td><td>{_e(cooperating)}</td><td>{_e(deadlines)}</td></tr>"
    )
    for child in task.children:
        yield from _task_rows(child, depth + 1)


def plan_html(plan: Plan) -> str:
    """A plan or work points: title, then every task with its leads and deadlines.

    Examples:
        >>> import zwgk
        >>> from zwgk._render_html import plan_html
        >>> plan = zwgk.ImplementationPlan(title="方案", tasks=(
        ...     zwgk.Task(("一",), "公开权力清单", "", lead=(zwgk.OrgUnit("注册处"),)),))
        >>> "<td>注册处</td>" in plan_html(plan)
        True
    """
    rows = [row for task in plan.tasks for row in _task_rows(task, 0)]
    head = (
        "<tr><th>No.</th><th>task</th><th>lead (牵头)</th><th>cooperating (配合)</th>"
        "<th>deadline</th></tr>"
    )
    tasks = f"<table>{head}{''.join(rows)}</table>" if rows else "<p>No tasks.</p>"
    title = f"<h4>{_e(plan.title or '(no title)')}</h4><p>{_e(plan.kind.value)}</p>"
    found = f"<h4>Findings ({len(plan.findings)})</h4>{_findings(plan.findings)}"
    return _wrap(title, tasks, found)


def findings_html(findings: Iterable[Finding]) -> str:
    """Findings as a table: severity, code, rule, where, values, message.

    Examples:
        >>> import zwgk
        >>> from zwgk._render_html import findings_html
        >>> "<td>identity.failed</td>" in findings_html(
        ...     [zwgk.Finding("identity.failed", zwgk.Severity.ERROR, "L1 fails")])
        True
    """
    return _wrap(_findings(findings))
