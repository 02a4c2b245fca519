//! The council report with `--network`: the map draws the streets and each stop's walks
//! instead of circles, credits OpenStreetMap, says "streets" and never "cost matrix", and the
//! summary names the demand a circle would have counted but the streets do not reach — the
//! same figure as an independent count from `network matrix` and the straight line.

use super::barrier::river_osm;
use super::{nerima, nerima_matrix};
use crate::helpers::{run_json, run_ok};
use mobile_stops::model::LatLon;
use mobile_stops::spatial::haversine_m;
use std::collections::BTreeSet;
use std::path::Path;

/// A report written to a file and read back.
fn report(data: &str, network: &str, extra: &[&str], format: &str, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("r.{format}"));
    let out_s = out.display().to_string();
    let mut args = vec![
        "report",
        "--data",
        data,
        "--network",
        network,
        "--format",
        format,
        "--lang",
        lang,
        "--out",
        &out_s,
    ];
    args.extend(extra);
    run_ok(&args);
    std::fs::read_to_string(&out).unwrap()
}

/// The map's SVG inside an HTML report.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("a map");
    let end = html[start..].find("</svg>").unwrap() + start;
    &html[start..end]
}

/// The paths of `class` drawn on the map (their ends are written `x y`; the legend's samples,
/// `x,y`, are left out).
fn on_map(svg: &str, class: &str) -> Vec<String> {
    let start = format!("<path class=\"{class}\" d=\"");
    svg.split(&start)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .filter(|d| !d.contains(','))
        .collect()
}

/// "1,183" as the report writes counts.
fn count(v: f64) -> String {
    let digits = format!("{}", v.round() as i64);
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rows of a CSV file with a header: each row's cells by column name.
fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut lines = text.lines();
    let head: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            head.iter()
                .cloned()
                .zip(l.split(',').map(str::to_string))
                .collect()
        })
        .collect()
}

/// The demand within `radius` of a stop in a straight line but with no walk of at most
/// `radius` to any stop in `matrix` (`network matrix` output): ids, people, aged 65+.
fn circle_only(
    data: &Path,
    matrix: &str,
    stops: &[String],
    radius: f64,
) -> (BTreeSet<String>, f64, f64) {
    let demand = csv_rows(&std::fs::read_to_string(data.join("demand.csv")).unwrap());
    let sites = csv_rows(&std::fs::read_to_string(data.join("candidates.csv")).unwrap());
    let at = |r: &std::collections::HashMap<String, String>| {
        LatLon::new(r["lat"].parse().unwrap(), r["lon"].parse().unwrap())
    };
    let walked: BTreeSet<String> = csv_rows(matrix)
        .iter()
        .filter(|r| stops.contains(&r["to"]) && r["metres"].parse::<f64>().unwrap() <= radius)
        .map(|r| r["from"].clone())
        .collect();
    let mut ids = BTreeSet::new();
    let (mut people, mut aged) = (0.0, 0.0);
    for p in &demand {
        let near = sites
            .iter()
            .filter(|s| stops.contains(&s["id"]))
            .any(|s| haversine_m(at(p), at(s)) <= radius);
        if near && !walked.contains(&p["id"]) {
            ids.insert(p["id"].clone());
            people += p["population"].parse::<f64>().unwrap();
            aged += p["aged_65_plus"].parse::<f64>().unwrap();
        }
    }
    (ids, people, aged)
}

/// The stops a solve with these flags chooses, by id.
fn chosen(data: &str, network: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "solve",
        "--data",
        data,
        "--network",
        network,
        "--format",
        "json",
    ];
    args.extend(extra);
    let v = run_json(&args);
    let stops = v["stops"].as_array().unwrap().iter();
    stops.map(|s| s.as_str().unwrap().to_string()).collect()
}

