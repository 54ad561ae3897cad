//! Python bindings of `ogi-report` (the module `ogi_report._native`).
//!
//! The binding is thin: it converts Python objects to and from the core's
//! types and maps the core's errors onto Python exceptions. Every rule lives
//! in the core crate. Batches run in parallel (rayon) with the GIL released.

mod classes;
mod convert;
mod summary;

/// Rust's allocations in the module (findings, their texts, parsed reports)
/// go to mimalloc: with the system allocator of a long-running Python
/// process, malloc and free were about a third of `validate`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use classes::{PyCheckResult, PyFinding, PyReport};
use convert::{
    core_error, from_value, internal_error, parse_error, text_of, wrong_type, Unreadable,
};
use ogi_report::parse::{Kind, SourceKind};
use ogi_report::{Code, Finding, Report, Source, TableId, Template};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;
use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{PoisonError, RwLock};

/// One input of `check`: report text, report bytes, or a typed report.
enum Input {
    Text(String),
    Bytes(Vec<u8>),
    Report(Box<Report>),
    /// A `str` that is not text (a lone surrogate): its error, raised by
    /// `check` and given as a finding by `check_many`.
    Unreadable(Unreadable),
}

/// Why checking one input failed.
enum Failure {
    /// The core's error (input that is not text: a NUL byte, undecodable
    /// bytes), with the byte offset of the fault when known.
    Core(ogi_report::Error, Option<usize>),
    /// A panic inside the core: a bug, caught so that it costs only this input.
    Panic(String),
}

impl Failure {
    /// The Python exception: `ParseError` with the place, or `OgiError` for a panic.
    fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Core(e, _) => core_error(py, e),
            Failure::Panic(m) => internal_error(py, &m),
        }
    }

    /// The byte offset of a `Parse` error's line and column in `bytes`.
    fn located(self, bytes: &[u8]) -> Failure {
        match self {
            Failure::Core(e, None) => {
                let at = match &e {
                    ogi_report::Error::Parse { line, column, .. } if *line > 0 => {
                        let start = if *line == 1 {
                            Some(0)
                        } else {
                            bytes
                                .iter()
                                .enumerate()
                                .filter(|(_, b)| **b == b'\n')
                                .nth(line - 2)
                                .map(|(i, _)| i + 1)
                        };
                        start.map(|s| (s + column.saturating_sub(1)).min(bytes.len()))
                    }
                    _ => None,
                };
                Failure::Core(e, at)
            }
            other => other,
        }
    }

    /// The one finding a failed source of `check_many` gives (`input.unsupported`,
    /// an error: nothing was read), with its place when known.
    fn finding(self) -> Finding {
        let (zh, en, source) = match self {
            Failure::Core(e, at) => {
                let line = match &e {
                    ogi_report::Error::Parse { line, .. } | ogi_report::Error::Json { line, .. } => *line,
                    ogi_report::Error::Schema(_) => 0,
                };
                let source = at.filter(|_| line > 0).map(|at| Source {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    start: u32::try_from(at).unwrap_or(u32::MAX),
                    end: u32::try_from(at + 1).unwrap_or(u32::MAX),
                    inferred: false,
                    ..Source::default()
                });
                (
                    format!("无法读取输入（{e}），未读取任何内容"),
                    format!("the input cannot be read ({e}): nothing was read"),
                    source,
                )
            }
            Failure::Panic(m) => (
                format!("读取输入时发生内部错误（ogi-report 的缺陷，请报告）：{m}；未读取任何内容"),
                format!("internal error while reading the input (a bug in ogi-report; please report it): {m}; nothing was read"),
                None,
            ),
        };
        let mut f = Finding::new(Code::InputUnsupported, "", zh, en);
        f.source = source;
        f
    }
}

/// Runs `f`, turning a panic into [`Failure::Panic`].
fn guard<T>(f: impl FnOnce() -> Result<T, ogi_report::Error>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r.map_err(|e| Failure::Core(e, None)),
        Err(payload) => Err(Failure::Panic(panic_message(payload.as_ref()))),
    }
}

