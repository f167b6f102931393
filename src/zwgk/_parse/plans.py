"""Implementation plans and work points: cover notice, task tree, units and deadlines.

`zwgk.parse_plan` reads a plan (实施方案 / 工作方案 /
实施意见) or a work-points document (工作要点 / 任务分解表 / 重点工作安排)
into an `zwgk.ImplementationPlan` or
`zwgk.WorkPoints`:

- the cover notice: addressees (主送), the reply deadline, attachments and contact;
- the task tree from the numbering ``一、`` / ``(一)`` / ``1.`` / ``(1)``: the markers
  of the shared lexer and marker tree (``zwgk._text.numbering``), found even when a
  scraped page prints the whole body on one line; a marker counts only when its
  number continues the sequence at its level (a plan's policy: a run restarts after
  a colon or after the cover notice's signature, a merged cell printed twice is one
  item, a unit line may run into the next number: ``责任处室:社会事业处15.…``);
- the outline (``sections``) from the same markers;
- for each task its lead and cooperating units (see ``zwgk._parse.units``)
  and deadlines (see ``zwgk._parse.deadlines``);
- flattened task tables (序号 / 工作任务 / 牵头单位 / 责任单位 …): one task
  per row; a row left without units by a merged cell takes them from the
  row above, with ``lead_inherited``.

Everything runs in time linear in the input size.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

import attrs

from zwgk._findings import PLAN_NO_LEAD, PLAN_NO_TASKS, PLAN_UNRESOLVED_DEADLINE, finding
from zwgk._model.core import Deadline, Finding, OrgUnit, Ref, Span
from zwgk._model.documents import Contact, ImplementationPlan, Section, Task, WorkPoints
from zwgk._model.enums import DeadlineKind, DocumentKind
from zwgk._parse.common import Common, read_common
from zwgk._parse.deadlines import DeadlineScan, iter_deadlines
from zwgk._parse.kind import plan_kind
from zwgk._parse.meta import META_LABELS, Signature, signatures, year_from_title
from zwgk._parse.organs import resolve_agency
from zwgk._parse.text import NORMALIZED_TO, Source, finish, read_input
from zwgk._parse.units import (
    Assignment,
    classify,
    find_inline,
    find_labelled,
    find_parenthetical,
    find_subject,
    forget,
    is_collective,
    looks_like_unit,
    merged,
    parse_row_units,
    split_glued,
    split_list,
)
from zwgk._text.lexer import lex
from zwgk._text.numbering import (
    OUTLINE_LEVELS,
    TITLE_END,
    Marker,
    MarkerKind,
    TreeNode,
    TreePolicy,
    build_tree,
    iter_markers,
    run_in_title,
)
from zwgk._text.numerals import CN_NUMERAL
from zwgk._text.vocab import (
    COOPERATE_WORDS,
    LEAD_WORDS,
    RESPONSIBLE_WORDS,
    ROLE_WORDS,
    UNIT_LABEL,
    alternation,
)

__all__ = ["classify_names", "parse_plan", "plan_from_source", "plan_kind"]

_META_WORDS = {label for labels in META_LABELS.values() for label in labels} | {
    "当前位置",
    "相关链接",
    "时间",
    "重要通知",
    "本地目录",
    "原文链接",
    "作者",
}
# (Each alternative a string of its own, so a search skips to the characters they start with.)
_ADDRESSEE_BOUNDARY = re.compile(r"\n|。|>|》|通知|  ")
_NOT_IN_NAME = re.compile(r"[\d。:]")
_ADDRESSEE_WORD = re.compile(
    r"单位|部门|机构|机关|政府|局|处|会|委|办|室|中心|村|公司|镇|乡|街道|企业|国企|组|厅|院|所|党委"
)


@attrs.frozen
class _Addressees:
    names: tuple[str, ...]
    start: int
    end: int


def _addressees(norm: str, start: int) -> _Addressees | None:
    window_end = min(len(norm), start + 4000)
    tried = 0
    pos = start
    while tried < 60:
        colon = norm.find(":", pos, window_end)
        if colon == -1:
            return None
        tried += 1
        pos = colon + 1
        floor = max(start, colon - 200)
        seg_start = floor
        for m in _ADDRESSEE_BOUNDARY.finditer(norm, floor, colon):
            seg_start = m.end()
        last_space = norm.rfind(" ", seg_start, colon)
        if last_space != -1 and last_space > seg_start:
            seg_start = last_space + 1
        segment = norm[seg_start:colon].strip()
        if not segment or segment.replace(" ", "") in _META_WORDS:
            continue
        names = split_list(segment)
        if names and all(_is_addressee(n) for n in names):
            return _Addressees(tuple(names), seg_start, colon + 1)
    return None


def _is_addressee(name: str) -> bool:
    if not 2 <= len(name) <= 30 or _NOT_IN_NAME.search(name):
        return False
    if name in _META_WORDS:
        return False
    return bool(is_collective(name) or looks_like_unit(name) or _ADDRESSEE_WORD.search(name[-3:]))


_REPLY_VERB = re.compile(r"报|送|交|反馈")
_REPLY_PHRASE = re.compile(r"日 *底?(?:之前|以前|前|止)$")


def _reply_deadline(norm: str, start: int, end: int, year: int | None) -> Deadline | None:
    fallback: Deadline | None = None
    for d in iter_deadlines(norm, start, end, year=year):
        if d.kind not in (DeadlineKind.DATE, DeadlineKind.UNRESOLVED) or not _REPLY_PHRASE.search(
            d.phrase
        ):
            continue
        stop = d.span.end if d.span else start
        if _REPLY_VERB.search(norm, stop, min(end, stop + 60)):
            return d
        if fallback is None:
            fallback = d
    return fallback


_CONTACT = re.compile(r"联 *系 *人 *[:：] *")
_PERSON = re.compile(r"[\u4e00-\u9fff·](?: ?[\u4e00-\u9fff·]){1,4}")
_PERSON_CUT = re.compile(r" ?(?:联系|电话|手机|座机|传真|邮箱|办公|地址)")
_PHONE = re.compile(r"(?:联系)?(?:电 *话|手 *机|座 *机) *[:：]? *([\d()（）\-— ,，/、]{5,40}\d)")


def _contact(norm: str, text: str, start: int) -> Contact | None:
    m = _CONTACT.search(norm, start)
    if m is None:
        return None
    pm = _PERSON.match(norm, m.end())
    person = None
    if pm:
        raw = _PERSON_CUT.split(pm.group(0), maxsplit=1)[0].rstrip()
        if len(raw.replace(" ", "")) >= 2:
            person = text[pm.start() : pm.start() + len(raw)]
    phone_m = _PHONE.search(norm, m.end(), min(len(norm), m.end() + 60))
    phone = None
    if phone_m:
        value = phone_m.group(1)
        begin = phone_m.start(1) + len(value) - len(value.lstrip(" ,，、/"))
        phone = text[begin : phone_m.end(1)].strip()
    if person is None and phone is None:
        return None
    return Contact(person=person, phone=phone)


# 附件 with its own number (附件2:…) names one attachment.
_ATTACH = re.compile(r"附 *件(?!下载)(?: *\d{1,2}(?![\d.]))?")
_ATTACH_BEFORE_OK = re.compile(r"[\s。;:!)》>]")
_ATTACH_CUT = re.compile(
    r"\n|https?:|www\.| |附件|工 *作 *任 *务|序 *号|牵 *头 *单 *位|\.(?:pdf|docx?|xlsx?|wps)|。"
)


@attrs.frozen
class _Attachment:
    title: str
    start: int


def _attachments(norm: str, start: int, sig_starts: list[int]) -> list[_Attachment]:
    found: list[_Attachment] = []
    for m in _ATTACH.finditer(norm, start):
        before = norm[m.start() - 1] if m.start() > 0 else "\n"
        if not _ATTACH_BEFORE_OK.match(before):
            continue
        pos = m.end()
        limit = min(len(norm), pos + 400)
        i = bisect.bisect_right(sig_starts, pos)
        if i < len(sig_starts) and sig_starts[i] < limit:
            limit = sig_starts[i]
        body = norm[pos:limit]
        lead = re.match(r"[ :：\n]*", body)
        offset = lead.end() if lead else 0
        rest = body[offset:]
        items = _split_items(rest)
        for item in items:
            item = re.sub(r"^\d{1,2}(?=[\u4e00-\u9fff《])", "", item)
            title = _ATTACH_CUT.split(item, maxsplit=1)[0]
            heading = next(
                (m for m in iter_markers(title) if m.kind is MarkerKind.CN and m.start), None
            )
            if heading is not None:  # the body's 一、 after the attachment's name
                title = title[: heading.start]
            title = title.strip(" :：;；,，")
            if 2 <= len(title) <= 80 and not title.endswith("下载"):
                found.append(_Attachment(title, m.start()))
    return found


def _split_items(rest: str) -> list[str]:
    # 「1.A 2.B」: the items of a numbered list of attachments (its numbers in sequence).
    found = [m for m in iter_markers(rest) if m.kind is MarkerKind.ARABIC]
    if not found or found[0].start != 0:
        return [rest]
    if found[0].value != 1:
        return [rest[found[0].end :]]
    items: list[str] = []
    expected, cur = 2, found[0].end
    for m in found[1:]:
        if m.value != expected:
            continue
        items.append(rest[cur : m.start])
        cur, expected = m.end, expected + 1
    items.append(rest[cur:])
    return items


# ---- the body's end --------------------------------------------------------------------

# Every alternative starts with a character (来 before its look back), so a search skips to
# where one of them is printed.
_TAIL_NOISE = re.compile(
    r"附件下载|【 *打印|\[ *打印|关闭窗口|抄 *送 *[:：]|抄 *报 *[:：]"
    r"|来(?<=\s来)源 *[:：][^\n]{0,40}附件下载"
)
# A table header names the unit columns side by side, never as ``label:`` lines: 牵头单位
# beside 责任/配合单位, or a lone 责任单位 beside the task or deadline column.
_TABLE_HEADER = re.compile(r"牵 *头 *单 *位(?! *[:：])")
_TABLE_PARTNER = re.compile(r"(?:责 *任|配 *合|协 *办)[^\n:：]{0,3}单 *位(?! *[:：])")
_LONE_HEADER = re.compile(r"(?:责 *任|主 *责) *(?:单 *位|部 *门)(?! *[:：])")
_LONE_PARTNER = re.compile(r"(?:工 *作|重 *点|主 *要)? *任 *务(?! *[:：])|完 *成 *时 *(?:限|间)")


def _table_header(norm: str, start: int, end: int) -> int | None:
    """Where a task table's header row names its unit columns, if the text has one."""
    header = _TABLE_HEADER.search(norm, start, end)
    if header is not None and _TABLE_PARTNER.search(
        norm, max(start, header.start() - 15), min(end, header.end() + 15)
    ):
        return header.start()
    for lone in _LONE_HEADER.finditer(norm, start, end):
        if _LONE_PARTNER.search(norm, max(start, lone.start() - 20), min(end, lone.end() + 20)):
            return lone.start()
    return None


