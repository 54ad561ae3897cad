//! The reviewer's rules beyond the arithmetic (`section.perfunctory`,
//! `fees.not_stated`, `meta.late`, `meta.period`, `series.prose_copied`):
//! each fires on a failing example of real-looking text, stays silent on a
//! passing one, and on the corpus says what a reviewer reading each report
//! would say.

mod common;

use ogi_report::{
    parse_bytes, parse_text, validate, validate_series, Code, Finding, Kind, Report, Severity,
};

const CODES: [Code; 5] = [
    Code::SectionPerfunctory,
    Code::FeesNotStated,
    Code::MetaLate,
    Code::MetaPeriod,
    Code::SeriesProseCopied,
];

/// A small 2021-format report in the one-row-per-line layout, with the
/// given agency, title year, period sentence, sections 一, 五 and 六, and
/// the date line at its end.
fn report_text(
    agency: &str,
    year: i32,
    period: &str,
    overview: &str,
    problems: &str,
    other: &str,
    date: &str,
) -> String {
    format!(
        "{agency}{year}年政府信息公开工作年度报告\n\
         本报告由{agency}编制。{period}\n\
         一、总体情况\n{overview}\n\
         二、主动公开政府信息情况\n详见下表。\n\
         三、收到和处理政府信息公开申请情况\n详见下表。\n\
         四、政府信息公开行政复议、行政诉讼情况\n详见下表。\n\
         五、存在的主要问题及改进情况\n{problems}\n\
         六、其他需要报告的事项\n{other}\n\
         {agency}\n{date}\n"
    )
}

const OVERVIEW: &str = "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》。全年主动公开政府信息249条，其中政策文件9件，办理依申请公开26件，全部按期答复。";
const PROBLEMS: &str = "（一）存在的主要问题。政策解读形式较为单一，政民互动栏目留言回复效率有待提高。（二）整改措施。一是丰富解读形式，加强图解、视频解读；二是完善留言办理机制，提高回复时效。";
const OTHER: &str = "2023年度，本机关政府信息公开未发生收费情况。";
const PERIOD: &str = "本年度报告所列数据的统计时限为2023年1月1日至2023年12月31日。";

fn findings_of(text: &str) -> Vec<Finding> {
    parse_text(text).check()
}

fn of_code(fs: &[Finding], code: Code) -> Vec<&Finding> {
    fs.iter().filter(|f| f.code == code).collect()
}

fn proper(agency: &str, date: &str) -> String {
    report_text(agency, 2023, PERIOD, OVERVIEW, PROBLEMS, OTHER, date)
}

#[test]
fn a_proper_report_published_in_time_gives_none_of_these_findings() {
    let fs = findings_of(&proper("沭阳县发展和改革局", "2024年1月17日"));
    for code in CODES {
        assert!(of_code(&fs, code).is_empty(), "{code}: {fs:#?}");
    }
}

#[test]
fn section_five_that_denies_any_problem_is_perfunctory() {
    for problems in [
        "暂无问题。",
        "本年度我局政府信息公开工作运行良好，没有发现问题。",
        "工作正常开展。",
    ] {
        let text = report_text(
            "沭阳县发展和改革局",
            2023,
            PERIOD,
            OVERVIEW,
            problems,
            OTHER,
            "2024年1月17日",
        );
        let fs = findings_of(&text);
        let p = of_code(&fs, Code::SectionPerfunctory);
        assert_eq!(p.len(), 1, "{problems}: {fs:#?}");
        assert_eq!(p[0].path, "sections.problems");
        assert_eq!(p[0].severity, Severity::Warning);
        assert!(p[0].message.contains("第五部分"), "{}", p[0].message);
    }
}

#[test]
fn an_empty_section_five_is_section_empty_and_never_also_perfunctory() {
    let text = report_text(
        "沭阳县发展和改革局",
        2023,
        PERIOD,
        OVERVIEW,
        "无",
        OTHER,
        "2024年1月17日",
    );
    let fs = findings_of(&text);
    assert!(
        fs.iter()
            .any(|f| f.code == Code::SectionEmpty && f.path == "sections.problems"),
        "{fs:#?}"
    );
    assert!(of_code(&fs, Code::SectionPerfunctory).is_empty(), "{fs:#?}");
}

