//! Table 3's blank cells told by where its values stand. Text that keeps a
//! PDF's layout (`pdftotext -layout`) prints each value under its column's
//! header and a blank cell as nothing at all, so a row of a report that
//! leaves cells blank (`一、本年新收… 26 … 26`) holds fewer values than
//! cells, and which columns they are in shows only in their places on the
//! line.

use super::doc::Doc;
use super::tokens::{Tok, TokKind};
use super::TableRow;

/// The words heading table 3's seven columns, in order. (`其他` also ends
/// the group header `法人或其他组织`, which is not the column's.)
const HEADS: [&str; 7] = ["自然", "商业", "科研", "社会", "法律", "其他", "总计"];

/// How many characters a value may stand off its column's header.
const SLACK: usize = 2;

/// The longest line (in bytes) read as a row of a page's layout: some 200
/// characters, wider than a landscape page's.
const MAX_LINE: usize = 600;

/// Gives each row of table 3 printed on one line without pipes, with fewer
/// values than cells, the values in the columns whose headers they stand
/// under and blanks in the others, when the header area (`header`: from the
/// table's start to its first row label) places all seven headers on
/// distinct character columns. The placements are kept only together, and
/// only when one of them keeps its row's total (blanks as 0) on a sum that
/// is not 0 and none breaks it: otherwise the rows are left as read.
pub(super) fn place_by_columns(
    doc: &Doc<'_>,
    header: (usize, usize),
    rows: &[TableRow],
    toks: &mut [Option<Vec<Tok>>],
) {
    let text: &str = &doc.text;
    let short = |i: usize, list: &[Tok]| {
        rows[i].1.len() == HEADS.len() && !list.is_empty() && list.len() < HEADS.len()
    };
    // Only a row short of values asks for the columns (most tables have
    // none); and the headers stand on lines of their own above the rows, as
    // a layout prints them (not in a report run into one line).
    let any_short = toks
        .iter()
        .enumerate()
        .any(|(i, l)| l.as_deref().is_some_and(|l| short(i, l)));
    let header_text = text.as_bytes().get(header.0..header.1).unwrap_or_default();
    if !any_short || memchr::memchr(b'\n', header_text).is_none() {
        return;
    }
    let Some(heads) = header_columns(text, header) else {
        return;
    };
    let mut placed = Vec::new();
    let mut vouched = false;
    for (i, list) in toks.iter().enumerate() {
        let Some(list) = list.as_deref().filter(|l| short(i, l)) else {
            continue;
        };
        let Some(slots) = by_columns(text, list, &heads) else {
            continue;
        };
        let value = |slot: Option<usize>| slot.map_or(Some(0), |k| list[k].int());
        let Some(values) = slots
            .iter()
            .map(|&s| value(s))
            .collect::<Option<Vec<i64>>>()
        else {
            continue;
        };
        if slots[6].is_some() {
            let sum = values[..6].iter().fold(0i64, |a, &v| a.saturating_add(v));
            if sum != values[6] {
                return;
            }
            vouched |= sum != 0;
        }
        let row: Vec<Tok> = slots
            .iter()
            .map(|&s| match s {
                Some(k) => list[k].clone(),
                None => Tok {
                    kind: TokKind::Empty,
                    start: list[0].start,
                    end: list[0].start,
                    glued: false,
                },
            })
            .collect();
        placed.push((i, row));
    }
    if vouched {
        for (i, row) in placed {
            toks[i] = Some(row);
        }
    }
}

/// The character column (on its line) of each of [`HEADS`] in `text`'s
/// stretch `area`, when each is found once there and they stand left to
/// right.
fn header_columns(text: &str, (start, end): (usize, usize)) -> Option<[usize; 7]> {
    let area = text.get(start..end)?;
    let mut cols = [0usize; 7];
    for (col, head) in cols.iter_mut().zip(HEADS) {
        let mut found = memchr::memmem::find_iter(area.as_bytes(), head.as_bytes())
            .filter(|&i| !area[i + head.len()..].starts_with("组织"))
            .map(|i| column_of(text, start + i));
        *col = match found.next() {
            Some(c) if found.next().is_none() => c,
            Some(_) => return None,
            None => printed_down(area, head)?,
        };
    }
    cols.windows(2).all(|w| w[0] < w[1]).then_some(cols)
}

