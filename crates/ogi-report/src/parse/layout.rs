//! Documents read from a file's structure (DOCX tables, PDF page geometry),
//! as blocks of text with their place in the file.
//!
//! A reader (the `docx` and `pdf` modules) turns its file into a [`Layout`]:
//! lines of text and table rows of cells, in reading order, each piece of text
//! with its [`Place`]. [`Layout::render`] writes it as the text the matcher
//! reads (a table row as `| cell | cell |`, the layout scraped
//! tables come in), with a map from that text back to the places, so a cell's
//! [`Source`](crate::report::Source) names its page and box, or its table, row
//! and cell.

use super::{Parsed, SourceKind};
use crate::finding::{Code, Finding};
use crate::report::Report;

/// Why a reader got no [`Layout`] out of a file: each case is one error
/// finding (see [`unreadable`]) and a report with no tables (`format: null`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    /// A PDF with no text layer (a scan).
    #[allow(dead_code)] // made by the PDF reader
    ImageOnly,
    /// Encrypted: it cannot be opened without its password.
    Encrypted,
    /// A broken structure: where (entry name, byte or line offset) and what.
    Damaged(String),
    /// A file of a kind or form this build does not read: what it is.
    Unsupported(String),
}

/// The parse result of a file that holds nothing readable: its one error
/// finding and a report with no tables (`format: null`), never tables of zeros.
pub(crate) fn unreadable(u: Unreadable, kind: SourceKind) -> Parsed {
    let finding = match u {
        Unreadable::ImageOnly => Finding::new(
            Code::InputImageOnly,
            "",
            "PDF 没有文字层（扫描件或图片），无法读取任何内容，未作为报告检查；请提供带文字的 PDF、Word 文件或文本".into(),
            "the PDF has no text layer (a scan or images): nothing was read and it was not checked as a report; give a PDF with text, a Word file or the text".into(),
        ),
        Unreadable::Encrypted => Finding::new(
            Code::InputEncrypted,
            "",
            format!("{}文件已加密，无法读取任何内容，未作为报告检查；请提供未加密的文件", kind_zh(kind)),
            format!("the {} file is encrypted: nothing was read and it was not checked as a report; give the file without its password", kind.as_str().to_uppercase()),
        ),
        Unreadable::Damaged(at) => Finding::new(
            Code::InputDamaged,
            "",
            format!("{}文件已损坏（{at}），无法读取任何内容，未作为报告检查", kind_zh(kind)),
            format!("the {} file is damaged ({at}): nothing was read and it was not checked as a report", kind.as_str().to_uppercase()),
        ),
        Unreadable::Unsupported(what) => Finding::new(
            Code::InputUnsupported,
            "",
            format!("无法读取此文件（{what}），未读取任何内容，未作为报告检查；请另存为 DOCX 或 PDF 后再检查"),
            format!("this file cannot be read ({what}): nothing was read and it was not checked as a report; save it as DOCX or PDF and check that"),
        ),
    };
    refused(finding, kind)
}

/// A parse result holding only `finding` (an `input.*` error) and a report
/// with no tables.
pub(crate) fn refused(finding: Finding, kind: SourceKind) -> Parsed {
    Parsed {
        report: Report::unknown_format(),
        findings: vec![finding],
        kind,
        encoding: "binary",
    }
}

/// `table.absent` for each table the report lacks, saying that the file holds
/// pictures of a table's size (and on which pages), when it does: a table
/// published as an image cannot be read. (These stand for the rule's own
/// `table.absent`, see [`Parsed::check`](super::Parsed::check).)
pub(crate) fn tables_as_pictures(report: &Report, pictures: &[Place]) -> Vec<Finding> {
    let Some(first) = pictures.first() else {
        return Vec::new();
    };
    let mut pages: Vec<u32> = pictures
        .iter()
        .filter_map(|p| match p {
            Place::Pdf { page, .. } => Some(*page),
            _ => None,
        })
        .collect();
    pages.dedup();
    let n = pictures.len();
    let (zh, en) = if pages.is_empty() {
        (
            format!("文件中有 {n} 幅表格大小的图片，表格可能以图片发布，无法读取"),
            format!("the file holds {n} picture(s) of a table's size: the table was perhaps published as an image, which cannot be read"),
        )
    } else {
        let list = |sep: &str| {
            pages
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(sep)
        };
        (
            format!("第 {} 页有表格大小的图片，表格可能以图片发布，无法读取", list("、")),
            format!("page(s) {} hold pictures of a table's size: the table was perhaps published as an image, which cannot be read", list(", ")),
        )
    };
    let mut source = crate::report::Source::default();
    if let Place::Pdf { page, bbox } = *first {
        source.page = Some(page);
        source.bbox = Some(bbox);
    }
    crate::rules::check_tables_present(report)
        .into_iter()
        .map(|mut f| {
            f.message = format!("{}；{zh}", f.message);
            f.message_en = format!("{}; {en}", f.message_en);
            if source.page.is_some() {
                f.source = Some(source);
            }
            f
        })
        .collect()
}

