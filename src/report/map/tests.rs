//! Checks of the map against its own output: well-formed, to scale, escaped, deterministic.

use super::legend::nice;
use super::*;
use crate::model::{CandidateSite, Demand, DemandColumn, Part, Store};
use crate::spatial::haversine_m;

const MCLP_P8: [&str; 8] = [
    "hachioji_jinja_motomura",
    "hie_jinja_hagizono",
    "honshagu_yabata",
    "imajuku_green_heim",
    "kumano_jinja_owada",
    "kumano_jinja_takada",
    "myogyoji",
    "sannosha_enzo",
];

fn embedded() -> Dataset {
    crate::io::embedded::dataset().unwrap()
}

fn p8(data: &Dataset) -> Vec<usize> {
    MCLP_P8
        .iter()
        .map(|id| data.candidates.data.index_of(id).unwrap())
        .collect()
}

/// Checks that tags nest: every `<x …>` is closed by `</x>` in order, `<x …/>` closes
/// itself, and no stray `<`, `>` or `&` is left in text or attributes.
fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg "), "starts with <svg");
    assert!(svg.trim_end().ends_with("</svg>"), "ends with </svg>");
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    let mut tags = 0;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        let end = rest[start..].find('>').expect("tag closed") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "no `<` inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "closing tag </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        // Attribute values: quotes are balanced.
        assert_eq!(tag.matches('"').count() % 2, 0, "quotes in <{tag}>");
        check_text(tag);
        tags += 1;
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed tags {stack:?}");
    assert!(tags > 10);
}

/// Every `&` starts one of the five entities the writer uses.
fn check_text(s: &str) {
    assert!(!s.contains('>'), "stray `>` in {s:?}");
    for (i, _) in s.match_indices('&') {
        let t = &s[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| t.starts_with(e)),
            "bare & in {s:?}"
        );
    }
}

/// Value of attribute `name` in a tag's text.
fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let i = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    let j = tag[i..].find('"').unwrap() + i;
    tag[i..j].parse().unwrap()
}

/// Every opening tag that starts with `prefix`, e.g. `<circle class="ms-stop"`.
fn tags<'s>(svg: &'s str, prefix: &str) -> Vec<&'s str> {
    svg.match_indices(prefix)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .collect()
}

/// The map itself, without the legend's sample symbols.
fn map_part(svg: &str) -> &str {
    &svg[..svg.find("<g class=\"ms-legend\">").unwrap()]
}

/// The text from `a` up to `b`.
fn between<'s>(svg: &'s str, a: &str, b: &str) -> &'s str {
    let i = svg.find(a).unwrap();
    &svg[i..i + svg[i..].find(b).unwrap()]
}

/// The text between the opening tag starting with `prefix` and its closing `</g>`.
fn group<'s>(svg: &'s str, prefix: &str) -> &'s str {
    let i = svg.find(prefix).unwrap();
    let j = svg[i..].find("</g>").unwrap() + i;
    &svg[i..j]
}

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
    assert_eq!(
        tags(map_part(&svg), "<circle class=\"ms-cand\"").len(),
        data.candidates.data.sites.len()
    );
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
    // The same reach `solve --p 8 --radius-m 500` proves optimal for these stops.
    assert!(svg.contains("16,378 of 64,940 (25.2 %)"));
    // No outside resources.
    for bad in [
        "href", "<image", "<script", "@import", "http://", "https://",
    ] {
        let n = svg.matches(bad).count();
        let allowed = usize::from(bad == "http://"); // the SVG namespace only
        assert_eq!(n, allowed, "{bad}");
    }
}

