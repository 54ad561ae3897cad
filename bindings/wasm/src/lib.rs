//! # ogi-report-wasm
//!
//! WebAssembly bindings of [`ogi_report`] for the browser (ES module) and Node:
//! the same schema, rules and bilingual messages as the Rust core.
//!
//! Every function takes and returns plain JavaScript values. Report data that
//! does not fit the schema never throws: it comes back as findings. Only misuse
//! (a number where a report object belongs) throws a `TypeError`.
//!
//! Report data is read from the JavaScript objects in place, as
//! `JSON.stringify` would see them (own properties; `undefined`, functions
//! and symbols absent; `NaN` and infinities `null`); JSON text goes through
//! the engine's `JSON.parse`. Results cross back as JSON text (`JSON.parse`
//! out), so they are plain objects and arrays, never `Map`s, exactly as the
//! TypeScript declarations below say. Data that cannot be read (a `BigInt`,
//! a getter or a Proxy trap that throws, an object that contains itself where
//! the schema reads) is a `schema.invalid` finding at its path; every call into
//! JavaScript that may throw is caught, so no exception crosses the module.
//! Should the module trap all the same (a bug), the package's JavaScript
//! wrapper (`js/`) re-creates it.
//!
//! The crate is empty on other targets, so `cargo test --workspace` on the host
//! is not affected.
#![cfg(target_family = "wasm")]

use ogi_report::{Finding, Format, JsonItem, JsonLike, Report, Severity};
use serde_json::{json, Value};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// `export type FindingCode`, generated with the catalogue of codes.
#[wasm_bindgen(typescript_custom_section)]
const TS_FINDING_CODE: &'static str = ogi_report::finding::TS_FINDING_CODE;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/** The kind of agency a name designates (see `agencyKind`). */
export type AgencyKind =
  | "province_government"
  | "city_government"
  | "county_government"
  | "department"
  | "township"
  | "subdistrict"
  | "zone"
  | "unknown";

/** Where in the source text a value was read. */
export interface Source {
  /** 1-based line. */
  line: number;
  /** Byte offset (UTF-8) of the start of the text the value was read from. */
  start: number;
  /** Byte offset just past its end. */
  end: number;
  /** Present (true) when the value was inferred by splitting concatenated digits. */
  inferred?: boolean;
  /** PDF: the 1-based page the value is printed on. */
  page?: number;
  /** PDF: the box of its glyphs, [x0, y0, x1, y1] in points, origin at the page's bottom left. */
  bbox?: [number, number, number, number];
  /** DOCX: the 0-based table of the document. */
  table?: number;
  /** DOCX: the 0-based row of that table. */
  row?: number;
  /** DOCX: the 0-based cell of that row. */
  cell?: number;
}

/** One problem (or note) about a report. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The canonical path the finding points at, e.g. "t3.carried_forward.total". */
  path: string;
  /** The other cells of the equation; absent when there are none. */
  related?: string[];
  /** The value the rule expects, where there is a number. */
  expected?: number;
  /** The value found, where there is a number. */
  actual?: number;
  /** The message in Chinese. */
  message: string;
  /** The message in English. */
  message_en: string;
  /** Where the pointed-at value came from, for parsed reports. */
  source?: Source;
  /** The report year, for findings across years. */
  year?: number;
  /** The agency, for findings across years. */
  agency?: string;
}

/**
 * One cell in the nested JSON form: a count (number), a money amount (decimal
 * string), blank (null), a not-applicable mark as printed ("/", "—", "无"…),
 * an ambiguous reading, unreadable text, a cell the input does not give
 * (`unread`, with the reason) or one the report's own table lacks (`absent`).
 */
export type CellValue =
  | number
  | string
  | null
  | { ambiguous: Array<number | string> }
  | { invalid: string }
  | { unread: string }
  | { absent: string };

/** A table: rows of cells, nested by canonical key. */
export interface Table {
  [key: string]: CellValue | Table;
}

