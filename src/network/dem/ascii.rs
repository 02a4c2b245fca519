//! ESRI ASCII grids (`.asc`, what GDAL writes as AAIGrid and most GIS export): a header of
//! `key value` lines (`ncols`, `nrows`, `xllcorner`|`xllcenter`, `yllcorner`|`yllcenter`,
//! `cellsize` or `dx` and `dy`, optional `NODATA_value`), then the rows north to south.
//!
//! The format has no place for a reference system. A `.prj` beside the file (same name) is
//! read when present and must name WGS 84, JGD2011 or JGD2000 latitude/longitude. Without one
//! the grid is taken as latitude/longitude only when its numbers can be degrees (every corner
//! inside ±180°/±90° and cells no larger than [`MAX_ASSUMED_CELL_DEG`]): a projected grid in
//! metres (a UTM or plane-rectangular corner is hundreds of thousands, a cell is metres) never
//! passes, and JGD2011 and WGS 84 agree to under a metre, so the guess cannot mislead.

use super::{check_size, Crs, Dem, CRS_EXPECTED};
use crate::budget::MemoryLimit;
use crate::error::{Error, Location, Result};
use std::path::Path;

/// Largest cell (degrees) taken as latitude/longitude without a `.prj`: about 11 km, far
/// coarser than any grid a walk could use, far finer than a grid in metres.
pub const MAX_ASSUMED_CELL_DEG: f64 = 0.1;

/// The header as read; `None` until its line is seen.
#[derive(Default)]
struct Header {
    ncols: Option<usize>,
    nrows: Option<usize>,
    /// Value and whether it is the cell's centre (`xllcenter`) rather than its corner.
    xll: Option<(f64, bool)>,
    yll: Option<(f64, bool)>,
    dx: Option<f64>,
    dy: Option<f64>,
    nodata: Option<f64>,
}

const KEYS: &str =
    "a header key (ncols, nrows, xllcorner, xllcenter, yllcorner, yllcenter, cellsize, dx, dy, \
     NODATA_value) or the first row of numbers";

/// Reads the grid at `path` (named `file` in messages) and its reference.
pub fn read(path: &Path, file: &str, memory: MemoryLimit) -> Result<Dem> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(file, "reading", e))?;
    let mut h = Header::default();
    let mut lines = text.lines().enumerate().peekable();
    while let Some(&(i, line)) = lines.peek() {
        let mut f = line.split_whitespace();
        let Some(key) = f.next() else {
            lines.next();
            continue;
        };
        if key.parse::<f64>().is_ok() {
            break;
        }
        header_line(&mut h, key, f.next(), file, i as u64 + 1)?;
        lines.next();
    }
    let ncols = need(file, h.ncols, "ncols")?;
    let nrows = need(file, h.nrows, "nrows")?;
    let (xll, x_centre) = need(file, h.xll, "xllcorner")?;
    let (yll, y_centre) = need(file, h.yll, "yllcorner")?;
    let dx = need(file, h.dx, "cellsize")?;
    let dy = need(file, h.dy, "cellsize")?;
    check_size(memory, file, ncols as u64, nrows as u64)?;
    let west = if x_centre { xll } else { xll + dx / 2.0 };
    let south = if y_centre { yll } else { yll + dy / 2.0 };
    let north = south + dy * (nrows - 1) as f64;
    let (crs, assumed) = reference(path, file, (xll, yll), (dx, dy), (ncols, nrows))?;
    let cells = values(lines, ncols * nrows, h.nodata, file)?;
    Dem::new(
        file,
        crs,
        assumed,
        (ncols, nrows),
        (west, north),
        (dx, dy),
        cells,
    )
}

/// A header value, or the error naming the missing line.
fn need<T>(file: &str, v: Option<T>, key: &str) -> Result<T> {
    v.ok_or_else(|| {
        Error::input(
            Location::file(file),
            format!("a header line `{key}` in the ESRI ASCII grid"),
            "none before the first row of numbers",
        )
    })
}

/// One `key value` line into `h`.
fn header_line(
    h: &mut Header,
    key: &str,
    value: Option<&str>,
    file: &str,
    line: u64,
) -> Result<()> {
    let key_l = key.to_ascii_lowercase();
    let count = |v: &str| v.parse::<usize>().ok().filter(|&n| n > 0);
    let number = |v: &str| v.parse::<f64>().ok().filter(|x| x.is_finite());
    let bad_value = |what: &str| {
        Error::input(
            Location::at(file, line, Some(2)),
            format!("{what} after `{key}`"),
            format!("`{}`", value.unwrap_or("")),
        )
    };
    let v = value.unwrap_or("");
    match key_l.as_str() {
        "ncols" => h.ncols = Some(count(v).ok_or_else(|| bad_value("a whole number above 0"))?),
        "nrows" => h.nrows = Some(count(v).ok_or_else(|| bad_value("a whole number above 0"))?),
        "xllcorner" | "xllcenter" => {
            h.xll = Some((
                number(v).ok_or_else(|| bad_value("a number"))?,
                key_l.ends_with("center"),
            ))
        }
        "yllcorner" | "yllcenter" => {
            h.yll = Some((
                number(v).ok_or_else(|| bad_value("a number"))?,
                key_l.ends_with("center"),
            ))
        }
        "cellsize" | "dx" | "dy" => {
            let c = number(v)
                .filter(|&c| c > 0.0)
                .ok_or_else(|| bad_value("a cell size above 0"))?;
            if key_l != "dy" {
                h.dx = Some(c);
            }
            if key_l != "dx" {
                h.dy = Some(c);
            }
        }
        "nodata_value" => h.nodata = Some(number(v).ok_or_else(|| bad_value("a number"))?),
        _ => {
            return Err(Error::input(
                Location::at(file, line, Some(1)),
                KEYS,
                format!("`{key}`"),
            ))
        }
    }
    Ok(())
}

