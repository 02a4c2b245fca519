//! Greedy construction and the swap (interchange) local search for maximal covering.
//!
//! Good incumbents make branch and bound prune early and make a heuristic answer worth
//! reporting. The greedy adds the column of largest uncovered weight (lazily re-evaluated:
//! gains only shrink as stops open); the interchange (Teitz & Bart style) moves one stop to
//! another site while that raises the covered weight. A whole swap neighbourhood is scored in
//! one pass over the matrix: per row we keep how many open columns cover it and, when that is
//! one, which.

use super::incidence::Incidence;
use crate::solve::Limits;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Heap entry: larger gain first, then lower column.
#[derive(Clone, Copy)]
struct Entry {
    gain: f64,
    col: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then(other.col.cmp(&self.col))
    }
}

/// Opens `p` columns greedily (or as many as exist). With `rng`, each step picks uniformly
/// among the `rcl` best columns (GRASP's restricted candidate list) instead of the best.
pub(crate) fn greedy(
    inst: &Incidence,
    p: usize,
    mut rng: Option<(&mut ChaCha8Rng, usize)>,
) -> Vec<u32> {
    let mut covered = vec![false; inst.rows()];
    let gain_of = |j: usize, covered: &[bool]| -> f64 {
        inst.col(j)
            .iter()
            .filter(|&&i| !covered[i as usize])
            .map(|&i| inst.weight[i as usize])
            .sum()
    };
    let mut heap: BinaryHeap<Entry> = (0..inst.cols())
        .map(|j| Entry {
            gain: gain_of(j, &covered),
            col: j as u32,
        })
        .collect();
    let mut open = Vec::with_capacity(p);
    let mut list: Vec<Entry> = Vec::new();
    while open.len() < p {
        let want = rng.as_ref().map_or(1, |r| r.1.max(1));
        list.clear();
        while list.len() < want {
            let Some(top) = heap.pop() else { break };
            let g = gain_of(top.col as usize, &covered);
            if g == top.gain {
                list.push(top);
            } else {
                heap.push(Entry { gain: g, ..top });
            }
        }
        if list.is_empty() {
            break;
        }
        let k = match rng.as_mut() {
            Some((r, _)) if list.len() > 1 => r.gen_range(0..list.len()),
            _ => 0,
        };
        let pick = list.swap_remove(k);
        for e in list.drain(..) {
            heap.push(e);
        }
        open.push(pick.col);
        for &i in inst.col(pick.col as usize) {
            covered[i as usize] = true;
        }
    }
    open.sort_unstable();
    open
}

/// Weight covered by `open`, summed in row order (so the same set always gives the same
/// number).
pub(crate) fn covered_weight(inst: &Incidence, open: &[u32]) -> f64 {
    let mut covered = vec![false; inst.rows()];
    for &j in open {
        for &i in inst.col(j as usize) {
            covered[i as usize] = true;
        }
    }
    inst.weight
        .iter()
        .zip(&covered)
        .filter(|(_, &c)| c)
        .map(|(w, _)| w)
        .sum()
}

/// Best-improvement swaps on `open` until none raises the covered weight (or the deadline).
/// Ties go to the lower incoming, then the lower outgoing column, so the result depends only
/// on the input. Returns the covered weight.
pub(crate) fn improve(inst: &Incidence, open: &mut [u32], limits: &Limits) -> f64 {
    let cols = inst.cols();
    if open.is_empty() || open.len() >= cols {
        return covered_weight(inst, open);
    }
    let tol = 1e-9 * (1.0 + inst.total_weight());
    let mut counts = Counts::new(inst, open);
    let mut scan = Scan::new(cols);
    for _pass in 0..10_000 {
        if limits.expired() {
            break;
        }
        scan.rank_losses(inst, open, &counts);
        let Some((delta, k, o)) = scan.best_swap(inst, &counts) else {
            break;
        };
        if delta <= tol {
            break;
        }
        counts.close(inst, o);
        counts.open(inst, k);
        let pos = open.iter().position(|&x| x == o).unwrap_or(0);
        open[pos] = k;
    }
    open.sort_unstable();
    covered_weight(inst, open)
}

/// Which columns are open and, per row, how many open columns cover it and the sum of their
/// indices: when the count is one, that sum names the only coverer, which is all a swap
/// score needs.
struct Counts {
    is_open: Vec<bool>,
    count: Vec<u32>,
    who: Vec<u64>,
}

impl Counts {
    fn new(inst: &Incidence, open: &[u32]) -> Counts {
        let mut counts = Counts {
            is_open: vec![false; inst.cols()],
            count: vec![0u32; inst.rows()],
            who: vec![0u64; inst.rows()],
        };
        for &j in open {
            counts.open(inst, j);
        }
        counts
    }

    /// Opens column `k`: its rows gain one coverer.
    fn open(&mut self, inst: &Incidence, k: u32) {
        self.is_open[k as usize] = true;
        for &i in inst.col(k as usize) {
            self.count[i as usize] += 1;
            self.who[i as usize] += u64::from(k);
        }
    }

