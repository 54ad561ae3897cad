//! The equations family: the arithmetic of tables 3 and 4 (`t3.balance`,
//! `t3.outcome_total`, `t3.row_total`, `t4.group_total`), with `cell.blank`
//! for blank cells and `equation.unchecked` for equations not evaluated.

use super::cells::push_grouped;
use super::CellIndex;
use crate::cell::{Cell, CellRef, CellState};
use crate::finding::{Code, Finding, Severity};
use crate::id::CellId;
use crate::joined::joined;
use crate::report::Report;
use crate::template::{Equation, EquationKind, Scope, Template};

/// The outcome of evaluating one equation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evaluation {
    /// Every cell holds a value and the sums agree.
    Holds,
    /// Every cell holds a value and the sums differ: `(sum of lhs, sum of rhs)`.
    Fails(i64, i64),
    /// Every cell holds a value and a sum lies beyond the range of `i64`
    /// (cells near the integer limit): the exact sums, which differ.
    Overflows(i128, i128),
    /// Some cells hold no single value. `blank` lists blank and marked cells,
    /// `unreadable` ambiguous and invalid ones; `zero_holds` says whether the
    /// equation would hold with blanks and marks read as 0 (None when unreadable cells remain).
    Unchecked {
        /// Blank or marked cells.
        blank: Vec<CellId>,
        /// Ambiguous or invalid cells.
        unreadable: Vec<CellId>,
        /// Would it hold with blanks read as 0?
        zero_holds: Option<bool>,
        /// The blanks on the smaller side when it would not: the cells that
        /// probably lack a value.
        suspect: Vec<CellId>,
    },
    /// A cell of the equation is not in the report (its table is absent).
    NotApplicable,
}

/// Evaluates one equation over the report's cells.
pub fn evaluate(eq: &Equation, idx: &CellIndex<'_>) -> Evaluation {
    /// The sum when every cell holds a count: `Err(true)` when a cell is not
    /// in the report, `Err(false)` when one holds no single count.
    fn plain(idx: &CellIndex<'_>, positions: &[usize]) -> Result<i128, bool> {
        // Exact: an i128 holds any sum of the few i64 cells of an equation.
        let mut s: i128 = 0;
        for &i in positions {
            match idx.at(i) {
                Some(CellRef::Count(Cell::Value(v))) => s += i128::from(*v),
                Some(_) => return Err(false),
                None => return Err(true),
            }
        }
        Ok(s)
    }
    let outcome = |l: i128, r: i128| match (i64::try_from(l), i64::try_from(r)) {
        _ if l == r => Evaluation::Holds,
        (Ok(a), Ok(b)) => Evaluation::Fails(a, b),
        _ => Evaluation::Overflows(l, r),
    };
    match (plain(idx, &eq.lhs_pos), plain(idx, &eq.rhs_pos)) {
        (Err(true), _) | (_, Err(true)) => return Evaluation::NotApplicable,
        (Ok(l), Ok(r)) => return outcome(l, r),
        _ => {}
    }
    fn sum(
        idx: &CellIndex<'_>,
        positions: &[usize],
        blank: &mut Vec<CellId>,
        unreadable: &mut Vec<CellId>,
    ) -> Option<i128> {
        let mut s: i128 = 0;
        for &i in positions {
            let c = idx.at(i)?;
            match c {
                CellRef::Count(Cell::Value(v)) => s += i128::from(*v),
                _ => {
                    let p = idx.tpl.ids[i];
                    match c.state() {
                        CellState::Ambiguous
                        | CellState::Invalid
                        | CellState::Unread
                        | CellState::Absent => unreadable.push(p),
                        _ => blank.push(p),
                    }
                }
            }
        }
        Some(s)
    }
    let mut blank = Vec::new();
    let mut unreadable = Vec::new();
    let Some(l) = sum(idx, &eq.lhs_pos, &mut blank, &mut unreadable) else {
        return Evaluation::NotApplicable;
    };
    let lhs_blanks = blank.len();
    let Some(r) = sum(idx, &eq.rhs_pos, &mut blank, &mut unreadable) else {
        return Evaluation::NotApplicable;
    };
    if blank.is_empty() && unreadable.is_empty() {
        outcome(l, r)
    } else {
        let zero_holds = unreadable.is_empty().then_some(l == r);
        // Blanks that could make up the difference: those on the smaller side.
        let suspect = match zero_holds {
            Some(false) if l < r => blank[..lhs_blanks].to_vec(),
            Some(false) => blank[lhs_blanks..].to_vec(),
            _ => Vec::new(),
        };
        Evaluation::Unchecked {
            blank,
            unreadable,
            zero_holds,
            suspect,
        }
    }
}

