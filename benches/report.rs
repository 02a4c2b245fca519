//! The council report for the embedded dataset, end to end in the library: read, score,
//! solve (MCLP, p = 8, 500 m), explain (one re-solve per stop), draw the map, write HTML.
//! The target is under 2 s. `cargo bench --bench report`.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::io;
use mobile_stops::pipeline::{council, CouncilOptions, ModelOptions};
use mobile_stops::report::{council_html, Lang};

fn whole_report() -> usize {
    let data = io::embedded::dataset().expect("embedded data");
    let opts = CouncilOptions {
        model: ModelOptions {
            p: Some(8),
            ..ModelOptions::default()
        },
        lang: Lang::Ja,
        ..CouncilOptions::default()
    };
    let done = council(&data, &opts, Default::default()).expect("council pipeline");
    council_html(&done.report(&data, None), Lang::Ja).len()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("embedded_html", |b| b.iter(whole_report));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
