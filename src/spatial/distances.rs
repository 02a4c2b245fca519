//! How far a demand point is from a candidate: the straight line on the sphere, or a cost
//! table read from a file (walking metres or minutes along the streets).
//!
//! Every use of a demand → candidate distance goes through [`Distances`]: the walking-radius
//! lists of the ranking, the covering models and the comparison, the dense matrix of the
//! p-median and p-center, and the nearest chosen stop of each point. Street-network distances
//! (issue #17) arrive as another table, so none of those callers change. Distances that are not
//! demand → candidate (to food shops, between stops on the route) are not measured here.

use super::{Coverage, SphereIndex};
use crate::budget::{passed, Budget};
use crate::error::{Error, Result};
use crate::model::{CostUnit, LatLon, SiteCosts};
use crate::param::Param;
use rayon::prelude::*;

/// The distance rule of one run, borrowed from the data it measures.
#[derive(Clone, Copy)]
pub enum Distances<'a> {
    /// Great-circle metres between the demand points (indexed) and the sites.
    Straight {
        /// The demand points.
        index: &'a SphereIndex,
        /// The candidate sites, in order.
        sites: &'a [LatLon],
    },
    /// The pairs a cost file lists; any other pair is unreachable.
    Table(&'a SiteCosts),
}

impl<'a> Distances<'a> {
    /// The straight line, or `costs` when a cost matrix was read.
    pub fn new(
        index: &'a SphereIndex,
        sites: &'a [LatLon],
        costs: Option<&'a SiteCosts>,
    ) -> Distances<'a> {
        match costs {
            Some(c) => Distances::Table(c),
            None => Distances::Straight { index, sites },
        }
    }

    /// Metres, or minutes for a table of minutes: what the radius is read as.
    pub fn unit(&self) -> CostUnit {
        match self {
            Distances::Straight { .. } => CostUnit::Metres,
            Distances::Table(c) => c.unit(),
        }
    }

    /// Number of candidate sites.
    pub fn sites(&self) -> usize {
        match self {
            Distances::Straight { sites, .. } => sites.len(),
            Distances::Table(c) => c.sites(),
        }
    }

    /// Number of demand points.
    pub fn points(&self) -> usize {
        match self {
            Distances::Straight { index, .. } => index.len(),
            Distances::Table(c) => c.points(),
        }
    }

    /// Who each site reaches within `radius` (the unit's), without limits.
    pub fn coverage(&self, radius: f64) -> Coverage {
        self.coverage_until(radius, None)
            .expect("without a deadline every list is built")
    }

    /// [`Self::coverage`] within `budget`: refused before it is built when the lists would
    /// not fit its memory at `per_pair` bytes a pair, and a time-limit error when its deadline
    /// passes first.
    pub fn coverage_within(&self, radius: f64, budget: Budget, per_pair: u64) -> Result<Coverage> {
        match self {
            Distances::Straight { index, sites } => {
                Coverage::build_within(index, sites, radius, budget, per_pair)
            }
            Distances::Table(c) => {
                let pairs: u64 = (0..c.sites())
                    .map(|j| c.of_site(j).1.iter().filter(|&&d| d <= radius).count() as u64)
                    .sum();
                budget.memory.check(
                    format!(
                        "the pairs within {radius} {} of the cost matrix ({pairs} pairs)",
                        self.unit().symbol()
                    ),
                    pairs.saturating_mul(per_pair),
                    "use a smaller radius, fewer candidates or demand aggregated to coarser \
                     mesh cells; ",
                )?;
                self.coverage_until(radius, budget.deadline).ok_or_else(|| {
                    Error::param(
                        Param::TimeLimitS,
                        format!("time to find who each of the {} sites reaches", c.sites()),
                        "the limit ended first",
                    )
                })
            }
        }
    }

    fn coverage_until(
        &self,
        radius: f64,
        deadline: Option<std::time::Instant>,
    ) -> Option<Coverage> {
        match self {
            Distances::Straight { index, sites } => {
                Coverage::build_until(index, sites, radius, deadline)
            }
            Distances::Table(c) => {
                let all: Vec<usize> = (0..c.sites()).collect();
                table_coverage(c, &all, radius, deadline)
            }
        }
    }

    /// Who each of `subset` (site indices) reaches within `radius`, the lists in `subset`'s
    /// order: a stop set measured on its own.
    pub fn coverage_of(&self, subset: &[usize], radius: f64) -> Coverage {
        match self {
            Distances::Straight { index, sites } => {
                let at: Vec<LatLon> = subset.iter().map(|&j| sites[j]).collect();
                Coverage::build(index, &at, radius)
            }
            Distances::Table(c) => table_coverage(c, subset, radius, None).expect("no deadline"),
        }
    }

    /// Every point × site distance, row-major by point; a pair a table does not list is
    /// infinite.
    pub fn matrix(&self) -> Vec<f64> {
        match self {
            Distances::Straight { index, sites } => index
                .locations()
                .par_iter()
                .flat_map_iter(|&p| sites.iter().map(move |&s| super::haversine_m(p, s)))
                .collect(),
            Distances::Table(c) => {
                let m = c.sites();
                let mut dist = vec![f64::INFINITY; c.points() * m];
                for j in 0..m {
                    let (points, costs) = c.of_site(j);
                    for (&i, &d) in points.iter().zip(costs) {
                        dist[i as usize * m + j] = d;
                    }
                }
                dist
            }
        }
    }

    /// For each point, the nearest of the `chosen` sites (its position in `chosen`, and the
    /// distance), ties to the earlier; `None` when a table lists no pair of it with any.
    pub fn nearest(&self, chosen: &[usize]) -> Vec<Option<(usize, f64)>> {
        let better = |slot: &Option<(usize, f64)>, d: f64| slot.is_none_or(|(_, b)| d < b);
        match self {
            Distances::Straight { index, sites } => index
                .locations()
                .par_iter()
                .map(|&p| {
                    let mut best = None;
                    for (k, &j) in chosen.iter().enumerate() {
                        let d = super::haversine_m(p, sites[j]);
                        if better(&best, d) {
                            best = Some((k, d));
                        }
                    }
                    best
                })
                .collect(),
            Distances::Table(c) => {
                let mut best = vec![None; c.points()];
                for (k, &j) in chosen.iter().enumerate() {
                    let (points, costs) = c.of_site(j);
                    for (&i, &d) in points.iter().zip(costs) {
                        if better(&best[i as usize], d) {
                            best[i as usize] = Some((k, d));
                        }
                    }
                }
                best
            }
        }
    }
}

