//! The solve as JSON (the fields of the issue first, then the detail) and as GeoJSON points.

use super::order::{id_order, ordered, sorted_ids};
use super::words::{mean_distance, proof_words};
use crate::model::number::round;
use crate::report::labels::Lang;
use crate::report::stop_warnings::warnings_json;
use crate::solve::{solve_warnings, Instance, SolveResult};
use serde_json::{json, Value};

/// Run facts that are not part of the result itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunInfo {
    /// Worker threads used.
    pub threads: usize,
}

/// A rounded number, or `null` for an infinite one (JSON has no infinity).
fn finite(x: f64, digits: i32) -> Value {
    if x.is_finite() {
        json!(round(x, digits))
    } else {
        Value::Null
    }
}

/// The JSON result: the fields of the issue first, then the detail.
pub fn solve_json(inst: &Instance, res: &SolveResult, info: RunInfo, lang: Lang) -> Value {
    let mut v = solve_fields(inst, res, info, lang);
    // Only when a chosen stop adds nothing, so every other result keeps its keys.
    let warnings = solve_warnings(inst, res);
    if let (false, Some(obj)) = (warnings.is_empty(), v.as_object_mut()) {
        let id = |k: usize| inst.sites[res.stops[k].site].id.clone();
        obj.insert("warnings".into(), warnings_json(&warnings, &id));
    }
    // Only with a cost matrix, so a straight-line result keeps its keys.
    if let (Some(costs), Some(obj)) = (inst.costs(), v.as_object_mut()) {
        obj.insert("cost_matrix".into(), json!({"unit": costs.unit().column()}));
        if let Some((file, hills)) = &inst.streets {
            obj.insert(
                "distances".into(),
                json!({
                    "kind": "streets",
                    "file": file,
                    "hills": hills,
                    "credit": crate::network::CREDIT,
                }),
            );
        }
    }
    v
}

fn solve_fields(inst: &Instance, res: &SolveResult, info: RunInfo, lang: Lang) -> Value {
    let o = &res.outcome;
    let stops: Vec<Value> = res
        .stops
        .iter()
        .map(|s| {
            let site = &inst.sites[s.site];
            json!({
                "id": site.id,
                "name": site.name,
                "kind": site.kind,
                "lat": site.location.map(|l| l.lat),
                "lon": site.location.map(|l| l.lon),
                "required": s.required,
                "assigned_weight": round(s.assigned_weight, 3),
                "assigned_points": s.assigned_points,
                "unique_coverage": round(s.unique_coverage, 3),
                "reach_weight": round(s.reach_weight, 3),
                "reach_population": s.reach_population.map(|v| round(v, 2)),
                "reach_65_plus": s.reach_65_plus.map(|v| round(v, 2)),
                "max_distance": round(s.max_distance, 1),
                "space": site.space.map(|sp| json!({
                    "status": sp.status.code(),
                    "vehicles_fit": sp.vehicles_fit,
                })),
                "capacity": site.capacity,
            })
        })
        .collect();
    let mut detail = res.stops.clone();
    detail.sort_by(|a, b| id_order(&inst.sites[a.site].id, &inst.sites[b.site].id));
    json!({
        "model": res.params.model.name(),
        "status": o.status,
        "objective": finite(o.objective, 6),
        "bound": finite(o.bound, 6),
        "gap": if o.objective.is_finite() && o.bound.is_finite() { json!(round(o.gap(), 8)) } else { Value::Null },
        "stops": sorted_ids(inst, res),
        "covered_weight": round(res.covered_weight, 3),
        "total_weight": round(res.total_weight, 3),
        "seconds": round(res.seconds, 3),
        "threads": info.threads,
        "seed": res.params.seed,
        "proven": proof_words(res, lang),
        "mean_distance": mean_distance(res).map(|v| round(v, 3)),
        "p": res.p,
        "radius_m": res.params.radius_m,
        "weight_column": inst.weight_column,
        "capacitated": res.params.capacitated,
        "method": res.params.method,
        "data": inst.label,
        "demand_points": inst.points(),
        "candidates": inst.sites.len(),
        "nodes": o.nodes,
        "note": o.note,
        "unreachable_points": res.unreachable_points,
        "unreachable_weight": round(res.unreachable_weight, 3),
        "unreachable_point_ids": res.unreachable.iter().map(|&i| &inst.point_ids[i]).collect::<Vec<_>>(),
        "required": res.params.require.iter().map(|s| s.trim()).collect::<Vec<_>>(),
        "excluded": res.exclusions.iter().map(|e| json!({
            "id": inst.sites[e.site].id,
            "reason": e.reason,
            "detail": e.detail,
        })).collect::<Vec<_>>(),
        "stop_detail": stops,
        "notes": inst.notes.iter().map(|n| lang.text(n)).collect::<Vec<_>>(),
        "tool": {"name": "mobile-stops", "version": env!("CARGO_PKG_VERSION")},
    })
}

/// Chosen stops as GeoJSON points with the result as a foreign member.
pub fn solve_geojson(
    inst: &Instance,
    res: &SolveResult,
    info: RunInfo,
    lang: Lang,
) -> Option<Value> {
    let mut features = Vec::new();
    for s in ordered(inst, res) {
        let site = &inst.sites[s.site];
        let loc = site.location?;
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": {
                "id": site.id,
                "name": site.name,
                "kind": site.kind,
                "required": s.required,
                "assigned_weight": round(s.assigned_weight, 3),
                "unique_coverage": round(s.unique_coverage, 3),
                "reach_weight": round(s.reach_weight, 3),
                "reach_population": s.reach_population.map(|v| round(v, 2)),
                "reach_65_plus": s.reach_65_plus.map(|v| round(v, 2)),
            },
        }));
    }
    if inst.sites.iter().any(|s| s.location.is_none()) {
        return None;
    }
    let mut summary = solve_json(inst, res, info, lang);
    if let Some(obj) = summary.as_object_mut() {
        obj.remove("stop_detail");
    }
    Some(json!({
        "type": "FeatureCollection",
        "features": features,
        "mobile_stops_solve": summary,
    }))
}
