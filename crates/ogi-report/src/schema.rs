//! The typed tables of both formats, by canonical keys (see docs/format.md),
//! and the format's vocabulary: [`Format`], [`TableId`], [`Tables`]. The
//! whole report (metadata, sections, sources) is [`crate::report`].
//!
//! Each struct is declared once; its paths, nested JSON, flat JSON and JSON
//! Schema all derive from that declaration, and so do the typed keys of its
//! rows and columns that [`crate::id`] builds cell ids from.

use crate::cell::{CellMut, CellRef, CountCell, MoneyCell};
use crate::tree::{table_node, Extra, Node};
use std::fmt;

table_node! {
    /// One row of table 3: the six applicant columns and their total.
    Row as T3Col {
        natural_person / NaturalPerson: CountCell = "自然人",
        commercial / Commercial: CountCell = "商业企业",
        research / Research: CountCell = "科研机构",
        public_interest / PublicInterest: CountCell = "社会公益组织",
        legal_services / LegalServices: CountCell = "法律服务机构",
        other_org / OtherOrg: CountCell = "其他",
        total / Total: CountCell = "总计",
    }
}

table_node! {
    /// (三)不予公开: withheld, by reason.
    Withheld as WithheldReason {
        state_secret / StateSecret: Row = "1.属于国家秘密",
        prohibited_by_law / ProhibitedByLaw: Row = "2.其他法律行政法规禁止公开",
        security_stability / SecurityStability: Row = "3.危及“三安全一稳定”",
        third_party / ThirdParty: Row = "4.保护第三方合法权益",
        internal_affairs / InternalAffairs: Row = "5.属于三类内部事务信息",
        process_info / ProcessInfo: Row = "6.属于四类过程性信息",
        enforcement_files / EnforcementFiles: Row = "7.属于行政执法案卷",
        inquiry / Inquiry: Row = "8.属于行政查询事项",
    }
}

table_node! {
    /// (四)无法提供: unable to provide, by reason.
    Unable as UnableReason {
        not_held / NotHeld: Row = "1.本机关不掌握相关政府信息",
        needs_creation / NeedsCreation: Row = "2.没有现成信息需要另行制作",
        unclear / Unclear: Row = "3.补正后申请内容仍不明确",
    }
}

table_node! {
    /// (五)不予处理: not handled, by reason.
    Rejected as RejectedReason {
        petition / Petition: Row = "1.信访举报投诉类申请",
        duplicate / Duplicate: Row = "2.重复申请",
        publication / Publication: Row = "3.要求提供公开出版物",
        repetitive / Repetitive: Row = "4.无正当理由大量反复申请",
        confirmation / Confirmation: Row = "5.要求行政机关确认或重新出具已获取信息",
    }
}

table_node! {
    /// (六)其他处理 in the 2021 format: three rows.
    OtherOutcomes as OtherReason {
        no_correction / NoCorrection: Row = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        unpaid_fee / UnpaidFee: Row = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        other / Other: Row = "3.其他",
    }
}

table_node! {
    /// 三、本年度办理结果, 2021 format. `other_total` is the (六)其他处理
    /// group's total, present only when a report prints the group as one row,
    /// the 2019 way, without its three rows (which are then absent: see
    /// docs/format.md, §5).
    Outcome2021 {
        disclosed: Row = "(一)予以公开",
        partly_disclosed: Row = "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        withheld: Withheld = "(三)不予公开",
        unable: Unable = "(四)无法提供",
        rejected: Rejected = "(五)不予处理",
        other: OtherOutcomes = "(六)其他处理",
        other_total: Extra<Row> = "(六)其他处理(印为一行、不分1.–3.项时:这一组的合计)",
        total: Row = "(七)总计",
    }
}

table_node! {
    /// 三、本年度办理结果, 2019 format: (六)其他处理 is one row.
    Outcome2019 {
        disclosed: Row = "(一)予以公开",
        partly_disclosed: Row = "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        withheld: Withheld = "(三)不予公开",
        unable: Unable = "(四)无法提供",
        rejected: Rejected = "(五)不予处理",
        other: Row = "(六)其他处理",
        total: Row = "(七)总计",
    }
}

