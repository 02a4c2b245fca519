//! The moves that find a good week: cheapest insertion, relocation, ruin and recreate, and a
//! final exact ordering of each run.
//!
//! Ruin and recreate is the engine: take out a few stops that lie near each other (strings of
//! consecutive visits around a seed stop, as in slack induction by string removals, or now
//! and then a whole truck-day), put them back by cheapest insertion, and keep the week by a
//! cooling threshold on driving only: a week is never taken that breaks more rules or uses
//! more trucks or truck-days. The best week seen is the answer, so the search can stop at any
//! deadline with a whole week in hand.

use super::ctx::{Ctx, State};
use crate::model::TravelTimes;
use crate::route::plan::{WeekPlan, WeekRules, WeekShape, WeekStop};
use crate::route::tour::best_path;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

/// The fixed seed of the search: the same input gives the same week.
const SEED: u64 = 0x6d6f_6269_6c65;

/// Driving minutes a worse week may add and still be taken, at the start and at the end of
/// ruin and recreate (cooling geometrically between).
const HOT: f64 = 30.0;
const COLD: f64 = 1.0;

/// Stops taken out in one ruin, at most: a few runs' worth.
const MAX_RUIN: usize = 12;

/// How often a ruin empties a whole truck-day (and closes it while its stops find others).
const CLOSE_A_DAY: f64 = 0.2;

/// What a truck-day weighs, in minutes of driving, while ruin and recreate wanders (never in
/// the week it answers with): about what a day's run adds to a week's driving, so a week may
/// move its work to other days.
const DAY_AS_DRIVING: f64 = 30.0;

/// Each try to free a truck or a truck-day searches this share of the rounds at most.
const REDUCE_SHARE: usize = 50;

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

/// Whether the stops fit under `rules`, found before `deadline`: a what-would-fit re-plan,
/// which gives up (answers no) when the time is up, even mid-construction.
pub(crate) fn fits_in_time(
    t: &TravelTimes,
    depot: usize,
    stops: &[WeekStop],
    rules: &WeekRules,
    deadline: Option<Instant>,
) -> bool {
    let Some(ctx) = Ctx::new(t, depot, stops, rules) else {
        return false;
    };
    let mut ctx = ctx.until(deadline);
    ctx.abandon = true;
    let state = ctx.search();
    !ctx.late() && ctx.fits(&state)
}

