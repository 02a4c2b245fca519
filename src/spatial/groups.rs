//! Demand points grouped by the set of sites that reach them, built while the points stream
//! past.
//!
//! A covering model only asks of a point which sites reach it and how much it weighs, so
//! points with the same covering set are one weighted row. Ten million points fall into a
//! few tens of thousands of such groups, and the groups need neither the points' index nor
//! their coverage lists: each chunk of points is looked up in an index of the sites (ten
//! thousand of them) and forgotten.

use super::{Coverage, SphereIndex};
use crate::model::LatLon;
use rayon::prelude::*;
use std::collections::HashMap;

/// Points within this many of each other are grouped by one thread; the sums of a group's
/// weight are added in this fixed order, so they do not depend on the number of threads.
const PIECE: usize = 1 << 16;

/// Weighted groups of points with identical covering sites, being built.
pub struct CoverGroups {
    radius_m: f64,
    sites: SphereIndex,
    groups: HashMap<Vec<u32>, f64>,
    points: u64,
    uncovered_points: u64,
    uncovered_weight: f64,
}

/// The groups once every point has been added.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouped {
    /// For each site, the groups it reaches (the group numbers stand for points; the
    /// distances are not kept and read 0).
    pub coverage: Coverage,
    /// Total weight of each group.
    pub weight: Vec<f64>,
    /// Points added.
    pub points: u64,
    /// Points no site reaches (in no group) and their weight.
    pub uncovered_points: u64,
    /// Weight of the points no site reaches.
    pub uncovered_weight: f64,
}

impl CoverGroups {
    /// Groups for `sites` at `radius_m` (great-circle metres, as [`Coverage::build`]).
    pub fn new(sites: &[LatLon], radius_m: f64) -> CoverGroups {
        CoverGroups {
            radius_m,
            sites: SphereIndex::new(sites),
            groups: HashMap::new(),
            points: 0,
            uncovered_points: 0,
            uncovered_weight: 0.0,
        }
    }

    /// Adds points with their weights (the same length).
    pub fn add(&mut self, points: &[LatLon], weight: &[f64]) {
        assert_eq!(points.len(), weight.len(), "a weight per point");
        let (sites, r) = (&self.sites, self.radius_m);
        let pieces: Vec<(HashMap<Vec<u32>, f64>, u64, f64)> = points
            .par_chunks(PIECE)
            .zip(weight.par_chunks(PIECE))
            .map(|(pts, ws)| {
                let mut map: HashMap<Vec<u32>, f64> = HashMap::new();
                let (mut none, mut none_w) = (0u64, 0.0);
                let mut key: Vec<u32> = Vec::new();
                for (&p, &w) in pts.iter().zip(ws) {
                    key.clear();
                    let near = sites.within(p, r);
                    key.extend(near.iter().map(|&(j, _)| j as u32));
                    if key.is_empty() {
                        none += 1;
                        none_w += w;
                    } else if let Some(sum) = map.get_mut(&key) {
                        *sum += w;
                    } else {
                        map.insert(key.clone(), w);
                    }
                }
                (map, none, none_w)
            })
            .collect();
        self.points += points.len() as u64;
        for (map, none, none_w) in pieces {
            self.uncovered_points += none;
            self.uncovered_weight += none_w;
            // Each piece's map is merged in key order: the sums' order is fixed.
            let mut entries: Vec<(Vec<u32>, f64)> = map.into_iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            for (k, w) in entries {
                *self.groups.entry(k).or_insert(0.0) += w;
            }
        }
    }

    /// Number of groups so far.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True before any covered point was added.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The groups, numbered in the order of their site lists (so the same points give the
    /// same numbering whatever the thread count), as coverage over groups.
    pub fn finish(self) -> Grouped {
        let mut groups: Vec<(Vec<u32>, f64)> = self.groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut lists: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.sites.len()];
        for (g, (key, _)) in groups.iter().enumerate() {
            for &j in key {
                lists[j as usize].push((g, 0.0));
            }
        }
        Grouped {
            coverage: Coverage::from_lists(self.radius_m, lists),
            weight: groups.into_iter().map(|(_, w)| w).collect(),
            points: self.points,
            uncovered_points: self.uncovered_points,
            uncovered_weight: self.uncovered_weight,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benchmarks::synthetic::{dataset, stream, SyntheticSpec};
    use crate::on_threads::on_threads;
    use crate::solve::cover::mclp;
    use crate::solve::{Limits, SiteRules};

    #[test]
    fn grouped_streamed_points_solve_mclp_as_the_full_coverage_does() {
        let spec = SyntheticSpec {
            demand_points: 3000,
            candidates: 60,
            stores: 0,
            survey_places: 0,
            side_km: 6.0,
            seed: 5,
        };
        let data = dataset(&spec);
        let (sites, chunks) = stream(&spec, 700);
        assert_eq!(sites, data.candidates.data.locations());
        let mut groups = CoverGroups::new(&sites, 500.0);
        let mut streamed = Vec::new();
        for (pts, w) in chunks {
            groups.add(&pts, &w);
            streamed.extend(pts);
        }
        assert_eq!(streamed, data.demand.data.locations);
        let g = groups.finish();
        assert_eq!(g.points, 3000);
        assert!(g.weight.len() < 3000 - g.uncovered_points as usize);
        let weight = &data.demand.data.columns[0].values;
        let full = Coverage::build(&SphereIndex::new(&streamed), &sites, 500.0);
        let total: f64 = weight.iter().sum();
        let grouped_total: f64 = g.weight.iter().sum::<f64>() + g.uncovered_weight;
        assert_eq!(grouped_total, total);
        let rules = SiteRules::open(sites.len(), 7);
        let a = mclp(&full, weight, &rules, &Limits::new(None, 1));
        let b = mclp(&g.coverage, &g.weight, &rules, &Limits::new(None, 1));
        assert_eq!(a.objective, b.objective);
        assert_eq!(b.objective, b.bound);
        // The grouped answer's sites cover as much of the full points.
        let open_sum = |open: &[usize]| {
            let mut hit = vec![false; streamed.len()];
            for &j in open {
                for &i in full.points_of(j) {
                    hit[i as usize] = true;
                }
            }
            (0..hit.len())
                .filter(|&i| hit[i])
                .map(|i| weight[i])
                .sum::<f64>()
        };
        assert_eq!(open_sum(&b.open), a.objective);
        // One thread groups the points as many do.
        let alone = on_threads(1, || {
            let mut one = CoverGroups::new(&sites, 500.0);
            for (pts, w) in stream(&spec, 700).1 {
                one.add(&pts, &w);
            }
            one.finish()
        });
        assert_eq!(alone, g);
    }
}
