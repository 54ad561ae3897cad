//! Output: human text, JSON, NDJSON and CSV; the summary; the progress bar.

use crate::load::{Lines, Loaded};
use crate::{CheckOpts, OutFormat};
use ogi_report::{Finding, Format, Report, Severity, Template};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The exit status after a closed pipe (`ogi check crawl | head -1`): 141, as a
/// shell reports for a command ended by SIGPIPE.
pub const EXIT_BROKEN_PIPE: u8 = 141;

/// Prints a message on stderr (`ogi: …`), control characters escaped (an error
/// may quote the input); a failing stderr is not worth a panic.
pub fn warn(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "ogi: {}", clean(msg));
}

/// The exit status for a failed write to stdout: a closed pipe ends the run
/// quietly (status 141); any other error is reported (status 2).
pub fn write_failed(e: &std::io::Error) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ExitCode::from(EXIT_BROKEN_PIPE)
    } else {
        warn(&format!("cannot write the output: {e}"));
        ExitCode::from(2)
    }
}

/// Ends the process after a failed write to stdout, at once: workers busy with
/// a file are not waited for.
pub fn exit_after_failed_write(e: &std::io::Error) -> ! {
    let code = if e.kind() == std::io::ErrorKind::BrokenPipe {
        EXIT_BROKEN_PIPE
    } else {
        let nl = if std::io::stderr().is_terminal() {
            "\n"
        } else {
            ""
        };
        let _ = writeln!(
            std::io::stderr().lock(),
            "{nl}ogi: cannot write the output: {e}"
        );
        2
    };
    std::process::exit(i32::from(code))
}

/// Writes `s` and a line break to stdout, and flushes.
pub fn emit(s: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{s}")?;
    out.flush()
}

/// Writes `s` to stdout; the exit status is `ok`, or the one of a failed write.
pub fn emit_exit(s: &str, ok: ExitCode) -> ExitCode {
    match emit(s) {
        Ok(()) => ok,
        Err(e) => write_failed(&e),
    }
}

