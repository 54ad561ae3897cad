//! Layout 8: the texts that PDF text extractors leave behind, cell by cell.
//!
//! `tests/corpus/layout8/` holds real PDFs of the corpus reports (the national template
//! filled with each truth report and printed by LibreOffice; the 2019-format reports
//! printed from HTML by Chromium; variants with table 3 broken across pages, narrow
//! tables and page numbers; and the published PDF of 040), each with the texts of three
//! extractors, `<name>.pdftotext-layout.txt`, `<name>.pdftotext.txt` and
//! `<name>.pypdf.txt`, and its truth, `<name>.truth.json`. They are made by
//! `scripts/fixtures/generate.py` (see README.md, "Re-running the fixture generator").
//!
//! Every cell of every text is compared with the truth and counted:
//! - **exact**: the cell equals the truth (a blank or `absent` cell where the truth is
//!   `null`, a mark where it is `"n/a"`);
//! - **flagged**: the parser says it cannot tell: ambiguous with the truth among its
//!   candidates, ambiguous with no candidates, unread or invalid (or the whole table not
//!   found, which `table.absent` reports);
//! - **wrong**: a settled reading that differs from the truth (a value, a blank, a mark or
//!   `absent`), ambiguous candidates that miss the truth, or a cell the parser's format
//!   does not have.
//!
//! The counts are a ratchet: `tests/corpus/layout8/expected.json` records them per text,
//! and the test fails when a text gets more wrong cells or fewer exact cells than
//! recorded, so the parser can only improve on these layouts. When a change improves
//! them, the test passes and prints the texts that improved; record the new counts with
//!
//! ```sh
//! OGI_LAYOUT8_UPDATE=1 cargo test -p ogi-report --test layout8
//! ```
//!
//! and commit `expected.json` with the change (review its diff: only better numbers).
//! One trade is allowed, and must be said in the commit: exact cells that become flagged
//! when the same change removes wrong ones (a reading the text does not settle is flagged,
//! not guessed, even where the guess happened to be right).
//! A new fixture must be recorded the same way. See the table with
//! `cargo test -p ogi-report --test layout8 -- --nocapture`, and every wrong cell
//! under its text with `OGI_LAYOUT8_WRONG=1` as well.

mod common;

use common::{verdict, Verdict};
use ogi_report::{parse_text, Code};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

const EXTRACTORS: [&str; 3] = ["pdftotext-layout", "pdftotext", "pypdf"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    exact: usize,
    flagged: usize,
    wrong: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.exact += o.exact;
        self.flagged += o.flagged;
        self.wrong += o.wrong;
    }
    fn to_json(self) -> Value {
        json!({"exact": self.exact, "flagged": self.flagged, "wrong": self.wrong})
    }
    fn from_json(v: &Value) -> Counts {
        let n = |k: &str| {
            v[k].as_u64()
                .unwrap_or_else(|| panic!("expected.json: {k} in {v}")) as usize
        };
        Counts {
            exact: n("exact"),
            flagged: n("flagged"),
            wrong: n("wrong"),
        }
    }
}

fn layout8_dir() -> PathBuf {
    common::corpus_dir().join("layout8")
}

/// Every (text name, truth) pair: `<stem>.<extractor>` for each extractor text present.
fn fixtures() -> Vec<(String, PathBuf, Value)> {
    let dir = layout8_dir();
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/corpus/layout8")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.strip_suffix(".truth.json").map(str::to_string)
        })
        .collect();
    stems.sort();
    let mut out = Vec::new();
    for stem in stems {
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{stem}.truth.json"))).unwrap(),
        )
        .unwrap();
        for ex in EXTRACTORS {
            let p = dir.join(format!("{stem}.{ex}.txt"));
            if p.exists() {
                out.push((format!("{stem}.{ex}"), p, truth.clone()));
            }
        }
    }
    out
}

