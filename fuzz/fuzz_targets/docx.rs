//! The DOCX reader: any bytes given as a DOCX give a report or exactly one
//! `input.*` error finding (damaged, encrypted, unsupported), never a panic,
//! within the reader's bounds of time and memory.
//!
//! An input whose first byte is 0 is the rest wrapped as `word/document.xml`
//! in a stored (uncompressed) ZIP, so that the XML walk is fuzzed as well as
//! the ZIP layer; any other input is read as the file itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A ZIP with one stored entry, `word/document.xml`, holding `xml`.
fn stored_docx(xml: &[u8]) -> Vec<u8> {
    const NAME: &[u8] = b"word/document.xml";
    let crc = crc32(xml).to_le_bytes();
    let size = u32::try_from(xml.len()).unwrap_or(u32::MAX).to_le_bytes();
    let name_len = (NAME.len() as u16).to_le_bytes();
    let mut z = Vec::with_capacity(xml.len() + 128);
    // Local file header.
    z.extend(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    z.extend(crc);
    z.extend(size);
    z.extend(size);
    z.extend(name_len);
    z.extend([0, 0]);
    z.extend(NAME);
    z.extend(xml);
    let central = z.len() as u32;
    // Central directory header.
    z.extend(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    z.extend(crc);
    z.extend(size);
    z.extend(size);
    z.extend(name_len);
    z.extend([0; 12]);
    z.extend(0u32.to_le_bytes());
    z.extend(NAME);
    let central_len = z.len() as u32 - central;
    // End of central directory.
    z.extend(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
    z.extend(central_len.to_le_bytes());
    z.extend(central.to_le_bytes());
    z.extend([0, 0]);
    z
}

fuzz_target!(|data: &[u8]| {
    let bytes: Cow<'_, [u8]> = match data.split_first() {
        Some((0, xml)) => Cow::Owned(stored_docx(xml)),
        _ => Cow::Borrowed(data),
    };
    let p = ogi_report::parse_bytes(&bytes, ogi_report::Kind::Docx)
        .expect("a file given as DOCX is read or refused, never an error");
    let findings = p.check();
    if findings.iter().any(|f| f.code.as_str().starts_with("input.")) {
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(!p.report.format_known);
    }
});
