//! Each rule: a passing and a failing example.

mod common;

use common::consistent_report;
use ogi_report::rules::*;
use ogi_report::{Cell, CellMut, Code, Finding, Format, Report, Severity};

const SEED: [i64; 7] = [3, 14, 15, 92, 65, 35, 89];

fn base(f: Format) -> Report {
    consistent_report(f, &SEED)
}

fn set_count(r: &mut Report, p: &str, v: i64) {
    r.get_mut(p).unwrap().set_count(v);
}

/// Sets a count; the value is computed before the report is borrowed mutably.
macro_rules! set {
    ($r:expr, $p:expr, $v:expr) => {{
        let v = $v;
        set_count(&mut $r, $p, v)
    }};
}

fn count(r: &Report, p: &str) -> i64 {
    r.get(p).unwrap().count().unwrap()
}

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code.as_str()).collect()
}

fn with_sections(mut r: Report) -> Report {
    r.sections.overview = Some(
        "本年度共收到政府信息公开申请若干件。全年主动公开政府信息120条，按时办结全部申请。".into(),
    );
    r.sections.proactive = Some("详见下表。".into());
    r.sections.requests = Some("详见下表。".into());
    r.sections.review_litigation = Some("详见下表。".into());
    r.sections.problems = Some("一是公开质量有待提高。二是加强培训。".into());
    r.sections.other = Some("本年度未收取信息处理费。".into());
    r
}

#[test]
fn consistent_reports_have_no_errors_or_warnings_in_either_format() {
    for f in Format::ALL {
        let r = with_sections(base(f));
        let fs = validate(&r);
        assert!(
            fs.iter().all(|x| x.severity == Severity::Info),
            "{f}: {:?}",
            fs.iter()
                .filter(|x| x.severity != Severity::Info)
                .collect::<Vec<_>>()
        );
        assert!(is_valid(&r));
    }
}

#[test]
fn t3_balance_fails_when_carried_forward_is_off() {
    let mut r = base(Format::F2021);
    let v = count(&r, "t3.carried_forward.natural_person");
    set!(r, "t3.carried_forward.natural_person", v + 2);
    set!(
        r,
        "t3.carried_forward.total",
        count(&r, "t3.carried_forward.total") + 2
    );
    let fs = check_equations(&r, &CellIndex::new(&r));
    let f = fs
        .iter()
        .find(|f| f.code == Code::T3Balance && f.path == "t3.carried_forward.natural_person")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.actual.unwrap() - f.expected.unwrap(), 2);
    assert!(f
        .related
        .contains(&"t3.new_received.natural_person".to_string()));
    assert!(!f.message.is_empty() && !f.message_en.is_empty());
}

#[test]
fn t3_outcome_total_fails_when_a_column_does_not_add_up() {
    let mut r = base(Format::F2019);
    let v = count(&r, "t3.outcome.other.commercial");
    set!(r, "t3.outcome.other.commercial", v + 1);
    set!(
        r,
        "t3.outcome.other.total",
        count(&r, "t3.outcome.other.total") + 1
    );
    let fs = check_equations(&r, &CellIndex::new(&r));
    assert!(fs
        .iter()
        .any(|f| f.code == Code::T3OutcomeTotal && f.path == "t3.outcome.total.commercial"));
    assert!(fs
        .iter()
        .any(|f| f.code == Code::T3OutcomeTotal && f.path == "t3.outcome.total.total"));
    assert!(!fs.iter().any(|f| f.code == Code::T3RowTotal));
}

#[test]
fn t3_row_total_fails_on_a_wrong_total() {
    let mut r = base(Format::F2021);
    let v = count(&r, "t3.outcome.withheld.third_party.total");
    set!(r, "t3.outcome.withheld.third_party.total", v + 4);
    let fs = check_equations(&r, &CellIndex::new(&r));
    let f = fs
        .iter()
        .find(|f| f.code == Code::T3RowTotal && f.path == "t3.outcome.withheld.third_party.total")
        .unwrap();
    assert_eq!((f.expected, f.actual), (Some(v), Some(v + 4)));
}

