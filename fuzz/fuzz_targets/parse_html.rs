//! Any HTML parses to a report whose findings can be computed.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let _ = ogi_report::parse_html(data).check();
});
