"""``zwgk.read``: PDF, Word and other files chosen by content; cells keep page and box."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
from tests.test_parse_reports import CORPUS

import zwgk
from zwgk._cli import main
from zwgk._files import sniff
from zwgk._files.pdf import PdfText, _continue_labels, _grid, pdf_text

PDF = Path(__file__).parent / "corpus" / "dev" / "pdf"
PDFS = {p.name[:3]: p for p in sorted(PDF.glob("*.pdf"))}
SEED_003 = Path(__file__).parents[1] / "seeds" / "003_cfccfa7d233b51e6.txt"

# The values tests/test_parse_reports.py checks by hand for the text forms of 009–011.
HAND_CHECKED = {key: values for key, _fmt, _year, _published, values in CORPUS if key in PDFS}
BLOCKS = {  # 表二（一）: regulations and normative documents, issued / repealed / in force
    "009": {"regulations": [1, 0, 11], "normative_docs": [8, 26, 66]},
    "010": {"regulations": [0, 0, 0], "normative_docs": [0, 5, 5]},
    "011": {"regulations": [0, 0, 0], "normative_docs": [3, 0, 8]},
}


@pytest.fixture(scope="module")
def pdf_reports() -> dict[str, zwgk.AnnualReport]:
    out = {}
    for key, path in PDFS.items():
        report = zwgk.read(path)
        assert isinstance(report, zwgk.AnnualReport)
        out[key] = report
    return out


def _key(cell: zwgk.Cell) -> str:
    return cell.key if cell.indicator else f"{cell.row_labels[0]}[{cell.column}]"


@pytest.mark.parametrize("key", sorted(PDFS))
def test_pdf_gives_the_hand_checked_values(
    pdf_reports: dict[str, zwgk.AnnualReport], key: str
) -> None:
    report = pdf_reports[key]
    assert (report.kind, report.format) == (zwgk.DocumentKind.ANNUAL_REPORT, zwgk.TableFormat.F2021)
    cells = {_key(c): c for c in report.cells()}
    assert {k: cells[k].value for k in HAND_CHECKED[key]} == HAND_CHECKED[key]
    for row, values in BLOCKS[key].items():
        cells = [report.cell(row, c) for c in ("issued", "repealed", "in_force")]
        assert [c.value for c in cells if c is not None] == values
    assert report.source == str(PDFS[key])


@pytest.mark.parametrize("key", sorted(PDFS))
def test_pdf_cells_equal_the_text_form(
    pdf_reports: dict[str, zwgk.AnnualReport], corpus_texts: dict[str, str], key: str
) -> None:
    text = zwgk.parse(corpus_texts[key])
    want = {_key(c): c.value for c in text.cells() if c.value is not None}
    got = {_key(c): c.value for c in pdf_reports[key].cells()}
    assert {k: got.get(k) for k in want} == want
    assert not [u for t in pdf_reports[key].tables for u in t.unplaced]


@pytest.mark.parametrize("key", sorted(PDFS))
def test_every_pdf_cell_has_its_page_and_box(
    pdf_reports: dict[str, zwgk.AnnualReport], key: str
) -> None:
    with pdfplumber.open(PDFS[key]) as pdf:
        words = [page.extract_words() for page in pdf.pages]
    for cell in pdf_reports[key].cells():
        assert cell.page is not None
        assert cell.bbox is not None
        assert cell.bbox.x0 < cell.bbox.x1
        assert cell.bbox.top < cell.bbox.bottom
        if cell.raw:  # the printed token is a word inside the box on that page
            box = cell.bbox
            inside = [
                w["text"]
                for w in words[cell.page - 1]
                if box.x0 <= Decimal(str((w["x0"] + w["x1"]) / 2)) <= box.x1
                and box.top <= Decimal(str((w["top"] + w["bottom"]) / 2)) <= box.bottom
            ]
            assert cell.raw in inside, (cell.key, cell.raw, inside)


def test_pdf_cell_round_trips_through_json(pdf_reports: dict[str, zwgk.AnnualReport]) -> None:
    report = pdf_reports["009"]
    assert zwgk.from_json(zwgk.to_json(report)) == report


def _pdf(content: bytes) -> bytes:
    """A one-page PDF drawing ``content`` (a content stream); no fonts, so no text."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_scanned_pdf_says_no_text_layer() -> None:
    scan = _pdf(b"10 10 m 190 190 l S 0.5 g 20 20 100 100 re f")
    with pytest.raises(zwgk.InputError, match="no text layer"):
        zwgk.read(scan)


