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
use super::{pad, split_sites, Setup};
use crate::solve::{DistanceProblem, Limits, Outcome, SiteRules, Status};

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
    let mut near = nearest_of(problem, clients, required);
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
pub(super) enum Decision {
    /// These free sites (with the required ones) reach every client within the radius.
    Yes(Vec<usize>),
    /// Proven impossible.
    No,
    /// The deadline passed first.
    Unknown,
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
    let setup = match checked_setup(problem, rules) {
        Ok(s) => s,
        Err(reason) => return Outcome::infeasible(reason),
    };
    let clients = served(problem);
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
    let center = Center::new(problem, rules, clients, setup);
    if center.k == 0 {
        return center.finish(center.required.clone(), 0.0, Status::Optimal, 0);
    }
    let mut search = Search::start(&center);
    search.run(&center, limits);
    let status = if search.stopped {
        Status::TimeLimit
    } else {
        Status::Optimal
    };
    let bound = search.lower_end();
    center.finish(search.best_open, bound, status, search.nodes)
}

/// The checks that make a problem unanswerable, in the order their reasons are reported
/// (matrix and weights, then the site rules), and the sites split into required and free.
fn checked_setup(problem: &DistanceProblem, rules: &SiteRules) -> Result<Setup, String> {
    problem.check()?;
    let setup = split_sites(problem.sites, rules)?;
    if let Some(reason) = rules.infeasibility() {
        return Err(reason);
    }
    Ok(setup)
}

/// One covering decision at radius `r`: `Yes` with a plan (the required sites and at most
/// `p` minus those free ones, ascending, not padded) that reaches every client of positive
/// weight within `r`, `No` when none exists, `Unknown` at the deadline; and the nodes used.
///
/// Why apart from [`pcenter`]: the p-center on a million points asks this of a growing
/// subset of them at one radius at a time, instead of solving every subset whole.
pub(super) fn decide_radius(
    problem: &DistanceProblem,
    rules: &SiteRules,
    r: f64,
    limits: &Limits,
) -> Result<(Decision, u64), String> {
    let setup = checked_setup(problem, rules)?;
    let clients = served(problem);
    let center = Center::new(problem, rules, clients, setup);
    let (answer, nodes) = center.decide(r, limits);
    Ok(match answer {
        Decision::Yes(cover) => {
            let mut open = center.required.clone();
            open.extend(cover);
            open.sort_unstable();
            (Decision::Yes(open), nodes)
        }
        other => (other, nodes),
    })
}

/// The clients a p-center serves: those of positive weight, ascending.
fn served(problem: &DistanceProblem) -> Vec<usize> {
    (0..problem.clients)
        .filter(|&i| problem.weight[i] > 0.0)
        .collect()
}

/// For each client, the distance to the nearest site of `sites` (∞ with none): what the
/// required sites already reach, and what the allowed sites can reach at best.
fn nearest_of(problem: &DistanceProblem, clients: &[usize], sites: &[usize]) -> Vec<f64> {
    clients
        .iter()
        .map(|&i| {
            sites
                .iter()
                .map(|&j| problem.dist(i, j))
                .fold(f64::INFINITY, f64::min)
        })
        .collect()
}

/// What every covering decision of one p-center solve reads: the served clients, the sites
/// split by the rules, and how many free sites may still open.
struct Center<'a> {
    problem: &'a DistanceProblem,
    rules: &'a SiteRules,
    /// Clients of positive weight, ascending.
    clients: Vec<usize>,
    /// Required sites, ascending.
    required: Vec<usize>,
    /// Allowed sites that are not required, ascending.
    free: Vec<usize>,
    /// Distance from each client to its nearest required site: clients within the radius of
    /// one need no free site.
    near_required: Vec<f64>,
    /// Free sites to open (`p` minus the required ones).
    k: usize,
}

