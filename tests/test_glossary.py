"""The glossary page: every label and id of the trees, each with pinyin and English."""

from __future__ import annotations

import re
import sys

import attrs
import pytest
from tests.docs_pages import DOCS, exec_output

import zwgk

#: These tests run documentation pages: they need the docs extra (`pytest -m docs`).
pytestmark = pytest.mark.docs

FORMATS = ("legacy_2014", "f2019", "f2021")


@pytest.fixture(scope="module")
def rendered() -> str:
    return exec_output(DOCS / "glossary.md")


def _rows(rendered: str) -> list[list[str]]:
    """The body rows of every table of the page, as stripped cells."""
    rows = []
    for line in rendered.splitlines():
        if line.startswith("| ") and not line.startswith("| 中文"):
            rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def _pinyin_of(rendered: str, term: str) -> set[str]:
    return {r[1] for r in _rows(rendered) if r[0].replace("\\|", "|") == term}


def test_sections(rendered: str) -> None:
    headings = re.findall(r"^## (.+)$", rendered, re.MULTILINE)
    assert headings[:3] == [
        "Documents, law and agencies",
        "Units of measure",
        "Plans and work points",
    ]
    assert [h.split(":")[0] for h in headings[3:]] == [f"`{fmt}`" for fmt in FORMATS]


def test_every_tree_label_and_id_is_in_the_glossary(rendered: str) -> None:
    terms = {r[0].replace("\\|", "|") for r in _rows(rendered)}
    for fmt in FORMATS:
        for template in zwgk.indicator_tree(fmt).tables:
            assert template.title in terms, (fmt, template.id)
            assert f"**{template.title_en}** | **`{template.qualified_id}`**" in rendered
            for row in template.walk():
                assert row.label in terms, (fmt, row.id)
                assert f"| {row.en} | `{row.id}` |" in rendered, (fmt, row.id)
                if row.block:
                    assert row.block in terms, (fmt, row.id)
            for column in template.columns:
                assert set(column.labels) <= terms, (fmt, column.id)
                if column.labels:
                    assert f"| {column.en} | `[{column.id}]` |" in rendered, (fmt, column.id)
                else:  # an unnamed column is named with its table
                    title = f"**`{template.qualified_id}`** `[{column.id}]` |"
                    assert title in rendered, (fmt, column.id)


def test_aliases_only_when_they_are_other_words(rendered: str) -> None:
    terms = [r[0].replace("\\|", "|") for r in _rows(rendered)]
    assert "社会公益" in terms  # short form of 社会公益组织
    assert "规范性文件" in terms
    assert "（六）其他" in terms
    assert "(三)从事政府信息公开工作人数员" not in terms  # a misprint of the same words
    assert '3.危及"三安全一稳定"' not in terms  # other quotation marks only


def test_every_entry_has_pinyin_and_english(rendered: str) -> None:
    rows = _rows(rendered)
    assert len(rows) > 300
    for row in rows:
        assert re.fullmatch(r"[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü' -]+", row[1]), row
        assert row[2], row


@pytest.mark.parametrize(
    ("term", "pinyin"),
    [
        ("行政复议", "xíngzhèng fùyì"),
        ("工商行政管理局", "gōngshāng xíngzhèng guǎnlǐjú"),  # pypinyin alone: hángzhèng
        ("5、不属于本行政机关公开数", "bù shǔyú běn xíngzhèng jīguān gōngkāi shù"),
        ("4.无正当理由大量反复申请", "wú zhèngdàng lǐyóu dàliàng fǎnfù shēnqǐng"),
        ("不是《条例》所指政府信息", "bù shì tiáolì suǒzhǐ zhèngfǔ xìnxī"),
        ("3.补正后申请内容仍不明确", "bǔzhèng hòu shēnqǐng nèiróng réng bù míngquè"),
        ("国务院部门", "Guówùyuàn bùmén"),
        ("按年度", "àn niándù"),
        ("结转", "jiézhuǎn"),
        ("人次", "réncì"),
        ("四、结转下年度继续办理", "jiézhuǎn xià niándù jìxù bànlǐ"),
        ("牵头单位", "qiāntóu dānwèi"),
        ("2.重复申请", "chóngfù shēnqǐng"),
        ("（三）不予公开", "bùyǔ gōngkāi"),
        ("（一）予以公开", "yǔyǐ gōngkāi"),
        ("（五）不予处理", "bùyǔ chǔlǐ"),
        ("(三)申请答复数", "shēnqǐng dáfù shù"),
        ("动态调整", "dòngtài tiáozhěng"),
        ("2.没有现成信息需要另行制作", "méiyǒu xiànchéng xìnxī xūyào lìngxíng zhìzuò"),
        ("现行有效件数", "xiànxíng yǒuxiào jiànshù"),
        ("实施方案", "shíshī fāng'àn"),
        ("第二十条第（一）项", "dì-èrshí tiáo dì-yī xiàng"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "bùfèn gōngkāi",
        ),
        ("本年收费金额（单位：万元）", "běnnián shōufèi jīn'é dānwèi wànyuán"),
    ],
)
def test_hand_checked_pinyin(rendered: str, term: str, pinyin: str) -> None:
    assert _pinyin_of(rendered, term) == {pinyin}


def test_curated_words_carry_their_ids(rendered: str) -> None:
    assert "| 牵头单位 | qiāntóu dānwèi | lead unit | `lead` |" in rendered
    assert "| 完成时限 | wánchéng shíxiàn | deadline | `deadline` |" in rendered
    assert "| 长期坚持 | chángqī jiānchí | on a continuing basis | `ongoing` |" in rendered
    assert "| 依申请公开 | yī shēnqǐng gōngkāi | disclosure upon request | `applications` |" in (
        rendered
    )


def test_curated_ids_are_real() -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import _glossary
    finally:
        sys.path.remove(str(DOCS))
    rows = {r.id for fmt in FORMATS for t in zwgk.indicator_tree(fmt).tables for r in t.walk()}
    enums = {
        m.value
        for e in (zwgk.DocumentKind, zwgk.TableFormat, zwgk.Scope, zwgk.Level, zwgk.DeadlineKind)
        for m in e
    }
    fields = {
        f
        for cls in (
            zwgk.AnnualReport,
            zwgk.ImplementationPlan,
            zwgk.Task,
            zwgk.Agency,
            zwgk.Cell,
            zwgk.Indicator,
        )
        for f in (*attrs.fields_dict(cls), *dir(cls))
    }
    tables = {t.id for fmt in FORMATS for t in zwgk.indicator_tree(fmt).tables}
    known = rows | enums | fields | tables | set(zwgk.__all__)
    for term, _, ident, _ in (*_glossary.DOMAIN, *_glossary.UNITS, *_glossary.PLANS):
        assert not ident or ident in known, (term, ident)


def test_units_are_the_trees_units(rendered: str) -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import _glossary
    finally:
        sys.path.remove(str(DOCS))
    printed = {
        unit
        for fmt in FORMATS
        for t in zwgk.indicator_tree(fmt).tables
        for unit in (*(r.unit for r in t.walk()), *(c.unit for c in t.columns))
        if unit
    }
    assert printed <= {term for term, *_ in _glossary.UNITS}
    assert "| 万元 | wànyuán | 10,000 yuan | `unit` |" in rendered
