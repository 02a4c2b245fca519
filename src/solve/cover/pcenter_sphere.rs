//! The vertex p-center on the sphere at a million points, without the points × sites matrix.
//!
//! Only the few points that end up farthest from their stop decide a p-center, so the exact
//! solver ([`pcenter`](crate::solve::cover::pcenter)) runs on a growing subset of them (the relaxation of Chen & Chen 2009,
//! used at this scale by Contardo, Iori & Kramer 2019 and Gaar & Sinnl 2022). The optimum on
//! a subset is a lower bound for all points, because dropping points never lengthens the
//! largest distance; the subset's plan, measured on every point, is an upper bound. When the
//! two meet the plan is optimal; otherwise the points its plan leaves beyond the subset's
//! radius (the farthest per stop) join the subset and it is solved again. Points at the same
//! position are one point here, and points of weight 0 are not served, as in [`pcenter`](crate::solve::cover::pcenter).

use super::pcenter::{pcenter_from, Hint};
use crate::model::LatLon;
use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use crate::spatial::{haversine_m, Cloud};
use rayon::prelude::*;

/// Exact vertex p-center of `points` (with `weight`; weight 0 is not served) over candidate
/// `sites` on the sphere, distances in great-circle metres, with `rules` honoured.
///
/// Why next to [`pcenter`](crate::solve::cover::pcenter): that solver reads a dense matrix, 32 bytes per point and site
/// (320 GB at 1,000,000 × 10,000); this one keeps the points, a matrix for the subset that
/// decides the answer (a few hundred points) and one distance per point. The outcome means
/// the same: the objective is the plan's largest distance over every served point, the bound
/// a proven lower bound (equal when `Optimal`); `nodes` counts the set-covering nodes of all
/// the subset solves.
pub fn pcenter_sphere(
    points: &[LatLon],
    weight: &[f64],
    sites: &[LatLon],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    if weight.len() != points.len() {
        return Outcome::infeasible(format!(
            "{} weights given for {} points",
            weight.len(),
            points.len()
        ));
    }
    if let Some(i) = weight.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Outcome::infeasible(format!(
            "the weight of point {i} is {}, not a finite number 0 or more",
            weight[i]
        ));
    }
    let clients = distinct_served(points, weight);
    let cloud = Cloud::new(&clients);
    // Any one point starts the subset; the loop adds the ones that matter.
    let mut subset: Vec<usize> = (0..clients.len().min(1)).collect();
    let (mut lower, mut nodes) = (0.0f64, 0u64);
    let mut best: Option<(f64, Vec<usize>)> = None;
    loop {
        let sub = subset_problem(&clients, &subset, sites);
        let hint: Option<Hint> = best.as_ref().map(|b| (lower, b.1.clone()));
        let inner = pcenter_from(&sub, rules, limits, hint.as_ref());
        nodes += inner.nodes;
        if inner.status == Status::Infeasible || clients.is_empty() {
            return inner;
        }
        lower = lower.max(inner.bound);
        let at: Vec<LatLon> = inner.open.iter().map(|&j| sites[j]).collect();
        let near = cloud.nearest(&at);
        let upper = near.iter().flatten().map(|n| n.1).fold(0.0, f64::max);
        if best.as_ref().is_none_or(|b| upper < b.0) {
            best = Some((upper, inner.open.clone()));
        }
        let (radius, open) = best.clone().expect("set above");
        let done = radius <= lower;
        if done || inner.status != Status::Optimal || limits.expired() {
            return Outcome {
                status: if done {
                    Status::Optimal
                } else {
                    Status::TimeLimit
                },
                open,
                objective: radius,
                bound: if done { radius } else { lower.min(radius) },
                nodes,
                note: None,
            };
        }
        let added = farthest_per_stop(&clients, &near, inner.objective, &at);
        if added.is_empty() {
            // Cannot happen (a plan over its subset's radius leaves a point beyond it), but a
            // loop without progress must not spin.
            return Outcome {
                status: Status::TimeLimit,
                open,
                objective: radius,
                bound: lower.min(radius),
                nodes,
                note: None,
            };
        }
        subset.extend(added);
        subset.sort_unstable();
        subset.dedup();
    }
}

/// The distinct positions of the points of positive weight, in a fixed order (by latitude,
/// then longitude): a p-center asks only where the served points are.
fn distinct_served(points: &[LatLon], weight: &[f64]) -> Vec<LatLon> {
    let mut at: Vec<LatLon> = points
        .iter()
        .zip(weight)
        .filter(|(_, &w)| w > 0.0)
        .map(|(&p, _)| p)
        .collect();
    at.par_sort_unstable_by(|a, b| a.lat.total_cmp(&b.lat).then(a.lon.total_cmp(&b.lon)));
    at.dedup_by(|a, b| a.lat.to_bits() == b.lat.to_bits() && a.lon.to_bits() == b.lon.to_bits());
    at
}

