//! Why each stop, why not the others, and which choices are forced: the part of a council
//! report that answers "why not our shrine?".
//!
//! Everything is measured in the solve's own terms (its weight within its walking radius) and
//! every alternative is a re-solve, not a guess: a stop is *forced* when the best set without
//! it falls outside the tolerance, so it is in every set within that tolerance of the optimum.

use super::{solve_with, Instance, Model, SolveParams, SolveResult, Status};
use crate::error::Result;
use crate::spatial::Coverage;

/// What one chosen stop contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct StopWhy {
    /// Site index.
    pub site: usize,
    /// Weight within its radius.
    pub reach: f64,
    /// Weight only it reaches: lost if it alone is dropped.
    pub only_here: f64,
    /// The best replacement (site not chosen) and the weight it would win back.
    pub best_replacement: Option<(usize, f64)>,
}

/// Why a strong candidate was not chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum WhyNot {
    /// Left out by the rules (excluded, no space, below the minimum weight): the exclusion
    /// says which, with its numbers.
    Rule(super::Exclusion),
    /// It stands on the same point as a chosen stop (both on one town point, say): the data
    /// cannot tell the two apart, so neither is offered as the other's replacement.
    SamePoint {
        /// The chosen stop at the same point.
        as_stop: usize,
    },
    /// Most of whom it reaches are already reached by chosen stops.
    Overlap {
        /// Share of its reach already reached.
        share: f64,
        /// Weight it would add to the chosen set.
        adds: f64,
        /// The chosen stops that already reach its people, most overlap first.
        by: Vec<usize>,
    },
}

/// A strong candidate that was not chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct NotChosen {
    /// Site index.
    pub site: usize,
    /// Weight within its radius.
    pub reach: f64,
    /// Why not.
    pub why: WhyNot,
}

/// The best set without one chosen stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// The chosen stop left out.
    pub without: usize,
    /// The best set without it (site indices), `None` if none exists.
    pub stops: Option<Vec<usize>>,
    /// Its objective.
    pub objective: Option<f64>,
    /// How much worse than the chosen set, as a share (0.02 = 2 % worse).
    pub worse_by: Option<f64>,
    /// Whether the re-solve was proven optimal.
    pub proven: bool,
    /// Whether the re-solve ran at all: a time limit may end before every stop's turn, and
    /// then nothing is claimed about this stop.
    pub computed: bool,
}

/// The explanation of one solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// Per chosen stop, in the solve's order.
    pub stops: Vec<StopWhy>,
    /// Strong candidates not chosen, by reach.
    pub not_chosen: Vec<NotChosen>,
    /// One re-solve per chosen stop.
    pub alternatives: Vec<Alternative>,
    /// The tolerance for "as good" (0.05 = within 5 %).
    pub tolerance: f64,
}

impl Explanation {
    /// Chosen stops whose best replacement set is worse than the tolerance: in every set
    /// within the tolerance of the optimum (when the re-solves are proven).
    pub fn forced(&self) -> Vec<usize> {
        self.alternatives
            .iter()
            .filter(|a| a.computed && a.worse_by.is_none_or(|w| w > self.tolerance))
            .map(|a| a.without)
            .collect()
    }
}

/// Explains `res` (a solve of `inst` with `params`): per-stop contributions in covering terms,
/// up to `strong` candidates not chosen, and one re-solve per chosen stop.
pub fn explain(
    inst: &Instance,
    params: &SolveParams,
    res: &SolveResult,
    tolerance: f64,
    strong: usize,
) -> Result<Explanation> {
    let cover = inst.coverage(params.radius_m);
    explain_with(inst, params, res, &cover, tolerance, strong)
}

