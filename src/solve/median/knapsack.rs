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
    /// Value per unit of weight (−∞ when weightless: always taken first), the LP order.
    /// Kept with the item because the relaxation sorts every site's items on every
    /// subgradient step, and dividing inside the comparison was a sixth of a search.
    ratio: f64,
}

impl Item {
    /// An item with its LP key worked out once.
    pub(crate) fn new(client: usize, weight: f64, value: f64) -> Item {
        let ratio = if weight > 0.0 {
            value / weight
        } else {
            f64::NEG_INFINITY
        };
        Item {
            client,
            weight,
            value,
            ratio,
        }
    }
}

/// Least total value of items within `capacity` in the LP relaxation (items may be taken
/// fractionally): a lower bound on [`Dp::exact`]. Sorts `items` by value per unit of weight.
pub(crate) fn lp_bound(items: &mut [Item], capacity: f64) -> f64 {
    let mut total = 0.0;
    let mut room = capacity;
    // Weightless items are always taken.
    items.sort_unstable_by(|a, b| a.ratio.total_cmp(&b.ratio).then(a.client.cmp(&b.client)));
    for it in items.iter() {
        if it.weight <= room {
            total += it.value;
            room -= it.weight;
        } else {
            if it.weight > 0.0 && room > 0.0 {
                total += it.value * room / it.weight;
            }
            break;
        }
    }
    total
}

/// Greedy integral packing in LP order (after [`lp_bound`] sorted `items`): the chosen
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
}

impl Dp {
    /// Least total value of items (whole weights) within the whole `capacity`; with `pick`,
    /// also the clients of an optimal packing (ascending).
    pub fn exact(&mut self, items: &[Item], capacity: usize, pick: Option<&mut Vec<usize>>) -> f64 {
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
        // Capacity beyond the items' total weight never binds.
        let capacity = capacity.min(all as usize);
        let width = capacity + 1;
        self.best.clear();
        self.best.resize(width, 0.0);
        let record = pick.is_some();
        if record {
            self.take.clear();
            self.take.resize(items.len() * width, false);
        }
        self.prev.clear();
        self.prev.resize(width, 0.0);
        for (k, it) in items.iter().enumerate() {
            let w = it.weight as usize;
            if w > capacity {
                continue;
            }
            // next[c] = min(best[c], best[c - w] + value) into the other row, then the rows
            // swap: one branch-free pass, and only the `w` cells below the weight copied.
            let (old, next) = (&self.best, &mut self.prev);
            next[..w].copy_from_slice(&old[..w]);
            let rows = next[w..].iter_mut().zip(&old[w..]).zip(&old[..width - w]);
            if record {
                let flags = &mut self.take[k * width + w..(k + 1) * width];
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
        }
        let value = self.best[capacity];
        if let Some(pick) = pick {
            pick.clear();
            let mut c = capacity;
            for k in (0..items.len()).rev() {
                if self.take[k * width + c] {
                    pick.push(items[k].client);
                    c -= items[k].weight as usize;
                }
            }
            pick.sort_unstable();
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(spec: &[(f64, f64)]) -> Vec<Item> {
        spec.iter()
            .enumerate()
            .map(|(client, &(weight, value))| Item::new(client, weight, value))
            .collect()
    }

    /// Every subset, for comparison.
    fn brute(items: &[Item], capacity: f64) -> f64 {
        let mut best = 0.0f64;
        for mask in 0u32..(1 << items.len()) {
            let (mut w, mut v) = (0.0, 0.0);
            for (k, it) in items.iter().enumerate() {
                if mask >> k & 1 == 1 {
                    w += it.weight;
                    v += it.value;
                }
            }
            if w <= capacity {
                best = best.min(v);
            }
        }
        best
    }

    #[test]
    fn exact_matches_brute_force_and_lp_stays_below() {
        let mut dp = Dp::default();
        let mut seed = 12345u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200 {
            let k = (next() % 9) as usize;
            let spec: Vec<(f64, f64)> = (0..k)
                .map(|_| ((next() % 12) as f64, -((next() % 30) as f64) - 1.0))
                .collect();
            let cap = (next() % 25) as usize;
            let mut its = items(&spec);
            let mut pick = Vec::new();
            let v = dp.exact(&its, cap, Some(&mut pick));
            assert_eq!(v, brute(&its, cap as f64));
            let (w, val) = pick.iter().fold((0.0, 0.0), |(w, val), &c| {
                (w + its[c].weight, val + its[c].value)
            });
            assert!(w <= cap as f64);
            assert_eq!(val, v);
            assert!(lp_bound(&mut its, cap as f64) <= v + 1e-9);
        }
    }
}
