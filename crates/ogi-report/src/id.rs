//! Typed cell identity: [`CellId`] names one cell of either format's tables,
//! built from the typed keys the schema declares ([`T3Col`], [`T4Group`],
//! [`T4Col`], [`T2Row`] and the reasons of table 3's groups), so that a
//! misspelt row or column is a compile error.
//!
//! Inside the crate, templates, equations, the digit solver, rules and prose
//! claims name cells by [`CellId`]; the dotted path (`t3.outcome.total.total`)
//! is its text form, for JSON, findings and the bindings ([`CellId::parse`],
//! [`std::fmt::Display`]).

use crate::schema::{
    OtherReason, RejectedReason, T2Row, T3Col, T4Col, T4Group, TableId, UnableReason,
    WithheldReason,
};
use crate::tree::keys;
use std::fmt;
use std::sync::OnceLock;

keys! {
    /// A column of table 2. Each row has some of them, by format
    /// ([`crate::Template::position`] says whether a cell exists).
    T2Col {
        issued / Issued = "本年制发件数",
        abolished / Abolished = "本年废止件数",
        in_force / InForce = "现行有效件数",
        decisions / Decisions = "本年处理决定数量",
        amount_wan_yuan / AmountWanYuan = "本年收费金额(单位:万元)",
        made / Made = "本年新制作数量",
        published / Published = "本年新公开数量",
        published_total / PublishedTotal = "对外公开总数量",
        items_last_year / ItemsLastYear = "上一年项目数量",
        items_change / ItemsChange = "本年增/减",
        projects / Projects = "采购项目数量",
        amount / Amount = "采购总金额",
    }
}

/// A row of table 3, in either format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Row {
    /// 一、本年新收政府信息公开申请数量.
    NewReceived,
    /// 二、上年结转政府信息公开申请数量.
    CarriedOver,
    /// (一)予以公开.
    Disclosed,
    /// (二)部分公开.
    PartlyDisclosed,
    /// (三)不予公开, by reason.
    Withheld(WithheldReason),
    /// (四)无法提供, by reason.
    Unable(UnableReason),
    /// (五)不予处理, by reason.
    Rejected(RejectedReason),
    /// (六)其他处理 as one row: the 2019 format.
    Other,
    /// (六)其他处理, by reason: the 2021 format.
    OtherSub(OtherReason),
    /// The (六) group's total in the 2021 format, when a report prints the
    /// group as one row (see [`crate::Extra`]).
    OtherTotal,
    /// (七)总计.
    Total,
    /// 四、结转下年度继续办理.
    CarriedForward,
}

impl T3Row {
    /// Every row of both formats, in template order (the 2021 format's rows,
    /// with the 2019 format's one-row (六) before the sub-rows).
    pub const ALL: [T3Row; 27] = {
        use OtherReason as O;
        use RejectedReason as R;
        use UnableReason as U;
        use WithheldReason as W;
        [
            T3Row::NewReceived,
            T3Row::CarriedOver,
            T3Row::Disclosed,
            T3Row::PartlyDisclosed,
            T3Row::Withheld(W::StateSecret),
            T3Row::Withheld(W::ProhibitedByLaw),
            T3Row::Withheld(W::SecurityStability),
            T3Row::Withheld(W::ThirdParty),
            T3Row::Withheld(W::InternalAffairs),
            T3Row::Withheld(W::ProcessInfo),
            T3Row::Withheld(W::EnforcementFiles),
            T3Row::Withheld(W::Inquiry),
            T3Row::Unable(U::NotHeld),
            T3Row::Unable(U::NeedsCreation),
            T3Row::Unable(U::Unclear),
            T3Row::Rejected(R::Petition),
            T3Row::Rejected(R::Duplicate),
            T3Row::Rejected(R::Publication),
            T3Row::Rejected(R::Repetitive),
            T3Row::Rejected(R::Confirmation),
            T3Row::Other,
            T3Row::OtherSub(O::NoCorrection),
            T3Row::OtherSub(O::UnpaidFee),
            T3Row::OtherSub(O::Other),
            T3Row::OtherTotal,
            T3Row::Total,
            T3Row::CarriedForward,
        ]
    };

