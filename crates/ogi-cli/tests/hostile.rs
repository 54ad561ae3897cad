//! Hostile crawls (issue 12): one bad file never costs the batch, reading is
//! bounded, output is never silently lost, and what is printed is safe.
//! Every input is generated in a temporary folder.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ogi"));
    c.env_remove("OGI_DEBUG_PANIC_ON");
    c
}

/// Runs `cmd`, killing it (and failing) if it takes longer than `secs`.
fn run(cmd: &mut Command, secs: u64) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ogi");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(out) => out.expect("wait for ogi"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("ogi did not finish within {secs} s: {cmd:?}");
        }
    }
}

fn ogi(args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    c.args(args);
    text(run(&mut c, 60))
}

fn text(out: Output) -> (i32, String, String) {
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh, empty folder for one test, removed when the test ends.
struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("ogi-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(name)
}

/// A report with no errors.
const GOOD: &str = "000_daxiang_2021_cellpipes.txt";
/// A report with warnings that point at source lines.
const LINES: &str = "008_shanghai_govoffice_2019_old_format_rows.txt";

fn copy_good(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::copy(corpus(GOOD), &p).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------- 1. isolation

#[test]
fn a_panic_in_one_file_is_an_error_for_that_file_and_the_batch_goes_on() {
    let dir = scratch("panic");
    copy_good(&dir, "a_good.txt");
    copy_good(&dir, "b_boom.txt");
    copy_good(&dir, "c_good.txt");
    for format in ["human", "json", "ndjson", "csv"] {
        let mut c = bin();
        c.env("OGI_DEBUG_PANIC_ON", "b_boom")
            .args(["check", s(&dir), "--format", format]);
        let (code, out, err) = text(run(&mut c, 60));
        assert_eq!(code, 2, "{format}: {out}{err}");
        assert!(
            out.contains("a_good.txt") && out.contains("c_good.txt"),
            "{out}"
        );
        let boom = out.lines().find(|l| l.contains("b_boom.txt")).unwrap_or("");
        assert!(boom.contains("internal error"), "{format}: {out}");
        assert!(boom.contains("src/load.rs"), "the place is named: {boom}");
        // The default panic message (`thread … panicked`) is not printed.
        assert!(!err.contains("panicked"), "{err}");
        if format == "human" {
            assert!(out.contains("无法读取 1 份"), "{out}");
        }
    }
}

// ---------------------------------------------------------------- 2. bounded resources

#[test]
fn max_size_refuses_larger_files_without_reading_them() {
    let dir = scratch("maxsize");
    let good = copy_good(&dir, "good.txt");
    let size = std::fs::metadata(&good).unwrap().len();
    let (code, out, _) = ogi(&["check", s(&good), "--max-size", "1K"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("larger than the limit of 1K (--max-size 1K)"),
        "{out}"
    );
    let limit = size.to_string();
    assert_eq!(ogi(&["check", s(&good), "--max-size", &limit]).0, 0);
    let below = (size - 1).to_string();
    assert_eq!(ogi(&["check", s(&good), "--max-size", &below]).0, 2);
    // A 100 MB sparse file (no disk used) is over the default limit of 64M.
    let huge = dir.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let started = Instant::now();
    let (code, out, _) = ogi(&["check", s(&dir)]);
    assert_eq!(code, 2);
    assert!(
        out.contains("huge.txt: 无法读取：larger than the limit of 64M"),
        "{out}"
    );
    assert!(out.contains("good.txt"), "{out}");
    assert!(started.elapsed() < Duration::from_secs(20));
    for cmd in ["parse", "cells", "series"] {
        let (code, _, err) = ogi(&[cmd, s(&huge), "--max-size", "10M"]);
        assert_eq!(code, 2, "{cmd}");
        assert!(err.contains("larger than the limit of 10M"), "{cmd}: {err}");
    }
    // Bad sizes are usage errors.
    for bad in ["0", "ten", "5T", "99999999999999999999G"] {
        assert_eq!(ogi(&["check", s(&good), "--max-size", bad]).0, 2, "{bad}");
    }
}

#[cfg(unix)]
#[test]
fn devices_are_refused_without_being_read() {
    for cmd in ["check", "parse", "cells"] {
        let (code, out, err) = ogi(&[cmd, "/dev/zero"]);
        assert_eq!(code, 2, "{cmd}");
        assert!(
            format!("{out}{err}").contains("not a regular file (a character device)"),
            "{cmd}: {out}{err}"
        );
    }
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

#[cfg(unix)]
#[test]
fn fifos_and_sockets_are_reported_and_skipped_never_opened() {
    let dir = scratch("fifo");
    copy_good(&dir, "good.txt");
    let fifo = dir.join("pipe.txt");
    mkfifo(&fifo);
    let _sock = std::os::unix::net::UnixListener::bind(dir.join("sock.html")).unwrap();
    mkfifo(&dir.join("other-fifo"));
    for format in ["human", "json", "ndjson", "csv"] {
        let (code, out, err) = ogi(&["check", s(&dir), "--format", format]);
        assert_eq!(code, 2, "{format}");
        assert!(out.contains("good.txt"), "{out}");
        let fifo_line = out.lines().find(|l| l.contains("pipe.txt")).unwrap_or("");
        assert!(
            fifo_line.contains("not a regular file (a FIFO)"),
            "{format}: {out}"
        );
        let sock_line = out.lines().find(|l| l.contains("sock.html")).unwrap_or("");
        assert!(sock_line.contains("(a socket)"), "{format}: {out}");
        // A FIFO not named like a report is only a note on stderr.
        assert!(!out.contains("other-fifo"), "{out}");
        assert!(
            err.contains("other-fifo: not a regular file (a FIFO); skipped"),
            "{err}"
        );
    }
    // Named explicitly, a FIFO is refused at once (no writer ever comes).
    for cmd in ["check", "parse", "cells", "series"] {
        let (code, out, err) = ogi(&[cmd, s(&fifo)]);
        assert_eq!(code, 2, "{cmd}");
        assert!(
            format!("{out}{err}").contains("not a regular file (a FIFO)"),
            "{cmd}: {out}{err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symlink_cycles_end_and_each_file_is_read_once() {
    use std::os::unix::fs::symlink;
    let dir = scratch("cycles");
    let sub = dir.join("sub");
    std::fs::create_dir_all(sub.join("deeper")).unwrap();
    copy_good(&sub, "report.txt");
    symlink(".", sub.join("self")).unwrap();
    symlink("..", sub.join("deeper/up")).unwrap();
    symlink("../sub", sub.join("deeper/again")).unwrap();
    symlink("report.txt", sub.join("alias.txt")).unwrap();
    symlink(&sub, dir.join("abs")).unwrap();
    // A link to itself cannot be resolved: reported, and the batch goes on.
    symlink("loop.txt", dir.join("loop.txt")).unwrap();
    let (code, out, err) = ogi(&["check", s(&dir)]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.contains("汇总：读取报告 1 份"), "{out}");
    assert_eq!(out.matches("(2021 format)").count(), 1, "{out}");
    assert!(out.contains("loop.txt: 无法读取"), "{out}");
    assert!(err.contains("a folder already searched"), "{err}");
    // The same file named twice is read once.
    let r = sub.join("report.txt");
    let (code, out, _) = ogi(&["check", s(&r), s(&r), s(&sub.join("alias.txt"))]);
    assert_eq!(code, 0);
    assert!(out.contains("汇总：读取报告 1 份"), "{out}");
}

#[test]
fn deep_folders_are_walked_without_recursion() {
    let dir = scratch("deep");
    let mut p = dir.clone();
    for _ in 0..200 {
        p.push("d");
    }
    std::fs::create_dir_all(&p).unwrap();
    copy_good(&p, "deep.txt");
    let (code, out, _) = ogi(&["check", s(&dir)]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("汇总：读取报告 1 份"), "{out}");
}

#[test]
fn threads_are_capped_with_a_message() {
    let dir = scratch("threads");
    let good = copy_good(&dir, "good.txt");
    let started = Instant::now();
    let (code, out, err) = ogi(&["check", s(&good), "--threads", "100000"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("--threads 100000 is more than"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
    let (code, _, err) = ogi(&["check", s(&good), "--threads", "2"]);
    assert_eq!(code, 0);
    assert!(!err.contains("--threads"), "{err}");
}

#[test]
fn json_streams_one_valid_document_with_unreadable_entries() {
    let dir = scratch("json");
    for i in 0..40 {
        std::fs::copy(corpus(LINES), dir.join(format!("r{i:02}.txt"))).unwrap();
    }
    std::fs::write(dir.join("r20_binary.txt"), b"%PDF\x00\x01\x02").unwrap();
    let (code, out, err) = ogi(&["check", s(&dir), "--format", "json"]);
    assert_eq!(code, 2, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    let items = v["findings"].as_array().unwrap();
    assert!(items.len() > 40);
    let bad: Vec<_> = items
        .iter()
        .filter(|f| f["code"] == "input.unreadable")
        .collect();
    assert_eq!(bad.len(), 1);
    assert!(bad[0]["file"].as_str().unwrap().ends_with("r20_binary.txt"));
    assert!(bad[0]["message_en"]
        .as_str()
        .unwrap()
        .contains("binary input"));
    // The array is written as files are checked: one item per line.
    assert!(out.lines().count() > items.len());
    // No findings at all is still a document.
    let good = copy_good(&dir, "good.txt");
    let (code, out, _) = ogi(&["check", s(&good), "--format", "json", "--severity", "error"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn verbose_finds_lines_in_a_large_file_with_many_findings() {
    // 20,000 lines of filler before the report: the source lines printed are
    // still the right ones (each found through the line index).
    let dir = scratch("verbose");
    let report = std::fs::read_to_string(corpus(LINES)).unwrap();
    let filler = "说明文字。\r\n".repeat(20_000);
    let p = dir.join("big.txt");
    std::fs::write(&p, format!("{filler}{report}")).unwrap();
    let (_, out, _) = ogi(&["check", s(&p), "--verbose"]);
    assert!(
        out.contains("（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 3 |"),
        "{out}"
    );
    assert!(!out.contains("说明文字"), "{out}");
}

// ---------------------------------------------------------------- 3. output never silently lost

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_exit_two_with_a_message() {
    let dir = scratch("full");
    for i in 0..3 {
        std::fs::copy(corpus(LINES), dir.join(format!("r{i}.txt"))).unwrap();
    }
    let d = s(&dir).to_string();
    let file = format!("{d}/r0.txt");
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", &d],
        vec!["check", &d, "--format", "json"],
        vec!["check", &d, "--format", "ndjson"],
        vec!["check", &d, "--format", "csv"],
        vec!["parse", &file],
        vec!["cells", &d],
        vec!["series", &d],
        vec!["schema"],
        vec!["rules"],
        vec!["--help"],
        vec!["--version"],
        vec!["check", "--help"],
    ];
    for args in cases {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut c = bin();
        c.args(&args);
        let child = c
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot write the output"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_stops_the_work_quietly_with_status_141() {
    let dir = scratch("pipe");
    let n = 600;
    for i in 0..n {
        std::fs::copy(corpus(LINES), dir.join(format!("r{i:04}.txt"))).unwrap();
    }
    for format in ["human", "ndjson"] {
        let mut child = bin()
            .args(["check", s(&dir), "--no-progress", "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(first.contains("r0000.txt"), "{first}");
        // The reader is dropped here: the pipe is closed.
        let started = Instant::now();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(141), "{format}: {err}");
        assert!(err.trim().is_empty(), "no message: {err}");
        // The remaining files were not all checked.
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }
}

#[test]
fn unreadable_files_and_folders_are_entries_in_every_format() {
    let dir = scratch("unreadable");
    copy_good(&dir, "a_good.txt");
    std::fs::write(dir.join("b_binary.txt"), b"%PDF\x00\x01\x02").unwrap();
    let missing = dir.join("missing.txt");
    let d = s(&dir).to_string();
    let m = s(&missing).to_string();
    let count = |out: &str, err: &str, format: &str| {
        // Summary on stdout for human, stderr for the others.
        let summary = if format == "human" { out } else { err };
        assert!(
            summary.contains("无法读取 2 份") || summary.contains("2 unreadable"),
            "{format}: {summary}"
        );
    };
    let (code, out, err) = ogi(&["check", &d, &m]);
    assert_eq!(code, 2);
    assert!(
        out.contains("b_binary.txt: 无法读取：cannot parse at line 1, column 5: binary input"),
        "{out}"
    );
    assert!(
        out.contains("missing.txt: 无法读取：no such file or folder"),
        "{out}"
    );
    count(&out, &err, "human");
    let (_, out, err) = ogi(&["check", &d, &m, "--lang", "en"]);
    assert!(
        out.contains("missing.txt: unreadable: no such file"),
        "{out}"
    );
    assert!(err.contains("missing.txt"), "also on stderr: {err}");
    let (code, out, err) = ogi(&["check", &d, &m, "--format", "ndjson"]);
    assert_eq!(code, 2);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1]["error"].as_str().unwrap().contains("binary input"));
    assert_eq!(lines[2]["findings"][0]["code"], "input.unreadable");
    count(&out, &err, "ndjson");
    let (code, out, err) = ogi(&["check", &d, &m, "--format", "csv", "--lang", "en"]);
    assert_eq!(code, 2);
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(",input.unreadable,"))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows[0].contains(
        "b_binary.txt,,,,error,input.unreadable,,,,\"unreadable: cannot parse at line 1"
    ));
    count(&out, &err, "csv");
    let (code, out, err) = ogi(&["check", &d, &m, "--format", "json"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let n = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "input.unreadable")
        .count();
    assert_eq!(n, 2);
    count(&out, &err, "json");
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_entry() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("locked");
    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    copy_good(&locked, "r.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root: permissions do not stop us. Nothing to test here.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let (code, out, _) = ogi(&["check", s(&dir), "--format", "ndjson"]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2);
    assert!(
        out.contains("locked") && out.contains("input.unreadable"),
        "{out}"
    );
}

// ---------------------------------------------------------------- 6. safe output

#[cfg(unix)]
#[test]
fn control_characters_in_names_and_source_lines_are_escaped() {
    let dir = scratch("escape");
    let name = "evil\u{1b}[2J\rname\u{202e}.txt";
    let report: String = std::fs::read_to_string(corpus(LINES))
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("（二）部分公开") {
                format!("{l}\u{1b}[K\u{1b}]owned\u{7}\u{1b}[m\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    std::fs::write(dir.join(name), report).unwrap();
    let (_, out, err) = ogi(&["check", s(&dir), "--verbose"]);
    assert!(!out.contains('\u{1b}') && !out.contains('\r') && !out.contains('\u{7}'));
    assert!(!out.contains('\u{202e}'));
    assert!(
        out.contains("evil\\u{1b}[2J\\u{d}name\\u{202e}.txt: "),
        "{out}"
    );
    assert!(
        out.contains("| \\u{1b}[K\\u{1b}]owned\\u{7}\\u{1b}[m"),
        "{out}"
    );
    assert!(!err.contains('\u{1b}'), "{err}");
    // The same name in the machine formats, and on stderr for an unreadable file.
    let (_, out, _) = ogi(&["check", s(&dir), "--format", "csv"]);
    assert!(
        out.contains("evil\\u{1b}[2J\\u{d}name\\u{202e}.txt,"),
        "{out}"
    );
    std::fs::write(dir.join("bad\u{1b}[31m.txt"), b"\x00\x01").unwrap();
    let (_, _, err) = ogi(&["check", s(&dir), "--format", "ndjson"]);
    assert!(
        !err.contains('\u{1b}') && err.contains("bad\\u{1b}[31m.txt"),
        "{err}"
    );
    // Error messages that quote the input are escaped too.
    let json = dir.join("key.json");
    std::fs::write(&json, r#"{"format":"2021","t9\u001b[2J":{}}"#).unwrap();
    for format in ["human", "ndjson"] {
        let (code, out, err) = ogi(&["check", s(&json), "--format", format]);
        assert_eq!(code, 2);
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{out}{err}"
        );
        assert!(format!("{out}{err}").contains("t9\\u{1b}[2J"), "{out}{err}");
    }
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_print_their_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("bytes");
    let report = std::fs::read(corpus(GOOD)).unwrap();
    for raw in [&b"a\xff.txt"[..], b"a\xfe.txt", b"a\\xff.txt"] {
        let p = dir.join(std::ffi::OsStr::from_bytes(raw));
        if std::fs::write(&p, &report).is_err() {
            return; // a file system that refuses such names
        }
    }
    let (code, out, _) = ogi(&["check", s(&dir)]);
    assert_eq!(code, 0, "{out}");
    let d = s(&dir);
    assert!(out.contains(&format!("{d}/a\\xff.txt: ")), "{out}");
    assert!(out.contains(&format!("{d}/a\\xfe.txt: ")), "{out}");
    assert!(out.contains(&format!("{d}/a\\\\xff.txt: ")), "{out}");
    let (_, out, _) = ogi(&["check", d, "--format", "ndjson"]);
    let files: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["file"].to_string())
        .collect();
    assert_eq!(files.len(), 3);
    assert!(files[0] != files[1] && files[1] != files[2] && files[0] != files[2]);
}

#[test]
fn csv_text_fields_cannot_start_a_formula() {
    let dir = scratch("csvinject");
    let mut names = vec!["=HYPERLINK(x).txt", "+cmd.txt", "-2+3.txt", "@SUM(1).txt"];
    if cfg!(unix) {
        names.push("\tTAB.txt");
        names.push("\rCR.txt");
    }
    for n in &names {
        std::fs::copy(corpus(LINES), dir.join(n)).unwrap();
    }
    // Relative names, so that the file column starts with the name.
    let mut c = bin();
    c.current_dir(&dir)
        .args(["check", "--format", "csv", "--"])
        .args(&names);
    let (_, out, _) = text(run(&mut c, 60));
    let mut c = bin();
    c.current_dir(&dir).args(["cells", "--"]).args(&names);
    let (code, cells, _) = text(run(&mut c, 60));
    assert_eq!(code, 0);
    for table in [&out, &cells] {
        for line in table.lines().skip(1) {
            let first = line.trim_start_matches('"');
            assert!(
                !first.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{line}"
            );
        }
    }
    assert!(out.contains("\n'=HYPERLINK(x).txt,"), "{out}");
    assert!(cells.contains("\n'+cmd.txt,"), "{cells}");
    if cfg!(unix) {
        // Control characters in names are escaped first: `\u{9}TAB.txt` starts
        // with a backslash, harmless.
        assert!(out.contains("\n\\u{9}TAB.txt,"), "{out}");
        assert!(out.contains("\n\\u{d}CR.txt,"), "{out}");
    }
}
