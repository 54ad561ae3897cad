//! The templates as data: rows, columns and the equations of each format.
//!
//! Everything here is derived from the typed schema (so nothing restates it)
//! and built once per process.

use crate::cell::{CellRef, ValueKind};
use crate::schema::{Format, Tables};
use std::sync::OnceLock;

/// The applicant columns of table 3, in order, without `total`.
pub const APPLICANTS: [&str; 6] = [
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
];

/// All columns of table 3, in order.
pub const T3_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "other_org",
    "total",
];

/// The sub-rows of (六)其他处理 in the 2021 format, in order.
pub const OTHER_SUB_ROWS: [&str; 3] = [
    "outcome.other.no_correction",
    "outcome.other.unpaid_fee",
    "outcome.other.other",
];

/// The (六)其他处理 group's total in the 2021 format: a row the national format
/// does not have, present only when a report prints the group as one row, the
/// 2019 way, without [`OTHER_SUB_ROWS`] (see [`crate::Extra`]).
pub const OTHER_TOTAL_ROW: &str = "outcome.other_total";

/// The groups of table 4, in order.
pub const T4_GROUPS: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];

/// The columns of a table 4 group, in order.
pub const T4_COLUMNS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// Which rule an equation belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EquationKind {
    /// `new_received + carried_over = outcome.total + carried_forward`, per column.
    T3Balance,
    /// `outcome.total` = sum of the outcome rows, per column.
    T3OutcomeTotal,
    /// `total` = sum of the six applicant columns, per row.
    T3RowTotal,
    /// `total = upheld + corrected + other + pending`, per group.
    T4GroupTotal,
}

/// "These cells sum to those cells": `sum(lhs) == sum(rhs)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equation {
    /// The rule.
    pub kind: EquationKind,
    /// The row, column or group it is about (`natural_person`, `outcome.disclosed`, `review`).
    pub scope: String,
    /// The parts.
    pub lhs: Vec<String>,
    /// The total(s).
    pub rhs: Vec<String>,
    /// Template positions of `lhs`.
    pub lhs_pos: Vec<usize>,
    /// Template positions of `rhs`.
    pub rhs_pos: Vec<usize>,
    /// For an equation in which the (六) group total ([`OTHER_TOTAL_ROW`])
    /// stands for the group's three sub-rows: the index, in
    /// [`Template::equations`], of the equation through the sub-rows that it
    /// replaces when a report prints the total and not the sub-rows.
    pub replaces: Option<usize>,
}

impl Equation {
    /// The cell a finding about this equation points at.
    pub fn anchor(&self) -> &str {
        match self.kind {
            EquationKind::T3Balance => &self.rhs[1],
            _ => &self.rhs[0],
        }
    }
    /// Every cell of the equation.
    pub fn cells(&self) -> impl Iterator<Item = &String> {
        self.lhs.iter().chain(self.rhs.iter())
    }
}

/// Hashes a path eight bytes at a time (the keys are the template's own
/// paths, so a fast hash needs no protection against crafted keys).
#[derive(Default)]
struct PathHasher(u64);

impl std::hash::Hasher for PathHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

type PathIndex =
    std::collections::HashMap<String, usize, std::hash::BuildHasherDefault<PathHasher>>;

/// A format's template: its rows and equations.
#[derive(Debug)]
pub struct Template {
    /// The format.
    pub format: Format,
    /// Every canonical cell path, in order: every cell a report of the
    /// format can hold, [`crate::Extra`] rows included (a report that does
    /// not print such a row has no cells at their paths).
    pub paths: Vec<String>,
    /// The kind of value of each path (same order as `paths`).
    pub kinds: Vec<ValueKind>,
    /// Table 3 rows (`new_received`, `outcome.withheld.state_secret`, …), in order.
    pub t3_rows: Vec<String>,
    /// The outcome rows that sum to `outcome.total`: the national format's
    /// (not [`OTHER_TOTAL_ROW`], which stands for three of them).
    pub outcome_rows: Vec<String>,
    /// Table 2 rows (`regulations`, `licensing`, …), in order, with their columns.
    pub t2_rows: Vec<(String, Vec<String>)>,
    /// All equations.
    pub equations: Vec<Equation>,
    /// The template positions of each table 3 row's cells (same order as `t3_rows`).
    pub t3_row_cells: Vec<Vec<usize>>,
    /// The template positions of each table 2 row's cells (same order as `t2_rows`).
    pub t2_row_cells: Vec<Vec<usize>>,
    /// The template positions of table 4's fifteen cells.
    pub t4_cells: Vec<usize>,
    /// Every row's path (`t3.new_received`, `t2.regulations`, `t4.review`:
    /// a cell's path without its column), in order.
    pub rows: Vec<String>,
    /// The row of each cell: an index into `rows` (same order as `paths`).
    pub row_of: Vec<usize>,
    /// The number of cells of each row (same order as `rows`).
    pub row_len: Vec<usize>,
    /// Position of each path in `paths`.
    index: PathIndex,
}

