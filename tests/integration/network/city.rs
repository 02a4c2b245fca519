//! `rank --network` on the embedded northern-Chigasaki data with a generated extract covering
//! it (`benchmarks::city_extract`, coarse so the test is fast): the ranking walks the streets
//! and says so, the graph is stored once, and the cached second run (and a run without the
//! cache) prints the same bytes. The extract itself reads back as what was written.

use crate::helpers::{command, output, stderr, stdout};
use mobile_stops::benchmarks::city_extract::{write_osm_xml, CityExtractSpec, ExtractSize};
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::io::{load_dataset, DataPaths};
use mobile_stops::network::{read_network, Area};
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// A coarse extract (250 m blocks) around the embedded data, 1 km beyond it.
fn coarse_extract(path: &Path) -> (CityExtractSpec, ExtractSize) {
    let data = load_dataset(&DataPaths::default(), Budget::default()).unwrap();
    let mut places = data.demand.data.locations.clone();
    places.extend(data.candidates.data.sites.iter().map(|s| s.location));
    let spec = CityExtractSpec {
        spacing_m: 250.0,
        holes_per_km2: 0.2,
        building_share: 0.2,
        ..CityExtractSpec::around(&places, 1000.0, 7).unwrap()
    };
    let size = write_osm_xml(path, &spec).unwrap();
    (spec, size)
}

fn rank(extract: &Path, extra: &[&str]) -> Output {
    let file = extract.display().to_string();
    let o = output(command().args(["rank", "--network", &file]).args(extra));
    assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
    o
}

fn graphs_in(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.filter(|e| {
            let p = e.as_ref().unwrap().path();
            p.extension().is_some_and(|x| x == "graph")
        })
        .count()
    })
}

#[test]
fn rank_walks_the_generated_city_and_a_cached_second_run_prints_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let extract = dir.path().join("city.osm");
    coarse_extract(&extract);
    let cache = dir.path().join("cache");
    let cache_flag = cache.display().to_string();
    let first = rank(&extract, &["--network-cache", &cache_flag]);
    let text = stdout(&first);
    let note = format!("walks along the streets of {}", extract.display());
    assert!(text.contains(&note), "{text}");
    assert!(text.contains("© OpenStreetMap contributors"), "{text}");
    assert_eq!(graphs_in(&cache), 1, "the graph is stored");

    let second = rank(&extract, &["--network-cache", &cache_flag]);
    assert_eq!(
        second.stdout, first.stdout,
        "the cached run prints the same bytes"
    );
    assert!(!stderr(&second).contains("warning"), "{}", stderr(&second));
    assert_eq!(graphs_in(&cache), 1);
    let uncached = rank(&extract, &["--no-network-cache"]);
    assert_eq!(uncached.stdout, first.stdout, "the cache changes nothing");

    // The walks are along the streets: never more weight than the straight-line circle, and
    // less for some site (a 250 m grid with holes and a river bends the walks).
    let json = rank(
        &extract,
        &["--network-cache", &cache_flag, "--format", "json"],
    );
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let sites = v["candidates"].as_array().unwrap();
    assert_eq!(sites.len(), 35);
    // Sites south of the census data are not measured (no weight either way).
    let weights: Vec<(f64, f64)> = sites
        .iter()
        .filter_map(|s| {
            Some((
                s["reach_weight"].as_f64()?,
                s["straight_reach_weight"].as_f64()?,
            ))
        })
        .collect();
    assert!(weights.len() >= 20, "{} sites measured", weights.len());
    assert!(weights
        .iter()
        .all(|&(walked, circle)| walked <= circle + 1e-9));
    assert!(weights.iter().any(|&(walked, circle)| walked < circle));
    assert!(weights.iter().any(|&(walked, _)| walked > 0.0));
}

#[test]
fn the_generated_extract_reads_back_as_written_and_the_same_seed_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.osm"), dir.path().join("b.osm"));
    let (spec, size) = coarse_extract(&a);
    coarse_extract(&b);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let all = Area::around(
        &[
            mobile_stops::LatLon::new(spec.area.min_lat, spec.area.min_lon),
            mobile_stops::LatLon::new(spec.area.max_lat, spec.area.max_lon),
        ],
        500.0,
    )
    .unwrap();
    let (graph, stats) = read_network(&a, all, MemoryLimit::default()).unwrap();
    assert_eq!(stats.nodes_read, size.nodes);
    assert_eq!(stats.nodes_kept, size.nodes);
    assert_eq!(stats.ways_read, size.ways);
    assert_eq!(stats.walkable_ways, size.street_ways);
    assert_eq!(stats.cut_ways, 0, "every node a way uses is in the file");
    assert!(
        size.ways > size.street_ways + 3,
        "buildings, water, motorway, rail"
    );
    let nodes = graph.stats().nodes as u64;
    assert!(
        nodes > 1000 && nodes < size.nodes,
        "{nodes} of {}",
        size.nodes
    );
    assert_eq!(std::fs::metadata(&a).unwrap().len(), size.bytes);
}
