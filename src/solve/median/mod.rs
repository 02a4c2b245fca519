//! p-median: exact (Lagrangian branch and bound) and heuristic solvers.
//!
//! A council choosing `p` stops wants the set that keeps the total walk shortest, and wants
//! to know whether a proposed set is as good as it gets. [`solve`] answers with a proof:
//! a Lagrangian relaxation of the assignment constraints (Beasley 1993) bounds the optimum,
//! reduction tests fix sites, and a branch and bound closes what remains. [`heuristic`] is
//! the quick answer with an honest gap.
//!
//! Modules, by what they own: `costs` (checked input and its layouts), `interchange`
//! (greedy and swap local search), `lagrange` (the relaxation and subgradient), `branch`
//! (the p-median as a tree for the shared branch-and-bound walk); for the capacitated model
//! `capdata` (its checked input), `assign` (plans for a fixed open set), `knapsack` and
//! `capacitated` (its relaxation and search tree).

// The loops index several parallel arrays (costs, multipliers, loads) by client or site
// number; an index is clearer there than zipped iterators.
#![allow(clippy::needless_range_loop)]

mod assign;
mod branch;
mod capacitated;
mod capdata;
mod costs;
mod eject;
mod interchange;
mod knapsack;
mod lagrange;
mod multistart;
mod regret;
mod regroup;
mod sphere;

use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use costs::Costs;
use interchange::{greedy, local_search};
pub use sphere::{pmedian_sphere, MAX_PAIRS};
use std::time::Duration;

