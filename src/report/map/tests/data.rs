//! Maps of other data: demand as points rather than census cells, outlines of adjacent pockets,
//! and requests a user must fix.

use super::support::*;
use crate::model::MeshCode;
use crate::model::{CandidateSite, Demand, DemandColumn, DemandFormat, Part, Store};
use crate::model::{Dataset, LatLon, AGED_65_PLUS};
use crate::report::labels::Lang;
use crate::report::map::draw::map_svg;
use crate::report::map::spec::MapSpec;
use crate::spatial::haversine_m;

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
        written_name: None,
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
        area: None,
        costs: None,
        streets: None,
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
    assert!(legend_text(&svg, " ").contains("Uncovered pockets"));
    // No outline without an area; the frame around the points is land without data, and
    // says which data: the points, not a census mesh.
    assert!(!svg.contains("ms-area\""));
    let no_data = path_rings(path_d(&svg, "ms-nodata").unwrap());
    // The points inside the grid (the outer ones lie on the extent's edge).
    let dots = tags(cells, "<circle ");
    let (x0, x1) = (attr(dots[0], "cx"), attr(dots[3], "cx"));
    let (lo, hi) = (x0.min(x1) + 1.0, x0.max(x1) - 1.0);
    let ys = dots.iter().map(|t| attr(t, "cy"));
    let (top, bottom) = ys.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let mut inner = 0;
    for t in dots {
        let (x, y) = (attr(t, "cx"), attr(t, "cy"));
        if x > lo && x < hi && y > top + 1.0 && y < bottom - 1.0 {
            inner += 1;
            assert!(!inside_rings(&no_data, (x, y)));
        }
    }
    assert_eq!(inner, 4);
    assert!(inside_rings(&no_data, (14.0, 70.0)));
    assert!(legend_text(&svg, " ").contains("No data (outside the demand data)"));
    assert!(!svg.contains("census mesh"));
    assert_eq!(
        tags(map_part(&svg), "<circle class=\"ms-reach\" cx=").len(),
        1
    );
    // A pocket is weight beyond 400 m of the stop at index 5, at least the 60 % quantile of
    // the positive weights (nearest rank); the points are 445 m or more apart, more than the
    // 250 m that joins points, so each is its own pocket and the five largest show.
    let sites = &data.candidates.data.sites;
    let d = &data.demand.data;
    let w = d.column("weight").unwrap();
    let mut positive: Vec<f64> = w.iter().copied().filter(|&v| v > 0.0).collect();
    positive.sort_by(f64::total_cmp);
    let floor = positive[(positive.len() * 3).div_ceil(5) - 1];
    let mut dense: Vec<usize> = (0..16)
        .filter(|&i| w[i] >= floor && haversine_m(sites[1].location, d.locations[i]) > 400.0)
        .collect();
    dense.sort_by(|&a, &b| w[b].total_cmp(&w[a]).then(a.cmp(&b)));
    let want: Vec<f64> = dense.iter().take(5).map(|&i| w[i]).collect();
    assert_eq!(want.len(), 5);
    let got = pocket_groups(&svg);
    assert_eq!(got.iter().map(|g| g.need).collect::<Vec<_>>(), want);
    assert!(got.iter().all(|g| g.body.matches("<circle ").count() == 1));
    assert_eq!(pocket_labels(&svg), want);
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
        values: vec![4.0, 5.0, 4.0],
    }];
    d.footprint = d.locations.clone();
    d.format = DemandFormat::EstatMesh(Default::default());
    let svg = map_svg(&MapSpec::new(&data, &[], 500.0), Lang::En).unwrap();
    assert_well_formed(&svg);
    // All three are dense (the 60 % quantile of 4, 4, 5 is 4); 11 and 12 are side by side,
    // 44 is far off: two pockets, the larger first.
    let got = pocket_groups(&svg);
    let shapes: Vec<(f64, usize)> = got
        .iter()
        .map(|g| (g.need, g.body.matches("<rect ").count()))
        .collect();
    assert_eq!(shapes, vec![(9.0, 2), (4.0, 1)]);
    let paths: Vec<usize> = got
        .iter()
        .map(|g| g.body.matches("<path class=\"ms-pocket-edge\"").count())
        .collect();
    assert_eq!(paths, vec![1, 1]);
    // Two side-by-side cells share one edge: 6 outer edges; the lone cell has 4.
    let edges: Vec<usize> = got.iter().map(|g| g.body.matches('M').count()).collect();
    assert_eq!(edges, vec![6, 4]);
    let legend = legend_text(&svg, " ");
    assert!(
        legend.contains("hold 13 of the 13 beyond reach (3 cells)"),
        "{legend}"
    );
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
