//! The templates as data: rows, columns and the equations of each format.
//!
//! Everything here is derived from the typed schema (so nothing restates it)
//! and built once per process.

use crate::cell::{CellMut, CellRef, ValueKind};
use crate::id::{CellId, RowId, T2Col, T3Row};
use crate::schema::{Format, T2Row, T3Col, T4Col, T4Group, Tables};
use crate::tree::Node;
use std::fmt;
use std::sync::OnceLock;

/// The (六)其他处理 group's total in the 2021 format: a row the national format
/// does not have, present only when a report prints the group as one row, the
/// 2019 way, without its sub-rows (see [`crate::Extra`]).
pub const OTHER_TOTAL_ROW: T3Row = T3Row::OtherTotal;

/// The cells that play a part the rules and the prose claims name, per
/// format: one table per format in place of 2019/2021 branches where the
/// formats differ only in which cell plays the part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles {
    /// Documents (规章, 规范性文件) made this year: 2021 本年制发件数, 2019 本年新制作数量.
    pub documents_made: T2Col,
    /// The documents counted as a stock: 2021 现行有效件数, 2019 对外公开总数量.
    pub documents_stock: T2Col,
    /// What adds to the stock from one year's report to the next: 2021
    /// 本年制发件数, 2019 本年新公开数量.
    pub documents_added: T2Col,
    /// What removes from the stock: 2021 本年废止件数; the 2019 format has none.
    pub documents_removed: Option<T2Col>,
    /// The rows of (六)其他处理 in the national format: the one row of
    /// 2019, the three of 2021.
    pub other_rows: &'static [T3Row],
    /// The row of requests ended for fees not paid: 2021 (六) 2.; the 2019
    /// format has none.
    pub unpaid_fee_row: Option<T3Row>,
    /// Does section 六 report the information processing fees charged (the
    /// 2021 template asks for it; the 2019 one does not)?
    pub fee_statement: bool,
}

impl Roles {
    /// The roles in a format.
    pub const fn of(format: Format) -> &'static Roles {
        use crate::schema::OtherReason as O;
        const F2021: Roles = Roles {
            documents_made: T2Col::Issued,
            documents_stock: T2Col::InForce,
            documents_added: T2Col::Issued,
            documents_removed: Some(T2Col::Abolished),
            other_rows: &[
                T3Row::OtherSub(O::NoCorrection),
                T3Row::OtherSub(O::UnpaidFee),
                T3Row::OtherSub(O::Other),
            ],
            unpaid_fee_row: Some(T3Row::OtherSub(O::UnpaidFee)),
            fee_statement: true,
        };
        const F2019: Roles = Roles {
            documents_made: T2Col::Made,
            documents_stock: T2Col::PublishedTotal,
            documents_added: T2Col::Published,
            documents_removed: None,
            other_rows: &[T3Row::Other],
            unpaid_fee_row: None,
            fee_statement: false,
        };
        match format {
            Format::F2021 => &F2021,
            Format::F2019 => &F2019,
        }
    }
}

/// Table 2's rows of documents: 规章 and 规范性文件.
pub const DOCUMENT_ROWS: [T2Row; 2] = [T2Row::Regulations, T2Row::NormativeDocuments];

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
    pub scope: Scope,
    /// The parts.
    pub lhs: Vec<CellId>,
    /// The total(s).
    pub rhs: Vec<CellId>,
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
    pub fn anchor(&self) -> CellId {
        match self.kind {
            EquationKind::T3Balance => self.rhs[1],
            _ => self.rhs[0],
        }
    }
    /// Every cell of the equation.
    pub fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        self.lhs.iter().chain(self.rhs.iter()).copied()
    }
}

/// What an equation is about: a column of table 3 (its balance and outcome
/// sums), a row of table 3 (its row total) or a group of table 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A column of table 3.
    Column(T3Col),
    /// A row of table 3.
    Row(T3Row),
    /// A group of table 4.
    Group(T4Group),
}

impl Scope {
    /// The key as paths write it (`natural_person`, `outcome.disclosed`, `review`).
    pub fn key(self) -> &'static str {
        match self {
            Scope::Column(c) => c.key(),
            Scope::Row(r) => r.path(),
            Scope::Group(g) => g.key(),
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

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
    /// The id of each cell (same order as `paths`).
    pub ids: Vec<CellId>,
    /// Table 3 rows (`new_received`, `outcome.withheld.state_secret`, …), in order.
    pub t3_rows: Vec<T3Row>,
    /// The outcome rows that sum to `outcome.total`: the national format's
    /// (not [`OTHER_TOTAL_ROW`], which stands for three of them).
    pub outcome_rows: Vec<T3Row>,
    /// Table 2 rows (`regulations`, `licensing`, …), in order, with their columns.
    pub t2_rows: Vec<(T2Row, Vec<T2Col>)>,
    /// All equations.
    pub equations: Vec<Equation>,
    /// The template positions of each table 3 row's cells (same order as `t3_rows`).
    pub t3_row_cells: Vec<Vec<usize>>,
    /// The template positions of each table 2 row's cells (same order as `t2_rows`).
    pub t2_row_cells: Vec<Vec<usize>>,
    /// The template positions of table 4's fifteen cells.
    pub t4_cells: Vec<usize>,
    /// Every row (`t3.new_received`, `t2.regulations`, `t4.review`:
    /// a cell's path without its column), in order.
    pub rows: Vec<RowId>,
    /// The row of each cell: an index into `rows` (same order as `paths`).
    pub row_of: Vec<usize>,
    /// The number of cells of each row (same order as `rows`).
    pub row_len: Vec<usize>,
    /// Position of each cell in `paths`, by [`CellId::ordinal`].
    index: Vec<Option<u16>>,
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
        self.pos(CellId::parse(path)?)
    }