    /// Closes column `o`: its rows lose one coverer.
    fn close(&mut self, inst: &Incidence, o: u32) {
        self.is_open[o as usize] = false;
        for &i in inst.col(o as usize) {
            self.count[i as usize] -= 1;
            self.who[i as usize] -= u64::from(o);
        }
    }
}

/// Working arrays of one neighbourhood scan, kept across passes so a pass allocates nothing.
struct Scan {
    /// Per open column, the weight only it covers (lost by closing it).
    loss: Vec<f64>,
    /// Per open column, the weight the candidate column would take over from it.
    extra: Vec<f64>,
    /// Open columns with a non-zero `extra` for the current candidate.
    touched: Vec<u32>,
    /// Open columns by ascending loss, then index.
    by_loss: Vec<u32>,
}

impl Scan {
    fn new(cols: usize) -> Scan {
        Scan {
            loss: vec![0.0; cols],
            extra: vec![0.0; cols],
            touched: Vec::new(),
            by_loss: Vec::new(),
        }
    }

    /// Sets the loss of every open column and ranks them by it: the cheapest column to close
    /// that a candidate does not touch is then the first untouched one in that order.
    fn rank_losses(&mut self, inst: &Incidence, open: &[u32], counts: &Counts) {
        for &o in open {
            self.loss[o as usize] = inst
                .col(o as usize)
                .iter()
                .filter(|&&i| counts.count[i as usize] == 1)
                .map(|&i| inst.weight[i as usize])
                .sum();
        }
        let loss = &self.loss;
        self.by_loss.clear();
        self.by_loss.extend_from_slice(open);
        self.by_loss.sort_by(|&a, &b| {
            loss[a as usize]
                .total_cmp(&loss[b as usize])
                .then(a.cmp(&b))
        });
    }

    /// The best swap `(delta, incoming, outgoing)` over every closed column; a later candidate
    /// wins only with a strictly larger delta, so ties go to the lower incoming column.
    fn best_swap(&mut self, inst: &Incidence, counts: &Counts) -> Option<(f64, u32, u32)> {
        let mut best: Option<(f64, u32, u32)> = None;
        for k in (0..inst.cols()).filter(|&k| !counts.is_open[k]) {
            if let Some((delta, o)) = self.swap_in(inst, counts, k) {
                if best.is_none_or(|(bd, _, _)| delta > bd) {
                    best = Some((delta, k as u32, o));
                }
            }
        }
        best
    }

    /// Scores opening `k`: the uncovered weight it adds plus the best value of closing one
    /// open column in exchange. Returns that delta and the column to close.
    fn swap_in(&mut self, inst: &Incidence, counts: &Counts, k: usize) -> Option<(f64, u32)> {
        let mut gain = 0.0;
        for &i in inst.col(k) {
            let i = i as usize;
            match counts.count[i] {
                0 => gain += inst.weight[i],
                1 => {
                    let o = counts.who[i] as usize;
                    if self.extra[o] == 0.0 {
                        self.touched.push(o as u32);
                    }
                    self.extra[o] += inst.weight[i];
                }
                _ => {}
            }
        }
        let choice = self.best_out();
        for &o in &self.touched {
            self.extra[o as usize] = 0.0;
        }
        self.touched.clear();
        choice.map(|(v, o)| (gain + v, o))
    }

    /// Best column to close for the current candidate: a touched one (its loss partly taken
    /// over), or the cheapest untouched one; ties to the lower column.
    fn best_out(&self) -> Option<(f64, u32)> {
        let mut choice: Option<(f64, u32)> = None;
        for &o in &self.touched {
            let v = self.extra[o as usize] - self.loss[o as usize];
            if choice.is_none_or(|(bv, bo)| v > bv || (v == bv && o < bo)) {
                choice = Some((v, o));
            }
        }
        if let Some(&o) = self
            .by_loss
            .iter()
            .find(|&&o| self.extra[o as usize] == 0.0)
        {
            let v = -self.loss[o as usize];
            if choice.is_none_or(|(bv, bo)| v > bv || (v == bv && o < bo)) {
                choice = Some((v, o));
            }
        }
        choice
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::cover::incidence::tests_support::inc;
    use rand::SeedableRng;

    #[test]
    fn greedy_then_swap_finds_the_pair() {
        // Greedy takes col 1 (weight 6) first; the best pair is {0, 2} (weight 10).
        let m = inc(
            &[&[0], &[0, 1], &[1], &[1, 2], &[2]],
            &[3.0, 2.0, 2.0, 2.0, 3.0],
            3,
        );
        assert_eq!(greedy(&m, 2, None), vec![0, 1]);
        let mut open = greedy(&m, 2, None);
        let v = improve(&m, &mut open, &Limits::default());
        assert_eq!(open, vec![0, 2]);
        assert_eq!(v, 10.0);
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let open = greedy(&m, 2, Some((&mut rng, 3)));
        assert_eq!(open.len(), 2);
    }
}
