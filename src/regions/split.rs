//! `regions split`: the demand of each region, and the candidates within reach of it, in a
//! folder of its own, with the region table and the settings every region solves with.

use super::outline::{Locator, Outline};
use super::table::{table_csv, RegionRow, Settings, SETTINGS, TABLE};
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::model::{Dataset, LatLon};
use crate::solve::Model;
use crate::spatial::haversine_m;
use rstar::primitives::GeomWithData;
use rstar::{RTree, AABB};
use std::collections::BTreeMap;
use std::path::Path;

/// How regions are drawn.
#[derive(Debug, Clone)]
pub enum RegionBy {
    /// 1st-level mesh squares (about 80 km).
    Mesh1,
    /// 2nd-level mesh squares (about 10 km).
    Mesh2,
    /// Outlines read from a GeoJSON file (named for messages and the settings).
    Outlines(Vec<Outline>, String),
}

/// How each region's budget (its number of stops) is set.
#[derive(Debug, Clone)]
pub enum BudgetRule {
    /// The same p everywhere.
    Uniform(usize),
    /// One stop per this many aged 65+ (rounded up, at least one).
    PerAged(f64),
    /// A table's p per region id (with each row's line), from the named file.
    Table(Vec<(String, usize, u64)>, String),
}

/// What `regions split` needs besides the data.
#[derive(Debug, Clone)]
pub struct SplitOptions {
    /// How regions are drawn.
    pub by: RegionBy,
    /// How budgets are set.
    pub budget: BudgetRule,
    /// The model each region solves.
    pub model: Model,
    /// The largest walking radius the regions will be solved with: candidates this close to a
    /// region's demand are kept with it, even across its border.
    pub radius_m: f64,
}

/// What was written.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitSummary {
    /// The regions, in table order.
    pub rows: Vec<RegionRow>,
    /// Demand points in no region (outlines only).
    pub outside: usize,
    /// Regions whose budget was more than their candidates (p lowered to their count).
    pub capped: usize,
}

/// Splits `data` into regions and writes them to `out` (a new or empty folder); nothing is
/// written when a check fails. `candidates_csv` is the candidates file as read, copied row for
/// row into each region.
pub fn split(
    data: &Dataset,
    candidates_csv: &SourceText,
    opts: &SplitOptions,
    out: &Path,
) -> Result<SplitSummary> {
    let points = &data.demand.data.locations;
    let (ids, names, of_point) = regions_of(points, &opts.by)?;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
    for (i, r) in of_point.iter().enumerate() {
        if let Some(r) = r {
            members[*r].push(i);
        }
    }
    let outside = of_point.iter().filter(|r| r.is_none()).count();
    let near = candidates_near(data, &of_point, ids.len(), opts.radius_m);
    let keep: Vec<usize> = (0..ids.len()).filter(|&r| !members[r].is_empty()).collect();
    let column = |name: &str| data.demand.data.column(name);
    let sum =
        |col: Option<&[f64]>, r: usize| col.map_or(0.0, |v| members[r].iter().map(|&i| v[i]).sum());
    let dirs = folder_names(&keep.iter().map(|&r| ids[r].as_str()).collect::<Vec<_>>());
    let mut rows: Vec<RegionRow> = keep
        .iter()
        .zip(dirs)
        .map(|(&r, dir)| RegionRow {
            id: ids[r].clone(),
            name: names[r].clone(),
            dir,
            p: 0,
            points: members[r].len(),
            candidates: near[r].len(),
            population: sum(column(crate::model::POPULATION), r),
            aged: sum(column(crate::model::AGED_65_PLUS), r),
            data_hash: String::new(),
        })
        .collect();
    let capped = budgets(
        &mut rows,
        &opts.budget,
        column(crate::model::AGED_65_PLUS).is_some(),
    )?;
    let copier = CandidateRows::new(candidates_csv)?;
    prepare(out)?;
    for (row, &r) in rows.iter_mut().zip(&keep) {
        let dir = out.join(&row.dir);
        write(&dir.join("demand.csv"), &demand_csv(data, &members[r]))?;
        let chosen: Vec<&str> = near[r]
            .iter()
            .map(|&c| data.candidates.data.sites[c].id.as_str())
            .collect();
        write(&dir.join("candidates.csv"), &copier.subset(&chosen)?)?;
        row.data_hash = super::table::region_hash(&dir)?;
    }
    let by = match &opts.by {
        RegionBy::Mesh1 => "mesh1".to_string(),
        RegionBy::Mesh2 => "mesh2".to_string(),
        RegionBy::Outlines(_, file) => file.clone(),
    };
    let settings = Settings {
        by,
        model: crate::param::Choice::name(opts.model).to_string(),
        radius_m: opts.radius_m,
        budget: budget_words(&opts.budget),
    };
    let toml = toml::to_string(&settings).unwrap_or_default();
    write(&out.join(SETTINGS), toml.as_bytes())?;
    write(&out.join(TABLE), &table_csv(&rows))?;
    Ok(SplitSummary {
        rows,
        outside,
        capped,
    })
}

