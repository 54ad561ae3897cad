//! Table grids from ruling lines: the cells a page's rules enclose.
//!
//! Rules that touch form a table. Its distinct rule positions cut it into
//! atomic cells (bands of rows by columns); two neighbouring atomic cells with
//! no rule between them are one merged cell (a header over several columns, a
//! label over several rows, a cell whose text wraps). A merged cell belongs to
//! the first row band it covers.

use super::glyphs::Rule;

/// How close two rule positions must be to be one (points).
const SNAP: f32 = 2.0;

/// A table found on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom (descending y).
    pub ys: Vec<f32>,
    /// For each atomic cell `(band, column)` (row-major), its merged cell.
    owner: Vec<usize>,
    /// Merged cells: `(first band, first column, last band, last column)`.
    pub cells: Vec<(usize, usize, usize, usize)>,
}

impl Grid {
    /// The box of the table `[x0, y0, x1, y1]`.
    pub fn bbox(&self) -> [f32; 4] {
        [
            self.xs[0],
            self.ys[self.ys.len() - 1],
            self.xs[self.xs.len() - 1],
            self.ys[0],
        ]
    }

    /// The merged cell holding point `(x, y)`, if inside the grid.
    pub fn cell_at(&self, x: f32, y: f32) -> Option<usize> {
        let c = self.xs.iter().position(|&b| b > x)?.checked_sub(1)?;
        let r = self.ys.iter().position(|&b| b < y)?.checked_sub(1)?;
        self.owner.get(r * (self.xs.len() - 1) + c).copied()
    }
}

