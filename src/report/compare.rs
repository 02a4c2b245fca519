//! Writers for a comparison of stop sets: one column per set in the table (side by side, as a
//! council reads it), one row per set in CSV, and the same numbers in JSON and GeoJSON.

use super::buyers::{assumptions, assumptions_json};
pub use super::compare_rows::metric_rows;
use super::csv::neutralise;
use super::format::pretty;
use super::format::Format;
use super::labels::Lang;
use super::streets_json::{circle_only_json, distances_json};
use super::table::{aligned, count, printable};
use crate::model::number::round;
use crate::model::Dataset;
use crate::score::compare::{Comparison, SetMetrics};
use crate::score::Interval;
use serde_json::{json, Value};
use std::fmt::Write as _;

/// Renders a comparison in the chosen format.
pub fn render_compare(data: &Dataset, c: &Comparison, format: Format, lang: Lang) -> Vec<u8> {
    match format {
        Format::Table => compare_table(data, c, lang).into_bytes(),
        Format::Csv => compare_csv(data, c, lang),
        Format::Json => pretty(&compare_json(data, c)),
        Format::Geojson => pretty(&compare_geojson(data, c)),
    }
}

fn ids(data: &Dataset, sites: &[usize]) -> Vec<String> {
    sites
        .iter()
        .map(|&j| data.candidates.data.sites[j].id.clone())
        .collect()
}

fn interval_json(i: &Option<Interval>) -> Value {
    match i {
        Some(i) => json!({
            "estimate": round(i.estimate, 1),
            "low": round(i.low, 1),
            "high": round(i.high, 1),
        }),
        None => Value::Null,
    }
}

/// Whether the sets carry survey-based numbers (then the buyers' assumptions are shown).
fn surveyed(c: &Comparison) -> bool {
    c.sets.iter().any(|m| m.potential_users.is_some())
}

/// `part` as a share of `total`, when both are known and the total is not 0.
pub(super) fn share(part: Option<f64>, total: Option<f64>) -> Option<f64> {
    match (part, total) {
        (Some(p), Some(t)) if t > 0.0 => Some(p / t),
        _ => None,
    }
}

/// The share of aged 65+ reached: of those inside the council's area when it is known, else
/// of everyone in the data.
fn aged_share(c: &Comparison, m: &SetMetrics) -> Option<f64> {
    match (&c.area, m.in_area) {
        (Some(a), Some(r)) => share(r.aged, a.aged_65_plus),
        _ => share(m.aged_reached, c.total_aged),
    }
}

/// What the shares are of, and what the data miss of the council's area, in one sentence.
pub fn area_line(c: &Comparison, lang: Lang) -> Option<String> {
    let a = c.area.as_ref()?;
    let missing = 100.0 * (1.0 - a.covered_share);
    Some(match lang {
        Lang::En => format!(
            "Shares are of the people living inside {} in the data ({} people, {} aged 65+); people in neighbouring towns are counted as reached but not in the shares. The data cover about {:.0} % of {}'s area: about {:.0} % of it, and its people, are not in the data.",
            a.name,
            a.population.map_or("—".into(), count),
            a.aged_65_plus.map_or("—".into(), count),
            100.0 * a.covered_share,
            a.name,
            missing
        ),
        Lang::Ja => format!(
            "割合の分母は、データのうち{}内に住む人（{} 人、うち65歳以上 {} 人）です。隣接市町の人は到達数には含みますが割合には含めません。データは{}の面積の約 {:.0} % だけを覆っており、残り約 {:.0} % とそこに住む人はデータにありません。",
            a.name,
            a.population.map_or("—".into(), count),
            a.aged_65_plus.map_or("—".into(), count),
            a.name,
            100.0 * a.covered_share,
            missing
        ),
    })
}

fn set_json(data: &Dataset, c: &Comparison, m: &SetMetrics) -> Value {
    let mut v = json!({
        "name": m.set.name,
        "stops": ids(data, &m.set.sites),
        "people_reached": m.people_reached.map(|v| round(v, 2)),
        "aged_65_plus_reached": m.aged_reached.map(|v| round(v, 2)),
        "aged_65_plus_share": aged_share(c, m).map(|v| round(v, 4)),
        "in_area": m.in_area.map(|a| json!({
            "people": a.people.map(|v| round(v, 2)),
            "aged_65_plus": a.aged.map(|v| round(v, 2)),
            "weight": round(a.weight, 2),
        })),
        "weight_reached": round(m.weight_reached, 2),
        "far_from_shop_reached": m.far_reached.map(|v| round(v, 2)),
        "potential_users": interval_json(&m.potential_users),
        "buyers_per_visit": interval_json(&m.buyers_per_visit),
        "stops_over_capacity": ids(data, &m.over_capacity),
        "uncovered_points": m.uncovered_points,
        "uncovered_weight": round(m.uncovered_weight, 2),
        "uncovered_aged_65_plus": m.uncovered_aged.map(|v| round(v, 2)),
        "stops_not_measurable": ids(data, &m.unmeasurable),
        "stops_without_space": ids(data, &m.no_space),
        "stops_space_unknown": ids(data, &m.space_unknown),
        "added_vs_first": ids(data, &m.added),
        "dropped_vs_first": ids(data, &m.dropped),
    });
    if let (Some(o), Some(obj)) = (&m.circle_only, v.as_object_mut()) {
        obj.insert("circle_only".into(), circle_only_json(data, o));
    }
    v
}

