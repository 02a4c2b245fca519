//! The solution the p-median searches prune against, improved by trying the relaxation's
//! open sets as solutions.

use crate::solve::median::costs::Costs;
use crate::solve::median::interchange::{local_search, Solution};
use crate::solve::search::{self, Candidate};
use crate::solve::Limits;

impl Candidate for Solution {
    const NONE: f64 = f64::INFINITY;

    fn value(&self) -> f64 {
        self.cost
    }

    fn better_than(&self, kept: &Solution) -> bool {
        Solution::better_than(self, kept)
    }
}

/// The incumbent solution a search prunes against, improved by Lagrangian heuristics.
#[derive(Debug, Clone)]
pub(crate) struct Incumbent {
    /// Best solution so far (always one: a search starts from a solution).
    kept: search::Incumbent<Solution>,
    /// Open sets already evaluated (relaxed solutions repeat across iterations and nodes);
    /// cleared when it grows large.
    tried: std::collections::HashSet<Vec<usize>>,
}

impl Incumbent {
    /// An incumbent holding `best`.
    pub fn new(best: Solution) -> Incumbent {
        Incumbent {
            kept: search::Incumbent::new(Some(best)),
            tried: std::collections::HashSet::new(),
        }
    }

    /// The incumbent's cost, which bounds prune against.
    pub fn cost(&self) -> f64 {
        self.kept.value()
    }

    /// The best solution so far.
    pub fn best(&self) -> &Solution {
        self.kept
            .best()
            .expect("a p-median incumbent starts from a solution")
    }

    /// The best solution, ending the search.
    pub fn into_best(self) -> Solution {
        self.kept
            .into_best()
            .expect("a p-median incumbent starts from a solution")
    }

    /// Keeps `s` if it beats the incumbent (a leaf of the search, whose only solution is
    /// `s`); says whether it did.
    pub fn keep(&mut self, s: Solution) -> bool {
        self.kept.offer(s)
    }

    /// Tries the relaxed open set as a solution; if it beats the incumbent, polishes it with
    /// the interchange and keeps it. Returns whether the incumbent improved.
    pub fn offer(&mut self, costs: &Costs, chosen: &[bool], limits: &Limits) -> bool {
        let open: Vec<usize> = (0..costs.sites).filter(|&j| chosen[j]).collect();
        if open.len() != costs.p {
            return false;
        }
        if self.tried.len() >= 100_000 {
            self.tried.clear();
        }
        if !self.tried.insert(open.clone()) {
            return false;
        }
        let cost = cheapest_open(costs, chosen);
        if cost >= self.cost() {
            return false;
        }
        self.keep(local_search(costs, open, limits))
    }
}

/// Objective of the sites marked in `chosen`, scanning each sorted row to its first open site.
fn cheapest_open(costs: &Costs, chosen: &[bool]) -> f64 {
    let mut total = 0.0;
    for i in 0..costs.clients {
        let (cost, site) = costs.sorted(i);
        let first = site.iter().position(|&j| chosen[j as usize]);
        total += first.map_or(f64::INFINITY, |k| cost[k]);
    }
    total
}