    /// The position of a cell in [`Template::paths`], if the format has it.
    pub fn pos(&self, id: CellId) -> Option<usize> {
        self.index[id.ordinal()].map(usize::from)
    }

    /// Does the format have this cell?
    pub fn has(&self, id: CellId) -> bool {
        self.pos(id).is_some()
    }

    fn build(format: Format) -> Template {
        let full = Tables::empty(format).with_extras();
        let mut paths = Vec::new();
        let mut money = Vec::new();
        full.visit(&mut |p, c| {
            paths.push(p.to_string());
            money.push(matches!(c, CellRef::Money(_)));
        });
        // Every path the schema declares has its typed id (a test checks
        // that ids and paths agree both ways).
        let ids: Vec<CellId> = paths
            .iter()
            .map(|p| CellId::parse(p).unwrap_or_else(|| unreachable!("no id for {p}")))
            .collect();
        let kinds = ids
            .iter()
            .zip(money)
            .map(|(id, money)| match id {
                _ if money => ValueKind::Money,
                // 2019's 本年增/减 may fall.
                CellId::T2(_, T2Col::ItemsChange) => ValueKind::SignedCount,
                _ => ValueKind::Count,
            })
            .collect();
        let mut index = vec![None; CellId::COUNT];
        for (i, id) in ids.iter().enumerate() {
            index[id.ordinal()] = u16::try_from(i).ok();
        }
        let mut t3_rows: Vec<T3Row> = Vec::new();
        let mut t2_rows: Vec<(T2Row, Vec<T2Col>)> = Vec::new();
        let mut rows: Vec<RowId> = Vec::new();
        let mut row_of = Vec::with_capacity(ids.len());
        let mut row_len: Vec<usize> = Vec::new();
        for &id in &ids {
            match id {
                CellId::T3(r, _) if t3_rows.last() != Some(&r) => t3_rows.push(r),
                CellId::T2(r, c) => match t2_rows.last_mut() {
                    Some((last, cols)) if *last == r => cols.push(c),
                    _ => t2_rows.push((r, vec![c])),
                },
                _ => {}
            }
            if rows.last() != Some(&id.row()) {
                rows.push(id.row());
                row_len.push(0);
            }
            row_of.push(rows.len() - 1);
            if let Some(n) = row_len.last_mut() {
                *n += 1;
            }
        }
        let outcome_rows: Vec<T3Row> = t3_rows
            .iter()
            .copied()
            .filter(|r| r.is_outcome_part())
            .collect();
        let pos = |id: CellId| {
            index[id.ordinal()]
                .map(usize::from)
                .unwrap_or_else(|| unreachable!("{id} not in {format}"))
        };
        let mut equations = equations(&t3_rows, &outcome_rows);
        for eq in &mut equations {
            eq.lhs_pos = eq.lhs.iter().map(|&c| pos(c)).collect();
            eq.rhs_pos = eq.rhs.iter().map(|&c| pos(c)).collect();
        }
        let t3_row_cells = t3_rows
            .iter()
            .map(|r| T3Col::ALL.iter().map(|&c| pos(r.cell(c))).collect())
            .collect();
        let t2_row_cells = t2_rows
            .iter()
            .map(|(r, cols)| cols.iter().map(|&c| pos(r.cell(c))).collect())
            .collect();
        let t4_cells = T4Group::ALL
            .iter()
            .flat_map(|&g| T4Col::ALL.iter().map(move |&c| g.cell(c)))
            .map(pos)
            .collect();
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
            ids,
            t3_rows,
            outcome_rows,
            t2_rows,
            equations,
        }
    }
}

