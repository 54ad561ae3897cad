//! Bad input never panics: arbitrary text, bytes and pathological shapes
//! (huge lines, a million pipes, deep nesting) parse to a report with findings.

use ogi_report::{parse, parse_bytes, parse_html, parse_text, Kind};
use proptest::prelude::*;

/// Fragments that reach deep into the parser when shuffled together.
const FRAGMENTS: [&str; 24] = [
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "一、总体情况",
    "规章",
    "行政规范性文件",
    "行政许可",
    "一、本年新收政府信息公开申请数量",
    "(七)总计",
    "3.其他",
    "1.属于国家秘密",
    "结果维持",
    "尚未审结",
    "总计",
    " | ",
    "|",
    "\n",
    "\n\n",
    "/",
    "—",
    "<td>",
    "</tr>",
];

fn soup() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(FRAGMENTS.to_vec()).prop_map(String::from),
            "[0-9]{1,20}",
            "-?[0-9]{1,4}\\.[0-9]{1,3}",
            ".{0,8}",
        ],
        0..120,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_report_soup_never_panics(s in soup()) {
        let p = parse_text(&s);
        let _ = p.check();
        let h = parse_html(&s);
        let _ = h.check();
        // What was parsed round-trips through JSON.
        let back = ogi_report::Report::from_json_value(&p.report.to_json()).unwrap();
        prop_assert_eq!(back, p.report);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        let _ = parse(&s).check();
    }

    #[test]
    fn arbitrary_bytes_are_a_report_or_a_located_error(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        match parse_bytes(&b, Kind::Auto) {
            Ok(p) => { let _ = p.check(); }
            Err(ogi_report::Error::Parse { line, column, .. }) => prop_assert!(line >= 1 && column >= 1),
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

#[test]
fn gbk_bytes_are_decoded_and_say_so() {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let p = parse_bytes(&gbk, Kind::Auto).unwrap();
    assert_eq!(p.encoding, "gb18030");
    assert_eq!(
        p.report.get("t3.new_received.total").unwrap().count(),
        Some(1)
    );
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(parse_bytes(&bom, Kind::Auto).unwrap().encoding, "UTF-8");
}

#[test]
fn binary_input_is_a_parse_error_with_a_location() {
    // (A PDF is told by its header and read as one: see binary_files_are_told_by_content.)
    let err = parse_bytes(b"\x7fELF\n\x00\x01\x02", Kind::Auto).unwrap_err();
    assert!(
        matches!(
            err,
            ogi_report::Error::Parse {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn binary_files_are_told_by_content() {
    // A PDF, a ZIP and an OLE2 file are never read as text: each gives one
    // error finding (which one depends on the readers built) and no tables.
    let mut ole2 = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole2.resize(1024, 0);
    for bytes in [
        &b"%PDF-1.7\n\x00\x01\x02"[..],
        b"PK\x03\x04\x14\x00\x00\x00",
        &ole2,
    ] {
        let p = parse_bytes(bytes, Kind::Auto).unwrap();
        let all = p.check();
        assert_eq!(all.len(), 1, "{all:?}");
        assert!(all[0].code.as_str().starts_with("input."), "{all:?}");
        assert_eq!(all[0].severity, ogi_report::Severity::Error);
        assert!(!p.report.format_known);
    }
}

#[test]
fn pathological_shapes_parse() {
    // A million pipes on one line inside table 3.
    let mut s =
        String::from("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量");
    s.push_str(&"|".repeat(1_000_000));
    let p = parse_text(&s);
    assert!(p.report.tables.present(ogi_report::TableId::T3));
    // A 200,000-digit run where a row's digits belong.
    let mut s = String::from("三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量");
    s.push_str(&"7".repeat(200_000));
    let p = parse_text(&s);
    assert!(p.report.get("t3.new_received.total").is_some());
    // Tags nested 100,000 deep.
    let html = format!(
        "{}<table><tr><td>规章</td><td>1</td></tr></table>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let _ = parse_html(&format!("二、主动公开政府信息情况{html}")).check();
    // Five megabytes of report text (the corpus repeated).
    let seed = include_str!("../../../tests/corpus/000_daxiang_2021_cellpipes.txt");
    let big = seed.repeat(5_000_000 / seed.len() + 1);
    let p = parse_text(&big);
    assert_eq!(
        p.report.get("t2.licensing.decisions").unwrap().count(),
        Some(12172)
    );
}

/// Found by the fuzzer: a concatenated table 3 whose rows cannot all add up
/// once took seconds in the joint search; it is bounded now (budget per
/// candidate tried) and still gives a report.
#[test]
fn inconsistent_concatenated_table_parses() {
    let bytes = include_bytes!("data/fuzz-inconsistent-concat.txt");
    let p = parse_text(&String::from_utf8_lossy(bytes));
    assert!(p.report.tables.present(ogi_report::TableId::T3));
    let _ = p.check();
}
