//! Helpers shared by the command's integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// Runs `ogi` with `args`: its exit code, stdout and stderr.
pub fn ogi(args: &[&str]) -> (i32, String, String) {
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

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