/// A format's equations, from its table 3 rows.
fn equations(t3_rows: &[T3Row], outcome_rows: &[T3Row]) -> Vec<Equation> {
    let eq = |kind, scope, lhs, rhs| Equation {
        kind,
        scope,
        lhs,
        rhs,
        lhs_pos: Vec::new(),
        rhs_pos: Vec::new(),
        replaces: None,
    };
    let mut equations = Vec::new();
    for &c in T3Col::ALL {
        equations.push(eq(
            EquationKind::T3Balance,
            Scope::Column(c),
            vec![T3Row::NewReceived.cell(c), T3Row::CarriedOver.cell(c)],
            vec![T3Row::Total.cell(c), T3Row::CarriedForward.cell(c)],
        ));
    }
    for &c in T3Col::ALL {
        equations.push(eq(
            EquationKind::T3OutcomeTotal,
            Scope::Column(c),
            outcome_rows.iter().map(|r| r.cell(c)).collect(),
            vec![T3Row::Total.cell(c)],
        ));
    }
    // The same sums with the (六) group total in place of its sub-rows.
    if t3_rows.contains(&OTHER_TOTAL_ROW) {
        let first = equations.len() - T3Col::ALL.len();
        for (k, &c) in T3Col::ALL.iter().enumerate() {
            let mut lhs = Vec::with_capacity(outcome_rows.len());
            for r in outcome_rows {
                match r {
                    T3Row::OtherSub(s) if s.index() == 0 => lhs.push(OTHER_TOTAL_ROW.cell(c)),
                    T3Row::OtherSub(_) => {}
                    r => lhs.push(r.cell(c)),
                }
            }
            let mut e = eq(
                EquationKind::T3OutcomeTotal,
                Scope::Column(c),
                lhs,
                vec![T3Row::Total.cell(c)],
            );
            e.replaces = Some(first + k);
            equations.push(e);
        }
    }
    for &r in t3_rows {
        equations.push(eq(
            EquationKind::T3RowTotal,
            Scope::Row(r),
            T3Col::APPLICANTS.iter().map(|&c| r.cell(c)).collect(),
            vec![r.cell(T3Col::Total)],
        ));
    }
    for &g in T4Group::ALL {
        equations.push(eq(
            EquationKind::T4GroupTotal,
            Scope::Group(g),
            T4Col::PARTS.iter().map(|&c| g.cell(c)).collect(),
            vec![g.cell(T4Col::Total)],
        ));
    }
    equations
}

impl Tables {
    /// The cell `id` (`None` when the format lacks it, or its table or part
    /// is absent), found by its template position: no path is spelt or read.
    pub fn cell(&self, id: CellId) -> Option<CellRef<'_>> {
        let pos = Template::get(self.format()).pos(id)?;
        match self {
            Tables::F2021(x) => x.cell_at(pos),
            Tables::F2019(x) => x.cell_at(pos),
        }
    }
    /// The mutable cell `id`. Asking for a cell of an absent
    /// [`crate::Extra`] part makes the part present (its cells blank), as
    /// [`Tables::get_mut`] does.
    pub fn cell_mut(&mut self, id: CellId) -> Option<CellMut<'_>> {
        let pos = Template::get(self.format()).pos(id)?;
        match self {
            Tables::F2021(x) => x.cell_at_mut(pos),
            Tables::F2019(x) => x.cell_at_mut(pos),
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
            let Scope::Column(c) = v.scope else {
                panic!("{:?}", v.scope)
            };
            assert!(v.lhs.contains(&OTHER_TOTAL_ROW.cell(c)));
            assert!(!v
                .lhs
                .iter()
                .any(|p| matches!(p, CellId::T3(T3Row::OtherSub(_), _))));
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
    fn the_tables_count_their_cells_as_the_template_lists_them() {
        for f in Format::ALL {
            let mut tables = Tables::empty(f);
            assert_eq!(tables.cell_count(), Template::get(f).paths.len());
            assert_eq!(tables.cells().len(), tables.cell_count());
            tables.set_present(crate::schema::TableId::T3, false);
            assert_eq!(tables.cells().len(), tables.cell_count());
            assert_eq!(tables.cells_mut().len(), tables.cell_count());
        }
    }

    #[test]
    fn every_equation_names_cells_of_its_format() {
        for f in Format::ALL {
            let t = Template::get(f);
            for e in &t.equations {
                for c in e.cells() {
                    assert!(t.paths.contains(&c.to_string()), "{c} not in {f}");
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
                assert_eq!(t.ids[t.position(p).unwrap()].row(), t.rows[r]);
            }
            assert_eq!(t.row_len.iter().sum::<usize>(), t.paths.len());
            assert_eq!(
                t.row_len[t.row_of[t.position("t3.new_received.total").unwrap()]],
                7
            );
        }
    }

    #[test]
    fn every_role_names_cells_of_its_format() {
        for f in Format::ALL {
            let (t, r) = (Template::get(f), Roles::of(f));
            let cols = [r.documents_made, r.documents_stock, r.documents_added]
                .into_iter()
                .chain(r.documents_removed);
            for c in cols {
                for row in DOCUMENT_ROWS {
                    assert!(t.has(row.cell(c)), "{f}: {row} {c}");
                }
            }
            for &row in r.other_rows {
                assert!(
                    t.t3_rows.contains(&row) && row.is_outcome_part(),
                    "{f}: {row}"
                );
            }
            let others = t
                .outcome_rows
                .iter()
                .filter(|r| matches!(r, T3Row::Other | T3Row::OtherSub(_)))
                .count();
            assert_eq!(others, r.other_rows.len());
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
