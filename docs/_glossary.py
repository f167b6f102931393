"""The glossary page's tables: curated terms here, the trees' labels from the package data.

Run by ``docs/glossary.md`` while the site is built. Pinyin comes from pypinyin (a docs
extra) with tone marks; syllables are written together by word, the words taken from
``WORDS`` (longest match first), as in 「xíngzhèng fùyì」. ``OVERRIDES`` settles the
polyphones pypinyin reads wrongly in this field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypinyin import Style, lazy_pinyin

import zwgk

#: A curated entry: (term, English, zwgk id or field, note).
Entry = tuple[str, str, str, str]

DOMAIN: list[Entry] = [
    ("政务公开", "openness of government affairs", "", "the wider policy; plans organise it"),
    ("政府信息公开", "government information disclosure (OGI)", "", "the legal duty"),
    (
        "《政府信息公开条例》",
        "Regulations on the Disclosure of Government Information",
        "",
        "2008 (国务院令第492号), revised 2019 (国务院令第711号)",
    ),
    ("条例", "the Regulations", "", "short for the above"),
    (
        "政府信息公开工作年度报告",
        "annual report on government information disclosure",
        "annual_report",
        "DocumentKind",
    ),
    ("年报", "annual report", "annual_report", "short for the above"),
    ("年度报告格式", "annual report format", "format", "TableFormat: the table generation"),
    (
        "统计报表",
        "statistical report form",
        "legacy_local",
        "TableFormat: local tables before 2014",
    ),
    ("附表", "annexed table", "tables", "where legacy reports put their statistics"),
    ("总体情况", "overview", "sections", "section 一 of an f2019/f2021 report"),
    ("存在的主要问题及改进情况", "main problems and improvements", "sections", "section 五"),
    ("其他需要报告的事项", "other matters to report", "sections", "section 六"),
    ("表二", "Table 2: proactive disclosure", "t2", "in section 二; rows by Article 20 items"),
    ("表三", "Table 3: requests received and handled", "t3", "in section 三"),
    ("表四", "Table 4: reconsideration and litigation", "t4", "in section 四"),
    ("主动公开", "proactive disclosure", "active", "legacy_2014 group row"),
    ("依申请公开", "disclosure upon request", "applications", "legacy_2014 group row"),
    ("政府信息公开申请", "disclosure request", "new_received", "counted in 表三"),
    ("申请人", "applicant", "", "表三 columns are applicant types"),
    ("政策解读", "policy interpretation", "interpretation_articles", ""),
    ("回应社会关切", "responding to public concerns", "response", ""),
    ("信息公开指南", "disclosure guide", "", "published on every disclosure site"),
    ("信息公开目录", "disclosure catalogue", "", "each page carries a metadata block"),
    ("索引号", "index number", "index_no", "page metadata"),
    ("发布机构", "issuing organ", "agency", "page metadata"),
    ("文号", "document number", "doc_no", "page metadata"),
    ("发文日期", "date of issue", "published", "page metadata"),
    ("落款", "closing signature and date", "signed", ""),
    ("统计期限", "statistics period", "year", "the year a report covers"),
    ("统计表", "statistics table", "StatTable", ""),
    ("统计指标", "indicator", "indicator", "header of the 2014 table"),
    ("统计数", "count", "value", "header of the 2014 table"),
    ("单位", "unit of measurement", "unit", "header of the 2014 table; see the units below"),
    ("结转", "carry-over", "", "requests still open at the year's end"),
    ("上年结转", "carried over from last year", "carried_over_in", ""),
    ("结转下年度继续办理", "carried over to next year", "carried_over_out", ""),
    ("办理结果", "outcome of a request", "results", ""),
    ("勾稽关系", "arithmetic identity between cells", "Identity", ""),
    ("国务院办公厅", "General Office of the State Council", "", "issues the formats"),
    ("国办发", "document of the State Council General Office", "", "国办发〔2014〕32号"),
    (
        "国办公开办函",
        "letter of the State Council disclosure office",
        "",
        "国办公开办函〔2019〕60号, 〔2021〕30号",
    ),
    ("行政机关", "administrative organ", "Agency", ""),
    ("部门", "department", "Agency", "of a government: 市财政局 is a 部门 of the city"),
    ("本级政府", "the government at this level", "", "reports on its own work"),
    ("本机关", "this organ", "agency", "Scope: a report on the organ's own work"),
    ("综合", "aggregate (of a region)", "aggregate", "Scope"),
    ("政府信息公开工作主管部门", "competent department for disclosure work", "", ""),
    ("信息处理费", "information processing fee", "", "国办函〔2020〕109号; reported in section 六"),
    ("管委会", "administrative committee (of a zone)", "", "short for 管理委员会"),
    ("开发区", "development zone", "", "functional zones usually have no division code"),
    ("机构改革", "institutional reform", "successors", "the 2018 reform"),
    ("市场监督管理局", "Administration for Market Regulation", "", "successor of 工商局 (2018)"),
    ("工商行政管理局", "Administration for Industry and Commerce", "", "ended in the 2018 reform"),
    ("行政区划代码", "administrative division code (GB/T 2260)", "division_code", ""),
    ("中央", "central government", "central", "Level"),
    ("国务院部门", "State Council department", "central", "Level"),
    ("省", "province", "province", "Level"),
    ("自治区", "autonomous region", "province", "Level"),
    ("直辖市", "municipality directly under the central government", "province", "Level"),
    ("地级市", "prefecture-level city", "city", "Level"),
    ("县", "county", "county", "Level"),
    ("市辖区", "urban district", "county", "Level"),
    ("乡镇街道", "township, town or subdistrict", "township", "Level"),
]

#: Units of measurement printed in the tables (``Indicator.unit``, ``Column.unit``).
UNITS: list[Entry] = [
    ("件", "item; case", "unit", "documents, requests, decisions, cases"),
    ("条", "item", "unit", "pieces of information"),
    ("项", "item (of a list)", "unit", "licensing and fee items"),
    ("次", "times", "unit", "meetings, responses, interviews"),
    ("篇", "article", "unit", "policy interpretations"),
    ("个", "count", "unit", "units, reading points, procurement items"),
    ("人", "persons", "unit", "staff"),
    ("人次", "person-times", "unit", "trainees"),
    ("万元", "10,000 yuan", "unit", "fees and funds in the tables"),
    ("元", "yuan", "unit", "information processing fees in section 六"),
]

PLANS: list[Entry] = [
    ("实施方案", "implementation plan", "implementation_plan", "DocumentKind"),
    ("工作方案", "work plan", "implementation_plan", ""),
    ("实施意见", "implementing opinions", "implementation_plan", ""),
    ("工作要点", "key points of the year's work", "work_points", "DocumentKind"),
    ("任务分解表", "task breakdown table", "work_points", ""),
    ("分工方案", "division-of-labour plan", "work_points", ""),
    ("重点工作安排", "key work arrangements", "work_points", ""),
    ("工作任务清单", "task list", "work_points", ""),
    ("关于印发", "on issuing (cover notice)", "", "关于印发《…》的通知"),
    ("通知", "notice", "", ""),
    ("主送", "addressees", "addressees", ""),
    ("报送", "submit (replies to the notice)", "reply_deadline", "请于…前报送"),
    ("附件", "attachment", "attachments", ""),
    ("联系人", "contact person", "contact", "Contact"),
    ("联系电话", "telephone", "contact", "Contact.phone"),
    ("工作任务", "task", "tasks", "Task"),
    ("序号", "serial number", "path", "first column of a task table"),
    ("编号", "number", "path", "first column of a task table"),
    ("单位", "unit (organisation)", "OrgUnit", "an office or department named in a task"),
    ("牵头", "take the lead", "lead", "由财政局牵头"),
    ("牵头单位", "lead unit", "lead", ""),
    ("牵头部门", "lead department", "lead", ""),
    ("牵头领导", "leading official", "lead", "column of a task table"),
    ("责任单位", "responsible unit", "cooperating", "beside a 牵头单位; alone, `lead`"),
    ("主责单位", "unit mainly responsible", "lead", ""),
    ("主办单位", "organising unit", "lead", ""),
    ("责任部门", "responsible department", "cooperating", "beside a 牵头部门"),
    ("配合", "cooperate", "cooperating", "审计局配合"),
    ("配合单位", "cooperating unit", "cooperating", ""),
    ("参与单位", "participating unit", "cooperating", ""),
    ("协办单位", "assisting unit", "cooperating", ""),
    ("协作单位", "collaborating unit", "cooperating", ""),
    ("协助", "assist", "cooperating", ""),
    ("会同", "jointly with", "cooperating", ""),
    ("各单位按职责分工负责", "every unit according to its duties", "collective", ""),
    ("有关部门", "the departments concerned", "collective", ""),
    ("职责分工", "division of responsibilities", "", "a part that assigns units in prose"),
    ("完成时限", "deadline", "deadline", ""),
    ("完成时间", "completion date", "deadline", ""),
    ("时间节点", "milestone date", "deadline", ""),
    ("进度安排", "schedule", "deadline", ""),
    ("时限要求", "time limit", "deadline", ""),
    ("年底前", "by the end of the year", "date", "DeadlineKind"),
    ("年内", "within the year", "date", "DeadlineKind"),
    ("每年", "every year", "recurring", "DeadlineKind, with a month: 每年6月和12月"),
    ("每季度", "every quarter", "recurring", "DeadlineKind"),
    ("每月", "every month", "recurring", "DeadlineKind"),
    ("每周", "every week", "recurring", "DeadlineKind"),
    ("至少", "at least", "frequency", "DeadlineKind: 每年至少听取一次"),
    ("个工作日内", "within … working days", "relative", "DeadlineKind"),
    ("定期", "regularly", "frequency", "DeadlineKind"),
    ("不定期", "from time to time", "frequency", "DeadlineKind"),
    ("动态更新", "updated as things change", "frequency", "DeadlineKind"),
    ("动态调整", "adjusted as things change", "frequency", "DeadlineKind"),
    ("长期坚持", "on a continuing basis", "ongoing", "DeadlineKind"),
    ("持续推进", "continuously", "ongoing", "DeadlineKind"),
    ("持续开展", "carried on continuously", "ongoing", "DeadlineKind"),
    ("长期执行", "applies for the long term", "ongoing", "DeadlineKind"),
    ("按年度", "year by year", "unresolved", "DeadlineKind: kept as printed, not read as a date"),
]

#: Printed labels of the trees that have no English of their own: outer header levels.
HEADERS = {
    "申请人情况": "Applicants",
    "法人或其他组织": "Legal persons and other organisations",
}

#: English titles of the generations' templates (the section headings of the tree tables).
TREE_TITLES = {
    "legacy_2014": "Statistics of government information disclosure",
    "f2019": "Format of the PRC annual report on government information disclosure (trial)",
    "f2021": "Format of the PRC annual report on government information disclosure",
}

# Words whose syllables are written together (GB/T 16159), longest match first.
WORDS = """
政务 政府 信息 公开 条例 工作 年度 本年度 报告 年报 格式 主动 申请 申请人 政策 解读
回应 社会 关切 指南 目录 索引号 发布 机构 文号 发文 日期 落款 统计 期限 统计表 指标
结转 上年 继续 办理 结果 勾稽 关系 办公厅 公开办 行政 机关 部门 本级 综合 主管 处理费
管委会 开发区 改革 市场 监督 管理局 工商 区划 代码 地级市 乡镇 街道 实施 方案 意见
要点 任务 分解表 分工 关于 印发 通知 主送 报送 附件 联系人 联系 电话 序号 牵头 单位
责任 配合 参与 协办 会同 职责 负责 有关 完成 时限 时间 节点 进度 安排 年底 年内 每年
季度 工作日 定期 不定期 动态 更新 调整 长期 坚持 持续 推进 情况 规范性 文件 制发 总数
其中 不同 渠道 方式 相同 公报 网站 微博 微信 其他 公众 关注 热点 重大 舆情 参加 举办
新闻 发布会 主要 同志 次数 在线 访谈 稿件 事件 收到 当面 传真 网络 信函 办结 按时
延期 答复 属于 范围 同意 部分 涉及 国家 秘密 商业 个人 隐私 危及 安全 公共 经济 稳定
所指 法律 法规 规定 情形 告知 作出 更改 补充 通过 途径 复议 数量 维持 具体 行为 依法
纠错 诉讼 或者 驳回 原告 请求 举报 投诉 收取 费用 建设 保障 经费 专门 设置 查阅 从事
人员 专职 兼职 专项 会议 培训 召开 专题 各类 培训班 接受 中华人民共和国 试行 制作 对外
项目 处理 决定 采购 金额 规章 许可 管理 服务 事项 处罚 强制 事业性 收费 集中 本年
新收 予以 不予 禁止 保护 第三方 合法 权益 内部 事务 过程性 执法 案卷 查询 无法 提供
掌握 相关 没有 现成 需要 另行 补正 内容 信访 重复 要求 出版物 正当 理由 大量 反复
确认 重新 出具 获取 总计 逾期 不再 缴纳 废止 件数 现行 有效 万元 尚未 审结 未经 直接
起诉 纠正 自然人 法人 组织 企业 科研 公益 存在 明确 附表 总体 问题 改进 中央 国务院
自治区 直辖市 市辖区 报表 人次 重点 清单 编号 领导 协作 协助 每月 每周 至少 开展 执行
"""

#: Pinyin settled by hand: polyphones pypinyin gets wrong here, and GB/T 16159 spellings.
OVERRIDES = {
    "结转": "jiézhuǎn",
    "不": "bù",  # citation tone, not pypinyin's sandhi (不是 bú shì)
    "不予": "bùyǔ",
    "不同意": "bù tóngyì",
    "予以": "yǔyǐ",
    "答复": "dáfù",
    "重复": "chóngfù",
    "处理": "chǔlǐ",
    "处理费": "chǔlǐfèi",
    "单位": "dānwèi",
    "调整": "tiáozhěng",
    "行政": "xíngzhèng",
    "参与": "cānyù",
    "要点": "yàodiǎn",
    "正当": "zhèngdàng",
    "上一年": "shàng yī nián",
    "本年度": "běn niándù",
    "总数量": "zǒng shùliàng",
    "乡镇": "xiāngzhèn",
    "落款": "luòkuǎn",
    "中华人民共和国": "Zhōnghuá Rénmín Gònghéguó",
    "国务院": "Guówùyuàn",
    "国务院办公厅": "Guówùyuàn Bàngōngtīng",
    "国办": "Guóbàn",
    "国办发": "Guóbàn fā",
    "第二十条": "dì-èrshí tiáo",
    "第一项": "dì-yī xiàng",
    "第五项": "dì-wǔ xiàng",
    "第六项": "dì-liù xiàng",
    "第八项": "dì-bā xiàng",
    "第九项": "dì-jiǔ xiàng",
}

_LEXICON = frozenset(WORDS.split()) | frozenset(OVERRIDES)
_LONGEST = max(len(w) for w in _LEXICON)
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、]|其中[:：])"
)
_NUMERAL_BRACKET = re.compile(r"[（(]([一二三四五六七八九十]+)[)）]")
_GUIDANCE = re.compile(r"[（(][^（）()]{8,}[)）]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]")


def words(run: str) -> list[str]:
    """A run of Chinese characters cut into words of ``WORDS`` (longest match from the left)."""
    out: list[str] = []
    i = 0
    while i < len(run):
        for size in range(min(_LONGEST, len(run) - i), 0, -1):
            if size == 1 or run[i : i + size] in _LEXICON:
                out.append(run[i : i + size])
                i += size
                break
    return out


def _join(syllables: list[str]) -> str:
    """Syllables of one word written together, with ``'`` before a/o/e inside the word."""
    text = syllables[0]
    for syllable in syllables[1:]:
        text += ("'" if _VOWEL_START.match(syllable) else "") + syllable
    return text


