//! The printed labels of the national form, for people: a row, a column, a
//! group, a section or a whole cell in Chinese (as printed) or English.
//!
//! Messages, the web form and users' tools all name cells with these words,
//! never with the canonical keys (`natural_person`, `outcome.other.unpaid_fee`),
//! which stay the identity of a cell in JSON and paths.

use crate::id::{CellId, RowId, T2Col, T3Group, T3Row};
use crate::joined::joined;
use crate::report::SectionId;
use crate::schema::{T2Row, T3Col, T4Col, T4Group, TableId};

/// A language of the labels: `"zh"` (as printed on the form) or `"en"`.
fn pick(lang: &str, zh: &'static str, en: &'static str) -> &'static str {
    if lang == "en" {
        en
    } else {
        zh
    }
}

impl T3Group {
    /// The printed heading of the group (`（三）不予公开`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T3Group::Outcome => ("三、本年度办理结果", "outcomes this year"),
            T3Group::Withheld => ("（三）不予公开", "withheld"),
            T3Group::Unable => ("（四）无法提供", "unable to provide"),
            T3Group::Rejected => ("（五）不予处理", "not handled"),
            T3Group::Other => ("（六）其他处理", "other handling"),
        };
        pick(lang, zh, en)
    }
}

/// The tables' names.
const TABLES: [(&str, &str, &str); 3] = [
    (
        "t2",
        "表二（主动公开政府信息情况）",
        "table 2 (proactive disclosure)",
    ),
    (
        "t3",
        "表三（收到和处理政府信息公开申请情况）",
        "table 3 (requests)",
    ),
    (
        "t4",
        "表四（行政复议、行政诉讼情况）",
        "table 4 (review and litigation)",
    ),
];

fn find(
    list: &[(&str, &'static str, &'static str)],
    key: &str,
    lang: &str,
) -> Option<&'static str> {
    list.iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| pick(lang, zh, en))
}

impl T3Row {
    /// The printed label (`zh`) or its English (`en`):
    /// `（三）不予公开 4.保护第三方合法权益`.
    pub fn label(self, lang: &str) -> &'static str {
        use crate::schema::{
            OtherReason as O, RejectedReason as R, UnableReason as U, WithheldReason as W,
        };
        let (zh, en) = match self {
            T3Row::NewReceived => ("一、本年新收政府信息公开申请数量", "new requests this year"),
            T3Row::CarriedOver => ("二、上年结转政府信息公开申请数量", "carried over from last year"),
            T3Row::Disclosed => ("（一）予以公开", "disclosed"),
            T3Row::PartlyDisclosed => ("（二）部分公开", "partly disclosed"),
            T3Row::Withheld(W::StateSecret) => ("（三）不予公开 1.属于国家秘密", "withheld: state secret"),
            T3Row::Withheld(W::ProhibitedByLaw) => ("（三）不予公开 2.其他法律行政法规禁止公开", "withheld: prohibited by other laws"),
            T3Row::Withheld(W::SecurityStability) => ("（三）不予公开 3.危及‘三安全一稳定’", "withheld: endangers security or stability"),
            T3Row::Withheld(W::ThirdParty) => ("（三）不予公开 4.保护第三方合法权益", "withheld: third parties' rights"),
            T3Row::Withheld(W::InternalAffairs) => ("（三）不予公开 5.属于三类内部事务信息", "withheld: internal affairs"),
            T3Row::Withheld(W::ProcessInfo) => ("（三）不予公开 6.属于四类过程性信息", "withheld: process information"),
            T3Row::Withheld(W::EnforcementFiles) => ("（三）不予公开 7.属于行政执法案卷", "withheld: enforcement files"),
            T3Row::Withheld(W::Inquiry) => ("（三）不予公开 8.属于行政查询事项", "withheld: administrative inquiry"),
            T3Row::Unable(U::NotHeld) => ("（四）无法提供 1.本机关不掌握相关政府信息", "unable: not held by this agency"),
            T3Row::Unable(U::NeedsCreation) => ("（四）无法提供 2.没有现成信息需要另行制作", "unable: would need to be created"),
            T3Row::Unable(U::Unclear) => ("（四）无法提供 3.补正后申请内容仍不明确", "unable: still unclear after correction"),
            T3Row::Rejected(R::Petition) => ("（五）不予处理 1.信访举报投诉类申请", "not handled: petitions and complaints"),
            T3Row::Rejected(R::Duplicate) => ("（五）不予处理 2.重复申请", "not handled: duplicate request"),
            T3Row::Rejected(R::Publication) => ("（五）不予处理 3.要求提供公开出版物", "not handled: asks for publications"),
            T3Row::Rejected(R::Repetitive) => ("（五）不予处理 4.无正当理由大量反复申请", "not handled: mass repetitive requests"),
            T3Row::Rejected(R::Confirmation) => ("（五）不予处理 5.要求行政机关确认或重新出具已获取信息", "not handled: confirm or reissue information held"),
            T3Row::OtherSub(O::NoCorrection) => ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other: no correction in time"),
            T3Row::OtherSub(O::UnpaidFee) => ("（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other: fee not paid in time"),
            T3Row::OtherSub(O::Other) => ("（六）其他处理 3.其他", "other: other"),
            T3Row::OtherTotal => ("（六）其他处理（印为一行）", "other handling (printed as one row)"),
            T3Row::Other => ("（六）其他处理", "other handling"),
            T3Row::Total => ("（七）总计", "total of outcomes"),
            T3Row::CarriedForward => ("四、结转下年度继续办理", "carried forward to next year"),
        };
        pick(lang, zh, en)
    }
}

