//! Text normalisation shared by the parsers and the prose rules.

/// Folds one character: full-width ASCII to ASCII, ideographic space to a
/// space, the various dashes and brackets to one form each.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200B}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '﹝' => '[',
        '﹞' => ']',
        '｡' => '.',
        _ => c,
    }
}

/// Is `c` a CJK ideograph (or CJK punctuation)?
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Prose as the rules read it: characters folded, line breaks and spaces
/// removed (PDF text wraps lines mid-word), markdown emphasis dropped.
pub fn normalize_prose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold_char(c);
        if c.is_whitespace() || c == '#' || c == '*' || c == '|' {
            continue;
        }
        out.push(c);
    }
    out
}

/// Texts that stand for no text: a section holding only one of them is empty.
const PLACEHOLDERS: [&str; 8] = ["无", "暂无", "略", "空", "无。", "/", "-", "—"];

/// The first characters of `s` that are not spaces or punctuation (enough to
/// tell a placeholder from a text).
pub(crate) fn strip_noise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.' | '、' | '，' | ',' | '#' | '*'))
        .take(8)
        .collect()
}

/// Is a section's text empty or a bare placeholder ("无", "暂无", "/")?
pub fn is_placeholder(text: &str) -> bool {
    let core = strip_noise(text);
    core.is_empty() || PLACEHOLDERS.contains(&core.as_str())
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
    fn prose_loses_wraps_and_spaces() {
        assert_eq!(
            normalize_prose("予以公开及部\n分公开 208 件"),
            "予以公开及部分公开208件"
        );
    }
}
