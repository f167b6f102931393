"""Corpus analysis: facts, frames, the crosswalk, measures, roll-ups and batch parsing."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sys
import types
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import strategies
from tests.conftest import CORPUS, SEEDS, read_or_bug

import zwgk
from zwgk._analysis.batch import (
    WORKER_DIED,
    ParseResult,
    RawText,
    cmd_facts,
    document_files,
    parse_many,
    read_facts,
    write_facts,
)
from zwgk._analysis.crosswalk import (
    ConceptMapping,
    _mapping,
    _phrase,
    concept,
    crosswalk,
    harmonize,
    normalize_label,
    prose_bindings,
)
from zwgk._analysis.facts import Fact, document_id, facts
from zwgk._analysis.frames import FACT_COLUMNS, to_frame, wide_columns
from zwgk._analysis.measures import division_parent, measure_definitions, measures, rollup

SEED_003 = SEEDS / "003_cfccfa7d233b51e6.txt"
ANNUAL = [f"{i:03d}" for i in range(1, 12)]  # the dev corpus's annual reports


@pytest.fixture(scope="module")
def seed_report() -> zwgk.AnnualReport:
    doc = zwgk.parse(SEED_003.read_text(encoding="utf-8"), source="seeds/003")
    assert isinstance(doc, zwgk.AnnualReport)
    return doc


@pytest.fixture(scope="module")
def corpus_reports(corpus_texts: dict[str, str]) -> dict[str, zwgk.AnnualReport]:
    out = {}
    for prefix in ANNUAL:
        doc = zwgk.parse(corpus_texts[prefix], source=f"dev/{prefix}")
        assert isinstance(doc, zwgk.AnnualReport)
        out[prefix] = doc
    return out


# --- helpers building small reports ----------------------------------------------------------


def _cell(
    indicator: str, column: str, value: int | Decimal | None, raw: str | None = None
) -> zwgk.Cell:
    if raw is None:
        raw = "" if value is None else str(value)
    token = (
        zwgk.TokenClass.BLANK
        if value is None and raw == ""
        else zwgk.TokenClass.DASH
        if value is None
        else zwgk.TokenClass.ZERO
        if value == 0
        else zwgk.TokenClass.NUMBER
    )
    return zwgk.Cell(indicator, column, (indicator,), (column,), raw, value, token, "件")


def _report(
    code: str,
    *,
    granted: int | None = 0,
    partially: int | None = 0,
    results: int | None = 0,
    scope: zwgk.Scope = zwgk.Scope.AGENCY,
    year: int = 2022,
    extra: tuple[zwgk.Cell, ...] = (),
) -> zwgk.AnnualReport:
    cells = (
        _cell("granted", "total", granted),
        _cell("partially_granted", "total", partially),
        _cell("results_total", "total", results),
        *extra,
    )
    return zwgk.AnnualReport(
        title=f"{code}年度报告",
        year=year,
        format=zwgk.TableFormat.F2021,
        scope=scope,
        agency=zwgk.Agency(name=f"{code}局", full_name=f"{code}局", division_code=code),
        tables=(zwgk.StatTable(id="f2021.t3", format=zwgk.TableFormat.F2021, cells=cells),),
    )


# --- facts -----------------------------------------------------------------------------------


def test_seed_003_facts_hand_checked(seed_report: zwgk.AnnualReport) -> None:
    text = SEED_003.read_text(encoding="utf-8")
    rows = list(facts([seed_report]))
    assert len(rows) == 59 + 13  # 59 cells of the 2014 table, 13 narrative facts
    by_key = {(f.indicator, f.column): f for f in rows if f.kind == "cell"}

    apps = by_key["apps_received", "value"]
    assert apps == Fact(
        document="seeds/003",
        kind="cell",
        agency="株洲市工商行政管理局",
        agency_full="株洲市工商行政管理局",
        division_code="430200",
        level="city",
        year=2017,
        format="legacy_2014",
        scope="agency",
        table="legacy_2014.t1",
        indicator="apps_received",
        column="value",
        row_label="三、依申请公开情况 / (一)收到申请数",
        value=25,
        raw="25",
        unit="件",
        token_class="number",
        inferred=False,
        note=None,
        qualifier=None,
        span_start=2952,
        span_end=2954,
    )
    assert text[apps.span_start : apps.span_end] == "25"

    funds = by_key["special_funds", "value"]
    assert (funds.value, funds.unit) == (22, "万元")
    assert by_key["response_hotspots", "value"].note == "不同方式回应同一热点或舆情计1次"
    assert by_key["apps_fax", "value"].token_class == "zero"

    narrative = [f for f in rows if f.kind == "narrative"]
    restated = next(f for f in narrative if f.indicator == "apps_received")
    assert (restated.row_label, restated.value, restated.raw, restated.table) == (
        "我局收到",
        25,
        "25件",
        None,
    )
    assert text[restated.span_start : restated.span_end] == "25件"
    money = next(f for f in narrative if f.unit == "万元")
    assert money.value == Decimal("463.78")


def test_facts_spans_point_at_the_raw_token(corpus_texts: dict[str, str]) -> None:
    for prefix in ANNUAL:
        text = corpus_texts[prefix]
        for fact in facts([zwgk.parse(text)]):
            if fact.span_start is not None:
                assert text[fact.span_start : fact.span_end] == fact.raw, (prefix, fact)


def test_facts_skip_plans_and_others_and_stream() -> None:
    plan = zwgk.ImplementationPlan(title="实施方案")
    other = zwgk.OtherDocument(title="停电通知")
    assert list(facts([plan, other])) == []

    seen: list[str] = []

    def docs() -> Iterator[zwgk.AnnualReport]:
        for code in ("350128", "430221"):
            seen.append(code)
            yield _report(code, granted=1)

    rows = facts(docs())
    first = next(rows)
    assert (first.division_code, seen) == ("350128", ["350128"])  # one document read so far


def test_document_id_without_source_is_stable() -> None:
    a = zwgk.AnnualReport(title="2017年度报告", year=2017, agency=zwgk.Agency("株洲市工商局"))
    b = zwgk.AnnualReport(title="2017年度报告", year=2017, agency=zwgk.Agency("株洲市工商局"))
    c = zwgk.AnnualReport(title="2017年度报告", year=2018, agency=zwgk.Agency("株洲市工商局"))
    assert document_id(a) == document_id(b) != document_id(c)
    assert document_id(a).startswith("sha1:")
    assert len(document_id(a)) == 5 + 16


# --- frames ----------------------------------------------------------------------------------


def test_facts_frame_columns_and_dtypes_equal_for_empty_input(
    seed_report: zwgk.AnnualReport,
) -> None:
    full = to_frame([seed_report])
    empty = to_frame([])
    assert list(full.columns) == list(empty.columns) == [c.name for c in FACT_COLUMNS]
    assert full.dtypes.equals(empty.dtypes)
    assert dict(full.dtypes.astype(str)) == {c.name: c.dtype for c in FACT_COLUMNS}
    assert len(full) == 72
    assert len(empty) == 0
    # plans only: still the same empty shape
    assert to_frame([zwgk.ImplementationPlan(title="x")]).dtypes.equals(empty.dtypes)


def test_facts_frame_values_are_lossless(seed_report: zwgk.AnnualReport) -> None:
    frame = to_frame([seed_report])
    apps = frame[(frame["indicator"] == "apps_received") & (frame["kind"] == "cell")].iloc[0]
    assert (apps["value_int"], apps["value_decimal"] is pd.NA) == (25, True)
    money = frame[frame["raw"] == "463.78万元"].iloc[0]
    assert money["value_int"] is pd.NA
    assert money["value_decimal"] == "463.78"
    report = _report("350128", extra=(_cell("x", "fee_amount", Decimal("4068.200")),))
    fee = to_frame([report]).set_index("indicator").loc["x"]
    assert fee["value_decimal"] == "4068.200"
    assert Decimal(fee["value_decimal"]) == Decimal("4068.200")
    blank = to_frame([_report("350128", results=None)]).set_index("indicator").loc["results_total"]
    assert blank["value_int"] is pd.NA
    assert blank["value_decimal"] is pd.NA
    assert blank["token_class"] == "blank"


def test_wide_frame_empty_and_full_have_the_same_shape(seed_report: zwgk.AnnualReport) -> None:
    full = to_frame([seed_report], kind="wide")
    empty = to_frame([], kind="wide")
    assert list(full.columns) == list(empty.columns) == [c.name for c in wide_columns()]
    assert full.dtypes.equals(empty.dtypes)
    assert full.loc[0, "granted"] == 17  # reply_already_public 5 + reply_granted 12
    assert "granted" in full.loc[0, "lossy_concepts"].split(",")
    assert "granted: 属于已主动公开范围数 + 同意公开答复数" in full.loc[0, "caveats"]
    with pytest.raises(zwgk.InputError):
        to_frame([], kind="long")


def test_wide_frame_of_the_dev_corpus(corpus_reports: dict[str, zwgk.AnnualReport]) -> None:
    wide = to_frame(corpus_reports.values(), kind="wide")
    assert len(wide) == len(ANNUAL)
    assert wide["document"].tolist() == [f"dev/{p}" for p in ANNUAL]
    assert set(wide["format"]) == {"legacy_local", "f2019", "f2021"}
    # every generation gives applications_received (legacy_local through the label map)
    assert wide["applications_received"].notna().all()
    assert wide["applications_received"].tolist() == [1, 0, 21, 0, 23, 74, 218, 34, 3119, 21, 95]
    local = wide[wide["format"] == "legacy_local"]
    assert local["granted"].tolist() == [1, 0, 17, 0]
    assert local["results_total"].tolist() == [1, 0, 21, 0]
    assert local["carried_over_in"].isna().all()  # no such row before 2019
    assert local["lossy_concepts"].str.contains("applications_received").all()
    modern = wide[wide["format"].isin(["f2019", "f2021"])]
    assert modern["granted"].notna().all()
    assert modern["results_total"].notna().all()
    assert modern["lossy_concepts"].isna().sum() >= 5  # f2021 mappings are exact
    # 008 leaves 结转下年度 总计 blank: never read as zero
    row_008 = wide.set_index("document").loc["dev/008"]
    assert row_008["carried_over_out"] is pd.NA
    # 009's 表四 header is garbled by the PDF; its row is read in template order
    assert wide.set_index("document").loc["dev/009", "review_total"] == 351


# --- crosswalk -------------------------------------------------------------------------------


def _mapped(concept_id: str, fmt: str) -> ConceptMapping:
    found = concept(concept_id).mapping(fmt)
    assert found is not None
    return found


def test_crosswalk_data_is_consistent() -> None:
    concepts = crosswalk()
    ids = [c.id for c in concepts]
    assert len(ids) == len(set(ids))
    for required in (
        "applications_received",
        "granted",
        "partially_granted",
        "denied_state_secret",
        "denied_third_party",
        "denied_security_stability",
        "denied_prohibited_by_law",
        "unavailable_not_held",
        "not_processed",
        "carried_over_in",
        "carried_over_out",
        "results_total",
        "review_total",
        "review_corrected",
        "litigation_total",
        "litigation_corrected",
        "normative_docs_issued",
        "normative_docs_in_force",
        "regulations_in_force",
        "active_items_total",
    ):
        assert required in ids
    for c in concepts:
        for m in c.mappings:
            # exact only within the modern templates (and legacy-only concepts)
            if m.format.value == "legacy_local":
                assert not m.exact
                assert m.labels
            if not m.exact:
                assert m.note, (c.id, m.format)
    assert _mapped("granted", "legacy_2014").expr == (
        "reply_already_public[value] + reply_granted[value]"
    )
    assert _mapped("granted", "f2021").exact
    assert not _mapped("granted", "legacy_2014").exact
    assert _mapped("litigation_total", "f2019").expr == (
        "litigation_direct_total[value] + litigation_after_review_total[value]"
    )
    assert _mapped("results_total", "legacy_2014").expr == "replies_total[value]"
    assert _mapped("other_handling", "f2019").expr == "other_handling[total]"
    assert _mapped("other_handling", "f2021").expr == (
        "other_no_correction[total] + other_fee_unpaid[total] + other_misc[total]"
    )
    assert concept("regulations_in_force").mapping("f2019") is None
    with pytest.raises(zwgk.UnknownError):
        concept("no_such_concept")


def test_the_crosswalk_binds_prose_to_one_cell_per_generation() -> None:
    # The phrases that name a concept in the narrative live on the concept; a generation
    # binds a stated number to the concept's cell only where it maps it to one cell.
    assert concept("applications_received").phrases
    bound = {fmt: dict(_prose_cells(fmt)) for fmt in ("legacy_2014", "f2019", "f2021")}
    assert bound["f2021"]["共受理政府信息公开申请"] == ("new_received", "total")
    assert bound["legacy_2014"]["共受理政府信息公开申请"] == ("apps_received", "value")
    assert bound["f2021"]["同意公开"] == ("granted", "total")
    assert "同意公开" not in bound["legacy_2014"]  # already_public + granted: no single cell
    assert bound["legacy_2014"]["行政诉讼"] == ("litigation_total", "value")
    assert "行政诉讼" not in bound["f2021"]  # direct + after review
    assert bound["legacy_2014"]["共答复"] == ("replies_total", "value")  # = apps_closed (L13)
    for fmt, cells in bound.items():
        tree = zwgk.indicator_tree(fmt)
        for indicator, column in cells.values():
            row = tree.find(indicator)
            assert row is not None
            assert column in {c.id for t in tree.tables for c in t.columns}
    with pytest.raises(zwgk.DataError, match="is not a pattern"):
        _phrase("(收到", "test")


_CLAUSES = ("共受理政府信息公开申请", "同意公开", "行政诉讼", "共答复", "上年结转")


def _prose_cells(fmt: str) -> Iterator[tuple[str, tuple[str, str]]]:
    for clause in _CLAUSES:
        hits = {cell for pattern, cell in prose_bindings(fmt) if pattern.search(clause)}
        if len(hits) == 1:
            yield clause, hits.pop()


def test_crosswalk_rejects_unknown_cells() -> None:
    with pytest.raises(zwgk.DataError, match="unknown indicator"):
        _mapping("f2021", {"terms": ["no_such_row[total]"]}, "test")
    with pytest.raises(zwgk.DataError, match="no column"):
        _mapping("f2021", {"terms": ["granted[value]"]}, "test")
    with pytest.raises(zwgk.DataError, match="cannot read"):
        _mapping("f2021", {"terms": ["granted"]}, "test")
    with pytest.raises(zwgk.DataError, match="unknown table generation"):
        _mapping("f2030", {"terms": ["granted[total]"]}, "test")


def test_harmonize_blank_is_never_zero() -> None:
    report = _report(
        "350128",
        granted=5,
        results=None,
        extra=(
            _cell("litigation_direct_total", "value", 3),
            _cell("litigation_after_review_total", "value", None, raw="—"),
        ),
    )
    values = harmonize(report)
    assert values["granted"].value == 5
    assert values["granted"].exact
    results = values["results_total"]
    assert (results.value, results.parts, results.missing) == (None, (), ("results_total[total]",))
    lit = values["litigation_total"]
    assert lit.value is None
    assert lit.parts == ("litigation_direct_total[value]",)
    assert lit.missing == ("litigation_after_review_total[value]",)
    assert "active_items_total" not in values  # not mapped in f2021
    assert harmonize(zwgk.AnnualReport(title="narrative only")) == {}


def test_harmonize_local_table_by_label(corpus_reports: dict[str, zwgk.AnnualReport]) -> None:
    values = harmonize(corpus_reports["003"])  # 平潭县 2012, local 统计表
    apps = values["applications_received"]
    assert (apps.value, apps.exact, apps.parts) == (21, False, ("受理依申请公开信息总数[current]",))
    assert values["denied_total"].value == 2  # 否决公开答复数
    assert "carried_over_in" not in values
    assert normalize_label("其中:1、同意公开答复数") == "同意公开答复数"
    assert normalize_label("（二）被依法纠错数") == "被依法纠错数"


def test_harmonize_fallback_to_the_printed_group_row(
    corpus_reports: dict[str, zwgk.AnnualReport],
) -> None:
    # 洪泽区 2023 uses the 2021 table but prints （六）其他处理 as one row, as in 2019
    other = harmonize(corpus_reports["010"])["other_handling"]
    assert (other.value, other.parts, other.missing) == (0, ("other_handling[total]",), ())
    split = harmonize(corpus_reports["006"])["other_handling"]  # the three 2021 sub-rows: 2 + 0 + 2
    assert (split.value, len(split.parts)) == (4, 3)


# --- measures --------------------------------------------------------------------------------


def test_disclosure_rate_of_006(corpus_reports: dict[str, zwgk.AnnualReport]) -> None:
    report = corpus_reports["006"]
    values = harmonize(report)
    assert values["applications_received"].value == 74
    assert (values["granted"].value, values["partially_granted"].value) == (21, 9)
    assert values["results_total"].value == 75
    m = measures(report)
    rate = m["disclosure_rate"]
    assert (rate.value, rate.numerator, rate.denominator, rate.exact, rate.reason) == (
        Decimal("0.4000"),
        30,
        75,
        True,
        None,
    )
    assert m["share_natural_person"].value == Decimal("0.9595")  # 71 / 74
    # review_total is 2: below the default min_count
    assert m["review_correction_rate"].value is None
    assert m["review_correction_rate"].reason == "denominator 2 < min_count 10"
    assert measures(report, min_count=1)["review_correction_rate"].value == Decimal("0.5000")


def test_measures_reasons_and_rounding() -> None:
    m = measures({"granted": 1, "partially_granted": 1, "results_total": 3}, min_count=0)
    assert m["disclosure_rate"].value == Decimal("0.6667")
    m = measures({"granted": 1, "partially_granted": None, "results_total": 30})
    assert (m["disclosure_rate"].value, m["disclosure_rate"].reason) == (
        None,
        "missing partially_granted",
    )
    m = measures({"granted": 0, "partially_granted": 0, "results_total": 0}, min_count=0)
    assert m["disclosure_rate"].reason == "denominator is 0"
    legacy = measures(zwgk.parse_report(SEED_003.read_text(encoding="utf-8")))
    assert legacy["disclosure_rate"].value == Decimal("0.7600")  # (5 + 12 + 2) / 25
    assert not legacy["disclosure_rate"].exact
    assert [d.id for d in measure_definitions()][:3] == [
        "disclosure_rate",
        "review_correction_rate",
        "litigation_loss_rate",
    ]
    with pytest.raises(zwgk.InputError):
        measures({}, min_count=-1)


def test_litigation_loss_rate_sums_both_suits() -> None:
    report = _report(
        "350128",
        extra=tuple(
            _cell(ind, "value", v)
            for ind, v in (
                ("litigation_direct_corrected", 2),
                ("litigation_after_review_corrected", 1),
                ("litigation_direct_total", 8),
                ("litigation_after_review_total", 4),
            )
        ),
    )
    rate = measures(report)["litigation_loss_rate"]
    assert (rate.numerator, rate.denominator, rate.value) == (3, 12, Decimal("0.2500"))


def test_division_parent() -> None:
    assert division_parent("430221", "city") == "430200"
    assert division_parent("430221", zwgk.Level.PROVINCE) == "430000"
    assert division_parent("430221", "county") == "430221"
    assert division_parent("430200", "province") == "430000"
    assert division_parent("430000", "city") is None
    assert division_parent("430200", "county") is None
    assert division_parent("430221003", "county") == "430221"
    with pytest.raises(zwgk.InputError):
        division_parent("4302", "city")
    with pytest.raises(zwgk.InputError):
        division_parent("430221", "township")


def test_rollup_recomputes_rates_from_sums() -> None:
    reports = [
        _report("430221", granted=10, partially=0, results=10),  # rate 1.0000
        _report("430211", granted=0, partially=0, results=90),  # rate 0.0000
        _report("350128", granted=5, partially=5, results=20),
        # an aggregate of the 湖南 region: excluded by default
        _report("430200", granted=100, partially=0, results=100, scope=zwgk.Scope.AGGREGATE),
    ]
    wide = to_frame(reports, kind="wide")
    out = rollup(wide, by="province").set_index("province")
    assert out.loc["430000", "reports"] == 2
    assert out.loc["430000", "granted"] == 10
    assert out.loc["430000", "results_total"] == 100
    assert out.loc["430000", "disclosure_rate"] == Decimal("0.1000")  # not the mean 0.5
    assert out.loc["350000", "disclosure_rate"] == Decimal("0.5000")

    both = rollup(wide, by="province", scope=None).set_index("province")
    assert both.loc["430000", "reports"] == 3
    assert both.loc["430000", "disclosure_rate"] == Decimal("0.5500")  # 110 / 200

    by_city = rollup(wide, by=["city", "year"])
    assert by_city["city"].tolist() == ["350100", "430200"]
    assert by_city["reports"].tolist() == [1, 2]

    everything = rollup(wide)
    assert everything.loc[0, "reports"] == 3
    assert everything.loc[0, "disclosure_rate"] == Decimal("0.1667")  # 20 / 120


def test_rollup_missing_part_makes_the_group_total_missing() -> None:
    wide = to_frame(
        [_report("430221", granted=10, results=10), _report("430211", granted=3, results=None)],
        kind="wide",
    )
    out = rollup(wide, by="province")
    assert out.loc[0, "granted"] == 13
    assert out.loc[0, "results_total"] is pd.NA
    assert out.loc[0, "disclosure_rate"] is None


def test_rollup_empty_and_errors() -> None:
    empty = rollup(to_frame([], kind="wide"), by="province")
    full = rollup(to_frame([_report("430221", results=10)], kind="wide"), by="province")
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.equals(full.dtypes)
    with pytest.raises(zwgk.InputError, match="cannot group"):
        rollup(to_frame([], kind="wide"), by="nowhere")
    with pytest.raises(zwgk.InputError, match="not a wide frame"):
        rollup(to_frame([]), by="year")


def test_rollup_of_the_dev_corpus(corpus_reports: dict[str, zwgk.AnnualReport]) -> None:
    wide = to_frame(corpus_reports.values(), kind="wide")
    out = rollup(wide[wide["format"] == "f2021"], by=["province", "year"])
    jiangsu_2024 = out[(out["province"] == "320000") & (out["year"] == 2024)].iloc[0]
    assert jiangsu_2024["reports"] == 2  # 淮安市 and 洪泽区 2024
    assert jiangsu_2024["applications_received"] == 3119 + 95
    granted = 1362 + 50 + 454 + 9
    assert jiangsu_2024["disclosure_rate"] == (Decimal(granted) / Decimal(3050 + 95)).quantize(
        Decimal("0.0001")
    )


# --- batch -----------------------------------------------------------------------------------


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    good = []
    for seed in sorted(SEEDS.glob("*.txt"))[2:5]:
        target = folder / seed.name
        shutil.copy(seed, target)
        good.append(target)
    garbage = folder / "999_garbage.txt"
    garbage.write_bytes(b"\xff\xfe\x00\xd8 broken")
    a_folder = folder / "a_folder.txt"
    a_folder.mkdir()
    return [good[0], garbage, good[1], a_folder, tmp_path / "missing.txt", good[2]]


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_records_failures_in_input_order(mixed_inputs: list[Path], workers: int) -> None:
    results = list(parse_many(mixed_inputs, workers=workers, progress=True))
    assert [r.source for r in results] == [str(p) for p in mixed_inputs]
    assert [r.ok for r in results] == [True, False, True, False, False, True]
    for r in results:
        assert (r.document is None) == (r.error is not None)
    assert "decode" in (results[1].error or "")
    assert "Is a directory" in (results[3].error or "")
    assert "No such file" in (results[4].error or "")
    assert results[0].document is not None
    assert results[0].document.source == str(mixed_inputs[0])
    kinds = [r.document.kind.value for r in results if r.document is not None]
    assert kinds == ["annual_report", "annual_report", "implementation_plan"]


def test_parse_many_with_a_small_pool_keeps_order(corpus_texts: dict[str, str]) -> None:
    paths = sorted(CORPUS.glob("[0-9]*.txt"))
    results = list(parse_many(paths, workers=2, progress=False))
    assert [r.source for r in results] == [str(p) for p in paths]
    assert all(r.ok for r in results)


def test_parse_many_texts_and_bad_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    results = list(
        parse_many(
            [RawText("停电通知", source="n1"), RawText(b"\xff\xfe\x00\xd8 broken"), str(SEED_003)],
            workers=1,
        )
    )
    assert [r.source for r in results] == ["n1", "<text #1>", str(SEED_003)]
    assert [r.ok for r in results] == [True, False, True]
    assert capsys.readouterr().err == ""  # no progress bar when stderr is not a terminal
    assert ParseResult("x", None, "boom").ok is False
    with pytest.raises(zwgk.InputError):
        list(parse_many([42], workers=1))  # type: ignore[list-item]
    with pytest.raises(zwgk.InputError):
        list(parse_many([], workers=0))


def test_parse_many_progress_bar_with_tqdm_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    bars: list[dict[str, object]] = []

    class FakeBar:
        def __init__(self, **kwargs: object) -> None:
            self.state: dict[str, object] = {"kwargs": kwargs, "updates": 0, "closed": False}
            bars.append(self.state)

        def update(self, n: int) -> None:
            self.state["updates"] = int(str(self.state["updates"])) + n

        def close(self) -> None:
            self.state["closed"] = True

    fake = types.ModuleType("tqdm")
    fake.tqdm = FakeBar  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tqdm", fake)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    results = list(parse_many([str(SEED_003), "missing.txt"], workers=1))
    assert len(results) == 2
    assert bars == [
        {"kwargs": {"total": 2, "unit": "doc", "file": sys.stderr}, "updates": 2, "closed": True}
    ]
    list(parse_many([str(SEED_003)], workers=1, progress=False))
    assert len(bars) == 1  # progress=False: no bar


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_write_facts_round_trip(
    tmp_path: Path, seed_report: zwgk.AnnualReport, suffix: str
) -> None:
    extra = _report("350128", extra=(_cell("x", "fee_amount", Decimal("4068.200")),))
    docs: list[zwgk.AnyDocument] = [seed_report, zwgk.OtherDocument(title="停电通知"), extra]
    expected = to_frame(docs)
    target = tmp_path / f"facts{suffix}"
    assert write_facts(iter(docs), target, batch_size=10) == len(expected)

    back = read_facts(target)
    assert list(back.columns) == [c.name for c in FACT_COLUMNS]
    assert back.dtypes.equals(expected.dtypes)
    pd.testing.assert_frame_equal(back, expected)
    assert (back["value_decimal"] == "4068.200").sum() == 1

    # plain pandas reads it too, with the documented columns
    plain = pd.read_parquet(target) if suffix == ".parquet" else pd.read_csv(target)
    assert list(plain.columns) == [c.name for c in FACT_COLUMNS]
    assert len(plain) == len(expected)

    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    (resource,) = package["resources"]
    assert resource["path"] == target.name
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == [c.name for c in FACT_COLUMNS]
    assert all(f["type"] in ("string", "integer", "boolean") and f["description"] for f in fields)
    assert {f["name"]: f["type"] for f in fields}["value_decimal"] == "string"
    assert resource["name"] == target.name


def test_write_facts_empty_and_two_resources(tmp_path: Path) -> None:
    assert write_facts([], tmp_path / "a.parquet") == 0
    assert write_facts([], tmp_path / "b.csv") == 0
    assert read_facts(tmp_path / "a.parquet").dtypes.equals(to_frame([]).dtypes)
    assert read_facts(tmp_path / "b.csv").dtypes.equals(to_frame([]).dtypes)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["a.parquet", "b.csv"]
    write_facts([], tmp_path / "a.parquet")  # rewriting replaces its resource
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == ["b.csv", "a.parquet"]
    with pytest.raises(zwgk.InputError):
        write_facts([], tmp_path / "facts.xlsx")


def test_cmd_facts_exit_codes(tmp_path: Path, mixed_inputs: list[Path]) -> None:
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "facts.parquet"
    # a folder (its sub-folder a_folder.txt is not a file and is skipped) and a missing file
    code = cmd_facts([str(mixed_inputs[0].parent), str(mixed_inputs[4])], str(target), out, err)
    assert code == 3
    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"zwgk: {mixed_inputs[1]}: cannot decode")
    assert lines[1].startswith(f"zwgk: {mixed_inputs[4]}: [Errno 2]")
    assert target.exists()
    assert len(read_facts(target)) > 0
    assert out.getvalue().startswith("wrote ")

    out, err = io.StringIO(), io.StringIO()
    assert cmd_facts([str(SEED_003)], str(tmp_path / "ok.csv"), out, err) == 0
    assert err.getvalue() == ""
    assert cmd_facts([str(SEED_003)], str(tmp_path / "facts.json"), out, err) == 2
    assert err.getvalue().startswith(f"zwgk: {tmp_path / 'facts.json'}: ")


def test_missing_pandas_raises_missing_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    wide = to_frame([], kind="wide")
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(
        zwgk.MissingExtraError, match="to_frame needs the optional dependency 'pandas'"
    ):
        to_frame([])
    with pytest.raises(zwgk.MissingExtraError, match="rollup"):
        rollup(wide)
    with pytest.raises(zwgk.MissingExtraError, match="write_facts"):
        write_facts([], tmp_path / "facts.csv")


# --- properties ------------------------------------------------------------------------------


@given(
    st.one_of(
        strategies.reports("legacy_2014"), strategies.reports("f2019"), strategies.reports("f2021")
    )
)
def test_property_frames_keep_shape_and_harmonize_never_zero_fills(
    report: zwgk.AnnualReport,
) -> None:
    frame = to_frame([report])
    assert len(frame) == sum(len(t.cells) for t in report.tables) + len(report.facts)
    assert frame.dtypes.equals(to_frame([]).dtypes)
    wide = to_frame([report], kind="wide")
    assert len(wide) == 1
    assert wide.dtypes.equals(to_frame([], kind="wide").dtypes)
    for h in harmonize(report).values():
        assert (h.value is None) == bool(h.missing)
        if h.value is not None:
            assert h.value == sum(report.cell(*_split(p)).value for p in h.parts)  # type: ignore[union-attr,misc]


def _split(key: str) -> tuple[str, str]:
    indicator, column = key[:-1].split("[")
    return indicator, column


def test_facts_and_to_frame_take_one_document() -> None:
    report = zwgk.parse(SEED_003.read_text(encoding="utf-8"))
    assert list(facts(report)) == list(facts([report]))
    assert to_frame(report).equals(to_frame([report]))
    assert to_frame(report, kind="wide").equals(to_frame([report], kind="wide"))
    assert len(to_frame(zwgk.OtherDocument(title="x"))) == 0


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            "2017年度报告",
            "facts takes parsed documents (or one), got str; parse text with zwgk.parse",
        ),
        (b"x", "got bytes; parse text with zwgk.parse"),
        (42, "facts takes parsed documents (or one), got int"),
    ],
)
def test_facts_of_what_is_not_documents_is_an_input_error(bad: object, message: str) -> None:
    with pytest.raises(zwgk.InputError) as info:
        facts(bad)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_to_frame_of_tables_says_what_it_expects() -> None:
    report = zwgk.parse(SEED_003.read_text(encoding="utf-8"))
    with pytest.raises(zwgk.InputError) as info:
        to_frame([report, report.tables[0]])  # type: ignore[list-item]
    assert str(info.value) == (
        "to_frame takes parsed documents (or one), got StatTable; "
        "for one table use table.to_frame() @ docs[1]"
    )
    with pytest.raises(zwgk.InputError, match="got dict"):
        to_frame([{"title": "x"}], kind="wide")  # type: ignore[list-item]


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
@pytest.mark.parametrize("big", [2**53 + 1, 123456789012345678, 2**63 - 1, -(2**63)])
def test_write_facts_integers_are_exact(tmp_path: Path, suffix: str, big: int) -> None:
    # Integers past 2**53 once came back changed from Parquet (read through float64),
    # and near 2**63 reading raised TypeError.
    report = _report("350128", granted=big, partially=None)
    target = tmp_path / f"facts{suffix}"
    write_facts([report], target)
    back = read_facts(target)
    assert str(back["value_int"].dtype) == "Int64"
    assert back["value_int"].iloc[0] == big
    assert back["value_int"].isna().sum() == 1


def _parse_or_die(text: str | bytes, **kwargs: object) -> zwgk.AnyDocument:
    """``parse``, except that it kills its own process on "KILL" and has a bug on "BUG"."""
    if text in ("KILL", b"KILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    if text in ("BUG", b"BUG"):
        raise ValueError("a bug")
    return zwgk.parse(text, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [3, 17])
def test_parse_many_survives_a_killed_worker(monkeypatch: pytest.MonkeyPatch, bad: int) -> None:
    # A killed worker once raised BrokenProcessPool out of parse_many: 2 of 24 results came
    # back.  Worker processes are forked, so they inherit the patched parse.
    monkeypatch.setattr("zwgk._analysis.batch.parse", _parse_or_die)
    texts = [f"停电通知{i}" for i in range(24)]
    texts[bad] = "KILL"
    inputs = [RawText(t, source=f"t{i}") for i, t in enumerate(texts)]
    results = list(parse_many(inputs, workers=2, progress=False))
    assert [r.source for r in results] == [f"t{i}" for i in range(24)]
    assert [r.ok for r in results] == [i != bad for i in range(24)]
    assert results[bad].error == WORKER_DIED
    assert all(r.document.title == f"停电通知{i}" for i, r in enumerate(results) if r.document)


@pytest.mark.parametrize("workers", [1, 2])
def test_parse_many_reports_a_bug_as_a_failed_result(
    monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr("zwgk._analysis.batch.parse", _parse_or_die)
    inputs = [RawText("停电通知", source="a"), RawText("BUG", source="b"), RawText("x", source="c")]
    results = list(parse_many(inputs, workers=workers, progress=False))
    assert [r.ok for r in results] == [True, False, True]
    assert (results[1].error or "").startswith("internal error, please report it: ValueError")


def test_parse_many_refuses_special_files(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)  # reading it once blocked forever
    results = list(parse_many([fifo, "/dev/zero", SEEDS / "003_cfccfa7d233b51e6.txt"], workers=1))
    assert [r.error for r in results[:2]] == [
        "not a regular file (a FIFO)",
        "not a regular file (a character device)",
    ]
    assert results[2].ok


def test_read_file_reads_at_most_the_limit_plus_one(tmp_path: Path) -> None:
    from zwgk._parse.text import read_file

    path = tmp_path / "a.txt"
    path.write_bytes(b"1" * 11)
    assert read_file(path, max_bytes=11) == b"1" * 11
    with pytest.raises(zwgk.InputError, match="more than 10 bytes"):
        read_file(path, max_bytes=10)


def test_document_files_names_what_it_skips(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("停电通知", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "d.pdf").write_bytes(b"%PDF")
    (tmp_path / "e.xlsx").write_bytes(b"PK")
    err = io.StringIO()
    found = list(document_files([str(tmp_path)], err))
    assert found == [tmp_path / "a.txt", tmp_path / "d.pdf"]
    assert err.getvalue().splitlines() == [
        f"zwgk: skipped {tmp_path / 'b.txt'}: not a regular file (a FIFO)",
        f"zwgk: skipped {tmp_path / 'c.txt'}: broken link",
        f"zwgk: skipped {tmp_path / 'e.xlsx'}: suffix .xlsx is not one of .txt .html .htm .pdf .docx",
    ]


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_write_facts_leaves_no_file_without_its_data_package(tmp_path: Path, suffix: str) -> None:
    # A batch that stopped half-way once left a Parquet file without its datapackage.json.
    def documents() -> Iterator[zwgk.AnyDocument]:
        yield _report("350128")
        raise RuntimeError("stopped")

    with pytest.raises(RuntimeError):
        write_facts(documents(), tmp_path / f"facts{suffix}", batch_size=1)
    assert list(tmp_path.iterdir()) == []


def test_cmd_facts_goes_on_past_a_crashing_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("zwgk._analysis.batch.read", read_or_bug)
    bug = tmp_path / "bug.txt"
    bug.write_text("BUG", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.txt")
    out, err = io.StringIO(), io.StringIO()
    files = [str(SEEDS / "003_cfccfa7d233b51e6.txt"), str(tmp_path)]
    target = tmp_path / "out" / "facts.parquet"
    target.parent.mkdir()
    assert cmd_facts(files, str(target), out, err) == 3
    assert err.getvalue().splitlines() == [
        f"zwgk: skipped {tmp_path / 'fifo.txt'}: not a regular file (a FIFO)",
        f"zwgk: {bug}: internal error, please report it: ValueError('a bug')",
    ]
    assert (target.parent / "datapackage.json").exists()
    assert len(read_facts(target)) == 72


@pytest.mark.parametrize("text", ["a\rb", "a\nb", "a\r\nb", "\r", 'a,"b"'])
def test_csv_facts_keep_line_breaks_in_fields(tmp_path: Path, text: str) -> None:
    # A lone CR in a text field once split the record in two when read back.
    cell = zwgk.Cell(
        indicator="granted",
        column="total",
        row_labels=(text,),
        column_labels=(),
        raw=text,
        value=None,
        token_class=zwgk.TokenClass.TEXT,
    )
    report = attrs.evolve(
        _report("350128"),
        tables=(zwgk.StatTable(id="f2021.t3", format=zwgk.TableFormat.F2021, cells=(cell,)),),
    )
    write_facts([report], tmp_path / "facts.csv")
    back = read_facts(tmp_path / "facts.csv")
    assert (len(back), back["row_label"].iloc[0], back["raw"].iloc[0]) == (1, text, text)


def test_parse_many_retries_the_inputs_of_a_killed_worker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A worker killed from outside, once: its input, retried alone, parses.
    mark = tmp_path / "killed"

    def parse_killed_once(text: str | bytes, **kwargs: object) -> zwgk.AnyDocument:
        if text == "停电通知5" and not mark.exists():
            mark.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return zwgk.parse(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("zwgk._analysis.batch.parse", parse_killed_once)
    inputs = [RawText(f"停电通知{i}", source=f"t{i}") for i in range(24)]
    results = list(parse_many(inputs, workers=2, progress=False))
    assert mark.exists()
    assert [r.document.title for r in results if r.document] == [f"停电通知{i}" for i in range(24)]


@given(st.lists(st.one_of(*strategies.BY_CLASS.values()), max_size=3), strategies.documents)
def test_chunk_results_pickle_to_equal_objects(
    objects: list[object], doc: zwgk.AnyDocument
) -> None:
    # What a worker sends back is read into objects equal to (and of the class of) the ones
    # it parsed; every model class on its own too.
    import pickle

    from zwgk._analysis.batch import _pack

    results = [ParseResult("a", doc), ParseResult("b", None, "error")]
    back = pickle.loads(_pack(results))
    assert back == results
    assert type(back[0].document) is type(doc)
    assert pickle.loads(_pack(objects)) == objects  # type: ignore[arg-type]
