//! p-median on the sphere at a million points, without the points × sites matrix: a plan
//! by locate–allocate, a proven lower bound by the Lagrangian on per-client radius lists.
//!
//! The dense solvers read 32 bytes per point and site (320 GB at 1,000,000 × 10,000). Here
//! points at the same position are one client with their weights summed, a plan is measured
//! with one distance per client, and the bound reads for each client only the sites within
//! a radius of it (1.5 × its distance in the best plan; about 10 % of the sites at p = 50),
//! which is where its multiplier can pay into a site ([`relax`]). The answer is a plan with a
//! proven gap, `Heuristic` (or `Optimal` when the bound meets it), never a hope.

mod lists;
mod locate;
mod relax;
#[cfg(test)]
mod tests;

use crate::model::LatLon;
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::{Cloud, SphereIndex};
use lists::Lists;
use locate::{Ground, Plan};
use relax::Relax;

/// How far beyond its distance in the best plan each client's list reaches.
const REACH: f64 = 1.5;

/// Most client–site pairs the lists may hold (8 bytes each: 1.6 GB).
pub const MAX_PAIRS: u64 = 200_000_000;

/// Subgradient steps of the bound (fewer when the step has shrunk or the time is up).
const STEPS: usize = 400;

/// p-median of `points` (with `weight`) over candidate `sites` on the sphere, in great-circle
/// metres, with `rules` honoured: a plan of exactly `p` sites and a proven lower bound on
/// every plan's total weighted distance.
///
/// Why: a prefecture's mesh cells and every shrine, temple and estate are far beyond a dense
/// matrix; a planner still needs a plan and a guarantee of how far from the best it can be.
/// Deterministic for a seed (`limits.seed`), whatever the number of threads.
pub fn pmedian_sphere(
    points: &[LatLon],
    weight: &[f64],
    sites: &[LatLon],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    if let Err(why) = check(points, weight, sites, rules) {
        return Outcome::infeasible(why);
    }
    let (clients, cw) = merged(points, weight);
    let required = rules.required.clone();
    let ids: Vec<usize> = (0..sites.len()).filter(|&j| rules.allowed[j]).collect();
    let free: Vec<usize> = ids
        .iter()
        .copied()
        .filter(|j| !required.contains(j))
        .collect();
    if clients.is_empty() {
        let mut open = required.clone();
        open.extend(free.iter().take(rules.p - required.len()));
        open.sort_unstable();
        return Outcome {
            status: Status::Optimal,
            open,
            objective: 0.0,
            bound: 0.0,
            nodes: 0,
            note: None,
        };
    }
    let cloud = Cloud::new(&clients);
    let at: Vec<LatLon> = ids.iter().map(|&j| sites[j]).collect();
    let index = SphereIndex::new(&at);
    let ground = Ground {
        cloud: &cloud,
        weight: &cw,
        sites,
        index: &index,
        ids: &ids,
        required: &required,
        p: rules.p,
    };
    let mut best = starts(&ground, limits);
    let radius = list_radius(&best, &cw, &clients, &index);
    let lists = Lists::build(&clients, radius, &index, &ids);
    let relax = Relax {
        lists: &lists,
        weight: &cw,
        sites: sites.len(),
        required: &required,
        free: &free,
        k: rules.p - required.len(),
    };
    let mut lambda: Vec<f64> = (0..clients.len()).map(|i| cw[i] * best.near[i].1).collect();
    let (bound, plans) = relax.ascend(&mut lambda, best.cost, STEPS, limits);
    // The relaxation's last sites, moved to their clients' medians, may beat the plan.
    if let Some(p) = plans
        .last()
        .map(|open| ground.improve(open.clone(), limits))
    {
        if p.cost < best.cost {
            best = p;
        }
    }
    finish(best, bound, lists.pairs())
}

/// The best of three seeded spread starts, each improved by locate–allocate.
fn starts(ground: &Ground, limits: &Limits) -> Plan {
    let mut best = ground.improve(ground.seed(limits.seed), limits);
    for s in 1..3 {
        if limits.expired() {
            break;
        }
        let other = ground.improve(ground.seed(limits.seed.wrapping_add(s)), limits);
        if other.cost < best.cost {
            best = other;
        }
    }
    best
}

