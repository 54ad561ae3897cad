//! A whole report: its metadata, its six sections, its tables (see
//! [`crate::schema`]), and where each cell's value was read ([`Source`]); read
//! from and written to JSON in its nested and flat forms.

use crate::cell::{CellMut, CellRef, CellValue, CountCell, MoneyCell};
use crate::data::{self, JsonItem, JsonLike, KeyPath, ObjectKeys};
use crate::error::{Error, SchemaError};
use crate::id::CellId;
use crate::schema::{Format, TableId, Tables, Tables2019, Tables2021};
use crate::tree::Node;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The JSON Schema of the nested form as JSON text: [`Report::json_schema`],
/// written to `report.schema.json` (a test keeps the file in step), for
/// callers that only hand the schema on (a WebAssembly build need not carry
/// the code that generates it).
pub const JSON_SCHEMA: &str = include_str!("../report.schema.json");

/// Where each cell's value was read ([`Source`]), by cell: a map kept in
/// [`CellId`]'s order, a lookup a binary search. The 2021 template lists its
/// cells in that order, so a parse builds the map in one pass (the 2019
/// template's are sorted once); a `BTreeMap` took 4.7 % of the seed's
/// parse + check (BENCHMARKS.md).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources(Vec<(CellId, Source)>);

impl Sources {
    /// No sources (a report built by hand or read from tables alone).
    pub const fn new() -> Sources {
        Sources(Vec::new())
    }
    /// How many cells have a source.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Does no cell have a source?
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    fn find(&self, id: &CellId) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(id))
    }
    /// The source of cell `id`.
    pub fn get(&self, id: &CellId) -> Option<&Source> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }
    /// The source of cell `id`, writable.
    pub fn get_mut(&mut self, id: &CellId) -> Option<&mut Source> {
        self.find(id).ok().map(|i| &mut self.0[i].1)
    }
    /// Has cell `id` a source?
    pub fn contains_key(&self, id: &CellId) -> bool {
        self.find(id).is_ok()
    }
    /// Sets the source of cell `id`, returning the one it replaces.
    pub fn insert(&mut self, id: CellId, source: Source) -> Option<Source> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, source)),
            Err(i) => {
                self.0.insert(i, (id, source));
                None
            }
        }
    }
    /// Removes the source of cell `id`, returning it.
    pub fn remove(&mut self, id: &CellId) -> Option<Source> {
        self.find(id).ok().map(|i| self.0.remove(i).1)
    }
    /// The cells and their sources, in [`CellId`]'s order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&CellId, &Source)> + '_ {
        self.0.iter().map(|(k, s)| (k, s))
    }
    /// The cells that have a source, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &CellId> + '_ {
        self.0.iter().map(|(k, _)| k)
    }
    /// The sources, in their cells' order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Source> + '_ {
        self.0.iter().map(|(_, s)| s)
    }
}

impl FromIterator<(CellId, Source)> for Sources {
    /// As a map collects: a cell given twice keeps its last source.
    fn from_iter<I: IntoIterator<Item = (CellId, Source)>>(iter: I) -> Sources {
        let mut v: Vec<(CellId, Source)> = iter.into_iter().collect();
        if !v.is_sorted_by(|a, b| a.0 < b.0) {
            // Stable: of equal cells the last given stays last, and is kept.
            v.sort_by_key(|a| a.0);
            let mut out: Vec<(CellId, Source)> = Vec::with_capacity(v.len());
            for (id, s) in v {
                match out.last_mut() {
                    Some(last) if last.0 == id => last.1 = s,
                    _ => out.push((id, s)),
                }
            }
            v = out;
        }
        Sources(v)
    }
}

impl<'a> IntoIterator for &'a Sources {
    type Item = (&'a CellId, &'a Source);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (CellId, Source)>,
        fn(&'a (CellId, Source)) -> (&'a CellId, &'a Source),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, s)| (k, s))
    }
}

impl std::ops::Index<&CellId> for Sources {
    type Output = Source;
    /// The source of a cell that has one (panics otherwise, as a map does).
    fn index(&self, id: &CellId) -> &Source {
        self.get(id).expect("the cell has no source")
    }
}

/// The six sections' texts; `None` is a section whose heading was not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    /// 一、总体情况
    pub overview: Option<String>,
    /// 二、主动公开政府信息情况 (prose around table 2)
    pub proactive: Option<String>,
    /// 三、收到和处理政府信息公开申请情况 (prose around table 3)
    pub requests: Option<String>,
    /// 四、政府信息公开行政复议、行政诉讼情况 (prose around table 4)
    pub review_litigation: Option<String>,
    /// 五、存在的主要问题及改进情况
    pub problems: Option<String>,
    /// 六、其他需要报告的事项
    pub other: Option<String>,
}