def _body_end(
    norm: str,
    start: int,
    attachments: list[_Attachment],
    contact_at: int | None,
    sigs: list[Signature],
) -> int:
    end = len(norm)
    noise = _TAIL_NOISE.search(norm, start)
    if noise:
        end = noise.start()
    if contact_at is not None and contact_at > start + (len(norm) - start) // 2:
        end = min(end, contact_at)
    if attachments:
        last = attachments[-1].start
        if last > start and len(norm) - last < 800 and _table_header(norm, last, len(norm)) is None:
            end = min(end, last)
    for s in sigs:
        if s.start > start + (len(norm) - start) * 0.6 and s.start < end:
            end = s.start
            break
    return max(start, end)


# ---- markers and the task tree ---------------------------------------------------------

_NUMERALS = set(CN_NUMERAL)
_SECTION_KINDS = (MarkerKind.CN, MarkerKind.CN_PAREN)  # section rows of a task table
# 「责任处室:财政经管办3.5G…」: a unit line that the next item's number runs into.
_UNIT_LINE_END = re.compile(rf"{UNIT_LABEL} *[:：][^:：。\n]{{2,60}}$")
_NOT_AFTER_L3 = set("0123456789月日年号%个次项倍")
_NOT_BEFORE_L3 = set("第件表图款条")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _markers(norm: str, start: int, end: int) -> list[Marker]:
    found: list[Marker] = []
    for m in lex(norm).markers(start, end, glued=True):
        rank = OUTLINE_LEVELS.get(m.kind)
        if rank is None:
            continue
        if m.glued and not _UNIT_LINE_END.search(norm, max(start, m.start - 80), m.start):
            continue  # 3.5G is a decimal, unless a unit line runs into it
        before = norm[m.start - 1] if m.start > 0 else "\n"
        after = norm[m.end : m.end + 1]
        if rank == 1 and (
            norm[m.end - 1] != "、" or after in _NUMERALS or before in ("第", "届", "初", "期")
        ):
            continue
        if (
            rank == 3
            and not m.glued
            and (after in _NOT_AFTER_L3 or before in _NOT_BEFORE_L3 or after in ("", ")"))
        ):
            continue
        found.append(m)
    # A 一、 glued to preceding prose counts only when another marker follows soon.
    return [
        m
        for i, m in enumerate(found)
        if not (
            m.kind is MarkerKind.CN
            and m.start > 0
            and _CJK.match(norm[m.start - 1])
            and not _heading_like(norm, m, found[i + 1 : i + 4])
        )
    ]


