//! Maximal covering with site capacities: a stop can serve only so much demand (one truck,
//! limited stock and time), so covering a crowd it cannot serve is worth nothing.
//!
//! Model (continuous allocation): open exactly `p` sites; a point's weight may be split among
//! the open sites covering it; open site `j` serves at most `capacity[j]`; maximise the served
//! weight. For a fixed set of sites that is a maximum flow ([`flow`](super::flow)). The served
//! weight is a monotone submodular function of the open set (the rank function of a flow
//! polymatroid), so at a node with open set F and r sites still to choose,
//! f(F) + (the r largest marginal gains f(F + j) − f(F)) is an upper bound over every
//! completion. Depth-first branch and bound on "open j / never open j" with that bound, a
//! greedy + swap incumbent, and merged identical rows make it exact. It computes one flow per
//! candidate per node, so it is meant for up to a few hundred candidate sites.

use super::flow::Network;
use super::incidence;
use super::{check_weights, pad, rules_problem};
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;

struct Search<'a> {
    net: Network,
    limits: &'a Limits,
    tol: f64,
    best: f64,
    best_set: Vec<usize>,
    nodes: u64,
    aborted: bool,
}

impl Search<'_> {
    /// Marginal gain of each candidate over the open set (`open` is restored); `None` when
    /// the deadline passes first (one flow per candidate can take a while).
    fn gains(&mut self, open: &mut [bool], base: f64, cands: &[usize]) -> Option<Vec<f64>> {
        cands
            .iter()
            .map(|&j| {
                if self.limits.expired() {
                    return None;
                }
                open[j] = true;
                let g = self.net.max_flow(open) - base;
                open[j] = false;
                Some(g.max(0.0))
            })
            .collect()
    }

    /// Explores completions of `open` with `r` more columns from `cands`. Returns an upper
    /// bound on the unexplored part (−∞ when done; `parent`, the caller's bound, when the
    /// deadline stops it before it has its own).
    fn node(&mut self, open: &mut Vec<bool>, r: usize, cands: Vec<usize>, parent: f64) -> f64 {
        if self.limits.expired() {
            self.aborted = true;
            return parent;
        }
        self.nodes += 1;
        let base = self.net.max_flow(open);
        if base > self.best + self.tol {
            self.best = base;
            self.best_set = (0..open.len()).filter(|&j| open[j]).collect();
        }
        if r == 0 || cands.is_empty() {
            return f64::NEG_INFINITY;
        }
        let Some(gains) = self.gains(open, base, &cands) else {
            self.aborted = true;
            return parent;
        };
        let mut order: Vec<usize> = (0..cands.len()).filter(|&k| gains[k] > self.tol).collect();
        order.sort_by(|&a, &b| gains[b].total_cmp(&gains[a]).then(cands[a].cmp(&cands[b])));
        let bound = base + order.iter().take(r).map(|&k| gains[k]).sum::<f64>();
        if bound <= self.best + self.tol {
            return f64::NEG_INFINITY;
        }
        if self.limits.expired() {
            self.aborted = true;
            return bound;
        }
        // Useful candidates, best gain first; branch on the first.
        let rest: Vec<usize> = order.iter().map(|&k| cands[k]).collect();
        let j = rest[0];
        open[j] = true;
        let r_in = self.node(open, r - 1, rest[1..].to_vec(), bound);
        open[j] = false;
        if self.aborted {
            return bound;
        }
        let r_out = self.node(open, r, rest[1..].to_vec(), bound);
        r_in.max(r_out)
    }
}

