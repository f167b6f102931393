"""Agencies, divisions and the 2018 reform (report-formats.md §9).

Expected values are checked by hand: codes against python-stdnum's ``cn/loc.dat``
(GB/T 2260), names and levels against the spec and the pages they come from.
"""

from __future__ import annotations

import csv
import json
import pickle
from importlib import resources
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zwgk._agency import (
    Division,
    Succession,
    agency,
    division,
    find_divisions,
    is_valid_division,
    predecessors,
    successors,
)
from zwgk._agency.data import agency_data
from zwgk._agency.divisions import parse_code_list
from zwgk._errors import InputError, UnknownError, ZwgkError
from zwgk._model.core import Agency
from zwgk._model.enums import Level

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "dev"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


C, P, CT, CO, T, U = (
    Level.CENTRAL,
    Level.PROVINCE,
    Level.CITY,
    Level.COUNTY,
    Level.TOWNSHIP,
    Level.UNKNOWN,
)

# name as printed -> (full_name, region, level, division_code, sector)
NAMES = {
    "沈阳市工商局": ("沈阳市工商行政管理局", "沈阳市", CT, "210100", "工商"),
    "沈阳市工商行政管理局": ("沈阳市工商行政管理局", "沈阳市", CT, "210100", "工商"),
    "株洲市工商行政管理局": ("株洲市工商行政管理局", "株洲市", CT, "430200", "工商"),
    "株洲市工商局": ("株洲市工商行政管理局", "株洲市", CT, "430200", "工商"),
    "营口市工商局": ("营口市工商行政管理局", "营口市", CT, "210800", "工商"),
    "沈阳市营商环境建设局": ("沈阳市营商环境建设局", "沈阳市", CT, "210100", "营商"),
    "山西省工商行政管理局": ("山西省工商行政管理局", "山西省", P, "140000", "工商"),
    "山西工商行政管理局": ("山西省工商行政管理局", "山西省", P, "140000", "工商"),
    "淮安市人民政府": ("淮安市人民政府", "淮安市", CT, "320800", "政府"),
    "淮安市洪泽区人民政府": ("淮安市洪泽区人民政府", "淮安市洪泽区", CO, "320813", "政府"),
    "上海市科学技术委员会": ("上海市科学技术委员会", "上海市", P, "310000", "科技"),
    "平潭县人民政府": ("平潭县人民政府", "平潭县", CO, "350128", "政府"),
    "福建省人民政府办公厅": ("福建省人民政府办公厅", "福建省", P, "350000", "办公厅"),
    "国务院办公厅政府信息与政务公开办公室": (
        "国务院办公厅政府信息与政务公开办公室",
        None,
        C,
        None,
        "办公厅",
    ),
    # 平潭综合实验区: prefecture rank (CITY), located by 平潭县 350128
    "平潭综合实验区管委会": ("平潭综合实验区管理委员会", "平潭综合实验区", CT, "350128", "政府"),
    "平潭综合实验区管委会办公室": (
        "平潭综合实验区管理委员会办公室",
        "平潭综合实验区",
        CT,
        "350128",
        "办公厅",
    ),
    "平潭综合实验区公安局": ("平潭综合实验区公安局", "平潭综合实验区", CT, "350128", "公安"),
    # its 片区管理局: county rank
    "平潭综合实验区苏平片区管理局": (
        "平潭综合实验区苏平片区管理局",
        "平潭综合实验区苏平片区",
        CO,
        "350128",
        "政府",
    ),
    "平潭综合实验区君山片区管理局党政办公室": (
        "平潭综合实验区君山片区管理局党政办公室",
        "平潭综合实验区君山片区",
        CO,
        "350128",
        "办公厅",
    ),
    "澳前镇": ("澳前镇人民政府", "澳前镇", T, None, "政府"),
    # more from the spec (§9.1, §9.2)
    "泰州市政府办": ("泰州市人民政府办公室", "泰州市", CT, "321200", "办公厅"),
    "沭阳县发改局": ("沭阳县发展和改革局", "沭阳县", CO, "321322", "发展改革"),
    "舒兰市市场监督管理局": ("舒兰市市场监督管理局", "舒兰市", CO, "220283", "市场监管"),
    "鹿城区统计局": ("温州市鹿城区统计局", "温州市鹿城区", CO, "330302", "统计"),
    "上海市浦东新区人民政府": ("上海市浦东新区人民政府", "上海市浦东新区", CO, "310115", "政府"),
    "武汉市生态环境局": ("武汉市生态环境局", "武汉市", CT, "420100", "生态环境"),
    "定西市人民政府": ("定西市人民政府", "定西市", CT, "621100", "政府"),
    "宁国市商务局": ("宁国市商务局", "宁国市", CO, "341881", "商务"),
    "财政部": ("财政部", None, C, None, "财政"),
    "国家税务总局": ("国家税务总局", None, C, None, "税务"),
}


