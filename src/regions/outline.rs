//! Region outlines from GeoJSON (国土数値情報 N03 municipal boundaries, or any polygons): one
//! region per distinct value of a property, its polygons checked, and each point placed in the
//! one region that contains it.

use crate::error::{Error, Location, Result};
use crate::io::area::{at_path, geojson_root, polygon};
use crate::io::text::SourceText;
use crate::model::LatLon;
use geo::{Area, BooleanOps, BoundingRect, Contains, MultiPolygon, Point, Polygon, Validation};
use rstar::{RTree, RTreeObject, AABB};
use serde_json::Value;
use std::collections::BTreeMap;

/// Properties tried, in order, for a region's id when `--name-field` is not given: N03's
/// municipality code, then common names.
pub const ID_FIELDS: [&str; 4] = ["N03_007", "code", "id", "name"];
/// Shared area above which two regions overlap, in square degrees (about 100 m² in Japan):
/// outlines that meet along a border share none, and rounding slivers stay far below it.
const OVERLAP_DEG2: f64 = 1e-8;
/// Square metres in a square degree at 35° N (111 km × 91 km), for the message only.
const M2_PER_DEG2: f64 = 1.01e10;

/// Properties tried for a region's name in words.
const NAME_FIELDS: [&str; 3] = ["N03_004", "name", "名称"];

/// One region: its id, its name, and all its polygons (N03 gives one feature per island).
#[derive(Debug, Clone)]
pub struct Outline {
    /// The id (the property's value).
    pub id: String,
    /// The name in words.
    pub name: String,
    /// Its polygons, lon/lat degrees.
    pub shape: MultiPolygon<f64>,
}

/// Reads every feature; features with the same id are one region. Invalid polygons (crossing
/// rings, too few points, holes outside) are refused naming the feature.
pub fn read_outlines(src: &SourceText, field: Option<&str>) -> Result<Vec<Outline>> {
    let root = geojson_root(
        src,
        "GeoJSON (a FeatureCollection of Polygon or MultiPolygon features)",
    )?;
    let bad = at_path(src);
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("features", "a FeatureCollection's features", "none".into()))?;
    let mut by_id: BTreeMap<String, Outline> = BTreeMap::new();
    for (i, f) in features.iter().enumerate() {
        let at = format!("features[{i}]");
        let props = f.get("properties").unwrap_or(&Value::Null);
        let fields: Vec<&str> = field.map_or(ID_FIELDS.to_vec(), |f| vec![f]);
        let id = fields
            .iter()
            .find_map(|k| text(props.get(*k)?))
            .ok_or_else(|| {
                bad(
                    &format!("{at}.properties"),
                    &format!("a region id in {}", fields.join(" or ")),
                    short(props),
                )
            })?;
        let name = NAME_FIELDS
            .iter()
            .find_map(|k| text(props.get(*k)?))
            .unwrap_or_else(|| id.clone());
        let polys = geometry(&f["geometry"], &format!("{at}.geometry"), &bad)?;
        for (k, p) in polys.iter().enumerate() {
            if let Err(why) = p.check_validation() {
                return Err(bad(
                    &format!("{at}.geometry polygon {k} (region {id})"),
                    "a valid polygon (closed rings that do not cross themselves or each other)",
                    format!("one whose {why}"),
                ));
            }
        }
        let entry = by_id.entry(id.clone()).or_insert_with(|| Outline {
            id,
            name,
            shape: MultiPolygon::new(Vec::new()),
        });
        entry.shape.0.extend(polys);
    }
    if by_id.is_empty() {
        return Err(bad("features", "at least one region", "none".into()));
    }
    Ok(by_id.into_values().collect())
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

