//! The document being parsed: the text the matcher reads (the source itself,
//! or the text rendered from HTML), with a map back to the source's bytes and lines.

use super::layout::{place_of, Place, Rendered};
use crate::report::Source;
use crate::text::fold_char;

/// Text to parse, with provenance back to the original source.
pub(crate) struct Doc<'a> {
    /// The text the matcher reads.
    pub text: std::borrow::Cow<'a, str>,
    /// For rendered text: segments `(rendered_start, source_start, source_end)`, sorted.
    segments: Option<Vec<(usize, usize, usize)>>,
    /// The lines of `text`.
    lines: Lines,
    /// For text rendered from HTML: byte offsets where the source's lines
    /// start (other text is its own source, whose lines are `lines`).
    source_lines: Option<Vec<u32>>,
    /// For text rendered from a [`Layout`](super::layout::Layout): the places
    /// in the file of its pieces, sorted by offset.
    places: Vec<(usize, Place)>,
}

impl<'a> Doc<'a> {
    /// A plain-text document: the text is its own source.
    pub fn plain(text: &'a str) -> Doc<'a> {
        let text = plain_breaks_and_pipes(text);
        let lines = Lines::new(&text);
        Doc {
            text,
            segments: None,
            lines,
            source_lines: None,
            places: Vec::new(),
        }
    }

    /// Text rendered from a file's layout (PDF, DOCX): the text is its own
    /// source, and a value's source also names its place in the file.
    #[allow(dead_code)] // called by the PDF and DOCX readers, which are being added
    pub fn laid_out(rendered: Rendered) -> Doc<'a> {
        Doc {
            lines: Lines::new(&rendered.text),
            source_lines: None,
            text: std::borrow::Cow::Owned(rendered.text),
            segments: None,
            places: rendered.places,
        }
    }

    /// Text rendered from `source` (HTML), with its segment map.
    #[cfg(feature = "html")]
    pub fn rendered(text: String, segments: Vec<(usize, usize, usize)>, source: &str) -> Doc<'a> {
        Doc {
            lines: Lines::new(&text),
            text: std::borrow::Cow::Owned(text),
            segments: Some(segments),
            source_lines: Some(line_starts(source)),
            places: Vec::new(),
        }
    }

    /// Is the text rendered from HTML (not the source itself)?
    pub fn is_rendered(&self) -> bool {
        self.segments.is_some() || !self.places.is_empty()
    }

    /// Keeps the text before byte `at` (a char boundary) only.
    pub fn truncate(&mut self, at: usize) {
        match &mut self.text {
            std::borrow::Cow::Borrowed(t) => *t = &t[..at],
            std::borrow::Cow::Owned(t) => t.truncate(at),
        }
        self.lines = Lines::new(&self.text);
    }

    /// The lines of the text the matcher reads.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// The source byte span of the rendered span `start..end`.
    pub fn source_span(&self, start: usize, end: usize) -> (usize, usize) {
        match &self.segments {
            None => (start, end),
            Some(segs) => {
                let find = |off: usize| -> (usize, usize) {
                    let i = segs.partition_point(|s| s.0 <= off).saturating_sub(1);
                    segs.get(i).map_or((0, 0), |s| (s.1, s.2))
                };
                let (a, _) = find(start);
                let (_, b) = find(end.saturating_sub(1).max(start));
                (a, b.max(a))
            }
        }
    }

    /// The provenance record of the rendered span `start..end`.
    pub fn source(&self, start: usize, end: usize, inferred: bool) -> Source {
        let (s, e) = self.source_span(start, end);
        let starts = self.source_lines.as_deref().unwrap_or(&self.lines.starts);
        let line = starts.partition_point(|&l| (l as usize) <= s);
        let mut src = Source {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            start: u32::try_from(s).unwrap_or(u32::MAX),
            end: u32::try_from(e).unwrap_or(u32::MAX),
            inferred,
            ..Source::default()
        };
        match place_of(&self.places, start, end) {
            Place::None => {}
            Place::Pdf { page, bbox } => {
                src.page = Some(page);
                src.bbox = Some(bbox);
            }
            Place::Docx { table, row, cell } => {
                src.table = Some(table);
                src.row = Some(row);
                src.cell = Some(cell);
            }
        }
        src
    }
}