#[test]
fn t4_group_total_fails_on_a_wrong_total() {
    let mut r = base(Format::F2021);
    let v = count(&r, "t4.litigation_direct.pending");
    set!(r, "t4.litigation_direct.pending", v + 1);
    let fs = check_equations(&r, &CellIndex::new(&r));
    assert_eq!(codes(&fs), vec!["t4.group_total"]);
    assert_eq!(fs[0].path, "t4.litigation_direct.total");
}

#[test]
fn blank_cell_is_reported_once_and_its_equations_are_not_evaluated() {
    let mut r = base(Format::F2021);
    let v = count(&r, "t3.new_received.total");
    *match r.get_mut("t3.new_received.total").unwrap() {
        CellMut::Count(c) => c,
        _ => unreachable!(),
    } = Cell::Blank;
    let fs = check_equations(&r, &CellIndex::new(&r));
    let blanks: Vec<_> = fs.iter().filter(|f| f.code == Code::CellBlank).collect();
    assert_eq!(blanks.len(), 1);
    // Read as 0 the blank breaks the row total (v > 0 in the base report).
    assert!(v > 0);
    assert_eq!(blanks[0].severity, Severity::Warning);
    assert!(!fs.iter().any(|f| f.severity == Severity::Error), "{fs:?}");
    let unchecked = fs
        .iter()
        .filter(|f| f.code == Code::EquationUnchecked)
        .count();
    assert_eq!(unchecked, 2, "the row total and the total column's balance");
}

#[test]
fn blank_that_is_harmless_as_zero_is_info() {
    let mut r = base(Format::F2021);
    // Make the commercial column all zeros, then blank one zero cell.
    for row in &ogi_report::Template::get(Format::F2021).t3_rows {
        let p = format!("t3.{row}.commercial");
        if r.get(&p).is_none() {
            // The (六) group total: this report prints the sub-rows instead.
            continue;
        }
        let v = count(&r, &p);
        set!(r, &p, 0);
        let t = format!("t3.{row}.total");
        set!(r, &t, count(&r, &t) - v);
    }
    // Rebalance: new_received absorbs the change so the report stays consistent.
    let fs0 = check_equations(&r, &CellIndex::new(&r));
    if fs0.iter().any(|f| f.severity == Severity::Error) {
        // Carried-over changes may unbalance; fix through new_received.
        set!(r, "t3.carried_over.commercial", 0);
        set!(r, "t3.carried_forward.commercial", 0);
        set!(r, "t3.new_received.commercial", 0);
        let tot = |r: &Report, row: &str| -> i64 {
            ogi_report::T3Col::APPLICANTS
                .iter()
                .map(|c| count(r, &format!("t3.{row}.{c}")))
                .sum()
        };
        for row in ["carried_over", "carried_forward", "new_received"] {
            let t = tot(&r, row);
            set!(r, &format!("t3.{row}.total"), t);
        }
    }
    assert!(!check_equations(&r, &CellIndex::new(&r))
        .iter()
        .any(|f| f.severity == Severity::Error));
    if let Some(CellMut::Count(c)) = r.get_mut("t3.outcome.disclosed.commercial") {
        *c = Cell::Blank;
    }
    let fs = check_equations(&r, &CellIndex::new(&r));
    let b = fs.iter().find(|f| f.code == Code::CellBlank).unwrap();
    assert_eq!(b.severity, Severity::Info);
}

#[test]
fn cells_marks_ambiguous_invalid_and_negative_are_reported() {
    let mut r = base(Format::F2019);
    if let Some(CellMut::Count(c)) = r.get_mut("t3.outcome.other.research") {
        *c = Cell::Mark("/".into());
    }
    if let Some(CellMut::Count(c)) = r.get_mut("t4.review.upheld") {
        *c = Cell::Ambiguous(vec![1, 10]);
    }
    if let Some(CellMut::Count(c)) = r.get_mut("t2.licensing.decisions") {
        *c = Cell::Invalid("3.5".into());
    }
    set!(r, "t2.penalties.decisions", -2);
    set!(r, "t2.fees.items_change", -2); // may be negative: no finding
    let fs = check_cells(&r, &CellIndex::new(&r));
    let got: Vec<(&str, &str)> = fs
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("cell.invalid", "t2.licensing.decisions"),
            ("cell.invalid", "t2.penalties.decisions"),
            ("cell.mark", "t3.outcome.other.research"),
            ("cell.ambiguous", "t4.review.upheld"),
        ]
    );
    let base_ok = base(Format::F2019);
    assert!(check_cells(&base_ok, &CellIndex::new(&base_ok)).is_empty());
}