/** A report in the nested JSON form (see `schema()` for every key). */
export interface Report {
  /** The tables' format; null when the input did not show it (no table, no word of either format). */
  format: "2021" | "2019" | null;
  agency?: string | null;
  year?: number | null;
  period_start?: string | null;
  period_end?: string | null;
  published?: string | null;
  procurement_unit?: string | null;
  sections?: Record<string, string | null>;
  /** Table 2; null when absent from the report. */
  t2?: Table | null;
  /**
   * Table 3; null when absent from the report. In the 2021 format,
   * `t3.outcome.other_total` (the (六)其他处理 group's total) is there only when
   * the report prints that group as one row, the 2019 way: its three sub-rows
   * `t3.outcome.other.*` are then `{ absent }`.
   */
  t3?: Table | null;
  /** Table 4; null when absent from the report. */
  t4?: Table | null;
  /** Optional: which tables the report prints; when given it must agree with t2–t4 (a table marked false is null or left out). */
  tables_present?: { t2?: boolean; t3?: boolean; t4?: boolean };
  /** Where each cell's value came from, by canonical path. */
  sources?: Record<string, Source>;
  [key: string]: unknown;
}

/** The result of `validate`. */
export interface ValidationResult {
  /** True when no finding has severity "error". */
  valid: boolean;
  findings: Finding[];
}

/** The result of `parse`. */
export interface ParseResult {
  /** The report read from the text or file, in the nested form. */
  report: Report;
  /** The parse findings followed by every rule's findings. */
  findings: Finding[];
  /** What the input was read as (told by its content). */
  kind: "text" | "html" | "pdf" | "docx";
}

/** One row of the rule catalogue. */
export interface RuleInfo {
  code: FindingCode;
  severity: Severity;
  /** The family of rules that gives it (see RULES.md). */
  family: "input" | "tables" | "cells" | "equations" | "t2" | "sections" | "prose" | "fees" | "dates" | "series";
  /** What it checks, in Chinese. */
  description: string;
  /** What it checks, in English. */
  description_en: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(s: &str);
}

/// Reports a panic on the console before the module traps, so a bug in the
/// core is never silent (the core is written never to panic). Installed by the
/// first call of any function.
fn hook_panics() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static HOOKED: AtomicBool = AtomicBool::new(false);
    if !HOOKED.swap(true, Ordering::Relaxed) {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("ogi-report-wasm: internal error: {info}"));
        }));
    }
}

fn type_error(msg: &str) -> JsValue {
    js_sys::TypeError::new(msg).into()
}

/// Serialises a Rust JSON value into a plain JavaScript value.
fn to_js(v: &Value) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&v.to_string())
}

fn findings_json(findings: &[Finding]) -> Value {
    serde_json::to_value(findings).unwrap_or_else(|_| json!([]))
}

/// Validates a report given as a JavaScript object (nested or flat form) or as
/// JSON text. Returns `{ valid, findings }`; data that does not fit the schema
/// (or JSON text that does not parse) is a `schema.invalid` finding.
///
/// Throws a `TypeError` only when `report` is neither an object nor a string.
#[wasm_bindgen(unchecked_return_type = "ValidationResult")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Report | Record<string, unknown> | string")]
    report: JsValue,
) -> Result<JsValue, JsValue> {
    hook_panics();
    let findings = match report_data(
        report,
        "validate(report): report must be an object (nested or flat report) or JSON text",
    )? {
        Ok(r) => ogi_report::validate(&r),
        Err(f) => vec![f],
    };
    validation(&findings)
}

/// Reads report data: a JavaScript object (nested or flat form) or JSON
/// text. `Ok(Err(finding))` is data that is not a report (a `schema.invalid`
/// finding); `Err` is misuse (`what` says how to call), thrown as a `TypeError`.
fn report_data(report: JsValue, what: &str) -> Result<Result<Report, Finding>, JsValue> {
    // Report data is read from the JavaScript values in place; JSON text is
    // turned into them by the engine's JSON.parse (the module carries no JSON parser).
    let data = if let Some(text) = report.as_string() {
        match js_sys::JSON::parse(&text) {
            Ok(v) => v,
            Err(e) => return Ok(Err(json_syntax_finding(&e))),
        }
    } else if report.is_object() && !is_array(&report).unwrap_or(false) && !report.is_function() {
        report
    } else {
        return Err(type_error(what));
    };
    // Bad data of every kind (a BigInt, a cycle, a getter or a Proxy trap
    // that throws) is a finding at its path; only misuse throws.
    Ok(Report::from_data(&Js::of(data)).map_err(|e| Finding::from(&e)))
}

