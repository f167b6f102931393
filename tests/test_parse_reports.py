"""Annual reports parsed from the seeds and the dev corpus, against hand-checked values."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

import zwgk
from zwgk._parse.facts import narrative_facts
from zwgk._parse.text import normalize
from zwgk._parse.tokens import find_tokens

# Seed 003 (株洲市工商行政管理局 2017), every cell of its legacy_2014 table, read by hand.
SEED_003 = {
    "active_items_total": 180, "active_normative_docs": 0, "normative_docs_issued": 0,
    "active_via_gazette": 0, "active_via_website": 130, "active_via_weibo": 0,
    "active_via_wechat": 0, "active_via_other": 50, "response_hotspots": 4,
    "response_by_channel": 6, "press_conferences": 0, "press_conferences_principal": 0,
    "online_interviews": 0, "online_interviews_principal": 0, "interpretation_articles": 3,
    "weibo_wechat_responses": 0, "other_responses": 3, "apps_received": 25,
    "apps_in_person": 0, "apps_fax": 0, "apps_online": 23, "apps_letter": 2, "apps_closed": 25,
    "apps_closed_on_time": 25, "apps_closed_extended": 0, "replies_total": 25,
    "reply_already_public": 5, "reply_granted": 12, "reply_partially_granted": 2,
    "reply_denied": 1, "reply_denied_state_secret": 0, "reply_denied_trade_secret": 0,
    "reply_denied_privacy": 0, "reply_denied_security_stability": 0,
    "reply_denied_not_gov_info": 1, "reply_denied_other_legal": 0, "reply_not_this_agency": 1,
    "reply_not_exist": 1, "reply_asked_to_amend": 2, "reply_other_channel": 1,
    "review_total": 0, "review_upheld": 0, "review_corrected": 0, "review_other": 0,
    "litigation_total": 1, "litigation_upheld": 1, "litigation_corrected": 0,
    "litigation_other": 0, "complaints_total": 0, "apps_fees_collected": 0,
    "dedicated_units": 1, "reading_points": 5, "staff_total": 9, "staff_full_time": 1,
    "staff_part_time": 8, "special_funds": 22, "meetings": 2, "training_sessions": 1,
    "trainees": 58,
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_003(seed_texts: dict[str, str]) -> tuple[str, zwgk.AnnualReport]:
    text = seed_texts["003"]
    report = zwgk.parse(text)
    assert isinstance(report, zwgk.AnnualReport)
    return text, report


def test_seed_003_metadata(seed_003: tuple[str, zwgk.AnnualReport]) -> None:
    _, report = seed_003
    assert report.title == "株洲市工商行政管理局2017年度政府信息公开工作年度报告"
    assert report.index_no == "07312/2018-0012"
    assert report.published == dt.date(2018, 3, 14)
    assert ("发布机构", "株洲市工商局") in report.metadata
    assert report.agency is not None
    assert report.agency.full_name == "株洲市工商行政管理局"
    assert report.agency.division_code == "430200"
    assert report.agency.level is zwgk.Level.CITY
    assert report.year == 2017
    assert report.format is zwgk.TableFormat.LEGACY_2014
    assert report.scope is zwgk.Scope.AGENCY


def test_seed_003_every_cell(seed_003: tuple[str, zwgk.AnnualReport]) -> None:
    text, report = seed_003
    (table,) = report.tables
    assert table.id == "legacy_2014.t1"
    assert {c.indicator: c.value for c in table.cells} == SEED_003
    assert table.unplaced == ()
    for cell in table.cells:
        assert cell.span is not None
        assert cell.span.of(text) == cell.raw
        assert not cell.inferred
        assert cell.column == "value"
    # L1 as printed: 25 = 0 + 0 + 23 + 2
    parts = ("apps_in_person", "apps_fax", "apps_online", "apps_letter")
    assert table.value("apps_received") == sum(table.value(p) or 0 for p in parts) == 25


def test_seed_003_money_units_and_zero(seed_003: tuple[str, zwgk.AnnualReport]) -> None:
    _, report = seed_003
    funds = report.cell("special_funds")
    assert funds is not None
    assert funds.unit == "万元"
    assert funds.value == Decimal(22)
    assert isinstance(funds.value, Decimal)
    fees = report.cell("apps_fees_collected")
    assert fees is not None
    assert fees.token_class is zwgk.TokenClass.ZERO
    trainees = report.cell("trainees")
    assert trainees is not None
    assert (trainees.unit, type(trainees.value)) == ("人次", int)


def test_seed_003_outline_and_facts(seed_003: tuple[str, zwgk.AnnualReport]) -> None:
    _, report = seed_003
    assert [s.heading for s in report.sections] == [
        "一、信息公开工作开展情况",
        "二、公开内容",
        "三、依申请公开工商信息情况",
        "四、复议、诉讼和申诉情况",
        "五、政府信息公开收费情况",
        "六、主要问题和改进措施",
    ]
    # 「1. 加强和完善领导机制。由局党组书记…」: the title ends at the sentence, space or not.
    assert [s.title for s in report.sections[0].children] == [
        "加强和完善领导机制",
        "建立工作分解机制和奖惩激励机制",
        "建立对外公开机制",
        "加大公开和宣传力度,扩大政府信息公开知晓面",
    ]
    # The last section ends where the attached table (附件) begins.
    assert report.sections[-1].span == zwgk.Span(1992, 2380)
    received = [f for f in report.facts if f.indicator == "apps_received"]
    assert [(f.value, f.unit) for f in received] == [(25, "件")]


@pytest.mark.parametrize(
    ("key", "title", "year", "published", "agency", "code"),
    [
        ("000", "沈阳市工商局2017年度政务信息公开工作报告", 2017, dt.date(2018, 3, 29),
         "沈阳市工商行政管理局", "210100"),
        ("001", "营口市工商局政府信息公开年度报告", 2013, dt.date(2014, 3, 31),
         "营口市工商行政管理局", "210800"),
        ("002", "", 2018, dt.date(2019, 3, 14), "沈阳市营商环境建设局", "210100"),
    ],
)  # fmt: skip
def test_narrative_only_seeds(
    seed_texts: dict[str, str],
    key: str,
    title: str,
    year: int,
    published: dt.date,
    agency: str,
    code: str,
) -> None:
    report = zwgk.parse(seed_texts[key])
    assert isinstance(report, zwgk.AnnualReport)
    assert (report.title, report.year, report.published) == (title, year, published)
    assert report.format is None
    assert report.tables == ()
    assert report.agency is not None
    assert (report.agency.full_name, report.agency.division_code) == (agency, code)


def test_seed_000_signature_is_kept_apart(seed_texts: dict[str, str]) -> None:
    report = zwgk.parse(seed_texts["000"])
    assert report.signed == dt.date(2018, 3, 1)


# Dev corpus: (file prefix, generation, year, published, {cell key: value}) read by hand.
CORPUS = [
    ("001", "legacy_local", 2014, dt.date(2015, 1, 2),
     {"主动公开文件数[current]": 2543, "主动公开文件数[cumulative]": 78967,
      "受理依申请公开信息总数[current]": 1}),
    ("002", "legacy_local", 2015, dt.date(2016, 1, 12),
     {"主动公开文件数[current]": 2949, "主动公开文件数[cumulative]": 81916,
      "受理依申请公开信息总数[current]": 0, "受理依申请公开信息总数[cumulative]": 1}),
    ("003", "legacy_local", 2012, dt.date(2013, 1, 17),
     {"主动公开信息数[current]": 2026, "主动公开信息数[cumulative]": 3542}),
    ("004", "legacy_local", 2016, dt.date(2017, 1, 18),
     {"主动公开文件数[current]": 3460, "主动公开文件数[cumulative]": 85376}),
    ("005", "f2019", 2019, dt.date(2020, 1, 20),
     {"new_received[natural_person]": 23, "new_received[total]": 23,
      "granted[total]": 7, "unavailable_not_held[total]": 7, "results_total[total]": 23,
      "carried_over_out[total]": 0, "review_total[value]": 0}),
    ("006", "f2021", 2022, dt.date(2023, 2, 20),
     {"new_received[natural_person]": 71, "new_received[commercial_enterprise]": 3,
      "new_received[total]": 74, "carried_over_in[total]": 1, "results_total[total]": 75,
      "unavailable_not_held[total]": 37, "carried_over_out[total]": 0,
      "normative_docs[in_force]": 698, "review_corrected[value]": 1,
      "review_total[value]": 2, "litigation_direct_total[value]": 1}),
    ("007", "f2021", 2024, dt.date(2025, 3, 10),
     {"new_received[natural_person]": 217, "new_received[total]": 218,
      "results_total[total]": 218, "licensing[decisions]": 4529,
      "review_total[value]": 7, "litigation_after_review_total[value]": 19}),
    ("008", "f2021", 2024, None,
     {"new_received[natural_person]": 32, "new_received[total]": 34,
      "results_total[total]": 35, "other_no_correction[total]": 10,
      "normative_docs[in_force]": 55, "review_upheld[value]": 1, "review_total[value]": 1,
      "litigation_direct_total[value]": 0}),
    ("009", "f2021", 2024, None,
     {"new_received[natural_person]": 3001, "new_received[total]": 3119,
      "results_total[total]": 3050, "carried_over_out[total]": 103,
      "review_upheld[value]": 72, "review_total[value]": 351,
      "litigation_direct_pending[value]": 1, "litigation_after_review_total[value]": 20}),
    ("010", "f2021", 2023, None, {"new_received[total]": 21, "results_total[total]": 21}),
    ("011", "f2021", 2024, None, {"new_received[total]": 95, "results_total[total]": 95}),
]  # fmt: skip


def _cells(report: zwgk.AnnualReport) -> dict[str, zwgk.Cell]:
    out = {}
    for cell in report.cells():
        key = cell.key if cell.indicator else f"{cell.row_labels[0]}[{cell.column}]"
        out.setdefault(key, cell)
    return out


@pytest.mark.parametrize(
    ("key", "fmt", "year", "published", "values"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_corpus_reports(
    corpus_texts: dict[str, str],
    key: str,
    fmt: str,
    year: int,
    published: dt.date | None,
    values: dict[str, int],
) -> None:
    text = corpus_texts[key]
    report = zwgk.parse(text)
    assert isinstance(report, zwgk.AnnualReport)
    assert report.format is not None
    assert (report.format.value, report.year, report.published) == (fmt, year, published)
    cells = _cells(report)
    assert {k: cells[k].value for k in values} == values
    for cell in cells.values():
        assert cell.span is not None
        if not cell.is_empty and cell.value is not None and not cell.alternatives:
            assert normalize(cell.span.of(text)).replace(",", "") == normalize(cell.raw).replace(
                ",", ""
            )


@pytest.mark.parametrize(
    ("key", "agency", "code"),
    [
        ("001", "平潭综合实验区管理委员会", "350128"),
        ("003", "平潭县人民政府", "350128"),
        ("007", "平潭综合实验区管理委员会办公室", "350128"),
        ("008", "上海市科学技术委员会", "310000"),
        ("009", "淮安市人民政府", "320800"),
        ("011", "淮安市洪泽区人民政府", "320813"),
    ],
)
def test_corpus_agencies(corpus_texts: dict[str, str], key: str, agency: str, code: str) -> None:
    report = zwgk.parse(corpus_texts[key])
    assert report.agency is not None
    assert (report.agency.full_name, report.agency.division_code) == (agency, code)


def test_flattened_run_is_split_and_flagged(corpus_texts: dict[str, str]) -> None:
    # 006 prints "一、本年新收政府信息公开申请数量 713000074": 71,3,0,0,0,0,74 by T3-3.
    report = zwgk.parse(corpus_texts["006"])
    cell = report.cell("new_received", "total")
    assert cell is not None
    assert cell.inferred
    assert cell.inferred_reason is not None
    assert "713000074" in cell.inferred_reason
    assert any(f.code == "table.split_inferred" for f in report.findings)


@pytest.mark.parametrize(
    ("key", "regulations", "normative_docs"),
    [
        ("009", [1, 0, 11], [8, 26, 66]),
        ("010", [0, 0, 0], [0, 5, 5]),
        ("011", [0, 0, 0], [3, 0, 8]),
    ],
)
def test_undecided_block_follows_the_documents_confirmed_order(
    corpus_texts: dict[str, str], key: str, regulations: list[int], normative_docs: list[int]
) -> None:
    # The PDFs print 表二（一）'s six values after its labels; no identity orders them.
    # Their 表三 blocks were confirmed column by column, so these are read that way too,
    # flagged as a guess (a district has no 规章: row by row would give 011 three repealed).
    report = zwgk.parse(corpus_texts[key])
    columns = ("issued", "repealed", "in_force")
    for row, values in (("regulations", regulations), ("normative_docs", normative_docs)):
        cells = [report.cell(row, c) for c in columns]
        assert [c.value for c in cells if c is not None] == values
        assert all(c is not None and "a guess" in (c.inferred_reason or "") for c in cells)
    assert not report.tables[0].unplaced
    (guess,) = [f for f in report.findings if "a guess" in f.message]
    assert (guess.code, guess.severity) == ("table.values_apart", zwgk.Severity.WARNING)


def test_undecided_block_without_a_confirmed_order_is_reported() -> None:
    # The same six values with no other table to learn the order from: nothing is guessed.
    text = (
        "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n"
        "本年制发件数 本年废止件数 现行有效件数\n规章\n行政规范性文件\n1\n8\n0\n26\n11\n66\n"
        "第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n550\n"
    )
    (t2,) = zwgk.parse_report(text).tables
    assert [u.raw for u in t2.unplaced] == ["1", "8", "0", "26", "11", "66"]
    assert all("cannot tell" in u.reason for u in t2.unplaced)
    assert t2.get("regulations", "issued") is None or t2.get("regulations", "issued").value is None


@pytest.mark.parametrize("key", ["008", "009"])
def test_garbled_one_row_header_is_read_in_template_order(
    corpus_texts: dict[str, str], key: str
) -> None:
    # 008 (mangled markdown) and 009 (PDF) break 表四's header words over lines;
    # the 15 values under them are placed in the template's order, flagged.
    report = zwgk.parse(corpus_texts[key])
    (t4,) = [t for t in report.tables if t.id == "f2021.t4"]
    assert len(t4.cells) == 15
    assert all(c.inferred and "template's order" in (c.inferred_reason or "") for c in t4.cells)
    assert any(f.code == "table.values_apart" and "f2021.t4" in f.message for f in report.findings)
    assert not [f for f in zwgk.validate(report) if f.code == "identity.failed"]


def _one_row(values: str) -> zwgk.StatTable | None:
    text = (
        "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
        "四、政府信息公开行政复议、行政诉讼情况\n行 政 复 议\n"
        f"{values}\n五、存在的主要问题及改进情况\n无。"
    )
    tables = [t for t in zwgk.parse_report(text).tables if t.id.endswith("t4")]
    return tables[0] if tables else None


def test_one_row_fallback_places_reports_or_declines() -> None:
    full = _one_row("1 0 0 0 1 0 0 0 0 0 2 0 0 0 2")
    assert full is not None
    assert [c.value for c in full.cells][-5:] == [2, 0, 0, 0, 2]
    # A value too many: 15 placed, the last reported, nothing dropped.
    extra = _one_row(" ".join(["0"] * 15) + " 7")
    assert extra is not None
    assert len(extra.cells) == 15
    assert [(u.raw, "more values" in u.reason) for u in extra.unplaced] == [("7", True)]
    # Prose under the heading is not a row: nothing is made up.
    assert _one_row("本年度共收到行政复议申请2件") is None
    assert _one_row(" ".join(["0"] * 14)) is None


def test_ambiguous_split_keeps_candidates(corpus_texts: dict[str, str]) -> None:
    # 007 prints "行政规范性文件6233440": no identity fixes the cut; the prose states 62
    # 制发 (本年度制发行政规范性文件62件), which settles that cell and leaves the others open.
    report = zwgk.parse(corpus_texts["007"])
    issued = report.cell("normative_docs", "issued")
    assert issued is not None
    assert (issued.value, issued.inferred) == (62, True)
    cell = report.cell("normative_docs", "repealed")
    assert cell is not None
    assert cell.value is None
    assert cell.inferred
    assert set(cell.alternatives) == {3, 33, 334, 3344}
    assert any(f.code == "table.ambiguous_split" for f in report.findings)


def test_blank_is_not_zero(corpus_texts: dict[str, str]) -> None:
    # 008's last 表三 line leaves 总计 of 结转下年度 empty.
    report = zwgk.parse(corpus_texts["008"])
    cell = report.cell("carried_over_out", "total")
    assert cell is not None
    assert (cell.token_class, cell.value, cell.raw) == (zwgk.TokenClass.BLANK, None, "")


KINDS = {
    "012": "work_points", "013": "work_points", "014": "work_points", "025": "work_points",
    "015": "implementation_plan", "016": "implementation_plan", "017": "implementation_plan",
    "018": "implementation_plan", "026": "implementation_plan",
    "019": "other", "020": "other", "021": "other", "022": "other", "023": "other",
    "024": "other", "027": "other", "028": "other",
}  # fmt: skip


@pytest.mark.parametrize(("key", "kind"), sorted(KINDS.items()))
def test_corpus_kinds(corpus_texts: dict[str, str], key: str, kind: str) -> None:
    assert zwgk.parse(corpus_texts[key]).kind.value == kind


def test_every_document_parses_and_round_trips(
    seed_texts: dict[str, str], corpus_texts: dict[str, str]
) -> None:
    for text in (*seed_texts.values(), *corpus_texts.values()):
        doc = zwgk.parse(text)
        assert zwgk.from_json(zwgk.to_json(doc)) == doc


def test_every_table_number_is_placed_or_reported(
    seed_texts: dict[str, str], corpus_texts: dict[str, str]
) -> None:
    # A digit inside a table is in a cell, in `unplaced`, or part of a label
    # (numbering "2.", a bracketed note) or of page furniture ("- 3 -").
    for key, text in (*seed_texts.items(), *corpus_texts.items()):
        doc = zwgk.parse(text)
        if not isinstance(doc, zwgk.AnnualReport):
            continue
        norm = normalize(text)
        for table in doc.tables:
            assert table.span is not None
            covered: set[int] = set()
            for span in [c.span for c in table.cells] + [u.span for u in table.unplaced]:
                if span is not None:
                    covered.update(range(span.start, span.end))
            for m in re.finditer(r"\d+", norm[table.span.start : table.span.end]):
                a, b = m.start() + table.span.start, m.end() + table.span.start
                if all(i in covered for i in range(a, b)):
                    continue
                after, line = norm[b : b + 3], norm[norm.rfind("\n", 0, a) + 1 : norm.find("\n", b)]
                opened = norm.rfind("(", table.span.start, a) > norm.rfind(")", table.span.start, a)
                label = re.match(r"[.、]\s*[\u4e00-\u9fff]|[)年月日号项]", after) is not None
                label = label or norm[a - 3 : a] == "其中:"  # 「其中：1同意公开答复数」
                furniture = re.fullmatch(r"\s*[-—]\s*\d+\s*[-—]\s*", line) is not None
                assert opened or label or furniture or norm[a - 1 : a] in "第(", (
                    key,
                    norm[a - 10 : b + 5],
                )


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1.申请人无正当理由逾期不补正", []),  # a word of the label
        ("（四）无\n法提供", []),  # 无法提供 broken over two lines
        ("规章无无无行政规范性文件", ["无", "无", "无"]),  # three cells, glued to the labels
        ("（七）总计无四、结转下年度继续办理", ["无"]),  # the next row's numbering follows
        ("收到申请数无1.当面申请数", ["无"]),
        ("| 无 | 0 | 无 |", ["无", "0", "无"]),
    ],
)
def test_none_word_inside_label_words_is_not_a_value(text: str, values: list[str]) -> None:
    assert [t.raw for t in find_tokens(text, 0, len(text))] == values


def test_labels_with_none_word_leave_nothing_unplaced(corpus_texts: dict[str, str]) -> None:
    # 008 and 009 print 申请人无正当理由… and 「（四）无」+「法提供」 among their labels; only
    # 008's stray 1 beside its pipe table (a number in the label column) is left unplaced.
    unplaced = {
        key: [u.raw for t in zwgk.parse(corpus_texts[key]).tables for u in t.unplaced]
        for key in ("008", "009")
    }
    assert unplaced == {"008": ["1"], "009": []}


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
@pytest.mark.parametrize("key", ["009", "010", "006"])
def test_windows_line_ends_read_the_same(
    corpus_texts: dict[str, str], key: str, newline: str
) -> None:
    # PDF text saved on Windows ends its lines with \r\n: the same cells, with spans that
    # point into the text as given.
    text = corpus_texts[key]
    report = zwgk.parse(text)
    crlf = text.replace("\n", newline)
    again = zwgk.parse(crlf)
    assert [(c.key, c.value) for c in again.cells()] == [(c.key, c.value) for c in report.cells()]
    for cell in again.cells():
        if cell.span is not None and cell.token_class is not zwgk.TokenClass.BLANK:
            assert crlf[cell.span.start : cell.span.end] == cell.raw


@pytest.mark.parametrize("footer", ["- 5 -", "— 5 —", "第 5 页 共 9 页", "第5页", "共9页 第5页"])
def test_page_footers_inside_a_table_are_not_values(
    corpus_texts: dict[str, str], footer: str
) -> None:
    # A PDF's page footer lands between the rows of 表三 (009: 13 rows, then 91 values).
    text = corpus_texts["009"]
    report = zwgk.parse(text)
    table = report.tables[1].span
    assert table is not None
    lines = text.split("\n")
    first, last = text.count("\n", 0, table.start), text.count("\n", 0, table.end)
    want = [(c.key, c.value) for c in report.cells()]
    for at in range(first + 1, last, 17):
        page = "\n".join([*lines[:at], footer, *lines[at:]])
        assert [(c.key, c.value) for c in zwgk.parse(page).cells()] == want, at


def test_pipe_cells_may_print_their_unit(corpus_texts: dict[str, str]) -> None:
    # 008's 表三 as markdown, each count printed with its unit: 「| 一、本年新收… | 32件 | 2件 |」.
    text = corpus_texts["008"]
    report = zwgk.parse(text)
    table = report.tables[1].span  # 表三
    assert table is not None
    counted = re.sub(
        r"(?<=\| )(\d+)(?= \|)",
        lambda m: m.group(1) + "件" if table.start <= m.start() < table.end else m.group(1),
        text,
    )
    assert counted != text
    again = zwgk.parse(counted)
    assert again.tables[1].id == "f2021.t3"
    want = [(c.key, c.value) for c in report.tables[1].cells]
    assert [(c.key, c.value) for c in again.tables[1].cells] == want
    assert again.cell("new_received", "total").raw == "34"


def test_narrative_facts_bind_through_the_crosswalk() -> None:
    # The crosswalk says which cell a clause names in each generation; a clause that names a
    # concept the generation reports as a sum (legacy 同意公开: 已主动公开 + 同意公开) binds none.
    text = "全年共受理申请25件，同意公开17件，结转下年度2件。"
    legacy = {
        f.raw: (f.indicator, f.column)
        for f in narrative_facts(text, generation=zwgk.TableFormat.LEGACY_2014)
    }
    f2021 = {
        f.raw: (f.indicator, f.column)
        for f in narrative_facts(text, generation=zwgk.TableFormat.F2021)
    }
    assert legacy == {
        "25件": ("apps_received", "value"),
        "17件": (None, None),
        "2件": (None, None),  # no carry-over in the 2014 table
    }
    assert f2021 == {
        "25件": ("new_received", "total"),
        "17件": ("granted", "total"),
        "2件": ("carried_over_out", "total"),
    }


def test_info_table_copied_from_a_browser_names_the_document() -> None:
    # A scraper's title carries the site's name; the page's info table, copied with tabs,
    # names the document and gives its index number (dev 031).
    text = (
        "标题：某县财政局2023年政府信息公开年度报告-某县财政局\n"
        "名称\t某县财政局2023年政府信息公开年度报告\n"
        "索引号\t014314799/2024-00002\t分类\t信息公开年报\n"
        "一、总体情况\n2023年，我局主动公开政府信息12条。\n"
    )
    doc = zwgk.parse(text)
    assert (doc.title, doc.index_no) == (
        "某县财政局2023年政府信息公开年度报告",
        "014314799/2024-00002",
    )
    # Without the info table the scraped title stays as printed: nothing is cut by guess.
    assert zwgk.parse(text.split("\n", 1)[0] + "\n一、总体情况\n").title.endswith("-某县财政局")


@pytest.mark.parametrize(
    ("statement", "scope"),
    [
        ("本报告由市政府办公室汇总各部门年度报告编制。", zwgk.Scope.AGGREGATE),
        ("本报告综合各县区政府信息公开情况编制。", zwgk.Scope.AGGREGATE),
        ("本报告由本局编制。", zwgk.Scope.AGENCY),
        ("各部门综合考评汇总。", zwgk.Scope.AGENCY),
    ],
)
def test_an_aggregate_report_says_whose_reports_it_gathers(
    statement: str, scope: zwgk.Scope
) -> None:
    text = f"某市2019年政府信息公开工作年度报告\n{statement}\n一、总体情况\n依申请公开共受理5件。"
    report = zwgk.parse_report(text)
    assert report.scope is scope
