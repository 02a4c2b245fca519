//! Solving a batch of scenarios in parallel: shared data, one coverage per data variant and
//! radius, rows in file order, a fair share of the time for each scenario still to start.

use super::apply::{check, valid_radius, variant, variant_key, Variant};
use super::robust::{robustness, Robustness};
use super::row::{solve_one, top_ranked, NotRunReason, Row, RowOutcome};
use super::spec::{Scenario, ScenarioFile};
use crate::budget::Budget;
use crate::defaults::{SHOP_DISTANCE_M, VEHICLES};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::param::Param;
use crate::score::compare::Measure;
use crate::score::{score, ScoreParams};
use crate::solve::SolveParams;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The whole batch.
#[derive(Debug, Clone)]
pub struct Batch {
    /// One row per scenario, the baseline first, in file order.
    pub rows: Vec<Row>,
    /// Candidates chosen at least once, most often chosen first.
    pub robustness: Vec<Robustness>,
    /// Scenarios solved without error.
    pub solved: usize,
    /// Scenarios not solved because the batch's deadline came first or the run was
    /// interrupted (their rows say which).
    pub not_run: usize,
}

impl Batch {
    /// The batch of `rows` (one per scenario of `file`, in its order): the counts, and the
    /// robustness counted over every row, however the rows were solved (here, or in shards).
    pub fn of_rows(rows: Vec<Row>, data: &Dataset, file: &ScenarioFile) -> Batch {
        Batch {
            solved: rows.iter().filter(|r| r.outcome.solved().is_some()).count(),
            not_run: rows
                .iter()
                .filter(|r| matches!(r.outcome, RowOutcome::NotRun(_)))
                .count(),
            robustness: robustness(&rows, data, file),
            rows,
        }
    }

    /// Rows not solved because the run was interrupted: when any, the other rows (and the
    /// robustness counted over them) are the scenarios that finished before the interrupt.
    pub fn interrupted(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r.outcome, RowOutcome::NotRun(NotRunReason::Interrupted)))
            .count()
    }
}

/// The row text of a scenario the batch's deadline left unstarted.
pub const NOT_RUN: &str = "not run: the batch's time limit ended before this scenario started";

/// The row text of a scenario an interrupt (Ctrl-C, SIGTERM, SIGHUP) left unfinished.
pub const INTERRUPTED: &str = "not run: the run was interrupted before this scenario finished";

/// Scenarios that share a data variant and a radius: one instance, one coverage.
type Group<'a> = ((&'a str, u64), Vec<usize>);

