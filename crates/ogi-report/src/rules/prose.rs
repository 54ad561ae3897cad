//! The prose family: figures in the text against the tables
//! (`prose.mismatch`, `prose.counts_carried_over`, `prose.unmapped`). The
//! rule lives in [`crate::prose`]; this is its entry in the registry.

use super::CellIndex;
use crate::finding::Finding;
use crate::report::Report;

/// [`crate::prose::check_prose`], appending to `out` (the registered check).
pub(super) fn prose_into(report: &Report, idx: &CellIndex<'_>, out: &mut Vec<Finding>) {
    out.extend(crate::prose::check_prose(report, idx));
}
