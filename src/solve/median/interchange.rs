//! Greedy construction and swap local search: the upper bound every p-median search starts
//! from.
//!
//! A Lagrangian branch and bound prunes against its incumbent, so a strong incumbent before
//! the first subgradient step saves most of the tree. Greedy "add" followed by Whitaker's fast
//! interchange (each candidate site evaluated against every removable open site in one
//! column scan, O(clients + p) per candidate) reaches the optimum of most OR-Library
//! instances on its own.

use super::costs::Costs;
use crate::solve::Limits;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// An open set and its objective.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Solution {
    /// Open sites, ascending.
    pub open: Vec<usize>,
    /// Objective of `open`.
    pub cost: f64,
}

impl Solution {
    /// A solution of `open` (any order), evaluated.
    pub fn of(costs: &Costs, mut open: Vec<usize>) -> Solution {
        open.sort_unstable();
        let cost = costs.cost_of(&open);
        Solution { open, cost }
    }

    /// Total order: lower cost first, then the lexicographically smaller open set. Makes
    /// reductions over parallel starts independent of the thread count.
    pub fn better_than(&self, other: &Solution) -> bool {
        match self.cost.total_cmp(&other.cost) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => self.open < other.open,
        }
    }
}

/// Greedy add: from the required sites, open the site that lowers the objective most until
/// `p` are open (ties by lower index). With `rng`, each step instead picks uniformly among
/// the `rcl` best candidates (GRASP).
pub(crate) fn greedy(costs: &Costs, mut rng: Option<(&mut ChaCha8Rng, usize)>) -> Vec<usize> {
    let (n, m) = (costs.clients, costs.sites);
    let mut open = costs.required.clone();
    let mut is_open = vec![false; m];
    for &j in &open {
        is_open[j] = true;
    }
    let mut d1 = vec![f64::INFINITY; n];
    for i in 0..n {
        d1[i] = open
            .iter()
            .map(|&j| costs.rows[i * m + j])
            .fold(f64::INFINITY, f64::min);
    }
    let mut value = vec![0.0; m];
    let mut ranked: Vec<(f64, usize)> = Vec::with_capacity(costs.width());
    while open.len() < costs.p {
        // value[j] = objective after opening j (lower is better); ∞ d1 means nobody served.
        value.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n {
            let row = &costs.rows[i * m..(i + 1) * m];
            let d = d1[i];
            for (v, &c) in value.iter_mut().zip(row) {
                *v += c.min(d);
            }
        }
        ranked.clear();
        ranked.extend(
            costs
                .allowed
                .iter()
                .filter(|&&j| !is_open[j])
                .map(|&j| (value[j], j)),
        );
        let pick = match rng.as_mut() {
            Some((rng, rcl)) if *rcl > 1 && ranked.len() > 1 => {
                let k = (*rcl).min(ranked.len());
                ranked
                    .select_nth_unstable_by(k - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let top = &mut ranked[..k];
                top.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                top[rng.gen_range(0..k)].1
            }
            _ => match ranked
                .iter()
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
            {
                Some(&(_, j)) => j,
                None => break,
            },
        };
        is_open[pick] = true;
        open.push(pick);
        for (i, d) in d1.iter_mut().enumerate() {
            *d = d.min(costs.rows[i * m + pick]);
        }
    }
    open.sort_unstable();
    open
}

/// Nearest and second-nearest open site of every client.
struct Assignment {
    near1: Vec<usize>,
    d1: Vec<f64>,
    d2: Vec<f64>,
    near2: Vec<usize>,
}

impl Assignment {
    fn new(costs: &Costs, open: &[usize]) -> Assignment {
        let n = costs.clients;
        let mut a = Assignment {
            near1: vec![usize::MAX; n],
            d1: vec![f64::INFINITY; n],
            near2: vec![usize::MAX; n],
            d2: vec![f64::INFINITY; n],
        };
        for i in 0..n {
            a.rescan(costs, open, i);
        }
        a
    }

    fn rescan(&mut self, costs: &Costs, open: &[usize], i: usize) {
        let row = &costs.rows[i * costs.sites..(i + 1) * costs.sites];
        let (mut b1, mut c1, mut b2, mut c2) =
            (usize::MAX, f64::INFINITY, usize::MAX, f64::INFINITY);
        for &j in open {
            let c = row[j];
            if c < c1 || (c == c1 && j < b1) {
                (b2, c2) = (b1, c1);
                (b1, c1) = (j, c);
            } else if c < c2 || (c == c2 && j < b2) {
                (b2, c2) = (j, c);
            }
        }
        self.near1[i] = b1;
        self.d1[i] = c1;
        self.near2[i] = b2;
        self.d2[i] = c2;
    }

    /// Scores opening the site whose cost column is `col`: returns the gain of the clients
    /// that would move to it, and sets `loss[r]` for every open `r` to what closing `r` as
    /// well would cost its other clients (they fall back to the new site or their second
    /// nearest). One column scan prices the swap with every open site (Whitaker).
    fn swap_losses(&self, col: &[f64], open: &[usize], loss: &mut [f64]) -> f64 {
        for &r in open {
            loss[r] = 0.0;
        }
        let mut gain = 0.0;
        for i in 0..col.len() {
            let c = col[i];
            let d = self.d1[i];
            if c < d {
                gain += d - c;
            } else {
                loss[self.near1[i]] += c.min(self.d2[i]) - d;
            }
        }
        gain
    }

    /// Updates nearest and second nearest after `r` closed and `f` (cost column `col`)
    /// opened, `open` already holding `f`: clients that had `r` among their two rescan, the
    /// others only compare with `f` (ties to the lower site, as in [`Assignment::rescan`]).
    fn swap(&mut self, costs: &Costs, open: &[usize], r: usize, f: usize, col: &[f64]) {
        for i in 0..costs.clients {
            if self.near1[i] == r || self.near2[i] == r {
                self.rescan(costs, open, i);
            } else {
                let c = col[i];
                if c < self.d1[i] || (c == self.d1[i] && f < self.near1[i]) {
                    self.near2[i] = self.near1[i];
                    self.d2[i] = self.d1[i];
                    self.near1[i] = f;
                    self.d1[i] = c;
                } else if c < self.d2[i] || (c == self.d2[i] && f < self.near2[i]) {
                    self.near2[i] = f;
                    self.d2[i] = c;
                }
            }
        }
    }
}

/// `m` flags, set for the sites of `sites`.
fn flags(m: usize, sites: &[usize]) -> Vec<bool> {
    let mut on = vec![false; m];
    for &j in sites {
        on[j] = true;
    }
    on
}

/// The open site that is cheapest to close (least `loss`, ties to the lower site), never a
/// required one; `None` when every open site is required.
fn cheapest_removal(open: &[usize], required: &[bool], loss: &[f64]) -> Option<(f64, usize)> {
    let mut best: Option<(f64, usize)> = None;
    for &r in open {
        if !required[r] && best.is_none_or(|(l, b)| loss[r] < l || (loss[r] == l && r < b)) {
            best = Some((loss[r], r));
        }
    }
    best
}

/// Swap local search (Whitaker's fast interchange, first improvement in cyclic site order):
/// stops at a local optimum, or when `limits` expire (the solution is then still valid).
pub(crate) fn local_search(costs: &Costs, open: Vec<usize>, limits: &Limits) -> Solution {
    let (n, m) = (costs.clients, costs.sites);
    let mut open = open;
    let mut is_open = flags(m, &open);
    let required = flags(m, &costs.required);
    if open.iter().all(|&j| required[j]) || n == 0 {
        return Solution::of(costs, open);
    }
    let mut a = Assignment::new(costs, &open);
    let mut loss = vec![0.0; m];
    let width = costs.width();
    let mut since_move = 0usize;
    let mut k = 0usize;
    let mut total: f64 = a.d1.iter().sum();
    while since_move < width {
        if k % 64 == 0 && limits.expired() {
            break;
        }
        let f = costs.allowed[k % width];
        k += 1;
        since_move += 1;
        if is_open[f] {
            continue;
        }
        let col = costs.col(f);
        let gain = a.swap_losses(col, &open, &mut loss);
        let Some((l, r)) = cheapest_removal(&open, &required, &loss) else {
            break;
        };
        let delta = l - gain;
        if delta < -1e-9 * (1.0 + total.abs()) {
            // Swap r out, f in.
            is_open[r] = false;
            is_open[f] = true;
            if let Some(pos) = open.iter().position(|&x| x == r) {
                open[pos] = f;
            }
            a.swap(costs, &open, r, f, col);
            total = a.d1.iter().sum();
            since_move = 0;
        }
    }
    Solution::of(costs, open)
}

/// Random-restart helper for GRASP: the size of the restricted candidate list for a start.
pub(crate) fn rcl_size(costs: &Costs, rng: &mut ChaCha8Rng) -> usize {
    let free = costs.width().saturating_sub(costs.required.len()).max(1);
    let hi = (free / 10).clamp(2, 12);
    rng.gen_range(2..=hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{DistanceProblem, SiteRules};
    use rand::{Rng, SeedableRng};

    #[test]
    fn local_search_ends_where_no_single_swap_improves() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for _ in 0..100 {
            let (n, m) = (rng.gen_range(1..15), rng.gen_range(2..12));
            let problem = DistanceProblem {
                clients: n,
                sites: m,
                dist: (0..n * m).map(|_| rng.gen_range(0.0..10.0)).collect(),
                weight: (0..n).map(|_| rng.gen_range(0.0..3.0)).collect(),
            };
            let mut rules = SiteRules::open(m, rng.gen_range(1..m));
            rules.required = vec![rng.gen_range(0..m)];
            let costs = Costs::new(&problem, &rules, false).unwrap();
            let start = greedy(&costs, None);
            assert_eq!(start.len(), rules.p);
            assert!(start.contains(&rules.required[0]));
            let s = local_search(&costs, start, &Limits::default());
            assert!(s.open.contains(&rules.required[0]));
            for (k, &r) in s.open.iter().enumerate() {
                if r == rules.required[0] {
                    continue;
                }
                for f in (0..m).filter(|f| !s.open.contains(f)) {
                    let mut other = s.open.clone();
                    other[k] = f;
                    assert!(costs.cost_of(&other) >= s.cost - 1e-9 * (1.0 + s.cost));
                }
            }
        }
    }
}
