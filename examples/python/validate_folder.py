"""Check every report in a folder and write the findings and the cells as CSV.

    python examples/python/validate_folder.py DIR [--out OUTDIR] [--threads N]

Reads DIR (recursively) for .txt and .html reports (any encoding: UTF-8,
GB18030...) and .json reports (nested or flat form), checks them in parallel
and writes OUTDIR/findings.csv (one row per finding) and OUTDIR/cells.csv (one
row per report, one column per canonical path). A progress bar is drawn on a
terminal, none otherwise. Exit status: 0 no errors, 1 error-level findings,
2 some file could not be read at all (it is named on stderr; the rest goes on).

Needs pandas: pip install 'ogi_report[pandas]'.
"""

import argparse
import sys
import time
from pathlib import Path
from typing import List, Literal, Optional, Sequence, TextIO, Tuple, Union

import ogi_report
from ogi_report import CheckResult, OgiError, Report

SUFFIXES = (".txt", ".html", ".htm", ".json")
CHUNK = 256


class Progress:
    """A one-line progress bar on a terminal; silent when the stream is not a tty."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.enabled = stream.isatty() and total > 0
        self.start = time.perf_counter()

    def advance(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        width = 30
        filled = width * self.done // self.total
        rate = self.done / max(time.perf_counter() - self.start, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files"
            f"  {rate:,.0f} files/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def load(path: Path) -> Union[bytes, Report]:
    """The input for check(): the raw bytes of a text or HTML report, or a Report from JSON."""
    raw = path.read_bytes()
    if path.suffix.lower() == ".json":
        return Report.from_json(raw)
    return raw


def kind_of(path: Path) -> Literal["auto", "html"]:
    return "html" if path.suffix.lower() in (".html", ".htm") else "auto"


def check_folder(
    folder: Path, threads: Optional[int] = None
) -> Tuple[List[str], List[CheckResult], List[Tuple[str, str]]]:
    """Checks every report under `folder`: (names, results, unreadable files with the reason)."""
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    names: List[str] = []
    results: List[CheckResult] = []
    failed: List[Tuple[str, str]] = []
    bar = Progress(len(paths))
    for start in range(0, len(paths), CHUNK):
        chunk = paths[start : start + CHUNK]
        kinds: Tuple[Literal["auto", "html"], ...] = ("auto", "html")
        for kind in kinds:
            batch: List[Union[bytes, Report]] = []
            batch_names: List[str] = []
            for p in chunk:
                if kind_of(p) != kind:
                    continue
                name = str(p.relative_to(folder))
                try:
                    batch.append(load(p))
                    batch_names.append(name)
                except (OgiError, OSError) as e:
                    failed.append((name, str(e)))
            checked: List[Optional[CheckResult]]
            try:
                checked = list(ogi_report.check_many(batch, kind=kind, threads=threads))
            except OgiError:  # a file that is not text at all: check them one by one
                checked = []
                for name, item in zip(batch_names, batch):
                    try:
                        checked.append(ogi_report.check(item, kind=kind))
                    except OgiError as e:
                        failed.append((name, str(e)))
                        checked.append(None)
            for name, res in zip(batch_names, checked):
                if res is not None:
                    names.append(name)
                    results.append(res)
        bar.advance(len(chunk))
    bar.close()
    return names, results, failed


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of .txt, .html and .json reports")
    parser.add_argument("--out", type=Path, default=Path("."), help="where to write the CSVs")
    parser.add_argument("--threads", type=int, default=None, help="worker threads (default: all)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        parser.error(f"not a folder: {args.folder}")

    names, results, failed = check_folder(args.folder, args.threads)
    findings = ogi_report.to_dataframe(results)
    findings.insert(0, "file", [names[i] for i in findings["report"]])
    findings = findings.drop(columns=["report"])
    cells = ogi_report.cells_dataframe(results)
    cells.insert(0, "file", names)

    args.out.mkdir(parents=True, exist_ok=True)
    findings.to_csv(args.out / "findings.csv", index=False)
    cells.to_csv(args.out / "cells.csv", index=False)

    for name, reason in failed:
        print(f"{name}: {reason}", file=sys.stderr)
    errors = int((findings["severity"] == "error").sum())
    print(
        f"{len(results)} reports, {len(findings)} findings ({errors} errors)"
        f"{f', {len(failed)} unreadable' if failed else ''}"
        f" -> {args.out / 'findings.csv'}, {args.out / 'cells.csv'}"
    )
    if failed:
        return 2
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
