//! Exact covering models: location set covering (LSCP), maximal covering (MCLP), capacitated
//! maximal covering, and the vertex p-center (solved as a sequence of set-covering decisions).
//!
//! Why our own solvers rather than a generic MIP: covering models have structure that a
//! specialised method exploits far better — points with the same covering sites collapse into
//! one weighted row (a million points become tens of thousands of rows), dominated rows and
//! columns drop out, and Lagrangian relaxations give bounds as strong as the LP at a fraction
//! of its cost, so branch and bound on the site variables proves optimality on the published
//! benchmarks in milliseconds. Every answer carries a proven bound (see [`Outcome`]).
//!
//! Modules, each owning one step:
//! - `incidence`: the reduced covering matrix and the identical-row aggregation;
//! - `reduce`: dominated rows and columns, forced columns;
//! - `lagrange`: Lagrangian bounds (set covering and maximal covering);
//! - `interchange`: greedy construction and swap local search for MCLP;
//! - `setcover`: exact set covering, and the decision used by [`pcenter`];
//! - `lscp`: location set covering ([`lscp`]) on top of it;
//! - `mclp`: exact maximal covering ([`mclp`]);
//! - `heuristic`: seeded parallel multi-start MCLP ([`mclp_heuristic`]);
//! - `pcenter`: the vertex p-center ([`pcenter`]);
//! - `pcenter_sphere`: the same on the sphere at a million points, on a growing subset of
//!   them ([`pcenter_sphere`]);
//! - `capacitated`, `flow`: maximal covering with site capacities ([`mclp_capacitated`]).

mod capacitated;
mod flow;
mod heuristic;
mod incidence;
mod interchange;
mod lagrange;
mod lscp;
mod mclp;
mod mclp_prepare;
mod pcenter;
mod pcenter_sphere;
mod reduce;
mod setcover;

pub use capacitated::{mclp_capacitated, served_by_site};
pub use heuristic::mclp_heuristic;
pub use lscp::{lscp, uncoverable};
pub use mclp::mclp;
pub use pcenter::pcenter;
pub use pcenter_sphere::{pcenter_sphere, SUBSET_POINTS};

use crate::solve::search::Candidate;
use crate::solve::{Outcome, SiteRules};
use crate::spatial::Coverage;

/// A set of sites and the weight it covers, as the covering searches keep it.
#[derive(Debug, Clone, PartialEq)]
struct Covering {
    /// Weight covered (or served, with capacities).
    value: f64,
    /// The sites, ascending.
    sites: Vec<usize>,
    /// How much a later covering must exceed `value` by to replace it: float noise in a
    /// sum of weights is not an improvement.
    margin: f64,
}

impl Candidate for Covering {
    const NONE: f64 = f64::NEG_INFINITY;

    fn value(&self) -> f64 {
        self.value
    }

    fn better_than(&self, kept: &Covering) -> bool {
        self.value > kept.value + kept.margin
    }
}

/// Sites split by the rules: those that must open and those the solver may still choose.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    /// Required sites, ascending, no duplicates.
    required: Vec<usize>,
    /// Allowed sites that are not required, ascending.
    free: Vec<usize>,
}

/// Checks that the rules fit `sites` candidates and splits them (`Err`: why not).
fn split_sites(sites: usize, rules: &SiteRules) -> Result<Setup, String> {
    if rules.allowed.len() != sites {
        return Err(format!(
            "the site rules describe {} sites but the problem has {sites}",
            rules.allowed.len()
        ));
    }
    let mut required = rules.required.clone();
    required.sort_unstable();
    required.dedup();
    if let Some(&j) = required.iter().find(|&&j| j >= sites || !rules.allowed[j]) {
        return Err(format!(
            "site {j} is required but is not an allowed candidate site"
        ));
    }
    let free = (0..sites)
        .filter(|&j| rules.allowed[j] && required.binary_search(&j).is_err())
        .collect();
    Ok(Setup { required, free })
}

/// [`split_sites`] for a coverage.
fn rules_problem(cover: &Coverage, rules: &SiteRules) -> Result<Setup, String> {
    split_sites(cover.candidates(), rules)
}

/// Checks point weights against a coverage: one finite, non-negative weight per point that
/// any list mentions.
fn check_weights(cover: &Coverage, weight: &[f64], what: &str) -> Result<(), String> {
    let points = incidence::point_count(cover);
    if weight.len() < points {
        return Err(format!(
            "the coverage lists point {} but only {} {what} values were given",
            points - 1,
            weight.len()
        ));
    }
    if let Some(i) = weight.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(format!(
            "{what} of point {i} is {}, not a finite number 0 or more",
            weight[i]
        ));
    }
    Ok(())
}

/// Whether all values are whole numbers small enough that their sums are exact, so a bound
/// may be rounded down to an integer.
fn integral(values: &[f64]) -> bool {
    values.iter().all(|w| w.fract() == 0.0) && values.iter().sum::<f64>() < 9.0e15
}

/// `open` (ascending) filled up to `p` sites with the lowest-index allowed sites not yet
/// open: a model asks for exactly `p` stops, and an extra stop never lowers coverage.
fn pad(mut open: Vec<usize>, p: usize, allowed: &[bool]) -> Vec<usize> {
    open.sort_unstable();
    open.dedup();
    let mut j = 0;
    while open.len() < p && j < allowed.len() {
        if allowed[j] && open.binary_search(&j).is_err() {
            let at = open.partition_point(|&x| x < j);
            open.insert(at, j);
        }
        j += 1;
    }
    open
}

/// Weight of the points covered by `open`, summed in point order.
fn coverage_of(cover: &Coverage, weight: &[f64], open: &[usize]) -> f64 {
    let seen = incidence::covered_by(cover, open, weight.len());
    weight
        .iter()
        .zip(&seen)
        .filter(|(_, &s)| s)
        .map(|(w, _)| w)
        .sum()
}

/// Outcome for a problem with nothing to decide (`p` reached by required sites, or every
/// coverable point already reachable): `open` padded to `p`, proven optimal.
fn settled(cover: &Coverage, weight: &[f64], rules: &SiteRules, open: Vec<usize>) -> Outcome {
    let open = pad(open, rules.p, &rules.allowed);
    let objective = coverage_of(cover, weight, &open);
    Outcome {
        status: crate::solve::Status::Optimal,
        open,
        objective,
        bound: objective,
        nodes: 0,
        note: None,
    }
}
