//! A page's glyphs as blocks: table rows from its grids, lines of the rest.
//!
//! Glyphs on one baseline (their boxes overlapping vertically) are a line,
//! read left to right, with a space where a gap is wider than a third of an
//! em. Inside a table each merged cell's glyphs are read the same way, line
//! by line, and joined: a label wrapped over lines, or written one character
//! a line, is one cell. A line outside any grid with wide gaps between three
//! or more runs is a row of a table drawn without rules. Page numbers alone
//! on a line in the top or bottom band of the page are dropped.

use super::glyphs::{Glyph, Page};
use super::grid::{grids, Grid};
use crate::parse::layout::{Block, Place, Span};

/// A gap wider than this many ems splits a line without rules into cells.
const CELL_GAP: f32 = 2.0;
/// A gap wider than this many ems is a space.
const SPACE_GAP: f32 = 0.3;

fn cy(g: &Glyph) -> f32 {
    (g.bbox[1] + g.bbox[3]) / 2.0
}
fn cx(g: &Glyph) -> f32 {
    (g.bbox[0] + g.bbox[2]) / 2.0
}
fn height(g: &Glyph) -> f32 {
    (g.bbox[3] - g.bbox[1]).max(0.1)
}

/// Glyphs drawn twice at nearly the same place (fake bold, shadows): the
/// copies go.
fn dedupe(glyphs: &mut Vec<Glyph>) {
    let mut keep: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs.drain(..) {
        let tol = g.size.max(1.0) * 0.2;
        let dup = keep.iter().rev().take(8).any(|k| {
            k.text == g.text && (cx(k) - cx(&g)).abs() < tol && (cy(k) - cy(&g)).abs() < tol
        });
        if !dup {
            keep.push(g);
        }
    }
    *glyphs = keep;
}

/// Glyphs grouped into lines, top to bottom, each left to right.
fn lines(mut glyphs: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    glyphs.sort_by(|a, b| {
        cy(b)
            .total_cmp(&cy(a))
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let mut out: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new(); // (top, bottom, glyphs)
    for g in glyphs {
        // Join the most recent line this glyph's centre falls in.
        let c = cy(g);
        let hit = out.iter_mut().rev().take(3).find(|(top, bottom, gs)| {
            let h = (top - bottom).min(height(g));
            c <= *top && c >= *bottom && {
                // Not over another glyph of the line (a character below in a
                // column written downwards).
                let overlap = g.bbox[3].min(*top) - g.bbox[1].max(*bottom);
                overlap >= 0.5 * h
                    && !gs.iter().any(|o| {
                        let w = (o.bbox[2] - o.bbox[0]).min(g.bbox[2] - g.bbox[0]);
                        o.bbox[2].min(g.bbox[2]) - o.bbox[0].max(g.bbox[0]) > 0.5 * w
                    })
            }
        });
        match hit {
            Some(l) => {
                l.0 = l.0.max(g.bbox[3]);
                l.1 = l.1.min(g.bbox[1]);
                l.2.push(g);
            }
            None => out.push((g.bbox[3], g.bbox[1], vec![g])),
        }
    }
    out.sort_by(|a, b| ((b.0 + b.1) / 2.0).total_cmp(&((a.0 + a.1) / 2.0)));
    out.into_iter()
        .map(|(_, _, mut gs)| {
            gs.sort_by(|a, b| a.bbox[0].total_cmp(&b.bbox[0]));
            gs
        })
        .collect()
}

/// A line's runs: glyphs split where the gap is wider than `gap` ems.
fn runs<'g>(line: &[&'g Glyph], gap: f32) -> Vec<Vec<&'g Glyph>> {
    let mut out: Vec<Vec<&Glyph>> = Vec::new();
    for g in line {
        let split = out.last().and_then(|r| r.last()).is_none_or(|p| {
            let em = p.size.max(g.size).max(1.0);
            g.bbox[0] - p.bbox[2] > gap * em
        });
        if split {
            out.push(vec![g]);
        } else if let Some(r) = out.last_mut() {
            r.push(g);
        }
    }
    out
}

