//! Figures stated in the prose, checked against the tables (`prose.mismatch`).
//!
//! The text is cut into sentences and clauses; each `N件` is read with the
//! words before it (or, when those name nothing, the words after it) and
//! classified by keywords. Sentences about other channels (mailboxes,
//! hotlines, 12345 tickets…) are skipped.
//!
//! Every claim records what it is compared with ([`ClaimKind::target`],
//! [`report_claims`]). A figure that a sentence about requests, reviews or
//! lawsuits states but whose words name no row with confidence is
//! [`ClaimKind::Unmapped`]: it is never compared, only named in the note
//! `prose.unmapped`.

use crate::finding::{Code, Finding};
use crate::id::{CellId, RowId, T2Col, T3Group, T3Row};
use crate::index::CellIndex;
use crate::report::{Report, SectionId};
use crate::schema::{Format, TableId};
use crate::schema::{T2Row, T3Col, T4Col, T4Group};
use crate::template::{Roles, Template, OTHER_TOTAL_ROW};
use crate::text::{has_word, normalize_prose, word_indices};
use serde::Serialize;
use std::collections::HashSet;

/// What a figure in the prose claims to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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
    /// A count in a sentence about requests, reviews or lawsuits whose words
    /// name no row of the tables with confidence ("自然人申请741件", "网络申请5件",
    /// "本办不掌握相关政府信息2件"): never compared, only noted (`prose.unmapped`).
    Unmapped,
}

/// What a claim is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    /// The path a finding about the claim points at: a cell (`t3.new_received.total`),
    /// a table 3 group (`t3.outcome.withheld`), a row or a table (`t4`).
    pub path: String,
    /// The cells whose values are added up for the comparison, in template order
    /// (`t3.outcome.withheld.state_secret.total`, …).
    pub cells: Vec<String>,
}

impl ClaimKind {
    /// What a claim of this kind is compared with in a report of `format`;
    /// `None` for [`ClaimKind::Unmapped`]. [`ClaimKind::NormativeIssued`] names
    /// its cell but is not checked (it only settles run-together digits), and for
    /// the "all upheld" kinds a finding points at the first cell that contradicts
    /// them (pending, corrected, other) when there is one.
    pub fn target(self, format: Format) -> Option<Target> {
        let (path, cells) = self.target_cells(format)?;
        Some(Target {
            path,
            cells: cells.iter().map(|c| c.to_string()).collect(),
        })
    }

    /// [`ClaimKind::target`], typed: the path a finding points at, and the cells.
    pub(crate) fn target_cells(self, format: Format) -> Option<(String, Vec<CellId>)> {
        let cell = |c: CellId| (c.to_string(), vec![c]);
        // A table 3 group: its rows' totals, in template order. The (六)
        // group's total row stands for its sub-rows only when they are
        // absent (see `table_value`), so it is not one of them.
        let group = |g: T3Group| {
            let rows = Template::get(format).outcome_rows.iter().copied();
            let cells = rows
                .filter(|&r| g.contains(r))
                .map(|r| r.cell(T3Col::Total));
            (g.path().to_string(), cells.collect())
        };
        let cells = |first: CellId, rest: &[CellId]| {
            let mut v = vec![first];
            v.extend_from_slice(rest);
            (first.to_string(), v)
        };
        let total = |r: T3Row| r.cell(T3Col::Total);
        let (review, direct, after) = (
            T4Group::Review,
            T4Group::LitigationDirect,
            T4Group::LitigationAfterReview,
        );
        let normative = |c: T2Col| cell(T2Row::NormativeDocuments.cell(c));
        let roles = Roles::of(format);
        Some(match self {
            ClaimKind::Received => cell(total(T3Row::NewReceived)),
            ClaimKind::CarriedOver => cell(total(T3Row::CarriedOver)),
            ClaimKind::Handled => cell(total(T3Row::Total)),
            ClaimKind::CarriedForward => cell(total(T3Row::CarriedForward)),
            ClaimKind::DisclosedOrPartly => {
                let (_, v) = cells(total(T3Row::Disclosed), &[total(T3Row::PartlyDisclosed)]);
                (RowId::T3(T3Row::Disclosed).path(), v)
            }
            ClaimKind::Disclosed => cell(total(T3Row::Disclosed)),
            ClaimKind::PartlyDisclosed => cell(total(T3Row::PartlyDisclosed)),
            ClaimKind::Withheld => group(T3Group::Withheld),
            ClaimKind::Unable => group(T3Group::Unable),
            ClaimKind::Rejected => group(T3Group::Rejected),
            // One row in 2019, three in 2021.
            ClaimKind::OtherHandling => group(T3Group::Other),
            ClaimKind::Reviews => cell(review.cell(T4Col::Total)),
            ClaimKind::Lawsuits => cells(direct.cell(T4Col::Total), &[after.cell(T4Col::Total)]),
            ClaimKind::ReviewsAndLawsuits => {
                let all = T4Group::ALL.iter().map(|g| g.cell(T4Col::Total));
                (TableId::T4.key().to_string(), all.collect())
            }
            ClaimKind::NormativeInForce => normative(roles.documents_stock),
            ClaimKind::NormativeIssued => normative(roles.documents_made),
            ClaimKind::ReviewsAllUpheld => cell(review.cell(T4Col::Upheld)),
            ClaimKind::LawsuitsAllUpheld => {
                cells(direct.cell(T4Col::Upheld), &[after.cell(T4Col::Upheld)])
            }
            ClaimKind::Unmapped => return None,
        })
    }