def test_damaged_pdf_is_an_input_error() -> None:
    with pytest.raises(zwgk.InputError, match="PDF"):
        zwgk.read(b"%PDF-1.4\nnot really a pdf")


class _Table:
    """What pdfplumber's table finder gives: cell boxes and the table's box."""

    def __init__(self, cells: list[tuple[float, float, float, float]]) -> None:
        self.cells = cells
        self.bbox = (
            min(c[0] for c in cells),
            min(c[1] for c in cells),
            max(c[2] for c in cells),
            max(c[3] for c in cells),
        )


def _word(text: str, x0: float, top: float) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + 10 * len(text), "top": top, "bottom": top + 10}


def test_grid_from_ruled_cells_spans_labels_not_numbers() -> None:
    # A header cell over two columns, a number over two columns, a label column whose
    # second row has a rule drawn through it (an empty box beside its label).
    table = _Table(
        [
            (0, 0, 100, 20),
            (100, 0, 300, 20),  # 本年处理决定数量, over two columns
            (0, 20, 100, 40),
            (100, 20, 300, 40),  # 550, over two columns
            (0, 40, 50, 60),
            (50, 40, 100, 60),  # empty: the rest of the label (六)其他处理
            (100, 40, 200, 60),
            (200, 40, 300, 60),
            (0, 60, 50, 80),
            (50, 60, 100, 80),
            (100, 60, 200, 80),
            (200, 60, 300, 80),  # a blank value stays blank
        ]
    )
    words = [
        _word("信息内容", 5, 5),
        _word("本年处理", 150, 2),
        _word("决定数量", 150, 10),
        _word("行政许可", 5, 25),
        _word("550", 150, 25),
        _word("其他处理", 5, 45),
        _word("0", 150, 45),
        _word("1", 250, 45),
        _word("总计", 5, 65),
        _word("甲", 60, 65),
        _word("7", 150, 65),
    ]
    grid = _grid(table, words, 3)
    texts = [[None if c is None else c[0] for c in row] for row in grid.rows]
    assert texts == [
        ["信息内容", "信息内容", "本年处理决定数量", "本年处理决定数量"],
        ["行政许可", "行政许可", "550", None],
        ["其他处理", "其他处理", "0", "1"],
        ["总计", "甲", "7", ""],
    ]
    assert grid.rows[1][2] is not None
    assert (grid.rows[1][2][1], grid.rows[1][2][2].x1) == (3, Decimal("300.00"))


def test_continue_labels_leaves_value_columns_alone() -> None:
    box = zwgk.BBox(Decimal(0), Decimal(0), Decimal(1), Decimal(1))
    rows: list[list[tuple[str, int, zwgk.BBox] | None]] = [
        [("规章", 1, box), ("", 1, box)],
        [("文件", 1, box), ("5", 1, box)],
    ]
    _continue_labels(rows)
    assert [r[1][0] if r[1] else None for r in rows] == ["", "5"]


def _docx_of_seed_003() -> tuple[bytes, zwgk.AnnualReport]:
    text = SEED_003.read_text(encoding="utf-8")
    report = zwgk.parse(text)
    assert isinstance(report, zwgk.AnnualReport)
    (table,) = report.tables
    assert table.span is not None
    document = docx.Document()
    for line in text[: table.span.start].splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    grid = document.add_table(rows=1, cols=2)
    head = grid.rows[0].cells
    head[0].merge(head[1]).text = table.title or ""  # a merged header cell
    for cell in table.cells:
        row = grid.add_row().cells
        row[0].text, row[1].text = cell.row_labels[-1], cell.raw
    for line in text[table.span.end :].splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), report


def test_docx_of_seed_003_round_trips_its_cells(tmp_path: Path) -> None:
    data, report = _docx_of_seed_003()
    path = tmp_path / "report.bin"  # the name says nothing: the content decides
    path.write_bytes(data)
    for source in (path, str(path), data, io.BytesIO(data)):
        back = zwgk.read(source)
        assert isinstance(back, zwgk.AnnualReport)
        assert (back.title, back.year, back.format) == (report.title, report.year, report.format)
        assert [(c.key, c.value, c.raw) for c in back.cells()] == [
            (c.key, c.value, c.raw) for c in report.cells()
        ]
        assert back.tables[0].value("apps_received") == 25


