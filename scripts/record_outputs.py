"""Record a digest of what ``zwgk`` reads from every seed and dev-corpus document.

    python scripts/record_outputs.py          # rewrite tests/corpus/outputs.json
    python scripts/record_outputs.py --check  # exit 1 and list documents whose output changed

``tests/test_outputs.py`` compares the parse of each document with the digest kept
here, so a change meant to make parsing faster (or to tidy code) cannot change a
result unnoticed.  A change that is meant to change results reruns this script and
commits the new digests with it; the diff names the documents it changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import zwgk

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "corpus" / "outputs.json"


def documents() -> Iterator[Path]:
    """Every seed text, dev-corpus text and raw dev page, in a fixed order."""
    dev = ROOT / "tests" / "corpus" / "dev"
    yield from sorted((ROOT / "seeds").glob("*.txt"))
    yield from sorted(dev.glob("[0-9][0-9][0-9]_*.txt"))
    yield from sorted((dev / "html").glob("*.html"))


def digest(path: Path) -> str:
    """The SHA-256 of the JSON dump of what ``zwgk`` reads from *path*."""
    # Bytes rather than a path: a document read from a path records where it was, and
    # digests must not depend on where the repository is checked out.
    document = zwgk.parse(path.read_bytes())
    return hashlib.sha256(zwgk.to_json(document).encode("utf-8")).hexdigest()


def current() -> dict[str, str]:
    """Digests of every document now, keyed by path relative to the repository."""
    return {path.relative_to(ROOT).as_posix(): digest(path) for path in documents()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    args = parser.parse_args()
    now = current()
    if args.check:
        kept = json.loads(RECORD.read_text(encoding="utf-8"))
        changed = sorted(k for k in now.keys() | kept.keys() if now.get(k) != kept.get(k))
        for name in changed:
            print(name)
        return 1 if changed else 0
    RECORD.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(now)} digests written to {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
