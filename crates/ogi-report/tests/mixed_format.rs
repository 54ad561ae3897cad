//! Tables that mix the formats: a 2021-format table 3 printing (六)其他处理 as
//! one row, as the 2019 format did (real reports of 2023 and 2024 do). The row
//! is read as the group's total, `t3.outcome.other_total`, and the three
//! sub-rows are absent.

mod common;

use ogi_report::template::OTHER_TOTAL_ROW;
use ogi_report::T3Col;
use ogi_report::{
    parse_bytes, parse_text, validate, CellState, Code, Format, Kind, Parsed, Report, Severity,
};
use serde_json::json;

fn read(name: &str) -> String {
    std::fs::read_to_string(common::corpus_dir().join(name)).unwrap()
}

/// 040 as each extractor left it, and its PDF.
fn hongze() -> Vec<(String, Parsed)> {
    let mut out: Vec<(String, Parsed)> = ["pypdf", "pdftotext-layout"]
        .iter()
        .map(|x| {
            let name = format!("layout8/040_hongze_district_2024.{x}.txt");
            let parsed = parse_text(&read(&name));
            (name, parsed)
        })
        .collect();
    let pdf = "layout8/040_hongze_district_2024.pdf";
    let bytes = std::fs::read(common::corpus_dir().join(pdf)).unwrap();
    out.push((pdf.to_string(), parse_bytes(&bytes, Kind::Auto).unwrap()));
    out
}

/// The row as 040 prints it: `（六）其他处理 0 0 0 0 0 0 0`.
const HONGZE_OTHER: [i64; 7] = [0; 7];

#[test]
fn a_2021_table_printing_other_outcomes_as_one_row_has_its_sub_rows_absent_not_zero() {
    for (name, parsed) in hongze() {
        let r = &parsed.report;
        for row in ["no_correction", "unpaid_fee", "other"] {
            for col in T3Col::ALL {
                let path = format!("t3.outcome.other.{row}.{col}");
                let cell = r.get(&path).expect("a 2021 path");
                assert_eq!(cell.state(), CellState::Absent, "{name}: {path}");
            }
        }
        // The rows around the one row are read as printed, not shifted.
        assert_eq!(
            r.get("t3.outcome.rejected.confirmation.total")
                .unwrap()
                .state(),
            CellState::Value,
            "{name}"
        );
        assert_eq!(
            r.get("t3.outcome.total.total").unwrap().to_flat_json(),
            95,
            "{name}"
        );
    }
}

#[test]
fn the_one_row_is_the_group_total_under_its_own_key() {
    for (name, parsed) in hongze() {
        let r = &parsed.report;
        for (c, want) in T3Col::ALL.iter().zip(HONGZE_OTHER) {
            let path = format!("t3.{OTHER_TOTAL_ROW}.{c}");
            let cell = r.get(&path).unwrap_or_else(|| panic!("{name}: no {path}"));
            assert_eq!(cell.count(), Some(want), "{name}: {path}");
            assert!(
                r.sources.contains_key(&OTHER_TOTAL_ROW.cell(*c)),
                "{name}: {path} has no source"
            );
        }
        // Both JSON forms carry it, and read it back.
        let nested = r.to_json();
        assert_eq!(
            nested["t3"]["outcome"]["other_total"]["natural_person"],
            json!(0),
            "{name}"
        );
        let flat = r.to_flat();
        assert_eq!(
            flat["cells"]["t3.outcome.other_total.total"],
            json!(0),
            "{name}"
        );
        assert_eq!(&Report::from_json_value(&nested).unwrap(), r, "{name}");
        assert_eq!(&Report::from_flat_value(&flat).unwrap(), r, "{name}");
    }
}

#[test]
fn the_one_row_gives_one_warning_naming_its_cells_and_printed_label() {
    for (name, parsed) in hongze() {
        let mixed: Vec<_> = parsed
            .findings
            .iter()
            .filter(|f| f.code == Code::FormatMixed)
            .collect();
        assert_eq!(mixed.len(), 1, "{name}: {mixed:?}");
        let f = mixed[0];
        assert_eq!(f.path, "t3.outcome.other", "{name}");
        assert_eq!(f.severity, Severity::Warning, "{name}");
        // The message names the row as printed; the key is for `related`.
        assert!(f.message.contains("（六）其他处理"), "{}", f.message);
        assert!(!f.message.contains("other_total"), "{}", f.message);
        assert!(!f.message_en.contains("other_total"), "{}", f.message_en);
        assert_eq!(f.related.len(), 7, "{name}: {:?}", f.related);
        assert!(f.names("t3.outcome.other_total.natural_person"), "{name}");
        assert!(f.source.is_some(), "{name}");
    }
}

