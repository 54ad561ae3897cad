"""Typed frames and Arrow tables on N reports: time and memory.

    python benches/python/frames.py [--reports 10000]

The reports are the texts of tests/corpus replicated (checked once with
check_many); then cells_dataframe, cells_arrow, cell_states_dataframe and
findings_arrow are timed (best of 3) and their memory measured: the Python
allocations at their peak (tracemalloc) and the size of the result
(DataFrame.memory_usage(deep=True), Table.nbytes).
"""

import argparse
import gc
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any, Callable, List, Tuple

import ogi_report

ROOT = Path(__file__).resolve().parents[2]


def measure(fn: Callable[[], Any], rounds: int = 3) -> Tuple[float, float, Any]:
    best = float("inf")
    out: Any = None
    for _ in range(rounds):
        out = None
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    out = None
    gc.collect()
    tracemalloc.start()
    out = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak / 2**20, out


def size(obj: Any) -> float:
    if hasattr(obj, "memory_usage"):
        return float(obj.memory_usage(deep=True).sum()) / 2**20
    return float(obj.nbytes) / 2**20


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10000)
    args = ap.parse_args()
    texts = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    sources: List[bytes] = [texts[i % len(texts)] for i in range(args.reports)]
    names = [f"{i}.txt" for i in range(args.reports)]
    t0 = time.perf_counter()
    results = ogi_report.check_many(sources, names=names)
    print(f"check_many: {args.reports} reports in {time.perf_counter() - t0:.2f} s")
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'call':<24} {'time':>8} {'peak alloc':>11} {'result':>9}")
    for name, fn in [
        ("cells_dataframe", lambda: ogi_report.cells_dataframe(results)),
        ("cells_arrow", lambda: ogi_report.cells_arrow(results)),
        ("cell_states_dataframe", lambda: ogi_report.cell_states_dataframe(results)),
        ("to_dataframe", lambda: ogi_report.to_dataframe(results)),
        ("findings_arrow", lambda: ogi_report.findings_arrow(results)),
    ]:
        t, peak, out = measure(fn)
        shape = f"{len(out)}x{len(out.columns)}" if hasattr(out, "columns") else f"{out.num_rows}x{out.num_columns}"
        print(f"{name:<24} {t:7.2f}s {peak:9.1f} MB {size(out):7.1f} MB  ({shape})")
        del out
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss0:.0f} MB after check_many, {rss1:.0f} MB at the end (python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