/// [`explain`] with the coverage of the solve already built (a large town's walking-radius
/// lists are built once per run, within its time limit).
pub fn explain_with(
    inst: &Instance,
    params: &SolveParams,
    res: &SolveResult,
    cover: &Coverage,
    tolerance: f64,
    strong: usize,
) -> Result<Explanation> {
    // Re-solves without a stop drop it from `require` by id, so names become ids first.
    let params = &super::with_site_ids(inst, params)?;
    let chosen = &res.outcome.open;
    let mut count = vec![0u32; inst.points()];
    for &j in chosen {
        for &p in cover.points_of(j) {
            count[p as usize] += 1;
        }
    }
    let seen = Seen {
        inst,
        res,
        cover,
        count,
    };
    let stops = chosen.iter().map(|&j| seen.stop_why(j)).collect();
    let not_chosen = seen.not_chosen(strong);
    let alternatives = alternatives(inst, params, cover, res)?;
    Ok(Explanation {
        stops,
        not_chosen,
        alternatives,
        tolerance,
    })
}

/// The chosen set as its points see it: how many chosen stops reach each point.
struct Seen<'a> {
    inst: &'a Instance,
    res: &'a SolveResult,
    cover: &'a Coverage,
    count: Vec<u32>,
}

impl Seen<'_> {
    fn reach(&self, j: usize) -> f64 {
        self.cover.sum(j, &self.inst.weight)
    }

    fn excluded(&self, k: usize) -> Option<&super::Exclusion> {
        self.res.exclusions.iter().find(|e| e.site == k)
    }

    /// What chosen stop `j` reaches, what only it reaches, and the best site to replace it.
    fn stop_why(&self, j: usize) -> StopWhy {
        let (cover, w, count) = (self.cover, &self.inst.weight, &self.count);
        let chosen = &self.res.outcome.open;
        let only_here: f64 = cover
            .points_of(j)
            .iter()
            .filter(|&&p| count[p as usize] == 1)
            .map(|&p| w[p as usize])
            .sum();
        // Without j, the weight a replacement k wins: its points no other stop reaches.
        let wins = |k: usize| -> f64 {
            cover
                .points_of(k)
                .iter()
                .filter(|&&p| {
                    let c = count[p as usize];
                    c == 0 || (c == 1 && cover.points_of(j).binary_search(&p).is_ok())
                })
                .map(|&p| w[p as usize])
                .sum()
        };
        let open = |k: usize| {
            !chosen.contains(&k) && self.excluded(k).is_none() && !same_point(self.inst, j, k)
        };
        // A replacement that wins nothing back is no replacement.
        let best_replacement = (0..self.inst.sites.len())
            .filter(|&k| open(k))
            .map(|k| (k, wins(k)))
            .filter(|&(_, v)| v > 0.0)
            .fold(None, |best: Option<(usize, f64)>, (k, v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((k, v)),
            });
        StopWhy {
            site: j,
            reach: self.reach(j),
            only_here,
            best_replacement,
        }
    }

    /// The `strong` candidates reaching most that were not chosen, and why not.
    fn not_chosen(&self, strong: usize) -> Vec<NotChosen> {
        let chosen = &self.res.outcome.open;
        let mut others: Vec<usize> = (0..self.inst.sites.len())
            .filter(|k| !chosen.contains(k))
            .collect();
        others.sort_by(|&a, &b| self.reach(b).total_cmp(&self.reach(a)).then(a.cmp(&b)));
        others.truncate(strong);
        others
            .into_iter()
            .map(|k| NotChosen {
                site: k,
                reach: self.reach(k),
                why: match (
                    self.excluded(k),
                    chosen.iter().find(|&&j| same_point(self.inst, j, k)),
                ) {
                    (Some(e), _) => WhyNot::Rule(e.clone()),
                    (None, Some(&j)) => WhyNot::SamePoint { as_stop: j },
                    (None, None) => overlap(self.cover, &self.inst.weight, &self.count, chosen, k),
                },
            })
            .collect()
    }
}

