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
use rayon::prelude::*;
use std::collections::HashMap;

/// Neighbourhood sizes, one round each, smallest first: (most clients, most stops). Small
/// neighbourhoods are cheap and take the easy gains; the larger ones then reach what needs
/// several stops to move together. A neighbour whose cluster would pass the client count
/// is left out, but every neighbourhood has at least two stops. A round runs only when two
/// clusters of the mean size fit in it and it holds at most a third of the clients: beyond
/// that a neighbourhood is nearly the whole instance, which the full search handles better
/// (the small instances it proves are not slowed by a heuristic they do not need). Where
/// the stop cap would leave a neighbourhood less than two thirds full of clients (clusters
/// of a few clients) it rises until the mean cluster fills the client count: on ali535_150
/// (3.6 clients a stop) 6 and 10 stops left the plan 7 % above the best known after
/// regrouping, 14 and 27 stops 1.5 %, and p3038_900 (3.4 a stop) went from +0.50 % to
/// +0.43 % in 5 minutes; on lin318_040 (8 a stop) raising 6 and 10 to 7 and 13 lost the
/// optimum the plain caps reach, hence the two thirds.
const ROUNDS: [(usize, usize); 5] = [(48, 6), (96, 10), (192, 16), (384, 28), (768, 48)];

/// Closed sites offered per client of a neighbourhood, its nearest ones.
const SITES_PER_CLIENT: usize = 4;

/// Nodes of the search per neighbourhood, one pass of every round each: the first settles
/// small neighbourhoods cheaply; once a pass gains nothing, the deeper ones reach the plans
/// a large neighbourhood hides behind a few more branchings (on rl1304_300 the 40-node pass
/// over 28 stops gains a further 0.4 %). The deeper passes run above [`LARGE`] clients or
/// from [`MANY_STOPS`] stops: below both the full search improves the plan faster than they
/// do.
const DEPTHS: [u64; 3] = [10, 40, 160];

/// Clients above which the full search's nodes no longer improve a plan within minutes (its
/// relaxation alone takes seconds), so regrouping gets the deeper passes and most of a time
/// limit.
pub(crate) const LARGE: usize = 1000;

/// Stops from which regrouping gets its deeper passes at any client count: the full
/// search's tree is then too wide for its nodes to improve a plan within minutes. Two
/// 5-minute runs side by side, without and with them, ended above the best known value by
/// +1.20 % and +0.42 % on ali535_150, +0.50 % and +0.20 % on ali535_100, +0.09 % and
/// +0.05 % on u724_125, +0.08 % and +0.05 % on u724_200; lin318_100 reached the same plan
/// at 60 s either way. From 50 stops rather than 100, ali535_050 went from +0.55 % to +0.07 %
/// at 5 minutes and lin318_070 from +0.48 % to the optimum's value at 60 s.
const MANY_STOPS: usize = 50;

/// Neighbourhoods re-solved side by side: enough to keep two to eight cores busy, few
/// enough that most answers in a batch touch different stops.
const BATCH: usize = 8;

/// The plan with every neighbourhood re-solved until none improves (or the deadline
/// passes). Deterministic: neighbourhoods are visited in a fixed order and each search is
/// bounded by nodes, not time.
pub(crate) fn regroup(data: &CapData, plan: Plan, limits: &Limits) -> Plan {
    regroup_at(data, plan, limits, depths(data))
}

/// The search depths [`regroup`] runs its passes at: all of [`DEPTHS`] above [`LARGE`]
/// clients or from [`MANY_STOPS`] stops, else the first.
fn depths(data: &CapData) -> &'static [u64] {
    if data.n > LARGE || data.p >= MANY_STOPS {
        &DEPTHS[..]
    } else {
        &DEPTHS[..1]
    }
}

/// [`regroup`] with one pass of every round per search depth in `depths`.
fn regroup_at(data: &CapData, mut plan: Plan, limits: &Limits, depths: &[u64]) -> Plan {
    for &nodes in depths {
        for size in rounds(data) {
            plan = round(data, plan, limits, size, nodes);
        }
    }
    plan
}

