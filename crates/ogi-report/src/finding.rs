//! Findings are data: a stable code, a severity, the canonical path, the
//! numbers, and a message in Chinese and English.

use crate::report::Source;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing wrong.
    Info,
    /// Probably wrong, or a reader may accept it.
    Warning,
    /// The tables contradict themselves or hold impossible values.
    Error,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    /// Reads `"error"`, `"warning"` or `"info"`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $sev:ident, $family:ident, $zh:literal, $en:literal; )*) => {
        /// The stable code of a finding. Documented in RULES.md.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable string (`t3.balance`).
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The usual severity.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// The family of rules that gives the code ([`Family::Input`]
            /// for the codes of reading the input).
            pub fn family(self) -> Family {
                match self { $( Code::$variant => Family::$family, )* }
            }

            /// What the rule checks, in Chinese.
            pub fn describe_zh(self) -> &'static str {
                match self { $( Code::$variant => $zh, )* }
            }

            /// What the rule checks, in English.
            pub fn describe_en(self) -> &'static str {
                match self { $( Code::$variant => $en, )* }
            }

            /// Reads a code string.
            pub fn parse(s: &str) -> Option<Code> {
                match s { $( $code => Some(Code::$variant), )* _ => None }
            }
        }

        /// The TypeScript union of every code string, in catalogue order, as
        /// the WebAssembly binding declares it (`export type FindingCode`),
        /// with its doc comment.
        pub const TS_FINDING_CODE: &str = concat!(
            "/** The stable finding codes (see `rules()` and RULES.md). */\n",
            "export type FindingCode =",
            $( "\n  | \"", $code, "\"", )*
            ";"
        );
    };
}

