//! Swaps of one stop for one site on the groups (Teitz & Bart's interchange, evaluated all
//! at once as Whitaker does): locate–allocate only moves stops within their own areas, a
//! swap moves one across the map, where the plan is thin.
//!
//! For each client, every site nearer than its second nearest stop changes what a swap
//! costs it; these are read from its list (nearest first), so one pass over the lists
//! prices every (site in, stop out) pair. The best is then measured exactly and kept only if
//! the plan improves.

use super::lists::{Lists, PIECE};
use super::locate::{Ground, Plan};
use super::prices::{reach, two_nearest};
use crate::solve::Limits;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Starts made on the coarsest ground.
const STARTS: u64 = 4;

/// Starts carried on to the finer grounds.
const KEEP: usize = 2;

/// A plan found on `grounds` (coarsest first, the clients last): seeded spread starts
/// improved by locate–allocate and swaps on the coarsest, the best [`KEEP`] of them refined on
/// the finer ones ([`refine`]). Swaps on a few thousand groups are cheap, and local optima
/// differ by about half a percent, so several starts pay.
pub(super) fn search(grounds: &[Ground], limits: &Limits, seed: u64) -> Plan {
    let coarse = &grounds[0];
    let mut found: Vec<Plan> = Vec::new();
    for s in 0..STARTS {
        if s > 0 && limits.expired() {
            break;
        }
        let start = coarse.improve(coarse.seed(seed.wrapping_add(s)), limits);
        found.push(swaps(coarse, start, limits));
    }
    found.sort_by(|a, b| a.cost.total_cmp(&b.cost).then(a.open.cmp(&b.open)));
    let kicked = kicks(coarse, found[0].clone(), limits, seed);
    if kicked.cost < found[0].cost {
        found.insert(0, kicked);
    }
    let mut best: Option<Plan> = None;
    for plan in found.into_iter().take(KEEP) {
        let q = refine(&grounds[1..], grounds[1].improve(plan.open, limits), limits);
        if best.as_ref().is_none_or(|b| q.cost < b.cost) {
            best = Some(q);
        }
    }
    best.expect("at least one start")
}

/// Kicks tried from the best start.
const KICKS: usize = 16;

/// Stops moved by one kick.
const KICKED: usize = 3;

/// Iterated local search from `best` on `ground`: [`KICKED`] stops moved to sites near
/// groups drawn by weight, then locate–allocate and swaps; kept when better. Starts from
/// nothing find local optima half a percent apart; kicks from the best find better ones
/// nearby at the cost of one swap search each.
fn kicks(ground: &Ground, mut best: Plan, limits: &Limits, seed: u64) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x6b69_636b);
    let total: f64 = ground.weight.iter().sum();
    let locs = ground.cloud.locations();
    for _ in 0..KICKS {
        if limits.expired() {
            break;
        }
        let mut open = best.open.clone();
        for _ in 0..KICKED {
            let k = rng.gen_range(0..open.len());
            if ground.required.contains(&open[k]) {
                continue;
            }
            let mut x = rng.gen::<f64>() * total;
            let g = ground.weight.iter().position(|w| {
                x -= w;
                x < 0.0
            });
            let at = locs[g.unwrap_or(locs.len() - 1)];
            if let Some(j) = ground.free_near(at, &open) {
                open[k] = j;
            }
        }
        let q = swaps(ground, ground.improve(open, limits), limits);
        if q.cost < best.cost {
            best = q;
        }
    }
    best
}

/// `plan` (measured on `grounds[0]`) improved by swaps there, then by locate–allocate on the
/// last ground.
fn refine(grounds: &[Ground], plan: Plan, limits: &Limits) -> Plan {
    let plan = swaps(&grounds[0], plan, limits);
    grounds[grounds.len() - 1].improve(plan.open, limits)
}

