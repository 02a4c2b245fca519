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
