//! Survey answers and existing shops: optional inputs that unlock the need and far-from-shop terms.

use super::check_unique;
use super::columns::{STORES, SURVEYS};
use super::points::mesh_cell;
use super::text::{SourceText, Table};
use crate::error::Result;
use crate::model::{LatLon, Store, SurveyPlace};
use std::collections::HashMap;

/// Reads survey answers: one row per place (`lat,lon` or `mesh_code`) with `respondents` and
/// `would_use` (whole numbers, `would_use` at most `respondents`).
/// Headers may use the Japanese names of [`SURVEYS`] (`回答者数`, `利用したい`, …).
pub fn read_surveys(src: &SourceText) -> Result<Vec<SurveyPlace>> {
    let table = Table::parse(src, SURVEYS)?;
    let lat = table.column("lat");
    let lon = table.column("lon");
    let mesh = table.column("mesh_code");
    if mesh.is_none() || lat.is_some() || lon.is_some() {
        table.require("lat", "latitude, or give a `mesh_code` column instead")?;
        table.require("lon", "longitude, or give a `mesh_code` column instead")?;
    }
    let respondents = table.require("respondents", "how many people answered")?;
    let would_use = table.require("would_use", "how many said they would use the shop")?;
    table.require_rows("survey places")?;
    let mut out = Vec::with_capacity(table.records.len());
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let location = match (lat, lon, mesh) {
            (Some(la), Some(lo), m)
                if m.is_none() || !cells.text(la).is_empty() || !cells.text(lo).is_empty() =>
            {
                LatLon::new(cells.latitude(la)?, cells.longitude(lo)?)
            }
            (_, _, Some(m)) => {
                let (la, lo) = mesh_cell(&cells, m)?.centre();
                LatLon::new(la, lo)
            }
            _ => unreachable!("lat/lon or mesh_code is required above"),
        };
        let n = cells.count(respondents, 10_000_000)?;
        let k = cells.count(would_use, 10_000_000)?;
        if k > n {
            return Err(cells.error(
                would_use,
                format!("at most the {n} respondents"),
                format!("`{k}`"),
            ));
        }
        out.push(SurveyPlace {
            line: rec.line,
            location,
            respondents: n,
            would_use: k,
        });
    }
    Ok(out)
}

/// Reads existing food shops: `id,lat,lon` and optional `name,kind` (or their Japanese names
/// in [`STORES`]).
pub fn read_stores(src: &SourceText) -> Result<Vec<Store>> {
    let table = Table::parse(src, STORES)?;
    let id = table.require("id", "the shop id")?;
    let lat = table.require("lat", "latitude in degrees")?;
    let lon = table.require("lon", "longitude in degrees")?;
    let (name, kind) = (table.column("name"), table.column("kind"));
    table.require_rows("shops")?;
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(table.records.len());
    for rec in &table.records {
        let cells = table.cells(rec)?;
        out.push(Store {
            id: check_unique(&mut seen, &cells, id)?,
            location: LatLon::new(cells.latitude(lat)?, cells.longitude(lon)?),
            name: cells.opt_text(name),
            kind: cells.opt_text(kind),
        });
    }
    Ok(out)
}
