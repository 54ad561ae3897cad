//! Prints what the Rust core says about every report of the corpus, as the JS
//! tests expect the WebAssembly build to say it:
//! `{"<file>": {"findings": [...]}}` with the findings of `Parsed::check()`.
//!
//! ```sh
//! cargo run -p ogi-report-wasm --example corpus_findings -- tests/corpus > expected.json
//! ```

use serde_json::{Map, Value};
use std::path::PathBuf;

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus"));
    let mut names: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "html"))
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    names.sort();
    let mut out = Map::new();
    for path in names {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("cannot read {}: {e}", path.display());
                std::process::exit(2);
            }
        };
        let findings = ogi_report::parse(&text).check();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        out.insert(
            name.unwrap_or_default(),
            serde_json::json!({ "findings": findings }),
        );
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_default()
    );
}
