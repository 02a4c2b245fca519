//! From an [`Instance`] and the user's constraints to a checked, explained [`SolveResult`].
//!
//! This layer owns what every model shares: turning ids into site rules (required, excluded,
//! no space, too little demand), choosing the exact solver or the heuristic, and describing
//! the answer per stop (who it serves, whom only it reaches) so a council can question it.

use super::instance::Instance;
use super::{cover, median, mip, Limits, Model, Outcome, SiteRules, Status};
use crate::budget::MemoryLimit;
use crate::error::{Error, Result};
use crate::param::Param;
use crate::score::SpaceStatus;
use crate::spatial::Coverage;
use std::time::{Duration, Instant};

/// Everything `solve` takes besides the instance.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveParams {
    /// Which model.
    pub model: Model,
    /// Number of stops (MCLP, p-median, p-center); `None`: the benchmark file's p.
    pub p: Option<usize>,
    /// Walking radius in the instance's distance unit (metres).
    pub radius_m: f64,
    /// Site ids that must be chosen.
    pub require: Vec<String>,
    /// Site ids that must not be chosen.
    pub exclude: Vec<String>,
    /// Allow sites whose space is known not to fit the vehicles.
    pub allow_no_space: bool,
    /// Least objective weight within the radius for a site to be worth a stop.
    pub min_weight_per_stop: Option<f64>,
    /// Solve with stop capacities (from the instance's sites).
    pub capacitated: bool,
    /// Stop after this long (counted from the start of this solve) with the best answer and
    /// bound so far.
    pub time_limit: Option<Duration>,
    /// Stop at this instant at the latest, whatever `time_limit` says. A command that reads
    /// data, solves, re-solves and writes gives every step the one deadline it promised the
    /// user, so the whole command ends on time rather than each solve on its own.
    pub deadline: Option<Instant>,
    /// Seed of the heuristics.
    pub seed: u64,
    /// Exact specialised search, parallel heuristic, or the plain MIP.
    pub method: Method,
    /// The memory the model's structures (pairs, matrices, a MIP) may take.
    pub memory: MemoryLimit,
}

/// How to solve: the specialised exact method is the default; the heuristic answers huge
/// instances quickly (still with a proven bound); the MIP is an independent second opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Reductions, Lagrangian bounds and branch and bound, to proven optimality.
    #[default]
    Exact,
    /// Seeded parallel multi-start heuristic with a Lagrangian bound.
    Heuristic,
    /// The textbook MIP through good_lp (microlp; HiGHS with `--features highs`).
    Mip,
}

impl crate::param::Choice for Method {
    const ALL: &'static [Method] = &[Method::Exact, Method::Heuristic, Method::Mip];

    fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Heuristic => "heuristic",
            Method::Mip => "mip",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Method::Exact => {
                "Reductions, Lagrangian bounds and branch and bound, to proven optimality"
            }
            Method::Heuristic => "Seeded parallel multi-start heuristic with a Lagrangian bound",
            Method::Mip => {
                "The textbook MIP through good_lp (microlp; HiGHS with `--features highs`)"
            }
        }
    }
}

impl Default for SolveParams {
    fn default() -> Self {
        SolveParams {
            model: Model::Mclp,
            p: None,
            radius_m: 500.0,
            require: Vec::new(),
            exclude: Vec::new(),
            allow_no_space: false,
            min_weight_per_stop: None,
            capacitated: false,
            time_limit: None,
            deadline: None,
            seed: 1,
            method: Method::Exact,
            memory: MemoryLimit::default(),
        }
    }
}

/// Why a site could not be chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    /// Site index.
    pub site: usize,
    /// Machine-readable reason: `excluded`, `no_space`, `below_min_weight`.
    pub reason: &'static str,
    /// The reason in words.
    pub detail: String,
}

