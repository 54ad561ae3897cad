"""The examples run: the folder validator writes both CSVs; the quickstart runs."""

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, List

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


def load_cluster_example() -> Any:
    """examples/python/cluster.py as a module that is not in sys.modules, so
    that Dask ships its functions to the workers by value (as from a script)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("cluster_example", EXAMPLES / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[Any]:
    """A real dask.distributed cluster: two worker processes, one thread each."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True
    ) as cluster:
        yield cluster


def test_cluster_example_on_dask_distributed(
    tmp_path: Path, corpus: List[Path], dask_cluster: Any
) -> None:
    """The crawl checked on two Dask worker processes equals check_many's results,
    every CheckResult having pickled its way back to the driver."""
    import os
    import pickle
    import time

    from dask.distributed import Client

    folder = tmp_path / "crawl"
    folder.mkdir()
    for p in corpus:
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "zz_binary.txt").write_bytes(b"\x7fELF\n\x00\x01\x02")  # one bad file (not text, no known file)
    files = sorted(str(p) for p in folder.iterdir())
    cluster = load_cluster_example()
    t0 = time.perf_counter()
    with Client(dask_cluster, timeout=30) as client:
        workers = client.run(os.getpid)
        assert len(workers) == 2 and os.getpid() not in workers.values()
        rows = cluster.run(files, partitions=4, client=client, timeout=60)
        # A single result sent back as it is: it pickles too.
        one = client.submit(ogi_report.check, Path(files[0]).read_bytes()).result(timeout=30)
    took = time.perf_counter() - t0
    expected = ogi_report.check_many([Path(f).read_bytes() for f in files], names=files)
    assert [path for path, _ in rows] == files
    assert [r.name for _, r in rows] == files  # the names came back too
    results = [r for _, r in rows]
    assert all(type(r) is ogi_report.CheckResult for r in results)
    assert results == expected
    assert [(r.report, r.findings, r.kind, r.encoding) for r in results] == [
        (r.report, r.findings, r.kind, r.encoding) for r in expected
    ]
    assert one.report == expected[0].report and one.findings == expected[0].findings
    assert [f.code for f in results[-1].findings] == ["input.unsupported"]
    assert pickle.loads(pickle.dumps(rows)) == rows
    assert took < 60, took


def test_cluster_example_script_on_a_running_scheduler(
    tmp_path: Path, corpus: List[Path], dask_cluster: Any
) -> None:
    """The script pointed at a running scheduler by its address (as at a real cluster)."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    for p in corpus:
        (folder / p.name).write_bytes(p.read_bytes())
    proc = run(str(EXAMPLES / "cluster.py"), str(folder), "--partitions", "3",
               "--scheduler", dask_cluster.scheduler_address, "--timeout", "60")
    assert proc.returncode in (0, 1), proc.stderr
    assert f"{len(corpus)} reports checked in 3 partitions on a Dask cluster" in proc.stdout, proc.stdout


def test_cluster_example_without_dask(tmp_path: Path, corpus: List[Path]) -> None:
    """Without Dask, the same partition function runs in a local process pool
    (in a fresh interpreter: forking this one, which runs a cluster's threads, could hang)."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    for p in corpus:
        (folder / p.name).write_bytes(p.read_bytes())
    hide_dask = (
        "import runpy, sys\n"
        "sys.modules['dask'] = None  # import dask... raises ImportError\n"
        f"sys.argv = ['cluster.py', {str(folder)!r}, '--partitions', '3']\n"
        f"runpy.run_path({str(EXAMPLES / 'cluster.py')!r}, run_name='__main__')\n"
    )
    proc = run("-c", hide_dask)
    assert proc.returncode in (0, 1), proc.stderr
    assert f"{len(corpus)} reports checked in 3 partitions on a process pool" in proc.stdout, proc.stdout
