//! The search behind the weekly plan: which unit (day, truck, or pair of days) each stop joins,
//! in what order, and the clock times that follow.
//!
//! Twice-weekly stops live in *twin groups*, one per pair of working days at least two days
//! apart (cyclically: Sunday and Monday are neighbours) and truck. A day runs its twin groups
//! first, in one global order, then its once-weekly stops. A group starts on both of its days
//! at the later of the two ready times (the other day's truck waits), so a stop keeps the same
//! time on both days by construction, whichever pairs a day belongs to.
//!
//! Stops are placed by cheapest insertion (farthest first, so outlying stops shape the runs),
//! then relocation and swap moves run while they lower the cost (overflow beyond the window
//! first, then the longest day, then driving); finally each day's once-weekly stops are
//! ordered exactly (Held–Karp, ≤ 12) and each group's order is chosen among exact candidates,
//! never accepting a worse week. Every scan runs in index order and ties keep the earlier
//! choice, so the plan is deterministic.

use super::tour::{best_path, TravelTimes};
use super::week::{Run, Visit, WeekPlan, WeekRules, WeekStop};
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
    units: Vec<Vec<usize>>,
}

/// One truck-day after scheduling.
#[derive(Debug, Clone, Copy, Default)]
struct SlotClock {
    at: usize,
    clock: f64,
    drive: f64,
    wait: f64,
    visits: usize,
}

/// The fixed facts of one planning attempt: travel, depot (a matrix index), stops, rules and
/// the pairs of days twice-weekly stops may use.
pub struct Ctx<'a> {
    t: &'a TravelTimes,
    depot: usize,
    stops: &'a [WeekStop],
    rules: &'a WeekRules,
    pairs: Vec<(usize, usize)>,
    deadline: Option<Instant>,
}

/// Lower is better: overflow, then the longest day, then driving.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cost {
    overflow: f64,
    longest: f64,
    drive: f64,
}

impl Cost {
    fn value(self) -> f64 {
        1e6 * self.overflow + 10.0 * self.longest + self.drive
    }
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

    fn trucks(&self) -> usize {
        self.rules.trucks
    }

    fn twin_units(&self) -> usize {
        self.pairs.len() * self.trucks()
    }

    fn slots(&self) -> usize {
        self.rules.days.len() * self.trucks()
    }

    fn units_for(&self, stop: usize) -> std::ops::Range<usize> {
        if self.stops[stop].visits == 2 {
            0..self.twin_units()
        } else {
            self.twin_units()..self.twin_units() + self.slots()
        }
    }

    fn place(&self, stop: usize) -> usize {
        self.stops[stop].place
    }

