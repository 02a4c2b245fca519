//! The covering solvers (MCLP and its heuristic, LSCP, p-center, capacitated MCLP) against
//! brute force on seeded random instances small enough to enumerate every site set.

use super::assert_proven;
use crate::helpers::share_machine;
use mobile_stops::solve::cover::{
    lscp, mclp, mclp_capacitated, mclp_heuristic, pcenter, uncoverable,
};
use mobile_stops::solve::{DistanceProblem, Limits, SiteRules, Status};
use mobile_stops::Coverage;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A random small instance: `n` points in a 100 × 100 square, `m` sites among them.
struct Small {
    dist: Vec<Vec<f64>>, // [site][point], whole numbers
    weight: Vec<f64>,
    capacity: Vec<f64>,
    rules: SiteRules,
    radius: f64,
}

impl Small {
    fn new(rng: &mut ChaCha8Rng) -> Small {
        let n = rng.gen_range(1..=25);
        let m = rng.gen_range(1..=12);
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
            .collect();
        let sites: Vec<(f64, f64)> = (0..m)
            .map(|_| (rng.gen_range(0.0..100.0), rng.gen_range(0.0..100.0)))
            .collect();
        let dist = sites
            .iter()
            .map(|s| {
                pts.iter()
                    .map(|q| ((s.0 - q.0).hypot(s.1 - q.1) / 4.0).round())
                    .collect()
            })
            .collect();
        let weight = (0..n)
            .map(|_| {
                if rng.gen_bool(0.15) {
                    0.0
                } else {
                    f64::from(rng.gen_range(1u32..20))
                }
            })
            .collect();
        let capacity = (0..m).map(|_| f64::from(rng.gen_range(0u32..60))).collect();
        let allowed: Vec<bool> = (0..m).map(|_| rng.gen_bool(0.85)).collect();
        let required: Vec<usize> = (0..m)
            .filter(|&j| allowed[j] && rng.gen_bool(0.12))
            .collect();
        let p = rng.gen_range(0..=m.min(6));
        Small {
            dist,
            weight,
            capacity,
            rules: SiteRules {
                p,
                required,
                allowed,
            },
            radius: f64::from(rng.gen_range(2u32..12)),
        }
    }

    fn cover(&self) -> Coverage {
        Coverage::from_lists(
            self.radius,
            self.dist
                .iter()
                .map(|row| {
                    row.iter()
                        .enumerate()
                        .filter(|(_, &d)| d <= self.radius)
                        .map(|(i, &d)| (i, d))
                        .collect()
                })
                .collect(),
        )
    }

    fn points(&self) -> usize {
        self.weight.len()
    }

    fn problem(&self) -> DistanceProblem {
        let (n, m) = (self.points(), self.dist.len());
        DistanceProblem {
            clients: n,
            sites: m,
            dist: (0..n)
                .flat_map(|i| (0..m).map(move |j| (i, j)))
                .map(|(i, j)| self.dist[j][i])
                .collect(),
            weight: self.weight.clone(),
        }
    }

