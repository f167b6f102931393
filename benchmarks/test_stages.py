"""Each stage of the parse on its own, over the seeds and dev corpus, on prepared inputs.

The stages are internal functions: when one's signature changes, its line in
``STAGES`` changes with it.  The summary of the run gives each median as a ratio
to the scan (``test_scan_baseline``); together they show where a parse spends
its time (the stages overlap a little: ``tables`` reads the narrative facts its
evidence needs beforehand, as ``parse`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

import zwgk
from conftest import cpu
from zwgk._model import DocumentKind, Templates
from zwgk._parse.common import Common, read_common
from zwgk._parse.facts import narrative_facts
from zwgk._parse.kind import detect_kind
from zwgk._parse.local import read_local_tables
from zwgk._parse.organs import resolve_agency
from zwgk._parse.outline import outline
from zwgk._parse.plans import plan_from_source
from zwgk._parse.report import report_from_source
from zwgk._parse.tables import read_tables
from zwgk._parse.text import Source, finish, read_input


@attrs.frozen
class Prepared:
    """One text as each stage takes it: decoded, its metadata read, its kind told."""

    text: str
    src: Source
    common: Common
    kind: DocumentKind
    evidence: dict[int, tuple[str, ...]]
    #: The document before ``finish`` (raw tokens as printed, spans onto the page).
    unfinished: Any


def _prepare(text: str) -> Prepared:
    src = read_input(text)
    common = read_common(src)
    kind = detect_kind(common.title, src.norm[common.body_start :])
    evidence: dict[int, tuple[str, ...]] = {}
    for fact in narrative_facts(src.norm, common.body_start):
        if isinstance(fact.value, int) and fact.exact:
            evidence[fact.value] = (*evidence.get(fact.value, ()), fact.phrase + fact.raw)
    unfinished: Any = None
    if kind is DocumentKind.ANNUAL_REPORT:
        unfinished = report_from_source(src, common)
    elif kind in (DocumentKind.IMPLEMENTATION_PLAN, DocumentKind.WORK_POINTS):
        unfinished = plan_from_source(src, common, kind)
    return Prepared(text, src, common, kind, evidence, unfinished)


@pytest.fixture(scope="session")
def prepared(texts: list[str]) -> list[Prepared]:
    """Every text of the corpus, prepared (texts with input the parser refuses are kept out)."""
    return [_prepare(t) for t in texts if t.strip()]


def _tables(p: Prepared) -> object:
    # As the report parser reads them: local tables first, their stretch blanked for the
    # national reader.
    start, norm = p.common.body_start, p.src.norm
    local = read_local_tables(p.src.text, norm, start, p.evidence)
    for table, _ in local:
        assert table.span is not None
        a, b = table.span.start, table.span.end
        norm = norm[:a] + " " * (b - a) + norm[b:]
    registry = Templates.shipped()
    return read_tables(p.src.text, norm, start, p.evidence, p.src.offsets, templates=registry)


def _is_report(p: Prepared) -> bool:
    return p.kind is DocumentKind.ANNUAL_REPORT


def _is_plan(p: Prepared) -> bool:
    return p.kind in (DocumentKind.IMPLEMENTATION_PLAN, DocumentKind.WORK_POINTS)


#: Each stage: which prepared texts it runs on, and what it does to one.
STAGES: dict[str, tuple[Callable[[Prepared], bool], Callable[[Prepared], object]]] = {
    "input": (lambda p: True, lambda p: read_input(p.text)),
    "metadata": (lambda p: True, lambda p: read_common(p.src)),
    "kind": (
        lambda p: True,
        lambda p: detect_kind(p.common.title, p.src.norm[p.common.body_start :]),
    ),
    "agency": (lambda p: True, lambda p: resolve_agency(p.common, p.src.norm)),
    "outline": (lambda p: True, lambda p: outline(p.src.norm, p.common.body_start)),
    "tables": (_is_report, _tables),
    "facts": (_is_report, lambda p: narrative_facts(p.src.norm, p.common.body_start)),
    "plans": (_is_plan, lambda p: plan_from_source(p.src, p.common, p.kind)),
    "finish": (lambda p: p.unfinished is not None, lambda p: finish(p.unfinished, p.src)),
}


@cpu("stage")
@pytest.mark.parametrize("stage", list(STAGES))
def test_stage(benchmark, prepared: list[Prepared], stage: str) -> None:  # type: ignore[no-untyped-def]
    """One stage over every text it applies to."""
    applies, run = STAGES[stage]
    chosen = [p for p in prepared if applies(p)]
    assert chosen
    benchmark(lambda: [run(p) for p in chosen])


@cpu("stage")
def test_stage_validate(benchmark, docs: list[zwgk.AnyDocument]) -> None:  # type: ignore[no-untyped-def]
    """``zwgk.validate`` of every parsed document."""
    benchmark(lambda: [zwgk.validate(d) for d in docs])


@cpu("stage")
def test_stage_to_json(benchmark, docs: list[zwgk.AnyDocument]) -> None:  # type: ignore[no-untyped-def]
    """``zwgk.to_json`` of every parsed document."""
    benchmark(lambda: [zwgk.to_json(d) for d in docs])
