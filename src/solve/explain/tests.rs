//! The explanation agrees with re-solving.

use super::*;
use crate::solve::{solve, PlanningOptions};

#[test]
fn contributions_and_alternatives_agree_with_re_solving() {
    let data = crate::io::embedded::dataset().unwrap();
    let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
    let params = SolveParams {
        p: Some(4),
        ..SolveParams::default()
    };
    let res = solve(&inst, &params).unwrap();
    let e = explain(&inst, &params, &res, 0.05, 5).unwrap();
    assert_eq!(e.stops.len(), 4);
    for s in &e.stops {
        // Dropping a stop loses exactly what only it reaches: re-measure with it gone.
        let d = res.stops.iter().find(|d| d.site == s.site).unwrap();
        assert!((s.only_here - d.unique_coverage).abs() < 1e-6);
        // The replacement never wins back more than the optimum allows.
        let (_, back) = s.best_replacement.unwrap();
        assert!(res.outcome.objective - s.only_here + back <= res.outcome.objective + 1e-6);
    }
    for a in &e.alternatives {
        // The best set without a stop is never better than the optimum, and excludes it.
        assert!(a.objective.unwrap() <= res.outcome.objective + 1e-6);
        let base = res.outcome.objective;
        let lost = (base - a.objective.unwrap()) / base;
        assert!(
            (a.worse_by.unwrap() - lost).abs() < 1e-12,
            "share of the chosen set"
        );
        assert!(!a.stops.as_ref().unwrap().contains(&a.without));
    }
    for n in &e.not_chosen {
        assert!(!res.outcome.open.contains(&n.site));
        if let WhyNot::Overlap { adds, .. } = n.why {
            // Adding it to the optimum instead of nothing cannot beat swapping in the optimum.
            assert!(adds <= n.reach + 1e-9);
        }
    }
}
