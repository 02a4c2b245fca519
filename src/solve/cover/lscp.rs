//! The location set covering model (LSCP): the fewest stops that reach every point any
//! allowed site reaches, on top of the exact set-covering search.

use super::incidence;
use super::rules_problem;
use super::setcover::{solve_cover, Goal};
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;

/// Points (indices `0..n`, `n` one past the largest index in any coverage list) that no
/// allowed site covers: the set-covering model leaves them out, and a caller should list them.
///
/// Why a separate function: "every point covered" is impossible for these whatever the
/// solver does, and the user needs to know which they are (far hamlets, excluded sites)
/// rather than read a solver failure.
pub fn uncoverable(cover: &Coverage, rules: &SiteRules) -> Vec<usize> {
    let points = incidence::point_count(cover);
    let allowed: Vec<usize> = (0..cover.candidates())
        .filter(|&j| rules.allowed.get(j).copied().unwrap_or(false))
        .collect();
    let seen = incidence::covered_by(cover, &allowed, points);
    (0..points).filter(|&i| !seen[i]).collect()
}

/// Location set covering (Toregas et al. 1971): the fewest open sites (required ones
/// included, only allowed ones) such that every point some allowed site covers is covered.
///
/// Why: a council that must reach everyone within walking distance first asks how many
/// stops that takes; the answer bounds every other plan. `rules.p` is ignored. Points no
/// allowed site covers cannot be reached by any plan, so they are left out and counted in
/// the note (list them with [`uncoverable`]). The objective is the number of open sites;
/// `bound` is a proven lower bound on it (equal when `Optimal`). With a deadline the best
/// cover so far is returned as `TimeLimit`.
pub fn lscp(cover: &Coverage, rules: &SiteRules, limits: &Limits) -> Outcome {
    let setup = match rules_problem(cover, rules) {
        Ok(s) => s,
        Err(reason) => return Outcome::infeasible(reason),
    };
    let points = incidence::point_count(cover);
    let by_required = incidence::covered_by(cover, &setup.required, points);
    let keep: Vec<bool> = by_required.iter().map(|&c| !c).collect();
    let ones = vec![1.0; points];
    let inst = incidence::aggregate(cover, &setup.free, points, &keep, &ones);
    let lost = uncoverable(cover, rules).len();
    let search = solve_cover(inst, Goal::Minimise, limits);
    let mut open = setup.required.clone();
    open.extend(search.cover.unwrap_or_default());
    open.sort_unstable();
    open.dedup();
    let objective = open.len() as f64;
    let bound = (setup.required.len().saturating_add(search.lower)) as f64;
    let status = if search.complete {
        Status::Optimal
    } else {
        Status::TimeLimit
    };
    Outcome {
        status,
        open,
        objective,
        bound: if status == Status::Optimal {
            objective
        } else {
            bound.min(objective)
        },
        nodes: search.nodes,
        note: (lost > 0).then(|| {
            format!(
                "{lost} point(s) lie beyond the reach of every allowed site and are left \
                 uncovered"
            )
        }),
    }
}
