"""Writing a report's tables back in the official layout of their generation.

The indicator tree gives the layout: vertical tables print one indicator per
line with its unit and value, grids print a row per indicator under their
column headers (表二 block by block), 表四 prints its block headers and one
line of fifteen values.  Each cell prints its raw token, so blank, ``—``,
``/`` and ``无`` survive: ``parse(render(report))`` gives the same cells back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from zwgk._model import AnnualReport, Cell, Indicator, Layout, StatTable, TableTemplate, Templates

STYLES = ("text", "markdown")


def render(report: AnnualReport, style: str = "text", *, templates: Templates | None = None) -> str:
    """The report's title and tables, laid out as their generation's template prints them.

    ``style`` is ``"text"`` (one row per line, cells separated by tabs) or
    ``"markdown"`` (pipe tables, where a blank cell keeps its place).
    ``templates`` is the registry of trees (default: the shipped ones, see
    [`Templates`][zwgk.Templates]); tables whose template it does not hold
    (``local`` ones, unless you registered a tree for them) print their rows by label.

    Examples:
        >>> import zwgk
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> zwgk.render(report).splitlines()[5].split(chr(9))
        ['(一)主动公开政府信息数(不同渠道和方式公开相同的信息列为1条)', '条', '180']
        >>> again = zwgk.parse(zwgk.render(report, style="markdown"))
        >>> [c.value for c in again.cells()] == [c.value for c in report.cells()]
        True
    """
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, got {style!r}")
    title = (
        report.title
        if "报告" in report.title
        else f"{report.year or ''}年度政府信息公开工作年度报告"
    )
    out = [title, ""]
    registry = templates or Templates.shipped()
    for table in report.tables:
        out.extend(_table(table, registry.template_of(table), style))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _table(table: StatTable, template: TableTemplate | None, style: str) -> Iterator[str]:
    cells = {(c.indicator, c.column): c for c in table.cells}
    if template is None:
        yield from _local(table, style)
        return
    yield template.title
    if template.layout is Layout.VERTICAL:
        yield from _vertical(template, cells, style)
    elif template.layout is Layout.GRID:
        yield from _grid(template, cells, style)
    else:
        yield from _horizontal(template, cells, style)


def _row(cells: Sequence[str], style: str) -> str:
    if style == "markdown":
        return "| " + " | ".join(cells) + " |"
    return "\t".join(cells)


def _header(cells: Sequence[str], style: str) -> Iterator[str]:
    yield _row(cells, style)
    if style == "markdown":
        yield "|" + "---|" * len(cells)


def _stub(template: TableTemplate, width: int) -> tuple[str, ...]:
    # The headers the tree prints over the label (and unit) columns, blank where it names none.
    return (*template.stub, *("",) * width)[:width]


def _raw(cell: Cell | None) -> str:
    # A cell whose split stayed open has no value to print: it prints blank.
    if cell is None or (cell.value is None and cell.alternatives):
        return ""
    return cell.raw


def _vertical(
    template: TableTemplate, cells: dict[tuple[str | None, str | None], Cell], style: str
) -> Iterator[str]:
    column = template.columns[0]
    yield from _header((*_stub(template, 2), column.label), style)
    for row in template.walk():
        cell = cells.get((row.id, column.id))
        if cell is None and row.group:
            yield row.label  # a heading line, outside the pipe table
            continue
        yield _row((row.label, row.unit or column.unit or "", _raw(cell)), style)


def _beneath_valued_groups(
    template: TableTemplate, cells: dict[tuple[str | None, str | None], Cell]
) -> set[str]:
    """Rows under a group that was printed with values of its own, and have none themselves.

    A 2021 table may print the 2019 form's single 「（六）其他处理」 row: its sub-rows were
    never printed, and printing them blank would read back as a different table.
    """
    below: set[str] = set()

    def visit(row: Indicator, held: bool) -> None:
        has = any((row.id, c.id) in cells for c in template.columns_of(row))
        if held and not has:
            below.add(row.id)
        for child in row.children:
            visit(child, held or (row.group and has))

    for row in template.rows:
        visit(row, False)
    return below


def _grid(
    template: TableTemplate, cells: dict[tuple[str | None, str | None], Cell], style: str
) -> Iterator[str]:
    skip = _beneath_valued_groups(template, cells)
    rows = [row for row in template.walk() if row.id not in skip]
    # 表二 prints a header per block (第二十条第（一）项 …); 表三 one header for all rows.
    for block, members in itertools.groupby(rows, key=lambda r: (r.block, template.columns_of(r))):
        heading, columns = block
        if heading:
            yield heading
        stub = _stub(template, 1) if heading else ("",)
        yield from _header((*stub, *(c.label for c in columns)), style)
        for row in members:
            if row.group and not any((row.id, c.id) in cells for c in columns):
                yield row.label  # a heading line, outside the pipe table
                continue
            yield _row((row.label, *(_raw(cells.get((row.id, c.id))) for c in columns)), style)


def _horizontal(
    template: TableTemplate, cells: dict[tuple[str | None, str | None], Cell], style: str
) -> Iterator[str]:
    column = template.columns[0]
    leaves: list[Indicator] = list(template.leaves())
    groups = [r for r in template.walk() if r.children]
    yield _row([g.label for g in groups], style)
    yield from _header([leaf.label for leaf in leaves], style)
    yield _row([_raw(cells.get((leaf.id, column.id))) for leaf in leaves], style)


def _local(table: StatTable, style: str) -> Iterator[str]:
    columns: list[tuple[str | None, tuple[str, ...]]] = []
    for cell in table.cells:
        if (cell.column, cell.column_labels) not in columns:
            columns.append((cell.column, cell.column_labels))
    yield table.title or "政府信息公开情况统计表"
    yield from _header(
        ("指标名称", "计量单位", *(labels[-1] if labels else "" for _, labels in columns)), style
    )
    by_row: dict[tuple[str, ...], dict[str | None, Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row_labels, {})[cell.column] = cell
    for labels, row in by_row.items():
        unit = next((c.unit for c in row.values() if c.unit), "")
        yield _row((labels[-1], unit or "", *(_raw(row.get(col)) for col, _ in columns)), style)
