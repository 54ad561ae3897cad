//! Input that is not a report is one `input.no_report` error; encodings with
//! a byte order mark are decoded; a file of two reports says the second was
//! ignored.

use ogi_report::{parse, parse_bytes, parse_text, Code, Kind, Severity, TableId};

const REPORT: &str = include_str!("../../../tests/corpus/000_daxiang_2021_cellpipes.txt");

fn only_no_report(findings: &[ogi_report::Finding], what: &str) {
    assert_eq!(findings.len(), 1, "{what}: {findings:#?}");
    assert_eq!(findings[0].code, Code::InputNoReport, "{what}");
    assert_eq!(findings[0].severity, Severity::Error, "{what}");
    assert_eq!(findings[0].path, "", "{what}");
}

#[test]
fn text_with_no_report_is_one_error() {
    for text in [
        "",
        " ",
        "\n\n\t  \r\n",
        "\u{3000}\u{a0}",
        "Annual report on freedom of information, 2021. Requests received: 15.",
        "Отчёт о работе за 2021 год",
        "今天天气很好，我们去公园散步。",
        "12 | 0 | 3\n4 | 5 | 6\n",
    ] {
        only_no_report(&parse_text(text).check(), text);
        only_no_report(&parse(text).check(), text);
        only_no_report(
            &parse_bytes(text.as_bytes(), Kind::Auto).unwrap().check(),
            text,
        );
    }
    #[cfg(feature = "html")]
    only_no_report(
        &ogi_report::parse_html("<html><body><p>Hello</p></body></html>").check(),
        "html",
    );
    #[cfg(feature = "html")]
    for page in [
        "<html></html>",
        "<html><head><script>x()</script></head><body> </body></html>",
    ] {
        let f = ogi_report::parse_html(page).check();
        only_no_report(&f, page);
        assert!(
            f[0].message_en.contains("the page shows no text"),
            "{}",
            f[0].message_en
        );
    }
    let p = parse_text("  ");
    assert!(p.is_no_report());
    assert!(
        p.check()[0].message_en.contains("white space"),
        "{:?}",
        p.check()
    );
    assert!(parse_text("").check()[0].message_en.contains("empty"));
}

#[test]
fn a_report_without_tables_is_still_a_report() {
    for text in [
        "某某局2021年政府信息公开工作年度报告",
        "一、总体情况\n本年度我局认真落实。",
    ] {
        let findings = parse_text(text).check();
        assert!(
            findings.iter().all(|f| f.code != Code::InputNoReport),
            "{text}"
        );
        assert!(
            findings.iter().any(|f| f.code == Code::TableAbsent),
            "{text}"
        );
    }
    assert!(!parse_text(REPORT).is_no_report());
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn utf32(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE, 0, 0]
    } else {
        vec![0, 0, 0xFE, 0xFF]
    };
    for c in text.chars() {
        let u = c as u32;
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_and_utf32_with_a_byte_order_mark_are_decoded() {
    let want = parse_text(REPORT).report.tables;
    for (bytes, name) in [
        (utf16(REPORT, true), "UTF-16LE"),
        (utf16(REPORT, false), "UTF-16BE"),
        (utf32(REPORT, true), "UTF-32LE"),
        (utf32(REPORT, false), "UTF-32BE"),
    ] {
        let p = parse_bytes(&bytes, Kind::Auto).unwrap();
        assert_eq!(p.encoding, name);
        assert_eq!(p.report.tables, want, "{name}");
    }
    // An empty file in UTF-32 is no report, not a report of absent tables.
    only_no_report(
        &parse_bytes(&utf32("", true), Kind::Auto).unwrap().check(),
        "empty UTF-32",
    );
    only_no_report(
        &parse_bytes(&utf16(" \n", false), Kind::Auto)
            .unwrap()
            .check(),
        "blank UTF-16",
    );
    // A code unit beyond U+10FFFF, or a surrogate, is not text.
    let mut bad = utf32("规章 1", true);
    bad.extend(0x0011_0000u32.to_le_bytes());
    assert!(matches!(
        parse_bytes(&bad, Kind::Auto),
        Err(ogi_report::Error::Parse { line: 1, .. })
    ));
    let mut bad = utf32("规章", false);
    bad.extend(0xD800u32.to_be_bytes());
    assert!(parse_bytes(&bad, Kind::Auto).is_err());
    // NUL in UTF-16 is binary, as in UTF-8.
    assert!(parse_bytes(&utf16("规章\0", true), Kind::Auto).is_err());
}

#[test]
fn big5_is_decoded_and_named() {
    // Traditional Chinese text that is not a report, in Big5.
    let text = "今天天氣很好，我們去公園散步。臺北市政府公告事項如下。";
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(text);
    assert!(!unmappable);
    let p = parse_bytes(&big5, Kind::Auto).unwrap();
    let findings = p.check();
    only_no_report(&findings, "Big5");
    assert!(
        findings[0].message_en.contains("Big5"),
        "{}",
        findings[0].message_en
    );
    assert!(
        findings[0].message_en.contains("not UTF-8"),
        "{}",
        findings[0].message_en
    );
}

#[test]
fn a_second_report_in_one_file_is_named_and_ignored() {
    let one = parse_text(REPORT);
    let title = "大祥区2022年政府信息公开工作年度报告\n";
    for text in [
        format!("{REPORT}\n{REPORT}"),
        format!("{REPORT}\n{title}{REPORT}"),
        format!(
            "{REPORT}\n{title}发布时间：2023-01-20\n{}",
            REPORT.replace("12172", "99")
        ),
    ] {
        let p = parse_text(&text);
        let multi: Vec<_> = p
            .findings
            .iter()
            .filter(|f| f.code == Code::InputMultipleReports)
            .collect();
        assert_eq!(multi.len(), 1, "{:#?}", p.findings);
        assert_eq!(multi[0].severity, Severity::Warning);
        // It points at where the second report starts.
        let src = multi[0].source.unwrap();
        assert_eq!(src.start as usize, REPORT.len() + 1);
        // The first report is read as it is alone, and its last section ends
        // where the second report starts.
        assert_eq!(p.report.tables, one.report.tables);
        assert_eq!(p.report.sections, one.report.sections);
        assert!(p
            .check()
            .iter()
            .any(|f| f.code == Code::InputMultipleReports));
    }
    // Two reports run together without a line break: the first keeps its last sentence.
    let glued = format!("{REPORT}{REPORT}");
    let p = parse_text(&glued);
    let multi = p
        .findings
        .iter()
        .find(|f| f.code == Code::InputMultipleReports)
        .unwrap_or_else(|| panic!("{:#?}", p.findings));
    assert_eq!(multi.source.unwrap().start as usize, REPORT.len());
    assert_eq!(p.report.sections, one.report.sections);
    // One report is not two.
    assert!(one
        .findings
        .iter()
        .all(|f| f.code != Code::InputMultipleReports));
    for t in TableId::ALL {
        assert!(one.report.tables.present(t));
    }
}
