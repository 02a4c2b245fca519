//! Many areas planned at once: a prefecture's municipalities, or every town a supermarket
//! chain's trucks serve. The data is split into regions ([`split`]: by mesh square or by
//! municipal outline, [`outline`]); each region gets its own folder (its demand, and the
//! candidates within reach of it, across its border up to the walking radius) and its own
//! budget in the region table ([`table`]); each region then solves on its own, as one task of
//! a cluster's array job (see [`crate::pipeline::RegionSet`]), and `merge` joins them.
//!
//! A budget per region is a modelling choice: it guarantees every town its stops. Choosing
//! one number of stops for the whole area at once (a global p) is a different problem, which
//! this does not solve; a candidate near a border may also be chosen by both regions.

pub mod outline;
pub mod split;
pub mod table;

pub use split::{mesh_code, split, BudgetRule, RegionBy, SplitOptions, SplitSummary};

/// The reason a region with demand but no candidate within reach is not solved (its row's
/// status).
pub const NO_CANDIDATE: &str = "no_candidate";