fn union(gs: &[&Glyph]) -> [f32; 4] {
    gs.iter()
        .fold([f32::MAX, f32::MAX, f32::MIN, f32::MIN], |b, g| {
            [
                b[0].min(g.bbox[0]),
                b[1].min(g.bbox[1]),
                b[2].max(g.bbox[2]),
                b[3].max(g.bbox[3]),
            ]
        })
}

/// The text of glyphs in a line, a space where the gap is wide.
fn text(line: &[&Glyph]) -> String {
    let mut s = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in line {
        if let Some(p) = prev {
            let em = p.size.max(g.size).max(1.0);
            if g.bbox[0] - p.bbox[2] > SPACE_GAP * em
                && !s.ends_with(' ')
                && !g.text.starts_with(' ')
            {
                s.push(' ');
            }
        }
        s.push_str(&g.text);
        prev = Some(g);
    }
    s
}

fn span(page: u32, gs: &[&Glyph], text: String) -> Span {
    Span {
        text,
        place: Place::Pdf {
            page,
            bbox: union(gs),
        },
    }
}

/// Is this only a page number (`3`, `- 3 -`, `— 3 —`, `第 3 页`, `3/12`,
/// `第3页 共12页`, `Page 3`)?
pub(crate) fn page_number(s: &str) -> bool {
    let mut digits = false;
    for c in s.chars() {
        match c {
            '0'..='9' => digits = true,
            '-' | '—' | '－' | '–' | '―' | '_' | ' ' | '\u{3000}' | '第' | '页' | '共' | '/'
            | '·' | '.' | 'P' | 'p' | 'a' | 'g' | 'e' | 'o' | 'f' => {}
            _ => return false,
        }
    }
    digits && s.chars().count() <= 16
}

/// One item of a page, placed by its top.
enum Item {
    Line(f32, Block),
    Table(f32, Vec<(Block, Vec<[f32; 2]>)>),
}

/// A table row at an end of a page: its index among the blocks and the
/// left and right edges of its cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edge {
    pub index: usize,
    pub cols: Vec<[f32; 2]>,
}

/// The table rows that open and close a page (when a row does), to join a
/// row broken over two pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Ends {
    pub first: Option<Edge>,
    pub last: Option<Edge>,
}

/// The blocks of one page (1-based `number`), in reading order, appended to
/// `out`.
pub(crate) fn blocks(number: u32, page: &mut Page, out: &mut Vec<Block>) -> Ends {
    dedupe(&mut page.glyphs);
    let grids = grids(&page.rules);
    // Which grid and merged cell each glyph falls in.
    let mut in_cell: Vec<Vec<Vec<&Glyph>>> = grids
        .iter()
        .map(|g| vec![Vec::new(); g.cells.len()])
        .collect();
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &page.glyphs {
        let hit = grids
            .iter()
            .enumerate()
            .find_map(|(i, grid)| grid.cell_at(cx(g), cy(g)).map(|c| (i, c)));
        match hit {
            Some((i, c)) => in_cell[i][c].push(g),
            None => free.push(g),
        }
    }
    let mut items: Vec<Item> = Vec::new();
    for (grid, cells) in grids.iter().zip(in_cell) {
        if cells.iter().all(Vec::is_empty) {
            continue;
        }
        items.push(Item::Table(grid.bbox()[3], table_rows(number, grid, cells)));
    }
    let (h, band) = (page.height, page.height * 0.1);
    for line in lines(free) {
        let b = union(&line);
        let t = text(&line);
        let in_band = b[1] > h - band || b[3] < band;
        if t.trim().is_empty() || (in_band && page_number(t.trim())) {
            continue;
        }
        let parts = runs(&line, CELL_GAP);
        let block = if parts.len() >= 3 {
            Block::Row(
                parts
                    .iter()
                    .map(|r| vec![span(number, r, text(r))])
                    .collect(),
            )
        } else {
            Block::Line(
                runs(&line, SPACE_GAP)
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        span(
                            number,
                            r,
                            if i > 0 {
                                format!(" {}", text(r))
                            } else {
                                text(r)
                            },
                        )
                    })
                    .collect(),
            )
        };
        items.push(Item::Line(b[3], block));
    }
    items.sort_by(|a, b| {
        let top = |i: &Item| match i {
            Item::Line(t, _) | Item::Table(t, _) => *t,
        };
        top(b).total_cmp(&top(a))
    });
    let start = out.len();
    let mut ends = Ends::default();
    for item in items {
        match item {
            Item::Line(_, b) => {
                out.push(b);
                ends.last = None;
            }
            Item::Table(_, rows) => {
                for (b, cols) in rows {
                    let edge = Edge {
                        index: out.len(),
                        cols,
                    };
                    if edge.index == start {
                        ends.first = Some(edge.clone());
                    }
                    ends.last = Some(edge);
                    out.push(b);
                }
            }
        }
    }
    ends
}

