//! One scenario's row: its solve, which of its stops are in every optimal set, the expected
//! buyers, and what it ranks highest; or why it was not solved.

use super::apply::{params, Variant};
use super::spec::{Overrides, Scenario};
use crate::budget::{Budget, MemoryLimit};
use crate::defaults::{SHOP_DISTANCE_M, VEHICLES};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::score::compare::{Measure, StopSet};
use crate::score::{score, ScoreParams};
use crate::solve::{solve, solve_with, Instance, Model, SolveParams, SolveResult, Status};
use crate::spatial::Coverage;
use std::time::{Duration, Instant};

/// What a solved scenario chose and achieved.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// The solve result.
    pub result: SolveResult,
    /// Chosen ids, sorted.
    pub stops: Vec<String>,
    /// Population within the radius of a chosen stop.
    pub people_reached: Option<f64>,
    /// Aged 65+ within the radius of a chosen stop.
    pub aged_reached: Option<f64>,
    /// Per chosen stop (same order as `stops`): in every optimal set (`Some(true)`), in only
    /// some (`Some(false)`), or unknown when optimality is not proven.
    pub forced: Vec<Option<bool>>,
    /// Potential users (aged 65+ reached × the nearest stop's would-use share) with a 95 %
    /// interval, when the data has surveys (measured as `compare` does, at the scenario's
    /// radius). Not buyers per visit: the scenario file sets no purchase or visit assumptions.
    pub potential_users: Option<crate::score::Interval>,
    /// The three top-ranked candidates under the scenario's `weights`, when it sets them.
    pub top_ranked: Option<Vec<String>>,
    /// Per chosen stop (same order as `stops`): the objective weight within its radius and of
    /// no other chosen stop's, what the scenario loses if that stop alone is dropped.
    pub unique_weight: Vec<f64>,
    /// The demand column the objective counted (`None`: every point counts 1), as the data
    /// resolved the scenario's `objective_weight` (or its default).
    pub weight_column: Option<String>,
}

/// What became of one scenario.
#[derive(Debug, Clone)]
pub enum RowOutcome {
    /// Solved (the status says whether proven optimal or cut short by the time limit).
    Solved(Box<Solved>),
    /// Refused or failed: a bad setting, an unknown id, too large for memory.
    Failed(Error),
    /// Not solved: the batch's deadline came first, or the run was interrupted before this
    /// scenario finished.
    NotRun(NotRunReason),
}

/// Why a scenario has no result, for the rows to tell a time limit (run again with more
/// time) from an interrupt (run again, or keep the finished rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRunReason {
    /// The batch's time limit ended before it started.
    TimeLimit,
    /// The run was stopped (Ctrl-C, SIGTERM, SIGHUP) before it finished: a solve that was
    /// running is dropped rather than kept as if the time limit had cut it.
    Interrupted,
}

impl NotRunReason {
    /// The code rows give (`not_run_reason`).
    pub fn code(self) -> &'static str {
        match self {
            NotRunReason::TimeLimit => "time_limit",
            NotRunReason::Interrupted => "interrupted",
        }
    }

    /// The row's note, in English (the reports have it in Japanese too).
    pub fn note(self) -> &'static str {
        match self {
            NotRunReason::TimeLimit => super::batch::NOT_RUN,
            NotRunReason::Interrupted => super::batch::INTERRUPTED,
        }
    }

    /// The reason for a row that cannot finish now: an interrupt if the process was asked
    /// to stop, else the time limit.
    pub fn now() -> NotRunReason {
        if crate::budget::stopped() {
            NotRunReason::Interrupted
        } else {
            NotRunReason::TimeLimit
        }
    }
}

impl RowOutcome {
    /// The solved scenario, if it was.
    pub fn solved(&self) -> Option<&Solved> {
        match self {
            RowOutcome::Solved(s) => Some(s),
            _ => None,
        }
    }
}

/// One scenario's row: the scenario and what became of it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The scenario.
    pub scenario: Scenario,
    /// Solved, failed, or not run.
    pub outcome: RowOutcome,
}

/// Whether leaving `id` out makes the best objective strictly worse: then every optimal set
/// contains it. `None` when either solve is not proven optimal.
fn in_every_optimum(
    inst: &Instance,
    p: &SolveParams,
    cover: &Coverage,
    res: &SolveResult,
    id: &str,
) -> Option<bool> {
    if p.require.iter().any(|r| r.trim() == id) {
        return Some(true); // required: in every feasible set, so in every optimal one
    }
    if res.outcome.status != Status::Optimal {
        return None;
    }
    if crate::budget::passed(p.deadline) {
        return None; // not re-solved: the time limit ended first
    }
    let mut q = p.clone();
    q.exclude.push(id.to_string());
    q.require.retain(|r| r.trim() != id);
    let alt = solve_with(inst, &q, cover).ok()?;
    let (a, b) = (res.outcome.objective, alt.outcome.objective);
    let tol = 1e-9 * a.abs().max(1.0);
    match alt.outcome.status {
        Status::Infeasible => Some(true),
        Status::Optimal => Some(match p.model {
            Model::Mclp => b < a - tol,
            // Without it, set covering may need as many stops but reach fewer people.
            Model::Lscp => b > a + tol || alt.covered_weight < res.covered_weight - tol,
            Model::Pmedian | Model::Pcenter => b > a + tol,
        }),
        _ => None,
    }
}

