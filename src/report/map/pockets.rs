//! Uncovered pockets: where many older residents beyond every stop's reach live side by side.
//!
//! Marking every uncovered cell paints most of a town (526 of 624 cells for eight stops on the
//! embedded data) and says nothing about where a ninth stop would help. So the map marks only
//! the pockets that matter, by this rule:
//!
//! 1. A demand point is *uncovered* when it holds some need (aged 65+, see
//!    [`super::plan::Need`]) and no chosen stop is within the walking radius of it.
//! 2. It is *dense* when its need is at least the [`DENSE_QUANTILE`] quantile of the need of
//!    all points with any (the top two fifths: the darker shading classes when the map is
//!    shaded by the need). Without this floor the uncovered cells of a town join into one
//!    area that covers the whole map.
//! 3. Dense uncovered points are grouped when neighbours: census cells whose centres are
//!    within [`LINK_CELLS`] cell widths (the eight cells around one, not the next but one),
//!    points without a cell within [`LINK_POINTS_M`] metres; groups are the connected sets.
//! 4. The [`POCKET_GROUPS`] groups with the most need are drawn, outlined, and labelled with
//!    the need they hold (ties: the group whose first point comes first in the file).
//!
//! The legend states the rule in words and the whole uncovered total beside the outlined one,
//! so nothing left out of the outlines is hidden from the reader.

use super::plan::Plan;
use crate::budget::passed;
use crate::model::{LatLon, MeshCode};
use crate::spatial::{chord_sq, haversine_m, SphereIndex};
use std::time::Instant;

/// How many pockets the map outlines.
pub(super) const POCKET_GROUPS: usize = 5;
/// The need a point must hold to join a pocket, as a quantile of the points with any need.
pub(super) const DENSE_QUANTILE: f64 = 0.6;
/// Census cells are neighbours when their centres are this many cell widths apart or less.
pub(super) const LINK_CELLS: f64 = 1.5;
/// Points without a cell are neighbours within this many metres.
pub(super) const LINK_POINTS_M: f64 = 250.0;

/// One outlined pocket.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pocket {
    /// Demand points in it, in file order.
    pub(super) members: Vec<usize>,
    /// The need it holds.
    pub(super) need: f64,
}

/// What the map says about the people beyond reach.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Pockets {
    /// The largest pockets, most need first.
    pub(super) shown: Vec<Pocket>,
    /// How many pockets there are in all.
    pub(super) groups: usize,
    /// Uncovered points (need above 0, beyond every stop), dense or not.
    pub(super) uncovered: usize,
    /// The need they hold.
    pub(super) uncovered_need: f64,
    /// The least need of a point in a pocket.
    pub(super) dense_from: f64,
    /// The run's time limit ended the grouping: nothing is outlined, and the legend says why
    /// (the uncovered totals still stand).
    pub(super) cut_short: bool,
}