fn kind_zh(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Pdf => "PDF ",
        SourceKind::Docx => "DOCX ",
        _ => "",
    }
}

/// Where a piece of text stands in the file it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) enum Place {
    /// Not known (text added by the reader).
    #[default]
    None,
    /// PDF: 1-based page, and the box of the glyphs `[x0, y0, x1, y1]` in PDF
    /// points, origin at the page's bottom left.
    #[allow(dead_code)] // made by the PDF reader
    Pdf { page: u32, bbox: [f32; 4] },
    /// DOCX: 0-based table, row and cell, in document order.
    Docx { table: u32, row: u32, cell: u32 },
}

/// A piece of text and its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// The text, as printed (not yet folded).
    pub text: String,
    /// Where it is.
    pub place: Place,
}

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A line (or paragraph) of text: its spans are joined with no separator.
    Line(Vec<Span>),
    /// A table row: its cells, each the spans of its text (joined with no
    /// separator), in column order.
    Row(Vec<Vec<Span>>),
}

/// A document read from a file's structure.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Layout {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// Pictures large enough to hold a table (at least [`PICTURE_MIN`]), in
    /// reading order: where a table may have been published as an image.
    pub pictures: Vec<Place>,
}

/// The least width and height, in points, of a picture that could hold a
/// table: a seal (about 120 pt square) or a logo is smaller.
pub(crate) const PICTURE_MIN: [f32; 2] = [200.0, 60.0];

/// Is a picture of this width and height (points) large enough to hold a table?
pub(crate) fn table_sized(width: f32, height: f32) -> bool {
    width >= PICTURE_MIN[0] && height >= PICTURE_MIN[1]
}

/// Text rendered from a [`Layout`], with the place of every piece: `places`
/// holds `(offset, place)` sorted by offset, a place holding from its offset
/// up to the next one.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Rendered {
    pub text: String,
    pub places: Vec<(usize, Place)>,
}

impl Layout {
    /// The text the matcher reads, with the places of its pieces.
    pub fn render(&self) -> Rendered {
        let mut r = Rendered::default();
        for block in &self.blocks {
            match block {
                Block::Line(spans) => {
                    for s in spans {
                        r.push(s);
                    }
                }
                Block::Row(cells) => {
                    // Pipes at both ends, as markdown writes a row: a blank
                    // first or last cell is then a cell between two pipes,
                    // never taken for a border.
                    r.push_plain("| ");
                    for (i, cell) in cells.iter().enumerate() {
                        if i > 0 {
                            r.push_plain(" | ");
                        }
                        for s in cell {
                            r.push(s);
                        }
                    }
                    r.push_plain(" |");
                }
            }
            r.push_plain("\n");
        }
        r
    }
}

impl Rendered {
    fn push(&mut self, s: &Span) {
        // Line breaks inside a piece would split its row: they become spaces.
        let text = s.text.replace(['\r', '\n'], " ");
        if text.is_empty() {
            return;
        }
        self.mark(s.place);
        self.text.push_str(&text);
    }

    fn push_plain(&mut self, s: &str) {
        self.mark(Place::None);
        self.text.push_str(s);
    }

    fn mark(&mut self, place: Place) {
        if self.places.last().map(|p| p.1) != Some(place) {
            self.places.push((self.text.len(), place));
        }
    }

