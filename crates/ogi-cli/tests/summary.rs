//! `ogi summary`: the counts agree with `ogi check`, and the page is one
//! self-contained HTML file with charts, chain breaks and the worst reports.

use std::path::{Path, PathBuf};

mod common;

use common::{ogi, root};

/// A temporary folder, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("ogi-summary-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, content).unwrap();
        p
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A 2021-format report with the carry-over cells of table 3 (and a broken
/// review group in table 4 when `broken`).
fn report(agency: &str, year: i32, over: i64, forward: i64, broken: bool) -> String {
    let t4 = if broken {
        r#", "t4.review.upheld": 1, "t4.review.corrected": 0, "t4.review.other": 0,
            "t4.review.pending": 0, "t4.review.total": 2"#
    } else {
        ""
    };
    format!(
        r#"{{"format": "2021", "agency": "{agency}", "year": {year}, "cells":
            {{"t3.carried_over.total": {over}, "t3.carried_forward.total": {forward}{t4}}}}}"#
    )
}

#[test]
fn summary_counts_agree_with_check() {
    let dir = root().join("examples/reports");
    let dir = dir.to_str().unwrap();
    let (code, out, err) = ogi(&["summary", dir, "--lang", "en", "--no-progress"]);
    assert_eq!(code, 0, "{out}{err}");
    let (_, check, _) = ogi(&["check", dir, "--lang", "en"]);
    // "Summary: 11 reports read, 0 with errors, 6 with warnings, 0 unreadable."
    let line = check.lines().find(|l| l.starts_with("Summary:")).unwrap();
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|s| s.parse().ok())
        .take(4)
        .collect();
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "reports read: {}  unreadable: {}  with errors: {}  with warnings: {}",
            nums[0], nums[3], nums[1], nums[2]
        )
    );
}

#[test]
fn summary_writes_a_self_contained_page() {
    let tmp = TempDir::new("page");
    tmp.write("a_2021.json", &report("甲县人民政府", 2021, 0, 5, false));
    // 2022 carries over 4 where 2021 carried 5 forward: a chain break.
    tmp.write("a_2022.json", &report("甲县人民政府", 2022, 4, 0, true));
    tmp.write("b_2022.json", &report("乙县财政局", 2022, 0, 0, true));
    tmp.write("<bad>.json", "{not json");
    let page = tmp.path().join("summary.html");
    let sample = root().join("examples/reports/003_pingtan_2021_concat.txt");
    let (code, out, err) = ogi(&[
        "summary",
        tmp.path().to_str().unwrap(),
        sample.to_str().unwrap(),
        "--html",
        page.to_str().unwrap(),
        "--lang",
        "en",
        "--top",
        "5",
    ]);
    assert_eq!(code, 2, "one unreadable file: {out}{err}");
    assert!(err.contains("<bad>.json"), "{err}");
    assert!(
        out.starts_with("reports read: 4  unreadable: 1  with errors: 2"),
        "{out}"
    );
    assert!(out.contains("agencies with chain breaks: 1"), "{out}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Nothing is fetched and nothing runs: inline SVG and CSS only.
    assert!(!html.contains("<script") && !html.contains(" src=") && !html.contains("<link"));
    assert!(
        html.matches("<svg").count() >= 4,
        "codes, years, kinds, chains"
    );
    assert!(html.contains("t4.group_total") && html.contains("series.carry_over"));
    assert!(html.contains("甲县人民政府"));
    // The worst reports link to their findings.
    assert!(html.contains("href=\"#r0\"") && html.contains("id=\"r1\""));
    assert!(html.contains("&lt;bad&gt;.json"), "names are escaped");
    assert!(
        html.contains("county or district government") && html.contains("government department")
    );
}

#[test]
fn summary_without_html_prints_text_and_a_bad_page_path_fails() {
    let tmp = TempDir::new("nopage");
    let f = tmp.write("a.json", &report("甲县人民政府", 2021, 0, 0, false));
    let (code, out, _) = ogi(&["summary", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.starts_with("已读取报告: 1"), "{out}");
    let nowhere = tmp.path().join("no/such/dir/summary.html");
    let (code, _, err) = ogi(&[
        "summary",
        f.to_str().unwrap(),
        "--html",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot write the page"), "{err}");
}
