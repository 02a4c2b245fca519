//! Ejection moves of the capacitated assignment: a client moves to a cheaper site that is
//! full by pushing one of that site's clients on to a third site with room.
//!
//! With capacities at 80 % of the demand nearly every site near a client is full, so neither
//! a shift (needs room) nor a swap (needs two clients whose demands fit each other's place)
//! can move it; a chain of two moves often can. Each client looks only at the sites cheaper
//! for it than its own, and each pushed client only at its [`PUSH_NEAR`] nearest sites.

use super::assign::{cheaper_open, members_of, open_mask, Plan, MOVE_TOL};
use super::capdata::CapData;

/// Sites a pushed client may go to: its nearest ones (the move must pay for itself).
const PUSH_NEAR: usize = 24;

/// One pass of ejections; whether any client moved.
pub(super) fn eject_clients(data: &CapData, plan: &mut Plan, load: &mut [f64]) -> bool {
    let open = open_mask(data, &plan.open);
    let mut members = members_of(data, plan);
    let mut moved = false;
    for i in 0..data.n {
        let a = plan.site[i];
        let cheaper = cheaper_open(data, &open, i, data.cost(i, a) - MOVE_TOL);
        for b in cheaper {
            let gain = data.cost(i, a) - data.cost(i, b);
            let Some((k, c)) = best_push(data, &open, load, &members[b], (i, a, b), gain) else {
                continue;
            };
            let (qi, qk) = (data.demand[i], data.demand[k]);
            load[a] -= qi;
            load[b] += qi - qk;
            load[c] += qk;
            plan.site[i] = b;
            plan.site[k] = c;
            members[a].retain(|&x| x != i);
            members[b].retain(|&x| x != k);
            members[b].push(i);
            members[c].push(k);
            moved = true;
            break;
        }
    }
    moved
}

/// The client `k` of site `b` and the site `c` to push it to that gain most, when moving
/// client `i` from `a` to `b` (worth `gain`) and `k` from `b` to `c` keeps every site within
/// capacity and lowers the cost.
fn best_push(
    data: &CapData,
    open: &[bool],
    load: &[f64],
    at_b: &[usize],
    (i, a, b): (usize, usize, usize),
    gain: f64,
) -> Option<(usize, usize)> {
    let qi = data.demand[i];
    let mut best: Option<(f64, usize, usize)> = None;
    for &k in at_b {
        let qk = data.demand[k];
        if load[b] - qk + qi > data.capacity[b] {
            continue;
        }
        let limit = data.cost(k, b) + gain - MOVE_TOL;
        for c in data.near(k).take(PUSH_NEAR) {
            let cost = data.cost(k, c);
            if cost >= limit {
                break;
            }
            // c = a is a swap; c = b is no move.
            if !open[c] || c == a || c == b || load[c] + qk > data.capacity[c] {
                continue;
            }
            let delta = cost - data.cost(k, b) - gain;
            if best.is_none_or(|(d, _, _)| delta < d) {
                best = Some((delta, k, c));
            }
            break;
        }
    }
    best.map(|(_, k, c)| (k, c))
}