# A task's title ends at a mark or a wide blank (a single blank may stand inside it).  Each
# stop an alternative of its own, so a search skips to the characters they start with.
_TITLE_STOP = re.compile("|".join((*map(re.escape, TITLE_END), "  ")))
_ASSIGNING_PAREN = re.compile(rf"\((?=[^()]*{alternation(ROLE_WORDS)})")


def _heading_like(norm: str, mk: Marker, later: list[Marker]) -> bool:
    for other in later:
        if other.start <= mk.end:
            continue
        if other.start - mk.end > 40:
            return False
        return "。" not in norm[mk.end : other.start]
    return False


def _policy(norm: str, sig_starts: list[int]) -> TreePolicy:
    def restart(mk: Marker, last: TreeNode | None) -> bool:
        return _previous_char(norm, mk.start) in (":", "：")  # 「如下:1.…」

    def replace(mk: Marker, last: TreeNode | None) -> bool:
        # After a signature the plan itself starts: the cover notice's numbering is not it.
        return (
            mk.kind is MarkerKind.CN
            and last is not None
            and _any_between(sig_starts, last.marker.start, mk.start)
        )

    def repeat(mk: Marker, last: TreeNode | None) -> bool:
        # A merged cell printed twice (013: 五、强化稳就业保就业信息公开 twice).
        return last is not None and _same_title(norm, last, mk)

    return TreePolicy(across_parents=True, restart=restart, replace=replace, repeat=repeat)


def _tree(norm: str, markers: list[Marker], end: int, sig_starts: list[int]) -> list[TreeNode]:
    roots = build_tree(markers, end, _policy(norm, sig_starts))
    for root in roots:
        _finish(root, norm)
    _trim_last_children(roots, norm, end)  # a trimmed item ends at its ")": nothing to strip
    return roots


def _previous_char(norm: str, pos: int) -> str:
    # The last non-space character before ``pos`` (looking back at most 20 characters).
    floor = max(0, pos - 20)
    while pos > floor and norm[pos - 1] == " ":
        pos -= 1
    return norm[pos - 1] if pos > 0 else ""


def _any_between(sorted_positions: list[int], low: int, high: int) -> bool:
    i = bisect.bisect_right(sorted_positions, low)
    return i < len(sorted_positions) and sorted_positions[i] < high