/// Runs `f` (which may call into the core with the GIL held), turning a panic
/// into `OgiError` instead of pyo3's `PanicException`.
fn guard_py<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(internal_error(py, &panic_message(payload.as_ref()))),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// For the tests only (`_panic_on`): a text that makes checking any source
/// holding it panic, so that the suite can show a panic costs one input.
static PANIC_ON: RwLock<Option<Vec<u8>>> = RwLock::new(None);

fn test_panic(bytes: &[u8]) {
    let marker = PANIC_ON.read().unwrap_or_else(PoisonError::into_inner);
    if let Some(m) = marker.as_deref() {
        if !m.is_empty() && bytes.windows(m.len()).any(|w| w == m) {
            panic!("test panic: the source holds the marker set by _panic_on()");
        }
    }
}

/// Makes checking a source that holds `marker` panic (`None`: never). For
/// the tests of the panic guard; not part of the API.
#[pyfunction]
#[pyo3(signature = (marker))]
fn _panic_on(marker: Option<&str>) {
    *PANIC_ON.write().unwrap_or_else(PoisonError::into_inner) =
        marker.map(|m| m.as_bytes().to_vec());
}

/// What checking one input gives.
struct Checked {
    report: Report,
    findings: Vec<Finding>,
    kind: &'static str,
    encoding: Option<String>,
}

fn read_kind(kind: &str) -> PyResult<Kind> {
    Kind::parse(kind).ok_or_else(|| {
        PyValueError::new_err(format!(
            "kind must be \"auto\", \"text\", \"html\", \"pdf\" or \"docx\", not {kind:?}"
        ))
    })
}

fn read_input(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Input> {
    if let Ok(s) = obj.cast::<PyString>() {
        Ok(match text_of(s)? {
            Ok(text) => Input::Text(text.into_owned()),
            Err(e) => Input::Unreadable(e),
        })
    } else if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(Input::Bytes(b.as_bytes().to_vec()))
    } else if let Ok(b) = obj.cast::<PyByteArray>() {
        Ok(Input::Bytes(b.to_vec()))
    } else if let Ok(r) = obj.cast::<PyReport>() {
        Ok(Input::Report(Box::new(r.get().inner.clone())))
    } else {
        Err(wrong_type(obj, what))
    }
}

/// Parses text or bytes as the command does (`parse_bytes`: a `str` is its
/// UTF-8 bytes, so the core's checks of the input, such as NUL bytes for binary
/// input, apply alike) and runs every rule; panics are caught.
fn run_parse(bytes: &[u8], kind: Kind) -> Result<(ogi_report::Parsed, Vec<Finding>), Failure> {
    guard(|| {
        test_panic(bytes);
        let parsed = ogi_report::parse_bytes(bytes, kind)?;
        let findings = parsed.check();
        Ok((parsed, findings))
    })
    .map_err(|f| f.located(bytes))
}

fn run_check(input: Input, kind: Kind) -> Result<Checked, Failure> {
    let (bytes, is_bytes) = match &input {
        Input::Report(report) => {
            let findings = guard(|| Ok(ogi_report::validate(report)))?;
            let Input::Report(report) = input else {
                unreachable!()
            };
            return Ok(Checked {
                report: *report,
                findings,
                kind: "report",
                encoding: None,
            });
        }
        Input::Unreadable(e) => return Err(Failure::Core(e.error.clone(), Some(e.offset))),
        Input::Text(s) => (s.as_bytes(), false),
        Input::Bytes(b) => (b.as_slice(), true),
    };
    let (parsed, findings) = run_parse(bytes, kind)?;
    Ok(Checked {
        findings,
        kind: SourceKind::as_str(parsed.kind),
        encoding: is_bytes.then(|| parsed.encoding.to_string()),
        report: parsed.report,
    })
}