/// The map's scale measured from its own output: user units between pairs of chosen stops
/// over their great-circle distance in metres.
fn measured_scale(svg: &str, data: &Dataset, chosen: &[usize]) -> f64 {
    let stops = tags(map_part(svg), "<circle class=\"ms-stop\" cx=");
    assert_eq!(stops.len(), chosen.len());
    let xy: Vec<(f64, f64)> = stops
        .iter()
        .map(|t| (attr(t, "cx"), attr(t, "cy")))
        .collect();
    let sites = &data.candidates.data.sites;
    let mut ratios = Vec::new();
    for a in 0..chosen.len() {
        for b in a + 1..chosen.len() {
            let m = haversine_m(sites[chosen[a]].location, sites[chosen[b]].location);
            if m > 1000.0 {
                let u = (xy[a].0 - xy[b].0).hypot(xy[a].1 - xy[b].1);
                ratios.push(u / m);
            }
        }
    }
    assert!(ratios.len() >= 10);
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ratios.iter().copied().fold(0.0, f64::max);
    // One scale in every direction: distances are true, whatever the bearing.
    assert!(hi / lo < 1.002, "scale varies: {lo} to {hi}");
    (lo + hi) / 2.0
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

#[test]
fn uncovered_pockets_match_brute_force() {
    let data = embedded();
    let chosen = p8(&data);
    let demand = &data.demand.data;
    let aged = demand.column(AGED_65_PLUS).unwrap();
    let sites = &data.candidates.data.sites;
    for radius_m in [500.0, 250.0] {
        let svg = map_svg(&MapSpec::new(&data, &chosen, radius_m), Lang::En).unwrap();
        let mut n = 0;
        let mut people = 0.0;
        for (i, &p) in demand.locations.iter().enumerate() {
            let near = chosen
                .iter()
                .any(|&j| haversine_m(sites[j].location, p) <= radius_m);
            if aged[i] > 0.0 && !near {
                n += 1;
                people += aged[i];
            }
        }
        assert!(n > 0 && n < demand.len());
        let pockets = group(&svg, "<g class=\"ms-pockets\">");
        assert_eq!(pockets.matches("<rect ").count(), n, "radius {radius_m}");
        let line = format!(
            "{} cells, {} people aged 65+",
            count(n as f64),
            count(people)
        );
        assert!(svg.contains(&line), "{line}");
    }
    // No stops: every cell with older residents is a pocket.
    let svg = map_svg(&MapSpec::new(&data, &[], 500.0), Lang::En).unwrap();
    let n = aged.iter().filter(|&&a| a > 0.0).count();
    let pockets = group(&svg, "<g class=\"ms-pockets\">");
    assert_eq!(pockets.matches("<rect ").count(), n);
    assert_well_formed(&svg);
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
        assert!(svg.contains("&lt;svg onload=alert(1)&gt;"));
        assert_eq!(svg.matches("<svg").count(), 1);
        assert_eq!(tags(map_part(&svg), "<rect class=\"ms-shop\" x=").len(), 1);
    }
}

fn points_dataset() -> Dataset {
    let at = |i: usize| {
        LatLon::new(
            35.35 + 0.004 * (i / 4) as f64,
            139.40 + 0.005 * (i % 4) as f64,
        )
    };
    let ids: Vec<String> = (0..16).map(|i| format!("p{i}")).collect();
    let locations: Vec<LatLon> = (0..16).map(at).collect();
    let demand = Demand {
        ids,
        footprint: locations.clone(),
        locations,
        columns: vec![DemandColumn {
            name: "weight".into(),
            values: (0..16).map(|i| f64::from(i as u8 % 5)).collect(),
        }],
        format: DemandFormat::Points,
    };
    let site = |id: &str, i: usize| CandidateSite {
        id: id.into(),
        location: at(i),
        name: None,
        kind: None,
        vehicle_slots: None,
        area_m2: None,
        width_m: None,
        length_m: None,
        note: None,
        extra: Vec::new(),
        line: None,
    };
    let candidates = crate::model::Candidates {
        sites: vec![site("a", 0), site("b", 5), site("c", 15)],
        extra_columns: Vec::new(),
    };
    Dataset {
        label: "points".into(),
        demand: Part::new("demand.csv", demand),
        candidates: Part::new("candidates.csv", candidates),
        surveys: None,
        stores: Some(Part::new(
            "stores.csv",
            vec![Store {
                id: "s".into(),
                location: at(10),
                name: None,
                kind: None,
            }],
        )),
    }
}

#[test]
fn point_demand_is_drawn_as_dots_and_shaded_by_weight() {
    let data = points_dataset();
    let svg = map_svg(&MapSpec::new(&data, &[1], 400.0), Lang::En).unwrap();
    assert_well_formed(&svg);
    let cells = between(&svg, "<g class=\"ms-cells\">", "<g class=\"ms-pockets\">");
    assert_eq!(cells.matches("<circle ").count(), 16);
    assert_eq!(cells.matches("<rect ").count(), 0);
    assert!(svg.contains("Food shop (1)"));
    assert!(svg.contains("Uncovered: demand beyond"));
    assert_eq!(
        tags(map_part(&svg), "<circle class=\"ms-reach\" cx=").len(),
        1
    );
    // 400 m from the point at index 5 reaches only its neighbours within 400 m.
    let sites = &data.candidates.data.sites;
    let d = &data.demand.data;
    let w = d.column("weight").unwrap();
    let n = (0..16)
        .filter(|&i| w[i] > 0.0 && haversine_m(sites[1].location, d.locations[i]) > 400.0)
        .count();
    let pockets = group(&svg, "<g class=\"ms-pockets\">");
    assert_eq!(pockets.matches("<circle ").count(), n);
}

