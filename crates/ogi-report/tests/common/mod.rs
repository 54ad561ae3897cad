//! Helpers shared by the integration tests: the corpus, truth files and a
//! generator of consistent reports.
#![allow(dead_code)]

use ogi_report::template::{Roles, Template, OTHER_TOTAL_ROW};
use ogi_report::{Cell, CellRef, Decimal, Format, Report};
use ogi_report::{CellId, T2Col, T3Col, T3Row, T4Col, T4Group};
use serde_json::Value;
use std::path::PathBuf;

/// The project's test corpus (copied from the shared corpus; no outside paths).
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// Every truth file: (name of the text, truth JSON).
pub fn truths() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let dir = corpus_dir().join("truth");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("truth dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        out.push((v["file"].as_str().unwrap().to_string(), v));
    }
    assert!(out.len() >= 10, "expected the ten truth files");
    out
}

/// The report a truth file describes ("ambiguous" cells become ambiguous without candidates).
pub fn truth_report(truth: &Value) -> Report {
    let mut flat = serde_json::Map::new();
    for k in ["format", "year", "agency", "tables_present"] {
        flat.insert(k.into(), truth[k].clone());
    }
    let mut cells = serde_json::Map::new();
    for (k, v) in truth["cells"].as_object().unwrap() {
        let v = if v == "ambiguous" {
            serde_json::json!({"ambiguous": []})
        } else {
            v.clone()
        };
        cells.insert(k.clone(), v);
    }
    flat.insert("cells".into(), Value::Object(cells));
    Report::from_flat_value(&Value::Object(flat)).expect("truth is a valid flat report")
}

/// A consistent 2021-format report as a table printing (六)其他处理 as one
/// row would give it: the group's total (the sum of its sub-rows) under
/// `t3.outcome.other_total`, the sub-rows absent.
pub fn with_other_as_one_row(r: &mut Report) {
    for &c in T3Col::ALL {
        let mut sum = 0;
        for row in Roles::of(Format::F2021).other_rows {
            let id = row.cell(c);
            sum += r.cell(id).and_then(|x| x.count()).unwrap_or(0);
            r.cell_mut(id)
                .unwrap()
                .set_absent(ogi_report::cell::ABSENT_OTHER_AS_ONE_ROW);
        }
        r.cell_mut(OTHER_TOTAL_ROW.cell(c)).unwrap().set_count(sum);
    }
}

/// A deterministic consistent report built from `seed` numbers (cycled).
pub fn consistent_report(format: Format, seed: &[i64]) -> Report {
    let mut it = seed.iter().copied().cycle();
    let mut next = move |m: i64| it.next().unwrap_or(0).rem_euclid(m);
    let mut r = Report::empty(format);
    r.meta.agency = Some("测试县人民政府".into());
    r.meta.year = Some(if format == Format::F2021 { 2022 } else { 2019 });
    let tpl = Template::get(format);
    let set = |r: &mut Report, id: CellId, v: i64| {
        r.cell_mut(id)
            .unwrap_or_else(|| panic!("{id}"))
            .set_count(v);
    };
    let mut col_totals = [0i64; 7];
    for &row in &tpl.outcome_rows {
        let mut total = 0;
        for (i, &c) in T3Col::APPLICANTS.iter().enumerate() {
            let v = if next(3) == 0 { next(40) } else { 0 };
            set(&mut r, row.cell(c), v);
            total += v;
            col_totals[i] += v;
        }
        set(&mut r, row.cell(T3Col::Total), total);
        col_totals[6] += total;
    }
    let (mut over_t, mut fwd_t, mut new_t) = (0, 0, 0);
    for (i, &c) in T3Col::APPLICANTS.iter().enumerate() {
        set(&mut r, T3Row::Total.cell(c), col_totals[i]);
        let fwd = next(5);
        let over = next(col_totals[i] + fwd + 1);
        let new = col_totals[i] + fwd - over;
        set(&mut r, T3Row::CarriedForward.cell(c), fwd);
        set(&mut r, T3Row::CarriedOver.cell(c), over);
        set(&mut r, T3Row::NewReceived.cell(c), new);
        over_t += over;
        fwd_t += fwd;
        new_t += new;
    }
    set(&mut r, T3Row::Total.cell(T3Col::Total), col_totals[6]);
    set(&mut r, T3Row::CarriedForward.cell(T3Col::Total), fwd_t);
    set(&mut r, T3Row::CarriedOver.cell(T3Col::Total), over_t);
    set(&mut r, T3Row::NewReceived.cell(T3Col::Total), new_t);
    for &g in T4Group::ALL {
        let mut t = 0;
        for c in T4Col::PARTS {
            let v = next(9);
            t += v;
            set(&mut r, g.cell(c), v);
        }
        set(&mut r, g.cell(T4Col::Total), t);
    }
    for (row, cols) in &tpl.t2_rows {
        for &c in cols {
            let id = row.cell(c);
            match c {
                T2Col::InForce | T2Col::PublishedTotal => {}
                T2Col::ItemsChange => set(&mut r, id, next(7) - 3),
                T2Col::AmountWanYuan | T2Col::Amount => {
                    let v = next(100_000);
                    if let Some(ogi_report::CellMut::Money(m)) = r.cell_mut(id) {
                        *m = ogi_report::Cell::Value(ogi_report::Decimal::new(v, 2));
                    }
                }
                _ => set(&mut r, id, next(30)),
            }
        }
        // Documents in force include those issued this year.
        let count = |r: &Report, c: T2Col| r.cell(row.cell(c)).and_then(|x| x.count());
        if cols.contains(&T2Col::InForce) {
            let issued = count(&r, T2Col::Issued).unwrap_or(0);
            set(&mut r, row.cell(T2Col::InForce), issued + next(50));
        }
        if cols.contains(&T2Col::PublishedTotal) {
            let p = count(&r, T2Col::Published).unwrap_or(0);
            set(&mut r, row.cell(T2Col::PublishedTotal), p + next(50));
        }
    }
    r
}

