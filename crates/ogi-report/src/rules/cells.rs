//! The cells family: each cell's own state (`cell.mark`, `cell.ambiguous`,
//! `cell.invalid`, `cell.unread`, `cell.absent`, `cell.inferred`).
//! `cell.blank` comes with the equations, which decide its severity.

use super::CellIndex;
use crate::cell::{Cell, CellRef, CellState, ValueKind};
use crate::finding::{Code, Finding};
use crate::id::{CellId, RowId};
use crate::joined::joined;
use crate::report::Report;
use crate::template::Template;
use rust_decimal::Decimal;

/// Counts above this are not plausible for one agency in one year.
pub const MAX_COUNT: i64 = 1_000_000_000;

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
pub(super) fn cells_into<'a>(report: &Report, idx: &CellIndex<'a>, out: &mut Vec<Finding>) {
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
            let row = Target::Row(tpl.rows[r]);
            out.push(missing_finding(code, row, why).related(tpl.paths[range].to_vec()));
            continue;
        }
        // Several ambiguous cells in one row: the uncertainty is how the
        // row's printed digits divide among them, which each finding says.
        let ambiguous: Vec<usize> = range
            .clone()
            .zip(cells)
            .filter(|(_, c)| c.is_some_and(|c| c.state() == CellState::Ambiguous))
            .map(|(i, _)| i)
            .collect();
        for (i, cell) in range.zip(cells) {
            if let Some(mut f) = cell.and_then(|c| {
                cell_finding(c, Target::Cell(tpl.ids[i], &tpl.paths[i]), tpl.kinds[i])
            }) {
                if f.code == Code::CellAmbiguous && ambiguous.len() > 1 {
                    shared_split(&mut f, tpl, &ambiguous);
                }
                single.push(f);
            }
        }
    }
    out.append(&mut single);
    inferred_notes(report, tpl, idx, out);
}

/// The finding about one cell's own state, if any: a mark, an ambiguous
/// reading, an invalid or out-of-range value, an unread or absent cell.
fn cell_finding(cell: CellRef<'_>, path: Target<'_>, kind: ValueKind) -> Option<Finding> {
    match cell {
        CellRef::Count(c) => match c {
            Cell::Value(v) if *v < 0 && kind != ValueKind::SignedCount => Some(invalid_finding(
                path,
                &v.to_string(),
                "件数不能为负",
                "a count cannot be negative",
            )),
            Cell::Value(v) if v.unsigned_abs() > MAX_COUNT.unsigned_abs() => Some(invalid_finding(
                path,
                &v.to_string(),
                "超出合理范围",
                "is out of any plausible range",
            )),
            Cell::Value(_) | Cell::Blank => None,
            Cell::Mark(g) => Some(mark_finding(path, g)),
            Cell::Ambiguous(cands) => Some(ambiguous_finding(
                path,
                &cands.iter().map(|c| joined!(*c)).collect::<Vec<_>>(),
            )),
            Cell::Invalid(raw) if too_large(raw) => Some(invalid_finding(
                path,
                raw,
                "数值过大，超出整数范围",
                "is too large: beyond the range of a count",
            )),
            Cell::Invalid(raw) => Some(invalid_finding(
                path,
                raw,
                "不是有效的整数",
                "is not a whole number",
            )),
            Cell::Unread(why) => Some(missing_finding(Code::CellUnread, path, why)),
            Cell::Absent(why) => Some(missing_finding(Code::CellAbsent, path, why)),
        },
        CellRef::Money(c) => match c {
            Cell::Mark(g) => Some(mark_finding(path, g)),
            Cell::Ambiguous(cands) => Some(ambiguous_finding(
                path,
                &cands.iter().map(fmt_dec).collect::<Vec<_>>(),
            )),
            Cell::Invalid(raw) if too_large(raw) => Some(invalid_finding(
                path,
                raw,
                "数值过大，超出金额范围",
                "is too large: beyond the range of an amount",
            )),
            Cell::Invalid(raw) => Some(invalid_finding(
                path,
                raw,
                "不是有效的金额",
                "is not a valid amount",
            )),
            Cell::Unread(why) => Some(missing_finding(Code::CellUnread, path, why)),
            Cell::Absent(why) => Some(missing_finding(Code::CellAbsent, path, why)),
            Cell::Value(v) if v.is_sign_negative() && !v.is_zero() => Some(invalid_finding(
                path,
                &fmt_dec(v),
                "金额不能为负",
                "an amount cannot be negative",
            )),
            _ => None,
        },
    }
}

