//! The machinery behind the typed schema: every table struct is a [`Node`]
//! whose fields are cells or further nodes. One macro declares a struct once
//! and derives from that declaration its canonical paths, lookup by path and
//! by template position, the
//! nested JSON form (with exact error paths) and its JSON Schema.

use crate::cell::{CellMut, CellRef, CountCell, MoneyCell};
use crate::data::{JsonLike, KeyPath};
use crate::error::SchemaError;
use serde_json::{json, Value};

/// A part of a report's tables, addressed by canonical dotted paths.
pub trait Node: Default + Clone + PartialEq + std::fmt::Debug {
    /// The number of cells of this node when present.
    const CELLS: usize;
    /// Calls `f` with the full path and the cell, for every cell, in template order.
    fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>));
    /// Appends every cell in template order; an absent part appends `None`
    /// for each of its cells, so positions stay those of the template.
    fn cells_into<'a>(&'a self, out: &mut Vec<Option<CellRef<'a>>>);
    /// Like [`Node::cells_into`], for writing the cells.
    fn cells_mut_into<'a>(&'a mut self, out: &mut Vec<Option<CellMut<'a>>>);
    /// The cell at the dotted `path` relative to this node.
    fn lookup(&self, path: &str) -> Option<CellRef<'_>>;
    /// The mutable cell at the dotted `path` relative to this node.
    fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>>;
    /// The cell at template position `pos` relative to this node (the
    /// order of [`Node::cells_into`]); `None` past its cells or in an absent part.
    fn cell_at(&self, pos: usize) -> Option<CellRef<'_>>;
    /// The mutable cell at template position `pos`. As with
    /// [`Node::lookup_mut`], writing into an [`Extra`] part makes it present.
    fn cell_at_mut(&mut self, pos: usize) -> Option<CellMut<'_>>;
    /// The nested JSON form.
    fn to_json(&self) -> Value;
    /// Reads the nested form from any JSON-like data; `at` is where `v` sits, for errors.
    fn from_data<D: JsonLike>(v: &D, at: &KeyPath<'_>) -> Result<Self, SchemaError> {
        let mut out = Self::default();
        out.read_data(v, at)?;
        Ok(out)
    }
    /// Reads the nested form into `self` in place (fields absent from `v`
    /// keep their value). On an error `self` may be partly read.
    fn read_data<D: JsonLike>(&mut self, v: &D, at: &KeyPath<'_>) -> Result<(), SchemaError>;
    /// The JSON Schema of the nested form. Cells are `$ref`s to the
    /// definitions under the root's `$defs` (see [`crate::Report::json_schema`]).
    fn schema() -> Value;
    /// True when the nested form leaves this part's key out: an [`Extra`]
    /// part the report does not print.
    fn omitted(&self) -> bool {
        false
    }
    /// Makes every [`Extra`] part inside present (with blank cells), so that
    /// every cell a report of this kind can hold is visited (the template's
    /// paths are read off such a node).
    fn fill_extras(&mut self) {}
}

/// Splits `"a.b.c"` into `("a", "b.c")`.
pub(crate) fn split_path(path: &str) -> (&str, &str) {
    match path.find('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (path, ""),
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

macro_rules! leaf_node {
    ($ty:ty, $variant:ident) => {
        impl Node for $ty {
            const CELLS: usize = 1;
            fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>)) {
                f(path, CellRef::$variant(self));
            }
            fn cells_into<'a>(&'a self, out: &mut Vec<Option<CellRef<'a>>>) {
                out.push(Some(CellRef::$variant(self)));
            }
            fn cells_mut_into<'a>(&'a mut self, out: &mut Vec<Option<CellMut<'a>>>) {
                out.push(Some(CellMut::$variant(self)));
            }
            fn lookup(&self, path: &str) -> Option<CellRef<'_>> {
                path.is_empty().then_some(CellRef::$variant(self))
            }
            fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
                path.is_empty().then_some(CellMut::$variant(self))
            }
            fn cell_at(&self, pos: usize) -> Option<CellRef<'_>> {
                (pos == 0).then_some(CellRef::$variant(self))
            }
            fn cell_at_mut(&mut self, pos: usize) -> Option<CellMut<'_>> {
                (pos == 0).then_some(CellMut::$variant(self))
            }
            fn to_json(&self) -> Value {
                <$ty>::to_json(self)
            }
            fn read_data<D: JsonLike>(
                &mut self,
                v: &D,
                at: &KeyPath<'_>,
            ) -> Result<(), SchemaError> {
                *self = <$ty>::from_data(v).map_err(|m| at.error(m))?;
                Ok(())
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
    const CELLS: usize = N::CELLS;
    fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>)) {
        if let Some(n) = self {
            n.visit(path, f);
        }
    }
    fn cells_into<'a>(&'a self, out: &mut Vec<Option<CellRef<'a>>>) {
        match self {
            Some(n) => n.cells_into(out),
            None => out.extend(std::iter::repeat_n(None, N::CELLS)),
        }
    }
    fn cells_mut_into<'a>(&'a mut self, out: &mut Vec<Option<CellMut<'a>>>) {
        match self {
            Some(n) => n.cells_mut_into(out),
            None => out.extend(std::iter::repeat_with(|| None).take(N::CELLS)),
        }
    }
    fn lookup(&self, path: &str) -> Option<CellRef<'_>> {
        self.as_ref().and_then(|n| n.lookup(path))
    }
    fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
        self.as_mut().and_then(|n| n.lookup_mut(path))
    }
    fn cell_at(&self, pos: usize) -> Option<CellRef<'_>> {
        self.as_ref().and_then(|n| n.cell_at(pos))
    }
    fn cell_at_mut(&mut self, pos: usize) -> Option<CellMut<'_>> {
        self.as_mut().and_then(|n| n.cell_at_mut(pos))
    }
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, N::to_json)
    }
    fn read_data<D: JsonLike>(&mut self, v: &D, at: &KeyPath<'_>) -> Result<(), SchemaError> {
        if v.is_null() {
            *self = None;
            return Ok(());
        }
        self.get_or_insert_with(N::default).read_data(v, at)
    }
    fn schema() -> Value {
        json!({"oneOf": [{"type": "null", "description": "table absent"}, N::schema()]})
    }
    fn fill_extras(&mut self) {
        if let Some(n) = self {
            n.fill_extras();
        }
    }
}