/// Joins the first row of a page to the last row of the page before when it
/// is the rest of that row, broken by the page. Each of its filled cells
/// lies under a cell of the row above, and either they are all numbers
/// under the row's numbers (the last digits of a wrapped value), or the row
/// above holds values and they are all text under its labels, with no
/// value, and do not start as a new label does (`2.`, `（五）`, `三、`): the
/// last line of a wrapped label.
/// Each of its cells goes into the cell above it. Returns whether it did.
pub(crate) fn join_broken_row(out: &mut Vec<Block>, prev: &Edge, first: &Edge) -> bool {
    let cell_text = |c: &[Span]| c.iter().map(|s| s.text.as_str()).collect::<String>();
    let (Some(Block::Row(cells)), Some(Block::Row(above))) =
        (out.get(first.index), out.get(prev.index))
    else {
        return false;
    };
    if first.cols.len() != cells.len() || prev.cols.len() != above.len() {
        return false;
    }
    let numeric = |t: &str| {
        let t = t.trim();
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".,-".contains(c))
    };
    // For each filled cell: the cell above it, and whether that one is a label.
    let mut under = Vec::new();
    for (c, col) in cells.iter().zip(&first.cols) {
        let t = cell_text(c);
        if t.trim().is_empty() {
            continue;
        }
        let mid = (col[0] + col[1]) / 2.0;
        let Some(k) = prev.cols.iter().position(|p| p[0] <= mid && mid <= p[1]) else {
            return false;
        };
        let above_text = cell_text(&above[k]);
        under.push((t, numeric(&above_text), above_text.trim().is_empty()));
    }
    // The row above is a row of values.
    let values_above = above.iter().any(|c| numeric(&cell_text(c)));
    let digits = !under.is_empty() && under.iter().all(|(t, num, _)| *num && numeric(t));
    let label_tail = !under.is_empty()
        && values_above
        && under
            .iter()
            .all(|(t, num, empty)| !num && !empty && !numeric(t) && !starts_as_label(t));
    if !(digits || label_tail) {
        return false;
    }
    let Block::Row(cells) = out.remove(first.index) else {
        return false;
    };
    let Some(Block::Row(above)) = out.get_mut(prev.index) else {
        return false;
    };
    for (cell, col) in cells.into_iter().zip(&first.cols) {
        let mid = (col[0] + col[1]) / 2.0;
        if let Some(k) = prev.cols.iter().position(|c| c[0] <= mid && mid <= c[1]) {
            if let Some(target) = above.get_mut(k) {
                target.extend(cell);
            }
        }
    }
    true
}

