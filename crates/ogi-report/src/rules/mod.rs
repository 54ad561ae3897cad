//! Every reviewer's rule, each a pure function over a report.
//!
//! [`validate`] runs them all: the checks of [`CHECKS`], in order. Blank cells
//! are reported once (`cell.blank`); an equation that involves a blank, a
//! mark, an ambiguous or an invalid cell is not evaluated, and an
//! `equation.unchecked` note says so.
//!
//! The rules come in families ([`Family`]), one module each: tables, cells,
//! equations, table 2, sections, prose, fees, dates (whose rules live in
//! [`crate::review`]) and series, the cross-year rules of
//! [`validate_series`]. Every finding code belongs to one family
//! ([`Code::family`]); the codes of [`Family::Input`] come from reading the
//! input, not from a check.

pub mod catalogue;
mod cells;
mod dates;
mod equations;
mod fees;
mod prose;
mod sections;
mod series;
mod t2;
mod tables;

pub use crate::finding::Family;
pub use crate::index::CellIndex;
pub use crate::text::is_placeholder;
pub use catalogue::{rules, rules_markdown, RuleInfo};
pub use cells::{check_cells, MAX_COUNT};
pub use equations::{check_equations, evaluate, Evaluation};
pub use fees::{check_fees, mentions_charging};
pub use sections::check_sections;
pub use series::{series_pair, validate_series};
pub use t2::{check_t2, check_township_regulations, is_township};
pub use tables::{check_format_year, check_tables_present};

use crate::finding::{Code, Finding, Severity};
use crate::id::CellId;
use crate::report::Report;

