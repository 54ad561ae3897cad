//! Any bytes given as a PDF end in a report or one `input.*` finding (damaged,
//! encrypted, image only), never a panic, a hang or unbounded memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = ogi_report::parse_bytes(data, ogi_report::Kind::Pdf).expect("a PDF is always read");
    assert_eq!(p.kind, ogi_report::SourceKind::Pdf);
    let _ = p.check();
});