impl T3Col {
    /// The printed label of the column (`自然人`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T3Col::NaturalPerson => ("自然人", "natural persons"),
            T3Col::Commercial => ("商业企业", "commercial enterprises"),
            T3Col::Research => ("科研机构", "research institutions"),
            T3Col::PublicInterest => ("社会公益组织", "public-interest organisations"),
            T3Col::LegalServices => ("法律服务机构", "legal service institutions"),
            T3Col::OtherOrg => ("其他", "other organisations"),
            T3Col::Total => ("总计", "total"),
        };
        pick(lang, zh, en)
    }
}

impl T4Group {
    /// The printed label of the group (`行政复议`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T4Group::Review => ("行政复议", "administrative review"),
            T4Group::LitigationDirect => {
                ("行政诉讼（未经复议直接起诉）", "litigation without review")
            }
            T4Group::LitigationAfterReview => ("行政诉讼（复议后起诉）", "litigation after review"),
        };
        pick(lang, zh, en)
    }
}

impl T4Col {
    /// The printed label of the column (`结果维持`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T4Col::Upheld => ("结果维持", "upheld"),
            T4Col::Corrected => ("结果纠正", "corrected"),
            T4Col::Other => ("其他结果", "other result"),
            T4Col::Pending => ("尚未审结", "pending"),
            T4Col::Total => ("总计", "total"),
        };
        pick(lang, zh, en)
    }
}

impl T2Row {
    /// The printed label of the row (`规章`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T2Row::Regulations => ("规章", "rules (规章)"),
            T2Row::NormativeDocuments => ("行政规范性文件", "normative documents"),
            T2Row::Licensing => ("行政许可", "administrative licensing"),
            T2Row::OtherServices => ("其他对外管理服务事项", "other public services"),
            T2Row::Penalties => ("行政处罚", "administrative penalties"),
            T2Row::CoerciveMeasures => ("行政强制", "coercive measures"),
            T2Row::Fees => ("行政事业性收费", "administrative fees"),
            T2Row::Procurement => ("政府集中采购", "central government procurement"),
        };
        pick(lang, zh, en)
    }
}

