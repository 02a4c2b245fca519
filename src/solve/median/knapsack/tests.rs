//! The knapsack solvers against brute force, the whole table and the sorted LP.

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
        let v = dp.table(&its, cap, Some(&mut pick));
        assert_eq!(v.to_bits(), want.to_bits(), "round {round}");
        assert_eq!(pick, want_pick, "round {round}");
        assert_eq!(dp.table(&its, cap, None).to_bits(), want.to_bits());
    }
}

/// The LP value the plain way: sorted, then taken in order until one item must be cut.
fn lp_sorted(items: &[Item], capacity: f64) -> f64 {
    let mut sorted = items.to_vec();
    lp_order(&mut sorted);
    let (mut total, mut room) = (0.0, capacity);
    for it in &sorted {
        if it.weight > room {
            if it.weight > 0.0 && room > 0.0 {
                total += it.value * room / it.weight;
            }
            break;
        }
        total += it.value;
        room -= it.weight;
    }
    total
}

/// The selecting LP bound (up to a few hundred items, so the halving runs, with ties in
/// ratio, weightless items and capacities from nothing to more than everything) equals
/// the sorted scan's, to rounding.
#[test]
fn selected_break_gives_the_sorted_lp_value() {
    let mut next = xorshift(1618033988u64);
    for round in 0..500 {
        let k = (next() % 300) as usize;
        let spec: Vec<(f64, f64)> = (0..k)
            .map(|_| {
                let w = (next() % 20) as f64;
                // One item in four shares a ratio of 2 with others.
                let v = if next() % 4 == 0 {
                    -2.0 * w
                } else {
                    -((next() % 5_000) as f64) / 7.0 - 0.5
                };
                (w, v)
            })
            .collect();
        let its = items(&spec);
        let total: f64 = its.iter().map(|it| it.weight).sum();
        let cap = (next() % (total as u64 + 10)) as f64;
        let want = lp_sorted(&its, cap);
        let mut mixed = its.clone();
        mixed.reverse();
        let got = lp_bound(&mut mixed, cap);
        let tol = 1e-9 * its.iter().map(|it| it.value.abs()).sum::<f64>().max(1.0);
        assert!(
            (got - want).abs() <= tol,
            "round {round}: {got} against {want}"
        );
    }
}

/// Knapsacks shaped like a site's: many small clients in LP order, far more than fit.
/// The reduced table gives the whole table's value (to rounding) and a packing within
/// the capacity worth that value, and it does settle most items.
#[test]
fn settled_items_leave_the_value_and_shrink_the_table() {
    let mut dp = Dp::default();
    let mut next = xorshift(2718281828u64);
    let (mut items_in, mut left_in_core) = (0, 0);
    for round in 0..300 {
        let k = 5 + (next() % 120) as usize;
        let spec: Vec<(f64, f64)> = (0..k)
            .map(|_| {
                (
                    (next() % 40) as f64,
                    -((next() % 100_000) as f64) / 89.0 - 0.01,
                )
            })
            .collect();
        let cap = (next() % 800) as usize;
        let mut its = items(&spec);
        lp_order(&mut its);
        let (want, _) = full_table(&its, cap);
        let mut pick = Vec::new();
        let v = dp.exact(&its, cap, Some(&mut pick));
        let tol = 1e-9 * its.iter().map(|it| it.value.abs()).sum::<f64>();
        assert!((v - want).abs() <= tol, "round {round}: {v} against {want}");
        let by_client = |c: usize| its.iter().find(|it| it.client == c).expect("a client");
        let weight: f64 = pick.iter().map(|&c| by_client(c).weight).sum();
        let value: f64 = pick.iter().map(|&c| by_client(c).value).sum();
        assert!(weight <= cap as f64, "round {round}: {weight} over {cap}");
        assert!(
            (value - v).abs() <= tol,
            "round {round}: packing {value}, value {v}"
        );
        assert!(
            pick.windows(2).all(|w| w[0] < w[1]),
            "round {round}: {pick:?}"
        );
        assert_eq!(dp.exact(&its, cap, None).to_bits(), v.to_bits());
        items_in += its.len();
        left_in_core += dp.core.len();
    }
    assert!(
        2 * left_in_core < items_in,
        "{left_in_core} of {items_in} items left to the table"
    );
}
