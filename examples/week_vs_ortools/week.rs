//! The generated weeks: 40 stops around three depots about 10 km apart, 30 % of them twice a
//! week, about a third with a morning or afternoon window, some on set weekdays, 20–40 minutes
//! at each; three trucks, each from its own depot in its own hours on its own days (seven
//! truck-days in all, and no two trucks have enough of them for these loads), all taking 45
//! minutes of lunch between 12:00 and 13:00.
//!
//! Everything comes from one seed (ChaCha8), so the same seed gives the same week on any
//! machine, and OR-Tools reads exactly the instance the planner solved.

use mobile_stops::route::{
    Break, Place, RouteProblem, StopRules, Travel, TravelTimes, Truck, WeekRules, WeekShape,
};
use mobile_stops::LatLon;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Stops in every generated week.
pub const STOPS: usize = 40;

/// The lunch break every truck takes: 45 minutes inside 12:00–13:00.
pub const LUNCH: Break = Break {
    from: 720.0,
    to: 780.0,
    minutes: 45.0,
};

/// Driving speed and detour of the straight-line travel (a town's streets).
const SPEED_KMH: f64 = 25.0;
const DETOUR: f64 = 1.3;

/// A point `east_km` east and `north_km` north of `c`.
fn offset(c: LatLon, east_km: f64, north_km: f64) -> LatLon {
    let km_per_deg = 111.2;
    LatLon::new(
        c.lat + north_km / km_per_deg,
        c.lon + east_km / (km_per_deg * c.lat.to_radians().cos()),
    )
}

/// Each truck: id, which depot (0–2), hours (minutes after midnight), weekdays.
const TRUCKS: [(&str, usize, f64, f64, &[u8]); 3] = [
    ("north", 0, 540.0, 960.0, &[0, 2, 4]),
    ("east", 1, 600.0, 1020.0, &[1, 4]),
    ("west", 2, 570.0, 990.0, &[0, 3]),
];

/// Week `seed`: the problem the planner solves (matrix: depot 0, the stops, depots 1 and 2).
pub fn week(seed: u64) -> RouteProblem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let centre = LatLon::new(35.35, 139.40);
    // An equilateral triangle of side 10 km: corners 5.77 km from its centre.
    let corner = |k: usize| {
        let a = (90.0 + 120.0 * k as f64).to_radians();
        offset(centre, 5.77 * a.cos(), 5.77 * a.sin())
    };
    let depots: Vec<LatLon> = (0..3).map(corner).collect();
    let mut points = vec![depots[0]];
    let mut stop_rules = Vec::new();
    let mut visits = Vec::new();
    for _ in 0..STOPS {
        let home = depots[rng.gen_range(0..3)];
        let (r, a) = (
            rng.gen_range(0.8..5.5),
            rng.gen_range(0.0..std::f64::consts::TAU),
        );
        points.push(offset(home, r * a.cos(), r * a.sin()));
        let twice = rng.gen_bool(0.3);
        visits.push(if twice { 2 } else { 1 });
        stop_rules.push(rules(&mut rng, twice));
    }
    points.extend(&depots[1..]);
    let place = |i: usize, id: String| Place {
        id,
        name: None,
        location: Some(points[i]),
    };
    let fleet = TRUCKS
        .iter()
        .map(|&(id, d, start, end, days)| Truck {
            id: id.into(),
            depot: if d == 0 { 0 } else { STOPS + d },
            window_start: start,
            window_end: end,
            days: days.to_vec(),
            max_stops_per_day: None,
            brk: Some(LUNCH),
        })
        .collect();
    RouteProblem {
        depot: place(0, "depot-north".into()),
        stops: (1..=STOPS).map(|i| place(i, format!("s{i:02}"))).collect(),
        visits,
        stop_rules,
        depots: vec![
            place(STOPS + 1, "depot-east".into()),
            place(STOPS + 2, "depot-west".into()),
        ],
        travel: tenths(Travel::straight(&points, SPEED_KMH, DETOUR)),
        rules: WeekRules {
            days: vec![0, 1, 2, 3, 4],
            window_start: 540.0,
            window_end: 1020.0,
            service_min: 30.0,
            trucks: TRUCKS.len(),
            max_stops_per_day: None,
            shape: WeekShape::Pack,
            brk: Some(LUNCH),
            fleet,
        },
    }
}

/// One stop's rules: 20–40 minutes; 7 in 20 with a window (10:00–12:00, 13:00–15:00 or
/// both); a few once-weekly stops on three given weekdays, a few twice-weekly ones on
/// Monday, Wednesday and Friday only.
fn rules(rng: &mut ChaCha8Rng, twice: bool) -> StopRules {
    let morning = (600.0, 720.0);
    let afternoon = (780.0, 900.0);
    let windows = match rng.gen_range(0..20) {
        0..=2 => vec![morning],
        3..=5 => vec![afternoon],
        6 => vec![morning, afternoon],
        _ => Vec::new(),
    };
    let days = if !rng.gen_bool(0.15) {
        0
    } else if twice {
        0b10101
    } else {
        let mut d: Vec<u8> = (0..5).collect();
        while d.len() > 3 {
            d.remove(rng.gen_range(0..d.len()));
        }
        d.iter().fold(0, |bits, &x| bits | 1 << x)
    };
    StopRules {
        service_min: Some(20.0 + 5.0 * f64::from(rng.gen_range(0..=4u8))),
        windows,
        days,
        pin: None,
    }
}

/// The same travel with minutes rounded to a tenth, so OR-Tools (integers, in tenths of a
/// minute) drives exactly the matrix the planner drove.
fn tenths(t: Travel) -> Travel {
    let m = &t.minutes;
    Travel {
        minutes: TravelTimes::from_fn(m.len(), |a, b| (m.get(a, b) * 10.0).round() / 10.0),
        ..t
    }
}
