//! A shard result: the rows one task of an array job solved, and what they were solved from,
//! in a file `merge` can check before trusting it.
//!
//! The file is `{"mobile_stops_shard":"blake3:HEX","body":BODY}` and a newline, where HEX is
//! the BLAKE3 hash of BODY's bytes exactly as written: a file cut short (a task killed while
//! writing, a full disk) or edited by hand no longer matches and is refused by name. BODY says
//! which scenario file (by name and by the hash of its bytes), which data (the hash of every
//! data file's bytes), which distances, which shard of how many, and each row's result as a
//! [`RowRecord`].

use super::scenarios::{DistanceSource, ScenarioInput};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
pub use crate::io::fingerprint::{data_hash, file_hash, hash_files};
use crate::model::CostUnit;
use crate::param::Choice;
use crate::scenario::cost::CostModel;
use crate::scenario::record::RowRecord;
use crate::scenario::run_batch;
use crate::scenario::shard::{rows_of, ShardSpec};
use crate::scenario::ScenarioFile;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the file starts with, up to the hash.
const HEAD: &str = "{\"mobile_stops_shard\":\"blake3:";
/// Between the hash and the body.
const MIDDLE: &str = "\",\"body\":";
/// After the body.
const TAIL: &str = "}\n";

/// Everything a shard result records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardBody {
    /// `scenarios` (a scenario batch) or `regions` (a region set, see [`super::regions`]).
    pub kind: String,
    /// The mobile-stops version that wrote it: another version may solve differently.
    pub version: String,
    /// The input as the user named it (what the merged result calls it).
    pub file: String,
    /// The same, absolute, for a merge run from another folder.
    pub file_path: String,
    /// BLAKE3 of the input file's bytes.
    pub file_hash: String,
    /// BLAKE3 of every data file's bytes, in a fixed order.
    pub data_hash: String,
    /// Distances given on the command line instead of the file's `[data]`.
    pub distances: Option<Distances>,
    /// The command that made the shard, without `--shard` and output flags (the report's box).
    pub command: String,
    /// N.
    pub shards: usize,
    /// I.
    pub shard: usize,
    /// Rows of the whole batch.
    pub rows_total: usize,
    /// This shard's rows.
    pub rows: Vec<ShardRow>,
}

/// One row a shard solved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardRow {
    /// Its place in the whole batch, from 0.
    pub row: usize,
    /// The scenario's id (checked against the file at merge).
    pub id: String,
    /// What became of it.
    pub result: RowRecord,
}

/// Distances named on the command line (`--cost-matrix`, `--network`), kept so `merge` loads
/// the same data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Distances {
    /// A cost matrix and its column.
    Matrix {
        /// The file as named.
        path: PathBuf,
        /// `metres` or `minutes`.
        unit: String,
    },
    /// Streets of an OpenStreetMap extract.
    Streets {
        /// The extract.
        path: PathBuf,
        /// Snapping distance.
        snap_max_m: f64,
        /// Elevation grid.
        dem: Option<PathBuf>,
    },
}

impl Distances {
    /// The record of a caller's choice.
    pub fn of(d: DistanceSource) -> Distances {
        match d {
            DistanceSource::Matrix(p, unit) => Distances::Matrix {
                path: p.to_path_buf(),
                unit: unit.name().to_string(),
            },
            DistanceSource::Streets(p, snap_max_m, dem) => Distances::Streets {
                path: p.to_path_buf(),
                snap_max_m,
                dem: dem.map(Path::to_path_buf),
            },
        }
    }

    /// The choice again.
    pub fn source(&self) -> DistanceSource<'_> {
        match self {
            Distances::Matrix { path, unit } => {
                DistanceSource::Matrix(path, CostUnit::from_name(unit).unwrap_or_default())
            }
            Distances::Streets {
                path,
                snap_max_m,
                dem,
            } => DistanceSource::Streets(path, *snap_max_m, dem.as_deref()),
        }
    }
}

/// The bytes of a shard result file.
pub fn shard_bytes(body: &ShardBody) -> Vec<u8> {
    let text = serde_json::to_vec(body).expect("a shard body always serialises");
    let mut out = Vec::with_capacity(text.len() + 128);
    out.extend_from_slice(HEAD.as_bytes());
    out.extend_from_slice(blake3::hash(&text).to_hex().as_bytes());
    out.extend_from_slice(MIDDLE.as_bytes());
    out.extend_from_slice(&text);
    out.extend_from_slice(TAIL.as_bytes());
    out
}

/// Reads a shard result, refusing a file that is not one, is cut short, or was changed.
pub fn read_shard(path: &Path) -> Result<ShardBody> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, "reading", e))?;
    let refuse = |found: &str| {
        Error::input(
            Location::file(&shown),
            "a shard result written by `mobile-stops scenarios --shard` or `regions solve --shard`",
            found,
        )
    };
    let head = HEAD.len() + 64 + MIDDLE.len();
    if bytes.len() < head + TAIL.len() || !bytes.starts_with(HEAD.as_bytes()) {
        return Err(refuse("a file that does not start like one"));
    }
    let hash = std::str::from_utf8(&bytes[HEAD.len()..HEAD.len() + 64]).unwrap_or("");
    if &bytes[HEAD.len() + 64..head] != MIDDLE.as_bytes() || !bytes.ends_with(TAIL.as_bytes()) {
        return Err(refuse(&format!(
            "a file cut short or edited ({} bytes; a whole one ends with `}}` and a newline)",
            bytes.len()
        )));
    }
    let text = &bytes[head..bytes.len() - TAIL.len()];
    if blake3::hash(text).to_hex().as_str() != hash {
        return Err(refuse(
            "a file whose content does not match its hash: cut short or edited after it was written",
        ));
    }
    serde_json::from_slice(text).map_err(|e| refuse(&format!("a body that does not read: {e}")))
}

impl ScenarioInput {
    /// Solves shard `spec`'s rows (see [`crate::scenario::shard`]) and returns its result;
    /// `scenario_path` is the file read, `distances` what the caller gave, `command` the
    /// command to show in a merged report.
    pub fn run_shard(
        &self,
        spec: ShardSpec,
        scenario_path: &Path,
        distances: Option<DistanceSource>,
        command: String,
        budget: Budget,
        tick: &(dyn Fn(usize) + Sync),
    ) -> Result<ShardBody> {
        let model = CostModel::new(&self.data);
        let costs: Vec<f64> = self.file.scenarios.iter().map(|s| model.cost(s)).collect();
        let mine = rows_of(&costs, spec);
        let part = ScenarioFile {
            data: self.file.data.clone(),
            scenarios: mine
                .iter()
                .map(|&i| self.file.scenarios[i].clone())
                .collect(),
        };
        let batch = run_batch(&part, &self.data, &|k| tick(mine[k]), budget);
        let absolute = std::path::absolute(scenario_path).unwrap_or(scenario_path.to_path_buf());
        Ok(ShardBody {
            kind: "scenarios".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            file: self.source.clone(),
            file_path: absolute.display().to_string(),
            file_hash: file_hash(scenario_path)?,
            data_hash: data_hash(&self.file.data)?,
            distances: distances.map(Distances::of),
            command,
            shards: spec.count,
            shard: spec.index,
            rows_total: self.file.scenarios.len(),
            rows: mine
                .iter()
                .zip(&batch.rows)
                .map(|(&i, r)| ShardRow {
                    row: i,
                    id: r.scenario.id.clone(),
                    result: RowRecord::of(r),
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests;