def test_docx_merged_cells_fill_every_position() -> None:
    from zwgk._files.docx import docx_text

    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "申请人情况"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "自然人"
    table.cell(1, 1).text, table.cell(1, 2).text = "1", "2"
    table.cell(2, 1).text, table.cell(2, 2).text = "3", "4"
    document.add_paragraph("结语")
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_text(buffer.getvalue()).splitlines() == [
        "前言",
        "| 申请人情况 | 申请人情况 | 申请人情况 |",
        "| 自然人 | 1 | 2 |",
        "| 自然人 | 3 | 4 |",
        "结语",
    ]


def test_legacy_doc_and_other_archives_are_named() -> None:
    with pytest.raises(zwgk.InputError, match=r"legacy Word \.doc"):
        zwgk.read(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(zwgk.InputError, match=r"not a Word \.docx"):
        zwgk.read(buffer.getvalue())
    assert sniff(b"{\\rtf1 ...") == "rtf"


def test_text_files_and_encodings(tmp_path: Path) -> None:
    text = SEED_003.read_text(encoding="utf-8")
    for encoding in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        path = tmp_path / f"seed.{encoding}"
        path.write_bytes(text.encode(encoding))
        doc = zwgk.read(path)
        assert isinstance(doc, zwgk.AnnualReport)
        assert doc.tables[0].value("apps_received") == 25
    with open(tmp_path / "seed.utf-8", encoding="utf-8") as handle:  # a text-mode file
        assert zwgk.read(handle).kind is zwgk.DocumentKind.ANNUAL_REPORT
    assert zwgk.read(SEED_003, kind="implementation_plan").kind.value == "implementation_plan"


def test_read_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(zwgk.InputError, match="No such file"):
        zwgk.read(tmp_path / "missing.pdf")
    with pytest.raises(zwgk.InputError, match=r"zwgk\.parse"):
        zwgk.read("标题: 通知\n正文")
    with pytest.raises(zwgk.InputError, match="unknown document kind"):
        zwgk.read(SEED_003, kind="report")
    with pytest.raises(zwgk.InputError, match="expected a path"):
        zwgk.read(42)  # type: ignore[arg-type]


def test_parse_points_paths_and_file_bytes_to_read() -> None:
    with pytest.raises(zwgk.InputError, match=r"zwgk\.read"):
        zwgk.parse(str(SEED_003))
    with pytest.raises(zwgk.InputError, match=r"zwgk\.read"):
        zwgk.parse(PDFS["009"].read_bytes())
    with pytest.raises(zwgk.InputError, match=r"zwgk\.read"):
        zwgk.parse(b"PK\x03\x04" + bytes(40))
    # A one-line text that names no file is text.
    assert zwgk.parse("关于做好政务公开工作的通知").kind is zwgk.DocumentKind.OTHER


@pytest.mark.parametrize("data", ["", "   \n\t\u3000\n", b"", b"\xef\xbb\xbf  \r\n"])
def test_empty_input_is_reported(data: str | bytes) -> None:
    doc = zwgk.parse(data)
    assert isinstance(doc, zwgk.OtherDocument)
    assert [f.code for f in doc.findings] == ["input.empty"]
    assert any(r.code == "input.empty" for r in zwgk.RULES)


def test_cli_says_an_input_was_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["parse", str(empty), "--workers", "1"], out=out, err=err) == 0
    assert err.getvalue() == f"zwgk: {empty}: empty input, no document read\n"
    assert "other" in out.getvalue()


def test_cli_parses_a_pdf() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["parse", str(PDFS["010"]), "--workers", "1"], out=out, err=err) == 0
    assert "applications received: 21" in out.getvalue()


@pytest.mark.parametrize("misprint", ["2.其他法律行政止公开", "乙"])
def test_a_misprinted_grid_label_is_placed_between_its_neighbours(misprint: str) -> None:
    # 010's PDF prints 「2.其他法律行政止公开」 (three characters missing): the row between
    # 1.属于国家秘密 and 3.危及… takes its values, flagged; no later row is skipped to.
    text = pdf_text(PDFS["009"].read_bytes()).text
    assert text.count("| 2.其他法律行政法规禁止公开 |") == 1
    report = zwgk.parse(text.replace("| 2.其他法律行政法规禁止公开 |", f"| {misprint} |"))
    assert isinstance(report, zwgk.AnnualReport)
    cell = report.cell("denied_prohibited_by_law", "total")
    assert cell is not None
    assert cell.value == 31
    assert cell.inferred
    assert "names no row" in (cell.inferred_reason or "")
    assert report.cell("denied_security_stability", "total").value == 5  # type: ignore[union-attr]
    assert not [u for t in report.tables for u in t.unplaced]
    between = [f for f in report.findings if "names no row" in f.message]
    assert [(f.code, f.severity, f.message_zh) for f in between] == [
        ("table.values_apart", zwgk.Severity.WARNING, "行标签无法识别，按上下行位置推定所属行")
    ]


