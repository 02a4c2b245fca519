//! Bad extracts and flags: exit 2 naming the file and what was expected, nothing written.

use super::{helsinki, matrix_refused, nerima};
use crate::helpers::{run, stderr};

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
    matrix_refused(
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
    matrix_refused(&corrupt, &[], &["corrupt.osm.pbf", "PBF"]);
    let (_d, junk) = written("junk.osm.pbf", b"\x00\x01\x02\x03 not a map at all");
    matrix_refused(
        &junk,
        &[],
        &["junk.osm.pbf", "expected an OpenStreetMap extract"],
    );
    let (_d, empty) = written("empty.osm", b"");
    matrix_refused(&empty, &[], &["empty.osm", "an empty file"]);
}

#[test]
fn xml_that_is_not_osm_or_is_broken_is_refused_with_its_line() {
    let (_d, html) = written(
        "page.osm",
        b"<?xml version=\"1.0\"?>\n<html><body/></html>\n",
    );
    matrix_refused(&html, &[], &["page.osm:2:", "root element <osm>", "<html>"]);
    let text = std::fs::read_to_string(nerima()).unwrap();
    let (_d, cut) = written("cut.osm", &text.as_bytes()[..text.len() / 2]);
    matrix_refused(&cut, &[], &["cut.osm:", "expected well-formed OSM XML"]);
    let bad_lat = "<osm>\n <node id=\"1\" lat=\"north\" lon=\"139.66\"/>\n</osm>\n";
    let (_d, lat) = written("lat.osm", bad_lat.as_bytes());
    matrix_refused(&lat, &[], &["lat.osm:2:", "a latitude", "`north`"]);
}

#[test]
fn an_extract_elsewhere_or_without_streets_in_the_area_is_refused() {
    matrix_refused(
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
    matrix_refused(
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
        matrix_refused(
            &nerima(),
            &["--snap-max-m", bad],
            &["--snap-max-m", "greater than 0"],
        );
        matrix_refused(&nerima(), &["--max-m", bad], &["--max-m"]);
    }
}

#[test]
fn a_graph_over_the_memory_limit_is_refused_with_its_estimate() {
    let err = matrix_refused(
        &nerima(),
        &["--max-memory-gb", "0.0001"],
        &["nerima.osm", "needs about"],
    );
    assert!(
        err.contains("walking graph") || err.contains("nodes of"),
        "{err}"
    );
}
