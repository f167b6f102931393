"""Rendering tables in their official layout, and reading them back."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import reports

import zwgk
from zwgk._model.identities import checks

GENERATIONS = ("legacy_2014", "f2019", "f2021")


def _cells(report: zwgk.AnnualReport) -> list[tuple[object, ...]]:
    return [
        (
            c.indicator,
            c.column,
            c.row_labels,
            c.column_labels,
            c.raw,
            c.value,
            c.token_class,
            c.unit,
        )
        for c in report.cells()
    ]


@pytest.mark.parametrize("fmt", GENERATIONS)
def test_generated_reports_satisfy_their_identities(fmt: str) -> None:
    @given(reports(fmt))
    def check(report: zwgk.AnnualReport) -> None:
        for table in report.tables:
            template = zwgk.indicator_tree(fmt).table(table.id)
            values = {(c.indicator, c.column): c.value for c in table.cells}
            for c in checks(template):
                if c.tag is zwgk.Tag.ALWAYS and c.relation == "=":
                    assert c.verdict(values) is not False, c.rule  # type: ignore[arg-type]

    check()


@pytest.mark.parametrize("fmt", GENERATIONS)
@pytest.mark.parametrize("style", ["text", "markdown"])
def test_parse_render_round_trip(fmt: str, style: str) -> None:
    @given(reports(fmt))
    def check(report: zwgk.AnnualReport) -> None:
        back = zwgk.parse(zwgk.render(report, style=style))
        assert isinstance(back, zwgk.AnnualReport)
        assert back.format is report.format
        assert _cells(back) == _cells(report)

    check()


@pytest.mark.parametrize("fmt", GENERATIONS)
def test_markdown_keeps_every_token_class(fmt: str) -> None:
    # Blank, —, / and 无 keep their place in a pipe table.
    @given(reports(fmt, consistent=False))
    def check(report: zwgk.AnnualReport) -> None:
        back = zwgk.parse(zwgk.render(report, style="markdown"))
        assert isinstance(back, zwgk.AnnualReport)
        got = {(c.indicator, c.column): (c.token_class, c.value) for c in back.cells()}
        want = {(c.indicator, c.column): (c.token_class, c.value) for c in report.cells()}
        assert got == want

    check()


def test_render_refuses_unknown_style(seed_texts: dict[str, str]) -> None:
    report = zwgk.parse(seed_texts["003"])
    assert isinstance(report, zwgk.AnnualReport)
    with pytest.raises(zwgk.InputError, match="style must be one of text, markdown"):
        zwgk.render(report, style="html")


def test_render_round_trips_the_corpus(corpus_texts: dict[str, str]) -> None:
    # Reports whose every cell holds a value come back identical in both styles; 010 and 011
    # print the 2019 form's single （六）其他处理 row, with values, in a 2021 table.
    for key in ("006", "009", "010", "011"):
        report = zwgk.parse(corpus_texts[key])
        assert isinstance(report, zwgk.AnnualReport)
        for style in ("text", "markdown"):
            back = zwgk.parse(zwgk.render(report, style=style))
            assert isinstance(back, zwgk.AnnualReport)
            assert [(c.key, c.value) for c in back.cells()] == [
                (c.key, c.value) for c in report.cells()
            ]


@pytest.mark.parametrize("fmt", GENERATIONS)
def test_blank_lines_anywhere_in_a_table_are_read(fmt: str) -> None:
    # Pages put blank lines between the rows of a table or after it; the reader must end,
    # still know the table, and put each number in its cell or report what it left.
    @given(reports(fmt), st.sets(st.integers(0, 200), max_size=6))
    def check(report: zwgk.AnnualReport, after: set[int]) -> None:
        lines = zwgk.render(report, style="markdown").splitlines()
        text = "\n".join(line + ("\n\n\n" if i in after else "") for i, line in enumerate(lines))
        back = zwgk.parse(text)
        assert isinstance(back, zwgk.AnnualReport)
        assert back.format is report.format
        placed = {c.key: c.raw for c in back.cells() if c.value is not None}
        loose = [u.raw for t in back.tables for u in t.unplaced]
        for cell in report.cells():
            if cell.value is not None and placed.get(cell.key) != cell.raw:
                assert loose, f"{cell.key} = {cell.raw} was neither placed nor reported"

    check()


def test_render_refuses_what_is_not_a_report() -> None:
    with pytest.raises(zwgk.InputError, match="render takes an AnnualReport, got OtherDocument"):
        zwgk.render(zwgk.OtherDocument(title="x"))  # type: ignore[arg-type]


def test_table_to_frame_in_its_printed_layout(seed_texts: dict[str, str]) -> None:
    pd = pytest.importorskip("pandas")
    report = zwgk.parse(seed_texts["003"])
    assert isinstance(report, zwgk.AnnualReport)
    frame = report.tables[0].to_frame()
    assert frame.index.name == "统计指标"
    assert list(frame.columns) == ["单位", "统计数"]
    assert frame.loc["(一)收到申请数"].tolist() == ["件", 25]
    assert len(frame) == sum(1 for c in report.tables[0].cells)
    money = [v for v in frame["统计数"] if isinstance(v, Decimal)]
    assert money  # a column with money holds Decimals (object), never floats
    assert not any(isinstance(v, float) for v in frame["统计数"] if v is not pd.NA)
    raw = report.tables[0].to_frame(raw=True)
    assert raw.loc["(一)收到申请数", "统计数"] == "25"
    assert str(raw["统计数"].dtype) == "string"


def test_grid_and_horizontal_tables_to_frame(corpus_texts: dict[str, str]) -> None:
    pytest.importorskip("pandas")
    report = zwgk.parse(corpus_texts["007"])
    assert isinstance(report, zwgk.AnnualReport)
    t2, t3, t4 = report.tables
    grid = t3.to_frame()
    assert list(grid.columns) == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert all(str(d) == "Int64" for d in grid.dtypes)
    assert (
        grid.loc["一、本年新收政府信息公开申请数量", "总计"]
        == report.cell("new_received", "total").value
    )
    blocks = t2.to_frame()
    assert blocks.loc["行政许可", "本年处理决定数量"] == report.cell("licensing").value
    assert blocks.isna().loc["行政许可", "本年制发件数"]  # a column this row does not have
    row = t4.to_frame()
    assert row.shape == (1, 15)
    assert row.columns[0] == "行政复议/结果维持"
    assert row.iloc[0, 4] == report.cell("review_total").value


def test_blank_and_empty_tokens_are_missing_not_zero() -> None:
    pd = pytest.importorskip("pandas")
    cells = tuple(
        zwgk.Cell(f"r{i}", "value", (label,), (), raw, value, cls)
        for i, (label, raw, value, cls) in enumerate(
            [
                ("零", "0", 0, zwgk.TokenClass.ZERO),
                ("空", "", None, zwgk.TokenClass.BLANK),
                ("横", "—", None, zwgk.TokenClass.DASH),
                ("无", "无", None, zwgk.TokenClass.NONE_WORD),
            ]
        )
    )
    table = zwgk.StatTable("local", zwgk.TableFormat.LEGACY_LOCAL, cells=cells)
    frame = table.to_frame()
    values = frame.iloc[:, -1].tolist()
    assert values[0] == 0
    assert all(v is pd.NA for v in values[1:])
    assert table.to_frame(raw=True).iloc[:, -1].tolist() == ["0", "", "—", "无"]
    empty = zwgk.StatTable("local", zwgk.TableFormat.LEGACY_LOCAL).to_frame()
    assert list(empty.columns) == ["计量单位"]
    assert len(empty) == 0


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(zwgk.MissingExtraError, match=r"StatTable\.to_frame .*zwgk\[pandas\]"):
        zwgk.StatTable("local", zwgk.TableFormat.LEGACY_LOCAL).to_frame()


@pytest.mark.parametrize("fmt", GENERATIONS)
def test_table_frames_hold_every_cell_once(fmt: str) -> None:
    pd = pytest.importorskip("pandas")

    @given(reports(fmt))
    def check(report: zwgk.AnnualReport) -> None:
        for table in report.tables:
            raw = table.to_frame(raw=True)
            values = raw.drop(columns=[c for c in ("单位",) if c in raw.columns])
            assert int(values.notna().sum().sum()) == len(table.cells)
            typed = table.to_frame().drop(columns=[c for c in ("单位",) if c in raw.columns])
            printed = sorted(str(v) for v in typed.stack().tolist() if v is not pd.NA)
            assert printed == sorted(str(c.value) for c in table.cells if c.value is not None)

    check()
