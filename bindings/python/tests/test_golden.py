"""Golden tests over the corpus: the same truth as the Rust tests.

Each truth cell must equal the parsed cell, or the parsed cell is ambiguous
with the truth among its candidates, or unread (the text does not settle it;
flagged with its reason, never a wrong value) ("ambiguous" in the truth =
anything).
"""

from decimal import Decimal
from typing import Any, Dict, List

import pytest

import ogi_report
from conftest import CORPUS, truths

TRUTHS = truths()


def agrees(cell: Any, want: Any) -> bool:
    if want == "ambiguous":
        return True
    if isinstance(cell, dict) and "unread" in cell:
        return True
    if want is None:
        return cell is None
    if want == "n/a":
        # The nested form keeps the mark as printed ("/", "—", "无"...).
        return isinstance(cell, str) and cell != "" and not cell[0].isdigit()
    if isinstance(cell, dict) and "ambiguous" in cell:
        cands = cell["ambiguous"]
        if isinstance(want, str):
            return any(Decimal(str(c)) == Decimal(want) for c in cands)
        return want in cands
    if isinstance(want, str):  # money, an exact decimal string
        return isinstance(cell, str) and Decimal(cell) == Decimal(want)
    return type(cell) is int and cell == want


@pytest.mark.parametrize("name,truth", TRUTHS, ids=[n for n, _ in TRUTHS])
def test_parsed_cells_match_the_truth(name: str, truth: Dict[str, Any]) -> None:
    report = ogi_report.parse((CORPUS / name).read_text(encoding="utf-8"))
    assert report.format == truth["format"]
    assert report.tables_present == truth["tables_present"]
    assert report.year == truth["year"]
    if report.agency is not None:
        assert report.agency == truth["agency"]
    wrong: List[str] = []
    for path, want in truth["cells"].items():
        cell = report.cell(path)
        if not agrees(cell, want):
            wrong.append(f"{path}: {cell!r} vs truth {want!r}")
    assert not wrong, f"{len(wrong)} cells disagree:\n" + "\n".join(wrong)
    # The flat form says the same, with marks as "n/a".
    flat = report.to_flat()["cells"]
    for path, want in truth["cells"].items():
        if want == "n/a":
            assert flat[path] == "n/a", path


@pytest.mark.parametrize("name,truth", TRUTHS, ids=[n for n, _ in TRUTHS])
def test_bytes_give_the_same_report_as_text(name: str, truth: Dict[str, Any]) -> None:
    raw = (CORPUS / name).read_bytes()
    assert ogi_report.parse(raw) == ogi_report.parse(raw.decode("utf-8"))
    assert ogi_report.parse(raw.decode("utf-8").encode("gb18030")) == ogi_report.parse(raw)


@pytest.mark.parametrize("name,truth", TRUTHS, ids=[n for n, _ in TRUTHS])
def test_truth_cells_give_the_reviewers_violations(name: str, truth: Dict[str, Any]) -> None:
    """The truth's cells as a flat dict: every error is one of the reviewer's violations."""
    cells = {
        k: ({"ambiguous": []} if v == "ambiguous" else v) for k, v in truth["cells"].items()
    }
    flat = {k: truth[k] for k in ("format", "year", "agency", "tables_present")}
    flat["cells"] = cells
    findings = ogi_report.validate(flat)
    rule_codes = {
        "t3_balance": "t3.balance",
        "t3_outcome_total": "t3.outcome_total",
        "t3_row_total": "t3.row_total",
        "t4_group_total": "t4.group_total",
    }
    errors = [f for f in findings if f.severity == "error"]
    assert all(f.code in rule_codes.values() for f in errors), errors
    for v in truth["violations"]:
        code = rule_codes.get(v["rule"])
        if code is None:
            continue
        # Flagged: an error, or a blank cell that breaks the equation (a warning).
        assert any(f.code == code for f in errors) or any(
            f.code == "cell.blank" and f.severity == "warning" for f in findings
        ), f"{name}: {v} not flagged"
    if not truth["violations"]:
        assert not errors, errors
