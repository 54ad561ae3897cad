"""pandas exports: findings and cells as DataFrames; a clear ImportError without pandas."""

import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

import ogi_report

pd = pytest.importorskip("pandas")


def test_to_dataframe_has_one_row_per_finding(corpus: List[Path], broken: Dict[str, Any]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    df = ogi_report.to_dataframe(results)
    assert len(df) == sum(len(r.findings) for r in results)
    assert list(df.columns) == [
        "report", "agency", "year", "code", "severity", "path", "expected", "actual",
        "source_line", "related", "message", "message_en",
    ]
    assert str(df["expected"].dtype) == "Int64" and str(df["report"].dtype) == "Int64"
    # Row i of the frame is the i-th finding, in order.
    flat = [(i, f) for i, r in enumerate(results) for f in r.findings]
    for row, (i, f) in zip(df.itertuples(index=False), flat):
        assert (row.report, row.code, row.path, row.message) == (i, f.code, f.path, f.message)
        assert (None if pd.isna(row.expected) else row.expected) == f.expected
    errors = df[df.severity == "error"]
    assert set(errors.code) <= {r["code"] for r in ogi_report.rules()}
    # A single result, bare findings.
    one = ogi_report.to_dataframe(ogi_report.check(ogi_report.Report.from_dict(broken)))
    assert "t4.group_total" in set(one.code)
    bare = ogi_report.to_dataframe(ogi_report.validate(broken))
    assert len(bare) == len(one) and bare["report"].isna().all()
    assert len(ogi_report.to_dataframe([])) == 0


def test_cells_dataframe_has_one_column_per_path(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    df = ogi_report.cells_dataframe(results)
    assert len(df) == len(results)
    assert list(df.columns[:3]) == ["format", "year", "agency"]
    assert "t3.outcome.withheld.third_party.total" in df.columns
    assert "t2.procurement.amount" in df.columns  # the 2019 format's paths too
    for i, r in enumerate(results):
        flat = r.report.to_flat()["cells"]
        for path, value in flat.items():
            got = df.at[i, path]
            if value is None:
                assert pd.isna(got), (i, path, got)
            else:
                assert got == value, (i, path, got, value)
    assert str(df["t3.new_received.natural_person"].dtype) in ("Int64", "object")
    reports = [r.report for r in results]
    assert ogi_report.cells_dataframe(reports).equals(df)


def test_frames_reject_non_results() -> None:
    with pytest.raises(TypeError):
        ogi_report.to_dataframe(["x"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ogi_report.cells_dataframe("x")  # type: ignore[arg-type]


def test_without_pandas_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"ogi_report\[pandas\]"):
        ogi_report.to_dataframe([])
    with pytest.raises(ImportError, match=r"pip install"):
        ogi_report.cells_dataframe([])
