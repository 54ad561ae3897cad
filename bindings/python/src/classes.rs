//! The immutable Python classes: `Report`, `Finding` and `CheckResult`.

use crate::convert::{core_error, from_value, schema_error, wrong_type};
use pyo3::exceptions::PyKeyError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

/// One annual report, typed. Immutable.
#[pyclass(frozen, module = "ogi_report", name = "Report")]
pub struct PyReport {
    /// The core report.
    pub inner: ogi_report::Report,
}

/// Reads a report from JSON text (nested or flat form).
pub fn report_from_json_str(py: Python<'_>, s: &str) -> PyResult<ogi_report::Report> {
    ogi_report::Report::from_json_str(s).map_err(|e| core_error(py, e))
}

/// Reads a report from a Python dict (nested or flat form).
pub fn report_from_dict(d: &Bound<'_, PyAny>) -> PyResult<ogi_report::Report> {
    if !d.is_instance_of::<PyDict>() {
        return Err(wrong_type(d, "expected a dict (the nested or flat form)"));
    }
    crate::convert::report_from_data(d)?.map_err(|e| schema_error(d.py(), &e))
}

#[pymethods]
impl PyReport {
    /// The table format: `"2019"` or `"2021"`, or `None` when the input does
    /// not show it (no table, no word of either format).
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.inner.format_key()
    }

    /// The report year, when known.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.inner.meta.year
    }

    /// The reporting agency as written, when known.
    #[getter]
    fn agency(&self) -> Option<String> {
        self.inner.meta.agency.clone()
    }

    /// Which tables are present: `{"t2": True, "t3": True, "t4": False}`.
    #[getter]
    fn tables_present<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in self.inner.tables_present() {
            d.set_item(k, v)?;
        }
        Ok(d)
    }

    /// The cell at a canonical path, in the nested form: an int, a money
    /// string, `None` (blank, a cell of an absent table, or of a row the report
    /// does not print: `t3.outcome.other_total.*`, the (六)其他处理 group
    /// total, only a 2021 table printing that group as one row has), the mark as printed
    /// (`"/"`), `{"ambiguous": [...]}`, `{"invalid": "..."}`, `{"unread": reason}`
    /// (the input does not give the cell) or `{"absent": reason}` (the report's
    /// table has no such row). A path that the
    /// report's format does not have raises `KeyError`.
    fn cell<'py>(&self, py: Python<'py>, path: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.get(path) {
            Some(c) => from_value(py, &c.to_json()),
            None => {
                let tpl = ogi_report::Template::get(self.inner.format());
                if tpl.kind(path).is_some() {
                    Ok(py.None().into_bound(py))
                } else {
                    Err(PyKeyError::new_err(format!(
                        "{path:?} is not a cell of the {} format",
                        self.inner.format()
                    )))
                }
            }
        }
    }

    /// The nested form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.inner.to_json())
    }

    /// The flat form as a dict: `{"format", "year", "agency", ...,
    /// "tables_present": {...}, "cells": {path: value}}`.
    fn to_flat<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        from_value(py, &self.inner.to_flat())
    }

    /// The nested form as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json().to_string()
    }

    /// Reads a report from a dict in the nested or the flat form.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        Ok(PyReport {
            inner: report_from_dict(d)?,
        })
    }

    /// Reads a report from JSON text (str or bytes) in the nested or the flat form.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, s: &Bound<'_, PyAny>) -> PyResult<PyReport> {
        let py = s.py();
        let inner = if let Ok(s) = s.cast::<PyString>() {
            report_from_json_str(py, &crate::convert::str_text(s)?)?
        } else if let Ok(b) = s.cast::<pyo3::types::PyBytes>() {
            let text = std::str::from_utf8(b.as_bytes()).map_err(|e| {
                crate::convert::parse_error(py, format!("JSON must be UTF-8: {e}"), 0, 0)
            })?;
            report_from_json_str(py, text)?
        } else {
            return Err(wrong_type(s, "expected JSON text (str or bytes)"));
        };
        Ok(PyReport { inner })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let ctor = py
            .import("ogi_report._native")?
            .getattr("_report_from_json")?;
        (ctor, (self.to_json(),)).into_pyobject(py)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyReport>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(format={}, year={}, agency={})",
            self.inner
                .format_key()
                .map_or("None".to_string(), |f| format!("{f:?}")),
            self.inner
                .meta
                .year
                .map_or("None".to_string(), |y| y.to_string()),
            self.inner
                .meta
                .agency
                .as_ref()
                .map_or("None".to_string(), |a| format!("{a:?}")),
        )
    }
}

/// One problem (or note) about a report. Immutable.
#[pyclass(frozen, module = "ogi_report", name = "Finding")]
pub struct PyFinding {
    /// The core finding.
    pub inner: ogi_report::Finding,
}

