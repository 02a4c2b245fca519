//! Coverage and scoring at prefecture scale: 100,000 demand points × 5,000 candidate sites,
//! 500 m radius, with shops and surveys (every term computed). Target: under 1 s on 2 cores.
//!
//! Run: `cargo bench --bench coverage`

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::benchmarks::synthetic::{dataset, SyntheticSpec};
use mobile_stops::score::{score, ScoreParams};
use mobile_stops::{Coverage, SphereIndex};
use std::hint::black_box;

fn spec() -> SyntheticSpec {
    SyntheticSpec {
        demand_points: 100_000,
        candidates: 5_000,
        stores: 2_000,
        survey_places: 5_000,
        side_km: 50.0,
        seed: 7,
    }
}

fn coverage(c: &mut Criterion) {
    let data = dataset(&spec());
    let sites = data.candidates.data.locations();
    let mut group = c.benchmark_group("100k_points_x_5k_sites");
    group.sample_size(10);
    group.bench_function("index_and_coverage_500m", |b| {
        b.iter(|| {
            let index = SphereIndex::new(&data.demand.data.locations);
            black_box(Coverage::build(&index, &sites, 500.0).pairs())
        })
    });
    group.bench_function("score_all_terms_500m", |b| {
        b.iter(|| black_box(score(&data, &ScoreParams::default()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, coverage);
criterion_main!(benches);