/// Each client's list radius. The multipliers of clients near their stop exceed their own
/// distance (they share the stop's price), so every list reaches up to the plan's mean
/// distance beyond 1.5 × its own, less when the lists would pass [`MAX_PAIRS`] (counted on
/// every 64th client).
fn list_radius(best: &Plan, cw: &[f64], clients: &[LatLon], index: &SphereIndex) -> Vec<f64> {
    let total_w: f64 = cw.iter().sum();
    let mut extra = best.cost / total_w;
    let reach =
        |extra: f64| -> Vec<f64> { best.near.iter().map(|n| REACH * n.1 + extra).collect() };
    let mut radius = reach(extra);
    while extra > 1.0 {
        let sample: u64 = (0..clients.len())
            .step_by(64)
            .map(|i| index.within(clients[i], radius[i]).len() as u64)
            .sum();
        if sample.saturating_mul(64) <= MAX_PAIRS {
            break;
        }
        extra *= 0.8;
        radius = reach(extra);
    }
    radius
}

/// The outcome of the best plan and bound; the bound is lowered by a billionth for the float
/// sums behind it.
fn finish(best: Plan, bound: f64, pairs: usize) -> Outcome {
    let proven = bound >= best.cost * (1.0 - 1e-9);
    let bound = (bound - 1e-9 * bound.abs()).min(best.cost);
    Outcome {
        status: if proven {
            Status::Optimal
        } else {
            Status::Heuristic
        },
        bound: if proven { best.cost } else { bound },
        open: best.open,
        objective: best.cost,
        nodes: 0,
        note: Some(format!("bound from {pairs} client–site pairs")),
    }
}

/// Why the input cannot be solved, if it cannot.
fn check(
    points: &[LatLon],
    weight: &[f64],
    sites: &[LatLon],
    rules: &SiteRules,
) -> Result<(), String> {
    if weight.len() != points.len() {
        return Err(format!(
            "{} weights given for {} points",
            weight.len(),
            points.len()
        ));
    }
    if let Some(i) = weight.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(format!(
            "the weight of point {i} is {}, not a finite number 0 or more",
            weight[i]
        ));
    }
    if rules.allowed.len() != sites.len() {
        return Err(format!(
            "the site rules describe {} sites but there are {}",
            rules.allowed.len(),
            sites.len()
        ));
    }
    if let Some(&j) = rules
        .required
        .iter()
        .find(|&&j| j >= sites.len() || !rules.allowed[j])
    {
        return Err(format!(
            "site {j} is required but is not an allowed candidate site"
        ));
    }
    if rules.required.windows(2).any(|w| w[0] >= w[1]) {
        return Err("the required sites are not ascending and distinct".into());
    }
    if rules.p == 0 {
        return Err("p = 0: no stop can serve the clients".into());
    }
    rules.infeasibility().map_or(Ok(()), Err)
}

/// Points of positive weight merged by identical position (weights summed in point order),
/// ordered by latitude then longitude.
fn merged(points: &[LatLon], weight: &[f64]) -> (Vec<LatLon>, Vec<f64>) {
    let mut order: Vec<usize> = (0..points.len()).filter(|&i| weight[i] > 0.0).collect();
    let key = |i: &usize| (points[*i].lat.to_bits(), points[*i].lon.to_bits());
    order.sort_by(|a, b| {
        let (p, q) = (points[*a], points[*b]);
        p.lat
            .total_cmp(&q.lat)
            .then(p.lon.total_cmp(&q.lon))
            .then(a.cmp(b))
    });
    let (mut at, mut w): (Vec<LatLon>, Vec<f64>) = (Vec::new(), Vec::new());
    let mut last = None;
    for i in order {
        if last == Some(key(&i)) {
            *w.last_mut().expect("merged after a first") += weight[i];
        } else {
            at.push(points[i]);
            w.push(weight[i]);
            last = Some(key(&i));
        }
    }
    (at, w)
}
