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

/// Is the text of the table `t` in reading order? Either numbers come
/// before its first row label (at least a row's worth: values printed
/// before the labels), or at least [`BARE_ROWS`] rows were found with no
/// value after their labels while another row has more values than cells
/// (labels printed together, and values together elsewhere).
///
/// Neither happens in the layouts read in order: a row whose blank cells
/// left no mark has no values, but then no row holds another row's values.
pub(super) fn detected(t: &TableRows) -> bool {
    let widest = t
        .rows
        .iter()
        .map(|(_, cells)| cells.len())
        .max()
        .unwrap_or(0);
    if widest > 0 && t.numbers_before >= widest {
        return true;
    }
    let bare = t
        .toks
        .iter()
        .filter(|toks| toks.as_ref().is_some_and(Vec::is_empty))
        .count();
    let crowded = t.rows.iter().zip(&t.toks).any(|((_, cells), toks)| {
        toks.as_ref()
            .is_some_and(|l| l.iter().filter(|k| k.is_filled()).count() > cells.len())
    });
    bare >= BARE_ROWS && crowded
}

/// Rows found bare (their label, no value) that, with a crowded row, show a
/// table in reading order. One or two bare rows occur in ordered text (a
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