def facts(a: Agency) -> tuple[str | None, str | None, Level, str | None, str | None]:
    return (a.full_name, a.region, a.level, a.division_code, a.sector)


@pytest.mark.parametrize(("name", "expected"), list(NAMES.items()))
def test_names(name: str, expected: tuple[object, ...]) -> None:
    a = agency(name)
    assert a.name == name
    assert facts(a) == expected


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("株洲市工商行政管理局", "株洲市工商局"),
        ("沈阳市营商环境建设局", "沈阳市营商局"),
        ("沈阳市发展和改革委员会", "沈阳市发展改革委"),
        ("沭阳县发展和改革局", "沭阳县发改局"),
        ("上海市人民政府办公厅", "上海市政府办公厅"),
        ("泰州市人民政府办公室", "泰州市政府办"),
        ("上海市科学技术委员会", "上海市科委"),
        ("平潭综合实验区管理委员会", "平潭综合实验区管委会"),
        ("淮安市人民政府", "淮安市政府"),
    ],
)
def test_short_names(name: str, short: str) -> None:
    assert agency(name).short_name == short


def test_name_is_kept_as_printed() -> None:
    a = agency("  沈阳市 工商局 ")
    assert a.name == "  沈阳市 工商局 "
    assert a.full_name == "沈阳市工商行政管理局"


def test_key_is_code_and_full_name() -> None:
    assert agency("株洲市工商局").key == "430200:株洲市工商行政管理局"
    assert agency("株洲市工商局") == agency("株洲市工商局")  # frozen, comparable


# --------------------------------------------------------------------------- context


SEED_000 = "000_cfc0556bba3b7f24.txt"  # 沈阳市工商局 2017
SEED_001 = "001_f34a2bd53015dbff.txt"  # 营口市工商局 2013
SEED_002 = "002_f6cf0e7777c06485.txt"  # 沈阳市营商环境建设局 2018 ("市营商局", "我局")
SEED_003 = "003_cfccfa7d233b51e6.txt"  # 株洲市工商行政管理局 2017
SEED_004 = "004_562af7ce0614f99d.txt"  # 山西省工商行政管理局 2017 plan


@pytest.mark.parametrize(
    ("name", "context", "full", "code"),
    [
        ("市工商局", "沈阳市...", "沈阳市工商行政管理局", "210100"),
        (
            "市营商局",
            "沈阳市营商环境建设局2018年政府信息公开年度报告",
            "沈阳市营商环境建设局",
            "210100",
        ),
        ("市政府办", "泰州市人民政府", "泰州市人民政府办公室", "321200"),
        ("市政府办公厅", "上海市人民政府", "上海市人民政府办公厅", "310000"),
        ("市发展改革委", "沈阳市", "沈阳市发展和改革委员会", "210100"),
        ("区公安局", "平潭综合实验区管委会", "平潭综合实验区公安局", "350128"),
        ("公安局", "2024年平潭综合实验区公安局抽查工作计划", "平潭综合实验区公安局", "350128"),
        ("澳前镇", "平潭综合实验区管委会办公室", "平潭县澳前镇人民政府", "350128"),
        (
            "君山片区管理局党政办公室",
            "平潭综合实验区",
            "平潭综合实验区君山片区管理局党政办公室",
            "350128",
        ),
        ("鼓楼区财政局", "福建省福州市", "福州市鼓楼区财政局", "350102"),
        ("县政府", "平潭综合实验区", "平潭县人民政府", "350128"),
    ],
)
def test_context_text(name: str, context: str, full: str, code: str) -> None:
    a = agency(name, context=context)
    assert (a.name, a.full_name, a.division_code) == (name, full, code)


