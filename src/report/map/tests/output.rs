//! The embedded map checked against its own output: well-formed, to scale, pockets as a brute
//! force finds them, hostile names shown only as text.

use super::support::*;
use crate::model::AGED_65_PLUS;
use crate::model::{Dataset, MeshCode};
use crate::model::{Part, Store};
use crate::report::labels::Lang;
use crate::report::map::draw::map_svg;
use crate::report::map::plan::Plan;
use crate::report::map::pockets::POCKET_GROUPS;
use crate::report::map::spec::MapSpec;
use crate::report::map::style::FRAME_W;
use crate::report::table::count;
use crate::spatial::haversine_m;
use std::collections::BTreeMap;

#[test]
fn embedded_map_is_well_formed_small_and_deterministic() {
    let data = embedded();
    let chosen = p8(&data);
    let spec = MapSpec::new(&data, &chosen, 500.0);
    let svg = map_svg(&spec, Lang::En).unwrap();
    assert_well_formed(&svg);
    assert!(svg.len() < 300_000, "{} bytes", svg.len());
    assert_eq!(svg, map_svg(&spec, Lang::En).unwrap());
    let ja = map_svg(&spec, Lang::Ja).unwrap();
    assert_well_formed(&ja);
    assert_eq!(ja, map_svg(&spec, Lang::Ja).unwrap());
    // Every census cell is drawn as a square, no dots.
    let cells = between(&svg, "<g class=\"ms-cells\">", "<g class=\"ms-pockets\">");
    assert_eq!(cells.matches("<rect ").count(), data.demand.data.len());
    assert_eq!(cells.matches("<circle ").count(), 0);
    // One candidate marker per point (the 35 sites stand on 25 points).
    let markers = tags(map_part(&svg), "<circle class=\"ms-cand").len();
    let mut points: Vec<(i64, i64)> = (data.candidates.data.sites.iter())
        .map(|s| s.location.point_key())
        .collect();
    points.sort_unstable();
    points.dedup();
    assert_eq!((markers, points.len()), (25, 25));
    for word in [
        "65歳以上人口",
        "停留所",
        "徒歩圏",
        "未カバー",
        "店舗",
        "候補地",
        ">北<",
    ] {
        assert!(ja.contains(word), "{word}");
    }
    for word in [
        "Residents aged 65+",
        "Stop (chosen)",
        "Walking reach",
        ">N<",
    ] {
        assert!(svg.contains(word), "{word}");
    }
    assert!(svg.contains("Food shops: no data"));
    // The same reach `solve --p 8 --radius-m 500` proves optimal for these stops, as a share
    // of the 39,060 aged 65+ the data hold inside Chigasaki's outline (all 16,378 live there).
    assert!(
        svg.contains("Aged 65+ within reach (in 茅ヶ崎"),
        "the legend names the area"
    );
    assert!(svg.contains("16,378 of 39,060 (41.9 %)"));
    // No outside resources.
    for bad in [
        "href", "<image", "<script", "@import", "http://", "https://",
    ] {
        let n = svg.matches(bad).count();
        let allowed = usize::from(bad == "http://"); // the SVG namespace only
        assert_eq!(n, allowed, "{bad}");
    }
}