def pinyin(term: str) -> str:
    """Pinyin of a term with tone marks, by word; numbering, guidance notes and punctuation dropped.

    pypinyin reads each run of characters as a whole (its phrase dictionary settles most
    polyphones); ``OVERRIDES`` settles the rest.
    """
    term = _MARKER.sub("", term.strip())
    term = _GUIDANCE.sub("", term)
    term = _NUMERAL_BRACKET.sub(r"\1", term)
    out: list[str] = []
    for run in _HAN.findall(term):
        syllables = lazy_pinyin(run, style=Style.TONE)
        pos = 0
        for word in words(run):
            fixed = OVERRIDES.get(word)
            out.append(fixed or _join(syllables[pos : pos + len(word)]))
            pos += len(word)
    return " ".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code(ident: str) -> str:
    return f"`{ident}`" if ident else ""


def table(rows: list[Entry]) -> Iterator[str]:
    """A markdown table of curated terms."""
    yield "| 中文 | pinyin | English | zwgk | note |"
    yield "|---|---|---|---|---|"
    for term, english, ident, note in rows:
        yield f"| {term} | {pinyin(term)} | {english} | {_code(ident)} | {_cell(note)} |"


def _other_words(alias: str, label: str) -> bool:
    """Whether an alias is other words than its label, not a spelling or punctuation variant."""
    a, b = (re.sub(r"[^\u4e00-\u9fff]", "", _MARKER.sub("", s)) for s in (alias, label))
    return sorted(a) != sorted(b)