/// How a parsed cell compares with its truth (see layout8.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The cell equals the truth.
    Exact,
    /// The parser says it cannot tell (ambiguous, unread, invalid).
    Flagged,
    /// A settled reading that differs from the truth.
    Wrong,
}

fn judge<T>(cell: &Cell<T>, json: &Value, truth: &Value, eq: impl Fn(&T) -> bool) -> Verdict {
    use Verdict::*;
    let settled = |ok: bool| if ok { Exact } else { Wrong };
    match cell {
        Cell::Value(v) => settled(eq(v)),
        Cell::Blank => settled(truth.is_null()),
        Cell::Mark(_) => settled(truth == "n/a"),
        Cell::Ambiguous(c) if c.is_empty() => Flagged,
        Cell::Ambiguous(c) => {
            if c.iter().any(eq) {
                Flagged
            } else {
                Wrong
            }
        }
        // Unread or invalid: flagged. `{"absent": …}` (the report's table has no such
        // row) is a settled reading. Matched on the JSON form, so that the test does not
        // depend on which states the core names.
        _ if json.get("absent").is_some() => settled(truth.is_null()),
        _ => Flagged,
    }
}

/// The verdict on `cell` against its truth value (`null`, `"n/a"`, a number or an amount).
pub fn verdict(cell: CellRef<'_>, truth: &Value) -> Verdict {
    let json = cell.to_json();
    match cell {
        CellRef::Count(c) => judge(c, &json, truth, |v| truth.as_i64() == Some(*v)),
        CellRef::Money(c) => judge(c, &json, truth, |v: &Decimal| {
            truth
                .as_str()
                .is_some_and(|s| v.to_string() == s || v.normalize().to_string() == s)
        }),
    }
}

/// Every file of `tests/corpus/layout8/` with extension `ext` (`pdf`, `docx`):
/// (name, bytes, truth), sorted by name.
pub fn layout8_files(ext: &str) -> Vec<(String, Vec<u8>, Value)> {
    let dir = corpus_dir().join("layout8");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus/layout8")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().to_string();
            let truth: Value = serde_json::from_str(
                &std::fs::read_to_string(dir.join(format!("{stem}.truth.json"))).unwrap(),
            )
            .unwrap();
            (stem, std::fs::read(&p).unwrap(), truth)
        })
        .collect()
}

/// Compares every cell of `report` with `truth` (cells the truth marks
/// "ambiguous" skipped); `sourced` checks the source of each exact cell (and
/// its absence). Returns the cells compared and the differences found.
pub fn compare_cells(
    name: &str,
    report: &Report,
    truth: &Value,
    sourced: impl Fn(&str, CellRef<'_>, Option<&ogi_report::Source>),
) -> (usize, Vec<String>) {
    assert_eq!(
        report.format_key(),
        truth["format"].as_str(),
        "{name}: format"
    );
    assert_eq!(
        report.meta.year.map(i64::from),
        truth["year"].as_i64(),
        "{name}: year"
    );
    assert_eq!(
        report.meta.agency.as_deref(),
        truth["agency"].as_str(),
        "{name}: agency"
    );
    let mut cells = 0;
    let mut bad = Vec::new();
    for (p, want) in truth["cells"].as_object().unwrap() {
        if want == "ambiguous" {
            continue;
        }
        cells += 1;
        match report.get(p) {
            Some(cell) if verdict(cell, want) == Verdict::Exact => {
                let source = CellId::parse(p).and_then(|id| report.sources.get(&id));
                sourced(p, cell, source);
            }
            Some(cell) => bad.push(format!("{name}: {p}: {} vs truth {want}", cell.to_json())),
            None => bad.push(format!("{name}: {p}: no such cell")),
        }
    }
    (cells, bad)
}

/// A report whose tables are pictures (`tests/corpus/pictures/`): it is read
/// (no `input.*` finding), holds no table and no cell, and `check` gives one
/// `table.absent` for each of tables 2–4, saying that pictures of a table's
/// size stand in the file (`note`: the words expected in the English text).
#[allow(dead_code)] // used by the PDF and DOCX tests
pub fn assert_tables_are_pictures(bytes: &[u8], note: &str) -> Vec<ogi_report::Finding> {
    let p = ogi_report::parse_bytes(bytes, ogi_report::Kind::Auto).unwrap();
    assert!(!p.is_no_report(), "{:?}", p.findings);
    assert_eq!(p.report.meta.year, Some(2021));
    assert!(p.report.format_key().is_none(), "no table, so no format");
    let all = p.check();
    let absent: Vec<_> = all
        .iter()
        .filter(|f| f.code == ogi_report::Code::TableAbsent)
        .collect();
    let paths: Vec<&str> = absent.iter().map(|f| f.path.as_str()).collect();
    for t in ["t2", "t3", "t4"] {
        assert_eq!(paths.iter().filter(|p| **p == t).count(), 1, "{paths:?}");
    }
    for f in &absent {
        assert!(f.message_en.contains(note), "{}", f.message_en);
        assert!(f.message.contains("图片"), "{}", f.message);
    }
    absent.into_iter().cloned().collect()
}

/// The real report texts of `tests/corpus/` (`*.txt`, not the layout-8
/// folder), sorted by name.
#[allow(dead_code)] // used by the snapshot and prose tests
pub fn corpus_texts() -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("corpus dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 17, "the corpus texts are there");
    names
}
