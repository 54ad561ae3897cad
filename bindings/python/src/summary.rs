//! `Summary`: the core's crawl summary (`ogi_report::summary`) for Python.
//! The binding only feeds it results and converts its counts.

use crate::classes::{PyCheckResult, PyFinding, PyReport};
use crate::convert::wrong_type;
use ogi_report::summary::{Item, Summary};
use ogi_report::{Code, Finding, Report};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use std::path::PathBuf;

/// What one result gives the summary.
enum Fed {
    Report(String, Box<Report>, Vec<Finding>),
    Unreadable(String, String),
}

/// A crawl summary, fed results as they come (`add`); counts, chain breaks,
/// the reports with the most errors, and a self-contained HTML page.
#[pyclass(module = "ogi_report", name = "Summary")]
pub struct PySummary {
    inner: Summary,
    /// Results added so far (names the unnamed ones `#0`, `#1`, …).
    seen: usize,
}

fn rate(py: Python<'_>, r: &ogi_report::summary::Rate) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    d.set_item("reports", r.reports)?;
    d.set_item("with_errors", r.with_errors)?;
    d.set_item("error_rate", r.error_rate())?;
    Ok(d.unbind())
}

fn findings(py: Python<'_>, fs: impl Iterator<Item = Finding>) -> PyResult<Bound<'_, PyList>> {
    let items = fs
        .map(|f| Py::new(py, PyFinding { inner: f }))
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

#[pymethods]
impl PySummary {
    /// An empty summary keeping the `top` reports with the most errors.
    #[new]
    #[pyo3(signature = (top = 20))]
    fn new(top: usize) -> PySummary {
        PySummary {
            inner: Summary::new(top),
            seen: 0,
        }
    }

    /// Adds results (`CheckResult` or `Report` objects; a `Report` is
    /// validated). `names` (one `str` per result) name them on the page;
    /// otherwise a result's own `name`, else `#i`. A result whose source could
    /// not be read (an `input.unsupported` finding) counts as unreadable.
    #[pyo3(signature = (results, names = None))]
    fn add(
        &mut self,
        py: Python<'_>,
        results: &Bound<'_, PyAny>,
        names: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let items: Vec<Bound<'_, PyAny>> =
            if results.cast::<PyCheckResult>().is_ok() || results.cast::<PyReport>().is_ok() {
                vec![results.clone()]
            } else {
                results
                    .try_iter()
                    .map_err(|_| {
                        wrong_type(
                            results,
                            "add() takes CheckResult or Report objects (a list, or any iterable)",
                        )
                    })?
                    .collect::<PyResult<_>>()?
            };
        let names = match names {
            Some(n) => crate::read_names(n, items.len())?,
            None => vec![None; items.len()],
        };
        let mut fed = Vec::with_capacity(items.len());
        for (i, (item, given)) in items.iter().zip(names).enumerate() {
            let default = |own: Option<&String>| {
                given
                    .clone()
                    .or_else(|| own.cloned())
                    .unwrap_or_else(|| format!("#{}", self.seen + i))
            };
            if let Ok(c) = item.cast::<PyCheckResult>() {
                let c = c.get();
                let name = default(c.name.as_ref());
                if let Some(f) = c.findings.iter().find(|f| f.code == Code::InputUnsupported) {
                    fed.push(Fed::Unreadable(name, f.message_en.clone()));
                } else {
                    let r = Box::new(c.report.bind(py).get().inner.clone());
                    fed.push(Fed::Report(name, r, c.findings.clone()));
                }
            } else if let Ok(r) = item.cast::<PyReport>() {
                let r = Box::new(r.get().inner.clone());
                let fs = ogi_report::validate(&r);
                fed.push(Fed::Report(default(None), r, fs));
            } else {
                return Err(wrong_type(
                    item,
                    &format!("results[{i}] must be a CheckResult or a Report"),
                ));
            }
        }
        self.seen += items.len();
        // The per-report work (reduction, fingerprints) in parallel, without the GIL.
        let prepared: Vec<Result<Item, (String, String)>> = py.detach(move || {
            fed.into_par_iter()
                .map(|f| match f {
                    Fed::Report(name, r, fs) => Ok(Item::new(name, &r, &fs)),
                    Fed::Unreadable(name, why) => Err((name, why)),
                })
                .collect()
        });
        for p in prepared {
            match p {
                Ok(item) => self.inner.add(item),
                Err((name, why)) => self.inner.add_unreadable(name, why),
            }
        }
        Ok(())
    }

    /// Reports read.
    #[getter]
    fn reports(&self) -> u64 {
        self.inner.reports()
    }
    /// Results whose source could not be read.
    #[getter]
    fn unreadable(&self) -> u64 {
        self.inner.unreadable()
    }
    /// Reports with at least one error.
    #[getter]
    fn with_errors(&self) -> u64 {
        self.inner.with_errors()
    }
    /// Reports with at least one warning.
    #[getter]
    fn with_warnings(&self) -> u64 {
        self.inner.with_warnings()
    }

    /// Findings by code and severity, the most frequent first: a list of
    /// `{"code", "severity", "count"}`.
    #[getter]
    fn by_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self
            .inner
            .findings_by_code()
            .into_iter()
            .map(|(c, s, n)| {
                let d = PyDict::new(py);
                d.set_item("code", c.as_str())?;
                d.set_item("severity", s.as_str())?;
                d.set_item("count", n)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// Findings by severity: `{"error": n, "warning": n, "info": n}`.
    #[getter]
    fn by_severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for s in ["error", "warning", "info"] {
            d.set_item(s, 0u64)?;
        }
        for (s, n) in self.inner.findings_by_severity() {
            d.set_item(s.as_str(), n)?;
        }
        Ok(d)
    }

    /// By report year (`None`: no year read): `{year: {"reports",
    /// "with_errors", "error_rate"}}`.
    #[getter]
    fn by_year<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (y, r) in self.inner.by_year() {
            d.set_item(*y, rate(py, r)?)?;
        }
        Ok(d)
    }

    /// By agency kind (`agency_kind` of the agency's name), as `by_year`.
    #[getter]
    fn by_agency_kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, r) in self.inner.by_agency_kind() {
            d.set_item(k.as_str(), rate(py, r)?)?;
        }
        Ok(d)
    }

    /// The agencies whose series break between consecutive years, the most
    /// breaks first: a list of `{"agency", "kind", "years", "breaks"}` (the
    /// breaks are `Finding` objects).
    #[getter]
    fn chain_breaks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self
            .inner
            .chain_breaks()
            .into_iter()
            .map(|b| {
                let d = PyDict::new(py);
                d.set_item("agency", b.agency)?;
                d.set_item("kind", b.kind.as_str())?;
                d.set_item("years", b.years)?;
                d.set_item("breaks", findings(py, b.breaks.into_iter())?)?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// The reports with the most errors, the most first: a list of
    /// `{"name", "agency", "year", "errors", "warnings", "findings"}` (their
    /// error and warning findings, as `Finding` objects).
    #[getter]
    fn top<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = self
            .inner
            .top()
            .into_iter()
            .map(|t| {
                let d = PyDict::new(py);
                d.set_item("name", &t.name)?;
                d.set_item("agency", &t.agency)?;
                d.set_item("year", t.year)?;
                d.set_item("errors", t.errors)?;
                d.set_item("warnings", t.warnings)?;
                d.set_item(
                    "findings",
                    findings(py, t.findings.iter().map(|f| f.finding.clone()))?,
                )?;
                Ok(d)
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, rows)
    }

    /// The page: one self-contained HTML document with inline SVG charts (no
    /// script, nothing fetched), in `lang` (`"zh"` or `"en"`); written to
    /// `path` when given. Returns the HTML.
    #[pyo3(signature = (path = None, lang = "zh"))]
    fn to_html(&self, path: Option<PathBuf>, lang: &str) -> PyResult<String> {
        if !matches!(lang, "zh" | "en") {
            return Err(PyValueError::new_err(format!(
                "lang must be \"zh\" or \"en\", not {lang:?}"
            )));
        }
        let html = self.inner.to_html(lang);
        if let Some(p) = path {
            std::fs::write(&p, &html)?;
        }
        Ok(html)
    }

    /// The summary in a few lines of text (`lang` `"zh"` or `"en"`).
    #[pyo3(signature = (lang = "en"))]
    fn to_text(&self, lang: &str) -> String {
        self.inner.to_text(lang)
    }

    /// Jupyter shows the page.
    fn _repr_html_(&self) -> String {
        self.inner.to_html("en")
    }

    fn __str__(&self) -> String {
        self.inner.to_text("en")
    }

    fn __repr__(&self) -> String {
        format!(
            "Summary(reports={}, unreadable={}, with_errors={}, with_warnings={})",
            self.inner.reports(),
            self.inner.unreadable(),
            self.inner.with_errors(),
            self.inner.with_warnings()
        )
    }
}
