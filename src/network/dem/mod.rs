//! Hills: an elevation grid (`--dem`) read from an ESRI ASCII grid or a GeoTIFF, the height it
//! gives anywhere inside it, and what walking up or down a street costs (Tobler).
//!
//! Older residents feel every slope: a stop 400 m away up a hill is farther for them than one
//! 400 m away on the flat. With a grid, each street segment costs the distance on the flat that
//! takes as long to walk ("flat-equivalent metres"), uphill and downhill apart, so a radius keeps
//! its meaning ("as far as R metres take on the flat") and a walking speed turns it into minutes.
//!
//! Grids must be latitude/longitude on WGS 84 (EPSG:4326), JGD2011 (EPSG:6668) or JGD2000
//! (EPSG:4612): GSI's 基盤地図情報 DEM is JGD2011, and the three differ by under a metre here,
//! far less than a grid cell, so they are read alike. Any other reference is refused.

mod ascii;
mod geotiff;
mod slopes;
mod tobler;

pub use slopes::{hill_costs, HillStats};
pub use tobler::{flat_factor, tobler_kmh};

use crate::budget::MemoryLimit;
use crate::error::{Error, Location, Result};
use crate::model::LatLon;
use crate::spatial::EARTH_RADIUS_M;
use std::path::Path;

/// The latitude/longitude references a grid may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// WGS 84 (EPSG:4326), what GPS and OpenStreetMap use.
    Wgs84,
    /// JGD2011 (EPSG:6668), Japan's datum since 2011 and GSI's DEM's.
    Jgd2011,
    /// JGD2000 (EPSG:4612), the datum before it, still in older conversions.
    Jgd2000,
}

impl Crs {
    /// The reference for an EPSG code of a geographic system, if accepted.
    pub fn from_epsg(code: u32) -> Option<Crs> {
        match code {
            4326 => Some(Crs::Wgs84),
            6668 => Some(Crs::Jgd2011),
            4612 => Some(Crs::Jgd2000),
            _ => None,
        }
    }

    /// How outputs name it.
    pub fn name(self) -> &'static str {
        match self {
            Crs::Wgs84 => "WGS 84 (EPSG:4326)",
            Crs::Jgd2011 => "JGD2011 (EPSG:6668)",
            Crs::Jgd2000 => "JGD2000 (EPSG:4612)",
        }
    }
}

/// What a file says of its reference, for messages: the accepted ones, by name.
pub(crate) const CRS_EXPECTED: &str =
    "latitude/longitude on WGS 84 (EPSG:4326), JGD2011 (EPSG:6668) or JGD2000 (EPSG:4612)";

/// An elevation grid: cell values in metres, rows north to south, no-data cells as NaN.
#[derive(Debug, Clone, PartialEq)]
pub struct Dem {
    file: String,
    crs: Crs,
    /// Whether the reference was assumed (an ASCII grid without `.prj` and degree extents).
    crs_assumed: bool,
    ncols: usize,
    nrows: usize,
    /// Longitude of the centre of the westmost column.
    west: f64,
    /// Latitude of the centre of the northmost row.
    north: f64,
    /// Cell width (longitude) and height (latitude), degrees.
    dx: f64,
    dy: f64,
    cells: Vec<f32>,
}

