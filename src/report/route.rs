//! Writers for the weekly plan: each day's run as a driver reads it, each stop's weekday and
//! time as a resident reads it, and totals a council can cost.

use super::csv::neutralise;
use super::ics::route_ics;
use super::table::{aligned, printable};
use super::{pretty, round, Lang, RouteFormat};
use crate::route::week::{clock, hm};
use crate::route::{Place, RouteProblem, Run, StopVisit, TravelSource, WeekPlan, WEEKDAYS};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Facts about the run that are not part of the plan itself.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteInfo {
    /// Where the stops came from ("stops.json", "solve mclp p=8: optimal (proven)").
    pub stops_from: String,
    /// Where the data came from (the dataset label).
    pub data: String,
    /// The first day the calendar (`ics`) may show a visit.
    pub calendar_start: NaiveDate,
}

/// Renders the plan in the chosen format; `None` when the format needs positions the places
/// lack (GeoJSON).
pub fn render_route(
    p: &RouteProblem,
    plan: &WeekPlan,
    info: &RouteInfo,
    format: RouteFormat,
    lang: Lang,
) -> Option<Vec<u8>> {
    Some(match format {
        RouteFormat::Table => route_table(p, plan, info, lang).into_bytes(),
        RouteFormat::Csv => route_csv(p, plan, lang),
        RouteFormat::Json => pretty(&route_json(p, plan, info, lang)),
        RouteFormat::Geojson => pretty(&route_geojson(p, plan, info, lang)?),
        RouteFormat::Ics => route_ics(p, plan, info.calendar_start, lang).into_bytes(),
    })
}

/// A weekday as people read it: "Tuesday" / "火曜日".
pub fn weekday_name(day: u8, lang: Lang) -> String {
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    match lang {
        Lang::En => EN[day as usize].to_string(),
        Lang::Ja => format!("{}曜日", WEEKDAYS[day as usize].1),
    }
}

/// A short weekday: "Tue" / "火".
pub fn weekday_short(day: u8, lang: Lang) -> String {
    match lang {
        Lang::En => weekday_name(day, lang)[..3].to_string(),
        Lang::Ja => WEEKDAYS[day as usize].1.to_string(),
    }
}

/// Stop indices in the order a resident's timetable lists them: by first weekday, then time,
/// then truck, then id.
fn timetable_order(p: &RouteProblem, by_stop: &[Vec<StopVisit>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.stops.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            by_stop[i]
                .first()
                .map(|v| (v.day, v.arrive.round() as i64, v.truck))
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| p.stops[a].id.cmp(&p.stops[b].id))
    });
    order
}

/// The residents' timetable, a row per stop in timetable order: the stop's index, its days
/// ("Tue, Fri" / "火・金") and its time (one range, or each day's time when they differ).
pub(crate) fn timetable_rows(
    p: &RouteProblem,
    plan: &WeekPlan,
    lang: Lang,
) -> Vec<(usize, String, String)> {
    let by_stop = plan.by_stop(p.stops.len());
    timetable_order(p, &by_stop)
        .into_iter()
        .map(|i| {
            let v = &by_stop[i];
            let days: Vec<String> = v.iter().map(|x| weekday_short(x.day, lang)).collect();
            let time = if same_time(v) {
                v.first()
                    .map(|x| format!("{}–{}", clock(x.arrive), clock(x.depart)))
                    .unwrap_or_default()
            } else {
                v.iter()
                    .map(|x| format!("{} {}", weekday_short(x.day, lang), clock(x.arrive)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (i, days.join(lang.pick(", ", "・")), time)
        })
        .collect()
}

/// Whether every visit of a stop starts at the same minute.
fn same_time(visits: &[StopVisit]) -> bool {
    visits
        .windows(2)
        .all(|w| w[0].arrive.round() == w[1].arrive.round())
}

/// Totals over the week.
struct Totals {
    visits: usize,
    drive_min: f64,
    km: Option<f64>,
    service_min: f64,
    /// Depot to depot, summed over runs that leave the depot.
    on_road_min: f64,
    longest_min: f64,
    shortest_min: f64,
}

fn totals(p: &RouteProblem, plan: &WeekPlan) -> Totals {
    let used: Vec<&Run> = plan.runs.iter().filter(|r| !r.visits.is_empty()).collect();
    let length = |r: &Run| r.return_at - p.rules.window_start;
    Totals {
        visits: used.iter().map(|r| r.visits.len()).sum(),
        drive_min: used.iter().map(|r| r.drive_min).sum(),
        km: used.iter().map(|r| p.run_km(r)).sum(),
        service_min: used.iter().map(|r| r.visits.len() as f64).sum::<f64>() * p.rules.service_min,
        on_road_min: used.iter().map(|r| length(r)).sum(),
        longest_min: used.iter().map(|r| length(r)).fold(0.0, f64::max),
        shortest_min: if used.is_empty() {
            0.0
        } else {
            used.iter().map(|r| length(r)).fold(f64::INFINITY, f64::min)
        },
    }
}

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
        "travel": travel_json(p),
    })
}