/// The printed label of an equation's scope (a table 3 column or row, a
/// table 4 group) in `lang`.
fn scope_label(eq: &Equation, lang: &str) -> &'static str {
    match eq.scope {
        Scope::Column(c) => c.label(lang),
        Scope::Row(r) => r.label(lang),
        Scope::Group(g) => g.label(lang),
    }
}

/// What an equation says, in Chinese.
fn equation_zh(eq: &Equation) -> String {
    let scope = scope_label(eq, "zh");
    match eq.kind {
        EquationKind::T3Balance => joined!(
            "表三“",
            scope,
            "”列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度"
        ),
        EquationKind::T3OutcomeTotal => joined!("表三“", scope, "”列：(七)总计 = 各项办理结果之和"),
        EquationKind::T3RowTotal => joined!("表三“", scope, "”行：总计 = 六类申请人之和"),
        EquationKind::T4GroupTotal => joined!(
            "表四“",
            scope,
            "”：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"
        ),
    }
}

/// What an equation says, in English.
fn equation_en(eq: &Equation) -> String {
    let scope = scope_label(eq, "en");
    match eq.kind {
        EquationKind::T3Balance => joined!(
            "table 3, column “",
            scope,
            "”: new requests + carried over = total of outcomes + carried forward"
        ),
        EquationKind::T3OutcomeTotal => joined!(
            "table 3, column “",
            scope,
            "”: total of outcomes = sum of the outcome rows"
        ),
        EquationKind::T3RowTotal => joined!(
            "table 3, row “",
            scope,
            "”: total = sum of the six applicant columns"
        ),
        EquationKind::T4GroupTotal => joined!(
            "table 4, ",
            scope,
            ": total = upheld + corrected + other result + pending"
        ),
    }
}

/// An equation not evaluated, and whether it would hold with blanks read as 0.
type UncheckedItem<'t> = (&'t Equation, Option<bool>);

fn rule_text(kind: EquationKind) -> (&'static str, &'static str) {
    match kind {
        EquationKind::T3Balance => (
            "表三“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”",
            "table 3 balance",
        ),
        EquationKind::T3OutcomeTotal => (
            "表三“(七)总计 = 各项办理结果之和”",
            "table 3 outcome totals",
        ),
        EquationKind::T3RowTotal => ("表三“总计 = 六类申请人之和”", "table 3 row totals"),
        EquationKind::T4GroupTotal => (
            "表四“总计 = 维持 + 纠正 + 其他结果 + 尚未审结”",
            "table 4 group totals",
        ),
    }
}

fn code_of(kind: EquationKind) -> Code {
    match kind {
        EquationKind::T3Balance => Code::T3Balance,
        EquationKind::T3OutcomeTotal => Code::T3OutcomeTotal,
        EquationKind::T3RowTotal => Code::T3RowTotal,
        EquationKind::T4GroupTotal => Code::T4GroupTotal,
    }
}

/// The equations (by index in [`Template::equations`]) that give way to one
/// in which the (六) group total stands for the group's sub-rows: the report
/// prints the total (every cell of the replacing equation is in the report)
/// and the sub-rows are absent from its table.
fn replaced_equations(tpl: &Template, idx: &CellIndex<'_>) -> Vec<usize> {
    let in_report = |pos: &[usize]| pos.iter().all(|&i| idx.at(i).is_some());
    let absent = |pos: &[usize]| {
        pos.iter()
            .any(|&i| idx.at(i).is_some_and(|c| c.state() == CellState::Absent))
    };
    tpl.equations
        .iter()
        .filter_map(|e| {
            let j = e.replaces?;
            let orig = tpl.equations.get(j)?;
            (in_report(&e.lhs_pos) && in_report(&e.rhs_pos) && absent(&orig.lhs_pos)).then_some(j)
        })
        .collect()
}

