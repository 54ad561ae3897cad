"""The Python API: types, conversions, errors, batches, pickling."""

import copy
import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import ogi_report
from ogi_report import CheckResult, Finding, OgiError, ParseError, Report, SchemaError


def summary(results: List[CheckResult]) -> List[Any]:
    return [(r.report, r.findings, r.kind, r.encoding) for r in results]


# --- parse -----------------------------------------------------------------


def test_parse_reads_text_bytes_and_kinds(sample_text: str) -> None:
    r = ogi_report.parse(sample_text)
    assert isinstance(r, Report)
    assert r.format == "2021" and r.year == 2021
    assert r.tables_present == {"t2": True, "t3": True, "t4": True}
    assert ogi_report.parse(sample_text, kind="text") == r
    assert ogi_report.parse(sample_text.encode("utf-8")) == r
    assert ogi_report.parse(b"\xef\xbb\xbf" + sample_text.encode("utf-8")) == r
    assert ogi_report.parse(sample_text.encode("gb18030"), kind="text") == r


def test_parse_html() -> None:
    rows = "".join(
        f"<tr><td>{label}</td>" + "<td>0</td>" * 7 + "</tr>"
        for label in ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
    )
    html = f"<html><body><p>2022年度政府信息公开工作年度报告</p><table>{rows}</table></body></html>"
    res = ogi_report.check(html)
    assert res.kind == "html"
    assert ogi_report.check(html, kind="html").kind == "html"
    assert ogi_report.check(html, kind="text").kind == "text"
    assert ogi_report.parse(html, kind="html").cell("t3.new_received.total") == 0