/// One check over one report: a pure function that appends its findings.
#[derive(Debug, Clone, Copy)]
pub struct Check {
    /// A stable name (`"equations"`), unique among [`CHECKS`].
    pub name: &'static str,
    /// The family the check belongs to.
    pub family: Family,
    /// Every code the check can give (each of them of its family).
    pub codes: &'static [Code],
    /// Runs the check, appending its findings to the vector.
    pub run: fn(&Report, &CellIndex<'_>, &mut Vec<Finding>),
}

/// Every check over one report, in the order [`validate`] runs them (which is
/// the order of its findings).
pub const CHECKS: &[Check] = &[
    Check {
        name: "tables_present",
        family: Family::Tables,
        codes: &[Code::TableAbsent],
        run: tables::tables_present_into,
    },
    Check {
        name: "cells",
        family: Family::Cells,
        codes: &[
            Code::CellMark,
            Code::CellAmbiguous,
            Code::CellInferred,
            Code::CellInvalid,
            Code::CellUnread,
            Code::CellAbsent,
        ],
        run: cells::cells_into,
    },
    Check {
        name: "equations",
        family: Family::Equations,
        codes: &[
            Code::T3Balance,
            Code::T3OutcomeTotal,
            Code::T3RowTotal,
            Code::T4GroupTotal,
            Code::CellBlank,
            Code::EquationUnchecked,
        ],
        run: equations::equations_into,
    },
    Check {
        name: "issued_vs_in_force",
        family: Family::T2,
        codes: &[Code::T2IssuedVsInForce],
        run: t2::issued_vs_in_force_into,
    },
    Check {
        name: "township_regulations",
        family: Family::T2,
        codes: &[Code::T2TownshipRegulations],
        run: t2::township_regulations_into,
    },
    Check {
        name: "format_year",
        family: Family::Tables,
        codes: &[Code::FormatYearMismatch],
        run: tables::format_year_into,
    },
    Check {
        name: "sections",
        family: Family::Sections,
        codes: &[Code::SectionMissing, Code::SectionEmpty],
        run: sections::sections_into,
    },
    Check {
        name: "perfunctory",
        family: Family::Sections,
        codes: &[Code::SectionPerfunctory],
        run: sections::perfunctory_into,
    },
    Check {
        name: "late",
        family: Family::Dates,
        codes: &[Code::MetaLate],
        run: dates::late_into,
    },
    Check {
        name: "period",
        family: Family::Dates,
        codes: &[Code::MetaPeriod],
        run: dates::period_into,
    },
    Check {
        name: "prose",
        family: Family::Prose,
        codes: &[
            Code::ProseMismatch,
            Code::ProseCountsCarriedOver,
            Code::ProseUnmapped,
        ],
        run: prose::prose_into,
    },
    Check {
        name: "fees",
        family: Family::Fees,
        codes: &[Code::FeesUnreported, Code::FeesNotStated],
        run: fees::fees_into,
    },
];

/// All findings about one report, in a stable order: those of each check of
/// [`CHECKS`] in turn (tables, cells, equations, prose…).
pub fn validate(report: &Report) -> Vec<Finding> {
    let idx = CellIndex::new(report);
    let mut out = Vec::with_capacity(32);
    for check in CHECKS {
        (check.run)(report, &idx, &mut out);
    }
    // A report read from tables alone (a dict, a form) has no sources: its
    // findings' paths are not parsed back for nothing (9 % of `validate`
    // on such a dict, BENCHMARKS.md).
    if report.sources.is_empty() {
        return out;
    }
    for f in &mut out {
        if f.source.is_none() {
            // A finding on a row points at where its first cell was read.
            f.source = std::iter::once(&f.path)
                .chain(&f.related)
                .find_map(|p| report.sources.get(&CellId::parse(p)?).copied());
        }
    }
    out
}

/// Validates report data given as JSON (nested or flat form). Data that does
/// not fit the schema gives one `schema.invalid` finding with its JSON path,
/// never an error: for callers such as web forms that show findings only.
pub fn validate_value(value: &serde_json::Value) -> Vec<Finding> {
    match Report::from_any_value(value) {
        Ok(r) => validate(&r),
        Err(e) => vec![Finding::from(&e)],
    }
}

/// JSON text in, findings out: [`validate_value`] on text, so that what a
/// parsed value no longer shows is a `schema.invalid` finding too (a key given
/// twice in one object, more keys and values than a report holds, an integer
/// named as printed), and so is text that is not JSON.
pub fn validate_json_str(s: &str) -> Vec<Finding> {
    validate_json(s).unwrap_or_else(|e| {
        vec![Finding::new(
            Code::SchemaInvalid,
            "",
            format!("报告数据不是有效的 JSON：{e}"),
            e.to_string(),
        )]
    })
}

/// Reads a report from JSON text, once, and validates it: data that does not
/// fit the schema is one `schema.invalid` finding, as in
/// [`validate_json_str`]; text that is not JSON is the error
/// ([`crate::Error::Json`], with its line and column), for a host that raises
/// it (the Python binding).
pub fn validate_json(s: &str) -> Result<Vec<Finding>, crate::Error> {
    match Report::from_json_str(s) {
        Ok(r) => Ok(validate(&r)),
        Err(crate::Error::Schema(e)) => Ok(vec![Finding::from(&e)]),
        Err(e) => Err(e),
    }
}

/// True when the report has no error-level findings.
pub fn is_valid(report: &Report) -> bool {
    !validate(report)
        .iter()
        .any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The codes the parser gives while reading the input, and
    /// `schema.invalid` (from [`validate_value`] and [`validate_json_str`]):
    /// no check of [`CHECKS`] gives them.
    const INPUT_CODES: &[Code] = &[
        Code::SchemaInvalid,
        Code::InputUnsupported,
        Code::InputNoReport,
        Code::InputImageOnly,
        Code::InputEncrypted,
        Code::InputDamaged,
        Code::InputMultipleReports,
        Code::MetaConflict,
        Code::FormatMixed,
        Code::TableIncomplete,
        Code::TableReadingOrder,
        Code::SectionOrder,
    ];

    /// The codes of [`validate_series`] (with `review::check_prose_copied`).
    const SERIES_CODES: &[Code] = &[
        Code::SeriesCarryOver,
        Code::SeriesInForceChain,
        Code::SeriesPublishedTotalChain,
        Code::SeriesProseCopied,
    ];

    #[test]
    fn every_code_comes_from_exactly_one_check_or_the_parser_or_the_series() {
        for &code in Code::ALL {
            let checks: Vec<&str> = CHECKS
                .iter()
                .filter(|c| c.codes.contains(&code))
                .map(|c| c.name)
                .collect();
            let input = INPUT_CODES.contains(&code);
            let series = SERIES_CODES.contains(&code);
            assert_eq!(
                checks.len() + usize::from(input) + usize::from(series),
                1,
                "{code}: checks {checks:?}, input {input}, series {series}"
            );
            if input {
                assert_eq!(code.family(), Family::Input, "{code}");
            }
            if series {
                assert_eq!(code.family(), Family::Series, "{code}");
            }
        }
        for check in CHECKS {
            assert!(!check.codes.is_empty(), "{}", check.name);
            for &code in check.codes {
                assert!(Code::ALL.contains(&code), "{code}");
                assert_eq!(code.family(), check.family, "{code} of {}", check.name);
            }
        }
    }

    #[test]
    fn checks_have_unique_names_and_every_family_its_place() {
        let mut names: Vec<&str> = CHECKS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len(), "check names are unique");
        for &family in Family::ALL {
            let checks = family.checks().count();
            match family {
                Family::Input | Family::Series => assert_eq!(checks, 0, "{family}"),
                _ => assert!(checks > 0, "{family} has checks"),
            }
            assert!(family.codes().count() > 0, "{family} has codes");
            assert_eq!(Family::parse(family.key()), Some(family));
        }
        let mut keys: Vec<&str> = Family::ALL.iter().map(|f| f.key()).collect();
        keys.dedup();
        assert_eq!(keys.len(), Family::ALL.len());
    }
}
