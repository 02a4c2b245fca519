//! Regrouping: a few neighbouring clusters of a plan re-solved together, exactly, by the
//! capacitated search itself (a matheuristic in the manner of Stefanello, de Araújo &
//! Müller 2015, who re-solve pairs of clusters with a MIP solver).
//!
//! With hundreds of stops the moves of `assign` are stuck far from the best plans: a better
//! plan usually needs two or three neighbouring stops to move at once and their clients to
//! be shared out again, which no single shift, swap or site swap reaches. A neighbourhood of
//! a few dozen clients and their nearby sites is a small capacitated p-median that the
//! branch and bound settles in a few nodes, so each stop's neighbourhood is re-solved in
//! turn, and whatever is cheaper replaces it, until a whole round improves nothing.

use super::assign::{members_of, open_mask, Plan};
use super::capacitated::search_nodes;
use super::capdata::CapData;
use crate::solve::Limits;
use std::collections::HashMap;

/// Neighbourhood sizes, one round each, smallest first: (most clients, most stops). Small
/// neighbourhoods are cheap and take the easy gains; the larger ones then reach what needs
/// several stops to move together. A neighbour whose cluster would pass the client count
/// is left out, but every neighbourhood has at least two stops. A round runs only when two
/// clusters of the mean size fit in it and it holds at most a third of the clients: beyond
/// that a neighbourhood is nearly the whole instance, which the full search handles better
/// (the small instances it proves are not slowed by a heuristic they do not need).
const ROUNDS: [(usize, usize); 5] = [(48, 6), (96, 10), (192, 16), (384, 28), (768, 48)];

/// Closed sites offered per client of a neighbourhood, its nearest ones.
const SITES_PER_CLIENT: usize = 4;

/// Nodes of the search per neighbourhood: enough to settle a small one, bounded so a hard
/// one costs little.
const NODES: u64 = 10;

/// The plan with every neighbourhood re-solved until none improves (or the deadline
/// passes). Deterministic: neighbourhoods are visited in a fixed order and each search is
/// bounded by nodes, not time.
pub(crate) fn regroup(data: &CapData, mut plan: Plan, limits: &Limits) -> Plan {
    let mean = data.n as f64 / data.p.max(1) as f64;
    let fits =
        |&(clients, _): &(usize, usize)| 2.0 * mean <= clients as f64 && 3 * clients <= data.n;
    for size in ROUNDS.into_iter().filter(fits) {
        plan = round(data, plan, limits, size);
    }
    plan
}

/// Every neighbourhood of `size` re-solved until none improves.
fn round(data: &CapData, mut plan: Plan, limits: &Limits, size: (usize, usize)) -> Plan {
    // When each site's cluster last changed, and when each neighbourhood was last tried:
    // one tried since its stops last changed would give the same answer again.
    let mut changed = vec![0u64; data.m];
    let mut tried: HashMap<Vec<usize>, u64> = HashMap::new();
    let mut clock = 1u64;
    loop {
        let mut improved = false;
        // Each site's clients, rebuilt only when a neighbourhood changes them.
        let mut members = members_of(data, &plan);
        for k in plan.open.clone() {
            if limits.expired() {
                return plan;
            }
            if !plan.open.contains(&k) {
                continue;
            }
            let group = neighbourhood(data, &plan, &members, k, size);
            if tried
                .get(&group)
                .is_some_and(|&at| group.iter().all(|&j| changed[j] < at))
            {
                continue;
            }
            clock += 1;
            tried.insert(group.clone(), clock);
            if let Some(opened) = resolve(data, &mut plan, &members, &group, limits) {
                clock += 1;
                for j in group.into_iter().chain(opened) {
                    changed[j] = clock;
                }
                improved = true;
                members = members_of(data, &plan);
            }
        }
        if !improved {
            return plan;
        }
    }
}

/// Stop `k` and its nearest other stops (nearest to any of `k`'s clients), ascending, while
/// their clients number at most `max_clients`.
fn neighbourhood(
    data: &CapData,
    plan: &Plan,
    members: &[Vec<usize>],
    k: usize,
    (max_clients, max_stops): (usize, usize),
) -> Vec<usize> {
    let open = open_mask(data, &plan.open);
    let mut closest: HashMap<usize, f64> = HashMap::new();
    for &i in &members[k] {
        let mut found = 0;
        for j in data.near(i) {
            if !open[j] || j == k {
                continue;
            }
            let c = data.cost(i, j);
            closest.entry(j).and_modify(|x| *x = x.min(c)).or_insert(c);
            found += 1;
            if found == max_stops {
                break;
            }
        }
    }
    let mut ranked: Vec<(f64, usize)> = closest.into_iter().map(|(j, c)| (c, j)).collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut group = vec![k];
    let mut clients = members[k].len();
    for (_, j) in ranked {
        if group.len() == max_stops {
            break;
        }
        if group.len() > 1 && clients + members[j].len() > max_clients {
            continue;
        }
        clients += members[j].len();
        group.push(j);
    }
    group.sort_unstable();
    group
}

