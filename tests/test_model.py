"""The model's own behaviour: one-line reprs, cell look-up, deprecated names."""

from __future__ import annotations

import ast
import pickle
import warnings

import attrs
import pytest
from hypothesis import given
from tests.conftest import CORPUS, ROOT, SEEDS, read
from tests.strategies import cells, documents, findings, tables, tasks

import zwgk

DEV = sorted(CORPUS.glob("[0-9]*.txt"))


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.name[:3])
def test_repr_of_every_dev_document_is_one_short_line(path: object) -> None:
    doc = zwgk.parse(read(path))  # type: ignore[arg-type]
    text = repr(doc)
    assert len(text) < 300
    assert "\n" not in text
    assert text.startswith(f"<{type(doc).__name__} ")
    assert text.endswith(f"{len(doc.findings)} finding{'' if len(doc.findings) == 1 else 's'}>")


def test_repr_says_kind_year_generation_and_counts() -> None:
    report = zwgk.parse(read(SEEDS / "003_cfccfa7d233b51e6.txt"))
    assert repr(report) == (
        "<AnnualReport 2017 legacy_2014 '株洲市工商行政管理局2017年度政府信息公开工作年度报告': "
        "1 table, 59 cells, 0 findings>"
    )
    assert repr(report.tables[0]) == (
        "<StatTable legacy_2014.t1 legacy_2014 '政府信息公开情况统计表': 59 cells>"
    )
    assert repr(report.cell("apps_received")) == "<Cell apps_received[value] = 25 (raw='25')>"
    plan = zwgk.parse(read(SEEDS / "004_562af7ce0614f99d.txt"))
    assert repr(plan).startswith(
        "<ImplementationPlan '山西省工商行政管理局关于印发《全面推进政务公开"
    )
    assert "3 tasks (34 in all)" in repr(plan)
    task = zwgk.Task(("二", "(一)"), "公开权力清单", "", lead=tuple(map(zwgk.OrgUnit, "甲乙丙丁")))
    assert repr(task) == "<Task 二.(一) '公开权力清单'; lead: 甲, 乙, 丙 +1>"


def test_repr_marks_inferred_and_open_cells() -> None:
    cell = zwgk.Cell(
        "apps_received", "value", (), (), "640020470", None, zwgk.TokenClass.TEXT,
        inferred=True, inferred_reason="glued", alternatives=(6400, 64002),
    )  # fmt: skip
    assert cell.is_open
    assert repr(cell) == (
        "<Cell apps_received[value] = open (raw='640020470', inferred, alternatives 6400/64002)>"
    )
    table = zwgk.StatTable("legacy_2014.t1", zwgk.TableFormat.LEGACY_2014, cells=(cell,))
    assert repr(table) == "<StatTable legacy_2014.t1 legacy_2014: 1 cell, 1 inferred, 1 open>"
    finding = zwgk.Finding(
        "identity.failed", zwgk.Severity.ERROR, "L1 fails", rule="L1",
        refs=(zwgk.Ref("apps_received", "value"),), reported=25, expected=24,
    )  # fmt: skip
    assert repr(finding) == (
        "<Finding error identity.failed [L1] at apps_received[value] reported=25 expected=24: "
        "'L1 fails'>"
    )


@given(documents)
def test_repr_of_any_document_is_one_line(doc: zwgk.Document) -> None:
    text = repr(doc)
    assert "\n" not in text
    assert len(text) < 300


@given(cells(), tables, tasks(), findings)
def test_repr_of_cells_tables_tasks_findings_is_one_line(
    cell: zwgk.Cell, table: zwgk.StatTable, task: zwgk.Task, finding: zwgk.Finding
) -> None:
    for obj in (cell, table, task, finding):
        text = repr(obj)
        assert "\n" not in text
        assert len(text) < 300
        assert text.startswith(f"<{type(obj).__name__} ")


def test_cell_of_an_unknown_id_names_the_closest() -> None:
    report = zwgk.parse(read(SEEDS / "003_cfccfa7d233b51e6.txt"))
    with pytest.raises(zwgk.UnknownIndicatorError) as info:
        report.cell("apps_recieved")
    assert info.value.suggestions[0] == "apps_received"
    assert "closest: apps_received" in str(info.value)
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, zwgk.ZwgkError)
    again = pickle.loads(pickle.dumps(info.value))
    assert (str(again), again.suggestions) == (str(info.value), info.value.suggestions)
    with pytest.raises(zwgk.UnknownIndicatorError, match=r"see zwgk\.indicator_tree"):
        report.cell("zzzzzzzz")
    with pytest.raises(zwgk.InputError, match="an indicator id is a string, got NoneType"):
        report.cell(None)  # type: ignore[arg-type]


