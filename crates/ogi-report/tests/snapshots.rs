//! Snapshots of `check()`'s findings for every corpus report, in JSON with
//! both languages. They pin today's behaviour: any change to what a report
//! yields (a new finding, a reworded message, a moved source line) shows up as
//! a diff to review. Accept an intended change with
//! `INSTA_UPDATE=always cargo test -p ogi-report --test snapshots` and commit
//! the `.snap` files with it.

mod common;

use ogi_report::{parse_bytes, Kind};

#[test]
fn findings_of_every_corpus_report_match_their_snapshot() {
    for path in common::corpus_texts() {
        let bytes = std::fs::read(&path).expect("readable corpus file");
        let parsed = parse_bytes(&bytes, Kind::Auto).expect("corpus text decodes");
        let findings = parsed.check();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(stem.clone());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_description(format!("findings of tests/corpus/{stem}.txt"));
        settings.bind(|| insta::assert_json_snapshot!("findings", findings));
    }
}
