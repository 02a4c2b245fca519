//! The move only `--week pack` needs: empty a whole truck-day into the other runs.
//!
//! Relocating one stop at a time never lowers the number of truck-days (a run of three needs
//! three moves, and the first two gain nothing), so `pack` also tries each truck-day as one
//! move: every stop on it leaves (twin groups that run on it included, so the day really
//! empties) and returns by cheapest insertion, where opening a truck-day costs more than any
//! driving. The week is kept only when it is better: fewer truck-days within every rule.

use super::ctx::{Ctx, State};
use crate::route::plan::WeekShape;

impl Ctx<'_> {
    /// Under `pack`, empties truck-days, fewest visits first, until none can be emptied (or
    /// the deadline passes); under `spread` does nothing.
    pub(super) fn empty_runs(&self, s: &mut State) {
        if self.rules.shape != WeekShape::Pack {
            return;
        }
        while self.empty_one_run(s) {}
    }

    /// Tries every used truck-day once, fewest visits first (ties: earlier day and truck);
    /// true when one was emptied.
    fn empty_one_run(&self, s: &mut State) -> bool {
        let mut used: Vec<(usize, usize)> = self
            .visits_per_slot(s)
            .into_iter()
            .enumerate()
            .filter(|&(_, v)| v > 0)
            .map(|(slot, v)| (v, slot))
            .collect();
        used.sort_unstable();
        let before = self.key(s);
        for (_, slot) in used {
            if self.late() {
                return false;
            }
            let mut cand = s.clone();
            let mut out = Vec::new();
            for u in self.units_on(slot) {
                out.append(&mut cand.units[u]);
            }
            for i in self.farthest_first(out) {
                self.insert_best(&mut cand, i);
            }
            if self.key(&cand).better_than(before) {
                *s = cand;
                return true;
            }
        }
        false
    }
}
