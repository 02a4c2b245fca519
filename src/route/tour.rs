//! The order of one day's stops: a closed tour from the depot and back.
//!
//! A day's run has the same service time at every stop and one shared opening window, so the
//! shortest day is the tour of least driving time. Up to [`EXACT_STOPS`] stops that tour is
//! found exactly by Held–Karp dynamic programming (2ⁿ·n² steps: 600,000 for 12); beyond, a
//! nearest-neighbour start is improved by 2-opt and or-opt moves until none helps. Both are
//! deterministic: ties go to the lower stop index.

use crate::model::TravelTimes;

/// Largest number of stops whose tour is solved exactly.
pub const EXACT_STOPS: usize = 12;

/// A closed tour: `depot → order[0] → … → order[last] → depot`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    /// Places visited, in order (the depot not repeated).
    pub order: Vec<usize>,
    /// Total driving minutes, depot to depot.
    pub minutes: f64,
}

/// Driving minutes of the tour through `order` (0 for no stops: the truck stays home).
pub fn tour_minutes(t: &TravelTimes, depot: usize, order: &[usize]) -> f64 {
    if order.is_empty() {
        0.0
    } else {
        path_minutes(t, depot, depot, order)
    }
}

/// Driving minutes of `start → order… → end`.
pub fn path_minutes(t: &TravelTimes, start: usize, end: usize, order: &[usize]) -> f64 {
    let mut at = start;
    let mut total = 0.0;
    for &next in order {
        total += t.get(at, next);
        at = next;
    }
    total + t.get(at, end)
}

/// The shortest tour from `depot` through all `stops` (exact up to [`EXACT_STOPS`]).
pub fn best_tour(t: &TravelTimes, depot: usize, stops: &[usize]) -> Tour {
    let order = best_path(t, depot, depot, stops);
    Tour {
        minutes: tour_minutes(t, depot, &order),
        order,
    }
}

/// The order of `stops` that makes `start → … → end` shortest (exact up to
/// [`EXACT_STOPS`]); used when part of a day is fixed, e.g. the stops that must keep the same
/// time on two days come first and the rest are ordered after them.
pub fn best_path(t: &TravelTimes, start: usize, end: usize, stops: &[usize]) -> Vec<usize> {
    if stops.len() <= EXACT_STOPS {
        held_karp(t, start, end, stops)
    } else {
        improve(t, start, end, nearest_neighbour(t, start, stops))
    }
}

/// Held–Karp over subsets of `stops`; the returned order is the lexicographically first
/// among equal-length tours in the DP's scan order, so it is stable across runs.
fn held_karp(t: &TravelTimes, start: usize, end: usize, stops: &[usize]) -> Vec<usize> {
    let k = stops.len();
    if k <= 1 {
        return stops.to_vec();
    }
    let full = 1usize << k;
    let mut cost = vec![f64::INFINITY; full * k];
    let mut prev = vec![usize::MAX; full * k];
    for (i, &s) in stops.iter().enumerate() {
        cost[(1 << i) * k + i] = t.get(start, s);
    }
    for mask in 1..full {
        for last in 0..k {
            let here = cost[mask * k + last];
            if mask & (1 << last) == 0 || !here.is_finite() {
                continue;
            }
            for next in 0..k {
                if mask & (1 << next) != 0 {
                    continue;
                }
                let m2 = mask | (1 << next);
                let c = here + t.get(stops[last], stops[next]);
                if c < cost[m2 * k + next] {
                    cost[m2 * k + next] = c;
                    prev[m2 * k + next] = last;
                }
            }
        }
    }
    let all = full - 1;
    let mut last = 0;
    let mut best = f64::INFINITY;
    for i in 0..k {
        let c = cost[all * k + i] + t.get(stops[i], end);
        if c < best {
            best = c;
            last = i;
        }
    }
    let mut order = Vec::with_capacity(k);
    let mut mask = all;
    while last != usize::MAX {
        order.push(stops[last]);
        let p = prev[mask * k + last];
        mask &= !(1 << last);
        last = p;
    }
    order.reverse();
    order
}

fn nearest_neighbour(t: &TravelTimes, start: usize, stops: &[usize]) -> Vec<usize> {
    let mut left: Vec<usize> = stops.to_vec();
    let mut order = Vec::with_capacity(stops.len());
    let mut at = start;
    while !left.is_empty() {
        let (k, _) = left
            .iter()
            .enumerate()
            .min_by(|a, b| t.get(at, *a.1).total_cmp(&t.get(at, *b.1)))
            .expect("not empty");
        at = left.remove(k);
        order.push(at);
    }
    order
}

