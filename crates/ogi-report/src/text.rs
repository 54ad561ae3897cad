//! Text normalisation shared by the parsers and the prose rules.

mod compat;

/// Folds one character: full-width ASCII to ASCII, ideographic space to a
/// space, the various dashes and brackets to one form each, and a Kangxi
/// radical or CJK compatibility ideograph to the ideograph it stands for
/// (PDF text extractors print "⾏政许可" with U+2F8F for 行).
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{2E80}'..='\u{2FDF}' | '\u{F900}'..='\u{FAFF}' => unified(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200B}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '﹝' => '[',
        '﹞' => ']',
        '｡' => '.',
        _ => c,
    }
}

/// The unified ideograph a radical or compatibility ideograph stands for
/// (its NFKC form), or `c` itself. Out of line: rare, and [`fold_char`]
/// stays small enough to be inlined where it is called for every character.
#[cold]
#[inline(never)]
fn unified(c: char) -> char {
    compat::COMPAT
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |i| compat::COMPAT[i].1)
}

/// Is `c` a CJK ideograph (or CJK punctuation, or a radical)?
pub fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
    )
}

/// Prose as the rules read it: characters folded, line breaks and spaces
/// removed (PDF text wraps lines mid-word), markdown emphasis dropped.
pub fn normalize_prose(s: &str) -> String {
    fold_without(s, |c| c.is_whitespace() || c == '#' || c == '*' || c == '|')
}

/// Does a common CJK ideograph (U+4E00..=U+9FFF, three bytes in UTF-8:
/// `E4 B8 80` to `E9 BF BF`) start at byte `at` of a `str`'s bytes? Only
/// the lead byte, and the second byte after an `E4`, need looking at.
#[inline]
pub(crate) fn is_common_ideograph(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        0xE5..=0xE9 => true,
        0xE4 => bytes.get(at + 1).is_some_and(|&b| b >= 0xB8),
        _ => false,
    }
}

/// `s` with every character folded ([`fold_char`]) and those `drop` names
/// (once folded) left out. Common ideographs (U+4E00..=U+9FFF) are always
/// kept, without asking `drop` or decoding them.
///
/// Stretches that neither changes are copied whole: pushing each character
/// took twice the instructions (a `String::push` of a CJK character copies
/// its bytes with a call to memcpy).
pub fn fold_without(s: &str, drop: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    // Where the stretch copied as it is starts.
    let mut kept_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        if is_common_ideograph(bytes, i) {
            i += 3;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let (f, len) = (fold_char(c), c.len_utf8());
        let dropped = drop(f);
        if f != c || dropped {
            out.push_str(&s[kept_from..i]);
            if !dropped {
                out.push(f);
            }
            kept_from = i + len;
        }
        i += len;
    }
    out.push_str(&s[kept_from..]);
    out
}

/// The characters that end a sentence of prose: `。；！？` and their
/// ASCII forms `;!?`.
pub const SENTENCE_ENDS: [char; 7] = ['。', ';', '；', '!', '?', '！', '？'];

/// `s` cut at each of [`SENTENCE_ENDS`] (as `s.split(SENTENCE_ENDS)`, the
/// empty pieces included), found by memchr rather than by decoding every
/// character: `str::split` took 4 % of the seed's instructions. The wide
/// ends start with `E3` or `EF`, which start no byte of UTF-8 but a
/// character's first.
pub fn sentences(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut start = 0;
    let mut done = false;
    // The next `!` or `?` (`None`: none to the end), searched for again only
    // once passed.
    let mut ascii: Option<Option<usize>> = None;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut i = start;
        loop {
            let next_ascii = match ascii {
                Some(a) if a.is_none_or(|a| a >= start) => a,
                _ => {
                    let a = memchr::memchr2(b'!', b'?', &b[start..]).map(|k| start + k);
                    ascii = Some(a);
                    a
                }
            };
            let wide = memchr::memchr3(0xE3, 0xEF, b';', &b[i..]).map(|k| i + k);
            let (at, len) = match (wide, next_ascii) {
                (Some(w), Some(a)) if a < w => (a, 1),
                (None, Some(a)) => (a, 1),
                (Some(w), _) => match b.get(w..w + 3) {
                    _ if b[w] == b';' => (w, 1),
                    Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9B | 0x9F]) => (w, 3),
                    _ => {
                        i = w + 1;
                        continue;
                    }
                },
                (None, None) => break,
            };
            let piece = &s[start..at];
            start = at + len;
            return Some(piece);
        }
        done = true;
        Some(&s[start..])
    })
}

