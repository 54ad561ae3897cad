//! Value tokens: the numbers, marks and blank cells in a stretch of text,
//! whatever the layout (pipes, one cell per line, spaces, concatenation).

use super::doc::{Line, Lines};
use crate::cell::is_mark;
use crate::text::{fold_char, is_cjk};

/// What a token holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A number as printed (ASCII digits, maybe `-` and one `.`), with a unit such as `元`.
    Num {
        text: NumText,
        unit: Option<&'static str>,
    },
    /// A not-applicable mark.
    Mark(String),
    /// An empty cell of a row laid out with pipes.
    Empty,
}

/// A number's text: short ASCII held in place (nearly every cell), other
/// text on the heap. Kept for speed: a `String` for each token, allocated
/// and freed, took 4 % of the seed's instructions (BENCHMARKS.md).
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum NumText {
    /// Up to [`NumText::INLINE`] ASCII bytes.
    Inline {
        len: u8,
        bytes: [u8; NumText::INLINE],
    },
    /// Anything longer, or not ASCII (a malformed number as printed).
    Heap(String),
}

impl NumText {
    /// The most bytes held in place.
    const INLINE: usize = 22;

    /// `s`, held in place when it can be.
    pub fn new(s: &str) -> NumText {
        if s.len() <= Self::INLINE && s.is_ascii() {
            let mut bytes = [0; Self::INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            NumText::Inline {
                len: s.len() as u8,
                bytes,
            }
        } else {
            NumText::Heap(s.to_string())
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            // ASCII by construction: never the empty fallback.
            NumText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
            NumText::Heap(s) => s,
        }
    }
}

impl NumText {
    /// The count the text reads as, as [`CellValue::from_text`] reads it
    /// (a proptest holds the two equal). Text held in place is read by its
    /// bytes: making it a `str` again, for every token of a run, took 0.6 %
    /// of the seed's instructions.
    ///
    /// [`CellValue::from_text`]: crate::cell::CellValue::from_text
    pub fn int(&self) -> Option<i64> {
        match self {
            NumText::Inline { len, bytes } => {
                let b = bytes[..usize::from(*len)].trim_ascii();
                // `trim_ascii` leaves the vertical tab, which `from_text` trims.
                if b.first() == Some(&0x0B) || b.last() == Some(&0x0B) {
                    crate::cell::CellValue::from_text(self.as_str())
                } else {
                    crate::cell::count_of(b)
                }
            }
            NumText::Heap(s) => crate::cell::CellValue::from_text(s.as_str()),
        }
    }
}

impl std::ops::Deref for NumText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for NumText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// One value token with its span in the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// Read from a line without pipes, where cells may have been printed
    /// without separators (so a digit run may be several cells).
    pub glued: bool,
}

impl Tok {
    /// A run of plain digits that may stand for several concatenated cells
    /// (without its minus sign, which belongs to the first of them).
    pub fn splittable(&self) -> Option<&str> {
        match &self.kind {
            // Fifteen cells of at most twelve digits: anything longer is no row.
            TokKind::Num { text, .. } if self.glued && text.len() <= 200 => {
                // The integer digits, in one pass over a well-formed number
                // (three passes to check its form and a split took report
                // 003's parse + check 1.9 % more); a fraction stays with the
                // last cell.
                let digits = text.strip_prefix('-').unwrap_or(text);
                let int = digits.bytes().take_while(u8::is_ascii_digit).count();
                let fraction = &digits.as_bytes()[int..];
                let well_formed = fraction.split_first().is_none_or(|(&point, rest)| {
                    point == b'.' && rest.iter().all(u8::is_ascii_digit)
                });
                (int > 0 && well_formed).then(|| &digits[..int])
            }
            _ => None,
        }
    }
    /// Does the number start with a minus sign?
    pub fn negative(&self) -> bool {
        matches!(&self.kind, TokKind::Num { text, .. } if text.starts_with('-'))
    }
    /// The integer value, for plain integers.
    pub fn int(&self) -> Option<i64> {
        match &self.kind {
            TokKind::Num { text, .. } => text.int(),
            _ => None,
        }
    }
    /// Is it something other than an empty cell?
    pub fn is_filled(&self) -> bool {
        !matches!(self.kind, TokKind::Empty)
    }
    /// The text a cell is set from.
    pub fn cell_text(&self) -> &str {
        match &self.kind {
            TokKind::Num { text, .. } => text,
            TokKind::Mark(m) => m,
            TokKind::Empty => "",
        }
    }
}

/// Zero-width characters: they join what is around them, so digits split by
/// them are one (malformed) number, not several.
pub(crate) fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Characters that, right after a number, make it a measure in prose rather than a cell.
const UNITS: &str = "年月日时件个条次份项号%％页期名人户家批届岁亿";

/// Words a table 4 header ends with: a number glued to them (concatenated
/// layout) is the first value.
pub(crate) const T4_TERMINALS: [&str; 7] = ["总计", "审结", "维持", "纠正", "结果", "起诉", "计"];

/// At most this many tokens are read from one stretch of text.
pub(crate) const MAX_TOKENS: usize = 4096;

/// Is a whole line page chrome (`— 4 —`, `第 3 页`, `Page 8`, `P. 8`)?
pub(crate) fn is_footer(line: &str) -> bool {
    let trimmed = crate::text::trim(line);
    // Most lines start with an ASCII digit or letter, told by their first
    // byte (with `several_numbers` by bytes, the seed's parse + check
    // −0.5 %: BENCHMARKS.md, twelfth session). A proptest holds it to the
    // version that decodes the first character.
    match trimmed.as_bytes().first() {
        Some(b'-' | b'P' | b'p') => {}
        Some(b) if b.is_ascii() => return false,
        _ => {}
    }
    footer_by_chars(line, trimmed)
}

/// [`is_footer`], its first character decoded (`trimmed` is the line trimmed).
fn footer_by_chars(line: &str, trimmed: &str) -> bool {
    let first = trimmed.chars().next().map(fold_char);
    let chrome_start = matches!(first, Some('—' | '-' | '–' | '―' | '─' | '第' | 'P' | 'p'));
    if !chrome_start
        || trimmed.len() > 48
        || !trimmed
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let t = crate::text::fold_without(line, char::is_whitespace);
    if t.is_empty() {
        return false;
    }
    let dashes = |c: char| matches!(c, '—' | '-' | '–' | '―' | '─');
    let inner = t.trim_matches(dashes);
    if inner.len() < t.len() && t.starts_with(dashes) && t.ends_with(dashes) {
        return !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit());
    }
    if let Some(rest) = t.strip_prefix('第') {
        if let Some(i) = rest.find('页') {
            return rest[..i].bytes().all(|b| b.is_ascii_digit()) && i > 0;
        }
    }
    let lower = t.to_ascii_lowercase();
    for p in ["page", "p."] {
        if let Some(rest) = lower.strip_prefix(p) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty()
                && (rest.len() == digits.len() || rest[digits.len()..].starts_with('-'))
            {
                return true;
            }
        }
    }
    false
}

