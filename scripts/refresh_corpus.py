"""Refresh the repository's copy of the dev corpus from ``../shared/corpus/dev``.

The tests, the documentation and the accuracy scoreboard read ``tests/corpus/dev``,
so a clone of the repository alone has every real document they need.  New
material arrives in ``../shared``; run this to take it in, then commit::

    python scripts/refresh_corpus.py            # copy what changed
    python scripts/refresh_corpus.py --check    # exit 1 if the copy is stale

Gold files written in the repository (``tests/corpus/dev/gold``) that have no
counterpart in ``../shared`` are kept.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "corpus" / "dev"
TARGET = ROOT / "tests" / "corpus" / "dev"


def stale(source: Path = SOURCE, target: Path = TARGET) -> list[Path]:
    """Files under ``source`` that are missing from ``target`` or differ from it."""
    out: list[Path] = []
    for path in sorted(source.rglob("*")):
        if path.is_file():
            copy = target / path.relative_to(source)
            if not copy.is_file() or not filecmp.cmp(path, copy, shallow=False):
                out.append(path.relative_to(source))
    return out


def main(argv: list[str] | None = None) -> int:
    """Copy what is stale; with ``--check`` only report it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale files, copy nothing")
    args = parser.parse_args(argv)
    if not SOURCE.is_dir():
        print(f"refresh_corpus: {SOURCE} is not there; nothing to do", file=sys.stderr)
        return 0
    todo = stale()
    for rel in todo:
        print(("stale: " if args.check else "copy: ") + str(rel))
        if not args.check:
            (TARGET / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SOURCE / rel, TARGET / rel)
    return 1 if args.check and todo else 0


if __name__ == "__main__":
    raise SystemExit(main())