def _same_title(norm: str, node: TreeNode, mk: Marker) -> bool:
    first = norm[node.marker.end : node.marker.end + 30]
    again = norm[mk.end : mk.end + 30]
    stop = min(len(first), len(again), 12)
    return stop >= 4 and first[:stop] == again[:stop]


def _finish(node: TreeNode, norm: str) -> None:
    # trailing whitespace off the end.
    end = node.end
    while end > node.marker.end and norm[end - 1] in " \n":
        end -= 1
    node.end = max(node.marker.end, end)
    for child in node.children:
        _finish(child, norm)


def _trim_last_children(nodes: list[TreeNode], norm: str, parent_end: int | None) -> None:
    # A multi-line plan's closing paragraph after the last task's lead
    # parenthetical belongs to the parent (seed 004: 各相关单位要在每年的12月31日前…).
    for i, node in enumerate(nodes):
        _trim_last_children(node.children, norm, node.end)
        if i != len(nodes) - 1 or node.children or parent_end is None:
            continue
        found = find_parenthetical(norm, node.marker.end, node.end)
        if found is None:
            continue
        stop = found[1]
        newline = norm.find("\n", stop, node.end)
        if newline != -1 and norm[stop:newline].strip() == "" and norm[newline : node.end].strip():
            node.end = stop


# ---- titles, units, deadlines ----------------------------------------------------------


def _title(text: str, *, short: bool) -> str:
    text = text.lstrip(" \n")
    if text.startswith("**"):
        close = text.find("**", 2)
        if close != -1:
            return text[2:close].strip()
    stop = _TITLE_STOP.search(text)
    title = (text if stop is None else text[: stop.start()]).strip()
    if not short:
        return title.strip(" ,，")
    paren = _ASSIGNING_PAREN.search(title, 2)
    if paren is not None:  # 「推进结果公开(省政府办公厅牵头,…)」
        title = title[: paren.start()]
    if " " in title:
        head = title.split(" ", 1)[0]
        if len(head) >= 2:
            title = head
    if len(title) > 60:
        comma = re.search(r"[,，]", title)
        if comma and comma.start() >= 4:
            title = title[: comma.start()]
    return title.strip(" ,，")


#: A character normalizing writes in place of another: a name without one is printed as
#: it reads.
_NORMALIZED_TO = re.compile("[" + "".join(map(re.escape, sorted(NORMALIZED_TO))) + "]")


def _read_as_printed(a: Assignment) -> bool:
    """Whether every name of ``a`` is printed as it reads (nothing to look up)."""
    names = [u.name for u in (*a.lead, *a.cooperating)] + list(a.collective)
    return not any(map(_NORMALIZED_TO.search, names))


@attrs.define
class _Context:
    norm: str
    text: str
    year: int | None
    table_start: int | None
    findings: list[Finding] = attrs.field(factory=list)
    previous_row: Assignment | None = None
    row_spans: set[Span] = attrs.field(factory=set)
    deadlines: DeadlineScan = attrs.field(init=False)

    @deadlines.default
    def _scan_deadlines(self) -> DeadlineScan:
        return DeadlineScan(self.norm, year=self.year, printed=self.text)

    def printed(self, value: str, start: int, end: int) -> str:
        """``value`` (read from the normalized text) as printed in the original text."""
        if not _NORMALIZED_TO.search(value):  # printed as it reads
            return value
        pos = self.norm.find(value, start, end)
        return self.text[pos : pos + len(value)] if pos != -1 else value

    def printed_assignment(self, a: Assignment, start: int, end: int) -> Assignment:
        """An assignment whose names are as printed."""
        if self.text is self.norm or _read_as_printed(a):
            return a  # nothing to look up
        return Assignment(
            tuple(self._printed_unit(u, start, end) for u in a.lead),
            tuple(self._printed_unit(u, start, end) for u in a.cooperating),
            tuple(self.printed(c, start, end) for c in a.collective),
        )

    def _printed_unit(self, unit: OrgUnit, start: int, end: int) -> OrgUnit:
        name = self.printed(unit.name, start, end)
        return unit if name == unit.name else attrs.evolve(unit, name=name)


def _deadlines(ctx: _Context, spans: Iterable[tuple[int, int]]) -> tuple[Deadline, ...]:
    out: list[Deadline] = []
    for a, b in spans:
        for d in ctx.deadlines.within(a, b):
            out.append(d)
            if d.kind is DeadlineKind.UNRESOLVED:
                ctx.findings.append(_unresolved_finding(d))
    return tuple(out)


def _unresolved_finding(d: Deadline, variant: str = "") -> Finding:
    return finding(
        PLAN_UNRESOLVED_DEADLINE, variant=variant, refs=(Ref(span=d.span),), phrase=d.phrase
    )


