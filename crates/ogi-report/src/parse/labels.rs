//! Label variants, as they appear after squeezing (folded, no spaces or quotes).

use crate::schema::Format;

/// Patterns for a table 3 row (tried in order: the first that occurs is used),
/// and the list number printed before it (`1.属于国家秘密`), if any.
pub(crate) fn t3_row(row: &str, format: Format) -> (&'static [&'static str], Option<u8>) {
    match row {
        "new_received" => (&["本年新收政府信息公开申请数量", "本年新收"], None),
        "carried_over" => (&["上年结转政府信息公开申请数量", "上年结转"], None),
        "outcome.disclosed" => (&["予以公开"], None),
        "outcome.partly_disclosed" => (&["部分公开"], None),
        "outcome.withheld.state_secret" => (&["属于国家秘密", "国家秘密"], Some(1)),
        "outcome.withheld.prohibited_by_law" => (
            &["其他法律行政法规禁止公开", "法律行政法规禁止公开"],
            Some(2),
        ),
        "outcome.withheld.security_stability" => (&["危及三安全一稳定", "三安全一稳定"], Some(3)),
        "outcome.withheld.third_party" => (&["保护第三方合法权益", "第三方合法权益"], Some(4)),
        "outcome.withheld.internal_affairs" => (&["属于三类内部事务信息", "内部事务信息"], Some(5)),
        "outcome.withheld.process_info" => (&["属于四类过程性信息", "过程性信息"], Some(6)),
        "outcome.withheld.enforcement_files" => (&["属于行政执法案卷", "行政执法案卷"], Some(7)),
        "outcome.withheld.inquiry" => (&["属于行政查询事项", "行政查询事项"], Some(8)),
        "outcome.unable.not_held" => (&["本机关不掌握相关政府信息", "不掌握相关政府信息"], Some(1)),
        "outcome.unable.needs_creation" => (&["没有现成信息需要另行制作", "另行制作"], Some(2)),
        "outcome.unable.unclear" => (&["补正后申请内容仍不明确", "仍不明确"], Some(3)),
        "outcome.rejected.petition" => (&["信访举报投诉类申请", "信访举报投诉"], Some(1)),
        "outcome.rejected.duplicate" => (&["重复申请"], Some(2)),
        "outcome.rejected.publication" => (&["要求提供公开出版物", "公开出版物"], Some(3)),
        "outcome.rejected.repetitive" => (&["无正当理由大量反复申请", "大量反复申请"], Some(4)),
        "outcome.rejected.confirmation" => (
            &["要求行政机关确认或重新出具已获取信息", "重新出具"],
            Some(5),
        ),
        // The whole label first: a label wrapped over lines leaves its tail
        // ("、行政机关不再处理…") after a shorter match, and a lone "、" reads as a mark.
        "outcome.other.no_correction" => (
            &[
                "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "申请人无正当理由逾期不补正",
                "逾期不补正",
            ],
            Some(1),
        ),
        "outcome.other.unpaid_fee" => (
            &[
                "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "申请人逾期未按收费通知要求缴纳费用",
                "逾期未按收费通知要求",
                "未按收费通知要求",
                "缴纳费用",
            ],
            Some(2),
        ),
        "outcome.other.other" => (&["3.其他"], None),
        "outcome.other" if format == Format::F2019 => (&["其他处理"], None),
        "outcome.total" => (&["(七)总计", "总计"], None),
        "carried_forward" => (&["结转下年度继续办理", "结转下年度"], None),
        _ => (&[], None),
    }
}

/// Patterns for a table 2 row.
pub(crate) fn t2_row(row: &str) -> &'static [&'static str] {
    match row {
        "regulations" => &["规章"],
        "normative_documents" => &["行政规范性文件", "规范性文件"],
        "licensing" => &["行政许可"],
        "other_services" => &["其他对外管理服务事项", "对外管理服务事项"],
        "penalties" => &["行政处罚"],
        "coercive_measures" => &["行政强制"],
        "fees" => &["行政事业性收费"],
        "procurement" => &["政府集中采购"],
        _ => &[],
    }
}

/// Words only a 2021-format table has.
pub(crate) const WORDS_2021: [&str; 7] = [
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "未按收费通知要求",
];

/// Words only a 2019-format table has.
pub(crate) const WORDS_2019: [&str; 8] = [
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "政府集中采购",
    "采购总金额",
];

/// Words of a table 4 header.
pub(crate) const T4_HEADER: [&str; 5] =
    ["结果维持", "尚未审结", "未经复议", "复议后起诉", "结果纠正"];

/// A section heading: its number, then keywords one of which must follow
/// within `reach` characters.
pub(crate) struct Heading {
    pub key: &'static str,
    pub number: &'static str,
    pub words: &'static [&'static str],
    pub reach: usize,
    /// Words of the title that name the section whatever its number, for a
    /// heading line printed without the standard number (`titled`).
    pub title: &'static [&'static str],
}

/// The six section headings, in order.
pub(crate) const HEADINGS: [Heading; 6] = [
    Heading {
        key: "overview",
        number: "一、",
        words: &["总体情况", "概述", "总体"],
        reach: 4,
        title: &["总体情况", "工作概况", "基本情况", "概述"],
    },
    Heading {
        key: "proactive",
        number: "二、",
        words: &["主动公开"],
        reach: 8,
        title: &["主动公开政府信息情况", "主动公开情况", "主动公开工作情况"],
    },
    Heading {
        key: "requests",
        number: "三、",
        words: &["收到和处理", "依申请"],
        reach: 8,
        title: &[
            "收到和处理政府信息公开申请情况",
            "依申请公开政府信息情况",
            "依申请公开情况",
            "依申请公开工作情况",
        ],
    },
    Heading {
        key: "review_litigation",
        number: "四、",
        words: &["复议"],
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
        key: "problems",
        number: "五、",
        words: &["问题", "改进"],
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
        key: "other",
        number: "六、",
        words: &["其他需要报告", "其他"],
        reach: 4,
        title: &[
            "其他需要报告的事项",
            "其他需报告的事项",
            "其他需要说明的事项",
            "其他事项",
        ],
    },
];
