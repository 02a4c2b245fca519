//! The plan as JSON (rules, totals, runs and timetable) and as GeoJSON for QGIS (stops, the
//! depot, and each run as a line).

use super::info::RouteInfo;
use super::timetable::{same_time, timetable_order, totals};
use super::weekday::{weekday_name, weekday_short};
use crate::model::number::round;
use crate::report::labels::Lang;
use crate::route::clock::{clock, published, published_range};
use crate::route::{Place, RouteProblem, Run, TravelSource, WeekPlan, WEEKDAYS};
use serde_json::{json, Value};

fn place_json(p: &Place) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "lat": p.location.map(|l| l.lat),
        "lon": p.location.map(|l| l.lon),
    })
}

fn travel_json(p: &RouteProblem) -> Value {
    match &p.travel.source {
        TravelSource::Straight { speed_kmh, detour } => json!({
            "kind": "straight_line",
            "speed_kmh": speed_kmh,
            "detour": detour,
        }),
        TravelSource::Matrix { file } => json!({"kind": "matrix", "file": file}),
        TravelSource::Network {
            file,
            snap_max_m,
            leg_kmh,
        } => json!({
            "kind": "network",
            "file": file,
            "profile": "drive",
            "speeds": "maxspeed, else the per-class defaults",
            "snap_max_m": snap_max_m,
            "leg_kmh": leg_kmh,
            "credit": format!("{} (ODbL)", crate::network::CREDIT),
        }),
    }
}

fn rules_json(p: &RouteProblem) -> Value {
    let r = &p.rules;
    json!({
        "days": r.days.iter().map(|&d| WEEKDAYS[d as usize].0).collect::<Vec<_>>(),
        "window": format!("{}-{}", clock(r.window_start), clock(r.window_end)),
        "service_min": r.service_min,
        "trucks": r.trucks,
        "max_stops_per_day": r.max_stops_per_day,
        "week": crate::param::Choice::name(r.shape),
        "travel": travel_json(p),
    })
}

/// The JSON plan: rules, totals, one entry per run, and the per-stop timetable.
pub fn route_json(p: &RouteProblem, plan: &WeekPlan, info: &RouteInfo, lang: Lang) -> Value {
    let t = totals(p, plan);
    let days: Vec<Value> = plan.runs.iter().map(|run| day_json(p, run, lang)).collect();
    let timetable = timetable_json(p, plan);
    json!({
        "status": "planned",
        "data": info.data,
        "stops_from": info.stops_from.en,
        "depot": place_json(&p.depot),
        "rules": rules_json(p),
        "totals": {
            "stops": p.stops.len(),
            "visits": t.visits,
            "drive_min": round(t.drive_min, 1),
            "km": t.km.map(|k| round(k, 2)),
            "service_min": round(t.service_min, 1),
            "on_road_hours": round(t.on_road_min / 60.0, 2),
            "longest_day_min": round(t.longest_min, 1),
            "shortest_day_min": round(t.shortest_min, 1),
        },
        "days": days,
        "timetable": timetable,
    })
}

/// One run: the day, the truck, leave and return, and each visit with the drive to it.
fn day_json(p: &RouteProblem, run: &Run, lang: Lang) -> Value {
    let mut at = 0;
    let stops: Vec<Value> = run
        .visits
        .iter()
        .enumerate()
        .map(|(k, v)| {
            let leg = p.travel.minutes.get(at, v.stop + 1);
            at = v.stop + 1;
            let s = &p.stops[v.stop];
            json!({
                "order": k + 1,
                "id": s.id,
                "name": s.name,
                "arrive": clock(v.arrive),
                "depart": clock(v.depart),
                "published_arrive": clock(published(v.arrive, v.depart).0),
                "published_depart": clock(published(v.arrive, v.depart).1),
                "drive_min": round(leg, 1),
            })
        })
        .collect();
    json!({
        "day": WEEKDAYS[run.day as usize].0,
        "day_name": weekday_name(run.day, lang),
        "truck": run.truck + 1,
        "leave": clock(p.rules.window_start),
        "return": if run.visits.is_empty() { Value::Null } else { json!(clock(run.return_at)) },
        "drive_min": round(run.drive_min, 1),
        "km": p.run_km(run).map(|k| round(k, 2)),
        "wait_min": round(run.wait_min, 1),
        "idle_min": round(run.idle_min, 1),
        "stops": stops,
    })
}

/// The residents' view: each stop's days and time, in timetable order.
fn timetable_json(p: &RouteProblem, plan: &WeekPlan) -> Vec<Value> {
    let by_stop = plan.by_stop(p.stops.len());
    timetable_order(p, &by_stop)
        .into_iter()
        .map(|i| {
            let s = &p.stops[i];
            let v = &by_stop[i];
            json!({
                "id": s.id,
                "name": s.name,
                "lat": s.location.map(|l| l.lat),
                "lon": s.location.map(|l| l.lon),
                "visits_per_week": p.visits[i],
                "days": v.iter().map(|x| WEEKDAYS[x.day as usize].0).collect::<Vec<_>>(),
                "published_arrive": v.first().map(|x| clock(published(x.arrive, x.depart).0)),
                "published_depart": v.first().map(|x| clock(published(x.arrive, x.depart).1)),
                "same_time_every_visit": same_time(v),
                "visits": v.iter().map(|x| json!({
                    "day": WEEKDAYS[x.day as usize].0,
                    "truck": x.truck + 1,
                    "arrive": clock(x.arrive),
                    "depart": clock(x.depart),
                    "published_arrive": clock(published(x.arrive, x.depart).0),
                    "published_depart": clock(published(x.arrive, x.depart).1),
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// Stops as points, the depot, and each run as a line (straight segments between stops).
/// `None` when a place has no position.
pub fn route_geojson(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    lang: Lang,
) -> Option<Value> {
    let pos = |i: usize| p.place(i).location.map(|l| json!([l.lon, l.lat]));
    let mut features = vec![json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": pos(0)?},
        "properties": {"role": "depot", "id": p.depot.id, "name": p.depot.name},
    })];
    let by_stop = plan.by_stop(p.stops.len());
    for i in timetable_order(p, &by_stop) {
        let s = &p.stops[i];
        let v = &by_stop[i];
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": pos(i + 1)?},
            "properties": {
                "role": "stop",
                "id": s.id,
                "name": s.name,
                "visits_per_week": p.visits[i],
                "days": v.iter().map(|x| weekday_short(x.day, lang)).collect::<Vec<_>>().join(", "),
                "published_time": v.first().map(|x| published_range(x.arrive, x.depart)),
            },
        }));
    }
    for run in plan.runs.iter().filter(|r| !r.visits.is_empty()) {
        let coords: Option<Vec<Value>> = p.legs(run).into_iter().map(pos).collect();
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords?},
            "properties": {
                "role": "run",
                "day": weekday_short(run.day, lang),
                "truck": run.truck + 1,
                "stops": run.visits.len(),
                "drive_min": round(run.drive_min, 1),
                "km": p.run_km(run).map(|k| round(k, 2)),
                "return": clock(run.return_at),
            },
        }));
    }
    let mut summary = route_json(p, plan, info, lang);
    if let Some(obj) = summary.as_object_mut() {
        obj.remove("days");
        obj.remove("timetable");
    }
    Some(json!({
        "type": "FeatureCollection",
        "features": features,
        "mobile_stops_route": summary,
    }))
}
