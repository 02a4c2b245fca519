//! The p-median input checked once and laid out for the inner loops.
//!
//! Every solver here scans the same weighted costs `w_i · d_ij` three ways: by client row
//! (greedy gains, Lagrangian heuristic), by site column (interchange), and by client row
//! sorted by cost (subgradient, which only touches the sites cheaper than a multiplier).
//! Building all three once keeps every inner loop a plain slice scan.

use crate::solve::{DistanceProblem, SiteRules};

/// Whether a site may still open in a branch-and-bound node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Undecided.
    Free,
    /// Forced open (required, or fixed by branching or a reduction test).
    Open,
    /// Forced closed (not allowed, or fixed by branching or a reduction test).
    Closed,
}

/// Weighted costs of one p-median instance, with the site rules folded in.
#[derive(Debug, Clone)]
pub(crate) struct Costs {
    /// Clients kept (all of them, or only those of positive weight).
    pub clients: usize,
    /// Candidate sites (all of the problem's, indices unchanged).
    pub sites: usize,
    /// Number of stops to open.
    pub p: usize,
    /// `w_i · d_ij`, clients × sites, row-major.
    pub rows: Vec<f64>,
    /// The same costs, sites × clients.
    pub cols: Vec<f64>,
    /// Allowed sites, ascending: the width of each sorted row.
    pub allowed: Vec<usize>,
    /// Required sites, ascending, deduplicated.
    pub required: Vec<usize>,
    /// Per client, the allowed sites' costs ascending (ties by site index), clients × width.
    pub sorted_cost: Vec<f64>,
    /// The sites of `sorted_cost`.
    pub sorted_site: Vec<u32>,
    /// Whether every cost is a whole number, so bounds may be rounded up.
    pub integral: bool,
}

impl Costs {
    /// Checks the input and builds the layouts; `Err` says why the input cannot be solved.
    ///
    /// `keep_all` keeps clients of weight 0 (the capacitated model still has to place their
    /// demand); otherwise they are dropped, as they cannot change a p-median objective.
    pub fn new(
        problem: &DistanceProblem,
        rules: &SiteRules,
        keep_all: bool,
    ) -> Result<Costs, String> {
        check(problem, rules)?;
        let m = problem.sites;
        let kept: Vec<usize> = (0..problem.clients)
            .filter(|&i| keep_all || problem.weight[i] > 0.0)
            .collect();
        let n = kept.len();
        let mut rows = Vec::with_capacity(n * m);
        for &i in &kept {
            let w = problem.weight[i];
            rows.extend(problem.row(i).iter().map(|&d| w * d));
        }
        let mut cols = vec![0.0; n * m];
        for (i, row) in rows.chunks_exact(m.max(1)).enumerate() {
            for (j, &c) in row.iter().enumerate() {
                cols[j * n + i] = c;
            }
        }
        let allowed: Vec<usize> = (0..m).filter(|&j| rules.allowed[j]).collect();
        let mut required = rules.required.clone();
        required.sort_unstable();
        required.dedup();
        let width = allowed.len();
        let mut sorted_cost = Vec::with_capacity(n * width);
        let mut sorted_site = Vec::with_capacity(n * width);
        let mut order: Vec<u32> = Vec::with_capacity(width);
        for i in 0..n {
            let row = &rows[i * m..(i + 1) * m];
            order.clear();
            order.extend(allowed.iter().map(|&j| j as u32));
            order.sort_by(|&a, &b| row[a as usize].total_cmp(&row[b as usize]).then(a.cmp(&b)));
            sorted_cost.extend(order.iter().map(|&j| row[j as usize]));
            sorted_site.extend_from_slice(&order);
        }
        let integral = problem.integral();
        Ok(Costs {
            clients: n,
            sites: m,
            p: rules.p,
            rows,
            cols,
            allowed,
            required,
            sorted_cost,
            sorted_site,
            integral,
        })
    }

    /// Number of allowed sites: the length of each sorted row.
    pub fn width(&self) -> usize {
        self.allowed.len()
    }

    /// Client `i`'s allowed sites by cost: `(costs, sites)`.
    pub fn sorted(&self, i: usize) -> (&[f64], &[u32]) {
        let w = self.width();
        (
            &self.sorted_cost[i * w..(i + 1) * w],
            &self.sorted_site[i * w..(i + 1) * w],
        )
    }

