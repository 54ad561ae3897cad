//! Pass/fail fixtures for each rule family (tests/rules/<family>/*.json, made
//! by scripts/fixtures/rules.py): each fixture is a report, or a series of
//! reports, with the codes of its family that the rules must give, stated by
//! hand from the rule. A `pass` fixture gives none.

use ogi_report::{validate, validate_series, CellId, Code, Family, Finding, Report, Template};
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

/// A fixture's reports and what the rules give: `validate` of its report, or
/// `validate_series` of its reports.
fn reports_and_findings(file: &std::path::Path) -> (Vec<Report>, Vec<Finding>) {
    let v = read(file);
    match v.get("reports") {
        Some(list) => {
            let reports: Vec<Report> = list
                .as_array()
                .expect("reports: an array")
                .iter()
                .map(|r| report(r, file))
                .collect();
            let findings = validate_series(&reports);
            (reports, findings)
        }
        None => {
            let r = report(&v["report"], file);
            let findings = validate(&r);
            (vec![r], findings)
        }
    }
}

/// Every fixture file, by family directory, in order.
fn fixture_files() -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("tests/rules")
        .flatten()
        .map(|e| e.path())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

/// Every fixture: (family, file name, codes of the family given, codes expected).
fn outcomes() -> Vec<(Family, String, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    for file in fixture_files() {
        let dir = file.parent().unwrap();
        let key = dir.file_name().unwrap().to_string_lossy().to_string();
        let family = Family::parse(&key).unwrap_or_else(|| panic!("{key}: not a family"));
        let (_, findings) = reports_and_findings(&file);
        let given: BTreeSet<String> = findings
            .iter()
            .filter(|f| f.code.family() == family)
            .map(|f| f.code.as_str().to_string())
            .collect();
        let expected: BTreeSet<String> = read(&file)["expect"]
            .as_array()
            .expect("expect: an array")
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        out.push((family, name, given, expected));
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

#[test]
fn findings_name_only_cells_that_their_reports_format_has() {
    for file in fixture_files() {
        let (reports, findings) = reports_and_findings(&file);
        for f in &findings {
            for p in std::iter::once(&f.path).chain(&f.related) {
                if CellId::parse(p).is_none() {
                    continue;
                }
                // A finding across years names the year of its report.
                let report = reports
                    .iter()
                    .find(|r| f.year.is_none() || r.meta.year == f.year)
                    .expect("the finding's report");
                assert!(
                    Template::get(report.format()).position(p).is_some(),
                    "{}: {} names {p}, a cell its report's format does not have",
                    file.display(),
                    f.code
                );
            }
        }
    }
}

#[test]
fn every_code_of_the_checks_has_a_fixture_that_gives_it() {
    let expected: BTreeSet<String> = outcomes().into_iter().flat_map(|o| o.3).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| c.family() != Family::Input && !expected.contains(c.as_str()))
        .map(|c| c.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes with no failing fixture: {missing:?}"
    );
}
