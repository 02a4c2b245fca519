//! The model skeleton every formulation starts from, and the one way a model reaches a
//! solver: on a worker thread the caller stops waiting for at the deadline.

use super::SOLVER;
use crate::solve::{Limits, Outcome, SiteRules, Status};
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel,
    Variable,
};

/// A model ready to solve: site variables first (their values become the open set).
pub(super) struct Formulation {
    /// Every variable of the model.
    pub(super) vars: ProblemVariables,
    /// One binary per candidate site: open or not.
    pub(super) sites: Vec<Variable>,
    /// What the model optimises.
    pub(super) objective: Expression,
    /// Whether the objective is maximised (covering) rather than minimised.
    pub(super) maximise: bool,
    /// The model's constraints, added to the solver in this order.
    pub(super) constraints: Vec<Constraint>,
}

impl Formulation {
    /// The site variables of `m` candidates, fixed open or closed where `rules` say so.
    pub(super) fn new(m: usize, rules: &SiteRules) -> Formulation {
        let mut vars = ProblemVariables::new();
        let sites: Vec<Variable> = (0..m)
            .map(|j| {
                let lo: f64 = if rules.required.binary_search(&j).is_ok() {
                    1.0
                } else {
                    0.0
                };
                let hi: f64 = if rules.allowed[j] { 1.0 } else { 0.0 };
                vars.add(variable().binary().min(lo).max(hi.max(lo)))
            })
            .collect();
        Formulation {
            vars,
            sites,
            objective: Expression::from(0.0),
            maximise: false,
            constraints: Vec::new(),
        }
    }

    /// Exactly `p` sites open.
    pub(super) fn count_is(&mut self, p: usize) {
        let sum: Expression = self.sites.iter().sum();
        self.constraints.push(sum.eq(p as f64));
    }

    /// Solves; `Ok(None)` when infeasible, `Err(None)` when the time ran out first.
    pub(super) fn solve(
        self,
        limits: &Limits,
    ) -> Result<Option<(Vec<usize>, Status)>, Option<String>> {
        let Formulation {
            vars,
            sites,
            objective,
            maximise,
            constraints,
        } = self;
        let problem = if maximise {
            vars.maximise(objective)
        } else {
            vars.minimise(objective)
        };
        let result = run(problem, constraints, limits);
        match result {
            Ok((values, status)) => {
                let open = sites
                    .iter()
                    .enumerate()
                    .filter(|(_, &v)| values.value(v) > 0.5)
                    .map(|(j, _)| j)
                    .collect();
                Ok(Some((open, status)))
            }
            Err(ResolutionError::Infeasible) => Ok(None),
            Err(e) => Err(failure(e)),
        }
    }
}

/// The solver's error in words, or `None` when it only says the time ran out before it had a
/// solution (not a failure: the caller answers from elsewhere).
pub(super) fn failure(e: ResolutionError) -> Option<String> {
    let text = e.to_string();
    (!text.contains("Time limit")).then_some(text)
}

/// Runs `work` (build and solve a model) so that the caller gets its answer by the deadline
/// or `None`.
pub(super) fn bounded<T: Send + 'static>(
    limits: &Limits,
    work: impl FnOnce(Limits) -> Option<T> + Send + 'static,
) -> Option<T> {
    let Some(deadline) = limits.deadline else {
        return work(*limits);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let copy = *limits;
    std::thread::Builder::new()
        .name("mip".into())
        .spawn(move || {
            let _ = tx.send(work(copy));
        })
        .ok()?;
    let left = deadline.saturating_duration_since(std::time::Instant::now());
    rx.recv_timeout(left).ok().flatten()
}

/// Hands the model to this build's solver (microlp, or HiGHS with `--features highs`) with
/// the time left; `TimeLimit` when it stops with an unproven incumbent.
pub(super) fn run(
    problem: good_lp::variable::UnsolvedProblem,
    constraints: Vec<Constraint>,
    limits: &Limits,
) -> Result<(impl Solution, Status), ResolutionError> {
    use good_lp::solvers::WithTimeLimit;
    #[cfg(not(feature = "highs"))]
    let mut model = problem.using(good_lp::microlp);
    #[cfg(feature = "highs")]
    let mut model = problem.using(good_lp::highs).set_threads(1);
    if let Some(deadline) = limits.deadline {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        model = model.with_time_limit(left.as_secs_f64().max(0.001));
    }
    for c in constraints {
        model.add_constraint(c);
    }
    let sol = model.solve()?;
    let status = match sol.status() {
        good_lp::SolutionStatus::Optimal => Status::Optimal,
        _ => Status::TimeLimit,
    };
    Ok((sol, status))
}

/// The outcome of a solve, valued by `value` on the open set; `None` when the time ran out
/// before the solver had a solution.
pub(super) fn finish(
    result: Result<Option<(Vec<usize>, Status)>, Option<String>>,
    value: impl Fn(&[usize]) -> f64,
) -> Option<Outcome> {
    Some(match result {
        Ok(Some((open, status))) => {
            let objective = value(&open);
            solved(open, status, objective)
        }
        Ok(None) => Outcome::infeasible(format!("{SOLVER} proved the MIP infeasible")),
        Err(Some(e)) => Outcome::infeasible(format!("{SOLVER} failed: {e}")),
        Err(None) => return None,
    })
}

/// The outcome of a solved MIP: proven when the solver says optimal, no bound otherwise.
pub(super) fn solved(open: Vec<usize>, status: Status, objective: f64) -> Outcome {
    Outcome {
        status,
        bound: if status == Status::Optimal {
            objective
        } else {
            f64::NAN
        },
        objective,
        open,
        nodes: 0,
        note: Some(format!("solved as a MIP by {SOLVER}")),
    }
}
