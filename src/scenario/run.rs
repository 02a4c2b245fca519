//! Solving a batch of scenarios in parallel: shared data, one coverage per data variant and
//! radius, rows in file order, and which candidates are chosen robustly.

use super::spec::{Overrides, Scenario, ScenarioFile};
use crate::budget::Budget;
use crate::compare::{Measure, StopSet};
use crate::error::{Error, Result};
use crate::model::{CandidateSite, Dataset, LatLon};
use crate::param::Param;
use crate::score::{score, ScoreParams, SpaceParams};
use crate::solve::{
    solve, solve_with, CapacitySpec, Instance, Model, PlanningOptions, SolveParams, SolveResult,
    Status,
};
use crate::spatial::Coverage;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

/// What a solved scenario chose and achieved.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// The solve result.
    pub result: SolveResult,
    /// Chosen ids, sorted.
    pub stops: Vec<String>,
    /// Population within the radius of a chosen stop.
    pub people_reached: Option<f64>,
    /// Aged 65+ within the radius of a chosen stop.
    pub aged_reached: Option<f64>,
    /// Per chosen stop (same order as `stops`): in every optimal set (`Some(true)`), in only
    /// some (`Some(false)`), or unknown when optimality is not proven.
    pub forced: Vec<Option<bool>>,
    /// Expected buyers per visit with a 95 % interval, when the data has surveys (measured as
    /// `compare` does, at the scenario's radius).
    pub buyers: Option<crate::score::Interval>,
    /// The three top-ranked candidates under the scenario's `weights`, when it sets them.
    pub top_ranked: Option<Vec<String>>,
}

/// One scenario's row: its result or its error.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The scenario.
    pub scenario: Scenario,
    /// Solved, or why not (the error as the CLI would print it).
    pub outcome: std::result::Result<Solved, String>,
}

/// How often a candidate is chosen across the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// Candidate id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Scenarios (solved) that choose it.
    pub chosen_in: usize,
    /// Of those, scenarios where it is in every optimal set.
    pub forced_in: usize,
}

/// The whole batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// One row per scenario, the baseline first, in file order.
    pub rows: Vec<Row>,
    /// Candidates chosen at least once, most often chosen first.
    pub robustness: Vec<Robustness>,
    /// Scenarios solved without error.
    pub solved: usize,
    /// Scenarios not started because the batch's deadline came first (their rows say so).
    pub not_run: usize,
}

/// The row text of a scenario the batch's deadline left unstarted.
pub const NOT_RUN: &str = "not run: the batch's time limit ended before this scenario started";

/// The data-changing part of a scenario: scenarios that agree on it share an instance.
fn variant_key(s: &Overrides) -> String {
    serde_json::json!([
        s.add_candidates,
        s.remove_candidates,
        s.surveys,
        s.survey_scale,
        s.objective_weight,
        s.shop_distance_m,
        s.vehicles,
        s.capacity
    ])
    .to_string()
}

/// The dataset and planning options of a variant.
fn variant(base: &Dataset, s: &Overrides) -> Result<Variant> {
    let mut data = base.clone();
    if let Some(remove) = &s.remove_candidates {
        for id in remove {
            let before = data.candidates.data.sites.len();
            data.candidates.data.sites.retain(|c| &c.id != id);
            if data.candidates.data.sites.len() == before {
                return Err(Error::param(
                    Param::RemoveCandidates,
                    "candidate ids",
                    format!("unknown id `{id}`"),
                ));
            }
        }
    }
    for c in s.add_candidates.iter().flatten() {
        if data.candidates.data.sites.iter().any(|s| s.id == c.id) {
            return Err(Error::param(
                Param::AddCandidates,
                "new ids",
                format!("`{}` already a candidate", c.id),
            ));
        }
        if !((-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon)) {
            return Err(Error::param(
                Param::AddCandidates,
                "lat from -90 to 90 and lon from -180 to 180",
                format!("`{}` at {}, {}", c.id, c.lat, c.lon),
            ));
        }
        let extra = vec![String::new(); data.candidates.data.extra_columns.len()];
        data.candidates.data.sites.push(CandidateSite {
            id: c.id.clone(),
            location: LatLon::new(c.lat, c.lon),
            name: c.name.clone(),
            kind: c.kind.clone(),
            vehicle_slots: c.vehicle_slots,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra,
            line: None,
        });
    }
    if s.surveys == Some(false) {
        data.surveys = None;
    }
    if s.survey_scale.is_some() && data.surveys.is_none() {
        return Err(Error::param(
            Param::SurveyScale,
            "survey data to scale ([data] surveys = FILE)",
            "no surveys",
        ));
    }
    if let (Some(k), Some(surveys)) = (s.survey_scale, data.surveys.as_mut()) {
        for p in &mut surveys.data {
            p.would_use = ((p.would_use as f64 * k).round() as u64).min(p.respondents);
        }
    }
    let capacity = s.capacity.as_deref().map(CapacitySpec::parse).transpose()?;
    let opts = PlanningOptions {
        objective_weight: s.objective_weight.clone(),
        shop_distance_m: s.shop_distance_m.unwrap_or(500.0),
        vehicles: s.vehicles.unwrap_or(5),
        space: SpaceParams::default(),
        capacity: capacity.clone(),
    };
    Ok(Variant {
        inst: Instance::from_dataset(&data, &opts)?,
        capacitated: capacity.is_some(),
        data,
    })
}

