//! Reading report data from any JSON-like source.
//!
//! The nested form is read through the [`JsonLike`] trait, so a binding can hand
//! its own objects (Python dicts, for instance) to [`crate::Report::from_data`]
//! without first copying them into a `serde_json::Value`. `&Value` implements
//! it, and [`crate::Report::from_any_value`] is `from_data` on a `Value`.

use crate::error::SchemaError;
use serde_json::Value;
use std::any::Any;
use std::borrow::Cow;
use std::sync::OnceLock;

/// What one datum is, as far as the schema cares.
#[derive(Debug)]
pub enum JsonItem<'a> {
    /// `null` / `None`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer outside `i64`, as decimal text.
    BigInt(String),
    /// A floating-point number.
    Float(f64),
    /// A string (or an exact decimal given as an object, as its text).
    Str(Cow<'a, str>),
    /// An array (or tuple).
    Array,
    /// An object (or mapping).
    Object,
}

impl JsonItem<'_> {
    /// A short name for the kind of datum, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            JsonItem::Null => "null",
            JsonItem::Bool(_) => "a boolean",
            JsonItem::Int(_) | JsonItem::BigInt(_) | JsonItem::Float(_) => "a number",
            JsonItem::Str(_) => "a string",
            JsonItem::Array => "an array",
            JsonItem::Object => "an object",
        }
    }
}

/// Where a datum sits, kept as a chain of borrowed keys and rendered into a
/// dotted path (`t3.new_received.total`) only when an error needs it.
#[derive(Debug, Clone, Copy)]
pub enum KeyPath<'a> {
    /// The top of the data.
    Root,
    /// A key of an object.
    Key(&'a KeyPath<'a>, &'a str),
    /// An index of an array.
    Index(&'a KeyPath<'a>, usize),
}

impl KeyPath<'_> {
    /// The dotted path, empty for the root.
    pub fn render(&self) -> String {
        match self {
            KeyPath::Root => String::new(),
            KeyPath::Key(parent, key) => join(&parent.render(), key),
            KeyPath::Index(parent, i) => join(&parent.render(), &i.to_string()),
        }
    }
    /// A [`SchemaError`] at this path.
    pub fn error(&self, message: impl Into<String>) -> SchemaError {
        SchemaError::new(&self.render(), message)
    }
}

/// The keys of one kind of object of the schema (a table row, a table…), in
/// template order, with a slot where a host may keep what it derives from them
/// once (its own string objects for the keys, say).
pub struct ObjectKeys {
    names: &'static [&'static str],
    strict: bool,
    host: OnceLock<Box<dyn Any + Send + Sync>>,
}

impl ObjectKeys {
    /// The keys `names`; any other key is an error.
    pub const fn new(names: &'static [&'static str]) -> ObjectKeys {
        ObjectKeys {
            names,
            strict: true,
            host: OnceLock::new(),
        }
    }
    /// The keys `names`; other keys are ignored.
    pub const fn lenient(names: &'static [&'static str]) -> ObjectKeys {
        ObjectKeys {
            names,
            strict: false,
            host: OnceLock::new(),
        }
    }
    /// Is a key that is not one of these an error?
    pub fn strict(&self) -> bool {
        self.strict
    }
    /// The keys, in template order.
    pub fn names(&self) -> &'static [&'static str] {
        self.names
    }
    /// What the host derived from these keys: made by `init` on first use.
    /// `None` when the slot holds another type (two hosts in one process).
    pub fn host<T: Any + Send + Sync>(
        &self,
        init: impl FnOnce(&'static [&'static str]) -> T,
    ) -> Option<&T> {
        self.host
            .get_or_init(|| Box::new(init(self.names)))
            .downcast_ref()
    }
}

impl std::fmt::Debug for ObjectKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ObjectKeys").field(&self.names).finish()
    }
}

/// Reads the value of one key: `read(i, value, at)` for `keys.names()[i]`.
pub type ReadField<'r, D> = dyn FnMut(usize, &D, &KeyPath<'_>) -> Result<(), SchemaError> + 'r;

