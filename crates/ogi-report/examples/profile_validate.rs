//! Validates one report many times (for profilers).
//! Run: `cargo run --release -p ogi-report --example profile_validate -- FILE [N]`
//! (FILE: a report as JSON, or a text that is parsed once first).
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: profile_validate FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2)
    });
    let report = ogi_report::Report::from_json_str(&text)
        .unwrap_or_else(|_| ogi_report::parse_text(&text).report);
    let mut total = 0;
    for _ in 0..n {
        total += ogi_report::validate(&report).len();
    }
    println!("{} findings per run", total / n.max(1));
}
