//! Every operation checked against the state it would change, before anything is written: a
//! member's typo or a hostile request gets a message naming the field and its limit.

use super::edits::{active, Edits, Entry};
use super::op::{
    check_slots, check_text, Op, Refusal, KIND_MAX, MARGIN_M, NAME_MAX, RADIUS_RANGE, VEHICLES_MAX,
    WHO_MAX,
};
use crate::model::{Dataset, LatLon, AGED_65_PLUS};
use crate::solve::{Model, FAR_FROM_SHOP};
use crate::Choice;
use serde::Serialize;

/// Metres per degree of latitude.
const M_PER_DEG: f64 = 111_320.0;

/// The data's extent: the page fits its map to it; new and moved candidates must stay near it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Southern edge, degrees.
    pub south: f64,
    /// Western edge.
    pub west: f64,
    /// Northern edge.
    pub north: f64,
    /// Eastern edge.
    pub east: f64,
}

impl Bounds {
    /// Around every demand point and every candidate of `data`.
    pub fn of(data: &Dataset) -> Bounds {
        let points = data.demand.data.locations.iter();
        let sites = data.candidates.data.sites.iter().map(|s| &s.location);
        let mut b = Bounds {
            south: f64::INFINITY,
            west: f64::INFINITY,
            north: f64::NEG_INFINITY,
            east: f64::NEG_INFINITY,
        };
        for p in points.chain(sites) {
            b.south = b.south.min(p.lat);
            b.north = b.north.max(p.lat);
            b.west = b.west.min(p.lon);
            b.east = b.east.max(p.lon);
        }
        b
    }

    /// Grown by `m` metres on every side.
    pub fn grown(self, m: f64) -> Bounds {
        let mid = ((self.south + self.north) / 2.0)
            .to_radians()
            .cos()
            .max(0.01);
        let (dlat, dlon) = (m / M_PER_DEG, m / (M_PER_DEG * mid));
        Bounds {
            south: self.south - dlat,
            west: self.west - dlon,
            north: self.north + dlat,
            east: self.east + dlon,
        }
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: LatLon) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// Checks `op`, made by `who`, against the state `edits` of `data` after `log`.
pub fn check(
    op: &Op,
    who: &str,
    edits: &Edits,
    data: &Dataset,
    log: &[Entry],
) -> Result<(), Refusal> {
    if who.chars().count() > WHO_MAX || who.chars().any(char::is_control) {
        check_text("who", who, 0, WHO_MAX)?;
    }
    let known = |id: &str| {
        if edits.candidates.index_of(id).is_some() {
            Ok(())
        } else {
            let shown: String = id.chars().take(NAME_MAX).collect();
            Err(Refusal::bad(format!(
                "id: expected a candidate's id, found `{shown}` (no such candidate)"
            )))
        }
    };
    match op {
        Op::SetModel { model } => Model::from_name(model).map(|_| ()).ok_or_else(|| {
            Refusal::bad("model: expected one of mclp, lscp, pmedian, pcenter".to_string())
        }),
        Op::SetP { p } => {
            let n = edits.candidates.sites.len() as i64;
            in_range("p", *p as f64, 1.0, n as f64)
        }
        Op::SetRadius { radius_m } => {
            in_range("radius_m", *radius_m, RADIUS_RANGE.0, RADIUS_RANGE.1)
        }
        Op::SetObjective { weight } => objective(weight.as_deref(), data),
        Op::SetVehicles { vehicles } => {
            in_range("vehicles", *vehicles as f64, 1.0, VEHICLES_MAX as f64)
        }
        Op::SetRole { id, .. } => known(id),
        Op::AddCandidate {
            name,
            site_kind,
            lat,
            lon,
            vehicle_slots,
        } => {
            check_text("name", name, 1, NAME_MAX)?;
            check_text("site_kind", site_kind.as_deref().unwrap_or(""), 0, KIND_MAX)?;
            placeable(data)?;
            check_slots(*vehicle_slots)?;
            near(data, *lat, *lon)
        }
        Op::MoveCandidate { id, lat, lon } => {
            known(id)?;
            placeable(data)?;
            near(data, *lat, *lon)
        }
        Op::SetSlots { id, vehicle_slots } => {
            known(id)?;
            check_slots(*vehicle_slots).map(|_| ())
        }
        Op::Undo { version } => undoable(*version, log),
        Op::NameSet { name } => check_text("name", name, 1, NAME_MAX),
        Op::CompareWith { name: None } => Ok(()),
        Op::CompareWith { name: Some(name) } => {
            if edits.named.iter().any(|s| s.name == name.trim()) {
                Ok(())
            } else {
                let shown: String = name.chars().take(NAME_MAX).collect();
                Err(Refusal::bad(format!(
                    "name: expected a named set, found `{shown}` (no set has that name)"
                )))
            }
        }
    }
}

/// Sites can be placed where the distances are computed (straight line, or walked along the
/// streets again); a cost matrix file lists its sites by id, so a new place has no distances.
fn placeable(data: &Dataset) -> Result<(), Refusal> {
    if data.costs.is_some() && data.streets.is_none() {
        return Err(Refusal::bad(
            "lat, lon: the distances come from a cost matrix file (--cost-matrix), which has none \
             for a new place; start serve without it, or with --network",
        ));
    }
    Ok(())
}

fn in_range(what: &str, v: f64, lo: f64, hi: f64) -> Result<(), Refusal> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(Refusal::bad(format!(
            "{what}: expected {lo} to {hi}, found {v}"
        )))
    }
}

