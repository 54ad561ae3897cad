//! A report's cells indexed by template position, which the rules and the
//! prose claims read.

use crate::cell::CellRef;
use crate::id::{CellId, T3Row};
use crate::report::Report;
use crate::schema::T3Col;
use crate::template::Template;

/// A report's cells by position, for the rules: [`CellIndex::get`] by
/// [`CellId`], [`CellIndex::at`] by template position.
pub struct CellIndex<'a> {
    /// The template of the report's format.
    pub(crate) tpl: &'static Template,
    /// Cells by template position (`None`: the table is absent).
    pub(crate) cells: Vec<Option<CellRef<'a>>>,
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
