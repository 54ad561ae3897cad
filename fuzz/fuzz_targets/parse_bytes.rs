//! Any bytes are a report (decoded as UTF-8 or GB18030) or a located parse error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match ogi_report::parse_bytes(data, ogi_report::Kind::Auto) {
        Ok(p) => {
            let _ = p.check();
        }
        Err(ogi_report::Error::Parse { line, column, .. }) => assert!(line >= 1 && column >= 1),
        Err(e) => panic!("unexpected error kind: {e}"),
    }
});
