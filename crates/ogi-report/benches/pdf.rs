//! PDF: read by the geometry of its pages, then parse and check.
//! Run: `cargo bench -p ogi-report --bench pdf`
#![allow(missing_docs)] // criterion's macros generate undocumented items

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf parse+check");
    for name in [
        // The published report (WPS, CID fonts, 5 pages).
        "040_hongze_district_2024",
        // LibreOffice print of the template (6 pages).
        "000_daxiang_2021_plain",
        // Chromium print (Type 3 fonts).
        "030_pingtan_hzs_2022_chromium",
    ] {
        let bytes = std::fs::read(format!(
            "{}/../../tests/corpus/layout8/{name}.pdf",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(&name[..3], |b| {
            b.iter(|| {
                let p = ogi_report::parse_bytes(black_box(&bytes), ogi_report::Kind::Auto).unwrap();
                black_box(p.check())
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
