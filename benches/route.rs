//! Weekly planning at the size the issue names: 60 stops over five days with two trucks.
//!
//! `cargo bench --bench route` (criterion). Stops are drawn at random (fixed seed) over a
//! 12 km square around the depot; a third of them are visited twice a week; travel is the
//! straight line × 1.3 at 20 km/h; the window is 09:00–17:00 with 20 minutes at each stop.
//! Both week shapes are timed: `pack` (the default) and `spread`.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use mobile_stops::route::{Place, RouteProblem, Travel, WeekRules, WeekShape};
use mobile_stops::LatLon;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn problem(stops: usize, seed: u64, shape: WeekShape) -> RouteProblem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let depot = LatLon::new(35.35, 139.40);
    // About 12 km by 12 km.
    let mut points = vec![depot];
    points.extend((0..stops).map(|_| {
        LatLon::new(
            depot.lat + rng.gen_range(-0.054..0.054),
            depot.lon + rng.gen_range(-0.066..0.066),
        )
    }));
    let place = |i: usize| Place {
        id: format!("s{i}"),
        name: None,
        location: Some(points[i]),
    };
    RouteProblem {
        depot: place(0),
        stops: (1..=stops).map(place).collect(),
        visits: (0..stops).map(|i| if i % 3 == 0 { 2 } else { 1 }).collect(),
        stop_rules: Vec::new(),
        depots: Vec::new(),
        travel: Travel::straight(&points, 20.0, 1.3),
        rules: WeekRules {
            days: vec![0, 1, 2, 3, 4],
            window_start: 9.0 * 60.0,
            window_end: 17.0 * 60.0,
            service_min: 20.0,
            trucks: 2,
            max_stops_per_day: None,
            shape,
            brk: None,
            fleet: Vec::new(),
        },
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("route");
    g.sample_size(10);
    for (shape, name) in [
        (WeekShape::Pack, "week_60_stops_5_days_2_trucks_pack"),
        (WeekShape::Spread, "week_60_stops_5_days_2_trucks_spread"),
    ] {
        let p = problem(60, 7, shape);
        let plan = p.plan().expect("60 stops fit in five days with two trucks");
        let used = plan.runs.iter().filter(|r| !r.visits.is_empty()).count();
        let busiest = plan.runs.iter().map(|r| r.visits.len()).max().unwrap_or(0);
        eprintln!("{name}: {used} truck-days used, busiest {busiest} stops");
        g.bench_function(name, |b| b.iter(|| p.plan().expect("fits")));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