codes! {
    /// Report data that does not fit the schema (wrong type, unknown key…).
    SchemaInvalid = "schema.invalid", Error, Input,
        "报告数据不符合结构定义（类型错误、未知字段等）",
        "The report data does not fit the schema (wrong type, unknown key, …)";
    /// Table 3 balance per column.
    T3Balance = "t3.balance", Error, Equations,
        "每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
        "Every column: new requests + carried over from last year = total of outcomes + carried forward to next year";
    /// Table 3 outcome total per column.
    T3OutcomeTotal = "t3.outcome_total", Error, Equations,
        "每一列：(七)总计 = 各项办理结果之和",
        "Every column: the total of outcomes = the sum of the outcome rows";
    /// Table 3 row total.
    T3RowTotal = "t3.row_total", Error, Equations,
        "每一行：总计 = 六类申请人之和",
        "Every row: total = the sum of the six applicant columns";
    /// Table 4 group total.
    T4GroupTotal = "t4.group_total", Error, Equations,
        "行政复议、行政诉讼每一组：总计 = 维持 + 纠正 + 其他结果 + 尚未审结",
        "Every group: total = upheld + corrected + other + pending";
    /// Table 2 (2021): issued ≤ in force + abolished.
    T2IssuedVsInForce = "t2.issued_vs_in_force", Warning, T2,
        "本年制发件数不应超过现行有效件数与本年废止件数之和",
        "Documents issued this year should be in force or abolished: issued <= in force + abolished";
    /// Table 2: 规章 reported by a township.
    T2TownshipRegulations = "t2.township_regulations", Warning, T2,
        "乡镇、街道没有规章制定权，却填报了规章",
        "A township or street office reports rules (规章), which only governments with rule-making power make";
    /// A blank cell.
    CellBlank = "cell.blank", Info, Equations,
        "空白单元格（不等于 0）；若按 0 计算会使等式不成立，则为警告",
        "A blank cell (not the same as 0); a warning when reading it as 0 would break an equation";
    /// A not-applicable mark.
    CellMark = "cell.mark", Info, Cells,
        "单元格填写了不适用标记（如 /、—、无）",
        "A cell holds a not-applicable mark such as /, — or 无";
    /// An ambiguous cell.
    CellAmbiguous = "cell.ambiguous", Warning, Cells,
        "单元格无法从文本唯一确定，列出候选值",
        "The cell cannot be read uniquely from the text; the candidates are listed";
    /// A value inferred by splitting concatenated digits.
    CellInferred = "cell.inferred", Info, Cells,
        "数值由连写数字按勾稽关系唯一推定",
        "The value was inferred: the only split of concatenated digits that satisfies the rules";
    /// An invalid cell.
    CellInvalid = "cell.invalid", Error, Cells,
        "单元格数值无效（负数、小数、超出范围或金额格式错误）",
        "The cell holds an invalid value (negative, fractional or out-of-range count, bad money)";
    /// A cell the input does not give.
    CellUnread = "cell.unread", Warning, Cells,
        "文本未给出该单元格（未找到该行、文本截断或数值无法对应到单元格），数值未知",
        "The input does not give the cell (row not found, truncated text, or values that cannot be placed): its value is unknown";
    /// A cell whose row the report's own table does not have.
    CellAbsent = "cell.absent", Info, Cells,
        "报告的表格没有该行（如 2021 年格式表三把（六）其他处理印为一行），该单元格不存在，不等于 0",
        "The report's own table has no such row (e.g. a 2021 table 3 printing (六) as one row): the cell does not exist, which is not 0";
    /// An equation that could not be checked.
    EquationUnchecked = "equation.unchecked", Info, Equations,
        "等式涉及空白、不适用或无法确定的单元格，未予校验",
        "An equation involves blank, not-applicable or ambiguous cells and was not checked";
    /// Input this build cannot read (HTML without the `html` feature).
    InputUnsupported = "input.unsupported", Error, Input,
        "输入格式不受此构建支持（如未含 HTML 解析的构建收到 HTML），未读取任何内容",
        "The input is in a form this build cannot read (HTML, in a build without HTML support); nothing was read";
    /// Input with no report in it.
    InputNoReport = "input.no_report", Error, Input,
        "输入中没有年度报告（空白、其他语言或无法识别的编码：既无表格、章节标题，也无报告标题），未作为报告检查",
        "The input holds no annual report (empty, white space only, another language or an encoding not read: no table, no section heading and no report title); it was not checked as a report";
    /// A PDF with no text layer (a scan): nothing can be read without OCR.
    InputImageOnly = "input.image_only", Error, Input,
        "PDF 没有文字层（扫描件或图片），无法读取任何内容，未作为报告检查；请提供带文字的 PDF、Word 文件或文本",
        "The PDF has no text layer (a scan or images): nothing can be read and it was not checked as a report; give a PDF with text, a Word file or the text";
    /// An encrypted file that cannot be opened without its password.
    InputEncrypted = "input.encrypted", Error, Input,
        "文件已加密，无法读取任何内容，未作为报告检查；请提供未加密的文件",
        "The file is encrypted: nothing can be read and it was not checked as a report; give the file without encryption";
    /// A damaged file (broken PDF or ZIP structure).
    InputDamaged = "input.damaged", Error, Input,
        "文件已损坏，无法读取（消息说明损坏之处），未作为报告检查",
        "The file is damaged and cannot be read (the message says where); it was not checked as a report";
    /// More than one report in one input.
    InputMultipleReports = "input.multiple_reports", Warning, Input,
        "一个输入中有不止一份报告，只读取了第一份，其后的报告被忽略",
        "The input holds more than one report: the first was read and the ones after it were ignored";
    /// Sources of the metadata that disagree (a web page's title and the report).
    MetaConflict = "meta.conflict", Info, Input,
        "元数据来源不一致（如网页标题与报告标题所载机关或年度不同）：采用报告正文所载",
        "Sources of the metadata disagree (a web page's title names another agency or year than the report's own title): the report's own is kept";
    /// A table that departs from its format (rows of the other format).
    FormatMixed = "format.mixed", Warning, Input,
        "表格与报告格式不符（如 2021 年格式的表三按 2019 年格式把（六）其他处理印为一行：该行读作这一组的合计）：不存在的行记为不存在，不按 0 计",
        "A table departs from the report's format (e.g. a 2021-format table 3 printing (六)其他处理 as one row, as the 2019 format did: the row is read as the group's total): the rows it lacks are absent, not 0";
    /// A table that is absent.
    TableAbsent = "table.absent", Warning, Tables,
        "报告中缺少该表格（可能以图片发布）",
        "The table is absent from the report (perhaps published as an image)";
    /// Rows of a table that could not be read from the text.
    TableIncomplete = "table.incomplete", Warning, Input,
        "表格中有行未能从文本读出（文本截断或版式无法识别），这些单元格未知",
        "Rows of a table could not be read from the text (truncated or unreadable layout); their cells are unknown";
    /// A table whose text is in reading order: rows no equation vouches for are unread.
    TableReadingOrder = "table.reading_order", Warning, Input,
        "表格文本按阅读顺序排列（如 pdftotext 不带 -layout 所得），行标题后的数值不一定属于该行：只采用本行等式能核实的行，其余单元格记为未读",
        "A table's text is in reading order (as pdftotext without -layout writes it), so the values after a row's label need not be the row's: only rows an equation of their own vouches for are read, the other cells are unread";
    /// A section heading not found.
    SectionMissing = "section.missing", Warning, Sections,
        "缺少规定的章节",
        "A required section is missing";
    /// A section heading out of the national order.
    SectionOrder = "section.order", Warning, Input,
        "章节顺序与规定格式不符",
        "A section appears out of the prescribed order";
    /// A section present but empty.
    SectionEmpty = "section.empty", Warning, Sections,
        "章节存在但内容为空或仅为占位",
        "A section is present but empty or a bare placeholder";
    /// Table format against report year.
    FormatYearMismatch = "format.year_mismatch", Warning, Tables,
        "报告年度与表格格式不符（2021年及以后应使用2021年格式）",
        "The table format does not fit the report year (2021 onwards uses the 2021 format)";
    /// A figure in the prose that disagrees with the tables.
    ProseMismatch = "prose.mismatch", Warning, Prose,
        "正文中的数字与表格不一致",
        "A figure stated in the text disagrees with the tables";
    /// The prose counts carried-over requests as received.
    ProseCountsCarriedOver = "prose.counts_carried_over", Info, Prose,
        "正文的收到申请数包含了上年结转数",
        "The text's number of requests received includes those carried over from last year";
    /// Figures about requests, reviews or lawsuits whose words name no row with confidence.
    ProseUnmapped = "prose.unmapped", Info, Prose,
        "正文中关于申请、复议或诉讼的数字无法确定对应表格中的哪一项（如按申请人类型或申请渠道的分项），未与表格比对",
        "A figure the text gives about requests, reviews or lawsuits names no row of the tables with confidence (e.g. a count by applicant or by channel); it was not compared";
    /// Fees charged but not reported in section six.
    FeesUnreported = "fees.unreported", Warning, Fees,
        "有收费情形，但第六部分未报告信息处理费",
        "Requests ended for unpaid fees or the text mentions charging, but section six does not report processing fees";
    /// Section six says nothing about processing fees (2021 format).
    FeesNotStated = "fees.not_stated", Warning, Fees,
        "第六部分未说明信息处理费收取情况（2021年格式要求在此报告，未收取也应说明）",
        "Section six does not state whether processing fees were charged (the 2021 format asks for it there, even when none were)";
    /// A section reduced to a formula ("暂无问题") or a sentence.
    SectionPerfunctory = "section.perfunctory", Warning, Sections,
        "章节内容敷衍：第五部分未列出问题和改进措施（如“暂无问题”），或第一部分仅有一句话",
        "A perfunctory section: section five names no problem and no measure (\"暂无问题\"), or section one is a single sentence";
    /// Published after the regulation's deadline.
    MetaLate = "meta.late", Warning, Dates,
        "年度报告晚于《政府信息公开条例》规定的期限公布（部门1月31日前，县级以上人民政府3月31日前）；条例未规定期限的机关为提示",
        "The report was published after the regulation's deadline (departments by 31 January, governments at county level and above by 31 March); a note for agencies the regulation does not name";
    /// The statistics period is not the report year.
    MetaPeriod = "meta.period", Warning, Dates,
        "统计期限应为报告年度的1月1日至12月31日（期限不完整、颠倒或与标题年度不符）",
        "The statistics period should run from 1 January to 31 December of the report year (partial, reversed, or another year than the title's)";
    /// Cross-year carry-over chain.
    SeriesCarryOver = "series.carry_over", Warning, Series,
        "本年上年结转数应等于上一年度结转下年度数",
        "This year's requests carried over from last year should equal last year's requests carried forward to next year";
    /// Cross-year in-force chain (2021 format).
    SeriesInForceChain = "series.in_force_chain", Warning, Series,
        "现行有效件数应等于上年现行有效件数 + 本年制发 − 本年废止",
        "Documents in force should equal last year's in force + issued - abolished";
    /// Cross-year published-total chain (2019 format).
    SeriesPublishedTotalChain = "series.published_total_chain", Warning, Series,
        "对外公开总数量应等于上年总数量 + 本年新公开数量",
        "The total published should equal last year's total + this year's newly published";
    /// A section's text repeats the year before's.
    SeriesProseCopied = "series.prose_copied", Warning, Series,
        "章节正文与同一机关上一年度报告大面积雷同（数字、日期除外）",
        "A section's text repeats the same agency's report of the year before (numbers and dates aside)";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown finding code {s:?}")))
    }
}

