"""Calls to count under callgrind, for instruction counts per call.

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benches/python/calls.py KIND N

Run it with N and with 0: (the two counts' difference) / (N x the calls of one
round) is the count per call. KIND, each over the corpus reports that have tables:

- tables: validate(dict) of tables 2-4 and the metadata, each report and a copy
  with changed counts (as bench.py's first row);
- whole:  validate(dict) of each report's to_dict(), sections and sources too;
- json:   validate(str) of the same as JSON text;
- check:  check(text) of every corpus text, a new str each call (so that no
  UTF-8 the interpreter cached on an earlier call is reused).

The number of calls of one round is printed to stderr.
"""

import json
import sys
from pathlib import Path
from typing import Any, Callable, List

import ogi_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import perturbed  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    kind, n = sys.argv[1], int(sys.argv[2])
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    reports = [r for r in (ogi_report.parse(t) for t in texts) if r.format is not None]
    dicts = [r.to_dict() for r in reports]
    items: List[Any]
    call: Callable[[Any], Any] = ogi_report.validate
    if kind == "tables":
        both = dicts + [perturbed(d) for d in dicts]
        items = [{k: d[k] for k in ("format", "year", "agency", "t2", "t3", "t4")} for d in both]
    elif kind == "whole":
        items = dicts
    elif kind == "json":
        items = [json.dumps(d, ensure_ascii=False) for d in dicts]
    elif kind == "check":
        items = texts
        call = lambda t: ogi_report.check(t + "\n")  # noqa: E731
    else:
        print(f"unknown KIND {kind!r}: tables, whole, json or check", file=sys.stderr)
        return 2
    print(f"{len(items)} calls a round", file=sys.stderr)
    for _ in range(n):
        for x in items:
            call(x)
    return 0


if __name__ == "__main__":
    sys.exit(main())
