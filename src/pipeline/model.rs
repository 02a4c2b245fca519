//! The location model and its rules as one set of options, shared by every pipeline that solves
//! (solve, route when it solves first, the council report, the meeting page).

use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::param::Param;
use crate::score::SpaceParams;
use crate::solve::{CapacitySpec, Instance, Method, Model, PlanningOptions, SolveParams};

/// What to solve on planning data: the model, p, radius and the site rules. Plain values, so
/// any front end (flags, a form, a scenario) can fill them in.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelOptions {
    /// The location model.
    pub model: Model,
    /// Number of stops (mclp, pmedian, pcenter); benchmark files supply their own.
    pub p: Option<usize>,
    /// Walking radius in metres.
    pub radius_m: f64,
    /// Sites that must be chosen: ids, or names only one site has (the solve turns them into
    /// ids).
    pub require: Vec<String>,
    /// Sites that must not be chosen: ids, or names only one site has.
    pub exclude: Vec<String>,
    /// Stop capacity: a number for every site or a numeric column of the candidates file.
    pub capacity: Option<String>,
    /// Least objective weight within the radius for a site to be worth a stop.
    pub min_weight_per_stop: Option<f64>,
    /// Demand column the objective counts (or `far_from_shop`).
    pub objective_weight: Option<String>,
    /// Also allow sites whose space is known not to fit the vehicles.
    pub allow_no_space: bool,
    /// Vehicles a stop must hold.
    pub vehicles: u64,
    /// Distance from every shop beyond which an older resident counts as far.
    pub shop_distance_m: f64,
    /// Seed of the heuristics.
    pub seed: u64,
    /// Exact, heuristic or MIP.
    pub method: Method,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            model: Model::Mclp,
            p: None,
            radius_m: crate::defaults::RADIUS_M,
            require: Vec::new(),
            exclude: Vec::new(),
            capacity: None,
            min_weight_per_stop: None,
            objective_weight: None,
            allow_no_space: false,
            vehicles: crate::defaults::VEHICLES,
            shop_distance_m: crate::defaults::SHOP_DISTANCE_M,
            seed: crate::defaults::SEED,
            method: Method::Exact,
        }
    }
}

impl ModelOptions {
    /// Checks what does not depend on the data, before any file is read.
    pub fn validate(&self) -> Result<()> {
        if self.vehicles == 0 {
            return Err(Error::param(Param::Vehicles, "at least 1 vehicle", "`0`"));
        }
        if !(self.shop_distance_m.is_finite() && self.shop_distance_m > 0.0) {
            return Err(Error::param(
                Param::ShopDistanceM,
                "a distance in metres greater than 0",
                format!("`{}`", self.shop_distance_m),
            ));
        }
        Ok(())
    }

    /// The capacity rule, parsed.
    pub fn capacity(&self) -> Result<Option<CapacitySpec>> {
        self.capacity
            .as_deref()
            .map(CapacitySpec::parse)
            .transpose()
    }

    /// The planning instance of a dataset, and whether it is capacitated.
    pub fn planning_instance(&self, data: &Dataset) -> Result<(Instance, bool)> {
        let capacity = self.capacity()?;
        let opts = PlanningOptions {
            objective_weight: self.objective_weight.clone(),
            shop_distance_m: self.shop_distance_m,
            vehicles: self.vehicles,
            space: SpaceParams::default(),
            capacity: capacity.clone(),
        };
        Ok((Instance::from_dataset(data, &opts)?, capacity.is_some()))
    }

    /// Solver parameters within `budget`.
    pub fn params(&self, capacitated: bool, budget: Budget) -> SolveParams {
        SolveParams {
            model: self.model,
            p: self.p,
            radius_m: self.radius_m,
            require: self.require.clone(),
            exclude: self.exclude.clone(),
            allow_no_space: self.allow_no_space,
            min_weight_per_stop: self.min_weight_per_stop,
            capacitated,
            time_limit: None,
            deadline: budget.deadline,
            seed: self.seed,
            method: self.method,
            memory: budget.memory,
        }
    }
}
