"""Time each parsing stage over the seeds and dev texts, against a bare ``\\d+`` scan.

    python scripts/profile_stages.py              # CPU ms per stage, min of the passes
    python scripts/profile_stages.py --profile 3  # and a cProfile of 3 passes (by tottime)

Every document is parsed once to warm the caches first.  A stage's time is inclusive
(a stage called inside another counts in both); the ratio is to one ``re.finditer(r"\\d+")``
pass over the same texts in the same process, the measure of docs/performance.md.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import functools
import importlib
import pstats
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import zwgk

ROOT = Path(__file__).resolve().parents[1]

#: Stage name -> the (module, attribute) places its function is called through.
STAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "metadata (read_common)": (("zwgk._parse.dispatch", "read_common"),),
    "signatures": (("zwgk._parse.common", "signatures"), ("zwgk._parse.plans", "signatures")),
    "kind": (("zwgk._parse.dispatch", "detect_kind"),),
    "report": (("zwgk._parse.dispatch", "report_from_source"),),
    "tables (national)": (("zwgk._parse.report", "read_tables"),),
    "tables (local)": (("zwgk._parse.report", "read_local_tables"),),
    "facts": (("zwgk._parse.report", "narrative_facts"),),
    "outline": (("zwgk._parse.report", "outline"), ("zwgk._parse.dispatch", "outline")),
    "plans": (("zwgk._parse.dispatch", "plan_from_source"),),
    "plan markers and tree": (
        ("zwgk._parse.plans", "_markers"),
        ("zwgk._parse.plans", "build_tree"),
    ),
    "plan deadlines": (
        ("zwgk._parse.plans", "_deadlines"),
        ("zwgk._parse.plans", "_reply_deadline"),
    ),
    "finish (spans)": (("zwgk._parse.dispatch", "finish"),),
}


def _texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "corpus" / "dev").glob("[0-9]*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _timed(spent: dict[str, float], name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=7, help="timed passes (the min is kept)")
    parser.add_argument("--profile", type=int, default=0, help="passes to profile afterwards")
    args = parser.parse_args()
    texts = _texts()
    spent: collections.defaultdict[str, float] = collections.defaultdict(float)
    for name, places in STAGES.items():
        for module_name, attr in places:
            module = importlib.import_module(module_name)
            setattr(module, attr, _timed(spent, name, getattr(module, attr)))
    for text in texts:
        zwgk.parse(text)
    digits = re.compile(r"\d+")

    def scan() -> float:
        start = time.process_time()
        for text in texts:
            for _ in digits.finditer(text):
                pass
        return time.process_time() - start

    scan_s = min(scan() for _ in range(5 * args.passes))
    best: dict[str, float] = {}
    total = float("inf")
    for _ in range(args.passes):
        spent.clear()
        start = time.process_time()
        for text in texts:
            zwgk.parse(text)
        took = time.process_time() - start
        if took < total:
            total, best = took, dict(spent)
    print(f"{len(texts)} texts: parse {total * 1e3:.1f} ms = {total / scan_s:.1f}x the \\d+ scan")
    for name, seconds in best.items():
        print(f"  {name:26s} {seconds * 1e3:7.1f} ms {seconds / scan_s:6.1f}x")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.profile):
            for text in texts:
                zwgk.parse(text)
        profile.disable()
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
