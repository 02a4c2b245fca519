//! Network distances from every site to the demand within a radius, in the shape the
//! walking-radius coverage takes ([`crate::spatial::Coverage::from_lists`]), and the
//! `from,to,metres` rows `network matrix` writes.

use super::dijkstra::{Direction, Workspace};
use super::{Graph, Snap, Snapper};
use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::model::LatLon;
use crate::param::Param;
use crate::spatial::{haversine_m, Coverage, SphereIndex};
use rayon::prelude::*;

/// Points and sites farther than the snapping distance from any walkable street: they get no
/// network distance at all (never a straight line instead), and are reported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OffNetwork {
    /// Demand point indices, ascending.
    pub points: Vec<usize>,
    /// Site indices, ascending.
    pub sites: Vec<usize>,
}

/// For each site, the demand points within the radius along the streets, ascending by point,
/// with their network distance in metres (leg + streets + leg).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLists {
    /// The radius the lists were cut at, metres.
    pub radius_m: f64,
    /// Per site, `(point index, metres)`.
    pub lists: Vec<Vec<(usize, f64)>>,
    /// Who could not be joined to the network.
    pub off: OffNetwork,
}

impl SiteLists {
    /// The lists as the coverage every model and the ranking read.
    pub fn coverage(&self) -> Coverage {
        Coverage::from_lists(self.radius_m, self.lists.clone())
    }

    /// Every pair as `(point, site, cost)`, ordered by point then site: the order the
    /// matrix rows are written in.
    pub fn by_point(&self) -> Vec<(usize, usize, f64)> {
        let mut rows: Vec<(usize, usize, f64)> = self
            .lists
            .iter()
            .enumerate()
            .flat_map(|(s, l)| l.iter().map(move |&(p, m)| (p, s, m)))
            .collect();
        rows.sort_unstable_by_key(|&(p, s, _)| (p, s));
        rows
    }

    /// Number of (site, point) pairs.
    pub fn pairs(&self) -> usize {
        self.lists.iter().map(Vec::len).sum()
    }
}

/// The demand points joined to each segment, for finding them from the segment's ends.
struct PointsOnEdges {
    offsets: Vec<usize>,
    entries: Vec<(u32, Snap)>,
}

impl PointsOnEdges {
    fn new(edges: usize, snaps: &[Option<Snap>]) -> PointsOnEdges {
        let mut entries: Vec<(u32, Snap)> = snaps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (i as u32, s)))
            .collect();
        entries.sort_by_key(|&(i, s)| (s.edge, i));
        let mut offsets = vec![0; edges + 1];
        for (_, s) in &entries {
            offsets[s.edge as usize + 1] += 1;
        }
        for e in 0..edges {
            offsets[e + 1] += offsets[e];
        }
        PointsOnEdges { offsets, entries }
    }

    fn on(&self, edge: u32) -> &[(u32, Snap)] {
        &self.entries[self.offsets[edge as usize]..self.offsets[edge as usize + 1]]
    }
}

/// Network distances from each of `sites` to the `points` within `radius_m`, each site walked
/// alone (in parallel; the lists are the same for any thread count). Refused before starting
/// when the pairs would not fit in `budget`'s memory (network pairs are never more than
/// straight-line ones), and a time-limit error when its deadline passes first.
pub fn network_lists(
    graph: &Graph,
    snapper: &Snapper,
    points: &[LatLon],
    sites: &[LatLon],
    radius_m: f64,
    snap_max_m: f64,
    budget: Budget,
) -> Result<SiteLists> {
    if radius_m.is_finite() {
        crate::spatial::check_size(
            &SphereIndex::new(points),
            sites,
            radius_m,
            budget.memory,
            crate::spatial::BYTES_PER_PAIR,
        )?;
    } else {
        budget.memory.check(
            format!(
                "every walk between {} points and {} sites",
                points.len(),
                sites.len()
            ),
            (points.len() as u64 * sites.len() as u64)
                .saturating_mul(crate::spatial::BYTES_PER_PAIR),
            "use a covering model with a radius, fewer candidates or coarser demand; ",
        )?;
    }
    let point_snaps: Vec<Option<Snap>> = points
        .par_iter()
        .map(|&p| snapper.snap(graph, p, snap_max_m))
        .collect();
    let site_snaps: Vec<Option<Snap>> = sites
        .par_iter()
        .map(|&p| snapper.snap(graph, p, snap_max_m))
        .collect();
    let off = OffNetwork {
        points: unsnapped(&point_snaps),
        sites: unsnapped(&site_snaps),
    };
    let on_edges = PointsOnEdges::new(graph.edges().len(), &point_snaps);
    let lists: Option<Vec<Vec<(usize, f64)>>> = site_snaps
        .par_iter()
        .map_init(
            || {
                (
                    Workspace::new(graph.nodes().len()),
                    vec![f64::INFINITY; points.len()],
                )
            },
            |(ws, best), site| {
                if crate::budget::passed(budget.deadline) {
                    return None;
                }
                Some(match site {
                    Some(s) => walk(graph, &on_edges, s, radius_m, ws, best),
                    None => Vec::new(),
                })
            },
        )
        .collect();
    let lists = lists.ok_or_else(|| {
        Error::param(
            Param::TimeLimitS,
            format!(
                "time to walk the streets within {radius_m} m of each of the {} sites",
                sites.len()
            ),
            "the limit ended first",
        )
    })?;
    Ok(SiteLists {
        radius_m,
        lists,
        off,
    })
}