    /// Does the kind count normative documents (table 2)?
    pub(crate) fn is_document(self) -> bool {
        matches!(
            self,
            ClaimKind::NormativeInForce | ClaimKind::NormativeIssued
        )
    }

    /// Does the kind count something tables 3 or 4 hold (requests, reviews, lawsuits)?
    fn is_request_or_case(self) -> bool {
        !matches!(
            self,
            ClaimKind::NormativeInForce | ClaimKind::NormativeIssued | ClaimKind::Unmapped
        )
    }
}

/// One figure read from the prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// What it counts.
    pub kind: ClaimKind,
    /// The number.
    pub value: i64,
    /// The words around it (for an unmapped figure: the words that name it).
    pub context: String,
}

/// A claim of a report's prose, with where it was read and what it was mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappedClaim {
    /// The section it was read from (one of 一 to 四; JSON writes its key,
    /// `overview`, `proactive`, `requests` or `review_litigation`).
    pub section: SectionId,
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
    /// What it is compared with in this report's format (`None` when unmapped).
    pub target: Option<Target>,
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

/// Is the sentence about another channel (mailboxes, hotlines, proposals…)?
/// "行政复议案件" holds 议案 (a motion) without being one.
fn about_other_channel(sentence: &str) -> bool {
    let s = if has_word(sentence, "复议案") {
        std::borrow::Cow::Owned(sentence.replace("复议案", "复议"))
    } else {
        std::borrow::Cow::Borrowed(sentence)
    };
    SKIP_SENTENCE.iter().any(|k| has_word(&s, k))
}

/// Is the clause about a change over last year (its figure is a difference, not a count)?
fn speaks_of_change(seg: &str) -> bool {
    CHANGE_WORDS.iter().any(|k| has_word(seg, k))
}

/// Words that make a sentence read as a count of what tables 3 and 4 hold.
const REQUEST_OR_CASE_WORDS: [&str; 4] = ["申请", "答复", "复议", "诉讼"];

/// Words that say a request is still being handled ("继续办理"): not handled.
const PENDING_WORDS: [&str; 7] = [
    "继续办理",
    "正在办理",
    "尚在办理",
    "仍在办理",
    "办理中",
    "待办理",
    "未办理",
];

/// Words for requests received.
const RECEIVED_WORDS: [&str; 4] = ["收到", "受理", "新收", "共收"];

/// Words that say documents were issued (制发/印发规范性文件).
const ISSUED_WORDS: [&str; 4] = ["制发", "印发", "出台", "制定"];

/// Words for requests carried forward to next year.
const CARRIED_FORWARD_WORDS: [&str; 9] = [
    "结转下",
    "结转至下",
    "结转到下",
    "转入下",
    "顺延",
    "下年度",
    "转下一年",
    "转至下一年",
    "转入下一年",
];

/// Words for requests handled (besides a bare 办理, read apart).
const HANDLED_WORDS: [&str; 5] = ["办结", "答复", "办理完结", "已办理", "处理完毕"];

/// The kinds of table 3 outcome groups named by one word each, in the order
/// they are tried (after 予以公开 and 部分公开).
const OUTCOME_WORDS: [(&str, ClaimKind); 4] = [
    ("不予公开", ClaimKind::Withheld),
    ("无法提供", ClaimKind::Unable),
    ("不予处理", ClaimKind::Rejected),
    ("其他处理", ClaimKind::OtherHandling),
];

/// The kind of the figure `seg` names. `sentence` is the whole sentence (for
/// "相关案件" naming the reviews or lawsuits the sentence speaks of) and
/// `sentence_has_request` whether it (or the one before) is about requests.
fn classify(seg: &str, sentence: &str, sentence_has_request: bool) -> Option<ClaimKind> {
    if speaks_of_change(seg) {
        return None;
    }
    if let Some(kind) = CasesNamed::by(seg, sentence).kind() {
        return Some(kind);
    }
    if let Some(kind) = document_kind(seg) {
        return Some(kind);
    }
    if !sentence_has_request {
        return None;
    }
    outcome_kind(seg).or_else(|| request_flow_kind(seg))
}

/// The cases a figure's words name: reviews (复议), lawsuits (诉讼), both or neither.
#[derive(Clone, Copy)]
struct CasesNamed {
    reviews: bool,
    lawsuits: bool,
}

impl CasesNamed {
    /// The cases `seg` names, or, when it names "案件" but neither kind
    /// ("…行政复议、行政诉讼案件的应诉工作，共办理相关案件74件"), those `sentence` names.
    fn by(seg: &str, sentence: &str) -> CasesNamed {
        let has = |k: &str| has_word(seg, k);
        if !has("复议") && !has("诉讼") && has("案件") {
            CasesNamed {
                reviews: has_word(sentence, "复议"),
                lawsuits: has_word(sentence, "诉讼"),
            }
        } else {
            CasesNamed {
                reviews: has("复议"),
                lawsuits: has("诉讼"),
            }
        }
    }

    /// The kind of a figure counting these cases; `None` when it names none.
    fn kind(self) -> Option<ClaimKind> {
        match (self.reviews, self.lawsuits) {
            (true, true) => Some(ClaimKind::ReviewsAndLawsuits),
            (true, false) => Some(ClaimKind::Reviews),
            (false, true) => Some(ClaimKind::Lawsuits),
            (false, false) => None,
        }
    }
}

