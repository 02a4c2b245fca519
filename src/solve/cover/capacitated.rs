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
use super::{check_weights, pad, rules_problem, Covering, Setup};
use crate::solve::search::{walk, Ending, Fold, Incumbent, Tree, Visit};
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;

/// A node: complete the open set `open` with `r` more sites from `cands`; `parent` is the
/// bound of the node it came from.
struct Node {
    open: Vec<bool>,
    r: usize,
    cands: Vec<usize>,
    parent: f64,
}

/// The capacitated MCLP as a search tree over "open j / never open j".
struct Search<'a> {
    net: Network,
    limits: &'a Limits,
    tol: f64,
    incumbent: Incumbent<Covering>,
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

    /// The served weight of the incumbent (−∞ before the first).
    fn best(&self) -> f64 {
        self.incumbent.value()
    }
}

impl Tree for Search<'_> {
    type Node = Node;
    const FOLD: Fold = Fold::Greatest;
    const COUNT_LATE: bool = false;

    fn unexplored(&self, node: &Node) -> f64 {
        node.parent
    }

    /// Bounds the completions of the node's open set by its flow plus the `r` largest
    /// marginal gains, and branches on the candidate of largest gain.
    fn visit(&mut self, node: Node, _depth: usize) -> Visit<Node> {
        let Node {
            mut open,
            r,
            cands,
            parent,
        } = node;
        let base = self.net.max_flow(&open);
        if base > self.best() + self.tol {
            self.incumbent.offer(Covering {
                value: base,
                sites: (0..open.len()).filter(|&j| open[j]).collect(),
                margin: self.tol,
            });
        }
        if r == 0 || cands.is_empty() {
            return Visit::Closed(f64::NEG_INFINITY);
        }
        let Some(gains) = self.gains(&mut open, base, &cands) else {
            return Visit::Stopped(parent);
        };
        let mut order: Vec<usize> = (0..cands.len()).filter(|&k| gains[k] > self.tol).collect();
        order.sort_by(|&a, &b| gains[b].total_cmp(&gains[a]).then(cands[a].cmp(&cands[b])));
        let bound = base + order.iter().take(r).map(|&k| gains[k]).sum::<f64>();
        if bound <= self.best() + self.tol {
            return Visit::Closed(f64::NEG_INFINITY);
        }
        if self.limits.expired() {
            return Visit::Stopped(bound);
        }
        // Useful candidates, best gain first; branch on the first.
        let rest: Vec<usize> = order.iter().map(|&k| cands[k]).collect();
        let j = rest[0];
        let mut with_j = open.clone();
        with_j[j] = true;
        let children = vec![
            Node {
                open: with_j,
                r: r - 1,
                cands: rest[1..].to_vec(),
                parent: bound,
            },
            Node {
                open,
                r,
                cands: rest[1..].to_vec(),
                parent: bound,
            },
        ];
        Visit::Branch { bound, children }
    }

    /// A node stopped while a child was being explored reports its own bound, which holds
    /// for the unexplored children too.
    fn settle(&self, bound: f64, joined: f64, ending: Ending) -> f64 {
        match ending {
            Ending::Cut => bound,
            Ending::Finished | Ending::Aborted => joined,
        }
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
    let setup = match check(cover, weight, capacity, rules) {
        Ok(s) => s,
        Err(reason) => return Outcome::infeasible(reason),
    };
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
        incumbent: Incumbent::new(None),
    };
    let mut open = vec![false; cols.len()];
    for (k, s) in cols.iter().enumerate() {
        if setup.required.binary_search(s).is_ok() {
            open[k] = true;
        }
    }
    let r = rules.p - setup.required.len();
    let cands: Vec<usize> = (0..cols.len()).filter(|&k| !open[k]).collect();
    let (inc, value) = first_plan(&mut search, &open, &cands, r);
    search.incumbent = Incumbent::new(Some(Covering {
        value,
        sites: (0..cols.len()).filter(|&k| inc[k]).collect(),
        margin: search.tol,
    }));
    let root = Node {
        open,
        r,
        cands,
        parent: total,
    };
    let walked = walk(&mut search, root, limits);
    let status = if walked.finished {
        Status::Optimal
    } else {
        Status::TimeLimit
    };
    let best_set = search
        .incumbent
        .best()
        .map_or(Vec::new(), |c| c.sites.clone());
    let chosen: Vec<usize> = best_set.iter().map(|&k| cols[k]).collect();
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
        walked.value.max(objective).min(total)
    };
    Outcome {
        status,
        open: open_sites,
        objective,
        bound,
        nodes: walked.nodes,
        note: None,
    }
}

/// The rules split into required and free sites, or why the inputs admit no plan.
fn check(
    cover: &Coverage,
    weight: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
) -> Result<Setup, String> {
    let setup = rules_problem(cover, rules)?;
    check_weights(cover, weight, "weight")?;
    if capacity.len() != cover.candidates() {
        return Err(format!(
            "{} capacities given for {} candidate sites",
            capacity.len(),
            cover.candidates()
        ));
    }
    if let Some(j) = capacity.iter().position(|c| !(c.is_finite() && *c >= 0.0)) {
        return Err(format!(
            "the capacity of site {j} is {}, not a finite number 0 or more",
            capacity[j]
        ));
    }
    if let Some(reason) = rules.infeasibility() {
        return Err(reason);
    }
    Ok(setup)
}

/// The first incumbent: from `open`, `r` more of `cands` chosen greedily by marginal gain,
/// then best-improvement swaps; the open columns and their served weight.
fn first_plan(search: &mut Search, open: &[bool], cands: &[usize], r: usize) -> (Vec<bool>, f64) {
    let limits = search.limits;
    let mut inc = open.to_vec();
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
    (inc, value)
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
