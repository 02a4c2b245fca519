//! MCLP at prefecture scale: 1,000,000 synthetic demand points × 10,000 candidate sites,
//! R = 500 m, p = 50, coverage building included (a measuring aid; `benches/cover.rs` has
//! the benchmark).
//!
//! Run: `/usr/bin/time -v cargo run --release --example cover_scale [side_km] [limit_s]
//! [heuristic_limit_s]`

use mobile_stops::benchmarks::synthetic::{dataset, SyntheticSpec};
use mobile_stops::solve::cover::{mclp, mclp_heuristic};
use mobile_stops::solve::{Limits, SiteRules};
use mobile_stops::{Coverage, SphereIndex};
use std::time::{Duration, Instant};

fn main() {
    let a: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let side_km = a.first().copied().unwrap_or(80.0);
    let limit = a.get(1).copied().unwrap_or(40.0);
    let t = Instant::now();
    let data = dataset(&SyntheticSpec {
        demand_points: 1_000_000,
        candidates: 10_000,
        stores: 0,
        survey_places: 0,
        side_km,
        seed: 11,
    });
    let sites = data.candidates.data.locations();
    let weight = data.demand.data.columns[0].values.clone();
    let index = SphereIndex::new(&data.demand.data.locations);
    let cover = Coverage::build(&index, &sites, 500.0);
    drop(index);
    println!(
        "data + coverage {:.2}s, pairs {}",
        t.elapsed().as_secs_f64(),
        cover.pairs()
    );
    let rules = SiteRules::open(sites.len(), 50);
    let t1 = Instant::now();
    let h_limit = a.get(2).copied().unwrap_or(30.0);
    let h = mclp_heuristic(
        &cover,
        &weight,
        &rules,
        &Limits::new(Some(Duration::from_secs_f64(h_limit)), 1),
    );
    println!(
        "heuristic {:?} {} bound {} gap {:.4}% {:.2}s",
        h.status,
        h.objective,
        h.bound,
        100.0 * h.gap(),
        t1.elapsed().as_secs_f64()
    );
    let t2 = Instant::now();
    let left = limit - t.elapsed().as_secs_f64();
    let e = mclp(
        &cover,
        &weight,
        &rules,
        &Limits::new(Some(Duration::from_secs_f64(left.max(1.0))), 1),
    );
    println!(
        "exact {:?} {} bound {} gap {:.4}% nodes {} {:.2}s",
        e.status,
        e.objective,
        e.bound,
        100.0 * e.gap(),
        e.nodes,
        t2.elapsed().as_secs_f64()
    );
    println!("total {:.2}s", t.elapsed().as_secs_f64());
}
