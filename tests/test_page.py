"""Raw web pages: metadata from the page, furniture left out, headings inside tables as lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import zwgk
from zwgk._parse.page import _PageConverter, is_furniture, page_to_text

HTML = Path(__file__).parent / "corpus" / "dev" / "html"
PAGES = sorted(p.name[:3] for p in HTML.glob("[0-9]*.html"))


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_meta_tags_give_title_and_date_before_the_title_tag() -> None:
    page = _page(
        "<p>正文</p><p>2021年1月13日</p>",
        '<title>春运工作方案_部门文件_某某网站</title><meta name="ArticleTitle" '
        'content="关于印发春运工作方案的通知"><meta name="PubDate" content="2021-01-14 17:02">',
    )
    doc = zwgk.parse(page)
    assert (doc.title, doc.published) == ("关于印发春运工作方案的通知", dt.date(2021, 1, 14))
    # The title's characters point at the meta tag's content in the page.
    text, offsets = page_to_text(page)
    at = text.index("关于印发")
    assert page[offsets[at] : offsets[at] + 4] == "关于印发"


def test_the_last_content_of_the_first_meta_tag_of_a_name_is_read() -> None:
    page = _page(
        "<p>正文</p>",
        '<meta name="keywords" content="x"><meta content=\'2020-01-01\' NAME="pubdate" '
        "content=2021-02-03><meta name=PubDate content=2022-01-01>",
    )
    text, offsets = page_to_text(page)
    assert text.splitlines()[0] == "发布时间: 2021-02-03"
    at = text.index("2021")
    assert page[offsets[at] : offsets[at] + 10] == "2021-02-03"


@pytest.mark.parametrize("cut", ["_", " - ", "|", "｜"])
def test_title_tag_loses_its_site_and_channel_suffix(cut: str) -> None:
    page = _page(
        "<p>正文</p>", f"<title>关于做好政务公开工作的通知{cut}通知公告{cut}某某网</title>"
    )
    assert zwgk.parse(page).title == "关于做好政务公开工作的通知"


@pytest.mark.parametrize("label", ["发布时间：", "时间：", "发布日期:"])
def test_date_line_of_the_page_without_meta(label: str) -> None:
    page = _page(
        f"<div><span>成文时间：2019-03-01</span><span>{label}2019-03-29 10:00</span></div>"
        "<p>正文内容</p>"
    )
    assert zwgk.parse(page).published == dt.date(2019, 3, 29)


def test_furniture_is_left_out() -> None:
    page = _page(
        '<div class="header menu_hov"><a>首页</a><a>政务公开</a></div>'
        '<nav><a>发布时间：2000-01-01</a></nav><div class="share_box">微信 微博</div>'
        '<div class="search_top"><input class="search_input"><span>热门搜索</span></div>'
        "<div class=article><p>正文第一段</p><p>正文第二段</p></div>"
        '<div class="footer">版权所有</div><script>var x = "首页";</script>'
    )
    text, _ = page_to_text(page)
    assert "正文第一段\n正文第二段" in text
    for gone in ("首页", "政务公开", "微信", "热门搜索", "版权所有", "2000"):
        assert gone not in text


@given(st.sampled_from(["nav", "share", "menu", "breadcrumb", "footer"]), st.text(max_size=30))
def test_an_unclosed_furniture_element_never_raises(word: str, tail: str) -> None:
    page = f'<html><body><div class="{word}_x"><p>甲</p>{tail}'
    assert isinstance(page_to_text(page)[0], str)


class _EveryTagAsked(_PageConverter):
    """The page reader that reads every tag's attributes (none shared by tag text, none
    passed over for the text they are read from)."""

    def tag_text(self) -> str:
        return str(self.at)

    def _furniture_attributes(self, tag: str) -> bool:
        return is_furniture(tag, self.attributes())


_NAMES = st.sampled_from(["class", "CLASS", "id", "role", "rowspan", "ColSpan", "x", "cl&#97;ss"])
_VALUE = st.lists(
    st.sampled_from(["2", "3x", "nav", "NAV", "&#110;av", "lin\u212as", "&amp;", "body", ""]),
    max_size=2,
).map("_".join)
_ATTRIBUTE = st.tuples(_NAMES, st.sampled_from(["=", '="', "='", " = ", ""]), _VALUE).map(
    lambda a: a[0] + (a[1] + a[2] + a[1].strip(" =") if a[1] else "")
)


_ATTRIBUTES = st.lists(_ATTRIBUTE, max_size=4).map(" ".join)


@given(_ATTRIBUTES, _ATTRIBUTES)
@example("colspan=2", "colspan=3")
@example('class="&#110;av"', 'class="&#110;"')
@example("x=1 ID=lin\u212as", "x=1 ID=lin")
def test_attributes_read_once_per_tag_text_decide_as_when_read_each_time(a: str, b: str) -> None:
    # What a tag's attributes decide (furniture, spans) is decided once per tag text.
    page = (
        f"<div {a}><p>甲</p></div><table><tr><td {a}>1</td><td {b}>2</td></tr>"
        f"<tr><th {b}>3</th><td {a}>4</td></tr></table><ul {b}><li>乙</li></ul>"
        f"<ul {a}/><ul  {a}><li>丙</li></ul><p>丁</p>"
    )
    quick, full = _PageConverter(page), _EveryTagAsked(page)
    quick.read()
    full.read()
    assert (quick.out, quick.dropped) == (full.out, full.dropped)


class _HandlersOnly(_PageConverter):
    """The page reader with every token of a hidden element, and every end tag, sent to
    the handlers."""

    END_TAGS_HANDLED = None

    def _pass_hidden(self, i: int, stop: int) -> int:
        return i


_PAGE_PIECES = [
    *("<nav>", "</nav>", "<div class=nav>", "<div>", "</div>", "<DIV/>", "<nav/>", "<p>"),
    *("</p>", "<script>", "</script>", "<noscript>", "</noscript>", "<style>x</style>"),
    *("<script class=nav>", "<td>", "<table>", "</table>", "<!-- </nav> -->", "<", "&", ">"),
    *("&amp;", "&#12;", "&nbsp", " ", "\n", "甲 乙 ", "1", "<br/>", "<a b='</nav>'>", "</ nav >"),
    *("<pre>", "</pre>", "<article>", "</ARTICLE>", "<header>", "</header>", "<span>", "</span>"),
    *("</td>", "</tr>", "<main>", "</main>", "</b>"),
]


@given(st.lists(st.sampled_from(_PAGE_PIECES), max_size=30).map("".join))
@example("<div class=nav><div>甲</div>乙</div>丙<div/>丁")
@example("<nav><script>x</nav></script>甲</nav>乙<noscript><nav>丙</nav>丁")
@example("<script class=nav>甲</script>乙<nav><DIV/><nav/>丙 </ nav >丁</nav>戊")
@example("<nav><!-- </nav> -->甲&amp;<a b='</nav>'>< 乙</nav>丙")
@example("<article><header>甲</header></span></article><header>乙</header><pre> 丙\n 丁</pre>戊")
@example("<table><td>甲</b><td>乙</td></tr><td>丙</table>")
@example("<main><header>甲</header></main><header>乙</header>丙")
def test_tokens_read_past_are_read_as_their_handlers_read_them(page: str) -> None:
    # The usual tokens inside left-out furniture, and end tags no handler acts on, are read
    # past without handler calls: the text, the offsets and the count of characters left
    # out stay what the handlers give.
    quick, full = _PageConverter(page), _HandlersOnly(page)
    quick.read()
    full.read()
    assert (quick.out, quick.dropped, quick.hidden) == (full.out, full.dropped, full.hidden)


def test_is_furniture() -> None:
    assert is_furniture("div", [("role", "navigation")])
    assert is_furniture("ul", [("id", "friendLinks"), ("class", "list")]) is False
    assert is_furniture("ul", [("class", "out_links")])
    assert not is_furniture("div", [("class", "TRS_Editor")])


def test_markup_white_space_is_one_space() -> None:
    # An info table printing its labels and values on separate source lines.
    page = _page(
        "<ul><li>索&ensp;引&ensp;号：\n      <font>PZ00101-3000-2013-00002</font>\n   </li>"
        "<li>发文字号：\n <font>闽岚综实管综〔2013〕1号</font></li></ul><p>正文</p>"
    )
    doc = zwgk.parse(page)
    assert (doc.index_no, doc.doc_no) == ("PZ00101-3000-2013-00002", "闽岚综实管综〔2013〕1号")


def test_wrapped_cell_text_joins_without_a_space() -> None:
    page = _page(
        "<table><tr><td><p>计量</p><p>单位</p></td><td>Total<br>count</td>"
        "<td>省食品药品<br>监管局</td></tr></table>"
    )
    assert page_to_text(page)[0].strip() == "| 计量单位 | Total count | 省食品药品监管局 |"


def test_a_row_spanning_the_table_is_a_heading_line() -> None:
    page = _page(
        "<table><tr><td>工作任务</td><td>牵头单位</td></tr>"
        '<tr><td colspan="2">一、围绕深化改革推进公开</td></tr>'
        "<tr><td>1.公开权力清单</td><td>省编办</td></tr></table>"
    )
    lines = page_to_text(page)[0].split("\n")
    assert lines[:3] == [
        "| 工作任务 | 牵头单位 |",
        "一、围绕深化改革推进公开",
        "| 1.公开权力清单 | 省编办 |",
    ]


def test_a_numbered_group_column_becomes_headings() -> None:
    page = _page(
        "<p>关于印发2022年政务公开工作主要任务分解表的通知</p>"
        "<table><tr><td>工作任务</td><td>工作要求</td><td>牵头单位</td></tr>"
        '<tr><td rowspan="2">一、加强涉及市场主体的信息公开</td>'
        "<td>1.增强政策透明度。</td><td>区财政金融局</td></tr>"
        "<tr><td>2.加大帮扶政策公开力度。</td><td>区经济发展局</td></tr>"
        "<tr><td>二、加强减税降费信息公开</td><td>3.推送减税降费政策。</td><td>区税务局</td></tr>"
        "</table>"
    )
    text, offsets = page_to_text(page)
    assert text.strip().split("\n")[1:] == [
        "| 工作要求 | 牵头单位 |",
        "一、加强涉及市场主体的信息公开",
        "| 1.增强政策透明度。 | 区财政金融局 |",
        "| 2.加大帮扶政策公开力度。 | 区经济发展局 |",
        "二、加强减税降费信息公开",
        "| 3.推送减税降费政策。 | 区税务局 |",
    ]
    at = text.index("一、加强")
    assert page[offsets[at] : offsets[at] + 4] == "一、加强"
    doc = zwgk.parse(page)
    assert isinstance(doc, zwgk.WorkPoints)
    assert [t.path for t in doc.walk_tasks()] == [
        ("一",),
        ("一", "1"),
        ("一", "2"),
        ("二",),
        ("二", "3"),
    ]


def test_a_repeated_first_column_without_numbers_stays_a_column() -> None:
    page = _page(
        "<table><tr><td>类别</td><td>事项</td></tr>"
        '<tr><td rowspan="2">行政许可</td><td>甲</td></tr><tr><td>乙</td></tr></table>'
    )
    assert page_to_text(page)[0].strip().split("\n") == [
        "| 类别 | 事项 |",
        "| 行政许可 | 甲 |",
        "| 行政许可 | 乙 |",
    ]


# ---- the real pages behind the Pingtan texts ------------------------------------------

#: Cells the flattened text leaves open (digit runs no identity splits) and the page's
#: table prints one per cell: the page is right there, the text form is not.
PAGE_FILLS = {"005": 18, "007": 2}

#: Lead units where the page and the text form differ, and why.
LEADS_APART = {
    # 012: task 10's lead cell is empty on the page, where the text form takes 省公安厅
    # from 「省公安厅会同…」 (省应急办 / 省政府新闻办, one per line in one cell, split since).
    "012": 1,
    # 026: the page sets 「1.区经济发展局：…」 apart, so each item names its unit; the flat text
    # does not.
    "026": 4,
}

#: Document numbers the page prints under its title and the scraped text leaves out.
PAGE_DOC_NO = {"012": "闽政办〔2016〕83号", "022": "国办公开办函〔2019〕60号"}


@pytest.fixture(scope="module")
def pages(corpus_texts: dict[str, str]) -> dict[str, tuple[zwgk.AnyDocument, zwgk.AnyDocument]]:
    out = {}
    for key in PAGES:
        (path,) = HTML.glob(f"{key}_*.html")
        out[key] = (zwgk.parse(corpus_texts[key]), zwgk.read(path))
    return out


@pytest.mark.parametrize("key", PAGES)
def test_page_metadata_equals_the_text_form(
    pages: dict[str, tuple[zwgk.AnyDocument, zwgk.AnyDocument]], key: str
) -> None:
    text, page = pages[key]
    assert (page.kind, page.title, page.published, page.index_no, page.doc_no) == (
        text.kind,
        text.title,
        text.published,
        text.index_no,
        PAGE_DOC_NO.get(key, text.doc_no),
    )
    assert page.title
    assert "_" not in page.title


@pytest.mark.parametrize("key", [k for k in PAGES if k <= "007"])
def test_page_cells_equal_the_text_form(
    pages: dict[str, tuple[zwgk.AnyDocument, zwgk.AnyDocument]], key: str
) -> None:
    text, page = pages[key]
    assert isinstance(text, zwgk.AnnualReport)
    assert isinstance(page, zwgk.AnnualReport)
    want = {c.key: c.value for c in text.cells()}
    got = {c.key: c.value for c in page.cells()}
    assert {k: got.get(k) for k, v in want.items() if v is not None} == {
        k: v for k, v in want.items() if v is not None
    }
    filled = [k for k, v in want.items() if v is None and got.get(k) is not None]
    assert len(filled) == PAGE_FILLS.get(key, 0)


@pytest.mark.parametrize("key", [k for k in PAGES if "plan" in next(HTML.glob(f"{k}_*")).name
                                 or "workpoints" in next(HTML.glob(f"{k}_*")).name])  # fmt: skip
def test_page_tasks_and_leads_equal_the_text_form(
    pages: dict[str, tuple[zwgk.AnyDocument, zwgk.AnyDocument]], key: str
) -> None:
    text, page = pages[key]
    if not isinstance(text, zwgk.Plan):
        assert not isinstance(page, zwgk.Plan)  # 019: a plan's name on a notice page
        return
    assert isinstance(page, zwgk.Plan)
    want = {t.path: [u.name for u in t.lead] for t in text.walk_tasks()}
    got = {t.path: [u.name for u in t.lead] for t in page.walk_tasks()}
    assert list(got) == list(want)
    apart = [p for p in want if want[p] != got[p]]
    assert len(apart) == LEADS_APART.get(key, 0), apart


@pytest.mark.parametrize(
    "wrapper",
    [
        '<body class="nav-open"><form id="form1">{}</form></body>',
        '<body><div class="wrap nav-fixed">{}</div></body>',
        '<body><div class="menu">{}',  # never closed
    ],
)
def test_content_inside_a_furniture_like_wrapper_is_kept(wrapper: str) -> None:
    body = "<p>关于做好政务公开工作的通知</p>" + "<p>各单位：现将有关事项通知如下。</p>" * 40
    text, _ = page_to_text("<html>" + wrapper.format(body) + "</html>")
    assert text.count("各单位") == 40


def test_an_articles_own_header_is_kept() -> None:
    page = _page(
        "<header><a>首页</a></header><article><header><h1>关于做好政务公开工作的通知</h1>"
        "<p>发布时间：2020-05-06</p></header><p>正文</p><footer>来源：某某局</footer></article>"
        "<footer>版权所有</footer>"
    )
    text, _ = page_to_text(page)
    assert "首页" not in text
    assert "版权所有" not in text
    assert "来源：某某局" in text
    assert zwgk.parse(page).published == dt.date(2020, 5, 6)


def test_a_report_tables_chapter_rows_stay_rows() -> None:
    # 表三 of the 2021 form: 一、… spans the label columns, 三、… spans its result rows.
    page = _page(
        "<table><tr><td colspan=2>项目</td><td>总计</td></tr>"
        "<tr><td colspan=2>一、本年新收政府信息公开申请数量</td><td>5</td></tr>"
        "<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>3</td></tr>"
        "<tr><td>（二）部分公开</td><td>2</td></tr></table>"
    )
    assert page_to_text(page)[0].strip().split("\n") == [
        "| 项目 | 项目 | 总计 |",
        "| 一、本年新收政府信息公开申请数量 | 一、本年新收政府信息公开申请数量 | 5 |",
        "| 三、本年度办理结果 | （一）予以公开 | 3 |",
        "| 三、本年度办理结果 | （二）部分公开 | 2 |",
    ]


@given(breaks=st.sampled_from(["<br>", "<br/>", "<br><br>", "</p><p>"]))
def test_a_one_column_layout_table_is_text_and_keeps_the_table_inside(breaks: str) -> None:
    # Old sites put the whole article in a one-column table, its data table nested inside.
    page = _page(
        f"<table><tr><td><p>一、总体情况{breaks}本年度工作如下。{breaks}二、统计"
        "<table><tr><td>项目</td><td>总计</td></tr><tr><td>规章</td><td>5</td></tr></table>"
        f"{breaks}三、问题</p></td></tr></table>"
    )
    lines = [line for line in page_to_text(page)[0].split("\n") if line.strip()]
    assert lines == [
        "一、总体情况",
        "本年度工作如下。",
        "二、统计",
        "| 项目 | 总计 |",
        "| 规章 | 5 |",
        "三、问题",
    ]


def test_a_table_of_two_columns_stays_a_grid() -> None:
    page = _page(
        "<table><tr><td>规章</td><td>5</td></tr><tr><td>规范性文件</td><td>7</td></tr></table>"
    )
    assert page_to_text(page)[0].strip().split("\n") == ["| 规章 | 5 |", "| 规范性文件 | 7 |"]


@pytest.mark.parametrize(
    "tag", ["_江口市人民政府", "江口市人民政府", "江口市政府门户网站", "江口网"]
)
def test_a_page_titled_with_its_site_name_takes_the_title_from_the_body(tag: str) -> None:
    page = _page(
        "<p>江口市商务局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度工作如下。</p>",
        f"<title>{tag}</title>",
    )
    assert zwgk.parse(page.encode()).title == "江口市商务局2024年政府信息公开工作年度报告"
