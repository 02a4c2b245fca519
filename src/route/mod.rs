//! From chosen stops to a day's run and a weekly timetable residents can read.
//!
//! A council does not publish "stops 3, 7, 12": it publishes "Tuesdays 10:30 at 日枝神社".
//! This module orders each day's stops ([`tour`]), spreads the stops over the week ([`week`])
//! and keeps ids, names and travel together for the writers ([`problem`]).

pub mod problem;
pub mod schedule;
pub mod tour;
pub mod week;

pub use problem::{Place, RouteProblem, Travel, TravelSource};
pub use tour::{best_path, best_tour, Tour, TravelTimes};
pub use week::{
    plan_week, plan_week_until, Run, StopVisit, Unfit, Visit, WeekPlan, WeekRules, WeekStop,
    WEEKDAYS,
};
