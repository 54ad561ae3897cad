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
fn schema_file_is_the_generated_schema() {
    let file: serde_json::Value =
        serde_json::from_str(ogi_report::JSON_SCHEMA).expect("report.schema.json is JSON");
    assert!(
        file == ogi_report::Report::json_schema(),
        "crates/ogi-report/report.schema.json is out of date: regenerate it with \
         `cargo run -p ogi-cli -- schema > crates/ogi-report/report.schema.json`"
    );
}
