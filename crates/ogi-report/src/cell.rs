//! Table cells: what the source said, kept exactly.
//!
//! A cell is a number, a blank, a not-applicable mark (keeping which glyph),
//! an ambiguous reading with its candidate values, or an invalid text that
//! could not be read as the column's kind of value. Counts are `i64`; money is
//! an exact [`Decimal`] (never a float).

use crate::data::{JsonItem, JsonLike, ObjectKeys};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// The glyphs that mean "not applicable" in a table cell.
pub const MARKS: &[&str] = &[
    "/", "／", "—", "——", "-", "－", "–", "―", "无", "n/a", "N/A", "\\", "、",
];

/// The generic notation used for every mark in the flat form and in truth files.
pub const NA: &str = "n/a";

/// Is `s` (trimmed) a not-applicable mark?
pub fn is_mark(s: &str) -> bool {
    let t = crate::text::trim(s);
    MARKS.contains(&t)
}

/// The reason of a cell whose row the parser did not find.
pub const UNREAD_ROW_NOT_FOUND: &str = "row not found in the text";
/// The reason of a cell whose row's digits could be split too many ways.
pub const UNREAD_TOO_MANY_READINGS: &str = "the row's digits admit too many readings";
/// The reason of a cell whose row's values fill its cells one way only, and
/// that way breaks the row's own equations (blank cells lost in extraction,
/// as a concatenated row `2581211` of four values and three blanks).
pub const UNREAD_ONE_READING_BREAKS_ROW: &str =
    "the row's values fill its cells one way only, and that way breaks the row's own equations (blank cells may have been lost)";
/// The reason of a cell of a table whose text is in reading order (as
/// `pdftotext` without `-layout` writes it), in a row that no equation of its
/// own vouches for.
pub const UNREAD_READING_ORDER: &str = "the table's text is in reading order (values printed apart from their row labels) and no equation of the row vouches for the values after its label";

/// The reason of the absent cells of the (六)其他处理 sub-rows in a 2021 table
/// 3 printing the group as one row (read as the group's total instead).
pub const ABSENT_OTHER_AS_ONE_ROW: &str =
    "the table prints (六)其他处理 as one row, without its sub-rows 1.–3.";

/// The reason of cells whose row's values could not be placed in them.
pub fn unread_not_placed(printed: &[&str], cells: usize) -> String {
    format!(
        "the row's values ({}) could not be placed among its {cells} cells",
        printed.join(" ")
    )
}

/// An unread cell's reason in Chinese (the reasons the parser gives; any
/// other reason, given in JSON, as it is).
pub fn unread_reason_zh(why: &str) -> String {
    match why {
        UNREAD_ROW_NOT_FOUND => "文本中未找到该行".to_string(),
        UNREAD_TOO_MANY_READINGS => "该行连写数字可拆分的方式过多，无法确定".to_string(),
        UNREAD_ONE_READING_BREAKS_ROW => {
            "该行数值填入各单元格只有一种方式，而这种方式不符合本行的等式（可能有空白单元格在提取时丢失），无法确定".to_string()
        }
        UNREAD_READING_ORDER => {
            "表格文本按阅读顺序排列（数值与行标题分开印出），该行标题后的数值没有本行等式可以核实，无法确定是否属于该行".to_string()
        }
        _ => match why
            .strip_prefix("the row's values (")
            .and_then(|r| r.split_once(") could not be placed among its "))
            .and_then(|(vals, rest)| Some((vals, rest.strip_suffix(" cells")?)))
        {
            Some((vals, n)) => format!(
                "该行印出的数值（{}）少于或无法对应其 {n} 个单元格，无法确定各属哪一列",
                vals.replace(' ', "、")
            ),
            None => why.to_string(),
        },
    }
}

