//! Solving an [`Instance`]: check the parameters, turn ids into site rules, run the model's
//! solver (exact, heuristic or the MIP with the specialised solver behind it) and describe the
//! answer per stop.

use super::instance::Instance;
use super::rules::{conflicts, site_rules, validate, with_site_ids};
use super::summary::{covered, describe, unreachable};
use super::unreached::{checked, stranded};
use super::{
    cover, median, mip, DistanceProblem, Limits, Method, Model, Outcome, SiteRules, SolveParams,
    SolveResult,
};
use crate::error::Result;
use crate::spatial::Coverage;
use std::time::Instant;

/// Validates, solves and describes. Bad parameters are errors (exit 2); an infeasible
/// problem is a result with status [`Status::Infeasible`](super::Status::Infeasible) (exit 3
/// in the CLI).
///
/// ```
/// use mobile_stops::solve::{solve, Instance, Model, PlanningOptions, SolveParams, Status};
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
/// let params = SolveParams { model: Model::Mclp, p: Some(5), ..SolveParams::default() };
/// let res = solve(&inst, &params).unwrap();
/// assert_eq!(res.outcome.status, Status::Optimal);
/// assert_eq!(res.outcome.objective, res.outcome.bound);
/// // Asking for one stop more never reaches fewer people.
/// let more = solve(&inst, &SolveParams { p: Some(6), ..params }).unwrap();
/// assert!(more.outcome.objective >= res.outcome.objective);
/// ```
pub fn solve(inst: &Instance, params: &SolveParams) -> Result<SolveResult> {
    validate(inst, params)?;
    let params = &with_site_ids(inst, params)?;
    let budget = crate::budget::Budget {
        deadline: Limits::new(params.time_limit, params.seed)
            .until(params.deadline)
            .deadline,
        memory: params.memory,
    };
    solve_checked(
        inst,
        params,
        &inst.checked_coverage(params.radius_m, budget)?,
    )
}

/// [`solve`] with the coverage of `params.radius_m` already built, so a batch of scenarios
/// on the same data builds each radius once.
pub fn solve_with(inst: &Instance, params: &SolveParams, cover: &Coverage) -> Result<SolveResult> {
    validate(inst, params)?;
    let params = &with_site_ids(inst, params)?;
    solve_checked(inst, params, cover)
}

/// What a model's solver returned, with what describing it needs.
struct Answer {
    outcome: Outcome,
    /// The matrix p-median and p-center solved on.
    distances: Option<DistanceProblem>,
    /// Which stop serves each point, when the solver decides it (capacities) rather than the
    /// nearest-stop rule.
    assignment: Option<Vec<usize>>,
    /// Each point's nearest chosen stop, when p-median or p-center was solved without the
    /// matrix ([`super::large`]).
    nearest: Option<Vec<Option<(usize, f64)>>>,
}

impl Answer {
    /// An answer with nothing to describe but the outcome (covering models, infeasible).
    fn plain(outcome: Outcome) -> Answer {
        Answer {
            outcome,
            distances: None,
            assignment: None,
            nearest: None,
        }
    }

    /// An answer of the sphere formulations, described by each point's nearest stop.
    fn sparse((outcome, nearest): super::large::Sparse) -> Answer {
        Answer {
            nearest: Some(nearest),
            ..Answer::plain(outcome)
        }
    }
}

/// One model's solve, given everything checked.
struct Job<'a> {
    inst: &'a Instance,
    params: &'a SolveParams,
    cover: &'a Coverage,
    rules: &'a SiteRules,
    capacity: Option<&'a [f64]>,
    limits: Limits,
    /// The MIP answers by nine tenths of the time left or not at all; then the specialised
    /// solver answers from its first steps in the last tenth.
    mip_limits: Limits,
}

