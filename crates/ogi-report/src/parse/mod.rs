//! Parsers: scraped text (every layout of docs/format.md) and HTML into a typed
//! [`Report`], with the source span of every cell.
//!
//! One matcher serves every layout: labels are found in a squeezed copy of the
//! text (width folded, spaces, pipes and quotes removed), and the values of a
//! row are the tokens between its label and the next one. Digits printed
//! without separators are split by the rules (the `solve` module); what cannot be
//! settled is ambiguous, never guessed.

mod doc;
#[cfg(feature = "docx")]
mod docx;
mod html;
mod labels;
#[cfg(feature = "pdf")]
mod pdf;
// Without a reader (features `docx`, `pdf`) only the refusals are used.
mod columns;
#[cfg_attr(not(any(feature = "docx", feature = "pdf")), allow(dead_code))]
mod layout;
mod meta;
mod period;
mod reading_order;
mod solve;
mod tokens;

use crate::cell::CellMut;
use crate::error::Error;
use crate::finding::{Code, Finding};
use crate::id::{CellId, RowId};
use crate::prose::{document_claims, ClaimKind};
use crate::report::{Report, SectionId};
use crate::schema::T3Col;
use crate::schema::{Format, TableId};
use crate::template::{EquationKind, Roles, Template, DOCUMENT_ROWS, OTHER_TOTAL_ROW};
use crate::text::Words;
use doc::{Area, Doc, Squeezed};
use solve::{Constraint, GaveUp, Padding, Run, Slot, Term};
use tokens::{value_tokens, Tok, TokKind};

/// What kind of source a report was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Plain text (any layout).
    Text,
    /// HTML.
    Html,
    /// A PDF file (text placed by its position on the page).
    Pdf,
    /// A Word file (DOCX: tables as rows and cells).
    Docx,
}

impl SourceKind {
    /// The name used in every interface: `text`, `html`, `pdf` or `docx`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Text => "text",
            SourceKind::Html => "html",
            SourceKind::Pdf => "pdf",
            SourceKind::Docx => "docx",
        }
    }
}

/// Which parser to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// Detect the input by its content: a PDF (`%PDF-`), a ZIP holding
    /// `word/document.xml` (DOCX), other binary files refused by name
    /// (legacy `.doc`/`.wps`, other ZIPs); else HTML by its tags, else text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// A PDF file.
    Pdf,
    /// A Word file (DOCX).
    Docx,
}

impl Kind {
    /// Reads `"auto"`, `"text"`, `"html"`, `"pdf"` or `"docx"`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "auto" => Some(Kind::Auto),
            "text" => Some(Kind::Text),
            "html" => Some(Kind::Html),
            "pdf" => Some(Kind::Pdf),
            "docx" => Some(Kind::Docx),
            _ => None,
        }
    }
}

/// A parsed report and what the parser noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The report.
    pub report: Report,
    /// Findings about the parse itself (`table.incomplete`, `input.unsupported`);
    /// [`crate::validate`] adds the rest.
    pub findings: Vec<Finding>,
    /// Text or HTML.
    pub kind: SourceKind,
    /// The encoding the bytes were decoded with (`UTF-8`, `GB18030`…).
    pub encoding: &'static str,
}

impl Parsed {
    /// The parse findings followed by every rule's findings. Input with no
    /// report in it (`input.no_report`) is not checked as a report: its one
    /// finding says so.
    pub fn check(&self) -> Vec<Finding> {
        let mut out = self.findings.clone();
        if !self.is_no_report() {
            // A parse finding with the same code and place as a rule's says
            // more (what the file held there), and stands for it.
            let said = |f: &Finding| {
                self.findings
                    .iter()
                    .any(|p| p.code == f.code && p.path == f.path)
            };
            out.extend(
                crate::validate(&self.report)
                    .into_iter()
                    .filter(|f| !said(f)),
            );
        }
        out
    }

    /// Did the input hold no report at all (finding `input.no_report`), or
    /// nothing readable (`input.unsupported`, `input.image_only`,
    /// `input.encrypted`, `input.damaged`)?
    pub fn is_no_report(&self) -> bool {
        self.findings.iter().any(|f| {
            matches!(
                f.code,
                Code::InputNoReport
                    | Code::InputUnsupported
                    | Code::InputImageOnly
                    | Code::InputEncrypted
                    | Code::InputDamaged
            )
        })
    }
}

/// Parses text or HTML (detected by its tags).
pub fn parse(source: &str) -> Parsed {
    if html::looks_like_html(source) {
        parse_html(source)
    } else {
        parse_text(source)
    }
}

/// Parses a report from scraped text, whatever its layout.
pub fn parse_text(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (report, findings) = parse_doc(Doc::plain(text));
    Parsed {
        report,
        findings,
        kind: SourceKind::Text,
        encoding: "UTF-8",
    }
}

/// Parses a document read from a file's structure (PDF, DOCX).
#[cfg_attr(not(any(feature = "docx", feature = "pdf")), allow(dead_code))]
fn parse_layout(layout: &layout::Layout, kind: SourceKind) -> Parsed {
    let (report, mut findings) = parse_doc(Doc::laid_out(layout.render()));
    if !findings.iter().any(|f| f.code == Code::InputNoReport) {
        findings.extend(layout::tables_as_pictures(&report, &layout.pictures));
    }
    Parsed {
        report,
        findings,
        kind,
        encoding: "UTF-8",
    }
}

/// Parses a report from HTML (tables with rowspan/colspan, Word markup, entities).
///
/// In a build without the `html` feature, this reads nothing: the report has
/// no tables and the one finding is `input.unsupported`.
#[cfg(feature = "html")]
pub fn parse_html(html: &str) -> Parsed {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let (text, segs) = html::render(html);
    let (mut report, mut findings) = parse_doc(Doc::rendered(text, segs, html));
    let no_report = findings.iter().any(|f| f.code == Code::InputNoReport);
    if let Some(title) = html::page_title(html).filter(|_| !no_report) {
        findings.extend(meta::with_page_title(&mut report.meta, &title));
    }
    Parsed {
        report,
        findings,
        kind: SourceKind::Html,
        encoding: "UTF-8",
    }
}

/// Parses a report from HTML (tables with rowspan/colspan, Word markup, entities).
///
/// In a build without the `html` feature, this reads nothing: the report has
/// no tables and the one finding is `input.unsupported`.
#[cfg(not(feature = "html"))]
pub fn parse_html(html: &str) -> Parsed {
    let report = Report::unknown_format();
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let line = html.split('\n').next().unwrap_or("");
    let head: String = line.chars().take(40).collect();
    Parsed {
        report,
        findings: vec![Finding::new(
            Code::InputUnsupported,
            "",
            format!("输入为 HTML（以“{head}”开头），此构建未包含 HTML 解析，未读取任何内容"),
            format!(
                "the input is HTML (it starts {head:?}) and this build reads text only, without HTML support: nothing was read"
            ),
        )],
        kind: SourceKind::Html,
        encoding: "UTF-8",
    }
}

/// Decodes bytes (UTF-8 with or without BOM, UTF-16 with BOM, else GB18030)
/// and parses them. Fails only on input that is not text at all.
///
/// Bytes that are not UTF-8 and hold no report read as GB18030 are read as
/// Big5 too (traditional Chinese); the `input.no_report` finding of bytes
/// not in UTF-8 names the encodings tried.
///
/// Files are told by their content, not their name ([`Kind::Auto`]): a PDF
/// (`%PDF-` in its first 1024 bytes) and a DOCX (a ZIP holding
/// `word/document.xml`) are read by their structure; a legacy Word or WPS file
/// (an OLE2 compound file) and any other ZIP (xlsx, odt…) are refused with one
/// `input.unsupported` finding naming what they are, never read as text. A
/// file that holds nothing readable (damaged, encrypted, a scan) gives one
/// error finding and a report with no tables (`format: null`).
pub fn parse_bytes(bytes: &[u8], kind: Kind) -> Result<Parsed, Error> {
    match kind {
        Kind::Pdf => return Ok(read_pdf(bytes)),
        Kind::Docx => return Ok(read_docx(bytes)),
        Kind::Auto => {
            if let Some(p) = read_binary(bytes) {
                return Ok(p);
            }
        }
        Kind::Text | Kind::Html => {}
    }
    let (text, encoding) = decode(bytes)?;
    let run = |text: &str| match kind {
        Kind::Html => parse_html(text),
        Kind::Text => parse_text(text),
        _ => parse(text),
    };
    let mut parsed = run(&text);
    parsed.encoding = encoding;
    if !parsed.is_no_report() || encoding.starts_with("UTF-") {
        return Ok(parsed);
    }
    let mut tried = vec![encoding];
    if encoding == encoding_rs::GB18030.name() {
        let (big5, _, had_errors) = encoding_rs::BIG5.decode(bytes);
        if !had_errors && check_text(&big5).is_ok() {
            let mut p = run(&big5);
            p.encoding = encoding_rs::BIG5.name();
            if !p.is_no_report() {
                return Ok(p);
            }
            tried.push(encoding_rs::BIG5.name());
        }
    }
    let tried = tried.join(", ");
    for f in parsed
        .findings
        .iter_mut()
        .filter(|f| f.code == Code::InputNoReport)
    {
        f.message
            .push_str(&format!("（输入不是 UTF-8，按 {tried} 解读）"));
        f.message_en
            .push_str(&format!(" (the input is not UTF-8; read as {tried})"));
    }
    Ok(parsed)
}

/// Reads a file that is not text, told by its content: `None` for text.
fn read_binary(bytes: &[u8]) -> Option<Parsed> {
    if is_pdf(bytes) {
        return Some(read_pdf(bytes));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(read_docx(bytes));
    }
    if bytes.starts_with(&OLE2) {
        return Some(read_ole2(bytes));
    }
    None
}

