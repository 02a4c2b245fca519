//! The facts of one planning attempt and how a week is timed: which unit each stop is in,
//! the clock that runs over each truck-day, and what the week costs.
//!
//! The search in [`super::search`] only moves stops between units; everything it needs to
//! judge a move (the clock, the cost, the final timetable) lives here, so a move never has to
//! know how twin groups keep their time.

use super::clock::SlotClock;
use super::cost::{Cost, Key};
use crate::model::TravelTimes;
use crate::route::plan::{Run, Truck, Visit, WeekPlan, WeekRules, WeekStop};
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

/// The fixed facts of one planning attempt: travel, depot (a matrix index), stops, rules and
/// the pairs of days twice-weekly stops may use.
pub struct Ctx<'a> {
    pub(super) t: &'a TravelTimes,
    pub(super) depot: usize,
    pub(super) stops: &'a [WeekStop],
    pub(super) rules: &'a WeekRules,
    fleet: Vec<Truck>,
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
            fleet: rules.fleet_from(depot),
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
        self.fleet.len()
    }

    /// The truck of truck-day `slot`.
    pub(super) fn truck_of(&self, slot: usize) -> &Truck {
        &self.fleet[slot % self.trucks()]
    }

    /// The weekday of truck-day `slot`.
    pub(super) fn day_of(&self, slot: usize) -> u8 {
        self.rules.days[slot / self.trucks()]
    }

    pub(super) fn twin_units(&self) -> usize {
        self.pairs.len() * self.trucks()
    }

    pub(super) fn slots(&self) -> usize {
        self.rules.days.len() * self.trucks()
    }

    /// The units stop `stop` may join: of its kind (twin groups for twice-weekly stops), on
    /// days the stop allows and its truck works; every unit of its kind when none does, so the
    /// week that breaks the rule is still planned and reported as not fitting.
    pub(super) fn units_for(&self, stop: usize) -> Vec<usize> {
        let k = self.trucks();
        let rules = &self.stops[stop].rules;
        let open = |day_index: usize, truck: usize| {
            let day = self.rules.days[day_index];
            rules.allows(day) && self.fleet[truck].days.contains(&day)
        };
        let all: Vec<usize>;
        let fits: Vec<usize>;
        if self.stops[stop].visits == 2 {
            all = (0..self.twin_units()).collect();
            fits = all
                .iter()
                .copied()
                .filter(|&u| {
                    let (a, b) = self.pairs[u / k];
                    open(a, u % k) && open(b, u % k)
                })
                .collect();
        } else {
            all = (self.twin_units()..self.twin_units() + self.slots()).collect();
            fits = all
                .iter()
                .copied()
                .filter(|&u| {
                    let sl = u - self.twin_units();
                    open(sl / k, sl % k)
                })
                .collect();
        }
        if fits.is_empty() {
            all
        } else {
            fits
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

    /// Runs the clock over every unit; `visit` sees (slot, stop, start of the visit) in order.
    pub(super) fn clocks(
        &self,
        s: &State,
        mut visit: impl FnMut(usize, usize, f64),
    ) -> Vec<SlotClock> {
        let mut slots: Vec<SlotClock> = (0..self.slots())
            .map(|sl| SlotClock::start(self.truck_of(sl)))
            .collect();
        let k = self.trucks();
        for (p, &(a, b)) in self.pairs.iter().enumerate() {
            for truck in 0..k {
                let ids = [a * k + truck, b * k + truck];
                for &i in &s.units[p * k + truck] {
                    self.step(&mut slots, &ids, i, &mut visit);
                }
            }
        }
        for sl in 0..self.slots() {
            for &i in &s.units[self.twin_units() + sl] {
                self.step(&mut slots, &[sl], i, &mut visit);
            }
            let mut c = slots[sl];
            self.home(sl, &mut c);
            slots[sl] = c;
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
            let length = c.clock - self.truck_of(sl).window_start;
            cost.overflow += c.late;
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

    /// The timetable of a state. A truck-day whose first stop opens later than the truck
    /// could be there leaves later instead of waiting at the stop.
    pub fn timetable(&self, s: &State) -> WeekPlan {
        let mut visits: Vec<Vec<Visit>> = vec![Vec::new(); self.slots()];
        let clocks = self.clocks(s, |sl, i, arrive| {
            visits[sl].push(Visit {
                stop: i,
                arrive,
                depart: arrive + self.service(i),
            })
        });
        let runs = clocks
            .into_iter()
            .zip(visits)
            .enumerate()
            .map(|(sl, (c, visits))| {
                let truck = self.truck_of(sl);
                let mut leave = truck.window_start;
                if let Some(first) = visits.first() {
                    let broke_first = c.brk.is_some_and(|(b, _)| b < first.arrive);
                    let latest = first.arrive - self.t.get(truck.depot, self.place(first.stop));
                    if !broke_first && latest > leave {
                        leave = latest;
                    }
                }
                Run {
                    day: self.day_of(sl),
                    truck: sl % self.trucks(),
                    depot: truck.depot,
                    leave,
                    visits,
                    breaks: c.brk.into_iter().collect(),
                    drive_min: c.drive,
                    wait_min: (c.wait - (leave - truck.window_start)).max(0.0),
                    return_at: c.clock,
                    idle_min: (truck.window_end - c.clock).max(0.0),
                }
            })
            .collect();
        WeekPlan { runs }
    }
}
