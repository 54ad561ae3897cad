//! Word files (DOCX): `word/document.xml` read as a [`Layout`] of paragraphs
//! and table rows, in document order, each cell's text placed by its table,
//! row and cell.
//!
//! - Paragraphs (`w:p`) are lines; `w:tab` is a space, `w:br` and `w:cr` start
//!   a new line. Text boxes (`w:txbxContent`) are read once (the VML fallback
//!   of `mc:AlternateContent` is skipped).
//! - Tables (`w:tbl`/`w:tr`/`w:tc`): a row is a [`Block::Row`] of its cells;
//!   a cell spanning columns (`w:gridSpan`) is one cell; a cell continuing a
//!   vertical merge (`w:vMerge` without `restart`) is an empty cell, the merged
//!   text staying in the first. An empty cell is read as a space placed at its
//!   table, row and cell, so a blank has its place too. The paragraphs of a cell are joined by a
//!   space. A table nested in a cell is read as rows of its own, before the row
//!   that holds it (a row left empty by it is dropped).
//! - Deleted text (`w:del`, `w:delText`, `w:moveFrom`) and field instructions
//!   (`w:instrText`) are not read; inserted text (`w:ins`) is.
//!
//! Bounds: at most [`MAX_ENTRIES`] ZIP entries, `word/document.xml` inflated
//! through a reader that stops past [`MAX_XML`] bytes (the declared size is
//! not trusted), elements nested at most [`MAX_DEPTH`] deep. Whatever breaks
//! these, or a broken ZIP or XML, is [`Unreadable`], never a panic.

use super::layout::{Block, Layout, Place, Span, Unreadable};
use quick_xml::events::{BytesStart, Event};
use std::io::Read;

/// The most bytes `word/document.xml` may inflate to (a report's is a few
/// hundred KB).
pub(crate) const MAX_XML: u64 = 64 << 20;
/// The most entries a DOCX's ZIP may hold (Word writes a dozen or two).
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// The deepest nesting of XML elements read.
pub(crate) const MAX_DEPTH: usize = 256;

const DOCUMENT: &str = "word/document.xml";

/// Reads a DOCX file.
pub(crate) fn read(bytes: &[u8]) -> Result<Layout, Unreadable> {
    let xml = document_xml(bytes)?;
    walk(&xml)
}

/// The bytes of `word/document.xml`, inflated with a bound.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, Unreadable> {
    use zip::result::ZipError;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Unreadable::Damaged(format!("ZIP structure: {e}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(Unreadable::Unsupported(format!(
            "a ZIP archive of {} entries, more than the {MAX_ENTRIES} read",
            archive.len()
        )));
    }
    let mut entry = match archive.by_name(DOCUMENT) {
        Ok(e) => e,
        Err(ZipError::FileNotFound) => {
            return Err(Unreadable::Unsupported(format!(
                "{}, not a Word document (no {DOCUMENT})",
                super::zip_kind(bytes).1
            )))
        }
        Err(ZipError::UnsupportedArchive(m)) if m.to_ascii_lowercase().contains("password") => {
            return Err(Unreadable::Encrypted)
        }
        Err(ZipError::UnsupportedArchive(m)) => {
            return Err(Unreadable::Unsupported(format!("{DOCUMENT}: {m}")))
        }
        Err(e) => return Err(Unreadable::Damaged(format!("{DOCUMENT}: {e}"))),
    };
    if entry.encrypted() {
        return Err(Unreadable::Encrypted);
    }
    let declared = entry.size();
    if declared > MAX_XML {
        return Err(Unreadable::Unsupported(format!(
            "{DOCUMENT} declares {declared} bytes, more than the {MAX_XML} read"
        )));
    }
    let mut xml = Vec::with_capacity(usize::try_from(declared.min(1 << 20)).unwrap_or(0));
    let got = (&mut entry)
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| Unreadable::Damaged(format!("{DOCUMENT}, after {} bytes: {e}", xml.len())))?;
    if got as u64 > MAX_XML {
        return Err(Unreadable::Unsupported(format!(
            "{DOCUMENT} inflates to more than {MAX_XML} bytes (declared {declared})"
        )));
    }
    Ok(xml)
}

