//! Finding report files and reading them (JSON, text or HTML), within limits.
//!
//! Folders are walked without recursion (no depth depends on the input), each
//! folder and file is visited once however many symlinks lead to it (so symlink
//! cycles end), only regular files are opened, every file is read through a
//! bounded reader, and a panic while reading or checking one file becomes an
//! error for that file.

use ogi_report::{Finding, Kind, Report};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions read when a folder is searched (a file's kind is then told by
/// its content: `.doc` and `.wps` are found so that each gets its finding
/// saying to save it as DOCX or PDF, rather than being passed over).
const EXTENSIONS: [&str; 8] = ["json", "txt", "html", "htm", "pdf", "docx", "doc", "wps"];

/// One entry of a batch: a file to read, or a path that could not be searched.
pub enum Entry {
    /// A regular file.
    File(PathBuf),
    /// A file or folder that cannot be read, and why.
    Problem(PathBuf, String),
}

impl Entry {
    /// The path of the entry.
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::Problem(p, _) => p,
        }
    }
}

/// What identifies a file or folder, whatever path leads to it.
#[cfg(unix)]
type Id = (u64, u64);
#[cfg(not(unix))]
type Id = PathBuf;

#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Option<Id> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &Metadata) -> Option<Id> {
    std::fs::canonicalize(path).ok()
}

/// What a file that is neither a folder nor a regular file is, when the
/// platform says.
fn special_kind(meta: &Metadata) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
    }
    let _ = meta;
    None
}

fn not_regular(meta: &Metadata) -> String {
    match special_kind(meta) {
        Some(k) => format!("not a regular file ({k}); not read"),
        None => "not a regular file; not read".to_string(),
    }
}

fn has_report_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn io_message(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or folder".to_string()
    } else {
        e.to_string()
    }
}

/// The files under `paths` (folders searched in name order, depth first) and
/// the paths that cannot be read, in the order met; plus notes (folders reached
/// again through a symlink, and special files not named like a report, which
/// are skipped).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<Entry>, Vec<String>) {
    let mut walk = Walk::default();
    for p in paths {
        walk.root(p);
    }
    (walk.entries, walk.notes)
}

#[derive(Default)]
struct Walk {
    entries: Vec<Entry>,
    notes: Vec<String>,
    dirs: HashSet<Id>,
    files: HashSet<Id>,
}

impl Walk {
    fn root(&mut self, p: &Path) {
        match std::fs::metadata(p) {
            Err(e) => self.problem(p, io_message(&e)),
            Ok(m) if m.is_dir() => self.folder(p, &m),
            Ok(m) if m.is_file() => self.file(p, &m),
            Ok(m) => self.problem(p, not_regular(&m)),
        }
    }

    fn problem(&mut self, p: &Path, msg: String) {
        self.entries.push(Entry::Problem(p.to_path_buf(), msg));
    }

    fn file(&mut self, p: &Path, m: &Metadata) {
        // The same file reached twice (by a symlink, or named twice) is read once.
        if identity(p, m).is_none_or(|id| self.files.insert(id)) {
            self.entries.push(Entry::File(p.to_path_buf()));
        }
    }