/// One problem (or note) about a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code.
    pub code: Code,
    /// How serious.
    pub severity: Severity,
    /// The canonical path the finding points at (a cell, a row, a table or a section).
    pub path: String,
    /// Other cells involved (the terms of an equation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// The value the rule expects, where there is a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<i64>,
    /// The value found, where there is a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<i64>,
    /// The message in Chinese.
    pub message: String,
    /// The message in English.
    pub message_en: String,
    /// Where in the source text the pointed-at value came from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The report year, for findings across years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The agency, for findings across years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

impl Finding {
    /// A finding with the code's usual severity.
    pub fn new(code: Code, path: impl Into<String>, zh: String, en: String) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            path: path.into(),
            related: Vec::new(),
            expected: None,
            actual: None,
            message: zh,
            message_en: en,
            source: None,
            year: None,
            agency: None,
        }
    }
    /// Sets expected and actual values.
    pub fn numbers(mut self, expected: i64, actual: i64) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }
    /// Sets the related paths.
    pub fn related(mut self, related: Vec<String>) -> Finding {
        self.related = related;
        self
    }
    /// Sets the related cells (their paths).
    pub fn related_cells(mut self, cells: impl IntoIterator<Item = crate::id::CellId>) -> Finding {
        self.related = cells.into_iter().map(crate::id::CellId::path).collect();
        self
    }
    /// Overrides the severity.
    pub fn severity(mut self, s: Severity) -> Finding {
        self.severity = s;
        self
    }
    /// Does the finding name `path` (as its path or among the related cells)?
    pub fn names(&self, path: &str) -> bool {
        self.path == path || self.related.iter().any(|r| r == path)
    }
    /// The message in a language (`"zh"` or `"en"`).
    pub fn message_in(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.message_en
        } else {
            &self.message
        }
    }
}