#[test]
fn t2_issued_vs_in_force_warns_only_when_issued_exceeds() {
    let mut r = base(Format::F2021);
    assert!(check_t2(&r, &CellIndex::new(&r)).is_empty());
    set!(r, "t2.normative_documents.issued", 10);
    set!(r, "t2.normative_documents.abolished", 1);
    set!(r, "t2.normative_documents.in_force", 6);
    let fs = check_t2(&r, &CellIndex::new(&r));
    assert_eq!(codes(&fs), vec!["t2.issued_vs_in_force"]);
    assert_eq!(fs[0].severity, Severity::Warning);
    assert_eq!((fs[0].expected, fs[0].actual), (Some(7), Some(10)));
}

#[test]
fn township_reporting_regulations_is_suspicious() {
    let mut r = base(Format::F2021);
    set!(r, "t2.regulations.issued", 1);
    set!(r, "t2.regulations.in_force", 3);
    r.meta.agency = Some("五常市民意乡人民政府".into());
    assert_eq!(
        codes(&check_township_regulations(&r, &CellIndex::new(&r))).len(),
        2
    );
    r.meta.agency = Some("五常市人民政府".into());
    assert!(check_township_regulations(&r, &CellIndex::new(&r)).is_empty());
    assert!(!is_township("城乡建设局"));
    assert!(is_township("桐梓县夜郎镇"));
}

#[test]
fn format_must_fit_the_year() {
    let mut r = base(Format::F2019);
    r.meta.year = Some(2020);
    assert!(check_format_year(&r).is_empty());
    r.meta.year = Some(2023);
    assert_eq!(codes(&check_format_year(&r)), vec!["format.year_mismatch"]);
    let mut r = base(Format::F2021);
    r.meta.year = Some(2021);
    assert!(check_format_year(&r).is_empty());
}

#[test]
fn sections_missing_and_empty() {
    let mut r = with_sections(base(Format::F2021));
    assert!(check_sections(&r).is_empty());
    r.sections.problems = Some(" 无。 ".into());
    r.sections.overview = None;
    let fs = check_sections(&r);
    assert_eq!(codes(&fs), vec!["section.missing", "section.empty"]);
    assert_eq!(fs[0].path, "sections.overview");
    assert_eq!(fs[1].path, "sections.problems");
    assert_eq!(fs[1].severity, Severity::Warning);
    // Sections 二–四 are their tables: without text, a section whose table
    // is there is neither missing nor empty (the national template prints
    // only the table); without its table, it is.
    r.sections.overview = Some("全年公开信息120条。".into());
    r.sections.problems = Some("一是解读不足。".into());
    r.sections.proactive = None;
    r.sections.review_litigation = Some(String::new());
    assert!(check_sections(&r).is_empty(), "{:?}", check_sections(&r));
    r.tables.set_present(ogi_report::TableId::T4, false);
    let fs = check_sections(&r);
    assert_eq!(codes(&fs), vec!["section.empty"]);
    assert_eq!(fs[0].path, "sections.review_litigation");
    // No sections at all (a tables-only report): one note, not six warnings.
    let bare = base(Format::F2021);
    let fs = check_sections(&bare);
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0].severity, Severity::Info);
}

#[test]
fn table_absent_is_not_a_table_of_zeros() {
    let mut r = base(Format::F2021);
    r.tables.set_present(ogi_report::TableId::T4, false);
    let fs = validate(&r);
    assert!(fs
        .iter()
        .any(|f| f.code == Code::TableAbsent && f.path == "t4"));
    assert!(!fs.iter().any(|f| f.path.starts_with("t4.")));
}

