//! The graph cache's file: a small versioned header, then the graph's arrays little-endian.
//!
//! A cache file is read back only when everything about it checks out: the magic bytes, the
//! format version, the key it was written for, array lengths that add up to the file's size
//! exactly, a BLAKE3 checksum of the arrays, and a graph whose segments, adjacency and costs
//! agree with each other. Anything else is a reason (returned, to be shown as a warning) and
//! the graph is built again from the extract: a cache is never trusted blindly.

use super::{Area, Graph, ReadStats};
use crate::model::LatLon;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"MSGRAPH\n";

/// Raised whenever the layout below changes, so an older file is rebuilt, never misread.
pub(super) const VERSION: u32 = 1;

/// Bytes before the arrays: magic, version, key, three counts, five statistics, the file's
/// box (a flag and four numbers) and the arrays' checksum.
const HEADER: usize = 8 + 4 + 32 + 3 * 8 + 5 * 8 + 1 + 4 * 8 + 32;

/// The file for `graph` and `stats`, built for `key`.
pub(super) fn encode(key: &[u8; 32], graph: &Graph, stats: &ReadStats) -> Vec<u8> {
    let mut payload = Vec::with_capacity(payload_len(graph).unwrap_or(0));
    for p in &graph.nodes {
        put_f64s(&mut payload, &[p.lat, p.lon]);
    }
    for &(a, b) in &graph.edges {
        payload.extend(a.to_le_bytes());
        payload.extend(b.to_le_bytes());
    }
    put_f64s(&mut payload, &graph.lengths_m);
    for c in &graph.costs {
        put_f64s(&mut payload, c);
    }
    for &o in &graph.offsets {
        payload.extend((o as u64).to_le_bytes());
    }
    for &(n, e) in &graph.adjacent {
        payload.extend(n.to_le_bytes());
        payload.extend(e.to_le_bytes());
    }
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend(MAGIC);
    out.extend(VERSION.to_le_bytes());
    out.extend(key);
    for n in [graph.nodes.len(), graph.edges.len(), graph.adjacent.len()] {
        out.extend((n as u64).to_le_bytes());
    }
    for n in [
        stats.nodes_read,
        stats.nodes_kept,
        stats.ways_read,
        stats.walkable_ways,
        stats.cut_ways,
    ] {
        out.extend(n.to_le_bytes());
    }
    let a = stats
        .file_area
        .unwrap_or(Area::point(LatLon::new(0.0, 0.0)));
    out.push(u8::from(stats.file_area.is_some()));
    put_f64s(&mut out, &[a.min_lat, a.min_lon, a.max_lat, a.max_lon]);
    out.extend(blake3::hash(&payload).as_bytes());
    out.extend(payload);
    out
}

fn put_f64s(out: &mut Vec<u8>, xs: &[f64]) {
    for x in xs {
        out.extend(x.to_le_bytes());
    }
}

fn payload_len(g: &Graph) -> Option<usize> {
    sizes(g.nodes.len(), g.edges.len(), g.adjacent.len())
}

/// Bytes of the arrays for these counts (`None` when they overflow: a forged header).
fn sizes(nodes: usize, edges: usize, adjacent: usize) -> Option<usize> {
    let n = nodes.checked_mul(16)?;
    let e = edges.checked_mul(8 + 8 + 16)?;
    let o = nodes.checked_add(1)?.checked_mul(8)?;
    let a = adjacent.checked_mul(8)?;
    n.checked_add(e)?.checked_add(o)?.checked_add(a)
}

/// Reads bytes in order; `None` when the file ends first.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
}

/// The graph and statistics in `bytes`, or why they cannot be used.
pub(super) fn decode(bytes: &[u8], key: &[u8; 32]) -> Result<(Graph, ReadStats), String> {
    let short = || format!("the file is cut short ({} bytes)", bytes.len());
    let mut c = Cursor(bytes);
    if c.take(MAGIC.len()) != Some(MAGIC.as_slice()) {
        return Err("not a mobile-stops graph cache file".into());
    }
    let version = c.u32().ok_or_else(short)?;
    if version != VERSION {
        return Err(format!(
            "format version {version}, this build reads {VERSION}"
        ));
    }
    if c.take(32).ok_or_else(short)? != key.as_slice() {
        return Err("written for other inputs (its key differs)".into());
    }
    let counts = read_counts(&mut c).ok_or_else(short)?;
    let stats = read_stats(&mut c).ok_or_else(short)?;
    let sum = c.take(32).ok_or_else(short)?;
    let expected = sizes(counts.0, counts.1, counts.2);
    if expected != Some(c.0.len()) {
        return Err(format!(
            "its arrays take {} bytes, its header says {}",
            c.0.len(),
            expected.map_or("more than memory can hold".into(), |n| n.to_string())
        ));
    }
    if blake3::hash(c.0).as_bytes() != sum {
        return Err("its checksum does not match (the file is corrupt)".into());
    }
    let graph = read_graph(&mut c, counts).ok_or_else(short)?;
    check(&graph)?;
    Ok((graph, stats))
}