    /// The position in [`T3Row::ALL`].
    pub const fn index(self) -> usize {
        match self {
            T3Row::NewReceived => 0,
            T3Row::CarriedOver => 1,
            T3Row::Disclosed => 2,
            T3Row::PartlyDisclosed => 3,
            T3Row::Withheld(r) => 4 + r.index(),
            T3Row::Unable(r) => 12 + r.index(),
            T3Row::Rejected(r) => 15 + r.index(),
            T3Row::Other => 20,
            T3Row::OtherSub(r) => 21 + r.index(),
            T3Row::OtherTotal => 24,
            T3Row::Total => 25,
            T3Row::CarriedForward => 26,
        }
    }

    /// The row's path inside table 3: `new_received`, `outcome.withheld.third_party`.
    pub fn path(self) -> &'static str {
        static PATHS: OnceLock<Vec<String>> = OnceLock::new();
        &PATHS.get_or_init(|| T3Row::ALL.iter().map(|r| r.build_path()).collect())[self.index()]
    }

    fn build_path(self) -> String {
        match self {
            T3Row::NewReceived => "new_received".into(),
            T3Row::CarriedOver => "carried_over".into(),
            T3Row::Disclosed => "outcome.disclosed".into(),
            T3Row::PartlyDisclosed => "outcome.partly_disclosed".into(),
            T3Row::Withheld(r) => format!("outcome.withheld.{r}"),
            T3Row::Unable(r) => format!("outcome.unable.{r}"),
            T3Row::Rejected(r) => format!("outcome.rejected.{r}"),
            T3Row::Other => "outcome.other".into(),
            T3Row::OtherSub(r) => format!("outcome.other.{r}"),
            T3Row::OtherTotal => "outcome.other_total".into(),
            T3Row::Total => "outcome.total".into(),
            T3Row::CarriedForward => "carried_forward".into(),
        }
    }

    /// The row a path inside table 3 names.
    pub fn from_path(path: &str) -> Option<T3Row> {
        Some(match path {
            "new_received" => T3Row::NewReceived,
            "carried_over" => T3Row::CarriedOver,
            "outcome.disclosed" => T3Row::Disclosed,
            "outcome.partly_disclosed" => T3Row::PartlyDisclosed,
            "outcome.other" => T3Row::Other,
            "outcome.other_total" => T3Row::OtherTotal,
            "outcome.total" => T3Row::Total,
            "carried_forward" => T3Row::CarriedForward,
            _ => {
                let rest = path.strip_prefix("outcome.")?;
                let dot = memchr::memchr(b'.', rest.as_bytes())?;
                let (group, key) = (&rest[..dot], &rest[dot + 1..]);
                match group {
                    "withheld" => T3Row::Withheld(WithheldReason::from_key(key)?),
                    "unable" => T3Row::Unable(UnableReason::from_key(key)?),
                    "rejected" => T3Row::Rejected(RejectedReason::from_key(key)?),
                    "other" => T3Row::OtherSub(OtherReason::from_key(key)?),
                    _ => return None,
                }
            }
        })
    }

    /// Is it one of the outcome rows that sum to (七)总计 (in its format)?
    /// Not the total itself, nor the (六) group total that stands for three of them.
    pub const fn is_outcome_part(self) -> bool {
        !matches!(
            self,
            T3Row::NewReceived
                | T3Row::CarriedOver
                | T3Row::OtherTotal
                | T3Row::Total
                | T3Row::CarriedForward
        )
    }

    /// The cell of this row in column `col`.
    pub const fn cell(self, col: T3Col) -> CellId {
        CellId::T3(self, col)
    }
}

