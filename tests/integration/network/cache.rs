//! The street graph cache: a second run reads the graph the first one stored (same output, the
//! file left as it was); a damaged cache file is rebuilt with a warning, never trusted; the key
//! follows the extract's bytes and the area; `--no-network-cache` and the default directory.

use super::{area, nerima};
use crate::helpers::{command, output, stderr, stdout};
use mobile_stops::network::{cache_key, NetworkSpec};
use std::path::{Path, PathBuf};
use std::process::Output;

/// `network check` of the Nerima example data, JSON, with `extra` flags.
fn check(extra: &[&str]) -> Output {
    let net = nerima().display().to_string();
    let mut cmd = command();
    cmd.args(["network", "check", "--network", &net, "--format", "json"])
        .args(["--data", "examples/network"])
        .args(extra);
    let o = output(&mut cmd);
    assert!(o.status.success(), "{extra:?}: {}", stderr(&o));
    o
}

fn graphs_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|e| e == "graph"));
    found.sort();
    found
}

fn modified(p: &Path) -> std::time::SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

#[test]
fn a_second_run_reads_the_stored_graph_and_gives_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().display().to_string();
    let first = check(&["--network-cache", &cache]);
    let stored = graphs_in(dir.path());
    assert_eq!(stored.len(), 1, "one graph stored: {stored:?}");
    let written = modified(&stored[0]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = check(&["--network-cache", &cache]);
    assert_eq!(stdout(&second), stdout(&first));
    assert!(!stderr(&second).contains("warning"), "{}", stderr(&second));
    assert_eq!(graphs_in(dir.path()), stored);
    assert_eq!(modified(&stored[0]), written, "a hit does not write again");
    let plain = check(&["--no-network-cache"]);
    assert_eq!(stdout(&plain), stdout(&first), "the cache changes nothing");
}

#[test]
fn a_damaged_cache_file_is_rebuilt_with_a_warning_and_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().display().to_string();
    let expected = stdout(&check(&["--network-cache", &cache]));
    let file = graphs_in(dir.path()).remove(0);
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let middle = good.len() / 2;
    flipped[middle] ^= 0x01;
    let cases: [(&[u8], &str); 4] = [
        (&flipped, "checksum"),
        (&good[..good.len() - 3], "its arrays take"),
        (&good[..30], "cut short"),
        (b"<osm>not a graph</osm>", "not a mobile-stops graph cache"),
    ];
    for (bytes, why) in cases {
        std::fs::write(&file, bytes).unwrap();
        let o = check(&["--network-cache", &cache]);
        assert_eq!(stdout(&o), expected, "{why}");
        let err = stderr(&o);
        assert!(
            err.contains("warning: street graph cache") && err.contains(why),
            "{why}: {err}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            good,
            "rebuilt and stored again"
        );
    }
}

#[test]
fn a_cache_that_cannot_be_written_costs_only_speed() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let o = check(&["--network-cache", &not_a_dir.display().to_string()]);
    assert!(stderr(&o).contains("cannot be written"), "{}", stderr(&o));
    assert_eq!(stdout(&o), stdout(&check(&["--no-network-cache"])));
}

#[test]
fn the_default_directory_is_under_xdg_cache_home_and_the_flag_turns_it_off() {
    let home = tempfile::tempdir().unwrap();
    let net = nerima().display().to_string();
    let run = |extra: &[&str]| {
        let mut cmd = command();
        cmd.env("XDG_CACHE_HOME", home.path())
            .args(["network", "check", "--network", &net])
            .args(["--data", "examples/network"])
            .args(extra);
        assert!(output(&mut cmd).status.success());
    };
    let dir = home.path().join("mobile-stops");
    run(&["--no-network-cache"]);
    assert!(graphs_in(&dir).is_empty());
    run(&[]);
    assert_eq!(graphs_in(&dir).len(), 1);
}

#[test]
fn the_key_follows_the_extract_bytes_and_the_area_not_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.osm");
    std::fs::copy(nerima(), &copy).unwrap();
    let box_a = area(35.74, 139.65, 35.76, 139.68);
    let box_b = area(35.74, 139.65, 35.76, 139.69);
    let key = |file: &Path, a| cache_key(&NetworkSpec::new(file), &a).unwrap();
    assert_eq!(key(&nerima(), box_a), key(&copy, box_a));
    assert_ne!(key(&nerima(), box_a), key(&nerima(), box_b));
    let mut bytes = std::fs::read(&copy).unwrap();
    bytes.extend(b"\n");
    std::fs::write(&copy, bytes).unwrap();
    assert_ne!(key(&nerima(), box_a), key(&copy, box_a));
    // Through the command: another radius keeps another area, so another graph is stored.
    let cache = dir.path().join("c").display().to_string();
    check(&["--network-cache", &cache, "--radius-m", "500"]);
    check(&["--network-cache", &cache, "--radius-m", "800"]);
    assert_eq!(graphs_in(Path::new(&cache)).len(), 2);
}