/// The coverage lists of `subset` from a table: its pairs with cost ≤ `radius`.
fn table_coverage(
    c: &SiteCosts,
    subset: &[usize],
    radius: f64,
    deadline: Option<std::time::Instant>,
) -> Option<Coverage> {
    let lists: Option<Vec<Vec<(usize, f64)>>> = subset
        .par_iter()
        .map(|&j| {
            (!passed(deadline)).then(|| {
                let (points, costs) = c.of_site(j);
                points
                    .iter()
                    .zip(costs)
                    .filter(|(_, &d)| d <= radius)
                    .map(|(&i, &d)| (i as usize, d))
                    .collect()
            })
        })
        .collect();
    lists.map(|l| Coverage::from_lists(radius, l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CostTable, CostUnit};
    use std::sync::Arc;

    #[test]
    fn a_table_of_straight_line_distances_measures_as_the_straight_line_does() {
        let points: Vec<LatLon> = (0..60)
            .map(|k| {
                LatLon::new(
                    35.3 + f64::from(k / 8) * 0.002,
                    139.4 + f64::from(k % 8) * 0.002,
                )
            })
            .collect();
        let sites = vec![
            LatLon::new(35.303, 139.403),
            LatLon::new(35.31, 139.41),
            LatLon::new(35.305, 139.39),
        ];
        let index = SphereIndex::new(&points);
        let entries: Vec<(usize, u32, f64)> = (0..sites.len())
            .flat_map(|j| {
                let points = &points;
                let sites = &sites;
                (0..points.len())
                    .map(move |i| (j, i as u32, super::super::haversine_m(points[i], sites[j])))
            })
            .collect();
        let ids: Vec<String> = (0..sites.len()).map(|j| format!("s{j}")).collect();
        let table = Arc::new(CostTable::from_sorted(
            CostUnit::Metres,
            ids.clone(),
            points.len(),
            entries.into_iter(),
        ));
        let costs = table.for_sites(ids.iter().map(String::as_str));
        let straight = Distances::new(&index, &sites, None);
        let listed = Distances::new(&index, &sites, Some(&costs));
        assert_eq!(straight.coverage(400.0), listed.coverage(400.0));
        assert_eq!(straight.matrix(), listed.matrix());
        assert_eq!(straight.nearest(&[2, 0]), listed.nearest(&[2, 0]));
        assert_eq!(
            straight.coverage_of(&[1], 300.0),
            listed.coverage_of(&[1], 300.0)
        );
    }
}
