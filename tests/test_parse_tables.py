"""Reading national tables: tab-separated rows, flattened digit runs decided for the whole table."""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given
from hypothesis import strategies as st
from tests.strategies import consistent_tables, reports

import zwgk
from zwgk._model.identities import Check
from zwgk._parse.resolve import Choice, resolve
from zwgk._parse.tables.locate import label_hits
from zwgk._parse.tables.template import compiled
from zwgk._parse.text import normalize
from zwgk._parse.tokens import PAGE_FURNITURE, blank_furniture, find_tokens, furniture_spans

T3 = zwgk.indicator_tree("f2021").table("t3")
LEGAL_PERSON = ("commercial_enterprise", "research_institution", "public_welfare_org",
                "legal_service_org", "other_org")  # fmt: skip


def _printed(table: zwgk.StatTable) -> dict[tuple[str, str], int]:
    return {(c.indicator or "", c.column or ""): c.value for c in table.cells}  # type: ignore[misc]


def _tab_text(template: zwgk.TableTemplate, table: zwgk.StatTable, blank: set[str]) -> str:
    values = _printed(table)
    lines = [f"{template.title}", "\t申请人情况", "自然人\t法人或其他组织\t总计"]
    for row in template.walk():
        if row.group:
            lines.append(row.label)
            continue
        cells = [
            "" if col.id in blank else str(values[(row.id, col.id)])
            for col in template.columns_of(row)
        ]
        lines.append("\t".join([row.label, *cells]))
    return "\n".join(lines)


@given(consistent_tables(T3), st.booleans())
def test_tab_separated_rows_with_blank_cells(table: zwgk.StatTable, blank_legal: bool) -> None:
    # Copied from a browser: cells split by tabs; the legal-person columns may be left empty.
    blank = set(LEGAL_PERSON) if blank_legal else set()
    text = "2023年政府信息公开工作年度报告\n" + _tab_text(T3, table, blank)
    doc = zwgk.parse_report(text)
    (read,) = [t for t in doc.tables if t.id == "f2021.t3"]
    got = {(c.indicator, c.column): c for c in read.cells}
    for (indicator, column), value in _printed(table).items():
        cell = got[(indicator, column)]
        if column in blank:
            assert cell.token_class is zwgk.TokenClass.BLANK  # blank, never zero
        else:
            assert cell.value == value, (indicator, column)
    assert not read.unplaced


def test_dev_031_blank_legal_person_cells_are_blank(corpus_texts: dict[str, str]) -> None:
    doc = zwgk.parse(corpus_texts["031"])
    t3 = next(t for t in doc.tables if t.id == "f2021.t3")
    assert (t3.value("new_received", "natural_person"), t3.value("new_received", "total")) == (
        26,
        26,
    )
    assert t3.value("granted", "total") == 26
    assert t3.value("results_total", "total") == 26
    assert all(t3.get("granted", c).token_class is zwgk.TokenClass.BLANK for c in LEGAL_PERSON)  # type: ignore[union-attr]
    rows = [r for r in T3.walk() if not r.group]
    assert len(t3.cells) == sum(len(T3.columns_of(r)) for r in rows)


# -- flattened tables: the whole table's identities decide, never a wrong value -------------


def _flat_text(template: zwgk.TableTemplate, table: zwgk.StatTable, sep: str) -> str:
    values = _printed(table)
    parts = [template.title]
    if template.layout is zwgk.Layout.HORIZONTAL:  # the labels head the one row of values
        leaves = list(template.leaves())
        parts.extend(leaf.label for leaf in leaves)
        parts.append(
            "".join(
                str(values[(leaf.id, c.id)]) for leaf in leaves for c in template.columns_of(leaf)
            )
        )
        return sep.join(parts)
    for row in template.walk():
        if row.group:
            parts.append(row.label)
            continue
        digits = "".join(str(values[(row.id, c.id)]) for c in template.columns_of(row))
        parts.append(row.label + sep + digits)
    return sep.join(parts)


