//! Assembling a dataset from `--data DIR`, single-file flags, or the embedded default.

use super::demand_checks::{aged_over_population_note, near_miss_note};
use super::estat::{read_estat_cells, CellIndex};
use super::notes::{read_notes, NOTES_FILE};
use super::points::read_points_with_lines;
use super::{
    embedded, is_estat, read_area, read_candidates, read_estat, read_points, read_stores,
    read_surveys, SourceText,
};
use crate::budget::Budget;
use crate::error::{Error, Location, Result};
use crate::model::{Dataset, Demand, DemandFormat, LocalText, MeshSummary, Part};
use std::path::{Path, PathBuf};

/// Where the data comes from. Start from `data_dir` (or the embedded dataset when it is `None`),
/// then each file flag replaces that part, so a planner can, say, rank the embedded census with
/// their own shop list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataPaths {
    /// A directory with `demand.csv` (or e-Stat mesh files), `candidates.csv`, and optionally
    /// `surveys.csv`, `stores.csv` and `notes.csv` (the cautions `data export` writes).
    pub data_dir: Option<PathBuf>,
    /// Demand files: one points CSV, or one or more e-Stat mesh tables.
    pub demand: Vec<PathBuf>,
    /// Candidate sites CSV.
    pub candidates: Option<PathBuf>,
    /// Survey answers CSV.
    pub surveys: Option<PathBuf>,
    /// Existing shops CSV.
    pub stores: Option<PathBuf>,
    /// The area the council governs (GeoJSON outline); shares are stated against it.
    pub area: Option<PathBuf>,
    /// A demand × candidate cost matrix (`from,to,metres` or `minutes`): every distance from
    /// a demand point to a candidate is then read from it; pairs it does not list are
    /// unreachable.
    pub cost_matrix: Option<PathBuf>,
    /// Which column of the cost matrix is read, and so what the radius means.
    pub cost: crate::model::CostUnit,
    /// An OpenStreetMap extract (`--network`): every distance from a demand point to a
    /// candidate is then walked along its streets (instead of a cost matrix).
    pub network: Option<crate::network::NetworkSpec>,
    /// Candidates the run will add beyond the data's (a scenario's `add_candidates`), walked
    /// along the streets too so they reach the people an added stop would.
    pub added_sites: Vec<(String, crate::model::LatLon)>,
}

