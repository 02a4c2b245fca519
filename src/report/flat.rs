//! One flat row per candidate, shared by the CSV and GeoJSON writers so both carry the same
//! fields under the same names.

use crate::model::number::round;
use crate::score::{CandidateScore, ScoreTable};

/// A cell value: a number (absent = not available), text, or a yes/no.
pub enum Cell {
    Num(Option<f64>),
    Text(Option<String>),
    Bool(bool),
}

/// The columns, with their Japanese headers.
pub const COLUMNS: [(&str, &str); 31] = [
    ("rank", "順位"),
    ("id", "ID"),
    ("name", "名称"),
    ("kind", "種別"),
    ("score", "スコア"),
    ("eligible", "対象"),
    ("reach_points", "到達地点数"),
    ("reach_weight", "到達重み"),
    ("reach_population", "到達人口"),
    ("reach_65_plus", "到達65歳以上"),
    ("far_from_shop_65_plus", "店から遠い65歳以上"),
    ("need_rate", "利用意向率"),
    ("need_low", "利用意向率_下限"),
    ("need_high", "利用意向率_上限"),
    ("respondents", "回答数"),
    ("potential_users", "利用見込み者数"),
    ("potential_users_low", "利用見込み者数_下限"),
    ("potential_users_high", "利用見込み者数_上限"),
    ("buyers_per_visit", "1回あたり購入者数"),
    ("buyers_per_visit_low", "1回あたり購入者数_下限"),
    ("buyers_per_visit_high", "1回あたり購入者数_上限"),
    ("purchases_per_week", "1人の週の購入回数（仮定）"),
    ("visits_per_week", "週の訪問回数"),
    ("capacity_per_visit", "1回で対応できる人数"),
    ("space_status", "スペース"),
    ("vehicles_fit", "駐車可能台数"),
    ("space_basis", "スペース根拠"),
    ("flags", "注意"),
    ("lat", "緯度"),
    ("lon", "経度"),
    ("note", "備考"),
];

/// The cells of one candidate, in [`COLUMNS`] order, then its extra columns.
pub fn cells(table: &ScoreTable, c: &CandidateScore) -> Vec<Cell> {
    let num = |x: Option<f64>, d| Cell::Num(x.map(|v| round(v, d)));
    let code = |v: &str| Cell::Text(Some(v.to_string()));
    // A site outside the data has no measured reach: empty (null), never 0.
    let m = |v: Option<f64>| v.filter(|_| c.measurable);
    let mut out = vec![
        Cell::Num(Some(c.rank as f64)),
        Cell::Text(Some(c.id.clone())),
        Cell::Text(c.name.clone()),
        Cell::Text(c.kind.clone()),
        num(m(Some(c.score)), 2),
        Cell::Bool(c.eligible),
        Cell::Num(Some(c.reach_points as f64)),
        num(m(Some(c.reach_weight)), 2),
        num(m(c.reach_population), 2),
        num(m(c.reach_65_plus), 2),
        num(m(c.far_from_shop_65_plus), 2),
        num(c.need.map(|n| n.rate), 4),
        num(c.need.map(|n| n.low), 4),
        num(c.need.map(|n| n.high), 4),
        Cell::Num(c.need.map(|n| n.respondents as f64)),
        num(m(c.potential_users.map(|b| b.estimate)), 2),
        num(m(c.potential_users.map(|b| b.low)), 2),
        num(m(c.potential_users.map(|b| b.high)), 2),
        num(m(c.buyers.map(|b| b.per_visit.estimate)), 2),
        num(m(c.buyers.map(|b| b.per_visit.low)), 2),
        num(m(c.buyers.map(|b| b.per_visit.high)), 2),
        num(c.buyers.map(|_| table.summary.buyers.purchases_per_week), 2),
        num(c.buyers.map(|b| b.visits_per_week), 2),
        num(c.buyers.map(|b| b.capacity), 0),
        code(c.space.status.code()),
        Cell::Num(c.space.vehicles_fit.map(|v| v as f64)),
        code(c.space.basis.code()),
        Cell::Text(Some(
            c.flags
                .iter()
                .map(|f| f.code())
                .collect::<Vec<_>>()
                .join(";"),
        )),
        Cell::Num(Some(c.location.lat)),
        Cell::Num(Some(c.location.lon)),
        Cell::Text(c.note.clone()),
    ];
    debug_assert_eq!(out.len(), COLUMNS.len());
    out.extend(
        c.extra
            .iter()
            .take(table.summary.extra_columns.len())
            .map(|v| Cell::Text(Some(v.clone()).filter(|s| !s.is_empty()))),
    );
    out
}

/// Names of the extra columns as a writer shows them (`show`: e.g. CSV's formula guard), none
/// equal to a `standard` column name or to another extra's, ignoring ASCII case (spreadsheets
/// and GIS field names do): a user's `score` column must neither overwrite ours (GeoJSON keeps
/// one value per key) nor repeat a header (CSV). An extra keeps its own name where that is
/// free; the others become `extra_NAME`, then `extra_NAME_2`, `_3`, … until free, in column
/// order, so the names are the same on every run.
pub fn extra_names(
    table: &ScoreTable,
    standard: &[&str],
    show: impl Fn(&str) -> String,
) -> Vec<String> {
    let extras = &table.summary.extra_columns;
    let mut used: Vec<String> = standard.iter().map(|s| s.to_string()).collect();
    let clash = |used: &[String], n: &str| used.iter().any(|u| u.eq_ignore_ascii_case(n));
    let mut out: Vec<Option<String>> = vec![None; extras.len()];
    for (slot, c) in out.iter_mut().zip(extras) {
        let own = show(c);
        if !clash(&used, &own) {
            used.push(own.clone());
            *slot = Some(own);
        }
    }
    for (slot, c) in out.iter_mut().zip(extras) {
        if slot.is_none() {
            let base = show(&format!("extra_{c}"));
            let mut name = base.clone();
            let mut n = 2;
            while clash(&used, &name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            used.push(name.clone());
            *slot = Some(name);
        }
    }
    out.into_iter().flatten().collect()
}
