"""HTML pages: tables become grids (rowspan and colspan expanded); spans point into the page."""

from __future__ import annotations

import html
import itertools
import re
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from typing import SupportsIndex

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import strategies
from tests.strategies import reports

import zwgk
from zwgk._parse import html as html_module
from zwgk._parse.html import (
    _Markup,
    _span_number,
    html_to_text,
    looks_like_html,
    map_spans,
    span_mapper,
)
from zwgk._parse.text import _TABLE, _TOKEN_CHANGES, normalize, read_input


def _html_report(report: zwgk.AnnualReport) -> str:
    """An HTML page for a generated f2021 report: 表三 with its label cells spanned."""
    tree = zwgk.indicator_tree("f2021")
    t3 = tree.table("t3")
    cells = {(c.indicator, c.column): c for c in report.cells()}
    rows = [
        '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，'
        '等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>',
        '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td>'
        '<td rowspan="2">总计</td></tr>',
        "<tr>" + "".join(f"<td>{c.label}</td>" for c in t3.columns[1:6]) + "</tr>",
    ]
    leaves = [r for r in t3.walk() if not r.children]
    results = t3.find("results")
    assert results is not None
    result_leaves = [r for r in leaves if t3.parent_of(r.id) is not None]
    for row in leaves:
        labels = []
        if row is result_leaves[0]:
            labels.append(f'<td rowspan="{len(result_leaves)}">{results.label}</td>')
        parent = t3.parent_of(row.id)
        span = 3 if parent is None else 2
        if parent is not None and parent.id != "results":
            labels.append(f"<td>{parent.label}</td>")
            span = 1
        labels.append(f'<td colspan="{span}">{row.label}</td>')
        values = "".join(
            f"<td>{html.escape(cells[(row.id, c.id)].raw) or '&nbsp;'}</td>" for c in t3.columns
        )
        rows.append("<tr>" + "".join(labels) + values + "</tr>")
    body = "\n".join(rows)
    return (
        "<html><head><style>td {border: 1px}</style><script>var x = '<td>9</td>';</script></head>"
        f"<body><h1>{report.title}</h1><p>三、收到和处理政府信息公开申请情况</p>"
        f"<table border=1>\n{body}\n</table></body></html>"
    )


@given(reports("f2021", consistent=False))
def test_html_tables_read_back(report: zwgk.AnnualReport) -> None:
    page = _html_report(report)
    back = zwgk.parse(page)
    assert isinstance(back, zwgk.AnnualReport)
    want = {(c.indicator, c.column): (c.token_class, c.value) for c in report.tables[1].cells}
    got = {(c.indicator, c.column): (c.token_class, c.value) for c in back.cells()}
    assert got == want
    for cell in back.cells():
        assert cell.span is not None
        if cell.token_class is not zwgk.TokenClass.BLANK:
            assert html.unescape(page[cell.span.start : cell.span.end]) == cell.raw


def test_looks_like_html() -> None:
    assert looks_like_html("<html><body><p>年度报告</p></body></html>")
    assert not looks_like_html("3 < 5 and 6 > 2")


def test_text_offsets_point_into_the_page() -> None:
    page = "<p>规章&amp;文件</p><table><tr><td rowspan=2>甲</td><td>1</td></tr><tr><td>2</td></tr></table>"
    text, offsets = html_to_text(page)
    assert text.splitlines() == ["规章&文件", "| 甲 | 1 |", "| 甲 | 2 |"]
    assert page[offsets[text.index("&")]] == "&"
    assert page[offsets[text.index("2")]] == "2"
    first, second = (i for i, ch in enumerate(text) if ch == "甲")
    assert offsets[first] == offsets[second] == page.index("甲")


@pytest.mark.parametrize("page", ["<table>", "<td>1</td></tr>", "<table><tr><td colspan=x>1"])
def test_broken_html_does_not_raise(page: str) -> None:
    assert zwgk.parse(page * 3).kind in zwgk.DocumentKind