/// Checks reports of several years against each other (the cross-year
/// rules: carried-over chain, documents in force, copied text), grouped by
/// agency and ordered by year. Each report is an object (nested or flat
/// form) or JSON text. Returns `{ valid, findings }`; a report that does not
/// fit the schema gives a `schema.invalid` finding whose path starts with its
/// index (`[1].year`), and the others are still checked.
///
/// Throws a `TypeError` only when `reports` is not an array, or holds
/// something that is neither an object nor a string.
#[cfg(feature = "series")]
#[wasm_bindgen(js_name = validateSeries, unchecked_return_type = "ValidationResult")]
pub fn validate_series(
    #[wasm_bindgen(unchecked_param_type = "Array<Report | Record<string, unknown> | string>")]
    reports: JsValue,
) -> Result<JsValue, JsValue> {
    hook_panics();
    if !is_array(&reports).unwrap_or(false) {
        return Err(type_error(
            "validateSeries(reports): reports must be an array of reports (objects or JSON text)",
        ));
    }
    let mut read = Vec::new();
    let mut findings = Vec::new();
    let items = match array_items(&reports) {
        Ok(items) => items,
        Err(why) => {
            let f = Finding::new(
                ogi_report::Code::SchemaInvalid,
                "",
                format!("报告列表无法读取：{why}"),
                format!("the list of reports cannot be read: {why}"),
            );
            return validation(&[f]);
        }
    };
    for (i, value) in items.into_iter().enumerate() {
        if let Some(why) = value.1 {
            findings.push(Finding::new(
                ogi_report::Code::SchemaInvalid,
                format!("[{i}]"),
                format!("[{i}] 处数据无法读取：{why}"),
                format!("at [{i}]: {why}"),
            ));
            continue;
        }
        match report_data(
            value.0,
            "validateSeries(reports): each report must be an object (nested or flat report) or JSON text",
        )? {
            Ok(r) => read.push(r),
            Err(mut f) => {
                f.path = if f.path.is_empty() {
                    format!("[{i}]")
                } else {
                    format!("[{i}].{}", f.path)
                };
                findings.push(f);
            }
        }
    }
    findings.extend(ogi_report::validate_series(&read));
    validation(&findings)
}

/// For the tests of the JavaScript wrapper only: panics (the module traps)
/// while a cache of the module is borrowed, so that the module, unless
/// re-created, fails every later call that reads report data.
#[wasm_bindgen(js_name = __testTrap, skip_typescript)]
pub fn test_trap() {
    KEYS.with_borrow_mut(|_| panic!("test trap"));
}

/// The kind of agency a name designates, as the rules recognise it
/// (`"county_government"`, `"department"`, `"township"`, …, `"unknown"`).
#[wasm_bindgen(js_name = agencyKind, unchecked_return_type = "AgencyKind")]
pub fn agency_kind(name: &str) -> String {
    ogi_report::agency_kind(name).as_str().to_string()
}

/// The printed label of what a path names, for people: a cell
/// (`表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列`), a row, a table or
/// a section, in `lang` (`"zh"` as printed on the form, or `"en"`); `null` for a
/// path that names nothing of the form. The messages use the same words.
///
/// Throws a `TypeError` when `lang` is neither `"zh"` nor `"en"`.
#[wasm_bindgen(unchecked_return_type = "string | null")]
pub fn label(
    path: &str,
    #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = label_lang("label(path, lang)", lang.as_deref())?;
    Ok(ogi_report::label(path, lang).map_or(JsValue::NULL, |l| JsValue::from_str(&l)))
}

/// `lang` (`"zh"` when not given), or a `TypeError` naming the call.
fn label_lang<'a>(call: &str, lang: Option<&'a str>) -> Result<&'a str, JsValue> {
    match lang.unwrap_or("zh") {
        l @ ("zh" | "en") => Ok(l),
        _ => Err(type_error(&format!(
            "{call}: lang must be \"zh\" or \"en\""
        ))),
    }
}

/// A label found, or `null`.
fn label_value(l: Option<&str>) -> JsValue {
    l.map_or(JsValue::NULL, JsValue::from_str)
}

/// The printed label of a row of a table (`rowLabel("t3",
/// "outcome.withheld.third_party")` is `（三）不予公开 4.保护第三方合法权益`; table
/// 4's rows are its groups), or `null`. Throws a `TypeError` for another `lang`.
#[wasm_bindgen(js_name = rowLabel, unchecked_return_type = "string | null")]
pub fn row_label(
    table: &str,
    row: &str,
    #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = label_lang("rowLabel(table, row, lang)", lang.as_deref())?;
    Ok(label_value(ogi_report::labels::row_label(table, row, lang)))
}

/// The printed label of a column of a table (`columnLabel("t3",
/// "natural_person")` is `自然人`), or `null`. Throws a `TypeError` for another `lang`.
#[wasm_bindgen(js_name = columnLabel, unchecked_return_type = "string | null")]
pub fn column_label(
    table: &str,
    column: &str,
    #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = label_lang("columnLabel(table, column, lang)", lang.as_deref())?;
    Ok(label_value(ogi_report::labels::column_label(
        table, column, lang,
    )))
}

