//! The scenario batch pipeline: read the scenario file, load the data it names, solve every
//! row within one budget, and say which rows failed.

use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::{load_dataset, text::SourceText};
use crate::model::{CostUnit, Dataset};
use crate::scenario::{first_failure, read_scenarios, run_batch, Batch, ScenarioFile};
use std::path::Path;

/// Time kept back per row for writing the results after the search (measured on 100,000 rows,
/// each carrying its 44 keys: about 10 µs a row as JSON (6 to render, 4 to write), 6 µs as a
/// table or CSV; the rest is margin for freeing the rows and ending the process).
const WRITE_PER_ROW: std::time::Duration = std::time::Duration::from_micros(16);

/// A scenario file read, with the data its `[data]` table names, ready to run.
#[derive(Debug, Clone)]
pub struct ScenarioInput {
    /// The scenario file as the user named it.
    pub source: String,
    /// The scenarios, expanded.
    pub file: ScenarioFile,
    /// The data they share.
    pub data: Dataset,
}

/// A finished batch and the scenario file it came from.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    /// The scenario file as the user named it.
    pub source: String,
    /// Every row, in file order, and the robustness counts.
    pub batch: Batch,
}

/// Reads `path` and loads its `[data]` (paths relative to the file).
pub fn load_scenarios(path: &Path, budget: Budget) -> Result<ScenarioInput> {
    load_scenarios_with(path, None, budget)
}

/// Where the caller (a command-line flag) says distances come from, replacing the scenario
/// file's `[data]` choice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DistanceSource<'a> {
    /// A cost matrix and the column read (`--cost-matrix`, `--cost`).
    Matrix(&'a Path, CostUnit),
    /// An OpenStreetMap extract, the snapping distance and an elevation grid (`--network`,
    /// `--snap-max-m`, `--dem`).
    Streets(&'a Path, f64, Option<&'a Path>),
}

/// [`load_scenarios`] with the distances given by the caller, which replace the `[data]`
/// table's `cost_matrix`, `cost`, `network` and `snap_max_m`.
pub fn load_scenarios_with(
    path: &Path,
    distances: Option<DistanceSource>,
    budget: Budget,
) -> Result<ScenarioInput> {
    let src = SourceText::read(path, budget)?;
    let dir = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let mut file = read_scenarios(&src, &dir)?;
    match distances {
        Some(DistanceSource::Matrix(matrix, unit)) => {
            file.data.cost_matrix = Some(matrix.to_path_buf());
            file.data.cost = unit;
            file.data.network = None;
        }
        Some(DistanceSource::Streets(extract, snap_max_m, dem)) => {
            file.data.cost_matrix = None;
            file.data.network = Some(crate::network::NetworkSpec {
                snap_max_m,
                dem: dem.map(Path::to_path_buf),
                ..crate::network::NetworkSpec::new(extract)
            });
            file.walk_every_row();
        }
        None => {}
    }
    let data = load_dataset(&file.data, budget)?;
    Ok(ScenarioInput {
        source: src.name,
        file,
        data,
    })
}

impl ScenarioInput {
    /// How many rows the batch will have (for a progress bar).
    pub fn rows(&self) -> usize {
        self.file.scenarios.len()
    }

    /// Solves every scenario within `budget`; `tick` is called with each row's index once
    /// it is done. Writing
    /// the rows afterwards takes time in proportion to their number, so that much is kept back
    /// from the search: a 100,000-row batch under a one-second limit still ends on time.
    pub fn run(&self, budget: Budget, tick: &(dyn Fn(usize) + Sync)) -> ScenarioRun {
        let rows = u32::try_from(self.rows()).unwrap_or(u32::MAX);
        let keep = WRITE_PER_ROW.saturating_mul(rows);
        let search = Budget {
            deadline: budget.deadline.map(|d| {
                let now = std::time::Instant::now();
                d.checked_sub(keep)
                    .map_or(now, |early| early.max(now.min(d)))
            }),
            ..budget
        };
        ScenarioRun {
            batch: run_batch(&self.file, &self.data, tick, search),
            source: self.source.clone(),
        }
    }
}

impl ScenarioRun {
    /// Rows whose scenario could not be solved (rows not run for lack of time or because of
    /// an interrupt are not failures).
    pub fn failed(&self) -> usize {
        self.batch.rows.len() - self.batch.solved - self.batch.not_run
    }

    /// The error that names the failed rows and the first of them, when any failed: the
    /// results are still written, but the run must not look like a success.
    pub fn failure(&self) -> Option<Error> {
        let failed = self.failed();
        if failed == 0 {
            return None;
        }
        let (row, why) = first_failure(&self.batch)?;
        Some(Error::input(
            Location::at(&self.source, row.scenario.line, None),
            "every scenario to solve",
            format!(
                "{failed} failed (results written); first: `{}`: {}",
                row.scenario.name, why
            ),
        ))
    }
}
