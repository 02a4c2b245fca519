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
    /// because the relaxation sorts every site's items on every subgradient step: dividing
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

/// Least total value of items within `capacity` in the LP relaxation (items may be taken
/// fractionally): a lower bound on [`Dp::exact`]. Sorts `items` by value per unit of weight.
pub(crate) fn lp_bound(items: &mut [Item], capacity: f64) -> f64 {
    let mut total = 0.0;
    let mut room = capacity;
    // Weightless items are always taken.
    items.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.client.cmp(&b.client)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn items(spec: &[(f64, f64)]) -> Vec<Item> {
        spec.iter()
            .enumerate()
            .map(|(client, &(weight, value))| Item::new(client, weight, value))
            .collect()
    }

    /// A small deterministic stream of random numbers.
    fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        }
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
        let mut next = xorshift(12345u64);
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

    /// The whole table, every cell of every row, as the trimmed one stood before trimming.
    fn full_table(items: &[Item], capacity: usize) -> (f64, Vec<usize>) {
        let width = capacity + 1;
        let mut best = vec![0.0f64; width];
        let mut take = vec![vec![false; width]; items.len()];
        for (k, it) in items.iter().enumerate() {
            let w = it.weight as usize;
            if w > capacity {
                continue;
            }
            let old = best.clone();
            for c in w..width {
                let cand = old[c - w] + it.value;
                if cand < old[c] {
                    best[c] = cand;
                    take[k][c] = true;
                }
            }
        }
        let mut pick = Vec::new();
        let mut c = capacity;
        for k in (0..items.len()).rev() {
            if take[k][c] {
                pick.push(items[k].client);
                c -= items[k].weight as usize;
            }
        }
        pick.sort_unstable();
        (best[capacity], pick)
    }

    #[test]
    fn trimmed_table_gives_the_full_tables_value_and_packing_to_the_bit() {
        let mut dp = Dp::default();
        let mut next = xorshift(987654321u64);
        for round in 0..400 {
            let k = 1 + (next() % 40) as usize;
            // Some items heavier than the capacity, some weightless, values not whole.
            let spec: Vec<(f64, f64)> = (0..k)
                .map(|_| {
                    (
                        (next() % 35) as f64,
                        -((next() % 10_000) as f64) / 97.0 - 0.01,
                    )
                })
                .collect();
            let cap = (next() % 160) as usize;
            let its = items(&spec);
            let total: f64 = its.iter().map(|it| it.weight).sum();
            if total <= cap as f64 {
                continue;
            }
            let (want, want_pick) = full_table(&its, cap.min(total as usize));
            let mut pick = Vec::new();
            let v = dp.exact(&its, cap, Some(&mut pick));
            assert_eq!(v.to_bits(), want.to_bits(), "round {round}");
            assert_eq!(pick, want_pick, "round {round}");
            assert_eq!(dp.exact(&its, cap, None).to_bits(), want.to_bits());
        }
    }
}