/// Loads and validates every input named by `paths` (none: the embedded northern-Chigasaki
/// data). Files too large for `budget`'s memory are refused before they are read, reading
/// stops with a time-limit error once its deadline has passed, and every bad value is an
/// error naming its file, line and column.
///
/// ```
/// use mobile_stops::io::{load_dataset, DataPaths};
/// use mobile_stops::budget::Budget;
/// let data = load_dataset(&DataPaths::default(), Budget::default()).unwrap();
/// assert_eq!(data.demand.data.len(), 624);
/// // A file that is not there is refused by name.
/// let paths = DataPaths { candidates: Some("no/such/sites.csv".into()), ..DataPaths::default() };
/// let err = load_dataset(&paths, Budget::default()).unwrap_err();
/// assert!(err.to_string().starts_with("no/such/sites.csv"));
/// ```
pub fn load_dataset(paths: &DataPaths, budget: Budget) -> Result<Dataset> {
    let mut data = match &paths.data_dir {
        Some(dir) => load_dir(dir, budget)?,
        None => embedded::dataset()?,
    };
    if !paths.demand.is_empty() {
        data.demand = read_demand(&paths.demand, budget)?;
        // The embedded outline belongs to the embedded demand, not to someone else's.
        if paths.data_dir.is_none() {
            data.area = None;
        }
    }
    if let Some(p) = &paths.area {
        data.area = Some(Part::new(
            show(p),
            read_area(&SourceText::read(p, budget)?)?,
        ));
    }
    if let Some(p) = &paths.candidates {
        data.candidates = Part::new(show(p), read_candidates(&SourceText::read(p, budget)?)?);
    }
    if let Some(p) = &paths.surveys {
        data.surveys = Some(Part::new(
            show(p),
            read_surveys(&SourceText::read(p, budget)?)?,
        ));
    }
    if let Some(p) = &paths.stores {
        data.stores = Some(Part::new(
            show(p),
            read_stores(&SourceText::read(p, budget)?)?,
        ));
    }
    if paths.data_dir.is_some() || !paths.demand.is_empty() || paths.candidates.is_some() {
        data.label = data_label(&data).into();
    }
    if let Some(p) = &paths.cost_matrix {
        data.costs = Some(super::costs::read_costs_part(p, paths.cost, &data, budget)?);
    }
    if let Some(spec) = &paths.network {
        let (costs, streets) =
            super::streets::read_streets_part(spec, &data, &paths.added_sites, budget)?;
        data.costs = Some(costs);
        data.streets = Some(streets);
    }
    Ok(data)
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

fn data_label(data: &Dataset) -> String {
    if data.demand.source == data.candidates.source {
        data.demand.source.clone()
    } else {
        format!("{} + {}", data.demand.source, data.candidates.source)
    }
}

fn load_dir(dir: &Path, budget: Budget) -> Result<Dataset> {
    if !dir.is_dir() {
        return Err(Error::input(
            Location::file(show(dir)),
            "a directory with demand.csv and candidates.csv",
            if dir.exists() {
                "a file"
            } else {
                "no such directory"
            },
        ));
    }
    let demand_files = find_demand_files(dir)?;
    let mut demand = read_demand(&demand_files, budget)?;
    demand.source = show(dir);
    let candidates_path = dir.join("candidates.csv");
    let candidates = read_candidates(&SourceText::read(&candidates_path, budget)?)?;
    let optional = |name: &str| {
        let p = dir.join(name);
        p.exists().then_some(p)
    };
    let surveys = match optional("surveys.csv") {
        Some(p) => Some(Part::new(
            show(&p),
            read_surveys(&SourceText::read(&p, budget)?)?,
        )),
        None => None,
    };
    let stores = match optional("stores.csv") {
        Some(p) => Some(Part::new(
            show(&p),
            read_stores(&SourceText::read(&p, budget)?)?,
        )),
        None => None,
    };
    let area = match optional("area.geojson") {
        Some(p) => Some(Part::new(
            show(&p),
            read_area(&SourceText::read(&p, budget)?)?,
        )),
        None => None,
    };
    let mut data = Dataset {
        label: show(dir).into(),
        demand,
        candidates: Part::new(show(dir), candidates),
        surveys,
        stores,
        area,
        costs: None,
        streets: None,
    };
    if let Some(p) = optional(NOTES_FILE) {
        read_notes(&SourceText::read(&p, budget)?, &mut data)?;
    }
    Ok(data)
}

/// `demand.csv` if present, else every e-Stat mesh table in the directory (sorted by name).
fn find_demand_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let demand = dir.join("demand.csv");
    if demand.exists() {
        return Ok(vec![demand]);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(show(dir), "reading", e))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io(show(dir), "reading", e))?
            .path();
        let named = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ext_ok = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("csv"));
        if !ext_ok || ["candidates.csv", "surveys.csv", "stores.csv", NOTES_FILE].contains(&named) {
            continue;
        }
        let mut head = [0u8; 16];
        let n = std::fs::File::open(&path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        if is_estat(&String::from_utf8_lossy(&head[..n])) {
            found.push(path);
        }
    }
    found.sort();
    if found.is_empty() {
        return Err(Error::input(
            Location::file(show(dir)),
            "demand.csv or an e-Stat mesh table (KEY_CODE header) in the directory",
            "neither",
        ));
    }
    Ok(found)
}

