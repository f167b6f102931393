"""The tables of docs/performance.md, from the JSON of one or two benchmark runs (a script).

    python -m pytest benchmarks --benchmark-only --benchmark-json=after.json
    python benchmarks/tables.py after.json                 # one run
    python benchmarks/tables.py after*.json --before before*.json

Each row is a benchmark's minimum and its ratio to the minimum of the scan of the same
texts (``test_scan_baseline``; ``test_scan_kind[k]`` for the parse of the texts of kind
k, ``test_scan_pages`` for the parse of the raw pages).  Given several runs of a side,
each benchmark's minimum is the least over them (on a shared machine, alternate the runs
of both sides).  Import times are the minimum of fresh interpreters; the batch rows add
documents per second and the CPU the parent process spent per document.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Container
from pathlib import Path
from typing import Any

#: Benchmarks timed over texts of their own (the texts of one kind, the raw pages), by name
#: prefix, and the prefix of the scan of those texts their ratio is to.
OWN_SCAN = {"test_parse_kind[": "test_scan_kind[", "test_parse_pages": "test_scan_pages"}


def floor_name(name: str, names: Container[str]) -> str:
    """The scan a benchmark's ratio is to: that of its own texts when ``names`` has it."""
    for prefix, scan in OWN_SCAN.items():
        own = name.replace(prefix, scan, 1)
        if name.startswith(prefix) and own in names:
            return own
    return "test_scan_baseline"


SECTIONS = {
    "corpus": [
        "test_scan_baseline",
        "test_parse",
        "test_build_output",
        "test_validate",
        "test_to_json",
    ],
    "kind": [f"test_parse_kind[{k}]" for k in ("reports", "plans", "other")],
    "pages": ["test_scan_pages", "test_parse_pages"],
    "stage": [
        *(
            f"test_stage[{s}]"
            for s in (
                "input",
                "metadata",
                "kind",
                "agency",
                "outline",
                "tables",
                "facts",
                "plans",
                "finish",
            )
        ),
        "test_stage_validate",
        "test_stage_to_json",
    ],
    "import": [f"test_import[{w}]" for w in ("python", "zwgk", "zwgk+parse")],
    "json": ["test_json_loads", "test_from_json"],
    "batch": [f"test_parse_many[{w}]" for w in ("loop", "1", "2")],
    "linear": [f"test_parse_repeated[{k}]" for k in (1, 8, 64)]
    + [f"test_digit_line[{n}]" for n in (10000, 100000, 1000000)]
    + [f"test_plan_tasks[{n}]" for n in (20, 160, 2560)],
}


def load(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """Each benchmark of ``--benchmark-json`` files by name: the run of it with the least min."""
    found: dict[str, dict[str, Any]] = {}
    for path in paths:
        for bench in json.loads(path.read_text(encoding="utf-8"))["benchmarks"]:
            kept = found.get(bench["name"])
            if kept is None or bench["stats"]["min"] < kept["stats"]["min"]:
                found[bench["name"]] = bench
    return found


def _floor(run: dict[str, dict[str, Any]], name: str) -> float:
    return float(run[floor_name(name, run)]["stats"]["min"])


def _cells(run: dict[str, dict[str, Any]] | None, name: str) -> list[str]:
    if run is None or name not in run:
        return ["", ""]
    least = float(run[name]["stats"]["min"])
    return [f"{least * 1e3:.1f} ms", f"{least / _floor(run, name):.1f}"]


def table(
    section: str, after: dict[str, dict[str, Any]], before: dict[str, dict[str, Any]] | None
) -> str:
    """One section of benchmarks as a markdown table (before and after when both are given)."""
    head = ["benchmark", "min", "ratio"]
    if before is not None:
        head = ["benchmark", "before", "ratio", "after", "ratio"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    for name in SECTIONS[section]:
        if name not in after:
            continue
        row = [f"`{name}`"]
        if before is not None:
            row += _cells(before, name)
        row += _cells(after, name)
        notes = [
            f"{side}{k} {v}"
            for side, run in (("before: ", before), ("after: " if before else "", after))
            if run is not None and name in run
            for k, v in (run[name].get("extra_info") or {}).items()
        ]
        if notes:
            row[0] += " (" + "; ".join(notes) + ")"
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("after", type=Path, nargs="+")
    parser.add_argument("--before", type=Path, nargs="+")
    args = parser.parse_args()
    after = load(args.after)
    before = load(args.before) if args.before else None
    for section in SECTIONS:
        print(f"### {section}\n\n{table(section, after, before)}\n")


if __name__ == "__main__":
    main()