/// One table cell holding values of type `T` (`i64` for counts, [`Decimal`] for money).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cell<T> {
    /// The cell was printed empty.
    #[default]
    Blank,
    /// A not-applicable mark such as `/`, `—` or `无`; the glyph as printed.
    Mark(String),
    /// A value read (or inferred) from the source.
    Value(T),
    /// The text admits several readings; the candidates, in ascending order.
    Ambiguous(Vec<T>),
    /// Text that is not a valid value of the column's kind (kept verbatim).
    Invalid(String),
    /// The input does not give the cell (its row was not found, the text is
    /// truncated, or its value could not be placed); the reason.
    Unread(String),
    /// The report's own table does not have this cell's row (a 2021 table
    /// printing (六)其他处理 as one row has no sub-rows 1./2./3.); the reason.
    Absent(String),
}

impl<T> Cell<T> {
    /// The value, if the cell holds exactly one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
    /// Is the cell blank?
    pub fn is_blank(&self) -> bool {
        matches!(self, Cell::Blank)
    }
}

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A non-negative integer count.
    Count,
    /// An integer that may be negative (2019 `items_change`).
    SignedCount,
    /// An exact decimal amount of money.
    Money,
}

/// Conversion between a cell value and JSON, implemented by `i64` and [`Decimal`].
pub trait CellValue: Sized + Clone + PartialEq + std::fmt::Debug {
    /// The value as JSON (a number for counts, a decimal string for money).
    fn to_json(&self) -> Value;
    /// Reads a value from a datum; `Err` says what was wrong.
    fn from_datum(v: &JsonItem<'_>) -> Result<Self, String>;
    /// Reads a value from source text (already normalised: ASCII digits).
    fn from_text(s: &str) -> Option<Self>;
    /// The JSON Schema of one value.
    fn value_schema() -> Value;
    /// The name of a cell of this value type under the schema's `$defs`.
    const DEF: &'static str;
}

impl CellValue for i64 {
    fn to_json(&self) -> Value {
        json!(*self)
    }
    fn from_datum(v: &JsonItem<'_>) -> Result<Self, String> {
        match v {
            JsonItem::Int(i) => Ok(*i),
            JsonItem::BigInt(n) => Err(format!("count {n} is too large")),
            // A whole number beyond i64 that the JSON reader made a float (2^64).
            JsonItem::Float(f) if f.fract() == 0.0 && f.abs() >= 9.2e18 => {
                Err(format!("count {} is too large", float_text(*f)))
            }
            JsonItem::Float(f) => Err(format!("count {} is not an integer", float_text(*f))),
            other => Err(format!("expected an integer count, found {}", other.kind())),
        }
    }
    fn from_text(s: &str) -> Option<Self> {
        count_of(crate::text::trim(s).as_bytes())
    }
    fn value_schema() -> Value {
        json!({"type": "integer"})
    }
    const DEF: &'static str = "count_cell";
}

/// The count that trimmed text `t` reads as: an optional sign, then ASCII
/// digits. (By bytes, so that a token's number held in place is read
/// without making it a `str` first.)
pub(crate) fn count_of(t: &[u8]) -> Option<i64> {
    let (neg, digits) = match t.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    // Eighteen digits never overflow: summed directly (`str::parse`'s
    // checks took 0.4 % of the seed's instructions); longer, parsed.
    let n: i64 = if digits.len() <= 18 {
        digits.iter().fold(0, |n, &b| n * 10 + i64::from(b - b'0'))
    } else {
        std::str::from_utf8(digits).ok()?.parse().ok()?
    };
    Some(if neg { -n } else { n })
}

impl CellValue for Decimal {
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
    fn from_datum(v: &JsonItem<'_>) -> Result<Self, String> {
        match v {
            JsonItem::Str(s) => {
                Decimal::from_str(s.trim()).map_err(|_| format!("{s:?} is not a decimal amount"))
            }
            JsonItem::Int(i) => Ok(Decimal::from(*i)),
            JsonItem::BigInt(n) => Decimal::from_str(n).map_err(|_| format!("{n} is too large")),
            JsonItem::Float(f) => {
                // Floats are accepted through their shortest decimal form;
                // one beyond the range of an exact decimal is refused.
                let text = json_float_text(*f);
                Decimal::from_str(&text).map_err(|_| {
                    let what = if f.abs() >= 1.0 {
                        "too large for"
                    } else {
                        "not"
                    };
                    format!(
                        "{} is {what} a representable amount: give it as a decimal string",
                        float_text(*f)
                    )
                })
            }
            other => Err(format!("expected a decimal string, found {}", other.kind())),
        }
    }
    fn from_text(s: &str) -> Option<Self> {
        let t = crate::text::trim(s);
        if t.is_empty()
            || !t
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            return None;
        }
        Decimal::from_str(t).ok()
    }
    const DEF: &'static str = "money_cell";
    fn value_schema() -> Value {
        json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"})
    }
}

