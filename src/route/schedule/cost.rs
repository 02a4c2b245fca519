//! What a week costs, and how two weeks compare under each [`WeekShape`].
//!
//! Every rule broken (minutes beyond the window, stops beyond the day's limit) counts before
//! anything else under both shapes. After that, `spread` weighs the longest day ten times a
//! minute of driving (one number, as it always has, so its weeks do not change), while `pack`
//! compares in strict order: truck-days used, then trucks used, then driving. Strict order
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

/// A week's cost as the shape compares it: lexicographic, each level equal within [`EPS`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Key([f64; 4]);

impl Cost {
    /// The comparable cost under `shape`.
    pub(super) fn key(self, shape: WeekShape) -> Key {
        match shape {
            WeekShape::Spread => Key([
                0.0,
                0.0,
                0.0,
                1e6 * self.overflow + 10.0 * self.longest + self.drive,
            ]),
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

    /// No worse than `other`, rounding aside.
    pub(super) fn no_worse_than(self, other: Key) -> bool {
        !other.better_than(self)
    }

    /// The same key with its last level (the one that trades minutes against minutes) scaled
    /// by `factor`: the noise of ruin and recreate, which may explore other placements but
    /// never trades a broken rule or a truck-day for them.
    pub(super) fn scaled(mut self, factor: f64) -> Key {
        self.0[3] *= factor;
        self
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
    fn equal_keys_are_no_worse_and_noise_touches_only_driving() {
        let k = cost(0.0, 2, 50.0, 100.0).key(WeekShape::Pack);
        assert!(!k.better_than(k) && k.no_worse_than(k));
        let noisy = k.scaled(1.3);
        assert!(k.better_than(noisy));
        assert!(noisy.better_than(cost(0.0, 3, 1.0, 1.0).key(WeekShape::Pack)));
    }
}