table_node! {
    /// Table 3 (收到和处理政府信息公开申请情况), 2021 format.
    T3v2021 {
        new_received: Row = "一、本年新收政府信息公开申请数量",
        carried_over: Row = "二、上年结转政府信息公开申请数量",
        outcome: Outcome2021 = "三、本年度办理结果",
        carried_forward: Row = "四、结转下年度继续办理",
    }
}

table_node! {
    /// Table 3 (收到和处理政府信息公开申请情况), 2019 format.
    T3v2019 {
        new_received: Row = "一、本年新收政府信息公开申请数量",
        carried_over: Row = "二、上年结转政府信息公开申请数量",
        outcome: Outcome2019 = "三、本年度办理结果",
        carried_forward: Row = "四、结转下年度继续办理",
    }
}

table_node! {
    /// One group of table 4: results of reviews or lawsuits.
    Group as T4Col {
        upheld / Upheld: CountCell = "结果维持",
        corrected / Corrected: CountCell = "结果纠正",
        other / Other: CountCell = "其他结果",
        pending / Pending: CountCell = "尚未审结",
        total / Total: CountCell = "总计",
    }
}

table_node! {
    /// Table 4 (行政复议、行政诉讼), both formats.
    T4 as T4Group {
        review / Review: Group = "行政复议",
        litigation_direct / LitigationDirect: Group = "行政诉讼·未经复议直接起诉",
        litigation_after_review / LitigationAfterReview: Group = "行政诉讼·复议后起诉",
    }
}

table_node! {
    /// 规章 / 行政规范性文件, 2021 format.
    Documents2021 {
        issued: CountCell = "本年制发件数",
        abolished: CountCell = "本年废止件数",
        in_force: CountCell = "现行有效件数",
    }
}

table_node! {
    /// A count of decisions taken this year (2021 format).
    Decisions {
        decisions: CountCell = "本年处理决定数量",
    }
}

table_node! {
    /// 行政事业性收费, 2021 format.
    Fees2021 {
        amount_wan_yuan: MoneyCell = "本年收费金额(单位:万元)",
    }
}

table_node! {
    /// Table 2 (主动公开政府信息情况), 2021 format.
    T2v2021 {
        regulations: Documents2021 = "第二十条第(一)项·规章",
        normative_documents: Documents2021 = "第二十条第(一)项·行政规范性文件",
        licensing: Decisions = "第二十条第(五)项·行政许可",
        penalties: Decisions = "第二十条第(六)项·行政处罚",
        coercive_measures: Decisions = "第二十条第(六)项·行政强制",
        fees: Fees2021 = "第二十条第(八)项·行政事业性收费",
    }
}

table_node! {
    /// 规章 / 规范性文件, 2019 format.
    Documents2019 {
        made: CountCell = "本年新制作数量",
        published: CountCell = "本年新公开数量",
        published_total: CountCell = "对外公开总数量",
    }
}

table_node! {
    /// Licensing, penalties, coercive measures and other services, 2019 format.
    Items2019 {
        items_last_year: CountCell = "上一年项目数量",
        items_change: CountCell = "本年增/减",
        decisions: CountCell = "处理决定数量",
    }
}

table_node! {
    /// 行政事业性收费, 2019 format.
    FeeItems2019 {
        items_last_year: CountCell = "上一年项目数量",
        items_change: CountCell = "本年增/减",
    }
}

table_node! {
    /// 政府集中采购, 2019 format (the amount keeps the printed unit, see [`crate::Meta::procurement_unit`]).
    Procurement2019 {
        projects: CountCell = "采购项目数量",
        amount: MoneyCell = "采购总金额",
    }
}

