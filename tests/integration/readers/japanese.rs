//! Japanese headers, both ways: every CSV the tool writes with `--lang ja` means, column for
//! column, what its English twin means to every reader, and reads back as input; a council's
//! own files with Japanese, full-width or spaced headers, in CP932 or UTF-8 with a BOM, give
//! exactly the results of the same files with English headers; two names for one field are
//! refused naming the file, line 1 and both columns.

use crate::helpers::{fixture, json, run, run_ok, stderr};
use mobile_stops::io::columns::READERS;
use mobile_stops::io::text::{Field, SourceText, Table};
use serde_json::Value;
use std::path::Path;

/// The field each column of a CSV's header holds for one reader (or why the header is refused).
fn fields_of(bytes: &[u8], fields: &'static [Field]) -> Result<Vec<Option<&'static str>>, String> {
    let src = SourceText::decode("out.csv".into(), bytes).map_err(|e| e.to_string())?;
    let table = Table::parse(&src, fields).map_err(|e| e.to_string())?;
    Ok((0..table.header.len()).map(|c| table.field(c)).collect())
}

/// `args` with `--format csv --lang LANG`, standard output.
fn csv(args: &[&str], lang: &str) -> Vec<u8> {
    let mut all = args.to_vec();
    all.extend(["--format", "csv", "--lang", lang]);
    run_ok(&all).stdout
}

#[test]
fn every_japanese_header_the_tool_writes_means_what_its_english_one_does() {
    let commands: [&[&str]; 4] = [
        &["rank"],
        &["solve", "--p", "3"],
        &["route", "--p", "3", "--depot", "hiejinja"],
        &["compare", "--set", "a=hiejinja", "--set", "b=myogyoji"],
    ];
    let mut japanese_fields = Vec::new();
    for args in commands {
        let (en, ja) = (csv(args, "en"), csv(args, "ja"));
        assert_ne!(en, ja, "{args:?}: the Japanese CSV has Japanese headers");
        for (reader, fields) in READERS {
            let (e, j) = (fields_of(&en, fields), fields_of(&ja, fields));
            assert_eq!(e, j, "{args:?} read as {reader}");
            if let Ok(j) = j {
                japanese_fields.extend(j.into_iter().flatten().map(|f| (reader, f)));
            }
        }
    }
    // The Japanese names reach the fields (名称, 緯度, 経度, 備考, 回答数, 週の回数, …).
    for want in [
        ("candidates", "id"),
        ("candidates", "name"),
        ("candidates", "lat"),
        ("candidates", "lon"),
        ("candidates", "kind"),
        ("candidates", "note"),
        ("surveys", "respondents"),
        ("stop list", "visits_per_week"),
    ] {
        assert!(japanese_fields.contains(&want), "{want:?}");
    }
}

#[test]
fn japanese_csvs_the_tool_writes_read_back_as_input() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: Vec<u8>| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    };
    // The ranked list, in Japanese, as a candidates file: the same ranking as the original.
    let ranked = write("ranked.csv", csv(&["rank"], "ja"));
    let again = crate::helpers::format_json(&["rank", "--candidates", &ranked]);
    let first = crate::helpers::format_json(&["rank"]);
    let order = |v: &Value| -> Vec<(Value, Value, Value)> {
        let list = v["candidates"].as_array().unwrap();
        let row = |c: &Value| {
            let reach = c["reach_weight"].clone();
            (c["id"].clone(), c["score"].clone(), reach)
        };
        list.iter().map(row).collect()
    };
    assert_eq!(order(&again), order(&first));
    assert_eq!(
        again["candidates"][0]["name"],
        first["candidates"][0]["name"]
    );
    // A solve's stops and a timetable, in Japanese, as the stop list of a route; the
    // timetable's 週の回数 column is the visits per week when asked for by its English name.
    let stops = write("stops.csv", csv(&["solve", "--p", "3"], "ja"));
    let timetable = csv(&["route", "--p", "3", "--depot", "hiejinja"], "ja");
    let mut rows = csv::Reader::from_reader(&timetable[3..]);
    let header = rows.headers().unwrap().clone();
    let visits = header.iter().position(|h| h == "週の回数").unwrap();
    let mut edited = csv::Writer::from_writer(Vec::new());
    edited.write_record(&header).unwrap();
    for (k, row) in rows.records().enumerate() {
        let mut row: Vec<String> = row.unwrap().iter().map(String::from).collect();
        if k == 0 {
            row[visits] = "2".into();
        }
        edited.write_record(&row).unwrap();
    }
    let timetable = write("timetable.csv", edited.into_inner().unwrap());
    let route = |stops: &str, visits: &str| {
        let args = [
            "route",
            "--stops",
            stops,
            "--depot",
            "hiejinja",
            "--visits-per-week",
            visits,
        ];
        crate::helpers::format_json(&args)
    };
    let from_solve = route(&stops, "1");
    let from_timetable = route(&timetable, "visits_per_week");
    let per_stop = |v: &Value| -> Vec<(Value, Value)> {
        let list = v["timetable"].as_array().unwrap();
        let mut out: Vec<_> = list
            .iter()
            .map(|s| (s["id"].clone(), s["visits_per_week"].clone()))
            .collect();
        out.sort_by_key(|p| p.0.to_string());
        out
    };
    let (a, b) = (per_stop(&from_solve), per_stop(&from_timetable));
    assert_eq!(a.len(), 3);
    let ids = |v: &[(Value, Value)]| v.iter().map(|p| p.0.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    let twice: Vec<&Value> = b.iter().filter(|p| p.1 == 2).map(|p| &p.0).collect();
    assert_eq!(twice.len(), 1, "{b:?}");
    assert!(a.iter().all(|p| p.1 == 1));
}

