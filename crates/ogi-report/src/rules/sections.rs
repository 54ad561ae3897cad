//! The sections family: sections missing or empty (`section.missing`,
//! `section.empty`) and perfunctory ones (`section.perfunctory`, whose rule
//! lives in [`crate::review::sections`]).

use super::CellIndex;
use crate::finding::{Code, Finding, Severity};
use crate::joined::joined;
use crate::labels::section_en;
use crate::review;
use crate::schema::{Report, TableId, SECTIONS};
use crate::text::{is_placeholder, letters_of};

/// `section.missing` and `section.empty`.
pub fn check_sections(report: &Report) -> Vec<Finding> {
    let s = &report.sections;
    let all_missing = SECTIONS.iter().all(|(k, _)| matches!(s.get(k), Some(None)));
    if all_missing {
        return vec![Finding::new(
            Code::SectionMissing,
            "sections",
            "未提供任何章节正文，未核对章节和正文数字".to_string(),
            "No section texts were given: sections and figures in the prose were not checked"
                .to_string(),
        )
        .severity(Severity::Info)];
    }
    let mut out = Vec::new();
    for (key, heading) in SECTIONS {
        // Sections 二–四 of the national format are their tables: a section
        // whose table is there is neither missing nor empty without text.
        let table = match key {
            "proactive" => Some(TableId::T2),
            "requests" => Some(TableId::T3),
            "review_litigation" => Some(TableId::T4),
            _ => None,
        };
        if table.is_some_and(|t| report.tables.present(t))
            && s.get(key)
                .is_some_and(|t| t.as_deref().is_none_or(is_placeholder))
        {
            continue;
        }
        match s.get(key) {
            Some(None) => out.push(Finding::new(
                Code::SectionMissing,
                joined!("sections.", key),
                joined!("缺少章节“", heading, "”"),
                joined!(&section_en(key), " is missing"),
            )),
            Some(Some(text)) if is_placeholder(text) => {
                let sev = if key == "other" && letters_of(text).next().is_some() {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                out.push(
                    Finding::new(
                        Code::SectionEmpty,
                        format!("sections.{key}"),
                        format!("章节“{heading}”内容为空或仅为占位（“{}”）", text.trim()),
                        format!(
                            "{} is empty or a bare placeholder ({:?})",
                            section_en(key),
                            text.trim()
                        ),
                    )
                    .severity(sev),
                );
            }
            Some(Some(_)) | None => {}
        }
    }
    out
}

/// [`check_sections`], appending to `out` (the registered check).
pub(super) fn sections_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(check_sections(report));
}

/// [`review::check_perfunctory`], appending to `out` (the registered check).
pub(super) fn perfunctory_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(review::check_perfunctory(report));
}