/// The dense problem of the subset: its points × every site, each point of weight 1.
fn subset_problem(clients: &[LatLon], subset: &[usize], sites: &[LatLon]) -> DistanceProblem {
    let dist = subset
        .par_iter()
        .flat_map_iter(|&i| sites.iter().map(move |&s| haversine_m(clients[i], s)))
        .collect();
    DistanceProblem {
        clients: subset.len(),
        sites: sites.len(),
        dist,
        weight: vec![1.0; subset.len()],
    }
}

/// For each stop of the plan and each quarter around it (north-east, north-west, …), the
/// point it serves farthest beyond `radius` (ties to the lower point), ascending: the points
/// that the subset missed, spread over the plan and around each stop, so that a few rounds
/// find the points that decide the radius.
fn farthest_per_stop(
    clients: &[LatLon],
    near: &[Option<(usize, f64)>],
    radius: f64,
    stops: &[LatLon],
) -> Vec<usize> {
    let mut far: Vec<Option<(usize, f64)>> = vec![None; 4 * stops.len()];
    for (i, n) in near.iter().enumerate() {
        if let Some((k, d)) = *n {
            let (p, s) = (clients[i], stops[k]);
            let slot = 4 * k + usize::from(p.lat >= s.lat) * 2 + usize::from(p.lon >= s.lon);
            if d > radius && far[slot].is_none_or(|(_, b)| d > b) {
                far[slot] = Some((i, d));
            }
        }
    }
    let mut added: Vec<usize> = far.into_iter().flatten().map(|(i, _)| i).collect();
    added.sort_unstable();
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmarks::synthetic::{dataset, SyntheticSpec};
    use crate::solve::cover::pcenter;

    fn dense(points: &[LatLon], weight: &[f64], sites: &[LatLon]) -> DistanceProblem {
        DistanceProblem {
            clients: points.len(),
            sites: sites.len(),
            dist: points
                .iter()
                .flat_map(|&p| sites.iter().map(move |&s| haversine_m(p, s)))
                .collect(),
            weight: weight.to_vec(),
        }
    }

    #[test]
    fn the_subset_method_finds_the_dense_optimum() {
        for seed in 1..=4 {
            let data = dataset(&SyntheticSpec {
                demand_points: 1500,
                candidates: 120,
                stores: 0,
                survey_places: 0,
                side_km: 8.0,
                seed,
            });
            let sites = data.candidates.data.locations();
            let pts = &data.demand.data.locations;
            // Some points weigh nothing and some share a position: neither changes the answer.
            let mut weight = data.demand.data.columns[0].values.clone();
            for w in weight.iter_mut().step_by(7) {
                *w = 0.0;
            }
            let mut rules = SiteRules::open(sites.len(), 3 + seed as usize);
            rules.allowed[5] = false;
            rules.required = vec![(seed as usize * 17) % sites.len()];
            let limits = Limits::new(None, 1);
            let want = pcenter(&dense(pts, &weight, &sites), &rules, &limits);
            let got = pcenter_sphere(pts, &weight, &sites, &rules, &limits);
            assert_eq!(want.status, Status::Optimal);
            assert_eq!(got.status, Status::Optimal, "seed {seed}");
            assert_eq!(got.objective, want.objective, "seed {seed}");
            assert_eq!(got.bound, got.objective);
            assert_eq!(got.open.len(), rules.p);
            assert!(got.open.contains(&rules.required[0]) && !got.open.contains(&5));
        }
    }

    #[test]
    fn bad_weights_and_rules_are_reasons_not_panics() {
        let pts = [LatLon::new(35.0, 139.0)];
        let sites = [LatLon::new(35.0, 139.01)];
        let limits = Limits::new(None, 1);
        let r = pcenter_sphere(&pts, &[f64::NAN], &sites, &SiteRules::open(1, 1), &limits);
        assert_eq!(r.status, Status::Infeasible);
        let r = pcenter_sphere(&pts, &[1.0], &sites, &SiteRules::open(1, 2), &limits);
        assert_eq!(r.status, Status::Infeasible);
        let r = pcenter_sphere(&pts, &[0.0], &sites, &SiteRules::open(1, 1), &limits);
        assert_eq!((r.status, r.objective), (Status::Optimal, 0.0));
    }
}

#[cfg(test)]
mod threads {
    use super::*;
    use crate::benchmarks::synthetic::{dataset, SyntheticSpec};

    #[test]
    fn one_thread_or_many_give_the_same_plan() {
        let data = dataset(&SyntheticSpec {
            demand_points: 40_000,
            candidates: 200,
            stores: 0,
            survey_places: 0,
            side_km: 10.0,
            seed: 9,
        });
        let sites = data.candidates.data.locations();
        let (pts, w) = (
            &data.demand.data.locations,
            &data.demand.data.columns[0].values,
        );
        let rules = SiteRules::open(sites.len(), 5);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| pcenter_sphere(pts, w, &sites, &rules, &Limits::new(None, 1)))
        };
        let one = run(1);
        assert_eq!(run(3), one);
        assert_eq!(one.status, Status::Optimal);
    }
}