/// One data variant: its dataset (for survey-based measures) and its solver instance.
struct Variant {
    data: Dataset,
    inst: Instance,
    capacitated: bool,
}

/// Solver parameters of a scenario (the command line's defaults where it says nothing).
fn params(s: &Overrides, capacitated: bool) -> Result<SolveParams> {
    let d = SolveParams::default();
    let time_limit = match s.time_limit_s {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 && t <= 1e7 => Some(Duration::from_secs_f64(t)),
        Some(t) => {
            return Err(Error::param(
                Param::TimeLimitS,
                "a number of seconds greater than 0",
                format!("`{t}`"),
            ))
        }
    };
    Ok(SolveParams {
        model: s.model.unwrap_or(d.model),
        p: s.p,
        radius_m: s.radius_m.unwrap_or(d.radius_m),
        require: s.require.clone().unwrap_or_default(),
        exclude: s.exclude.clone().unwrap_or_default(),
        allow_no_space: s.allow_no_space.unwrap_or(false),
        min_weight_per_stop: s.min_weight_per_stop,
        capacitated,
        time_limit,
        deadline: None,
        seed: s.seed.unwrap_or(d.seed),
        method: s.method.unwrap_or(d.method),
        memory: d.memory,
    })
}

/// Whether leaving `id` out makes the best objective strictly worse: then every optimal set
/// contains it. `None` when either solve is not proven optimal.
fn in_every_optimum(
    inst: &Instance,
    p: &SolveParams,
    cover: &Coverage,
    res: &SolveResult,
    id: &str,
) -> Option<bool> {
    if p.require.iter().any(|r| r.trim() == id) {
        return Some(true); // required: in every feasible set, so in every optimal one
    }
    if res.outcome.status != Status::Optimal {
        return None;
    }
    if crate::budget::passed(p.deadline) {
        return None; // not re-solved: the time limit ended first
    }
    let mut q = p.clone();
    q.exclude.push(id.to_string());
    q.require.retain(|r| r.trim() != id);
    let alt = solve_with(inst, &q, cover).ok()?;
    let (a, b) = (res.outcome.objective, alt.outcome.objective);
    let tol = 1e-9 * a.abs().max(1.0);
    match alt.outcome.status {
        Status::Infeasible => Some(true),
        Status::Optimal => Some(match p.model {
            Model::Mclp => b < a - tol,
            // Without it, set covering may need as many stops but reach fewer people.
            Model::Lscp => b > a + tol || alt.covered_weight < res.covered_weight - tol,
            Model::Pmedian | Model::Pcenter => b > a + tol,
        }),
        _ => None,
    }
}

