//! Golden: every complete report of the corpus, parsed from its text, gives the
//! reviewer's cells: each cell equals the truth, is ambiguous with the truth
//! among its candidates, or is unread (the text does not settle it, with the
//! reason). No wrong value unflagged.

mod common;

use ogi_report::{parse_text, Cell, CellId, CellRef, Report};
use serde_json::Value;

/// Compares one cell with the truth; `None` when it agrees.
fn disagreement(cell: CellRef<'_>, truth: &Value) -> Option<String> {
    let ok = match (cell, truth) {
        (_, Value::String(s)) if s == "ambiguous" => true,
        // Flagged as not given by the text, with the reason: unknown, not wrong.
        (CellRef::Count(Cell::Unread(_)) | CellRef::Money(Cell::Unread(_)), _) => true,
        (CellRef::Count(Cell::Value(v)), Value::Number(n)) => Some(*v) == n.as_i64(),
        (CellRef::Count(Cell::Ambiguous(c)), Value::Number(n)) => {
            n.as_i64().is_some_and(|t| c.contains(&t))
        }
        (CellRef::Money(Cell::Value(v)), Value::String(s)) => {
            v.to_string() == *s || v.normalize().to_string() == *s
        }
        (CellRef::Money(Cell::Ambiguous(c)), Value::String(s)) => {
            c.iter().any(|v| v.normalize().to_string() == *s)
        }
        (CellRef::Count(Cell::Blank) | CellRef::Money(Cell::Blank), Value::Null) => true,
        (CellRef::Count(Cell::Mark(_)) | CellRef::Money(Cell::Mark(_)), Value::String(s))
            if s == "n/a" =>
        {
            true
        }
        _ => false,
    };
    (!ok).then(|| format!("{:?} vs truth {truth}", cell.to_json()))
}

fn parse_corpus(name: &str) -> Report {
    let text = std::fs::read_to_string(common::corpus_dir().join(name)).unwrap();
    parse_text(&text).report
}

