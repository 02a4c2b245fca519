//! OSM PBF (`.osm.pbf`, what Geofabrik and BBBike serve), decoded by the `osmpbf` crate.

use super::read::Sink;
use crate::error::{Error, Location, Result};
use crate::model::LatLon;
use osmpbf::{Element, ElementReader};
use std::path::Path;

/// Streams the file at `path` into `sink`, block by block; a corrupt or truncated file is
/// refused naming it.
pub(super) fn read(path: &Path, sink: &mut Sink) -> Result<()> {
    let name = path.display().to_string();
    let corrupt = |e: osmpbf::Error| {
        Error::input(
            Location::file(name.clone()),
            "a complete, uncorrupted OpenStreetMap PBF file (.osm.pbf)",
            e.to_string(),
        )
    };
    let reader = ElementReader::from_path(path).map_err(corrupt)?;
    let mut failed: Option<Error> = None;
    let mut refs = Vec::new();
    reader
        .for_each(|element| {
            if failed.is_some() || crate::budget::stopped() {
                return;
            }
            let node = match &element {
                Element::Node(n) => Some((n.id(), n.lat(), n.lon())),
                Element::DenseNode(n) => Some((n.id(), n.lat(), n.lon())),
                _ => None,
            };
            if let Some((id, lat, lon)) = node {
                if let Err(e) = sink.node(id, LatLon::new(lat, lon)) {
                    failed = Some(e);
                }
            } else if let Element::Way(w) = &element {
                refs.clear();
                refs.extend(w.refs());
                sink.way(&refs, w.tags());
            }
        })
        .map_err(corrupt)?;
    failed.map_or(Ok(()), Err)
}