/// Capacitated maximal covering: exactly `rules.p` open sites maximising the demand they can
/// *serve*, when open site `j` serves at most `capacity[j]` of the weight it covers.
///
/// Why: a truck stop that covers 2,000 people but can serve 300 should not win over two stops
/// that serve 300 each. Allocation is continuous: a point's weight may be split among the open
/// sites covering it (a fractional assignment of demand, as in a transportation problem), so
/// covered weight = served weight = the maximum flow for the open set. Exact by branch and
/// bound with a submodular bound; `bound` is an upper bound (equal when `Optimal`). Meant for
/// up to a few hundred candidate sites. Capacities must be finite and non-negative, one per
/// candidate; otherwise, as for infeasible rules, the outcome is `Infeasible` with the reason.
pub fn mclp_capacitated(
    cover: &Coverage,
    weight: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    let setup = match rules_problem(cover, rules) {
        Ok(s) => s,
        Err(reason) => return Outcome::infeasible(reason),
    };
    if let Err(reason) = check_weights(cover, weight, "weight") {
        return Outcome::infeasible(reason);
    }
    if capacity.len() != cover.candidates() {
        return Outcome::infeasible(format!(
            "{} capacities given for {} candidate sites",
            capacity.len(),
            cover.candidates()
        ));
    }
    if let Some(j) = capacity.iter().position(|c| !(c.is_finite() && *c >= 0.0)) {
        return Outcome::infeasible(format!(
            "the capacity of site {j} is {}, not a finite number 0 or more",
            capacity[j]
        ));
    }
    if let Some(reason) = rules.infeasibility() {
        return Outcome::infeasible(reason);
    }
    // Columns: every allowed site, required ones included (their capacity is shared out by
    // the flow, so their coverage cannot be banked in advance).
    let mut cols: Vec<usize> = setup.required.iter().chain(&setup.free).copied().collect();
    cols.sort_unstable();
    let points = weight.len();
    let keep: Vec<bool> = weight.iter().map(|&w| w > 0.0).collect();
    let inst = incidence::aggregate(cover, &cols, points, &keep, weight);
    let caps: Vec<f64> = cols.iter().map(|&s| capacity[s]).collect();
    let total = inst.total_weight();
    let mut search = Search {
        net: Network::new(&inst, caps),
        limits,
        tol: 1e-9 * (1.0 + total),
        best: f64::NEG_INFINITY,
        best_set: Vec::new(),
        nodes: 0,
        aborted: false,
    };
    let mut open = vec![false; cols.len()];
    for (k, s) in cols.iter().enumerate() {
        if setup.required.binary_search(s).is_ok() {
            open[k] = true;
        }
    }
    let r = rules.p - setup.required.len();
    let cands: Vec<usize> = (0..cols.len()).filter(|&k| !open[k]).collect();
    // Incumbent: greedy by marginal gain, then best-improvement swaps.
    let mut inc = open.clone();
    for _ in 0..r {
        let now = search.net.max_flow(&inc);
        let free: Vec<usize> = cands.iter().copied().filter(|&k| !inc[k]).collect();
        // Out of time: the sites chosen so far, padded below.
        let Some(g) = search.gains(&mut inc, now, &free) else {
            break;
        };
        match (0..free.len()).max_by(|&a, &b| g[a].total_cmp(&g[b]).then(free[b].cmp(&free[a]))) {
            Some(k) if g[k] > search.tol => inc[free[k]] = true,
            _ => break,
        }
    }
    let mut value = search.net.max_flow(&inc);
    'swap: while !limits.expired() {
        let ins: Vec<usize> = cands.iter().copied().filter(|&k| inc[k]).collect();
        let outs: Vec<usize> = cands.iter().copied().filter(|&k| !inc[k]).collect();
        for &a in &ins {
            for &b in &outs {
                if limits.expired() {
                    break 'swap;
                }
                inc[a] = false;
                inc[b] = true;
                let v = search.net.max_flow(&inc);
                if v > value + search.tol {
                    value = v;
                    continue 'swap;
                }
                inc[a] = true;
                inc[b] = false;
            }
        }
        break;
    }
    search.best = value;
    search.best_set = (0..cols.len()).filter(|&k| inc[k]).collect();
    let rest = search.node(&mut open, r, cands, total);
    let status = if search.aborted {
        Status::TimeLimit
    } else {
        Status::Optimal
    };
    let chosen: Vec<usize> = search.best_set.iter().map(|&k| cols[k]).collect();
    let open_sites = pad(chosen, rules.p, &rules.allowed);
    // The served weight of the padded plan (padding can only add service).
    let mut open_cols = vec![false; cols.len()];
    for (k, s) in cols.iter().enumerate() {
        open_cols[k] = open_sites.binary_search(s).is_ok();
    }
    let objective = search.net.max_flow(&open_cols);
    let bound = if status == Status::Optimal {
        objective
    } else {
        rest.max(objective).min(total)
    };
    Outcome {
        status,
        open: open_sites,
        objective,
        bound,
        nodes: search.nodes,
        note: None,
    }
}

/// The weight each open site serves in a maximum flow for `open` (ascending site indices):
/// the per-stop figures a capacitated result reports. The split among sites is one optimal
/// allocation; the total equals the capacitated objective.
pub fn served_by_site(
    cover: &Coverage,
    weight: &[f64],
    capacity: &[f64],
    open: &[usize],
) -> Vec<f64> {
    let keep: Vec<bool> = weight.iter().map(|&w| w > 0.0).collect();
    let inst = incidence::aggregate(cover, open, weight.len(), &keep, weight);
    let caps: Vec<f64> = open.iter().map(|&s| capacity[s]).collect();
    let mut net = Network::new(&inst, caps);
    net.max_flow(&vec![true; open.len()]);
    net.served()
}
