//! The clock over one truck-day: driving, waiting for a stop's window or a twin's other day,
//! the break, and every rule a visit can break.
//!
//! Both days of a twin group move in lockstep through [`Ctx::step`]: each day reaches the next
//! stop on its own (taking its break if it owes one), and the stop starts when the later day is
//! ready and the stop's window is open, so the stop keeps one time on both days whatever else
//! those days hold.

use super::ctx::Ctx;
use crate::route::plan::{Break, Truck};

/// A broken rule that no minutes can measure (a visit on a day the stop or truck does not
/// work, a stop beyond the day's limit) counts as this many minutes beyond the window.
pub(super) const RULE_BROKEN: f64 = 1000.0;

/// Tolerance of clock comparisons: float sums of the same minutes in another order.
const EPS: f64 = 1e-9;

/// One truck-day while it is being timed.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SlotClock {
    pub(super) at: usize,
    pub(super) clock: f64,
    pub(super) drive: f64,
    pub(super) wait: f64,
    pub(super) visits: usize,
    /// Minutes beyond some rule: late for a window or pin, a break out of its span, a visit on
    /// a day not allowed ([`RULE_BROKEN`] each).
    pub(super) late: f64,
    /// The break taken, `(start, end)`.
    pub(super) brk: Option<(f64, f64)>,
}

impl SlotClock {
    /// A truck-day at its depot at the start of its window.
    pub(super) fn start(truck: &Truck) -> SlotClock {
        SlotClock {
            at: truck.depot,
            clock: truck.window_start,
            ..SlotClock::default()
        }
    }
}

impl Ctx<'_> {
    /// Minutes the truck stands at stop `i`.
    pub(super) fn service(&self, i: usize) -> f64 {
        self.stops[i]
            .rules
            .service_min
            .unwrap_or(self.rules.service_min)
    }

    /// When a visit to stop `i` reached at `arrive` starts, and how late it is: the first of
    /// its windows that still holds the whole visit (waiting for it to open), else the arrival
    /// itself, late by how far the visit runs past its last window.
    pub(super) fn start_at(&self, i: usize, arrive: f64) -> (f64, f64) {
        let rules = &self.stops[i].rules;
        let service = self.service(i);
        let pinned;
        let windows: &[(f64, f64)] = match rules.pin {
            // Any start that prints as the leaflet printed it keeps the pin.
            Some(p) => {
                pinned = [(p.earliest, p.latest + service)];
                &pinned
            }
            None => &rules.windows,
        };
        if windows.is_empty() {
            return (arrive, 0.0);
        }
        for &(open, close) in windows {
            let start = arrive.max(open);
            if start + service <= close + EPS {
                return (start, 0.0);
            }
        }
        let close = windows.last().map_or(arrive, |w| w.1);
        (arrive, (arrive + service - close).max(0.0))
    }

    /// The break the truck of slot `sl` still owes, if any.
    fn owed(&self, sl: usize, c: &SlotClock) -> Option<Break> {
        self.truck_of(sl).brk.filter(|_| c.brk.is_none())
    }

    /// Takes the owed break before a leg when the leg's end (`finish`, the next visit's end
    /// or the arrival home) would pass the break's latest start.
    fn break_before(&self, sl: usize, c: &mut SlotClock, finish: f64) {
        let Some(b) = self.owed(sl, c) else {
            return;
        };
        if finish <= b.latest_start() + EPS {
            return;
        }
        let start = c.clock.max(b.from);
        c.late += (start - b.latest_start()).max(0.0);
        c.wait += start - c.clock;
        c.brk = Some((start, start + b.minutes));
        c.clock = start + b.minutes;
    }

    /// The next visit of the days `ids` (one, or a twin group's two): each day reaches stop `i`
    /// on its own, the visit starts on all of them at one time.
    pub(super) fn step(
        &self,
        slots: &mut [SlotClock],
        ids: &[usize],
        i: usize,
        visit: &mut impl FnMut(usize, usize, f64),
    ) {
        let place = self.place(i);
        let service = self.service(i);
        let mut ready = 0.0f64;
        for &sl in ids {
            let c = &mut slots[sl];
            let leg = self.t.get(c.at, place);
            let finish = self.start_at(i, c.clock + leg).0 + service;
            self.break_before(sl, c, finish);
            ready = ready.max(c.clock + leg);
        }
        let (start, late) = self.start_at(i, ready);
        for &sl in ids {
            let broken = self.day_rules_broken(sl, i);
            let c = &mut slots[sl];
            let leg = self.t.get(c.at, place);
            c.drive += leg;
            c.wait += start - (c.clock + leg);
            c.late += late + broken;
            c.clock = start + service;
            c.at = place;
            c.visits += 1;
            visit(sl, i, start);
        }
    }

    /// The drive home at the end of a truck-day that left (breaks owed taken first).
    pub(super) fn home(&self, sl: usize, c: &mut SlotClock) {
        let truck = self.truck_of(sl);
        if c.visits == 0 {
            c.clock = truck.window_start;
            return;
        }
        let leg = self.t.get(c.at, truck.depot);
        self.break_before(sl, c, c.clock + leg);
        c.drive += leg;
        c.clock += leg;
        c.at = truck.depot;
        c.late += (c.clock - truck.window_end).max(0.0);
        if let Some(m) = truck.max_stops_per_day {
            c.late += RULE_BROKEN * c.visits.saturating_sub(m) as f64;
        }
    }

    /// [`RULE_BROKEN`] when stop `i` may not be visited on slot `sl`'s day or its truck does
    /// not work that day.
    fn day_rules_broken(&self, sl: usize, i: usize) -> f64 {
        let day = self.day_of(sl);
        let ok = self.stops[i].rules.allows(day) && self.truck_of(sl).days.contains(&day);
        if ok {
            0.0
        } else {
            RULE_BROKEN
        }
    }
}