/// One chosen stop and what it does.
#[derive(Debug, Clone, PartialEq)]
pub struct StopDetail {
    /// Site index.
    pub site: usize,
    /// Weight of the points this stop serves (nearest chosen stop; within the radius for
    /// covering models).
    pub assigned_weight: f64,
    /// Number of points it serves.
    pub assigned_points: usize,
    /// Weight within the radius of this stop and of no other chosen stop: what is lost if
    /// it alone is dropped (for covering models).
    pub unique_coverage: f64,
    /// Weight within the radius of this stop.
    pub reach_weight: f64,
    /// Population within the radius (planning data).
    pub reach_population: Option<f64>,
    /// Aged 65+ within the radius (planning data).
    pub reach_65_plus: Option<f64>,
    /// Largest distance from a point it serves.
    pub max_distance: f64,
    /// Whether a required stop.
    pub required: bool,
}

/// A solve result with everything the writers print.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveResult {
    /// The parameters used (p resolved).
    pub params: SolveParams,
    /// Number of stops asked for (MCLP, p-median, p-center).
    pub p: Option<usize>,
    /// The solver's answer.
    pub outcome: Outcome,
    /// Per chosen stop, in the order of `outcome.open`.
    pub stops: Vec<StopDetail>,
    /// Weight within the radius of some chosen stop.
    pub covered_weight: f64,
    /// Total objective weight.
    pub total_weight: f64,
    /// Points with weight that no allowed site reaches within the radius, ascending.
    pub unreachable: Vec<usize>,
    /// How many there are.
    pub unreachable_points: usize,
    /// Their weight.
    pub unreachable_weight: f64,
    /// Sites that could not be chosen, and why.
    pub exclusions: Vec<Exclusion>,
    /// Wall time of model building and solving.
    pub seconds: f64,
}

/// Checks the parameters against the instance (ids, p) without solving: bad input is exit 2.
pub fn site_rules(
    inst: &Instance,
    params: &SolveParams,
    cover: &Coverage,
) -> Result<(SiteRules, Vec<Exclusion>)> {
    let m = inst.sites.len();
    let find = |flag: Param, id: &str| -> Result<usize> {
        inst.sites
            .iter()
            .position(|s| s.id == id.trim())
            .ok_or_else(|| {
                Error::param(
                    flag,
                    format!("ids of candidate sites of {}", inst.label),
                    format!("unknown id `{}`", id.trim()),
                )
            })
    };
    let mut required = Vec::new();
    for id in &params.require {
        required.push(find(Param::Require, id)?);
    }
    required.sort_unstable();
    required.dedup();
    let mut allowed = vec![true; m];
    let mut exclusions = Vec::new();
    for id in &params.exclude {
        let j = find(Param::Exclude, id)?;
        if required.binary_search(&j).is_ok() {
            return Err(Error::param(
                Param::Exclude,
                "sites not also given in --require",
                format!("`{}` in both", id.trim()),
            ));
        }
        if allowed[j] {
            allowed[j] = false;
            exclusions.push(Exclusion {
                site: j,
                reason: "excluded",
                detail: "excluded by --exclude".into(),
            });
        }
    }
    if !params.allow_no_space {
        for (j, s) in inst.sites.iter().enumerate() {
            if let Some(space) = &s.space {
                if space.status == SpaceStatus::DoesNotFit && allowed[j] {
                    if required.binary_search(&j).is_ok() {
                        continue; // a required site is the user's explicit choice
                    }
                    allowed[j] = false;
                    exclusions.push(Exclusion {
                        site: j,
                        reason: "no_space",
                        detail: format!(
                            "room for {} vehicles only (use --allow-no-space to allow it)",
                            space.vehicles_fit.unwrap_or(0)
                        ),
                    });
                }
            }
        }
    }
    if let Some(w) = params.min_weight_per_stop {
        for (j, ok) in allowed.iter_mut().enumerate() {
            let reach = cover.sum(j, &inst.weight);
            if reach < w && *ok && required.binary_search(&j).is_err() {
                *ok = false;
                exclusions.push(Exclusion {
                    site: j,
                    reason: "below_min_weight",
                    detail: format!(
                        "reaches weight {} within {} m, below --min-weight-per-stop {}",
                        crate::report::round(reach, 1),
                        params.radius_m,
                        w
                    ),
                });
            }
        }
    }
    exclusions.sort_by_key(|e| e.site);
    let p = match params.model {
        Model::Lscp => 0,
        _ => params.p.or(inst.p_in_file).ok_or_else(|| {
            Error::param(
                Param::P,
                format!("the number of stops for --model {}", params.model.name()),
                "no --p",
            )
        })?,
    };
    if params.model != Model::Lscp && (p == 0 || p > m) {
        return Err(Error::param(
            Param::P,
            format!("a number of stops from 1 to the {m} candidate sites"),
            format!("`{p}`"),
        ));
    }
    Ok((
        SiteRules {
            p,
            required,
            allowed,
        },
        exclusions,
    ))
}