table_node! {
    /// Table 2 (主动公开政府信息情况), 2019 format.
    T2v2019 as T2Row {
        regulations / Regulations: Documents2019 = "第二十条第(一)项·规章",
        normative_documents / NormativeDocuments: Documents2019 = "第二十条第(一)项·规范性文件",
        licensing / Licensing: Items2019 = "第二十条第(五)项·行政许可",
        other_services / OtherServices: Items2019 = "第二十条第(五)项·其他对外管理服务事项",
        penalties / Penalties: Items2019 = "第二十条第(六)项·行政处罚",
        coercive_measures / CoerciveMeasures: Items2019 = "第二十条第(六)项·行政强制",
        fees / Fees: FeeItems2019 = "第二十条第(八)项·行政事业性收费",
        procurement / Procurement: Procurement2019 = "第二十条第(九)项·政府集中采购",
    }
}

table_node! {
    /// The three tables of a 2021-format report; `None` is a table that is absent.
    Tables2021 {
        t2: Option<T2v2021> = "二、主动公开政府信息情况",
        t3: Option<T3v2021> = "三、收到和处理政府信息公开申请情况",
        t4: Option<T4> = "四、政府信息公开行政复议、行政诉讼情况",
    }
}

table_node! {
    /// The three tables of a 2019-format report; `None` is a table that is absent.
    Tables2019 {
        t2: Option<T2v2019> = "二、主动公开政府信息情况",
        t3: Option<T3v2019> = "三、收到和处理政府信息公开申请情况",
        t4: Option<T4> = "四、政府信息公开行政复议、行政诉讼情况",
    }
}

/// The two national formats of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// 国办公开办函〔2019〕60号 (试行), for report years 2019 and 2020.
    F2019,
    /// 国办公开办函〔2021〕30号, for report years 2021 onwards.
    F2021,
}

impl Format {
    /// `"2019"` or `"2021"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::F2019 => "2019",
            Format::F2021 => "2021",
        }
    }
    /// Reads `"2019"` or `"2021"`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim() {
            "2019" => Some(Format::F2019),
            "2021" => Some(Format::F2021),
            _ => None,
        }
    }
    /// Both formats.
    pub const ALL: [Format; 2] = [Format::F2019, Format::F2021];
    /// The format a report for `year` uses: 2021's from report year 2021 on,
    /// 2019's before.
    pub fn for_year(year: i32) -> Format {
        if year >= 2021 {
            Format::F2021
        } else {
            Format::F2019
        }
    }
    /// The year the format is named after (2019 or 2021).
    pub fn year(self) -> i32 {
        match self {
            Format::F2019 => 2019,
            Format::F2021 => 2021,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tables of a report, in its format.
#[derive(Debug, Clone, PartialEq)]
pub enum Tables {
    /// 2021 format.
    F2021(Tables2021),
    /// 2019 format.
    F2019(Tables2019),
}

/// The three tables of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// Table 2, proactive disclosure.
    T2,
    /// Table 3, requests.
    T3,
    /// Table 4, review and litigation.
    T4,
}

impl TableId {
    /// All three, in order.
    pub const ALL: [TableId; 3] = [TableId::T2, TableId::T3, TableId::T4];
    /// `"t2"`, `"t3"` or `"t4"`.
    pub fn key(self) -> &'static str {
        match self {
            TableId::T2 => "t2",
            TableId::T3 => "t3",
            TableId::T4 => "t4",
        }
    }
}

