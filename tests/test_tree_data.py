"""The shipped indicator-tree JSON files against the domain spec (report-formats.md §2–§5).

The expected (id, label) pairs below are transcribed from the spec, not from the JSON files.
A label may also match one of a row's aliases when the spec says it is "also seen as" another form.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import zwgk

TREES = Path(__file__).parents[1] / "src/zwgk/_data/trees"
FORMATS = ("legacy_2014", "f2019", "f2021")
TERM = re.compile(r"([a-z_0-9*]+)\[([a-z_0-9*]+)\](@-1)?")


def load(fmt: str) -> dict:
    return json.loads((TREES / f"{fmt}.json").read_text(encoding="utf-8"))


def table(fmt: str, table_id: str) -> dict:
    (found,) = [t for t in load(fmt)["tables"] if t["id"] == table_id]
    return found


def walk(rows: list[dict]):
    for row in rows:
        yield row
        yield from walk(row["children"])


def children(row: dict) -> list[str]:
    return [c["id"] for c in row["children"]]


def all_tables() -> list:
    return [
        pytest.param(fmt, t, id=f"{fmt}.{t['id']}") for fmt in FORMATS for t in load(fmt)["tables"]
    ]


# ---------------------------------------------------------------- expected rows (from the spec)

LEGACY_ROWS = [
    ("active", "一、主动公开情况"),
    ("active_items_total", "(一)主动公开政府信息数(不同渠道和方式公开相同的信息列为1条)"),
    ("active_normative_docs", "其中:主动公开规范性文件数"),
    ("normative_docs_issued", "制发规范性文件总数"),
    ("active_by_channel", "(二)通过不同渠道和方式公开政府信息的情况"),
    ("active_via_gazette", "1、政府公报公开政府信息数"),
    ("active_via_website", "2、政府网站公开政府信息数"),
    ("active_via_weibo", "3、政务微博公开政府信息数"),
    ("active_via_wechat", "4、政务微信公开政府信息数"),
    ("active_via_other", "5、其他方式公开政府信息数"),
    ("response", "二、回应解读情况"),
    ("response_hotspots", "(一)回应公众关注热点或重大舆情数(不同方式回应同一热点或舆情计1次)"),
    ("response_by_channel", "(二)通过不同渠道和方式回应解读的情况"),
    ("press_conferences", "1、参加或举办新闻发布会总次数"),
    ("press_conferences_principal", "其中:主要负责同志参加新闻发布会次数"),
    ("online_interviews", "2、政府网站在线访谈次数"),
    ("online_interviews_principal", "其中:主要负责同志参加政府网站在线访谈次数"),
    ("interpretation_articles", "3、政策解读稿件发布数"),
    ("weibo_wechat_responses", "4、微博微信回应事件数"),
    ("other_responses", "5、其他方式回应事件数"),
    ("applications", "三、依申请公开情况"),
    ("apps_received", "(一)收到申请数"),
    ("apps_in_person", "1、当面申请数"),
    ("apps_fax", "2、传真申请数"),
    ("apps_online", "3、网络申请数"),
    ("apps_letter", "4、信函申请数"),
    ("apps_closed", "(二)申请办结数"),
    ("apps_closed_on_time", "1、按时办结数"),
    ("apps_closed_extended", "2、延期办结数"),
    ("replies_total", "(三)申请答复数"),
    ("reply_already_public", "1、属于已主动公开范围数"),
    ("reply_granted", "2、同意公开答复数"),
    ("reply_partially_granted", "3、同意部分公开答复数"),
    ("reply_denied", "4、不同意公开答复数"),
    ("reply_denied_state_secret", "其中:涉及国家秘密"),
    ("reply_denied_trade_secret", "涉及商业秘密"),
    ("reply_denied_privacy", "涉及个人隐私"),
    ("reply_denied_security_stability", "危及国家安全、公共安全、经济安全和社会稳定"),
    ("reply_denied_not_gov_info", "不是《条例》所指政府信息"),
    ("reply_denied_other_legal", "法律法规规定的其他情形"),
    ("reply_not_this_agency", "5、不属于本行政机关公开数"),
    ("reply_not_exist", "6、申请信息不存在数"),
    ("reply_asked_to_amend", "7、告知作出更改补充数"),
    ("reply_other_channel", "8、告知通过其他途径办理数"),
    ("review_total", "四、行政复议数量"),
    ("review_upheld", "(一)维持具体行政行为数"),
    ("review_corrected", "(二)被依法纠错数"),
    ("review_other", "(三)其他情形数"),
    ("litigation_total", "五、行政诉讼数量"),
    ("litigation_upheld", "(一)维持具体行政行为或者驳回原告诉讼请求数"),
    ("litigation_corrected", "(二)依法纠错数"),
    ("litigation_corrected", "(二)被依法纠错数"),  # "also seen as"
    ("litigation_other", "(三)其他情形数"),
    ("complaints_total", "六、举报投诉数量"),
    ("apps_fees_collected", "七、依申请公开信息收取的费用"),
    ("capacity", "八、机构建设和保障经费情况"),
    ("dedicated_units", "(一)政府信息公开工作专门机构数"),
    ("reading_points", "(二)设置政府信息公开查阅点数"),
    ("staff_total", "(三)从事政府信息公开工作人员数"),
    ("staff_total", "(三)从事政府信息公开工作人数员"),  # typo seen
    ("staff_full_time", "1、专职人员数(不包括政府公报及政府网站工作人员数)"),
    ("staff_part_time", "2、兼职人员数"),
    (
        "special_funds",
        "(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)",
    ),
    ("meetings_training", "九、政府信息公开会议和培训情况"),
    ("meetings", "(一)召开政府信息公开工作会议或专题会议数"),
    ("training_sessions", "(二)举办各类培训班数"),
    ("trainees", "(三)接受培训人员数"),
]

F2019_T2_ROWS = [
    ("regulations", "规章"),
    ("normative_docs", "规范性文件"),
    ("licensing", "行政许可"),
    ("other_admin_services", "其他对外管理服务事项"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("admin_fees", "行政事业性收费"),
    ("central_procurement", "政府集中采购"),
]

F2021_T2_ROWS = [
    ("regulations", "规章"),
    ("normative_docs", "行政规范性文件"),
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("admin_fees", "行政事业性收费"),
]

T3_ROWS_COMMON = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over_in", "二、上年结转政府信息公开申请数量"),
    ("results", "三、本年度办理结果"),
    ("granted", "（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied", "（三）不予公开"),
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied_security_stability", "3.危及“三安全一稳定”"),
    ("denied_security_stability", '3.危及"三安全一稳定"'),  # quote variant seen
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_info", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "7.属于行政执法案卷"),
    ("denied_admin_query", "8.属于行政查询事项"),
    ("unavailable", "（四）无法提供"),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_still_unclear", "3.补正后申请内容仍不明确"),
    ("not_processed", "（五）不予处理"),
    ("not_processed_petition", "1.信访举报投诉类申请"),
    ("not_processed_repeat", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    ("not_processed_confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_handling", "（六）其他处理"),
    ("other_handling", "（六）其他"),  # abbreviated form seen
    ("results_total", "（七）总计"),
    ("carried_over_out", "四、结转下年度继续办理"),
]

F2021_T3_ONLY = [
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_misc", "3.其他"),
]

T4_ROWS = [
    ("review", "行政复议"),
    ("litigation", "行政诉讼"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
] + [
    (f"{block}_{suffix}", label)
    for block in ("review", "litigation_direct", "litigation_after_review")
    for suffix, label in [
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
        ("total", "总计"),
    ]
]

EXPECTED_ROWS = {
    ("legacy_2014", "t1"): LEGACY_ROWS,
    ("f2019", "t2"): F2019_T2_ROWS,
    ("f2019", "t3"): T3_ROWS_COMMON,
    ("f2019", "t4"): T4_ROWS,
    ("f2021", "t2"): F2021_T2_ROWS,
    ("f2021", "t3"): T3_ROWS_COMMON + F2021_T3_ONLY,
    ("f2021", "t4"): T4_ROWS,
}

# ---------------------------------------------------------------- expected columns (inner label)

T3_COLUMNS = [
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("public_welfare_org", "社会公益组织"),
    ("public_welfare_org", "社会公益"),  # abbreviated form seen
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
]

EXPECTED_COLUMNS = {
    ("legacy_2014", "t1"): [("value", "统计数")],
    ("f2019", "t2"): [
        ("newly_made", "本年新制作数量"),
        ("newly_published", "本年新公开数量"),
        ("total_published", "对外公开总数量"),
        ("prev_year_items", "上一年项目数量"),
        ("items_change", "本年增/减"),
        ("decisions", "处理决定数量"),
        ("procurement_items", "采购项目数量"),
        ("procurement_amount", "采购总金额"),
    ],
    ("f2019", "t3"): T3_COLUMNS,
    ("f2021", "t2"): [
        ("issued", "本年制发件数"),
        ("repealed", "本年废止件数"),
        ("in_force", "现行有效件数"),
        ("decisions", "本年处理决定数量"),
        ("fee_amount", "本年收费金额（单位：万元）"),
    ],
    ("f2021", "t3"): T3_COLUMNS,
}

EXPECTED_LAYOUT = {
    ("legacy_2014", "t1"): "vertical",
    ("f2019", "t2"): "grid",
    ("f2019", "t3"): "grid",
    ("f2019", "t4"): "horizontal",
    ("f2021", "t2"): "grid",
    ("f2021", "t3"): "grid",
    ("f2021", "t4"): "horizontal",
}

EXPECTED_IDENTITIES = {
    ("legacy_2014", "t1"): [f"L{n}" for n in range(1, 11)]
    + ["L11a", "L11b", "L12", "L13a", "L13b"],
    ("f2019", "t2"): ["T2-2a", "T2-2b", "T2-3"],
    ("f2019", "t3"): ["T3-1", "T3-2", "T3-3", "X-1"],
    ("f2019", "t4"): ["T4-1a", "T4-1b", "T4-1c"],
    ("f2021", "t2"): ["T2-1"],
    ("f2021", "t3"): ["T3-1", "T3-2", "T3-3", "T3-5", "X-1"],
    ("f2021", "t4"): ["T4-1a", "T4-1b", "T4-1c"],
}


# ---------------------------------------------------------------- tests


@pytest.mark.parametrize(
    ("fmt", "title", "basis", "years"),
    [
        ("legacy_2014", "政府信息公开情况统计表", "国办发〔2014〕32号", [2014, 2018]),
        (
            "f2019",
            "中华人民共和国政府信息公开工作年度报告格式（试行）",
            "国办公开办函〔2019〕60号",
            [2019, 2020],
        ),
        (
            "f2021",
            "中华人民共和国政府信息公开工作年度报告格式",
            "国办公开办函〔2021〕30号",
            [2021, None],
        ),
    ],
)
def test_header(fmt, title, basis, years):
    data = load(fmt)
    assert list(data) == [
        "format", "title", "basis", "family", "years", "sections", "parsing", "tables"
    ]  # fmt: skip
    assert list(data["parsing"]) == ["markers", "anchors", "header_words"]
    assert data["format"] == fmt
    assert data["title"] == title
    assert data["basis"] == basis
    assert data["years"] == years


def test_table_ids_and_layouts():
    found = {(fmt, t["id"]): t["layout"] for fmt in FORMATS for t in load(fmt)["tables"]}
    assert found == EXPECTED_LAYOUT


@pytest.mark.parametrize(("key", "expected"), list(EXPECTED_ROWS.items()), ids=lambda k: str(k))
def test_row_labels(key, expected):
    rows = {row["id"]: row for row in walk(table(*key)["rows"])}
    for row_id, label in expected:
        assert row_id in rows, f"{key}: missing row {row_id}"
        row = rows[row_id]
        assert label == row["label"] or label in row["aliases"], f"{key}: {row_id} lacks {label!r}"
    assert set(rows) == {row_id for row_id, _ in expected}


@pytest.mark.parametrize(("key", "expected"), list(EXPECTED_COLUMNS.items()), ids=lambda k: str(k))
def test_column_labels(key, expected):
    columns = {c["id"]: c for c in table(*key)["columns"]}
    for column_id, label in expected:
        assert column_id in columns, f"{key}: missing column {column_id}"
        column = columns[column_id]
        assert label == column["labels"][-1] or label in column["aliases"]
    assert list(columns) == list(dict.fromkeys(column_id for column_id, _ in expected))


def test_horizontal_tables_have_one_unnamed_column():
    for fmt in ("f2019", "f2021"):
        assert table(fmt, "t4")["columns"] == [
            {"id": "value", "labels": [], "en": "Count", "unit": None, "aliases": []}
        ]


def test_every_row_column_and_table_has_english() -> None:
    for fmt in ("legacy_2014", "f2019", "f2021"):
        tree = zwgk.indicator_tree(fmt)
        for template in tree.tables:
            assert template.title_en, template.qualified_id
            assert all(c.en for c in template.columns), template.qualified_id
            assert all(r.en for r in template.walk()), template.qualified_id


def test_english_is_one_per_id_across_generations() -> None:
    english: dict[str, set[str]] = {}
    for fmt in ("legacy_2014", "f2019", "f2021"):
        for template in zwgk.indicator_tree(fmt).tables:
            for row in template.walk():
                english.setdefault(row.id, set()).add(row.en)
    assert {k: v for k, v in english.items() if len(v) > 1} == {}
    ids: dict[str, set[str]] = {}
    for row_id, texts in english.items():
        for text in texts:
            ids.setdefault(text.casefold(), set()).add(row_id)
    assert {k: v for k, v in ids.items() if len(v) > 1} == {}  # and one id per English
    f2021 = zwgk.indicator_tree("f2021")
    assert f2021.find("new_received").en == "New requests this year"
    assert f2021.find("denied_third_party").en == "protects a third party's lawful rights"
    assert f2021.table("t3").column("public_welfare_org").en == "Public-interest organisations"


@pytest.mark.parametrize(
    ("fmt", "row_id", "english"),
    [
        ("f2021", "granted", "Disclosed in full"),
        ("f2021", "partially_granted", "Partially disclosed"),
        ("f2021", "denied", "Withheld"),
        ("f2019", "review", "Administrative reconsideration"),
        ("f2019", "litigation", "Administrative litigation"),
        ("f2019", "review_pending", "Reconsideration: pending"),
        ("f2021", "regulations", "Rules"),
        ("f2021", "licensing", "Administrative licensing"),
        ("f2021", "admin_fees", "Administrative fees"),
        ("legacy_2014", "active", "Proactive disclosure"),
        ("legacy_2014", "applications", "Disclosure upon request"),
        ("legacy_2014", "reply_not_this_agency", "not for this organ to disclose"),
        ("f2021", "unavailable_not_held", "not held by this organ"),
    ],
)
def test_hand_checked_english(fmt: str, row_id: str, english: str) -> None:
    row = zwgk.indicator_tree(fmt).find(row_id)
    assert row is not None
    assert row.en == english


def test_hand_checked_column_and_title_english() -> None:
    f2021 = zwgk.indicator_tree("f2021")
    t3 = f2021.table("t3")
    assert [c.en for c in t3.columns][:3] == [
        "Natural persons",
        "Commercial enterprises",
        "Research institutions",
    ]
    assert t3.column("legal_service_org").en == "Legal service providers"
    assert t3.title_en == "Requests received and handled"
    assert f2021.table("t2").column("fee_amount").en == "Fees this year (10,000 yuan)"
    assert zwgk.indicator_tree("legacy_2014").table("t1").column("value").en == "Count"


@pytest.mark.parametrize(
    ("where", "place"),
    [("row", "row 'apps': en"), ("column", "column 'value': en"), ("table", "title_en")],
)
def test_english_must_be_text(where: str, place: str) -> None:
    data = {
        "format": "legacy_local", "title": "统计报表", "basis": "", "years": [2008, 2013],
        "tables": [{"id": "t1", "title": "统计报表", "layout": "vertical",
                    "columns": [{"id": "value", "labels": ["本年累计"]}],
                    "rows": [{"id": "apps", "label": "申请总数"}]}],
    }  # fmt: skip
    table = data["tables"][0]
    target = {"row": table["rows"][0], "column": table["columns"][0], "table": table}[where]
    target["title_en" if where == "table" else "en"] = 3
    with pytest.raises(zwgk.DataError, match="expected a string") as info:
        zwgk.tree_from_data(data)
    assert info.value.where == f"tree: tables[0]: {place}"


def test_t3_column_header_levels():
    for fmt in ("f2019", "f2021"):
        labels = {c["id"]: c["labels"] for c in table(fmt, "t3")["columns"]}
        assert labels["natural_person"] == ["申请人情况", "自然人"]
        assert labels["commercial_enterprise"] == ["申请人情况", "法人或其他组织", "商业企业"]
        assert labels["total"] == ["申请人情况", "总计"]


@pytest.mark.parametrize(("fmt", "t"), all_tables())
def test_row_ids_unique(fmt, t):
    ids = [row["id"] for row in walk(t["rows"])]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("fmt", "t"), all_tables())
def test_row_shape_and_columns(fmt, t):
    column_ids = [c["id"] for c in t["columns"]]
    # stub (the headers over the label columns) is optional; a one-row table names where it
    # begins (parsing), for when its header is garbled
    assert [k for k in t if k not in ("stub", "parsing")] == [
        "id", "title", "title_en", "layout", "columns", "rows", "identities"
    ]  # fmt: skip
    assert ("parsing" in t) == (t["layout"] == "horizontal")
    assert all(isinstance(x, str) for x in t.get("stub", ()))
    for row in walk(t["rows"]):
        assert list(row) == [
            "id",
            "label",
            "en",
            "unit",
            "group",
            "block",
            "columns",
            "aliases",
            "children",
        ]
        assert row["columns"] is None or set(row["columns"]) <= set(column_ids), row["id"]
        if t["id"] == "t2":
            assert row["block"], row["id"]
            assert row["columns"], row["id"]
        else:
            assert row["block"] is None, row["id"]
        if row["group"]:
            assert row["children"], row["id"]
    if t["id"] == "t2":  # the table's columns are the union of its rows', in printed order
        used = {c for row in walk(t["rows"]) for c in row["columns"]}
        assert set(column_ids) == used


@pytest.mark.parametrize(("fmt", "t"), all_tables())
def test_identities_reference_known_ids(fmt, t):
    row_ids = {row["id"] for row in walk(t["rows"])} | {"*"}
    column_ids = {c["id"] for c in t["columns"]} | {"*"}
    assert [i["id"] for i in t["identities"]] == EXPECTED_IDENTITIES[(fmt, t["id"])]
    for identity in t["identities"]:
        # code (the finding a violation gives, where not the default) is optional
        assert [k for k in identity if k != "code"] == ["id", "tag", "official", "expr", "note"]
        assert identity["tag"] in ("always", "usually")
        expr = identity["expr"]
        assert len(re.findall(r"<=|>=|=", expr)) == 1, expr
        terms = TERM.findall(expr)
        assert terms, expr
        # nothing but terms, signs and one relation
        assert re.fullmatch(r"[\s+\-<>=]*", TERM.sub("", expr)), expr
        for indicator, column, _ in terms:
            assert indicator in row_ids, f"{identity['id']}: unknown row {indicator}"
            assert column in column_ids, f"{identity['id']}: unknown column {column}"


def test_identity_tags():
    tags = {
        (fmt, i["id"]): (i["tag"], i["official"])
        for fmt in FORMATS
        for t in load(fmt)["tables"]
        for i in t["identities"]
    }
    assert tags[("f2021", "T3-1")] == ("always", True)
    assert tags[("f2019", "T3-1")] == ("always", True)
    assert tags[("f2021", "X-1")] == ("usually", False)
    assert tags[("f2021", "T2-1")] == ("usually", False)
    assert tags[("legacy_2014", "L1")] == ("always", False)
    assert tags[("legacy_2014", "L4")] == ("usually", False)
    assert tags[("legacy_2014", "L11a")] == ("always", False)


def test_other_handling_differs_between_generations():
    old = {r["id"]: r for r in walk(table("f2019", "t3")["rows"])}["other_handling"]
    new = {r["id"]: r for r in walk(table("f2021", "t3")["rows"])}["other_handling"]
    assert (old["group"], old["children"], old["unit"]) == (False, [], "件")
    assert new["group"] is True
    assert children(new) == ["other_no_correction", "other_fee_unpaid", "other_misc"]


def test_nesting():
    legacy = {r["id"]: r for r in walk(table("legacy_2014", "t1")["rows"])}
    apps = ["apps_in_person", "apps_fax", "apps_online", "apps_letter"]
    assert children(legacy["apps_received"]) == apps
    assert children(legacy["review_total"]) == ["review_upheld", "review_corrected", "review_other"]
    assert len(children(legacy["reply_denied"])) == 6
    assert children(legacy["active_items_total"]) == [
        "active_normative_docs",
        "normative_docs_issued",
    ]
    assert children(legacy["press_conferences"]) == ["press_conferences_principal"]
    top = [r["id"] for r in table("legacy_2014", "t1")["rows"]]
    assert top == [
        "active",
        "response",
        "applications",
        "review_total",
        "litigation_total",
        "complaints_total",
        "apps_fees_collected",
        "capacity",
        "meetings_training",
    ]
    top3 = [r["id"] for r in table("f2021", "t3")["rows"]]
    assert top3 == ["new_received", "carried_over_in", "results", "carried_over_out"]
    leaves = [r for r in walk(table("f2021", "t4")["rows"]) if not r["children"]]
    assert len(leaves) == 15
    assert all(r["unit"] == "件" for r in leaves)


def test_units():
    legacy = {r["id"]: r["unit"] for r in walk(table("legacy_2014", "t1")["rows"])}
    assert legacy["apps_fees_collected"] == legacy["special_funds"] == "万元"
    assert legacy["trainees"] == "人次"
    fees = {c["id"]: c["unit"] for c in table("f2021", "t2")["columns"]}["fee_amount"]
    assert fees == "万元"
    f2019 = {c["id"]: c["unit"] for c in table("f2019", "t2")["columns"]}
    assert (f2019["procurement_items"], f2019["procurement_amount"]) == ("个", None)


def test_files_are_pretty_utf8():
    for fmt in FORMATS:
        text = (TREES / f"{fmt}.json").read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_sections_hand_checked() -> None:
    # Spec §1: the six sections of the 2019 and 2021 formats, 表二–表四 standing for 二–四;
    # the 2014 outline of seven sections requires none (reports before 2019 vary).
    for fmt in ("f2019", "f2021"):
        sections = load(fmt)["sections"]
        assert [(s["number"], s["title"], s.get("table")) for s in sections] == [
            ("一", "总体情况", None),
            ("二", "主动公开政府信息情况", "t2"),
            ("三", "收到和处理政府信息公开申请情况", "t3"),
            ("四", "政府信息公开行政复议、行政诉讼情况", "t4"),
            ("五", "存在的主要问题及改进情况", None),
            ("六", "其他需要报告的事项", None),
        ]
        assert [s["number"] for s in sections if s.get("content")] == ["五"]
        assert all(s.get("required", True) for s in sections)
    legacy = load("legacy_2014")["sections"]
    assert [s["number"] for s in legacy] == list("一二三四五六七")
    assert not any(s.get("required", True) for s in legacy)
    assert {fmt: load(fmt)["family"] for fmt in FORMATS} == {
        "legacy_2014": "legacy", "f2019": "2019", "f2021": "2019"
    }  # fmt: skip


def test_identity_codes_hand_checked() -> None:
    codes = {
        (fmt, t["id"], i["id"]): i["code"]
        for fmt in FORMATS
        for t in load(fmt)["tables"]
        for i in t["identities"]
        if "code" in i
    }
    assert codes == {
        ("f2019", "t3", "X-1"): "continuity.carry_over",
        ("f2021", "t2", "T2-1"): "continuity.in_force",
        ("f2021", "t3", "X-1"): "continuity.carry_over",
    }


def test_a_section_must_name_a_table_of_its_tree() -> None:
    data = {
        "format": "legacy_local", "title": "x", "basis": "", "years": [2008, 2013],
        "sections": [{"number": "一", "title": "概述", "table": "t9"}],
        "tables": [{"id": "t1", "title": "x", "layout": "vertical",
                    "columns": [{"id": "value", "labels": ["本年"]}],
                    "rows": [{"id": "apps", "label": "申请总数"}]}],
    }  # fmt: skip
    with pytest.raises(zwgk.DataError, match="section 一 names unknown table 't9'"):
        zwgk.tree_from_data(data)
    data["sections"][0]["table"] = "t1"
    tree = zwgk.tree_from_data(data)
    assert (tree.sections[0].table, tree.family, tree.tables[0].stub) == ("t1", "", ())


def _printed_words(fmt: str) -> str:
    tree = zwgk.indicator_tree(fmt)
    words = [tree.title]
    for t in tree.tables:
        words.append(t.title)
        for row in t.walk():
            words.extend((row.label, *row.aliases, row.block or ""))
        for col in t.columns:
            words.extend((*col.labels, *col.aliases))
    return "\n".join(words).replace(" ", "")


def test_markers_tell_the_generations_apart() -> None:
    # A generation's markers are words of its own template that no other template prints.
    from zwgk._model.indicators import reading_hints

    for fmt in FORMATS:
        hints = reading_hints(fmt)
        assert len(hints.markers) >= 2
        for other in set(FORMATS) - {fmt}:
            for marker in hints.markers:
                assert marker not in _printed_words(other), (fmt, marker, other)
        assert all(a in _printed_words(fmt) for a in hints.anchors)
        horizontal = [
            t.id for t in zwgk.indicator_tree(fmt).tables if t.layout.value == "horizontal"
        ]
        assert sorted(hints.table_anchors) == horizontal
