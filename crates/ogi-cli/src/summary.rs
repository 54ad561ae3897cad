//! `ogi summary`: a crawl's counts and charts, streamed through the core's
//! [`ogi_report::summary::Summary`]: files are checked in parallel by the same
//! walk, reader and pipeline as `ogi check`, and each is merged into the
//! summary as it is done, so memory grows with the agencies, not the files.

use crate::load::{self, collect_files, load, Entry};
use crate::output::{display_name, warn, Progress};
use ogi_report::summary::{Item, Summary};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `ogi summary` was asked.
pub struct Opts<'a> {
    /// The page to write, if any.
    pub html: Option<&'a Path>,
    /// Language of the page and the text.
    pub lang: &'a str,
    /// How many reports with the most errors the page lists.
    pub top: usize,
    /// Worker threads asked for.
    pub threads: Option<usize>,
    /// Never draw a progress bar.
    pub no_progress: bool,
    /// Largest file read.
    pub max_size: u64,
}

/// Runs the command.
pub fn run(paths: &[PathBuf], opts: &Opts<'_>) -> ExitCode {
    let (entries, notes) = collect_files(paths);
    for n in &notes {
        warn(n);
    }
    let mut summary = Summary::new(opts.top);
    let mut progress = Progress::new(entries.len(), !opts.no_progress);
    // Each worker reads, checks and prepares its file's item (the reduced
    // report and fingerprints for the chains); merging it is cheap.
    let work = |i: usize| -> Result<Item, String> {
        let name = display_name(entries[i].path());
        match &entries[i] {
            Entry::Problem(_, e) => Err(e.clone()),
            Entry::File(p) => load::guarded(|| {
                let l = load(p, true, opts.max_size)?;
                Ok(Item::with_text(
                    name,
                    &l.report,
                    &l.findings,
                    l.text.as_deref(),
                ))
            }),
        }
    };
    let mut i = 0usize;
    let merge = |_: &mut std::io::Sink, item: Result<Item, String>| {
        match item {
            Ok(item) => summary.add(item),
            Err(e) => {
                let name = display_name(entries[i].path());
                progress.suspend(|| warn(&format!("{name}: {e}")));
                summary.add_unreadable(name, e);
            }
        }
        i += 1;
        progress.tick();
        Ok(())
    };
    let _ = crate::pipeline::run(
        entries.len(),
        crate::pipeline::threads(opts.threads),
        &mut std::io::sink(),
        crate::pipeline::OnError::Return,
        work,
        merge,
    );
    progress.finish();
    // The chain rules run here, outside any one file: a panic among them is
    // reported as such.
    let rendered = load::guarded(|| {
        let page = opts.html.map(|_| summary.to_html(opts.lang));
        Ok((page, summary.to_text(opts.lang)))
    });
    let (page, text) = match rendered {
        Ok(x) => x,
        Err(panic) => {
            warn(&panic.replace("while checking this file", "while summarising"));
            return ExitCode::from(2);
        }
    };
    if let (Some(path), Some(page)) = (opts.html, page) {
        if let Err(e) = std::fs::write(path, page) {
            warn(&format!(
                "{}: cannot write the page: {e}",
                display_name(path)
            ));
            return ExitCode::from(2);
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        return crate::output::write_failed(&e);
    }
    if summary.unreadable() > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
