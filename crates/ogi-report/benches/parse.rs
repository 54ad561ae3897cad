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

/// `validate_series` over one agency's ten consecutive years, each report
/// with its six sections (the texts of ten corpus reports): the cross-year
/// chains plus `series.prose_copied`'s fingerprints and comparisons.
fn bench_series(c: &mut Criterion) {
    let names = [
        "000_daxiang_2021_cellpipes.txt",
        "003_pingtan_2021_concat.txt",
        "004_pingtan_2022_concat.txt",
        "008_shanghai_govoffice_2019_old_format_rows.txt",
        "009_shuyang_county_2025_ocr_markdown.txt",
        "010_shuyang_fgj_2023_html_rows.txt",
        "027_pingtan_czj_2019_old_format_concat.txt",
        "030_pingtan_hzs_2022_concat.txt",
        "038_pingtan_jtj_2022_space_separated.txt",
        "003_pingtan_2021_concat.txt",
    ];
    let reports: Vec<ogi_report::Report> = names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let mut r = ogi_report::parse_text(&corpus(name)).report;
            r.meta.agency = Some("测试县人民政府".into());
            r.meta.year = Some(2015 + k as i32);
            r
        })
        .collect();
    let chars: usize = reports
        .iter()
        .flat_map(|r| ogi_report::SectionId::ALL.map(|id| r.sections.section(id).clone()))
        .flatten()
        .map(|t| t.chars().count())
        .sum();
    let mut g = c.benchmark_group("series");
    g.throughput(Throughput::Elements(10));
    g.bench_function(format!("10_years_{chars}_section_chars"), |b| {
        b.iter(|| black_box(ogi_report::validate_series(black_box(&reports))))
    });
    g.finish();
}

/// A DOCX (the national template filled with the 000 report, from
/// `tests/corpus/layout8`): unzip, XML walk, parse and every rule.
fn bench_docx(c: &mut Criterion) {
    let path = format!(
        "{}/../../tests/corpus/layout8/000_daxiang_2021_plain.docx",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    let mut g = c.benchmark_group("parse+validate");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("docx_000", |b| {
        b.iter(|| {
            black_box(
                ogi_report::parse_bytes(black_box(&bytes), ogi_report::Kind::Auto)
                    .map(|p| p.check()),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_series, bench_docx);
criterion_main!(benches);
