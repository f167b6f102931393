"""What surrounds a parse: importing zwgk, reading dumps back, parsing a batch in processes.

- ``test_import``: a fresh interpreter that imports zwgk (and one that only starts, and
  one that also parses a line, which loads the parser); min of the rounds is the figure.
- ``test_json_loads`` / ``test_from_json``: the same dumps of every document, read by
  ``json.loads`` and by ``zwgk.from_json`` (which checks and rebuilds the model).
- ``test_parse_many``: the corpus four times over as ``RawText``, parsed by a plain loop
  and by ``parse_many`` with one and two workers; the summary gives documents per second
  (the count over the median) and the CPU the parent process spent per document.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys

import pytest

import zwgk
from conftest import cpu

#: Fresh interpreters per ``test_import`` benchmark; the figure is their minimum.
IMPORT_ROUNDS = 10

#: How many times the corpus is repeated for ``test_parse_many``.
BATCH_REPEAT = 4

_IMPORTS = {
    "python": "pass",
    "zwgk": "import zwgk",
    "zwgk+parse": "import zwgk; zwgk.parse('规章')",
}


@pytest.mark.benchmark(group="import")
@pytest.mark.parametrize("what", list(_IMPORTS))
def test_import(benchmark, what: str) -> None:  # type: ignore[no-untyped-def]
    """Start a fresh interpreter that runs one line (``-X importtime`` shows the parts)."""
    command = [sys.executable, "-c", _IMPORTS[what]]
    benchmark.pedantic(subprocess.run, (command,), {"check": True}, rounds=IMPORT_ROUNDS)


@pytest.fixture(scope="session")
def dumps(docs: list[zwgk.AnyDocument]) -> list[str]:
    """The JSON dump of every parsed document."""
    return [zwgk.to_json(d) for d in docs]


@cpu("json")
def test_json_loads(benchmark, dumps: list[str]) -> None:  # type: ignore[no-untyped-def]
    """``json.loads`` of every dump: the floor of ``from_json``."""
    assert len(benchmark(lambda: [json.loads(d) for d in dumps])) == len(dumps)


@cpu("json")
def test_from_json(benchmark, dumps: list[str], docs: list[zwgk.AnyDocument]) -> None:  # type: ignore[no-untyped-def]
    """``zwgk.from_json`` of every dump (size and depth checks, strict rebuilding)."""
    assert benchmark(lambda: [zwgk.from_json(d) for d in dumps]) == docs


@pytest.mark.benchmark(group="batch")
@pytest.mark.parametrize("workers", [0, 1, 2], ids=["loop", "1", "2"])
def test_parse_many(benchmark, texts: list[str], workers: int) -> None:  # type: ignore[no-untyped-def]
    """The corpus repeated, by a loop over ``zwgk.parse`` (``loop``) or ``parse_many``."""
    inputs = [zwgk.RawText(t, source=str(i)) for i, t in enumerate(texts * BATCH_REPEAT)]

    spent: list[float] = []

    def run() -> int:
        before = resource.getrusage(resource.RUSAGE_SELF)
        if not workers:
            done = len([zwgk.parse(r.text, source=r.source) for r in inputs])
        else:
            results = zwgk.parse_many(inputs, workers=workers, progress=False)
            done = sum(1 for r in results if r.ok)
        after = resource.getrusage(resource.RUSAGE_SELF)
        spent.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        return done

    assert benchmark.pedantic(run, rounds=3) == len(inputs)
    # The CPU this process spent per document (its threads included): with workers, what
    # the parent pays to hand inputs out and read results back.
    benchmark.extra_info["parent CPU ms/doc"] = round(min(spent) / len(inputs) * 1e3, 3)
    benchmark.extra_info["docs/s"] = round(len(inputs) / benchmark.stats.stats.median, 1)