#[test]
fn the_nerima_report_draws_the_streets_and_counts_who_only_a_circle_reaches() {
    let net = nerima().display().to_string();
    let extra = ["--p", "2"];
    for (lang, credit_words, streets_words) in [
        (
            "en",
            ">Streets: © OpenStreetMap contributors<",
            "along the streets",
        ),
        ("ja", ">道路: © OpenStreetMap contributors<", "道路沿い"),
    ] {
        let html = report("examples/network", &net, &extra, "html", lang);
        let svg = svg_of(&html);
        assert_eq!(on_map(svg, "ms-streets").len(), 1, "{lang}");
        assert_eq!(on_map(svg, "ms-walked").len(), 2, "{lang}: one per stop");
        assert!(
            !svg.contains("<circle class=\"ms-reach\""),
            "{lang}: no circle"
        );
        assert!(svg.contains(credit_words), "{lang}: the credit line");
        assert!(
            svg.contains("© OpenStreetMap contributors)<")
                || svg.contains("© OpenStreetMap contributors）<"),
            "{lang}: the legend's"
        );
        assert!(svg.contains(streets_words), "{lang}");
        for page in [&html[..], svg] {
            assert!(!page.contains("cost matrix"), "{lang}");
            assert!(!page.contains("コスト行列"), "{lang}");
        }
        // Bounded: every coordinate of the streets is a whole unit, each segment once.
        let d = &on_map(svg, "ms-streets")[0];
        assert!(!d.contains('.'), "whole units");
        assert!(d.len() < 200_000, "{} bytes", d.len());
    }
    // The circle-only demand, counted independently: straight line vs the walking matrix.
    let dir = tempfile::tempdir().unwrap();
    let matrix = dir.path().join("walk.csv").display().to_string();
    nerima_matrix("500", &matrix);
    let matrix = std::fs::read_to_string(&matrix).unwrap();
    let stops = chosen("examples/network", &net, &extra);
    let (ids, people, aged) = circle_only(Path::new("examples/network"), &matrix, &stops, 500.0);
    assert!(
        !ids.is_empty(),
        "Nerima's streets are longer than the circle"
    );
    let md = report("examples/network", &net, &extra, "markdown", "en");
    let want = format!(
        "would also have counted {} demand points ({} people, {} of them aged 65+)",
        ids.len(),
        count(people),
        count(aged)
    );
    assert!(md.contains(&want), "{want}\n{md}");
    let ja = report("examples/network", &net, &extra, "markdown", "ja");
    let want = format!(
        "需要地点が {} か所（{} 人、うち65歳以上 {} 人）",
        ids.len(),
        count(people),
        count(aged)
    );
    assert!(ja.contains(&want), "{want}\n{ja}");
    assert!(ja.contains("OpenStreetMap の道路"), "{ja}");
    // compare names the same points, by id.
    let set = format!("chosen={}", stops.join(","));
    let v = run_json(&[
        "compare",
        "--data",
        "examples/network",
        "--network",
        &net,
        "--set",
        &set,
        "--set",
        "one=s1",
        "--format",
        "json",
    ]);
    assert_eq!(v["distances"]["kind"], "streets");
    let got: BTreeSet<String> = v["sets"][0]["circle_only"]["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, ids);
    assert!(v.get("cost_matrix").is_none(), "{v}");
}

#[test]
fn across_a_river_with_one_bridge_the_report_names_the_demand_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let osm = dir.path().join("river.osm");
    std::fs::write(&osm, river_osm()).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // The site on the south street; two houses on the south street (walked), two across the
    // river (within the circle, the bridge 700 m east), one 300 m south of every street
    // (off the network, within the circle), one far east on the south street (neither).
    std::fs::write(
        data.join("candidates.csv"),
        "id,name,lat,lon\nsouth,South stop,35.0001,139.001\n",
    )
    .unwrap();
    std::fs::write(
        data.join("demand.csv"),
        "id,lat,lon,population,aged_65_plus\n\
         s1,35.0001,139.002,40,10\n\
         s2,35.0001,139.003,30,12\n\
         n1,35.0017,139.001,50,20\n\
         n2,35.0017,139.002,60,25\n\
         off,34.9973,139.001,9,4\n\
         east,35.0001,139.009,70,30\n",
    )
    .unwrap();
    let d = data.display().to_string();
    let net = osm.display().to_string();
    let extra = ["--p", "1", "--radius-m", "400"];
    let md = report(&d, &net, &extra, "markdown", "en");
    assert!(
        md.contains("would also have counted 3 demand points (119 people, 49 of them aged 65+)"),
        "{md}"
    );
    assert!(md.contains("1 of them is off the network"), "{md}");
    assert!(
        md.contains("1 demand point more than 250 m from any street is off the network"),
        "{md}"
    );
    let ja = report(&d, &net, &extra, "markdown", "ja");
    assert!(
        ja.contains(
            "需要地点が 3 か所（119 人、うち65歳以上 49 人）あります（うち 1 か所は道路網の外）"
        ),
        "{ja}"
    );
    let html = report(&d, &net, &extra, "html", "ja");
    let svg = svg_of(&html);
    assert_eq!(on_map(svg, "ms-walked").len(), 1);
    assert!(svg.contains(">（© OpenStreetMap contributors）<"));
    assert!(svg.contains(">道路: © OpenStreetMap contributors<"));
}