/// Validates, solves and describes. Bad parameters are errors (exit 2); an infeasible
/// problem is a result with status [`Status::Infeasible`] (exit 3 in the CLI).
pub fn solve(inst: &Instance, params: &SolveParams) -> Result<SolveResult> {
    validate(inst, params)?;
    solve_checked(
        inst,
        params,
        &inst.checked_coverage(params.radius_m, params.memory)?,
    )
}

/// [`solve`] with the coverage of `params.radius_m` already built, so a batch of scenarios
/// on the same data builds each radius once.
pub fn solve_with(inst: &Instance, params: &SolveParams, cover: &Coverage) -> Result<SolveResult> {
    validate(inst, params)?;
    solve_checked(inst, params, cover)
}

fn solve_checked(inst: &Instance, params: &SolveParams, cover: &Coverage) -> Result<SolveResult> {
    let start = Instant::now();
    let limits = Limits::new(params.time_limit, params.seed).until(params.deadline);
    let (rules, exclusions) = site_rules(inst, params, cover)?;
    if params.method == Method::Mip {
        check_mip(inst, params, cover)?;
    }
    let capacity: Option<Vec<f64>> = if params.capacitated {
        Some(
            inst.sites
                .iter()
                .map(|s| s.capacity.unwrap_or(f64::INFINITY))
                .collect(),
        )
    } else {
        None
    };
    let mut distances = None;
    // Which stop serves each point, when the solver decides it (capacities) rather than the
    // nearest-stop rule.
    let mut assignment: Option<Vec<usize>> = None;
    let outcome = if let Some(reason) = conflicts(inst, params, &rules, cover) {
        Outcome::infeasible(reason)
    } else {
        // The MIP answers by nine tenths of the time left or not at all; then the specialised
        // solver answers from its first steps in the last tenth.
        let mip_limits = Limits {
            deadline: crate::budget::share(limits.deadline, 0.9),
            ..limits
        };
        let spent = limits;
        let late = |o: Outcome| {
            o.with_note(&format!(
                "{} did not finish within the time limit; this is the specialised solver's \
                 answer in the time left",
                mip::SOLVER
            ))
        };
        match (params.model, params.method) {
            (Model::Lscp, Method::Mip) => mip::lscp(cover, inst.points(), &rules, &mip_limits)
                .unwrap_or_else(|| late(cover::lscp(cover, &rules, &spent))),
            (Model::Lscp, _) => cover::lscp(cover, &rules, &limits),
            (Model::Mclp, method) => match (&capacity, method) {
                (Some(cap), _) => {
                    cover::mclp_capacitated(cover, &inst.weight, cap, &rules, &limits)
                }
                (None, Method::Mip) => mip::mclp(cover, &inst.weight, &rules, &mip_limits)
                    .unwrap_or_else(|| late(cover::mclp(cover, &inst.weight, &rules, &spent))),
                (None, Method::Heuristic) => {
                    cover::mclp_heuristic(cover, &inst.weight, &rules, &limits)
                }
                (None, Method::Exact) => cover::mclp(cover, &inst.weight, &rules, &limits),
            },
            (Model::Pmedian, method) => {
                let d = inst.distances("pmedian", params.memory)?;
                let mut capacitated = |l: &Limits, cap: &[f64]| {
                    let (out, plan) =
                        median::solve_capacitated_plan(&d, inst.load(), cap, &rules, l);
                    assignment = (!plan.is_empty()).then_some(plan);
                    out
                };
                let out = match (&capacity, method) {
                    (Some(cap), Method::Mip) => {
                        match mip::pmedian_capacitated(&d, inst.load(), cap, &rules, &mip_limits) {
                            Some(out) => out,
                            None => late(capacitated(&spent, cap)),
                        }
                    }
                    (Some(cap), _) => capacitated(&limits, cap),
                    (None, Method::Mip) => mip::pmedian(&d, &rules, &mip_limits)
                        .unwrap_or_else(|| late(median::solve(&d, &rules, &spent))),
                    (None, Method::Heuristic) => median::heuristic(&d, &rules, &limits),
                    (None, Method::Exact) => median::solve(&d, &rules, &limits),
                };
                distances = Some(d);
                out
            }
            (Model::Pcenter, method) => {
                let d = inst.distances("pcenter", params.memory)?;
                let out = match method {
                    Method::Mip => mip::pcenter(&d, &rules, &mip_limits)
                        .unwrap_or_else(|| late(cover::pcenter(&d, &rules, &spent))),
                    _ => cover::pcenter(&d, &rules, &limits),
                };
                distances = Some(d);
                out
            }
        }
    };
    let mut stops = describe(
        inst,
        params,
        &outcome,
        cover,
        distances.as_ref(),
        assignment.as_deref(),
        &rules,
    );
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
        seconds: start.elapsed().as_secs_f64(),
    })
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