/// Reads the value tokens of `text[start..end]`, whose lines are `lines`.
/// `glue_ok` says whether a number directly after CJK text (no separator)
/// is a value, given that text and the offset where its word starts.
pub(crate) fn value_tokens(
    text: &str,
    lines: &Lines,
    start: usize,
    end: usize,
    glue_ok: &dyn Fn(&str, usize) -> bool,
) -> Vec<Tok> {
    if start >= end {
        return Vec::new();
    }
    // Room for a row of table 3 (seven cells) from the start: growing the
    // list from four took 0.7 % of the seed's instructions.
    let mut out = Vec::with_capacity(8);
    // No table has more than 25 rows of 7 cells: past a few thousand tokens a
    // stretch of text is no table, and reading on would only cost memory.
    let first = lines.index_of(start);
    // The blank after the last pipe of the label's own line, when it is all
    // that line holds after the label ("（一）予以公开 |", its values on the
    // lines below): the end of the label's cell, not a blank cell of the row.
    let mut label_end = None;
    let mut i = first;
    while out.len() < MAX_TOKENS {
        let Some(line) = lines.get(i).filter(|l| l.start < end) else {
            break;
        };
        let (ls, le) = (line.start, line.end);
        let seg_s = ls.max(start);
        let seg_e = le.min(end);
        if seg_s < seg_e || (seg_s == seg_e && ls >= start && le <= end) {
            let before = out.len();
            line_tokens(text, line, seg_s, seg_e, glue_ok, &mut out);
            if i == first
                && seg_s > ls
                && seg_e == le
                && out.len() == before + 1
                && out[before].kind == TokKind::Empty
                && out[before].end == le
            {
                label_end = Some(before);
            }
        }
        i += 1;
    }
    // Dropped only when later lines hold the row's cells: a label line alone
    // keeps its blank cell, as before.
    if let Some(k) = label_end.filter(|&k| out.len() > k + 1) {
        out.remove(k);
    }
    out
}

/// Reads the value tokens of the stretch `seg_s..seg_e` of `line`.
fn line_tokens(
    text: &str,
    line: Line,
    seg_s: usize,
    seg_e: usize,
    glue_ok: &dyn Fn(&str, usize) -> bool,
    out: &mut Vec<Tok>,
) {
    if (seg_s, seg_e) == (line.start, line.end) && line.pipes == 1 {
        if let Some(tok) = lone_count(&text[seg_s..seg_e], seg_s) {
            out.push(tok);
            return;
        }
    }
    any_line_tokens(text, line, (seg_s, seg_e), glue_ok, out);
}

/// A whole line that is one count and its cell's pipe (`15 |`, as text
/// copied from a table one cell per line reads): its count, as
/// [`any_line_tokens`] reads it (a proptest holds the two equal). Kept for
/// speed: most lines of such a table are one, and reading them the general
/// way took 8.5 % of the seed's parse + check (BENCHMARKS.md).
fn lone_count(line: &str, at: usize) -> Option<Tok> {
    // The pipe ends the line, but for blanks (looked for from the end).
    let b = line.as_bytes();
    let pipe = b.iter().rposition(|x| !is_blank(x))?;
    (b[pipe] == b'|').then(|| bare_count(&line[..pipe], at))?
}

/// Spaces and tabs, and the carriage return of a line ended CR LF.
fn is_blank(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// A cell that holds one count and blanks only, at `at`: its token, as
/// [`words`] reads it (a proptest holds the two equal).
fn bare_count(cell: &str, at: usize) -> Option<Tok> {
    let b = cell.as_bytes();
    let first = b.iter().position(|x| !is_blank(x))?;
    let digits = b[first..].iter().take_while(|x| x.is_ascii_digit()).count();
    (digits > 0 && b[first + digits..].iter().all(is_blank))
        .then(|| number_tok(&cell[first..first + digits], at + first, None, false))
}

/// [`line_tokens`] for any line: the tokens of its stretch `seg`.
fn any_line_tokens(
    text: &str,
    line: Line,
    seg: (usize, usize),
    glue_ok: &dyn Fn(&str, usize) -> bool,
    out: &mut Vec<Tok>,
) {
    let (seg_s, seg_e) = seg;
    let (ls, le, pipes) = (line.start, line.end, line.pipes);
    let full = &text[ls..le];
    if is_footer(full) {
        return;
    }
    if pipes == 1 && (seg_s, seg_e) == (ls, le) {
        if let Some(tok) = one_cell_line(text, ls, le) {
            out.push(tok);
            return;
        }
    }
    let trimmed = crate::text::trim(full);
    if pipes == 0 {
        words(text, seg_s, seg_e, glue_ok, true, out);
        return;
    }
    if trimmed.chars().all(|c| c == '|' || c.is_whitespace()) {
        // A lone `|` is an empty cell; runs of pipes are spanned-cell filler.
        if pipes == 1 {
            if let Some(i) = full.find('|') {
                if ls + i >= seg_s && ls + i < seg_e {
                    out.push(Tok {
                        kind: TokKind::Empty,
                        start: ls + i,
                        end: ls + i + 1,
                        glued: false,
                    });
                }
            }
        }
        return;
    }
    // A markdown row, framed by pipes: not a row of a grid whose first cell
    // is empty ([`Line::grid_width`]).
    let markdown = trimmed.starts_with('|') && !line.grid_width;
    let terminator = pipes == 1 && trimmed.ends_with('|');
    // Pieces of the segment between pipes (at most MAX_TOKENS).
    // (Pipes found by the memchr crate's search: `str::split` and
    // `str::find` scan a word at a time, 2.7 % of the seed's instructions.)
    let seg = &text.as_bytes()[seg_s..seg_e];
    let n = (memchr::memchr_iter(b'|', seg).count() + 1).min(MAX_TOKENS);
    let ends = memchr::memchr_iter(b'|', seg)
        .map(|i| seg_s + i)
        .chain([seg_e]);
    let pieces = ends.scan(seg_s, |at, end| {
        let a = *at;
        *at = end + 1;
        Some((a, end))
    });
    // A later line of the region that ends at the next row's label: its
    // blank cells stand before that label (a merged label's continuation),
    // and are the next row's, not this row's.
    let leads_next = seg_s == ls && seg_e < le;
    // So are the cells before that label on a row of a grid of cells (two
    // pipes or more before it: `| 3 | 行政规范性文件 | 34 | 189 |`, a column
    // numbering the rows).
    if leads_next
        && memchr::memchr_iter(b'|', &text.as_bytes()[seg_s..seg_e])
            .nth(1)
            .is_some()
    {
        return;
    }
    // Asked only of a line with a blank cell.
    let mut header = None;
    for (k, (a, b)) in pieces.enumerate().take(n) {
        // A cell between two pipes that holds one count, as most cells of a
        // table printed row by row do: read by its bytes (report 025 −1.4 %,
        // the HTML report 030 −1.9 %).
        if a > seg_s && b < seg_e {
            if let Some(tok) = bare_count(&text[a..b], a) {
                out.push(tok);
                continue;
            }
        }
        let cell = crate::text::trim(&text[a..b]);
        if cell.is_empty() || is_null_word(cell) {
            let first = k == 0;
            let last = k + 1 == n;
            if n == 1
                || leads_next
                || *header.get_or_insert_with(|| column_header(&text[seg_s..seg_e]))
            {
                continue;
            }
            if first && (seg_s > ls || markdown || crate::text::trim(&text[ls..a]).is_empty()) {
                continue;
            }
            if last && (seg_e < le || markdown || terminator) {
                continue;
            }
            out.push(Tok {
                kind: TokKind::Empty,
                start: a,
                end: b,
                glued: false,
            });
        } else {
            // A stretch of the line between pipes that holds several numbers
            // is not one cell: its pipe is stray (in the prose before a
            // concatenated table, say), and it is read as unpiped text is,
            // its numbers glued.
            // (A piece inside the segment lies between two pipes: only the
            // first and last pieces look further along the line.)
            let bytes = text.as_bytes();
            let left = if a > seg_s {
                a
            } else {
                memchr::memrchr(b'|', &bytes[ls..a]).map_or(ls, |i| ls + i + 1)
            };
            let right = if b < seg_e {
                b
            } else {
                memchr::memchr(b'|', &bytes[b..le]).map_or(le, |i| b + i)
            };
            let glued = several_numbers(&text[left..right]);
            // A cell of a table's row (three pipes or more: none is stray)
            // printing digits split by spaces ("| 2 6 |"): one cell
            // ([`split_cell`]), not several values that push the row's other
            // cells along.
            if glued && pipes >= 3 && a > seg_s && (b < seg_e || seg_e == le) {
                if let Some(tok) = split_cell(text, a, b) {
                    out.push(tok);
                    continue;
                }
            }
            if let Some(tok) = counted_cell(text, a, b) {
                out.push(tok);
                continue;
            }
            // (Not the rest of the label's own cell, before the first pipe.)
            let own_cell = a > seg_s || seg_s == ls;
            if let Some(tok) = garbled_cell(text, a, b).filter(|_| own_cell) {
                out.push(tok);
                continue;
            }
            words(text, a, b, glue_ok, glued, out);
        }
    }
}

/// Does `word` stand for an empty cell as data tools print one when they
/// write a table out (pandas' `NaN` and `<NA>`, Python's `None`, `null`,
/// CSV's quoted empty string)?
pub(crate) fn is_null_word(word: &str) -> bool {
    matches!(
        word,
        "nan" | "NaN" | "NAN" | "<NA>" | "None" | "null" | "NULL" | "\"\""
    )
}

/// Letters that optical character recognition reads for digits: O and o
/// and 〇 for 0, l and I for 1, S for 5, B for 8.
const LOOKALIKES: [char; 7] = ['O', 'o', '〇', 'l', 'I', 'S', 'B'];

/// Is `word` a number as OCR garbles it: at most eight characters, digits
/// and [`LOOKALIKES`] only, at least one of these (`l5`, `5l3`, `O`)?
fn ocr_garbled(word: &str) -> bool {
    // Most words are told by their bytes: prose starts with another
    // character, and a count is digits only (asked of every word read).
    let b = word.as_bytes();
    let lead = matches!(
        b.first(),
        Some(b'0'..=b'9' | b'O' | b'o' | b'l' | b'I' | b'S' | b'B' | 0xE3 | 0xEF)
    );
    if !lead || b.len() > 8 * 3 || b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut n = 0;
    let mut letters = false;
    for c in word.chars().map(fold_char) {
        n += 1;
        letters |= LOOKALIKES.contains(&c);
        if n > 8 || !(c.is_ascii_digit() || LOOKALIKES.contains(&c)) {
            return false;
        }
    }
    letters
}

/// The token of a cell of a row of pipes, `text[a..b]`, printing a number
/// as OCR garbles it (`| l |`, `| 5l3 |`): its text as printed, which reads
/// as no value, so the cell is invalid and the row's other cells keep their
/// places. (Read as words, it gave no value, or a part of one, and the
/// row's later values moved up a cell.)
fn garbled_cell(text: &str, a: usize, b: usize) -> Option<Tok> {
    let cell = crate::text::trim(&text[a..b]);
    if !ocr_garbled(cell) {
        return None;
    }
    Some(cell_token(text, (a, b), cell.len(), cell))
}

/// The units of a count that a table may print in its cells (`| 12件 |`).
const COUNT_UNITS: [char; 6] = ['件', '条', '个', '项', '次', '份'];

/// The token of a cell of a row of pipes, `text[a..b]`, that prints a count
/// and its unit and nothing else (`| 12件 |`): the count. (In a sentence a
/// figure with its unit is a measure, not a cell; a cell is one.)
fn counted_cell(text: &str, a: usize, b: usize) -> Option<Tok> {
    let cell = crate::text::trim(&text[a..b]);
    let unit = cell
        .chars()
        .next_back()
        .filter(|c| COUNT_UNITS.contains(c))?;
    let number = crate::text::trim(&cell[..cell.len() - unit.len_utf8()]);
    let digits: String = number.chars().map(fold_char).collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(cell_token(text, (a, b), number.len(), &digits))
}

/// The number printed in groups of three split by spaces ("1 139",
/// "12 172 006").
fn thousands(cell: &str) -> Option<String> {
    grouped_in_threes(cell.split(|c: char| c.is_whitespace() || crate::text::fold_char(c) == ' '))
}

/// The one number that `groups` (runs of digits, ASCII or full-width) print
/// in groups of three (`9 487`): two groups or more, the first of one to
/// three digits, not starting with 0, each later one of three; its ASCII
/// digits. (A cell of a piped row, and a one-cell row's values, are read so.)
pub(crate) fn grouped_in_threes<'a>(mut groups: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut out: String = groups.next()?.chars().map(crate::text::fold_char).collect();
    if !(1..=3).contains(&out.len()) || out.starts_with('0') {
        return None;
    }
    let mut any = false;
    for g in groups {
        let g: String = g.chars().map(crate::text::fold_char).collect();
        if g.len() != 3 {
            return None;
        }
        out.push_str(&g);
        any = true;
    }
    (any && out.bytes().all(|b| b.is_ascii_digit())).then_some(out)
}