/// What `check_many` gives for a source that could not be read: a report
/// with no tables and the one finding that says why.
fn failed(f: Failure, kind: Kind) -> Checked {
    let mut report = Report::empty(ogi_report::Format::F2021);
    for t in TableId::ALL {
        report.tables.set_present(t, false);
    }
    Checked {
        report,
        findings: vec![f.finding()],
        kind: match kind {
            Kind::Html => "html",
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Auto | Kind::Text => "text",
        },
        encoding: None,
    }
}

fn to_result(py: Python<'_>, c: Checked) -> PyResult<PyCheckResult> {
    PyCheckResult::build(py, c.report, c.findings, c.kind, c.encoding)
}

fn findings_list(py: Python<'_>, findings: Vec<Finding>) -> PyResult<Bound<'_, PyList>> {
    let items = findings
        .into_iter()
        .map(|f| Py::new(py, PyFinding { inner: f }))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Parses a report from text or bytes (bytes are decoded: UTF-8, BOMs, GB18030).
#[pyfunction]
#[pyo3(signature = (source, *, kind = "auto"))]
fn parse(py: Python<'_>, source: &Bound<'_, PyAny>, kind: &str) -> PyResult<PyReport> {
    let kind = read_kind(kind)?;
    let input = match read_input(source, "parse() takes report text (str or bytes)")? {
        Input::Report(_) => {
            return Err(wrong_type(
                source,
                "parse() takes report text (str or bytes)",
            ))
        }
        other => other,
    };
    let report = py
        .detach(move || run_parse_report(input, kind))
        .map_err(|e| e.into_py_err(py))?;
    Ok(PyReport { inner: report })
}

fn run_parse_report(input: Input, kind: Kind) -> Result<Report, Failure> {
    let bytes = match &input {
        Input::Text(s) => s.as_bytes(),
        Input::Bytes(b) => b.as_slice(),
        Input::Unreadable(e) => return Err(Failure::Core(e.error.clone(), Some(e.offset))),
        Input::Report(_) => unreachable!("parse() rejects a Report"),
    };
    guard(|| {
        test_panic(bytes);
        Ok(ogi_report::parse_bytes(bytes, kind)?.report)
    })
    .map_err(|f| f.located(bytes))
}

/// Every finding about a report given as a `Report`, a dict (nested or flat
/// form) or JSON text. Data that does not fit the schema gives one
/// `schema.invalid` finding; malformed JSON text raises `ParseError`.
#[pyfunction]
fn validate<'py>(py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let findings = guard_py(py, || validate_findings(py, report))?;
    findings_list(py, findings)
}

fn validate_findings(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<Vec<Finding>> {
    Ok(if let Ok(r) = report.cast::<PyReport>() {
        ogi_report::validate(&r.get().inner)
    } else if report.is_instance_of::<PyDict>() {
        convert::with_report_from_data(report, |read| match read {
            Ok(r) => ogi_report::validate(r),
            Err(e) => vec![Finding::from(e)],
        })?
    } else if let Ok(s) = report.cast::<PyString>() {
        // JSON that does not parse raises; JSON that does is read once by the
        // core's text reader, which also names a key given twice (schema.invalid).
        json_findings(py, &convert::str_text(s)?)?
    } else if let Ok(b) = report.cast::<PyBytes>() {
        let text = std::str::from_utf8(b.as_bytes())
            .map_err(|e| parse_error(py, format!("JSON must be UTF-8: {e}"), 0, 0))?;
        json_findings(py, text)?
    } else {
        return Err(wrong_type(
            report,
            "validate() takes a Report, a dict or JSON text (str or bytes)",
        ));
    })
}

/// The findings of a report given as JSON text; text that is not JSON raises
/// `ParseError` with its line and column.
fn json_findings(py: Python<'_>, s: &str) -> PyResult<Vec<Finding>> {
    ogi_report::validate_json(s).map_err(|e| match e {
        ogi_report::Error::Json {
            line,
            column,
            message,
        } => parse_error(
            py,
            format!(
                "invalid JSON at line {line}, column {column}: {message} (to check a report's text, use check())"
            ),
            line,
            column,
        ),
        other => parse_error(py, other.to_string(), 0, 0),
    })
}

/// Parses a report (text or bytes) and returns it with every finding:
/// the parser's and every rule's. A `Report` is validated as it is.
#[pyfunction]
#[pyo3(signature = (source, *, kind = "auto"))]
fn check(py: Python<'_>, source: &Bound<'_, PyAny>, kind: &str) -> PyResult<PyCheckResult> {
    let kind = read_kind(kind)?;
    let input = read_input(
        source,
        "check() takes report text (str or bytes) or a Report",
    )?;
    let checked = py
        .detach(move || run_check(input, kind))
        .map_err(|e| e.into_py_err(py))?;
    to_result(py, checked)
}

/// `check` over many sources, in parallel with the GIL released. The results
/// are in the order of the sources. `threads` caps the worker threads
/// (default: one per core). `names` (one `str` per source, such as file
/// names) become the results' `name`.
#[pyfunction]
#[pyo3(signature = (sources, *, kind = "auto", threads = None, names = None))]
fn check_many<'py>(
    py: Python<'py>,
    sources: &Bound<'py, PyAny>,
    kind: &str,
    threads: Option<usize>,
    names: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let kind = read_kind(kind)?;
    if sources.is_instance_of::<PyString>() || sources.is_instance_of::<PyBytes>() {
        return Err(wrong_type(
            sources,
            "check_many() takes an iterable of sources (use check() for one)",
        ));
    }
    let iter = sources.try_iter().map_err(|_| {
        wrong_type(
            sources,
            "check_many() takes an iterable of report texts (str or bytes) or Reports",
        )
    })?;
    let mut inputs = Vec::new();
    for (i, s) in iter.enumerate() {
        inputs.push(read_input(
            &s?,
            &format!("check_many(): sources[{i}] must be report text (str or bytes) or a Report"),
        )?);
    }
    let names = match names {
        Some(n) => read_names(n, inputs.len())?,
        None => vec![None; inputs.len()],
    };
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?,
        ),
        None => None,
    };
    // A source that cannot be read (not text, or a bug that panics) gives
    // its one finding; the batch goes on.
    let results: Vec<Checked> = py.detach(move || {
        let work = move || {
            inputs
                .into_par_iter()
                .map(|input| run_check(input, kind).unwrap_or_else(|f| failed(f, kind)))
                .collect()
        };
        match pool {
            Some(p) => p.install(work),
            None => work(),
        }
    });
    let out = results
        .into_iter()
        .zip(names)
        .map(|(c, name)| {
            let mut r = to_result(py, c)?;
            r.name = name;
            Py::new(py, r)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, out)
}