impl T2Col {
    /// The printed label of the column (`本年制发件数`) or its English.
    pub fn label(self, lang: &str) -> &'static str {
        let (zh, en) = match self {
            T2Col::Issued => ("本年制发件数", "issued this year"),
            T2Col::Abolished => ("本年废止件数", "abolished this year"),
            T2Col::InForce => ("现行有效件数", "in force"),
            T2Col::Decisions => ("本年处理决定数量", "decisions this year"),
            T2Col::AmountWanYuan => ("本年收费金额（单位：万元）", "fees collected (10,000 yuan)"),
            T2Col::Made => ("本年新制作数量", "made this year"),
            T2Col::Published => ("本年新公开数量", "published this year"),
            T2Col::PublishedTotal => ("对外公开总数量", "published in total"),
            T2Col::ItemsLastYear => ("上一年项目数量", "items last year"),
            T2Col::ItemsChange => ("本年增/减", "change this year"),
            T2Col::Projects => ("采购项目数量", "procurement projects"),
            T2Col::Amount => ("采购总金额", "procurement amount"),
        };
        pick(lang, zh, en)
    }
}

impl RowId {
    /// The printed label of the row (or table 4 group).
    pub fn label(self, lang: &str) -> &'static str {
        match self {
            RowId::T2(r) => r.label(lang),
            RowId::T3(r) => r.label(lang),
            RowId::T4(g) => g.label(lang),
        }
    }

    /// The row as messages name it, with its table: `表三“（一）予以公开”行`,
    /// `table 3, row “disclosed”` (what [`label`] gives for the row's path).
    pub fn named(self, lang: &str) -> String {
        let short = table_short(self.table(), lang);
        let row = self.label(lang);
        if lang == "en" {
            joined!(short, ", row “", row, "”")
        } else {
            joined!(short, "“", row, "”行")
        }
    }
}

impl CellId {
    /// The printed label of the cell's column (`自然人`) or its English.
    pub fn column_label(self, lang: &str) -> &'static str {
        match self {
            CellId::T2(_, c) => c.label(lang),
            CellId::T3(_, c) => c.label(lang),
            CellId::T4(_, c) => c.label(lang),
        }
    }

    /// The label of the cell for people: `表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列`,
    /// `table 4, administrative review, “upheld”`.
    pub fn label(self, lang: &str) -> String {
        let short = table_short(self.table(), lang);
        let row = self.row().label(lang);
        let column = self.column_label(lang);
        match (self.table(), lang == "en") {
            (TableId::T4, false) => joined!(short, "“", row, "”“", column, "”"),
            (TableId::T4, true) => joined!(short, ", ", row, ", “", column, "”"),
            (_, false) => joined!(short, "“", row, "”行“", column, "”列"),
            (_, true) => joined!(short, ", row “", row, "”, column “", column, "”"),
        }
    }
}

/// The printed label of a row: `row_label("t3", "outcome.withheld.third_party", "zh")`
/// is `（三）不予公开 4.保护第三方合法权益`; table 4's rows are its groups.
pub fn row_label(table: &str, row: &str, lang: &str) -> Option<&'static str> {
    match table {
        "t2" => T2Row::from_key(row).map(|r| r.label(lang)),
        "t3" => T3Row::from_path(row)
            .map(|r| r.label(lang))
            .or_else(|| T3Group::from_key(row).map(|g| g.label(lang))),
        "t4" => group_label(row, lang),
        _ => None,
    }
}

/// The printed label of a column: `column_label("t3", "natural_person", "zh")` is `自然人`.
pub fn column_label(table: &str, column: &str, lang: &str) -> Option<&'static str> {
    match table {
        "t2" => T2Col::from_key(column).map(|c| c.label(lang)),
        "t3" => T3Col::from_key(column).map(|c| c.label(lang)),
        "t4" => T4Col::from_key(column).map(|c| c.label(lang)),
        _ => None,
    }
}

/// The printed label of a table 4 group (`行政复议`).
pub fn group_label(group: &str, lang: &str) -> Option<&'static str> {
    T4Group::from_key(group).map(|g| g.label(lang))
}