/// The token of the cell `text[a..b]` when it prints digits split by spaces:
/// one cell, not several values. Split in groups of three ("1 139") it is
/// that number; otherwise ("2 6": 26, or two columns run together) its text
/// as printed, which reads as no count, and the cell is invalid.
fn split_cell(text: &str, a: usize, b: usize) -> Option<Tok> {
    let cell = split_digits(&text[a..b])?;
    let grouped = thousands(cell);
    Some(cell_token(
        text,
        (a, b),
        cell.len(),
        grouped.as_deref().unwrap_or(cell),
    ))
}

/// The token of the cell `text[a..b]` read as `value`: it spans the
/// `printed` bytes from the cell's first character that is not a space.
fn cell_token(text: &str, (a, b): (usize, usize), printed: usize, value: &str) -> Tok {
    let at = a + (text[a..b].len() - text[a..b].trim_start().len());
    Tok {
        kind: TokKind::Num {
            text: NumText::new(value),
            unit: None,
        },
        start: at,
        end: at + printed,
        glued: false,
    }
}

/// A line `text[ls..le]` that is one cell and its pipe, as a table copied one
/// cell a line reads (`1 2172 |`), its digits split by single spaces: that
/// one cell ([`split_cell`]), as in a row of pipes. (Split by a tab or by
/// wider gaps, the digits are read as several values, as before.)
fn one_cell_line(text: &str, ls: usize, le: usize) -> Option<Tok> {
    let b = text.as_bytes();
    let pipe = ls + b[ls..le].iter().rposition(|x| !is_blank(x))?;
    if b[pipe] != b'|' {
        return None;
    }
    let tok = split_cell(text, ls, pipe)?;
    let cell = &text[ls..pipe];
    (!cell.contains('\t') && !crate::text::trim(cell).contains("  ")).then_some(tok)
}

/// `cell` trimmed, when it is runs of digits (ASCII or full-width) split
/// only by white space ("2 6", "9\u{2002}487").
fn split_digits(cell: &str) -> Option<&str> {
    let t = crate::text::trim(cell);
    let digit = |c: char| crate::text::fold_char(c).is_ascii_digit();
    (t.starts_with(digit) && t.ends_with(digit))
        .then_some(t)
        .filter(|t| {
            t.chars()
                .all(|c| digit(c) || c.is_whitespace() || crate::text::fold_char(c) == ' ')
        })
}

/// Is `s` (a line's stretch between pipes) a line of column headers
/// ("行政复议 | 行政诉讼 |"): no digit, and words in two cells or more? Its
/// blank cells are the header's spans, not cells of values.
/// Read by bytes: a digit is ASCII or full-width (`EF BC 90..=99`), and a
/// cell with words has a character from U+3000 on (lead byte `E3` or more).
fn column_header(s: &str) -> bool {
    let b = s.as_bytes();
    let digit = (0..b.len()).any(|i| {
        b[i].is_ascii_digit()
            || (b[i] == 0xEF
                && b.get(i + 1) == Some(&0xBC)
                && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)))
    });
    !digit
        && b.split(|&x| x == b'|')
            .filter(|cell| cell.iter().any(|&x| x >= 0xE3))
            .count()
            >= 2
}

