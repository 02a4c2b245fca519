//! The capacitated relaxation at given multipliers: one 0-1 knapsack per site, then the `p`
//! best sites, with exact knapsacks only where they can change which sites are best.

use super::Node;
use crate::solve::median::capdata::CapData;
use crate::solve::median::costs::Fix;
use crate::solve::median::knapsack::{greedy_pick, lp_bound, lp_order, Dp, Item};

/// What a node's fixings imply, computed once per node.
pub(super) struct View {
    pub(super) fix: Vec<Fix>,
    pub(super) forbid: Vec<bool>,
    pub(super) free: Vec<usize>,
    pub(super) room: Vec<f64>,
    pub(super) fixed_cost: Vec<f64>,
    pub(super) lo: Vec<f64>,
    /// The fixings already contradict each other (a site over capacity).
    pub(super) dead: bool,
}

impl View {
    /// The node's fixings worked out: what is forced, forbidden and left per site.
    pub(super) fn new(data: &CapData, node: &Node) -> View {
        let (n, m) = (data.n, data.m);
        let mut fix = node.fix.clone();
        let mut forbid = vec![false; n * m];
        for &k in &node.forbid {
            forbid[k] = true;
        }
        let mut room = data.capacity.clone();
        let mut fixed_cost = vec![0.0; m];
        let mut free = Vec::new();
        let mut dead = false;
        for i in 0..n {
            let j = node.fixed[i];
            if j == usize::MAX {
                free.push(i);
            } else {
                room[j] -= data.demand[i];
                fixed_cost[j] += data.cost(i, j);
                dead |= fix[j] == Fix::Closed || room[j] < 0.0;
                fix[j] = Fix::Open;
            }
        }
        let mut lo = vec![0.0; n];
        for &i in &free {
            let cheapest = data
                .near(i)
                .find(|&j| fix[j] != Fix::Closed && !forbid[i * m + j] && data.demand[i] <= room[j])
                .map_or(f64::INFINITY, |j| data.cost(i, j));
            dead |= cheapest == f64::INFINITY;
            lo[i] = cheapest;
        }
        View {
            fix,
            forbid,
            free,
            room,
            fixed_cost,
            lo,
            dead,
        }
    }
}

/// The relaxation at one multiplier vector.
#[derive(Debug)]
pub(super) struct Relaxed {
    pub(super) bound: f64,
    /// Per site: exact knapsack value where computed, else its LP lower bound (plus the
    /// cost of clients fixed there).
    pub(super) k: Vec<f64>,
    pub(super) chosen: Vec<bool>,
    pub(super) k_last: f64,
    pub(super) k_next: f64,
    /// Clients each chosen site takes in the relaxed solution.
    pub(super) take: Vec<Vec<usize>>,
    /// Exponential average of `chosen` over the run (branching).
    pub(super) usage: Vec<f64>,
}

impl Clone for Relaxed {
    fn clone(&self) -> Relaxed {
        let mut copy = Relaxed::infeasible(Vec::new(), 0);
        copy.clone_from(self);
        copy
    }

    /// Field by field, so the subgradient loop's "best so far" reuses its buffers (a tenth
    /// of a search went to allocating them).
    fn clone_from(&mut self, other: &Relaxed) {
        self.bound = other.bound;
        self.k.clone_from(&other.k);
        self.chosen.clone_from(&other.chosen);
        self.k_last = other.k_last;
        self.k_next = other.k_next;
        self.take.clone_from(&other.take);
        self.usage.clone_from(&other.usage);
    }
}

impl Relaxed {
    /// The relaxation of a node that holds no plan: an infinite bound, nothing chosen.
    fn infeasible(k: Vec<f64>, m: usize) -> Relaxed {
        Relaxed {
            bound: f64::INFINITY,
            k,
            chosen: vec![false; m],
            k_last: f64::NEG_INFINITY,
            k_next: f64::INFINITY,
            take: vec![Vec::new(); m],
            usage: Vec::new(),
        }
    }
}

/// Reused buffers of the relaxation.
#[derive(Default)]
pub(super) struct Work {
    dp: Dp,
    items: Vec<Vec<Item>>,
    /// The packings of a relaxation no longer needed, refilled by the next one.
    spare: Vec<Vec<usize>>,
}

impl Work {
    /// Keeps `old`'s packing buffers for the next [`relax`].
    pub(super) fn recycle(&mut self, old: Relaxed) {
        self.spare = old.take;
    }
}

