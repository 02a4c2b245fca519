//! Single-source capacitated p-median: Lagrangian relaxation with one knapsack per site,
//! inside a branch and bound on sites, then on client–site assignments.
//!
//! A truck stop can only serve so many households in one visit, so the plain p-median's
//! "everyone to the nearest stop" can overload a stop. Relaxing the assignment constraints
//! `Σ_j x_ij = 1` with multipliers `λ_i` splits the problem into one 0-1 knapsack per site
//! ("which clients would this site take at prices `c_ij − λ_i`") and the choice of the `p`
//! best sites. That bound is far stronger than the LP of the textbook formulation. Only the
//! sites that can still be among the `p` best get an exact knapsack; the others keep their LP
//! bound, which is enough to rank them out. Nodes first branch on sites; once the open set is
//! decided they branch on assigning a contested client (assign here / never here).

use super::assign::{assign, Plan};
use super::capdata::CapData;
use super::costs::{prunes, report_bound, Fix};
use super::knapsack::{greedy_pick, lp_bound, Dp, Item};
use super::lagrange::StepSize;
use crate::solve::Limits;
use std::collections::HashSet;

/// A subproblem of the capacitated search.
#[derive(Debug, Clone)]
struct Node {
    fix: Vec<Fix>,
    /// Site a client is fixed to (`usize::MAX`: free).
    fixed: Vec<usize>,
    /// Forbidden client–site pairs, `i * m + j`.
    forbid: Vec<usize>,
    lambda: Vec<f64>,
    bound: f64,
}

/// What a node's fixings imply, computed once per node.
struct View {
    fix: Vec<Fix>,
    forbid: Vec<bool>,
    free: Vec<usize>,
    room: Vec<f64>,
    fixed_cost: Vec<f64>,
    lo: Vec<f64>,
    /// The fixings already contradict each other (a site over capacity).
    dead: bool,
}

