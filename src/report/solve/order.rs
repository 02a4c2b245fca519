//! The order every solve writer lists stops in: by id, numerically when ids are numbers.

use crate::solve::{Instance, SolveResult, StopDetail};

/// Sorts ids numerically when both are whole numbers (benchmark vertices), else as text.
pub(super) fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The chosen ids, sorted.
pub fn sorted_ids(inst: &Instance, res: &SolveResult) -> Vec<String> {
    let mut ids: Vec<String> = res
        .outcome
        .open
        .iter()
        .map(|&j| inst.sites[j].id.clone())
        .collect();
    ids.sort_by(|a, b| id_order(a, b));
    ids
}

/// The chosen stops in id order.
pub(super) fn ordered<'a>(inst: &Instance, res: &'a SolveResult) -> Vec<&'a StopDetail> {
    let mut v: Vec<_> = res.stops.iter().collect();
    v.sort_by(|a, b| id_order(&inst.sites[a.site].id, &inst.sites[b.site].id));
    v
}
