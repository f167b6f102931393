"""The one lexer of outline markers, and the labels and vocabularies beside it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_text_numerals import chinese

from zwgk._text.labels import normalize_label
from zwgk._text.numbering import (
    MARKER_RE,
    ROW_NUMBERING,
    MarkerKind,
    TreeNode,
    TreePolicy,
    _forms,
    build_tree,
    leading_marker,
    marker_pattern,
    markers,
)
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


@given(st.sampled_from(list(_FORMS)), st.integers(1, 10), _prose)
def test_readers_patterns_are_the_lexers_forms(kind: MarkerKind, n: int, prose: str) -> None:
    printed = _FORMS[kind](n)
    assert re.fullmatch(marker_pattern(kind), printed)
    others = [k for k in MarkerKind if k is not kind]
    assert not re.fullmatch(marker_pattern(*others), printed)
    assert leading_marker(" " + printed + prose) == printed
    assert leading_marker(prose + printed) is None


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


_LEVEL_FORMS = (
    lambda n: f"{chinese(n)}、",
    lambda n: f"({chinese(n)})",
    lambda n: f"{n}.",
    lambda n: f"({n})",
)

# A nested outline: each item has a level-deeper list of children.
_outlines = st.recursive(
    st.just([]),
    lambda kids: st.lists(kids, min_size=1, max_size=4),
    max_leaves=25,
)


def _print(items: list[Any], level: int, out: list[str], shape: list[Any]) -> None:
    for n, kids in enumerate(items, 1):
        out.append(" " + _LEVEL_FORMS[level](n) + "工作任务")
        sub: list[Any] = []
        shape.append((level + 1, n, sub))
        if level < 3:
            _print(kids, level + 1, out, sub)


def _shape(nodes: list[TreeNode]) -> list[Any]:
    return [(n.level, n.marker.value, _shape(n.children)) for n in nodes]


@given(_outlines)
def test_a_well_numbered_outline_is_read_whole(items: list[Any]) -> None:
    out: list[str] = []
    shape: list[Any] = []
    _print(items, 0, out, shape)
    text = "".join(out)
    found = markers(text)
    tree = build_tree(found, len(text))
    assert _shape(tree) == shape
    assert sum(1 for root in tree for _ in root.walk()) == len(found)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 6)), max_size=30))
def test_the_tree_never_loses_or_invents_a_marker(items: list[tuple[int, int]]) -> None:
    text = "".join(" " + _LEVEL_FORMS[level](n) + "内容" for level, n in items)
    found = markers(text)
    tree = build_tree(found, len(text), TreePolicy(across_parents=True))
    nodes = [n for root in tree for n in root.walk()]
    # Every node is a marker given, in printed order; nested spans hold their children.
    assert [n.marker for n in nodes] == [m for m in found if any(m is n.marker for n in nodes)]
    for node in nodes:
        for child in node.children:
            assert node.marker.start < child.marker.start
            assert child.end <= node.end
    # A marker refused lies inside the text of an accepted one or before the first.
    for m in found:
        if not any(m is n.marker for n in nodes) and nodes:
            assert m.start < nodes[0].marker.start or any(
                n.marker.start < m.start < n.end for n in nodes
            )


@pytest.mark.parametrize(
    ("label", "numbering"),
    [("其中：1．网站公开", "其中：1．"), ("其中1网站公开", "其中1"), ("2、传真申请数", "2、"),
     ("252.网站", None), ("0.5万元", None), ("主动公开", None)],
)  # fmt: skip
def test_row_numbering_of_old_local_tables(label: str, numbering: str | None) -> None:
    m = re.match(ROW_NUMBERING, label)
    assert (m.group(0) if m and m.group(0) else None) == numbering


@given(
    st.lists(
        st.sampled_from(list("第一二十百零两部分章条(（)）、,.．0123 ①⑳aZ\n公")), max_size=30
    ).map("".join)
)
def test_the_scan_pattern_reads_what_the_printed_forms_read(text: str) -> None:
    # MARKER_RE reads a marker's first character before its form: the same matches and
    # numeral groups as the forms written out one by one.
    printed = re.compile("|".join(_forms(named=True).values()))
    assert [(m.span(), m.lastgroup) for m in MARKER_RE.finditer(text)] == [
        (m.span(), m.lastgroup) for m in printed.finditer(text)
    ]