/// A table being read.
struct Table {
    index: u32,
    rows: u32,
    /// The row being read: its cells, and whether a nested table stood in it.
    row: Vec<Vec<Span>>,
    nested: bool,
    in_row: bool,
    /// The cell being read: its text, and whether it continues a vertical merge.
    cell: Option<Cell>,
}

struct Cell {
    spans: Vec<Span>,
    continued: bool,
    /// Paragraphs already in the cell (joined by a space).
    paras: usize,
}

/// What the walk is inside of, for elements whose text is skipped.
#[derive(Default)]
struct Skip {
    /// Depth of the element being skipped (deleted text, a fallback), if any.
    at: Option<usize>,
}

struct Walker {
    out: Vec<Block>,
    tables: Vec<Table>,
    next_table: u32,
    /// Paragraphs being read (text boxes nest a paragraph in a run).
    paras: Vec<String>,
    /// The size `[cx, cy]` (EMU) of the drawing being read (`wp:extent`).
    extent: [i64; 2],
    /// Pictures large enough to hold a table.
    pictures: Vec<Place>,
}

impl Walker {
    fn place(&self) -> Place {
        match self.tables.last() {
            Some(t) if t.cell.is_some() => Place::Docx {
                table: t.index,
                row: t.rows,
                cell: u32::try_from(t.row.len()).unwrap_or(u32::MAX),
            },
            _ => Place::None,
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            // A pipe in the text would read as a cell boundary.
            p.extend(s.chars().map(|c| if c == '|' { '｜' } else { c }));
        }
    }

    /// Ends a line of the paragraph being read (a paragraph's end or a break).
    fn end_line(&mut self, paragraph_end: bool) {
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let text = std::mem::take(p);
        let place = self.place();
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => {
                if cell.continued {
                    return;
                }
                if !text.trim().is_empty() {
                    if cell.paras > 0 {
                        cell.spans.push(Span {
                            text: " ".into(),
                            place,
                        });
                    }
                    cell.spans.push(Span { text, place });
                    cell.paras += 1;
                }
            }
            None => {
                // An empty paragraph is a blank line, as in scraped text; a
                // break at the end of a paragraph adds none.
                if !text.is_empty() || paragraph_end {
                    let spans = if text.is_empty() {
                        Vec::new()
                    } else {
                        vec![Span { text, place }]
                    };
                    self.out.push(Block::Line(spans));
                }
            }
        }
    }
}

fn local(name: &[u8]) -> &[u8] {
    name.iter()
        .rposition(|&b| b == b':')
        .map_or(name, |i| &name[i + 1..])
}

/// The value of the `w:val` attribute, if any.
fn val(e: &BytesStart<'_>) -> Option<Vec<u8>> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == b"val")
        .map(|a| a.value.into_owned())
}