    /// Walks a folder with an explicit stack: children are pushed in reverse
    /// name order, so they are visited in name order.
    fn folder(&mut self, root: &Path, meta: &Metadata) {
        let mut stack: Vec<(PathBuf, Option<Metadata>)> =
            vec![(root.to_path_buf(), Some(meta.clone()))];
        while let Some((p, meta)) = stack.pop() {
            let meta = match meta.map_or_else(|| std::fs::metadata(&p), Ok) {
                Ok(m) => m,
                Err(e) => {
                    // A dangling link is only worth a word when it looks like a report;
                    // a link loop or a permission error always is.
                    if has_report_extension(&p) || e.kind() != std::io::ErrorKind::NotFound {
                        self.problem(&p, io_message(&e));
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                if let Some(id) = identity(&p, &meta) {
                    if !self.dirs.insert(id) {
                        self.notes.push(format!(
                            "{}: a folder already searched (a symlink cycle or a second link); skipped",
                            crate::output::display_name(&p)
                        ));
                        continue;
                    }
                }
                match std::fs::read_dir(&p) {
                    Ok(rd) => {
                        let mut children = Vec::new();
                        for e in rd {
                            match e {
                                Ok(e) => children.push(e.path()),
                                Err(e) => self.problem(&p, io_message(&e)),
                            }
                        }
                        children.sort();
                        stack.extend(children.into_iter().rev().map(|c| (c, None)));
                    }
                    Err(e) => self.problem(&p, io_message(&e)),
                }
            } else if meta.is_file() {
                if has_report_extension(&p) {
                    self.file(&p, &meta);
                }
            } else if has_report_extension(&p) {
                // FIFOs, devices, sockets named like a report: unreadable entries,
                // never opened.
                self.problem(&p, not_regular(&meta));
            } else {
                // Other special files would not have been read anyway: a note.
                self.notes.push(format!(
                    "{}: {}; skipped",
                    crate::output::display_name(&p),
                    not_regular(&meta).trim_end_matches("; not read")
                ));
            }
        }
    }
}

/// The size in a short form: `64M`, `1.5G`, `100K`, `12 bytes`.
pub fn show_size(n: u64) -> String {
    for (unit, s) in [(1u64 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")] {
        if n >= unit {
            let v = n as f64 / unit as f64;
            return if n % unit == 0 {
                format!("{}{s}", n / unit)
            } else {
                format!("{v:.1}{s}")
            };
        }
    }
    format!("{n} bytes")
}

/// Parses `--max-size`: bytes, or a number with `K`, `M` or `G` (powers of 1024;
/// `KB`, `MiB` and lower case are accepted).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 64M, 500K, 1G, 1000000)"))?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{s}`: unknown unit (use K, M or G)")),
    };
    let v = n
        .checked_mul(mult)
        .ok_or_else(|| format!("`{s}` is too large"))?;
    if v == 0 {
        return Err("the limit must be at least 1 byte".to_string());
    }
    Ok(v)
}

fn too_large(max: u64) -> String {
    format!(
        "larger than the limit of {} (--max-size {}); not read",
        show_size(max),
        show_size(max).replace(" bytes", "")
    )
}

/// Reads a regular file of at most `max` bytes. Anything else (a FIFO, a device,
/// a socket) is refused before it is opened, so it cannot block; a file that
/// grows past the limit while read is cut off at `max + 1` bytes and refused.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("a folder".to_string());
    }
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > max {
        return Err(too_large(max));
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        // Should the path become a FIFO between the check and the open, the open
        // does not wait for a writer; the check below then refuses it.
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let file = opts.open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(max)).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

/// A report read from a file, with all its findings.
pub struct Loaded {
    /// The report.
    pub report: Report,
    /// Parse findings and every rule's findings.
    pub findings: Vec<Finding>,
    /// The decoded source text (for `--verbose`), when it was text or HTML.
    pub text: Option<String>,
}

/// Reads one file: `.json` as a report (nested or flat), anything else parsed
/// by its content (PDF, DOCX, text or HTML). A panic inside becomes an error naming where it happened.
pub fn load(path: &Path, keep_text: bool, max: u64) -> Result<Loaded, String> {
    guarded(|| load_unguarded(path, keep_text, max))
}

fn load_unguarded(path: &Path, keep_text: bool, max: u64) -> Result<Loaded, String> {
    let bytes = read_limited(path, max)?;
    debug_panic_hook(path);
    let is_json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        let text = std::str::from_utf8(&bytes).map_err(|e| format!("not UTF-8: {e}"))?;
        let report = Report::from_json_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| e.to_string())?;
        let findings = ogi_report::validate(&report);
        return Ok(Loaded {
            report,
            findings,
            text: None,
        });
    }
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let kind = if is_html { Kind::Html } else { Kind::Auto };
    let parsed = ogi_report::parse_bytes(&bytes, kind).map_err(|e| e.to_string())?;
    let findings = parsed.check();
    let text = if keep_text {
        ogi_report::parse::decode(&bytes)
            .ok()
            .map(|(t, _)| t.into_owned())
    } else {
        None
    };
    Ok(Loaded {
        report: parsed.report,
        findings,
        text,
    })
}

