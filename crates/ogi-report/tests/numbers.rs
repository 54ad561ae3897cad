//! Numbers as printed: a malformed number is invalid with its whole text, a
//! number too large says so, sums near the integer limit never saturate or
//! panic, and JSON keys given twice are schema errors.

use ogi_report::cell::{Cell, CellRef};
use ogi_report::{parse_text, validate, validate_series, Code, Error, Report, Severity};

const REPORT: &str = include_str!("../../../tests/corpus/000_daxiang_2021_cellpipes.txt");

fn invalid_text(r: &Report, path: &str) -> Option<String> {
    match r.get(path)? {
        CellRef::Count(Cell::Invalid(t)) => Some(t.clone()),
        CellRef::Money(Cell::Invalid(t)) => Some(t.clone()),
        _ => None,
    }
}

#[test]
fn malformed_numbers_are_invalid_as_printed() {
    for printed in [
        "12.5.3",
        "1e5",
        "2E+3",
        "1\u{200b}2\u{200b}3",
        "１２.５.３",
        "12\u{feff}172",
    ] {
        // A count and an amount.
        for (cell, path) in [
            ("12172 |", "t2.licensing.decisions"),
            ("539.16 |", "t2.fees.amount_wan_yuan"),
        ] {
            let text = REPORT.replacen(cell, &format!("{printed} |"), 1);
            let p = parse_text(&text);
            assert_eq!(
                invalid_text(&p.report, path).as_deref(),
                Some(printed),
                "{printed} in {path}"
            );
            let f = p
                .check()
                .into_iter()
                .find(|f| f.code == Code::CellInvalid && f.path == path)
                .unwrap_or_else(|| panic!("{printed}: no cell.invalid at {path}"));
            assert!(
                f.message_en.contains(&format!("{printed:?}")),
                "{}",
                f.message_en
            );
            assert!(f.message.contains(printed), "{}", f.message);
        }
    }
}

