//! Every output a user can get, pinned byte for byte: each subcommand in each of its formats
//! and languages on the embedded data and on the benchmark files (pmed1, cpmp01, SJC324), and
//! the messages of a few refused flags. A refactoring must leave all of them unchanged; a change
//! that means to alter an output regenerates the files with `MOBILE_STOPS_BLESS=1 cargo test
//! --release --test integration golden` and shows the difference in its diff.
//!
//! Only what cannot repeat is masked: the wall-clock seconds and the machine's thread count.

mod cases;

use crate::helpers::{command, output};
use cases::{cases, Case};
use std::path::{Path, PathBuf};

/// Masks the wall-clock seconds and the thread count, the only facts that may differ between
/// two runs of the same command.
fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut l = line.to_string();
        for key in ["\"seconds\": ", "\"threads\": "] {
            if let Some(at) = l.find(key) {
                let start = at + key.len();
                let end = l[start..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
                    .map_or(l.len(), |e| start + e);
                l.replace_range(start..end, "0");
            }
        }
        for key in ["time: ", "計算時間: "] {
            if l.starts_with(key) {
                if let Some(end) = l.find(" s").or_else(|| l.find(" 秒")) {
                    l.replace_range(key.len()..end, "T");
                }
            }
        }
        out.push_str(&l);
    }
    out
}

fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected")
}

/// What one case produces: (file name, masked bytes) pairs.
fn produce(c: &Case, scratch: &Path) -> Vec<(String, String)> {
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| a.replace("OUT/", &format!("{}/", scratch.display())))
        .collect();
    let out = output(
        command()
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR")),
    );
    let code = out.status.code().unwrap_or(-1);
    match &c.files {
        None => {
            let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
            if code != 0 || !out.stderr.is_empty() && c.name.starts_with("err_") {
                text.push_str(&format!(
                    "\n--- exit {code}, stderr:\n{}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            vec![(c.name.to_string(), mask(&text))]
        }
        Some(files) => {
            assert_eq!(
                code,
                0,
                "{}: {}",
                c.name,
                String::from_utf8_lossy(&out.stderr)
            );
            files
                .iter()
                .map(|f| {
                    let path = scratch.join(f);
                    let text = std::fs::read(&path)
                        .unwrap_or_else(|e| panic!("{}: {}: {e}", c.name, path.display()));
                    let file = f.replace('/', "_");
                    (
                        format!("{}.{file}", c.name),
                        mask(&String::from_utf8_lossy(&text)),
                    )
                })
                .collect()
        }
    }
}

#[test]
fn every_output_is_unchanged() {
    let bless = std::env::var_os("MOBILE_STOPS_BLESS").is_some();
    let dir = expected_dir();
    if bless {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut differ = Vec::new();
    let mut produced = std::collections::BTreeSet::new();
    for c in cases() {
        let scratch = tempfile::tempdir().unwrap();
        for (file, got) in produce(&c, scratch.path()) {
            assert!(produced.insert(file.clone()), "two cases write {file}");
            let path = dir.join(&file);
            if bless {
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e} (bless to create it)", path.display()));
            if want != got {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.lines().count().min(got.lines().count()));
                differ.push(format!(
                    "{file} (args {:?}): first difference at line {}:\n  want: {}\n  got:  {}",
                    c.args,
                    line + 1,
                    want.lines().nth(line).unwrap_or("<end>"),
                    got.lines().nth(line).unwrap_or("<end>")
                ));
            }
        }
    }
    assert!(differ.is_empty(), "outputs changed:\n{}", differ.join("\n"));
    // Every pinned file is still produced: a case dropped from the list fails here.
    let pinned: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let unproduced: Vec<&String> = pinned.difference(&produced).collect();
    assert!(
        unproduced.is_empty(),
        "pinned but no longer produced: {unproduced:?}"
    );
}

#[test]
fn masking_hides_only_time_and_threads() {
    let masked = mask("{\n  \"seconds\": 0.123,\n  \"threads\": 8,\n  \"objective\": 5\n}\ntime: 0.02 s, seed 1\n計算時間: 0.02 秒、乱数の種 1\n");
    assert_eq!(
        masked,
        "{\n  \"seconds\": 0,\n  \"threads\": 0,\n  \"objective\": 5\n}\ntime: T s, seed 1\n計算時間: T 秒、乱数の種 1\n"
    );
}