/// The name of a table (`t3` → `表三（收到和处理政府信息公开申请情况）`).
pub fn table_label(table: &str, lang: &str) -> Option<&'static str> {
    find(&TABLES, table, lang)
}

/// Short table names used inside a cell's label and in messages (`表三`, `table 3`).
pub(crate) fn table_short(table: TableId, lang: &str) -> &'static str {
    match (table, lang == "en") {
        (TableId::T2, false) => "表二",
        (TableId::T3, false) => "表三",
        (TableId::T4, false) => "表四",
        (TableId::T2, true) => "table 2",
        (TableId::T3, true) => "table 3",
        (TableId::T4, true) => "table 4",
    }
}

impl SectionId {
    /// The section's title: the printed heading (`四、政府信息公开行政复议、行政诉讼情况`),
    /// or in English `IV. Administrative review and litigation`.
    pub fn label(self, lang: &str) -> &'static str {
        let en = match self {
            SectionId::Overview => "I. Overview",
            SectionId::Proactive => "II. Proactive disclosure",
            SectionId::Requests => "III. Requests received and handled",
            SectionId::ReviewLitigation => "IV. Administrative review and litigation",
            SectionId::Problems => "V. Main problems and improvements",
            SectionId::Other => "VI. Other matters to report",
        };
        pick(lang, self.heading(), en)
    }

    /// The section as messages name it: its printed heading, or in English
    /// its title with that heading (`section “IV. Administrative review and
    /// litigation” (四、政府信息公开行政复议、行政诉讼情况)`), what [`label`]
    /// gives for `sections.review_litigation`.
    pub fn named(self, lang: &str) -> String {
        match lang {
            "en" => joined!("section “", self.label(lang), "” (", self.heading(), ")"),
            _ => self.heading().to_string(),
        }
    }
}

/// A section as messages name it, by its key (`review_litigation`): see
/// [`SectionId::named`]. `None` for a key that names no section.
pub fn section_named(key: &str, lang: &str) -> Option<String> {
    SectionId::from_key(key).map(|s| s.named(lang))
}

/// The label of anything a path names, for people: a cell
/// (`表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列`), a row, a table,
/// a section (`sections.problems` → `五、存在的主要问题及改进情况`) or a
/// metadata field. `None` for a path that names nothing of the form.
pub fn label(path: &str, lang: &str) -> Option<String> {
    // Most paths a message names are cells, then rows: typed, they need no search.
    if let Some(id) = CellId::parse(path) {
        return Some(id.label(lang));
    }
    if let Some(row) = RowId::parse(path) {
        return Some(row.named(lang));
    }
    let en = lang == "en";
    if let Some(key) = path.strip_prefix("sections.") {
        return section_named(key, lang);
    }
    let meta = [
        ("agency", "机关名称", "agency"),
        ("year", "报告年度", "report year"),
        ("published", "公布日期", "publication date"),
        (
            "period_start",
            "统计期限起始日",
            "start of the statistics period",
        ),
        (
            "period_end",
            "统计期限截止日",
            "end of the statistics period",
        ),
        ("format", "表格格式", "table format"),
        (
            "procurement_unit",
            "采购金额单位",
            "procurement amount unit",
        ),
    ];
    if let Some(l) = find(&meta, path, lang) {
        return Some(l.to_string());
    }
    let (table, rest) = path.split_once('.').unwrap_or((path, ""));
    if rest.is_empty() {
        return table_label(table, lang).map(str::to_string);
    }
    let table_id = TableId::ALL.into_iter().find(|t| t.key() == table)?;
    // A whole row (or group)?
    if let Some(row) = row_label(table, rest, lang) {
        let short = table_short(table_id, lang);
        return Some(if en {
            format!("{short}, row “{row}”")
        } else {
            format!("{short}“{row}”行")
        });
    }
    CellId::parse(path).map(|id| id.label(lang))
}

