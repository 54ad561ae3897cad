//! Golden: every truth file's cells, validated, give the reviewer's table violations
//! (under the blank-cell policy: an equation that fails only because a blank cell
//! is read as 0 is reported as a `cell.blank` warning on that cell, once).

mod common;

use ogi_report::rules::{evaluate, CellIndex, Evaluation};
use ogi_report::template::EquationKind;
use ogi_report::{validate, Code, Severity, Template};
use std::collections::BTreeSet;

fn kind_of_rule(rule: &str) -> Option<EquationKind> {
    Some(match rule {
        "t3_balance" => EquationKind::T3Balance,
        "t3_outcome_total" => EquationKind::T3OutcomeTotal,
        "t3_row_total" => EquationKind::T3RowTotal,
        "t4_group_total" => EquationKind::T4GroupTotal,
        _ => return None,
    })
}

#[test]
fn truth_cells_give_the_reviewers_table_violations() {
    for (name, truth) in common::truths() {
        let report = common::truth_report(&truth);
        let findings = validate(&report);
        let idx = CellIndex::new(&report);
        let tpl = Template::get(report.format());

        let expected: BTreeSet<(String, String)> = truth["violations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| {
                let k = kind_of_rule(v["rule"].as_str()?)?;
                Some((format!("{k:?}"), v["at"].as_str()?.to_string()))
            })
            .collect();

        // Equations we flag: failing ones (errors) and ones a blank breaks.
        let mut flagged = BTreeSet::new();
        for eq in &tpl.equations {
            match evaluate(eq, &idx) {
                Evaluation::Fails(..) => {
                    assert!(
                        findings
                            .iter()
                            .any(|f| f.severity == Severity::Error
                                && f.path == eq.anchor().to_string()),
                        "{name}: failing equation {eq:?} has no error finding"
                    );
                    flagged.insert((format!("{:?}", eq.kind), eq.scope.to_string()));
                }
                Evaluation::Unchecked {
                    suspect,
                    zero_holds: Some(false),
                    ..
                } => {
                    assert!(
                        !suspect.is_empty(),
                        "{name}: {eq:?} fails as 0 but names no blank"
                    );
                    for b in &suspect {
                        assert!(
                            findings.iter().any(|f| f.code == Code::CellBlank
                                && f.path == b.to_string()
                                && f.severity == Severity::Warning),
                            "{name}: blank {b} breaking {eq:?} is not a cell.blank warning"
                        );
                    }
                    flagged.insert((format!("{:?}", eq.kind), eq.scope.to_string()));
                }
                _ => {}
            }
        }
        assert_eq!(
            flagged, expected,
            "{name}: flagged equations differ from the reviewer's"
        );

        // Each blank cell is reported exactly once (on its own, or in its row's note).
        for (path, cell) in report.cells() {
            let n = findings
                .iter()
                .filter(|f| f.code == Code::CellBlank && f.names(&path))
                .count();
            assert_eq!(
                n,
                usize::from(cell.state() == ogi_report::CellState::Blank),
                "{name}: {path}"
            );
        }
        // No error findings beyond the reviewer's equations (truth cells hold no invalid values).
        for f in findings.iter().filter(|f| f.severity == Severity::Error) {
            assert!(
                matches!(
                    f.code,
                    Code::T3Balance | Code::T3OutcomeTotal | Code::T3RowTotal | Code::T4GroupTotal
                ),
                "{name}: unexpected error {f:?}"
            );
        }
        // Ambiguous cells are reported, never guessed.
        for (path, cell) in report.cells() {
            if cell.state() == ogi_report::CellState::Ambiguous {
                assert!(
                    findings
                        .iter()
                        .any(|f| f.code == Code::CellAmbiguous && f.path == path),
                    "{name}: {path}"
                );
            }
        }
    }
}

#[test]
fn truth_reports_round_trip_through_both_json_forms() {
    for (name, truth) in common::truths() {
        let r = common::truth_report(&truth);
        let nested = ogi_report::Report::from_json_value(&r.to_json()).unwrap();
        assert_eq!(nested, r, "{name} nested");
        let flat = ogi_report::Report::from_flat_value(&r.to_flat()).unwrap();
        assert_eq!(flat, r, "{name} flat");
    }
}
