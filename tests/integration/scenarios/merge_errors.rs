//! `merge` refuses, naming the shards at fault, and writes nothing: a missing shard, a shard
//! twice, a shard of another input or another N, a file cut short or edited, data changed
//! since; `--shard` refuses N = 0 and I out of range.

use super::shard::{run_in, shards};
use std::path::Path;

/// Runs `merge` with `files` and asserts exit 2, nothing written, and `words` in the message.
fn refused(d: &Path, files: &[&str], words: &[&str]) {
    let mut args = vec!["merge"];
    args.extend(files);
    args.extend(["--format", "json", "--out", "m.json", "--report", "m.html"]);
    let (code, err) = run_in(d, &args);
    assert_eq!(code, 2, "{files:?}: {err}");
    for w in words {
        assert!(err.contains(w), "{files:?}: `{w}` not in: {err}");
    }
    assert!(
        !d.join("m.json").exists() && !d.join("m.html").exists(),
        "nothing written"
    );
}

#[test]
fn missing_duplicate_and_foreign_shards_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    shards(d, 3);
    refused(
        d,
        &["shard-0.json", "shard-2.json"],
        &["shard 1 missing", "all 3 shards"],
    );
    refused(
        d,
        &[
            "shard-0.json",
            "shard-1.json",
            "shard-1.json",
            "shard-2.json",
        ],
        &["shard-1.json", "each shard once", "shard 1 of 3 again"],
    );
    // Another N: shard 0 of 2 next to shards of 3.
    let (code, _) = run_in(
        d,
        &[
            "scenarios",
            "w.toml",
            "--shard",
            "0/2",
            "--out",
            "two-0.json",
        ],
    );
    assert_eq!(code, 0);
    refused(
        d,
        &["shard-0.json", "two-0.json"],
        &["two-0.json", "number of shards", "N = 2"],
    );
    // Another input: the same sweep with one more row.
    let other = format!(
        "{}\n[[scenario]]\nname = \"more\"\np = 9\n",
        super::shard::SWEEP
    );
    std::fs::write(d.join("other.toml"), other).unwrap();
    let (code, _) = run_in(
        d,
        &[
            "scenarios",
            "other.toml",
            "--shard",
            "1/3",
            "--out",
            "o-1.json",
        ],
    );
    assert_eq!(code, 0);
    refused(
        d,
        &["shard-0.json", "o-1.json", "shard-2.json"],
        &["o-1.json", "same input", "other.toml"],
    );
}

#[test]
fn cut_short_edited_and_stale_shards_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    shards(d, 2);
    let bytes = std::fs::read(d.join("shard-1.json")).unwrap();
    std::fs::write(d.join("cut.json"), &bytes[..bytes.len() / 2]).unwrap();
    refused(d, &["shard-0.json", "cut.json"], &["cut.json", "cut short"]);
    // A number changed by hand: still JSON, but not what was written.
    let text = String::from_utf8(bytes).unwrap();
    let at = text.find("\"objective\":").expect("a solved row");
    let mut edited = text.clone();
    let digit = if &text[at + 12..at + 13] == "1" {
        "2"
    } else {
        "1"
    };
    edited.replace_range(at + 12..at + 13, digit);
    assert_ne!(edited, text);
    std::fs::write(d.join("edited.json"), edited).unwrap();
    refused(
        d,
        &["shard-0.json", "edited.json"],
        &["edited.json", "does not match its hash"],
    );
    refused(d, &["w.toml"], &["w.toml", "shard result"]);
    // The scenario file changed after the shards ran.
    std::fs::write(
        d.join("w.toml"),
        format!("{}\n# edited\n", super::shard::SWEEP),
    )
    .unwrap();
    refused(
        d,
        &["shard-0.json", "shard-1.json"],
        &["w.toml", "changed since"],
    );
}

#[test]
fn shard_numbers_out_of_range_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("w.toml"), super::shard::SWEEP).unwrap();
    for (spec, words) in [
        ("0/0", "N = 0"),
        ("3/3", "I = 3 is not below N = 3"),
        ("x/3", "`x/3`"),
    ] {
        let (code, err) = run_in(
            d,
            &["scenarios", "w.toml", "--shard", spec, "--out", "s.json"],
        );
        assert_eq!(code, 2, "{spec}");
        assert!(
            err.contains("--shard: expected I/N") && err.contains(words),
            "{spec}: {err}"
        );
        assert!(!d.join("s.json").exists());
    }
}