/// Reads one points CSV, or one or more e-Stat mesh tables, into one demand part. Census
/// files whose cells overlap (the same area at two mesh levels, or one file twice) are refused
/// at the first such row, naming the other file: their residents would count twice.
pub fn read_demand(paths: &[PathBuf], budget: Budget) -> Result<Part<Demand>> {
    let mut parts = Vec::with_capacity(paths.len());
    let mut cells = CellIndex::default();
    let mut row_notes = Vec::new();
    for p in paths {
        let src = SourceText::read(p, budget)?;
        let (demand, lines) = if is_estat(&src.text) {
            let (demand, rows) = read_estat_cells(&src)?;
            if paths.len() > 1 {
                cells.add(&src.name, &demand.ids, &rows.lines, rows.key_col)?;
            }
            (demand, rows.lines)
        } else {
            read_points_with_lines(&src)?
        };
        row_notes.extend(aged_over_population_note(&src.name, &demand, &lines));
        parts.push((src.name, demand));
    }
    let source = parts
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let demand = concat(parts)?;
    let mut notes = demand_notes(&demand);
    notes.extend(row_notes);
    Ok(Part {
        source,
        data: demand,
        notes,
    })
}

/// Reads demand from text already in memory (the embedded dataset, tests).
pub fn read_demand_text(src: SourceText) -> Result<Part<Demand>> {
    let demand = parse_demand(&src)?;
    let notes = demand_notes(&demand);
    Ok(Part {
        source: src.name,
        data: demand,
        notes,
    })
}

fn parse_demand(src: &SourceText) -> Result<Demand> {
    if is_estat(&src.text) {
        read_estat(src)
    } else {
        read_points(src)
    }
}

fn concat(mut parts: Vec<(String, Demand)>) -> Result<Demand> {
    if parts.len() == 1 {
        return Ok(parts.remove(0).1);
    }
    let mut iter = parts.into_iter();
    let (first_name, mut all) = iter.next().expect("at least one demand file");
    let mut seen: std::collections::HashMap<String, String> = all
        .ids
        .iter()
        .map(|id| (id.clone(), first_name.clone()))
        .collect();
    for (name, d) in iter {
        if d.column_names() != all.column_names() {
            return Err(Error::input(
                Location::at(&name, 1, None),
                format!("the same columns as {first_name}"),
                format!("columns {}", d.column_names().join(", ")),
            ));
        }
        for id in &d.ids {
            if let Some(other) = seen.insert(id.clone(), name.clone()) {
                return Err(Error::input(
                    Location::file(&name),
                    "demand ids unique across files",
                    format!("`{id}`, also in {other}"),
                ));
            }
        }
        all.format = match (all.format, d.format) {
            (DemandFormat::EstatMesh(a), DemandFormat::EstatMesh(b)) => {
                DemandFormat::EstatMesh(MeshSummary {
                    published_cells: a.published_cells + b.published_cells,
                    merge_targets: a.merge_targets + b.merge_targets,
                    suppressed_cells: a.suppressed_cells + b.suppressed_cells,
                })
            }
            (DemandFormat::Points, DemandFormat::Points) => DemandFormat::Points,
            _ => {
                return Err(Error::input(
                    Location::file(&name),
                    format!("the same kind of demand file as {first_name}"),
                    "a mix of points CSV and e-Stat mesh tables",
                ))
            }
        };
        all.ids.extend(d.ids);
        all.locations.extend(d.locations);
        all.footprint.extend(d.footprint);
        for (a, b) in all.columns.iter_mut().zip(d.columns) {
            a.values.extend(b.values);
        }
    }
    Ok(all)
}

/// The notes every demand carries: how census secrecy was handled, and a header that nearly
/// names the aged 65+ column.
fn demand_notes(demand: &Demand) -> Vec<LocalText> {
    let mut notes = secrecy_notes(demand);
    notes.extend(near_miss_note(demand));
    notes
}

fn secrecy_notes(demand: &Demand) -> Vec<LocalText> {
    match demand.format {
        DemandFormat::EstatMesh(m) if m.merge_targets > 0 => vec![LocalText::new(
            format!(
                "census secrecy: {} cells published as is; {} merge targets and {} suppressed \
                 cells share their group's age and household breakdown, split in proportion to \
                 each cell's population (an estimate, not official data)",
                m.published_cells, m.merge_targets, m.suppressed_cells
            ),
            format!(
                "秘匿処理: 公開セル{}件。合算先{}件と秘匿セル{}件は、年齢・世帯の内訳を各セルの人口比で按分した推計値です（公式値ではありません）",
                m.published_cells, m.merge_targets, m.suppressed_cells
            ),
        )],
        _ => Vec::new(),
    }
}
