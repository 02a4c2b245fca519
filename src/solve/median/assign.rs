//! Single-source assignment of clients to a fixed set of open sites (a generalised assignment
//! problem), solved heuristically: the upper-bound side of the capacitated search.
//!
//! The capacitated relaxation proposes open sites and, per site, the clients it would like;
//! clients end up wanted twice or not at all. Turning that into a feasible plan is a
//! generalised assignment: regret-ordered greedy (the client that loses most by not getting
//! its best site goes first; `regret`), then shift and swap moves, moving each cluster's
//! median to a better site of the cluster's capacity, and ejection chains when those are stuck
//! (`eject`). Every move walks a client's nearest sites, not all of them, so a plan costs
//! milliseconds at thousands of points.

use super::capdata::CapData;
use super::regret::greedy;

/// A feasible capacitated plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Plan {
    /// Open sites, ascending.
    pub open: Vec<usize>,
    /// Site of each client.
    pub site: Vec<usize>,
    /// Objective.
    pub cost: f64,
}

impl Plan {
    /// Total order for incumbents: cost, then open set, then assignment.
    pub fn better_than(&self, other: &Plan) -> bool {
        match self.cost.total_cmp(&other.cost) {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Greater => false,
            std::cmp::Ordering::Equal => (&self.open, &self.site) < (&other.open, &other.site),
        }
    }
}

/// A feasible plan on `sites` (exactly the sites to open), or `None` if the heuristic finds
/// none. `hint[i]`, if given and not `usize::MAX`, is a site client `i` should try first.
pub(crate) fn assign(data: &CapData, sites: &[usize], hint: Option<&[usize]>) -> Option<Plan> {
    let site =
        greedy(data, sites, hint).or_else(|| hint.and_then(|_| greedy(data, sites, None)))?;
    let mut plan = Plan {
        open: sites.to_vec(),
        site,
        cost: 0.0,
    };
    plan.open.sort_unstable();
    improve(data, &mut plan);
    Some(plan)
}

/// Shift, swap and median moves until none improves, then ejections (one pass each time the
/// others are stuck); sets `plan.cost`.
pub(crate) fn improve(data: &CapData, plan: &mut Plan) {
    let n = data.n;
    let mut load = vec![0.0; data.m];
    for i in 0..n {
        load[plan.site[i]] += data.demand[i];
    }
    loop {
        let shifted = shift_clients(data, plan, &mut load);
        let swapped = swap_clients(data, plan, &mut load);
        let recentred = move_medians(data, plan, &mut load);
        let ejected = !(shifted || swapped || recentred)
            && super::eject::eject_clients(data, plan, &mut load);
        if !(shifted || swapped || recentred || ejected) {
            break;
        }
    }
    plan.open.sort_unstable();
    plan.cost = (0..n).map(|i| data.cost(i, plan.site[i])).sum();
}

/// Smallest cost change a move must make to count: guards against cycling on rounding noise.
pub(super) const MOVE_TOL: f64 = 1e-9;

/// Shifts: each client, in order, moves to the cheapest open site with room that is cheaper
/// than its own by more than the tolerance (a walk along its nearest sites, which stops at its
/// own). Whether any client moved.
fn shift_clients(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let open = open_mask(data, &plan.open);
    let mut moved = false;
    for i in 0..data.n {
        let a = plan.site[i];
        let now = data.cost(i, a) - MOVE_TOL;
        let to = data
            .near(i)
            .take_while(|&b| data.cost(i, b) < now)
            .find(|&b| open[b] && load[b] + data.demand[i] <= data.capacity[b]);
        if let Some(b) = to {
            load[a] -= data.demand[i];
            load[b] += data.demand[i];
            plan.site[i] = b;
            moved = true;
        }
    }
    moved
}