/// Header rows in English and in a council's Japanese, for the four input files.
const HEADERS: [(&str, &str, &str); 4] = [
    (
        "small_demand.csv",
        "id,lat,lon,population,aged_65_plus,name",
        "番号,緯度,経度,総人口,65歳以上人口,名前",
    ),
    (
        "small_candidates.csv",
        "id,lat,lon,name,kind,vehicle_slots,width_m,length_m,area_m2,owner",
        "ID,緯度,経度,名称,種別,駐車台数,幅,奥行,面積,owner",
    ),
    (
        "small_surveys.csv",
        "lat,lon,mesh_code,respondents,would_use",
        "緯度,経度,メッシュコード,回答者数,利用したい",
    ),
    (
        "small_stores.csv",
        "id,lat,lon,name,kind",
        "番号,北緯,東経,店名,種類",
    ),
];

/// `rank --format json` on the four files of `dir` (named as the fixtures).
fn rank_dir(dir: &Path) -> Value {
    let f = |n: &str| dir.join(n).display().to_string();
    let (d, c, s, st) = (
        f("small_demand.csv"),
        f("small_candidates.csv"),
        f("small_surveys.csv"),
        f("small_stores.csv"),
    );
    let args = [
        "rank",
        "--demand",
        &d,
        "--candidates",
        &c,
        "--surveys",
        &s,
        "--stores",
        &st,
        "--format",
        "json",
    ];
    json(&run_ok(&args))
}

/// The fixtures with their header row replaced by `header(english, japanese)` and their bytes
/// by `encode(text)`, written to a new directory; the ranking of it without the file names.
fn rank_with(header: impl Fn(&str, &str) -> String, encode: impl Fn(&str) -> Vec<u8>) -> Value {
    let dir = tempfile::tempdir().unwrap();
    for (file, en, ja) in HEADERS {
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        assert_eq!(first.trim_end(), en, "{file}: the fixture's header changed");
        let body = format!("{}\n{rest}", header(en, ja));
        std::fs::write(dir.path().join(file), encode(&body)).unwrap();
    }
    let mut v = rank_dir(dir.path());
    let summary = v["summary"].as_object_mut().unwrap();
    summary.remove("data");
    summary.remove("sources");
    v
}

#[test]
fn cp932_files_with_japanese_headers_rank_as_the_english_files_do() {
    let english = rank_with(|en, _| en.to_string(), |t| t.as_bytes().to_vec());
    let cp932 = |t: &str| {
        let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(t);
        assert!(!lossy, "CP932 holds every character");
        bytes.into_owned()
    };
    let japanese = rank_with(|_, ja| ja.to_string(), cp932);
    assert_eq!(japanese, english);
    // Every term was measured: the Japanese survey and shop columns were found.
    assert_eq!(
        english["summary"]["terms_used"].as_array().unwrap().len(),
        3
    );
    assert_eq!(japanese["summary"]["weight_column"], "aged_65_plus");
    assert_eq!(japanese["summary"]["survey"]["respondents"], 24);
}

