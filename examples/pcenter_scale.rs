//! p-center at prefecture scale: N synthetic weighted points (default 1,000,000) × 10,000
//! candidate sites, p = 50, proven optimal without the points × sites matrix (the generator
//! and seed of `cover_scale`; a measuring aid).
//!
//! Run: `/usr/bin/time -v cargo run --release --example pcenter_scale [points] [side_km]
//! [p] [limit_s]`

use mobile_stops::solve::cover::pcenter_sphere;
use mobile_stops::solve::{Limits, SiteRules};
use std::time::{Duration, Instant};

mod scale_common;

fn main() {
    let a = scale_common::numbers();
    let n = a.first().copied().unwrap_or(1e6) as usize;
    let side_km = a.get(1).copied().unwrap_or(80.0);
    let p = a.get(2).copied().unwrap_or(50.0) as usize;
    let limit = a.get(3).copied().unwrap_or(115.0);
    let t = Instant::now();
    let (sites, points, weight) = scale_common::gathered(n, side_km);
    println!("data {:.2}s", t.elapsed().as_secs_f64());
    let limits = Limits::new(Some(Duration::from_secs_f64(limit)), 1);
    let t1 = Instant::now();
    let o = pcenter_sphere(
        &points,
        &weight,
        &sites,
        &SiteRules::open(sites.len(), p),
        &limits,
    );
    println!(
        "pcenter {:?} radius {:.3} m bound {:.3} m nodes {} {:.2}s",
        o.status,
        o.objective,
        o.bound,
        o.nodes,
        t1.elapsed().as_secs_f64()
    );
    println!("total {:.2}s", t.elapsed().as_secs_f64());
}