/// Debug builds only (the tests): a file whose name contains the value of
/// `OGI_DEBUG_PANIC_ON` panics while it is checked, to show that one bad file
/// does not cost the batch. Release builds do not read the variable.
#[cfg(debug_assertions)]
fn debug_panic_hook(path: &Path) {
    if let Some(pat) = std::env::var_os("OGI_DEBUG_PANIC_ON") {
        let pat = pat.to_string_lossy();
        if !pat.is_empty() && path.to_string_lossy().contains(pat.as_ref()) {
            panic!("OGI_DEBUG_PANIC_ON: a panic provoked for the tests");
        }
    }
}

#[cfg(not(debug_assertions))]
fn debug_panic_hook(_path: &Path) {}

thread_local! {
    /// True while this thread runs guarded work.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the last panic in guarded work on this thread.
    static PANICKED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that keeps panics inside guarded work quiet (they
/// become errors for their file) and leaves every other panic to the default hook.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if GUARDED.with(Cell::get) {
            let payload = info.payload();
            let msg = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("a panic");
            let place = info
                .location()
                .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
            PANICKED.with(|p| *p.borrow_mut() = Some(format!("{msg}{place}")));
        } else {
            default(info);
        }
    }));
}

/// Runs `f`; a panic inside becomes an error that says what and where.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    r.unwrap_or_else(|payload| {
        let what = PANICKED.with(|p| p.borrow_mut().take()).unwrap_or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string())
        });
        Err(format!(
            "internal error while checking this file (a bug in ogi, please report it): {what}"
        ))
    })
}

/// The start of every line of `text` (lines end at `\n`, as the parser counts them),
/// built once per file so that `--verbose` finds each finding's line at once.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text.as_bytes()));
        Lines { text, starts }
    }

    /// The text of 1-based line `n`, without its line break; at most about
    /// `max_bytes` of it (cut at a character boundary).
    pub fn line(&self, n: u32, max_bytes: usize) -> Option<&'a str> {
        let i = (n as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |e| e - 1)
            .min(start.saturating_add(max_bytes));
        let mut end = end.max(start);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Some(self.text[start..end].trim_end_matches(['\r', '\n']))
    }
}

fn memchr_newlines(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("10m"), Ok(10 << 20));
        assert_eq!(parse_size("500KiB"), Ok(500 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        for bad in ["", "0", "M", "1.5M", "5T", "-1", "99999999999999999999"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(show_size(64 << 20), "64M");
        assert_eq!(show_size(1536), "1.5K");
        assert_eq!(show_size(12), "12 bytes");
    }

    #[test]
    fn lines_are_found_by_number() {
        let l = Lines::new("one\r\ntwo\n\nfour");
        assert_eq!(l.line(1, 100), Some("one"));
        assert_eq!(l.line(2, 100), Some("two"));
        assert_eq!(l.line(3, 100), Some(""));
        assert_eq!(l.line(4, 100), Some("four"));
        assert_eq!(l.line(5, 100), None);
        assert_eq!(l.line(0, 100), None);
        // Cut at a character boundary.
        let l = Lines::new("平潭综合实验区\n");
        assert_eq!(l.line(1, 4), Some("平"));
    }

    #[test]
    fn a_panic_becomes_an_error_with_its_place() {
        install_panic_hook();
        let r: Result<(), String> = guarded(|| panic!("boom"));
        let e = r.unwrap_err();
        assert!(e.contains("internal error") && e.contains("boom"), "{e}");
        assert!(e.contains("load.rs"), "{e}");
        assert_eq!(guarded(|| Ok::<_, String>(3)), Ok(3));
    }
}
