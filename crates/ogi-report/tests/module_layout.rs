//! The crate's top-level modules depend on each other without cycles, so
//! that each can be read (and changed) knowing only the ones below it. A
//! module's dependencies are the `crate::name` paths its files spell outside
//! comments and their unit tests.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every `.rs` file under `dir`, with its path relative to `root`.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src");
            let text = fs::read_to_string(&path).expect("UTF-8 source");
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

/// The top-level module a file belongs to (`parse/solve.rs` → `parse`).
fn module_of(rel: &str) -> &str {
    let first = rel.split('/').next().unwrap_or(rel);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// The modules `text` names as `crate::name`, its comments and unit tests left out.
fn named_modules(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut out = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (i, _) in line.match_indices("crate::") {
            let name: String = line[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// The dependency graph of the crate's top-level modules.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, _) in &files {
        g.entry(module_of(rel).to_string()).or_default();
    }
    for (rel, text) in &files {
        let m = module_of(rel);
        if m == "lib" {
            continue;
        }
        let deps: BTreeSet<String> = named_modules(text)
            .into_iter()
            .filter(|d| d != m && g.contains_key(d))
            .collect();
        g.get_mut(m).expect("listed").extend(deps);
    }
    g.remove("lib");
    g
}

/// A cycle through `g`, if there is one (as the modules along it).
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        g: &BTreeMap<String, BTreeSet<String>>,
        m: &str,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in g.get(m).into_iter().flatten() {
            if let Some(c) = walk(g, d, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|m| walk(g, m, &mut Vec::new(), &mut done))
}

#[test]
fn the_top_level_modules_depend_on_each_other_without_cycles() {
    let g = graph();
    // The layout the crate's docs describe, spot-checked.
    assert!(g["id"].contains("schema") && !g["schema"].contains("id"));
    assert!(g["report"].contains("id") && !g["id"].contains("report"));
    if let Some(cycle) = find_cycle(&g) {
        panic!("module cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let mut g = graph();
    // id depends on schema; schema naming id too closes a cycle.
    g.get_mut("schema").expect("schema").insert("id".into());
    let cycle = find_cycle(&g).expect("a cycle");
    assert!(cycle.contains(&"schema".to_string()) && cycle.contains(&"id".to_string()));
}
