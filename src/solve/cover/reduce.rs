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
/// a reduction) once about `budget` candidate checks have been made.
///
/// Any superset of `s` holds its rarest element, so the candidates start as the sets holding
/// that one and are then filtered element by element, most often down to none within a few
/// elements: a column covering a third of a p-center subset is thus checked in a few thousand
/// steps, not by reading each of the thousands of candidates whole.
fn subset_pairs<'a>(
    sets: usize,
    set: impl Fn(usize) -> &'a [u32],
    elements: usize,
    containing: impl Fn(usize) -> &'a [u32],
    mut budget: usize,
    mut f: impl FnMut(usize, usize),
) {
    let member = Membership::new(sets, &set, elements, BIT_MATRIX_CELLS);
    let mut cand: Vec<u32> = Vec::new();
    for s in 0..sets {
        let items = set(s);
        let Some(&rare) = items.iter().min_by_key(|&&e| containing(e as usize).len()) else {
            continue;
        };
        let holders = containing(rare as usize);
        budget = budget.saturating_sub(holders.len());
        cand.clear();
        cand.extend(holders.iter().copied().filter(|&t| {
            let other = set(t as usize).len();
            other > items.len() || (other == items.len() && t as usize > s)
        }));
        for &e in items {
            if cand.is_empty() {
                break;
            }
            if e != rare {
                budget = budget.saturating_sub(cand.len());
                cand.retain(|&t| member.has(t as usize, e, &set));
            }
        }
        for &t in &cand {
            f(s, t as usize);
        }
        if budget == 0 {
            return;
        }
    }
}

/// Sets × elements up to which [`Membership`] keeps a bit matrix (8 MB).
const BIT_MATRIX_CELLS: usize = 1 << 26;

/// "Does set `t` hold element `e`?" in one step: a bit matrix when it has at most `cap`
/// cells, else a binary search in the set's ascending list.
struct Membership {
    bits: Option<Vec<u64>>,
    elements: usize,
}

impl Membership {
    fn new<'a>(
        sets: usize,
        set: &impl Fn(usize) -> &'a [u32],
        elements: usize,
        cap: usize,
    ) -> Membership {
        let cells = sets.saturating_mul(elements);
        let bits = (cells <= cap).then(|| {
            let mut bits = vec![0u64; cells.div_ceil(64)];
            for t in 0..sets {
                for &e in set(t) {
                    let k = t * elements + e as usize;
                    bits[k / 64] |= 1 << (k % 64);
                }
            }
            bits
        });
        Membership { bits, elements }
    }

    fn has<'a>(&self, t: usize, e: u32, set: &impl Fn(usize) -> &'a [u32]) -> bool {
        match &self.bits {
            Some(bits) => {
                let k = t * self.elements + e as usize;
                bits[k / 64] >> (k % 64) & 1 == 1
            }
            None => set(t).binary_search(&e).is_ok(),
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

    /// Random 0/1 matrices with repeated rows and columns, as lists by row.
    fn random_rows(seed: u64, rows: usize, cols: usize) -> Vec<Vec<u32>> {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut out: Vec<Vec<u32>> = Vec::new();
        for i in 0..rows {
            let row: Vec<u32> = if i > 0 && rng.gen_bool(0.2) {
                out[rng.gen_range(0..i)].clone() // a repeated row
            } else {
                (0..cols as u32).filter(|_| rng.gen_bool(0.3)).collect()
            };
            out.push(if row.is_empty() { vec![0] } else { row });
        }
        out
    }

    #[test]
    fn domination_agrees_with_the_definition() {
        let subset = |a: &[u32], b: &[u32]| a.iter().all(|e| b.contains(e));
        for seed in 0..40 {
            let rows = random_rows(seed, 6 + seed as usize % 9, 5 + seed as usize % 7);
            let cols = 5 + seed as usize % 7;
            let refs: Vec<&[u32]> = rows.iter().map(|r| r.as_slice()).collect();
            let m = inc(&refs, cols);
            // A row goes when another row's columns are within its own (of equal rows, all
            // but the first).
            let want_rows: Vec<bool> = (0..m.rows())
                .map(|t| {
                    (0..m.rows()).any(|s| {
                        s != t && subset(m.row(s), m.row(t)) && (m.row(s) != m.row(t) || s < t)
                    })
                })
                .collect();
            assert_eq!(implied_rows(&m, usize::MAX), want_rows, "seed {seed}");
            // A column goes when it covers nothing or another column's rows include its own
            // (of equal columns, all but the first).
            let want_cols: Vec<bool> = (0..m.cols())
                .map(|s| {
                    m.col(s).is_empty()
                        || (0..m.cols()).any(|t| {
                            s != t && subset(m.col(s), m.col(t)) && (m.col(s) != m.col(t) || t < s)
                        })
                })
                .collect();
            assert_eq!(dominated_cols(&m, usize::MAX), want_cols, "seed {seed}");
        }
    }

    #[test]
    fn membership_by_bits_and_by_search_agree() {
        let rows = random_rows(7, 30, 20);
        let set = |t: usize| rows[t].as_slice();
        let bits = Membership::new(rows.len(), &set, 20, usize::MAX);
        let search = Membership::new(rows.len(), &set, 20, 0);
        assert!(bits.bits.is_some() && search.bits.is_none());
        for (t, row) in rows.iter().enumerate() {
            for e in 0..20 {
                let want = row.contains(&e);
                assert_eq!(bits.has(t, e, &set), want);
                assert_eq!(search.has(t, e, &set), want);
            }
        }
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
