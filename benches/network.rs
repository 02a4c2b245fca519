//! The street network at the sizes issue #17 asks for, on 2 cores:
//! - reading: a 51 MB PBF (75 copies of the real Helsinki extract back to back, each block a
//!   valid PBF block; no crate can write a PBF here, so the file is made of a real one) clipped
//!   to the city, target < 10 s; and the Nerima OSM XML for the XML reader's rate;
//! - coverage: 1,000,000 demand points × 10,000 sites within 500 m on a generated
//!   1,000,000-node street graph (`benchmarks::street_grid`), target < 60 s and < 4 GiB
//!   (peak memory: `examples/street_grid.rs` under `/usr/bin/time -v`).
//!
//! Run: `cargo bench --bench network` (about 4 minutes: ten samples of each).

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::benchmarks::street_grid::{places_in, street_grid, StreetGridSpec};
use mobile_stops::budget::Budget;
use mobile_stops::network::{network_lists, read_network, Area, Snapper, SNAP_MAX_M};
use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data-sources")
        .join(rel)
}

/// Central Helsinki, the area a planner's data there would keep.
const HELSINKI: Area = Area {
    min_lat: 60.15,
    min_lon: 24.90,
    max_lat: 60.19,
    max_lon: 24.98,
};

fn reading(c: &mut Criterion) {
    let real = std::fs::read(shared("osm-helsinki-pbf/helsinki.osm.pbf")).expect("shared data");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("helsinki-x75.osm.pbf");
    let mut f = std::fs::File::create(&big).unwrap();
    for _ in 0..75 {
        f.write_all(&real).unwrap();
    }
    drop(f);
    let mut group = c.benchmark_group("read");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("pbf_51mb_clipped_to_helsinki", |b| {
        b.iter(|| black_box(read_network(&big, HELSINKI, Default::default()).unwrap()))
    });
    let nerima = shared("osm-nerima-tokyo/nerima.osm");
    let whole = Area {
        min_lat: 35.70,
        min_lon: 139.60,
        max_lat: 35.80,
        max_lon: 139.72,
    };
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("xml_1mb_nerima", |b| {
        b.iter(|| black_box(read_network(&nerima, whole, Default::default()).unwrap()))
    });
    group.finish();
}

fn coverage(c: &mut Criterion) {
    let grid = street_grid(&StreetGridSpec::city(1000, 1));
    let points = places_in(&grid, 1_000_000, 2);
    let sites = places_in(&grid, 10_000, 3);
    let snapper = Snapper::new(&grid.graph);
    let mut group = c.benchmark_group("network_coverage_1m_nodes");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(120));
    group.bench_function("1m_points_x_10k_sites_500m", |b| {
        b.iter(|| {
            let lists = network_lists(
                &grid.graph,
                &snapper,
                &points,
                &sites,
                500.0,
                SNAP_MAX_M,
                Budget::default(),
            );
            black_box(lists.unwrap().pairs())
        })
    });
    group.finish();
}

criterion_group!(benches, reading, coverage);
criterion_main!(benches);
