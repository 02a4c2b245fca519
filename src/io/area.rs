//! The area a council governs, read from GeoJSON (a municipal outline such as MLIT's N03).

use super::SourceText;
use crate::error::{Error, Location, Result};
use crate::model::Area;
use geo::{LineString, MultiPolygon, Polygon};
use serde_json::Value;

/// Reads a GeoJSON FeatureCollection, Feature or bare Polygon/MultiPolygon; every polygon of
/// every feature belongs to the area. `name` is the feature's `name` (or `N03_004`, N03's
/// municipality field) when it has one, else the file name.
pub fn read_area(src: &SourceText) -> Result<Area> {
    let root = geojson_root(
        src,
        "GeoJSON (a FeatureCollection, Feature, Polygon or MultiPolygon)",
    )?;
    let bad = at_path(src);
    let mut polygons = Vec::new();
    let mut name = None;
    let geometries: Vec<(String, &Value)> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => root
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("features", "an array of features", "none".into()))?
            .iter()
            .enumerate()
            .map(|(i, f)| {
                if name.is_none() {
                    name = feature_name(f);
                }
                (format!("features[{i}].geometry"), &f["geometry"])
            })
            .collect(),
        Some("Feature") => {
            name = feature_name(&root);
            vec![("geometry".into(), &root["geometry"])]
        }
        _ => vec![(String::new(), &root)],
    };
    for (path, g) in geometries {
        let coords = &g["coordinates"];
        let path = if path.is_empty() {
            "geometry".to_string()
        } else {
            path
        };
        match g.get("type").and_then(Value::as_str) {
            Some("Polygon") => {
                polygons.push(polygon(coords, &format!("{path}.coordinates"), &bad)?)
            }
            Some("MultiPolygon") => {
                let parts = coords.as_array().ok_or_else(|| {
                    bad(
                        &path,
                        "MultiPolygon coordinates (an array)",
                        coords.to_string(),
                    )
                })?;
                for (k, p) in parts.iter().enumerate() {
                    polygons.push(polygon(p, &format!("{path}.coordinates[{k}]"), &bad)?);
                }
            }
            other => {
                return Err(bad(
                    &path,
                    "a Polygon or MultiPolygon geometry",
                    other.map_or("no geometry type".into(), |t| format!("`{t}`")),
                ))
            }
        }
    }
    if polygons.is_empty() {
        return Err(bad("(root)", "at least one polygon", "none".into()));
    }
    Ok(Area {
        name: name.unwrap_or_else(|| src.name.clone()),
        outline: MultiPolygon::new(polygons),
    })
}

fn feature_name(f: &Value) -> Option<String> {
    let p = f.get("properties")?;
    ["name", "N03_004", "名称"]
        .iter()
        .find_map(|k| p.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

pub(crate) type Bad<'a> = dyn Fn(&str, &str, String) -> Error + 'a;

/// The JSON of a GeoJSON file, or an error at the line and column where it stops being JSON.
pub(crate) fn geojson_root(src: &SourceText, expected: &str) -> Result<Value> {
    serde_json::from_str(&src.text).map_err(|e| {
        Error::input(
            Location::at(src.name.clone(), e.line() as u64, Some(e.column())),
            expected,
            e.to_string(),
        )
    })
}

/// Errors at a JSON path of `src` (GeoJSON has no useful line for a value deep inside).
pub(crate) fn at_path(src: &SourceText) -> impl Fn(&str, &str, String) -> Error + '_ {
    move |path: &str, expected: &str, found: String| {
        Error::input(
            Location::file(format!("{} at {path}", src.name)),
            expected,
            found,
        )
    }
}

/// One polygon: an outer ring and any holes, each at least four closed positions of
/// longitude, latitude in range.
pub(crate) fn polygon(v: &Value, path: &str, bad: &Bad) -> Result<Polygon<f64>> {
    let rings = v
        .as_array()
        .filter(|r| !r.is_empty())
        .ok_or_else(|| bad(path, "an array of rings", v.to_string()))?;
    let mut out = Vec::with_capacity(rings.len());
    for (r, ring) in rings.iter().enumerate() {
        let at = format!("{path}[{r}]");
        let pts = ring
            .as_array()
            .filter(|p| p.len() >= 4)
            .ok_or_else(|| bad(&at, "a ring of at least 4 positions", short(ring)))?;
        let mut line = Vec::with_capacity(pts.len());
        for (i, p) in pts.iter().enumerate() {
            let xy = p
                .as_array()
                .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
            match xy {
                Some((x, y)) if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) => {
                    line.push((x, y))
                }
                _ => {
                    return Err(bad(
                        &format!("{at}[{i}]"),
                        "[longitude, latitude] in degrees (-180..180, -90..90)",
                        p.to_string(),
                    ))
                }
            }
        }
        out.push(LineString::from(line));
    }
    let outer = out.remove(0);
    Ok(Polygon::new(outer, out))
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn src(text: &str) -> SourceText {
        SourceText::utf8("area.geojson", text)
    }

    #[test]
    fn a_feature_collection_reads_with_its_name() {
        let a = read_area(&src(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"町"},
            "geometry":{"type":"Polygon","coordinates":[[[139,35],[140,35],[140,36],[139,36],[139,35]]]}}]}"#,
        ))
        .unwrap();
        assert_eq!(a.name, "町");
        assert!(a.contains(LatLon::new(35.5, 139.5)));
        assert!(!a.contains(LatLon::new(36.5, 139.5)));
    }

    #[test]
    fn bad_files_name_where() {
        let e = read_area(&src("{\"type\":\n  \"Polygon\",,}"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("area.geojson:2:"), "{e}");
        let e = read_area(&src(
            r#"{"type":"Polygon","coordinates":[[[139,35],[200,35],[140,36],[139,35]]]}"#,
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("coordinates[0][1]") && e.contains("[200,35]"),
            "{e}"
        );
        let e = read_area(&src(r#"{"type":"Point","coordinates":[139,35]}"#))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("Polygon or MultiPolygon") && e.contains("`Point`"),
            "{e}"
        );
    }
}