/// Walks `word/document.xml`.
fn walk(xml: &[u8]) -> Result<Layout, Unreadable> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut w = Walker {
        out: Vec::new(),
        tables: Vec::new(),
        next_table: 0,
        paras: Vec::new(),
        extent: [0, 0],
        pictures: Vec::new(),
    };
    let mut depth = 0usize;
    let mut skip = Skip::default();
    // Inside `w:t` (text is read only there).
    let mut in_t = 0usize;
    let damaged = |reader: &quick_xml::Reader<&[u8]>, what: String| {
        Unreadable::Damaged(format!(
            "{DOCUMENT}, byte {}: {what}",
            reader.error_position().max(reader.buffer_position())
        ))
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| damaged(&reader, e.to_string()))?;
        match ev {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(damaged(
                        &reader,
                        format!("elements nested more than {MAX_DEPTH} deep"),
                    ));
                }
                if skip.at.is_some() {
                    continue;
                }
                let name = e.name();
                let name = local(name.as_ref());
                match name {
                    b"del" | b"delText" | b"moveFrom" | b"instrText" | b"Fallback" => {
                        skip.at = Some(depth);
                    }
                    b"t" => in_t += 1,
                    _ => start(&mut w, name, &e, false),
                }
            }
            Event::Empty(e) => {
                if skip.at.is_some() {
                    continue;
                }
                let name = e.name();
                start(&mut w, local(name.as_ref()), &e, true);
            }
            Event::End(e) => {
                if skip.at == Some(depth) {
                    skip.at = None;
                    depth = depth.saturating_sub(1);
                    continue;
                }
                depth = depth.saturating_sub(1);
                if skip.at.is_some() {
                    continue;
                }
                let name = e.name();
                match local(name.as_ref()) {
                    b"t" => in_t = in_t.saturating_sub(1),
                    n => end(&mut w, n),
                }
            }
            Event::Text(t) if in_t > 0 && skip.at.is_none() => {
                let s = t
                    .xml10_content()
                    .map_err(|e| damaged(&reader, e.to_string()))?;
                w.text(&s);
            }
            Event::CData(t) if in_t > 0 && skip.at.is_none() => {
                let s = t
                    .xml10_content()
                    .map_err(|e| damaged(&reader, e.to_string()))?;
                w.text(&s);
            }
            Event::GeneralRef(r) if in_t > 0 && skip.at.is_none() => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(e) => return Err(damaged(&reader, e.to_string())),
                };
                if let Some(c) = c {
                    w.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(Unreadable::Damaged(format!(
            "{DOCUMENT}: ends inside {depth} open elements (truncated)"
        )));
    }
    // Whatever is still open (not possible once the end tags matched).
    while !w.paras.is_empty() {
        end(&mut w, b"p");
    }
    Ok(Layout {
        blocks: w.out,
        pictures: w.pictures,
    })
}

/// An element starts (`empty`: and ends at once).
fn start(w: &mut Walker, name: &[u8], e: &BytesStart<'_>, empty: bool) {
    match name {
        // A drawing's size comes before what it draws; a picture (`pic:pic`,
        // not a text box or a shape) of a table's size is noted.
        b"extent" => {
            let emu = |key: &[u8]| {
                e.attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == key)
                    .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<i64>().ok())
                    .unwrap_or(0)
            };
            w.extent = [emu(b"cx"), emu(b"cy")];
        }
        b"pic" => {
            // 12,700 EMU to the point.
            let [cx, cy] = w.extent.map(|v| v as f32 / 12_700.0);
            if super::layout::table_sized(cx, cy) && w.pictures.len() < 10_000 {
                let place = w.place();
                w.pictures.push(place);
            }
            w.extent = [0, 0];
        }
        b"p" => {
            w.paras.push(String::new());
            if empty {
                end(w, b"p");
            }
        }
        b"tab" | b"ptab" => w.text(" "),
        b"noBreakHyphen" | b"softHyphen" => w.text("-"),
        b"br" | b"cr" => w.end_line(false),
        b"tbl" if !empty => {
            if let Some(t) = w.tables.last_mut() {
                t.nested = true;
            }
            w.tables.push(Table {
                index: w.next_table,
                rows: 0,
                row: Vec::new(),
                nested: false,
                in_row: false,
                cell: None,
            });
            w.next_table = w.next_table.saturating_add(1);
        }
        b"tr" if !empty => {
            if let Some(t) = w.tables.last_mut() {
                t.row.clear();
                t.nested = false;
                t.in_row = true;
            }
        }
        b"tc" => {
            if let Some(t) = w.tables.last_mut() {
                if t.in_row {
                    t.cell = Some(Cell {
                        spans: Vec::new(),
                        continued: false,
                        paras: 0,
                    });
                    if empty {
                        end(w, b"tc");
                    }
                }
            }
        }
        b"vMerge" => {
            let restart = val(e).is_some_and(|v| v == b"restart");
            if let Some(c) = w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                c.continued = !restart;
            }
        }
        _ => {}
    }
}