/// `text` with every line break a line feed and every cell separator a
/// pipe, each replaced by as many bytes, so that every offset still points
/// where it did in the source:
/// - a lone carriage return (old Mac line ends) and a vertical tab (a line
///   break within a paragraph, as Word's text exports print it) become `\n`;
///   a line or paragraph separator (U+2028, U+2029) becomes `  \n`;
/// - a full-width pipe (U+FF5C) or a box-drawing vertical (U+2502), as
///   converters draw a table's columns, becomes `|  `;
/// - the tabs of a line with two tabs or more and no pipe (a table copied
///   from a word processor or a spreadsheet: cells split by tabs, a blank
///   cell between two tabs) become pipes;
/// - so do the commas (or semicolons) between the cells of a row written as
///   comma-separated values with an empty cell ([`csv_cells`]).
///
/// Text with none of them (most text: CR LF is left as it is) is not copied.
fn plain_breaks_and_pipes(text: &str) -> std::borrow::Cow<'_, str> {
    const SEPARATORS: [&str; 2] = ["\u{2028}", "\u{2029}"];
    const PIPES: [&str; 2] = ["\u{FF5C}", "\u{2502}"];
    let b = text.as_bytes();
    // A vertical tab, or a carriage return with no line feed after it.
    let breaks = |i: &usize| b[*i] == 0x0B || b.get(i + 1) != Some(&b'\n');
    let has_break = memchr::memchr2_iter(b'\r', 0x0B, b).any(|i| breaks(&i));
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|s| memchr::memmem::find(b, s.as_bytes()).is_some())
    };
    let (has_separator, has_pipe) = (has(&SEPARATORS), has(&PIPES));
    let tab_rows = tab_rows(b);
    let csv_cells = csv_cells(b);
    if !has_break && !has_separator && !has_pipe && tab_rows.is_empty() && csv_cells.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = b.to_vec();
    for i in memchr::memchr2_iter(b'\r', 0x0B, b).filter(breaks) {
        out[i] = b'\n';
    }
    for (words, by) in [(SEPARATORS, b"  \n"), (PIPES, b"|  ")] {
        for s in words {
            for i in memchr::memmem::find_iter(b, s.as_bytes()) {
                out[i..i + 3].copy_from_slice(by);
            }
        }
    }
    for (start, end) in tab_rows {
        for c in out[start..end].iter_mut().filter(|c| **c == b'\t') {
            *c = b'|';
        }
    }
    for (start, end, sep) in csv_cells {
        for c in out[start..end].iter_mut().filter(|c| **c == sep) {
            *c = b'|';
        }
    }
    // ASCII in place of ASCII, and of whole three-byte characters: still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// The lines of `text` (its breaks line feeds, or about to be) that hold two
/// tabs or more and no pipe: rows of cells split by tabs, whose tabs are
/// made pipes. (One tab is a stray one, or the gap between a label and its
/// values.) Only the lines with a tab are looked at.
fn tab_rows(text: &[u8]) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(tab) = memchr::memchr(b'\t', &text[from..]).map(|i| from + i) {
        let is_break = |c: &u8| matches!(c, b'\n' | b'\r' | 0x0B);
        let start = text[..tab].iter().rposition(is_break).map_or(0, |i| i + 1);
        let end = text[tab..]
            .iter()
            .position(is_break)
            .map_or(text.len(), |i| tab + i);
        let line = &text[start..end];
        if memchr::memchr_iter(b'\t', line).nth(1).is_some() && memchr::memchr(b'|', line).is_none()
        {
            rows.push((start, end));
        }
        from = end;
    }
    rows
}

/// The stretches of `text`'s lines (with no pipe and no tab) that are a
/// row's cells written as comma-separated values, one of them empty
/// (`（一）予以公开,258,12,,,1,1,272`, as a table exported to CSV prints a
/// blank cell): from the separator before the first of the line's last
/// cells to the line's end, with the separator (`,`, or `;` on a line with
/// fewer than three commas). The last cells are three or more, each empty,
/// a number (digits, a sign, a point; quoted or not) or a mark; prose
/// before them (a label, even one with commas) is left as it is.
fn csv_cells(text: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b',', b';', &text[from..]).map(|i| from + i) {
        // Only a separator before an empty cell (`,,` `,""` or one ending
        // the line) makes its line looked at: most commas are prose's.
        if !matches!(
            text.get(at + 1),
            None | Some(b',' | b';' | b'"' | b'\n' | b'\r' | 0x0B)
        ) {
            from = at + 1;
            continue;
        }
        let start = memchr::memrchr3(b'\n', b'\r', 0x0B, &text[..at]).map_or(0, |i| i + 1);
        let end = memchr::memchr3(b'\n', b'\r', 0x0B, &text[at..]).map_or(text.len(), |i| at + i);
        from = end.max(at + 1);
        let line = &text[start..end];
        if memchr::memchr2(b'|', b'\t', line).is_some() {
            continue;
        }
        let sep = match memchr::memchr_iter(b',', line).nth(2) {
            Some(_) => b',',
            None => b';',
        };
        // The line's last pieces, from its end, while they are cells.
        let mut cells = 0;
        let mut empty = false;
        let mut first_sep = None;
        let mut piece_end = line.len();
        for i in memchr::memrchr_iter(sep, line) {
            let piece = trim_ascii(&line[i + 1..piece_end]);
            if !csv_cell(piece) {
                break;
            }
            cells += 1;
            empty |= piece.is_empty() || piece == b"\"\"";
            first_sep = Some(i);
            piece_end = i;
        }
        if let Some(i) = first_sep.filter(|_| cells >= 3 && empty) {
            rows.push((start + i, end, sep));
        }
    }
    rows
}