@pytest.mark.parametrize(
    ("name", "context", "full", "level"),
    [
        ("市工商局", SEED_000, "沈阳市工商行政管理局", CT),
        ("我局", SEED_000, "沈阳市工商行政管理局", CT),
        ("市工商局", SEED_001, "营口市工商行政管理局", CT),
        ("我局", SEED_001, "营口市工商行政管理局", CT),
        ("市营商局", SEED_002, "沈阳市营商环境建设局", CT),
        ("我局", SEED_002, "沈阳市营商环境建设局", CT),
        ("市工商局", SEED_003, "株洲市工商行政管理局", CT),
        ("我局", SEED_003, "株洲市工商行政管理局", CT),
        ("省局", SEED_004, "山西省工商行政管理局", P),
    ],
)
def test_context_seed_pages(name: str, context: str, full: str, level: Level) -> None:
    a = agency(name, context=read(SEEDS / context))
    assert (a.full_name, a.level) == (full, level)


def test_context_agency() -> None:
    hongze = agency("淮安市洪泽区人民政府")
    assert agency("市政府", context=hongze).full_name == "淮安市人民政府"
    assert agency("区政府", context=hongze).full_name == "淮安市洪泽区人民政府"
    assert agency("省政府办公厅", context=hongze).full_name == "江苏省人民政府办公厅"
    shenyang = agency("沈阳市工商局")
    assert agency("市工商局", context=shenyang).full_name == "沈阳市工商行政管理局"
    assert agency("我局", context=shenyang) == attrs.evolve(shenyang, name="我局")
    assert agency("省局", context=shenyang).full_name == "辽宁省工商行政管理局"
    assert agency("市科委", context=agency("上海市科学技术委员会")).level is P


def test_context_does_not_override_a_printed_region() -> None:
    assert agency("营口市工商局", context="沈阳市").division_code == "210800"


def test_relative_without_context() -> None:
    a = agency("市工商局")
    assert (a.full_name, a.region, a.level, a.division_code, a.sector) == (
        None,
        None,
        U,  # 市 may be a prefecture or a county-level city
        None,
        "工商",
    )
    assert agency("县政府").level is CO
    assert agency("省局").level is P
    assert agency("我局").level is U
    assert agency("市工商局", context="与此无关的文字").level is U
    assert agency("市委", context="沈阳市").level is U  # not an organ form: not placed


# --------------------------------------------------------------------------- corpus and seeds


def _sources() -> list[tuple[str, str, int]]:
    path = CORPUS / "SOURCES.tsv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as f:
        return [(r["file"], r["agency"], int(r["year"])) for r in csv.DictReader(f, delimiter="\t")]


