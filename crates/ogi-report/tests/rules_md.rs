//! RULES.md documents every finding code; this keeps it in step with the code.

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