/// Solves every scenario of `file` on `data` in parallel; `tick` is called with a scenario's
/// index in `file.scenarios` once its row is done (for a progress bar that weighs each by its
/// [expected cost](super::cost)). Rows keep file order whatever the thread count.
///
/// Scenarios are grouped by data variant and radius; groups run a few at a time, each
/// building its coverage once and dropping it when done, so memory stays bounded however
/// many radii a sweep lists.
///
/// With a deadline in `budget` (a meeting waiting for the answer), solves running when it
/// comes stop with their best so far (status `time_limit`), and scenarios not yet started
/// keep a row saying so ([`RowOutcome::NotRun`]); which ones finish then depends on the
/// machine's speed. After [`crate::budget::stop_all`] (an interrupt) the same happens at
/// once, and a solve that was running is not kept either: its row is not run, with the reason
/// [`NotRunReason::Interrupted`], so every solved row is one that finished.
///
/// ```
/// use mobile_stops::io::text::SourceText;
/// use mobile_stops::scenario::{read_scenarios, run_batch};
/// let toml = "[baseline]\np = 4\n[[sweep]]\nname = \"radius\"\nradius_m = [300, 800]\n";
/// let src = SourceText::utf8("what-if.toml", toml);
/// let file = read_scenarios(&src, std::path::Path::new(".")).unwrap();
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let batch = run_batch(&file, &data, &|_| {}, Default::default());
/// assert_eq!(batch.rows.len(), 3); // the baseline, then 300 m and 800 m
/// assert_eq!(batch.solved, 3);
/// let reach = |k: usize| batch.rows[k].outcome.solved().unwrap().result.outcome.objective;
/// assert!(reach(1) <= reach(0) && reach(0) <= reach(2));
/// ```
pub fn run_batch(
    file: &ScenarioFile,
    data: &Dataset,
    tick: &(dyn Fn(usize) + Sync),
    budget: Budget,
) -> Batch {
    let checks: Vec<Result<()>> = file.scenarios.iter().map(|s| check(&s.settings)).collect();
    let keys: Vec<String> = file
        .scenarios
        .iter()
        .map(|s| variant_key(&s.settings))
        .collect();
    let variants = variants(file, data, &keys, &checks);
    let mut rows: Vec<Option<Row>> = vec![None; file.scenarios.len()];
    // Groups: (variant, radius bits) → scenario indices; invalid radii go alone (solve says why).
    let mut groups: BTreeMap<(&str, u64), Vec<usize>> = BTreeMap::new();
    for (i, s) in file.scenarios.iter().enumerate() {
        let k = keys[i].as_str();
        let failed = match (&checks[i], variants.get(k)) {
            (Err(e), _) | (Ok(()), Some(Err(e))) => Some(e.clone()),
            _ => None,
        };
        match failed {
            Some(e) => rows[i] = Some(finished(i, s, RowOutcome::Failed(e), tick)),
            None => groups.entry((k, radius(s).to_bits())).or_default().push(i),
        }
    }
    let groups: Vec<Group> = groups.into_iter().collect();
    let runner = Runner {
        file,
        variants: &variants,
        tick,
        budget,
        to_run: groups.iter().map(|(_, m)| m.len()).sum(),
        started: AtomicUsize::new(0),
    };
    let at_once = 2 * rayon::current_num_threads().max(1);
    for chunk in groups.chunks(at_once) {
        let done: Vec<Vec<(usize, Row)>> = chunk.par_iter().map(|g| runner.group(g)).collect();
        for (i, row) in done.into_iter().flatten() {
            rows[i] = Some(row);
        }
    }
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| r.expect("every scenario has a row"))
        .collect();
    Batch::of_rows(rows, data, file)
}

/// Each data variant the valid scenarios need, built once (in parallel) from the first
/// scenario that names it.
fn variants<'a>(
    file: &ScenarioFile,
    data: &Dataset,
    keys: &'a [String],
    checks: &[Result<()>],
) -> HashMap<&'a str, Result<Variant>> {
    let mut wanted: Vec<&str> = keys
        .iter()
        .zip(checks)
        .filter(|(_, c)| c.is_ok())
        .map(|(k, _)| k.as_str())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let first_of: HashMap<&str, &Scenario> = file
        .scenarios
        .iter()
        .zip(keys)
        .zip(checks)
        .rev()
        .filter(|(_, c)| c.is_ok())
        .map(|((s, k), _)| (k.as_str(), s))
        .collect();
    wanted
        .par_iter()
        .map(|&k| (k, variant(data, &first_of[k].settings)))
        .collect()
}

/// The radius a scenario walks.
fn radius(s: &Scenario) -> f64 {
    s.settings
        .radius_m
        .unwrap_or(SolveParams::default().radius_m)
}

/// Row `i` is done, counted for the progress bar.
fn finished(i: usize, s: &Scenario, outcome: RowOutcome, tick: &(dyn Fn(usize) + Sync)) -> Row {
    tick(i);
    Row {
        scenario: s.clone(),
        outcome,
    }
}

/// What every group of the batch shares while it runs.
struct Runner<'a> {
    file: &'a ScenarioFile,
    variants: &'a HashMap<&'a str, Result<Variant>>,
    tick: &'a (dyn Fn(usize) + Sync),
    budget: Budget,
    /// Scenarios to solve in all.
    to_run: usize,
    /// Scenarios started so far.
    started: AtomicUsize,
}

