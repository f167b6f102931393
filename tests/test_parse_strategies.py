"""Reading strategies, one by one, on shapes built here: whether each applies, what it proposes.

Mirrors ``zwgk._parse.tables``: the region a table is located in, each strategy's
``applies`` and ``propose``, the collector that turns proposals into cells and
findings, and the resolver property (a generated table flattened into digit runs
comes back right or open, never wrong) on every tree, a tree that is not shipped too.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import consistent_tables

import zwgk
from zwgk._parse.tables.collect import collect
from zwgk._parse.tables.locate import Match, Region
from zwgk._parse.tables.proposals import Apart, Fill, Leave, Place, Proposals
from zwgk._parse.tables.read import anchored, read_region, region_of
from zwgk._parse.tables.strategies import (
    STRATEGIES,
    Block,
    Flattened,
    Horizontal,
    HtmlGrid,
    PipeTable,
    TabTable,
    TemplateOrder,
    ValuesApart,
    Vertical,
    choose,
    labelled,
)
from zwgk._parse.tables.template import compiled
from zwgk._parse.tokens import Token, find_tokens

T1_2014 = zwgk.indicator_tree("legacy_2014").table("t1")
T2 = zwgk.indicator_tree("f2021").table("t2")
T3 = zwgk.indicator_tree("f2021").table("t3")
T4 = zwgk.indicator_tree("f2021").table("t4")

PIPE = "| 规章 | 1 | 0 | 5 |\n| 行政规范性文件 | 3 | 1 | 9 |\n| 行政许可 | 7 |"
TABS = "规章\t1\t\t5\n行政规范性文件\t3\t1\t9\n行政许可\t7"
FLAT = "规章 105 行政规范性文件 3 1 9 行政许可 7"


def _region(text: str, template: zwgk.TableTemplate) -> Region:
    region = region_of(text, template)
    assert region is not None
    return region


def _applying(region: Region) -> list[str]:
    return [s.name for s in STRATEGIES if s.applies(region)]


def _fills(proposals: Proposals) -> list[tuple[str, list[str]]]:
    """Each Fill as (row id, token raws)."""
    return [
        (item.slots[0].key[0], [t.raw for t in item.tokens])
        for item in proposals.items
        if isinstance(item, Fill)
    ]


def _vertical_text(values: dict[str, int]) -> str:
    rows = [r for r in T1_2014.walk() if not r.group]
    return "统计指标 单位 统计数\n" + "\n".join(
        f"{r.label} {r.unit or ''} {values[r.id]}" for r in rows
    )


# -- which strategy applies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "template", "name"),
    [
        (PIPE, T2, "pipe"),
        (TABS, T2, "tab-separated"),
        (FLAT, T2, "flattened"),
        (
            T4.title
            + "\n"
            + " ".join(r.label for r in T4.leaves())
            + "\n"
            + " ".join("1" for _ in T4.leaves()),
            T4,
            "horizontal",
        ),
        (_vertical_text({r.id: 1 for r in T1_2014.walk()}), T1_2014, "vertical"),
    ],
)
def test_one_strategy_applies_to_each_shape(
    text: str, template: zwgk.TableTemplate, name: str
) -> None:
    region = _region(text, template)
    assert _applying(region) == [name]
    assert choose(region).name == name


def test_a_pipe_table_with_page_offsets_is_an_html_grid() -> None:
    region = attrs.evolve(_region(PIPE, T2), origins=tuple(range(len(PIPE))))
    assert HtmlGrid().applies(region)
    assert PipeTable().applies(region)
    assert choose(region).name == "html grid"
    assert not HtmlGrid().applies(_region(PIPE, T2))  # plain markdown: no offsets


def test_line_strategies_need_lines_of_their_kind() -> None:
    flat, pipe, tabs = _region(FLAT, T2), _region(PIPE, T2), _region(TABS, T2)
    assert not PipeTable().applies(flat)
    assert not TabTable().applies(flat)
    assert not TabTable().applies(pipe)
    assert not Flattened().applies(pipe)
    assert not PipeTable().applies(tabs)
    assert not Flattened().applies(tabs)
    assert not Horizontal().applies(flat)
    assert not Vertical().applies(flat)


# -- what each proposes ----------------------------------------------------------------------


def test_pipe_lines_go_to_the_rows_their_labels_name() -> None:
    proposals = PipeTable().propose(_region(PIPE, T2))
    assert _fills(proposals) == [
        ("regulations", ["1", "0", "5"]),
        ("normative_docs", ["3", "1", "9"]),
        ("licensing", ["7"]),
    ]
    assert all(isinstance(i, Fill) for i in proposals.items)


def test_a_pipe_line_whose_label_names_no_row_between_two_rows_is_a_guess() -> None:
    text = "| 规章 | 1 | 0 | 5 |\n| 某某文件 | 3 | 1 | 9 |\n| 行政许可 | 7 |\n| 行政处罚 | 2 |"
    items = PipeTable().propose(_region(text, T2)).items
    place = next(i for i in items if isinstance(i, Place))
    assert next(s.key for s in place.slots) == ("normative_docs", "issued")
    assert [t.raw for t in place.tokens] == ["3", "1", "9"]
    assert "names no row" in place.reason
    (apart,) = [i for i in items if isinstance(i, Apart)]
    assert apart.variant == "between"
    assert apart.refs[0].indicator == "normative_docs"


def test_a_pipe_line_with_an_unknown_label_is_left() -> None:
    text = "| 规章 | 1 | 0 | 5 |\n| 行政规范性文件 | 3 | 1 | 9 |\n| 其他事项 | 4 |"
    items = PipeTable().propose(_region(text, T2)).items
    (leave,) = [i for i in items if isinstance(i, Leave)]
    assert [t.raw for t in leave.tokens] == ["4"]
    assert "unknown" in leave.reason


def test_tab_lines_keep_blank_fields() -> None:
    proposals = TabTable().propose(_region(TABS, T2))
    assert _fills(proposals)[0] == ("regulations", ["1", "", "5"])
    first = proposals.items[0]
    assert isinstance(first, Fill)
    assert first.tokens[1].kind == "blank"


def test_merged_html_cells_count_once() -> None:
    # 「| 规章 | 1 | 1 | 5 |」 where both 1s are the copies of one merged cell of the page.
    text = "| 规章 | 1 | 1 | 5 |\n| 行政规范性文件 | 3 | 1 | 9 |\n| 行政许可 | 7 |"
    origins = list(range(len(text)))
    origins[text.index("1", 8)] = origins[text.index("1")]
    region = region_of(text, T2, origins=origins)
    assert region is not None
    assert HtmlGrid().applies(region)
    assert _fills(HtmlGrid().propose(region))[0] == ("regulations", ["1", "5"])
    assert _fills(PipeTable().propose(_region(text, T2)))[0] == ("regulations", ["1", "1", "5"])


def test_flattened_rows_propose_their_runs_for_the_collector_to_split() -> None:
    proposals = Flattened().propose(_region(FLAT, T2))
    assert _fills(proposals)[0] == ("regulations", ["105"])
    got = collect(FLAT, T2, proposals.items)
    cells = {(c.indicator, c.column): c for c in got.cells}
    assert [cells[("regulations", col)].value for col in ("issued", "repealed", "in_force")] == [
        1,
        0,
        5,
    ]
    assert cells[("regulations", "issued")].inferred
    assert [f.code for f in got.findings] == ["table.split_inferred"]


def test_vertical_rows_take_the_value_after_their_label() -> None:
    values = {r.id: i + 1 for i, r in enumerate(T1_2014.walk())}
    proposals = Vertical().propose(_region(_vertical_text(values), T1_2014))
    fills = dict(_fills(proposals))
    assert fills["active_items_total"] == [str(values["active_items_total"])]
    assert fills["apps_received"] == [str(values["apps_received"])]
    assert len(fills) == sum(1 for r in T1_2014.walk() if not r.group)


def test_horizontal_row_proposes_every_value_for_every_cell() -> None:
    leaves = list(T4.leaves())
    text = f"{T4.title}\n{' '.join(r.label for r in leaves)}\n" + " ".join(
        str(i) for i in range(len(leaves))
    )
    (fill,) = Horizontal().propose(_region(text, T4)).items
    assert isinstance(fill, Fill)
    assert [s.key[0] for s in fill.slots] == [r.id for r in leaves]
    assert [t.raw for t in fill.tokens] == [str(i) for i in range(len(leaves))]


# -- values printed apart --------------------------------------------------------------------

GRANTED = [3, 1, 0, 0, 0, 1, 5]
PARTIAL = [2, 0, 1, 0, 0, 0, 3]


def _block(values: list[int], prior: str | None = None) -> Block:
    c = compiled(T3)
    rows = tuple(
        Match(r, 0, 0) for r in c.rows if r.indicator.id in ("granted", "partially_granted")
    )
    text = " ".join(map(str, values))
    return Block(c, rows, tuple(find_tokens(text, 0, len(text))), prior=prior)


def test_values_apart_are_read_in_the_order_the_identities_confirm() -> None:
    by_column = [v for pair in zip(GRANTED, PARTIAL, strict=True) for v in pair]
    block = _block(by_column)
    assert ValuesApart().applies(block)
    proposals = ValuesApart().propose(block)
    places = [i for i in proposals.items if isinstance(i, Place)]
    assert [[int(t.raw) for t in p.tokens] for p in places] == [GRANTED, PARTIAL]
    assert proposals.confirmed == ["column by column"]
    (apart,) = [i for i in proposals.items if isinstance(i, Apart)]
    assert dict(apart.args)["how"] == "placed column by column, as the identities confirm"


def test_values_apart_with_two_columns_swapped_are_read_in_the_order_that_adds_up() -> None:
    # The last two printed columns (总计 and the one before) ran in swapped order.
    columns = [list(col) for col in zip(GRANTED, PARTIAL, strict=True)]
    columns[5], columns[6] = columns[6], columns[5]
    proposals = ValuesApart().propose(_block([v for col in columns for v in col]))
    places = [i for i in proposals.items if isinstance(i, Place)]
    assert [[int(t.raw) for t in p.tokens] for p in places] == [GRANTED, PARTIAL]
    (apart,) = [i for i in proposals.items if isinstance(i, Apart)]
    assert "columns reordered" in dict(apart.args)["how"]
    assert not proposals.confirmed


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=14, max_size=14),
    st.permutations(range(7)),
)
def test_no_column_order_scores_above_the_ceiling(
    values: list[int | None], order: list[int]
) -> None:
    from zwgk._parse.tables.strategies import _ceiling, _column_major, _Evidence

    block = _block([0] * 14)
    keys = tuple(slot.key for m in block.rows for slot in m.row.slots)
    terms = block.compiled.terms(keys)
    score = sum(_Evidence(terms, values).each(_column_major(tuple(order), 2)))
    assert score <= _ceiling(terms, values, 7, 2)


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=14, max_size=14),
    st.tuples(st.integers(0, 6), st.integers(0, 6)),
)
def test_swapping_two_columns_an_identity_reads_alike_leaves_what_it_says(
    values: list[int | None], pair: tuple[int, int]
) -> None:
    from zwgk._parse.tables.strategies import _column_major, _Evidence

    block = _block([0] * 14)
    keys = tuple(slot.key for m in block.rows for slot in m.row.slots)
    evidence = _Evidence(block.compiled.terms(keys), values)
    a, b = pair
    order = list(range(7))
    order[a], order[b] = b, a
    printed, swapped = _column_major(tuple(range(7)), 2), _column_major(tuple(order), 2)
    for k, read in enumerate(evidence.columns(7)):
        if read[a] == read[b]:
            assert evidence.one(k, swapped) == evidence.one(k, printed)


def test_values_apart_the_identities_cannot_order_are_left_or_read_as_before() -> None:
    unbalanced = list(range(1, 15))  # no order makes a row add up to its total
    proposals = ValuesApart().propose(_block(unbalanced))
    assert proposals.undecided == 1
    assert not proposals.confirmed
    assert isinstance(proposals.items[0], Leave)
    assert all(isinstance(i, Fill) and not i.tokens for i in proposals.items[1:])
    guessed = ValuesApart().propose(_block(unbalanced, prior="row by row"))
    assert guessed.undecided == 0
    (apart,) = [i for i in guessed.items if isinstance(i, Apart)]
    assert apart.variant == "guessed"


def test_values_apart_that_read_the_same_in_every_order_need_no_order() -> None:
    proposals = ValuesApart().propose(_block([0] * 14))
    assert proposals.undecided == 0
    assert not proposals.confirmed
    places = [i for i in proposals.items if isinstance(i, Place)]
    assert [[int(t.raw) for t in p.tokens] for p in places] == [[0] * 7, [0] * 7]
    assert "every order reads the same values" in places[0].reason


def test_labels_apart_from_more_values_than_fit_never_give_them_to_the_last_label() -> None:
    c = compiled(T3)
    rows = [r for r in c.rows if r.indicator.id in ("granted", "partially_granted")]
    text = " ".join(map(str, range(1, 17)))  # 16 values: two rows hold 14
    areas = [
        (Match(rows[0], 0, 0), ()),
        (Match(rows[1], 0, 0), tuple(find_tokens(text, 0, len(text)))),
    ]
    proposals = labelled(c, areas)
    assert not [i for i in proposals.items if isinstance(i, Fill) and i.tokens]
    (left,) = [i for i in proposals.items if isinstance(i, Leave)]
    assert len(left.tokens) == 16


def test_values_apart_must_fill_the_rows_exactly() -> None:
    assert not ValuesApart().applies(_block([1] * 13))
    assert not ValuesApart().applies(_block([1] * 15))


# -- 表四 by position ---------------------------------------------------------------------------


def _anchored(values: str) -> Any:
    text = f"{T4.title}\n结 果 ... 维持\n{values}\n五、存在的主要问题"
    region = anchored(text, T4, 0)
    assert region is not None
    return region


def test_template_order_places_one_value_per_cell() -> None:
    region = _anchored(" ".join("1" for _ in range(15)))
    assert TemplateOrder().applies(region)
    items = TemplateOrder().propose(region).items
    assert isinstance(items[0], Place)
    assert len(items[0].slots) == 15
    assert isinstance(items[1], Apart)
    assert items[1].variant == "template_order"


def test_template_order_hands_glued_digits_to_the_collector() -> None:
    region = _anchored("1 0 0 0 1 " + "0" * 10)
    assert TemplateOrder().applies(region)
    (fill,) = TemplateOrder().propose(region).items
    assert isinstance(fill, Fill)
    assert len(fill.slots) == 15


def test_template_order_does_not_take_prose_numbers_for_the_row() -> None:
    assert not TemplateOrder().applies(_anchored("2 3"))


# -- the collector -----------------------------------------------------------------------------


def _tokens(text: str) -> tuple[Token, ...]:
    return tuple(find_tokens(text, 0, len(text)))


def test_collector_keeps_what_no_cell_takes() -> None:
    regulations = compiled(T2).value_rows[0]
    text = "1 0 5 8"
    got = collect(text, T2, [Fill(regulations.slots, _tokens(text), 0)])
    assert [c.value for c in got.cells] == [1, 0, 5]
    assert [u.raw for u in got.unplaced] == ["8"]
    assert [f.code for f in got.findings] == ["table.unplaced"]
    again = collect(text, T2, [Fill(regulations.slots, _tokens(text)[:3], 0)] * 2)
    assert len(again.cells) == 3
    assert [u.raw for u in again.unplaced] == ["1", "0", "5"]


def test_collector_writes_each_placed_reading_as_inferred() -> None:
    regulations = compiled(T2).value_rows[0]
    text = "1 0 5"
    items = [
        Place(regulations.slots, _tokens(text), "a reason"),
        Apart(
            (zwgk.Ref("regulations"),), "template_order", None, (("table", "t2"), ("reason", "r"))
        ),
    ]
    got = collect(text, T2, items)
    assert all(c.inferred and c.inferred_reason == "a reason" for c in got.cells)
    assert [f.code for f in got.findings] == ["table.values_apart"]


def test_collector_decides_rows_by_the_whole_table() -> None:
    # T3: a row run together fits several cuts alone; the column totals decide it.
    values = {r.indicator.id: [0] * 7 for r in compiled(T3).value_rows}
    values["granted"] = [52, 0, 0, 1, 0, 5, 58]
    values["results_total"] = [52, 0, 0, 1, 0, 5, 58]
    values["new_received"] = [52, 0, 0, 1, 0, 5, 58]
    items = []
    text = ""
    for row in compiled(T3).value_rows:
        numbers = [str(v) for v in values[row.indicator.id]]
        segment = "".join(numbers) if row.indicator.id == "granted" else " ".join(numbers)
        start = len(text)
        text += segment + " "
        items.append(Fill(row.slots, tuple(find_tokens(text, start, start + len(segment))), start))
    got = collect(text, T3, items)
    granted = [c.value for c in got.cells if c.indicator == "granted"]
    assert granted == values["granted"]


# -- the resolver property, on every tree ------------------------------------------------------

LOCAL: dict[str, Any] = {
    "format": "county_2012",
    "title": "政府信息公开情况统计表",
    "basis": "某县统计制度",
    "years": [2008, 2013],
    "tables": [
        {
            "id": "t1",
            "title": "政府信息公开情况统计表",
            "layout": "grid",
            "columns": [
                {"id": "online", "labels": ["网上"]},
                {"id": "letter", "labels": ["信函"]},
                {"id": "total", "labels": ["合计"]},
            ],
            "rows": [
                {"id": "received", "label": "受理申请数"},
                {"id": "granted", "label": "同意公开数"},
                {"id": "denied", "label": "不予公开数"},
            ],
            "identities": [
                {"id": "R", "expr": "*[total] = *[online] + *[letter]"},
                {"id": "C", "expr": "received[*] = granted[*] + denied[*]"},
            ],
        }
    ],
}  # fmt: skip
_TEMPLATES = [
    t
    for fmt in ("legacy_2014", "f2019", "f2021")
    for t in zwgk.indicator_tree(fmt).tables
    if t.layout is not zwgk.Layout.HORIZONTAL
] + list(zwgk.tree_from_data(LOCAL).tables)


@given(st.sampled_from(_TEMPLATES).flatmap(lambda t: st.tuples(st.just(t), consistent_tables(t))))
def test_flattened_digit_runs_come_back_right_or_open(
    case: tuple[zwgk.TableTemplate, zwgk.StatTable],
) -> None:
    # Each row's values run together with no separator: one token per row, proposed for
    # the row's cells; the collector and the resolver never make a value up.
    template, table = case
    printed = {(c.indicator, c.column): c.value for c in table.cells}
    text = ""
    items = []
    for row in compiled(template).value_rows:
        run = "".join(str(printed[s.key]) for s in row.slots)
        items.append(Fill(row.slots, (Token("num", run, len(text), len(text) + len(run)),), 0))
        text += run + " "
    got = collect(text, template, items)
    cells = {(c.indicator, c.column): c for c in got.cells}
    for key, value in printed.items():
        cell = cells.get(key)
        if cell is None:
            assert got.unplaced  # not placed: its digits are reported
            continue
        assert cell.value == value or (cell.value is None and value in cell.alternatives), (
            key,
            value,
            cell.value,
            cell.alternatives,
        )


def test_a_region_is_read_by_its_strategy_then_collected() -> None:
    read = read_region(_region(PIPE, T2))
    assert read.table.value("normative_docs", "in_force") == 9
    assert read.matched_rows == 3
    assert read.filled_rows == 3
