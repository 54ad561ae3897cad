"""Nothing crashes the interpreter: random text, bytes and dicts give a result,
an OgiError or a TypeError, never anything else."""

import json
import string
from typing import Any, Dict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ogi_report
from ogi_report import OgiError, ParseError, Report

SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text made of the pieces reports are made of, so the parser goes deep.
PIECES = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计",
    "四、结转下年度继续办理", "行政复议", "行政诉讼", "结果维持", "总计", "规章",
    "行政规范性文件", "| ", " |", "|||", "\n", "\n\n", "0", "1", "12", "898989", "/", "—",
    "无", "2022年", "<table>", "<tr>", "<td rowspan=2>", "</td>", "&nbsp;", "  ",
]
report_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=80).map(
    "".join
)

json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=6),
    st.sampled_from(["/", "n/a", "—", "2021", "2019", "1.5", "-3"]),
)
json_data = st.recursive(
    json_leaf,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(
            ["format", "t2", "t3", "t4", "cells", "year", "agency", "new_received", "total",
             "review", "ambiguous", "invalid", "tables_present", "sections", "sources"])),
            kids, max_size=5),
    ),
    max_leaves=30,
)
keys = st.sampled_from(["format", "year", "agency", "t2", "t3", "t4", "cells", "sections"])
report_dicts = st.dictionaries(keys, json_data, max_size=6).map(
    lambda d: {"format": "2021", **d} if len(d) % 2 else d
)


def survives(call: Any) -> None:
    try:
        call()
    except (OgiError, TypeError):
        pass


@SETTINGS
@given(st.one_of(st.text(), report_like))
def test_random_text(text: str) -> None:
    if "\x00" in text:  # binary, as the command says of such a file
        with pytest.raises(ParseError):
            ogi_report.check(text)
        text = text.replace("\x00", " ")
    res = ogi_report.check(text)
    assert res.report.format in ("2019", "2021", None)  # None: no table, no word of either format
    for f in res.findings:
        assert f.severity in ("error", "warning", "info") and f.message and f.message_en
    survives(lambda: ogi_report.validate(text))
    survives(lambda: Report.from_json(text))


@SETTINGS
@given(st.one_of(st.binary(), report_like.map(lambda s: s.encode("gb18030"))))
def test_random_bytes(raw: bytes) -> None:
    survives(lambda: ogi_report.check(raw))
    survives(lambda: ogi_report.parse(raw, kind="html"))
    survives(lambda: ogi_report.validate(raw))


@SETTINGS
@given(report_dicts)
def test_random_dicts(d: Dict[str, Any]) -> None:
    findings = ogi_report.validate(d)  # schema problems are findings, never exceptions
    try:
        r = Report.from_dict(d)
    except OgiError:
        assert any(f.code == "schema.invalid" for f in findings) or _not_json(d)
        return
    assert findings == ogi_report.validate(r)
    assert Report.from_dict(r.to_dict()) == r
    assert Report.from_dict(r.to_flat()) == r
    assert Report.from_json(r.to_json()) == r


def _not_json(d: Dict[str, Any]) -> bool:
    try:
        json.dumps(d, allow_nan=False)
        return False
    except ValueError:
        return True


@SETTINGS
@given(st.dictionaries(st.sampled_from(["t3.new_received.total", "t4.review.total",
                                        "t2.fees.amount_wan_yuan", "t3.nope"]),
                       json_leaf, max_size=4))
def test_random_flat_cells(cells: Dict[str, Any]) -> None:
    survives(lambda: Report.from_dict({"format": "2021", "cells": cells}))
    for f in ogi_report.validate({"format": "2021", "cells": cells}):
        assert f.code and f.path is not None


@SETTINGS
@given(st.lists(st.one_of(st.text(alphabet=string.printable, max_size=40), st.binary(max_size=40)),
                max_size=6))
def test_random_batches(sources: Any) -> None:
    survives(lambda: ogi_report.check_many(sources, threads=2))