/// `b` without ASCII spaces at its ends.
fn trim_ascii(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| *c != b' ').unwrap_or(b.len());
    let e = b.iter().rposition(|c| *c != b' ').map_or(s, |i| i + 1);
    &b[s..e]
}

/// Is `piece` (trimmed) what a cell of a comma-separated row holds: nothing,
/// a number (digits with a sign or a point), or a not-applicable mark, in
/// double quotes or not?
fn csv_cell(piece: &[u8]) -> bool {
    let p = match piece {
        [b'"', inner @ .., b'"'] => inner,
        _ => piece,
    };
    let number = !p.is_empty()
        && p.iter().any(u8::is_ascii_digit)
        && p.iter()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-'));
    p.is_empty() || number || std::str::from_utf8(p).is_ok_and(crate::cell::is_mark)
}

/// Byte offsets where the lines of `s` start (an HTML page's, which the
/// rendered text's spans map back to).
#[cfg(feature = "html")]
fn line_starts(s: &str) -> Vec<u32> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', s.as_bytes()).map(|i| offset32(i + 1)))
        .collect()
}

/// A byte offset as the line tables keep it: 32 bits, as the sources' spans
/// are (a text past 4 GiB, which no reader accepts, saturates).
fn offset32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The lines of a text, read once: where each starts and how many pipes
/// it holds (a row's tokens are read line by line, and a long line is not
/// scanned again for each row it holds).
pub(crate) struct Lines {
    /// Byte offsets where the lines start (the first is 0). 32 bits, and 16
    /// for the pipes: 6 bytes a line, which keeps a 100 MB text of short
    /// lines under 3 bytes of memory per byte (BENCHMARKS.md).
    starts: Vec<u32>,
    /// The number of `|` on each line (same order as `starts`), up to
    /// `u16::MAX` (only none, one or more matter).
    pipes: Vec<u16>,
    /// The text's length.
    len: usize,
    /// The pipe counts (three or more) of the lines that do not start with
    /// a pipe: rows of a grid whose outer cells are cells. A line that starts
    /// with a pipe and holds as many is a row of the same grid whose first
    /// cell is empty (`（本列…） |  |  | 申请人情况 …` then ` | （一）予以公开 |  | 258 …`,
    /// as a table's cells joined by ` | ` print a merged column), not a
    /// markdown row framed by pipes. A few counts at most.
    grid_widths: Vec<u16>,
}

/// One line of a text: its byte span (without the line break) and its pipes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    /// Where the line starts.
    pub start: usize,
    /// Where it ends (its `\n`, or the end of the text).
    pub end: usize,
    /// How many `|` it holds.
    pub pipes: usize,
    /// Another line of the text that does not start with a pipe holds as
    /// many (three or more): a leading pipe on this one ends an empty cell.
    pub grid_width: bool,
}