/// The bound at `lambda`: the free clients' multipliers, the forced-open sites' knapsack
/// values and the `p − forced` least among the free sites, with the clients each chosen site
/// takes.
pub(super) fn relax(data: &CapData, view: &View, lambda: &[f64], work: &mut Work) -> Relaxed {
    let m = data.m;
    let mut k = vec![0.0; m];
    if view.dead {
        return Relaxed::infeasible(k, m);
    }
    let lp = knapsacks(data, view, lambda, work, &mut k);
    let mut take = std::mem::take(&mut work.spare);
    take.resize_with(m, Vec::new);
    take.iter_mut().for_each(Vec::clear);
    let mut bound: f64 = view.free.iter().map(|&i| lambda[i]).sum();
    let mut chosen = vec![false; m];
    let mut forced = 0;
    for j in 0..m {
        if view.fix[j] == Fix::Open {
            exact(data, view, j, work, &mut k, Some(&mut take));
            chosen[j] = true;
            bound += k[j];
            forced += 1;
        }
    }
    let mut free: Vec<usize> = (0..m).filter(|&j| view.fix[j] == Fix::Free).collect();
    let Some(need) = data.p.checked_sub(forced).filter(|&x| x <= free.len()) else {
        return Relaxed::infeasible(k, m);
    };
    if overfull(data, view, &free, need) {
        return Relaxed::infeasible(k, m);
    }
    // Exact values lazily, in LP order, until no LP value can beat the need-th exact one.
    free.sort_by(|&a, &b| lp[a].total_cmp(&lp[b]).then(a.cmp(&b)));
    let mut best: Vec<(f64, usize)> = Vec::new();
    for &j in &free {
        if best.len() >= need && need > 0 && lp[j] >= best[need - 1].0 {
            break;
        }
        if need == 0 {
            break;
        }
        // Packed as well: most sites valued here are chosen, and a second pass to pack the
        // chosen would cost more than packing the few that are not.
        exact(data, view, j, work, &mut k, Some(&mut take));
        let pos = best.partition_point(|&(v, s)| (v, s) < (k[j], j));
        best.insert(pos, (k[j], j));
    }
    let mut k_last = f64::NEG_INFINITY;
    for &(v, j) in best.iter().take(need) {
        chosen[j] = true;
        bound += v;
        k_last = k_last.max(v);
    }
    let k_next = free
        .iter()
        .filter(|&&j| !chosen[j])
        .map(|&j| k[j])
        .fold(f64::INFINITY, f64::min);
    for j in 0..m {
        if !chosen[j] {
            take[j].clear();
        }
    }
    Relaxed {
        bound,
        k,
        chosen,
        k_last,
        k_next,
        take,
        usage: Vec::new(),
    }
}

/// Fills each site's knapsack items (free clients worth taking at `lambda`) and returns the
/// LP bound per site (∞ for closed sites), also written to `k` as its first estimate.
fn knapsacks(
    data: &CapData,
    view: &View,
    lambda: &[f64],
    work: &mut Work,
    k: &mut [f64],
) -> Vec<f64> {
    let m = data.m;
    work.items.resize_with(m, Vec::new);
    work.items.iter_mut().for_each(Vec::clear);
    // Clients in ascending order, each along its sites while they are cheaper than `λ_i`:
    // every site's items come out in client order, as a scan of all pairs would give them.
    for &i in &view.free {
        for j in data.near(i) {
            let v = data.cost(i, j) - lambda[i];
            if v >= 0.0 {
                break;
            }
            if view.fix[j] != Fix::Closed
                && !view.forbid[i * m + j]
                && data.demand[i] <= view.room[j]
            {
                work.items[j].push(Item::new(i, data.demand[i], v));
            }
        }
    }
    let mut lp = vec![f64::INFINITY; m];
    for j in 0..m {
        if view.fix[j] == Fix::Closed {
            continue;
        }
        lp[j] = lp_bound(&mut work.items[j], view.room[j].max(0.0)) + view.fixed_cost[j];
        k[j] = lp[j];
    }
    lp
}

/// Site `j`'s exact knapsack value into `k[j]` (when demands allow the exact table); with
/// `take`, the packing too, kept in `take[j]` so a chosen site needs no second pass.
fn exact(
    data: &CapData,
    view: &View,
    j: usize,
    work: &mut Work,
    k: &mut [f64],
    take: Option<&mut [Vec<usize>]>,
) {
    lp_order(&mut work.items[j]);
    if data.exact {
        let cap = data.dp_capacity(view.room[j]);
        let pick = take.map(|t| &mut t[j]);
        k[j] = work.dp.exact(&work.items[j], cap, pick) + view.fixed_cost[j];
    } else if let Some(take) = take {
        take[j] = greedy_pick(&work.items[j], view.room[j].max(0.0));
        take[j].sort_unstable();
    }
}

/// Whether the free clients need more room than the open sites and the `need` roomiest free
/// ones have.
fn overfull(data: &CapData, view: &View, free: &[usize], need: usize) -> bool {
    let demand: f64 = view.free.iter().map(|&i| data.demand[i]).sum();
    let mut rooms: Vec<f64> = free.iter().map(|&j| view.room[j]).collect();
    rooms.sort_by(|a, b| b.total_cmp(a));
    let open_room: f64 = (0..data.m)
        .filter(|&j| view.fix[j] == Fix::Open)
        .map(|j| view.room[j])
        .sum();
    demand > open_room + rooms.iter().take(need).sum::<f64>() + 1e-9 * demand.max(1.0)
}
