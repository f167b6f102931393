"""The one lexer of outline markers, and the labels and vocabularies beside it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from tests.test_text_numerals import chinese

from zwgk._text.labels import normalize_label
from zwgk._text.numbering import MarkerKind, markers
from zwgk._text.vocab import alternation

_FORMS = {
    MarkerKind.PART: lambda n: f"第{chinese(n)}部分",
    MarkerKind.ARTICLE: lambda n: f"第{chinese(n)}条",
    MarkerKind.CN: lambda n: f"{chinese(n)}、",
    MarkerKind.CN_PAREN: lambda n: f"（{chinese(n)}）",
    MarkerKind.ARABIC: lambda n: f"{n}.",
    MarkerKind.ARABIC_PAREN: lambda n: f"({n})",
    MarkerKind.CIRCLED: lambda n: "①②③④⑤⑥⑦⑧⑨⑩"[n - 1],
}
_prose = st.text(alphabet="推进公开工作清单任务落实的和", min_size=1, max_size=12)


@given(st.lists(st.tuples(st.sampled_from(list(_FORMS)), st.integers(1, 10), _prose), max_size=12))
def test_every_marker_is_found_and_its_span_reads_back(
    items: list[tuple[MarkerKind, int, str]],
) -> None:
    text = ""
    expected: list[tuple[MarkerKind, int, str]] = []
    for kind, n, prose in items:
        printed = _FORMS[kind](n)
        expected.append((kind, n, printed))
        text += " " + printed + prose
    found = markers(text)
    assert [(m.kind, m.value, text[m.start : m.end]) for m in found] == expected


def test_levels_nest_in_outline_order() -> None:
    found = markers("第一部分 一、 （一） 1. （1） ①")
    assert [m.level for m in found] == sorted(m.level for m in found)
    assert [m.label for m in found] == ["第一部分", "一", "(一)", "1", "(1)", "①"]


def test_not_markers() -> None:
    assert markers("2019.1 3.5万 一二、 v2. 第3号") == []


@given(
    st.sampled_from(["1、", "(一)", "一、", "①", "其中:", "其中:1、"]),
    st.text("申请数受理件", min_size=1),
)
def test_labels_lose_numbering_only(prefix: str, label: str) -> None:
    assert normalize_label(prefix + label) == label


def test_alternation_prefers_the_longest() -> None:
    assert alternation(["局", "管理局", "局"]) == "(?:管理局|局)"
