//! Messages put together by concatenation: one allocation of the exact
//! size, no formatting machinery. Findings are made by the thousand, and
//! `format!` cost several times what their few pieces of text need.
//!
//! Kept for size: it took 3.5 KB gzipped off the module every web page loads
//! (bindings/wasm/SIZE.md, "findings' messages concatenated to size"), and for
//! `validate`'s speed (BENCHMARKS.md, parse + validate per report).

/// A piece of a message: text, or a whole number written in decimal.
pub(crate) trait Piece {
    /// How many bytes the piece writes.
    fn size(&self) -> usize;
    /// Appends the piece.
    fn put(&self, out: &mut String);
}

impl Piece for &str {
    fn size(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn size(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for &String {
    fn size(&self) -> usize {
        self.len()
    }
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
}

/// The decimal digits of `n` (with a sign), right-aligned in `buf`, and where they start.
fn digits(n: i64, buf: &mut [u8; 20]) -> usize {
    let mut m = n.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    at
}

impl Piece for i64 {
    fn size(&self) -> usize {
        20 - digits(*self, &mut [0; 20])
    }
    fn put(&self, out: &mut String) {
        let mut buf = [0u8; 20];
        let at = digits(*self, &mut buf);
        // Digits and '-' are ASCII.
        out.extend(buf[at..].iter().map(|&b| char::from(b)));
    }
}

impl Piece for usize {
    fn size(&self) -> usize {
        i64::try_from(*self).map_or(20, |n| n.size())
    }
    fn put(&self, out: &mut String) {
        match i64::try_from(*self) {
            Ok(n) => n.put(out),
            Err(_) => out.push_str(&self.to_string()),
        }
    }
}

/// Concatenates the pieces into a `String` of the exact size.
pub(crate) fn join(pieces: &[&dyn Piece]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.size()).sum());
    for p in pieces {
        p.put(&mut out);
    }
    out
}

/// `joined!(a, b, …)`: the pieces (each evaluated once) concatenated, see [`join`].
macro_rules! joined {
    ($($piece:expr),+ $(,)?) => {
        $crate::joined::join(&[$(&$piece),+])
    };
}
pub(crate) use joined;

#[cfg(test)]
mod tests {

    #[test]
    fn pieces_join_into_the_text_format_would_give() {
        let path = String::from("t3.new_received.total");
        let s = joined!(
            &path,
            " 为空白（",
            12i64,
            "）",
            -3i64,
            " ",
            0usize,
            " ",
            i64::MIN
        );
        assert_eq!(s, format!("{path} 为空白（12）-3 0 {}", i64::MIN));
        assert_eq!(s.capacity(), s.len());
    }

    #[test]
    fn numbers_are_written_like_display() {
        for n in [0, 7, 10, 99, 100, -1, -10, 1_234_567, i64::MAX, i64::MIN] {
            assert_eq!(joined!(n), n.to_string());
        }
        assert_eq!(joined!(usize::MAX), usize::MAX.to_string());
    }
}
