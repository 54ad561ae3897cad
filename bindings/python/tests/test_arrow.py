"""Arrow exports: the same types as the pandas frames; polars and DuckDB read them as they are."""

import sys
from decimal import Decimal
from pathlib import Path
from typing import List

import pytest

import ogi_report

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def results(corpus: List[Path]) -> List[ogi_report.CheckResult]:
    return ogi_report.check_many(
        [p.read_bytes() for p in corpus], names=[p.name for p in corpus]
    )


def test_cells_arrow_types(results: List[ogi_report.CheckResult]) -> None:
    t = ogi_report.cells_arrow(results)
    assert t.num_rows == len(results)
    assert t.column_names[:4] == ["name", "format", "year", "agency"]
    schema = t.schema
    assert schema.field("name").type == pa.string()
    assert pa.types.is_dictionary(schema.field("format").type)
    assert schema.field("year").type == pa.int64()
    assert schema.field("t3.new_received.total").type == pa.int64()
    money = schema.field("t2.fees.amount_wan_yuan").type
    assert pa.types.is_decimal(money) and money.scale == 6
    # The same values as the pandas frame, money exact.
    pd = pytest.importorskip("pandas")
    df = ogi_report.cells_dataframe(results)
    assert list(df.columns) == t.column_names
    for path in ("t3.new_received.total", "t2.fees.amount_wan_yuan", "year"):
        got = t.column(path).to_pylist()
        want = [None if v is None or pd.isna(v) else v for v in df[path]]
        assert got == want, path
    assert all(
        v is None or isinstance(v, Decimal) for v in t.column("t2.fees.amount_wan_yuan").to_pylist()
    )


def test_findings_arrow_types(results: List[ogi_report.CheckResult]) -> None:
    t = ogi_report.findings_arrow(results)
    assert t.num_rows == sum(len(r.findings) for r in results)
    assert t.column_names == [
        "report", "name", "agency", "year", "code", "severity", "path", "expected", "actual",
        "source_line", "source_page", "source_table", "source_row", "source_cell",
        "related", "message", "message_en",
    ]
    assert pa.types.is_dictionary(t.schema.field("code").type)
    assert pa.types.is_dictionary(t.schema.field("severity").type)
    for name in ("report", "year", "expected", "actual", "source_line", "source_page",
                 "source_table", "source_row", "source_cell"):
        assert t.schema.field(name).type == pa.int64()
    assert t.column("code").to_pylist() == [f.code for r in results for f in r.findings]
    assert ogi_report.findings_arrow([]).num_rows == 0
    assert ogi_report.cells_arrow([]).num_rows == 0


def test_polars_reads_arrow(results: List[ogi_report.CheckResult]) -> None:
    pl = pytest.importorskip("polars")
    cells = pl.from_arrow(ogi_report.cells_arrow(results))
    assert cells.schema["t3.new_received.total"] == pl.Int64
    assert isinstance(cells.schema["t2.fees.amount_wan_yuan"], pl.Decimal)
    total = cells["t3.new_received.total"].sum()
    assert total == sum(
        v for r in results
        if isinstance(v := r.report.cell("t3.new_received.total"), int)
    )
    findings = pl.from_arrow(ogi_report.findings_arrow(results))
    top = (
        findings.filter(pl.col("severity") == "error")
        .group_by("code").len().sort("len", descending=True)
    )
    assert top["len"].sum() == sum(1 for r in results for f in r.findings if f.severity == "error")


def test_duckdb_queries_arrow(results: List[ogi_report.CheckResult], tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    findings = ogi_report.findings_arrow(results)
    cells = ogi_report.cells_arrow(results)
    rows = duckdb.sql(
        "select code, count(*) as n from findings where severity = 'error' "
        "group by code order by n desc, code"
    ).fetchall()
    assert sum(n for _, n in rows) == sum(
        1 for r in results for f in r.findings if f.severity == "error"
    )
    (fees,) = duckdb.sql('select sum("t2.fees.amount_wan_yuan") from cells').fetchall()[0]
    assert fees is None or isinstance(fees, Decimal)
    # Parquet through Arrow, as the README shows: the types survive.
    import pyarrow.parquet as pq

    pq.write_table(cells, tmp_path / "cells.parquet")
    back = pq.read_table(tmp_path / "cells.parquet")
    assert back.schema.field("t2.fees.amount_wan_yuan").type == cells.schema.field(
        "t2.fees.amount_wan_yuan"
    ).type
    (n,) = duckdb.sql(f"select count(*) from '{tmp_path / 'cells.parquet'}'").fetchall()[0]
    assert n == len(results)


def test_without_pyarrow_a_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"ogi_report\[arrow\]"):
        ogi_report.cells_arrow([])
    with pytest.raises(ImportError, match=r"ogi_report\[arrow\]"):
        ogi_report.findings_arrow([])