/// The signature of an OLE2 compound file (legacy Office and WPS files).
const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Is it a PDF? `%PDF-` at the start, or within the first 1024 bytes (after
/// junk, as PDF readers allow) of a file that is not text or ends as a PDF.
fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let Some(at) = find_bytes(head, b"%PDF-") else {
        return false;
    };
    at == 0
        || find_bytes(&bytes[bytes.len().saturating_sub(1024)..], b"%%EOF").is_some()
        || std::str::from_utf8(bytes).is_err()
        || bytes.contains(&0)
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// What a ZIP archive is, by the names of its entries (stored uncompressed in
/// its headers): whether it is a DOCX, and what it is in English and Chinese.
pub(crate) fn zip_kind(bytes: &[u8]) -> (bool, &'static str, &'static str) {
    let has = |n: &[u8]| find_bytes(bytes, n).is_some();
    if has(b"word/document.xml") {
        (true, "a Word document (.docx)", "Word 文档（.docx）")
    } else if has(b"xl/workbook.xml") {
        (false, "an Excel workbook (.xlsx)", "Excel 工作簿（.xlsx）")
    } else if has(b"ppt/presentation.xml") {
        (
            false,
            "a PowerPoint presentation (.pptx)",
            "PowerPoint 演示文稿（.pptx）",
        )
    } else if has(b"application/vnd.oasis.opendocument.text") {
        (
            false,
            "an OpenDocument text (.odt)",
            "OpenDocument 文本（.odt）",
        )
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet") {
        (
            false,
            "an OpenDocument spreadsheet (.ods)",
            "OpenDocument 电子表格（.ods）",
        )
    } else if has(b"OFD.xml") {
        (false, "an OFD document (.ofd)", "OFD 版式文件（.ofd）")
    } else {
        (false, "a ZIP archive", "ZIP 压缩文件")
    }
}

/// One `input.unsupported` finding for a file of a kind not read: what it is
/// (in Chinese and English) and what to do.
fn refuse_format(zh: &str, en: &str, kind: SourceKind) -> Parsed {
    layout::refused(
        Finding::new(
            Code::InputUnsupported,
            "",
            format!("输入为{zh}，无法读取，未读取任何内容，未作为报告检查；请在 Word 或 WPS 中另存为 DOCX 或 PDF 后再检查"),
            format!("the input is {en}, which is not read: nothing was read and it was not checked as a report; save it as DOCX or PDF (in Word or WPS) and check that"),
        ),
        kind,
    )
}

/// A legacy Office or WPS file (OLE2 compound file), named by its streams.
fn read_ole2(bytes: &[u8]) -> Parsed {
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let has = |s: &str| find_bytes(bytes, &utf16(s)).is_some();
    if has("EncryptedPackage") {
        // A password-protected DOCX (or xlsx) is an OLE2 file holding the
        // encrypted package.
        return layout::unreadable(layout::Unreadable::Encrypted, SourceKind::Docx);
    }
    let (zh, en) = if has("WordDocument") {
        (
            "旧版 Word 97-2003 文档（.doc）或 WPS 文字文档（.wps）",
            "a legacy Word 97-2003 (.doc) or WPS Writer (.wps) document",
        )
    } else if has("Workbook") || has("Book") {
        (
            "旧版 Excel 工作簿（.xls 或 .et）",
            "a legacy Excel workbook (.xls or .et)",
        )
    } else if has("PowerPoint Document") {
        (
            "旧版 PowerPoint 演示文稿（.ppt）",
            "a legacy PowerPoint presentation (.ppt)",
        )
    } else {
        (
            "旧版 Office 或 WPS 文件（OLE2 复合文档，如 .doc、.wps）",
            "a legacy Office or WPS file (an OLE2 compound file, such as .doc or .wps)",
        )
    };
    refuse_format(zh, en, SourceKind::Docx)
}

/// Reads a PDF by the geometry of its pages (`pdf` module).
#[cfg(feature = "pdf")]
fn read_pdf(bytes: &[u8]) -> Parsed {
    match pdf::read(bytes) {
        Ok(l) => parse_layout(&l, SourceKind::Pdf),
        Err(u) => layout::unreadable(u, SourceKind::Pdf),
    }
}

/// Reads a PDF: this build has no PDF reader (feature `pdf` off), so a PDF
/// is one `input.unsupported` finding.
#[cfg(not(feature = "pdf"))]
fn read_pdf(_bytes: &[u8]) -> Parsed {
    refuse_format(
        "PDF 文件，此构建不读取 PDF",
        "a PDF file, and this build does not read PDF",
        SourceKind::Pdf,
    )
}

/// Reads a DOCX (a ZIP of anything else is refused, naming it).
#[cfg(feature = "docx")]
fn read_docx(bytes: &[u8]) -> Parsed {
    let (is_docx, en, zh) = zip_kind(bytes);
    if !is_docx && bytes.starts_with(b"PK\x03\x04") {
        return refuse_format(zh, en, SourceKind::Docx);
    }
    match docx::read(bytes) {
        Ok(l) => parse_layout(&l, SourceKind::Docx),
        Err(u) => layout::unreadable(u, SourceKind::Docx),
    }
}

/// Reads a DOCX: this build has no DOCX reader (feature `docx` off), so a
/// DOCX, like any other ZIP, is one `input.unsupported` finding.
#[cfg(not(feature = "docx"))]
fn read_docx(bytes: &[u8]) -> Parsed {
    let (docx, en, zh) = zip_kind(bytes);
    if docx {
        refuse_format(
            &format!("{zh}，此构建不读取 DOCX"),
            &format!("{en}, and this build does not read DOCX"),
            SourceKind::Docx,
        )
    } else {
        refuse_format(zh, en, SourceKind::Docx)
    }
}

/// Decodes bytes to text; says which encoding was used.
///
/// A byte order mark says UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE).
pub fn decode(bytes: &[u8]) -> Result<(std::borrow::Cow<'_, str>, &'static str), Error> {
    // UTF-32 first: its little-endian mark starts like UTF-16's.
    for (bom, name, le) in [
        (&[0xFF, 0xFE, 0, 0][..], "UTF-32LE", true),
        (&[0, 0, 0xFE, 0xFF][..], "UTF-32BE", false),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let text = decode_utf32(rest, le).map_err(|at| {
                let before = decode_utf32(&rest[..at], le).unwrap_or_default();
                let (line, column) = line_column(&before, before.len());
                Error::Parse {
                    line,
                    column,
                    message: format!(
                        "not text in {name}: an invalid code unit at byte {}",
                        at + 4
                    ),
                }
            })?;
            check_text(&text)?;
            return Ok((std::borrow::Cow::Owned(text), name));
        }
    }
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            check_text(&text)?;
            return Ok((text, enc.name()));
        }
    }
    // UTF-8 (the common case) is read in place, without a copy. The SIMD check
    // says only whether it is valid; the decoders below find where it is not.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return check_text(s).map(|()| (std::borrow::Cow::Borrowed(s), "UTF-8"));
    }
    // Declared charset in HTML, else GB18030 (a superset of GBK and GB2312).
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head
        .find("charset=")
        .map(|i| {
            head[i + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let enc = declared
        .filter(|e| *e != encoding_rs::UTF_8)
        .unwrap_or(encoding_rs::GB18030);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        let valid = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        let column = valid
            - bytes[..valid]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        return Err(Error::Parse {
            line,
            column,
            message: format!("not text in UTF-8 or {}: undecodable bytes", enc.name()),
        });
    }
    check_text(&text)?;
    Ok((text, enc.name()))
}

/// UTF-32 code units to text; `Err` holds the offset of the first invalid unit.
fn decode_utf32(bytes: &[u8], le: bool) -> Result<String, usize> {
    let mut out = String::with_capacity(bytes.len() / 2);
    for (k, unit) in bytes.chunks(4).enumerate() {
        let c = <[u8; 4]>::try_from(unit)
            .ok()
            .map(|u| {
                if le {
                    u32::from_le_bytes(u)
                } else {
                    u32::from_be_bytes(u)
                }
            })
            .and_then(char::from_u32)
            .ok_or(k * 4)?;
        out.push(c);
    }
    Ok(out)
}

/// The line and column (both from 1, the column in bytes) of byte `i` of `s`.
fn line_column(s: &str, i: usize) -> (usize, usize) {
    let line = s[..i].matches('\n').count() + 1;
    let column = s[..i].rfind('\n').map_or(i, |p| i - p - 1) + 1;
    (line, column)
}

/// Text with NUL bytes is binary (a PDF, an image), not a report.
fn check_text(s: &str) -> Result<(), Error> {
    if let Some(i) = memchr::memchr(0, s.as_bytes()) {
        let (line, column) = line_column(s, i);
        return Err(Error::Parse {
            line,
            column,
            message: "binary input (NUL byte): not a text report".into(),
        });
    }
    Ok(())
}

/// Regions of the text, as byte ranges of the parsed text.
struct Regions {
    t2: Option<(usize, usize)>,
    t3: Option<(usize, usize)>,
    t4: Option<(usize, usize)>,
}

fn regions(doc: &Doc<'_>, sq: &Squeezed, heads: &meta::Headings) -> Regions {
    let text = &doc.text;
    let find = |pats: &[&str]| -> Option<usize> {
        pats.iter()
            .filter_map(|p| sq.find_first(p).map(|s| s.0))
            .min()
    };
    let t2 = heads
        .end_of(SectionId::Proactive)
        .or_else(|| find(&["第二十条"]));
    let t3 = heads
        .end_of(SectionId::Requests)
        .or_else(|| find(&["勾稽关系", "申请人情况", "本年新收政府信息公开申请数量"]));
    let t4 = heads.end_of(SectionId::ReviewLitigation).or_else(|| {
        let at = find(&labels::T4_HEADER)?;
        let before = &text[..at];
        Some(
            before
                .rfind("行政复议")
                .filter(|&p| at - p < 400)
                .unwrap_or(at),
        )
    });
    let mut bounds: Vec<usize> = [
        t2,
        t3,
        t4,
        heads.start_of(SectionId::Problems),
        heads.start_of(SectionId::Other),
    ]
    .into_iter()
    .flatten()
    .collect();
    // A heading's start also bounds the region before it.
    bounds.extend(
        [SectionId::Requests, SectionId::ReviewLitigation]
            .into_iter()
            .filter_map(|s| heads.start_of(s)),
    );
    bounds.push(text.len());
    bounds.sort_unstable();
    let end_after = |s: usize| {
        bounds
            .iter()
            .copied()
            .find(|&b| b > s)
            .unwrap_or(text.len())
    };
    Regions {
        t2: t2.map(|s| (s, end_after(s))),
        t3: t3.map(|s| (s, end_after(s))),
        t4: t4.map(|s| (s, end_after(s))),
    }
}

/// The tables' format, and whether words of the text showed it (not the
/// year alone).
fn detect_format(sq: &Squeezed, year: Option<i32>) -> (Format, bool) {
    let score = |words: &Words| words.each_found(&sq.s).count();
    let (a, b) = (score(&labels::WORDS_2021), score(&labels::WORDS_2019));
    let notice = |k: usize| labels::FORMAT_NOTICES.has(k, &sq.s);
    if a > b {
        (Format::F2021, true)
    } else if b > a || (notice(0) && !notice(1)) {
        (Format::F2019, true)
    } else {
        (year.map_or(Format::F2021, Format::for_year), false)
    }
}

/// Cuts a list number (`2.` / `2、`) that belongs to the next label off the end of a value range.
fn strip_marker(text: &str, start: usize, end: usize, marker: Option<u8>) -> usize {
    let Some(m) = marker else { return end };
    let s = &text[start..end];
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || c == '|');
    // List numbers run from 1 to 8: one digit, ASCII or full-width.
    let (Some(digit), Some(wide)) = (
        char::from_digit(u32::from(m), 10),
        char::from_u32(0xFF10 + u32::from(m)).filter(|_| m < 10),
    ) else {
        return end;
    };
    // The number before the dot or the closing bracket, in either width.
    let number = |rest: &str| -> Option<usize> {
        let rest = rest.trim_end();
        rest.strip_suffix(digit)
            .or_else(|| rest.strip_suffix(wide))
            .map(str::len)
    };
    for dot in [".", "、", "．"] {
        // In concatenated text the previous row's digits run straight into
        // the number ("00000002."): the marker is cut all the same.
        if let Some(before) = t.strip_suffix(dot).and_then(number) {
            return start + before;
        }
    }
    // "(2)" and "（2）".
    for (open, close) in [("(", ")"), ("（", "）")] {
        let inside = t.strip_suffix(close).and_then(number);
        if let Some(before) = inside.and_then(|n| t[..n].trim_end().strip_suffix(open)) {
            return start + before.len();
        }
    }
    end
}