    /// Runs the clock over every unit; `visit` sees (slot, stop, arrival) in order.
    fn clocks(&self, s: &State, mut visit: impl FnMut(usize, usize, f64)) -> Vec<SlotClock> {
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

    fn cost(&self, s: &State) -> Cost {
        let mut cost = Cost {
            overflow: 0.0,
            longest: 0.0,
            drive: 0.0,
        };
        for c in self.clocks(s, |_, _, _| {}) {
            let length = c.clock - self.rules.window_start;
            cost.overflow += (c.clock - self.rules.window_end).max(0.0);
            if let Some(m) = self.rules.max_stops_per_day {
                cost.overflow += 1000.0 * c.visits.saturating_sub(m) as f64;
            }
            cost.longest = cost.longest.max(length);
            cost.drive += c.drive;
        }
        cost
    }

    /// Whether every run fits its window and stop limit.
    pub fn fits(&self, s: &State) -> bool {
        self.cost(s).overflow <= 1e-9
    }

    /// The longest truck-day in minutes, depot to depot.
    pub fn longest(&self, s: &State) -> f64 {
        self.cost(s).longest
    }

    /// Construction, local search and polish: the best week found.
    pub fn search(&self) -> State {
        let mut s = State {
            units: vec![Vec::new(); self.twin_units() + self.slots()],
        };
        let mut order: Vec<usize> = (0..self.stops.len()).collect();
        let round_trip = |i: usize| {
            self.t.get(self.depot, self.place(i)) + self.t.get(self.place(i), self.depot)
        };
        order.sort_by(|&a, &b| {
            (self.stops[b].visits, round_trip(b))
                .partial_cmp(&(self.stops[a].visits, round_trip(a)))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        for i in order {
            self.insert_best(&mut s, i);
        }
        // Bound the work on very large weeks (every evaluation walks the whole week) so the
        // search stays interactive; the bound depends on the size only, never on the clock.
        let work = (self.stops.len() + s.units.len()).max(1);
        let passes = (40_000_000 / (work * work * self.stops.len().max(1))).clamp(1, 50);
        self.descend(&mut s, passes);
        self.ruin_and_recreate(&mut s, passes);
        self.polish(&mut s);
        s
    }

    /// Relocation and swap passes until neither helps (at most `passes`).
    fn descend(&self, s: &mut State, passes: usize) {
        for _ in 0..passes {
            if self.late() {
                return;
            }
            let before = self.cost(s).value();
            self.relocate(s);
            self.swap(s, passes > 2);
            if self.cost(s).value() >= before - 1e-9 {
                break;
            }
        }
    }

    /// Large-neighbourhood search: take a few stops out (chosen by a fixed-seed generator, so
    /// runs repeat exactly) and put them back by cheapest insertion; keep the week when it is
    /// no worse. Single moves cannot leave a local optimum where every day is full and only a
    /// chain of moves frees one; this can.
    fn ruin_and_recreate(&self, s: &mut State, passes: usize) {
        use rand::seq::SliceRandom;
        use rand::{Rng, SeedableRng};
        let n = self.stops.len();
        if n < 2 {
            return;
        }
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0x6d6f_6269_6c65);
        let mut noise = Some(rand_chacha::ChaCha8Rng::seed_from_u64(0x7374_6f70));
        let rounds = 4 * passes;
        let mut best = self.cost(s).value();
        for _ in 0..rounds {
            if self.late() {
                return;
            }
            let k = rng.gen_range(2..=(n / 4).clamp(2, 12).min(n));
            let mut out: Vec<usize> = (0..n).collect();
            out.shuffle(&mut rng);
            out.truncate(k);
            let mut cand = s.clone();
            for &i in &out {
                let (u, p) = Self::position(&cand, i);
                cand.units[u].remove(p);
            }
            for &i in &out {
                self.insert_noisy(&mut cand, i, &mut noise);
            }
            let c = self.cost(&cand).value();
            if c < best - 1e-9 {
                self.descend(&mut cand, 2);
                best = self.cost(&cand).value();
                *s = cand;
            } else if c <= best + 1e-9 {
                *s = cand;
            }
        }
    }

    /// Inserts stop `i` where the week costs least (first best in scan order).
    fn insert_best(&self, s: &mut State, i: usize) {
        self.insert_noisy(s, i, &mut None);
    }

    /// Cheapest insertion where each candidate's cost is scaled by a random factor in
    /// [1, 1.3) when a generator is given, so repeated rebuilding explores other weeks.
    fn insert_noisy(&self, s: &mut State, i: usize, rng: &mut Option<rand_chacha::ChaCha8Rng>) {
        use rand::Rng;
        let mut best: Option<(f64, usize, usize)> = None;
        for u in self.units_for(i) {
            for pos in 0..=s.units[u].len() {
                s.units[u].insert(pos, i);
                let noise = rng.as_mut().map_or(1.0, |r| 1.0 + 0.3 * r.gen::<f64>());
                let c = self.cost(s).value() * noise;
                s.units[u].remove(pos);
                if best.is_none_or(|(b, _, _)| c < b - 1e-9) {
                    best = Some((c, u, pos));
                }
            }
        }
        if let Some((_, u, pos)) = best {
            s.units[u].insert(pos, i);
        }
    }

    fn position(s: &State, i: usize) -> (usize, usize) {
        s.units
            .iter()
            .enumerate()
            .find_map(|(u, v)| v.iter().position(|&x| x == i).map(|p| (u, p)))
            .expect("every stop is placed")
    }

    fn relocate(&self, s: &mut State) {
        for i in 0..self.stops.len() {
            if self.late() {
                return;
            }
            let before = self.cost(s).value();
            let keep = s.clone();
            let (u, p) = Self::position(s, i);
            s.units[u].remove(p);
            self.insert_best(s, i);
            if self.cost(s).value() > before - 1e-9 {
                *s = keep;
            }
        }
    }

    /// Exchanges two stops of the same kind in different units when that lowers the cost.
    fn swap(&self, s: &mut State, enabled: bool) {
        if !enabled {
            return;
        }
        for i in 0..self.stops.len() {
            if self.late() {
                return;
            }
            for j in i + 1..self.stops.len() {
                if self.stops[i].visits != self.stops[j].visits {
                    continue;
                }
                let (ui, pi) = Self::position(s, i);
                let (uj, pj) = Self::position(s, j);
                if ui == uj {
                    continue;
                }
                let before = self.cost(s).value();
                s.units[ui][pi] = j;
                s.units[uj][pj] = i;
                if self.cost(s).value() >= before - 1e-9 {
                    s.units[ui][pi] = i;
                    s.units[uj][pj] = j;
                }
            }
        }
    }

    /// Orders every unit as well as it can, keeping a change only when the week is no worse:
    /// once-weekly stops exactly from where the day's groups end; each group by the best of
    /// several exact paths (closed, or ending at each of its stops).
    fn polish(&self, s: &mut State) {
        for _ in 0..2 {
            for u in 0..self.twin_units() {
                if self.late() {
                    return;
                }
                let places: Vec<usize> = s.units[u].iter().map(|&i| self.place(i)).collect();
                if places.len() < 2 {
                    continue;
                }
                let mut candidates = vec![best_path(self.t, self.depot, self.depot, &places)];
                for (k, &end) in places.iter().enumerate() {
                    let mut rest = places.clone();
                    rest.remove(k);
                    let mut order = best_path(self.t, self.depot, end, &rest);
                    order.push(end);
                    candidates.push(order);
                }
                for order in candidates {
                    let keep = s.units[u].clone();
                    let before = self.cost(s).value();
                    s.units[u] = reorder(&keep, self.stops, &order);
                    if self.cost(s).value() > before - 1e-9 {
                        s.units[u] = keep;
                    }
                }
            }
            let ends = self.clocks_before_singles(s);
            for (sl, &start) in ends.iter().enumerate() {
                if self.late() {
                    return;
                }
                let u = self.twin_units() + sl;
                let places: Vec<usize> = s.units[u].iter().map(|&i| self.place(i)).collect();
                let order = best_path(self.t, start, self.depot, &places);
                let keep = s.units[u].clone();
                let before = self.cost(s).value();
                s.units[u] = reorder(&keep, self.stops, &order);
                if self.cost(s).value() > before + 1e-9 {
                    s.units[u] = keep;
                }
            }
        }
    }

    /// Where each truck-day stands when its once-weekly stops begin.
    fn clocks_before_singles(&self, s: &State) -> Vec<usize> {
        let mut without = s.clone();
        for u in self.twin_units()..s.units.len() {
            without.units[u].clear();
        }
        let mut last = vec![self.depot; self.slots()];
        self.clocks(&without, |sl, i, _| last[sl] = self.place(i));
        last
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

/// Stops (indices) rearranged to follow `places`.
fn reorder(stops_here: &[usize], stops: &[WeekStop], places: &[usize]) -> Vec<usize> {
    let mut left: Vec<usize> = stops_here.to_vec();
    places
        .iter()
        .map(|&p| {
            let k = left
                .iter()
                .position(|&i| stops[i].place == p)
                .expect("same places");
            left.remove(k)
        })
        .collect()
}