/// The names given to `check_many`: one `str` per source.
pub(crate) fn read_names(names: &Bound<'_, PyAny>, n: usize) -> PyResult<Vec<Option<String>>> {
    if names.is_instance_of::<PyString>() {
        return Err(wrong_type(
            names,
            "names must be a list of str, one per source",
        ));
    }
    let mut out = Vec::with_capacity(n);
    for (i, x) in names
        .try_iter()
        .map_err(|_| wrong_type(names, "names must be a list of str, one per source"))?
        .enumerate()
    {
        let x = x?;
        let s = x
            .cast::<PyString>()
            .map_err(|_| wrong_type(&x, &format!("names[{i}] must be a str")))?;
        out.push(Some(convert::str_text(s)?.into_owned()));
    }
    if out.len() != n {
        return Err(PyValueError::new_err(format!(
            "names has {} items for {n} sources: give one name per source",
            out.len()
        )));
    }
    Ok(out)
}

/// The report held by a `Report`, a `CheckResult`, a dict or JSON text.
fn report_of(obj: &Bound<'_, PyAny>, i: usize) -> PyResult<Report> {
    if let Ok(r) = obj.cast::<PyReport>() {
        Ok(r.get().inner.clone())
    } else if let Ok(c) = obj.cast::<PyCheckResult>() {
        Ok(c.get().report.bind(obj.py()).get().inner.clone())
    } else if obj.is_instance_of::<PyDict>() {
        classes::report_from_dict(obj)
    } else if let Ok(s) = obj.cast::<PyString>() {
        classes::report_from_json_str(obj.py(), &convert::str_text(s)?)
    } else {
        Err(wrong_type(
            obj,
            &format!("reports[{i}] must be a Report, a CheckResult, a dict or JSON text"),
        ))
    }
}