/// A heading of table 3 that groups rows: 三、本年度办理结果 (every outcome
/// row) and its groups (三) to (六). A figure of the prose may name a group;
/// its cells are the totals of the group's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum T3Group {
    /// 三、本年度办理结果: the outcome rows (一) to (七).
    Outcome,
    /// (三)不予公开.
    Withheld,
    /// (四)无法提供.
    Unable,
    /// (五)不予处理.
    Rejected,
    /// (六)其他处理 (one row in the 2019 format, three in the 2021 format).
    Other,
}

impl T3Group {
    /// The five, in printed order.
    pub const ALL: [T3Group; 5] = [
        T3Group::Outcome,
        T3Group::Withheld,
        T3Group::Unable,
        T3Group::Rejected,
        T3Group::Other,
    ];
    /// The group's path inside table 3 (`outcome.withheld`).
    pub const fn key(self) -> &'static str {
        match self {
            T3Group::Outcome => "outcome",
            T3Group::Withheld => "outcome.withheld",
            T3Group::Unable => "outcome.unable",
            T3Group::Rejected => "outcome.rejected",
            T3Group::Other => "outcome.other",
        }
    }
    /// The group's canonical path (`t3.outcome.withheld`).
    pub const fn path(self) -> &'static str {
        match self {
            T3Group::Outcome => "t3.outcome",
            T3Group::Withheld => "t3.outcome.withheld",
            T3Group::Unable => "t3.outcome.unable",
            T3Group::Rejected => "t3.outcome.rejected",
            T3Group::Other => "t3.outcome.other",
        }
    }
    /// The group a path inside table 3 names.
    pub fn from_key(key: &str) -> Option<T3Group> {
        T3Group::ALL.into_iter().find(|g| g.key() == key)
    }
    /// Is `row` one of the group's rows? (六)'s are its one 2019 row and its
    /// 2021 sub-rows, not the group total a report may print instead of them;
    /// the outcome's are the rows that sum to (七)总计.
    pub const fn contains(self, row: T3Row) -> bool {
        match self {
            T3Group::Outcome => row.is_outcome_part(),
            T3Group::Withheld => matches!(row, T3Row::Withheld(_)),
            T3Group::Unable => matches!(row, T3Row::Unable(_)),
            T3Group::Rejected => matches!(row, T3Row::Rejected(_)),
            T3Group::Other => matches!(row, T3Row::Other | T3Row::OtherSub(_)),
        }
    }
}

impl fmt::Display for T3Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.path())
    }
}

impl T3Col {
    /// The six applicant columns, without `total`.
    pub const APPLICANTS: [T3Col; 6] = [
        T3Col::NaturalPerson,
        T3Col::Commercial,
        T3Col::Research,
        T3Col::PublicInterest,
        T3Col::LegalServices,
        T3Col::OtherOrg,
    ];
}

impl T4Col {
    /// The four results that sum to `total`.
    pub const PARTS: [T4Col; 4] = [
        T4Col::Upheld,
        T4Col::Corrected,
        T4Col::Other,
        T4Col::Pending,
    ];
}

impl T4Group {
    /// The cell of this group in column `col`.
    pub const fn cell(self, col: T4Col) -> CellId {
        CellId::T4(self, col)
    }
}

impl T2Row {
    /// The cell of this row in column `col` (it exists if the format has it).
    pub const fn cell(self, col: T2Col) -> CellId {
        CellId::T2(self, col)
    }
}

/// One cell of either format's tables.
///
/// Every cell of a format has one; a value may name a cell its format lacks
/// (`T3Row::Other` in 2021, `T2Col::Decisions` of `regulations`), which
/// [`crate::Template::position`] reports as `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellId {
    /// A cell of table 2.
    T2(T2Row, T2Col),
    /// A cell of table 3.
    T3(T3Row, T3Col),
    /// A cell of table 4.
    T4(T4Group, T4Col),
}