    /// Every site set the rules admit (allowed, required included), as bit masks.
    fn sets(&self) -> impl Iterator<Item = u32> + '_ {
        let m = self.dist.len();
        (0u32..1 << m).filter(move |&s| {
            (0..m).all(|j| s & (1 << j) == 0 || self.rules.allowed[j])
                && self.rules.required.iter().all(|&j| s & (1 << j) != 0)
        })
    }

    fn covered(&self, set: u32, i: usize) -> bool {
        (0..self.dist.len()).any(|j| set & (1 << j) != 0 && self.dist[j][i] <= self.radius)
    }

    fn coverage_value(&self, set: u32) -> f64 {
        (0..self.points())
            .filter(|&i| self.covered(set, i))
            .map(|i| self.weight[i])
            .sum()
    }

    /// Served weight with capacities: integer max flow by augmenting paths (weights and
    /// capacities are whole numbers here), independent of the solver's own flow code.
    fn served(&self, set: u32) -> f64 {
        let (n, m) = (self.points(), self.dist.len());
        let mut left: Vec<i64> = self.weight.iter().map(|&w| w as i64).collect();
        let mut cap: Vec<i64> = (0..m)
            .map(|j| {
                if set & (1 << j) != 0 {
                    self.capacity[j] as i64
                } else {
                    0
                }
            })
            .collect();
        // flow[j][i]: units of point i served by site j
        let mut flow = vec![vec![0i64; n]; m];
        let mut total = 0;
        loop {
            // BFS over points from those with weight left, alternating via site edges.
            // Node ids: points 0..n, sites n..n+m.
            let mut prev = vec![usize::MAX; n + m];
            let mut queue: std::collections::VecDeque<usize> = (0..n)
                .filter(|&i| left[i] > 0)
                .inspect(|&i| prev[i] = i)
                .collect();
            let mut end = None;
            while let Some(v) = queue.pop_front() {
                if v < n {
                    for j in 0..m {
                        if set & (1 << j) != 0
                            && self.dist[j][v] <= self.radius
                            && prev[n + j] == usize::MAX
                        {
                            prev[n + j] = v;
                            if cap[j] > 0 {
                                end = Some(j);
                                break;
                            }
                            queue.push_back(n + j);
                        }
                    }
                    if end.is_some() {
                        break;
                    }
                } else {
                    let j = v - n;
                    for i in 0..n {
                        if flow[j][i] > 0 && prev[i] == usize::MAX {
                            prev[i] = v;
                            queue.push_back(i);
                        }
                    }
                }
            }
            let Some(j) = end else { break };
            // Push one unit along the path (all data are small integers).
            let mut site = j;
            cap[j] -= 1;
            loop {
                let i = prev[n + site];
                flow[site][i] += 1;
                if prev[i] == i {
                    left[i] -= 1;
                    break;
                }
                let back = prev[i] - n;
                flow[back][i] -= 1;
                site = back;
            }
            total += 1;
        }
        total as f64
    }
}

fn exactly_p(small: &Small) -> Vec<u32> {
    small
        .sets()
        .filter(|s| s.count_ones() as usize == small.rules.p)
        .collect()
}

#[test]
fn mclp_and_heuristic_match_brute_force() {
    let _turn = share_machine();
    let mut rng = ChaCha8Rng::seed_from_u64(101);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = mclp(&cover, &s.weight, &s.rules, &Limits::default());
        let h = mclp_heuristic(&cover, &s.weight, &s.rules, &Limits::new(None, case));
        let best = exactly_p(&s)
            .into_iter()
            .map(|set| s.coverage_value(set))
            .max_by(f64::total_cmp);
        match best {
            None => {
                assert_eq!(o.status, Status::Infeasible, "case {case}");
                assert_eq!(h.status, Status::Infeasible, "case {case}");
            }
            Some(v) => {
                assert_proven(&o, v, &format!("case {case}"));
                check_plan(&s, &o.open);
                assert_eq!(s.coverage_value(mask(&o.open)), v);
                // Optimal only when the reductions alone settle the problem.
                assert!(h.status == Status::Heuristic || h.objective == v, "{h:?}");
                check_plan(&s, &h.open);
                assert!(
                    h.objective <= v && h.bound >= v,
                    "case {case}: {h:?} vs {v}"
                );
                assert_eq!(s.coverage_value(mask(&h.open)), h.objective);
            }
        }
    }
}

fn mask(open: &[usize]) -> u32 {
    open.iter().fold(0, |m, &j| m | 1 << j)
}

/// Exactly p distinct, allowed sites with the required ones.
fn check_plan(s: &Small, open: &[usize]) {
    assert_eq!(open.len(), s.rules.p);
    assert!(open.windows(2).all(|w| w[0] < w[1]));
    assert!(open.iter().all(|&j| s.rules.allowed[j]));
    assert!(s.rules.required.iter().all(|r| open.contains(r)));
}

