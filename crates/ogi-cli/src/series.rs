//! `ogi series`: each agency's reports in year order, the chains across years, and the breaks.

use crate::load::{collect_files, load};
use crate::output::emit;
use ogi_report::{validate_series, Format, Report};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

fn count(r: &Report, path: &str) -> String {
    r.get(path)
        .and_then(|c| c.count())
        .map_or("?".to_string(), |v| v.to_string())
}

/// Runs the command.
pub fn run(paths: &[PathBuf], lang: &str) -> ExitCode {
    let (files, mut problems) = collect_files(paths);
    let loaded: Vec<(PathBuf, Result<Report, String>)> = files
        .par_iter()
        .map(|f| (f.clone(), load(f, false).map(|l| l.report)))
        .collect();
    let mut reports = Vec::new();
    let mut skipped = Vec::new();
    for (f, r) in loaded {
        match r {
            Ok(r) if r.meta.agency.is_some() && r.meta.year.is_some() => reports.push((f, r)),
            Ok(_) => skipped.push(f.display().to_string()),
            Err(e) => problems.push(format!("{}: {e}", f.display())),
        }
    }
    let all: Vec<Report> = reports.iter().map(|(_, r)| r.clone()).collect();
    let findings = validate_series(&all);
    let mut groups: BTreeMap<String, Vec<&(PathBuf, Report)>> = BTreeMap::new();
    for item in &reports {
        let agency = item
            .1
            .meta
            .agency
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string();
        groups.entry(agency).or_default().push(item);
    }
    for (agency, mut items) in groups {
        items.sort_by_key(|(_, r)| r.meta.year);
        emit(&agency);
        emit("  year  format  carried_over → carried_forward   normative docs in force   file");
        for (f, r) in &items {
            let year = r.meta.year.unwrap_or(0);
            let in_force = match r.format() {
                Format::F2021 => count(r, "t2.normative_documents.in_force"),
                Format::F2019 => count(r, "t2.normative_documents.published_total"),
            };
            let breaks: Vec<&ogi_report::Finding> = findings
                .iter()
                .filter(|x| x.year == Some(year) && x.agency.as_deref() == Some(agency.as_str()))
                .collect();
            let mark = if breaks.is_empty() { " " } else { "✗" };
            emit(&format!(
                "{mark} {year}  {:<6}  {:>12} → {:<15}   {:>23}   {}",
                r.format(),
                count(r, "t3.carried_over.total"),
                count(r, "t3.carried_forward.total"),
                in_force,
                f.display()
            ));
            for b in breaks {
                emit(&format!(
                    "      {} {}: {}",
                    b.code,
                    b.path,
                    b.message_in(lang)
                ));
            }
        }
        emit("");
    }
    if !skipped.is_empty() {
        eprintln!(
            "ogi: left out (no agency or year found): {}",
            skipped.join(", ")
        );
    }
    // Breaks across years are warnings: they do not fail the command.
    crate::output::problems_exit(&problems)
}