/// Does a cell's text start as a row label does: `1.`, `2．`, `3、`,
/// `（五）`, `(5)`, `三、`?
fn starts_as_label(t: &str) -> bool {
    let t = t.trim_start();
    let mut chars = t.chars();
    let Some(c0) = chars.next() else {
        return false;
    };
    if c0 == '（' || c0 == '(' {
        return true;
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    if !numeral(c0) {
        return false;
    }
    let rest: String = chars.skip_while(|&c| numeral(c)).take(1).collect();
    matches!(rest.as_str(), "." | "．" | "、" | "，")
}

/// The rows of a grid, each with the edges of its cells: each band's merged
/// cells that start in it, left to right; a band with no text is left out.
fn table_rows(number: u32, grid: &Grid, cells: Vec<Vec<&Glyph>>) -> Vec<(Block, Vec<[f32; 2]>)> {
    let bands = grid.ys.len() - 1;
    let mut rows: Vec<Vec<(usize, usize, Vec<Span>)>> = vec![Vec::new(); bands];
    for (k, gs) in cells.into_iter().enumerate() {
        let (r, c, _, c1) = grid.cells[k];
        let spans = if gs.is_empty() {
            Vec::new()
        } else {
            let t: String = lines(gs.clone())
                .iter()
                .map(|l| text(l))
                .collect::<Vec<_>>()
                .join("");
            vec![span(number, &gs, t)]
        };
        rows[r].push((c, c1, spans));
    }
    rows.into_iter()
        .filter(|r| r.iter().any(|(_, _, s)| !s.is_empty()))
        .map(|mut r| {
            r.sort_by_key(|(c, _, _)| *c);
            let cols = r
                .iter()
                .map(|(c, c1, _)| [grid.xs[*c], grid.xs[c1 + 1]])
                .collect();
            (Block::Row(r.into_iter().map(|(_, _, s)| s).collect()), cols)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::pdf::glyphs::{h, v, Rule};

    fn g(text: &str, x: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            bbox: [x, y - 1.2, x + 10.0, y + 8.8],
            size: 10.0,
            vertical: false,
        }
    }
    fn word(s: &str, x: f32, y: f32) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| g(&c.to_string(), x + 10.0 * i as f32, y))
            .collect()
    }
    fn render(page: &mut Page) -> String {
        let mut out = Vec::new();
        blocks(1, page, &mut out);
        crate::parse::layout::Layout {
            blocks: out,
            ..Default::default()
        }
        .render()
        .text
    }

    /// A table of three columns (label 0–200, values 200–300 and 300–400)
    /// with the given row boundaries.
    fn table(ys: &[f32], merged_label_rows: Option<(usize, usize)>) -> Vec<Rule> {
        let mut r = Vec::new();
        let (top, bottom) = (ys[0], ys[ys.len() - 1]);
        for (i, &y) in ys.iter().enumerate() {
            let inside = merged_label_rows.is_some_and(|(a, b)| i > a && i <= b);
            r.push(h(if inside { 100.0 } else { 0.0 }, 400.0, y));
        }
        for x in [0.0, 100.0, 200.0, 300.0, 400.0] {
            r.push(v(x, bottom, top));
        }
        r
    }

    #[test]
    fn a_vertical_label_and_a_wrapped_label_are_each_one_cell() {
        // Rows 700–680 and 680–640; the first column is merged over both rows
        // and holds 办理结果 one character a line; the second row's label
        // wraps over two lines.
        let mut glyphs = Vec::new();
        for (i, c) in "办理结果".chars().enumerate() {
            glyphs.push(g(&c.to_string(), 40.0, 690.0 - 12.0 * i as f32));
        }
        glyphs.extend(word("予以公开", 110.0, 686.0));
        glyphs.extend(word("15", 210.0, 686.0));
        glyphs.extend(word("0", 310.0, 686.0));
        glyphs.extend(word("部分公开（区", 105.0, 664.0));
        glyphs.extend(word("分处理）", 105.0, 650.0));
        glyphs.extend(word("3", 310.0, 656.0));
        let mut page = Page {
            width: 595.0,
            height: 842.0,
            glyphs,
            rules: table(&[700.0, 680.0, 640.0], Some((0, 1))),
            images: Vec::new(),
        };
        assert_eq!(
            render(&mut page),
            "| 办理结果 | 予以公开 | 15 | 0 |\n| 部分公开（区分处理） |  | 3 |\n"
        );
    }

    #[test]
    fn a_page_number_in_the_foot_is_dropped_and_a_table_does_not_run_into_the_next_page() {
        let mut p1 = Page {
            width: 595.0,
            height: 842.0,
            glyphs: [
                word("行政许可", 10.0, 105.0),
                word("12", 210.0, 105.0),
                word("- 3 -", 280.0, 30.0),
            ]
            .concat(),
            rules: table(&[120.0, 90.0], None),
            images: Vec::new(),
        };
        let mut p2 = Page {
            width: 595.0,
            height: 842.0,
            glyphs: [
                word("4", 290.0, 815.0),
                word("行政处罚", 10.0, 785.0),
                word("7", 310.0, 785.0),
            ]
            .concat(),
            rules: table(&[800.0, 770.0], None),
            images: Vec::new(),
        };
        let mut out = Vec::new();
        blocks(1, &mut p1, &mut out);
        blocks(2, &mut p2, &mut out);
        let text = crate::parse::layout::Layout {
            blocks: out,
            ..Default::default()
        }
        .render()
        .text;
        assert_eq!(text, "| 行政许可 |  | 12 |  |\n| 行政处罚 |  |  | 7 |\n");
    }

    #[test]
    fn a_row_broken_by_the_page_joins_the_row_above_and_a_new_row_does_not() {
        // Page 1 ends inside the label 属于过程性信息, which wraps; page 2
        // holds its last character, then a new row.
        let page = |glyphs: Vec<Glyph>, ys: &[f32]| Page {
            width: 595.0,
            height: 842.0,
            glyphs,
            rules: table(ys, None),
            images: Vec::new(),
        };
        let mut p1 = page(
            [
                word("行政许可", 10.0, 110.0),
                word("3", 210.0, 110.0),
                word("属于过程性信", 10.0, 85.0),
                word("0", 310.0, 85.0),
            ]
            .concat(),
            &[120.0, 100.0, 80.0],
        );
        let mut p2 = page(
            [
                word("息", 10.0, 785.0),
                word("2.重复申请", 10.0, 765.0),
                word("4", 210.0, 765.0),
            ]
            .concat(),
            &[800.0, 780.0, 760.0],
        );
        let mut out = Vec::new();
        let e1 = blocks(1, &mut p1, &mut out);
        let e2 = blocks(2, &mut p2, &mut out);
        assert!(join_broken_row(
            &mut out,
            e1.last.as_ref().unwrap(),
            e2.first.as_ref().unwrap()
        ));
        let text = crate::parse::layout::Layout {
            blocks: out,
            ..Default::default()
        }
        .render()
        .text;
        assert_eq!(
            text,
            "| 行政许可 |  | 3 |  |\n| 属于过程性信息 |  |  | 0 |\n| 2.重复申请 |  | 4 |  |\n"
        );
        // A first row that starts as a label does is a row of its own.
        let mut out = Vec::new();
        let mut p3 = page(
            [word("2.重复申请", 10.0, 785.0), word("4", 210.0, 785.0)].concat(),
            &[800.0, 780.0],
        );
        let e1 = blocks(1, &mut p1, &mut out);
        let e3 = blocks(2, &mut p3, &mut out);
        assert!(!join_broken_row(
            &mut out,
            e1.last.as_ref().unwrap(),
            e3.first.as_ref().unwrap()
        ));
    }

    #[test]
    fn lines_without_rules_split_at_wide_gaps_and_keep_spaces() {
        let mut page = Page {
            width: 595.0,
            height: 842.0,
            glyphs: [
                word("行政许可", 10.0, 500.0),
                word("12", 200.0, 500.0),
                word("0", 300.0, 500.0),
                word("共 5", 10.0, 480.0),
            ]
            .concat(),
            rules: Vec::new(),
            images: Vec::new(),
        };
        assert_eq!(render(&mut page), "| 行政许可 | 12 | 0 |\n共 5\n");
    }

    #[test]
    fn page_numbers() {
        for s in [
            "3",
            "- 3 -",
            "— 12 —",
            "第 3 页",
            "第3页 共12页",
            "3/12",
            "Page 3",
        ] {
            assert!(page_number(s), "{s}");
        }
        for s in ["一、总体情况", "12件", "", "第三页"] {
            assert!(!page_number(s), "{s}");
        }
    }
}
