"""pandas exports: findings and cells as DataFrames; a clear ImportError without pandas."""

import sys
from decimal import Decimal
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
        "source_line", "source_page", "source_table", "source_row", "source_cell",
        "related", "message", "message_en",
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


def _settled(value: Any) -> Any:
    """What a typed frame holds for a flat-form cell: the number, else None."""
    if isinstance(value, bool) or value is None or isinstance(value, dict) or value == "n/a":
        return None
    return Decimal(value) if isinstance(value, str) else value


def test_cells_dataframe_is_typed(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    df = ogi_report.cells_dataframe(results)
    assert len(df) == len(results)
    assert list(df.columns[:3]) == ["format", "year", "agency"]
    assert "t3.outcome.withheld.third_party.total" in df.columns
    assert "t2.procurement.amount" in df.columns  # the 2019 format's paths too
    assert str(df["format"].dtype) == "category" and str(df["year"].dtype) == "Int64"
    money = [c for c in df.columns[3:] if str(df[c].dtype) == "object"]
    assert "t2.fees.amount_wan_yuan" in money
    # Every other cell column is a nullable integer: no object column of mixed things.
    assert all(str(df[c].dtype) == "Int64" for c in df.columns[3:] if c not in money)
    for c in money:
        assert all(v is None or isinstance(v, Decimal) for v in df[c])
    for i, r in enumerate(results):
        flat = r.report.to_flat()["cells"]
        for path, value in flat.items():
            got = df.at[i, path]
            want = _settled(value)
            if want is None:
                assert got is None or pd.isna(got), (i, path, got)
            else:
                assert got == want and type(got) is type(want) or isinstance(want, int), (i, path, got)
    reports = [r.report for r in results]
    assert ogi_report.cells_dataframe(reports).equals(df)


def test_sums_groupbys_and_plots_need_no_cleaning(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    cells = ogi_report.cells_dataframe(results)
    path = "t3.new_received.total"
    expected = sum(
        v for r in results
        if isinstance(v := r.report.to_flat()["cells"].get(path), int) and not isinstance(v, bool)
    )
    assert cells[path].sum() == expected > 0
    by_year = cells.groupby("year")[path].sum()
    assert by_year.sum() == expected and str(by_year.dtype) == "Int64"
    by_format = cells.groupby("format", observed=True)[path].agg(["sum", "mean", "count"])
    assert by_format["sum"].sum() == expected
    assert (cells[path] > 10).sum() >= 1  # comparisons give booleans, not errors
    fees = cells["t2.fees.amount_wan_yuan"].sum()
    assert isinstance(fees, (Decimal, int))  # exact: never a float
    findings = ogi_report.to_dataframe(results)
    errors_by_code = findings[findings.severity == "error"].groupby("code", observed=True).size()
    assert errors_by_code.sum() == sum(
        1 for r in results for f in r.findings if f.severity == "error"
    )
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = by_year.plot.bar()
    assert len(ax.patches) == len(by_year)
    ax2 = cells.plot.scatter(x="t3.new_received.total", y="t3.carried_forward.total")
    assert ax2 is not None
    findings["code"].value_counts().head(5).plot.barh()


def test_ambiguous_and_invalid_cells_are_missing_numbers_with_states() -> None:
    r = ogi_report.Report.from_dict({
        "format": "2021", "year": 2023, "agency": "某县人民政府",
        "cells": {
            "t3.new_received.natural_person": {"ambiguous": [5, 65, 665]},
            "t3.new_received.total": {"invalid": "1O"},
            "t3.carried_over.total": 4,
            "t3.carried_over.natural_person": "n/a",
            "t2.fees.amount_wan_yuan": "24252.311082",
        },
    })
    cells = ogi_report.cells_dataframe([r])
    assert pd.isna(cells.at[0, "t3.new_received.natural_person"])
    assert pd.isna(cells.at[0, "t3.new_received.total"])
    assert pd.isna(cells.at[0, "t3.carried_over.natural_person"])
    assert cells.at[0, "t3.carried_over.total"] == 4
    assert cells.at[0, "t2.fees.amount_wan_yuan"] == Decimal("24252.311082")
    states = ogi_report.cell_states_dataframe([r])
    assert list(states["t3.new_received.natural_person"].cat.categories) == list(
        ogi_report.CELL_STATES
    )
    assert set(ogi_report.CELL_STATES) >= {"unread", "absent"}
    assert states.at[0, "t3.new_received.natural_person"] == "ambiguous"
    assert states.at[0, "t3.new_received.total"] == "invalid"
    assert states.at[0, "t3.carried_over.natural_person"] == "mark"
    assert states.at[0, "t3.carried_over.total"] == "value"
    assert states.at[0, "t3.carried_forward.total"] == "blank"
    assert pd.isna(states.at[0, "t2.procurement.amount"])  # a 2019 path: no such cell
    by_state = states.iloc[:, 3:].apply(lambda c: c.value_counts()).sum(axis=1)
    assert by_state["ambiguous"] == 1 and by_state["invalid"] == 1
    un = ogi_report.unsettled_cells([r])
    rows = {row.path: (row.state, row.detail) for row in un.itertuples()}
    assert rows["t3.new_received.natural_person"] == ("ambiguous", [5, 65, 665])
    assert rows["t3.new_received.total"] == ("invalid", "1O")
    assert len(un) == 2 and un["report"].tolist() == [0, 0]


def test_states_of_the_corpus_match_the_flat_form(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    states = ogi_report.cell_states_dataframe(results)
    for i, r in enumerate(results):
        for path, value in r.report.to_flat()["cells"].items():
            if value is None:
                want = "blank"
            elif value == "n/a":
                want = "mark"
            elif isinstance(value, dict):
                want = next(iter(value))  # ambiguous, invalid, unread, absent
            else:
                want = "value"
            assert states.at[i, path] == want, (i, path, value)
    un = ogi_report.unsettled_cells(results)
    assert len(un) == sum(
        1 for r in results for v in r.report.to_flat()["cells"].values() if isinstance(v, dict)
    )


def test_findings_frame_is_categorical(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_text(encoding="utf-8") for p in corpus])
    df = ogi_report.to_dataframe(results)
    assert str(df["code"].dtype) == "category"
    assert set(df["code"].cat.categories) == {r["code"] for r in ogi_report.rules()}
    assert df["severity"].cat.ordered
    assert list(df["severity"].cat.categories) == ["info", "warning", "error"]
    serious = df[df.severity >= "warning"]
    assert len(serious) == sum(
        1 for r in results for f in r.findings if f.severity in ("warning", "error")
    )
    for name in ("expected", "actual", "source_line"):
        assert str(df[name].dtype) == "Int64"


def test_names_from_check_many_and_the_frames(corpus: List[Path]) -> None:
    import pickle

    texts = [p.read_text(encoding="utf-8") for p in corpus[:4]]
    names = [p.name for p in corpus[:4]]
    results = ogi_report.check_many(texts, names=names)
    assert [r.name for r in results] == names
    assert pickle.loads(pickle.dumps(results[0])) == results[0]
    assert ogi_report.check_many(texts)[0].name is None
    assert ogi_report.check_many(texts)[0] != results[0]  # the name is part of the result
    cells = ogi_report.cells_dataframe(results)
    assert list(cells.columns[:4]) == ["name", "format", "year", "agency"]
    assert cells["name"].tolist() == names
    other = ["a", "b", "c", "d"]
    assert ogi_report.cells_dataframe(results, names=other)["name"].tolist() == other
    assert ogi_report.cell_states_dataframe(results)["name"].tolist() == names
    findings = ogi_report.to_dataframe(results)
    assert list(findings.columns[:2]) == ["report", "name"]
    assert findings["name"].tolist() == [names[i] for i in findings["report"]]
    plain = ogi_report.check_many(texts)
    assert "name" not in ogi_report.to_dataframe(plain).columns
    assert ogi_report.to_dataframe(plain, names=other)["name"].iloc[0] in other
    with pytest.raises(ValueError, match="one name per"):
        ogi_report.check_many(texts, names=names[:2])
    with pytest.raises(ValueError, match="one name per"):
        ogi_report.cells_dataframe(plain, names=["x"])
    with pytest.raises(TypeError):
        ogi_report.check_many(texts, names=[1, 2, 3, 4])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ogi_report.cells_dataframe(plain, names="abcd")


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
    with pytest.raises(ImportError, match=r"pip install"):
        ogi_report.cell_states_dataframe([])


def test_frames_place_a_docx_finding_by_its_table_row_and_cell() -> None:
    root = Path(__file__).resolve().parents[3]
    docx = (root / "tests/corpus/layout8/010_shuyang_fgj_2023_plain.docx").read_bytes()
    df = ogi_report.to_dataframe(ogi_report.check(docx))
    placed = df[df["source_table"].notna()]
    assert len(placed) > 0
    assert placed["source_row"].notna().all() and placed["source_cell"].notna().all()
    assert df["source_page"].isna().all()
    assert str(df["source_table"].dtype) == "Int64"



def test_the_other_total_of_a_one_row_table_is_a_column_of_its_own() -> None:
    # 040 prints (六)其他处理 as one row: its values are the group's total, the
    # sub-rows absent; a report printing the sub-rows has no such cells.
    hongze = (Path(__file__).resolve().parents[3] / "tests" / "corpus" / "layout8"
              / "040_hongze_district_2024.pypdf.txt").read_text(encoding="utf-8")
    daxiang = (Path(__file__).resolve().parents[3] / "tests" / "corpus"
               / "000_daxiang_2021_cellpipes.txt").read_text(encoding="utf-8")
    results = ogi_report.check_many([hongze, daxiang])
    df = ogi_report.cells_dataframe(results)
    assert df.at[0, "t3.outcome.other_total.total"] == 0
    assert pd.isna(df.at[0, "t3.outcome.other.no_correction.total"])
    assert pd.isna(df.at[1, "t3.outcome.other_total.total"])
    states = ogi_report.cell_states_dataframe(results)
    assert states.at[0, "t3.outcome.other.unpaid_fee.natural_person"] == "absent"
    assert states.at[0, "t3.outcome.other_total.natural_person"] == "value"
    assert pd.isna(states.at[1, "t3.outcome.other_total.natural_person"])
    assert "other_total" in results[0].report.to_dict()["t3"]["outcome"]
    assert "other_total" not in results[1].report.to_dict()["t3"]["outcome"]
