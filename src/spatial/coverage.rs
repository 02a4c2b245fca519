//! Coverage lists: for each candidate, the demand points within the radius.
//!
//! Stored compressed (one offsets array, one flat list of point indices and distances) because
//! the same lists feed scoring, every covering model and every scenario; a million points and
//! ten thousand sites stay a few flat vectors.

use super::SphereIndex;
use crate::model::LatLon;
use rayon::prelude::*;

/// For each candidate, the demand points within `radius_m`, in point order.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    radius_m: f64,
    offsets: Vec<usize>,
    points: Vec<u32>,
    distances_m: Vec<f32>,
}

/// Bytes per point–site pair while coverage is built and scored (the per-site lists, then
/// the packed copy). Measured: 100,000 points × 1,000 sites at 3,000 m (18.5 million pairs),
/// `rank` peaked at 525 MB with about 60 MB of input, 25 bytes a pair.
pub const BYTES_PER_PAIR: u64 = 28;

/// Bytes per pair while a model is solved on the lists: the lists, the point-to-site lists
/// built from them and the search's own state. Measured on the same 18.5 million pairs:
/// `solve --p 10` peaked at 716 MB, 35 bytes a pair beyond the input.
pub const SOLVE_BYTES_PER_PAIR: u64 = 40;

/// Refuses, before building, coverage lists that would not fit in memory when each pair costs
/// `per_pair` bytes in what follows ([`BYTES_PER_PAIR`] to score, [`SOLVE_BYTES_PER_PAIR`] to
/// solve).
pub fn check_size(
    demand: &SphereIndex,
    candidates: &[LatLon],
    radius_m: f64,
    memory: crate::budget::MemoryLimit,
    per_pair: u64,
) -> crate::error::Result<()> {
    // Counting stops at twice what the limit allows per site: enough to tell "too many".
    let m = candidates.len().max(1) as u64;
    let cap = (2 * memory.get() / per_pair / m + 1) as usize;
    let pairs = demand.estimate_pairs(candidates, radius_m, cap);
    memory.check(
        format!(
            "{radius_m} m walking radius over {} points and {} sites (about {pairs} pairs)",
            demand.len(),
            candidates.len()
        ),
        pairs.saturating_mul(per_pair),
        "use a smaller radius, fewer candidates or demand aggregated to coarser mesh cells; ",
    )
}

impl Coverage {
    /// Builds coverage in parallel; the result is identical for any number of threads because
    /// each candidate's list is computed alone and sorted by point index.
    pub fn build(demand: &SphereIndex, candidates: &[LatLon], radius_m: f64) -> Coverage {
        Coverage::build_until(demand, candidates, radius_m, None)
            .expect("without a deadline every list is built")
    }

    /// [`Coverage::build`] within `budget`: refused before it starts when the lists would not
    /// fit in its memory ([`check_size`]), and a time-limit error when its deadline passes
    /// before every list is built (nothing can be scored or solved without them).
    pub fn build_within(
        demand: &SphereIndex,
        candidates: &[LatLon],
        radius_m: f64,
        budget: crate::budget::Budget,
        per_pair: u64,
    ) -> crate::error::Result<Coverage> {
        check_size(demand, candidates, radius_m, budget.memory, per_pair)?;
        Coverage::build_until(demand, candidates, radius_m, budget.deadline).ok_or_else(|| {
            crate::error::Error::param(
                crate::param::Param::TimeLimitS,
                format!(
                    "time to find who lives within {radius_m} m of each of the {} sites ({} \
                     points)",
                    candidates.len(),
                    demand.len()
                ),
                "the limit ended first",
            )
        })
    }

    /// [`Coverage::build`] that gives up at `deadline`: `None` when it passed before every
    /// site's list was built. A walking radius over a large town can take longer than the
    /// whole run may, and the time limit counts from the start of the command.
    pub fn build_until(
        demand: &SphereIndex,
        candidates: &[LatLon],
        radius_m: f64,
        deadline: Option<std::time::Instant>,
    ) -> Option<Coverage> {
        let lists: Option<Vec<Vec<(usize, f64)>>> = candidates
            .par_iter()
            .map(|&c| (!crate::budget::passed(deadline)).then(|| demand.within(c, radius_m)))
            .collect();
        lists.map(|lists| Coverage::from_lists(radius_m, lists))
    }

    /// Builds coverage from per-candidate lists of `(point index, distance)`, each ascending by
    /// point index; for sources other than the sphere index (benchmark point sets, distance
    /// matrices cut at a radius).
    pub fn from_lists(radius_m: f64, lists: Vec<Vec<(usize, f64)>>) -> Coverage {
        debug_assert!(lists.iter().all(|l| l.windows(2).all(|w| w[0].0 < w[1].0)));
        let total = lists.iter().map(Vec::len).sum();
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut points = Vec::with_capacity(total);
        let mut distances_m = Vec::with_capacity(total);
        offsets.push(0);
        for list in lists {
            for (i, d) in list {
                points.push(i as u32);
                distances_m.push(d as f32);
            }
            offsets.push(points.len());
        }
        Coverage {
            radius_m,
            offsets,
            points,
            distances_m,
        }
    }

    /// The radius the lists were built for.
    pub fn radius_m(&self) -> f64 {
        self.radius_m
    }

    /// Number of candidates.
    pub fn candidates(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Demand point indices within reach of candidate `c`, ascending.
    pub fn points_of(&self, c: usize) -> &[u32] {
        &self.points[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Distances (metres) matching [`Coverage::points_of`].
    pub fn distances_of(&self, c: usize) -> &[f32] {
        &self.distances_m[self.offsets[c]..self.offsets[c + 1]]
    }

    /// Sum of `values` over the points candidate `c` reaches, in point order.
    pub fn sum(&self, c: usize, values: &[f64]) -> f64 {
        self.points_of(c)
            .iter()
            .fold(0.0, |acc, &i| acc + values[i as usize])
    }

    /// Total number of (candidate, point) pairs.
    pub fn pairs(&self) -> usize {
        self.points.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn grid() -> (SphereIndex, Vec<LatLon>) {
        let points: Vec<LatLon> = (0..400)
            .map(|k| {
                LatLon::new(
                    35.3 + f64::from(k / 20) * 0.001,
                    139.4 + f64::from(k % 20) * 0.001,
                )
            })
            .collect();
        let sites = vec![LatLon::new(35.305, 139.405), LatLon::new(35.31, 139.41)];
        (SphereIndex::new(&points), sites)
    }

    #[test]
    fn building_until_a_deadline_gives_the_same_lists_or_none() {
        let (index, sites) = grid();
        let full = Coverage::build(&index, &sites, 400.0);
        assert!(full.pairs() > 0);
        let later = Some(Instant::now() + Duration::from_secs(3600));
        assert_eq!(
            Coverage::build_until(&index, &sites, 400.0, later),
            Some(full.clone())
        );
        assert_eq!(
            Coverage::build_until(&index, &sites, 400.0, None),
            Some(full)
        );
        let passed = Some(Instant::now() - Duration::from_millis(1));
        assert_eq!(Coverage::build_until(&index, &sites, 400.0, passed), None);
    }
}