/// Region ids, names, and each point's region.
type Assigned = (Vec<String>, Vec<String>, Vec<Option<usize>>);

fn regions_of(points: &[LatLon], by: &RegionBy) -> Result<Assigned> {
    match by {
        RegionBy::Outlines(outlines, file) => {
            let loc = Locator::new(outlines, file)?;
            let of = points
                .iter()
                .map(|&p| loc.region_of(p))
                .collect::<Result<Vec<_>>>()?;
            let ids = outlines.iter().map(|o| o.id.clone()).collect();
            let names = outlines.iter().map(|o| o.name.clone()).collect();
            Ok((ids, names, of))
        }
        _ => {
            let level2 = matches!(by, RegionBy::Mesh2);
            let codes: Vec<String> = points.iter().map(|&p| mesh_code(p, level2)).collect();
            let mut index: BTreeMap<&str, usize> = codes.iter().map(|c| (c.as_str(), 0)).collect();
            for (k, v) in index.values_mut().enumerate() {
                *v = k;
            }
            let of = codes.iter().map(|c| Some(index[c.as_str()])).collect();
            let ids: Vec<String> = index.keys().map(|k| k.to_string()).collect();
            Ok((ids.clone(), ids, of))
        }
    }
}

/// The 1st-level (4 digits) or 2nd-level (6 digits) mesh code of the square holding `p`.
pub fn mesh_code(p: LatLon, level2: bool) -> String {
    let lat = p.lat * 1.5;
    let (a, b) = (lat.floor(), p.lon.floor());
    let first = format!("{:02}{:02}", a as i64, b as i64 - 100);
    if !level2 {
        return first;
    }
    let c = ((lat - a) * 8.0).floor().clamp(0.0, 7.0) as u8;
    let d = ((p.lon - b) * 8.0).floor().clamp(0.0, 7.0) as u8;
    format!("{first}{c}{d}")
}

/// Per region, the candidates within `radius_m` of one of its demand points (data order).
fn candidates_near(
    data: &Dataset,
    of_point: &[Option<usize>],
    regions: usize,
    radius_m: f64,
) -> Vec<Vec<usize>> {
    let points = &data.demand.data.locations;
    let tree: RTree<GeomWithData<[f64; 2], usize>> = RTree::bulk_load(
        points
            .iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new([p.lon, p.lat], i))
            .collect(),
    );
    let mut near: Vec<Vec<usize>> = vec![Vec::new(); regions];
    let dlat = radius_m / 111_000.0 * 1.01;
    for (c, site) in data.candidates.data.sites.iter().enumerate() {
        let s = site.location;
        let dlon = dlat / s.lat.to_radians().cos().max(0.01);
        let envelope =
            AABB::from_corners([s.lon - dlon, s.lat - dlat], [s.lon + dlon, s.lat + dlat]);
        let mut seen: Vec<usize> = tree
            .locate_in_envelope(&envelope)
            .filter_map(|g| of_point[g.data].filter(|_| haversine_m(points[g.data], s) <= radius_m))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for r in seen {
            near[r].push(c);
        }
    }
    near
}

/// Folder names: the id when it is plain (letters, digits, `-`, `_`) and unique, else `rNNNNN`.
fn folder_names(ids: &[&str]) -> Vec<String> {
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    ids.iter()
        .enumerate()
        .map(|(k, id)| {
            if plain(id) {
                id.to_string()
            } else {
                format!("r{k:05}")
            }
        })
        .collect()
}

