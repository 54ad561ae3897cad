//! The series family: the cross-year rules over the reports of one agency
//! (`series.carry_over`, `series.in_force_chain`,
//! `series.published_total_chain`, and `series.prose_copied`, whose rule
//! lives in [`crate::review::copied`]).

use super::CellIndex;
use crate::finding::{Code, Finding};
use crate::id::{CellId, T3Row};
use crate::report::Report;
use crate::review;
use crate::schema::T3Col;
use crate::template::{Roles, DOCUMENT_ROWS};
use std::collections::{BTreeMap, BTreeSet};

/// The cross-year rules over several reports: grouped by agency, ordered by
/// year, each report checked against the one for the year before
/// (`series.carry_over`, `series.in_force_chain`, `series.published_total_chain`,
/// `series.prose_copied`).
/// Reports without an agency or a year are left out.
pub fn validate_series(reports: &[Report]) -> Vec<Finding> {
    let mut groups: BTreeMap<String, Vec<&Report>> = BTreeMap::new();
    for r in reports {
        if let (Some(a), Some(_)) = (r.meta.agency.as_deref(), r.meta.year) {
            groups.entry(a.trim().to_string()).or_default().push(r);
        }
    }
    let mut out = Vec::new();
    for (agency, mut rs) in groups {
        rs.sort_by_key(|r| r.meta.year);
        let mut seen = BTreeSet::new();
        let prints: Vec<_> = rs.iter().map(|r| review::fingerprints(r)).collect();
        for (k, w) in rs.windows(2).enumerate() {
            let (prev, cur) = (w[0], w[1]);
            let (py, cy) = (prev.meta.year.unwrap_or(0), cur.meta.year.unwrap_or(0));
            if cy != py + 1 || !seen.insert(cy) {
                continue;
            }
            let mut fs = series_pair(prev, cur);
            fs.extend(review::check_prose_copied(
                &prints[k],
                &prints[k + 1],
                py,
                cy,
            ));
            for f in &mut fs {
                f.year = Some(cy);
                f.agency = Some(agency.clone());
                f.source = CellId::parse(&f.path).and_then(|id| cur.sources.get(&id).copied());
            }
            out.extend(fs);
        }
    }
    out
}

/// The cross-year rules between the report for year Y-1 and the one for Y.
pub fn series_pair(prev: &Report, cur: &Report) -> Vec<Finding> {
    let (pi, ci) = (CellIndex::new(prev), CellIndex::new(cur));
    let (py, cy) = (prev.meta.year.unwrap_or(0), cur.meta.year.unwrap_or(0));
    let mut out = Vec::new();
    for &c in T3Col::ALL {
        let (Some(fwd), Some(over)) = (
            pi.count(T3Row::CarriedForward.cell(c)),
            ci.count(T3Row::CarriedOver.cell(c)),
        ) else {
            continue;
        };
        if fwd != over {
            out.push(
                Finding::new(
                    Code::SeriesCarryOver,
                    T3Row::CarriedOver.cell(c),
                    format!(
                        "{cy} 年表三“{}”列上年结转 {over} 件，但 {py} 年报告结转下年度 {fwd} 件",
                        c.label("zh")
                    ),
                    format!(
                        "{cy} table 3, column “{}”: carried over {over}, but the {py} report carried forward {fwd}",
                        c.label("en")
                    ),
                )
                .numbers(fwd, over),
            );
        }
    }
    // The documents' stock follows last year's: the roles say which cells
    // are the stock, what adds to it and what removes from it, by format.
    if prev.format() == cur.format() {
        let roles = Roles::of(cur.format());
        for row in DOCUMENT_ROWS {
            let removed = match roles.documents_removed {
                Some(c) => match ci.count(row.cell(c)) {
                    Some(v) => v,
                    None => continue,
                },
                None => 0,
            };
            let (Some(before), Some(added), Some(now)) = (
                pi.count(row.cell(roles.documents_stock)),
                ci.count(row.cell(roles.documents_added)),
                ci.count(row.cell(roles.documents_stock)),
            ) else {
                continue;
            };
            // Beyond the integer range there is no chain to check (each
            // report's own rules say its cells are out of range).
            let Some(expected) = before
                .checked_add(added)
                .and_then(|x| x.checked_sub(removed))
            else {
                continue;
            };
            if expected == now {
                continue;
            }
            let (zh, en) = (row.label("zh"), row.label("en"));
            let (code, zh, en) = match roles.documents_removed {
                Some(_) => (
                    Code::SeriesInForceChain,
                    format!("{cy} 年表二“{zh}”现行有效 {now} 件，应为 {py} 年的 {before} + 制发 {added} − 废止 {removed} = {expected}"),
                    format!("{cy} table 2, {en}: in force {now}, expected {py}'s {before} + issued {added} - abolished {removed} = {expected}"),
                ),
                None => (
                    Code::SeriesPublishedTotalChain,
                    format!("{cy} 年表二“{zh}”对外公开总数量 {now}，应为 {py} 年的 {before} + 本年新公开 {added} = {expected}"),
                    format!("{cy} table 2, {en}: published total {now}, expected {py}'s {before} + published {added} = {expected}"),
                ),
            };
            let related = std::iter::once(roles.documents_added)
                .chain(roles.documents_removed)
                .map(|c| row.cell(c));
            out.push(
                Finding::new(code, row.cell(roles.documents_stock), zh, en)
                    .numbers(expected, now)
                    .related_cells(related),
            );
        }
    }
    out
}
