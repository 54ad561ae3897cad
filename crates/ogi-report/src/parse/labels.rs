//! Label variants, as they appear after squeezing (folded, no spaces or quotes).

use crate::id::T3Row;
use crate::report::SectionId;
use crate::schema::{Format, T2Row};
use crate::template::Template;
use crate::text::Words;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A searcher for `pat`: the tables' row labels and table 4's header words
/// have theirs built once, as
/// building one costs more than a table's search with it (3 % of the seed's
/// instructions went to building them); other patterns get a new one.
pub(crate) fn finder(pat: &str) -> Cow<'static, Finder<'static>> {
    static BUILT: OnceLock<HashMap<&'static str, Finder<'static>>> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let mut pats: Vec<&'static str> = T4_HEADER.to_vec();
        pats.push(OTHER_AS_ONE_ROW);
        for format in [Format::F2021, Format::F2019] {
            let tpl = Template::get(format);
            pats.extend(tpl.t3_rows.iter().flat_map(|&r| t3_row(r).0));
            pats.extend(tpl.t2_rows.iter().flat_map(|&(r, _)| t2_row(r)));
        }
        pats.into_iter().map(|p| (p, Finder::new(p))).collect()
    });
    match built.get(pat) {
        Some(f) => Cow::Borrowed(f),
        None => Cow::Owned(Finder::new(pat).into_owned()),
    }
}

/// The label of table 3's group (六) printed as one row, without its sub-rows.
pub(crate) const OTHER_AS_ONE_ROW: &str = "其他处理";

/// Patterns for a table 3 row (tried in order: the first that occurs is used),
/// and the list number printed before it (`1.属于国家秘密`), if any.
pub(crate) fn t3_row(row: T3Row) -> (&'static [&'static str], Option<u8>) {
    use crate::schema::{
        OtherReason as O, RejectedReason as R, UnableReason as U, WithheldReason as W,
    };
    match row {
        T3Row::NewReceived => (&["本年新收政府信息公开申请数量", "本年新收"], None),
        T3Row::CarriedOver => (&["上年结转政府信息公开申请数量", "上年结转"], None),
        T3Row::Disclosed => (&["予以公开"], None),
        T3Row::PartlyDisclosed => (&["部分公开"], None),
        T3Row::Withheld(W::StateSecret) => (&["属于国家秘密", "国家秘密"], Some(1)),
        T3Row::Withheld(W::ProhibitedByLaw) => (
            &["其他法律行政法规禁止公开", "法律行政法规禁止公开"],
            Some(2),
        ),
        T3Row::Withheld(W::SecurityStability) => (&["危及三安全一稳定", "三安全一稳定"], Some(3)),
        T3Row::Withheld(W::ThirdParty) => (&["保护第三方合法权益", "第三方合法权益"], Some(4)),
        T3Row::Withheld(W::InternalAffairs) => (&["属于三类内部事务信息", "内部事务信息"], Some(5)),
        T3Row::Withheld(W::ProcessInfo) => (&["属于四类过程性信息", "过程性信息"], Some(6)),
        T3Row::Withheld(W::EnforcementFiles) => (&["属于行政执法案卷", "行政执法案卷"], Some(7)),
        T3Row::Withheld(W::Inquiry) => (&["属于行政查询事项", "行政查询事项"], Some(8)),
        T3Row::Unable(U::NotHeld) => (&["本机关不掌握相关政府信息", "不掌握相关政府信息"], Some(1)),
        T3Row::Unable(U::NeedsCreation) => (&["没有现成信息需要另行制作", "另行制作"], Some(2)),
        T3Row::Unable(U::Unclear) => (&["补正后申请内容仍不明确", "仍不明确"], Some(3)),
        T3Row::Rejected(R::Petition) => (&["信访举报投诉类申请", "信访举报投诉"], Some(1)),
        T3Row::Rejected(R::Duplicate) => (&["重复申请"], Some(2)),
        T3Row::Rejected(R::Publication) => (&["要求提供公开出版物", "公开出版物"], Some(3)),
        T3Row::Rejected(R::Repetitive) => (&["无正当理由大量反复申请", "大量反复申请"], Some(4)),
        T3Row::Rejected(R::Confirmation) => (
            &["要求行政机关确认或重新出具已获取信息", "重新出具"],
            Some(5),
        ),
        // The whole label first: a label wrapped over lines leaves its tail
        // ("、行政机关不再处理…") after a shorter match, and a lone "、" reads as a mark.
        T3Row::OtherSub(O::NoCorrection) => (
            &[
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人无正当理由逾期不补正",
                "逾期不补正",
            ],
            Some(1),
        ),
        T3Row::OtherSub(O::UnpaidFee) => (
            &[
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用",
                "逾期未按收费通知要求",
                "未按收费通知要求",
                "缴纳费用",
            ],
            Some(2),
        ),
        // "其他" alone is too common a word: the row is found with its list
        // number, however that is printed ("3.", "3、", "(3)"; folded).
        T3Row::OtherSub(O::Other) => (&["3.其他", "3、其他", "(3)其他"], None),
        T3Row::Other => (&["其他处理"], None),
        // Some print the total row 合计; only with its group number, as 合计
        // alone also heads other tables' columns.
        T3Row::Total => (&["(七)总计", "(七)合计", "总计"], None),
        T3Row::CarriedForward => (&["结转下年度继续办理", "结转下年度"], None),
        // Not a printed row of the national format: found by its own words.
        T3Row::OtherTotal => (&[], None),
    }
}

