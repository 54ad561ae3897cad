//! The dates family: the publication deadline (`meta.late`) and the
//! statistics period (`meta.period`). The rules live in
//! [`crate::review::dates`]; these are their entries in the registry.

use super::CellIndex;
use crate::finding::Finding;
use crate::report::Report;
use crate::review;

/// [`review::check_late`], appending to `out` (the registered check).
pub(super) fn late_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(review::check_late(report));
}

/// [`review::check_period`], appending to `out` (the registered check).
pub(super) fn period_into(report: &Report, _idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(review::check_period(report));
}
