//! The moves that find a good week: cheapest insertion, relocation and swap, ruin and
//! recreate, and a final exact ordering of each unit.
//!
//! Every move is judged by the cost in [`super::ctx`] and kept only when the week is no worse,
//! so the search can stop at any deadline with a whole week in hand.

use super::cost::Key;
use super::ctx::{Ctx, State};
use crate::model::TravelTimes;
use crate::route::plan::{WeekPlan, WeekRules, WeekStop};
use crate::route::tour::best_path;
use std::time::Instant;

/// One planning attempt: the timetable, or the longest day of the best week found.
pub(crate) fn attempt(
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

impl Ctx<'_> {
    /// Construction, local search and polish: the best week found.
    pub fn search(&self) -> State {
        let mut s = State {
            units: vec![Vec::new(); self.twin_units() + self.slots()],
        };
        for i in self.farthest_first((0..self.stops.len()).collect()) {
            self.insert_best(&mut s, i);
        }
        // Bound the work on very large weeks (every evaluation walks the whole week) so the
        // search stays interactive; the bound depends on the size only, never on the clock.
        let work = (self.stops.len() + s.units.len()).max(1);
        let passes = (40_000_000 / (work * work * self.stops.len().max(1))).clamp(1, 50);
        self.empty_runs(&mut s);
        self.descend(&mut s, passes);
        self.ruin_and_recreate(&mut s, passes);
        self.empty_runs(&mut s);
        self.polish(&mut s);
        s
    }

    /// Stops in the order cheapest insertion places them: twice-weekly first, then the
    /// longest round trip from the depot (outlying stops shape the runs); ties by index.
    pub(super) fn farthest_first(&self, mut order: Vec<usize>) -> Vec<usize> {
        let round_trip = |i: usize| {
            self.t.get(self.depot, self.place(i)) + self.t.get(self.place(i), self.depot)
        };
        // Stops bound to a time or to certain days go first: the others fit around them.
        let bound = |i: usize| {
            let r = &self.stops[i].rules;
            u8::from(r.pin.is_some()) + u8::from(r.bound())
        };
        order.sort_by(|&a, &b| {
            (bound(b), self.stops[b].visits, round_trip(b))
                .partial_cmp(&(bound(a), self.stops[a].visits, round_trip(a)))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        order
    }

    /// Relocation and swap passes until neither helps (at most `passes`).
    fn descend(&self, s: &mut State, passes: usize) {
        for _ in 0..passes {
            if self.late() {
                return;
            }
            let before = self.key(s);
            self.relocate(s);
            self.swap(s, passes > 2);
            if !self.key(s).better_than(before) {
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
        let mut best = self.key(s);
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
            let c = self.key(&cand);
            if c.better_than(best) {
                self.descend(&mut cand, 2);
                best = self.key(&cand);
                *s = cand;
            } else if c.no_worse_than(best) {
                *s = cand;
            }
        }
    }

    /// Inserts stop `i` where the week costs least (first best in scan order).
    pub(super) fn insert_best(&self, s: &mut State, i: usize) {
        self.insert_noisy(s, i, &mut None);
    }

    /// Cheapest insertion where each candidate's cost is scaled by a random factor in
    /// [1, 1.3) when a generator is given, so repeated rebuilding explores other weeks.
    fn insert_noisy(&self, s: &mut State, i: usize, rng: &mut Option<rand_chacha::ChaCha8Rng>) {
        use rand::Rng;
        let mut best: Option<(Key, usize, usize)> = None;
        for u in self.units_for(i) {
            for pos in 0..=s.units[u].len() {
                s.units[u].insert(pos, i);
                let noise = rng.as_mut().map_or(1.0, |r| 1.0 + 0.3 * r.gen::<f64>());
                let c = self.key(s).scaled(noise);
                s.units[u].remove(pos);
                if best.is_none_or(|(b, _, _)| c.better_than(b)) {
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
            let before = self.key(s);
            let keep = s.clone();
            let (u, p) = Self::position(s, i);
            s.units[u].remove(p);
            self.insert_best(s, i);
            if !self.key(s).better_than(before) {
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
                let before = self.key(s);
                s.units[ui][pi] = j;
                s.units[uj][pj] = i;
                if !self.key(s).better_than(before) {
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
                let home = self.truck_of(u % self.trucks()).depot;
                let mut candidates = vec![best_path(self.t, home, home, &places)];
                for (k, &end) in places.iter().enumerate() {
                    // One ordering per possible last stop: on a unit of dozens of stops this
                    // is the longest step of the search, so the clock is looked at each time.
                    if self.late() {
                        break;
                    }
                    let mut rest = places.clone();
                    rest.remove(k);
                    let mut order = best_path(self.t, home, end, &rest);
                    order.push(end);
                    candidates.push(order);
                }
                for order in candidates {
                    let keep = s.units[u].clone();
                    let before = self.key(s);
                    s.units[u] = reorder(&keep, self.stops, &order);
                    if !self.key(s).better_than(before) {
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
                let home = self.truck_of(sl).depot;
                let order = best_path(self.t, start, home, &places);
                let keep = s.units[u].clone();
                let before = self.key(s);
                s.units[u] = reorder(&keep, self.stops, &order);
                if before.better_than(self.key(s)) {
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
        let mut last: Vec<usize> = (0..self.slots())
            .map(|sl| self.truck_of(sl).depot)
            .collect();
        self.clocks(&without, |sl, i, _| last[sl] = self.place(i));
        last
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
