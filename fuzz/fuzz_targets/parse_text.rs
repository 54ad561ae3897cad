//! Any text parses to a report whose findings can be computed and whose JSON round-trips.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let parsed = ogi_report::parse_text(data);
    let _ = parsed.check();
    let json = parsed.report.to_json();
    let back = ogi_report::Report::from_json_value(&json).expect("own JSON reads back");
    assert_eq!(back, parsed.report);
});
