//! The reviewer's rules beyond the tables' arithmetic: what the national
//! notices and the regulation ask of a report's text and dates.
//!
//! | code | module |
//! |---|---|
//! | `section.perfunctory` | [`sections`] |
//! | `fees.not_stated` | [`fees`] |
//! | `meta.late`, `meta.period` | [`dates`] |
//! | `series.prose_copied` | [`copied`] |

pub mod copied;
pub mod dates;
pub mod fees;
pub mod sections;

pub use copied::{check_prose_copied, fingerprints, repeated_share, Fingerprint};
pub use dates::{check_late, check_period, Date};
pub use fees::{check_fee_statement, states_fees};
pub use sections::{check_perfunctory, perfunctory_overview, perfunctory_problems};