/// The equations of tables 3 and 4 (`t3.balance`, `t3.outcome_total`,
/// `t3.row_total`, `t4.group_total`), with `cell.blank` for every blank cell
/// and `equation.unchecked` for every equation that could not be evaluated.
pub fn check_equations(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    equations_into(report, idx, &mut out);
    out
}

/// [`check_equations`], appending to `out`.
pub(super) fn equations_into(report: &Report, idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    let tpl = Template::get(report.format());
    let unread = evaluate_all(tpl, idx, out);
    unchecked_notes(unread.unchecked, out);
    blank_findings(tpl, idx, &unread.hiding, out);
}

/// What the evaluation of a report's equations leaves for the notes after it.
struct NotEvaluated<'t> {
    /// Blank cells that would break an equation if read as 0, with that
    /// equation, by template position (empty when there are none).
    hiding: Vec<Option<&'t Equation>>,
    /// Equations not evaluated, by rule: (equation, held if blanks read as 0).
    unchecked: Vec<(EquationKind, Vec<UncheckedItem<'t>>)>,
}

/// Evaluates every equation that applies; a failing one is a finding now,
/// one that cannot be evaluated is kept for the notes.
fn evaluate_all<'t>(
    tpl: &'t Template,
    idx: &CellIndex<'_>,
    out: &mut Vec<Finding>,
) -> NotEvaluated<'t> {
    let mut hiding: Vec<Option<&Equation>> = Vec::new();
    let mut unchecked: Vec<(EquationKind, Vec<UncheckedItem>)> = Vec::new();
    let replaced = replaced_equations(tpl, idx);
    for (k, eq) in tpl.equations.iter().enumerate() {
        if replaced.contains(&k) {
            continue;
        }
        match evaluate(eq, idx) {
            Evaluation::Holds | Evaluation::NotApplicable => {}
            Evaluation::Fails(l, r) => out.push(failure(eq, l, r)),
            Evaluation::Overflows(l, r) => out.push(overflow(eq, l, r)),
            Evaluation::Unchecked {
                zero_holds,
                suspect,
                ..
            } => {
                if zero_holds == Some(false) {
                    for b in suspect {
                        if let Some(i) = tpl.pos(b) {
                            if hiding.is_empty() {
                                hiding.resize(tpl.paths.len(), None);
                            }
                            hiding[i].get_or_insert(eq);
                        }
                    }
                }
                let item = (eq, zero_holds);
                match unchecked.iter_mut().find(|(k, _)| *k == eq.kind) {
                    Some((_, items)) => items.push(item),
                    None => unchecked.push((eq.kind, vec![item])),
                }
            }
        }
    }
    NotEvaluated { hiding, unchecked }
}

/// The finding of an equation that fails, `l` and `r` its two sides.
fn failure(eq: &Equation, l: i64, r: i64) -> Finding {
    let (zh, en) = (equation_zh(eq), equation_en(eq));
    let (ezh, een) = match eq.kind {
        EquationKind::T3Balance => (
            joined!(zh, " 不成立：左边 ", l, "，右边 ", r),
            joined!(en, " fails: left side ", l, ", right side ", r),
        ),
        _ => (
            joined!(zh, " 不成立：各项之和为 ", l, "，总计填写为 ", r),
            joined!(en, " fails: the parts sum to ", l, ", the total says ", r),
        ),
    };
    Finding::new(code_of(eq.kind), eq.anchor(), ezh, een)
        .numbers(l, r)
        .related_cells(eq.cells())
}

/// The finding of an equation whose sums overflow the range of a count.
fn overflow(eq: &Equation, l: i128, r: i128) -> Finding {
    let (zh, en) = (equation_zh(eq), equation_en(eq));
    Finding::new(
        code_of(eq.kind),
        eq.anchor(),
        joined!(
            zh,
            " 不成立：左边之和 ",
            &l.to_string(),
            "，右边 ",
            &r.to_string(),
            "，超出整数范围（溢出），单元格数值过大"
        ),
        joined!(
            en,
            " fails: the left side sums to ",
            &l.to_string(),
            ", the right side to ",
            &r.to_string(),
            ", and the sum overflows the range of a count (cells too large)"
        ),
    )
    .related_cells(eq.cells())
}

