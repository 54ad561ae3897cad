//! A report whose input does not show its format says so (`"format": null`)
//! instead of defaulting to 2021; report data with `"format": null` reads
//! back, and may hold no table.

use ogi_report::{parse_text, validate, Code, Report};
use serde_json::json;

#[test]
fn text_with_no_report_has_no_format() {
    for text in [
        "",
        "   \n",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    ] {
        let parsed = parse_text(text);
        assert!(!parsed.report.format_known, "{text:?}");
        assert_eq!(parsed.report.format_key(), None);
        assert_eq!(parsed.report.to_json()["format"], json!(null));
        assert_eq!(parsed.report.to_flat()["format"], json!(null));
        assert!(parsed.check().iter().any(|f| f.code == Code::InputNoReport));
    }
    // A title alone (tables missing): the year does not say which tables were
    // printed, and the report reads back from its JSON as it was.
    let parsed = parse_text("平潭综合实验区公安局2020年政府信息公开工作年度报告\n");
    assert_eq!(parsed.report.format_key(), None);
    assert_eq!(
        Report::from_json_value(&parsed.report.to_json()).unwrap(),
        parsed.report
    );
}

#[test]
fn a_report_with_its_tables_keeps_its_format() {
    let text =
        "二、主动公开政府信息情况\n规章 | 0 | 0 | 3\n本年制发件数 | 本年废止件数 | 现行有效件数\n";
    let parsed = parse_text(text);
    assert!(parsed.report.format_known);
    assert_eq!(parsed.report.format_key(), Some("2021"));
}

#[test]
fn format_null_reads_back_in_both_forms() {
    let nested = json!({"format": null, "agency": "某县人民政府", "year": 2023});
    let r = Report::from_json_value(&nested).expect("format null is report data");
    assert!(!r.format_known);
    assert!(r.tables_present().values().all(|p| !p));
    assert_eq!(r.to_json()["format"], json!(null));
    let back = Report::from_json_value(&r.to_json()).unwrap();
    assert_eq!(back, r);
    let flat = Report::from_flat_value(&r.to_flat()).unwrap();
    assert_eq!(flat, r);
    // No table, no format: the format rule has nothing to say.
    assert!(validate(&r)
        .iter()
        .all(|f| f.code != Code::FormatYearMismatch));
}

#[test]
fn a_table_without_a_format_is_a_schema_error() {
    let nested = json!({"format": null, "t4": {"review": {"total": 1}}});
    let e = Report::from_json_value(&nested).unwrap_err();
    assert_eq!(e.path, "t4");
    let flat = json!({"format": null, "cells": {"t3.new_received.total": 1}});
    let e = Report::from_flat_value(&flat).unwrap_err();
    assert_eq!(e.path, "format");
    assert!(
        Report::from_json_value(&json!({"agency": "x"})).is_err(),
        "format stays required"
    );
}

#[test]
fn the_json_schema_allows_a_null_format_with_no_tables() {
    let schema = Report::json_schema();
    let alts = schema["oneOf"].as_array().unwrap();
    let none = alts
        .iter()
        .find(|a| a["properties"]["format"]["const"].is_null())
        .expect("an alternative for format null");
    for t in ["t2", "t3", "t4"] {
        assert_eq!(none["properties"][t], json!({"type": "null"}));
    }
}

#[test]
fn the_nested_reader_reads_tables_present_as_the_json_schema_describes_it() {
    use ogi_report::Report;
    use serde_json::json;
    // Agreeing with the tables: accepted; a table marked present but left out
    // is present with blank cells.
    let r = Report::from_json_value(&json!({
        "format": "2021",
        "t4": null,
        "tables_present": {"t2": true, "t3": true, "t4": false}
    }))
    .unwrap();
    assert_eq!(
        r.tables_present().into_iter().collect::<Vec<_>>(),
        [("t2", true), ("t3", true), ("t4", false)]
    );
    assert_eq!(
        r.get("t3.new_received.total").map(|c| c.state()),
        Some(ogi_report::CellState::Blank)
    );
    // A table marked absent but given: an error at the table.
    let e = Report::from_json_value(&json!({
        "format": "2021",
        "t4": {"review": {"upheld": 1}},
        "tables_present": {"t4": false}
    }))
    .unwrap_err();
    assert_eq!(e.path, "t4", "{e}");
    // Not booleans, or an unknown table: errors at the key.
    let e = Report::from_json_value(&json!({"format": "2021", "tables_present": {"t3": 1}}))
        .unwrap_err();
    assert_eq!(e.path, "tables_present.t3", "{e}");
    let e = Report::from_json_value(&json!({"format": "2021", "tables_present": {"t5": true}}))
        .unwrap_err();
    assert_eq!(e.path, "tables_present.t5", "{e}");
    // The JSON Schema names the key, so data it accepts the reader accepts.
    let schema = Report::json_schema();
    for branch in schema["oneOf"].as_array().unwrap() {
        assert!(branch["properties"]["tables_present"].is_object());
    }
}