/// An anchor: a row found at a span of the text.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    row: usize,
    start: usize,
    end: usize,
}

/// Chooses one occurrence per row so that the chosen rows appear in
/// template order, as many as possible (ties prefer later occurrences).
fn align(occ: &[Vec<(usize, usize)>]) -> Vec<Anchor> {
    let mut nodes: Vec<(usize, usize, usize)> = Vec::new(); // (row, start, end)
    for (r, list) in occ.iter().enumerate() {
        for &(s, e) in list.iter().take(64) {
            nodes.push((r, s, e));
        }
    }
    let n = nodes.len();
    let mut best: Vec<(usize, Option<usize>)> = vec![(1, None); n];
    for i in 0..n {
        for j in 0..n {
            let (rj, sj, ej) = nodes[j];
            let (ri, si, _) = nodes[i];
            if rj < ri && ej <= si {
                let cand = best[j].0 + 1;
                let better = cand > best[i].0
                    || (cand == best[i].0 && best[i].1.is_some_and(|p| nodes[p].1 < sj));
                if better {
                    best[i] = (cand, Some(j));
                }
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (best[i].0, nodes[i].1)) else {
        return Vec::new();
    };
    let mut out = vec![Anchor {
        row: nodes[at].0,
        start: nodes[at].1,
        end: nodes[at].2,
    }];
    while let Some(p) = best[at].1 {
        at = p;
        out.push(Anchor {
            row: nodes[at].0,
            start: nodes[at].1,
            end: nodes[at].2,
        });
    }
    out.reverse();
    out
}

/// Rows whose label is not found whole because a narrow column wraps it
/// around other columns' text (`pdftotext -layout` prints "2.没有现成信息需要"
/// beside the row's values and "另行制作" on a line below): such a row is found
/// by its list number and the first half of its label, between the rows found
/// before and after it; a row found only by the tail of its label moves up to
/// that beginning, where its values are printed. Otherwise the row above
/// would take its values as its own. Only labels of at least 8 characters are
/// looked for so.
fn with_wrapped_labels(
    sq: &Squeezed,
    region: (usize, usize),
    patterns: &[(&[&str], Option<u8>)],
    whole: &[bool],
    anchors: Vec<Anchor>,
) -> Vec<Anchor> {
    // The beginning of row r's label with its list number, in (lo, hi).
    let beginning = |r: usize, lo: usize, hi: usize| -> Option<(usize, usize)> {
        let (pats, marker) = patterns.get(r)?;
        let (label, marker) = (pats.first()?, (*marker)?);
        let chars: Vec<char> = label.chars().collect();
        if chars.len() < 8 {
            return None;
        }
        let half: String = chars[..chars.len() / 2].iter().collect();
        [".", "、"]
            .iter()
            .find_map(|sep| sq.find_first_in(&format!("{marker}{sep}{half}"), (lo, hi)))
    };
    let mut out: Vec<Anchor> = Vec::with_capacity(anchors.len());
    let ends = anchors
        .iter()
        .map(|a| Some(*a))
        .chain(std::iter::once(None));
    for next in ends {
        let (row, start) = next.map_or((patterns.len(), region.1), |a| (a.row, a.start));
        let mut lo = out.last().map_or(region.0, |a| a.end);
        if let Some(prev_row) = out.last().map(|a| a.row) {
            for r in prev_row + 1..row {
                if let Some((s, e)) = beginning(r, lo, start) {
                    out.push(Anchor {
                        row: r,
                        start: s,
                        end: e,
                    });
                    lo = e;
                }
            }
        }
        if let Some(a) = next {
            // A row found by its whole label is where its label is.
            let wrapped = !whole.get(a.row).copied().unwrap_or(false);
            let moved = wrapped.then(|| beginning(a.row, lo, a.start)).flatten();
            let moved = moved.map(|(s, e)| Anchor {
                row: a.row,
                start: s,
                end: e,
            });
            out.push(moved.unwrap_or(a));
        }
    }
    out
}

/// Occurrences of the first pattern (of several) found inside a region.
fn occurrences(sq: &Squeezed, pats: &[&str], area: &Area) -> Vec<(usize, usize)> {
    first_occurrences(sq, pats, area, |_| true).1
}

/// The occurrences that `keep` keeps of the first of `pats` that has any, and
/// its index in `pats`.
fn first_occurrences(
    sq: &Squeezed,
    pats: &[&str],
    area: &Area,
    keep: impl Fn(&(usize, usize)) -> bool,
) -> (usize, Vec<(usize, usize)>) {
    for (i, p) in pats.iter().enumerate() {
        let mut v = sq.find_with(&labels::finder(p), area);
        v.retain(&keep);
        if !v.is_empty() {
            return (i, v);
        }
    }
    (pats.len(), Vec::new())
}

/// Does a figure with its unit follow `at` ("2件", "12 条", "0 件",
/// "12.5万元"): a sentence's figure, where a table's row has bare values?
fn counted_in_words(text: &str, at: usize) -> bool {
    const SPACES: [char; 3] = [' ', '\u{3000}', '\u{a0}'];
    // Not 元 alone: the 2019 table prints its procurement amount with it
    // ("政府集中采购2832995元"), as a cell.
    const UNITS: [&str; 7] = ["件", "条", "个", "项", "次", "份", "万元"];
    /// The length of the digits (any width) `s` starts with.
    fn digits(s: &str) -> usize {
        s.char_indices()
            .find(|&(_, c)| !crate::text::fold_char(c).is_ascii_digit())
            .map_or(s.len(), |(i, _)| i)
    }
    let rest = text.get(at..).unwrap_or("");
    let rest = rest.trim_start_matches(SPACES);
    let whole = digits(rest);
    if whole == 0 {
        return false;
    }
    let mut rest = &rest[whole..];
    // A decimal part ("12.5万元").
    if let Some(after) = rest.strip_prefix(['.', '．']) {
        let fraction = digits(after);
        if fraction > 0 {
            rest = &after[fraction..];
        }
    }
    let rest = rest.trim_start_matches(SPACES);
    UNITS.iter().any(|u| rest.starts_with(u))
}

/// Each row and its cells, from the template.
fn row_cells(
    tpl: &'static Template,
    rows: impl Iterator<Item = RowId>,
    cells: &[Vec<usize>],
) -> Vec<TableRow> {
    rows.zip(cells)
        .map(|(r, pos)| (Some(r), pos.iter().map(|&i| tpl.ids[i]).collect()))
        .collect()
}

/// A row and its cells; the row `None` is a whole table (table 4, read as one run).
type TableRow = (Option<RowId>, Vec<CellId>);

/// The rows of one table: their cells and the tokens read for each.
struct TableRows {
    rows: Vec<TableRow>,
    toks: Vec<Option<Vec<Tok>>>,
    /// Numbers printed in the table before its first row label.
    numbers_before: usize,
}

fn read_rows(
    doc: &Doc<'_>,
    sq: &Squeezed,
    region: (usize, usize),
    rows: Vec<TableRow>,
    patterns: &[(&[&str], Option<u8>)],
    ordered: bool,
) -> TableRows {
    // A label that a count in words follows ("予以公开2件") is a sentence
    // of the prose, not a row of the table.
    // Whether each row was found by its whole label (its first pattern).
    let mut whole = vec![false; patterns.len()];
    let area = sq.area(region);
    let occ: Vec<Vec<(usize, usize)>> = patterns
        .iter()
        .zip(&mut whole)
        .map(|((p, _), whole)| {
            // A label found only in sentences is looked for by its next pattern
            // ("行政规范性文件 12 件。" in the prose, "规范性文件" in the table).
            let (i, v) =
                first_occurrences(sq, p, &area, |&(_, end)| !counted_in_words(&doc.text, end));
            *whole = i == 0;
            v
        })
        .collect();
    let mut anchors: Vec<Anchor> = if ordered {
        align(&occ)
    } else {
        let mut v: Vec<Anchor> = occ
            .iter()
            .enumerate()
            .filter_map(|(r, o)| {
                o.first().map(|&(s, e)| Anchor {
                    row: r,
                    start: s,
                    end: e,
                })
            })
            .collect();
        v.sort_by_key(|a| a.start);
        // Overlapping finds (a label inside another): keep the first.
        let mut kept: Vec<Anchor> = Vec::new();
        for a in v {
            if kept.last().is_none_or(|k| k.end <= a.start) {
                kept.push(a);
            }
        }
        kept
    };
    anchors.sort_by_key(|a| a.start);
    if ordered {
        anchors = with_wrapped_labels(sq, region, patterns, &whole, anchors);
    }
    let mut toks: Vec<Option<Vec<Tok>>> = vec![None; rows.len()];
    for (i, a) in anchors.iter().enumerate() {
        let (next_start, next_marker) = anchors
            .get(i + 1)
            .map_or((region.1, None), |n| (n.start, patterns[n.row].1));
        // A "、" glued to the label is the label's own (a label wrapped after
        // "逾期不补正、"), not a cell's mark.
        let start =
            a.end + doc.text[a.end..].len() - doc.text[a.end..].trim_start_matches('、').len();
        let end = strip_marker(&doc.text, start, next_start.max(start), next_marker);
        // Digits glued to the rest of the row's own label ("…公开申请0000000") are values.
        let glue = |_: &str, word_start: usize| word_start == start;
        let mut list = value_tokens(&doc.text, doc.lines(), start, end, &glue);
        if list.is_empty() {
            blank_paragraph_row(&doc.text, (start, end), rows[a.row].1.len(), &mut list);
        }
        toks[a.row] = Some(list);
    }
    let mut numbers_before = anchors.first().map_or(0, |a| {
        value_tokens(&doc.text, doc.lines(), region.0, a.start, &|_: &str, _| {
            false
        })
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Num { .. }))
        .count()
    });
    if numbers_before > 0 {
        if let Some(before) = values_before_labels(doc, region, &anchors, &rows, &toks, patterns) {
            toks = before;
            numbers_before = 0;
        }
    }
    if ordered {
        if let Some(first) = anchors.first() {
            columns::place_by_columns(doc, (region.0, first.start), &rows, &mut toks);
        }
    }
    TableRows {
        rows,
        toks,
        numbers_before,
    }
}