/// Does `s` hold more than one number: runs of digits (ASCII or
/// full-width), a run continued across `,` or `.` (12,172 and 3.5 are one
/// number each)? Read by bytes, stopping at the second number: the only
/// characters it tells apart are ASCII and the full-width digits and
/// separators, `EF BC 90..=99`, `EF BC 8C` and `EF BC 8E` (with the
/// footer's first byte, the seed's parse + check −0.5 % against decoding
/// every character: BENCHMARKS.md, twelfth session).
fn several_numbers(s: &str) -> bool {
    #[derive(PartialEq)]
    enum Kind {
        Digit,
        Separator,
        Other,
    }
    let b = s.as_bytes();
    let mut n = 0;
    let mut prev = Kind::Other;
    let mut i = 0;
    while i < b.len() {
        let (kind, len) = match b[i] {
            b'0'..=b'9' => (Kind::Digit, 1),
            b',' | b'.' => (Kind::Separator, 1),
            0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
                Some(0x90..=0x99) => (Kind::Digit, 3),
                Some(0x8C | 0x8E) => (Kind::Separator, 3),
                _ => (Kind::Other, 1),
            },
            // Any other byte, a continuation byte included, is part of a
            // character that is neither digit nor separator.
            _ => (Kind::Other, 1),
        };
        if kind == Kind::Digit && prev == Kind::Other {
            n += 1;
            if n > 1 {
                return true;
            }
        }
        prev = kind;
        i += len;
    }
    false
}

fn is_open_punct(c: char) -> bool {
    !c.is_alphanumeric() && !is_cjk(c)
        || matches!(
            c,
            '（' | '）' | '：' | '，' | '、' | '。' | '；' | '“' | '”' | '【' | '】'
        )
}

/// Splits `text[a..b]` at whitespace and reads each word.
fn words(
    text: &str,
    a: usize,
    b: usize,
    glue_ok: &dyn Fn(&str, usize) -> bool,
    glued: bool,
    out: &mut Vec<Tok>,
) {
    let piece = &text[a..b];
    let mut i = 0;
    while i < piece.len() {
        let len = space_at(piece, i);
        if len > 0 {
            i += len;
            continue;
        }
        let rest = &piece[i..];
        let mut wlen = 0;
        let mut narrow = false;
        while wlen < rest.len() {
            let sp = space_at(rest, wlen);
            if sp == 0 {
                wlen += char_len(rest.as_bytes()[wlen]);
            } else if sp > 1 && narrow_space_in_number(rest, wlen, sp) {
                narrow = true;
                wlen += sp;
            } else {
                break;
            }
        }
        // Digits split by a narrow space ("8\u{2009}4") are one cell.
        if narrow {
            if let Some(tok) = split_cell(text, a + i, a + i + wlen) {
                out.push(tok);
                i += wlen;
                continue;
            }
        }
        let word = &rest[..wlen];
        if is_null_word(word) {
            out.push(Tok {
                kind: TokKind::Empty,
                start: a + i,
                end: a + i + wlen,
                glued,
            });
            i += wlen;
            continue;
        }
        // Ends in a dash: maybe a page footer's first dash (`470— 3 —二`).
        if word.ends_with(['-', '—', '–', '―', '─', '－']) && digit_or_wide_next(&rest[wlen..])
        {
            if let Some((own_end, resume)) = spaced_page_number(piece, &text[a..], i, wlen) {
                if own_end > i {
                    word_tokens(&piece[i..own_end], a + i, "", glue_ok, glued, out);
                }
                i = resume;
                continue;
            }
        }
        // A number as OCR garbles it, standing alone (`5 l 3`, `O 0 0`): no
        // value, but a cell, so that the row's other values keep their places.
        if ocr_garbled(word) {
            out.push(number_tok(word, a + i, None, glued));
            i += wlen;
            continue;
        }
        // What follows the word (after spaces), to catch "22 件".
        let after = rest[wlen..].trim_start();
        word_tokens(word, a + i, after, glue_ok, glued, out);
        i += wlen;
    }
}
/// The length of the space character at byte `i` of `s` (a character
/// boundary), 0 when it is none: whitespace, or what folds to a space (the
/// ideographic and other wide spaces, but not the zero-width ones). ASCII
/// and common ideographs are told by their bytes, the rest decoded (the
/// seed's parse + check −1.5 %, report 025 −2.3 %; BENCHMARKS.md).
fn space_at(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    match b[i] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        x if x.is_ascii() => 0,
        _ if crate::text::is_common_ideograph(b, i) => 0,
        _ => {
            let c = s[i..].chars().next().unwrap_or('x');
            if c.is_whitespace() || (fold_char(c) == ' ' && !is_zero_width(c)) {
                c.len_utf8()
            } else {
                0
            }
        }
    }
}

/// Is the space of `sp` bytes at `s[i..]` a narrow one (U+2002–U+200A, as
/// figure and thin spaces; U+202F) between two digits? Typesetting puts such
/// a space inside a number, where cells are split by plain or wide spaces.
fn narrow_space_in_number(s: &str, i: usize, sp: usize) -> bool {
    let digit = |c: char| fold_char(c).is_ascii_digit();
    let narrow = s[i..]
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '\u{2002}'..='\u{200A}' | '\u{202F}'));
    narrow
        && s[..i].chars().next_back().is_some_and(digit)
        && s[i + sp..].chars().next().is_some_and(digit)
}

/// The length in UTF-8 of the character whose first byte is `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The number starting at `chars[k]` (after its minus sign when `neg`):
/// where it ends, its text (digits, sign, point; thousands separators
/// dropped), and whether it is malformed (another point, an exponent, digits
/// split by zero-width characters).
fn read_number(chars: &[(usize, char)], k: usize, neg: bool) -> (usize, String, bool) {
    let n = chars.len();
    let mut e = if neg { k + 1 } else { k };
    let mut num = String::new();
    if neg {
        num.push('-');
    }
    while e < n && chars[e].1.is_ascii_digit() {
        num.push(chars[e].1);
        e += 1;
    }
    // Thousands separators: 12,172 (a first group of one to three digits;
    // not in a row of comma-separated values, the number after a comma).
    let first_group = num.len() - usize::from(neg);
    let after_comma = k > 0 && chars[k - 1].1 == ',';
    while (1..=3).contains(&first_group)
        && !after_comma
        && e + 3 < n
        && chars[e].1 == ','
        && chars[e + 1..=e + 3].iter().all(|x| x.1.is_ascii_digit())
        && (e + 4 >= n || !chars[e + 4].1.is_ascii_digit())
    {
        for x in &chars[e + 1..=e + 3] {
            num.push(x.1);
        }
        e += 4;
    }
    if e + 1 < n && chars[e].1 == '.' && chars[e + 1].1.is_ascii_digit() {
        num.push('.');
        e += 1;
        while e < n && chars[e].1.is_ascii_digit() {
            num.push(chars[e].1);
            e += 1;
        }
    }
    // A malformed number: another point (`12.5.3`), an exponent (`1e5`),
    // digits split by zero-width characters, a middle dot between digits
    // (`4068·208`), or one comma that groups no thousands (`4068,208`,
    // `539,16`: a point misread, or a decimal comma). Commas that run on
    // (`0,0,0`) or follow a comma (`规章,0,0`) separate values, as in a row
    // of comma-separated values.
    let digit_at = |i: usize| chars.get(i).is_some_and(|x| x.1.is_ascii_digit());
    let lone_comma = |e: usize| {
        let next = (e + 1..n).find(|&i| !chars[i].1.is_ascii_digit());
        !after_comma && next.is_none_or(|i| chars[i].1 != ',')
    };
    let malformed_at = |e: usize| match chars.get(e).map(|x| x.1) {
        Some('.' | '·') => digit_at(e + 1),
        Some(',') => digit_at(e + 1) && lone_comma(e),
        Some('e' | 'E') => {
            digit_at(e + 1)
                || (matches!(chars.get(e + 1).map(|x| x.1), Some('+' | '-')) && digit_at(e + 2))
        }
        Some(z) if is_zero_width(z) => digit_at(e + 1),
        _ => false,
    };
    let mut malformed = false;
    while e < n && (chars[e].1.is_ascii_digit() || malformed_at(e)) {
        if !chars[e].1.is_ascii_digit() {
            malformed = true;
            // The exponent's sign goes with its letter.
            if matches!(chars[e].1, 'e' | 'E') && !digit_at(e + 1) {
                e += 1;
            }
        }
        e += 1;
    }
    (e, num, malformed)
}

