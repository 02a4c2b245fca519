//! The reduced covering matrix every covering solver works on: rows (groups of demand points
//! with the same covering sites) × columns (candidate sites that may still open), stored both
//! ways as compressed lists.
//!
//! Both directions are needed: a Lagrangian step sums multipliers down a column, a subgradient
//! counts open columns along a row. Rows are built by merging every point with the same set of
//! covering columns into one weighted row, which at a million points is the reduction that
//! makes exact search possible (a site's neighbourhood is cut into a few dozen regions, not
//! thousands of points).

use crate::spatial::Coverage;
use std::collections::HashMap;

/// Rows × columns incidence, both directions ascending, with a weight per row and the
/// original site index of each column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Incidence {
    row_start: Vec<usize>,
    row_cols: Vec<u32>,
    col_start: Vec<usize>,
    col_rows: Vec<u32>,
    /// Weight of each row (sum over the points merged into it).
    pub(crate) weight: Vec<f64>,
    /// Original site index of each column.
    pub(crate) site: Vec<usize>,
}

impl Incidence {
    /// Builds from per-row column lists (each ascending), computing the column direction.
    pub(crate) fn from_rows(
        row_start: Vec<usize>,
        row_cols: Vec<u32>,
        weight: Vec<f64>,
        site: Vec<usize>,
    ) -> Incidence {
        let cols = site.len();
        let mut count = vec![0usize; cols + 1];
        for &c in &row_cols {
            count[c as usize + 1] += 1;
        }
        for j in 0..cols {
            count[j + 1] += count[j];
        }
        let col_start = count.clone();
        let mut fill = count;
        let mut col_rows = vec![0u32; row_cols.len()];
        for i in 0..row_start.len() - 1 {
            for &c in &row_cols[row_start[i]..row_start[i + 1]] {
                col_rows[fill[c as usize]] = i as u32;
                fill[c as usize] += 1;
            }
        }
        Incidence {
            row_start,
            row_cols,
            col_start,
            col_rows,
            weight,
            site,
        }
    }

    /// Number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.row_start.len() - 1
    }

    /// Number of columns.
    pub(crate) fn cols(&self) -> usize {
        self.site.len()
    }

    /// Number of nonzeros.
    pub(crate) fn nnz(&self) -> usize {
        self.row_cols.len()
    }

    /// Columns covering row `i`, ascending.
    #[inline]
    pub(crate) fn row(&self, i: usize) -> &[u32] {
        &self.row_cols[self.row_start[i]..self.row_start[i + 1]]
    }

    /// Rows covered by column `j`, ascending.
    #[inline]
    pub(crate) fn col(&self, j: usize) -> &[u32] {
        &self.col_rows[self.col_start[j]..self.col_start[j + 1]]
    }

    /// Total row weight.
    pub(crate) fn total_weight(&self) -> f64 {
        self.weight.iter().sum()
    }

    /// The sub-matrix of kept rows and kept columns, merging rows that become identical
    /// (their weights add) and, if `drop_empty_rows`, dropping rows left without a column.
    ///
    /// Returns the new matrix and, for each new row, the old row it came from (the first one
    /// when several merged), so per-row data such as multipliers can follow.
    pub(crate) fn restrict(
        &self,
        keep_row: &[bool],
        keep_col: &[bool],
        drop_empty_rows: bool,
    ) -> (Incidence, Vec<u32>) {
        let mut new_col = vec![u32::MAX; self.cols()];
        let mut site = Vec::new();
        for j in 0..self.cols() {
            if keep_col[j] {
                new_col[j] = site.len() as u32;
                site.push(self.site[j]);
            }
        }
        let mut merger = RowMerger::new(self.rows());
        let mut buf = Vec::new();
        for (i, _) in keep_row.iter().enumerate().filter(|(_, &k)| k) {
            buf.clear();
            buf.extend(
                self.row(i)
                    .iter()
                    .map(|&c| new_col[c as usize])
                    .filter(|&c| c != u32::MAX),
            );
            if buf.is_empty() && drop_empty_rows {
                continue;
            }
            merger.add(&buf, self.weight[i], i as u32);
        }
        let (row_start, row_cols, weight, origin) = merger.finish();
        (
            Incidence::from_rows(row_start, row_cols, weight, site),
            origin,
        )
    }
}

/// Collects rows, merging identical column lists by hashing them.
pub(crate) struct RowMerger {
    row_start: Vec<usize>,
    row_cols: Vec<u32>,
    weight: Vec<f64>,
    origin: Vec<u32>,
    /// Hash of a column list → rows with that hash (collisions resolved by comparing lists).
    index: HashMap<u64, SmallRows>,
}

/// One or more row ids sharing a hash; almost always one.
enum SmallRows {
    One(u32),
    Many(Vec<u32>),
}

