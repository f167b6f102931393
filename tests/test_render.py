"""Rendering tables in their official layout, and reading them back."""

from __future__ import annotations

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
    with pytest.raises(ValueError, match="style must be one of text, markdown"):
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
