//! Which weekday (and truck) serves each stop, and when: the weekly timetable, and when it
//! cannot be made, why and what would fit.
//!
//! Residents remember "Tuesdays and Fridays at 10:30", so a stop visited twice a week gets two
//! days at least two days apart and the same time on both (see [`super::schedule`] for how the
//! search keeps that true by construction).

use super::schedule::{twin_pairs, Ctx};
use super::tour::TravelTimes;
use std::time::Instant;

/// English and Japanese weekday names, Monday first.
pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "月"),
    ("tue", "火"),
    ("wed", "水"),
    ("thu", "木"),
    ("fri", "金"),
    ("sat", "土"),
    ("sun", "日"),
];

/// The week the truck works.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekRules {
    /// Working weekdays, 0 = Monday … 6 = Sunday, ascending and distinct.
    pub days: Vec<u8>,
    /// Leaving the depot, minutes after midnight.
    pub window_start: f64,
    /// Back at the depot at the latest, minutes after midnight.
    pub window_end: f64,
    /// Minutes the truck stands at each stop.
    pub service_min: f64,
    /// Trucks working each day.
    pub trucks: usize,
    /// Most stops one truck makes in a day.
    pub max_stops_per_day: Option<usize>,
}

/// A stop to serve: its place in the travel matrix and its visits per week (1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStop {
    /// Index into the travel matrix.
    pub place: usize,
    /// Visits per week.
    pub visits: u8,
}

/// One visit in a day's run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit {
    /// Index into the stops given to [`plan_week`].
    pub stop: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

/// One truck's run on one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// Visits in order.
    pub visits: Vec<Visit>,
    /// Driving minutes, depot to depot.
    pub drive_min: f64,
    /// Minutes spent waiting so that a twice-weekly stop keeps the same time on both days.
    pub wait_min: f64,
    /// Back at the depot, minutes after midnight.
    pub return_at: f64,
    /// Minutes of the window left unused.
    pub idle_min: f64,
}

/// The weekly plan: one run per working day and truck, in day then truck order.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekPlan {
    /// The runs.
    pub runs: Vec<Run>,
}

/// One visit of a stop seen from the stop: which day, which truck, when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StopVisit {
    /// Weekday, 0 = Monday.
    pub day: u8,
    /// Truck number, from 0.
    pub truck: usize,
    /// Arrival, minutes after midnight.
    pub arrive: f64,
    /// Departure, minutes after midnight.
    pub depart: f64,
}

impl WeekPlan {
    /// Each stop's visits in weekday order: the resident's view ("Tue and Fri at 10:30").
    pub fn by_stop(&self, stops: usize) -> Vec<Vec<StopVisit>> {
        let mut out = vec![Vec::new(); stops];
        for run in &self.runs {
            for v in &run.visits {
                out[v.stop].push(StopVisit {
                    day: run.day,
                    truck: run.truck,
                    arrive: v.arrive,
                    depart: v.depart,
                });
            }
        }
        for v in &mut out {
            v.sort_by_key(|x| (x.day, x.truck));
        }
        out
    }
}

/// Why the stops do not fit, and what would.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfit {
    /// What does not fit.
    pub reason: String,
    /// What would fit, in words ("needs one more day (sat) or a 7-hour window (10:00–17:00)").
    pub suggestion: String,
    /// Stops (indices) that do not fit even alone: the drive there and back plus service is
    /// longer than the window.
    pub far_stops: Vec<usize>,
    /// The shortest window (minutes, in quarter hours) that fits with the same days and
    /// trucks, if one ending by midnight does.
    pub window_needed_min: Option<f64>,
    /// A weekday (0 = Monday) whose addition makes the week fit.
    pub extra_day: Option<u8>,
    /// Whether one more truck makes the week fit.
    pub extra_truck: bool,
}

impl Unfit {
    fn rule(reason: impl Into<String>, suggestion: impl Into<String>) -> Unfit {
        Unfit {
            reason: reason.into(),
            suggestion: suggestion.into(),
            far_stops: Vec::new(),
            window_needed_min: None,
            extra_day: None,
            extra_truck: false,
        }
    }
}

/// Plans the week, or says why the stops do not fit and what would.
pub fn plan_week(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
) -> Result<WeekPlan, Unfit> {
    plan_week_until(t, depot, stops, rules, None)
}