fn hash_list(list: &[u32]) -> u64 {
    // FNV-1a over the words: fast, deterministic, good enough with the full compare behind it.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in list {
        h ^= u64::from(x);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^ (list.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl RowMerger {
    pub(crate) fn new(capacity_hint: usize) -> RowMerger {
        let mut row_start = Vec::with_capacity(capacity_hint.min(1 << 20) + 1);
        row_start.push(0);
        RowMerger {
            row_start,
            row_cols: Vec::new(),
            weight: Vec::new(),
            origin: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn list(&self, r: u32) -> &[u32] {
        &self.row_cols[self.row_start[r as usize]..self.row_start[r as usize + 1]]
    }

    /// Adds a row (ascending column list) of weight `w`; `origin` is remembered for a new row.
    pub(crate) fn add(&mut self, cols: &[u32], w: f64, origin: u32) {
        let h = hash_list(cols);
        let found = match self.index.get(&h) {
            Some(SmallRows::One(r)) => (self.list(*r) == cols).then_some(*r),
            Some(SmallRows::Many(rs)) => rs.iter().copied().find(|&r| self.list(r) == cols),
            None => None,
        };
        if let Some(r) = found {
            self.weight[r as usize] += w;
            return;
        }
        let r = self.weight.len() as u32;
        self.row_cols.extend_from_slice(cols);
        self.row_start.push(self.row_cols.len());
        self.weight.push(w);
        self.origin.push(origin);
        match self.index.get_mut(&h) {
            None => {
                self.index.insert(h, SmallRows::One(r));
            }
            Some(slot) => {
                let mut rs = match slot {
                    SmallRows::One(r0) => vec![*r0],
                    SmallRows::Many(rs) => std::mem::take(rs),
                };
                rs.push(r);
                *slot = SmallRows::Many(rs);
            }
        }
    }

    pub(crate) fn finish(self) -> (Vec<usize>, Vec<u32>, Vec<f64>, Vec<u32>) {
        (self.row_start, self.row_cols, self.weight, self.origin)
    }
}

/// Number of points a coverage talks about: one past the largest point index in any list.
pub(crate) fn point_count(cover: &Coverage) -> usize {
    (0..cover.candidates())
        .filter_map(|c| cover.points_of(c).last())
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0)
}

/// For every point `0..points`, the columns (positions in `cols`) covering it, ascending:
/// the coverage turned around, restricted to the given sites.
pub(crate) fn transpose(cover: &Coverage, cols: &[usize], points: usize) -> (Vec<usize>, Vec<u32>) {
    let mut start = vec![0usize; points + 1];
    for &s in cols {
        for &i in cover.points_of(s) {
            if (i as usize) < points {
                start[i as usize + 1] += 1;
            }
        }
    }
    for i in 0..points {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut list = vec![0u32; start[points]];
    for (c, &s) in cols.iter().enumerate() {
        for &i in cover.points_of(s) {
            let i = i as usize;
            if i < points {
                list[fill[i]] = c as u32;
                fill[i] += 1;
            }
        }
    }
    (start, list)
}

/// Which points some site in `sites` covers.
pub(crate) fn covered_by(cover: &Coverage, sites: &[usize], points: usize) -> Vec<bool> {
    let mut seen = vec![false; points];
    for &s in sites {
        for &i in cover.points_of(s) {
            if let Some(x) = seen.get_mut(i as usize) {
                *x = true;
            }
        }
    }
    seen
}

/// The covering matrix of `cols` (original site indices, ascending) over the points
/// `0..points` with `keep_point[i]`, identical rows merged. Points covered by no column are
/// dropped. `weight[i]` is the weight of point `i`.
pub(crate) fn aggregate(
    cover: &Coverage,
    cols: &[usize],
    points: usize,
    keep_point: &[bool],
    weight: &[f64],
) -> Incidence {
    let (start, list) = transpose(cover, cols, points);
    let mut merger = RowMerger::new(points / 8);
    for i in 0..points {
        let row = &list[start[i]..start[i + 1]];
        if keep_point[i] && !row.is_empty() {
            merger.add(row, weight[i], i as u32);
        }
    }
    let (row_start, row_cols, w, _) = merger.finish();
    Incidence::from_rows(row_start, row_cols, w, cols.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cov(lists: &[&[usize]]) -> Coverage {
        Coverage::from_lists(
            1.0,
            lists
                .iter()
                .map(|l| l.iter().map(|&i| (i, 0.0)).collect())
                .collect(),
        )
    }

    #[test]
    fn identical_rows_merge_and_weights_add() {
        let c = cov(&[&[0, 1, 2], &[1, 2, 3], &[4]]);
        assert_eq!(point_count(&c), 5);
        let inc = aggregate(&c, &[0, 1, 2], 5, &[true; 5], &[1.0, 2.0, 3.0, 4.0, 5.0]);
        // rows: {0} (pt 0), {0,1} (pts 1,2), {1} (pt 3), {2} (pt 4)
        assert_eq!(inc.rows(), 4);
        assert_eq!(inc.weight, vec![1.0, 5.0, 4.0, 5.0]);
        assert_eq!(inc.col(0), &[0, 1]);
        assert_eq!(inc.col(1), &[1, 2]);
        assert_eq!(inc.row(1), &[0, 1]);
        // Dropping column 1 makes rows {0} and {0,1} identical.
        let (sub, origin) = inc.restrict(&[true; 4], &[true, false, true], true);
        assert_eq!(sub.rows(), 2);
        assert_eq!(sub.weight, vec![6.0, 5.0]);
        assert_eq!(origin, vec![0, 3]);
        assert_eq!(sub.site, vec![0, 2]);
    }
}

/// Hand-written matrices for the unit tests of the cover modules.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::Incidence;

    /// An incidence from explicit rows (column lists), weights and a column count.
    pub(crate) fn inc(rows: &[&[u32]], w: &[f64], cols: usize) -> Incidence {
        let mut start = vec![0];
        let mut list = Vec::new();
        for r in rows {
            list.extend_from_slice(r);
            start.push(list.len());
        }
        Incidence::from_rows(start, list, w.to_vec(), (0..cols).collect())
    }
}