impl Lines {
    /// Reads the lines of `text`.
    pub fn new(text: &str) -> Lines {
        // Line breaks and pipes found together by `memchr2` (the crate was in
        // the tree already, through serde_json): parse + check of the seed
        // −2 % in instructions against std's `match_indices` for each.
        // Room for a line every 16 bytes of a report's size (a big text's
        // lists grow as they fill): growing them from empty cost the seed's
        // parse + check 0.5 % (BENCHMARKS.md).
        let room = (text.len() / 16 + 1).min(8192);
        let mut starts = Vec::with_capacity(room);
        starts.push(0);
        let mut pipes = Vec::with_capacity(room);
        let mut count = 0u16;
        let mut grid_widths = Vec::new();
        let mut line_start = 0;
        let end_line = |count: u16, start: usize, widths: &mut Vec<u16>| {
            if count >= 3 && !widths.contains(&count) {
                let first = text.as_bytes()[start..]
                    .iter()
                    .find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
                if first != Some(&b'|') && widths.len() < 16 {
                    widths.push(count);
                }
            }
        };
        for at in memchr::memchr2_iter(b'\n', b'|', text.as_bytes()) {
            if text.as_bytes()[at] == b'|' {
                count = count.saturating_add(1);
            } else {
                end_line(count, line_start, &mut grid_widths);
                pipes.push(count);
                count = 0;
                line_start = at + 1;
                starts.push(offset32(at + 1));
            }
        }
        end_line(count, line_start, &mut grid_widths);
        pipes.push(count);
        Lines {
            starts,
            pipes,
            len: text.len(),
            grid_widths,
        }
    }

    /// The index of the line holding byte `at`.
    pub fn index_of(&self, at: usize) -> usize {
        self.starts
            .partition_point(|&s| (s as usize) <= at)
            .saturating_sub(1)
    }

    /// Line `i`, if the text has it.
    pub fn get(&self, i: usize) -> Option<Line> {
        let start = *self.starts.get(i)? as usize;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.len, |&next| next as usize - 1);
        let pipes = self.pipes[i];
        Some(Line {
            start,
            end,
            pipes: usize::from(pipes),
            grid_width: pipes >= 3 && self.grid_widths.contains(&pipes),
        })
    }
}

/// The text with spaces, pipes, quotes and markdown removed and every
/// character folded, for finding labels; each byte maps back to the span of
/// the character of the original text it came from.
///
/// The map back is sparse: a mark every [`MARK_EVERY`] squeezed bytes says
/// where in the original its character starts, and a lookup squeezes the
/// original again from the mark before (at most `MARK_EVERY` bytes kept, plus
/// what is dropped in between). So the map costs 8 bytes per `MARK_EVERY`
/// bytes, not 8 per byte: the squeezed copy and its marks are about 1.25
/// times the size of the text.
pub(crate) struct Squeezed<'a> {
    /// The squeezed text.
    pub s: String,
    /// The original text, read again by lookups.
    text: &'a str,
    /// Where the squeezed text ends in the original.
    end: usize,
    /// `(index in s, offset in text)` of the char starting there, every
    /// `MARK_EVERY` bytes of `s` or so; both ascending.
    marks: Vec<(u32, u32)>,
}

/// Squeezed bytes between two marks of the map back. 32 rather than 64:
/// lookups walk half as far (parse + check of the seed −5 % in instructions;
/// 16 saves 0.2 % more, and took a 100 MB text past 3 bytes of memory per
/// byte: BENCHMARKS.md).
const MARK_EVERY: usize = 32;

/// Characters dropped when squeezing.
fn dropped(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ASCII_DROPPED[usize::from(b)],
        _ => dropped_by_definition(c),
    }
}

/// [`dropped`] without the table.
fn dropped_by_definition(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '|' | '#' | '*' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '`' | '\u{feff}'
        )
}

/// [`dropped`] for ASCII, looked up (the lookups of a table's spans test
/// every digit and space they pass: −1 % of the seed's instructions). A test
/// holds it to [`dropped_by_definition`].
const ASCII_DROPPED: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = matches!(
            i as u8,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | b'|' | b'#' | b'*' | b'"' | b'\'' | b'`'
        );
        i += 1;
    }
    t
};

/// What the squeezed text holds for `c` (`None`: dropped), after a kept
/// character that was an ASCII digit when `after_digit`.
#[inline]
fn squeeze_char(c: char, after_digit: bool) -> Option<char> {
    // Common CJK ideographs are kept as they are: no folding, never dropped.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return Some(c);
    }
    let f = fold_char(c);
    if dropped(f) {
        return None;
    }
    if (f == '、' || f == '．') && after_digit {
        return Some('.');
    }
    Some(f)
}

