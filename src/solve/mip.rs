//! The textbook MIP formulations, modelled with good_lp, as an independent cross-check.
//!
//! The specialised solvers (Lagrangian branch and bound, covering reductions) are fast
//! because they are clever, and clever code can be wrong in ways a benchmark misses. The same
//! models written as plain MIPs and handed to a generic solver give a second opinion: tests
//! compare both on seeded instances, and `solve --mip` lets a user check an answer. The
//! default build uses the pure-Rust microlp solver (small instances only: it has no cuts);
//! `--features highs` switches to HiGHS.
//!
//! Under a deadline the model is built and solved on a worker thread that the caller stops
//! waiting for at the deadline (neither solver checks its clock often enough to promise a
//! limit on its own); every entry point then returns `None` and the caller answers from
//! elsewhere. The abandoned thread ends at the solver's own time limit.

use super::{DistanceProblem, Limits, Outcome, SiteRules, Status};
use crate::spatial::Coverage;
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel,
    Variable,
};

/// Which generic solver this build uses, for the result's notes.
pub const SOLVER: &str = if cfg!(feature = "highs") {
    "HiGHS"
} else {
    "microlp"
};

/// A model ready to solve: site variables first (their values become the open set).
struct Formulation {
    vars: ProblemVariables,
    sites: Vec<Variable>,
    objective: Expression,
    maximise: bool,
    constraints: Vec<Constraint>,
}

impl Formulation {
    fn new(m: usize, rules: &SiteRules) -> Formulation {
        let mut vars = ProblemVariables::new();
        let sites: Vec<Variable> = (0..m)
            .map(|j| {
                let lo: f64 = if rules.required.binary_search(&j).is_ok() {
                    1.0
                } else {
                    0.0
                };
                let hi: f64 = if rules.allowed[j] { 1.0 } else { 0.0 };
                vars.add(variable().binary().min(lo).max(hi.max(lo)))
            })
            .collect();
        Formulation {
            vars,
            sites,
            objective: Expression::from(0.0),
            maximise: false,
            constraints: Vec::new(),
        }
    }

    fn count_is(&mut self, p: usize) {
        let sum: Expression = self.sites.iter().sum();
        self.constraints.push(sum.eq(p as f64));
    }

    /// Solves; `Ok(None)` when infeasible, `Err(None)` when the time ran out first.
    fn solve(self, limits: &Limits) -> Result<Option<(Vec<usize>, Status)>, Option<String>> {
        let Formulation {
            vars,
            sites,
            objective,
            maximise,
            constraints,
        } = self;
        let problem = if maximise {
            vars.maximise(objective)
        } else {
            vars.minimise(objective)
        };
        let result = run(problem, constraints, limits);
        match result {
            Ok((values, status)) => {
                let open = sites
                    .iter()
                    .enumerate()
                    .filter(|(_, &v)| values.value(v) > 0.5)
                    .map(|(j, _)| j)
                    .collect();
                Ok(Some((open, status)))
            }
            Err(ResolutionError::Infeasible) => Ok(None),
            Err(e) => Err(failure(e)),
        }
    }
}

/// The solver's error in words, or `None` when it only says the time ran out before it had a
/// solution (not a failure: the caller answers from elsewhere).
fn failure(e: ResolutionError) -> Option<String> {
    let text = e.to_string();
    (!text.contains("Time limit")).then_some(text)
}

