//! Property test of the week's own rules on random weeks: stop windows and days, per-stop
//! service, pins, trucks with their own depots, hours and days, and breaks. Whatever the
//! search finds, a week it calls planned keeps every rule.

use super::plan::{Break, Pin, StopRules, Truck, WeekPlan, WeekRules, WeekShape, WeekStop};
use super::week::plan_week;
use crate::model::TravelTimes;
use proptest::prelude::*;

const EPS: f64 = 1e-6;

/// Every rule, checked on a planned week.
fn check(plan: &WeekPlan, t: &TravelTimes, stops: &[WeekStop], r: &WeekRules) {
    let fleet = r.fleet_from(0);
    let mut seen: Vec<Vec<(u8, f64)>> = vec![Vec::new(); stops.len()];
    for run in &plan.runs {
        let truck = &fleet[run.truck];
        assert_eq!(
            run.depot, truck.depot,
            "a run starts from its truck's depot"
        );
        if run.visits.is_empty() {
            continue;
        }
        assert!(truck.days.contains(&run.day), "the truck works that day");
        assert!(run.leave >= truck.window_start - EPS);
        assert!(run.return_at <= truck.window_end + EPS, "{run:?}");
        if let Some(m) = truck.max_stops_per_day {
            assert!(run.visits.len() <= m);
        }
        let mut clock = run.leave;
        let mut at = truck.depot;
        let mut breaks = run.breaks.iter();
        let mut next_break = breaks.next();
        for v in &run.visits {
            let s = &stops[v.stop];
            let leg = t.get(at, s.place);
            // A break taken before this leg.
            if let Some(&(b0, b1)) = next_break.filter(|b| b.0 < v.arrive) {
                assert!(b0 >= clock - EPS, "break after the last visit ended");
                clock = b1;
                next_break = breaks.next();
            }
            assert!(v.arrive >= clock + leg - EPS, "arrives after the drive");
            let service = s.rules.service_min.unwrap_or(r.service_min);
            assert!(
                (v.depart - v.arrive - service).abs() < EPS,
                "its own service"
            );
            assert!(s.rules.allows(run.day), "a day the stop allows");
            if let Some(p) = s.rules.pin {
                assert!(
                    v.arrive >= p.earliest - EPS && v.arrive <= p.latest + EPS,
                    "pin kept"
                );
            } else if !s.rules.windows.is_empty() {
                assert!(
                    s.rules
                        .windows
                        .iter()
                        .any(|&(o, c)| v.arrive >= o - EPS && v.depart <= c + EPS),
                    "inside a window: {v:?} {:?}",
                    s.rules.windows
                );
            }
            clock = v.depart;
            at = s.place;
            seen[v.stop].push((run.day, v.arrive));
        }
        if let Some(b) = truck.brk {
            for &(b0, b1) in &run.breaks {
                assert!(b0 >= b.from - EPS && b1 <= b.to + EPS, "break in its span");
                assert!((b1 - b0 - b.minutes).abs() < EPS);
            }
            if run.breaks.is_empty() {
                assert!(
                    run.return_at <= b.latest_start() + EPS,
                    "home before the break"
                );
            }
        } else {
            assert!(run.breaks.is_empty());
        }
    }
    for (i, s) in stops.iter().enumerate() {
        assert_eq!(seen[i].len(), s.visits as usize, "stop {i}");
        if let [(d0, a0), (d1, a1)] = seen[i][..] {
            let gap = d0.abs_diff(d1);
            assert!(gap.min(7 - gap) >= 2);
            assert!((a0 - a1).abs() < EPS, "same time both days");
        }
    }
}