impl<'a> Squeezed<'a> {
    /// Squeezes `text[range]`.
    pub fn new(text: &'a str, range: std::ops::Range<usize>) -> Squeezed<'a> {
        let mut s = String::with_capacity(range.len());
        let mut marks = Vec::with_capacity(range.len() / MARK_EVERY + 1);
        let mut next_mark = 0usize;
        let mut after_digit = false;
        // Where the last kept character ends: a character after a long dropped
        // stretch gets a mark, so that no lookup squeezes a long gap again.
        let mut kept_end = range.start;
        // Characters kept as they are printed are copied by stretches, from
        // `run` on, when a dropped or folded one ends the stretch (a
        // `String::push` of each CJK character calls memcpy for 3 bytes).
        let mut run = range.start;
        let bytes = text.as_bytes();
        let mut off = range.start;
        while off < range.end {
            let b = bytes[off];
            if crate::text::is_common_ideograph(bytes, off) {
                // Kept as it is, without decoding it (most of a report's
                // prose and labels; −4 % of the seed's instructions), and
                // the ones after it in a loop of their own (−1 %).
                let mut at = s.len() + (off - run);
                if off - kept_end > MARK_EVERY {
                    next_mark = at;
                }
                loop {
                    if at >= next_mark {
                        marks.push((at as u32, off as u32));
                        next_mark = at + MARK_EVERY;
                    }
                    off += 3;
                    at += 3;
                    if off >= range.end || !crate::text::is_common_ideograph(bytes, off) {
                        break;
                    }
                }
                after_digit = false;
                kept_end = off;
                continue;
            }
            // ASCII is never folded: dropped or kept as it is (most of a
            // table's text); other characters are decoded and squeezed.
            // The original character, and what the squeezed text holds for
            // it (`None`: dropped; ASCII is never folded).
            let (c, squeezed) = if b < 0x80 {
                let c = char::from(b);
                (c, (!dropped(c)).then_some(c))
            } else {
                let Some(c) = text[off..range.end].chars().next() else {
                    break;
                };
                (c, squeeze_char(c, after_digit))
            };
            let len = c.len_utf8();
            let Some(f) = squeezed else {
                // (A stretch of dropped characters flushes the pending one once.)
                if run < off {
                    s.push_str(&text[run..off]);
                }
                off += len;
                run = off;
                continue;
            };
            let same = f == c;
            // Where in `s` the character goes, the stretch pending included.
            let at = s.len() + (off - run);
            if at >= next_mark || off - kept_end > MARK_EVERY {
                marks.push((at as u32, off as u32));
                next_mark = at + MARK_EVERY;
            }
            if !same {
                s.push_str(&text[run..off]);
                s.push(f);
                run = off + len;
            }
            after_digit = f.is_ascii_digit();
            off += len;
            kept_end = off;
        }
        s.push_str(&text[run..off.min(range.end)]);
        Squeezed {
            s,
            text,
            end: range.end,
            marks,
        }
    }

    /// Squeezes the original again from the mark `m`, calling `f(index in
    /// s, original span, squeezed length)` for each character (dropped ones
    /// too, with length 0 and the index of the next kept one) until it
    /// returns `true` or the index in `s` reaches `limit`; returns the index
    /// in `s` where it stopped.
    fn walk(
        &self,
        m: usize,
        limit: usize,
        mut f: impl FnMut(usize, usize, usize, usize) -> bool,
    ) -> usize {
        let limit = limit.min(self.s.len());
        let Some(&(pos, off)) = self.marks.get(m) else {
            return limit;
        };
        let (mut pos, mut a) = (pos as usize, off as usize);
        let mut after_digit = pos > 0 && self.s.as_bytes()[pos - 1].is_ascii_digit();
        let bytes = self.text.as_bytes();
        while a < self.end && pos < limit {
            // The character at `a`: its length, and what the squeezed text
            // holds for it (its length there, and whether it is a digit;
            // `None`: dropped). Common ideographs and ASCII are told by
            // their bytes, as `Squeezed::new` tells them (lookups walk
            // mostly over labels: the seed's parse + check −2 %).
            let (len, kept) = if crate::text::is_common_ideograph(bytes, a) {
                (3, Some((3, false)))
            } else if bytes[a] < 0x80 {
                let b = bytes[a];
                (
                    1,
                    (!dropped(char::from(b))).then_some((1, b.is_ascii_digit())),
                )
            } else {
                let Some(c) = self.text[a..self.end].chars().next() else {
                    break;
                };
                let k = squeeze_char(c, after_digit);
                (c.len_utf8(), k.map(|k| (k.len_utf8(), k.is_ascii_digit())))
            };
            let b = a + len;
            let Some((klen, digit)) = kept else {
                if f(pos, a, b, 0) {
                    return pos;
                }
                a = b;
                continue;
            };
            if f(pos, a, b, klen) {
                return pos;
            }
            pos += klen;
            after_digit = digit;
            a = b;
        }
        limit
    }

    /// The index in `s` of mark `m`, or the end.
    fn mark_index(&self, m: usize) -> usize {
        self.marks.get(m).map_or(self.s.len(), |mk| mk.0 as usize)
    }

    /// The index in `s` of the first squeezed byte from original offset `at` on.
    pub fn index_of(&self, at: usize) -> usize {
        let m = self.marks.partition_point(|mk| (mk.1 as usize) < at);
        if m == 0 {
            return 0;
        }
        // A dropped character from `at` on: the next kept one is the answer.
        // It is at most the next mark: a long gap before it is not squeezed again.
        self.walk(m - 1, self.mark_index(m), |_, a, _, _| a >= at)
    }

    /// The index in `s` of the first squeezed byte whose character ends after original offset `at`.
    fn index_ending_after(&self, at: usize) -> usize {
        let m = self.marks.partition_point(|mk| (mk.1 as usize) < at);
        if m == 0 {
            return 0;
        }
        self.walk(m - 1, self.mark_index(m), |_, _, b, _| b > at)
    }

    /// The original text of the squeezed span `start..end`.
    pub fn source_text(&self, start: usize, end: usize) -> &'a str {
        let (s, e) = self.span(start, end);
        self.text.get(s..e).unwrap_or("")
    }

