"""The glossary page's tables: curated terms here, the trees' labels from the package data.

Run by ``docs/glossary.md`` while the site is built; pinyin comes from pypinyin (a docs
extra), with tone marks, grouped by word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypinyin import Style, lazy_pinyin

import zwgk

# (term, English, zwgk id or field, note)
DOMAIN: list[tuple[str, str, str, str]] = [
    ("政务公开", "openness of government affairs", "", "the wider policy; plans organise it"),
    ("政府信息公开", "government information disclosure (OGI)", "", "the legal duty"),
    (
        "政府信息公开条例",
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
    ("年报", "annual report", "annual_report", ""),
    ("主动公开", "proactive disclosure", "active", "legacy_2014 group row"),
    ("依申请公开", "disclosure upon request", "applications", "legacy_2014 group row"),
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
    ("上年结转", "carried over from last year", "carried_over_in", ""),
    ("结转下年度继续办理", "carried over to next year", "carried_over_out", ""),
    ("办理结果", "outcome of a request", "results", ""),
    ("勾稽关系", "arithmetic identity between cells", "Identity", ""),
    ("国办发", "document of the State Council General Office", "", "国办发〔2014〕32号"),
    (
        "国办公开办函",
        "letter of the State Council disclosure office",
        "",
        "国办公开办函〔2019〕60号, 〔2021〕30号",
    ),
    ("行政机关", "administrative organ", "Agency", ""),
    ("本级政府", "the government at this level", "aggregate", "its own report is due 31 March"),
    ("政府信息公开工作主管部门", "competent department for disclosure work", "", ""),
    ("综合", "aggregate (of a region)", "aggregate", "Scope"),
    ("信息处理费", "information processing fee", "", "国办函〔2020〕109号; reported in section 六"),
    ("管委会", "administrative committee (of a zone)", "", "管理委员会"),
    ("开发区", "development zone", "", "functional zones usually have no division code"),
    ("机构改革", "institutional reform", "successors", "the 2018 reform"),
    ("市场监督管理局", "Administration for Market Regulation", "", "successor of 工商局 (2018)"),
    ("工商行政管理局", "Administration for Industry and Commerce", "", "ended in the 2018 reform"),
    ("行政区划代码", "administrative division code (GB/T 2260)", "division_code", ""),
    ("省", "province", "province", "Level"),
    ("地级市", "prefecture-level city", "city", "Level"),
    ("县", "county", "county", "Level"),
    ("乡镇街道", "township, town or subdistrict", "township", "Level"),
]

PLANS: list[tuple[str, str, str, str]] = [
    ("实施方案", "implementation plan", "implementation_plan", "DocumentKind"),
    ("工作方案", "work plan", "implementation_plan", ""),
    ("工作要点", "key points of the year's work", "work_points", "DocumentKind"),
    ("任务分解表", "task breakdown table", "work_points", ""),
    ("关于印发", "on issuing (cover notice)", "", "关于印发《…》的通知"),
    ("通知", "notice", "", ""),
    ("主送", "addressees", "addressees", ""),
    ("附件", "attachment", "attachments", ""),
    ("联系人", "contact person", "Contact", ""),
    ("工作任务", "task", "Task", ""),
    ("牵头单位", "lead unit", "lead", ""),
    ("责任单位", "responsible unit", "lead", "read as lead where no 牵头 is named"),
    ("配合单位", "cooperating unit", "cooperating", ""),
    ("参与单位", "participating unit", "cooperating", ""),
    ("各单位按职责分工负责", "every unit according to its duties", "collective", ""),
    ("有关部门", "the departments concerned", "collective", ""),
    ("完成时限", "deadline", "deadline", ""),
    ("时间节点", "milestone date", "deadline", ""),
    ("年底前", "by the end of the year", "date", "DeadlineKind"),
    ("每年", "every year", "recurring", "DeadlineKind"),
    ("个工作日内", "within … working days", "relative", "DeadlineKind"),
    ("定期", "regularly", "frequency", "DeadlineKind"),
    ("动态更新", "updated as things change", "frequency", "DeadlineKind"),
    ("长期坚持", "on a continuing basis", "ongoing", "DeadlineKind"),
    ("持续推进", "continuously", "ongoing", "DeadlineKind"),
]

# Words pypinyin may read with the wrong tone in this field, syllable by syllable.
OVERRIDES = {
    "结转": ("jié", "zhuǎn"),
    "不予": ("bù", "yǔ"),
    "答复": ("dá", "fù"),
    "重复": ("chóng", "fù"),
    "处理": ("chǔ", "lǐ"),
    "单位": ("dān", "wèi"),
    "调整": ("tiáo", "zhěng"),
    "行政": ("xíng", "zhèng"),
    "银行": ("yín", "háng"),
    "参与": ("cān", "yǔ"),
    "要点": ("yào", "diǎn"),
    "正当": ("zhèng", "dàng"),
}

_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、]|其中[:：])"
)
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def pinyin(term: str) -> str:
    """Pinyin with tone marks, numbering, bracketed guidance and punctuation dropped.

    pypinyin reads each run of characters as a whole (its phrase dictionary settles most
    polyphones); the overrides settle the rest.
    """
    term = _MARKER.sub("", term.strip())
    term = re.sub(r"[（(][^）)]*[）)]", "", term)
    out: list[str] = []
    for run in _HAN.findall(term):
        syllables = lazy_pinyin(run, style=Style.TONE)
        for word, fixed in OVERRIDES.items():
            start = run.find(word)
            while start != -1:
                syllables[start : start + len(word)] = fixed
                start = run.find(word, start + len(word))
        out.append(" ".join(syllables))
    return " · ".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table(rows: list[tuple[str, str, str, str]]) -> Iterator[str]:
    """A markdown table of curated terms."""
    yield "| 中文 | pinyin | English | zwgk | note |"
    yield "|---|---|---|---|---|"
    for term, english, ident, note in rows:
        code = f"`{ident}`" if ident else ""
        yield f"| {term} | {pinyin(term)} | {english} | {code} | {_cell(note)} |"


def tree_tables() -> Iterator[str]:
    """One section per shipped generation: every table title, column and row label."""
    for fmt in ("legacy_2014", "f2019", "f2021"):
        tree = zwgk.indicator_tree(fmt)
        yield f"\n## `{fmt}`: {tree.title}\n"
        yield "| 中文 | pinyin | English | id |"
        yield "|---|---|---|---|"
        for template in tree.tables:
            title = template.title
            yield (
                f"| **{title}** | {pinyin(title)} | **{template.title_en}** "
                f"| `{template.qualified_id}` |"
            )
            for column in template.columns:
                label = column.label or "统计数"
                yield f"| {_cell(label)} | {pinyin(label)} | {column.en} | `[{column.id}]` |"
            for row in template.walk():
                yield f"| {_cell(row.label)} | {pinyin(row.label)} | {row.en} | `{row.id}` |"