#[test]
fn pocket_outline_follows_the_union_of_cells() {
    let mut data = points_dataset();
    let codes = ["5339020911", "5339020912", "5339020944"];
    let d = &mut data.demand.data;
    d.ids = codes.iter().map(|c| c.to_string()).collect();
    d.locations = codes
        .iter()
        .map(|c| {
            let (lat, lon) = MeshCode::parse(c).unwrap().centre();
            LatLon::new(lat, lon)
        })
        .collect();
    d.columns = vec![DemandColumn {
        name: AGED_65_PLUS.into(),
        values: vec![3.0, 4.0, 5.0],
    }];
    d.footprint = d.locations.clone();
    d.format = DemandFormat::EstatMesh(Default::default());
    let svg = map_svg(&MapSpec::new(&data, &[], 500.0), Lang::En).unwrap();
    assert_well_formed(&svg);
    assert_eq!(
        group(&svg, "<g class=\"ms-pockets\">")
            .matches("<rect ")
            .count(),
        3
    );
    let path = tags(map_part(&svg), "<path class=\"ms-pocket-edge\"");
    assert_eq!(path.len(), 1);
    // Two side-by-side cells share one edge: 6 outer edges, plus 4 of the lone cell.
    assert_eq!(path[0].matches('M').count(), 10);
    assert!(svg.contains("3 cells, 12 people aged 65+"));
    assert!(svg.contains("e-Stat"));
}

#[test]
fn bad_requests_are_usage_errors() {
    let data = embedded();
    let n = data.candidates.data.sites.len();
    assert!(map_svg(&MapSpec::new(&data, &[n], 500.0), Lang::En).is_err());
    assert!(map_svg(&MapSpec::new(&data, &[0], 0.0), Lang::En).is_err());
    assert!(map_svg(&MapSpec::new(&data, &[0], f64::NAN), Lang::En).is_err());
    let spec = MapSpec {
        weight_column: Some("nope"),
        ..MapSpec::new(&data, &[0], 500.0)
    };
    assert!(map_svg(&spec, Lang::En).is_err());
    let spec = MapSpec {
        weight_column: Some("POPULATION"),
        ..MapSpec::new(&data, &[0, 0], 500.0)
    };
    let svg = map_svg(&spec, Lang::En).unwrap();
    assert!(svg.contains(">Population<"));
    assert_eq!(
        tags(map_part(&svg), "<circle class=\"ms-reach\" cx=").len(),
        1
    );
}

#[test]
fn classes_are_quantiles_rounded_to_two_figures() {
    let v: Vec<f64> = (0..=100).map(f64::from).collect();
    let c = Classes::new(&v);
    assert_eq!(c.uppers, vec![20.0, 40.0, 60.0, 80.0, 100.0]);
    assert_eq!(c.label(0), "0–20");
    assert_eq!(c.label(1), "21–40");
    assert_eq!(c.of(20.4), 0);
    assert_eq!(c.of(20.6), 1);
    assert_eq!(c.of(100.0), 4);
    let c = Classes::new(&[0.0, 0.0, 0.0, 0.0]);
    assert_eq!(c.len(), 1);
    assert_eq!(c.label(0), "0");
    let c = Classes::new(&[0.0, 0.0, 0.0, 7.0, 1234.0]);
    assert_eq!(c.uppers, vec![0.0, 7.0, 1234.0]);
    assert_eq!(c.label(0), "0");
    assert_eq!(c.label(1), "1–7");
    assert_eq!(c.label(2), "8–1,234");
    assert_eq!(c.colour(0), 0);
    assert_eq!(c.colour(2), 4);
    let c = Classes::new(&[0.1, 0.25, 0.5, 1.0, 2.0]);
    assert_eq!(c.decimals, 2);
    assert_eq!(c.uppers, vec![0.1, 0.25, 0.5, 1.0, 2.0]);
    assert_eq!(c.label(0), "0.10");
    assert_eq!(c.label(1), "0.11–0.25");
    assert!(Classes::new(&[]).len() == 1);
    assert_eq!(nice(123.0), 120.0);
    assert_eq!(nice(3.7), 3.7);
    assert_eq!(scale_length(0.12).0, 1000.0);
    assert_eq!(scale_length(0.08).0, 2000.0);
}
