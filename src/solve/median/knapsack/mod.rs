//! The 0-1 knapsack of one site in the capacitated relaxation.
//!
//! Relaxing the capacitated p-median's assignment constraints leaves, per site, "which
//! clients would this site take if each paid `c_ij − λ_i`, within its capacity". With whole
//! demands and a moderate capacity that is solved exactly by dynamic programming over the
//! capacity; otherwise (or to rank sites cheaply) the LP relaxation gives a value that is
//! never above the exact one, so every bound built on it stays valid.

/// One candidate client of a site: demand and (negative) reduced cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// Client index.
    pub client: usize,
    /// Demand (whole when the exact solver is used).
    pub weight: f64,
    /// Reduced cost `c_ij − λ_i`, negative.
    pub value: f64,
    /// Value per unit of weight (−∞ when weightless: always taken first), the LP order, as
    /// an integer that orders as `f64::total_cmp` orders the ratio. Kept with the item
    /// because the relaxation orders every site's items on every subgradient step: dividing
    /// inside the comparison was a sixth of a search, and comparing floats a tenth.
    key: i64,
}

impl Item {
    /// An item with its LP key worked out once.
    pub(crate) fn new(client: usize, weight: f64, value: f64) -> Item {
        let ratio = if weight > 0.0 {
            value / weight
        } else {
            f64::NEG_INFINITY
        };
        // The bits of a negative float count down as it grows: flip all but the sign.
        let bits = ratio.to_bits() as i64;
        let key = bits ^ (((bits >> 63) as u64) >> 1) as i64;
        Item {
            client,
            weight,
            value,
            key,
        }
    }
}

/// LP order: value per unit of weight, most negative first, the client breaking ties.
fn lp_cmp(a: &Item, b: &Item) -> std::cmp::Ordering {
    a.key.cmp(&b.key).then(a.client.cmp(&b.client))
}

/// Sorts `items` into LP order, the order [`greedy_pick`] packs in and the order the table
/// of [`Dp::exact`] is filled in.
pub(crate) fn lp_order(items: &mut [Item]) {
    items.sort_unstable_by(lp_cmp);
}

/// Least total value of items within `capacity` in the LP relaxation (items may be taken
/// fractionally): a lower bound on [`Dp::exact`]. Reorders `items`, but only as far as
/// finding the LP's break item needs (halving selections, not a sort): every site is ranked
/// by this bound at every subgradient step, and sorting each site's clients in full was a
/// fifth of a search where few sites go on to an exact knapsack.
pub(crate) fn lp_bound(items: &mut [Item], capacity: f64) -> f64 {
    let (mut total, mut room) = (0.0, capacity);
    let mut rest = items;
    loop {
        let part = std::mem::take(&mut rest);
        if part.len() <= 24 {
            part.sort_unstable_by(lp_cmp);
            for it in part.iter() {
                if it.weight > room {
                    if it.weight > 0.0 && room > 0.0 {
                        total += it.value * room / it.weight;
                    }
                    break;
                }
                // Weightless items come first and are always taken.
                total += it.value;
                room -= it.weight;
            }
            return total;
        }
        let mid = part.len() / 2;
        let (left, pivot, right) = part.select_nth_unstable_by(mid, lp_cmp);
        let weight: f64 = left.iter().map(|it| it.weight).sum();
        if weight > room {
            rest = left;
            continue;
        }
        total += left.iter().map(|it| it.value).sum::<f64>();
        room -= weight;
        if pivot.weight > room {
            if pivot.weight > 0.0 && room > 0.0 {
                total += pivot.value * room / pivot.weight;
            }
            return total;
        }
        total += pivot.value;
        room -= pivot.weight;
        rest = right;
    }
}

/// Greedy integral packing in LP order (after [`lp_order`] sorted `items`): the chosen
/// clients, used as the relaxed solution when the exact solver does not apply.
pub(crate) fn greedy_pick(items: &[Item], capacity: f64) -> Vec<usize> {
    let mut room = capacity;
    let mut pick = Vec::new();
    for it in items {
        if it.weight <= room {
            room -= it.weight;
            pick.push(it.client);
        }
    }
    pick
}

/// Reusable dynamic-programming tables for [`Dp::exact`].
#[derive(Debug, Default)]
pub(crate) struct Dp {
    best: Vec<f64>,
    prev: Vec<f64>,
    take: Vec<bool>,
    /// The items [`reduce`] leaves undecided, and the clients it puts in.
    core: Vec<Item>,
    fixed: Vec<usize>,
}

impl Dp {
    /// Least total value of items (whole weights) within the whole `capacity`; with `pick`,
    /// also the clients of an optimal packing (ascending).
    ///
    /// The items every optimal packing takes or leaves are settled first ([`reduce`]), and
    /// the table is filled for the rest only: at a site of many small clients the table
    /// then spans the few clients near the LP's break, not all of them.
    pub fn exact(
        &mut self,
        items: &[Item],
        capacity: usize,
        mut pick: Option<&mut Vec<usize>>,
    ) -> f64 {
        let mut core = std::mem::take(&mut self.core);
        let mut fixed = std::mem::take(&mut self.fixed);
        let (value_in, weight_in) = reduce(items, capacity, &mut core, &mut fixed);
        let value = value_in + self.table(&core, capacity - weight_in, pick.as_deref_mut());
        if let Some(pick) = pick {
            pick.extend_from_slice(&fixed);
            pick.sort_unstable();
        }
        self.core = core;
        self.fixed = fixed;
        value
    }

