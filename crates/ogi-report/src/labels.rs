//! The printed labels of the national form, for people: a row, a column, a
//! group, a section or a whole cell in Chinese (as printed) or English.
//!
//! Messages, the web form and users' tools all name cells with these words,
//! never with the canonical keys (`natural_person`, `outcome.other.unpaid_fee`),
//! which stay the identity of a cell in JSON and paths.

use crate::schema::SECTIONS;

/// A language of the labels: `"zh"` (as printed on the form) or `"en"`.
fn pick(lang: &str, zh: &'static str, en: &'static str) -> &'static str {
    if lang == "en" {
        en
    } else {
        zh
    }
}

/// Table 3's rows: key, printed label, English.
const T3_ROWS: [(&str, &str, &str); 29] = [
    (
        "new_received",
        "一、本年新收政府信息公开申请数量",
        "new requests this year",
    ),
    (
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "carried over from last year",
    ),
    ("outcome.disclosed", "（一）予以公开", "disclosed"),
    (
        "outcome.partly_disclosed",
        "（二）部分公开",
        "partly disclosed",
    ),
    (
        "outcome.withheld.state_secret",
        "（三）不予公开 1.属于国家秘密",
        "withheld: state secret",
    ),
    (
        "outcome.withheld.prohibited_by_law",
        "（三）不予公开 2.其他法律行政法规禁止公开",
        "withheld: prohibited by other laws",
    ),
    (
        "outcome.withheld.security_stability",
        "（三）不予公开 3.危及‘三安全一稳定’",
        "withheld: endangers security or stability",
    ),
    (
        "outcome.withheld.third_party",
        "（三）不予公开 4.保护第三方合法权益",
        "withheld: third parties' rights",
    ),
    (
        "outcome.withheld.internal_affairs",
        "（三）不予公开 5.属于三类内部事务信息",
        "withheld: internal affairs",
    ),
    (
        "outcome.withheld.process_info",
        "（三）不予公开 6.属于四类过程性信息",
        "withheld: process information",
    ),
    (
        "outcome.withheld.enforcement_files",
        "（三）不予公开 7.属于行政执法案卷",
        "withheld: enforcement files",
    ),
    (
        "outcome.withheld.inquiry",
        "（三）不予公开 8.属于行政查询事项",
        "withheld: administrative inquiry",
    ),
    (
        "outcome.unable.not_held",
        "（四）无法提供 1.本机关不掌握相关政府信息",
        "unable: not held by this agency",
    ),
    (
        "outcome.unable.needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
        "unable: would need to be created",
    ),
    (
        "outcome.unable.unclear",
        "（四）无法提供 3.补正后申请内容仍不明确",
        "unable: still unclear after correction",
    ),
    (
        "outcome.rejected.petition",
        "（五）不予处理 1.信访举报投诉类申请",
        "not handled: petitions and complaints",
    ),
    (
        "outcome.rejected.duplicate",
        "（五）不予处理 2.重复申请",
        "not handled: duplicate request",
    ),
    (
        "outcome.rejected.publication",
        "（五）不予处理 3.要求提供公开出版物",
        "not handled: asks for publications",
    ),
    (
        "outcome.rejected.repetitive",
        "（五）不予处理 4.无正当理由大量反复申请",
        "not handled: mass repetitive requests",
    ),
    (
        "outcome.rejected.confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        "not handled: confirm or reissue information held",
    ),
    (
        "outcome.other.no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "other: no correction in time",
    ),
    (
        "outcome.other.unpaid_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "other: fee not paid in time",
    ),
    (
        "outcome.other.other",
        "（六）其他处理 3.其他",
        "other: other",
    ),
    (
        "outcome.other_total",
        "（六）其他处理（印为一行）",
        "other handling (printed as one row)",
    ),
    ("outcome.other", "（六）其他处理", "other handling"),
    ("outcome.total", "（七）总计", "total of outcomes"),
    (
        "carried_forward",
        "四、结转下年度继续办理",
        "carried forward to next year",
    ),
    ("outcome", "三、本年度办理结果", "outcomes this year"),
    ("outcome.withheld", "（三）不予公开", "withheld"),
];

/// Table 3's groups of rows printed under one heading.
const T3_GROUPS: [(&str, &str, &str); 3] = [
    ("outcome.unable", "（四）无法提供", "unable to provide"),
    ("outcome.rejected", "（五）不予处理", "not handled"),
    ("outcome.other", "（六）其他处理", "other handling"),
];

/// Table 3's columns.
const T3_COLUMNS: [(&str, &str, &str); 7] = [
    ("natural_person", "自然人", "natural persons"),
    ("commercial", "商业企业", "commercial enterprises"),
    ("research", "科研机构", "research institutions"),
    (
        "public_interest",
        "社会公益组织",
        "public-interest organisations",
    ),
    (
        "legal_services",
        "法律服务机构",
        "legal service institutions",
    ),
    ("other_org", "其他", "other organisations"),
    ("total", "总计", "total"),
];

