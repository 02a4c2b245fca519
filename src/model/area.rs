//! The area a council governs: the denominator of every share it reads.
//!
//! A mesh file covers squares, not a municipality: it holds neighbouring towns' people and can
//! miss part of the city. "25 % of 64,940" means little when 64,940 counts the neighbours and
//! leaves out the city's south; shares are honest only against the people inside the outline,
//! stated beside what the data do not cover.

use super::LatLon;
use geo::{Area as _, BooleanOps, Contains, ConvexHull, MultiPoint, MultiPolygon, Point};

/// A municipal (or any) outline with its name.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// What the council calls it (茅ヶ崎市), for sentences.
    pub name: String,
    /// The outline in lon/lat degrees (x = longitude).
    pub outline: MultiPolygon<f64>,
}

impl Area {
    /// Whether a point lies inside (a point on the boundary counts as outside).
    pub fn contains(&self, p: LatLon) -> bool {
        self.outline.contains(&Point::new(p.lon, p.lat))
    }

    /// The share of the outline's area that the data cover, where the data's footprint is
    /// the convex hull of `footprint` (cell corners or points): what a sentence must admit is
    /// missing. Planar in degrees, which is fine for the ratio of two areas a few km across.
    pub fn covered_share(&self, footprint: &[LatLon]) -> f64 {
        let whole = self.outline.unsigned_area();
        if whole <= 0.0 || footprint.is_empty() {
            return 0.0;
        }
        let pts: MultiPoint<f64> = footprint.iter().map(|p| Point::new(p.lon, p.lat)).collect();
        let hull = MultiPolygon::new(vec![pts.convex_hull()]);
        (self.outline.intersection(&hull).unsigned_area() / whole).clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn square() -> Area {
        Area {
            name: "sq".into(),
            outline: MultiPolygon::new(vec![polygon![
                (x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)
            ]]),
        }
    }

    #[test]
    fn inside_and_outside() {
        let a = square();
        assert!(a.contains(LatLon::new(1.0, 1.0)));
        assert!(!a.contains(LatLon::new(3.0, 1.0)));
    }

    #[test]
    fn the_covered_share_is_the_overlap_of_the_footprint() {
        let a = square();
        // The footprint covers the northern half of the square (and more outside it).
        let fp = [
            LatLon::new(1.0, -1.0),
            LatLon::new(1.0, 3.0),
            LatLon::new(3.0, 3.0),
            LatLon::new(3.0, -1.0),
        ];
        assert!((a.covered_share(&fp) - 0.5).abs() < 1e-9);
        assert_eq!(a.covered_share(&[]), 0.0);
    }
}
