//! Python objects read as report data (`PyData`), JSON into Python objects, and the
//! mapping of the core's errors onto the Python exceptions.

use ogi_report::data::check_keys;
use ogi_report::{read_fields, JsonItem, JsonLike, KeyPath, ObjectKeys, ReadField, SchemaError};
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PySlice, PyString, PyTuple};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher};
use std::sync::{Mutex, PoisonError};

/// Builds an instance of an exception class of `ogi_report._errors`.
fn raise<'py, A: pyo3::call::PyCallArgs<'py>>(py: Python<'py>, class: &str, args: A) -> PyErr {
    let made = py
        .import("ogi_report._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1(args));
    match made {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// A `ParseError(message, line, column)`.
pub fn parse_error(py: Python<'_>, message: String, line: usize, column: usize) -> PyErr {
    raise(py, "ParseError", (message, line, column))
}

/// A `SchemaError(message, path)`.
pub fn schema_error(py: Python<'_>, e: &ogi_report::SchemaError) -> PyErr {
    raise(
        py,
        "SchemaError",
        (
            format!("report does not fit the schema {e}"),
            e.path.clone(),
        ),
    )
}

/// An `OgiError` for a panic inside the core (a bug), so that it costs the
/// one call, never the interpreter.
pub fn internal_error(py: Python<'_>, panic: &str) -> PyErr {
    raise(
        py,
        "OgiError",
        (format!(
            "internal error (a bug in ogi-report; please report it with the input): {panic}"
        ),),
    )
}

/// A `str` that is not text: it holds a lone surrogate, which no encoding
/// writes. `error` is a `Parse` error with the line and column (1-based, the
/// column in UTF-8 bytes as the core counts); `offset` is its byte offset.
#[derive(Clone)]
pub struct Unreadable {
    /// The error, as the core states one.
    pub error: ogi_report::Error,
    /// The byte offset of the surrogate (in the text before it, as UTF-8).
    pub offset: usize,
}

/// The text of a `str`, borrowed when Python holds it as UTF-8. A lone
/// surrogate is the inner `Err`, with its place; any other exception is raised.
pub fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Result<Cow<'a, str>, Unreadable>> {
    let e = match s.to_cow() {
        Ok(text) => return Ok(Ok(text)),
        Err(e) => e,
    };
    let py = s.py();
    if !e.is_instance_of::<PyUnicodeEncodeError>(py) {
        return Err(e);
    }
    // `start` is the index (in code points) of the first character that
    // cannot be encoded; the text before it can.
    let start: usize = e.value(py).getattr("start")?.extract()?;
    let before = s
        .as_any()
        .get_item(PySlice::new(py, 0, isize::try_from(start)?, 1))?;
    let before = before.cast::<PyString>()?.to_cow()?;
    let ch = s.as_any().get_item(start)?;
    let code: u32 = py
        .import("builtins")?
        .getattr("ord")?
        .call1((ch,))?
        .extract()?;
    let offset = before.len();
    let line = before.matches('\n').count() + 1;
    let column = before.rfind('\n').map_or(offset, |p| offset - p - 1) + 1;
    Ok(Err(Unreadable {
        error: ogi_report::Error::Parse {
            line,
            column,
            message: format!(
                "lone surrogate U+{code:04X} (character {start}): not text, a str must encode as UTF-8"
            ),
        },
        offset,
    }))
}

/// The text of a `str`; a lone surrogate raises `ParseError` with its line and column.
pub fn str_text<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    text_of(s)?.map_err(|u| core_error(s.py(), u.error))
}

/// The text of a `str` read as report data: a lone surrogate is a fault of
/// the data (a schema error at its path), not an exception to re-raise.
fn data_text<'a>(s: &'a Bound<'_, PyString>) -> Result<Cow<'a, str>, String> {
    match text_of(s).map_err(message)? {
        Ok(text) => Ok(text),
        Err(u) => Err(match u.error {
            ogi_report::Error::Parse { message, .. } => message,
            other => other.to_string(),
        }),
    }
}

/// The Python exception for a core error.
pub fn core_error(py: Python<'_>, e: ogi_report::Error) -> PyErr {
    match e {
        ogi_report::Error::Json { line, column, .. }
        | ogi_report::Error::Parse { line, column, .. } => {
            parse_error(py, e.to_string(), line, column)
        }
        ogi_report::Error::Schema(s) => schema_error(py, &s),
    }
}

/// A Python object read as report data in place (no copy into JSON first).
#[derive(Clone)]
pub struct PyData<'py>(pub Bound<'py, PyAny>);

/// The cache is looked up only on paths off the common one (a dict
/// subclass, a key the schema's walk does not know), so std's hasher does.
type KeyCache = HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<DefaultHasher>>;

/// The schema's keys as Python strings, by the address of the key (each key
/// is a `'static` string of the core), each made once.
static KEYS: Mutex<KeyCache> = Mutex::new(HashMap::with_hasher(BuildHasherDefault::new()));