    /// [`Dp::exact`] by the table alone, every item in it (the reduction's reference).
    fn table(&mut self, items: &[Item], capacity: usize, pick: Option<&mut Vec<usize>>) -> f64 {
        // Everything fits: no table needed (common when multipliers are low).
        let all: f64 = items.iter().map(|it| it.weight).sum();
        if all <= capacity as f64 {
            if let Some(pick) = pick {
                pick.clear();
                pick.extend(items.iter().map(|it| it.client));
                pick.sort_unstable();
            }
            return items.iter().map(|it| it.value).sum();
        }
        // Items heavier than the whole capacity never go in; capacity beyond what the
        // others weigh never binds.
        let capacity = capacity.min(all as usize);
        let fits = |it: &Item| it.weight as usize <= capacity;
        let fitting: usize = items
            .iter()
            .filter(|it| fits(it))
            .map(|it| it.weight as usize)
            .sum();
        let capacity = capacity.min(fitting);
        let width = capacity + 1;
        self.best.clear();
        self.best.resize(width, 0.0);
        self.prev.clear();
        self.prev.resize(width, 0.0);
        let record = pick.is_some();
        if record {
            self.take.clear();
            self.take.resize(items.len() * width, false);
        }
        // Only cells `lo..=hi` of a row can matter (Martello & Toth's trimming): those the
        // last row's `capacity` can still reach through the items left (`lo`), and those
        // the items so far can fill (`hi`; above it every cell holds the same sum, all
        // taken). The cells computed hold the values the full table would.
        let (mut rest, mut hi) = (fitting, 0);
        for (k, it) in items.iter().enumerate() {
            if !fits(it) {
                continue;
            }
            let w = it.weight as usize;
            rest -= w;
            let (lo_next, hi_next) = (capacity.saturating_sub(rest), (hi + w).min(capacity));
            // The old row past `hi` holds what `hi` holds.
            let top = self.best[hi];
            self.best[hi + 1..=hi_next].fill(top);
            // next[c] = min(best[c], best[c - w] + value) into the other row, then the rows
            // swap: one branch-free pass, and only the cells below the weight copied.
            let (old, next) = (&self.best, &mut self.prev);
            let split = w.clamp(lo_next, hi_next + 1);
            next[lo_next..split].copy_from_slice(&old[lo_next..split]);
            let rows = next[split..=hi_next]
                .iter_mut()
                .zip(&old[split..=hi_next])
                .zip(&old[split - w..=hi_next - w]);
            if record {
                let flags = &mut self.take[k * width + split..=k * width + hi_next];
                for (((n, &b), &a), t) in rows.zip(flags) {
                    let cand = a + it.value;
                    let better = cand < b;
                    *n = if better { cand } else { b };
                    *t = better;
                }
            } else {
                for ((n, &b), &a) in rows {
                    let cand = a + it.value;
                    *n = if cand < b { cand } else { b };
                }
            }
            std::mem::swap(&mut self.best, &mut self.prev);
            hi = hi_next;
        }
        debug_assert_eq!(hi, capacity);
        let value = self.best[capacity];
        if let Some(pick) = pick {
            pick.clear();
            let mut c = capacity;
            let mut filled = fitting;
            for (k, it) in items.iter().enumerate().rev() {
                if !fits(it) {
                    continue;
                }
                let w = it.weight as usize;
                // Above what the items up to `k` weigh, a cell decides as that one does.
                c = c.min(filled);
                filled -= w;
                if self.take[k * width + c] {
                    pick.push(it.client);
                    c -= w;
                }
            }
            pick.sort_unstable();
        }
        value
    }
}

/// Settles the items whose side every optimal packing within `capacity` shares (Dembo &
/// Hammer's reduction): at a price `μ` per unit of capacity the Lagrangian bound
/// `Σ min(0, v + μw) − μ·capacity` lies under every packing, and one that puts item `k` on
/// the other side than the bound does lies at least `|v_k + μw_k|` above it; when that
/// passes a packing in hand (the greedy one), no optimal packing does so. `μ` is the LP's
/// price, the break item's ratio when `items` are in LP order (any `μ ≥ 0` is valid). The
/// undecided items go to `core` in their order, the clients put in to `fixed`; returns the
/// value and weight put in, the weight never above `capacity`.
fn reduce(
    items: &[Item],
    capacity: usize,
    core: &mut Vec<Item>,
    fixed: &mut Vec<usize>,
) -> (f64, usize) {
    core.clear();
    fixed.clear();
    let room = capacity as f64;
    let fits = |it: &&Item| it.weight <= room;
    // The LP's break item sets the price; the greedy packing is the one in hand.
    let (mut left, mut greedy, mut price) = (room, 0.0, None);
    for it in items.iter().filter(fits) {
        if it.weight <= left {
            left -= it.weight;
            greedy += it.value;
        } else if price.is_none() && it.weight > 0.0 {
            price = Some(-it.value / it.weight);
        }
    }
    let mu = price.unwrap_or(0.0);
    let (mut bound, mut scale) = (-mu * room, 0.0);
    for it in items.iter().filter(fits) {
        bound += (it.value + mu * it.weight).min(0.0);
        scale += it.value.abs();
    }
    // Sums of many terms round: settle only what clears the packing by a margin.
    let margin = 1e-9 * (scale + 1.0);
    let (mut value_in, mut weight_in) = (0.0, 0usize);
    for it in items.iter().filter(fits) {
        let r = it.value + mu * it.weight;
        if bound + r.abs() <= greedy + margin {
            core.push(*it);
        } else if r < 0.0 {
            value_in += it.value;
            weight_in += it.weight as usize;
            fixed.push(it.client);
        }
    }
    if weight_in > capacity {
        // Cannot happen with exact arithmetic; the whole table is then the safe answer.
        core.clear();
        core.extend(items.iter().filter(fits).copied());
        fixed.clear();
        return (0.0, 0);
    }
    (value_in, weight_in)
}

#[cfg(test)]
mod tests;
