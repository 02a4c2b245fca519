//! From chosen stops to a day's run and a weekly timetable residents can read.
//!
//! A council does not publish "stops 3, 7, 12": it publishes "Tuesdays 10:30 at 日枝神社".
//! This module orders each day's stops ([`tour`]), spreads the stops over the week ([`week`],
//! searching in [`schedule`] and explaining a week that does not fit in [`unfit`]) and keeps
//! ids, names and travel together for the writers ([`problem`]). The week's values live in
//! [`plan`], below all of these, so every file imports one way.

pub mod clock;
pub mod pins;
pub mod plan;
pub mod problem;
pub mod schedule;
pub mod tour;
pub mod unfit;
pub mod verify;
pub mod week;

#[cfg(test)]
mod rule_tests;

pub use crate::model::{Travel, TravelSource, TravelTimes};
pub use plan::{
    Break, Pin, Run, StopRules, StopVisit, Truck, Visit, WeekPlan, WeekRules, WeekShape, WeekStop,
    WEEKDAYS,
};
pub use problem::{Place, RouteProblem, COORDINATES_DEPOT};
pub use tour::{best_path, best_tour, Tour};
pub use unfit::Unfit;
pub use week::{plan_week, plan_week_until};
