//! Every reviewer's rule, each a pure function over a report.
//!
//! [`validate`] runs them all. Blank cells are reported once (`cell.blank`);
//! an equation that involves a blank, a mark, an ambiguous or an invalid cell
//! is not evaluated, and an `equation.unchecked` note says so.

use crate::cat::cat;
use crate::cell::{Cell, CellRef, CellState, ValueKind};
use crate::finding::{Code, Finding, Severity};
use crate::id::{CellId, T2Col, T3Row};
use crate::labels::label_or_path;
use crate::prose;
use crate::review;
use crate::schema::{Format, Report, TableId, SECTIONS};
use crate::schema::{OtherReason, T2Row, T3Col};
use crate::template::{Equation, EquationKind, Scope, Template};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// Counts above this are not plausible for one agency in one year.
pub const MAX_COUNT: i64 = 1_000_000_000;

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
    cells_into(report, &idx, &mut out);
    equations_into(report, &idx, &mut out);
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

/// `table.absent`: each absent table.
pub fn check_tables_present(report: &Report) -> Vec<Finding> {
    TableId::ALL
        .iter()
        .filter(|t| !report.tables.present(**t))
        .map(|t| {
            Finding::new(
                Code::TableAbsent,
                t.key(),
                cat!("缺少表", &t.key()[1..], "：无法核对该表数据（表格缺失不等于全部为 0）"),
                cat!(
                    "Table ",
                    &t.key()[1..],
                    " is absent: its figures cannot be checked (an absent table is not a table of zeros)"
                ),
            )
        })
        .collect()
}

fn fmt_dec(d: &Decimal) -> String {
    d.to_string()
}

/// `cell.mark`, `cell.ambiguous`, `cell.invalid`, `cell.inferred` for each cell.
/// (`cell.blank` comes with the equations, which decide its severity.)
pub fn check_cells(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    cells_into(report, idx, &mut out);
    out
}

