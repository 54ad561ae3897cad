//! Any JSON text is a report (nested or flat) or an error with its location; a
//! report read is validated and written back losslessly.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(r) = ogi_report::Report::from_json_str(data) {
        let _ = ogi_report::validate(&r);
        let back = ogi_report::Report::from_json_value(&r.to_json()).expect("own JSON reads back");
        assert_eq!(back, r);
        let flat = ogi_report::Report::from_flat_value(&r.to_flat()).expect("own flat form reads back");
        assert_eq!(flat, r);
    }
});
