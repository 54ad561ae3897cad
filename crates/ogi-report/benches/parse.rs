//! Parse + validate throughput on the corpus texts and on an HTML page.
//! Run: `cargo bench -p ogi-report --bench parse`
#![allow(missing_docs)] // criterion's macros generate undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../tests/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The seed report rendered as an HTML page with a real table per table.
fn html_page() -> String {
    let text = corpus("008_shanghai_govoffice_2019_old_format_rows.txt");
    let mut html = String::from("<html><head><style>td{border:1px}</style></head><body>");
    let mut in_table = false;
    for line in text.lines() {
        if line.contains(" | ") {
            if !in_table {
                html.push_str("<table>");
                in_table = true;
            }
            html.push_str("<tr>");
            for cell in line.split(" | ") {
                html.push_str(&format!("<td><span>{}</span></td>", cell.trim()));
            }
            html.push_str("</tr>");
        } else {
            if in_table {
                html.push_str("</table>");
                in_table = false;
            }
            html.push_str(&format!("<p>{line}</p>"));
        }
    }
    html.push_str("</body></html>");
    html
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse+validate");
    for name in [
        "000_daxiang_2021_cellpipes.txt",
        "003_pingtan_2021_concat.txt",
        "008_shanghai_govoffice_2019_old_format_rows.txt",
        "025_shanghai_govoffice_2025_pdf_extract_md.txt",
        "038_pingtan_jtj_2022_space_separated.txt",
    ] {
        let text = corpus(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(&name[..3], |b| {
            b.iter(|| black_box(ogi_report::parse_text(black_box(&text)).check()))
        });
    }
    let html = html_page();
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_function("html", |b| {
        b.iter(|| black_box(ogi_report::parse_html(black_box(&html)).check()))
    });
    g.finish();

    let mut g = c.benchmark_group("validate");
    let report = ogi_report::parse_text(&corpus("000_daxiang_2021_cellpipes.txt")).report;
    g.bench_function("seed", |b| {
        b.iter(|| black_box(ogi_report::validate(black_box(&report))))
    });
    // The tables of a concatenated report (ambiguous cells, blanks) as the
    // nested JSON a caller hands in: reading it, and validating it.
    let mut tables = ogi_report::parse_text(&corpus("003_pingtan_2021_concat.txt"))
        .report
        .to_json();
    if let Some(m) = tables.as_object_mut() {
        m.retain(|k, _| ["format", "year", "agency", "t2", "t3", "t4"].contains(&k.as_str()));
    }
    let report = ogi_report::Report::from_json_value(&tables).expect("a report");
    g.bench_function("003_tables", |b| {
        b.iter(|| black_box(ogi_report::validate(black_box(&report))))
    });
    g.bench_function("003_tables_from_json", |b| {
        b.iter(|| black_box(ogi_report::Report::from_json_value(black_box(&tables))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
