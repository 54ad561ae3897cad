//! Fitting tokens to a row's cells, and splitting concatenated digits.
//!
//! A row (or table 4 as a whole) is a *run*: its cells, the tokens read for
//! it, and the candidate assignments of tokens to cells. A plain row has one
//! candidate. A run of digits printed without separators (`640020470`) has
//! one candidate per way of cutting it into the row's cells; the equations
//! (row totals, column totals, balance, table 4 groups, table 2's inequality,
//! figures in the prose) then keep the candidates that fit, across all runs
//! at once. One survivor is used and marked inferred; several make the
//! cells ambiguous with their candidates.

use super::tokens::Tok;
use crate::id::CellId;
use std::collections::BTreeSet;

/// Enumeration budget for one run, and for the joint search of one component.
const MAX_NODES: usize = 150_000;
/// At most this many candidates are kept for one run.
const MAX_CANDIDATES: usize = 20_000;
/// At most this many joint survivors are collected.
const MAX_SURVIVORS: usize = 4_000;
/// At most this many choices of values are tried for a row with values in
/// surplus (a row has at most 7 cells, and a surplus of a few values).
const MAX_SURPLUS_TRIES: usize = 4_096;

/// What one cell of a candidate holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Slot {
    /// Token `i` of the run as printed.
    Tok(usize),
    /// A part of a split digit run: the value and its text span.
    Part { v: i64, start: usize, end: usize },
    /// No token for this cell (a short row): the value is unknown.
    Unknown,
}

/// The cells of one row and the ways tokens may fill them.
#[derive(Debug, Clone)]
pub(crate) struct Run {
    pub cells: Vec<CellId>,
    pub toks: Vec<Tok>,
    pub cands: Vec<Vec<Slot>>,
    /// Candidates came from splitting digits or from placing too few tokens.
    pub inferred: bool,
    /// Why every cell of the run is unknown, when the run was given up.
    pub gave_up: Option<GaveUp>,
    /// The integer value of each token, read once.
    pub ints: Vec<Option<i64>>,
}

/// Why a run was given up: every cell of it is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GaveUp {
    /// The row's label was not found in the text.
    RowNotFound,
    /// Its digits could be split too many ways to enumerate.
    TooManyReadings,
    /// The table's text is in reading order, and no equation of the row
    /// vouches for the values printed after its label.
    ReadingOrder,
    /// The row's values fill its cells one way only, and that breaks the
    /// row's own equations.
    OneReadingBreaksRow,
}

/// What [`Run::skip_span_padding`] made of a row's leading empty cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Padding {
    /// None to skip, or the row reads as it did.
    None,
    /// Skipped: the values after them keep the row's equations, and no
    /// other reading does.
    Skipped,
    /// Skipped, and an equation holds on the values after them (blanks as
    /// 0, on sums not 0): evidence that the table's labels span empty cells.
    Vouched,
    /// Skipped or not, both readings keep the equations (blanks leave them
    /// unchecked): the values after them are the first candidate.
    Either,
}

impl GaveUp {
    /// The reason the row's cells carry (see [`crate::cell`]).
    pub fn reason(self) -> &'static str {
        match self {
            GaveUp::RowNotFound => crate::cell::UNREAD_ROW_NOT_FOUND,
            GaveUp::TooManyReadings => crate::cell::UNREAD_TOO_MANY_READINGS,
            GaveUp::ReadingOrder => crate::cell::UNREAD_READING_ORDER,
            GaveUp::OneReadingBreaksRow => crate::cell::UNREAD_ONE_READING_BREAKS_ROW,
        }
    }
}

/// One side's term in a constraint: a cell, or a constant (a figure the
/// prose states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Cell(CellId),
    Const(i64),
}

/// A constraint over cells: `sum(lhs) == sum(rhs)` or `sum(lhs) <= sum(rhs)`.
#[derive(Debug, Clone)]
pub(crate) struct Constraint {
    pub lhs: Vec<Term>,
    pub rhs: Vec<Term>,
    pub le: bool,
    /// Soft constraints (figures in the prose) are dropped when nothing survives them.
    pub soft: bool,
}

impl Constraint {
    fn holds(&self, l: i64, r: i64) -> bool {
        if self.le {
            l <= r
        } else {
            l == r
        }
    }
}

impl Run {
    fn slot_value(&self, s: Slot) -> Option<i64> {
        match s {
            Slot::Tok(i) => self.ints.get(i).copied().flatten(),
            Slot::Part { v, .. } => Some(v),
            Slot::Unknown => None,
        }
    }

    /// A run whose cells are all unknown, for the reason `why`; `toks`
    /// (possibly none) are the values printed where the row was looked for.
    pub fn given_up(cells: Vec<CellId>, toks: Vec<Tok>, why: GaveUp) -> Run {
        let n = cells.len();
        Run {
            ints: toks.iter().map(Tok::int).collect(),
            cells,
            toks,
            cands: vec![vec![Slot::Unknown; n]],
            inferred: false,
            gave_up: Some(why),
        }
    }

    /// Does an equation of the row's own vouch for its one reading as read:
    /// every cell of the equation valued, the equation kept, and its sums
    /// not zero? (A row of zeros keeps every equation, so it vouches for
    /// nothing.)
    pub fn vouched_as_read(&self, constraints: &[Constraint]) -> bool {
        let [cand] = &self.cands[..] else {
            return false;
        };
        !self.inferred
            && self.gave_up.is_none()
            && local_constraints(&self.cells, constraints)
                .iter()
                .filter(|c| !c.le)
                .any(|c| matches!(equation_sums(self, c, cand), Some((l, r)) if l == r && l != 0))
    }

    /// A row printed on one line of a table given as a full grid (camelot,
    /// tabula, a CSV of a web table, an HTML table with its merged cells
    /// split): its label's merged cells are empty cells after the label, so
    /// the row holds more values than cells, the surplus empty and first
    /// (`一、本年新收… |  |  | 26 |  |  |  |  |  | 26`). Those empty cells are
    /// the label's: the row is read from the values after them, when that
    /// reading keeps the row's own equations. When the surplus at the end is
    /// empty too and reading it so keeps them as well, with other values, the
    /// two readings are the row's candidates (its cells ambiguous), the
    /// values after the empty cells first; [`Padding::Either`] says so, and
    /// [`Padding::Vouched`] that an equation (blanks read as 0, on sums not 0)
    /// holds on the values after them.
    pub fn skip_span_padding(&mut self, constraints: &[Constraint]) -> Padding {
        let n = self.cells.len();
        let surplus = self.toks.len().saturating_sub(n);
        if surplus == 0 || self.toks[..surplus].iter().any(Tok::is_filled) {
            return Padding::None;
        }
        let local = local_constraints(&self.cells, constraints);
        let after: Vec<Slot> = (surplus..self.toks.len()).map(Slot::Tok).collect();
        if !fits(self, &local, &after) {
            return Padding::None;
        }
        let vouched = vouched_with_blanks_as_zero(self, &local, &after);
        let before: Vec<Slot> = (0..n).map(Slot::Tok).collect();
        let values = |cand: &[Slot]| -> Vec<Option<i64>> {
            cand.iter().map(|&s| self.slot_value(s)).collect()
        };
        let other = !self.toks[n..].iter().any(Tok::is_filled)
            && fits(self, &local, &before)
            && values(&before) != values(&after);
        self.inferred = other;
        self.cands = if other {
            vec![after, before]
        } else {
            vec![after]
        };
        match (vouched, other) {
            (true, _) => Padding::Vouched,
            (false, true) => Padding::Either,
            (false, false) => Padding::Skipped,
        }
    }

    /// Keeps the first of the candidates (a row read as [`Padding::Either`],
    /// when another row of its table vouches for the empty cells after the
    /// labels being the labels'), as inferred.
    pub fn keep_first_reading(&mut self) {
        self.cands.truncate(1);
        self.inferred = true;
    }

