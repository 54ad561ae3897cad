"""ogi_report.summary: the core's crawl summary, fed results, with readable counts and a page."""

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import ogi_report


def _report(agency: str, year: int, over: int, forward: int, broken: bool = False) -> Dict[str, Any]:
    cells: Dict[str, Any] = {"t3.carried_over.total": over, "t3.carried_forward.total": forward}
    if broken:
        cells.update({"t4.review.upheld": 1, "t4.review.corrected": 0, "t4.review.other": 0,
                      "t4.review.pending": 0, "t4.review.total": 2})
    return {"format": "2021", "agency": agency, "year": year, "cells": cells}


def test_counts_agree_with_the_results(corpus: List[Path]) -> None:
    results = ogi_report.check_many([p.read_bytes() for p in corpus], names=[p.name for p in corpus])
    s = ogi_report.summary(results)
    assert s.reports == len(results) and s.unreadable == 0
    has = lambda r, sev: any(f.severity == sev for f in r.findings)  # noqa: E731
    assert s.with_errors == sum(has(r, "error") for r in results)
    assert s.with_warnings == sum(has(r, "warning") for r in results)
    assert sum(c["count"] for c in s.by_code) == sum(len(r.findings) for r in results)
    assert sum(s.by_severity.values()) == sum(len(r.findings) for r in results)
    assert sum(v["reports"] for v in s.by_year.values()) == len(results)
    kinds = s.by_agency_kind
    assert sum(v["reports"] for v in kinds.values()) == len(results)
    assert set(kinds) <= {"province_government", "city_government", "county_government",
                          "department", "township", "subdistrict", "zone", "unknown"}
    for r in results:
        if r.report.agency:
            assert ogi_report.agency_kind(r.report.agency.strip()) in kinds
    assert "reports read" in str(s) and repr(s).startswith("Summary(reports=")


def test_chain_breaks_top_reports_and_the_page(tmp_path: Path) -> None:
    reports = [
        ogi_report.Report.from_dict(_report("甲县人民政府", 2021, 0, 5)),
        ogi_report.Report.from_dict(_report("甲县人民政府", 2022, 4, 0, broken=True)),
        ogi_report.Report.from_dict(_report("乙县财政局", 2022, 0, 0, broken=True)),
    ]
    results = [ogi_report.check(r) for r in reports]
    bad = ogi_report.check_many([b"\x7fELF\x00\x00binary"], names=["broken.bin"])
    s = ogi_report.Summary(top=1)
    s.add(results, names=["a21.json", "a22.json", "b22.json"])
    s.add(bad)  # streamed in a second batch
    assert (s.reports, s.unreadable, s.with_errors) == (3, 1, 2)
    breaks = s.chain_breaks
    assert [b["agency"] for b in breaks] == ["甲县人民政府"]
    assert breaks[0]["years"] == [2021, 2022] and breaks[0]["kind"] == "county_government"
    assert {f.code for f in breaks[0]["breaks"]} >= {"series.carry_over"}
    series = ogi_report.validate_series(reports)
    assert [f.code for f in breaks[0]["breaks"]] == [f.code for f in series]
    top = s.top
    assert len(top) == 1 and top[0]["name"] == "a22.json"  # ties: the first added
    assert top[0]["errors"] >= 1 and any(f.code == "t4.group_total" for f in top[0]["findings"])
    assert s.by_year[2022] == {"reports": 2, "with_errors": 2, "error_rate": 1.0}
    page = tmp_path / "summary.html"
    html = s.to_html(page, lang="en")
    assert page.read_text(encoding="utf-8") == html
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and " src=" not in html
    assert html.count("<svg") >= 4 and "broken.bin" in html and "a22.json" in html
    assert "甲县人民政府" in ogi_report.summary(results).to_html(str(tmp_path / "zh.html"))
    assert s._repr_html_().startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError):
        s.to_html(lang="fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.add(["not a result"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="one name per"):
        s.add(results, names=["x"])


def test_names_fall_back_to_result_names_then_positions(tmp_path: Path) -> None:
    broken = ogi_report.Report.from_dict(_report("某县人民政府", 2022, 0, 0, broken=True))
    named = ogi_report.CheckResult(broken, ogi_report.validate(broken), name="r.json")
    s = ogi_report.summary([named, ogi_report.check(broken), broken])
    assert [t["name"] for t in s.top] == ["r.json", "#1", "#2"]
    assert json.dumps(s.by_code)  # plain data


def test_the_readme_analyst_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The project README's "For analysts" block, on a copy of the sample reports."""
    import re
    import shutil

    pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    root = Path(__file__).resolve().parents[3]
    text = (root / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### For analysts"):]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    assert len(code.group(1).strip().splitlines()) == 10, "ten lines"
    shutil.copytree(root / "examples" / "reports", tmp_path / "crawl")
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "README.md", "exec"), {"__name__": "__readme__"})
    assert (tmp_path / "summary.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "cells.parquet").stat().st_size > 0
