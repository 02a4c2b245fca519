//! The moves only `--week pack` needs: do without a whole truck, then a whole truck-day.
//!
//! Moving one stop at a time never frees a truck-day (a run of three needs three moves, and
//! the first two gain nothing), so `pack` asks of each truck, then each truck-day, fewest
//! visits first: can the week do without it? Its stops leave (twice-weekly ones from both of
//! their days), the truck or day is closed, the stops return by cheapest insertion, and when
//! that breaks a rule, ruin and recreate looks for a week that keeps them all. The week is
//! kept only when it is better: fewer trucks or truck-days within every rule.

use super::ctx::{Ctx, State};
use crate::route::plan::WeekShape;

impl Ctx<'_> {
    /// Under `pack`, frees trucks, then truck-days, until none can be freed (or the deadline
    /// passes), each try searching `rounds` rounds at most; under `spread` does nothing.
    pub(super) fn reduce(&self, s: &mut State, rounds: usize) {
        // A week that breaks a rule cannot be mended by taking trucks away.
        if self.rules.shape != WeekShape::Pack || !self.fits(s) {
            return;
        }
        while self.free_one(s, rounds, true) {}
        while self.free_one(s, rounds, false) {}
    }

    /// Tries each used truck (or truck-day), fewest visits first (ties: the later one, so
    /// the week keeps its first trucks and days); true when one was freed.
    fn free_one(&self, s: &mut State, rounds: usize, trucks: bool) -> bool {
        let groups: Vec<Vec<usize>> = if trucks {
            (0..self.trucks())
                .map(|k| self.slots_of_truck(k).collect())
                .collect()
        } else {
            (0..self.slots()).map(|sl| vec![sl]).collect()
        };
        let mut used: Vec<(usize, std::cmp::Reverse<usize>)> = groups
            .iter()
            .enumerate()
            .map(|(g, slots)| (slots.iter().map(|&sl| s.routes[sl].len()).sum(), g))
            .filter(|&(v, _)| v > 0)
            .map(|(v, g)| (v, std::cmp::Reverse(g)))
            .collect();
        if trucks && used.len() < 2 {
            return false;
        }
        used.sort_unstable();
        for (_, std::cmp::Reverse(g)) in used {
            if self.late() {
                return false;
            }
            if self.free(s, &groups[g], rounds) {
                return true;
            }
        }
        false
    }

    /// Whether the week can do without truck-days `slots`: if so, `s` becomes that week.
    fn free(&self, s: &mut State, slots: &[usize], rounds: usize) -> bool {
        if self.busy_least() > self.room_without(slots) + 1e-9 {
            return false;
        }
        let ctx = self.closing(slots);
        let mut cand = s.clone();
        let out: Vec<usize> = slots
            .iter()
            .flat_map(|&sl| s.routes[sl].iter().copied())
            .collect();
        for &i in &out {
            cand.remove(i);
        }
        let mut timing = ctx.timing(&cand);
        for i in ctx.farthest_first(out) {
            ctx.insert(&mut cand, &mut timing, i, None);
        }
        if !ctx.fits(&cand) {
            ctx.ruin_and_recreate(&mut cand, rounds, true);
        }
        if ctx.fits(&cand) && self.key(&cand).better_than(self.key(s)) {
            *s = cand;
            true
        } else {
            false
        }
    }

    /// The least minutes the week keeps its trucks busy: each visit's service and the
    /// shortest drive that can reach it.
    fn busy_least(&self) -> f64 {
        let places: Vec<usize> = (0..self.stops.len())
            .map(|i| self.place(i))
            .chain((0..self.trucks()).map(|k| self.truck_of(k).depot))
            .collect();
        (0..self.stops.len())
            .map(|i| {
                let to = self.place(i);
                let leg = places
                    .iter()
                    .filter(|&&p| p != to)
                    .map(|&p| self.t.get(p, to))
                    .fold(f64::INFINITY, f64::min);
                f64::from(self.stops[i].visits) * (self.service(i) + leg.min(1e9))
            })
            .sum()
    }

    /// The most minutes the truck-days other than `closed` can be busy: each working day's
    /// window, less the break when a run that long must take it.
    fn room_without(&self, closed: &[usize]) -> f64 {
        (0..self.slots())
            .filter(|sl| !closed.contains(sl))
            .map(|sl| {
                let truck = self.truck_of(sl);
                if !truck.days.contains(&self.day_of(sl)) {
                    return 0.0;
                }
                let window = truck.window_end - truck.window_start;
                match truck.brk {
                    Some(b) if truck.window_end > b.latest_start() => {
                        (window - b.minutes).max(b.latest_start() - truck.window_start)
                    }
                    _ => window,
                }
            })
            .sum()
    }
}
