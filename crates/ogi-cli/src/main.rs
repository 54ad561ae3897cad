//! `ogi`: check annual reports on open government information from the command line.

use clap::{Parser, Subcommand, ValueEnum};
use ogi_report::{Finding, Report, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Check annual reports on open government information (政府信息公开工作年度报告)",
    after_help = "Examples:\n  ogi check examples/reports/\n  ogi check report.json --format json\n  ogi schema > report.schema.json\n  ogi rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (nested or flat JSON) and print the findings.
    #[command(
        after_help = "Exit status: 0 no errors, 1 errors found, 2 usage or unreadable input.\n\nExamples:\n  ogi check report.json\n  ogi check reports/ --format json --lang en"
    )]
    Check {
        /// Files or folders (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Human)]
        format: OutFormat,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        /// Show findings of this severity and above.
        #[arg(long, value_enum, default_value_t = SevArg::Warning)]
        severity: SevArg,
    },
    /// Print the JSON Schema of the nested report form.
    Schema,
    /// Print the catalogue of finding codes.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Markdown)]
        format: RulesFormat,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RulesFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SevArg {
    Error,
    Warning,
    Info,
}

impl SevArg {
    fn min(self) -> Severity {
        match self {
            SevArg::Error => Severity::Error,
            SevArg::Warning => Severity::Warning,
            SevArg::Info => Severity::Info,
        }
    }
}

fn collect_files(paths: &[PathBuf], out: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut children: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
                    children.sort();
                    let (dirs, files): (Vec<_>, Vec<_>) =
                        children.into_iter().partition(|c| c.is_dir());
                    out.extend(files.into_iter().filter(|f| is_report_file(f)));
                    collect_files(&dirs, out, problems);
                }
                Err(e) => problems.push(format!("{}: {e}", p.display())),
            }
        } else if p.exists() {
            out.push(p.clone());
        } else {
            problems.push(format!("{}: no such file or folder", p.display()));
        }
    }
}

fn is_report_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("json")
    )
}

fn load(path: &Path) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = std::str::from_utf8(&bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    Report::from_json_str(text.trim_start_matches('\u{feff}')).map_err(|e| e.to_string())
}

fn check(paths: &[PathBuf], format: OutFormat, lang: Lang, min: Severity) -> ExitCode {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    collect_files(paths, &mut files, &mut problems);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let lang = if lang == Lang::En { "en" } else { "zh" };
    let mut any_error = false;
    let mut all: Vec<serde_json::Value> = Vec::new();
    for file in &files {
        match load(file) {
            Err(e) => problems.push(format!("{}: {e}", file.display())),
            Ok(report) => {
                let findings = ogi_report::validate(&report);
                any_error |= findings.iter().any(|f| f.severity == Severity::Error);
                let shown: Vec<&Finding> = findings.iter().filter(|f| f.severity >= min).collect();
                match format {
                    OutFormat::Human => {
                        let _ = writeln!(
                            out,
                            "{}: {} {} ({} format): {}",
                            file.display(),
                            report.meta.agency.as_deref().unwrap_or("?"),
                            report.meta.year.map_or("?".to_string(), |y| y.to_string()),
                            report.format(),
                            summary(&findings)
                        );
                        for f in shown {
                            let _ = writeln!(
                                out,
                                "  {:<7} {:<22} {:<40} {}",
                                f.severity,
                                f.code,
                                f.path,
                                f.message_in(lang)
                            );
                        }
                    }
                    OutFormat::Json => {
                        for f in shown {
                            let mut v = serde_json::to_value(f).unwrap_or_default();
                            if files.len() > 1 {
                                v["file"] = serde_json::json!(file.display().to_string());
                            }
                            all.push(v);
                        }
                    }
                }
            }
        }
    }
    if format == OutFormat::Json {
        let _ = writeln!(out, "{}", serde_json::json!({ "findings": all }));
    }
    for p in &problems {
        eprintln!("ogi: {p}");
    }
    if !problems.is_empty() {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes a line to stdout; a closed pipe (`| head`) is not an error.
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{s}");
}

fn summary(findings: &[Finding]) -> String {
    let n = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    format!(
        "{} errors, {} warnings, {} notes",
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Info)
    )
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            lang,
            severity,
        } => check(&paths, format, lang, severity.min()),
        Command::Schema => {
            emit(&serde_json::to_string_pretty(&Report::json_schema()).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::Rules { format } => {
            match format {
                RulesFormat::Markdown => emit(ogi_report::rules_markdown().trim_end()),
                RulesFormat::Json => {
                    emit(&serde_json::to_string_pretty(&ogi_report::rules()).unwrap_or_default())
                }
            }
            ExitCode::SUCCESS
        }
    }
}
