#!/usr/bin/env python3
"""Check a crawl on many workers: the same pure functions in every partition.

With Dask installed (``pip install "dask[bag]"``) the files are checked in a
Dask bag, one partition per worker; without it, the same partition function
runs in a local process pool, so the example always runs. On a cluster, point
``dask.distributed.Client`` at the scheduler before calling ``run``; on Spark,
use ``rdd.mapPartitions(check_partition)`` with the same function.

    python examples/python/cluster.py DIR [--partitions N]

Prints one line per report with findings of error severity, then a summary.
"""
from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Tuple

import ogi_report

Row = Tuple[str, str, int, List[str]]  # file, agency, year, error codes


def check_partition(paths: Iterable[str]) -> Iterator[Row]:
    """Reads and checks the files of one partition (runs on a worker)."""
    paths = list(paths)
    sources = [Path(p).read_bytes() for p in paths]
    # One batch per partition: parallel in Rust, GIL released.
    for path, result in zip(paths, ogi_report.check_many(sources)):
        errors = sorted({f.code for f in result.findings if f.severity == "error"})
        yield path, result.report.agency or "", result.report.year or 0, errors


def run(files: List[str], partitions: int) -> List[Row]:
    """Checks `files` in `partitions` partitions, with Dask when it is installed."""
    chunks = [files[i::partitions] for i in range(partitions) if files[i::partitions]]
    try:
        import dask.bag as db  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        with ProcessPoolExecutor(max_workers=partitions) as pool:
            return [row for part in pool.map(_check_list, chunks) for row in part]
    bag = db.from_sequence(files, npartitions=partitions)
    return list(bag.map_partitions(check_partition).compute())


def _check_list(paths: List[str]) -> List[Row]:
    return list(check_partition(paths))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--partitions", type=int, default=2)
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.folder).rglob("*") if p.suffix.lower() in {".txt", ".html", ".htm", ".json"})
    rows = run(files, max(1, args.partitions))
    by_code: Dict[str, int] = {}
    for path, agency, year, errors in rows:
        for c in errors:
            by_code[c] = by_code.get(c, 0) + 1
        if errors:
            print(f"{path}: {agency} {year}: {', '.join(errors)}")
    print(f"{len(rows)} reports checked in {args.partitions} partitions; errors by code: {by_code or 'none'}")
    return 1 if by_code else 0


if __name__ == "__main__":
    sys.exit(main())
