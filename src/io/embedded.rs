//! The default dataset compiled into the binary: northern Chigasaki, 2020 census quarter mesh,
//! and the council's candidate sites, so `mobile-stops rank` works with no files at all.
//!
//! `data export DIR` writes it back out as editable CSVs with its cautions (`notes.csv`);
//! ranking the exported directory gives the same ranking and cautions as the embedded data.

use super::estat::is_named_column;
use super::notes::{notes_csv, NOTES_FILE};
use super::{read_candidates, read_demand_text, SourceText};
use crate::error::{Error, Result};
use crate::model::{round, Dataset, Demand, LocalText, Part};
use crate::param::Param;
use std::fmt::Write as _;
use std::path::Path;

/// The e-Stat T001142 rows for primary mesh 5339 around northern Chigasaki, verbatim (UTF-8).
pub const CENSUS_MESH: &str = include_str!("../../data/tblT001142Q5339_subset.csv");
/// Candidate sites: the council's five and sourced shrines and temples.
pub const CANDIDATES: &str = include_str!("../../data/candidates.csv");
/// MLIT's N03 outline of Chigasaki (14207), simplified to 10 m: the area the shares count.
pub const OUTLINE: &str = include_str!("../../data/chigasaki_outline.geojson");
/// Provenance, licence and limits of the embedded data.
pub const SOURCE_MD: &str = include_str!("../../data/SOURCE.md");

const LABEL: &str =
    "embedded: northern Chigasaki (e-Stat 2020 quarter mesh 5339, council candidates)";
/// The same in a council's words.
const LABEL_JA: &str =
    "埋め込みデータ：茅ヶ崎市北部（e-Stat 2020年国勢調査 4分の1地域メッシュ 5339、協議体の候補地）";

/// The embedded dataset, parsed by the same readers as user files.
pub fn dataset() -> Result<Dataset> {
    let mut demand = read_demand_text(SourceText::utf8(
        "embedded:data/tblT001142Q5339_subset.csv",
        CENSUS_MESH,
    ))?;
    demand.notes.push(LocalText::new(
        "census covers primary mesh 5339 only: the southern band of Chigasaki (south of 35.3333° N, \
         about 100,000 people) is not in the data; 624 cells, 232,022 people, of whom 141,563 live \
         in cells whose centre is inside the city outline",
        "国勢調査データは1次メッシュ5339のみ: 茅ヶ崎市南部（北緯35.3333°以南、約10万人）は含まれません。\
         624セル・232,022人のうち、中心が市の境界内にあるセルの人口は141,563人",
    ));
    let candidates = read_candidates(&SourceText::utf8(
        "embedded:data/candidates.csv",
        CANDIDATES,
    ))?;
    let mut candidates = Part::new("embedded:data/candidates.csv", candidates);
    candidates.notes.push(LocalText::new(
        "candidate coordinates are town (町丁) representative points, several hundred metres from \
         the real site; space for vehicles is unknown for every site",
        "候補地の座標は町丁の代表点で、実際の場所から数百m離れることがあります。駐車スペースはどの候補地も不明",
    ));
    Ok(Dataset {
        label: crate::model::DataLabel::new(LABEL, LABEL_JA),
        demand,
        candidates,
        surveys: None,
        stores: None,
        area: Some(outline()?),
        costs: None,
        streets: None,
    })
}

/// The embedded outline of Chigasaki with its credit.
fn outline() -> Result<Part<crate::model::Area>> {
    let mut area = super::read_area(&SourceText::utf8(
        "embedded:data/chigasaki_outline.geojson",
        OUTLINE,
    ))?;
    area.name = "茅ヶ崎市".into();
    let mut part = Part::new("embedded:data/chigasaki_outline.geojson", area);
    part.notes.push(LocalText::new(
        "city outline: MLIT National Land Numerical Information (administrative areas, N03), \
         processed (simplified to 10 m)",
        "市の境界：国土数値情報（行政区域データ）を加工して作成（10 m で簡略化）",
    ));
    Ok(part)
}

/// The embedded dataset as the files `demand.csv`, `candidates.csv`, `notes.csv` (its
/// cautions, read back by `--data DIR`), `area.geojson` (the city outline the shares count)
/// and `SOURCE.md` for `dir` (the caller writes them, all or none). Refuses when `dir` already has one of them unless `force`, so a planner's edits
/// are never lost.
pub fn export_files(dir: &Path, force: bool) -> Result<Vec<(&'static str, String)>> {
    let data = dataset()?;
    let files = vec![
        ("demand.csv", demand_csv(&data.demand.data)),
        ("candidates.csv", CANDIDATES.to_string()),
        (NOTES_FILE, notes_csv(&data)),
        ("area.geojson", OUTLINE.to_string()),
        ("SOURCE.md", SOURCE_MD.to_string()),
    ];
    if !force {
        for (name, _) in &files {
            let p = dir.join(name);
            if p.exists() {
                let names: Vec<&str> = files.iter().map(|f| f.0).collect();
                return Err(Error::param(
                    Param::ExportDir,
                    format!("a directory without {} (or --force)", names.join(", ")),
                    format!("{} already there", p.display()),
                ));
            }
        }
    }
    Ok(files)
}

/// Decimals of exported coordinates: 0.0000001° is about 1 cm, far below any walking distance.
pub const COORDINATE_DECIMALS: i32 = 7;
/// Decimals of exported counts: the census gives whole people, the proportional split of a
/// merged group's breakdown gives fractions, kept to a hundredth of a person.
pub const COUNT_DECIMALS: i32 = 2;

/// The demand as a points CSV keyed by mesh code, with the named census columns. Coordinates
/// are written to [`COORDINATE_DECIMALS`] and counts to [`COUNT_DECIMALS`] (whole census
/// counts stay whole), so a council reads `139.3640625` and `1.08`, not float noise.
pub fn demand_csv(demand: &Demand) -> String {
    let named: Vec<usize> = (0..demand.columns.len())
        .filter(|&c| is_named_column(&demand.columns[c].name))
        .collect();
    let mut out = String::from("id,mesh_code,lat,lon");
    for &c in &named {
        out.push(',');
        out.push_str(&demand.columns[c].name);
    }
    out.push('\n');
    for (i, id) in demand.ids.iter().enumerate() {
        let p = demand.locations[i];
        let (lat, lon) = (
            round(p.lat, COORDINATE_DECIMALS),
            round(p.lon, COORDINATE_DECIMALS),
        );
        let _ = write!(out, "{id},{id},{lat},{lon}");
        for &c in &named {
            let _ = write!(
                out,
                ",{}",
                round(demand.columns[c].values[i], COUNT_DECIMALS)
            );
        }
        out.push('\n');
    }
    out
}
