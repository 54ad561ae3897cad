//! Every reviewer's rule, each a pure function over a report.
//!
//! [`validate`] runs them all. Blank cells are reported once (`cell.blank`);
//! an equation that involves a blank, a mark, an ambiguous or an invalid cell
//! is not evaluated, and an `equation.unchecked` note says so.
//!
//! The rules come in families, one module each: tables, cells, equations,
//! table 2, sections, fees and series, the cross-year rules of
//! [`validate_series`].

mod cells;
mod equations;
mod fees;
mod sections;
mod series;
mod t2;
mod tables;

pub use cells::{check_cells, MAX_COUNT};
pub use equations::{check_equations, evaluate, Evaluation};
pub use fees::{check_fees, mentions_charging};
pub use sections::{check_sections, is_placeholder};
pub use series::{series_pair, validate_series};
pub use t2::{check_t2, check_township_regulations, is_township};
pub use tables::{check_format_year, check_tables_present};

use crate::cell::CellRef;
use crate::finding::{Code, Finding, Severity};
use crate::id::{CellId, T3Row};
use crate::prose;
use crate::review;
use crate::schema::{Report, T3Col};
use crate::template::Template;

/// A report's cells by path, for the rules.
pub struct CellIndex<'a> {
    tpl: &'static Template,
    /// Cells by template position (`None`: the table is absent).
    cells: Vec<Option<CellRef<'a>>>,
}

impl<'a> CellIndex<'a> {
    /// Indexes every cell of the report.
    pub fn new(report: &'a Report) -> Self {
        let tpl = Template::get(report.format());
        let cells = report.tables.cells();
        debug_assert_eq!(cells.len(), tpl.paths.len());
        CellIndex { tpl, cells }
    }
    /// The cell at template position `i`.
    pub fn at(&self, i: usize) -> Option<CellRef<'a>> {
        self.cells.get(i).copied().flatten()
    }
    /// The cell `id` (`None` when the format or the report lacks it).
    pub fn get(&self, id: CellId) -> Option<CellRef<'a>> {
        self.tpl.pos(id).and_then(|i| self.at(i))
    }
    /// The cell at a canonical `path`.
    pub fn get_path(&self, path: &str) -> Option<CellRef<'a>> {
        self.tpl.position(path).and_then(|i| self.at(i))
    }
    /// The count of cell `id`, if that cell holds one value.
    pub fn count(&self, id: CellId) -> Option<i64> {
        self.get(id).and_then(|c| c.count())
    }
    /// A row's total: the total cell if it holds a value, else the sum of the
    /// applicant cells that hold values (None when none do).
    pub fn row_total(&self, row: T3Row) -> Option<i64> {
        if let Some(t) = self.count(row.cell(T3Col::Total)) {
            return Some(t);
        }
        let vals: Vec<i64> = T3Col::APPLICANTS
            .iter()
            .filter_map(|&c| self.count(row.cell(c)))
            .collect();
        // None when the sum overflows: no total is better than a wrong one.
        if vals.is_empty() {
            return None;
        }
        vals.iter().try_fold(0i64, |a, v| a.checked_add(*v))
    }
}

/// All findings about one report, in a stable order (tables, cells, equations, prose…).
pub fn validate(report: &Report) -> Vec<Finding> {
    let idx = CellIndex::new(report);
    let mut out = Vec::with_capacity(32);
    out.extend(check_tables_present(report));
    cells::cells_into(report, &idx, &mut out);
    equations::equations_into(report, &idx, &mut out);
    out.extend(check_t2(report, &idx));
    out.extend(check_township_regulations(report, &idx));
    out.extend(check_format_year(report));
    out.extend(check_sections(report));
    out.extend(review::check_perfunctory(report));
    out.extend(review::check_late(report));
    out.extend(review::check_period(report));
    out.extend(prose::check_prose(report, &idx));
    let fees = check_fees(report, &idx);
    if fees.is_empty() {
        out.extend(review::check_fee_statement(report));
    }
    out.extend(fees);
    for f in &mut out {
        if f.source.is_none() {
            // A finding on a row points at where its first cell was read.
            f.source = std::iter::once(&f.path)
                .chain(&f.related)
                .find_map(|p| report.sources.get(p).copied());
        }
    }
    out
}

/// Validates report data given as JSON (nested or flat form). Data that does
/// not fit the schema gives one `schema.invalid` finding with its JSON path,
/// never an error: for callers such as web forms that show findings only.
pub fn validate_value(value: &serde_json::Value) -> Vec<Finding> {
    match Report::from_any_value(value) {
        Ok(r) => validate(&r),
        Err(e) => vec![Finding::from(&e)],
    }
}

/// JSON text in, findings out: [`validate_value`] on text, so that what a
/// parsed value no longer shows is a `schema.invalid` finding too (a key given
/// twice in one object, more keys and values than a report holds, an integer
/// named as printed), and so is text that is not JSON.
pub fn validate_json_str(s: &str) -> Vec<Finding> {
    match Report::from_json_str(s) {
        Ok(r) => validate(&r),
        Err(crate::Error::Schema(e)) => vec![Finding::from(&e)],
        Err(e) => vec![Finding::new(
            Code::SchemaInvalid,
            "",
            format!("报告数据不是有效的 JSON：{e}"),
            e.to_string(),
        )],
    }
}

/// True when the report has no error-level findings.
pub fn is_valid(report: &Report) -> bool {
    !validate(report)
        .iter()
        .any(|f| f.severity == Severity::Error)
}