/// A word of ASCII digits only, at `base`: a value token, unless what
/// follows it (`after`) makes it a measure of the prose ("22 件").
fn plain_number(word: &str, base: usize, after: &str, glued: bool, out: &mut Vec<Tok>) {
    let unit = match after.chars().next().map(fold_char) {
        Some('元') => Some("元"),
        Some(q) if UNITS.contains(q) || q == '万' || q.is_ascii_alphabetic() => return,
        _ => None,
    };
    out.push(number_tok(word, base, unit, glued));
}

/// The token of the number `word` at `base`.
#[inline]
fn number_tok(word: &str, base: usize, unit: Option<&'static str>, glued: bool) -> Tok {
    Tok {
        kind: TokKind::Num {
            text: NumText::new(word),
            unit,
        },
        start: base,
        end: base + word.len(),
        glued,
    }
}

/// The tokens of one word of the text (`base`: where it starts): its numbers
/// (values, with their units) and its not-applicable marks. `after` is the
/// text after the word, `glued` says the word may be cells printed without
/// a space between them, and `glue_ok` whether a value may follow the
/// Chinese text before it in the word.
fn word_tokens(
    word: &str,
    base: usize,
    after: &str,
    glue_ok: &dyn Fn(&str, usize) -> bool,
    glued: bool,
    out: &mut Vec<Tok>,
) {
    // The usual cell: ASCII digits only. (What the general loop below does
    // for such a word, without its per-character buffer.) Kept for speed: without
    // it the seed's parse + check takes 2.6 % more instructions (callgrind, BENCHMARKS.md).
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        plain_number(word, base, after, glued, out);
        return;
    }
    // Most words are prose: no digit (ASCII or full-width) and no mark, nothing to read.
    let has_digit = word
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let mark = is_mark(word);
    if mark || !has_digit {
        if !mark {
            return;
        }
        out.push(Tok {
            kind: TokKind::Mark(word.to_string()),
            start: base,
            end: base + word.len(),
            glued,
        });
        return;
    }
    let chars: Vec<(usize, char)> = word
        .char_indices()
        .map(|(i, c)| (i, if is_zero_width(c) { c } else { fold_char(c) }))
        .collect();
    let n = chars.len();
    let mut k = 0;
    while k < n {
        let (off, c) = chars[k];
        // A page number run into the text around it ("470-3-二、"): chrome, no value.
        if let Some(e) = is_dash(c).then(|| page_number_in_word(&chars, k)).flatten() {
            k = e;
            continue;
        }
        // A minus sign starts a word, or (concatenated cells) follows another number.
        let neg = c == '-'
            && (k == 0 || (glued && chars[k - 1].1.is_ascii_digit()))
            && k + 1 < n
            && chars[k + 1].1.is_ascii_digit();
        if !(c.is_ascii_digit() || neg) {
            k += 1;
            continue;
        }
        let s = k;
        let (e, mut num, malformed) = read_number(&chars, k, neg);
        let start_b = off;
        let end_b = if e < n { chars[e].0 } else { word.len() };
        if malformed {
            // The token is the whole text as printed, which no cell reads as
            // a value (never a prefix of it).
            num = word[start_b..end_b].to_string();
        }
        k = e;
        // A minus sign after a number was checked above.
        if !neg && !starts_a_number(&chars, s, &word[..start_b], base, glue_ok) {
            continue;
        }
        let bracketed = s > 0 && chars[s - 1].1 == '(';
        let unit = match what_follows(word, &chars, e, end_b, after, bracketed) {
            Follows::Unit(unit) => unit,
            Follows::Measure => continue,
            Follows::ListNumber(after_marker) => {
                if glued
                    && num.trim_start_matches('-').len() >= 2
                    && !num.contains('.')
                    && is_cjk(after_marker.unwrap_or(' '))
                {
                    // In concatenated text the previous cells run straight
                    // into a list number ("00000002."): the last digit is the
                    // number, the rest are values.
                    let keep = num.len() - 1;
                    out.push(number_tok(&num[..keep], base + start_b, None, glued));
                    out.last_mut().expect("pushed").end = base + chars[e - 1].0;
                }
                continue;
            }
        };
        push_number(num, start_b..end_b, unit, malformed, glued, base, out);
    }
}

/// Is `c` a dash (as [`fold_char`] leaves them)?
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―' | '─')
}

/// The end of a page number printed between dashes (`-3-`, `—12—`) that
/// starts at character `k` of a word, run into the text around it as a page
/// footer is when a PDF's text is joined into one line: one or two dashes,
/// one to three digits, one or two dashes, and then no digit or dash. Not a
/// date or a range (`2021-3-5`), and not a minus sign (`-3` before a digit).
fn page_number_in_word(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|x| x.1);
    if !at(k).is_some_and(is_dash) || k.checked_sub(1).and_then(at).is_some_and(is_dash) {
        return None;
    }
    let run = |from: usize, max: usize, f: fn(char) -> bool| {
        (from..chars.len().min(from + max + 1))
            .take_while(|&i| at(i).is_some_and(f))
            .count()
    };
    let open = run(k, 2, is_dash);
    let digits = run(k + open, 3, |c| c.is_ascii_digit());
    let close = run(k + open + digits, 2, is_dash);
    let e = k + open + digits + close;
    let clean_end = at(e).is_none_or(|c| !c.is_ascii_digit() && !is_dash(c));
    ((1..=2).contains(&open) && (1..=3).contains(&digits) && (1..=2).contains(&close) && clean_end)
        .then_some(e)
}

/// The page number printed between dashes with spaces (`- 3 -`, `— 3 —`)
/// whose first dashes end the word `piece[i..i + wlen]`, where a report's
/// lines were joined into one: the dashes, one to three digits and the
/// dashes again, with a number or Chinese text before and Chinese text or
/// punctuation after on the same line (so also `470— 3 —二、`). A row's own
/// blank marks around a value end its line or meet the next value instead.
/// Returns where the word's own text ends (before its dashes) and where
/// reading resumes (after the closing dashes). `line_rest` is the text from
/// the piece's start, past the piece (the next row's label ends a piece).
fn spaced_page_number(
    piece: &str,
    line_rest: &str,
    i: usize,
    wlen: usize,
) -> Option<(usize, usize)> {
    let word = &piece[i..i + wlen];
    let own = word.trim_end_matches(|c| is_dash(fold_char(c)));
    let dashes = |s: &str| (1..=2).contains(&s.chars().count());
    if !dashes(&word[own.len()..]) {
        return None;
    }
    let own_end = i + own.len();
    let (ds, de) = next_word(piece, i + wlen)?;
    let (cs, ce) = next_word(piece, de)?;
    let close = &piece[cs..ce];
    let after_close = close.trim_start_matches(|c| is_dash(fold_char(c)));
    let resume = ce - after_close.len();
    let digits = &piece[ds..de];
    // Chinese text or full-width punctuation (full-width digits fold to ASCII).
    let chinese = |c: char| {
        let f = fold_char(c);
        !c.is_ascii() && !f.is_ascii_digit() && !f.is_whitespace() && !is_dash(f)
    };
    let before = piece[..own_end].trim_end().chars().next_back();
    let rest = if after_close.is_empty() {
        let r = &line_rest[ce..];
        r.trim_start_matches([' ', '\t', '\u{3000}'])
    } else {
        after_close
    };
    let page = dashes(&close[..close.len() - after_close.len()])
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && before.is_some_and(|c| fold_char(c).is_ascii_digit() || chinese(c))
        && rest.chars().next().is_some_and(chinese);
    page.then_some((own_end, resume))
}

/// Is the first byte of `s` past ASCII spaces a digit or a non-ASCII one
/// (a wide space or a full-width digit may come first)? A cheap test before
/// [`spaced_page_number`]: a table's rule `---` is followed by a pipe.
fn digit_or_wide_next(s: &str) -> bool {
    s.bytes()
        .find(|b| !matches!(b, b' ' | b'\t'))
        .is_some_and(|b| b.is_ascii_digit() || !b.is_ascii())
}