/// A float for a message: its shortest text (`0.1`), except a large whole
/// number, written out in digits (`18446744073709551616`, not `1.8446744073709552e19`).
pub(crate) fn float_text(f: f64) -> String {
    // Through u128, not `{:.0}`: the core's exact float formatting costs the
    // browser module about 11 KB (SIZE.md). Beyond u128, the JSON notation.
    if f.is_finite() && f.fract() == 0.0 && f.abs() >= 1e16 && f.abs() < 3.4e38 {
        let digits = (f.abs() as u128).to_string();
        return if f < 0.0 {
            format!("-{digits}")
        } else {
            digits
        };
    }
    json_float_text(f)
}

/// The shortest text of a float, as JSON writes it (`0.1`, `1e20`).
fn json_float_text(f: f64) -> String {
    match serde_json::Number::from_f64(f) {
        Some(n) => n.to_string(),
        None if f.is_nan() => "NaN".into(),
        None if f > 0.0 => "Infinity".into(),
        None => "-Infinity".into(),
    }
}

impl<T: CellValue> Cell<T> {
    /// The nested-form JSON of this cell: value, `null`, the mark glyph,
    /// `{"ambiguous": [...]}`, `{"invalid": "text"}`, `{"unread": "reason"}`
    /// or `{"absent": "reason"}`.
    pub fn to_json(&self) -> Value {
        match self {
            Cell::Blank => Value::Null,
            Cell::Mark(g) => Value::String(g.clone()),
            Cell::Value(v) => v.to_json(),
            Cell::Ambiguous(c) => {
                json!({"ambiguous": c.iter().map(T::to_json).collect::<Vec<_>>()})
            }
            Cell::Invalid(s) => json!({"invalid": s}),
            Cell::Unread(why) => json!({"unread": why}),
            Cell::Absent(why) => json!({"absent": why}),
        }
    }

    /// The flat-form JSON: like [`Cell::to_json`] but every mark is `"n/a"`.
    pub fn to_flat_json(&self) -> Value {
        match self {
            Cell::Mark(_) => Value::String(NA.to_string()),
            other => other.to_json(),
        }
    }

    /// Reads a cell from either notation.
    pub fn from_json(v: &Value) -> Result<Self, String> {
        Self::from_data(&v)
    }

