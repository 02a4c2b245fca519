//! Writers for a region set's results: one row per region (its budget, what it reached, its
//! stops, or why it was not solved) and the totals, with the budget stated as the modelling
//! choice it is. JSON, CSV (the totals as a last row, region `total`) or a table in words.

use super::format::Format;
use super::table::{aligned, count};
use crate::model::number::round;
use crate::regions::table::{RegionRow, Settings};
use crate::scenario::record::RowRecord;
use serde_json::{json, Map, Value};

/// What every merged region result says about the budgets.
pub const BUDGET_NOTE: &str = "Each region has its own number of stops (p, from the region \
table): a modelling choice that gives every region its share. One number of stops for the \
whole area, placed wherever it reaches most (a global p), is a different problem, not solved \
here; a candidate near a border may be chosen by two regions.";

/// The keys of a region row, in order (CSV headers, JSON keys).
pub const REGION_KEYS: [&str; 16] = [
    "region",
    "name",
    "p",
    "points",
    "candidates",
    "status",
    "objective",
    "gap",
    "total_weight",
    "covered_weight",
    "covered_share",
    "people_reached",
    "aged_65_plus_reached",
    "stops",
    "error",
    "note",
];

/// The values of one region's row.
fn values(r: &RegionRow, rec: &RowRecord, settings: &Settings) -> Vec<Value> {
    let mut v = vec![
        json!(r.id),
        json!(r.name),
        json!(r.p),
        json!(r.points),
        json!(r.candidates),
    ];
    let nulls = |n: usize| vec![Value::Null; n];
    match rec {
        RowRecord::Solved(s) => {
            let share = (s.total_weight > 0.0).then(|| round(s.covered_weight / s.total_weight, 6));
            let gap = crate::solve::relative_gap(s.objective, s.bound);
            v.extend([
                json!(s.status),
                json!(round(s.objective, 6)),
                json!(round(gap, 6)),
                json!(round(s.total_weight, 3)),
                json!(round(s.covered_weight, 3)),
                json!(share),
                json!(s.people_reached.map(|x| round(x, 2))),
                json!(s.aged_reached.map(|x| round(x, 2))),
                json!(s.stops),
                Value::Null,
                Value::Null,
            ]);
        }
        RowRecord::Failed { message, .. } => {
            v.push(json!("error"));
            v.extend(nulls(8));
            v.extend([json!(message), Value::Null]);
        }
        RowRecord::NotRun { reason } => {
            let no_site = reason == crate::regions::NO_CANDIDATE;
            v.push(json!(if no_site { reason.as_str() } else { "not_run" }));
            v.extend(nulls(9));
            v.push(json!(if no_site {
                format!(
                    "demand but no candidate site within {} m of it: nothing to choose",
                    settings.radius_m
                )
            } else {
                format!("not run: {reason}")
            }));
        }
    }
    v
}

/// The totals over every region.
fn totals(rows: &[RegionRow], records: &[RowRecord]) -> Map<String, Value> {
    let solved: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            RowRecord::Solved(s) => Some(s),
            _ => None,
        })
        .collect();
    let status = |f: &dyn Fn(&RowRecord) -> bool| records.iter().filter(|r| f(r)).count();
    let no_site = status(
        &|r| matches!(r, RowRecord::NotRun { reason } if reason == crate::regions::NO_CANDIDATE),
    );
    let sum = |f: &dyn Fn(&crate::scenario::record::SolvedRecord) -> f64| -> f64 {
        solved.iter().map(|s| f(s)).sum()
    };
    let (total, covered) = (sum(&|s| s.total_weight), sum(&|s| s.covered_weight));
    let mut m = Map::new();
    m.insert("regions".into(), json!(rows.len()));
    m.insert("solved".into(), json!(solved.len()));
    m.insert("no_candidate".into(), json!(no_site));
    m.insert(
        "failed".into(),
        json!(status(&|r| matches!(r, RowRecord::Failed { .. }))),
    );
    m.insert("p".into(), json!(rows.iter().map(|r| r.p).sum::<usize>()));
    m.insert(
        "stops".into(),
        json!(solved.iter().map(|s| s.stops.len()).sum::<usize>()),
    );
    m.insert(
        "points".into(),
        json!(rows.iter().map(|r| r.points).sum::<usize>()),
    );
    m.insert("total_weight".into(), json!(round(total, 3)));
    m.insert("covered_weight".into(), json!(round(covered, 3)));
    m.insert(
        "covered_share".into(),
        json!((total > 0.0).then(|| round(covered / total, 6))),
    );
    m.insert(
        "people_reached".into(),
        json!(round(sum(&|s| s.people_reached.unwrap_or(0.0)), 2)),
    );
    m.insert(
        "aged_65_plus_reached".into(),
        json!(round(sum(&|s| s.aged_reached.unwrap_or(0.0)), 2)),
    );
    m
}