/// The rows' values when the rows print them before their labels, as a PDF
/// extractor may write a row whose label cell is taller than its values:
/// "0 0 0", "规章", "3 0 8", "行政规范性文件". Read after the labels, each row
/// would take the next row's values with confidence.
///
/// Told by numbers before the first label, exactly as many values as the
/// first row has cells, and the last row's label with no value after it.
/// Each row then takes the values before its label (after the label above)
/// when they are not the row above's; a row with none there takes those
/// after its label (a label wrapped around its values). Every row found must
/// so hold exactly as many values as it has cells, or the table is read as
/// before.
fn values_before_labels(
    doc: &Doc<'_>,
    region: (usize, usize),
    anchors: &[Anchor],
    rows: &[TableRow],
    toks: &[Option<Vec<Tok>>],
    patterns: &[(&[&str], Option<u8>)],
) -> Option<Vec<Option<Vec<Tok>>>> {
    let last = anchors.last()?;
    let last_bare = toks[last.row]
        .as_ref()
        .is_none_or(|t| !t.iter().any(Tok::is_filled));
    if !last_bare || anchors.len() < 2 {
        return None;
    }
    let filled = |t: &[Tok]| t.iter().filter(|k| k.is_filled()).count();
    let mut before: Vec<Option<Vec<Tok>>> = vec![None; rows.len()];
    // Where the values not yet taken by a row begin.
    let mut from = region.0;
    for (i, a) in anchors.iter().enumerate() {
        let cells = rows[a.row].1.len();
        let end = strip_marker(&doc.text, from, a.start.max(from), patterns[a.row].1);
        let mut t = run_of_values(doc, from, end, true);
        if i == 0 && filled(&t) != cells {
            return None;
        }
        from = a.end;
        if t.is_empty() {
            let next = anchors.get(i + 1).map_or(region.1, |n| n.start);
            t = run_of_values(doc, a.end, next.max(a.end), false);
            from = t.last().map_or(from, |k| k.end.max(from));
        }
        if filled(&t) != cells {
            return None;
        }
        before[a.row] = Some(t);
    }
    Some(before)
}

/// The values of one run of lines that hold a number in `from..end`: the
/// last run (`last`), just before a label, so that a group's label printed
/// above a row's values one character a line ("三", "、", "本"…) is not read
/// among them; or the first, just after a label, so that the next row's
/// values printed before its own label are not.
fn run_of_values(doc: &Doc<'_>, from: usize, end: usize, last: bool) -> Vec<Tok> {
    let no_glue = |_: &str, _: usize| false;
    let lines = doc.lines();
    let (mut run, mut gap_after) = ((from, end), None);
    let mut numbers_seen = false;
    let mut i = lines.index_of(from);
    while let Some(line) = lines.get(i).filter(|l| l.start < end) {
        let (s, e) = (line.start.max(from), line.end.min(end));
        let numbers = value_tokens(&doc.text, lines, s, e, &no_glue)
            .iter()
            .any(|t| matches!(t.kind, TokKind::Num { .. }));
        if !numbers {
            if !last && numbers_seen {
                run.1 = s;
                break;
            }
            gap_after = Some((line.end + 1).min(end));
        } else {
            if !numbers_seen && !last {
                run.0 = s;
            }
            numbers_seen = true;
            if let Some(g) = gap_after.take().filter(|_| last) {
                run.0 = g;
            }
        }
        i += 1;
    }
    value_tokens(&doc.text, lines, run.0, run.1, &no_glue)
}

/// Does this 2021-format table 3 print (六)其他处理 as one row, as the 2019
/// format does (its label, and none of its sub-rows 1.–3.)? Then that row is
/// read as the group's total, [`OTHER_TOTAL_ROW`], in place of the sub-rows.
fn other_as_one_row(
    sq: &Squeezed,
    region: (usize, usize),
    tpl: &Template,
    pats: &[(&'static [&'static str], Option<u8>)],
) -> bool {
    let area = sq.area(region);
    let subs_found = Roles::of(Format::F2021)
        .other_rows
        .iter()
        .filter_map(|r| tpl.t3_rows.iter().position(|x| x == r))
        .any(|i| !occurrences(sq, pats[i].0, &area).is_empty());
    !subs_found && !occurrences(sq, &[labels::OTHER_AS_ONE_ROW], &area).is_empty()
}

/// Each row's label patterns, and the list marker its values may run into.
type RowPatterns = Vec<(&'static [&'static str], Option<u8>)>;

/// The rows of table 3 to look for: the national format's, or, when the
/// table prints (六)其他处理 as one row (`one_row`), that row as the group's
/// total in place of the three sub-rows.
fn t3_rows_read(
    tpl: &'static Template,
    format: Format,
    one_row: bool,
) -> (Vec<TableRow>, RowPatterns) {
    let mut rows = Vec::with_capacity(tpl.t3_rows.len());
    let mut pats = Vec::with_capacity(tpl.t3_rows.len());
    let all = row_cells(
        tpl,
        tpl.t3_rows.iter().map(|&r| RowId::T3(r)),
        &tpl.t3_row_cells,
    );
    let subs = Roles::of(format).other_rows;
    for ((row, cells), &t3row) in all.into_iter().zip(&tpl.t3_rows) {
        let pat = if t3row == OTHER_TOTAL_ROW {
            if !one_row {
                continue;
            }
            (&[labels::OTHER_AS_ONE_ROW][..], None)
        } else if one_row && subs.contains(&t3row) {
            continue;
        } else {
            labels::t3_row(t3row)
        };
        rows.push((row, cells));
        pats.push(pat);
    }
    (rows, pats)
}

/// Marks the (六) sub-rows absent (a table printing the group as one row has
/// none: not missing, not zero), and gives the one warning that the table
/// departs from the national format.
fn other_row_finding(report: &mut Report) -> Finding {
    for row in Roles::of(Format::F2021).other_rows {
        for &c in T3Col::ALL {
            if let Some(mut cell) = report.cell_mut(row.cell(c)) {
                cell.set_absent(crate::cell::ABSENT_OTHER_AS_ONE_ROW);
            }
        }
    }
    let mut f = Finding::new(
        Code::FormatMixed,
        RowId::T3(crate::id::T3Row::Other).path(),
        "表三把“（六）其他处理”印为一行（2019 年格式的印法），没有 2021 年格式的 1.–3. 分项：该行读作这一组的合计，三个分项记为不存在（不是 0）；（七）总计的等式以这一合计代替三个分项校验"
            .into(),
        "table 3 prints (六)其他处理 as one row, as the 2019 format did, without the 2021 format's sub-rows 1.–3.: the row is read as the group's total and the sub-rows are absent (not zero); the outcome totals are checked with that total standing for the sub-rows"
            .into(),
    )
    .related_cells(T3Col::ALL.iter().map(|&c| OTHER_TOTAL_ROW.cell(c)));
    f.source = T3Col::ALL
        .iter()
        .find_map(|&c| report.sources.get(&OTHER_TOTAL_ROW.cell(c)).copied());
    f
}

/// Gives the surplus of a row that holds several rows' values to the rows
/// after it whose labels were not found (labels lost in PDF extraction).
fn distribute_surplus(t: &mut TableRows) {
    for r in 0..t.rows.len() {
        let n = t.rows[r].1.len();
        let following = (r + 1..t.rows.len())
            .take_while(|&k| t.toks[k].is_none())
            .count();
        let Some(list) = &t.toks[r] else {
            continue;
        };
        if following == 0 || list.iter().filter(|x| x.is_filled()).count() < 2 * n {
            continue;
        }
        let filled: Vec<Tok> = list.iter().filter(|x| x.is_filled()).cloned().collect();
        for (g, chunk) in filled.chunks(n).enumerate().take(following + 1) {
            if chunk.len() == n {
                t.toks[r + g] = Some(chunk.to_vec());
            }
        }
    }
}

/// The table equations as constraints, built once per format.
fn base_constraints(format: Format) -> &'static [Constraint] {
    static C2021: std::sync::OnceLock<Vec<Constraint>> = std::sync::OnceLock::new();
    static C2019: std::sync::OnceLock<Vec<Constraint>> = std::sync::OnceLock::new();
    let cell = match format {
        Format::F2021 => &C2021,
        Format::F2019 => &C2019,
    };
    cell.get_or_init(|| equation_constraints(format))
}

/// The table equations of `format` as constraints (and, in the 2021 format,
/// that no more documents are issued than are in force or abolished).
fn equation_constraints(format: Format) -> Vec<Constraint> {
    let tpl = Template::get(format);
    let mut out: Vec<Constraint> = tpl
        .equations
        .iter()
        .map(|e| Constraint {
            lhs: e.lhs.iter().map(|&c| Term::Cell(c)).collect(),
            rhs: e.rhs.iter().map(|&c| Term::Cell(c)).collect(),
            le: false,
            soft: false,
        })
        .collect();
    debug_assert!(tpl
        .equations
        .iter()
        .any(|e| e.kind == EquationKind::T4GroupTotal));
    let roles = Roles::of(format);
    if let Some(removed) = roles.documents_removed {
        for row in DOCUMENT_ROWS {
            let cell = |c| Term::Cell(row.cell(c));
            out.push(Constraint {
                lhs: vec![cell(roles.documents_made)],
                rhs: vec![cell(roles.documents_stock), cell(removed)],
                le: true,
                soft: false,
            });
        }
    }
    out
}

