//! `ogi`: check annual reports on open government information from the command line.

mod load;
mod output;
mod series;

use clap::{Parser, Subcommand, ValueEnum};
use load::{collect_files, load, Loaded};
use ogi_report::{Report, Severity};
use output::{Progress, Summary};
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Check annual reports on open government information (政府信息公开工作年度报告)",
    after_help = "Examples:\n  ogi check examples/reports/\n  ogi check crawl/ --format ndjson > findings.ndjson\n  ogi parse report.txt --format flat\n  ogi cells crawl/ > cells.csv\n  ogi series crawl/pingtan/\n  ogi schema > report.schema.json\n  ogi rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (.txt, .html, .json; folders searched recursively) and print the findings.
    #[command(
        after_help = "Exit status: 0 no errors, 1 errors found, 2 usage or unreadable input (the batch goes on).\n\nExamples:\n  ogi check report.txt --verbose\n  ogi check crawl/ --format ndjson --severity error\n  ogi check report.html --format json --lang en"
    )]
    Check {
        /// Files or folders.
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
        /// Print the source line behind each finding.
        #[arg(long, short)]
        verbose: bool,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Never draw a progress bar.
        #[arg(long)]
        no_progress: bool,
    },
    /// Parse one report and print it as JSON (nested, or flat by canonical path).
    #[command(
        after_help = "Examples:\n  ogi parse report.txt\n  ogi parse report.html --format flat"
    )]
    Parse {
        /// A .txt, .html or .json file.
        file: PathBuf,
        /// Output form.
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
    },
    /// One CSV row per report, one column per canonical cell path.
    #[command(after_help = "Example:\n  ogi cells crawl/ --format csv > cells.csv")]
    Cells {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (CSV only, for spreadsheets and pandas).
        #[arg(long, value_enum, default_value_t = CellsFormat::Csv)]
        format: CellsFormat,
    },
    /// Group reports by agency, order them by year, and check the chains across years.
    #[command(after_help = "Example:\n  ogi series crawl/pingtan/")]
    Series {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
    },
    /// Print the JSON Schema of the nested report form.
    Schema {
        /// One line, no indentation (as in crates/ogi-report/report.schema.json).
        #[arg(long)]
        compact: bool,
    },
    /// Print the catalogue of finding codes.
    #[command(after_help = "Example:\n  ogi rules --format json")]
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
    Ndjson,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ParseFormat {
    Json,
    Flat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CellsFormat {
    Csv,
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

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
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

/// Files are read and checked in chunks: parallel inside a chunk, printed in
/// order, then dropped, so memory stays flat however many files there are.
const CHUNK: usize = 512;

/// One file checked in a worker: its formatted output, its JSON findings
/// (for `--format json`) and its counts.
type Checked = (Vec<u8>, Vec<serde_json::Value>, Summary);

struct CheckOpts {
    format: OutFormat,
    lang: Lang,
    min: Severity,
    verbose: bool,
}

fn check(
    paths: &[PathBuf],
    opts: &CheckOpts,
    threads: Option<usize>,
    no_progress: bool,
) -> ExitCode {
    let (files, mut problems) = collect_files(paths);
    for p in &problems {
        eprintln!("ogi: {p}");
    }
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ogi: cannot start worker threads: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut progress = Progress::new(files.len(), !no_progress);
    let mut json_all: Vec<serde_json::Value> = Vec::new();
    if opts.format == OutFormat::Csv {
        let _ = writeln!(out, "{}", output::CSV_HEADER);
    }
    for chunk in files.chunks(CHUNK) {
        // Read, check and format in the workers; print in order here.
        let results: Vec<(Result<Checked, String>, String)> = pool.install(|| {
            chunk
                .par_iter()
                .map(|f| {
                    let name = f.display().to_string();
                    let done = load(f, opts.verbose).map(|loaded| {
                        let mut buf = Vec::new();
                        let mut json = Vec::new();
                        output::write_report(
                            &mut buf,
                            &name,
                            &loaded,
                            opts,
                            files.len(),
                            &mut json,
                        );
                        let mut one = Summary::default();
                        one.add(&loaded.findings);
                        (buf, json, one)
                    });
                    (done, name)
                })
                .collect()
        });
        for (res, name) in results {
            match res {
                Err(e) => {
                    summary.unreadable += 1;
                    let msg = format!("{name}: {e}");
                    progress.suspend(|| eprintln!("ogi: {msg}"));
                    problems.push(msg);
                    if opts.format == OutFormat::Ndjson {
                        let _ = writeln!(out, "{}", serde_json::json!({"file": name, "error": e}));
                    }
                }
                Ok((buf, json, one)) => {
                    summary.merge(one);
                    let _ = out.write_all(&buf);
                    json_all.extend(json);
                }
            }
            progress.tick();
        }
        let _ = out.flush();
    }
    progress.finish();
    if opts.format == OutFormat::Json {
        let _ = writeln!(out, "{}", serde_json::json!({ "findings": json_all }));
    }
    let _ = out.flush();
    drop(out);
    let text = summary.render(opts.lang.code());
    if opts.format == OutFormat::Human {
        output::emit(&text);
    } else {
        eprintln!("{text}");
    }
    if !problems.is_empty() {
        ExitCode::from(2)
    } else if summary.with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_cmd(file: &std::path::Path, format: ParseFormat) -> ExitCode {
    match load(file, false) {
        Err(e) => {
            eprintln!("ogi: {}: {e}", file.display());
            ExitCode::from(2)
        }
        Ok(l) => {
            let v = match format {
                ParseFormat::Json => l.report.to_json(),
                ParseFormat::Flat => l.report.to_flat(),
            };
            output::emit(&serde_json::to_string_pretty(&v).unwrap_or_default());
            ExitCode::SUCCESS
        }
    }
}

fn cells_cmd(paths: &[PathBuf]) -> ExitCode {
    let (files, mut problems) = collect_files(paths);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let columns = output::cell_columns();
    let _ = writeln!(out, "{}", output::cells_header(&columns));
    for chunk in files.chunks(CHUNK) {
        let results: Vec<Result<Loaded, String>> =
            chunk.par_iter().map(|f| load(f, false)).collect();
        for (file, res) in chunk.iter().zip(results) {
            match res {
                Ok(l) => {
                    let _ = writeln!(
                        out,
                        "{}",
                        output::cells_row(&file.display().to_string(), &l.report, &columns)
                    );
                }
                Err(e) => problems.push(format!("{}: {e}", file.display())),
            }
        }
    }
    let _ = out.flush();
    output::problems_exit(&problems)
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
            verbose,
            threads,
            no_progress,
        } => {
            let opts = CheckOpts {
                format,
                lang,
                min: severity.min(),
                verbose,
            };
            check(&paths, &opts, threads, no_progress)
        }
        Command::Parse { file, format } => parse_cmd(&file, format),
        Command::Cells { paths, .. } => cells_cmd(&paths),
        Command::Series { paths, lang } => series::run(&paths, lang.code()),
        Command::Schema { compact } => {
            let schema = Report::json_schema();
            let text = if compact {
                serde_json::to_string(&schema)
            } else {
                serde_json::to_string_pretty(&schema)
            };
            output::emit(&text.unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::Rules { format } => {
            match format {
                RulesFormat::Markdown => output::emit(ogi_report::rules_markdown().trim_end()),
                RulesFormat::Json => output::emit(
                    &serde_json::to_string_pretty(&ogi_report::rules()).unwrap_or_default(),
                ),
            }
            ExitCode::SUCCESS
        }
    }
}