/// Runs `work` (build and solve a model) so that the caller gets its answer by the deadline
/// or `None`.
fn bounded<T: Send + 'static>(
    limits: &Limits,
    work: impl FnOnce(Limits) -> Option<T> + Send + 'static,
) -> Option<T> {
    let Some(deadline) = limits.deadline else {
        return work(*limits);
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let copy = *limits;
    std::thread::Builder::new()
        .name("mip".into())
        .spawn(move || {
            let _ = tx.send(work(copy));
        })
        .ok()?;
    let left = deadline.saturating_duration_since(std::time::Instant::now());
    rx.recv_timeout(left).ok().flatten()
}

/// Hands the model to this build's solver (microlp, or HiGHS with `--features highs`) with
/// the time left; `TimeLimit` when it stops with an unproven incumbent.
fn run(
    problem: good_lp::variable::UnsolvedProblem,
    constraints: Vec<Constraint>,
    limits: &Limits,
) -> Result<(impl Solution, Status), ResolutionError> {
    use good_lp::solvers::WithTimeLimit;
    #[cfg(not(feature = "highs"))]
    let mut model = problem.using(good_lp::microlp);
    #[cfg(feature = "highs")]
    let mut model = problem.using(good_lp::highs).set_threads(1);
    if let Some(deadline) = limits.deadline {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        model = model.with_time_limit(left.as_secs_f64().max(0.001));
    }
    for c in constraints {
        model.add_constraint(c);
    }
    let sol = model.solve()?;
    let status = match sol.status() {
        good_lp::SolutionStatus::Optimal => Status::Optimal,
        _ => Status::TimeLimit,
    };
    Ok((sol, status))
}

fn finish(
    result: Result<Option<(Vec<usize>, Status)>, Option<String>>,
    value: impl Fn(&[usize]) -> f64,
) -> Option<Outcome> {
    Some(match result {
        Ok(Some((open, status))) => {
            let objective = value(&open);
            solved(open, status, objective)
        }
        Ok(None) => Outcome::infeasible(format!("{SOLVER} proved the MIP infeasible")),
        Err(Some(e)) => Outcome::infeasible(format!("{SOLVER} failed: {e}")),
        Err(None) => return None,
    })
}

/// The outcome of a solved MIP: proven when the solver says optimal, no bound otherwise.
fn solved(open: Vec<usize>, status: Status, objective: f64) -> Outcome {
    Outcome {
        status,
        bound: if status == Status::Optimal {
            objective
        } else {
            f64::NAN
        },
        objective,
        open,
        nodes: 0,
        note: Some(format!("solved as a MIP by {SOLVER}")),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Every subset of `m` sites of size `p` (or any size when `p` is `None`).
    fn subsets(m: usize, p: Option<usize>) -> Vec<Vec<usize>> {
        (0u32..1 << m)
            .filter(|mask| p.is_none_or(|p| mask.count_ones() as usize == p))
            .map(|mask| (0..m).filter(|j| mask & (1 << j) != 0).collect())
            .collect()
    }

    fn instance(seed: u64, n: usize, m: usize) -> (DistanceProblem, Coverage) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let pts: Vec<(f64, f64)> = (0..n + m)
            .map(|_| (rng.gen_range(0.0..10.0), rng.gen_range(0.0..10.0)))
            .collect();
        let weight: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(1..20))).collect();
        let dist: Vec<f64> = (0..n)
            .flat_map(|i| {
                let pts = &pts;
                (0..m).map(move |j| {
                    let (a, b) = (pts[i], pts[n + j]);
                    ((a.0 - b.0).hypot(a.1 - b.1) * 10.0).round()
                })
            })
            .collect();
        let d = DistanceProblem {
            clients: n,
            sites: m,
            dist,
            weight,
        };
        let lists = (0..m)
            .map(|j| {
                (0..n)
                    .filter(|&i| d.dist(i, j) <= 30.0)
                    .map(|i| (i, d.dist(i, j)))
                    .collect()
            })
            .collect();
        (d, Coverage::from_lists(30.0, lists))
    }

    #[test]
    fn each_formulation_matches_brute_force_on_seeded_tiny_instances() {
        for seed in 0..6 {
            let (d, cover) = instance(seed, 9, 6);
            let p = 1 + (seed as usize % 3);
            let mut rules = SiteRules::open(6, p);
            if seed % 2 == 1 {
                rules.required = vec![1];
                rules.allowed[4] = false;
            }
            let feasible = |s: &Vec<usize>| {
                rules.required.iter().all(|r| s.contains(r)) && s.iter().all(|&j| rules.allowed[j])
            };
            let limits = Limits::default();
            let best = |value: &dyn Fn(&[usize]) -> f64, p: Option<usize>, max: bool| {
                subsets(6, p)
                    .into_iter()
                    .filter(&feasible)
                    .map(|s| value(&s))
                    .fold(if max { f64::MIN } else { f64::MAX }, |a, b| {
                        if max {
                            a.max(b)
                        } else {
                            a.min(b)
                        }
                    })
            };
            let got = mclp(&cover, &d.weight, &rules, &limits).unwrap();
            let want = best(&|s| covered_weight(&cover, &d.weight, s), Some(p), true);
            assert_eq!(got.status, Status::Optimal);
            assert_eq!(got.objective, want, "mclp seed {seed}");
            let got = pmedian(&d, &rules, &limits).unwrap();
            assert_eq!(got.objective, best(&|s| median_cost(&d, s), Some(p), false));
            let got = pcenter(&d, &rules, &limits).unwrap();
            assert_eq!(got.objective, best(&|s| center_cost(&d, s), Some(p), false));
            // Set covering of what the allowed sites can reach.
            let reachable = covered_weight(
                &cover,
                &d.weight,
                &(0..6).filter(|&j| rules.allowed[j]).collect::<Vec<_>>(),
            );
            let got = lscp(&cover, 9, &rules, &limits).unwrap();
            let want = subsets(6, None)
                .into_iter()
                .filter(&feasible)
                .filter(|s| covered_weight(&cover, &d.weight, s) == reachable)
                .map(|s| s.len())
                .min()
                .unwrap();
            assert_eq!(got.objective as usize, want, "lscp seed {seed}");
        }
    }

    #[test]
    fn capacitated_median_matches_brute_force_assignment() {
        let (d, _) = instance(42, 6, 4);
        let load: Vec<f64> = d.weight.clone();
        let cap = vec![load.iter().sum::<f64>() / 2.0 + 5.0; 4];
        let rules = SiteRules::open(4, 2);
        let got = pmedian_capacitated(&d, &load, &cap, &rules, &Limits::default()).unwrap();
        // Brute force: every pair of sites, every assignment of 6 clients to the pair.
        let mut best = f64::MAX;
        for s in subsets(4, Some(2)) {
            for mask in 0u32..1 << 6 {
                let mut used = [0.0; 2];
                let mut cost = 0.0;
                for (i, q) in load.iter().enumerate() {
                    let k = ((mask >> i) & 1) as usize;
                    used[k] += q;
                    cost += d.weight[i] * d.dist(i, s[k]);
                }
                if used.iter().zip(&s).all(|(u, &j)| *u <= cap[j]) {
                    best = best.min(cost);
                }
            }
        }
        assert_eq!(got.status, Status::Optimal);
        assert_eq!(got.objective, best);
        let tight = vec![1.0; 4];
        let got = pmedian_capacitated(&d, &load, &tight, &rules, &Limits::default()).unwrap();
        assert_eq!(got.status, Status::Infeasible);
    }
}