/// The figures the prose states for cells of table 2 (normative documents
/// issued and in force), as soft constraints: each cell equals its figure.
fn claim_constraints(format: Format, claims: &[(ClaimKind, i64)]) -> Vec<Constraint> {
    let mut out = Vec::new();
    for &(kind, v) in claims {
        if !kind.is_document() {
            continue;
        }
        let Some(target) = kind.target_cells(format) else {
            continue;
        };
        // The cell equals the figure the prose states.
        out.push(Constraint {
            lhs: target.1.into_iter().map(Term::Cell).collect(),
            rhs: vec![Term::Const(v)],
            le: false,
            soft: true,
        });
    }
    out
}

fn parse_doc(mut doc: Doc<'_>) -> (Report, Vec<Finding>) {
    let mut findings = Vec::new();
    let first_sq = Squeezed::new(&doc.text, 0..doc.text.len());
    let first_heads = meta::headings(&doc.text, &first_sq);
    let (sq, heads) = match second_report(&doc.text, &first_sq, &first_heads) {
        None => (first_sq, first_heads),
        Some(cut) => {
            drop(first_sq);
            cut_second_report(&mut doc, cut, &mut findings);
            let sq = Squeezed::new(&doc.text, 0..doc.text.len());
            let heads = meta::headings(&doc.text, &sq);
            (sq, heads)
        }
    };
    let doc = &doc;
    let text: &str = &doc.text;
    let info = meta::metadata(text, &sq);
    let (format, format_shown) = detect_format(&sq, info.year);
    let mut report = Report::empty(format);
    report.meta = info;
    let regions = regions(doc, &sq, &heads);
    let mut read = TablesRead::new(format);
    read.t2(doc, &sq, regions.t2, &mut report);
    read.t3(doc, &sq, regions.t3, &mut report);
    read.t4(doc, &sq, regions.t4, &mut report);
    // The squeezed copy is done with: the sections' texts take its place in memory.
    let titled = ["政府信息公开", "年度报告"]
        .iter()
        .any(|w| sq.s.contains(w));
    drop(sq);
    report.sections = meta::sections(text, &heads);
    read.settle(doc, &mut report, &mut findings);
    findings.extend(displaced_findings(doc, &heads));
    let no_table = TableId::ALL.iter().all(|t| !report.tables.present(*t));
    // No table, no heading and no title: not a report (a title alone is one
    // whose tables and sections are missing).
    if no_table && heads.is_empty() && !titled {
        findings.push(no_report_finding(doc));
    }
    // No table and no word of either format: the format is not shown (the
    // year alone does not say which tables a report printed).
    if no_table && !format_shown {
        // As report data with `"format": null` reads: no table of either format.
        report.tables = Report::unknown_format().tables;
        report.format_known = false;
    }
    (report, findings)
}

/// Cuts the document before a second report it holds, with the finding that says so.
fn cut_second_report(doc: &mut Doc<'_>, cut: usize, findings: &mut Vec<Finding>) {
    let mut f = Finding::new(
        Code::InputMultipleReports,
        "",
        "输入中有不止一份报告：只读取了第一份，其后的报告被忽略（请把每份报告存为单独的文件）".into(),
        "the input holds more than one report: the first was read and the ones after it were ignored (store each report in a file of its own)".into(),
    );
    let end = doc.text.len();
    f.source = Some(doc.source(cut, end, false));
    findings.push(f);
    doc.truncate(cut);
}

/// What reading the tables gives the solver: the runs of every row read,
/// the constraints they are settled by, and the rows that were not found.
struct TablesRead {
    format: Format,
    tpl: &'static Template,
    /// The table equations (the prose's figures join them when the digits
    /// of table 2 split several ways: [`TablesRead::settle`]).
    cons: &'static [Constraint],
    runs: Vec<Run>,
    missing: Vec<(TableId, Vec<Option<RowId>>)>,
    /// The rows of each table read, until [`TablesRead::place`] makes them runs.
    read: Vec<(TableId, TableRows)>,
    /// The rows that a table in reading order left unplaced, by table.
    unplaced: Vec<(TableId, Vec<Option<RowId>>)>,
    /// A 2021 table 3 printing (六)其他处理 as one row (read as the group's total).
    other_row: bool,
}

impl TablesRead {
    fn new(format: Format) -> TablesRead {
        TablesRead {
            format,
            tpl: Template::get(format),
            cons: base_constraints(format),
            runs: Vec::new(),
            missing: Vec::new(),
            read: Vec::new(),
            unplaced: Vec::new(),
            other_row: false,
        }
    }

    fn push(&mut self, t: TableRows, table: TableId) {
        self.read.push((table, t));
    }

    /// Makes the rows read into runs. When the document's tables are in
    /// reading order ([`reading_order::in_document`]), the rows of tables 2
    /// and 3 are vetted: only those an equation of their own vouches for are placed.
    /// Otherwise the surplus of a table 3 row goes to the rows after it
    /// whose labels were lost.
    fn place(&mut self, text: &str) {
        let in_order = reading_order::in_document(&self.read);
        for (table, mut t) in std::mem::take(&mut self.read) {
            let vet = in_order && table != TableId::T4;
            if table == TableId::T3 && !vet {
                distribute_surplus(&mut t);
            }
            let mut rows = Rows {
                runs: &mut self.runs,
                missing: Vec::new(),
                unplaced: Vec::new(),
            };
            push_runs(text, t, self.cons, vet, &mut rows);
            let (missing, unplaced) = (rows.missing, rows.unplaced);
            self.missing.push((table, missing));
            if !unplaced.is_empty() {
                self.unplaced.push((table, unplaced));
            }
        }
    }

    /// Table 2: labels are distinct words, matched in any order.
    fn t2(
        &mut self,
        doc: &Doc<'_>,
        sq: &Squeezed,
        region: Option<(usize, usize)>,
        report: &mut Report,
    ) {
        let tpl = self.tpl;
        let Some(region) = region else {
            report.tables.set_present(TableId::T2, false);
            return;
        };
        let pats: Vec<(&[&str], Option<u8>)> = tpl
            .t2_rows
            .iter()
            .map(|&(r, _)| (labels::t2_row(r), None))
            .collect();
        let rows = row_cells(
            tpl,
            tpl.t2_rows.iter().map(|&(r, _)| RowId::T2(r)),
            &tpl.t2_row_cells,
        );
        let t = read_rows(doc, sq, region, rows, &pats, false);
        if t.toks.iter().all(Option::is_none) {
            report.tables.set_present(TableId::T2, false);
        } else {
            self.push(t, TableId::T2);
        }
    }

    /// Table 3: rows in template order.
    fn t3(
        &mut self,
        doc: &Doc<'_>,
        sq: &Squeezed,
        region: Option<(usize, usize)>,
        report: &mut Report,
    ) {
        let (tpl, format) = (self.tpl, self.format);
        let Some(region) = region else {
            report.tables.set_present(TableId::T3, false);
            return;
        };
        let national: Vec<(&[&str], Option<u8>)> =
            tpl.t3_rows.iter().map(|&r| labels::t3_row(r)).collect();
        let one_row = format == Format::F2021 && other_as_one_row(sq, region, tpl, &national);
        let (rows, pats) = t3_rows_read(tpl, format, one_row);
        let t = read_rows(doc, sq, region, rows, &pats, true);
        if t.toks.iter().all(Option::is_none) {
            report.tables.set_present(TableId::T3, false);
            return;
        }
        if one_row {
            // The group's total is a row of this report's table.
            let _ = report.cell_mut(OTHER_TOTAL_ROW.cell(T3Col::Total));
            self.other_row = true;
        }
        self.push(t, TableId::T3);
    }

    /// Table 4: the values after the header, fifteen of them.
    fn t4(
        &mut self,
        doc: &Doc<'_>,
        sq: &Squeezed,
        region: Option<(usize, usize)>,
        report: &mut Report,
    ) {
        let tpl = self.tpl;
        let region = region.filter(|&(s, e)| {
            labels::T4_HEADER
                .iter()
                .any(|w| sq.find_first_in(w, (s, e)).is_some())
        });
        let Some((s, e)) = region else {
            report.tables.set_present(TableId::T4, false);
            return;
        };
        let glue =
            |before: &str, _: usize| tokens::T4_TERMINALS.iter().any(|w| before.ends_with(w));
        let toks = value_tokens(&doc.text, doc.lines(), s, e, &glue);
        let cells: Vec<CellId> = tpl.t4_cells.iter().map(|&i| tpl.ids[i]).collect();
        let t = TableRows {
            rows: vec![(None, cells)],
            toks: vec![(!toks.is_empty()).then_some(toks)],
            numbers_before: 0,
        };
        self.push(t, TableId::T4);
    }

    /// Settles the runs together (with the figures of the prose that pin
    /// down table 2 when its digits split several ways), writes the cells
    /// and their sources, and gives the findings about what was not read.
    fn settle(mut self, doc: &Doc<'_>, report: &mut Report, findings: &mut Vec<Finding>) {
        self.place(&doc.text);
        let splits_in_t2 = self
            .runs
            .iter()
            .any(|r| r.cands.len() > 1 && r.cells.iter().any(|c| c.table() == TableId::T2));
        // (The prose's figures are constraints of their own, searched with
        // the table equations rather than added to a copy of them: copying
        // the equations, and building all of them again to keep the
        // figures', cost reports 003 and 025 4 % each.)
        let figures = if splits_in_t2 {
            let claims: Vec<(ClaimKind, i64)> =
                [&report.sections.overview, &report.sections.proactive]
                    .into_iter()
                    .flatten()
                    .flat_map(|t| document_claims(t))
                    .map(|c| (c.kind, c.value))
                    .collect();
            claim_constraints(self.format, &claims)
        } else {
            Vec::new()
        };
        let surv = solve::solve(&self.runs, self.cons.iter().chain(&figures));
        let mut sources = vec![None; self.tpl.paths.len()];
        {
            let Report { tables, meta, .. } = &mut *report;
            let mut out = CellWriter {
                tpl: self.tpl,
                cells: tables.cells_mut(),
                unit: &mut meta.procurement_unit,
                sources: &mut sources,
            };
            for (run, keep) in self.runs.iter().zip(&surv) {
                write_run(doc, &mut out, run, keep);
            }
        }
        let tpl = self.tpl;
        report.sources = (tpl.ids.iter().zip(sources))
            .filter_map(|(&id, source)| Some((id, source?)))
            .collect();
        if self.other_row {
            findings.push(other_row_finding(report));
        }
        findings.extend(
            self.unplaced
                .iter()
                .map(|(table, rows)| reading_order::finding(*table, rows)),
        );
        findings.extend(
            self.missing
                .into_iter()
                .filter(|(_, rows)| !rows.is_empty())
                .map(|(table, rows)| incomplete_finding(table, &rows)),
        );
    }
}

