//! The land the map draws and the sites a council cannot tell apart: the council's boundary
//! with its legend row and credit, land without data hatched and labelled apart from land
//! where nobody lives, candidates outside the data with their own marker, and sites on one
//! point named once.

use super::support::*;
use crate::model::LatLon;
use crate::report::labels::Lang;
use crate::report::map::draw::map_svg;
use crate::report::map::plan::Plan;
use crate::report::map::spec::MapSpec;
use crate::report::map::style::{FRAME_H, FRAME_W, FRAME_X, FRAME_Y};
use crate::score::{score, ScoreParams};
use crate::spatial::DataExtent;

/// The centre of every demand cell as drawn, (x, y).
fn cell_centres(svg: &str) -> Vec<(f64, f64)> {
    let cells = between(svg, "<g class=\"ms-cells\">", "<g class=\"ms-pockets\">");
    tags(cells, "<rect ")
        .iter()
        .map(|t| {
            let (x, y, w, h) = (
                attr(t, "x"),
                attr(t, "y"),
                attr(t, "width"),
                attr(t, "height"),
            );
            (x + w / 2.0, y + h / 2.0)
        })
        .collect()
}

#[test]
fn the_boundary_is_drawn_with_its_legend_row_and_credit_only_when_the_data_has_an_area() {
    let data = embedded();
    let chosen = p8(&data);
    let spec = MapSpec::new(&data, &chosen, 500.0);
    let plan = Plan::new(&spec).unwrap();
    for lang in [Lang::En, Lang::Ja] {
        let svg = map_svg(&spec, lang).unwrap();
        assert_well_formed(&svg);
        assert_eq!(tags(map_part(&svg), "<path class=\"ms-area\"").len(), 1);
        let rings = path_rings(path_d(&svg, "ms-area").unwrap());
        let outline = &data.area.as_ref().unwrap().data.outline;
        assert_eq!(rings.len(), outline.0.len());
        // Every vertex is the outline's own, projected, and the whole outline is in the frame.
        let ring = outline.0[0].exterior();
        assert_eq!(rings[0].len() + 1, ring.0.len());
        for (&(x, y), c) in rings[0].iter().zip(ring.coords()) {
            let (px, py) = plan.proj.xy(LatLon::new(c.y, c.x));
            assert!((x - px).abs() < 0.051 && (y - py).abs() < 0.051);
            assert!((FRAME_X..=FRAME_X + FRAME_W).contains(&x));
            assert!((FRAME_Y..=FRAME_Y + FRAME_H).contains(&y));
        }
        // The city runs south of the census data: the map shows both.
        let south = rings[0].iter().map(|p| p.1).fold(0.0, f64::max);
        let lowest_cell = cell_centres(&svg).iter().map(|p| p.1).fold(0.0, f64::max);
        assert!(south > lowest_cell + 50.0, "{south} vs {lowest_cell}");
        let legend = legend_text(&svg, lang.pick(" ", ""));
        let row = lang.pick("Boundary of 茅ヶ崎市", "茅ヶ崎市の境界");
        assert!(legend.contains(row), "{legend}");
        assert_eq!(
            tags(&svg, "<path class=\"ms-area\"").len(),
            2,
            "map and legend"
        );
        let foot = texts(&svg, "ms-foot").concat();
        assert!(foot.contains(lang.pick("National Land Numerical", "国土数値情報")));
        // File names are the planner's: named in English, pointed to in Japanese.
        match lang {
            Lang::En => assert!(foot.contains("chigasaki_outline.geojson"), "{foot}"),
            Lang::Ja => assert!(foot.contains("作成方法（担当者向け）"), "{foot}"),
        }
    }
    let mut bare = embedded();
    bare.area = None;
    let spec = MapSpec::new(&bare, &chosen, 500.0);
    let svg = map_svg(&spec, Lang::Ja).unwrap();
    assert_well_formed(&svg);
    assert!(!svg.contains("ms-area\""));
    assert!(!legend_text(&svg, "").contains("境界"));
    assert!(!texts(&svg, "ms-foot").concat().contains("国土数値情報"));
    // Without the outline the frame holds the data alone, drawn larger.
    assert!(Plan::new(&spec).unwrap().proj.scale > plan.proj.scale * 1.05);
}

