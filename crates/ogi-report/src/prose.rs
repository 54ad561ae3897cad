//! Figures stated in the prose, checked against the tables (`prose.mismatch`).
//!
//! The text is cut into sentences and clauses; each `N件` is read with the
//! words before it (or, when those name nothing, the words after it) and
//! classified by keywords. Sentences about other channels (mailboxes,
//! hotlines, 12345 tickets…) are skipped.

use crate::finding::{Code, Finding};
use crate::rules::CellIndex;
use crate::schema::{Format, Report};
use crate::template::{Template, T4_GROUPS};
use crate::text::normalize_prose;

/// What a figure in the prose claims to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// Requests received this year (收到/受理 … 申请 N件).
    Received,
    /// Requests carried over from last year (上年结转 N件).
    CarriedOver,
    /// Requests handled (办结/答复 N件).
    Handled,
    /// Requests carried forward (结转下年度/顺延 N件).
    CarriedForward,
    /// 予以公开 and 部分公开 together.
    DisclosedOrPartly,
    /// 予以公开.
    Disclosed,
    /// 部分公开.
    PartlyDisclosed,
    /// 不予公开.
    Withheld,
    /// 无法提供.
    Unable,
    /// 不予处理.
    Rejected,
    /// 其他处理.
    OtherHandling,
    /// 行政复议 N件.
    Reviews,
    /// 行政诉讼 N件.
    Lawsuits,
    /// 行政复议、行政诉讼 together.
    ReviewsAndLawsuits,
    /// 现行有效规范性文件 N件.
    NormativeInForce,
    /// 制发/印发规范性文件 N件 (used to settle concatenated digits, not checked on its own).
    NormativeIssued,
    /// "…行政复议N件…均获维持": every review upheld (value: the reviews named).
    ReviewsAllUpheld,
    /// "…诉讼N件，均获维持": every lawsuit upheld (value: the lawsuits named).
    LawsuitsAllUpheld,
}

/// One figure read from the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// What it counts.
    pub kind: ClaimKind,
    /// The number.
    pub value: i64,
    /// The words around it.
    pub context: String,
}

const SKIP_SENTENCE: [&str; 14] = [
    "信箱", "热线", "12345", "工单", "诉求", "来信", "信件", "问政", "咨询", "留言", "来电",
    "提案", "议案", "网民",
];
const CHANGE_WORDS: [&str; 8] = [
    "同比",
    "增加",
    "减少",
    "增长",
    "下降",
    "较上年",
    "比上年",
    "较去年",
];

fn classify(seg: &str, sentence_has_request: bool) -> Option<ClaimKind> {
    let has = |k: &str| seg.contains(k);
    if CHANGE_WORDS.iter().any(|k| seg.contains(k)) {
        return None;
    }
    if has("复议") && has("诉讼") {
        return Some(ClaimKind::ReviewsAndLawsuits);
    }
    if has("复议") {
        return Some(ClaimKind::Reviews);
    }
    if has("诉讼") {
        return Some(ClaimKind::Lawsuits);
    }
    if has("规范性文件") && has("现行有效") && !has("规章") {
        return Some(ClaimKind::NormativeInForce);
    }
    if has("规范性文件")
        && ["制发", "印发", "出台", "制定"].iter().any(|k| has(k))
        && !has("规章")
        && !has("等")
    {
        return Some(ClaimKind::NormativeIssued);
    }
    if !sentence_has_request {
        return None;
    }
    // 同意公开 and 全部公开 are the words many reports use for 予以公开.
    let disclosed = has("予以公开") || has("同意公开") || has("全部公开");
    if disclosed && has("部分公开") {
        return Some(ClaimKind::DisclosedOrPartly);
    }
    if disclosed {
        return Some(ClaimKind::Disclosed);
    }
    if has("部分公开") {
        return Some(ClaimKind::PartlyDisclosed);
    }
    if has("不予公开") {
        return Some(ClaimKind::Withheld);
    }
    if has("无法提供") {
        return Some(ClaimKind::Unable);
    }
    if has("不予处理") {
        return Some(ClaimKind::Rejected);
    }
    if has("其他处理") {
        return Some(ClaimKind::OtherHandling);
    }
    if (has("上年") || has("上一年")) && has("结转") {
        return Some(ClaimKind::CarriedOver);
    }
    if [
        "结转下",
        "结转至下",
        "结转到下",
        "转入下",
        "顺延",
        "下年度",
        "转下一年",
        "转至下一年",
        "转入下一年",
    ]
    .iter()
    .any(|k| has(k))
    {
        return Some(ClaimKind::CarriedForward);
    }
    if ["办结", "答复", "办理完结", "已办理", "处理完毕"]
        .iter()
        .any(|k| has(k))
    {
        return Some(ClaimKind::Handled);
    }
    if ["收到", "受理", "新收", "共收"].iter().any(|k| has(k)) {
        return Some(ClaimKind::Received);
    }
    None
}

