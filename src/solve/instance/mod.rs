//! One solver input, whatever it was read from: planning data or a published benchmark.
//!
//! The models need two views of the same instance: who each site reaches within the radius
//! ([`Coverage`]) and how far each point is from each site ([`DistanceProblem`]). Planning data
//! measures both on the sphere; OR-Library graphs give shortest-path distances; the SJC sets
//! give plane coordinates with a squared-integer coverage rule. Keeping the geometry behind
//! one type lets `solve`, the reports and the scenarios treat them alike.

pub mod plane;
mod planning;

pub use planning::{CapacitySpec, PlanningOptions, FAR_FROM_SHOP};

use super::DistanceProblem;
use crate::budget::{Budget, MemoryLimit};
use crate::error::Result;
use crate::model::{CostUnit, LatLon, LocalText, SiteCosts};
use crate::score::SpaceAssessment;
use crate::spatial::{Coverage, Distances, SphereIndex};
use rayon::prelude::*;

/// Bytes per client–site entry of a p-median or p-center solve: the matrix, and the sorted
/// copy with site numbers the solvers search.
pub const BYTES_PER_MATRIX_ENTRY: u64 = 32;

/// A candidate site as the solver and its reports see it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteInfo {
    /// Id as in the input (1-based vertex number for benchmarks).
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// The name as the input wrote it, when the display name gained a town (see
    /// [`crate::model::Candidates::disambiguate_names`]); `--require 日枝神社` still finds it.
    pub written_name: Option<String>,
    /// Kind of site.
    pub kind: Option<String>,
    /// Position, when the input has one on the Earth.
    pub location: Option<LatLon>,
    /// Space assessment for the vehicles needed (planning data only).
    pub space: Option<SpaceAssessment>,
    /// Capacity from the input (e.g. the `Q` of a capacitated benchmark).
    pub capacity: Option<f64>,
}

/// Where points and sites are, and so how distance and coverage are measured.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// Latitude/longitude; great-circle metres.
    Sphere {
        /// Demand point positions.
        points: Vec<LatLon>,
    },
    /// A given clients × sites matrix (OR-Library); coverage means distance ≤ radius.
    Matrix {
        /// Row-major distances.
        dist: Vec<f64>,
    },
    /// Plane coordinates in metres where every point is also a site (SJC); coverage by
    /// the squared-integer rule ([`plane::covers`]).
    Plane {
        /// Integer coordinates of the points, in input order.
        points: Vec<(i64, i64)>,
    },
    /// Latitude/longitude for the maps, distances from a cost table (a cost matrix file);
    /// a pair the table does not list is unreachable.
    Table {
        /// Demand point positions.
        points: Vec<LatLon>,
        /// The table, lined up with the sites.
        costs: SiteCosts,
    },
}

/// A solver input with everything the reports need to name its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// What the data is, for headers (`embedded: …`, a file name; Japanese when known).
    pub label: crate::model::DataLabel,
    /// Candidate sites, in input order.
    pub sites: Vec<SiteInfo>,
    /// Demand point ids, in input order.
    pub point_ids: Vec<String>,
    /// Objective weight of each point.
    pub weight: Vec<f64>,
    /// Name of the weight column (`None`: each point counts 1).
    pub weight_column: Option<String>,
    /// What a point consumes of a stop's capacity, when the input says so separately from
    /// the objective weight (the Osman–Christofides demands); `None`: the weight.
    pub load: Option<Vec<f64>>,
    /// Population and aged 65+ per point, for per-stop detail (planning data only).
    pub population: Option<Vec<f64>>,
    /// Aged 65+ per point.
    pub aged_65_plus: Option<Vec<f64>>,
    /// The p stated by a benchmark file, used when `--p` is not given.
    pub p_in_file: Option<usize>,
    /// Limits and caveats of the data, printed with every result.
    pub notes: Vec<LocalText>,
    /// How distances are measured.
    pub geometry: Geometry,
    /// The OpenStreetMap extract the table was walked on (`--network`), when it was, and
    /// whether the walks cost their slopes: every result says which distance it used.
    pub streets: Option<(String, bool)>,
}

