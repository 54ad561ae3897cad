//! The reviewer's rules beyond the arithmetic through the command line:
//! `ogi check` reports a late, perfunctory report, and `ogi series` finds a
//! section copied from the year before.

mod common;

use std::path::PathBuf;

/// `ogi` with `args`: its exit code and stdout.
fn ogi(args: &[&str]) -> (i32, String) {
    let (code, out, _) = common::ogi(args);
    (code, out)
}

fn report_text(year: i32, problems: &str, date: &str) -> String {
    format!(
        "沭阳县发展和改革局{year}年政府信息公开工作年度报告\n\
         本年度报告所列数据的统计时限为{year}年1月1日至{year}年12月31日。\n\
         一、总体情况\n{year}年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，严格审签程序。全年主动公开政府信息249条，其中政策文件9件，办理依申请公开26件，全部按期答复。\n\
         二、主动公开政府信息情况\n详见下表。\n\
         三、收到和处理政府信息公开申请情况\n详见下表。\n\
         四、政府信息公开行政复议、行政诉讼情况\n详见下表。\n\
         五、存在的主要问题及改进情况\n{problems}\n\
         六、其他需要报告的事项\n本年度未收取信息处理费。\n\
         沭阳县发展和改革局\n{date}\n"
    )
}

fn dir_with(files: &[(&str, String)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ogi-cli-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn check_reports_late_publication_and_a_perfunctory_section_five() {
    let dir = dir_with(&[("late.txt", report_text(2023, "暂无问题。", "2024年2月20日"))]);
    let file = dir.join("late.txt");
    let (code, out) = ogi(&["check", file.to_str().unwrap(), "--format", "ndjson"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"code\":\"meta.late\""), "{out}");
    assert!(out.contains("\"code\":\"section.perfunctory\""), "{out}");
    assert!(!out.contains("\"code\":\"fees.not_stated\""), "{out}");
}

#[test]
fn series_finds_a_section_copied_from_the_year_before() {
    let problems = "（一）存在的主要问题。政策解读形式较为单一，政民互动栏目留言回复效率有待提高。（二）整改措施。一是丰富解读形式，加强图解、视频解读；二是完善留言办理机制，提高回复时效。";
    let dir = dir_with(&[
        ("a2022.txt", report_text(2022, problems, "2023年1月17日")),
        ("a2023.txt", report_text(2023, problems, "2024年1月17日")),
    ]);
    let (code, out) = ogi(&["series", dir.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("series.prose_copied sections.overview"),
        "{out}"
    );
    assert!(
        out.contains("series.prose_copied sections.problems"),
        "{out}"
    );
    assert!(
        out.contains("100% of section “V. Main problems and improvements”"),
        "{out}"
    );
}

#[test]
fn cells_csv_keeps_unread_cells_apart_from_blank_ones() {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n";
    let dir = dir_with(&[("unread.txt", text.to_string())]);
    let (code, out) = ogi(&["cells", dir.join("unread.txt").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("unread:row not found in the text"), "{out}");
}
