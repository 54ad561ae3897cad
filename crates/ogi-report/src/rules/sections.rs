//! The sections family: sections missing or empty (`section.missing`,
//! `section.empty`) and perfunctory ones (`section.perfunctory`, whose rule
//! lives in [`crate::review::sections`]).

use super::CellIndex;
use crate::finding::{Code, Finding, Severity};
use crate::joined::joined;
use crate::report::{Report, SectionId};
use crate::review;
use crate::text::{is_placeholder, letters_of};

/// `section.missing` and `section.empty`.
pub fn check_sections(report: &Report) -> Vec<Finding> {
    let s = &report.sections;
    if SectionId::ALL.iter().all(|&id| s.section(id).is_none()) {
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
    for id in SectionId::ALL {
        let text = s.section(id).as_deref();
        let heading = id.heading();
        // Sections 二–四 of the national format are their tables: a section
        // whose table is there is neither missing nor empty without text.
        if id.table().is_some_and(|t| report.tables.present(t)) && text.is_none_or(is_placeholder) {
            continue;
        }
        match text {
            None => out.push(Finding::new(
                Code::SectionMissing,
                id.path(),
                joined!("缺少章节“", heading, "”"),
                joined!(&id.named("en"), " is missing"),
            )),
            Some(text) if is_placeholder(text) => {
                let sev = if id == SectionId::Other && letters_of(text).next().is_some() {
                    Severity::Info
                } else {
                    Severity::Warning
                };
                out.push(
                    Finding::new(
                        Code::SectionEmpty,
                        id.path(),
                        format!("章节“{heading}”内容为空或仅为占位（“{}”）", text.trim()),
                        format!(
                            "{} is empty or a bare placeholder ({:?})",
                            id.named("en"),
                            text.trim()
                        ),
                    )
                    .severity(sev),
                );
            }
            Some(_) => {}
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