# the expected region, level and code of every issuing agency in the dev corpus, by hand
CORPUS_AGENCIES = {
    "平潭综合实验区管委会": ("平潭综合实验区", CT, "350128"),
    "平潭综合实验区管委会办公室": ("平潭综合实验区", CT, "350128"),
    "平潭县人民政府": ("平潭县", CO, "350128"),
    "上海市科学技术委员会": ("上海市", P, "310000"),
    "淮安市人民政府": ("淮安市", CT, "320800"),
    "淮安市洪泽区人民政府": ("淮安市洪泽区", CO, "320813"),
    "福建省人民政府办公厅": ("福建省", P, "350000"),
    "平潭综合实验区苏平片区管理局": ("平潭综合实验区苏平片区", CO, "350128"),
    "平潭综合实验区君山片区管理局党政办公室": ("平潭综合实验区君山片区", CO, "350128"),
    "平潭综合实验区公安局": ("平潭综合实验区", CT, "350128"),
    # a village association and a grid company: located, but not organs of government
    "平潭县金井镇大福村老年协会": ("平潭县金井镇大福村", U, "350128"),
    "平潭电网": ("平潭县", U, "350128"),
    "澳前镇": ("平潭县澳前镇", T, "350128"),  # resolved by the page (its URL is pingtan.gov.cn)
    "国务院办公厅政府信息与政务公开办公室": (None, C, None),
    # two issuers printed as one: the first decides (both are offices of the zone)
    "平潭综合实验区党工委办公室 平潭综合实验区管委会办公室": ("平潭综合实验区", CT, "350128"),
    # a party committee: 中共 is printed before its region
    "中共平潭综合实验区金井片区管理局委员会": ("平潭综合实验区金井片区", CO, "350128"),
    "沭阳县发展和改革局": ("沭阳县", CO, "321322"),
    "白青乡人民政府": ("平潭县白青乡", T, "350128"),
    "平潭县司法局": ("平潭县", CO, "350128"),
    "平潭县财政局": ("平潭县", CO, "350128"),
    "平潭综合实验区经济发展局": ("平潭综合实验区", CT, "350128"),
    "平潭综合实验区行政审批局": ("平潭综合实验区", CT, "350128"),
}


@pytest.mark.parametrize(("file", "name", "year"), _sources() or [pytest.param("", "", 0)])
def test_corpus_agencies(file: str, name: str, year: int) -> None:
    if not file:
        pytest.skip("the dev corpus is not beside this checkout")
    a = agency(name, context=read(CORPUS / file), year=year)
    assert (a.region, a.level, a.division_code) == CORPUS_AGENCIES[name]
    assert a.name == name


@pytest.mark.parametrize(
    ("name", "region", "level", "code"),
    [
        ("沈阳市工商局", "沈阳市", CT, "210100"),
        ("营口市工商局", "营口市", CT, "210800"),
        ("沈阳市营商环境建设局", "沈阳市", CT, "210100"),
        ("株洲市工商行政管理局", "株洲市", CT, "430200"),
        ("山西省工商行政管理局", "山西省", P, "140000"),
    ],
)
def test_seed_agencies(name: str, region: str, level: Level, code: str) -> None:
    a = agency(name)
    assert (a.region, a.level, a.division_code) == (region, level, code)


def test_seed_publisher_field() -> None:
    text = read(SEEDS / SEED_003)
    assert "发布机构:株洲市工商局" in text
    assert agency("株洲市工商局", context=text).full_name == "株洲市工商行政管理局"


# ------------------------------------------------------------------ unknown and wrong input


@pytest.mark.parametrize("name", ["", "   ", "不知道什么", "XX公司", "发布机构", "国家电网", "局"])
def test_unknown_names(name: str) -> None:
    a = agency(name)
    assert a.level is U
    assert a.division_code is None
    assert a.name == name


@given(st.text(max_size=40))
def test_never_raises_on_text(name: str) -> None:
    a = agency(name, context=name)
    assert a.name == name
    assert a.division_code is None or is_valid_division(a.division_code)


@given(
    st.text(
        alphabet=st.sampled_from(
            list("沈阳市工商局省县区镇乡村片区平潭综合实验区管委会办公室人民政府和")
        ),
        max_size=30,
    )
)
def test_never_raises_on_name_like_text(name: str) -> None:
    assert agency(name).name == name


