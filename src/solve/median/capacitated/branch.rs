//! How a capacitated node splits: on sites while the open set is undecided, then on where a
//! contested client goes.

use super::pseudo::Side;
use super::relax::{Relaxed, View};
use super::{strong, Node};
use crate::solve::median::capdata::CapData;
use crate::solve::median::costs::Fix;

/// Children of a node, the one to explore first first: on the most fractional free site
/// while sites are undecided, else on a client the relaxation takes twice or not at all.
/// Empty when nothing is left to split.
pub(super) fn branch(data: &CapData, node: &Node, view: &View, rel: &Relaxed) -> Vec<Node> {
    let split = if sites_undecided(data, view, rel) {
        site_split(data, view, rel)
    } else {
        client_split(data, view, rel)
    };
    let Some((first, second)) = split else {
        return Vec::new();
    };
    let child = |change: Change| match change {
        Change::Open(j) => strong::child(node, j, Side::Open, rel.usage[j], false),
        Change::Close(j) => strong::child(node, j, Side::Close, rel.usage[j], false),
        Change::Assign(i, j) => {
            let mut c = node.clone();
            c.fixed[i] = j;
            c
        }
        Change::Forbid(i, j) => {
            let mut c = node.clone();
            c.forbid.push(i * data.m + j);
            c
        }
    };
    vec![child(first), child(second)]
}

/// Whether the node still splits on sites: the relaxation chooses a site not yet forced.
pub(super) fn sites_undecided(data: &CapData, view: &View, rel: &Relaxed) -> bool {
    (0..data.m).any(|j| view.fix[j] == Fix::Free && rel.chosen[j])
}

/// What a child changes in its parent's fixings.
#[derive(Clone, Copy)]
enum Change {
    /// Site forced open.
    Open(usize),
    /// Site closed.
    Close(usize),
    /// Client `.0` served by site `.1`.
    Assign(usize, usize),
    /// Client `.0` never served by site `.1`.
    Forbid(usize, usize),
}

/// Open, then close, the free site the relaxation's usage leaves most fractional.
fn site_split(data: &CapData, view: &View, rel: &Relaxed) -> Option<(Change, Change)> {
    let frac = |j: usize| rel.usage[j].min(1.0 - rel.usage[j]);
    let j = (0..data.m)
        .filter(|&j| view.fix[j] == Fix::Free)
        .max_by(|&a, &b| frac(a).total_cmp(&frac(b)).then(b.cmp(&a)))?;
    Some((Change::Open(j), Change::Close(j)))
}

/// With the sites decided (the open set is the forced-open one): assign, then forbid, the
/// largest client the relaxation takes twice or not at all at its cheapest chosen site.
fn client_split(data: &CapData, view: &View, rel: &Relaxed) -> Option<(Change, Change)> {
    let m = data.m;
    let mut count = vec![0u32; data.n];
    for j in 0..m {
        if rel.chosen[j] {
            for &i in &rel.take[j] {
                count[i] += 1;
            }
        }
    }
    let largest = |clients: &mut dyn Iterator<Item = usize>| {
        clients.max_by(|&a, &b| data.demand[a].total_cmp(&data.demand[b]).then(b.cmp(&a)))
    };
    let contested = largest(&mut view.free.iter().copied().filter(|&i| count[i] != 1));
    // Every free client taken once. With exact knapsacks the bound is that plan's cost and
    // the plan was offered: nothing left here. With LP knapsacks the bound may lie below it,
    // so keep branching until every client is fixed (then the bound is exact).
    let i = contested.or_else(|| {
        (!data.exact)
            .then(|| largest(&mut view.free.iter().copied()))
            .flatten()
    })?;
    let j = (0..m)
        .filter(|&j| {
            rel.chosen[j]
                && !view.forbid[i * m + j]
                && data.demand[i] <= view.room[j]
                && (count[i] == 0 || rel.take[j].binary_search(&i).is_ok())
        })
        .min_by(|&a, &b| data.cost(i, a).total_cmp(&data.cost(i, b)).then(a.cmp(&b)))?;
    Some((Change::Assign(i, j), Change::Forbid(i, j)))
}
