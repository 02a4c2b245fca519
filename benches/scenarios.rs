//! Scenario batches: 1,000 sweeps on the embedded dataset (issue target: under 30 s on
//! 2 cores, each proven optimal) and a batch on a 100,000-point synthetic instance.
//! `cargo bench --bench scenarios`; a one-pass line prints scenarios per minute.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::benchmarks::synthetic::{dataset, SyntheticSpec};
use mobile_stops::io::text::SourceText;
use mobile_stops::scenario::{read_scenarios, run_batch, ScenarioFile};
use mobile_stops::solve::Status;
use mobile_stops::Dataset;
use std::time::Instant;

fn file(text: &str) -> ScenarioFile {
    let src = SourceText::utf8("bench.toml", text);
    read_scenarios(&src, std::path::Path::new(".")).expect("a valid scenario file")
}

/// p 1..=20 × 50 radii (300..=790 m) = 1,000 scenarios, minus the baseline's row.
fn thousand() -> ScenarioFile {
    let p: Vec<String> = (1..=20).map(|p| p.to_string()).collect();
    let r: Vec<String> = (0..50).map(|k| (300 + 10 * k).to_string()).collect();
    file(&format!(
        "[baseline]\np = 5\n[[sweep]]\nname = \"grid\"\np = [{}]\nradius_m = [{}]\n",
        p.join(", "),
        r.join(", ")
    ))
}

fn once(label: &str, f: &ScenarioFile, data: &Dataset) {
    let t = Instant::now();
    let b = run_batch(f, data, &|_| {}, Default::default());
    let s = t.elapsed().as_secs_f64();
    let optimal = b
        .rows
        .iter()
        .filter(|r| {
            r.outcome
                .solved()
                .is_some_and(|s| s.result.outcome.status == Status::Optimal)
        })
        .count();
    eprintln!(
        "{label}: {} scenarios, {optimal} proven optimal, {s:.2} s, {:.0} scenarios/minute",
        b.rows.len(),
        b.rows.len() as f64 / s * 60.0
    );
    assert_eq!(optimal, b.rows.len(), "every scenario proven optimal");
}

fn bench(c: &mut Criterion) {
    let embedded = mobile_stops::io::embedded::dataset().expect("embedded data");
    let grid = thousand();
    once("embedded, 1,001 scenarios", &grid, &embedded);
    let big = dataset(&SyntheticSpec {
        demand_points: 100_000,
        candidates: 1_000,
        stores: 50,
        survey_places: 0,
        side_km: 20.0,
        seed: 3,
    });
    let sweep = file(
        "[baseline]\np = 10\n[[sweep]]\nname = \"big\"\np = [5, 10, 20, 40]\nradius_m = [300, 500, 800]\n",
    );
    once("100,000 points × 1,000 sites, 13 scenarios", &sweep, &big);
    let mut g = c.benchmark_group("scenarios");
    g.sample_size(10);
    g.bench_function("embedded_1001", |b| {
        b.iter(|| run_batch(&grid, &embedded, &|_| {}, Default::default()))
    });
    g.bench_function("synthetic_100k_13", |b| {
        b.iter(|| run_batch(&sweep, &big, &|_| {}, Default::default()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
