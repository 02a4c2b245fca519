//! Bad extracts and flags: exit 2 naming the file and what was expected, nothing written.

use super::{helsinki, nerima};
use crate::helpers::{run, stderr};
use std::path::Path;

const DEMAND: &str = "examples/network/demand.csv";
const SITES: &str = "examples/network/candidates.csv";

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .display()
        .to_string()
}

/// Runs `network matrix` on `network` with `extra` flags, expecting exit 2, no output file,
/// and every one of `says` in the message; returns the message.
fn refused(network: &Path, extra: &[&str], says: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.csv");
    let (net, from, to, out_s) = (
        network.display().to_string(),
        repo(DEMAND),
        repo(SITES),
        out.display().to_string(),
    );
    let mut args = vec![
        "network",
        "matrix",
        "--network",
        &net,
        "--from",
        &from,
        "--to",
        &to,
        "--out",
        &out_s,
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(!out.exists(), "{args:?} wrote {}", out.display());
    for s in says {
        assert!(err.contains(s), "{args:?}: `{s}` not in: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    err
}

fn written(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    (dir, p)
}

#[test]
fn truncated_and_corrupt_pbf_are_refused_by_name() {
    let whole = std::fs::read(helsinki()).unwrap();
    let (_d, half) = written("half.osm.pbf", &whole[..whole.len() / 2]);
    refused(
        &half,
        &[],
        &[
            "half.osm.pbf",
            "expected a complete, uncorrupted OpenStreetMap PBF",
        ],
    );
    let mut bad = whole.clone();
    for b in &mut bad[whole.len() / 3..whole.len() / 3 + 4000] {
        *b ^= 0x5A;
    }
    let (_d, corrupt) = written("corrupt.osm.pbf", &bad);
    refused(&corrupt, &[], &["corrupt.osm.pbf", "PBF"]);
    let (_d, junk) = written("junk.osm.pbf", b"\x00\x01\x02\x03 not a map at all");
    refused(
        &junk,
        &[],
        &["junk.osm.pbf", "expected an OpenStreetMap extract"],
    );
    let (_d, empty) = written("empty.osm", b"");
    refused(&empty, &[], &["empty.osm", "an empty file"]);
}

#[test]
fn xml_that_is_not_osm_or_is_broken_is_refused_with_its_line() {
    let (_d, html) = written(
        "page.osm",
        b"<?xml version=\"1.0\"?>\n<html><body/></html>\n",
    );
    refused(&html, &[], &["page.osm:2:", "root element <osm>", "<html>"]);
    let text = std::fs::read_to_string(nerima()).unwrap();
    let (_d, cut) = written("cut.osm", &text.as_bytes()[..text.len() / 2]);
    refused(&cut, &[], &["cut.osm:", "expected well-formed OSM XML"]);
    let bad_lat = "<osm>\n <node id=\"1\" lat=\"north\" lon=\"139.66\"/>\n</osm>\n";
    let (_d, lat) = written("lat.osm", bad_lat.as_bytes());
    refused(&lat, &[], &["lat.osm:2:", "a latitude", "`north`"]);
}

#[test]
fn an_extract_elsewhere_or_without_streets_in_the_area_is_refused() {
    refused(
        &helsinki(),
        &[],
        &[
            "helsinki.osm.pbf",
            "covering the data's area",
            "all outside it",
        ],
    );
    let rails = "<osm>\n <node id=\"1\" lat=\"35.75\" lon=\"139.66\"/>\n \
                 <node id=\"2\" lat=\"35.75\" lon=\"139.67\"/>\n <way id=\"9\"><nd ref=\"1\"/>\
                 <nd ref=\"2\"/><tag k=\"railway\" v=\"rail\"/></way>\n</osm>\n";
    let (_d, rail) = written("rail.osm", rails.as_bytes());
    refused(
        &rail,
        &[],
        &[
            "rail.osm",
            "expected walkable streets",
            "none among 2 nodes",
        ],
    );
    // `network check` on the embedded (Chigasaki) data with the Nerima extract.
    let o = run(&[
        "network",
        "check",
        "--network",
        &nerima().display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nerima.osm: expected an OpenStreetMap extract covering"));
}

#[test]
fn snapping_distance_and_radius_must_be_positive() {
    for bad in ["0", "-5", "nan", "abc"] {
        refused(
            &nerima(),
            &["--snap-max-m", bad],
            &["--snap-max-m", "greater than 0"],
        );
        refused(&nerima(), &["--max-m", bad], &["--max-m"]);
    }
}

#[test]
fn a_graph_over_the_memory_limit_is_refused_with_its_estimate() {
    let err = refused(
        &nerima(),
        &["--max-memory-gb", "0.0001"],
        &["nerima.osm", "needs about"],
    );
    assert!(
        err.contains("walking graph") || err.contains("nodes of"),
        "{err}"
    );
}