/// Sets each row's p by the rule; returns how many were lowered to the region's candidates.
fn budgets(rows: &mut [RegionRow], rule: &BudgetRule, has_aged: bool) -> Result<usize> {
    match rule {
        BudgetRule::Uniform(p) => rows.iter_mut().for_each(|r| r.p = *p),
        BudgetRule::PerAged(n) => {
            if !has_aged {
                return Err(Error::input(
                    Location::file("--stops-per-aged"),
                    "demand with an aged_65_plus column",
                    "none in the demand data",
                ));
            }
            rows.iter_mut()
                .for_each(|r| r.p = ((r.aged / n).ceil() as usize).max(1));
        }
        BudgetRule::Table(table, file) => {
            let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
            for (id, p, line) in table {
                if !rows.iter().any(|r| &r.id == id) {
                    return Err(Error::input(
                        Location::at(file, *line, Some(1)),
                        "a region with demand (as split)",
                        format!("`{id}`"),
                    ));
                }
                by_id.insert(id, *p);
            }
            let missing: Vec<&str> = rows
                .iter()
                .filter(|r| !by_id.contains_key(r.id.as_str()))
                .map(|r| r.id.as_str())
                .collect();
            if let Some(first) = missing.first() {
                return Err(Error::input(
                    Location::file(file),
                    "a p for every region with demand",
                    format!("{} regions without one, first `{first}`", missing.len()),
                ));
            }
            rows.iter_mut().for_each(|r| r.p = by_id[r.id.as_str()]);
        }
    }
    let mut capped = 0;
    for r in rows
        .iter_mut()
        .filter(|r| r.p > r.candidates && r.candidates > 0)
    {
        r.p = r.candidates;
        capped += 1;
    }
    Ok(capped)
}

fn budget_words(rule: &BudgetRule) -> String {
    match rule {
        BudgetRule::Uniform(p) => format!("p = {p} in every region"),
        BudgetRule::PerAged(n) => format!("one stop per {n} aged 65+ (rounded up, at least one)"),
        BudgetRule::Table(_, file) => format!("p per region from {file}"),
    }
}

/// `out` must be new or empty, so a split never mixes with an older one.
fn prepare(out: &Path) -> Result<()> {
    let shown = out.display().to_string();
    if let Ok(mut list) = std::fs::read_dir(out) {
        if list.next().is_some() {
            return Err(Error::input(
                Location::file(&shown),
                "a new or empty folder for --out",
                "a folder with files in it",
            ));
        }
    }
    std::fs::create_dir_all(out).map_err(|e| Error::io(&shown, "creating", e))
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(dir.display().to_string(), "creating", e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io(path.display().to_string(), "writing", e))
}

/// A region's demand as a points CSV (`id,lat,lon` and every column, numbers as read).
fn demand_csv(data: &Dataset, members: &[usize]) -> Vec<u8> {
    let d = &data.demand.data;
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_string(), "lat".into(), "lon".into()];
    header.extend(d.columns.iter().map(|c| c.name.clone()));
    let _ = w.write_record(&header);
    for &i in members {
        let mut rec = vec![
            d.ids[i].clone(),
            d.locations[i].lat.to_string(),
            d.locations[i].lon.to_string(),
        ];
        rec.extend(d.columns.iter().map(|c| c.values[i].to_string()));
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

/// The candidates file's rows by id, to copy each region's unchanged.
struct CandidateRows {
    header: csv::StringRecord,
    by_id: std::collections::HashMap<String, csv::StringRecord>,
    name: String,
}

impl CandidateRows {
    fn new(src: &SourceText) -> Result<CandidateRows> {
        let bad = |e: csv::Error| {
            Error::input(Location::file(&src.name), "a candidates CSV", e.to_string())
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(src.text.as_bytes());
        let header = reader.headers().map_err(bad)?.clone();
        let id = header
            .iter()
            .position(|h| h.trim() == "id")
            .ok_or_else(|| {
                Error::input(Location::at(&src.name, 1, None), "an id column", "none")
            })?;
        let mut by_id = std::collections::HashMap::new();
        for rec in reader.records() {
            let rec = rec.map_err(bad)?;
            by_id.insert(rec.get(id).unwrap_or("").trim().to_string(), rec);
        }
        Ok(CandidateRows {
            header,
            by_id,
            name: src.name.clone(),
        })
    }

    fn subset(&self, ids: &[&str]) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(&self.header);
        for id in ids {
            let rec = self.by_id.get(*id).ok_or_else(|| {
                Error::input(
                    Location::file(&self.name),
                    format!("a row for candidate `{id}`"),
                    "none",
                )
            })?;
            let _ = w.write_record(rec);
        }
        Ok(w.into_inner().unwrap_or_default())
    }
}
