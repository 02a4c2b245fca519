//! The report's map through the command line: first on the page, the council's candidates and
//! the compared sets named, the depot drawn, and shading that follows `--objective-weight`.

use crate::helpers::{run_ok, stdout};
use std::path::Path;

/// The report's HTML for `args`.
fn html(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend(args);
    stdout(&run_ok(&all))
}

/// The map's SVG inside a report page.
fn svg(page: &str) -> &str {
    let start = page.find("<svg").expect("a map");
    &page[start..start + page[start..].find("</svg>").unwrap()]
}

/// The text of every `<text>` whose class list starts with `class`, a label's lines (its
/// `tspan`s) run together.
fn texts(svg: &str, class: &str) -> Vec<String> {
    let key = format!("<text class=\"{class}");
    svg.match_indices(&key)
        .map(|(i, _)| {
            let rest = &svg[i..];
            let start = rest.find('>').unwrap() + 1;
            let inner = &rest[start..rest.find("</text>").unwrap()];
            let mut out = String::new();
            for (k, part) in inner.split("<tspan ").enumerate() {
                match k {
                    0 => out.push_str(part),
                    _ => out.push_str(
                        &part[part.find('>').unwrap() + 1..part.find("</tspan>").unwrap()],
                    ),
                }
            }
            out
        })
        .collect()
}

/// The names a map label gives: one name, or the names on one point ("A・B・C（同一地点）"),
/// or the first of them ("A ほか2か所（同一地点）").
fn label_names(label: &str) -> Vec<String> {
    let Some(list) = label.strip_suffix("（同一地点）") else {
        return vec![label.to_string()];
    };
    let list = list.split(" ほか").next().unwrap();
    list.split('・').map(str::to_string).collect()
}