impl<'a> Center<'a> {
    fn new(
        problem: &'a DistanceProblem,
        rules: &'a SiteRules,
        clients: Vec<usize>,
        setup: Setup,
    ) -> Center<'a> {
        let k = rules.p - setup.required.len();
        let near_required = nearest_of(problem, &clients, &setup.required);
        Center {
            problem,
            rules,
            clients,
            required: setup.required,
            free: setup.free,
            near_required,
            k,
        }
    }

    /// Radius of `open` once padded to `p` sites: the plan as it will be reported, so the
    /// search compares plans by the objective the caller sees.
    fn padded_radius(&self, open: Vec<usize>) -> f64 {
        radius(
            self.problem,
            &self.clients,
            &pad(open, self.rules.p, &self.rules.allowed),
        )
    }

    /// Can `k` free sites cover every client not already within `r` of a required site?
    /// Also returns the nodes the set-covering search used.
    fn decide(&self, r: f64, limits: &Limits) -> (Decision, u64) {
        let (clients, free, k) = (&self.clients, &self.free, self.k);
        let mut merger = RowMerger::new(clients.len());
        let mut buf: Vec<u32> = Vec::new();
        for (n, &i) in clients.iter().enumerate() {
            if self.near_required[n] <= r {
                continue;
            }
            let row = self.problem.row(i);
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

    /// The outcome for `open` (padded to `p`): its radius is the objective, and the bound
    /// never exceeds it (it equals it when optimal).
    fn finish(&self, open: Vec<usize>, bound: f64, status: Status, nodes: u64) -> Outcome {
        let open = pad(open, self.rules.p, &self.rules.allowed);
        let objective = radius(self.problem, &self.clients, &open);
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
    }
}

/// The binary search over candidate radii: the window `radii[lo..=hi]` still holds the
/// optimum, and the best plan found so far.
struct Search {
    /// Distinct client–site distances within [`floor`, greedy radius], ascending.
    radii: Vec<f64>,
    /// Largest nearest-allowed-site distance over the clients: no plan does better.
    floor: f64,
    lo: usize,
    hi: usize,
    /// Radius of `best_open` (padded).
    best: f64,
    best_open: Vec<usize>,
    nodes: u64,
    /// The deadline passed before the window closed.
    stopped: bool,
}

impl Search {
    /// The starting window: from the floor every client needs anyway up to the radius of the
    /// farthest-first greedy plan, which is also the first incumbent.
    fn start(center: &Center) -> Search {
        let (problem, rules, clients) = (center.problem, center.rules, &center.clients);
        // Every client needs some allowed site: the largest such nearest distance is a lower end.
        let allowed: Vec<usize> = (0..problem.sites).filter(|&j| rules.allowed[j]).collect();
        let floor = nearest_of(problem, clients, &allowed)
            .into_iter()
            .fold(0.0, f64::max);
        let greedy = farthest_first(problem, clients, &center.required, &center.free, center.k);
        let best_open = greedy.clone();
        let best = center.padded_radius(greedy);
        let radii = candidate_radii(problem, clients, &allowed, floor, best);
        let hi = radii.len().saturating_sub(1);
        Search {
            radii,
            floor,
            lo: 0,
            hi,
            best,
            best_open,
            nodes: 0,
            stopped: false,
        }
    }

    /// Halves the window until it is one radius wide, the deadline passes, or a decision runs
    /// out of time.
    fn run(&mut self, center: &Center, limits: &Limits) {
        while self.lo < self.hi {
            if limits.expired() {
                self.stopped = true;
                return;
            }
            let mid = self.lo + (self.hi - self.lo) / 2;
            let (answer, n) = center.decide(self.radii[mid], limits);
            self.nodes += n;
            match answer {
                Decision::Yes(cover) => self.feasible(center, mid, cover),
                Decision::No => self.lo = mid + 1,
                Decision::Unknown => {
                    self.stopped = true;
                    return;
                }
            }
        }
    }

    /// A "yes" at `radii[mid]`: keep the cover if its actual radius beats the incumbent, and
    /// cut the window to the radii below both (the cover may achieve less than `radii[mid]`).
    fn feasible(&mut self, center: &Center, mid: usize, cover: Vec<usize>) {
        let mut open = center.required.clone();
        open.extend(cover);
        let r = center.padded_radius(open.clone());
        if r < self.best {
            self.best = r;
            self.best_open = open;
        }
        let cut = self.best.min(self.radii[mid]);
        self.hi = self.radii.partition_point(|&x| x < cut);
    }

    /// The proven lower end: the smallest radius not proven infeasible (the floor when there
    /// is no candidate).
    fn lower_end(&self) -> f64 {
        self.radii.get(self.lo).copied().unwrap_or(self.floor)
    }
}

/// Candidate radii: the distinct client–allowed-site distances within [`floor`, `best`],
/// ascending. The optimum is one of them.
fn candidate_radii(
    problem: &DistanceProblem,
    clients: &[usize],
    allowed: &[usize],
    floor: f64,
    best: f64,
) -> Vec<f64> {
    let mut radii: Vec<f64> = clients
        .iter()
        .flat_map(|&i| allowed.iter().map(move |&j| problem.dist(i, j)))
        .filter(|&d| d >= floor && d <= best)
        .collect();
    radii.sort_unstable_by(f64::total_cmp);
    radii.dedup();
    radii
}
