//! Single-source assignment of clients to a fixed set of open sites (a generalised assignment
//! problem), solved heuristically: the upper-bound side of the capacitated search.
//!
//! The capacitated relaxation proposes open sites and, per site, the clients it would like;
//! clients end up wanted twice or not at all. Turning that into a feasible plan is a
//! generalised assignment: regret-ordered greedy (the client that loses most by not getting
//! its best site goes first), then shift and swap moves, then moving each cluster's median to
//! a better site of the cluster's capacity.

use super::capdata::CapData;

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

/// Regret greedy; `None` when some client fits nowhere.
fn greedy(data: &CapData, sites: &[usize], hint: Option<&[usize]>) -> Option<Vec<usize>> {
    let n = data.n;
    let mut load = vec![0.0; data.m];
    let mut site = vec![usize::MAX; n];
    if let Some(hint) = hint {
        for i in 0..n {
            let j = hint[i];
            if j != usize::MAX && sites.contains(&j) && load[j] + data.demand[i] <= data.capacity[j]
            {
                load[j] += data.demand[i];
                site[i] = j;
            }
        }
    }
    loop {
        // The unassigned client with the largest regret goes next.
        let mut pick: Option<(f64, f64, usize, usize)> = None; // (regret, demand, i, site)
        let mut any = false;
        for i in 0..n {
            if site[i] != usize::MAX {
                continue;
            }
            any = true;
            let (mut b1, mut c1, mut c2) = (usize::MAX, f64::INFINITY, f64::INFINITY);
            for &j in sites {
                if load[j] + data.demand[i] > data.capacity[j] {
                    continue;
                }
                let c = data.cost(i, j);
                if c < c1 || (c == c1 && j < b1) {
                    c2 = c1;
                    (b1, c1) = (j, c);
                } else if c < c2 {
                    c2 = c;
                }
            }
            if b1 == usize::MAX {
                return None;
            }
            let regret = c2 - c1;
            let key = (regret, data.demand[i]);
            if pick.is_none_or(|(r, q, _, _)| key.0 > r || (key.0 == r && key.1 > q)) {
                pick = Some((regret, data.demand[i], i, b1));
            }
        }
        if !any {
            return Some(site);
        }
        let (_, _, i, j) = pick?;
        load[j] += data.demand[i];
        site[i] = j;
    }
}

/// Shift, swap and median moves until none improves; sets `plan.cost`.
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
        if !(shifted || swapped || recentred) {
            break;
        }
    }
    plan.open.sort_unstable();
    plan.cost = (0..n).map(|i| data.cost(i, plan.site[i])).sum();
}

/// Smallest cost change a move must make to count: guards against cycling on rounding noise.
const MOVE_TOL: f64 = 1e-9;

/// Shifts: each client, in order, moves to the first open site (in `plan.open` order) that
/// is cheaper by more than the tolerance and has room. Whether any client moved.
fn shift_clients(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let mut moved = false;
    for i in 0..data.n {
        let a = plan.site[i];
        for &b in &plan.open {
            if b != a
                && data.cost(i, b) < data.cost(i, a) - MOVE_TOL
                && load[b] + data.demand[i] <= data.capacity[b]
            {
                load[a] -= data.demand[i];
                load[b] += data.demand[i];
                plan.site[i] = b;
                moved = true;
                break;
            }
        }
    }
    moved
}

/// Swaps: every pair of clients at different sites exchanges sites when that is cheaper and
/// both sites keep within capacity. Reaches plans no single shift can, when sites are full.
/// Whether any pair swapped.
fn swap_clients(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let n = data.n;
    let mut moved = false;
    for i in 0..n {
        for k in i + 1..n {
            let (a, b) = (plan.site[i], plan.site[k]);
            if a == b {
                continue;
            }
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
                moved = true;
            }
        }
    }
    moved
}

/// Medians: move a cluster to the site (not open, allowed) that serves it cheapest.
/// Required sites stay. Whether any cluster moved.
fn move_medians(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let mut moved = false;
    for pos in 0..plan.open.len() {
        let j = plan.open[pos];
        if data.required[j] {
            continue;
        }
        let members: Vec<usize> = (0..data.n).filter(|&i| plan.site[i] == j).collect();
        let now: f64 = members.iter().map(|&i| data.cost(i, j)).sum();
        let mut best = (now, j);
        for &k in &data.allowed {
            if plan.open.contains(&k) || data.capacity[k] < load[j] {
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
            moved = true;
        }
    }
    moved
}

/// Candidate replacement sites tried per open site in [`swap_sites`].
const SWAP_CANDIDATES: usize = 8;

/// Site-swap local search on a plan: close one open site, open one of the sites that would
/// serve its cluster cheapest, reassign; keep the first improvement, until none improves.
/// Why: the relaxation's open sets are often one site away from the best plan, and the
/// assignment moves alone never change the open set by more than a cluster's median.
pub(crate) fn swap_sites(data: &CapData, mut plan: Plan, limits: &crate::solve::Limits) -> Plan {
    let n = data.n;
    'outer: loop {
        for pos in 0..plan.open.len() {
            let j = plan.open[pos];
            if data.required[j] {
                continue;
            }
            let members: Vec<usize> = (0..n).filter(|&i| plan.site[i] == j).collect();
            let mut ranked: Vec<(f64, usize)> = data
                .allowed
                .iter()
                .filter(|&&k| !plan.open.contains(&k))
                .map(|&k| (members.iter().map(|&i| data.cost(i, k)).sum::<f64>(), k))
                .collect();
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            for &(_, k) in ranked.iter().take(SWAP_CANDIDATES) {
                // Each try reassigns every client: check the clock per try, not per pass.
                if limits.expired() {
                    return plan;
                }
                let mut sites = plan.open.clone();
                sites[pos] = k;
                let hint: Vec<usize> = plan
                    .site
                    .iter()
                    .map(|&s| if s == j { usize::MAX } else { s })
                    .collect();
                if let Some(c) = assign(data, &sites, Some(&hint)) {
                    if c.cost < plan.cost - 1e-9 * plan.cost.abs().max(1.0) {
                        plan = c;
                        continue 'outer;
                    }
                }
            }
        }
        return plan;
    }
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