/// Re-solves the neighbourhood `group` (open stops) over its clients and their nearest
/// closed sites; when the search finds a cheaper plan for it, writes it into `plan` and
/// returns the sites it opened.
fn resolve(
    data: &CapData,
    plan: &mut Plan,
    members: &[Vec<usize>],
    group: &[usize],
    limits: &Limits,
) -> Option<Vec<usize>> {
    let mut clients: Vec<usize> = group.iter().flat_map(|&j| members[j].clone()).collect();
    clients.sort_unstable();
    let open = open_mask(data, &plan.open);
    let mut sites: Vec<usize> = group.to_vec();
    for &i in &clients {
        sites.extend(data.near(i).filter(|&j| !open[j]).take(SITES_PER_CLIENT));
    }
    sites.sort_unstable();
    sites.dedup();
    let required: Vec<usize> = group
        .iter()
        .copied()
        .filter(|&j| data.required[j])
        .collect();
    let sub = data.restrict(&clients, &sites, group.len(), &required);
    let local = |j: usize| {
        sites
            .binary_search(&j)
            .expect("a group site is a local site")
    };
    let now = Plan {
        open: group.iter().map(|&j| local(j)).collect(),
        site: clients.iter().map(|&i| local(plan.site[i])).collect(),
        cost: clients.iter().map(|&i| data.cost(i, plan.site[i])).sum(),
    };
    let before = now.cost;
    let found = search_nodes(&sub, Some(now), limits, NODES).best?;
    if found.cost >= before - 1e-9 * before.abs().max(1.0) {
        return None;
    }
    let opened: Vec<usize> = found.open.iter().map(|&l| sites[l]).collect();
    plan.open.retain(|j| !group.contains(j));
    plan.open.extend(&opened);
    plan.open.sort_unstable();
    for (n, &i) in clients.iter().enumerate() {
        plan.site[i] = sites[found.site[n]];
    }
    plan.cost = (0..data.n).map(|i| data.cost(i, plan.site[i])).sum();
    Some(opened)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::median::assign::assign;
    use crate::solve::median::capacitated::search;
    use crate::solve::{DistanceProblem, SiteRules};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// `n` random points in a 100 × 100 square, each a client and a site, whole distances.
    fn instance(rng: &mut ChaCha8Rng, n: usize, p: usize) -> Option<CapData> {
        let at: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
            .collect();
        let dist = at
            .iter()
            .flat_map(|a| at.iter().map(move |b| (a.0 - b.0).hypot(a.1 - b.1).round()))
            .collect();
        let problem = DistanceProblem {
            clients: n,
            sites: n,
            dist,
            weight: vec![1.0; n],
        };
        let demand: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(1..10u32))).collect();
        let cap = (demand.iter().sum::<f64>() / p as f64 * 1.25).ceil();
        let mut rules = SiteRules::open(n, p);
        rules.required = vec![n / 2];
        CapData::new(&problem, &demand, &vec![cap; n], &rules).ok()
    }

    fn check(data: &CapData, plan: &Plan) {
        assert_eq!(plan.open.len(), data.p);
        assert!(plan.open.windows(2).all(|w| w[0] < w[1]));
        assert!(plan.open.contains(&(data.n / 2)), "the required site stays");
        let mut load = vec![0.0; data.m];
        for (i, &j) in plan.site.iter().enumerate() {
            assert!(plan.open.contains(&j));
            load[j] += data.demand[i];
        }
        assert!((0..data.m).all(|j| load[j] <= data.capacity[j]));
        let cost: f64 = (0..data.n).map(|i| data.cost(i, plan.site[i])).sum();
        assert_eq!(plan.cost, cost);
    }

    #[test]
    fn regrouped_plans_stay_feasible_and_never_cost_more() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut gained = 0;
        for _ in 0..12 {
            let (n, p) = (rng.gen_range(150..260), rng.gen_range(10..25));
            let Some(data) = instance(&mut rng, n, p) else {
                continue;
            };
            // A poor start: the required site and the lowest-numbered others.
            let mut sites: Vec<usize> = (0..data.n).filter(|&j| j != data.n / 2).collect();
            sites.truncate(p - 1);
            sites.push(data.n / 2);
            let Some(start) = assign(&data, &sites, None) else {
                continue;
            };
            let plan = regroup(&data, start.clone(), &Limits::default());
            check(&data, &plan);
            assert!(plan.cost <= start.cost);
            gained += usize::from(plan.cost < start.cost);
        }
        assert!(gained >= 8, "regrouping improved only {gained} poor plans");
    }

    #[test]
    fn regrouping_comes_near_the_proven_optimum() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        for _ in 0..3 {
            let data = instance(&mut rng, 150, 15).expect("room for every client");
            let sites: Vec<usize> = (0..14).chain([75]).collect();
            let start = assign(&data, &sites, None).expect("a plan");
            let plan = regroup(&data, start.clone(), &Limits::default());
            let exact = search(&data, None, &Limits::default());
            let best = exact.best.expect("an optimum").cost;
            assert!(exact.finished);
            check(&data, &plan);
            // No worse than the assignment moves alone, and close to what the search proves.
            assert!(plan.cost <= start.cost, "{} vs {}", plan.cost, start.cost);
            assert!(plan.cost <= best * 1.03, "{} vs optimum {best}", plan.cost);
        }
    }

    #[test]
    fn one_thread_or_many_regroup_alike() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let data = instance(&mut rng, 150, 12).expect("room for every client");
        let sites: Vec<usize> = (0..11).chain([75]).collect();
        let start = assign(&data, &sites, None).expect("a plan");
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| regroup(&data, start.clone(), &Limits::default()))
        };
        let one = run(1);
        check(&data, &one);
        assert_eq!(run(3), one);
    }
}
