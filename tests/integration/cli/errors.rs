//! The error contract of the command line on planning data: each bad input of issue #3 exits 2
//! with one located line (`FILE:LINE[:COLUMN]` or the flag), the same error as JSON under
//! `--format json`, an existing output file kept, and an internal fault reported as exit 1.

use super::refs;
use crate::helpers::{command, output, run, stderr};
use std::path::{Path, PathBuf};

/// One bad input: the files to write, the arguments (with `{dir}` for the temp dir), and the
/// `FILE:LINE[:COLUMN]` location and words the message must contain.
struct Bad {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    location: &'static str,
    words: &'static str,
}

const DEMAND: &str = "id,lat,lon,population,aged_65_plus\na,35.35,139.40,100,30\n";
const CANDS: &str = "id,lat,lon\ns,35.35,139.40\n";

const BAD: &[Bad] = &[
    Bad { name: "missing file", files: &[("c.csv", CANDS)], args: &["--demand", "{dir}/nope.csv", "--candidates", "{dir}/c.csv"], location: "nope.csv", words: "expected a readable file, found no such file" },
    Bad { name: "empty file", files: &[("d.csv", ""), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:1", words: "found an empty file" },
    Bad { name: "header only", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "no data rows" },
    Bad { name: "missing column", files: &[("d.csv", "id,lat,population\na,35.3,10\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:1", words: "expected a column `lon`" },
    Bad { name: "non-numeric", files: &[("d.csv", "id,lat,lon,population\na,35.35,139.40,many\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "expected a number in column `population`, found `many`" },
    Bad { name: "NaN", files: &[("d.csv", "id,lat,lon,population\na,35.35,139.40,NaN\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "found `NaN`" },
    Bad { name: "latitude out of range", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,91,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2:2", words: "expected a latitude in degrees between -90 and 90, found `91`" },
    Bad { name: "longitude out of range", files: &[("d.csv", "id,lat,lon\na,35,181\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:3", words: "longitude" },
    Bad { name: "negative weight", files: &[("d.csv", "id,lat,lon,weight\na,35.35,139.40,-3\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "expected zero or more" },
    Bad { name: "duplicate id", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,35.35,139.40\nt,35.36,139.40\ns,35.37,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:4:1", words: "expected a unique id, found `s` again (first on line 2)" },
    Bad { name: "unknown --weight", files: &[("d.csv", DEMAND), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv", "--weight", "elderly"], location: "--weight", words: "population, aged_65_plus" },
    Bad { name: "radius zero", files: &[], args: &["--radius-m", "0"], location: "--radius-m", words: "greater than 0" },
    Bad { name: "radius negative", files: &[], args: &["--radius-m", "-5"], location: "--radius-m", words: "greater than 0" },
    Bad { name: "malformed mesh code", files: &[("d.csv", "id,mesh_code,population\na,53390209,10\nb,5339020915,5\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:3:2", words: "digit 10 is 1 to 4" },
    Bad { name: "e-Stat cut mid-row", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,45\n5339020913,0,,,2"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4", words: "expected 6 fields as in the header, found 5 fields" },
    Bad { name: "e-Stat cut before a merged cell", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,45\n5339020924,1,,5339020923,11,7\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:4", words: "suppressed cell 5339020923" },
    Bad { name: "e-Stat star in a published row", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020911,0,,,65,*\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:3:6", words: "found `*`" },
    Bad { name: "would_use above respondents", files: &[("s.csv", "lat,lon,respondents,would_use\n35.35,139.40,3,5\n")], args: &["--surveys", "{dir}/s.csv"], location: "s.csv:2:4", words: "at most the 3 respondents" },
    Bad { name: "width without length", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,width_m,length_m\ns,35.35,139.40,12,\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2:5", words: "width_m and length_m together" },
    Bad { name: "short row", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,name\ns,35.35\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "expected 4 fields as in the header, found 2 fields" },
    Bad { name: "missing stores file", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\ns,35.35,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv", "--stores", "{dir}/bad.csv"], location: "bad.csv", words: "expected a readable file" },
    Bad { name: "unknown weights term", files: &[], args: &["--weights", "size=1"], location: "--weights", words: "one of reach, need, far" },
    Bad { name: "CRLF line numbers", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\r\ns,35.35,139.40\r\nu,91,139.40\r\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:3:2", words: "found `91`" },
    Bad { name: "blank lines count", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon\n\n\nu,91,139.40\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:4:2", words: "found `91`" },
    Bad { name: "unterminated quote", files: &[("d.csv", DEMAND), ("c.csv", "id,lat,lon,name\ns,35.35,139.40,\"open\nt,35.36,139.40,x\n")], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "c.csv:2", words: "never closed" },
    Bad { name: "decimal comma", files: &[("d.csv", "id;lat;lon\na;35,35;139.40\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:2", words: "use a dot for decimals" },
    Bad { name: "e-Stat GASSAN twice", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019\n,,,,　人口（総数）,　６５歳以上人口　総数\n5339020923,2,5339020924,,2,*\n5339020924,1,,5339020923;5339020923,11,7\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:4", words: "each merged cell once" },
    Bad { name: "e-Stat suppressed cell with a number", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001,T001142019,T001142022\n,,,,　人口（総数）,　６５歳以上人口　総数,　７５歳以上人口　総数\n5339020923,2,5339020924,,2,*,*\n5339020924,1,,5339020923;5339020913,11,7,3\n5339020913,2,5339020924,,2,3,*\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:5:6", words: "`*` as in the other suppressed cells" },
    Bad { name: "e-Stat mixed mesh levels", files: &[("tbl.txt", "KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001142001\n,,,,　人口（総数）\n53390209,0,,,100\n5339020911,0,,,65\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/tbl.txt", "--candidates", "{dir}/c.csv"], location: "tbl.txt:4:1", words: "mesh codes of one level (8 digits" },
    Bad { name: "weight too large", files: &[("d.csv", "id,lat,lon,weight\na,35.35,139.40,1e308\n"), ("c.csv", CANDS)], args: &["--demand", "{dir}/d.csv", "--candidates", "{dir}/c.csv"], location: "d.csv:2:4", words: "at most 1e12" },
];

fn expand(arg: &str, dir: &Path) -> String {
    arg.replace("{dir}", dir.to_str().unwrap())
}

#[test]
fn bad_inputs_exit_2_with_a_located_message_and_no_output_file() {
    for case in BAD {
        let dir = tempfile::tempdir().unwrap();
        for (name, body) in case.files {
            std::fs::write(dir.path().join(name), body).unwrap();
        }
        let out: PathBuf = dir.path().join("out.csv");
        let mut args = vec!["rank".to_string()];
        args.extend(case.args.iter().map(|a| expand(a, dir.path())));
        args.extend(["--out".to_string(), out.display().to_string()]);
        let o = run(&refs(&args));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", case.name);
        assert!(err.starts_with("mobile-stops: "), "{}: {err}", case.name);
        assert_eq!(err.lines().count(), 1, "{}: one line: {err}", case.name);
        assert!(
            err.contains(case.location),
            "{}: no {:?} in {err}",
            case.name,
            case.location
        );
        assert!(
            err.contains(case.words),
            "{}: no {:?} in {err}",
            case.name,
            case.words
        );
        assert!(!err.contains("panicked"), "{}: {err}", case.name);
        assert!(!out.exists(), "{}: output file left behind", case.name);

        // The same error as JSON under --format json.
        args.extend(["--format".to_string(), "json".to_string()]);
        let o = run(&refs(&args));
        assert_eq!(o.status.code(), Some(2), "{}", case.name);
        let v: serde_json::Value = serde_json::from_slice(&o.stderr)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", case.name, stderr(&o)));
        assert!(
            v["error"]["message"].as_str().unwrap().contains(case.words),
            "{}",
            case.name
        );
    }
}

#[test]
fn json_error_carries_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d.csv");
    std::fs::write(&d, "id,lat,lon\na,95,139\n").unwrap();
    let o = run(&["rank", "--demand", d.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stderr).unwrap();
    assert_eq!(v["error"]["line"], 2);
    assert_eq!(v["error"]["column"], 2);
    assert_eq!(v["error"]["found"], "`95`");
    assert!(o.stdout.is_empty());
}

#[test]
fn failed_run_keeps_an_existing_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rank.csv");
    std::fs::write(&out, "previous").unwrap();
    let o = run(&["rank", "--radius-m", "0", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous");
}

#[test]
fn an_internal_fault_is_exit_1_with_a_short_message_and_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rank.csv");
    let o = output(
        command()
            .args(["rank", "--format", "csv", "--out", out.to_str().unwrap()])
            .env("MOBILE_STOPS_TEST_PANIC", "1"),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("mobile-stops: internal error"), "{err}");
    assert!(err.contains("please report it"), "{err}");
    assert!(
        !err.contains("panicked at") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one short line: {err}");
    assert!(o.stdout.is_empty());
    assert!(!out.exists());
}