/// A row of any table: the cells of a row share it (table 4's rows are its groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowId {
    /// A row of table 2.
    T2(T2Row),
    /// A row of table 3.
    T3(T3Row),
    /// A group of table 4.
    T4(T4Group),
}

const T2_CELLS: usize = 8 * 12;
const T3_CELLS: usize = 27 * 7;

impl CellId {
    /// The number of distinct ids: [`CellId::ordinal`] is below it.
    pub const COUNT: usize = T2_CELLS + T3_CELLS + 3 * 5;

    /// A dense number for the id, for tables indexed by cell.
    pub const fn ordinal(self) -> usize {
        match self {
            CellId::T2(r, c) => r.index() * 12 + c.index(),
            CellId::T3(r, c) => T2_CELLS + r.index() * 7 + c.index(),
            CellId::T4(g, c) => T2_CELLS + T3_CELLS + g.index() * 5 + c.index(),
        }
    }

    /// The table of the cell.
    pub const fn table(self) -> TableId {
        match self {
            CellId::T2(..) => TableId::T2,
            CellId::T3(..) => TableId::T3,
            CellId::T4(..) => TableId::T4,
        }
    }

    /// The row (or table 4 group) of the cell.
    pub const fn row(self) -> RowId {
        match self {
            CellId::T2(r, _) => RowId::T2(r),
            CellId::T3(r, _) => RowId::T3(r),
            CellId::T4(g, _) => RowId::T4(g),
        }
    }

    /// The column's canonical key.
    pub const fn column_key(self) -> &'static str {
        match self {
            CellId::T2(_, c) => c.key(),
            CellId::T3(_, c) => c.key(),
            CellId::T4(_, c) => c.key(),
        }
    }

    /// The id of a canonical path (`t3.outcome.withheld.third_party.total`).
    pub fn parse(path: &str) -> Option<CellId> {
        // The first and last dots, found by the memchr crate (`split_once`
        // and `rsplit_once` took half of this function's instructions, which
        // reading JSON spends once per source).
        let b = path.as_bytes();
        let (first, last) = (memchr::memchr(b'.', b)?, memchr::memrchr(b'.', b)?);
        if last <= first {
            return None;
        }
        let (table, row, col) = (&path[..first], &path[first + 1..last], &path[last + 1..]);
        match table {
            "t2" => Some(CellId::T2(T2Row::from_key(row)?, T2Col::from_key(col)?)),
            "t3" => Some(CellId::T3(T3Row::from_path(row)?, T3Col::from_key(col)?)),
            "t4" => Some(CellId::T4(T4Group::from_key(row)?, T4Col::from_key(col)?)),
            _ => None,
        }
    }

    /// The canonical path, as JSON, findings and the bindings write it.
    pub fn path(self) -> String {
        join_path(&[self.table().key(), self.row().key(), self.column_key()])
    }
}

/// `parts` joined by dots, in a string of the exact size (findings name
/// their cells by path by the thousand; the formatting machinery cost
/// several times this in `validate`, BENCHMARKS.md).
fn join_path(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len() + 1).sum());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        s.push_str(p);
    }
    s
}

impl From<CellId> for String {
    fn from(id: CellId) -> String {
        id.path()
    }
}

impl fmt::Display for CellId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

impl RowId {
    /// The table of the row.
    pub const fn table(self) -> TableId {
        match self {
            RowId::T2(_) => TableId::T2,
            RowId::T3(_) => TableId::T3,
            RowId::T4(_) => TableId::T4,
        }
    }
    /// The row's path inside its table (`outcome.disclosed`, `review`).
    pub fn key(self) -> &'static str {
        match self {
            RowId::T2(r) => r.key(),
            RowId::T3(r) => r.path(),
            RowId::T4(g) => g.key(),
        }
    }
    /// The row of a canonical path (`t3.outcome.disclosed`, `t4.review`).
    pub fn parse(path: &str) -> Option<RowId> {
        let (table, row) = path.split_once('.')?;
        match table {
            "t2" => T2Row::from_key(row).map(RowId::T2),
            "t3" => T3Row::from_path(row).map(RowId::T3),
            "t4" => T4Group::from_key(row).map(RowId::T4),
            _ => None,
        }
    }
}

