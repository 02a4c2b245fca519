//! The vertex p-center: `p` stops minimising the largest distance from a client to its
//! nearest stop, solved exactly as a sequence of set-covering decisions.
//!
//! The optimum is one of the client–site distances. For a radius r the question "can p stops
//! (the required ones included) reach every client within r?" is a set-covering decision;
//! its answer is monotone in r, so a binary search over the sorted distinct distances finds
//! the smallest feasible radius (Minieka 1970; Daskin 1995, ch. 5). Each decision is answered
//! by the exact set-covering search with early exits: a greedy cover of at most p columns
//! says yes, a Lagrangian bound above p says no, and only the radii next to the optimum need
//! branching. A "yes" also lowers the upper end to the radius its cover actually achieves.

use super::incidence::{Incidence, RowMerger};
use super::setcover::{solve_cover, Goal};
use super::{pad, split_sites};
use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};

/// Checks the matrix and weights; `Err` says what is wrong.
fn check_problem(problem: &DistanceProblem) -> Result<(), String> {
    let cells = problem.clients.checked_mul(problem.sites);
    if cells != Some(problem.dist.len()) {
        return Err(format!(
            "the distance matrix has {} entries, not {} clients × {} sites",
            problem.dist.len(),
            problem.clients,
            problem.sites
        ));
    }
    if problem.weight.len() != problem.clients {
        return Err(format!(
            "{} weights given for {} clients",
            problem.weight.len(),
            problem.clients
        ));
    }
    if let Some(k) = problem
        .dist
        .iter()
        .position(|d| !(d.is_finite() && *d >= 0.0))
    {
        return Err(format!(
            "the distance from client {} to site {} is {}, not a finite number 0 or more",
            k / problem.sites.max(1),
            k % problem.sites.max(1),
            problem.dist[k]
        ));
    }
    if let Some(i) = problem
        .weight
        .iter()
        .position(|w| !(w.is_finite() && *w >= 0.0))
    {
        return Err(format!(
            "the weight of client {i} is {}, not a finite number 0 or more",
            problem.weight[i]
        ));
    }
    Ok(())
}

