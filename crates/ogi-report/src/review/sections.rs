//! `section.perfunctory`: a section reduced to a formula.
//!
//! Section 五 must name problems and the measures taken to improve; "暂无问题"
//! or a short text naming no measure says nothing. Section 一 reduced to a
//! single sentence says nothing either. A section that is empty or a bare
//! placeholder ("无") is `section.empty`'s, never this rule's; and a section
//! is judged only when the text goes on to the next section, so a truncated
//! text is never called perfunctory.

use crate::finding::{Code, Finding};
use crate::report::{Report, SectionId};
use crate::text::{has_word, is_placeholder};

/// Below this many characters (spaces and punctuation aside), section 五
/// that names no measure is perfunctory.
pub const PROBLEMS_MIN_CHARS: usize = 30;

/// Below this many characters, a section 一 of one sentence is perfunctory.
pub const OVERVIEW_MIN_CHARS: usize = 100;

/// Phrases that deny there is any problem.
const DENIALS: [&str; 9] = [
    "暂无问题",
    "无问题",
    "没有问题",
    "没有发现问题",
    "未发现问题",
    "暂未发现问题",
    "不存在问题",
    "暂未发现",
    "无明显问题",
];

/// Words that name a measure to improve.
const MEASURES: [&str; 20] = [
    "改进",
    "整改",
    "加强",
    "完善",
    "提升",
    "提高",
    "推进",
    "落实",
    "强化",
    "健全",
    "优化",
    "规范",
    "措施",
    "下一步",
    "进一步",
    "加大",
    "深化",
    "建立",
    "培训",
    "严格",
];

/// The standard sub-headings of section 五, which name measures without
/// stating any.
const SUBHEADINGS: [&str; 6] = [
    "存在的主要问题及改进情况",
    "存在的主要问题及整改措施",
    "存在的主要问题",
    "改进情况",
    "整改措施",
    "改进措施",
];

/// Characters that carry text (not spaces, not punctuation).
fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    // Common ideographs first: `is_alphanumeric` finds them by a table search.
    text.chars()
        .filter(|&c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric())
}

/// Is section 五's text perfunctory: a denial of any problem, or a short
/// text, that names no measure?
pub fn perfunctory_problems(text: &str) -> bool {
    if is_placeholder(text) {
        return false;
    }
    // Its letters (full-width ones folded, which changes neither the words
    // nor their count), copied by stretches rather than pushed one by one.
    let mut body = crate::text::fold_without(text, |c| !c.is_alphanumeric());
    // Words looked up by their last byte (`has_word`): no searcher to build,
    // and no substring searcher in the browser's module (memchr's `memmem`
    // took 3.5 KB of it gzipped; bindings/wasm/SIZE.md).
    for h in SUBHEADINGS {
        if has_word(&body, h) {
            body = body.replace(h, "");
        }
    }
    let denies = DENIALS.iter().any(|d| has_word(&body, d));
    let short = body.chars().take(PROBLEMS_MIN_CHARS).count() < PROBLEMS_MIN_CHARS;
    // A long text that denies nothing is not perfunctory, whatever it names.
    (denies || short) && !MEASURES.iter().any(|m| has_word(&body, m))
}

/// Is section 一's text perfunctory: one sentence, and short?
pub fn perfunctory_overview(text: &str) -> bool {
    if is_placeholder(text) {
        return false;
    }
    // Long enough is never perfunctory: counted up to the bound only.
    if letters(text).take(OVERVIEW_MIN_CHARS).count() >= OVERVIEW_MIN_CHARS {
        return false;
    }
    let sentences = text
        .split(['。', '！', '？', '；', '\n'])
        .filter(|s| letters(s).next().is_some())
        .take(2)
        .count();
    sentences <= 1
}

/// `section.perfunctory` on sections 一 and 五.
pub fn check_perfunctory(report: &Report) -> Vec<Finding> {
    let s = &report.sections;
    let mut out = Vec::new();
    if let (Some(text), Some(_)) = (&s.overview, &s.proactive) {
        if perfunctory_overview(text) {
            out.push(Finding::new(
                Code::SectionPerfunctory,
                SectionId::Overview.path(),
                format!(
                    "第一部分“总体情况”仅有一句话（“{}”），未说明本年度政府信息公开工作的总体情况",
                    excerpt(text)
                ),
                format!(
                    "{} is a single sentence ({:?}) and does not describe the year's work",
                    SectionId::Overview.named("en"),
                    excerpt(text)
                ),
            ));
        }
    }
    if let (Some(text), Some(_)) = (&s.problems, &s.other) {
        if perfunctory_problems(text) {
            out.push(Finding::new(
                Code::SectionPerfunctory,
                SectionId::Problems.path(),
                format!("第五部分“存在的主要问题及改进情况”内容敷衍（“{}”），未列出存在的问题和改进措施", excerpt(text)),
                format!("{} is perfunctory ({:?}): it names no problem and no measure", SectionId::Problems.named("en"), excerpt(text)),
            ));
        }
    }
    out
}

/// The text on one line, cut to 40 characters.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = flat.chars().take(40).collect();
    if flat.chars().count() > 40 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denials_and_short_texts_without_measures_are_perfunctory() {
        for t in [
            "暂无问题。",
            "本年度没有发现问题。",
            "我局政府信息公开工作开展顺利，未发现问题，群众满意度较高，今后继续保持良好态势。",
            "工作开展正常。",
            "（一）存在的主要问题\n暂无。\n（二）改进情况\n无。",
        ] {
            assert!(perfunctory_problems(t), "{t}");
        }
    }

    #[test]
    fn problems_with_measures_are_not_perfunctory() {
        for t in [
            "一是信息公开的及时性有待提高。下一步，我局将加强培训，完善审核机制。",
            "暂未发现明显问题，下一步将进一步规范公开流程。",
            "政策解读形式单一。我们将丰富解读形式，强化图解、视频解读。",
        ] {
            assert!(!perfunctory_problems(t), "{t}");
        }
    }

    #[test]
    fn placeholders_are_left_to_section_empty() {
        for t in ["无", "暂无", "无。", "", "  "] {
            assert!(!perfunctory_problems(t), "{t:?}");
            assert!(!perfunctory_overview(t), "{t:?}");
        }
    }

    #[test]
    fn an_overview_of_one_short_sentence_is_perfunctory() {
        assert!(perfunctory_overview(
            "2023年，我镇按照要求做好政府信息公开工作。"
        ));
        assert!(!perfunctory_overview(
            "2023年，我镇按照要求做好政府信息公开工作。全年主动公开政府信息120条，其中政策文件8件。"
        ));
    }
}
