//! HTML to the text the matcher reads: each table row becomes one line of
//! cells separated by ` | `; paragraphs, breaks and block elements become
//! line breaks; scripts and styles are dropped; entities are decoded by the
//! tokenizer. Every piece of rendered text keeps the source span it came from.

//!
//! The structure (tags, comments, raw-text elements) is read by the small lexer
//! below, a loop over the bytes with no recursion, so no input can exhaust the
//! stack (html5gum's tokenizer recurses once per attribute of a tag). Only runs
//! of text holding a character reference go through html5gum, in its RCDATA
//! state, for the entity table.

#[cfg(feature = "html")]
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// One piece of an HTML source, as byte offsets into it.
#[cfg(feature = "html")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A start tag `start..end`, of the kind its name says.
    Start(Tag, usize, usize),
    /// An end tag.
    End(Tag, usize, usize),
    /// Text `start..end`: with character references when `decode`, else raw.
    Text(usize, usize, bool),
}

/// A lexer of HTML's structure following the tokenizer of the HTML standard
/// closely enough for rendering: tags with any attributes (quoted values may
/// hold `>`), comments (`<!-- -->`, `<!…>`, `<?…>`), and raw-text elements
/// (`script`, `style`…) that end only at their own end tag (script data
/// escapes `<!-- <script> … </script> -->` included).
#[cfg(feature = "html")]
struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
    /// After a start tag of a raw-text or RCDATA element: its name, and whether
    /// its text is decoded.
    raw: Option<(&'a [u8], bool)>,
    /// After `<plaintext>`: the rest is text.
    plaintext: bool,
}

#[cfg(feature = "html")]
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// What the lexer and the renderer act on in a tag's name (ASCII case
/// ignored), read once per tag: the sets of elements it belongs to, as bits.
/// Comparing each tag with every list, in the lexer and again in the
/// renderer, took 1.8 % of an HTML report's parse + check (BENCHMARKS.md). A
/// test holds it to the lists.
#[cfg(feature = "html")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag(u16);

#[cfg(feature = "html")]
impl Tag {
    /// A block (`p`, `div`, `br`, `tr`, `table`, `li`, `h1`…): a line ends after it.
    const BLOCK: u16 = 1;
    /// Its content is raw text up to its end tag, never tags nor entities
    /// (`script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`).
    const RAW: u16 = 1 << 1;
    /// Its content is text with entities but no tags (`title`, `textarea`).
    const RCDATA: u16 = 1 << 2;
    /// May stand in `<head>`; any other start tag ends it, as in a browser.
    const IN_HEAD: u16 = 1 << 3;
    /// `plaintext`: the rest of the input is text.
    const PLAINTEXT: u16 = 1 << 4;
    /// `td` or `th`: a cell.
    const CELL: u16 = 1 << 5;
    /// `tr`: a row.
    const ROW: u16 = 1 << 6;
    /// `table`.
    const TABLE: u16 = 1 << 7;
    /// `head`.
    const HEAD: u16 = 1 << 8;
    /// `head`, `body` or `html`: their end tags end the head.
    const ENDS_HEAD: u16 = 1 << 9;
    /// `xmp`: raw text that is shown.
    const SHOWN_RAW: u16 = 1 << 10;
    /// `title`.
    const TITLE: u16 = 1 << 11;

    /// The kind of the tag named `name` (as printed).
    fn of(name: &[u8]) -> Tag {
        // No name the renderer acts on is longer than `plaintext`.
        let mut buf = [0u8; 9];
        let Some(low) = buf.get_mut(..name.len()) else {
            return Tag(0);
        };
        low.copy_from_slice(name);
        low.make_ascii_lowercase();
        Tag(match &*low {
            b"tr" => Self::BLOCK | Self::ROW,
            b"td" | b"th" => Self::CELL,
            b"p" | b"div" | b"br" | b"li" | b"ul" | b"ol" | b"h1" | b"h2" | b"h3" | b"h4"
            | b"h5" | b"h6" | b"section" | b"article" | b"header" | b"footer" | b"tbody" => {
                Self::BLOCK
            }
            b"table" => Self::BLOCK | Self::TABLE,
            b"title" => Self::BLOCK | Self::RCDATA | Self::IN_HEAD | Self::TITLE,
            b"script" | b"style" | b"noframes" => Self::RAW | Self::IN_HEAD,
            b"xmp" => Self::RAW | Self::SHOWN_RAW,
            b"iframe" | b"noembed" => Self::RAW,
            b"textarea" => Self::RCDATA,
            b"plaintext" => Self::PLAINTEXT,
            b"meta" | b"link" | b"base" | b"noscript" | b"template" | b"basefont" | b"bgsound" => {
                Self::IN_HEAD
            }
            b"head" => Self::HEAD | Self::ENDS_HEAD,
            b"body" | b"html" => Self::ENDS_HEAD,
            _ => 0,
        })
    }