#[test]
fn prose_figures_are_checked_against_the_tables() {
    let mut r = with_sections(base(Format::F2021));
    let new = count(&r, "t3.new_received.total");
    let over = count(&r, "t3.carried_over.total");
    r.sections.overview = Some(format!("全年共收到政府信息公开申请{new}件。"));
    assert!(ogi_report::prose::check_prose(&r, &CellIndex::new(&r)).is_empty());
    r.sections.overview = Some(format!("全年共收到政府信息公开申请{}件。", new + over + 1));
    let fs = ogi_report::prose::check_prose(&r, &CellIndex::new(&r));
    assert_eq!(codes(&fs), vec!["prose.mismatch"]);
    assert_eq!(fs[0].path, "t3.new_received.total");
    if over > 0 {
        r.sections.overview = Some(format!("全年共收到政府信息公开申请{}件。", new + over));
        let fs = ogi_report::prose::check_prose(&r, &CellIndex::new(&r));
        assert_eq!(codes(&fs), vec!["prose.counts_carried_over"]);
        assert_eq!(fs[0].severity, Severity::Info);
    }
    let lawsuits =
        count(&r, "t4.litigation_direct.total") + count(&r, "t4.litigation_after_review.total");
    r.sections.overview = Some(format!("发生行政诉讼{}件。", lawsuits + 3));
    let fs = ogi_report::prose::check_prose(&r, &CellIndex::new(&r));
    assert_eq!(codes(&fs), vec!["prose.mismatch"]);
}

#[test]
fn fees_must_be_reported_when_charged() {
    let mut r = with_sections(base(Format::F2021));
    set!(r, "t3.outcome.other.unpaid_fee.natural_person", 0);
    r.sections.overview = Some("本年度依法收取信息处理费共计300元。".into());
    r.sections.other = Some("无。".into());
    assert_eq!(
        codes(&check_fees(&r, &CellIndex::new(&r))),
        vec!["fees.unreported"]
    );
    r.sections.other = Some("本年度共收取信息处理费300元。".into());
    assert!(check_fees(&r, &CellIndex::new(&r)).is_empty());
    r.sections.overview = Some("本年度未收取信息处理费。".into());
    r.sections.other = Some("无。".into());
    let unpaid = count(&r, "t3.outcome.other.unpaid_fee.total");
    assert_eq!(check_fees(&r, &CellIndex::new(&r)).is_empty(), unpaid == 0);
}

#[test]
fn series_checks_carry_over_and_in_force_chains() {
    let a = base(Format::F2021);
    let mut b = consistent_report(Format::F2021, &[1, 2, 3, 4, 5]);
    b.meta.year = Some(2023);
    // Link: b's carried_over = a's carried_forward, b's in_force follows a's.
    for c in ogi_report::T3Col::ALL {
        let fwd = count(&a, &format!("t3.carried_forward.{c}"));
        let over = count(&b, &format!("t3.carried_over.{c}"));
        set!(b, &format!("t3.carried_over.{c}"), fwd);
        let nr = count(&b, &format!("t3.new_received.{c}"));
        set!(b, &format!("t3.new_received.{c}"), nr + over - fwd);
    }
    for row in ["regulations", "normative_documents"] {
        let v = count(&a, &format!("t2.{row}.in_force")) + count(&b, &format!("t2.{row}.issued"))
            - count(&b, &format!("t2.{row}.abolished"));
        set!(b, &format!("t2.{row}.in_force"), v);
    }
    assert!(validate_series(&[b.clone(), a.clone()]).is_empty());
    set!(
        b,
        "t2.regulations.in_force",
        count(&b, "t2.regulations.in_force") + 1
    );
    let fwd = count(&a, "t3.carried_forward.total");
    set!(b, "t3.carried_over.total", fwd + 1);
    let fs = validate_series(&[a.clone(), b.clone()]);
    assert_eq!(
        codes(&fs),
        vec!["series.carry_over", "series.in_force_chain"]
    );
    assert_eq!(fs[0].year, Some(2023));
    assert_eq!(fs[0].agency.as_deref(), Some("测试县人民政府"));
    // Another agency's report is not compared.
    b.meta.agency = Some("别的局".into());
    assert!(validate_series(&[a, b]).is_empty());
}

#[test]
fn series_checks_the_2019_published_total_chain() {
    let mut a = base(Format::F2019);
    a.meta.year = Some(2019);
    let mut b = base(Format::F2019);
    b.meta.year = Some(2020);
    for c in ogi_report::T3Col::ALL {
        let fwd = count(&a, &format!("t3.carried_forward.{c}"));
        set!(b, &format!("t3.carried_over.{c}"), fwd);
    }
    let before = count(&a, "t2.normative_documents.published_total");
    let published = count(&b, "t2.normative_documents.published");
    set!(
        b,
        "t2.normative_documents.published_total",
        before + published + 5
    );
    let fs = validate_series(&[a, b]);
    let chain: Vec<_> = fs
        .iter()
        .filter(|f| f.code == Code::SeriesPublishedTotalChain)
        .collect();
    assert!(chain
        .iter()
        .any(|f| f.path == "t2.normative_documents.published_total"
            && f.expected == Some(before + published)));
}