/// [`plan_week`] that stops improving at `deadline` (a command's time limit): the week is the
/// best found by then, and a week that does not fit says the search was cut short instead of
/// trying what would fit.
pub fn plan_week_until(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    deadline: Option<Instant>,
) -> Result<WeekPlan, Unfit> {
    if let Some(s) = stops.iter().find(|s| s.visits == 0 || s.visits > 2) {
        return Err(Unfit::rule(
            format!("{} visits a week asked for a stop", s.visits),
            "use 1 or 2 visits per week",
        ));
    }
    if rules.days.is_empty() || rules.trucks == 0 {
        return Err(Unfit::rule(
            "no working day or no truck",
            "give at least one day and one truck",
        ));
    }
    if stops.iter().any(|s| s.visits == 2) && twin_pairs(&rules.days).is_empty() {
        return Err(Unfit::rule(
            "twice-weekly stops need two working days at least two days apart",
            "add a working day (e.g. --days mon,wed,fri) or visit once a week",
        ));
    }
    match attempt(t, depot, stops, rules, deadline) {
        Ok(plan) => Ok(plan),
        Err(longest) => Err(unfit(t, depot, stops, rules, longest, deadline)),
    }
}

/// One planning attempt: the timetable, or the longest day of the best week found.
fn attempt(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    deadline: Option<Instant>,
) -> Result<WeekPlan, f64> {
    let Some(ctx) = Ctx::new(t, depot, stops, rules) else {
        return Err(f64::INFINITY);
    };
    let ctx = ctx.until(deadline);
    let state = ctx.search();
    if ctx.fits(&state) {
        Ok(ctx.timetable(&state))
    } else {
        Err(ctx.longest(&state))
    }
}

/// "7 h 30 min" (or "7 h" on the hour, "45 min" under an hour), rounded to the minute like
/// [`clock`], so durations and clock times in one table add up.
pub fn hm(minutes: f64) -> String {
    let m = minutes.round() as i64;
    if m < 60 {
        format!("{m} min")
    } else if m % 60 == 0 {
        format!("{} h", m / 60)
    } else {
        format!("{} h {:02} min", m / 60, m % 60)
    }
}

