"""The guide pages print what the library really does, and the values they explain.

Each page is run as the site build runs it; the assertions are values checked by hand against
the source texts (seeds 003 and 004, dev corpus 006 to 010 and 026).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.docs_pages import DOCS, ROOT, blocks, exec_output

#: These tests run documentation pages: they need the docs extra (`pytest -m docs`).
pytestmark = pytest.mark.docs


def _page(name: str) -> str:
    return exec_output(DOCS / "guide" / f"{name}.md")


def test_parsing_page_reads_seed_003() -> None:
    page = _page("parsing")
    # 索引号 07312/2018-0012, 发文 2018-03-14; 发布机构 株洲市工商局.
    assert "annual_report 2017 legacy_2014 07312/2018-0012 2018-03-14" in page
    assert "株洲市工商行政管理局 株洲市工商局 city 430200 株洲市 工商" in page
    # 收到申请数 25 at characters 2952-2954 = 当面 0 + 传真 0 + 网络 23 + 信函 2; 专项经费 22 万元.
    assert "件 Span(start=2952, end=2954) '25'\n[25, 0, 0, 23, 2]\nDecimal('22') 万元" in page
    # 「2017年,我局收到25件政府信息公开申请」 restates the table's 25.
    assert "[('我局收到', 25, '件', 'apps_received')]" in page
    assert "| (一)主动公开政府信息数(不同渠道和方式公开相同的信息列为1条) | 条 | 180 |" in page


def test_parsing_page_splits_and_places() -> None:
    page = _page("parsing")
    # 006: 713000074 is 71 3 0 0 0 0 74; 8855698 is 88 55 698 (the prose says 698件).
    assert "74 True split of the digit run 713000074: by the table's identities" in page
    assert "[88, 55, 698]\nsplit of the digit run 8855698: of 15 cuts, only this one" in page
    # 007: 6233440; the prose states 62 制发, which leaves four cuts: 废止 and 现行有效 stay open.
    assert "62 (62,)\nNone (3, 33, 334, 3344)\ndigit run 6233440 splits 4 ways" in page
    # 009: 新收 total 3119; 表二 规章 1 0 11, 规范性文件 8 26 66 read column by column.
    assert "3119\n11 66\n" in page
    # 009 表四: 72+64+178+37 = 351, 13+4+8+1 = 26, 12+1+1+6 = 20.
    assert "review                   [72, 64, 178, 37, 351]" in page
    assert "litigation_after_review  [12, 1, 1, 6, 20]" in page


def test_validation_page() -> None:
    page = _page("validation")
    # Seed 003 is clean; 网络申请数 23 -> 24 breaks L1 (25 against 0 + 0 + 24 + 2).
    assert page.startswith("()\nidentity.failed error L1 25 26\n")
    # 010 表四: 10 1 0 0 | 0: 行政复议 总计 0 against 11; 5 0 0 0 | 0: 复议后起诉 总计 0 against 5.
    assert "error identity.failed T4-1a 0 11\nerror identity.failed T4-1c 0 5\n" in page
    # The fifth value of the row, the printed 0 of 行政复议 总计, at character 2278.
    assert "Ref(indicator='review_total', column='value', span=Span(start=2278, end=2279))" in page
    # summarize on the dev corpus.
    for line in (
        "identity.failed              2\n",
        "plan.duplicate_number        4\n",  # 026: two lists numbered 1.-4. under 二(一)
        # 008: 结转下年度 总计 blank; 031: 表三's legal-person columns printed blank
        "structure.empty_cells        2\n",
        "text.mismatch                1\n",  # 006: 收到申请75件, table 74 new
    ):
        assert line in page


def test_plans_page() -> None:
    page = _page("plans")
    # Seed 004: signed 2017年6月15日, 发文日期 2017-06-19; replies 6月 20日前; 琚玉芳 7680382.
    assert "implementation_plan 山西省工商行政管理局 2017-06-15 2017-06-19" in page
    assert "('省局机关各处(室)', '协(学)会', '直属单位', '示范区工商局')" in page
    assert "6月 20日前 2017-06-20\nContact(person='琚玉芳', phone='7680382')" in page
    # 二(一)5: 年内完成… (办公室、宣传中心牵头负责,其他单位按职责分工负责).
    assert "('二', '(一)', '5') 大力推进“互联网+政务服务”" in page
    assert "['办公室', '宣传中心'] ('其他单位按职责分工负责',)\n年内 date 2017-12-31" in page
    # 42 (task, lead) pairs: 三(二) names 办公室 and 基层教育处.
    assert "42 rows" in page
    # 二(一)1: (注册处、法制处牵头, …) 动态调整.
    assert "注册处  lead            动态调整\n" in page


def test_agencies_page() -> None:
    page = _page("agencies")
    assert "  full_name: 沈阳市工商行政管理局\n  short_name: 沈阳市工商局\n  level: city\n" in page
    assert "  division_code: 210100\n" in page
    assert "沈阳市工商行政管理局\ncentral\n350128\n" in page
    assert "  valid_to: 2018\nFalse\n430212\n" in page  # 株洲县 abolished in 2018; 渌口区
    assert "-> 沈阳市市场监督管理局 with 沈阳市质量技术监督局, 沈阳市食品药品监督管理局" in page


def test_serialization_page() -> None:
    page = _page("serialization")
    # Seed 003: 收到申请数 prints 25 at characters 2952-2954; 专项经费 22 万元.
    assert '"raw": "25",\n  "value": 25,' in page
    assert '"start": 2952,\n    "end": 2954' in page
    assert "Decimal('22') 万元\n\"22\"\nDecimal('22')" in page
    # Every refusal names its path.
    assert "where: $.tables[0].cells[17].value" in page
    assert "unknown keys ['confidence']\n    where: $.tables[0].cells[17]\n" in page
    assert "required key 'raw' is missing\n    where: $.tables[0].cells[17].raw" in page
    assert "expected an AnnualReport dump, got Span @ $.type" in page
    assert "schema_version '2.0' cannot be read" in page
    assert "seed 003: True" in page
    # 59 cells (the table of seed 003) and 13 numbers of its prose.
    assert "72 facts: 59 cells, 13 narrative" in page
    assert "72 rows written, 72 read" in page


def test_analysis_page() -> None:
    page = _page("analysis")
    assert "missing.txt                            [Errno 2] No such file or directory" in page
    # 平潭 2024 (dev 007): 新收 217 natural persons + 1 enterprise = 218; 予以公开 71,
    # 部分公开 29, 总计 218. 2022 (dev 006) says it 汇总 the units' work: aggregate.
    assert " 2024        f2021    agency                    218       71            218" in page
    assert " 2022        f2021 aggregate                     74       21             75" in page
    assert "disclosure_rate         100 / 218  0.4587" in page
    assert "share_natural_person    217 / 218  0.9954" in page
    # Rolled up with the aggregate: 71 + 21 granted of 218 + 75 handled.
    assert "f2021        2       92            293          0.4437" in page
    assert "dask_facts needs the optional dependency 'dask'" in page


def test_the_dask_example_runs_as_a_script(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("dask.distributed")
    (script,) = (
        body
        for info, body, _ in blocks(DOCS / "guide" / "analysis.md")
        if "facts_on_dask.py" in info
    )
    assert 'if __name__ == "__main__":' in script
    (tmp_path / "facts_on_dask.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "facts_on_dask.py", str(ROOT / "seeds"), "facts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    frame = pd.read_parquet(tmp_path / "facts")
    cell = frame[(frame.indicator == "apps_received") & (frame.kind == "cell")]
    assert cell.value_int.tolist() == [25]  # seed 003's 收到申请数


def test_cli_page() -> None:
    page = _page("cli")
    # A folder scan: the report (suffix in capitals) is parsed, notes and sources are skipped.
    assert "zwgk: skipped build/docs/collection/NOTES.md: suffix .md is not one of" in page
    assert "zwgk: skipped build/docs/collection/README.txt: notes, not a document" in page
    assert "build/docs/collection/003.TXT: annual_report" in page
    assert (
        "$ zwgk parse build/docs/collection/NOTES.md\nbuild/docs/collection/NOTES.md: other" in page
    )
    assert "zwgk parse: error: argument --workers: must be 1 or more, got 0" in page
    assert "year 2017, format legacy_2014, 1 table(s), 59 cells" in page
    assert "zwgk: missing.txt: [Errno 2] No such file or directory" in page
    assert "$ echo $?\n3\n" in page
    assert "$ echo $?\n2\n" in page
    assert "wrote 144 facts from 5 of 5 files" in page  # 72 of them seed 003's
    assert '"code": "plan.no_lead"' in page


def test_cli_page_fails_a_report_that_does_not_add_up() -> None:
    cli_page = _page("cli")
    # 洪泽区 2023 (dev 010): 行政复议 总计 0 against 10 + 1; 复议后起诉 总计 0 against 5.
    assert "reported total review_total[value] = 0, computed sum 11" in cli_page
    assert "litigation_after_review_total[value] = 0, computed sum 5" in cli_page
    assert "$ echo $?\n1\n" in cli_page
