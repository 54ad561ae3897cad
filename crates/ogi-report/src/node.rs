//! The machinery behind the typed schema: every table struct is a [`Node`]
//! whose fields are cells or further nodes. One macro declares a struct once
//! and derives from that declaration its canonical paths, lookup by path, the
//! nested JSON form (with exact error paths) and its JSON Schema.

use crate::cell::{CellMut, CellRef, CountCell, MoneyCell};
use crate::error::SchemaError;
use serde_json::{json, Map, Value};

/// A part of a report's tables, addressed by canonical dotted paths.
pub trait Node: Default + Clone + PartialEq + std::fmt::Debug {
    /// Calls `f` with the full path and the cell, for every cell, in template order.
    fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>));
    /// The cell at the dotted `path` relative to this node.
    fn lookup(&self, path: &str) -> Option<CellRef<'_>>;
    /// The mutable cell at the dotted `path` relative to this node.
    fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>>;
    /// The nested JSON form.
    fn to_json(&self) -> Value;
    /// Reads the nested JSON form; `at` is the JSON path of `v`, for errors.
    fn from_json(v: &Value, at: &str) -> Result<Self, SchemaError>;
    /// The JSON Schema of the nested form.
    fn schema() -> Value;
}

/// Splits `"a.b.c"` into `("a", "b.c")`.
pub(crate) fn split_path(path: &str) -> (&str, &str) {
    match path.find('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (path, ""),
    }
}

/// Joins a JSON path and a key.
pub(crate) fn join(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_string()
    } else {
        format!("{at}.{key}")
    }
}

/// Visits a child node under `key`.
pub(crate) fn visit_child<'a, N: Node>(
    child: &'a N,
    key: &str,
    path: &mut String,
    f: &mut dyn FnMut(&str, CellRef<'a>),
) {
    let len = path.len();
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
    child.visit(path, f);
    path.truncate(len);
}

/// Requires `v` to be an object whose keys are all in `fields`.
pub(crate) fn expect_object<'v>(
    v: &'v Value,
    at: &str,
    fields: &[&str],
) -> Result<&'v Map<String, Value>, SchemaError> {
    let obj = v.as_object().ok_or_else(|| {
        SchemaError::new(
            at,
            format!("expected an object, found {}", crate::cell::kind_of(v)),
        )
    })?;
    for k in obj.keys() {
        if !fields.contains(&k.as_str()) {
            return Err(SchemaError::new(
                &join(at, k),
                format!("unknown key {k:?}; expected one of: {}", fields.join(", ")),
            ));
        }
    }
    Ok(obj)
}

macro_rules! leaf_node {
    ($ty:ty, $variant:ident) => {
        impl Node for $ty {
            fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>)) {
                f(path, CellRef::$variant(self));
            }
            fn lookup(&self, path: &str) -> Option<CellRef<'_>> {
                path.is_empty().then_some(CellRef::$variant(self))
            }
            fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
                path.is_empty().then_some(CellMut::$variant(self))
            }
            fn to_json(&self) -> Value {
                <$ty>::to_json(self)
            }
            fn from_json(v: &Value, at: &str) -> Result<Self, SchemaError> {
                <$ty>::from_json(v).map_err(|m| SchemaError::new(at, m))
            }
            fn schema() -> Value {
                <$ty>::schema()
            }
        }
    };
}
leaf_node!(CountCell, Count);
leaf_node!(MoneyCell, Money);

impl<N: Node> Node for Option<N> {
    fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>)) {
        if let Some(n) = self {
            n.visit(path, f);
        }
    }
    fn lookup(&self, path: &str) -> Option<CellRef<'_>> {
        self.as_ref().and_then(|n| n.lookup(path))
    }
    fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
        self.as_mut().and_then(|n| n.lookup_mut(path))
    }
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, N::to_json)
    }
    fn from_json(v: &Value, at: &str) -> Result<Self, SchemaError> {
        if v.is_null() {
            Ok(None)
        } else {
            N::from_json(v, at).map(Some)
        }
    }
    fn schema() -> Value {
        json!({"oneOf": [{"type": "null", "description": "table absent"}, N::schema()]})
    }
}

/// Declares a table struct: each field a cell or a node, with its Chinese label.
macro_rules! node {
    ($(#[$m:meta])* $name:ident { $( $field:ident : $ty:ty = $label:literal ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( #[doc = $label] pub $field: $ty, )*
        }
        impl $name {
            /// The canonical keys of the fields, in template order.
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
        impl $crate::node::Node for $name {
            fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, $crate::cell::CellRef<'a>)) {
                $( $crate::node::visit_child(&self.$field, stringify!($field), path, f); )*
            }
            fn lookup(&self, path: &str) -> Option<$crate::cell::CellRef<'_>> {
                let (head, rest) = $crate::node::split_path(path);
                match head {
                    $( stringify!($field) => self.$field.lookup(rest), )*
                    _ => None,
                }
            }
            fn lookup_mut(&mut self, path: &str) -> Option<$crate::cell::CellMut<'_>> {
                let (head, rest) = $crate::node::split_path(path);
                match head {
                    $( stringify!($field) => self.$field.lookup_mut(rest), )*
                    _ => None,
                }
            }
            fn to_json(&self) -> serde_json::Value {
                let mut m = serde_json::Map::new();
                $( m.insert(stringify!($field).to_string(), self.$field.to_json()); )*
                serde_json::Value::Object(m)
            }
            fn from_json(v: &serde_json::Value, at: &str) -> Result<Self, $crate::error::SchemaError> {
                let obj = $crate::node::expect_object(v, at, Self::FIELDS)?;
                Ok(Self {
                    $( $field: match obj.get(stringify!($field)) {
                        Some(x) => <$ty as $crate::node::Node>::from_json(x, &$crate::node::join(at, stringify!($field)))?,
                        None => Default::default(),
                    }, )*
                })
            }
            fn schema() -> serde_json::Value {
                let mut props = serde_json::Map::new();
                $( {
                    let mut s = <$ty as $crate::node::Node>::schema();
                    if let Some(o) = s.as_object_mut() {
                        o.insert("title".into(), serde_json::Value::String($label.into()));
                    }
                    props.insert(stringify!($field).to_string(), s);
                } )*
                serde_json::json!({"type": "object", "properties": props, "additionalProperties": false})
            }
        }
    };
}
pub(crate) use node;