/// Largest distance from a client to its nearest site of `open` (0 with no clients).
fn radius(problem: &DistanceProblem, clients: &[usize], open: &[usize]) -> f64 {
    clients
        .iter()
        .map(|&i| {
            let row = problem.row(i);
            open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max)
}

/// Farthest-first greedy (Gonzalez 1985): repeatedly open the allowed site nearest to the
/// client farthest from the open stops. Cheap, within a factor two on metric data, and a
/// good upper end for the binary search.
fn farthest_first(
    problem: &DistanceProblem,
    clients: &[usize],
    required: &[usize],
    free: &[usize],
    k: usize,
) -> Vec<usize> {
    let mut open = required.to_vec();
    let mut near: Vec<f64> = clients
        .iter()
        .map(|&i| {
            required
                .iter()
                .map(|&j| problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let mut is_open = vec![false; problem.sites];
    for &j in required {
        is_open[j] = true;
    }
    for _ in 0..k {
        // Farthest client (ties to the lower index).
        let Some(far) =
            (0..clients.len()).max_by(|&a, &b| near[a].total_cmp(&near[b]).then(b.cmp(&a)))
        else {
            break;
        };
        let row = problem.row(clients[far]);
        let Some(&site) = free
            .iter()
            .filter(|&&j| !is_open[j])
            .min_by(|&&a, &&b| row[a].total_cmp(&row[b]).then(a.cmp(&b)))
        else {
            break;
        };
        is_open[site] = true;
        open.push(site);
        for (n, &i) in near.iter_mut().zip(clients) {
            *n = n.min(problem.dist(i, site));
        }
    }
    open.sort_unstable();
    open
}

/// Answer of one covering decision.
enum Decision {
    /// These free sites (with the required ones) reach every client within the radius.
    Yes(Vec<usize>),
    /// Proven impossible.
    No,
    /// The deadline passed first.
    Unknown,
}

/// Can `k` free sites cover every client not already within `r` of a required site?
fn decide(
    problem: &DistanceProblem,
    clients: &[usize],
    near_required: &[f64],
    free: &[usize],
    k: usize,
    r: f64,
    limits: &Limits,
) -> (Decision, u64) {
    let mut merger = RowMerger::new(clients.len());
    let mut buf: Vec<u32> = Vec::new();
    for (n, &i) in clients.iter().enumerate() {
        if near_required[n] <= r {
            continue;
        }
        let row = problem.row(i);
        buf.clear();
        buf.extend((0..free.len() as u32).filter(|&c| row[free[c as usize]] <= r));
        if buf.is_empty() {
            return (Decision::No, 0);
        }
        merger.add(&buf, 1.0, i as u32);
    }
    let (start, cols, weight, _) = merger.finish();
    let inst = Incidence::from_rows(start, cols, weight, free.to_vec());
    let search = solve_cover(inst, Goal::AtMost(k), limits);
    let answer = match search.cover {
        Some(c) if c.len() <= k => Decision::Yes(c),
        _ if search.complete => Decision::No,
        _ => Decision::Unknown,
    };
    (answer, search.nodes)
}

/// Exact vertex p-center: exactly `rules.p` open sites (required ones among them, only
/// allowed ones) minimising the largest distance from a client of positive weight to its
/// nearest open site.
///
/// Why: for a service whose worst-off customer matters (the farthest household must still be
/// able to walk to the truck), the plan is judged by its largest distance, not the average.
/// The objective is that radius; `bound` is a proven lower bound (the smallest candidate
/// radius not proven infeasible), equal to the objective when `Optimal`. With a deadline, the
/// best plan and bound so far come back as `TimeLimit`. Clients of weight 0 are not served;
/// with no client left the radius is 0.
pub fn pcenter(problem: &DistanceProblem, rules: &SiteRules, limits: &Limits) -> Outcome {
    if let Err(reason) = check_problem(problem) {
        return Outcome::infeasible(reason);
    }
    let setup = match split_sites(problem.sites, rules) {
        Ok(s) => s,
        Err(reason) => return Outcome::infeasible(reason),
    };
    if let Some(reason) = rules.infeasibility() {
        return Outcome::infeasible(reason);
    }
    let clients: Vec<usize> = (0..problem.clients)
        .filter(|&i| problem.weight[i] > 0.0)
        .collect();
    if clients.is_empty() {
        return Outcome {
            status: Status::Optimal,
            open: pad(setup.required, rules.p, &rules.allowed),
            objective: 0.0,
            bound: 0.0,
            nodes: 0,
            note: Some("no client has a positive weight".into()),
        };
    }
    if rules.p == 0 {
        return Outcome::infeasible("p = 0: no stop can serve the clients");
    }
    let k = rules.p - setup.required.len();
    let near_required: Vec<f64> = clients
        .iter()
        .map(|&i| {
            setup
                .required
                .iter()
                .map(|&j| problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let finish = |open: Vec<usize>, bound: f64, status: Status, nodes: u64| {
        let open = pad(open, rules.p, &rules.allowed);
        let objective = radius(problem, &clients, &open);
        Outcome {
            status,
            bound: if status == Status::Optimal {
                objective
            } else {
                bound.min(objective)
            },
            open,
            objective,
            nodes,
            note: None,
        }
    };
    if k == 0 {
        return finish(setup.required.clone(), 0.0, Status::Optimal, 0);
    }
    // Every client needs some allowed site: the largest such nearest distance is a lower end.
    let allowed: Vec<usize> = (0..problem.sites).filter(|&j| rules.allowed[j]).collect();
    let floor = clients
        .iter()
        .map(|&i| {
            allowed
                .iter()
                .map(|&j| problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .fold(0.0, f64::max);
    let greedy = farthest_first(problem, &clients, &setup.required, &setup.free, k);
    let mut best_open = greedy.clone();
    let mut best = radius(problem, &clients, &pad(greedy, rules.p, &rules.allowed));
    // Candidate radii: distinct client–site distances within [floor, best].
    let mut radii: Vec<f64> = clients
        .iter()
        .flat_map(|&i| allowed.iter().map(move |&j| problem.dist(i, j)))
        .filter(|&d| d >= floor && d <= best)
        .collect();
    radii.sort_unstable_by(f64::total_cmp);
    radii.dedup();
    let (mut lo, mut hi) = (0usize, radii.len().saturating_sub(1));
    let mut nodes = 0;
    let mut stopped = false;
    while lo < hi {
        if limits.expired() {
            stopped = true;
            break;
        }
        let mid = lo + (hi - lo) / 2;
        let (answer, n) = decide(
            problem,
            &clients,
            &near_required,
            &setup.free,
            k,
            radii[mid],
            limits,
        );
        nodes += n;
        match answer {
            Decision::Yes(cover) => {
                let mut open = setup.required.clone();
                open.extend(cover);
                let r = radius(
                    problem,
                    &clients,
                    &pad(open.clone(), rules.p, &rules.allowed),
                );
                if r < best {
                    best = r;
                    best_open = open;
                }
                hi = radii.partition_point(|&x| x < best.min(radii[mid]));
            }
            Decision::No => lo = mid + 1,
            Decision::Unknown => {
                stopped = true;
                break;
            }
        }
    }
    let status = if stopped {
        Status::TimeLimit
    } else {
        Status::Optimal
    };
    finish(
        best_open,
        radii.get(lo).copied().unwrap_or(floor),
        status,
        nodes,
    )
}