impl Pockets {
    /// Applies the module's rule to need per point, whether each point is reached, and each
    /// point's census cell (if any) and position; gives up the grouping at `deadline`.
    pub(super) fn find(
        need: &[f64],
        covered: &[bool],
        cells: &[Option<MeshCode>],
        locations: &[LatLon],
        deadline: Option<Instant>,
    ) -> Pockets {
        let uncovered: Vec<usize> = (0..need.len())
            .filter(|&i| need[i] > 0.0 && !covered[i])
            .collect();
        let dense_from = quantile(need, DENSE_QUANTILE);
        let dense: Vec<usize> = uncovered
            .iter()
            .copied()
            .filter(|&i| need[i] >= dense_from)
            .collect();
        let at: Vec<LatLon> = dense
            .iter()
            .map(|&i| centre(cells[i], locations[i]))
            .collect();
        let link: Vec<f64> = dense.iter().map(|&i| link_m(cells[i])).collect();
        let reach = link.iter().copied().fold(0.0, f64::max);
        let link_sq: Vec<f64> = link.iter().map(|&l| chord_sq(l)).collect();
        let index = SphereIndex::new(&at);
        let mut parent: Vec<usize> = (0..dense.len()).collect();
        let mut cut_short = false;
        for a in 0..dense.len() {
            if a % 1024 == 0 && passed(deadline) {
                cut_short = true;
                break;
            }
            index.for_each_near(at[a], reach, |b, d2| {
                if b > a && d2 <= link_sq[a].max(link_sq[b]) {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            });
        }
        let mut pockets = Pockets {
            shown: Vec::new(),
            groups: 0,
            uncovered_need: uncovered.iter().map(|&i| need[i]).sum(),
            uncovered: uncovered.len(),
            dense_from,
            cut_short,
        };
        if !cut_short {
            (pockets.shown, pockets.groups) = groups(&dense, &mut parent, need);
        }
        pockets
    }

    /// The need the outlined pockets hold.
    pub(super) fn shown_need(&self) -> f64 {
        self.shown.iter().map(|p| p.need).sum()
    }
}

/// The largest groups (at most [`POCKET_GROUPS`]) of the `dense` points joined in `parent`,
/// and how many groups there are in all.
fn groups(dense: &[usize], parent: &mut [usize], need: &[f64]) -> (Vec<Pocket>, usize) {
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); dense.len()];
    for (a, &i) in dense.iter().enumerate() {
        let r = root(parent, a);
        by_root[r].push(i);
    }
    let mut all: Vec<Pocket> = by_root
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|members| Pocket {
            need: members.iter().map(|&i| need[i]).sum(),
            members,
        })
        .collect();
    let groups = all.len();
    all.sort_by(|a, b| {
        b.need
            .total_cmp(&a.need)
            .then(a.members[0].cmp(&b.members[0]))
    });
    all.truncate(POCKET_GROUPS);
    (all, groups)
}

