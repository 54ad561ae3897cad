//! HTML to the text the matcher reads: each table row becomes one line of
//! cells separated by ` | `; paragraphs, breaks and block elements become
//! line breaks; scripts and styles are dropped; entities are decoded by the
//! tokenizer. Every piece of rendered text keeps the source span it came from.

#[cfg(feature = "html")]
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements after which a line ends.
#[cfg(feature = "html")]
const BLOCKS: [&str; 20] = [
    "p", "div", "br", "tr", "table", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "title", "tbody",
];

#[cfg(feature = "html")]
/// Renders `html`; returns the text and its segments `(rendered_start, source_start, source_end)`.
pub(crate) fn render(html: &str) -> (String, Vec<(usize, usize, usize)>) {
    let mut out = String::with_capacity(html.len() / 3);
    let mut segs: Vec<(usize, usize, usize)> = Vec::new();
    let mut skip_depth = 0usize; // inside <script>/<style>
    let mut cells_in_row = 0usize;
    let mut in_cell = false;
    let emitter = DefaultEmitter::<usize>::new_with_span();
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
    let mut tokenizer = Tokenizer::new_with_emitter(html, emitter);
    tokenizer.set_state(html5gum::State::Data);
    for token in tokenizer.flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let (a, b) = (tag.span.start, tag.span.end);
                match name.as_str() {
                    "script" | "style" | "head" if !tag.self_closing => skip_depth += 1,
                    "tr" => {
                        newline(&mut out, &mut segs, a);
                        cells_in_row = 0;
                    }
                    "td" | "th" => {
                        if cells_in_row > 0 {
                            push(&mut out, &mut segs, " | ", a, b);
                        }
                        cells_in_row += 1;
                        in_cell = true;
                    }
                    n if BLOCKS.contains(&n) && !in_cell => newline(&mut out, &mut segs, a),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let a = tag.span.start;
                match name.as_str() {
                    "script" | "style" | "head" => skip_depth = skip_depth.saturating_sub(1),
                    "td" | "th" => in_cell = false,
                    "tr" | "table" => {
                        newline(&mut out, &mut segs, a);
                        cells_in_row = 0;
                    }
                    n if BLOCKS.contains(&n) && !in_cell => newline(&mut out, &mut segs, a),
                    _ => {}
                }
            }
            Token::String(s) => {
                if skip_depth > 0 {
                    continue;
                }
                let text = String::from_utf8_lossy(&s.value);
                // Collapse white space as a browser would; inside a cell, no line breaks.
                let mut buf = String::with_capacity(text.len());
                let mut space = false;
                for c in text.chars() {
                    let c = if c == '\u{a0}' { ' ' } else { c };
                    if c.is_whitespace() {
                        space = true;
                    } else {
                        if space && !buf.is_empty() {
                            buf.push(' ');
                        }
                        space = false;
                        buf.push(if c == '|' { '｜' } else { c });
                    }
                }
                if space && !buf.is_empty() && !in_cell {
                    buf.push(' ');
                }
                push(&mut out, &mut segs, &buf, s.span.start, s.span.end);
            }
            _ => {}
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
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'<')
        .any(|(i, _)| at(i, b"<table") || (i < HEAD && TAGS.iter().any(|t| at(i, t))))
}

#[cfg(test)]
mod tests {
    use super::*;

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
