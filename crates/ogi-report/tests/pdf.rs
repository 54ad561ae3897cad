//! PDF: the PDFs of `tests/corpus/layout8/` (LibreOffice prints of the national
//! template filled with each truth report, Chromium prints of the 2019-format
//! pages, variants with table 3 across pages, narrow wrapped columns, other fonts
//! and page numbers; and the published `040_hongze_district_2024.pdf`, WPS with
//! CID fonts), read by the geometry of their pages.
//!
//! - Every cell of every PDF equals its truth (`<name>.truth.json`; cells the
//!   truth marks `"ambiguous"` are skipped; a `null` the report does not have is
//!   the `absent` state), and a value's source names its page and box.
//! - The findings of a PDF, by code and path, are those of the DOCX of the same
//!   report (the file LibreOffice printed it from), their source aside.
//! - Files that hold no report text: a PDF of images only, an encrypted one, a
//!   damaged one; and hostile files (a Flate bomb, a reference loop, deep
//!   nesting, truncation) end in one clear finding, in bounded time.
#![cfg(feature = "pdf")]

mod common;

use ogi_report::{parse_bytes, Code, Kind, Parsed, SourceKind};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Every PDF fixture: (name, bytes, truth).
fn fixtures() -> Vec<(String, Vec<u8>, Value)> {
    common::layout8_files("pdf")
}

#[test]
fn every_cell_of_every_pdf_fixture_equals_its_truth() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 17, "{} PDF fixtures", fixtures.len());
    let mut bad = Vec::new();
    let mut cells = 0;
    for (name, bytes, truth) in &fixtures {
        let parsed = parse_bytes(bytes, Kind::Auto).unwrap();
        assert_eq!(parsed.kind, SourceKind::Pdf, "{name}");
        let (n, wrong) = common::compare_cells(name, &parsed.report, truth, |p, cell, src| {
            // A value read off the page names its page and box.
            if cell.state() == ogi_report::CellState::Value {
                let s = src.unwrap_or_else(|| panic!("{name}: {p}: no source"));
                let (page, b) = (s.page.unwrap(), s.bbox.unwrap());
                assert!(page >= 1, "{name}: {p}: {s:?}");
                assert!(
                    b[0] < b[2] && b[1] < b[3] && b[0] >= 0.0,
                    "{name}: {p}: {s:?}"
                );
            }
        });
        cells += n;
        bad.extend(wrong);
    }
    println!("{} of {cells} cells differ from the truth", bad.len());
    assert!(cells > 3000, "{cells} cells");
    assert!(
        bad.is_empty(),
        "{} of {cells} cells differ from the truth:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The findings (code and path) of a check, sorted.
fn findings_of(p: &Parsed) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = p
        .check()
        .iter()
        .map(|f| (f.code.as_str().to_string(), f.path.clone()))
        .collect();
    v.sort();
    v
}

#[cfg(feature = "docx")]
#[test]
fn the_findings_of_a_pdf_are_those_of_the_docx_it_was_printed_from() {
    let dir = common::corpus_dir().join("layout8");
    let mut compared = 0;
    let mut diffs = Vec::new();
    for (name, bytes, _) in fixtures() {
        let Ok(docx) = std::fs::read(dir.join(format!("{name}.docx"))) else {
            continue;
        };
        let pdf = findings_of(&parse_bytes(&bytes, Kind::Auto).unwrap());
        let docx = findings_of(&parse_bytes(&docx, Kind::Auto).unwrap());
        if pdf != docx {
            diffs.push(format!(
                "{name}: only in the PDF {:?}; only in the DOCX {:?}",
                pdf.iter().filter(|f| !docx.contains(f)).collect::<Vec<_>>(),
                docx.iter().filter(|f| !pdf.contains(f)).collect::<Vec<_>>()
            ));
        }
        compared += 1;
    }
    assert!(compared >= 10, "{compared}");
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

// ---------------------------------------------------------------------------
// Files with no report text, and hostile files, built here.

/// A PDF of the given objects (numbered from 1, object 1 the catalog), with a
/// correct cross-reference table.
fn pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

fn deflate(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A one-page PDF whose page content is `content` (with a Helvetica font F1).
fn one_page(content: Vec<u8>) -> Vec<u8> {
    pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>".to_vec(),
            content,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
            stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80"),
        ],
        "",
    )
}

