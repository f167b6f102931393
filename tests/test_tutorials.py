"""The executed tutorials print what the library really does, and the values they explain.

Each page is run once, as the site build runs it; the assertions are values checked by hand
against the source texts (seed 003, dev corpus 006 and 007).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.docs_pages import DOCS, exec_output

import zwgk

#: These tests run documentation pages: they need the docs extra (`pytest -m docs`).
pytestmark = pytest.mark.docs

CORPUS = Path(__file__).resolve().parent / "corpus" / "dev"
REPORT = DOCS / "tutorials" / "report.md"
SERVICE = DOCS / "tutorials" / "service.md"


@pytest.fixture(scope="module")
def report_page() -> str:
    return exec_output(REPORT)


@pytest.fixture(scope="module")
def service_page() -> str:
    return exec_output(SERVICE)


def test_report_reads_seed_003(report_page: str) -> None:
    # Metadata block: 索引号, 公开日期 as printed.
    assert "index_no:  07312/2018-0012" in report_page
    assert "published: 2018-03-14" in report_page
    assert "doc_no:    None" in report_page
    assert "kind:   annual_report" in report_page
    assert "year:   2017" in report_page
    assert "format: legacy_2014" in report_page
    assert "legacy_2014  统计指标, 统计数, 回应解读情况, 举报投诉数量, 申请办结数" in report_page
    assert "f2019        -" in report_page
    # Bytes in GB18030 give the same document; undecodable bytes name the offset.
    assert "True\nDecodeError @ byte 0" in report_page


def test_report_resolves_the_agency(report_page: str) -> None:
    assert "full_name      株洲市工商行政管理局" in report_page
    assert "short_name     株洲市工商局" in report_page
    assert "division_code  430200" in report_page
    assert "株洲市工商局 -> 株洲市工商行政管理局 (430200, city, 工商)" in report_page
    assert "市工商局 -> 株洲市工商行政管理局 (430200, city, 工商)" in report_page
    assert "我局 -> 株洲市工商行政管理局 (430200, city, 工商)" in report_page
    assert "key: 430200:株洲市工商行政管理局" in report_page
    assert "merged_into 株洲市市场监督管理局 in 2019" in report_page
    assert "together with 株洲市质量技术监督局、株洲市食品药品监督管理局" in report_page


def test_report_outline(report_page: str) -> None:
    for heading in (
        "  一  信息公开工作开展情况  [424:1484]",
        "  三  依申请公开工商信息情况  [1575:1896]",
        "  六  主要问题和改进措施  [1992:2380]",  # ends where 附件 begins
    ):
        assert heading in report_page


def test_report_cells_and_spans(report_page: str) -> None:
    assert "legacy_2014.t1 政府信息公开情况统计表 Span(start=2394, end=3991)" in report_page
    assert "59 cells, 0 unplaced" in report_page
    # 收到申请数 25 = 当面 0 + 传真 0 + 网络 23 + 信函 2, printed at offsets 2952–2954.
    assert "apps_received         25 number    25 [2952:2954] 件  (一)收到申请数" in report_page
    assert "apps_fax               0 zero       0 [2991:2992] 件  2、传真申请数" in report_page
    assert "apps_online           23 number    23 [3010:3012] 件  3、网络申请数" in report_page
    # Money is a Decimal in 万元; the bracketed remark is a note.
    assert "special_funds         22 number    22 [3887:3889] 万元" in report_page
    assert "Decimal('22') 万元" in report_page
    assert "不同方式回应同一热点或舆情计1次" in report_page
    # The table's 25 and the prose's 25件 are two places.
    assert "table cell       (一)收到申请数⏎⏎  【25】" in report_page
    assert "narrative fact     2017年,我局收到【25件】政府信息公开" in report_page


def test_report_unplaced_and_findings(report_page: str) -> None:
    assert "17 Span(start=2958, end=2960) more values than the 1 cells of the row" in report_page
    assert "warning table.unplaced\n  1 value(s) not placed in legacy_2014.t1" in report_page
    assert "apps_received is still 25" in report_page
    assert "0 inferred cells" in report_page


def test_report_identities_and_validation(report_page: str) -> None:
    assert "L1   always   25 = 0 + 0 + 23 + 2  holds" in report_page
    assert "L3   always   25 = 5 + 12 + 2 + 1 + 1 + 1 + 2 + 1  holds" in report_page
    assert "L7   always   9 = 1 + 8  holds" in report_page
    assert "L8   usually  180 <= 0 + 130 + 0 + 0 + 50  holds" in report_page
    assert report_page.count("  holds") == len(
        zwgk.indicator_tree("legacy_2014").table("legacy_2014.t1").identities
    )
    assert "FAILS" not in report_page
    assert "not assessable" not in report_page
    # Blank is not zero: a blank part alone gives nothing; parts exceeding the total fail.
    assert "网络申请数 blank: ()" in report_page
    assert (
        "error identity.failed L1 reported 25 expected 30\nmissing ['apps_online[value]']"
        in report_page
    )
    assert "合计 apps_received[value] 填报 25，分项计算为 30" in report_page


def test_report_narrative_render_json_facts(report_page: str) -> None:
    assert "13 numbers in the prose" in report_page
    assert "25件    -> apps_received[value]" in report_page
    assert "text 25件, table apps_received[value] = 25: agree" in report_page
    assert "| (一)收到申请数 | 件 | 25 |\n| 1、当面申请数 | 件 | 0 |" in report_page
    assert 'apps_received   {"raw": "25", "value": 25, "unit": "件"}' in report_page
    assert 'special_funds   {"raw": "22", "value": "22", "unit": "万元"}' in report_page
    assert 'published: "2018-03-14"' in report_page
    assert "AnnualReport True" in report_page
    assert "72 rows: 59 cells, 13 narrative" in report_page
    assert "cell       legacy_2014.t1  25 件 (2952, 2954)" in report_page
    assert "narrative  None            25 件 (1602, 1605)" in report_page


def test_report_contrast_with_006(report_page: str) -> None:
    assert "2022 f2021 aggregate 2023-02-20" in report_page
    assert "平潭综合实验区管理委员会办公室 350128" in report_page
    assert "f2021.t3  175 cells, 175 inferred, 0 unplaced" in report_page
    # 713000074 → 71 3 0 0 0 0 74, by T3-3.
    assert "  natural_person         71  [2889:2891]" in report_page
    assert "  total                  74  [2896:2898]" in report_page
    assert "split of the digit run 713000074: by the table's identities" in report_page
    # 007: 6233440 splits 15 ways; the prose's 62 制发 leaves 4, the other two cells stay open.
    assert "issued    raw 62  value 62\n  alternatives 62" in report_page
    repealed = "repealed  raw 6233440  value None\n  alternatives 3, 33, 334, 3344"
    assert repealed in report_page
    assert "digit run 6233440 splits 4 ways into 3 cells" in report_page
    # Section 一 says 75; the table has 74 new + 1 carried over = 75 handled.
    assert "warning text.mismatch X-2 reported 75 expected 74" in report_page
    assert "年，全区收到政府信息公开申请【75件】" in report_page
    for line in ("new_received      74", "carried_over_in   1", "results_total     75"):
        assert line in report_page
    assert "skipped" not in report_page


def test_service_schema(service_page: str) -> None:
    assert "dialect: https://json-schema.org/draft/2020-12/schema" in service_page
    assert zwgk.SCHEMA_VERSION == "1.0"
    assert "this zwgk writes schema_version 1.0" in service_page
    assert "zwgk-1.0.schema.json" in service_page
    assert "27 top-level types, 27 definitions in $defs" in service_page  # BBox, TemplateRef
    assert 'Span required: ["start", "end"]\nSpan additionalProperties: false' in service_page
    assert "number, zero, blank, dash, slash, none_word, text" in service_page
    assert "seed 003 dump valid: True" in service_page


def test_service_schema_and_reader_errors(service_page: str) -> None:
    # The schema, checked against the envelope of the dump's type, gives paths.
    assert "$.tables[0].cells[17]: 'raw' is a required property" in service_page
    assert "$.tables[0].cells[17].token_class: 'estimate' is not one of" in service_page
    assert "$.schema_version: '2.0' does not match" in service_page
    # from_json: message and where.
    assert "required key 'raw' is missing\n    where: $.tables[0].cells[17].raw" in service_page
    assert "where: $.tables[0].cells[17].token_class" in service_page
    assert "floating-point number 25.5 is not allowed" in service_page
    assert "string)\n    where: $.tables[0].cells[17].value" in service_page
    # What the schema accepts and from_json refuses.
    assert "a span that ends first:\n    schema: ok\n" in service_page
    backwards = "span end 2952 is before its start 2954) @\n    $.tables[0].cells[17].span"
    assert backwards in service_page
    assert "a newer minor version:\n    schema: ok\n" in service_page
    assert "a float with no fraction:\n    schema: ok\n" in service_page
    # Well-formed but inconsistent: validate's findings.
    assert "schema errors: []" in service_page
    assert "error identity.failed L1 reported 26 expected 25" in service_page
    assert "warning text.mismatch X-2 reported 25 expected 26" in service_page


def test_service_calls(service_page: str) -> None:
    assert service_page.count("POST /parse -> 200 OK") == 2
    assert "AnnualReport legacy_2014 59 cells, 0 findings" in service_page
    assert "POST /parse -> 400 Bad Request" in service_page
    assert "@ byte 0" in service_page
    assert service_page.count("POST /documents -> 201 Created") == 2
    assert service_page.count("POST /documents -> 422 Unprocessable Content") == 4
    assert "    findings: ['identity.failed', 'text.mismatch']" in service_page
    assert "required key 'raw' is missing @ $.tables[0].cells[17].raw" in service_page
    assert "got Span @ $.type" in service_page
    assert "invalid JSON: Expecting value @ line 1 column 35" in service_page
    assert (
        'GET /documents -> 200 OK\n    {"documents": ["430200:株洲市工商行政管理局 | 2017 | '
        in service_page
    )