#[test]
fn section_one_reduced_to_a_sentence_is_perfunctory() {
    let text = report_text(
        "太平镇人民政府",
        2023,
        PERIOD,
        "我镇按要求做好政府信息公开工作。",
        PROBLEMS,
        OTHER,
        "2024年1月17日",
    );
    let fs = findings_of(&text);
    let p = of_code(&fs, Code::SectionPerfunctory);
    assert_eq!(p.len(), 1, "{fs:#?}");
    assert_eq!(p[0].path, "sections.overview");
}

#[test]
fn a_section_cut_off_by_the_end_of_the_text_is_not_judged() {
    // Section 五 is the last thing the text holds (section 六 never comes).
    let text = "沭阳县发展和改革局2023年政府信息公开工作年度报告\n一、总体情况\n我局按要求做好工作。\n五、存在的主要问题及改进情况\n暂无";
    let fs = findings_of(text);
    assert!(of_code(&fs, Code::SectionPerfunctory).is_empty(), "{fs:#?}");
}

#[test]
fn section_six_without_a_fee_statement_is_a_warning_and_a_statement_of_none_counts() {
    let silent = report_text(
        "沭阳县发展和改革局",
        2023,
        PERIOD,
        OVERVIEW,
        PROBLEMS,
        "本年度无其他需要报告的事项。",
        "2024年1月17日",
    );
    let fs = findings_of(&silent);
    let f = of_code(&fs, Code::FeesNotStated);
    assert_eq!(f.len(), 1, "{fs:#?}");
    assert_eq!(f[0].path, "sections.other");
    for stated in [
        "本年度未收取信息处理费。",
        "2023年，无收取信息处理费情况。",
        "本年度共收取信息处理费200元。",
    ] {
        let text = report_text(
            "沭阳县发展和改革局",
            2023,
            PERIOD,
            OVERVIEW,
            PROBLEMS,
            stated,
            "2024年1月17日",
        );
        assert!(
            of_code(&findings_of(&text), Code::FeesNotStated).is_empty(),
            "{stated}"
        );
    }
}

#[test]
fn fees_evidently_charged_but_unreported_is_fees_unreported_alone() {
    let mut r = report_from(&proper("沭阳县发展和改革局", "2024年1月17日"));
    r.sections.overview = Some(format!("{OVERVIEW}全年收取信息处理费3笔。"));
    r.sections.other = Some("本年度无其他需要报告的事项。".into());
    let fs = validate(&r);
    assert_eq!(of_code(&fs, Code::FeesUnreported).len(), 1, "{fs:#?}");
    assert!(of_code(&fs, Code::FeesNotStated).is_empty(), "{fs:#?}");
}

fn report_from(text: &str) -> Report {
    parse_text(text).report
}

#[test]
fn the_fee_statement_is_asked_of_the_2021_format_only() {
    let mut r = report_from(&proper("沭阳县发展和改革局", "2024年1月17日"));
    r.sections.other = Some("无其他需要报告的事项。".into());
    assert_eq!(of_code(&validate(&r), Code::FeesNotStated).len(), 1);
    let mut old = ogi_report::Report::empty(ogi_report::Format::F2019);
    old.meta = r.meta.clone();
    old.meta.year = Some(2019);
    old.sections = r.sections.clone();
    assert!(of_code(&validate(&old), Code::FeesNotStated).is_empty());
}

#[test]
fn a_department_publishing_after_31_january_is_late() {
    let fs = findings_of(&proper("沭阳县发展和改革局", "2024年2月20日"));
    let late = of_code(&fs, Code::MetaLate);
    assert_eq!(late.len(), 1, "{fs:#?}");
    assert_eq!(late[0].severity, Severity::Warning);
    assert_eq!(late[0].path, "published");
    assert!(
        late[0].message.contains("2024年1月31日"),
        "{}",
        late[0].message
    );
    assert!(late[0].message.contains("政府部门"), "{}", late[0].message);
    assert!(
        late[0].message_en.contains("20 days late"),
        "{}",
        late[0].message_en
    );
}