fn solve_one(
    inst: &Instance,
    capacitated: bool,
    cover: Option<&Coverage>,
    measure: Option<&Measure>,
    s: &Scenario,
    budget: Budget,
) -> Result<Solved> {
    let deadline = budget.deadline;
    // Under a deadline the solve gets half the scenario's time and the "in every optimal
    // set" re-solves the rest; each re-solve starts only if one like the last still fits.
    let p = SolveParams {
        deadline: crate::budget::share(deadline, 0.5),
        memory: budget.memory,
        ..params(&s.settings, capacitated)?
    };
    let res = match cover {
        Some(c) => solve_with(inst, &p, c)?,
        None => solve(inst, &p)?,
    };
    let p = SolveParams { deadline, ..p };
    let mut open = res.outcome.open.clone();
    open.sort_by(|&a, &b| inst.sites[a].id.cmp(&inst.sites[b].id));
    let reached = |v: &Option<Vec<f64>>| -> Option<f64> {
        let v = v.as_ref()?;
        let cover = cover?;
        let mut seen = vec![false; inst.points()];
        for &j in &open {
            for &pt in cover.points_of(j) {
                seen[pt as usize] = true;
            }
        }
        Some(
            v.iter()
                .zip(&seen)
                .filter(|(_, &s)| s)
                .map(|(x, _)| x)
                .sum(),
        )
    };
    let mut last = Duration::ZERO;
    let forced = open
        .iter()
        .map(|&j| {
            let now = Instant::now();
            if deadline.is_some_and(|d| now + last >= d) {
                return None;
            }
            let f = cover.and_then(|c| in_every_optimum(inst, &p, c, &res, &inst.sites[j].id));
            last = now.elapsed();
            f
        })
        .collect();
    let buyers = match (measure, &open[..]) {
        (Some(m), sites) if !sites.is_empty() => {
            let set = StopSet {
                name: s.name.clone(),
                sites: sites.to_vec(),
            };
            m.set(&set, &[]).buyers
        }
        _ => None,
    };
    Ok(Solved {
        top_ranked: None,
        buyers,
        stops: open.iter().map(|&j| inst.sites[j].id.clone()).collect(),
        people_reached: reached(&inst.population),
        aged_reached: reached(&inst.aged_65_plus),
        forced,
        result: res,
    })
}

/// The checks the command line makes on the same values, so a scenario cannot pass what a
/// flag would refuse (NaN included, which would otherwise look like "not set").
fn check(s: &Overrides) -> Result<()> {
    let bad = |key: Param, expected: &str, found: String| Err(Error::param(key, expected, found));
    if s.vehicles == Some(0) {
        return bad(Param::Vehicles, "at least 1 vehicle", "`0`".into());
    }
    if let Some(w) = &s.weights {
        crate::score::TermWeights::parse(w)?;
    }
    if let Some(d) = s.shop_distance_m {
        if !(d.is_finite() && d > 0.0) {
            return bad(
                Param::ShopDistanceM,
                "a distance in metres greater than 0",
                format!("`{d}`"),
            );
        }
    }
    if let Some(k) = s.survey_scale {
        if !(k.is_finite() && k >= 0.0) {
            return bad(
                Param::SurveyScale,
                "a factor of 0 or more",
                format!("`{k}`"),
            );
        }
    }
    for (key, v) in [
        (Param::RadiusM, s.radius_m),
        (Param::MinWeightPerStop, s.min_weight_per_stop),
    ] {
        if let Some(v) = v {
            if !v.is_finite() {
                return bad(key, "a finite number", format!("`{v}`"));
            }
        }
    }
    Ok(())
}