/// The printed label of a table 4 group (`groupLabel("review")` is `行政复议`),
/// or `null`. Throws a `TypeError` for another `lang`.
#[wasm_bindgen(js_name = groupLabel, unchecked_return_type = "string | null")]
pub fn group_label(
    group: &str,
    #[wasm_bindgen(unchecked_param_type = "\"zh\" | \"en\" | undefined")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = label_lang("groupLabel(group, lang)", lang.as_deref())?;
    Ok(label_value(ogi_report::labels::group_label(group, lang)))
}

/// `{ valid, findings }`.
fn validation(findings: &[Finding]) -> Result<JsValue, JsValue> {
    let valid = !findings.iter().any(|f| f.severity == Severity::Error);
    to_js(&json!({ "valid": valid, "findings": findings_json(findings) }))
}

/// The finding for JSON text that does not parse (a `schema.invalid` at the top).
fn json_syntax_finding(e: &JsValue) -> Finding {
    let why = js_sys::Error::from(e.clone())
        .message()
        .as_string()
        .unwrap_or_default();
    Finding::new(
        ogi_report::Code::SchemaInvalid,
        "",
        format!("顶层 处数据不是有效的 JSON：{why}"),
        format!("the report is not valid JSON: {why}"),
    )
}

/// A JavaScript value read as report data in place.
///
/// Every call into JavaScript that may run user code (a getter, a Proxy
/// trap) catches what it throws: an exception crossing the module would leave
/// it in a broken state. What was thrown is read as a fault of the data at
/// its path (`Js::threw`), a `schema.invalid` finding.
#[derive(Clone)]
struct Js(JsValue, Option<std::rc::Rc<str>>);

#[wasm_bindgen]
extern "C" {
    /// `Reflect.get`, catching what a getter or a Proxy trap throws.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Object.keys`, catching what a Proxy's `ownKeys` trap throws.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;
    /// `Object.prototype.hasOwnProperty.call`, catching what a Proxy trap throws.
    #[wasm_bindgen(js_namespace = Object, js_name = hasOwn, catch)]
    fn has_own(target: &JsValue, key: &JsValue) -> Result<bool, JsValue>;
    /// `Array.isArray`, which throws for a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// `String(value)`, catching a `toString` that throws.
    #[wasm_bindgen(js_name = String, catch)]
    fn js_string(value: &JsValue) -> Result<String, JsValue>;
}

/// Arrays in report data are short (ambiguous candidates): a longer one (a
/// Proxy or a sparse array claiming billions of items) is not read.
const MAX_ITEMS: u32 = 1 << 20;

/// What an exception says, as text (never throwing itself).
fn thrown(e: &JsValue) -> String {
    js_string(e).unwrap_or_else(|_| "an exception that cannot be shown as text".to_string())
}

