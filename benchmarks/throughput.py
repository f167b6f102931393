"""Throughput and memory of ``parse_many`` on a synthetic corpus (a script, not a test).

    python benchmarks/throughput.py 100000 --workers 2

Reports are made on the fly (never held in memory): an ``f2021`` report with
random counts is rendered in the official layout, so every one holds three
tables, 200 cells and a title.  The script streams them through
``parse_many``, keeps only counts, and prints documents per second and the
peak resident memory of this process and of its workers.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections.abc import Iterator

import zwgk


def synthetic(count: int, seed: int = 0) -> Iterator[zwgk.RawText]:
    rng = random.Random(seed)
    tree = zwgk.indicator_tree("f2021")
    for i in range(count):
        tables = []
        for template in tree.tables:
            cells = []
            for row in template.walk():
                if row.group:
                    continue
                for column in template.columns_of(row):
                    n = rng.randrange(0, 60)
                    cells.append(
                        zwgk.Cell(
                            indicator=row.id,
                            column=column.id,
                            row_labels=(row.label,),
                            column_labels=column.labels,
                            raw=str(n),
                            value=n,
                            token_class=zwgk.TokenClass.NUMBER if n else zwgk.TokenClass.ZERO,
                        )
                    )
            tables.append(
                zwgk.StatTable(id=template.qualified_id, format=tree.format, cells=tuple(cells))
            )
        report = zwgk.AnnualReport(
            title=f"第{i}号机关2023年度政府信息公开工作年度报告", tables=tuple(tables)
        )
        yield zwgk.RawText(zwgk.render(report), source=f"synthetic/{i}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    ok = cells = 0
    for result in zwgk.parse_many(synthetic(args.count), workers=args.workers, progress=False):
        if result.document is not None and isinstance(result.document, zwgk.AnnualReport):
            ok += 1
            cells += sum(len(t.cells) for t in result.document.tables)
    elapsed = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{args.count} documents, {ok} reports, {cells} cells in {elapsed:.1f} s: "
        f"{args.count / elapsed:.0f} documents/s; peak RSS {own:.0f} MiB (main), "
        f"{children:.0f} MiB (largest worker)"
    )


if __name__ == "__main__":
    main()
