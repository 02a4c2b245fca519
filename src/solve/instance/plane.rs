//! Coverage on plane coordinates by the squared-integer rule of the SJC benchmarks.
//!
//! The published SJC optima count a point as covered when `dx*dx + dy*dy <= S*S` holds exactly
//! on integers: one point pair in each file lies at exactly 1200 m, and a float square root
//! could round it either way. The rule lives with the solver's geometry, so an [`Instance`]
//! of plane points needs nothing from the benchmark readers.
//!
//! [`Instance`]: super::Instance

use crate::spatial::Coverage;
use rayon::prelude::*;

/// Whether a facility at `points[site]` covers `points[point]` with service distance `radius`
/// metres, by the rule `dx*dx + dy*dy <= radius*radius`.
///
/// Exact for whole-number radii, the convention every published SJC value uses; a fractional
/// radius is compared in `f64`. A negative or NaN radius covers nothing. Panics if an index
/// is out of range, like slice indexing.
pub fn covers(points: &[(i64, i64)], site: usize, point: usize, radius: f64) -> bool {
    let ((xs, ys), (xp, yp)) = (points[site], points[point]);
    let (dx, dy) = (xs.abs_diff(xp) as u128, ys.abs_diff(yp) as u128);
    // Each square is below 2^128; a sum that overflows is farther than any radius.
    let Some(d2) = (dx * dx).checked_add(dy * dy) else {
        return false;
    };
    if radius.is_nan() || radius < 0.0 {
        return false;
    }
    if radius.fract() == 0.0 && radius < 18_446_744_073_709_551_616.0 {
        let r = radius as u128;
        d2 <= r * r
    } else {
        (d2 as f64) <= radius * radius
    }
}

/// Coverage lists for service distance `radius` by [`covers`]: every point is a candidate
/// site; distances are Euclidean metres.
pub fn coverage(points: &[(i64, i64)], radius: f64) -> Coverage {
    let n = points.len();
    let lists = (0..n)
        .into_par_iter()
        .map(|s| {
            (0..n)
                .filter(|&i| covers(points, s, i, radius))
                .map(|i| {
                    let ((xs, ys), (xp, yp)) = (points[s], points[i]);
                    (i, ((xs - xp) as f64).hypot((ys - yp) as f64))
                })
                .collect()
        })
        .collect();
    Coverage::from_lists(radius, lists)
}