#[test]
fn a_government_has_until_31_march() {
    assert!(of_code(
        &findings_of(&proper("沭阳县人民政府", "2024年3月31日")),
        Code::MetaLate
    )
    .is_empty());
    let fs = findings_of(&proper("沭阳县人民政府", "2024年4月2日"));
    let late = of_code(&fs, Code::MetaLate);
    assert_eq!(late.len(), 1, "{fs:#?}");
    assert!(
        late[0].message.contains("2024年3月31日"),
        "{}",
        late[0].message
    );
    assert!(
        late[0].message.contains("县级人民政府"),
        "{}",
        late[0].message
    );
}

#[test]
fn townships_and_zones_get_a_note_with_the_date_not_a_warning() {
    for agency in ["太平镇人民政府", "平潭综合实验区"] {
        let fs = findings_of(&proper(agency, "2024年4月2日"));
        let late = of_code(&fs, Code::MetaLate);
        assert_eq!(late.len(), 1, "{agency}: {fs:#?}");
        assert_eq!(late[0].severity, Severity::Info, "{agency}");
        assert!(
            late[0].message.contains("2024年4月2日"),
            "{}",
            late[0].message
        );
    }
}

#[test]
fn a_publication_date_given_in_json_is_checked_too() {
    let json = r#"{"format": "2021", "year": 2023, "agency": "淮安市洪泽区人民政府", "published": "2024-05-06"}"#;
    let r = Report::from_json_str(json).unwrap();
    assert_eq!(of_code(&validate(&r), Code::MetaLate).len(), 1);
}

#[test]
fn a_partial_period_is_a_warning() {
    let text = report_text(
        "沭阳县发展和改革局",
        2023,
        "本报告所列数据统计期限自2023年1月1日至2023年11月30日止。",
        OVERVIEW,
        PROBLEMS,
        OTHER,
        "2024年1月17日",
    );
    let parsed = parse_text(&text);
    assert_eq!(parsed.report.meta.period_end.as_deref(), Some("2023-11-30"));
    let fs = parsed.check();
    let p = of_code(&fs, Code::MetaPeriod);
    assert_eq!(p.len(), 1, "{fs:#?}");
    assert!(p[0].message.contains("2023年11月30日"), "{}", p[0].message);
}

#[test]
fn a_reversed_period_is_kept_and_warned_about() {
    let text = report_text(
        "沭阳县发展和改革局",
        2023,
        "统计期限自2023年12月31日起至2023年1月1日止。",
        OVERVIEW,
        PROBLEMS,
        OTHER,
        "2024年1月17日",
    );
    let parsed = parse_text(&text);
    assert_eq!(
        parsed.report.meta.period_start.as_deref(),
        Some("2023-12-31")
    );
    let fs = parsed.check();
    let p = of_code(&fs, Code::MetaPeriod);
    assert_eq!(p.len(), 1, "{fs:#?}");
    assert!(p[0].message_en.contains("reversed"), "{}", p[0].message_en);
}

#[test]
fn a_title_year_that_disagrees_with_the_period_is_a_warning() {
    let text = report_text(
        "沭阳县发展和改革局",
        2023,
        "本报告所列数据统计期限自2022年1月1日至2022年12月31日止。",
        OVERVIEW,
        PROBLEMS,
        OTHER,
        "2024年1月17日",
    );
    let fs = findings_of(&text);
    let p = of_code(&fs, Code::MetaPeriod);
    assert_eq!(p.len(), 1, "{fs:#?}");
    assert!(
        p[0].message.contains("标题年度为2023年"),
        "{}",
        p[0].message
    );
}

fn series_report(year: i32, overview: &str, problems: &str) -> Report {
    let text = report_text(
        "沭阳县发展和改革局",
        year,
        &PERIOD.replace("2023", &year.to_string()),
        overview,
        problems,
        OTHER,
        &format!("{}年1月17日", year + 1),
    );
    report_from(&text)
}

