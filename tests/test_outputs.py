"""Parse results of the seeds and dev corpus are the ones recorded.

A change that should not alter results (speed, refactoring) keeps every digest;
one that should reruns ``python scripts/record_outputs.py`` and commits the new
digests, so the diff names each document whose reading changed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import record_outputs  # noqa: E402

KEPT: dict[str, str] = json.loads(record_outputs.RECORD.read_text(encoding="utf-8"))
PATHS = [p.relative_to(ROOT).as_posix() for p in record_outputs.documents()]


def test_every_document_has_a_digest() -> None:
    assert sorted(KEPT) == sorted(PATHS)


@pytest.mark.parametrize("name", PATHS)
def test_output_is_the_recorded_one(name: str) -> None:
    assert record_outputs.digest(ROOT / name) == KEPT[name], (
        f"{name} now reads differently; if that is intended, run scripts/record_outputs.py"
    )