impl From<&crate::error::SchemaError> for Finding {
    fn from(e: &crate::error::SchemaError) -> Finding {
        Finding::new(
            Code::SchemaInvalid,
            e.path.clone(),
            format!(
                "{} 处数据不符合结构定义：{}",
                if e.path.is_empty() { "顶层" } else { &e.path },
                e.message
            ),
            e.to_string(),
        )
    }
}

/// A family of rules: the checks that give a kind of finding, and the codes
/// they give ([`Code::family`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Reading the input: what the parser reports about the text or file
    /// (`input.*`, `meta.conflict`, `format.mixed`, `table.incomplete`,
    /// `table.reading_order`, `section.order`) and data that does not fit the schema
    /// (`schema.invalid`). No check of [`crate::rules::CHECKS`] gives these.
    Input,
    /// Which tables the report has, and whether their format fits the year.
    Tables,
    /// Each cell's own state: marks, ambiguous, invalid, unread, absent and
    /// inferred cells.
    Cells,
    /// The arithmetic of tables 3 and 4, with the blank cells it meets.
    Equations,
    /// Table 2: documents issued and in force, rules made by a township.
    T2,
    /// Sections missing, empty or perfunctory.
    Sections,
    /// Figures in the text against the tables.
    Prose,
    /// Processing fees: charged but not reported, or not stated.
    Fees,
    /// Dates: the publication deadline (`meta.late`) and the statistics
    /// period (`meta.period`).
    Dates,
    /// Across years: the reports of one agency against the year before
    /// ([`crate::rules::validate_series`]).
    Series,
}

