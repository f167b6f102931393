"""The deadline grammar's first-character tests never hide a phrase the alternatives find;
a document's scan reads each stretch as a scan of it alone would."""

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


def test_first_character_test_on_every_document() -> None:
    paths = [*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/corpus/dev/[0-9]*.txt")]
    found = 0
    for path in paths:
        norm = read_input(path.read_bytes()).norm
        spans = _spans(deadlines._DEADLINE_RE, norm)
        assert spans == _spans(ALTERNATIVES, norm), path.name
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