#[test]
fn a_section_copied_from_last_year_with_new_numbers_is_flagged_with_its_share() {
    let problems_2022 = PROBLEMS.replace("回复效率", "回复时效");
    let prev = series_report(
        2022,
        &OVERVIEW.replace("2023", "2022").replace("249", "231"),
        &problems_2022,
    );
    let cur = series_report(2023, OVERVIEW, "（一）存在的主要问题。公开平台栏目设置不够清晰，部分信息更新不及时。（二）整改措施。一是优化栏目设置，二是建立定期巡查机制，确保信息及时更新。");
    let fs = validate_series(&[prev, cur]);
    let copied = of_code(&fs, Code::SeriesProseCopied);
    assert_eq!(copied.len(), 1, "{fs:#?}");
    let f = copied[0];
    assert_eq!(f.path, "sections.overview");
    assert_eq!(f.year, Some(2023));
    assert_eq!(f.agency.as_deref(), Some("沭阳县发展和改革局"));
    assert!(f.actual.unwrap() >= 95, "{f:?}");
    assert_eq!(f.expected, Some(80));
    assert!(f.message.contains("总体情况"), "{}", f.message);
}

#[test]
fn sections_written_anew_each_year_are_not_flagged() {
    let prev = series_report(2022, "2022年，我局以优化营商环境为重点，新建惠企政策专栏，集中发布涉企政策46件。开展政策解读直播两场，回应企业关切问题38个。", PROBLEMS);
    let cur = series_report(2023, OVERVIEW, "（一）存在的主要问题。公开平台栏目设置不够清晰，部分信息更新不及时。（二）整改措施。一是优化栏目设置，二是建立定期巡查机制，确保信息及时更新。");
    let fs = validate_series(&[prev, cur]);
    assert!(of_code(&fs, Code::SeriesProseCopied).is_empty(), "{fs:#?}");
}

/// What a reviewer reading each corpus report says on these points: only
/// 000's section 六 ("无其他需要他报告的事项。") leaves the fee statement out;
/// 003 and 004 (平潭综合实验区, a 管委会, published in February) get the note
/// with their dates; every section 五 in the corpus names problems and
/// measures; every stated period is the report year's.
#[test]
fn on_the_corpus_these_rules_say_what_a_reviewer_reads_off_each_report() {
    let expected: &[(&str, &[(Code, Severity)])] = &[
        (
            "000_daxiang_2021_cellpipes",
            &[(Code::FeesNotStated, Severity::Warning)],
        ),
        (
            "003_pingtan_2021_concat",
            &[(Code::MetaLate, Severity::Info)],
        ),
        (
            "004_pingtan_2022_concat",
            &[(Code::MetaLate, Severity::Info)],
        ),
        ("008_shanghai_govoffice_2019_old_format_rows", &[]),
        ("009_shuyang_county_2025_ocr_markdown", &[]),
        ("010_shuyang_fgj_2023_html_rows", &[]),
        ("012_district_stats_bureau_2023_cellpipes_TRUNC", &[]),
        ("014_hanyang_govoffice_2022_leadingpipes_TRUNC", &[]),
        (
            "016_tongzi_yelang_town_2023_old_format_blanklines_TRUNC",
            &[],
        ),
        ("017_xixian_taiping_town_2022_blanklines_TRUNC", &[]),
        ("021_wendeng_xinfang_2022_flipbook_p8_pdftext_FRAGMENT", &[]),
        ("024_wuchang_minyi_township_2021_tables_missing_TRUNC", &[]),
        ("025_shanghai_govoffice_2025_pdf_extract_md", &[]),
        ("027_pingtan_czj_2019_old_format_concat", &[]),
        ("030_pingtan_hzs_2022_concat", &[]),
        ("035_pingtan_gaj_2020_title_only_TABLES_MISSING", &[]),
        ("038_pingtan_jtj_2022_space_separated", &[]),
    ];
    let mut reports = Vec::new();
    for (name, want) in expected {
        let bytes = std::fs::read(common::corpus_dir().join(format!("{name}.txt"))).unwrap();
        let parsed = parse_bytes(&bytes, Kind::Auto).unwrap();
        let got: Vec<(Code, Severity)> = parsed
            .check()
            .iter()
            .filter(|f| CODES.contains(&f.code))
            .map(|f| (f.code, f.severity))
            .collect();
        assert_eq!(&got, want, "{name}");
        reports.push(parsed.report);
    }
    // 003 and 004 are the same agency's consecutive years, written anew.
    assert!(of_code(&validate_series(&reports), Code::SeriesProseCopied).is_empty());
}