@given(
    st.sampled_from(["legacy_2014", "f2019", "f2021"]).flatmap(reports),
    st.sampled_from(["", " ", "\n"]),
)
def test_flattened_rows_come_back_right_or_open(report: zwgk.AnnualReport, sep: str) -> None:
    # Every table of a consistent report, its digits run together row by row: each cell
    # comes back right, or open with the right value among its alternatives — never wrong.
    tree = zwgk.indicator_tree(report.format)  # type: ignore[arg-type]
    body = sep.join(_flat_text(tree.table(t.id), t, sep) for t in report.tables)
    doc = zwgk.parse_report(f"{report.year}年政府信息公开工作年度报告\n{body}")
    reads = {t.id: t for t in doc.tables}
    for table in report.tables:
        read = reads.get(table.id)
        if read is None:
            continue  # a table not found is no wrong value
        got = {(c.indicator, c.column): c for c in read.cells}
        left = "".join(u.raw for u in read.unplaced)
        for (indicator, column), value in _printed(table).items():
            cell = got.get((indicator, column))
            if cell is None:
                assert left, (indicator, column)  # not placed: its digits are reported
                continue
            assert cell.value == value or (cell.value is None and value in cell.alternatives), (
                indicator,
                column,
                value,
                cell.raw,
                cell.value,
                cell.alternatives,
            )


def _uncovered_digits(text: str, doc: zwgk.AnnualReport) -> list[str]:
    """Digits of a table region in no cell and not unplaced, other than label text and notes."""
    norm = normalize(text)
    out = []
    for table in doc.tables:
        assert table.span is not None
        covered = {i for c in table.cells if c.span for i in range(c.span.start, c.span.end)}
        covered |= {i for u in table.unplaced for i in range(u.span.start, u.span.end)}
        for m in re.finditer(r"\d+", norm[table.span.start : table.span.end]):
            a, b = m.start() + table.span.start, m.end() + table.span.start
            if set(range(a, b)) <= covered:
                continue
            in_note = norm.rfind("(", 0, a) > norm.rfind(")", 0, a)
            label = re.match(r"[.、]\s*[\u4e00-\u9fff]|[)年月日号项]", norm[b : b + 3]) is not None
            if not (in_note or label or norm[a - 1 : a] in "第("):
                out.append(norm[a - 10 : b + 5])
    return out


def test_a_value_with_a_note_keeps_every_digit(corpus_texts: dict[str, str]) -> None:
    # A markdown f2021 row with a note on one value: the note stays on its number's cell.
    row = "| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
    assert row in corpus_texts["008"]
    text = corpus_texts["008"].replace(
        row, "| 1.属于国家秘密 | 1 | 2 | 3(含3件) | 4 | 5 | 6 | 21 |"
    )
    doc = zwgk.parse(text)
    t3 = next(t for t in doc.tables if t.id == "f2021.t3")
    cells = [c for c in t3.cells if c.indicator == "denied_state_secret"]
    assert [c.value for c in cells] == [1, 2, 3, 4, 5, 6, 21]
    assert cells[2].note == "含3件"
    assert not _uncovered_digits(text, doc)


@given(
    st.sampled_from(["f2019", "f2021"]).flatmap(
        lambda f: consistent_tables(zwgk.indicator_tree(f).table("t3"))
    ),
    st.data(),
)
def test_notes_and_units_on_values_lose_no_digit(
    table: zwgk.StatTable, data: st.DataObject
) -> None:
    # Mutated pipe tables: some values print a note (含N件) or their unit (N件).
    report = zwgk.AnnualReport(
        title="2023年度政府信息公开工作年度报告", year=2023, format=table.format, tables=(table,)
    )
    lines = zwgk.render(report, style="markdown").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        k = data.draw(st.integers(0, len(lines) - 1))
        cells = lines[k].split("|")
        numeric = [i for i, c in enumerate(cells) if c.strip().isdigit()]
        if not numeric:
            continue
        i = data.draw(st.sampled_from(numeric))
        extra = data.draw(st.sampled_from(["(含{}件)", "件", "（其中{}件网上）"])).format(
            data.draw(st.integers(0, 99))
        )
        cells[i] = f" {cells[i].strip()}{extra} "
        lines[k] = "|".join(cells)
    text = "\n".join(lines)
    doc = zwgk.parse_report(text)
    assert not _uncovered_digits(text, doc)


