//! Tables that mix the formats: a 2021-format table 3 printing (六)其他处理 as
//! one row, as the 2019 format did (real reports of 2023 and 2024 do).

mod common;

use ogi_report::{parse_text, CellState, Code};

fn read(name: &str) -> String {
    std::fs::read_to_string(common::corpus_dir().join(name)).unwrap()
}

#[test]
fn a_2021_table_printing_other_outcomes_as_one_row_has_its_sub_rows_absent_not_zero() {
    let parsed = parse_text(&read("layout8/040_hongze_district_2024.pypdf.txt"));
    let r = &parsed.report;
    for row in ["no_correction", "unpaid_fee", "other"] {
        for col in ["natural_person", "other_org", "total"] {
            let path = format!("t3.outcome.other.{row}.{col}");
            let cell = r.get(&path).expect("a 2021 path");
            assert_eq!(cell.state(), CellState::Absent, "{path}");
        }
    }
    // The rows around the one row are read as printed, not shifted.
    assert_eq!(
        r.get("t3.outcome.rejected.confirmation.total")
            .unwrap()
            .state(),
        CellState::Value
    );
    assert_eq!(r.get("t3.outcome.total.total").unwrap().to_flat_json(), 95);
}

#[test]
fn the_one_row_gives_one_warning_with_its_values() {
    let parsed = parse_text(&read("layout8/040_hongze_district_2024.pypdf.txt"));
    let mixed: Vec<_> = parsed
        .findings
        .iter()
        .filter(|f| f.code == Code::FormatMixed)
        .collect();
    assert_eq!(mixed.len(), 1, "{mixed:?}");
    assert_eq!(mixed[0].path, "t3.outcome.other");
    assert!(
        mixed[0].message.contains("0 0 0 0 0 0 0"),
        "{}",
        mixed[0].message
    );
    assert!(mixed[0].source.is_some());
    // No equation through the absent sub-rows is failed.
    let all = parsed.check();
    assert!(
        !all.iter()
            .any(|f| matches!(f.code.as_str(), "t3.outcome_total" | "t3.balance")),
        "{all:?}"
    );
}

#[test]
fn a_table_printing_the_sub_rows_is_not_mixed() {
    for name in [
        "000_daxiang_2021_cellpipes.txt",
        "004_pingtan_2022_concat.txt",
    ] {
        let parsed = parse_text(&read(name));
        assert!(
            !parsed.findings.iter().any(|f| f.code == Code::FormatMixed),
            "{name}"
        );
        let cell = parsed
            .report
            .get("t3.outcome.other.no_correction.total")
            .unwrap();
        assert_ne!(cell.state(), CellState::Absent, "{name}");
    }
}
