//! The bad-input catalogue (`tests/bad_inputs/`): every file through the command that reads
//! it. Faults exit 2 naming the file and line (and column where a cell is at fault), and write
//! nothing; accepted variants parse to the value they spell.

use crate::helpers::{run, run_json, stderr};
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_inputs");
const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");

/// The command that reads a catalogue file, by its name's prefix.
fn command(file: &str) -> Vec<String> {
    let f = format!("{DIR}/{file}");
    let d = format!("{DATA}/small_demand.csv");
    let c = format!("{DATA}/small_candidates.csv");
    let stops = format!("{DIR}/stops_myogyoji.csv");
    let census = format!("{DIR}/census_1km.csv");
    let v: Vec<&str> = match file.split('_').next().unwrap() {
        "demand" => vec!["rank", "--demand", &f, "--candidates", &c],
        "candidates" => vec!["rank", "--demand", &d, "--candidates", &f],
        "surveys" => vec!["rank", "--demand", &d, "--candidates", &c, "--surveys", &f],
        "stores" => vec!["rank", "--demand", &d, "--candidates", &c, "--stores", &f],
        "estat" => vec!["rank", "--demand", &f],
        // A second census file read after `census_1km.csv`.
        "overlap" => vec!["rank", "--demand", &census, "--demand", &f],
        "pmed" => vec!["solve", "--model", "pmedian", "--orlib", &f],
        "sjc" => vec!["solve", "--sjc", &f, "--p", "1", "--radius-m", "100"],
        "scenario" => vec!["scenarios", &f],
        "matrix" => vec![
            "route",
            "--stops",
            &stops,
            "--depot",
            "hiejinja",
            "--travel-matrix",
            &f,
        ],
        "stops" => vec!["route", "--stops", &f, "--depot", "hiejinja"],
        other => panic!("no reader for prefix {other}"),
    };
    v.into_iter().map(str::to_string).collect()
}

/// Faults: the file and where the message must point.
const FAULTS: &[(&str, &str)] = &[
    ("demand_lat_91.csv", ":2:2: expected a latitude"),
    ("demand_nan.csv", ":2:4: expected a number"),
    ("demand_inf.csv", ":2:5: expected a number"),
    (
        "demand_weight_1e308.csv",
        ":2:4: expected zero or more (at most 1e12)",
    ),
    ("demand_negative.csv", ":2:4: expected zero or more"),
    ("demand_duplicate_id.csv", ":4:1: expected a unique id"),
    ("demand_missing_id.csv", ":2:1: expected a non-empty id"),
    ("demand_missing_column.csv", ":1: expected a column `lon`"),
    ("demand_empty.csv", ":1: expected a header row"),
    ("demand_header_only.csv", ":2: expected at least one row"),
    ("demand_decimal_comma.csv", ":2:2: expected a latitude"),
    ("demand_too_few_fields.csv", ":2: expected 5 fields"),
    ("demand_invalid_bytes.csv", ":3: expected UTF-8 or CP932"),
    (
        "demand_unclosed_quote.csv",
        ":2: expected a quoted field closed",
    ),
    (
        "demand_quoted_newline_then_bad.csv",
        ":4:4: expected a number",
    ),
    ("candidates_lat_91.csv", ":2:2: expected a latitude"),
    ("candidates_duplicate_id.csv", ":3:1: expected a unique id"),
    (
        "candidates_negative_slots.csv",
        ":2:5: expected zero or more",
    ),
    (
        "candidates_width_without_length.csv",
        ":2:7: expected width_m and length_m",
    ),
    (
        "candidates_header_only.csv",
        ":2: expected at least one row",
    ),
    ("candidates_missing_lon.csv", ":1: expected a column `lon`"),
    // Two names for one field (Japanese and English): the reader would have to guess.
    (
        "candidates_two_name_columns.csv",
        ":1:5: expected one column holding name (`name`, 名称, 名前, 施設名, 地点名, 店名, \
         店舗名), found two: `名称` (column 4) and `name` (column 5)",
    ),
    (
        "demand_two_population_columns.csv",
        ":1:5: expected one column holding people (`population`, 人口, 総人口, 人口総数, \
         人口(総数)), found two: `人口` (column 4) and `population` (column 5)",
    ),
    (
        "surveys_more_yes_than_answers.csv",
        ":2:4: expected at most the 5 respondents",
    ),
    ("surveys_fraction.csv", ":2:3: expected a whole number"),
    ("stores_missing_lat.csv", ":1: expected a column `lat`"),
    ("stores_duplicate_id.csv", ":3:1: expected a unique id"),
    ("estat_bad_mesh_code.csv", ":3:1: expected a mesh code"),
    (
        "estat_mesh_9999.csv",
        ":4:1: expected a mesh code whose digits 1-2 are 30 to 68",
    ),
    (
        "estat_mesh_0000.csv",
        ":3:1: expected a mesh code whose digits 1-2 are 30 to 68",
    ),
    (
        "estat_mesh_second_level_8.csv",
        ":4:1: expected a mesh code whose digit 5 is 0 to 7",
    ),
    (
        "overlap_cells_250m.csv",
        ":4:1: expected census cells that no other demand file covers (each resident counted \
         once), found `5339020911`, inside cell `53390209` of",
    ),
    (
        "estat_header_only.csv",
        ":3: expected at least one mesh row",
    ),
    (
        "estat_short_label_row.csv",
        ":2: expected 6 fields as in the header",
    ),
    ("pmed_truncated.txt", ":4: expected edge line 3 of 20"),
    ("pmed_negative_edge.txt", ":2:3: expected an edge cost"),
    ("sjc_bad_line.txt", ":3:2: expected a y coordinate"),
    // A header stating more than any machine holds: refused from the header, with the size
    // it states (computed without overflow), before anything of that size is built.
    (
        "pmed_header_n_4e9.txt",
        ": the 4000000000 × 4000000000 shortest-path matrix needs about 192000000.0 TB",
    ),
    (
        "sjc_header_n_4e9.txt",
        ": 4000000000 points (300 bytes each) needs about 1.2 TB",
    ),
    (
        "scenario_unknown_key.toml",
        ":3:1: expected a scenario file",
    ),
    ("scenario_bad_value.toml", ":2:9: expected a scenario file"),
    (
        "scenario_blank_add_candidate_id.toml",
        ":6:18: expected a scenario file (TOML), found a blank candidate id",
    ),
    (
        "scenario_unclosed_table.toml",
        ":1:10: expected a scenario file",
    ),
    (
        "matrix_negative_minutes.csv",
        ":2:3: expected driving minutes",
    ),
    (
        "matrix_missing_pair.csv",
        ": expected a row `myogyoji,hiejinja,MINUTES`",
    ),
    ("matrix_unknown_id.csv", ":2:2: expected the depot, a stop"),
    ("stops_unknown_id.csv", ":3:1: expected a candidate id"),
    ("stops_bad_json.json", ":1:23: expected a JSON solve result"),
    (
        "stops_duplicate_key.json",
        ":4:9: expected a JSON solve result, found the key `stops` a second time",
    ),
];

