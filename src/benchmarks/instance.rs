//! Solver inputs built from the benchmark files, so `solve` runs them like planning data.
//!
//! The builders live here, above `solve`, so that the solver never depends on the file
//! formats: the arrows run benchmark files → [`Instance`] → solver.

use super::{CapInstance, CpmpInstance, PmedInstance, SjcInstance};
use crate::solve::{instance::Geometry, Instance, SiteInfo};

/// An OR-Library p-median graph: every vertex a client of weight 1 and a site.
pub fn pmed_instance(label: &str, inst: &PmedInstance) -> Instance {
    let problem = inst.problem();
    Instance {
        p_in_file: Some(inst.p),
        ..unit_instance(label, inst.n, problem.dist)
    }
}

/// An Osman–Christofides capacitated instance: weight 1 per point in the objective, the
/// file's demands as loads, the file's capacity on every site.
pub fn pmedcap_instance(label: &str, inst: &CapInstance) -> Instance {
    let problem = inst.problem();
    let mut out = unit_instance(label, inst.n, problem.dist);
    for s in &mut out.sites {
        s.capacity = Some(inst.capacity as f64);
    }
    out.load = Some(inst.demands());
    out.p_in_file = Some(inst.p);
    out
}

/// A Lorena–Senne / Stefanello point set: every point a site with its own capacity, a client
/// of weight 1 (the published values do not weight distances by demand) and a load of its
/// demand.
///
/// Takes the point set by value: its n × n matrix moves into the instance rather than being
/// copied (160 MB at 4,461 points).
pub fn cpmp_instance(label: &str, inst: CpmpInstance) -> Instance {
    let mut out = unit_instance(label, inst.n, inst.dist);
    for (s, &q) in out.sites.iter_mut().zip(&inst.capacity) {
        s.capacity = Some(q);
    }
    out.load = Some(inst.demand);
    out.p_in_file = Some(inst.p);
    out
}

/// An SJC point set: every point a site, weighted by its demand, covered by the file's
/// squared-integer rule.
pub fn sjc_instance(label: &str, inst: &SjcInstance) -> Instance {
    let mut out = unit_instance(label, inst.n, Vec::new());
    out.weight = inst.demand.clone();
    out.weight_column = Some("demand".into());
    out.p_in_file = inst.p_in_file;
    out.geometry = Geometry::Plane {
        points: inst.points.clone(),
    };
    out
}

/// `n` points numbered from 1, each a client of weight 1 and an unnamed site, with the given
/// clients × sites distances: what every benchmark format has in common.
fn unit_instance(label: &str, n: usize, dist: Vec<f64>) -> Instance {
    let ids: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    Instance {
        label: label.into(),
        sites: ids
            .iter()
            .map(|id| SiteInfo {
                id: id.clone(),
                name: None,
                written_name: None,
                kind: None,
                location: None,
                space: None,
                capacity: None,
            })
            .collect(),
        point_ids: ids,
        weight: vec![1.0; n],
        weight_column: None,
        load: None,
        population: None,
        aged_65_plus: None,
        p_in_file: None,
        notes: Vec::new(),
        geometry: Geometry::Matrix { dist },
        streets: None,
    }
}
