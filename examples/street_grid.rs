//! Network coverage at city scale: 1,000,000 demand points × 10,000 sites within 500 m along
//! the streets of a generated 1,000,000-node street graph (a perturbed grid with missing
//! blocks and a river with few bridges), timed step by step; run it under `/usr/bin/time -v`
//! for the peak memory (`benches/network.rs` has the benchmark).
//!
//! Run: `/usr/bin/time -v cargo run --release --example street_grid [side] [points] [sites]
//! [radius_m] [threads]` (defaults 1000 1000000 10000 500, threads: all cores)

use mobile_stops::benchmarks::street_grid::{places_in, street_grid, StreetGridSpec};
use mobile_stops::budget::Budget;
use mobile_stops::network::{network_lists, Snapper};
use std::time::Instant;

fn main() {
    let a: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let arg = |i: usize, default: f64| a.get(i).copied().unwrap_or(default);
    let (side, points, sites, radius_m) = (arg(0, 1000.0), arg(1, 1e6), arg(2, 1e4), arg(3, 500.0));
    if let Some(&threads) = a.get(4) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build_global()
            .expect("the first pool");
    }
    let t = Instant::now();
    let grid = street_grid(&StreetGridSpec::city(side as u32, 1));
    let stats = grid.graph.stats();
    println!(
        "graph: {} nodes, {} segments, {:.0} km of streets, built in {:.2} s",
        stats.nodes,
        stats.segments,
        stats.walkable_km,
        t.elapsed().as_secs_f64()
    );
    let demand = places_in(&grid, points as usize, 2);
    let candidates = places_in(&grid, sites as usize, 3);
    let t = Instant::now();
    let snapper = Snapper::new(&grid.graph);
    let indexed = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let lists = network_lists(
        &grid.graph,
        &snapper,
        &demand,
        &candidates,
        radius_m,
        mobile_stops::network::SNAP_MAX_M,
        Budget::default(),
    )
    .expect("fits the default budget");
    println!(
        "{} points × {} sites within {radius_m} m: {} pairs, {} points and {} sites off network; \
         segment index {indexed:.2} s, lists {:.2} s on {} threads",
        demand.len(),
        candidates.len(),
        lists.pairs(),
        lists.off.points.len(),
        lists.off.sites.len(),
        t.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );
}