    /// Reads a cell from either notation, from any [`JsonLike`].
    pub fn from_data<D: JsonLike>(v: &D) -> Result<Self, String> {
        if let Some(i) = v.int() {
            return T::from_datum(&JsonItem::Int(i)).map(Cell::Value);
        }
        match v.datum()? {
            JsonItem::Null => Ok(Cell::Blank),
            JsonItem::Str(s) if is_mark(&s) => Ok(Cell::Mark(s.trim().to_string())),
            JsonItem::Object => {
                if v.len() != 1 {
                    return Err(
                        "a cell object has exactly one key: \"ambiguous\", \"invalid\", \"unread\" or \"absent\"".into(),
                    );
                }
                static KEYS: ObjectKeys =
                    ObjectKeys::lenient(&["ambiguous", "invalid", "unread", "absent"]);
                if let Some(c) = v.get_key(&KEYS, 0)? {
                    if !matches!(c.datum()?, JsonItem::Array) {
                        return Err("\"ambiguous\" takes an array of candidate values".into());
                    }
                    let items = c.items()?;
                    let mut out = Vec::with_capacity(items.len());
                    for (i, x) in items.iter().enumerate() {
                        out.push(
                            T::from_datum(&x.datum()?)
                                .map_err(|e| format!("candidate {i}: {e}"))?,
                        );
                    }
                    Ok(Cell::Ambiguous(out))
                } else if let Some(s) = v.get_key(&KEYS, 1)? {
                    match s.datum()? {
                        JsonItem::Str(t) => Ok(Cell::Invalid(t.into_owned())),
                        _ => Err("\"invalid\" takes the source text as a string".into()),
                    }
                } else if let Some(s) = v.get_key(&KEYS, 2)? {
                    match s.datum()? {
                        JsonItem::Str(t) => Ok(Cell::Unread(t.into_owned())),
                        _ => Err("\"unread\" takes the reason as a string".into()),
                    }
                } else if let Some(s) = v.get_key(&KEYS, 3)? {
                    match s.datum()? {
                        JsonItem::Str(t) => Ok(Cell::Absent(t.into_owned())),
                        _ => Err("\"absent\" takes the reason as a string".into()),
                    }
                } else {
                    Err(format!(
                        "unknown cell key {:?}: expected \"ambiguous\", \"invalid\", \"unread\" or \"absent\"",
                        v.keys()?.first().map(String::as_str).unwrap_or("")
                    ))
                }
            }
            other => T::from_datum(&other).map(Cell::Value),
        }
    }

    /// The JSON Schema of a cell of this value type: a reference to its
    /// definition (see [`Cell::definition`]) under the root's `$defs`.
    pub fn schema() -> Value {
        json!({ "$ref": format!("#/$defs/{}", T::DEF) })
    }

    /// The definition of a cell of this value type, kept once under `$defs`.
    pub fn definition() -> Value {
        json!({
            "oneOf": [
                T::value_schema(),
                {"type": "null", "description": "blank cell"},
                {"type": "string", "enum": MARKS, "description": "not-applicable mark"},
                {"type": "object", "properties": {"ambiguous": {"type": "array", "items": T::value_schema()}},
                 "required": ["ambiguous"], "additionalProperties": false},
                {"type": "object", "properties": {"invalid": {"type": "string"}},
                 "required": ["invalid"], "additionalProperties": false},
                {"type": "object", "properties": {"unread": {"type": "string", "description": "why the input does not give the cell"}},
                 "required": ["unread"], "additionalProperties": false},
                {"type": "object", "properties": {"absent": {"type": "string", "description": "why the report's table has no such cell"}},
                 "required": ["absent"], "additionalProperties": false}
            ]
        })
    }
}

/// A count cell.
pub type CountCell = Cell<i64>;
/// A money cell.
pub type MoneyCell = Cell<Decimal>;

