//! The tables family: which tables the report has (`table.absent`) and
//! whether their format fits the report year (`format.year_mismatch`).

use super::CellIndex;
use crate::finding::{Code, Finding};
use crate::joined::joined;
use crate::report::Report;
use crate::schema::{Format, TableId};

/// `table.absent`: each absent table.
pub fn check_tables_present(report: &Report) -> Vec<Finding> {
    TableId::ALL
        .iter()
        .filter(|t| !report.tables.present(**t))
        .map(|t| {
            Finding::new(
                Code::TableAbsent,
                t.key(),
                joined!("缺少", crate::labels::table_short(*t, "zh"), "：无法核对该表数据（表格缺失不等于全部为 0）"),
                joined!(
                    "Table ",
                    &t.key()[1..],
                    " is absent: its figures cannot be checked (an absent table is not a table of zeros)"
                ),
            )
        })
        .collect()
}

/// `format.year_mismatch`: 2021 or later must use the 2021 tables (and 2019–2020 the 2019 ones).
pub fn check_format_year(report: &Report) -> Vec<Finding> {
    let Some(year) = report.meta.year.filter(|_| report.format_known) else {
        return Vec::new();
    };
    let expected = Format::for_year(year);
    if report.format() == expected {
        return Vec::new();
    }
    vec![Finding::new(
        Code::FormatYearMismatch,
        "format",
        format!(
            "{year} 年度报告应使用 {expected} 年格式的表格，实际为 {} 年格式",
            report.format()
        ),
        format!(
            "a report for {year} should use the {expected} tables, this one uses the {} format",
            report.format()
        ),
    )
    .numbers(
        i64::from(expected.year()),
        i64::from(report.format().year()),
    )]
}

/// [`check_tables_present`], appending to `out` (the registered check).
pub(super) fn tables_present_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(check_tables_present(report));
}

/// [`check_format_year`], appending to `out` (the registered check).
pub(super) fn format_year_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(check_format_year(report));
}
