//! Two or more stop sets side by side, measured the same way.
//!
//! Councils argue between "the council's list" and "the optimised list"; the argument ends
//! when both are measured on the same data with the same rules: who is reached within walking
//! distance, how many older people far from any shop, how many would buy (with the survey's
//! uncertainty), who is left out, and which stops lack room for the vehicles.

use super::{far_from_shop_weights, Interval, ScoreTable, SpaceStatus};
use crate::model::Dataset;
use crate::spatial::{Distances, SphereIndex};

/// A named set of stops (candidate indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopSet {
    /// What the council calls it ("council", "optimised").
    pub name: String,
    /// Candidate indices, in the order given.
    pub sites: Vec<usize>,
}

/// What one set achieves. Sums are `None` where the data lack the column (no aged 65+, no
/// shops, no surveys) rather than zero, so a missing input is never read as "reaches nobody".
#[derive(Debug, Clone, PartialEq)]
pub struct SetMetrics {
    /// The set.
    pub set: StopSet,
    /// Population within the radius of at least one stop.
    pub people_reached: Option<f64>,
    /// Aged 65+ within the radius of at least one stop.
    pub aged_reached: Option<f64>,
    /// The ranking weight within reach (the weight column, or 1 per point).
    pub weight_reached: f64,
    /// Aged 65+ living far from every shop and within reach of a stop.
    pub far_reached: Option<f64>,
    /// Potential users: each reached older resident counted at the nearest stop's survey rate;
    /// the interval sums the per-stop 95 % intervals (conservative).
    pub potential_users: Option<Interval>,
    /// Buyers per visit, each stop's added up (potential users × purchases per week ÷ that
    /// stop's visits per week), with the same conservative interval.
    pub buyers_per_visit: Option<Interval>,
    /// Stops whose own buyers per visit exceed what one visit can serve.
    pub over_capacity: Vec<usize>,
    /// Demand points with weight above 0 that no stop reaches.
    pub uncovered_points: usize,
    /// Weight of those points.
    pub uncovered_weight: f64,
    /// Reached inside the council's area (population, aged 65+, weight), when it is known:
    /// what shares are stated from.
    pub in_area: Option<InArea>,
    /// Aged 65+ in those points.
    pub uncovered_aged: Option<f64>,
    /// Stops outside the demand data, whose reach cannot be measured: left out of the sums
    /// above, which therefore count only what the other stops reach.
    pub unmeasurable: Vec<usize>,
    /// Stops whose space is known not to hold the vehicles.
    pub no_space: Vec<usize>,
    /// Stops whose space is unknown.
    pub space_unknown: Vec<usize>,
    /// Stops not in the first set.
    pub added: Vec<usize>,
    /// Stops of the first set not in this one.
    pub dropped: Vec<usize>,
    /// Whether each demand point is reached (for maps).
    pub reached: Vec<bool>,
    /// With distances walked along streets: the demand a circle of the radius around the
    /// measured stops would have counted but the streets do not reach.
    pub circle_only: Option<super::CircleOnly>,
}

/// What a set reaches inside the council's area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InArea {
    /// Population reached inside the area, if the data have it.
    pub people: Option<f64>,
    /// Aged 65+ reached inside the area, if the data have it.
    pub aged: Option<f64>,
    /// Ranking weight reached inside the area.
    pub weight: f64,
}

/// The sets measured, and the totals they are measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Walking radius, metres.
    pub radius_m: f64,
    /// The ranking weight column, if any.
    pub weight_column: Option<String>,
    /// Total population, if known.
    pub total_population: Option<f64>,
    /// Total aged 65+, if known.
    pub total_aged: Option<f64>,
    /// Total weight.
    pub total_weight: f64,
    /// Total aged 65+ far from every shop, if known.
    pub total_far: Option<f64>,
    /// The council's area and the data's people inside it, when an outline is known: the
    /// denominators of the shares.
    pub area: Option<crate::score::AreaTotals>,
    /// The assumptions behind buyers per visit, from the ranked list.
    pub buyers: super::BuyersParams,
    /// One entry per set, in the order given.
    pub sets: Vec<SetMetrics>,
}

/// The fixed part of measuring stop sets on one scored dataset: columns, far-from-shop
/// weights, the demand index and each candidate's score row, built once and reused for every
/// set (a comparison, or each scenario of a batch).
pub struct Measure<'a> {
    data: &'a Dataset,
    table: &'a ScoreTable,
    weights: Vec<f64>,
    population: Option<&'a [f64]>,
    aged: Option<&'a [f64]>,
    far: Option<Vec<f64>>,
    index: SphereIndex,
    /// Every candidate's position, and the cost table lined up with them, if any: the
    /// ranking's own distance rule.
    sites: Vec<crate::model::LatLon>,
    costs: Option<crate::model::SiteCosts>,
    by_index: Vec<Option<&'a crate::score::CandidateScore>>,
}

