//! `network matrix --profile drive`: the fastest drive from each --from place to each --to
//! place along the drive graph, in metres and minutes, and how it says what it used.

use super::network::MatrixArgs;
use super::network_render::{off_clauses, off_json, pretty};
use mobile_stops::budget::Budget;
use mobile_stops::defaults::DRIVE_LEG_KMH;
use mobile_stops::model::{Demand, LatLon};
use mobile_stops::network::{self, DriveLists, Joining, Profile, Snapper, CREDIT};
use mobile_stops::Error;
use serde_json::json;

/// Which distance the numbers are.
pub fn driving() -> String {
    format!(
        "network (driving along OpenStreetMap streets: one-way streets along their sign, \
         speeds from maxspeed or the per-class defaults, legs to the street at {DRIVE_LEG_KMH} \
         km/h)"
    )
}

/// Reads the drive graph around the places, drives from each --from to each --to and writes
/// the rows in `a.format`.
pub fn matrix(
    a: &MatrixArgs,
    from: &Demand,
    sites: &[LatLon],
    site_ids: &[String],
    budget: Budget,
) -> Result<(), Error> {
    let spec = network::NetworkSpec {
        profile: Profile::Drive,
        ..a.net.spec()
    };
    let all: Vec<LatLon> = from.locations.iter().chain(sites).copied().collect();
    let (graph, _) = spec.graph(&all, Some(a.max_m), budget)?;
    let join = Joining {
        snap_max_m: a.net.snap_max_m,
        leg_kmh: DRIVE_LEG_KMH,
    };
    let snapper = Snapper::new(&graph);
    let lists = network::drive_lists(
        &graph,
        &snapper,
        &from.locations,
        sites,
        Some(a.max_m),
        join,
        budget,
    )?;
    let bytes = match a.format {
        super::network::MatrixFormat::Csv => {
            let mut buf = Vec::new();
            network::write_drive_rows(&lists, &from.ids, site_ids, &mut buf)
                .map_err(|e| Error::io("the matrix", "writing", e))?;
            buf
        }
        super::network::MatrixFormat::Json => json_bytes(a, &lists, &from.ids, site_ids),
    };
    super::emit(a.out.as_deref(), &bytes)?;
    eprintln!("mobile-stops: {}", note(a, &lists, &from.ids, site_ids));
    Ok(())
}

fn json_bytes(a: &MatrixArgs, lists: &DriveLists, from: &[String], to: &[String]) -> Vec<u8> {
    let round = |x: f64, k: f64| (x * k).round() / k;
    let pairs: Vec<_> = lists
        .lists
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            l.iter().map(move |&(j, leg)| {
                json!({
                    "from": from[i], "to": to[j],
                    "metres": round(leg.metres, 10.0), "minutes": round(leg.minutes, 100.0),
                })
            })
        })
        .collect();
    let v = json!({
        "network": a.net.network.display().to_string(),
        "credit": format!("{CREDIT} (ODbL)"),
        "profile": "drive",
        "distance": driving(),
        "leg_kmh": DRIVE_LEG_KMH,
        "max_m": a.max_m,
        "snap_max_m": a.net.snap_max_m,
        "pairs": pairs,
        "off_network": off_json(&lists.off, from, to),
    });
    pretty(&v)
}

fn note(a: &MatrixArgs, lists: &DriveLists, from: &[String], to: &[String]) -> String {
    let mut s = format!(
        "{} drives of at most {} m along the streets of {} ({CREDIT}, ODbL)",
        lists.pairs(),
        a.max_m,
        a.net.network.display()
    );
    s += &off_clauses(
        &lists.off,
        [("--from places", from), ("--to places", to)],
        a.net.snap_max_m,
        "a drivable street, no drive given",
    );
    s
}