def test_cell_of_a_known_id_absent_from_the_report_is_none() -> None:
    report = zwgk.parse(read(SEEDS / "003_cfccfa7d233b51e6.txt"))
    assert report.cell("new_received", "total") is None  # an f2021 id, not in a 2017 report
    assert report.cell("licensing") is None


def test_cell_of_a_local_table_id_is_found() -> None:
    cell = zwgk.Cell("my_row", "value", ("x",), (), "5", 5, zwgk.TokenClass.NUMBER)
    table = zwgk.StatTable("local", zwgk.TableFormat.LEGACY_LOCAL, cells=(cell,))
    report = zwgk.AnnualReport(title="x", tables=(table,))
    assert report.cell("my_row") is cell


def test_cell_without_column_takes_a_one_column_rows_column() -> None:
    report = zwgk.parse(read(CORPUS / "007_pingtan-ar-2024-fmt2021-flat.txt"))
    assert report.cell("licensing") is report.cell("licensing", "decisions")
    assert report.cell("licensing") is not None
    assert report.cell("admin_fees") is report.cell("admin_fees", "fee_amount")
    assert report.cell("review_total") is report.cell("review_total", "value")
    with pytest.raises(zwgk.InputError, match=r"new_received has 7 columns in f2021\.t3"):
        report.cell("new_received")
    assert report.cell("new_received", "total").value == report.tables[1].value(
        "new_received", "total"
    )


def test_orgunit_has_a_deprecated_alias_and_keeps_its_json_tag() -> None:
    with pytest.warns(DeprecationWarning, match="zwgk.Unit is deprecated; use zwgk.OrgUnit"):
        alias = zwgk.Unit  # type: ignore[attr-defined]
    assert alias is zwgk.OrgUnit
    assert "Unit" not in zwgk.__all__
    assert zwgk.to_data(zwgk.OrgUnit("注册处"))["type"] == "Unit"
    assert zwgk.from_json('{"schema_version": "1.0", "type": "Unit", "name": "注册处"}') == (
        zwgk.OrgUnit("注册处")
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert zwgk.OrgUnit("x").name == "x"
    with pytest.raises(AttributeError):
        zwgk.NoSuchName  # type: ignore[attr-defined]  # noqa: B018


def test_findings_is_a_tuple() -> None:
    found = zwgk.validate(zwgk.parse(read(SEEDS / "004_562af7ce0614f99d.txt")))
    assert isinstance(found, zwgk.Findings)
    assert found == tuple(found)
    assert pickle.loads(pickle.dumps(found)) == found
    assert attrs.evolve(zwgk.OtherDocument(title="x"), findings=found).findings == found


def test_the_model_depends_on_nothing_else_in_zwgk() -> None:
    # Rendering (HTML, frames) is imported inside the methods that need it, never at import.
    for path in sorted((ROOT / "src" / "zwgk" / "_model").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("zwgk"):
                assert node.module.startswith(("zwgk._model", "zwgk._errors")), (path, node.module)
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith(("zwgk", "pandas")) for a in node.names), path


@given(cells())
def test_trusted_cell_equals_the_validated_one(cell: zwgk.Cell) -> None:
    cell = attrs.evolve(cell, page=None, bbox=None, inferred=cell.inferred_reason is not None)
    trusted = zwgk.Cell._trusted(
        cell.indicator,
        cell.column,
        cell.row_labels,
        cell.column_labels,
        cell.raw,
        cell.value,
        cell.token_class,
        cell.unit,
        cell.span if cell.span is None else zwgk.Span._trusted(cell.span.start, cell.span.end),
        cell.note,
        cell.inferred_reason,
        cell.alternatives,
    )
    assert trusted == cell
    assert hash(trusted) == hash(cell)
    assert repr(trusted) == repr(cell)
    assert pickle.loads(pickle.dumps(trusted)) == cell


@pytest.mark.parametrize("path", DEV, ids=lambda p: p.name[:3])
def test_cells_the_parser_builds_pass_the_validators(path: object) -> None:
    doc = zwgk.parse(read(path))  # type: ignore[arg-type]
    for table in getattr(doc, "tables", ()):
        for cell in table.cells:
            assert attrs.evolve(cell) == cell  # evolve runs the validators
            assert cell.span is not None
            assert attrs.evolve(cell.span) == cell.span
