//! Problem reductions that shrink a covering matrix without changing its optimum.
//!
//! Exact search is exponential in what is left, so every row and column removed before (and
//! during) branching pays many times over. The reductions are the classic ones for set
//! covering (Toregas & ReVelle; Beasley 1987) and their maximal-covering counterparts:
//!
//! - a row whose covering columns include all those of another row is implied by it (LSCP);
//! - a column covering a subset of another column's rows is never needed (unit costs; for
//!   MCLP because weights are non-negative and any spare stop can go anywhere);
//! - a row covered by a single column forces that column open (LSCP).

use super::incidence::Incidence;

/// Calls `f(s, t)` for every pair of distinct sets with `set(s) ⊆ set(t)`; identical sets are
/// reported once, with `s < t`. Sets must be non-empty and ascending; `containing(e)` lists
/// the sets holding element `e`. Stops early (reporting fewer pairs, which is always safe for
/// a reduction) once about `budget` list entries have been scanned.
fn subset_pairs<'a>(
    sets: usize,
    set: impl Fn(usize) -> &'a [u32],
    elements: usize,
    containing: impl Fn(usize) -> &'a [u32],
    mut budget: usize,
    mut f: impl FnMut(usize, usize),
) {
    let mut mark = vec![u32::MAX; elements];
    for s in 0..sets {
        let items = set(s);
        if items.is_empty() {
            continue;
        }
        for &e in items {
            mark[e as usize] = s as u32;
        }
        // Any superset holds the rarest element of s.
        let rare = items
            .iter()
            .copied()
            .min_by_key(|&e| containing(e as usize).len())
            .unwrap_or(0);
        for &t in containing(rare as usize) {
            let t = t as usize;
            if t == s {
                continue;
            }
            let other = set(t);
            if other.len() < items.len() || (other.len() == items.len() && t < s) {
                continue;
            }
            budget = budget.saturating_sub(other.len());
            let hits = other
                .iter()
                .filter(|&&e| mark[e as usize] == s as u32)
                .count();
            if hits == items.len() {
                f(s, t);
            }
        }
        if budget == 0 {
            return;
        }
    }
}

/// Rows implied by another row (set covering): `true` for each row to drop.
pub(crate) fn implied_rows(inst: &Incidence, budget: usize) -> Vec<bool> {
    let mut drop = vec![false; inst.rows()];
    subset_pairs(
        inst.rows(),
        |i| inst.row(i),
        inst.cols(),
        |j| inst.col(j),
        budget,
        |_, t| drop[t] = true,
    );
    drop
}

/// Columns dominated by another column (their rows are a subset; of identical columns the
/// lowest index stays), and columns covering nothing: `true` for each column to drop.
pub(crate) fn dominated_cols(inst: &Incidence, budget: usize) -> Vec<bool> {
    let mut drop: Vec<bool> = (0..inst.cols()).map(|j| inst.col(j).is_empty()).collect();
    subset_pairs(
        inst.cols(),
        |j| inst.col(j),
        inst.rows(),
        |i| inst.row(i),
        budget,
        |s, t| {
            if inst.col(s).len() == inst.col(t).len() {
                drop[t] = true; // identical: keep the lower index
            } else {
                drop[s] = true;
            }
        },
    );
    drop
}

/// A set-covering matrix after the reductions, with what they decided.
pub(crate) struct Reduced {
    /// What is left to cover.
    pub(crate) inst: Incidence,
    /// Original sites every cover must contain (the only cover of some row).
    pub(crate) forced: Vec<usize>,
    /// For each remaining row, the row of the input it came from.
    pub(crate) origin: Vec<u32>,
    /// Some row has no column: no cover exists.
    pub(crate) infeasible: bool,
}

/// Applies forced columns, implied rows and dominated columns until nothing changes (or
/// `rounds` rounds). `budget` caps the work of each domination scan.
pub(crate) fn reduce_cover(inst: Incidence, rounds: usize, budget: usize) -> Reduced {
    let mut inst = inst;
    let mut origin: Vec<u32> = (0..inst.rows() as u32).collect();
    let mut forced = Vec::new();
    for _ in 0..rounds {
        if (0..inst.rows()).any(|i| inst.row(i).is_empty()) {
            return Reduced {
                inst,
                forced,
                origin,
                infeasible: true,
            };
        }
        let mut keep_col = vec![true; inst.cols()];
        let mut keep_row = vec![true; inst.rows()];
        let mut changed = false;
        for i in 0..inst.rows() {
            if let [j] = inst.row(i) {
                let j = *j as usize;
                if keep_col[j] {
                    keep_col[j] = false;
                    forced.push(inst.site[j]);
                    for &r in inst.col(j) {
                        keep_row[r as usize] = false;
                    }
                    changed = true;
                }
            }
        }
        if !changed {
            for (k, d) in keep_row.iter_mut().zip(implied_rows(&inst, budget)) {
                if d {
                    *k = false;
                    changed = true;
                }
            }
            for (k, d) in keep_col.iter_mut().zip(dominated_cols(&inst, budget)) {
                if d {
                    *k = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
        let (next, from) = inst.restrict(&keep_row, &keep_col, false);
        origin = from.iter().map(|&r| origin[r as usize]).collect();
        inst = next;
    }
    let infeasible = (0..inst.rows()).any(|i| inst.row(i).is_empty());
    forced.sort_unstable();
    Reduced {
        inst,
        forced,
        origin,
        infeasible,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc(rows: &[&[u32]], cols: usize) -> Incidence {
        let mut start = vec![0];
        let mut list = Vec::new();
        for r in rows {
            list.extend_from_slice(r);
            start.push(list.len());
        }
        Incidence::from_rows(start, list, vec![1.0; rows.len()], (0..cols).collect())
    }

    #[test]
    fn implied_rows_and_dominated_columns() {
        // row 0 = {0,1} ⊆ row 1 = {0,1,2}; col 2 covers only row 1, col 0 covers both.
        let m = inc(&[&[0, 1], &[0, 1, 2], &[1, 3]], 4);
        assert_eq!(implied_rows(&m, usize::MAX), vec![false, true, false]);
        // cols: 0 {0,1}, 1 {0,1,2}, 2 {1}, 3 {2} → 0, 2, 3 ⊆ 1.
        assert_eq!(
            dominated_cols(&m, usize::MAX),
            vec![true, false, true, true]
        );
        // identical columns: the lower index stays
        let m = inc(&[&[0, 1], &[0, 1]], 2);
        assert_eq!(dominated_cols(&m, usize::MAX), vec![false, true]);
        assert_eq!(implied_rows(&m, usize::MAX), vec![false, true]);
    }

    #[test]
    fn reduction_solves_a_chain() {
        // A path of 5 rows where each column covers two neighbours: {0,1} {1,2} {2,3} {3,4}.
        // Rows 0 and 4 force columns 0 and 3; row 2 is left to {1, 2}, identical columns,
        // so column 1 stays and is then forced.
        let m = inc(&[&[0], &[0, 1], &[1, 2], &[2, 3], &[3]], 4);
        let r = reduce_cover(m, 20, usize::MAX);
        assert!(!r.infeasible);
        assert_eq!(r.inst.rows(), 0);
        assert_eq!(r.forced, vec![0, 1, 3]);
    }
}