#[test]
fn parsed_cells_match_the_truth() {
    let mut problems = Vec::new();
    let mut cells = 0;
    for (name, truth) in common::truths() {
        let r = parse_corpus(&name);
        if r.format().as_str() != truth["format"] {
            problems.push(format!(
                "{name}: format {} vs {}",
                r.format(),
                truth["format"]
            ));
            continue;
        }
        for t in ["t2", "t3", "t4"] {
            let present = r.tables_present()[t];
            if Value::Bool(present) != truth["tables_present"][t] {
                problems.push(format!("{name}: {t} present {present}"));
            }
        }
        for (path, want) in truth["cells"].as_object().unwrap() {
            cells += 1;
            match r.get(path) {
                None => problems.push(format!("{name}: {path} missing")),
                Some(c) => {
                    if let Some(d) = disagreement(c, want) {
                        problems.push(format!("{name}: {path}: {d}"));
                    }
                }
            }
        }
    }
    assert!(cells > 1900);
    assert!(
        problems.is_empty(),
        "{} cells disagree:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn parsed_metadata_matches_the_truth() {
    for (name, truth) in common::truths() {
        let r = parse_corpus(&name);
        assert_eq!(
            r.meta.year.map(i64::from),
            truth["year"].as_i64(),
            "{name}: year"
        );
        if let Some(agency) = &r.meta.agency {
            assert_eq!(agency, truth["agency"].as_str().unwrap(), "{name}: agency");
        }
    }
}

/// Ambiguity is the exception: where digits were printed without separators,
/// or (025, a PDF extract) where a row lost a cell and the text cannot say which.
#[test]
fn ambiguous_cells_only_where_the_text_cannot_decide() {
    for (name, truth) in common::truths() {
        let r = parse_corpus(&name);
        let ambiguous: Vec<String> = r
            .cells()
            .into_iter()
            .filter(|(p, c)| {
                c.state() == ogi_report::CellState::Ambiguous && truth["cells"][p] != "ambiguous"
            })
            .map(|(p, _)| p)
            .collect();
        if name.contains("concat") {
            assert!(ambiguous.len() <= 12, "{name}: {ambiguous:?}");
        } else {
            assert!(ambiguous.len() <= 4, "{name}: {ambiguous:?}");
        }
    }
}

/// The reviewer's prose findings: each one is reported (as `prose.mismatch`,
/// or for a soft one optionally as the note `prose.counts_carried_over`), and
/// nothing else in the prose is called a mismatch. No report of the corpus has
/// an error the reviewer did not find.
#[test]
fn parsed_reports_give_the_reviewers_prose_findings_and_no_false_errors() {
    use ogi_report::{Code, Severity};
    let table = |p: &str| p.split('.').next().unwrap_or("").to_string();
    for (name, truth) in common::truths() {
        let text = std::fs::read_to_string(common::corpus_dir().join(&name)).unwrap();
        let findings = parse_text(&text).check();
        let prose: Vec<_> = findings
            .iter()
            .filter(|f| f.code == Code::ProseMismatch)
            .collect();
        let expected: Vec<&Value> = truth["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["rule"] == "prose_vs_table" && v["soft"] != true)
            .collect();
        for v in &expected {
            let at = v["at"].as_str().unwrap();
            assert!(
                prose.iter().any(|f| table(&f.path) == table(at)),
                "{name}: missed prose finding at {at}"
            );
        }
        for f in &prose {
            assert!(
                expected
                    .iter()
                    .any(|v| table(v["at"].as_str().unwrap()) == table(&f.path)),
                "{name}: prose finding the reviewer did not make: {}",
                f.message_en
            );
        }
        for v in truth["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["soft"] == true)
        {
            let at = v["at"].as_str().unwrap();
            assert!(
                !prose.iter().any(|f| f.path == at),
                "{name}: soft finding at {at} reported as a mismatch"
            );
            assert!(
                findings
                    .iter()
                    .any(|f| f.code == Code::ProseCountsCarriedOver && f.path == at),
                "{name}: {at}"
            );
        }
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

/// Every cell read from the text says where it came from.
#[test]
fn parsed_cells_carry_their_source_line() {
    for (name, _) in common::truths() {
        let text = std::fs::read_to_string(common::corpus_dir().join(&name)).unwrap();
        let r = parse_text(&text).report;
        for (path, cell) in r.cells() {
            let src = r
                .sources
                .get(&CellId::parse(&path).unwrap())
                .unwrap_or_else(|| panic!("{name}: {path} has no source"));
            let line = text.lines().nth(src.line as usize - 1).unwrap();
            if cell.state() == ogi_report::CellState::Value && !src.inferred {
                let raw = &text[src.start as usize..src.end as usize];
                assert!(
                    line.contains(raw.trim()),
                    "{name}: {path}: {raw:?} not on line {}",
                    src.line
                );
            }
        }
    }
}

/// Truncated reports, fragments and reports whose tables are images parse
/// without error and say what is missing.
#[test]
fn incomplete_reports_say_what_is_missing() {
    use ogi_report::Code;
    let dir = common::corpus_dir();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !(name.contains("_TRUNC") || name.contains("_FRAGMENT") || name.contains("_MISSING")) {
            continue;
        }
        seen += 1;
        let bytes = std::fs::read(entry.path()).unwrap();
        let parsed = ogi_report::parse_bytes(&bytes, ogi_report::Kind::Auto).unwrap();
        let findings = parsed.check();
        let missing = findings.iter().any(|f| {
            matches!(
                f.code,
                Code::TableAbsent | Code::TableIncomplete | Code::CellAmbiguous
            )
        });
        assert!(missing, "{name}: nothing said about the missing tables");
        assert!(
            findings.iter().any(|f| f.code == Code::SectionMissing) || name.contains("_MISSING"),
            "{name}: the sections cut off are not reported"
        );
        // What was read is kept: every cell that holds a value says where it came from.
        for (path, cell) in parsed.report.cells() {
            if cell.state() == ogi_report::CellState::Value {
                let id = CellId::parse(&path).unwrap();
                assert!(parsed.report.sources.contains_key(&id), "{name}: {path}");
            }
        }
    }
    assert_eq!(seen, 7);
}

#[test]
fn sections_out_of_order_are_reported_and_kept() {
    use ogi_report::Code;
    let text = "一、总体情况\n概述。\n二、主动公开政府信息情况\n略。\n三、收到和处理政府信息公开申请情况\n略。\n\
                五、存在的主要问题及改进情况\n一是问题。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n六、其他需要报告的事项\n无。\n";
    let p = parse_text(text);
    let f: Vec<_> = p
        .findings
        .iter()
        .filter(|f| f.code == Code::SectionOrder)
        .collect();
    assert_eq!(f.len(), 1, "{:?}", p.findings);
    assert_eq!(f[0].path, "sections.problems");
    assert_eq!(f[0].source.unwrap().line, 7);
    assert_eq!(p.report.sections.problems.as_deref(), Some("一是问题。"));
    assert!(!p.check().iter().any(|f| f.code == Code::SectionMissing));
}