def _page_from_markdown(title: str, markdown: str) -> str:
    """The page a site would serve for ``markdown``: pipe tables as <table>, the rest as <p>."""
    out = [f"<html><body><div>首页 &gt; 政务公开</div><h1>{html.escape(title)}</h1>"]
    in_table = False
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not line.strip("|-: "):
                continue  # the rule under a header
            if not in_table:
                out.append("<table border=1>")
                in_table = True
            cells = (html.escape(c.strip()) for c in line.strip().strip("|").split("|"))
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        out.append(f"<p>{html.escape(line)}</p>")
    out.append("</table></body></html>" if in_table else "</body></html>")
    return "\n".join(out)


@pytest.mark.parametrize("key", ["005", "006", "007", "008", "009", "010", "011"])
def test_corpus_tables_read_back_from_html(corpus_texts: dict[str, str], key: str) -> None:
    # Each table is its own <table> between paragraphs, as sites publish them; the blank
    # lines after a table once made the reader loop forever.
    report = zwgk.parse(corpus_texts[key])
    assert isinstance(report, zwgk.AnnualReport)
    page = _page_from_markdown(report.title, zwgk.render(report, style="markdown"))
    back = zwgk.parse(page.encode("utf-8"))
    assert isinstance(back, zwgk.AnnualReport)
    want = {c.key: c.raw for c in report.cells() if c.value is not None}
    assert {c.key: c.raw for c in back.cells() if c.key in want} == want


@pytest.mark.parametrize(
    "page",
    [
        "<p>1</p><p>2</p><p>3</p><![ ",
        "<p>1</p><p>2</p><p>3</p><![CD[x]]>",
        "<p>1</p><p>2</p><p>3</p><![if !supportLists]>",
        "<p>1</p><p>2</p><p>3</p><!",
    ],
)
def test_malformed_marked_sections_parse(page: str) -> None:
    # The standard library's HTML parser raised AssertionError on these.
    assert zwgk.parse(page).kind is zwgk.DocumentKind.OTHER


def test_word_conditional_sections_are_skipped_like_browsers_do() -> None:
    page = "<p>a</p><![if !supportLists]>1.<![endif]>标题<![CDATA[x]]><p>b</p><p>c</p>"
    assert html_to_text(page)[0] == "a\n1.标题\nb\nc\n"


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("2", 2),
        (" +3px", 3),
        ("१०००", 1),
        ("١٠", 1),
        ("0", 1),
        ("-4", 1),
        ("x", 1),
        ("9" * 5000, 1000),
    ],
)
def test_span_attributes_count_ascii_digits_only(value: str, span: int) -> None:
    # colspan=१००० once counted as 1000.
    assert _span_number(value) == span


def test_rowspan_stops_at_the_last_row() -> None:
    page = "<table><tr><td rowspan=50>x</td><td>1</td></tr><tr><td>2</td></tr></table>"
    assert html_to_text(page)[0] == "| x | 1 |\n| x | 2 |\n"


def test_ordinary_spans_still_expand() -> None:
    page = "<table><tr><td colspan=3>申请人情况</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"
    assert html_to_text(page)[0] == "| 申请人情况 | 申请人情况 | 申请人情况 |\n| 1 | 2 | 3 |\n"


def _spanned_cell(n: int) -> str:  # one cell spanning n × n positions (was n² work)
    return f"<p>a</p><p>b</p><table><tr><td rowspan={n} colspan={n}>x</td></tr></table>"


def _spanned_tables(n: int) -> str:  # n tables of one 1000 × 1000 cell each
    return "<p>a</p><p>b</p>" + "<table><tr><td rowspan=1000 colspan=1000>x</td></tr></table>" * n


def _ragged(n: int) -> str:  # one row of n cells, then n rows of one cell (was n²)
    return "<table><tr>" + "<td>1</td>" * n + "</tr>" + "<tr><td>1</td></tr>" * n + "</table>"


def _nested(n: int) -> str:  # six levels of colspan=10 around n cells (was 10⁶ × n)
    inner = "<table><tr>" + "<td>1</td>" * n + "</tr></table>"
    return "<p>a</p><p>b</p>" + "<table><tr><td colspan=10>" * 6 + inner + "</td></tr></table>" * 6


