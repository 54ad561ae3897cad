//! Tables whose text is in reading order.
//!
//! `pdftotext` without `-layout` writes a table one cell per paragraph, in
//! the order of the PDF's text blocks: row labels may come after their
//! values, several rows' labels one after another with no value between
//! them, and the values of several rows in one stretch, column by column.
//! There a row's label followed by numbers does not show that the numbers
//! are the row's: read as in the other layouts, they would be confident
//! wrong values (and false equation errors).
//!
//! Such a table is told by what the rows read hold ([`detected`]). Its rows
//! are then vetted: a row is placed only when an equation of its own vouches
//! for its values as printed (its total equals the sum of its columns, and is
//! not zero); every other cell is unread with the reason, and one
//! `table.reading_order` warning ([`finding`]) names the rows.

use super::{row_list, TableRows};
use crate::finding::{Code, Finding};
use crate::id::RowId;
use crate::labels::table_short;
use crate::schema::TableId;

/// Is the text of the table `t` in reading order? Any of three signs, each
/// of which ordered text does not show even with rows printed blank (no
/// mark left: a bare row), a lost row label or a page number among the
/// values:
/// - numbers before its first row label, at least two rows' worth, with
///   [`BARE_ROWS`] bare rows (one lost label leaves one row's worth);
/// - [`BARE_ROWS`] bare rows beside a row holding three rows' worth of
///   values or more (labels printed together, values together elsewhere;
///   one lost label leaves two rows' worth in the row before it);
/// - a third of the rows found bare, at least [`BARE_ROWS`], beside a row
///   with two values or more in surplus (a page number adds one).
pub(super) fn detected(t: &TableRows) -> bool {
    let widest = t
        .rows
        .iter()
        .map(|(_, cells)| cells.len())
        .max()
        .unwrap_or(0);
    let found = t.toks.iter().filter(|toks| toks.is_some()).count();
    let bare = bare_rows(t);
    if bare < BARE_ROWS {
        return false;
    }
    // The most values a row holds beyond its cells, and whether a row holds
    // three rows' worth.
    let (mut surplus, mut crowded) = (0usize, false);
    for ((_, cells), toks) in t.rows.iter().zip(&t.toks) {
        let filled = toks
            .as_ref()
            .map_or(0, |l| l.iter().filter(|k| k.is_filled()).count());
        surplus = surplus.max(filled.saturating_sub(cells.len()));
        crowded |= !cells.is_empty() && filled >= 3 * cells.len();
    }
    (widest > 0 && t.numbers_before >= 2 * widest) || crowded || (3 * bare >= found && surplus >= 2)
}

/// Are the document's tables in reading order? One extractor wrote the whole
/// text, so tables 2 and 3 are vetted together: when table 3 shows the signs
/// ([`detected`]), or table 2 does and table 3 is absent or has bare rows too.
/// Table 2 has six or eight rows, too few for its signs alone.
pub(super) fn in_document(tables: &[(TableId, TableRows)]) -> bool {
    let of = |id: TableId| tables.iter().find(|(t, _)| *t == id).map(|(_, rows)| rows);
    match (of(TableId::T2), of(TableId::T3)) {
        (_, Some(t3)) if detected(t3) => true,
        (Some(t2), t3) => detected(t2) && t3.is_none_or(|t3| bare_rows(t3) >= BARE_ROWS),
        _ => false,
    }
}

/// The rows of `t` found bare: their label, and no value after it.
fn bare_rows(t: &TableRows) -> usize {
    t.toks
        .iter()
        .filter(|toks| toks.as_ref().is_some_and(Vec::is_empty))
        .count()
}

/// Rows found bare (their label, no value) that, with the other signs, show
/// a table in reading order. One or two bare rows occur in ordered text (a
/// label wrapped over two lines, a row printed blank).
const BARE_ROWS: usize = 3;

/// `table.reading_order`: the rows of `table` left unread because its text
/// is in reading order.
pub(super) fn finding(table: TableId, rows: &[Option<RowId>]) -> Finding {
    let (zh, en) = (table_short(table, "zh"), table_short(table, "en"));
    Finding::new(
        Code::TableReadingOrder,
        table.key(),
        format!(
            "{zh}的文本按阅读顺序排列（如 pdftotext 不带 -layout 所得：行标题与数值分开印出），行标题后的数值不一定属于该行；以下行没有本行等式可以核实，其单元格记为未读：{}",
            row_list(table, rows, "zh")
        ),
        format!(
            "{en}'s text is in reading order (as pdftotext without -layout writes it: row labels printed apart from their values), so the values after a row's label need not be the row's; no equation of their own vouches for these rows, and their cells are unread: {}",
            row_list(table, rows, "en")
        ),
    )
}
