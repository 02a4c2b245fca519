//! The facts of one planning attempt and the week being built: which truck-day runs which
//! stops in what order, where a stop may go, what the week costs, and its timetable.
//!
//! The search in [`super::search`] only moves stops between runs; the clock that times a
//! truck's days (module `clock`) and the cost (module `cost`) judge every move, so a move
//! never has to know how twice-weekly stops keep their time.

use super::clock::SlotClock;
use super::cost::{Cost, Key, Part};
use crate::model::TravelTimes;
use crate::route::plan::{Run, Truck, Visit, WeekPlan, WeekRules, WeekStop};
use std::rc::Rc;
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

/// A week being built: the stops of each truck-day (slot `day index × trucks + truck`) in
/// visiting order. A twice-weekly stop is in two slots of one truck, on a pair of days.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub(super) routes: Vec<Vec<usize>>,
}

impl State {
    /// Takes stop `i` out of every run it is in.
    pub(super) fn remove(&mut self, i: usize) {
        for r in &mut self.routes {
            r.retain(|&x| x != i);
        }
    }

    /// The slots stop `i` is in, ascending.
    pub(super) fn slots_of(&self, i: usize) -> Vec<usize> {
        (0..self.routes.len())
            .filter(|&sl| self.routes[sl].contains(&i))
            .collect()
    }
}

/// Where a stop may go: the slots of one truck (one for a once-weekly stop, a pair of days
/// for a twice-weekly one).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Placement {
    pub(super) truck: usize,
    pub(super) slots: Vec<usize>,
}

/// The fixed facts of one planning attempt: travel, depot (a matrix index), stops, rules and
/// the pairs of days twice-weekly stops may use.
pub struct Ctx<'a> {
    pub(super) t: &'a TravelTimes,
    pub(super) depot: usize,
    pub(super) stops: &'a [WeekStop],
    pub(super) rules: &'a WeekRules,
    facts: Rc<Facts>,
    closed: Vec<bool>,
    deadline: Option<Instant>,
    /// Whether construction too stops at the deadline (a what-would-fit re-plan, whose
    /// answer is "cut short" once the time is up, so a half-built week is never shown).
    pub(super) abandon: bool,
}

