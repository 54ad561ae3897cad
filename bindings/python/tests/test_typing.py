"""The stubs are true to the runtime (mypy.stubtest) and the examples type-check
under `mypy --strict` against them."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("mypy")


def run(*args: str) -> None:
    with tempfile.TemporaryDirectory() as cache:
        proc = subprocess.run(
            [sys.executable, "-m", *args], cwd=cache, capture_output=True, text=True,
            env={"MYPY_CACHE_DIR": cache, "PATH": "/usr/bin:/bin"},
        )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_stubtest() -> None:
    run("mypy.stubtest", "ogi_report")


def test_examples_pass_mypy_strict() -> None:
    run("mypy", "--strict", str(ROOT / "examples" / "python"), str(ROOT / "benches" / "python"))


def test_mypy_catches_misuse(tmp_path: Path) -> None:
    """The stubs are precise enough to reject a wrong call (the check can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import ogi_report\n"
        "r = ogi_report.parse(3)\n"
        "y: str = ogi_report.Report.from_dict({}).year\n",
        encoding="utf-8",
    )
    with pytest.raises(AssertionError) as e:
        run("mypy", "--strict", str(bad))
    assert 'incompatible type "int"' in str(e.value)
    assert "Incompatible types in assignment" in str(e.value)
