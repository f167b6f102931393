"""Deadline phrases of plans and work points (完成时限), read into `zwgk.Deadline`s.

One regular expression reads every phrase; each alternative is bounded, so matching
is linear in the input size.  A document's phrases are looked for only around the few
characters one of them must print (`find_phrases`), not at every position.  The
document year (from the title, else the publication or signature date)
fills in phrases that print no year: ``6月20日前`` in a 2017 notice is
2017-06-20, ``年内`` is 31 December of that year.  Phrases that name no
resolvable date without a year come back as ``UNRESOLVED``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from zwgk._model.core import Deadline, Duration, Recurrence, Span
from zwgk._model.enums import DeadlineKind
from zwgk._text.dates import YEAR
from zwgk._text.lexer import Scan, lex
from zwgk._text.numerals import CN_SMALL, digits_up_to, numeral_or_none, parse_numeral

_BEFORE = r"(?:之前|以前|前|止)"
_QUARTERS = digits_up_to(4)
_NUM = rf"(?:\d{{1,3}}|[{CN_SMALL}]{{1,3}})"
_MONTH_LIST = r"\d{1,2}(?: *月? *[、,和及与] *\d{1,2}){0,11}"

#: Every deadline phrase, one alternative each (see `_DEADLINE_RE`): its name, the words
#: it may print first of the anchors (`DEADLINE_ANCHORS`), its pattern.
DEADLINE_PHRASES: tuple[tuple[str, str, str], ...] = (
    # frequency: 每年至少听取一次, 每季度至少…1次, 定期, 动态更新
    ("freq", "每 定期 动态", rf"每(?:年|半年|季度|月|周)(?:度)?(?:至少|不少于)[^。,;:\n]{{0,12}}?{_NUM} *次"
     r"|不定期|定期|动态更新|动态调整"),
    # ongoing: 持续推进, 长期坚持
    ("ongoing", "持续 长期 常态化", r"持续推进|长期坚持|长期执行|持续开展|常态化"),
    # recurring with months: 每年的12月31日前, 每年6月和12月, 每年1、4、7、10月8日之前
    ("ryear", "每", rf"每年(?:的)? *(?P<rmonths>{_MONTH_LIST}) *月"
     rf"(?: *(?P<rday>\d{{1,2}}) *[日号]| *(?P<rend>底|末))? *{_BEFORE}?"),
    ("ryearend", "每", r"每年(?:的)?(?:年底|年末)" + _BEFORE + "?"),
    # halves and quarters of a year: 2022年上半年, 下半年, 第三季度, 一季度末
    ("half", "年 半年", rf"(?:(?P<hy>{YEAR}) *年 *)?(?:上|下)半年(?:内|末|底)?{_BEFORE}?"),
    ("quarter", "年 季度",
     rf"(?:(?P<qy>{YEAR}) *年 *)?第?(?P<qn>[{_QUARTERS}]) *季度(?:内|末|底)?{_BEFORE}?"),
    # bare periods: 每年, 按年度, 每半年, 按季度, 按月
    ("ryearly", "每 按半 按年", r"每半年|按半年|每年度?|按年度?"),
    # monthly: 每月5日前, 每月底
    ("rmonth", "每", rf"每(?:个)?月(?:的)? *"
     rf"(?:(?P<rmday>\d{{1,2}}) *[日号]|(?P<rmend>底|末))? *{_BEFORE}?"),
    ("rquarter", "每 按季", r"每(?:个|一)?季度(?:末|结束后)?|按季度?"),
    ("rweek", "每", r"每(?:周|星期)"),
    ("rmonthly", "按月", r"按月"),
    # ranges: 2月25日-3月25日, 2015年4月-6月, 2021年1月27日至2021年2月底
    ("range", "年 月", rf"(?:(?P<sy>{YEAR}) *年 *)?\d{{1,2}} *月(?: *\d{{1,2}} *日)? *"
     rf"(?:-|—{{1,2}}|~|至|到) *(?:(?P<gy>{YEAR}) *年 *)?(?P<gm>\d{{1,2}}) *月"
     rf"(?: *(?P<gd>\d{{1,2}}) *日|(?P<gend>底|末))?"),
    # relative durations: 3个工作日内, 24小时内, 3年内
    ("dur", "年 月 内", rf"(?P<damount>{_NUM}) *"
     r"(?:个 *(?P<du1>工作日|小时|月|星期)|(?P<du2>工作日|小时|日|天|周|年))"
     r" *(?:之内|以内|内)"),
    # absolute dates
    ("ymd", "年", rf"(?P<y1>{YEAR}) *年 *(?P<m1>\d{{1,2}}) *月 *"
     rf"(?P<d1>\d{{1,2}}) *日 *底?{_BEFORE}"),
    ("ymend", "年", rf"(?P<y2>{YEAR}) *年 *(?P<m2>\d{{1,2}}) *月 *(?:底|末){_BEFORE}?"),
    ("yend", "年", rf"(?P<y3>{YEAR}) *年 *(?:底|末){_BEFORE}?"),
    ("yin", "年", rf"(?P<y4>{YEAR}) *年(?:内|以内)"),
    ("md", "月", rf"(?<![\d年])(?P<m5>\d{{1,2}}) *月 *(?P<d5>\d{{1,2}}) *日 *底?{_BEFORE}"),
    ("mend", "月", rf"(?<![\d年])(?P<m6>\d{{1,2}}) *月 *(?:底|末){_BEFORE}?"),
    ("thisyear", "年", rf"(?<![\d{CN_SMALL}个每])(?:今|本)?(?:年底|年末){_BEFORE}?"
     rf"|(?<![\d{CN_SMALL}个每近])(?:今|本)?年内"),
)  # fmt: skip


def _alternatives(anchor: str = "") -> str:
    # The phrases that may print ``anchor`` first (every phrase: ""), one alternative each.
    return "|".join(
        rf"(?P<{name}>{pattern})"
        for name, words, pattern in DEADLINE_PHRASES
        if not anchor or any(word[0] == anchor for word in words.split())
    )


#: Every deadline phrase, one alternative each.
DEADLINE_ALTERNATIVES = _alternatives()
#: The characters a deadline phrase can start with: a cheap test at each position before
#: the alternatives are tried (tests check it finds what the alternatives alone find).
DEADLINE_FIRST = rf"[每不定动持长常按上下第今本年\d{CN_SMALL}]"
#: How a deadline phrase starts, a little further: what each alternative needs first (a
#: number must be followed by a unit of time), a second cheap test before the alternatives.
DEADLINE_START = (
    rf"每|不定期|定期|动态|持续|长期|常态化|按[年半季月]|[上下]半年|第[{_QUARTERS}] *季"
    rf"|[今本]?年[底末内]|[\d{CN_SMALL}]{{1,4}} *[年月个工日小天周季]"
)
_DEADLINE_RE = re.compile(rf"(?={DEADLINE_FIRST})(?={DEADLINE_START})(?:{DEADLINE_ALTERNATIVES})")
#: The characters every phrase prints one of (its anchors, each printed as the start of
#: one of the phrase's words: 动 of 动态), and what a phrase may print before its first
#: anchor: ``2017 年`` (digits and blanks before 年), ``第三 季度``, ``3个工作日 内``,
#: ``不定期``, ``上半年``, ``今年``.  A document's phrases are looked for only from the
#: anchors back over such characters (`find_phrases`), not at every position.
_ANCHOR_WORDS = tuple(dict.fromkeys(w for _, words, _ in DEADLINE_PHRASES for w in words.split()))
DEADLINE_ANCHORS = "".join(dict.fromkeys(word[0] for word in _ANCHOR_WORDS))
DEADLINE_LEAD = rf"{CN_SMALL}{_QUARTERS} 不上下第个工作日小时星期天周之以今本"
#: An anchor where one of its words is printed (动 of 推动 starts no phrase, 动 of 动态 may).
_ANCHOR = re.compile("|".join(f"{w[0]}(?={w[1:]})" if w[1:] else w for w in _ANCHOR_WORDS))
_LEAD = frozenset(DEADLINE_LEAD)
#: For each anchor, the first phrase from a position over lead characters (group 1): the
#: phrases that may print that anchor first, tried at each position up to it, in order.
_FROM_LEAD = {
    anchor: re.compile(rf"[\d{DEADLINE_LEAD}]*?({_alternatives(anchor)})")
    for anchor in DEADLINE_ANCHORS
}


def find_phrases(text: str) -> list[re.Match[str]]:
    """The matches of ``_DEADLINE_RE.finditer(text)``, found from the anchors alone.

    A phrase starting at ``p`` prints its first anchor at ``a`` with only lead
    characters between (a lead is no anchor), so the positions a left-to-right scan
    would try and find nothing at are never tried: from each anchor the lead
    characters before it are walked back over, and from the first of them up to the
    anchor the phrases that may print that anchor first are tried, in their order (a
    phrase printing another anchor first cannot match there).

    Example:
        >>> from zwgk._parse.deadlines import find_phrases
        >>> [m.group() for m in find_phrases("于2017年6月 20日前报送,每季度通报")]
        ['2017年6月 20日前', '每季度']
    """
    found: list[re.Match[str]] = []
    done = 0  # every position before it is decided: inside a phrase, or none starts there
    lead, from_lead, match = _LEAD, _FROM_LEAD, _DEADLINE_RE.match
    for anchor in _ANCHOR.finditer(text):
        a = anchor.start()
        if a < done:
            continue
        p = a
        while p > done and ((c := text[p - 1]) in lead or c.isdecimal()):
            p -= 1
        m = from_lead[anchor.group()].match(text, p)
        if m is None:
            done = a + 1
            continue
        # The same attempt with every alternative: the others cannot match there.
        phrase = match(text, m.start(1))
        assert phrase is not None
        found.append(phrase)
        done = phrase.end()
    return found


_UNITS = {"工作日": "working_day", "小时": "hour", "日": "day", "天": "day", "周": "week",
          "星期": "week", "月": "month", "年": "year"}  # fmt: skip
_EVENT_STOP = re.compile(r"[于在自从,。;:、\s应要须并即]")


def _cn_number(text: str) -> int | None:
    value = numeral_or_none(text)
    return value if isinstance(value, int) else None


def _last_day(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _event_before(norm: str, start: int, floor: int) -> int | None:
    """Start of the event in ``…文件公开后3个工作日内`` when ``后`` precedes ``start``."""
    pos = start
    while pos > floor and norm[pos - 1] == " ":
        pos -= 1
    if pos <= floor or norm[pos - 1] != "后":
        return None
    begin = pos - 1
    limit = max(floor, begin - 10)
    while begin > limit and not _EVENT_STOP.match(norm[begin - 1]):
        begin -= 1
    return begin if begin < pos - 1 else None


def _unresolved(phrase: str, span: Span) -> Deadline:
    return Deadline(phrase, DeadlineKind.UNRESOLVED, span=span)


def _from_match(
    m: re.Match[str], norm: str, floor: int, year: int | None, printed: str | None = None
) -> Deadline:
    kind = m.lastgroup
    start, end = m.start(), m.end()
    span = Span._trusted(start, end)
    phrase = m.group(0) if printed is None else printed[start:end]
    if kind == "freq":
        return Deadline(phrase, DeadlineKind.FREQUENCY, span=span)
    if kind == "ongoing":
        return Deadline(phrase, DeadlineKind.ONGOING, span=span)
    if kind == "ryear":
        months = tuple(int(x) for x in re.findall(r"\d{1,2}", m.group("rmonths")))
        if not all(1 <= x <= 12 for x in months):
            return _unresolved(phrase, span)
        day: int | None = int(m.group("rday")) if m.group("rday") else None
        if m.group("rend") and len(months) == 1:
            day = calendar.monthrange(2001, months[0])[1]
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("year", months, day),
                        span=span)  # fmt: skip
    if kind == "ryearend":
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("year", (12,), 31),
                        span=span)  # fmt: skip
    if kind == "rmonth":
        mday = int(m.group("rmday")) if m.group("rmday") else None
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("month", (), mday),
                        span=span)  # fmt: skip
    if kind == "ryearly":
        period = "half_year" if "半年" in phrase else "year"
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence(period), span=span)
    if kind == "rmonthly":
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("month"), span=span)
    if kind == "rquarter":
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("quarter"), span=span)
    if kind == "rweek":
        return Deadline(phrase, DeadlineKind.RECURRING, recurrence=Recurrence("week"), span=span)
    if kind == "dur":
        amount = _cn_number(m.group("damount"))
        unit = _UNITS[m.group("du1") or m.group("du2")]
        if amount is None:
            return _unresolved(phrase, span)
        event_start = _event_before(norm, start, floor)
        after = None
        if event_start is not None:
            after = norm[event_start:start].rstrip(" ")[:-1]
            span = Span._trusted(event_start, end)
            phrase = (norm if printed is None else printed)[event_start:end]
        return Deadline(phrase, DeadlineKind.RELATIVE, duration=Duration(amount, unit), after=after,
                        span=span)  # fmt: skip
    date: dt.date | None = None
    if kind == "ymd":
        date = _date(int(m.group("y1")), int(m.group("m1")), int(m.group("d1")))
    elif kind == "ymend":
        date = _last_day(int(m.group("y2")), int(m.group("m2")))
    elif kind == "yend":
        date = dt.date(int(m.group("y3")), 12, 31)
    elif kind == "yin":
        date = dt.date(int(m.group("y4")), 12, 31)
    elif year is not None and kind == "md":
        date = _date(year, int(m.group("m5")), int(m.group("d5")))
    elif year is not None and kind == "mend":
        date = _last_day(year, int(m.group("m6")))
    elif year is not None and kind == "thisyear":
        date = dt.date(year, 12, 31)
    elif kind in ("half", "quarter"):
        printed_year = m.group("hy") or m.group("qy")
        in_year = int(printed_year) if printed_year else year
        if in_year is not None and kind == "half":
            date = dt.date(in_year, 6, 30) if "上" in phrase else dt.date(in_year, 12, 31)
        elif in_year is not None:
            quarter = int(parse_numeral(m.group("qn")))
            date = _last_day(in_year, 3 * quarter)
    elif kind == "range":
        given = m.group("gy") or m.group("sy")
        end_year = int(given) if given else year
        if end_year is not None:
            month, end_day = int(m.group("gm")), m.group("gd")
            date = _date(end_year, month, int(end_day)) if end_day else _last_day(end_year, month)
    if date is None:
        return _unresolved(phrase, span)
    return Deadline(phrase, DeadlineKind.DATE, date=date, span=span)


def iter_deadlines(
    norm: str, start: int = 0, end: int | None = None, *, year: int | None = None
) -> Iterator[Deadline]:
    """Every deadline phrase in ``norm[start:end]``, in order, with spans into ``norm``.

    ``year`` is the document year used for phrases that print none.  The phrases of a
    text are found once (``zwgk._text.lexer``): each task's stretch reads its own by
    position (a reader of many stretches keeps a `DeadlineScan`).

    Example:
        >>> from zwgk._parse.deadlines import iter_deadlines
        >>> found = iter_deadlines("于6月 20日前报送,每季度通报", year=2017)
        >>> [(d.phrase, d.kind.value) for d in found]
        [('6月 20日前', 'date'), ('每季度', 'recurring')]
    """
    return DeadlineScan(norm, year=year).within(start, len(norm) if end is None else end)


class DeadlineScan:
    """The deadline phrases of one text, found in one pass, read stretch by stretch.

    ``year`` is the document year; ``printed`` the text as printed (of the same length as
    ``norm``), which phrases are quoted from when given.

    Example:
        >>> from zwgk._parse.deadlines import DeadlineScan
        >>> scan = DeadlineScan("于6月 20日前报送,每季度通报", year=2017, printed="于6月　20日前报送，每季度通报")
        >>> [d.phrase for d in scan.within(0, 9)], [d.phrase for d in scan.within(9, 15)]
        (['6月　20日前'], ['每季度'])
    """

    __slots__ = ("_norm", "_printed", "_scan", "_year")

    def __init__(self, norm: str, *, year: int | None = None, printed: str | None = None) -> None:
        self._norm = norm
        self._year = year
        self._printed = printed
        # No assertion of the pattern looks past a phrase's end (see Scan).
        self._scan = lex(norm).memo(find_phrases, lambda: _scan(norm))

    def within(self, start: int, end: int) -> Iterator[Deadline]:
        """Every deadline phrase in ``norm[start:end]``, in order (`iter_deadlines`)."""
        norm, year, printed = self._norm, self._year, self._printed
        return iter(
            [_from_match(m, norm, start, year, printed) for m in self._scan.within(start, end)]
        )


def _scan(norm: str) -> Scan:
    return Scan(_DEADLINE_RE, norm, matches=find_phrases(norm))


def parse_deadline(phrase: str, *, year: int | None = None) -> Deadline:
    """Read one deadline phrase (a 完成时限 cell); ``UNRESOLVED`` when nothing in it is understood.

    Example:
        >>> from zwgk._parse.deadlines import parse_deadline
        >>> d = parse_deadline("2017年底前")
        >>> (d.kind.value, d.date.isoformat())
        ('date', '2017-12-31')
        >>> parse_deadline("每年的12月31日前").recurrence
        Recurrence(period='year', months=(12,), day=31)
        >>> d = parse_deadline("文件公开后3个工作日内")
        >>> (d.duration, d.after)
        (Duration(amount=3, unit='working_day'), '文件公开')
        >>> parse_deadline("按计划").kind.value
        'unresolved'
    """
    m = _DEADLINE_RE.search(phrase)
    if m is None:
        return Deadline(phrase, DeadlineKind.UNRESOLVED, span=Span(0, len(phrase)))
    return _from_match(m, phrase, 0, year)
