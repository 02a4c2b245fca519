//! OSM XML (`.osm`, what the OSM API and JOSM export), streamed with `quick-xml`: nodes are
//! handed to the [`Sink`] one by one, a way once its closing tag is read.

use super::read::Sink;
use crate::error::{Error, Location, Result};
use crate::model::LatLon;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;
use std::io::BufRead;
use std::path::Path;

/// The way being read: its node references and tags.
#[derive(Default)]
struct OpenWay {
    refs: Vec<i64>,
    tags: Vec<(String, String)>,
}

/// Streams the file at `path` into `sink`.
pub(super) fn read(path: &Path, sink: &mut Sink) -> Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(&name, "reading", e))?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(file));
    let mut buf = Vec::new();
    let mut root = false;
    let mut way: Option<OpenWay> = None;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position();
                return Err(located(path, at, "well-formed OSM XML", e.to_string()));
            }
        };
        let at = reader.buffer_position();
        match event {
            Event::Start(e) | Event::Empty(e) if !root => {
                if e.name().as_ref() != b"osm" {
                    let found = format!("<{}>", String::from_utf8_lossy(e.name().as_ref()));
                    return Err(located(
                        path,
                        at,
                        "OpenStreetMap XML (root element <osm>)",
                        found,
                    ));
                }
                root = true;
            }
            Event::Start(e) | Event::Empty(e) => element(&e, path, at, sink, &mut way)?,
            Event::End(e) if e.name().as_ref() == b"way" => {
                if let Some(w) = way.take() {
                    let tags = w.tags.iter().map(|(k, v)| (k.as_str(), v.as_str()));
                    sink.way(&w.refs, tags);
                }
            }
            Event::Eof if !root => {
                return Err(located(
                    path,
                    at,
                    "OpenStreetMap XML (root element <osm>)",
                    "no element",
                ));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
        if crate::budget::stopped() {
            return Ok(());
        }
    }
}

/// One element inside `<osm>`: a node, a way's start, or a way's `<nd>` and `<tag>`.
fn element(
    e: &BytesStart,
    path: &Path,
    at: u64,
    sink: &mut Sink,
    way: &mut Option<OpenWay>,
) -> Result<()> {
    match e.name().as_ref() {
        b"node" => {
            let id = number::<i64>(e, b"id", path, at, "a node id")?;
            let lat = number::<f64>(e, b"lat", path, at, "a latitude from -90 to 90")?;
            let lon = number::<f64>(e, b"lon", path, at, "a longitude from -180 to 180")?;
            if !(lat.abs() <= 90.0 && lon.abs() <= 180.0) {
                let found = format!("lat=\"{lat}\" lon=\"{lon}\"");
                return Err(located(path, at, "a node position in degrees", found));
            }
            sink.node(id, LatLon::new(lat, lon))
        }
        b"way" => {
            *way = Some(OpenWay::default());
            Ok(())
        }
        b"nd" => {
            if let Some(w) = way {
                w.refs
                    .push(number::<i64>(e, b"ref", path, at, "a node reference")?);
            }
            Ok(())
        }
        b"tag" => {
            if let Some(w) = way {
                let k = text(e, b"k", path, at)?;
                let v = text(e, b"v", path, at)?;
                w.tags.push((k, v));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn attribute(e: &BytesStart, key: &[u8], path: &Path, at: u64) -> Result<Option<String>> {
    for a in e.attributes() {
        let a = a.map_err(|err| located(path, at, "well-formed attributes", err.to_string()))?;
        if a.key.as_ref() == key {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| located(path, at, "a well-formed value", err.to_string()))?;
            return Ok(Some(v.into_owned()));
        }
    }
    Ok(None)
}

fn text(e: &BytesStart, key: &[u8], path: &Path, at: u64) -> Result<String> {
    Ok(attribute(e, key, path, at)?.unwrap_or_default())
}

fn number<T: std::str::FromStr>(
    e: &BytesStart,
    key: &[u8],
    path: &Path,
    at: u64,
    what: &str,
) -> Result<T> {
    let key_text = String::from_utf8_lossy(key);
    match attribute(e, key, path, at)? {
        Some(v) => v.trim().parse().map_err(|_| {
            located(
                path,
                at,
                format!("{what} in `{key_text}`"),
                format!("`{v}`"),
            )
        }),
        None => Err(located(
            path,
            at,
            format!("{what} in `{key_text}`"),
            "no such attribute",
        )),
    }
}

/// An error at byte `at` of the file, as line and column (read again only now, on error).
fn located(path: &Path, at: u64, expected: impl Into<String>, found: impl Into<String>) -> Error {
    let name = path.display().to_string();
    let (line, column) = line_column(path, at).unwrap_or((1, 1));
    Error::input(Location::at(name, line, Some(column)), expected, found)
}

fn line_column(path: &Path, at: u64) -> Option<(u64, usize)> {
    let file = std::fs::File::open(path).ok()?;
    let mut reader = std::io::BufReader::new(std::io::Read::take(file, at));
    let (mut line, mut column) = (1u64, 1usize);
    loop {
        let chunk = reader.fill_buf().ok()?;
        if chunk.is_empty() {
            return Some((line, column));
        }
        for &b in chunk {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        let n = chunk.len();
        reader.consume(n);
    }
}