/// Counts for one text, and the cells that were wrong (path: got vs truth).
fn score(path: &PathBuf, truth: &Value) -> (Counts, Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let r = parse_text(&text).report;
    let same_format = r.format().as_str() == truth["format"];
    let mut c = Counts::default();
    let mut wrong = Vec::new();
    for (p, want) in truth["cells"].as_object().unwrap() {
        let v = match r.get(p) {
            Some(cell) => {
                let v = verdict(cell, want);
                if v == Verdict::Wrong {
                    wrong.push(format!("{p}: {} vs truth {want}", cell.to_json()));
                }
                v
            }
            // The report's format has no such cell: the format was misread.
            None if !same_format => {
                wrong.push(format!("{p}: not in format {}", r.format()));
                Verdict::Wrong
            }
            // The table was not found (and `table.absent` says so).
            None => Verdict::Flagged,
        };
        match v {
            Verdict::Exact => c.exact += 1,
            Verdict::Flagged => c.flagged += 1,
            Verdict::Wrong => c.wrong += 1,
        }
    }
    (c, wrong)
}

#[test]
fn layout8_cells_never_get_worse() {
    let fixtures = fixtures();
    assert!(
        fixtures.len() >= 40,
        "expected the layout-8 fixtures, found {}",
        fixtures.len()
    );
    let expected_path = layout8_dir().join("expected.json");
    let expected: Value = std::fs::read_to_string(&expected_path)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(json!({}));
    let update = std::env::var_os("OGI_LAYOUT8_UPDATE").is_some();
    let show_wrong = std::env::var_os("OGI_LAYOUT8_WRONG").is_some();

    let mut now = BTreeMap::new();
    let mut totals: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut worse = Vec::new();
    let mut better = Vec::new();
    println!(
        "{:<52} {:>6} {:>8} {:>6}",
        "text (layout 8)", "exact", "flagged", "wrong"
    );
    for (name, path, truth) in &fixtures {
        let (c, wrong_cells) = score(path, truth);
        println!("{name:<52} {:>6} {:>8} {:>6}", c.exact, c.flagged, c.wrong);
        if show_wrong {
            for w in &wrong_cells {
                println!("    {w}");
            }
        }
        let ex = EXTRACTORS
            .iter()
            .find(|e| name.ends_with(&format!(".{e}")))
            .unwrap();
        totals.entry(ex).or_default().add(c);
        match expected.get(name) {
            None => worse.push(format!("{name}: not recorded in expected.json")),
            Some(e) => {
                let e = Counts::from_json(e);
                if c.wrong > e.wrong || c.exact < e.exact {
                    let mut msg = format!(
                        "{name}: exact {} (recorded {}), wrong {} (recorded {})",
                        c.exact, e.exact, c.wrong, e.wrong
                    );
                    for w in wrong_cells.iter().take(12) {
                        msg.push_str(&format!("\n    {w}"));
                    }
                    worse.push(msg);
                } else if c != e {
                    better.push(format!(
                        "{name}: exact {} -> {}, flagged {} -> {}, wrong {} -> {}",
                        e.exact, c.exact, e.flagged, c.flagged, e.wrong, c.wrong
                    ));
                }
            }
        }
        now.insert(name.clone(), c.to_json());
    }
    if let Some(obj) = expected.as_object() {
        for k in obj.keys() {
            if !now.contains_key(k) {
                worse.push(format!(
                    "{k}: recorded in expected.json, but its text is gone"
                ));
            }
        }
    }
    let mut all = Counts::default();
    for (ex, c) in &totals {
        println!(
            "{:<52} {:>6} {:>8} {:>6}",
            format!("total {ex}"),
            c.exact,
            c.flagged,
            c.wrong
        );
        all.add(*c);
    }
    println!(
        "{:<52} {:>6} {:>8} {:>6}",
        "total", all.exact, all.flagged, all.wrong
    );

    if update {
        let text = serde_json::to_string_pretty(&Value::Object(now.into_iter().collect())).unwrap();
        std::fs::write(&expected_path, text + "\n").unwrap();
        println!("recorded the counts in {}", expected_path.display());
        return;
    }
    if !better.is_empty() {
        println!(
            "improved (record with OGI_LAYOUT8_UPDATE=1 cargo test -p ogi-report --test layout8):\n  {}",
            better.join("\n  ")
        );
    }
    assert!(
        worse.is_empty(),
        "layout 8 got worse than recorded in tests/corpus/layout8/expected.json:\n{}",
        worse.join("\n")
    );
}

