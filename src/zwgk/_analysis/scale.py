"""Scaling out on Dask: a bag of paths → parsed documents → a facts DataFrame → Parquet.

Needs the ``dask`` extra (``pip install 'zwgk[dask]'``).  Documents and
facts are built inside the workers, so only the facts travel; the result is
the same frame as `zwgk.to_frame` on one machine.
"""

from __future__ import annotations

import importlib
import operator
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zwgk._analysis.facts import facts
from zwgk._analysis.frames import facts_frame
from zwgk._errors import MissingExtraError, ZwgkError
from zwgk._parse.dispatch import parse


def _facts_of_paths(paths: Iterable[str]) -> Any:
    docs = []
    for path in paths:
        try:
            docs.append(parse(Path(path).read_bytes(), source=str(path)))
        except (OSError, ZwgkError):
            continue  # as parse_many does: a bad file costs its own rows only
    return facts_frame(facts(docs), feature="dask_facts")


def dask_facts(paths: Sequence[str | os.PathLike[str]], *, npartitions: int | None = None) -> Any:
    """A Dask DataFrame of the facts of these files, parsed on the Dask workers.

    Its columns and dtypes are those of ``to_frame(docs, kind="facts")``; call
    ``.compute()`` for a pandas frame or ``.to_parquet(path)`` to write it.
    Files that cannot be read or parsed give no rows. Raises
    `zwgk.MissingExtraError` when Dask is not installed.

    Examples:
        >>> import zwgk
        >>> frame = zwgk.dask_facts(["seeds/003_cfccfa7d233b51e6.txt"]).compute()
        >>> int(frame.loc[frame.indicator == "apps_received", "value_int"].iloc[0])
        25
    """
    try:
        db: Any = importlib.import_module("dask.bag")
        dd: Any = importlib.import_module("dask.dataframe")
        delayed: Any = importlib.import_module("dask").delayed
    except ImportError:  # pragma: no cover - depends on the environment
        raise MissingExtraError("dask", "dask_facts") from None
    names = [os.fspath(p) for p in paths]
    meta = facts_frame([], feature="dask_facts")
    if not names:
        return dd.from_pandas(meta, npartitions=1)
    bag = db.from_sequence(names, npartitions=npartitions or min(len(names), 64))
    # Each partition of paths becomes one pandas frame of facts, built on its worker.
    frames = bag.map_partitions(_one_frame).to_delayed()
    return dd.from_delayed([delayed(operator.itemgetter(0))(f) for f in frames], meta=meta)


def _one_frame(paths: Iterable[str]) -> list[Any]:
    return [_facts_of_paths(paths)]
