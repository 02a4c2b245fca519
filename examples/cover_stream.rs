//! MCLP on a streamed demand: N synthetic points (default 10,000,000) × 10,000 candidate
//! sites, R = 500 m, p = 50. The points are generated chunk by chunk and grouped by the set
//! of sites that reach them as they arrive ([`CoverGroups`]); the exact MCLP then runs on the
//! groups. The same generator and seed as `cover_scale` (a measuring aid).
//!
//! Run: `/usr/bin/time -v cargo run --release --example cover_stream [points] [side_km]
//! [limit_s]`

use mobile_stops::solve::cover::mclp;
use mobile_stops::solve::{Limits, SiteRules};
use mobile_stops::spatial::CoverGroups;
use std::time::{Duration, Instant};

mod scale_common;

fn main() {
    let a = scale_common::numbers();
    let points = a.first().copied().unwrap_or(1e7) as usize;
    let side_km = a.get(1).copied().unwrap_or(80.0);
    let limit = a.get(2).copied().unwrap_or(110.0);
    let t = Instant::now();
    let (sites, chunks) = scale_common::streamed(points, side_km);
    let mut groups = CoverGroups::new(&sites, 500.0);
    for (pts, w) in chunks {
        groups.add(&pts, &w);
    }
    let g = groups.finish();
    println!(
        "{} points streamed into {} groups ({} pairs), {} points uncovered, {:.2}s",
        g.points,
        g.weight.len(),
        g.coverage.pairs(),
        g.uncovered_points,
        t.elapsed().as_secs_f64()
    );
    let rules = SiteRules::open(sites.len(), 50);
    let t2 = Instant::now();
    let left = limit - t.elapsed().as_secs_f64();
    let e = mclp(
        &g.coverage,
        &g.weight,
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