/// The JSON comparison.
pub fn compare_json(data: &Dataset, c: &Comparison) -> Value {
    let mut v = compare_fields(data, c);
    // Only with a cost matrix or streets, so a straight-line comparison keeps its keys.
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    if let Some(streets) = distances_json(data) {
        obj.insert("distances".into(), streets);
    } else if let Some(costs) = &data.costs {
        obj.insert(
            "cost_matrix".into(),
            json!({
                "file": costs.source,
                "unit": costs.data.unit.column(),
                "notes": costs.notes.iter().map(|n| n.en.clone()).collect::<Vec<_>>(),
            }),
        );
    }
    v
}

fn compare_fields(data: &Dataset, c: &Comparison) -> Value {
    json!({
        "data": data.label,
        "radius_m": c.radius_m,
        "weight_column": c.weight_column,
        "totals": {
            "population": c.total_population.map(|v| round(v, 2)),
            "aged_65_plus": c.total_aged.map(|v| round(v, 2)),
            "weight": round(c.total_weight, 2),
            "far_from_shop": c.total_far.map(|v| round(v, 2)),
        },
        "area": c.area.as_ref().map(|a| json!({
            "name": a.name,
            "points": a.points,
            "population": a.population.map(|v| round(v, 2)),
            "aged_65_plus": a.aged_65_plus.map(|v| round(v, 2)),
            "weight": round(a.weight, 2),
            "covered_share": round(a.covered_share, 4),
        })),
        "buyers_model": surveyed(c).then(|| assumptions_json(&c.buyers)),
        "sets": c.sets.iter().map(|m| set_json(data, c, m)).collect::<Vec<_>>(),
    })
}

/// Stops as points, one feature per set and stop, for QGIS (style by `set`).
pub fn compare_geojson(data: &Dataset, c: &Comparison) -> Value {
    let mut features = Vec::new();
    for m in &c.sets {
        for &j in &m.set.sites {
            let s = &data.candidates.data.sites[j];
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [s.location.lon, s.location.lat]},
                "properties": {"set": m.set.name, "id": s.id, "name": s.name, "kind": s.kind},
            }));
        }
    }
    json!({
        "type": "FeatureCollection",
        "features": features,
        "mobile_stops_compare": compare_json(data, c),
    })
}