/// One of the six sections of a report, in the order the national format
/// prints them. Code names a section by this type; its canonical key
/// ([`SectionId::key`]) is for JSON, findings' paths and the bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionId {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况 (table 2)
    Proactive,
    /// 三、收到和处理政府信息公开申请情况 (table 3)
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况 (table 4)
    ReviewLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionId {
    /// The six, in order.
    pub const ALL: [SectionId; 6] = [
        SectionId::Overview,
        SectionId::Proactive,
        SectionId::Requests,
        SectionId::ReviewLitigation,
        SectionId::Problems,
        SectionId::Other,
    ];
    /// The canonical key (`review_litigation`).
    pub const fn key(self) -> &'static str {
        match self {
            SectionId::Overview => "overview",
            SectionId::Proactive => "proactive",
            SectionId::Requests => "requests",
            SectionId::ReviewLitigation => "review_litigation",
            SectionId::Problems => "problems",
            SectionId::Other => "other",
        }
    }
    /// The heading the 2021 format prints (`四、政府信息公开行政复议、行政诉讼情况`).
    pub const fn heading(self) -> &'static str {
        match self {
            SectionId::Overview => "一、总体情况",
            SectionId::Proactive => "二、主动公开政府信息情况",
            SectionId::Requests => "三、收到和处理政府信息公开申请情况",
            SectionId::ReviewLitigation => "四、政府信息公开行政复议、行政诉讼情况",
            SectionId::Problems => "五、存在的主要问题及改进情况",
            SectionId::Other => "六、其他需要报告的事项",
        }
    }
    /// The section's path in findings and JSON (`sections.review_litigation`).
    pub const fn path(self) -> &'static str {
        match self {
            SectionId::Overview => "sections.overview",
            SectionId::Proactive => "sections.proactive",
            SectionId::Requests => "sections.requests",
            SectionId::ReviewLitigation => "sections.review_litigation",
            SectionId::Problems => "sections.problems",
            SectionId::Other => "sections.other",
        }
    }
    /// The section a canonical key names.
    pub fn from_key(key: &str) -> Option<SectionId> {
        SectionId::ALL.into_iter().find(|s| s.key() == key)
    }
    /// The table the section presents (sections 二 to 四), if any.
    pub const fn table(self) -> Option<TableId> {
        match self {
            SectionId::Proactive => Some(TableId::T2),
            SectionId::Requests => Some(TableId::T3),
            SectionId::ReviewLitigation => Some(TableId::T4),
            _ => None,
        }
    }
}

impl serde::Serialize for SectionId {
    /// As its canonical key.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// The canonical keys of the six sections, in order, with their 2021 headings
/// ([`SectionId::key`] and [`SectionId::heading`] of [`SectionId::ALL`]).
pub const SECTIONS: [(&str, &str); 6] = {
    const fn entry(s: SectionId) -> (&'static str, &'static str) {
        (s.key(), s.heading())
    }
    [
        entry(SectionId::Overview),
        entry(SectionId::Proactive),
        entry(SectionId::Requests),
        entry(SectionId::ReviewLitigation),
        entry(SectionId::Problems),
        entry(SectionId::Other),
    ]
};

impl Sections {
    /// The text of a section.
    pub fn section(&self, id: SectionId) -> &Option<String> {
        match id {
            SectionId::Overview => &self.overview,
            SectionId::Proactive => &self.proactive,
            SectionId::Requests => &self.requests,
            SectionId::ReviewLitigation => &self.review_litigation,
            SectionId::Problems => &self.problems,
            SectionId::Other => &self.other,
        }
    }
    /// The text of a section, writable.
    pub fn section_mut(&mut self, id: SectionId) -> &mut Option<String> {
        match id {
            SectionId::Overview => &mut self.overview,
            SectionId::Proactive => &mut self.proactive,
            SectionId::Requests => &mut self.requests,
            SectionId::ReviewLitigation => &mut self.review_litigation,
            SectionId::Problems => &mut self.problems,
            SectionId::Other => &mut self.other,
        }
    }
    /// The section text by canonical key (`None` for a key that names no section).
    pub fn get(&self, key: &str) -> Option<&Option<String>> {
        SectionId::from_key(key).map(|id| self.section(id))
    }
    /// The mutable section text by canonical key.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Option<String>> {
        SectionId::from_key(key).map(|id| self.section_mut(id))
    }
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        for id in SectionId::ALL {
            if let Some(t) = self.section(id) {
                m.insert(id.key().to_string(), Value::String(t.clone()));
            }
        }
        Value::Object(m)
    }
    fn from_data<D: JsonLike>(v: &D, at: &KeyPath<'_>) -> Result<Self, SchemaError> {
        const KEYS: [&str; 6] = [
            SectionId::ALL[0].key(),
            SectionId::ALL[1].key(),
            SectionId::ALL[2].key(),
            SectionId::ALL[3].key(),
            SectionId::ALL[4].key(),
            SectionId::ALL[5].key(),
        ];
        static SECTION_KEYS: ObjectKeys = ObjectKeys::new(&KEYS);
        let mut s = Sections::default();
        v.fields(&SECTION_KEYS, at, &mut |i, x, at| {
            let text = data::text(x, at, "the section text as a string")?;
            *s.section_mut(SectionId::ALL[i]) = text;
            Ok(())
        })?;
        Ok(s)
    }
}

/// Where a value came from in the source text.
///
/// For a PDF or a DOCX file, `line`, `start` and `end` point into the text the
/// file was read as (its lines and table rows, written `| cell | cell |`), and the
/// place in the file itself is given by `page` and `bbox` (PDF) or `table`,
/// `row` and `cell` (DOCX).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// 1-based line.
    pub line: u32,
    /// Byte offset of the start of the text the value was read from.
    pub start: u32,
    /// Byte offset just past its end.
    pub end: u32,
    /// True when the value was inferred (a concatenated run split by the rules),
    /// not read off a separated cell.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
    /// PDF: the 1-based page the value is printed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// PDF: the box of the value's glyphs, `[x0, y0, x1, y1]` in PDF points
    /// with the origin at the page's bottom left (finite numbers).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "bbox_widened"
    )]
    pub bbox: Option<[f32; 4]>,
    /// DOCX: the 0-based table of the document (in document order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<u32>,
    /// DOCX: the 0-based row of that table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// DOCX: the 0-based cell of that row (a merged cell counts once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<u32>,
}

