"""Test configuration: hypothesis profiles (set once, here) and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import zwgk

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus" / "dev"


def read_or_bug(path: Path, **kwargs: object) -> zwgk.AnyDocument:
    """``zwgk.read``, except that a file holding ``BUG`` meets a bug (a ``ValueError``)."""
    if path.read_bytes() == b"BUG":
        raise ValueError("a bug")
    return zwgk.read(path, **kwargs)  # type: ignore[arg-type]


def read(path: Path) -> str:
    """A fixture file's text."""
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five seeds, by file-name prefix (``000`` … ``004``)."""
    return {p.name[:3]: read(p) for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_texts() -> dict[str, str]:
    """The dev corpus (the repository's copy, ``tests/corpus/dev``), by file-name prefix."""
    return {p.name[:3]: read(p) for p in sorted(CORPUS.glob("[0-9]*.txt"))}