impl PyFinding {
    /// The finding as a dict with every key (absent values are `None`).
    pub fn dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let f = &self.inner;
        let d = PyDict::new(py);
        d.set_item("code", f.code.as_str())?;
        d.set_item("severity", f.severity.as_str())?;
        d.set_item("path", &f.path)?;
        d.set_item("related", PyList::new(py, &f.related)?)?;
        d.set_item("expected", f.expected)?;
        d.set_item("actual", f.actual)?;
        d.set_item("message", &f.message)?;
        d.set_item("message_en", &f.message_en)?;
        d.set_item("source_line", f.source.map(|s| s.line))?;
        d.set_item("source", source_dict(py, f.source.as_ref())?)?;
        d.set_item("year", f.year)?;
        d.set_item("agency", f.agency.as_deref())?;
        Ok(d)
    }
}

/// A source as a dict: `line`, `start`, `end`, `inferred`, and where the
/// value was read from a PDF `page` and `bbox` (a tuple `(x0, y0, x1, y1)` in
/// points, origin at the page's bottom left), from a DOCX `table`, `row` and
/// `cell` (0-based); `None` for no source.
pub fn source_dict<'py>(
    py: Python<'py>,
    src: Option<&ogi_report::Source>,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(s) = src else {
        return Ok(py.None().into_bound(py));
    };
    let sd = PyDict::new(py);
    sd.set_item("line", s.line)?;
    sd.set_item("start", s.start)?;
    sd.set_item("end", s.end)?;
    sd.set_item("inferred", s.inferred)?;
    if let Some(p) = s.page {
        sd.set_item("page", p)?;
    }
    if let Some(b) = s.bbox {
        sd.set_item("bbox", PyTuple::new(py, b.map(f64::from))?)?;
    }
    for (k, v) in [("table", s.table), ("row", s.row), ("cell", s.cell)] {
        if let Some(v) = v {
            sd.set_item(k, v)?;
        }
    }
    Ok(sd.into_any())
}

#[pymethods]
impl PyFinding {
    /// The stable code, e.g. `"t3.balance"` (see RULES.md).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }
    /// `"error"`, `"warning"` or `"info"`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }
    /// The canonical path the finding points at.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }
    /// The other cells involved (the terms of an equation).
    #[getter]
    fn related(&self) -> Vec<String> {
        self.inner.related.clone()
    }
    /// The value the rule expects, where there is a number.
    #[getter]
    fn expected(&self) -> Option<i64> {
        self.inner.expected
    }
    /// The value found, where there is a number.
    #[getter]
    fn actual(&self) -> Option<i64> {
        self.inner.actual
    }
    /// The message in Chinese.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }
    /// The message in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }
    /// The 1-based line of the source text the value came from, when known.
    #[getter]
    fn source_line(&self) -> Option<u32> {
        self.inner.source.map(|s| s.line)
    }
    /// Where the value came from: `{"line", "start", "end", "inferred"}`, with
    /// `page` and `bbox` for a PDF and `table`, `row` and `cell` for a DOCX;
    /// `None` when not known.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        source_dict(py, self.inner.source.as_ref())
    }
    /// The report year, for findings across years.
    #[getter]
    fn year(&self) -> Option<i32> {
        self.inner.year
    }
    /// The agency, for findings across years.
    #[getter]
    fn agency(&self) -> Option<String> {
        self.inner.agency.clone()
    }
    /// Every field as a dict (`source` as the `source` property gives it, or `None`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.dict(py)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let ctor = py
            .import("ogi_report._native")?
            .getattr("_finding_from_json")?;
        let json = serde_json::to_string(&self.inner)
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        (ctor, (json,)).into_pyobject(py)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyFinding>()
            .is_ok_and(|o| self.inner == o.get().inner)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let f = &self.inner;
        (
            f.code, &f.path, &f.related, f.expected, f.actual, &f.message,
        )
            .hash(&mut h);
        (
            f.year,
            &f.agency,
            f.source.map(|s| (s.line, s.start, s.end)),
        )
            .hash(&mut h);
        h.finish()
    }

    fn __repr__(&self) -> String {
        let f = &self.inner;
        let mut s = format!(
            "Finding(code={:?}, severity={:?}, path={:?}",
            f.code.as_str(),
            f.severity.as_str(),
            f.path
        );
        if let (Some(e), Some(a)) = (f.expected, f.actual) {
            s.push_str(&format!(", expected={e}, actual={a}"));
        }
        s.push(')');
        s
    }

    fn __str__(&self) -> String {
        format!(
            "[{}] {} {}: {}",
            self.inner.severity, self.inner.code, self.inner.path, self.inner.message_en
        )
    }
}

/// A report and every finding about it. Immutable.
#[pyclass(frozen, module = "ogi_report", name = "CheckResult")]
pub struct PyCheckResult {
    /// The report.
    pub report: Py<PyReport>,
    /// The findings (parse findings first, then every rule's).
    pub findings: Vec<ogi_report::Finding>,
    /// Their Python objects, made on first access (a batch of ten thousand
    /// results then costs no Python objects for findings nobody reads).
    objects: PyOnceLock<Vec<Py<PyFinding>>>,
    /// `"text"`, `"html"` or `"report"` (checked from a `Report`).
    pub kind: &'static str,
    /// The encoding the source was decoded with, when it was bytes or text.
    pub encoding: Option<String>,
    /// The name the caller gave the source (a file name), when given.
    pub name: Option<String>,
}