    /// Fits `toks` to `cells`, enumerating splits where there are too few
    /// tokens, filtered by the constraints that lie wholly inside the run.
    pub fn build(cells: Vec<CellId>, toks: Vec<Tok>, constraints: &[Constraint]) -> Run {
        let n = cells.len();
        let ints = toks.iter().map(Tok::int).collect();
        let mut run = Run {
            cells,
            toks,
            cands: Vec::new(),
            inferred: false,
            gave_up: None,
            ints,
        };
        if run.toks.len() == n {
            run.cands.push((0..n).map(Slot::Tok).collect());
            return run;
        }
        // (Listed only past the usual row, one token per cell: listing them
        // for every row took 1.4 % of the seed's parse + check.)
        let filled: Vec<usize> = (0..run.toks.len())
            .filter(|&i| run.toks[i].is_filled())
            .collect();
        if filled.len() == n {
            run.cands.push(filled.into_iter().map(Slot::Tok).collect());
            return run;
        }
        if run.toks.len() > n {
            let pick: Vec<usize> = if filled.len() > n {
                filled
            } else {
                (0..run.toks.len()).collect()
            };
            run.cands
                .push(pick.iter().take(n).copied().map(Slot::Tok).collect());
            run.choose_from_surplus(&pick, constraints);
            return run;
        }
        // Fewer tokens than cells: split digit runs, or place the tokens.
        let local = local_constraints(&run.cells, constraints);
        let max_cells: usize = run
            .toks
            .iter()
            .map(|t| t.splittable().map_or(1, str::len))
            .sum();
        run.inferred = true;
        let split = max_cells >= n;
        let mut nodes = run.enumerate(n, &local, split);
        // Several values printed apart (by spaces, not run into each other
        // as "0-30"), too few for the row: cells may have been left blank
        // (their blanks lost in extraction) as well as digits run together.
        // Both readings are candidates; the equations choose.
        let apart = filled.len() >= 2
            && filled
                .windows(2)
                .all(|w| run.toks[w[0]].end < run.toks[w[1]].start);
        if split && apart && !spent(&run, nodes) {
            let splits = std::mem::take(&mut run.cands);
            nodes += run.enumerate(n, &local, false);
            let placed = std::mem::replace(&mut run.cands, splits);
            for c in placed {
                if !run.cands.contains(&c) {
                    run.cands.push(c);
                }
            }
        }
        if spent(&run, nodes) {
            run.gave_up = Some(GaveUp::TooManyReadings);
            run.cands = vec![vec![Slot::Unknown; n]];
        }
        if run.cands.is_empty() {
            // Nothing satisfies the row's own equations: keep every split,
            // unfiltered, as candidates. One alone is no reading either: the
            // row's blank cells may have been lost (`2581211`, four values
            // and three blanks, split into seven digits), and its values are
            // not told.
            let nodes = run.enumerate(n, &[], split);
            if run.cands.is_empty() || nodes >= MAX_NODES {
                run.gave_up = Some(GaveUp::TooManyReadings);
                run.cands = vec![vec![Slot::Unknown; n]];
            } else if run.cands.len() == 1 && !local.is_empty() {
                run.gave_up = Some(GaveUp::OneReadingBreaksRow);
                run.cands = vec![vec![Slot::Unknown; n]];
            }
        }
        run
    }

    /// A row with more values than cells (a column header, a note or a page
    /// number among them, as text in reading order has; or a number wrapped
    /// in a narrow cell, `125` over `9`) keeps its first values when they fit
    /// the row's own equations. When they do not, the choices of values in
    /// order that fit become the candidates; failing those, the choices with
    /// adjacent values joined back into the number they were wrapped from
    /// (one is inferred, several leave the cells ambiguous). When nothing
    /// fits, which values are the row's cells cannot be told: the cells are
    /// unread, not filled by guess.
    ///
    /// A row with no equation of its own (most rows of table 2) keeps its
    /// first values (a stray number after them is a page's or a note's),
    /// unless it is one cell whose values read as one number printed in
    /// groups of three ("9 487"): then that number and each value are its
    /// candidates, and the cell is ambiguous.
    fn choose_from_surplus(&mut self, pick: &[usize], constraints: &[Constraint]) {
        let n = self.cells.len();
        let local = local_constraints(&self.cells, constraints);
        if local.is_empty() {
            if let Some(grouped) = self.grouped(pick).filter(|_| n == 1) {
                let mut found = vec![vec![grouped]];
                let items: Vec<Slot> = pick.iter().map(|&i| Slot::Tok(i)).collect();
                let mut budget = MAX_SURPLUS_TRIES;
                self.choices_into(&items, &[], false, &mut budget, &mut found);
                self.cands = found;
                self.inferred = true;
            }
            return;
        }
        let mut budget = MAX_SURPLUS_TRIES;
        let first_fits = fits(self, &local, &self.cands[0]);
        // The first values keep the equations only because a blank cell
        // leaves them unchecked, and fail with blanks as 0 (`29 | 5 |  |  | 2`,
        // a row number printed before the values): the choices that keep
        // them with blanks as 0, when there are any, are the readings.
        if first_fits && !fits_with_blanks_as_zero(self, &local, &self.cands[0]) {
            let items: Vec<Slot> = pick.iter().map(|&i| Slot::Tok(i)).collect();
            let mut found = Vec::new();
            self.choices_into(&items, &local, false, &mut budget, &mut found);
            found.retain(|c| {
                fits_with_blanks_as_zero(self, &local, c)
                    && vouched_with_blanks_as_zero(self, &local, c)
            });
            if !found.is_empty() {
                self.cands = found;
                self.inferred = true;
                return;
            }
        }
        let mut found = Vec::new();
        if first_fits {
            found.push(self.cands[0].clone());
        }
        // Numbers wrapped in a narrow cell: readings that join the surplus
        // values to their neighbours (`125 9`), or to the cells of the row's
        // line in order (the wrapped digits on a line of their own),
        // accounting for more of the printed values first (every surplus value joined, then one dropped and the
        // rest joined...). Only a row total can vouch for a joined number.
        let surplus = pick.len() - n;
        if local.iter().any(|c| !c.le) {
            for joins in (1..=surplus).rev() {
                let before = found.len();
                self.joined_choices_into(pick, joins, &local, &mut budget, &mut found);
                self.continued_choices_into(pick, joins, &local, &mut budget, &mut found);
                if found.len() > before {
                    break;
                }
            }
        }
        if found.is_empty() {
            // The values in order, some dropped.
            let items: Vec<Slot> = pick.iter().map(|&i| Slot::Tok(i)).collect();
            self.choices_into(&items, &local, false, &mut budget, &mut found);
        }
        match found.len() {
            0 => self.cands = vec![vec![Slot::Unknown; n]],
            1 if first_fits => {}
            _ => {
                self.cands = found;
                self.inferred = true;
            }
        }
    }

    /// The values `pick` as one number printed in groups of three digits
    /// (`9 487`, `12 172`; [`super::tokens::grouped_in_threes`]).
    fn grouped(&self, pick: &[usize]) -> Option<Slot> {
        let digits: Vec<&str> = pick
            .iter()
            .map(|&i| self.digits(i))
            .collect::<Option<_>>()?;
        let number = super::tokens::grouped_in_threes(digits.into_iter())?;
        Some(Slot::Part {
            v: number.parse().ok()?,
            start: self.toks[*pick.first()?].start,
            end: self.toks[*pick.last()?].end,
        })
    }

    /// Adds to `found` each choice of `n` of `items`, in order, that keeps
    /// `local` and whose values no earlier choice has; each choice tried
    /// costs one of `budget`.
    fn choices_into(
        &self,
        items: &[Slot],
        local: &[Local],
        vouch: bool,
        budget: &mut usize,
        found: &mut Vec<Vec<Slot>>,
    ) {
        let n = self.cells.len();
        let m = items.len();
        if m < n || choose(m, n) > *budget {
            return;
        }
        let mut idx: Vec<usize> = (0..n).collect();
        loop {
            *budget -= 1;
            let cand: Vec<Slot> = idx.iter().map(|&i| items[i]).collect();
            if fits(self, local, &cand) && (!vouch || vouched(self, local, &cand)) {
                self.push_new_values(found, cand);
            }
            if !next_choice(&mut idx, m) {
                break;
            }
        }
    }

