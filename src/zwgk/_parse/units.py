"""Lead and cooperating units of plan tasks (牵头单位 / 责任单位 / 配合单位).

Plans name units in a few printed forms: a trailing parenthetical
(``(注册处、法制处牵头,其他单位按职责分工负责)``), labelled lines
(``牵头单位:`` ``责任单位:`` ``责任处室:`` ``主办:``), an inline clause
(``由财政局牵头,审计局配合``; ``由X牵头,Y、Z等按职责分工负责``: Y and Z cooperate),
a subject at the start of a task (``社会事业处要牵头做好…``) and the
flattened cells of a task table, where names run together without separators
and are split by the grammar of organ names: a level prefix (省/市/区/县/乡/镇/片区)
or a place name from the agency data, a core, an organ ending (``区教育局区卫生健康委员会``
is two units).  A level printed once for a list applies to each member
(``区法院、检察院``: 检察院 as printed, ``full_name`` 区检察院).  Names are kept as printed; catch-all
phrases (``各单位按职责分工负责``, ``省直各部门``) are kept apart as
*collective* and never become unit names.

Every pattern here is bounded, so matching is linear in the input size.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from typing import NamedTuple

import attrs

from zwgk._model.core import OrgUnit
from zwgk._text.numbering import iter_markers
from zwgk._text.vocab import (
    COLLECTIVE_HEAD,
    COOPERATE_WORDS,
    LEAD_WORDS,
    LEVEL_PREFIXES,
    ORGAN_SUFFIX,
    ROLE_WORDS,
    TASK_VERBS,
    UNIT_LABEL,
    UNIT_SUFFIX,
    alternation,
    place_prefixes,
)

_CJK = "\u4e00-\u9fff"
_UNIT_END = re.compile(UNIT_SUFFIX + r"(?:\([^()]{1,12}\))?$")
# Words of a sentence that are also parts of names: 应 of 应当 but not of 应急管理局, 对 but
# not of 对外经济贸易委员会 or 对台办, 为 but not of 为民服务中心.
_YING, _DUI, _WEI = r"应(?!急)", r"对(?![外台])", r"为(?!民)"
# Words of a sentence, never of a name.
_STOP_CHARS = re.compile(
    rf"[的要将把在是了从向按并或如即]|{_YING}|{_DUI}|{_WEI}|" + alternation(TASK_VERBS)
)
# 基层单位 are many; 基层教育处 is one office, named for the work it does.
_COLLECTIVE_START = re.compile("^" + COLLECTIVE_HEAD)
_COLLECTIVE_ANY = re.compile(r"按职责|分工负责|各有关|各相关|等有关|等相关")
_STRIP_HEAD = re.compile(r"^(?:由|请|会同|并由)+")
_STRIP_TAIL = re.compile(
    r"(?:按(?:各自)?职责(?:分工)?|分工|共同|等(?:有关|相关)?(?:部门|单位)?|"
    r"牵头|负责|配合|落实|参与|协助|协办|实施|组织)+$"
)
_ETC_TAIL = re.compile(r"等((?:有关|相关|其他)(?:部门|单位))")
_ROLE = re.compile(alternation(ROLE_WORDS))
_COOP_WORD = re.compile(alternation(COOPERATE_WORDS) + r"(?:负责|落实|实施)?$")
# A list's first organ may carry the level for all (区法院、检察院): 省/市/区/县.
_LIST_PREFIX = frozenset("省市区县")
_ORGAN_END = re.compile(ORGAN_SUFFIX + "$")
_PREFIXED = re.compile(
    alternation((*LEVEL_PREFIXES, *place_prefixes(), "中共", "国家", "中国", "全国", "人行", "各"))
)
_AND_SPLIT = re.compile(r"[和及与]")
_NAME_CHARS = re.compile(rf"[{_CJK}()\dA-Za-z·]+")
_BRACKETED = re.compile(r"\([^()]*\)")


@attrs.frozen
class Assignment:
    """Units a task names: lead, cooperating, and collective phrases kept as printed.

    Example:
        >>> from zwgk._parse.units import parse_parenthetical
        >>> a = parse_parenthetical("注册处、法制处牵头,其他单位按职责分工负责")
        >>> ([u.name for u in a.lead], a.collective)
        (['注册处', '法制处'], ('其他单位按职责分工负责',))
    """

    lead: tuple[OrgUnit, ...] = ()
    cooperating: tuple[OrgUnit, ...] = ()
    collective: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lead or self.cooperating or self.collective)

    def merge(self, other: Assignment) -> Assignment:
        """Both assignments, duplicates dropped, this one's names first.

        Example:
            >>> from zwgk._parse.units import Assignment
            >>> from zwgk import OrgUnit
            >>> first = Assignment(lead=(OrgUnit("注册处"),))
            >>> a = first.merge(Assignment(lead=(OrgUnit("注册处"), OrgUnit("法制处"))))
            >>> [u.name for u in a.lead]
            ['注册处', '法制处']
        """
        return merged((self, other))


def merged(parts: Iterable[Assignment]) -> Assignment:
    """Every part's names in order, duplicates dropped (``merge`` of each in turn, at once).

    Example:
        >>> from zwgk._parse.units import Assignment, merged
        >>> from zwgk import OrgUnit
        >>> a = merged([Assignment(lead=(OrgUnit("注册处"),)), Assignment(collective=("各单位",))])
        >>> ([u.name for u in a.lead], a.collective)
        (['注册处'], ('各单位',))
    """
    named = [p for p in parts if p.lead or p.cooperating or p.collective]
    if len(named) == 1 and _distinct(named[0]):  # one part names units: itself
        return named[0]
    lead: tuple[OrgUnit, ...] = ()
    cooperating: tuple[OrgUnit, ...] = ()
    collective: tuple[str, ...] = ()
    for part in named:
        lead += part.lead
        cooperating += part.cooperating
        collective += part.collective
    if not (lead or cooperating or collective):
        return _NO_UNITS
    return Assignment(_dedupe(lead), _dedupe(cooperating), tuple(dict.fromkeys(collective)))


_NO_UNITS = Assignment()


def _distinct(a: Assignment) -> bool:
    """Whether no name of ``a`` is printed twice in its list."""
    return (
        _dedupe(a.lead) is a.lead
        and _dedupe(a.cooperating) is a.cooperating
        and len(set(a.collective)) == len(a.collective)
    )


def _dedupe(units: tuple[OrgUnit, ...]) -> tuple[OrgUnit, ...]:
    if len(units) < 2 or len({u.name for u in units}) == len(units):
        return units  # nothing printed twice
    return tuple(
        {u.name: u for u in reversed(units)}[n] for n in dict.fromkeys(u.name for u in units)
    )


def is_collective(name: str) -> bool:
    """Whether a printed name is a catch-all phrase rather than one unit.

    Example:
        >>> from zwgk._parse.units import is_collective
        >>> [is_collective(x) for x in ("各单位按职责分工负责", "省直各部门", "注册处", "有关部门")]
        [True, True, False, True]
    """
    name = name.strip()
    return bool(_COLLECTIVE_START.match(name) or _COLLECTIVE_ANY.search(name))


def looks_like_unit(name: str) -> bool:
    """Whether a cleaned piece reads as a unit name (short, ends like an organ, no verbs).

    Example:
        >>> from zwgk._parse.units import looks_like_unit
        >>> [looks_like_unit(x) for x in ("12315指挥中心", "协(学)会", "进一步推进公开", "省应急办")]
        [True, True, False, True]
    """
    name = name.strip()
    if not 2 <= len(name) <= 30 or not _NAME_CHARS.fullmatch(name):
        return False
    bare = _BRACKETED.sub("", name)
    if _STOP_CHARS.search(bare):
        return False
    return bool(_UNIT_END.search(name) or _UNIT_END.search(bare))


def clean_name(piece: str) -> str:
    """A list piece without its role words (``牵头``, ``负责``, ``按职责``…) and brackets' spaces.

    Example:
        >>> from zwgk._parse.units import clean_name
        >>> clean_name("由机关纪委按职责牵头落实")
        '机关纪委'
    """
    return _clean_name(piece)


@functools.lru_cache(maxsize=4096)
def _clean_name(piece: str) -> str:
    # A plan prints the same pieces again and again: each is cleaned once per parse.
    piece = piece.strip(" \n\"'“”")
    for _ in range(3):
        before, piece = piece, _STRIP_TAIL.sub("", _STRIP_HEAD.sub("", piece)).strip()
        if piece == before:  # nothing left to strip
            break
    return piece


def _split_and(piece: str) -> list[str]:
    # 和/及/与 separate units only when both sides read as whole unit names
    # (keeps 人力资源和社会保障局, 交通与建设处 intact).
    parts = _AND_SPLIT.split(piece)
    if len(parts) > 1 and all(looks_like_unit(p) or is_collective(p) for p in parts):
        return parts
    return [piece]


def _outside_brackets(text: str, separators: str) -> list[str]:
    # Pieces of ``text`` between separators that stand outside brackets: 县(市、区) is one.
    if "(" not in text and "（" not in text:  # no bracket opens: every separator stands out
        return _splitter(separators).split(text)
    return _bracketed_pieces(text, separators)


def _bracketed_pieces(text: str, separators: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, c in enumerate(text):
        if c in "(（":
            depth += 1
        elif c in ")）":
            depth = max(0, depth - 1)
        elif c in separators and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


@functools.cache
def _splitter(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")


def split_list(text: str) -> list[str]:
    """Split a printed unit list on ``、 , ， ;`` (and ``和 及 与`` between whole names).

    Pieces of at most two characters before ``、`` (``各市、县(区)人民政府``) stay joined.

    Example:
        >>> from zwgk._parse.units import split_list
        >>> split_list("办公室、宣传中心和信息中心")
        ['办公室', '宣传中心', '信息中心']
        >>> split_list("各市、县(区)人民政府,省人民政府各部门")
        ['各市、县(区)人民政府', '省人民政府各部门']
        >>> split_list("市政府办公室、各县(市、区)政府")
        ['市政府办公室', '各县(市、区)政府']
    """
    return list(_split_list(text))


@functools.lru_cache(maxsize=4096)
def _split_list(text: str) -> tuple[str, ...]:
    # A plan prints the same unit lists again and again: each is split once (per parse,
    # see `forget`).
    out: list[str] = []
    for chunk in _outside_brackets(text, ",，;；"):
        pieces = [p.strip() for p in _outside_brackets(chunk, "、")]
        merged: list[str] = []
        carry = ""
        for p in pieces:
            if not p:
                continue
            if carry:
                p = f"{carry}、{p}"
                carry = ""
            if len(p) <= 2 and p.startswith("各"):
                carry = p
                continue
            merged.append(p)
        if carry:
            merged.append(carry)
        for p in merged:
            out.extend(x.strip() for x in _split_and(p) if x.strip())
    return tuple(out)


def split_glued(name: str) -> list[str]:
    """A cell's names printed one per line and read run together, split by their grammar.

    Only a run that the organ-name grammar covers whole, name after name, is split;
    anything else is one name as printed.

    Example:
        >>> from zwgk._parse.units import split_glued
        >>> split_glued("省发改委省经信委"), split_glued("区经济发展局区行政审批局")
        (['省发改委', '省经信委'], ['区经济发展局', '区行政审批局'])
        >>> split_glued("省政府办公厅"), split_glued("各设区市人民政府")
        (['省政府办公厅'], ['各设区市人民政府'])
    """
    tokens = _tokenize(name, 0)
    whole = (
        len(tokens) >= 2
        and tokens[0].start == 0
        and tokens[-1].end == len(name)
        and all(a.end == b.start and not b.sep for a, b in itertools.pairwise(tokens))
        and all(looks_like_unit(t.text) and not is_collective(t.text) for t in tokens)
    )
    return [t.text for t in tokens] if whole else [name]


def classify(names: list[str], role: str) -> Assignment:
    """Sort names into ``role`` units (``"lead"`` or ``"cooperating"``) and collective phrases.

    A level prefix printed once for a list (``区法院、检察院``) applies to each organ after
    it, and an ending printed once (``纪检、监察部门``) to each short name before it: names
    stay as printed, ``full_name`` carries the whole name.

    Example:
        >>> from zwgk._parse.units import classify
        >>> a = classify(["市财政局", "各区县政府"], "lead")
        >>> ([u.name for u in a.lead], a.collective)
        (['市财政局'], ('各区县政府',))
        >>> [(u.name, u.full_name) for u in classify(["区法院", "检察院"], "lead").lead]
        [('区法院', None), ('检察院', '区检察院')]
        >>> [(u.name, u.full_name) for u in classify(["纪检", "监察部门"], "lead").lead]
        [('纪检', '纪检部门'), ('监察部门', None)]
    """
    return _classify(tuple(names), role)


_SHORT_CORE = re.compile(r"[\u4e00-\u9fff]{2,4}")
_UNIT_ENDING = re.compile(UNIT_SUFFIX + "$")


@functools.lru_cache(maxsize=4096)
def _classify(names: tuple[str, ...], role: str) -> Assignment:
    # The same unit list is classified once per parse (an Assignment is immutable).
    units: list[OrgUnit] = []
    collective: list[str] = []
    prefix = ""
    # An ending printed once for a list (纪检、监察部门): the last name's, given to the short
    # names before it that have none.
    last = _UNIT_ENDING.search(clean_name(names[-1])) if names else None
    ending = last.group(0) if last is not None and 2 <= last.start() <= 4 else ""
    for raw in names:
        name = clean_name(raw)
        if not name:
            continue
        if _COLLECTIVE_START.match(name) or (is_collective(raw) and not looks_like_unit(name)):
            collective.append(raw.strip())
            continue
        if not units:
            prefix = name[0] if name[0] in _LIST_PREFIX and _ORGAN_END.search(name) else ""
        full = None
        if units and prefix and _ORGAN_END.search(name) and not _PREFIXED.match(name):
            full = prefix + name
        elif ending and _SHORT_CORE.fullmatch(name) and not _UNIT_ENDING.search(name):
            full = name + ending
        units.append(OrgUnit(name, full))
        etc = _ETC_TAIL.search(raw)
        if etc:  # 市财政局等有关部门: the unit, and the others collectively
            collective.append(etc.group(1))
    if role == "lead":
        return Assignment(lead=tuple(units), collective=tuple(collective))
    return Assignment(cooperating=tuple(units), collective=tuple(collective))


def _acceptable(names: list[str]) -> bool:
    return bool(names) and all(map(_names_units, names))


def parse_parenthetical(content: str) -> Assignment | None:
    """Read the inside of a lead parenthetical; ``None`` when it does not assign units.

    Example:
        >>> from zwgk._parse.units import parse_parenthetical
        >>> a = parse_parenthetical("办公室、驻局纪检组、人事处、法制处、机关纪委按职责牵头落实")
        >>> [u.name for u in a.lead]
        ['办公室', '驻局纪检组', '人事处', '法制处', '机关纪委']
        >>> parse_parenthetical("各单位按职责分工负责").collective
        ('各单位按职责分工负责',)
        >>> parse_parenthetical("含行政机关、事业单位和国有企业") is None
        True
    """
    if not _ROLE.search(content) or len(content) > 160:
        return None
    # Beside a lead, units 「按职责分工负责」 cooperate; alone, they answer for the task.
    shared = "cooperating" if "牵头" in content else "lead"
    parts: list[Assignment] = []
    for clause in _outside_brackets(content, ",，;；"):
        clause = clause.strip()
        if not clause:
            continue
        if "牵头" not in clause and is_collective(clause):
            names = split_list(clause)
            if _COLLECTIVE_START.match(clause) or not all(
                looks_like_unit(clean_name(n)) for n in names
            ):
                parts.append(Assignment(collective=(clause,)))
            else:  # 「市政府办公室、市大数据局按职责分工负责」: named units, jointly
                parts.append(classify(names, shared))
            continue
        if "牵头" in clause:
            head, _, tail = clause.partition("牵头")
            names = split_list(head)
            if not _acceptable(names):
                return None
            parts.append(classify(names, "lead"))
            tail = tail.strip()
            if (
                tail
                and _COOP_WORD.search(tail)
                and _acceptable(split_list(_COOP_WORD.sub("", tail)))
            ):
                parts.append(classify(split_list(_COOP_WORD.sub("", tail)), "cooperating"))
            continue
        role = "cooperating" if _COOP_WORD.search(clause) else "lead"
        names = split_list(_COOP_WORD.sub("", clause))
        if not _acceptable(names):
            if _ROLE.search(clause):
                return None
            continue  # a note beside the units: 「2024年底前完成」
        parts.append(classify(names, role))
    return merged(parts) or None


# One level of brackets inside: 「(市政府办公室牵头,各县(市、区)政府负责)」.
_PAREN = re.compile(r"\(((?:[^()\n]|\([^()\n]{0,20}\)){2,160})\)")


def find_parenthetical(norm: str, start: int, end: int) -> tuple[Assignment, int] | None:
    """The last lead parenthetical in ``norm[start:end]`` and the offset just after it.

    Example:
        >>> from zwgk._parse.units import find_parenthetical
        >>> text = "公开抽检结果。(消保处、市场处牵头负责)"
        >>> a, stop = find_parenthetical(text, 0, len(text))
        >>> ([u.name for u in a.lead], stop == len(text))
        (['消保处', '市场处'], True)
    """
    found: tuple[Assignment, int] | None = None
    for m in _PAREN.finditer(norm, start, end):
        a = parse_parenthetical(m.group(1))
        if a is not None:
            found = (a, m.end())
    return found


_LABEL = re.compile(rf"(?P<label>{UNIT_LABEL}) *[:：] *")  # a scan skips to a label's first
_LEAD_LABEL = re.compile(alternation(LEAD_WORDS))
_VALUE_END = re.compile(r"[\n。]|  ")


def find_labelled(norm: str, start: int, end: int) -> Assignment:
    """Units from labelled lines: ``牵头单位:市发展改革委`` and ``责任单位:…`` / ``配合单位:…``.

    Example:
        >>> from zwgk._parse.units import find_labelled
        >>> text = "牵头单位:市发展改革委\\n责任单位:市财政局等有关部门,各区、县(市)政府"
        >>> a = find_labelled(text, 0, len(text))
        >>> ([u.name for u in a.lead], [u.name for u in a.cooperating], a.collective)
        (['市发展改革委'], ['市财政局'], ('有关部门', '各区、县(市)政府'))
    """
    matches = list(_LABEL.finditer(norm, start, end))
    if not matches:
        return _NO_UNITS
    parts: list[Assignment] = []
    # 责任单位 beside a 牵头单位 cooperate; on its own it names who answers for the task.
    named_lead = any(_LEAD_LABEL.match(m.group("label").replace(" ", "")) for m in matches)
    for i, m in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else end
        value = norm[m.end() : stop]
        value = _unbracketed(_VALUE_END.split(value, maxsplit=1)[0].strip(" ;；"))
        names = _leading_units(value)
        if not names:
            continue
        label = m.group("label").replace(" ", "")
        lead = _LEAD_LABEL.match(label) or (label.startswith("责任") and not named_lead)
        marked = [n for n in names if _MARKED_LEAD.search(n)]
        if lead and marked:  # 「责任单位:区发改局(牵头)、区财政局」: the marked one leads
            parts.append(classify([_MARKED_LEAD.sub("", n) for n in marked], "lead"))
            rest = [n for n in names if not _MARKED_LEAD.search(n)]
            parts.append(classify(rest, "cooperating"))
            continue
        parts.append(classify(names, "lead" if lead else "cooperating"))
    return merged(parts)


_MARKED_LEAD = re.compile(rf"\((?:{alternation(LEAD_WORDS)})(?:单位)?\)$")
# The next label on a unit line: 「区发改局 完成时限:2024年底」.
_NEXT_FIELD = re.compile(r" +[\u4e00-\u9fff]{2,6} *[:：]")


def _leading_units(value: str) -> list[str]:
    # The names a unit line starts with: up to the next item's number run into it
    # (「社会事业处15.功能要素项目」) and up to the first piece that is no unit.
    glued = next(iter_markers(value, glued=True), None)
    if glued is not None:
        value = value[: glued.start]
    field = _NEXT_FIELD.search(value)
    if field is not None:
        value = value[: field.start()]
    names: list[str] = []
    for piece in split_list(value):
        # Blanks separate names on a line too: 「区财政局 区审计局」.
        parts = [p for p in piece.split(" ") if p]
        for name in parts if len(parts) > 1 and all(map(_names_units, parts)) else [piece]:
            if not _names_units(name):
                return names
            names.append(name)
    return names


@functools.lru_cache(maxsize=4096)
def _names_units(name: str) -> bool:
    # A plan names the same units again and again: each name is read once per parse.
    return is_collective(name) or looks_like_unit(clean_name(name)) or looks_like_unit(name)


def forget() -> None:
    """Forget the unit lists read so far: a parse reads its document's lists itself.

    The lists and names read are kept while one document is parsed (a plan prints the
    same lists again and again), never from one parse to the next.

    Example:
        >>> from zwgk._parse.units import forget, split_list
        >>> split_list("办公室、宣传中心"), forget()
        (['办公室', '宣传中心'], None)
    """
    _split_list.cache_clear()
    _clean_name.cache_clear()
    _classify.cache_clear()
    _names_units.cache_clear()


def _unbracketed(value: str) -> str:
    # 「(牵头单位:X;责任单位:Y)」: the closing bracket of the parenthetical is not Y's.
    extra = value.count(")") - value.count("(")
    end = len(value)
    while extra > 0 and end and value[end - 1] == ")":
        end -= 1
        extra -= 1
        while end and value[end - 1] in " ;；":
            end -= 1
    return value[:end]


# What follows the units a task sentence opens with: a duty word, a preposition, or a verb
# of coordinating work (never the start of an organ's ending: 区委组织部 is one name).  Each
# alternative starts with its own character, so a search skips to where one is printed.
_SUBJECT_VERB = re.compile(
    rf"要|应当|{_YING}|须|必须|负责(?!人)|牵头|共同|:|在|{_DUI}|根据|按照|依据|会同|全程|汇总|"
    + "|".join(f"{verb}(?!{ORGAN_SUFFIX})" for verb in ("组织", "统筹", "指导", "督促", "协调"))
)
_CLAUSE_END = re.compile(r"[,，。;；\n]")


def find_subject(norm: str, start: int, end: int) -> Assignment:
    """Units named as the subject opening a task: ``社会事业处要牵头…``, ``区经济发展局:…``.

    Example:
        >>> from zwgk._parse.units import find_subject
        >>> text = "国土资源部门、土地收储中心负责:清查已收储土地"
        >>> [u.name for u in find_subject(text, 0, len(text)).lead]
        ['国土资源部门', '土地收储中心']
        >>> find_subject("进一步推进权力清单公开。", 0, 12)
        Assignment(lead=(), cooperating=(), collective=())
    """
    window_end = min(end, start + 80)
    stop = _CLAUSE_END.search(norm, start, window_end)
    clause_end = stop.start() if stop else window_end
    verb = _SUBJECT_VERB.search(norm, start, clause_end)
    if verb is None:
        return _NO_UNITS
    subject = norm[start : verb.start()].strip()
    if not subject or len(subject) > 40 or " " in subject:
        return _NO_UNITS
    names = split_list(subject)
    if not names or any(len(n) > 15 for n in names):
        return _NO_UNITS
    last = names[-1]
    if not (looks_like_unit(clean_name(last)) or (is_collective(last) and _UNIT_END.search(last))):
        return _NO_UNITS
    if any(_STOP_CHARS.search(_BRACKETED.sub("", n)) for n in names):
        return _NO_UNITS
    return classify(names, "lead")


# Quick tests before the units are read: the role word within reach of where the clause
# starts (由, up to 80 characters of units, 共同; 等有关单位 before 按).
_LEAD_REACH, _RESPONSIBLE_REACH = 83, 63
_LEAD_SOON = rf"(?=[^,，。;；:\s]{{2,{_LEAD_REACH}}}牵头)"
_RESPONSIBLE_SOON = rf"(?=[^,，。;；:\s]{{2,{_RESPONSIBLE_REACH}}}负责)"
_COOP_SOON = r"(?=[^,，。;；]{2,87}[配参协按])"
_INLINE_LEAD = re.compile(
    rf"(?:^|[,，。;；:\s]){_LEAD_SOON}(?:由)?([^,，。;；:\s]{{2,80}}?)(?:共同)?牵头(?:负责|实施)?"
    r"(?=[,，。;；]|$)"
)
# A sentence of units and 负责 alone: 「市政务服务中心负责。」
_INLINE_RESPONSIBLE = re.compile(
    rf"(?:^|[。;；\s]){_RESPONSIBLE_SOON}(?:由)?([^,，。;；:\s]{{2,60}}?)(?:共同)?负责(?:落实|实施)?"
    r"(?=[,，。;；]|$)"
)

# After a lead: 「,Y配合」 or 「,Y、Z等按职责分工负责」 (the others share the work, X leads).
_INLINE_COOP = re.compile(
    rf"[,，]\s*{_COOP_SOON}([^,，。;；]{{2,80}}?)(?:共同)?"
    r"(?:配合|参与|协助|协同|等?(?:有关|相关)?(?:单位|部门)?按(?:各自)?职责(?:分工)?(?:负责|落实))"
)


def find_inline(norm: str, start: int, end: int) -> Assignment:
    """Units of an inline clause: ``由区纪工委、廉政办等部门共同牵头,8个区直单位共同参与``.

    Example:
        >>> from zwgk._parse.units import find_inline
        >>> text = "由市财政局牵头,市审计局配合。"
        >>> a = find_inline(text, 0, len(text))
        >>> ([u.name for u in a.lead], [u.name for u in a.cooperating])
        (['市财政局'], ['市审计局'])
        >>> text = "推进服务公开。市政务服务中心负责。"
        >>> [u.name for u in find_inline(text, 0, len(text)).lead]
        ['市政务服务中心']
    """
    parts: list[Assignment] = []
    segment = norm[start:end]
    # Each pattern names its role word: a segment without it has no match to look for, and
    # a clause starts at most a break and the reach before the first one.
    lead_at = segment.find("牵头")
    leads = (
        list(_INLINE_LEAD.finditer(segment, max(0, lead_at - 1 - _LEAD_REACH)))
        if lead_at != -1
        else []
    )
    duty_at = -1 if leads else segment.find("负责")
    responsible = (
        _INLINE_RESPONSIBLE.finditer(segment, max(0, duty_at - 1 - _RESPONSIBLE_REACH))
        if duty_at != -1
        else ()
    )
    for m in leads or responsible:
        # 「具体方案由党群工作处牵头」: the units are what follows 由.
        names = split_list(m.group(1).rpartition("由")[2])
        if not _acceptable(names):
            continue
        if not leads and not all(_UNIT_END.search(clean_name(n)) for n in names):
            continue  # 「各单位要明确专人负责」: a person, not a unit
        parts.append(classify(names, "lead"))
        follow = _INLINE_COOP.match(segment, m.end())
        if follow:
            coop = split_list(follow.group(1))
            if _acceptable(coop):
                parts.append(classify(coop, "cooperating"))
    return merged(parts)


# ---- task tables -------------------------------------------------------------------------

# An organ's name: a level prefix (区教育局) or a place name (平潭海关), a core, an ending.
# 公开 is no verb inside 政务公开办, but a name runs across none (平潭综合实验区公开…).
_CORE = rf"(?:(?![的和要等在对将把从为与及并或]|公开|{alternation(TASK_VERBS)})[{_CJK}])"
_STRICT_END = r"(?:委员会|办公室|管委会|政府|中心|海关|支行|局|厅|委|办|院|署|所|站|队|公司|组)"
_STRICT = (
    rf"(?:{alternation(LEVEL_PREFIXES)}{_CORE}{{1,7}}?|{alternation(place_prefixes())}{_CORE}{{0,7}}?)"
    rf"{_STRICT_END}(?:\([^()]{{1,12}}\))?"
)
_COLLECTIVE_TOKEN = (
    rf"(?:(?:省|区|市|县)直)?各(?:级)?(?:有关|相关)?[{_CJK}]{{0,6}}?"
    r"(?:乡镇人民政府|人民政府|事业单位|直属机构|直属单位|设区市|管理局|单位|部门|国企|企业|企企|机构|"
    r"处室|科室|地区|乡镇|街道|村|地)(?:\([^()]{1,12}\))?"
    r"|(?:有关|相关|其他)(?:单位|部门)"
)
_GENERIC = (
    rf"(?:(?![的要将把对在为是了应从向按并或])[{_CJK}\d]){{1,10}}?"
    r"(?:委员会|办公室|管委会|实验区|开发区|示范区|政府|中心|部门|单位|机构|局|厅|委|办|院|署|所|站|队|公司|处|室)"
    r"(?:\([^()]{1,12}\))?"
)
_TOKEN_FIRST = re.compile(rf"(?:{_COLLECTIVE_TOKEN}|{_STRICT})")
_TOKEN_AFTER_SEP = re.compile(rf"(?:{_COLLECTIVE_TOKEN}|{_STRICT}|{_GENERIC})")
#: The characters a strict or collective token starts with (a level, a place, 各, 有关,
#: 相关, 其他): a cheap test at each position before the alternatives are tried.
UNIT_RUN_FIRST = "".join(
    sorted({w[0] for w in (*LEVEL_PREFIXES, *place_prefixes(), "各", "有关", "相关", "其他")})
)
#: Where a unit run may start: a strict or collective token, or anything after a blank cell.
UNIT_RUN_ALTERNATIVES = rf"(?:{_COLLECTIVE_TOKEN}|{_STRICT})|(?<= )[{_CJK}]"
_CANDIDATE = re.compile(rf"(?=[{UNIT_RUN_FIRST}]|(?<= ))(?:{UNIT_RUN_ALTERNATIVES})")
# What stands between two tokens, read at once: 等有关部门 after a unit, then a separator
# (「、」 「,」 会同) or a blank between cells.
_BETWEEN = re.compile(r"(等(?:有关|相关)?(?:部门|单位))?(?:( *(?:[、,，]|会同) *)|( +))?")


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    sep: str  # separator before it: "" (adjacent), "、", ",", "会同"


def _tokenize(
    row: str, pos: int, *, generic: bool = False, first: re.Match[str] | None = None
) -> list[_Token]:
    # ``first``: the run's first token, when the caller has matched it already.
    tokens: list[_Token] = []
    if first is None:
        first = (_TOKEN_AFTER_SEP if generic else _TOKEN_FIRST).match(row, pos)
    if first is None:
        return tokens
    tokens.append(_Token(first.group(), first.start(), first.end(), ""))
    while len(tokens) < 40:
        between = _BETWEEN.match(row, first.end())
        assert between is not None  # (it may match nothing)
        etc, sep, blank = between.groups()
        if etc is not None:
            tokens.append(_Token(etc[1:], between.start(1), between.end(1), "等"))
        if sep is not None:
            first = _TOKEN_AFTER_SEP.match(row, between.end())
            sep = sep.strip()
        else:  # a blank between cells: the next cell starts
            first = (_TOKEN_AFTER_SEP if blank else _TOKEN_FIRST).match(row, between.end())
            sep = ""
        if first is None:
            break
        tokens.append(_Token(first.group(), first.start(), first.end(), sep))
    return tokens


@attrs.frozen
class RowUnits:
    """The unit cells found in one flattened table row.

    ``start`` and ``end`` bound the unit cells in the row; ``empty_lead`` is
    true when a blank (a space) stands where the lead cell would be.

    Example:
        >>> from zwgk._parse.units import parse_row_units
        >>> r = parse_row_units("及时公开就业供求信息省人社厅各设区市")
        >>> (r.start, r.end, r.empty_lead)
        (10, 18, False)
    """

    assignment: Assignment
    start: int
    end: int
    empty_lead: bool


def parse_row_units(row: str) -> RowUnits | None:
    """Find the lead and cooperating cells in a flattened task-table row, or ``None``.

    Cells print without separators: units glued to each other
    (``省发改委省经信委``) are lead cells, the last, comma-separated cell is
    the cooperating one; a space before it means the lead cell is blank.

    Example:
        >>> from zwgk._parse.units import parse_row_units
        >>> row = "推进信用信息公示省工商局省直各相关部门,各设区市、平潭综合实验区通过系统归集"
        >>> r = parse_row_units(row)
        >>> [u.name for u in r.assignment.lead], [u.name for u in r.assignment.cooperating]
        (['省工商局'], ['平潭综合实验区'])
        >>> r.assignment.collective
        ('省直各相关部门', '各设区市')
        >>> parse_row_units("依法公开随机抽查事项清单 省直各部门,各设区市").empty_lead
        True
    """
    attempts = 0
    for cand in _CANDIDATE.finditer(row, 1):
        attempts += 1
        if attempts > 40:
            break
        spaced = row[cand.start() - 1] == " "
        # With no blank before it, the candidate is a strict or collective token: the first.
        tokens = _tokenize(row, cand.start(), generic=spaced, first=None if spaced else cand)
        if not tokens:
            continue
        run_end = tokens[-1].end
        after = row[run_end : run_end + 1]
        if len(tokens) < 2 and after not in ("", " ") and not spaced:
            continue
        return _assign_row(tokens, cand.start(), run_end, spaced)
    return None


def _assign_row(tokens: list[_Token], start: int, end: int, spaced: bool) -> RowUnits:
    groups: list[list[_Token]] = [[tokens[0]]]
    for tok in tokens[1:]:
        if tok.sep in ("", "会同"):
            groups.append([tok])
        else:
            groups[-1].append(tok)
    if len(groups) == 1:
        role = "cooperating" if spaced else "lead"
        lead_groups: list[list[_Token]] = [groups[0]] if role == "lead" else []
        coop_groups = [] if role == "lead" else [groups[0]]
    else:
        lead_groups, coop_groups = groups[:-1], groups[-1:]
    result = merged(
        [
            *(_classify_tokens(grp, "lead") for grp in lead_groups),
            *(_classify_tokens(grp, "cooperating") for grp in coop_groups),
        ]
    )
    empty_lead = spaced and len(groups) == 1
    return RowUnits(result, start, end, empty_lead)


def _classify_tokens(tokens: list[_Token], role: str) -> Assignment:
    return classify([tok.text for tok in tokens], role)
