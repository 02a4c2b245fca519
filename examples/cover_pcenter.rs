//! Solves the vertex p-center on OR-Library pmed1–pmed40 and prints value, bound, nodes and
//! time against `pcenter_optima.csv` (a measuring aid; checked in `tests/integration/solve/cover_benchmarks.rs`).
//!
//! Run: `cargo run --release --example cover_pcenter [first] [last]`

use mobile_stops::benchmarks::read_pmed;
use mobile_stops::solve::cover::pcenter;
use mobile_stops::solve::{Limits, SiteRules};
use std::time::Instant;

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    let (first, last) = (
        a.first().copied().unwrap_or(1),
        a.get(1).copied().unwrap_or(40),
    );
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/benchmarks/orlib-pmed"
    );
    let optima = std::fs::read_to_string(format!("{root}/pcenter_optima.csv")).unwrap();
    let mut solve_time = 0.0;
    for (k, line) in optima
        .lines()
        .skip(1)
        .enumerate()
        .take(last)
        .skip(first - 1)
    {
        let f: Vec<&str> = line.split(',').collect();
        let opt: f64 = f[3].parse().unwrap();
        let path = format!("{root}/instances/pmed{}.txt", k + 1);
        let inst = read_pmed(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        let problem = inst.problem();
        let t = Instant::now();
        let o = pcenter(
            &problem,
            &SiteRules::open(inst.n, inst.p),
            &Limits::default(),
        );
        let dt = t.elapsed().as_secs_f64();
        solve_time += dt;
        println!(
            "pmed{} n={} p={} {:?} {} (opt {opt}) bound {} nodes {} {dt:.3}s {}",
            k + 1,
            inst.n,
            inst.p,
            o.status,
            o.objective,
            o.bound,
            o.nodes,
            if o.objective == opt { "" } else { "MISMATCH" }
        );
    }
    println!("solve time {solve_time:.2}s");
}
