//! PDF: a report read by the geometry of its pages.
//!
//! `lopdf` parses the file's objects (with its bounds on nesting, reference
//! chains and decompressed sizes); [`glyphs`] walks each page's content to
//! the box of every glyph and the page's ruling lines; [`grid`] finds the
//! tables the rules draw; [`lines`] turns a page into lines of text and table
//! rows, each piece with its page and box. A value is thus read from its row
//! and column on the page, not from the order the text was written in.
//!
//! Bounds: a stream decompresses to at most 16 MiB ([`glyphs::MAX_CONTENT`]),
//! the whole document's content to at most 64 MiB, a page runs at most two
//! million operators, forms nest at most 8 deep and at most 2,000 pages are
//! read. Files larger than the caller's limit are the caller's to refuse (the
//! CLI's `--max-size`, 64 MiB by default).

mod cmap;
mod content;
mod glyphs;
mod grid;
mod lines;

use super::layout::{Block, Layout, Place, Span, Unreadable};
use lopdf::{Document, LoadOptions, Object};

/// The most pages read.
const MAX_PAGES: usize = 2_000;
/// The most content bytes (decompressed) read over the whole document.
const MAX_DOCUMENT: usize = 64 << 20;

/// Reads a PDF into lines and table rows.
pub(crate) fn read(bytes: &[u8]) -> Result<Layout, Unreadable> {
    let options = LoadOptions {
        max_decompressed_size: Some(glyphs::MAX_CONTENT),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(e) => return Err(load_error(bytes, e)),
    };
    if doc.is_encrypted() {
        return Err(Unreadable::Encrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Unreadable::Damaged(
            "no page can be found (page tree)".into(),
        ));
    }
    let mut fonts = glyphs::FontCache::new();
    let mut blocks = Vec::new();
    if let Some(title) = title(&doc) {
        blocks.push(Block::Line(vec![Span {
            text: title,
            place: Place::None,
        }]));
    }
    let mut read_any = false;
    let mut glyph_count = 0;
    let mut image_count = 0;
    let mut pictures = Vec::new();
    let mut first_error = None;
    let mut budget = MAX_DOCUMENT;
    let mut last_row: Option<lines::Edge> = None;
    for (&number, &id) in pages.iter().take(MAX_PAGES) {
        match glyphs::Walker::new(&doc, &mut fonts).page(id) {
            Ok(mut page) => {
                read_any = true;
                glyph_count += page.glyphs.len();
                image_count += page.images.len();
                pictures.extend(
                    page.images
                        .iter()
                        .filter(|b| super::layout::table_sized(b[2] - b[0], b[3] - b[1]))
                        .map(|&bbox| Place::Pdf { page: number, bbox }),
                );
                let used = page.glyphs.len() * 64;
                let mut ends = lines::blocks(number, &mut page, &mut blocks);
                // A row broken by the page goes back into the row above.
                if let (Some(prev), Some(first)) = (&last_row, &ends.first) {
                    if lines::join_broken_row(&mut blocks, prev, first) {
                        ends.last = match ends.last {
                            Some(l) if l.index == first.index => Some(prev.clone()),
                            Some(mut l) => {
                                l.index -= 1;
                                Some(l)
                            }
                            None => None,
                        };
                    }
                }
                last_row = ends.last;
                budget = budget.saturating_sub(used);
                if budget == 0 {
                    break;
                }
            }
            Err(e) => {
                first_error.get_or_insert(format!("page {number}: {e}"));
            }
        }
    }
    if !read_any {
        return Err(Unreadable::Damaged(
            first_error.unwrap_or_else(|| "no page could be read".into()),
        ));
    }
    if glyph_count == 0 {
        if image_count > 0 || first_error.is_none() {
            return Err(Unreadable::ImageOnly);
        }
        return Err(Unreadable::Damaged(first_error.unwrap_or_default()));
    }
    Ok(Layout { blocks, pictures })
}

/// Why `lopdf` could not load the file: encrypted, or damaged and where.
fn load_error(bytes: &[u8], e: lopdf::Error) -> Unreadable {
    use lopdf::Error as E;
    match e {
        E::Decryption(_) | E::InvalidPassword | E::UnsupportedSecurityHandler(_) => {
            Unreadable::Encrypted
        }
        _ if has_encrypt(bytes) && matches!(e, E::Decryption(_)) => Unreadable::Encrypted,
        e => Unreadable::Damaged(format!("{e}")),
    }
}

/// Does the trailer name an `/Encrypt` dictionary?
fn has_encrypt(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(8).any(|w| w == b"/Encrypt")
}

/// The document's Info `/Title`, when it names a report (not a file name or
/// a placeholder).
fn title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = doc.dereference(info).ok()?.1.as_dict().ok()?;
    let t = match info.get(b"Title").ok().map(|o| doc.dereference(o)) {
        Some(Ok((_, Object::String(s, _)))) => decode_text_string(s),
        _ => return None,
    };
    let t = t.trim();
    let specific = t.contains("年度报告") || t.contains("年报");
    let file_like = [".doc", ".docx", ".wps", ".pdf", "Microsoft Word"]
        .iter()
        .any(|x| t.contains(x));
    (specific && !file_like && t.chars().count() <= 80).then(|| t.to_string())
}

/// A PDF text string: UTF-16BE with a byte order mark, UTF-8 with one, else
/// PDFDocEncoding (read as Latin-1, which it is for the letters that matter).
fn decode_text_string(s: &[u8]) -> String {
    if let Some(rest) = s.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = s.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        s.iter().map(|&b| b as char).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `OGI_PDF_DUMP=file.pdf cargo test -p ogi-report --lib pdf::tests::dump
    /// -- --nocapture` prints the text a PDF renders to (for looking into a
    /// file; does nothing without the variable).
    #[test]
    fn dump() {
        let Ok(path) = std::env::var("OGI_PDF_DUMP") else {
            return;
        };
        let bytes = std::fs::read(&path).unwrap();
        let t = std::time::Instant::now();
        let layout = read(&bytes);
        let elapsed = t.elapsed();
        match layout {
            Ok(l) => println!("{}", l.render().text),
            Err(e) => println!("{e:?}"),
        }
        println!("read in {elapsed:?}");
    }
}