/// Swaps: two clients at different sites exchange them when that is cheaper and both sites
/// keep within capacity. Reaches plans no single shift can, when sites are full. An improving
/// swap makes at least one of the two cheaper, so each client `i` looks only at the clients of
/// the open sites cheaper for it than its own. Whether any pair swapped.
fn swap_clients(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let open = open_mask(data, &plan.open);
    let mut members = members_of(data, plan);
    let mut moved = false;
    for i in 0..data.n {
        let a = plan.site[i];
        let cheaper = cheaper_open(data, &open, i, data.cost(i, a));
        'sites: for b in cheaper {
            for pos in 0..members[b].len() {
                let k = members[b][pos];
                let delta = data.cost(i, b) + data.cost(k, a) - data.cost(i, a) - data.cost(k, b);
                let (qi, qk) = (data.demand[i], data.demand[k]);
                if delta < -MOVE_TOL
                    && load[a] - qi + qk <= data.capacity[a]
                    && load[b] - qk + qi <= data.capacity[b]
                {
                    load[a] += qk - qi;
                    load[b] += qi - qk;
                    plan.site[i] = b;
                    plan.site[k] = a;
                    members[b][pos] = i;
                    let at = members[a].iter().position(|&x| x == i).unwrap_or(0);
                    members[a][at] = k;
                    moved = true;
                    break 'sites;
                }
            }
        }
    }
    moved
}

/// The clients of each site under a plan, ascending.
pub(super) fn members_of(data: &CapData, plan: &Plan) -> Vec<Vec<usize>> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); data.m];
    for (i, &j) in plan.site.iter().enumerate() {
        members[j].push(i);
    }
    members
}

/// The open sites that serve client `i` for less than `below`, cheapest first: the only sites
/// a move of `i` can gain at, found along its nearest sites.
pub(super) fn cheaper_open(data: &CapData, open: &[bool], i: usize, below: f64) -> Vec<usize> {
    data.near(i)
        .take_while(|&b| data.cost(i, b) < below)
        .filter(|&b| open[b])
        .collect()
}

/// Which sites a plan opens, as a mask over all sites.
pub(super) fn open_mask(data: &CapData, open: &[usize]) -> Vec<bool> {
    let mut mask = vec![false; data.m];
    for &j in open {
        mask[j] = true;
    }
    mask
}

/// Medians: move a cluster to the site (not open, allowed) that serves it cheapest.
/// Required sites stay. Whether any cluster moved.
fn move_medians(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let mut moved = false;
    let mut open = open_mask(data, &plan.open);
    let mut members = members_of(data, plan);
    let mut seen = vec![false; data.m];
    for pos in 0..plan.open.len() {
        let j = plan.open[pos];
        if data.required[j] {
            continue;
        }
        let members = std::mem::take(&mut members[j]);
        let now: f64 = members.iter().map(|&i| data.cost(i, j)).sum();
        let mut best = (now, j);
        for k in median_candidates(data, &members, &mut seen) {
            if open[k] || data.capacity[k] < load[j] {
                continue;
            }
            let c: f64 = members.iter().map(|&i| data.cost(i, k)).sum();
            if c < best.0 - MOVE_TOL {
                best = (c, k);
            }
        }
        if best.1 != j {
            let k = best.1;
            for &i in &members {
                plan.site[i] = k;
            }
            load[k] = load[j];
            load[j] = 0.0;
            plan.open[pos] = k;
            open[j] = false;
            open[k] = true;
            moved = true;
        }
    }
    moved
}

/// Sites scanned per cluster member for a better median, when there are many sites.
const MEDIAN_NEAR: usize = 16;

/// Sites that may serve a cluster better than its median, ascending: every allowed site when
/// there are few, else the [`MEDIAN_NEAR`] nearest of each member. Why: a cluster's best
/// median lies among its members' near sites, and scanning every site for each of 1,000
/// clusters is what made a plan cost seconds at 3,000 points.
fn median_candidates(data: &CapData, members: &[usize], seen: &mut [bool]) -> Vec<usize> {
    if data.allowed.len() <= 4 * MEDIAN_NEAR {
        return data.allowed.clone();
    }
    let mut out = Vec::new();
    for &i in members {
        for k in data.near(i).take(MEDIAN_NEAR) {
            if !seen[k] {
                seen[k] = true;
                out.push(k);
            }
        }
    }
    for &k in &out {
        seen[k] = false;
    }
    out.sort_unstable();
    out
}

