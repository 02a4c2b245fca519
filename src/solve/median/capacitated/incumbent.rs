//! The capacitated search's incumbent: the best plan, improved by repairing relaxed
//! solutions into plans.

use super::relax::Relaxed;
use super::Node;
use crate::solve::median::assign::{assign, Plan};
use crate::solve::median::capdata::CapData;
use crate::solve::search::{self, Candidate};
use std::collections::HashSet;
use std::sync::Arc;

/// A repair already made: the open sites and the hint.
type Tried = (Vec<usize>, Vec<usize>);

/// Repairs remembered before the memory is dropped and started again.
const REMEMBER: usize = 200_000;

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
///
/// The calls are remembered only to skip a repeat, whose plan cannot beat an incumbent that
/// has already seen it; forks of the search share what was tried before they were made
/// (`seen`, read-only) and remember their own in `fresh`, so a fork never skips a repair
/// because a sibling happened to make it first.
pub(super) struct Incumbent {
    kept: search::Incumbent<Plan>,
    seen: Arc<HashSet<Tried>>,
    fresh: HashSet<Tried>,
}

impl Incumbent {
    /// An incumbent holding `start`, if a plan is known.
    pub(super) fn new(start: Option<Plan>) -> Incumbent {
        Incumbent {
            kept: search::Incumbent::new(start),
            seen: Arc::default(),
            fresh: HashSet::new(),
        }
    }

    /// A copy for a fork of the search: the plan kept and what was tried so far.
    pub(super) fn fork(&mut self) -> Incumbent {
        if !self.fresh.is_empty() {
            // Copies only if an earlier fork is still alive, which `join` rules out.
            Arc::make_mut(&mut self.seen).extend(self.fresh.drain());
        }
        Incumbent {
            kept: self.kept.clone(),
            seen: Arc::clone(&self.seen),
            fresh: HashSet::new(),
        }
    }

    /// Takes back a fork's plan (kept if better) and what it tried.
    pub(super) fn join(&mut self, fork: Incumbent) {
        if let Some(plan) = fork.kept.into_best() {
            self.kept.offer(plan);
        }
        self.fresh.extend(fork.fresh);
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
        if self.seen.len() + self.fresh.len() > REMEMBER {
            self.seen = Arc::default();
            self.fresh.clear();
        }
        let key = (open.clone(), hint.clone());
        if self.seen.contains(&key) || !self.fresh.insert(key) {
            return;
        }
        if let Some(plan) = assign(data, &open, Some(&hint)) {
            self.kept.offer(plan);
        }
    }
}