/// `s.trim()`, faster: `str::trim` decodes each end's characters, and
/// trimming took 4 % of the seed's instructions. An end is left as it is
/// when its byte starts no space character: ASCII other than the vertical
/// tab (which `trim_ascii` leaves), or a lead byte other than `C2` (U+0085,
/// U+00A0), `E1` (U+1680), `E2` (U+2000..U+205F) and `E3` (U+3000). So a
/// cell or a line that starts or ends with an ideograph is not decoded
/// either (the seed's parse + check −1.1 %, report 008 −0.7 %). A proptest
/// holds it to `str::trim`.
pub fn trim(s: &str) -> &str {
    let t = s.trim_ascii();
    let b = t.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return t;
    };
    if first.is_ascii() && last.is_ascii() {
        return if first == 0x0B || last == 0x0B {
            t.trim()
        } else {
            t
        };
    }
    let n = b.len();
    let starts_plain = !matches!(first, 0x0B | 0xC2 | 0xE1..=0xE3);
    // The last character is a space only when it is the vertical tab, two
    // bytes led by `C2`, or three led by `E1`..`E3`.
    let ends_plain =
        last != 0x0B && (n < 2 || b[n - 2] != 0xC2) && (n < 3 || !matches!(b[n - 3], 0xE1..=0xE3));
    if starts_plain && ends_plain {
        t
    } else {
        t.trim()
    }
}

/// `hay.contains(word)`, for a short text and a short word, without a
/// searcher to build (`str::contains` builds a two-way searcher each call,
/// which costs more than a clause's search): the places of the word's last
/// byte (memchr) are the candidates, each compared. A CJK word's last byte
/// is a continuation byte, found about once in fifty bytes of Chinese text.
pub(crate) fn has_word(hay: &str, word: &str) -> bool {
    word.is_empty() || word_indices(hay, word).next().is_some()
}

/// Where a non-empty `word` starts in `hay` (byte offsets, ascending,
/// overlapping occurrences included), found as [`has_word`] finds it.
pub(crate) fn word_indices<'h>(hay: &'h str, word: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let last = w.last().copied().unwrap_or(0);
    memchr::memchr_iter(last, h).filter_map(move |i| {
        let start = (i + 1).checked_sub(w.len())?;
        (!w.is_empty() && &h[start..=i] == w).then_some(start)
    })
}

/// Words looked for in many short texts (lines, sentences, headings), with
/// a searcher for each built once. `str::contains` builds a two-way
/// searcher for every call, which cost more than searching a line with it
/// (4 % of the seed's instructions went to building them; BENCHMARKS.md).
/// For the parser only: the rules, which the browser's smallest module
/// holds, look words up with [`has_word`], as `memmem` would add 3.5 KB
/// to that module gzipped (bindings/wasm/SIZE.md).
pub(crate) struct Words {
    list: &'static [&'static str],
    built: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>>,
}

impl Words {
    /// The words `list`, their searchers built on first use.
    pub const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            built: std::sync::OnceLock::new(),
        }
    }

    fn finders(&self) -> &[memchr::memmem::Finder<'static>] {
        self.built
            .get_or_init(|| self.list.iter().map(memchr::memmem::Finder::new).collect())
    }

    /// The words, in the order given.
    pub fn list(&self) -> &'static [&'static str] {
        self.list
    }

    /// Where word `k` first occurs in `hay` (a byte offset), as `hay.find(word)`.
    pub fn find(&self, k: usize, hay: &str) -> Option<usize> {
        self.finders().get(k)?.find(hay.as_bytes())
    }

    /// Each word that occurs in `hay`, in the list's order, with where it
    /// first occurs: `(byte offset, word)`.
    pub fn each_found<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = (usize, &'static str)> + 'h {
        self.finders()
            .iter()
            .zip(self.list)
            .filter_map(move |(f, &w)| Some((f.find(hay.as_bytes())?, w)))
    }

    /// Does word `k` occur in `hay`?
    pub fn has(&self, k: usize, hay: &str) -> bool {
        self.find(k, hay).is_some()
    }

    /// Where word `k` occurs in `hay`, without overlaps (byte offsets, as
    /// `hay.match_indices(word)` gives them).
    pub fn find_all<'h>(&'h self, k: usize, hay: &'h str) -> impl Iterator<Item = usize> + 'h {
        let f = self.finders().get(k);
        f.into_iter().flat_map(move |f| f.find_iter(hay.as_bytes()))
    }
}

/// Texts that stand for no text: a section holding only one of them is empty.
const PLACEHOLDERS: [&str; 8] = ["无", "暂无", "略", "空", "无。", "/", "-", "—"];

/// The characters of `s` that are not spaces or punctuation: what tells a
/// placeholder from a text.
pub(crate) fn letters_of(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '、' | '，' | ',' | '#' | '*'))
}