    /// Has it any of `bits`?
    fn is(self, bits: u16) -> bool {
        self.0 & bits != 0
    }
}

#[cfg(feature = "html")]
impl<'a> Lexer<'a> {
    fn new(s: &'a str) -> Self {
        Lexer {
            s: s.as_bytes(),
            i: 0,
            raw: None,
            plaintext: false,
        }
    }

    fn at(&self, i: usize, pat: &[u8]) -> bool {
        self.s.len() >= i + pat.len() && self.s[i..i + pat.len()].eq_ignore_ascii_case(pat)
    }

    /// `</name` followed by white space, `/` or `>` at `i`?
    fn end_tag_at(&self, i: usize, name: &[u8]) -> bool {
        self.at(i, b"</")
            && self.at(i + 2, name)
            && self
                .s
                .get(i + 2 + name.len())
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
    }

    /// The offset where the raw text of `name` (begun at `from`) ends.
    fn raw_end(&self, from: usize, name: &[u8]) -> usize {
        let script = name.eq_ignore_ascii_case(b"script");
        // Script data: 0 plain, 1 escaped (`<!--`), 2 double escaped (`<script` in 1).
        let mut state = 0u8;
        let mut i = from;
        while let Some(p) = self.s[i..]
            .iter()
            .position(|&b| b == b'<' || (script && b == b'-'))
        {
            i += p;
            if self.s[i] == b'-' {
                if state > 0 && self.at(i, b"-->") {
                    state = 0;
                    i += 3;
                } else {
                    i += 1;
                }
                continue;
            }
            if self.end_tag_at(i, name) {
                if state == 2 {
                    state = 1;
                } else {
                    return i;
                }
            } else if script && state == 0 && self.at(i, b"<!--") {
                state = 1;
                i += 4;
                continue;
            } else if script
                && state == 1
                && self.at(i + 1, b"script")
                && self
                    .s
                    .get(i + 7)
                    .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
            {
                state = 2;
            }
            i += 1;
        }
        self.s.len()
    }

