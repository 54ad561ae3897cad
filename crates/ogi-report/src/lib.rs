//! # ogi-report
//!
//! The Chinese *annual report on open government information*
//! (政府信息公开工作年度报告): its schema in both national formats, parsers for
//! the layouts scraped texts come in, and every rule a careful reviewer applies.
//!
//! The modules build on each other without cycles (a test of the crate's
//! layout keeps it so):
//! - [`cell`], [`data`] and the declaration machinery: a cell's states, and
//!   reading any JSON-like data;
//! - [`schema`]: both formats' tables, declared once, with the typed keys of
//!   their rows and columns;
//! - [`id`]: [`CellId`] and [`RowId`], one cell or row of either format;
//! - [`report`]: the whole report (metadata, [`SectionId`] sections, sources)
//!   and its JSON forms;
//! - [`template`], [`labels`], [`index`]: each format's cells and equations, the
//!   printed labels, cells by position;
//! - [`parse`](mod@parse), [`rules`](mod@rules), [`prose`], [`review`], [`finding`], `summary`:
//!   reading a text, and checking a report.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod agency;
pub mod cell;
pub mod data;
pub mod error;
mod joined;
pub mod report;
pub mod schema;
mod tree;

pub use cell::{Cell, CellMut, CellRef, CellState, CountCell, MoneyCell, ValueKind};
pub use data::{read_fields, JsonItem, JsonLike, KeyPath, ObjectKeys, ReadField};
pub use error::{Error, SchemaError};
pub use report::*;
pub use rust_decimal::Decimal;
pub use schema::*;
pub use tree::{Extra, Node};
pub mod finding;
pub mod id;
pub mod index;
pub mod labels;
pub mod parse;
pub mod prose;
pub mod review;
pub mod rules;
#[cfg(feature = "summary")]
pub mod summary;
pub mod template;
pub mod text;

pub use agency::{agency_kind, AgencyKind};
pub use finding::{Code, Finding, Severity};
pub use id::{CellId, RowId, T2Col, T3Group, T3Row};
pub use labels::label;
pub use parse::{parse, parse_bytes, parse_html, parse_text, Kind, Parsed, SourceKind};
pub use rules::{
    is_valid, validate, validate_json, validate_json_str, validate_series, validate_value, Family,
};
pub use rules::{rules, rules_markdown, RuleInfo};
pub use schema::{
    OtherReason, RejectedReason, T2Row, T3Col, T4Col, T4Group, UnableReason, WithheldReason,
};
pub use template::{Equation, EquationKind, Template};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
