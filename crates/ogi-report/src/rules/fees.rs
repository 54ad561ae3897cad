//! The fees family: fees charged but not reported (`fees.unreported`), and
//! section 六 silent on fees (`fees.not_stated`, whose rule lives in
//! [`crate::review::fees`]); never both.

use super::CellIndex;
use crate::finding::{Code, Finding};
use crate::report::{Report, SectionId};
use crate::review;
use crate::schema::T3Col;
use crate::template::Roles;
use crate::text::{has_word, word_indices};

/// The word of processing fees. The rules look words up by their last byte
/// (`has_word`): memchr's `memmem` would add 3.5 KB to the browser's module
/// (bindings/wasm/SIZE.md).
const PROCESSING_FEE: &str = "处理费";

/// Does the text mention charging processing fees (not a denial such as 未收取)?
pub fn mentions_charging(text: &str) -> bool {
    for i in word_indices(text, PROCESSING_FEE) {
        // The 24 characters before it.
        let from = text[..i].char_indices().rev().nth(23).map_or(0, |(b, _)| b);
        let window = &text[from..i];
        let charged = ["收取", "收费", "缴纳", "收缴"]
            .iter()
            .any(|k| has_word(window, k));
        let denied = ["未", "无", "不", "没有", "零", "免"]
            .iter()
            .any(|k| has_word(window, k));
        if charged && !denied {
            return true;
        }
    }
    false
}

/// `fees.unreported`: requests ended for unpaid fees, or charging mentioned,
/// but section 六 does not report 信息处理费.
pub fn check_fees(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    // Only a format that asks section 六 to report the fees (2021) is held to it.
    let roles = Roles::of(report.format());
    if !roles.fee_statement {
        return Vec::new();
    }
    let unpaid_row = roles.unpaid_fee_row;
    let unpaid = unpaid_row.and_then(|r| idx.row_total(r)).unwrap_or(0);
    let s = &report.sections;
    if s.other.is_none() {
        // Section six is missing altogether: `section.missing` says so.
        return Vec::new();
    }
    let texts = [&s.overview, &s.requests, &s.proactive];
    let charging = texts
        .iter()
        .any(|t| t.as_deref().is_some_and(mentions_charging));
    if unpaid == 0 && !charging {
        return Vec::new();
    }
    let reported = s
        .other
        .as_deref()
        .is_some_and(|t| has_word(t, PROCESSING_FEE) || has_word(t, "收费"));
    if reported {
        return Vec::new();
    }
    let (why_zh, why_en) = if unpaid > 0 {
        (
            format!("表三有 {unpaid} 件申请因逾期未缴纳费用而终止"),
            format!("table 3 shows {unpaid} requests ended for unpaid fees"),
        )
    } else {
        (
            "正文提到收取信息处理费".to_string(),
            "the text mentions charging processing fees".to_string(),
        )
    };
    vec![Finding::new(
        Code::FeesUnreported,
        SectionId::Other.path(),
        format!("{why_zh}，但第六部分未报告信息处理费收取情况"),
        format!(
            "{why_en}, but {} does not report processing fees",
            SectionId::Other.named("en")
        ),
    )
    .related_cells(unpaid_row.map(|r| r.cell(T3Col::Total)))]
}

/// The registered check: [`check_fees`], and when it finds nothing,
/// [`review::check_fee_statement`].
pub(super) fn fees_into(report: &Report, idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    let fees = check_fees(report, idx);
    if fees.is_empty() {
        out.extend(review::check_fee_statement(report));
    }
    out.extend(fees);
}