/// The kind of a figure of normative documents (in force, or issued) that
/// `seg` names; `None` for rules (规章) and for other words.
fn document_kind(seg: &str) -> Option<ClaimKind> {
    let has = |k: &str| has_word(seg, k);
    if has(DOCUMENTS) && has("现行有效") && !has("规章") {
        return Some(ClaimKind::NormativeInForce);
    }
    if has(DOCUMENTS) && ISSUED_WORDS.iter().any(|k| has(k)) && !has("规章") && !has("等") {
        return Some(ClaimKind::NormativeIssued);
    }
    None
}

/// The kind of a table 3 outcome (disclosed, withheld…) that `seg` names.
fn outcome_kind(seg: &str) -> Option<ClaimKind> {
    let has = |k: &str| has_word(seg, k);
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
    OUTCOME_WORDS
        .iter()
        .find(|(k, _)| has(k))
        .map(|&(_, kind)| kind)
}

/// The kind of a count of requests carried over, carried forward, handled or
/// received that `seg` names.
fn request_flow_kind(seg: &str) -> Option<ClaimKind> {
    let has = |k: &str| has_word(seg, k);
    if (has("上年") || has("上一年")) && has("结转") {
        return Some(ClaimKind::CarriedOver);
    }
    if CARRIED_FORWARD_WORDS.iter().any(|k| has(k)) {
        return Some(ClaimKind::CarriedForward);
    }
    if HANDLED_WORDS.iter().any(|k| has(k)) {
        return Some(ClaimKind::Handled);
    }
    let received = RECEIVED_WORDS.iter().any(|k| has(k));
    // "共办理718件": handled, unless the words say it is still being handled,
    // or also name the requests received ("受理并办理").
    if has("办理") && !received && !PENDING_WORDS.iter().any(|k| has(k)) {
        return Some(ClaimKind::Handled);
    }
    received.then_some(ClaimKind::Received)
}

/// Does the text hold a count ("N件", digits before 件, spaces allowed)?
fn states_a_count(raw: &str) -> bool {
    word_indices(raw, "件").any(|i| {
        raw[..i]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    })
}

/// The words that name an unmapped figure: those before it up to the one
/// before ("自然人申请741件"), or, when nothing stands before it, those after it too.
fn naming_words(before: &str, digits: &str, after: &str) -> String {
    let before = before.trim_start_matches(['、', '，', ',', '及', '和', '与']);
    if before.chars().count() <= 3 {
        format!("{before}{digits}件{after}")
    } else {
        format!("{before}{digits}件")
    }
}

/// Reads the figures a text states about requests, reviews, lawsuits and
/// documents, in the order of the text.
///
/// A figure `N件` whose words name no kind is [`ClaimKind::Unmapped`] when its
/// sentence reads as a count of what tables 3 and 4 hold: the sentence names
/// 申请, 答复, 复议 or 诉讼, or another of its figures was mapped to a row of
/// table 3 or 4. Counts in other sentences (documents published, meetings,
/// trainings, tickets of other channels) are left out, and so are figures
/// whose words speak of a change over last year (同比, 增加…): those are
/// differences, not counts.
pub fn extract_claims(text: &str) -> Vec<Claim> {
    claims_read(text, Reading::All)
}

/// The figures of normative documents (in force, issued) a text states: the
/// claims of those kinds [`extract_claims`] gives, for settling table 2's
/// digits. Only the figures of sentences naming 规范性文件 are read; every
/// sentence with a figure is still normalised, as whether it speaks of
/// requests can decide the kind of a figure in the sentence after it
/// ("收到申请。办结3件制发规范性文件。": handled, not issued).
pub(crate) fn document_claims(text: &str) -> impl Iterator<Item = Claim> {
    claims_read(text, Reading::Documents)
        .into_iter()
        .filter(|c| c.kind.is_document())
}

/// The words a figure of normative documents names (in force or issued).
const DOCUMENTS: &str = "规范性文件";

/// Which sentences [`claims_read`] reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Every sentence.
    All,
    /// The figures of those naming 规范性文件 once normalised (the claims
    /// of other kinds read from them are for the caller to leave out).
    Documents,
}

/// The claims of [`extract_claims`], from the sentences `reading` names
/// (each sentence's context, whether it speaks of requests, is kept for
/// the next in either reading).
fn claims_read(text: &str, reading: Reading) -> Vec<Claim> {
    let mut out = Vec::new();
    let mut prev_has_request = false;
    // Sentences are cut on the raw text and only those with a figure (件) are
    // normalised: most of a report's prose names no count.
    for raw in crate::text::sentences(text) {
        if !states_a_count(raw) {
            let mentions = has_word(raw, "申请");
            prev_has_request = mentions
                || (prev_has_request && !raw.trim().is_empty() && raw.chars().count() < 40);
            continue;
        }
        let sentence = normalize_prose(raw);
        let sentence = sentence.as_str();
        let mentions = has_word(sentence, "申请");
        // A list of outcomes often follows the sentence that names the requests.
        let has_request = mentions || prev_has_request;
        prev_has_request =
            mentions || (prev_has_request && !sentence.is_empty() && sentence.chars().count() < 40);
        if reading == Reading::Documents && !has_word(sentence, DOCUMENTS) {
            continue;
        }
        if !sentence.contains('件') || about_other_channel(sentence) {
            continue;
        }
        let sentence = Sentence {
            text: sentence,
            has_request,
        };
        sentence_claims(sentence, &mut out);
    }
    out
}

/// Words that say every case a sentence names was upheld ("均获维持").
const UPHELD_WORDS: [&str; 5] = ["均获维持", "均被维持", "全部维持", "均维持", "全部获得维持"];