/// Solves one scenario on its variant's instance (and coverage, when its radius is valid).
pub(super) fn solve_one(
    v: &Variant,
    cover: Option<&Coverage>,
    measure: Option<&Measure>,
    s: &Scenario,
    budget: Budget,
) -> Result<Solved> {
    let (inst, capacitated) = (&v.inst, v.capacitated);
    let deadline = budget.deadline;
    // Under a deadline the solve gets half the scenario's time and the "in every optimal
    // set" re-solves the rest; each re-solve starts only if one like the last still fits.
    let p = SolveParams {
        deadline: crate::budget::share(deadline, 0.5),
        memory: budget.memory,
        ..params(&s.settings, capacitated)?
    };
    let res = match cover {
        Some(c) => solve_with(inst, &p, c)?,
        None => solve(inst, &p)?,
    };
    // The solve's own parameters: sites named by name in `require` are ids there.
    let p = SolveParams {
        deadline,
        ..res.params.clone()
    };
    let mut open = res.outcome.open.clone();
    open.sort_by(|&a, &b| inst.sites[a].id.cmp(&inst.sites[b].id));
    let reached = |v: &Option<Vec<f64>>| reached_sum(inst, cover?, &open, v.as_ref()?);
    let forced = forced_flags(inst, &p, cover, &res, &open);
    let potential_users = match (measure, &open[..]) {
        (Some(m), sites) if !sites.is_empty() => {
            let set = StopSet {
                name: s.name.clone(),
                sites: sites.to_vec(),
            };
            m.set(&set, &[]).potential_users
        }
        _ => None,
    };
    let unique_weight = open
        .iter()
        .map(|&j| {
            res.stops
                .iter()
                .find(|d| d.site == j)
                .map_or(0.0, |d| d.unique_coverage)
        })
        .collect();
    Ok(Solved {
        top_ranked: None,
        unique_weight,
        weight_column: inst.weight_column.clone(),
        potential_users,
        stops: open.iter().map(|&j| inst.sites[j].id.clone()).collect(),
        people_reached: reached(&inst.population),
        aged_reached: reached(&inst.aged_65_plus),
        forced,
        result: res,
    })
}

/// The sum of `values` over the points the `open` sites reach.
fn reached_sum(inst: &Instance, cover: &Coverage, open: &[usize], values: &[f64]) -> Option<f64> {
    let mut seen = vec![false; inst.points()];
    for &j in open {
        for &pt in cover.points_of(j) {
            seen[pt as usize] = true;
        }
    }
    Some(
        values
            .iter()
            .zip(&seen)
            .filter(|(_, &s)| s)
            .map(|(x, _)| x)
            .sum(),
    )
}

/// Per open site, whether it is in every optimal set; each re-solve starts only if one as
/// long as the last still fits before `p`'s deadline (unknown after that).
fn forced_flags(
    inst: &Instance,
    p: &SolveParams,
    cover: Option<&Coverage>,
    res: &SolveResult,
    open: &[usize],
) -> Vec<Option<bool>> {
    let mut last = Duration::ZERO;
    open.iter()
        .map(|&j| {
            let now = Instant::now();
            if p.deadline.is_some_and(|d| now + last >= d) {
                return None;
            }
            let f = cover.and_then(|c| in_every_optimum(inst, p, c, res, &inst.sites[j].id));
            last = now.elapsed();
            f
        })
        .collect()
}

/// The three candidates ranked highest under the scenario's term weights, if it sets them.
pub(super) fn top_ranked(
    data: &Dataset,
    s: &Overrides,
    radius_m: f64,
    memory: MemoryLimit,
) -> Result<Option<Vec<String>>> {
    let Some(w) = &s.weights else {
        return Ok(None);
    };
    let params = ScoreParams {
        radius_m,
        vehicles: s.vehicles.unwrap_or(VEHICLES),
        shop_distance_m: s.shop_distance_m.unwrap_or(SHOP_DISTANCE_M),
        weights: crate::score::TermWeights::parse(w)?,
        budget: Budget {
            deadline: None,
            memory,
        },
        ..ScoreParams::default()
    };
    let table = score(data, &params)?;
    Ok(Some(
        table
            .candidates
            .iter()
            .take(3)
            .map(|c| c.id.clone())
            .collect(),
    ))
}