#[test]
fn walking_circles_and_scale_bar_are_to_scale() {
    let data = embedded();
    let chosen = p8(&data);
    for radius_m in [500.0, 300.0, 800.0] {
        let svg = map_svg(&MapSpec::new(&data, &chosen, radius_m), Lang::En).unwrap();
        let scale = measured_scale(&svg, &data, &chosen);
        let plan = Plan::new(&MapSpec::new(&data, &chosen, radius_m)).unwrap();
        assert!((plan.proj.scale / scale - 1.0).abs() < 0.002);
        let circles = tags(map_part(&svg), "<circle class=\"ms-reach\" cx=");
        assert_eq!(circles.len(), chosen.len());
        for c in circles {
            let r = attr(c, "r");
            assert!((r / (radius_m * scale) - 1.0).abs() < 0.01, "r {r}");
        }
        let bar = tags(map_part(&svg), "<line class=\"ms-scalebar\"");
        assert_eq!(bar.len(), 1);
        let units = attr(bar[0], "x2") - attr(bar[0], "x1");
        let label = &svg[svg.find("class=\"ms-scalelabel\"").unwrap()..];
        let label = &label[label.find('>').unwrap() + 1..label.find("</text>").unwrap()];
        let metres = match label.split_once(' ') {
            Some((v, "km")) => v.parse::<f64>().unwrap() * 1000.0,
            Some((v, "m")) => v.parse::<f64>().unwrap(),
            _ => panic!("scale label {label}"),
        };
        assert!([1.0, 2.0, 5.0].contains(&(metres / 10f64.powf(metres.log10().floor()))));
        assert!(
            (units / (metres * scale) - 1.0).abs() < 0.01,
            "{label}: {units}"
        );
        assert!((FRAME_W / 5.0 / 2.5..=FRAME_W / 5.0).contains(&units));
    }
}

/// The pockets a brute force finds: uncovered cells holding at least the 60 % quantile of the
/// positive aged 65+ counts, joined when they touch on the quarter-mesh grid (sides or
/// corners), as (aged 65+, cells), largest first.
fn brute_pockets(
    data: &Dataset,
    chosen: &[usize],
    radius_m: f64,
) -> (Vec<(f64, usize)>, usize, f64) {
    let demand = &data.demand.data;
    let aged = demand.column(AGED_65_PLUS).unwrap();
    let sites = &data.candidates.data.sites;
    let mut positive: Vec<f64> = aged.iter().copied().filter(|&v| v > 0.0).collect();
    positive.sort_by(f64::total_cmp);
    let floor = positive[(positive.len() * 3).div_ceil(5) - 1];
    let uncovered: Vec<usize> = (0..demand.len())
        .filter(|&i| {
            aged[i] > 0.0
                && chosen
                    .iter()
                    .all(|&j| haversine_m(sites[j].location, demand.locations[i]) > radius_m)
        })
        .collect();
    let total: f64 = uncovered.iter().map(|&i| aged[i]).sum();
    // Grid row and column of each dense cell from its south-west corner.
    let mut grid: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    for &i in uncovered.iter().filter(|&&i| aged[i] >= floor) {
        let m = MeshCode::parse(&demand.ids[i]).unwrap();
        let (s, w) = m.south_west();
        let (n, e) = m.north_east();
        let key = ((s / (n - s)).round() as i64, (w / (e - w)).round() as i64);
        grid.insert(key, i);
    }
    let mut seen: BTreeMap<(i64, i64), bool> = BTreeMap::new();
    let mut groups: Vec<(f64, usize)> = Vec::new();
    for &start in grid.keys() {
        if seen.contains_key(&start) {
            continue;
        }
        let (mut need, mut cells, mut todo) = (0.0, 0, vec![start]);
        seen.insert(start, true);
        while let Some((r, c)) = todo.pop() {
            need += aged[grid[&(r, c)]];
            cells += 1;
            for (dr, dc) in (-1..=1).flat_map(|a| (-1..=1).map(move |b| (a, b))) {
                let k = (r + dr, c + dc);
                if grid.contains_key(&k) && !seen.contains_key(&k) {
                    seen.insert(k, true);
                    todo.push(k);
                }
            }
        }
        groups.push((need, cells));
    }
    groups.sort_by(|a, b| b.0.total_cmp(&a.0));
    (groups, uncovered.len(), total)
}

