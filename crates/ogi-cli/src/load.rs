//! Finding report files and reading them (JSON, text or HTML).

use ogi_report::{Finding, Kind, Report};
use std::path::{Path, PathBuf};

/// Extensions read when a folder is searched.
const EXTENSIONS: [&str; 4] = ["json", "txt", "html", "htm"];

/// Files under `paths` (folders searched recursively, in name order), and the
/// paths that could not be read.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        walk(p, true, &mut files, &mut problems);
    }
    (files, problems)
}

fn walk(p: &Path, explicit: bool, files: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    if p.is_dir() {
        match std::fs::read_dir(p) {
            Ok(rd) => {
                let mut children: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
                children.sort();
                for c in children {
                    walk(&c, false, files, problems);
                }
            }
            Err(e) => problems.push(format!("{}: {e}", p.display())),
        }
    } else if p.exists() {
        let ext = p
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if explicit || ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)) {
            files.push(p.to_path_buf());
        }
    } else {
        problems.push(format!("{}: no such file or folder", p.display()));
    }
}

/// A report read from a file, with all its findings.
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Parse findings and every rule's findings.
    pub findings: Vec<Finding>,
    /// The decoded source text (for `--verbose`), when it was text or HTML.
    pub text: Option<String>,
}

/// Reads one file: `.json` as a report (nested or flat), anything else parsed as text or HTML.
pub fn load(path: &Path, keep_text: bool) -> Result<Loaded, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let text = std::str::from_utf8(&bytes).map_err(|e| format!("not UTF-8: {e}"))?;
        let report = Report::from_json_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| e.to_string())?;
        let findings = ogi_report::validate(&report);
        return Ok(Loaded {
            report,
            findings,
            text: None,
        });
    }
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let kind = if is_html { Kind::Html } else { Kind::Auto };
    let parsed = ogi_report::parse_bytes(&bytes, kind).map_err(|e| e.to_string())?;
    let findings = parsed.check();
    let text = if keep_text {
        ogi_report::parse::decode(&bytes)
            .ok()
            .map(|(t, _)| t.into_owned())
    } else {
        None
    };
    Ok(Loaded {
        report: parsed.report,
        findings,
        text,
    })
}

/// The text of 1-based line `n`.
pub fn line_of(text: &str, n: u32) -> Option<&str> {
    text.lines().nth((n as usize).checked_sub(1)?)
}