fn key_string<'py>(py: Python<'py>, key: &'static str) -> Bound<'py, PyString> {
    let mut keys = KEYS.lock().unwrap_or_else(PoisonError::into_inner);
    keys.entry((key.as_ptr() as usize, key.len()))
        .or_insert_with(|| PyString::intern(py, key).unbind())
        .bind(py)
        .clone()
}

thread_local! {
    /// The first Python exception raised while reading data (a `__str__` or
    /// `__eq__` that raises, a KeyboardInterrupt…): re-raised as it is by
    /// [`report_from_data`], never turned into a schema error.
    static RAISED: RefCell<Option<PyErr>> = const { RefCell::new(None) };
}

/// Keeps a Python exception to re-raise; the core sees only that reading failed.
fn message(e: PyErr) -> String {
    let text = e.to_string();
    RAISED.with_borrow_mut(|slot| {
        slot.get_or_insert(e);
    });
    text
}

/// The keys of one schema object as interned Python strings, made once: a
/// dict written with literal keys, or made by `to_dict`, holds these very
/// objects, which a lookup finds at once (a dict compares addresses first).
struct KeySet(Vec<Py<PyString>>);

impl KeySet {
    /// The strings of `keys`, made on first use.
    fn of(keys: &'static ObjectKeys, py: Python<'_>) -> Option<&'static KeySet> {
        keys.host(|names| {
            KeySet(
                names
                    .iter()
                    .map(|n| PyString::intern(py, n).unbind())
                    .collect(),
            )
        })
    }
}

/// The values of a dict that holds few of `set`'s keys, by the key's index in
/// `set`, in that order: found by walking the dict's own entries (a source
/// span holds 3 of its 9 keys; a lookup of each key, absent ones included,
/// took most of reading one, BENCHMARKS.md). `None` when a key is not an
/// exact `str` equal to one of `set`, which the lookups then handle (a key
/// unknown, or a `str` subclass with its own hash).
fn held_keys<'py>(d: &Bound<'py, PyDict>, set: &KeySet) -> Option<Vec<(usize, Bound<'py, PyAny>)>> {
    let py = d.py();
    let mut held = Vec::with_capacity(d.len());
    for (k, v) in d.iter() {
        let k = k.cast_exact::<PyString>().ok()?;
        let i = match set.0.iter().position(|s| s.as_ptr() == k.as_ptr()) {
            Some(i) => i,
            None => {
                let text = k.to_str().ok()?;
                set.0
                    .iter()
                    .position(|s| s.bind(py).to_str().is_ok_and(|t| t == text))?
            }
        };
        held.push((i, v));
    }
    held.sort_unstable_by_key(|(i, _)| *i);
    Some(held)
}