/// Solves every scenario of `file` on `data` in parallel; `tick` is called once per finished
/// scenario (for a progress bar). Rows keep file order whatever the thread count.
///
/// Scenarios are grouped by data variant and radius; groups run a few at a time, each
/// building its coverage once and dropping it when done, so memory stays bounded however
/// many radii a sweep lists.
///
/// With a `deadline` (a meeting waiting for the answer), solves running when it comes stop
/// with their best so far (status `time_limit`), and scenarios not yet started keep a row
/// saying so ([`NOT_RUN`]); which ones finish then depends on the machine's speed.
pub fn run_batch(
    file: &ScenarioFile,
    data: &Dataset,
    tick: &(dyn Fn() + Sync),
    budget: Budget,
) -> Batch {
    let deadline = budget.deadline;
    let late = || crate::budget::passed(deadline);
    // Under a deadline every scenario still to start gets a fair slot of the time left (as
    // many run at once as there are threads), so one hard scenario cannot starve the rest.
    let threads = rayon::current_num_threads().max(1);
    let started = std::sync::atomic::AtomicUsize::new(0);
    let slot = |to_run: usize| {
        let k = started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let waiting = to_run.saturating_sub(k).max(1);
        crate::budget::share(deadline, (threads as f64 / waiting as f64).min(1.0))
    };
    let checks: Vec<Result<()>> = file.scenarios.iter().map(|s| check(&s.settings)).collect();
    let scenario_keys: Vec<String> = file
        .scenarios
        .iter()
        .map(|s| variant_key(&s.settings))
        .collect();
    let mut keys: Vec<&str> = scenario_keys
        .iter()
        .zip(&checks)
        .filter(|(_, c)| c.is_ok())
        .map(|(k, _)| k.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let first_of: HashMap<&str, &Scenario> = file
        .scenarios
        .iter()
        .zip(&scenario_keys)
        .zip(&checks)
        .rev()
        .filter(|(_, c)| c.is_ok())
        .map(|((s, k), _)| (k.as_str(), s))
        .collect();
    let variants: HashMap<&str, std::result::Result<Variant, String>> = keys
        .par_iter()
        .map(|&k| {
            (
                k,
                variant(data, &first_of[k].settings).map_err(|e| e.to_string()),
            )
        })
        .collect();
    let radius = |s: &Scenario| {
        s.settings
            .radius_m
            .unwrap_or(SolveParams::default().radius_m)
    };
    // Groups: (variant, radius bits) → scenario indices; invalid radii go alone (solve says why).
    let mut groups: BTreeMap<(&str, u64), Vec<usize>> = BTreeMap::new();
    let mut rows: Vec<Option<Row>> = vec![None; file.scenarios.len()];
    for (i, s) in file.scenarios.iter().enumerate() {
        let k = scenario_keys[i].as_str();
        let failed = match (&checks[i], variants.get(k)) {
            (Err(e), _) => Some(e.to_string()),
            (Ok(()), Some(Err(e))) => Some(e.clone()),
            _ => None,
        };
        match failed {
            Some(e) => {
                tick();
                rows[i] = Some(Row {
                    scenario: s.clone(),
                    outcome: Err(e),
                });
            }
            None => groups.entry((k, radius(s).to_bits())).or_default().push(i),
        }
    }
    let groups: Vec<((&str, u64), Vec<usize>)> = groups.into_iter().collect();
    let to_run: usize = groups.iter().map(|(_, m)| m.len()).sum();
    let at_once = 2 * rayon::current_num_threads().max(1);
    for chunk in groups.chunks(at_once) {
        let done: Vec<Vec<(usize, Row)>> = chunk
            .par_iter()
            .map(|((k, r), members)| {
                let v = variants[k]
                    .as_ref()
                    .expect("failed variants were reported above");
                let r = f64::from_bits(*r);
                let all_unsolved = |why: String| -> Vec<(usize, Row)> {
                    members
                        .iter()
                        .map(|&i| unsolved(file, i, tick, why.clone()))
                        .collect()
                };
                if late() {
                    return all_unsolved(NOT_RUN.to_string());
                }
                // Invalid radii go on without coverage (the solve says why).
                let cover = match valid_radius(r).then(|| v.inst.checked_coverage(r, budget.memory))
                {
                    Some(Err(too_large)) => return all_unsolved(too_large.to_string()),
                    Some(Ok(c)) => Some(c),
                    None => None,
                };
                // Survey-based measures need the ranking's need rates at this radius.
                let table = match (&cover, &v.data.surveys) {
                    (Some(_), Some(_)) => {
                        let first = &file.scenarios[members[0]].settings;
                        let params = ScoreParams {
                            radius_m: r,
                            vehicles: first.vehicles.unwrap_or(5),
                            shop_distance_m: first.shop_distance_m.unwrap_or(500.0),
                            memory: budget.memory,
                            ..ScoreParams::default()
                        };
                        score(&v.data, &params).ok()
                    }
                    _ => None,
                };
                let measure = table.as_ref().map(|t| Measure::new(&v.data, t));
                members
                    .par_iter()
                    .map(|&i| {
                        if late() {
                            return unsolved(file, i, tick, NOT_RUN.to_string());
                        }
                        let s = &file.scenarios[i];
                        let (c, m) = (cover.as_ref(), measure.as_ref());
                        let outcome = solve_one(
                            &v.inst,
                            v.capacitated,
                            c,
                            m,
                            s,
                            Budget {
                                deadline: slot(to_run),
                                memory: budget.memory,
                            },
                        )
                        .and_then(|mut solved| {
                            solved.top_ranked = top_ranked(&v.data, &s.settings, r, budget.memory)?;
                            Ok(solved)
                        })
                        .map_err(|e| e.to_string());
                        tick();
                        (
                            i,
                            Row {
                                scenario: s.clone(),
                                outcome,
                            },
                        )
                    })
                    .collect()
            })
            .collect();
        for (i, row) in done.into_iter().flatten() {
            rows[i] = Some(row);
        }
    }
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| r.expect("every scenario has a row"))
        .collect();
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &rows {
        if let Ok(s) = &r.outcome {
            for (id, f) in s.stops.iter().zip(&s.forced) {
                let t = tally.entry(id.clone()).or_default();
                t.0 += 1;
                t.1 += usize::from(*f == Some(true));
            }
        }
    }
    let name_of = |id: &str| {
        data.candidates
            .data
            .sites
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.name.clone())
            .or_else(|| {
                file.scenarios
                    .iter()
                    .flat_map(|s| s.settings.add_candidates.iter().flatten())
                    .find(|c| c.id == id)
                    .and_then(|c| c.name.clone())
            })
    };
    let mut robustness: Vec<Robustness> = tally
        .into_iter()
        .map(|(id, (chosen_in, forced_in))| Robustness {
            name: name_of(&id),
            id,
            chosen_in,
            forced_in,
        })
        .collect();
    robustness.sort_by(|a, b| {
        (b.chosen_in, b.forced_in)
            .cmp(&(a.chosen_in, a.forced_in))
            .then(a.id.cmp(&b.id))
    });
    Batch {
        solved: rows.iter().filter(|r| r.outcome.is_ok()).count(),
        not_run: rows
            .iter()
            .filter(|r| r.outcome.as_ref().err().is_some_and(|e| e == NOT_RUN))
            .count(),
        rows,
        robustness,
    }
}

