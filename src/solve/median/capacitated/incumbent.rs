//! The capacitated search's incumbent: the best plan, improved by repairing relaxed
//! solutions into plans.

use super::relax::Relaxed;
use super::Node;
use crate::solve::median::assign::{assign, Plan};
use crate::solve::median::capdata::CapData;
use crate::solve::search::{self, Candidate};
use std::collections::HashSet;

impl Candidate for Plan {
    const NONE: f64 = f64::INFINITY;

    fn value(&self) -> f64 {
        self.cost
    }

    fn better_than(&self, kept: &Plan) -> bool {
        Plan::better_than(self, kept)
    }
}

/// Incumbent plan and the heuristic calls already made.
pub(super) struct Incumbent {
    kept: search::Incumbent<Plan>,
    tried: HashSet<(Vec<usize>, Vec<usize>)>,
}

impl Incumbent {
    /// An incumbent holding `start`, if a plan is known.
    pub(super) fn new(start: Option<Plan>) -> Incumbent {
        Incumbent {
            kept: search::Incumbent::new(start),
            tried: HashSet::new(),
        }
    }

    /// The incumbent's cost (∞ without a plan), which bounds prune against.
    pub(super) fn cost(&self) -> f64 {
        self.kept.value()
    }

    /// The best plan so far.
    pub(super) fn best(&self) -> Option<&Plan> {
        self.kept.best()
    }

    /// The best plan, ending the search.
    pub(super) fn into_best(self) -> Option<Plan> {
        self.kept.into_best()
    }

    /// Repairs the relaxed solution into a plan: its open sites, clients where the
    /// relaxation (or the node) put them.
    pub(super) fn offer(&mut self, data: &CapData, node: &Node, rel: &Relaxed) {
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
            self.kept.offer(plan);
        }
    }
}
