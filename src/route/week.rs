//! Which weekday (and truck) serves each stop, and when: the weekly timetable, and when it
//! cannot be made, why and what would fit.
//!
//! Residents remember "Tuesdays and Fridays at 10:30", so a stop visited twice a week gets two
//! days at least two days apart and the same time on both (see [`super::schedule`] for how the
//! search keeps that true by construction). This file checks the rules a week must meet before
//! any search, runs the search, and hands a week that does not fit to [`super::unfit`].

pub use super::clock::{clock, hm};
use super::plan::{WeekPlan, WeekRules, WeekStop};
use super::schedule::{attempt, twin_pairs};
use super::unfit::{unfit, Unfit};
use crate::model::TravelTimes;
use std::time::Instant;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::WeekShape;
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
            shape: WeekShape::Spread,
            brk: None,
            fleet: Vec::new(),
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
            &[WeekStop::new(1, 2)],
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
        let stops: Vec<WeekStop> = (1..8).map(|p| WeekStop::new(p, 2)).collect();
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
        let stops: Vec<WeekStop> = (1..9).map(|p| WeekStop::new(p, 1)).collect();
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
        let twice = vec![WeekStop::new(1, 2)];
        let err = plan_week(&t, 0, &twice, &rules(&[0, 1], 6.0)).unwrap_err();
        assert!(err.reason.contains("two days apart"));
    }

    #[test]
    fn a_stop_too_far_for_any_day_is_named_and_no_truck_is_suggested() {
        // 100 km out at 3 min/km: 600 minutes there and back.
        let t = grid(&[(0.0, 0.0), (1.0, 0.0), (100.0, 0.0)]);
        let stops = [WeekStop::new(1, 1), WeekStop::new(2, 1)];
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

    #[test]
    fn pack_fills_as_few_days_as_the_window_allows_and_spread_uses_them_all() {
        // Nine stops 100 m apart in a row: 30 minutes each and at most 5.4 of driving, so any
        // three fit in 100 minutes and four never do (120 minutes of service alone).
        let pts: Vec<(f64, f64)> = (0..10).map(|i| (0.1 * f64::from(i), 0.0)).collect();
        let t = grid(&pts);
        let stops: Vec<WeekStop> = (1..10).map(|p| WeekStop::new(p, 1)).collect();
        let mut r = rules(&[0, 1, 2, 3, 4], 1.0);
        r.window_end = r.window_start + 100.0;
        let used = |plan: &WeekPlan| plan.runs.iter().filter(|x| !x.visits.is_empty()).count();
        let spread = plan_week(&t, 0, &stops, &r).unwrap();
        check(&spread, &stops, &r);
        assert_eq!(used(&spread), 5);
        r.shape = WeekShape::Pack;
        let pack = plan_week(&t, 0, &stops, &r).unwrap();
        check(&pack, &stops, &r);
        assert_eq!(used(&pack), 3, "{pack:?}");
        // The first days are used, so the week reads Mon–Wed.
        assert!(pack.runs[..3].iter().all(|x| x.visits.len() == 3));
        // With two trucks pack still sends one.
        r.trucks = 2;
        let pack = plan_week(&t, 0, &stops, &r).unwrap();
        check(&pack, &stops, &r);
        assert!(pack
            .runs
            .iter()
            .all(|x| x.truck == 0 || x.visits.is_empty()));
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
            pack in any::<bool>(),
        ) {
            let t = grid(&pts);
            let pairs = twin_pairs(&days);
            let stops: Vec<WeekStop> = (1..pts.len())
                .map(|p| WeekStop::new(p, if twice[p] && !pairs.is_empty() { 2 } else { 1 }))
                .collect();
            let mut r = rules(&days, 6.0);
            r.trucks = trucks;
            r.max_stops_per_day = max;
            r.shape = if pack { WeekShape::Pack } else { WeekShape::Spread };
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
