#!/usr/bin/env python3
"""Check a crawl on many workers: the same pure function in every partition.

With ``dask.distributed`` installed (``pip install "dask[distributed]"``), the
files are checked as a Dask bag on a cluster: a local one (``LocalCluster``,
one process per worker) by default, or a running cluster whose scheduler is
named by ``--scheduler tcp://HOST:8786``. Without Dask, the same partition
function runs in a local process pool, so the example always runs. On Spark,
use ``rdd.mapPartitions(check_partition)`` with the same function.

Each partition is read and checked on its worker with one ``check_many`` call
(parallel in Rust, GIL released); the ``CheckResult`` objects pickle back to
this process. On a real cluster the paths must be readable on the workers (a
shared file system), or ``check_partition`` reads them with fsspec instead.

    python examples/python/cluster.py DIR [--partitions N] [--workers N] [--scheduler ADDRESS]

Prints one line per report with findings of error severity, then a summary.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import ogi_report

Row = Tuple[str, ogi_report.CheckResult]  # a file and what checking it gave


def check_partition(paths: Iterable[str]) -> List[Row]:
    """Reads and checks the files of one partition (runs on a worker).

    A file that cannot be read as a report gives its own result (an
    ``input.unsupported`` finding), so one bad file never costs the partition.
    """
    paths = list(paths)
    sources = [Path(p).read_bytes() for p in paths]
    # Each result carries its file's name (`CheckResult.name`) back to the driver.
    return list(zip(paths, ogi_report.check_many(sources, names=paths)))


def run(
    files: List[str], partitions: int, client: Any = None, timeout: Optional[float] = None
) -> List[Row]:
    """Checks ``files`` in ``partitions`` partitions, in the order of ``files``.

    ``client`` is a ``dask.distributed.Client`` (of a ``LocalCluster`` or of a
    real cluster's scheduler); without one, a local process pool does the work.
    ``timeout`` (seconds) bounds the wait for the cluster's results.
    """
    partitions = max(1, min(partitions, len(files) or 1))
    if client is None:
        size = -(-len(files) // partitions)
        chunks = [files[i : i + size] for i in range(0, len(files), size)]
        with ProcessPoolExecutor(max_workers=partitions) as pool:
            return [row for part in pool.map(check_partition, chunks) for row in part]
    # Imported as modules of unknown type: dask's own hints are partial.
    db: Any = importlib.import_module("dask.bag")
    bag = db.from_sequence(files, npartitions=partitions).map_partitions(check_partition)
    rows: List[Row] = list(client.compute(bag).result(timeout=timeout))
    return rows


def dask_client(scheduler: Optional[str], workers: int, stack: contextlib.ExitStack) -> Any:
    """A client of the cluster at ``scheduler``, or of a new local cluster;
    ``None`` when ``dask.distributed`` is not installed (and no scheduler is named)."""
    try:
        distributed: Any = importlib.import_module("dask.distributed")
    except ImportError:
        if scheduler:
            raise SystemExit("--scheduler needs dask.distributed: pip install 'dask[distributed]'")
        return None
    if scheduler:
        return stack.enter_context(distributed.Client(scheduler, timeout=30))
    cluster = stack.enter_context(
        distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    )
    return stack.enter_context(distributed.Client(cluster, timeout=30))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder")
    ap.add_argument("--partitions", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2, help="workers of the local cluster")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://HOST:8786)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds to wait for the results")
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.folder).rglob("*") if p.suffix.lower() in {".txt", ".html", ".htm", ".json"})
    with contextlib.ExitStack() as stack:
        client = dask_client(args.scheduler, max(1, args.workers), stack)
        rows = run(files, max(1, args.partitions), client, args.timeout)
    by_code: Dict[str, int] = {}
    for path, result in rows:
        errors = sorted({f.code for f in result.findings if f.severity == "error"})
        for c in errors:
            by_code[c] = by_code.get(c, 0) + 1
        if errors:
            r = result.report
            print(f"{path}: {r.agency or ''} {r.year or ''}: {', '.join(errors)}")
    engine = "a Dask cluster" if client is not None else "a process pool"
    print(f"{len(rows)} reports checked in {args.partitions} partitions on {engine}; "
          f"errors by code: {by_code or 'none'}")
    return 1 if by_code else 0


if __name__ == "__main__":
    sys.exit(main())
