"""The glossary page: every label and id of the trees, each with pinyin and English."""

from __future__ import annotations

import re

import pytest
from tests.docs_pages import DOCS, exec_output

import zwgk


@pytest.fixture(scope="module")
def rendered() -> str:
    return exec_output(DOCS / "glossary.md")


def _rows(rendered: str) -> list[list[str]]:
    rows = []
    for line in rendered.splitlines():
        if line.startswith("| ") and not line.startswith("| 中文"):
            rows.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_every_tree_label_and_id_is_in_the_glossary(rendered: str) -> None:
    rows = _rows(rendered)
    labels = {r[0].replace("\\|", "|") for r in rows}
    for fmt in ("legacy_2014", "f2019", "f2021"):
        for template in zwgk.indicator_tree(fmt).tables:
            assert f"`{template.qualified_id}`" in rendered
            for row in template.walk():
                assert row.label in labels, (fmt, row.id)
                assert f"| {row.en} | `{row.id}` |" in rendered, (fmt, row.id)
            for column in template.columns:
                assert f"`[{column.id}]`" in rendered, (fmt, column.id)


def test_every_entry_has_pinyin_and_english(rendered: str) -> None:
    rows = _rows(rendered)
    assert len(rows) > 250
    for row in rows:
        assert re.search(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", row[1]), row
        assert row[2], row


@pytest.mark.parametrize(
    ("term", "pinyin"),
    [
        ("行政复议", "xíng zhèng fù yì"),
        ("结转下年度继续办理", "jié zhuǎn xià nián dù jì xù bàn lǐ"),
        ("牵头单位", "qiān tóu dān wèi"),
        ("重复申请", "chóng fù shēn qǐng"),
        ("不予公开", "bù yǔ gōng kāi"),
    ],
)
def test_hand_checked_pinyin(rendered: str, term: str, pinyin: str) -> None:
    assert any(r[0].endswith(term) and r[1] == pinyin for r in _rows(rendered)), term


def test_plan_words_carry_their_model_fields(rendered: str) -> None:
    assert "| 牵头单位 | qiān tóu dān wèi | lead unit | `lead` |" in rendered
    assert "| 完成时限 | wán chéng shí xiàn | deadline | `deadline` |" in rendered
