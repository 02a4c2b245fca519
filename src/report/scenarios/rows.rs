//! One flat record per scenario, the same keys in the same order in every row and every format
//! (JSON keys, CSV headers, GeoJSON properties): who the scenario is, every setting it ran
//! with (resolved against the baseline and the defaults), and what it achieved.
//!
//! A script reads `p` and `radius_m` from their own columns instead of parsing the name, and
//! the order of the name's `key=value` parts no longer matters.

use super::change;
use super::stream::{pretty_bytes, Record, Stream};
use crate::defaults::{SHOP_DISTANCE_M, VEHICLES};
use crate::model::number::round;
use crate::param::Choice;
use crate::scenario::{Batch, Robustness, Row, RowOutcome};
use crate::solve::SolveParams;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::{json, Value};

/// The keys of a row, in order. `scenario` to `remove_candidates` name the scenario and its
/// settings ([`PARAMETERS`] of them); the rest are its results, null when it was not solved.
pub const ROW_KEYS: [&str; 45] = [
    "scenario",
    "sweep",
    "name",
    "line",
    "status",
    "not_run_reason",
    "model",
    "p",
    "radius_m",
    "objective_weight",
    "require",
    "exclude",
    "capacity",
    "min_weight_per_stop",
    "allow_no_space",
    "vehicles",
    "shop_distance_m",
    "time_limit_s",
    "seed",
    "method",
    "surveys",
    "survey_scale",
    "weights",
    "add_candidates",
    "remove_candidates",
    "objective",
    "bound",
    "gap",
    "total_weight",
    "covered_weight",
    "covered_share",
    "people_reached",
    "aged_65_plus_reached",
    "potential_users",
    "potential_users_low",
    "potential_users_high",
    "stops",
    "forced",
    "added",
    "dropped",
    "people_change",
    "aged_65_plus_change",
    "top_ranked",
    "error",
    "note",
];

/// How many of [`ROW_KEYS`] name the scenario and its settings (the GeoJSON properties).
pub const PARAMETERS: usize = 25;

/// The values of one row, in [`ROW_KEYS`] order.
pub fn row_values(b: &Batch, file: &str, r: &Row) -> Vec<Value> {
    let mut v = settings(r);
    v.extend(results(b, file, r));
    debug_assert_eq!(v.len(), ROW_KEYS.len());
    v
}

/// Who the scenario is and every setting, each resolved: the file's value, else the baseline's,
/// else the default the command line uses (`null` where "unset" is itself the setting: no `p`
/// for set covering, no capacity, no minimum weight, no time limit, no ranking weights).
fn settings(r: &Row) -> Vec<Value> {
    let sc = &r.scenario;
    let s = &sc.settings;
    let d = SolveParams::default();
    let status = match &r.outcome {
        RowOutcome::Solved(x) => json!(x.result.outcome.status),
        RowOutcome::Failed(_) => json!("error"),
        RowOutcome::NotRun(_) => json!("not_run"),
    };
    let not_run_reason = match &r.outcome {
        RowOutcome::NotRun(why) => json!(why.code()),
        _ => Value::Null,
    };
    // The column the data resolved, once solved; before that, what the file asked for.
    let objective_weight = match r.outcome.solved() {
        Some(x) => json!(x.weight_column),
        None => json!(s.objective_weight),
    };
    let ids = |l: &Option<Vec<String>>| json!(l.clone().unwrap_or_default());
    let added: Vec<&str> = s
        .add_candidates
        .iter()
        .flatten()
        .map(|c| c.id.as_str())
        .collect();
    vec![
        json!(sc.id),
        json!(sc.sweep),
        json!(sc.name),
        json!(sc.line),
        status,
        not_run_reason,
        json!(s.model.unwrap_or(d.model).name()),
        json!(s.p),
        json!(s.radius_m.unwrap_or(d.radius_m)),
        objective_weight,
        ids(&s.require),
        ids(&s.exclude),
        json!(s.capacity),
        json!(s.min_weight_per_stop),
        json!(s.allow_no_space.unwrap_or(d.allow_no_space)),
        json!(s.vehicles.unwrap_or(VEHICLES)),
        json!(s.shop_distance_m.unwrap_or(SHOP_DISTANCE_M)),
        json!(s.time_limit_s),
        json!(s.seed.unwrap_or(d.seed)),
        json!(s.method.unwrap_or(d.method).name()),
        json!(s.surveys.unwrap_or(true)),
        json!(s.survey_scale.unwrap_or(1.0)),
        json!(s.weights),
        json!(added),
        ids(&s.remove_candidates),
    ]
}

