//! The plan as JSON (rules, totals, runs and timetable) and as GeoJSON for QGIS (stops, the
//! depot, and each run as a line).

use super::info::RouteInfo;
use super::runsheet::{sheet, truck_of, Next, Step};
use super::timetable::{same_time, timetable_order, totals};
use super::weekday::{weekday_name, weekday_short};
use crate::model::number::round;
use crate::report::labels::Lang;
use crate::report::stop_warnings::warnings_json;
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
        "trucks": r.truck_count(),
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
        "warnings": warnings_json(&info.warnings, &|k| p.stops[k].id.clone()),
    })
}

/// One run: the day, the truck (its number and its id), its depot and hours, leave and
/// return, each visit with the drive to it, its breaks and its waits (the minutes as the
/// table shows them, see [`runsheet`](super::runsheet)).
fn day_json(p: &RouteProblem, run: &Run, lang: Lang) -> Value {
    let mut at = run.depot;
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
    let truck = truck_of(p, run);
    let sheet = sheet(p, run);
    let steps = sheet.as_ref().map_or(&[][..], |s| &s.steps[..]);
    json!({
        "day": WEEKDAYS[run.day as usize].0,
        "day_name": weekday_name(run.day, lang),
        "truck": run.truck + 1,
        "truck_id": truck.id,
        "depot": p.depot_of(run).id,
        "window": format!("{}-{}", clock(truck.window_start), clock(truck.window_end)),
        "leave": clock(run.leave),
        "return": if run.visits.is_empty() { Value::Null } else { json!(clock(run.return_at)) },
        "drive_min": round(run.drive_min, 1),
        "km": p.run_km(run).map(|k| round(k, 2)),
        "wait_min": round(run.wait_min, 1),
        "idle_min": round(run.idle_min, 1),
        "stops": stops,
        "breaks": run.breaks.iter().map(|&(start, end)| json!({
            "start": clock(start),
            "end": clock(end),
        })).collect::<Vec<_>>(),
        "waits": steps.iter().filter_map(|s| wait_json(p, run, s)).collect::<Vec<_>>(),
    })
}

/// A wait as the table shows it: before which stop (or the break, or the drive home), from
/// and until, and its minutes.
fn wait_json(p: &RouteProblem, run: &Run, step: &Step) -> Option<Value> {
    let Step::Wait { from, to, then } = *step else {
        return None;
    };
    let (before, kind) = match then {
        Next::Stop(i) => (p.stops[i].id.as_str(), "visit"),
        Next::Break => ("", "break"),
        Next::Depot => (p.depot_of(run).id.as_str(), "depot"),
    };
    Some(json!({
        "before": if before.is_empty() { Value::Null } else { json!(before) },
        "for": kind,
        "from": clock(from as f64),
        "until": clock(to as f64),
        "minutes": to - from,
    }))
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
    // The depots of trucks that start elsewhere, after the stops in the travel matrix.
    for (k, d) in p.depots.iter().enumerate() {
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": pos(p.stops.len() + 1 + k)?},
            "properties": {"role": "depot", "id": d.id, "name": d.name},
        }));
    }
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
                "depot": p.depot_of(run).id,
                "leave": clock(run.leave),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::route::testkit::{info, random_problem};
    use crate::solve::StopWarning;

    #[test]
    fn runs_carry_their_truck_depot_hours_leave_breaks_and_waits() {
        let (mut breaks, mut waits, mut branch) = (0, 0, 0);
        for seed in 0..40 {
            let p = random_problem(seed);
            let Ok(plan) = p.plan() else { continue };
            let mut facts = info();
            facts.warnings = vec![StopWarning::SharesPlace { stop: 1, with: 0 }];
            let v = route_json(&p, &plan, &facts, Lang::En);
            assert_eq!(
                v["warnings"],
                json!([{"kind": "shares_place", "stop": "s2", "with": "s1"}])
            );
            for (day, run) in v["days"].as_array().unwrap().iter().zip(&plan.runs) {
                let truck = &p.rules.fleet[run.truck];
                assert_eq!(day["truck_id"], truck.id.as_str());
                assert_eq!(day["depot"], p.depot_of(run).id.as_str());
                let window = format!("{}-{}", clock(truck.window_start), clock(truck.window_end));
                assert_eq!(day["window"], window.as_str());
                assert_eq!(day["leave"], clock(run.leave).as_str());
                let shown: Vec<Value> = run
                    .breaks
                    .iter()
                    .map(|b| json!({"start": clock(b.0), "end": clock(b.1)}))
                    .collect();
                assert_eq!(day["breaks"], json!(shown));
                let w = day["waits"].as_array().unwrap();
                let total: i64 = w.iter().map(|x| x["minutes"].as_i64().unwrap()).sum();
                assert_eq!(total, sheet(&p, run).map_or(0, |s| s.waiting), "{day}");
                for x in w {
                    let kinds = ["visit", "break", "depot"];
                    assert!(kinds.contains(&x["for"].as_str().unwrap()), "{x}");
                    if x["for"] == "visit" {
                        let id = x["before"].as_str().unwrap();
                        assert!(run.visits.iter().any(|v| p.stops[v.stop].id == id));
                    }
                }
                breaks += run.breaks.len();
                waits += w.len();
                branch += usize::from(run.depot != 0 && !run.visits.is_empty());
            }
        }
        assert!(
            breaks > 0 && waits > 0 && branch > 0,
            "{breaks} {waits} {branch}"
        );
    }

    #[test]
    fn the_map_shows_every_depot_and_each_run_from_its_own() {
        // The first random week in which the second truck, from its own depot, goes out.
        let (p, plan) = (0..40)
            .map(random_problem)
            .find_map(|p| {
                let plan = p.plan().ok()?;
                plan.runs
                    .iter()
                    .any(|r| r.depot != 0 && !r.visits.is_empty())
                    .then_some((p, plan))
            })
            .expect("some week uses the second depot");
        let g = route_geojson(&p, &plan, &info(), Lang::En).expect("positions known");
        let features = g["features"].as_array().unwrap();
        let role = |r: &'static str| {
            features
                .iter()
                .filter(move |f| f["properties"]["role"] == r)
        };
        let depots: Vec<&Value> = role("depot").map(|f| &f["properties"]["id"]).collect();
        assert_eq!(depots, [&json!("store"), &json!("branch")]);
        let runs: Vec<&Run> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
        for (f, run) in role("run").zip(&runs) {
            let line = f["geometry"]["coordinates"].as_array().unwrap();
            let home = p.depot_of(run).location.unwrap();
            assert_eq!(line[0], json!([home.lon, home.lat]));
            assert_eq!(f["properties"]["depot"], p.depot_of(run).id.as_str());
        }
        assert_eq!(role("run").count(), runs.len());
    }
}
