//! DOCX: the Word files of `tests/corpus/layout8/` (the national template filled
//! with each truth report's cells and section texts, made by
//! `scripts/fixtures/generate.py`), read by their tables.
//!
//! - Every cell of every DOCX equals its truth (`<name>.truth.json`; cells the
//!   truth marks `"ambiguous"` are skipped), and a cell's source names its
//!   table, row and cell.
//! - The findings of the DOCX, by code and path (their source aside), are
//!   those of the same report given as text: the original in `tests/corpus/`,
//!   whose section texts the DOCX holds. Left out of that comparison: the
//!   findings on reading a text (`cell.inferred`, `cell.ambiguous`,
//!   `cell.unread`, `cell.invalid`, and any finding on a cell the text left
//!   unread), which the DOCX, read by its cells, never has; and `meta.*` and
//!   `section.*`, because the fixtures print every heading of the template and
//!   no publication line, unlike some originals. The findings on tables also
//!   equal those of the truth's cells given as data.
#![cfg(feature = "docx")]

mod common;

use ogi_report::{parse_bytes, Code, Kind, SourceKind};
use serde_json::Value;
use std::collections::BTreeSet;

/// Every DOCX fixture: (name, bytes, truth).
fn fixtures() -> Vec<(String, Vec<u8>, Value)> {
    common::layout8_files("docx")
}

