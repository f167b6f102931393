"""A long structure-aware fuzz run of ``parse`` (not part of CI; CI runs the same
mutations through hypothesis in ``tests/test_robustness.py``).

    nice -n 19 python fuzz/fuzz_structured.py --count 1000000 --jobs 2 --out /tmp/fuzz

``--minutes`` stops the run early; the summary gives the exact number of inputs tried.

Each input is a window of a seed or dev-corpus document with one to four
mutations of ``tests/mutations.py`` (row swaps, duplicated blocks, stray
numbering, HTML tags and entities, nested and unclosed tables, invisible and
control characters, other digit sets, lone surrogates), handed over as ``str`` or
in one of ten encodings.  A broken promise (any exception but a ``ZwgkError``, a
failed round trip, an input that runs longer than ``--timeout`` seconds) is saved
with its input, once per place in the code; the run goes on and prints a summary.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import signal
import sys
import time
import traceback
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import mutations


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise _Timeout


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/zwgk/" in f.filename] or frames
    last = ours[-1] if ours else None
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {where}"


def _run(
    job: int, count: int, seed: int, out: Path, timeout: int, stop: float
) -> dict[str, object]:
    documents = mutations.seed_documents()
    rng = random.Random(seed * 1000 + job)
    signal.signal(signal.SIGALRM, _alarm)
    failures: dict[str, int] = {}
    done = 0
    for done in range(1, count + 1):
        if time.time() > stop:
            done -= 1
            break
        data = mutations.hostile_input(documents, rng, size=rng.choice((300, 1000, 3000)))
        signal.alarm(timeout)
        try:
            mutations.check(data)
        except _Timeout as exc:
            key = f"timeout ({timeout} s)"
            failures[key] = failures.get(key, 0) + 1
            _save(out, key, data, exc)
        except Exception as exc:  # every other exception is a broken promise
            key = _signature(exc)
            failures[key] = failures.get(key, 0) + 1
            if failures[key] == 1:
                _save(out, key, data, exc)
        finally:
            signal.alarm(0)
    return {"job": job, "inputs": done, "failures": failures}


def _save(out: Path, key: str, data: str | bytes, exc: BaseException) -> None:
    name = "".join(ch if ch.isalnum() else "_" for ch in key)[:80]
    blob = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    (out / f"{name}.{'txt' if isinstance(data, str) else 'bin'}").write_bytes(blob)
    (out / f"{name}.traceback").write_text("".join(traceback.format_exception(exc)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs in all")
    parser.add_argument("--jobs", type=int, default=1, help="processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take")
    parser.add_argument("--out", default="fuzz/findings", help="folder for failing inputs")
    parser.add_argument(
        "--minutes", type=float, default=0, help="stop after this long even if --count is not met"
    )
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    share = [args.count // args.jobs + (i < args.count % args.jobs) for i in range(args.jobs)]
    started = time.monotonic()
    stop = time.time() + args.minutes * 60 if args.minutes else float("inf")
    with multiprocessing.Pool(args.jobs) as pool:
        reports = pool.starmap(
            _run, [(i, n, args.seed, out, args.timeout, stop) for i, n in enumerate(share)]
        )
    failures: dict[str, int] = {}
    for report in reports:
        for key, n in report["failures"].items():  # type: ignore[attr-defined]
            failures[key] = failures.get(key, 0) + n
    summary = {
        "inputs": sum(int(r["inputs"]) for r in reports),  # type: ignore[call-overload]
        "seconds": round(time.monotonic() - started, 1),
        "failures": failures,
    }
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
