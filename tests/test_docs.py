"""The documentation site: its examples run, and its generated pages say what the data says."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

import pytest
from tests.docs_pages import DOCS, ROOT, at_root, exec_output, pages, pycon_source

import zwgk

#: These tests run documentation pages: they need the docs extra (`pytest -m docs`).
pytestmark = pytest.mark.docs

PYCON_PAGES = [p for p in pages() if pycon_source(p)]


@pytest.mark.parametrize("page", PYCON_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_pycon_examples_run(page: Path) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(pycon_source(page), {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    with at_root():
        result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)
    assert result.attempted > 0


def test_the_harness_finds_the_examples() -> None:
    assert DOCS / "index.md" in PYCON_PAGES
    assert DOCS / "reference" / "serialization.md" in PYCON_PAGES


def test_trees_page_shows_every_id() -> None:
    rendered = exec_output(DOCS / "reference" / "trees.md")
    for fmt in zwgk.TableFormat:
        if fmt is zwgk.TableFormat.LEGACY_LOCAL:
            continue
        tree = zwgk.indicator_tree(fmt)
        for table in tree.tables:
            assert f"`{table.qualified_id}`" in rendered
            for row in table.walk():
                assert f"| `{row.id}` |" in rendered, (table.qualified_id, row.id)
                assert row.label in rendered
            for column in table.columns:
                assert f"`{column.id}`" in rendered, (table.qualified_id, column.id)
            for identity in table.identities:
                assert f"| {identity.id} |" in rendered, (table.qualified_id, identity.id)


def test_corpus_tutorial_shows_the_hand_checked_table(corpus_texts: dict[str, str]) -> None:
    rendered = exec_output(DOCS / "tutorials" / "corpus.md")
    # 009 淮安市 2024: 新收 3119, 予以公开 1362, 办理结果总计 3050 (103 carried into 2025).
    assert "| 009 | 2024 | f2021 | 3119 | 1362 | 3050 |" in rendered
    assert "| 003 | 2012 | legacy_local | 21 | 17 | 21 |" in rendered
    assert rendered.count("<svg") == 2


def test_plain_public_names_in_docstrings_become_links_on_the_site() -> None:
    griffe = pytest.importorskip("griffe")
    sys.path.insert(0, str(DOCS))
    try:
        import _griffe_zwgk
    finally:
        sys.path.remove(str(DOCS))
    pkg = griffe.load(
        "zwgk",
        search_paths=[str(ROOT / "src")],
        extensions=griffe.load_extensions(_griffe_zwgk.ZwgkDocs),
    )
    facts = pkg["_analysis.facts.facts"].docstring.value
    assert "[`InputError`][zwgk.InputError]" in facts
    assert "`zwgk.InputError`" not in facts
    frames = pkg["_analysis.frames.to_frame"].docstring.value
    assert "[`StatTable.to_frame`][zwgk.StatTable.to_frame]" in frames
    unit = pkg["_model.core.OrgUnit"].docstring.value
    assert "``zwgk.Unit``" in unit  # double backticks: code, never a link