thread_local! {
    /// The schema's keys as JavaScript strings, by the address and length of the key
    /// (each a `'static` string of the core): made once, not per lookup.
    static KEYS: std::cell::RefCell<std::collections::HashMap<(usize, usize), JsValue>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

impl Js {
    fn of(v: JsValue) -> Js {
        Js(v, None)
    }

    /// A value whose reading threw `e`.
    fn threw(what: &str, e: &JsValue) -> Js {
        Js(
            JsValue::UNDEFINED,
            Some(format!("reading {what} threw: {}", thrown(e)).into()),
        )
    }

    /// An own property, absent as JSON.stringify would leave it out.
    fn property(&self, key: &JsValue) -> Option<Js> {
        let v = match reflect_get(&self.0, key) {
            Ok(v) => v,
            Err(e) => return Some(Js::threw("the property", &e)),
        };
        if v.is_undefined() || v.is_function() || v.is_symbol() {
            return None;
        }
        match has_own(&self.0, key) {
            Ok(own) => own.then_some(Js::of(v)),
            Err(e) => Some(Js::threw("the property", &e)),
        }
    }

    fn own_keys(&self) -> Result<js_sys::Array, String> {
        object_keys(&self.0).map_err(|e| format!("listing the keys threw: {}", thrown(&e)))
    }
}

impl JsonLike for Js {
    fn datum(&self) -> Result<JsonItem<'_>, String> {
        if let Some(m) = &self.1 {
            return Err(m.to_string());
        }
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Ok(JsonItem::Null)
        } else if let Some(b) = v.as_bool() {
            Ok(JsonItem::Bool(b))
        } else if let Some(f) = v.as_f64() {
            // JavaScript has one number type: whole numbers are integers;
            // NaN and the infinities are null, as in JSON.stringify.
            const I64_END: f64 = 9_223_372_036_854_775_808.0;
            Ok(if !f.is_finite() {
                JsonItem::Null
            } else if f.fract() == 0.0 && (-I64_END..I64_END).contains(&f) {
                JsonItem::Int(f as i64)
            } else {
                JsonItem::Float(f)
            })
        } else if let Some(s) = v.as_string() {
            Ok(JsonItem::Str(Cow::Owned(s)))
        } else if is_array(v).map_err(|e| format!("reading it threw: {}", thrown(&e)))? {
            Ok(JsonItem::Array)
        } else if v.is_object() && !v.is_function() {
            Ok(JsonItem::Object)
        } else {
            Err(format!(
                "cannot be read as JSON data: found a {}",
                v.js_typeof().as_string().unwrap_or_default()
            ))
        }
    }
    fn len(&self) -> usize {
        if self.0.is_object() && self.1.is_none() {
            // Keys that cannot be listed (a Proxy's ownKeys trap throws):
            // more than were read, so the reader lists them and fails there,
            // at this object's path, instead of reading it as empty.
            self.own_keys().map_or(usize::MAX, |k| k.length() as usize)
        } else {
            0
        }
    }
    fn get(&self, key: &'static str) -> Result<Option<Self>, String> {
        if !self.0.is_object() {
            return Ok(None);
        }
        // The key is taken out of the cache before JavaScript runs (a getter
        // may call this module again).
        let k = KEYS.with_borrow_mut(|keys| {
            keys.entry((key.as_ptr() as usize, key.len()))
                .or_insert_with(|| JsValue::from_str(key))
                .clone()
        });
        Ok(self.property(&k))
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        if !self.0.is_object() {
            return Ok(Vec::new());
        }
        Ok(self
            .entries()?
            .into_iter()
            .map(|(k, _)| k.into_owned())
            .collect())
    }
    fn entries(&self) -> Result<Vec<(Cow<'_, str>, Self)>, String> {
        if !self.0.is_object() {
            return Ok(Vec::new());
        }
        // Own enumerable keys, less those JSON.stringify leaves out.
        Ok(self
            .own_keys()?
            .iter()
            .filter_map(|k| Some((Cow::Owned(k.as_string()?), self.property(&k)?)))
            .collect())
    }
    fn items(&self) -> Result<Vec<Self>, String> {
        array_items(&self.0)
    }
}

/// The items of an array, each read by `Reflect.get` (a Proxy's trap may throw).
fn array_items(v: &JsValue) -> Result<Vec<Js>, String> {
    if !is_array(v).unwrap_or(false) {
        return Ok(Vec::new());
    }
    let length = reflect_get(v, &JsValue::from_str("length"))
        .map_err(|e| format!("reading its length threw: {}", thrown(&e)))?
        .as_f64()
        .unwrap_or(0.0);
    if length > f64::from(MAX_ITEMS) {
        // An integer, not the f64: formatting a float links the core's float
        // printing (about 18 KB of the browser module).
        return Err(format!(
            "an array of {} items: longer than any report holds",
            length as u64
        ));
    }
    Ok((0..length as u32)
        .map(|i| match reflect_get(v, &JsValue::from(i)) {
            Ok(x) => Js::of(x),
            Err(e) => Js::threw("the item", &e),
        })
        .collect())
}

/// Parses a scraped report: a string (plain text in any layout, or HTML,
/// detected by its tags), or a file's bytes as a `Uint8Array`, told by their
/// content (a DOCX read by its tables, in a build with the `docx` feature; a
/// PDF with the `pdf` feature; text in UTF-8, UTF-16 or GB18030; a legacy
/// `.doc`/`.wps`, another ZIP or a PDF this build does not read is one
/// `input.unsupported` finding). Returns `{ report, findings, kind }`: the
/// report in the nested form, the parse findings followed by every rule's
/// findings (the core's `Parsed::check`), and what the input was read as.
///
/// Throws a `TypeError` when `source` is neither a string nor a `Uint8Array`
/// (the first two browser modules take strings only; `pkg/web-files` takes
/// bytes too), and an `Error` for bytes that are
/// no file it knows and not text (binary).
#[cfg(feature = "parse")]
#[wasm_bindgen(unchecked_return_type = "ParseResult")]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] source: JsValue,
) -> Result<JsValue, JsValue> {
    hook_panics();
    let parsed = if let Some(text) = source.as_string() {
        ogi_report::parse(&text)
    } else if let Some(bytes) = source.dyn_ref::<js_sys::Uint8Array>() {
        parse_file(&bytes.to_vec())?
    } else {
        return Err(type_error(
            "parse(source): source must be a string or a Uint8Array",
        ));
    };
    let findings = parsed.check();
    to_js(&json!({
        "report": parsed.report.to_json(),
        "findings": findings_json(&findings),
        "kind": parsed.kind.as_str(),
    }))
}

