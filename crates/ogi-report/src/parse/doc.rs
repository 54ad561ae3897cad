//! The document being parsed: the text the matcher reads (the source itself,
//! or the text rendered from HTML), with a map back to the source's bytes and lines.

use crate::schema::Source;
use crate::text::fold_char;

/// Text to parse, with provenance back to the original source.
pub(crate) struct Doc<'a> {
    /// The text the matcher reads.
    pub text: std::borrow::Cow<'a, str>,
    /// For rendered text: segments `(rendered_start, source_start, source_end)`, sorted.
    segments: Option<Vec<(usize, usize, usize)>>,
    /// Byte offsets where the source's lines start.
    line_starts: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// A plain-text document: the text is its own source.
    pub fn plain(text: &'a str) -> Doc<'a> {
        Doc {
            text: std::borrow::Cow::Borrowed(text),
            segments: None,
            line_starts: line_starts(text),
        }
    }

    /// Text rendered from `source` (HTML), with its segment map.
    #[cfg(feature = "html")]
    pub fn rendered(text: String, segments: Vec<(usize, usize, usize)>, source: &str) -> Doc<'a> {
        Doc {
            text: std::borrow::Cow::Owned(text),
            segments: Some(segments),
            line_starts: line_starts(source),
        }
    }

    /// Keeps the text before byte `at` (a char boundary) only.
    pub fn truncate(&mut self, at: usize) {
        match &mut self.text {
            std::borrow::Cow::Borrowed(t) => *t = &t[..at],
            std::borrow::Cow::Owned(t) => t.truncate(at),
        }
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
        let line = self.line_starts.partition_point(|&l| l <= s);
        Source {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            start: u32::try_from(s).unwrap_or(u32::MAX),
            end: u32::try_from(e).unwrap_or(u32::MAX),
            inferred,
        }
    }
}

fn line_starts(s: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        s.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

/// The text with spaces, pipes, quotes and markdown removed and every
/// character folded, for finding labels; each byte maps back to the span of
/// the character of the original text it came from.
pub(crate) struct Squeezed {
    /// The squeezed text.
    pub s: String,
    /// For each byte of `s`: the original span of its character.
    back: Vec<(u32, u32)>,
}

/// Characters dropped when squeezing.
fn dropped(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '|' | '#' | '*' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '`' | '\u{feff}'
        )
}

impl Squeezed {
    /// Squeezes `text[range]`.
    pub fn new(text: &str, range: std::ops::Range<usize>) -> Squeezed {
        let mut s = String::with_capacity(range.len());
        let mut back = Vec::with_capacity(range.len());
        let mut last_ascii_digit = false;
        for (i, c) in text[range.clone()].char_indices() {
            let off = range.start + i;
            // Common CJK ideographs are kept as they are: no folding, never dropped.
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                let span = (off as u32, (off + 3) as u32);
                s.push(c);
                back.extend([span, span, span]);
                last_ascii_digit = false;
                continue;
            }
            let mut f = fold_char(c);
            if dropped(f) {
                continue;
            }
            if (f == '、' || f == '．') && last_ascii_digit {
                f = '.';
            }
            last_ascii_digit = f.is_ascii_digit();
            let end = off + c.len_utf8();
            let span = (off as u32, end as u32);
            if f.is_ascii() {
                s.push(f);
                back.push(span);
            } else {
                let before = s.len();
                s.push(f);
                back.extend(std::iter::repeat_n(span, s.len() - before));
            }
        }
        Squeezed { s, back }
    }

    /// The index in `s` of the first squeezed byte from original offset `at` on.
    pub fn index_of(&self, at: usize) -> usize {
        self.back.partition_point(|b| (b.0 as usize) < at)
    }

    /// Keeps what was squeezed from the original text before offset `at`.
    pub fn truncate(&mut self, at: usize) {
        let i = self.index_of(at);
        self.s.truncate(i);
        self.back.truncate(i);
    }

    /// The original span of squeezed bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        if self.back.is_empty() {
            return (0, 0);
        }
        let a = self.back[start.min(self.back.len() - 1)].0;
        let b = self.back[end.saturating_sub(1).min(self.back.len() - 1)].1;
        (a as usize, b as usize)
    }

    /// Every occurrence of `pat`, as original spans.
    pub fn find_all(&self, pat: &str) -> Vec<(usize, usize)> {
        self.s
            .match_indices(pat)
            .map(|(i, m)| self.span(i, i + m.len()))
            .collect()
    }

    /// Every occurrence of `pat` lying inside the original range `region`.
    pub fn find_in(&self, pat: &str, region: (usize, usize)) -> Vec<(usize, usize)> {
        let a = self.back.partition_point(|b| (b.0 as usize) < region.0);
        let b = self.back.partition_point(|b| (b.1 as usize) <= region.1);
        if a >= b || !self.s.is_char_boundary(a) || !self.s.is_char_boundary(b) {
            return Vec::new();
        }
        self.s[a..b]
            .match_indices(pat)
            .map(|(i, m)| self.span(a + i, a + i + m.len()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeezed_labels_map_back_to_the_original() {
        let t = "规 章 |\n0 |\n（三）不予公开 1、属于“国家秘密”";
        let q = Squeezed::new(t, 0..t.len());
        assert_eq!(q.s, "规章0(三)不予公开1.属于国家秘密");
        let (a, b) = q.find_all("规章")[0];
        assert_eq!(&t[a..b], "规 章");
        let (a, b) = q.find_all("国家秘密")[0];
        assert_eq!(&t[a..b], "国家秘密");
        assert_eq!(q.find_in("国家秘密", (0, t.len())).len(), 1);
        assert!(q.find_in("国家秘密", (0, a)).is_empty());
    }
}