#[test]
fn full_width_spaced_and_bom_headers_are_the_same_names() {
    let english = rank_with(|en, _| en.to_string(), |t| t.as_bytes().to_vec());
    // Full-width letters and digits, a full-width space around every name, a BOM before.
    let wide = |en: &str, _: &str| -> String {
        en.split(',')
            .map(|h| {
                let w: String = h
                    .chars()
                    .map(|c| match c {
                        '!'..='~' => char::from_u32(c as u32 + 0xfee0).unwrap(),
                        c => c,
                    })
                    .collect();
                format!("\u{3000}{}  ", w.to_uppercase())
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let bom = |t: &str| format!("\u{feff}{t}").into_bytes();
    let folded = rank_with(wide, bom);
    // The extra column keeps the name as written; everything else is the same.
    let strip = |mut v: Value| {
        for c in v["candidates"].as_array_mut().unwrap() {
            c.as_object_mut().unwrap().remove("extra");
        }
        v
    };
    assert_eq!(strip(folded.clone()), strip(english));
    assert_eq!(folded["summary"]["weight_column"], "aged_65_plus");
}

#[test]
fn two_names_for_one_field_are_refused_with_file_line_and_both_columns() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "--demand",
            "id,lat,lon,population,65歳以上,aged_65_plus",
            6,
            5,
        ),
        ("--candidates", "番号,緯度,経度,ＩＤ", 4, 1),
        ("--surveys", "lat,lon,回答者数,would_use,回答数", 5, 3),
        ("--stores", "id,lat,lon,latitude", 4, 2),
    ];
    for (flag, header, col, other) in cases {
        let file = dir.path().join("two.csv");
        let n = header.split(',').count();
        let row = vec!["1"; n].join(",");
        std::fs::write(&file, format!("{header}\n{row}\n")).unwrap();
        let f = file.display().to_string();
        let d = fixture("small_demand.csv");
        let c = fixture("small_candidates.csv");
        let mut args = vec!["rank", "--demand", &d, "--candidates", &c, flag, &f];
        if let Some(k) = args[..5].iter().position(|a| *a == flag) {
            args.drain(k..k + 2); // the bad file replaces the fixture
        }
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{header}");
        let err = stderr(&o);
        let names: Vec<&str> = header.split(',').collect();
        let want = format!("{f}:1:{col}: expected one column holding");
        assert!(err.contains(&want), "{header}: {err}");
        let both = format!(
            "found two: `{}` (column {other}) and `{}` (column {col})",
            names[other - 1],
            names[col - 1]
        );
        assert!(err.contains(&both), "{header}: {err}");
    }
}

#[test]
fn the_readme_lists_every_name_each_column_is_read_by() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for (reader, fields) in READERS {
        for f in fields {
            let start = format!("| `{}` |", f.name);
            let row = readme
                .lines()
                .find(|l| l.starts_with(&start))
                .unwrap_or_else(|| panic!("no README row for `{}` ({reader})", f.name));
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            assert!(cells[3].contains(reader), "{row}: read in {reader}");
            let listed: Vec<&str> = cells[4].split(", ").collect();
            assert_eq!(listed, f.aliases, "{row}");
        }
    }
}

#[test]
fn a_travel_matrix_and_a_stop_list_with_japanese_headers_drive_the_same_week() {
    let dir = tempfile::tempdir().unwrap();
    let put = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let week = |stops: &str, matrix: &str| {
        let args = [
            "route",
            "--stops",
            stops,
            "--depot",
            "hiejinja",
            "--travel-matrix",
            matrix,
        ];
        crate::helpers::format_json(&args)
    };
    let legs = "hiejinja,myogyoji,17,6.5\nmyogyoji,hiejinja,19,6.9\n";
    let english = week(
        &put("en_stops.csv", "id\nmyogyoji\n"),
        &put("en.csv", &format!("from,to,minutes,km\n{legs}")),
    );
    let japanese = week(
        &put("ja_stops.csv", "番号\nmyogyoji\n"),
        &put(
            "ja.csv",
            &format!("出発地,到着地,所要時間（分）,距離(ｋｍ)\n{legs}"),
        ),
    );
    assert_eq!(japanese["totals"], english["totals"]);
    assert_eq!(english["totals"]["drive_min"], 36.0);
    assert_eq!(english["totals"]["km"], 13.4);
}
