//! When the week cannot be made: what does not fit, and the smallest changes that would.
//!
//! A council cannot act on "infeasible"; it can add a day, lengthen the window or borrow a
//! truck. Each of those is tried by planning the changed week, so a suggestion is never a
//! guess.

use super::clock::{clock, hm};
use super::plan::{WeekRules, WeekStop, WEEKDAYS};
use super::schedule::fits_in_time;
use crate::model::TravelTimes;
use std::time::Instant;

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
    /// When the pins are what does not fit: which, and the least move that fits.
    pub pins: Option<Box<super::pins::PinConflict>>,
}

impl Unfit {
    /// A rule broken before any planning (bad visit counts, no day): nothing to try.
    pub(super) fn rule(reason: impl Into<String>, suggestion: impl Into<String>) -> Unfit {
        Unfit {
            reason: reason.into(),
            suggestion: suggestion.into(),
            far_stops: Vec::new(),
            window_needed_min: None,
            extra_day: None,
            extra_truck: false,
            pins: None,
        }
    }
}

/// Quarter hours: suggested windows are ones a council would announce.
const STEP_MIN: f64 = 15.0;

/// The week that did not fit, with everything a changed week needs to be planned again.
struct Week<'a> {
    t: &'a TravelTimes,
    depot: usize,
    stops: &'a [WeekStop],
    rules: &'a WeekRules,
    deadline: Option<Instant>,
}

/// What does not fit and the smallest changes that would, in the order a council can act on:
/// one more day, a longer window, one more truck. Each suggestion is checked by planning the
/// changed week, never guessed.
pub(super) fn unfit(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    longest: f64,
    deadline: Option<Instant>,
) -> Unfit {
    let week = Week {
        t,
        depot,
        stops,
        rules,
        deadline,
    };
    let window = rules.window_end - rules.window_start;
    let far_stops: Vec<usize> = (0..stops.len())
        .filter(|&i| week.too_far(&stops[i]))
        .collect();
    let window_needed_min = week.window_needed(window);
    let extra_day = if far_stops.is_empty() {
        week.extra_day()
    } else {
        None
    };
    let extra_truck = far_stops.is_empty() && !week.late() && week.extra_truck();
    // Cut short, "does not fit" may only mean "not found in time".
    let cut_short = week.late();
    let reason = week.reason(&far_stops, window, longest);
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
    Unfit {
        reason,
        suggestion: suggestion(&options, cut_short, far_stops.is_empty()),
        far_stops,
        window_needed_min,
        extra_day,
        extra_truck,
        pins: None,
    }
}

impl Week<'_> {
    fn late(&self) -> bool {
        crate::budget::passed(self.deadline)
    }

    /// Whether the same stops fit under `rules`.
    fn fits(&self, rules: &WeekRules) -> bool {
        fits_in_time(self.t, self.depot, self.stops, rules, self.deadline)
    }

    /// A day with this stop alone from the nearest truck's depot: there, service, and back.
    fn alone(&self, s: &WeekStop) -> f64 {
        let service = s.rules.service_min.unwrap_or(self.rules.service_min);
        self.rules
            .fleet_from(self.depot)
            .iter()
            .map(|k| self.t.get(k.depot, s.place) + service + self.t.get(s.place, k.depot))
            .fold(f64::INFINITY, f64::min)
    }

    /// Whether no truck can drive to this stop, serve it and be back within its own hours.
    fn too_far(&self, s: &WeekStop) -> bool {
        let service = s.rules.service_min.unwrap_or(self.rules.service_min);
        self.rules.fleet_from(self.depot).iter().all(|k| {
            let alone = self.t.get(k.depot, s.place) + service + self.t.get(s.place, k.depot);
            alone > k.window_end - k.window_start + 1e-9
        })
    }

    /// The shortest window (in quarter hours, ending by midnight) that fits.
    fn window_needed(&self, window: f64) -> Option<f64> {
        let late = || self.late();
        // The latest a window may end is midnight.
        let max_window = 24.0 * 60.0 - self.rules.window_start;
        let fits_window = |w: f64| {
            let mut r = self.rules.clone();
            let extra = r.window_start + w - r.window_end;
            r.window_end += extra;
            for k in &mut r.fleet {
                k.window_end = (k.window_end + extra).min(24.0 * 60.0);
            }
            self.fits(&r)
        };
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
    }

    /// The first weekday whose addition makes the week fit.
    fn extra_day(&self) -> Option<u8> {
        (0..7u8)
            .filter(|d| !self.rules.days.contains(d))
            .find(|&d| {
                let mut r = self.rules.clone();
                r.days.push(d);
                r.days.sort_unstable();
                for k in &mut r.fleet {
                    k.days.push(d);
                    k.days.sort_unstable();
                }
                !self.late() && self.fits(&r)
            })
    }

    /// Whether one more truck makes the week fit.
    fn extra_truck(&self) -> bool {
        let mut r = self.rules.clone();
        r.trucks += 1;
        if let Some(first) = r.fleet.first().cloned() {
            r.fleet.push(super::plan::Truck {
                id: format!("{}+", first.id),
                ..first
            });
        }
        self.fits(&r)
    }

    /// What does not fit, in words: the stops too far for any day, the stop limit, or the
    /// busiest day against the window.
    fn reason(&self, far_stops: &[usize], window: f64, longest: f64) -> String {
        let rules = self.rules;
        let visits: usize = self.stops.iter().map(|s| usize::from(s.visits)).sum();
        if !far_stops.is_empty() {
            let worst = far_stops
                .iter()
                .map(|&i| self.alone(&self.stops[i]))
                .fold(0.0, f64::max);
            return format!(
                "{} stop(s) cannot be reached, served and left within the {} window even alone \
                 (the farthest needs {})",
                far_stops.len(),
                hm(window),
                hm(worst)
            );
        }
        match rules.max_stops_per_day {
            Some(m)
                if visits
                    > m.saturating_mul(rules.days.len())
                        .saturating_mul(rules.truck_count()) =>
            {
                format!(
                    "{visits} visits a week do not fit in {} day(s) × {} truck(s) with at most \
                     {m} stops a day",
                    rules.days.len(),
                    rules.truck_count()
                )
            }
            _ => format!(
                "{visits} visits a week do not fit: the busiest day needs {} but the window is {}",
                hm(longest),
                hm(window)
            ),
        }
    }
}

/// What would fit, in words; a search cut short says so first, since its options may be
/// incomplete.
fn suggestion(options: &[String], cut_short: bool, no_far_stops: bool) -> String {
    if cut_short && no_far_stops {
        let tried = if options.is_empty() {
            String::new()
        } else {
            format!("; found so far: needs {}", options.join(" or "))
        };
        format!("the time limit ended the search first: a longer --time-limit-s may find a week that fits{tried}")
    } else if options.is_empty() {
        if no_far_stops {
            "fewer stops, fewer visits or shorter service times".into()
        } else {
            "a depot nearer those stops, or leaving them out".into()
        }
    } else {
        format!("needs {}", options.join(" or "))
    }
}
