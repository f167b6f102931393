"""Writing a report's tables back in the official layout of their generation.

The indicator tree gives the layout: vertical tables print one indicator per
line with its unit and value, grids print a row per indicator under their
column headers (表二 block by block), 表四 prints its block headers and one
line of fifteen values.  Each cell prints its raw token, so blank, ``—``,
``/`` and ``无`` survive: ``parse(render(report))`` gives the same cells back.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from zwgk._errors import InputError, MissingExtraError
from zwgk._model import AnnualReport, Cell, Indicator, Layout, StatTable, TableTemplate, Templates

STYLES = ("text", "markdown")


def render(report: AnnualReport, style: str = "text", *, templates: Templates | None = None) -> str:
    """The report's title and tables, laid out as their generation's template prints them.

    ``style`` is ``"text"`` (one row per line, cells separated by tabs) or
    ``"markdown"`` (pipe tables, where a blank cell keeps its place).
    ``templates`` is the registry of trees (default: the shipped ones, see
    `zwgk.Templates`); tables whose template it does not hold
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
        raise InputError(f"style must be one of {', '.join(STYLES)}, got {style!r}")
    if not isinstance(report, AnnualReport):
        raise InputError(f"render takes an AnnualReport, got {type(report).__name__}")
    title = (
        report.title
        if "报告" in report.title
        else f"{report.year or ''}年度政府信息公开工作年度报告"
    )
    out = [title, ""]
    registry = templates or Templates.shipped()
    for table in report.tables:
        out.extend(_table(table, style, registry))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


#: One place of a printed table: a label (``str``), or the cell printed there (``None``: none).
Item = str | Cell | None
#: A printed line: its kind and its places.  Kinds: ``title`` and ``heading`` (one label),
#: ``labels`` (a row of labels), ``header`` (column headers) and ``row`` (labels, then cells).
Line = tuple[str, tuple[Item, ...]]


def layout(table: StatTable, templates: Templates | None = None) -> Iterator[Line]:
    """The lines of a table as its generation's template prints them (shared by every style).

    ``templates`` is the registry the table's template is looked up in
    (default: the shipped trees); a table it holds no template for prints its
    rows by label.

    Examples:
        >>> import zwgk
        >>> from zwgk._render import layout
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> [line for line in layout(report.tables[0]) if line[0] == "row"][17][1][:2]
        ('(一)收到申请数', '件')
    """
    template = (templates or Templates.shipped()).template_of(table)
    cells = {(c.indicator, c.column): c for c in table.cells}
    if template is None:
        yield from _local(table)
        return
    yield "title", (template.title,)
    if template.layout is Layout.VERTICAL:
        yield from _vertical(template, cells)
    elif template.layout is Layout.GRID:
        yield from _grid(template, cells)
    else:
        yield from _horizontal(template, cells)


def _table(table: StatTable, style: str, templates: Templates) -> Iterator[str]:
    for kind, items in layout(table, templates):
        if kind in ("title", "heading"):
            yield str(items[0])  # outside the pipe table
            continue
        printed = [item if isinstance(item, str) else _raw(item) for item in items]
        if style == "markdown":
            yield "| " + " | ".join(printed) + " |"
            if kind == "header":
                yield "|" + "---|" * len(printed)
        else:
            yield "\t".join(printed)


def _stub(template: TableTemplate, width: int) -> tuple[str, ...]:
    # The headers the tree prints over the label (and unit) columns, blank where it names none.
    return (*template.stub, *("",) * width)[:width]


def _raw(cell: Cell | None) -> str:
    # A cell whose split stayed open has no value to print: it prints blank.
    if cell is None or cell.is_open:
        return ""
    return cell.raw


Cells = dict[tuple[str | None, str | None], Cell]


def _vertical(template: TableTemplate, cells: Cells) -> Iterator[Line]:
    column = template.columns[0]
    yield "header", (*_stub(template, 2), column.label)
    for row in template.walk():
        cell = cells.get((row.id, column.id))
        if cell is None and row.group:
            yield "heading", (row.label,)
            continue
        yield "row", (row.label, row.unit or column.unit or "", cell)


def _beneath_valued_groups(template: TableTemplate, cells: Cells) -> set[str]:
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


