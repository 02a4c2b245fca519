//! Objective values of an open set, computed from the inputs rather than read from the
//! solver, so that a MIP answer is valued exactly like the specialised solvers' answers.

use crate::solve::DistanceProblem;
use crate::spatial::Coverage;

/// Total weight within reach of an open site.
pub fn covered_weight(cover: &Coverage, weight: &[f64], open: &[usize]) -> f64 {
    let mut hit = vec![false; weight.len()];
    for &j in open {
        for &i in cover.points_of(j) {
            hit[i as usize] = true;
        }
    }
    hit.iter()
        .zip(weight)
        .filter(|(h, _)| **h)
        .fold(0.0, |a, (_, w)| a + w)
}

/// Σ wᵢ · distance to the nearest open site.
pub fn median_cost(d: &DistanceProblem, open: &[usize]) -> f64 {
    (0..d.clients)
        .map(|i| {
            let row = d.row(i);
            d.weight[i] * open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, |a, b| a + b)
}

/// Largest distance from a client of positive weight to its nearest open site.
pub fn center_cost(d: &DistanceProblem, open: &[usize]) -> f64 {
    (0..d.clients)
        .filter(|&i| d.weight[i] > 0.0)
        .map(|i| {
            let row = d.row(i);
            open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max)
}
