//! Python objects read as report data (`PyData`), JSON into Python objects, and the
//! mapping of the core's errors onto the Python exceptions.

use ogi_report::{read_fields, At, Data, Datum, Keys, ReadField, SchemaError};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
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
pub struct PyData<'py>(pub Bound<'py, PyAny>);

/// Hashes a key's address (a multiplication, not SipHash: the keys are few and fixed).
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type KeyCache = HashMap<(usize, usize), Py<PyString>, BuildHasherDefault<AddressHasher>>;

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

/// The keys of one schema object as Python strings, interned (so a dict
/// written with literal keys, or made by `to_dict`, holds these very
/// objects), with their hashes; and for each key the last other string object
/// found equal to it (a JSON decoder makes one object per distinct key of a
/// document), kept alive so that its address stays its own.
struct KeySet {
    strings: Vec<Py<PyString>>,
    hashes: Vec<isize>,
    seen: Mutex<Vec<Option<Py<PyAny>>>>,
}

impl KeySet {
    fn new(py: Python<'_>, names: &[&str]) -> KeySet {
        let strings: Vec<Py<PyString>> = names
            .iter()
            .map(|n| PyString::intern(py, n).unbind())
            .collect();
        let hashes = strings
            .iter()
            .map(|s| s.bind(py).hash().unwrap_or(-1))
            .collect();
        let seen = Mutex::new(names.iter().map(|_| None).collect());
        KeySet {
            strings,
            hashes,
            seen,
        }
    }

    /// The index of the key equal to `k`, or `None` when there is none or
    /// `k` is not an exact `str` (then the caller reads key by key, with
    /// Python's own comparison). Runs no Python code.
    fn find(&self, k: &Bound<'_, PyAny>, seen: &mut [Option<Py<PyAny>>]) -> Option<usize> {
        let addr = k.as_ptr();
        if let Some(i) = self.strings.iter().position(|s| s.as_ptr() == addr) {
            return Some(i);
        }
        if let Some(i) = seen
            .iter()
            .position(|s| s.as_ref().is_some_and(|s| s.as_ptr() == addr))
        {
            return Some(i);
        }
        if !k.is_exact_instance_of::<PyString>() {
            return None;
        }
        // An exact str hashes (once, then cached) and compares without
        // running Python code.
        let h = k.hash().ok()?;
        let py = k.py();
        let i = (0..self.strings.len())
            .find(|&i| self.hashes[i] == h && k.eq(self.strings[i].bind(py)).unwrap_or(false))?;
        seen[i] = Some(k.clone().unbind());
        Some(i)
    }
}

impl Data for PyData<'_> {
    fn fields(
        &self,
        keys: &'static Keys,
        at: &At<'_>,
        read: &mut ReadField<'_, Self>,
    ) -> Result<(), SchemaError> {
        // One pass over the dict instead of a lookup per key. Anything out
        // of the ordinary (not an exact dict, a key that is not one of
        // `keys`, a value that does not read) goes back to key-by-key
        // reading, so what is read and the first error are the same.
        let Ok(d) = self.0.cast_exact::<PyDict>() else {
            return read_fields(self, keys, at, read);
        };
        let names = keys.names();
        let n = d.len();
        let py = d.py();
        let set = match keys.host(|names| KeySet::new(py, names)) {
            Some(set) if n <= names.len() => set,
            _ => return read_fields(self, keys, at, read),
        };
        // A dict whose keys are the schema's own objects (written as
        // literals, or made by `to_dict`): one lookup per key finds each at
        // once (a dict compares addresses first), in key order, as the
        // provided method reads.
        let ours = |k: &Bound<'_, PyAny>| set.strings.iter().any(|s| s.as_ptr() == k.as_ptr());
        if d.iter().next().is_some_and(|(k, _)| ours(&k)) {
            let mut found = 0;
            for (i, key) in set.strings.iter().enumerate() {
                let x = d.get_item(key.bind(py)).map_err(|e| at.error(message(e)))?;
                if let Some(x) = x {
                    found += 1;
                    read(i, &PyData(x), &At::Key(at, names[i]))?;
                }
            }
            return match found == n {
                true => Ok(()),
                // An unknown key: named by the provided method.
                false => read_fields(self, keys, at, read),
            };
        }
        // Otherwise one pass over the dict. Match the keys first and read the values after: reading may run
        // Python code (a `Decimal` subclass's `__str__`), which must not
        // meet the dict half-walked.
        let mut found = Vec::with_capacity(n);
        {
            let mut seen = set.seen.lock().unwrap_or_else(PoisonError::into_inner);
            for (k, v) in d.iter() {
                match set.find(&k, &mut seen) {
                    Some(i) => found.push((i, v)),
                    None => {
                        drop(seen);
                        return read_fields(self, keys, at, read);
                    }
                }
            }
        }
        for (i, v) in found {
            if let Err(e) = read(i, &PyData(v), &At::Key(at, names[i])) {
                // Key by key for the first error in key order; should the
                // dict have changed meanwhile (Python code ran), this one.
                return read_fields(self, keys, at, read).and(Err(e));
            }
        }
        Ok(())
    }

    fn datum(&self) -> Result<Datum<'_>, String> {
        let obj = &self.0;
        // The usual cases first, by exact type (a pointer comparison).
        let int = |i: &Bound<'_, PyInt>| match i.extract::<i64>() {
            Ok(v) => Datum::Int(v),
            Err(_) => Datum::BigInt(i.to_string()),
        };
        if let Ok(i) = obj.cast_exact::<PyInt>() {
            return Ok(int(i));
        }
        if obj.is_none() {
            return Ok(Datum::Null);
        }
        if obj.is_exact_instance_of::<PyDict>() {
            return Ok(Datum::Object);
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Datum::Str(s.to_cow().map_err(message)?));
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Datum::Bool(b.is_true()));
        }
        if let Ok(i) = obj.cast::<PyInt>() {
            return Ok(int(i));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(Datum::Float(f.value()));
        }
        if obj.is_instance_of::<PyDict>() {
            return Ok(Datum::Object);
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            return Ok(Datum::Array);
        }
        if is_decimal(obj).map_err(message)? {
            let text = obj
                .str()
                .map_err(message)?
                .to_cow()
                .map_err(message)?
                .into_owned();
            return Ok(Datum::Str(Cow::Owned(text)));
        }
        let ty = obj.get_type();
        Err(format!(
            "cannot be read as JSON data: found an object of type {}",
            ty.name().map_err(message)?
        ))
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
                Ok(s) => Ok(s.to_cow().map_err(message)?.into_owned()),
                Err(_) => Err(format!(
                    "keys must be strings, found a key of type {}",
                    k.get_type().name().map_err(message)?
                )),
            })
            .collect()
    }
    fn entries(&self) -> Result<Vec<(String, Self)>, String> {
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
            out.push((key.to_cow().map_err(message)?.into_owned(), PyData(v)));
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

/// Reads a report (nested or flat form) from a Python dict in place. Data
/// that does not fit the schema is the inner `Err`; an exception Python
/// raised while it was read is re-raised.
pub fn report_from_data(
    obj: &Bound<'_, PyAny>,
) -> PyResult<Result<ogi_report::Report, ogi_report::SchemaError>> {
    RAISED.with_borrow_mut(|slot| *slot = None);
    let read = ogi_report::Report::from_data(&PyData(obj.clone()));
    match RAISED.with_borrow_mut(Option::take) {
        Some(e) if read.is_err() => Err(e),
        _ => Ok(read),
    }
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
                d.set_item(PyString::intern(py, k), from_value(py, x)?)?;
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
