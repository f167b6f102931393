"""Local tables (指标名称 / 计量单位 / value columns): recognised by their own header, any layout."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk._parse.local import (
    LocalRegion,
    LocalTable,
    collect_local,
    find_local_tables,
    locate_local,
    read_local_tables,
)

TITLE = "平潭县司法局2012年度政府信息公开年度报告\n"

ROWS = [
    ((), "主动公开信息数", "条"),
    (("主动公开信息数",), "其中：1．网站公开", "条"),
    (("主动公开信息数",), "2．政府公报公开", "条"),
    ((), "受理依申请公开信息总数", "条"),
    (("受理依申请公开信息总数",), "其中：1．当面申请数", "条"),
    (("受理依申请公开信息总数",), "2．传真申请数", "条"),
    ((), "对申请的答复总数", "条"),
    ((), "行政复议数", "件"),
]


def _values(table: zwgk.StatTable) -> dict[tuple[tuple[str, ...], str], zwgk.Cell]:
    return {(c.row_labels, c.column_labels[0]): c for c in table.cells}


@pytest.mark.parametrize(
    ("header", "sep", "line"),
    [
        ("指标名称计量单位年末统计", "", ""),  # flattened with no separators at all
        ("指标名称 计量单位 年末统计", " ", " "),  # one line, single spaces
        ("指 标 名 称 计量 单位 年末统计", " ", "\n"),  # spaced header, one row per line
        ("| 指标名称 | 计量单位 | 年末统计 |", " | ", "\n"),  # markdown
        ("指标名称\t计量单位\t年末统计", "\t", "\n"),  # tab-separated, copied from a browser
    ],
)
def test_one_value_column_in_any_layout(header: str, sep: str, line: str) -> None:
    values = [26, 26, 0, 3, 2, 1, 3, 0]
    rows = []
    for (_parent, label, unit), value in zip(ROWS, values, strict=True):
        cells = [label, unit, str(value)]
        rows.append(f"| {sep.join(cells)} |" if sep == " | " else sep.join(cells))
    body = line.join([header, *rows])
    text = f"{TITLE}正文。\n平潭县司法局\n2013年3月12日\n附表：{body}"
    doc = zwgk.parse(text)
    assert doc.format is zwgk.TableFormat.LEGACY_LOCAL
    (table,) = doc.tables
    assert table.title == "附表"
    got = _values(table)
    for (parent, label, _unit), value in zip(ROWS, values, strict=True):
        cell = got[((*parent, label), "年末统计")]
        assert (cell.value, cell.column, cell.unit is not None) == (value, "current", True)
        assert cell.span is not None
        assert cell.span.of(text) == str(value)
    assert not table.unplaced


def test_year_and_cumulative_columns_after_a_caption_after_the_signature() -> None:
    text = (
        "平潭综合实验区经济发展局2016年政府信息公开工作年度报告\n正文。 平潭综合实验区经济发展局 "
        "2017年1月11日 附件1：平潭综合实验区经济发展局 2016年政府信息公开情况统计表 "
        "指标名称 单位 2016年 历年累计 主动公开文件数 条 116 523 其中：1.政府网站公开数 条 116 523 "
        "2.政府公报公开数 条 0 0 对申请的答复总数 条 0 0 其中：1同意公开答复数 条 0 0 "
        "行政诉讼数 条 0 0 平潭综合实验区经济发展局 2017年1月11日"
    )
    doc = zwgk.parse(text)
    (table,) = doc.tables
    assert table.title == "平潭综合实验区经济发展局2016年政府信息公开情况统计表"
    got = {(k, col): c.value for (k, col), c in _values(table).items()}
    assert got[(("主动公开文件数",), "历年累计")] == 523
    assert got[(("主动公开文件数", "2.政府公报公开数"), "2016年")] == 0
    assert got[(("对申请的答复总数", "其中：1同意公开答复数"), "历年累计")] == 0
    assert got[(("行政诉讼数",), "2016年")] == 0
    assert len(got) == 12  # the signature's date is not a value
    assert {c.column for c in table.cells} == {"current", "cumulative"}


def test_a_local_table_is_never_read_as_a_national_one() -> None:
    # Two of its labels are markers of the 2019 national table.
    text = (
        "某局2012年政府信息公开工作年度报告\n七、附表 指标名称 计量单位 2012年度 历年累计 "
        "其他对外管理服务事项 件 3 9 政府集中采购 项 2 5 行政复议数 件 0 0"
    )
    doc = zwgk.parse(text)
    assert doc.format is zwgk.TableFormat.LEGACY_LOCAL
    assert [t.id for t in doc.tables] == ["local"]
    assert doc.tables[0].title == "七、附表"
    assert len(doc.tables[0].cells) == 6


def test_a_decimal_in_a_count_table_is_reported_not_raised() -> None:
    # It cannot be cut into the row's two counts: kept as unplaced, with a finding.
    doc = zwgk.parse(
        "2012年政府信息公开工作年度报告\n指标名称 计量单位 2012年 历年累计\n主动公开 条 15.5\n"
    )
    (table,) = doc.tables
    assert [u.raw for u in table.unplaced] == ["15.5"]
    assert "table.unplaced" in {f.code for f in doc.findings}
    # With as many values as columns it is a cell of class text, its raw kept.
    doc = zwgk.parse_report(
        "2012年度报告\n指标名称 计量单位 2012年 历年累计\n主动公开 条 15.5 20\n"
    )
    cells = doc.tables[0].cells
    assert [(c.raw, c.value, c.token_class) for c in cells] == [
        ("15.5", None, zwgk.TokenClass.TEXT),
        ("20", 20, zwgk.TokenClass.NUMBER),
    ]


def test_sub_rows_decide_their_parents_split_together() -> None:
    # 主动公开 runs 2026|3542 (the prose states 2026); 网站公开's run 17953304 alone splits
    # 1795|3304 or 179|53304, but a sub-row never exceeds its parent's cumulative 3542.
    text = (
        "某县2012年政府信息公开工作年度报告\n全年主动公开政府信息2026条。 "
        "附件1：某县2012年政府信息公开情况统计表 指标名称计量单位2012年度历年累计"
        "主动公开信息数条20263542其中：1.网站公开条179533042.政府公报公开条07"
    )
    table = zwgk.parse(text).tables[0]
    got = {(c.row_labels[-1], c.column): c for c in table.cells}
    assert got[("主动公开信息数", "current")].value == 2026
    assert (
        got[("其中：1.网站公开", "current")].value,
        got[("其中：1.网站公开", "cumulative")].value,
    ) == (1795, 3304)
    assert got[("其中：1.网站公开", "current")].inferred
    assert (
        got[("2.政府公报公开", "current")].value,
        got[("2.政府公报公开", "cumulative")].value,
    ) == (0, 7)


# -- property: any local table, flattened any way, comes back right or open, never wrong --


@st.composite
def local_tables(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, str, list[int]]]]:
    columns = draw(
        st.sampled_from([["年末统计"], ["2016年度", "历年累计"], ["2016年", "历年累计"]])
    )
    names = ["主动公开信息数", "受理申请总数", "答复总数", "行政复议数", "行政诉讼数"]
    rows: list[tuple[str, str, list[int]]] = []
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True)):
        current = draw(st.integers(0, 3000))
        values = [current] + ([current + draw(st.integers(0, 90000))] if len(columns) == 2 else [])
        rows.append((name, name, values))
        for k in range(draw(st.integers(0, 3))):
            child = [draw(st.integers(0, v)) for v in values]
            if len(child) == 2:
                child[1] = max(child[1], child[0])
                if child[1] > values[1]:
                    continue
            rows.append(
                (f"{'其中：' if k == 0 else ''}{k + 1}．{name[:2]}子项{'甲乙丙'[k]}", name, child)
            )
    return columns, rows


@given(local_tables(), st.sampled_from(["", " "]))
def test_flattened_local_tables_are_right_or_open_never_wrong(
    table: tuple[list[str], list[tuple[str, str, list[int]]]], sep: str
) -> None:
    columns, rows = table
    body = sep.join(
        f"{label}{sep}条{sep}{sep.join(str(v) for v in values) if sep else ''.join(map(str, values))}"
        for label, _, values in rows
    )
    text = f"某局2016年政府信息公开工作年度报告 附表 指标名称{sep}计量单位{sep}{sep.join(columns)}{sep}{body}"
    (read, _), *_ = read_local_tables(text, zwgk._parse.text.normalize(text))
    got = {(c.row_labels, c.column_labels[0]): c for c in read.cells}
    placed = {re.sub(r"\s", "", u.raw) for u in read.unplaced}
    for label, parent, values in rows:
        labels = (label,) if label == parent else (parent, label)
        for column, value in zip(columns, values, strict=True):
            cell = got.get((labels, column))
            if cell is None:
                assert placed, (label, column)  # not placed: reported
                continue
            assert cell.value == value or (cell.value is None and value in cell.alternatives), (
                label,
                column,
                value,
                cell,
            )


@pytest.mark.parametrize(
    ("columns", "label"),
    [
        ("2012年1-12月 历年累计", "2012年1-12月"),
        ("数量", "数量"),
        ("2012年 度 历 年 累 计", "2012年度"),
    ],
)
def test_other_value_column_headers(columns: str, label: str) -> None:
    text = f"{TITLE}附表 指标名称 计量单位 {columns} 主动公开信息数 条 26 {'' if ' ' not in columns else '40'}"
    (table,) = zwgk.parse(text).tables
    first = table.cells[0]
    assert (first.column_labels, first.column, first.value) == ((label,), "current", 26)


@pytest.mark.parametrize("sep", [" ", "\n", "\t"])
def test_a_table_without_a_unit_column(sep: str) -> None:
    text = (
        f"{TITLE}附表{sep}指标名称{sep}2012年度{sep}历年累计{sep}主动公开信息数{sep}26{sep}30{sep}"
        f"其中：1．网站公开{sep}26{sep}30{sep}行政复议数{sep}0{sep}1"
    )
    (table,) = zwgk.parse(text).tables
    got = {(c.row_labels, c.column): (c.value, c.unit) for c in table.cells}
    assert got == {
        (("主动公开信息数",), "current"): (26, None),
        (("主动公开信息数",), "cumulative"): (30, None),
        (("主动公开信息数", "其中：1．网站公开"), "current"): (26, None),
        (("主动公开信息数", "其中：1．网站公开"), "cumulative"): (30, None),
        (("行政复议数",), "current"): (0, None),
        (("行政复议数",), "cumulative"): (1, None),
    }


def test_a_blank_field_of_a_row_that_does_not_fit_is_not_reported_unplaced() -> None:
    # Found by fuzzing: a row of three fields under two value columns reported its blank
    # field as an unplaced entry with an empty token.
    doc = zwgk.parse(
        "2014年度政府信息公开工作年度报告\n指标名称 计量单位 2014年度 历年累计\n"
        "主动公开文件数 条 2543 | | 78967\n"
    )
    assert isinstance(doc, zwgk.AnnualReport)
    assert [u.raw for u in doc.tables[0].unplaced] == ["2543", "78967"]


def test_a_table_whose_only_value_is_wu_is_read() -> None:
    # Found by fuzzing: a local table whose one row prints 无 raised TypeError (the row's
    # values ended before the 无, so the table had no token at all).
    doc = zwgk.parse_report(
        "2012年政府信息公开工作年度报告\n指标名称 计量单位 年末统计\n主动公开信息数 条 无\n"
    )
    (table,) = doc.tables
    assert [(c.raw, c.value, c.token_class) for c in table.cells] == [
        ("无", None, zwgk.TokenClass.NONE_WORD)
    ]
    # Two columns, one 无: reported, not guessed into either column.
    doc = zwgk.parse_report(
        "2012年政府信息公开工作年度报告\n指标名称 计量单位 年末统计 历年累计\n"
        "主动公开信息数 条 无\n受理申请数 件 3 4\n"
    )
    assert [u.raw for u in doc.tables[0].unplaced] == ["无"]


# -- the reading strategy and its collector ---------------------------------------------------


def _region(text: str) -> LocalRegion:
    (start, end), *_ = find_local_tables(text)
    region = locate_local(text, text, start, end, {})
    assert region is not None
    return region


def test_the_strategy_proposes_a_fill_a_cut_or_nothing_per_row() -> None:
    text = (
        "指标名称 计量单位 2012年度 历年累计 "
        "主动公开信息数 条 15 300 "  # one value per column: filled as printed
        "行政复议数 件 27 "  # one run under two columns: cut
        "行政诉讼数 件 1.5 "  # a decimal in a count table: fits no cut
    )
    region = _region(text)
    proposals = LocalTable().propose(region)
    assert [r.label for r in region.rows] == ["主动公开信息数", "行政复议数", "行政诉讼数"]
    assert proposals.filled == {0}
    assert proposals.cuts == {1: [("2", "7")]}  # cumulative is never below the year: not 2+7… only
    assert proposals.unfit == (2,)


def test_the_strategy_does_not_apply_without_rows() -> None:
    text = "指标名称 计量单位 年末统计 本表无数据。"
    (start, end), *_ = find_local_tables(text)
    region = locate_local(text, text, start, end, {})
    assert region is None or not LocalTable().applies(region)


def test_the_collector_alone_writes_cells_unplaced_values_and_findings() -> None:
    text = "指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 15 300 行政复议数 件 27 行政诉讼数 件 1.5 "
    table, findings = collect_local(LocalTable().propose(_region(text)))
    cells = {(c.row_labels[0], c.column): c for c in table.cells}
    assert cells["主动公开信息数", "cumulative"].value == 300
    assert cells["行政复议数", "current"].value == 2
    assert cells["行政复议数", "current"].inferred
    assert [u.raw for u in table.unplaced] == ["1.5"]
    assert sorted(f.code for f in findings) == ["table.split_inferred", "table.unplaced"]


def test_an_open_cell_whose_printed_token_is_zero_is_an_open_number() -> None:
    # Found by the structure-aware fuzzer: a 0 printed between two runs under three year
    # columns lands in a different column in each cut, so its cell is open, not zero.
    text = "指标名称 计量单位 2014年度 2014年度 2014年度 历年累计 主动公开信息数 条 2543 0 78967"
    (table, _), *_ = read_local_tables(text, text)
    open_cells = [c for c in table.cells if c.is_open]
    assert open_cells
    assert all(c.token_class is zwgk.TokenClass.NUMBER and c.value is None for c in open_cells)


_CAPTION_PARTS = ["平潭县", "统计表", "附表", "附 表 1", "附", " ", "  ", ":", "：", "|", "一、", "三.",
                  "十二,", "2016年", "\n", "。", "12", "附件1:", "政府信息公开情况统计表 "]  # fmt: skip


@given(st.lists(st.sampled_from(_CAPTION_PARTS), max_size=30), st.integers(0, 300))
def test_a_caption_is_searched_from_where_one_may_start(parts: list[str], at: int) -> None:
    from zwgk._parse.local import _CAPTION, _caption_start

    text = "".join(parts)
    header = min(at, len(text))
    whole = _CAPTION.search(text, max(0, header - 80), header)
    found = _CAPTION.search(text, _caption_start(text, header), header)
    assert (whole and whole.span(1)) == (found and found.span(1))


_ROW_PARTS = ["主动公开信息数", "条", "件", " 3", " 12 ", "0", "—", " ", "\n", "其中：", "1．",
              "无", "|", " " * 60, "说明" * 30]  # fmt: skip


@given(st.lists(st.sampled_from(_ROW_PARTS), max_size=30), st.integers(0, 100), st.integers(0, 99))
def test_the_next_row_is_found_only_near_the_last(parts: list[str], at: int, gap: int) -> None:
    from zwgk._parse.local import _BARE_ROW, _NEAR, _ROW, _ROW_GAP

    text = "".join(parts) + " " * gap + "行政复议数 件 2"
    pos = min(at, len(text))
    for pattern in (_ROW, _BARE_ROW):
        first = pattern.search(text, pos)
        near = _NEAR[pattern].match(text, pos)
        if first is None or first.start() - pos > _ROW_GAP:
            assert near is None
        else:
            assert near is not None
            assert (near.start("label"), near.end()) == first.span()