    /// The end of a tag whose name starts at `i`, and its name; `None` at the
    /// end of the input inside the tag (the tag is dropped, as in a browser).
    fn tag(&self, mut i: usize) -> Option<(&'a [u8], usize)> {
        let s = self.s;
        let n0 = i;
        while i < s.len() && !is_space(s[i]) && s[i] != b'/' && s[i] != b'>' {
            i += 1;
        }
        let name = &s[n0..i];
        loop {
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            match s.get(i)? {
                b'>' => return Some((name, i + 1)),
                b'/' => i += 1,
                _ => {
                    // An attribute name (a leading `=` is part of it) …
                    i += 1;
                    while i < s.len() && !is_space(s[i]) && !matches!(s[i], b'/' | b'>' | b'=') {
                        i += 1;
                    }
                    while i < s.len() && is_space(s[i]) {
                        i += 1;
                    }
                    if s.get(i) != Some(&b'=') {
                        continue;
                    }
                    // … and its value.
                    i += 1;
                    while i < s.len() && is_space(s[i]) {
                        i += 1;
                    }
                    match *s.get(i)? {
                        q @ (b'"' | b'\'') => {
                            i += 1 + s[i + 1..].iter().position(|&b| b == q)? + 1;
                        }
                        b'>' => {}
                        _ => {
                            while i < s.len() && !is_space(s[i]) && s[i] != b'>' {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
    }

    /// The end of a comment or other `<!…>` / `<?…>` markup starting at `i`.
    fn comment_end(&self, i: usize) -> usize {
        let s = self.s;
        let to_gt = |from: usize| {
            s[from.min(s.len())..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(s.len(), |p| from + p + 1)
        };
        if self.at(i, b"<!--") {
            let j = i + 4;
            if self.at(j, b">") {
                return j + 1;
            }
            if self.at(j, b"->") {
                return j + 2;
            }
            let mut k = j;
            while let Some(p) = s[k..].iter().position(|&b| b == b'-') {
                k += p;
                if self.at(k, b"-->") {
                    return k + 3;
                }
                if self.at(k, b"--!>") {
                    return k + 4;
                }
                k += 1;
            }
            return s.len();
        }
        to_gt(i + 2)
    }
}

#[cfg(feature = "html")]
impl<'a> Iterator for Lexer<'a> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let s = self.s;
        loop {
            let i = self.i;
            if i >= s.len() {
                return None;
            }
            if self.plaintext {
                self.i = s.len();
                return Some(Piece::Text(i, s.len(), false));
            }
            if let Some((name, decode)) = self.raw.take() {
                let end = self.raw_end(i, name);
                self.i = end;
                if end > i {
                    return Some(Piece::Text(i, end, decode));
                }
                continue;
            }
            // Text up to the next `<` that opens markup.
            let mut j = i;
            let markup = loop {
                match s[j..].iter().position(|&b| b == b'<') {
                    None => break None,
                    Some(p) => {
                        j += p;
                        match s.get(j + 1) {
                            Some(b) if b.is_ascii_alphabetic() || matches!(b, b'!' | b'?') => {
                                break Some(j)
                            }
                            Some(b'/') if s.get(j + 2).is_some() => break Some(j),
                            _ => j += 1,
                        }
                    }
                }
            };
            let t_end = markup.unwrap_or(s.len());
            if t_end > i {
                self.i = t_end;
                return Some(Piece::Text(i, t_end, true));
            }
            // Markup at `i`.
            match s[i + 1] {
                b'!' | b'?' => self.i = self.comment_end(i),
                b'/' => {
                    if s[i + 2] == b'>' {
                        self.i = i + 3;
                    } else if s[i + 2].is_ascii_alphabetic() {
                        match self.tag(i + 2) {
                            Some((name, end)) => {
                                self.i = end;
                                return Some(Piece::End(Tag::of(name), i, end));
                            }
                            None => self.i = s.len(),
                        }
                    } else {
                        self.i = self.comment_end(i);
                    }
                }
                _ => match self.tag(i + 1) {
                    Some((name, end)) => {
                        self.i = end;
                        let tag = Tag::of(name);
                        if tag.is(Tag::RAW) {
                            self.raw = Some((name, false));
                        } else if tag.is(Tag::RCDATA) {
                            self.raw = Some((name, true));
                        } else if tag.is(Tag::PLAINTEXT) {
                            self.plaintext = true;
                        }
                        return Some(Piece::Start(tag, i, end));
                    }
                    None => self.i = s.len(),
                },
            }
        }
    }
}

/// Calls `f` with each piece of decoded text of `html[start..end]` and its source span.
#[cfg(feature = "html")]
fn decoded(html: &str, start: usize, end: usize, mut f: impl FnMut(&str, usize, usize)) {
    let run = &html[start..end];
    if memchr::memchr3(b'&', b'\0', b'\r', run.as_bytes()).is_none() {
        f(run, start, end);
        return;
    }
    // html5gum for the entity table; in RCDATA no `<` opens a tag, so the
    // run is read as text only.
    let mut tokenizer = Tokenizer::new_with_emitter(run, DefaultEmitter::<usize>::new_with_span());
    tokenizer.set_state(html5gum::State::RcData);
    for token in tokenizer.flatten() {
        if let Token::String(s) = token {
            f(
                &String::from_utf8_lossy(&s.value),
                start + s.span.start,
                start + s.span.end,
            );
        }
    }
}

/// The text of the page's `<title>` (entities decoded), if there is one in
/// its first 64 KB. The rendered text leaves the title out: it names the
/// page, and is read as evidence of the report's metadata apart.
#[cfg(feature = "html")]
pub(crate) fn page_title(html: &str) -> Option<String> {
    let mut head = html.len().min(64 * 1024);
    while !html.is_char_boundary(head) {
        head -= 1;
    }
    // Tags are ASCII: each `<` is compared without case, the head not copied.
    let b = &html.as_bytes()[..head];
    let tag_at = |from: usize, tag: &[u8]| {
        memchr::memchr_iter(b'<', &b[from..])
            .map(|i| from + i)
            .find(|&i| {
                b[i..]
                    .get(..tag.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(tag))
            })
    };
    let open = tag_at(0, b"<title")?;
    let start = open + memchr::memchr(b'>', &b[open..])? + 1;
    let end = tag_at(start, b"</title")?;
    let mut out = String::new();
    decoded(html, start, end, |t, _, _| out.push_str(t));
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}

#[cfg(feature = "html")]
/// Appends a text node's text to `out` as a browser shows it: each run of
/// white space (and no-break spaces) one space, none at the start, one at
/// the end unless `in_cell` (a cell's text has no line breaks); a `|` becomes
/// `｜`, so that it is not read as a cell's border.
///
/// Ideographs and plain ASCII are copied by stretches (an HTML report takes
/// 4 % fewer instructions than pushing each character), into the rendered
/// text itself (a copy per text node took 3 % more). A proptest holds it to
/// the character-by-character version.
fn collapse_spaces_into(out: &mut String, text: &str, in_cell: bool) {
    let from = out.len();
    // Whether white space came since the last text kept.
    let mut space = false;
    let keep = |out: &mut String, space: &mut bool, kept: &str| {
        if std::mem::take(space) && out.len() > from {
            out.push(' ');
        }
        out.push_str(kept);
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() {
            if crate::text::is_common_ideograph(bytes, i) {
                i += 3;
            } else if bytes[i].is_ascii() && !matches!(bytes[i], b'\t'..=b'\r' | b' ' | b'|') {
                i += 1;
            } else {
                break;
            }
        }
        if i > start {
            keep(out, &mut space, &text[start..i]);
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        match c {
            '\u{a0}' => space = true,
            c if c.is_whitespace() => space = true,
            '|' => keep(out, &mut space, "｜"),
            c => keep(out, &mut space, c.encode_utf8(&mut [0; 4])),
        }
    }
    if space && out.len() > from && !in_cell {
        out.push(' ');
    }
}

#[cfg(feature = "html")]
/// Renders `html`; returns the text and its segments `(rendered_start, source_start, source_end)`.
pub(crate) fn render(html: &str) -> (String, Vec<(usize, usize, usize)>) {
    let mut out = String::with_capacity(html.len() / 3);
    let mut segs: Vec<(usize, usize, usize)> = Vec::new();
    let mut cells_in_row = 0usize;
    let mut in_cell = false;
    // Inside `<head>` until its end tag, or until text or an element that
    // cannot stand in it (the end tag may be omitted).
    let mut in_head = false;
    // Inside a raw-text element whose text is not shown (`script`, `style`…).
    let mut hidden = false;
    let push =
        |out: &mut String, segs: &mut Vec<(usize, usize, usize)>, s: &str, a: usize, b: usize| {
            if s.is_empty() {
                return;
            }
            segs.push((out.len(), a, b));
            out.push_str(s);
        };
    let newline = |out: &mut String, segs: &mut Vec<(usize, usize, usize)>, at: usize| {
        if !out.is_empty() && !out.ends_with('\n') {
            segs.push((out.len(), at, at));
            out.push('\n');
        }
    };
    let text_piece = |out: &mut String,
                      segs: &mut Vec<(usize, usize, usize)>,
                      text: &str,
                      a: usize,
                      b: usize,
                      in_cell: bool| {
        let at = out.len();
        collapse_spaces_into(out, text, in_cell);
        if out.len() > at {
            segs.push((at, a, b));
        }
    };
    for piece in Lexer::new(html) {
        match piece {
            Piece::Start(tag, a, b) => {
                hidden = tag.is(Tag::RAW) && !tag.is(Tag::SHOWN_RAW);
                if tag.is(Tag::HEAD) {
                    in_head = true;
                    continue;
                }
                if in_head {
                    if tag.is(Tag::IN_HEAD) {
                        // A title in the head is the page's, not the report's.
                        hidden |= tag.is(Tag::TITLE);
                        continue;
                    }
                    in_head = false;
                }
                if tag.is(Tag::ROW) {
                    newline(&mut out, &mut segs, a);
                    cells_in_row = 0;
                } else if tag.is(Tag::CELL) {
                    if cells_in_row > 0 {
                        push(&mut out, &mut segs, " | ", a, b);
                    }
                    cells_in_row += 1;
                    in_cell = true;
                } else if tag.is(Tag::BLOCK) && !in_cell {
                    newline(&mut out, &mut segs, a);
                }
            }
            Piece::End(tag, a, _) => {
                hidden = false;
                if tag.is(Tag::ENDS_HEAD) {
                    in_head = false;
                }
                if in_head {
                    continue;
                }
                if tag.is(Tag::CELL) {
                    in_cell = false;
                } else if tag.is(Tag::ROW | Tag::TABLE) {
                    newline(&mut out, &mut segs, a);
                    cells_in_row = 0;
                } else if tag.is(Tag::BLOCK) && !in_cell {
                    newline(&mut out, &mut segs, a);
                }
            }
            Piece::Text(a, b, decode) => {
                if hidden {
                    continue;
                }
                if in_head {
                    if html[a..b].trim_ascii().is_empty() {
                        continue;
                    }
                    in_head = false;
                }
                if decode {
                    decoded(html, a, b, |t, a, b| {
                        text_piece(&mut out, &mut segs, t, a, b, in_cell)
                    });
                } else {
                    text_piece(&mut out, &mut segs, &html[a..b], a, b, in_cell);
                }
            }
        }
    }
    (out, segs)
}

/// Does the text look like HTML rather than plain text?
pub(crate) fn looks_like_html(s: &str) -> bool {
    // Tags are ASCII: look at each `<` and compare case-insensitively, without
    // copying the text. `<table` counts anywhere, the others near the start.
    const HEAD: usize = 16 * 1024;
    const TAGS: [&[u8]; 6] = [
        b"<html",
        b"<!doctype html",
        b"<body",
        b"<td",
        b"<p>",
        b"<div",
    ];
    let b = s.as_bytes();
    let at = |i: usize, tag: &[u8]| {
        b.len() - i >= tag.len() && b[i..i + tag.len()].eq_ignore_ascii_case(tag)
    };
    // Each `<` found by memchr (the crate's: `str::match_indices` scans a
    // word at a time, 0.3 % of the seed's instructions): text without tags
    // is passed over fast.
    memchr::memchr_iter(b'<', b)
        .any(|i| at(i, b"<table") || (i < HEAD && TAGS.iter().any(|t| at(i, t))))
}

#[cfg(test)]
mod tests {
    // The sets of the HTML standard that [`Tag::of`] reads a tag's name into.
    /// Elements after which a line ends.
    #[cfg(feature = "html")]
    const BLOCKS: [&str; 20] = [
        "p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
        "section", "article", "header", "footer", "title", "tbody",
    ];

    /// Elements whose content is raw text, up to their own end tag: never tags,
    /// never entities. Of these only `xmp` shows its content.
    #[cfg(feature = "html")]
    const RAW: [&str; 6] = ["script", "style", "xmp", "iframe", "noembed", "noframes"];

    /// Elements whose content is text with entities but no tags (RCDATA).
    #[cfg(feature = "html")]
    const RCDATA: [&str; 2] = ["title", "textarea"];

    /// Start tags that may stand in `<head>`; any other ends it, as in a browser.
    #[cfg(feature = "html")]
    const IN_HEAD: [&str; 11] = [
        "meta", "link", "title", "base", "script", "style", "noscript", "template", "basefont",
        "bgsound", "noframes",
    ];

    #[cfg(feature = "html")]
    #[test]
    fn a_tags_kind_is_its_membership_of_the_lists_in_any_case() {
        use super::Tag;
        let one_of = |name: &str, set: &[&str]| set.iter().any(|n| name.eq_ignore_ascii_case(n));
        let names = BLOCKS
            .iter()
            .chain(&RAW)
            .chain(&RCDATA)
            .chain(&IN_HEAD)
            .chain(&[
                "td",
                "th",
                "head",
                "body",
                "html",
                "plaintext",
                "blockquote",
                "plaintexts",
                "",
                "t",
                "x",
            ]);
        for &name in names {
            for spelt in [name.to_string(), name.to_uppercase(), {
                let mut m = name.to_string();
                m[..1.min(name.len())].make_ascii_uppercase();
                m
            }] {
                let tag = Tag::of(spelt.as_bytes());
                let expect = [
                    (Tag::BLOCK, one_of(name, &BLOCKS)),
                    (Tag::RAW, one_of(name, &RAW)),
                    (Tag::RCDATA, one_of(name, &RCDATA)),
                    (Tag::IN_HEAD, one_of(name, &IN_HEAD)),
                    (Tag::PLAINTEXT, name == "plaintext"),
                    (Tag::CELL, one_of(name, &["td", "th"])),
                    (Tag::ROW, name == "tr"),
                    (Tag::TABLE, name == "table"),
                    (Tag::HEAD, name == "head"),
                    (Tag::ENDS_HEAD, one_of(name, &["head", "body", "html"])),
                    (Tag::SHOWN_RAW, name == "xmp"),
                    (Tag::TITLE, name == "title"),
                ];
                for (bit, member) in expect {
                    assert_eq!(tag.is(bit), member, "{spelt:?} bit {bit}");
                }
            }
        }
    }

    #[cfg(feature = "html")]
    proptest::proptest! {
        /// Copying stretches collapses spaces as going character by character does.
        #[test]
        fn spaces_collapse_as_character_by_character(
            t in "[a1|规 \t\n\u{b}\u{a0}\u{3000}\u{85}“\u{4DFF}\u{A000}]{0,16}",
            in_cell: bool,
        ) {
            let mut each = String::new();
            let mut space = false;
            for c in t.chars() {
                let c = if c == '\u{a0}' { ' ' } else { c };
                if c.is_whitespace() {
                    space = true;
                } else {
                    if space && !each.is_empty() {
                        each.push(' ');
                    }
                    space = false;
                    each.push(if c == '|' { '｜' } else { c });
                }
            }
            if space && !each.is_empty() && !in_cell {
                each.push(' ');
            }
            // Appended after other text, as in the rendered text.
            let mut out = String::from("前文");
            collapse_spaces_into(&mut out, &t, in_cell);
            proptest::prop_assert_eq!(&out["前文".len()..], each);
        }
    }
    use super::*;

    #[cfg(feature = "html")]
    #[test]
    fn the_page_title_is_read_apart_with_its_entities() {
        let html = "<html><head><TITLE> 某某局2022年政府信息公开工作年度报告&amp;通知 </TITLE></head><body>x</body></html>";
        assert_eq!(
            page_title(html).as_deref(),
            Some("某某局2022年政府信息公开工作年度报告&通知")
        );
        assert_eq!(page_title("<p>no title</p>"), None);
        assert_eq!(page_title("<title></title>"), None);
    }

    #[cfg(feature = "html")]
    #[test]
    fn table_rows_become_lines_of_cells() {
        let html = "<html><body><p>一、总体情况</p><table><tr><td rowspan=2>规&nbsp;章</td><td>0</td><td></td><td>3</td></tr></table><script>var x='|1|';</script></body></html>";
        let (text, segs) = render(html);
        assert!(text.contains("一、总体情况\n"), "{text:?}");
        assert!(text.contains("规 章 | 0 |  | 3"), "{text:?}");
        assert!(!text.contains("var x"));
        // The "3" maps back to its source bytes.
        let i = text.find("| 3").unwrap() + 2;
        let seg = segs[segs.partition_point(|s| s.0 <= i) - 1];
        assert_eq!(&html[seg.1..seg.2], "3");
    }

    #[test]
    fn html_is_told_from_text_by_its_tags() {
        assert!(looks_like_html("<HTML><body>x</body></HTML>"));
        assert!(looks_like_html(&format!(
            "{}<Table>",
            "报告".repeat(20_000)
        )));
        assert!(!looks_like_html("规章 | 0 | 0 | 0\n< 5 件"));
        assert!(!looks_like_html(""));
    }

    #[cfg(feature = "html")]
    #[test]
    fn word_glyph_spans_join_inside_a_cell() {
        let (text, _) = render("<table><tr><td><span>行政</span><span>许可</span></td><td><span>1</span>2</td></tr></table>");
        assert!(text.contains("行政许可 | 12"), "{text:?}");
    }
}
