//! The residents' view of the week and the council's totals: which stop on which days at what
//! time, in the order a timetable lists them, and the week's driving and hours.
//!
//! Residents read published times, on 5-minute marks inside the truck's stay
//! ([`published`](crate::route::clock::published)); the driver's runs keep the exact minutes.

use super::weekday::weekday_short;
use crate::report::labels::Lang;
use crate::route::clock::{clock, published, published_range};
use crate::route::{RouteProblem, Run, StopVisit, WeekPlan};

/// Stop indices in the order a resident's timetable lists them: by first weekday, then time,
/// then truck, then id.
pub(super) fn timetable_order(p: &RouteProblem, by_stop: &[Vec<StopVisit>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.stops.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            by_stop[i]
                .first()
                .map(|v| (v.day, v.arrive.round() as i64, v.truck))
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| p.stops[a].id.cmp(&p.stops[b].id))
    });
    order
}

/// The residents' timetable, a row per stop in timetable order: the stop's index, its days
/// ("Tue, Fri" / "火・金") and its published time (one range, or each day's start when they
/// differ).
pub(crate) fn timetable_rows(
    p: &RouteProblem,
    plan: &WeekPlan,
    lang: Lang,
) -> Vec<(usize, String, String)> {
    let by_stop = plan.by_stop(p.stops.len());
    timetable_order(p, &by_stop)
        .into_iter()
        .map(|i| {
            let v = &by_stop[i];
            let days: Vec<String> = v.iter().map(|x| weekday_short(x.day, lang)).collect();
            let time = if same_published(v) {
                v.first()
                    .map(|x| published_range(x.arrive, x.depart))
                    .unwrap_or_default()
            } else {
                v.iter()
                    .map(|x| {
                        let (from, _) = published(x.arrive, x.depart);
                        format!("{} {}", weekday_short(x.day, lang), clock(from))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (i, days.join(lang.pick(", ", "・")), time)
        })
        .collect()
}

/// Whether every visit of a stop is published with the same window.
pub(super) fn same_published(visits: &[StopVisit]) -> bool {
    visits
        .windows(2)
        .all(|w| published(w[0].arrive, w[0].depart) == published(w[1].arrive, w[1].depart))
}

/// Whether every visit of a stop starts at the same minute.
pub(super) fn same_time(visits: &[StopVisit]) -> bool {
    visits
        .windows(2)
        .all(|w| w[0].arrive.round() == w[1].arrive.round())
}

/// Totals over the week.
pub(super) struct Totals {
    pub(super) visits: usize,
    pub(super) drive_min: f64,
    pub(super) km: Option<f64>,
    pub(super) service_min: f64,
    /// Depot to depot, summed over runs that leave the depot.
    pub(super) on_road_min: f64,
    pub(super) longest_min: f64,
    pub(super) shortest_min: f64,
}

/// The week's totals over the runs that leave the depot.
pub(super) fn totals(p: &RouteProblem, plan: &WeekPlan) -> Totals {
    let used: Vec<&Run> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
    let length = |r: &Run| r.return_at - r.leave;
    Totals {
        visits: used.iter().map(|r| r.visits.len()).sum(),
        drive_min: used.iter().map(|r| r.drive_min).sum(),
        km: used.iter().map(|r| p.run_km(r)).sum(),
        service_min: used
            .iter()
            .flat_map(|r| &r.visits)
            .map(|v| v.depart - v.arrive)
            .sum(),
        on_road_min: used.iter().map(|r| length(r)).sum(),
        longest_min: used.iter().map(|r| length(r)).fold(0.0, f64::max),
        shortest_min: if used.is_empty() {
            0.0
        } else {
            used.iter().map(|r| length(r)).fold(f64::INFINITY, f64::min)
        },
    }
}