fn unsnapped(snaps: &[Option<Snap>]) -> Vec<usize> {
    (0..snaps.len()).filter(|&i| snaps[i].is_none()).collect()
}

/// One site's list: the points on the segments of every node reached, and on the site's own
/// segment directly along it. Costs are those of walking from each point to the site (the
/// graph is searched backwards from the site); the straight legs cost their length.
fn walk(
    graph: &Graph,
    on_edges: &PointsOnEdges,
    site: &Snap,
    radius_m: f64,
    ws: &mut Workspace,
    best: &mut [f64],
) -> Vec<(usize, f64)> {
    let e = site.edge as usize;
    let (a, b) = graph.edges()[e];
    // From end `a` to the site is a walk toward `b`, over the stretch between `a` and the site.
    let starts = [
        (a, site.leg_m + graph.cost_toward(e, b, site.to_a_m)),
        (b, site.leg_m + graph.cost_toward(e, a, site.to_b_m)),
    ];
    ws.run(graph, &starts, radius_m, Direction::In);
    let mut found: Vec<usize> = Vec::new();
    let mut offer = |i: u32, metres: f64, found: &mut Vec<usize>| {
        let b = &mut best[i as usize];
        if metres <= radius_m && metres < *b {
            if b.is_infinite() {
                found.push(i as usize);
            }
            *b = metres;
        }
    };
    for &(i, p) in on_edges.on(site.edge) {
        // Along the shared segment, toward whichever end the site lies on from the point.
        let toward = if site.to_a_m < p.to_a_m { a } else { b };
        let along = graph.cost_toward(e, toward, haversine_m(site.at, p.at));
        offer(i, site.leg_m + along + p.leg_m, &mut found);
    }
    for &n in ws.reached() {
        let d = ws.metres(n);
        for &(_, e) in graph.neighbours(n as usize) {
            let first = graph.edges()[e as usize].0;
            for &(i, p) in on_edges.on(e) {
                let along = if first == n { p.to_a_m } else { p.to_b_m };
                offer(
                    i,
                    d + graph.cost_toward(e as usize, n, along) + p.leg_m,
                    &mut found,
                );
            }
        }
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|i| {
            let m = best[i];
            best[i] = f64::INFINITY;
            (i, m)
        })
        .collect()
}

/// Writes `from,to,metres` (point id, site id, metres to 0.1 m), one row per pair within the
/// radius, ordered by point then site: the cost matrix the other commands read. With a
/// walking speed (m/s; given with a DEM, where the metres are flat-equivalent) a `minutes`
/// column follows, to 0.01, so the file feeds `--cost minutes` as well as metres.
pub fn write_rows(
    lists: &SiteLists,
    point_ids: &[String],
    site_ids: &[String],
    walk_speed_m_s: Option<f64>,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    let rows = lists.by_point();
    let mut w = csv::Writer::from_writer(out);
    match walk_speed_m_s {
        None => w.write_record(["from", "to", "metres"])?,
        Some(_) => w.write_record(["from", "to", "metres", "minutes"])?,
    }
    for (p, s, m) in rows {
        let metres = format!("{m:.1}");
        match walk_speed_m_s {
            None => w.write_record([&point_ids[p], &site_ids[s], &metres])?,
            Some(v) => {
                let minutes = format!("{:.2}", m / v / 60.0);
                w.write_record([&point_ids[p], &site_ids[s], &metres, &minutes])?
            }
        }
    }
    w.flush()
}