impl JsonLike for PyData<'_> {
    fn fields(
        &self,
        keys: &'static ObjectKeys,
        at: &KeyPath<'_>,
        read: &mut ReadField<'_, Self>,
    ) -> Result<(), SchemaError> {
        // The provided method, with the keys as Python strings made once
        // (no lookup of a cache per key).
        let Ok(d) = self.0.cast_exact::<PyDict>() else {
            return read_fields(self, keys, at, read);
        };
        let names = keys.names();
        let py = d.py();
        let Some(set) = KeySet::of(keys, py) else {
            return read_fields(self, keys, at, read);
        };
        if d.len() * 2 <= names.len() {
            if let Some(held) = held_keys(d, set) {
                for (i, x) in held {
                    read(i, &PyData(x), &KeyPath::Key(at, names[i]))?;
                }
                return Ok(());
            }
        }
        let mut found = 0;
        for (i, key) in set.0.iter().enumerate() {
            let x = d.get_item(key.bind(py)).map_err(|e| at.error(message(e)))?;
            if let Some(x) = x {
                found += 1;
                read(i, &PyData(x), &KeyPath::Key(at, names[i]))?;
            }
        }
        match found == d.len() || !keys.strict() {
            true => Ok(()),
            false => check_keys(self, at, names, found),
        }
    }

    fn datum(&self) -> Result<JsonItem<'_>, String> {
        let obj = &self.0;
        // The usual cases first, by exact type (a pointer comparison).
        let int = |i: &Bound<'_, PyInt>| match i.extract::<i64>() {
            Ok(v) => JsonItem::Int(v),
            Err(_) => JsonItem::BigInt(i.to_string()),
        };
        if let Ok(i) = obj.cast_exact::<PyInt>() {
            return Ok(int(i));
        }
        if obj.is_none() {
            return Ok(JsonItem::Null);
        }
        if obj.is_exact_instance_of::<PyDict>() {
            return Ok(JsonItem::Object);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(JsonItem::Str(data_text(s)?));
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(JsonItem::Bool(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            return Ok(int(i));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(JsonItem::Float(f.value()));
        }
        if obj.is_instance_of::<PyDict>() {
            return Ok(JsonItem::Object);
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            return Ok(JsonItem::Array);
        }
        if is_decimal(obj).map_err(message)? {
            let text = obj
                .str()
                .map_err(message)?
                .to_cow()
                .map_err(message)?
                .into_owned();
            return Ok(JsonItem::Str(Cow::Owned(text)));
        }
        let ty = obj.get_type();
        Err(format!(
            "cannot be read as JSON data: found an object of type {}",
            ty.name().map_err(message)?
        ))
    }
    fn get_key(&self, keys: &'static ObjectKeys, i: usize) -> Result<Option<Self>, String> {
        let Ok(d) = self.0.cast::<PyDict>() else {
            return Ok(None);
        };
        let py = d.py();
        match KeySet::of(keys, py) {
            Some(set) => Ok(d.get_item(set.0[i].bind(py)).map_err(message)?.map(PyData)),
            None => self.get(keys.names()[i]),
        }
    }
    fn is_null(&self) -> bool {
        self.0.is_none()
    }
    fn int(&self) -> Option<i64> {
        // An exact int that fits; anything else (a bool, a big int) goes
        // through `datum`.
        self.0.cast_exact::<PyInt>().ok()?.extract().ok()
    }
    fn len(&self) -> usize {
        self.0.cast::<PyDict>().map_or(0, |d| d.len())
    }
    fn get(&self, key: &'static str) -> Result<Option<Self>, String> {
        let Ok(d) = self.0.cast::<PyDict>() else {
            return Ok(None);
        };
        let k = key_string(d.py(), key);
        Ok(d.get_item(k).map_err(message)?.map(PyData))
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        let Ok(d) = self.0.cast::<PyDict>() else {
            return Ok(Vec::new());
        };
        d.keys()
            .iter()
            .map(|k| match k.cast::<PyString>() {
                Ok(s) => Ok(data_text(s)?.into_owned()),
                Err(_) => Err(format!(
                    "keys must be strings, found a key of type {}",
                    k.get_type().name().map_err(message)?
                )),
            })
            .collect()
    }
    fn entries(&self) -> Result<Vec<(Cow<'_, str>, Self)>, String> {
        let Ok(d) = self.0.cast::<PyDict>() else {
            return Ok(Vec::new());
        };
        let mut out = Vec::with_capacity(d.len());
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(format!(
                    "keys must be strings, found a key of type {}",
                    k.get_type().name().map_err(message)?
                ));
            };
            out.push((Cow::Owned(data_text(key)?.into_owned()), PyData(v)));
        }
        Ok(out)
    }
    fn items(&self) -> Result<Vec<Self>, String> {
        if let Ok(l) = self.0.cast::<PyList>() {
            return Ok(l.iter().map(PyData).collect());
        }
        if let Ok(t) = self.0.cast::<PyTuple>() {
            return Ok(t.iter().map(PyData).collect());
        }
        Ok(Vec::new())
    }
}

/// Runs `read`, which reads Python data: when it `failed`, an exception
/// Python raised meanwhile is re-raised as it is.
fn reraising<T>(read: impl FnOnce() -> T, failed: impl Fn(&T) -> bool) -> PyResult<T> {
    RAISED.with_borrow_mut(|slot| *slot = None);
    let out = read();
    match RAISED.with_borrow_mut(Option::take) {
        Some(e) if failed(&out) => Err(e),
        _ => Ok(out),
    }
}

/// Reads a report (nested or flat form) from a Python dict in place. Data
/// that does not fit the schema is the inner `Err`; an exception Python
/// raised while it was read is re-raised.
pub fn report_from_data(
    obj: &Bound<'_, PyAny>,
) -> PyResult<Result<ogi_report::Report, ogi_report::SchemaError>> {
    reraising(
        || ogi_report::Report::from_data(&PyData(obj.clone())),
        Result::is_err,
    )
}

/// [`report_from_data`], handing the report to `then` where it lies (a
/// report is large, and `validate` needs it only for a moment).
pub fn with_report_from_data<T>(
    obj: &Bound<'_, PyAny>,
    then: impl FnOnce(Result<&ogi_report::Report, &ogi_report::SchemaError>) -> T,
) -> PyResult<T> {
    let read = || {
        let report = ogi_report::Report::from_data(&PyData(obj.clone()));
        (then(report.as_ref()), report.is_err())
    };
    reraising(read, |(_, failed)| *failed).map(|(out, _)| out)
}

fn is_decimal(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    Ok(ty.module()?.to_cow()? == "decimal" && ty.name()?.to_cow()? == "Decimal")
}

/// Converts JSON into plain Python data (dict, list, str, int, float, bool, None).
pub fn from_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| from_value(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                // The schema's own keys (short identifiers) as the interned
                // strings the reader looks up; a dotted path or any other
                // key (sources, flat cells) as a plain string, so that keys
                // a user chose are not kept for the life of the interpreter.
                let schema_key = k.len() <= 32
                    && k.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
                let key = if schema_key {
                    PyString::intern(py, k)
                } else {
                    PyString::new(py, k)
                };
                d.set_item(key, from_value(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A `TypeError` for an argument of the wrong type.
pub fn wrong_type(obj: &Bound<'_, PyAny>, what: &str) -> PyErr {
    let ty = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into());
    PyTypeError::new_err(format!("{what}, not {ty}"))
}
