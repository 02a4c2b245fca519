//! The validated planning data every command works on.
//!
//! Readers in [`crate::io`] build these values and reject anything invalid, so the scoring and
//! solving code can trust every coordinate, count and id it is given.

mod area;
mod candidate;
pub mod costs;
mod dataset;
mod demand;
mod label;
pub mod mesh;
mod names;
pub mod number;
pub mod parse;
mod place;
mod streets;
pub mod travel;

pub use area::Area;
pub use candidate::{CandidateSite, Candidates};
pub use costs::{CostTable, CostUnit, SiteCosts};
pub use dataset::{Dataset, LocalText, Part};
pub use demand::{
    Demand, DemandColumn, DemandFormat, MeshSummary, AGED_65_PLUS, DEFAULT_WEIGHT_COLUMNS,
    POPULATION,
};
pub use label::DataLabel;
pub use mesh::MeshCode;
pub use names::called_names;
pub use number::round;
pub use place::{point_groups, LatLon, Store, SurveyPlace};
pub use streets::{StreetView, Streets};
pub use travel::{Travel, TravelSource, TravelTimes};
