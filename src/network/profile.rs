//! Who uses the streets: a person on foot or a car. The profile decides which ways are kept
//! and what crossing each of their segments costs in each direction.

use super::tags::{drivable, walkable, Oneway};

/// Walking or driving, for [`super::NetworkSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Walking: every walkable way both directions, costs in metres.
    #[default]
    Walk,
    /// Driving: the ways a car may use, one-way streets only along their sign, costs in
    /// minutes at each way's speed.
    Drive,
}

/// Minutes per metre at 1 km/h.
const MIN_PER_M_AT_1_KMH: f64 = 60.0 / 1000.0;

impl Profile {
    /// What a metre of a way with these tags costs along its node order and against it
    /// (infinite: that direction is closed); `None` when the profile does not use the way.
    pub(super) fn per_metre<'a>(
        self,
        tags: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<[f64; 2]> {
        match self {
            Profile::Walk => walkable(tags).then_some([1.0, 1.0]),
            Profile::Drive => drivable(tags).map(|d| {
                let r = minutes_per_m(d.kmh);
                match d.oneway {
                    Oneway::No => [r, r],
                    Oneway::Forward => [r, f64::INFINITY],
                    Oneway::Backward => [f64::INFINITY, r],
                }
            }),
        }
    }

    /// The unit of the graph's costs.
    pub fn unit(self) -> &'static str {
        match self {
            Profile::Walk => "metres",
            Profile::Drive => "minutes",
        }
    }

    /// Its graph's name in messages: the walking graph, the driving graph.
    pub fn noun(self) -> &'static str {
        match self {
            Profile::Walk => "walking",
            Profile::Drive => "driving",
        }
    }

    /// The streets it keeps, in words for messages.
    pub fn streets(self) -> &'static str {
        match self {
            Profile::Walk => "walkable streets (ways tagged highway=…)",
            Profile::Drive => "drivable streets (ways tagged highway=… that cars may use)",
        }
    }
}

/// Minutes a metre takes at `kmh`.
pub fn minutes_per_m(kmh: f64) -> f64 {
    MIN_PER_M_AT_1_KMH / kmh
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_costs_metres_and_driving_minutes_one_way_where_signed() {
        let street = [("highway", "residential")];
        assert_eq!(Profile::Walk.per_metre(street), Some([1.0, 1.0]));
        assert_eq!(Profile::Drive.per_metre(street), Some([0.003, 0.003]));
        let one = [("highway", "residential"), ("oneway", "yes")];
        assert_eq!(Profile::Drive.per_metre(one), Some([0.003, f64::INFINITY]));
        assert_eq!(Profile::Walk.per_metre(one), Some([1.0, 1.0]));
        let steps = [("highway", "steps")];
        assert_eq!(Profile::Drive.per_metre(steps), None);
        assert!(Profile::Walk.per_metre(steps).is_some());
    }
}