/// [`check_cells`], appending to `out`.
fn cells_into<'a>(report: &'a Report, idx: &CellIndex<'a>, out: &mut Vec<Finding>) {
    let tpl = Template::get(report.format());
    // Whole rows that could not be read at all (one finding each) come
    // first, then the findings of single cells, in template order.
    let mut single = Vec::new();
    // The reason a cell is unread or absent.
    let missing = |c: &Option<CellRef<'a>>| -> Option<(Code, &'a str)> {
        fn why<T>(c: &Cell<T>) -> Option<(Code, &str)> {
            match c {
                Cell::Unread(w) => Some((Code::CellUnread, w)),
                Cell::Absent(w) => Some((Code::CellAbsent, w)),
                _ => None,
            }
        }
        match c {
            Some(CellRef::Count(c)) => why(c),
            Some(CellRef::Money(c)) => why(c),
            None => None,
        }
    };
    // The cells of a row are consecutive, rows in template order.
    let mut start = 0;
    for (r, &len) in tpl.row_len.iter().enumerate() {
        let range = start..start + len;
        start += len;
        let cells = &idx.cells[range.clone()];
        let first = cells.first().and_then(&missing);
        if let Some((code, why)) =
            first.filter(|f| len > 1 && cells.iter().all(|c| missing(c) == Some(*f)))
        {
            let row = tpl.rows[r].to_string();
            out.push(missing_finding(code, &row, why, true).related(tpl.paths[range].to_vec()));
            continue;
        }
        for (i, cell) in range.zip(cells) {
            let Some(cell) = cell else { continue };
            let path = &tpl.paths[i];
            match cell {
                CellRef::Count(c) => match c {
                    Cell::Value(v) => {
                        if *v < 0 && tpl.kinds[i] != ValueKind::SignedCount {
                            single.push(invalid_finding(
                                path,
                                &v.to_string(),
                                "件数不能为负",
                                "a count cannot be negative",
                            ));
                        } else if v.abs() > MAX_COUNT {
                            single.push(invalid_finding(
                                path,
                                &v.to_string(),
                                "超出合理范围",
                                "is out of any plausible range",
                            ));
                        }
                    }
                    Cell::Blank => {}
                    Cell::Mark(g) => single.push(mark_finding(path, g)),
                    Cell::Ambiguous(cands) => single.push(ambiguous_finding(
                        path,
                        &cands.iter().map(|c| cat!(*c)).collect::<Vec<_>>(),
                    )),
                    Cell::Invalid(raw) if too_large(raw) => single.push(invalid_finding(
                        path,
                        raw,
                        "数值过大，超出整数范围",
                        "is too large: beyond the range of a count",
                    )),
                    Cell::Invalid(raw) => single.push(invalid_finding(
                        path,
                        raw,
                        "不是有效的整数",
                        "is not a whole number",
                    )),
                    Cell::Unread(why) => {
                        single.push(missing_finding(Code::CellUnread, path, why, false))
                    }
                    Cell::Absent(why) => {
                        single.push(missing_finding(Code::CellAbsent, path, why, false))
                    }
                },
                CellRef::Money(c) => match c {
                    Cell::Mark(g) => single.push(mark_finding(path, g)),
                    Cell::Ambiguous(cands) => single.push(ambiguous_finding(
                        path,
                        &cands.iter().map(fmt_dec).collect::<Vec<_>>(),
                    )),
                    Cell::Invalid(raw) if too_large(raw) => single.push(invalid_finding(
                        path,
                        raw,
                        "数值过大，超出金额范围",
                        "is too large: beyond the range of an amount",
                    )),
                    Cell::Invalid(raw) => single.push(invalid_finding(
                        path,
                        raw,
                        "不是有效的金额",
                        "is not a valid amount",
                    )),
                    Cell::Unread(why) => {
                        single.push(missing_finding(Code::CellUnread, path, why, false))
                    }
                    Cell::Absent(why) => {
                        single.push(missing_finding(Code::CellAbsent, path, why, false))
                    }
                    Cell::Value(v) if v.is_sign_negative() && !v.is_zero() => {
                        single.push(invalid_finding(
                            path,
                            &fmt_dec(v),
                            "金额不能为负",
                            "an amount cannot be negative",
                        ))
                    }
                    _ => {}
                },
            }
        }
    }
    out.append(&mut single);
    // Values inferred from concatenated digits: one note per row (rows
    // that could not be read hold no values).
    if report.sources.values().any(|s| s.inferred) {
        let mut inferred: Vec<(usize, Vec<String>)> = Vec::new();
        for (i, path) in tpl.paths.iter().enumerate() {
            if idx.at(i).is_some_and(|c| c.state() == CellState::Value)
                && report.sources.get(path).is_some_and(|s| s.inferred)
            {
                push_grouped(&mut inferred, tpl.row_of[i], path.clone());
            }
        }
        for (r, cells) in inferred {
            let row = tpl.rows[r].to_string();
            out.push(
                Finding::new(
                    Code::CellInferred,
                    row.clone(),
                    cat!(
                        &label_or_path(&row, "zh"),
                        "的 ",
                        cells.len(),
                        " 个数值由连写数字按勾稽关系唯一推定"
                    ),
                    cat!(
                        &label_or_path(&row, "en"),
                        ": ",
                        cells.len(),
                        " values inferred, the only split of the concatenated digits that satisfies the rules"
                    ),
                )
                .related(cells),
            );
        }
    }
}

/// Appends `item` to the group of `row`, or starts the row's group: cells come
/// in template order, so the cells of a row are consecutive.
fn push_grouped<T>(groups: &mut Vec<(usize, Vec<T>)>, row: usize, item: T) {
    match groups.last_mut() {
        Some((r, items)) if *r == row => items.push(item),
        _ => {
            // Room for a whole row (the widest has eight cells).
            let mut items = Vec::with_capacity(8);
            items.push(item);
            groups.push((row, items));
        }
    }
}

fn mark_finding(path: &str, glyph: &str) -> Finding {
    Finding::new(
        Code::CellMark,
        path,
        cat!(
            &label_or_path(path, "zh"),
            "填写为“",
            glyph,
            "”（不适用），按 0 以外的情形处理"
        ),
        format!(
            "{} holds the not-applicable mark {glyph:?}",
            label_or_path(path, "en")
        ),
    )
}

fn ambiguous_finding(path: &str, cands: &[String]) -> Finding {
    let (zh, en) = (label_or_path(path, "zh"), label_or_path(path, "en"));
    if cands.is_empty() {
        return Finding::new(
            Code::CellAmbiguous,
            path,
            cat!(&zh, "无法从文本唯一确定，候选值未知"),
            cat!(
                &en,
                " cannot be read uniquely from the text; candidates unknown"
            ),
        );
    }
    let list = cands.join(", ");
    Finding::new(
        Code::CellAmbiguous,
        path,
        cat!(&zh, "无法唯一确定，候选值：", &list),
        cat!(&en, " cannot be read uniquely; candidates: ", &list),
    )
}