/// A sentence whose figures are read: its normalised text, and whether it (or
/// the one before) is about requests.
#[derive(Clone, Copy)]
struct Sentence<'s> {
    text: &'s str,
    has_request: bool,
}

/// A figure read from a sentence: its claim, and whether a kind fits its words
/// (an unmapped one is kept only when the sentence is about requests or cases).
struct Figure {
    claim: Claim,
    mapped: bool,
}

/// Where a figure stands in its clause, in bytes: the words before it
/// from `from`, its digits from `start`, its 件 at `end`, the words after it
/// up to `to`.
#[derive(Clone, Copy)]
struct Span {
    from: usize,
    start: usize,
    end: usize,
    to: usize,
}

/// The claims of one sentence, appended to `out` in order: its figures (the
/// unmapped ones only when it is about requests or cases), then what
/// "均获维持" says of the reviews and lawsuits it names.
fn sentence_claims(sentence: Sentence<'_>, out: &mut Vec<Claim>) {
    let mut figures: Vec<Figure> = Vec::new();
    for clause in sentence.text.split([',', '，', '(', ')', ':', '：']) {
        clause_figures(clause, sentence, &mut figures);
    }
    let about_requests = REQUEST_OR_CASE_WORDS
        .iter()
        .any(|k| has_word(sentence.text, k))
        || figures
            .iter()
            .any(|f| f.mapped && f.claim.kind.is_request_or_case());
    let first = out.len();
    out.extend(
        figures
            .into_iter()
            .filter(|f| f.mapped || about_requests)
            .map(|f| f.claim),
    );
    // "行政复议7件，诉讼9件，均获维持": every case the sentence names was upheld.
    if UPHELD_WORDS.iter().any(|k| has_word(sentence.text, k)) {
        let upheld = upheld_claims(&out[first..]);
        out.extend(upheld);
    }
}

/// The figures of one clause of `sentence`, in order, appended to `figures`.
fn clause_figures(clause: &str, sentence: Sentence<'_>, figures: &mut Vec<Figure>) {
    let hits = count_positions(clause);
    let mut from = 0;
    for (k, &(start, end)) in hits.iter().enumerate() {
        let after_unit = end + UNIT.len_utf8();
        let to = hits
            .get(k + 1)
            .map_or(clause.len(), |h| h.0)
            .max(after_unit);
        let at = Span {
            from,
            start,
            end,
            to,
        };
        figures.extend(read_figure(clause, at, sentence));
        from = after_unit;
    }
}

/// The unit a count of the prose ends with.
const UNIT: char = '件';

/// Byte positions of "N件" in a clause: (start of the digits, index of 件).
fn count_positions(clause: &str) -> Vec<(usize, usize)> {
    let bytes = clause.as_bytes();
    clause
        .match_indices(UNIT)
        .filter_map(|(i, _)| {
            let digits = bytes[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_digit())
                .count();
            (digits > 0).then_some((i - digits, i))
        })
        .collect()
}

/// The figure at `at` (byte offsets in `clause`): a claim of the kind its
/// words name (those before it, or after it when few stand before), else an
/// unmapped claim unless its words speak of a change; `None` too when its
/// digits are no `i64`.
fn read_figure(clause: &str, at: Span, sentence: Sentence<'_>) -> Option<Figure> {
    let digits = &clause[at.start..at.end];
    let Ok(value) = digits.parse::<i64>() else {
        return None;
    };
    let before = &clause[at.from..at.start];
    let after = &clause[at.end + UNIT.len_utf8()..at.to];
    // "1件结转下年度": the keyword follows the number.
    let after_counts = before.chars().count() <= 3;
    let (text, has_request) = (sentence.text, sentence.has_request);
    let kind = classify(before, text, has_request).or_else(|| {
        after_counts
            .then(|| classify(after, text, has_request))
            .flatten()
    });
    let context = clause[at.from..at.to].to_string();
    let change = speaks_of_change(before) || (after_counts && speaks_of_change(after));
    if let Some(kind) = kind {
        Some(Figure {
            claim: Claim {
                kind,
                value,
                context,
            },
            mapped: true,
        })
    } else if !change {
        Some(Figure {
            claim: Claim {
                kind: ClaimKind::Unmapped,
                value,
                context: naming_words(before, digits, after),
            },
            mapped: false,
        })
    } else {
        None
    }
}

/// What "均获维持" says of a sentence's claims: the reviews and the lawsuits
/// it names last (unmapped figures aside), last first, were all upheld.
fn upheld_claims(claims: &[Claim]) -> Vec<Claim> {
    let named: Vec<Claim> = claims
        .iter()
        .rev()
        .filter(|c| c.kind != ClaimKind::Unmapped)
        .take_while(|c| {
            matches!(
                c.kind,
                ClaimKind::Reviews | ClaimKind::Lawsuits | ClaimKind::ReviewsAndLawsuits
            )
        })
        .cloned()
        .collect();
    let mut out = Vec::new();
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
    out
}

/// The claims of a report's sections 一 to 四 (overview, proactive, requests,
/// review_litigation), in order, each with what it is compared with.
pub fn report_claims(report: &Report) -> Vec<MappedClaim> {
    let s = &report.sections;
    let mut out = Vec::new();
    for section in [
        SectionId::Overview,
        SectionId::Proactive,
        SectionId::Requests,
        SectionId::ReviewLitigation,
    ] {
        let Some(text) = s.section(section) else {
            continue;
        };
        for claim in extract_claims(text) {
            out.push(MappedClaim {
                section,
                target: claim.kind.target(report.format()),
                claim,
            });
        }
    }
    out
}

