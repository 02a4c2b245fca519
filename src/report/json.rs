//! JSON and GeoJSON: the same facts as the table, for scripts and for QGIS.

use super::buyers::interval_json;
use super::flat::{cells, extra_names, Cell, COLUMNS};
use super::labels::Lang;
use crate::model::number::round;
use crate::score::{CandidateScore, ScoreTable, Summary, Term};
use serde_json::{json, Map, Value};

/// The score formula in words, shown in every output's summary.
pub const SCORE_FORMULA: &str = "score = 100 × Σ w_t · x_t / max_t / Σ w_t over the terms used; x_t is the site's value of term t (reach: demand weight within the radius; far: aged 65+ within the radius living at least the shop distance from every shop; need: potential users, aged 65+ within the radius × would-use share), max_t the best value of any site";

fn opt(x: Option<f64>, digits: i32) -> Value {
    x.map(|v| json!(round(v, digits))).unwrap_or(Value::Null)
}

/// The summary object shared by JSON and GeoJSON; `cost_matrix` (its file and unit) only
/// when reach came from one, so a straight-line summary keeps its keys.
pub fn summary_json(s: &Summary, lang: Lang) -> Value {
    let mut v = summary_fields(s, lang);
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    match (&s.streets, &s.cost_matrix) {
        (Some(file), _) => {
            obj.insert(
                "distances".into(),
                json!({"kind": "streets", "file": file, "credit": crate::network::CREDIT}),
            );
        }
        (None, Some((file, unit))) => {
            obj.insert(
                "cost_matrix".into(),
                json!({"file": file, "unit": unit.column()}),
            );
        }
        (None, None) => {}
    }
    v
}

fn summary_fields(s: &Summary, lang: Lang) -> Value {
    let sources: Map<String, Value> = s
        .sources
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect();
    json!({
        "tool": {"name": "mobile-stops", "version": env!("CARGO_PKG_VERSION")},
        "data": s.data,
        "sources": sources,
        "demand_points": s.demand_points,
        "total_population": opt(s.total_population, 2),
        "total_65_plus": opt(s.total_65_plus, 2),
        "total_weight": round(s.total_weight, 2),
        "weight_column": s.weight_column,
        "candidates": s.candidates,
        "eligible_candidates": s.eligible,
        "radius_m": s.radius_m,
        "vehicles": s.vehicles,
        "shop_distance_m": s.shop_distance_m,
        "space_rule": s.space,
        "weights": s.weights,
        "terms_used": s.terms_used.iter().map(|t| t.key()).collect::<Vec<_>>(),
        "terms_dropped": s.terms_dropped.iter().map(|d| json!({
            "term": d.term.key(),
            "reason": lang.text(&d.reason),
            "hint": d.planner,
        })).collect::<Vec<_>>(),
        "score_formula": SCORE_FORMULA,
        "buyers_model": s.survey.map(|_| super::buyers::assumptions_json(&s.buyers)),
        "survey": s.survey.map(|v| json!({
            "places": v.places,
            "respondents": v.respondents,
            "would_use": v.would_use,
            "overall_rate": round(v.overall_rate, 4),
            "prior_answers": v.prior_answers,
        })),
        "stores": s.stores,
        "mesh": s.mesh.map(|m| json!({
            "published_cells": m.published_cells,
            "merge_targets": m.merge_targets,
            "suppressed_cells": m.suppressed_cells,
        })),
        "notes": s.notes.iter().map(|n| lang.text(n)).collect::<Vec<_>>(),
    })
}

fn candidate_json(table: &ScoreTable, c: &CandidateScore) -> Value {
    // A site outside the data has no measured reach: null, never 0.
    let m = |v: f64| c.measurable.then_some(v);
    let parts: Map<String, Value> = c
        .score_parts
        .iter()
        .map(|(t, v): &(Term, f64)| (t.key().to_string(), json!(round(*v, 2))))
        .collect();
    let mut v = candidate_fields(table, c, &parts);
    // Only with streets: a straight-line ranking keeps its keys.
    if let (Some(w), Some(obj)) = (c.straight_reach_weight, v.as_object_mut()) {
        obj.insert("straight_reach_weight".into(), json!(opt(m(w), 2)));
    }
    v
}

fn candidate_fields(table: &ScoreTable, c: &CandidateScore, parts: &Map<String, Value>) -> Value {
    let m = |v: f64| c.measurable.then_some(v);
    let extra: Map<String, Value> = table
        .summary
        .extra_columns
        .iter()
        .zip(&c.extra)
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "lat": c.location.lat,
        "lon": c.location.lon,
        "rank": c.rank,
        "score": opt(m(c.score), 2),
        "score_parts": parts,
        "eligible": c.eligible,
        "reach_points": c.reach_points,
        "reach_weight": opt(m(c.reach_weight), 2),
        "measurable": c.measurable,
        "reach_population": opt(c.reach_population.and_then(m), 2),
        "reach_65_plus": opt(c.reach_65_plus.and_then(m), 2),
        "far_from_shop_65_plus": opt(c.far_from_shop_65_plus.and_then(m), 2),
        "need": c.need.map(|n| json!({
            "rate": round(n.rate, 4),
            "low": round(n.low, 4),
            "high": round(n.high, 4),
            "respondents": n.respondents,
            "would_use": n.would_use,
        })),
        "potential_users": interval_json(c.potential_users.as_ref().filter(|_| c.measurable), 2),
        "buyers_per_visit": c.buyers.filter(|_| c.measurable).map(|b| json!({
            "estimate": round(b.per_visit.estimate, 2),
            "low": round(b.per_visit.low, 2),
            "high": round(b.per_visit.high, 2),
            "purchases_per_week": table.summary.buyers.purchases_per_week,
            "visits_per_week": b.visits_per_week,
            "capacity_per_visit": b.capacity,
            "over_capacity": b.over_capacity(),
        })),
        "space": {
            "status": c.space.status.code(),
            "vehicles_fit": c.space.vehicles_fit,
            "basis": c.space.basis.code(),
        },
        "flags": c.flags.iter().map(|f| f.code()).collect::<Vec<_>>(),
        "note": c.note,
        "extra": extra,
    })
}

/// `{"summary": …, "candidates": […]}` in rank order.
pub fn rank_json(table: &ScoreTable, lang: Lang) -> Value {
    json!({
        "summary": summary_json(&table.summary, lang),
        "candidates": table.candidates.iter().map(|c| candidate_json(table, c)).collect::<Vec<_>>(),
    })
}

/// A FeatureCollection of candidate points with flat properties (QGIS reads nested objects
/// poorly); the summary rides along as a foreign member.
pub fn rank_geojson(table: &ScoreTable, lang: Lang) -> Value {
    let standard: Vec<&str> = COLUMNS.iter().map(|(en, _)| *en).collect();
    let extra = extra_names(table, &standard, str::to_string);
    let names: Vec<&str> = standard
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
        .collect();
    let features: Vec<Value> = table
        .candidates
        .iter()
        .map(|c| {
            let props: Map<String, Value> = names
                .iter()
                .zip(cells(table, c))
                .map(|(k, cell)| {
                    let v = match cell {
                        Cell::Num(x) => x.map(|v| json!(v)).unwrap_or(Value::Null),
                        Cell::Text(t) => json!(t),
                        Cell::Bool(b) => json!(b),
                    };
                    (k.to_string(), v)
                })
                .collect();
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [c.location.lon, c.location.lat]},
                "properties": props,
            })
        })
        .collect();
    json!({
        "type": "FeatureCollection",
        "features": features,
        "mobile_stops_summary": summary_json(&table.summary, lang),
    })
}
