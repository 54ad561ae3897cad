"""Hostile input (issue 12): text that is not text, and bugs that panic, cost one
input, never the interpreter or the batch; the same input gives the same outcome
as the command (which reads every file with the core's `parse_bytes`)."""

import subprocess
import sys
from typing import Iterator, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ogi_report
from ogi_report import OgiError, ParseError, Report, SchemaError
from ogi_report import _native  # type: ignore[attr-defined]

SETTINGS = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
HEAD = "2022年度政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"


def unreadable(result: ogi_report.CheckResult) -> str:
    """The message of the one finding a source that could not be read gives."""
    [f] = result.findings
    assert (f.code, f.severity, f.path) == ("input.unsupported", "error", "")
    assert result.report.tables_present == {"t2": False, "t3": False, "t4": False}
    return f.message_en


# --- lone surrogates -----------------------------------------------------------


def test_a_lone_surrogate_is_a_parse_error_with_its_place() -> None:
    text = HEAD + "二、上年结转\ud800政府信息公开申请数量"
    for call in (ogi_report.check, ogi_report.parse):
        with pytest.raises(ParseError) as e:
            call(text)
        assert (e.value.line, e.value.column) == (3, len("二、上年结转".encode()) + 1)
        assert "U+D800" in str(e.value) and isinstance(e.value, OgiError)
    with pytest.raises(ParseError) as e:
        ogi_report.check("\udfff")
    assert (e.value.line, e.value.column) == (1, 1)


def test_a_lone_surrogate_in_json_text_is_a_parse_error() -> None:
    text = '{"format": "2021",\n "agency": "某县\udc80"}'
    for call in (ogi_report.validate, Report.from_json, lambda t: ogi_report.validate_series([t])):
        with pytest.raises(ParseError) as e:
            call(text)
        assert (e.value.line, e.value.column) == (2, len(' "agency": "某县'.encode()) + 1)


def test_a_lone_surrogate_in_a_dict_is_a_schema_fault_at_its_path() -> None:
    bad = {"format": "2021", "agency": "某县\ud83d", "t3": {"new_received": {"total": 3}}}
    [f] = ogi_report.validate(bad)
    assert (f.code, f.path) == ("schema.invalid", "agency") and "U+D83D" in f.message_en
    with pytest.raises(SchemaError) as e:
        Report.from_dict(bad)
    assert e.value.path == "agency"
    [f] = ogi_report.validate({"format": "2021", "t3": {"new_received": {"total\udcff": 3}}})
    assert f.code == "schema.invalid" and f.path.startswith("t3.new_received")
    [f] = ogi_report.validate({"format": "2021", "cells": {"t3.new_received.total": "\ud800"}})
    assert f.code == "schema.invalid" and f.path == "cells.t3.new_received.total"


# --- NUL: binary, as the command says -------------------------------------------


def test_a_str_with_nul_is_binary_as_its_bytes_are() -> None:
    text = HEAD + "二、上年\x00结转"
    raised: List[ParseError] = []
    for source in (text, text.encode("utf-8")):
        for call in (ogi_report.check, ogi_report.parse):
            with pytest.raises(ParseError) as e:
                call(source)
            raised.append(e.value)
    assert {(e.line, e.column, str(e)) for e in raised} == {
        (3, len("二、上年".encode()) + 1, str(raised[0]))
    }
    assert "binary" in str(raised[0])
    # A NUL inside JSON data is a character like any other (the command reads
    # JSON files as JSON, not as text).
    assert ogi_report.validate({"format": "2021", "agency": "a\x00b"}) == ogi_report.validate(
        '{"format": "2021", "agency": "a\\u0000b"}'
    )


# --- check_many: one bad source costs one result ------------------------------------