/// `table.incomplete`: the rows of a table that were not read.
fn incomplete_finding(table: TableId, rows: &[Option<RowId>]) -> Finding {
    let list = |lang: &str| row_list(table, rows, lang);
    Finding::new(
        Code::TableIncomplete,
        table.key(),
        format!(
            "{}中以下行未能从文本读出（文本截断或版式无法识别）：{}",
            crate::labels::table_short(table, "zh"),
            list("zh")
        ),
        format!(
            "{}: these rows could not be read from the text (truncated or unreadable layout): {}",
            crate::labels::table_short(table, "en"),
            list("en")
        ),
    )
}

/// The printed labels of `rows` of `table`, in `lang` (table 4 is read as a whole).
fn row_list(table: TableId, rows: &[Option<RowId>], lang: &str) -> String {
    let labels: Vec<&str> = rows
        .iter()
        .map(|r| match r {
            Some(r) => r.label(lang),
            None => table.key(),
        })
        .collect();
    labels.join(if lang == "en" { "; " } else { "、" })
}

/// `section.order`: headings found before the section that should precede them.
fn displaced_findings<'a>(
    doc: &'a Doc<'_>,
    heads: &'a meta::Headings,
) -> impl Iterator<Item = Finding> + 'a {
    heads.displaced.iter().map(move |&(section, start, end)| {
        let heading = section.heading();
        let mut f = Finding::new(
            Code::SectionOrder,
            section.path(),
            format!("章节“{heading}”出现在前一章节之前，顺序与规定格式不符"),
            format!(
                "{} appears before the section that should precede it",
                section.named("en")
            ),
        );
        f.source = Some(doc.source(start, end, false));
        f
    })
}

/// `input.no_report`: a text with no table, no heading and no title.
fn no_report_finding(doc: &Doc<'_>) -> Finding {
    let text: &str = &doc.text;
    let chars = text.chars().count();
    let what = if doc.is_rendered() && text.trim().is_empty() {
        (
            "网页没有可显示的文字".to_string(),
            "the page shows no text".to_string(),
        )
    } else if text.trim().is_empty() {
        if chars == 0 {
            ("输入为空".to_string(), "the input is empty".to_string())
        } else {
            (
                format!("输入只有 {chars} 个空白字符"),
                format!("the input is {chars} characters of white space only"),
            )
        }
    } else {
        (
            format!("输入有 {chars} 个字符，但其中没有规定格式的表格、章节标题或报告标题"),
            format!("the input has {chars} characters, but no table of the format, no section heading and no report title"),
        )
    };
    Finding::new(
        Code::InputNoReport,
        "",
        format!("{}：不是政府信息公开工作年度报告（或其语言、编码无法识别），未作为报告检查", what.0),
        format!("{}: it is not an annual report on open government information (or its language or encoding is not read), and it was not checked as one", what.1),
    )
}

/// Where a second report starts, when the text holds more than one: after the
/// first report's last section heading, the table 3 heading again and a first
/// row of table 3 after it. The cut is at the second report's first heading
/// (or the title line just before it).
fn second_report(text: &str, sq: &Squeezed, heads: &meta::Headings) -> Option<usize> {
    heads.end_of(SectionId::Requests)?;
    let last_end = SectionId::ALL
        .into_iter()
        .filter_map(|s| heads.end_of(s))
        .max()?;
    let from = sq.index_of(last_end);
    let (req, _) = meta::find_heading(sq, labels::heading(SectionId::Requests), from)?;
    sq.s[req..].find("本年新收")?;
    // The second report's first heading between the first's end and its table 3 heading.
    let first = [SectionId::Overview, SectionId::Proactive]
        .into_iter()
        .filter_map(|s| meta::find_heading(sq, labels::heading(s), from))
        .map(|(i, _)| i)
        .filter(|&i| i < req)
        .min()
        .unwrap_or(req);
    let (start, _) = sq.span(first, first + 1);
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |p| p + 1);
    let mut cut = line_start(start).max(last_end);
    // The title ("…年度报告") on one of the four lines before, after the first report.
    let mut at = cut;
    for _ in 0..4 {
        if at <= last_end {
            break;
        }
        let prev = line_start(at - 1).max(last_end);
        if let Some(k) = text[prev..at].find("年度报告") {
            // From the sentence that names it: reports run together without a
            // line break end the first one's last sentence on the same line.
            cut = text[prev..prev + k]
                .rfind(['。', '！', '？'])
                .map_or(prev, |p| prev + p + '。'.len_utf8());
        }
        at = prev;
    }
    Some(cut)
}

/// Where [`push_runs`] puts a table's runs, and the rows it could not read.
struct Rows<'a> {
    runs: &'a mut Vec<Run>,
    /// Rows not found in the text.
    missing: Vec<Option<RowId>>,
    /// Rows of a table in reading order that no equation vouches for.
    unplaced: Vec<Option<RowId>>,
}

/// Makes a run of each row of `t`. With `vet` (a table in reading order), a
/// row is placed only when an equation of its own vouches for its values as
/// read; the others are given up ([`GaveUp::ReadingOrder`]).
fn push_runs(text: &str, t: TableRows, cons: &[Constraint], vet: bool, out: &mut Rows<'_>) {
    let left_off = leaves_off_last_cells(text, &t);
    // Rows whose leading empty cells may or may not be their labels'
    // (`Padding::Either`), and whether a row of the table vouches that they
    // are: the table is then a grid whose labels span empty cells, and each
    // such row is read from the values after them.
    let mut either = Vec::new();
    let mut vouched = false;
    for ((row, cells), toks) in t.rows.into_iter().zip(t.toks) {
        match toks {
            Some(list) if vet => {
                let run = Run::build(cells, list, cons);
                if run.vouched_as_read(cons) {
                    out.runs.push(run);
                } else {
                    out.unplaced.push(row);
                    out.runs
                        .push(Run::given_up(run.cells, run.toks, GaveUp::ReadingOrder));
                }
            }
            Some(mut list) if !list.is_empty() => {
                if list.len() < cells.len() {
                    blank_paragraph_cells(text, &mut list, cells.len());
                }
                // The first token of each line the row's values are printed
                // on: the first four at most, as lines are reordered only in
                // a row of two or three (looking further, into a list made
                // for each row, took 2.2 % of the seed's parse + check).
                let mut line_starts = [0; 4];
                let mut lines = 0;
                let starts = (0..list.len()).filter(|&i| {
                    i == 0
                        || text
                            .get(list[i - 1].end..list[i].start)
                            .is_some_and(|between| between.contains('\n'))
                });
                for (slot, i) in line_starts.iter_mut().zip(starts) {
                    *slot = i;
                    lines += 1;
                }
                if lines == 1 && left_off && piped(text, &list) {
                    blank_cells_left_off(&mut list, cells.len());
                }
                let mut run = Run::build(cells, list, cons);
                if lines == 1 {
                    match run.skip_span_padding(cons) {
                        Padding::Vouched => vouched = true,
                        Padding::Either => either.push(out.runs.len()),
                        Padding::None | Padding::Skipped => {}
                    }
                }
                run.reorder_lines(&line_starts[..lines], cons);
                out.runs.push(run);
            }
            _ => {
                out.missing.push(row);
                out.runs
                    .push(Run::given_up(cells, Vec::new(), GaveUp::RowNotFound));
            }
        }
    }
    if vouched {
        for i in either {
            out.runs[i].keep_first_reading();
        }
    }
}

/// A row printed a cell a paragraph, each paragraph followed by a blank line
/// and an empty cell by a blank line alone (as `docx2txt` writes a Word
/// table: `一、本年新收…\n\n26\n\n\n\n\n\n\n\n\n\n\n\n26`): the
/// empty cells are counted from the line breaks, two a cell, between the
/// label and the first value and between values, and the row's last cells,
/// after its last value, are the rest. Read so only when each value is alone
/// on its line, every gap is made of line breaks in pairs, and the values
/// and the empty cells between them come to fewer than the row's `cells`
/// (or exactly as many, one of the gaps holding an empty cell), with room
/// after the last value for the rest.
fn blank_paragraph_cells(text: &str, toks: &mut Vec<Tok>, cells: usize) {
    // (The gaps checked below, white space with line breaks before, between
    // and after the values, put each value alone on its line.)
    if !toks.iter().all(Tok::is_filled) {
        return;
    }
    // The empty cells a gap of white space holds: one fewer than its pairs
    // of line breaks; `None` unless it is pairs of line breaks only.
    let empties = |gap: &str| {
        line_breaks_only(gap)
            .filter(|&breaks| breaks >= 2 && breaks % 2 == 0)
            .map(|breaks| breaks / 2 - 1)
    };
    let before_first = {
        let at = toks[0].start;
        let gap_start = text[..at].trim_end().len();
        &text[gap_start..at]
    };
    let mut counts = Vec::with_capacity(toks.len());
    let Some(first) = empties(before_first) else {
        return;
    };
    counts.push(first);
    for w in toks.windows(2) {
        match empties(&text[w[0].end..w[1].start]) {
            Some(k) => counts.push(k),
            None => return,
        }
    }
    let inner: usize = counts.iter().sum();
    let Some(rest) = cells.checked_sub(toks.len() + inner) else {
        return;
    };
    let last = toks[toks.len() - 1].end;
    let after = &text[last..];
    let after_breaks = after[..after.len() - after.trim_start().len()]
        .bytes()
        .filter(|&b| b == b'\n')
        .count();
    if inner + rest == 0 || after_breaks < 2 * (rest + 1) {
        return;
    }
    let empty = |at: usize| Tok {
        kind: TokKind::Empty,
        start: at,
        end: at,
        glued: false,
    };
    let mut out = Vec::with_capacity(cells);
    for (tok, k) in toks.drain(..).zip(counts) {
        out.extend((0..k).map(|_| empty(tok.start)));
        out.push(tok);
    }
    out.extend((0..rest).map(|_| empty(last)));
    *toks = out;
}

/// The line breaks in `gap`, when it is white space only (line breaks,
/// carriage returns, spaces, tabs).
fn line_breaks_only(gap: &str) -> Option<usize> {
    gap.bytes()
        .all(|b| matches!(b, b'\n' | b'\r' | b' ' | b'\t'))
        .then(|| gap.bytes().filter(|&b| b == b'\n').count())
}

