"""The Dask path gives the facts the single-machine path gives, on a local cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

import zwgk

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


def _sorted(frame):  # type: ignore[no-untyped-def]
    keys = ["document", "kind", "span_start", "span_end", "indicator", "column"]
    return frame.sort_values(keys, na_position="first").reset_index(drop=True)


def test_dask_facts_match_the_single_machine_path(tmp_path: Path) -> None:
    paths = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    corpus = ROOT / "tests" / "corpus" / "dev"
    paths += sorted(str(p) for p in corpus.glob("0[01]*.txt"))
    docs = [zwgk.parse(Path(p).read_bytes(), source=p) for p in paths]
    expected = zwgk.to_frame(docs, kind="facts")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    with cluster, distributed.Client(cluster):
        lazy = zwgk.dask_facts([*paths, str(tmp_path / "missing.txt")], npartitions=4)
        got = lazy.compute()
        lazy.to_parquet(tmp_path / "facts")
    assert list(got.columns) == list(expected.columns)
    assert list(got.dtypes) == list(expected.dtypes)
    assert _sorted(got).equals(_sorted(expected))
    assert len(list((tmp_path / "facts").glob("*.parquet"))) == 4


def test_empty_input_gives_the_empty_frame() -> None:
    frame = zwgk.dask_facts([]).compute()
    assert len(frame) == 0
    assert list(frame.columns) == list(zwgk.to_frame([], kind="facts").columns)
