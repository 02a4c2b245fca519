//! Cost matrices (`--cost-matrix`): a matrix of the straight-line distances gives the
//! straight-line results, a "river" gives different and correct ones (checked by brute force
//! on the matrix, as spopt's `from_cost_matrix` models define them), unlisted pairs are
//! unreachable, bad files are refused at FILE:LINE:COLUMN; the per-point assignment file; the
//! notes on a near-miss aged 65+ header and impossible rows. This module writes the matrices
//! from the embedded data with the library's own distance function.

mod assignments;
mod bad;
mod example;
mod river;
mod same;
mod weights;

use mobile_stops::model::Dataset;
use mobile_stops::spatial::haversine_m;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The embedded dataset (demand ids and positions, candidate ids and positions).
fn embedded() -> Dataset {
    mobile_stops::io::embedded::dataset().unwrap()
}

/// One listed pair: demand point index, candidate index, cost.
type Pair = (usize, usize, f64);

/// Every demand × candidate pair of the embedded data whose `cost` (from the straight-line
/// metres) is `Some`.
fn pairs(cost: impl Fn(usize, usize, f64) -> Option<f64>) -> Vec<Pair> {
    let data = embedded();
    let d = &data.demand.data;
    let sites = &data.candidates.data.sites;
    let mut out = Vec::new();
    for i in 0..d.len() {
        for (j, s) in sites.iter().enumerate() {
            if let Some(c) = cost(i, j, haversine_m(d.locations[i], s.location)) {
                out.push((i, j, c));
            }
        }
    }
    out
}

/// Writes `pairs` as `from,to,COLUMN` (full precision, so the values read back exactly).
fn write_matrix(dir: &Path, name: &str, column: &str, pairs: &[Pair]) -> PathBuf {
    let data = embedded();
    let (ids, sites) = (&data.demand.data.ids, &data.candidates.data.sites);
    let mut text = format!("from,to,{column}\n");
    for &(i, j, c) in pairs {
        let _ = writeln!(text, "{},{},{c}", ids[i], sites[j].id);
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The longitude of the "river": between the candidates of 高田 and 小和田, where the
/// straight-line answer puts two of its stops.
const RIVER_LON: f64 = 139.42;

/// Straight-line metres, tripled for a pair on opposite banks of the river (few bridges).
fn river_pairs() -> Vec<Pair> {
    let data = embedded();
    let lon = RIVER_LON;
    let (d, sites) = (&data.demand.data, &data.candidates.data.sites);
    pairs(|i, j, m| {
        let across = (d.locations[i].lon < lon) != (sites[j].location.lon < lon);
        Some(if across { 3.0 * m } else { m })
    })
}

/// The aged 65+ weight of each embedded demand point (the default objective weight).
fn aged() -> Vec<f64> {
    embedded()
        .demand
        .data
        .column("aged_65_plus")
        .unwrap()
        .to_vec()
}

/// A path as an argument.
fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}