/// Is the text of an invalid cell a well-formed number that is too large
/// to hold (digits, maybe a sign and a point: `99999999999999999999999`)?
fn too_large(raw: &str) -> bool {
    let t: String = raw.trim().chars().map(crate::text::fold_char).collect();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(&t);
    let int = digits.split_once('.').map_or(digits, |(i, f)| {
        if f.bytes().all(|b| b.is_ascii_digit()) {
            i
        } else {
            ""
        }
    });
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && int.trim_start_matches('0').len() >= 19
}

/// `cell.unread` or `cell.absent` for a cell, or for a whole row (`row`).
fn missing_finding(code: Code, path: &str, why: &str, row: bool) -> Finding {
    let (zh, en) = (label_or_path(path, "zh"), label_or_path(path, "en"));
    let (what_zh, what_en) = match (code, row) {
        (Code::CellAbsent, true) => (
            "整行在本报告的表格中不存在（不等于 0）",
            " does not exist in the report's table (which is not 0)",
        ),
        (Code::CellAbsent, false) => (
            "在本报告的表格中不存在（不等于 0）",
            " does not exist in the report's table (which is not 0)",
        ),
        (_, true) => (
            "整行无法从文本读出，数值未知",
            " could not be read from the text: its values are unknown",
        ),
        _ => (
            "无法从文本读出，数值未知",
            " could not be read from the text: its value is unknown",
        ),
    };
    let why_zh = if code == Code::CellUnread {
        crate::cell::unread_reason_zh(why)
    } else if why == crate::cell::ABSENT_OTHER_AS_ONE_ROW {
        "表格把“（六）其他处理”印为一行，没有 1.–3. 分项".to_string()
    } else {
        why.to_string()
    };
    Finding::new(
        code,
        path,
        cat!(&zh, what_zh, "：", &why_zh),
        cat!(&en, what_en, ": ", why),
    )
}

