//! The checked capacitated p-median instance, shared by the relaxation (capacitated search)
//! and the assignment heuristic, which both read it and neither owns it.

use crate::solve::{DistanceProblem, SiteRules};

/// The capacitated instance, checked, with whole-number demands when the exact knapsack
/// applies.
#[derive(Debug, Clone)]
pub(crate) struct CapData {
    /// Clients.
    pub n: usize,
    /// Sites.
    pub m: usize,
    /// Sites to open.
    pub p: usize,
    /// `w_i · d_ij`, row-major.
    costs: Vec<f64>,
    /// Demand per client.
    pub demand: Vec<f64>,
    /// Capacity per site.
    pub capacity: Vec<f64>,
    /// Allowed sites, ascending.
    pub allowed: Vec<usize>,
    /// Required sites as a mask.
    pub required: Vec<bool>,
    /// Whether demands and capacities are whole and small enough for the exact knapsack.
    pub exact: bool,
    /// Whether costs are whole numbers (bounds may be rounded up).
    pub integral: bool,
    /// Sum of all demands.
    total_demand: f64,
    /// Per client, the allowed sites by cost (then index), `allowed.len()` per row. Why:
    /// at multipliers `λ_i` a client is worth taking only at sites cheaper than `λ_i`, a
    /// short prefix of its row, so the relaxation and the assignment moves walk these
    /// prefixes instead of every site (García, Labbé & Marín's sparse view of the p-median).
    near: Vec<u32>,
}

/// Largest capacity the exact knapsack handles (table width).
const DP_CAPACITY: f64 = 100_000.0;

impl CapData {
    /// Checks the capacitated inputs on top of the p-median ones.
    pub fn new(
        problem: &DistanceProblem,
        demand: &[f64],
        capacity: &[f64],
        rules: &SiteRules,
    ) -> Result<CapData, String> {
        super::costs::check_shape(problem, rules)?;
        let (n, m) = (problem.clients, problem.sites);
        if demand.len() != n {
            return Err(format!("{} demands for {n} clients", demand.len()));
        }
        if capacity.len() != m {
            return Err(format!("{} capacities for {m} sites", capacity.len()));
        }
        if let Some(q) = demand.iter().find(|q| !(q.is_finite() && **q >= 0.0)) {
            return Err(format!(
                "a demand of {q}; demands must be finite and non-negative"
            ));
        }
        if let Some(q) = capacity.iter().find(|q| !(q.is_finite() && **q >= 0.0)) {
            return Err(format!(
                "a capacity of {q}; capacities must be finite and non-negative"
            ));
        }
        let mut costs = Vec::with_capacity(n * m);
        for i in 0..n {
            let w = problem.weight[i];
            costs.extend(problem.row(i).iter().map(|&d| w * d));
        }
        let allowed: Vec<usize> = (0..m).filter(|&j| rules.allowed[j]).collect();
        let mut required = vec![false; m];
        for &j in &rules.required {
            required[j] = true;
        }
        let total: f64 = demand.iter().sum();
        let near = nearest_first(&costs, n, m, &allowed);
        let whole = |x: f64| x.fract() == 0.0;
        let exact = demand.iter().all(|&q| whole(q))
            && capacity.iter().all(|&q| whole(q.min(total)))
            && capacity.iter().all(|&q| q.min(total) <= DP_CAPACITY);
        let data = CapData {
            n,
            m,
            p: rules.p,
            costs,
            demand: demand.to_vec(),
            capacity: capacity.to_vec(),
            allowed,
            required,
            exact,
            integral: problem.integral(),
            total_demand: total,
            near,
        };
        data.feasibility(rules)?;
        Ok(data)
    }

    /// The instance cut down to `clients` and `sites` (parent indices, ascending), with `p`
    /// sites to open and `required` (parent indices) forced open; every kept site allowed.
    /// Why: the regrouping heuristic re-solves a few neighbouring clusters of a plan exactly
    /// with the same search, on an instance small enough to finish in milliseconds.
    pub fn restrict(
        &self,
        clients: &[usize],
        sites: &[usize],
        p: usize,
        required: &[usize],
    ) -> CapData {
        let (n, m) = (clients.len(), sites.len());
        let mut costs = Vec::with_capacity(n * m);
        for &i in clients {
            costs.extend(sites.iter().map(|&j| self.cost(i, j)));
        }
        let demand: Vec<f64> = clients.iter().map(|&i| self.demand[i]).collect();
        let allowed: Vec<usize> = (0..m).collect();
        let near = nearest_first(&costs, n, m, &allowed);
        CapData {
            n,
            m,
            p,
            costs,
            total_demand: demand.iter().sum(),
            demand,
            capacity: sites.iter().map(|&j| self.capacity[j]).collect(),
            allowed,
            required: sites.iter().map(|j| required.contains(j)).collect(),
            // Whole demands and capacities stay whole, and a smaller total only narrows the
            // knapsack tables.
            exact: self.exact,
            integral: self.integral,
            near,
        }
    }