fn read_counts(c: &mut Cursor) -> Option<(usize, usize, usize)> {
    Some((c.count()?, c.count()?, c.count()?))
}

fn read_stats(c: &mut Cursor) -> Option<ReadStats> {
    let mut stats = ReadStats {
        nodes_read: c.u64()?,
        nodes_kept: c.u64()?,
        ways_read: c.u64()?,
        walkable_ways: c.u64()?,
        cut_ways: c.u64()?,
        file_area: None,
        // Slopes are priced after the cache (see `NetworkSpec::graph`).
        hills: None,
    };
    let has_area = c.take(1)?[0] == 1;
    let area = Area {
        min_lat: c.f64()?,
        min_lon: c.f64()?,
        max_lat: c.f64()?,
        max_lon: c.f64()?,
    };
    stats.file_area = has_area.then_some(area);
    Some(stats)
}

fn read_graph(c: &mut Cursor, (n, e, adj): (usize, usize, usize)) -> Option<Graph> {
    let mut g = Graph {
        nodes: Vec::with_capacity(n),
        edges: Vec::with_capacity(e),
        lengths_m: Vec::with_capacity(e),
        costs: Vec::with_capacity(e),
        offsets: Vec::with_capacity(n + 1),
        adjacent: Vec::with_capacity(adj),
    };
    for _ in 0..n {
        g.nodes.push(LatLon::new(c.f64()?, c.f64()?));
    }
    for _ in 0..e {
        g.edges.push((c.u32()?, c.u32()?));
    }
    for _ in 0..e {
        g.lengths_m.push(c.f64()?);
    }
    for _ in 0..e {
        g.costs.push([c.f64()?, c.f64()?]);
    }
    for _ in 0..=n {
        g.offsets.push(usize::try_from(c.u64()?).ok()?);
    }
    for _ in 0..adj {
        g.adjacent.push((c.u32()?, c.u32()?));
    }
    Some(g)
}

/// Whether the arrays make a graph: positions on the globe, segments sorted between existing
/// nodes, lengths and costs not negative, and each node's neighbours its segments' other ends.
fn check(g: &Graph) -> Result<(), String> {
    let n = g.nodes.len();
    let bad = |what: &str| Err(format!("its {what} do not make a street graph"));
    if !g
        .nodes
        .iter()
        .all(|p| p.lat.abs() <= 90.0 && p.lon.abs() <= 180.0)
    {
        return bad("node positions");
    }
    let sorted = g.edges.windows(2).all(|w| w[0] < w[1]);
    if !sorted || !g.edges.iter().all(|&(a, b)| a < b && (b as usize) < n) {
        return bad("segments");
    }
    let fine = |x: f64| x >= 0.0; // false for NaN; infinite costs are closed directions
    if !g.lengths_m.iter().all(|&m| fine(m) && m.is_finite())
        || !g.costs.iter().all(|c| fine(c[0]) && fine(c[1]))
    {
        return bad("lengths or costs");
    }
    let offsets_ok = g.offsets.first() == Some(&0)
        && g.offsets.windows(2).all(|w| w[0] <= w[1])
        && g.offsets.last() == Some(&g.adjacent.len())
        && g.adjacent.len() == 2 * g.edges.len();
    if !offsets_ok {
        return bad("adjacency offsets");
    }
    for v in 0..n {
        for &(to, e) in &g.adjacent[g.offsets[v]..g.offsets[v + 1]] {
            let ends = ((v as u32).min(to), (v as u32).max(to));
            if g.edges.get(e as usize) != Some(&ends) {
                return bad("neighbour lists");
            }
        }
    }
    Ok(())
}