fn invalid_finding(path: &str, raw: &str, zh: &str, en: &str) -> Finding {
    Finding::new(
        Code::CellInvalid,
        path,
        cat!(&label_or_path(path, "zh"), "的值“", raw, "”", zh),
        format!("{} holds {raw:?}, which {en}", label_or_path(path, "en")),
    )
}

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
        EquationKind::T3Balance => cat!(
            "表三“",
            scope,
            "”列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度"
        ),
        EquationKind::T3OutcomeTotal => cat!("表三“", scope, "”列：(七)总计 = 各项办理结果之和"),
        EquationKind::T3RowTotal => cat!("表三“", scope, "”行：总计 = 六类申请人之和"),
        EquationKind::T4GroupTotal => cat!(
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
        EquationKind::T3Balance => cat!(
            "table 3, column “",
            scope,
            "”: new requests + carried over = total of outcomes + carried forward"
        ),
        EquationKind::T3OutcomeTotal => cat!(
            "table 3, column “",
            scope,
            "”: total of outcomes = sum of the outcome rows"
        ),
        EquationKind::T3RowTotal => cat!(
            "table 3, row “",
            scope,
            "”: total = sum of the six applicant columns"
        ),
        EquationKind::T4GroupTotal => cat!(
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
fn equations_into(report: &Report, idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    let tpl = Template::get(report.format());
    // Blank cells that would break an equation if read as 0, with that equation.
    // By template position; made at the first such cell.
    let mut hiding: Vec<Option<&Equation>> = Vec::new();
    // Equations not evaluated, by rule: (equation, held if blanks read as 0).
    let mut unchecked: Vec<(EquationKind, Vec<UncheckedItem>)> = Vec::new();
    let replaced = replaced_equations(tpl, idx);
    for (k, eq) in tpl.equations.iter().enumerate() {
        if replaced.contains(&k) {
            continue;
        }
        let evaluation = evaluate(eq, idx);
        match evaluation {
            Evaluation::Holds | Evaluation::NotApplicable => {}
            Evaluation::Fails(l, r) => {
                let (zh, en) = (equation_zh(eq), equation_en(eq));
                let (ezh, een) = match eq.kind {
                    EquationKind::T3Balance => (
                        cat!(zh, " 不成立：左边 ", l, "，右边 ", r),
                        cat!(en, " fails: left side ", l, ", right side ", r),
                    ),
                    _ => (
                        cat!(zh, " 不成立：各项之和为 ", l, "，总计填写为 ", r),
                        cat!(en, " fails: the parts sum to ", l, ", the total says ", r),
                    ),
                };
                out.push(
                    Finding::new(code_of(eq.kind), eq.anchor(), ezh, een)
                        .numbers(l, r)
                        .related_cells(eq.cells()),
                );
            }
            Evaluation::Overflows(l, r) => {
                let (zh, en) = (equation_zh(eq), equation_en(eq));
                out.push(
                    Finding::new(
                        code_of(eq.kind),
                        eq.anchor(),
                        cat!(
                            zh,
                            " 不成立：左边之和 ",
                            &l.to_string(),
                            "，右边 ",
                            &r.to_string(),
                            "，超出整数范围（溢出），单元格数值过大"
                        ),
                        cat!(
                            en,
                            " fails: the left side sums to ",
                            &l.to_string(),
                            ", the right side to ",
                            &r.to_string(),
                            ", and the sum overflows the range of a count (cells too large)"
                        ),
                    )
                    .related_cells(eq.cells()),
                );
            }
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
    // One note per rule naming the equations it could not check.
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
            cat!("；其中空白按 0 计算时不成立：", list(&failing, "zh"))
        };
        let tail_en = if failing.is_empty() {
            String::new()
        } else {
            cat!("; read as 0, blanks break: ", list(&failing, "en"))
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
                cat!(
                    zh,
                    "：",
                    items.len(),
                    " 处涉及空白、不适用或无法确定的单元格，未校验（",
                    &named_zh,
                    "）",
                    tail_zh
                ),
                cat!(
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
    // Blank cells: each reported once; a warning on its own when it may hide a
    // value, else one note per row.
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
                    cat!(
                        &label_or_path(path, "zh"),
                        "为空白；按 0 计算时相关等式不成立，可能漏填"
                    ),
                    cat!(
                        &label_or_path(path, "en"),
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
        let row = tpl.rows[row].to_string();
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
            let path = &tpl.paths[cells[0]];
            Finding::new(
                Code::CellBlank,
                path.clone(),
                cat!(&label_or_path(path, "zh"), "为空白（不等于 0）"),
                cat!(&label_or_path(path, "en"), " is blank (not the same as 0)"),
            )
        } else {
            Finding::new(
                Code::CellBlank,
                row.clone(),
                cat!(
                    &label_or_path(&row, "zh"),
                    "有 ",
                    cells.len(),
                    " 个空白单元格（不等于 0）：",
                    &columns("zh")
                ),
                cat!(
                    &label_or_path(&row, "en"),
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

/// `t2.issued_vs_in_force` (2021 format): issued ≤ in_force + abolished.
pub fn check_t2(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    if report.format() != Format::F2021 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in [T2Row::Regulations, T2Row::NormativeDocuments] {
        let p = |c: T2Col| row.cell(c);
        let (Some(issued), Some(abolished), Some(in_force)) = (
            idx.count(p(T2Col::Issued)),
            idx.count(p(T2Col::Abolished)),
            idx.count(p(T2Col::InForce)),
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
                    p(T2Col::Issued),
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
                .related_cells([p(T2Col::Abolished), p(T2Col::InForce)]),
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
    let cols: &[T2Col] = match report.format() {
        Format::F2021 => &[T2Col::Issued, T2Col::InForce],
        Format::F2019 => &[T2Col::Made, T2Col::PublishedTotal],
    };
    cols.iter()
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

/// `format.year_mismatch`: 2021 or later must use the 2021 tables (and 2019–2020 the 2019 ones).
pub fn check_format_year(report: &Report) -> Vec<Finding> {
    let Some(year) = report.meta.year.filter(|_| report.format_known) else {
        return Vec::new();
    };
    let expected = if year >= 2021 {
        Format::F2021
    } else {
        Format::F2019
    };
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
        i64::from(expected.as_str().parse::<i32>().unwrap_or(0)),
        i64::from(report.format().as_str().parse::<i32>().unwrap_or(0)),
    )]
}

/// Placeholder texts that mean a section says nothing.
const PLACEHOLDERS: [&str; 8] = ["无", "暂无", "略", "空", "无。", "/", "-", "—"];

/// The first characters of `s` that are not spaces or punctuation (enough to
/// tell a placeholder from a text).
fn strip_noise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '、' | '，' | ',' | '#' | '*'))
        .take(8)
        .collect()
}

/// Is a section's text empty or a bare placeholder ("无", "暂无", "/")?
pub fn is_placeholder(text: &str) -> bool {
    let core = strip_noise(text);
    core.is_empty() || PLACEHOLDERS.contains(&core.as_str())
}

/// `section.missing` and `section.empty`.
pub fn check_sections(report: &Report) -> Vec<Finding> {
    let s = &report.sections;
    let all_missing = SECTIONS.iter().all(|(k, _)| matches!(s.get(k), Some(None)));
    if all_missing {
        return vec![Finding::new(
            Code::SectionMissing,
            "sections",
            "未提供任何章节正文，未核对章节和正文数字".to_string(),
            "No section texts were given: sections and figures in the prose were not checked"
                .to_string(),
        )
        .severity(Severity::Info)];
    }
    let mut out = Vec::new();
    for (key, heading) in SECTIONS {
        // Sections 二–四 of the national format are their tables: a section
        // whose table is there is neither missing nor empty without text.
        let table = match key {
            "proactive" => Some(TableId::T2),
            "requests" => Some(TableId::T3),
            "review_litigation" => Some(TableId::T4),
            _ => None,
        };
        if table.is_some_and(|t| report.tables.present(t))
            && s.get(key)
                .is_some_and(|t| t.as_deref().is_none_or(is_placeholder))
        {
            continue;
        }
        match s.get(key) {
            Some(None) => out.push(Finding::new(
                Code::SectionMissing,
                cat!("sections.", key),
                cat!("缺少章节“", heading, "”"),
                cat!("section ", key, " (", heading, ") is missing"),
            )),
            Some(Some(text)) => {
                let core = strip_noise(text);
                if is_placeholder(text) {
                    let sev = if key == "other" && !core.is_empty() {
                        Severity::Info
                    } else {
                        Severity::Warning
                    };
                    out.push(
                        Finding::new(
                            Code::SectionEmpty,
                            format!("sections.{key}"),
                            format!("章节“{heading}”内容为空或仅为占位（“{}”）", text.trim()),
                            format!(
                                "section {key} ({heading}) is empty or a bare placeholder ({:?})",
                                text.trim()
                            ),
                        )
                        .severity(sev),
                    );
                }
            }
            None => {}
        }
    }
    out
}

/// Does the text mention charging processing fees (not a denial such as 未收取)?
pub fn mentions_charging(text: &str) -> bool {
    for (i, _) in text.match_indices("处理费") {
        // The 24 characters before it.
        let from = text[..i].char_indices().rev().nth(23).map_or(0, |(b, _)| b);
        let window = &text[from..i];
        let charged = ["收取", "收费", "缴纳", "收缴"]
            .iter()
            .any(|k| window.contains(k));
        let denied = ["未", "无", "不", "没有", "零", "免"]
            .iter()
            .any(|k| window.contains(k));
        if charged && !denied {
            return true;
        }
    }
    false
}

/// `fees.unreported`: requests ended for unpaid fees, or charging mentioned,
/// but section 六 does not report 信息处理费.
pub fn check_fees(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let unpaid = if report.format() == Format::F2021 {
        idx.row_total(T3Row::OtherSub(OtherReason::UnpaidFee))
            .unwrap_or(0)
    } else {
        0
    };
    let s = &report.sections;
    if s.other.is_none() {
        // Section six is missing altogether: `section.missing` says so.
        return Vec::new();
    }
    let texts = [&s.overview, &s.requests, &s.proactive];
    let charging = texts
        .iter()
        .any(|t| t.as_deref().is_some_and(mentions_charging));
    if unpaid == 0 && !charging {
        return Vec::new();
    }
    let reported = s
        .other
        .as_deref()
        .is_some_and(|t| t.contains("处理费") || t.contains("收费"));
    if reported {
        return Vec::new();
    }
    let (why_zh, why_en) = if unpaid > 0 {
        (
            format!("表三有 {unpaid} 件申请因逾期未缴纳费用而终止"),
            format!("table 3 shows {unpaid} requests ended for unpaid fees"),
        )
    } else {
        (
            "正文提到收取信息处理费".to_string(),
            "the text mentions charging processing fees".to_string(),
        )
    };
    vec![Finding::new(
        Code::FeesUnreported,
        "sections.other",
        format!("{why_zh}，但第六部分未报告信息处理费收取情况"),
        format!("{why_en}, but section six does not report processing fees"),
    )
    .related(vec!["t3.outcome.other.unpaid_fee.total".to_string()])]
}

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
