//! Solves one SJC MCLP case and prints the outcome (a measuring aid).
//!
//! Run: `cargo run --release --example cover_one N RADIUS P`

use mobile_stops::benchmarks::read_sjc;
use mobile_stops::solve::cover::mclp;
use mobile_stops::solve::{Limits, SiteRules};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (n, r, p): (usize, f64, usize) = (
        a[1].parse().unwrap(),
        a[2].parse().unwrap(),
        a[3].parse().unwrap(),
    );
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/benchmarks/mclp-sjc-lorena"
    );
    let path = format!("{root}/instances/SJC{n}.txt");
    let inst = read_sjc(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
    let cover = inst.coverage(r);
    let t = Instant::now();
    let o = mclp(
        &cover,
        &inst.demand,
        &SiteRules::open(n, p),
        &Limits::default(),
    );
    println!(
        "{:?} {} bound {} nodes {} {:.3}s",
        o.status,
        o.objective,
        o.bound,
        o.nodes,
        t.elapsed().as_secs_f64()
    );
}