fn grid(points: &[(f64, f64)]) -> TravelTimes {
    TravelTimes::from_fn(points.len(), |a, b| {
        3.0 * (points[a].0 - points[b].0).hypot(points[a].1 - points[b].1)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn planned_weeks_keep_windows_days_pins_depots_and_breaks(
        pts in prop::collection::vec((0.0f64..6.0, 0.0f64..6.0), 4..14),
        kinds in prop::collection::vec(0u8..6, 14),
        two_trucks in any::<bool>(),
        with_break in any::<bool>(),
        pack in any::<bool>(),
    ) {
        let t = grid(&pts);
        // Place 0 and place 1 are the two depots; stops are the rest.
        let brk = with_break.then_some(Break { from: 720.0, to: 780.0, minutes: 45.0 });
        let mut fleet = vec![Truck {
            id: "a".into(), depot: 0, window_start: 540.0, window_end: 960.0,
            days: vec![0, 1, 2, 3, 4], max_stops_per_day: None, brk,
        }];
        if two_trucks {
            fleet.push(Truck {
                id: "b".into(), depot: 1, window_start: 600.0, window_end: 1020.0,
                days: vec![1, 3, 5], max_stops_per_day: Some(5), brk: None,
            });
        }
        let rules = WeekRules {
            days: if two_trucks { vec![0, 1, 2, 3, 4, 5] } else { vec![0, 1, 2, 3, 4] },
            window_start: 540.0,
            window_end: 960.0,
            service_min: 30.0,
            trucks: fleet.len(),
            max_stops_per_day: None,
            shape: if pack { WeekShape::Pack } else { WeekShape::Spread },
            brk,
            fleet,
        };
        let stops: Vec<WeekStop> = (2..pts.len())
            .map(|p| {
                let mut s = WeekStop::new(p, if kinds[p] == 1 { 2 } else { 1 });
                s.rules = match kinds[p] {
                    2 => StopRules { windows: vec![(600.0, 690.0), (840.0, 930.0)], ..StopRules::default() },
                    3 => StopRules { service_min: Some(45.0), days: 0b1010, ..StopRules::default() },
                    4 => StopRules { pin: Some(Pin::exact(600.0 + 7.0 * p as f64, 0b100)), ..StopRules::default() },
                    _ => StopRules::default(),
                };
                s
            })
            .collect();
        if let Ok(plan) = plan_week(&t, 0, &stops, &rules) {
            check(&plan, &t, &stops, &rules);
            prop_assert_eq!(plan.runs.len(), rules.days.len() * rules.trucks);
        }
    }
}

#[test]
fn a_small_week_with_every_rule_is_planned() {
    // Four stops 1 km apart in a row, one windowed to the afternoon, one pinned at 10:30 on
    // Wednesday, one of 45 minutes; a lunch break; all on one truck, Mon–Fri.
    let pts: Vec<(f64, f64)> = (0..6).map(|i| (f64::from(i), 0.0)).collect();
    let t = grid(&pts);
    let brk = Some(Break {
        from: 720.0,
        to: 780.0,
        minutes: 45.0,
    });
    let mut stops: Vec<WeekStop> = (1..6).map(|p| WeekStop::new(p, 1)).collect();
    stops[0].rules.windows = vec![(840.0, 930.0)];
    stops[1].rules.pin = Some(Pin::exact(630.0, 0b100));
    stops[2].rules.service_min = Some(45.0);
    let rules = WeekRules {
        days: vec![0, 1, 2, 3, 4],
        window_start: 600.0,
        window_end: 960.0,
        service_min: 30.0,
        trucks: 1,
        max_stops_per_day: None,
        shape: WeekShape::Pack,
        brk,
        fleet: Vec::new(),
    };
    let plan = plan_week(&t, 0, &stops, &rules).expect("fits");
    check(&plan, &t, &stops, &rules);
    let wed = plan.runs.iter().find(|r| r.day == 2).unwrap();
    assert!(wed
        .visits
        .iter()
        .any(|v| v.stop == 1 && (v.arrive - 630.0).abs() < 0.5));
    // The afternoon stop waits for 14:00 on the run that carries it, past noon: a break.
    let pm = plan
        .runs
        .iter()
        .find(|r| r.visits.iter().any(|v| v.stop == 0))
        .unwrap();
    assert_eq!(pm.breaks.len(), 1, "{pm:?}");
}