/// Renders the regions' results; `None` for a format regions do not have (GeoJSON).
pub fn render_regions(
    table: &str,
    settings: &Settings,
    rows: &[RegionRow],
    records: &[RowRecord],
    format: Format,
) -> Option<Vec<u8>> {
    let all: Vec<Vec<Value>> = rows
        .iter()
        .zip(records)
        .map(|(r, rec)| values(r, rec, settings))
        .collect();
    let totals = totals(rows, records);
    match format {
        Format::Json => {
            let rows: Vec<Map<String, Value>> = all
                .into_iter()
                .map(|v| REGION_KEYS.iter().map(|k| k.to_string()).zip(v).collect())
                .collect();
            let doc = json!({
                "regions_table": table,
                "by": settings.by,
                "model": settings.model,
                "radius_m": settings.radius_m,
                "budget": settings.budget,
                "budget_note": BUDGET_NOTE,
                "totals": totals,
                "rows": rows,
            });
            let mut out = serde_json::to_vec_pretty(&doc).ok()?;
            out.push(b'\n');
            Some(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(REGION_KEYS);
            let cell = |v: &Value| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(a) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            for v in &all {
                let _ = w.write_record(v.iter().map(cell));
            }
            let mut total = vec![String::new(); REGION_KEYS.len()];
            total[0] = "total".into();
            // The totals under their columns (`stops`: how many in all).
            for (k, key) in REGION_KEYS.iter().enumerate().skip(1) {
                if let Some(x) = totals.get(*key) {
                    total[k] = cell(x);
                }
            }
            let _ = w.write_record(&total);
            w.into_inner().ok()
        }
        Format::Table => Some(text(table, settings, &all, &totals).into_bytes()),
        Format::Geojson => None,
    }
}

fn text(
    table: &str,
    settings: &Settings,
    all: &[Vec<Value>],
    totals: &Map<String, Value>,
) -> String {
    let show = |v: &Value| match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), count),
        Value::Array(a) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        other => other.to_string(),
    };
    let pick = [0, 1, 2, 5, 9, 10, 12, 13, 15];
    let mut rows = vec![pick
        .iter()
        .map(|&k| REGION_KEYS[k].replace('_', " "))
        .collect::<Vec<_>>()];
    let pct = |v: &Value| {
        v.as_f64()
            .map_or(String::new(), |x| format!("{:.1} %", 100.0 * x))
    };
    let cell = |v: &Vec<Value>, k: usize| if k == 10 { pct(&v[k]) } else { show(&v[k]) };
    rows.extend(
        all.iter()
            .map(|v| pick.iter().map(|&k| cell(v, k)).collect()),
    );
    let t = |k: &str| match k {
        "covered_share" => totals.get(k).map(pct).unwrap_or_default(),
        _ => totals.get(k).map(show).unwrap_or_default(),
    };
    format!(
        "mobile-stops regions — {table} ({} regions by {}: {} solved, {} with no candidate, {} failed; {} {} m)\n\n{}\nTotal: {} stops (budgets {}), weight {} of {} reached ({}), aged 65+ reached {}\n\nBudget: {}. {}\n",
        t("regions"), settings.by, t("solved"), t("no_candidate"), t("failed"), settings.model, settings.radius_m,
        aligned(&rows, &[2, 4, 5, 6]),
        t("stops"), t("p"), t("covered_weight"), t("total_weight"), t("covered_share"), t("aged_65_plus_reached"),
        settings.budget, BUDGET_NOTE
    )
}