def _build_task(node: TreeNode, path: tuple[str, ...], ctx: _Context) -> Task:
    norm = ctx.norm
    marker, end, nodes = node.marker, node.end, node.children
    start, own = marker.start, marker.end
    path = (*path, marker.label)
    # A leaf's own words are all its text.
    gaps = node.own_spans() if nodes else [(own, end)] if end > own else []
    first_gap_end = gaps[0][1] if gaps and gaps[0][0] == own else own
    inherited = False
    is_row = ctx.table_start is not None and start > ctx.table_start and not nodes
    if is_row:
        worded = [(own, end)]
        row = norm[own:end]
        found = parse_row_units(row)
        if found is not None:
            assignment = ctx.printed_assignment(found.assignment, own, end)
            title = _title(row[: found.start], short=False)
            ctx.previous_row = assignment
        elif ctx.previous_row is not None:
            assignment, inherited = ctx.previous_row, True
            title = _title(row, short=False)
        else:
            assignment = Assignment()
            title = _title(row, short=False)
        ctx.row_spans.add(Span._trusted(start, end))
    else:
        # The line breaks between the children name no unit and no deadline.
        worded = [(a, b) for a, b in gaps if not norm[a:b].isspace()]
        title = _title(norm[own:first_gap_end], short=True)
        if len(path) == 1:  # a section heading (工作目标, 职责分工) a flattened page ran on
            title = run_in_title(title)
        assignment = _assignment(norm, worded)
        if not assignment and gaps and gaps[0][0] == own:
            assignment = _subject(norm, own, first_gap_end)
        assignment = ctx.printed_assignment(assignment, own, end)
    title = ctx.printed(title, own, end)
    children: tuple[Task, ...] = ()
    if nodes:
        children = _lift_closing_lines(tuple(_build_task(n, path, ctx) for n in nodes), ctx)
    return Task(
        path=path,
        title=title,
        text=ctx.text[start:end],
        lead=assignment.lead,
        cooperating=assignment.cooperating,
        collective=assignment.collective,
        lead_inherited=inherited,
        deadlines=_deadlines(ctx, worded),
        span=Span._trusted(start, end),
        children=children,
    )


def _assignment(norm: str, worded: list[tuple[int, int]]) -> Assignment:
    """Units a task's own words name: labelled lines and lead parentheticals, else a clause."""
    parts: list[Assignment] = []
    inline = False
    for a, b in worded:
        if norm.find(":", a, b) != -1:  # a label's colon (normalized: ： reads :)
            parts.append(find_labelled(norm, a, b))
        # A parenthetical needs its bracket, an inline clause its 牵头 or 负责: a stretch
        # without them is not read for one.
        if norm.find("(", a, b) != -1:
            paren = find_parenthetical(norm, a, b)
            if paren is not None:
                parts.append(paren[0])
        inline = inline or norm.find("牵头", a, b) != -1 or norm.find("负责", a, b) != -1
    if not any(parts):
        if not inline:
            return Assignment()
        parts = [find_inline(norm, a, b) for a, b in worded]
    return merged(parts)


def _subject(norm: str, own: int, first_gap_end: int) -> Assignment:
    """Units named as the subject of a task's first sentence (and of its later clauses)."""
    assignment = find_subject(norm, own, first_gap_end)
    if not assignment:
        heading = _RUN_IN_HEADING.match(norm, own, first_gap_end)
        if heading is not None:
            # 「3、汇总阶段(6月1日-15日) 工作小组办公室汇总…」: the sentence after a heading
            assignment = find_subject(norm, heading.end(), first_gap_end)
    if assignment.lead:
        # 「县机关局负责清查…，县财政局负责清查…」: each clause's own subject
        for clause in _NEXT_DUTY.finditer(norm, own, first_gap_end):
            assignment = assignment.merge(find_subject(norm, clause.end(), first_gap_end))
    return assignment


# A clause break before another unit that answers for part of the task (…，Y负责…).
_NEXT_DUTY = re.compile(r"[,;](?=[^,;。]{2,20}?负责(?!人))")
# A short heading run into its item's first sentence, a blank between them.
_RUN_IN_HEADING = re.compile(r"[^\s。,;:]{2,24}[ \n]+")


def _section(task: Task, level: int, text: str) -> Section:
    """A task as a section of the plan's outline: the same marker, title and span."""
    span = task.span if task.span is not None else Span(0, 0)
    at = text.find(task.title, span.start, span.end) if task.title else -1
    heading = (
        text[span.start : at + len(task.title)] if at != -1 else f"{task.path[-1]}、{task.title}"
    )
    children = tuple(_section(c, level + 1, text) for c in task.children) if task.children else ()
    return Section(heading.strip(), task.path[-1], task.title, level, span, children)


def _lift_closing_lines(siblings: tuple[Task, ...], ctx: _Context) -> tuple[Task, ...]:
    """A unit line closing the last of several sub-items assigns the item they describe.

    「1.完善联合党委工作(1)…(2)…(4)…责任单位:联合党委办公室 2.改革试点…责任处室:…」:
    where the items beside it name their units on their own lines, (1)–(4) are paragraphs
    of item 1 and the only unit line after them is item 1's.
    """
    if not any(t.lead and not t.children for t in siblings):
        return siblings
    return tuple(_lift(t, ctx) for t in siblings)


def _lift(task: Task, ctx: _Context) -> Task:
    children = task.children
    if task.lead or len(children) < 2 or any(c.children for c in children):
        return task
    *first, last = children
    if any(c.lead or c.cooperating or c.collective for c in first) or not last.lead:
        return task
    if last.span is None or not find_labelled(ctx.norm, last.span.start, last.span.end):
        return task
    bare = attrs.evolve(last, lead=(), cooperating=(), collective=())
    return attrs.evolve(
        task,
        lead=last.lead,
        cooperating=last.cooperating,
        collective=last.collective,
        children=(*first, bare),
    )