/// The word of `piece` after byte `i` (spaces skipped): its start and end.
fn next_word(piece: &str, mut i: usize) -> Option<(usize, usize)> {
    while i < piece.len() {
        let sp = space_at(piece, i);
        if sp == 0 {
            break;
        }
        i += sp;
    }
    let mut e = i;
    while e < piece.len() && space_at(piece, e) == 0 {
        e += char_len(piece.as_bytes()[e]);
    }
    (e > i).then_some((i, e))
}

/// Does the number at character `s` of a word start there, by what is before
/// it (`before`, the word's text up to it)? Not after a letter, a digit or a
/// point, nor after a Chinese character unless `glue_ok` says the text may
/// run into a value there.
fn starts_a_number(
    chars: &[(usize, char)],
    s: usize,
    before: &str,
    base: usize,
    glue_ok: &dyn Fn(&str, usize) -> bool,
) -> bool {
    let Some(&(_, p)) = s.checked_sub(1).and_then(|i| chars.get(i)) else {
        return true;
    };
    !(p.is_ascii_alphanumeric()
        || p == '.'
        || (is_cjk(p) && !is_open_punct(p) && !glue_ok(before, base)))
}

/// What follows a number in a word (or, at the word's end, in `after`).
enum Follows {
    /// The number is a value, with the unit after it, if any.
    Unit(Option<&'static str>),
    /// A measure of something else (`22 件`, `3万`, `5km`): no value.
    Measure,
    /// The number of a list item (`2.申请人…`), with the character after
    /// its marker.
    ListNumber(Option<char>),
}

/// [`Follows`] for a number that ends at character `e` (byte `end_b`) of
/// `word`; `bracketed` when an opening bracket is printed just before it.
fn what_follows(
    word: &str,
    chars: &[(usize, char)],
    e: usize,
    end_b: usize,
    after: &str,
    bracketed: bool,
) -> Follows {
    let next = match chars.get(e) {
        Some(&(_, c)) => Some(c),
        None => after.chars().next().map(fold_char),
    };
    match next {
        Some('元') => Follows::Unit(Some("元")),
        Some('万') if word[end_b..].starts_with("万元") => Follows::Unit(Some("万元")),
        Some(q) if UNITS.contains(q) || q == '万' || q.is_ascii_alphabetic() => Follows::Measure,
        Some('.' | '、') if e < chars.len() => {
            let after_marker = chars.get(e + 1).map(|x| x.1);
            if after_marker.is_none_or(|x| is_cjk(x) || x.is_alphabetic()) {
                Follows::ListNumber(after_marker)
            } else {
                Follows::Unit(None)
            }
        }
        // "（2）其他…": a list number in brackets before the item's words.
        Some(')') if bracketed => match chars.get(e + 1).map(|x| x.1) {
            Some(x) if is_cjk(x) || x.is_alphabetic() => Follows::ListNumber(Some(x)),
            _ => Follows::Unit(None),
        },
        _ => Follows::Unit(None),
    }
}

/// Pushes the token of the number `num` read at `span` of the word. In
/// concatenated cells before a decimal amount, the leading zeros are counts
/// of their own first: a number has no leading zero, so "00.00" is the count
/// 0 then the amount 0.00.
fn push_number(
    mut num: String,
    span: std::ops::Range<usize>,
    unit: Option<&'static str>,
    malformed: bool,
    glued: bool,
    base: usize,
    out: &mut Vec<Tok>,
) {
    let mut start_b = span.start;
    while glued && !malformed && num.contains('.') && num.starts_with('0') && !num.starts_with("0.")
    {
        out.push(number_tok("0", base + start_b, None, glued));
        num.remove(0);
        start_b += 1;
    }
    let mut tok = number_tok(&num, base + start_b, unit, glued);
    tok.end = base + span.end;
    out.push(tok);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `several_numbers` as first written: every character decoded and counted.
    fn several_numbers_by_chars(s: &str) -> bool {
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        let mut n = 0;
        let mut prev = ' ';
        for c in s.chars() {
            if digit(c) && !(digit(prev) || matches!(prev, ',' | '.' | '，' | '．')) {
                n += 1;
            }
            prev = c;
        }
        n > 1
    }

    /// [`Tok::splittable`] as first written: a well-formed number (an
    /// optional minus sign, ASCII digits and at most one point), glued, of
    /// at most 200 bytes, gives its integer digits when there are some.
    fn splittable_by_definition(tok: &Tok) -> Option<&str> {
        let TokKind::Num { text, .. } = &tok.kind else {
            return None;
        };
        let digits = text.strip_prefix('-').unwrap_or(text);
        let well_formed = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && digits.bytes().filter(|b| *b == b'.').count() <= 1;
        if text.len() > 200 || !well_formed {
            return None;
        }
        let digits = digits.split('.').next().unwrap_or("");
        (tok.glued && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(digits)
    }

    proptest::proptest! {
        /// The digits a token may be cut into are read in one pass as by
        /// the definition: signs, points and other characters anywhere,
        /// glued or not, and numbers past the 200-byte bound.
        #[test]
        fn splittable_in_one_pass_as_by_definition(
            text in "[-0-9.a]{0,8}|-?[0-9]{195,205}(\\.[0-9])?",
            glued: bool,
        ) {
            let tok = Tok {
                kind: TokKind::Num { text: NumText::new(&text), unit: None },
                start: 0,
                end: text.len(),
                glued,
            };
            proptest::prop_assert_eq!(tok.splittable(), splittable_by_definition(&tok));
        }

        /// Reading by bytes tells several numbers as decoding every
        /// character does: digits and separators of both widths, their
        /// neighbours in the `EF BC` block (`＋`, `／`, `：`), other
        /// characters whose bytes hold `EF` or `BC`, and ideographs.
        #[test]
        fn several_numbers_by_bytes_as_by_chars(
            s in "[0-9,.，．０-９＋／：｜ｼ﻿表 a|-]{0,24}"
        ) {
            proptest::prop_assert_eq!(several_numbers(&s), several_numbers_by_chars(&s));
        }

        /// Page chrome is told with the first byte's early answer as
        /// without it (lines of chrome, of numbers, of words, with wide
        /// spaces and full-width letters first).
        #[test]
        fn footers_told_by_first_byte_as_by_first_char(
            s in "[ \u{3000}]{0,2}((Page|page|P\\.|p\\.|Ｐ\\.|第|—|-|－|1|a|表)[ ]?[0-9]{1,3}[ ]?(页|—|-)?|[-—–―─第PpＰｐ－1a表|.]{1,3}[0-9 页—-]{0,6})"
        ) {
            proptest::prop_assert_eq!(is_footer(&s), footer_by_chars(&s, crate::text::trim(&s)));
        }

        /// Spaces are told by their bytes as by decoding each character:
        /// ASCII spaces, the wide and the zero-width ones, ideographs at the
        /// edges of the common range, and characters of two and four bytes.
        #[test]
        fn spaces_told_by_bytes_as_by_chars(
            t in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2002}\u{2009}\u{200b}\u{200d}\u{2060}\u{3000}\u{feff}\u{4dff}\u{4e00}\u{9fff}\u{a000}é\u{20000}件1a]{0,10}"
        ) {
            for (i, c) in t.char_indices() {
                let space = c.is_whitespace() || (fold_char(c) == ' ' && !is_zero_width(c));
                proptest::prop_assert_eq!(space_at(&t, i), if space { c.len_utf8() } else { 0 });
                proptest::prop_assert_eq!(char_len(t.as_bytes()[i]), c.len_utf8());
            }
        }

        /// A line that is one count and its pipe gives the token the
        /// general reading gives, and lines like it but not quite (a second
        /// pipe, a sign, a unit, a wide space, a pipe first) are read the
        /// general way.
        #[test]
        fn lone_counts_read_as_any_line(
            line in "[ \t\r]{0,2}[0-9]{0,3}[ \t\r]{0,2}[|]?[ \t\r]{0,2}|[ 0-9|件a\t\r\u{3000}.-]{0,8}"
        ) {
            let lines = Lines::new(&line);
            let first = lines.get(0).unwrap();
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            line_tokens(&line, first, first.start, first.end, &|_, _| false, &mut fast);
            any_line_tokens(&line, first, (first.start, first.end), &|_, _| false, &mut general);
            proptest::prop_assert_eq!(fast, general);
        }

        /// A cell of one count and blanks gives the token that reading
        /// its words gives, and holds no other number (so that a cell
        /// between two pipes is read as not glued).
        #[test]
        fn bare_counts_read_as_words(
            cell in "[ \t\r]{0,2}[0-9]{0,3}[ \t\r]{0,2}|[ 0-9件a\t\r\u{3000}\u{b}.,-]{0,8}"
        ) {
            if let Some(tok) = bare_count(&cell, 0) {
                let mut read = Vec::new();
                words(&cell, 0, cell.len(), &|_, _| false, several_numbers(&cell), &mut read);
                proptest::prop_assert!(!several_numbers(&cell));
                proptest::prop_assert_eq!(read, vec![tok]);
            }
        }

        /// A token's count, read from the bytes held in place, is what its
        /// text reads as.
        #[test]
        fn number_text_counts_as_its_text_reads(t in "[-+ \u{b}\t]?[0-9]{0,20}[ .x\u{b}１]?") {
            let want: Option<i64> = crate::cell::CellValue::from_text(&t);
            proptest::prop_assert_eq!(NumText::new(&t).int(), want);
        }

        /// A number's text reads back as given, held in place or not
        /// (ASCII up to the limit and past it, full-width digits).
        #[test]
        fn number_text_reads_back_as_given(t in "[0-9.\\-１２]{0,30}") {
            let n = NumText::new(&t);
            proptest::prop_assert_eq!(n.as_str(), t.as_str());
            proptest::prop_assert_eq!(
                matches!(n, NumText::Inline { .. }),
                t.len() <= NumText::INLINE && t.is_ascii()
            );
        }
    }