/// The rounds of [`ROUNDS`] that fit the instance: two clusters of the mean size fit in a
/// neighbourhood, and it holds at most a third of the clients.
fn rounds(data: &CapData) -> impl Iterator<Item = (usize, usize)> {
    let mean = data.n as f64 / data.p.max(1) as f64;
    let n = data.n;
    ROUNDS
        .into_iter()
        .filter(move |&(clients, _)| 2.0 * mean <= clients as f64 && 3 * clients <= n)
        .map(move |(clients, stops)| {
            // Small clusters: as many stops as fill the neighbourhood with clients, when the
            // stop cap would leave it less than two thirds full.
            let sparse = (stops as f64 * mean) < clients as f64 * 2.0 / 3.0;
            let fill = (clients as f64 / mean).ceil() as usize;
            (clients, if sparse { stops.max(fill) } else { stops })
        })
}

/// Every neighbourhood of `size` re-solved until none improves.
///
/// Stops are taken in batches of [`BATCH`]: the batch's neighbourhoods are re-solved in
/// parallel against the plan as it stood, then the cheaper answers are written in stop
/// order, each only if it shares no site with one written before it in the batch (its
/// clients and sites are then untouched, so its gain still holds); a skipped one is tried
/// again in the next pass. Batches are fixed by the stop order, never by the thread count.
fn round(
    data: &CapData,
    mut plan: Plan,
    limits: &Limits,
    size: (usize, usize),
    nodes: u64,
) -> Plan {
    // When each site's cluster last changed, and when each neighbourhood was last tried:
    // one tried since its stops last changed would give the same answer again.
    let mut changed = vec![0u64; data.m];
    let mut tried: HashMap<Vec<usize>, u64> = HashMap::new();
    let mut clock = 1u64;
    loop {
        let mut improved = false;
        // Each site's clients, rebuilt only when a neighbourhood changes them.
        let mut members = members_of(data, &plan);
        for batch in plan.open.clone().chunks(BATCH) {
            if limits.expired() {
                return plan;
            }
            let mut groups: Vec<Vec<usize>> = Vec::new();
            for &k in batch {
                if !plan.open.contains(&k) {
                    continue;
                }
                let group = neighbourhood(data, &plan, &members, k, size);
                let fresh = !tried
                    .get(&group)
                    .is_some_and(|&at| group.iter().all(|&j| changed[j] < at));
                if fresh && !groups.contains(&group) {
                    groups.push(group);
                }
            }
            let found: Vec<Option<Regrouped>> = groups
                .par_iter()
                .map(|group| resolve(data, &plan, &members, group, limits, nodes))
                .collect();
            // Solved against the plan at `asked`: a change written after it means "try again".
            let asked = clock;
            let mut touched = vec![false; data.m];
            let mut wrote = false;
            for (group, found) in groups.into_iter().zip(found) {
                let Some(found) = found else {
                    tried.insert(group, asked);
                    continue;
                };
                if group.iter().chain(&found.opened).any(|&j| touched[j]) {
                    continue;
                }
                clock += 1;
                for &j in group.iter().chain(&found.opened) {
                    touched[j] = true;
                    changed[j] = clock;
                }
                found.write(data, &mut plan, &group);
                wrote = true;
            }
            clock += 1;
            if wrote {
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

/// A cheaper plan for one neighbourhood's clients.
struct Regrouped {
    clients: Vec<usize>,
    /// The site of each of `clients`.
    sites: Vec<usize>,
    /// The open sites of the neighbourhood after it.
    opened: Vec<usize>,
}

impl Regrouped {
    /// Writes the neighbourhood's new sites and assignments into `plan`.
    fn write(&self, data: &CapData, plan: &mut Plan, group: &[usize]) {
        plan.open.retain(|j| !group.contains(j));
        plan.open.extend(&self.opened);
        plan.open.sort_unstable();
        for (&i, &j) in self.clients.iter().zip(&self.sites) {
            plan.site[i] = j;
        }
        plan.cost = (0..data.n).map(|i| data.cost(i, plan.site[i])).sum();
    }
}

/// Re-solves the neighbourhood `group` (open stops) over its clients and their nearest
/// closed sites; the cheaper plan for it, if the search finds one.
fn resolve(
    data: &CapData,
    plan: &Plan,
    members: &[Vec<usize>],
    group: &[usize],
    limits: &Limits,
    nodes: u64,
) -> Option<Regrouped> {
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
    let found = search_nodes(&sub, Some(now), limits, nodes).best?;
    if found.cost >= before - 1e-9 * before.abs().max(1.0) {
        return None;
    }
    Some(Regrouped {
        opened: found.open.iter().map(|&l| sites[l]).collect(),
        sites: found.site.iter().map(|&l| sites[l]).collect(),
        clients,
    })
}

#[cfg(test)]
mod tests;
