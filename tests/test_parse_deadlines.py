"""The deadline grammar's first-character tests and its anchors never hide a phrase the
alternatives find; a document's scan reads each stretch as a scan of it alone would."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from zwgk._parse import deadlines
from zwgk._parse.text import normalize, read_input

ROOT = Path(__file__).resolve().parents[1]
ALTERNATIVES = re.compile(deadlines.DEADLINE_ALTERNATIVES)
# What deadline phrases are made of, and characters around them.
ALPHABET = (
    "每年半季度月周星期日天号前底末内以之止至到按上下第今本近个工作小时不定动态更新"
    "持续推进长期坚持常化一二三四五六七八九十〇0123456789 -—~、,和及与于在"
)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_first_character_test_finds_what_the_alternatives_find(text: str) -> None:
    assert _spans(deadlines._DEADLINE_RE, text) == _spans(ALTERNATIVES, text)


# Pieces of real phrases, so that generated text prints them whole, next to each other
# and cut short.
PIECES = (
    "2017年", "2017年底", "2017 年 ", "二〇一七年", "6月", "6 月", "20日", "15号", "前", "之前", "底", "末",
    "内", "以内", "每年", "每年的", "每半年", "每季度", "每个月", "每月", "每周", "至少", "次",
    "第三季度", "一季度末", "上半年", "下半年", "今年", "本年", "年底", "年内", "近年", "3个",
    "工作日", "小时", "个月", "天", "周", "至", "到", "-", "—", "~", "、", "和", "按月", "按年度",
    "按季", "按季度", "按半年", "按年", "每个季度", "定期", "不定期", "动态更新", "持续推进",
    "长期坚持", "常态化", "12", "1", "٣",
)  # fmt: skip


def _phrases(text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in deadlines.find_phrases(text)]


def _phrases_scanned(text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in ALTERNATIVES.finditer(text)]


@given(st.text(alphabet=ALPHABET + "٣", max_size=80))
def test_phrases_from_the_anchors_are_those_a_scan_finds(text: str) -> None:
    assert _phrases(text) == _phrases_scanned(text)


@given(st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=3), max_size=30))
def test_phrases_from_the_anchors_in_plan_like_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _phrases(text) == _phrases_scanned(text)


WORDS = {name: words.split() for name, words, _ in deadlines.DEADLINE_PHRASES}


def _leads_to_an_anchor(text: str) -> None:
    # Each phrase prints first one of the anchor words its alternative names, and only
    # lead characters before it.
    for m in ALTERNATIVES.finditer(text):
        phrase = m.group()
        first = next(i for i, c in enumerate(phrase) if c in deadlines.DEADLINE_ANCHORS)
        words = WORDS[m.lastgroup or ""]
        assert any(phrase.startswith(w, first) for w in words), (phrase, m.lastgroup)
        lead = phrase[:first]
        assert all(c in deadlines.DEADLINE_LEAD or c.isdecimal() for c in lead), phrase


@given(st.lists(st.sampled_from(PIECES) | st.text(alphabet=ALPHABET, max_size=3), max_size=30))
def test_every_phrase_prints_an_anchor_after_lead_characters_only(pieces: list[str]) -> None:
    _leads_to_an_anchor("".join(pieces))


def test_every_pair_of_pieces_prints_an_anchor_after_lead_characters_only() -> None:
    for first in PIECES:
        for second in PIECES:
            _leads_to_an_anchor(first + second)
            assert _phrases(first + second) == _phrases_scanned(first + second)


def test_first_character_test_on_every_document() -> None:
    paths = [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/dev/[0-9]*.txt")]
    found = 0
    for path in paths:
        norm = read_input(path.read_bytes()).norm
        spans = _spans(deadlines._DEADLINE_RE, norm)
        assert spans == _spans(ALTERNATIVES, norm), path.name
        assert [span for span, _ in _phrases(norm)] == spans, path.name
        found += len(spans)
    assert found > 100


@given(st.text(alphabet=ALPHABET + "　，、０１２（）", max_size=60), st.data())
def test_a_documents_scan_quotes_each_stretchs_phrases_as_printed(
    printed: str, data: st.DataObject
) -> None:
    norm = normalize(printed)
    a = data.draw(st.integers(0, len(norm)))
    b = data.draw(st.integers(a, len(norm)))
    scan = deadlines.DeadlineScan(norm, year=2020, printed=printed)
    alone = [
        attrs.evolve(d, phrase=printed[d.span.start : d.span.end]) if d.span else d
        for d in deadlines.iter_deadlines(norm, a, b, year=2020)
    ]
    assert list(scan.within(a, b)) == alone