/// Patterns for a table 2 row.
pub(crate) fn t2_row(row: T2Row) -> &'static [&'static str] {
    match row {
        T2Row::Regulations => &["规章"],
        T2Row::NormativeDocuments => &["行政规范性文件", "规范性文件"],
        T2Row::Licensing => &["行政许可"],
        T2Row::OtherServices => &["其他对外管理服务事项", "对外管理服务事项"],
        T2Row::Penalties => &["行政处罚"],
        T2Row::CoerciveMeasures => &["行政强制"],
        T2Row::Fees => &["行政事业性收费"],
        T2Row::Procurement => &["政府集中采购"],
    }
}

/// Words only a 2021-format table has.
pub(crate) static WORDS_2021: Words = Words::new(&[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "未按收费通知要求",
]);

/// Words only a 2019-format table has.
pub(crate) static WORDS_2019: Words = Words::new(&[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购总金额",
]);

/// The numbers of the State Council's notices that set each format: the
/// 2019 one (`[2019]60号`) and the 2021 one (`[2021]30号`).
pub(crate) static FORMAT_NOTICES: Words = Words::new(&["[2019]60号", "[2021]30号"]);

/// Words of a table 4 header.
pub(crate) const T4_HEADER: [&str; 5] =
    ["结果维持", "尚未审结", "未经复议", "复议后起诉", "结果纠正"];

/// A section heading: its number, then keywords one of which must follow
/// within `reach` characters.
pub(crate) struct Heading {
    pub section: SectionId,
    /// The number (one word, `一、`), searched for through the squeezed text.
    pub number: Words,
    pub words: Words,
    pub reach: usize,
    /// Words of the title that name the section whatever its number, for a
    /// heading line printed without the standard number (`titled`).
    pub title: &'static [&'static str],
}

/// The heading of `section` (the six are in [`SectionId`]'s order).
pub(crate) fn heading(section: SectionId) -> &'static Heading {
    &HEADINGS[section as usize]
}

/// The six section headings, in [`SectionId::ALL`]'s order (a static: their
/// searchers are built once).
pub(crate) static HEADINGS: [Heading; 6] = [
    Heading {
        section: SectionId::Overview,
        number: Words::new(&["一、"]),
        words: Words::new(&["总体情况", "概述", "总体"]),
        reach: 4,
        title: &["总体情况", "工作概况", "基本情况", "概述"],
    },
    Heading {
        section: SectionId::Proactive,
        number: Words::new(&["二、"]),
        words: Words::new(&["主动公开"]),
        reach: 8,
        title: &["主动公开政府信息情况", "主动公开情况", "主动公开工作情况"],
    },
    Heading {
        section: SectionId::Requests,
        number: Words::new(&["三、"]),
        words: Words::new(&["收到和处理", "依申请"]),
        reach: 8,
        title: &[
            "收到和处理政府信息公开申请情况",
            "依申请公开政府信息情况",
            "依申请公开情况",
            "依申请公开工作情况",
        ],
    },
    Heading {
        section: SectionId::ReviewLitigation,
        number: Words::new(&["四、"]),
        words: Words::new(&["复议"]),
        reach: 20,
        title: &[
            "行政复议、行政诉讼情况",
            "行政复议和行政诉讼情况",
            "被申请行政复议",
            "提起行政诉讼情况",
            "复议、诉讼情况",
        ],
    },
    Heading {
        section: SectionId::Problems,
        number: Words::new(&["五、"]),
        words: Words::new(&["问题", "改进"]),
        reach: 24,
        title: &[
            "存在的主要问题",
            "存在问题",
            "主要问题及",
            "问题及改进",
            "问题及整改",
            "问题的改进情况",
            "改进情况",
            "整改措施",
            "改进措施",
        ],
    },
    Heading {
        section: SectionId::Other,
        number: Words::new(&["六、"]),
        words: Words::new(&["其他需要报告", "其他"]),
        reach: 4,
        title: &[
            "其他需要报告的事项",
            "其他需报告的事项",
            "其他需要说明的事项",
            "其他事项",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headings_are_listed_in_the_sections_order() {
        // The heading search bounds an unnumbered heading by the sections
        // before and after it (SectionId's order), and `heading` indexes
        // HEADINGS by the section.
        let listed: Vec<SectionId> = HEADINGS.iter().map(|h| h.section).collect();
        assert_eq!(listed, SectionId::ALL);
        for s in SectionId::ALL {
            assert_eq!(heading(s).section, s);
            // Its number is the one its printed heading starts with.
            assert!(
                s.heading().starts_with(heading(s).number.list()[0]),
                "{s:?}"
            );
        }
    }
}
