//! One row per chosen stop, for Excel.

use super::order::ordered;
use crate::model::number::round;
use crate::report::csv::neutralise;
use crate::report::labels::Lang;
use crate::solve::{Instance, SolveResult};

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
