//! Output: human text, JSON, NDJSON and CSV; the summary; the progress bar.

use crate::load::{line_of, Loaded};
use crate::{CheckOpts, OutFormat};
use ogi_report::{Finding, Format, Report, Severity, Template};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Writes a line to stdout; a closed pipe (`| head`) is not an error.
pub fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
}

/// Prints the files that could not be read; exit status 2 if there were any.
pub fn problems_exit(problems: &[String]) -> std::process::ExitCode {
    for p in problems {
        eprintln!("ogi: {p}");
    }
    if problems.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(2)
    }
}

/// The header of `check --format csv`.
pub const CSV_HEADER: &str =
    "file,agency,year,format,severity,code,path,expected,actual,message,line";

/// Quotes a CSV field when needed.
pub fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// Writes one report's findings in the chosen format.
pub fn write_report(
    out: &mut impl Write,
    file: &str,
    loaded: &Loaded,
    opts: &CheckOpts,
    total_files: usize,
    json_all: &mut Vec<serde_json::Value>,
) {
    let r = &loaded.report;
    let shown: Vec<&Finding> = loaded
        .findings
        .iter()
        .filter(|f| f.severity >= opts.min)
        .collect();
    let lang = opts.lang.code();
    match opts.format {
        OutFormat::Human => {
            let n = |s: Severity| loaded.findings.iter().filter(|f| f.severity == s).count();
            let _ = writeln!(
                out,
                "{file}: {} {} ({} format): {} errors, {} warnings, {} notes",
                r.meta.agency.as_deref().unwrap_or("?"),
                opt(r.meta.year),
                r.format(),
                n(Severity::Error),
                n(Severity::Warning),
                n(Severity::Info)
            );
            for f in shown {
                let _ = writeln!(
                    out,
                    "  {:<7} {:<24} {:<44} {}",
                    f.severity,
                    f.code,
                    f.path,
                    f.message_in(lang)
                );
                if opts.verbose {
                    if let (Some(src), Some(text)) = (f.source, loaded.text.as_deref()) {
                        if let Some(line) = line_of(text, src.line) {
                            let line: String = line.chars().take(160).collect();
                            let _ =
                                writeln!(out, "          {:>5} | {}", src.line, line.trim_end());
                        }
                    }
                }
            }
        }
        OutFormat::Json => {
            for f in shown {
                let mut v = serde_json::to_value(f).unwrap_or_default();
                if total_files > 1 {
                    v["file"] = serde_json::json!(file);
                }
                json_all.push(v);
            }
        }
        OutFormat::Ndjson => {
            let v = serde_json::json!({
                "file": file,
                "format": r.format().as_str(),
                "year": r.meta.year,
                "agency": r.meta.agency,
                "tables_present": r.tables_present(),
                "findings": shown,
            });
            let _ = writeln!(out, "{v}");
        }
        OutFormat::Csv => {
            for f in shown {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{}",
                    csv(file),
                    csv(r.meta.agency.as_deref().unwrap_or("")),
                    opt(r.meta.year),
                    r.format(),
                    f.severity,
                    f.code,
                    csv(&f.path),
                    opt(f.expected),
                    opt(f.actual),
                    csv(f.message_in(lang)),
                    opt(f.source.map(|s| s.line)),
                );
            }
        }
    }
}