    /// The original span of squeezed bytes `start..end`: from the start of
    /// the character byte `start` came from to the end of the one byte
    /// `end - 1` came from (one walk from the mark before `start`, or, when
    /// a mark lies between them, one from each one's mark before, so that a
    /// long label is not walked over whole: the seed's parse + check −0.3 %).
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(last) = self.s.len().checked_sub(1) else {
            return (0, 0);
        };
        let (first, last) = (start.min(last), end.saturating_sub(1).min(last));
        let mark_before = |i: usize| {
            self.marks
                .partition_point(|mk| mk.0 as usize <= i)
                .saturating_sub(1)
        };
        let (m, m_last) = (mark_before(first), mark_before(last));
        // A kept character holds squeezed byte `i` when it ends after it.
        let holds = |i: usize, pos: usize, len: usize| len > 0 && pos + len > i;
        if m_last > m {
            let mut span = (self.end, self.end);
            self.walk(m, self.s.len(), |pos, a, _, len| {
                let found = holds(first, pos, len);
                if found {
                    span.0 = a;
                }
                found
            });
            self.walk(m_last, self.s.len(), |pos, _, b, len| {
                let found = holds(last, pos, len);
                if found {
                    span.1 = b;
                }
                found
            });
            return span;
        }
        let mut span = (self.end, self.end);
        let mut started = false;
        self.walk(m, self.s.len(), |pos, a, b, len| {
            if !started && holds(first, pos, len) {
                span.0 = a;
                started = true;
            }
            if started && holds(last, pos, len) {
                span.1 = b;
                return true;
            }
            false
        });
        span
    }

    /// The first occurrence of `pat` (not empty), as an original span.
    pub fn find_first(&self, pat: &str) -> Option<(usize, usize)> {
        self.first_in_area(pat, &Area(0..self.s.len()))
    }

    /// The squeezed bytes of the original range `region` (empty when it
    /// holds none), to search for several patterns in turn.
    pub fn area(&self, region: (usize, usize)) -> Area {
        let a = self.index_of(region.0);
        let b = self.index_ending_after(region.1);
        if a >= b || !self.s.is_char_boundary(a) || !self.s.is_char_boundary(b) {
            return Area(0..0);
        }
        Area(a..b)
    }

    /// The first occurrence of `pat` (not empty) lying inside the original
    /// range `region`, as an original span.
    pub fn find_first_in(&self, pat: &str, region: (usize, usize)) -> Option<(usize, usize)> {
        self.first_in_area(pat, &self.area(region))
    }

    /// The first occurrence of `pat` inside `area`, looked up by its last
    /// byte ([`crate::text::word_indices`]): building a `memmem` searcher
    /// for one lookup cost more than the search (report 025 −1.0 %).
    fn first_in_area(&self, pat: &str, area: &Area) -> Option<(usize, usize)> {
        let at = area.0.start + crate::text::word_indices(&self.s[area.0.clone()], pat).next()?;
        Some(self.span(at, at + pat.len()))
    }

    /// Every occurrence of `finder`'s pattern inside `area`, as original spans.
    pub fn find_with(
        &self,
        finder: &memchr::memmem::Finder<'_>,
        area: &Area,
    ) -> Vec<(usize, usize)> {
        let (a, len) = (area.0.start, finder.needle().len());
        finder
            .find_iter(&self.s.as_bytes()[area.0.clone()])
            .map(|i| self.span(a + i, a + i + len))
            .collect()
    }
}

