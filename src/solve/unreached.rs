//! The p-median and p-center on a cost table: a point must be served by a stop the table
//! lists a cost to, as spopt's `from_cost_matrix` models take every point to be served at its
//! matrix cost (an unlisted pair is an infinite one there, which no solver accepts).
//!
//! The matrix the solvers get has a finite stand-in for "not listed" (see
//! [`Instance::distances`]). Before solving, points with weight that no site that may open
//! has a listed cost to make the model infeasible at once, named; after, an answer that
//! leaves a weighted point at the stand-in is infeasible: proven when the search finished,
//! said to be unproven when it stopped early.

use super::{DistanceProblem, Instance, Outcome, SiteRules, Status};

/// Why no set can serve every weighted point, when some point has no listed cost to any site
/// that may open.
pub(super) fn stranded(
    inst: &Instance,
    d: &DistanceProblem,
    missing: f64,
    rules: &SiteRules,
    model: &str,
) -> Option<String> {
    let out: Vec<usize> = (0..d.clients)
        .filter(|&i| d.weight[i] > 0.0)
        .filter(|&i| (0..d.sites).all(|j| !rules.allowed[j] || d.dist(i, j) >= missing))
        .collect();
    let &first = out.first()?;
    Some(format!(
        "{} points (weight {}) have no cost in the cost matrix to any site that may open \
         (first: `{}`); the {model} model must serve every point with weight: list a cost for \
         them, allow a site they reach, or give them weight 0",
        out.len(),
        weight_of(d, &out),
        inst.point_ids[first]
    ))
}

/// `outcome`, or an infeasible one when its stops leave a weighted point without a listed
/// cost to any of them.
pub(super) fn checked(
    inst: &Instance,
    d: &DistanceProblem,
    missing: f64,
    outcome: Outcome,
) -> Outcome {
    if outcome.status == Status::Infeasible || outcome.open.is_empty() {
        return outcome;
    }
    let out: Vec<usize> = (0..d.clients)
        .filter(|&i| d.weight[i] > 0.0)
        .filter(|&i| outcome.open.iter().all(|&j| d.dist(i, j) >= missing))
        .collect();
    let Some(&first) = out.first() else {
        return outcome;
    };
    let p = outcome.open.len();
    let (n, w, id) = (out.len(), weight_of(d, &out), &inst.point_ids[first]);
    Outcome::infeasible(if outcome.status == Status::Optimal {
        format!(
            "no {p} stops reach every point by the cost matrix: the best set leaves {n} points \
             (weight {w}) with no listed cost to any of its stops (first: `{id}`)"
        )
    } else {
        format!(
            "no set of {p} stops reaching every point by the cost matrix was found before the \
             search stopped (not proven impossible): the best leaves {n} points (weight {w}) \
             with no listed cost to any of its stops (first: `{id}`)"
        )
    })
}

fn weight_of(d: &DistanceProblem, points: &[usize]) -> f64 {
    crate::model::round(points.iter().map(|&i| d.weight[i]).sum(), 3)
}
