//! Walking along OpenStreetMap streets (`network matrix`, `network check`): distances checked
//! against an independent Dijkstra on a real Japanese extract, a river a circle crosses and the
//! streets do not, a real PBF extract, and the bad inputs each refused by name.

mod bad_inputs;
mod barrier;
mod cache;
mod city;
mod commands;
mod distances;
mod driving;
mod feeds;
mod grid_exact;
mod hills;
mod hills_cli;
mod pbf;
mod report_streets;

use mobile_stops::network::Area;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::PathBuf;

/// The Nerima (Tokyo) OSM XML extract.
fn nerima() -> PathBuf {
    crate::helpers::shared_root("data-sources/osm-nerima-tokyo/nerima.osm")
}

/// The Helsinki PBF extract.
fn helsinki() -> PathBuf {
    crate::helpers::shared_root("data-sources/osm-helsinki-pbf/helsinki.osm.pbf")
}

/// Writes the Nerima walking matrix of the example's demand points to its candidates, pairs
/// within `max_m` metres, to `out`, as `network matrix` does.
fn nerima_matrix(max_m: &str, out: &str) {
    crate::helpers::run_ok(&[
        "network",
        "matrix",
        "--network",
        &nerima().display().to_string(),
        "--from",
        "examples/network/demand.csv",
        "--to",
        "examples/network/candidates.csv",
        "--max-m",
        max_m,
        "--out",
        out,
    ]);
}

/// Unbounded textbook Dijkstra over adjacency lists `(to, metres)` from `starts` (node,
/// metres already gone), the independent check the library's bounded search is held to.
fn textbook_dijkstra(adj: &[Vec<(usize, f64)>], starts: &[(usize, f64)]) -> Vec<f64> {
    let mut dist = vec![f64::INFINITY; adj.len()];
    let mut heap = BinaryHeap::new();
    for &(node, d) in starts {
        if d < dist[node] {
            dist[node] = d;
            heap.push(Reverse((d.to_bits(), node)));
        }
    }
    while let Some(Reverse((bits, u))) = heap.pop() {
        let d = f64::from_bits(bits);
        if d > dist[u] {
            continue;
        }
        for &(v, w) in &adj[u] {
            if d + w < dist[v] {
                dist[v] = d + w;
                heap.push(Reverse(((d + w).to_bits(), v)));
            }
        }
    }
    dist
}

/// A box from its edges.
fn area(min_lat: f64, min_lon: f64, max_lat: f64, max_lon: f64) -> Area {
    Area {
        min_lat,
        min_lon,
        max_lat,
        max_lon,
    }
}