/// A file's bytes, told by their content (`parse_bytes`): the Node build and
/// the browser's files module (features `docx`, `pdf`), which also decode
/// every encoding of text.
#[cfg(all(feature = "parse", any(feature = "docx", feature = "pdf")))]
fn parse_file(bytes: &[u8]) -> Result<ogi_report::Parsed, JsValue> {
    ogi_report::parse_bytes(bytes, ogi_report::Kind::Auto)
        .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// The browser modules read strings only: decoding bytes would link every
/// text encoding's tables (GB18030, Big5: about 140 KB gzipped).
#[cfg(all(feature = "parse", not(any(feature = "docx", feature = "pdf"))))]
fn parse_file(_bytes: &[u8]) -> Result<ogi_report::Parsed, JsValue> {
    Err(type_error(
        "parse(source): this build reads strings only (files given as bytes are read by the Node package)",
    ))
}

/// An empty report of a format (`"2021"` or `"2019"`; the numbers 2021 and
/// 2019 work too): every table present, every cell blank (`null`).
///
/// Throws a `TypeError` for any other argument.
#[wasm_bindgen(js_name = emptyReport, unchecked_return_type = "Report")]
pub fn empty_report(
    #[wasm_bindgen(unchecked_param_type = "\"2021\" | \"2019\" | 2021 | 2019")] format: JsValue,
) -> Result<JsValue, JsValue> {
    hook_panics();
    // (No float formatting here: it would link a few KB of code for nothing.)
    let name = match (format.as_string(), format.as_f64()) {
        (Some(s), _) => s,
        (None, Some(2021.0)) => "2021".to_string(),
        (None, Some(2019.0)) => "2019".to_string(),
        _ => String::new(),
    };
    let Some(f) = Format::parse(name.trim()) else {
        return Err(type_error(
            "emptyReport(format): format must be \"2021\" or \"2019\"",
        ));
    };
    to_js(&Report::empty(f).to_json())
}

/// Reads what a user typed into the cell at `path` (a canonical path such as
/// `"t3.new_received.total"`) the way the parser reads a printed table cell:
/// blank (`null`), a not-applicable mark kept as typed, a count (number) or an
/// amount (decimal string; full-width digits are read as digits), else
/// `{ invalid: text }`. Web forms use it so that a
/// typed cell means what the same text means in a scraped report.
///
/// Throws a `TypeError` when `path` names no cell of either format or `text` is
/// not a string.
#[wasm_bindgen(js_name = readCell, unchecked_return_type = "CellValue")]
pub fn read_cell(
    #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    hook_panics();
    let (Some(path), Some(text)) = (path.as_string(), text.as_string()) else {
        return Err(type_error(
            "readCell(path, text): path and text must be strings",
        ));
    };
    for format in [Format::F2021, Format::F2019] {
        let mut report = Report::empty(format);
        if let Some(mut cell) = report.get_mut(&path) {
            // The core reads typed text as it reads a printed cell.
            cell.set_text(&text);
            if let Some(cell) = report.get(&path) {
                return to_js(&cell.to_json());
            }
        }
    }
    Err(type_error(&format!(
        "readCell(path, text): {path:?} is not a cell of either format"
    )))
}

/// The JSON Schema (draft 2020-12) of the nested report form.
#[wasm_bindgen(unchecked_return_type = "Record<string, unknown>")]
pub fn schema() -> Result<JsValue, JsValue> {
    hook_panics();
    // The schema as text, not the code that generates it (smaller module).
    js_sys::JSON::parse(ogi_report::JSON_SCHEMA)
}

/// The rule catalogue: every finding code with its usual severity and what it
/// checks, in Chinese and English (for UIs).
#[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
pub fn rules() -> Result<JsValue, JsValue> {
    hook_panics();
    to_js(&serde_json::to_value(ogi_report::rules()).unwrap_or_else(|_| json!([])))
}
