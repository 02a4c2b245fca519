//! What a week costs, and how two weeks compare under each [`WeekShape`].
//!
//! Every rule broken (minutes beyond the window, stops beyond the day's limit) counts before
//! anything else under both shapes. After that, `spread` weighs the longest day ten times a
//! minute of driving (one number), while `pack` compares in strict order: trucks used, then
//! truck-days used, then driving. Strict order
//! matters for `pack`: a truck-day must never be traded for a few minutes over the window,
//! which a single weighted number could do.

use crate::route::plan::WeekShape;

/// How far two values may differ and still count as equal: float sums of the same minutes in
/// another order.
const EPS: f64 = 1e-9;

/// The facts of a week the shapes weigh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cost {
    /// Minutes beyond the window plus 1,000 for each stop beyond a day's limit.
    pub(super) overflow: f64,
    /// The longest truck-day, depot to depot.
    pub(super) longest: f64,
    /// Driving minutes over the week.
    pub(super) drive: f64,
    /// Truck-days that leave the depot.
    pub(super) runs: usize,
    /// Trucks that leave the depot on some day.
    pub(super) trucks: usize,
}

/// What one truck's days cost: the week's cost is the sum (and longest, the largest) of its
/// trucks' parts, so a move that touches one truck re-times that truck only.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Part {
    /// Minutes beyond some rule over the truck's days.
    pub(super) overflow: f64,
    /// Its longest day, depot to depot.
    pub(super) longest: f64,
    /// Its driving minutes.
    pub(super) drive: f64,
    /// Its days that leave the depot.
    pub(super) runs: usize,
}

impl Cost {
    /// The week's cost from its trucks' parts.
    pub(super) fn of(parts: &[Part]) -> Cost {
        let mut cost = Cost {
            overflow: 0.0,
            longest: 0.0,
            drive: 0.0,
            runs: 0,
            trucks: 0,
        };
        for p in parts {
            cost.overflow += p.overflow;
            cost.longest = cost.longest.max(p.longest);
            cost.drive += p.drive;
            cost.runs += p.runs;
            cost.trucks += usize::from(p.runs > 0);
        }
        cost
    }
}

/// A week's cost as the shape compares it: lexicographic, each level equal within [`EPS`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Key(pub(super) [f64; 4]);

impl Cost {
    /// The comparable cost under `shape`.
    pub(super) fn key(self, shape: WeekShape) -> Key {
        match shape {
            WeekShape::Spread => Key([self.overflow, 0.0, 0.0, 10.0 * self.longest + self.drive]),
            WeekShape::Pack => Key([
                self.overflow,
                self.trucks as f64,
                self.runs as f64,
                self.drive,
            ]),
        }
    }
}

impl Key {
    /// Strictly better than `other` (beyond rounding).
    pub(super) fn better_than(self, other: Key) -> bool {
        for (a, b) in self.0.iter().zip(other.0) {
            if *a < b - EPS {
                return true;
            }
            if *a > b + EPS {
                return false;
            }
        }
        false
    }

    /// Whether a search that stands at `current` may move to this week when it weighs a
    /// truck-day as `day` minutes of driving (and a truck as a week of them): a better week
    /// always; one that breaks no more rules and whose weighed minutes are worse by less than
    /// `threshold`. The weights let the search trade days on its way (the days a good week
    /// uses are often not the ones the first week used), while the week it answers with is
    /// still chosen in strict order.
    pub(super) fn acceptable_weighed(self, current: Key, day: f64, threshold: f64) -> bool {
        if self.better_than(current) {
            return true;
        }
        if self.0[0] > current.0[0] + EPS {
            return false;
        }
        let weigh = |k: Key| k.0[1] * 5.0 * day + k.0[2] * day + k.0[3];
        weigh(self) < weigh(current) + threshold
    }

    /// Whether this key equals `current` above `level` and is worse at `level` by less than
    /// `threshold` (what lies below `level` does not count).
    pub(super) fn within(self, current: Key, level: usize, threshold: f64) -> bool {
        let same_above = self.0[..level]
            .iter()
            .zip(&current.0[..level])
            .all(|(a, b)| (a - b).abs() <= EPS);
        same_above && self.0[level] < current.0[level] + threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cost(overflow: f64, runs: usize, drive: f64, longest: f64) -> Cost {
        Cost {
            overflow,
            longest,
            drive,
            runs,
            trucks: 1,
        }
    }

    #[test]
    fn pack_never_trades_a_rule_for_a_truck_day_nor_a_truck_day_for_driving() {
        let over_by_a_hair = cost(1e-6, 1, 10.0, 400.0);
        let two_days = cost(0.0, 2, 900.0, 200.0);
        assert!(two_days
            .key(WeekShape::Pack)
            .better_than(over_by_a_hair.key(WeekShape::Pack)));
        let one_day_long_drive = cost(0.0, 1, 900.0, 350.0);
        let two_days_short = cost(0.0, 2, 20.0, 100.0);
        assert!(one_day_long_drive
            .key(WeekShape::Pack)
            .better_than(two_days_short.key(WeekShape::Pack)));
        // Spread prefers the shorter longest day.
        assert!(two_days_short
            .key(WeekShape::Spread)
            .better_than(one_day_long_drive.key(WeekShape::Spread)));
    }

    #[test]
    fn a_wandering_search_weighs_days_as_driving_but_never_takes_a_broken_rule() {
        let k = cost(0.0, 2, 50.0, 100.0).key(WeekShape::Pack);
        assert!(!k.better_than(k));
        let longer = cost(0.0, 2, 55.0, 100.0).key(WeekShape::Pack);
        assert!(longer.acceptable_weighed(k, 30.0, 6.0));
        assert!(!longer.acceptable_weighed(k, 30.0, 4.0));
        // One more truck-day for 20 minutes less driving: 10 weighed minutes worse.
        let one_more_day = cost(0.0, 3, 30.0, 1.0).key(WeekShape::Pack);
        assert!(one_more_day.acceptable_weighed(k, 30.0, 11.0));
        assert!(!one_more_day.acceptable_weighed(k, 30.0, 9.0));
        assert!(k.better_than(one_more_day) && k.acceptable_weighed(one_more_day, 30.0, 0.0));
        let spread = cost(0.0, 2, 50.0, 100.0).key(WeekShape::Spread);
        let late = cost(1e-3, 2, 1.0, 1.0).key(WeekShape::Spread);
        assert!(!late.acceptable_weighed(spread, 30.0, 1e9));
        // Looking for a week that keeps the rules, only the minutes beyond them count.
        assert!(late.within(spread, 0, 0.01) && !late.within(spread, 0, 1e-4));
    }
}
