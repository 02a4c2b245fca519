//! The region table (`regions.csv`: one row per region, its folder and its budget p) and the
//! settings every region solves with (`regions.toml`), as `regions split` writes them and
//! `regions solve` reads them. A planner may edit p in the table before solving.

use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::solve::Model;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The table's file name in a regions folder.
pub const TABLE: &str = "regions.csv";
/// The settings' file name.
pub const SETTINGS: &str = "regions.toml";
/// The table's columns, in order.
pub const COLUMNS: [&str; 9] = [
    "region",
    "name",
    "dir",
    "p",
    "points",
    "candidates",
    "population",
    "aged_65_plus",
    "data_hash",
];

/// One region of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionRow {
    /// Its id (mesh code, N03 code, or the outline's property).
    pub id: String,
    /// Its name in words.
    pub name: String,
    /// Its data folder, relative to the regions folder.
    pub dir: String,
    /// Its budget: the number of stops it may have.
    pub p: usize,
    /// Demand points in it.
    pub points: usize,
    /// Candidate sites within reach of its demand (inside it or within the margin).
    pub candidates: usize,
    /// Population (0 when the data has none).
    pub population: f64,
    /// Aged 65+ (0 when the data has none).
    pub aged: f64,
    /// BLAKE3 of its folder's data files as written (see [`region_hash`]): a task checks its
    /// own regions against it, so no task reads the others' data.
    pub data_hash: String,
}

/// The hash of a region folder's data files (demand, then candidates).
pub fn region_hash(dir: &Path) -> Result<String> {
    let files = [
        ("demand", dir.join("demand.csv")),
        ("candidates", dir.join("candidates.csv")),
    ];
    crate::io::fingerprint::hash_files(&mut blake3::Hasher::new(), &files)
}

/// How every region is solved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// How the regions were drawn (`mesh1`, `mesh2`, or the outline file).
    pub by: String,
    /// The location model.
    pub model: String,
    /// The walking radius, metres; also the margin of candidates kept around each region.
    pub radius_m: f64,
    /// How the budgets were set, in words (for the merged result).
    pub budget: String,
}

impl Settings {
    /// The model, checked.
    pub fn model(&self) -> Option<Model> {
        <Model as crate::param::Choice>::from_name(&self.model)
    }
}

/// The table as CSV.
pub fn table_csv(rows: &[RegionRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(COLUMNS);
    for r in rows {
        let _ = w.write_record([
            r.id.clone(),
            r.name.clone(),
            r.dir.clone(),
            r.p.to_string(),
            r.points.to_string(),
            r.candidates.to_string(),
            r.population.to_string(),
            r.aged.to_string(),
            r.data_hash.clone(),
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// Reads `dir/regions.csv` and `dir/regions.toml`.
pub fn read_table(dir: &Path, budget: Budget) -> Result<(Vec<RegionRow>, Settings)> {
    let path = dir.join(SETTINGS);
    let src = SourceText::read(&path, budget)?;
    let settings: Settings = toml::from_str(&src.text).map_err(|e| {
        Error::input(
            Location::file(&src.name),
            "the settings `regions split` writes (by, model, radius_m, budget)",
            e.message().to_string(),
        )
    })?;
    if settings.model().is_none() {
        return Err(Error::input(
            Location::file(&src.name),
            "model = mclp, lscp, pmedian or pcenter",
            format!("`{}`", settings.model),
        ));
    }
    let src = SourceText::read(&dir.join(TABLE), budget)?;
    let mut reader = csv::ReaderBuilder::new().from_reader(src.text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::input(Location::file(&src.name), "a CSV header", e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    if header != COLUMNS {
        return Err(Error::input(
            Location::at(&src.name, 1, None),
            format!("the header {}", COLUMNS.join(",")),
            header.join(","),
        ));
    }
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::input(Location::file(&src.name), "CSV", e.to_string()))?;
        rows.push(table_row(&rec, &src.name)?);
    }
    Ok((rows, settings))
}

/// One row of the table, each cell checked.
fn table_row(rec: &csv::StringRecord, name: &str) -> Result<RegionRow> {
    let line = rec.position().map_or(0, |p| p.line());
    let cell = |k: usize| rec.get(k).unwrap_or("").trim();
    let num = |k: usize| -> Result<f64> {
        cell(k)
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .ok_or_else(|| {
                Error::input(
                    Location::at(name, line, Some(k + 1)),
                    format!("a number ≥ 0 for {}", COLUMNS[k]),
                    format!("`{}`", cell(k)),
                )
            })
    };
    let whole = |k: usize| -> Result<usize> {
        cell(k).parse::<usize>().map_err(|_| {
            Error::input(
                Location::at(name, line, Some(k + 1)),
                format!("a whole number ≥ 0 for {}", COLUMNS[k]),
                format!("`{}`", cell(k)),
            )
        })
    };
    let dir_ok = !cell(2).is_empty() && !cell(2).contains(['/', '\\']) && cell(2) != "..";
    if !dir_ok {
        return Err(Error::input(
            Location::at(name, line, Some(3)),
            "a folder name inside the regions folder",
            format!("`{}`", cell(2)),
        ));
    }
    Ok(RegionRow {
        id: cell(0).to_string(),
        name: cell(1).to_string(),
        dir: cell(2).to_string(),
        p: whole(3)?,
        points: whole(4)?,
        candidates: whole(5)?,
        population: num(6)?,
        aged: num(7)?,
        data_hash: cell(8).to_string(),
    })
}

/// A budget table (`region,p`): the p of each region by id.
pub fn read_budget(path: &Path, budget: Budget) -> Result<Vec<(String, usize, u64)>> {
    let src = SourceText::read(path, budget)?;
    let mut reader = csv::ReaderBuilder::new().from_reader(src.text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::input(Location::file(&src.name), "a CSV header", e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(rc), Some(pc)) = (col("region"), col("p")) else {
        return Err(Error::input(
            Location::at(&src.name, 1, None),
            "a header with columns region and p",
            header.join(","),
        ));
    };
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Error::input(Location::file(&src.name), "CSV", e.to_string()))?;
        let line = rec.position().map_or(0, |p| p.line());
        let p = rec.get(pc).unwrap_or("").trim();
        let p = p.parse::<usize>().map_err(|_| {
            Error::input(
                Location::at(&src.name, line, Some(pc + 1)),
                "a whole number of stops ≥ 0",
                format!("`{p}`"),
            )
        })?;
        out.push((rec.get(rc).unwrap_or("").trim().to_string(), p, line));
    }
    Ok(out)
}