/// The JSON plan: rules, totals, one entry per run, and the per-stop timetable.
pub fn route_json(p: &RouteProblem, plan: &WeekPlan, info: &RouteInfo, lang: Lang) -> Value {
    let t = totals(p, plan);
    let days: Vec<Value> = plan
        .runs
        .iter()
        .map(|run| {
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
        })
        .collect();
    let by_stop = plan.by_stop(p.stops.len());
    let timetable: Vec<Value> = timetable_order(p, &by_stop)
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
                "time": v.first().map(|x| clock(x.arrive)),
                "until": v.first().map(|x| clock(x.depart)),
                "same_time_every_visit": same_time(v),
                "visits": v.iter().map(|x| json!({
                    "day": WEEKDAYS[x.day as usize].0,
                    "truck": x.truck + 1,
                    "arrive": clock(x.arrive),
                    "depart": clock(x.depart),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "status": "planned",
        "data": info.data,
        "stops_from": info.stops_from,
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

/// One row per visit, for a spreadsheet.
pub fn route_csv(p: &RouteProblem, plan: &WeekPlan, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: [(&str, &str); 12] = [
        ("day", "曜日"),
        ("truck", "車両"),
        ("order", "順番"),
        ("id", "ID"),
        ("name", "名称"),
        ("arrive", "到着"),
        ("depart", "出発"),
        ("drive_min", "運転分"),
        ("visits_per_week", "週の回数"),
        ("lat", "緯度"),
        ("lon", "経度"),
        ("return", "帰着"),
    ];
    w.write_record(header.iter().map(|(en, ja)| lang.pick(en, ja)))
        .expect("writing to memory");
    for run in &plan.runs {
        let mut at = 0;
        for (k, v) in run.visits.iter().enumerate() {
            let s = &p.stops[v.stop];
            let leg = p.travel.minutes.get(at, v.stop + 1);
            at = v.stop + 1;
            let row = [
                weekday_short(run.day, lang),
                (run.truck + 1).to_string(),
                (k + 1).to_string(),
                neutralise(&s.id),
                neutralise(s.name.as_deref().unwrap_or("")),
                clock(v.arrive),
                clock(v.depart),
                round(leg, 1).to_string(),
                p.visits[v.stop].to_string(),
                s.location.map_or(String::new(), |l| l.lat.to_string()),
                s.location.map_or(String::new(), |l| l.lon.to_string()),
                clock(run.return_at),
            ];
            w.write_record(&row).expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
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
                "time": v.first().map(|x| format!("{}–{}", clock(x.arrive), clock(x.depart))),
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

/// The terminal view: the rules, each day's run, the residents' timetable, totals.
pub fn route_table(p: &RouteProblem, plan: &WeekPlan, info: &RouteInfo, lang: Lang) -> String {
    let l = |en, ja| lang.pick(en, ja);
    let r = &p.rules;
    let t = totals(p, plan);
    let mut out = String::new();
    let _ = writeln!(out, "mobile-stops route — {}", printable(&info.data));
    let _ = writeln!(
        out,
        "{}: {}",
        l("stops from", "停留所"),
        printable(&info.stops_from)
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l("depot", "拠点"),
        printable(&describe_place(&p.depot))
    );
    let travel = match &p.travel.source {
        TravelSource::Straight { speed_kmh, detour } => match lang {
            Lang::En => format!("straight line × {detour} at {speed_kmh} km/h"),
            Lang::Ja => format!("直線距離 × {detour}、時速 {speed_kmh} km"),
        },
        TravelSource::Matrix { file } => match lang {
            Lang::En => format!("travel-time matrix {file}"),
            Lang::Ja => format!("所要時間表 {file}"),
        },
    };
    let days: Vec<String> = r.days.iter().map(|&d| weekday_short(d, lang)).collect();
    let _ = writeln!(
        out,
        "{}: {}; {} {}–{}; {} {}; {} {}; {}",
        l("week", "週"),
        days.join(" "),
        l("window", "時間帯"),
        clock(r.window_start),
        clock(r.window_end),
        r.service_min,
        l("min a stop", "分/か所"),
        r.trucks,
        l("truck(s)", "台"),
        travel,
    );
    for run in &plan.runs {
        let mut head = weekday_name(run.day, lang);
        if r.trucks > 1 {
            let _ = write!(head, " {} {}", l("truck", "車両"), run.truck + 1);
        }
        let _ = writeln!(out);
        if run.visits.is_empty() {
            let _ = writeln!(out, "{head}: {}", l("no run", "運行なし"));
            continue;
        }
        let km = p
            .run_km(run)
            .map(|k| format!(", {:.1} km", k))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{head}: {} {} {} {}, {} {}{km}, {} {}",
            l("leave", "出発"),
            clock(r.window_start),
            l("back", "帰着"),
            clock(run.return_at),
            l("driving", "運転"),
            hm(run.drive_min),
            l("spare", "余裕"),
            hm(run.idle_min),
        );
        let rows: Vec<Vec<String>> = run
            .visits
            .iter()
            .enumerate()
            .map(|(k, v)| {
                let s = &p.stops[v.stop];
                vec![
                    format!("  {}", k + 1),
                    format!("{}–{}", clock(v.arrive), clock(v.depart)),
                    printable(s.label()),
                    printable(&s.id),
                ]
            })
            .collect();
        out.push_str(&aligned(&rows, &[0]));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        l("Timetable (the same every week)", "時刻表（毎週同じ）")
    );
    let mut rows = vec![vec![
        l("stop", "停留所").to_string(),
        l("id", "ID").to_string(),
        l("days", "曜日").to_string(),
        l("time", "時刻").to_string(),
    ]];
    for (i, days, time) in timetable_rows(p, plan, lang) {
        rows.push(vec![
            printable(p.stops[i].label()),
            printable(&p.stops[i].id),
            days,
            time,
        ]);
    }
    out.push_str(&aligned(&rows, &[]));
    let _ = writeln!(out);
    let km = t.km.map(|k| format!(", {k:.1} km")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}: {} {} / {} {}; {} {}{km}; {} {}; {} {} ({} {}, {} {})",
        l("week", "週計"),
        p.stops.len(),
        l("stops", "か所"),
        t.visits,
        l("visits", "回"),
        l("driving", "運転"),
        hm(t.drive_min),
        l("at stops", "販売"),
        hm(t.service_min),
        l("on the road", "稼働"),
        hm(t.on_road_min),
        l("longest day", "最長"),
        hm(t.longest_min),
        l("shortest", "最短"),
        hm(t.shortest_min),
    );
    out
}

fn describe_place(p: &Place) -> String {
    let mut s = p.label().to_string();
    if p.name.is_some() {
        let _ = write!(s, " ({})", p.id);
    }
    if let Some(l) = p.location {
        let _ = write!(s, " {:.5}, {:.5}", l.lat, l.lon);
    }
    s
}
