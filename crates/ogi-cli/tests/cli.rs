//! The `ogi` command: exit codes, output forms and bad input.

use std::path::PathBuf;
use std::process::Command;

fn ogi(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ogi"))
        .args(args)
        .output()
        .expect("run ogi");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmp(name: &str, content: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ogi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

#[test]
fn check_on_the_sample_reports_exits_zero() {
    let dir = root().join("examples/reports");
    let (code, out, err) = ogi(&["check", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("邵阳市大祥区人民政府"));
}

#[test]
fn check_exits_one_on_errors_and_prints_json_findings() {
    let p = tmp(
        "bad.json",
        r#"{"format":"2021","cells":{"t4.review.upheld":1,"t4.review.corrected":0,"t4.review.other":0,"t4.review.pending":0,"t4.review.total":2}}"#,
    );
    let (code, out, _) = ogi(&[
        "check",
        p.to_str().unwrap(),
        "--format",
        "json",
        "--severity",
        "error",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["code"], "t4.group_total");
    assert_eq!(f["path"], "t4.review.total");
    assert_eq!(f["expected"], 1);
    assert_eq!(f["actual"], 2);
}

#[test]
fn bad_json_is_exit_two_with_the_json_path() {
    let p = tmp(
        "wrong.json",
        r#"{"format":"2021","t3":{"new_received":{"total":"many"}}}"#,
    );
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t3.new_received.total"), "{err}");
    let p = tmp("unknown.json", r#"{"format":"2021","t9":{}}"#);
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t9"), "{err}");
    let p = tmp(
        "huge.json",
        r#"{"format":"2021","t4":{"review":{"total":123456789012345678901234567890}}}"#,
    );
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("t4.review.total"), "{err}");
    let p = tmp("notjson.json", "{not json");
    let (code, _, err) = ogi(&["check", p.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn missing_file_and_bad_usage_exit_two() {
    assert_eq!(ogi(&["check", "/no/such/file.json"]).0, 2);
    assert_eq!(ogi(&["check"]).0, 2);
    assert_eq!(ogi(&["frobnicate"]).0, 2);
}

#[test]
fn schema_and_rules_print() {
    let (code, out, _) = ogi(&["schema"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["oneOf"].as_array().unwrap().len(), 2);
    let (code, out, _) = ogi(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == "t3.balance"));
}