/// A shared view of a cell of either value type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellRef<'a> {
    /// A count cell.
    Count(&'a CountCell),
    /// A money cell.
    Money(&'a MoneyCell),
}

/// A mutable view of a cell of either value type.
#[derive(Debug)]
pub enum CellMut<'a> {
    /// A count cell.
    Count(&'a mut CountCell),
    /// A money cell.
    Money(&'a mut MoneyCell),
}

impl CellRef<'_> {
    /// The nested-form JSON of the cell.
    pub fn to_json(&self) -> Value {
        match self {
            CellRef::Count(c) => c.to_json(),
            CellRef::Money(c) => c.to_json(),
        }
    }
    /// The flat-form JSON of the cell.
    pub fn to_flat_json(&self) -> Value {
        match self {
            CellRef::Count(c) => c.to_flat_json(),
            CellRef::Money(c) => c.to_flat_json(),
        }
    }
    /// The state of the cell without its value.
    pub fn state(&self) -> CellState {
        fn st<T>(c: &Cell<T>) -> CellState {
            match c {
                Cell::Blank => CellState::Blank,
                Cell::Mark(_) => CellState::Mark,
                Cell::Value(_) => CellState::Value,
                Cell::Ambiguous(_) => CellState::Ambiguous,
                Cell::Invalid(_) => CellState::Invalid,
                Cell::Unread(_) => CellState::Unread,
                Cell::Absent(_) => CellState::Absent,
            }
        }
        match self {
            CellRef::Count(c) => st(c),
            CellRef::Money(c) => st(c),
        }
    }
    /// The count, when this is a count cell holding a value.
    pub fn count(&self) -> Option<i64> {
        match self {
            CellRef::Count(Cell::Value(v)) => Some(*v),
            _ => None,
        }
    }
}

impl CellMut<'_> {
    /// Sets the cell from JSON (either notation).
    pub fn set_json(&mut self, v: &Value) -> Result<(), String> {
        self.set_data(&v)
    }
    /// Sets the cell from any JSON-like [`JsonLike`] (either notation).
    pub fn set_data<D: JsonLike>(&mut self, v: &D) -> Result<(), String> {
        match self {
            CellMut::Count(c) => **c = Cell::from_data(v)?,
            CellMut::Money(c) => **c = Cell::from_data(v)?,
        }
        Ok(())
    }
    /// Sets the cell from a token of source text (or what a user typed): a
    /// number (full-width digits too), a mark as printed, or blank. Text that is
    /// none of these becomes [`Cell::Invalid`].
    pub fn set_text(&mut self, s: &str) {
        fn read<T: CellValue>(s: &str) -> Cell<T> {
            let t = crate::text::trim(s);
            if t.is_empty() {
                Cell::Blank
            } else if t.bytes().all(|b| b.is_ascii_digit()) {
                // Plain digits, most cells: nothing to fold (no copy made).
                T::from_text(t).map_or_else(|| Cell::Invalid(t.to_string()), Cell::Value)
            } else if is_mark(t) {
                Cell::Mark(t.to_string())
            } else {
                // Full-width digits (１２) read as digits; thousands
                // separators (12,172 or 12，172) as the tokenizer drops them.
                let folded: String = t.chars().map(crate::text::fold_char).collect();
                let folded = without_thousands_separators(&folded).unwrap_or(folded);
                match T::from_text(&folded) {
                    Some(v) => Cell::Value(v),
                    None => Cell::Invalid(t.to_string()),
                }
            }
        }
        match self {
            CellMut::Count(c) => **c = read(s),
            CellMut::Money(c) => **c = read(s),
        }
    }
    /// Sets a count; on a money cell the count becomes a whole amount.
    pub fn set_count(&mut self, n: i64) {
        match self {
            CellMut::Count(c) => **c = Cell::Value(n),
            CellMut::Money(c) => **c = Cell::Value(Decimal::from(n)),
        }
    }
    /// Marks the cell as not given by the input, with the reason.
    pub fn set_unread(&mut self, why: &str) {
        match self {
            CellMut::Count(c) => **c = Cell::Unread(why.to_string()),
            CellMut::Money(c) => **c = Cell::Unread(why.to_string()),
        }
    }
    /// Marks the cell as absent from the report's table, with the reason.
    pub fn set_absent(&mut self, why: &str) {
        match self {
            CellMut::Count(c) => **c = Cell::Absent(why.to_string()),
            CellMut::Money(c) => **c = Cell::Absent(why.to_string()),
        }
    }
    /// Marks a count cell ambiguous between candidates.
    pub fn set_ambiguous(&mut self, mut cands: Vec<i64>) {
        cands.sort_unstable();
        cands.dedup();
        match self {
            CellMut::Count(c) => **c = Cell::Ambiguous(cands),
            CellMut::Money(c) => {
                **c = Cell::Ambiguous(cands.into_iter().map(Decimal::from).collect())
            }
        }
    }
}

/// The state of a cell, without its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellState {
    /// Printed empty.
    Blank,
    /// A not-applicable mark.
    Mark,
    /// One value.
    Value,
    /// Several candidate values.
    Ambiguous,
    /// Unreadable text.
    Invalid,
    /// Not given by the input.
    Unread,
    /// Not in the report's table.
    Absent,
}

impl CellState {
    /// The state's name as the JSON and the frames write it (`"value"`,
    /// `"blank"`, `"mark"`, `"ambiguous"`, `"invalid"`, `"unread"`, `"absent"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CellState::Blank => "blank",
            CellState::Mark => "mark",
            CellState::Value => "value",
            CellState::Ambiguous => "ambiguous",
            CellState::Invalid => "invalid",
            CellState::Unread => "unread",
            CellState::Absent => "absent",
        }
    }
}