/// Counts for the closing summary.
#[derive(Default)]
pub struct Summary {
    pub reports: usize,
    pub with_errors: usize,
    pub with_warnings: usize,
    pub unreadable: usize,
    codes: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// Adds one report's findings.
    pub fn add(&mut self, findings: &[Finding]) {
        self.reports += 1;
        if findings.iter().any(|f| f.severity == Severity::Error) {
            self.with_errors += 1;
        }
        if findings.iter().any(|f| f.severity == Severity::Warning) {
            self.with_warnings += 1;
        }
        for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
            *self.codes.entry(f.code.as_str()).or_default() += 1;
        }
    }

    /// Adds another summary's counts.
    pub fn merge(&mut self, other: Summary) {
        self.reports += other.reports;
        self.with_errors += other.with_errors;
        self.with_warnings += other.with_warnings;
        self.unreadable += other.unreadable;
        for (c, n) in other.codes {
            *self.codes.entry(c).or_default() += n;
        }
    }

    /// The summary text.
    pub fn render(&self, lang: &str) -> String {
        let mut top: Vec<(&&str, &usize)> = self.codes.iter().collect();
        top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = top
            .iter()
            .take(5)
            .map(|(c, n)| format!("{c} ×{n}"))
            .collect();
        let top = if top.is_empty() {
            "-".to_string()
        } else {
            top.join(", ")
        };
        if lang == "en" {
            format!(
                "\nSummary: {} reports read, {} with errors, {} with warnings, {} unreadable. Top codes: {top}",
                self.reports, self.with_errors, self.with_warnings, self.unreadable
            )
        } else {
            format!(
                "\n汇总：读取报告 {} 份，有错误 {} 份，有警告 {} 份，无法读取 {} 份。最常见：{top}",
                self.reports, self.with_errors, self.with_warnings, self.unreadable
            )
        }
    }
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub struct Progress {
    total: usize,
    done: usize,
    on: bool,
    last: Instant,
}

impl Progress {
    /// A bar for `total` files.
    pub fn new(total: usize, wanted: bool) -> Progress {
        Progress {
            total,
            done: 0,
            on: wanted && std::io::stderr().is_terminal() && total > 1,
            last: Instant::now(),
        }
    }
    /// One more file done.
    pub fn tick(&mut self) {
        self.done += 1;
        if self.on && (self.last.elapsed().as_millis() >= 100 || self.done == self.total) {
            self.draw();
            self.last = Instant::now();
        }
    }
    fn draw(&self) {
        let width = 30;
        let filled = width * self.done / self.total.max(1);
        eprint!(
            "\r[{}{}] {}/{} files",
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total
        );
    }
    /// Clears the bar, runs `f` (which prints), and redraws.
    pub fn suspend(&self, f: impl FnOnce()) {
        if self.on {
            eprint!("\r{}\r", " ".repeat(60));
        }
        f();
        if self.on {
            self.draw();
        }
    }
    /// Clears the bar.
    pub fn finish(&self) {
        if self.on {
            eprintln!();
        }
    }
}

/// The columns of `ogi cells`: every path of the 2021 format, then the 2019-only ones.
pub fn cell_columns() -> Vec<String> {
    let mut cols: Vec<String> = Template::get(Format::F2021).paths.clone();
    for p in &Template::get(Format::F2019).paths {
        if !cols.contains(p) {
            cols.push(p.clone());
        }
    }
    cols
}

/// The header row of `ogi cells`.
pub fn cells_header(columns: &[String]) -> String {
    let mut h = vec!["file", "format", "year", "agency"]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    h.extend(columns.iter().cloned());
    h.join(",")
}

/// One report as a row of `ogi cells`: numbers as printed, blank empty,
/// marks `n/a`, ambiguous cells `ambiguous:a|b`.
pub fn cells_row(file: &str, r: &Report, columns: &[String]) -> String {
    let mut row = vec![
        csv(file),
        r.format().to_string(),
        opt(r.meta.year),
        csv(r.meta.agency.as_deref().unwrap_or("")),
    ];
    for c in columns {
        let v = match r.get(c).map(|x| x.to_flat_json()) {
            None | Some(serde_json::Value::Null) => String::new(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Object(o)) => {
                if let Some(serde_json::Value::Array(a)) = o.get("ambiguous") {
                    format!(
                        "ambiguous:{}",
                        a.iter()
                            .map(|x| x.to_string().trim_matches('"').to_string())
                            .collect::<Vec<_>>()
                            .join("|")
                    )
                } else if let Some(s) = o.get("invalid").and_then(|s| s.as_str()) {
                    format!("invalid:{s}")
                } else {
                    String::new()
                }
            }
            Some(other) => other.to_string(),
        };
        row.push(csv(&v));
    }
    row.join(",")
}