/// Horizontal and vertical rules joined where they continue one another.
fn merge(mut rules: Vec<Rule>, horizontal: bool) -> Vec<Rule> {
    // Key: the position across, then the start along.
    let across = |r: &Rule| if horizontal { r.y0 } else { r.x0 };
    let from = |r: &Rule| if horizontal { r.x0 } else { r.y0 };
    rules.sort_by(|a, b| {
        across(a)
            .total_cmp(&across(b))
            .then(from(a).total_cmp(&from(b)))
    });
    let mut out: Vec<Rule> = Vec::new();
    // Rules at nearly the same position: group them, then join runs.
    let mut i = 0;
    while i < rules.len() {
        let mut j = i + 1;
        while j < rules.len() && across(&rules[j]) - across(&rules[j - 1]) <= 1.0 {
            j += 1;
        }
        let mut group = rules[i..j].to_vec();
        let pos = group.iter().map(across).sum::<f32>() / group.len() as f32;
        group.sort_by(|a, b| from(a).total_cmp(&from(b)));
        let mut run: Option<(f32, f32)> = None;
        let mut emit = |(a, b): (f32, f32)| {
            out.push(if horizontal {
                Rule {
                    x0: a,
                    y0: pos,
                    x1: b,
                    y1: pos,
                }
            } else {
                Rule {
                    x0: pos,
                    y0: a,
                    x1: pos,
                    y1: b,
                }
            })
        };
        for r in &group {
            let (a, b) = if horizontal {
                (r.x0, r.x1)
            } else {
                (r.y0, r.y1)
            };
            run = match run {
                Some((s, e)) if a <= e + SNAP => Some((s, e.max(b))),
                Some(prev) => {
                    emit(prev);
                    Some((a, b))
                }
                None => Some((a, b)),
            };
        }
        if let Some(prev) = run {
            emit(prev);
        }
        i = j;
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

/// Distinct positions (sorted ascending), those within [`SNAP`] made one.
fn positions(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    let mut group: Vec<f32> = Vec::new();
    for x in v {
        if group.last().is_some_and(|&l| x - l > SNAP) {
            out.push(group.iter().sum::<f32>() / group.len() as f32);
            group.clear();
        }
        group.push(x);
    }
    if !group.is_empty() {
        out.push(group.iter().sum::<f32>() / group.len() as f32);
    }
    out
}

/// The tables a page's rules draw (at most a few hundred rules are looked at
/// pairwise: a page with more is read without grids).
pub(crate) fn grids(rules: &[Rule]) -> Vec<Grid> {
    let hs = merge(
        rules.iter().filter(|r| r.horizontal()).copied().collect(),
        true,
    );
    let vs = merge(
        rules.iter().filter(|r| !r.horizontal()).copied().collect(),
        false,
    );
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > 4_000_000 {
        return Vec::new();
    }
    // Rules that touch are one table.
    let n = hs.len();
    let mut parent: Vec<usize> = (0..n + vs.len()).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.x0 >= h.x0 - SNAP
                && v.x0 <= h.x1 + SNAP
                && h.y0 >= v.y0 - SNAP
                && h.y0 <= v.y1 + SNAP
            {
                union(&mut parent, i, n + j);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Rule>, Vec<Rule>)> = Default::default();
    for i in 0..n + vs.len() {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < n {
            g.0.push(hs[i]);
        } else {
            g.1.push(vs[i - n]);
        }
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    out.sort_by(|a, b| b.ys[0].total_cmp(&a.ys[0]));
    out
}

fn grid(hs: &[Rule], vs: &[Rule]) -> Option<Grid> {
    // The outer edges are where the rules end, even where no rule runs
    // across there (a table broken over pages has no rule at the break).
    let (mut x_at, mut y_at): (Vec<f32>, Vec<f32>) = (
        vs.iter().map(|v| v.x0).collect(),
        hs.iter().map(|h| h.y0).collect(),
    );
    let outer = |at: &mut Vec<f32>, lo: f32, hi: f32| {
        let (min, max) = at
            .iter()
            .fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
        if lo < min - 2.0 * SNAP {
            at.push(lo);
        }
        if hi > max + 2.0 * SNAP {
            at.push(hi);
        }
    };
    let h_ends = hs
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), h| (a.min(h.x0), b.max(h.x1)));
    let v_ends = vs
        .iter()
        .fold((f32::MAX, f32::MIN), |(a, b), v| (a.min(v.y0), b.max(v.y1)));
    outer(&mut x_at, h_ends.0, h_ends.1);
    outer(&mut y_at, v_ends.0, v_ends.1);
    let xs = positions(x_at);
    let mut ys = positions(y_at);
    ys.reverse();
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 500 {
        return None;
    }
    let (nc, nr) = (xs.len() - 1, ys.len() - 1);
    let mid_x: Vec<f32> = (0..nc).map(|c| (xs[c] + xs[c + 1]) / 2.0).collect();
    let mid_y: Vec<f32> = (0..nr).map(|r| (ys[r] + ys[r + 1]) / 2.0).collect();
    // Is there a vertical rule at column boundary `c` through band `r`?
    let v_at = |c: usize, r: usize| {
        vs.iter()
            .any(|v| (v.x0 - xs[c]).abs() <= SNAP && v.y0 <= mid_y[r] && v.y1 >= mid_y[r])
    };
    let h_at = |r: usize, c: usize| {
        hs.iter()
            .any(|h| (h.y0 - ys[r]).abs() <= SNAP && h.x0 <= mid_x[c] && h.x1 >= mid_x[c])
    };
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !v_at(c + 1, r) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !h_at(r + 1, c) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    let mut index = std::collections::HashMap::new();
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut owner = vec![0; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let k = *index.entry(root).or_insert_with(|| {
                cells.push((r, c, r, c));
                cells.len() - 1
            });
            let cell = &mut cells[k];
            cell.2 = cell.2.max(r);
            cell.3 = cell.3.max(c);
            cell.1 = cell.1.min(c);
            owner[r * nc + c] = k;
        }
    }
    Some(Grid {
        xs,
        ys,
        owner,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::pdf::glyphs::{h, v};

    #[test]
    fn a_label_over_two_rows_is_one_cell_of_the_first_row() {
        // Two rows, three columns; the first column is merged over both rows.
        let rules = vec![
            h(0.0, 300.0, 100.0),
            h(100.0, 300.0, 80.0),
            h(0.0, 300.0, 60.0),
            v(0.0, 60.0, 100.0),
            v(100.0, 60.0, 100.0),
            v(200.0, 60.0, 100.0),
            v(300.0, 60.0, 100.0),
        ];
        let g = grids(&rules);
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!(g.cells.len(), 5);
        let label = g.cell_at(50.0, 65.0).unwrap();
        assert_eq!(g.cell_at(50.0, 95.0), Some(label));
        assert_eq!(g.cells[label], (0, 0, 1, 0));
        assert_ne!(g.cell_at(150.0, 95.0), g.cell_at(150.0, 65.0));
    }

    #[test]
    fn pieces_of_one_rule_join_and_separate_tables_stay_apart() {
        let rules = vec![
            h(0.0, 50.0, 100.0),
            h(50.0, 100.0, 100.0),
            h(0.0, 100.0, 90.0),
            v(0.0, 90.0, 100.0),
            v(100.0, 90.0, 100.0),
            h(0.0, 100.0, 40.0),
            h(0.0, 100.0, 30.0),
            v(0.0, 30.0, 40.0),
            v(100.0, 30.0, 40.0),
        ];
        let g = grids(&rules);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].cells.len(), 1);
        assert!(g[0].ys[0] > g[1].ys[0]);
    }
}