#[test]
fn numbers_too_large_say_so() {
    let big = "99999999999999999999999";
    let p = parse_text(&REPORT.replacen("12172 |", &format!("{big} |"), 1));
    assert_eq!(
        invalid_text(&p.report, "t2.licensing.decisions").as_deref(),
        Some(big)
    );
    let f = p
        .check()
        .into_iter()
        .find(|f| f.code == Code::CellInvalid && f.path == "t2.licensing.decisions")
        .unwrap();
    assert!(
        f.message_en.contains(big) && f.message_en.contains("too large"),
        "{}",
        f.message_en
    );
    assert!(!f.message_en.contains("whole number"), "{}", f.message_en);
    assert!(f.message.contains("过大"), "{}", f.message);

    // In JSON: 2^64 and a number beyond any float's exact digits, named as printed.
    for lit in [
        "18446744073709551616",
        "99999999999999999999999",
        "-99999999999999999999999",
    ] {
        for json in [
            format!(r#"{{"format": "2021", "cells": {{"t3.new_received.total": {lit}}}}}"#),
            format!(r#"{{"format": "2021", "t3": {{"new_received": {{"total": {lit}}}}}}}"#),
        ] {
            let Err(Error::Schema(e)) = Report::from_json_str(&json) else {
                panic!("{json}: accepted");
            };
            assert!(e.message.contains(lit), "{json}: {}", e.message);
            assert!(e.message.contains("too large"), "{json}: {}", e.message);
            assert!(
                !e.message.contains("e+19") && !e.message.contains("e19"),
                "{}",
                e.message
            );
            // From a parsed value too (no text to quote), 2^64 is in digits.
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            let f = ogi_report::validate_value(&v);
            assert!(f.iter().all(|f| !f.message_en.contains("e19")), "{f:?}");
        }
    }
    // An amount too large for an exact decimal.
    let Err(Error::Schema(e)) = Report::from_json_str(
        r#"{"format": "2021", "cells": {"t2.fees.amount_wan_yuan": 100000000000000000000000000000000}}"#,
    ) else {
        panic!("accepted");
    };
    assert!(
        e.message.contains("100000000000000000000000000000000"),
        "{}",
        e.message
    );
    assert!(e.message.contains("too large"), "{}", e.message);
}

/// Every count cell of a 2021 report set to `v`.
fn all_counts(v: i64) -> Report {
    let mut r = Report::from_json_str(r#"{"format": "2021"}"#).unwrap();
    for t in ogi_report::TableId::ALL {
        r.tables.set_present(t, true);
    }
    let paths: Vec<String> = r.cells().into_iter().map(|(p, _)| p).collect();
    for p in paths {
        if let Some(mut c @ ogi_report::cell::CellMut::Count(_)) = r.get_mut(&p) {
            c.set_count(v);
        }
    }
    r
}

#[test]
fn sums_near_the_integer_limit_overflow_with_a_finding() {
    let flat = format!(
        r#"{{"format": "2021", "cells": {{"t4.review.upheld": {m}, "t4.review.corrected": {m}, "t4.review.other": 0, "t4.review.pending": 0, "t4.review.total": 1}}}}"#,
        m = i64::MAX
    );
    let r = Report::from_json_str(&flat).unwrap();
    let findings = validate(&r);
    let f = findings
        .iter()
        .find(|f| f.code == Code::T4GroupTotal && f.path == "t4.review.total")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message_en.contains("overflows"), "{}", f.message_en);
    assert!(
        f.message_en.contains("18446744073709551614"),
        "{}",
        f.message_en
    );
    assert!(f.message.contains("溢出"), "{}", f.message);
    // No saturated sum anywhere.
    for v in [i64::MAX, i64::MAX - 1, i64::MIN, i64::MIN + 1] {
        let r = all_counts(v);
        let findings = validate(&r); // a debug build panics on an unchecked overflow
        for f in &findings {
            assert!(
                !f.message_en.contains("sum to 9223372036854775807"),
                "{}",
                f.message_en
            );
        }
        assert!(findings.iter().any(|f| f.code == Code::CellInvalid));
        let mut prev = all_counts(v);
        prev.meta.year = Some(2021);
        let mut cur = r.clone();
        cur.meta.year = Some(2022);
        prev.meta.agency = Some("某局".into());
        cur.meta.agency = Some("某局".into());
        let _ = validate_series(&[prev, cur]);
    }
}

#[test]
fn json_keys_given_twice_are_schema_errors() {
    for (json, path) in [
        (r#"{"format": "2021", "format": "2019"}"#, "format"),
        (
            r#"{"format": "2021", "cells": {"t3.new_received.total": 1, "t3.new_received.total": 2}}"#,
            "cells.t3.new_received.total",
        ),
        (
            r#"{"format": "2021", "t3": {"new_received": {"total": 1, "\u0074otal": 2}}}"#,
            "t3.new_received.total",
        ),
        (
            r#"{"format": "2021", "sources": {"t3.new_received.total": {"line": 1, "line": 2}}}"#,
            "sources.t3.new_received.total.line",
        ),
    ] {
        match Report::from_json_str(json) {
            Err(Error::Schema(e)) => {
                assert_eq!(e.path, path, "{json}");
                assert!(e.message.contains("twice"), "{}", e.message);
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    // Findings from JSON text: the duplicate is a schema.invalid finding.
    let f = ogi_report::validate_json_str(r#"{"format": "2021", "format": "2021"}"#);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].code, f[0].path.as_str()),
        (Code::SchemaInvalid, "format")
    );
    let f = ogi_report::validate_json_str("{");
    assert_eq!(f[0].code, Code::SchemaInvalid);
    assert!(ogi_report::validate_json_str(r#"{"format": "2021"}"#)
        .iter()
        .all(|f| f.code != Code::SchemaInvalid));
    // The same key in two objects is no duplicate; an array of objects neither.
    Report::from_json_str(
        r#"{"format": "2021", "t3": {"new_received": {"total": 1}, "carried_over": {"total": 1}}}"#,
    )
    .unwrap();
    // JSON that is not JSON stays a JSON error.
    assert!(matches!(
        Report::from_json_str("{\"a\": 1,"),
        Err(Error::Json { .. })
    ));
    // A key given twice among many (past the few kept in a sorted list), and
    // one written once plainly and once with an escape, are told too.
    let many: String = (0..100)
        .map(|i| format!(r#""t3.new_received.c{i}": {{"line": 1}}, "#))
        .collect();
    for (json, path) in [
        (
            format!(
                r#"{{"format": "2021", "sources": {{{many}"t3.new_received.c7": {{"line": 2}}}}}}"#
            ),
            "sources.t3.new_received.c7",
        ),
        (
            r#"{"format": "2021", "sources": {"ab": {"line": 1}, "a\u0062": {"line": 2}}}"#
                .to_string(),
            "sources.ab",
        ),
    ] {
        match Report::from_json_str(&json) {
            Err(Error::Schema(e)) => {
                assert_eq!(e.path, path);
                assert!(e.message.contains("twice"), "{}", e.message);
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    // validate_json: findings for data, the error for text that is not JSON.
    assert!(
        ogi_report::validate_json(r#"{"format": "2021", "format": "2021"}"#)
            .is_ok_and(|f| f.len() == 1 && f[0].code == Code::SchemaInvalid)
    );
    assert!(matches!(
        ogi_report::validate_json("{\"a\": 1,"),
        Err(Error::Json { line: 1, .. })
    ));
}

#[test]
fn json_errors_keep_their_precedence_whatever_the_reader_meets_first() {
    // A key given twice, then text that is not JSON further on: the text's
    // fault comes first, as the whole parse names it.
    let deep = format!("{}{}", "[".repeat(130), "]".repeat(130));
    for (json, says) in [
        (r#"[{"a":0,"a":0},"\ud800"]"#.to_string(), "hex escape"),
        (r#"[{"a":0,"a":0},1e400]"#.to_string(), "out of range"),
        (r#"[{"a":0,"a":0},]"#.to_string(), "trailing comma"),
        (format!(r#"[{{"a":0,"a":0}},{deep}]"#), "recursion limit"),
    ] {
        match Report::from_json_str(&json) {
            Err(Error::Json { message, .. }) => {
                assert!(message.contains(says), "{json}: {message}")
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    // Too large: told as such, whatever fault of the values comes before the
    // limit (only the text's grammar is checked then).
    let n = ogi_report::data::MAX_JSON_ITEMS;
    for first in [r#""\ud800""#, "1e400"] {
        let json = format!("[{first}{}]", ",0".repeat(n));
        match Report::from_json_str(&json) {
            Err(Error::Schema(e)) => assert!(e.message.contains("too large"), "{}", e.message),
            other => panic!("{first}: {other:?}"),
        }
    }
}

#[test]
fn a_source_keyed_by_no_cell_is_a_schema_error() {
    for key in ["t3.nowhere.total", "format", ""] {
        let json = format!(r#"{{"format": "2021", "sources": {{"{key}": {{"line": 1}}}}}}"#);
        match Report::from_json_str(&json) {
            Err(Error::Schema(e)) => {
                assert_eq!(e.path, format!("sources.{key}"));
                assert!(e.message.contains("canonical path"), "{}", e.message);
            }
            other => panic!("{key}: {other:?}"),
        }
    }
    // A cell's path is read, and written back the same.
    let json = r#"{"format": "2021", "sources": {"t3.new_received.total": {"line": 3, "start": 5, "end": 6}}}"#;
    let r = Report::from_json_str(json).unwrap();
    let id = ogi_report::CellId::parse("t3.new_received.total").unwrap();
    assert_eq!(r.sources[&id].line, 3);
    assert_eq!(
        r.to_json()["sources"],
        serde_json::json!({"t3.new_received.total": {"line": 3, "start": 5, "end": 6}})
    );
}

#[test]
fn json_with_more_items_than_a_report_is_refused_before_it_is_read() {
    let n = ogi_report::data::MAX_JSON_ITEMS + 1;
    for json in [
        format!("[{}]", vec!["0"; n].join(",")),
        format!(
            r#"{{"format": "2021", "sources": {{{}}}}}"#,
            (0..n)
                .map(|i| format!(r#""k{i}": 1"#))
                .collect::<Vec<_>>()
                .join(",")
        ),
    ] {
        match Report::from_json_str(&json) {
            Err(Error::Schema(e)) => assert!(e.message.contains("too large"), "{}", e.message),
            other => panic!("{other:?}"),
        }
        // The same text broken at its end is told as text that is not JSON,
        // with where (a host raises it, as for any malformed JSON).
        let broken = &json[..json.len() - 1];
        match Report::from_json_str(broken) {
            Err(Error::Json { line: 1, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
    // A report with long texts is no problem.
    let long = "本年度".repeat(100_000);
    let r = Report::from_json_str(&format!(
        r#"{{"format": "2021", "sections": {{"overview": "{long}"}}}}"#
    ))
    .unwrap();
    assert_eq!(r.sections.overview.as_deref(), Some(long.as_str()));
}