    /// Site `j`'s column: the cost of every client there.
    pub fn col(&self, j: usize) -> &[f64] {
        &self.cols[j * self.clients..(j + 1) * self.clients]
    }

    /// The per-site fixings every search starts from: required open, not allowed closed.
    pub fn root_fixes(&self) -> Vec<Fix> {
        let mut fix = vec![Fix::Closed; self.sites];
        for &j in &self.allowed {
            fix[j] = Fix::Free;
        }
        for &j in &self.required {
            fix[j] = Fix::Open;
        }
        fix
    }

    /// Objective of an open set: every client to its cheapest open site (∞ if none is open
    /// and a client has positive cost to pay).
    pub fn cost_of(&self, open: &[usize]) -> f64 {
        let m = self.sites;
        let mut total = 0.0;
        for row in self.rows.chunks_exact(m.max(1)).take(self.clients) {
            let best = open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min);
            total += best;
        }
        total
    }

    /// Whether `bound` proves that no solution beats `incumbent` (see [`prunes`]).
    pub fn prunes(&self, bound: f64, incumbent: f64) -> bool {
        prunes(self.integral, bound, incumbent)
    }

    /// A lower bound as it may be reported (see [`report_bound`]).
    pub fn report_bound(&self, bound: f64, incumbent: f64) -> f64 {
        report_bound(self.integral, bound, incumbent)
    }
}

/// Whether `bound` proves that no solution beats `incumbent`: by a whole unit when costs are
/// `integral`, by a relative 1e-9 otherwise.
pub(crate) fn prunes(integral: bool, bound: f64, incumbent: f64) -> bool {
    if !incumbent.is_finite() {
        return bound == f64::INFINITY;
    }
    if integral {
        bound > incumbent - 1.0 + slack(incumbent)
    } else {
        bound >= incumbent - 1e-9 * incumbent.abs().max(1.0)
    }
}

/// A lower bound as it may be reported: rounded up when costs are `integral` (less a rounding
/// slack), never above the incumbent.
pub(crate) fn report_bound(integral: bool, bound: f64, incumbent: f64) -> f64 {
    let b = if integral && bound.is_finite() {
        (bound - slack(bound)).ceil()
    } else {
        bound
    };
    b.min(incumbent)
}

/// Floating-point slack of a sum of about a thousand terms of size `x`.
fn slack(x: f64) -> f64 {
    1e-7 * x.abs().max(1.0)
}

/// Why `problem` and `rules` do not describe a solvable p-median instance, if they don't.
pub(crate) fn check(problem: &DistanceProblem, rules: &SiteRules) -> Result<(), String> {
    check_shape(problem, rules)?;
    if rules.p == 0 && problem.weight.iter().any(|&w| w > 0.0) {
        return Err("p = 0 stops leave every client unserved".to_string());
    }
    Ok(())
}

/// Sizes, values and site rules every model needs consistent.
pub(crate) fn check_shape(problem: &DistanceProblem, rules: &SiteRules) -> Result<(), String> {
    let (n, m) = (problem.clients, problem.sites);
    if n.checked_mul(m) != Some(problem.dist.len()) {
        return Err(format!(
            "the distance matrix holds {} entries, not clients × sites = {n} × {m}",
            problem.dist.len()
        ));
    }
    if problem.weight.len() != n {
        return Err(format!("{} weights for {n} clients", problem.weight.len()));
    }
    if rules.allowed.len() != m {
        return Err(format!(
            "site rules for {} sites, the problem has {m}",
            rules.allowed.len()
        ));
    }
    if let Some(d) = problem.dist.iter().find(|d| !(d.is_finite() && **d >= 0.0)) {
        return Err(format!(
            "a distance of {d}; distances must be finite and non-negative"
        ));
    }
    if let Some(w) = problem
        .weight
        .iter()
        .find(|w| !(w.is_finite() && **w >= 0.0))
    {
        return Err(format!(
            "a weight of {w}; weights must be finite and non-negative"
        ));
    }
    if let Some(&j) = rules
        .required
        .iter()
        .find(|&&j| j >= m || !rules.allowed[j])
    {
        return Err(format!("site {j} is required but may not open"));
    }
    let mut required = rules.required.clone();
    required.sort_unstable();
    required.dedup();
    let rules = SiteRules {
        p: rules.p,
        required,
        allowed: rules.allowed.clone(),
    };
    if let Some(why) = rules.infeasibility() {
        return Err(why);
    }
    Ok(())
}