/// `equation.unchecked`: one note per rule naming the equations it could not check.
fn unchecked_notes(unchecked: Vec<(EquationKind, Vec<UncheckedItem<'_>>)>, out: &mut Vec<Finding>) {
    for (kind, items) in unchecked {
        let (zh, en) = rule_text(kind);
        let list = |items: &[UncheckedItem], lang: &str| -> String {
            let mut v: Vec<&str> = items
                .iter()
                .take(12)
                .map(|i| scope_label(i.0, lang))
                .collect();
            if items.len() > 12 {
                v.push("…");
            }
            v.join(if lang == "en" { ", " } else { "、" })
        };
        let failing: Vec<UncheckedItem> = items
            .iter()
            .filter(|i| i.1 == Some(false))
            .cloned()
            .collect();
        let tail_zh = if failing.is_empty() {
            String::new()
        } else {
            joined!("；其中空白按 0 计算时不成立：", list(&failing, "zh"))
        };
        let tail_en = if failing.is_empty() {
            String::new()
        } else {
            joined!("; read as 0, blanks break: ", list(&failing, "en"))
        };
        let (named_zh, named_en) = (list(&items, "zh"), list(&items, "en"));
        let table = if kind == EquationKind::T4GroupTotal {
            "t4"
        } else {
            "t3"
        };
        out.push(
            Finding::new(
                Code::EquationUnchecked,
                table,
                joined!(
                    zh,
                    "：",
                    items.len(),
                    " 处涉及空白、不适用或无法确定的单元格，未校验（",
                    &named_zh,
                    "）",
                    tail_zh
                ),
                joined!(
                    en,
                    ": ",
                    items.len(),
                    " not checked, they involve blank, not-applicable or ambiguous cells (",
                    &named_en,
                    ")",
                    tail_en
                ),
            )
            .related_cells(items.iter().map(|i| i.0.anchor())),
        );
    }
}

/// `cell.blank`: each blank cell reported once; a warning on its own when it
/// may hide a value (`hiding`), else one note per row.
fn blank_findings(
    tpl: &Template,
    idx: &CellIndex<'_>,
    hiding: &[Option<&Equation>],
    out: &mut Vec<Finding>,
) {
    let mut quiet: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, path) in tpl.paths.iter().enumerate() {
        if !matches!(
            idx.at(i),
            Some(CellRef::Count(Cell::Blank) | CellRef::Money(Cell::Blank))
        ) {
            continue;
        }
        match hiding.get(i).copied().flatten() {
            Some(eq) => out.push(
                Finding::new(
                    Code::CellBlank,
                    path.clone(),
                    joined!(
                        &tpl.ids[i].label("zh"),
                        "为空白；按 0 计算时相关等式不成立，可能漏填"
                    ),
                    joined!(
                        &tpl.ids[i].label("en"),
                        " is blank; read as 0 it breaks an equation (",
                        equation_en(eq),
                        "): a value may be missing"
                    ),
                )
                .severity(Severity::Warning),
            ),
            None => push_grouped(&mut quiet, tpl.row_of[i], i),
        }
    }
    for (row, cells) in quiet {
        let row_id = tpl.rows[row];
        let row = row_id.path();
        let columns = |lang: &str| {
            let mut cols = String::with_capacity(cells.len() * 16);
            for (k, &i) in cells.iter().enumerate() {
                if k > 0 {
                    cols.push_str(if lang == "en" { ", " } else { "、" });
                }
                cols.push_str(tpl.ids[i].column_label(lang));
            }
            cols
        };
        let f = if cells.len() == 1 {
            let id = tpl.ids[cells[0]];
            Finding::new(
                Code::CellBlank,
                tpl.paths[cells[0]].clone(),
                joined!(&id.label("zh"), "为空白（不等于 0）"),
                joined!(&id.label("en"), " is blank (not the same as 0)"),
            )
        } else {
            Finding::new(
                Code::CellBlank,
                row.clone(),
                joined!(
                    &row_id.named("zh"),
                    "有 ",
                    cells.len(),
                    " 个空白单元格（不等于 0）：",
                    &columns("zh")
                ),
                joined!(
                    &row_id.named("en"),
                    " has ",
                    cells.len(),
                    " blank cells (not the same as 0): ",
                    &columns("en")
                ),
            )
            .related(cells.iter().map(|&i| tpl.paths[i].clone()).collect())
        };
        out.push(f);
    }
}
