"""Coverage-guided fuzzing of the parser with atheris (not part of CI).

    python -m pip install atheris
    python fuzz/fuzz_parse.py -max_total_time=600 -rss_limit_mb=4096 fuzz/corpus

The seeds and the dev corpus make a good starting corpus (copy them into
``fuzz/corpus``).  Any exception other than zwgk's own documented errors is a
crash, and atheris stops with the input that caused it.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import zwgk


def test_one_input(data: bytes) -> None:
    try:
        doc = zwgk.parse(data)
    except zwgk.ZwgkError:
        return
    zwgk.validate(doc)
    assert zwgk.from_json(zwgk.to_json(doc)) == doc


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
