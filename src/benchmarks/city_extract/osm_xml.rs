//! Writes a generated extract as OSM XML the way the OSM API and JOSM do: a `<bounds>`, every
//! node (with the version and timestamp real exports carry), then every way with its `<nd>`s
//! and `<tag>`s.

use super::layout::{plan, Plan};
use super::{CityExtractSpec, ExtractSize};
use crate::network::walkable;
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use std::io::{BufWriter, Write};
use std::path::Path;

/// When every generated object was last edited, as an export states it.
const TIMESTAMP: &str = "2024-06-01T00:00:00Z";

/// Writes the extract of `spec` to `path` (replacing it), and says how large it is.
pub fn write_osm_xml(path: &Path, spec: &CityExtractSpec) -> std::io::Result<ExtractSize> {
    let plan = plan(spec);
    let file = std::fs::File::create(path)?;
    let mut w = Writer::new_with_indent(BufWriter::with_capacity(1 << 20, file), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut size = ExtractSize {
        nodes: 0,
        ways: 0,
        street_ways: 0,
        bytes: 0,
    };
    w.create_element("osm")
        .with_attributes([
            ("version", "0.6"),
            ("generator", "mobile-stops benchmarks::city_extract"),
        ])
        .write_inner_content(|w| {
            let a = spec.area;
            w.create_element("bounds")
                .with_attributes([
                    ("minlat", format!("{:.7}", a.min_lat).as_str()),
                    ("minlon", format!("{:.7}", a.min_lon).as_str()),
                    ("maxlat", format!("{:.7}", a.max_lat).as_str()),
                    ("maxlon", format!("{:.7}", a.max_lon).as_str()),
                ])
                .write_empty()?;
            size.nodes = nodes(w, &plan)?;
            (size.ways, size.street_ways) = ways(w, &plan)?;
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.write_all(b"\n")?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    size.bytes = file.metadata()?.len();
    Ok(size)
}

/// Every node some way uses, ids from 1 in the plan's order.
fn nodes<W: Write>(w: &mut Writer<W>, plan: &Plan) -> std::io::Result<u64> {
    let mut used = vec![false; plan.nodes.len()];
    for way in &plan.ways {
        for &r in &way.refs {
            used[r as usize] = true;
        }
    }
    let mut n = 0;
    for (i, p) in plan.nodes.iter().enumerate().filter(|&(i, _)| used[i]) {
        w.create_element("node")
            .with_attributes([
                ("id", (i + 1).to_string().as_str()),
                ("version", "1"),
                ("timestamp", TIMESTAMP),
                ("lat", format!("{:.7}", p.lat).as_str()),
                ("lon", format!("{:.7}", p.lon).as_str()),
            ])
            .write_empty()?;
        n += 1;
    }
    Ok(n)
}

/// Every way, ids from 1; returns how many, and how many a walker may use.
fn ways<W: Write>(w: &mut Writer<W>, plan: &Plan) -> std::io::Result<(u64, u64)> {
    let mut streets = 0;
    for (i, way) in plan.ways.iter().enumerate() {
        let pairs = way.tags.iter().map(|(k, v)| (*k, v.as_str()));
        streets += u64::from(walkable(pairs));
        w.create_element("way")
            .with_attributes([
                ("id", (i + 1).to_string().as_str()),
                ("version", "1"),
                ("timestamp", TIMESTAMP),
            ])
            .write_inner_content(|w| {
                for &r in &way.refs {
                    w.create_element("nd")
                        .with_attribute(("ref", (r + 1).to_string().as_str()))
                        .write_empty()?;
                }
                for (k, v) in &way.tags {
                    w.create_element("tag")
                        .with_attributes([("k", *k), ("v", v.as_str())])
                        .write_empty()?;
                }
                Ok(())
            })?;
    }
    Ok((plan.ways.len() as u64, streets))
}