/// The fixtures' truth is well formed: the shape of `tests/corpus/truth/*.json`, one
/// cell for every cell of the report's format, settled values only.
#[test]
fn layout8_truth_files_are_complete() {
    let dir = layout8_dir();
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".truth.json") {
            continue;
        }
        n += 1;
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        for k in ["format", "year", "agency", "tables_present", "cells"] {
            assert!(!truth[k].is_null(), "{name}: {k}");
        }
        let report = common::truth_report(&truth);
        let paths: Vec<String> = report.cells().into_iter().map(|(p, _)| p).collect();
        let cells = truth["cells"].as_object().unwrap();
        for p in &paths {
            assert!(cells.contains_key(p), "{name}: no truth for {p}");
        }
        for (p, v) in cells {
            assert!(paths.contains(p), "{name}: {p} is not a cell of the format");
            assert_ne!(v, "ambiguous", "{name}: {p}: a fixture's truth is settled");
        }
        let stem = name.trim_end_matches(".truth.json");
        assert!(dir.join(format!("{stem}.pdf")).exists(), "{name}: no PDF");
    }
    assert!(n >= 15, "{n} truth files");
}

#[test]
fn a_label_wrapped_around_other_columns_is_found_by_its_beginning() {
    // pdftotext -layout of a narrow table 3: "2.没有现成信息需要" beside the
    // row's values, "另行制作" a line below, under the values of row 1.
    let text = std::fs::read_to_string(
        layout8_dir().join("038_pingtan_jtj_2022_narrow.pdftotext-layout.txt"),
    )
    .unwrap();
    let r = parse_text(&text).report;
    let count = |p: &str| r.get(p).and_then(|c| c.count());
    assert_eq!(count("t3.outcome.unable.not_held.natural_person"), Some(4));
    assert_eq!(count("t3.outcome.unable.not_held.total"), Some(4));
    assert_eq!(
        count("t3.outcome.unable.needs_creation.natural_person"),
        Some(0)
    );
    // 010: "2.其他法律行政法规" wrapped around "禁止公开"; the row above no
    // longer takes its values (and those of the rows below) as its own
    // blank cells read as 0.
    let text = std::fs::read_to_string(
        layout8_dir().join("010_shuyang_fgj_2023_narrow.pdftotext-layout.txt"),
    )
    .unwrap();
    let r = parse_text(&text).report;
    let cell = r
        .get("t3.outcome.withheld.state_secret.commercial")
        .unwrap();
    assert_ne!(cell.count(), Some(0), "{:?}", cell.to_json());
}

/// The findings of `table.reading_order` that parsing `text` gives, by path.
fn reading_order_tables(text: &str) -> Vec<String> {
    parse_text(text)
        .findings
        .iter()
        .filter(|f| f.code == Code::TableReadingOrder)
        .map(|f| f.path.clone())
        .collect()
}

#[test]
fn a_table_in_reading_order_places_only_rows_an_equation_of_their_own_vouches_for() {
    // Plain pdftotext of 009: table 3's values come before its row labels, and
    // after 3.补正后申请内容仍不明确 come header words and the values of other
    // rows (713 36 294 101 0 0 2), which do not add up as a row.
    let text =
        std::fs::read_to_string(layout8_dir().join("009_shuyang_county_2025_plain.pdftotext.txt"))
            .unwrap();
    // Table 2, from the same extractor, is vetted too.
    assert_eq!(reading_order_tables(&text), ["t2", "t3"]);
    let r = parse_text(&text).report;
    for col in ["natural_person", "commercial", "total"] {
        let p = format!("t3.outcome.unable.unclear.{col}");
        let cell = r.get(&p).unwrap();
        assert_eq!(
            cell.to_json(),
            json!({ "unread": ogi_report::cell::UNREAD_READING_ORDER }),
            "{p}"
        );
    }
    // No equation error comes from values placed by guess.
    let findings = ogi_report::validate(&r);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != ogi_report::Severity::Error),
        "{:?}",
        findings
            .iter()
            .filter(|f| f.severity == ogi_report::Severity::Error)
            .map(|f| (&f.code, &f.path))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_row_whose_own_total_vouches_for_its_values_is_placed_in_reading_order() {
    // 040's plain pdftotext: in reading order, yet some rows print their
    // values right after their labels, and their totals add up.
    let text =
        std::fs::read_to_string(layout8_dir().join("040_hongze_district_2024.pdftotext.txt"))
            .unwrap();
    assert!(reading_order_tables(&text).contains(&"t3".to_string()));
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(layout8_dir().join("040_hongze_district_2024.truth.json"))
            .unwrap(),
    )
    .unwrap();
    let r = parse_text(&text).report;
    let placed: Vec<String> = truth["cells"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(p, _)| p.starts_with("t3.") && p.ends_with(".total"))
        .filter(|(p, want)| {
            let cell = r.get(p).unwrap();
            cell.count().is_some() && verdict(cell, want) == Verdict::Exact
        })
        .map(|(p, _)| p.clone())
        .collect();
    assert!(!placed.is_empty(), "no row of 040's table 3 was placed");
}

