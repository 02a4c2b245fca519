//! A generated week as JSON, as `benches/ortools_week.py` reads it: the travel matrix in
//! minutes (place 0 is the first truck's depot, then the stops, then the other depots), each
//! stop's rules, each truck, the break, and the planner's own week and figures, so the script
//! can check both weeks by one set of rules and print them side by side.

use super::Figures;
use mobile_stops::route::{RouteProblem, WeekPlan};
use serde_json::{json, Value};

/// The instance and the planner's answer.
pub fn instance(seed: u64, p: &RouteProblem, plan: &WeekPlan, f: &Figures) -> Value {
    let n = p.travel.minutes.len();
    let minutes: Vec<Vec<f64>> = (0..n)
        .map(|a| (0..n).map(|b| p.travel.minutes.get(a, b)).collect())
        .collect();
    let stops: Vec<Value> = p
        .stops
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let r = p.stop_rules.get(i).cloned().unwrap_or_default();
            json!({
                "id": s.id,
                "place": i + 1,
                "visits": p.visits[i],
                "service_min": r.service_min.unwrap_or(p.rules.service_min),
                "windows": r.windows.iter().map(|w| [w.0, w.1]).collect::<Vec<_>>(),
                "days": (0..7u8).filter(|&d| r.allows(d) && p.rules.days.contains(&d))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    let trucks: Vec<Value> = p
        .rules
        .fleet_from(0)
        .iter()
        .map(|k| {
            json!({
                "id": k.id,
                "depot": k.depot,
                "window": [k.window_start, k.window_end],
                "days": k.days,
                "max_stops_per_day": k.max_stops_per_day,
                "break": k.brk.map(|b| json!({"from": b.from, "to": b.to, "minutes": b.minutes})),
            })
        })
        .collect();
    json!({
        "name": format!("week-{seed}"),
        "seed": seed,
        "days": p.rules.days,
        "minutes": minutes,
        "stops": stops,
        "trucks": trucks,
        "ours": {
            "drive_min": f.drive_min,
            "truck_days": f.truck_days,
            "trucks": f.trucks,
            "seconds": f.seconds,
            "runs": runs(plan),
        },
    })
}

/// The planner's runs that leave, in the script's terms (stop indices from 0).
fn runs(plan: &WeekPlan) -> Vec<Value> {
    plan.runs
        .iter()
        .filter(|r| !r.visits.is_empty())
        .map(|r| {
            json!({
                "truck": r.truck,
                "day": r.day,
                "leave": r.leave,
                "return": r.return_at,
                "visits": r.visits.iter().map(|v| json!([v.stop, v.arrive, v.depart]))
                    .collect::<Vec<_>>(),
                "breaks": r.breaks.iter().map(|b| [b.0, b.1]).collect::<Vec<_>>(),
            })
        })
        .collect()
}
