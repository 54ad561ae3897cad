"""Benchmark: ogi_report against a plain pydantic v2 peer on the same inputs.

    python benches/python/bench.py [--files 10000] [--rounds 5] [--write]

Inputs: every report of tests/corpus (text), and the nested dict of each parsed
report plus a copy with a changed count in table 3 and in table 4 (so the
rules fire). The peer (peer_pydantic.py) validates the nested dict with a
pydantic v2 model and applies the table rules (T3 balance, outcome totals, row
totals; T4 group totals) in Python; both must report the same violations.
ogi_report does more per report (every cell, prose, sections...), and still:

- validate(dict)  vs peer validate(dict)
- validate(json)  vs peer model_validate_json + rules
- check(text)     (parse + every rule) vs the peer validating the already-parsed dict
- check(text)     vs a peer that parses the text itself (peer_text.py: label
                  search + the numbers after each label) and validates with the
                  same model and rules; how many table-3 numbers it reads, and
                  how many equal ogi_report's, is printed with the table
- check_many      throughput over the corpus replicated to --files files

--write records the numbers and the command in benches/python/RESULTS.md.
"""

import argparse
import copy
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Set, Tuple

import pydantic
import pydantic_core

import ogi_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer_pydantic  # noqa: E402
import peer_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TABLE_RULES = ("t3.balance", "t3.outcome_total", "t3.row_total", "t4.group_total")


def perturbed(d: Dict[str, Any]) -> Dict[str, Any]:
    """A copy with one count of table 3 and one of table 4 changed (when they hold ints)."""
    d = copy.deepcopy(d)
    t3, t4 = d.get("t3"), d.get("t4")
    if t3 and type(t3["new_received"]["natural_person"]) is int:
        t3["new_received"]["natural_person"] += 1
    if t4 and type(t4["review"]["upheld"]) is int:
        t4["review"]["upheld"] += 2
    return d


def violations_ogi(d: Any) -> Set[Tuple[str, str, Any, Any]]:
    return {(f.code, f.path, f.expected, f.actual) for f in ogi_report.validate(d)
            if f.code in TABLE_RULES}


def violations_peer(d: Dict[str, Any]) -> Set[Tuple[str, str, Any, Any]]:
    return {(v["code"], v["path"], v["expected"], v["actual"]) for v in peer_pydantic.validate(d)}


def t3_numbers(d: Any) -> Dict[str, Any]:
    """Table 3's whole-number cells of a nested dict, by path."""
    out: Dict[str, Any] = {}

    def walk(x: Any, path: str) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{path}.{k}")
        elif type(x) is int:
            out[path] = x

    walk(d.get("t3") or {}, "t3")
    return out


def peer_text_reads(strs: Sequence[str]) -> str:
    """One line: how many of the table-3 numbers ogi_report reads the text peer reads too."""
    ours = theirs = equal = 0
    for s in strs:
        a = t3_numbers(ogi_report.parse(s).to_dict())
        b = t3_numbers(peer_text.parse(s))
        ours += len(a)
        theirs += sum(1 for k in a if k in b)
        equal += sum(1 for k, v in a.items() if b.get(k) == v)
    n = len(strs)
    return (f"peer_text read {theirs / n:.1f} of the {ours / n:.1f} table-3 numbers that "
            f"ogi_report reads per report ({theirs} of {ours} over {n} reports), "
            f"{equal} of them equal")


