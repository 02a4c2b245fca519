//! Reading an extract: which format it is, and what both readers keep (the nodes inside the
//! area, the segments between them of the ways the profile uses, with their costs per metre)
//! while streaming through the file.

use super::{graph::Graph, Area, Profile};
use crate::budget::MemoryLimit;
use crate::error::{Error, Location, Result};
use crate::model::LatLon;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// What the reader saw, for `network check` and for an error that says why nothing is left.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadStats {
    /// Nodes in the file.
    pub nodes_read: u64,
    /// Of those, inside the area kept.
    pub nodes_kept: u64,
    /// Ways in the file.
    pub ways_read: u64,
    /// Ways the profile uses (walkable, or drivable) with at least one segment inside the area.
    pub walkable_ways: u64,
    /// Of those, ways with nodes missing (absent from the file, as in an API export, or outside
    /// the area): only their present segments are kept.
    pub cut_ways: u64,
    /// The box of every node in the file, to say where an extract lies when it misses the data.
    pub file_area: Option<Area>,
    /// With an elevation grid (`--dem`): what it gave. `None`: the walks are on the flat.
    pub hills: Option<super::HillStats>,
}

/// Bytes per node kept while reading (a hash-map entry of id and position, with its slack).
const BYTES_PER_KEPT_NODE: u64 = 48;

/// How often (in kept nodes) the reader checks the memory limit.
const CHECK_EVERY: u64 = 1 << 18;

/// Collects what both readers keep; nodes come before ways in OSM files (the API, JOSM,
/// Geofabrik and BBBike all write them so), so each way is cut to the area as it arrives.
pub(super) struct Sink {
    file: String,
    area: Area,
    profile: Profile,
    memory: MemoryLimit,
    nodes: HashMap<i64, LatLon>,
    segments: Vec<(i64, i64, [f64; 2])>,
    stats: ReadStats,
}

impl Sink {
    fn new(file: String, area: Area, profile: Profile, memory: MemoryLimit) -> Sink {
        Sink {
            file,
            area,
            profile,
            memory,
            nodes: HashMap::new(),
            segments: Vec::new(),
            stats: ReadStats::default(),
        }
    }

    /// A node of the file: kept when inside the area.
    pub(super) fn node(&mut self, id: i64, at: LatLon) -> Result<()> {
        self.stats.nodes_read += 1;
        match &mut self.stats.file_area {
            Some(a) => a.include(at),
            None => self.stats.file_area = Some(Area::point(at)),
        }
        if !self.area.contains(at) {
            return Ok(());
        }
        self.nodes.insert(id, at);
        self.stats.nodes_kept += 1;
        if self.stats.nodes_kept % CHECK_EVERY == 0 {
            self.memory.check(
                format!("the nodes of {} inside the data's area", self.file),
                self.stats.nodes_kept * BYTES_PER_KEPT_NODE,
                "use an extract cut closer to the data, or a smaller radius; ",
            )?;
        }
        Ok(())
    }

    /// A way of the file: when the profile uses it, its segments whose two nodes were kept,
    /// each with the way's cost per metre along its node order and against it.
    pub(super) fn way<'a>(
        &mut self,
        refs: &[i64],
        tags: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) {
        self.stats.ways_read += 1;
        let Some(per_metre) = self.profile.per_metre(tags) else {
            return;
        };
        let before = self.segments.len();
        let mut missing = false;
        for pair in refs.windows(2) {
            match (
                self.nodes.contains_key(&pair[0]),
                self.nodes.contains_key(&pair[1]),
            ) {
                (true, true) => self.segments.push((pair[0], pair[1], per_metre)),
                _ => missing = true,
            }
        }
        if self.segments.len() > before {
            self.stats.walkable_ways += 1;
            self.stats.cut_ways += u64::from(missing);
        }
    }
}

/// Reads the extract at `path` for walking ([`read_streets`] with [`Profile::Walk`]).
pub fn read_network(path: &Path, area: Area, memory: MemoryLimit) -> Result<(Graph, ReadStats)> {
    read_streets(path, area, Profile::Walk, memory)
}

/// Reads the extract at `path` (OSM XML or PBF, told apart by content), keeping only the
/// streets inside `area` that `profile` uses, and builds their graph (costs in the profile's
/// unit). Refused, naming the file: a file that is neither, a corrupt or truncated one, one
/// that does not overlap `area`, one with no such street there, and a graph that would not fit
/// in `memory`.
pub fn read_streets(
    path: &Path,
    area: Area,
    profile: Profile,
    memory: MemoryLimit,
) -> Result<(Graph, ReadStats)> {
    let name = path.display().to_string();
    let mut sink = Sink::new(name.clone(), area, profile, memory);
    match sniff(path, &name)? {
        Kind::Xml => super::xml::read(path, &mut sink)?,
        Kind::Pbf => super::pbf::read(path, &mut sink)?,
    }
    let Sink {
        nodes,
        segments,
        stats,
        ..
    } = sink;
    if stats.nodes_kept == 0 {
        let found = match stats.file_area {
            Some(a) => format!("{} nodes, all outside it ({a})", stats.nodes_read),
            None => "no nodes at all".to_string(),
        };
        return Err(Error::input(
            Location::file(name),
            format!("an OpenStreetMap extract covering the data's area ({area})"),
            found,
        ));
    }
    if segments.is_empty() {
        return Err(Error::input(
            Location::file(name),
            format!("{} in the data's area ({area})", profile.streets()),
            format!(
                "none among {} nodes there and {} ways in the file",
                stats.nodes_kept, stats.ways_read
            ),
        ));
    }
    let graph = Graph::build(&nodes, segments, memory, &name, profile)?;
    Ok((graph, stats))
}

enum Kind {
    Xml,
    Pbf,
}

/// XML starts with `<` (after a byte-order mark or blanks); PBF with a 4-byte length and a
/// blob header naming `OSMHeader`.
fn sniff(path: &Path, name: &str) -> Result<Kind> {
    let mut head = Vec::with_capacity(64);
    std::fs::File::open(path)
        .and_then(|f| f.take(64).read_to_end(&mut head))
        .map_err(|e| Error::io(name, "reading", e))?;
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Ok(Kind::Xml);
    }
    if head.len() > 4 && head.windows(9).any(|w| w == b"OSMHeader") {
        return Ok(Kind::Pbf);
    }
    let found = if head.is_empty() {
        "an empty file".to_string()
    } else {
        format!(
            "a file starting with bytes {:02x?}",
            &head[..head.len().min(8)]
        )
    };
    Err(Error::input(
        Location::file(name),
        "an OpenStreetMap extract: OSM XML (.osm) or PBF (.osm.pbf)",
        found,
    ))
}
