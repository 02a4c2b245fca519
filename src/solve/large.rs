//! p-median and p-center on planning data too large for the points × sites matrix.
//!
//! The dense solvers need 32 bytes per point and site; a prefecture's mesh cells against
//! every shrine and temple (1,000,000 × 10,000) would need 320 GB. When the matrix does not
//! fit in the memory limit and the points lie on the sphere, `solve` uses the formulations
//! that read one distance per point instead ([`pcenter_sphere`], [`pmedian_sphere`]), and the
//! memory refusal follows their needs, not the matrix's.

use super::cover::{pcenter_sphere, SUBSET_POINTS as SUBSET};
use super::instance::{Geometry, Instance, BYTES_PER_MATRIX_ENTRY};
use super::median::{pmedian_sphere, MAX_PAIRS};
use super::{Limits, Model, Outcome, SiteRules};
use crate::budget::MemoryLimit;
use crate::error::Result;
use crate::spatial::Cloud;

/// Bytes per point of the sphere p-center: the positions and their 3-D copy, each point's
/// nearest stop, the distinct positions; the subset's matrix is counted apart
/// ([`SUBSET_BYTES_PER_ENTRY`]). Measured: 1,000,000 points × 10,000 sites, p 5, 148 MB in
/// all with 672 subset points (`examples/pcenter_scale`).
pub const PCENTER_BYTES_PER_POINT: u64 = 160;

/// Points the sphere p-center's subset may hold (it stops there with its bound).
pub const SUBSET_POINTS: u64 = SUBSET as u64;

/// Bytes per subset point and site: the distance and its copy among the candidate radii (the
/// covering rows list only the sites within a radius, far fewer). Measured: 1,000,000 × 10,000,
/// p 50, 4,810 subset points, 569 MB in all (this estimate: 0.93 GB).
pub const SUBSET_BYTES_PER_ENTRY: u64 = 16;

/// Bytes per point of the sphere p-median beyond its lists: positions, 3-D copies, the
/// plans' nearest stops, the two nearest stops, prices, multipliers, the kept multipliers,
/// the step direction and subgradient, radii, the group of each client.
pub const PMEDIAN_BYTES_PER_POINT: u64 = 200;

/// Bytes per client–site pair of the p-median's lists (a site number and an `f32` distance,
/// kept in the pieces they are built in, never copied whole) with a quarter more for the
/// estimate's error. The groups' lists (a tenth as many pairs) are gone before the clients'
/// are built. Measured: 1,000,000 points × 10,000 sites, p 50, 198 million pairs, 1.81 GB in
/// all (`examples/pmedian_scale`; 2.2 GB by this estimate).
pub const PMEDIAN_BYTES_PER_PAIR: u64 = 10;

/// What the sphere formulation of `model` needs for `inst`, in bytes.
pub fn sphere_bytes(model: Model, points: usize, sites: usize) -> u64 {
    let (n, m) = (points as u64, sites as u64);
    match model {
        Model::Pcenter => {
            n * PCENTER_BYTES_PER_POINT + n.min(SUBSET_POINTS) * m * SUBSET_BYTES_PER_ENTRY
        }
        _ => {
            n * PMEDIAN_BYTES_PER_POINT
                + n.saturating_mul(m).min(MAX_PAIRS) * PMEDIAN_BYTES_PER_PAIR
        }
    }
}

/// A p-median or p-center answer without the matrix: the outcome and each point's nearest
/// chosen stop (its position in `open`, and the distance).
pub(super) type Sparse = (Outcome, Vec<Option<(usize, f64)>>);