impl Dem {
    /// Reads `path` by its extension: `.asc` (ESRI ASCII grid) or `.tif`/`.tiff` (GeoTIFF);
    /// refused before reading when its cells would not fit in `memory`.
    pub fn read(path: &Path, memory: MemoryLimit) -> Result<Dem> {
        let name = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("asc") => ascii::read(path, &name, memory),
            Some("tif") | Some("tiff") => geotiff::read(path, &name, memory),
            other => Err(Error::input(
                Location::file(name),
                "an elevation grid named .asc (ESRI ASCII grid) or .tif/.tiff (GeoTIFF)",
                match other {
                    Some(e) => format!("a .{e} file"),
                    None => "a file without extension".to_string(),
                },
            )),
        }
    }

    /// Checks the grid's shape and numbers once for both readers; `cells` is rows north to
    /// south, `west`/`north` the centre of the first cell.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        file: &str,
        crs: Crs,
        crs_assumed: bool,
        (ncols, nrows): (usize, usize),
        (west, north): (f64, f64),
        (dx, dy): (f64, f64),
        cells: Vec<f32>,
    ) -> Result<Dem> {
        let bad = |what: String| Err(Error::input(Location::file(file), CRS_EXPECTED, what));
        if ncols == 0 || nrows == 0 || cells.len() != ncols * nrows {
            return Err(Error::input(
                Location::file(file),
                "a grid of at least one cell",
                format!("{ncols} columns × {nrows} rows, {} values", cells.len()),
            ));
        }
        if !(dx.is_finite() && dy.is_finite() && dx > 0.0 && dy > 0.0) {
            return bad(format!("a cell size of {dx} × {dy}"));
        }
        let (east, south) = (
            west + dx * (ncols - 1) as f64,
            north - dy * (nrows - 1) as f64,
        );
        if !(-180.0..=180.0).contains(&west)
            || !(-180.0..=180.0).contains(&east)
            || !(-90.0..=90.0).contains(&south)
            || !(-90.0..=90.0).contains(&north)
        {
            return bad(format!(
                "cell centres at longitude {west}–{east}, latitude {south}–{north}, not degrees"
            ));
        }
        Ok(Dem {
            file: file.to_string(),
            crs,
            crs_assumed,
            ncols,
            nrows,
            west,
            north,
            dx,
            dy,
            cells,
        })
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Its reference, and whether it was assumed rather than read from the file.
    pub fn crs(&self) -> (Crs, bool) {
        (self.crs, self.crs_assumed)
    }

    /// The box the grid covers (cell edges), for messages.
    pub fn bounds(&self) -> super::Area {
        super::Area {
            min_lat: self.north - self.dy * (self.nrows as f64 - 0.5),
            max_lat: self.north + self.dy / 2.0,
            min_lon: self.west - self.dx / 2.0,
            max_lon: self.west + self.dx * (self.ncols as f64 - 0.5),
        }
    }

    /// The shorter side of a cell in metres at the grid's middle: the step at which a long
    /// segment is sampled, so no cell's slope is skipped.
    pub fn cell_m(&self) -> f64 {
        let b = self.bounds();
        let mid = ((b.min_lat + b.max_lat) / 2.0).to_radians().cos();
        let per_deg = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        (self.dy * per_deg).min(self.dx * per_deg * mid)
    }

    /// Elevation in metres at `p`, bilinear between the four nearest cell centres (the
    /// nearest row or column at the grid's outer half-cell). `None` outside the grid or where a
    /// cell it draws on has no data: a hole is never read as sea level.
    pub fn elevation(&self, p: LatLon) -> Option<f64> {
        if !self.bounds().contains(p) {
            return None;
        }
        let fc = ((p.lon - self.west) / self.dx).clamp(0.0, (self.ncols - 1) as f64);
        let fr = ((self.north - p.lat) / self.dy).clamp(0.0, (self.nrows - 1) as f64);
        let (c0, r0) = (fc.floor() as usize, fr.floor() as usize);
        let (c1, r1) = ((c0 + 1).min(self.ncols - 1), (r0 + 1).min(self.nrows - 1));
        let (tc, tr) = (fc - c0 as f64, fr - r0 as f64);
        let mut sum = 0.0;
        for (r, wr) in [(r0, 1.0 - tr), (r1, tr)] {
            for (c, wc) in [(c0, 1.0 - tc), (c1, tc)] {
                let w = wr * wc;
                if w > 0.0 {
                    let v = self.cells[r * self.ncols + c];
                    if v.is_nan() {
                        return None;
                    }
                    sum += w * f64::from(v);
                }
            }
        }
        Some(sum)
    }
}

/// Bytes per cell held (`f32`) and while decoding (up to `f64`).
pub(crate) const BYTES_PER_CELL: u64 = 4 + 8;

/// Refuses a grid whose cells would not fit in `memory`, before reading them.
pub(crate) fn check_size(memory: MemoryLimit, file: &str, ncols: u64, nrows: u64) -> Result<()> {
    memory.check(
        format!("the elevation grid {file} ({ncols} × {nrows} cells)"),
        ncols.saturating_mul(nrows).saturating_mul(BYTES_PER_CELL),
        "cut the grid to the area of the data; ",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cells: Vec<f32>) -> Dem {
        Dem::new(
            "t.asc",
            Crs::Wgs84,
            false,
            (3, 2),
            (139.0, 35.1),
            (0.1, 0.1),
            cells,
        )
        .unwrap()
    }

    #[test]
    fn bilinear_between_centres_and_flat_beyond_the_outer_ones() {
        let d = grid(vec![0.0, 10.0, 20.0, 100.0, 110.0, 120.0]);
        let at = |lat, lon| d.elevation(LatLon::new(lat, lon));
        assert_eq!(at(35.1, 139.0), Some(0.0));
        assert!((at(35.1, 139.05).unwrap() - 5.0).abs() < 1e-9);
        assert!((at(35.05, 139.15).unwrap() - 65.0).abs() < 1e-9);
        // The outer half-cell takes the outermost centres.
        assert!((at(35.14, 138.96).unwrap() - 0.0).abs() < 1e-9);
        assert!((at(34.96, 139.24).unwrap() - 120.0).abs() < 1e-9);
        assert_eq!(at(35.16, 139.0), None);
        assert_eq!(at(35.0, 139.26), None);
    }

    #[test]
    fn a_hole_gives_no_elevation_around_it_only() {
        let d = grid(vec![0.0, f32::NAN, 20.0, 100.0, 110.0, 120.0]);
        assert_eq!(d.elevation(LatLon::new(35.08, 139.05)), None);
        assert_eq!(d.elevation(LatLon::new(35.0, 139.0)), Some(100.0));
        assert_eq!(d.elevation(LatLon::new(35.1, 139.0)), Some(0.0));
    }

    #[test]
    fn shapes_and_extents_that_are_not_a_degree_grid_are_refused() {
        let e = Dem::new(
            "t.asc",
            Crs::Wgs84,
            true,
            (2, 1),
            (500000.0, 3900000.0),
            (5.0, 5.0),
            vec![0.0; 2],
        );
        assert!(e.unwrap_err().to_string().contains("not degrees"));
        let e = Dem::new(
            "t.asc",
            Crs::Wgs84,
            true,
            (2, 2),
            (139.0, 35.0),
            (0.1, 0.1),
            vec![0.0; 3],
        );
        assert!(e.unwrap_err().to_string().contains("3 values"));
    }
}