impl Instance {
    /// Number of demand points.
    pub fn points(&self) -> usize {
        self.point_ids.len()
    }

    /// Whether distances are metres on the ground (planning data), not a benchmark's own
    /// units: only then does an output print them with "m".
    pub fn in_metres(&self) -> bool {
        match &self.geometry {
            Geometry::Sphere { .. } => true,
            Geometry::Table { costs, .. } => costs.unit() == CostUnit::Metres,
            Geometry::Matrix { .. } | Geometry::Plane { .. } => false,
        }
    }

    /// Total objective weight.
    pub fn total_weight(&self) -> f64 {
        self.weight.iter().fold(0.0, |a, b| a + b)
    }

    /// What each point consumes of a stop's capacity.
    pub fn load(&self) -> &[f64] {
        self.load.as_deref().unwrap_or(&self.weight)
    }

    /// Who each site reaches within `radius_m`, by the input's own distance rule.
    pub fn coverage(&self, radius_m: f64) -> Coverage {
        self.build_coverage(radius_m, None)
            .expect("unchecked coverage never fails")
    }

    /// [`coverage`](Self::coverage), refused up front when the lists would not fit in memory
    /// (planning data; the benchmark sets are small).
    /// Within `budget`'s deadline, too: a time limit that ends while the lists are built is an
    /// error naming the time limit (nothing can be solved without them).
    pub fn checked_coverage(&self, radius_m: f64, budget: Budget) -> Result<Coverage> {
        self.build_coverage(radius_m, Some(budget))
    }

    fn build_coverage(&self, radius_m: f64, check: Option<Budget>) -> Result<Coverage> {
        Ok(match &self.geometry {
            Geometry::Sphere { points } | Geometry::Table { points, .. } => {
                let index = SphereIndex::new_until(points, check.and_then(|b| b.deadline))?;
                let sites = self.site_locations();
                let costs = match &self.geometry {
                    Geometry::Table { costs, .. } => Some(costs),
                    _ => None,
                };
                let distances = Distances::new(&index, &sites, costs);
                let Some(budget) = check else {
                    return Ok(distances.coverage(radius_m));
                };
                distances.coverage_within(radius_m, budget, crate::spatial::SOLVE_BYTES_PER_PAIR)?
            }
            Geometry::Matrix { dist } => {
                let m = self.sites.len();
                let lists = (0..m)
                    .into_par_iter()
                    .map(|j| {
                        (0..self.points())
                            .filter_map(|i| {
                                let d = dist[i * m + j];
                                (d <= radius_m).then_some((i, d))
                            })
                            .collect()
                    })
                    .collect();
                Coverage::from_lists(radius_m, lists)
            }
            Geometry::Plane { points } => plane::coverage(points, radius_m),
        })
    }

    /// Every site's position (planning data only).
    fn site_locations(&self) -> Vec<LatLon> {
        self.sites
            .iter()
            .map(|s| s.location.expect("planning sites have positions"))
            .collect()
    }

    /// The demand points' positions, when the data has them (planning data).
    pub fn point_locations(&self) -> Option<&[LatLon]> {
        match &self.geometry {
            Geometry::Sphere { points } | Geometry::Table { points, .. } => Some(points),
            Geometry::Matrix { .. } | Geometry::Plane { .. } => None,
        }
    }

    /// The distance from point `i` to site `j` as the solvers measure it, for the data
    /// without positions (a benchmark's matrix or plane); `None` for planning data, whose
    /// distances come from [`Distances`].
    pub fn pair_distance(&self, i: usize, j: usize) -> Option<f64> {
        match &self.geometry {
            Geometry::Matrix { dist } => dist.get(i * self.sites.len() + j).copied(),
            Geometry::Plane { points } => {
                let ((x, y), (sx, sy)) = (*points.get(i)?, *points.get(j)?);
                Some(((x - sx) as f64).hypot((y - sy) as f64))
            }
            Geometry::Sphere { .. } | Geometry::Table { .. } => None,
        }
    }

    /// The cost table the distances come from, when a cost matrix was read.
    pub fn costs(&self) -> Option<&SiteCosts> {
        match &self.geometry {
            Geometry::Table { costs, .. } => Some(costs),
            _ => None,
        }
    }