/// What follows from the rules once per attempt and is shared by every context of it.
struct Facts {
    fleet: Vec<Truck>,
    placements: Vec<Vec<Placement>>,
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
        let fleet = rules.fleet_from(depot);
        let placements = (0..stops.len())
            .map(|i| find_placements(&fleet, &pairs, rules, &stops[i]))
            .collect();
        Some(Ctx {
            t,
            depot,
            stops,
            rules,
            closed: vec![false; rules.days.len() * fleet.len()],
            facts: Rc::new(Facts { fleet, placements }),
            deadline: None,
            abandon: false,
        })
    }

    /// The same context whose improvement steps stop at `deadline` (construction always
    /// finishes, so there is a whole week to show). Without one the search depends on the
    /// size only and repeats exactly.
    pub fn until(self, deadline: Option<Instant>) -> Ctx<'a> {
        Ctx { deadline, ..self }
    }

    /// The same context with truck-days `slots` closed: no stop may go there (unless a stop
    /// has nowhere else to go at all). The search uses it to ask whether a week can do
    /// without a truck or a truck-day.
    pub(super) fn closing(&self, slots: &[usize]) -> Ctx<'a> {
        let mut closed = vec![false; self.slots()];
        for &sl in slots {
            closed[sl] = true;
        }
        Ctx {
            facts: Rc::clone(&self.facts),
            closed,
            ..*self
        }
    }

    /// Whether no stop may go to truck-day `slot` now.
    pub(super) fn closed(&self, slot: usize) -> bool {
        self.closed[slot]
    }

    /// Whether the deadline has passed.
    pub fn late(&self) -> bool {
        crate::budget::passed(self.deadline)
    }

    pub(super) fn trucks(&self) -> usize {
        self.facts.fleet.len()
    }

    /// The truck of truck-day `slot`.
    pub(super) fn truck_of(&self, slot: usize) -> &Truck {
        &self.facts.fleet[slot % self.trucks()]
    }

    /// The weekday of truck-day `slot`.
    pub(super) fn day_of(&self, slot: usize) -> u8 {
        self.rules.days[slot / self.trucks()]
    }

    pub(super) fn slots(&self) -> usize {
        self.rules.days.len() * self.trucks()
    }

    /// The slots of truck `k`, day by day.
    pub(super) fn slots_of_truck(&self, k: usize) -> impl Iterator<Item = usize> {
        let trucks = self.trucks();
        (0..self.rules.days.len()).map(move |d| d * trucks + k)
    }

    pub(super) fn place(&self, stop: usize) -> usize {
        self.stops[stop].place
    }

    pub(super) fn twice(&self, stop: usize) -> bool {
        self.stops[stop].visits == 2
    }

    /// Where stop `i` may go (closed truck-days included: see [`Ctx::closed`]).
    pub(super) fn placements(&self, i: usize) -> &[Placement] {
        &self.facts.placements[i]
    }

    /// What truck `k`'s days cost.
    pub(super) fn part(&self, s: &State, k: usize) -> Part {
        self.part_of(k, &self.truck_clocks(s, k, None))
    }

    /// What truck `k`'s days cost, from their clocks.
    pub(super) fn part_of(&self, k: usize, clocks: &[SlotClock]) -> Part {
        let mut part = Part::default();
        for (sl, c) in self.slots_of_truck(k).zip(clocks) {
            let truck = self.truck_of(sl);
            part.overflow += c.late;
            part.longest = part.longest.max(c.clock - truck.window_start);
            part.drive += c.drive;
            if c.visits > 0 {
                part.runs += 1;
            }
        }
        part
    }

    /// Every truck's part.
    pub(super) fn parts(&self, s: &State) -> Vec<Part> {
        (0..self.trucks()).map(|k| self.part(s, k)).collect()
    }

    pub(super) fn cost(&self, s: &State) -> Cost {
        Cost::of(&self.parts(s))
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
        let mut clocks = vec![Default::default(); self.slots()];
        for k in 0..self.trucks() {
            let mut record = |sl: usize, i: usize, arrive: f64| {
                visits[sl].push(Visit {
                    stop: i,
                    arrive,
                    depart: arrive + self.service(i),
                })
            };
            let cs = self.truck_clocks(s, k, Some(&mut record));
            for (sl, c) in self.slots_of_truck(k).zip(cs) {
                clocks[sl] = c;
            }
        }
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

/// The placements of stop `stop`: one slot (or, twice a week, a pair of days of one truck) on
/// days the stop allows and its truck works; every placement of its kind when none does, so
/// the week that breaks the rule is still planned and reported as not fitting. Truck by
/// truck, then day by day, so ties keep the earlier truck and day.
fn find_placements(
    fleet: &[Truck],
    pairs: &[(usize, usize)],
    rules: &WeekRules,
    stop: &WeekStop,
) -> Vec<Placement> {
    let open = |d: usize, k: usize| {
        let day = rules.days[d];
        stop.rules.allows(day) && fleet[k].days.contains(&day)
    };
    let k = fleet.len();
    let mut all = Vec::new();
    let mut fits = Vec::new();
    for truck in 0..k {
        let mut put = |days: Vec<usize>| {
            let p = Placement {
                truck,
                slots: days.iter().map(|d| d * k + truck).collect(),
            };
            if days.iter().all(|&d| open(d, truck)) {
                fits.push(p.clone());
            }
            all.push(p);
        };
        if stop.visits == 2 {
            pairs.iter().for_each(|&(a, b)| put(vec![a, b]));
        } else {
            (0..rules.days.len()).for_each(|d| put(vec![d]));
        }
    }
    if fits.is_empty() {
        all
    } else {
        fits
    }
}