# -- labels wrapped across lines and cells (PDF and its markdown conversions) ------------------

LONG_ROWS = [r for r in T3.walk() if not r.group and len(r.label) >= 14]


def _same_cells(report: zwgk.AnnualReport, text: str) -> None:
    doc = zwgk.parse(text)
    reads = {t.id: t for t in doc.tables}
    for table in report.tables:
        got = {(c.indicator, c.column): c.value for c in reads[table.id].cells}
        assert got == _printed(table), table.id
        assert not reads[table.id].unplaced


@given(reports("f2021"), st.sampled_from(LONG_ROWS), st.integers(8, 12), st.integers(4, 9))
def test_label_cut_across_pipe_cells_and_lines(
    report: zwgk.AnnualReport, row: zwgk.Indicator, first: int, second: int
) -> None:
    # 「| 1.申请人无正当理由逾期不补正、 | 行政机关不再处理其政府信息公 | 0 | … |」, the rest of
    # the label on a pipe line of its own, a page footer after it.
    lines = zwgk.render(report, style="markdown").splitlines()
    k = next(i for i, line in enumerate(lines) if f"| {row.label} |" in line)
    head, middle, rest = (
        row.label[:first],
        row.label[first : first + second],
        row.label[first + second :],
    )
    values = lines[k].split(f"| {row.label} |", 1)[1]
    lines[k : k + 1] = [f"| {head} | {middle} |{values}", f"| {rest} |", "— 5 —"]
    _same_cells(report, "\n".join(lines))


@given(
    reports("f2021"),
    st.sampled_from(LONG_ROWS),
    st.integers(3, 12),
    st.sampled_from(["— 5 —", "- 12 -", "第 3 页 共 9 页"]),
)
def test_label_broken_by_a_page_footer(
    report: zwgk.AnnualReport, row: zwgk.Indicator, cut: int, footer: str
) -> None:
    text = zwgk.render(report, style="text").replace("\t", " ")
    broken = f"{row.label[:cut]}\n{footer}\n{row.label[cut:]}"
    _same_cells(report, text.replace(f"\n{row.label} ", f"\n{broken} ", 1))


# -- HTML: merged cells that differ between the header and the data rows -----------------------

F2019_T2 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
     [("规章", ["0", "0", "0"]), ("规范性文件", ["2", "3", "45"])]),
    ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政许可", ["7", "1", "120"]), ("其他对外管理服务事项", ["0", "0", "0"])]),
    ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
     [("行政处罚", ["5", "0", "33"]), ("行政强制", ["1", "0", "2"])]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("政府集中采购", ["12", "3400"])]),
]  # fmt: skip


@given(st.sampled_from(["header", "data", "both"]))
def test_html_merged_cells_keep_the_logical_order(where: str) -> None:
    # The header spans its last column over two grid columns, the data rows their first value:
    # values are aligned by their order within the row, never by raw grid position.
    html = ["<html><body><p>某市2019年政府信息公开工作年度报告</p><table>"]
    for block, heads, data in F2019_T2:
        html.append(f'<tr><td colspan="4">{block}</td></tr><tr><td>信息内容</td>')
        last = '<td colspan="2">{}</td>' if where in ("header", "both") else "<td>{}</td>"
        html.append("".join(f"<td>{h}</td>" for h in heads[:-1]) + last.format(heads[-1]) + "</tr>")
        for label, values in data:
            first = '<td colspan="2">{}</td>' if where in ("data", "both") else "<td>{}</td>"
            rest = "".join(f"<td>{v}</td>" for v in values[1:])
            html.append(f"<tr><td>{label}</td>{first.format(values[0])}{rest}</tr>")
    html.append("</table></body></html>")
    doc = zwgk.parse("".join(html))
    (t2,) = doc.tables
    tree = zwgk.indicator_tree("f2019").table("t2")
    expected = {}
    for _block, _heads, data in F2019_T2:
        for label, values in data:
            row = next(r for r in tree.walk() if r.label == label)
            for col, value in zip(tree.columns_of(row), values, strict=True):
                expected[(row.id, col.id)] = value
    assert {(c.indicator, c.column): c.raw for c in t2.cells} == expected
    assert not t2.unplaced


