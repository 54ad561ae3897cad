//! RULES.md documents every finding code and report.schema.json the schema;
//! these keep both in step with the code.

#[test]
fn rules_md_lists_every_code_exactly_as_the_catalogue() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../RULES.md");
    let text = std::fs::read_to_string(&path).expect("RULES.md at the workspace root");
    let table = ogi_report::rules_markdown();
    assert!(
        text.contains(&table),
        "RULES.md is out of date: replace its table with the output of `ogi rules --format markdown`:\n{table}"
    );
}

#[test]
fn schema_file_is_the_generated_schema_in_compact_form() {
    // Compact: the file is compiled into the WebAssembly module as it is.
    let generated = serde_json::to_string(&ogi_report::Report::json_schema()).expect("JSON");
    assert!(
        ogi_report::JSON_SCHEMA.trim_end() == generated,
        "crates/ogi-report/report.schema.json is out of date: regenerate it with \
         `cargo run -p ogi-cli -- schema --compact > crates/ogi-report/report.schema.json`"
    );
}