/// Best-improvement swaps from `plan` on `ground` until none improves or the deadline
/// passes, each followed by locate–allocate. The lists reach each point's second nearest
/// stop of the plan they were made for; when a priced swap disappoints they are made again
/// for the current plan before giving up.
pub(super) fn swaps(ground: &Ground, plan: Plan, limits: &Limits) -> Plan {
    let mut plan = plan;
    let mut lists = lists_for(ground, &plan.open);
    let mut fresh = true;
    for _ in 0..1000 {
        if limits.expired() {
            break;
        }
        let mut better = None;
        for (j, k) in best_swaps(ground, &lists, &plan, TRIES) {
            let mut open = plan.open.clone();
            open[k] = j;
            let next = ground.improve(open, limits);
            if next.cost < plan.cost * (1.0 - 1e-12) {
                better = Some(next);
                break;
            }
        }
        match better {
            Some(next) => {
                plan = next;
                fresh = false;
            }
            None if !fresh => {
                lists = lists_for(ground, &plan.open);
                fresh = true;
            }
            None => break,
        }
    }
    plan
}

/// Priced swaps measured before the search gives up on the lists at hand.
const TRIES: usize = 4;

/// Lists of `ground`'s points reaching past their second nearest stop of `open`.
fn lists_for(ground: &Ground, open: &[usize]) -> Lists {
    let radius = two_nearest(ground.cloud, ground.sites, open)
        .into_iter()
        .map(reach)
        .collect();
    Lists::build(ground.cloud.locations(), radius, ground.index, ground.ids)
}

/// The `n` (site to open, position of the stop to close) pairs that the lists price best
/// among those that save anything, best first, at most one per site to open.
pub(super) fn best_swaps(
    ground: &Ground,
    lists: &Lists,
    plan: &Plan,
    n: usize,
) -> Vec<(usize, usize)> {
    let (m, p) = (ground.sites.len(), plan.open.len());
    let d2 = two_nearest(ground.cloud, ground.sites, &plan.open);
    let mut is_open = vec![false; m];
    for &j in &plan.open {
        is_open[j] = true;
    }
    // gain[j]: what opening j saves; corr[j * p + k]: how closing k as well changes that.
    let parts: Vec<(Vec<f64>, Vec<f64>, Vec<f64>)> = (0..plan.near.len())
        .collect::<Vec<_>>()
        .par_chunks(PIECE)
        .map(|is| {
            let (mut gain, mut corr, mut loss) = (vec![0.0; m], vec![0.0; m * p], vec![0.0; p]);
            for &i in is {
                let (k, d1) = plan.near[i];
                let d2 = d2[i][1];
                let w = ground.weight[i];
                loss[k] += w * (d2 - d1);
                let (site, dist) = lists.of(i);
                for (&j, &d) in site.iter().zip(dist) {
                    let (j, d) = (j as usize, f64::from(d));
                    if d >= d2 {
                        break;
                    }
                    if is_open[j] {
                        continue;
                    }
                    gain[j] += w * (d1 - d).max(0.0);
                    corr[j * p + k] += w * (d.max(d1) - d2);
                }
            }
            (gain, corr, loss)
        })
        .collect();
    let (mut gain, mut corr, mut loss) = (vec![0.0; m], vec![0.0; m * p], vec![0.0; p]);
    for (g, c, l) in parts {
        gain.iter_mut().zip(g).for_each(|(a, b)| *a += b);
        corr.iter_mut().zip(c).for_each(|(a, b)| *a += b);
        loss.iter_mut().zip(l).for_each(|(a, b)| *a += b);
    }
    let mut best: Vec<(f64, usize, usize)> = Vec::new();
    for &j in ground.ids {
        if is_open[j] || gain[j] <= 0.0 {
            continue;
        }
        let least = (0..p)
            .filter(|&k| !ground.required.contains(&plan.open[k]))
            .map(|k| (loss[k] + corr[j * p + k] - gain[j], k))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some((delta, k)) = least {
            if delta < -1e-9 * plan.cost {
                best.push((delta, j, k));
            }
        }
    }
    best.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    best.into_iter().take(n).map(|(_, j, k)| (j, k)).collect()
}