/// Table 4's groups.
const T4_GROUPS: [(&str, &str, &str); 3] = [
    ("review", "行政复议", "administrative review"),
    (
        "litigation_direct",
        "行政诉讼（未经复议直接起诉）",
        "litigation without review",
    ),
    (
        "litigation_after_review",
        "行政诉讼（复议后起诉）",
        "litigation after review",
    ),
];

/// Table 4's columns.
const T4_COLUMNS: [(&str, &str, &str); 5] = [
    ("upheld", "结果维持", "upheld"),
    ("corrected", "结果纠正", "corrected"),
    ("other", "其他结果", "other result"),
    ("pending", "尚未审结", "pending"),
    ("total", "总计", "total"),
];

/// Table 2's rows.
const T2_ROWS: [(&str, &str, &str); 8] = [
    ("regulations", "规章", "rules (规章)"),
    (
        "normative_documents",
        "行政规范性文件",
        "normative documents",
    ),
    ("licensing", "行政许可", "administrative licensing"),
    (
        "other_services",
        "其他对外管理服务事项",
        "other public services",
    ),
    ("penalties", "行政处罚", "administrative penalties"),
    ("coercive_measures", "行政强制", "coercive measures"),
    ("fees", "行政事业性收费", "administrative fees"),
    (
        "procurement",
        "政府集中采购",
        "central government procurement",
    ),
];

/// Table 2's columns (both formats).
const T2_COLUMNS: [(&str, &str, &str); 12] = [
    ("issued", "本年制发件数", "issued this year"),
    ("abolished", "本年废止件数", "abolished this year"),
    ("in_force", "现行有效件数", "in force"),
    ("decisions", "本年处理决定数量", "decisions this year"),
    (
        "amount_wan_yuan",
        "本年收费金额（单位：万元）",
        "fees collected (10,000 yuan)",
    ),
    ("made", "本年新制作数量", "made this year"),
    ("published", "本年新公开数量", "published this year"),
    ("published_total", "对外公开总数量", "published in total"),
    ("items_last_year", "上一年项目数量", "items last year"),
    ("items_change", "本年增/减", "change this year"),
    ("projects", "采购项目数量", "procurement projects"),
    ("amount", "采购总金额", "procurement amount"),
];

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

/// The printed label of a row: `row_label("t3", "outcome.withheld.third_party", "zh")`
/// is `（三）不予公开 4.保护第三方合法权益`; table 4's rows are its groups.
pub fn row_label(table: &str, row: &str, lang: &str) -> Option<&'static str> {
    match table {
        "t2" => find(&T2_ROWS, row, lang),
        "t3" => find(&T3_ROWS, row, lang).or_else(|| find(&T3_GROUPS, row, lang)),
        "t4" => find(&T4_GROUPS, row, lang),
        _ => None,
    }
}

/// The printed label of a column: `column_label("t3", "natural_person", "zh")` is `自然人`.
pub fn column_label(table: &str, column: &str, lang: &str) -> Option<&'static str> {
    match table {
        "t2" => find(&T2_COLUMNS, column, lang),
        "t3" => find(&T3_COLUMNS, column, lang),
        "t4" => find(&T4_COLUMNS, column, lang),
        _ => None,
    }
}

/// The printed label of a table 4 group (`行政复议`).
pub fn group_label(group: &str, lang: &str) -> Option<&'static str> {
    find(&T4_GROUPS, group, lang)
}

/// The name of a table (`t3` → `表三（收到和处理政府信息公开申请情况）`).
pub fn table_label(table: &str, lang: &str) -> Option<&'static str> {
    find(&TABLES, table, lang)
}

/// Short table names used inside a cell's label.
fn table_short(table: &str, lang: &str) -> &'static str {
    match (table, lang == "en") {
        ("t2", false) => "表二",
        ("t3", false) => "表三",
        ("t4", false) => "表四",
        ("t2", true) => "table 2",
        ("t3", true) => "table 3",
        _ => "table 4",
    }
}

/// The label of anything a path names, for people: a cell
/// (`表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列`), a row, a table,
/// a section (`sections.problems` → `五、存在的主要问题及改进情况`) or a
/// metadata field. `None` for a path that names nothing of the form.
pub fn label(path: &str, lang: &str) -> Option<String> {
    let en = lang == "en";
    if let Some(key) = path.strip_prefix("sections.") {
        let heading = SECTIONS.iter().find(|(k, _)| *k == key)?.1;
        return Some(if en {
            format!("section {key} ({heading})")
        } else {
            heading.to_string()
        });
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
    let short = table_short(table, lang);
    // A whole row (or group)?
    if let Some(row) = row_label(table, rest, lang) {
        return Some(if en {
            format!("{short}, row “{row}”")
        } else {
            format!("{short}“{row}”行")
        });
    }
    let (row, column) = rest.rsplit_once('.')?;
    let row = row_label(table, row, lang)?;
    let column = column_label(table, column, lang)?;
    Some(match (table, en) {
        ("t4", false) => format!("{short}“{row}”“{column}”"),
        ("t4", true) => format!("{short}, {row}, “{column}”"),
        (_, false) => format!("{short}“{row}”行“{column}”列"),
        (_, true) => format!("{short}, row “{row}”, column “{column}”"),
    })
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
                assert!(label(row, "zh").is_some(), "{row}");
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