def _line(term: str, english: str, ident: str) -> str:
    return f"| {_cell(term)} | {pinyin(term)} | {english} | {ident} |"


def tree_rows(fmt: str) -> Iterator[str]:
    """The rows of one generation's table: titles, headers, columns, blocks and indicators."""
    tree = zwgk.indicator_tree(fmt)
    if tree.title not in {t.title for t in tree.tables}:
        yield _line(tree.title, f"*{TREE_TITLES[fmt]}*", f"`{fmt}`")
    for template in tree.tables:
        ident = f"**`{template.qualified_id}`**"
        unnamed = [f"`[{c.id}]`" for c in template.columns if not c.labels]
        yield _line(template.title, f"**{template.title_en}**", " ".join([ident, *unnamed]))
        headers: dict[str, list[str]] = {}
        for column in template.columns:
            for outer in column.labels[:-1]:
                headers.setdefault(outer, []).append(column.id)
        for outer, ids in headers.items():
            yield _line(outer, HEADERS[outer], f"`[{ids[0]}]` … `[{ids[-1]}]`")
        for column in template.columns:
            if not column.labels:  # 表四's one unnamed value column: given with the title
                continue
            yield _line(column.label, column.en, f"`[{column.id}]`")
            for alias in column.aliases:
                if _other_words(alias, column.label):
                    yield _line(alias, f"{column.en} (short form)", f"`[{column.id}]`")
        block = None
        for row in template.walk():
            if row.block and row.block != block:
                block = row.block
                yield _line(block, _article(block), "`block`")
            yield _line(row.label, row.en, f"`{row.id}`")
            for alias in row.aliases:
                if _other_words(alias, row.label):
                    yield _line(alias, f"{row.en} (variant label)", f"`{row.id}`")


_CN_DIGITS = "一二三四五六七八九"


def _cn_int(text: str) -> int:
    """一 … 九十九 as an int."""
    if "十" not in text:
        return _CN_DIGITS.index(text) + 1
    tens, _, units = text.partition("十")
    return (_CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (
        _CN_DIGITS.index(units) + 1 if units else 0
    )


def _article(block: str) -> str:
    """``第二十条第（一）项`` as ``Article 20(1) of the Regulations``."""
    m = re.fullmatch(r"第(.+)条第[（(](.+)[)）]项", block)
    if m is None:
        return block
    return f"Article {_cn_int(m[1])}({_cn_int(m[2])}) of the Regulations"


def tree_tables() -> Iterator[str]:
    """One section per shipped generation: every table title, header, column and row label."""
    for fmt in ("legacy_2014", "f2019", "f2021"):
        tree = zwgk.indicator_tree(fmt)
        yield f"\n## `{fmt}`: {tree.title}\n"
        yield f"{tree.basis}; table titles in bold, column ids in brackets.\n"
        yield "| 中文 | pinyin | English | id |"
        yield "|---|---|---|---|"
        yield from tree_rows(fmt)