/// A row printed a cell a paragraph ([`blank_paragraph_cells`]) whose cells
/// are all empty: nothing but line breaks between its label and the next,
/// at least two for the label's own paragraph and two for each of its
/// `cells` (more are the next row's merged cells). Its cells are blank.
fn blank_paragraph_row(
    text: &str,
    (start, end): (usize, usize),
    cells: usize,
    toks: &mut Vec<Tok>,
) {
    // The rest of the label's line (a label found by its first words, its
    // closing quote) and the start of the next label's (its list number,
    // `（六）`), when they hold no digit, are the labels'.
    let after = &text[start..end];
    let (Some(first), Some(last)) = (after.find('\n'), after.rfind('\n')) else {
        return;
    };
    let (head, tail) = (&after[..first], &after[last + 1..]);
    if [head, tail]
        .iter()
        .any(|s| s.bytes().any(|b| b.is_ascii_digit() || b == b'|'))
    {
        return;
    }
    let gap = &after[first..=last];
    if line_breaks_only(gap).is_some_and(|breaks| cells > 0 && breaks >= 2 * (cells + 1)) {
        toks.extend((0..cells).map(|_| Tok {
            kind: TokKind::Empty,
            start,
            end: start,
            glued: false,
        }));
    }
}

/// Does table `t` leave off its rows' last empty cells, as a page leaves off
/// a row's last empty `<td>`s (a browser shows the others from the left)?
/// Told by a row of pipes on one line that shows its blank cells (an empty
/// cell among its values) and yet holds fewer cells than the row has
/// (`（一）予以公开 | 258 | 12 |  |  | 1`, of seven).
fn leaves_off_last_cells(text: &str, t: &TableRows) -> bool {
    t.rows.iter().zip(&t.toks).any(|((_, cells), toks)| {
        toks.as_ref().is_some_and(|l| {
            l.len() < cells.len()
                && l.iter().any(|k| !k.is_filled())
                && l.iter().all(|k| !k.glued)
                && one_line(text, l)
        })
    })
}

/// Are the tokens `toks` all on one line?
fn one_line(text: &str, toks: &[Tok]) -> bool {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => !text[a.start..b.end.max(a.start)].contains('\n'),
        _ => true,
    }
}

/// Is the first of `toks` printed on a line with pipes (a row of pipes)?
fn piped(text: &str, toks: &[Tok]) -> bool {
    toks.first().is_some_and(|t| {
        let start = text[..t.start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[t.start..]
            .find('\n')
            .map_or(text.len(), |i| t.start + i);
        text[start..end].contains('|')
    })
}

/// A row of a table that leaves off its last empty cells
/// ([`leaves_off_last_cells`]), on one line, with fewer cells than it has:
/// the cells left off are blank, and empty cells are added at its end.
fn blank_cells_left_off(toks: &mut Vec<Tok>, cells: usize) {
    if toks.len() >= cells || toks.iter().any(|t| t.glued) {
        return;
    }
    let end = toks.last().map_or(0, |t| t.end);
    toks.resize(
        cells,
        Tok {
            kind: TokKind::Empty,
            start: end,
            end,
            glued: false,
        },
    );
}

/// The amount printed in `text` (folded digits, point and sign only: a unit
/// such as 元 is dropped).
fn amount_text(text: &str) -> String {
    text.chars()
        .map(crate::text::fold_char)
        .filter(|&c| c.is_ascii_digit() || c == '.' || c == '-')
        .collect()
}

/// Where the settled runs are written: the report's cells by template
/// position, its procurement unit, and the cells' sources.
struct CellWriter<'r> {
    tpl: &'static Template,
    cells: Vec<Option<CellMut<'r>>>,
    unit: &'r mut Option<String>,
    /// Each written cell's source, by template position (a cell written
    /// twice keeps its last source).
    sources: &'r mut [Option<crate::report::Source>],
}

fn write_run(doc: &Doc<'_>, out: &mut CellWriter<'_>, run: &Run, keep: &[usize]) {
    let whole = run.span();
    // Why a cell of this run is unread, when one is (made only then, once).
    let reason = std::cell::OnceCell::new();
    let why = || -> &str {
        reason.get_or_init(|| match run.gave_up {
            Some(g) => g.reason().to_string(),
            None => {
                let printed: Vec<&str> = run.toks.iter().map(|t| t.cell_text()).collect();
                crate::cell::unread_not_placed(&printed, run.cells.len())
            }
        })
    };
    for (i, &id) in run.cells.iter().enumerate() {
        // What the surviving candidates put in this cell: usually one thing,
        // which needs no list.
        let first = keep.first().map(|&c| run.cands[c][i]);
        let agreed = first.filter(|&f| keep.iter().all(|&c| run.cands[c][i] == f));
        let Some(pos) = out.tpl.pos(id) else {
            continue;
        };
        let Some(cell) = out.cells.get_mut(pos).and_then(Option::as_mut) else {
            continue;
        };
        let source;
        if let (Some(slot), None) = (agreed, run.gave_up) {
            match slot {
                Slot::Tok(k) => {
                    let tok = &run.toks[k];
                    // A count the run has read already is not read again
                    // from its text (as `set_text` would read it: a proptest
                    // in cell.rs; the seed's parse + check −2.9 %).
                    match (run.ints[k], &cell) {
                        (Some(v), CellMut::Count(_)) => cell.set_count(v),
                        _ => cell.set_text(tok.cell_text()),
                    }
                    source = Some(doc.source(tok.start, tok.end, false));
                    if let TokKind::Num { unit: Some(u), .. } = &tok.kind {
                        if matches!(cell, CellMut::Money(_)) {
                            *out.unit = Some(u.to_string());
                        }
                    }
                }
                Slot::Part { v, start, end } => {
                    match cell {
                        // An amount keeps its printed form (a fraction, a unit stripped).
                        CellMut::Money(_) => {
                            let t = amount_text(&doc.text[start..end]);
                            cell.set_text(&t);
                        }
                        CellMut::Count(_) => cell.set_count(v),
                    }
                    source = Some(doc.source(start, end, true));
                }
                Slot::Unknown => {
                    cell.set_unread(why());
                    source = whole.map(|(s, e)| doc.source(s, e, false));
                }
            }
        } else {
            let mut contents: Vec<Slot> = keep.iter().map(|&c| run.cands[c][i]).collect();
            contents.sort_unstable();
            contents.dedup();
            // What the readings whose token prints no number put in the cell
            // (a blank, a mark, text that is no value): when every reading
            // prints the same, that is the cell; when others differ (a blank
            // in one reading, 12 in another), the readings disagree.
            let money = matches!(cell, CellMut::Money(_));
            let no_number: Vec<&str> = contents
                .iter()
                .filter_map(|s| match *s {
                    Slot::Tok(k) if prints_no_number(&run.toks[k], money) => {
                        Some(crate::text::trim(run.toks[k].cell_text()))
                    }
                    _ => None,
                })
                .collect();
            let agreed_text = no_number
                .first()
                .filter(|t| no_number.len() == contents.len() && no_number.iter().all(|x| x == *t));
            if let (Some(t), None) = (agreed_text, run.gave_up) {
                cell.set_text(t);
            } else {
                let why = || why().to_string();
                set_from_readings(doc, run, cell, &contents, !no_number.is_empty(), &why);
            }
            source = whole.map(|(s, e)| doc.source(s, e, false));
        }
        // Units printed with a split amount (`2832995元`).
        if matches!(cell, CellMut::Money(_)) {
            let unit = run.toks.iter().find_map(|t| match &t.kind {
                TokKind::Num { unit: Some(u), .. } => Some(u),
                _ => None,
            });
            if let Some(u) = unit {
                *out.unit = Some(u.to_string());
            }
        }
        if let (Some(s), Some(slot)) = (source, out.sources.get_mut(pos)) {
            *slot = Some(s);
        }
    }
}

/// Sets `cell` from the readings `contents` of a run that disagree on it:
/// ambiguous among their values, or unread (`why`) when a reading leaves it
/// unknown or `disagree` (some readings print no number there).
fn set_from_readings(
    doc: &Doc<'_>,
    run: &Run,
    cell: &mut CellMut<'_>,
    contents: &[Slot],
    disagree: bool,
    why: &dyn Fn() -> String,
) {
    // A reading that leaves the cell unknown, or readings that
    // disagree on whether it holds a number, make every listed
    // candidate doubtful: the cell is unread, not ambiguous.
    let unknown = run.gave_up.is_some() || contents.contains(&Slot::Unknown) || disagree;
    let mut vals: Vec<i64> = if unknown {
        Vec::new()
    } else {
        contents
            .iter()
            .filter_map(|s| match *s {
                Slot::Tok(k) => run.toks[k].int(),
                Slot::Part { v, .. } => Some(v),
                Slot::Unknown => None,
            })
            .collect()
    };
    if let CellMut::Money(m) = cell {
        // Amounts keep their fractions: read each candidate's text.
        let mut decs: Vec<rust_decimal::Decimal> = contents
            .iter()
            .filter_map(|s| match *s {
                Slot::Tok(k) => crate::cell::CellValue::from_text(run.toks[k].cell_text()),
                Slot::Part { start, end, .. } => {
                    let t = amount_text(&doc.text[start..end]);
                    crate::cell::CellValue::from_text(&t)
                }
                Slot::Unknown => None,
            })
            .collect();
        // Stable, so that of amounts equal but for their scale (1.0,
        // 1.00) the first read is the one kept.
        decs.sort_by_key(|d| *d);
        decs.dedup();
        **m = match decs.len() {
            _ if unknown => crate::cell::Cell::Unread(why()),
            0 => crate::cell::Cell::Unread(why()),
            1 => crate::cell::Cell::Value(decs[0]),
            _ => crate::cell::Cell::Ambiguous(decs),
        };
    } else {
        vals.sort_unstable();
        vals.dedup();
        match vals.len() {
            0 => cell.set_unread(&why()),
            // Several readings that agree on this cell settle it.
            1 => cell.set_count(vals[0]),
            _ => cell.set_ambiguous(vals),
        }
    }
}

