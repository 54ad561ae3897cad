//! `fees.not_stated`: section 六 of a 2021-format report says nothing about
//! processing fees.
//!
//! The 2021 template asks section 六 to report the collection of information
//! processing fees (收取信息处理费情况在此处报告); a statement that none was
//! charged counts. When fees were evidently charged and not reported,
//! `fees.unreported` fires instead (it is the stronger finding), so the two
//! never fire together.

use crate::finding::{Code, Finding};
use crate::joined::joined;
use crate::report::{Report, SectionId};
use crate::text::has_word;

/// Words by which a text states the fee situation, charged or not.
const FEE_WORDS: [&str; 5] = ["处理费", "收费", "收取费用", "费用", "缴费"];

/// Does the text say anything about processing fees?
pub fn states_fees(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    FEE_WORDS.iter().any(|w| has_word(&squeezed, w))
}

/// `fees.not_stated`, for a report of which `fees.unreported` said nothing.
pub fn check_fee_statement(report: &Report) -> Vec<Finding> {
    if !crate::template::Roles::of(report.format()).fee_statement {
        return Vec::new();
    }
    // Section six missing altogether is `section.missing`'s.
    let Some(other) = &report.sections.other else {
        return Vec::new();
    };
    if states_fees(other) {
        return Vec::new();
    }
    vec![Finding::new(
        Code::FeesNotStated,
        SectionId::Other.path(),
        "第六部分“其他需要报告的事项”未说明信息处理费收取情况（未收取也应说明）".to_string(),
        joined!(
            &SectionId::Other.named("en"),
            " does not state whether processing fees were charged (a report says so even when none were)"
        ),
    )]
}

#[cfg(test)]
mod tests {
    use super::states_fees;

    #[test]
    fn statements_of_fees_charged_or_not_count() {
        for t in [
            "本年度未收取信息处理费。",
            "2023年，本机关共收取信息处理费0元。",
            "本年度无收费情况。",
            "依申请公开未产生费用。",
        ] {
            assert!(states_fees(t), "{t}");
        }
        for t in [
            "无",
            "本年度无其他需要报告的事项。",
            "我局认真落实政务公开工作要点。",
        ] {
            assert!(!states_fees(t), "{t}");
        }
    }
}
