//! Demand as a points CSV: `id,lat,lon` (or `id,mesh_code`) plus numeric columns.

use super::check_unique;
use super::columns::{DEMAND, DEMAND_TEXT};
use super::text::{Cells, SourceText, Table};
use crate::error::Result;
use crate::model::MeshCode;
use crate::model::{Demand, DemandColumn, DemandFormat, LatLon};
use std::collections::HashMap;

/// Reads a points CSV. Each row is one demand point; every column other than the id, position
/// and the text columns (name, note, kind, district, address, town) is a count or weight (a
/// number, zero or more).
///
/// A `mesh_code` column may stand in for `lat,lon` (the point is placed at the cell centre), and
/// with it the data extent is the cells themselves rather than their centres.
///
/// Headers may use the Japanese names of [`DEMAND`] (`番号`, `緯度`, `人口`, `65歳以上`, …);
/// a count column the tool knows is named in English whatever its header (`人口` is
/// `population`), so the default weight and every output find it.
pub fn read_points(src: &SourceText) -> Result<Demand> {
    read_points_with_lines(src).map(|(demand, _)| demand)
}

/// [`read_points`], with the line each point was read from (for checks that name a line).
pub(super) fn read_points_with_lines(src: &SourceText) -> Result<(Demand, Vec<u64>)> {
    let table = Table::parse(src, DEMAND)?;
    let id_col = table.require("id", "the demand point id")?;
    let mesh_col = table.column("mesh_code");
    let (lat_col, lon_col) = match mesh_col {
        Some(_) => (table.column("lat"), table.column("lon")),
        None => (
            Some(table.require("lat", "latitude in degrees")?),
            Some(table.require("lon", "longitude in degrees")?),
        ),
    };
    if lat_col.is_some() != lon_col.is_some() {
        let missing = if lat_col.is_none() { "lat" } else { "lon" };
        table.require(missing, "goes with the other coordinate column")?;
    }
    table.require_rows("demand points")?;
    let fixed = [Some(id_col), mesh_col, lat_col, lon_col];
    let value_cols: Vec<usize> = (0..table.header.len())
        .filter(|c| !fixed.contains(&Some(*c)))
        .filter(|&c| {
            table
                .field(c)
                .is_none_or(|f| DEMAND_TEXT.iter().all(|t| t.name != f))
        })
        .collect();
    let n = table.records.len();
    let mut demand = Demand {
        ids: Vec::with_capacity(n),
        locations: Vec::with_capacity(n),
        columns: value_cols
            .iter()
            .map(|&c| DemandColumn {
                name: table.field(c).unwrap_or(&table.header[c]).to_string(),
                values: Vec::with_capacity(n),
            })
            .collect(),
        footprint: Vec::new(),
        format: DemandFormat::Points,
    };
    let mut seen = HashMap::with_capacity(n);
    let mut lines = Vec::with_capacity(n);
    for rec in &table.records {
        let cells = table.cells(rec)?;
        lines.push(cells.line());
        demand.ids.push(check_unique(&mut seen, &cells, id_col)?);
        let cell = match mesh_col {
            Some(c) => Some(mesh_cell(&cells, c)?),
            None => None,
        };
        let blank = |c: Option<usize>| c.is_none_or(|c| cells.text(c).is_empty());
        let location = match (lat_col, lon_col, cell) {
            (_, _, Some(cell)) if blank(lat_col) && blank(lon_col) => {
                let (lat, lon) = cell.centre();
                LatLon::new(lat, lon)
            }
            (Some(la), Some(lo), cell) => {
                let p = LatLon::new(cells.latitude(la)?, cells.longitude(lo)?);
                if let Some(cell) = cell {
                    check_inside(&cells, la, p, &cell)?;
                }
                p
            }
            _ => unreachable!("either lat/lon or mesh_code is required above"),
        };
        match cell {
            Some(cell) => demand
                .footprint
                .extend(cell.corners().map(|(lat, lon)| LatLon::new(lat, lon))),
            None => demand.footprint.push(location),
        }
        demand.locations.push(location);
        for (column, &c) in demand.columns.iter_mut().zip(&value_cols) {
            column.values.push(cells.non_negative(c)?);
        }
    }
    Ok((demand, lines))
}

/// Decodes the mesh code in a cell, with a located error.
pub(super) fn mesh_cell(cells: &Cells, col: usize) -> Result<MeshCode> {
    let text = cells.text(col);
    MeshCode::parse(&super::text::half_width(text))
        .map_err(|e| cells.error(col, e.to_string(), super::text::describe(text)))
}

fn check_inside(cells: &Cells, lat_col: usize, p: LatLon, cell: &MeshCode) -> Result<()> {
    let (s, w) = cell.south_west();
    let (n, e) = cell.north_east();
    if p.lat < s || p.lat > n || p.lon < w || p.lon > e {
        return Err(cells.error(
            lat_col,
            format!("a position inside mesh cell {cell} (or leave lat/lon empty)"),
            format!("{}, {}", p.lat, p.lon),
        ));
    }
    Ok(())
}