/// Stop names (or ids) as a readable list.
fn names(data: &Dataset, sites: &[usize]) -> String {
    sites
        .iter()
        .map(|&j| {
            let s = &data.candidates.data.sites[j];
            printable(s.name.as_deref().unwrap_or(&s.id))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each set's stops in words, with what it adds and drops against the first set and which
/// stops lack space; shared by table and report.
pub fn set_lines(data: &Dataset, c: &Comparison, lang: Lang) -> Vec<String> {
    c.sets
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let mut line = format!("{}: {}", printable(&m.set.name), names(data, &m.set.sites));
            if k > 0 && !(m.added.is_empty() && m.dropped.is_empty()) {
                let _ = write!(
                    line,
                    " ({} {}; {} {})",
                    lang.pick("adds", "追加"),
                    if m.added.is_empty() {
                        "—".into()
                    } else {
                        names(data, &m.added)
                    },
                    lang.pick("drops", "除外"),
                    if m.dropped.is_empty() {
                        "—".into()
                    } else {
                        names(data, &m.dropped)
                    },
                );
            }
            if !m.unmeasurable.is_empty() {
                let n = m.unmeasurable.len();
                let _ = write!(
                    line,
                    "{}",
                    match lang {
                        Lang::En => format!(
                            " — {n} stop{} cannot be measured (outside the demand data): {}; the sums count only the other stops",
                            if n == 1 { "" } else { "s" },
                            names(data, &m.unmeasurable)
                        ),
                        Lang::Ja => format!(
                            " — {n} か所は需要データの範囲外で測定できません（{}）。合計はそれ以外の停留所だけの値です",
                            names(data, &m.unmeasurable)
                        ),
                    }
                );
            }
            if !m.no_space.is_empty() {
                let _ = write!(
                    line,
                    " — {}: {}",
                    lang.pick("no space for the vehicles", "車両スペース不足"),
                    names(data, &m.no_space)
                );
            }
            if !m.over_capacity.is_empty() {
                let _ = write!(
                    line,
                    " — {}: {}",
                    lang.pick(
                        "more buyers than one visit can serve",
                        "1回の訪問で対応しきれない"
                    ),
                    names(data, &m.over_capacity)
                );
            }
            line
        })
        .collect()
}

/// The terminal view: one column per set.
pub fn compare_table(data: &Dataset, c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    let (title, label) = (lang.pick("compare", "案の比較"), lang.data(&data.label));
    let _ = writeln!(out, "mobile-stops {title} — {}", printable(label));
    let radius = lang.pick("walking radius", "徒歩圏");
    match (&data.streets, &data.costs) {
        (_, None) => {
            let _ = writeln!(out, "{radius} {} m", c.radius_m);
        }
        (Some(streets), Some(costs)) => {
            let by = lang.pick("walking along the streets of", "道路に沿った徒歩距離:");
            let _ = writeln!(
                out,
                "{radius} {} m ({by} {}, {})",
                c.radius_m,
                streets.source,
                crate::network::CREDIT
            );
            for n in &costs.notes {
                let _ = writeln!(out, "{}: {}", lang.pick("note", "注"), lang.text(n));
            }
        }
        (None, Some(costs)) => {
            let unit = costs.data.unit.symbol();
            let by = lang.pick("by the cost matrix", "コスト行列による");
            let _ = writeln!(
                out,
                "{radius} {} {unit} ({by} {})",
                c.radius_m, costs.source
            );
            for n in &costs.notes {
                let _ = writeln!(out, "{}: {}", lang.pick("note", "注"), lang.text(n));
            }
        }
    }
    let _ = writeln!(out);
    if surveyed(c) {
        let _ = writeln!(out, "{}", assumptions(&c.buyers, lang));
    }
    let rows = metric_rows(c, lang);
    let numeric: Vec<usize> = (1..rows[0].len()).collect();
    out.push_str(&aligned(&rows, &numeric));
    let _ = writeln!(out);
    for line in set_lines(data, c, lang)
        .into_iter()
        .chain(area_line(c, lang))
    {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// One row per set, for a spreadsheet.
pub fn compare_csv(data: &Dataset, c: &Comparison, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: [(&str, &str); 19] = [
        ("set", "案"),
        ("stops", "停留所"),
        ("people_reached", "到達人口"),
        ("aged_65_plus_reached", "到達65歳以上"),
        ("far_from_shop_reached", "店から遠い高齢者の到達"),
        ("potential_users", "利用見込み者"),
        ("potential_users_low", "利用見込み者_下限"),
        ("potential_users_high", "利用見込み者_上限"),
        ("buyers_per_visit", "1回あたり購入者"),
        ("buyers_per_visit_low", "1回あたり購入者_下限"),
        ("buyers_per_visit_high", "1回あたり購入者_上限"),
        ("stops_over_capacity", "対応しきれない停留所"),
        ("uncovered_points", "未カバー区画"),
        ("uncovered_aged_65_plus", "未到達65歳以上"),
        ("stops_not_measurable", "測定不可"),
        ("stops_without_space", "スペース不足"),
        ("stops_space_unknown", "スペース不明"),
        ("added_vs_first", "追加"),
        ("dropped_vs_first", "除外"),
    ];
    w.write_record(header.iter().map(|(en, ja)| lang.pick(en, ja)))
        .expect("writing to memory");
    let num = |v: Option<f64>| v.map_or(String::new(), |x| round(x, 2).to_string());
    for m in &c.sets {
        let list = |s: &[usize]| neutralise(&ids(data, s).join(" "));
        let row = [
            neutralise(&m.set.name),
            list(&m.set.sites),
            num(m.people_reached),
            num(m.aged_reached),
            num(m.far_reached),
            num(m.potential_users.map(|b| b.estimate)),
            num(m.potential_users.map(|b| b.low)),
            num(m.potential_users.map(|b| b.high)),
            num(m.buyers_per_visit.map(|b| b.estimate)),
            num(m.buyers_per_visit.map(|b| b.low)),
            num(m.buyers_per_visit.map(|b| b.high)),
            list(&m.over_capacity),
            m.uncovered_points.to_string(),
            num(m.uncovered_aged),
            list(&m.unmeasurable),
            list(&m.no_space),
            list(&m.space_unknown),
            list(&m.added),
            list(&m.dropped),
        ];
        w.write_record(&row).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}