impl<'a> Measure<'a> {
    /// Prepares measuring with the radius, weight and survey model of `table` (a `score` of
    /// `data`), so a comparison and the ranked list never disagree.
    pub fn new(data: &'a Dataset, table: &'a ScoreTable) -> Measure<'a> {
        let s = &table.summary;
        let demand = &data.demand.data;
        let mut by_index = vec![None; data.candidates.data.sites.len()];
        for c in &table.candidates {
            by_index[c.index] = Some(c);
        }
        Measure {
            data,
            table,
            weights: match &s.weight_column {
                Some(c) => demand.column(c).map(<[f64]>::to_vec).unwrap_or_default(),
                None => vec![1.0; demand.len()],
            },
            population: demand.column(crate::model::POPULATION),
            aged: demand.column(crate::model::AGED_65_PLUS),
            far: far_from_shop_weights(data, s.shop_distance_m),
            index: SphereIndex::new(&demand.locations),
            sites: data.candidates.data.locations(),
            costs: data.site_costs(),
            by_index,
        }
    }

    /// Stops outside the data reach nobody we can count: they are left out of every sum and
    /// listed, so the sums are what the data can measure. The sites outside, and the places
    /// in the set of those inside.
    fn measurable(&self, set: &StopSet) -> (Vec<usize>, Vec<usize>) {
        let unmeasurable: Vec<usize> = set
            .sites
            .iter()
            .copied()
            .filter(|&j| self.by_index[j].is_some_and(|c| !c.measurable))
            .collect();
        let measured: Vec<usize> = (0..set.sites.len())
            .filter(|&k| !unmeasurable.contains(&set.sites[k]))
            .collect();
        (unmeasurable, measured)
    }

    /// What one set achieves; `first` is the set the changes are counted against.
    pub fn set(&self, set: &StopSet, first: &[usize]) -> SetMetrics {
        let s = &self.table.summary;
        let (unmeasurable, measured) = self.measurable(set);
        let measured_at: Vec<usize> = measured.iter().map(|&k| set.sites[k]).collect();
        let nearest: Vec<Option<(f64, usize)>> = self
            .nearest(&measured_at, s.radius_m)
            .into_iter()
            .map(|n| n.map(|(d, i)| (d, measured[i])))
            .collect();
        let reached: Vec<bool> = nearest.iter().map(Option::is_some).collect();
        let sum = |v: &[f64], want: bool| -> f64 {
            v.iter()
                .zip(&reached)
                .filter(|(_, &r)| r == want)
                .map(|(x, _)| x)
                .sum()
        };
        let buyers = self.buyers(set, &nearest);
        let status = |j: usize| self.by_index[j].map(|c| c.space.status);
        let with = |want: SpaceStatus| -> Vec<usize> {
            set.sites
                .iter()
                .copied()
                .filter(|&j| status(j) == Some(want))
                .collect()
        };
        SetMetrics {
            people_reached: self.population.map(|v| sum(v, true)),
            aged_reached: self.aged.map(|v| sum(v, true)),
            weight_reached: sum(&self.weights, true),
            far_reached: self.far.as_deref().map(|v| sum(v, true)),
            potential_users: buyers.users,
            buyers_per_visit: buyers.per_visit,
            over_capacity: buyers.over_capacity,
            uncovered_points: self
                .weights
                .iter()
                .zip(&reached)
                .filter(|(w, r)| **w > 0.0 && !**r)
                .count(),
            uncovered_weight: sum(&self.weights, false),
            in_area: s.area.as_ref().map(|a| InArea {
                people: self.population.map(|v| a.sum_inside(v, &reached)),
                aged: self.aged.map(|v| a.sum_inside(v, &reached)),
                weight: a.sum_inside(&self.weights, &reached),
            }),
            uncovered_aged: self.aged.map(|v| sum(v, false)),
            unmeasurable,
            no_space: with(SpaceStatus::DoesNotFit),
            space_unknown: with(SpaceStatus::Unknown),
            added: set
                .sites
                .iter()
                .copied()
                .filter(|j| !first.contains(j))
                .collect(),
            dropped: first
                .iter()
                .copied()
                .filter(|j| !set.sites.contains(j))
                .collect(),
            circle_only: super::circle_only(
                self.data,
                &self.index,
                &measured_at,
                s.radius_m,
                &reached,
                &self.weights,
            ),
            reached,
            set: set.clone(),
        }
    }
}

