//! The facts of one planning attempt and how a week is timed: which unit each stop is in,
//! the clock that runs over each truck-day, and what the week costs.
//!
//! The search in [`super::search`] only moves stops between units; everything it needs to
//! judge a move (the clock, the cost, the final timetable) lives here, so a move never has to
//! know how twin groups keep their time.

use super::cost::{Cost, Key};
use crate::model::TravelTimes;
use crate::route::plan::{Run, Visit, WeekPlan, WeekRules, WeekStop};
use std::time::Instant;

/// Pairs of day indices (into `days`) that a twice-weekly stop may use: every pair at least
/// two days apart, counting across the weekend (Fri–Mon is three days, Sun–Mon one).
pub fn twin_pairs(days: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for a in 0..days.len() {
        for b in a + 1..days.len() {
            let d = days[b].abs_diff(days[a]);
            if d.min(7 - d) >= 2 {
                out.push((a, b));
            }
        }
    }
    out
}

/// Stops per unit: twin groups first (pair × truck), then singles (day × truck).
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub(super) units: Vec<Vec<usize>>,
}

/// One truck-day after scheduling.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct SlotClock {
    at: usize,
    clock: f64,
    drive: f64,
    wait: f64,
    visits: usize,
}

/// The fixed facts of one planning attempt: travel, depot (a matrix index), stops, rules and
/// the pairs of days twice-weekly stops may use.
pub struct Ctx<'a> {
    pub(super) t: &'a TravelTimes,
    pub(super) depot: usize,
    pub(super) stops: &'a [WeekStop],
    pub(super) rules: &'a WeekRules,
    pairs: Vec<(usize, usize)>,
    deadline: Option<Instant>,
}