/// Variants that must be read, and the total population they spell (123).
const ACCEPTED: [&str; 8] = [
    "demand_fullwidth_digits.csv",
    "demand_fullwidth_headers.csv",
    "demand_japanese_headers_cp932.csv",
    "demand_bom.csv",
    "demand_cp932.csv",
    "demand_utf16.csv",
    "demand_semicolon.csv",
    "demand_tab.csv",
];

/// Files that are inputs to other cases rather than cases themselves.
const HELPERS: [&str; 3] = ["stops_myogyoji.csv", "census_1km.csv", "README.md"];

#[test]
fn every_fault_exits_2_naming_file_and_line_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("never.out");
    for &(file, want) in FAULTS {
        let mut args = command(file);
        args.extend(["--out".to_string(), target.display().to_string()]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&refs);
        assert_eq!(o.status.code(), Some(2), "{file}: {}", stderr(&o));
        let msg = stderr(&o);
        assert!(
            msg.contains(&format!("{file}{want}")),
            "{file}: want `{file}{want}`, got {msg}"
        );
        assert!(
            !msg.contains("panicked") && !msg.contains("internal error"),
            "{file}"
        );
        assert!(!target.exists(), "{file}: nothing written");
    }
}

#[test]
fn accepted_variants_parse_to_the_value_they_spell() {
    for file in ACCEPTED {
        let mut args = command(file);
        args.extend(["--format", "json"].map(str::to_string));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let v = run_json(&refs);
        assert_eq!(v["summary"]["total_population"], 123.0, "{file}");
    }
}

#[test]
fn a_ten_megabyte_line_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("demand_long_line.csv");
    let mut text = String::from("id,lat,lon,population,aged_65_plus\n");
    text.push_str(&"a".repeat(10_000_000));
    text.push('\n');
    std::fs::write(&f, text).unwrap();
    let c = format!("{DATA}/small_candidates.csv");
    let o = run(&["rank", "--demand", f.to_str().unwrap(), "--candidates", &c]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("demand_long_line.csv:2: expected 5 fields"));
}

#[test]
fn every_catalogue_file_is_in_the_table() {
    for entry in std::fs::read_dir(Path::new(DIR)).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let known = FAULTS.iter().any(|(f, _)| *f == name)
            || ACCEPTED.contains(&name.as_str())
            || HELPERS.contains(&name.as_str());
        assert!(
            known,
            "{name} is in tests/bad_inputs but not in the test's table"
        );
    }
}
