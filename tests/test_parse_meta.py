"""Page metadata (`zwgk._parse.meta`): ``label: value`` pairs read by one pattern."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from zwgk._parse.meta import _META, META_LABELS, metadata_fields, signatures

_LABELS = sorted({label for labels in META_LABELS.values() for label in labels}, key=len)
_ALTERNATION = "|".join(
    " *".join(map(re.escape, label)) for label in sorted(_LABELS, key=len, reverse=True)
)
# The labels as the plain grammar states them: after no Chinese character, 来源 after 日,
# or at a line's start before a blank.
_PLAIN = re.compile(
    rf"(?<![\u4e00-\u9fff])(?:{_ALTERNATION}) *:[ ]*|(?<=日)来源 *:[ ]*"
    rf"|(?:^|(?<=\n))(?:{_ALTERNATION})[ ]+(?=[^ \n])"
)


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Labels, spaced or not, each between the characters that decide whether it is one."""
    pieces = []
    for _ in range(draw(st.integers(0, 6))):
        label = draw(st.sampled_from(_LABELS))
        if draw(st.booleans()):
            label = " ".join(label)
        before = draw(st.sampled_from(["", "日", "号", "a", "\n", " ", "\n "]))
        after = draw(st.sampled_from(["", ":", " : ", "  ", " x", "\n", " \n"]))
        pieces.append(before + label + after)
    return "".join(pieces)


@given(pages())
@example("日来源: X 日来 源: Y 号来源: Z\n来源 W")
@example("号发布时间:1 a发 布 时 间 : 2\n名 称  3\n名称\n 索引号:4")
def test_the_labels_are_those_of_the_plain_grammar(text: str) -> None:
    assert [m.span() for m in _META.finditer(text)] == [m.span() for m in _PLAIN.finditer(text)]


@given(pages())
def test_each_field_names_the_label_printed(text: str) -> None:
    for field in metadata_fields(text):
        start = text.rfind(field.label[0], 0, field.start)
        assert _LABELS.count(field.label) == 1
        assert "".join(text[start : field.start].split()).rstrip(":") == field.label


@given(
    st.sampled_from(["", "（盖章）", "某某", "a", "。", "\n", "：", "(", "x)"]),
    st.sampled_from(["沈阳市工商局", "沈阳市人民政府办公室", "沈阳市和平区" * 7 + "工商局"]),
    st.sampled_from(["", " ", "\n", " \n  "]),
)
def test_a_signature_is_the_run_of_name_characters_before_its_date(
    before: str, organ: str, gap: str
) -> None:
    text = f"特此报告。{before}{organ}{gap}2018年3月1日"
    date_at = text.index("2018")
    end = len(text[:date_at].rstrip(" \n"))
    # The run read a character at a time: at most 40 name characters before the date.
    begin = end
    while begin > max(0, end - 40) and re.match(r"[\u4e00-\u9fff()]", text[begin - 1]):
        begin -= 1
    run = text[begin:end]
    org = run[max(run.rfind(")"), run.rfind("(")) + 1 :].strip()
    found = signatures(text)
    assert [s.org for s in found] == ([org] if org.endswith(("局", "办公室")) else [])
    assert all(text[s.start : s.start + len(s.org)] == s.org for s in found)