    /// The place of the rendered span `start..end` (see [`place_of`]).
    #[cfg(test)]
    pub fn place(&self, start: usize, end: usize) -> Place {
        place_of(&self.places, start, end)
    }
}

/// The place of the rendered span `start..end` in `places` (sorted by
/// offset): the place its first piece stands at; for PDF, the box around
/// every piece of the span on that page.
pub(crate) fn place_of(places: &[(usize, Place)], start: usize, end: usize) -> Place {
    let first = places.partition_point(|p| p.0 <= start).saturating_sub(1);
    let mut out = Place::None;
    for &(at, place) in places[first..].iter() {
        if at >= end.max(start + 1) {
            break;
        }
        out = match (out, place) {
            (Place::None, p) => p,
            (Place::Pdf { page, bbox: a }, Place::Pdf { page: p2, bbox: b }) if page == p2 => {
                Place::Pdf {
                    page,
                    bbox: [
                        a[0].min(b[0]),
                        a[1].min(b[1]),
                        a[2].max(b[2]),
                        a[3].max(b[3]),
                    ],
                }
            }
            (o, _) => o,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, place: Place) -> Span {
        Span {
            text: text.into(),
            place,
        }
    }

    #[test]
    fn a_row_renders_as_its_cells_joined_by_pipes_and_keeps_each_cells_place() {
        let at = |cell| Place::Docx {
            table: 1,
            row: 2,
            cell,
        };
        let layout = Layout {
            blocks: vec![
                Block::Line(vec![span("一、总体情况", Place::None)]),
                Block::Row(vec![
                    vec![span("行政许可", at(0))],
                    vec![span("12", at(1))],
                    vec![],
                    vec![span("3", at(3))],
                ]),
            ],
            pictures: Vec::new(),
        };
        let r = layout.render();
        assert_eq!(r.text, "一、总体情况\n| 行政许可 | 12 |  | 3 |\n");
        let twelve = r.text.find("12").unwrap();
        assert_eq!(r.place(twelve, twelve + 2), at(1));
        let three = r.text.rfind('3').unwrap();
        assert_eq!(r.place(three, three + 1), at(3));
    }

    #[test]
    fn a_pdf_span_over_several_pieces_gets_the_box_around_them() {
        let g = |x0: f32, x1: f32| Place::Pdf {
            page: 2,
            bbox: [x0, 100.0, x1, 110.0],
        };
        let layout = Layout {
            blocks: vec![Block::Row(vec![vec![
                span("1", g(10.0, 15.0)),
                span("2", g(15.0, 20.0)),
            ]])],
            pictures: Vec::new(),
        };
        let r = layout.render();
        assert_eq!(r.text, "| 12 |\n");
        // "12" stands at bytes 2..4, after the row's opening "| ".
        assert_eq!(r.place(2, 4), g(10.0, 20.0));
        assert_eq!(r.place(3, 4), g(15.0, 20.0));
    }

    #[test]
    fn line_breaks_inside_a_piece_do_not_split_its_row() {
        let layout = Layout {
            blocks: vec![Block::Row(vec![
                vec![span("行政\n许可", Place::None)],
                vec![span("1", Place::None)],
            ])],
            pictures: Vec::new(),
        };
        assert_eq!(layout.render().text, "| 行政 许可 | 1 |\n");
    }

    #[test]
    fn a_seal_or_a_logo_is_not_a_picture_of_a_table() {
        assert!(!table_sized(120.0, 120.0), "a seal");
        assert!(!table_sized(400.0, 40.0), "a banner");
        assert!(table_sized(430.0, 600.0), "a page-sized picture");
    }

    #[test]
    fn pictures_beside_tables_that_were_read_add_no_finding() {
        let pic = Place::Pdf {
            page: 1,
            bbox: [0.0, 0.0, 500.0, 700.0],
        };
        let unread = Report::unknown_format();
        assert!(tables_as_pictures(&unread, &[]).is_empty(), "no picture");
        let absent = tables_as_pictures(&unread, &[pic]);
        assert_eq!(absent.len(), 3);
        assert!(absent.iter().all(|f| f.code == Code::TableAbsent));
        let read = Report::empty(crate::schema::Format::F2021);
        assert!(tables_as_pictures(&read, &[pic]).is_empty());
    }
}