impl<'a> Ctx<'a> {
    /// A context; `None` when twice-weekly stops have no pair of days.
    pub fn new(
        t: &'a TravelTimes,
        depot: usize,
        stops: &'a [WeekStop],
        rules: &'a WeekRules,
    ) -> Option<Ctx<'a>> {
        let pairs = twin_pairs(&rules.days);
        if pairs.is_empty() && stops.iter().any(|s| s.visits == 2) {
            return None;
        }
        Some(Ctx {
            t,
            depot,
            stops,
            rules,
            pairs,
            deadline: None,
        })
    }

    /// The same context whose improvement steps stop at `deadline` (construction always
    /// finishes, so there is a whole week to show). Without one the search depends on the
    /// size only and repeats exactly.
    pub fn until(self, deadline: Option<Instant>) -> Ctx<'a> {
        Ctx { deadline, ..self }
    }

    /// Whether the deadline has passed.
    pub fn late(&self) -> bool {
        crate::budget::passed(self.deadline)
    }

    pub(super) fn trucks(&self) -> usize {
        self.rules.trucks
    }

    pub(super) fn twin_units(&self) -> usize {
        self.pairs.len() * self.trucks()
    }

    pub(super) fn slots(&self) -> usize {
        self.rules.days.len() * self.trucks()
    }

    pub(super) fn units_for(&self, stop: usize) -> std::ops::Range<usize> {
        if self.stops[stop].visits == 2 {
            0..self.twin_units()
        } else {
            self.twin_units()..self.twin_units() + self.slots()
        }
    }

    /// The units that run on truck-day `slot`: the twin groups whose pair of days includes
    /// its day (same truck), then its own once-weekly unit.
    pub(super) fn units_on(&self, slot: usize) -> Vec<usize> {
        let k = self.trucks();
        let day = slot / k;
        let mut out: Vec<usize> = (0..self.pairs.len())
            .filter(|&p| self.pairs[p].0 == day || self.pairs[p].1 == day)
            .map(|p| p * k + slot % k)
            .collect();
        out.push(self.twin_units() + slot);
        out
    }

    /// Visits made on each truck-day.
    pub(super) fn visits_per_slot(&self, s: &State) -> Vec<usize> {
        self.clocks(s, |_, _, _| {})
            .iter()
            .map(|c| c.visits)
            .collect()
    }

    pub(super) fn place(&self, stop: usize) -> usize {
        self.stops[stop].place
    }

    /// Runs the clock over every unit; `visit` sees (slot, stop, arrival) in order.
    pub(super) fn clocks(
        &self,
        s: &State,
        mut visit: impl FnMut(usize, usize, f64),
    ) -> Vec<SlotClock> {
        let service = self.rules.service_min;
        let mut slots = vec![
            SlotClock {
                at: self.depot,
                clock: self.rules.window_start,
                ..SlotClock::default()
            };
            self.slots()
        ];
        let k = self.trucks();
        for (p, &(a, b)) in self.pairs.iter().enumerate() {
            for truck in 0..k {
                let group = &s.units[p * k + truck];
                let Some(&first) = group.first() else {
                    continue;
                };
                let (sa, sb) = (a * k + truck, b * k + truck);
                let ready = |c: &SlotClock| c.clock + self.t.get(c.at, self.place(first));
                let start = ready(&slots[sa]).max(ready(&slots[sb]));
                for sl in [sa, sb] {
                    let c = &mut slots[sl];
                    let leg = self.t.get(c.at, self.place(first));
                    c.drive += leg;
                    c.wait += start - (c.clock + leg);
                    c.clock = start;
                    c.at = self.place(first);
                }
                let mut clock = start;
                let mut at = self.place(first);
                let mut inner = 0.0;
                for (n, &i) in group.iter().enumerate() {
                    if n > 0 {
                        let leg = self.t.get(at, self.place(i));
                        inner += leg;
                        clock += leg;
                    }
                    visit(sa, i, clock);
                    visit(sb, i, clock);
                    clock += service;
                    at = self.place(i);
                }
                for sl in [sa, sb] {
                    let c = &mut slots[sl];
                    c.drive += inner;
                    c.clock = clock;
                    c.at = at;
                    c.visits += group.len();
                }
            }
        }
        for (sl, c) in slots.iter_mut().enumerate() {
            for &i in &s.units[self.twin_units() + sl] {
                let leg = self.t.get(c.at, self.place(i));
                c.drive += leg;
                c.clock += leg;
                visit(sl, i, c.clock);
                c.clock += service;
                c.at = self.place(i);
                c.visits += 1;
            }
            if c.visits > 0 {
                let leg = self.t.get(c.at, self.depot);
                c.drive += leg;
                c.clock += leg;
            } else {
                c.clock = self.rules.window_start;
            }
        }
        slots
    }

    pub(super) fn cost(&self, s: &State) -> Cost {
        let mut cost = Cost {
            overflow: 0.0,
            longest: 0.0,
            drive: 0.0,
            runs: 0,
            trucks: 0,
        };
        // Trucks that leave on some day, as bits (at most 50 trucks, checked with the flags;
        // beyond 64 a truck shares a bit, which only blurs a tie-break).
        let mut trucks_used = 0u64;
        for (sl, c) in self.clocks(s, |_, _, _| {}).into_iter().enumerate() {
            let length = c.clock - self.rules.window_start;
            cost.overflow += (c.clock - self.rules.window_end).max(0.0);
            if let Some(m) = self.rules.max_stops_per_day {
                cost.overflow += 1000.0 * c.visits.saturating_sub(m) as f64;
            }
            cost.longest = cost.longest.max(length);
            cost.drive += c.drive;
            if c.visits > 0 {
                cost.runs += 1;
                trucks_used |= 1 << (sl % self.trucks() % 64);
            }
        }
        cost.trucks = trucks_used.count_ones() as usize;
        cost
    }

    /// The week's cost as its shape compares weeks.
    pub(super) fn key(&self, s: &State) -> Key {
        self.cost(s).key(self.rules.shape)
    }

    /// Whether every run fits its window and stop limit.
    pub fn fits(&self, s: &State) -> bool {
        self.cost(s).overflow <= 1e-9
    }

    /// The longest truck-day in minutes, depot to depot.
    pub fn longest(&self, s: &State) -> f64 {
        self.cost(s).longest
    }

    /// The timetable of a state.
    pub fn timetable(&self, s: &State) -> WeekPlan {
        let mut visits: Vec<Vec<Visit>> = vec![Vec::new(); self.slots()];
        let service = self.rules.service_min;
        let clocks = self.clocks(s, |sl, i, arrive| {
            visits[sl].push(Visit {
                stop: i,
                arrive,
                depart: arrive + service,
            })
        });
        let k = self.trucks();
        let runs = clocks
            .into_iter()
            .zip(visits)
            .enumerate()
            .map(|(sl, (c, visits))| Run {
                day: self.rules.days[sl / k],
                truck: sl % k,
                visits,
                drive_min: c.drive,
                wait_min: c.wait,
                return_at: c.clock,
                idle_min: (self.rules.window_end - c.clock).max(0.0),
            })
            .collect();
        WeekPlan { runs }
    }
}
