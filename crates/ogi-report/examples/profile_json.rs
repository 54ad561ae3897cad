//! Reads one report from JSON text many times (for profilers).
//! Run: `cargo run --release -p ogi-report --example profile_json -- FILE [N]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: profile_json FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
        eprintln!("{file}: {e}");
        std::process::exit(2)
    });
    let mut cells = 0;
    for _ in 0..n {
        match ogi_report::Report::from_json_str(&text) {
            Ok(r) => cells += r.tables.cells().iter().flatten().count(),
            Err(e) => {
                eprintln!("{file}: {e}");
                std::process::exit(1)
            }
        }
    }
    println!("{} cells per report", cells / n.max(1));
}
