//! GeoTIFF grids (`.tif`, what GDAL and QGIS write, and what GSI's DEM converts to): one band
//! of 16- or 32-bit integers or 32- or 64-bit floats, placed by ModelPixelScale (33550) and
//! ModelTiepoint (33922), its reference in the GeoKeyDirectory (34735, GeographicTypeGeoKey
//! 2048), its no-data value in GDAL_NODATA (42113). Decoding is the `tiff` crate's.

use super::{check_size, Crs, Dem, CRS_EXPECTED};
use crate::budget::MemoryLimit;
use crate::error::{Error, Location, Result};
use std::path::Path;
use tiff::decoder::{Decoder, DecodingResult, Limits};
use tiff::tags::Tag;
use tiff::TiffError;

/// GeoKeys read: the model type (1 projected, 2 geographic), pixel-is-area or -point, the
/// geographic and the projected system.
const MODEL_TYPE: u16 = 1024;
const RASTER_TYPE: u16 = 1025;
const GEOGRAPHIC_TYPE: u16 = 2048;
const PROJECTED_TYPE: u16 = 3072;

/// Reads the grid at `path` (named `file` in messages).
pub fn read(path: &Path, file: &str, memory: MemoryLimit) -> Result<Dem> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(file, "reading", e))?;
    let bad =
        |e: TiffError| Error::input(Location::file(file), "a readable GeoTIFF", format!("{e}"));
    let mut limits = Limits::default();
    limits.decoding_buffer_size = usize::MAX;
    let mut d = Decoder::new(std::io::BufReader::new(f))
        .map_err(bad)?
        .with_limits(limits);
    let (w, h) = d.dimensions().map_err(bad)?;
    let bands: u16 = d
        .find_tag_unsigned(Tag::SamplesPerPixel)
        .map_err(bad)?
        .unwrap_or(1);
    if bands != 1 {
        return Err(Error::input(
            Location::file(file),
            "a single-band grid (one elevation per cell)",
            format!("{bands} bands"),
        ));
    }
    let keys = geokeys(&mut d, file)?;
    let crs = reference(&keys, file)?;
    let scale = tag_f64s(
        &mut d,
        Tag::ModelPixelScaleTag,
        file,
        "ModelPixelScale (33550)",
        2,
    )?;
    let tie = tag_f64s(
        &mut d,
        Tag::ModelTiepointTag,
        file,
        "ModelTiepoint (33922)",
        6,
    )?;
    let nodata = match d.find_tag(Tag::GdalNodata).map_err(bad)? {
        Some(v) => Some(nodata_value(v.into_string().map_err(bad)?, file)?),
        None => None,
    };
    check_size(memory, file, u64::from(w), u64::from(h))?;
    let cells = samples(d.read_image().map_err(bad)?, nodata, file)?;
    // Pixel-is-area (the default) ties the tie point to a cell's corner, pixel-is-point to
    // its centre.
    let centre = if key(&keys, RASTER_TYPE) == Some(2) {
        0.0
    } else {
        0.5
    };
    let (dx, dy) = (scale[0], scale[1]);
    let west = tie[3] + (centre - tie[0]) * dx;
    let north = tie[4] - (centre - tie[1]) * dy;
    let size = (w as usize, h as usize);
    Dem::new(file, crs, false, size, (west, north), (dx, dy), cells)
}

/// The GeoKeyDirectory as `(key, value)` for keys stored in the directory itself.
fn geokeys<R: std::io::Read + std::io::Seek>(
    d: &mut Decoder<R>,
    file: &str,
) -> Result<Vec<(u16, u16)>> {
    let dir: Option<Vec<u16>> = d
        .find_tag_unsigned_vec(Tag::GeoKeyDirectoryTag)
        .map_err(|e| Error::input(Location::file(file), "a GeoKeyDirectory", e.to_string()))?;
    let Some(dir) = dir else {
        return Err(Error::input(
            Location::file(file),
            format!("{CRS_EXPECTED} in a GeoKeyDirectory (tag 34735)"),
            "a TIFF without one: a plain image, not a GeoTIFF",
        ));
    };
    Ok(dir
        .get(4..)
        .unwrap_or(&[])
        .chunks_exact(4)
        .filter(|k| k[1] == 0)
        .map(|k| (k[0], k[3]))
        .collect())
}