/// The cross-year rules over several reports: grouped by agency, ordered by year.
#[pyfunction]
fn validate_series<'py>(
    py: Python<'py>,
    reports: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let iter = reports
        .try_iter()
        .map_err(|_| wrong_type(reports, "validate_series() takes an iterable of reports"))?;
    let mut rs = Vec::new();
    for (i, r) in iter.enumerate() {
        rs.push(guard_py(py, || report_of(&r?, i))?);
    }
    let findings = py
        .detach(move || guard(|| Ok(ogi_report::validate_series(&rs))))
        .map_err(|e| e.into_py_err(py))?;
    findings_list(py, findings)
}

/// The rule catalogue: one dict per finding code (`code`, `severity`,
/// `family`, `description`, `description_en`).
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let v = serde_json::to_value(ogi_report::rules())
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    from_value(py, &v)
}

/// The JSON Schema of the nested form.
#[pyfunction]
fn json_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    from_value(py, &Report::json_schema())
}

/// The columns of the findings table (for `to_dataframe`): one entry per
/// finding of every `CheckResult` (or bare `Finding`) in `results`.
#[pyfunction]
fn _findings_columns<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut report: Vec<Option<usize>> = Vec::new();
    let mut agency: Vec<Option<String>> = Vec::new();
    let mut year: Vec<Option<i32>> = Vec::new();
    let mut all: Vec<Finding> = Vec::new();
    for (i, item) in results.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(c) = item.cast::<PyCheckResult>() {
            let c = c.get();
            let r = &c.report.bind(py).get().inner;
            for f in &c.findings {
                report.push(Some(i));
                agency.push(f.agency.clone().or_else(|| r.meta.agency.clone()));
                year.push(f.year.or(r.meta.year));
                all.push(f.clone());
            }
        } else if let Ok(f) = item.cast::<PyFinding>() {
            let f = &f.get().inner;
            report.push(None);
            agency.push(f.agency.clone());
            year.push(f.year);
            all.push(f.clone());
        } else {
            return Err(wrong_type(
                &item,
                &format!("results[{i}] must be a CheckResult or a Finding"),
            ));
        }
    }
    let d = PyDict::new(py);
    d.set_item("report", report)?;
    d.set_item("agency", agency)?;
    d.set_item("year", year)?;
    d.set_item(
        "code",
        all.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "severity",
        all.iter().map(|f| f.severity.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "path",
        all.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "expected",
        all.iter().map(|f| f.expected).collect::<Vec<_>>(),
    )?;
    d.set_item("actual", all.iter().map(|f| f.actual).collect::<Vec<_>>())?;
    d.set_item(
        "source_line",
        all.iter()
            .map(|f| f.source.map(|s| s.line))
            .collect::<Vec<_>>(),
    )?;
    // Where in a PDF (page) or a DOCX (table, row, cell) the finding's value is.
    let place = |get: fn(&ogi_report::Source) -> Option<u32>| {
        all.iter()
            .map(|f| f.source.as_ref().and_then(get))
            .collect::<Vec<_>>()
    };
    d.set_item("source_page", place(|s| s.page))?;
    d.set_item("source_table", place(|s| s.table))?;
    d.set_item("source_row", place(|s| s.row))?;
    d.set_item("source_cell", place(|s| s.cell))?;
    d.set_item(
        "related",
        all.iter().map(|f| f.related.join(" ")).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "message",
        all.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(),
    )?;
    d.set_item(
        "message_en",
        all.iter()
            .map(|f| f.message_en.as_str())
            .collect::<Vec<_>>(),
    )?;
    Ok(d)
}