/// An element ends.
fn end(w: &mut Walker, name: &[u8]) {
    match name {
        b"p" => {
            if w.paras.is_empty() {
                return;
            }
            w.end_line(true);
            w.paras.pop();
            // A text box's paragraph ends inside its anchor's paragraph: the
            // anchor's text goes on.
        }
        b"tc" => {
            if let Some(t) = w.tables.last_mut() {
                if let Some(c) = t.cell.take() {
                    // An empty cell is a space with its place, so that a blank
                    // read from it names its table, row and cell too.
                    let place = Place::Docx {
                        table: t.index,
                        row: t.rows,
                        cell: u32::try_from(t.row.len()).unwrap_or(u32::MAX),
                    };
                    t.row.push(if c.continued || c.spans.is_empty() {
                        vec![Span {
                            text: " ".into(),
                            place,
                        }]
                    } else {
                        c.spans
                    });
                }
            }
        }
        b"tr" => {
            if let Some(t) = w.tables.last_mut() {
                if !t.in_row {
                    return;
                }
                t.in_row = false;
                let row = std::mem::take(&mut t.row);
                let empty = row.iter().flatten().all(|s| s.text.trim().is_empty());
                if !(t.nested && empty) {
                    w.out.push(Block::Row(row));
                }
                t.rows = t.rows.saturating_add(1);
            }
        }
        b"tbl" => {
            w.tables.pop();
        }
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A DOCX holding `body` as the body of `word/document.xml`.
    pub(crate) fn docx(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            (DOCUMENT, xml.as_bytes()),
        ])
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opt = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opt).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }

    fn tc(s: &str) -> String {
        format!("<w:tc>{}</w:tc>", p(s))
    }

    fn text(layout: &Layout) -> String {
        layout.render().text
    }

    #[test]
    fn paragraphs_tabs_and_breaks() {
        let body = format!(
            "{}<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p><w:p/>{}",
            p("一、总体情况"),
            p("x &amp; y &#x41;")
        );
        let l = read(&docx(&body)).unwrap();
        assert_eq!(text(&l), "一、总体情况\na b\nc\n\nx & y A\n");
    }

    #[test]
    fn grid_span_is_one_cell_and_places_count_it_once() {
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>{}</w:tc>{}{}</w:tr></w:tbl>",
            p("行政许可"),
            tc("12"),
            tc("3")
        );
        let l = read(&docx(&body)).unwrap();
        assert_eq!(text(&l), "| 行政许可 | 12 | 3 |\n");
        let Block::Row(cells) = &l.blocks[0] else {
            panic!("{l:?}")
        };
        assert_eq!(
            cells[2][0].place,
            Place::Docx {
                table: 0,
                row: 0,
                cell: 2
            }
        );
    }

    #[test]
    fn a_vertical_merge_keeps_its_text_in_the_first_cell() {
        let merged = |restart: bool, s: &str| {
            format!(
                "<w:tc><w:tcPr><w:vMerge{}/></w:tcPr>{}</w:tc>",
                if restart { " w:val=\"restart\"" } else { "" },
                p(s)
            )
        };
        let body = format!(
            "<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>{}<w:tbl><w:tr>{}</w:tr></w:tbl>",
            merged(true, "三、本年度办理结果"),
            tc("（一）予以公开"),
            tc("5"),
            merged(false, "ghost"),
            tc("（二）部分公开"),
            tc("6"),
            p("间"),
            tc("7"),
        );
        let l = read(&docx(&body)).unwrap();
        assert_eq!(
            text(&l),
            "| 三、本年度办理结果 | （一）予以公开 | 5 |\n|   | （二）部分公开 | 6 |\n间\n| 7 |\n"
        );
        let Block::Row(cells) = &l.blocks[1] else {
            panic!()
        };
        assert_eq!(
            cells[2][0].place,
            Place::Docx {
                table: 0,
                row: 1,
                cell: 2
            }
        );
        let Block::Row(cells) = &l.blocks[3] else {
            panic!()
        };
        assert_eq!(
            cells[0][0].place,
            Place::Docx {
                table: 1,
                row: 0,
                cell: 0
            }
        );
    }

    #[test]
    fn deleted_text_is_not_read_and_inserted_text_is() {
        let body = "<w:p><w:r><w:t>共</w:t></w:r><w:del><w:r><w:delText>99</w:delText></w:r></w:del>\
            <w:ins><w:r><w:t>12</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:t>件</w:t></w:r></w:p>";
        let l = read(&docx(body)).unwrap();
        assert_eq!(text(&l), "共12件\n");
    }

    #[test]
    fn a_cells_paragraphs_are_joined_by_a_space_and_pipes_are_not_cell_bounds() {
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("行政"),
            p("许可"),
            p("1|2")
        );
        let l = read(&docx(&body)).unwrap();
        assert_eq!(text(&l), "| 行政 许可 | 1｜2 |\n");
    }

    #[test]
    fn a_nested_table_is_read_as_rows_of_its_own() {
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc("规章"), tc("3"));
        let body = format!("<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>");
        let l = read(&docx(&body)).unwrap();
        assert_eq!(text(&l), "| 规章 | 3 |\n");
        let Block::Row(cells) = &l.blocks[0] else {
            panic!()
        };
        assert_eq!(
            cells[1][0].place,
            Place::Docx {
                table: 1,
                row: 0,
                cell: 1
            }
        );
    }

    #[test]
    fn a_text_box_is_read_once() {
        let body = "<w:p><w:r><w:t>前</w:t></w:r><w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>\
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>后</w:t></w:r></w:p>";
        let l = read(&docx(body)).unwrap();
        assert_eq!(text(&l), "框\n前后\n");
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it_all() {
        // 65 MiB of zeros deflate to about 65 KB; the entry's declared size is
        // also checked, so the reader is tested with a lying header too.
        let big = vec![b' '; (MAX_XML + 1024) as usize];
        let bytes = zip_of(&[(DOCUMENT, &big)]);
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        match read(&bytes) {
            Err(Unreadable::Unsupported(m)) => assert!(m.contains("more than"), "{m}"),
            other => panic!("{other:?}"),
        }
        // The same entry with its declared sizes (local header and central
        // directory) rewritten to 100 bytes: the bounded reader stops it.
        let mut lying = bytes.clone();
        let real = (MAX_XML + 1024) as u32;
        let from = real.to_le_bytes();
        let mut i = 0;
        while i + 4 <= lying.len() {
            if lying[i..i + 4] == from {
                lying[i..i + 4].copy_from_slice(&100u32.to_le_bytes());
            }
            i += 1;
        }
        match read(&lying) {
            Err(Unreadable::Unsupported(_) | Unreadable::Damaged(_)) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_truncated_zip_or_xml_is_damaged_and_says_where() {
        let bytes = docx(&p("一、总体情况"));
        for cut in [10, bytes.len() / 2, bytes.len() - 10] {
            match read(&bytes[..cut]) {
                Err(Unreadable::Damaged(m)) => assert!(!m.is_empty()),
                other => panic!("cut at {cut}: {other:?}"),
            }
        }
        let xml = format!("<w:document {NS}><w:body><w:p><w:r><w:t>半");
        let bytes = zip_of(&[(DOCUMENT, xml.as_bytes())]);
        match read(&bytes) {
            Err(Unreadable::Damaged(m)) => assert!(m.contains(DOCUMENT), "{m}"),
            other => panic!("{other:?}"),
        }
        let bad = format!("<w:document {NS}><w:body><w:p></w:tbl></w:body></w:document>");
        let bytes = zip_of(&[(DOCUMENT, bad.as_bytes())]);
        match read(&bytes) {
            Err(Unreadable::Damaged(m)) => assert!(m.contains("byte"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "<w:x>".repeat(MAX_DEPTH + 1) + &"</w:x>".repeat(MAX_DEPTH + 1);
        let bytes = zip_of(&[(DOCUMENT, deep.as_bytes())]);
        match read(&bytes) {
            Err(Unreadable::Damaged(m)) => assert!(m.contains("nested"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn another_zip_is_named() {
        let bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        match read(&bytes) {
            Err(Unreadable::Unsupported(m)) => assert!(m.contains("Excel"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
