//! Chosen stops that add nothing: one that reaches no weight within the radius, or two that
//! stand on the same spot. A solver never picks either on its own (each wastes a stop), but
//! a required site, a council's own list or a `route --stops` can, and the week would then
//! schedule the truck back to back at one place without a word.

use super::instance::Instance;
use super::summary::SolveResult;
use super::Model;
use crate::model::LatLon;

/// Why a chosen stop adds nothing; `stop` and `with` index the list the warnings were
/// computed for (a solve's `outcome.open`, a route's stops).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopWarning {
    /// No demand weight within the radius (or, for the distance models, no weight nearest
    /// to it): the stop serves nobody.
    ServesNobody {
        /// The stop.
        stop: usize,
    },
    /// A distance model's stop (p-median, p-center) that is no point's nearest stop.
    NearestToNobody {
        /// The stop.
        stop: usize,
    },
    /// The same coordinates as an earlier stop of the list.
    SharesPlace {
        /// The later stop of the pair.
        stop: usize,
        /// The first stop at those coordinates.
        with: usize,
    },
}

impl StopWarning {
    /// The same warning for a list reordered so that stop `k` is now `to[k]`.
    pub fn renumbered(self, to: &[usize]) -> StopWarning {
        match self {
            StopWarning::ServesNobody { stop } => StopWarning::ServesNobody { stop: to[stop] },
            StopWarning::NearestToNobody { stop } => {
                StopWarning::NearestToNobody { stop: to[stop] }
            }
            StopWarning::SharesPlace { stop, with } => StopWarning::SharesPlace {
                stop: to[stop],
                with: to[with],
            },
        }
    }
}

/// The warnings of a list of stops given the weight each reaches within the radius and
/// where each stands (coordinates equal to 1e-7 degrees, about a centimetre, are one spot),
/// in list order: every stop that serves nobody, then every stop sharing an earlier one's
/// spot.
///
/// ```
/// use mobile_stops::model::LatLon;
/// use mobile_stops::solve::{stop_warnings, StopWarning};
/// let at = [Some(LatLon::new(35.0, 139.0)), Some(LatLon::new(35.1, 139.0)), Some(LatLon::new(35.0, 139.0))];
/// let w = stop_warnings(&[10.0, 0.0, 3.0], &at);
/// assert_eq!(w, [StopWarning::ServesNobody { stop: 1 }, StopWarning::SharesPlace { stop: 2, with: 0 }]);
/// ```
pub fn stop_warnings(reach: &[f64], at: &[Option<LatLon>]) -> Vec<StopWarning> {
    let mut out: Vec<StopWarning> = (0..reach.len())
        .filter(|&k| reach[k] <= 0.0)
        .map(|stop| StopWarning::ServesNobody { stop })
        .collect();
    let key = |l: LatLon| ((l.lat * 1e7).round() as i64, (l.lon * 1e7).round() as i64);
    for (k, place) in at.iter().enumerate() {
        let Some(here) = place.map(key) else { continue };
        if let Some(with) = (0..k).find(|&e| at[e].map(key) == Some(here)) {
            out.push(StopWarning::SharesPlace { stop: k, with });
        }
    }
    out
}

/// A solve's warnings, indexing `res.stops` (in the order of `outcome.open`). The distance
/// models serve every point from its nearest stop whatever the radius, so there a stop
/// serves nobody when it is no weighted point's nearest stop.
pub fn solve_warnings(inst: &Instance, res: &SolveResult) -> Vec<StopWarning> {
    let by_distance = matches!(res.params.model, Model::Pmedian | Model::Pcenter);
    let reach: Vec<f64> = res
        .stops
        .iter()
        .map(|s| {
            if by_distance {
                s.assigned_weight
            } else {
                s.reach_weight
            }
        })
        .collect();
    let at: Vec<Option<LatLon>> = res
        .stops
        .iter()
        .map(|s| inst.sites[s.site].location)
        .collect();
    let mut out = stop_warnings(&reach, &at);
    if by_distance {
        for w in &mut out {
            if let StopWarning::ServesNobody { stop } = *w {
                *w = StopWarning::NearestToNobody { stop };
            }
        }
    }
    out
}
