//! The matrices the solvers work on and the site rules every model shares.

/// Clients × sites distances with a weight per client: the input of p-median, p-center and
/// the capacitated p-median.
///
/// Dense and row-major (`dist[i * sites + j]`) because the exact methods scan whole rows in
/// their inner loops; the planning data builds it from great-circle metres, the benchmarks
/// from their published matrices.
#[derive(Debug, Clone, PartialEq)]
pub struct DistanceProblem {
    /// Number of clients (demand points).
    pub clients: usize,
    /// Number of candidate sites.
    pub sites: usize,
    /// `clients * sites` distances, row-major by client; finite and non-negative.
    pub dist: Vec<f64>,
    /// Weight (demand) of each client; non-negative. A client of weight 0 does not count in
    /// any objective (it is not served in p-center either).
    pub weight: Vec<f64>,
}

impl DistanceProblem {
    /// Distance from client `i` to site `j`.
    #[inline]
    pub fn dist(&self, i: usize, j: usize) -> f64 {
        self.dist[i * self.sites + j]
    }

    /// The row of client `i`.
    #[inline]
    pub fn row(&self, i: usize) -> &[f64] {
        &self.dist[i * self.sites..(i + 1) * self.sites]
    }

    /// Checks the matrix and weights (sizes agree, distances and weights finite and not
    /// negative); `Err` says what is wrong, for an `Infeasible` outcome rather than a panic.
    pub fn check(&self) -> Result<(), String> {
        let problem = self;
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

    /// Whether every weighted distance is a whole number, so a bound may be rounded up to the
    /// next integer (as in OR-Library, where all optima are integers).
    pub fn integral(&self) -> bool {
        let whole = |x: f64| x.fract() == 0.0 && x.abs() < 9.0e15;
        self.weight.iter().all(|&w| whole(w)) && self.dist.iter().all(|&d| whole(d))
    }
}

/// Which sites may open, which must, and how many to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRules {
    /// Number of stops to open (ignored by set covering, which minimises it).
    pub p: usize,
    /// Sites that must open, ascending. Each is also allowed.
    pub required: Vec<usize>,
    /// `allowed[j]`: site `j` may open (excluded and ineligible sites are `false`).
    pub allowed: Vec<bool>,
}

impl SiteRules {
    /// Every one of `sites` sites allowed, none required.
    pub fn open(sites: usize, p: usize) -> SiteRules {
        SiteRules {
            p,
            required: Vec::new(),
            allowed: vec![true; sites],
        }
    }

    /// Number of sites that may open.
    pub fn allowed_count(&self) -> usize {
        self.allowed.iter().filter(|&&a| a).count()
    }

    /// Why these rules admit no set of exactly `p` stops, if they don't.
    pub fn infeasibility(&self) -> Option<String> {
        if self.required.len() > self.p {
            return Some(format!(
                "{} stops are required but only {} may open (p = {})",
                self.required.len(),
                self.p,
                self.p
            ));
        }
        let allowed = self.allowed_count();
        if allowed < self.p {
            return Some(format!(
                "p = {} stops asked for but only {} candidate sites may open (the others are \
                 excluded or lack space)",
                self.p, allowed
            ));
        }
        None
    }
}
