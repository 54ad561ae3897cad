//! Runs `validate_series` on one agency's reports many times (for profilers
//! such as `valgrind --tool=callgrind`, whose instruction counts do not depend
//! on the machine's load).
//! Run: `cargo run --release -p ogi-report --example profile_series -- N FILE...`
//! (each FILE a report text; they become consecutive years of one agency).
fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    let files: Vec<String> = args.collect();
    if n == 0 || files.is_empty() {
        eprintln!("usage: profile_series N FILE...");
        std::process::exit(2);
    }
    let reports: Vec<ogi_report::Report> = files
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let text = std::fs::read_to_string(f).unwrap_or_else(|e| {
                eprintln!("{f}: {e}");
                std::process::exit(2)
            });
            let mut r = ogi_report::parse_text(&text).report;
            r.meta.agency = Some("测试县人民政府".into());
            r.meta.year = Some(2015 + k as i32);
            r
        })
        .collect();
    let mut total = 0;
    for _ in 0..n {
        total += ogi_report::validate_series(&reports).len();
    }
    println!("{} findings per run", total / n);
}