/// Is a cell in this state one the text did not settle (ambiguous, invalid,
/// unread)? A figure compared without it would be compared with part of a sum.
fn unsettled(state: crate::cell::CellState) -> bool {
    use crate::cell::CellState;
    matches!(
        state,
        CellState::Ambiguous | CellState::Invalid | CellState::Unread
    )
}

/// The sum of the rows' totals; `None` when no row holds a figure, or when
/// one holds a cell the text did not settle (ambiguous, invalid, unread): a
/// group summed without it would be compared as if it were whole.
fn sum_rows(idx: &CellIndex<'_>, rows: &[T3Row]) -> Option<i64> {
    let mut s = 0;
    let mut any = false;
    for &r in rows {
        let unsettled = T3Col::ALL.iter().any(|&c| {
            idx.get(r.cell(c))
                .is_some_and(|cell| unsettled(cell.state()))
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

/// For "all upheld": the number upheld, and the first cell that says otherwise
/// (pending, corrected or other results), or the upheld cell when none does.
/// `None` when a cell of the groups is one the text did not settle
/// (ambiguous, invalid, unread): its cases are not known to be none.
fn all_upheld(idx: &CellIndex<'_>, groups: &[T4Group]) -> Option<(i64, String)> {
    let mut upheld = 0;
    let mut other = None;
    idx.get(groups[0].cell(T4Col::Total))?;
    let unsettled = groups.iter().any(|&g| {
        T4Col::ALL.iter().any(|&c| {
            idx.get(g.cell(c))
                .is_some_and(|cell| unsettled(cell.state()))
        })
    });
    if unsettled {
        return None;
    }
    for &g in groups {
        // A blank cell in a group with no cases reads as none.
        upheld = i64::checked_add(upheld, idx.count(g.cell(T4Col::Upheld)).unwrap_or(0))?;
        for c in [T4Col::Pending, T4Col::Corrected, T4Col::Other] {
            if idx.count(g.cell(c)).unwrap_or(0) > 0 && other.is_none() {
                other = Some(g.cell(c));
            }
        }
    }
    let at = other.unwrap_or(groups[0].cell(T4Col::Upheld));
    Some((upheld, at.to_string()))
}

/// Does table 3 print (六)其他处理 as one row (its total read, its 2021
/// sub-rows absent)?
fn other_printed_as_one_row(idx: &CellIndex<'_>) -> bool {
    idx.get(OTHER_TOTAL_ROW.cell(T3Col::Total)).is_some()
        && Roles::of(Format::F2021).other_rows.iter().all(|r| {
            idx.get(r.cell(T3Col::Total))
                .is_some_and(|c| c.state() == crate::cell::CellState::Absent)
        })
}

/// The table's value for a claim, and the path a finding about it points at.
fn table_value(kind: ClaimKind, report: &Report, idx: &CellIndex<'_>) -> Option<(i64, String)> {
    let (path, cells) = kind.target_cells(report.format())?;
    match kind {
        ClaimKind::NormativeIssued | ClaimKind::Unmapped => None,
        ClaimKind::ReviewsAllUpheld => all_upheld(idx, &[T4Group::Review]),
        ClaimKind::LawsuitsAllUpheld => all_upheld(
            idx,
            &[T4Group::LitigationDirect, T4Group::LitigationAfterReview],
        ),
        ClaimKind::OtherHandling if other_printed_as_one_row(idx) => {
            Some((sum_rows(idx, &[OTHER_TOTAL_ROW])?, path))
        }
        _ if cells.iter().all(|c| matches!(c, CellId::T3(..))) => {
            // Table 3: the rows' totals (their applicant columns' sum when blank).
            let rows: Vec<T3Row> = cells
                .iter()
                .filter_map(|c| match c {
                    CellId::T3(r, _) => Some(*r),
                    _ => None,
                })
                .collect();
            Some((sum_rows(idx, &rows)?, path))
        }
        _ => {
            let mut s = 0;
            for &c in &cells {
                s = i64::checked_add(s, idx.count(c)?)?;
            }
            Some((s, path))
        }
    }
}

/// `prose.mismatch`, `prose.counts_carried_over` and `prose.unmapped`: figures
/// in the overview and the table sections against the tables.
///
/// A mismatch names in `related` the cells its figure was compared with, other
/// than its path (`expected` is the sum of them all). Unmapped figures give one note per section, listing
/// their words; a figure already listed for an earlier section is not listed again.
pub fn check_prose(report: &Report, idx: &CellIndex<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut compared = HashSet::new();
    let mut unmapped = UnmappedWords::default();
    for mapped in report_claims(report) {
        if mapped.claim.kind == ClaimKind::Unmapped {
            unmapped.add(mapped.section, mapped.claim.context);
            continue;
        }
        if let Some(d) = Disagreement::of(mapped, report, idx, &mut compared) {
            out.push(d.finding(idx));
        }
    }
    out.extend(unmapped.findings());
    out
}

/// A figure of the prose that its table contradicts: the claim, what it was
/// compared with, and the table's value there.
struct Disagreement {
    /// The figure.
    claim: Claim,
    /// What the claim is compared with (its cells are the finding's `related`).
    target: Option<Target>,
    /// The table's value.
    table: i64,
    /// The path the finding points at.
    path: String,
}

impl Disagreement {
    /// Compares a mapped claim with the table. `None` when the table holds no
    /// value for it, when the same kind and figure was compared before
    /// (`compared`), or when the table agrees.
    fn of(
        mapped: MappedClaim,
        report: &Report,
        idx: &CellIndex<'_>,
        compared: &mut HashSet<(ClaimKind, i64)>,
    ) -> Option<Disagreement> {
        let MappedClaim { claim, target, .. } = mapped;
        let (table, path) = table_value(claim.kind, report, idx)?;
        if !compared.insert((claim.kind, claim.value)) || claim.value == table {
            return None;
        }
        Some(Disagreement {
            claim,
            target,
            table,
            path,
        })
    }

    /// The finding: `prose.counts_carried_over` when the figure is requests
    /// received plus those carried over, else `prose.mismatch`.
    fn finding(self, idx: &CellIndex<'_>) -> Finding {
        match self.carried_over_counted(idx) {
            Some(over) => self.counts_carried_over(over),
            None => self.mismatch(),
        }
    }

    /// For a count of requests received: the requests carried over (more than
    /// none) when the figure is the table's new requests plus them.
    fn carried_over_counted(&self, idx: &CellIndex<'_>) -> Option<i64> {
        if self.claim.kind != ClaimKind::Received {
            return None;
        }
        let over = idx.row_total(T3Row::CarriedOver)?;
        (over > 0 && Some(self.claim.value) == self.table.checked_add(over)).then_some(over)
    }

    /// `prose.counts_carried_over`: the figure counts the `over` requests carried over too.
    fn counts_carried_over(self, over: i64) -> Finding {
        let Disagreement {
            claim, table, path, ..
        } = self;
        let ctx = &claim.context;
        Finding::new(
            Code::ProseCountsCarriedOver,
            path,
            format!(
                "正文“{ctx}”称收到 {} 件，等于表中本年新收 {table} 件加上年结转 {over} 件（按包含结转的口径可接受）",
                claim.value
            ),
            format!(
                "the text ({ctx}) says {} received, which is {table} {} plus {over} {}: acceptable if carried-over requests are counted",
                claim.value,
                T3Row::NewReceived.label("en"),
                T3Row::CarriedOver.label("en")
            ),
        )
        .numbers(table, claim.value)
    }

    /// `prose.mismatch`, naming in `related` the other cells compared.
    fn mismatch(self) -> Finding {
        let Disagreement {
            claim,
            target,
            table,
            path,
        } = self;
        let ctx = &claim.context;
        let cells = target.map(|t| t.cells).unwrap_or_default();
        let compared = |lang: &str| compared_label(claim.kind, &path, &cells, lang);
        let (zh, en) = (compared("zh"), compared("en"));
        let related = cells.into_iter().filter(|c| *c != path).collect();
        Finding::new(
            Code::ProseMismatch,
            path.clone(),
            format!(
                "正文“{ctx}”为 {} 件，表格（{zh}）为 {table} 件",
                claim.value
            ),
            format!(
                "the text ({ctx}) says {}, the table ({en}) says {table}",
                claim.value
            ),
        )
        .numbers(table, claim.value)
        .related(related)
    }
}

/// What the table side of a comparison is called in a message: the label of
/// the finding's path, or the labels of the cells compared, joined, when the
/// path does not name them as a whole: a sum that no row or group of the
/// form names (disclosed plus partly disclosed, the two kinds of lawsuit),
/// and the upheld cells of an "all upheld" figure, whose finding points at
/// the first cell that says otherwise.
fn compared_label(kind: ClaimKind, path: &str, cells: &[String], lang: &str) -> String {
    let label = |p: &str| crate::labels::label_or_path(p, lang);
    let by_cells = matches!(
        kind,
        ClaimKind::DisclosedOrPartly
            | ClaimKind::Lawsuits
            | ClaimKind::ReviewsAllUpheld
            | ClaimKind::LawsuitsAllUpheld
    );
    match cells {
        [] => return label(path),
        [one] if by_cells => return label(one),
        _ if !by_cells => return label(path),
        _ => {}
    }
    let labels: Vec<String> = cells.iter().map(|c| label(c)).collect();
    match lang {
        "en" => labels.join(" plus "),
        _ => labels.join("与") + "之和",
    }
}

/// The words of a report's unmapped figures, by section in order, each
/// listed once (under the first section that states it).
#[derive(Default)]
struct UnmappedWords {
    /// The words listed so far.
    seen: HashSet<String>,
    /// The sections with their words, in order.
    sections: Vec<SectionWords>,
}

/// The words of the unmapped figures of one section.
struct SectionWords {
    /// The section.
    section: SectionId,
    /// The words, in order.
    words: Vec<String>,
}

impl UnmappedWords {
    /// Lists `words` under `section`, unless they were listed already.
    fn add(&mut self, section: SectionId, words: String) {
        if !self.seen.insert(words.clone()) {
            return;
        }
        match self.sections.last_mut() {
            Some(s) if s.section == section => s.words.push(words),
            _ => self.sections.push(SectionWords {
                section,
                words: vec![words],
            }),
        }
    }

    /// One `prose.unmapped` note per section, in order.
    fn findings(self) -> impl Iterator<Item = Finding> {
        self.sections.into_iter().map(SectionWords::finding)
    }
}

impl SectionWords {
    /// `prose.unmapped`: the section's figures, listed, were not compared.
    fn finding(self) -> Finding {
        let SectionWords { section, words } = self;
        let zh = words
            .iter()
            .map(|w| format!("“{w}”"))
            .collect::<Vec<_>>()
            .join("、");
        let en = words
            .iter()
            .map(|w| format!("({w})"))
            .collect::<Vec<_>>()
            .join(", ");
        Finding::new(
            Code::ProseUnmapped,
            section.path(),
            format!("正文中的数字{zh}所指的统计项无法确定对应表格中的哪一项，未与表格比对"),
            format!(
                "the text states figures whose words name no row of the tables with confidence, so they were not compared: {en}"
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

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
            for c in T3Col::ALL {
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
            for c in T3Col::ALL {
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
        // A change is a difference, not a count: not even unmapped.
        assert!(kinds("其中自然人申请较上年减少3件。").is_empty());
    }

    fn target(kind: ClaimKind, format: Format) -> (String, Vec<String>) {
        let t = kind.target(format).expect("a mapped kind");
        (t.path, t.cells)
    }

    #[test]
    fn the_issues_claims_record_the_row_or_group_they_are_compared_with() {
        let claims = report_claims(&{
            let mut r = Report::empty(Format::F2021);
            r.sections.overview = Some(
                "本年度共收到政府信息公开申请10件，同意公开答复9件，转下一年度办理1件。其他处理14件。"
                    .into(),
            );
            r
        });
        let mapped: Vec<(i64, String)> = claims
            .iter()
            .map(|c| (c.claim.value, c.target.as_ref().unwrap().path.clone()))
            .collect();
        assert_eq!(
            mapped,
            vec![
                (10, "t3.new_received.total".to_string()),
                (9, "t3.outcome.disclosed.total".to_string()),
                (1, "t3.carried_forward.total".to_string()),
                (14, "t3.outcome.other".to_string()),
            ]
        );
        assert!(claims.iter().all(|c| c.section == SectionId::Overview));
        // 其他处理 is the whole (六) group: 1., 2. and 3. together.
        assert_eq!(
            claims[3].target.as_ref().unwrap().cells,
            [
                "t3.outcome.other.no_correction.total",
                "t3.outcome.other.unpaid_fee.total",
                "t3.outcome.other.other.total"
            ]
        );
    }

    #[test]
    fn targets_follow_the_format() {
        // The 2019 format prints (六) as one row.
        assert_eq!(
            target(ClaimKind::OtherHandling, Format::F2019),
            (
                "t3.outcome.other".to_string(),
                vec!["t3.outcome.other.total".to_string()]
            )
        );
        assert_eq!(
            target(ClaimKind::NormativeInForce, Format::F2019).0,
            "t2.normative_documents.published_total"
        );
        assert_eq!(
            target(ClaimKind::NormativeInForce, Format::F2021).0,
            "t2.normative_documents.in_force"
        );
        assert_eq!(
            target(ClaimKind::Lawsuits, Format::F2021).1,
            [
                "t4.litigation_direct.total",
                "t4.litigation_after_review.total"
            ]
        );
        assert_eq!(
            target(ClaimKind::Withheld, Format::F2021).1.len(),
            8,
            "the eight rows of (三)"
        );
        assert!(ClaimKind::Unmapped.target(Format::F2021).is_none());
    }

    #[test]
    fn cases_named_by_the_sentence_are_its_reviews_and_lawsuits() {
        assert_eq!(
            kinds("依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件74件。"),
            vec![(ClaimKind::ReviewsAndLawsuits, 74)]
        );
    }

    #[test]
    fn review_cases_are_not_motions_of_a_congress() {
        // 复议案件 holds 议案, which alone marks a sentence about motions.
        assert_eq!(
            kinds("全区共有行政诉讼案件1件、行政复议案件2件，均已结案。"),
            vec![(ClaimKind::Lawsuits, 1), (ClaimKind::Reviews, 2)]
        );
        assert!(kinds("办理人大代表议案3件。").is_empty());
    }

    #[test]
    fn handled_is_what_was_done_not_what_is_still_being_done() {
        assert_eq!(
            kinds("收到申请749件。共办理718件，结转下一年31件。"),
            vec![
                (ClaimKind::Received, 749),
                (ClaimKind::Handled, 718),
                (ClaimKind::CarriedForward, 31)
            ]
        );
        assert_eq!(
            kinds("收到申请10件，正在办理2件。"),
            vec![(ClaimKind::Received, 10), (ClaimKind::Unmapped, 2)]
        );
        // Received and handled in one breath: received.
        assert_eq!(
            kinds("共受理并办理申请5件。"),
            vec![(ClaimKind::Received, 5)]
        );
    }

    #[test]
    fn unnamed_counts_of_requests_are_unmapped_and_other_counts_left_out() {
        let claims = extract_claims(
            "全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件。\
             其中，予以公开2件，本办不掌握相关政府信息2件。\
             全年公开政策文件4件，举办培训3件。",
        );
        let unmapped: Vec<(&str, i64)> = claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Unmapped)
            .map(|c| (c.context.as_str(), c.value))
            .collect();
        assert_eq!(
            unmapped,
            vec![
                ("其中自然人申请741件", 741),
                ("法人或其他组织申请8件", 8),
                ("本办不掌握相关政府信息2件", 2)
            ]
        );
        assert_eq!(claims.len(), 5, "{claims:?}");
    }

    #[test]
    fn upheld_counts_only_the_cases_of_its_own_sentence() {
        assert_eq!(
            kinds("行政复议2件。行政诉讼1件，均获维持。"),
            vec![
                (ClaimKind::Reviews, 2),
                (ClaimKind::Lawsuits, 1),
                (ClaimKind::LawsuitsAllUpheld, 1)
            ]
        );
    }

    #[test]
    fn all_upheld_is_not_compared_with_cells_the_text_did_not_settle() {
        // Table 4 unread (its values could not be placed): "均获维持" is not
        // compared with the unread upheld cell as if it were 0.
        let mut r = Report::empty(Format::F2019);
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            r.get_mut(&format!("t4.review.{c}"))
                .unwrap()
                .set_unread(crate::cell::UNREAD_ROW_NOT_FOUND);
        }
        r.sections.overview = Some("信息公开类行政复议7件，均获维持。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert!(fs.iter().all(|f| f.code != Code::ProseMismatch), "{fs:?}");
        // Settled, the same cells are compared.
        let mut r = Report::empty(Format::F2019);
        r.get_mut("t4.review.upheld").unwrap().set_count(5);
        r.get_mut("t4.review.pending").unwrap().set_count(2);
        r.get_mut("t4.review.total").unwrap().set_count(7);
        r.sections.overview = Some("信息公开类行政复议7件，均获维持。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert!(fs.iter().any(|f| f.code == Code::ProseMismatch), "{fs:?}");
    }

    #[test]
    fn unmapped_figures_give_one_note_per_section_and_no_warning() {
        let mut r = Report::empty(Format::F2021);
        r.get_mut("t3.new_received.total").unwrap().set_count(11);
        r.sections.overview =
            Some("全年共收到政府信息公开申请11件，其中网络申请5件，信函申请6件。".into());
        r.sections.requests = Some("其中网络申请5件。另有当面申请3件。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert!(fs.iter().all(|f| f.severity == Severity::Info), "{fs:?}");
        let notes: Vec<_> = fs
            .iter()
            .filter(|f| f.code == Code::ProseUnmapped)
            .collect();
        assert_eq!(notes.len(), 2, "{fs:?}");
        assert_eq!(notes[0].path, "sections.overview");
        assert!(notes[0]
            .message
            .contains("“其中网络申请5件”、“信函申请6件”"));
        // A figure already named is not named again.
        assert_eq!(notes[1].path, "sections.requests");
        assert!(
            !notes[1].message.contains("网络申请"),
            "{}",
            notes[1].message
        );
        assert!(notes[1].message_en.contains("(另有当面申请3件)"));
    }

    #[test]
    fn a_mismatch_names_the_cells_it_was_compared_with() {
        let mut r = Report::empty(Format::F2021);
        r.get_mut("t4.litigation_direct.total")
            .unwrap()
            .set_count(1);
        r.get_mut("t4.litigation_after_review.total")
            .unwrap()
            .set_count(2);
        r.sections.review_litigation = Some("行政诉讼4件。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert_eq!(fs.len(), 1, "{fs:?}");
        assert_eq!(fs[0].code, Code::ProseMismatch);
        assert_eq!((fs[0].expected, fs[0].actual), (Some(3), Some(4)));
        assert_eq!(fs[0].path, "t4.litigation_direct.total");
        assert_eq!(fs[0].related, ["t4.litigation_after_review.total"]);
        // A figure compared with one cell names it once, as its path.
        r.get_mut("t4.review.total").unwrap().set_count(1);
        r.sections.review_litigation = Some("行政复议2件。".into());
        let idx = CellIndex::new(&r);
        let fs = check_prose(&r, &idx);
        assert_eq!(fs.len(), 1, "{fs:?}");
        assert_eq!(fs[0].path, "t4.review.total");
        assert!(fs[0].related.is_empty(), "{fs:?}");
    }

    /// Whether a sentence speaks of requests decides the kind of a short
    /// figure in the sentence after it, in the document reading too.
    #[test]
    fn document_claims_keep_the_sentence_before() {
        let handled = "收到申请。办结3件制发规范性文件。";
        assert_eq!(kinds(handled), vec![(ClaimKind::Handled, 3)]);
        assert_eq!(document_claims(handled).count(), 0);
        // An empty sentence ends what the one before said.
        let issued = "申请性。。办结3件制发规范性文件。";
        assert_eq!(kinds(issued), vec![(ClaimKind::NormativeIssued, 3)]);
        let read: Vec<(ClaimKind, i64)> =
            document_claims(issued).map(|c| (c.kind, c.value)).collect();
        assert_eq!(read, vec![(ClaimKind::NormativeIssued, 3)]);
    }

    /// Words of a clause before or after its figure, for the proptest.
    const CLAUSE_WORDS: &str = "(现行有效|规范性文件|规范\\n性文件|规范 性文件|规范性|性|文件|制发|印发|规章|等|行政复议|诉讼|案件|申请|予以公开|结转|同比|增加|均获维持|共|办结|受理|答复|收到|收到申请|制发规范性文件|现行有效规范性文件|\\n)";

    proptest::proptest! {
        /// The document claims settling reads are those of the whole
        /// reading: from sentences about documents, requests and cases
        /// mixed, with words split across lines or by spaces, full-width
        /// digits, and figures after their words or before them.
        #[test]
        fn document_claims_are_those_of_the_whole_reading(
            clauses in proptest::collection::vec(
                (
                    proptest::collection::vec(CLAUSE_WORDS, 0..4),
                    "(１２|3|0|17 |4\\n)",
                    proptest::collection::vec(CLAUSE_WORDS, 0..2),
                    "(。|。。|，|；|、|)",
                ),
                0..6,
            ),
        ) {
            let text: String = clauses
                .iter()
                .map(|(before, n, after, end)| format!("{}{n}件{}{end}", before.concat(), after.concat()))
                .collect();
            let whole: Vec<Claim> = extract_claims(&text)
                .into_iter()
                .filter(|c| c.kind.is_document())
                .collect();
            let read: Vec<Claim> = document_claims(&text).collect();
            proptest::prop_assert_eq!(read, whole);
        }
    }
}
