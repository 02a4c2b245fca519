//! The p-median solvers' site rules and edge cases: required and excluded sites on pmed2,
//! impossible rules and bad input reported as infeasible (never a panic), trivial instances,
//! and capacitated infeasibility explained.

use super::check_outcome;
use crate::helpers::*;
use mobile_stops::solve::median;
use mobile_stops::solve::{DistanceProblem, Limits, SiteRules, Status};

#[test]
fn required_and_excluded_sites_are_honoured_on_pmed() {
    let _turn = share_machine();
    let inst = pmed(2);
    let problem = inst.problem();
    let free = median::solve(
        &problem,
        &SiteRules::open(inst.n, inst.p),
        &Limits::default(),
    );
    // Exclude the optimal sites and require one far from them.
    let mut rules = SiteRules::open(inst.n, inst.p);
    for &j in &free.open[..3] {
        rules.allowed[j] = false;
    }
    let far = (0..inst.n)
        .filter(|&j| rules.allowed[j])
        .max_by_key(|&j| free.open.iter().map(|&o| inst.dist(j, o)).min().unwrap())
        .unwrap();
    rules.required = vec![far];
    for solver in [median::solve, median::heuristic] {
        let out = solver(&problem, &rules, &Limits::default());
        check_outcome(&problem, &rules, &out);
        assert!(out.objective > free.objective);
    }
    let out = median::solve(&problem, &rules, &Limits::default());
    assert_eq!(out.status, Status::Optimal);
}

#[test]
fn impossible_rules_and_bad_input_are_infeasible_not_panics() {
    let _turn = share_machine();
    let problem = pmed(1).problem();
    let n = problem.sites;
    let cases: Vec<(DistanceProblem, SiteRules)> = vec![
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![1, 2, 3],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 3,
                required: vec![],
                allowed: (0..n).map(|j| j < 2).collect(),
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 0,
                required: vec![],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![n + 5],
                allowed: vec![true; n],
            },
        ),
        (
            problem.clone(),
            SiteRules {
                p: 2,
                required: vec![],
                allowed: vec![true; n - 1],
            },
        ),
        (
            DistanceProblem {
                dist: vec![f64::NAN; n * n],
                ..problem.clone()
            },
            SiteRules::open(n, 2),
        ),
        (
            DistanceProblem {
                weight: vec![1.0; 3],
                ..problem.clone()
            },
            SiteRules::open(n, 2),
        ),
    ];
    for (k, (problem, rules)) in cases.iter().enumerate() {
        for out in [
            median::solve(problem, rules, &Limits::default()),
            median::heuristic(problem, rules, &Limits::default()),
            median::solve_capacitated(
                problem,
                &vec![1.0; problem.clients.min(100)],
                &vec![100.0; n],
                rules,
                &Limits::default(),
            ),
        ] {
            assert_eq!(out.status, Status::Infeasible, "case {k}: {out:?}");
            assert!(out.note.is_some());
        }
    }
}

#[test]
fn empty_and_trivial_instances_have_trivial_answers() {
    let _turn = share_machine();
    let none = DistanceProblem {
        clients: 0,
        sites: 3,
        dist: vec![],
        weight: vec![],
    };
    for out in [
        median::solve(&none, &SiteRules::open(3, 2), &Limits::default()),
        median::solve_capacitated(
            &none,
            &[],
            &[1.0; 3],
            &SiteRules::open(3, 2),
            &Limits::default(),
        ),
    ] {
        assert_eq!(out.status, Status::Optimal, "{out:?}");
        assert_eq!(out.open, vec![0, 1]);
        let heur = median::heuristic(&none, &SiteRules::open(3, 2), &Limits::default());
        assert_eq!(
            (heur.status, heur.objective, heur.bound),
            (Status::Heuristic, 0.0, 0.0)
        );
        assert_eq!(out.objective, 0.0);
    }
    let nobody = DistanceProblem {
        clients: 0,
        sites: 0,
        dist: vec![],
        weight: vec![],
    };
    let out = median::solve(&nobody, &SiteRules::open(0, 0), &Limits::default());
    assert_eq!((out.status, out.open.len()), (Status::Optimal, 0));
    // Weightless clients and p = 0: nothing to pay.
    let light = DistanceProblem {
        clients: 2,
        sites: 2,
        dist: vec![1.0; 4],
        weight: vec![0.0; 2],
    };
    let out = median::solve(&light, &SiteRules::open(2, 0), &Limits::default());
    assert_eq!((out.status, out.objective), (Status::Optimal, 0.0));
}

#[test]
fn capacitated_infeasibility_is_explained() {
    let _turn = share_machine();
    let problem = DistanceProblem {
        clients: 3,
        sites: 2,
        dist: vec![1.0; 6],
        weight: vec![1.0; 3],
    };
    let rules = SiteRules::open(2, 2);
    // Total demand 18 fits 2 × 10, but no two of the clients share a site.
    let out =
        median::solve_capacitated(&problem, &[6.0; 3], &[10.0; 2], &rules, &Limits::default());
    assert_eq!(out.status, Status::Infeasible, "{out:?}");
    let out = median::solve_capacitated(
        &problem,
        &[8.0; 3],
        &[10.0; 2],
        &SiteRules::open(2, 1),
        &Limits::default(),
    );
    assert!(out.note.unwrap().contains("exceeds"));
    let out = median::solve_capacitated(
        &problem,
        &[1.0, 11.0, 1.0],
        &[10.0; 2],
        &rules,
        &Limits::default(),
    );
    assert!(out.note.unwrap().contains("demand 11"));
}
