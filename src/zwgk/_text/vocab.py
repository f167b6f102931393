"""Vocabularies of document grammar, each defined once as data.

- organ suffixes: how the name of an organ ends (局, 委员会, 管委会办公室…); the core
  list is the agency data's (``_data/agencies/organs.json``), with the composite endings
  a signature or title prints;
- work-unit suffixes: what else a task's unit may be (公司, 协会, 支队, 支行, 海关…);
- collective heads: how a catch-all phrase starts (各, 有关, 省直各…);
- role words: how a text says who leads (牵头, 主责, 主办) and who cooperates (配合, 参与…);
- units of measure of the counts reports state in prose (件, 人次, 万元…).

``alternation`` turns a word list into a regex alternation, longest first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from zwgk._agency.data import agency_data
from zwgk._text.numerals import CN_DIGITS

__all__ = [
    "CELL_UNITS",
    "COLLECTIVE_HEAD",
    "COOPERATE_WORDS",
    "DOCUMENT_WORDS",
    "LEAD_WORDS",
    "LEVEL_PREFIXES",
    "MEASURE_UNITS",
    "ORGAN_SUFFIX",
    "RESPONSIBLE_WORDS",
    "ROLE_WORDS",
    "TASK_VERBS",
    "TITLE_WORD",
    "UNIT_LABEL",
    "UNIT_LABELS",
    "UNIT_NOUNS",
    "UNIT_SUFFIX",
    "alternation",
    "organ_suffixes",
    "place_prefixes",
]


def alternation(words: Iterable[str], *, spaced: bool = False) -> str:
    """A non-capturing regex alternation of ``words``, longest first.

    ``spaced`` lets spaces stand between the characters (``牵 头 单 位`` in a spaced header).

    Example:
        >>> from zwgk._text.vocab import alternation
        >>> alternation(["局", "管理局"]), alternation(["牵头"], spaced=True)
        ('(?:管理局|局)', '(?:牵 *头)')
    """
    return "(?:" + "|".join(map(_spaced if spaced else re.escape, _longest_first(words))) + ")"


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))


def _spaced(word: str) -> str:
    """``word`` as a pattern that lets spaces stand between its characters."""
    return " *".join(map(re.escape, word))


#: Endings an issuing organ's printed name has beyond the agency data's own.
_COMPOSITE_ORGAN_ENDINGS = (
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "管理委员会办公室",
    "管委会办公室",
    "管理委员会",
    "管理局",
    "组",
    "会",
)
#: Endings of units a plan assigns work to that are not organs of government.
_WORK_UNIT_ENDINGS = (
    "办事处", "指挥中心", "部门", "单位", "机构", "机关", "纪委", "党委", "协会", "公司", "集团",
    "实验区", "开发区", "示范区", "新区", "支队", "大队", "中队", "企业", "乡镇", "街道", "股",
    "馆", "社", "行", "支行", "海关", "村", "镇", "乡", "团", "法院", "检察院",
)  # fmt: skip


@functools.cache
def organ_suffixes() -> tuple[str, ...]:
    """Every organ ending, longest first: the agency data's and the composite ones.

    Example:
        >>> from zwgk._text.vocab import organ_suffixes
        >>> organ_suffixes()[0], "局" in organ_suffixes()
        ('管理委员会办公室', True)
    """
    words = (*agency_data().organ_suffixes, *_COMPOSITE_ORGAN_ENDINGS)
    return tuple(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


#: How the name of an organ ends: one alternation for every reader.
ORGAN_SUFFIX = alternation(organ_suffixes())
#: How the name of a unit a task is assigned to ends (organs and other work units).
UNIT_SUFFIX = alternation((*organ_suffixes(), *_WORK_UNIT_ENDINGS))
#: Level prefixes a unit's name may start with (区教育局, 片区管理局).
LEVEL_PREFIXES = ("省", "市", "区", "县", "乡", "镇", "片区")


@functools.cache
def place_prefixes() -> tuple[str, ...]:
    """Place names a unit's name may start with, from the agency data, longest first.

    The short names of zones (平潭 for 平潭综合实验区) and of provinces (福建); a zone's
    full name is a unit of its own, not a prefix.

    Example:
        >>> from zwgk._text.vocab import place_prefixes
        >>> [p for p in place_prefixes() if p.startswith("平潭")]
        ['平潭']
    """
    data = agency_data()
    names: list[str] = list(data.province_short)
    for zone in data.zones:
        for name in (zone.name, *zone.aliases):
            for suffix in data.generic_zone_suffixes:
                if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                    names.append(name[: -len(suffix)])
                    break
    return tuple(sorted(dict.fromkeys(names), key=lambda w: (-len(w), w)))


#: Verbs of task prose, never inside a unit's name (推进, 做好…).
TASK_VERBS = (
    "进行", "作为", "负责", "开展", "加强", "做好", "推进", "通过", "增强", "提高", "推动",
    "制定", "完善", "建立", "健全", "落实", "特别",
)  # fmt: skip
#: Words that make the units before them lead a task.
LEAD_WORDS = ("牵头", "主责", "主办")
#: Words that make the units before them cooperate.
COOPERATE_WORDS = ("配合", "参与", "协助", "协办", "协同", "协作")
#: The word of a unit that answers for a task (责任单位): lead alone, cooperating beside a lead.
RESPONSIBLE_WORDS = ("责任",)
#: What a unit label calls units: 牵头**单位**, 责任**处室**.
UNIT_NOUNS = ("单位", "部门", "处室", "科室")
_ROLES = (*LEAD_WORDS, *RESPONSIBLE_WORDS, *COOPERATE_WORDS)
#: The forms of a unit label, spaces allowed between characters: 牵头单位, 责任处室,
#: 配合部门, 主办.  Each starts with its word's first character as a literal, so that a
#: pattern that opens with their alternation lets a scan skip to those characters.
UNIT_LABELS = (
    *(f"{_spaced(r)} *{alternation(UNIT_NOUNS, spaced=True)}" for r in _longest_first(_ROLES)),
    *map(_spaced, _longest_first(("主办", "协办"))),
)
#: A unit label (any of `UNIT_LABELS`, in their order).
UNIT_LABEL = "(?:" + "|".join(UNIT_LABELS) + ")"
#: Every role word of a unit assignment.
ROLE_WORDS = (*LEAD_WORDS[:1], "负责", "落实", *COOPERATE_WORDS[:4])
#: How a catch-all phrase starts (各单位, 省直各部门, 辖区各派出所, 有关部门, 3个区直单位).
COLLECTIVE_HEAD = (
    r"(?:(?:省|市|区|县)直(?:各|有关|相关)|(?:辖区|全[省市县区]|本[省市县区])?各|其他|其它|有关|相关|所有|全体|所属|下属|"
    r"基层(?!.{0,8}[处科室股]$)|"
    rf"(?:\d{{1,3}}|[{CN_DIGITS}两]{{1,3}})个)"
)
#: The words a document's title names its kind with (…年度报告, …的通知, …实施方案).
DOCUMENT_WORDS = (
    "报告", "方案", "要点", "通知", "意见", "办法", "制度", "公告", "计划", "规定", "决定",
    "分解表", "安排", "通告", "规则", "指南", "时限", "函",
)  # fmt: skip
#: Where a title names its document's kind (any of `DOCUMENT_WORDS`).
TITLE_WORD = re.compile(alternation(DOCUMENT_WORDS))
#: Units of measure a statistical table prints: after a value, or in a unit column.
CELL_UNITS = ("万元", "元", "件", "条", "个", "次", "人次", "人", "项", "篇", "份", "起")
#: The units of money among them: cells and facts in them hold `Decimal` values.
MONEY_UNITS = frozenset({"万元", "元"})
#: Units of the counts a report states in its prose.
MEASURE_UNITS = (*CELL_UNITS, "期", "场", "家", "批", "封")
