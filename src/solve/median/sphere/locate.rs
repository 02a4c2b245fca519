//! Plans for the p-median on the sphere: seeded spread starts (k-means++ on the clients) and
//! locate–allocate (Cooper 1964): serve each client from its nearest stop, move each stop to
//! the best candidate near its clients' weighted median, repeat until no stop moves.

use super::lists::PIECE;
use crate::model::LatLon;
use crate::solve::Limits;
use crate::spatial::{haversine_m, Cloud, SphereIndex};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

/// Candidate sites tried around each stop's weighted median.
const AROUND: usize = 8;

/// The data every plan is measured on.
pub(super) struct Ground<'a> {
    pub cloud: &'a Cloud<'a>,
    pub weight: &'a [f64],
    pub sites: &'a [LatLon],
    /// The allowed sites, indexed; `ids` maps index entries to site numbers.
    pub index: &'a SphereIndex,
    pub ids: &'a [usize],
    pub required: &'a [usize],
    pub p: usize,
}

/// A plan: its sites (ascending) and total weighted distance.
#[derive(Clone)]
pub(super) struct Plan {
    pub open: Vec<usize>,
    pub cost: f64,
    /// Each client's nearest stop (position in `open`) and distance.
    pub near: Vec<(usize, f64)>,
}

impl<'a> Ground<'a> {
    /// The ground of points in `cloud` (weights `weight`) over the sites of `set`.
    pub fn new(
        cloud: &'a Cloud<'a>,
        weight: &'a [f64],
        set: &'a super::prices::Setting<'a>,
        p: usize,
    ) -> Ground<'a> {
        Ground {
            cloud,
            weight,
            sites: set.sites,
            index: set.index,
            ids: set.ids,
            required: set.required,
            p,
        }
    }

    /// Measures `open` (sorted here) on every client.
    pub fn plan(&self, mut open: Vec<usize>) -> Plan {
        open.sort_unstable();
        let at: Vec<LatLon> = open.iter().map(|&j| self.sites[j]).collect();
        let near: Vec<(usize, f64)> = self
            .cloud
            .nearest(&at)
            .into_iter()
            .map(|n| n.expect("a plan has stops"))
            .collect();
        let cost = near
            .par_chunks(PIECE)
            .zip(self.weight.par_chunks(PIECE))
            .map(|(ns, ws)| ns.iter().zip(ws).map(|(n, w)| w * n.1).sum::<f64>())
            .collect::<Vec<f64>>()
            .iter()
            .sum();
        Plan { open, cost, near }
    }

    /// The allowed site nearest `at` that is not in `taken`.
    pub fn free_near(&self, at: LatLon, taken: &[usize]) -> Option<usize> {
        let mut k = AROUND;
        loop {
            let near = self.index.nearest_k(at, k);
            if let Some(&(e, _)) = near.iter().find(|(e, _)| !taken.contains(&self.ids[*e])) {
                return Some(self.ids[e]);
            }
            if near.len() < k {
                return None;
            }
            k *= 4;
        }
    }

    /// A spread start: the required sites, then sites near clients drawn with probability
    /// proportional to weight × squared distance to the stops so far (k-means++).
    pub fn seed(&self, seed: u64) -> Vec<usize> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let xyz = self.cloud.xyz();
        let mut open = self.required.to_vec();
        let mut d2 = vec![f64::INFINITY; xyz.len()];
        let lower = |d2: &mut Vec<f64>, j: usize| {
            let s = crate::spatial::to_xyz(self.sites[j]);
            d2.par_iter_mut().zip(xyz.par_iter()).for_each(|(d, q)| {
                *d = d.min((q[0] - s[0]).powi(2) + (q[1] - s[1]).powi(2) + (q[2] - s[2]).powi(2));
            });
        };
        for &j in &open {
            lower(&mut d2, j);
        }
        while open.len() < self.p {
            let score = |i: usize| self.weight[i] * if open.is_empty() { 1.0 } else { d2[i] };
            let total: f64 = (0..xyz.len()).map(score).sum();
            let mut x = rng.gen::<f64>() * total;
            let mut pick = xyz.len() - 1;
            for i in 0..xyz.len() {
                x -= score(i);
                if x < 0.0 {
                    pick = i;
                    break;
                }
            }
            let Some(j) = self.free_near(self.cloud.locations()[pick], &open) else {
                break;
            };
            open.push(j);
            lower(&mut d2, j);
        }
        open
    }

    /// Locate–allocate from `open` until no stop moves or the deadline passes.
    pub fn improve(&self, open: Vec<usize>, limits: &Limits) -> Plan {
        let mut plan = self.plan(open);
        for _ in 0..100 {
            if limits.expired() {
                break;
            }
            let moved = self.relocate(&plan);
            if moved == plan.open {
                break;
            }
            let next = self.plan(moved);
            if next.cost >= plan.cost {
                break;
            }
            plan = next;
        }
        plan
    }

    /// Each stop's best site among those nearest its clients' weighted median (required
    /// stops stay), in stop order, never two stops on one site.
    fn relocate(&self, plan: &Plan) -> Vec<usize> {
        let stops = plan.open.len();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); stops];
        for (i, n) in plan.near.iter().enumerate() {
            members[n.0].push(i);
        }
        let choices: Vec<Vec<(f64, usize)>> = members
            .par_iter()
            .enumerate()
            .map(|(k, m)| self.choices(plan.open[k], m))
            .collect();
        let mut open = plan.open.clone();
        for (k, list) in choices.into_iter().enumerate() {
            if self.required.contains(&plan.open[k]) {
                continue;
            }
            if let Some(&(_, j)) = list
                .iter()
                .find(|(_, j)| *j == open[k] || !open.contains(j))
            {
                open[k] = j;
            }
        }
        open
    }

    /// Candidate sites for the stop at `site` serving `members`, best first by their cost.
    fn choices(&self, site: usize, members: &[usize]) -> Vec<(f64, usize)> {
        if members.is_empty() {
            return vec![(0.0, site)];
        }
        let at = self.weiszfeld(members);
        let mut cands: Vec<usize> = self
            .index
            .nearest_k(at, AROUND)
            .iter()
            .map(|&(e, _)| self.ids[e])
            .collect();
        cands.push(site);
        cands.sort_unstable();
        cands.dedup();
        let locs = self.cloud.locations();
        let mut scored: Vec<(f64, usize)> = cands
            .into_iter()
            .map(|j| {
                let s = self.sites[j];
                (
                    members
                        .iter()
                        .map(|&i| self.weight[i] * haversine_m(locs[i], s))
                        .sum(),
                    j,
                )
            })
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        scored
    }

    /// The weighted geometric median of `members` in 3-D (a few Weiszfeld steps from the
    /// weighted centroid), as a position on the sphere.
    fn weiszfeld(&self, members: &[usize]) -> LatLon {
        let xyz = self.cloud.xyz();
        let mut x = [0.0; 3];
        let mut tw = 0.0;
        for &i in members {
            for a in 0..3 {
                x[a] += self.weight[i] * xyz[i][a];
            }
            tw += self.weight[i];
        }
        x = x.map(|v| v / tw);
        for _ in 0..8 {
            let (mut num, mut den) = ([0.0; 3], 0.0);
            for &i in members {
                let q = xyz[i];
                let d = ((q[0] - x[0]).powi(2) + (q[1] - x[1]).powi(2) + (q[2] - x[2]).powi(2))
                    .sqrt()
                    .max(1.0);
                let f = self.weight[i] / d;
                for a in 0..3 {
                    num[a] += f * q[a];
                }
                den += f;
            }
            x = num.map(|v| v / den);
        }
        let r = (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]).sqrt().max(1.0);
        LatLon::new(
            (x[2] / r).asin().to_degrees(),
            x[1].atan2(x[0]).to_degrees(),
        )
    }
}