/// Every canonical path of both formats: the 2021 template's, then the 2019 ones it lacks.
fn all_paths() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in [ogi_report::Format::F2021, ogi_report::Format::F2019] {
        for p in &Template::get(f).paths {
            if seen.insert(p.as_str()) {
                out.push(p.as_str());
            }
        }
    }
    out
}

/// The columns of the cells table (for `cells_dataframe`): one entry per
/// report, one column per canonical path, values in the flat form.
#[pyfunction]
fn _cells_columns<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
) -> PyResult<(Vec<&'static str>, Bound<'py, PyDict>)> {
    let paths = all_paths();
    let index: std::collections::HashMap<&str, usize> =
        paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let mut format = Vec::new();
    let mut year = Vec::new();
    let mut agency = Vec::new();
    let mut cols: Vec<Vec<Value>> = vec![Vec::new(); paths.len()];
    for (i, item) in results.try_iter()?.enumerate() {
        let item = item?;
        let holder;
        let r: &Report = if let Ok(c) = item.cast::<PyCheckResult>() {
            holder = c.get().report.clone_ref(py);
            &holder.get().inner
        } else if let Ok(r) = item.cast::<PyReport>() {
            &r.get().inner
        } else {
            return Err(wrong_type(
                &item,
                &format!("results[{i}] must be a CheckResult or a Report"),
            ));
        };
        format.push(r.format_key());
        year.push(r.meta.year);
        agency.push(r.meta.agency.clone());
        for c in cols.iter_mut() {
            c.push(Value::Null);
        }
        for (p, cell) in r.cells() {
            if let Some(&j) = index.get(p.as_str()) {
                if let Some(last) = cols[j].last_mut() {
                    *last = cell.to_flat_json();
                }
            }
        }
    }
    let d = PyDict::new(py);
    d.set_item("format", format)?;
    d.set_item("year", year)?;
    d.set_item("agency", agency)?;
    for (p, col) in paths.iter().zip(&cols) {
        let items = col
            .iter()
            .map(|v| from_value(py, v))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item(*p, PyList::new(py, items)?)?;
    }
    let mut names = vec!["format", "year", "agency"];
    names.extend(paths);
    Ok((names, d))
}

/// The state of a cell, read from its flat JSON: `"value"`, `"blank"`,
/// `"mark"`, or the key of a cell object (`"ambiguous"`, `"invalid"`, and any
/// state the core adds, such as `"unread"` and `"absent"`).
fn state_of(v: &Value) -> Cow<'static, str> {
    const KNOWN: [&str; 4] = ["ambiguous", "invalid", "unread", "absent"];
    match v {
        Value::Null => Cow::Borrowed("blank"),
        Value::String(s) if s == ogi_report::cell::NA => Cow::Borrowed("mark"),
        Value::Number(_) | Value::String(_) => Cow::Borrowed("value"),
        Value::Object(m) => match m.keys().next() {
            Some(k) => match KNOWN.iter().find(|x| **x == k.as_str()) {
                Some(x) => Cow::Borrowed(*x),
                None => Cow::Owned(k.clone()),
            },
            None => Cow::Borrowed("invalid"),
        },
        _ => Cow::Borrowed("invalid"),
    }
}

/// The report and the name of one item of `results` (a `CheckResult` or a `Report`).
fn report_and_name(item: &Bound<'_, PyAny>, i: usize) -> PyResult<(Py<PyReport>, Option<String>)> {
    let py = item.py();
    if let Ok(c) = item.cast::<PyCheckResult>() {
        let c = c.get();
        Ok((c.report.clone_ref(py), c.name.clone()))
    } else if let Ok(r) = item.cast::<PyReport>() {
        Ok((r.clone().unbind(), None))
    } else {
        Err(wrong_type(
            item,
            &format!("results[{i}] must be a CheckResult or a Report"),
        ))
    }
}