/// (id, name shown) of the embedded candidates the council proposed, read from the data file
/// (the names as `rank` shows them: look-alikes gain their town).
fn council_candidates() -> Vec<(String, String)> {
    let rank = crate::helpers::format_json(&["rank"]);
    let shown = |id: &str| -> String {
        rank["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["name"].as_str().unwrap().to_string())
            .unwrap()
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/candidates.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (id, name, by) = (col("id"), col("name"), col("proposed_by"));
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[by] == "council")
        .map(|c| {
            assert!(!c[name].is_empty());
            (c[id].to_string(), shown(c[id]))
        })
        .collect()
}

#[test]
fn the_map_opens_the_report_and_names_the_councils_sites_and_the_depot() {
    let council = council_candidates();
    assert_eq!(council.len(), 5);
    // A set with a site the council did not propose and the solve does not choose.
    let page = html(&[
        "--p",
        "5",
        "--depot",
        "hiejinja",
        "--set",
        "mine=myogyoji,raigoji_serizawa",
        "--lang",
        "ja",
    ]);
    let map = svg(&page);
    let labels = texts(map, "ms-label");
    for (id, name) in council
        .iter()
        .chain([&("raigoji_serizawa".into(), "来迎寺".into())])
    {
        assert_eq!(
            labels
                .iter()
                .filter(|l| label_names(l).contains(name))
                .count(),
            1,
            "{id} named once on the map: {labels:?}"
        );
    }
    // Five stops in bold; the depot (日枝神社, a council site) has its house.
    assert_eq!(map.matches("<text class=\"ms-label\"").count(), 5);
    let drawing = &map[..map.find("<g class=\"ms-legend\">").unwrap()];
    assert_eq!(drawing.matches("<path class=\"ms-depot\"").count(), 1);
    assert!(map.contains("拠点：日枝神社"));
    // The map is the first section, before the summary and the long tables.
    let at = |id: &str| page.find(&format!("<section id=\"{id}\">")).unwrap();
    let first = page.find("<section id=").unwrap();
    assert_eq!(first, at("map"));
    assert!(at("map") < at("summary") && at("summary") < at("ranking"));
    // Minutes have no map: their summary still comes first.
    let md = html(&["--p", "3", "--format", "markdown", "--lang", "en"]);
    assert!(md.find("## Summary").unwrap() < md.find("## Map").unwrap());
}

/// The largest value of the shading classes in the legend ("181–637（124セル）" gives 637).
fn top_class(svg: &str) -> f64 {
    let rows = texts(svg, "ms-leg\"");
    let last = rows
        .iter()
        .rfind(|t| t.ends_with("セル）") && t.chars().next().unwrap().is_ascii_digit())
        .unwrap();
    let range = last.split('（').next().unwrap();
    range
        .rsplit('–')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

#[test]
fn the_shading_follows_the_objective_column() {
    let dir = tempfile::tempdir().unwrap();
    let stores = dir.path().join("stores.csv");
    std::fs::write(
        &stores,
        "id,lat,lon,name,kind\nm1,35.3447,139.40623,A,supermarket\nm2,35.36446,139.39891,B,supermarket\n",
    )
    .unwrap();
    let stores = stores.display().to_string();
    let base = ["--p", "4", "--lang", "ja"];
    let with = |extra: &[&str]| {
        let mut a = base.to_vec();
        a.extend(extra);
        html(&a)
    };
    let aged = with(&[]);
    let pop = with(&["--objective-weight", "population"]);
    let far = with(&["--stores", &stores, "--objective-weight", "far_from_shop"]);
    let head = |page: &str| texts(svg(page), "ms-leghead")[0].clone();
    assert_eq!(head(&aged), "65歳以上人口");
    assert_eq!(head(&pop), "人口");
    assert_eq!(head(&far), "店から遠い65歳以上人口");
    // The embedded cells hold at most 637 people aged 65+ and 1,909 people.
    assert_eq!(top_class(svg(&aged)), 637.0);
    assert_eq!(top_class(svg(&pop)), 1909.0);
    assert!(top_class(svg(&far)) <= 637.0);
    let cells = |page: &str| {
        let s = svg(page);
        s[s.find("<g class=\"ms-cells\">").unwrap()..s.find("<g class=\"ms-pockets\">").unwrap()]
            .to_string()
    };
    assert_ne!(cells(&aged), cells(&pop));
    assert_ne!(cells(&aged), cells(&far));
    // The pockets count the older people far from a shop: the legend says so.
    let legend = texts(svg(&far), "ms-leg").concat();
    assert!(
        legend.contains("数字はその中の店から遠い65歳以上の人数"),
        "{legend}"
    );
}

#[test]
fn the_map_draws_the_city_the_missing_data_and_sites_on_one_point() {
    let page = html(&[
        "--p",
        "5",
        "--depot",
        "hiejinja",
        "--set",
        "council=hiejinja,myogyoji,hozoji,imajuku_green_heim,sannosha_enzo",
        "--lang",
        "ja",
    ]);
    let map = svg(&page);
    let drawing = &map[..map.find("<g class=\"ms-legend\">").unwrap()];
    let legend = texts(
        &map[map.find("<g class=\"ms-legend\">").unwrap()..],
        "ms-leg",
    )
    .concat();
    // The city's boundary, with its legend row and its credit.
    assert_eq!(drawing.matches("<path class=\"ms-area\"").count(), 1);
    assert!(legend.contains("茅ヶ崎市の境界"), "{legend}");
    assert!(texts(map, "ms-foot")
        .concat()
        .contains("国土数値情報（行政区域データ）を加工して作成"));
    // The southern band: hatched, named on the map and in the legend.
    assert_eq!(drawing.matches("<path class=\"ms-nodata\"").count(), 1);
    let words = "データなし（国勢調査メッシュの範囲外）";
    assert_eq!(texts(drawing, "ms-nodata-label").concat(), words);
    assert!(legend.contains(words));
    // The council's 日枝神社（中島） lies south of the data: the grey marker, and the legend
    // says the reach of such sites is not measurable.
    let hie = drawing
        .find("<title>日枝神社（中島）</title></circle>")
        .expect("a marker for 日枝神社（中島）");
    let tag = &drawing[drawing[..hie].rfind('<').unwrap()..hie];
    assert!(tag.starts_with("<circle class=\"ms-cand-out\""), "{tag}");
    assert!(
        legend.contains("データの範囲外（9か所）：徒歩圏の人数は測定不可"),
        "{legend}"
    );
    // 今宿グリーンハイム shares its town point with two shrines: one label says so.
    let labels = texts(map, "ms-label");
    let imajuku: Vec<&String> = labels.iter().filter(|l| l.contains("今宿")).collect();
    assert_eq!(imajuku.len(), 1, "{labels:?}");
    assert!(imajuku[0].ends_with("（同一地点）"), "{}", imajuku[0]);
    let mut names = label_names(imajuku[0]);
    names.sort();
    assert_eq!(names, ["上国寺", "今宿グリーンハイム", "松尾大神"]);
}
