//! Solves every SJC MCLP and LSCP case of the shared benchmarks and prints value, bound,
//! nodes and time (a measuring aid; the checked versions are in `tests/integration/solve/cover_benchmarks.rs`).
//!
//! Run: `cargo run --release --example cover_sjc [max_p]`

use mobile_stops::benchmarks::read_sjc;
use mobile_stops::solve::cover::{lscp, mclp};
use mobile_stops::solve::{Limits, SiteRules};
use std::time::Instant;

fn main() {
    let max_p: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/benchmarks/mclp-sjc-lorena"
    );
    let optima = std::fs::read_to_string(format!("{root}/mclp_computed_optima.csv")).unwrap();
    let all = Instant::now();
    for n in [324, 402, 500, 708, 818] {
        let path = format!("{root}/instances/SJC{n}.txt");
        let inst = read_sjc(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        for radius in [800.0, 1200.0] {
            let cover = inst.coverage(radius);
            let t = Instant::now();
            let l = lscp(&cover, &SiteRules::open(n, 0), &Limits::default());
            println!(
                "SJC{n} r={radius} LSCP {:?} {} bound {} nodes {} {:.3}s",
                l.status,
                l.objective,
                l.bound,
                l.nodes,
                t.elapsed().as_secs_f64()
            );
            let mut ps: Vec<(usize, f64)> = optima
                .lines()
                .skip(1)
                .map(|l| l.split(',').collect::<Vec<_>>())
                .filter(|f| f[0] == format!("SJC{n}") && f[3].parse::<f64>().unwrap() == radius)
                .map(|f| (f[2].parse().unwrap(), f[4].parse().unwrap()))
                .collect();
            for p in ps.len() + 1..=max_p {
                ps.push((p, inst.total_demand()));
            }
            for (p, opt) in ps {
                let t = Instant::now();
                let o = mclp(
                    &cover,
                    &inst.demand,
                    &SiteRules::open(n, p),
                    &Limits::default(),
                );
                println!(
                    "SJC{n} r={radius} p={p} {:?} {} (opt {opt}) bound {} nodes {} {:.3}s {}",
                    o.status,
                    o.objective,
                    o.bound,
                    o.nodes,
                    t.elapsed().as_secs_f64(),
                    if o.objective == opt { "" } else { "MISMATCH" }
                );
            }
        }
    }
    println!("total {:.2}s", all.elapsed().as_secs_f64());
}
