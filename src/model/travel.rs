//! Travel between places, as data: minutes (and kilometres when known) place by place, and
//! where the numbers come from.
//!
//! These are plain values so a reader in [`crate::io`] can build them from a road-network
//! tool's file without depending on the planner that uses them (see [`crate::route`]).

/// Travel times between places (minutes), square and row-major; place 0 is usually the depot.
#[derive(Debug, Clone, PartialEq)]
pub struct TravelTimes {
    n: usize,
    minutes: Vec<f64>,
}

impl TravelTimes {
    /// A matrix from rows; every row must have `rows.len()` finite, non-negative entries.
    pub fn from_fn(n: usize, f: impl Fn(usize, usize) -> f64) -> TravelTimes {
        let minutes = (0..n * n).map(|k| f(k / n, k % n)).collect();
        TravelTimes { n, minutes }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Minutes from place `a` to place `b`.
    #[inline]
    pub fn get(&self, a: usize, b: usize) -> f64 {
        self.minutes[a * self.n + b]
    }
}

/// How travel between places is measured, for the report to state.
#[derive(Debug, Clone, PartialEq)]
pub enum TravelSource {
    /// Great-circle distance × detour factor, driven at a constant speed.
    Straight {
        /// Average speed, km/h.
        speed_kmh: f64,
        /// Road distance over straight-line distance (1.3 is typical of Japanese towns).
        detour: f64,
    },
    /// A user-supplied matrix (e.g. exported from a road-network tool).
    Matrix {
        /// The file as named on the command line.
        file: String,
    },
    /// The fastest drives along an OpenStreetMap extract's streets (one-way streets along
    /// their sign, speeds from `maxspeed` or per-class defaults).
    Network {
        /// The extract as named on the command line.
        file: String,
        /// How far a place may be from the street it joins (metres).
        snap_max_m: f64,
        /// Speed of the leg between a place and its street (km/h).
        leg_kmh: f64,
    },
}

/// Travel between places: minutes always, kilometres when known.
///
/// Straight-line travel ([`Travel::straight`]) is built in [`crate::route`], which may use the
/// sphere geometry of [`crate::spatial`]; this module stays below both.
#[derive(Debug, Clone, PartialEq)]
pub struct Travel {
    /// Driving minutes, place by place.
    pub minutes: TravelTimes,
    /// Road kilometres, place by place (unknown for a matrix without a `km` column).
    pub km: Option<TravelTimes>,
    /// Where the numbers come from.
    pub source: TravelSource,
}