/// The typed columns of the cells tables (for `cells_dataframe`, `cells_arrow`
/// and, with `states`, `cell_states_dataframe`): one entry per report. Returns
/// the canonical paths, their kinds (`"count"` or `"money"`) and the columns:
/// `name` (the results' names), `format`, `year`, `agency`, then per path the
/// count (`int` or `None`), the money (an exact decimal `str` or `None`) —
/// present only when the cell holds one value — or, with `states`, the
/// cell's state (`None` when the report has no such cell).
#[pyfunction]
#[pyo3(signature = (results, states = false))]
fn _typed_cells<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
    states: bool,
) -> PyResult<(Vec<&'static str>, Vec<&'static str>, Bound<'py, PyDict>)> {
    let paths = all_paths();
    let mut kinds = Vec::with_capacity(paths.len());
    for p in &paths {
        let kind = [ogi_report::Format::F2021, ogi_report::Format::F2019]
            .into_iter()
            .find_map(|f| Template::get(f).kind(p));
        kinds.push(match kind {
            Some(ogi_report::ValueKind::Money) => "money",
            _ => "count",
        });
    }
    let index: std::collections::HashMap<&str, usize> =
        paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let items: Vec<Bound<'py, PyAny>> = results.try_iter()?.collect::<PyResult<_>>()?;
    let n = items.len();
    let (mut name, mut format, mut year, mut agency) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let mut counts: Vec<Vec<Option<i64>>> = Vec::new();
    let mut money: Vec<Vec<Option<String>>> = Vec::new();
    let mut state: Vec<Vec<Option<Cow<'static, str>>>> = Vec::new();
    if states {
        state = vec![vec![None; n]; paths.len()];
    } else {
        for k in &kinds {
            counts.push(if *k == "count" {
                vec![None; n]
            } else {
                Vec::new()
            });
            money.push(if *k == "money" {
                vec![None; n]
            } else {
                Vec::new()
            });
        }
    }
    for (i, item) in items.iter().enumerate() {
        let (holder, nm) = report_and_name(item, i)?;
        let r = &holder.get().inner;
        name.push(nm);
        format.push(r.format_key());
        year.push(r.meta.year);
        agency.push(r.meta.agency.clone());
        for (p, cell) in r.cells() {
            let Some(&j) = index.get(p.as_str()) else {
                continue;
            };
            let v = cell.to_flat_json();
            if states {
                state[j][i] = Some(state_of(&v));
            } else if state_of(&v) == "value" {
                match &v {
                    Value::Number(x) if kinds[j] == "count" => counts[j][i] = x.as_i64(),
                    Value::String(x) if kinds[j] == "money" => money[j][i] = Some(x.clone()),
                    Value::Number(x) if kinds[j] == "money" => money[j][i] = Some(x.to_string()),
                    _ => {}
                }
            }
        }
    }
    let d = PyDict::new(py);
    d.set_item("name", name)?;
    d.set_item("format", format)?;
    d.set_item("year", year)?;
    d.set_item("agency", agency)?;
    for (j, p) in paths.iter().enumerate() {
        if states {
            d.set_item(*p, std::mem::take(&mut state[j]))?;
        } else if kinds[j] == "count" {
            d.set_item(*p, std::mem::take(&mut counts[j]))?;
        } else {
            d.set_item(*p, std::mem::take(&mut money[j]))?;
        }
    }
    Ok((paths, kinds, d))
}

/// The cells that hold no settled reading (ambiguous, invalid, and any
/// state the core adds such as unread or absent), one entry each: the
/// report's position, the path, the state and its detail as in JSON (the
/// candidates of an ambiguous cell, the text of an invalid one, a reason).
#[pyfunction]
fn _unsettled_cells<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyDict>> {
    let (mut report, mut path, mut state, mut detail) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, item) in results.try_iter()?.enumerate() {
        let item = item?;
        let (holder, _) = report_and_name(&item, i)?;
        let r = &holder.get().inner;
        for (p, cell) in r.cells() {
            let v = cell.to_flat_json();
            if let Value::Object(m) = &v {
                if let Some((k, x)) = m.iter().next() {
                    report.push(i);
                    path.push(p);
                    state.push(k.clone());
                    detail.push(from_value(py, x)?);
                }
            }
        }
    }
    let d = PyDict::new(py);
    d.set_item("report", report)?;
    d.set_item("path", path)?;
    d.set_item("state", state)?;
    d.set_item("detail", PyList::new(py, detail)?)?;
    Ok(d)
}

