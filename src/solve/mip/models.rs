//! One textbook formulation per location model, each built and solved within the deadline.

use super::formulation::{bounded, failure, finish, run, solved, Formulation};
use super::measure::{center_cost, covered_weight, median_cost};
use super::SOLVER;
use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules};
use crate::spatial::Coverage;
use good_lp::{variable, Expression, ResolutionError, Solution};

/// Point → covering sites, from site → points.
fn covering_sites(cover: &Coverage, points: usize) -> Vec<Vec<usize>> {
    let mut by_point = vec![Vec::new(); points];
    for j in 0..cover.candidates() {
        for &i in cover.points_of(j) {
            by_point[i as usize].push(j);
        }
    }
    by_point
}

/// Maximal covering: max Σ wᵢ yᵢ, yᵢ ≤ Σ_{j covers i} xⱼ, Σ xⱼ = p. `None` when the
/// deadline came first.
pub fn mclp(
    cover: &Coverage,
    weight: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let (cover, weight, rules) = (cover.clone(), weight.to_vec(), rules.clone());
    bounded(limits, move |l| mclp_model(&cover, &weight, &rules, &l))
}

fn mclp_model(
    cover: &Coverage,
    weight: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let mut f = Formulation::new(cover.candidates(), rules);
    f.maximise = true;
    f.count_is(rules.p);
    let by_point = covering_sites(cover, weight.len());
    for (i, sites) in by_point.iter().enumerate() {
        if sites.is_empty() || weight[i] <= 0.0 {
            continue;
        }
        let y = f.vars.add(variable().min(0.0).max(1.0));
        f.objective += weight[i] * y;
        let reach: Expression = sites.iter().map(|&j| f.sites[j]).sum();
        f.constraints.push(Expression::from(y).leq(reach));
    }
    finish(f.solve(limits), |open| covered_weight(cover, weight, open))
}

/// Set covering: min Σ xⱼ with every coverable point covered. `None` when the deadline came
/// first.
pub fn lscp(
    cover: &Coverage,
    points: usize,
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let (cover, rules) = (cover.clone(), rules.clone());
    bounded(limits, move |l| lscp_model(&cover, points, &rules, &l))
}

fn lscp_model(
    cover: &Coverage,
    points: usize,
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let mut f = Formulation::new(cover.candidates(), rules);
    f.objective = f.sites.iter().sum();
    for sites in covering_sites(cover, points) {
        let usable: Vec<usize> = sites.into_iter().filter(|&j| rules.allowed[j]).collect();
        if usable.is_empty() {
            continue;
        }
        let reach: Expression = usable.iter().map(|&j| f.sites[j]).sum();
        f.constraints.push(reach.geq(1.0));
    }
    finish(f.solve(limits), |open| open.len() as f64)
}

/// p-median: min Σ wᵢ dᵢⱼ zᵢⱼ, Σⱼ zᵢⱼ = 1, zᵢⱼ ≤ xⱼ, Σ xⱼ = p. `None` when the deadline
/// came first.
pub fn pmedian(d: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Option<Outcome> {
    let (d, rules) = (d.clone(), rules.clone());
    bounded(limits, move |l| pmedian_model(&d, &rules, &l))
}

fn pmedian_model(d: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Option<Outcome> {
    let mut f = Formulation::new(d.sites, rules);
    f.count_is(rules.p);
    for i in 0..d.clients {
        let mut one = Expression::from(0.0);
        for j in (0..d.sites).filter(|&j| rules.allowed[j]) {
            let z = f.vars.add(variable().min(0.0).max(1.0));
            f.objective += d.weight[i] * d.dist(i, j) * z;
            one += z;
            f.constraints.push(Expression::from(z).leq(f.sites[j]));
        }
        f.constraints.push(one.eq(1.0));
    }
    finish(f.solve(limits), |open| median_cost(d, open))
}

/// p-center: min r, r ≥ Σⱼ dᵢⱼ zᵢⱼ for every client of positive weight. `None` when the
/// deadline came first.
pub fn pcenter(d: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Option<Outcome> {
    let (d, rules) = (d.clone(), rules.clone());
    bounded(limits, move |l| pcenter_model(&d, &rules, &l))
}

fn pcenter_model(d: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Option<Outcome> {
    let mut f = Formulation::new(d.sites, rules);
    f.count_is(rules.p);
    let r = f.vars.add(variable().min(0.0));
    f.objective = Expression::from(r);
    for i in (0..d.clients).filter(|&i| d.weight[i] > 0.0) {
        let mut one = Expression::from(0.0);
        let mut dist = Expression::from(0.0);
        for j in (0..d.sites).filter(|&j| rules.allowed[j]) {
            let z = f.vars.add(variable().min(0.0).max(1.0));
            one += z;
            dist += d.dist(i, j) * z;
            f.constraints.push(Expression::from(z).leq(f.sites[j]));
        }
        f.constraints.push(one.eq(1.0));
        f.constraints.push(dist.leq(r));
    }
    finish(f.solve(limits), |open| center_cost(d, open))
}

/// Single-source capacitated p-median: binary zᵢⱼ, Σᵢ qᵢ zᵢⱼ ≤ Qⱼ xⱼ. `None` when the
/// deadline came first.
pub fn pmedian_capacitated(
    d: &DistanceProblem,
    load: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let (d, load, capacity, rules) = (d.clone(), load.to_vec(), capacity.to_vec(), rules.clone());
    bounded(limits, move |l| {
        pmedian_capacitated_model(&d, &load, &capacity, &rules, &l)
    })
}

fn pmedian_capacitated_model(
    d: &DistanceProblem,
    load: &[f64],
    capacity: &[f64],
    rules: &SiteRules,
    limits: &Limits,
) -> Option<Outcome> {
    let mut f = Formulation::new(d.sites, rules);
    f.count_is(rules.p);
    let mut used: Vec<Expression> = vec![Expression::from(0.0); d.sites];
    let mut z = vec![Vec::new(); d.clients];
    for i in 0..d.clients {
        let mut one = Expression::from(0.0);
        for j in (0..d.sites).filter(|&j| rules.allowed[j]) {
            let v = f.vars.add(variable().binary());
            f.objective += d.weight[i] * d.dist(i, j) * v;
            one += v;
            used[j] += load[i] * v;
            f.constraints.push(Expression::from(v).leq(f.sites[j]));
            z[i].push((j, v));
        }
        f.constraints.push(one.eq(1.0));
    }
    for (j, u) in used.into_iter().enumerate() {
        if rules.allowed[j] {
            f.constraints.push(u.leq(capacity[j] * f.sites[j]));
        }
    }
    // The open set alone does not fix the assignment: value it with the solver's own.
    let Formulation {
        vars,
        sites,
        objective,
        constraints,
        ..
    } = f;
    let problem = vars.minimise(objective);
    Some(match run(problem, constraints, limits) {
        Ok((sol, status)) => {
            let open: Vec<usize> = (0..d.sites)
                .filter(|&j| sol.value(sites[j]) > 0.5)
                .collect();
            let objective = (0..d.clients)
                .map(|i| {
                    z[i].iter()
                        .find(|(_, v)| sol.value(*v) > 0.5)
                        .map_or(0.0, |&(j, _)| d.weight[i] * d.dist(i, j))
                })
                .fold(0.0, |a, b| a + b);
            solved(open, status, objective)
        }
        Err(ResolutionError::Infeasible) => {
            Outcome::infeasible(format!("{SOLVER} proved the MIP infeasible"))
        }
        Err(e) => Outcome::infeasible(format!("{SOLVER} failed: {}", failure(e)?)),
    })
}