#[test]
fn land_without_data_is_hatched_and_labelled_apart_from_land_where_nobody_lives() {
    let data = embedded();
    let chosen = p8(&data);
    let spec = MapSpec::new(&data, &chosen, 500.0);
    let plan = Plan::new(&spec).unwrap();
    let svg = map_svg(&spec, Lang::Ja).unwrap();
    let no_data = path_rings(path_d(&svg, "ms-nodata").expect("land without data"));
    let city = path_rings(path_d(&svg, "ms-area").unwrap());
    // Its own grey hatching, not the pockets' and not the plain background.
    let style = between(&svg, "<style>", "</style>");
    assert!(style.contains(".ms-nodata{fill:url(#ms-nodata-hatch)"));
    assert!(svg.contains("<pattern id=\"ms-nodata-hatch\""));
    for (x, y) in cell_centres(&svg) {
        assert!(
            !inside_rings(&no_data, (x, y)),
            "a cell at {x},{y} marked as no data"
        );
    }
    // Walk a grid over the frame: land well inside the data's extent without a cell stays
    // plain (nobody lives there); land well outside it is hatched.
    let extent = DataExtent::new(&data.demand.data.footprint);
    let cells: Vec<[f64; 4]> = (0..data.demand.data.len())
        .filter_map(|i| plan.rect(i))
        .collect();
    let (mut empty, mut missing, mut missing_in_city) = (0, 0, 0);
    for a in 0..=80 {
        for b in 0..=80 {
            let p = LatLon::new(35.30 + 0.0012 * a as f64, 139.35 + 0.0013 * b as f64);
            let (x, y) = plan.proj.xy(p);
            let in_frame = x > FRAME_X + 1.0
                && x < FRAME_X + FRAME_W - 1.0
                && y > FRAME_Y + 1.0
                && y < FRAME_Y + FRAME_H - 1.0;
            if !in_frame {
                continue;
            }
            let far_in = extent.distance_m(p) == 0.0
                && extent.classify(p, 150.0) == crate::spatial::EdgeStatus::Inside;
            let in_cell = cells
                .iter()
                .any(|c| x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3]);
            if far_in && !in_cell {
                empty += 1;
                assert!(
                    !inside_rings(&no_data, (x, y)),
                    "empty land at {p:?} hatched"
                );
            }
            if extent.distance_m(p) > 150.0 {
                missing += 1;
                assert!(inside_rings(&no_data, (x, y)), "land without data at {p:?}");
                missing_in_city += usize::from(inside_rings(&city, (x, y)));
            }
        }
    }
    assert!(empty > 20 && missing > 500 && missing_in_city > 100);
    // Named on the map inside the city's missing band, and in the legend.
    let words = "データなし（国勢調査メッシュの範囲外）";
    let label = tags(map_part(&svg), "<text class=\"ms-nodata-label\"");
    assert_eq!(texts(map_part(&svg), "ms-nodata-label").concat(), words);
    for t in label {
        let (x, y) = (attr(t, "x"), attr(t, "y") - 5.0);
        assert!(inside_rings(&no_data, (x, y)) && inside_rings(&city, (x, y)));
    }
    assert!(legend_text(&svg, "").contains(words));
    let foot = texts(&svg, "ms-foot").concat();
    assert!(
        foot.contains("データの範囲内で色のない所：居住者なし"),
        "{foot}"
    );
    let en = map_svg(&spec, Lang::En).unwrap();
    let en_label = texts(map_part(&en), "ms-nodata-label").join(" ");
    assert_eq!(en_label, "No data (outside the census mesh)");
}

