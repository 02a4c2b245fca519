//! Cheapest insertion: every place a stop may go, tried in order of the driving it adds.
//!
//! The driving a stop adds is known before any timing (two legs replace one on each of its
//! days), and an insertion can only add to a week's broken rules, truck-days and trucks, so
//! the driving added and the runs opened give a bound on each candidate's cost. Candidates are
//! timed in the order of that bound and the scan stops at the first one no timed candidate
//! can be beaten by: in a week with room, one or two clocks per stop instead of hundreds.

use super::cost::{Cost, Key, Part};
use super::ctx::{Ctx, State};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How often a randomised insertion passes over a candidate it would take ("blinks", as in
/// slack induction by string removals), so rebuilt weeks differ.
const BLINK: f64 = 0.01;

/// What cheapest insertion keeps of a week between insertions: each truck's cost and when
/// each visit of each run starts, so only the truck a stop joins is timed again.
pub(super) struct Timing {
    pub(super) parts: Vec<Part>,
    starts: Vec<Vec<f64>>,
    back: Vec<f64>,
    /// Per run, how much later each visit (and, last, the return) could start before some
    /// visit after it or the return runs past its window: the forward slack of VRPTW.
    slack: Vec<Vec<f64>>,
}

impl Timing {
    /// The week's cost.
    pub(super) fn cost(&self) -> Cost {
        Cost::of(&self.parts)
    }
}

/// What a position in one run bounds: the driving it adds, the least minutes beyond the rules
/// it adds, and the least length of the run's day with it.
#[derive(Debug, Clone, Copy, Default)]
struct Bound {
    added: f64,
    over: f64,
    length: f64,
}

/// One way to put a stop in: a placement, the position in each of its slots, the driving it
/// adds and the key no timing can improve on.
struct Candidate {
    placement: usize,
    positions: [usize; 2],
    bound: Key,
}

impl Ctx<'_> {
    /// The timing of a whole week.
    pub(super) fn timing(&self, s: &State) -> Timing {
        let mut t = Timing {
            parts: vec![Part::default(); self.trucks()],
            starts: vec![Vec::new(); self.slots()],
            back: vec![0.0; self.slots()],
            slack: vec![Vec::new(); self.slots()],
        };
        for k in 0..self.trucks() {
            self.retime(s, &mut t, k);
        }
        t
    }

    /// Times truck `k` again after a change to its runs.
    fn retime(&self, s: &State, t: &mut Timing, k: usize) {
        for sl in self.slots_of_truck(k) {
            t.starts[sl].clear();
        }
        let starts = &mut t.starts;
        let mut record = |sl: usize, _: usize, start: f64| starts[sl].push(start);
        let clocks = self.truck_clocks(s, k, Some(&mut record));
        for (sl, c) in self.slots_of_truck(k).zip(&clocks) {
            t.back[sl] = c.clock;
            t.slack[sl] = self.forward_slack(s, sl, &t.starts[sl], c.clock);
        }
        t.parts[k] = self.part_of(k, &clocks);
    }

    /// The forward slack of slot `sl`'s run timed as `starts` and back at `back`: for each
    /// visit and the return, the least over it and what follows of the minutes to spare
    /// before a window closes, plus the waits between (a break counts as a wait: the bound
    /// stays a bound). Already late counts as no minutes to spare.
    fn forward_slack(&self, s: &State, sl: usize, starts: &[f64], back: f64) -> Vec<f64> {
        let truck = self.truck_of(sl);
        let route = &s.routes[sl];
        let m = route.len();
        let mut slack = vec![0.0; m + 1];
        slack[m] = (truck.window_end - back).max(0.0);
        for k in (0..m).rev() {
            let i = route[k];
            let latest = self.stops[i]
                .rules
                .windows
                .last()
                .map_or(f64::INFINITY, |w| w.1 - self.service(i));
            let (next_place, next_start) = match route.get(k + 1) {
                Some(&j) => (self.place(j), starts[k + 1]),
                None => (truck.depot, back),
            };
            let depart = starts[k] + self.service(i);
            let wait = (next_start - depart - self.t.get(self.place(i), next_place)).max(0.0);
            slack[k] = (latest - starts[k]).max(0.0).min(wait + slack[k + 1]);
        }
        slack
    }

    /// Driving added by putting stop `i` at position `pos` of slot `sl`'s run.
    fn added(&self, s: &State, sl: usize, pos: usize, i: usize) -> f64 {
        let route = &s.routes[sl];
        let depot = self.truck_of(sl).depot;
        let prev = if pos == 0 {
            depot
        } else {
            self.place(route[pos - 1])
        };
        let next = route.get(pos).map_or(depot, |&j| self.place(j));
        let x = self.place(i);
        self.t.get(prev, x) + self.t.get(x, next) - self.t.get(prev, next)
    }

    /// Minutes slot `sl`'s run is busy as it stands: every service and every leg.
    fn busy(&self, s: &State, sl: usize) -> f64 {
        let depot = self.truck_of(sl).depot;
        let mut at = depot;
        let mut busy = 0.0;
        for &j in &s.routes[sl] {
            busy += self.service(j) + self.t.get(at, self.place(j));
            at = self.place(j);
        }
        busy + self.t.get(at, depot)
    }

    /// For each position of stop `i` in slot `sl`: the driving it adds and the least
    /// minutes it adds beyond some rule. Insertion only delays: `i` starts no earlier than
    /// the stop before it ends plus the leg, which delays what follows by at least as much
    /// as the forward slack cannot absorb; and the run returns no earlier than its start plus
    /// every service and leg (and the break, when still out past its latest start), beyond
    /// what it already overran (and its day is at least that long).
    fn slot_bounds(&self, s: &State, t: &Timing, sl: usize, i: usize) -> Vec<Bound> {
        let truck = self.truck_of(sl);
        let route = &s.routes[sl];
        let starts = &t.starts[sl];
        let busy = self.busy(s, sl) + self.service(i);
        let overrun = (t.back[sl] - truck.window_end).max(0.0);
        (0..=route.len())
            .map(|pos| {
                let added = self.added(s, sl, pos, i);
                let mut back = truck.window_start + busy + added;
                if let Some(b) = truck.brk.filter(|b| back > b.latest_start()) {
                    back += b.minutes;
                }
                let busy_over = (back - truck.window_end - overrun).max(0.0);
                let (from, ready) = match pos {
                    0 => (truck.depot, truck.window_start),
                    _ => {
                        let j = route[pos - 1];
                        (self.place(j), starts[pos - 1] + self.service(j))
                    }
                };
                let (start, late) = self.start_at(i, ready + self.t.get(from, self.place(i)));
                let (next, was) = match route.get(pos) {
                    Some(&j) => (self.place(j), starts[pos]),
                    None => (truck.depot, t.back[sl]),
                };
                let delay = start + self.service(i) + self.t.get(self.place(i), next) - was;
                let rest_over = (delay - t.slack[sl][pos]).max(0.0);
                Bound {
                    added,
                    over: late + busy_over.max(rest_over),
                    length: back - truck.window_start,
                }
            })
            .collect()
    }

    /// Every candidate for stop `i`, with its bound: the least cost it can have once timed,
    /// so candidates that cannot keep the rules sort after every one that may, and are timed
    /// only if none does.
    fn candidates(&self, s: &State, timing: &Timing, i: usize) -> Vec<Candidate> {
        let parts = &timing.parts;
        let base = Cost::of(parts);
        let mut out = Vec::with_capacity(64);
        // Closed truck-days are passed over, unless the stop has nowhere else to go.
        let all_closed = self
            .placements(i)
            .iter()
            .all(|p| p.slots.iter().any(|&sl| self.closed(sl)));
        for (pi, p) in self.placements(i).iter().enumerate() {
            if !all_closed && p.slots.iter().any(|&sl| self.closed(sl)) {
                continue;
            }
            let bounds: Vec<Vec<Bound>> = p
                .slots
                .iter()
                .map(|&sl| self.slot_bounds(s, timing, sl, i))
                .collect();
            let opens = p
                .slots
                .iter()
                .filter(|&&sl| s.routes[sl].is_empty())
                .count();
            let mut bound = base;
            bound.runs += opens;
            bound.trucks += usize::from(opens > 0 && parts[p.truck].runs == 0);
            let none = [Bound::default()];
            let second: &[Bound] = bounds.get(1).map_or(&none, |d| d);
            for (a, da) in bounds[0].iter().enumerate() {
                for (b, db) in second.iter().enumerate() {
                    let mut c = bound;
                    c.drive += da.added + db.added;
                    c.overflow += da.over + db.over;
                    c.longest = c.longest.max(da.length).max(db.length);
                    out.push(Candidate {
                        placement: pi,
                        positions: [a, b],
                        bound: c.key(self.rules.shape),
                    });
                }
            }
        }
        out
    }

    /// Puts stop `i` in or takes it out of `s` as candidate `c` says.
    fn apply(&self, s: &mut State, i: usize, c: &Candidate, put: bool) {
        let p = &self.placements(i)[c.placement];
        for (k, &sl) in p.slots.iter().enumerate() {
            if put {
                s.routes[sl].insert(c.positions[k], i);
            } else {
                s.routes[sl].remove(c.positions[k]);
            }
        }
    }

    /// Inserts stop `i` where the week costs least (the first such in scan order), keeping
    /// `parts` (each truck's cost) up to date. With a generator, passes over a candidate now
    /// and then, so repeated rebuilding explores other weeks.
    pub(super) fn insert(
        &self,
        s: &mut State,
        timing: &mut Timing,
        i: usize,
        mut rng: Option<&mut ChaCha8Rng>,
    ) {
        let cands = self.candidates(s, timing, i);
        let parts = &timing.parts;
        let mut best: Option<(Key, usize)> = None;
        for n in by_bound(&cands) {
            let c = &cands[n];
            if best.is_some_and(|(b, _)| !c.bound.better_than(b)) {
                break;
            }
            if rng.as_mut().is_some_and(|r| r.gen_bool(BLINK)) {
                continue;
            }
            let truck = self.placements(i)[c.placement].truck;
            self.apply(s, i, c, true);
            let part = self.part(s, truck);
            self.apply(s, i, c, false);
            let mut trial = parts.to_vec();
            trial[truck] = part;
            let key = Cost::of(&trial).key(self.rules.shape);
            if best.is_none_or(|(b, _)| key.better_than(b)) {
                best = Some((key, n));
            }
        }
        // Every candidate blinked: take the first.
        let n = best.map_or_else(
            || by_bound(&cands).next().expect("a stop has somewhere to go"),
            |(_, n)| n,
        );
        let c = &cands[n];
        self.apply(s, i, c, true);
        self.retime(s, timing, self.placements(i)[c.placement].truck);
    }
}

/// Candidates in the order of their bounds (ties: the order they were made in), sorted a
/// few at a time: the scan usually stops within the first few.
fn by_bound(cands: &[Candidate]) -> impl Iterator<Item = usize> + '_ {
    let cmp = |&a: &usize, &b: &usize| {
        let (x, y) = (&cands[a].bound.0, &cands[b].bound.0);
        x.iter()
            .zip(y)
            .map(|(p, q)| p.total_cmp(q))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    };
    let mut order: Vec<usize> = (0..cands.len()).collect();
    let mut sorted = 0;
    let mut next = 0;
    std::iter::from_fn(move || {
        if next == sorted && sorted < order.len() {
            let chunk = (sorted.max(8)).min(order.len() - sorted);
            let rest = &mut order[sorted..];
            if chunk < rest.len() {
                rest.select_nth_unstable_by(chunk - 1, cmp);
            }
            rest[..chunk].sort_unstable_by(cmp);
            sorted += chunk;
        }
        let n = order.get(next).copied();
        next += 1;
        n
    })
}