fn validate(inst: &Instance, params: &SolveParams) -> Result<()> {
    if !(params.radius_m.is_finite() && params.radius_m > 0.0 && params.radius_m <= 1e7) {
        return Err(Error::param(
            Param::RadiusM,
            "a distance greater than 0 and at most 10,000,000",
            format!("`{}`", params.radius_m),
        ));
    }
    if let Some(w) = params.min_weight_per_stop {
        if !(w.is_finite() && w >= 0.0) {
            return Err(Error::param(
                Param::MinWeightPerStop,
                "a weight of 0 or more",
                format!("`{w}`"),
            ));
        }
    }
    if params.capacitated && !matches!(params.model, Model::Mclp | Model::Pmedian) {
        return Err(Error::param(
            Param::Capacity,
            "capacities with --model mclp or --model pmedian",
            format!("--model {}", params.model.name()),
        ));
    }
    if params.capacitated && inst.sites.iter().any(|s| s.capacity.is_none()) {
        return Err(Error::param(
            Param::Capacity,
            "a capacity for every site",
            "sites without one",
        ));
    }
    if inst.sites.is_empty() || inst.points() == 0 {
        return Err(Error::input(
            crate::error::Location::file(&inst.label),
            "at least one candidate site and one demand point",
            format!("{} sites, {} points", inst.sites.len(), inst.points()),
        ));
    }
    Ok(())
}

/// Constraint conflicts found before solving: the infeasible cases a user can read.
fn conflicts(
    inst: &Instance,
    params: &SolveParams,
    rules: &SiteRules,
    cover: &Coverage,
) -> Option<String> {
    if params.model != Model::Lscp {
        if let Some(r) = rules.infeasibility() {
            return Some(r);
        }
    }
    if let Some(w) = params.min_weight_per_stop {
        for &j in &rules.required {
            let reach = cover.sum(j, &inst.weight);
            if reach < w {
                return Some(format!(
                    "required stop {} reaches weight {} within {} m, below \
                     --min-weight-per-stop {w}",
                    inst.sites[j].id,
                    crate::report::round(reach, 1),
                    params.radius_m
                ));
            }
        }
    }
    if params.capacitated && params.model == Model::Pmedian {
        let mut caps: Vec<f64> = (0..inst.sites.len())
            .filter(|&j| rules.allowed[j])
            .map(|j| inst.sites[j].capacity.unwrap_or(0.0))
            .collect();
        caps.sort_by(|a, b| b.total_cmp(a));
        let most: f64 = caps.iter().take(rules.p).sum();
        let load: f64 = inst.load().iter().sum();
        if load > most {
            return Some(format!(
                "total demand {} exceeds the {} largest capacities together ({})",
                crate::report::round(load, 2),
                rules.p,
                crate::report::round(most, 2)
            ));
        }
    }
    None
}