# -- the resolver on its own ---------------------------------------------------------------------


def _sum(rule: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> Check:
    return Check(rule, zwgk.Tag.ALWAYS, "=", ((total, 1),), tuple((p, 1) for p in parts))


def test_resolver_uses_column_totals_across_rows() -> None:
    # Two rows each split two ways on their own; the column totals leave one joint choice.
    a = Choice((("a", "x"), ("a", "y")), ((1, 23), (12, 3)))
    b = Choice((("b", "x"), ("b", "y")), ((4, 56), (45, 6)))
    rules = [
        _sum("X", ("t", "x"), [("a", "x"), ("b", "x")]),
        _sum("Y", ("t", "y"), [("a", "y"), ("b", "y")]),
    ]
    out = resolve({("t", "x"): 57, ("t", "y"): 9}, [a, b], rules)
    assert [o.candidates for o in out] == [((12, 3),), ((45, 6),)]
    assert set(out[0].rules) <= {"X", "Y"}
    assert out[0].rules  # the identities that decided it are named


def test_resolver_keeps_what_survives_and_sets_a_broken_identity_aside() -> None:
    a = Choice((("a", "x"), ("a", "y")), ((1, 23), (12, 3)))
    # No total: both cuts survive, nothing is picked.
    assert resolve({}, [a], [])[0].candidates == ((1, 23), (12, 3))
    # A total the printed numbers break (no cut gives 99) decides nothing.
    out = resolve({("t", "x"): 99}, [a], [_sum("X", ("t", "x"), [("a", "x"), ("a", "y")])])
    assert out[0].candidates == ((1, 23), (12, 3))
    assert out[0].rules == ()


@given(reports("f2021"), st.integers(0, 14), st.booleans())
def test_tab_separated_one_row_table_keeps_its_blank_fields(
    report: zwgk.AnnualReport, blank: int, spaced: bool
) -> None:
    # 表四's single row copied from a browser: an empty field is a blank cell, in its place.
    lines = zwgk.render(report, style="text").splitlines()
    k = max(i for i, line in enumerate(lines) if line.count("\t") == 14)
    fields = lines[k].split("\t")
    fields[blank] = " " if spaced else ""
    lines[k] = "\t".join(fields)
    doc = zwgk.parse("\n".join(lines))
    t4 = next(t for t in doc.tables if t.id == "f2021.t4")
    expected = _printed(report.tables[-1])
    for n, cell in enumerate(t4.cells):
        if n == blank:
            assert cell.token_class is zwgk.TokenClass.BLANK
        else:
            assert cell.value == expected[(cell.indicator, cell.column)]
    assert not t4.unplaced


@given(reports("f2021"))
def test_pipe_tables_printed_one_after_another(report: zwgk.AnnualReport) -> None:
    # No heading or blank line between 表二, 表三 and 表四: each keeps its own lines.
    lines = zwgk.render(report, style="markdown").splitlines()
    kept = [line for line in lines if line.strip() and not line.startswith(("三、", "四、"))]
    _same_cells(report, "\n".join(kept))


@given(st.lists(st.sampled_from(["0", "1", "25", "无"]), min_size=1, max_size=6))
def test_a_label_starting_with_wu_after_its_number_is_no_value(values: list[str]) -> None:
    # 「（四）无法提供」「3.无正当理由」: the 无 after a row's number starts the next label, also
    # where the number runs into the previous row's digits (「00003.无」); a lone 无 is a value.
    for numbering in ("3.", "(四)", "二、"):
        text = " ".join(values) + numbering + "无法提供 5"
        tokens = [t.raw for t in find_tokens(text, 0, len(text))]
        assert tokens[-1] == "5"
        assert tokens.count("无") == values.count("无")


def test_a_run_just_long_enough_is_cut_within_a_small_search_bound() -> None:
    from zwgk._parse.split import split_runs

    # 17 digits for 15 cells: every branch that leaves fewer digits than cells is cut at once.
    result = split_runs(["21317000001324019"], 15, max_steps=1000)
    assert not result.exhausted
    assert len(result.candidates) == 47
    assert result.candidates == split_runs(["21317000001324019"], 15).candidates


@given(st.lists(st.sampled_from(["0", "1", "7", "10", "305", "2000"]), min_size=2, max_size=9))
def test_a_smaller_search_bound_finds_the_first_cuts_of_the_whole_search(parts: list[str]) -> None:
    from zwgk._parse.split import split_runs

    run = "".join(parts)
    whole = split_runs([run], len(parts))
    cut = split_runs([run], len(parts), max_steps=40)
    assert tuple(parts) in whole.candidates or whole.exhausted
    assert whole.candidates[: len(cut.candidates)] == cut.candidates


def _every_cut(runs: list[str], cells: int) -> list[tuple[str, ...]]:
    """Every cut of the runs into cells by trying each set of cut points, in order."""
    out = []
    for per_run in itertools.product(*(range(1, len(r) + 1) for r in runs)):
        if sum(per_run) != cells:
            continue
        cuts: list[list[tuple[str, ...]]] = []
        for run, k in zip(runs, per_run, strict=True):
            cuts.append(
                [
                    tuple(run[a:b] for a, b in itertools.pairwise((0, *points, len(run))))
                    for points in itertools.combinations(range(1, len(run)), k - 1)
                ]
            )
        for pieces in itertools.product(*cuts):
            parts = tuple(p for piece in pieces for p in piece)
            if all(p == "0" or p[0] != "0" for p in parts):
                out.append(parts)
    return sorted(out)


@given(
    st.lists(st.from_regex(r"\A[0-9]{1,6}\Z"), min_size=1, max_size=3),
    st.integers(min_value=1, max_value=9),
)
def test_split_runs_finds_every_cut_trying_all_cut_points_finds(
    runs: list[str], cells: int
) -> None:
    from zwgk._parse.split import split_runs

    got = split_runs(runs, cells)
    every = _every_cut(runs, cells)
    assert set(got.candidates) <= set(every)
    assert len(set(got.candidates)) == len(got.candidates)
    if not got.exhausted:  # the whole search ran (no bound on steps or candidates was hit)
        assert sorted(got.candidates) == every


@given(st.lists(st.from_regex(r"\A[0-9]{1,6}\Z"), min_size=1, max_size=4), st.integers(0, 2))
def test_runs_with_a_digit_per_cell_split_the_one_way_every_cut_finds(
    runs: list[str], modulus: int
) -> None:
    from zwgk._parse.split import split_runs

    cells = sum(map(len, runs))
    check = (lambda parts: sum(map(int, parts)) % modulus == 0) if modulus else None
    got = split_runs(runs, cells, check)
    assert not got.exhausted
    assert list(got.candidates) == [c for c in _every_cut(runs, cells) if check is None or check(c)]
    # A bound that refuses a part stops the cut; the decimals stay on their run's last part.
    assert split_runs(runs, cells, bound=lambda parts, _left: len(parts) < cells).candidates == ()
    decimal = split_runs([*runs[:-1], runs[-1] + ".5"], cells).candidates
    assert decimal == ((*_every_cut(runs, cells)[0][:-1], runs[-1][-1] + ".5"),)


@given(
    st.lists(st.from_regex(r"\A[0-9]{1,5}\Z"), min_size=1, max_size=3),
    st.integers(min_value=1, max_value=8),
    st.sets(st.integers(min_value=1, max_value=8)),
)
def test_a_bound_asked_only_where_it_can_say_no_cuts_the_same(
    runs: list[str], cells: int, counts: set[int]
) -> None:
    from zwgk._parse.split import split_runs

    asked: list[int] = []

    def bound(parts: list[str], _left: int) -> bool:
        asked.append(len(parts))
        # Says no only after the counts given: an odd part there.
        return len(parts) not in counts or int(parts[-1]) % 2 == 0

    every = split_runs(runs, cells, bound=bound)
    asked.clear()
    some = split_runs(runs, cells, bound=bound, asks=counts)
    assert some == every
    assert set(asked) <= counts


_TABLES = [t for tree in zwgk.Templates.shipped() for t in tree.tables]
_LABELS = sorted(
    {core for t in _TABLES for row in compiled(t).searched for core in row.cores}
)  # fmt: skip
_BETWEEN = ["", " ", "\n", " 1 0 5 ", '"', "其", "总计"]


@given(
    st.lists(
        st.tuples(st.sampled_from(_LABELS), st.integers(0, 3), st.sampled_from(_BETWEEN)),
        max_size=40,
    ),
    st.sampled_from(_TABLES),
    st.integers(0, 30),
)
def test_label_hits_are_what_each_rows_own_scan_finds(
    pieces: list[tuple[str, int, str]], template: zwgk.TableTemplate, skip: int
) -> None:
    # Labels whole, cut short or broken by a line break, quoted prose between them.
    text = "".join(
        (label[: len(label) - cut] if cut < 2 else label[:cut] + "\n" + label[cut:]) + between
        for label, cut, between in pieces
    )
    c = compiled(template)
    start = min(skip, len(text))
    end = max(start, len(text) - skip // 2)
    expected = sorted(
        (m.start(), -m.end(), r)
        for r, row in enumerate(c.searched)
        for m in itertools.islice(row.pattern.finditer(text, start, end), 60)
    )
    assert label_hits(text, c, start, end) == expected


def test_a_label_is_taken_at_most_sixty_times() -> None:
    c = compiled(zwgk.indicator_tree("f2021").table("t2"))
    text = "规章 1 0 5 " * 70
    hits = label_hits(text, c, 0, len(text))
    assert len(hits) == 60
    assert hits[-1][0] == 59 * len("规章 1 0 5 ")


@given(
    st.lists(
        st.sampled_from(["\n", " ", "\t", "-", "—", "5", "12", "第", "页", "共", ",", "/", "\x0c"]),
        max_size=40,
    )
)
def test_page_furniture_is_blanked_as_every_match_of_its_pattern(parts: list[str]) -> None:
    text = "".join(parts)
    assert blank_furniture(text) == PAGE_FURNITURE.sub(lambda m: " " * len(m.group()), text)


@given(
    st.lists(
        st.sampled_from(["\n", " ", "\t", "-", "—", "5", "12", "第", "页", "共", ",", "/", "\x0c"]),
        max_size=40,
    ),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_page_furniture_in_a_window_is_every_match_of_its_pattern_there(
    parts: list[str], start: int, size: int
) -> None:
    text = "".join(parts)
    start = min(start, len(text))
    end = min(len(text), start + size)
    expected = [m.span() for m in PAGE_FURNITURE.finditer(text, start, end)]
    assert furniture_spans(text, start, end) == expected


@given(
    st.text(alphabet="0123456789 \t\n\u3000", max_size=40),
    st.sampled_from(["", "规章", "12 "]),
)
def test_plain_counts_read_by_splitting_are_what_the_token_pattern_reads(
    stretch: str, before: str
) -> None:
    # A stretch of ASCII digits between blanks is read by splitting it; a trailing
    # letter (no token, and no numbering mark) sends the same stretch through the
    # token pattern instead: both readings give the same tokens at the same places.
    text = before + stretch
    split = find_tokens(text, len(before), len(text))
    patterned = find_tokens(text + "x", len(before), len(text) + 1)
    assert split == patterned
    assert all(t.kind == "num" and text[t.start : t.end] == t.raw for t in split)


@given(
    st.lists(st.from_regex(r"\A[0-9]{1,7}\Z"), min_size=1, max_size=3),
    st.integers(min_value=3, max_value=7),
)
@example(["101020"], 3)  # every part as long as the total: 10 + 10 = 20
@example(["713000074"], 7)
def test_a_row_whose_last_cell_is_the_total_is_cut_as_every_cut_that_adds_up(
    runs: list[str], cells: int
) -> None:
    from zwgk._model.enums import Tag
    from zwgk._parse.tables.splits import row_splits

    keys = tuple(("r", f"c{i}") for i in range(cells))
    total = Check("S", Tag.ALWAYS, "=", ((keys[-1], 1),), tuple((k, 1) for k in keys[:-1]))
    got = row_splits(runs, keys, [total])
    adds_up = [c for c in _every_cut(runs, cells) if int(c[-1]) == sum(map(int, c[:-1]))]
    assert not got.exhausted
    assert sorted(got.candidates) == adds_up
