"""The guide page "Reading files" prints what zwgk.read really does, with hand-checked values."""

from __future__ import annotations

import pytest
from tests.docs_pages import DOCS, exec_output

#: This test runs a documentation page: it needs the docs extra (`pytest -m docs`).
pytestmark = pytest.mark.docs


def test_reading_page() -> None:
    page = exec_output(DOCS / "guide" / "reading.md")
    # 009's PDF: 新收 total 3119 (page 4, the last column of 表三), 办理结果总计 3050 and
    # 结转下年度 103 on page 5, where 表四 also stands.
    assert "annual_report 2024 f2021 淮安市人民政府2024年政府信息公开工作年度报告" in page
    assert "3119 on page 4 BBox(x0=Decimal('486.35'), top=Decimal('456.54')," in page
    assert "results_total       3050  page 5" in page
    assert "carried_over_out     103  page 5" in page
    assert "表四 on pages [5]" in page
    assert "no text layer was found in the PDF" in page
    # The .docx made from seed 003: its 59 cells, 收到申请数 25 of which 网上申请 23.
    assert "annual_report 2017 legacy_2014 59 cells\n25 23\nTrue\n" in page
    assert "legacy Word .doc file" in page
    # 015's page: ArticleTitle, PubDate 2013-01-26, 索引号 and 文号 from the info table.
    assert "implementation_plan | 平潭综合实验区管委会关于印发2013年春运工作实施方案的通知" in page
    assert "2013-01-26 PZ00101-3000-2013-00002 闽岚综实管综〔2013〕1号\n42 tasks" in page
    # 013's page: all 26 tasks (8 headings, 18 tasks), 二 5 led by 区财政金融局.
    assert "work_points 26 tasks" in page
    assert "二 5 系统集成、智能推送已出台各项减税降费政策特别是大 ['区财政金融局']" in page
    for encoding in ("utf-8    ", "utf-8-sig", "utf-16   ", "gb18030  "):
        assert f"{encoding} 25\n" in page
    assert "OtherDocument ['input.empty']" in page
    assert "is the path of a file: read files with zwgk.read" in page
