//! Subgradient optimisation of the capacitated bound, and the site reduction tests it makes
//! possible.

use super::incumbent::Incumbent;
use super::relax::{relax, Relaxed, View, Work};
use super::Node;
use crate::solve::median::capdata::CapData;
use crate::solve::median::costs::{prunes, Fix};
use crate::solve::median::lagrange::StepSize;
use crate::solve::Limits;

/// Subgradient effort per node.
#[derive(Clone, Copy)]
pub(super) struct Schedule {
    pub(super) iterations: usize,
    pub(super) patience: usize,
    pub(super) factor: f64,
    pub(super) min_factor: f64,
    /// Relaxed solutions are repaired into plans every this many iterations (0: only the
    /// best one, at the end). Why not always: a repair costs as much as a few hundred
    /// relaxations, and deep in a tree the incumbent is nearly always already optimal.
    pub(super) offer_every: usize,
}

pub(super) const ROOT: Schedule = Schedule {
    iterations: 3000,
    patience: 40,
    factor: 2.0,
    min_factor: 1e-4,
    offer_every: 10,
};

/// The root of a search bounded by nodes (a small neighbourhood re-solved): its plans
/// matter, not a tight bound.
pub(super) const LIGHT: Schedule = Schedule {
    iterations: 150,
    patience: 10,
    factor: 2.0,
    min_factor: 1e-3,
    offer_every: 10,
};

pub(super) const CHILD: Schedule = Schedule {
    iterations: 60,
    patience: 10,
    factor: 2.0,
    min_factor: 1e-3,
    offer_every: 10,
};

/// A node below the root of a full search: relaxed solutions are repaired only at the end
/// of its run. On Osman–Christofides problem 20, 4,700 nodes made 28,000 repairs, of which
/// five improved the plan (all in the first quarter of the run), and the repairs took a
/// quarter of the time; a search bounded by nodes keeps [`CHILD`], as its plans are its point.
pub(super) const FULL_CHILD: Schedule = Schedule {
    offer_every: 0,
    ..CHILD
};

/// Maximises the node's bound over its multipliers (`node.lambda` ends at the best found)
/// and returns the relaxation there, offering relaxed solutions to the incumbent on the way.
pub(super) fn optimise(
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
    let mut usage: Vec<f64> = std::mem::take(&mut node.usage);
    if usage.len() != data.m {
        usage = current
            .chosen
            .iter()
            .map(|&c| f64::from(u8::from(c)))
            .collect();
    }
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
        if schedule.offer_every > 0 && it % schedule.offer_every == 0 {
            incumbent.offer(data, node, &current);
        }
        subgradient(data, view, &current, &mut g);
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
        let next = relax(data, view, &node.lambda, work);
        work.recycle(std::mem::replace(&mut current, next));
        for (u, &c) in usage.iter_mut().zip(&current.chosen) {
            *u = 0.95 * *u + if c { 0.05 } else { 0.0 };
        }
        if steps.record(current.bound, best.bound) {
            best.clone_from(&current);
            best_lambda.copy_from_slice(&node.lambda);
        }
    }
    incumbent.offer(data, node, &best);
    node.lambda = best_lambda;
    best.usage = usage;
    best
}

/// Subgradient `g_i = 1 − (times the chosen sites take client i)` over the free clients.
fn subgradient(data: &CapData, view: &View, current: &Relaxed, g: &mut [f64]) {
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
}

/// Site reduction tests against the incumbent; returns how many sites were fixed.
pub(super) fn reduce(
    data: &CapData,
    rel: &Relaxed,
    node: &mut Node,
    view: &View,
    incumbent: f64,
) -> usize {
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