#[test]
fn the_outcome_totals_are_checked_with_the_group_total() {
    for (name, parsed) in hongze() {
        let all = parsed.check();
        // Checked, and they hold: no error and no note that they were not checked.
        assert!(
            !all.iter()
                .any(|f| matches!(f.code, Code::T3OutcomeTotal | Code::T3Balance)),
            "{name}: {all:?}"
        );
        let unchecked: Vec<_> = all
            .iter()
            .filter(|f| f.code == Code::EquationUnchecked)
            .collect();
        assert!(
            !unchecked
                .iter()
                .any(|f| f.message_en.contains("outcome totals")),
            "{name}: {unchecked:?}"
        );
        // The sub-rows' own row totals need the sub-rows: they stay unchecked.
        assert!(
            unchecked.iter().any(|f| f.message_en.contains("row totals")
                && f.names("t3.outcome.other.no_correction.total")),
            "{name}: {unchecked:?}"
        );
    }
}

/// 040's text with the one row printed as `row`.
fn hongze_with(row: &str) -> Parsed {
    let text = read("layout8/040_hongze_district_2024.pypdf.txt");
    let printed = "（六）其他处理 0 0 0 0 0 0 0";
    assert!(text.contains(printed));
    parse_text(&text.replace(printed, row))
}

#[test]
fn an_inconsistent_group_total_fails_the_outcome_total_naming_it() {
    // 3 more in the natural-person column and the total column: (七)总计 no longer adds up.
    let parsed = hongze_with("（六）其他处理 3 0 0 0 0 0 3");
    assert_eq!(
        parsed
            .report
            .get("t3.outcome.other_total.natural_person")
            .unwrap()
            .count(),
        Some(3)
    );
    let all = parsed.check();
    let failed: Vec<_> = all
        .iter()
        .filter(|f| f.code == Code::T3OutcomeTotal)
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    for (f, col) in failed.iter().zip(["natural_person", "total"]) {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.path, format!("t3.outcome.total.{col}"));
        assert!(f.names(&format!("t3.outcome.other_total.{col}")), "{f:?}");
        assert!(!f.names(&format!("t3.outcome.other.no_correction.{col}")));
        assert_eq!((f.expected, f.actual), (Some(98), Some(95)), "{f:?}");
    }
    // The row's own total is checked too.
    let parsed = hongze_with("（六）其他处理 0 0 0 0 0 0 2");
    let row: Vec<_> = parsed
        .check()
        .into_iter()
        .filter(|f| f.code == Code::T3RowTotal)
        .collect();
    assert_eq!(row.len(), 1, "{row:?}");
    assert_eq!(row[0].path, "t3.outcome.other_total.total");
}

#[test]
fn a_figure_in_the_prose_is_compared_with_the_group_total() {
    let mut r = hongze().remove(0).1.report;
    r.sections.requests = Some("本年度共办结申请95件，其他处理2件。".into());
    let m: Vec<_> = validate(&r)
        .into_iter()
        .filter(|f| f.code == Code::ProseMismatch && f.path == "t3.outcome.other")
        .collect();
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!((m[0].expected, m[0].actual), (Some(0), Some(2)));
    r.sections.requests = Some("本年度共办结申请95件，其他处理0件。".into());
    assert!(!validate(&r)
        .iter()
        .any(|f| f.code == Code::ProseMismatch && f.path == "t3.outcome.other"));
}

#[test]
fn a_table_printing_the_sub_rows_is_not_mixed() {
    for name in [
        "000_daxiang_2021_cellpipes.txt",
        "004_pingtan_2022_concat.txt",
    ] {
        let parsed = parse_text(&read(name));
        assert!(
            !parsed.findings.iter().any(|f| f.code == Code::FormatMixed),
            "{name}"
        );
        let r = &parsed.report;
        let cell = r.get("t3.outcome.other.no_correction.total").unwrap();
        assert_ne!(cell.state(), CellState::Absent, "{name}");
        // No group total: no key in either JSON form.
        assert!(r.get("t3.outcome.other_total.total").is_none(), "{name}");
        assert!(r.to_json()["t3"]["outcome"].get("other_total").is_none());
        assert!(r.to_flat()["cells"]
            .get("t3.outcome.other_total.total")
            .is_none());
    }
}

#[test]
fn the_group_total_is_a_2021_key_only() {
    let flat = json!({"format": "2019", "cells": {"t3.outcome.other_total.total": 1}});
    let e = Report::from_flat_value(&flat).unwrap_err();
    assert!(e.message.contains("no such cell"), "{e:?}");
    let mut r = Report::empty(Format::F2021);
    assert!(r.get("t3.outcome.other_total.total").is_none());
    // Writing one of its cells makes the row present, its other cells blank.
    r.get_mut("t3.outcome.other_total.total")
        .unwrap()
        .set_count(4);
    assert_eq!(
        r.get("t3.outcome.other_total.commercial").unwrap().state(),
        CellState::Blank
    );
    assert!(r.get_mut("t3.outcome.other_total.nonsense").is_none());
}