def _wide_spans(n: int) -> str:  # n rows whose cells span 2 columns and 2 rows
    row = "<tr>" + "<td colspan=2 rowspan=2>1</td>" * 8 + "</tr>"
    return "<table>" + row * n + "</table>"


@pytest.mark.parametrize("shape", [_spanned_cell, _spanned_tables, _ragged, _nested, _wide_spans])
def test_html_expansion_is_linear(shape: Callable[[int], str]) -> None:
    # The text written for an HTML page grows at most linearly with the page (work is
    # proportional to it: every grid position written is a character of the text).
    sizes = [len(html_to_text(shape(n))[0]) for n in (200, 400, 800, 1600)]
    assert all(b <= 2.5 * a for a, b in itertools.pairwise(sizes)), sizes
    assert sizes[-1] <= 8 * len(shape(1600)) + 1000


def _spans(obj: object) -> list[zwgk.Span]:
    found: list[zwgk.Span] = []
    map_spans(obj, lambda s: found.append(s) or s)  # type: ignore[func-returns-value]
    return found


@given(strategies.documents)
def test_map_spans_changes_every_span_and_nothing_else(doc: zwgk.AnyDocument) -> None:
    # Each span moved by 7 and moved back gives the document again; objects without a span
    # are shared, not copied.
    before = _spans(doc)
    moved = map_spans(doc, lambda s: zwgk.Span(s.start + 7, s.end + 7))
    assert [(s.start, s.end) for s in _spans(moved)] == [(s.start + 7, s.end + 7) for s in before]
    assert map_spans(moved, lambda s: zwgk.Span(s.start - 7, s.end - 7)) == doc
    assert map_spans(doc, lambda s: s) is doc


_NORMALIZED = st.text(
    alphabet=st.sampled_from(sorted({*map(chr, _TABLE), *_TABLE.values(), "a", "中", "，"}))
)


@given(_NORMALIZED)
def test_normalize_maps_each_character_by_the_table(text: str) -> None:
    assert normalize(text) == text.translate(_TABLE)


@given(_NORMALIZED)
def test_the_input_knows_whether_it_prints_a_character_normalized_into_a_token(text: str) -> None:
    src = read_input(text)  # line ends made \n: ``src.text`` is what is normalized
    assert src.norm == normalize(src.text)
    assert src.token_changes == any(c in _TOKEN_CHANGES for c in src.text)


@given(st.lists(st.integers(0, 44), max_size=40), st.data())
def test_a_span_maps_to_the_hull_of_its_page_offsets(
    offsets: list[int], data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(offsets) + 2))
    end = data.draw(st.integers(start, len(offsets) + 3))
    moved = span_mapper(offsets, 45)(zwgk.Span(start, end))
    first, last = min(start, len(offsets) - 1), min(end, len(offsets))
    if not offsets:
        assert moved == zwgk.Span(0, 0)
    elif last <= first:
        assert moved == zwgk.Span(offsets[first], offsets[first])
    else:
        covered = offsets[first:last]
        assert moved == zwgk.Span(min(covered), min(max(covered) + 1, 45))


# --- reading the markup: as the standard library's html.parser reads it ------------------

_PIECES = [
    *("<", ">", "/", "</", "<!--", "-->", "--", "<!", "<![", "<?", "&", "&#", "&amp;", "&#12;"),
    *("&#x1f;", "&nbsp", "&#12", ";", "'", '"', "=", " ", "\n", "\t", "\xa0", "\v", "\x00"),
    *("a", "td", "table", "script", "class", "nav", "rowspan", "2", "中文", "<td>", "</td>"),
    *("<tr>", "<table>", "</table>", "<p>", "<br/>", "<br />", "<script>", "</script>"),
    *("</SCRIPT >", "<style>", "</style>", "<div class=nav>", "<div id='a&amp;b'>", "</div>"),
    *("<td colspan=2>", "<td rowspan='2' >", "<a href=/x/>", "<a b c=d>", "<a b==c>"),
    *("<!doctype html>", "<o:p>", "</o:p>", "<p/>", "<A HREF=x>", "<\n", "&a", "&#x", "<a/b>"),
]