/// Does the text hold a count ("N件", digits before 件, spaces allowed)?
fn states_a_count(raw: &str) -> bool {
    raw.match_indices('件').any(|(i, _)| {
        raw[..i]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// Reads the figures a text states about requests, reviews, lawsuits and documents.
pub fn extract_claims(text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut prev_has_request = false;
    // Sentences are cut on the raw text and only those with a figure (件) are
    // normalised: most of a report's prose names no count.
    for raw in text.split(['。', ';', '；', '!', '?', '！', '？']) {
        if !states_a_count(raw) {
            let mentions = raw.contains("申请");
            prev_has_request = mentions
                || (prev_has_request && !raw.trim().is_empty() && raw.chars().count() < 40);
            continue;
        }
        let sentence = normalize_prose(raw);
        let sentence = sentence.as_str();
        let mentions = sentence.contains("申请");
        // A list of outcomes often follows the sentence that names the requests.
        let has_request = mentions || prev_has_request;
        prev_has_request =
            mentions || (prev_has_request && !sentence.is_empty() && sentence.chars().count() < 40);
        if !sentence.contains('件') || SKIP_SENTENCE.iter().any(|k| sentence.contains(k)) {
            continue;
        }
        for clause in sentence.split([',', '，', '(', ')', ':', '：']) {
            let chars: Vec<char> = clause.chars().collect();
            // Positions of "N件": (start of digits, index of 件).
            let mut hits = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == '件' {
                    let mut j = i;
                    while j > 0 && chars[j - 1].is_ascii_digit() {
                        j -= 1;
                    }
                    if j < i {
                        hits.push((j, i));
                    }
                }
                i += 1;
            }
            let mut prev_end = 0;
            for (k, &(start, end)) in hits.iter().enumerate() {
                let digits: String = chars[start..end].iter().collect();
                let Ok(value) = digits.parse::<i64>() else {
                    prev_end = end + 1;
                    continue;
                };
                let before: String = chars[prev_end..start].iter().collect();
                let next_start = hits.get(k + 1).map_or(chars.len(), |h| h.0);
                let after: String = chars[end + 1..next_start.max(end + 1)].iter().collect();
                let kind = classify(&before, has_request).or_else(|| {
                    // "1件结转下年度": the keyword follows the number.
                    (before.chars().count() <= 3)
                        .then(|| classify(&after, has_request))
                        .flatten()
                });
                if let Some(kind) = kind {
                    out.push(Claim {
                        kind,
                        value,
                        context: chars[prev_end..next_start.max(end + 1)].iter().collect(),
                    });
                }
                prev_end = end + 1;
            }
        }
        // "行政复议7件，诉讼9件，均获维持": every case named was upheld.
        if ["均获维持", "均被维持", "全部维持", "均维持", "全部获得维持"]
            .iter()
            .any(|k| sentence.contains(k))
        {
            let named: Vec<Claim> = out
                .iter()
                .rev()
                .take_while(|c| {
                    matches!(
                        c.kind,
                        ClaimKind::Reviews | ClaimKind::Lawsuits | ClaimKind::ReviewsAndLawsuits
                    )
                })
                .cloned()
                .collect();
            for c in named {
                let kind = match c.kind {
                    ClaimKind::Reviews => ClaimKind::ReviewsAllUpheld,
                    ClaimKind::Lawsuits => ClaimKind::LawsuitsAllUpheld,
                    _ => continue,
                };
                out.push(Claim {
                    kind,
                    value: c.value,
                    context: format!("{}…均获维持", c.context),
                });
            }
        }
    }
    out
}

/// The sum of the rows' totals; `None` when no row holds a figure, or when
/// one holds a cell the text did not settle (ambiguous, invalid, unread): a
/// group summed without it would be compared as if it were whole.
fn sum_rows(idx: &CellIndex<'_>, rows: &[&str]) -> Option<i64> {
    let mut s = 0;
    let mut any = false;
    for r in rows {
        let unsettled = crate::template::T3_COLUMNS.iter().any(|c| {
            idx.get(&format!("t3.{r}.{c}")).is_some_and(|cell| {
                matches!(
                    cell.state(),
                    crate::cell::CellState::Ambiguous
                        | crate::cell::CellState::Invalid
                        | crate::cell::CellState::Unread
                )
            })
        });
        if unsettled {
            return None;
        }
        if let Some(v) = idx.row_total(r) {
            // A sum beyond the integer range is no figure to compare with.
            s = i64::checked_add(s, v)?;
            any = true;
        }
    }
    any.then_some(s)
}

fn rows_with_prefix(format: Format, prefix: &str) -> Vec<String> {
    Template::get(format)
        .t3_rows
        .iter()
        .filter(|r| r.starts_with(prefix))
        .cloned()
        .collect()
}

/// For "all upheld": the number upheld, and the first cell that says otherwise
/// (pending, corrected or other results), or the upheld cell when none does.
fn all_upheld(idx: &CellIndex<'_>, groups: &[&str]) -> Option<(i64, String)> {
    let mut upheld = 0;
    let mut other_path = None;
    idx.get(&format!("t4.{}.total", groups[0]))?;
    for g in groups {
        // A blank cell in a group with no cases reads as none.
        upheld = i64::checked_add(upheld, idx.count(&format!("t4.{g}.upheld")).unwrap_or(0))?;
        for c in ["pending", "corrected", "other"] {
            let p = format!("t4.{g}.{c}");
            if idx.count(&p).unwrap_or(0) > 0 && other_path.is_none() {
                other_path = Some(p);
            }
        }
    }
    Some((
        upheld,
        other_path.unwrap_or_else(|| format!("t4.{}.upheld", groups[0])),
    ))
}

/// The table's value for a claim, and the path it is compared with.
fn table_value(kind: ClaimKind, report: &Report, idx: &CellIndex<'_>) -> Option<(i64, String)> {
    let f = report.format();
    let rows = |prefix: &str| -> Option<i64> {
        let rs = rows_with_prefix(f, prefix);
        let refs: Vec<&str> = rs.iter().map(String::as_str).collect();
        sum_rows(idx, &refs)
    };
    let t4 = |groups: &[&str]| -> Option<i64> {
        let mut s = 0;
        for g in groups {
            s = i64::checked_add(s, idx.count(&format!("t4.{g}.total"))?)?;
        }
        Some(s)
    };
    Some(match kind {
        ClaimKind::Received => (
            sum_rows(idx, &["new_received"])?,
            "t3.new_received.total".into(),
        ),
        ClaimKind::CarriedOver => (
            sum_rows(idx, &["carried_over"])?,
            "t3.carried_over.total".into(),
        ),
        ClaimKind::Handled => (
            sum_rows(idx, &["outcome.total"])?,
            "t3.outcome.total.total".into(),
        ),
        ClaimKind::CarriedForward => (
            sum_rows(idx, &["carried_forward"])?,
            "t3.carried_forward.total".into(),
        ),
        ClaimKind::DisclosedOrPartly => (
            sum_rows(idx, &["outcome.disclosed", "outcome.partly_disclosed"])?,
            "t3.outcome.disclosed".into(),
        ),
        ClaimKind::Disclosed => (
            sum_rows(idx, &["outcome.disclosed"])?,
            "t3.outcome.disclosed.total".into(),
        ),
        ClaimKind::PartlyDisclosed => (
            sum_rows(idx, &["outcome.partly_disclosed"])?,
            "t3.outcome.partly_disclosed.total".into(),
        ),
        ClaimKind::Withheld => (rows("outcome.withheld.")?, "t3.outcome.withheld".into()),
        ClaimKind::Unable => (rows("outcome.unable.")?, "t3.outcome.unable".into()),
        ClaimKind::Rejected => (rows("outcome.rejected.")?, "t3.outcome.rejected".into()),
        ClaimKind::OtherHandling => {
            // A 2021 table printing the group as one row: its total, the
            // sub-rows being absent; else the sum of the group's rows.
            use crate::template::{OTHER_SUB_ROWS, OTHER_TOTAL_ROW};
            let sub_rows_absent = OTHER_SUB_ROWS.iter().all(|r| {
                idx.get(&format!("t3.{r}.total"))
                    .is_some_and(|c| c.state() == crate::cell::CellState::Absent)
            });
            let v = match idx.get(&format!("t3.{OTHER_TOTAL_ROW}.total")) {
                Some(_) if sub_rows_absent => sum_rows(idx, &[OTHER_TOTAL_ROW])?,
                _ => sum_rows(
                    idx,
                    &rows_with_prefix(f, "outcome.other")
                        .iter()
                        .map(String::as_str)
                        .filter(|r| *r != OTHER_TOTAL_ROW)
                        .collect::<Vec<_>>(),
                )?,
            };
            (v, "t3.outcome.other".into())
        }
        ClaimKind::Reviews => (t4(&["review"])?, "t4.review.total".into()),
        ClaimKind::Lawsuits => (
            t4(&["litigation_direct", "litigation_after_review"])?,
            "t4.litigation_direct.total".into(),
        ),
        ClaimKind::ReviewsAndLawsuits => (t4(&T4_GROUPS)?, "t4".into()),
        ClaimKind::NormativeIssued => return None,
        ClaimKind::ReviewsAllUpheld => all_upheld(idx, &["review"])?,
        ClaimKind::LawsuitsAllUpheld => {
            all_upheld(idx, &["litigation_direct", "litigation_after_review"])?
        }
        ClaimKind::NormativeInForce => {
            let col = if f == Format::F2021 {
                "in_force"
            } else {
                "published_total"
            };
            let p = format!("t2.normative_documents.{col}");
            (idx.count(&p)?, p)
        }
    })
}

/// `prose.mismatch` and `prose.counts_carried_over`: figures in the overview and
/// the table sections against the tables.
pub fn check_prose(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let s = &report.sections;
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for text in [&s.overview, &s.proactive, &s.requests, &s.review_litigation]
        .into_iter()
        .flatten()
    {
        for claim in extract_claims(text) {
            let Some((table, path)) = table_value(claim.kind, report, idx) else {
                continue;
            };
            if !seen.insert((claim.kind, claim.value)) || claim.value == table {
                continue;
            }
            let ctx = claim.context.clone();
            if claim.kind == ClaimKind::Received {
                if let Some(over) = idx.row_total("carried_over") {
                    if over > 0 && Some(claim.value) == table.checked_add(over) {
                        out.push(
                            Finding::new(
                                Code::ProseCountsCarriedOver,
                                path,
                                format!(
                                    "正文“{ctx}”称收到 {} 件，等于表中本年新收 {table} 件加上年结转 {over} 件（按包含结转的口径可接受）",
                                    claim.value
                                ),
                                format!(
                                    "the text ({ctx}) says {} received, which is new_received {table} plus carried_over {over}: acceptable if carried-over requests are counted",
                                    claim.value
                                ),
                            )
                            .numbers(table, claim.value),
                        );
                        continue;
                    }
                }
            }
            out.push(
                Finding::new(
                    Code::ProseMismatch,
                    path.clone(),
                    format!(
                        "正文“{ctx}”为 {} 件，表格（{}）为 {table} 件",
                        claim.value,
                        crate::labels::label_or_path(&path, "zh")
                    ),
                    format!(
                        "the text ({ctx}) says {}, the table ({}) says {table}",
                        claim.value,
                        crate::labels::label_or_path(&path, "en")
                    ),
                )
                .numbers(table, claim.value),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(ClaimKind, i64)> {
        extract_claims(t)
            .into_iter()
            .map(|c| (c.kind, c.value))
            .collect()
    }

    #[test]
    fn reads_received_handled_and_carried_forward() {
        assert_eq!(
            kinds("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"),
            vec![
                (ClaimKind::Received, 70),
                (ClaimKind::Handled, 69),
                (ClaimKind::CarriedForward, 1)
            ]
        );
    }

    #[test]
    fn claims_name_the_row_their_words_mean() {
        assert_eq!(
            kinds("本年度共收到政府信息公开申请10件，同意公开答复9件，转下一年度办理1件。"),
            vec![
                (ClaimKind::Received, 10),
                (ClaimKind::Disclosed, 9),
                (ClaimKind::CarriedForward, 1)
            ]
        );
    }

    #[test]
    fn a_group_with_an_unread_row_is_not_compared_as_if_whole() {
        use crate::cell::CellMut;
        let mut r = Report::empty(Format::F2021);
        for row in ["no_correction", "unpaid_fee"] {
            for c in crate::template::T3_COLUMNS {
                if let Some(mut cell) = r.get_mut(&format!("t3.outcome.other.{row}.{c}")) {
                    cell.set_unread("row not found in the text");
                }
            }
        }
        if let Some(CellMut::Count(c)) = r.get_mut("t3.outcome.other.other.total") {
            *c = crate::cell::Cell::Value(3);
        }
        r.sections.requests = Some("收到申请20件，其中其他处理14件。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert!(fs.iter().all(|f| f.code != Code::ProseMismatch), "{fs:?}");
        // With the group whole, the figure is compared with the whole group.
        for row in ["no_correction", "unpaid_fee"] {
            for c in crate::template::T3_COLUMNS {
                if let Some(mut cell) = r.get_mut(&format!("t3.outcome.other.{row}.{c}")) {
                    cell.set_count(0);
                }
            }
        }
        if let Some(mut cell) = r.get_mut("t3.outcome.other.unpaid_fee.total") {
            cell.set_count(5);
        }
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        let m: Vec<_> = fs
            .iter()
            .filter(|f| f.code == Code::ProseMismatch)
            .collect();
        assert_eq!(m.len(), 1, "{fs:?}");
        assert_eq!((m[0].expected, m[0].actual), (Some(8), Some(14)));
        assert_eq!(m[0].path, "t3.outcome.other");
    }

    #[test]
    fn skips_hotlines_and_mailboxes() {
        assert!(kinds("区长信箱共受理各类信件156件，办结156件。").is_empty());
        assert!(kinds("通过12345平台受理诉求2840件，已办理2840件。").is_empty());
    }

    #[test]
    fn reads_outcome_categories_across_pdf_wraps() {
        assert_eq!(
            kinds("予以公开及部\n分公开 208 件（17.46%），不予公开 20 件，因本机关不掌握等原因无法提供 564 件，申请"),
            vec![
                (ClaimKind::DisclosedOrPartly, 208),
                (ClaimKind::Withheld, 20),
                (ClaimKind::Unable, 564)
            ]
        );
    }

    #[test]
    fn reads_reviews_and_lawsuits() {
        assert_eq!(
            kinds("信息公开类行政复议7件，诉讼9件。"),
            vec![(ClaimKind::Reviews, 7), (ClaimKind::Lawsuits, 9)]
        );
        assert_eq!(
            kinds("被申请行政复议2件、提起行政诉讼1件。"),
            vec![(ClaimKind::Reviews, 2), (ClaimKind::Lawsuits, 1)]
        );
        assert_eq!(
            kinds("行政复议、行政诉讼案件74件。"),
            vec![(ClaimKind::ReviewsAndLawsuits, 74)]
        );
    }

    #[test]
    fn reads_all_upheld() {
        let k = kinds("信息公开类行政复议7件，诉讼9件，均获维持。");
        assert!(k.contains(&(ClaimKind::ReviewsAllUpheld, 7)));
        assert!(k.contains(&(ClaimKind::LawsuitsAllUpheld, 9)));
    }

    #[test]
    fn ignores_changes_over_last_year() {
        assert!(kinds("收到申请同比增加5件。").is_empty());
    }
}
