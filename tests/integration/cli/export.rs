//! `data export DIR` then `--data DIR`: the dataset's cautions come back with the data, the
//! exported numbers carry no float noise, and the round trip ranks and solves as the embedded
//! data does.

use crate::helpers::{format_json as json, run, run_ok, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// Exports the embedded data into a new directory under `root`.
fn export(root: &Path) -> String {
    let d = root.join("data");
    let o = run(&["data", "export", d.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.display().to_string()
}

/// Decimals of a number as written.
fn decimals(cell: &str) -> usize {
    cell.split_once('.').map_or(0, |(_, f)| f.len())
}

#[test]
fn exported_numbers_are_rounded_and_rank_and_solve_as_the_embedded_data() {
    let root = tempfile::tempdir().unwrap();
    let d = export(root.path());
    let text = std::fs::read_to_string(Path::new(&d).join("demand.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..4], ["id", "mesh_code", "lat", "lon"]);
    let (mut split, mut rows) = (0, 0);
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{line}");
        for (k, cell) in cells.iter().enumerate().skip(2) {
            let most = if k < 4 { 7 } else { 2 };
            assert!(decimals(cell) <= most, "{} = {cell} in {line}", header[k]);
            cell.parse::<f64>().unwrap();
        }
        split += cells[4..].iter().any(|c| c.contains('.')) as usize;
        rows += 1;
    }
    assert_eq!(rows, 624);
    // The proportional split still shows as fractions (rounded, not truncated to whole people).
    assert!(split > 30, "{split} rows with split counts");
    assert!(
        text.contains("35.3364583,139.3640625"),
        "cell centres to 7 decimals"
    );
    // The same ranking, scores and reach, and the same stops.
    let (embedded, exported) = (json(&["rank"]), json(&["rank", "--data", &d]));
    assert_eq!(embedded["candidates"], exported["candidates"]);
    let solve = |extra: &[&str]| {
        let mut args = vec!["solve", "--p", "5"];
        args.extend(extra);
        json(&args)
    };
    let (a, b) = (solve(&[]), solve(&["--data", &d]));
    assert_eq!(a["stops"], b["stops"]);
    assert_eq!(a["objective"], b["objective"]);
}

#[test]
fn the_cautions_come_back_with_the_exported_data() {
    let root = tempfile::tempdir().unwrap();
    let d = export(root.path());
    let notes = |v: &Value| v["summary"]["notes"].clone();
    let embedded = json(&["rank"]);
    assert_eq!(notes(&embedded).as_array().unwrap().len(), 4);
    assert_eq!(notes(&json(&["rank", "--data", &d])), notes(&embedded));
    // In the table and in Japanese too: the southern band, town points, the secrecy split and
    // the outline's credit.
    let en = stdout(&run_ok(&["rank", "--data", &d]));
    let ja = stdout(&run_ok(&["rank", "--data", &d, "--lang", "ja"]));
    for want in [
        "southern band",
        "town (町丁) representative points",
        "census secrecy",
    ] {
        assert!(en.contains(want), "{want} in\n{en}");
    }
    for want in ["茅ヶ崎市南部", "町丁の代表点", "秘匿処理"] {
        assert!(ja.contains(want), "{want} in\n{ja}");
    }
    // A planner's own note (Japanese only) is shown in both languages; a part the directory
    // has no file for is refused at its cell.
    let file = Path::new(&d).join("notes.csv");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("候補地,,駐車場所は自治会が現地で確認する\n");
    std::fs::write(&file, &text).unwrap();
    let en = stdout(&run_ok(&["rank", "--data", &d]));
    assert!(
        en.contains("note: 駐車場所は自治会が現地で確認する"),
        "{en}"
    );
    text.push_str("stores,shops nearby,\n");
    std::fs::write(&file, &text).unwrap();
    let o = run(&["rank", "--data", &d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "notes.csv:7:1: expected a part of the data: demand, candidates, area, found `stores`"
        ),
        "{}",
        stderr(&o)
    );
    // Without the notes file the cautions are gone: they came from it, not from the code.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(notes(&json(&["rank", "--data", &d])), serde_json::json!([]));
}