def _lead_findings(tasks: tuple[Task, ...], row_spans: set[Span]) -> list[Finding]:
    # A leaf without units is worth noting where its siblings (or the other
    # rows of its table) name a lead, or where a 职责分工 / 任务分工 part
    # assigns units in prose (026).
    every: list[Task] = []  # every task, depth first
    groups = [tasks]  # every list of siblings
    _walk(tasks, every, groups)
    assigned_in_prose = any((t.lead or t.cooperating) and _DIVISION.search(t.title) for t in every)
    table_leads = bool(row_spans) and any(t.lead and t.span in row_spans for t in every)
    out: list[Finding] = []
    for siblings in groups:
        with_lead = any(t.lead for t in siblings)
        for t in siblings:
            if t.children or t.lead or t.collective:
                continue
            is_row = t.span in row_spans
            if len(t.path) < 2 and not is_row:
                continue
            if not (with_lead or assigned_in_prose or (is_row and table_leads)):
                continue
            path = "".join(t.path)
            out.append(
                finding(PLAN_NO_LEAD, variant="elsewhere", refs=(Ref(span=t.span),), label=path)
            )
    return out


_DIVISION = re.compile(r"职责分工|任务分工|工作分工|责任分工")


def _walk(tasks: tuple[Task, ...], every: list[Task], groups: list[tuple[Task, ...]]) -> None:
    for task in tasks:
        every.append(task)
        if task.children:
            groups.append(task.children)
            _walk(task.children, every, groups)


# ---- tables with separated cells -------------------------------------------------------

_COLUMN_ROLES = (
    ("no", re.compile(r"序号|编号")),
    ("lead", re.compile(alternation(LEAD_WORDS) + r"(?:单位|部门|领导)")),
    (
        "coop",
        re.compile(
            alternation((*RESPONSIBLE_WORDS, *COOPERATE_WORDS)) + r"(?:单位|部门)|配合/责任单位"
        ),
    ),
    ("deadline", re.compile(r"完成(?:时限|时间)|时间节点|时限(?:要求)?|进度安排")),
    ("task", re.compile(r".{0,4}(?:任务|事项|内容|要求|措施)")),
)
_SEPARATOR_ROW = re.compile(r"[|\-: +]*")


_PIPE = re.compile(r"\|")
_WIDE_GAP = re.compile(r"\t+| {2,}")
_SPACES = re.compile(r" +")


def _cells(line: str, offset: int) -> list[tuple[str, int]]:
    """A table line's cells with their offsets: split on ``|``, tabs, else runs of spaces."""
    body = line.rstrip()
    if "|" in body:
        sep = _PIPE
        lead = len(body) - len(body.lstrip())
        if body.lstrip().startswith("|"):
            lead += 1
        tail = len(body) - 1 if body.endswith("|") else len(body)
        body_start, body_end = lead, tail
    else:
        sep = _WIDE_GAP if "\t" in body or "  " in body else _SPACES
        body_start = len(body) - len(body.lstrip())
        body_end = len(body)
    cells: list[tuple[str, int]] = []
    cur = body_start
    for m in sep.finditer(body, body_start, body_end):
        cells.append(_cell(body, cur, m.start(), offset))
        cur = m.end()
    cells.append(_cell(body, cur, body_end, offset))
    return cells


def _cell(line: str, a: int, b: int, offset: int) -> tuple[str, int]:
    raw = line[a:b]
    stripped = raw.strip()
    return stripped, offset + a + (len(raw) - len(raw.lstrip()))


@attrs.frozen
class _Columns:
    roles: tuple[str | None, ...]
    start: int  # offset of the header line
    end: int  # offset after the last table line


def _columns(norm: str, header_at: int, end: int) -> _Columns | None:
    line_start = norm.rfind("\n", 0, header_at) + 1
    line_end = norm.find("\n", header_at, end)
    if line_end == -1:
        return None
    cells = _cells(norm[line_start:line_end], line_start)
    if len(cells) < 3:
        return None
    roles: list[str | None] = []
    for cell, _ in cells:
        bare = cell.replace(" ", "")
        role = next((name for name, rx in _COLUMN_ROLES if rx.fullmatch(bare)), None)
        roles.append(role if role not in roles else None)
    if "lead" not in roles and "coop" in roles and _LONE_HEADER.search(norm, line_start, line_end):
        # 序号 / 工作任务 / 责任单位 / 完成时限: with no 牵头单位, 责任单位 leads.
        roles[roles.index("coop")] = "lead"
    if "lead" not in roles or ("task" not in roles and "coop" not in roles):
        return None
    return _Columns(tuple(roles), line_start, line_end)