/// The row of scenario `i` that was not solved, and why.
fn unsolved(file: &ScenarioFile, i: usize, tick: &(dyn Fn() + Sync), why: String) -> (usize, Row) {
    tick();
    let row = Row {
        scenario: file.scenarios[i].clone(),
        outcome: Err(why),
    };
    (i, row)
}

/// The three candidates ranked highest under the scenario's term weights, if it sets them.
fn top_ranked(
    data: &Dataset,
    s: &Overrides,
    radius_m: f64,
    memory: crate::budget::MemoryLimit,
) -> Result<Option<Vec<String>>> {
    let Some(w) = &s.weights else {
        return Ok(None);
    };
    let params = ScoreParams {
        radius_m,
        vehicles: s.vehicles.unwrap_or(5),
        shop_distance_m: s.shop_distance_m.unwrap_or(500.0),
        weights: crate::score::TermWeights::parse(w)?,
        memory,
        ..ScoreParams::default()
    };
    let table = score(data, &params)?;
    Ok(Some(
        table
            .candidates
            .iter()
            .take(3)
            .map(|c| c.id.clone())
            .collect(),
    ))
}

fn valid_radius(r: f64) -> bool {
    r.is_finite() && r > 0.0 && r <= 1e7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::text::SourceText;
    use crate::scenario::read_scenarios;

    fn file(text: &str) -> ScenarioFile {
        let src = SourceText {
            name: "s.toml".into(),
            text: text.into(),
            encoding: "UTF-8",
        };
        read_scenarios(&src, std::path::Path::new(".")).unwrap()
    }

    #[test]
    fn rows_match_single_solves_and_bad_scenarios_keep_their_row() {
        let data = crate::io::embedded::dataset().unwrap();
        let f = file(
            "[baseline]\np = 4\n[[scenario]]\nname = \"bad id\"\nexclude = [\"nope\"]\n[[sweep]]\nname = \"r\"\nradius_m = [300.0, 800.0]\n[[scenario]]\nname = \"new site\"\nadd_candidates = [{ id = \"new\", lat = 35.35, lon = 139.40, name = \"公民館\" }]\nremove_candidates = [\"hakuhoji\"]\n",
        );
        let batch = run_batch(&f, &data, &|| {}, crate::budget::Budget::default());
        assert_eq!(batch.rows.len(), 5);
        assert!(batch.rows[1].outcome.as_ref().unwrap_err().contains("nope"));
        assert_eq!(batch.solved, 4);
        let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
        for (k, r) in [(0, 500.0), (2, 300.0), (3, 800.0)] {
            let one = solve(
                &inst,
                &SolveParams {
                    p: Some(4),
                    radius_m: r,
                    ..SolveParams::default()
                },
            )
            .unwrap();
            let got = batch.rows[k].outcome.as_ref().unwrap();
            assert_eq!(got.result.outcome.objective, one.outcome.objective);
            assert_eq!(got.result.outcome.status, Status::Optimal);
            // Forced means: excluding it loses weight; check one directly.
            for (id, f) in got.stops.iter().zip(&got.forced) {
                let without = solve(
                    &inst,
                    &SolveParams {
                        p: Some(4),
                        radius_m: r,
                        exclude: vec![id.clone()],
                        ..SolveParams::default()
                    },
                )
                .unwrap();
                let worse = without.outcome.objective < one.outcome.objective - 1e-6;
                assert_eq!(*f, Some(worse), "{id} at {r} m");
            }
        }
        let total: usize = batch.robustness.iter().map(|r| r.chosen_in).sum();
        assert_eq!(total, 4 * 4, "four stops in each of four solved scenarios");
    }
}