def test_parse_rejects_wrong_types_and_kinds(sample_text: str) -> None:
    for bad in (None, 3, 1.5, ["x"], {"format": "2021"}):
        with pytest.raises(TypeError, match="parse"):
            ogi_report.parse(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ogi_report.parse(Report.from_dict({"format": "2021"}))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        ogi_report.parse(sample_text, kind="xlsx")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ogi_report.parse(sample_text, "text")  # type: ignore[misc]


# --- Report ----------------------------------------------------------------


def test_report_cells_and_forms(sample_text: str) -> None:
    r = ogi_report.parse(sample_text)
    assert r.cell("t3.new_received.total") == r.to_dict()["t3"]["new_received"]["total"]
    assert r.cell("t2.fees.amount_wan_yuan") == "24252.311082"
    with pytest.raises(KeyError, match="t3.nope"):
        r.cell("t3.nope")
    flat = r.to_flat()
    assert flat["format"] == "2021" and flat["tables_present"]["t3"] is True
    assert flat["cells"]["t3.new_received.total"] == r.cell("t3.new_received.total")
    assert Report.from_dict(r.to_dict()) == r
    assert Report.from_dict(flat) == r
    assert Report.from_json(r.to_json()) == r
    assert Report.from_json(r.to_json().encode()) == r
    assert json.loads(r.to_json()) == r.to_dict()
    assert "2021" in repr(r)


def test_absent_table_cells_are_none() -> None:
    r = Report.from_dict({"format": "2021", "t3": None})
    assert r.tables_present["t3"] is False
    assert r.cell("t3.new_received.total") is None
    with pytest.raises(KeyError):
        r.cell("t2.procurement.amount")  # a 2019 path


def test_report_is_immutable(sample_text: str) -> None:
    r = ogi_report.parse(sample_text)
    with pytest.raises(AttributeError):
        r.year = 2000  # type: ignore[misc]
    d = r.to_dict()
    d["year"] = 1999
    assert r.year == 2021  # to_dict gives a copy
    with pytest.raises(TypeError):
        Report()  # type: ignore[call-arg]


def test_decimal_money_is_accepted() -> None:
    r = Report.from_dict({"format": "2021", "t2": {"fees": {"amount_wan_yuan": Decimal("1.50")}}})
    assert r.cell("t2.fees.amount_wan_yuan") in ("1.50", "1.5")


# --- errors ----------------------------------------------------------------


def test_parse_error_has_line_and_column() -> None:
    with pytest.raises(ParseError) as e:
        Report.from_json('{\n  "format": "2021",\n  "year": }')
    assert (e.value.line, e.value.column) == (3, 11)
    assert isinstance(e.value, OgiError) and isinstance(e.value, ValueError)
    with pytest.raises(ParseError) as e2:
        ogi_report.validate("{not json")
    assert e2.value.line == 1 and "check()" in str(e2.value)


def test_schema_error_has_the_json_path() -> None:
    with pytest.raises(SchemaError) as e:
        Report.from_dict({"format": "2021", "t3": {"new_received": {"total": "many"}}})
    assert e.value.path == "t3.new_received.total"
    assert "t3.new_received.total" in str(e.value)
    with pytest.raises(SchemaError) as e2:
        Report.from_dict({"format": "2020"})
    assert e2.value.path == "format"
    with pytest.raises(SchemaError) as e3:
        Report.from_dict({"format": "2021", "t4": {"review": {"upheld": {1, 2}}}})
    assert e3.value.path == "t4.review.upheld" and "set" in str(e3.value)
    with pytest.raises(SchemaError) as e4:
        Report.from_dict({"format": "2021", "year": 10**30})
    assert e4.value.path == "year"
    with pytest.raises(SchemaError):
        Report.from_dict({"format": "2021", 3: "x"})
    with pytest.raises(SchemaError, match="integer year"):
        Report.from_dict({"format": "2021", "year": float("nan")})


def test_deep_and_cyclic_data_is_an_error_not_a_crash() -> None:
    d: Dict[str, Any] = {"format": "2021"}
    d["t3"] = d
    # The nested form is read against the schema, so a cycle is a misplaced key…
    with pytest.raises(SchemaError, match="unknown key") as e:
        Report.from_dict(d)
    assert e.value.path == "t3.format"
    s: Dict[str, Any] = {"format": "2021"}
    s["sources"] = s
    with pytest.raises(SchemaError) as e:
        Report.from_dict(s)
    assert e.value.path == "sources.format"
    # …and the flat form reads only what it needs of a cyclic `marks`.
    f: Dict[str, Any] = {"format": "2021", "cells": {"t3.new_received.total": 4}}
    f["marks"] = f
    assert Report.from_dict(f).cell("t3.new_received.total") == 4
    deep: Any = 1
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(SchemaError):
        Report.from_dict({"format": "2021", "t3": deep})
    assert ogi_report.validate({"format": "2021", "t3": deep})[0].code == "schema.invalid"


def test_wrong_argument_types_are_type_errors() -> None:
    with pytest.raises(TypeError, match="validate"):
        ogi_report.validate(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Report.from_dict("{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Report.from_json({"format": "2021"})  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ogi_report.check(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sources\\[1\\]"):
        ogi_report.check_many(["", 3])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        ogi_report.check_many("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ogi_report.check_many(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ogi_report.validate_series([3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="threads"):
        ogi_report.check_many([""], threads=0)


def test_exceptions_pickle() -> None:
    for e in (ParseError("bad", 2, 3), SchemaError("bad", "t3.x"), OgiError("bad")):
        back = pickle.loads(pickle.dumps(e))
        assert type(back) is type(e) and str(back) == str(e)
        assert vars(back) == vars(e)


# --- validate ----------------------------------------------------------------


def test_validate_report_dict_and_json_agree(broken: Dict[str, Any]) -> None:
    from_dict = ogi_report.validate(broken)
    assert from_dict == ogi_report.validate(json.dumps(broken))
    assert from_dict == ogi_report.validate(json.dumps(broken).encode())
    assert from_dict == ogi_report.validate(Report.from_dict(broken))
    errors = [f for f in from_dict if f.severity == "error"]
    assert [(f.code, f.path, f.expected, f.actual) for f in errors] == [
        ("t4.group_total", "t4.review.total", 1, 2)
    ]
    f = errors[0]
    assert "总计" in f.message and "total" in f.message_en
    assert f.related and all(p.startswith("t4.review.") for p in f.related)
    assert f.source_line is None
    d = f.to_dict()
    assert d["code"] == "t4.group_total" and d["expected"] == 1 and d["source"] is None
    assert set(d) >= {"code", "severity", "path", "expected", "actual", "message",
                      "message_en", "source_line", "related"}


def test_dicts_with_any_kind_of_keys_read_like_the_json_text(
    corpus: List[Path],
) -> None:
    """Dict keys may be the schema's own interned strings (literal keys,
    `to_dict`), other equal strings (`json.loads`) or str subclasses: the
    cells and the first error are those of the JSON text."""

    class Name(str):
        pass

    def rekey(x: Any, make: Any) -> Any:
        if isinstance(x, dict):
            return {make(k): rekey(v, make) for k, v in x.items()}
        return x

    for p in corpus[:6]:
        d = ogi_report.parse(p.read_bytes()).to_dict()
        text = json.dumps(d, ensure_ascii=False)
        expected = ogi_report.validate(text)
        for form in (d, json.loads(text), rekey(d, lambda k: "".join(list(k))), rekey(d, Name)):
            assert ogi_report.validate(form) == expected
            assert Report.from_dict(form) == Report.from_json(text)
    # Several problems in one dict: the first error is the one key-by-key
    # reading meets first, whatever order the dict holds its keys in.
    row = {"natural_person": 1, "bad_key": 2, "total": "x", "commercial": -1.5}
    for items in (list(row.items()), list(reversed(row.items()))):
        data = {"format": "2021", "t3": {"new_received": dict(items)}}
        ours = ogi_report.validate(data)
        assert ours == ogi_report.validate(json.dumps(data))
        assert [(f.code, f.path) for f in ours] == [
            ("schema.invalid", "t3.new_received.commercial")
        ]


def test_source_spans_read_alike_whatever_their_keys_order_or_extras() -> None:
    """A span holds few of its keys; they are read by walking the dict. Its
    keys in any order, made by `json.loads`, or with a key the schema does not
    know (ignored in a span), read as the JSON text does; a span's error names
    its path."""
    base = {"format": "2021", "t3": {"new_received": {"natural_person": 1}},
            "sources": {"t3.new_received.natural_person":
                        {"line": 3, "start": 10, "end": 11, "page": None}}}
    text = json.dumps(base)
    expected = Report.from_json(text)
    span = base["sources"]["t3.new_received.natural_person"]
    for form in (dict(reversed(list(span.items()))), json.loads(json.dumps(span)),
                 {**span, "note": "kept by no one"}):
        data = {**base, "sources": {"t3.new_received.natural_person": form}}
        assert Report.from_dict(data) == expected
        assert ogi_report.validate(data) == ogi_report.validate(text)
    bad = {**base, "sources": {"t3.new_received.natural_person": {"line": 3, "end": "x"}}}
    fs = ogi_report.validate(bad)
    assert [(f.code, f.path) for f in fs] == [
        ("schema.invalid", "sources.t3.new_received.natural_person.start")
    ]
    assert fs == ogi_report.validate(json.dumps(bad))


def test_a_key_that_its_own_text_does_not_find_is_an_error() -> None:
    """A str subclass with a hash of its own: equal to "total" as text, yet a
    lookup of "total" does not find it. Its value is not silently dropped."""

    class Hashed(str):
        def __hash__(self) -> int:
            return 1

    data = {"format": "2021", "t3": {"new_received": {Hashed("total"): 5}}}
    fs = ogi_report.validate(data)
    assert [(f.code, f.path) for f in fs] == [("schema.invalid", "t3.new_received.total")]
    assert "not found by its own text" in fs[0].message_en
    with pytest.raises(SchemaError):
        Report.from_dict(data)
    # The same key twice: once as a plain str, once with its own hash.
    twice = {"format": "2021", "t3": {"new_received": {"total": 1, Hashed("total"): 5}}}
    assert ogi_report.validate(twice)[0].path == "t3.new_received.total"


def test_a_value_that_changes_the_dict_while_it_is_read_is_no_crash() -> None:
    """Reading a value runs Python code that empties the dict being read: no
    crash, and the value's error is still reported."""

    row: Dict[str, Any] = {}

    class Meta(type):
        @property
        def __module__(cls) -> str:  # type: ignore[override]
            row.clear()
            return "elsewhere"

    class Odd(metaclass=Meta):
        pass

    row.update({"licensing": {"decisions": 3}, "fees": {"amount_wan_yuan": Odd()}})
    fs = ogi_report.validate({"format": "2021", "t2": row})
    assert row == {}, "reading the value ran the code that empties the dict"
    assert [(f.code, f.path) for f in fs] == [("schema.invalid", "t2.fees.amount_wan_yuan")]
    assert "Odd" in fs[0].message_en

    # A value that reads well (it passes for a Decimal) but adds a key to its
    # dict while it is read: the new key is reported as unknown.
    fees: Dict[str, Any] = {}

    class DecimalMeta(type):
        @property
        def __module__(cls) -> str:  # type: ignore[override]
            fees["extra"] = 1
            return "decimal"

    # Named Decimal, as the reader asks of a decimal's type.
    fake_decimal = DecimalMeta("Decimal", (), {"__str__": lambda self: "1.5"})
    fees["amount_wan_yuan"] = fake_decimal()
    fs = ogi_report.validate({"format": "2021", "t2": {"fees": fees}})
    assert "extra" in fees
    assert [(f.code, f.path) for f in fs] == [("schema.invalid", "t2.fees.extra")]
    assert "unknown key" in fs[0].message_en


def test_validate_dict_with_schema_problem_is_a_finding() -> None:
    fs = ogi_report.validate({"format": "2021", "t3": {"new_received": {"total": -1.5}}})
    assert [(f.code, f.severity, f.path) for f in fs] == [
        ("schema.invalid", "error", "t3.new_received.total")
    ]
    fs = ogi_report.validate({"format": "2021", "t3": {"bad": object()}})
    assert fs[0].code == "schema.invalid" and fs[0].path == "t3.bad"


def test_findings_know_their_source_line(sample_text: str) -> None:
    res = ogi_report.check(sample_text)
    lines = [f.source_line for f in res.findings if f.source_line is not None]
    assert lines, "a parsed report's cell findings carry the source line"
    n = sample_text.count("\n") + 1
    assert all(1 <= x <= n for x in lines)


def test_finding_equality_hash_and_immutability(broken: Dict[str, Any]) -> None:
    a = ogi_report.validate(broken)
    b = ogi_report.validate(broken)
    assert a == b and len({*a, *b}) == len(set(a))
    with pytest.raises(AttributeError):
        a[0].code = "x"  # type: ignore[misc]
    assert "t4.group_total" in repr([f for f in a if f.code == "t4.group_total"][0])


# --- check and check_many -----------------------------------------------------


def test_check_gives_parse_and_rule_findings(corpus: List[Path]) -> None:
    trunc = next(p for p in corpus if "TRUNC" in p.name)
    res = ogi_report.check(trunc.read_text(encoding="utf-8"))
    assert res.kind == "text" and res.encoding is None
    assert len(res) == len(res.findings) > 0
    codes = {f.code for f in res.findings}
    assert codes & {"table.incomplete", "table.absent", "section.missing"}
    # The rules alone, without the parser's notes, are what validate() says.
    assert [f for f in res.findings if f.code != "table.incomplete"] == [
        f for f in ogi_report.validate(res.report) if f.code != "table.incomplete"
    ]
    raw = ogi_report.check(trunc.read_bytes())
    assert raw.encoding is not None and raw.findings == res.findings


def test_check_a_report_validates_it(broken: Dict[str, Any]) -> None:
    r = Report.from_dict(broken)
    res = ogi_report.check(r)
    assert res.kind == "report" and res.report == r
    assert res.findings == ogi_report.validate(r)


def test_check_many_equals_check_one_by_one(corpus: List[Path]) -> None:
    texts: List[Any] = [p.read_text(encoding="utf-8") for p in corpus]
    texts += [p.read_bytes() for p in corpus[:5]]
    one_by_one = [ogi_report.check(t) for t in texts]
    assert summary(ogi_report.check_many(texts)) == summary(one_by_one)
    assert summary(ogi_report.check_many(texts, threads=1)) == summary(one_by_one)
    assert summary(ogi_report.check_many(iter(texts), threads=3)) == summary(one_by_one)
    assert ogi_report.check_many([]) == []


def test_check_many_gives_the_bad_source_its_finding() -> None:
    """A source that is not text costs its own result, not the batch (test_hostile.py)."""
    ok, bad = ogi_report.check_many(["ok", b"\x00\x01\x02 not text \xff\xfe\x00"])
    assert ok == ogi_report.check("ok")
    assert [(f.code, f.severity) for f in bad.findings] == [("input.unsupported", "error")]
    with pytest.raises(ParseError) as e:
        ogi_report.check(b"\x00\x01\x02 not text \xff\xfe\x00")
    assert str(e.value) in bad.findings[0].message_en


# --- series ----------------------------------------------------------------


def test_validate_series_checks_the_carry_over() -> None:
    def year(y: int, carried_over: int, carried_forward: int) -> Dict[str, Any]:
        return {
            "format": "2021", "year": y, "agency": "某县人民政府",
            "cells": {"t3.carried_over.total": carried_over,
                      "t3.carried_forward.total": carried_forward},
        }

    reports = [year(2022, 3, 5), Report.from_dict(year(2021, 0, 4))]
    fs = ogi_report.validate_series(reports)
    carry = [f for f in fs if f.code == "series.carry_over"]
    assert carry and carry[0].year == 2022 and carry[0].agency == "某县人民政府"
    assert (carry[0].expected, carry[0].actual) == (4, 3)
    assert not ogi_report.validate_series([year(2022, 4, 5), year(2021, 0, 4)])
    with pytest.raises(SchemaError):
        ogi_report.validate_series([{"format": "1999"}])


# --- pickling, copying ---------------------------------------------------------


def test_objects_pickle(sample_text: str) -> None:
    res = ogi_report.check(sample_text.encode("gb18030"))
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(res, protocol=proto))
        assert isinstance(back, CheckResult)
        assert summary([back]) == summary([res])
        assert pickle.loads(pickle.dumps(res.report, protocol=proto)) == res.report
        f = res.findings[0]
        assert pickle.loads(pickle.dumps(f, protocol=proto)) == f
    assert copy.deepcopy(res.report) == res.report
    findings = [f for f in res.findings if f.source_line is not None]
    assert pickle.loads(pickle.dumps(findings)) == findings


def test_check_result_constructor(broken: Dict[str, Any]) -> None:
    r = Report.from_dict(broken)
    fs = ogi_report.validate(r)
    res = CheckResult(r, fs)
    assert res.report == r and res.findings == fs and res.kind == "report"
    with pytest.raises(TypeError):
        CheckResult(r, [1])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        CheckResult(r, fs, kind="xlsx")  # type: ignore[arg-type]


def test_rules_and_schema() -> None:
    codes = [r["code"] for r in ogi_report.rules()]
    assert "t3.balance" in codes and len(codes) == len(set(codes))
    families = {r["code"]: r["family"] for r in ogi_report.rules()}
    assert families["t3.balance"] == "equations" and families["input.no_report"] == "input"
    root = Path(__file__).resolve().parents[3]
    rules_md = (root / "RULES.md").read_text(encoding="utf-8")
    assert all(f"`{c}`" in rules_md for c in codes)
    schema = ogi_report.json_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_check_many_releases_the_gil(corpus: List[Path]) -> None:
    """While check_many works, other Python threads run."""
    import threading
    import time

    texts = [p.read_bytes() for p in corpus] * 80
    done = threading.Event()
    took: List[float] = []

    def work() -> None:
        t0 = time.perf_counter()
        ogi_report.check_many(texts, threads=1)
        took.append(time.perf_counter() - t0)
        done.set()

    worker = threading.Thread(target=work)
    longest_pause = 0.0
    worker.start()
    last = time.perf_counter()
    while not done.is_set():
        now = time.perf_counter()
        longest_pause = max(longest_pause, now - last)
        last = now
    worker.join()
    assert took[0] > 0.1
    # Had the GIL been held for the batch, this loop would have stood still that long.
    assert longest_pause < took[0] / 2, (longest_pause, took)


def test_an_exception_raised_while_reading_is_raised_as_it_is() -> None:
    class Key:
        """Hashes like "t3", and fails when compared."""

        def __hash__(self) -> int:
            return hash("t3")

        def __eq__(self, other: object) -> bool:
            raise ZeroDivisionError("compared")

    data: Dict[Any, Any] = {Key(): 1, "format": "2021"}
    with pytest.raises(ZeroDivisionError, match="compared"):
        ogi_report.validate(data)
    with pytest.raises(ZeroDivisionError):
        Report.from_dict(data)
    # Afterwards, reading works as before.
    assert ogi_report.validate({"format": "2021"})[0].code == "table.absent"


def test_schema_errors_in_free_form_parts_name_the_full_path() -> None:
    with pytest.raises(SchemaError) as e:
        Report.from_dict({"format": "2021", "sections": {"overview": object()}})
    assert e.value.path == "sections.overview"
