//! Built graphs kept between runs, so the second run on the same extract starts at once.
//!
//! Reading a city out of a prefecture-sized extract takes seconds; a planner runs `rank`,
//! `solve` and `report` on the same extract many times. The graph built for an extract and an
//! area is written to a cache directory under a key that hashes the extract's bytes and
//! everything else that changes the graph, and read back from there on the next run. A cache
//! problem never changes a result: a missing, unreadable, corrupt or stale file is rebuilt
//! (with a warning), and a cache that cannot be written only costs the next run its speed.

use super::{stored, Area, Graph, NetworkSpec, ReadStats};
use crate::error::Result;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The cache directory when none is named: `$XDG_CACHE_HOME/mobile-stops`, else
/// `~/.cache/mobile-stops`; `None` when neither variable is set (then nothing is cached).
pub fn default_cache_dir() -> Option<PathBuf> {
    let from = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    from("XDG_CACHE_HOME")
        .or_else(|| from("HOME").map(|h| h.join(".cache")))
        .map(|d| d.join("mobile-stops"))
}

/// What identifies a built graph: a BLAKE3 hash over the inputs that change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheKey(pub [u8; 32]);

impl CacheKey {
    /// The cache file's name.
    pub fn file_name(&self) -> String {
        format!("{}.graph", blake3::Hash::from(self.0).to_hex())
    }
}

/// The key of the graph `spec` builds over `area`: the extract's bytes, the area and the
/// cache format. An error when the extract cannot be read (the read then reports it).
pub fn cache_key(spec: &NetworkSpec, area: &Area) -> std::io::Result<CacheKey> {
    // Every field that changes the graph is in the key. The destructuring names each field, so
    // a new one does not compile until it is either hashed below or said not to matter.
    let NetworkSpec {
        file,
        // Change the graph only through the area, which is hashed.
        snap_max_m: _,
        reach: _,
        // Where the graph is kept, not what it is.
        cache: _,
        // The cache holds the streets before their slopes are priced (see `NetworkSpec::graph`).
        dem: _,
        walk_speed_m_s: _,
        profile,
    } = spec;
    let mut h = blake3::Hasher::new();
    h.update(b"mobile-stops street graph");
    h.update(&stored::VERSION.to_le_bytes());
    h.update(file_hash(file)?.as_bytes());
    h.update(format!("{profile:?}").as_bytes());
    for x in [area.min_lat, area.min_lon, area.max_lat, area.max_lon] {
        h.update(&x.to_le_bytes());
    }
    Ok(CacheKey(*h.finalize().as_bytes()))
}

/// The extract's contents (not its name or date: a copy hits, a re-download that changed
/// misses), read in large blocks.
fn file_hash(path: &Path) -> std::io::Result<blake3::Hash> {
    let mut file = std::fs::File::open(path)?;
    let mut h = blake3::Hasher::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(h.finalize());
        }
        h.update(&buf[..n]);
    }
}

/// The graph for `key` from the cache in `dir` when a sound one is there, else `build()`'s,
/// stored for the next run. Errors are `build()`'s only.
pub fn cached_or_build(
    dir: &Path,
    key: CacheKey,
    build: impl FnOnce() -> Result<(Graph, ReadStats)>,
) -> Result<(Graph, ReadStats)> {
    let path = dir.join(key.file_name());
    match std::fs::read(&path) {
        Ok(bytes) => match stored::decode(&bytes, &key.0) {
            Ok(found) => return Ok(found),
            Err(why) => warn(&path, &format!("{why}; building the graph again")),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => warn(
            &path,
            &format!("cannot be read ({e}); building the graph again"),
        ),
    }
    let built = build()?;
    if let Err(e) = store(dir, &path, &stored::encode(&key.0, &built.0, &built.1)) {
        warn(
            &path,
            &format!("cannot be written ({e}); the next run reads the extract again"),
        );
    }
    Ok(built)
}

/// Written whole to a temporary file beside it, then renamed: a reader never sees half a
/// file, and two runs writing at once leave one complete file.
fn store(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A cache problem changes no result and leaves the caller nothing to decide: it is said on
/// standard error, where every command's notes go.
fn warn(path: &Path, what: &str) {
    eprintln!(
        "mobile-stops: warning: street graph cache {}: {what}",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn triangle() -> (Graph, ReadStats) {
        let nodes = vec![
            LatLon::new(35.0, 139.0),
            LatLon::new(35.001, 139.0),
            LatLon::new(35.0, 139.001),
        ];
        let g = Graph::from_parts(nodes, vec![(0, 1), (0, 2), (1, 2)])
            .with_costs(|e| [1.0 + e as f64, f64::INFINITY]);
        let stats = ReadStats {
            nodes_read: 7,
            nodes_kept: 3,
            ways_read: 2,
            walkable_ways: 1,
            cut_ways: 1,
            file_area: Some(Area::point(LatLon::new(35.0, 139.0))),
            hills: None,
        };
        (g, stats)
    }

    #[test]
    fn a_stored_graph_reads_back_equal() {
        let (g, s) = triangle();
        let key = [7u8; 32];
        assert_eq!(
            stored::decode(&stored::encode(&key, &g, &s), &key),
            Ok((g, s))
        );
    }

    #[test]
    fn every_damaged_file_is_refused_with_a_reason() {
        let (g, s) = triangle();
        let key = [7u8; 32];
        let good = stored::encode(&key, &g, &s);
        let refused = |bytes: &[u8]| stored::decode(bytes, &key).unwrap_err();
        assert!(refused(&good[..good.len() - 1]).contains("bytes"));
        assert!(refused(&good[..20]).contains("cut short"));
        assert!(refused(b"hello").contains("not a mobile-stops"));
        assert!(stored::decode(&good, &[8u8; 32])
            .unwrap_err()
            .contains("key"));
        let mut version = good.clone();
        version[8] += 1;
        assert!(refused(&version).contains("version"));
        for at in [good.len() - 1, good.len() / 2 + 40] {
            let mut flipped = good.clone();
            flipped[at] ^= 0x10;
            assert!(refused(&flipped).contains("checksum"), "byte {at}");
        }
    }

    #[test]
    fn arrays_that_do_not_make_a_graph_are_refused_even_with_a_good_checksum() {
        let (mut g, s) = triangle();
        let (to, e) = g.adjacent[0];
        g.adjacent[0] = (to, (e + 1) % 3);
        let key = [7u8; 32];
        let why = stored::decode(&stored::encode(&key, &g, &s), &key).unwrap_err();
        assert!(why.contains("neighbour lists"), "{why}");
    }
}