fn objective(weight: Option<&str>, data: &Dataset) -> Result<(), Refusal> {
    let Some(w) = weight else { return Ok(()) };
    let demand = &data.demand.data;
    let far = w == FAR_FROM_SHOP && data.stores.is_some() && demand.column(AGED_65_PLUS).is_some();
    if far || demand.column(w).is_some() {
        return Ok(());
    }
    let mut known: Vec<&str> = demand.column_names();
    if data.stores.is_some() {
        known.push(FAR_FROM_SHOP);
    }
    let shown: String = w.chars().take(NAME_MAX).collect();
    Err(Refusal::bad(format!(
        "weight: expected one of {} or null, found `{shown}`",
        known.join(", ")
    )))
}

fn near(data: &Dataset, lat: f64, lon: f64) -> Result<(), Refusal> {
    let on_earth = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    if !on_earth {
        return Err(Refusal::bad(format!(
            "lat, lon: expected latitude -90 to 90 and longitude -180 to 180, found {lat}, {lon}"
        )));
    }
    let b = Bounds::of(data).grown(MARGIN_M);
    if b.contains(LatLon::new(lat, lon)) {
        return Ok(());
    }
    Err(Refusal::bad(format!(
        "lat, lon: expected a point within {} km of the data (latitude {:.4} to {:.4}, \
         longitude {:.4} to {:.4}), found {lat}, {lon}",
        MARGIN_M / 1000.0,
        b.south,
        b.north,
        b.west,
        b.east
    )))
}

fn undoable(version: u64, log: &[Entry]) -> Result<(), Refusal> {
    let on = active(log);
    match version.checked_sub(1).map(|v| v as usize) {
        Some(k) if k < log.len() && on[k] => Ok(()),
        Some(k) if k < log.len() => Err(Refusal::bad(format!(
            "version: operation {version} is already undone"
        ))),
        _ => Err(Refusal::bad(format!(
            "version: expected the version of an operation (1 to {}), found {version}",
            log.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::ModelOptions;

    #[test]
    fn bad_operations_are_refused_with_the_field_named() {
        let data = crate::io::embedded::dataset().unwrap();
        let edits = Edits::new(ModelOptions::default(), data.candidates.data.clone());
        let refuse = |op: Op| check(&op, "t", &edits, &data, &[]).unwrap_err().message;
        let add = |lat: f64, lon: f64, name: &str, slots: Option<i64>| Op::AddCandidate {
            name: name.into(),
            site_kind: None,
            lat,
            lon,
            vehicle_slots: slots,
        };
        assert!(refuse(add(95.0, 139.4, "x", None)).starts_with("lat, lon"));
        assert!(refuse(add(36.5, 139.4, "x", None)).contains("within 5 km"));
        assert!(refuse(add(35.35, 139.4, "x", Some(-1))).starts_with("vehicle_slots"));
        assert!(refuse(add(35.35, 139.4, &"長".repeat(81), None)).starts_with("name"));
        assert!(refuse(Op::SetP { p: 0 }).starts_with("p:"));
        assert!(refuse(Op::SetRadius { radius_m: f64::NAN }).starts_with("radius_m"));
        let unknown = Op::SetSlots {
            id: "nope".into(),
            vehicle_slots: Some(2),
        };
        assert!(refuse(unknown).contains("no such candidate"));
        assert!(refuse(Op::Undo { version: 1 }).starts_with("version"));
        assert!(check(&add(35.35, 139.4, "x", Some(3)), "t", &edits, &data, &[]).is_ok());
        let long_who = check(&Op::SetP { p: 2 }, &"w".repeat(41), &edits, &data, &[]);
        assert!(long_who.unwrap_err().message.starts_with("who"));
    }
}