impl Template {
    /// The template of a format (built once).
    pub fn get(format: Format) -> &'static Template {
        static T2021: OnceLock<Template> = OnceLock::new();
        static T2019: OnceLock<Template> = OnceLock::new();
        match format {
            Format::F2021 => T2021.get_or_init(|| Template::build(Format::F2021)),
            Format::F2019 => T2019.get_or_init(|| Template::build(Format::F2019)),
        }
    }

    /// The kind of value held at `path`, if it is a cell of this format.
    pub fn kind(&self, path: &str) -> Option<ValueKind> {
        self.position(path).map(|i| self.kinds[i])
    }

    /// The position of `path` in [`Template::paths`].
    pub fn position(&self, path: &str) -> Option<usize> {
        self.index.get(path).copied()
    }

    fn build(format: Format) -> Template {
        let full = Tables::empty(format).with_extras();
        let mut paths = Vec::new();
        let mut kinds = Vec::new();
        full.visit(&mut |p, c| {
            paths.push(p.to_string());
            kinds.push(match c {
                CellRef::Money(_) => ValueKind::Money,
                CellRef::Count(_) if p.ends_with(".items_change") => ValueKind::SignedCount,
                CellRef::Count(_) => ValueKind::Count,
            });
        });
        let mut t3_rows: Vec<String> = Vec::new();
        let mut t2_rows: Vec<(String, Vec<String>)> = Vec::new();
        for p in &paths {
            if let Some(rest) = p.strip_prefix("t3.") {
                let row = rest.rsplit_once('.').map_or(rest, |(r, _)| r);
                if t3_rows.last().map(String::as_str) != Some(row) {
                    t3_rows.push(row.to_string());
                }
            } else if let Some(rest) = p.strip_prefix("t2.") {
                let (row, col) = rest.split_once('.').unwrap_or((rest, ""));
                match t2_rows.last_mut() {
                    Some((r, cols)) if r == row => cols.push(col.to_string()),
                    _ => t2_rows.push((row.to_string(), vec![col.to_string()])),
                }
            }
        }
        let outcome_rows: Vec<String> = t3_rows
            .iter()
            .filter(|r| {
                r.starts_with("outcome.")
                    && r.as_str() != "outcome.total"
                    && r.as_str() != OTHER_TOTAL_ROW
            })
            .cloned()
            .collect();
        let mut equations = Vec::new();
        for c in T3_COLUMNS {
            equations.push(Equation {
                kind: EquationKind::T3Balance,
                scope: c.to_string(),
                lhs: vec![
                    format!("t3.new_received.{c}"),
                    format!("t3.carried_over.{c}"),
                ],
                rhs: vec![
                    format!("t3.outcome.total.{c}"),
                    format!("t3.carried_forward.{c}"),
                ],
                lhs_pos: Vec::new(),
                rhs_pos: Vec::new(),
                replaces: None,
            });
        }
        for c in T3_COLUMNS {
            equations.push(Equation {
                kind: EquationKind::T3OutcomeTotal,
                scope: c.to_string(),
                lhs: outcome_rows.iter().map(|r| format!("t3.{r}.{c}")).collect(),
                rhs: vec![format!("t3.outcome.total.{c}")],
                lhs_pos: Vec::new(),
                rhs_pos: Vec::new(),
                replaces: None,
            });
        }
        // The same sums with the (六) group total in place of its sub-rows.
        if t3_rows.iter().any(|r| r == OTHER_TOTAL_ROW) {
            let first = equations.len() - T3_COLUMNS.len();
            for (k, c) in T3_COLUMNS.iter().enumerate() {
                let mut lhs = Vec::with_capacity(outcome_rows.len());
                for r in &outcome_rows {
                    if r == OTHER_SUB_ROWS[0] {
                        lhs.push(format!("t3.{OTHER_TOTAL_ROW}.{c}"));
                    } else if !OTHER_SUB_ROWS.contains(&r.as_str()) {
                        lhs.push(format!("t3.{r}.{c}"));
                    }
                }
                equations.push(Equation {
                    kind: EquationKind::T3OutcomeTotal,
                    scope: c.to_string(),
                    lhs,
                    rhs: vec![format!("t3.outcome.total.{c}")],
                    lhs_pos: Vec::new(),
                    rhs_pos: Vec::new(),
                    replaces: Some(first + k),
                });
            }
        }
        for r in &t3_rows {
            equations.push(Equation {
                kind: EquationKind::T3RowTotal,
                scope: r.clone(),
                lhs: APPLICANTS.iter().map(|c| format!("t3.{r}.{c}")).collect(),
                rhs: vec![format!("t3.{r}.total")],
                lhs_pos: Vec::new(),
                rhs_pos: Vec::new(),
                replaces: None,
            });
        }
        for g in T4_GROUPS {
            equations.push(Equation {
                kind: EquationKind::T4GroupTotal,
                scope: g.to_string(),
                lhs: T4_COLUMNS[..4]
                    .iter()
                    .map(|c| format!("t4.{g}.{c}"))
                    .collect(),
                rhs: vec![format!("t4.{g}.total")],
                lhs_pos: Vec::new(),
                rhs_pos: Vec::new(),
                replaces: None,
            });
        }
        let index: PathIndex = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        for e in &mut equations {
            e.lhs_pos = e.lhs.iter().map(|p| index[p]).collect();
            e.rhs_pos = e.rhs.iter().map(|p| index[p]).collect();
        }
        let t3_row_cells = t3_rows
            .iter()
            .map(|r| {
                T3_COLUMNS
                    .iter()
                    .map(|c| index[&format!("t3.{r}.{c}")])
                    .collect()
            })
            .collect();
        let t2_row_cells = t2_rows
            .iter()
            .map(|(r, cols)| cols.iter().map(|c| index[&format!("t2.{r}.{c}")]).collect())
            .collect();
        let t4_cells = T4_GROUPS
            .iter()
            .flat_map(|g| T4_COLUMNS.iter().map(move |c| format!("t4.{g}.{c}")))
            .map(|p| index[&p])
            .collect();
        let mut rows: Vec<String> = Vec::new();
        let mut row_of = Vec::with_capacity(paths.len());
        let mut row_len: Vec<usize> = Vec::new();
        for p in &paths {
            let row = p.rsplit_once('.').map_or(p.as_str(), |(r, _)| r);
            if rows.last().map(String::as_str) != Some(row) {
                rows.push(row.to_string());
                row_len.push(0);
            }
            row_of.push(rows.len() - 1);
            if let Some(n) = row_len.last_mut() {
                *n += 1;
            }
        }
        Template {
            rows,
            row_of,
            row_len,
            t3_row_cells,
            t2_row_cells,
            t4_cells,
            index,
            format,
            paths,
            kinds,
            t3_rows,
            outcome_rows,
            t2_rows,
            equations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t3_has_25_value_rows_in_2021_and_23_in_2019() {
        // docs/format.md: the printed rows, less the headings
        // (三、本年度办理结果 and the group labels) without cells of their own;
        // and in 2021 the (六) group total of a table that prints it as one row.
        assert_eq!(Template::get(Format::F2021).t3_rows.len(), 25 + 1);
        assert_eq!(Template::get(Format::F2019).t3_rows.len(), 23);
        assert_eq!(Template::get(Format::F2021).outcome_rows.len(), 21);
        assert_eq!(Template::get(Format::F2019).outcome_rows.len(), 19);
    }

    #[test]
    fn the_other_total_stands_for_the_sub_rows_in_the_outcome_sums() {
        let t = Template::get(Format::F2021);
        let variants: Vec<&Equation> = t
            .equations
            .iter()
            .filter(|e| e.replaces.is_some())
            .collect();
        assert_eq!(variants.len(), 7);
        for v in variants {
            let orig = &t.equations[v.replaces.unwrap()];
            assert_eq!(
                (orig.kind, &orig.scope, &orig.rhs),
                (v.kind, &v.scope, &v.rhs)
            );
            assert_eq!(orig.lhs.len(), v.lhs.len() + 2);
            assert!(v
                .lhs
                .contains(&format!("t3.outcome.other_total.{}", v.scope)));
            assert!(!v.lhs.iter().any(|p| p.contains(".other.other.")));
        }
        assert!(Template::get(Format::F2019)
            .equations
            .iter()
            .all(|e| e.replaces.is_none()));
    }

    #[test]
    fn cell_counts_match_the_truth_files() {
        // 2021: table 2 has 3+3+1+1+1+1 = 10 cells, table 3 25×7, table 4 15;
        // and the 7 of the (六) group total, which truth files do not list.
        assert_eq!(Template::get(Format::F2021).paths.len(), 200 + 7);
        // 2019: table 2 3+3+3+3+3+3+2+2 = 22, table 3 23×7, table 4 15.
        assert_eq!(Template::get(Format::F2019).paths.len(), 198);
    }

    #[test]
    fn every_equation_names_cells_of_its_format() {
        for f in Format::ALL {
            let t = Template::get(f);
            for e in &t.equations {
                for c in e.cells() {
                    assert!(t.paths.contains(c), "{c} not in {f}");
                }
            }
        }
    }

    #[test]
    fn every_cell_belongs_to_the_row_its_path_names() {
        for f in Format::ALL {
            let t = Template::get(f);
            assert_eq!(t.row_of.len(), t.paths.len());
            for (p, &r) in t.paths.iter().zip(&t.row_of) {
                assert!(p.starts_with(&format!("{}.", t.rows[r])), "{p}");
            }
            assert_eq!(t.row_len.iter().sum::<usize>(), t.paths.len());
            assert_eq!(
                t.row_len[t.row_of[t.position("t3.new_received.total").unwrap()]],
                7
            );
        }
    }

    #[test]
    fn items_change_is_the_only_signed_column() {
        let t = Template::get(Format::F2019);
        for (p, k) in t.paths.iter().zip(&t.kinds) {
            assert_eq!(
                *k == ValueKind::SignedCount,
                p.ends_with("items_change"),
                "{p}"
            );
        }
    }
}
