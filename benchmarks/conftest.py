"""Benchmark fixtures: the seeds and the dev corpus as texts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def texts() -> list[str]:
    """Every seed and dev-corpus document (the repository's copy of the corpus)."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = ROOT / "tests" / "corpus" / "dev"
    paths += sorted(corpus.glob("[0-9]*.txt")) if corpus.is_dir() else []
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.fixture(scope="session")
def reports(texts: list[str]) -> list[object]:
    """The annual reports among them, parsed."""
    import zwgk

    docs = [zwgk.parse(t) for t in texts]
    return [d for d in docs if isinstance(d, zwgk.AnnualReport)]
