//! The series family: the cross-year rules over the reports of one agency
//! (`series.carry_over`, `series.in_force_chain`,
//! `series.published_total_chain`, and `series.prose_copied`, whose rule
//! lives in [`crate::review::copied`]).

use super::CellIndex;
use crate::finding::{Code, Finding};
use crate::id::{T2Col, T3Row};
use crate::review;
use crate::schema::{Format, Report, T2Row, T3Col};
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
                f.source = cur.sources.get(&f.path).copied();
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
    if prev.format() == Format::F2021 && cur.format() == Format::F2021 {
        for row in [T2Row::Regulations, T2Row::NormativeDocuments] {
            let (Some(before), Some(issued), Some(abolished), Some(now)) = (
                pi.count(row.cell(T2Col::InForce)),
                ci.count(row.cell(T2Col::Issued)),
                ci.count(row.cell(T2Col::Abolished)),
                ci.count(row.cell(T2Col::InForce)),
            ) else {
                continue;
            };
            // Beyond the integer range there is no chain to check (each
            // report's own rules say its cells are out of range).
            let Some(expected) = before
                .checked_add(issued)
                .and_then(|x| x.checked_sub(abolished))
            else {
                continue;
            };
            if expected != now {
                out.push(
                    Finding::new(
                        Code::SeriesInForceChain,
                        row.cell(T2Col::InForce),
                        format!("{cy} 年表二“{}”现行有效 {now} 件，应为 {py} 年的 {before} + 制发 {issued} − 废止 {abolished} = {expected}", row.label("zh")),
                        format!("{cy} table 2, {}: in force {now}, expected {py}'s {before} + issued {issued} - abolished {abolished} = {expected}", row.label("en")),
                    )
                    .numbers(expected, now)
                    .related_cells([row.cell(T2Col::Issued), row.cell(T2Col::Abolished)]),
                );
            }
        }
    }
    if prev.format() == Format::F2019 && cur.format() == Format::F2019 {
        for row in [T2Row::Regulations, T2Row::NormativeDocuments] {
            let (Some(before), Some(published), Some(now)) = (
                pi.count(row.cell(T2Col::PublishedTotal)),
                ci.count(row.cell(T2Col::Published)),
                ci.count(row.cell(T2Col::PublishedTotal)),
            ) else {
                continue;
            };
            let Some(expected) = before.checked_add(published) else {
                continue;
            };
            if expected != now {
                out.push(
                    Finding::new(
                        Code::SeriesPublishedTotalChain,
                        row.cell(T2Col::PublishedTotal),
                        format!("{cy} 年表二“{}”对外公开总数量 {now}，应为 {py} 年的 {before} + 本年新公开 {published} = {expected}", row.label("zh")),
                        format!("{cy} table 2, {}: published total {now}, expected {py}'s {before} + published {published} = {expected}", row.label("en")),
                    )
                    .numbers(expected, now)
                    .related_cells([row.cell(T2Col::Published)]),
                );
            }
        }
    }
    out
}
