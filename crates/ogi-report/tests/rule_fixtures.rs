//! Pass/fail fixtures for each rule family (tests/rules/<family>/*.json, made
//! by scripts/fixtures/rules.py): each fixture is a report, or a series of
//! reports, with the codes of its family that the rules must give, stated by
//! hand from the rule. A `pass` fixture gives none.

use ogi_report::{validate, validate_series, Code, Family, Report};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

fn read(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn report(v: &Value, path: &std::path::Path) -> Report {
    Report::from_json_value(v).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every fixture: (family, file name, codes of the family given, codes expected).
fn outcomes() -> Vec<(Family, String, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("tests/rules")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let key = dir.file_name().unwrap().to_string_lossy().to_string();
        let family = Family::parse(&key).unwrap_or_else(|| panic!("{key}: not a family"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let v = read(&file);
            let findings = match v.get("reports") {
                Some(list) => {
                    let reports: Vec<Report> = list
                        .as_array()
                        .expect("reports: an array")
                        .iter()
                        .map(|r| report(r, &file))
                        .collect();
                    validate_series(&reports)
                }
                None => validate(&report(&v["report"], &file)),
            };
            let given: BTreeSet<String> = findings
                .iter()
                .filter(|f| f.code.family() == family)
                .map(|f| f.code.as_str().to_string())
                .collect();
            let expected: BTreeSet<String> = v["expect"]
                .as_array()
                .expect("expect: an array")
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            out.push((family, name, given, expected));
        }
    }
    out
}

#[test]
fn each_fixture_gives_exactly_the_codes_of_its_family_it_expects() {
    let mut failures = Vec::new();
    for (family, name, given, expected) in outcomes() {
        for c in &expected {
            let code = Code::parse(c).unwrap_or_else(|| panic!("{family}/{name}: no code {c}"));
            assert_eq!(
                code.family(),
                family,
                "{family}/{name}: {c} is not of the family"
            );
        }
        if given != expected {
            failures.push(format!(
                "{family}/{name}: gave {given:?}, expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_family_of_checks_has_a_passing_and_a_failing_fixture() {
    let all = outcomes();
    for &family in Family::ALL {
        if family == Family::Input {
            // The parser's codes: the parser's own tests cover them.
            continue;
        }
        let of: Vec<_> = all.iter().filter(|o| o.0 == family).collect();
        assert!(
            of.iter().any(|o| o.1 == "pass.json" && o.3.is_empty()),
            "{family}: no pass fixture"
        );
        assert!(
            of.iter().any(|o| !o.3.is_empty()),
            "{family}: no failing fixture"
        );
    }
}
