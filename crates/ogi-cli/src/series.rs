//! `ogi series`: each agency's reports in year order, the chains across years, and the breaks.

use crate::load::{collect_files, load, Entry};
use crate::output::{clean, display_name, warn};
use ogi_report::template::Roles;
use ogi_report::{validate_series, CellId, Report, T2Row, T3Col, T3Row};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn count(r: &Report, id: CellId) -> String {
    r.cell(id)
        .and_then(|c| c.count())
        .map_or("?".to_string(), |v| v.to_string())
}

/// Runs the command.
pub fn run(paths: &[PathBuf], lang: &str, max_size: u64) -> ExitCode {
    let (entries, notes) = collect_files(paths);
    for n in &notes {
        warn(n);
    }
    let mut problems = Vec::new();
    let mut reports = Vec::new();
    let mut skipped = Vec::new();
    let work = |i: usize| -> Result<Report, String> {
        match &entries[i] {
            Entry::Problem(_, e) => Err(e.clone()),
            Entry::File(p) => load(p, false, max_size).map(|l| l.report),
        }
    };
    let mut i = 0usize;
    let collect = |_: &mut std::io::Sink, r: Result<Report, String>| {
        let name = display_name(entries[i].path());
        i += 1;
        match r {
            Ok(r) if r.meta.agency.is_some() && r.meta.year.is_some() => reports.push((name, r)),
            Ok(_) => skipped.push(name),
            Err(e) => problems.push(format!("{name}: {e}")),
        }
        Ok(())
    };
    let _ = crate::pipeline::run(
        entries.len(),
        crate::pipeline::threads(None),
        &mut std::io::sink(),
        crate::pipeline::OnError::Return,
        work,
        collect,
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The rules across years run here, outside any one file: a panic among them
    // is reported as such, not as an abort.
    match crate::load::guarded(|| Ok(print(&mut out, &reports, lang).and_then(|()| out.flush()))) {
        Err(panic) => {
            warn(&panic.replace("while checking this file", "while checking the series"));
            return ExitCode::from(2);
        }
        Ok(Err(e)) => return crate::output::write_failed(&e),
        Ok(Ok(())) => {}
    }
    if !skipped.is_empty() {
        warn(&format!(
            "left out (no agency or year found): {}",
            skipped.join(", ")
        ));
    }
    // Breaks across years are warnings: they do not fail the command.
    crate::output::problems_exit(&problems)
}

fn print(out: &mut impl Write, reports: &[(String, Report)], lang: &str) -> std::io::Result<()> {
    let all: Vec<Report> = reports.iter().map(|(_, r)| r.clone()).collect();
    let findings = validate_series(&all);
    let mut groups: BTreeMap<String, Vec<&(String, Report)>> = BTreeMap::new();
    for item in reports {
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
        writeln!(out, "{}", clean(&agency))?;
        writeln!(
            out,
            "  year  format  carried_over → carried_forward   normative docs in force   file"
        )?;
        for (f, r) in &items {
            let year = r.meta.year.unwrap_or(0);
            // The documents counted as a stock: 现行有效件数 (2021), 对外公开总数量 (2019).
            let stock = Roles::of(r.format()).documents_stock;
            let in_force = count(r, T2Row::NormativeDocuments.cell(stock));
            let breaks: Vec<&ogi_report::Finding> = findings
                .iter()
                .filter(|x| x.year == Some(year) && x.agency.as_deref() == Some(agency.as_str()))
                .collect();
            let mark = if breaks.is_empty() { " " } else { "✗" };
            writeln!(
                out,
                "{mark} {year}  {:<6}  {:>12} → {:<15}   {:>23}   {f}",
                r.format_key().unwrap_or("?"),
                count(r, T3Row::CarriedOver.cell(T3Col::Total)),
                count(r, T3Row::CarriedForward.cell(T3Col::Total)),
                in_force,
            )?;
            for b in breaks {
                writeln!(
                    out,
                    "      {} {}: {}",
                    b.code,
                    clean(&b.path),
                    clean(b.message_in(lang))
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