/// `cell.inferred`: values inferred from concatenated digits, one note per
/// row (rows that could not be read hold no values).
fn inferred_notes(report: &Report, tpl: &Template, idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    if !report.sources.values().any(|s| s.inferred) {
        return;
    }
    let mut positions: Vec<usize> = report
        .sources
        .iter()
        .filter(|(_, s)| s.inferred)
        .filter_map(|(&id, _)| tpl.pos(id))
        .collect();
    positions.sort_unstable();
    let mut inferred: Vec<(usize, Vec<String>)> = Vec::new();
    for i in positions {
        if idx.at(i).is_some_and(|c| c.state() == CellState::Value) {
            push_grouped(&mut inferred, tpl.row_of[i], tpl.paths[i].clone());
        }
    }
    for (r, cells) in inferred {
        let row_id = tpl.rows[r];
        let row = row_id.path();
        out.push(
            Finding::new(
                Code::CellInferred,
                row.clone(),
                joined!(
                    &row_id.named("zh"),
                    "的 ",
                    cells.len(),
                    " 个数值由连写数字按勾稽关系唯一推定"
                ),
                joined!(
                    &row_id.named("en"),
                    ": ",
                    cells.len(),
                    " values inferred, the only split of the concatenated digits that satisfies the rules"
                ),
            )
            .related(cells),
        );
    }
}

/// Appends `item` to the group of `row`, or starts the row's group: cells come
/// in template order, so the cells of a row are consecutive.
pub(super) fn push_grouped<T>(groups: &mut Vec<(usize, Vec<T>)>, row: usize, item: T) {
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

/// What a cell finding points at, typed, so that its labels need no parse
/// of its path: a cell of the template (with its path), or a whole row.
#[derive(Clone, Copy)]
enum Target<'t> {
    /// One cell.
    Cell(CellId, &'t str),
    /// A whole row.
    Row(RowId),
}

impl Target<'_> {
    /// The label messages give it (as [`crate::labels::label`] of its path).
    fn label(self, lang: &str) -> String {
        match self {
            Target::Cell(id, _) => id.label(lang),
            Target::Row(row) => row.named(lang),
        }
    }
    /// Its canonical path.
    fn path(self) -> String {
        match self {
            Target::Cell(_, path) => path.to_string(),
            Target::Row(row) => row.path(),
        }
    }
}

fn mark_finding(path: Target<'_>, glyph: &str) -> Finding {
    Finding::new(
        Code::CellMark,
        path.path(),
        joined!(
            &path.label("zh"),
            "填写为“",
            glyph,
            "”（不适用），按 0 以外的情形处理"
        ),
        format!(
            "{} holds the not-applicable mark {glyph:?}",
            path.label("en")
        ),
    )
}

fn ambiguous_finding(at: Target<'_>, cands: &[String]) -> Finding {
    let (path, zh, en) = (at.path(), at.label("zh"), at.label("en"));
    if cands.is_empty() {
        return Finding::new(
            Code::CellAmbiguous,
            path,
            joined!(&zh, "无法从文本唯一确定，候选值未知"),
            joined!(
                &en,
                " cannot be read uniquely from the text; candidates unknown"
            ),
        );
    }
    let list = cands.join(", ");
    Finding::new(
        Code::CellAmbiguous,
        path,
        joined!(&zh, "无法唯一确定，候选值：", &list),
        joined!(&en, " cannot be read uniquely; candidates: ", &list),
    )
}

/// Adds to the finding of an ambiguous cell what is uncertain when other
/// cells of its row are ambiguous too: which of those cells each part of the
/// row's printed digits belongs to. Names the cells (`related`: the others).
fn shared_split(f: &mut Finding, tpl: &Template, ambiguous: &[usize]) {
    let columns = |lang: &str| {
        let names: Vec<&str> = ambiguous
            .iter()
            .map(|&i| tpl.ids[i].column_label(lang))
            .collect();
        names.join(if lang == "en" { ", " } else { "、" })
    };
    f.message.push_str(&joined!(
        "（该行印出的数字可按多种方式分到",
        &columns("zh"),
        "这几列，无法确定各属哪一列）"
    ));
    f.message_en.push_str(&joined!(
        " (the row's printed digits divide several ways among ",
        &columns("en"),
        ": which of these cells each part belongs to cannot be told)"
    ));
    f.related = ambiguous
        .iter()
        .map(|&i| tpl.paths[i].clone())
        .filter(|p| *p != f.path)
        .collect();
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

/// `cell.unread` or `cell.absent` for a cell, or for a whole row ([`Target::Row`]).
fn missing_finding(code: Code, at: Target<'_>, why: &str) -> Finding {
    let (zh, en) = (at.label("zh"), at.label("en"));
    let row = matches!(at, Target::Row(_));
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
        at.path(),
        joined!(&zh, what_zh, "：", &why_zh),
        joined!(&en, what_en, ": ", why),
    )
}

fn invalid_finding(at: Target<'_>, raw: &str, zh: &str, en: &str) -> Finding {
    Finding::new(
        Code::CellInvalid,
        at.path(),
        joined!(&at.label("zh"), "的值“", raw, "”", zh),
        format!("{} holds {raw:?}, which {en}", at.label("en")),
    )
}
