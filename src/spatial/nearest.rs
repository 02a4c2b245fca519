//! The nearest of a few chosen sites for each of millions of points, without a distance
//! matrix.
//!
//! p-median and p-center at a million points judge every candidate plan by each point's
//! nearest open stop. The chord through the sphere orders sites as the great-circle distance
//! does, so the nearest is found with three multiplications a pair; the Haversine distance,
//! the one every output reports, is then computed only for the sites whose chord is within
//! rounding of the least, and the least of those wins (ties to the earlier site), exactly
//! as a scan of the Haversine distances would decide.

use super::haversine_m;
use super::sphere::to_xyz;
use crate::model::LatLon;
use rayon::prelude::*;

/// Points on the sphere, with their positions in 3-D kept for fast distance comparisons.
pub struct Cloud<'a> {
    locations: &'a [LatLon],
    xyz: Vec<[f64; 3]>,
}

fn chord2(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)
}

impl<'a> Cloud<'a> {
    /// The cloud of `locations`.
    pub fn new(locations: &'a [LatLon]) -> Cloud<'a> {
        Cloud {
            locations,
            xyz: locations.par_iter().map(|&p| to_xyz(p)).collect(),
        }
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.locations.len()
    }

    /// True without points.
    pub fn is_empty(&self) -> bool {
        self.locations.is_empty()
    }

    /// The points' positions.
    pub fn locations(&self) -> &'a [LatLon] {
        self.locations
    }

    /// The points as positions in 3-D (metres from the Earth's centre).
    pub fn xyz(&self) -> &[[f64; 3]] {
        &self.xyz
    }

    /// For point `i`, the position in `chosen` of its nearest site and the Haversine
    /// distance (ties to the earlier position); `None` when `chosen` is empty.
    pub fn nearest_one(
        &self,
        i: usize,
        chosen: &[LatLon],
        at: &[[f64; 3]],
    ) -> Option<(usize, f64)> {
        let q = &self.xyz[i];
        let least = at
            .iter()
            .map(|s| chord2(q, s))
            .fold(f64::INFINITY, f64::min);
        let band = least * (1.0 + 1e-9) + 1e-9;
        let mut best: Option<(usize, f64)> = None;
        for (k, s) in at.iter().enumerate() {
            if chord2(q, s) <= band {
                let d = haversine_m(self.locations[i], chosen[k]);
                if best.is_none_or(|(_, b)| d < b) {
                    best = Some((k, d));
                }
            }
        }
        best
    }

    /// For every point, [`Cloud::nearest_one`] among `chosen` (positions).
    pub fn nearest(&self, chosen: &[LatLon]) -> Vec<Option<(usize, f64)>> {
        let at: Vec<[f64; 3]> = chosen.iter().map(|&p| to_xyz(p)).collect();
        (0..self.len())
            .into_par_iter()
            .map(|i| self.nearest_one(i, chosen, &at))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_by_chord_is_the_nearest_by_haversine() {
        let pts: Vec<LatLon> = (0..500)
            .map(|k| {
                LatLon::new(
                    35.3 + f64::from(k % 23) * 0.0013,
                    139.4 + f64::from(k / 23) * 0.0011,
                )
            })
            .collect();
        let sites = vec![
            LatLon::new(35.31, 139.41),
            LatLon::new(35.32, 139.405),
            LatLon::new(35.31, 139.41),
            LatLon::new(35.3, 139.42),
        ];
        let cloud = Cloud::new(&pts);
        let got = cloud.nearest(&sites);
        for (i, &p) in pts.iter().enumerate() {
            let mut best: Option<(usize, f64)> = None;
            for (k, &s) in sites.iter().enumerate() {
                let d = haversine_m(p, s);
                if best.is_none_or(|(_, b)| d < b) {
                    best = Some((k, d));
                }
            }
            assert_eq!(got[i], best, "point {i}");
        }
        assert_eq!(cloud.nearest(&[])[0], None);
    }
}