    /// The unit of every demand → site distance and of the radius: metres, or a cost
    /// table's minutes.
    pub fn unit(&self) -> CostUnit {
        self.costs().map_or(CostUnit::Metres, SiteCosts::unit)
    }

    /// The clients × sites distance matrix with the objective weights; refused when it would
    /// not fit in memory, with what to do instead. With a cost table, a pair it does not list
    /// is given the returned cost instead of infinity: so large that any set leaving a
    /// weighted point without a listed stop costs more than every set serving them all
    /// (p-median: more than the weight of all points at their farthest listed site; p-center:
    /// more than any listed cost), so the solvers work on finite numbers and still prefer to
    /// serve everyone; the caller turns an answer at that cost into "infeasible".
    pub fn distances(
        &self,
        model: &str,
        memory: MemoryLimit,
    ) -> Result<(DistanceProblem, Option<f64>)> {
        let (n, m) = (self.points(), self.sites.len());
        memory.check(
            format!("the {model} model's {n} points × {m} sites distance matrix"),
            (n as u64)
                .saturating_mul(m as u64)
                .saturating_mul(BYTES_PER_MATRIX_ENTRY),
            "aggregate the demand to coarser mesh cells, use fewer candidates, or use the mclp \
             model (it needs only the pairs within the radius); ",
        )?;
        let mut missing = None;
        let dist = match &self.geometry {
            Geometry::Sphere { points } => {
                let index = SphereIndex::new(points);
                let sites = self.site_locations();
                Distances::new(&index, &sites, None).matrix()
            }
            Geometry::Table { costs, .. } => {
                let mut dist = Distances::Table(costs).matrix();
                let stand_in = unreached_cost(&dist, &self.weight, m);
                for d in dist.iter_mut().filter(|d| d.is_infinite()) {
                    *d = stand_in;
                }
                missing = Some(stand_in);
                dist
            }
            Geometry::Matrix { dist } => dist.clone(),
            Geometry::Plane { points: pts } => pts
                .par_iter()
                .flat_map_iter(|&(x, y)| {
                    pts.iter()
                        .map(move |&(sx, sy)| ((x - sx) as f64).hypot((y - sy) as f64))
                })
                .collect(),
        };
        Ok((
            DistanceProblem {
                clients: n,
                sites: m,
                dist,
                weight: self.weight.clone(),
            },
            missing,
        ))
    }
}

/// The cost standing for "no listed pair" in a `points × m` matrix: above Σ weight × the
/// point's largest listed cost divided by the least positive weight, and above every listed
/// cost; a whole number, so a matrix of whole numbers stays one.
fn unreached_cost(dist: &[f64], weight: &[f64], m: usize) -> f64 {
    let finite_max = |row: &[f64]| {
        row.iter()
            .copied()
            .filter(|d| d.is_finite())
            .fold(0.0, f64::max)
    };
    let rows = || dist.chunks(m.max(1));
    let largest = rows().map(finite_max).fold(0.0, f64::max);
    let total: f64 = rows()
        .zip(weight)
        .map(|(row, &w)| w * finite_max(row))
        .sum();
    let least = weight
        .iter()
        .copied()
        .filter(|&w| w > 0.0)
        .fold(f64::INFINITY, f64::min);
    let scaled = if least.is_finite() {
        total / least
    } else {
        0.0
    };
    (scaled + largest + 1.0).ceil()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::param::Param;
    use std::time::{Duration, Instant};

    #[test]
    fn coverage_under_a_passed_deadline_is_a_time_limit_error_not_a_late_answer() {
        let data = crate::io::embedded::dataset().unwrap();
        let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
        let memory = MemoryLimit::default();
        let late = Budget {
            deadline: Some(Instant::now() - Duration::from_millis(1)),
            memory,
        };
        match inst.checked_coverage(500.0, late) {
            Err(Error::Param {
                param: Param::TimeLimitS,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let open = Budget {
            deadline: None,
            memory,
        };
        assert_eq!(
            inst.checked_coverage(500.0, open).unwrap(),
            inst.coverage(500.0)
        );
    }
}