    fn vals(t: &str) -> Vec<String> {
        read_all(t, false)
    }

    /// The tokens of all of `t`, shown as numbers, `mark:…` and `_`; `glue`
    /// says whether a number may run on from Chinese text.
    fn read_all(t: &str, glue: bool) -> Vec<String> {
        value_tokens(t, &Lines::new(t), 0, t.len(), &|_, _| glue)
            .into_iter()
            .map(|t| match t.kind {
                TokKind::Num { text, .. } => text.to_string(),
                TokKind::Mark(m) => format!("mark:{m}"),
                TokKind::Empty => "_".into(),
            })
            .collect()
    }

    #[test]
    fn a_line_of_column_headers_has_no_value_cells() {
        // Words in two cells and no digit: the header's blank span is no cell.
        assert!(column_header("行政复议 | 行政诉讼 |"));
        assert!(column_header(" 结果维持 | 结果纠正 |  | 总计"));
        // A row's values, a row's label with its blank cells, marks.
        assert!(!column_header("5 |  |  | 2 | 7"));
        assert!(!column_header("行政复议 | ５ |  |"));
        assert!(!column_header("府信息公开申请 |  |  |  |"));
        assert!(!column_header("— | — |  |"));
    }

    #[test]
    fn digits_split_by_a_space_in_one_cell_of_a_row_are_that_cell_as_printed() {
        // "| 2 6 |": one cell (26, or two columns run together), not two
        // values that push the row's other cells along.
        assert_eq!(
            vals(" | 2 6 |  |  |  |  |  | 26\n"),
            ["2 6", "_", "_", "_", "_", "_", "26"]
        );
        assert_eq!(
            vals(" | 76\u{2002}7 | 1 | 768\n"),
            ["76\u{2002}7", "1", "768"]
        );
        // In groups of three, the number those groups print.
        assert_eq!(
            vals(" | 1 139 | 48 |  | 1 187\n"),
            ["1139", "48", "_", "1187"]
        );
        assert_eq!(thousands("12 172 006").as_deref(), Some("12172006"));
        assert_eq!(thousands("１ ２３４").as_deref(), Some("1234"));
        for not in ["2 6", "0 139", "1234 567", "1 1390", "139"] {
            assert_eq!(thousands(not), None, "{not}");
        }
        // A line that is one cell and its pipe is that cell.
        assert_eq!(vals("12 172 |\n"), ["12172"]);
        assert_eq!(vals("1 2172 |\n"), ["1 2172"]);
        // Not a row of cells (under three pipes, not one cell a line), split
        // by a tab or a wide gap, or not digits alone: read as before.
        assert_eq!(vals("12\t172 |\n"), ["12", "172"]);
        assert_eq!(vals("12  172 |\n"), ["12", "172"]);
        assert_eq!(vals("12 172 | 5\n"), ["12", "172", "5"]);
        assert_eq!(split_digits(" 2 6 "), Some("2 6"));
        assert_eq!(split_digits("2 件 6"), None);
        assert_eq!(split_digits("26"), Some("26"));
    }

    #[test]
    fn pipe_rows_keep_blank_cells() {
        assert_eq!(
            vals(" | 821 | 35 |  |  | 2 | 1 | 859\n"),
            ["821", "35", "_", "_", "2", "1", "859"]
        );
        let row = "（二）部分公开 | 3 |  |  |  |  |  | \n";
        let start = row.find(" |").unwrap();
        assert_eq!(
            value_tokens(row, &Lines::new(row), start, row.len(), &|_, _| false).len(),
            7
        );
        assert_eq!(vals("| 4 | 0 | 0 |  |\n"), ["4", "0", "0", "_"]);
    }

    #[test]
    fn blank_cells_before_the_next_rows_label_are_that_rows() {
        // A DOCX row under a merged label: the next row starts with the
        // merge's blank continuation. Read up to the next label, this row
        // keeps its 7 cells (the last one blank), not 8.
        let text = "| （一）予以公开 | 1 | 2 | 3 | 4 | 0 | 1 |  |\n|  | （二）部分公开 | 3 |\n";
        let start = text.find(" |").unwrap();
        let end = text.find("（二）").unwrap();
        let toks = value_tokens(text, &Lines::new(text), start, end, &|_, _| false);
        let kinds: Vec<bool> = toks.iter().map(Tok::is_filled).collect();
        assert_eq!(kinds, [true, true, true, true, true, true, false]);
    }

    #[test]
    fn cell_per_line_ignores_span_filler_but_keeps_lone_pipes() {
        assert_eq!(vals("\n15 |\n0 |\n||\n"), ["15", "0"]);
        assert_eq!(vals("\n0 |\n0 |\n|\n"), ["0", "0", "_"]);
    }

    #[test]
    fn prose_measures_and_markers_are_not_values() {
        assert!(vals("（其中修订 16 件）\n2021年1月1日 33.9% 数据1 5.要求行政机关").is_empty());
        assert!(vals("— 4 —\n").is_empty());
        assert!(vals("|---|---|\n").is_empty());
    }

    #[test]
    fn concatenated_digits_and_units() {
        assert_eq!(vals("693665第二十条第(五)项"), ["693665"]);
        assert_eq!(
            vals("（区分处理的）500000 5（三）不予公开"),
            ["500000", "5"]
        );
        let t = value_tokens(
            "2832995元",
            &Lines::new("2832995元"),
            0,
            "2832995元".len(),
            &|_, _| false,
        );
        assert!(matches!(&t[0].kind, TokKind::Num { unit: Some(u), .. } if *u == "元"));
        assert_eq!(
            vals("24252.311082 -3 / —"),
            ["24252.311082", "-3", "mark:/", "mark:—"]
        );
        assert_eq!(vals("12,172"), ["12172"]);
    }