fn geometry(g: &Value, path: &str, bad: &crate::io::area::Bad) -> Result<Vec<Polygon<f64>>> {
    let coords = &g["coordinates"];
    match g.get("type").and_then(Value::as_str) {
        Some("Polygon") => Ok(vec![polygon(coords, &format!("{path}.coordinates"), bad)?]),
        Some("MultiPolygon") => coords
            .as_array()
            .ok_or_else(|| bad(path, "MultiPolygon coordinates (an array)", short(coords)))?
            .iter()
            .enumerate()
            .map(|(k, p)| polygon(p, &format!("{path}.coordinates[{k}]"), bad))
            .collect(),
        other => Err(bad(
            path,
            "a Polygon or MultiPolygon geometry",
            other.map_or("no geometry type".into(), |t| format!("`{t}`")),
        )),
    }
}

/// A polygon's bounding box in the index, with its region.
struct Boxed {
    region: usize,
    poly: Polygon<f64>,
    envelope: AABB<[f64; 2]>,
}

impl RTreeObject for Boxed {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.envelope
    }
}

/// The outlines, indexed for "which region holds this point".
pub struct Locator<'a> {
    outlines: &'a [Outline],
    tree: RTree<Boxed>,
    file: String,
}

impl<'a> Locator<'a> {
    /// Indexes the polygons; two regions that overlap are refused here when one's interior
    /// point lies in the other (and later at any demand point or site in both).
    pub fn new(outlines: &'a [Outline], file: &str) -> Result<Locator<'a>> {
        let mut items = Vec::new();
        for (r, o) in outlines.iter().enumerate() {
            for p in &o.shape.0 {
                if let Some(b) = p.bounding_rect() {
                    let envelope =
                        AABB::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]);
                    items.push(Boxed {
                        region: r,
                        poly: p.clone(),
                        envelope,
                    });
                }
            }
        }
        let loc = Locator {
            outlines,
            tree: RTree::bulk_load(items),
            file: file.to_string(),
        };
        loc.no_overlap()?;
        Ok(loc)
    }

    /// Refuses two regions whose polygons share more than [`OVERLAP_DEG2`] of area (a shared
    /// border, or slivers where two outlines were drawn at slightly different precision, are
    /// not an overlap).
    fn no_overlap(&self) -> Result<()> {
        for a in self.tree.iter() {
            for b in self.tree.locate_in_envelope_intersecting(&a.envelope) {
                if b.region <= a.region {
                    continue;
                }
                let shared = a.poly.intersection(&b.poly).unsigned_area();
                if shared > OVERLAP_DEG2 {
                    let (x, y) = (&self.outlines[a.region], &self.outlines[b.region]);
                    return Err(Error::input(
                        Location::file(&self.file),
                        "regions that do not overlap",
                        format!(
                            "regions {} ({}) and {} ({}) sharing about {:.0} m² (a feature \
                             given twice, or outlines of two levels mixed)",
                            x.id,
                            x.name,
                            y.id,
                            y.name,
                            shared * M2_PER_DEG2
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The one region containing `p` (`None`: outside every region); a point in two is an
    /// overlap, refused naming both.
    pub fn region_of(&self, p: LatLon) -> Result<Option<usize>> {
        let pt = Point::new(p.lon, p.lat);
        let mut found: Option<usize> = None;
        for b in self
            .tree
            .locate_in_envelope_intersecting(&AABB::from_point([p.lon, p.lat]))
        {
            if found == Some(b.region) || !b.poly.contains(&pt) {
                continue;
            }
            if let Some(first) = found {
                let (a, c) = (&self.outlines[first], &self.outlines[b.region]);
                let mut pair = [(&a.id, &a.name), (&c.id, &c.name)];
                pair.sort();
                return Err(Error::input(
                    Location::file(&self.file),
                    "regions that do not overlap",
                    format!(
                        "regions {} ({}) and {} ({}) both containing {:.6}, {:.6}",
                        pair[0].0, pair[0].1, pair[1].0, pair[1].1, p.lat, p.lon
                    ),
                ));
            }
            found = Some(b.region);
        }
        Ok(found)
    }
}
