//! `ogi`: check annual reports on open government information from the command line.

mod load;
mod output;
mod pipeline;
mod series;
mod summary;

use clap::{Args, Parser, Subcommand, ValueEnum};
use load::{collect_files, load, Entry};
use ogi_report::{Report, Severity};
use output::{display_name, warn, Progress, Summary};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The command's allocations go to mimalloc: parsing allocates a few hundred
/// small tokens and strings per report (BENCHMARKS.md: `ogi check` throughput).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Limits on what is read.
#[derive(Args, Clone, Copy)]
struct Limits {
    /// Largest file read, in bytes or with K, M or G (powers of 1024): a larger
    /// file is reported as unreadable and not read.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = load::parse_size)]
    max_size: u64,
}

#[derive(Parser)]
#[command(
    name = "ogi",
    version,
    about = "Check annual reports on open government information (政府信息公开工作年度报告)",
    after_help = "Examples:\n  ogi check examples/reports/\n  ogi check crawl/ --format ndjson > findings.ndjson\n  ogi parse report.txt --format flat\n  ogi cells crawl/ > cells.csv\n  ogi series crawl/pingtan/\n  ogi summary crawl/ --html summary.html\n  ogi schema > report.schema.json\n  ogi rules\n\nExit status: 0 no errors, 1 errors found (check), 2 usage error, unreadable input or a\nfailed write, 141 when stdout is closed early (see `ogi check --help`)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check reports (.txt, .html, .json, .pdf, .docx; folders searched recursively) and print the findings.
    #[command(after_help = CHECK_HELP)]
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
        /// Worker threads (default: one per core; at most 4 per core and 256).
        #[arg(long)]
        threads: Option<usize>,
        /// Never draw a progress bar.
        #[arg(long)]
        no_progress: bool,
        #[command(flatten)]
        limits: Limits,
    },
    /// Parse one report and print it as JSON (nested, or flat by canonical path).
    #[command(
        after_help = "Exit status: 0 parsed, 2 usage, unreadable input or a failed write; 141 when stdout closes early.\n\nExamples:\n  ogi parse report.txt\n  ogi parse report.pdf\n  ogi parse report.html --format flat"
    )]
    Parse {
        /// A .txt, .html, .json, .pdf or .docx file (told by its content).
        file: PathBuf,
        /// Output form.
        #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
        format: ParseFormat,
        #[command(flatten)]
        limits: Limits,
    },
    /// One CSV row per report, one column per canonical cell path.
    #[command(
        after_help = "Text fields starting with = + - @ TAB or CR get a leading ' (CSV injection).\nExit status: 0 all read, 2 usage, unreadable input (reported on stderr, the batch goes on) or a failed write; 141 when stdout closes early.\n\nExample:\n  ogi cells crawl/ --format csv > cells.csv"
    )]
    Cells {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (CSV only, for spreadsheets and pandas).
        #[arg(long, value_enum, default_value_t = CellsFormat::Csv)]
        format: CellsFormat,
        #[command(flatten)]
        limits: Limits,
    },
    /// Group reports by agency, order them by year, and check the chains across years.
    #[command(
        after_help = "Exit status: 0 all read, 2 usage, unreadable input or a failed write; 141 when stdout closes early.\n\nExample:\n  ogi series crawl/pingtan/"
    )]
    Series {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Language of the messages.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        #[command(flatten)]
        limits: Limits,
    },
    /// Summarise a crawl: reports read, unreadable, with errors and warnings; findings by
    /// code; error rates by year and agency kind; chain breaks per agency; the reports
    /// with the most errors. --html writes one self-contained page with charts.
    #[command(
        after_help = "The page needs nothing else: inline SVG charts, no script, nothing fetched.\nFiles are checked as by `ogi check` and merged as they are done: memory grows with the\nagencies (their reports reduced to what the chain rules read), not with the files.\n\nExit status: 0 all read, 2 usage, unreadable input (counted; the batch goes on) or a failed write.\n\nExamples:\n  ogi summary crawl/ --html summary.html\n  ogi summary crawl/ --lang en --top 50 --html summary.html"
    )]
    Summary {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the page with charts here.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Language of the page and of the text.
        #[arg(long, value_enum, default_value_t = Lang::Zh)]
        lang: Lang,
        /// How many reports with the most errors the page lists, with their findings.
        #[arg(long, default_value_t = 20)]
        top: usize,
        /// Worker threads (default: one per core; at most 4 per core and 256).
        #[arg(long)]
        threads: Option<usize>,
        /// Never draw a progress bar.
        #[arg(long)]
        no_progress: bool,
        #[command(flatten)]
        limits: Limits,
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

const CHECK_HELP: &str = "\
Reading: only regular files are read, each told by its content (text, HTML, JSON, PDF,
DOCX; a legacy .doc or .wps is one input.unsupported finding). In folders, files ending
in .txt, .html, .htm, .json, .pdf, .docx, .doc or .wps are read; FIFOs, devices and sockets with those names are unreadable entries
(other special files are a note on stderr), never opened, and a device or FIFO named
on the command line is refused without being opened. Each file and folder is read once, whatever symlinks lead to it (so symlink
cycles end). Files larger than --max-size are reported, not read. A file whose check
fails inside ogi (a bug) is reported as unreadable, with the place, and the batch goes on.