/// Solves `model` (p-median or p-center) on the sphere when its matrix would not fit in
/// `memory`: `None` when the matrix fits or the data has no positions on the sphere (the
/// dense solvers then run, or refuse); an error naming both needs when neither fits.
pub(super) fn solve_sparse(
    inst: &Instance,
    model: Model,
    rules: &SiteRules,
    limits: &Limits,
    memory: MemoryLimit,
) -> Result<Option<Sparse>> {
    let (n, m) = (inst.points(), inst.sites.len());
    let dense = (n as u64)
        .saturating_mul(m as u64)
        .saturating_mul(BYTES_PER_MATRIX_ENTRY);
    let Geometry::Sphere { points } = &inst.geometry else {
        return Ok(None);
    };
    if dense <= memory.get() {
        return Ok(None);
    }
    memory.check(
        format!(
            "the {} model of {n} points × {m} sites without the distance matrix (the matrix \
             would need {:.1} GB)",
            model.name(),
            dense as f64 / 1e9
        ),
        sphere_bytes(model, n, m),
        "aggregate the demand to coarser mesh cells, use fewer candidates, or use the mclp \
         model (it needs only the pairs within the radius); ",
    )?;
    let sites: Vec<_> = inst
        .sites
        .iter()
        .map(|s| s.location.expect("planning sites have positions"))
        .collect();
    let outcome = match model {
        Model::Pcenter => pcenter_sphere(points, &inst.weight, &sites, rules, limits),
        _ => pmedian_sphere(points, &inst.weight, &sites, rules, limits),
    };
    let at: Vec<_> = outcome.open.iter().map(|&j| sites[j]).collect();
    let nearest = Cloud::new(points).nearest(&at);
    Ok(Some((outcome, nearest)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::solve::{solve, PlanningOptions, SolveParams, Status};

    fn params(model: Model, memory: MemoryLimit) -> SolveParams {
        SolveParams {
            model,
            p: Some(4),
            memory,
            ..SolveParams::default()
        }
    }

    #[test]
    fn without_room_for_the_matrix_solve_uses_the_sphere_formulations() {
        let data =
            crate::benchmarks::synthetic::dataset(&crate::benchmarks::synthetic::SyntheticSpec {
                demand_points: 6000,
                candidates: 300,
                stores: 0,
                survey_places: 0,
                side_km: 6.0,
                seed: 3,
            });
        let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
        let (n, m) = (inst.points() as u64, inst.sites.len() as u64);
        let dense_need = n * m * BYTES_PER_MATRIX_ENTRY;
        let roomy = MemoryLimit::bytes(1 << 34);
        for model in [Model::Pcenter, Model::Pmedian] {
            let sparse_need = sphere_bytes(model, n as usize, m as usize);
            // A limit between the two needs: only the sphere formulation fits (the walking
            // radius pairs of the embedded data fit too).
            let between = MemoryLimit::bytes(dense_need - 1);
            assert!(sparse_need < dense_need - 1, "{model:?}");
            let dense = solve(&inst, &params(model, roomy)).unwrap();
            let sparse = solve(&inst, &params(model, between)).unwrap();
            assert_eq!(dense.outcome.status, Status::Optimal);
            match model {
                Model::Pcenter => {
                    assert_eq!(sparse.outcome.status, Status::Optimal);
                    assert_eq!(sparse.outcome.objective, dense.outcome.objective);
                }
                _ => {
                    assert!(sparse.outcome.bound <= dense.outcome.objective * (1.0 + 1e-12));
                    assert!(sparse.outcome.objective >= dense.outcome.objective * (1.0 - 1e-12));
                }
            }
            // Every point of weight is served by its nearest chosen stop.
            let served: f64 = sparse.stops.iter().map(|s| s.assigned_weight).sum();
            assert!((served - inst.total_weight()).abs() <= 1e-6 * served);
            // Below what the sphere formulation needs, an honest refusal.
            let tight = MemoryLimit::bytes(sparse_need.min(dense_need) - 1);
            match solve(&inst, &params(model, tight)) {
                Err(Error::TooLarge { what, .. }) => assert!(
                    what.contains("without the distance matrix") || what.contains("pairs"),
                    "{what}"
                ),
                other => panic!("{model:?}: {:?}", other.map(|r| r.outcome)),
            }
        }
    }
}
