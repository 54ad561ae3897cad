//! A page's content stream as operators and their operands.
//!
//! The walk needs numbers, names, strings and arrays of them, in one pass:
//! this lexer reads just that (dictionaries of marked content are skipped,
//! inline image data is stepped over) and never fails: what it cannot read
//! it skips. It replaces `lopdf`'s content parser, which spent most of a
//! page's time building objects the walk does not look at.

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};

/// Arrays nested deeper than this are skipped whole.
const MAX_DEPTH: usize = 32;
/// The most operands kept for one operator.
const MAX_OPERANDS: usize = 4096;

fn delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b)
}

fn white(b: u8) -> bool {
    b" \t\r\n\x0c\0".contains(&b)
}

struct Lexer<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Lexer<'a> {
    fn skip_white(&mut self) {
        while self.at < self.data.len() {
            let b = self.data[self.at];
            if white(b) {
                self.at += 1;
            } else if b == b'%' {
                while self.at < self.data.len() && !b"\r\n".contains(&self.data[self.at]) {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.at < self.data.len()
            && !white(self.data[self.at])
            && !delimiter(self.data[self.at])
        {
            self.at += 1;
        }
        &self.data[start..self.at]
    }

    fn literal(&mut self) -> Vec<u8> {
        // At '('.
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while self.at < self.data.len() {
            let b = self.data[self.at];
            self.at += 1;
            match b {
                b'\\' => {
                    let Some(&e) = self.data.get(self.at) else {
                        break;
                    };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.data.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.data.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        e => out.push(e),
                    }
                }
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        // At '<' (not '<<').
        self.at += 1;
        let mut digits = Vec::new();
        while self.at < self.data.len() && self.data[self.at] != b'>' {
            if let Some(d) = (self.data[self.at] as char).to_digit(16) {
                digits.push(d as u8);
            }
            self.at += 1;
        }
        self.at += 1;
        digits
            .chunks(2)
            .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
            .collect()
    }

    /// Skips a dictionary `<< … >>` (nested ones too), at its `<<`.
    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while self.at < self.data.len() {
            match self.data[self.at] {
                b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                    depth += 1;
                    self.at += 2;
                }
                b'>' if self.data.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.literal();
                }
                _ => self.at += 1,
            }
        }
    }

    /// One operand, or `None` at an operator (left unread) or the end.
    fn operand(&mut self, depth: usize) -> Option<Result<Object, &'a [u8]>> {
        self.skip_white();
        let b = *self.data.get(self.at)?;
        Some(Ok(match b {
            b'/' => {
                self.at += 1;
                Object::Name(self.word().to_vec())
            }
            b'(' => Object::String(self.literal(), StringFormat::Literal),
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                self.skip_dict();
                Object::Null
            }
            b'<' => Object::String(self.hex(), StringFormat::Hexadecimal),
            b'[' if depth >= MAX_DEPTH => {
                // Too deep to keep: step over it without recursing.
                let mut open = 0usize;
                while self.at < self.data.len() {
                    match self.data[self.at] {
                        b'[' => open += 1,
                        b']' => {
                            open -= 1;
                            if open == 0 {
                                self.at += 1;
                                break;
                            }
                        }
                        b'(' => {
                            self.literal();
                            continue;
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
                Object::Null
            }
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.at) {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        _ => {}
                    }
                    match self.operand(depth + 1) {
                        Some(Ok(o)) => {
                            if items.len() < MAX_OPERANDS {
                                items.push(o);
                            }
                        }
                        // A keyword inside an array: skip it.
                        Some(Err(_)) => {}
                        None => break,
                    }
                }
                Object::Array(items)
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.at += 1;
                Object::Null
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.at += 1;
                    return Some(Ok(Object::Null));
                }
                if let Some(n) = number(w) {
                    n
                } else if matches!(w, b"true" | b"false" | b"null") {
                    Object::Null
                } else {
                    return Some(Err(w));
                }
            }
        }))
    }

    /// Steps over inline image data, after `ID`: up to `EI` standing alone.
    fn skip_image(&mut self) {
        self.at += 1;
        while self.at + 1 < self.data.len() {
            if &self.data[self.at..self.at + 2] == b"EI"
                && self.at > 0
                && white(self.data[self.at - 1])
                && self.data.get(self.at + 2).is_none_or(|&b| white(b))
            {
                return;
            }
            self.at += 1;
        }
        self.at = self.data.len();
    }
}

fn number(w: &[u8]) -> Option<Object> {
    let s = std::str::from_utf8(w).ok()?;
    let first = *w.first()?;
    if !(first.is_ascii_digit() || b"+-.".contains(&first)) {
        return None;
    }
    if let Ok(i) = s.parse::<i64>() {
        return Some(Object::Integer(i));
    }
    // PDF reals have no exponent; tolerate `--5`, `5.` and the like.
    let t = s.trim_start_matches(['+', '-']);
    let neg = s.len() - t.len() > 0 && s.starts_with('-');
    let v: f32 = if t.is_empty() || t == "." {
        0.0
    } else {
        t.parse().ok()?
    };
    Some(Object::Real(if neg { -v } else { v }))
}

/// The operations of a content stream.
pub(crate) fn decode(data: &[u8]) -> Vec<Operation> {
    let mut lx = Lexer { data, at: 0 };
    let mut ops = Vec::new();
    let mut operands = Vec::new();
    while let Some(t) = lx.operand(0) {
        match t {
            Ok(o) => {
                if operands.len() < MAX_OPERANDS {
                    operands.push(o);
                }
            }
            Err(w) => {
                let operator = String::from_utf8_lossy(w).into_owned();
                if w == b"ID" {
                    lx.skip_image();
                }
                ops.push(Operation {
                    operator,
                    operands: std::mem::take(&mut operands),
                });
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_and_their_operands() {
        let ops = decode(
            b"q 1 0 0 1 -2.5 .5 cm BT /F1 12 Tf [(a\\)b) -250 <0041>] TJ ET\n\
              /P <</MCID 3 /X <<>> >> BDC EMC BI /W 1 ID \x00EI\xff EI Q % note\n 5 0 m",
        );
        let names: Vec<&str> = ops.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(
            names,
            ["q", "cm", "BT", "Tf", "TJ", "ET", "BDC", "EMC", "BI", "ID", "EI", "Q", "m"]
        );
        assert_eq!(ops[1].operands[4], Object::Real(-2.5));
        assert_eq!(ops[1].operands[5], Object::Real(0.5));
        let Object::Array(items) = &ops[4].operands[0] else {
            panic!("{:?}", ops[4]);
        };
        assert_eq!(
            items[0],
            Object::String(b"a)b".to_vec(), StringFormat::Literal)
        );
        assert_eq!(items[1], Object::Integer(-250));
        assert_eq!(
            items[2],
            Object::String(vec![0, 0x41], StringFormat::Hexadecimal)
        );
        assert_eq!(ops[12].operands, [Object::Integer(5), Object::Integer(0)]);
    }

    #[test]
    fn junk_and_deep_nesting_end() {
        let deep = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
        assert!(decode(&deep).is_empty());
        let _ = decode(b"((((( <<<< >> ] ) \\");
    }
}