/// "10:30" for minutes after midnight (rounded to the minute).
pub fn clock(minutes: f64) -> String {
    let m = minutes.round() as i64;
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Quarter hours: suggested windows are ones a council would announce.
const STEP_MIN: f64 = 15.0;

/// What does not fit and the smallest changes that would, in the order a council can act on:
/// one more day, a longer window, one more truck. Each suggestion is checked by planning the
/// changed week, never guessed.
fn unfit(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    longest: f64,
    deadline: Option<Instant>,
) -> Unfit {
    let late = || crate::budget::passed(deadline);
    let window = rules.window_end - rules.window_start;
    let alone = |s: &WeekStop| t.get(depot, s.place) + rules.service_min + t.get(s.place, depot);
    let far_stops: Vec<usize> = (0..stops.len())
        .filter(|&i| alone(&stops[i]) > window + 1e-9)
        .collect();
    // The latest a window may end is midnight.
    let max_window = 24.0 * 60.0 - rules.window_start;
    let fits_window = |w: f64| {
        let mut r = rules.clone();
        r.window_end = r.window_start + w;
        attempt(t, depot, stops, &r, deadline).is_ok()
    };
    let window_needed_min = {
        // Quarter hours from just above the current window up to midnight; the search assumes
        // a longer window never hurts, which holds for the planner's insertion order.
        let lo = (window / STEP_MIN).floor() as i64 + 1;
        let hi = (max_window / STEP_MIN).floor() as i64;
        if lo > hi || late() || !fits_window(hi as f64 * STEP_MIN) {
            None
        } else {
            let (mut lo, mut hi) = (lo, hi);
            while lo < hi && !late() {
                let mid = (lo + hi) / 2;
                if fits_window(mid as f64 * STEP_MIN) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Some(hi as f64 * STEP_MIN) // the least window seen to fit (= lo unless cut short)
        }
    };
    let extra_day = if far_stops.is_empty() {
        (0..7u8).filter(|d| !rules.days.contains(d)).find(|&d| {
            let mut r = rules.clone();
            r.days.push(d);
            r.days.sort_unstable();
            !late() && attempt(t, depot, stops, &r, deadline).is_ok()
        })
    } else {
        None
    };
    let extra_truck = far_stops.is_empty() && !late() && {
        let mut r = rules.clone();
        r.trucks += 1;
        attempt(t, depot, stops, &r, deadline).is_ok()
    };
    // Cut short, "does not fit" may only mean "not found in time".
    let cut_short = late();
    let visits: usize = stops.iter().map(|s| usize::from(s.visits)).sum();
    let reason = if !far_stops.is_empty() {
        let worst = far_stops
            .iter()
            .map(|&i| alone(&stops[i]))
            .fold(0.0, f64::max);
        format!(
            "{} stop(s) cannot be reached, served and left within the {} window even alone \
             (the farthest needs {})",
            far_stops.len(),
            hm(window),
            hm(worst)
        )
    } else {
        match rules.max_stops_per_day {
            Some(m)
                if visits
                    > m.saturating_mul(rules.days.len())
                        .saturating_mul(rules.trucks) =>
            {
                format!(
                "{visits} visits a week do not fit in {} day(s) × {} truck(s) with at most {m} \
                 stops a day",
                rules.days.len(),
                rules.trucks
            )
            }
            _ => format!(
                "{visits} visits a week do not fit: the busiest day needs {} but the window is {}",
                hm(longest),
                hm(window)
            ),
        }
    };
    let mut options = Vec::new();
    if let Some(d) = extra_day {
        options.push(format!("one more day ({})", WEEKDAYS[d as usize].0));
    }
    if let Some(w) = window_needed_min {
        let hours = if w % 60.0 == 0.0 {
            format!("{}-hour", w / 60.0)
        } else {
            hm(w)
        };
        options.push(format!(
            "a {hours} window ({}–{})",
            clock(rules.window_start),
            clock(rules.window_start + w)
        ));
    }
    if extra_truck {
        options.push("one more truck".into());
    }
    let suggestion = if cut_short && far_stops.is_empty() {
        let tried = if options.is_empty() {
            String::new()
        } else {
            format!("; found so far: needs {}", options.join(" or "))
        };
        format!("the time limit ended the search first: a longer --time-limit-s may find a week that fits{tried}")
    } else if options.is_empty() {
        if far_stops.is_empty() {
            "fewer stops, fewer visits or shorter service times".into()
        } else {
            "a depot nearer those stops, or leaving them out".into()
        }
    } else {
        format!("needs {}", options.join(" or "))
    };
    Unfit {
        reason,
        suggestion,
        far_stops,
        window_needed_min,
        extra_day,
        extra_truck,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(points: &[(f64, f64)]) -> TravelTimes {
        // 20 km/h straight line: 3 minutes a kilometre.
        TravelTimes::from_fn(points.len(), |a, b| {
            3.0 * (points[a].0 - points[b].0).hypot(points[a].1 - points[b].1)
        })
    }

    fn rules(days: &[u8], hours: f64) -> WeekRules {
        WeekRules {
            days: days.to_vec(),
            window_start: 600.0,
            window_end: 600.0 + 60.0 * hours,
            service_min: 30.0,
            trucks: 1,
            max_stops_per_day: None,
        }
    }

    /// Every rule of the timetable, checked on a finished plan.
    fn check(plan: &WeekPlan, stops: &[WeekStop], r: &WeekRules) {
        let mut days_of: Vec<Vec<(u8, f64)>> = vec![Vec::new(); stops.len()];
        for run in &plan.runs {
            assert!(r.days.contains(&run.day));
            assert!(
                run.return_at <= r.window_end + 1e-9,
                "run ends in the window"
            );
            if let Some(m) = r.max_stops_per_day {
                assert!(run.visits.len() <= m);
            }
            let mut clock = r.window_start;
            for v in &run.visits {
                assert!(v.arrive >= clock - 1e-9);
                assert!(v.depart <= r.window_end + 1e-9);
                assert!((v.depart - v.arrive - r.service_min).abs() < 1e-9);
                clock = v.depart;
                days_of[v.stop].push((run.day, v.arrive));
            }
        }
        for (i, s) in stops.iter().enumerate() {
            let d = &days_of[i];
            assert_eq!(d.len(), s.visits as usize, "stop {i} visited its count");
            if d.len() == 2 {
                let gap = d[0].0.abs_diff(d[1].0);
                assert!(
                    gap.min(7 - gap) >= 2,
                    "two days apart, across the weekend too"
                );
                assert!((d[0].1 - d[1].1).abs() < 1e-9, "same time both days");
            }
        }
    }

    #[test]
    fn twice_weekly_pairs_are_two_days_apart_across_the_weekend() {
        assert_eq!(
            twin_pairs(&[0, 1, 2, 3, 4]),
            vec![(0, 2), (0, 3), (0, 4), (1, 3), (1, 4), (2, 4)]
        );
        assert_eq!(twin_pairs(&[0, 1]), vec![]);
        // Sunday and Monday are neighbours; Friday and Monday are three days apart.
        assert_eq!(twin_pairs(&[0, 6]), vec![]);
        assert_eq!(twin_pairs(&[0, 4]), vec![(0, 1)]);
        let err = plan_week(
            &grid(&[(0.0, 0.0), (1.0, 0.0)]),
            0,
            &[WeekStop {
                place: 1,
                visits: 2,
            }],
            &rules(&[0, 6], 6.0),
        )
        .unwrap_err();
        assert!(err.reason.contains("two days apart"));
    }

    #[test]
    fn twice_weekly_stops_use_every_day_and_wait_to_keep_their_time() {
        // Seven twice-weekly stops, three a day at most, five days: 14 visits of 15 places, so
        // Wednesday must take some, and pairs must share days.
        let pts: Vec<(f64, f64)> = (0..8)
            .map(|i| (f64::from(i % 3), f64::from(i / 3)))
            .collect();
        let t = grid(&pts);
        let stops: Vec<WeekStop> = (1..8)
            .map(|p| WeekStop {
                place: p,
                visits: 2,
            })
            .collect();
        let mut r = rules(&[0, 1, 2, 3, 4], 6.0);
        r.max_stops_per_day = Some(3);
        let plan = plan_week(&t, 0, &stops, &r).unwrap();
        check(&plan, &stops, &r);
        assert!(plan
            .runs
            .iter()
            .any(|run| run.day == 2 && !run.visits.is_empty()));
    }

    #[test]
    fn too_many_stops_say_what_would_fit() {
        // Eight stops half a kilometre apart: four a day need the whole two hours in service.
        let pts: Vec<(f64, f64)> = (0..9).map(|i| (0.5 * f64::from(i), 0.0)).collect();
        let t = grid(&pts);
        let stops: Vec<WeekStop> = (1..9)
            .map(|p| WeekStop {
                place: p,
                visits: 1,
            })
            .collect();
        let r = rules(&[0, 1], 2.0);
        let err = plan_week(&t, 0, &stops, &r).unwrap_err();
        assert!(err.far_stops.is_empty(), "{err:?}");
        // Every suggestion is a week that fits.
        let w = err.window_needed_min.expect("a longer window fits");
        assert!(w > 120.0 && w % 15.0 == 0.0);
        let mut longer = r.clone();
        longer.window_end = longer.window_start + w;
        check(&plan_week(&t, 0, &stops, &longer).unwrap(), &stops, &longer);
        let d = err.extra_day.expect("a third day fits");
        let mut more = r.clone();
        more.days.push(d);
        check(&plan_week(&t, 0, &stops, &more).unwrap(), &stops, &more);
        assert!(err.suggestion.contains("one more day (wed)"), "{err:?}");
        assert!(err.suggestion.contains("window (10:00–"), "{err:?}");
        let twice = vec![WeekStop {
            place: 1,
            visits: 2,
        }];
        let err = plan_week(&t, 0, &twice, &rules(&[0, 1], 6.0)).unwrap_err();
        assert!(err.reason.contains("two days apart"));
    }

    #[test]
    fn a_stop_too_far_for_any_day_is_named_and_no_truck_is_suggested() {
        // 100 km out at 3 min/km: 600 minutes there and back.
        let t = grid(&[(0.0, 0.0), (1.0, 0.0), (100.0, 0.0)]);
        let stops = [
            WeekStop {
                place: 1,
                visits: 1,
            },
            WeekStop {
                place: 2,
                visits: 1,
            },
        ];
        let err = plan_week(&t, 0, &stops, &rules(&[0, 2, 4], 6.0)).unwrap_err();
        assert_eq!(err.far_stops, vec![1]);
        assert!(!err.extra_truck && err.extra_day.is_none());
        // 600 minutes of driving and 30 of service: exactly 10 h 30 min (10:00–20:30).
        assert_eq!(err.window_needed_min, Some(630.0));
        assert!(
            err.suggestion.contains("10 h 30 min window (10:00–20:30)"),
            "{err:?}"
        );
        // Beyond midnight nothing fits: the suggestion says so instead of a window.
        let t = grid(&[(0.0, 0.0), (300.0, 0.0)]);
        let err = plan_week(&t, 0, &stops[..1], &rules(&[0], 6.0)).unwrap_err();
        assert_eq!(err.window_needed_min, None);
        assert!(err.suggestion.contains("depot nearer"), "{err:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn plans_keep_every_rule(
            pts in prop::collection::vec((0.0f64..8.0, 0.0f64..8.0), 2..16),
            twice in prop::collection::vec(any::<bool>(), 16),
            days in prop::sample::subsequence(vec![0u8, 1, 2, 3, 4, 5, 6], 2..=7),
            trucks in 1usize..3,
            max in prop::option::of(2usize..6),
        ) {
            let t = grid(&pts);
            let pairs = twin_pairs(&days);
            let stops: Vec<WeekStop> = (1..pts.len())
                .map(|p| WeekStop { place: p, visits: if twice[p] && !pairs.is_empty() { 2 } else { 1 } })
                .collect();
            let mut r = rules(&days, 6.0);
            r.trucks = trucks;
            r.max_stops_per_day = max;
            match plan_week(&t, 0, &stops, &r) {
                Ok(plan) => {
                    check(&plan, &stops, &r);
                    prop_assert_eq!(plan.runs.len(), days.len() * trucks);
                    prop_assert_eq!(plan, plan_week(&t, 0, &stops, &r).unwrap());
                }
                Err(e) => prop_assert!(!e.reason.is_empty() && !e.suggestion.is_empty()),
            }
        }
    }
}