/// What the scenario achieved (nulls when it was not solved), then why not.
fn results(b: &Batch, file: &str, r: &Row) -> Vec<Value> {
    let unsolved = ROW_KEYS.len() - PARAMETERS - 2;
    let mut v = match r.outcome.solved() {
        None => vec![Value::Null; unsolved],
        Some(s) => {
            let o = &s.result.outcome;
            let (covered, total) = (s.result.covered_weight, s.result.total_weight);
            let opt = |x: Option<f64>, d| x.map_or(Value::Null, |x| json!(round(x, d)));
            let users =
                |f: fn(&crate::score::Interval) -> f64| opt(s.potential_users.as_ref().map(f), 1);
            let base = b.rows.first().and_then(|r| r.outcome.solved());
            let (added, dropped, people_change, aged_change) = change(b, s);
            let vs_base = |l: Vec<String>| base.map_or(Value::Null, |_| json!(l));
            vec![
                json!(round(o.objective, 6)),
                opt(Some(o.bound).filter(|x| x.is_finite()), 6),
                json!(round(o.gap(), 6)),
                json!(round(total, 3)),
                json!(round(covered, 3)),
                opt((total > 0.0).then(|| covered / total), 6),
                opt(s.people_reached, 2),
                opt(s.aged_reached, 2),
                users(|i| i.estimate),
                users(|i| i.low),
                users(|i| i.high),
                json!(s.stops),
                json!(s.forced),
                vs_base(added),
                vs_base(dropped),
                opt(people_change, 2),
                opt(aged_change, 2),
                json!(s.top_ranked),
            ]
        }
    };
    let (error, note) = match &r.outcome {
        RowOutcome::Failed(e) => (
            json!(format!("{file}:{}: {e}", r.scenario.line)),
            Value::Null,
        ),
        RowOutcome::NotRun(why) => (Value::Null, json!(why.note())),
        RowOutcome::Solved(_) => (Value::Null, Value::Null),
    };
    v.extend([error, note]);
    v
}

/// The keys of a robustness record, in order.
pub const ROBUSTNESS_KEYS: [&str; 9] = [
    "rank",
    "candidate",
    "name",
    "share",
    "chosen_in",
    "free_in",
    "forced_in",
    "required_in",
    "excluded_in",
];

/// A candidate's robustness, `rank` counting from 1 in the batch's order.
pub fn robustness_values(rank: usize, r: &Robustness) -> Vec<Value> {
    vec![
        json!(rank),
        json!(r.id),
        json!(r.name),
        r.share().map_or(Value::Null, |s| json!(round(s, 6))),
        json!(r.chosen_in),
        json!(r.free_in),
        json!(r.forced_in),
        json!(r.required_in),
        json!(r.excluded_in),
    ]
}

/// Every candidate's robustness as records, in the batch's order.
pub fn robustness_records(b: &Batch) -> impl Iterator<Item = Record<'static>> + '_ {
    b.robustness.iter().enumerate().map(|(k, r)| Record {
        keys: &ROBUSTNESS_KEYS,
        values: robustness_values(k + 1, r),
    })
}

/// The JSON batch: counts, every row, and the robustness of every candidate, written one row
/// at a time (see [`pretty_bytes`]).
struct BatchJson<'a> {
    b: &'a Batch,
    file: &'a str,
    /// Where distances came from, when not the straight line (see [`distances_json`]).
    distances: Option<Value>,
}

/// Where a run's distances came from, when not the straight line: the streets of an extract
/// (`--network`, as every result describes them) or a cost matrix file with its notes, so a
/// batch says what it measured.
pub fn distances_json(data: &crate::model::Dataset) -> Option<Value> {
    if let Some(streets) = crate::report::streets_json::distances_json(data) {
        return Some(streets);
    }
    let costs = data.costs.as_ref()?;
    let notes: Vec<&str> = costs.notes.iter().map(|n| n.en.as_str()).collect();
    Some(serde_json::json!({
        "kind": "cost_matrix",
        "file": costs.source,
        "unit": costs.data.unit.column(),
        "notes": notes,
    }))
}

impl Serialize for BatchJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (b, file) = (self.b, self.file);
        let rows = b.rows.iter().map(|r| Record {
            keys: &ROW_KEYS,
            values: row_values(b, file, r),
        });
        let mut map = s.serialize_map(Some(8 + usize::from(self.distances.is_some())))?;
        map.serialize_entry("file", file)?;
        if let Some(d) = &self.distances {
            map.serialize_entry("distances", d)?;
        }
        map.serialize_entry("scenarios", &b.rows.len())?;
        map.serialize_entry("solved", &b.solved)?;
        map.serialize_entry("failed", &(b.rows.len() - b.solved - b.not_run))?;
        map.serialize_entry("not_run", &b.not_run)?;
        map.serialize_entry("interrupted", &b.interrupted())?;
        map.serialize_entry("rows", &Stream::new(rows))?;
        map.serialize_entry("robustness", &Stream::new(robustness_records(b)))?;
        map.end()
    }
}

/// The JSON batch as a value (for a library caller; the command writes [`scenarios_json_bytes`]).
pub fn scenarios_json(b: &Batch, file: &str, data: &crate::model::Dataset) -> Value {
    let distances = distances_json(data);
    serde_json::to_value(BatchJson { b, file, distances }).expect("JSON values always serialise")
}

/// The JSON batch as the file's bytes, without building the whole tree first.
pub fn scenarios_json_bytes(b: &Batch, file: &str, data: &crate::model::Dataset) -> Vec<u8> {
    let distances = distances_json(data);
    pretty_bytes(&BatchJson { b, file, distances })
}