fn solve_checked(inst: &Instance, params: &SolveParams, cover: &Coverage) -> Result<SolveResult> {
    let start = Instant::now();
    let limits = Limits::new(params.time_limit, params.seed).until(params.deadline);
    let (rules, exclusions) = site_rules(inst, params, cover)?;
    if params.method == Method::Mip {
        check_mip(inst, params, cover)?;
    }
    let capacity: Option<Vec<f64>> = params.capacitated.then(|| {
        let cap = |s: &super::SiteInfo| s.capacity.unwrap_or(f64::INFINITY);
        inst.sites.iter().map(cap).collect()
    });
    let answer = match conflicts(inst, params, &rules, cover) {
        Some(reason) => Answer::plain(Outcome::infeasible(reason)),
        None => Job {
            inst,
            params,
            cover,
            rules: &rules,
            capacity: capacity.as_deref(),
            limits,
            mip_limits: Limits {
                deadline: crate::budget::share(limits.deadline, 0.9),
                ..limits
            },
        }
        .run()?,
    };
    let Answer {
        outcome,
        distances,
        assignment,
        nearest,
    } = answer;
    let mut stops = describe(
        inst,
        params,
        &outcome,
        cover,
        super::summary::Serving {
            distances: distances.as_ref(),
            assignment: assignment.as_deref(),
            nearest: nearest.as_deref(),
        },
        &rules,
    );
    let assignment = assignment.filter(|_| outcome.status != super::Status::Infeasible);
    if let (Some(cap), Model::Mclp) = (&capacity, params.model) {
        // With capacities a stop serves what the allocation gives it, not all it reaches.
        let served = cover::served_by_site(cover, &inst.weight, cap, &outcome.open);
        for (s, w) in stops.iter_mut().zip(served) {
            s.assigned_weight = w;
        }
    }
    let covered_weight = covered(inst, cover, &outcome.open);
    let unreachable = unreachable(inst, cover, &rules);
    let unreachable_weight = unreachable.iter().fold(0.0, |a, &i| a + inst.weight[i]);
    Ok(SolveResult {
        p: (params.model != Model::Lscp).then_some(rules.p),
        params: SolveParams {
            p: (params.model != Model::Lscp).then_some(rules.p),
            ..params.clone()
        },
        outcome,
        stops,
        covered_weight,
        total_weight: inst.total_weight(),
        unreachable_points: unreachable.len(),
        unreachable,
        unreachable_weight,
        exclusions,
        served_by: assignment,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The note on an answer the MIP did not give in time.
fn late(o: Outcome) -> Outcome {
    o.with_note(&format!(
        "{} did not finish within the time limit; this is the specialised solver's answer in \
         the time left",
        mip::SOLVER
    ))
}

impl Job<'_> {
    fn run(&self) -> Result<Answer> {
        match self.params.model {
            Model::Lscp | Model::Mclp => Ok(Answer::plain(self.covering())),
            Model::Pmedian => self.median(),
            Model::Pcenter => self.center(),
        }
    }

    /// Set covering and maximal covering (capacitated or not).
    fn covering(&self) -> Outcome {
        let (cover, rules, w) = (self.cover, self.rules, &self.inst.weight);
        let (limits, spent, mip_limits) = (&self.limits, &self.limits, &self.mip_limits);
        match (self.params.model, self.capacity, self.params.method) {
            (Model::Lscp, _, Method::Mip) => {
                mip::lscp(cover, self.inst.points(), rules, mip_limits)
                    .unwrap_or_else(|| late(cover::lscp(cover, rules, spent)))
            }
            (Model::Lscp, _, _) => cover::lscp(cover, rules, limits),
            (_, Some(cap), _) => cover::mclp_capacitated(cover, w, cap, rules, limits),
            (_, None, Method::Mip) => mip::mclp(cover, w, rules, mip_limits)
                .unwrap_or_else(|| late(cover::mclp(cover, w, rules, spent))),
            (_, None, Method::Heuristic) => cover::mclp_heuristic(cover, w, rules, limits),
            (_, None, Method::Exact) => cover::mclp(cover, w, rules, limits),
        }
    }

    /// The sphere formulation of `model` when its matrix does not fit (not for capacities
    /// or the MIP, which need the matrix).
    fn sparse(&self, model: Model) -> Result<Option<super::large::Sparse>> {
        if self.capacity.is_some() || self.params.method == Method::Mip {
            return Ok(None);
        }
        super::large::solve_sparse(
            self.inst,
            model,
            self.rules,
            &self.limits,
            self.params.memory,
        )
    }

    /// The p-median, capacitated (single-source) or not.
    fn median(&self) -> Result<Answer> {
        if let Some(sparse) = self.sparse(Model::Pmedian)? {
            return Ok(Answer::sparse(sparse));
        }
        let (d, missing) = self.inst.distances("pmedian", self.params.memory)?;
        if let Some(reason) =
            missing.and_then(|m| stranded(self.inst, &d, m, self.rules, "pmedian"))
        {
            return Ok(Answer::plain(Outcome::infeasible(reason)));
        }
        let (rules, limits, spent, mip_limits) =
            (self.rules, &self.limits, &self.limits, &self.mip_limits);
        let mut assignment = None;
        let mut capacitated = |l: &Limits, cap: &[f64]| {
            let (out, plan) = median::solve_capacitated_plan(&d, self.inst.load(), cap, rules, l);
            assignment = (!plan.is_empty()).then_some(plan);
            out
        };
        let outcome = match (self.capacity, self.params.method) {
            (Some(cap), Method::Mip) => {
                match mip::pmedian_capacitated(&d, self.inst.load(), cap, rules, mip_limits) {
                    Some(out) => out,
                    None => late(capacitated(spent, cap)),
                }
            }
            (Some(cap), _) => capacitated(limits, cap),
            (None, Method::Mip) => mip::pmedian(&d, rules, mip_limits)
                .unwrap_or_else(|| late(median::solve(&d, rules, spent))),
            (None, Method::Heuristic) => median::heuristic(&d, rules, limits),
            (None, Method::Exact) => median::solve(&d, rules, limits),
        };
        let outcome = match missing {
            Some(m) => checked(self.inst, &d, m, outcome),
            None => outcome,
        };
        if outcome.status == super::Status::Infeasible {
            assignment = None;
        }
        Ok(Answer {
            outcome,
            distances: Some(d),
            assignment,
            nearest: None,
        })
    }

    /// The p-center.
    fn center(&self) -> Result<Answer> {
        if let Some(sparse) = self.sparse(Model::Pcenter)? {
            return Ok(Answer::sparse(sparse));
        }
        let (d, missing) = self.inst.distances("pcenter", self.params.memory)?;
        if let Some(reason) =
            missing.and_then(|m| stranded(self.inst, &d, m, self.rules, "pcenter"))
        {
            return Ok(Answer::plain(Outcome::infeasible(reason)));
        }
        let outcome = match self.params.method {
            Method::Mip => mip::pcenter(&d, self.rules, &self.mip_limits)
                .unwrap_or_else(|| late(cover::pcenter(&d, self.rules, &self.limits))),
            _ => cover::pcenter(&d, self.rules, &self.limits),
        };
        let outcome = match missing {
            Some(m) => checked(self.inst, &d, m, outcome),
            None => outcome,
        };
        Ok(Answer {
            outcome,
            distances: Some(d),
            assignment: None,
            nearest: None,
        })
    }
}

/// Memory of a MIP per point–site term (measured: OR-Library pmed40 as a p-median MIP, 810,000
/// terms, took 740 MB with microlp).
const MIP_BYTES_PER_TERM: u64 = 1000;

/// Refuses a MIP too large for memory: a term per point and site (p-median, p-center) or
/// per pair within the radius (covering models).
fn check_mip(inst: &Instance, params: &SolveParams, cover: &Coverage) -> Result<()> {
    let terms = match params.model {
        Model::Pmedian | Model::Pcenter => (inst.points() as u64) * inst.sites.len() as u64,
        Model::Mclp | Model::Lscp => cover.pairs() as u64,
    };
    params.memory.check(
        format!(
            "the MIP (method mip) of the {} model of {} points × {} sites ({terms} terms)",
            params.model.name(),
            inst.points(),
            inst.sites.len()
        ),
        terms.saturating_mul(MIP_BYTES_PER_TERM),
        "use the exact or heuristic method (they need far less memory); ",
    )
}
