//! Documents read from a file's structure (DOCX tables, PDF page geometry),
//! as blocks of text with their place in the file.
//!
//! A reader (the `docx` and `pdf` modules) turns its file into a [`Layout`]:
//! lines of text and table rows of cells, in reading order, each piece of text
//! with its [`Place`]. [`Layout::render`] writes it as the text the matcher
//! reads (a table row as its cells joined by ` | `, the layout scraped
//! tables come in), with a map from that text back to the places, so a cell's
//! [`Source`](crate::schema::Source) names its page and box, or its table, row
//! and cell.

/// Where a piece of text stands in the file it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) enum Place {
    /// Not known (text added by the reader).
    #[default]
    None,
    /// PDF: 1-based page, and the box of the glyphs `[x0, y0, x1, y1]` in PDF
    /// points, origin at the page's bottom left.
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
                    for (i, cell) in cells.iter().enumerate() {
                        if i > 0 {
                            r.push_plain(" | ");
                        }
                        for s in cell {
                            r.push(s);
                        }
                    }
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
        };
        let r = layout.render();
        assert_eq!(r.text, "一、总体情况\n行政许可 | 12 |  | 3\n");
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
        };
        let r = layout.render();
        assert_eq!(r.text, "12\n");
        assert_eq!(r.place(0, 2), g(10.0, 20.0));
        assert_eq!(r.place(1, 2), g(15.0, 20.0));
    }

    #[test]
    fn line_breaks_inside_a_piece_do_not_split_its_row() {
        let layout = Layout {
            blocks: vec![Block::Row(vec![
                vec![span("行政\n许可", Place::None)],
                vec![span("1", Place::None)],
            ])],
        };
        assert_eq!(layout.render().text, "行政 许可 | 1\n");
    }
}
