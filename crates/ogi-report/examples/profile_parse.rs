//! Parses and checks one report many times (for profilers).
//! Run: `cargo run --release -p ogi-report --example profile_parse -- FILE [N]`
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: profile_parse FILE [N]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(200);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(2);
        }
    };
    let mut findings = 0;
    for _ in 0..n {
        findings += ogi_report::parse(&text).check().len();
    }
    println!("{findings} findings over {n} runs");
}