impl RowId {
    /// The row's canonical path (`t3.outcome.disclosed`, `t4.review`).
    pub fn path(self) -> String {
        join_path(&[self.table().key(), self.key()])
    }
}

impl fmt::Display for RowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Format;
    use crate::template::Template;

    #[test]
    fn a_cell_found_by_its_id_is_the_cell_found_by_its_path() {
        use crate::report::Report;
        use crate::schema::TableId;
        for f in Format::ALL {
            let tpl = Template::get(f);
            // Every cell of the format (extras included) holds its own position.
            let mut r = Report::empty(f);
            for (pos, p) in tpl.paths.iter().enumerate() {
                let id = CellId::parse(p).unwrap();
                r.cell_mut(id).unwrap().set_count(pos as i64);
            }
            for p in &tpl.paths {
                let id = CellId::parse(p).unwrap();
                assert_eq!(r.cell(id), r.get(p), "{p}");
                // Written by id or by path, one cell each time: the same
                // report (an extra part the cell is in made present alike).
                let mut by_id = Report::empty(f);
                by_id.cell_mut(id).unwrap().set_count(1);
                let mut by_path = Report::empty(f);
                by_path.get_mut(p).unwrap().set_count(1);
                assert!(by_id == by_path, "{p}");
            }
            // A cell of an extra part the report does not print is not there to read.
            let mut blank = Report::empty(f);
            for p in &tpl.paths {
                let id = CellId::parse(p).unwrap();
                assert_eq!(blank.cell(id).is_some(), blank.get(p).is_some(), "{p}");
            }
            blank.tables.set_present(TableId::T3, false);
            for p in tpl.paths.iter().filter(|p| p.starts_with("t3.")) {
                let id = CellId::parse(p).unwrap();
                assert!(
                    blank.cell(id).is_none() && blank.cell_mut(id).is_none(),
                    "{p}"
                );
            }
        }
        // A cell the format does not have.
        let mut r = Report::empty(Format::F2019);
        let only_2021 = Template::get(Format::F2021)
            .paths
            .iter()
            .filter_map(|p| CellId::parse(p))
            .find(|&id| !Template::get(Format::F2019).has(id))
            .unwrap();
        assert!(r.cell(only_2021).is_none() && r.cell_mut(only_2021).is_none());
        assert!(r == Report::empty(Format::F2019));
    }

    #[test]
    fn a_t3_group_is_named_by_its_path_and_holds_its_printed_rows() {
        for g in T3Group::ALL {
            assert_eq!(T3Group::from_key(g.key()), Some(g));
            assert_eq!(g.path(), format!("t3.{}", g.key()));
            assert_eq!(
                crate::labels::row_label("t3", g.key(), "zh"),
                Some(g.label("zh"))
            );
        }
        for f in Format::ALL {
            for &row in &Template::get(f).outcome_rows {
                // Each outcome row is in the outcome, and in the group its
                // label is printed under (or in none: (一), (二)).
                assert!(T3Group::Outcome.contains(row), "{row}");
                let under: Vec<T3Group> = T3Group::ALL[1..]
                    .iter()
                    .copied()
                    .filter(|g| g.contains(row))
                    .collect();
                match under.as_slice() {
                    [] => assert!(matches!(row, T3Row::Disclosed | T3Row::PartlyDisclosed)),
                    [g] => assert!(
                        row.label("zh").starts_with(g.label("zh")),
                        "{row} under {g:?}"
                    ),
                    more => panic!("{row} in {more:?}"),
                }
            }
        }
        // The group total a report may print stands for (六)'s rows; it is not one.
        assert!(!T3Group::Other.contains(T3Row::OtherTotal));
    }

    #[test]
    fn every_template_path_has_an_id_that_writes_it_back() {
        for f in Format::ALL {
            for p in &Template::get(f).paths {
                let id = CellId::parse(p).unwrap_or_else(|| panic!("{p}"));
                assert_eq!(&id.to_string(), p);
            }
        }
    }

    proptest::proptest! {
        /// Cutting a path at its dots by bytes reads what `split_once` and
        /// `rsplit_once` read, dots doubled, missing or at the ends included.
        #[test]
        fn paths_cut_at_their_dots_as_split_once_cuts(
            parts in proptest::collection::vec(
                "(t2|t3|t4|outcome|withheld|third_party|review|regulations|total|in_force|new_received|)",
                0..6,
            ),
        ) {
            let path = parts.join(".");
            let by_split = path.split_once('.').and_then(|(table, rest)| {
                let (row, col) = rest.rsplit_once('.')?;
                match table {
                    "t2" => Some(CellId::T2(T2Row::from_key(row)?, T2Col::from_key(col)?)),
                    "t3" => Some(CellId::T3(T3Row::from_path(row)?, T3Col::from_key(col)?)),
                    "t4" => Some(CellId::T4(T4Group::from_key(row)?, T4Col::from_key(col)?)),
                    _ => None,
                }
            });
            proptest::prop_assert_eq!(CellId::parse(&path), by_split);
        }
    }

    #[test]
    fn ordinals_order_ids_as_ids_order_themselves() {
        let mut ids: Vec<CellId> = Format::ALL
            .iter()
            .flat_map(|&f| Template::get(f).ids.iter().copied())
            .collect();
        ids.sort();
        ids.dedup();
        for w in ids.windows(2) {
            assert!(w[0].ordinal() < w[1].ordinal(), "{} {}", w[0], w[1]);
        }
    }

    #[test]
    fn the_ids_of_both_formats_are_every_id_that_names_a_cell() {
        // Every id of T3Row × T3Col, T4Group × T4Col and the T2 pairs a
        // format has, and no other, is a cell of some format.
        let mut named = std::collections::BTreeSet::new();
        for f in Format::ALL {
            for p in &Template::get(f).paths {
                named.insert(CellId::parse(p).unwrap());
            }
        }
        for r in T3Row::ALL {
            for &c in T3Col::ALL {
                assert!(named.contains(&r.cell(c)), "{r} {c}");
            }
        }
        for &g in T4Group::ALL {
            for &c in T4Col::ALL {
                assert!(named.contains(&g.cell(c)));
            }
        }
        assert_eq!(
            named.len(),
            27 * 7 + 15 + named.iter().filter(|c| c.table() == TableId::T2).count()
        );
    }

    #[test]
    fn ordinals_are_dense_and_distinct() {
        let mut seen = vec![false; CellId::COUNT];
        for f in Format::ALL {
            for p in &Template::get(f).paths {
                let o = CellId::parse(p).unwrap().ordinal();
                assert!(o < CellId::COUNT);
                seen[o] = true;
            }
        }
        for (i, r) in T3Row::ALL.iter().enumerate() {
            assert_eq!(r.index(), i, "{r}");
            assert_eq!(T3Row::from_path(r.path()), Some(*r));
        }
        let t3: std::collections::BTreeSet<usize> = T3Row::ALL
            .iter()
            .flat_map(|r| T3Col::ALL.iter().map(move |&c| r.cell(c).ordinal()))
            .collect();
        assert_eq!(t3.len(), 27 * 7);
    }

    #[test]
    fn paths_that_name_no_cell_have_no_id() {
        for p in [
            "t3.outcome.withheld.total",
            "t3.new_received",
            "t5.review.upheld",
            "t4.review.nothing",
            "t3.outcome.withheld.third_party.nothing",
            "t3.outcome.other.other.other.total",
            "",
        ] {
            assert_eq!(CellId::parse(p), None, "{p}");
        }
    }
}