/// A range of the squeezed text, on character boundaries (made by
/// [`Squeezed::area`]).
pub(crate) struct Area(std::ops::Range<usize>);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_cell_separators_are_made_plain_at_the_same_offsets() {
        use std::borrow::Cow;
        let t = "规章 | 0\r行政许可 | 3\r\n收费\u{2028}采购\u{2029}末\u{b}尾";
        let fed = plain_breaks_and_pipes(t);
        assert_eq!(fed, "规章 | 0\n行政许可 | 3\r\n收费  \n采购  \n末\n尾");
        assert_eq!(fed.len(), t.len());
        assert_eq!(fed.find("采购"), t.find("采购"));
        // Text with none of them (CR LF included) is not copied.
        for plain in ["规章 | 0\r\n行政许可 | 3\n", "", "\r\n"] {
            assert!(
                matches!(plain_breaks_and_pipes(plain), Cow::Borrowed(_)),
                "{plain:?}"
            );
        }
        assert_eq!(plain_breaks_and_pipes("a\r"), "a\n");
        assert_eq!(plain_breaks_and_pipes("a\u{b}\r\n"), "a\n\r\n");
        // Cell separators: wide pipes and box lines, and the tabs of a line
        // with two or more and no pipe.
        assert_eq!(plain_breaks_and_pipes("规章｜0│1"), "规章|  0|  1");
        assert_eq!(
            plain_breaks_and_pipes("规章\t0\t\t1\n说明\t见下\n行政许可 | 3\t4\t5"),
            "规章|0||1\n说明\t见下\n行政许可 | 3\t4\t5"
        );
        assert!(matches!(
            plain_breaks_and_pipes("说明\t见下\n"),
            Cow::Borrowed(_)
        ));
        assert_eq!(Doc::plain(t).lines().starts.len(), 6);
    }

    #[test]
    fn a_row_of_comma_separated_values_with_an_empty_cell_is_made_a_row_of_pipes() {
        use std::borrow::Cow;
        let plain = |t: &str| plain_breaks_and_pipes(t).into_owned();
        assert_eq!(
            plain("（一）予以公开,258,12,,,1,1,272"),
            "（一）予以公开|258|12|||1|1|272"
        );
        // The label's own commas stay; so do a row's with no empty cell
        // (commas separate its values as they are) and prose.
        assert_eq!(
            plain("（二）部分公开（区分处理的,只计这一情形）,3,,,,,,3\n"),
            "（二）部分公开（区分处理的,只计这一情形）|3||||||3\n"
        );
        for t in ["规章,0,0,12\n", "推进公开,通过平台,发布1,,次\n", "a,b,,c\n"] {
            assert!(
                matches!(plain_breaks_and_pipes(t), Cow::Borrowed(_)),
                "{t:?}"
            );
        }
        // Quoted cells, an empty quoted cell, semicolons, values only.
        assert_eq!(
            plain("\"规章\",\"0\",\"\",\"12\""),
            "\"规章\"|\"0\"|\"\"|\"12\""
        );
        assert_eq!(plain("规章;0;;12"), "规章|0||12");
        assert_eq!(plain("5,,,2,7"), "5|||2|7");
        // A line with a pipe or a tab is left to those rules.
        assert_eq!(plain("规章 | 0,,1,2"), "规章 | 0,,1,2");
    }

    #[test]
    fn ascii_drops_are_looked_up_as_defined() {
        for b in 0..128u8 {
            let c = char::from(b);
            assert_eq!(dropped(c), dropped_by_definition(c), "{c:?}");
        }
        assert!(dropped('\u{3000}') && dropped('“') && !dropped('规'));
    }

    #[test]
    fn squeezed_labels_map_back_to_the_original() {
        let t = "规 章 |\n0 |\n（三）不予公开 1、属于“国家秘密”";
        let q = Squeezed::new(t, 0..t.len());
        assert_eq!(q.s, "规章0(三)不予公开1.属于国家秘密");
        let (a, b) = q.find_first("规章").unwrap();
        assert_eq!(&t[a..b], "规 章");
        let (a, b) = q.find_first("国家秘密").unwrap();
        assert_eq!(&t[a..b], "国家秘密");
        assert_eq!(q.find_first_in("国家秘密", (0, t.len())), Some((a, b)));
        assert_eq!(q.find_first_in("国家秘密", (0, a)), None);
    }

    /// A lookup never squeezes a long dropped stretch again: the character
    /// after it starts a mark (a walk from the mark before stops there),
    /// and a dropped character ends a search by offset. (Told by the marks,
    /// not by a clock: re-squeezing a gap per lookup would take minutes.)
    #[test]
    fn long_gaps_end_at_a_mark() {
        let gap = 4_000_000;
        let t = format!("规章{}1{}国家秘密", " ".repeat(gap), "\n".repeat(gap));
        let q = Squeezed::new(&t, 0..t.len());
        assert_eq!(q.s, "规章1国家秘密");
        // "1" is squeezed byte 6, "国" byte 7; each starts a mark.
        let (one, guo) = (6 + gap, 6 + gap + 1 + gap);
        assert!(q.marks.contains(&(6, one as u32)), "{:?}", q.marks);
        assert!(q.marks.contains(&(7, guo as u32)), "{:?}", q.marks);
        for k in 0..2_000 {
            let at = 6 + k * 1_999;
            assert_eq!(q.index_of(at), 6);
            assert_eq!(q.index_ending_after(at), 6);
            assert_eq!(q.span(6, 7), (one, one + 1));
            assert!(q.find_first_in("国家秘密", (at, t.len())).is_some());
        }
    }

    proptest::proptest! {
        /// The squeezed text is what squeezing each character gives, and
        /// every byte maps back to its character.
        #[test]
        fn squeezing_by_stretches_equals_squeezing_each_character(
            t in "[规章不予公开　Ａ１、．|“” \t\n0-9a\u{0}\u{4DFF}\u{4E00}\u{9FFF}\u{A000}〔]{0,60}"
        ) {
            let q = Squeezed::new(&t, 0..t.len());
            let mut want = String::new();
            let mut spans = Vec::new();
            let mut after_digit = false;
            for (i, c) in t.char_indices() {
                if let Some(f) = squeeze_char(c, after_digit) {
                    want.push(f);
                    spans.extend(std::iter::repeat_n((i, i + c.len_utf8()), f.len_utf8()));
                    after_digit = f.is_ascii_digit();
                }
            }
            proptest::prop_assert_eq!(&q.s, &want);
            for (i, d) in spans.iter().enumerate() {
                proptest::prop_assert_eq!(q.span(i, i + 1), *d);
                // Spans of several bytes, within a stretch between two
                // marks and across one or more.
                for len in [2, 7, 33, 70] {
                    if let Some(e) = spans.get(i + len - 1) {
                        proptest::prop_assert_eq!(q.span(i, i + len), (d.0, e.1));
                    }
                }
            }
        }
    }

    /// The sparse map gives what a map of every byte gives, on text with long
    /// dropped runs, folded characters and digits before `、`.
    #[test]
    fn the_sparse_map_is_exact() {
        let piece = "规 章 |\n0 |\n（三）不予公开 1、属于“国家秘密”\u{3000}Ａ\t|||  12、3 ";
        let t = format!(
            "{}{}{}",
            piece.repeat(40),
            " ".repeat(500),
            piece.repeat(40)
        );
        for (lo, hi) in [(0, t.len()), (7, t.len() - 5), (t.len() / 2, t.len())] {
            let (lo, hi) = (
                (lo..).find(|&i| t.is_char_boundary(i)).unwrap(),
                (hi..).find(|&i| t.is_char_boundary(i)).unwrap(),
            );
            let q = Squeezed::new(&t, lo..hi);
            // The dense map, built the way the squeezer reads.
            let mut dense = Vec::new();
            let mut after_digit = false;
            for (i, c) in t[lo..hi].char_indices() {
                if let Some(f) = squeeze_char(c, after_digit) {
                    for _ in 0..f.len_utf8() {
                        dense.push((lo + i, lo + i + c.len_utf8()));
                    }
                    after_digit = f.is_ascii_digit();
                }
            }
            assert_eq!(dense.len(), q.s.len());
            for (i, d) in dense.iter().enumerate() {
                assert_eq!(q.span(i, i + 1), *d, "byte {i}");
            }
            for at in (lo..=hi).filter(|&i| t.is_char_boundary(i)) {
                let want = dense.partition_point(|d| d.0 < at);
                assert_eq!(q.index_of(at), want, "offset {at}");
                let want = dense.partition_point(|d| d.1 <= at);
                assert_eq!(q.index_ending_after(at), want, "end {at}");
            }
        }
    }
}
