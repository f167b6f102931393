"""A long run of ``parse`` over raw web pages cut up with markup fragments (not part of CI;
CI runs generated markup through hypothesis in ``tests/test_html.py`` and ``tests/test_page.py``).

    nice -n 19 python fuzz/fuzz_pages.py --seconds 300 --seed 1

Each input is a window (100 to 30,000 characters) of a raw dev-corpus page
(``tests/corpus/dev/html``) with one to five runs of a markup fragment written into it
(``<``, ``</``, ``<!--``, ``<![CDATA[``, quotes, ``&#x``, table tags, ``<script>``, NUL, a
lone surrogate ...), each fragment repeated up to 49 times, handed over as ``str`` or as
UTF-8 bytes.  An input must parse or raise a ``ZwgkError`` within ``--timeout`` seconds;
a broken promise is printed with the start of its input and the run goes on.  The summary
gives the inputs tried, the failures and the slowest input.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import zwgk

PAGES = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "dev" / "html"

#: Pieces of markup a crawler brings back cut, doubled or unclosed.
FRAGMENTS = (
    "<", "</", "<!--", "-->", "<!", "<![CDATA[", "]]>", '"', "'", "&", "&#", "&#x", "&amp",
    ">", '<td colspan="3">', "<tr>", "</table>", "<table>", "<br/>", "<script>", "</script>",
    "<p ", "=", "\x00", "\ud800",
)  # fmt: skip


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


def mutate(pages: list[str], rng: random.Random) -> str | bytes:
    """One input: a window of a page with runs of fragments written into it."""
    page = rng.choice(pages)
    start = rng.randrange(len(page))
    text = page[start : start + rng.randrange(100, 30_000)]
    for _ in range(rng.randrange(1, 6)):
        at = rng.randrange(len(text) + 1)
        run = rng.choice(FRAGMENTS) * rng.randrange(1, 50)
        text = text[:at] + run + text[at + rng.randrange(0, 20) :]
    return text if rng.random() < 0.5 else text.encode("utf-8", "surrogatepass")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=20, help="seconds an input may take")
    args = parser.parse_args()
    pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(PAGES.glob("*"))]
    rng = random.Random(args.seed)
    signal.signal(signal.SIGALRM, _alarm)
    tried = failures = 0
    slowest = 0.0
    began = time.monotonic()
    while time.monotonic() - began < args.seconds:
        data = mutate(pages, rng)
        signal.alarm(args.timeout)
        started = time.monotonic()
        try:
            zwgk.parse(data)
        except zwgk.ZwgkError:
            pass
        except _Timeout:
            failures += 1
            print("timeout:", repr(data[:200]))
        except Exception as exc:  # a broken promise: report it and go on
            failures += 1
            print(f"{type(exc).__name__}: {exc}:", repr(data[:200]))
        finally:
            signal.alarm(0)
        slowest = max(slowest, time.monotonic() - started)
        tried += 1
    print(f"inputs {tried}, failures {failures}, slowest {slowest:.2f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
