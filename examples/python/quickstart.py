"""A typed tour of the ogi_report API (checked by `mypy --strict` in the tests).

    python examples/python/quickstart.py [REPORT.txt]

Without an argument it checks a small report written inline.
"""

import pickle
import sys
from pathlib import Path
from typing import Dict, List, Optional

import ogi_report
from ogi_report import CheckResult, Finding, OgiError, Report

SAMPLE = (
    "2022年度 某县人民政府 政府信息公开工作年度报告\n"
    "一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
)


def summarize(result: CheckResult) -> Dict[str, int]:
    """Counts the findings by severity."""
    counts: Dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.severity] += 1
    return counts


def first_error(findings: List[Finding]) -> Optional[Finding]:
    return next((f for f in findings if f.severity == "error"), None)


def main(argv: List[str]) -> int:
    source: bytes = Path(argv[1]).read_bytes() if len(argv) > 1 else SAMPLE.encode("utf-8")
    result = ogi_report.check(source)
    report: Report = result.report
    print(f"format {report.format}, year {report.year}, agency {report.agency}")
    print(f"tables present: {report.tables_present}")
    print(f"t3.new_received.total = {report.cell('t3.new_received.total')!r}")
    print(f"findings: {summarize(result)}")

    # Both JSON forms round-trip; objects pickle.
    assert Report.from_dict(report.to_flat()) == report
    assert Report.from_json(report.to_json()) == report
    assert pickle.loads(pickle.dumps(result)).findings == result.findings

    # A report as data: findings with expected and actual numbers.
    data = report.to_dict()
    data["t4"] = {"review": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 2}}
    error = first_error(ogi_report.validate(data))
    if error is not None:
        print(f"{error.code} at {error.path}: expected {error.expected}, found {error.actual}")
        print(f"  {error.message}\n  {error.message_en}")

    try:
        Report.from_dict({"format": "2021", "year": "last year"})
    except OgiError as e:
        print(f"{type(e).__name__}: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