impl Measure<'_> {
    /// The nearest stop (distance, position in `stops`) of every point some stop reaches
    /// within `radius_m`, by the ranking's distance rule.
    fn nearest(&self, stops: &[usize], radius_m: f64) -> Vec<Option<(f64, usize)>> {
        let distances = Distances::new(&self.index, &self.sites, self.costs.as_ref());
        let cov = distances.coverage_of(stops, radius_m);
        let mut nearest: Vec<Option<(f64, usize)>> = vec![None; self.data.demand.data.len()];
        for k in 0..stops.len() {
            for (&p, &d) in cov.points_of(k).iter().zip(cov.distances_of(k)) {
                let slot = &mut nearest[p as usize];
                if slot.is_none_or(|(best, _)| f64::from(d) < best) {
                    *slot = Some((f64::from(d), k));
                }
            }
        }
        nearest
    }

    /// Potential users of each stop of the set: each reached older resident at the need rate
    /// of the stop nearest them, when the data has surveys and every such stop has a rate.
    fn users_per_stop(
        &self,
        set: &StopSet,
        nearest: &[Option<(f64, usize)>],
    ) -> Option<Vec<Interval>> {
        let surveyed = self.table.summary.survey.is_some();
        let a = self.aged.filter(|_| surveyed)?;
        let zero = Interval {
            estimate: 0.0,
            low: 0.0,
            high: 0.0,
        };
        let mut per_stop = vec![zero; set.sites.len()];
        for (p, n) in nearest.iter().enumerate() {
            if let Some((_, k)) = n {
                let u = self.by_index[set.sites[*k]]?.need?.users(a[p]);
                let t = &mut per_stop[*k];
                t.estimate += u.estimate;
                t.low += u.low;
                t.high += u.high;
            }
        }
        Some(per_stop)
    }

    /// The set's potential users, buyers per visit (each stop's, added up) and the stops
    /// whose buyers per visit exceed what one visit can serve.
    fn buyers(&self, set: &StopSet, nearest: &[Option<(f64, usize)>]) -> SetBuyers {
        let Some(per_stop) = self.users_per_stop(set, nearest) else {
            return SetBuyers::default();
        };
        let params = &self.table.summary.buyers;
        let mut users = Interval {
            estimate: 0.0,
            low: 0.0,
            high: 0.0,
        };
        let mut per_visit = users;
        let mut over = Vec::new();
        for (&j, u) in set.sites.iter().zip(&per_stop) {
            let Some(visits) = self.by_index[j]
                .and_then(|c| c.buyers)
                .map(|b| b.visits_per_week)
            else {
                return SetBuyers::default();
            };
            let b = params.per_visit(*u, visits);
            for (sum, x) in [(&mut users, u), (&mut per_visit, &b.per_visit)] {
                sum.estimate += x.estimate;
                sum.low += x.low;
                sum.high += x.high;
            }
            if b.over_capacity() {
                over.push(j);
            }
        }
        SetBuyers {
            users: Some(users),
            per_visit: Some(per_visit),
            over_capacity: over,
        }
    }
}

/// What [`Measure::buyers`] finds for one set.
#[derive(Default)]
struct SetBuyers {
    users: Option<Interval>,
    per_visit: Option<Interval>,
    over_capacity: Vec<usize>,
}

/// Measures every set with the radius, weight and survey model of `table` (a `score` of the
/// same data), so a comparison and the ranked list never disagree.
pub fn compare(data: &Dataset, table: &ScoreTable, sets: &[StopSet]) -> Comparison {
    let s = &table.summary;
    let m = Measure::new(data, table);
    let first: Vec<usize> = sets.first().map(|s| s.sites.clone()).unwrap_or_default();
    Comparison {
        radius_m: s.radius_m,
        weight_column: s.weight_column.clone(),
        total_population: s.total_population,
        total_aged: s.total_65_plus,
        total_weight: s.total_weight,
        total_far: m.far.as_ref().map(|v| v.iter().sum()),
        area: s.area.clone(),
        buyers: s.buyers.clone(),
        sets: sets.iter().map(|set| m.set(set, &first)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{score, ScoreParams};
    use crate::spatial::haversine_m;

    #[test]
    fn reach_matches_a_brute_force_count_and_differences_are_listed() {
        let data = crate::io::embedded::dataset().unwrap();
        let table = score(&data, &ScoreParams::default()).unwrap();
        let sets = [
            StopSet {
                name: "a".into(),
                sites: vec![0, 1, 2],
            },
            StopSet {
                name: "b".into(),
                sites: vec![1, 2, 3, 4],
            },
        ];
        let c = compare(&data, &table, &sets);
        let demand = &data.demand.data;
        let aged = demand.column("aged_65_plus").unwrap();
        for m in &c.sets {
            let want: f64 = (0..demand.len())
                .filter(|&p| {
                    m.set.sites.iter().any(|&j| {
                        haversine_m(demand.locations[p], data.candidates.data.sites[j].location)
                            <= 500.0
                    })
                })
                .map(|p| aged[p])
                .sum();
            let got = m.aged_reached.unwrap();
            assert!((got - want).abs() < 1e-6, "{got} vs {want}");
            assert!((got + m.uncovered_aged.unwrap() - c.total_aged.unwrap()).abs() < 1e-6);
            // Space is unknown for every embedded site; no shops, no surveys.
            assert_eq!(m.space_unknown.len(), m.set.sites.len());
            assert_eq!(m.far_reached, None);
            assert_eq!(m.potential_users, None);
            assert_eq!(m.buyers_per_visit, None);
        }
        assert_eq!(c.sets[1].added, vec![3, 4]);
        assert_eq!(c.sets[1].dropped, vec![0]);
    }
}
