//! Writers for a solve result: what was chosen, what is proven about it, and what each stop
//! does. The table says in words what was proven ("optimal", "within 0.8 % of optimal"),
//! because a council reads sentences, not gap columns.

use super::csv::neutralise;
use super::format::pretty;
use super::format::Format;
use super::labels::Lang;
use super::table::{aligned, count, printable};
use crate::model::number::round;
use crate::solve::{Instance, SolveResult, Status};
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Run facts that are not part of the result itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunInfo {
    /// Worker threads used.
    pub threads: usize,
}

/// Renders a solve result in the chosen format; `None` when the format cannot show this
/// instance (GeoJSON needs positions on the Earth).
pub fn render_solve(
    inst: &Instance,
    res: &SolveResult,
    info: RunInfo,
    format: Format,
    lang: Lang,
) -> Option<Vec<u8>> {
    Some(match format {
        Format::Table => solve_table(inst, res, lang).into_bytes(),
        Format::Csv => solve_csv(inst, res, lang),
        Format::Json => pretty(&solve_json(inst, res, info, lang)),
        Format::Geojson => pretty(&solve_geojson(inst, res, info, lang)?),
    })
}

/// Sorts ids numerically when both are whole numbers (benchmark vertices), else as text.
fn id_order(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The chosen ids, sorted.
pub fn sorted_ids(inst: &Instance, res: &SolveResult) -> Vec<String> {
    let mut ids: Vec<String> = res
        .outcome
        .open
        .iter()
        .map(|&j| inst.sites[j].id.clone())
        .collect();
    ids.sort_by(|a, b| id_order(a, b));
    ids
}

fn finite(x: f64, digits: i32) -> Value {
    if x.is_finite() {
        json!(round(x, digits))
    } else {
        Value::Null
    }
}

/// What was proven, in words.
pub fn proof_words(res: &SolveResult, lang: Lang) -> String {
    let o = &res.outcome;
    let gap = o.gap() * 100.0;
    let within = |lead_en: &str, lead_ja: &str| match lang {
        Lang::En => format!("{lead_en}within {} % of optimal", pct(gap)),
        Lang::Ja => format!("{lead_ja}最適値との差は最大 {} %", pct(gap)),
    };
    match o.status {
        Status::Optimal => lang
            .pick("optimal (proven)", "最適（証明済み）")
            .to_string(),
        Status::TimeLimit => within("stopped at the time limit: ", "時間制限で打ち切り: "),
        Status::Heuristic => within("heuristic answer: ", "近似解: "),
        Status::Infeasible => format!(
            "{}: {}",
            lang.pick("infeasible", "実行不可能"),
            o.note.as_deref().unwrap_or("")
        ),
    }
}

fn pct(x: f64) -> String {
    if x < 0.01 {
        format!("{x:.3}")
    } else if x < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

/// The JSON result: the fields of the issue first, then the detail.
pub fn solve_json(inst: &Instance, res: &SolveResult, info: RunInfo, lang: Lang) -> Value {
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

const CSV_COLUMNS: [(&str, &str); 13] = [
    ("id", "ID"),
    ("name", "名称"),
    ("kind", "種別"),
    ("required", "必須"),
    ("assigned_weight", "担当重み"),
    ("assigned_points", "担当地点数"),
    ("unique_coverage", "単独到達重み"),
    ("reach_weight", "到達重み"),
    ("reach_population", "到達人口"),
    ("reach_65_plus", "到達65歳以上"),
    ("max_distance", "最大距離"),
    ("lat", "緯度"),
    ("lon", "経度"),
];

/// One row per chosen stop, for Excel (UTF-8 with BOM, formulas neutralised).
pub fn solve_csv(inst: &Instance, res: &SolveResult, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: Vec<&str> = CSV_COLUMNS.iter().map(|(e, j)| lang.pick(e, j)).collect();
    w.write_record(&header).expect("writing to memory");
    let opt = |x: Option<f64>| x.map(|v| round(v, 2).to_string()).unwrap_or_default();
    for s in ordered(inst, res) {
        let site = &inst.sites[s.site];
        w.write_record([
            neutralise(&site.id),
            neutralise(site.name.as_deref().unwrap_or_default()),
            neutralise(site.kind.as_deref().unwrap_or_default()),
            s.required.to_string(),
            round(s.assigned_weight, 3).to_string(),
            s.assigned_points.to_string(),
            round(s.unique_coverage, 3).to_string(),
            round(s.reach_weight, 3).to_string(),
            opt(s.reach_population),
            opt(s.reach_65_plus),
            round(s.max_distance, 1).to_string(),
            site.location.map(|l| l.lat.to_string()).unwrap_or_default(),
            site.location.map(|l| l.lon.to_string()).unwrap_or_default(),
        ])
        .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

fn ordered<'a>(inst: &Instance, res: &'a SolveResult) -> Vec<&'a crate::solve::StopDetail> {
    let mut v: Vec<_> = res.stops.iter().collect();
    v.sort_by(|a, b| id_order(&inst.sites[a.site].id, &inst.sites[b.site].id));
    v
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

/// The model in a sentence ("maximal covering: 8 stops reaching …").
pub(crate) fn model_words(res: &SolveResult, lang: Lang) -> String {
    use crate::solve::Model::*;
    let p = res.p.unwrap_or(0);
    let r = res.params.radius_m;
    match (res.params.model, lang) {
        (Mclp, Lang::En) => {
            format!("maximal covering: {p} stops reaching the most weight within {r} m")
        }
        (Mclp, Lang::Ja) => format!("最大カバー: {r} m 以内の重みが最大になる {p} か所"),
        (Lscp, Lang::En) => {
            format!("set covering: fewest stops reaching every reachable point within {r} m")
        }
        (Lscp, Lang::Ja) => {
            format!("集合カバー: {r} m 以内で到達可能な全地点をカバーする最少の停留所")
        }
        (Pmedian, Lang::En) => {
            format!("p-median: {p} stops with the least total weighted distance")
        }
        (Pmedian, Lang::Ja) => format!("p-メディアン: 重み付き総距離が最小の {p} か所"),
        (Pcenter, Lang::En) => format!("p-center: {p} stops with the least largest distance"),
        (Pcenter, Lang::Ja) => format!("p-センター: 最大距離が最小の {p} か所"),
    }
}

/// The terminal view: a header of facts and proof, then one line per stop.
pub fn solve_table(inst: &Instance, res: &SolveResult, lang: Lang) -> String {
    let l = |en, ja| lang.pick(en, ja);
    let o = &res.outcome;
    let mut out = String::new();
    let _ = writeln!(out, "mobile-stops solve — {}", printable(&inst.label));
    let capacitated = if res.params.capacitated {
        l("capacitated ", "容量制約付き ")
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "{}: {capacitated}{}",
        l("model", "モデル"),
        model_words(res, lang)
    );
    let weight = match &inst.weight_column {
        Some(c) => format!("{c} ({})", count(res.total_weight)),
        None => l("1 per demand point", "地点ごとに1").to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}; {}: {}",
        l("data", "データ"),
        inst.points(),
        l("demand points", "地点"),
        inst.sites.len(),
        l("candidate sites", "候補地"),
        l("weight", "重み"),
        weight
    );
    let _ = writeln!(out, "{}: {}", l("result", "結果"), proof_words(res, lang));
    if o.status != Status::Infeasible {
        let _ = writeln!(
            out,
            "{}: {}   {}: {}   {}: {}",
            l("objective", "目的関数値"),
            num(o.objective),
            l("bound", "限界値"),
            num(o.bound),
            l("gap", "ギャップ"),
            format_args!("{} %", pct(o.gap() * 100.0)),
        );
        if let Some(md) = mean_distance(res) {
            let _ = writeln!(
                out,
                "{}: {}",
                l(
                    "mean distance to the nearest stop",
                    "最寄り停留所までの平均距離"
                ),
                num((md * 10.0).round() / 10.0)
            );
        }
        let share = if res.total_weight > 0.0 {
            100.0 * res.covered_weight / res.total_weight
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "{}: {} / {} ({share:.1} %)",
            format_args!(
                "{} {} m",
                l("weight within", "到達重み"),
                res.params.radius_m
            ),
            count(res.covered_weight),
            count(res.total_weight),
        );
    }
    if res.unreachable_points > 0 {
        let _ = writeln!(
            out,
            "{}: {} ({} {})",
            l(
                "points no allowed site reaches",
                "どの候補地からも届かない地点"
            ),
            res.unreachable_points,
            l("weight", "重み"),
            count(res.unreachable_weight)
        );
    }
    let _ = writeln!(
        out,
        "{}: {:.2} s, seed {}",
        l("time", "計算時間"),
        res.seconds,
        res.params.seed
    );
    if !res.stops.is_empty() {
        out.push('\n');
        let mut rows = vec![[
            ("id", "ID"),
            ("name", "名称"),
            ("kind", "種別"),
            ("serves", "担当重み"),
            ("only here", "単独到達"),
            ("reach", "到達重み"),
            ("65+", "65歳以上"),
            ("max dist", "最大距離"),
            ("space", "場所"),
        ]
        .iter()
        .map(|(e, j)| lang.pick(e, j).to_string())
        .collect::<Vec<_>>()];
        for s in ordered(inst, res) {
            let site = &inst.sites[s.site];
            let mut id = printable(&site.id);
            if s.required {
                id.push('*');
            }
            rows.push(vec![
                id,
                printable(site.name.as_deref().unwrap_or_default()),
                printable(site.kind.as_deref().unwrap_or_default()),
                count(s.assigned_weight),
                count(s.unique_coverage),
                count(s.reach_weight),
                s.reach_65_plus
                    .map(count)
                    .unwrap_or_else(|| lang.na().into()),
                count(s.max_distance),
                site.space
                    .map(|sp| lang.space(sp.status).to_string())
                    .unwrap_or_else(|| lang.na().into()),
            ]);
        }
        out.push_str(&aligned(&rows, &[3, 4, 5, 6, 7]));
        if res.stops.iter().any(|s| s.required) {
            let _ = writeln!(out, "* {}", l("required (--require)", "必須（--require）"));
        }
    }
    if !res.exclusions.is_empty() {
        let _ = writeln!(out, "\n{}:", l("not allowed", "選択対象外"));
        for e in &res.exclusions {
            let _ = writeln!(out, "  {}: {}", printable(&inst.sites[e.site].id), e.detail);
        }
    }
    for n in &inst.notes {
        let _ = writeln!(out, "{} {}", l("note:", "注:"), lang.text(n));
    }
    out
}

/// p-median's objective per unit of weight: the average walk a council can picture.
fn mean_distance(res: &SolveResult) -> Option<f64> {
    (res.params.model == crate::solve::Model::Pmedian
        && res.outcome.objective.is_finite()
        && res.total_weight > 0.0)
        .then(|| res.outcome.objective / res.total_weight)
}

fn num(x: f64) -> String {
    if !x.is_finite() {
        "-".into()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        count(x)
    } else {
        format!("{x:.2}")
    }
}
