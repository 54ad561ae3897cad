//! The `ogi` command: exit codes, output forms and bad input.

use std::path::PathBuf;

mod common;

use common::{ogi, root};

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ogi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn check_on_the_sample_reports_exits_zero() {
    let dir = root().join("examples/reports");
    let (code, out, err) = ogi(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("平潭综合实验区"));
    assert!(out.contains("汇总：读取报告 11 份"), "{out}");
}

fn corpus(name: &str) -> String {
    root()
        .join("tests/corpus")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn check_reads_text_and_prints_ndjson_per_report() {
    let (code, out, _) = ogi(&[
        "check",
        &corpus("008_shanghai_govoffice_2019_old_format_rows.txt"),
        &corpus("000_daxiang_2021_cellpipes.txt"),
        "--format",
        "ndjson",
    ]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["format"], "2019");
    assert_eq!(lines[0]["agency"], "上海市人民政府办公厅");
    assert!(lines[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "prose.mismatch"));
    assert_eq!(lines[1]["tables_present"]["t4"], true);
}

/// NDJSON is written straight from the report, JSON through a
/// `serde_json::Value`: both print each finding alike, a PDF's boxes (`f32`
/// widened to `f64`) included.
#[test]
fn ndjson_and_json_print_findings_alike() {
    let pdf = root().join("tests/corpus/layout8/040_hongze_district_2024.pdf");
    let pdf = pdf.to_str().unwrap();
    let (_, nd, _) = ogi(&["check", pdf, "--format", "ndjson"]);
    let (_, json, _) = ogi(&["check", pdf, "--format", "json"]);
    let line: serde_json::Value = serde_json::from_str(nd.lines().next().unwrap()).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(line["findings"], doc["findings"]);
    // The same text too: each finding of the JSON array is in the line as printed.
    let findings = doc["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["source"]["bbox"].is_array()),
        "{json}"
    );
    for f in findings {
        let printed = serde_json::to_string(f).unwrap();
        assert!(nd.contains(&printed), "{printed}\nnot in\n{nd}");
    }
}

#[test]
fn verbose_prints_the_source_line_behind_a_finding() {
    let (_, out, _) = ogi(&[
        "check",
        &corpus("008_shanghai_govoffice_2019_old_format_rows.txt"),
        "--verbose",
    ]);
    // The blank total of 部分公开 points at its row.
    assert!(
        out.contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 3 |"),
        "{out}"
    );
}

#[test]
fn csv_findings_and_english_messages() {
    let (code, out, _) = ogi(&[
        "check",
        &corpus("008_shanghai_govoffice_2019_old_format_rows.txt"),
        "--format",
        "csv",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "file,agency,year,format,severity,code,path,expected,actual,message,line,page,bbox,table,row,cell"
    );
    assert!(
        out.contains(",warning,prose.mismatch,t3.outcome.unable,337,265,"),
        "{out}"
    );
    assert!(out.contains("the text ("));
}

#[test]
fn unreadable_files_are_reported_and_the_batch_goes_on() {
    let bad = tmp("binary.txt", "\0\0\0PDF");
    std::fs::write(&bad, b"%PDF\x00\x01\x02").unwrap();
    let (code, out, err) = ogi(&[
        "check",
        bad.to_str().unwrap(),
        &corpus("000_daxiang_2021_cellpipes.txt"),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("binary input"), "{err}");
    assert!(out.contains("000_daxiang"), "{out}");
}

#[test]
fn parse_prints_nested_and_flat_forms() {
    let (code, out, _) = ogi(&[
        "parse",
        &corpus("000_daxiang_2021_cellpipes.txt"),
        "--format",
        "flat",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["cells"]["t3.new_received.total"], 15);
    assert_eq!(v["cells"]["t2.fees.amount_wan_yuan"], "539.16");
    let (_, out, _) = ogi(&["parse", &corpus("000_daxiang_2021_cellpipes.txt")]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["t2"]["licensing"]["decisions"], 12172);
    assert_eq!(v["sources"]["t2.licensing.decisions"]["line"], 37);
}

#[test]
fn cells_csv_has_one_row_per_report_and_one_column_per_path() {
    let (code, out, _) = ogi(&[
        "cells",
        &corpus("000_daxiang_2021_cellpipes.txt"),
        &corpus("027_pingtan_czj_2019_old_format_concat.txt"),
    ]);
    assert_eq!(code, 0);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 3);
    let col = rows[0]
        .iter()
        .position(|c| *c == "t2.licensing.decisions")
        .unwrap();
    assert_eq!(rows[1][col], "12172");
    let col = rows[0]
        .iter()
        .position(|c| *c == "t2.procurement.amount")
        .unwrap();
    assert!(rows[2][col].starts_with("ambiguous:"), "{}", rows[2][col]);
    assert_eq!(rows[1][col], "");
}

#[test]
fn cells_csv_has_the_other_total_of_a_table_printing_it_as_one_row() {
    // 040 prints (六)其他处理 as one row: its values are the group total, the
    // sub-rows absent; 000 prints the sub-rows and has no group total.
    let (code, out, err) = ogi(&[
        "cells",
        &corpus("layout8/040_hongze_district_2024.pypdf.txt"),
        &corpus("000_daxiang_2021_cellpipes.txt"),
    ]);
    assert_eq!(code, 0, "{err}");
    // The absent cells' reason holds a comma: fields are split as CSV quotes them.
    let fields = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                ',' if !quoted => out.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let rows: Vec<Vec<String>> = out.lines().map(fields).collect();
    assert_eq!(rows.len(), 3);
    let at = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let total = at("t3.outcome.other_total.total");
    let sub = at("t3.outcome.other.no_correction.total");
    assert!(sub < total && total < at("t3.outcome.total.total"));
    assert_eq!(
        (rows[1][total].as_str(), rows[2][total].as_str()),
        ("0", "")
    );
    assert!(rows[1][sub].starts_with("absent"), "{}", rows[1][sub]);
    assert_eq!(rows[1].len(), rows[0].len());
}

#[test]
fn series_prints_each_agencys_chain() {
    let (code, out, err) = ogi(&[
        "series",
        &corpus("003_pingtan_2021_concat.txt"),
        &corpus("004_pingtan_2022_concat.txt"),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("平潭综合实验区"));
    let y21 = out.find("2021").unwrap();
    let y22 = out.find("  2022").unwrap();
    assert!(y21 < y22, "{out}");
}

#[test]
fn check_exits_one_on_errors_and_prints_json_findings() {
    let p = tmp(
        "bad.json",
        r#"{"format":"2021","cells":{"t4.review.upheld":1,"t4.review.corrected":0,"t4.review.other":0,"t4.review.pending":0,"t4.review.total":2}}"#,
    );
    let (code, out, _) = ogi(&[
        "check",
        p.to_str().unwrap(),
        "--format",
        "json",
        "--severity",
        "error",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "t4.group_total");
    assert_eq!(f["path"], "t4.review.total");
    assert_eq!(f["expected"], 1);
    assert_eq!(f["actual"], 2);
}

#[test]
fn bad_json_is_exit_two_with_the_json_path() {
    let p = tmp(
        "wrong.json",
        r#"{"format":"2021","t3":{"new_received":{"total":"many"}}}"#,
    );
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t3.new_received.total"), "{err}");
    let p = tmp("unknown.json", r#"{"format":"2021","t9":{}}"#);
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t9"), "{err}");
    let p = tmp(
        "huge.json",
        r#"{"format":"2021","t4":{"review":{"total":123456789012345678901234567890}}}"#,
    );
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t4.review.total"), "{err}");
    let p = tmp("notjson.json", "{not json");
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn missing_file_and_bad_usage_exit_two() {
    assert_eq!(ogi(&["check", "/no/such/file.json"]).0, 2);
    assert_eq!(ogi(&["check"]).0, 2);
    assert_eq!(ogi(&["frobnicate"]).0, 2);
}

#[test]
fn schema_and_rules_print() {
    let (code, out, _) = ogi(&["schema"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // One form per format, and one for a report whose format is not shown.
    assert_eq!(v["oneOf"].as_array().unwrap().len(), 3);
    let (code, out, _) = ogi(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "t3.balance"));
}

#[test]
fn a_folder_gives_docx_and_legacy_word_files_by_their_content() {
    let dir = std::env::temp_dir().join(format!("ogi-cli-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        corpus("layout8/010_shuyang_fgj_2023_plain.docx"),
        dir.join("report.docx"),
    )
    .unwrap();
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.resize(512, 0);
    doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    doc.resize(2048, 0);
    std::fs::write(dir.join("old.doc"), &doc).unwrap();
    std::fs::write(dir.join("old.wps"), &doc).unwrap();
    let d = dir.to_str().unwrap();
    let (_, out, err) = ogi(&[
        "check",
        d,
        "--verbose",
        "--lang",
        "en",
        "--severity",
        "info",
    ]);
    assert!(out.contains("report.docx"), "{out}{err}");
    // A finding on a cell of the DOCX names its table, row and cell.
    assert!(out.contains(", row ") && out.contains(", cell "), "{out}");
    for name in ["old.doc", "old.wps"] {
        let line = out.lines().find(|l| l.contains(name)).unwrap_or("");
        assert!(line.contains("1 errors"), "{out}");
    }
    assert!(out.contains("save it as DOCX or PDF"), "{out}");
    let (_, csv, _) = ogi(&["check", d, "--format", "csv", "--severity", "info"]);
    let blank = csv
        .lines()
        .find(|l| l.contains("report.docx") && l.contains("cell.blank"))
        .unwrap_or_else(|| panic!("{csv}"));
    // line,page,bbox,table,row,cell: no page or box, a table, row and cell.
    let f: Vec<&str> = blank.rsplitn(6, ',').collect();
    assert!(
        f[0].parse::<u32>().is_ok() && f[1].parse::<u32>().is_ok(),
        "{blank}"
    );
    assert!(
        f[2].parse::<u32>().is_ok() && f[3].is_empty() && f[4].is_empty(),
        "{blank}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