/// The kind of agency a name designates, as recognised by the core
/// (`"county_government"`, `"department"`, `"township"`, `"subdistrict"`,
/// `"zone"`, …, or `"unknown"`): the same function the rules use.
#[pyfunction]
fn agency_kind(name: &str) -> &'static str {
    ogi_report::agency_kind(name).as_str()
}

/// The printed label of what a path names, for people: a cell
/// (`表三“（三）不予公开 4.保护第三方合法权益”行“自然人”列`), a row, a table
/// or a section, in `lang` (`"zh"` as printed on the form, or `"en"`);
/// `None` for a path that names nothing of the form. The messages use the same words.
#[pyfunction]
#[pyo3(signature = (path, lang = "zh"))]
fn label(path: &str, lang: &str) -> PyResult<Option<String>> {
    label_lang("label(path, lang)", lang)?;
    Ok(ogi_report::label(path, lang))
}

/// `lang` is `"zh"` or `"en"`, else a `ValueError` naming the call.
fn label_lang(call: &str, lang: &str) -> PyResult<()> {
    if matches!(lang, "zh" | "en") {
        Ok(())
    } else {
        Err(PyValueError::new_err(format!(
            "{call}: lang must be \"zh\" or \"en\", not {lang:?}"
        )))
    }
}

/// The printed label of a row of a table (`row_label("t3",
/// "outcome.withheld.third_party")` is `（三）不予公开 4.保护第三方合法权益`; table
/// 4's rows are its groups), or `None`.
#[pyfunction]
#[pyo3(signature = (table, row, lang = "zh"))]
fn row_label(table: &str, row: &str, lang: &str) -> PyResult<Option<&'static str>> {
    label_lang("row_label(table, row, lang)", lang)?;
    Ok(ogi_report::labels::row_label(table, row, lang))
}

/// The printed label of a column of a table (`column_label("t3",
/// "natural_person")` is `自然人`), or `None`.
#[pyfunction]
#[pyo3(signature = (table, column, lang = "zh"))]
fn column_label(table: &str, column: &str, lang: &str) -> PyResult<Option<&'static str>> {
    label_lang("column_label(table, column, lang)", lang)?;
    Ok(ogi_report::labels::column_label(table, column, lang))
}

/// The printed label of a table 4 group (`group_label("review")` is `行政复议`),
/// or `None`.
#[pyfunction]
#[pyo3(signature = (group, lang = "zh"))]
fn group_label(group: &str, lang: &str) -> PyResult<Option<&'static str>> {
    label_lang("group_label(group, lang)", lang)?;
    Ok(ogi_report::labels::group_label(group, lang))
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReport>()?;
    m.add_class::<PyFinding>()?;
    m.add_class::<PyCheckResult>()?;
    m.add_class::<summary::PySummary>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_many, m)?)?;
    m.add_function(wrap_pyfunction!(validate_series, m)?)?;
    m.add_function(wrap_pyfunction!(agency_kind, m)?)?;
    m.add_function(wrap_pyfunction!(label, m)?)?;
    m.add_function(wrap_pyfunction!(row_label, m)?)?;
    m.add_function(wrap_pyfunction!(column_label, m)?)?;
    m.add_function(wrap_pyfunction!(group_label, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(json_schema, m)?)?;
    m.add_function(wrap_pyfunction!(_findings_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_cells_columns, m)?)?;
    m.add_function(wrap_pyfunction!(_typed_cells, m)?)?;
    m.add_function(wrap_pyfunction!(_unsettled_cells, m)?)?;
    m.add_function(wrap_pyfunction!(classes::_report_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(classes::_finding_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_on, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
