//! The part of an extract that is kept: a latitude/longitude box around the data, so a
//! prefecture-sized file is read without holding its nodes.

use crate::model::LatLon;
use crate::spatial::EARTH_RADIUS_M;

/// A latitude/longitude box (degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    /// Southern edge.
    pub min_lat: f64,
    /// Western edge.
    pub min_lon: f64,
    /// Northern edge.
    pub max_lat: f64,
    /// Eastern edge.
    pub max_lon: f64,
}

impl Area {
    /// The box around `points` widened by `metres` on every side: every street a walk of that
    /// length from one of the points can use lies inside it. `None` without points.
    pub fn around(points: &[LatLon], metres: f64) -> Option<Area> {
        let first = points.first()?;
        let mut a = Area {
            min_lat: first.lat,
            min_lon: first.lon,
            max_lat: first.lat,
            max_lon: first.lon,
        };
        for p in points {
            a.include(*p);
        }
        let dlat = (metres / EARTH_RADIUS_M).to_degrees();
        let widest = a.min_lat.abs().max(a.max_lat.abs()).min(89.0);
        let dlon = dlat / widest.to_radians().cos();
        Some(Area {
            min_lat: (a.min_lat - dlat).max(-90.0),
            min_lon: (a.min_lon - dlon).max(-180.0),
            max_lat: (a.max_lat + dlat).min(90.0),
            max_lon: (a.max_lon + dlon).min(180.0),
        })
    }

    /// A box holding only `p`, to grow with [`Area::include`].
    pub fn point(p: LatLon) -> Area {
        Area {
            min_lat: p.lat,
            min_lon: p.lon,
            max_lat: p.lat,
            max_lon: p.lon,
        }
    }

    /// Grows the box to hold `p`.
    pub fn include(&mut self, p: LatLon) {
        self.min_lat = self.min_lat.min(p.lat);
        self.min_lon = self.min_lon.min(p.lon);
        self.max_lat = self.max_lat.max(p.lat);
        self.max_lon = self.max_lon.max(p.lon);
    }

    /// Whether `p` is inside (edges included).
    pub fn contains(&self, p: LatLon) -> bool {
        (self.min_lat..=self.max_lat).contains(&p.lat)
            && (self.min_lon..=self.max_lon).contains(&p.lon)
    }
}

impl std::fmt::Display for Area {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "latitude {:.4}–{:.4}, longitude {:.4}–{:.4}",
            self.min_lat, self.max_lat, self.min_lon, self.max_lon
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spatial::haversine_m;

    #[test]
    fn the_box_reaches_at_least_the_distance_asked() {
        let p = LatLon::new(35.33, 139.40);
        let a = Area::around(&[p], 1000.0).unwrap();
        let north = LatLon::new(a.max_lat, p.lon);
        let east = LatLon::new(p.lat, a.max_lon);
        assert!((haversine_m(p, north) - 1000.0).abs() < 1.0);
        assert!(haversine_m(p, east) >= 999.0);
        assert!(a.contains(p) && !a.contains(LatLon::new(35.35, 139.40)));
        assert!(Area::around(&[], 10.0).is_none());
    }
}