class _StdlibEvents(HTMLParser):
    """The events of the standard library's reading (Word's ``<![if …]>`` read as browsers do)."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0] + [i + 1 for i, ch in enumerate(page) if ch == "\n"]
        self.events: list[tuple[object, ...]] = []

    def at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", self.at(), tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", self.at(), tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self.at(), data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("entity", self.at(), name))

    def handle_charref(self, name: str) -> None:
        self.events.append(("char", self.at(), name))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1


class _Events(_Markup):
    def __init__(self, page: str) -> None:
        super().__init__(page)
        self.events: list[tuple[object, ...]] = []

    def handle_starttag(self, tag: str) -> None:
        self.events.append(("start", self.at, tag, self.attributes()))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", self.at, tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", self.at, data))

    def handle_entityref(self, name: str) -> None:
        self.events.append(("entity", self.at, name))

    def handle_charref(self, name: str) -> None:
        self.events.append(("char", self.at, name))


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="html.parser reads otherwise since")
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_markup_reads_as_the_standard_library_reads_it(page: str) -> None:
    want = _StdlibEvents(page)
    want.feed(page)
    want.close()
    got = _Events(page)
    got.read()
    assert got.events == want.events
    assert got.at == want.at()


class _CountingPage(str):
    """A page that counts the characters its ``find`` calls look at."""

    looked = 0

    def find(
        self, sub: str, start: SupportsIndex | None = None, *args: SupportsIndex | None
    ) -> int:
        found = super().find(sub, start, *args)
        _CountingPage.looked += (len(self) if found < 0 else found) - (start or 0)  # type: ignore[operator]
        return found


class _CountingPattern:
    """A pattern that counts the characters its ``search`` calls look at."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.looked = 0

    def search(self, text: str, start: int = 0) -> re.Match[str] | None:
        found = self.pattern.search(text, start)
        self.looked += (len(text) if found is None else found.end()) - start
        return found


@pytest.mark.parametrize(
    "unit", ["<!-- x", "</x ", "<!x ", "<?x ", "<![x ", "<!doctype x ", "<a b='x' ", "&#x;"]
)
def test_unclosed_markup_is_searched_once(monkeypatch: pytest.MonkeyPatch, unit: str) -> None:
    # Markup never closed (a comment, a tag without its ">") is read as text; the search
    # for its end is made once, not once per opening (which was quadratic).
    comments = _CountingPattern(html_module._COMMENT_CLOSE)
    monkeypatch.setattr(html_module, "_COMMENT_CLOSE", comments)
    for n in (1000, 4000):
        _CountingPage.looked = comments.looked = 0
        page = _CountingPage("<p>a</p>" + unit * n)
        html_to_text(page)
        assert _CountingPage.looked + comments.looked <= 4 * len(page) + 100


class _CountingMatches:
    """A pattern that counts its ``match`` calls."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, text: str, start: int = 0) -> re.Match[str] | None:
        self.calls += 1
        return self.pattern.match(text, start)


@pytest.mark.parametrize("unit", ["<a b c ", "<a b='x ", '<a b="<a c=" d ', "<a<a b "])
def test_start_tags_never_closed_read_their_attributes_once(
    monkeypatch: pytest.MonkeyPatch, unit: str
) -> None:
    # A tag without its ">" runs on through all that reads as its attributes, and is then
    # text; the next tag starts inside what it ran through.  Each attribute is read once
    # (once per tag was quadratic: 16 s for 8,000 of them).
    steps = _CountingMatches(html_module._ATTRIBUTE_STEP)
    monkeypatch.setattr(html_module, "_ATTRIBUTE_STEP", steps)
    for n in (1000, 4000):
        steps.calls = 0
        text = html_to_text("<p>a</p>" + unit * n)[0]
        assert steps.calls <= 8 * n + 10
        assert text.startswith("a\n<a")


def test_a_page_of_many_tags_reads_in_one_pass() -> None:
    page = "<div class='x'><p>1</p>" * 20_000 + "</div>" * 20_000
    text, offsets = html_to_text(page)
    assert text == "1\n" * 20_000
    assert offsets[-2] == page.rindex("1")