def _table_tasks(norm: str, cols: _Columns, end: int, ctx: _Context) -> tuple[list[Task], int]:
    """Tasks from the rows of a table with separated cells; also where the table ends.

    A row with one filled cell numbered 一、 or (一) opens a section; (一) sections nest
    under the 一、 section before them, and the other rows are tasks of the latest section.
    """
    sections: list[_TableSection] = []
    loose: list[Task] = []
    previous: Assignment | None = None
    pos = cols.end + 1
    table_end = cols.end
    index = 0
    while pos < end:
        line_end = norm.find("\n", pos, end)
        line_end = end if line_end == -1 else line_end
        line = norm[pos:line_end]
        if not line.strip() or _SEPARATOR_ROW.fullmatch(line.strip()):
            pos = line_end + 1
            continue
        cells = _cells(line, pos)
        filled = [c for c in cells if c[0]]
        label_m = next(iter_markers(filled[0][0], 0, 6), None) if len(filled) == 1 else None
        if label_m is not None and label_m.start == 0 and label_m.kind in _SECTION_KINDS:
            label = label_m.label
            level = OUTLINE_LEVELS[label_m.kind]
            parent = next((s for s in reversed(sections) if s.level < level), None)
            section = _TableSection(
                label, filled[0][0][label_m.end :].strip(), level, filled[0][1], line_end
            )
            sections.append(section)
            if parent is not None:
                parent.items.append(section)
                section.parent = parent
        elif len(cells) >= 2:
            index += 1
            task, previous = _table_row(cells, cols, index, previous, pos, line_end, ctx)
            if sections:
                sections[-1].items.append(task)
                current: _TableSection | None = sections[-1]
                while current is not None:  # the section and those it is in
                    current.end = line_end
                    current = current.parent
            else:
                loose.append(task)
        else:
            break
        table_end = line_end
        pos = line_end + 1
    tops = [s.task(ctx, ()) for s in sections if s.parent is None]
    return [*loose, *tops], table_end


@attrs.define(eq=False)
class _TableSection:
    """A section row of a task table (一、 / (一)) and what follows it, in printed order."""

    label: str
    title: str
    level: int
    start: int
    end: int
    items: list[Task | _TableSection] = attrs.Factory(list)
    parent: _TableSection | None = None

    def task(self, ctx: _Context, above: tuple[str, ...]) -> Task:
        path = (*above, self.label)
        children = tuple(
            item.task(ctx, path)
            if isinstance(item, _TableSection)
            else attrs.evolve(item, path=(*path, *item.path))
            for item in self.items
        )
        return Task(
            path=path,
            title=ctx.printed(self.title, self.start, self.end),
            text=ctx.text[self.start : self.end],
            span=Span(self.start, self.end),
            children=children,
        )


def _table_row(
    cells: list[tuple[str, int]],
    cols: _Columns,
    index: int,
    previous: Assignment | None,
    start: int,
    end: int,
    ctx: _Context,
) -> tuple[Task, Assignment | None]:
    by_role: dict[str, tuple[str, int]] = {}
    if len(cells) == len(cols.roles):
        for role, cell in zip(cols.roles, cells, strict=True):
            if role is not None:
                by_role[role] = cell
    else:  # a merged cell left this row short: number and task first
        for role, cell in zip(("no", "task"), cells, strict=False):
            by_role[role] = cell
    number = by_role.get("no", ("", 0))[0].strip(" .、")
    task_cell = by_role.get("task", ("", start))
    own = next(iter_markers(task_cell[0], 0, 8), None)
    if (
        not number
        and own is not None
        and own.kind is MarkerKind.ARABIC
        and not task_cell[0][: own.start].strip()
    ):
        # No number column: 「1.全面公开…」 numbers itself.
        rest = len(task_cell[0]) - len(task_cell[0][own.end :].lstrip())
        number = own.label
        task_cell = (task_cell[0][rest:], task_cell[1] + rest)
    number = number or str(index)
    assignment = merged(
        classify_names(by_role[role][0], name)
        for role, name in (("lead", "lead"), ("coop", "cooperating"))
        if by_role.get(role, ("", 0))[0]
    )
    inherited = False
    if not assignment and previous is not None:
        assignment, inherited = previous, True
    else:
        assignment = ctx.printed_assignment(assignment, start, end)
    deadline_cell = by_role.get("deadline")
    if deadline_cell is not None and deadline_cell[0]:
        a, b = deadline_cell[1], deadline_cell[1] + len(deadline_cell[0])
        deadlines = _deadlines(ctx, [(a, b)])
        if not deadlines:
            phrase = ctx.text[a:b]
            deadlines = (Deadline(phrase, DeadlineKind.UNRESOLVED, span=Span(a, b)),)
            ctx.findings.append(_unresolved_finding(deadlines[0]))
    else:
        deadlines = _deadlines(ctx, [(start, end)])
    ctx.row_spans.add(Span(start, end))
    task = Task(
        path=(number,),
        title=ctx.printed(_title(task_cell[0], short=False), start, end),
        text=ctx.text[start:end],
        lead=assignment.lead,
        cooperating=assignment.cooperating,
        collective=assignment.collective,
        lead_inherited=inherited,
        deadlines=deadlines,
        span=Span(start, end),
    )
    return task, (assignment or previous)


def classify_names(value: str, role: str) -> Assignment:
    """A printed unit list (a table cell) as units of ``role`` and collective phrases.

    Example:
        >>> from zwgk._parse.plans import classify_names
        >>> a = classify_names("市财政局、各区县政府", "lead")
        >>> ([u.name for u in a.lead], a.collective)
        (['市财政局'], ('各区县政府',))
    """
    return classify([n for piece in split_list(value) for n in split_glued(piece)], role)


# ---- the entry point -------------------------------------------------------------------