def test_check_many_gives_a_finding_for_each_source_it_cannot_read() -> None:
    good = [HEAD, HEAD.encode("gb18030")]
    sources: List[object] = [
        good[0], HEAD + "x\x00", good[1], b"\x00\x01\x02 not text \xff\xfe\x00", "a\nb\ud800",
    ]
    for threads in (None, 1, 3):
        results = ogi_report.check_many(sources, threads=threads)  # type: ignore[arg-type]
        assert len(results) == 5
        assert results[0] == ogi_report.check(good[0])
        assert results[2] == ogi_report.check(good[1])
        assert "binary" in unreadable(results[1]) and "line 3, column 2" in unreadable(results[1])
        assert results[1].findings[0].source_line == 3
        assert results[1].findings[0].to_dict()["source"]["start"] == len((HEAD + "x").encode())
        assert "line 1" in unreadable(results[3])
        assert "U+D800" in unreadable(results[4]) and results[4].findings[0].source_line == 2
        assert results[4].kind == "text" and results[4].encoding is None
    # The bad results are plain results: they pickle, and go into frames.
    import pickle

    assert pickle.loads(pickle.dumps(results)) == results


# --- panics --------------------------------------------------------------------------


@pytest.fixture()
def panic_marker() -> Iterator[str]:
    """A text that makes checking any source holding it panic inside Rust."""
    marker = "<<panic here>>"
    _native._panic_on(marker)
    try:
        yield marker
    finally:
        _native._panic_on(None)


def test_a_panic_is_an_ogi_error_and_the_interpreter_lives(panic_marker: str) -> None:
    bad = HEAD + panic_marker
    for source in (bad, bad.encode("utf-8"), bad.encode("gb18030")):
        for call in (ogi_report.check, ogi_report.parse):
            with pytest.raises(OgiError) as e:
                call(source)  # type: ignore[operator]
            assert type(e.value) is OgiError
            assert "internal error" in str(e.value) and "test panic" in str(e.value)
    # The module works on after it.
    assert ogi_report.check(HEAD).report.cell("t3.new_received.total") == 3


def test_check_many_goes_on_after_a_panic(panic_marker: str) -> None:
    bad = HEAD + panic_marker
    sources = [HEAD, bad, HEAD.encode(), bad.encode(), HEAD] * 20
    for threads in (None, 1, 2):
        results = ogi_report.check_many(sources, threads=threads)
        assert len(results) == len(sources)
        ok = ogi_report.check(HEAD)
        for i, r in enumerate(results):
            if i % 5 in (1, 3):
                assert "internal error" in unreadable(r) and r.findings[0].source_line is None
            else:
                assert (r.report, r.findings) == (ok.report, ok.findings)
    assert ogi_report.to_dataframe(results)["code"].value_counts()["input.unsupported"] == 40


def test_no_panic_marker_by_default() -> None:
    assert ogi_report.check(HEAD + "<<panic here>>").report.year == 2022


# --- nothing kills the interpreter: random text, in a child process ----------------------

hostile_chars = st.characters(codec=None, exclude_categories=())
hostile_text = st.lists(
    st.one_of(st.text(hostile_chars, max_size=8), st.sampled_from(["\x00", "\ud800", "\n", HEAD])),
    max_size=20,
).map("".join)


@SETTINGS
@given(hostile_text)
def test_any_str_gives_a_result_or_an_ogi_error(text: str) -> None:
    outcomes = []
    for call in (ogi_report.check, ogi_report.parse):
        try:
            call(text)
            outcomes.append("ok")
        except OgiError as e:
            outcomes.append(type(e).__name__)
    assert len(set(outcomes)) == 1
    expect_error = "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert outcomes[0] == ("ParseError" if expect_error else "ok")
    [result] = ogi_report.check_many([text])
    assert expect_error == any(f.code == "input.unsupported" for f in result.findings)


def test_html_with_thousands_of_attributes_does_not_kill_the_interpreter() -> None:
    """The crawl that crashed (issue 12): one tag with ~6,000 quoted attributes."""
    code = (
        "import ogi_report\n"
        "attrs = ' '.join(f'a{i}=\"v{i}\"' for i in range(6000))\n"
        "html = f'<html><body><p {attrs}>2022年度政府信息公开工作年度报告</p></body></html>'\n"
        "for call in (ogi_report.check, ogi_report.parse):\n"
        "    try:\n"
        "        call(html)\n"
        "    except ogi_report.OgiError:\n"
        "        pass\n"
        "ogi_report.check_many([html] * 4)\n"
        "print('alive')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "alive" in proc.stdout, proc.stderr[-2000:]