@pytest.mark.parametrize("bad", [None, 42, b"\xe5\xb1\x80", ["沈阳市工商局"]])
def test_wrong_type(bad: object) -> None:
    with pytest.raises(InputError, match="expected an agency name as str"):
        agency(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        successors(bad)  # type: ignore[arg-type]


def test_wrong_context_and_year_types() -> None:
    with pytest.raises(InputError):
        agency("市工商局", context=42)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        agency("市工商局", year="2017")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        division(430221)  # type: ignore[arg-type]


def test_long_input_is_linear() -> None:
    text = "沈阳市工商局" * 20_000
    assert agency("市工商局", context=text).division_code == "210100"
    assert agency("工" * 50_000).level is U


# --------------------------------------------------------------------------- divisions


def test_division_levels_and_parents() -> None:
    assert division("430200") == Division(
        "430200", "株洲市", "湖南省", "株洲市", None, CT, None, None
    )
    assert division("140000").level is P
    d = division("320813")
    assert (d.name, d.province, d.prefecture, d.county, d.level, d.valid_from) == (
        "洪泽区",
        "江苏省",
        "淮安市",
        "洪泽区",
        CO,
        2016,
    )
    assert division("310115").prefecture is None  # 市辖区 is a placeholder
    assert division("429004").prefecture is None  # 省直辖县级行政单位


def test_abolished_code() -> None:
    zhuzhou_county = division("430221", year=2017)
    assert (zhuzhou_county.name, zhuzhou_county.valid_to) == ("株洲县", 2018)
    assert is_valid_division("430221", year=2017)
    assert is_valid_division("430221", year=2018)
    assert not is_valid_division("430221", year=2020)
    with pytest.raises(UnknownError, match="not valid in 2020; it was: 株洲县 until 2018"):
        division("430221", year=2020)
    assert division("430221").valid_to == 2018  # without a year: its latest name


def test_new_code() -> None:
    assert division("430212", year=2019).name == "渌口区"
    assert is_valid_division("430212", year=2019)
    assert is_valid_division("430212", year=2025)
    assert not is_valid_division("430212", year=2017)


def test_renamed_code() -> None:
    assert division("320800", year=1995).name == "淮阴市"
    assert division("320800", year=2005).name == "淮安市"
    assert division("320800").name == "淮安市"


def test_unknown_codes() -> None:
    for code in ("999999", "", "43022", "abcdef"):
        with pytest.raises(UnknownError, match="unknown division code"):
            division(code)
        assert not is_valid_division(code)
    assert not is_valid_division(None)
    assert isinstance(UnknownError("x"), LookupError)


def test_find_divisions() -> None:
    assert [(d.code, d.valid_to) for d in find_divisions("株洲县")] == [("430221", 2018)]
    assert [d.code for d in find_divisions("渌口区")] == ["430212"]
    assert find_divisions("株洲县", year=2020) == ()
    assert [d.code for d in find_divisions("株洲县", year=2017)] == ["430221"]
    assert find_divisions("淮安市")[0].code == "320800"  # current first
    assert len(find_divisions("鼓楼区", year=2020)) >= 4  # names repeat
    assert find_divisions("不存在") == ()


def test_agency_year_picks_the_division_valid_then() -> None:
    assert agency("淮阴市工商局").division_code == "320800"
    assert agency("株洲县人民政府", year=2017).division_code == "430221"
    assert agency("渌口区人民政府", year=2019).division_code == "430212"


def test_code_list_format() -> None:
    db = parse_code_list(
        [
            "# comment",
            '43 province="湖南省"',
            '  0000 county="湖南省"',
            '  0200 county="株洲市"',
            '  0212 county="[2018-]渌口区"',
            '  0221 county="[-2018]株洲县"',
            '  0225 county="[1983-1993]酃县,[1994-]炎陵县"',
        ]
    )
    assert [(p.name, p.valid_from, p.valid_to) for p in db.by_code["430225"]] == [
        ("酃县", 1983, 1993),
        ("炎陵县", 1994, None),
    ]
    assert db.by_name["株洲县"][0].valid_to == 2018


# --------------------------------------------------------------------------- reform


def test_successors_market_regulation() -> None:
    (s,) = successors("沈阳市工商行政管理局")
    assert s == Succession(
        predecessor="沈阳市工商行政管理局",
        successor="沈阳市市场监督管理局",
        relation="merged_into",
        year=2019,
        others=("沈阳市质量技术监督局", "沈阳市食品药品监督管理局"),
    )
    assert successors("沈阳市工商局") == (s,)  # short forms are read first
    assert successors(agency("市工商局", context="沈阳市")) == (s,)
    assert successors("沈阳市工商行政管理局", year=2018) == ()
    assert successors("沈阳市工商行政管理局", year=2019) == (s,)


def test_successors_levels() -> None:
    (province,) = successors("山西省工商行政管理局")
    assert (province.successor, province.year) == ("山西省市场监督管理局", 2018)
    (central,) = successors("国家工商行政管理总局")
    assert central.successor == "国家市场监督管理总局"
    assert central.year == 2018
    assert "国家食品药品监督管理总局" in central.others
    (ecology,) = successors("山西省环境保护厅")
    assert (ecology.successor, ecology.relation) == ("山西省生态环境厅", "renamed")


@pytest.mark.parametrize(
    ("name", "successor", "relation"),
    [
        ("沈阳市卫计委", "沈阳市卫生健康委员会", "renamed"),
        ("株洲市国土资源局", "株洲市自然资源局", "merged_into"),
        ("株洲市环境保护局", "株洲市生态环境局", "renamed"),
        ("株洲市农业委员会", "株洲市农业农村局", "renamed"),
        ("株洲市农业局", "株洲市农业农村局", "renamed"),
        ("株洲市文广新局", "株洲市文化和旅游局", "merged_into"),
        ("株洲市旅游局", "株洲市文化和旅游局", "merged_into"),
        ("株洲市安监局", "株洲市应急管理局", "merged_into"),
        ("株洲市质量技术监督局", "株洲市市场监督管理局", "merged_into"),
    ],
)
def test_successors_patterns(name: str, successor: str, relation: str) -> None:
    (s,) = successors(name)
    assert (s.successor, s.relation) == (successor, relation)


def test_successor_alternatives() -> None:
    (s,) = successors("株洲市国土资源局")
    assert s.others == ("株洲市规划局",)
    assert s.alternatives == ("株洲市自然资源和规划局",)


def test_no_successor() -> None:
    assert successors("沈阳市营商环境建设局") == ()
    assert successors("淮安市人民政府") == ()
    assert successors("不知道什么") == ()


def test_predecessors() -> None:
    found = predecessors("株洲市市场监督管理局")
    assert [s.predecessor for s in found] == [
        "株洲市工商行政管理局",
        "株洲市质量技术监督局",
        "株洲市食品药品监督管理局",
    ]
    assert all(s.successor == "株洲市市场监督管理局" for s in found)
    assert predecessors("株洲市市场监督管理局", year=2017) == ()
    assert {s.predecessor for s in predecessors("株洲市农业农村局")} == {
        "株洲市农业委员会",
        "株洲市农业局",
    }
    assert predecessors("株洲市工商行政管理局") == ()


def test_succession_relation_is_checked() -> None:
    with pytest.raises(ValueError, match="relation"):
        Succession("a", "b", "split", 2018)


# --------------------------------------------------------------------------- data


def test_data_loads_and_is_consistent() -> None:
    data = agency_data()
    forms = data.forms
    for rule in data.rules:
        for name in (*rule.members, rule.successor, *rule.alternatives):
            assert name in forms, f"{rule.id}: {name} is not an organ form"
    for short in data.province_short.values():
        assert division(short).level is P
    for zone in data.zones:
        assert zone.parent_code is None or is_valid_division(zone.parent_code)


def test_data_files_are_json_objects() -> None:
    root = resources.files("zwgk") / "_data" / "agencies"
    for name in ("organs.json", "regions.json", "zones.json", "reform.json"):
        assert isinstance(json.loads((root / name).read_text(encoding="utf-8")), dict)


def test_errors_pickle() -> None:
    with pytest.raises(ZwgkError) as info:
        division("430221", year=2020)
    again = pickle.loads(pickle.dumps(info.value))
    assert (type(again), str(again)) == (UnknownError, str(info.value))
