"""Implementation plans and work points: the seed, the dev corpus, and the pieces on their own.

Expected values were checked by hand against the files.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pytest

from zwgk._analysis.responsibilities import (
    COLUMNS,
    Responsibility,
    responsibilities,
    responsibilities_frame,
)
from zwgk._errors import InputError, MissingExtraError
from zwgk._model.core import Duration, Recurrence
from zwgk._model.documents import ImplementationPlan, Plan, Task, WorkPoints
from zwgk._model.enums import DeadlineKind, DocumentKind, Severity
from zwgk._parse.common import read_common
from zwgk._parse.deadlines import iter_deadlines, parse_deadline
from zwgk._parse.dispatch import parse
from zwgk._parse.kind import detect_kind
from zwgk._parse.organs import issuing_organ
from zwgk._parse.plans import parse_plan, plan_kind
from zwgk._parse.text import read_input
from zwgk._parse.units import find_labelled, parse_parenthetical, parse_row_units, split_list

SEEDS = Path(__file__).parents[1] / "seeds"
CORPUS = Path(__file__).parent / "corpus" / "dev"
SEED_004 = SEEDS / "004_562af7ce0614f99d.txt"


def _corpus(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def _parse(path: Path) -> ImplementationPlan | WorkPoints:
    return parse_plan(path.read_bytes(), source=path.name)


def _tasks(plan: Plan) -> dict[tuple[str, ...], Task]:
    # The first task at each path (026 prints a second list 1.-4. under the same heading).
    out: dict[tuple[str, ...], Task] = {}
    for task in plan.walk_tasks():
        out.setdefault(task.path, task)
    return out


def _names(units: tuple[object, ...]) -> list[str]:
    return [u.name for u in units]  # type: ignore[attr-defined]


# ---- seed 004: 山西省工商行政管理局 全面推进政务公开工作实施方案 (2017) ----------------------


@pytest.fixture(scope="module")
def seed() -> ImplementationPlan | WorkPoints:
    return _parse(SEED_004)


def test_seed_metadata(seed: Plan) -> None:
    assert isinstance(seed, ImplementationPlan)
    assert seed.title == "山西省工商行政管理局关于印发《全面推进政务公开工作实施方案》的通知"
    assert seed.published == dt.date(2017, 6, 19)
    assert seed.signed == dt.date(2017, 6, 15)
    assert seed.index_no == "012150436/2017-00160"
    assert seed.source == SEED_004.name
    assert seed.agency is not None
    assert (seed.agency.full_name, seed.agency.division_code) == ("山西省工商行政管理局", "140000")
    # The outline is the task tree's markers: 一、 总体要求 / 工作内容及任务分工 / 工作要求.
    assert [s.heading for s in seed.sections] == [
        "一、总体要求",
        "二、工作内容及任务分工",
        "三、工作要求",
    ]
    assert [s.span for s in seed.sections] == [t.span for t in seed.tasks]
    assert ("索引号", "012150436/2017-00160") in seed.metadata


def test_seed_cover_notice(seed: Plan) -> None:
    assert seed.addressees == ("省局机关各处(室)", "协(学)会", "直属单位", "示范区工商局")
    reply = seed.reply_deadline
    assert reply is not None
    assert reply.kind is DeadlineKind.DATE
    assert reply.date == dt.date(2017, 6, 20)
    assert reply.phrase == "6月 20日前"
    assert seed.attachments == ("山西省工商行政管理局主动公开基本目录",)
    assert seed.contact is not None
    assert (seed.contact.person, seed.contact.phone) == ("琚玉芳", "7680382")


OTHERS = ("其他单位按职责分工负责",)
ALL_UNITS = ("各单位按职责分工负责",)

# path under 二 -> (title, lead units, collective phrases), read off the seed by hand.
SEED_TASKS: dict[tuple[str, ...], tuple[str, list[str], tuple[str, ...]]] = {
    ("二",): ("工作内容及任务分工", [], ()),
    ("二", "(一)"): ("围绕推进“放管服效”改革推进公开", [], ()),
    ("二", "(一)", "1"): ("进一步推进权力清单和责任清单公开", ["注册处", "法制处"], OTHERS),
    ("二", "(一)", "2"): ("推进市场监管工作公开透明", ["监管处"], OTHERS),
    ("二", "(一)", "3"): ("加快推进国家信用信息公示系统建设", ["监管处"], OTHERS),
    ("二", "(一)", "4"): ("推行政务服务公开", ["注册处"], ()),
    ("二", "(一)", "5"): ("大力推进“互联网+政务服务”", ["办公室", "宣传中心"], OTHERS),
    ("二", "(一)", "6"): ("加强网上政务服务平台建设", ["注册处", "信息中心"], ()),
    ("二", "(一)", "7"): ("深入推进工商登记制度改革信息公开工作", ["注册处"], ()),
    ("二", "(一)", "8"): ("加强工商行政管理执法信息公开", [], ALL_UNITS),
    ("二", "(二)"): ("围绕推进消费升级和产品质量提升工作推进公开", [], ()),
    ("二", "(二)", "1"): ("及时公布流通领域商品质量抽检结果", ["消保处", "市场处"], ()),
    ("二", "(二)", "2"): (
        "做好消费者诉求数据分析结果公开工作",
        ["消保处", "12315指挥中心", "消费者协会"],
        (),
    ),
    ("二", "(二)", "3"): (
        "加大对查处假冒伪劣、虚假违法广告、价格欺诈等行为的公开力度",
        [],
        ALL_UNITS,
    ),
    ("二", "(三)"): ("加强政策解读和舆情回应", [], ()),
    ("二", "(三)", "1"): ("强化政策解读", ["办公室", "宣传中心"], OTHERS),
    ("二", "(三)", "2"): ("做好政务舆情监测工作", ["办公室", "宣传中心"], OTHERS),
    ("二", "(三)", "3"): ("强化舆情回应", ["办公室", "宣传中心"], OTHERS),
    ("二", "(四)"): ("加快公开平台建设", [], ()),
    ("二", "(四)", "1"): ("强化省局门户网站建设和管理", ["办公室", "宣传中心", "信息中心"], OTHERS),
    ("二", "(四)", "2"): ("充分发挥新闻媒体和新媒体平台作用", ["办公室", "宣传中心"], OTHERS),
    ("二", "(五)"): ("提升制度化标准化水平", [], ()),
    ("二", "(五)", "1"): ("建立公开属性源头认定机制", ["办公室"], OTHERS),
    ("二", "(五)", "2"): ("建立相关方列席会议机制", ["办公室"], OTHERS),
    ("二", "(五)", "3"): ("主动公开基本目录", ["办公室"], OTHERS),
    ("二", "(五)", "4"): ("建立公开内容动态扩展和定期审查机制", ["办公室"], OTHERS),
    ("二", "(五)", "5"): ("稳步建立政务公开负面清单", ["办公室"], OTHERS),
    ("二", "(五)", "6"): ("依法规范依申请公开工作", ["办公室", "法制处"], OTHERS),
    ("二", "(五)", "7"): ("对建议提案办理结果进行进一步公开", ["办公室"], OTHERS),
}


def test_seed_task_tree(seed: Plan) -> None:
    assert [t.path for t in seed.tasks] == [("一",), ("二",), ("三",)]
    assert [t.title for t in seed.tasks] == ["总体要求", "工作内容及任务分工", "工作要求"]
    under_two = {t.path: t for t in seed.tasks[1].walk()}
    assert set(under_two) == set(SEED_TASKS)
    for path, (title, lead, collective) in SEED_TASKS.items():
        task = under_two[path]
        assert task.title == title, path
        assert _names(task.lead) == lead, path
        assert task.collective == collective, path
        assert task.cooperating == (), path
        assert not task.lead_inherited


def test_seed_catch_alls_are_not_units(seed: Plan) -> None:
    for task in seed.walk_tasks():
        for unit in (*task.lead, *task.cooperating):
            assert "按职责" not in unit.name
            assert not unit.name.startswith(("各", "其他"))


def test_seed_variant_verb(seed: Plan) -> None:
    task = _tasks(seed)[("三", "(三)")]
    assert _names(task.lead) == ["办公室", "驻局纪检组", "人事处", "法制处", "机关纪委"]


def test_seed_spans_and_text(seed: Plan) -> None:
    text = SEED_004.read_text(encoding="utf-8")
    for task in seed.walk_tasks():
        assert task.span is not None
        assert task.span.of(text) == task.text
        assert task.text.startswith(task.path[-1].strip("()"), 1 if "(" in task.path[-1] else 0)
        for child in task.children:
            assert child.span is not None
            assert task.span.start < child.span.start <= child.span.end <= task.span.end
    one = _tasks(seed)[("二", "(一)", "1")]
    assert one.text.startswith("1.进一步推进权力清单和责任清单公开。")
    assert one.text.endswith("(注册处、法制处牵头,其他单位按职责分工负责)")


def test_seed_deadlines(seed: Plan) -> None:
    tasks = _tasks(seed)
    d = tasks[("二", "(五)", "1")].deadline
    assert d is not None
    assert (d.phrase, d.kind, d.date) == ("2017年底前", DeadlineKind.DATE, dt.date(2017, 12, 31))
    two = tasks[("二", "(五)", "2")].deadlines
    assert [(x.phrase, x.date) for x in two] == [("2017年底前", dt.date(2017, 12, 31))]

    d = tasks[("二", "(三)", "1")].deadline
    assert d is not None
    assert d.kind is DeadlineKind.RELATIVE
    assert d.duration == Duration(3, "working_day")
    assert d.after == "文件公开"
    assert d.phrase == "文件公开后3个工作日内"

    three = tasks[("二", "(三)", "3")].deadlines
    assert [(x.phrase, x.duration) for x in three] == [
        ("5小时内", Duration(5, "hour")),
        ("24小时内", Duration(24, "hour")),
    ]

    closing = tasks[("三",)].deadlines
    assert [(x.phrase, x.kind, x.recurrence) for x in closing] == [
        ("每年的12月31日前", DeadlineKind.RECURRING, Recurrence("year", (12,), 31))
    ]
    d = tasks[("二", "(一)", "5")].deadline
    assert d is not None
    assert (d.phrase, d.date) == ("年内", dt.date(2017, 12, 31))
    d = tasks[("三", "(二)")].deadline
    assert d is not None
    assert (d.phrase, d.date) == ("2018年底前", dt.date(2018, 12, 31))
    kinds = {x.phrase: x.kind for x in tasks[("三", "(一)")].deadlines}
    assert kinds == {"每年至少听取一次": DeadlineKind.FREQUENCY}
    phrases = [x.phrase for x in tasks[("二", "(五)", "3")].deadlines]
    assert phrases == ["动态更新"]
    for task in seed.walk_tasks():
        for deadline in task.deadlines:
            assert deadline.span is not None
            assert deadline.span.of(SEED_004.read_text(encoding="utf-8")) == deadline.phrase


def test_seed_findings(seed: Plan) -> None:
    assert all(f.severity is Severity.INFO for f in seed.findings)
    assert not [f for f in seed.findings if f.code == "plan.unresolved_deadline"]


def test_seed_issuing_organ() -> None:
    src = read_input(SEED_004.read_bytes())
    assert issuing_organ(read_common(src), src.norm) == "山西省工商行政管理局"


def test_kind_forced_and_decided(seed: Plan) -> None:
    forced = parse_plan(SEED_004.read_text(encoding="utf-8"), kind=DocumentKind.WORK_POINTS)
    assert isinstance(forced, WorkPoints)
    assert [t.path for t in forced.tasks] == [t.path for t in seed.tasks]
    assert plan_kind("2022年全区政务公开工作主要任务分解表") is DocumentKind.WORK_POINTS
    assert plan_kind("关于2012年政府信息公开重点工作安排的通知") is DocumentKind.WORK_POINTS
    assert plan_kind("关于全面推进政务公开工作的实施意见") is DocumentKind.IMPLEMENTATION_PLAN


def test_bytes_and_str_agree() -> None:
    text = "关于印发实施方案的通知\n各处室:\n一、任务\n1.推进公开。(办公室牵头负责)\n2.强化解读。"
    assert parse_plan(text.encode("gb18030")) == parse_plan(text)
    assert parse_plan(SEED_004.read_bytes()) == parse_plan(SEED_004.read_text(encoding="utf-8"))


def test_bad_input_raises() -> None:
    with pytest.raises(InputError):
        parse_plan(42)  # type: ignore[arg-type]


# ---- the dev corpus ------------------------------------------------------------------------


def test_012_fujian_task_table() -> None:
    plan = _parse(_corpus("012"))
    assert isinstance(plan, WorkPoints)
    rows = [t for t in plan.walk_tasks() if not t.children]
    assert len(rows) == 66
    assert len(list(plan.walk_tasks())) == 96  # 6 一、 + 24 (一) + 66 rows
    assert [r.path[-1] for r in rows] == [str(i) for i in range(1, 67)]
    assert plan.addressees == (
        "各市、县（区）人民政府",
        "平潭综合实验区管委会",
        "省人民政府各部门",
        "各直属机构",
    )
    assert plan.reply_deadline is not None
    assert plan.reply_deadline.date == dt.date(2016, 6, 20)
    tasks = _tasks(plan)

    one = tasks[("一", "(一)", "1")]
    assert one.title == "全面公开省级政府工作部门权力清单和责任清单"
    assert _names(one.lead) == ["省编办（省审改办）"]
    assert _names(one.cooperating) == ["平潭综合实验区"]
    assert one.collective == ("省直各部门", "各设区市")
    assert not one.lead_inherited
    for path in (("一", "(一)", "2"), ("一", "(一)", "3")):  # merged cells
        assert tasks[path].lead_inherited
        assert _names(tasks[path].lead) == ["省编办（省审改办）"]

    four = tasks[("一", "(二)", "4")]  # blank lead cell
    assert four.lead == ()
    assert four.collective == ("省直各部门", "各设区市")
    assert not four.lead_inherited

    ten = tasks[("一", "(三)", "10")]  # 省公安厅会同省人社厅、卫计委、教育厅等相关部门
    assert _names(ten.lead) == ["省公安厅"]
    assert _names(ten.cooperating) == ["省人社厅", "卫计委", "教育厅", "平潭综合实验区"]

    assert _names(tasks[("二", "(三)", "14")].lead) == ["省财政厅", "省发改委"]
    assert _names(tasks[("三", "(一)", "21")].lead) == ["省农业厅（省委农办）"]
    assert tasks[("三", "(一)", "22")].lead_inherited
    assert _names(tasks[("三", "(五)", "32")].cooperating) == [
        "省卫计委",
        "住建厅",
        "水利厅",
        "平潭综合实验区",
    ]
    for n in ("29", "30", "31"):
        assert _names(tasks[("三", "(四)", n)].lead) == ["省住建厅"]
        assert tasks[("三", "(四)", n)].lead_inherited

    d47 = tasks[("五", "(一)", "47")].deadline
    assert d47 is not None
    assert (d47.duration, d47.after) == (Duration(3, "working_day"), "文件公开")
    fifty_three = tasks[("五", "(二)", "53")]
    assert _names(fifty_three.lead) == ["省应急办", "省政府新闻办"]
    assert fifty_three.deadline is not None
    assert fifty_three.deadline.duration == Duration(24, "hour")


@pytest.mark.parametrize("prefix", ["013", "014"])
def test_013_014_pingtan_task_table(prefix: str) -> None:
    plan = _parse(_corpus(prefix))
    assert isinstance(plan, WorkPoints)
    assert len(list(plan.walk_tasks())) == 26
    rows = [t for t in plan.walk_tasks() if not t.children]
    assert len(rows) == 18
    assert [t.path[0] for t in plan.tasks] == ["一", "二", "三", "四", "五", "六", "七", "八"]
    assert plan.addressees == ("各片区管理局", "区直各单位", "各区属事业单位", "各区属国企")
    assert plan.signed == dt.date(2022, 6, 7)
    tasks = _tasks(plan)
    three = tasks[("一", "3")]
    assert _names(three.lead) == ["区经济发展局", "区行政审批局"]
    assert three.cooperating == ()
    assert three.collective == (
        "区直各有关单位",
        "各区属事业单位",
        "各片区管理局",
        "各乡镇人民政府（街道办事处）",
    )
    assert tasks[("一", "1")].lead == ()
    assert _names(tasks[("二", "5")].lead) == ["区财政金融局"]
    # 五、 is printed twice (a merged cell); rows 13 and 14 stay under it.
    assert [t.path for t in tasks[("五",)].children] == [("五", "12"), ("五", "13"), ("五", "14")]
    assert _names(tasks[("五", "14")].lead) == ["区社会事业局"]
    eighteen = tasks[("八", "18")]
    assert _names(eighteen.cooperating) == ["政府信息公开工作部门"]
    assert any(f.code == "plan.no_lead" and f.refs[0].span == eighteen.span for f in plan.findings)


def test_013_and_014_agree() -> None:
    a, b = _parse(_corpus("013")), _parse(_corpus("014"))

    def shape(p: Plan) -> list[tuple[object, ...]]:
        return [(t.path, t.title, t.lead, t.cooperating, t.collective) for t in p.walk_tasks()]

    assert shape(a) == shape(b)


def test_025_pingtan_work_arrangement() -> None:
    plan = _parse(_corpus("025"))
    assert isinstance(plan, WorkPoints)
    assert [t.path for t in plan.walk_tasks()] == [
        ("一",),
        ("二",),
        ("三",),
        ("三", "(一)"),
        ("三", "(二)"),
        ("三", "(三)"),
        ("三", "(四)"),
    ]
    assert plan.tasks[1].collective == ("各级各部门",)
    assert plan.addressees == ("平潭县人民政府", "区直各单位", "各乡镇人民政府", "县直各有关单位")
    assert len(plan.attachments) == 1
    assert plan.attachments[0].startswith("《福建省人民政府办公厅转发国务院办公厅")
    src = read_input(_corpus("025").read_bytes())
    # 发布机构 is the site's name (中国平潭), not an organ.
    assert issuing_organ(read_common(src), src.norm) == "平潭综合实验区管委会办公室"


def test_015_pingtan_spring_transport_plan() -> None:
    plan = _parse(_corpus("015"))
    assert isinstance(plan, ImplementationPlan)
    assert len(list(plan.walk_tasks())) == 42
    assert plan.doc_no == "闽岚综实管综〔2013〕1号"
    assert plan.addressees == ("平潭县人民政府", "区直各单位", "各乡镇人民政府", "县直各单位")
    tasks = _tasks(plan)
    assert len(tasks[("三", "(一)")].children) == 10
    assert len(tasks[("三", "(三)")].children) == 13
    assert _names(tasks[("三", "(三)", "2")].lead) == ["交通部门"]
    assert _names(tasks[("三", "(三)", "9")].lead) == ["区传媒中心", "新闻单位"]
    assert _names(tasks[("三", "(三)", "12")].lead) == ["县总工会"]
    assert tasks[("三", "(二)")].collective == ("各乡镇",)
    src = read_input(_corpus("015").read_bytes())
    assert issuing_organ(read_common(src), src.norm) == "平潭综合实验区管委会"


def test_016_suping_plan() -> None:
    plan = _parse(_corpus("016"))
    assert len(list(plan.walk_tasks())) == 15
    tasks = _tasks(plan)
    assert _names(tasks[("二", "(一)")].lead) == ["片区春运办公室"]
    assert _names(tasks[("二", "(三)")].lead) == ["社会事业处"]
    assert _names(tasks[("二", "(七)")].lead) == ["交通与建设处"]
    assert _names(tasks[("二", "(八)")].lead) == ["政法与综治处"]
    assert tasks[("三", "(一)")].collective == ("各单位",)
    # 春运从1月28日至3月8日 is a period, not the notice's reply deadline.
    assert plan.reply_deadline is None
    assert plan.contact is None


def test_017_junshan_plan() -> None:
    plan = _parse(_corpus("017"))
    assert len(list(plan.walk_tasks())) == 18
    tasks = _tasks(plan)
    assert len(tasks[("四",)].children) == 8
    assert tasks[("三", "(一)")].collective == ("各村",)
    d = tasks[("二",)].deadline
    assert d is not None
    assert d.date == dt.date(2021, 2, 28)
    assert plan.addressees == ("各处室（中心）", "东庠办事处", "各行政村")


def test_018_asset_audit_plan() -> None:
    plan = _parse(_corpus("018"))
    assert len(list(plan.walk_tasks())) == 48
    assert plan.signed == dt.date(2012, 3, 2)
    tasks = _tasks(plan)
    assert _names(tasks[("五", "(二)", "3")].lead) == ["国土资源部门", "土地收储中心"]
    assert _names(tasks[("五", "(二)", "5")].lead) == ["物价局"]
    assert _names(tasks[("五", "(二)", "7")].lead) == ["企业改制领导小组"]
    dates = [d.date for d in tasks[("六", "(二)", "1")].deadlines]
    assert dates == [dt.date(2012, 4, 25), dt.date(2012, 4, 25)]  # 3月26日-4月25日, 4月25日前
    assert tasks[("六", "(二)", "2")].deadlines[-1].date == dt.date(2012, 5, 25)


def test_026_leads_only_in_prose() -> None:
    plan = _parse(_corpus("026"))
    assert isinstance(plan, ImplementationPlan)
    assert len(list(plan.walk_tasks())) == 16
    tasks = _tasks(plan)
    prep = tasks[("二", "(二)", "1")]
    assert prep.title.startswith("准备阶段")
    assert [(d.phrase, d.date) for d in prep.deadlines] == [
        ("2015年4月-6月", dt.date(2015, 6, 30)),
        ("4月底前", dt.date(2015, 4, 30)),
        ("5月底前", dt.date(2015, 5, 31)),
        ("5月底前", dt.date(2015, 5, 31)),
        ("6月底前", dt.date(2015, 6, 30)),
    ]
    promo = tasks[("二", "(二)", "3")]
    assert promo.deadline is not None
    assert promo.deadline.date == dt.date(2016, 6, 30)
    assert prep.lead == ()
    division = tasks[("三",)]
    assert _names(division.lead)[:2] == ["区纪工委", "廉政办"]
    assert "数字办" in _names(division.lead)
    assert division.collective == ("8个区直单位",)
    flagged = {f.refs[0].span for f in plan.findings if f.code == "plan.no_lead"}
    assert prep.span in flagged
    assert _names(tasks[("二", "(一)", "1")].lead) == ["区经济发展局"]
    assert len(plan.attachments) == 5
    assert plan.attachments[0] == "权力运行流程图示例（科技课题申报）"


def _all_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("[0-9]*.txt"))
    return files


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.name[:24])
def test_every_file_parses(path: Path) -> None:
    plan = parse_plan(path.read_bytes())
    text = read_input(path.read_bytes()).text
    for task in plan.walk_tasks():
        assert task.span is not None
        assert task.span.of(text) == task.text
        for d in task.deadlines:
            assert d.span is not None
            assert d.span.of(text) == d.phrase
    for finding in plan.findings:
        assert finding.code.startswith("plan.")


@pytest.mark.parametrize("path", _all_files(), ids=lambda p: p.name[:24])
def test_json_round_trip(path: Path) -> None:
    import zwgk

    plan = parse_plan(path.read_bytes())
    assert zwgk.from_json(zwgk.to_json(plan)) == plan


# ---- deadlines, units and the smaller pieces ---------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind", "value"),
    [
        ("2017年底前", DeadlineKind.DATE, dt.date(2017, 12, 31)),
        ("年内", DeadlineKind.DATE, dt.date(2020, 12, 31)),
        ("年底前", DeadlineKind.DATE, dt.date(2020, 12, 31)),
        ("6月20日前", DeadlineKind.DATE, dt.date(2020, 6, 20)),
        ("6月 20日前", DeadlineKind.DATE, dt.date(2020, 6, 20)),
        ("5月底前", DeadlineKind.DATE, dt.date(2020, 5, 31)),
        ("2016年4月底前", DeadlineKind.DATE, dt.date(2016, 4, 30)),
        ("每年的12月31日前", DeadlineKind.RECURRING, Recurrence("year", (12,), 31)),
        ("每年6月和12月", DeadlineKind.RECURRING, Recurrence("year", (6, 12))),
        ("每年1、4、7、10月8日之前", DeadlineKind.RECURRING, Recurrence("year", (1, 4, 7, 10), 8)),
        ("每年1月底前", DeadlineKind.RECURRING, Recurrence("year", (1,), 31)),
        ("每月5日前", DeadlineKind.RECURRING, Recurrence("month", (), 5)),
        ("每季度", DeadlineKind.RECURRING, Recurrence("quarter")),
        ("按季度", DeadlineKind.RECURRING, Recurrence("quarter")),
        ("每一季度", DeadlineKind.RECURRING, Recurrence("quarter")),
        ("每年", DeadlineKind.RECURRING, Recurrence("year")),
        ("按年度", DeadlineKind.RECURRING, Recurrence("year")),
        ("每半年", DeadlineKind.RECURRING, Recurrence("half_year")),
        ("按月", DeadlineKind.RECURRING, Recurrence("month")),
        ("上半年", DeadlineKind.DATE, dt.date(2020, 6, 30)),
        ("2021年下半年", DeadlineKind.DATE, dt.date(2021, 12, 31)),
        ("第三季度", DeadlineKind.DATE, dt.date(2020, 9, 30)),
        ("一季度末", DeadlineKind.DATE, dt.date(2020, 3, 31)),
        ("2021年第4季度前", DeadlineKind.DATE, dt.date(2021, 12, 31)),
        ("文件公开后3个工作日内", DeadlineKind.RELATIVE, Duration(3, "working_day")),
        ("5小时内", DeadlineKind.RELATIVE, Duration(5, "hour")),
        ("24小时内", DeadlineKind.RELATIVE, Duration(24, "hour")),
        ("48小时内", DeadlineKind.RELATIVE, Duration(48, "hour")),
        ("7个工作日内", DeadlineKind.RELATIVE, Duration(7, "working_day")),
        ("20个工作日内", DeadlineKind.RELATIVE, Duration(20, "working_day")),
        ("三个月内", DeadlineKind.RELATIVE, Duration(3, "month")),
        ("定期", DeadlineKind.FREQUENCY, None),
        ("动态更新", DeadlineKind.FREQUENCY, None),
        ("每年至少听取一次", DeadlineKind.FREQUENCY, None),
        ("持续推进", DeadlineKind.ONGOING, None),
        ("长期坚持", DeadlineKind.ONGOING, None),
        ("常态化", DeadlineKind.ONGOING, None),
        ("按计划", DeadlineKind.UNRESOLVED, None),
    ],
)
def test_deadline_phrases(phrase: str, kind: DeadlineKind, value: object) -> None:
    d = parse_deadline(phrase, year=2020)
    assert d.kind is kind
    assert d.phrase == phrase
    if isinstance(value, dt.date):
        assert d.date == value
    elif isinstance(value, Recurrence):
        assert d.recurrence == value
    elif isinstance(value, Duration):
        assert d.duration == value


def test_deadline_without_year_is_unresolved() -> None:
    assert parse_deadline("6月20日前").kind is DeadlineKind.UNRESOLVED
    plan = parse_plan("一、任务\n1.推进公开。年底前完成。(注册处牵头负责)")
    task = plan.tasks[0].children[0]
    assert task.deadline is not None
    assert task.deadline.kind is DeadlineKind.UNRESOLVED
    codes = [f.code for f in plan.findings]
    assert "plan.unresolved_deadline" in codes
    assert all(f.severity is Severity.INFO for f in plan.findings)


def test_several_deadlines_in_order() -> None:
    found = list(iter_deadlines("5小时内发布,24小时内举行,每季度通报,2017年底前建立", year=2017))
    assert [d.phrase for d in found] == ["5小时内", "24小时内", "每季度", "2017年底前"]
    assert [d.span.start for d in found if d.span] == sorted(d.span.start for d in found if d.span)


def test_lead_forms() -> None:
    paren = parse_parenthetical("注册处、信息中心牵头负责")
    assert paren is not None
    assert _names(paren.lead) == ["注册处", "信息中心"]
    both = parse_parenthetical("注册处、法制处牵头,其他单位按职责分工负责")
    assert both is not None
    assert both.collective == ("其他单位按职责分工负责",)
    assert parse_parenthetical("见附件") is None
    # Seed 004 三(二): 基层教育处 is one office; 基层单位 are many.
    office = parse_parenthetical("办公室、基层教育处牵头,其他单位按职责分工负责")
    assert office is not None
    assert _names(office.lead) == ["办公室", "基层教育处"]
    many = parse_parenthetical("基层单位负责")
    assert many is not None
    assert many.lead == ()
    assert many.collective == ("基层单位负责",)
    assert split_list("人力资源和社会保障局、交通与建设处") == [
        "人力资源和社会保障局",
        "交通与建设处",
    ]

    plan = parse_plan(
        "一、重点任务\n(一)优化营商环境。\n牵头单位:市发展改革委\n"
        "责任单位:市财政局等有关部门,各区、县(市)政府\n"
        "(二)推进公开。由市财政局牵头,市审计局配合,2026年6月底前完成。\n"
        "(三)做好解读。市政府办公室牵头,市直各部门配合。"
    )
    tasks = _tasks(plan)
    labelled = tasks[("一", "(一)")]
    assert _names(labelled.lead) == ["市发展改革委"]
    assert _names(labelled.cooperating) == ["市财政局"]
    assert labelled.collective == ("有关部门", "各区、县(市)政府")
    inline = tasks[("一", "(二)")]
    assert (_names(inline.lead), _names(inline.cooperating)) == (["市财政局"], ["市审计局"])
    assert inline.deadline is not None
    assert inline.deadline.date == dt.date(2026, 6, 30)
    third = tasks[("一", "(三)")]
    assert _names(third.lead) == ["市政府办公室"]
    assert third.collective == ("市直各部门",)


def test_flattened_row() -> None:
    row = parse_row_units("办好政府公报 各设区市、平潭综合实验区着力提升规章的发布质量")
    assert row is not None
    assert row.empty_lead
    assert row.assignment.lead == ()
    assert row.assignment.collective == ("各设区市",)
    assert parse_row_units("推动市县两级政府工作部门全面公开权力清单") is None


def test_table_with_separated_cells() -> None:
    plan = parse_plan(
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
        "|---|---|---|---|---|\n"
        "| 1 | 公开预决算 | 市财政局 | 各区县 | 2023年6月底前 |\n"
        "| 2 | 公开审计结果 |  |  | 每年的12月31日前 |\n"
        "| 3 | 公开招标 | 市公共资源交易中心 | 市发展改革委 | 按计划 |\n"
    )
    rows = plan.tasks
    assert [t.path for t in rows] == [("1",), ("2",), ("3",)]
    assert [t.title for t in rows] == ["公开预决算", "公开审计结果", "公开招标"]
    assert _names(rows[0].lead) == ["市财政局"]
    assert rows[0].collective == ("各区县",)
    assert rows[1].lead_inherited
    assert _names(rows[1].lead) == ["市财政局"]
    assert rows[1].deadline is not None
    assert rows[1].deadline.recurrence == Recurrence("year", (12,), 31)
    assert _names(rows[2].cooperating) == ["市发展改革委"]
    assert rows[2].deadline is not None
    assert rows[2].deadline.kind is DeadlineKind.UNRESOLVED
    assert "plan.unresolved_deadline" in [f.code for f in plan.findings]


def test_marker_sequence_rejects_prose_numbers() -> None:
    plan = parse_plan(
        "一、总体要求\n十八届三中、四中全会精神。\n二、主要任务\n"
        "1.推进公开,于2017.6.30前完成,见附件1、附件2。\n2.强化解读。\n三、保障措施"
    )
    assert [t.path for t in plan.walk_tasks()] == [
        ("一",),
        ("二",),
        ("二", "1"),
        ("二", "2"),
        ("三",),
    ]


def test_linear_time_on_hostile_input() -> None:
    chunks = ["一、", "(一)", "1.", "省发改委", "各", "附件", "联系人:", "每年", "牵头", "("]
    for chunk in chunks:
        started = time.perf_counter()
        parse_plan("牵头单位 责任单位\n" + chunk * (200_000 // len(chunk)))
        assert time.perf_counter() - started < 10, chunk


# ---- responsibilities -------------------------------------------------------------------


def test_responsibilities(seed: Plan) -> None:
    records = responsibilities([seed])
    assert all(isinstance(r, Responsibility) for r in records)
    first = records[0]
    assert (first.path, first.unit, first.role) == (("二", "(一)", "1"), "注册处", "lead")
    assert first.document_title == seed.title
    assert first.document_doc_no is None
    assert first.deadline_phrase == "动态调整"
    lead_units = {r.unit for r in records if r.role == "lead"}
    assert {"注册处", "法制处", "消保处", "12315指挥中心", "机关纪委"} <= lead_units
    assert not any("按职责" in r.unit for r in records)
    five_one = [r for r in records if r.path == ("二", "(五)", "1")]
    assert [(r.unit, r.deadline_date) for r in five_one] == [("办公室", dt.date(2017, 12, 31))]
    assert responsibilities([]) == ()


def test_responsibilities_of_one_document_or_a_mixed_list(seed: Plan) -> None:
    report = parse("平潭县2012年政府信息公开工作年度报告\n一、概述\n本年度公开信息15条。")
    assert responsibilities(seed) == responsibilities([seed, report])
    with pytest.raises(InputError, match="responsibilities takes parsed documents"):
        responsibilities(["一、任务"])  # type: ignore[list-item]


def test_responsibilities_inherited() -> None:
    records = responsibilities([_parse(_corpus("012"))])
    two = [r for r in records if r.path == ("一", "(一)", "2")]
    assert [(r.unit, r.role, r.inherited) for r in two] == [
        ("省编办（省审改办）", "lead", True),
        ("平潭综合实验区", "cooperating", True),
    ]


def test_responsibilities_frame(seed: Plan) -> None:
    pytest.importorskip("pandas")
    frame = responsibilities_frame([seed])
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(responsibilities([seed]))
    assert frame.loc[0, "unit"] == "注册处"
    empty = responsibilities_frame([])
    assert list(empty.columns) == list(COLUMNS)
    assert len(empty) == 0
    assert dict(empty.dtypes) == dict(frame.dtypes)


def test_responsibilities_frame_without_pandas(seed: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match="pandas"):
        responsibilities_frame([seed])


def test_a_task_table_published_as_html_reads_as_its_text() -> None:
    # 012's 任务分解表 as a site's <table>: section rows 一、 and (一) nest, and 「1.全面公开…」
    # numbers its own row where the table has no number column.
    text = _corpus("012").read_text(encoding="utf-8")
    plan = parse_plan(text)
    rows = []
    for task in plan.walk_tasks():
        number = task.path[-1] + {1: "、", 2: "", 3: "."}[len(task.path)]
        cells = (
            number + task.title,
            "、".join(u.name for u in task.lead),
            "、".join(u.name for u in task.cooperating),
            task.deadline.phrase if task.deadline else "",
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    page = (
        f"<html><body><h1>{plan.title}</h1><p>附件</p><table><tr><td>工作任务</td>"
        f"<td>牵头单位</td><td>责任单位</td><td>完成时限</td></tr>{''.join(rows)}</table>"
        "</body></html>"
    )
    again = parse_plan(page)

    def tree(p: Plan) -> list[tuple[object, ...]]:
        return [
            (t.path, t.title, [u.name for u in t.lead], t.deadline and t.deadline.phrase)
            for t in p.walk_tasks()
        ]

    assert len(tree(plan)) == 96
    assert tree(again) == tree(plan)


@pytest.mark.parametrize(
    ("printed", "lead", "cooperating", "collective"),
    [
        ("（牵头单位：市发改委；责任单位：各区县政府）", ["市发改委"], [], ("各区县政府",)),
        ("（责任单位：市发改委、市财政局）", ["市发改委", "市财政局"], [], ()),
        (
            "（牵头部门：市发改委；配合部门：市财政局、市统计局）",
            ["市发改委"],
            ["市财政局", "市统计局"],
            (),
        ),
        ("（主责单位：市政府办公室；协办单位：市大数据局）", ["市政府办公室"], ["市大数据局"], ()),
        ("（市政府办公室、市大数据局按职责分工负责）", ["市政府办公室", "市大数据局"], [], ()),
        (
            "（市政府办公室牵头，各县（市、区）政府负责）",
            ["市政府办公室"],
            [],
            ("各县（市、区）政府负责",),
        ),
        ("（各单位按职责分工负责）", [], [], ("各单位按职责分工负责",)),
    ],
)
def test_lead_unit_phrasings(
    printed: str, lead: list[str], cooperating: list[str], collective: tuple[str, ...]
) -> None:
    plan = parse_plan(
        f"2023年政务公开工作要点\n一、重点任务\n1.推进政策公开。年底前完成。{printed}\n"
    )
    task = plan.tasks[0].children[0]
    assert _names(task.lead) == lead
    assert _names(task.cooperating) == cooperating
    assert task.collective == collective


@pytest.mark.parametrize("style", ["markdown", "html"])
def test_a_task_table_whose_only_unit_column_is_responsible(style: str) -> None:
    # 序号 / 工作任务 / 责任单位 / 完成时限, no 牵头单位: the responsible units lead.
    rows = [
        ("1", "推进政策公开", "市政府办公室、市司法局", "2023年6月底前"),
        ("2", "加强政策解读", "市委宣传部，各区县政府", "持续推进"),
    ]
    header = ("序号", "工作任务", "责任单位", "完成时限")
    head = (
        "关于印发2023年政务公开工作要点任务分解表的通知\n各区县政府：现将分解表印发给你们。\n附件\n"
    )
    if style == "markdown":
        table = "\n".join("| " + " | ".join(r) + " |" for r in (header, *rows))
        text = head + table
    else:
        cells = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in (header, *rows)
        )
        text = "<html><body><p>" + head.replace("\n", "</p><p>") + f"</p><table>{cells}</table>"
    plan = parse_plan(text)
    got = [
        (t.path, t.title, _names(t.lead), t.collective, t.deadline and t.deadline.phrase)
        for t in plan.walk_tasks()
    ]
    assert got == [
        (("1",), "推进政策公开", ["市政府办公室", "市司法局"], (), "2023年6月底前"),
        (("2",), "加强政策解读", ["市委宣传部"], ("各区县政府",), "持续推进"),
    ]


@pytest.mark.parametrize(
    ("title", "body", "kind"),
    [
        ("关于印发福建省2023年政务公开工作主要任务的通知", "", DocumentKind.WORK_POINTS),
        ("关于印发《平潭改革创新12项措施》的通知", "", DocumentKind.IMPLEMENTATION_PLAN),
        ("关于2022年政府信息公开工作要点落实情况的函", "", DocumentKind.OTHER),
        ("关于公开征求《平潭交通实施方案》意见的通告", "", DocumentKind.OTHER),
        ("关于《平潭交通实施方案》的解读", "", DocumentKind.OTHER),
        ("关于2022年度政府信息公开工作年度报告", "", DocumentKind.ANNUAL_REPORT),
        ("关于报送2022年度政府信息公开工作年度报告的通知", "", DocumentKind.OTHER),
        ("2026年9月18-22日平潭计划停电", "一、停电范围 二、停电时间 三、联系", DocumentKind.OTHER),
        ("某局2024年抽查工作计划", "抽查工作计划(详见附件)", DocumentKind.OTHER),
        ("政府信息公开目录", "1.机构职能 2.政策法规 3.规划计划 4.财政信息", DocumentKind.OTHER),
        (
            "某局2024年抽查工作计划",
            "一、抽查事项。牵头单位:执法科 二、抽查比例。责任单位:法规科 三、公开。牵头单位:办公室",
            DocumentKind.IMPLEMENTATION_PLAN,
        ),
        (
            "关于做好2024年几项工作的通知",
            "一、清单。牵头单位:甲局 二、解读。牵头单位:乙局 三、平台。牵头单位:丙局 "
            "四、培训。牵头单位:丁局 五、考核。责任单位:戊局",
            DocumentKind.IMPLEMENTATION_PLAN,
        ),
    ],
)
def test_kind_from_title_and_body(title: str, body: str, kind: DocumentKind) -> None:
    assert detect_kind(title, body) is kind


def test_every_dev_document_keeps_its_kind() -> None:
    for line in (CORPUS / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        name, kind = line.split("\t")[0], line.split("\t")[4]
        src = read_input((CORPUS / name).read_text(encoding="utf-8"))
        common = read_common(src)
        assert detect_kind(common.title, src.norm[common.body_start :]).value == kind, name


def _leads(plan: Plan) -> dict[str, list[str]]:
    return {"".join(t.path): [u.name for u in t.lead] for t in plan.walk_tasks() if not t.children}


def test_unit_lines_run_into_the_next_number() -> None:
    plan = parse_plan(
        "关于印发《某片区工作实施方案》的通知\n一、重点任务\n"
        "1.建设停车场 新建停车场。责任处室:交通与建设处2.3.5G基站建设 建基站71个。"
        "责任处室:经济发展处、各联合党委3.5G深覆盖 推进覆盖。责任单位:经济发展处\n"
        "4.文旅项目 主办:社会事业处"
    )
    assert _leads(plan) == {
        "一1": ["交通与建设处"],
        "一2": ["经济发展处"],
        "一3": ["经济发展处"],
        "一4": ["社会事业处"],
    }
    assert [t.collective for t in plan.walk_tasks() if t.path == ("一", "2")] == [("各联合党委",)]


def test_a_decimal_is_no_number_without_a_unit_line() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n一、任务\n1.增长 增长3.5个百分点。责任单位:统计局\n2.公开 责任单位:办公室"
    )
    assert [t.path for t in plan.walk_tasks()][1:] == [("一", "1"), ("一", "2")]


def test_a_unit_line_after_sub_paragraphs_assigns_their_item() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n一、任务\n1.完善机制(1)优化分工。(2)发挥调研功能。"
        "责任单位:联合党委办公室、各联合党委2.改革试点 推进改革。责任处室:财政经管办"
    )
    first = plan.tasks[0].children[0]
    assert [u.name for u in first.lead] == ["联合党委办公室"]
    assert [c.lead for c in first.children] == [(), ()]
    assert [u.name for u in plan.tasks[0].children[1].lead] == ["财政经管办"]


def test_lead_after_you_in_a_clause() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n一、任务\n(一)对台工作 具体方案由党群工作处牵头,"
        "经济发展处配合。\n(二)旅游 由社会事业处牵头。"
    )
    assert [[u.name for u in t.lead] for t in plan.tasks[0].children] == [
        ["党群工作处"],
        ["社会事业处"],
    ]


@pytest.mark.parametrize(
    ("row", "lead", "cooperating", "collective"),
    [
        (
            "加强教育卫生领域信息集中展示。区教育局区卫生健康委员会 区直有关单位,各街道",
            ["区教育局", "区卫生健康委员会"],
            [],
            ("区直有关单位", "各街道"),
        ),
        (
            "推进政务服务事项清单公开省政务服务中心省直各部门",
            ["省政务服务中心"],
            [],
            ("省直各部门",),
        ),
        (
            "推进知识产权保护平潭海关平潭银保监组区市场监管局",
            ["平潭海关", "平潭银保监组"],
            ["区市场监管局"],
            (),
        ),
        ("在平潭综合实验区推进公开省财政厅各设区市", ["省财政厅"], [], ("各设区市",)),
    ],
)
def test_units_run_together_split_by_name_grammar(
    row: str, lead: list[str], cooperating: list[str], collective: tuple[str, ...]
) -> None:
    found = parse_row_units(row)
    assert found is not None
    a = found.assignment
    assert ([u.name for u in a.lead], [u.name for u in a.cooperating], a.collective) == (
        lead,
        cooperating,
        collective,
    )


def test_a_prefix_printed_once_resolves_each_member() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n一、任务\n1.加强协作 联合办案。责任单位:区法院、检察院、平潭海关、公安局\n"
    )
    units = plan.tasks[0].children[0].lead
    assert [(u.name, u.full_name) for u in units] == [
        ("区法院", None),
        ("检察院", "区检察院"),
        ("平潭海关", None),
        ("公安局", "区公安局"),
    ]


def test_doc_no_printed_under_the_title() -> None:
    own = read_common(
        read_input("标题: 某方案\n正文\n关于印发某方案的通知\n(岚综管办〔2016〕12号)\n各单位:")
    )
    cited = read_common(read_input("标题: 某方案\n正文\n根据《某通知》(闽政办〔2016〕30号)精神"))
    glued = read_common(
        read_input(
            "标题: 某通知\n正文\nQQ空间 岚综管办〔2015〕148号平潭综合实验区管委会办公室关于…"
        )
    )
    assert (own.doc_no, cited.doc_no, glued.doc_no) == (
        "岚综管办〔2016〕12号",
        None,
        "岚综管办〔2015〕148号",
    )


def test_units_sharing_the_work_beside_a_lead_cooperate() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n一、任务\n"
        "1.推进公开 由市财政局牵头,市审计局、市统计局等按职责分工负责。\n"
        "2.强化解读 (办公室牵头,法制处、人事处按职责分工负责)\n"
        "3.清单 (市政府办公室、市大数据局按职责分工负责)"
    )
    assert [
        ([u.name for u in t.lead], [u.name for u in t.cooperating]) for t in plan.tasks[0].children
    ] == [
        (["市财政局"], ["市审计局", "市统计局"]),
        (["办公室"], ["法制处", "人事处"]),
        (["市政府办公室", "市大数据局"], []),
    ]


def test_issuer_and_addressees_are_no_leads() -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n区直各单位,各片区管理局:\n现将方案印发给你们。\n"
        "平潭综合实验区管委会办公室\n2021年4月29日\n一、任务\n1.推进公开 做好清单公开。\n"
        "2.强化解读 做好解读。责任单位:区发展改革局、各片区管理局"
    )
    tasks = plan.tasks[0].children
    assert [([u.name for u in t.lead], t.collective) for t in tasks] == [
        ([], ()),
        (["区发展改革局"], ("各片区管理局",)),
    ]


def test_unit_forms_of_work_points() -> None:
    plan = parse_plan(
        "关于印发福建省2024年政务公开工作主要任务的通知\n一、任务\n"
        "1.推进决策公开。完善目录。(牵头单位:省发展改革委;责任单位:省直各部门、各设区市人民政府)\n"
        "2.推进执行公开。主办:省财政厅 协办:省审计厅、省统计局\n"
        "3.推进结果公开(省政府办公厅牵头,省直有关部门配合,2024年底前完成)\n"
        "4.推进服务公开。市政务服务中心负责。\n"
        "5.推进数据开放。各单位要明确专人负责。"
    )
    assert plan.kind is DocumentKind.WORK_POINTS
    got = [
        (t.title, [u.name for u in t.lead], [u.name for u in t.cooperating], t.collective)
        for t in plan.tasks[0].children
    ]
    assert got == [
        ("推进决策公开", ["省发展改革委"], [], ("省直各部门", "各设区市人民政府")),
        ("推进执行公开", ["省财政厅"], ["省审计厅", "省统计局"], ()),
        ("推进结果公开", ["省政府办公厅"], [], ("省直有关部门配合",)),
        ("推进服务公开", ["市政务服务中心"], [], ()),
        ("推进数据开放", [], [], ()),
    ]
    assert plan.tasks[0].children[2].deadline is not None


def test_a_spaced_task_table() -> None:
    doc = parse(
        "关于印发某市2024年政务公开工作要点任务分解表的通知\n一、工作任务分解\n"
        "序号 工作任务 牵头单位 配合单位 完成时限\n"
        "1 推进决策公开 市发展改革委 市直有关部门 2024年底前\n"
        "2 推进执行公开 市财政局 市审计局、市统计局 持续推进\n"
        "3 推进结果公开 市政府办公室 各县(市、区)政府 2024年6月底前\n"
    )
    assert isinstance(doc, WorkPoints)
    rows = [t for t in doc.walk_tasks() if t.path[-1].isdigit()]
    assert [
        ([u.name for u in t.lead], [u.name for u in t.cooperating], t.collective) for t in rows
    ] == [
        (["市发展改革委"], [], ("市直有关部门",)),
        (["市财政局"], ["市审计局", "市统计局"], ()),
        (["市政府办公室"], [], ("各县(市、区)政府",)),
    ]


@pytest.mark.parametrize(
    ("line", "lead", "cooperating", "collective"),
    [
        ("责任单位:区发改局 完成时限:2024年底", ["区发改局"], [], ()),
        (
            "牵头单位:区发改局;配合单位:区财政局 区审计局",
            ["区发改局"],
            ["区财政局", "区审计局"],
            (),
        ),
        ("责任单位:区发改局(牵头)、区财政局", ["区发改局"], ["区财政局"], ()),
        (
            "责任单位:各县(市、区)人民政府 省直有关部门",
            [],
            [],
            ("各县(市、区)人民政府", "省直有关部门"),
        ),
        ("责任处室:社会事业处15.功能要素项目", ["社会事业处"], [], ()),
    ],
)
def test_unit_lines(
    line: str, lead: list[str], cooperating: list[str], collective: tuple[str, ...]
) -> None:
    a = find_labelled(line, 0, len(line))
    assert ([u.name for u in a.lead], [u.name for u in a.cooperating], a.collective) == (
        lead,
        cooperating,
        collective,
    )


@pytest.mark.parametrize(
    ("printed", "titles"),
    [
        ("附件:1.甲表 2.乙表", ("甲表", "乙表")),
        ("附件1:任务分解表", ("任务分解表",)),
        ("附件2:联系人名单", ("联系人名单",)),
        ("附件:联系表", ("联系表",)),
    ],
)
def test_attachment_lists(printed: str, titles: tuple[str, ...]) -> None:
    plan = parse_plan(
        "关于印发《某工作实施方案》的通知\n各处室:\n现印发。\n某局\n2017年6月15日\n"
        f"一、任务\n1.推进 (办公室牵头)\n{printed}\n"
    )
    assert plan.attachments == titles


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("一、工作目标按照“属地管理”原则，全面排查隐患。", "工作目标"),
        ("一、整治范围及时间安排各行政村辖区范围内的企业。", "整治范围及时间安排"),
        ("一、职责分工在区党工委、管委会统一领导下，各单位分工负责。", "职责分工"),
        ("一、保障措施", "保障措施"),
    ],
)
def test_a_section_heading_a_flattened_page_ran_on_ends_at_its_noun(line: str, title: str) -> None:
    plan = parse(
        f"关于印发安全生产整治工作方案的通知\n各村：\n{line}\n（一）开展排查。区应急局负责。\n"
    )
    assert isinstance(plan, Plan)
    assert [t.title for t in plan.walk_tasks() if t.path == ("一",)] == [title]


def test_names_without_what_normalizing_prints_are_printed_as_they_read() -> None:
    # A name is quoted as printed by a look-up only where normalizing may have changed it:
    # every character normalizing prints in place of another is one the look-up watches.
    from zwgk._parse.plans import _NORMALIZED_TO
    from zwgk._parse.text import _TABLE

    printed = {chr(v) if isinstance(v, int) else v for v in _TABLE.values()}
    assert printed
    assert all(_NORMALIZED_TO.fullmatch(c) for c in printed if c)
    plan = parse_plan(
        "关于印发《方案》的通知\n各处室：\n某局\n2017年6月15日\n一、工作任务\n"
        "1．推进公开。（市财政局牵头，市审计局（内审处）配合）\n"
    )
    task = plan.tasks[0].children[0]
    assert [u.name for u in task.lead] == ["市财政局"]
    assert [u.name for u in task.cooperating] == ["市审计局（内审处）"]
