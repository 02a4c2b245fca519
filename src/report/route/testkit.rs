//! Weeks for the route writers' unit tests: random problems with everything the planner
//! knows (per-stop service and windows, breaks, two trucks from different depots with
//! different hours) and the facts a writer needs beside the plan.

use super::info::RouteInfo;
use crate::calendar::{Series, SeriesOptions};
use crate::model::{LatLon, LocalText};
use crate::route::{Break, Place, RouteProblem, StopRules, Travel, Truck, WeekRules, WeekShape};
use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A random week: 4–11 stops within about 6 km of two depots, some visited twice, some with
/// their own service minutes or a window; two trucks (A from the first depot 09:00–15:00 with
/// a lunch break, B from the second 10:00–17:00, with one only on even seeds), all minutes
/// fractional so rounding is exercised.
pub(crate) fn random_problem(seed: u64) -> RouteProblem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = rng.gen_range(4..12);
    let depot = LatLon::new(35.35, 139.40);
    let mut points = vec![depot];
    points.extend((0..n).map(|_| {
        LatLon::new(
            depot.lat + rng.gen_range(-0.03..0.03),
            depot.lon + rng.gen_range(-0.04..0.04),
        )
    }));
    points.push(LatLon::new(depot.lat + 0.02, depot.lon - 0.03));
    let place = |i: usize, id: String| Place {
        id,
        name: Some(format!("stop <{i}>")),
        location: Some(points[i]),
    };
    let stop_rules = (0..n)
        .map(|_| {
            let mut r = StopRules::default();
            if rng.gen_bool(0.5) {
                r.service_min = Some(rng.gen_range(10.0..40.0));
            }
            if rng.gen_bool(0.35) {
                let open = rng.gen_range(600.0..760.0);
                r.windows = vec![(open, open + rng.gen_range(90.0..200.0))];
            }
            r
        })
        .collect();
    let fleet = fleet(&mut rng, n, seed);
    RouteProblem {
        depot: place(0, "store".into()),
        stops: (1..=n).map(|i| place(i, format!("s{i}"))).collect(),
        visits: (0..n)
            .map(|_| if rng.gen_bool(0.25) { 2 } else { 1 })
            .collect(),
        stop_rules,
        depots: vec![place(n + 1, "branch".into())],
        travel: Travel::straight(&points, rng.gen_range(15.0..25.0), 1.3),
        rules: WeekRules {
            days: vec![0, 1, 2, 3, 4],
            window_start: 540.0,
            window_end: 900.0,
            service_min: rng.gen_range(20.0..31.0),
            trucks: 2,
            max_stops_per_day: None,
            shape: if rng.gen_bool(0.5) {
                WeekShape::Pack
            } else {
                WeekShape::Spread
            },
            brk: None,
            fleet,
        },
    }
}

/// Truck A from the first depot 09:00–15:00 with a lunch break; truck B from depot `n + 1`
/// 10:00–17:00 on Mon, Wed, Fri, at most 5 stops, with a break on even seeds.
fn fleet(rng: &mut ChaCha8Rng, n: usize, seed: u64) -> Vec<Truck> {
    let lunch = |from: f64| Break {
        from,
        to: from + 90.0,
        minutes: 45.0,
    };
    let b_break = seed % 2 == 0;
    vec![
        Truck {
            id: "A".into(),
            depot: 0,
            window_start: 540.0 + rng.gen_range(0.0..1.0),
            window_end: 900.0,
            days: vec![0, 1, 2, 3, 4],
            max_stops_per_day: None,
            brk: Some(lunch(rng.gen_range(690.0..740.0))),
        },
        Truck {
            id: "B".into(),
            depot: n + 1,
            window_start: 600.0,
            window_end: 1020.0 - rng.gen_range(0.0..1.0),
            days: vec![0, 2, 4],
            max_stops_per_day: Some(5),
            brk: b_break.then(|| lunch(720.0)),
        },
    ]
}

/// The facts beside the plan: a 4-week calendar from Monday 2027-01-04 skipping Japan's
/// holidays (成人の日 2027-01-11), and an address for stop `s1`.
pub(crate) fn info() -> RouteInfo {
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date");
    let options = SeriesOptions {
        weeks: Some(4),
        holidays_jp: true,
        ..Default::default()
    };
    let (calendar, _) = Series::new(start, &options).expect("a valid series");
    RouteInfo {
        stops_from: LocalText::new("test", "テスト"),
        data: "test data".into(),
        calendar,
        addresses: [("s1".to_string(), "茅ヶ崎市 <1-2>".to_string())].into(),
        warnings: Vec::new(),
    }
}