/// Writes a box's numbers as the `f64`s they widen to, as a
/// `serde_json::Value`, Python and JavaScript hold them, so that a report
/// written straight to JSON shows them as one converted first does.
fn bbox_widened<S: serde::Serializer>(bbox: &Option<[f32; 4]>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&bbox.map(|b| b.map(f64::from)), s)
}

// A bounding box is built from finite numbers only (read from a page, or from
// JSON, which has no NaN), so equality is an equivalence.
impl Eq for Source {}

impl Source {
    /// Reads `{"line", "start", "end", "inferred"?, "page"?, "bbox"?, "table"?,
    /// "row"?, "cell"?}`; other keys are ignored.
    /// (Read by hand rather than by serde, whose error messages would link
    /// float formatting into the WebAssembly module.)
    fn from_data<D: JsonLike>(v: &D, at: &KeyPath<'_>) -> Result<Source, SchemaError> {
        static KEYS: ObjectKeys = ObjectKeys::lenient(&[
            "inferred", "line", "start", "end", "page", "table", "row", "cell", "bbox",
        ]);
        // Each key looked up once, by the host's own way of reading an
        // object (a span holds 3 of these 9 keys).
        let mut got: [Option<D>; 9] = std::array::from_fn(|_| None);
        v.fields(&KEYS, at, &mut |i, x, _| {
            got[i] = Some(x.clone());
            Ok(())
        })?;
        let num = |i: usize| -> Result<u32, SchemaError> {
            let k = KEYS.names()[i];
            let at = KeyPath::Key(at, k);
            let x = got[i]
                .as_ref()
                .ok_or_else(|| at.error(format!("missing field `{k}`")))?;
            match x.datum().map_err(|m| at.error(m))? {
                JsonItem::Int(n) => u32::try_from(n)
                    .map_err(|_| at.error(format!("{n} is not an offset (a whole number)"))),
                other => Err(at.error(format!(
                    "expected an offset (a whole number), found {}",
                    other.kind()
                ))),
            }
        };
        let inferred = match &got[0] {
            None => false,
            Some(x) => match x.datum().map_err(|m| at.error(m))? {
                JsonItem::Null => false,
                JsonItem::Bool(b) => b,
                other => {
                    return Err(KeyPath::Key(at, "inferred")
                        .error(format!("expected true or false, found {}", other.kind())))
                }
            },
        };
        let opt = |i: usize| -> Result<Option<u32>, SchemaError> {
            match &got[i] {
                None => Ok(None),
                Some(x) if matches!(x.datum(), Ok(JsonItem::Null)) => Ok(None),
                Some(_) => num(i).map(Some),
            }
        };
        let bbox = match &got[8] {
            None => None,
            Some(x) if matches!(x.datum(), Ok(JsonItem::Null)) => None,
            Some(x) => {
                let at = KeyPath::Key(at, "bbox");
                let items = x.items().map_err(|m| at.error(m))?;
                let mut b = [0f32; 4];
                if items.len() != 4 {
                    return Err(at.error(format!(
                        "expected [x0, y0, x1, y1], found {} numbers",
                        items.len()
                    )));
                }
                for (slot, item) in b.iter_mut().zip(&items) {
                    *slot = match item.datum().map_err(|m| at.error(m))? {
                        JsonItem::Int(n) => n as f32,
                        JsonItem::Float(f) if f.is_finite() => f as f32,
                        other => {
                            return Err(at.error(format!(
                                "expected a number of PDF points, found {}",
                                other.kind()
                            )))
                        }
                    };
                }
                Some(b)
            }
        };
        Ok(Source {
            line: num(1)?,
            start: num(2)?,
            end: num(3)?,
            inferred,
            page: opt(4)?,
            table: opt(5)?,
            row: opt(6)?,
            cell: opt(7)?,
            bbox,
        })
    }
}

/// An object's entries with their keys owned (kept past the value they were read from).
fn owned_keys<D>(entries: Vec<(std::borrow::Cow<'_, str>, D)>) -> Vec<(String, D)> {
    entries
        .into_iter()
        .map(|(k, v)| (k.into_owned(), v))
        .collect()
}

/// The report years the library accepts (the regulations date from 2008).
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Report metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The reporting agency, as written.
    pub agency: Option<String>,
    /// The report year (the year the statistics cover).
    pub year: Option<i32>,
    /// First day of the statistics period, `YYYY-MM-DD`.
    pub period_start: Option<String>,
    /// Last day of the statistics period, `YYYY-MM-DD`.
    pub period_end: Option<String>,
    /// Publication date, `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// Unit printed with the 2019 procurement amount (`元` or `万元`).
    pub procurement_unit: Option<String>,
}

const META_KEYS: [&str; 6] = [
    "agency",
    "year",
    "period_start",
    "period_end",
    "published",
    "procurement_unit",
];

/// One annual report: metadata, section texts, tables and provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Agency, year, period, publication date.
    pub meta: Meta,
    /// The six sections' texts.
    pub sections: Sections,
    /// The tables, in the report's format.
    pub tables: Tables,
    /// Where each cell's value came from, by cell (JSON writes the cells'
    /// canonical paths, in their alphabetical order).
    pub sources: Sources,
    /// False when the input does not show which format its tables follow (no
    /// table and no word of either format, e.g. a file that holds no report):
    /// JSON then writes `"format": null`, and `format.year_mismatch` is not
    /// checked. The tables are then all absent.
    pub format_known: bool,
}

/// The value under a top-level key of report data.
type Get<'g, D> = dyn Fn(&'static str) -> Result<Option<D>, SchemaError> + 'g;

/// The top-level values of report data, read in one pass (which also names
/// the first unknown key), by key.
struct TopLevel<D> {
    keys: &'static ObjectKeys,
    values: Vec<Option<D>>,
}

