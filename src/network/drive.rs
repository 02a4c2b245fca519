//! Driving between places along the streets: from each place out along the drive graph
//! (one-way streets only along their sign), the fastest drive to every other place, in
//! minutes, and the length of that drive.
//!
//! A place joins the graph at its nearest drivable segment; the leg between the place and the
//! street is driven at a slow speed ([`crate::defaults::DRIVE_LEG_KMH`]), as into a forecourt.

use super::dijkstra::{Direction, Workspace};
use super::{minutes_per_m, Graph, OffNetwork, Snap, Snapper};
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::LatLon;
use crate::param::Param;
use crate::spatial::{haversine_m, SphereIndex, BYTES_PER_PAIR};
use rayon::prelude::*;

/// One drive: the fastest path's time, and its length (of the fastest paths, the shortest).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DriveLeg {
    /// Minutes, legs included.
    pub minutes: f64,
    /// Metres, legs included.
    pub metres: f64,
}

/// For each `from` place, the `to` places it reaches (ascending), with the drive there.
#[derive(Debug, Clone, PartialEq)]
pub struct DriveLists {
    /// Drives whose fastest path is longer than this (metres) were left out; `None`: none.
    pub max_m: Option<f64>,
    /// Per `from` place, `(to index, drive)`.
    pub lists: Vec<Vec<(usize, DriveLeg)>>,
    /// `from` places (in `points`) and `to` places (in `sites`) farther than the snapping
    /// distance from every drivable street.
    pub off: OffNetwork,
}

impl DriveLists {
    /// Number of (from, to) pairs.
    pub fn pairs(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }
}

/// How the places join the graph and how fast their legs are driven.
#[derive(Debug, Clone, Copy)]
pub struct Joining {
    /// Farthest a place may be from a drivable street (metres).
    pub snap_max_m: f64,
    /// Speed of the leg between a place and its street (km/h).
    pub leg_kmh: f64,
}

/// The fastest drives from each of `from` to each of `to` on a drive graph (costs in minutes),
/// each place run alone, in parallel (the lists are the same for any thread count). With
/// `max_m`, drives whose fastest path is longer are left out, and the search stops at the time
/// the slowest street would take for that length. Refused before starting when the pairs would
/// not fit in `budget`'s memory; a time-limit error when its deadline passes first.
pub fn drive_lists(
    graph: &Graph,
    snapper: &Snapper,
    from: &[LatLon],
    to: &[LatLon],
    max_m: Option<f64>,
    join: Joining,
    budget: Budget,
) -> Result<DriveLists> {
    match max_m {
        Some(m) => crate::spatial::check_size(
            &SphereIndex::new(to),
            from,
            m,
            budget.memory,
            BYTES_PER_PAIR,
        )?,
        None => budget.memory.check(
            format!("drives between {} and {} places", from.len(), to.len()),
            (from.len() as u64).saturating_mul(to.len() as u64) * BYTES_PER_PAIR,
            "give fewer places, or a --max-m; ",
        )?,
    }
    let snap = |places: &[LatLon]| -> Vec<Option<Snap>> {
        places
            .par_iter()
            .map(|&p| snapper.snap(graph, p, join.snap_max_m))
            .collect()
    };
    let (from_snaps, to_snaps) = (snap(from), snap(to));
    let leg_rate = minutes_per_m(join.leg_kmh);
    let bound = max_m.map_or(f64::INFINITY, |m| m * slowest_rate(graph).max(leg_rate));
    let lists: Option<Vec<Vec<(usize, DriveLeg)>>> = from_snaps
        .par_iter()
        .map_init(
            || Search::new(graph.nodes().len()),
            |search, s| {
                if crate::budget::passed(budget.deadline) {
                    return None;
                }
                let Some(s) = s else {
                    return Some(Vec::new());
                };
                search.run(graph, s, bound);
                let found = to_snaps.iter().enumerate().filter_map(|(j, t)| {
                    let leg = search.to(graph, s, t.as_ref()?, leg_rate)?;
                    max_m.is_none_or(|m| leg.metres <= m).then_some((j, leg))
                });
                let found = found.collect();
                search.clear();
                Some(found)
            },
        )
        .collect();
    let lists = lists.ok_or_else(|| {
        Error::param(
            Param::TimeLimitS,
            format!(
                "time to drive the streets from each of {} places",
                from.len()
            ),
            "the limit ended first",
        )
    })?;
    let unsnapped = |s: &[Option<Snap>]| (0..s.len()).filter(|&i| s[i].is_none()).collect();
    Ok(DriveLists {
        max_m,
        lists,
        off: OffNetwork {
            points: unsnapped(&from_snaps),
            sites: unsnapped(&to_snaps),
        },
    })
}

