"""The shared lexer: each token kind found once per text, read by position exactly as a
scan of the stretch alone would read it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hypothesis import given
from hypothesis import strategies as st

from zwgk._parse.deadlines import _DEADLINE_RE, _from_match, iter_deadlines
from zwgk._parse.facts import _FACT, _FACT_REACH, narrative_facts
from zwgk._parse.meta import _DATE_REACH, signatures
from zwgk._text.dates import DATE_RE, parse_date
from zwgk._text.lexer import CLAUSE_BREAKS, Scan, lex
from zwgk._text.numbering import MARKER_RE, iter_markers, markers

# Pieces of the grammars the lexer reads, run together in any order.
_PIECES = (
    "一、", "（二）", "(3)", "4.", "5、", "3.5", "①", "第三条", "第一部分", "十二、", "2019.1",
    "2018年3月14日", "2018-03-14", "二〇一二年二月二十日", "二O一二年", "6月20日前", "年底前",
    "每季度", "每年的12月31日前", "3个工作日内", "文件公开后", "上半年", "第三季度", "2017年底",
    "共受理", "5件", "3.5万元", "五十余次", "约", "1,234人次", "第3项", "市财政局", "牵头",
    "\n", " ", "  ", "，", "。", "：", "、", "公开", "推进", "前", "底", "日", "月", "年", "0", "12",
)  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@st.composite
def stretches(draw: st.DrawFn) -> tuple[str, int, int]:
    """A text and a stretch of it (possibly empty, possibly cutting a token)."""
    text = draw(texts)
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    return text, a, b


def _spans(found: Iterable[re.Match[str]]) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in found]


@given(stretches(), st.sampled_from(["marker", "deadline", "fact", "date"]))
def test_a_stretch_reads_what_a_scan_of_it_alone_finds(
    case: tuple[str, int, int], kind: str
) -> None:
    text, a, b = case
    pattern, reach = {
        "marker": (MARKER_RE, 16),
        "deadline": (_DEADLINE_RE, None),
        "fact": (_FACT, _FACT_REACH),
        "date": (DATE_RE, _DATE_REACH),
    }[kind]
    scan = Scan(pattern, text, reach=reach)
    assert _spans(scan.within(a, b)) == _spans(pattern.finditer(text, a, b))


def test_a_match_cut_by_the_stretch_is_read_again() -> None:
    text = "请于2017年6月20日前完成"
    scan = Scan(_DEADLINE_RE, text)
    assert [m.group() for m in scan.within(0, len(text))] == ["2017年6月20日前"]
    assert [m.group() for m in scan.within(0, 12)] == []  # 前 cut off: no deadline left
    # Cut after the year, 6月20日前 is still read as the rest of a dated phrase, not alone.
    assert [m.group() for m in scan.within(7, len(text))] == []
    assert [m.group() for m in scan.within(2, len(text))] == ["2017年6月20日前"]


@given(stretches(), st.booleans())
def test_markers_are_the_lexers_markers(case: tuple[str, int, int], glued: bool) -> None:
    text, a, b = case
    assert lex(text).markers(a, b, glued=glued) == markers(text, a, b, glued=glued)


@given(texts)
def test_every_marker_reads_back_from_its_span(text: str) -> None:
    for m in lex(text).markers(glued=True):
        again = list(iter_markers(text[m.start : m.end]))
        assert [(x.kind, x.value, x.label) for x in again] == [(m.kind, m.value, m.label)]


@given(stretches())
def test_deadlines_read_by_position_are_those_of_the_stretch(case: tuple[str, int, int]) -> None:
    text, a, b = case
    alone = [_from_match(m, text, a, 2017) for m in _DEADLINE_RE.finditer(text, a, b)]
    assert list(iter_deadlines(text, a, b, year=2017)) == alone
    for d in alone:
        assert d.span is not None
        assert d.span.of(text) == d.phrase


@given(texts)
def test_facts_are_read_once_and_read_back_from_their_spans(text: str) -> None:
    first = narrative_facts(text, 0)
    assert narrative_facts(text, 0) == first
    for fact in first:
        assert text[fact.span.start : fact.span.end] == fact.raw


@given(texts)
def test_the_dates_of_signatures_are_the_shared_date_tokens(text: str) -> None:
    # The 年月日 dates a closing signature prints, as a scan of that form alone finds them.
    ymd = re.compile(
        r"(?:19|20)\d\d *年 *\d{1,2} *月 *\d{1,2} *日"
        r"|[〇○零Oo一二三四五六七八九]{4}年[〇○零Oo一二三四五六七八九十]{1,2}月"
        r"[〇○零Oo一二三四五六七八九十]{1,3}日"
    )
    dates = {(m.start(), m.end()) for m in ymd.finditer(text)}
    for s in signatures(text):
        assert any(start < s.end and end == s.end for start, end in dates)


@given(stretches())
def test_last_clause_break(case: tuple[str, int, int]) -> None:
    text, a, b = case
    expected = [i for i in range(a, b) if text[i] in CLAUSE_BREAKS]
    assert lex(text).last_break(a, b) == (expected[-1] if expected else None)


def test_a_text_is_lexed_once_for_all_its_readers() -> None:
    text = "一、总体情况\n2019年3月1日\n（一）主动公开"
    lexed = lex(text)
    assert lex(text) is lexed
    assert lexed.markers() is not lexed.markers()  # each reader gets its own list
    assert lexed.scan(DATE_RE) is lexed.scan(DATE_RE)
    first = lexed.scan(DATE_RE).match(0)
    assert parse_date(first) == parse_date(DATE_RE.search(text))  # type: ignore[arg-type]