/// A part of a table that the national format does not have but some reports
/// print instead of the rows the format asks for (a 2021 table 3 printing
/// (六)其他处理 as one row, the 2019 way): `None`, the usual case, when the
/// report does not print it.
///
/// Its cells are then not in the report: the nested form has no key for it,
/// the flat form no cells, and [`Node::cells_into`] gives `None` for each (as
/// for a table that is absent). Asking for one of its cells through
/// [`Node::lookup_mut`] or [`Node::cell_at_mut`] makes it present, its other
/// cells blank.
///
/// Boxed: it is seldom printed, and a report's tables stay as large as the
/// national format's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra<N>(pub Option<Box<N>>);

impl<N> Extra<N> {
    /// The part, when the report prints it.
    pub fn get(&self) -> Option<&N> {
        self.0.as_deref()
    }
    /// Is it printed?
    pub fn is_present(&self) -> bool {
        self.0.is_some()
    }
}

impl<N: Node> Node for Extra<N> {
    const CELLS: usize = N::CELLS;
    fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, CellRef<'a>)) {
        if let Some(n) = &self.0 {
            n.visit(path, f);
        }
    }
    fn cells_into<'a>(&'a self, out: &mut Vec<Option<CellRef<'a>>>) {
        match &self.0 {
            Some(n) => n.cells_into(out),
            None => out.extend(std::iter::repeat_n(None, N::CELLS)),
        }
    }
    fn cells_mut_into<'a>(&'a mut self, out: &mut Vec<Option<CellMut<'a>>>) {
        match &mut self.0 {
            Some(n) => n.cells_mut_into(out),
            None => out.extend(std::iter::repeat_with(|| None).take(N::CELLS)),
        }
    }
    fn lookup(&self, path: &str) -> Option<CellRef<'_>> {
        self.0.as_ref().and_then(|n| n.lookup(path))
    }
    fn lookup_mut(&mut self, path: &str) -> Option<CellMut<'_>> {
        // Only a path that names one of its cells makes the part present.
        if self.0.is_none() && N::default().lookup(path).is_none() {
            return None;
        }
        self.0.get_or_insert_with(Box::default).lookup_mut(path)
    }
    fn cell_at(&self, pos: usize) -> Option<CellRef<'_>> {
        self.0.as_ref().and_then(|n| n.cell_at(pos))
    }
    fn cell_at_mut(&mut self, pos: usize) -> Option<CellMut<'_>> {
        // Only a position that names one of its cells makes it present.
        if self.0.is_none() && N::default().cell_at(pos).is_none() {
            return None;
        }
        self.0.get_or_insert_with(Box::default).cell_at_mut(pos)
    }
    fn to_json(&self) -> Value {
        self.0.as_ref().map_or(Value::Null, |n| n.to_json())
    }
    fn read_data<D: JsonLike>(&mut self, v: &D, at: &KeyPath<'_>) -> Result<(), SchemaError> {
        if v.is_null() {
            self.0 = None;
            return Ok(());
        }
        self.0.get_or_insert_with(Box::default).read_data(v, at)
    }
    fn schema() -> Value {
        json!({
            "oneOf": [{"type": "null"}, N::schema()],
            "description": "printed by some reports only, in place of rows the national format asks for; left out (or null) when the report does not print it"
        })
    }
    fn omitted(&self) -> bool {
        self.0.is_none()
    }
    fn fill_extras(&mut self) {
        self.0.get_or_insert_with(Box::default).fill_extras();
    }
}