/// `12,172` or `-1,234.5` without its commas, when the commas group the
/// integer digits by three as printed numbers do (the tokenizer reads a table
/// cell so); `None` for any other text (`12,5`, `1,23`, `1234`).
fn without_thousands_separators(t: &str) -> Option<String> {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    let mut rest = 0;
    let ok = (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| {
            rest += 1;
            g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())
        })
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    (ok && rest > 0).then(|| t.replace(',', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counts summed digit by digit are what `str::parse` reads, up to
        /// and past the length where they could overflow.
        #[test]
        fn counts_read_as_str_parse_reads(t in "[-+ ]?[0-9]{0,21}x?") {
            let trimmed = t.trim();
            let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
            let want = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse::<i64>().ok())
                .flatten()
                .map(|n| if trimmed.starts_with('-') { -n } else { n });
            proptest::prop_assert_eq!(<i64 as CellValue>::from_text(&t), want);
        }

        /// A count cell given the count its text reads as holds what it
        /// holds when given the text (the parser gives the count it has
        /// read already).
        #[test]
        fn count_set_from_its_reading_as_from_its_text(t in "[-+ ]?[0-9,]{0,21}(\\.[0-9])?x?") {
            if let Some(v) = <i64 as CellValue>::from_text(&t) {
                let (mut by_text, mut by_count) = (CountCell::Blank, CountCell::Blank);
                CellMut::Count(&mut by_text).set_text(&t);
                CellMut::Count(&mut by_count).set_count(v);
                proptest::prop_assert_eq!(by_text, by_count);
            }
        }
    }

    #[test]
    fn count_cell_json_notations_round_trip() {
        for c in [
            CountCell::Blank,
            CountCell::Mark("—".into()),
            CountCell::Value(15),
            CountCell::Ambiguous(vec![2, 27]),
            CountCell::Invalid("3.5".into()),
            CountCell::Unread("row not found in the text".into()),
            CountCell::Absent("the table prints (六) as one row".into()),
        ] {
            assert_eq!(CountCell::from_json(&c.to_json()).unwrap(), c);
        }
    }

    /// A cell object reads alike from a `Value` and from JSON text (each
    /// host's own walk of the object), and each wrong form names its fault.
    #[test]
    fn cell_objects_read_alike_from_every_host_with_their_errors() {
        let cases: [(&str, Result<CountCell, &str>); 9] = [
            (
                r#"{"ambiguous": [2, 27]}"#,
                Ok(Cell::Ambiguous(vec![2, 27])),
            ),
            (r#"{"invalid": "3.5"}"#, Ok(Cell::Invalid("3.5".into()))),
            (
                r#"{"unread": "row not found"}"#,
                Ok(Cell::Unread("row not found".into())),
            ),
            (
                r#"{"absent": "one row"}"#,
                Ok(Cell::Absent("one row".into())),
            ),
            (
                r#"{"ambiguous": 2}"#,
                Err(r#""ambiguous" takes an array of candidate values"#),
            ),
            (
                r#"{"ambiguous": [2, "x"]}"#,
                Err("candidate 1: expected an integer count, found a string"),
            ),
            (
                r#"{"unread": 1}"#,
                Err(r#""unread" takes the reason as a string"#),
            ),
            (
                r#"{"guess": 1}"#,
                Err(
                    r#"unknown cell key "guess": expected "ambiguous", "invalid", "unread" or "absent""#,
                ),
            ),
            (
                r#"{"unread": "a", "absent": "b"}"#,
                Err(
                    r#"a cell object has exactly one key: "ambiguous", "invalid", "unread" or "absent""#,
                ),
            ),
        ];
        for (text, want) in cases {
            let want = want.map_err(String::from);
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(CountCell::from_json(&value), want, "{text} as a Value");
            let json = crate::data::parse_json(text).unwrap();
            assert_eq!(CountCell::from_data(&&json), want, "{text} as JSON text");
        }
        assert_eq!(
            CountCell::from_json(&json!({"invalid": null})),
            Err(r#""invalid" takes the source text as a string"#.to_string())
        );
        assert_eq!(
            CountCell::from_json(&json!({"absent": []})),
            Err(r#""absent" takes the reason as a string"#.to_string())
        );
    }

    #[test]
    fn money_keeps_its_scale_exactly() {
        let c = MoneyCell::from_json(&json!("24252.311082")).unwrap();
        assert_eq!(c.to_json(), json!("24252.311082"));
        let c = MoneyCell::from_json(&json!("0.10")).unwrap();
        assert_eq!(c.to_json(), json!("0.10"));
    }

    #[test]
    fn flat_notation_writes_every_mark_as_na() {
        assert_eq!(CountCell::Mark("/".into()).to_flat_json(), json!("n/a"));
        assert_eq!(
            CountCell::from_json(&json!("n/a")).unwrap(),
            Cell::Mark("n/a".into())
        );
    }

    #[test]
    fn money_given_as_a_float_is_read_through_its_shortest_text() {
        let c = MoneyCell::from_json(&json!(0.1)).unwrap();
        assert_eq!(c, Cell::Value(Decimal::from_str("0.1").unwrap()));
        assert_eq!(
            MoneyCell::from_json(&json!(12.5)).unwrap(),
            Cell::Value(Decimal::from_str("12.5").unwrap())
        );
        let e = MoneyCell::from_json(&json!(1e30)).unwrap_err();
        assert!(e.contains("decimal string"), "{e}");
        let e = CountCell::from_json(&json!(1.5)).unwrap_err();
        assert_eq!(e, "count 1.5 is not an integer");
        // 2^64 is read as a float by the JSON reader: it is shown in digits, too large.
        let e = CountCell::from_json(&serde_json::from_str("18446744073709551616").unwrap())
            .unwrap_err();
        assert_eq!(e, "count 18446744073709551616 is too large");
        let e = CountCell::from_json(&json!(u64::MAX)).unwrap_err();
        assert_eq!(e, "count 18446744073709551615 is too large");
    }

    #[test]
    fn wrong_json_types_are_errors_not_values() {
        assert!(CountCell::from_json(&json!(1.5)).is_err());
        assert!(CountCell::from_json(&json!("twelve")).is_err());
        assert!(CountCell::from_json(&json!(u64::MAX)).is_err());
        assert!(CountCell::from_json(&json!({"guess": 1})).is_err());
        assert!(MoneyCell::from_json(&json!("12,5")).is_err());
    }

    #[test]
    fn text_tokens_become_values_marks_blanks_or_invalid() {
        let mut c = CountCell::Blank;
        CellMut::Count(&mut c).set_text("12");
        assert_eq!(c, Cell::Value(12));
        CellMut::Count(&mut c).set_text("／");
        assert_eq!(c, Cell::Mark("／".into()));
        CellMut::Count(&mut c).set_text(" ");
        assert_eq!(c, Cell::Blank);
        CellMut::Count(&mut c).set_text("3.5");
        assert_eq!(c, Cell::Invalid("3.5".into()));
        CellMut::Count(&mut c).set_text("１２");
        assert_eq!(c, Cell::Value(12));
        // Thousands separators as the tokenizer reads them (ASCII or full-width).
        CellMut::Count(&mut c).set_text("12,172");
        assert_eq!(c, Cell::Value(12172));
        CellMut::Count(&mut c).set_text("1，234，567");
        assert_eq!(c, Cell::Value(1234567));
        CellMut::Count(&mut c).set_text("12,5");
        assert_eq!(c, Cell::Invalid("12,5".into()));
        CellMut::Count(&mut c).set_text("1,2345");
        assert_eq!(c, Cell::Invalid("1,2345".into()));
        let mut m = MoneyCell::Blank;
        CellMut::Money(&mut m).set_text("1,234.56");
        assert_eq!(m, Cell::Value("1234.56".parse().unwrap()));
    }
}
