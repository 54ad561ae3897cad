//! The table 2 family: documents issued against documents in force
//! (`t2.issued_vs_in_force`) and rules reported by a township
//! (`t2.township_regulations`).

use super::CellIndex;
use crate::finding::{Code, Finding};
use crate::id::T2Col;
use crate::report::Report;
use crate::schema::T2Row;
use crate::template::{Roles, DOCUMENT_ROWS};

/// `t2.issued_vs_in_force` (2021 format): issued ≤ in_force + abolished.
pub fn check_t2(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    // Only a format whose table 2 counts what is abolished (2021) says enough.
    let roles = Roles::of(report.format());
    let Some(removed) = roles.documents_removed else {
        return Vec::new();
    };
    let (made, stock) = (roles.documents_made, roles.documents_stock);
    let mut out = Vec::new();
    for row in DOCUMENT_ROWS {
        let p = |c: T2Col| row.cell(c);
        let (Some(issued), Some(abolished), Some(in_force)) = (
            idx.count(p(made)),
            idx.count(p(removed)),
            idx.count(p(stock)),
        ) else {
            continue;
        };
        let Some(bound) = in_force.checked_add(abolished) else {
            continue;
        };
        if issued > bound {
            out.push(
                Finding::new(
                    Code::T2IssuedVsInForce,
                    p(made),
                    format!(
                        "表二“{}”：本年制发 {issued} 件，多于现行有效 {in_force} 件与本年废止 {abolished} 件之和",
                        row.label("zh")
                    ),
                    format!(
                        "table 2, {}: {issued} issued this year, more than in force ({in_force}) plus abolished ({abolished})",
                        row.label("en")
                    ),
                )
                .numbers(bound, issued)
                .related_cells([p(removed), p(stock)]),
            );
        }
    }
    out
}

/// Is the agency a township or street office (乡、镇、街道), or an office of
/// one? The kind comes from [`crate::agency::agency_kind`].
pub fn is_township(agency: &str) -> bool {
    crate::agency::agency_kind(agency).is_township_level()
        || ["乡人民政府", "镇人民政府", "街道办事处", "乡政府", "镇政府"]
            .iter()
            .any(|k| agency.contains(k))
}

/// `t2.township_regulations`: a township reporting 规章.
pub fn check_township_regulations(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let Some(agency) = report.meta.agency.as_deref() else {
        return Vec::new();
    };
    if !is_township(agency) {
        return Vec::new();
    }
    // What the township made this year, and the stock it holds.
    let roles = Roles::of(report.format());
    [roles.documents_made, roles.documents_stock]
        .iter()
        .filter_map(|&c| {
            let p = T2Row::Regulations.cell(c);
            let n = idx.count(p)?;
            (n > 0).then(|| {
                Finding::new(
                    Code::T2TownshipRegulations,
                    p,
                    format!("{agency} 为乡镇（街道），无规章制定权，但表二规章填报 {n} 件"),
                    format!("{agency} is a township, which cannot make rules (规章), yet table 2 reports {n}"),
                )
                .numbers(0, n)
            })
        })
        .collect()
}

/// [`check_t2`], appending to `out` (the registered check).
pub(super) fn issued_vs_in_force_into(
    report: &Report,
    idx: &CellIndex<'_>,
    out: &mut Vec<Finding>,
) {
    out.extend(check_t2(report, idx));
}

/// [`check_township_regulations`], appending to `out` (the registered check).
pub(super) fn township_regulations_into(
    report: &Report,
    idx: &CellIndex<'_>,
    out: &mut Vec<Finding>,
) {
    out.extend(check_township_regulations(report, idx));
}
