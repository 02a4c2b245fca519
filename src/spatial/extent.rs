//! The area the demand data covers, so a site near its edge is flagged rather than trusted.
//!
//! A site whose walking circle reaches past the data (a mesh file stops at 35.3333° N; a points
//! file stops at the last point) has its reach under-counted. The covered area is taken as the
//! convex hull of the demand footprint (cell corners, or the points), in a local projection that
//! keeps distances true to well under 1 % over a city.

use crate::model::LatLon;
use crate::spatial::EARTH_RADIUS_M;
use geo::{ConvexHull, Coord, Distance, Euclidean, Intersects, MultiPoint, Point, Polygon};

/// Where a candidate's circle sits relative to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeStatus {
    /// The whole circle is inside the covered area.
    Inside,
    /// The site is inside but its circle crosses the edge of the data.
    Edge,
    /// The site itself is outside the covered area.
    Outside,
}

/// The convex hull of the demand footprint in local metres.
pub struct DataExtent {
    origin: LatLon,
    hull: Polygon<f64>,
}

impl DataExtent {
    /// Builds the extent from footprint points (at least one).
    pub fn new(footprint: &[LatLon]) -> DataExtent {
        let n = footprint.len().max(1) as f64;
        let origin = LatLon::new(
            footprint.iter().map(|p| p.lat).sum::<f64>() / n,
            footprint.iter().map(|p| p.lon).sum::<f64>() / n,
        );
        let pts: MultiPoint<f64> = footprint.iter().map(|&p| project(origin, p)).collect();
        DataExtent {
            origin,
            hull: pts.convex_hull(),
        }
    }

    /// Classifies a site with walking radius `radius_m`.
    pub fn classify(&self, site: LatLon, radius_m: f64) -> EdgeStatus {
        let p = project(self.origin, site);
        if !self.hull.intersects(&p) {
            return EdgeStatus::Outside;
        }
        let to_edge = Euclidean.distance(&p, self.hull.exterior());
        if to_edge < radius_m {
            EdgeStatus::Edge
        } else {
            EdgeStatus::Inside
        }
    }
}

impl DataExtent {
    /// How far a place lies outside the data, in metres (0 inside): a depot many kilometres
    /// off is a typo (swapped latitude and longitude, another prefecture), not a plan.
    pub fn distance_m(&self, site: LatLon) -> f64 {
        Euclidean.distance(&project(self.origin, site), &self.hull)
    }
}

/// Local equirectangular metres around `origin`.
fn project(origin: LatLon, p: LatLon) -> Point<f64> {
    let k = EARTH_RADIUS_M.to_radians();
    Point::from(Coord {
        x: (p.lon - origin.lon) * k * origin.lat.to_radians().cos(),
        y: (p.lat - origin.lat) * k,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_inside_edge_and_outside() {
        // A box of about 2.2 km by 1.8 km.
        let fp = [
            LatLon::new(35.33, 139.38),
            LatLon::new(35.33, 139.40),
            LatLon::new(35.35, 139.40),
            LatLon::new(35.35, 139.38),
        ];
        let e = DataExtent::new(&fp);
        assert_eq!(
            e.classify(LatLon::new(35.34, 139.39), 500.0),
            EdgeStatus::Inside
        );
        assert_eq!(
            e.classify(LatLon::new(35.332, 139.39), 500.0),
            EdgeStatus::Edge
        );
        assert_eq!(
            e.classify(LatLon::new(35.32, 139.39), 500.0),
            EdgeStatus::Outside
        );
        assert_eq!(e.distance_m(LatLon::new(35.34, 139.39)), 0.0);
        // 0.01° of latitude south of the box: about 1.1 km.
        let d = e.distance_m(LatLon::new(35.32, 139.39));
        assert!((d - 1112.0).abs() < 5.0, "{d}");
    }

    #[test]
    fn degenerate_extent_flags_everything() {
        let e = DataExtent::new(&[LatLon::new(35.0, 139.0)]);
        assert_ne!(
            e.classify(LatLon::new(35.0, 139.0), 100.0),
            EdgeStatus::Inside
        );
    }
}
