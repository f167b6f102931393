"""The registry of templates: lookups, derived views, and a tree that is not shipped, end to end."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk import (
    AnnualReport,
    Cell,
    Section,
    Span,
    StatTable,
    TableFormat,
    TemplateRef,
    Templates,
    TokenClass,
)
from zwgk._parse.outline import outline

SHIPPED = Templates.shipped()

# The section titles the outline reader knew before they moved into the trees (2014, 2019
# and 2021 outlines with their printed variants): the registry gives the same set.
SECTION_TITLES = {
    "总体情况", "概述", "主动公开政府信息情况", "行政机关主动公开政府信息情况",
    "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开行政复议和行政诉讼情况", "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进措施",
    "主要问题和改进措施", "其他需要报告的事项", "依申请公开政府信息情况",
    "政府信息依申请公开工作情况", "政府信息公开的收费及减免情况",
    "因政府信息公开申请行政复议、提起行政诉讼的情况",
    # headings of county and department reports before 2014 (dev 033, 034)
    "年度政府信息公开工作概述", "政府信息公开工作概述", "基本情况", "政府信息主动公开情况",
    "主动公开情况", "依申请公开情况", "收费及减免情况", "政府信息公开收费及减免情况",
    "存在的主要问题和改进措施", "存在的主要问题及改进措施", "存在的问题和改进措施",
}  # fmt: skip


def test_the_shipped_registry() -> None:
    assert SHIPPED.generations == ("legacy_2014", "f2019", "f2021")
    assert Templates().generations == SHIPPED.generations
    assert SHIPPED.tree("f2021") is zwgk.indicator_tree("f2021")
    assert "f2019" in SHIPPED
    assert "legacy_local" not in SHIPPED
    assert SHIPPED.get("legacy_local") is None
    with pytest.raises(zwgk.UnknownError, match="no tree for generation 'legacy_local'"):
        SHIPPED.tree("legacy_local")
    assert set(SHIPPED.section_titles()) == SECTION_TITLES
    assert len(SHIPPED.section_titles()) == len(SECTION_TITLES)


@pytest.mark.parametrize(
    ("year", "generation", "required"),
    [
        (2008, None, False),
        (2013, None, False),
        (2014, "legacy_2014", False),
        (2018, "legacy_2014", False),
        (2019, "f2019", True),
        (2020, "f2019", True),
        (2021, "f2021", True),
        (2035, "f2021", True),
        (None, None, False),
    ],
)
def test_the_generation_of_a_year(year: int | None, generation: str | None, required: bool) -> None:
    assert SHIPPED.generation_for_year(year) == generation
    assert SHIPPED.required(generation) is required


def test_families_and_sections() -> None:
    assert SHIPPED.family("f2019") == SHIPPED.family("f2021") == "2019"
    assert SHIPPED.family("legacy_2014") == "legacy"
    assert SHIPPED.family("legacy_local") == "legacy_local"  # no tree: its own family
    assert SHIPPED.family(None) is None
    assert [s.table for s in SHIPPED.sections("f2021")] == [None, "t2", "t3", "t4", None, None]
    assert SHIPPED.sections("legacy_local") == ()


def test_tables_by_reference() -> None:
    t3 = SHIPPED.table(TemplateRef("f2021", "t3"))
    assert t3 is not None
    assert t3 is SHIPPED.table("f2021.t3")
    assert t3.ref == TemplateRef("f2021", "t3")
    assert SHIPPED.table("f2021.t1") is None
    assert SHIPPED.table("local") is None
    assert SHIPPED.table(None) is None
    assert zwgk.indicator_tree("f2021").table(t3.ref) is t3
    with pytest.raises(zwgk.UnknownError):
        zwgk.indicator_tree("f2019").table(t3.ref)  # another generation's reference
    table = StatTable(id="f2021.t3", format=TableFormat.F2021)
    assert SHIPPED.template_of(table) is t3
    # The id and the format must agree; a local table names no template.
    assert SHIPPED.template_of(attrs.evolve(table, format=TableFormat.F2019)) is None
    assert SHIPPED.template_of(StatTable(id="local", format=TableFormat.LEGACY_LOCAL)) is None


@given(
    st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True),
    st.from_regex(r"[a-z0-9_]{1,4}", fullmatch=True),
)
def test_a_reference_reads_back_what_it_writes(generation: str, table: str) -> None:
    ref = TemplateRef(generation, table)
    assert TemplateRef.of(str(ref)) == ref


@pytest.mark.parametrize("text", ["local", "", ".t3", "f2021.", "a.b.c"])
def test_ids_that_name_no_template(text: str) -> None:
    assert TemplateRef.of(text) is None


def test_views_are_compiled_once_per_template() -> None:
    t3 = SHIPPED.tree("f2021").table("t3")
    views = SHIPPED.compiled(t3)
    assert SHIPPED.compiled(t3) is views
    assert views.checks is views.checks
    # T3-5: the group row （六）其他处理 is the sum of its three sub-rows, column by column.
    assert views.definitions[("other_handling", "natural_person")] == (
        ("other_no_correction", "natural_person"),
        ("other_fee_unpaid", "natural_person"),
        ("other_misc", "natural_person"),
    )
    assert [i.code for _, i in views.cross_checks] == ["continuity.carry_over"] * len(
        views.cross_checks
    )


# ---- a tree that is not shipped ------------------------------------------------------------

LOCAL: dict[str, Any] = {
    "format": "legacy_local",
    "title": "政府信息公开情况统计表",
    "basis": "某省地方统计制度",
    "family": "legacy",
    "years": [2008, 2013],
    "sections": [
        {"number": "一", "title": "概述", "required": False},
        {"number": "二", "title": "本单位政务公开工作亮点", "required": False},
    ],
    "tables": [
        {
            "id": "t1",
            "title": "政府信息公开情况统计表",
            "layout": "vertical",
            "stub": ["指标名称", "计量单位"],
            "columns": [{"id": "value", "labels": ["本年累计"]}],
            "rows": [
                {"id": "apps", "label": "受理申请总数", "unit": "件"},
                {"id": "apps_online", "label": "其中：网上申请", "unit": "件"},
                {"id": "apps_other", "label": "其他方式申请", "unit": "件"},
            ],
            "identities": [{"id": "A1", "expr": "apps[value] = apps_online[value] + apps_other[value]"}],
        }
    ],
}  # fmt: skip
MINE = Templates().register(zwgk.tree_from_data(LOCAL))


def local_report(apps: int) -> AnnualReport:
    def cell(indicator: str, label: str, value: int, start: int) -> Cell:
        return Cell(indicator, "value", (label,), ("本年累计",), str(value), value,
                    TokenClass.NUMBER, "件", Span(start, start + len(str(value))))  # fmt: skip

    table = StatTable(
        id="legacy_local.t1",
        format=TableFormat.LEGACY_LOCAL,
        title="政府信息公开情况统计表",
        cells=(
            cell("apps", "受理申请总数", apps, 10),
            cell("apps_online", "其中：网上申请", 5, 20),
            cell("apps_other", "其他方式申请", 2, 30),
        ),
    )
    return AnnualReport(title="某县2012年政府信息公开工作年度报告", year=2012,
                        format=TableFormat.LEGACY_LOCAL, tables=(table,))  # fmt: skip


def test_registering_returns_a_new_registry() -> None:
    assert MINE.generations == ("legacy_2014", "f2019", "f2021", "legacy_local")
    assert "legacy_local" not in SHIPPED
    replaced = MINE.register(attrs.evolve(MINE.tree("legacy_local"), title="另一张表"))
    assert replaced.tree("legacy_local").title == "另一张表"
    assert MINE.tree("legacy_local").title == "政府信息公开情况统计表"
    assert replaced.generations == MINE.generations
    moved = MINE.register(attrs.evolve(MINE.tree("f2019"), title="另一格式"))
    assert moved.generations == MINE.generations  # replaced in its place
    assert MINE.generation_for_year(2012) == "legacy_local"
    assert SHIPPED.generation_for_year(2012) is None
    assert repr(MINE) == "Templates(legacy_2014, f2019, f2021, legacy_local)"


def test_a_tree_that_is_not_shipped_drives_validate() -> None:
    broken = local_report(apps=8)
    assert zwgk.validate(broken) == ()  # the shipped trees know no local table
    (f,) = zwgk.validate(broken, templates=MINE)
    assert (f.code, f.rule, f.reported, f.expected) == ("identity.failed", "A1", 8, 7)
    assert f.message.startswith("identity A1 does not hold: apps[value] = apps_online[value]")
    assert zwgk.validate(local_report(apps=7), templates=MINE) == ()
    assert zwgk.validate_many([broken], templates=MINE) == {
        zwgk.document_key(broken): (f,)
    }  # fmt: skip


def test_a_tree_that_is_not_shipped_drives_continuity() -> None:
    # Its family says which reports it is compared with year to year; A1 is within the year.
    now = attrs.evolve(local_report(apps=7), year=2013)
    assert zwgk.validate(now, previous=local_report(apps=7), templates=MINE) == ()


def test_a_tree_that_is_not_shipped_drives_render() -> None:
    report = local_report(apps=7)
    mine = zwgk.render(report, templates=MINE).splitlines()
    assert mine[2:] == [
        "政府信息公开情况统计表",
        "指标名称\t计量单位\t本年累计",
        "受理申请总数\t件\t7",
        "其中：网上申请\t件\t5",
        "其他方式申请\t件\t2",
    ]
    # Without the tree the table prints by its own labels.
    assert zwgk.render(report).splitlines()[3] == "指标名称\t计量单位\t本年累计"
    markdown = zwgk.render(report, "markdown", templates=MINE)
    assert "| 受理申请总数 | 件 | 7 |" in markdown


def test_a_tree_without_stub_prints_blank_headers() -> None:
    data = {**LOCAL, "tables": [{**LOCAL["tables"][0], "stub": []}]}
    mine = Templates().register(zwgk.tree_from_data(data))
    assert zwgk.render(local_report(apps=7), templates=mine).splitlines()[3] == "\t\t本年累计"


def test_parse_takes_the_registry_for_its_section_titles() -> None:
    # The outline reader takes the registry's section titles: a registered title ends a
    # heading that runs into its text.
    text = (
        "某县2012年政府信息公开工作年度报告\n一、概述\n本年度工作平稳。\n"
        "二、本单位政务公开工作亮点今年我们推进了网站改版。\n"
    )
    shipped = zwgk.parse_report(text)
    mine = zwgk.parse_report(text, templates=MINE)
    assert [s.title for s in mine.sections] == ["概述", "本单位政务公开工作亮点"]
    assert [s.title for s in shipped.sections][1] != "本单位政务公开工作亮点"
    assert zwgk.parse(text, templates=MINE) == mine
    assert zwgk.parse(text, templates=SHIPPED) == shipped


def local_text(
    apps: int, online: int, other: int, *, header: str = "指标名称 计量单位 本年累计"
) -> str:
    return (
        "某县2012年政府信息公开工作年度报告\n\n一、概述\n本县认真落实条例。\n\n"
        f"附件：政府信息公开情况统计表\n{header}\n受理申请总数 件 {apps}\n"
        f"其中：网上申请 件 {online}\n其他方式申请 件 {other}\n"
    )


def cells_of(doc: zwgk.Document) -> list[tuple[str, str | None, str, int | None]]:
    assert isinstance(doc, AnnualReport)
    return [
        (t.id, c.indicator, c.raw, c.value if isinstance(c.value, int) else None)
        for t in doc.tables
        for c in t.cells
    ]


@pytest.mark.parametrize("generation", ["legacy_local", "zhejiang_2012"])
def test_a_tree_that_is_not_shipped_drives_parse_validate_and_render(generation: str) -> None:
    # A province's table, as the local generation or as a generation of its own.
    mine = Templates().register(zwgk.tree_from_data({**LOCAL, "format": generation}))
    text = local_text(9, 5, 2)
    doc = zwgk.parse(text, templates=mine)
    assert isinstance(doc, AnnualReport)
    assert doc.format == generation
    assert cells_of(doc) == [
        (f"{generation}.t1", "apps", "9", 9),
        (f"{generation}.t1", "apps_online", "5", 5),
        (f"{generation}.t1", "apps_other", "2", 2),
    ]
    assert [c.span.of(text) for c in doc.tables[0].cells if c.span] == ["9", "5", "2"]
    # 9 ≠ 5 + 2: the tree's own identity reports it, also after a JSON round trip.
    (f,) = zwgk.validate(doc, templates=mine)
    assert (f.code, f.rule, f.reported, f.expected) == ("identity.failed", "A1", 9, 7)
    assert zwgk.validate(zwgk.from_json(zwgk.to_json(doc)), templates=mine) == (f,)
    # Rendered on the tree and parsed back: the same cells.
    printed = zwgk.render(doc, templates=mine)
    assert "受理申请总数\t件\t9" in printed
    assert cells_of(zwgk.parse(printed, templates=mine)) == cells_of(doc)
    assert zwgk.validate(zwgk.parse(local_text(7, 5, 2), templates=mine), templates=mine) == ()
    # The shipped registry reads the table by its own header, with no indicator ids.
    shipped = zwgk.parse(text)
    assert isinstance(shipped, AnnualReport)
    assert shipped.format is TableFormat.LEGACY_LOCAL
    assert [(t, i, raw) for t, i, raw, _ in cells_of(shipped)] == [
        ("local", None, "9"), ("local", None, "5"), ("local", None, "2")
    ]  # fmt: skip


def test_a_generation_id_is_open_and_checked_by_the_registry() -> None:
    own = TableFormat("zhejiang_2012")
    assert own == "zhejiang_2012"
    assert own.value == "zhejiang_2012"
    assert own not in list(TableFormat)
    with pytest.raises(ValueError, match="not a valid TableFormat"):
        TableFormat("Zhejiang 2012")
    with pytest.raises(zwgk.UnknownError, match="no tree for generation 'zhejiang_2012'"):
        SHIPPED.tree(own)
    with pytest.raises(zwgk.DataError):
        zwgk.tree_from_data({**LOCAL, "format": "Zhejiang 2012"})


def test_a_tree_reads_a_table_the_local_reader_does_not_recognise() -> None:
    # No 指标名称 header and one line: only the tree's own labels find the table.
    text = local_text(9, 5, 2, header="项目 数量").replace("\n受理", " 受理").replace(" 件", "")
    text = text.replace("\n其", " 其")
    assert cells_of(zwgk.parse(text)) == []
    assert cells_of(zwgk.parse(text, templates=MINE)) == [
        ("legacy_local.t1", "apps", "9", 9),
        ("legacy_local.t1", "apps_online", "5", 5),
        ("legacy_local.t1", "apps_other", "2", 2),
    ]


def test_a_tree_replaces_a_shipped_generation_for_reading() -> None:
    data = {**LOCAL, "format": "legacy_2014", "years": [2014, 2018], "sections": []}
    variant = SHIPPED.register(zwgk.tree_from_data(data))
    doc = zwgk.parse(local_text(9, 5, 2, header="项目 单位 数量"), templates=variant)
    assert isinstance(doc, AnnualReport)
    assert doc.format is TableFormat.LEGACY_2014
    assert [i for _, i, _, _ in cells_of(doc)] == ["apps", "apps_online", "apps_other"]
    (f,) = zwgk.validate(doc, templates=variant)
    assert (f.rule, f.reported, f.expected) == ("A1", 9, 7)
    # A national generation's tree never reads a table the local header marks as local.
    local = zwgk.parse(local_text(9, 5, 2), templates=variant)
    assert [(t, i) for t, i, _, _ in cells_of(local)] == [("local", None)] * 3
    assert variant.local.generations == ()
    assert MINE.local.generations == ("legacy_local",)


def test_a_tree_without_hints_is_detected_by_its_own_labels() -> None:
    from zwgk._parse.tables import detect_generation

    printed = "受理申请总数 9 其中：网上申请 5"
    assert detect_generation(printed) is None
    assert detect_generation(printed, templates=MINE) is TableFormat.LEGACY_LOCAL
    # A shipped generation's own markers still decide it in the larger registry.
    f2021 = "本年制发件数 本年废止件数 现行有效件数 受理申请总数"
    assert detect_generation(f2021, templates=MINE) is TableFormat.F2021
    # Its hints, given as data, are kept on the tree and on its tables.
    hinted = zwgk.tree_from_data({**LOCAL, "parsing": {"markers": ["受理申请总数"],
                                                       "header_words": ["填报单位"]}})  # fmt: skip
    assert hinted.markers == ("受理申请总数",)
    assert hinted.tables[0].header_words == ("填报单位",)


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_a_registered_tree_round_trips_through_render(apps: int, online: int, other: int) -> None:
    doc = zwgk.parse(local_text(apps, online, other), templates=MINE)
    assert [v for _, _, _, v in cells_of(doc)] == [apps, online, other]
    assert cells_of(zwgk.parse(zwgk.render(doc, templates=MINE), templates=MINE)) == cells_of(doc)


def test_outline_titles_match_by_the_registry() -> None:
    titles = MINE.section_titles()
    assert "本单位政务公开工作亮点" in titles
    (section,) = outline("一、本单位政务公开工作亮点今年推进改版。", titles=titles)
    assert section.title == "本单位政务公开工作亮点"


def test_harmonize_takes_the_registry() -> None:
    report = zwgk.parse(Path("seeds/003_cfccfa7d233b51e6.txt").read_text(encoding="utf-8"))
    assert isinstance(report, AnnualReport)
    values = zwgk.harmonize(report, templates=SHIPPED)
    assert values == zwgk.harmonize(report)
    # A registry whose legacy tree lacks 同意公开答复数 has no 'granted' for such reports.
    tree = SHIPPED.tree("legacy_2014")
    t1 = tree.tables[0]

    def prune(row: zwgk.Indicator) -> zwgk.Indicator:
        kept = tuple(prune(c) for c in row.children if c.id != "reply_granted")
        return attrs.evolve(row, children=kept)

    pruned = attrs.evolve(t1, rows=tuple(prune(r) for r in t1.rows), identities=())
    fewer = SHIPPED.register(attrs.evolve(tree, tables=(pruned,)))
    without = zwgk.harmonize(report, templates=fewer)
    assert "granted" in values
    assert "granted" not in without
    assert without["applications_received"] == values["applications_received"]


def test_structure_rules_follow_the_trees_sections() -> None:
    # A 2012 report is held to nothing; a 2022 one to the six sections of f2021.
    report = AnnualReport(title="x", year=2022, sections=(
        Section("一、总体情况", "一", "总体情况", 1, Span(0, 10)),))  # fmt: skip
    codes = [f.code for f in zwgk.validate(report)]
    assert codes.count("structure.missing_section") == 5
    assert codes.count("structure.missing_table") == 3
    assert zwgk.validate(attrs.evolve(report, year=2012)) == ()
    # A registry whose f2021 requires only 一 and 五 asks for those alone.
    tree = SHIPPED.tree("f2021")
    two = tuple(s for s in tree.sections if s.number in "一五")
    narrow = SHIPPED.register(attrs.evolve(tree, sections=two))
    found = zwgk.validate(report, templates=narrow)
    assert [f.code for f in found] == ["structure.missing_section"]
    assert re.search("五", found[0].message)