#[test]
fn lscp_matches_brute_force() {
    let _turn = share_machine();
    let mut rng = ChaCha8Rng::seed_from_u64(202);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = lscp(&cover, &s.rules, &Limits::default());
        let lost = uncoverable(&cover, &s.rules);
        let all_allowed = mask(
            &(0..s.dist.len())
                .filter(|&j| s.rules.allowed[j])
                .collect::<Vec<_>>(),
        );
        let coverable: Vec<usize> = (0..s.points())
            .filter(|&i| s.covered(all_allowed, i))
            .collect();
        // `uncoverable` talks about points up to the last one any list mentions.
        let known = (0..s.points())
            .filter(|&i| s.dist.iter().any(|row| row[i] <= s.radius))
            .max()
            .map_or(0, |i| i + 1);
        let expect_lost: Vec<usize> = (0..known).filter(|i| !coverable.contains(i)).collect();
        assert_eq!(lost, expect_lost, "case {case}");
        let best = s
            .sets()
            .filter(|&set| coverable.iter().all(|&i| s.covered(set, i)))
            .map(|set| set.count_ones())
            .min()
            .unwrap();
        assert_proven(&o, f64::from(best), &format!("case {case}"));
        let got = mask(&o.open);
        assert!(coverable.iter().all(|&i| s.covered(got, i)), "case {case}");
        assert!(s.rules.required.iter().all(|r| o.open.contains(r)));
        assert!(o.open.iter().all(|&j| s.rules.allowed[j]));
        assert_eq!(o.note.is_some(), !lost.is_empty());
    }
}

#[test]
fn pcenter_matches_brute_force() {
    let _turn = share_machine();
    let mut rng = ChaCha8Rng::seed_from_u64(303);
    for case in 0..1000 {
        let s = Small::new(&mut rng);
        let problem = s.problem();
        let o = pcenter(&problem, &s.rules, &Limits::default());
        let clients: Vec<usize> = (0..s.points()).filter(|&i| s.weight[i] > 0.0).collect();
        let radius = |set: u32| {
            clients
                .iter()
                .map(|&i| {
                    (0..s.dist.len())
                        .filter(|&j| set & (1 << j) != 0)
                        .map(|j| s.dist[j][i])
                        .fold(f64::INFINITY, f64::min)
                })
                .fold(0.0, f64::max)
        };
        let best = exactly_p(&s)
            .into_iter()
            .map(radius)
            .filter(|r| r.is_finite())
            .min_by(f64::total_cmp);
        match best {
            None => assert_eq!(o.status, Status::Infeasible, "case {case}: {o:?}"),
            Some(v) => {
                assert_proven(&o, v, &format!("case {case}"));
                check_plan(&s, &o.open);
                assert_eq!(radius(mask(&o.open)), v);
            }
        }
    }
}

#[test]
fn capacitated_mclp_matches_brute_force() {
    let _turn = share_machine();
    let mut rng = ChaCha8Rng::seed_from_u64(404);
    for case in 0..500 {
        let s = Small::new(&mut rng);
        let cover = s.cover();
        let o = mclp_capacitated(&cover, &s.weight, &s.capacity, &s.rules, &Limits::default());
        let best = exactly_p(&s)
            .into_iter()
            .map(|set| s.served(set))
            .max_by(f64::total_cmp);
        match best {
            None => assert_eq!(o.status, Status::Infeasible, "case {case}"),
            Some(v) => {
                assert_eq!(o.status, Status::Optimal, "case {case}");
                assert!((o.objective - v).abs() < 1e-6, "case {case}: {o:?} vs {v}");
                assert!((o.bound - v).abs() < 1e-6, "case {case}: {o:?} vs {v}");
                check_plan(&s, &o.open);
                assert!((s.served(mask(&o.open)) - v).abs() < 1e-6);
            }
        }
    }
}