    /// Adds `cand` to `found` unless a reading there has the same values.
    fn push_new_values(&self, found: &mut Vec<Vec<Slot>>, cand: Vec<Slot>) {
        let values =
            |c: &[Slot]| -> Vec<Option<i64>> { c.iter().map(|s| self.slot_value(*s)).collect() };
        let v = values(&cand);
        if !found.iter().any(|f| values(f) == v) {
            found.push(cand);
        }
    }

    /// The digits of token `i` when it is a plain run of ASCII digits.
    fn digits(&self, i: usize) -> Option<&str> {
        match &self.toks[i].kind {
            super::tokens::TokKind::Num { text, .. }
                if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Some(text.as_str())
            }
            _ => None,
        }
    }

    /// `a` and `b` written as one number (`125`, `9` → 1259), where they may
    /// be: `a` not starting with 0, at most twelve digits together.
    fn join(&self, a: usize, b: usize) -> Option<i64> {
        let (x, y) = (self.digits(a)?, self.digits(b)?);
        if x.starts_with('0') || x.len() + y.len() > 12 {
            return None;
        }
        format!("{x}{y}").parse().ok()
    }

    /// The readings of a row whose first `n` values are its cells and whose
    /// later values are the wrapped last digits of `used` of them, in column
    /// order (a narrow column prints `11` as `1` on the row's line and `1`
    /// under it): each choice of `used` of the later values and of as many
    /// cells, in order, that keeps `local` is added to `found`.
    fn continued_choices_into(
        &self,
        pick: &[usize],
        used: usize,
        local: &[Local],
        budget: &mut usize,
        found: &mut Vec<Vec<Slot>>,
    ) {
        let n = self.cells.len();
        if used == 0 || used > n || pick.len() < n {
            return;
        }
        let (line, later) = pick.split_at(n);
        if later.len() > 12 || choose(later.len(), used).saturating_mul(choose(n, used)) > *budget {
            return;
        }
        for mask in 0u32..(1 << later.len()) {
            if mask.count_ones() as usize != used {
                continue;
            }
            let tails: Vec<usize> = (0..later.len())
                .filter(|k| mask >> k & 1 == 1)
                .map(|k| later[k])
                .collect();
            let mut cells: Vec<usize> = (0..used).collect();
            loop {
                *budget = budget.saturating_sub(1);
                let mut cand: Vec<Slot> = line.iter().map(|&i| Slot::Tok(i)).collect();
                let mut ok = true;
                for (&c, &t) in cells.iter().zip(&tails) {
                    match self.join(line[c], t) {
                        Some(v) => {
                            cand[c] = Slot::Part {
                                v,
                                start: self.toks[line[c]].start,
                                end: self.toks[t].end,
                            }
                        }
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok && fits(self, local, &cand) && vouched(self, local, &cand) {
                    self.push_new_values(found, cand);
                }
                if !next_choice(&mut cells, n) {
                    break;
                }
            }
        }
    }

    /// [`Run::choices_into`] over the values with `joins` adjacent pairs
    /// joined back into one number each (`125`, `9` → 1259): only plain
    /// digits, the first not starting with 0, at most twelve digits together.
    fn joined_choices_into(
        &self,
        pick: &[usize],
        joins: usize,
        local: &[Local],
        budget: &mut usize,
        found: &mut Vec<Vec<Slot>>,
    ) {
        let m = pick.len();
        if m < 2 || m - 1 > 16 {
            return;
        }
        // The joined value of pair (pick[k], pick[k + 1]), where it may be one.
        let joined: Vec<Option<i64>> = (0..m - 1)
            .map(|k| self.join(pick[k], pick[k + 1]))
            .collect();
        for mask in 1u32..(1 << (m - 1)) {
            if *budget == 0 {
                return;
            }
            if mask.count_ones() as usize != joins
                || mask & (mask >> 1) != 0
                || (0..m - 1).any(|k| mask >> k & 1 == 1 && joined[k].is_none())
            {
                continue;
            }
            let mut items = Vec::with_capacity(m - joins);
            let mut k = 0;
            while k < m {
                match joined.get(k) {
                    Some(Some(v)) if mask >> k & 1 == 1 => {
                        items.push(Slot::Part {
                            v: *v,
                            start: self.toks[pick[k]].start,
                            end: self.toks[pick[k + 1]].end,
                        });
                        k += 2;
                    }
                    _ => {
                        items.push(Slot::Tok(pick[k]));
                        k += 1;
                    }
                }
            }
            self.choices_into(&items, local, true, budget, found);
        }
    }

    /// A row printed over several lines (a wrapped label, with a value on its
    /// first line and the rest on the next, as `pdftotext -layout` writes a
    /// vertically centred cell) may list its values out of column order.
    /// When the values as read break the row's own equations, the orders of
    /// its lines that keep them become the candidates: one is inferred,
    /// several leave the cells ambiguous, none leaves them unread (the lines
    /// are not the row's cells). `line_starts` holds the index of
    /// the first token of each line of the row (0 first): at least the first
    /// four, when the row has that many, as a row of more lines is never
    /// reordered.
    pub fn reorder_lines(&mut self, line_starts: &[usize], constraints: &[Constraint]) {
        if self.gave_up.is_some() || self.cands.len() != 1 || !(2..=3).contains(&line_starts.len())
        {
            return;
        }
        let order: Vec<usize> = match self.cands[0]
            .iter()
            .map(|s| match s {
                Slot::Tok(i) => Some(*i),
                _ => None,
            })
            .collect::<Option<Vec<usize>>>()
        {
            Some(o) => o,
            None => return,
        };
        let local = local_constraints(&self.cells, constraints);
        if local.is_empty() || fits(self, &local, &self.cands[0]) {
            return;
        }
        // The lines that hold the reading's values (a line of blank cells
        // only, a header's, is not one of them), numbered from 0.
        let mut used: Vec<usize> = order
            .iter()
            .map(|&i| line_starts.partition_point(|&s| s <= i) - 1)
            .collect();
        used.sort_unstable();
        used.dedup();
        let lines = used.len();
        if !(2..=3).contains(&lines) {
            return;
        }
        let line_of = |i: usize| {
            let l = line_starts.partition_point(|&s| s <= i) - 1;
            used.iter().position(|&u| u == l).unwrap_or(0)
        };
        let perms: &[&[usize]] = if lines == 2 {
            &[&[1, 0]]
        } else {
            &[&[0, 2, 1], &[1, 0, 2], &[1, 2, 0], &[2, 0, 1], &[2, 1, 0]]
        };
        let mut found = Vec::new();
        for perm in perms {
            let mut cand: Vec<Slot> = Vec::with_capacity(order.len());
            for &l in perm.iter() {
                cand.extend(
                    order
                        .iter()
                        .filter(|&&i| line_of(i) == l)
                        .map(|&i| Slot::Tok(i)),
                );
            }
            if fits(self, &local, &cand) && !found.contains(&cand) {
                found.push(cand);
            }
        }
        if found.is_empty() {
            // No order keeps the row's own total: the lines are not the
            // row's cells in any order (digits wrapped in narrow columns,
            // say). The values as read would be a guess: the cells are unread.
            self.cands = vec![vec![Slot::Unknown; self.cells.len()]];
        } else {
            self.cands = found;
            self.inferred = true;
        }
    }

    /// Enumerates the candidates (splits of digit runs, or placements of too
    /// few tokens) that satisfy `local`; returns the nodes visited.
    fn enumerate(&mut self, n: usize, local: &[Local], split: bool) -> usize {
        let mut nodes = 0usize;
        let mut cur = Vec::with_capacity(n);
        if split {
            split_dfs(self, 0, n, local, &mut cur, &mut nodes);
        } else {
            place_dfs(self, 0, n, local, &mut cur, &mut nodes);
        }
        nodes
    }

    /// The span of all the run's tokens.
    pub fn span(&self) -> Option<(usize, usize)> {
        let s = self.toks.iter().map(|t| t.start).min()?;
        let e = self.toks.iter().map(|t| t.end).max()?;
        Some((s, e))
    }
}

/// Local constraints as slot indexes, with the index after which each can be checked.
struct Local {
    lhs: Vec<usize>,
    rhs: Vec<usize>,
    le: bool,
    last: usize,
}

impl Local {
    /// Do the sums `l` and `r` of its two sides keep it?
    fn holds(&self, l: i64, r: i64) -> bool {
        if self.le {
            l <= r
        } else {
            l == r
        }
    }
}

/// The constraints whose terms are all cells of the run, by cell index.
fn local_constraints(cells: &[CellId], constraints: &[Constraint]) -> Vec<Local> {
    // Each cell's index in the run, by the cell's ordinal: every constraint
    // of the format is looked at, for every run (a scan of the run's cells
    // for each term took 9 % of report 003's instructions).
    // (A cell the run holds twice is at its first index, as a scan finds it;
    // a run is one row or table 4, at most 15 cells, so an index fits a u8.)
    let mut index: [Option<u8>; CellId::COUNT] = [None; CellId::COUNT];
    for (i, c) in cells.iter().enumerate().rev() {
        if let (Some(slot), Ok(i)) = (index.get_mut(c.ordinal()), u8::try_from(i)) {
            *slot = Some(i);
        }
    }
    let pos = |t: &Term| match t {
        Term::Cell(id) => index.get(id.ordinal()).copied().flatten().map(usize::from),
        Term::Const(_) => None,
    };
    constraints
        .iter()
        .filter(|c| !c.soft)
        // (Each constraint's terms are looked up before its lists are made:
        // most constraints are not the run's, and the lists begun for them
        // cost report 003's parse + check 7 %, the seed's 1 %.)
        .filter(|c| c.lhs.iter().chain(&c.rhs).all(|t| pos(t).is_some()))
        .filter_map(|c| {
            let lhs: Vec<usize> = c.lhs.iter().filter_map(pos).collect();
            let rhs: Vec<usize> = c.rhs.iter().filter_map(pos).collect();
            let last = lhs.iter().chain(rhs.iter()).copied().max()?;
            Some(Local {
                lhs,
                rhs,
                le: c.le,
                last,
            })
        })
        .collect()
}

fn check_local(run: &Run, local: &[Local], cur: &[Slot]) -> bool {
    let at = cur.len() - 1;
    for c in local.iter().filter(|c| c.last == at) {
        let sum = |idx: &[usize]| -> Option<i64> {
            idx.iter().try_fold(0i64, |acc, &i| {
                Some(acc.saturating_add(run.slot_value(cur[i])?))
            })
        };
        if let (Some(l), Some(r)) = (sum(&c.lhs), sum(&c.rhs)) {
            if !c.holds(l, r) {
                return false;
            }
        }
    }
    true
}

/// Steps `idx`, a choice of `idx.len()` of `0..m` in increasing order, to the
/// next such choice; false after the last.
fn next_choice(idx: &mut [usize], m: usize) -> bool {
    let n = idx.len();
    let Some(k) = (0..n).rev().find(|&k| idx[k] < m - n + k) else {
        return false;
    };
    idx[k] += 1;
    for j in k + 1..n {
        idx[j] = idx[j - 1] + 1;
    }
    true
}

/// The number of ways to choose `k` of `n` (saturating).
fn choose(n: usize, k: usize) -> usize {
    if k > n {
        return 0;
    }
    (0..k.min(n - k)).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Does an equation of `local` hold on `cand` with every one of its cells
/// valued? (A blank cell leaves an equation unchecked, which vouches for no
/// reading: a number joined from two values needs one that is checked.)
fn vouched(run: &Run, local: &[Local], cand: &[Slot]) -> bool {
    local
        .iter()
        .filter(|c| !c.le)
        .any(|c| matches!(equation_sums(run, c, cand), Some((l, r)) if l == r))
}

/// The two sides of the equation `c` on `cand`, when every cell of it is valued.
fn equation_sums(run: &Run, c: &Local, cand: &[Slot]) -> Option<(i64, i64)> {
    let sum = |idx: &[usize]| -> Option<i64> {
        idx.iter().try_fold(0i64, |acc, &i| {
            Some(acc.saturating_add(run.slot_value(cand[i])?))
        })
    };
    Some((sum(&c.lhs)?, sum(&c.rhs)?))
}

/// Does the whole candidate `cand` keep the constraints `local`?
fn fits(run: &Run, local: &[Local], cand: &[Slot]) -> bool {
    (1..=cand.len()).all(|k| check_local(run, local, &cand[..k]))
}

/// The two sides of the equation `c` on `cand` with its empty cells read as
/// 0, when every other cell of it is valued.
fn sums_with_blanks_as_zero(run: &Run, c: &Local, cand: &[Slot]) -> (Option<i64>, Option<i64>) {
    let value = |s: Slot| match s {
        Slot::Tok(i) if !run.toks[i].is_filled() => Some(0),
        _ => run.slot_value(s),
    };
    let sum = |idx: &[usize]| -> Option<i64> {
        idx.iter()
            .try_fold(0i64, |acc, &i| Some(acc.saturating_add(value(cand[i])?)))
    };
    (sum(&c.lhs), sum(&c.rhs))
}

/// Does an equation of `local` (not an inequality) hold on `cand` with
/// empty cells read as 0, on sums that are not 0? (Blanks everywhere keep
/// every equation and vouch for nothing.)
fn vouched_with_blanks_as_zero(run: &Run, local: &[Local], cand: &[Slot]) -> bool {
    local.iter().filter(|c| !c.le).any(|c| {
        matches!(sums_with_blanks_as_zero(run, c, cand), (Some(l), Some(r)) if l == r && l != 0)
    })
}

/// Does `cand` keep every equation of `local` with its empty cells read as
/// 0? (An equation with a mark or an unread value in it is not checked.)
fn fits_with_blanks_as_zero(run: &Run, local: &[Local], cand: &[Slot]) -> bool {
    local
        .iter()
        .all(|c| match sums_with_blanks_as_zero(run, c, cand) {
            (Some(l), Some(r)) => c.holds(l, r),
            _ => true,
        })
}

/// Cells still reachable from token `p` on: (fewest, most).
fn reach(run: &Run, p: usize) -> (usize, usize) {
    let rest = &run.toks[p..];
    (
        rest.len(),
        rest.iter()
            .map(|t| t.splittable().map_or(1, str::len))
            .sum(),
    )
}

/// Has the enumeration of `run` used up its budget?
fn spent(run: &Run, nodes: usize) -> bool {
    nodes >= MAX_NODES || run.cands.len() >= MAX_CANDIDATES
}

fn split_dfs(
    run: &mut Run,
    p: usize,
    n: usize,
    local: &[Local],
    cur: &mut Vec<Slot>,
    nodes: &mut usize,
) {
    *nodes += 1;
    if spent(run, *nodes) {
        return;
    }
    let left = n - cur.len();
    let (lo, hi) = reach(run, p);
    if left < lo || left > hi {
        return;
    }
    if p == run.toks.len() {
        if left == 0 {
            run.cands.push(cur.clone());
        }
        return;
    }
    let tok = run.toks[p].clone();
    match tok.splittable() {
        Some(d) if d.len() > 1 => {
            let cut = Cut {
                after: reach(run, p + 1),
                digits: d.bytes().collect(),
                negative: tok.negative(),
                text_len: tok.cell_text().len().max(1),
                start: tok.start,
                end: tok.end,
            };
            cut_dfs(run, p, &cut, 0, n, local, cur, nodes);
        }
        _ => {
            cur.push(Slot::Tok(p));
            if check_local(run, local, cur) {
                split_dfs(run, p + 1, n, local, cur, nodes);
            }
            cur.pop();
        }
    }
}

/// A token whose digits are cut into parts: what the cutting reads of it,
/// read once (reading its text's length and sign at each cut, a `NumText`
/// checked as UTF-8 each time, made report 003 take 30 % more instructions).
struct Cut {
    /// The cells the tokens after it can fill: (fewest, most).
    after: (usize, usize),
    digits: Vec<u8>,
    negative: bool,
    /// The length of its text (at least 1).
    text_len: usize,
    start: usize,
    end: usize,
}

/// Cuts the digits of token `p` from `from` on into one or more parts.
#[allow(clippy::too_many_arguments)]
fn cut_dfs(
    run: &mut Run,
    p: usize,
    cut: &Cut,
    from: usize,
    n: usize,
    local: &[Local],
    cur: &mut Vec<Slot>,
    nodes: &mut usize,
) {
    *nodes += 1;
    if *nodes >= MAX_NODES || cur.len() >= n {
        return;
    }
    let digits = &cut.digits;
    let remaining_digits = digits.len() - from;
    // A part may not have a leading zero (a lone "0" is fine); at most 12 digits.
    let max_len = if digits[from] == b'0' {
        1
    } else {
        remaining_digits.min(12)
    };
    // Byte offsets: the token text is ASCII, but the source may hold
    // full-width digits; spread the span proportionally. The last part
    // keeps the fraction of a decimal amount.
    let (negative, text_len, start, end) = (cut.negative, cut.text_len, cut.start, cut.end);
    let width = end - start;
    let sign = usize::from(negative);
    // Cells left to fill once a part is cut: the token's other digits and
    // the tokens after it must fill them (so a cut that leaves too few
    // digits, or too many, is not tried: report 003 −19.5 %; a proptest
    // holds the readings found to every cut of the digits). Untried cuts
    // count no step of the search's budget: a row of some 25 run-together
    // digits that used to use it up, and be left unread, is read in full
    // (`long_concatenated_rows_fit_the_search_budget`).
    let left = n - cur.len() - 1;
    let (lo, hi) = cut.after;
    for len in 1..=max_len {
        let to = from + len;
        let rest = digits.len() - to;
        if rest > 0 && (left < 1 + lo || left > rest + hi) {
            if left > rest + hi {
                // Longer parts leave fewer digits still.
                break;
            }
            continue;
        }
        let mut v: i64 = digits[from..to]
            .iter()
            .fold(0i64, |a, d| a * 10 + i64::from(d - b'0'));
        if from == 0 && negative {
            v = -v;
        }
        let s = start + width * (from + if from == 0 { 0 } else { sign }) / text_len;
        let e = if to == digits.len() {
            end
        } else {
            start + width * (to + sign) / text_len
        };
        cur.push(Slot::Part {
            v,
            start: s,
            end: e,
        });
        if check_local(run, local, cur) {
            if to == digits.len() {
                split_dfs(run, p + 1, n, local, cur, nodes);
            } else {
                cut_dfs(run, p, cut, to, n, local, cur, nodes);
            }
        }
        cur.pop();
    }
}

/// Places the tokens, in order, into `n` cells, leaving the others unknown.
fn place_dfs(
    run: &mut Run,
    p: usize,
    n: usize,
    local: &[Local],
    cur: &mut Vec<Slot>,
    nodes: &mut usize,
) {
    *nodes += 1;
    if spent(run, *nodes) {
        return;
    }
    let left = n - cur.len();
    let toks_left = run.toks.len() - p;
    if left < toks_left {
        return;
    }
    if left == 0 {
        run.cands.push(cur.clone());
        return;
    }
    if p < run.toks.len() {
        cur.push(Slot::Tok(p));
        if check_local(run, local, cur) {
            place_dfs(run, p + 1, n, local, cur, nodes);
        }
        cur.pop();
    }
    if left > toks_left {
        cur.push(Slot::Unknown);
        place_dfs(run, p, n, local, cur, nodes);
        cur.pop();
    }
}

/// Where a cell's value comes from during the joint search.
#[derive(Clone, Copy)]
enum Ref {
    Fixed(Option<i64>),
    Var(usize, usize),
}

/// Keeps, for every run with several candidates, those that fit all the
/// constraints together. Returns the surviving candidate indexes per run.
pub(crate) fn solve<'c>(
    runs: &[Run],
    constraints: impl IntoIterator<Item = &'c Constraint>,
) -> Vec<Vec<usize>> {
    let mut result: Vec<Vec<usize>> = runs.iter().map(|r| (0..r.cands.len()).collect()).collect();
    let vars: Vec<usize> = (0..runs.len())
        .filter(|&i| runs[i].cands.len() > 1)
        .collect();
    if vars.is_empty() {
        return result;
    }
    let cs = linked_constraints(runs, &vars, constraints);
    for mut comp in components(&vars, &cs) {
        comp.sort_by_key(|&r| runs[r].cands.len());
        let comp_cs: Vec<&Linked> = cs
            .iter()
            .filter(|c| c.vars.iter().any(|v| comp.contains(v)))
            .collect();
        let mut survivors = search(runs, &comp, &comp_cs, true);
        if survivors
            .as_ref()
            .is_none_or(|s| s.iter().all(Vec::is_empty))
        {
            survivors = search(runs, &comp, &comp_cs, false);
        }
        if let Some(s) = survivors {
            if s.iter().any(|v| !v.is_empty()) {
                for (k, &r) in comp.iter().enumerate() {
                    result[r] = s[k].clone();
                }
            }
        }
    }
    result
}

/// A constraint with its terms resolved to the runs: a term is fixed (a
/// constant, a cell of a settled run, or a cell no run reads) or a cell of a
/// run with several candidates.
struct Linked {
    lhs: Vec<Ref>,
    rhs: Vec<Ref>,
    con: Constraint,
    /// The runs with several candidates it involves.
    vars: BTreeSet<usize>,
}

/// The constraints that involve a run with several candidates (`vars`).
fn linked_constraints<'c>(
    runs: &[Run],
    vars: &[usize],
    constraints: impl IntoIterator<Item = &'c Constraint>,
) -> Vec<Linked> {
    // Where each cell is (by the cell's ordinal; the last run holding it).
    let mut at: Vec<Option<(usize, usize)>> = vec![None; CellId::COUNT];
    for (ri, r) in runs.iter().enumerate() {
        for (ci, &id) in r.cells.iter().enumerate() {
            if let Some(slot) = at.get_mut(id.ordinal()) {
                *slot = Some((ri, ci));
            }
        }
    }
    let resolve = |t: &Term| -> Ref {
        let id = match *t {
            Term::Const(v) => return Ref::Fixed(Some(v)),
            Term::Cell(id) => id,
        };
        match at.get(id.ordinal()).copied().flatten() {
            None => Ref::Fixed(None),
            Some((ri, ci)) if vars.contains(&ri) => Ref::Var(ri, ci),
            Some((ri, ci)) => Ref::Fixed(
                runs[ri]
                    .cands
                    .first()
                    .and_then(|c| runs[ri].slot_value(c[ci])),
            ),
        }
    };
    constraints
        .into_iter()
        // (Told without making its lists first: most constraints involve no
        // such run, and the lists made for them cost report 025's parse +
        // check 1.4 %.)
        .filter(|c| {
            c.lhs
                .iter()
                .chain(&c.rhs)
                .any(|t| matches!(resolve(t), Ref::Var(..)))
        })
        .filter_map(|c| {
            let lhs: Vec<Ref> = c.lhs.iter().map(resolve).collect();
            let rhs: Vec<Ref> = c.rhs.iter().map(resolve).collect();
            let vars: BTreeSet<usize> = lhs
                .iter()
                .chain(rhs.iter())
                .filter_map(|r| match r {
                    Ref::Var(ri, _) => Some(*ri),
                    Ref::Fixed(_) => None,
                })
                .collect();
            (!vars.is_empty()).then(|| Linked {
                lhs,
                rhs,
                con: c.clone(),
                vars,
            })
        })
        .collect()
}

