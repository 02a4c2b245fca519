//! What `solve` takes besides the instance: the model, p, radius, site rules, method, seed and
//! the run's share of time and memory.

use super::Model;
use crate::budget::MemoryLimit;
use std::time::{Duration, Instant};

/// Everything `solve` takes besides the instance.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveParams {
    /// Which model.
    pub model: Model,
    /// Number of stops (MCLP, p-median, p-center); `None`: the benchmark file's p.
    pub p: Option<usize>,
    /// Walking radius in the instance's distance unit (metres).
    pub radius_m: f64,
    /// Sites that must be chosen: ids, or names only one site has (the solve turns them into
    /// ids).
    pub require: Vec<String>,
    /// Sites that must not be chosen: ids, or names only one site has.
    pub exclude: Vec<String>,
    /// Allow sites whose space is known not to fit the vehicles.
    pub allow_no_space: bool,
    /// Least objective weight within the radius for a site to be worth a stop.
    pub min_weight_per_stop: Option<f64>,
    /// Solve with stop capacities (from the instance's sites).
    pub capacitated: bool,
    /// Stop after this long (counted from the start of this solve) with the best answer and
    /// bound so far.
    pub time_limit: Option<Duration>,
    /// Stop at this instant at the latest, whatever `time_limit` says. A command that reads
    /// data, solves, re-solves and writes gives every step the one deadline it promised the
    /// user, so the whole command ends on time rather than each solve on its own.
    pub deadline: Option<Instant>,
    /// Seed of the heuristics.
    pub seed: u64,
    /// Exact specialised search, parallel heuristic, or the plain MIP.
    pub method: Method,
    /// The memory the model's structures (pairs, matrices, a MIP) may take.
    pub memory: MemoryLimit,
}

/// How to solve: the specialised exact method is the default; the heuristic answers huge
/// instances quickly (still with a proven bound); the MIP is an independent second opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Reductions, Lagrangian bounds and branch and bound, to proven optimality.
    #[default]
    Exact,
    /// Seeded parallel multi-start heuristic with a Lagrangian bound.
    Heuristic,
    /// The textbook MIP through good_lp (microlp; HiGHS with `--features highs`).
    Mip,
}

impl crate::param::Choice for Method {
    const ALL: &'static [Method] = &[Method::Exact, Method::Heuristic, Method::Mip];

    fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Heuristic => "heuristic",
            Method::Mip => "mip",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Method::Exact => {
                "Reductions, Lagrangian bounds and branch and bound, to proven optimality"
            }
            Method::Heuristic => "Seeded parallel multi-start heuristic with a Lagrangian bound",
            Method::Mip => {
                "The textbook MIP through good_lp (microlp; HiGHS with `--features highs`)"
            }
        }
    }
}

impl Default for SolveParams {
    fn default() -> Self {
        SolveParams {
            model: Model::Mclp,
            p: None,
            radius_m: crate::defaults::RADIUS_M,
            require: Vec::new(),
            exclude: Vec::new(),
            allow_no_space: false,
            min_weight_per_stop: None,
            capacitated: false,
            time_limit: None,
            deadline: None,
            seed: crate::defaults::SEED,
            method: Method::Exact,
            memory: MemoryLimit::default(),
        }
    }
}