/// Parses within a time bound; the one finding's code.
fn only_finding(bytes: &[u8]) -> (Code, String) {
    let t = Instant::now();
    let p = parse_bytes(bytes, Kind::Auto).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(p.kind, SourceKind::Pdf);
    assert_eq!(p.findings.len(), 1, "{:?}", p.findings);
    assert!(p.report.format_key().is_none());
    (p.findings[0].code, p.findings[0].message_en.clone())
}

#[test]
fn a_page_of_text_is_read() {
    let p = parse_bytes(
        &one_page(stream(
            "",
            b"BT /F1 12 Tf 72 700 Td (2021 Annual Report) Tj ET",
        )),
        Kind::Auto,
    )
    .unwrap();
    // Read, and found to be no report (it has no tables or headings).
    assert_eq!(p.findings.len(), 1);
    assert_eq!(p.findings[0].code, Code::InputNoReport, "{:?}", p.findings);
    assert!(p.findings[0].message_en.contains("19 characters"));
}

#[test]
fn a_pdf_of_images_only_is_image_only() {
    let bytes = one_page(stream("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"));
    assert_eq!(only_finding(&bytes).0, Code::InputImageOnly);
}

#[test]
fn an_encrypted_pdf_is_encrypted() {
    // A standard security handler whose keys no password opens.
    let o = "<".to_string() + &"00".repeat(32) + ">";
    let bytes = pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("", b"garbage"),
            format!("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O {o} /U {o} >>").into_bytes(),
        ],
        "/Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    );
    assert_eq!(only_finding(&bytes).0, Code::InputEncrypted);
}

#[test]
fn a_truncated_or_broken_pdf_is_damaged() {
    let good = fixtures().remove(0).1;
    for cut in [20, 1000, good.len() / 3] {
        let (code, msg) = only_finding(&good[..cut]);
        assert_eq!(code, Code::InputDamaged, "cut at {cut}: {msg}");
    }
    let (code, _) = only_finding(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");
    assert_eq!(code, Code::InputDamaged);
}

#[test]
fn a_flate_bomb_ends_in_a_finding_in_bounded_time() {
    // 128 MiB of zeros (8 times the bound on a stream) compressed to about
    // 128 KB, as the page's content.
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..128 {
        std::io::Write::write_all(&mut e, &zeros).unwrap();
    }
    let bomb = e.finish().unwrap();
    let bytes = one_page(stream("/Filter /FlateDecode", &bomb));
    let (code, msg) = only_finding(&bytes);
    assert_eq!(code, Code::InputDamaged, "{msg}");
}

#[test]
fn a_reference_loop_and_deep_nesting_end_in_a_finding() {
    // The page tree points at itself; the contents reference loops.
    let looped = pdf(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources 5 0 R >>".to_vec(),
            b"4 0 R".to_vec(),
            b"<< /Font 5 0 R /XObject << /X 6 0 R >> >>".to_vec(),
            stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", b"/X Do"),
        ],
        "",
    );
    let p = parse_bytes(&looped, Kind::Auto).unwrap();
    assert!(
        p.findings
            .iter()
            .any(|f| f.code.as_str().starts_with("input.")),
        "{:?}",
        p.findings
    );
    // Arrays and dictionaries nested a hundred thousand deep.
    let deep = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
    let mut dicts = b"<< /A ".repeat(50_000);
    dicts.extend(b">>".repeat(50_000));
    for inner in [deep, dicts] {
        let bytes = pdf(
            &[
                b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
                b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>".to_vec(),
                stream("", &inner),
                inner.clone(),
            ],
            "",
        );
        let (code, _) = only_finding(&bytes);
        assert!(
            matches!(code, Code::InputDamaged | Code::InputImageOnly),
            "{code:?}"
        );
        // The same nesting compressed as the content of a page with text.
        let content = [b"BT /F1 12 Tf 72 700 Td (x) Tj ET ".to_vec(), inner].concat();
        let bytes = one_page(stream("/Filter /FlateDecode", &deflate(&content)));
        let t = Instant::now();
        let _ = parse_bytes(&bytes, Kind::Auto).unwrap();
        assert!(t.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn tables_printed_as_pictures_are_absent_with_the_pages_of_the_pictures() {
    let path = common::corpus_dir().join("pictures/000_daxiang_2021_pictures.pdf");
    let absent = common::assert_tables_are_pictures(
        &std::fs::read(path).unwrap(),
        "page(s) 4, 6, 7 hold pictures",
    );
    // The first picture's place is the finding's source.
    let src = absent[0].source.as_ref().expect("a source");
    assert_eq!(src.page, Some(4));
    assert!(src.bbox.is_some());
}