/// Candidate replacement sites tried per open site in [`swap_sites`].
const SWAP_CANDIDATES: usize = 8;

/// Site-swap local search on a plan: close one open site, open one of the sites that would
/// serve its cluster cheapest, reassign; keep the first improvement, until none improves.
/// Why: the relaxation's open sets are often one site away from the best plan, and the
/// assignment moves alone never change the open set by more than a cluster's median.
pub(crate) fn swap_sites(data: &CapData, mut plan: Plan, limits: &crate::solve::Limits) -> Plan {
    let p = plan.open.len();
    let mut seen = vec![false; data.m];
    // Cyclic first improvement: after a better plan, go on with the next site rather than
    // from the first again, and stop once every site has been tried without a gain.
    let (mut pos, mut quiet) = (0, 0);
    while quiet < p {
        let j = plan.open[pos % p];
        pos += 1;
        quiet += 1;
        if data.required[j] {
            continue;
        }
        let members: Vec<usize> = (0..data.n).filter(|&i| plan.site[i] == j).collect();
        let open = open_mask(data, &plan.open);
        let mut ranked: Vec<(f64, usize)> = median_candidates(data, &members, &mut seen)
            .into_iter()
            .filter(|&k| !open[k])
            .map(|k| (members.iter().map(|&i| data.cost(i, k)).sum::<f64>(), k))
            .collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, k) in ranked.iter().take(SWAP_CANDIDATES) {
            // Each try reassigns every client: check the clock per try, not per pass.
            if limits.expired() {
                return plan;
            }
            let sites: Vec<usize> = plan
                .open
                .iter()
                .map(|&s| if s == j { k } else { s })
                .collect();
            let hint: Vec<usize> = plan
                .site
                .iter()
                .map(|&s| if s == j { usize::MAX } else { s })
                .collect();
            if let Some(c) = assign(data, &sites, Some(&hint)) {
                if c.cost < plan.cost - 1e-9 * plan.cost.abs().max(1.0) {
                    plan = c;
                    quiet = 0;
                    break;
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{DistanceProblem, SiteRules};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn plans_respect_capacities_and_report_their_cost() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut found = 0;
        for _ in 0..200 {
            let (n, m) = (rng.gen_range(1..20), rng.gen_range(2..8));
            let problem = DistanceProblem {
                clients: n,
                sites: m,
                dist: (0..n * m)
                    .map(|_| f64::from(rng.gen_range(0..30u32)))
                    .collect(),
                weight: vec![1.0; n],
            };
            let demand: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(1..6u32))).collect();
            let capacity: Vec<f64> = (0..m).map(|_| f64::from(rng.gen_range(5..30u32))).collect();
            let p = rng.gen_range(1..=m);
            let Ok(data) = CapData::new(&problem, &demand, &capacity, &SiteRules::open(m, p))
            else {
                continue;
            };
            let sites: Vec<usize> = (0..p).collect();
            let Some(plan) = assign(&data, &sites, None) else {
                continue;
            };
            found += 1;
            let plan = swap_sites(&data, plan, &crate::solve::Limits::default());
            assert_eq!(plan.open.len(), p);
            let mut load = vec![0.0; m];
            let mut cost = 0.0;
            for (i, &j) in plan.site.iter().enumerate() {
                assert!(plan.open.contains(&j));
                load[j] += demand[i];
                cost += data.cost(i, j);
            }
            assert!((0..m).all(|j| load[j] <= capacity[j]));
            assert_eq!(cost, plan.cost);
        }
        assert!(found > 50);
    }
}