impl<D: JsonLike> TopLevel<D> {
    fn read(v: &D, keys: &'static ObjectKeys) -> Result<TopLevel<D>, SchemaError> {
        let mut values: Vec<Option<D>> = keys.names().iter().map(|_| None).collect();
        v.fields(keys, &KeyPath::Root, &mut |i, x, _| {
            values[i] = Some(x.clone());
            Ok(())
        })?;
        Ok(TopLevel { keys, values })
    }

    /// The value under `key` (one of the keys read).
    fn get(&self, key: &str) -> Option<D> {
        let i = self.keys.names().iter().position(|k| *k == key)?;
        self.values[i].clone()
    }
}

const REPORT_KEYS: [&str; 13] = [
    "format",
    "agency",
    "year",
    "period_start",
    "period_end",
    "published",
    "procurement_unit",
    "sections",
    "t2",
    "t3",
    "t4",
    "sources",
    "tables_present",
];

const FLAT_KEYS: [&str; 12] = [
    "format",
    "agency",
    "year",
    "period_start",
    "period_end",
    "published",
    "procurement_unit",
    "sections",
    "tables_present",
    "cells",
    "marks",
    "sources",
];

impl Report {
    /// A report of `format` with every table present and every cell blank.
    pub fn empty(format: Format) -> Report {
        Report {
            meta: Meta::default(),
            sections: Sections::default(),
            tables: Tables::empty(format),
            sources: Sources::new(),
            format_known: true,
        }
    }

    /// A report whose format the input does not show: no table, `"format": null`.
    pub fn unknown_format() -> Report {
        let mut r = Report::empty(Format::F2021);
        for t in TableId::ALL {
            r.tables.set_present(t, false);
        }
        r.format_known = false;
        r
    }

    /// The report's format (the 2021 format's empty tables when it is not
    /// known: see [`Report::format_known`] and [`Report::format_key`]).
    pub fn format(&self) -> Format {
        self.tables.format()
    }