/// The runs in `vars` grouped into components that constraints link.
fn components(vars: &[usize], cs: &[Linked]) -> Vec<Vec<usize>> {
    // Union-find over run indices (each its own root at first).
    let mut parent: Vec<usize> = (0..vars.iter().max().map_or(0, |m| m + 1)).collect();
    fn find(parent: &mut [usize], x: usize) -> usize {
        let p = parent[x];
        if p == x {
            return x;
        }
        let r = find(parent, p);
        parent[x] = r;
        r
    }
    for c in cs {
        let mut it = c.vars.iter();
        if let Some(&first) = it.next() {
            for &o in it {
                let (a, b) = (find(&mut parent, first), find(&mut parent, o));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut comps: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for &v in vars {
        let root = find(&mut parent, v);
        comps.entry(root).or_default().push(v);
    }
    comps.into_values().collect()
}

/// The state of a backtracking search over one component's runs.
struct Search<'a> {
    runs: &'a [Run],
    comp: &'a [usize],
    /// Position in `comp` of each run, by run index (`None`: not in it).
    order: Vec<Option<usize>>,
    /// The constraints to check once the run at each position is chosen
    /// (the last of their runs in search order).
    check_at: Vec<Vec<&'a Linked>>,
    chosen: Vec<usize>,
    /// The candidates of each run that some full assignment kept.
    seen: Vec<BTreeSet<usize>>,
    nodes: usize,
    found: usize,
}

impl Search<'_> {
    /// The value a term takes under the current choices.
    fn value(&self, rf: &Ref) -> Option<i64> {
        match *rf {
            Ref::Fixed(v) => v,
            Ref::Var(ri, cell) => {
                // Not in the component (never so: a constraint's runs are in one).
                let k = self.order.get(ri).copied().flatten()?;
                let cand = &self.runs[ri].cands[self.chosen[k]];
                self.runs[ri].slot_value(cand[cell])
            }
        }
    }

    /// Do the constraints checked at position `k` hold (or not yet apply)?
    fn fits(&self, k: usize) -> bool {
        self.check_at[k].iter().all(|c| {
            let sum = |side: &[Ref]| {
                side.iter()
                    .try_fold(0i64, |a, x| Some(a.saturating_add(self.value(x)?)))
            };
            match (sum(&c.lhs), sum(&c.rhs)) {
                (Some(l), Some(r)) => c.con.holds(l, r),
                _ => true,
            }
        })
    }

    /// Tries every candidate of the run at position `k` and the runs after
    /// it; `false` when the budget ran out.
    fn go(&mut self, k: usize) -> bool {
        self.nodes += 1;
        if self.nodes > MAX_NODES || self.found > MAX_SURVIVORS {
            return false;
        }
        if k == self.comp.len() {
            self.found += 1;
            for (i, &c) in self.chosen.iter().enumerate() {
                self.seen[i].insert(c);
            }
            return true;
        }
        let r = self.comp[k];
        for ci in 0..self.runs[r].cands.len() {
            // The budget counts every candidate tried, not only the nodes.
            self.nodes += 1;
            if self.nodes > MAX_NODES {
                return false;
            }
            self.chosen[k] = ci;
            if self.fits(k) && !self.go(k + 1) {
                return false;
            }
        }
        true
    }
}

/// Backtracking over the component's runs: the candidates of each that some
/// assignment fitting every constraint keeps; `None` when the budget ran out.
fn search(
    runs: &[Run],
    comp: &[usize],
    cs: &[&Linked],
    with_soft: bool,
) -> Option<Vec<Vec<usize>>> {
    let mut order = vec![None; runs.len()];
    for (k, &r) in comp.iter().enumerate() {
        order[r] = Some(k);
    }
    let mut check_at: Vec<Vec<&Linked>> = vec![Vec::new(); comp.len()];
    for &c in cs {
        if c.con.soft && !with_soft {
            continue;
        }
        if let Some(last) = c.vars.iter().filter_map(|&v| order[v]).max() {
            check_at[last].push(c);
        }
    }
    let mut s = Search {
        runs,
        comp,
        order,
        check_at,
        chosen: vec![0; comp.len()],
        seen: vec![BTreeSet::new(); comp.len()],
        nodes: 0,
        found: 0,
    };
    let complete = s.go(0);
    complete.then(|| {
        s.seen
            .into_iter()
            .map(|s| s.into_iter().collect())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::{NumText, TokKind};
    use super::*;
    use crate::id::{T2Col, T3Row};
    use crate::schema::{T2Row, T3Col};

    // Rows of table 3 that the tests fill (any rows would do).
    const X: T3Row = T3Row::Disclosed;
    const A: T3Row = T3Row::NewReceived;
    const B: T3Row = T3Row::CarriedOver;

    fn num(s: &str, start: usize) -> Tok {
        Tok {
            kind: TokKind::Num {
                text: NumText::new(s),
                unit: None,
            },
            start,
            end: start + s.len(),
            glued: true,
        }
    }

    fn row_cells(row: T3Row) -> Vec<CellId> {
        T3Col::ALL.iter().map(|&c| row.cell(c)).collect()
    }

    fn row_total(row: T3Row) -> Constraint {
        Constraint {
            lhs: T3Col::APPLICANTS
                .iter()
                .map(|&c| Term::Cell(row.cell(c)))
                .collect(),
            rhs: vec![Term::Cell(row.cell(T3Col::Total))],
            le: false,
            soft: false,
        }
    }

    fn values(run: &Run, cand: usize) -> Vec<Option<i64>> {
        run.cands[cand].iter().map(|s| run.slot_value(*s)).collect()
    }

    /// Every reading of `digits` (one string per token, in order) as cells:
    /// each token cut into parts of at most 12 digits, none with a leading
    /// zero but a lone `0`, shorter parts first; a one-digit token is one cell.
    fn every_cut(digits: &[String], cur: &mut Vec<i64>, out: &mut Vec<Vec<i64>>) {
        let Some((first, rest)) = digits.split_first() else {
            out.push(cur.clone());
            return;
        };
        if first.is_empty() {
            every_cut(rest, cur, out);
            return;
        }
        let max = if first.starts_with('0') {
            1
        } else {
            first.len().min(12)
        };
        for len in 1..=max {
            cur.push(first[..len].parse().unwrap());
            let mut left = digits.to_vec();
            left[0] = first[len..].to_string();
            if left[0].is_empty() {
                every_cut(rest, cur, out);
            } else {
                every_cut(&left, cur, out);
            }
            cur.pop();
        }
    }

    proptest::proptest! {
        /// Cutting concatenated digits finds every reading that fills the
        /// row and keeps its equation, in order, and nothing else: the cuts
        /// it leaves untried (too few or too many digits left) hold none.
        #[test]
        fn cutting_finds_every_reading_that_keeps_the_row(
            // Small digits, zeros above all, so that many readings keep the row.
            digits in proptest::collection::vec("[0-2]{1,5}|0{1,5}|[0-9]{1,5}", 1..=3)
        ) {
            let cells = row_cells(A);
            let n = cells.len();
            let local = local_constraints(&cells, &[row_total(A)]);
            let toks: Vec<Tok> = digits.iter().enumerate().map(|(i, d)| num(d, 10 * i)).collect();
            let mut run = Run {
                cells,
                ints: toks.iter().map(Tok::int).collect(),
                toks,
                cands: Vec::new(),
                inferred: true,
                gave_up: None,
            };
            run.enumerate(n, &local, true);
            let found: Vec<Vec<Option<i64>>> = (0..run.cands.len()).map(|c| values(&run, c)).collect();
            let mut all = Vec::new();
            every_cut(&digits, &mut Vec::new(), &mut all);
            let want: Vec<Vec<Option<i64>>> = all
                .into_iter()
                .filter(|v| v.len() == n && v[..n - 1].iter().sum::<i64>() == v[n - 1])
                .map(|v| v.into_iter().map(Some).collect())
                .collect();
            proptest::prop_assert_eq!(found, want);
        }
    }

    #[test]
    fn a_concatenated_row_that_splits_one_way_only_and_breaks_its_total_is_unread() {
        // "2581211": seven digits for seven cells, but 2+5+8+1+2+1 is not 1
        // (four values, 258 12 1 1, and three blanks lost): no reading.
        let r = Run::build(row_cells(X), vec![num("2581211", 0)], &[row_total(X)]);
        assert_eq!(r.cands, vec![vec![Slot::Unknown; 7]]);
        assert_eq!(r.gave_up, Some(GaveUp::OneReadingBreaksRow));
        // One digit a cell that keeps the total is read.
        let r = Run::build(row_cells(X), vec![num("1000001", 0)], &[row_total(X)]);
        assert_eq!(all_values(&r), vec![some(&[1, 0, 0, 0, 0, 0, 1])]);
        // A row with no equation of its own keeps its one split.
        let r = Run::build(row_cells(X), vec![num("2581211", 0)], &[]);
        assert_eq!(all_values(&r), vec![some(&[2, 5, 8, 1, 2, 1, 1])]);
    }

    #[test]
    fn concatenated_row_splits_only_where_the_total_fits() {
        let r = Run::build(row_cells(X), vec![num("640020470", 0)], &[row_total(X)]);
        assert!(r.inferred);
        let all: Vec<_> = (0..r.cands.len()).map(|i| values(&r, i)).collect();
        assert!(
            all.contains(&[64, 0, 0, 2, 0, 4, 70].map(Some).to_vec()),
            "{all:?}"
        );
        for v in &all {
            let v: Vec<i64> = v.iter().map(|x| x.unwrap()).collect();
            assert_eq!(v[..6].iter().sum::<i64>(), v[6]);
        }
    }

    #[test]
    fn long_concatenated_rows_fit_the_search_budget() {
        // 25 digits run together into seven cells: the cuts that leave the
        // rest of the row too few or too many digits are not tried, so the
        // search ends within its budget with the one reading whose total
        // fits (it used to count every cut, and gave the row up).
        let r = Run::build(
            row_cells(A),
            vec![num("5893054962767818930615118", 0)],
            &[row_total(A)],
        );
        assert_eq!(r.gave_up, None);
        assert_eq!(r.cands.len(), 1);
        assert_eq!(
            values(&r, 0),
            [589, 305, 4962, 767, 8189, 306, 15118].map(Some).to_vec()
        );
    }

    #[test]
    fn leading_zeros_are_not_numbers() {
        let cells = row_cells(X)[..3].to_vec();
        let r = Run::build(cells, vec![num("000", 0)], &[]);
        assert_eq!(r.cands.len(), 1);
        assert_eq!(values(&r, 0), vec![Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn column_sums_settle_rows_the_row_sum_leaves_open() {
        // Two rows each with two splits; a column total fixes both.
        let a = Run::build(row_cells(A), vec![num("270020130", 0)], &[row_total(A)]);
        let b = Run::build(row_cells(B), vec![num("220000325", 20)], &[row_total(B)]);
        assert!(a.cands.len() >= 2 && b.cands.len() >= 2);
        let person = |r: T3Row| Term::Cell(r.cell(T3Col::NaturalPerson));
        let col = Constraint {
            lhs: vec![person(A), person(B)],
            rhs: vec![person(T3Row::Total)],
            le: false,
            soft: false,
        };
        let t = Run::build(
            vec![T3Row::Total.cell(T3Col::NaturalPerson)],
            vec![num("49", 40)],
            &[],
        );
        let runs = vec![a, b, t];
        let s = solve(&runs, &[row_total(A), row_total(B), col]);
        assert_eq!(s[0].len(), 1);
        assert_eq!(s[1].len(), 1);
        assert_eq!(values(&runs[0], s[0][0])[0], Some(27));
        assert_eq!(values(&runs[1], s[1][0])[0], Some(22));
    }

    #[test]
    fn short_rows_place_tokens_and_leave_unknowns() {
        let paths = row_cells(X)[..3].to_vec();
        let mut t22 = num("22", 0);
        t22.glued = false;
        let toks = vec![
            t22,
            Tok {
                kind: TokKind::Mark("/".into()),
                start: 5,
                end: 6,
                glued: false,
            },
        ];
        let r = Run::build(paths, toks, &[]);
        assert_eq!(r.cands.len(), 3);
        assert!(r
            .cands
            .iter()
            .all(|c| c.iter().filter(|s| **s == Slot::Unknown).count() == 1));
    }

    fn nums(values: &[&str]) -> Vec<Tok> {
        let mut at = 0;
        values
            .iter()
            .map(|v| {
                let t = num(v, at);
                at += v.len() + 1;
                t
            })
            .collect()
    }

    #[test]
    fn a_row_whose_total_is_printed_on_the_line_above_is_read_in_column_order() {
        // pdftotext -layout: "（二）部分公开（区分处理的… 9" then "8 1 0 0 0 0".
        let mut r = Run::build(
            row_cells(X),
            nums(&["9", "8", "1", "0", "0", "0", "0"]),
            &[row_total(X)],
        );
        r.reorder_lines(&[0, 1], &[row_total(X)]);
        assert_eq!(r.cands.len(), 1);
        assert!(r.inferred);
        assert_eq!(values(&r, 0), [8, 1, 0, 0, 0, 0, 9].map(Some).to_vec());
    }

    #[test]
    fn a_row_that_fits_as_read_or_is_printed_on_one_line_is_left_as_read() {
        let fits = nums(&["8", "1", "0", "0", "0", "0", "9"]);
        let mut r = Run::build(row_cells(X), fits, &[row_total(X)]);
        r.reorder_lines(&[0, 6], &[row_total(X)]);
        assert!(!r.inferred);
        assert_eq!(values(&r, 0), [8, 1, 0, 0, 0, 0, 9].map(Some).to_vec());
        // On one line, a row that breaks its total is read as printed: the
        // equation will say so.
        let broken = nums(&["5", "8", "1", "0", "0", "0", "0"]);
        let mut r = Run::build(row_cells(X), broken, &[row_total(X)]);
        r.reorder_lines(&[0], &[row_total(X)]);
        assert_eq!(values(&r, 0), [5, 8, 1, 0, 0, 0, 0].map(Some).to_vec());
    }

    #[test]
    fn a_row_over_several_lines_that_fits_in_no_order_is_unread() {
        // Four-digit numbers wrapped in narrow columns: "36 0 0 0 0" on the
        // label's line and "9 5", the last digits of 1259 and 1295, below.
        let toks = nums(&["36", "0", "0", "0", "0", "9", "5"]);
        let mut r = Run::build(row_cells(X), toks, &[row_total(X)]);
        r.reorder_lines(&[0, 5], &[row_total(X)]);
        assert_eq!(r.cands, vec![vec![Slot::Unknown; 7]]);
    }

    #[test]
    fn a_line_of_blank_cells_above_the_values_is_not_a_line_of_the_row() {
        // A header's blank cells on one line, the row's values on the next;
        // the values break the row total (the report's own error). They are
        // one line of values, read as printed, not unread for want of an order.
        let mut toks = vec![empty(0), empty(2)];
        let mut vals = nums(&["1", "2", "3", "4", "0", "1", "2"]);
        for t in &mut vals {
            t.start += 10;
            t.end += 10;
        }
        toks.extend(vals);
        let mut r = Run::build(row_cells(X), toks, &[row_total(X)]);
        r.reorder_lines(&[0, 2], &[row_total(X)]);
        assert_eq!(values(&r, 0), some(&[1, 2, 3, 4, 0, 1, 2]));
    }

    #[test]
    fn several_orders_of_the_lines_that_fit_leave_the_row_ambiguous() {
        // Lines [4] [2] [2 0 0 0 0]: as read, 4+2+2+0+0+0 is not 0. Two
        // orders keep the total: 2 2 0 0 0 0 | 4 and 2 0 0 0 0 2 | 4.
        let toks = nums(&["4", "2", "2", "0", "0", "0", "0"]);
        let mut r = Run::build(row_cells(X), toks, &[row_total(X)]);
        r.reorder_lines(&[0, 1, 2], &[row_total(X)]);
        assert!(r.inferred);
        assert_eq!(r.cands.len(), 2, "{:?}", r.cands);
        for c in 0..r.cands.len() {
            let v: Vec<i64> = values(&r, c).into_iter().map(Option::unwrap).collect();
            assert_eq!(v[..6].iter().sum::<i64>(), v[6]);
        }
    }

    #[test]
    fn values_printed_apart_and_too_few_are_also_placed_with_blanks_not_only_split() {
        // pypdf drops blank cells: "258 12 1 1" for seven cells. Before,
        // only splits of 258 and 12 into digits were tried; the placements
        // with blanks are candidates too (here the only ones that fit).
        let mut toks = nums(&["258", "12", "1", "1"]);
        for t in &mut toks {
            t.glued = true;
        }
        let r = Run::build(row_cells(X), toks, &[row_total(X)]);
        let all: Vec<_> = (0..r.cands.len()).map(|i| values(&r, i)).collect();
        assert!(
            all.contains(&vec![
                Some(258),
                Some(12),
                Some(1),
                Some(1),
                None,
                None,
                None
            ]),
            "{all:?}"
        );
        assert!(all.iter().all(|v| v.contains(&Some(258))), "{all:?}");
    }

    /// Tokens for `cells`: a number, or `_` for an empty cell.
    fn cells_of(cells: &[&str]) -> Vec<Tok> {
        let mut toks = nums(cells);
        for t in &mut toks {
            if matches!(&t.kind, TokKind::Num { text, .. } if text.as_str() == "_") {
                t.kind = TokKind::Empty;
            }
        }
        toks
    }

    #[test]
    fn a_row_number_before_the_values_is_dropped_when_the_total_vouches_for_the_rest() {
        // "| 29 | 5 |  |  | 2 |  |  | 7 |": the first seven leave the total
        // blank (unchecked), and fail with blanks as 0; without the row's
        // number, 5 + 2 = 7 holds.
        let row = T3Row::NewReceived;
        let r = Run::build(
            row_cells(row),
            cells_of(&["29", "5", "_", "_", "2", "_", "_", "7"]),
            &[row_total(row)],
        );
        assert_eq!(
            all_values(&r),
            vec![vec![Some(5), None, None, Some(2), None, None, Some(7)]]
        );
    }

    #[test]
    fn an_extra_blank_after_a_row_with_a_blank_total_leaves_it_as_read() {
        // "| 3 |  |  |  |  |  |  |  |" (a 2019 row whose total is left blank,
        // one empty cell more): dropping the 3 would keep the total with
        // blanks as 0, but on sums of 0, which vouch for nothing.
        let row = T3Row::NewReceived;
        let r = Run::build(
            row_cells(row),
            cells_of(&["3", "_", "_", "_", "_", "_", "_", "_"]),
            &[row_total(row)],
        );
        assert_eq!(
            all_values(&r),
            vec![vec![Some(3), None, None, None, None, None, None]]
        );
    }

    #[test]
    fn surplus_values_that_break_the_row_are_chosen_by_its_equations() {
        // Reading order: "行政规范性文件 5 0 现行有效件数 0 6": the first three
        // values break issued <= in_force + abolished; 5 0 6 keeps it, and
        // so does 0 0 6 (issued 0): issued is left ambiguous, in_force is 6.
        let n = T2Row::NormativeDocuments;
        let paths = vec![
            n.cell(T2Col::Issued),
            n.cell(T2Col::Abolished),
            n.cell(T2Col::InForce),
        ];
        let issued = Constraint {
            lhs: vec![Term::Cell(n.cell(T2Col::Issued))],
            rhs: vec![
                Term::Cell(n.cell(T2Col::InForce)),
                Term::Cell(n.cell(T2Col::Abolished)),
            ],
            le: true,
            soft: false,
        };
        let r = Run::build(
            paths.clone(),
            nums(&["5", "0", "0", "6"]),
            std::slice::from_ref(&issued),
        );
        assert!(r.inferred);
        let all: Vec<_> = (0..r.cands.len()).map(|i| values(&r, i)).collect();
        assert_eq!(
            all,
            vec![
                vec![Some(5), Some(0), Some(6)],
                vec![Some(0), Some(0), Some(6)]
            ]
        );
        // First values that fit are kept: a trailing page number is dropped.
        let r = Run::build(paths, nums(&["5", "0", "6", "3"]), &[issued]);
        assert!(!r.inferred);
        assert_eq!(values(&r, 0), vec![Some(5), Some(0), Some(6)]);
    }

    /// An empty cell of a piped row at `at`.
    fn empty(at: usize) -> Tok {
        Tok {
            kind: TokKind::Empty,
            start: at,
            end: at + 1,
            glued: false,
        }
    }

    fn all_values(r: &Run) -> Vec<Vec<Option<i64>>> {
        (0..r.cands.len()).map(|i| values(r, i)).collect()
    }

    fn some(v: &[i64]) -> Vec<Option<i64>> {
        v.iter().copied().map(Some).collect()
    }

    #[test]
    fn numbers_wrapped_in_a_narrow_cell_are_joined_back_when_the_row_total_vouches() {
        // pypdf on a narrow column: "1259" printed as "125" over "9".
        let row = T3Row::NewReceived;
        let r = Run::build(
            row_cells(row),
            nums(&["125", "9", "36", "0", "0", "0", "0", "129", "5"]),
            &[row_total(row)],
        );
        assert!(r.inferred);
        assert_eq!(all_values(&r), vec![some(&[1259, 36, 0, 0, 0, 0, 1295])]);
    }

    #[test]
    fn wrapped_last_digits_on_a_later_line_join_the_cells_of_the_rows_line() {
        // "1 0 0 0 0 0 1" on the row's line; a page number "4"; then the
        // wrapped digits "1 1" of its first and last cells. Both the row's
        // line alone (1 = 1) and the digits joined (11 = 11) keep the row
        // total: the cells are left for the table's other equations.
        let row = T3Row::Total;
        let r = Run::build(
            row_cells(row),
            nums(&["1", "0", "0", "0", "0", "0", "1", "4", "1", "1"]),
            &[row_total(row)],
        );
        let all = all_values(&r);
        assert!(all.contains(&some(&[1, 0, 0, 0, 0, 0, 1])), "{all:?}");
        assert!(all.contains(&some(&[11, 0, 0, 0, 0, 0, 11])), "{all:?}");
    }

    #[test]
    fn surplus_values_that_no_reading_fits_leave_the_row_unread() {
        // Nine values, and no choice or join of them keeps the row total:
        // which are the row's cells cannot be told.
        let row = T3Row::CarriedForward;
        let r = Run::build(
            row_cells(row),
            nums(&["7", "3", "9", "6", "1", "4", "2", "50", "81"]),
            &[row_total(row)],
        );
        assert_eq!(r.cands, vec![vec![Slot::Unknown; 7]]);
    }

    #[test]
    fn a_one_cell_row_printed_in_groups_of_three_is_ambiguous_not_its_first_group() {
        // "行政许可 9 487": no equation vouches for 9 alone; 9487 is a candidate.
        let cell = vec![T2Row::Licensing.cell(T2Col::Decisions)];
        let r = Run::build(cell.clone(), nums(&["9", "487"]), &[]);
        assert_eq!(
            all_values(&r),
            vec![some(&[9487]), some(&[9]), some(&[487])]
        );
        assert!(r.inferred);
        let r = Run::build(cell.clone(), nums(&["12", "172", "006"]), &[]);
        assert!(all_values(&r).contains(&some(&[12_172_006])));
        // Not groups of three (a stray page or note number after the value):
        // the first value is kept, as before.
        for stray in [&["0", "2"][..], &["9", "48"], &["9487", "5"], &["0", "487"]] {
            let r = Run::build(cell.clone(), nums(stray), &[]);
            assert_eq!(r.cands.len(), 1, "{stray:?}");
            assert_eq!(values(&r, 0), vec![stray[0].parse().ok()], "{stray:?}");
        }
    }

    #[test]
    fn a_blank_cell_vouches_for_no_joined_number() {
        // A row with blank cells and one value in surplus: its total is blank,
        // so no equation is checked, and "1 1" is not joined into 11 by guess.
        let row = T3Row::Disclosed;
        let mut toks = nums(&["258", "12"]);
        toks.extend([
            empty(10),
            empty(12),
            num("1", 14),
            num("1", 16),
            empty(18),
            empty(20),
        ]);
        let r = Run::build(row_cells(row), toks, &[row_total(row)]);
        assert_eq!(r.cands.len(), 1, "{:?}", all_values(&r));
        assert_eq!(
            values(&r, 0),
            vec![Some(258), Some(12), None, None, Some(1), Some(1), None]
        );
    }
}
