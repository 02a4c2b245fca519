//! Flags of the buyers-per-visit model: how often a user buys and how long a customer takes,
//! shared by `rank`, `compare` and `report`; the stop's minutes and visits per week come from
//! the week flags where a command has them (`report`), else from [`VisitArgs`].

use clap::Args;
use mobile_stops::defaults::{
    MINUTES_PER_CUSTOMER, PURCHASES_PER_WEEK, SERVICE_MIN, VISITS_PER_WEEK,
};
use mobile_stops::score::{BuyersParams, VisitsPerWeek};
use mobile_stops::Error;

/// The two assumptions of buyers per visit that no data gives.
#[derive(Args, Debug, Clone)]
pub struct PurchaseArgs {
    /// Purchases one user makes a week (an assumption, not a measured figure; at most the
    /// visits per week): buyers per visit = potential users × this ÷ visits per week.
    #[arg(long, value_name = "N", default_value_t = PURCHASES_PER_WEEK, allow_negative_numbers = true)]
    pub purchases_per_week: f64,
    /// Minutes one customer takes at the truck (an assumption, not a measured figure): one
    /// visit serves --service-min ÷ this customers.
    #[arg(long, value_name = "MIN", default_value_t = MINUTES_PER_CUSTOMER, allow_negative_numbers = true)]
    pub minutes_per_customer: f64,
}

impl PurchaseArgs {
    /// Checked assumptions with the stop's minutes and visits per week (`1`, `2`, `0.5` or a
    /// column of the candidates file).
    pub fn params(&self, service_min: f64, visits_per_week: &str) -> Result<BuyersParams, Error> {
        let params = BuyersParams {
            purchases_per_week: self.purchases_per_week,
            visits_per_week: VisitsPerWeek::parse(visits_per_week)?,
            service_min,
            minutes_per_customer: self.minutes_per_customer,
        };
        params.validate()?;
        Ok(params)
    }
}

/// The stop's minutes and visits per week, for the commands that plan no week.
#[derive(Args, Debug, Clone)]
pub struct VisitArgs {
    /// Minutes the truck stands at each stop (what one visit can serve depends on it).
    #[arg(long, value_name = "MIN", default_value_t = SERVICE_MIN, allow_negative_numbers = true)]
    pub service_min: f64,
    /// Visits per week of each stop: a number (1, 2, 0.5 for once a fortnight) or a column of
    /// the candidates file.
    #[arg(long, value_name = "N|COLUMN", default_value = VISITS_PER_WEEK)]
    pub visits_per_week: String,
}