Output: unreadable files and folders are entries in every format (code input.unreadable
in json, ndjson and csv) and are counted in the summary. --format json streams one
findings array as files are checked (memory stays flat, as with ndjson). Human output
shows control characters of names and source lines as \\u{1b}; names that are not
UTF-8 show their bytes as \\xNN (and a backslash as \\\\). In CSV, a text field
starting with = + - @ TAB or CR gets a leading ' (against spreadsheet formulas).

Exit status:
  0    no errors
  1    errors found
  2    usage error, unreadable input (reported; the batch goes on), or a failed write
       (e.g. a full disk), which stops the run with a message
  141  stdout was closed early (e.g. `ogi check crawl | head -1`): the work stops at
       once, with no message

Examples:
  ogi check report.txt --verbose
  ogi check crawl/ --format ndjson --severity error
  ogi check report.html --format json --lang en
  ogi check crawl/ --max-size 10M --threads 8";

struct CheckOpts {
    format: OutFormat,
    lang: Lang,
    min: Severity,
    verbose: bool,
}

/// One entry checked by a worker: its formatted output (for `--format json`,
/// items of the findings array) and its counts, or why it cannot be read.
enum Checked {
    Report {
        out: Vec<u8>,
        json_items: bool,
        summary: Summary,
    },
    Unreadable(String),
}

