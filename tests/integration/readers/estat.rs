//! The e-Stat reader against the published census figures and the source's own derived table,
//! mesh codes, and property-based tests that the planning-data readers never panic and always
//! locate their errors.

use crate::helpers::{share_machine, shared_root as shared};
use mobile_stops::io::{read_estat, SourceText};
use mobile_stops::MeshCode;
use proptest::prelude::*;

#[test]
fn estat_reader_matches_census_totals_and_the_derived_table() {
    let _turn = share_machine();
    let src = SourceText::read(
        &shared("data-sources/estat-census2020-mesh250-chigasaki-north/tblT001142Q5339_subset.csv"),
        mobile_stops::budget::Budget::default(),
    )
    .unwrap();
    let demand = read_estat(&src).unwrap();
    assert_eq!(demand.len(), 624);
    assert_eq!(demand.total("population"), Some(232_022.0));
    match demand.format {
        mobile_stops::model::DemandFormat::EstatMesh(m) => {
            assert_eq!(
                (m.published_cells, m.merge_targets, m.suppressed_cells),
                (556, 33, 35)
            );
        }
        _ => panic!("read as e-Stat"),
    }
    // The source's derived table holds each cell's geometry and the proportional split.
    let derived = std::fs::read_to_string(shared(
        "data-sources/estat-census2020-mesh250-chigasaki-north/mesh250_chigasaki_north.csv",
    ))
    .unwrap();
    let mut lines = derived.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |n: &str| head.iter().position(|h| *h == n).unwrap();
    let (key, clat, clon, swlat, swlon) = (
        col("key_code"),
        col("center_lat"),
        col("center_lon"),
        col("sw_lat"),
        col("sw_lon"),
    );
    let (p65, p75, single) = (
        col("pop_65plus_alloc"),
        col("pop_75plus_alloc"),
        col("elderly_single_hh_alloc"),
    );
    let a65 = demand.column("aged_65_plus").unwrap();
    let a75 = demand.column("aged_75_plus").unwrap();
    let es = demand.column("elderly_single_households").unwrap();
    let mut checked = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let i = demand.ids.iter().position(|id| id == f[key]).unwrap();
        let num = |c: usize| f[c].parse::<f64>().unwrap();
        assert!(
            (demand.locations[i].lat - num(clat)).abs() < 1e-6,
            "{}",
            f[key]
        );
        assert!(
            (demand.locations[i].lon - num(clon)).abs() < 1e-6,
            "{}",
            f[key]
        );
        let cell = MeshCode::parse(f[key]).unwrap();
        assert!((cell.south_west().0 - num(swlat)).abs() < 1e-6);
        assert!((cell.south_west().1 - num(swlon)).abs() < 1e-6);
        // The derived table rounds allocations to one decimal.
        assert!(
            (a65[i] - num(p65)).abs() <= 0.05 + 1e-9,
            "{}: {} vs {}",
            f[key],
            a65[i],
            num(p65)
        );
        assert!((a75[i] - num(p75)).abs() <= 0.05 + 1e-9, "{}", f[key]);
        assert!((es[i] - num(single)).abs() <= 0.05 + 1e-9, "{}", f[key]);
        checked += 1;
    }
    assert_eq!(checked, 624);
    // Allocation preserves each group's total: the 65+ sum equals the published sum.
    assert!((demand.total("aged_65_plus").unwrap() - 64_940.0).abs() < 1e-6);
}

#[test]
fn known_mesh_code_decodes_to_its_corner() {
    let _turn = share_machine();
    let c = MeshCode::parse("5339020911").unwrap();
    let (lat, lon) = c.south_west();
    assert!((lat - 35.333333).abs() < 1e-6);
    assert!((lon - 139.3625).abs() < 1e-12);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Readers never panic on arbitrary bytes: they parse or return a located error.
    #[test]
    fn readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(src) = SourceText::decode("f.csv".into(), &bytes) {
            let _ = mobile_stops::io::read_points(&src);
            let _ = mobile_stops::io::read_candidates(&src);
            let _ = mobile_stops::io::read_surveys(&src);
            let _ = mobile_stops::io::read_stores(&src);
            let _ = read_estat(&src);
        }
    }

    /// CSV-shaped text with random cells: errors always carry the file name and a line.
    #[test]
    fn malformed_rows_give_located_errors(
        cells in proptest::collection::vec("[0-9a-z.\\-,\"*; ]{0,8}", 3..12)
    ) {
        let text = format!("id,lat,lon\n{}\n", cells.join(","));
        let src = SourceText::decode("f.csv".into(), text.as_bytes()).unwrap();
        if let Err(e) = mobile_stops::io::read_points(&src) {
            let msg = e.to_string();
            prop_assert!(msg.starts_with("f.csv:"), "{}", msg);
        }
    }

    /// Any point's mesh cell contains it, at every level.
    #[test]
    fn containing_cell_holds_the_point(lat in 20.0f64..46.0, lon in 122.0f64..154.0) {
        for digits in [4u8, 6, 8, 9, 10] {
            let cell = MeshCode::containing(lat, lon, digits).unwrap();
            let (s, w) = cell.south_west();
            let (n, e) = cell.north_east();
            prop_assert!(s - 1e-9 <= lat && lat <= n + 1e-9 && w - 1e-9 <= lon && lon <= e + 1e-9);
        }
    }
}