def test_a_misprinted_label_with_no_known_row_after_it_is_reported() -> None:
    text = pdf_text(PDFS["009"].read_bytes()).text
    broken = text.replace("| 2.其他法律行政法规禁止公开 |", "| 乙 |").replace(
        "| 3.危及“三安全一稳定” |", "| 丙 |"
    )
    report = zwgk.parse(broken)
    assert isinstance(report, zwgk.AnnualReport)
    unplaced = [u.raw for t in report.tables for u in t.unplaced]
    assert unplaced[:7] == ["30", "1", "0", "0", "0", "0", "31"]


def test_a_row_of_one_cell_across_the_table_is_a_line() -> None:
    from zwgk._files.pdf import _Writer

    box = zwgk.BBox(Decimal(0), Decimal(0), Decimal(1), Decimal(1))
    heading = ("二、主动公开政府信息情况", 2, box)
    writer = _Writer()
    writer.row([heading, heading, heading])
    writer.row([("规章", 2, box), ("1", 2, box), None])
    assert "".join(writer.parts) == "二、主动公开政府信息情况\n| 规章 | 1 |  |\n"
    text = "".join(writer.parts)
    assert [text[c.start : c.end] for c in writer.cells] == [
        "二、主动公开政府信息情况",
        "规章",
        "1",
    ]


def test_words_outside_tables_are_located_too() -> None:
    # A table printed without rules reads as lines; its values still find their boxes.
    from zwgk._files.pdf import _Writer

    writer = _Writer()
    writer.line([_word("(一)收到申请数", 10, 300), _word("25", 200, 300)], 2)
    writer.line([_word("2024", 10, 320), _word("年", 53, 320)], 2)
    text = "".join(writer.parts)
    assert text == "(一)收到申请数 25\n2024年\n"  # 3 pt apart: typesetting; 110 pt: a column
    located = PdfText(text, tuple(writer.cells)).locate(text.index("25"))
    assert located is not None
    assert (located.page, located.bbox.x0, located.bbox.x1) == (2, Decimal(200), Decimal(220))


def test_prose_in_a_frame_is_not_a_table(pdf_reports: dict[str, zwgk.AnnualReport]) -> None:
    # 010 and 011 print their prose on ruled paper (a one-column "table" of lines) and in a
    # frame of four columns: it reads as lines, its headings as headings.
    text = pdf_text(PDFS["010"].read_bytes()).text
    assert "\n一、总体情况\n" in text
    assert "\n二、主动公开政府信息情况\n" in text
    assert "| 本报告" not in text


def test_docx_automatic_numbering_is_written_out() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from zwgk._files.docx import docx_text

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for level, fmt, text in (
            (0, "chineseCounting", "%1、"),
            (1, "chineseCounting", "（%2）"),
            (2, "decimal", "%3."),
        )
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )

    document.add_paragraph("关于印发某某区政务公开工作实施方案的通知")
    numbered("工作目标", 0)
    numbered("重点任务", 0)
    numbered("推进决策公开", 1)
    numbered("公开重大决策草案。（牵头单位：区司法局）", 2)
    numbered("公开执行结果。（牵头单位：区发改局）", 2)
    numbered("推进执行公开", 1)
    numbered("保障措施", 0)
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_text(buffer.getvalue()).splitlines()[1:] == [
        "一、工作目标",
        "二、重点任务",
        "（一）推进决策公开",
        "1.公开重大决策草案。（牵头单位：区司法局）",
        "2.公开执行结果。（牵头单位：区发改局）",
        "（二）推进执行公开",
        "三、保障措施",
    ]
    plan = zwgk.read(buffer.getvalue())
    assert isinstance(plan, zwgk.ImplementationPlan)
    leads = {t.path: [u.name for u in t.lead] for t in plan.walk_tasks()}
    assert leads[("二", "(一)", "1")] == ["区司法局"]
    assert leads[("二", "(一)", "2")] == ["区发改局"]