/// Is a section's text empty or a bare placeholder ("无", "暂无", "/")?
/// (Compared character by character, without copying the text: the
/// sections rules ask it several times a section.)
pub fn is_placeholder(text: &str) -> bool {
    let core = letters_of(text);
    core.clone().next().is_none() || PLACEHOLDERS.iter().any(|p| core.clone().eq(p.chars()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_forms_fold_to_ascii() {
        assert_eq!(fold_char('（'), '(');
        assert_eq!(fold_char('１'), '1');
        assert_eq!(fold_char('：'), ':');
        assert_eq!(fold_char('中'), '中');
    }

    #[test]
    fn radicals_and_compatibility_ideographs_fold_to_the_ideograph() {
        // Kangxi radicals, as PDF extractors print them.
        assert_eq!(fold_without("⾏政许可", |_| false), "行政许可");
        assert_eq!(fold_char('\u{2F00}'), '一');
        assert_eq!(fold_char('\u{2FD5}'), '龠');
        // CJK radicals supplement, and a compatibility ideograph (U+F9D1).
        assert_eq!(fold_char('\u{2E9F}'), '母');
        assert_eq!(fold_char('\u{F9D1}'), '六');
        // Characters of those blocks that stand for no one ideograph stay.
        assert_eq!(fold_char('\u{2E80}'), '\u{2E80}');
        assert_eq!(fold_char('\u{FA0E}'), '\u{FA0E}');
        // The table is sorted, every entry in the two blocks, none to itself.
        assert!(compat::COMPAT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(compat::COMPAT.iter().all(|&(a, b)| a != b
            && matches!(a as u32, 0x2E80..=0x2FDF | 0xF900..=0xFAFF)
            && matches!(b as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3FFFF)));
        assert_eq!(compat::COMPAT.len(), 676);
    }

    proptest::proptest! {
        #[test]
        fn folding_without_equals_folding_each_character(
            t in "[ 　１２a|#*（）申请件0-9。\n\u{4DFF}\u{4E00}\u{9FFF}\u{A000}〔⾏\u{F9D1}\u{2E80}]{0,40}"
        ) {
            let drop = |c: char| c.is_whitespace() || c == '|' || c == '\u{A000}';
            let each: String = t.chars().map(fold_char).filter(|&c| !drop(c)).collect();
            proptest::prop_assert_eq!(fold_without(&t, drop), each);
        }

        /// The fast trim is `str::trim`.
        #[test]
        fn trim_is_str_trim(
            t in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{3000}\u{1c}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{feff}。—©é\u{20000}1件a]{0,12}"
        ) {
            proptest::prop_assert_eq!(trim(&t), t.trim());
        }

        /// Cutting sentences by memchr gives what `str::split` gives, with
        /// the other characters that start with `E3`/`EF` (、，“ ｡ ＂) and
        /// the ends' neighbours in UTF-8 (〃 ！ ＂) as decoys.
        #[test]
        fn sentences_are_what_split_gives(
            t in "[。;；!?！？、，〃＂｡“申请件1 \n]{0,40}"
        ) {
            let cut: Vec<&str> = sentences(&t).collect();
            let split: Vec<&str> = t.split(SENTENCE_ENDS).collect();
            proptest::prop_assert_eq!(cut, split);
        }

        /// Looking a word up by its last byte is `str::contains`, for words
        /// whose bytes recur in the text (申请 and 请申 share bytes, 复议案
        /// holds 议).
        #[test]
        fn has_word_is_str_contains(
            t in "[申请议案复件 a1]{0,30}",
            w in "[申请议案复a]{0,4}",
        ) {
            proptest::prop_assert_eq!(has_word(&t, &w), t.contains(w.as_str()));
            if w.chars().count() == 1 {
                // One character never overlaps itself: every place is `match_indices`'.
                let found: Vec<usize> = word_indices(&t, &w).collect();
                let indices: Vec<usize> = t.match_indices(w.as_str()).map(|(i, _)| i).collect();
                proptest::prop_assert_eq!(found, indices);
            }
        }

        /// A placeholder is told as copying the first eight letters and
        /// comparing them would tell it.
        #[test]
        fn placeholders_told_without_copying(t in "[无暂略空/—。 \n,、#a]{0,12}") {
            let first: String = letters_of(&t).take(8).collect();
            let copied = first.is_empty() || PLACEHOLDERS.contains(&first.as_str());
            proptest::prop_assert_eq!(is_placeholder(&t), copied);
        }

        /// A word set's lookups are `str::find` and `str::match_indices`.
        #[test]
        fn words_find_as_str_does(t in "[一二、总体情况其他 a]{0,40}") {
            static SET: Words = Words::new(&["一、", "其他", "情况情况", "a"]);
            let found: Vec<(usize, &str)> = SET.each_found(&t).collect();
            let by_find: Vec<(usize, &str)> =
                SET.list().iter().filter_map(|&w| Some((t.find(w)?, w))).collect();
            proptest::prop_assert_eq!(found, by_find);
            for (k, w) in SET.list().iter().enumerate() {
                proptest::prop_assert_eq!(SET.find(k, &t), t.find(w));
                proptest::prop_assert_eq!(SET.has(k, &t), t.contains(w));
                let all: Vec<usize> = SET.find_all(k, &t).collect();
                let indices: Vec<usize> = t.match_indices(w).map(|(i, _)| i).collect();
                proptest::prop_assert_eq!(all, indices);
            }
        }
    }

    #[test]
    fn prose_loses_wraps_and_spaces() {
        assert_eq!(
            normalize_prose("予以公开及部\n分公开 208 件"),
            "予以公开及部分公开208件"
        );
    }
}
