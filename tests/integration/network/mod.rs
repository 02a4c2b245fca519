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

use crate::helpers::{run, stderr};
use mobile_stops::network::Area;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

/// The example's demand points and candidate sites, as the matrix tests read them.
const DEMAND: &str = "examples/network/demand.csv";
const SITES: &str = "examples/network/candidates.csv";

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
        DEMAND,
        "--to",
        SITES,
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

/// `rel` below the repository, whatever directory the test runs in.
fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .display()
        .to_string()
}

/// Runs `network matrix` on `network` with `extra` flags, expecting exit 2, no output file,
/// and every one of `says` in the message; returns the message.
fn matrix_refused(network: &Path, extra: &[&str], says: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.csv");
    let (net, from, to, out_s) = (
        network.display().to_string(),
        repo(DEMAND),
        repo(SITES),
        out.display().to_string(),
    );
    let mut args = vec![
        "network",
        "matrix",
        "--network",
        &net,
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        &out_s,
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(!out.exists(), "{args:?} wrote {}", out.display());
    for s in says {
        assert!(err.contains(s), "{args:?}: `{s}` not in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
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
