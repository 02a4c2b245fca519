//! p-median on the sphere at a million points, without the points × sites matrix: a plan
//! by locate–allocate and swaps, a proven lower bound by the Lagrangian on per-client radius
//! lists.
//!
//! The dense solvers read 32 bytes per point and site (320 GB at 1,000,000 × 10,000). Here
//! points at the same position are one client with their weights summed, and the clients are
//! merged into about 40,000 grid-cell groups and those into about 5,000 coarser ones
//! ([`group`]). The plan is searched on the groups (starts, swaps and kicks on the coarse
//! ones, swaps on the groups, locate–allocate on the clients: [`swap`]); the multipliers are
//! searched on the coarse groups, then the groups ([`prices`]), then carried to the clients,
//! whose lists hold only the sites within a little more than their price (never past the
//! second nearest stop; about 200 per client at p = 50 of 10,000 sites), and raised there by
//! a few steps ([`relax`]). Every plan is measured and every bound computed on the clients
//! themselves; the groups only guide. The answer is a plan with a proven gap, `Heuristic`
//! (or `Optimal` when the bound meets it), never a hope.

mod group;
mod lists;
mod locate;
mod prices;
mod relax;
mod swap;
#[cfg(test)]
mod tests;

use crate::model::LatLon;
use crate::solve::{Limits, Outcome, SiteRules, Status};
use crate::spatial::{Cloud, SphereIndex};
use group::Groups;
use lists::Lists;
use locate::{Ground, Plan};
use prices::{group_prices, reach, two_nearest, GroupPrices, Setting};
use rayon::prelude::*;
use relax::Relax;
use swap::search;

/// About how many groups the plan and the multipliers are searched on.
const GROUPS: usize = 40_000;

/// About how many coarser groups (of the groups) the first prices and the starts use.
const COARSE: usize = 5_000;

/// The part of the time left after the plan that the groups' prices take; the rest goes to
/// the clients' lists and steps.
const PRICES_SHARE: f64 = 0.6;

/// The part of the time the plan search takes.
const PLAN_SHARE: f64 = 0.25;

/// Most client–site pairs the lists may hold (8 bytes each: 1.6 GB).
pub const MAX_PAIRS: u64 = 200_000_000;

/// Subgradient steps on the clients after the groups' prices (fewer when the step has
/// shrunk or the time is up).
const STEPS: usize = 200;

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
    let at: Vec<LatLon> = ids.iter().map(|&j| sites[j]).collect();
    let index = SphereIndex::new(&at);
    let set = Setting {
        sites,
        index: &index,
        ids: &ids,
        required: &required,
        free: &free,
        k: rules.p - required.len(),
    };
    solve(&clients, &cw, &set, rules.p, (GROUPS, COARSE), limits)
}

/// The plan and bound for merged `clients` (weights `cw`), searched on about `sizes.0`
/// groups of them and `sizes.1` coarser groups of those.
fn solve(
    clients: &[LatLon],
    cw: &[f64],
    set: &Setting,
    p: usize,
    sizes: (usize, usize),
    limits: &Limits,
) -> Outcome {
    let cloud = Cloud::new(clients);
    let ground = Ground::new(&cloud, cw, set, p);
    let fine = Groups::new(clients, cw, sizes.0);
    let coarse = Groups::new(&fine.at, &fine.weight, sizes.1);
    let (fcloud, ccloud) = (Cloud::new(&fine.at), Cloud::new(&coarse.at));
    let grounds = [
        Ground::new(&ccloud, &coarse.weight, set, p),
        Ground::new(&fcloud, &fine.weight, set, p),
        ground,
    ];
    let best = search(&grounds, &share(limits, PLAN_SHARE), limits.seed);
    let gp = group_prices(
        &coarse,
        &fine,
        set,
        &best.open,
        &share(limits, PRICES_SHARE),
    );
    let (bound, pairs) = client_bound(&grounds[2], set, &fine, &gp, &best, limits);
    finish(best, bound, pairs)
}

/// The bound on the clients of `ground` from the groups' prices `gp`, carried to them by the
/// plan `best`, then raised by subgradient steps on the clients until the deadline: the
/// bound and the number of list pairs it read.
fn client_bound(
    ground: &Ground,
    set: &Setting,
    fine: &Groups,
    gp: &GroupPrices,
    best: &Plan,
    limits: &Limits,
) -> (f64, usize) {
    let (clients, cw) = (ground.cloud.locations(), ground.weight);
    let near = two_nearest(ground.cloud, ground.sites, &best.open);
    let d1: Vec<f64> = near.iter().map(|n| n[0]).collect();
    let price = fine.transfer(&gp.price, &gp.near, &d1);
    let radius = list_radius(&price, &near, clients, ground.index);
    let lists = Lists::build(clients, radius, ground.index, ground.ids);
    let relax = Relax {
        lists: &lists,
        weight: cw,
        sites: ground.sites.len(),
        required: ground.required,
        free: set.free,
        k: set.k,
    };
    let scaled = |s: f64| -> Vec<f64> {
        (0..clients.len())
            .into_par_iter()
            .map(|i| {
                let v = (d1[i] + s * (price[i] - d1[i])).min(near[i][1]);
                relax.clamp(i, cw[i] * v)
            })
            .collect()
    };
    let s = best_scale(|s| relax.value(&scaled(s)).bound);
    let mut lambda = scaled(s);
    let bound = relax.ascend(&mut lambda, best.cost, STEPS, 0.05, limits);
    (bound, lists.pairs())
}

/// The factor in [0.7, 1.1] that `bound` (concave) is largest at, by golden section.
fn best_scale(bound: impl Fn(f64) -> f64) -> f64 {
    let r = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (0.7, 1.1);
    let (mut x, mut y) = (b - r * (b - a), a + r * (b - a));
    let (mut fx, mut fy) = (bound(x), bound(y));
    for _ in 0..6 {
        if fx < fy {
            (a, x, fx) = (x, y, fy);
            y = a + r * (b - a);
            fy = bound(y);
        } else {
            (b, y, fy) = (y, x, fx);
            x = b - r * (b - a);
            fx = bound(x);
        }
    }
    if fx < fy {
        y
    } else {
        x
    }
}

/// `limits`, ending after `part` of the time left (unchanged without a deadline).
fn share(limits: &Limits, part: f64) -> Limits {
    limits.until(limits.deadline.map(|d| {
        let now = std::time::Instant::now();
        now + d.saturating_duration_since(now).mul_f64(part)
    }))
}

/// Each client's list radius: a margin beyond its price for the steps to come, never past
/// its second nearest stop (see [`reach`]), less margin when the lists would pass
/// [`MAX_PAIRS`] (counted on every 64th client).
fn list_radius(
    price: &[f64],
    near: &[[f64; 2]],
    clients: &[LatLon],
    index: &SphereIndex,
) -> Vec<f64> {
    let mut extra = 0.05;
    let with = |extra: f64| -> Vec<f64> {
        price
            .par_iter()
            .zip(near.par_iter())
            .map(|(&v, &n)| (v * (1.0 + extra) + 2000.0 * extra).min(reach(n)).max(n[0]))
            .collect()
    };
    let mut radius = with(extra);
    while extra > 0.001 {
        let sample: u64 = (0..clients.len())
            .step_by(64)
            .map(|i| index.within(clients[i], radius[i]).len() as u64)
            .sum();
        if sample.saturating_mul(64) <= MAX_PAIRS {
            break;
        }
        extra *= 0.5;
        radius = with(extra);
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