#[test]
fn every_cell_of_every_docx_fixture_equals_its_truth() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 10, "{} DOCX fixtures", fixtures.len());
    let mut bad = Vec::new();
    let mut cells = 0;
    for (name, bytes, truth) in &fixtures {
        let parsed = parse_bytes(bytes, Kind::Auto).unwrap();
        assert_eq!(parsed.kind, SourceKind::Docx, "{name}");
        let (n, wrong) = common::compare_cells(name, &parsed.report, truth, |p, cell, src| {
            // A cell read off the page (a value or a blank) names its
            // table, row and cell.
            if cell.state() == ogi_report::CellState::Value {
                assert!(src.is_some(), "{name}: {p}: no source");
            }
            if let Some(s) = src {
                assert!(
                    s.table.is_some() && s.row.is_some() && s.cell.is_some(),
                    "{name}: {p}: {s:?}"
                );
            }
        });
        cells += n;
        bad.extend(wrong);
    }
    assert!(cells > 1000, "{cells} cells");
    assert!(
        bad.is_empty(),
        "{} of {cells} cells differ from the truth:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Findings on reading a text (digits split by the rules, several readings,
/// a cell not placed): about the text's layout, not the report.
const READING: [&str; 4] = [
    "cell.inferred",
    "cell.ambiguous",
    "cell.unread",
    "cell.invalid",
];

/// The findings (code and path) of a check, but those on reading the text.
fn findings_of(findings: &[ogi_report::Finding]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .filter(|f| !READING.contains(&f.code.as_str()))
        .map(|f| (f.code.as_str().to_string(), f.path.clone()))
        .collect()
}

fn is_table_path(p: &str) -> bool {
    ["t2", "t3", "t4"]
        .iter()
        .any(|t| p == *t || p.starts_with(&format!("{t}.")))
}

#[test]
fn the_findings_of_a_docx_are_those_of_the_same_report_as_text() {
    let corpus = common::corpus_dir();
    let mut compared = 0;
    let mut diffs = Vec::new();
    for (name, bytes, truth) in fixtures() {
        let docx = parse_bytes(&bytes, Kind::Auto).unwrap().check();
        // Nothing of the DOCX is unreadable, and it reads every cell.
        for f in &docx {
            assert!(
                !f.code.as_str().starts_with("input.")
                    && f.code != Code::TableAbsent
                    && !READING.contains(&f.code.as_str()),
                "{name}: {f:?}"
            );
        }
        let got = findings_of(&docx);
        // The same report as data (the truth's cells): the same findings on tables.
        let as_data = findings_of(&ogi_report::validate(&common::truth_report(&truth)));
        // (Prose claims are not in the data.)
        let tables = |s: &BTreeSet<(String, String)>| -> BTreeSet<(String, String)> {
            s.iter()
                .filter(|(c, p)| is_table_path(p) && !c.starts_with("prose."))
                .cloned()
                .collect()
        };
        if tables(&got) != tables(&as_data) {
            diffs.push(format!(
                "{name} vs its truth as data: only in the DOCX {:?}; only in the data {:?}",
                tables(&got)
                    .difference(&tables(&as_data))
                    .collect::<Vec<_>>(),
                tables(&as_data)
                    .difference(&tables(&got))
                    .collect::<Vec<_>>()
            ));
        }
        // The same report as text (the original the DOCX's texts come from):
        // the same findings, but on the cells the text could not read.
        let source: Value = serde_json::from_str(
            &std::fs::read_to_string(corpus.join("../..").join(truth["source"].as_str().unwrap()))
                .unwrap(),
        )
        .unwrap();
        let text = std::fs::read(corpus.join(source["file"].as_str().unwrap())).unwrap();
        let text = parse_bytes(&text, Kind::Auto).unwrap().check();
        let unread: Vec<&str> = text
            .iter()
            .filter(|f| f.code == Code::CellUnread)
            .map(|f| f.path.as_str())
            .collect();
        // The fixtures print every section heading of the template and no
        // publication line, as the originals may not: `meta.*` and
        // `section.*` findings are about those texts, not the reader.
        let keep = |s: BTreeSet<(String, String)>| -> BTreeSet<(String, String)> {
            s.into_iter()
                .filter(|(c, p)| {
                    !c.starts_with("meta.")
                        && !c.starts_with("section.")
                        && !unread
                            .iter()
                            .any(|u| p == u || p.starts_with(&format!("{u}.")))
                })
                .collect()
        };
        let (a, b) = (keep(got), keep(findings_of(&text)));
        if a != b {
            diffs.push(format!(
                "{name} vs its text: only in the DOCX {:?}; only in the text {:?}",
                a.difference(&b).collect::<Vec<_>>(),
                b.difference(&a).collect::<Vec<_>>()
            ));
        }
        compared += 1;
    }
    assert!(compared >= 10);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn tables_replaced_by_pictures_are_absent_and_the_pictures_are_counted() {
    let path = common::corpus_dir().join("pictures/000_daxiang_2021_pictures.docx");
    common::assert_tables_are_pictures(
        &std::fs::read(path).unwrap(),
        "the file holds 3 picture(s) of a table's size",
    );
}

#[test]
fn a_row_whose_first_and_last_cells_are_blank_keeps_all_its_cells() {
    // The web form's DOCX of a 2019-format report: in table 3, a row under a
    // vertically merged label starts with a blank cell (the merge's
    // continuation) and ends with a blank total. Neither is a border: every
    // row is read, none is left unread for a cell "too few".
    let path = common::corpus_dir().join("form/daxiang_2019_format_form_export.docx");
    let p = parse_bytes(&std::fs::read(path).unwrap(), Kind::Auto).unwrap();
    assert_eq!(p.report.format_key(), Some("2019"));
    let unread: Vec<_> = p
        .check()
        .into_iter()
        .filter(|f| f.code == Code::CellUnread)
        .map(|f| f.path)
        .collect();
    assert!(unread.is_empty(), "{unread:?}");
    let count = |path: &str| p.report.get(path).and_then(|c| c.count());
    assert_eq!(count("t3.outcome.partly_disclosed.natural_person"), Some(3));
    assert_eq!(count("t3.outcome.withheld.inquiry.commercial"), Some(2));
    assert_eq!(count("t3.outcome.unable.unclear.natural_person"), Some(25));
    let blank = p.report.get("t3.outcome.partly_disclosed.total").unwrap();
    assert_eq!(blank.state(), ogi_report::CellState::Blank);
}

#[test]
fn a_header_rows_empty_cell_is_not_a_value_of_table_4() {
    // The web form's DOCX prints table 4's first header row as
    // "行政复议 | 行政诉讼 |" (a last, empty cell). Its values row is
    // "5 |  |  | 2 | 7 | 8 |  |  | 1 | 9 | …": read in place, not shifted
    // by that empty cell (upheld 5 was read as blank, and 5 as a lawsuit's).
    let path = common::corpus_dir().join("form/daxiang_2019_format_form_export.docx");
    let p = parse_bytes(&std::fs::read(path).unwrap(), Kind::Auto).unwrap();
    let count = |path: &str| p.report.get(path).and_then(|c| c.count());
    for (path, value) in [
        ("t4.review.upheld", 5),
        ("t4.review.pending", 2),
        ("t4.review.total", 7),
        ("t4.litigation_direct.upheld", 8),
        ("t4.litigation_direct.pending", 1),
        ("t4.litigation_direct.total", 9),
    ] {
        assert_eq!(count(path), Some(value), "{path}");
    }
    for path in ["t4.review.corrected", "t4.litigation_after_review.upheld"] {
        let cell = p.report.get(path).unwrap();
        assert_eq!(cell.state(), ogi_report::CellState::Blank, "{path}");
    }
}
