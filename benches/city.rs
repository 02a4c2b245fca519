//! `rank --network` on the embedded northern-Chigasaki data with a city-sized extract, the
//! case issue #17 sets a target for: after the first run (which reads the extract and stores
//! its graph) a ranking takes < 1 s.
//!
//! No Chigasaki extract can be obtained here, so the extract is generated
//! (`benchmarks::city_extract`: OSM XML, ~320,000 nodes, ~48 MB, the data's box plus 3 km)
//! and the pipeline is the one `mobile-stops rank` runs: `load_dataset` with the streets
//! walked as far as the radius, `score`, `render_rank`. `first_run` reads the extract every
//! time (no cache, as `--no-network-cache`); `cached_run` finds the graph the setup stored.
//! The whole process, with its peak memory, is timed by `/usr/bin/time -v` in the README.
//!
//! Run: `cargo bench --bench city` (about 1 minute).

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::benchmarks::city_extract::{write_osm_xml, CityExtractSpec};
use mobile_stops::budget::Budget;
use mobile_stops::io::{load_dataset, DataPaths};
use mobile_stops::network::NetworkSpec;
use mobile_stops::report::{render_rank, Format, Lang};
use mobile_stops::score::{score, ScoreParams};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What `mobile-stops rank --network FILE` runs, with the graph cache in `cache`.
fn rank(extract: &Path, cache: Option<PathBuf>) -> Vec<u8> {
    let params = ScoreParams::default();
    let paths = DataPaths {
        network: Some(NetworkSpec {
            reach: Some(params.radius_m),
            cache,
            ..NetworkSpec::new(extract)
        }),
        ..DataPaths::default()
    };
    let data = load_dataset(&paths, Budget::default()).expect("the extract covers the data");
    let table = score(&data, &params).expect("scores");
    render_rank(&table, Format::Table, Lang::En)
}

fn rank_with_network(c: &mut Criterion) {
    let data = load_dataset(&DataPaths::default(), Budget::default()).expect("embedded data");
    let mut places = data.demand.data.locations.clone();
    places.extend(data.candidates.data.sites.iter().map(|s| s.location));
    let spec = CityExtractSpec::around(&places, 3000.0, 1).expect("places");
    let dir = tempfile::tempdir().unwrap();
    let extract = dir.path().join("chigasaki-generated.osm");
    let size = write_osm_xml(&extract, &spec).unwrap();
    eprintln!(
        "extract: {} nodes, {} ways ({} walkable), {:.1} MB",
        size.nodes,
        size.ways,
        size.street_ways,
        size.bytes as f64 / 1e6
    );
    let cache = dir.path().join("cache");
    let first = rank(&extract, Some(cache.clone()));
    assert_eq!(
        rank(&extract, Some(cache.clone())),
        first,
        "the cached run ranks alike"
    );
    assert_eq!(rank(&extract, None), first, "the cache changes nothing");

    let mut group = c.benchmark_group("rank_embedded_city_extract");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("first_run", |b| b.iter(|| black_box(rank(&extract, None))));
    group.bench_function("cached_run", |b| {
        b.iter(|| black_box(rank(&extract, Some(cache.clone()))))
    });
    group.bench_function("straight_line", |b| {
        b.iter(|| {
            let params = ScoreParams::default();
            let data = load_dataset(&DataPaths::default(), Budget::default()).unwrap();
            black_box(render_rank(
                &score(&data, &params).unwrap(),
                Format::Table,
                Lang::En,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, rank_with_network);
criterion_main!(benches);