#[test]
fn texts_read_in_order_are_never_taken_for_reading_order() {
    // Every corpus text, and the -layout and pypdf texts of layout 8 (rows in
    // order, some with blank cells that left no mark, some with page numbers).
    let mut texts: Vec<PathBuf> = std::fs::read_dir(common::corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    for (name, path, _) in fixtures() {
        if !name.ends_with(".pdftotext") {
            texts.push(path);
        }
    }
    assert!(texts.len() > 40, "{} texts", texts.len());
    for path in texts {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            reading_order_tables(&text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
}

/// `text` with the line holding `label` cut after the label (its row printed
/// blank, no mark left).
fn blank_row(text: &str, label: &str) -> String {
    text.lines()
        .map(|l| match l.find(label) {
            Some(i) => l[..i + label.len()].to_string(),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` with `extra` as a line of its own after the line holding `after`.
fn line_after(text: &str, after: &str, extra: &str) -> String {
    text.lines()
        .flat_map(|l| {
            let mut v = vec![l.to_string()];
            if l.contains(after) {
                v.push(extra.to_string());
            }
            v
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ordered_text_with_blank_rows_a_page_number_or_a_lost_label_is_not_taken_for_reading_order() {
    // pdftotext -layout of 000, read in order, changed as real texts are: rows
    // printed blank (no mark left), a bare page number among the values, a
    // lost row label, figures in the prose after a table's heading.
    let base =
        std::fs::read_to_string(layout8_dir().join("000_daxiang_2021_plain.pdftotext-layout.txt"))
            .unwrap();
    let three_blank = [
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
    ]
    .iter()
    .fold(base.clone(), |t, l| blank_row(&t, l));
    let t2_blank = ["规章", "行政规范性文件", "行政强制"]
        .iter()
        .fold(base.clone(), |t, l| blank_row(&t, l));
    let variants = [
        (
            "three blank rows and a page number",
            line_after(
                &three_blank,
                "（一）予以公开",
                "                                          2",
            ),
            &["t3.outcome.withheld"][..],
        ),
        (
            "three blank rows and a lost label",
            three_blank.replace("2.重复申请", "          "),
            &["t3.outcome.withheld", "t3.outcome.rejected"][..],
        ),
        (
            "figures in the prose after table 2's heading",
            line_after(
                &base,
                "二、主动公开政府信息情况",
                "   本年度主动公开信息总数：7518，其中政策文件：56，图片新闻：78。",
            ),
            &[][..],
        ),
        (
            "three blank rows of table 2 and a page number",
            line_after(&t2_blank, "行政事业性收费", "  5"),
            &["t2"][..],
        ),
        (
            "the first row's label lost",
            base.replace("一、本年新收政府信息公开申请数量", "                  "),
            &["t3.new_received"][..],
        ),
    ];
    let read = parse_text(&base).report;
    for (what, text, changed) in variants {
        assert_eq!(reading_order_tables(&text), Vec::<String>::new(), "{what}");
        // The rows the change did not touch read as before.
        let r = parse_text(&text).report;
        for (path, cell) in read.cells() {
            if changed.iter().any(|c| path.starts_with(c)) {
                continue;
            }
            assert_eq!(
                r.get(&path).map(|c| c.to_json()),
                Some(cell.to_json()),
                "{what}: {path}"
            );
        }
    }
}
