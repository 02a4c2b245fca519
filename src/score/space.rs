//! Whether a site has room for the truck and the vehicles that come with it.
//!
//! The Chigasaki council asks for room for five vehicles. A parking bay is 2.5 × 5.0 m (the
//! standard Japanese bay) and each row of bays needs a manoeuvring aisle of 6.0 m beside it; two
//! rows can share one aisle. From the best of both orientations of a `width_m × length_m` site:
//! bays per row = ⌊long side / 2.5⌋, rows = 2 per 16 m of depth (5 + 6 + 5) plus one more if
//! 11 m (5 + 6) remain. From `area_m2` alone: one vehicle per 2.5 × (5.0 + 6.0 / 2) = 20 m².
//! An owner's stated `vehicle_slots` overrides both.

use crate::defaults;
use crate::model::CandidateSite;
use serde::Serialize;

/// Bay and aisle sizes, in metres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SpaceParams {
    /// Bay width.
    pub bay_width_m: f64,
    /// Bay length.
    pub bay_length_m: f64,
    /// Manoeuvring aisle width.
    pub aisle_m: f64,
}

impl Default for SpaceParams {
    fn default() -> Self {
        SpaceParams {
            bay_width_m: defaults::BAY_WIDTH_M,
            bay_length_m: defaults::BAY_LENGTH_M,
            aisle_m: defaults::AISLE_M,
        }
    }
}

/// Fits, does not fit, or unknown: unknown is never read as either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceStatus {
    /// Room for at least the required vehicles.
    Fits,
    /// Known to be too small: ranked but ineligible.
    DoesNotFit,
    /// Nothing known of the site's space.
    Unknown,
}

/// What the space verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceBasis {
    /// The owner's stated number of slots.
    VehicleSlots,
    /// Width and length with the bay layout.
    Dimensions,
    /// Area divided by the area one vehicle needs.
    Area,
    /// No space information.
    None,
}

/// The space verdict for one site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpaceAssessment {
    /// The verdict.
    pub status: SpaceStatus,
    /// How many vehicles fit, where known.
    pub vehicles_fit: Option<u64>,
    /// What it rests on.
    pub basis: SpaceBasis,
}

impl SpaceStatus {
    /// Stable code used in CSV and JSON.
    pub fn code(self) -> &'static str {
        match self {
            SpaceStatus::Fits => "fits",
            SpaceStatus::DoesNotFit => "does_not_fit",
            SpaceStatus::Unknown => "unknown",
        }
    }
}

impl SpaceBasis {
    /// Stable code used in CSV and JSON.
    pub fn code(self) -> &'static str {
        match self {
            SpaceBasis::VehicleSlots => "vehicle_slots",
            SpaceBasis::Dimensions => "dimensions",
            SpaceBasis::Area => "area",
            SpaceBasis::None => "none",
        }
    }
}

impl SpaceParams {
    /// Vehicles that fit a `width × length` rectangle (best orientation).
    pub fn vehicles_in_rectangle(&self, width_m: f64, length_m: f64) -> u64 {
        let fit = |along: f64, depth: f64| {
            let per_row = floor_div(along, self.bay_width_m);
            let module = 2.0 * self.bay_length_m + self.aisle_m;
            let pairs = floor_div(depth, module);
            let rest = depth - pairs as f64 * module;
            let rows = 2 * pairs + u64::from(rest + 1e-9 >= self.bay_length_m + self.aisle_m);
            per_row.saturating_mul(rows)
        };
        fit(width_m, length_m).max(fit(length_m, width_m))
    }

    /// Vehicles that fit an area, at one bay plus half an aisle each.
    pub fn vehicles_in_area(&self, area_m2: f64) -> u64 {
        floor_div(
            area_m2,
            self.bay_width_m * (self.bay_length_m + self.aisle_m / 2.0),
        )
    }

    /// The verdict for a site needing room for `vehicles`.
    pub fn assess(&self, site: &CandidateSite, vehicles: u64) -> SpaceAssessment {
        let (fit, basis) = match (
            site.vehicle_slots,
            site.width_m,
            site.length_m,
            site.area_m2,
        ) {
            (Some(s), ..) => (Some(s), SpaceBasis::VehicleSlots),
            (None, Some(w), Some(l), _) => (
                Some(self.vehicles_in_rectangle(w, l)),
                SpaceBasis::Dimensions,
            ),
            (None, _, _, Some(a)) => (Some(self.vehicles_in_area(a)), SpaceBasis::Area),
            _ => (None, SpaceBasis::None),
        };
        let status = match fit {
            None => SpaceStatus::Unknown,
            Some(n) if n >= vehicles => SpaceStatus::Fits,
            Some(_) => SpaceStatus::DoesNotFit,
        };
        SpaceAssessment {
            status,
            vehicles_fit: fit,
            basis,
        }
    }
}

fn floor_div(a: f64, b: f64) -> u64 {
    ((a + 1e-9) / b).floor().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn site() -> CandidateSite {
        CandidateSite {
            id: "s".into(),
            location: LatLon::new(35.0, 139.0),
            name: None,
            written_name: None,
            kind: None,
            vehicle_slots: None,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra: vec![],
            line: None,
        }
    }

    #[test]
    fn rectangle_layout_counts_rows_and_bays() {
        let p = SpaceParams::default();
        assert_eq!(p.vehicles_in_rectangle(12.5, 11.0), 5); // one row of five
        assert_eq!(p.vehicles_in_rectangle(12.4, 11.0), 4);
        assert_eq!(p.vehicles_in_rectangle(11.0, 12.5), 5); // turned round
        assert_eq!(p.vehicles_in_rectangle(10.0, 16.0), 8); // two rows share an aisle
        assert_eq!(p.vehicles_in_rectangle(10.0, 10.9), 0); // too shallow for bay + aisle
        assert_eq!(p.vehicles_in_area(100.0), 5);
        assert_eq!(p.vehicles_in_area(99.0), 4);
    }

    #[test]
    fn slots_override_dimensions_and_unknown_stays_unknown() {
        let p = SpaceParams::default();
        let mut s = site();
        assert_eq!(p.assess(&s, 5).status, SpaceStatus::Unknown);
        s.width_m = Some(12.5);
        s.length_m = Some(11.0);
        assert_eq!(p.assess(&s, 5).status, SpaceStatus::Fits);
        s.vehicle_slots = Some(3);
        let a = p.assess(&s, 5);
        assert_eq!(
            (a.status, a.vehicles_fit, a.basis),
            (SpaceStatus::DoesNotFit, Some(3), SpaceBasis::VehicleSlots)
        );
    }
}