#[test]
fn data_that_does_not_fit_the_schema_is_one_finding_with_its_path() {
    let v = serde_json::json!({"format": "2021", "t4": {"review": {"total": "x"}}});
    let fs = validate_value(&v);
    assert_eq!(fs.len(), 1);
    assert_eq!(fs[0].code, Code::SchemaInvalid);
    assert_eq!(fs[0].path, "t4.review.total");
    assert_eq!(fs[0].severity, Severity::Error);
    let ok = serde_json::json!({"format": "2021", "t4": {"review": {"upheld": 1, "total": 1}}});
    assert!(validate_value(&ok)
        .iter()
        .all(|f| f.code != Code::SchemaInvalid));
}

#[test]
fn each_registered_check_gives_only_its_codes_and_validate_runs_them_in_order() {
    for path in common::corpus_texts() {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        let parsed = ogi_report::parse_bytes(&bytes, ogi_report::Kind::Auto).expect("decodes");
        let r = &parsed.report;
        let idx = CellIndex::new(r);
        let mut all = Vec::new();
        for check in CHECKS {
            let mut out = Vec::new();
            (check.run)(r, &idx, &mut out);
            for f in &out {
                assert!(
                    check.codes.contains(&f.code),
                    "{}: check {} gave {}",
                    path.display(),
                    check.name,
                    f.code
                );
                assert_eq!(f.code.family(), check.family);
            }
            all.extend(out);
        }
        let mut fs = validate(r);
        for f in &mut fs {
            f.source = None;
        }
        for f in &mut all {
            f.source = None;
        }
        assert_eq!(fs, all, "{}", path.display());
    }
}

#[test]
fn a_signed_count_at_the_edge_of_the_integer_range_is_out_of_range_not_a_panic() {
    // 本年增/减 may be negative; its magnitude is still bounded, even at i64::MIN,
    // whose absolute value does not fit an i64.
    let mut r = base(Format::F2019);
    set!(r, "t2.fees.items_change", i64::MIN);
    let fs = check_cells(&r, &CellIndex::new(&r));
    assert_eq!(
        fs.iter()
            .map(|f| (f.code.as_str(), f.path.as_str()))
            .collect::<Vec<_>>(),
        [("cell.invalid", "t2.fees.items_change")]
    );
}

#[test]
fn ambiguous_cells_of_one_row_say_the_split_among_them_is_uncertain() {
    let mut r = base(Format::F2021);
    for (p, cands) in [
        ("t2.normative_documents.issued", vec![6, 69]),
        ("t2.normative_documents.in_force", vec![5, 65]),
        ("t4.review.upheld", vec![1, 10]),
    ] {
        if let Some(CellMut::Count(c)) = r.get_mut(p) {
            *c = Cell::Ambiguous(cands);
        }
    }
    let fs = check_cells(&r, &CellIndex::new(&r));
    let of = |p: &str| {
        fs.iter()
            .find(|f| f.code == Code::CellAmbiguous && f.path == p)
            .unwrap_or_else(|| panic!("{p}: {fs:?}"))
    };
    // Two in one row: each names the row's ambiguous columns and the other cell.
    let issued = of("t2.normative_documents.issued");
    assert!(
        issued.message.contains("本年制发件数、现行有效件数这几列"),
        "{}",
        issued.message
    );
    assert!(
        issued.message_en.contains("which of these cells"),
        "{}",
        issued.message_en
    );
    assert_eq!(issued.related, ["t2.normative_documents.in_force"]);
    assert_eq!(
        of("t2.normative_documents.in_force").related,
        ["t2.normative_documents.issued"]
    );
    // Alone in its row: its candidates only.
    let upheld = of("t4.review.upheld");
    assert!(!upheld.message.contains("各属哪一列"), "{}", upheld.message);
    assert!(upheld.related.is_empty());
}
