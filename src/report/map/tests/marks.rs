//! What the map names and how it prints: the council's candidates, compared sets and the depot
//! drawn and named, shading that follows the objective column, and type that stays at 7 pt or
//! more on the printed page and on the drawing.

use super::support::*;
use crate::model::{Dataset, LatLon, AGED_65_PLUS, POPULATION};
use crate::report::labels::Lang;
use crate::report::map::draw::map_svg;
use crate::report::map::spec::{Depot, MapSpec};
use crate::report::map::style::{text_width, MIN_FONT_PT, PRINT_WIDTH_MM, PT_PER_MM};
use crate::spatial::haversine_m;

/// The candidates whose `proposed_by` column says `council`, read straight from the data.
fn council_sites(data: &Dataset) -> Vec<usize> {
    let c = &data.candidates.data;
    let k = c
        .extra_columns
        .iter()
        .position(|n| n == "proposed_by")
        .expect("the embedded candidates say who proposed them");
    (0..c.sites.len())
        .filter(|&j| c.sites[j].extra[k] == "council")
        .collect()
}

fn name(data: &Dataset, j: usize) -> String {
    let s = &data.candidates.data.sites[j];
    s.name.clone().unwrap_or_else(|| s.id.clone())
}

#[test]
fn council_candidates_set_members_and_the_depot_are_drawn_and_named() {
    let data = embedded();
    let chosen = p8(&data);
    let sites = &data.candidates.data.sites;
    let council = council_sites(&data);
    assert_eq!(council.len(), 5);
    // A compared set: one council site, one neither council nor chosen, one chosen.
    let other = (0..sites.len())
        .find(|j| !council.contains(j) && !chosen.contains(j))
        .unwrap();
    let set = [council[1], other, chosen[0]];
    let home = data.candidates.data.index_of("hiejinja").unwrap();
    let location = sites[home].location;
    let spec = MapSpec {
        marked: &set,
        depot: Some(Depot {
            location,
            name: "日枝神社",
        }),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    let mut named: Vec<usize> = chosen.iter().chain(&council).chain(&set).copied().collect();
    named.sort_unstable();
    named.dedup();
    for lang in [Lang::En, Lang::Ja] {
        let svg = map_svg(&spec, lang).unwrap();
        assert_well_formed(&svg);
        // One label per point: the depot stands on a named site, so it adds none of its own.
        assert_one_label_per_point(&data, &named, &texts(map_part(&svg), "ms-label"), lang);
        let points = |list: &[usize]| distinct_points(&data, list);
        // Bold for the chosen stops only.
        assert_eq!(
            tags(map_part(&svg), "<text class=\"ms-label\"").len(),
            chosen.len()
        );
        let rings = tags(map_part(&svg), "<circle class=\"ms-marked\"");
        let ringed: Vec<usize> = named
            .iter()
            .copied()
            .filter(|j| council.contains(j) || set.contains(j))
            .collect();
        assert_eq!(rings.len(), points(&ringed).len());
        // The depot's site lies south of the data: its marker is the not-measurable one.
        let marker = marker_titled(map_part(&svg), "ms-cand-out", &name(&data, home)).unwrap();
        assert_house_on(&svg, marker);
        let legend = legend_text(&svg, lang.pick(" ", ""));
        let depot_words = lang.pick("Depot: 日枝神社", "拠点：日枝神社");
        assert!(legend.contains(depot_words), "{legend}");
        let ring_words = lang.pick(
            "Council's own candidate or in a compared set (7)",
            "自治会の候補地・比較案の停留所（7か所）",
        );
        assert_eq!(ringed.len(), 7);
        assert!(legend.contains(ring_words), "{legend}");
    }
    // A depot by coordinates, on no site, is named on its own; with no column saying who
    // proposed the sites and no sets, only the stops are named.
    let mut plain = embedded();
    plain.candidates.data.extra_columns.clear();
    for s in &mut plain.candidates.data.sites {
        s.extra.clear();
    }
    let spec = MapSpec {
        depot: Some(Depot {
            location: LatLon::new(35.36, 139.40),
            name: "depot",
        }),
        ..MapSpec::new(&plain, &chosen, 500.0)
    };
    let svg = map_svg(&spec, Lang::En).unwrap();
    let labels = texts(map_part(&svg), "ms-label");
    assert_eq!(labels.len(), chosen.len() + 1);
    assert!(labels.contains(&"depot".to_string()));
    assert!(tags(map_part(&svg), "<circle class=\"ms-marked\"").is_empty());
    assert!(!legend_text(&svg, " ").contains("compared set"));
}

/// The depot's one house has its apex 9 units above `marker`, the depot's site.
fn assert_house_on(svg: &str, marker: &str) {
    let house = tags(map_part(svg), "<path class=\"ms-depot\"");
    assert_eq!(house.len(), 1);
    let d = &house[0][house[0].find(" d=\"M").unwrap() + 5..];
    let (x, rest) = d.split_once(',').unwrap();
    let y = &rest[..rest.find('L').unwrap()];
    assert_eq!(x.parse::<f64>().unwrap(), attr(marker, "cx"));
    assert!((y.parse::<f64>().unwrap() + 9.0 - attr(marker, "cy")).abs() < 0.11);
}

/// The points the sites stand on, each once.
fn distinct_points(data: &Dataset, list: &[usize]) -> Vec<(i64, i64)> {
    let sites = &data.candidates.data.sites;
    let mut keys: Vec<(i64, i64)> = list
        .iter()
        .map(|&j| sites[j].location.point_key())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// One label per point the `named` sites stand on, starting with a named site's name; on a
/// shared point it says so and names or counts every site there.
fn assert_one_label_per_point(data: &Dataset, named: &[usize], labels: &[String], lang: Lang) {
    let sites = &data.candidates.data.sites;
    let points = distinct_points(data, named);
    assert_eq!(labels.len(), points.len(), "{lang:?}: {labels:?}");
    for key in points {
        let on: Vec<usize> = (0..sites.len())
            .filter(|&j| sites[j].location.point_key() == key)
            .collect();
        let names: Vec<String> = on
            .iter()
            .filter(|j| named.contains(j))
            .map(|&j| name(data, j))
            .collect();
        let mine: Vec<&String> = labels
            .iter()
            .filter(|l| names.iter().any(|n| l.starts_with(n.as_str())))
            .collect();
        assert_eq!(mine.len(), 1, "{names:?} in {labels:?}");
        let label = mine[0].replace('\n', " ");
        if on.len() == 1 {
            assert_eq!(label, names[0]);
            continue;
        }
        // Sites on one point: one label that says so, naming them all or counting them.
        let same = lang.pick("(same point)", "（同一地点）");
        assert!(label.ends_with(same), "{label}");
        let others = on.len() - 1;
        let all_named = on.iter().all(|&j| label.contains(&name(data, j)));
        let counted = label.contains(&match lang {
            Lang::En => format!("and {others} other"),
            Lang::Ja => format!("ほか{others}か所"),
        });
        assert!(all_named || counted, "{label}");
    }
}

/// The largest value the legend's shading classes reach ("181–637  (124 cells)" gives 637).
fn top_class(svg: &str) -> f64 {
    let legend = &svg[svg.find("<g class=\"ms-legend\">").unwrap()..];
    let rows = texts(legend, "ms-leg");
    let last = rows
        .iter()
        .rfind(|t| t.contains('–') && (t.ends_with("cells)") || t.ends_with("cell)")))
        .unwrap();
    let range = last.split_whitespace().next().unwrap();
    let upper = range.rsplit('–').next().unwrap();
    upper.replace(',', "").parse().unwrap()
}

#[test]
fn shading_follows_the_objective_column() {
    let data = embedded();
    let chosen = p8(&data);
    let d = &data.demand.data;
    let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
    let aged = d.column(AGED_65_PLUS).unwrap();
    let pop = d.column(POPULATION).unwrap();
    let by_default = map_svg(&MapSpec::new(&data, &chosen, 500.0), Lang::En).unwrap();
    assert_eq!(top_class(&by_default), max(aged));
    assert!(legend_text(&by_default, " ").starts_with("Residents aged 65+"));
    let spec = MapSpec {
        weight_column: Some(POPULATION),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    let by_pop = map_svg(&spec, Lang::En).unwrap();
    assert_eq!(top_class(&by_pop), max(pop));
    assert!(legend_text(&by_pop, " ").starts_with("Population"));
    let cells =
        |svg: &str| between(svg, "<g class=\"ms-cells\">", "<g class=\"ms-pockets\">").to_string();
    assert_ne!(cells(&by_default), cells(&by_pop), "the shading changed");
    // The solve's computed column: the map shades by it and finds its pockets in it.
    let far: Vec<f64> = (0..d.len())
        .map(|i| if i % 3 == 0 { aged[i] } else { 0.0 })
        .collect();
    let spec = MapSpec {
        weight_column: Some("far_from_shop"),
        weights: Some(&far),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    let by_far = map_svg(&spec, Lang::En).unwrap();
    assert_eq!(top_class(&by_far), max(&far));
    let legend = legend_text(&by_far, " ");
    assert!(
        legend.starts_with("Aged 65+ far from every shop"),
        "{legend}"
    );
    let sites = &data.candidates.data.sites;
    let beyond: f64 = (0..d.len())
        .filter(|&i| {
            chosen
                .iter()
                .all(|&j| haversine_m(sites[j].location, d.locations[i]) > 500.0)
        })
        .map(|i| far[i])
        .sum();
    let total = crate::report::table::count(beyond);
    assert!(
        legend.contains(&format!("of the {total} beyond reach")),
        "{legend}"
    );
    // Every outlined cell holds older people far from a shop.
    for g in pocket_groups(&by_far) {
        assert!(g.need > 0.0);
    }
    let wrong = MapSpec {
        weights: Some(&far[1..]),
        ..spec
    };
    assert!(map_svg(&wrong, Lang::En).is_err());
}

#[test]
fn every_type_size_prints_at_7_pt_or_more_and_text_stays_on_the_drawing() {
    let data = embedded();
    let chosen = p8(&data);
    let set = [0, 1, 2];
    let spec = MapSpec {
        marked: &set,
        depot: Some(Depot {
            location: LatLon::new(35.36, 139.40),
            name: "拠点になる長い名前の集会所",
        }),
        ..MapSpec::new(&data, &chosen, 500.0)
    };
    for lang in [Lang::En, Lang::Ja] {
        let svg = map_svg(&spec, lang).unwrap();
        let view = tags(&svg, "<svg ")[0];
        let vb = &view[view.find("viewBox=\"").unwrap() + 9..];
        let vb: Vec<f64> = vb[..vb.find('"').unwrap()]
            .split(' ')
            .map(|v| v.parse().unwrap())
            .collect();
        let (w, h) = (vb[2], vb[3]);
        let pt = |units: f64| units * PRINT_WIDTH_MM / w * PT_PER_MM;
        let style = between(&svg, "<style>", "</style>");
        let sizes: Vec<f64> = style
            .split("font-size:")
            .skip(1)
            .map(|s| s[..s.find("px").unwrap()].parse().unwrap())
            .collect();
        assert!(sizes.len() >= 8);
        for s in &sizes {
            assert!(pt(*s) >= MIN_FONT_PT, "{s} units print at {:.1} pt", pt(*s));
        }
        assert!(
            !svg.contains("font-size=\""),
            "sizes only in the style sheet"
        );
        // Every text has a sized class (the north arrow's through `.ms-north text`).
        for (i, _) in svg.match_indices("<text") {
            let tag = &svg[i..i + svg[i..].find('>').unwrap()];
            let inside_north = svg[..i].rfind("<g class=\"ms-north\"") > svg[..i].rfind("</g>");
            let class = tag
                .split("class=\"")
                .nth(1)
                .map(|c| c.split(['"', ' ']).next().unwrap());
            let sized =
                class.is_some_and(|c| style.contains(&format!(".{c}{{font-size"))) || inside_north;
            assert!(sized, "{tag}");
        }
        // Legend and footer lines stay on the drawing, the drawing holds them.
        for class in ["ms-leg", "ms-foot", "ms-sub"] {
            for (i, _) in svg.match_indices(&format!("<text class=\"{class}")) {
                let tag = &svg[i..i + svg[i..].find('>').unwrap()];
                let text = unescape(&svg[i + tag.len() + 1..i + svg[i..].find("</text>").unwrap()]);
                let size = if tag.contains("ms-leghead") {
                    16.0
                } else {
                    15.0
                };
                let right = attr(tag, "x") + text_width(&text, size);
                assert!(right <= w + 0.01, "{text} ends at {right}");
                assert!(attr(tag, "y") <= h - 8.0);
            }
        }
    }
}
