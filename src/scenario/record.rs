//! One row's result as plain data: what every writer of a batch reads from a row, and nothing
//! else, so a row solved on another machine (a shard of the batch, see [`super::shard`]) can
//! be written there, read back here, and give the same bytes as a row solved here.
//!
//! Both paths go through it: the single-machine `scenarios` run turns its rows into records
//! and back before writing, exactly as `merge` does with the records it reads. A writer that
//! starts reading a field the record does not keep therefore changes the single-machine output
//! too, and the golden tests say so, rather than the two paths drifting apart unseen.

use super::batch::Batch;
use super::row::{NotRunReason, Row, RowOutcome, Solved};
use super::spec::{Scenario, ScenarioFile};
use crate::error::Error;
use crate::model::Dataset;
use crate::score::Interval;
use crate::solve::{Outcome, SolveParams, SolveResult, Status};
use serde::{Deserialize, Serialize};

/// What became of one scenario, as the writers need it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum RowRecord {
    /// Solved: the numbers and sets the rows, the page and the robustness counts read.
    Solved(SolvedRecord),
    /// Failed: the error as the solving process displayed it.
    Failed {
        /// Its message.
        message: String,
        /// Its exit code.
        exit_code: i32,
        /// Its machine-readable form.
        json: serde_json::Value,
    },
    /// Not run, and why (`time_limit` or `interrupted`).
    NotRun {
        /// [`NotRunReason::code`].
        reason: String,
    },
}

/// A solved row's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolvedRecord {
    /// What was proven.
    pub status: Status,
    /// Objective value.
    #[serde(with = "exact")]
    pub objective: f64,
    /// Best proven bound (may be infinite).
    #[serde(with = "exact")]
    pub bound: f64,
    /// Weight within the radius of a chosen stop.
    #[serde(with = "exact")]
    pub covered_weight: f64,
    /// Total objective weight.
    #[serde(with = "exact")]
    pub total_weight: f64,
    /// Stops asked for.
    pub p: Option<usize>,
    /// The solve's required ids (names resolved to ids).
    pub require: Vec<String>,
    /// The solve's excluded ids.
    pub exclude: Vec<String>,
    /// Chosen ids, sorted.
    pub stops: Vec<String>,
    /// Per stop: in every optimal set, in some, or unknown.
    pub forced: Vec<Option<bool>>,
    /// Per stop: the weight only it reaches.
    pub unique_weight: Vec<f64>,
    /// Population reached.
    pub people_reached: Option<f64>,
    /// Aged 65+ reached.
    pub aged_reached: Option<f64>,
    /// Potential users with their interval.
    pub potential_users: Option<Interval>,
    /// The three top-ranked candidates, when the scenario sets weights.
    pub top_ranked: Option<Vec<String>>,
    /// The demand column the objective counted.
    pub weight_column: Option<String>,
}

impl RowRecord {
    /// The record of a row.
    pub fn of(row: &Row) -> RowRecord {
        match &row.outcome {
            RowOutcome::Solved(s) => RowRecord::Solved(SolvedRecord::of(s)),
            RowOutcome::Failed(e) => RowRecord::Failed {
                message: e.to_string(),
                exit_code: e.exit_code(),
                json: e.to_json(),
            },
            RowOutcome::NotRun(why) => RowRecord::NotRun {
                reason: why.code().to_string(),
            },
        }
    }

    /// The row again, for `scenario`; `None` when the record names a reason no run gives (an
    /// edited file: the shard's hash is checked first, so this is a second guard).
    pub fn row(&self, scenario: &Scenario) -> Option<Row> {
        let outcome = match self {
            RowRecord::Solved(s) => RowOutcome::Solved(Box::new(s.solved())),
            RowRecord::Failed {
                message,
                exit_code,
                json,
            } => RowOutcome::Failed(Error::Recorded {
                message: message.clone(),
                exit_code: *exit_code,
                json: json.clone(),
            }),
            RowRecord::NotRun { reason } => RowOutcome::NotRun(
                [NotRunReason::TimeLimit, NotRunReason::Interrupted]
                    .into_iter()
                    .find(|r| r.code() == reason)?,
            ),
        };
        Some(Row {
            scenario: scenario.clone(),
            outcome,
        })
    }
}

impl SolvedRecord {
    fn of(s: &Solved) -> SolvedRecord {
        let r = &s.result;
        SolvedRecord {
            status: r.outcome.status,
            objective: r.outcome.objective,
            bound: r.outcome.bound,
            covered_weight: r.covered_weight,
            total_weight: r.total_weight,
            p: r.p,
            require: r.params.require.clone(),
            exclude: r.params.exclude.clone(),
            stops: s.stops.clone(),
            forced: s.forced.clone(),
            unique_weight: s.unique_weight.clone(),
            people_reached: s.people_reached,
            aged_reached: s.aged_reached,
            potential_users: s.potential_users,
            top_ranked: s.top_ranked.clone(),
            weight_column: s.weight_column.clone(),
        }
    }

    /// A [`Solved`] holding what the record keeps; the solver's working detail (site indices,
    /// per-stop assignments, timings) is not kept, and no writer of a batch reads it.
    fn solved(&self) -> Solved {
        let result = SolveResult {
            params: SolveParams {
                p: self.p,
                require: self.require.clone(),
                exclude: self.exclude.clone(),
                ..SolveParams::default()
            },
            p: self.p,
            outcome: Outcome {
                status: self.status,
                open: Vec::new(),
                objective: self.objective,
                bound: self.bound,
                nodes: 0,
                note: None,
            },
            stops: Vec::new(),
            covered_weight: self.covered_weight,
            total_weight: self.total_weight,
            unreachable: Vec::new(),
            unreachable_points: 0,
            unreachable_weight: 0.0,
            exclusions: Vec::new(),
            served_by: None,
            seconds: 0.0,
        };
        Solved {
            result,
            stops: self.stops.clone(),
            people_reached: self.people_reached,
            aged_reached: self.aged_reached,
            forced: self.forced.clone(),
            potential_users: self.potential_users,
            top_ranked: self.top_ranked.clone(),
            unique_weight: self.unique_weight.clone(),
            weight_column: self.weight_column.clone(),
        }
    }
}

/// The batch the writers are given: every row turned into its record and back, with the counts
/// and robustness over all of them. The single-machine run and `merge` both write this.
pub fn replay(records: &[RowRecord], file: &ScenarioFile, data: &Dataset) -> Option<Batch> {
    let rows = records
        .iter()
        .zip(&file.scenarios)
        .map(|(r, s)| r.row(s))
        .collect::<Option<Vec<Row>>>()?;
    Some(Batch::of_rows(rows, data, file))
}

/// An `f64` written as a JSON number when finite (read back bit for bit: serde_json's
/// `float_roundtrip`), and as `"inf"`, `"-inf"` or `"nan"` otherwise (JSON has no such numbers).
mod exact {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        match *x {
            x if x.is_finite() => s.serialize_f64(x),
            x if x.is_nan() => s.serialize_str("nan"),
            x if x > 0.0 => s.serialize_str("inf"),
            _ => s.serialize_str("-inf"),
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        Number(f64),
        Text(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        match Num::deserialize(d)? {
            Num::Number(x) => Ok(x),
            Num::Text(t) => match t.as_str() {
                "inf" => Ok(f64::INFINITY),
                "-inf" => Ok(f64::NEG_INFINITY),
                "nan" => Ok(f64::NAN),
                _ => Err(serde::de::Error::custom(format!(
                    "a number, `inf`, `-inf` or `nan`, found `{t}`"
                ))),
            },
        }
    }
}

#[cfg(test)]
mod tests;