/// JSON-like data the nested form can be read from.
///
/// Implementations convert and look up; every rule about what the data must
/// look like lives in the readers of the schema.
pub trait JsonLike: Sized + Clone {
    /// What this datum is. `Err` carries a message for data that is not
    /// JSON-like at all (an arbitrary object), or a failure of the host.
    fn datum(&self) -> Result<JsonItem<'_>, String>;
    /// A fast path for the commonest datum, a whole number: `Some` when the
    /// host can tell cheaply that this is an integer that fits `i64` (then it
    /// is what [`JsonLike::datum`] would give as [`JsonItem::Int`]). `None` means
    /// "ask `datum`", and is all the provided method says.
    fn int(&self) -> Option<i64> {
        None
    }
    /// Is this `null` / `None`? (What [`JsonLike::datum`] says, asked cheaply.)
    fn is_null(&self) -> bool {
        matches!(self.datum(), Ok(JsonItem::Null))
    }
    /// The number of keys of an object (0 for anything else).
    fn len(&self) -> usize;
    /// Is this an object without keys (or not an object)?
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The value under `key`, if this is an object that has it. The key is
    /// one of the schema's own names (`'static`), so hosts may cache them.
    fn get(&self, key: &'static str) -> Result<Option<Self>, String>;
    /// [`JsonLike::get`] of the key `keys.names()[i]` (so that a host may use
    /// its own strings for the keys, kept in [`ObjectKeys::host`]).
    fn get_key(&self, keys: &'static ObjectKeys, i: usize) -> Result<Option<Self>, String> {
        self.get(keys.names[i])
    }
    /// The keys of an object, for error messages.
    fn keys(&self) -> Result<Vec<String>, String>;
    /// The items of an array.
    fn items(&self) -> Result<Vec<Self>, String>;
    /// The keys and values of an object, in its order: the keys borrowed
    /// where the host holds them as text (the 200 keys of `sources` need no
    /// copies then).
    fn entries(&self) -> Result<Vec<(Cow<'_, str>, Self)>, String>;
    /// Reads an object whose keys are `keys`: calls `read` once for each of
    /// them it holds, in the order of `keys`, and, when `keys` are strict,
    /// fails on the first key that is not one of them (see [`read_fields`],
    /// the provided behaviour). A host may do it its own way (with its own
    /// strings for the keys, kept in [`ObjectKeys::host`]), as long as what is
    /// read, and the first error, stay the same.
    fn fields(
        &self,
        keys: &'static ObjectKeys,
        at: &KeyPath<'_>,
        read: &mut ReadField<'_, Self>,
    ) -> Result<(), SchemaError> {
        read_fields(self, keys, at, read)
    }
}

/// [`JsonLike::fields`] by one [`JsonLike::get`] per key: requires an object, reads
/// the keys it holds in the order of `keys`, then (strict `keys`) names the
/// first key of the object that is not one of them.
pub fn read_fields<D: JsonLike>(
    v: &D,
    keys: &ObjectKeys,
    at: &KeyPath<'_>,
    read: &mut ReadField<'_, D>,
) -> Result<(), SchemaError> {
    expect_object(v, at)?;
    let mut found = 0usize;
    for (i, &key) in keys.names.iter().enumerate() {
        if let Some(x) = v.get(key).map_err(|m| at.error(m))? {
            found += 1;
            read(i, &x, &KeyPath::Key(at, key))?;
        }
    }
    match keys.strict {
        true => check_keys(v, at, keys.names, found),
        false => Ok(()),
    }
}

impl JsonLike for &Value {
    fn datum(&self) -> Result<JsonItem<'_>, String> {
        Ok(match self {
            Value::Null => JsonItem::Null,
            Value::Bool(b) => JsonItem::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => JsonItem::Int(i),
                (None, Some(u)) => JsonItem::BigInt(u.to_string()),
                _ => JsonItem::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => JsonItem::Str(Cow::Borrowed(s)),
            Value::Array(_) => JsonItem::Array,
            Value::Object(_) => JsonItem::Object,
        })
    }
    fn len(&self) -> usize {
        self.as_object().map_or(0, |m| m.len())
    }
    fn get(&self, key: &'static str) -> Result<Option<Self>, String> {
        Ok(self.as_object().and_then(|m| m.get(key)))
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        Ok(self
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default())
    }
    fn items(&self) -> Result<Vec<Self>, String> {
        Ok(self
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default())
    }
    fn entries(&self) -> Result<Vec<(Cow<'_, str>, Self)>, String> {
        Ok(self
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), v))
                    .collect()
            })
            .unwrap_or_default())
    }
}

