//! A routing problem in a planner's terms: named places, travel between them, the week's rules.
//!
//! The planner in [`super::week`] works on matrix indices; councils work on ids and names.
//! This type keeps both together (place 0 is the depot, place `i + 1` is stop `i`) so every
//! writer can say "Tuesdays 10:30 at 日枝神社" without re-joining tables.

use super::plan::{Run, StopRules, WeekPlan, WeekRules, WeekStop};
use super::unfit::Unfit;
use super::week::plan_week_until;
use crate::model::{LatLon, Travel, TravelSource, TravelTimes};
use crate::spatial::haversine_m;
use std::time::Instant;

/// The id of a depot given as LAT,LON (the travel matrix's name for it too); outputs say it
/// in words instead ([`crate::report::Lang::place`]: depot, 出発地).
pub const COORDINATES_DEPOT: &str = "depot";

/// A place the truck starts from or stops at.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Id as in the candidates (or shops) file, or `depot` for a depot given by coordinates.
    pub id: String,
    /// Display name, when the data has one.
    pub name: Option<String>,
    /// Position, when known (a travel matrix alone gives none; maps then skip the place).
    pub location: Option<LatLon>,
}

impl Place {
    /// The name if there is one, else the id: what a timetable shows.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.id)
    }
}

/// Built here rather than beside the type in [`crate::model`]: the great-circle distance
/// comes from [`crate::spatial`], which sits above the model.
impl Travel {
    /// Straight-line travel: the great-circle distance stretched by `detour`, at `speed_kmh`.
    pub fn straight(points: &[LatLon], speed_kmh: f64, detour: f64) -> Travel {
        let n = points.len();
        let km = TravelTimes::from_fn(n, |a, b| {
            if a == b {
                0.0
            } else {
                haversine_m(points[a], points[b]) / 1000.0 * detour
            }
        });
        Travel {
            minutes: TravelTimes::from_fn(n, |a, b| km.get(a, b) / speed_kmh * 60.0),
            km: Some(km),
            source: TravelSource::Straight { speed_kmh, detour },
        }
    }
}

/// Everything the weekly plan needs.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteProblem {
    /// Where every run starts and ends.
    pub depot: Place,
    /// The stops, in the order given (reports sort by id).
    pub stops: Vec<Place>,
    /// Visits per week of each stop (1 or 2).
    pub visits: Vec<u8>,
    /// Each stop's own rules (service, windows, days, pin); empty = the week's defaults.
    pub stop_rules: Vec<StopRules>,
    /// Depots of trucks that do not start from `depot` (`--trucks FILE`), in the travel matrix
    /// after the stops.
    pub depots: Vec<Place>,
    /// Travel over `[depot, stops…, depots…]`.
    pub travel: Travel,
    /// Days, window, service time, trucks.
    pub rules: WeekRules,
}

impl RouteProblem {
    /// The place behind a matrix index (0 = depot).
    pub fn place(&self, index: usize) -> &Place {
        let n = self.stops.len();
        match index {
            0 => &self.depot,
            i if i <= n => &self.stops[i - 1],
            i => &self.depots[i - n - 1],
        }
    }

    /// The place a run starts from and returns to.
    pub fn depot_of(&self, run: &Run) -> &Place {
        self.place(run.depot)
    }

    /// Plans the week: the timetable, or what does not fit and what would.
    pub fn plan(&self) -> Result<WeekPlan, Unfit> {
        self.plan_until(None)
    }

    /// [`plan`](Self::plan) within a command's time limit (see
    /// [`plan_week_until`]).
    pub fn plan_until(&self, deadline: Option<Instant>) -> Result<WeekPlan, Unfit> {
        let stops: Vec<WeekStop> = self
            .visits
            .iter()
            .enumerate()
            .map(|(i, &visits)| WeekStop {
                rules: self.stop_rules.get(i).cloned().unwrap_or_default(),
                ..WeekStop::new(i + 1, visits)
            })
            .collect();
        plan_week_until(&self.travel.minutes, 0, &stops, &self.rules, deadline)
            .map_err(|u| super::pins::explain(self, &stops, u, deadline))
    }

    /// Matrix indices of a run, depot to depot.
    pub fn legs(&self, run: &Run) -> Vec<usize> {
        if run.visits.is_empty() {
            return Vec::new();
        }
        let mut path = vec![run.depot];
        path.extend(run.visits.iter().map(|v| v.stop + 1));
        path.push(run.depot);
        path
    }

    /// Kilometres of a run, when distances are known.
    pub fn run_km(&self, run: &Run) -> Option<f64> {
        let km = self.travel.km.as_ref()?;
        Some(self.legs(run).windows(2).map(|w| km.get(w[0], w[1])).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_travel_is_detoured_distance_at_speed() {
        // One hundredth of a degree of latitude is about 1.112 km.
        let pts = [LatLon::new(35.30, 139.40), LatLon::new(35.31, 139.40)];
        let t = Travel::straight(&pts, 20.0, 1.3);
        let km = t.km.as_ref().unwrap().get(0, 1);
        assert!((km - 1.112 * 1.3).abs() < 0.01, "{km}");
        assert!((t.minutes.get(0, 1) - km * 3.0).abs() < 1e-9);
        assert_eq!(t.minutes.get(1, 1), 0.0);
    }
}