/// One re-solve without each chosen stop. Under a deadline each gets an even share of the time
/// still left, and none starts unless the time left would cover one more like the last.
fn alternatives(
    inst: &Instance,
    params: &SolveParams,
    cover: &Coverage,
    res: &SolveResult,
) -> Result<Vec<Alternative>> {
    let chosen = &res.outcome.open;
    let mut last = std::time::Duration::ZERO;
    chosen
        .iter()
        .enumerate()
        .map(|(k, &j)| {
            let now = std::time::Instant::now();
            if params.deadline.is_some_and(|d| now + last >= d) {
                return Ok(Alternative {
                    without: j,
                    stops: None,
                    objective: None,
                    worse_by: None,
                    proven: false,
                    computed: false,
                });
            }
            let deadline = crate::budget::share(params.deadline, 1.0 / (chosen.len() - k) as f64);
            let p = SolveParams {
                deadline,
                ..params.clone()
            };
            let alt = alternative(inst, &p, cover, res, j);
            last = now.elapsed();
            alt
        })
        .collect()
}

/// Whether sites `a` and `b` stand on one point (the same coordinates to about a metre): the
/// data cannot tell them apart, whatever their names.
pub fn same_point(inst: &Instance, a: usize, b: usize) -> bool {
    match (inst.sites[a].location, inst.sites[b].location) {
        (Some(x), Some(y)) => a != b && x.point_key() == y.point_key(),
        _ => false,
    }
}

fn overlap(cover: &Coverage, w: &[f64], count: &[u32], chosen: &[usize], k: usize) -> WhyNot {
    let reach = cover.sum(k, w);
    let adds: f64 = cover
        .points_of(k)
        .iter()
        .filter(|&&p| count[p as usize] == 0)
        .map(|&p| w[p as usize])
        .sum();
    let mut by: Vec<(usize, f64)> = chosen
        .iter()
        .map(|&j| {
            let shared: f64 = cover
                .points_of(k)
                .iter()
                .filter(|p| cover.points_of(j).binary_search(p).is_ok())
                .map(|&p| w[p as usize])
                .sum();
            (j, shared)
        })
        .filter(|&(_, s)| s > 0.0)
        .collect();
    by.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    WhyNot::Overlap {
        share: if reach > 0.0 { 1.0 - adds / reach } else { 0.0 },
        adds,
        by: by.into_iter().map(|(j, _)| j).collect(),
    }
}

/// The best set without `j`: the same solve with `j` excluded (sharing the solve's
/// deadline, so a time-limited report ends on time).
fn alternative(
    inst: &Instance,
    params: &SolveParams,
    cover: &Coverage,
    res: &SolveResult,
    j: usize,
) -> Result<Alternative> {
    let mut p = params.clone();
    // Dropping a stop drops its point: a site standing on the same point is the same choice.
    for k in (0..inst.sites.len()).filter(|&k| k == j || same_point(inst, j, k)) {
        p.exclude.push(inst.sites[k].id.clone());
    }
    let dropped: Vec<&str> = (0..inst.sites.len())
        .filter(|&k| k == j || same_point(inst, j, k))
        .map(|k| inst.sites[k].id.as_str())
        .collect();
    p.require.retain(|r| !dropped.contains(&r.trim()));
    let alt = solve_with(inst, &p, cover)?;
    if alt.outcome.status == Status::Infeasible {
        return Ok(Alternative {
            without: j,
            stops: None,
            objective: None,
            worse_by: None,
            proven: true,
            computed: true,
        });
    }
    let (base, other) = (res.outcome.objective, alt.outcome.objective);
    let share = |lost: f64, of: f64| if of > 0.0 { lost / of } else { 0.0 };
    let worse_by = match params.model {
        Model::Mclp => share(base - other, base),
        // Set covering: fewer stops may be needed without it, but people only it reaches are
        // then left out; both count as worse.
        Model::Lscp => share(res.covered_weight - alt.covered_weight, res.covered_weight)
            .max(share(other - base, base)),
        Model::Pmedian | Model::Pcenter => share(other - base, base),
    };
    let mut stops = alt.outcome.open.clone();
    stops.sort_unstable();
    Ok(Alternative {
        without: j,
        stops: Some(stops),
        objective: Some(other),
        worse_by: Some(worse_by.max(0.0)),
        proven: alt.outcome.status == Status::Optimal,
        computed: true,
    })
}

#[cfg(test)]
mod tests;