impl Ctx<'_> {
    /// Construction, local search and polish: the best week found.
    pub fn search(&self) -> State {
        let mut s = State {
            routes: vec![Vec::new(); self.slots()],
        };
        let mut timing = self.timing(&s);
        for i in self.farthest_first((0..self.stops.len()).collect()) {
            if self.abandon && self.late() {
                return s;
            }
            self.insert(&mut s, &mut timing, i, None);
        }
        let rounds = self.rounds();
        // Trucks and truck-days are freed from a week that keeps the rules: from the first
        // week if it does, else from the week ruin and recreate mends.
        let fitted = self.fits(&s);
        self.reduce(&mut s, rounds / REDUCE_SHARE);
        self.relocate(&mut s);
        self.ruin_and_recreate(&mut s, rounds, false);
        if !fitted {
            self.reduce(&mut s, rounds / REDUCE_SHARE);
        }
        self.relocate(&mut s);
        self.polish(&mut s);
        s
    }

    /// Rounds of ruin and recreate: a fixed amount of work whatever the machine, 150 per
    /// visit up to 3,000, and fewer on very large weeks (a round costs about as much as the
    /// week's visits) so they stay interactive.
    fn rounds(&self) -> usize {
        let visits: usize = self.stops.iter().map(|s| usize::from(s.visits)).sum();
        (150 * visits).min(300_000 / visits.max(1)).clamp(50, 3000)
    }

    /// Stops in the order cheapest insertion places them: bound to a time or days first, then
    /// twice-weekly, then the longest round trip from the depot (outlying stops shape the
    /// runs); ties by index.
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

    /// Takes each stop out and puts it back where it costs least, while that helps.
    fn relocate(&self, s: &mut State) {
        for _ in 0..10 {
            let start = self.key(s);
            for i in 0..self.stops.len() {
                if self.late() {
                    return;
                }
                let before = self.key(s);
                let mut cand = s.clone();
                cand.remove(i);
                let mut timing = self.timing(&cand);
                self.insert(&mut cand, &mut timing, i, None);
                if timing.cost().key(self.rules.shape).better_than(before) {
                    *s = cand;
                }
            }
            if !self.key(s).better_than(start) {
                return;
            }
        }
    }

    /// Large-neighbourhood search with a cooling threshold; `s` ends as the best week seen
    /// (with `until_fits`, as soon as a week keeps every rule).
    pub(super) fn ruin_and_recreate(&self, s: &mut State, rounds: usize, until_fits: bool) {
        if self.stops.len() < 2 {
            return;
        }
        let mut rng = ChaCha8Rng::seed_from_u64(SEED);
        let near = self.neighbours();
        // `spread` weighs each minute of the longest day ten times: so does its threshold.
        let scale = match self.rules.shape {
            WeekShape::Spread => 10.0,
            WeekShape::Pack => 1.0,
        };
        let mut current = s.clone();
        let mut current_key = self.key(&current);
        let mut best_key = current_key;
        for round in 0..rounds {
            if self.late() {
                return;
            }
            let heat = scale * HOT * (COLD / HOT).powf(round as f64 / rounds as f64);
            let mut cand = current.clone();
            let (mut out, emptied) = self.ruin(&mut cand, &near, &mut rng);
            match rng.gen_range(0..3) {
                0 => out.shuffle(&mut rng),
                1 => out = self.farthest_first(out),
                _ => out.sort_by_key(|&i| std::cmp::Reverse(self.stops[i].visits)),
            }
            // A truck-day emptied stays closed while its stops find other runs, so the
            // week may open another day instead: the days a week uses can change too.
            let closed = emptied.map(|sl| self.closing(&[sl]));
            let ctx = closed.as_ref().unwrap_or(self);
            let mut timing = ctx.timing(&cand);
            for i in out {
                // Recreating a whole truck-day of a large week takes a while: the best week
                // so far is already in `s`.
                if self.late() {
                    return;
                }
                ctx.insert(&mut cand, &mut timing, i, Some(&mut rng));
            }
            let key = timing.cost().key(self.rules.shape);
            let threshold = -heat * (1.0 - rng.gen::<f64>()).ln();
            // Looking for a week that keeps every rule, the threshold trades minutes beyond
            // the rules instead.
            let ok = if current_key.0[0] > 1e-9 {
                key.better_than(current_key) || key.within(current_key, 0, threshold)
            } else {
                key.acceptable_weighed(current_key, DAY_AS_DRIVING, threshold)
            };
            if ok {
                current = cand;
                current_key = key;
                if key.better_than(best_key) {
                    best_key = key;
                    *s = current.clone();
                    if until_fits && best_key.0[0] <= 1e-9 {
                        return;
                    }
                }
            }
        }
    }

    /// Every stop's other stops, nearest first (driving there and back; ties by index).
    fn neighbours(&self) -> Vec<Vec<usize>> {
        let n = self.stops.len();
        (0..n)
            .map(|i| {
                let a = self.place(i);
                let mut v: Vec<usize> = (0..n).filter(|&j| j != i).collect();
                let d = |j: usize| self.t.get(a, self.place(j)) + self.t.get(self.place(j), a);
                v.sort_by(|&x, &y| d(x).total_cmp(&d(y)).then(x.cmp(&y)));
                v
            })
            .collect()
    }

    /// Takes stops out of `s`: strings of consecutive visits from runs near a random stop,
    /// or (one time in ten) every stop of a random truck-day. Returns them, and the
    /// truck-day emptied.
    fn ruin(
        &self,
        s: &mut State,
        near: &[Vec<usize>],
        rng: &mut ChaCha8Rng,
    ) -> (Vec<usize>, Option<usize>) {
        let n = self.stops.len();
        let mut out: Vec<usize> = Vec::new();
        let used: Vec<usize> = (0..s.routes.len())
            .filter(|&sl| !s.routes[sl].is_empty())
            .collect();
        let mut emptied = None;
        if rng.gen_bool(CLOSE_A_DAY) && !used.is_empty() {
            let sl = used[rng.gen_range(0..used.len())];
            out = s.routes[sl].clone();
            emptied = Some(sl);
        } else {
            let target = rng.gen_range(2..=MAX_RUIN.min(n / 3).max(2));
            let seed = rng.gen_range(0..n);
            let mut ruined = vec![false; s.routes.len()];
            for &j in std::iter::once(&seed).chain(&near[seed]) {
                if out.len() >= target {
                    break;
                }
                let Some(sl) = s.slots_of(j).into_iter().find(|&sl| !ruined[sl]) else {
                    continue;
                };
                ruined[sl] = true;
                let route = &s.routes[sl];
                let len = rng.gen_range(1..=route.len().min(target - out.len()).max(1));
                let pos = route.iter().position(|&x| x == j).unwrap_or(0);
                let first = pos
                    .saturating_sub(rng.gen_range(0..len))
                    .min(route.len() - len);
                for &x in &route[first..first + len] {
                    if !out.contains(&x) {
                        out.push(x);
                    }
                }
            }
        }
        for &i in &out {
            s.remove(i);
        }
        (out, emptied)
    }

    /// Orders each run as well as it can, keeping a change only when the week is better:
    /// runs of at most 12 stops by the exact shortest path from and back to the depot.
    fn polish(&self, s: &mut State) {
        for sl in 0..s.routes.len() {
            if self.late() {
                return;
            }
            let places: Vec<usize> = s.routes[sl].iter().map(|&i| self.place(i)).collect();
            if places.len() < 3 || places.len() > 12 {
                continue;
            }
            let home = self.truck_of(sl).depot;
            let order = best_path(self.t, home, home, &places);
            let before = self.key(s);
            let keep = s.routes[sl].clone();
            s.routes[sl] = reorder(&keep, self.stops, &order);
            if !self.key(s).better_than(before) {
                s.routes[sl] = keep;
            }
        }
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
