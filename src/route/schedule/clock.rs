//! The clock over one truck-day: driving, waiting for a stop's window or a twin's other day,
//! the break, and every rule a visit can break.
//!
//! A truck's days are timed together ([`Ctx::truck_clocks`]): each day reaches a twice-weekly
//! stop on its own (taking its break if it owes one), and the stop starts on both days when
//! the later day is ready and the stop's window is open, so the stop keeps one time on both
//! days whatever else those days hold. Trucks never share a stop, so each is timed alone.

use super::ctx::{Ctx, State};
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

    /// The next visit of truck-day `sl`: drive to stop `i` (taking the break first if the
    /// visit would end past its latest start), wait for its window and for `bound` (the time
    /// the stop keeps on its other day), serve it. Returns the visit's start.
    fn step(&self, sl: usize, c: &mut SlotClock, i: usize, bound: f64) -> f64 {
        let place = self.place(i);
        let service = self.service(i);
        let leg = self.t.get(c.at, place);
        let finish = self.start_at(i, (c.clock + leg).max(bound)).0 + service;
        self.break_before(sl, c, finish);
        let arrive = c.clock + leg;
        let (start, late) = self.start_at(i, arrive.max(bound));
        c.drive += leg;
        c.wait += start - arrive;
        c.late += late + self.day_rules_broken(sl, i);
        c.clock = start + service;
        c.at = place;
        c.visits += 1;
        start
    }

    /// Truck `k`'s days timed together, each day a cursor along its run: a day runs on
    /// through once-weekly stops and halts at a twice-weekly one until the stop's other day
    /// reaches it too; the stop then starts on both at the later of the two times they could
    /// start it (the other day waits, and takes its break first when the wait would carry
    /// the visit past the break's latest start). One pass, so every stop waits only as long
    /// as it must. Two runs that order two such stops crosswise have no common time: the
    /// first day halted goes on alone, and each stop so left apart counts [`RULE_BROKEN`].
    /// `record` sees (slot, stop, start) in each run's order.
    pub(super) fn truck_clocks(
        &self,
        s: &State,
        k: usize,
        mut record: Option<&mut dyn FnMut(usize, usize, f64)>,
    ) -> Vec<SlotClock> {
        // At most seven days: the cursors live on the stack.
        let mut slots = [0usize; 7];
        let days = self.rules.days.len().min(7);
        for (d, sl) in self.slots_of_truck(k).take(days).enumerate() {
            slots[d] = sl;
        }
        let slots = &slots[..days];
        let mut clocks: Vec<SlotClock> = slots
            .iter()
            .map(|&sl| SlotClock::start(self.truck_of(sl)))
            .collect();
        let mut at = [0usize; 7];
        let mut halted: [Option<usize>; 7] = [None; 7];
        let mut alone: Vec<usize> = Vec::new();
        loop {
            let mut moved = false;
            for d in 0..slots.len() {
                let route = &s.routes[slots[d]];
                while halted[d].is_none() && at[d] < route.len() {
                    let i = route[at[d]];
                    let start = if self.twice(i) && !alone.contains(&i) {
                        let Some(e) = (0..slots.len()).find(|&e| halted[e] == Some(i)) else {
                            halted[d] = Some(i);
                            break;
                        };
                        let start = self.meet(&mut clocks, (d, slots[d]), (e, slots[e]), i);
                        halted[e] = None;
                        at[e] += 1;
                        if let Some(r) = record.as_mut() {
                            r(slots[e], i, start);
                        }
                        start
                    } else {
                        self.step(slots[d], &mut clocks[d], i, f64::NEG_INFINITY)
                    };
                    at[d] += 1;
                    moved = true;
                    if let Some(r) = record.as_mut() {
                        r(slots[d], i, start);
                    }
                }
            }
            if !moved {
                // Every day has ended or halted: a crosswise order (or none halted: done).
                let Some(d) = (0..slots.len()).find(|&d| halted[d].is_some()) else {
                    break;
                };
                let i = halted[d].take().expect("halted");
                alone.push(i);
                clocks[d].late += RULE_BROKEN;
            }
        }
        for (d, &sl) in slots.iter().enumerate() {
            self.home(sl, &mut clocks[d]);
        }
        clocks
    }

    /// A twice-weekly stop `i` reached by days `a` and `b` (cursor, slot): each drives there
    /// and the visit starts on both at the later start; a day that would then end the visit
    /// past its break's latest start takes the break before the leg, which may move the start
    /// again (at most once per day, since times only grow). Returns the common start.
    fn meet(
        &self,
        clocks: &mut [SlotClock],
        (da, sa): (usize, usize),
        (db, sb): (usize, usize),
        i: usize,
    ) -> f64 {
        let mut bound = f64::NEG_INFINITY;
        for _ in 0..4 {
            let (mut ca, mut cb) = (clocks[da], clocks[db]);
            let ta = self.step(sa, &mut ca, i, bound);
            let tb = self.step(sb, &mut cb, i, bound);
            if (ta - tb).abs() <= EPS {
                clocks[da] = ca;
                clocks[db] = cb;
                return ta;
            }
            bound = ta.max(tb);
        }
        // Unreachable with monotone clocks; kept apart and counted if it ever happens.
        let ta = self.step(sa, &mut clocks[da], i, bound);
        self.step(sb, &mut clocks[db], i, bound);
        clocks[da].late += RULE_BROKEN;
        ta
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