fn covered(inst: &Instance, cover: &Coverage, open: &[usize]) -> f64 {
    let mut hit = vec![false; inst.points()];
    for &j in open {
        for &i in cover.points_of(j) {
            hit[i as usize] = true;
        }
    }
    hit.iter()
        .zip(&inst.weight)
        .filter(|(h, _)| **h)
        .fold(0.0, |a, (_, w)| a + w)
}

fn unreachable(inst: &Instance, cover: &Coverage, rules: &SiteRules) -> Vec<usize> {
    let mut hit = vec![false; inst.points()];
    for j in (0..inst.sites.len()).filter(|&j| rules.allowed[j]) {
        for &i in cover.points_of(j) {
            hit[i as usize] = true;
        }
    }
    (0..inst.points())
        .filter(|&i| !hit[i] && inst.weight[i] > 0.0)
        .collect()
}

/// Per-stop detail: assignment to the nearest chosen stop (within the radius for covering
/// models), unique coverage and reach.
fn describe(
    inst: &Instance,
    params: &SolveParams,
    outcome: &Outcome,
    cover: &Coverage,
    distances: Option<&super::DistanceProblem>,
    assignment: Option<&[usize]>,
    rules: &SiteRules,
) -> Vec<StopDetail> {
    let open = &outcome.open;
    let n = inst.points();
    // Nearest chosen stop within the radius, and how many chosen stops reach each point.
    let mut near: Vec<Option<(usize, f64)>> = vec![None; n];
    let mut reached_by = vec![0u32; n];
    for (k, &j) in open.iter().enumerate() {
        for (&i, &d) in cover.points_of(j).iter().zip(cover.distances_of(j)) {
            let i = i as usize;
            reached_by[i] += 1;
            let d = f64::from(d);
            if near[i].is_none_or(|(_, best)| d < best) {
                near[i] = Some((k, d));
            }
        }
    }
    let mut assigned: Vec<(f64, usize, f64)> = vec![(0.0, 0, 0.0); open.len()];
    match (params.model, distances) {
        (_, Some(d)) if assignment.is_some() => {
            let plan = assignment.expect("checked");
            for (i, &j) in plan.iter().enumerate() {
                if let Some(k) = open.iter().position(|&o| o == j) {
                    let a = &mut assigned[k];
                    a.0 += inst.weight[i];
                    a.1 += 1;
                    a.2 = a.2.max(d.dist(i, j));
                }
            }
        }
        (Model::Pmedian | Model::Pcenter, Some(d)) => {
            for i in 0..n {
                let row = d.row(i);
                let mut best: Option<(usize, f64)> = None;
                for (k, &j) in open.iter().enumerate() {
                    if best.is_none_or(|(_, b)| row[j] < b) {
                        best = Some((k, row[j]));
                    }
                }
                if let Some((k, dist)) = best {
                    let a = &mut assigned[k];
                    a.0 += inst.weight[i];
                    a.1 += 1;
                    a.2 = a.2.max(dist);
                }
            }
        }
        _ => {
            for (i, nr) in near.iter().enumerate() {
                if let Some((k, dist)) = *nr {
                    let a = &mut assigned[k];
                    a.0 += inst.weight[i];
                    a.1 += 1;
                    a.2 = a.2.max(dist);
                }
            }
        }
    }
    open.iter()
        .zip(assigned)
        .map(|(&j, (w, count, maxd))| {
            let unique = cover
                .points_of(j)
                .iter()
                .filter(|&&i| reached_by[i as usize] == 1)
                .fold(0.0, |a, &i| a + inst.weight[i as usize]);
            StopDetail {
                site: j,
                assigned_weight: w,
                assigned_points: count,
                unique_coverage: unique,
                reach_weight: cover.sum(j, &inst.weight),
                reach_population: inst.population.as_ref().map(|v| cover.sum(j, v)),
                reach_65_plus: inst.aged_65_plus.as_ref().map(|v| cover.sum(j, v)),
                max_distance: maxd,
                required: rules.required.binary_search(&j).is_ok(),
            }
        })
        .collect()
}

impl SolveResult {
    /// Whether the answer is proven optimal.
    pub fn is_optimal(&self) -> bool {
        self.outcome.status == Status::Optimal
    }
}