    #[test]
    fn malformed_numbers_are_one_token_as_printed() {
        assert_eq!(vals("12.5.3"), ["12.5.3"]);
        assert_eq!(vals("| 1e5 | 2 |"), ["1e5", "2"]);
        assert_eq!(vals("3E+7 4e-2"), ["3E+7", "4e-2"]);
        assert_eq!(
            vals("1\u{200b}2\u{200b}3 | 4"),
            ["1\u{200b}2\u{200b}3", "4"]
        );
        assert_eq!(vals("１２.５.３"), ["１２.５.３"]);
        assert_eq!(vals("-1.2.3"), ["-1.2.3"]);
        // Not malformed: a zero-width space beside one number, a list marker.
        assert_eq!(vals("\u{200b}12\u{200b} 5"), ["12", "5"]);
        assert_eq!(vals("24252.311082"), ["24252.311082"]);
        let t = "0012.5.3";
        let toks = value_tokens(t, &Lines::new(t), 0, t.len(), &|_, _| false);
        assert!(toks.iter().all(|t| t.splittable().is_none()));
    }

    #[test]
    fn a_list_number_in_brackets_before_words_is_no_value() {
        // The row "（2）其他…" not found by its label (printed shortened):
        // its list number is not a value of the row above.
        assert_eq!(
            vals("0 0 0\n（2）其他法律行政止公开 1 1\n"),
            ["0", "0", "0", "1", "1"]
        );
        assert_eq!(vals("0 (2)其他 1\n"), ["0", "1"]);
        // A count in brackets with no words after it is read.
        assert_eq!(vals("合计 (2) 1\n"), ["2", "1"]);
    }

    #[test]
    fn numbers_garbled_by_ocr_are_cells_read_as_printed() {
        // l for 1, O for 0 (and 〇), in a row of pipes, in a cell of its
        // own line, and standing alone among spaced values: a cell whose
        // text is no value, so the row's other cells keep their places.
        assert_eq!(vals(" | l | 0 | 5l3 |\n"), ["l", "0", "5l3"]);
        assert_eq!(vals("l5 |\n"), ["l5"]);
        assert_eq!(vals("规章 O 0 〇\n"), ["O", "0", "〇"]);
        // Words are not numbers garbled: longer ones, other letters, the
        // rest of a label's own cell before its first pipe.
        assert_eq!(vals(" | Sum | 0 |\n"), ["0"]);
        assert_eq!(vals("规章 | 0 | 0 | 0 | OOOOOOOOO\n"), ["0", "0", "0"]);
        assert!(!ocr_garbled("12"));
        assert!(!ocr_garbled(""));
    }

    #[test]
    fn a_comma_or_dot_that_groups_no_thousands_makes_a_number_malformed() {
        assert_eq!(vals("收费 | 12,172\n"), ["12172"]);
        assert_eq!(vals("收费 | 1，234\n"), ["1234"]);
        // A point misread (OCR, a full-width input method) or a decimal
        // comma: the text as printed, no value.
        assert_eq!(vals("收费 | 4068,208\n"), ["4068,208"]);
        assert_eq!(vals("收费 | 539,16\n"), ["539,16"]);
        assert_eq!(vals("收费 | 4068·208\n"), ["4068·208"]);
        // Comma-separated values are values.
        assert_eq!(vals("规章,0,0,12\n"), ["0", "0", "12"]);
        assert_eq!(vals("规章,13,524,7\n"), ["13", "524", "7"]);
        assert_eq!(vals("0,0,3\n"), ["0", "0", "3"]);
    }

    #[test]
    fn digits_split_by_a_narrow_space_are_one_cell() {
        let cells = |t: &str| -> Vec<String> {
            value_tokens(t, &Lines::new(t), 0, t.len(), &|_, _| true)
                .iter()
                .map(|k| k.cell_text().to_string())
                .collect()
        };
        // A thin or en space inside a number: one cell, the number its
        // groups of three print, else its text as printed (no count).
        assert_eq!(cells("行政许可 12\u{2009}172"), ["12172"]);
        assert_eq!(cells("行政强制 8\u{2002}4 0"), ["8\u{2002}4", "0"]);
        assert_eq!(cells("行政强制 8\u{202F}4"), ["8\u{202F}4"]);
        // Plain, ideographic and no-break spaces split cells, as before.
        assert_eq!(cells("行政强制 8 4"), ["8", "4"]);
        assert_eq!(cells("行政强制 8\u{3000}4"), ["8", "4"]);
        assert_eq!(cells("行政强制 8\u{a0}4"), ["8", "4"]);
        // A narrow space beside words is a space.
        assert_eq!(cells("行政强制\u{2009}84"), ["84"]);
    }

    #[test]
    fn list_numbers_glued_to_values_are_cut_off() {
        let t = value_tokens(
            "申请00000002.申请人",
            &Lines::new("申请00000002.申请人"),
            0,
            "申请00000002.申请人".len(),
            &|_, _| true,
        );
        assert_eq!(t.len(), 1);
        assert!(matches!(&t[0].kind, TokKind::Num { text, .. } if text.as_str() == "0000000"));
    }

    #[test]
    fn glued_numbers_need_permission() {
        let t = "尚未审结总计10203";
        assert!(value_tokens(t, &Lines::new(t), 0, t.len(), &|_, _| false).is_empty());
        assert_eq!(
            value_tokens(t, &Lines::new(t), 0, t.len(), &|s, _| s.ends_with("总计")).len(),
            1
        );
    }

    /// The printed values read between the end of `label` and `next` in `t`.
    fn between(t: &str, label: &str, next: &str) -> Vec<String> {
        let start = t.find(label).unwrap() + label.len();
        let end = t.find(next).unwrap();
        value_tokens(t, &Lines::new(t), start, end, &|_, _| false)
            .into_iter()
            .map(|t| t.cell_text().to_string())
            .collect()
    }

    #[test]
    fn cells_before_the_next_rows_label_on_its_line_of_a_grid_are_that_rows() {
        // A column numbering the rows: "2" is the next row's, not this one's.
        let t = "| 1 | 规章 | 22 | 235 | 0 |\n| 2 | 行政规范性文件 | 34 | 189 | 5 |\n";
        assert_eq!(between(t, "规章", "行政规范性文件"), ["22", "235", "0"]);
        // Values on the next line before a label with no pipe between are
        // the row's (a row wrapped onto the next row's line).
        let t = "规章 | 22 | 235\n0 行政规范性文件 | 34\n";
        assert_eq!(between(t, "规章", "行政规范性文件"), ["22", "235", "0"]);
    }

    #[test]
    fn page_numbers_run_into_a_line_are_no_values() {
        let glue = |t: &str| read_all(t, true);
        // Between dashes, run into the row before and the label after.
        assert_eq!(glue("数量640020470-3-二、上年"), ["640020470"]);
        assert_eq!(glue("数量640020470—12—二、上年"), ["640020470"]);
        assert_eq!(glue("数量640020470— 3 —二、上年"), ["640020470"]);
        assert_eq!(glue("事项000 - 3 - 第二十条"), ["000"]);
        assert_eq!(glue("事项000第 - 3 - （六）项"), ["000"]);
        // A date, a range or a minus sign is no page number.
        assert!(glue("日期 2021-3-5").contains(&"-3".to_string()));
        assert!(glue("第1-3-5项").contains(&"-3".to_string()));
        assert_eq!(glue("增减 5 -3"), ["5", "-3"]);
        // Blank marks around a value at a line's end are the row's cells.
        assert_eq!(glue("行政许可 - 3 -"), ["mark:-", "3", "mark:-"]);
        assert_eq!(glue("行政许可 - 3 - 7"), ["mark:-", "3", "mark:-", "7"]);
    }

    #[test]
    fn footers() {
        assert!(is_footer("— 4 —"));
        assert!(is_footer("第 3 页"));
        assert!(is_footer("Page 8 - 威海市"));
        assert!(!is_footer("5"));
        assert!(!is_footer("—"));
    }
}
