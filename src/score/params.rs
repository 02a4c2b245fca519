//! What the scoring depends on besides the data, checked before any work is done.

use super::{BuyersParams, SpaceParams, TermWeights};
use crate::defaults;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::param::Param;

pub use crate::model::DEFAULT_WEIGHT_COLUMNS;

/// Everything the scoring depends on besides the data.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParams {
    /// Walking radius in metres.
    pub radius_m: f64,
    /// Vehicles a site must hold (the truck plus customers' and helpers' vehicles).
    pub vehicles: u64,
    /// Demand column to weight by; `None` tries [`DEFAULT_WEIGHT_COLUMNS`].
    pub weight_column: Option<String>,
    /// Weights of the terms in the combined score.
    pub weights: TermWeights,
    /// Distance from every shop beyond which an older resident counts as far (MAFF: 500 m).
    pub shop_distance_m: f64,
    /// How many answers the survey prior is worth.
    pub prior_answers: f64,
    /// Bay and aisle sizes.
    pub space: SpaceParams,
    /// What turns potential users into buyers per visit, and what one visit can serve.
    pub buyers: BuyersParams,
    /// The memory the walking-radius pairs may take, and when building them must have ended
    /// (a report under a time limit).
    pub budget: crate::budget::Budget,
}

impl Default for ScoreParams {
    fn default() -> Self {
        ScoreParams {
            radius_m: defaults::RADIUS_M,
            vehicles: defaults::VEHICLES,
            weight_column: None,
            weights: TermWeights::default(),
            shop_distance_m: defaults::SHOP_DISTANCE_M,
            prior_answers: defaults::PRIOR_ANSWERS,
            space: SpaceParams::default(),
            buyers: BuyersParams::default(),
            budget: crate::budget::Budget::default(),
        }
    }
}

impl ScoreParams {
    /// Rejects parameters no planner could mean.
    pub fn validate(&self) -> Result<()> {
        let positive = |flag: Param, v: f64, what: &str| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(Error::param(flag, what, format!("`{v}`")))
            }
        };
        positive(
            Param::RadiusM,
            self.radius_m,
            "a distance in metres greater than 0",
        )?;
        positive(
            Param::ShopDistanceM,
            self.shop_distance_m,
            "a distance in metres greater than 0",
        )?;
        if self.radius_m > 100_000.0 {
            return Err(Error::param(
                Param::RadiusM,
                "a walking distance of at most 100,000 m",
                format!("`{}`", self.radius_m),
            ));
        }
        if self.vehicles == 0 {
            return Err(Error::param(Param::Vehicles, "at least 1 vehicle", "`0`"));
        }
        if !(self.prior_answers > 0.0 && self.prior_answers <= 1e6) {
            return Err(Error::param(
                Param::PriorAnswers,
                "a number of answers greater than 0 and at most 1,000,000",
                format!("`{}`", self.prior_answers),
            ));
        }
        self.buyers.validate()
    }
}

/// Resolves the demand weight column: the one asked for, else the first default that exists,
/// else `None` (each point counts 1).
pub fn weight_column(data: &Dataset, asked: Option<&str>) -> Result<Option<String>> {
    let demand = &data.demand.data;
    match asked {
        Some(name) => match demand
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
        {
            Some(c) => Ok(Some(c.name.clone())),
            None => Err(Error::param(
                Param::Weight,
                format!(
                    "a numeric demand column of {}: {}",
                    data.demand.source,
                    demand.column_names().join(", ")
                ),
                format!("`{name}`"),
            )),
        },
        None => Ok(demand.default_weight_column().map(str::to_string)),
    }
}
