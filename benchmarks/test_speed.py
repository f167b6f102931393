"""Speed of parsing, beside the cheapest possible pass over the same texts.

Run with ``python -m pytest benchmarks --benchmark-only``; the ratio of the
``parse`` group to the ``scan`` baseline is what docs/performance.md records.
"""

from __future__ import annotations

import re

import pytest

import zwgk

DIGITS = re.compile(r"\d+")


@pytest.mark.benchmark(group="corpus")
def test_scan_baseline(benchmark, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """One pass of ``re.finditer(r"\\d+")`` over every text: the floor."""

    def scan() -> int:
        return sum(1 for t in texts for _ in DIGITS.finditer(t))

    assert benchmark(scan) > 0


@pytest.mark.benchmark(group="corpus")
def test_parse(benchmark, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Full parse of every text: kind, metadata, outline, tables, facts, agency."""

    def parse_all() -> int:
        return len([zwgk.parse(t) for t in texts])

    assert benchmark(parse_all) == len(texts)


@pytest.mark.benchmark(group="corpus")
def test_to_json(benchmark, reports: list[zwgk.AnnualReport]) -> None:  # type: ignore[no-untyped-def]
    """Serializing every parsed annual report to JSON."""
    assert benchmark(lambda: sum(len(zwgk.to_json(r)) for r in reports)) > 0