/// Nearest-rank quantile `q` of the values above 0 (0 when there are none).
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|&x| x > 0.0).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let rank = (q * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// Where a point is judged from: its cell's centre, else its own position.
fn centre(cell: Option<MeshCode>, p: LatLon) -> LatLon {
    match cell {
        Some(m) => {
            let (lat, lon) = m.centre();
            LatLon::new(lat, lon)
        }
        None => p,
    }
}

/// How far a point's neighbours may be: [`LINK_CELLS`] times its cell's longer side, or
/// [`LINK_POINTS_M`] for a point without a cell.
fn link_m(cell: Option<MeshCode>) -> f64 {
    match cell {
        Some(m) => {
            let (s, w) = m.south_west();
            let (n, e) = m.north_east();
            let mid = (s + n) / 2.0;
            let wide = haversine_m(LatLon::new(mid, w), LatLon::new(mid, e));
            let tall = haversine_m(LatLon::new(s, w), LatLon::new(n, w));
            LINK_CELLS * wide.max(tall)
        }
        None => LINK_POINTS_M,
    }
}

/// Union-find root, halving the path on the way.
fn root(parent: &mut [usize], mut a: usize) -> usize {
    while parent[a] != a {
        parent[a] = parent[parent[a]];
        a = parent[a];
    }
    a
}

impl Plan {
    /// Where a pocket's count is written: the member nearest the need-weighted centre of the
    /// pocket, so the label sits on the pocket even when it is L-shaped.
    pub(super) fn pocket_anchor(&self, p: &Pocket, locations: &[LatLon]) -> (f64, f64) {
        let xy: Vec<(f64, f64)> = p
            .members
            .iter()
            .map(|&i| self.proj.xy(centre(self.cells[i], locations[i])))
            .collect();
        let w: Vec<f64> = p.members.iter().map(|&i| self.need[i]).collect();
        let total: f64 = w.iter().sum();
        let (cx, cy) = xy
            .iter()
            .zip(&w)
            .fold((0.0, 0.0), |(x, y), (&(a, b), &k)| (x + a * k, y + b * k));
        let (cx, cy) = (cx / total, cy / total);
        xy.iter()
            .copied()
            .min_by(|a, b| {
                let da = (a.0 - cx).hypot(a.1 - cy);
                let db = (b.0 - cx).hypot(b.1 - cy);
                da.total_cmp(&db)
            })
            .unwrap_or((cx, cy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_neighbouring_cells_join_and_the_largest_pockets_are_kept() {
        // Quarter-mesh cells: 11, 12, 21, 22 run west to east along one row; 13 is north of 11.
        let codes = [
            "5339020911",
            "5339020912",
            "5339020921",
            "5339020922",
            "5339020913",
        ];
        let cells: Vec<Option<MeshCode>> = codes
            .iter()
            .map(|c| Some(MeshCode::parse(c).unwrap()))
            .collect();
        let at: Vec<LatLon> = cells
            .iter()
            .map(|&c| centre(c, LatLon::new(0.0, 0.0)))
            .collect();
        let need = [10.0, 20.0, 30.0, 40.0, 50.0];
        let p = Pockets::find(&need, &[false; 5], &cells, &at, None);
        assert_eq!((p.uncovered, p.uncovered_need), (5, 150.0));
        // The 60 % quantile of five values is the third: 30, so 11 and 12 are not dense.
        assert_eq!(p.dense_from, 30.0);
        let shown: Vec<(Vec<usize>, f64)> = p
            .shown
            .iter()
            .map(|g| (g.members.clone(), g.need))
            .collect();
        assert_eq!(shown, vec![(vec![2, 3], 70.0), (vec![4], 50.0)]);
        assert_eq!(p.groups, 2);
        // A reached point is never in a pocket; 13 lies north of 11, so the two join.
        let need = [60.0, 20.0, 30.0, 40.0, 50.0];
        let p = Pockets::find(
            &need,
            &[false, false, false, true, false],
            &cells,
            &at,
            None,
        );
        assert_eq!(p.dense_from, 40.0);
        let shown: Vec<(Vec<usize>, f64)> = p
            .shown
            .iter()
            .map(|g| (g.members.clone(), g.need))
            .collect();
        assert_eq!(shown, vec![(vec![0, 4], 110.0)]);
        assert_eq!(p.uncovered_need, 160.0);
    }

    #[test]
    fn points_within_250_m_join_and_only_five_pockets_show() {
        // Seven pairs of points 200 m apart (one pocket each), the pairs 2 km apart.
        let mut at = Vec::new();
        let mut need = Vec::new();
        for k in 0..7 {
            let lon = 139.0 + 0.022 * k as f64;
            at.push(LatLon::new(35.0, lon));
            at.push(LatLon::new(35.0018, lon));
            need.extend([10.0 + k as f64, 10.0]);
        }
        // Thirty reached points of need 1 far away bring the density floor down to 1.
        let mut covered = vec![false; 14];
        for _ in 0..30 {
            at.push(LatLon::new(36.0, 139.0));
            need.push(1.0);
            covered.push(true);
        }
        let p = Pockets::find(&need, &covered, &vec![None; 44], &at, None);
        assert!(!p.cut_short);
        assert_eq!(p.dense_from, 1.0);
        assert_eq!(p.groups, 7);
        assert_eq!(p.shown.len(), POCKET_GROUPS);
        let sums: Vec<f64> = p.shown.iter().map(|g| g.need).collect();
        assert_eq!(sums, vec![26.0, 25.0, 24.0, 23.0, 22.0]);
        assert_eq!((p.uncovered, p.uncovered_need), (14, 161.0));
        assert!(p.shown.iter().all(|g| g.members.len() == 2));
        assert_eq!(p.shown_need(), 120.0);
        assert_eq!(quantile(&[], 0.6), 0.0);
        // A time limit that has ended outlines nothing, says so, and keeps the totals.
        let late = Some(Instant::now());
        let cut = Pockets::find(&need, &covered, &vec![None; 44], &at, late);
        assert!(cut.cut_short);
        assert_eq!((cut.shown.len(), cut.groups), (0, 0));
        assert_eq!((cut.uncovered, cut.uncovered_need), (14, 161.0));
    }
}
