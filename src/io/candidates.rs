//! Candidate sites CSV: `id,lat,lon` plus optional name, kind, space and any extra columns.

use super::check_unique;
use super::columns::CANDIDATES;
use super::text::{SourceText, Table};
use crate::error::Result;
use crate::model::{CandidateSite, Candidates, LatLon};
use std::collections::HashMap;

/// Reads candidate sites. Empty space cells mean "unknown"; `width_m` and `length_m` come as a
/// pair. Columns the tool does not know are kept, in order, and written to every output.
/// Headers may use the Japanese names of [`CANDIDATES`] (`ID`, `名称`, `緯度`, `駐車台数`, …).
pub fn read_candidates(src: &SourceText) -> Result<Candidates> {
    let table = Table::parse(src, CANDIDATES)?;
    let id = table.require("id", "the candidate site id")?;
    let lat = table.require("lat", "latitude in degrees")?;
    let lon = table.require("lon", "longitude in degrees")?;
    table.require_rows("candidate sites")?;
    let col = |name: &str| table.column(name);
    let (name, kind, slots, area, width, length, note) = (
        col("name"),
        col("kind"),
        col("vehicle_slots"),
        col("area_m2"),
        col("width_m"),
        col("length_m"),
        col("note"),
    );
    let extra_cols: Vec<usize> = (0..table.header.len())
        .filter(|&c| table.field(c).is_none())
        .collect();
    let mut out = Candidates {
        sites: Vec::with_capacity(table.records.len()),
        extra_columns: extra_cols
            .iter()
            .map(|&c| table.header[c].clone())
            .collect(),
    };
    let mut seen = HashMap::new();
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let site = CandidateSite {
            id: check_unique(&mut seen, &cells, id)?,
            location: LatLon::new(cells.latitude(lat)?, cells.longitude(lon)?),
            name: cells.opt_text(name),
            written_name: None,
            kind: cells.opt_text(kind),
            vehicle_slots: cells.opt_count(slots, 1_000_000)?,
            area_m2: cells.opt_positive(area, 1e8)?,
            width_m: cells.opt_positive(width, 10_000.0)?,
            length_m: cells.opt_positive(length, 10_000.0)?,
            note: cells.opt_text(note),
            extra: extra_cols
                .iter()
                .map(|&c| cells.text(c).to_string())
                .collect(),
            line: Some(rec.line),
        };
        if site.width_m.is_some() != site.length_m.is_some() {
            let empty = if site.width_m.is_none() {
                width
            } else {
                length
            };
            let missing = empty.or(width).or(length).expect("one of them has a value");
            return Err(cells.error(
                missing,
                "width_m and length_m together (or neither, and area_m2)",
                "only one of them",
            ));
        }
        out.sites.push(site);
    }
    out.disambiguate_names();
    Ok(out)
}
