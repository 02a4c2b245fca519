//! Facility-location models: which set of stops, and how good that set provably is.
//!
//! A council argues about a handful of sites; a ranked list cannot settle which *set* of
//! stops serves the town best, because two neighbouring sites reach the same people. The
//! models here choose a set: maximal covering (MCLP), set covering (LSCP), p-median and
//! p-center, plus the capacitated p-median. Every solver returns an [`Outcome`] with a proven
//! bound next to its objective, so "optimal" and "within 0.8 % of optimal" are statements the
//! solver can back, not hopes.
//!
//! The solvers work on plain matrices ([`DistanceProblem`], [`Coverage`](crate::Coverage)) so
//! the same code serves the planning data and the published benchmarks. Side constraints that
//! every model shares (required, excluded and ineligible sites, the number of stops) arrive as
//! one [`SiteRules`]. Results never depend on the number of threads: parallel loops reduce
//! with a total order (value, then site index).

pub mod assignment;
pub mod cover;
pub mod explain;
pub mod instance;
pub mod large;
pub mod limits;
pub mod median;
pub mod mip;
mod near_miss;
pub mod params;
pub mod problem;
pub mod rules;
pub mod run;
pub(crate) mod search;
pub mod site_name;
mod stop_warnings;
pub mod summary;
mod unreached;

pub use instance::{CapacitySpec, Instance, PlanningOptions, SiteInfo, FAR_FROM_SHOP};
pub use limits::Limits;
pub use params::{Method, SolveParams};
pub use problem::{DistanceProblem, SiteRules};
pub use rules::{site_rules, validate, with_site_ids, Cause, Exclusion};
pub use run::{solve, solve_with};
pub use site_name::{find_site, SiteRef};
pub use stop_warnings::{solve_warnings, stop_warnings, StopWarning};
pub use summary::{SolveResult, StopDetail};

use serde::Serialize;

/// The four location models of the issue, named as in the literature and in spopt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// Maximal covering: p stops, most demand weight within the radius.
    Mclp,
    /// Location set covering: fewest stops reaching every coverable point.
    Lscp,
    /// p-median: p stops, least total weighted distance to the nearest stop.
    Pmedian,
    /// p-center: p stops, least largest distance from a point to its nearest stop.
    Pcenter,
}

impl crate::param::Choice for Model {
    const ALL: &'static [Model] = &[Model::Mclp, Model::Lscp, Model::Pmedian, Model::Pcenter];

    fn name(self) -> &'static str {
        Model::name(self)
    }

    fn help(self) -> &'static str {
        match self {
            Model::Mclp => "Maximal covering: p stops, most demand weight within the radius",
            Model::Lscp => "Location set covering: fewest stops reaching every coverable point",
            Model::Pmedian => {
                "p-median: p stops, least total weighted distance to the nearest stop"
            }
            Model::Pcenter => {
                "p-center: p stops, least largest distance from a point to its nearest stop"
            }
        }
    }
}

impl Model {
    /// The lower-case name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Model::Mclp => "mclp",
            Model::Lscp => "lscp",
            Model::Pmedian => "pmedian",
            Model::Pcenter => "pcenter",
        }
    }

    /// Whether a larger objective is better.
    pub fn maximises(self) -> bool {
        matches!(self, Model::Mclp)
    }
}

/// What the solver could prove about its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Objective equals the bound: no better set exists.
    Optimal,
    /// Stopped by `--time-limit-s`; the best set and bound found so far.
    TimeLimit,
    /// A heuristic answer; the bound and gap say how far from optimal it can be at most.
    Heuristic,
    /// No set satisfies the constraints; the outcome's note says why.
    Infeasible,
}

/// A solver's answer: the chosen sites and what is proven about them.
///
/// `bound` is a lower bound for minimising models and an upper bound for MCLP; `objective`
/// is the value of `open`. For an infeasible problem `open` is empty and `note` says why.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// What was proven.
    pub status: Status,
    /// Chosen site indices, ascending.
    pub open: Vec<usize>,
    /// Objective value of `open`.
    pub objective: f64,
    /// Best proven bound on the optimum.
    pub bound: f64,
    /// Branch-and-bound nodes explored (0 when none were needed).
    pub nodes: u64,
    /// Why the problem is infeasible, or another fact the user should read.
    pub note: Option<String>,
}

impl Outcome {
    /// The outcome with `note` added to what the user should read.
    pub fn with_note(mut self, note: &str) -> Outcome {
        self.note = Some(match self.note.take() {
            Some(n) => format!("{note}; {n}"),
            None => note.to_string(),
        });
        self
    }

    /// An infeasible outcome with its reason.
    pub fn infeasible(reason: impl Into<String>) -> Outcome {
        Outcome {
            status: Status::Infeasible,
            open: Vec::new(),
            objective: f64::NAN,
            bound: f64::NAN,
            nodes: 0,
            note: Some(reason.into()),
        }
    }

    /// Relative gap between objective and bound, `|obj - bound| / max(|obj|, tiny)`; 0 when
    /// they are equal (also when both are 0).
    pub fn gap(&self) -> f64 {
        relative_gap(self.objective, self.bound)
    }
}

/// `|a - b| / |a|`, 0 when equal; the gap convention of MIP solvers (relative to the incumbent).
pub fn relative_gap(objective: f64, bound: f64) -> f64 {
    let diff = (objective - bound).abs();
    if diff <= 1e-9 * objective.abs().max(1.0) {
        0.0
    } else {
        diff / objective.abs().max(1e-12)
    }
}