#[test]
fn uncovered_pockets_are_the_few_largest_groups_a_brute_force_finds() {
    let data = embedded();
    let chosen = p8(&data);
    for (stops, radius_m) in [
        (chosen.clone(), 500.0),
        (chosen.clone(), 250.0),
        (vec![], 500.0),
    ] {
        let svg = map_svg(&MapSpec::new(&data, &stops, radius_m), Lang::En).unwrap();
        assert_well_formed(&svg);
        let (groups, n, people) = brute_pockets(&data, &stops, radius_m);
        assert!(n > 100 && groups.len() > POCKET_GROUPS, "radius {radius_m}");
        let got = pocket_groups(&svg);
        let drawn: Vec<(f64, usize)> = got
            .iter()
            .map(|g| (g.need, g.body.matches("<rect ").count()))
            .collect();
        // Few, the largest, labelled with what they hold.
        assert_eq!(drawn, groups[..POCKET_GROUPS].to_vec(), "radius {radius_m}");
        let labels = pocket_labels(&svg);
        assert_eq!(labels, got.iter().map(|g| g.need).collect::<Vec<_>>());
        let shown: f64 = labels.iter().sum();
        let legend = legend_text(&svg, " ");
        let line = format!(
            "The {POCKET_GROUPS} outlined hold {} of the {} beyond reach ({} cells)",
            count(shown),
            count(people),
            count(n as f64)
        );
        assert!(legend.contains(&line), "{line} in {legend}");
        // Every hatched cell is in an outlined pocket; no other cell is marked.
        let all = between(
            &svg,
            "<g class=\"ms-pockets\">",
            "<circle class=\"ms-cand\"",
        );
        let cells: usize = drawn.iter().map(|d| d.1).sum();
        assert_eq!(all.matches("<rect ").count(), cells);
        assert!(cells * 2 < n, "{cells} of {n} uncovered cells marked");
    }
}

#[test]
fn hostile_names_appear_only_as_text() {
    let mut data = embedded();
    let chosen = p8(&data);
    let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "O'Brien & <b>Sons</b>\n\u{1}",
    ];
    for (k, h) in hostile.iter().enumerate() {
        data.candidates.data.sites[chosen[k]].name = Some(h.to_string());
    }
    data.candidates.data.sites[chosen[3]].name = None;
    data.candidates.data.sites[chosen[3]].id = "id<'&'>".into();
    data.label = "<svg onload=alert(1)>".into();
    data.demand.source = "a&b.csv".into();
    data.stores = Some(Part::new(
        "shops<x>.csv",
        vec![Store {
            id: "s1".into(),
            location: data.candidates.data.sites[0].location,
            name: Some("</title><script>x</script>".into()),
            kind: None,
        }],
    ));
    let spec = MapSpec {
        title: Some("Council & \"friends\" <map>"),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    for lang in [Lang::En, Lang::Ja] {
        let svg = map_svg(&spec, lang).unwrap();
        assert_well_formed(&svg);
        for bad in ["<script", "<img", "<b>", "<svg onload", "<x>", "\u{1}"] {
            assert!(!svg.contains(bad), "{bad}");
        }
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(svg.contains("O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;"));
        assert!(svg.contains("id&lt;&#39;&amp;&#39;&gt;"));
        assert!(svg.contains("Council &amp; &quot;friends&quot; &lt;map&gt;"));
        // The data's label is shown in English; a Japanese page names the planner's files
        // only in its "how this was made" box.
        if lang == Lang::En {
            assert!(svg.contains("&lt;svg onload=alert(1)&gt;"));
        }
        assert_eq!(svg.matches("<svg").count(), 1);
        assert_eq!(tags(map_part(&svg), "<rect class=\"ms-shop\" x=").len(), 1);
    }
}

#[test]
fn a_map_out_of_time_outlines_no_pockets_and_says_so() {
    let data = embedded();
    let chosen = p8(&data);
    let spec = MapSpec {
        deadline: Some(std::time::Instant::now()),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    let on_time = map_svg(&MapSpec::new(&data, &chosen, 500.0), Lang::En).unwrap();
    assert!(
        on_time.contains("<circle class=\"ms-pocket") || on_time.contains("Uncovered pockets: the")
    );
    for (lang, says) in [
        (Lang::En, "Uncovered pockets not outlined:"),
        (Lang::Ja, "未カバーの集まりは描"),
    ] {
        let svg = map_svg(&spec, lang).unwrap();
        assert_well_formed(&svg);
        assert!(svg.contains(says), "{lang:?}");
        let pockets = between(&svg, "<g class=\"ms-pockets\">", "</g>");
        assert!(
            !pockets.contains("<path") && !pockets.contains("<circle"),
            "{pockets}"
        );
    }
}
