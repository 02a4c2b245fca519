//! How long each drive of a week takes: straight line × detour, a planner's matrix, or the
//! fastest drives along an OpenStreetMap extract's streets.

use super::week::WeekOptions;
use crate::budget::Budget;
use crate::defaults::DRIVE_LEG_KMH;
use crate::error::{Error, Location, Result};
use crate::io::read_travel_matrix;
use crate::io::text::SourceText;
use crate::model::{Dataset, LatLon, TravelSource, TravelTimes};
use crate::network::{drive_lists, DriveLeg, Joining, NetworkSpec, Profile, Snapper};
use crate::route::{Place, Travel};

/// The travel between `places` (the depot, the stops, the other trucks' depots), from the
/// week's source.
pub(super) fn travel(
    week: &WeekOptions,
    places: &[&Place],
    data: &Dataset,
    budget: Budget,
) -> Result<Travel> {
    let at = || -> Vec<LatLon> {
        places
            .iter()
            .map(|p| p.location.expect("data places have positions"))
            .collect()
    };
    if let Some(spec) = &week.drive_network {
        return network_travel(spec, places, &at(), budget);
    }
    let Some(path) = &week.travel_matrix else {
        return Ok(Travel::straight(&at(), week.speed_kmh, week.detour));
    };
    let src = SourceText::read(path, budget)?;
    let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
    let known = |id: &str| {
        data.candidates.data.sites.iter().any(|c| c.id == id)
            || data
                .stores
                .as_ref()
                .is_some_and(|s| s.data.iter().any(|s| s.id == id))
    };
    read_travel_matrix(&src, &ids, &known)
}

/// The fastest drive between every two places along `spec`'s streets (a search out from each
/// place). A place off the network, or one no open way leads to or from (a one-way trap), is
/// an error naming it.
fn network_travel(
    spec: &NetworkSpec,
    places: &[&Place],
    at: &[LatLon],
    budget: Budget,
) -> Result<Travel> {
    let spec = NetworkSpec {
        profile: Profile::Drive,
        ..spec.clone()
    };
    let (graph, _) = spec.graph(at, None, budget)?;
    let join = Joining {
        snap_max_m: spec.snap_max_m,
        leg_kmh: DRIVE_LEG_KMH,
    };
    let lists = drive_lists(&graph, &Snapper::new(&graph), at, at, None, join, budget)?;
    if let Some(&i) = lists.off.points.first() {
        return Err(unreachable(
            &spec,
            format!(
                "every place within {} m of a drivable street",
                spec.snap_max_m
            ),
            format!(
                "{} more than {} m from every one",
                named(places[i]),
                spec.snap_max_m
            ),
        ));
    }
    let n = places.len();
    let mut legs: Vec<Option<DriveLeg>> = vec![None; n * n];
    for (i, list) in lists.lists.iter().enumerate() {
        for &(j, leg) in list {
            legs[i * n + j] = Some(leg);
        }
    }
    for i in 0..n {
        for j in (0..n).filter(|&j| j != i) {
            if legs[i * n + j].is_none() {
                return Err(unreachable(
                    &spec,
                    "an open way between every two places",
                    format!(
                        "no drive from {} to {} (one-way streets, or roads closed to cars)",
                        named(places[i]),
                        named(places[j])
                    ),
                ));
            }
        }
    }
    let get = |i: usize, j: usize, f: fn(&DriveLeg) -> f64| match legs[i * n + j] {
        Some(leg) if i != j => f(&leg),
        _ => 0.0,
    };
    Ok(Travel {
        minutes: TravelTimes::from_fn(n, |i, j| get(i, j, |l| l.minutes)),
        km: Some(TravelTimes::from_fn(n, |i, j| {
            get(i, j, |l| l.metres / 1000.0)
        })),
        source: TravelSource::Network {
            file: spec.source(),
            snap_max_m: spec.snap_max_m,
            leg_kmh: DRIVE_LEG_KMH,
        },
    })
}

fn unreachable(spec: &NetworkSpec, expected: impl Into<String>, found: String) -> Error {
    Error::input(Location::file(spec.source()), expected, found)
}

/// A place as a message names it: the depot, or the stop's id (and name).
fn named(p: &Place) -> String {
    match &p.name {
        Some(name) => format!("`{}` ({name})", p.id),
        None => format!("`{}`", p.id),
    }
}