fn check(
    paths: &[PathBuf],
    opts: &CheckOpts,
    threads: Option<usize>,
    no_progress: bool,
    limits: Limits,
) -> ExitCode {
    let (entries, notes) = collect_files(paths);
    for n in &notes {
        warn(n);
    }
    let threads = pipeline::threads(threads);
    let names: Vec<String> = entries.iter().map(|e| display_name(e.path())).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    let mut progress = Progress::new(entries.len(), !no_progress);
    // Messages go to stderr too, but not twice on one terminal.
    let stderr_too = opts.format != OutFormat::Human
        || !(std::io::stdout().is_terminal() && std::io::stderr().is_terminal());
    let mut json_any = false;
    let total = entries.len();
    let work = |i: usize| -> Checked {
        let path = match &entries[i] {
            Entry::Problem(_, e) => return Checked::Unreadable(e.clone()),
            Entry::File(p) => p,
        };
        // Reading, checking and formatting are guarded together: a panic in any
        // of them is an error for this file.
        load::guarded(|| {
            let loaded = load(path, opts.verbose, limits.max_size)?;
            let mut buf = Vec::new();
            let json_items = output::write_report(&mut buf, &names[i], &loaded, opts, total)
                .map_err(|e| e.to_string())?;
            let mut summary = Summary::default();
            summary.add(&loaded.findings);
            Ok(Checked::Report {
                out: buf,
                json_items,
                summary,
            })
        })
        .unwrap_or_else(Checked::Unreadable)
    };
    let result = (|| {
        let mut i = 0usize;
        let write = |out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>,
                     done: Checked|
         -> std::io::Result<()> {
            let name = &names[i];
            i += 1;
            let json_sep = |out: &mut std::io::BufWriter<_>, any: &mut bool| {
                let r = if *any { out.write_all(b",\n") } else { Ok(()) };
                *any = true;
                r
            };
            match done {
                Checked::Unreadable(e) => {
                    summary.unreadable += 1;
                    if stderr_too {
                        progress.suspend(|| warn(&format!("{name}: {e}")));
                    }
                    if opts.format == OutFormat::Json {
                        json_sep(out, &mut json_any)?;
                    }
                    output::write_unreadable(out, name, &e, opts)?;
                }
                Checked::Report {
                    out: buf,
                    json_items,
                    summary: one,
                } => {
                    summary.merge(one);
                    if json_items {
                        json_sep(out, &mut json_any)?;
                    }
                    out.write_all(&buf)?;
                }
            }
            progress.tick();
            Ok(())
        };
        if opts.format == OutFormat::Csv {
            writeln!(out, "{}", output::CSV_HEADER)?;
        }
        if opts.format == OutFormat::Json {
            out.write_all(b"{\"findings\": [\n")?;
        }
        pipeline::run(
            total,
            threads,
            &mut out,
            pipeline::OnError::Exit,
            work,
            write,
        )?;
        if opts.format == OutFormat::Json {
            out.write_all(if json_any { b"\n]}\n" } else { b"]}\n" })?;
        }
        out.flush()
    })();
    progress.finish();
    if let Err(e) = result {
        return output::write_failed(&e);
    }
    let text = summary.render(opts.lang.code());
    if opts.format == OutFormat::Human {
        let r = writeln!(out, "{text}").and_then(|()| out.flush());
        if let Err(e) = r {
            return output::write_failed(&e);
        }
    } else {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }
    if summary.unreadable > 0 {
        ExitCode::from(2)
    } else if summary.with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn parse_cmd(file: &std::path::Path, format: ParseFormat, limits: Limits) -> ExitCode {
    match load(file, false, limits.max_size) {
        Err(e) => {
            warn(&format!("{}: {e}", display_name(file)));
            ExitCode::from(2)
        }
        Ok(l) => {
            let v = match format {
                ParseFormat::Json => l.report.to_json(),
                ParseFormat::Flat => l.report.to_flat(),
            };
            output::emit_exit(
                &serde_json::to_string_pretty(&v).unwrap_or_default(),
                ExitCode::SUCCESS,
            )
        }
    }
}

fn cells_cmd(paths: &[PathBuf], limits: Limits) -> ExitCode {
    let (entries, notes) = collect_files(paths);
    for n in &notes {
        warn(n);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let columns = output::cell_columns();
    let mut problems = 0usize;
    let work = |i: usize| -> Result<String, String> {
        let name = display_name(entries[i].path());
        match &entries[i] {
            Entry::Problem(_, e) => Err(format!("{name}: {e}")),
            Entry::File(p) => load::guarded(|| {
                load(p, false, limits.max_size)
                    .map(|l| output::cells_row(&name, &l.report, &columns))
            })
            .map_err(|e| format!("{name}: {e}")),
        }
    };
    let write = |out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>,
                 row: Result<String, String>| {
        match row {
            Ok(row) => writeln!(out, "{row}"),
            Err(e) => {
                problems += 1;
                warn(&e);
                Ok(())
            }
        }
    };
    let result = writeln!(out, "{}", output::cells_header(&columns)).and_then(|()| {
        pipeline::run(
            entries.len(),
            pipeline::threads(None),
            &mut out,
            pipeline::OnError::Exit,
            work,
            write,
        )
    });
    if let Err(e) = result {
        return output::write_failed(&e);
    }
    if problems > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    load::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout: a failed write is not silent there either.
            if let Err(err) = e.print() {
                if !e.use_stderr() {
                    return output::write_failed(&err);
                }
            }
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
            limits,
        } => {
            let opts = CheckOpts {
                format,
                lang,
                min: severity.min(),
                verbose,
            };
            check(&paths, &opts, threads, no_progress, limits)
        }
        Command::Parse {
            file,
            format,
            limits,
        } => parse_cmd(&file, format, limits),
        Command::Cells { paths, limits, .. } => cells_cmd(&paths, limits),
        Command::Series {
            paths,
            lang,
            limits,
        } => series::run(&paths, lang.code(), limits.max_size),
        Command::Summary {
            paths,
            html,
            lang,
            top,
            threads,
            no_progress,
            limits,
        } => summary::run(
            &paths,
            &summary::Opts {
                html: html.as_deref(),
                lang: lang.code(),
                top,
                threads,
                no_progress,
                max_size: limits.max_size,
            },
        ),
        Command::Schema { compact } => {
            let schema = Report::json_schema();
            let text = if compact {
                serde_json::to_string(&schema)
            } else {
                serde_json::to_string_pretty(&schema)
            };
            output::emit_exit(&text.unwrap_or_default(), ExitCode::SUCCESS)
        }
        Command::Rules { format } => {
            let text = match format {
                RulesFormat::Markdown => ogi_report::rules_markdown().trim_end().to_string(),
                RulesFormat::Json => {
                    serde_json::to_string_pretty(&ogi_report::rules()).unwrap_or_default()
                }
            };
            output::emit_exit(&text, ExitCode::SUCCESS)
        }
    }
}