    /// The format as JSON writes it: `"2021"`, `"2019"`, or `None` when the
    /// input does not show it.
    pub fn format_key(&self) -> Option<&'static str> {
        self.format_known.then(|| self.format().as_str())
    }

    /// The cell at a canonical path such as `t3.new_received.total`.
    pub fn get(&self, path: &str) -> Option<CellRef<'_>> {
        self.tables.get(path)
    }

    /// The mutable cell at a canonical path.
    pub fn get_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
        self.tables.get_mut(path)
    }

    /// Every cell of the present tables with its path, in template order.
    pub fn cells(&self) -> Vec<(String, CellRef<'_>)> {
        let mut out = Vec::with_capacity(200);
        self.tables.visit(&mut |p, c| out.push((p.to_string(), c)));
        out
    }

    /// Which tables are present.
    pub fn tables_present(&self) -> BTreeMap<&'static str, bool> {
        let mut out = BTreeMap::new();
        for t in TableId::ALL {
            out.insert(t.key(), self.tables.present(t));
        }
        out
    }

    fn meta_json(&self, m: &mut Map<String, Value>) {
        m.insert("format".into(), json!(self.format_key()));
        let meta = &self.meta;
        let opt = |s: &Option<String>| s.as_ref().map_or(Value::Null, |x| json!(x));
        m.insert("agency".into(), opt(&meta.agency));
        m.insert("year".into(), meta.year.map_or(Value::Null, |y| json!(y)));
        m.insert("period_start".into(), opt(&meta.period_start));
        m.insert("period_end".into(), opt(&meta.period_end));
        m.insert("published".into(), opt(&meta.published));
        if meta.procurement_unit.is_some() {
            m.insert("procurement_unit".into(), opt(&meta.procurement_unit));
        }
    }

    /// The sources by canonical path, in the paths' alphabetical order (as
    /// a map by path would list them).
    fn sources_json(&self) -> Value {
        let mut by_path: Vec<(String, &Source)> =
            self.sources.iter().map(|(id, s)| (id.path(), s)).collect();
        by_path.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Value::Object(
            by_path
                .into_iter()
                .map(|(p, s)| (p, serde_json::to_value(s).unwrap_or(Value::Null)))
                .collect(),
        )
    }

    /// The nested JSON form: tables by canonical keys (`t3.outcome.withheld…`).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        self.meta_json(&mut m);
        m.insert("sections".into(), self.sections.to_json());
        let tables = match &self.tables {
            Tables::F2021(t) => t.to_json(),
            Tables::F2019(t) => t.to_json(),
        };
        if let Value::Object(t) = tables {
            m.extend(t);
        }
        if !self.sources.is_empty() {
            m.insert("sources".into(), self.sources_json());
        }
        Value::Object(m)
    }

    /// The flat form: `cells` keyed by canonical path, every mark as `"n/a"`
    /// (the glyphs kept in `marks`).
    pub fn to_flat(&self) -> Value {
        let mut m = Map::new();
        self.meta_json(&mut m);
        m.insert("tables_present".into(), json!(self.tables_present()));
        let mut cells = Map::new();
        let mut marks = Map::new();
        self.tables.visit(&mut |p, c| {
            cells.insert(p.to_string(), c.to_flat_json());
            if let Value::String(g) = c.to_json() {
                if crate::cell::is_mark(&g) && g != crate::cell::NA {
                    marks.insert(p.to_string(), Value::String(g));
                }
            }
        });
        m.insert("cells".into(), Value::Object(cells));
        if !marks.is_empty() {
            m.insert("marks".into(), Value::Object(marks));
        }
        m.insert("sections".into(), self.sections.to_json());
        if !self.sources.is_empty() {
            m.insert("sources".into(), self.sources_json());
        }
        Value::Object(m)
    }

    /// The format and metadata, from `get` (the value under a top-level key).
    fn read_meta<D: JsonLike>(get: &Get<'_, D>) -> Result<(Option<Format>, Meta), SchemaError> {
        let at = KeyPath::Key(&KeyPath::Root, "format");
        let format = match get("format")? {
            None => return Err(at.error("missing: \"2019\", \"2021\" or null")),
            Some(x) => match x.datum().map_err(|m| at.error(m))? {
                // The input did not show the format (then no table may be given).
                JsonItem::Null => None,
                JsonItem::Str(s) => Some(Format::parse(&s).ok_or_else(|| {
                    at.error(format!(
                        "unknown format {s:?}; expected \"2019\" or \"2021\""
                    ))
                })?),
                JsonItem::Int(2019) => Some(Format::F2019),
                JsonItem::Int(2021) => Some(Format::F2021),
                JsonItem::Int(n) => {
                    return Err(at.error(format!("expected \"2019\" or \"2021\", found {n}")))
                }
                other => {
                    return Err(at.error(format!(
                        "expected \"2019\" or \"2021\", found {}",
                        other.kind()
                    )))
                }
            },
        };
        let text = |k: &'static str| -> Result<Option<String>, SchemaError> {
            match get(k)? {
                None => Ok(None),
                Some(x) => data::text(&x, &KeyPath::Key(&KeyPath::Root, k), "a string"),
            }
        };
        let at = KeyPath::Key(&KeyPath::Root, "year");
        let year = match get("year")? {
            None => None,
            Some(x) => match x.datum().map_err(|m| at.error(m))? {
                JsonItem::Null => None,
                JsonItem::Int(y) if i32::try_from(y).is_ok_and(|y| YEARS.contains(&y)) => {
                    Some(y as i32)
                }
                JsonItem::Int(n) => {
                    return Err(at.error(format!("{n} is not a plausible report year")))
                }
                JsonItem::BigInt(n) => {
                    return Err(at.error(format!("{n} is not a plausible report year")))
                }
                other => {
                    return Err(
                        at.error(format!("expected an integer year, found {}", other.kind()))
                    )
                }
            },
        };
        let meta = Meta {
            agency: text(META_KEYS[0])?,
            year,
            period_start: text(META_KEYS[2])?,
            period_end: text(META_KEYS[3])?,
            published: text(META_KEYS[4])?,
            procurement_unit: text(META_KEYS[5])?,
        };
        Ok((format, meta))
    }

    fn read_sources<D: JsonLike>(get: &Get<'_, D>) -> Result<Sources, SchemaError> {
        let at = KeyPath::Key(&KeyPath::Root, "sources");
        let Some(v) = get("sources")? else {
            return Ok(Sources::new());
        };
        match v.datum().map_err(|m| at.error(m))? {
            JsonItem::Null => return Ok(Sources::new()),
            JsonItem::Object => {}
            other => return Err(at.error(format!("expected an object, found {}", other.kind()))),
        }
        // Each source in the slot of its cell's ordinal: read in that order,
        // the ids are in their own order (a test holds it), which `Sources`
        // checks without sorting. (JSON lists them by path; sorting them
        // took 7 % of `from_json_str`, BENCHMARKS.md.)
        let mut slots: Vec<Option<(CellId, Source)>> = vec![None; CellId::COUNT];
        for (k, s) in v.entries().map_err(|m| at.error(m))? {
            let here = KeyPath::Key(&at, &k);
            let id = CellId::parse(&k)
                .ok_or_else(|| here.error("not the canonical path of a table cell"))?;
            slots[id.ordinal()] = Some((id, Source::from_data(&s, &here)?));
        }
        Ok(slots.into_iter().flatten().collect())
    }

    /// Reads the nested JSON form.
    pub fn from_json_value(v: &Value) -> Result<Report, SchemaError> {
        if v.get("cells").is_some() {
            return Err(SchemaError::new(
                "cells",
                "this is the flat form: read it with from_flat",
            ));
        }
        Self::nested_from_data(&v)
    }

    /// Reads a report, nested or flat form (told apart by the `cells` key),
    /// from any JSON-like [`JsonLike`]: a binding's own objects are read in place.
    pub fn from_data<D: JsonLike>(v: &D) -> Result<Report, SchemaError> {
        data::expect_object(v, &KeyPath::Root)?;
        if v.get("cells")
            .map_err(|m| KeyPath::Root.error(m))?
            .is_some()
        {
            return Self::flat_from_data(v);
        }
        Self::nested_from_data(v)
    }

    fn nested_from_data<D: JsonLike>(v: &D) -> Result<Report, SchemaError> {
        let root = KeyPath::Root;
        // Everything is read in place, from the caller's own objects.
        static KEYS: ObjectKeys = ObjectKeys::new(&REPORT_KEYS);
        let top = TopLevel::read(v, &KEYS)?;
        let get = |key: &'static str| Ok(top.get(key));
        let (stated, meta) = Self::read_meta(&get)?;
        let format = stated.unwrap_or(Format::F2021);
        let sections = match get("sections")? {
            Some(s) => Sections::from_data(&s, &KeyPath::Key(&root, "sections"))?,
            None => Sections::default(),
        };
        let tables = [get("t2")?, get("t3")?, get("t4")?];
        if stated.is_none() {
            if let Some(k) = ["t2", "t3", "t4"]
                .into_iter()
                .zip(&tables)
                .find(|(_, t)| t.as_ref().is_some_and(|t| !t.is_null()))
                .map(|(k, _)| k)
            {
                return Err(KeyPath::Key(&root, k).error(
                    "a table is given, so the report states its format: \"2019\" or \"2021\", not null",
                ));
            }
        }
        // Each table is read in place: the structs are large, so no moves.
        fn table<D: JsonLike, N: Node>(
            slot: &mut Option<N>,
            part: &Option<D>,
            key: &str,
        ) -> Result<(), SchemaError> {
            match part {
                Some(x) => slot.read_data(x, &KeyPath::Key(&KeyPath::Root, key)),
                None => Ok(()),
            }
        }
        let [t2, t3, t4] = &tables;
        // Built where it is returned: the tables are large.
        let mut report = Report {
            meta,
            sections,
            tables: match format {
                Format::F2021 => Tables::F2021(Tables2021::default()),
                Format::F2019 => Tables::F2019(Tables2019::default()),
            },
            sources: Sources::new(),
            format_known: stated.is_some(),
        };
        match &mut report.tables {
            Tables::F2021(x) => {
                table(&mut x.t2, t2, "t2")?;
                table(&mut x.t3, t3, "t3")?;
                table(&mut x.t4, t4, "t4")?;
            }
            Tables::F2019(x) => {
                table(&mut x.t2, t2, "t2")?;
                table(&mut x.t3, t3, "t3")?;
                table(&mut x.t4, t4, "t4")?;
            }
        }
        if let Some(present) = get("tables_present")? {
            Self::check_tables_present(&mut report, &present, &tables)?;
        }
        report.sources = Self::read_sources(&get)?;
        Ok(report)
    }

    /// The nested form's optional `tables_present`, as the JSON Schema says:
    /// it must agree with the tables given. A table marked absent must be
    /// null or left out; one marked present but left out is present with
    /// blank cells (as in the flat form).
    fn check_tables_present<D: JsonLike>(
        report: &mut Report,
        present: &D,
        tables: &[Option<D>; 3],
    ) -> Result<(), SchemaError> {
        let root = KeyPath::Root;
        let at = KeyPath::Key(&root, "tables_present");
        match present.datum().map_err(|m| at.error(m))? {
            JsonItem::Object => {}
            other => {
                return Err(at.error(format!(
                    "expected an object such as {{\"t2\": true, \"t3\": true, \"t4\": false}}, found {}",
                    other.kind()
                )))
            }
        }
        for (k, _) in present.entries().map_err(|m| at.error(m))? {
            if !TableId::ALL.iter().any(|t| t.key() == k) {
                return Err(KeyPath::Key(&at, &k).error("unknown table: expected t2, t3 or t4"));
            }
        }
        for (t, given) in TableId::ALL.into_iter().zip(tables) {
            let t_at = KeyPath::Key(&at, t.key());
            let Some(x) = present.get(t.key()).map_err(|m| t_at.error(m))? else {
                continue;
            };
            let marked = match x.datum().map_err(|m| t_at.error(m))? {
                JsonItem::Bool(b) => b,
                other => {
                    return Err(
                        t_at.error(format!("expected true or false, found {}", other.kind()))
                    )
                }
            };
            let given = given.as_ref().is_some_and(|v| !v.is_null());
            if !marked && given {
                return Err(KeyPath::Key(&root, t.key())
                    .error("a table marked absent in tables_present is given: leave it out or make it null"));
            }
            if marked && !report.format_known {
                return Err(KeyPath::Key(&root, "format").error(format!(
                    "table {} is marked present, so the report states its format: \"2019\" or \"2021\", not null",
                    &t.key()[1..]
                )));
            }
            if marked && !given {
                report.tables.set_present(t, true);
            }
        }
        Ok(())
    }

    /// Reads the flat form (`cells` keyed by canonical path).
    pub fn from_flat_value(v: &Value) -> Result<Report, SchemaError> {
        Self::flat_from_data(&v)
    }

    fn flat_from_data<D: JsonLike>(v: &D) -> Result<Report, SchemaError> {
        let root = KeyPath::Root;
        static KEYS: ObjectKeys = ObjectKeys::new(&FLAT_KEYS);
        let top = TopLevel::read(v, &KEYS)?;
        let get = |key: &'static str| Ok(top.get(key));
        let (stated, meta) = Self::read_meta(&get)?;
        let format = stated.unwrap_or(Format::F2021);
        let sections = match get("sections")? {
            Some(s) => Sections::from_data(&s, &KeyPath::Key(&root, "sections"))?,
            None => Sections::default(),
        };
        let cells_at = KeyPath::Key(&root, "cells");
        let cells = match get("cells")? {
            None => Vec::new(),
            Some(c) => match c.datum().map_err(|m| cells_at.error(m))? {
                JsonItem::Object => owned_keys(c.entries().map_err(|m| cells_at.error(m))?),
                _ => return Err(cells_at.error("expected an object keyed by canonical path")),
            },
        };
        let mut report = Report::empty(format);
        report.format_known = stated.is_some();
        report.meta = meta;
        report.sections = sections;
        let present = get("tables_present")?;
        for t in TableId::ALL {
            let at = KeyPath::Key(&root, "tables_present");
            let at = KeyPath::Key(&at, t.key());
            let given = match &present {
                Some(p) => p.get(t.key()).map_err(|m| at.error(m))?,
                None => None,
            };
            let is_present = match given {
                Some(x) => match x.datum().map_err(|m| at.error(m))? {
                    JsonItem::Bool(b) => b,
                    other => {
                        return Err(
                            at.error(format!("expected true or false, found {}", other.kind()))
                        )
                    }
                },
                None => cells
                    .iter()
                    .any(|(k, _)| k.split('.').next() == Some(t.key()) && k.contains('.')),
            };
            if is_present && stated.is_none() {
                return Err(KeyPath::Key(&root, "format").error(format!(
                    "table {} is given, so the report states its format: \"2019\" or \"2021\", not null",
                    &t.key()[1..]
                )));
            }
            report.tables.set_present(t, is_present);
        }
        // The glyphs of marks written "n/a" in `cells` (a non-object is ignored).
        let marks = match get("marks")? {
            Some(m) if matches!(m.datum(), Ok(JsonItem::Object)) => owned_keys(
                m.entries()
                    .map_err(|e| KeyPath::Key(&root, "marks").error(e))?,
            ),
            _ => Vec::new(),
        };
        for (path, value) in &cells {
            let at = KeyPath::Key(&cells_at, path);
            let table_absent = TableId::ALL.iter().any(|t| {
                path.split('.').next() == Some(t.key())
                    && path.contains('.')
                    && !report.tables.present(*t)
            });
            let mut cell = report.tables.get_mut(path).ok_or_else(|| {
                if table_absent {
                    at.error("cell of a table marked absent in tables_present")
                } else {
                    at.error(format!("no such cell in the {format} format"))
                }
            })?;
            let is_na = matches!(value.datum(), Ok(JsonItem::Str(s)) if s == crate::cell::NA);
            let glyph = marks.iter().find(|(k, _)| k == path).map(|(_, g)| g);
            match glyph {
                Some(g) if is_na && matches!(g.datum(), Ok(JsonItem::Str(_))) => {
                    let marks_at = KeyPath::Key(&root, "marks");
                    cell.set_data(g)
                        .map_err(|m| KeyPath::Key(&marks_at, path).error(m))?
                }
                _ => cell.set_data(value).map_err(|m| at.error(m))?,
            }
        }
        report.sources = Self::read_sources(&get)?;
        Ok(report)
    }

    /// Reads a report from JSON text, nested or flat (told apart by the `cells` key).
    ///
    /// A key an object holds twice is a schema error (which value was meant
    /// is not known), and an integer too large for any cell is named as printed.
    ///
    /// Text with more than [`crate::data::MAX_JSON_ITEMS`] keys and values is
    /// refused: reading stops there, so the memory it takes stays bounded.
    pub fn from_json_str(s: &str) -> Result<Report, Error> {
        use crate::data::{read_json, JsonRead};
        let v = match read_json(s) {
            JsonRead::Value(v) => v,
            JsonRead::NotJson(e) => {
                let scan = crate::data::scan_json(s);
                return Err(Self::too_large(s, &scan).unwrap_or_else(|| e.into()));
            }
            JsonRead::Stopped => return Err(Self::stopped_error(s)),
        };
        Self::from_data(&&v).map_err(|mut e| {
            // The parsed value of an integer beyond u64 is a float: name it as printed.
            for lit in &crate::data::scan_json(s).big_ints {
                if let Ok(f) = lit.parse::<f64>() {
                    let shown = crate::cell::float_text(f);
                    if shown != *lit && e.message.contains(&shown) {
                        e.message = e.message.replace(&shown, lit);
                        break;
                    }
                }
            }
            e.into()
        })
    }

    // The errors below keep the precedence of reading in two passes (a scan
    // of the whole text first, then the parse): they run only on text the
    // one-pass reader did not read in full.

    /// For a text the scan finds too large: the error of a JSON reader that
    /// builds no value (the text is not JSON), else "too large".
    fn too_large(s: &str, scan: &crate::data::JsonScan) -> Option<Error> {
        if !scan.too_many {
            return None;
        }
        Some(match serde_json::from_str::<serde::de::IgnoredAny>(s) {
            Err(e) => e.into(),
            Ok(_) => SchemaError::new(
                "",
                format!(
                    "more than {} keys and values: too large to be one report",
                    crate::data::MAX_JSON_ITEMS
                ),
            )
            .into(),
        })
    }

    /// For a text the one-pass reader stopped on (too many items, or a key
    /// given twice): a text too large as [`Report::too_large`] says; else the
    /// error of parsing the whole text, if it is not JSON; else the first key
    /// given twice, by its path.
    fn stopped_error(s: &str) -> Error {
        let scan = crate::data::scan_json(s);
        if let Some(e) = Self::too_large(s, &scan) {
            return e;
        }
        if let Err(e) = crate::data::parse_json(s) {
            return e.into();
        }
        match scan.duplicate {
            Some(e) => e.into(),
            // The scan counts and compares keys as the reader does, so it
            // finds why the reader stopped; this names the stop all the same.
            None => {
                SchemaError::new("", "the JSON text holds a key twice or too many values").into()
            }
        }
    }

    /// Reads a report from a JSON value, nested or flat.
    pub fn from_any_value(v: &Value) -> Result<Report, SchemaError> {
        Self::from_data(&v)
    }

    /// The JSON Schema of the nested form (draft 2020-12). The same schema as
    /// JSON text is [`JSON_SCHEMA`].
    pub fn json_schema() -> Value {
        /// The form of a report of `format`; `None`: a report whose input
        /// did not show its format (`"format": null`, no table).
        fn one(format: Option<Format>) -> Value {
            let mut props = match format {
                Some(Format::F2021) => Tables2021::schema()["properties"].as_object().cloned(),
                Some(Format::F2019) => Tables2019::schema()["properties"].as_object().cloned(),
                None => Some(
                    ["t2", "t3", "t4"]
                        .iter()
                        .map(|k| (k.to_string(), json!({"type": "null"})))
                        .collect(),
                ),
            }
            .unwrap_or_default();
            props.insert(
                "format".into(),
                json!({"const": format.map(Format::as_str)}),
            );
            for k in [
                "agency",
                "period_start",
                "period_end",
                "published",
                "procurement_unit",
            ] {
                props.insert(k.into(), json!({"type": ["string", "null"]}));
            }
            props.insert(
                "year".into(),
                json!({"type": ["integer", "null"], "minimum": YEARS.start(), "maximum": YEARS.end()}),
            );
            let sec: Map<String, Value> = SECTIONS
                .iter()
                .map(|(k, h)| {
                    (
                        k.to_string(),
                        json!({"type": ["string", "null"], "title": h}),
                    )
                })
                .collect();
            props.insert(
                "sections".into(),
                json!({"type": "object", "properties": sec, "additionalProperties": false}),
            );
            props.insert(
                "tables_present".into(),
                json!({
                    "type": "object",
                    "description": "optional: which tables the report prints; when given it must agree with the tables (a table marked false is null or left out; one marked true but left out is present with blank cells)",
                    "properties": {"t2": {"type": "boolean"}, "t3": {"type": "boolean"}, "t4": {"type": "boolean"}},
                    "additionalProperties": false
                }),
            );
            props.insert(
                "sources".into(),
                json!({"type": "object",
                    "description": "where each cell's value was read, keyed by the cell's canonical path (t3.new_received.total); another key is refused",
                    "additionalProperties": {
                    "type": "object",
                    "properties": {"line": {"type": "integer"}, "start": {"type": "integer"},
                                   "end": {"type": "integer"}, "inferred": {"type": "boolean"},
                                   "page": {"type": "integer", "minimum": 1},
                                   "bbox": {"type": "array", "items": {"type": "number"},
                                            "minItems": 4, "maxItems": 4},
                                   "table": {"type": "integer", "minimum": 0},
                                   "row": {"type": "integer", "minimum": 0},
                                   "cell": {"type": "integer", "minimum": 0}},
                    "required": ["line", "start", "end"], "additionalProperties": false}}),
            );
            json!({
                "title": match format {
                    Some(f) => format!("Annual report on open government information, {f} format"),
                    None => "Annual report on open government information, format not shown (no table)".to_string(),
                },
                "type": "object",
                "properties": props,
                "required": ["format"],
                "additionalProperties": false
            })
        }
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://ogi-report.invalid/report.schema.json",
            "title": "政府信息公开工作年度报告 (ogi-report nested form)",
            "oneOf": [one(Some(Format::F2021)), one(Some(Format::F2019)), one(None)],
            "$defs": {
                <i64 as CellValue>::DEF: CountCell::definition(),
                <Decimal as CellValue>::DEF: MoneyCell::definition(),
            }
        })
    }
}

