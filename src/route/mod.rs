//! From chosen stops to a day's run and a weekly timetable residents can read.
//!
//! A council does not publish "stops 3, 7, 12": it publishes "Tuesdays 10:30 at 日枝神社".
//! This module orders each day's stops ([`tour`]); the weekly plan builds on it.

pub mod tour;

pub use tour::{best_tour, Tour, TravelTimes};