impl Tables {
    /// Empty tables (every table present, every cell blank) of a format.
    pub fn empty(format: Format) -> Tables {
        match format {
            Format::F2021 => Tables::F2021(Tables2021 {
                t2: Some(Default::default()),
                t3: Some(Default::default()),
                t4: Some(Default::default()),
            }),
            Format::F2019 => Tables::F2019(Tables2019 {
                t2: Some(Default::default()),
                t3: Some(Default::default()),
                t4: Some(Default::default()),
            }),
        }
    }
    /// These tables with every [`Extra`] row present (blank): every cell a
    /// report of the format can hold, as [`crate::Template`] lists them.
    pub fn with_extras(mut self) -> Tables {
        match &mut self {
            Tables::F2021(x) => x.fill_extras(),
            Tables::F2019(x) => x.fill_extras(),
        }
        self
    }
    /// The format of these tables.
    pub fn format(&self) -> Format {
        match self {
            Tables::F2021(_) => Format::F2021,
            Tables::F2019(_) => Format::F2019,
        }
    }
    /// Is the table present?
    pub fn present(&self, t: TableId) -> bool {
        match (self, t) {
            (Tables::F2021(x), TableId::T2) => x.t2.is_some(),
            (Tables::F2021(x), TableId::T3) => x.t3.is_some(),
            (Tables::F2021(x), TableId::T4) => x.t4.is_some(),
            (Tables::F2019(x), TableId::T2) => x.t2.is_some(),
            (Tables::F2019(x), TableId::T3) => x.t3.is_some(),
            (Tables::F2019(x), TableId::T4) => x.t4.is_some(),
        }
    }
    /// Makes a table absent (`false`) or present with blank cells (`true`, if it was absent).
    pub fn set_present(&mut self, t: TableId, present: bool) {
        fn set<N: Default>(slot: &mut Option<N>, present: bool) {
            match (present, slot.is_some()) {
                (false, _) => *slot = None,
                (true, false) => *slot = Some(N::default()),
                (true, true) => {}
            }
        }
        match (self, t) {
            (Tables::F2021(x), TableId::T2) => set(&mut x.t2, present),
            (Tables::F2021(x), TableId::T3) => set(&mut x.t3, present),
            (Tables::F2021(x), TableId::T4) => set(&mut x.t4, present),
            (Tables::F2019(x), TableId::T2) => set(&mut x.t2, present),
            (Tables::F2019(x), TableId::T3) => set(&mut x.t3, present),
            (Tables::F2019(x), TableId::T4) => set(&mut x.t4, present),
        }
    }
    /// The cell at a canonical path such as `t3.new_received.total`.
    pub fn get(&self, path: &str) -> Option<CellRef<'_>> {
        match self {
            Tables::F2021(x) => x.lookup(path),
            Tables::F2019(x) => x.lookup(path),
        }
    }
    /// The mutable cell at a canonical path.
    pub fn get_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
        match self {
            Tables::F2021(x) => x.lookup_mut(path),
            Tables::F2019(x) => x.lookup_mut(path),
        }
    }
    /// How many cells the format has, extras included (the length of
    /// [`Tables::cells`] and of the template's paths).
    pub fn cell_count(&self) -> usize {
        match self {
            Tables::F2021(_) => Tables2021::CELLS,
            Tables::F2019(_) => Tables2019::CELLS,
        }
    }
    /// Every cell in template order, `None` for the cells of an absent table
    /// or of an [`Extra`] part the report does not print.
    pub fn cells(&self) -> Vec<Option<CellRef<'_>>> {
        // Sized for the format's cells: one allocation, never grown.
        let mut out = Vec::with_capacity(self.cell_count());
        match self {
            Tables::F2021(x) => x.cells_into(&mut out),
            Tables::F2019(x) => x.cells_into(&mut out),
        }
        out
    }
    /// Every cell in template order, writable; `None` for the cells of an absent table.
    pub fn cells_mut(&mut self) -> Vec<Option<CellMut<'_>>> {
        let mut out = Vec::with_capacity(self.cell_count());
        match self {
            Tables::F2021(x) => x.cells_mut_into(&mut out),
            Tables::F2019(x) => x.cells_mut_into(&mut out),
        }
        out
    }
    /// Calls `f` for every cell of the present tables, in template order.
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&str, CellRef<'a>)) {
        let mut path = String::with_capacity(64);
        match self {
            Tables::F2021(x) => x.visit(&mut path, f),
            Tables::F2019(x) => x.visit(&mut path, f),
        }
    }
}