impl PyCheckResult {
    /// Builds a result from the core's parts.
    pub fn build(
        py: Python<'_>,
        report: ogi_report::Report,
        findings: Vec<ogi_report::Finding>,
        kind: &'static str,
        encoding: Option<String>,
    ) -> PyResult<PyCheckResult> {
        Ok(PyCheckResult {
            report: Py::new(py, PyReport { inner: report })?,
            findings,
            objects: PyOnceLock::new(),
            kind,
            encoding,
            name: None,
        })
    }

    /// The findings as Python objects (made once).
    fn objects(&self, py: Python<'_>) -> PyResult<&Vec<Py<PyFinding>>> {
        self.objects.get_or_try_init(py, || {
            self.findings
                .iter()
                .map(|f| Py::new(py, PyFinding { inner: f.clone() }))
                .collect()
        })
    }
}

fn known_kind(kind: &str) -> Option<&'static str> {
    ["text", "html", "pdf", "docx", "report"]
        .into_iter()
        .find(|k| *k == kind)
}

#[pymethods]
impl PyCheckResult {
    /// A result from its parts (for results made outside `check`; also used by pickle).
    #[new]
    #[pyo3(signature = (report, findings, kind = "report", encoding = None, name = None))]
    fn new(
        report: Bound<'_, PyReport>,
        findings: &Bound<'_, PyAny>,
        kind: &str,
        encoding: Option<&str>,
        name: Option<String>,
    ) -> PyResult<PyCheckResult> {
        let mut fs = Vec::new();
        for f in findings.try_iter()? {
            let f = f?;
            match f.cast_into::<PyFinding>() {
                Ok(f) => fs.push(f.get().inner.clone()),
                Err(e) => {
                    return Err(wrong_type(
                        &e.into_inner(),
                        "findings must be Finding objects",
                    ))
                }
            }
        }
        let kind = known_kind(kind).ok_or_else(|| {
            pyo3::exceptions::PyValueError::new_err(format!(
                "kind must be \"text\", \"html\", \"pdf\", \"docx\" or \"report\", not {kind:?}"
            ))
        })?;
        Ok(PyCheckResult {
            report: report.unbind(),
            findings: fs,
            objects: PyOnceLock::new(),
            kind,
            encoding: encoding.map(str::to_string),
            name,
        })
    }

    /// The report.
    #[getter]
    fn report(&self, py: Python<'_>) -> Py<PyReport> {
        self.report.clone_ref(py)
    }

    /// Every finding: the parser's first, then every rule's (a new list each time).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.objects(py)?.iter().map(|f| f.clone_ref(py)))
    }

    /// `"text"` or `"html"` (what the source was read as), `"report"` when checked from a `Report`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind
    }

    /// The encoding the source was decoded with (`"UTF-8"`, `"GB18030"`...), or `None`.
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.encoding.as_deref()
    }

    /// The name given to the source (`check_many(..., names=...)`), or `None`.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.get_type::<PyCheckResult>();
        let findings = self.findings(py)?;
        (
            cls,
            (
                self.report.clone_ref(py),
                findings,
                self.kind,
                self.encoding.clone(),
                self.name.clone(),
            ),
        )
            .into_pyobject(py)
    }

    /// Equal when the reports, the findings, the kinds, the encodings and the names are.
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCheckResult>().is_ok_and(|o| {
            let o = o.get();
            self.kind == o.kind
                && self.encoding == o.encoding
                && self.name == o.name
                && self.findings == o.findings
                && self.report.bind(py).get().inner == o.report.bind(py).get().inner
        })
    }

    fn __len__(&self) -> usize {
        self.findings.len()
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let count =
            |s: ogi_report::Severity| self.findings.iter().filter(|f| f.severity == s).count();
        format!(
            "CheckResult({}, errors={}, warnings={}, infos={})",
            self.report.bind(py).get().__repr__(),
            count(ogi_report::Severity::Error),
            count(ogi_report::Severity::Warning),
            count(ogi_report::Severity::Info)
        )
    }
}

/// Used by pickle.
#[pyfunction]
pub fn _report_from_json(py: Python<'_>, s: &str) -> PyResult<PyReport> {
    Ok(PyReport {
        inner: report_from_json_str(py, s)?,
    })
}

/// Used by pickle.
#[pyfunction]
pub fn _finding_from_json(py: Python<'_>, s: &str) -> PyResult<PyFinding> {
    let inner: ogi_report::Finding = serde_json::from_str(s).map_err(|e| {
        crate::convert::parse_error(py, format!("not a finding: {e}"), e.line(), e.column())
    })?;
    Ok(PyFinding { inner })
}