#[test]
fn a_candidate_outside_the_data_has_its_own_marker_and_legend_row() {
    let data = embedded();
    let chosen = p8(&data);
    let table = score(&data, &ScoreParams::default()).unwrap();
    let sites = &data.candidates.data.sites;
    let not_measurable: Vec<usize> = (table.candidates.iter())
        .filter(|c| !c.measurable)
        .map(|c| c.index)
        .collect();
    assert_eq!(not_measurable.len(), 9);
    for lang in [Lang::En, Lang::Ja] {
        let svg = map_svg(&MapSpec::new(&data, &chosen, 500.0), lang).unwrap();
        let out = tags(map_part(&svg), "<circle class=\"ms-cand-out\"");
        let mut points: Vec<(i64, i64)> = (not_measurable.iter())
            .map(|&j| sites[j].location.point_key())
            .collect();
        points.sort_unstable();
        points.dedup();
        assert_eq!(out.len(), points.len());
        // Each grey marker stands on a site the ranking cannot measure, and only there.
        let plan = Plan::new(&MapSpec::new(&data, &chosen, 500.0)).unwrap();
        for t in &out {
            let at = (attr(t, "cx"), attr(t, "cy"));
            let on = (0..sites.len()).find(|&j| {
                let (x, y) = plan.proj.xy(sites[j].location);
                (x - at.0).abs() < 0.06 && (y - at.1).abs() < 0.06
            });
            assert!(on.is_some_and(|j| not_measurable.contains(&j)), "{t}");
        }
        for t in tags(map_part(&svg), "<circle class=\"ms-cand\"") {
            let (x, y) = (attr(t, "cx"), attr(t, "cy"));
            let j = (0..sites.len())
                .find(|&j| {
                    let (a, b) = plan.proj.xy(sites[j].location);
                    (a - x).abs() < 0.06 && (b - y).abs() < 0.06
                })
                .unwrap();
            assert!(!not_measurable.contains(&j));
        }
        let legend = legend_text(&svg, lang.pick(" ", ""));
        let row = lang.pick(
            "Candidate site outside the data (9): its reach is not measurable",
            "候補地・データの範囲外（9か所）：徒歩圏の人数は測定不可",
        );
        assert!(legend.contains(row), "{legend}");
        assert!(legend.contains(lang.pick("inside the data (26)", "データの範囲内（26か所）")));
        let style = between(&svg, "<style>", "</style>");
        assert!(
            style.contains(".ms-cand-out{") && svg.contains("<circle class=\"ms-cand-out\" cx=\"")
        );
    }
}

#[test]
fn sites_on_one_point_get_one_marker_and_one_label_that_says_so() {
    let data = embedded();
    let c = &data.candidates.data;
    let at = |id: &str| c.index_of(id).unwrap();
    // 今宿: a chosen stop, a compared set naming another site on the same point.
    let chosen = [at("imajuku_green_heim"), at("myogyoji")];
    let set = [at("jokokuji_imajuku")];
    let spec = MapSpec {
        marked: &set,
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    let svg = map_svg(&spec, Lang::Ja).unwrap();
    assert_well_formed(&svg);
    let labels = texts(map_part(&svg), "ms-label");
    let imajuku: Vec<&String> = labels.iter().filter(|l| l.contains("今宿")).collect();
    assert_eq!(imajuku.len(), 1, "{labels:?}");
    let one = imajuku[0].replace('\n', "");
    // The chosen stop first, then the compared set's site, then the third on the point.
    assert_eq!(one, "今宿グリーンハイム・上国寺・松尾大神（同一地点）");
    assert!(!labels.iter().any(|l| l == "上国寺" || l == "松尾大神"));
    // One stop, one ring, one candidate marker on the point.
    let plan = Plan::new(&spec).unwrap();
    let (x, y) = plan.proj.xy(c.sites[chosen[0]].location);
    let on_point = |class: &str| {
        tags(map_part(&svg), &format!("<circle class=\"{class}\""))
            .iter()
            .filter(|t| (attr(t, "cx") - x).abs() < 0.06 && (attr(t, "cy") - y).abs() < 0.06)
            .count()
    };
    assert_eq!(
        (
            on_point("ms-stop"),
            on_point("ms-marked"),
            on_point("ms-cand")
        ),
        (1, 1, 1)
    );
    assert!(marker_titled(&svg, "ms-cand", "今宿グリーンハイム・松尾大神・上国寺").is_some());
    // In English, and for four sites on one point, counted rather than listed.
    let chosen = [at("hie_jinja_hagizono")];
    let svg = map_svg(&MapSpec::new(&data, &chosen, 500.0), Lang::En).unwrap();
    let labels = texts(map_part(&svg), "ms-label");
    let hagizono: Vec<&String> = labels.iter().filter(|l| l.contains("萩園")).collect();
    assert_eq!(hagizono, ["日枝神社（萩園）\nand 3 others (same point)"]);
    // The council's 今宿グリーンハイム, labelled as the council's own, lists its point too.
    assert!(labels.contains(&"今宿グリーンハイム · 松尾大神 ·\n上国寺 (same point)".to_string()));
}