/// The character column of `head` (two characters) printed down its
/// column, one character a line (`其` and, a line or two below, `他`, as a
/// narrow header cell wraps it), when `area` holds it so once.
fn printed_down(area: &str, head: &str) -> Option<usize> {
    let mut chars = head.chars();
    let (top, below) = (chars.next()?, chars.next()?);
    let lines: Vec<&str> = area.split('\n').collect();
    let mut found = None;
    for (i, line) in lines.iter().enumerate() {
        for (c, ch) in line.chars().enumerate() {
            if ch != top {
                continue;
            }
            let under = lines[i + 1..].iter().take(3).any(|l| {
                l.chars()
                    .enumerate()
                    .any(|(k, x)| x == below && k.abs_diff(c) <= 1)
            });
            if under {
                if found.is_some() {
                    return None;
                }
                found = Some(c);
            }
        }
    }
    found
}

/// The character column of byte `at` on its line.
fn column_of(text: &str, at: usize) -> usize {
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line..at].chars().count()
}

/// Which of `toks` stands under each column headed at `heads` (by index into
/// `toks`), when all are numbers on one line with no pipe, each under one
/// column alone, left to right.
fn by_columns(text: &str, toks: &[Tok], heads: &[usize; 7]) -> Option<[Option<usize>; 7]> {
    let first = toks.first()?;
    let bytes = text.as_bytes();
    let line_start = memchr::memrchr(b'\n', &bytes[..first.start]).map_or(0, |i| i + 1);
    let line_end =
        memchr::memchr(b'\n', &bytes[first.start..]).map_or(text.len(), |i| first.start + i);
    // A row of a layout fits a page's width; a longer line is text run
    // together, whose columns mean nothing.
    if line_end - line_start > MAX_LINE
        || memchr::memchr(b'|', &bytes[line_start..line_end]).is_some()
    {
        return None;
    }
    let mut slots = [None; 7];
    let mut last = None;
    for (k, t) in toks.iter().enumerate() {
        if t.end > line_end || !matches!(t.kind, TokKind::Num { .. }) {
            return None;
        }
        let (a, b) = (column_of(text, t.start), column_of(text, t.end));
        // Under a header: the value's columns, widened by the slack, meet
        // the header word's two; of several, the one whose middle is
        // nearest the value's (twice the columns, to stay whole), if one is.
        let mut under: Vec<(usize, usize)> = heads
            .iter()
            .enumerate()
            .filter(|&(_, &h)| a.saturating_sub(SLACK) < h + 2 && h < b + SLACK)
            .map(|(c, &h)| (c, (a + b).abs_diff(2 * h + 2)))
            .collect();
        under.sort_by_key(|&(_, d)| d);
        let c = match under[..] {
            [] => return None,
            [(c, _)] => c,
            [(c, d), (_, e), ..] if d < e => c,
            _ => return None,
        };
        if last.is_some_and(|l| l >= c) {
            return None;
        }
        slots[c] = Some(k);
        last = Some(c);
    }
    Some(slots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::T3Row;
    use crate::schema::T3Col;

    /// A line with `label` first and each `(column, text)` at that
    /// character column.
    fn line(label: &str, at: &[(usize, &str)]) -> String {
        let mut s = label.to_string();
        for (col, t) in at {
            let have = s.chars().count();
            s.push_str(&" ".repeat(col.saturating_sub(have).max(1)));
            s.push_str(t);
        }
        s.push('\n');
        s
    }

    const LABELS: [&str; 2] = [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
    ];

    /// Table 3's header over two rows whose values stand at `a` and `b`;
    /// the rows' values as placed by the columns, `_` for a blank.
    fn placed(a: &[(usize, &str)], b: &[(usize, &str)]) -> Vec<Vec<String>> {
        let heads: Vec<(usize, &str)> = [26, 34, 39, 44, 49, 54, 59]
            .into_iter()
            .zip(HEADS)
            .collect();
        let text = format!(
            "三、收到和处理政府信息公开申请情况\n{}{}{}",
            line("", &heads),
            line(LABELS[0], a),
            line(LABELS[1], b)
        );
        read(&text)
    }

    /// The two rows of `text` (labelled [`LABELS`]) as placed by the columns.
    fn read(text: &str) -> Vec<Vec<String>> {
        let doc = Doc::plain(text);
        let cells: Vec<_> = T3Col::ALL
            .iter()
            .map(|&c| T3Row::NewReceived.cell(c))
            .collect();
        let rows: Vec<TableRow> = vec![(None, cells.clone()), (None, cells)];
        let mut toks: Vec<Option<Vec<Tok>>> = LABELS
            .iter()
            .map(|l| {
                let start = text.find(l).unwrap() + l.len();
                let end = start + text[start..].find('\n').unwrap();
                let lines = doc.lines();
                Some(super::super::tokens::value_tokens(
                    text,
                    lines,
                    start,
                    end,
                    &|_, _| false,
                ))
            })
            .collect();
        let header_end = text.find(LABELS[0]).unwrap();
        place_by_columns(&doc, (0, header_end), &rows, &mut toks);
        toks.iter()
            .map(|l| {
                l.as_ref()
                    .unwrap()
                    .iter()
                    .map(|t| match t.kind {
                        TokKind::Empty => "_".to_string(),
                        _ => t.cell_text().to_string(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn values_standing_under_their_headers_fill_those_columns() {
        let got = placed(&[(26, "26"), (59, "26")], &[(34, "3"), (59, "3")]);
        assert_eq!(got[0], ["26", "_", "_", "_", "_", "_", "26"]);
        assert_eq!(got[1], ["_", "3", "_", "_", "_", "_", "3"]);
    }

    #[test]
    fn a_header_printed_down_its_column_and_a_value_nearer_one_of_two_headers() {
        // 其/他 and 总/计 printed one character a line; 859, right-aligned,
        // reaches both 其 (72) and 总 (76) with the slack, and is nearer 总.
        let five = [
            (26, "自然"),
            (34, "商业"),
            (39, "科研"),
            (44, "社会"),
            (49, "法律"),
        ];
        let heads = line("", &five)
            + &line("", &[(72, "其"), (76, "总")])
            + &line("", &[(72, "他"), (76, "计")]);
        let text = format!(
            "三、收到和处理政府信息公开申请情况\n{heads}{}{}",
            line(
                LABELS[0],
                &[(26, "821"), (34, "37"), (72, "1"), (74, "859")]
            ),
            line(LABELS[1], &[(26, "18"), (75, "18")])
        );
        let got = read(&text);
        assert_eq!(got[0], ["821", "37", "_", "_", "_", "1", "859"]);
        assert_eq!(got[1], ["18", "_", "_", "_", "_", "_", "18"]);
    }

    #[test]
    fn columns_that_break_a_rows_total_or_vouch_for_nothing_place_no_row() {
        // 3 under 商业 and 4 under 总计: the columns are not the values'.
        let got = placed(&[(26, "26"), (59, "26")], &[(34, "3"), (59, "4")]);
        assert_eq!(got[0], ["26", "26"]);
        // Zeros only: nothing vouches for the columns.
        let got = placed(&[(26, "0"), (59, "0")], &[(34, "0"), (59, "0")]);
        assert_eq!(got[1], ["0", "0"]);
        // A value between two columns is under none of them.
        let got = placed(&[(26, "26"), (59, "26")], &[(30, "3"), (59, "3")]);
        assert_eq!(got[1], ["3", "3"]);
        assert_eq!(got[0], ["26", "_", "_", "_", "_", "_", "26"]);
    }
}