/// Prints the files that could not be read; exit status 2 if there were any.
pub fn problems_exit(problems: &[String]) -> ExitCode {
    for p in problems {
        warn(p);
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// Characters escaped in human output: controls (C0 but TAB, DEL, C1) and the
/// bidirectional formatting characters, which could rewrite or reorder a terminal's text.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// Text safe for a terminal: each unsafe character shown as `\u{1b}` (its code point).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file name shown without ambiguity and safe for a terminal, in every output
/// format: unsafe characters and TAB as `\u{1b}`, bytes that are not UTF-8 as `\xff`, and
/// a backslash as `\\`, so that two different names never print the same.
pub fn display_name(path: &Path) -> String {
    let mut out = String::new();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\\' {
                    out.push_str("\\\\");
                } else if unsafe_char(c) || c == '\t' {
                    push_escaped(&mut out, c);
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    #[cfg(not(unix))]
    {
        // Paths use backslashes here; unpaired UTF-16 surrogates become U+FFFD.
        out.push_str(&clean(&path.to_string_lossy()));
    }
    out
}

/// Where in a PDF or DOCX a finding's value stands, for `--verbose`:
/// `page 2, box [x0 y0 x1 y1]` or `table 3, row 5, cell 2` (pages from 1,
/// tables, rows and cells from 0).
fn place(src: &ogi_report::Source) -> Option<String> {
    if let (Some(t), Some(r), Some(c)) = (src.table, src.row, src.cell) {
        return Some(format!("table {t}, row {r}, cell {c}"));
    }
    let page = src.page?;
    Some(match src.bbox {
        Some(b) => format!("page {page}, box [{}]", bbox_text(&b)),
        None => format!("page {page}"),
    })
}

/// A PDF box as `x0 y0 x1 y1` (points, one decimal).
fn bbox_text(b: &[f32; 4]) -> String {
    b.iter()
        .map(|v| format!("{v:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The header of `check --format csv`.
pub const CSV_HEADER: &str =
    "file,agency,year,format,severity,code,path,expected,actual,message,line,page,bbox,table,row,cell";

/// Quotes a CSV field when needed.
pub fn csv(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// A plain number (`-5`, `12.50`), which a spreadsheet reads as a number, not a formula.
fn plain_number(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// A CSV text field, neutralised against spreadsheet formulas as OWASP advises:
/// a field that starts with `=`, `+`, `-`, `@`, TAB or CR (and is not a plain
/// number) gets a leading `'`; then quoted when needed.
pub fn csv_text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !plain_number(s) {
        Cow::Owned(csv(&format!("'{s}")).into_owned())
    } else {
        csv(s)
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// The code of the entry written for a file or folder that could not be read
/// (or whose check failed inside ogi).
pub const UNREADABLE: &str = "input.unreadable";

/// The entry of an unreadable file or folder as a finding-shaped JSON object.
fn unreadable_json(file: &str, error: &str) -> serde_json::Value {
    serde_json::json!({
        "file": file,
        "severity": "error",
        "code": UNREADABLE,
        "path": "",
        "message": format!("无法读取：{error}"),
        "message_en": format!("unreadable: {error}"),
    })
}

/// Writes the entry of an unreadable file or folder in the chosen format
/// (for `--format json`: one item of the findings array, no separator).
pub fn write_unreadable(
    out: &mut impl Write,
    file: &str,
    error: &str,
    opts: &CheckOpts,
) -> std::io::Result<()> {
    let en = opts.lang.code() == "en";
    match opts.format {
        OutFormat::Human => {
            let what = if en {
                "unreadable: "
            } else {
                "无法读取："
            };
            writeln!(out, "{file}: {what}{}", clean(error))
        }
        OutFormat::Json => write!(out, "{}", unreadable_json(file, error)),
        OutFormat::Ndjson => {
            let v = serde_json::json!({
                "file": file,
                "error": error,
                "findings": [unreadable_json(file, error)],
            });
            writeln!(out, "{v}")
        }
        OutFormat::Csv => {
            let msg = if en {
                format!("unreadable: {error}")
            } else {
                format!("无法读取：{error}")
            };
            writeln!(
                out,
                "{},,,,error,{UNREADABLE},,,,{},",
                csv_text(file),
                csv_text(&msg)
            )
        }
    }
}

/// Writes one report's findings in the chosen format. For `--format json` it
/// writes the report's items of the findings array, separated by commas (none
/// before the first or after the last), and returns whether it wrote any.
pub fn write_report(
    out: &mut impl Write,
    file: &str,
    loaded: &Loaded,
    opts: &CheckOpts,
    total_files: usize,
) -> std::io::Result<bool> {
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
            writeln!(
                out,
                "{file}: {} {} ({} format): {} errors, {} warnings, {} notes",
                clean(r.meta.agency.as_deref().unwrap_or("?")),
                opt(r.meta.year),
                r.format_key().unwrap_or("?"),
                n(Severity::Error),
                n(Severity::Warning),
                n(Severity::Info)
            )?;
            // The line index is built once per file, only when a line is shown.
            let mut lines: Option<Lines<'_>> = None;
            for f in shown {
                writeln!(
                    out,
                    "  {:<7} {:<24} {:<44} {}",
                    f.severity,
                    f.code,
                    clean(&f.path),
                    clean(f.message_in(lang))
                )?;
                if opts.verbose {
                    if let Some(place) = f.source.as_ref().and_then(place) {
                        writeln!(out, "          {place}")?;
                    }
                    if let (Some(src), Some(text)) = (f.source, loaded.text.as_deref()) {
                        let lines = lines.get_or_insert_with(|| Lines::new(text));
                        if let Some(line) = lines.line(src.line, 160 * 4) {
                            let line: String = line.chars().take(160).collect();
                            writeln!(
                                out,
                                "          {:>5} | {}",
                                src.line,
                                clean(line.trim_end())
                            )?;
                        }
                    }
                }
            }
            Ok(false)
        }
        OutFormat::Json => {
            let mut any = false;
            for f in shown {
                let mut v = serde_json::to_value(f).unwrap_or_default();
                if total_files > 1 {
                    v["file"] = serde_json::json!(file);
                }
                if any {
                    out.write_all(b",\n")?;
                }
                serde_json::to_writer(&mut *out, &v)?;
                any = true;
            }
            Ok(any)
        }
        OutFormat::Ndjson => {
            let line = NdjsonLine {
                file,
                format: r.format_key(),
                year: r.meta.year,
                agency: r.meta.agency.as_deref(),
                tables_present: r.tables_present(),
                findings: &shown,
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
            Ok(false)
        }
        OutFormat::Csv => {
            for f in shown {
                let src = f.source.as_ref();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}",
                    csv_text(file),
                    csv_text(r.meta.agency.as_deref().unwrap_or("")),
                    opt(r.meta.year),
                    csv_text(r.format_key().unwrap_or("")),
                    csv_text(&f.severity.to_string()),
                    csv_text(f.code.as_str()),
                    csv_text(&f.path),
                    opt(f.expected),
                    opt(f.actual),
                    csv_text(f.message_in(lang)),
                    opt(f.source.map(|s| s.line)),
                    opt(src.and_then(|s| s.page)),
                    src.and_then(|s| s.bbox)
                        .map_or(String::new(), |b| bbox_text(&b)),
                    opt(src.and_then(|s| s.table)),
                    opt(src.and_then(|s| s.row)),
                    opt(src.and_then(|s| s.cell)),
                )?;
            }
            Ok(false)
        }
    }
}

/// One report's line of `--format ndjson`, written straight from the
/// report: a `serde_json::Value` built and then printed took `ogi check`
/// on 200 corpus files 5.6 % more instructions (BENCHMARKS.md).
#[derive(Serialize)]
struct NdjsonLine<'a> {
    file: &'a str,
    format: Option<&'static str>,
    year: Option<i32>,
    agency: Option<&'a str>,
    tables_present: BTreeMap<&'static str, bool>,
    findings: &'a [&'a Finding],
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
        let _ = write!(
            std::io::stderr().lock(),
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
            let _ = write!(std::io::stderr().lock(), "\r{}\r", " ".repeat(60));
        }
        f();
        if self.on {
            self.draw();
        }
    }
    /// Clears the bar.
    pub fn finish(&self) {
        if self.on {
            let _ = writeln!(std::io::stderr().lock());
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
        csv_text(file).into_owned(),
        r.format_key().unwrap_or("").to_string(),
        opt(r.meta.year),
        csv_text(r.meta.agency.as_deref().unwrap_or("")).into_owned(),
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
                } else {
                    // invalid, unread or absent: the state, then the text or reason.
                    ["invalid", "unread", "absent"]
                        .iter()
                        .find_map(|k| {
                            o.get(*k)
                                .and_then(|s| s.as_str())
                                .map(|s| format!("{k}:{s}"))
                        })
                        .unwrap_or_default()
                }
            }
            Some(other) => other.to_string(),
        };
        row.push(csv_text(&v).into_owned());
    }
    row.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_controls_and_bidi_but_keeps_tabs() {
        assert_eq!(clean("a\u{1b}[31mb\rc\td"), "a\\u{1b}[31mb\\u{d}c\td");
        assert_eq!(clean("x\u{202e}y\u{85}\u{7f}"), "x\\u{202e}y\\u{85}\\u{7f}");
        assert!(matches!(clean("平潭 ok"), Cow::Borrowed(_)));
    }

    #[cfg(unix)]
    #[test]
    fn names_are_unambiguous() {
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| display_name(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(name(b"a\xff.txt"), "a\\xff.txt");
        assert_eq!(name(b"a\\xff.txt"), "a\\\\xff.txt");
        assert_eq!(name(b"t\tab\x1b"), "t\\u{9}ab\\u{1b}");
        assert_eq!(name("报告.txt".as_bytes()), "报告.txt");
    }

    #[test]
    fn csv_text_neutralises_formulas() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("\tx"), "'\tx");
        assert_eq!(csv_text("\rx"), "\"'\rx\"");
        assert_eq!(csv_text("-1+2"), "'-1+2");
        assert_eq!(csv_text("-12"), "-12");
        assert_eq!(csv_text("-12.50"), "-12.50");
        assert_eq!(csv_text("a=b"), "a=b");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
    }
}