/// Does `tok` print no number a cell of its type reads (a blank, a mark, or
/// text that is no count, or no amount when `money`)?
fn prints_no_number(tok: &Tok, money: bool) -> bool {
    match &tok.kind {
        TokKind::Num { text, .. } if money => {
            <rust_decimal::Decimal as crate::cell::CellValue>::from_text(text).is_none()
        }
        TokKind::Num { .. } => tok.int().is_none(),
        TokKind::Mark(_) | TokKind::Empty => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::T3Row;

    const PAGE: &str = "<html><body><p>二、主动公开政府信息情况</p><table><tr><td>规章</td>\
        <td>0</td><td>0</td><td>3</td></tr></table></body></html>";

    /// The one finding of a file that holds nothing readable, checked: it
    /// is alone, an error, and the report has no tables (`format: null`).
    fn only_finding(p: &Parsed, code: Code) -> &Finding {
        let all = p.check();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.findings[0].code, code, "{:?}", p.findings);
        assert_eq!(p.findings[0].severity, crate::Severity::Error);
        assert!(!p.report.format_known);
        assert!(TableId::ALL.iter().all(|t| !p.report.tables.present(*t)));
        &p.findings[0]
    }

    /// An OLE2 compound file holding a stream named `stream`.
    fn ole2(stream: &str) -> Vec<u8> {
        let mut b = OLE2.to_vec();
        b.resize(512, 0);
        b.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        b.resize(2048, 0);
        b
    }

    #[test]
    fn the_next_rows_list_number_is_cut_from_a_rows_values_however_printed() {
        fn cut(t: &str) -> &str {
            &t[..strip_marker(t, 0, t.len(), Some(2))]
        }
        for (row, values) in [
            ("0 | 1 | 2.", "0 | 1 | "),
            ("0 1 ２、", "0 1 "),
            ("00000002.", "0000000"),
            ("0 | 1 | （2）", "0 | 1 | "),
            ("0 1 (2) |", "0 1 "),
            ("0000000（２）", "0000000"),
            // Not the next row's number: kept.
            ("0 1 (3)", "0 1 (3)"),
            ("0 1 2)", "0 1 2)"),
            ("0 1 2", "0 1 2"),
        ] {
            assert_eq!(cut(row), values, "{row}");
        }
    }

    #[test]
    fn a_label_followed_by_a_figure_and_its_unit_is_prose() {
        let counted = |t: &str| counted_in_words(t, "规章".len());
        for prose in [
            "规章2件",
            "规章 12 条",
            "规章 0 件，",
            "规章　３ 件",
            "收费12.5万元",
            "收费 539.16 万元",
            "收费12．5万元",
        ] {
            assert!(counted(prose), "{prose}");
        }
        // A table row's bare values, a year, a label alone.
        for row in [
            "规章 0 0 3",
            "规章 | 2 | 件",
            "规章2022年",
            "规章",
            "规章12.件",
            "规章 .5万元",
            // The 2019 table prints its procurement amount with 元, as a cell.
            "采购2832995元",
        ] {
            assert!(!counted(row), "{row}");
        }
    }

    #[test]
    fn a_legacy_word_or_wps_file_is_refused_by_name_not_read_as_text() {
        let p = parse_bytes(&ole2("WordDocument"), Kind::Auto).unwrap();
        let f = only_finding(&p, Code::InputUnsupported);
        assert!(f.message_en.contains(".doc") && f.message_en.contains(".wps"));
        assert!(
            f.message_en.contains("save it as DOCX or PDF"),
            "{}",
            f.message_en
        );
        assert!(f.message.contains("另存为 DOCX 或 PDF"), "{}", f.message);
        let p = parse_bytes(&ole2("Workbook"), Kind::Auto).unwrap();
        assert!(only_finding(&p, Code::InputUnsupported)
            .message_en
            .contains(".xls"));
        // A password-protected DOCX is an OLE2 file holding the encrypted package.
        let p = parse_bytes(&ole2("EncryptedPackage"), Kind::Auto).unwrap();
        only_finding(&p, Code::InputEncrypted);
    }

    #[test]
    fn another_zip_is_refused_by_name() {
        // A local file header naming the entry (no need for a whole archive).
        let mut b = b"PK\x03\x04".to_vec();
        b.extend([0u8; 22]);
        b.extend(b"xl/workbook.xml<workbook/>");
        let p = parse_bytes(&b, Kind::Auto).unwrap();
        let f = only_finding(&p, Code::InputUnsupported);
        assert!(
            f.message_en.contains("Excel workbook (.xlsx)"),
            "{}",
            f.message_en
        );
        assert_eq!(p.kind, SourceKind::Docx);
    }

    #[test]
    fn a_pdf_is_told_by_its_header_even_after_junk() {
        assert!(is_pdf(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"));
        assert!(is_pdf(b"\r\n\xef\xbb\xbfjunk%PDF-1.4\n%%EOF\n"));
        // Text that mentions the header is text.
        assert!(!is_pdf("报告 %PDF- 不是文件".as_bytes()));
        let mut late = vec![b' '; 2000];
        late.extend(b"%PDF-1.4");
        assert!(!is_pdf(&late));
    }

    #[cfg(not(feature = "pdf"))]
    #[test]
    fn a_pdf_without_the_pdf_feature_is_one_unsupported_finding() {
        let p = parse_bytes(b"%PDF-1.7\n%\xe2\xe3\n", Kind::Auto).unwrap();
        assert_eq!(p.kind, SourceKind::Pdf);
        let f = only_finding(&p, Code::InputUnsupported);
        assert!(
            f.message_en.contains("does not read PDF"),
            "{}",
            f.message_en
        );
    }

    #[test]
    fn row_labels_in_a_sentence_before_the_table_are_not_its_rows() {
        // The prose names outcomes with their counts ("予以公开2件"); the table
        // after it is cut off after its first two rows. The header's 总计 is
        // not the (七)总计 row, and the two rows keep their own values.
        let text = "三、收到和处理政府信息公开申请情况\n\
            共收到8份申请。其中，予以公开2件，部分公开2件，本办不掌握相关政府信息2件。\n\
            申请人情况 | 自然人 | 法人或其他组织 | 总计\n\
            一、本年新收政府信息公开申请数量 | 8 | 0 | 0 | 0 | 0 | 0 | 8 |\n\
            二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
            三、本年度办";
        let r = parse_text(text).report;
        let total = |row: T3Row| r.cell(row.cell(T3Col::Total)).map(|c| c.state());
        assert_eq!(
            r.cell(T3Row::NewReceived.cell(T3Col::Total))
                .and_then(|c| c.count()),
            Some(8)
        );
        assert_eq!(
            r.cell(T3Row::CarriedOver.cell(T3Col::Total))
                .and_then(|c| c.count()),
            Some(0)
        );
        for row in [T3Row::Disclosed, T3Row::Total, T3Row::CarriedForward] {
            assert_eq!(total(row), Some(crate::cell::CellState::Unread), "{row}");
        }
    }

    #[cfg(feature = "docx")]
    #[test]
    fn a_docx_is_read_by_its_cells_and_a_broken_one_is_damaged() {
        let body = "<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p><w:tbl><w:tr>\
            <w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc>\
            <w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        let bytes = docx::tests::docx(body);
        for kind in [Kind::Auto, Kind::Docx] {
            let p = parse_bytes(&bytes, kind).unwrap();
            assert_eq!(p.kind, SourceKind::Docx);
            let path = "t2.regulations.in_force";
            assert_eq!(p.report.get(path).and_then(|c| c.count()), Some(3));
            let src = p.report.sources[&CellId::parse(path).unwrap()];
            assert_eq!((src.table, src.row, src.cell), (Some(0), Some(0), Some(3)));
        }
        let p = parse_bytes(&bytes[..bytes.len() - 30], Kind::Auto).unwrap();
        let f = only_finding(&p, Code::InputDamaged);
        assert!(f.message_en.contains("ZIP"), "{}", f.message_en);
        // Text given as a DOCX is not a ZIP.
        let p = parse_bytes("规章 | 0 | 0 | 3".as_bytes(), Kind::Docx).unwrap();
        only_finding(&p, Code::InputDamaged);
    }

    #[cfg(feature = "html")]
    #[test]
    fn html_is_parsed_when_the_feature_is_on() {
        let p = parse(PAGE);
        assert_eq!(p.kind, SourceKind::Html);
        assert!(p.findings.iter().all(|f| f.code != Code::InputUnsupported));
        let in_force = p
            .report
            .get("t2.regulations.in_force")
            .and_then(|c| c.count());
        assert_eq!(in_force, Some(3));
    }

    #[cfg(not(feature = "html"))]
    #[test]
    fn html_without_the_feature_is_one_unsupported_finding_and_no_tables() {
        let p = parse(PAGE);
        assert_eq!(p.kind, SourceKind::Html);
        assert_eq!(p.findings.len(), 1);
        assert_eq!(p.findings[0].code, Code::InputUnsupported);
        assert!(
            p.findings[0].message_en.contains("<html><body>"),
            "{}",
            p.findings[0].message_en
        );
        assert!(TableId::ALL.iter().all(|t| !p.report.tables.present(*t)));
        // Text is still read.
        assert_eq!(parse("规章 | 1").kind, SourceKind::Text);
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// UTF-8 is read in place, as UTF-8, exactly when std's check accepts
        /// the bytes (the SIMD check agrees with it) and they hold no NUL (binary
        /// input, refused); anything else is read by another decoder or refused.
        #[test]
        fn utf8_is_read_in_place_exactly_when_std_accepts_it(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::arbitrary::any::<char>().prop_map(|c| c.to_string().into_bytes()),
                    proptest::arbitrary::any::<u8>().prop_map(|b| vec![b]),
                    proptest::strategy::Just("政府信息公开".as_bytes().to_vec()),
                ],
                0..80,
            )
        ) {
            let bytes = pieces.concat();
            // (Byte-order marks choose their own decoders.)
            proptest::prop_assume!(encoding_rs::Encoding::for_bom(&bytes).is_none());
            proptest::prop_assume!(!bytes.starts_with(&[0, 0, 0xFE, 0xFF]));
            match (std::str::from_utf8(&bytes), decode(&bytes)) {
                (Ok(s), Ok((text, encoding))) => {
                    proptest::prop_assert!(!s.contains('\0'));
                    proptest::prop_assert_eq!(encoding, "UTF-8");
                    proptest::prop_assert!(matches!(text, std::borrow::Cow::Borrowed(_)));
                    proptest::prop_assert_eq!(text.as_ref(), s);
                }
                (Ok(s), Err(e)) => {
                    proptest::prop_assert!(s.contains('\0'), "valid UTF-8 refused: {e}");
                }
                (Err(_), Ok((_, encoding))) => proptest::prop_assert_ne!(encoding, "UTF-8"),
                (Err(_), Err(_)) => {}
            }
        }
    }
}
