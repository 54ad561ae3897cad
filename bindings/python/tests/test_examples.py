"""The examples run: the folder validator writes both CSVs; the quickstart runs."""

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

import ogi_report
from conftest import CORPUS, ROOT

pytest.importorskip("pandas")
EXAMPLES = ROOT / "examples" / "python"


def run(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=300)


def test_validate_folder(tmp_path: Path, corpus: List[Path]) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    for p in corpus[:6]:
        (folder / p.name).write_bytes(p.read_bytes())
    gbk = corpus[6]
    (folder / "sub" / "gbk.txt").write_bytes(gbk.read_text(encoding="utf-8").encode("gb18030"))
    report = ogi_report.parse(corpus[0].read_text(encoding="utf-8"))
    (folder / "flat.json").write_text(json.dumps(report.to_flat(), ensure_ascii=False),
                                      encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><body><table><tr><td>一、本年新收政府信息公开申请数量</td>"
        + "<td>2</td>" * 7 + "</tr></table></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    proc = run(str(EXAMPLES / "validate_folder.py"), str(folder), "--out", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    assert "\r[" not in proc.stderr  # no progress bar when not a terminal
    with open(out / "cells.csv", encoding="utf-8") as f:
        cells = list(csv.DictReader(f))
    names = sorted(r["file"] for r in cells)
    assert names == sorted([p.name for p in corpus[:6]] + ["sub/gbk.txt", "flat.json", "page.html"])
    by_name = {r["file"]: r for r in cells}
    assert by_name["flat.json"]["t3.new_received.total"] == str(report.cell("t3.new_received.total"))
    assert by_name["page.html"]["t3.new_received.total"] == "2"
    with open(out / "findings.csv", encoding="utf-8") as f:
        findings = list(csv.DictReader(f))
    direct = ogi_report.check((folder / corpus[1].name).read_bytes())
    mine = [r for r in findings if r["file"] == corpus[1].name]
    assert [(r["code"], r["path"]) for r in mine] == [(x.code, x.path) for x in direct.findings]

    # A file that cannot be read is named, and the rest goes on (exit status 2).
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    proc = run(str(EXAMPLES / "validate_folder.py"), str(folder), "--out", str(out))
    assert proc.returncode == 2 and "broken.json" in proc.stderr
    assert len(list(csv.DictReader(open(out / "cells.csv", encoding="utf-8")))) == len(cells)


def test_quickstart() -> None:
    proc = run(str(EXAMPLES / "quickstart.py"), str(CORPUS / "003_pingtan_2021_concat.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "t4.group_total at t4.review.total" in proc.stdout


def test_progress_bar_only_on_a_terminal() -> None:
    import importlib.util
    import io

    spec = importlib.util.spec_from_file_location("validate_folder", EXAMPLES / "validate_folder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = module.Progress(4, stream)
        bar.advance(1)
        bar.advance(3)
        bar.close()
    assert "\r[#######" in tty.getvalue() and "4/4 files" in tty.getvalue()
    assert pipe.getvalue() == ""


def test_cluster_example_checks_every_report_in_partitions(tmp_path: Path, corpus: List[Path]) -> None:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for p in corpus:
        (folder / p.name).write_bytes(p.read_bytes())
    proc = run(str(EXAMPLES / "cluster.py"), str(folder), "--partitions", "3")
    assert proc.returncode in (0, 1), proc.stderr
    assert f"{len(corpus)} reports checked in 3 partitions" in proc.stdout, proc.stdout
