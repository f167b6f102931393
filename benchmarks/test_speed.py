"""Speed of parsing, beside the cheapest possible pass over the same texts.

Run with ``python -m pytest benchmarks --benchmark-only``; the summary at the end
gives each median as a ratio to the ``test_scan_baseline`` scan, the figures
docs/performance.md records.
"""

from __future__ import annotations

import attrs
import pytest

import zwgk
from conftest import KINDS, cpu, scan


@cpu("corpus")
def test_scan_baseline(benchmark, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """One pass of ``re.finditer(r"\\d+")`` over every text: the floor."""
    assert benchmark(scan, texts) > 0


@cpu("corpus")
def test_parse(benchmark, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Full parse of every text: kind, metadata, outline, tables, facts, agency."""

    def parse_all() -> int:
        return len([zwgk.parse(t) for t in texts])

    assert benchmark(parse_all) == len(texts)


@cpu("kind")
@pytest.mark.parametrize("kind", list(KINDS))
def test_scan_kind(benchmark, by_kind: dict[str, list[str]], kind: str) -> None:  # type: ignore[no-untyped-def]
    """The scan of the texts of one kind: the floor of ``test_parse_kind``."""
    assert benchmark(scan, by_kind[kind]) >= 0


@cpu("kind")
@pytest.mark.parametrize("kind", list(KINDS))
def test_parse_kind(benchmark, by_kind: dict[str, list[str]], kind: str) -> None:  # type: ignore[no-untyped-def]
    """Full parse of the texts of one kind (reports; plans and work points; other)."""
    texts = by_kind[kind]
    docs = benchmark(lambda: [zwgk.parse(t) for t in texts])
    assert all(isinstance(d, KINDS[kind]) for d in docs)


@cpu("pages")
def test_scan_pages(benchmark, pages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The scan of the raw pages: the floor of ``test_parse_pages``."""
    assert benchmark(scan, pages) > 0


@cpu("pages")
def test_parse_pages(benchmark, pages: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Full parse of every raw page of the dev corpus: markup read, furniture left out,
    metadata from the page's own tags, spans mapped back onto the page."""
    docs = benchmark(lambda: [zwgk.parse(p) for p in pages])
    assert len(docs) == len(pages) > 0


_Call = tuple[type, tuple[object, ...], dict[str, object]]


def _model_objects(obj: object, out: list[_Call]) -> None:
    # Every model object under ``obj``, children first, with its ``__init__`` arguments.
    if attrs.has(type(obj)):
        fields = [f for f in attrs.fields(type(obj)) if f.init]
        for f in fields:
            _model_objects(getattr(obj, f.name), out)
        args = tuple(getattr(obj, f.name) for f in fields if not f.kw_only)
        kwargs = {f.alias: getattr(obj, f.name) for f in fields if f.kw_only}
        out.append((type(obj), args, kwargs))
    elif isinstance(obj, tuple | list):
        for item in obj:
            _model_objects(item, out)


@cpu("corpus")
def test_build_output(benchmark, docs: list[zwgk.AnyDocument]) -> None:  # type: ignore[no-untyped-def]
    """Building the model objects a parse of every text returns (cells, spans, sections,
    tasks ...) from their finished field values, validators off: what any parser that
    returns this model in Python pays before it reads a character."""
    calls: list[_Call] = []
    for doc in docs:
        _model_objects(doc, calls)

    def build() -> int:
        with attrs.validators.disabled():
            return len([cls(*args, **kwargs) for cls, args, kwargs in calls])

    assert benchmark(build) == len(calls) > 0


@cpu("corpus")
def test_to_json(benchmark, reports: list[zwgk.AnnualReport]) -> None:  # type: ignore[no-untyped-def]
    """Serializing every parsed annual report to JSON."""
    assert benchmark(lambda: sum(len(zwgk.to_json(r)) for r in reports)) > 0


@cpu("corpus")
def test_validate(benchmark, reports: list[zwgk.AnnualReport]) -> None:  # type: ignore[no-untyped-def]
    """Validating every parsed annual report (identities, text, structure, dates)."""
    assert benchmark(lambda: sum(len(zwgk.validate(r)) for r in reports)) >= 0


def _long_report(texts: list[str], repeat: int) -> str:
    # A flattened f2021 report's body repeated: more text, more tables, same shape.
    body = next(t for t in texts if "本年制发件数" in t and "正文" in t)
    return body * repeat


@cpu("linear")
@pytest.mark.parametrize("repeat", [1, 8, 64])
def test_parse_repeated(benchmark, texts: list[str], repeat: int) -> None:  # type: ignore[no-untyped-def]
    """Parse time of one report repeated k times: linear time means time ∝ k."""
    text = _long_report(texts, repeat)
    assert benchmark(zwgk.parse, text).kind is zwgk.DocumentKind.ANNUAL_REPORT


@cpu("adversarial")
@pytest.mark.parametrize("size", [10_000, 100_000, 1_000_000])
def test_digit_line(benchmark, size: int) -> None:  # type: ignore[no-untyped-def]
    """A report whose table is one line of digits: the splitter must bound its search."""
    text = "2021年度政府信息公开工作年度报告\n规章" + "7" * size
    assert benchmark(zwgk.parse, text).kind is zwgk.DocumentKind.ANNUAL_REPORT


_UNITS = ("区财政局", "区教育局", "区卫生健康委员会", "区政务服务中心", "区市场监管局")


def _plan(tasks: int) -> str:
    # A work-points plan: ten chapters of n/10 tasks, each with a lead unit and a deadline.
    lines = ["关于印发2024年政务公开工作要点的通知", "各单位：", "现将工作要点印发给你们。"]
    per = tasks // 10
    for chapter in range(10):
        lines.append(f"{'一二三四五六七八九十'[chapter]}、第{chapter + 1}部分任务")
        for i in range(per):
            unit = _UNITS[(chapter + i) % len(_UNITS)]
            lines.append(
                f"{i + 1}.推进第{chapter * per + i + 1}项公开工作。{unit}牵头，2024年{i % 12 + 1}月底前完成。"
            )
    return "\n".join(lines)


@cpu("linear")
@pytest.mark.parametrize("tasks", [20, 160, 2560])
def test_plan_tasks(benchmark, tasks: int) -> None:  # type: ignore[no-untyped-def]
    """Parse time of a plan of n tasks with leads and deadlines: linear time means time ∝ n."""
    plan = benchmark(zwgk.parse, _plan(tasks))
    assert sum(1 for t in plan.walk_tasks() if t.lead) == tasks