impl Family {
    /// Every family, in catalogue order.
    pub const ALL: &'static [Family] = &[
        Family::Input,
        Family::Tables,
        Family::Cells,
        Family::Equations,
        Family::T2,
        Family::Sections,
        Family::Prose,
        Family::Fees,
        Family::Dates,
        Family::Series,
    ];

    /// The stable key (`"equations"`).
    pub fn key(self) -> &'static str {
        match self {
            Family::Input => "input",
            Family::Tables => "tables",
            Family::Cells => "cells",
            Family::Equations => "equations",
            Family::T2 => "t2",
            Family::Sections => "sections",
            Family::Prose => "prose",
            Family::Fees => "fees",
            Family::Dates => "dates",
            Family::Series => "series",
        }
    }

    /// The family's name in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            Family::Input => "输入与数据结构",
            Family::Tables => "表格",
            Family::Cells => "单元格",
            Family::Equations => "勾稽关系",
            Family::T2 => "表二",
            Family::Sections => "章节",
            Family::Prose => "正文数字",
            Family::Fees => "信息处理费",
            Family::Dates => "公布时间与统计期限",
            Family::Series => "跨年度",
        }
    }

    /// The family's name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Family::Input => "Input",
            Family::Tables => "Tables",
            Family::Cells => "Cells",
            Family::Equations => "Equations",
            Family::T2 => "Table 2",
            Family::Sections => "Sections",
            Family::Prose => "Figures in the text",
            Family::Fees => "Processing fees",
            Family::Dates => "Dates",
            Family::Series => "Across years",
        }
    }

    /// Reads a key (`"equations"`).
    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.iter().copied().find(|f| f.key() == s)
    }

    /// The family's codes, in catalogue order.
    pub fn codes(self) -> impl Iterator<Item = Code> {
        Code::ALL
            .iter()
            .copied()
            .filter(move |c| c.family() == self)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Family {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ts_finding_code_lists_every_code_once_in_catalogue_order() {
        let (doc, union) = TS_FINDING_CODE
            .split_once("\nexport type FindingCode =")
            .expect("the declaration");
        assert!(doc.starts_with("/**") && doc.ends_with("*/"), "{doc}");
        let union = union.strip_suffix(';').expect("ends with ;");
        let listed: Vec<&str> = union
            .split("\n  | ")
            .skip(1)
            .map(|c| {
                c.strip_prefix('"')
                    .and_then(|c| c.strip_suffix('"'))
                    .unwrap()
            })
            .collect();
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, all);
        for code in Code::ALL {
            let quoted = format!("\"{code}\"");
            assert_eq!(TS_FINDING_CODE.matches(&quoted).count(), 1, "{code}");
        }
    }
}