impl View {
    fn new(data: &CapData, node: &Node) -> View {
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
            let cheapest = (0..m)
                .filter(|&j| {
                    fix[j] != Fix::Closed && !forbid[i * m + j] && data.demand[i] <= room[j]
                })
                .map(|j| data.cost(i, j))
                .fold(f64::INFINITY, f64::min);
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
#[derive(Debug, Clone)]
struct Relaxed {
    bound: f64,
    /// Per site: exact knapsack value where computed, else its LP lower bound (plus the
    /// cost of clients fixed there).
    k: Vec<f64>,
    chosen: Vec<bool>,
    k_last: f64,
    k_next: f64,
    /// Clients each chosen site takes in the relaxed solution.
    take: Vec<Vec<usize>>,
    /// Exponential average of `chosen` over the run (branching).
    usage: Vec<f64>,
}

/// Reused buffers of the relaxation.
#[derive(Default)]
struct Work {
    dp: Dp,
    items: Vec<Vec<Item>>,
}

fn relax(data: &CapData, view: &View, lambda: &[f64], work: &mut Work) -> Relaxed {
    let m = data.m;
    let infeasible = |k: Vec<f64>| Relaxed {
        bound: f64::INFINITY,
        k,
        chosen: vec![false; m],
        k_last: f64::NEG_INFINITY,
        k_next: f64::INFINITY,
        take: vec![Vec::new(); m],
        usage: Vec::new(),
    };
    let mut k = vec![0.0; m];
    if view.dead {
        return infeasible(k);
    }
    work.items.resize_with(m, Vec::new);
    let mut lp = vec![f64::INFINITY; m];
    for j in 0..m {
        if view.fix[j] == Fix::Closed {
            continue;
        }
        let items = &mut work.items[j];
        items.clear();
        for &i in &view.free {
            let v = data.cost(i, j) - lambda[i];
            if v < 0.0 && !view.forbid[i * m + j] && data.demand[i] <= view.room[j] {
                items.push(Item {
                    client: i,
                    weight: data.demand[i],
                    value: v,
                });
            }
        }
        lp[j] = lp_bound(items, view.room[j].max(0.0)) + view.fixed_cost[j];
        k[j] = lp[j];
    }
    // Exact values, with the packing kept so chosen sites need no second pass.
    let mut take = vec![Vec::new(); m];
    let mut exact = |j: usize, work: &mut Work, k: &mut [f64]| {
        if data.exact {
            let cap = data.dp_capacity(view.room[j]);
            k[j] = work.dp.exact(&work.items[j], cap, Some(&mut take[j])) + view.fixed_cost[j];
        } else {
            take[j] = greedy_pick(&work.items[j], view.room[j].max(0.0));
            take[j].sort_unstable();
        }
    };
    let mut bound: f64 = view.free.iter().map(|&i| lambda[i]).sum();
    let mut chosen = vec![false; m];
    let mut forced = 0;
    for j in 0..m {
        if view.fix[j] == Fix::Open {
            exact(j, work, &mut k);
            chosen[j] = true;
            bound += k[j];
            forced += 1;
        }
    }
    let mut free: Vec<usize> = (0..m).filter(|&j| view.fix[j] == Fix::Free).collect();
    let Some(need) = data.p.checked_sub(forced).filter(|&x| x <= free.len()) else {
        return infeasible(k);
    };
    // Enough room for the free clients?
    let demand: f64 = view.free.iter().map(|&i| data.demand[i]).sum();
    let mut rooms: Vec<f64> = free.iter().map(|&j| view.room[j]).collect();
    rooms.sort_by(|a, b| b.total_cmp(a));
    let open_room: f64 = (0..m)
        .filter(|&j| view.fix[j] == Fix::Open)
        .map(|j| view.room[j])
        .sum();
    if demand > open_room + rooms.iter().take(need).sum::<f64>() + 1e-9 * demand.max(1.0) {
        return infeasible(k);
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
        exact(j, work, &mut k);
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

/// Incumbent plan and the heuristic calls already made.
struct Incumbent {
    best: Option<Plan>,
    tried: HashSet<(Vec<usize>, Vec<usize>)>,
}

impl Incumbent {
    fn cost(&self) -> f64 {
        self.best.as_ref().map_or(f64::INFINITY, |b| b.cost)
    }

    fn offer_plan(&mut self, plan: Plan) {
        if self.best.as_ref().is_none_or(|b| plan.better_than(b)) {
            self.best = Some(plan);
        }
    }

    /// Repairs the relaxed solution into a plan: its open sites, clients where the
    /// relaxation (or the node) put them.
    fn offer(&mut self, data: &CapData, node: &Node, rel: &Relaxed) {
        let open: Vec<usize> = (0..data.m).filter(|&j| rel.chosen[j]).collect();
        if open.len() != data.p {
            return;
        }
        let mut hint = node.fixed.clone();
        for &j in &open {
            for &i in &rel.take[j] {
                if hint[i] == usize::MAX || data.cost(i, j) < data.cost(i, hint[i]) {
                    hint[i] = j;
                }
            }
        }
        if self.tried.len() > 200_000 {
            self.tried.clear();
        }
        if !self.tried.insert((open.clone(), hint.clone())) {
            return;
        }
        if let Some(plan) = assign(data, &open, Some(&hint)) {
            self.offer_plan(plan);
        }
    }
}

/// Subgradient effort per node.
#[derive(Clone, Copy)]
struct Schedule {
    iterations: usize,
    patience: usize,
    factor: f64,
    min_factor: f64,
}

const ROOT: Schedule = Schedule {
    iterations: 3000,
    patience: 40,
    factor: 2.0,
    min_factor: 1e-4,
};

const CHILD: Schedule = Schedule {
    iterations: 60,
    patience: 10,
    factor: 2.0,
    min_factor: 1e-3,
};

fn optimise(
    data: &CapData,
    node: &mut Node,
    view: &View,
    schedule: &Schedule,
    incumbent: &mut Incumbent,
    work: &mut Work,
    limits: &Limits,
) -> Relaxed {
    for &i in &view.free {
        node.lambda[i] = node.lambda[i].max(view.lo[i]);
    }
    let mut current = relax(data, view, &node.lambda, work);
    let mut best = current.clone();
    let mut best_lambda = node.lambda.clone();
    let mut usage: Vec<f64> = current
        .chosen
        .iter()
        .map(|&c| f64::from(u8::from(c)))
        .collect();
    if best.bound == f64::INFINITY {
        best.usage = usage;
        return best;
    }
    let mut g = vec![0.0; data.n];
    let mut steps = StepSize::new(schedule.factor, schedule.min_factor, schedule.patience);
    for it in 0..schedule.iterations {
        if prunes(data.integral, best.bound, incumbent.cost()) || steps.exhausted() {
            break;
        }
        if it % 8 == 7 && limits.expired() {
            break;
        }
        if it % 10 == 0 {
            incumbent.offer(data, node, &current);
        }
        g.iter_mut().for_each(|x| *x = 0.0);
        for &i in &view.free {
            g[i] = 1.0;
        }
        for j in 0..data.m {
            if current.chosen[j] {
                for &i in &current.take[j] {
                    g[i] -= 1.0;
                }
            }
        }
        let norm: f64 = g.iter().map(|x| x * x).sum();
        if norm == 0.0 {
            // Every free client taken exactly once: a feasible plan, optimal in this node.
            incumbent.offer(data, node, &current);
            break;
        }
        let ub = incumbent.cost();
        let target = if ub.is_finite() {
            ub
        } else {
            current.bound + 0.1 * current.bound.abs() + 1.0
        };
        let step = steps.length(target, current.bound, norm);
        for &i in &view.free {
            node.lambda[i] = (node.lambda[i] + step * g[i]).max(view.lo[i]);
        }
        current = relax(data, view, &node.lambda, work);
        for (u, &c) in usage.iter_mut().zip(&current.chosen) {
            *u = 0.95 * *u + if c { 0.05 } else { 0.0 };
        }
        if steps.record(current.bound, best.bound) {
            best = current.clone();
            best_lambda.copy_from_slice(&node.lambda);
        }
    }
    incumbent.offer(data, node, &best);
    node.lambda = best_lambda;
    best.usage = usage;
    best
}

/// Site reduction tests against the incumbent; returns how many sites were fixed.
fn reduce(data: &CapData, rel: &Relaxed, node: &mut Node, view: &View, incumbent: f64) -> usize {
    let mut fixed = 0;
    for j in 0..data.m {
        if view.fix[j] != Fix::Free || node.fix[j] != Fix::Free {
            continue;
        }
        let alt = if rel.chosen[j] {
            rel.bound - rel.k[j] + rel.k_next
        } else {
            rel.bound + rel.k[j] - rel.k_last
        };
        if prunes(data.integral, alt, incumbent) {
            node.fix[j] = if rel.chosen[j] {
                Fix::Open
            } else {
                Fix::Closed
            };
            fixed += 1;
        }
    }
    fixed
}

/// What the capacitated search proved.
pub(crate) struct CapSearch {
    /// Best plan found (`None`: none found, and `finished` then means none exists).
    pub best: Option<Plan>,
    /// Lower bound on the optimum.
    pub bound: f64,
    /// Nodes solved.
    pub nodes: u64,
    /// Whether the tree was exhausted.
    pub finished: bool,
}

/// Branch and bound for the capacitated p-median, from the plan `start` if one is known.
pub(crate) fn search(data: &CapData, start: Option<Plan>, limits: &Limits) -> CapSearch {
    let (n, m) = (data.n, data.m);
    let mut incumbent = Incumbent {
        best: start,
        tried: HashSet::new(),
    };
    let mut fix = vec![Fix::Closed; m];
    for &j in &data.allowed {
        fix[j] = if data.required[j] {
            Fix::Open
        } else {
            Fix::Free
        };
    }
    let lambda: Vec<f64> = (0..n)
        .map(|i| match &incumbent.best {
            Some(plan) => data.cost(i, plan.site[i]),
            None => 0.0,
        })
        .collect();
    let mut stack = vec![Node {
        fix,
        fixed: vec![usize::MAX; n],
        forbid: Vec::new(),
        lambda,
        bound: f64::NEG_INFINITY,
    }];
    let mut work = Work::default();
    let mut nodes = 0u64;
    let mut unfinished: Option<f64> = None;
    while let Some(mut node) = stack.pop() {
        if prunes(data.integral, node.bound, incumbent.cost()) {
            continue;
        }
        if limits.expired() {
            unfinished = Some(node.bound);
            break;
        }
        nodes += 1;
        let schedule = if nodes == 1 { ROOT } else { CHILD };
        let mut view = View::new(data, &node);
        let mut rel = optimise(
            data,
            &mut node,
            &view,
            &schedule,
            &mut incumbent,
            &mut work,
            limits,
        );
        node.bound = node.bound.max(rel.bound);
        let mut pruned = prunes(data.integral, node.bound, incumbent.cost());
        while !pruned
            && !limits.expired()
            && reduce(data, &rel, &mut node, &view, incumbent.cost()) > 0
        {
            view = View::new(data, &node);
            let again = Schedule {
                iterations: schedule.iterations / 4,
                factor: schedule.factor.min(0.5),
                ..schedule
            };
            rel = optimise(
                data,
                &mut node,
                &view,
                &again,
                &mut incumbent,
                &mut work,
                limits,
            );
            node.bound = node.bound.max(rel.bound);
            pruned = prunes(data.integral, node.bound, incumbent.cost());
        }
        if pruned {
            continue;
        }
        if limits.expired() {
            unfinished = Some(node.bound);
            break;
        }
        let children = branch(data, &node, &view, &rel);
        if children.is_empty() {
            continue;
        }
        for child in children.into_iter().rev() {
            stack.push(child);
        }
    }
    let best = incumbent.best;
    let cost = best.as_ref().map_or(f64::INFINITY, |b| b.cost);
    match unfinished {
        None => CapSearch {
            bound: cost,
            best,
            nodes,
            finished: true,
        },
        Some(b) => {
            let open = stack.iter().map(|n| n.bound).fold(b, f64::min);
            CapSearch {
                bound: report_bound(data.integral, open, cost),
                best,
                nodes,
                finished: false,
            }
        }
    }
}

/// Children of a node, the one to explore first first: on the most fractional free site
/// while sites are undecided, else on a client the relaxation takes twice or not at all.
fn branch(data: &CapData, node: &Node, view: &View, rel: &Relaxed) -> Vec<Node> {
    let m = data.m;
    let child = |f: &dyn Fn(&mut Node)| {
        let mut c = node.clone();
        f(&mut c);
        c
    };
    let free_chosen = (0..m).any(|j| view.fix[j] == Fix::Free && rel.chosen[j]);
    if free_chosen {
        let frac = |j: usize| rel.usage[j].min(1.0 - rel.usage[j]);
        let Some(j) = (0..m)
            .filter(|&j| view.fix[j] == Fix::Free)
            .max_by(|&a, &b| frac(a).total_cmp(&frac(b)).then(b.cmp(&a)))
        else {
            return Vec::new();
        };
        return vec![
            child(&|c: &mut Node| c.fix[j] = Fix::Open),
            child(&|c: &mut Node| c.fix[j] = Fix::Closed),
        ];
    }
    // Sites decided: the open set is the forced-open one.
    let mut count = vec![0u32; data.n];
    for j in 0..m {
        if rel.chosen[j] {
            for &i in &rel.take[j] {
                count[i] += 1;
            }
        }
    }
    let contested = view
        .free
        .iter()
        .copied()
        .filter(|&i| count[i] != 1)
        .max_by(|&a, &b| data.demand[a].total_cmp(&data.demand[b]).then(b.cmp(&a)));
    let contested = contested.or_else(|| {
        // Every free client taken once. With exact knapsacks the bound is that plan's cost
        // and the plan was offered: nothing left here. With LP knapsacks the bound may lie
        // below it, so keep branching until every client is fixed (then the bound is exact).
        (!data.exact)
            .then(|| {
                view.free
                    .iter()
                    .copied()
                    .max_by(|&a, &b| data.demand[a].total_cmp(&data.demand[b]).then(b.cmp(&a)))
            })
            .flatten()
    });
    let Some(i) = contested else {
        return Vec::new();
    };
    let site = (0..m)
        .filter(|&j| {
            rel.chosen[j]
                && !view.forbid[i * m + j]
                && data.demand[i] <= view.room[j]
                && (count[i] == 0 || rel.take[j].binary_search(&i).is_ok())
        })
        .min_by(|&a, &b| data.cost(i, a).total_cmp(&data.cost(i, b)).then(a.cmp(&b)));
    let Some(j) = site else {
        return Vec::new();
    };
    vec![
        child(&|c: &mut Node| c.fixed[i] = j),
        child(&|c: &mut Node| c.forbid.push(i * m + j)),
    ]
}