/// 2-opt (reverse a segment) and or-opt (move a run of 1–3 stops) until no move shortens the
/// tour by more than a rounding error; first improvement in a fixed scan order.
fn improve(t: &TravelTimes, start: usize, end: usize, mut order: Vec<usize>) -> Vec<usize> {
    let eps = 1e-9;
    let cost = |o: &[usize]| path_minutes(t, start, end, o);
    let mut current = cost(&order);
    loop {
        let mut improved = false;
        let n = order.len();
        for i in 0..n {
            for j in i + 1..n {
                order[i..=j].reverse();
                let c = cost(&order);
                if c < current - eps {
                    current = c;
                    improved = true;
                } else {
                    order[i..=j].reverse();
                }
            }
        }
        for len in 1..=3.min(n) {
            for i in 0..=n - len {
                for to in 0..=n - len {
                    if to == i {
                        continue;
                    }
                    let mut cand = order.clone();
                    let run: Vec<usize> = cand.drain(i..i + len).collect();
                    for (k, s) in run.into_iter().enumerate() {
                        cand.insert(to + k, s);
                    }
                    let c = cost(&cand);
                    if c < current - eps {
                        current = c;
                        order = cand;
                        improved = true;
                    }
                }
            }
        }
        if !improved {
            return order;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random_times(seed: u64, n: usize) -> TravelTimes {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.gen_range(0.0..30.0), rng.gen_range(0.0..30.0)))
            .collect();
        TravelTimes::from_fn(n, |a, b| (pts[a].0 - pts[b].0).hypot(pts[a].1 - pts[b].1))
    }

    #[test]
    fn held_karp_equals_brute_force_up_to_nine_stops() {
        for seed in 0..20 {
            let n = 2 + (seed as usize % 9);
            let t = random_times(seed, n + 1);
            let mut stops: Vec<usize> = (1..=n).collect();
            let got = best_tour(&t, 0, &stops);
            let mut best = f64::INFINITY;
            permute(&mut stops, 0, &mut |o| {
                best = best.min(tour_minutes(&t, 0, o))
            });
            stops.sort_unstable();
            assert!(
                (got.minutes - best).abs() < 1e-9,
                "seed {seed}: {} vs {best}",
                got.minutes
            );
            let mut seen = got.order.clone();
            seen.sort_unstable();
            assert_eq!(seen, stops, "every stop once");
        }
    }

    #[test]
    fn the_heuristic_visits_every_stop_and_beats_nearest_neighbour() {
        for seed in 0..5 {
            let t = random_times(100 + seed, 31);
            let stops: Vec<usize> = (1..31).collect();
            let got = best_tour(&t, 0, &stops);
            let mut seen = got.order.clone();
            seen.sort_unstable();
            assert_eq!(seen, stops);
            let nn = tour_minutes(&t, 0, &nearest_neighbour(&t, 0, &stops));
            assert!(got.minutes <= nn + 1e-9);
            assert_eq!(got, best_tour(&t, 0, &stops), "deterministic");
        }
    }

    #[test]
    fn open_paths_equal_brute_force() {
        for seed in 0..10 {
            let n = 2 + (seed as usize % 7);
            let t = random_times(300 + seed, n + 2);
            let stops: Vec<usize> = (2..n + 2).collect();
            let got = best_path(&t, 1, 0, &stops);
            let mut best = f64::INFINITY;
            let mut perm = stops.clone();
            permute(&mut perm, 0, &mut |o| {
                best = best.min(path_minutes(&t, 1, 0, o))
            });
            assert!(
                (path_minutes(&t, 1, 0, &got) - best).abs() < 1e-9,
                "seed {seed}"
            );
        }
    }

    fn permute(v: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
        if k == v.len() {
            f(v);
            return;
        }
        for i in k..v.len() {
            v.swap(k, i);
            permute(v, k + 1, f);
            v.swap(k, i);
        }
    }

    #[test]
    fn empty_and_single_stop_days() {
        let t = random_times(1, 3);
        assert_eq!(best_tour(&t, 0, &[]).minutes, 0.0);
        let one = best_tour(&t, 0, &[2]);
        assert_eq!(one.order, vec![2]);
        assert!((one.minutes - (t.get(0, 2) + t.get(2, 0))).abs() < 1e-12);
    }
}