/// The label of a path, or the path itself when it names nothing of the form.
pub fn label_or_path(path: &str, lang: &str) -> String {
    label(path, lang).unwrap_or_else(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Format;
    use crate::template::Template;

    #[test]
    fn a_section_id_is_its_key_its_path_and_its_printed_place() {
        // Each field holds its own key, set by the field's name.
        let by_field = crate::report::Sections {
            overview: Some("overview".into()),
            proactive: Some("proactive".into()),
            requests: Some("requests".into()),
            review_litigation: Some("review_litigation".into()),
            problems: Some("problems".into()),
            other: Some("other".into()),
        };
        let numerals = ["一、", "二、", "三、", "四、", "五、", "六、"];
        let mut sections = crate::report::Sections::default();
        for (k, id) in SectionId::ALL.into_iter().enumerate() {
            assert_eq!(by_field.section(id).as_deref(), Some(id.key()));
            assert!(id.heading().starts_with(numerals[k]), "{id:?}");
            assert_eq!(SectionId::from_key(id.key()), Some(id));
            assert_eq!(id.path(), joined!("sections.", id.key()));
            assert_eq!(crate::report::SECTIONS[k], (id.key(), id.heading()));
            // The printed order is the type's order (the heading search relies on it).
            assert!(SectionId::ALL[..k].iter().all(|&before| before < id));
            // `section_mut` writes the field `section` reads.
            *sections.section_mut(id) = Some(id.key().to_string());
        }
        assert_eq!(sections, by_field);
        assert_eq!(SectionId::from_key("preface"), None);
        let tables: Vec<_> = SectionId::ALL.iter().filter_map(|s| s.table()).collect();
        assert_eq!(tables, TableId::ALL);
        assert_eq!(
            serde_json::to_string(&SectionId::ReviewLitigation).unwrap(),
            "\"review_litigation\""
        );
    }

    #[test]
    fn every_section_is_named_by_its_heading_and_english_title_never_its_key() {
        for (key, heading) in crate::report::SECTIONS {
            let zh = label(&joined!("sections.", key), "zh").unwrap();
            assert_eq!(zh, heading);
            let en = section_named(key, "en").unwrap();
            assert!(en.contains(heading), "{en}");
            assert!(
                !en.starts_with(&joined!("section ", key)),
                "{key} leaked into {en}"
            );
            assert_eq!(label(&joined!("sections.", key), "en").unwrap(), en);
        }
        assert_eq!(section_named("preface", "en"), None);
    }

    #[test]
    fn every_cell_of_both_formats_has_a_label_in_both_languages() {
        for f in Format::ALL {
            for p in &Template::get(f).paths {
                for lang in ["zh", "en"] {
                    let l = label(p, lang);
                    assert!(l.is_some(), "{f} {p} {lang}");
                    assert!(
                        !l.unwrap().contains('_'),
                        "{p}: a key leaked into the label"
                    );
                }
            }
            for row in &Template::get(f).rows {
                assert!(label(&row.to_string(), "zh").is_some(), "{row}");
            }
        }
    }

    #[test]
    fn labels_read_as_printed() {
        assert_eq!(
            label("t3.outcome.withheld.third_party.natural_person", "zh").unwrap(),
            "表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列"
        );
        assert_eq!(
            label("t4.review.upheld", "en").unwrap(),
            "table 4, administrative review, “upheld”"
        );
        assert_eq!(
            label("t4.review.total", "zh").unwrap(),
            "表四“行政复议”“总计”"
        );
        assert_eq!(
            label("sections.problems", "zh").unwrap(),
            "五、存在的主要问题及改进情况"
        );
        assert_eq!(
            label("t3", "zh").unwrap(),
            "表三（收到和处理政府信息公开申请情况）"
        );
        assert_eq!(column_label("t3", "natural_person", "zh"), Some("自然人"));
        assert_eq!(group_label("review", "zh"), Some("行政复议"));
        assert_eq!(label("t9.nothing", "zh"), None);
        assert_eq!(label_or_path("t9.nothing", "zh"), "t9.nothing");
    }
}
