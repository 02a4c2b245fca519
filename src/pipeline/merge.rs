//! Joining shard results into the batch a single run would have written: every shard once,
//! all of one input, each file whole; otherwise nothing is written and the message names the
//! shards at fault.

use super::scenarios::{load_scenarios_with, ScenarioInput};
use super::shard::{data_hash, file_hash, read_shard, ShardBody};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::scenario::record::{replay, RowRecord};
use crate::scenario::Batch;
use std::path::{Path, PathBuf};

/// Shard results read and checked against each other: one of each of N, of one input.
#[derive(Debug, Clone)]
pub struct ShardSet {
    /// The bodies, by shard number.
    pub bodies: Vec<ShardBody>,
}

/// A merged scenario batch, ready for the writers.
#[derive(Debug, Clone)]
pub struct MergedScenarios {
    /// The scenario file and its data, as the shards read them.
    pub input: ScenarioInput,
    /// Every row, with counts and robustness over all of them.
    pub batch: Batch,
    /// The command the shards ran (for the report's box).
    pub command: String,
}

fn refuse(at: &Path, expected: impl Into<String>, found: impl Into<String>) -> Error {
    Error::input(Location::file(at.display().to_string()), expected, found)
}

/// Reads every shard file and checks the set: all of one kind, input, data, version and N,
/// no shard twice, none missing.
pub fn read_shards(paths: &[PathBuf]) -> Result<ShardSet> {
    let Some(first_path) = paths.first() else {
        return Err(Error::input(
            Location::file("merge"),
            "one or more shard results",
            "none",
        ));
    };
    let mut bodies: Vec<(PathBuf, ShardBody)> = Vec::with_capacity(paths.len());
    for p in paths {
        bodies.push((p.clone(), read_shard(p)?));
    }
    let first = bodies[0].1.clone();
    if first.shards == 0 {
        return Err(refuse(first_path, "N ≥ 1 shards", "N = 0"));
    }
    for (p, b) in &bodies {
        same_input(first_path, &first, p, b)?;
        if b.shard >= b.shards {
            return Err(refuse(
                p,
                format!("a shard number below N = {}", b.shards),
                format!("shard {}", b.shard),
            ));
        }
    }
    let mut by_index: Vec<Option<(PathBuf, ShardBody)>> = vec![None; first.shards];
    for (p, b) in bodies {
        let k = b.shard;
        if let Some((other, _)) = &by_index[k] {
            return Err(refuse(
                &p,
                "each shard once",
                format!(
                    "shard {k} of {} again (also {})",
                    first.shards,
                    other.display()
                ),
            ));
        }
        by_index[k] = Some((p, b));
    }
    let missing: Vec<String> = (0..first.shards)
        .filter(|&k| by_index[k].is_none())
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(Error::input(
            Location::file("merge"),
            format!(
                "all {} shards of {} (0 to {})",
                first.shards,
                first.file,
                first.shards - 1
            ),
            format!(
                "shard{} {} missing",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        ));
    }
    Ok(ShardSet {
        bodies: by_index.into_iter().flatten().map(|(_, b)| b).collect(),
    })
}

/// Refuses `b` (at `p`) unless it is a shard of the same run as `first`.
fn same_input(first_path: &Path, first: &ShardBody, p: &Path, b: &ShardBody) -> Result<()> {
    let like = |what: &str, mine: &str, theirs: &str| {
        refuse(
            p,
            format!(
                "a shard of the same {what} as {} ({theirs})",
                first_path.display()
            ),
            mine.to_string(),
        )
    };
    if b.kind != first.kind {
        return Err(like("kind of run", &b.kind, &first.kind));
    }
    if b.version != first.version {
        return Err(like("mobile-stops version", &b.version, &first.version));
    }
    if b.file_hash != first.file_hash || b.file != first.file {
        let mine = format!("{}, {}", b.file, b.file_hash);
        return Err(like(
            "input",
            &mine,
            &format!("{}, {}", first.file, first.file_hash),
        ));
    }
    if b.data_hash != first.data_hash || b.distances != first.distances {
        return Err(like("data", &b.data_hash, &first.data_hash));
    }
    if b.shards != first.shards {
        let (mine, theirs) = (format!("N = {}", b.shards), format!("N = {}", first.shards));
        return Err(like("number of shards", &mine, &theirs));
    }
    if b.rows_total != first.rows_total || b.command != first.command {
        return Err(like("command", &b.command, &first.command));
    }
    Ok(())
}

impl ShardSet {
    /// Every row's record in batch order, each exactly once and with the id `ids` gives it.
    pub fn records(&self, ids: &[&str]) -> Result<Vec<RowRecord>> {
        let first = &self.bodies[0];
        let mut out: Vec<Option<RowRecord>> = vec![None; ids.len()];
        for b in &self.bodies {
            for r in &b.rows {
                let at = Location::file(format!("shard {} of {}", b.shard, b.shards));
                let fits = ids.get(r.row).is_some_and(|id| *id == r.id);
                if !fits || out[r.row].is_some() {
                    return Err(Error::input(
                        at,
                        format!("rows of {} as the split gives them", first.file),
                        format!("row {} `{}`", r.row, r.id),
                    ));
                }
                out[r.row] = Some(r.result.clone());
            }
        }
        let missing = out.iter().position(Option::is_none);
        if let Some(k) = missing {
            return Err(Error::input(
                Location::file("merge"),
                format!("every row of {} in some shard", first.file),
                format!("row {k} (`{}`) in none", ids[k]),
            ));
        }
        Ok(out.into_iter().flatten().collect())
    }
}

/// Reads, checks and joins scenario shard results: the scenario file is read again (by the
/// name the shards give, from this folder, else by its absolute path) and must have the bytes
/// and the data the shards were solved from.
pub fn merge_scenarios(paths: &[PathBuf], budget: Budget) -> Result<MergedScenarios> {
    let set = read_shards(paths)?;
    let first = set.bodies[0].clone();
    if first.kind != "scenarios" {
        return Err(refuse(
            &paths[0],
            "a scenario shard (region shards are merged by the same command)",
            format!("a shard of kind `{}`", first.kind),
        ));
    }
    let named = PathBuf::from(&first.file);
    let path = if named.is_file() && file_hash(&named).ok() == Some(first.file_hash.clone()) {
        named
    } else {
        PathBuf::from(&first.file_path)
    };
    if file_hash(&path)? != first.file_hash {
        return Err(refuse(
            &path,
            format!("the scenario file the shards solved ({})", first.file_hash),
            "a file changed since",
        ));
    }
    let distances = first.distances.as_ref().map(|d| d.source());
    let mut input = load_scenarios_with(&path, distances, budget)?;
    input.source = first.file.clone();
    if data_hash(&input.file.data)? != first.data_hash {
        return Err(Error::input(
            Location::file(&first.file),
            "the data the shards solved (its [data] files, byte for byte)",
            "data changed since",
        ));
    }
    let ids: Vec<&str> = input.file.scenarios.iter().map(|s| s.id.as_str()).collect();
    if ids.len() != first.rows_total {
        return Err(refuse(
            &path,
            format!("{} scenarios, as the shards say", first.rows_total),
            format!("{}", ids.len()),
        ));
    }
    let records = set.records(&ids)?;
    let batch = replay(&records, &input.file, &input.data).ok_or_else(|| {
        refuse(
            &paths[0],
            "rows as a run writes them",
            "a row reason no run gives",
        )
    })?;
    Ok(MergedScenarios {
        input,
        batch,
        command: first.command,
    })
}