def best_per_call(fn: Callable[[Any], Any], items: Sequence[Any], rounds: int) -> float:
    """CPU seconds per call (this thread's CPU time, so other load on the machine
    counts less): the best of `rounds` passes over `items`, after a warm-up pass."""
    for x in items:
        fn(x)
    best = float("inf")
    reps = max(1, 2000 // len(items))
    for _ in range(rounds):
        t0 = time.thread_time()
        for _ in range(reps):
            for x in items:
                fn(x)
        best = min(best, (time.thread_time() - t0) / (reps * len(items)))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10_000, help="files for the check_many run")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help="write benches/python/RESULTS.md")
    args = ap.parse_args()

    texts = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))]
    strs = [t.decode("utf-8") for t in texts]
    # Reports whose format the text does not show (no table) have nothing for the peer's
    # table rules, which need a format.
    reports = [r for r in (ogi_report.parse(t) for t in strs) if r.format is not None]
    dicts = [r.to_dict() for r in reports]
    dicts += [perturbed(d) for d in dicts]
    jsons = [json.dumps(d, ensure_ascii=False) for d in dicts]

    # Same inputs, same answers.
    fired = 0
    for d in dicts:
        ours, theirs = violations_ogi(d), violations_peer(d)
        assert ours == theirs, (ours, theirs)
        fired += len(ours)
    assert fired > 0

    def peer_json(s: str) -> Any:
        return peer_pydantic.table_rules(peer_pydantic.Report.model_validate_json(s))

    rows: List[Tuple[str, float, float]] = []  # (what, ours, peer) seconds per call
    tables = [{k: d[k] for k in ("format", "year", "agency", "t2", "t3", "t4")} for d in dicts]
    t_ogi = best_per_call(ogi_report.validate, tables, args.rounds)
    t_peer = best_per_call(peer_pydantic.validate, tables, args.rounds)
    rows.append(("validate(dict), tables only, vs peer model_validate(dict) + rules",
                 t_ogi, t_peer))
    # The dicts above come from to_dict, whose keys are the schema's own
    # interned strings (as literal keys in Python code are); json.loads makes
    # keys of its own, which each lookup compares by value.
    loaded = [json.loads(json.dumps(t, ensure_ascii=False)) for t in tables]
    t_ogi = best_per_call(ogi_report.validate, loaded, args.rounds)
    t_peer = best_per_call(peer_pydantic.validate, loaded, args.rounds)
    rows.append(("the same, dicts from json.loads (keys compared by value)", t_ogi, t_peer))
    t_ogi = best_per_call(ogi_report.validate, dicts, args.rounds)
    t_peer = best_per_call(peer_pydantic.validate, dicts, args.rounds)
    rows.append(("validate(dict), with sections and sources, vs the same", t_ogi, t_peer))
    t_ogi_j = best_per_call(ogi_report.validate, jsons, args.rounds)
    t_peer_j = best_per_call(peer_json, jsons, args.rounds)
    rows.append(("validate(json str) vs peer model_validate_json + rules", t_ogi_j, t_peer_j))
    parsed = [ogi_report.Report.from_dict(d) for d in tables]
    t_ogi_r = best_per_call(ogi_report.validate, parsed, args.rounds)
    t_peer_r = best_per_call(peer_pydantic.table_rules,
                             [peer_pydantic.Report.model_validate(d) for d in tables], args.rounds)
    rows.append(("validate(Report), tables only, vs peer rules on a built model",
                 t_ogi_r, t_peer_r))
    t_check = best_per_call(ogi_report.check, strs, args.rounds)
    t_peer_c = best_per_call(peer_pydantic.validate, tables[: len(strs)], args.rounds)
    rows.append(("check(text): parse + every rule, vs peer on the parsed dict", t_check, t_peer_c))
    t_peer_t = best_per_call(peer_text.check, strs, args.rounds)
    rows.append(("check(text) vs peer parsing the text itself (label search + next numbers) "
                 "+ pydantic rules", t_check, t_peer_t))
    reads = peer_text_reads(strs)

    n = args.files
    batch = [texts[i % len(texts)] for i in range(n)]
    many: List[Tuple[str, float, float]] = []  # (what, files per second, CPU ms per file)
    for threads in (None, 1):
        t0, c0 = time.perf_counter(), time.process_time()
        res = ogi_report.check_many(batch, threads=threads)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        assert len(res) == n
        many.append((f"check_many, {n} files, threads={threads or os.cpu_count()}", n / dt,
                     cpu / n * 1e3))
    m = n // 10
    t0, c0 = time.perf_counter(), time.process_time()
    for b in batch[:m]:
        ogi_report.check(b)
    many.append((f"check() in a loop, {m} files", m / (time.perf_counter() - t0),
                 (time.process_time() - c0) / m * 1e3))
    has_pandas = _has_pandas()  # imports pandas outside the timing
    t0 = time.perf_counter()
    df = ogi_report.to_dataframe(res) if has_pandas else None
    frame = (f"to_dataframe of {n} results: {len(df)} findings in "
             f"{time.perf_counter() - t0:.2f} s") if df is not None else "pandas not installed"

    versions = (f"ogi_report {ogi_report.__version__}, pydantic {pydantic.VERSION}, "
                f"pydantic-core {pydantic_core.__version__}, Python {platform.python_version()}, "
                f"{platform.machine()}, {os.cpu_count()} cores")
    load = "load average at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"Peers: {versions}",
        f"Inputs: {len(strs)} corpus reports; {len(dicts)} nested dicts "
        f"(each report and a copy with changed counts; {fired} table violations, "
        f"the same in both); per-call times are CPU time, best of {args.rounds} rounds",
        "",
        "| what | ogi_report | peer | ratio |",
        "|---|---|---|---|",
    ]
    for what, t_ours, t_peer in rows:
        lines.append(f"| {what} | {t_ours * 1e6:,.1f} µs | {t_peer * 1e6:,.1f} µs | "
                     f"{t_peer / t_ours:,.1f}x |")
    lines += ["", reads]
    lines += ["", "| throughput | files/s (wall) | CPU ms per file |", "|---|---|---|"]
    lines += [f"| {what} | {rate:,.0f} | {cpu:.2f} |" for what, rate, cpu in many]
    lines += ["", frame, "", load + " (other builds share this machine)"]
    print("\n".join(lines))

    if args.write:
        cmd = "python benches/python/bench.py " + " ".join(sys.argv[1:])
        out = ROOT / "benches" / "python" / "RESULTS.md"
        out.write_text(
            "# Python benchmark results\n\n"
            f"Measured with `{cmd.strip()}` (wheel built by maturin, release), "
            f"on {time.strftime('%Y-%m-%d')}.\n\n" + "\n".join(lines) + "\n",
            encoding="utf-8",
        )
        print(f"\nwritten to {out}")
    return 0


def _has_pandas() -> bool:
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
