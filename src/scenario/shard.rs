//! Splitting a batch into N shards of about equal work, for a cluster's array job: shard I of
//! N runs only its rows, and `merge` puts the rows back together.
//!
//! The split is a documented function of the rows' [expected costs](super::cost) and N alone,
//! so every task of an array computes the same split without talking to the others:
//!
//! 1. order the rows by expected cost, largest first (equal costs: file order);
//! 2. give each row in turn to the shard with the least expected work so far (equal work: the
//!    lowest shard number).
//!
//! This is the longest-processing-time rule: the busiest shard carries at most 4/3 of the best
//! possible largest load (Graham, 1969), and in practice within one row's cost of the mean.
//! The costs come from a fixed sample of the data, so the same file, data and binary give the
//! same split on every machine. Shards with no row (N above the row count) are valid and
//! write an empty shard result.

use crate::error::{Error, Location, Result};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// Shard `index` of `count` (0 ≤ index < count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardSpec {
    /// Which shard, from 0.
    pub index: usize,
    /// How many shards in all.
    pub count: usize,
}

impl ShardSpec {
    /// Reads `I/N` as `--shard` gives it; `what` names the source in errors.
    pub fn parse(text: &str, what: &str) -> Result<ShardSpec> {
        let bad = |found: String| {
            Error::input(
                Location::file(what),
                "I/N: shard I of N, with N ≥ 1 and 0 ≤ I < N (e.g. 3/8)",
                found,
            )
        };
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| bad(format!("`{text}`")))?;
        let num = |s: &str| s.trim().parse::<usize>().ok();
        let (Some(index), Some(count)) = (num(i), num(n)) else {
            return Err(bad(format!("`{text}`")));
        };
        if count == 0 {
            return Err(bad(format!("`{text}` (N = 0: no shard to run)")));
        }
        if index >= count {
            return Err(bad(format!(
                "`{text}` (I = {index} is not below N = {count})"
            )));
        }
        Ok(ShardSpec { index, count })
    }

    /// The shard of a Slurm array task: I = `SLURM_ARRAY_TASK_ID` − `SLURM_ARRAY_TASK_MIN`
    /// (0 when unset), N = `SLURM_ARRAY_TASK_MAX` − MIN + 1, or `SLURM_ARRAY_TASK_COUNT`
    /// without a MAX. The array must be contiguous (`--array=0-7`): a stepped or listed array
    /// (`0-14:2`, `1,5,9`) would leave shards unrun, and is refused when its count disagrees.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<ShardSpec> {
        let read = |name: &str| -> Result<Option<usize>> {
            match var(name) {
                None => Ok(None),
                Some(v) => v.trim().parse().map(Some).map_err(|_| {
                    Error::input(
                        Location::file(name),
                        "a whole number (Slurm sets it for an array task)",
                        format!("`{v}`"),
                    )
                }),
            }
        };
        let id = read("SLURM_ARRAY_TASK_ID")?.ok_or_else(|| {
            Error::input(
                Location::file("--shard-from-env"),
                "SLURM_ARRAY_TASK_ID set (run inside an array job: sbatch --array=0-7)",
                "it unset",
            )
        })?;
        let min = read("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
        let count = match (
            read("SLURM_ARRAY_TASK_MAX")?,
            read("SLURM_ARRAY_TASK_COUNT")?,
        ) {
            (Some(max), count) => {
                let n = (max + 1).saturating_sub(min);
                if count.is_some_and(|c| c != n) {
                    return Err(Error::input(
                        Location::file("SLURM_ARRAY_TASK_COUNT"),
                        format!("{n} tasks, a contiguous array from {min} to {max} (--array={min}-{max}, no step or list)"),
                        format!("{} tasks", count.unwrap_or(0)),
                    ));
                }
                n
            }
            (None, Some(c)) => c,
            (None, None) => {
                return Err(Error::input(
                    Location::file("--shard-from-env"),
                    "SLURM_ARRAY_TASK_MAX or SLURM_ARRAY_TASK_COUNT set",
                    "neither",
                ))
            }
        };
        let index = id.checked_sub(min).ok_or_else(|| {
            Error::input(
                Location::file("SLURM_ARRAY_TASK_ID"),
                format!("a task id of at least SLURM_ARRAY_TASK_MIN = {min}"),
                format!("{id}"),
            )
        })?;
        ShardSpec::parse(&format!("{index}/{count}"), "the Slurm array task")
    }
}

/// The shard of every row, by the rule in the module's description.
pub fn assign(costs: &[f64], count: usize) -> Vec<usize> {
    let count = count.max(1);
    let mut order: Vec<usize> = (0..costs.len()).collect();
    order.sort_by(|&a, &b| costs[b].total_cmp(&costs[a]).then(a.cmp(&b)));
    // Least loaded first, then the lowest shard number.
    let mut loads: BinaryHeap<Reverse<(Load, usize)>> =
        (0..count).map(|k| Reverse((Load(0.0), k))).collect();
    let mut shard = vec![0; costs.len()];
    for i in order {
        let Reverse((Load(load), k)) = loads.pop().expect("count ≥ 1 shards");
        shard[i] = k;
        let cost = if costs[i].is_finite() { costs[i] } else { 0.0 };
        loads.push(Reverse((Load(load + cost.max(0.0)), k)));
    }
    shard
}

/// The rows shard `spec` runs, in file order.
pub fn rows_of(costs: &[f64], spec: ShardSpec) -> Vec<usize> {
    assign(costs, spec.count)
        .iter()
        .enumerate()
        .filter(|&(_, &k)| k == spec.index)
        .map(|(i, _)| i)
        .collect()
}

/// A load ordered by `total_cmp`, so the heap has a total order.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Load(f64);

impl Eq for Load {}

impl PartialOrd for Load {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Load {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests;