def parse_plan(
    data: str | bytes, *, source: str | None = None, kind: DocumentKind | None = None
) -> ImplementationPlan | WorkPoints:
    """Parse an implementation plan or work-points document.

    ``kind`` forces `zwgk.WorkPoints` or
    `zwgk.ImplementationPlan`; without it the title
    (else the body) decides: 工作要点 / 任务分解表 / 工作安排 are work points,
    方案 / 实施意见 a plan.  The issuing organ is resolved to an
    `zwgk.Agency` with the page as context.

    Example:
        >>> from zwgk import parse_plan
        >>> plan = parse_plan(
        ...     "关于印发《政务公开实施方案》的通知\\n各处室:\\n请于6月20日前报办公室。\\n"
        ...     "某局\\n2017年6月15日\\n一、工作任务\\n"
        ...     "1.推进清单公开。2017年底前完成。(注册处、法制处牵头,其他单位按职责分工负责)\\n"
        ...     "2.强化解读。文件公开后3个工作日内发布。(办公室牵头负责)"
        ... )
        >>> (plan.kind.value, plan.addressees, plan.reply_deadline.date.isoformat())
        ('implementation_plan', ('各处室',), '2017-06-20')
        >>> [(t.path, t.title, [u.name for u in t.lead]) for t in plan.walk_tasks()][1:]
        [(('一', '1'), '推进清单公开', ['注册处', '法制处']), (('一', '2'), '强化解读', ['办公室'])]
        >>> plan.tasks[0].children[1].deadline.after
        '文件公开'
    """
    src = read_input(data)
    return finish(plan_from_source(src, read_common(src), kind, source=source), src)


def plan_from_source(
    src: Source, common: Common, kind: DocumentKind | None = None, *, source: str | None = None
) -> ImplementationPlan | WorkPoints:
    """Build the plan from decoded text and its shared metadata (used by ``parse``)."""
    norm, text = src.norm, src.text
    start = common.body_start
    forget()  # the unit lists of another document are not this one's
    doc_kind = kind if kind is not None else plan_kind(common.title, norm, start)
    year = year_from_title(common.title)
    if year is None:
        dates = [d for d in (common.published, common.signed) if d is not None]
        year = dates[0].year if dates else None

    all_sigs = [s for s in signatures(norm) if s.start >= start]
    sig_starts = [s.start for s in all_sigs]
    addressees = _addressees(norm, start)
    signed = common.signed
    cover_sig: Signature | None = None
    if addressees is not None:
        cover_sig = next((s for s in all_sigs if s.start > addressees.end), None)
        if signed is None and cover_sig is not None and cover_sig.start - addressees.end < 3000:
            signed = cover_sig.date
    attachments = _attachments(norm, start, sig_starts)
    contact_m = _CONTACT.search(norm, start)
    contact = _contact(norm, text, start)
    body_end = _body_end(
        norm, start, attachments, contact_m.start() if contact_m else None, all_sigs
    )

    table_start = _table_header(norm, start, body_end)
    ctx = _Context(norm, text, year, table_start)
    columns = _columns(norm, table_start, body_end) if table_start is not None else None
    table_tasks: list[Task] = []
    if columns is not None:
        table_tasks, table_end = _table_tasks(norm, columns, body_end, ctx)
        if not table_tasks:
            columns = None
    if columns is not None:
        ctx.table_start = None
        before = _tree(norm, _markers(norm, start, columns.start), columns.start, sig_starts)
        after = _tree(norm, _markers(norm, table_end, body_end), body_end, sig_starts)
        roots = before
    else:
        roots = _tree(norm, _markers(norm, start, body_end), body_end, sig_starts)
        after = []

    reply: Deadline | None = None
    if addressees is not None:
        cover_end = min(addressees.end + 800, body_end)
        if cover_sig is not None:
            cover_end = min(cover_end, cover_sig.start)
        if roots and roots[0].marker.start > addressees.end:
            cover_end = min(cover_end, roots[0].marker.start)
        reply = _reply_deadline(norm, addressees.end, cover_end, year)
        if reply is not None and reply.span is not None:
            reply = attrs.evolve(reply, phrase=reply.span.of(text))

    tasks = _lift_closing_lines(
        (
            *(_build_task(root, (), ctx) for root in roots),
            *table_tasks,
            *(_build_task(root, (), ctx) for root in after),
        ),
        ctx,
    )
    findings = list(ctx.findings)
    if reply is not None and reply.kind is DeadlineKind.UNRESOLVED:
        findings.append(_unresolved_finding(reply, "reply"))
    findings.extend(_lead_findings(tasks, ctx.row_spans))
    if not tasks:
        findings.append(finding(PLAN_NO_TASKS))
    cls = WorkPoints if doc_kind is DocumentKind.WORK_POINTS else ImplementationPlan
    return cls(
        title=common.title,
        agency=resolve_agency(common, norm, year=year),
        published=common.published,
        signed=signed,
        index_no=common.index_no,
        doc_no=common.doc_no,
        source=source,
        sections=tuple(_section(t, 1, text) for t in tasks),
        metadata=common.metadata,
        findings=tuple(findings),
        addressees=tuple(ctx.printed(n, addressees.start, addressees.end) for n in addressees.names)
        if addressees
        else (),
        reply_deadline=reply,
        attachments=tuple(
            dict.fromkeys(ctx.printed(a.title, a.start, a.start + 500) for a in attachments)
        ),
        contact=contact,
        tasks=tasks,
    )