/// The most minutes a metre of street takes anywhere in the graph (its slowest direction that
/// is open).
fn slowest_rate(graph: &Graph) -> f64 {
    (0..graph.edges().len())
        .filter(|&e| graph.length_m(e) > 0.0)
        .flat_map(|e| {
            let (a, b) = graph.edges()[e];
            let m = graph.length_m(e);
            [graph.cost_from(e, a) / m, graph.cost_from(e, b) / m]
        })
        .filter(|r| r.is_finite())
        .fold(0.0, f64::max)
}

/// One thread's search: the time to each node, and the length of the fastest path there.
struct Search {
    ws: Workspace,
    metres: Vec<f64>,
}

impl Search {
    fn new(nodes: usize) -> Search {
        Search {
            ws: Workspace::new(nodes),
            metres: vec![f64::INFINITY; nodes],
        }
    }

    /// Times out from the place snapped at `s` to every node within `bound` minutes, then the
    /// length of each node's fastest path.
    fn run(&mut self, graph: &Graph, s: &Snap, bound: f64) {
        let e = s.edge as usize;
        let (a, b) = graph.edges()[e];
        let starts = [
            (a, graph.cost_toward(e, a, s.to_a_m), s.to_a_m),
            (b, graph.cost_toward(e, b, s.to_b_m), s.to_b_m),
        ];
        let costs = starts.map(|(n, c, _)| (n, c));
        self.ws.run(graph, &costs, bound, Direction::Out);
        self.lengths(graph, &starts);
    }

    /// The length of the fastest path to each node reached: of the paths whose every step is
    /// tight (the time before it plus the step is the time after it), the shortest. Nodes are
    /// taken in order of time; nodes of equal time (joined by steps of no time) are relaxed
    /// among themselves until nothing changes.
    fn lengths(&mut self, graph: &Graph, starts: &[(u32, f64, f64); 2]) {
        let ws = &self.ws;
        let mut order: Vec<u32> = ws.reached().to_vec();
        order.sort_unstable_by(|&x, &y| ws.metres(x).total_cmp(&ws.metres(y)).then(x.cmp(&y)));
        for &(n, cost, metres) in starts {
            if cost.is_finite() && ws.metres(n) == cost {
                let m = &mut self.metres[n as usize];
                *m = m.min(metres);
            }
        }
        let mut i = 0;
        while i < order.len() {
            let t = ws.metres(order[i]);
            let j = i + order[i..]
                .iter()
                .take_while(|&&n| ws.metres(n) == t)
                .count();
            for _ in i..j {
                let mut changed = false;
                for &n in &order[i..j] {
                    for &(m, e) in graph.neighbours(n as usize) {
                        if ws.metres(m) + graph.cost_from(e as usize, m) != t {
                            continue;
                        }
                        let via = self.metres[m as usize] + graph.length_m(e as usize);
                        if via < self.metres[n as usize] {
                            self.metres[n as usize] = via;
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            i = j;
        }
    }

    /// The fastest drive from the place snapped at `s` (after [`Search::run`] from it) to the
    /// place snapped at `t`: through either end of `t`'s segment, or straight along a shared
    /// segment; `None` when no open way leads there.
    fn to(&self, graph: &Graph, s: &Snap, t: &Snap, leg_rate: f64) -> Option<DriveLeg> {
        let f = t.edge as usize;
        let (c, d) = graph.edges()[f];
        let mut best = (f64::INFINITY, f64::INFINITY);
        let mut offer = |minutes: f64, metres: f64| {
            if (minutes, metres) < best {
                best = (minutes, metres);
            }
        };
        for (end, other, along) in [(c, d, t.to_a_m), (d, c, t.to_b_m)] {
            let (time, length) = (self.ws.metres(end), self.metres[end as usize]);
            offer(time + graph.cost_toward(f, other, along), length + along);
        }
        if s.edge == t.edge {
            let along = haversine_m(s.at, t.at);
            let toward = if t.to_a_m < s.to_a_m { c } else { d };
            offer(graph.cost_toward(f, toward, along), along);
        }
        let legs = s.leg_m + t.leg_m;
        best.0.is_finite().then_some(DriveLeg {
            minutes: best.0 + legs * leg_rate,
            metres: best.1 + legs,
        })
    }

    /// Clears the lengths of the last run for the next.
    fn clear(&mut self) {
        for &n in self.ws.reached() {
            self.metres[n as usize] = f64::INFINITY;
        }
    }
}

/// Writes `from,to,metres,minutes` (ids; metres to 0.1 m, minutes to 0.01), one row per drive
/// kept, ordered by `from` then `to`.
pub fn write_drive_rows(
    lists: &DriveLists,
    from_ids: &[String],
    to_ids: &[String],
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["from", "to", "metres", "minutes"])?;
    for (i, list) in lists.lists.iter().enumerate() {
        for &(j, leg) in list {
            w.write_record([
                &from_ids[i],
                &to_ids[j],
                &format!("{:.1}", leg.metres),
                &format!("{:.2}", leg.minutes),
            ])?;
        }
    }
    w.flush()
}