/// Exact p-median: the open set of least total weighted distance, with `rules` honoured.
///
/// Why a proof and not only a good set: the answer is meant to end an argument about which
/// stops to choose, so it says `Optimal` only when the Lagrangian bound meets the objective;
/// when `limits` stop the search first it says `TimeLimit` and reports the best set and the
/// least bound of the unexplored nodes. Malformed input or impossible rules give
/// `Infeasible` with the reason, never a panic.
pub fn solve(problem: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Outcome {
    let costs = match prepare(problem, rules) {
        Ok(c) => c,
        Err(done) => return *done,
    };
    let start = local_search(&costs, greedy(&costs, None), limits);
    let search = branch::branch_and_bound(&costs, start, limits);
    let objective = objective(problem, &search.best.open);
    let proven = search.finished || costs.prunes(search.bound, search.best.cost);
    Outcome {
        status: if proven {
            Status::Optimal
        } else {
            Status::TimeLimit
        },
        bound: if proven {
            objective
        } else {
            costs.report_bound(search.bound, objective)
        },
        open: search.best.open,
        objective,
        nodes: search.nodes,
        note: None,
    }
}

/// Heuristic p-median: the best of several seeded GRASP starts polished by interchange.
///
/// Why it exists next to [`solve`]: on planning data with thousands of candidate sites an
/// exact proof may take too long, yet a council still deserves to know how good the proposed
/// set is. So the bound is a genuine Lagrangian lower bound (a few hundred subgradient
/// steps), and the reported gap is a guarantee. The result depends only on the input and
/// `limits.seed` (and on `limits` expiring), never on the number of threads.
pub fn heuristic(problem: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Outcome {
    let costs = match prepare(problem, rules) {
        Ok(c) => c,
        Err(done) if done.status == Status::Optimal => {
            // Trivial instance: still a heuristic answer, with a zero gap.
            return Outcome {
                status: Status::Heuristic,
                ..*done
            };
        }
        Err(done) => return *done,
    };
    let best = multistart::multistart(&costs, limits);
    let mut fix = costs.root_fixes();
    let mut lambda = lagrange::initial_lambda(&costs, &best);
    let mut incumbent = lagrange::Incumbent::new(best);
    let rel = lagrange::optimise(
        &costs,
        &fix,
        &mut lambda,
        &HEURISTIC_BOUND,
        &mut incumbent,
        limits,
    );
    // One round of reductions and re-optimisation tightens the bound cheaply.
    let mut bound = rel.bound;
    if lagrange::reduce(&costs, &rel, &mut fix, incumbent.cost()) > 0 && !limits.expired() {
        let again = lagrange::optimise(
            &costs,
            &fix,
            &mut lambda,
            &HEURISTIC_BOUND,
            &mut incumbent,
            limits,
        );
        bound = bound.max(again.bound);
    }
    let open = incumbent.into_best().open;
    let objective = objective(problem, &open);
    Outcome {
        status: Status::Heuristic,
        bound: if costs.prunes(bound, objective) {
            objective
        } else {
            costs.report_bound(bound, objective)
        },
        open,
        objective,
        nodes: 0,
        note: None,
    }
}

/// Subgradient effort behind the heuristic's bound.
const HEURISTIC_BOUND: lagrange::Schedule = lagrange::Schedule {
    iterations: 300,
    patience: 20,
    factor: 2.0,
    min_factor: 1e-3,
    heuristic_every: 10,
};

/// Capacitated p-median (single source): each client served by exactly one open site,
/// within every site's capacity, least total weighted distance.
///
/// Why a separate model: a stop that the nearest-stop rule sends two hundred households to
/// cannot serve them in one visit, so a plan must respect what each stop can handle. Exact
/// (Lagrangian knapsack bounds in a branch and bound) unless `limits` stop it first.
/// `demand[i]` is what client `i` needs, `capacity[j]` what site `j` can give. Plans that
/// cannot exist (total demand above the `p` largest capacities, a client larger than every
/// site, or an exhausted search) are `Infeasible`.
pub fn solve_capacitated(
    problem: &DistanceProblem,
    demand: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    solve_capacitated_plan(problem, demand, capacity, rules, limits).0
}

/// [`solve_capacitated`] together with the site serving each client (empty when there is
/// no plan), because with capacities the nearest open site is not always the assigned one.
pub fn solve_capacitated_plan(
    problem: &DistanceProblem,
    demand: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> (Outcome, Vec<usize>) {
    let data = match capdata::CapData::new(problem, demand, capacity, rules) {
        Ok(d) => d,
        Err(why) => return (Outcome::infeasible(why), Vec::new()),
    };
    if data.n == 0 {
        let open = fill_open(rules.p, &data.allowed, &rules.required);
        let outcome = Outcome {
            status: Status::Optimal,
            open,
            objective: 0.0,
            bound: 0.0,
            nodes: 0,
            note: None,
        };
        return (outcome, Vec::new());
    }
    // A first plan: the p-median's sites, then a capacity-respecting assignment.
    let start = Costs::new(problem, rules, true).ok().and_then(|costs| {
        let sites = local_search(&costs, greedy(&costs, None), limits).open;
        assign::assign(&data, &sites, None)
    });
    // Regrouping and site swaps improve the start but must leave the search time to prove a
    // bound: regrouping at most half of what is left of a time limit, the swaps a quarter of
    // what is left then. Above `regroup::LARGE` clients the search's nodes no longer improve
    // the plan: regrouping may take three quarters, as long as the search keeps a minute (its
    // root bound on 4,461 clients needs tens of seconds), and the swaps (which gained nothing
    // there after regrouping) are left out.
    let until = |keep: &dyn Fn(Duration) -> Duration| {
        limits.until(limits.deadline.map(|d| {
            let now = std::time::Instant::now();
            let left = d.saturating_duration_since(now);
            now + left.saturating_sub(keep(left))
        }))
    };
    let large = data.n > regroup::LARGE;
    let start = start.map(|plan| {
        let keep = |left: Duration| {
            if large {
                (left / 4).max((left / 2).min(Duration::from_secs(60)))
            } else {
                left / 2
            }
        };
        regroup::regroup(&data, plan, &until(&keep))
    });
    let start = if large {
        start
    } else {
        start.map(|plan| assign::swap_sites(&data, plan, &until(&|left| left * 3 / 4)))
    };
    let search = capacitated::search(&data, start, limits);
    let Some(plan) = search.best else {
        let outcome = if search.finished {
            Outcome::infeasible(format!(
                "no assignment of every client to {} stops respects the capacities",
                data.p
            ))
        } else {
            Outcome {
                status: Status::TimeLimit,
                open: Vec::new(),
                objective: f64::INFINITY,
                bound: search.bound,
                nodes: search.nodes,
                note: Some("no plan within the capacities was found before the time limit".into()),
            }
        };
        return (outcome, Vec::new());
    };
    let objective: f64 = (0..problem.clients)
        .map(|i| problem.weight[i] * problem.dist(i, plan.site[i]))
        .sum();
    let proven = search.finished;
    let outcome = Outcome {
        status: if proven {
            Status::Optimal
        } else {
            Status::TimeLimit
        },
        open: plan.open,
        objective,
        bound: if proven {
            objective
        } else {
            search.bound.min(objective)
        },
        nodes: search.nodes,
        note: None,
    };
    (outcome, plan.site)
}

/// `p` sites: the required ones, then the lowest-numbered allowed ones, ascending.
fn fill_open(p: usize, allowed: &[usize], required: &[usize]) -> Vec<usize> {
    let mut open: Vec<usize> = required.to_vec();
    open.sort_unstable();
    open.dedup();
    for &j in allowed {
        if open.len() >= p {
            break;
        }
        if !open.contains(&j) {
            open.push(j);
        }
    }
    open.sort_unstable();
    open
}

/// Checked input, or the finished outcome when there is nothing to search.
fn prepare(problem: &DistanceProblem, rules: &SiteRules) -> Result<Costs, Box<Outcome>> {
    if let Err(why) = costs::check(problem, rules) {
        return Err(Box::new(Outcome::infeasible(why)));
    }
    let costs =
        Costs::new(problem, rules, false).map_err(|why| Box::new(Outcome::infeasible(why)))?;
    if costs.clients == 0 || costs.p == 0 {
        // Nobody to serve: any p allowed sites with the required ones are optimal.
        let open = fill_open(costs.p, &costs.allowed, &costs.required);
        return Err(Box::new(Outcome {
            status: Status::Optimal,
            objective: 0.0,
            bound: 0.0,
            open,
            nodes: 0,
            note: None,
        }));
    }
    Ok(costs)
}

/// `Σ_i w_i · min_{j ∈ open} d_ij` on the problem as given (∞ when nothing is open).
pub(crate) fn objective(problem: &DistanceProblem, open: &[usize]) -> f64 {
    (0..problem.clients)
        .map(|i| {
            let w = problem.weight[i];
            if w == 0.0 {
                0.0
            } else {
                open.iter()
                    .map(|&j| w * problem.dist(i, j))
                    .fold(f64::INFINITY, f64::min)
            }
        })
        .sum()
}