    /// Why no plan can exist, judged from sizes alone (the search proves the rest).
    fn feasibility(&self, rules: &SiteRules) -> Result<(), String> {
        let total: f64 = self.demand.iter().sum();
        if self.n > 0 && self.p == 0 {
            return Err("p = 0 stops leave every client unserved".to_string());
        }
        let biggest = self
            .allowed
            .iter()
            .map(|&j| self.capacity[j])
            .fold(0.0, f64::max);
        if let Some(i) = (0..self.n).find(|&i| self.demand[i] > biggest) {
            return Err(format!(
                "client {i} has demand {} but no site that may open holds more than {biggest}",
                self.demand[i]
            ));
        }
        let mut req: Vec<usize> = rules.required.clone();
        req.sort_unstable();
        req.dedup();
        let mut others: Vec<f64> = self
            .allowed
            .iter()
            .filter(|&&j| !self.required[j])
            .map(|&j| self.capacity[j])
            .collect();
        others.sort_by(|a, b| b.total_cmp(a));
        let most: f64 = req.iter().map(|&j| self.capacity[j]).sum::<f64>()
            + others
                .iter()
                .take(self.p.saturating_sub(req.len()))
                .sum::<f64>();
        if total > most {
            return Err(format!(
                "total demand {total} exceeds {most}, the most that {} stops can hold",
                self.p
            ));
        }
        Ok(())
    }

    /// The knapsack table width for a site with `room` left: capacity beyond the total demand
    /// never binds.
    pub fn dp_capacity(&self, room: f64) -> usize {
        room.max(0.0).min(self.total_demand) as usize
    }

    /// The allowed sites, cheapest first, for client `i`.
    #[inline]
    pub fn near(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let k = self.allowed.len();
        self.near[i * k..(i + 1) * k].iter().map(|&j| j as usize)
    }

    /// Weighted cost of serving client `i` from site `j`.
    #[inline]
    pub fn cost(&self, i: usize, j: usize) -> f64 {
        self.costs[i * self.m + j]
    }
}

/// Each client's allowed sites sorted by (cost, index), in parallel over clients (each row is
/// sorted on its own, so the result does not depend on the thread count).
fn nearest_first(costs: &[f64], n: usize, m: usize, allowed: &[usize]) -> Vec<u32> {
    use rayon::prelude::*;
    let k = allowed.len();
    let mut near = vec![0u32; n * k];
    if k == 0 {
        return near;
    }
    near.par_chunks_mut(k).enumerate().for_each(|(i, row)| {
        let cost = &costs[i * m..(i + 1) * m];
        for (slot, &j) in row.iter_mut().zip(allowed) {
            *slot = j as u32;
        }
        row.sort_unstable_by(|&a, &b| {
            cost[a as usize]
                .total_cmp(&cost[b as usize])
                .then(a.cmp(&b))
        });
    });
    near
}

/// `n` random points in a 100 × 100 square, each a client and a site, whole distances,
/// demands 1–9, every capacity `slack` times the mean need of a stop, the middle site
/// required: the capacitated tests' shared instance, tight or loose as they need.
#[cfg(test)]
pub(crate) fn random_instance(
    rng: &mut rand_chacha::ChaCha8Rng,
    n: usize,
    p: usize,
    slack: f64,
) -> Option<CapData> {
    use crate::solve::{DistanceProblem, SiteRules};
    use rand::Rng;
    let at: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
        .collect();
    let dist = at
        .iter()
        .flat_map(|a| at.iter().map(move |b| (a.0 - b.0).hypot(a.1 - b.1).round()))
        .collect();
    let problem = DistanceProblem {
        clients: n,
        sites: n,
        dist,
        weight: vec![1.0; n],
    };
    let demand: Vec<f64> = (0..n).map(|_| f64::from(rng.gen_range(1..10u32))).collect();
    let cap = (demand.iter().sum::<f64>() / p as f64 * slack).ceil();
    let mut rules = SiteRules::open(n, p);
    rules.required = vec![n / 2];
    CapData::new(&problem, &demand, &vec![cap; n], &rules).ok()
}
