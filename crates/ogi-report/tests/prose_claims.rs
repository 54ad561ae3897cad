//! Every figure the prose of every corpus report states, with what it was
//! mapped to, against a hand-reviewed expectation (`data/prose_claims.json`).
//!
//! Each entry of that file was read against its sentence as a reader would:
//! the kind and the row or group (`target.path`, and the cells summed) are
//! what the words mean, and `unmapped` is a count of requests or cases whose
//! words name no row with confidence. A change in what is extracted fails the
//! test; after reviewing it, rewrite the file with
//! `PROSE_CLAIMS_UPDATE=1 cargo test -p ogi-report --test prose_claims`
//! and review its diff entry by entry. A wrong mapping is fixed in the
//! classifier (`prose.rs`), by words, never in the file.

mod common;

use ogi_report::prose::{report_claims, ClaimKind};
use ogi_report::{parse_bytes, Code, Kind, Parsed};
use serde_json::{Map, Value};
use std::path::PathBuf;

/// The real report kept in `tests/corpus/layout8/` (the others there are
/// generated from the corpus reports): its text as collected, and its truth.
const REAL_IN_LAYOUT8: (&str, &str) = (
    "layout8/040_hongze_district_2024.pypdf.txt",
    "layout8/040_hongze_district_2024.truth.json",
);

/// The texts of the real reports (`tests/corpus/*.txt` sorted, then the one in
/// `layout8/`), by their path under `tests/corpus`, parsed.
fn corpus() -> Vec<(String, Parsed)> {
    let dir = common::corpus_dir();
    let mut names: Vec<String> = common::corpus_texts()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    names.push(REAL_IN_LAYOUT8.0.to_string());
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name)).expect("readable corpus file");
            let parsed = parse_bytes(&bytes, Kind::Auto).expect("corpus text decodes");
            (name, parsed)
        })
        .collect()
}

fn expectation_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/prose_claims.json")
}

#[test]
fn claims_of_every_corpus_report_match_the_reviewed_expectation() {
    let mut now = Map::new();
    for (name, parsed) in corpus() {
        let claims = serde_json::to_value(report_claims(&parsed.report)).expect("JSON");
        now.insert(name, claims);
    }
    let now = Value::Object(now);
    let path = expectation_path();
    if std::env::var_os("PROSE_CLAIMS_UPDATE").is_some() {
        let text = serde_json::to_string_pretty(&now).expect("JSON") + "\n";
        std::fs::write(&path, text).expect("writable expectation");
        return;
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("the expectation file"))
            .expect("JSON");
    let (now, expected) = (now.as_object().unwrap(), expected.as_object().unwrap());
    assert_eq!(
        now.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the expectation lists every corpus text"
    );
    for (name, claims) in now {
        assert_eq!(
            claims,
            &expected[name],
            "{name}: the claims read from the prose changed; review them and rewrite {} \
             with PROSE_CLAIMS_UPDATE=1",
            path.display()
        );
    }
}

/// A report of the corpus gives `prose.mismatch` only where its truth records a
/// prose finding (`prose_vs_table`, not soft), in the table the reviewer named;
/// reports without truth (truncated, fragments) give none. Unmapped figures
/// give notes only, and the notes name each of them once.
#[test]
fn corpus_reports_give_no_mismatch_the_reviewer_did_not_find() {
    let mut truths: std::collections::BTreeMap<String, Value> =
        common::truths().into_iter().collect();
    let layout8_truth = common::corpus_dir().join(REAL_IN_LAYOUT8.1);
    truths.insert(
        REAL_IN_LAYOUT8.0.to_string(),
        serde_json::from_str(&std::fs::read_to_string(layout8_truth).unwrap()).unwrap(),
    );
    let table = |p: &str| p.split('.').next().unwrap_or("").to_string();
    let mut unmapped_total = 0;
    for (name, parsed) in corpus() {
        let findings = parsed.check();
        let reviewer: Vec<String> = truths
            .get(&name)
            .and_then(|t| t["violations"].as_array())
            .into_iter()
            .flatten()
            .filter(|v| v["rule"] == "prose_vs_table" && v["soft"] != true)
            .map(|v| table(v["at"].as_str().unwrap()))
            .collect();
        for f in findings.iter().filter(|f| f.code == Code::ProseMismatch) {
            assert!(
                reviewer.contains(&table(&f.path)),
                "{name}: a mismatch the reviewer did not find: {}",
                f.message_en
            );
        }
        // The notes list every unmapped figure once, in the order of the text.
        let unmapped: Vec<String> = report_claims(&parsed.report)
            .into_iter()
            .filter(|c| c.claim.kind == ClaimKind::Unmapped)
            .map(|c| c.claim.context)
            .fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
        unmapped_total += unmapped.len();
        let notes: Vec<&str> = findings
            .iter()
            .filter(|f| f.code == Code::ProseUnmapped)
            .map(|f| {
                assert_eq!(f.severity, ogi_report::Severity::Info, "{name}: {f:?}");
                f.message.as_str()
            })
            .collect();
        assert_eq!(notes.is_empty(), unmapped.is_empty(), "{name}: {notes:?}");
        let mut named = 0;
        for u in &unmapped {
            let quoted = format!("“{u}”");
            let n: usize = notes.iter().map(|m| m.matches(&quoted).count()).sum();
            assert_eq!(n, 1, "{name}: {u} is named {n} times in {notes:?}");
            named += 1;
        }
        assert_eq!(named, unmapped.len());
    }
    assert!(
        unmapped_total > 0,
        "the corpus has unmapped figures to note"
    );
}
