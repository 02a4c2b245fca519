//! Describing a solve's answer so a council can question it: who each stop serves, whom only
//! it reaches, what it reaches in all, and which points no allowed site reaches.

use super::instance::Instance;
use super::{DistanceProblem, Exclusion, Model, Outcome, SiteRules, SolveParams, Status};
use crate::spatial::Coverage;

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
    /// The stop serving each point when the solver decides it (the capacitated p-median's
    /// single-source assignment); `None`: each point goes to its nearest chosen stop.
    pub served_by: Option<Vec<usize>>,
    /// Wall time of model building and solving.
    pub seconds: f64,
}

impl SolveResult {
    /// Whether the answer is proven optimal.
    pub fn is_optimal(&self) -> bool {
        self.outcome.status == Status::Optimal
    }
}

/// Weight within the radius of some chosen stop.
pub(super) fn covered(inst: &Instance, cover: &Coverage, open: &[usize]) -> f64 {
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

/// Points with weight that no allowed site reaches, ascending.
pub(super) fn unreachable(inst: &Instance, cover: &Coverage, rules: &SiteRules) -> Vec<usize> {
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

/// What decides which stop serves each point, as far as the solve knows it.
pub(super) struct Serving<'a> {
    /// The matrix p-median and p-center solved on.
    pub distances: Option<&'a DistanceProblem>,
    /// The solver's own assignment (capacities).
    pub assignment: Option<&'a [usize]>,
    /// Each point's nearest chosen stop, from a solve without the matrix.
    pub nearest: Option<&'a [Option<(usize, f64)>]>,
}

/// Per-stop detail: assignment to the nearest chosen stop (within the radius for covering
/// models), unique coverage and reach.
pub(super) fn describe(
    inst: &Instance,
    params: &SolveParams,
    outcome: &Outcome,
    cover: &Coverage,
    serving: Serving,
    rules: &SiteRules,
) -> Vec<StopDetail> {
    let Serving {
        distances,
        assignment,
        nearest,
    } = serving;
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
    // Without the matrix (p-median, p-center at scale) each point's nearest stop comes
    // from the solve, whatever the radius.
    let nearest = nearest.unwrap_or(&near);
    let assigned = assign(inst, params.model, open, nearest, distances, assignment);
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

/// Per chosen stop (in `open`'s order): the weight, number and farthest distance of the points
/// it serves: the solver's own assignment (capacities), else the nearest chosen stop (p-median,
/// p-center), else the nearest chosen stop within the radius (covering models).
fn assign(
    inst: &Instance,
    model: Model,
    open: &[usize],
    near: &[Option<(usize, f64)>],
    distances: Option<&DistanceProblem>,
    assignment: Option<&[usize]>,
) -> Vec<(f64, usize, f64)> {
    let n = inst.points();
    let mut assigned: Vec<(f64, usize, f64)> = vec![(0.0, 0, 0.0); open.len()];
    match (model, distances) {
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
    assigned
}