impl Report {
    /// The cell `id` (`None` when the report's format or tables lack it):
    /// `report.cell(T3Row::Total.cell(T3Col::Total))`.
    pub fn cell(&self, id: CellId) -> Option<CellRef<'_>> {
        self.tables.cell(id)
    }

    /// The mutable cell `id`. Asking for a cell of an [`crate::Extra`] part
    /// the report does not print makes the part present, its cells blank
    /// (as [`Report::get_mut`] does).
    pub fn cell_mut(&mut self, id: CellId) -> Option<CellMut<'_>> {
        self.tables.cell_mut(id)
    }
}

impl serde::Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Report {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Report::from_any_value(&v).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Template;
    use proptest::prelude::*;

    /// Cells of both formats, to draw from.
    fn cells() -> Vec<CellId> {
        Format::ALL
            .into_iter()
            .flat_map(|f| Template::get(f).ids.clone())
            .collect()
    }

    fn source(line: u32) -> Source {
        Source {
            line,
            ..Source::default()
        }
    }

    proptest! {
        /// `Sources` answers as a `BTreeMap` would, after the same
        /// collection (unsorted, with cells given twice), inserts and removals.
        #[test]
        fn sources_answer_as_a_map_of_cells_would(
            given in proptest::collection::vec((0usize..400, 0u32..50), 0..60),
            ops in proptest::collection::vec((any::<bool>(), 0usize..400, 0u32..50), 0..40),
        ) {
            let all = cells();
            let pick = |i: usize| all[i % all.len()];
            let pairs: Vec<(CellId, Source)> =
                given.iter().map(|&(i, l)| (pick(i), source(l))).collect();
            let mut map: BTreeMap<CellId, Source> = pairs.iter().copied().collect();
            let mut ours: Sources = pairs.into_iter().collect();
            for (insert, i, l) in ops {
                let id = pick(i);
                if insert {
                    prop_assert_eq!(ours.insert(id, source(l)), map.insert(id, source(l)));
                } else {
                    prop_assert_eq!(ours.remove(&id), map.remove(&id));
                }
            }
            prop_assert_eq!(ours.len(), map.len());
            prop_assert!(ours.iter().eq(map.iter()));
            for &id in &all {
                prop_assert_eq!(ours.get(&id), map.get(&id));
                prop_assert_eq!(ours.contains_key(&id), map.contains_key(&id));
            }
        }
    }

    #[test]
    fn sources_collected_in_template_order_are_kept_in_cell_order() {
        for f in Format::ALL {
            let ids = &Template::get(f).ids;
            let s: Sources = ids.iter().map(|&id| (id, source(1))).collect();
            assert_eq!(s.len(), ids.len());
            assert!(s.keys().zip(s.keys().skip(1)).all(|(a, b)| a < b), "{f}");
            assert!(ids.iter().all(|id| s.contains_key(id)), "{f}");
        }
        // The 2021 template needs no sort (the one pass this type is for).
        let ids = &Template::get(Format::F2021).ids;
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}