/// A JSON value read from text, its strings borrowed from the text unless
/// they hold an escape: what [`crate::Report::from_json_str`] reads a report
/// from. An object keeps its entries in order and finds a key by comparing
/// keys (a report's objects hold a few; the `sources` map, which holds
/// hundreds, is read by its entries). Against a `serde_json::Value`, whose
/// objects hash every key (SipHash, with the `preserve_order` map) and own
/// every string, reading a report's JSON takes about half the instructions.
#[derive(Debug, Clone)]
pub(crate) enum Json<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX` that fits `u64`.
    U64(u64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Json<'a>>),
    /// An object's entries, in order.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// What [`read_json`] gives: the value, or text that is not JSON, or a stop
/// that the caller settles with [`scan_json`].
#[derive(Debug)]
pub(crate) enum JsonRead<'a> {
    /// Well-formed text, at most [`MAX_JSON_ITEMS`] items, no key twice.
    Value(Json<'a>),
    /// Not JSON: the reader's error, at its line and column.
    NotJson(serde_json::Error),
    /// Stopped early, at more than [`MAX_JSON_ITEMS`] keys and values or
    /// at a key given twice (the text may be malformed further on).
    Stopped,
}

/// Reads JSON text into a [`Json`] in one pass, counting its keys and values
/// and telling a key given twice as it goes (the separate scan of the text
/// for these, with its key sets, took 37 % of reading a report's JSON,
/// BENCHMARKS.md). The count equals [`scan_json`]'s on well-formed text, so a
/// text read in full is one that scan finds neither too large nor holding a
/// key twice.
pub(crate) fn read_json(s: &str) -> JsonRead<'_> {
    let state = ReadState::new(true);
    match (read_with(s, &state), state.stopped.get()) {
        (_, true) => JsonRead::Stopped,
        (Ok(v), false) => JsonRead::Value(v),
        (Err(e), false) => JsonRead::NotJson(e),
    }
}

/// Parses JSON text whole, with neither a limit nor a check of keys: what
/// says whether a text that [`read_json`] stopped on is JSON at all.
pub(crate) fn parse_json(s: &str) -> Result<Json<'_>, serde_json::Error> {
    read_with(s, &ReadState::new(false))
}

fn read_with<'a>(s: &'a str, state: &ReadState) -> Result<Json<'a>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(s);
    serde::de::DeserializeSeed::deserialize(JsonSeed(state), &mut de)
        .and_then(|v| de.end().map(|()| v))
}

/// Does an object hold a key twice? A few keys are compared pairwise (no
/// allocation); more are sorted (the scan's key sets, a sorted list per
/// object and a hash set past 32 keys, cost 0.39 M more of 1.66 M
/// instructions in the reader, BENCHMARKS.md).
fn holds_a_key_twice(entries: &[(Cow<'_, str>, Json<'_>)]) -> bool {
    if entries.len() <= 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (k, _))| entries[..i].iter().any(|(q, _)| q == k));
    }
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
    keys.sort_unstable();
    keys.windows(2).any(|w| w[0] == w[1])
}

/// What the values of one text share while it is read.
struct ReadState {
    /// Stop at the limit and at a key given twice?
    checked: bool,
    items: std::cell::Cell<usize>,
    stopped: std::cell::Cell<bool>,
}

impl ReadState {
    fn new(checked: bool) -> Self {
        ReadState {
            checked,
            items: std::cell::Cell::new(0),
            stopped: std::cell::Cell::new(false),
        }
    }
    /// Counts one key or value; an error past the limit.
    fn count<E: serde::de::Error>(&self) -> Result<(), E> {
        let n = self.items.get() + 1;
        self.items.set(n);
        if n > MAX_JSON_ITEMS && self.checked {
            return Err(self.stop());
        }
        Ok(())
    }
    /// Ends the read early (the error is [`JsonRead::Stopped`], not shown).
    fn stop<E: serde::de::Error>(&self) -> E {
        self.stopped.set(true);
        E::custom("stopped")
    }
}

/// Reads one value (and what it holds) of a text read by [`read_json`].
#[derive(Clone, Copy)]
struct JsonSeed<'s>(&'s ReadState);

impl<'de> serde::de::DeserializeSeed<'de> for JsonSeed<'_> {
    type Value = Json<'de>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for JsonSeed<'_> {
    type Value = Json<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Bool(b))
    }
    fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Int(i))
    }
    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(i64::try_from(u).map_or(Json::U64(u), Json::Int))
    }
    fn visit_f64<E: serde::de::Error>(self, f: f64) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Float(f))
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Str(Cow::Borrowed(s)))
    }
    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Str(Cow::Owned(s.to_string())))
    }
    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Str(Cow::Owned(s)))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Json<'de>, E> {
        self.0.count()?;
        Ok(Json::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        self.0.count()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(x) = seq.next_element_seed(self)? {
            items.push(x);
        }
        Ok(Json::Arr(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        self.0.count()?;
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        // A key of JSON text is a string, read by `visit_*str` above.
        while let Some(key) = map.next_key_seed(self)? {
            let Json::Str(k) = key else {
                return Err(serde::de::Error::custom("a key that is not a string"));
            };
            entries.push((k, map.next_value_seed(self)?));
        }
        if self.0.checked && holds_a_key_twice(&entries) {
            return Err(self.0.stop());
        }
        Ok(Json::Obj(entries))
    }
}

impl<'a> JsonLike for &Json<'a> {
    fn datum(&self) -> Result<JsonItem<'_>, String> {
        Ok(match self {
            Json::Null => JsonItem::Null,
            Json::Bool(b) => JsonItem::Bool(*b),
            Json::Int(i) => JsonItem::Int(*i),
            Json::U64(u) => JsonItem::BigInt(u.to_string()),
            Json::Float(f) => JsonItem::Float(*f),
            Json::Str(s) => JsonItem::Str(Cow::Borrowed(s)),
            Json::Arr(_) => JsonItem::Array,
            Json::Obj(_) => JsonItem::Object,
        })
    }
    fn int(&self) -> Option<i64> {
        match self {
            Json::Int(i) => Some(*i),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
    fn len(&self) -> usize {
        match self {
            Json::Obj(entries) => entries.len(),
            _ => 0,
        }
    }
    fn get(&self, key: &'static str) -> Result<Option<Self>, String> {
        Ok(match self {
            Json::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        })
    }
    fn fields(
        &self,
        keys: &'static ObjectKeys,
        at: &KeyPath<'_>,
        read: &mut ReadField<'_, Self>,
    ) -> Result<(), SchemaError> {
        // Text written in the schema's order (as this library writes it) is
        // read in one walk of its entries; any other order, or a key not of
        // the schema, by one lookup per key (each lookup compares the keys
        // in turn; the walk and lent keys together took 9.6 % off reading a
        // report's JSON text, BENCHMARKS.md).
        let (Json::Obj(entries), names) = (*self, keys.names()) else {
            return read_fields(self, keys, at, read);
        };
        let in_order = |mut visit: Option<&mut ReadField<'_, Self>>| {
            let mut next = 0;
            for (k, v) in entries {
                let Some(i) = (next..names.len()).find(|&i| names[i] == k) else {
                    return Ok(false);
                };
                if let Some(read) = visit.as_deref_mut() {
                    read(i, &v, &KeyPath::Key(at, names[i]))?;
                }
                next = i + 1;
            }
            Ok(true)
        };
        match in_order(None)? {
            true => in_order(Some(read)).map(|_| ()),
            false => read_fields(self, keys, at, read),
        }
    }
    fn keys(&self) -> Result<Vec<String>, String> {
        Ok(match self {
            Json::Obj(entries) => entries.iter().map(|(k, _)| k.to_string()).collect(),
            _ => Vec::new(),
        })
    }
    fn items(&self) -> Result<Vec<Self>, String> {
        Ok(match self {
            Json::Arr(items) => items.iter().collect(),
            _ => Vec::new(),
        })
    }
    fn entries(&self) -> Result<Vec<(Cow<'_, str>, Self)>, String> {
        Ok(match self {
            Json::Obj(entries) => entries
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_ref()), v))
                .collect(),
            _ => Vec::new(),
        })
    }
}

/// What a pass over well-formed JSON text finds that a parsed `Value` no
/// longer shows: the first key an object holds twice (an error at its path),
/// and integers beyond `u64` as printed (the parsed value is a float).
#[derive(Debug, Default)]
pub(crate) struct JsonScan {
    /// The first duplicate key.
    pub duplicate: Option<SchemaError>,
    /// Integer literals too large for `u64`, as printed.
    pub big_ints: Vec<String>,
    /// More than [`MAX_JSON_ITEMS`] keys and values: the scan stopped there.
    pub too_many: bool,
}

/// The most keys and values one report's JSON may hold. A report has a few
/// thousand (some 300 cells, their sources, the metadata); past this the text
/// is no report, and building its value would only cost memory (a 100 MB
/// array of numbers takes gigabytes as a `serde_json::Value`).
pub const MAX_JSON_ITEMS: usize = 200_000;

/// The keys of one object, for telling a key given twice. Most objects of a
/// report hold a few keys, which a sorted list finds without hashing; past
/// [`KeySet::FEW`] a hash set keeps a huge object linear.
#[derive(Default)]
enum KeySet<'a> {
    /// No key yet.
    #[default]
    Empty,
    /// Up to `FEW` keys, sorted.
    Few(Vec<std::borrow::Cow<'a, str>>),
    /// More keys.
    Many(std::collections::HashSet<std::borrow::Cow<'a, str>>),
}

impl<'a> KeySet<'a> {
    /// Keys kept in the sorted list.
    const FEW: usize = 32;

    /// Adds `k`; `false` when it was there already.
    fn insert(&mut self, k: std::borrow::Cow<'a, str>) -> bool {
        match self {
            KeySet::Empty => {
                *self = KeySet::Few(vec![k]);
                true
            }
            KeySet::Few(v) => match v.binary_search(&k) {
                Ok(_) => false,
                Err(_) if v.len() >= Self::FEW => {
                    let mut set: std::collections::HashSet<_> = v.drain(..).collect();
                    set.insert(k);
                    *self = KeySet::Many(set);
                    true
                }
                Err(at) => {
                    v.insert(at, k);
                    true
                }
            },
            KeySet::Many(set) => set.insert(k),
        }
    }
}

/// Scans JSON text (read as well formed: malformed text is told by the JSON
/// reader). A loop with an explicit stack: no recursion, whatever the nesting;
/// it stops after [`MAX_JSON_ITEMS`] keys and values.
pub(crate) fn scan_json(s: &str) -> JsonScan {
    use std::borrow::Cow;
    // Keys borrow the text unless they hold an escape (then they are decoded):
    // decoding and owning every key cost half of reading a report's JSON
    // (BENCHMARKS.md, instruction counts, eighth session).
    enum Frame<'a> {
        Obj {
            keys: KeySet<'a>,
            key: Option<Cow<'a, str>>,
            expect_key: bool,
        },
        Arr(usize),
    }
    fn path(stack: &[Frame<'_>], last: &str) -> String {
        let mut p = String::new();
        for f in stack {
            let part = match f {
                Frame::Obj { key: Some(k), .. } => k.to_string(),
                Frame::Obj { .. } => continue,
                Frame::Arr(i) => i.to_string(),
            };
            p = join(&p, &part);
        }
        join(&p, last)
    }
    let b = s.as_bytes();
    let mut out = JsonScan::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    let mut items = 0usize;
    while i < b.len() {
        if matches!(
            b[i],
            b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        ) {
            items += 1;
            if items > MAX_JSON_ITEMS {
                out.too_many = true;
                return out;
            }
        }
        match b[i] {
            b'{' => stack.push(Frame::Obj {
                keys: KeySet::default(),
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Arr(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Obj { expect_key, .. }) => *expect_key = true,
                Some(Frame::Arr(n)) => *n += 1,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                // The closing quote, found by memchr2 past escapes (a byte
                // loop took a quarter of reading a report's JSON).
                let mut j = start;
                while j < b.len() {
                    match memchr::memchr2(b'"', b'\\', &b[j..]) {
                        Some(k) if b[j + k] == b'\\' => j += k + 2,
                        Some(k) => {
                            j += k;
                            break;
                        }
                        None => j = b.len(),
                    }
                }
                let raw = &s[start..j.min(b.len())];
                i = j;
                if let Some(Frame::Obj {
                    keys,
                    key,
                    expect_key: expect @ true,
                }) = stack.last_mut()
                {
                    *expect = false;
                    let k: Cow<'_, str> = if raw.contains('\\') {
                        serde_json::from_str::<String>(&s[start - 1..=j.min(b.len() - 1)])
                            .map_or(Cow::Borrowed(raw), Cow::Owned)
                    } else {
                        Cow::Borrowed(raw)
                    };
                    if !keys.insert(k.clone()) && out.duplicate.is_none() {
                        *key = None;
                        let p = path(&stack, &k);
                        out.duplicate = Some(SchemaError::new(
                            &p,
                            format!(
                                "key {k:?} appears twice in one object: the value meant is not known"
                            ),
                        ));
                    }
                    if let Some(Frame::Obj { key, .. }) = stack.last_mut() {
                        *key = Some(k);
                    }
                }
            }
            c if c == b'-' || c.is_ascii_digit() => {
                let start = i;
                while i + 1 < b.len()
                    && matches!(b[i + 1], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                let lit = &s[start..=i];
                let digits = lit.strip_prefix('-').unwrap_or(lit);
                if digits.bytes().all(|d| d.is_ascii_digit())
                    && lit.parse::<i64>().is_err()
                    && lit.parse::<u64>().is_err()
                {
                    out.big_ints.push(lit.to_string());
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A string, or `None` for null; anything else is an error saying what was expected.
pub(crate) fn text<D: JsonLike>(
    x: &D,
    at: &KeyPath<'_>,
    expected: &str,
) -> Result<Option<String>, SchemaError> {
    match x.datum().map_err(|m| at.error(m))? {
        JsonItem::Null => Ok(None),
        JsonItem::Str(s) => Ok(Some(s.into_owned())),
        other => Err(at.error(format!("expected {expected}, found {}", other.kind()))),
    }
}

/// Requires `v` to be an object (before its fields are read with [`JsonLike::get`]).
pub(crate) fn expect_object<D: JsonLike>(v: &D, at: &KeyPath<'_>) -> Result<(), SchemaError> {
    match v.datum().map_err(|m| at.error(m))? {
        JsonItem::Object => Ok(()),
        other => Err(at.error(format!("expected an object, found {}", other.kind()))),
    }
}

/// After `found` of an object's keys were read as `fields`: an error naming
/// the first key that is not one of them, if there is one (how the provided
/// [`JsonLike::fields`] ends, for a host that reads the keys its own way).
pub fn check_keys<D: JsonLike>(
    v: &D,
    at: &KeyPath<'_>,
    fields: &[&'static str],
    found: usize,
) -> Result<(), SchemaError> {
    if found >= v.len() {
        return Ok(());
    }
    let keys = v.keys().map_err(|m| at.error(m))?;
    if let Some(k) = keys.iter().find(|k| !fields.contains(&k.as_str())) {
        return Err(SchemaError::new(
            &join(&at.render(), k),
            format!("unknown key {k:?}; expected one of: {}", fields.join(", ")),
        ));
    }
    // Every key is one of `fields` as text, yet fewer were found: a key
    // that a lookup by its text does not find (a Python str subclass with a
    // hash of its own), whose value would otherwise be lost.
    let mut seen: Vec<&str> = Vec::with_capacity(keys.len());
    for k in &keys {
        let lost = seen.contains(&k.as_str())
            || match fields.iter().find(|f| **f == k.as_str()) {
                Some(name) => v.get(name).map_err(|m| at.error(m))?.is_none(),
                None => false,
            };
        if lost {
            return Err(SchemaError::new(
                &join(&at.render(), k),
                format!(
                    "key {k:?} is not found by its own text (a key type with a hash of its own?)"
                ),
            ));
        }
        seen.push(k);
    }
    Ok(())
}

/// Joins a JSON path and a key.
pub(crate) fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_render_only_the_keys_on_the_way() {
        let t3 = KeyPath::Key(&KeyPath::Root, "t3");
        let row = KeyPath::Key(&t3, "new_received");
        assert_eq!(
            KeyPath::Key(&row, "total").render(),
            "t3.new_received.total"
        );
        assert_eq!(KeyPath::Index(&row, 2).render(), "t3.new_received.2");
        assert_eq!(KeyPath::Root.render(), "");
    }

    #[test]
    fn unknown_keys_are_named_with_their_path() {
        let v = json!({"b": 2, "a": 1});
        let t3 = KeyPath::Key(&KeyPath::Root, "t3");
        assert!(check_keys(&&v, &t3, &["a", "b"], 2).is_ok());
        let e = check_keys(&&v, &t3, &["a"], 1).unwrap_err();
        assert_eq!(e.path, "t3.b");
        assert!(e.message.contains("unknown key \"b\""), "{e}");
        let e = expect_object(&&json!([1]), &t3).unwrap_err();
        assert_eq!(e.path, "t3");
        assert!(e.message.contains("found an array"), "{e}");
    }

    /// JSON text for the reader's proptest: objects whose keys come from a
    /// few names, some written with an escape, so that keys repeat.
    fn json_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = (0usize..5, any::<bool>()).prop_map(|(k, esc)| {
            let name = ["a", "b", "ab", "t3", "total"][k];
            match esc {
                // The first letter as a \u escape: the same key.
                true => format!("\\u{:04x}{}", u32::from(name.as_bytes()[0]), &name[1..]),
                false => name.to_string(),
            }
        });
        let leaf = prop_oneof![
            (-5i64..5).prop_map(|n| n.to_string()),
            Just("null".to_string()),
            Just("\"x\"".to_string()),
        ];
        leaf.prop_recursive(4, 40, 8, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                proptest::collection::vec((key.clone(), inner), 0..20).prop_map(|v| {
                    let fields: Vec<String> = v
                        .into_iter()
                        .map(|(k, x)| format!("\"{k}\": {x}"))
                        .collect();
                    format!("{{{}}}", fields.join(", "))
                }),
            ]
        })
    }

    proptest::proptest! {
        /// The one-pass reader stops exactly when the scan of the whole
        /// text finds a key given twice (keys compared after escapes are
        /// read), and otherwise reads every key and value the text holds.
        #[test]
        fn reader_stops_exactly_at_a_key_given_twice(text in json_text()) {
            let scan = scan_json(&text);
            proptest::prop_assert!(!scan.too_many);
            match read_json(&text) {
                JsonRead::Stopped => proptest::prop_assert!(scan.duplicate.is_some(), "{}", text),
                JsonRead::Value(v) => {
                    proptest::prop_assert!(scan.duplicate.is_none(), "{}", text);
                    fn size(v: &Json<'_>) -> usize {
                        1 + match v {
                            Json::Arr(items) => items.iter().map(size).sum(),
                            Json::Obj(entries) => entries.iter().map(|(_, x)| 1 + size(x)).sum(),
                            _ => 0,
                        }
                    }
                    let want: serde_json::Value = serde_json::from_str(&text).unwrap();
                    fn size_of(v: &serde_json::Value) -> usize {
                        1 + match v {
                            serde_json::Value::Array(items) => items.iter().map(size_of).sum(),
                            serde_json::Value::Object(m) => m.values().map(|x| 1 + size_of(x)).sum(),
                            _ => 0,
                        }
                    }
                    proptest::prop_assert_eq!(size(&v), size_of(&want));
                }
                JsonRead::NotJson(e) => proptest::prop_assert!(false, "{}: {}", text, e),
            }
        }
    }
}
