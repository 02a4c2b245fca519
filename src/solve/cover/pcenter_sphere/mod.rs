//! The vertex p-center on the sphere at a million points, without the points × sites matrix.
//!
//! Only the few points that end up farthest from their stop decide a p-center, so the
//! covering decisions of the binary search over radii are asked of a growing subset of the
//! points (the relaxation of Chen & Chen 2009, used at this scale by Contardo, Iori & Kramer
//! 2019 and Gaar & Sinnl 2022). "No cover of the subset within r" holds for all points too,
//! because dropping points never lengthens the largest distance: r is too short. A cover of
//! the subset is measured on every point: if it reaches them all within r, r is long enough;
//! if not, the points it leaves farthest (per stop and quarter around it) join the subset and
//! the same radius is asked again. Each question is one covering decision on the subset
//! (672 points settle 5 stops over a million points; 50 stops need thousands), and the subset
//! carries over from one radius to the next. Points at the same
//! position are one point here, and points of weight 0 are not served, as in
//! [`pcenter`](crate::solve::cover::pcenter).

use super::pad;
use super::pcenter::{decide_radius, pcenter, Decision};
use crate::model::LatLon;
use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use crate::spatial::{haversine_m, Cloud};
use rayon::prelude::*;

/// Most points the subset may hold: the memory estimate of a run counts this many
/// ([`crate::solve::large`]), so a search that would need more stops there with its bound
/// (1,000,000 × 10,000, p 50, held 4,810 after 115 s).
pub const SUBSET_POINTS: usize = 8_000;

/// Exact vertex p-center of `points` (with `weight`; weight 0 is not served) over candidate
/// `sites` on the sphere, distances in great-circle metres, with `rules` honoured.
///
/// Why next to [`pcenter`](crate::solve::cover::pcenter): that solver reads a dense matrix, 32 bytes per point and site
/// (320 GB at 1,000,000 × 10,000); this one keeps the points, a matrix for the subset that
/// decides the answer (at most [`SUBSET_POINTS`]) and one distance per point. The outcome means
/// the same: the objective is the plan's largest distance over every served point, the bound
/// a proven lower bound (equal when `Optimal`); `nodes` counts the set-covering nodes of all
/// the subset decisions.
pub fn pcenter_sphere(
    points: &[LatLon],
    weight: &[f64],
    sites: &[LatLon],
    rules: &SiteRules,
    limits: &Limits,
) -> Outcome {
    capped(points, weight, sites, rules, limits, SUBSET_POINTS)
}

/// [`pcenter_sphere`] with the subset held to `cap` points (tests reach a small cap in
/// milliseconds; the real one takes minutes).
fn capped(
    points: &[LatLon],
    weight: &[f64],
    sites: &[LatLon],
    rules: &SiteRules,
    limits: &Limits,
    cap: usize,
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
    let mut sub = Subset::new(sites, rules, clients.len());
    // Any one point starts the subset; its own optimum is a first bound and plan.
    sub.add(&clients, &[0][..clients.len().min(1)]);
    let first = pcenter(&sub.problem, rules, limits);
    if first.status == Status::Infeasible || clients.is_empty() {
        return first;
    }
    let cloud = Cloud::new(&clients);
    let mut run = Run {
        lower: first.bound,
        best: (f64::INFINITY, Vec::new()),
        nodes: first.nodes,
        full: None,
    };
    run.measure(&cloud, sites, first.open);
    while run.lower < run.best.0 && !limits.expired() {
        let (r, above) = sub.middle_radius(run.lower, run.best.0);
        let (answer, nodes) = match decide_radius(&sub.problem, rules, r, limits) {
            Ok(a) => a,
            Err(reason) => return Outcome::infeasible(reason),
        };
        run.nodes += nodes;
        match answer {
            Decision::No => run.lower = above,
            Decision::Unknown => break,
            Decision::Yes(open) => {
                let open = pad(open, rules.p, &rules.allowed);
                let (near, at) = run.measure(&cloud, sites, open);
                let far = farthest_per_stop(&clients, &near, r, &at);
                if sub.problem.clients + far.len() > cap {
                    run.full = Some(cap);
                    break;
                }
                sub.add(&clients, &far);
            }
        }
    }
    run.finish()
}

