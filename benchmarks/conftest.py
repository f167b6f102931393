"""Benchmark fixtures (the seeds and the dev corpus) and the summary of ratios to the scan.

Every figure of docs/performance.md comes from one run of

    python -m pytest benchmarks --benchmark-only

whose summary (printed before pytest-benchmark's tables) gives each benchmark's median
beside the ``re.finditer(r"\\d+")`` scan of the same texts in the same run (the ratio is
what holds across machines).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

import zwgk
from tables import floor_name

ROOT = Path(__file__).resolve().parents[1]
DIGITS = re.compile(r"\d+")

#: Document kinds as the benchmarks group them.
KINDS = {
    "reports": (zwgk.AnnualReport,),
    "plans": (zwgk.ImplementationPlan, zwgk.WorkPoints),
    "other": (zwgk.OtherDocument,),
}


def cpu(group: str) -> pytest.MarkDecorator:
    """A benchmark of work done in this process, timed in CPU time (``time.process_time``).

    Other processes on the machine then disturb the figure far less than they disturb
    wall time; benchmarks of other processes (``import``, ``batch``) keep wall time.
    """
    return pytest.mark.benchmark(group=group, timer=time.process_time)


def scan(texts: list[str]) -> int:
    """One pass of ``re.finditer(r"\\d+")`` over every text: the floor every ratio is to."""
    return sum(1 for t in texts for _ in DIGITS.finditer(t))


@pytest.fixture(scope="session")
def texts() -> list[str]:
    """Every seed and dev-corpus document (the repository's copy of the corpus)."""
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    corpus = ROOT / "tests" / "corpus" / "dev"
    paths += sorted(corpus.glob("[0-9]*.txt")) if corpus.is_dir() else []
    return [p.read_text(encoding="utf-8") for p in paths]


@pytest.fixture(scope="session")
def pages() -> list[str]:
    """Every raw page of the dev corpus (``tests/corpus/dev/html``), as text."""
    folder = ROOT / "tests" / "corpus" / "dev" / "html"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))]


@pytest.fixture(scope="session")
def docs(texts: list[str]) -> list[zwgk.AnyDocument]:
    """Every text, parsed."""
    return [zwgk.parse(t) for t in texts]


@pytest.fixture(scope="session")
def reports(docs: list[zwgk.AnyDocument]) -> list[zwgk.AnnualReport]:
    """The annual reports among them, parsed."""
    return [d for d in docs if isinstance(d, zwgk.AnnualReport)]


@pytest.fixture(scope="session")
def by_kind(texts: list[str], docs: list[zwgk.AnyDocument]) -> dict[str, list[str]]:
    """The texts of each kind (``reports``, ``plans``, ``other``), as ``parse`` tells them."""
    return {
        kind: [t for t, d in zip(texts, docs, strict=True) if isinstance(d, classes)]
        for kind, classes in KINDS.items()
    }


# --- the summary: each median beside the scan's ---------------------------------------------


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    session = getattr(config, "_benchmarksession", None)
    found = {b.name: b for b in getattr(session, "benchmarks", []) if not b.has_error}
    if "test_scan_baseline" not in found:
        return
    write = terminalreporter.write_line
    write("")
    write("each benchmark beside the scan of the same texts (test_scan_baseline), median and min")
    header = f"{'benchmark':<36} {'group':<11} {'median':>11} {'min':>11} {'ratio':>7} {'(min)':>7}"
    write(header)
    for name, bench in found.items():
        base = found[floor_name(name, found)].stats  # the scan of its own texts, if it has one
        stats = bench.stats
        extra = "".join(f"  {k}: {v}" for k, v in bench.extra_info.items())
        write(
            f"{name:<36} {bench.group or '':<11} {stats.median * 1e3:>9.2f}ms "
            f"{stats.min * 1e3:>9.2f}ms {stats.median / base.median:>7.1f} "
            f"{stats.min / base.min:>7.1f}{extra}"
        )