/// The grid's reference: from the `.prj` beside it, else assumed when its numbers are degrees.
fn reference(
    path: &Path,
    file: &str,
    (xll, yll): (f64, f64),
    (dx, dy): (f64, f64),
    (ncols, nrows): (usize, usize),
) -> Result<(Crs, bool)> {
    let prj = path.with_extension("prj");
    if prj.exists() {
        let name = prj.display().to_string();
        let wkt = std::fs::read_to_string(&prj).map_err(|e| Error::io(&name, "reading", e))?;
        let crs = classify_wkt(&wkt).map_err(|found| {
            Error::input(
                Location::file(name),
                CRS_EXPECTED,
                format!("{found} (for {file})"),
            )
        })?;
        return Ok((crs, false));
    }
    let (xur, yur) = (xll + dx * ncols as f64, yll + dy * nrows as f64);
    let degrees = (-180.0..=180.0).contains(&xll)
        && (-180.0..=180.0).contains(&xur)
        && (-90.0..=90.0).contains(&yll)
        && (-90.0..=90.0).contains(&yur)
        && dx.max(dy) <= MAX_ASSUMED_CELL_DEG;
    if !degrees {
        return Err(Error::input(
            Location::file(file),
            format!(
                "{CRS_EXPECTED}: a .prj beside the grid saying which, or a grid whose corners \
                 are degrees and cells at most {MAX_ASSUMED_CELL_DEG}°"
            ),
            format!(
                "no {} and a lower-left corner ({xll}, {yll}), cells {dx} × {dy}: not degrees \
                 (a projected grid?)",
                prj.display()
            ),
        ));
    }
    Ok((Crs::Jgd2011, true))
}

/// Which accepted reference a `.prj` (WKT, OGC or ESRI flavour) names, or what it names
/// instead. `TOWGS84[…]` (a shift to WGS 84 that any datum may carry) is ignored.
pub(crate) fn classify_wkt(wkt: &str) -> std::result::Result<Crs, String> {
    let flat: String = wkt
        .to_ascii_uppercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '\n' | '\r' | '\t'))
        .collect::<String>()
        .replace("TOWGS84", "");
    let shown: String = wkt.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown: String = shown.chars().take(80).collect();
    if flat.contains("PROJCS") || flat.contains("PROJCRS") {
        return Err(format!("a projected system, `{shown}…`"));
    }
    if !(flat.contains("GEOGCS") || flat.contains("GEOGCRS") || flat.contains("GEODCRS")) {
        return Err(format!("no geographic system (GEOGCS), `{shown}`"));
    }
    for (needles, crs) in [
        (&["JGD2011", "\"6668\"", ",6668]"][..], Crs::Jgd2011),
        (&["JGD2000", "\"4612\"", ",4612]"][..], Crs::Jgd2000),
        (&["WGS84", "WGS1984", "\"4326\"", ",4326]"][..], Crs::Wgs84),
    ] {
        if needles.iter().any(|n| flat.contains(n)) {
            return Ok(crs);
        }
    }
    Err(format!("another datum, `{shown}`"))
}

/// The cell values after the header, `count` of them, `nodata` as NaN; each bad number named
/// by line and field.
fn values<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    count: usize,
    nodata: Option<f64>,
    file: &str,
) -> Result<Vec<f32>> {
    let mut cells = Vec::with_capacity(count);
    let mut last_line = 0;
    for (i, line) in lines {
        last_line = i as u64 + 1;
        for (j, tok) in line.split_whitespace().enumerate() {
            let at = || Location::at(file, last_line, Some(j + 1));
            let v: f64 = tok.parse().map_err(|_| {
                Error::input(
                    at(),
                    "a number (an elevation in metres)",
                    format!("`{tok}`"),
                )
            })?;
            if cells.len() == count {
                return Err(Error::input(
                    at(),
                    format!("{count} values (ncols × nrows) and then the end of the file"),
                    format!("more: `{tok}`"),
                ));
            }
            let hole = Some(v) == nodata || !v.is_finite();
            cells.push(if hole { f32::NAN } else { v as f32 });
        }
    }
    if cells.len() < count {
        return Err(Error::input(
            Location::at(file, last_line.max(1), None),
            format!("{count} values (ncols × nrows)"),
            format!("only {} before the end of the file", cells.len()),
        ));
    }
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_texts_are_told_apart() {
        let wgs = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#;
        assert_eq!(classify_wkt(wgs), Ok(Crs::Wgs84));
        let jgd = r#"GEOGCRS["JGD2011",DATUM["Japanese Geodetic Datum 2011",ELLIPSOID["GRS 1980",6378137,298.257222101]],ID["EPSG",6668]]"#;
        assert_eq!(classify_wkt(jgd), Ok(Crs::Jgd2011));
        assert_eq!(classify_wkt(r#"GEOGCS["GCS_JGD_2000"]"#), Ok(Crs::Jgd2000));
        let tokyo = r#"GEOGCS["Tokyo",DATUM["Tokyo",SPHEROID["Bessel 1841",6377397.155,299.1528128],TOWGS84[-146.414,507.337,680.507,0,0,0,0]],AUTHORITY["EPSG","4301"]]"#;
        assert!(classify_wkt(tokyo).unwrap_err().contains("another datum"));
        let utm = r#"PROJCS["JGD2011 / Japan Plane Rectangular CS IX",GEOGCS["JGD2011"]]"#;
        assert!(classify_wkt(utm).unwrap_err().contains("projected"));
    }
}
