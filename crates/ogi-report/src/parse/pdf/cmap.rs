//! ToUnicode CMaps: the `bfchar` and `bfrange` sections that map a font's
//! codes to text.

use std::collections::HashMap;

/// The most codes one map may give (a range `<0000> <FFFF>` is 65,536).
const MAX_CODES: usize = 1 << 17;

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' => {
                let end = data[i + 1..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + 1 + p);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings hold no codes here: skip them.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    out.push(Tok::Word(&data[start..i]));
                }
            }
        }
    }
    out
}

fn code(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | x as u32)
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// `dst` with its last UTF-16 unit moved on by `k`.
fn plus(dst: &[u8], k: u32) -> String {
    let mut units: Vec<u16> = dst
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(k as u16);
    }
    String::from_utf16_lossy(&units)
}

/// The code → text map of a ToUnicode CMap (unreadable parts are skipped).
pub(crate) fn parse(data: &[u8]) -> HashMap<u32, String> {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut i = 0;
    let mut section: &[u8] = b"";
    while i < toks.len() && map.len() < MAX_CODES {
        match &toks[i] {
            Tok::Word(w) if w.starts_with(b"begin") || w.starts_with(b"end") => {
                section = w;
                i += 1;
            }
            Tok::Hex(src) if section == b"beginbfchar" => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    map.insert(code(src), utf16(dst));
                }
                i += 2;
            }
            Tok::Hex(lo) if section == b"beginbfrange" => {
                let (Some(Tok::Hex(hi)), Some(dst)) = (toks.get(i + 1), toks.get(i + 2)) else {
                    break;
                };
                let (lo, hi) = (code(lo), code(hi));
                let n = hi.saturating_sub(lo).min(MAX_CODES as u32);
                match dst {
                    Tok::Hex(d) => {
                        for k in 0..=n {
                            map.insert(lo + k, plus(d, k));
                        }
                        i += 3;
                    }
                    Tok::Open => {
                        let mut k = 0;
                        let mut j = i + 3;
                        while let Some(Tok::Hex(d)) = toks.get(j) {
                            if k <= n {
                                map.insert(lo + k, utf16(d));
                            }
                            k += 1;
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 3,
                }
            }
            _ => i += 1,
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_ranges() {
        let m = parse(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0A1B> <6DEE> endbfchar\n\
              2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<4E00> <D840DC00>] endbfrange",
        );
        assert_eq!(m[&3], " ");
        assert_eq!(m[&0x0a1b], "淮");
        assert_eq!(m[&0x11], "1");
        assert_eq!(m[&0x12], "2");
        assert_eq!(m[&0x20], "一");
        assert_eq!(m[&0x21], "\u{20000}");
        assert_eq!(m.len(), 7);
    }
}