/// What the search over radii holds between questions.
struct Run {
    /// Proven: no plan reaches every point within less.
    lower: f64,
    /// The best plan so far and its radius over every point.
    best: (f64, Vec<usize>),
    nodes: u64,
    /// The subset cap, once the subset would have passed it.
    full: Option<usize>,
}

impl Run {
    /// Measures `open` on every point, keeps it when it beats the best plan, and returns each
    /// point's nearest stop of it with the stops' positions.
    fn measure(
        &mut self,
        cloud: &Cloud,
        sites: &[LatLon],
        open: Vec<usize>,
    ) -> (Vec<Option<(usize, f64)>>, Vec<LatLon>) {
        let at: Vec<LatLon> = open.iter().map(|&j| sites[j]).collect();
        let near = cloud.nearest(&at);
        let reach = near.iter().flatten().map(|n| n.1).fold(0.0, f64::max);
        if reach < self.best.0 {
            self.best = (reach, open);
        }
        (near, at)
    }

    fn finish(self) -> Outcome {
        let (radius, open) = self.best;
        let done = radius <= self.lower;
        Outcome {
            status: if done {
                Status::Optimal
            } else {
                Status::TimeLimit
            },
            open,
            objective: radius,
            bound: self.lower.min(radius),
            nodes: self.nodes,
            note: self.full.filter(|_| !done).map(|cap| {
                format!("the points that decide the radius passed {cap}: stopped with the bound")
            }),
        }
    }
}

/// The points asked so far, as a dense problem: their rows × every site, each of weight 1.
struct Subset<'a> {
    sites: &'a [LatLon],
    allowed: Vec<usize>,
    problem: DistanceProblem,
    /// Which clients are in, so none joins twice.
    taken: Vec<bool>,
}

impl<'a> Subset<'a> {
    fn new(sites: &'a [LatLon], rules: &SiteRules, clients: usize) -> Subset<'a> {
        Subset {
            sites,
            allowed: (0..sites.len()).filter(|&j| rules.allowed[j]).collect(),
            problem: DistanceProblem {
                clients: 0,
                sites: sites.len(),
                dist: Vec::new(),
                weight: Vec::new(),
            },
            taken: vec![false; clients],
        }
    }

    /// Adds the rows of `chosen` (indices into `clients`) not already in.
    fn add(&mut self, clients: &[LatLon], chosen: &[usize]) {
        let fresh: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&i| !std::mem::replace(&mut self.taken[i], true))
            .collect();
        let sites = self.sites;
        let rows: Vec<f64> = fresh
            .par_iter()
            .flat_map_iter(|&i| sites.iter().map(move |&s| haversine_m(clients[i], s)))
            .collect();
        self.problem.dist.extend(rows);
        self.problem.clients += fresh.len();
        self.problem.weight.resize(self.problem.clients, 1.0);
    }

    /// The distances from a subset point to an allowed site within [`lower`, `upper`).
    fn window(&self, lower: f64, upper: f64) -> Vec<f64> {
        (0..self.problem.clients)
            .into_par_iter()
            .flat_map_iter(|i| {
                let row = self.problem.row(i);
                self.allowed
                    .iter()
                    .map(move |&j| row[j])
                    .filter(move |&d| d >= lower && d < upper)
            })
            .collect()
    }

    /// The median of the subset's candidate radii in [`lower`, `upper`) (`lower` itself when
    /// there are none: it is then the only radius left to ask), and the bound that "no cover
    /// within it" would prove: the subset's optimum is one of its distances beyond it, so the
    /// smallest of them (capped at `upper`, a radius already reached). Both come from one
    /// pass over the subset's distances.
    fn middle_radius(&self, lower: f64, upper: f64) -> (f64, f64) {
        let mut radii = self.window(lower, upper);
        if radii.is_empty() {
            return (lower, upper);
        }
        let mid = (radii.len() - 1) / 2;
        let r = *radii.select_nth_unstable_by(mid, f64::total_cmp).1;
        let above = radii.into_iter().filter(|&d| d > r).fold(upper, f64::min);
        (r, above)
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
mod tests;
