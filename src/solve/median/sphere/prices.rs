//! Multipliers for the bound, searched on the groups and carried to the clients.
//!
//! A subgradient step on a million clients reads a hundred million list pairs; on forty
//! thousand groups it reads a few million, so the groups afford the thousands of steps the
//! ascent needs. Their prices are then handed to the clients ([`Groups::transfer`]) and the
//! bound is computed on the clients' own lists: the groups never enter a reported bound.

use super::group::Groups;
use super::lists::{Lists, PIECE};
use super::relax::Relax;
use crate::model::LatLon;
use crate::solve::Limits;
use crate::spatial::{haversine_m, to_xyz, Cloud, SphereIndex};
use rayon::prelude::*;

/// The candidate sites and the rules, as the relaxation needs them.
pub(super) struct Setting<'a> {
    pub sites: &'a [LatLon],
    /// The allowed sites, indexed; `ids` maps index entries to site numbers.
    pub index: &'a SphereIndex,
    pub ids: &'a [usize],
    pub required: &'a [usize],
    pub free: &'a [usize],
    /// Free sites to open.
    pub k: usize,
}

/// What the groups' ascent found.
pub(super) struct GroupPrices {
    /// Each group's price per unit weight.
    pub price: Vec<f64>,
    /// Each group's distance to the plan's nearest stop.
    pub near: Vec<f64>,
}

/// Each point's distances to the nearest and the second nearest of the sites `open` (the
/// second is the first when only one is open).
pub(super) fn two_nearest(cloud: &Cloud, sites: &[LatLon], open: &[usize]) -> Vec<[f64; 2]> {
    let at: Vec<[f64; 3]> = open.iter().map(|&j| to_xyz(sites[j])).collect();
    let locs = cloud.locations();
    cloud
        .xyz()
        .par_iter()
        .enumerate()
        .map(|(i, q)| {
            let (mut a, mut b) = ((f64::INFINITY, 0), (f64::INFINITY, 0));
            for (k, s) in at.iter().enumerate() {
                let c = (q[0] - s[0]).powi(2) + (q[1] - s[1]).powi(2) + (q[2] - s[2]).powi(2);
                if c < a.0 {
                    b = a;
                    a = (c, k);
                } else if c < b.0 {
                    b = (c, k);
                }
            }
            let d1 = haversine_m(locs[i], sites[open[a.1]]);
            let d2 = if b.0.is_finite() {
                haversine_m(locs[i], sites[open[b.1]])
            } else {
                d1
            };
            [d1, d2.max(d1)]
        })
        .collect()
}

/// The list radius of a point `near` the plan's stops: its second nearest stop a little
/// widened. At the best multipliers a client pays into one stop of a good plan, so its price
/// stays below the second stop's distance; the margin leaves the ascent room.
pub(super) fn reach(near: [f64; 2]) -> f64 {
    1.1 * near[1] + 200.0
}

/// Prices of the groups `fine`: first on their groups `coarse` (cheap steps from afar, half
/// the time), then carried to `fine` for finer steps, each level starting from the plan
/// `open`'s distances.
pub(super) fn group_prices(
    coarse: &Groups,
    fine: &Groups,
    set: &Setting,
    open: &[usize],
    limits: &Limits,
) -> GroupPrices {
    let half = limits.until(limits.deadline.map(|d| {
        let now = std::time::Instant::now();
        now + d.saturating_duration_since(now).mul_f64(0.5)
    }));
    let c = level(coarse, set, open, None, COARSE_STEPS, 2.0, &half);
    let fine_near: Vec<f64> = two_nearest(&Cloud::new(&fine.at), set.sites, open)
        .iter()
        .map(|n| n[0])
        .collect();
    let start = coarse.transfer(&c.price, &c.near, &fine_near);
    level(fine, set, open, Some(start), FINE_STEPS, 0.25, limits)
}

/// Subgradient steps on the coarse groups.
const COARSE_STEPS: usize = 3000;

/// Subgradient steps on the groups, from the coarse groups' prices.
const FINE_STEPS: usize = 4000;

/// Prices of `groups` by `steps` subgradient steps from `start` (prices per unit weight;
/// `None`: each group's distance to the plan `open` plus the best common surplus), with the
/// plan's cost on the groups as the target and `factor` as the first step factor.
fn level(
    groups: &Groups,
    set: &Setting,
    open: &[usize],
    start: Option<Vec<f64>>,
    steps: usize,
    factor: f64,
    limits: &Limits,
) -> GroupPrices {
    let cloud = Cloud::new(&groups.at);
    let near = two_nearest(&cloud, set.sites, open);
    let radius: Vec<f64> = near.iter().map(|&n| reach(n)).collect();
    let lists = Lists::build(&groups.at, radius, set.index, set.ids);
    let relax = Relax {
        lists: &lists,
        weight: &groups.weight,
        sites: set.sites.len(),
        required: set.required,
        free: set.free,
        k: set.k,
    };
    let upper: f64 = sum_pieces(
        &near
            .iter()
            .zip(&groups.weight)
            .map(|(n, w)| w * n[0])
            .collect::<Vec<_>>(),
    );
    let d1: Vec<f64> = near.iter().map(|n| n[0]).collect();
    let price = start.unwrap_or_else(|| {
        let e = common_surplus(&relax, &d1, upper / groups.weight.iter().sum::<f64>());
        d1.iter().map(|d| d + e).collect()
    });
    let mut lambda: Vec<f64> = (0..groups.len())
        .map(|g| relax.clamp(g, groups.weight[g] * price[g]))
        .collect();
    relax.ascend(&mut lambda, upper, steps, factor, limits);
    let price = lambda
        .iter()
        .zip(&groups.weight)
        .map(|(l, w)| l / w)
        .collect();
    GroupPrices { price, near: d1 }
}

/// The surplus `e` in [0, 2 × `mean`] for which prices `d1 + e` give the best bound
/// (golden-section search; the bound is concave in `e`).
fn common_surplus(relax: &Relax, d1: &[f64], mean: f64) -> f64 {
    let at = |e: f64| -> f64 {
        let lambda: Vec<f64> = d1
            .iter()
            .enumerate()
            .map(|(i, d)| relax.clamp(i, relax.weight[i] * (d + e)))
            .collect();
        relax.value(&lambda).bound
    };
    let r = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (0.0, 2.0 * mean);
    let (mut x, mut y) = (b - r * (b - a), a + r * (b - a));
    let (mut fx, mut fy) = (at(x), at(y));
    for _ in 0..16 {
        if fx < fy {
            a = x;
            x = y;
            fx = fy;
            y = a + r * (b - a);
            fy = at(y);
        } else {
            b = y;
            y = x;
            fy = fx;
            x = b - r * (b - a);
            fx = at(x);
        }
    }
    (a + b) / 2.0
}

/// A sum made per piece and then in piece order (the same whatever the thread count).
pub(super) fn sum_pieces(x: &[f64]) -> f64 {
    x.par_chunks(PIECE)
        .map(|c| c.iter().sum::<f64>())
        .collect::<Vec<_>>()
        .iter()
        .sum()
}