def _grid(template: TableTemplate, cells: Cells) -> Iterator[Line]:
    skip = _beneath_valued_groups(template, cells)
    rows = [row for row in template.walk() if row.id not in skip]
    # 表二 prints a header per block (第二十条第（一）项 …); 表三 one header for all rows.
    for block, members in itertools.groupby(rows, key=lambda r: (r.block, template.columns_of(r))):
        heading, columns = block
        if heading:
            yield "heading", (heading,)
        stub = _stub(template, 1) if heading else ("",)
        yield "header", (*stub, *(c.label for c in columns))
        for row in members:
            if row.group and not any((row.id, c.id) in cells for c in columns):
                yield "heading", (row.label,)
                continue
            yield "row", (row.label, *(cells.get((row.id, c.id)) for c in columns))


def _horizontal(template: TableTemplate, cells: Cells) -> Iterator[Line]:
    column = template.columns[0]
    leaves: list[Indicator] = list(template.leaves())
    groups = [r for r in template.walk() if r.children]
    yield "labels", tuple(g.label for g in groups)
    yield "header", tuple(leaf.label for leaf in leaves)
    yield "row", tuple(cells.get((leaf.id, column.id)) for leaf in leaves)


def _local(table: StatTable) -> Iterator[Line]:
    columns: list[tuple[str | None, tuple[str, ...]]] = []
    for cell in table.cells:
        if (cell.column, cell.column_labels) not in columns:
            columns.append((cell.column, cell.column_labels))
    yield "title", (table.title or "政府信息公开情况统计表",)
    yield (
        "header",
        ("指标名称", "计量单位", *(labels[-1] if labels else "" for _, labels in columns)),
    )
    by_row: dict[tuple[str, ...], dict[str | None, Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row_labels, {})[cell.column] = cell
    for labels, row in by_row.items():
        unit = next((c.unit for c in row.values() if c.unit), "")
        yield "row", (labels[-1], unit or "", *(row.get(col) for col, _ in columns))


def table_frame(table: StatTable, *, raw: bool = False) -> Any:
    """One table as a pandas DataFrame in its printed layout (see `zwgk.StatTable.to_frame`).

    Examples:
        >>> import zwgk
        >>> from zwgk._render import table_frame
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> frame = table_frame(report.tables[0])
        >>> (frame.loc["(一)收到申请数", "单位"], int(frame.loc["(一)收到申请数", "统计数"]))
        ('件', 25)
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError("pandas", "StatTable.to_frame") from None
    template = Templates.shipped().template_of(table)
    horizontal = template is not None and template.layout is Layout.HORIZONTAL
    labels: list[str] = []
    rows: list[dict[str, Item]] = []
    columns: dict[str, None] = {}  # printed column labels, in order of appearance
    index_name = ""
    names: list[str] = []
    for kind, items in layout(table):
        if kind == "header" and horizontal and template is not None:
            parents = [template.parent_of(leaf.id) for leaf in template.leaves()]
            names = [f"{p.label}/{h}" if p else str(h) for p, h in zip(parents, items, strict=True)]
        elif kind == "header":
            index_name = index_name or str(items[0])
            names = [str(h) for h in items[1:]]
        if kind == "header":
            columns.update(dict.fromkeys(names))
        if kind != "row":
            continue
        label, values = (
            (template.title, items) if horizontal and template else (items[0], items[1:])
        )
        labels.append(str(label))
        rows.append(dict(zip(names, values, strict=True)))
    data = {name: _frame_column([row.get(name) for row in rows], raw) for name in columns}
    return pd.DataFrame(
        {
            name: pd.array([pd.NA if v is None else v for v in values], dtype=dtype)
            for name, (values, dtype) in data.items()
        },
        index=pd.Index(labels, name=index_name or None),
    )


def _frame_column(items: list[Item], raw: bool) -> tuple[list[object], str]:
    if all(item is None or isinstance(item, str) for item in items):
        return list(items), "string"  # a unit column, printed labels
    if raw:
        return [
            item if isinstance(item, str) or item is None else item.raw for item in items
        ], "string"
    values: list[object] = [
        item if isinstance(item, str) or item is None else item.value for item in items
    ]
    if any(isinstance(v, Decimal | str) for v in values):
        return values, "object"
    return values, "Int64"