/// Declares a table struct: each field a cell or a node, with its Chinese label.
///
/// With `Name as Key { field / Variant: Type = "label", … }`, it also declares
/// `Key`, a typed name for each field (see [`crate::id`]): the declaration is
/// the one place a row, column or group is spelt, and a misspelt one does not
/// compile.
macro_rules! table_node {
    ($(#[$m:meta])* $name:ident as $key:ident {
        $( $field:ident / $variant:ident : $ty:ty = $label:literal ),* $(,)?
    }) => {
        $crate::tree::table_node! { $(#[$m])* $name { $( $field: $ty = $label ),* } }

        $crate::tree::keys! {
            #[doc = concat!("The fields of [`", stringify!($name), "`], typed: one variant per field, in template order.")]
            $key { $( $field / $variant = $label ),* }
        }
    };
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
        impl $crate::tree::Node for $name {
            const CELLS: usize = 0 $( + <$ty as $crate::tree::Node>::CELLS )*;
            fn visit<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, $crate::cell::CellRef<'a>)) {
                $( $crate::tree::visit_child(&self.$field, stringify!($field), path, f); )*
            }
            fn cells_into<'a>(&'a self, out: &mut Vec<Option<$crate::cell::CellRef<'a>>>) {
                $( $crate::tree::Node::cells_into(&self.$field, out); )*
            }
            fn cells_mut_into<'a>(&'a mut self, out: &mut Vec<Option<$crate::cell::CellMut<'a>>>) {
                $( $crate::tree::Node::cells_mut_into(&mut self.$field, out); )*
            }
            fn lookup(&self, path: &str) -> Option<$crate::cell::CellRef<'_>> {
                let (head, rest) = $crate::tree::split_path(path);
                match head {
                    $( stringify!($field) => self.$field.lookup(rest), )*
                    _ => None,
                }
            }
            fn lookup_mut(&mut self, path: &str) -> Option<$crate::cell::CellMut<'_>> {
                let (head, rest) = $crate::tree::split_path(path);
                match head {
                    $( stringify!($field) => self.$field.lookup_mut(rest), )*
                    _ => None,
                }
            }
            fn cell_at(&self, pos: usize) -> Option<$crate::cell::CellRef<'_>> {
                let mut pos = pos;
                $(
                    let cells = <$ty as $crate::tree::Node>::CELLS;
                    if pos < cells {
                        return self.$field.cell_at(pos);
                    }
                    pos -= cells;
                )*
                let _ = pos;
                None
            }
            fn cell_at_mut(&mut self, pos: usize) -> Option<$crate::cell::CellMut<'_>> {
                let mut pos = pos;
                $(
                    let cells = <$ty as $crate::tree::Node>::CELLS;
                    if pos < cells {
                        return self.$field.cell_at_mut(pos);
                    }
                    pos -= cells;
                )*
                let _ = pos;
                None
            }
            fn to_json(&self) -> serde_json::Value {
                let mut m = serde_json::Map::new();
                $( if !$crate::tree::Node::omitted(&self.$field) {
                    m.insert(stringify!($field).to_string(), self.$field.to_json());
                } )*
                serde_json::Value::Object(m)
            }
            fn read_data<D: $crate::data::JsonLike>(
                &mut self,
                v: &D,
                at: &$crate::data::KeyPath<'_>,
            ) -> Result<(), $crate::error::SchemaError> {
                static KEYS: $crate::data::ObjectKeys = $crate::data::ObjectKeys::new($name::FIELDS);
                v.fields(&KEYS, at, &mut |i, x, at| {
                    let mut j = 0usize;
                    $(
                        if i == j {
                            return $crate::tree::Node::read_data(&mut self.$field, x, at);
                        }
                        j += 1;
                    )*
                    let _ = j;
                    Ok(())
                })
            }
            fn schema() -> serde_json::Value {
                let mut props = serde_json::Map::new();
                $( {
                    let mut s = <$ty as $crate::tree::Node>::schema();
                    if let Some(o) = s.as_object_mut() {
                        o.insert("title".into(), serde_json::Value::String($label.into()));
                    }
                    props.insert(stringify!($field).to_string(), s);
                } )*
                serde_json::json!({"type": "object", "properties": props, "additionalProperties": false})
            }
            fn fill_extras(&mut self) {
                $( $crate::tree::Node::fill_extras(&mut self.$field); )*
            }
        }
    };
}
pub(crate) use table_node;

/// Declares a typed key: an enum with one variant per canonical key, its
/// label, and the conversions from and to the key's text.
macro_rules! keys {
    ($(#[$m:meta])* $key:ident { $( $field:ident / $variant:ident = $label:literal ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $key {
            $( #[doc = $label] $variant, )*
        }
        impl $key {
            /// Every variant, in template order.
            pub const ALL: &'static [$key] = &[$($key::$variant),*];
            /// The canonical key, as in paths and JSON.
            pub const fn key(self) -> &'static str {
                match self { $( $key::$variant => stringify!($field), )* }
            }
            /// The variant of a canonical key.
            pub fn from_key(key: &str) -> Option<$key> {
                match key { $( stringify!($field) => Some($key::$variant), )* _ => None }
            }
            /// The label the schema declares (Chinese, as on the form).
            pub const fn declared_label(self) -> &'static str {
                match self { $( $key::$variant => $label, )* }
            }
            /// The position in [`Self::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }
        impl std::fmt::Display for $key {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}
pub(crate) use keys;