fn key(keys: &[(u16, u16)], id: u16) -> Option<u16> {
    keys.iter().find(|k| k.0 == id).map(|k| k.1)
}

/// The accepted reference the keys name, or what they name instead.
fn reference(keys: &[(u16, u16)], file: &str) -> Result<Crs> {
    let found = match (key(keys, MODEL_TYPE), key(keys, GEOGRAPHIC_TYPE)) {
        (Some(1), _) => match key(keys, PROJECTED_TYPE) {
            Some(32767) | None => "a user-defined projected system".to_string(),
            Some(c) => format!("a projected system, EPSG:{c}"),
        },
        (Some(3), _) => "a geocentric model".to_string(),
        (_, Some(32767)) => "a user-defined geographic system (GeographicTypeGeoKey 32767)".into(),
        (_, Some(c)) => match Crs::from_epsg(u32::from(c)) {
            Some(crs) => return Ok(crs),
            None => format!("EPSG:{c} (GeographicTypeGeoKey)"),
        },
        (_, None) => "no GeographicTypeGeoKey (2048)".to_string(),
    };
    Err(Error::input(Location::file(file), CRS_EXPECTED, found))
}

/// At least `n` finite numbers of `tag`, with a positive scale where it is the pixel size.
fn tag_f64s<R: std::io::Read + std::io::Seek>(
    d: &mut Decoder<R>,
    tag: Tag,
    file: &str,
    name: &str,
    n: usize,
) -> Result<Vec<f64>> {
    let v = d
        .find_tag(tag)
        .ok()
        .flatten()
        .and_then(|v| v.into_f64_vec().ok())
        .filter(|v| v.len() >= n && v.iter().all(|x| x.is_finite()));
    let v = v.ok_or_else(|| {
        Error::input(
            Location::file(file),
            format!("a {name} tag placing the grid north up (no ModelTransformation)"),
            "none, or not numbers",
        )
    })?;
    Ok(v)
}

fn nodata_value(s: String, file: &str) -> Result<f64> {
    let t = s.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    t.parse::<f64>()
        .or_else(|_| match t.to_ascii_lowercase().as_str() {
            "nan" => Ok(f64::NAN),
            _ => Err(Error::input(
                Location::file(file),
                "a number in GDAL_NODATA (tag 42113)",
                format!("`{t}`"),
            )),
        })
}

/// The cells as `f32`, no-data and NaN as NaN.
fn samples(image: DecodingResult, nodata: Option<f64>, file: &str) -> Result<Vec<f32>> {
    let to = |v: f64| {
        if Some(v) == nodata || !v.is_finite() {
            f32::NAN
        } else {
            v as f32
        }
    };
    Ok(match image {
        DecodingResult::I16(v) => v.into_iter().map(|x| to(f64::from(x))).collect(),
        DecodingResult::U16(v) => v.into_iter().map(|x| to(f64::from(x))).collect(),
        DecodingResult::I32(v) => v.into_iter().map(|x| to(f64::from(x))).collect(),
        DecodingResult::F32(v) => v.into_iter().map(|x| to(f64::from(x))).collect(),
        DecodingResult::F64(v) => v.into_iter().map(to).collect(),
        other => {
            let kind = match other {
                DecodingResult::U8(_) => "8-bit integers",
                DecodingResult::I8(_) => "signed 8-bit integers",
                DecodingResult::U32(_) => "unsigned 32-bit integers",
                DecodingResult::U64(_) | DecodingResult::I64(_) => "64-bit integers",
                _ => "16-bit floats",
            };
            return Err(Error::input(
                Location::file(file),
                "elevations as 16- or 32-bit integers or 32- or 64-bit floats",
                kind,
            ));
        }
    })
}