impl Runner<'_> {
    fn late(&self) -> bool {
        crate::budget::passed(self.budget.deadline)
    }

    /// Under a deadline every scenario still to start gets a fair slot of the time left (as
    /// many run at once as there are threads), so one hard scenario cannot starve the rest.
    fn slot(&self) -> Budget {
        let threads = rayon::current_num_threads().max(1);
        let k = self.started.fetch_add(1, Ordering::Relaxed);
        let waiting = self.to_run.saturating_sub(k).max(1);
        let fraction = (threads as f64 / waiting as f64).min(1.0);
        Budget {
            deadline: crate::budget::share(self.budget.deadline, fraction),
            memory: self.budget.memory,
        }
    }

    /// Solves one group: its coverage once, the survey measure at its radius, then each member.
    fn group(&self, ((k, r), members): &Group) -> Vec<(usize, Row)> {
        let v = self.variants[k]
            .as_ref()
            .expect("failed variants were reported above");
        let r = f64::from_bits(*r);
        let all = |outcome: RowOutcome| -> Vec<(usize, Row)> {
            let row = |&i: &usize| (i, self.row(i, outcome.clone()));
            members.iter().map(row).collect()
        };
        if self.late() {
            return all(RowOutcome::NotRun(NotRunReason::now()));
        }
        // Invalid radii go on without coverage (the solve says why).
        let memory = self.budget.memory;
        let cover = match valid_radius(r).then(|| v.inst.checked_coverage(r, self.budget)) {
            // The batch's time ended while the lists were built: these rows were never started.
            Some(Err(Error::Param {
                param: Param::TimeLimitS,
                ..
            })) => return all(RowOutcome::NotRun(NotRunReason::now())),
            Some(Err(too_large)) => return all(RowOutcome::Failed(too_large)),
            Some(Ok(c)) => Some(c),
            None => None,
        };
        // Survey-based measures need the ranking's need rates at this radius.
        let table = match (&cover, &v.data.surveys) {
            (Some(_), Some(_)) => {
                let first = &self.file.scenarios[members[0]].settings;
                let params = ScoreParams {
                    radius_m: r,
                    vehicles: first.vehicles.unwrap_or(VEHICLES),
                    shop_distance_m: first.shop_distance_m.unwrap_or(SHOP_DISTANCE_M),
                    budget: Budget {
                        deadline: None,
                        memory,
                    },
                    ..ScoreParams::default()
                };
                score(&v.data, &params).ok()
            }
            _ => None,
        };
        let measure = table.as_ref().map(|t| Measure::new(&v.data, t));
        let member = |&i: &usize| {
            if self.late() {
                return (i, self.row(i, RowOutcome::NotRun(NotRunReason::now())));
            }
            let s = &self.file.scenarios[i];
            let outcome = solve_one(v, cover.as_ref(), measure.as_ref(), s, self.slot()).and_then(
                |mut solved| {
                    solved.top_ranked = top_ranked(&v.data, &s.settings, r, memory)?;
                    Ok(solved)
                },
            );
            let outcome = match outcome {
                // Cut short by an interrupt, or finished just as it came: not kept, so a
                // solved row never carries a best-so-far the time limit did not cause.
                _ if crate::budget::stopped() => RowOutcome::NotRun(NotRunReason::Interrupted),
                Ok(solved) => RowOutcome::Solved(Box::new(solved)),
                Err(e) => RowOutcome::Failed(e),
            };
            (i, self.row(i, outcome))
        };
        members.par_iter().map(member).collect()
    }

    fn row(&self, i: usize, outcome: RowOutcome) -> Row {
        finished(i, &self.file.scenarios[i], outcome, self.tick)
    }
}

/// The error of a row that failed, for a front end that must say the batch did not succeed.
pub fn first_failure(batch: &Batch) -> Option<(&Row, &Error)> {
    batch.rows.iter().find_map(|r| match &r.outcome {
        RowOutcome::Failed(e) => Some((r, e)),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
