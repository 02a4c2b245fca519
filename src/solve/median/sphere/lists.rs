//! Each client's candidate sites within its own radius, nearest first: the sparse data of
//! the Lagrangian bound.
//!
//! A client's multiplier never needs to exceed its weight times the distance to the farthest
//! listed site: every site beyond the radius then adds nothing to the relaxation, so the
//! bound computed on the lists is exactly the bound of the full problem at those multipliers
//! (the radius formulation of García, Labbé & Marín 2011, cut at a radius per client).

use crate::model::LatLon;
use crate::spatial::{SphereIndex, EARTH_RADIUS_M};
use rayon::prelude::*;

/// Clients handled by one task; sums are made per piece and then in piece order, so no
/// result depends on the number of threads.
pub(super) const PIECE: usize = 1 << 14;

/// The lists, packed: client `i`'s sites are `site[start[i]..start[i + 1]]`, nearest first,
/// with the distance rounded down to `f32` (so the bound can only be lower).
pub(super) struct Lists {
    pub start: Vec<usize>,
    pub site: Vec<u32>,
    pub dist: Vec<f32>,
    /// Every allowed site not listed for client `i` is farther than `radius[i]` metres.
    pub radius: Vec<f64>,
}

/// `d` as `f32`, never above `d`.
fn down(d: f64) -> f32 {
    let f = d as f32;
    if f64::from(f) > d && f > 0.0 {
        f32::from_bits(f.to_bits() - 1)
    } else {
        f
    }
}

/// The great-circle distance of a squared chord, a micrometre and a billionth short (so
/// never above the Haversine distance despite rounding): no trigonometry of positions per
/// pair, the lists of a million clients are built in half the time.
fn arc(c2: f64) -> f64 {
    let d = 2.0 * EARTH_RADIUS_M * (c2.sqrt() / (2.0 * EARTH_RADIUS_M)).min(1.0).asin();
    (d * (1.0 - 1e-9) - 1e-6).max(0.0)
}

impl Lists {
    /// For each client, the allowed sites (`index` holds them; `ids` maps its entries to
    /// site numbers) within `radius[i]`.
    pub fn build(
        clients: &[LatLon],
        radius: Vec<f64>,
        index: &SphereIndex,
        ids: &[usize],
    ) -> Lists {
        let pieces: Vec<(Vec<usize>, Vec<u32>, Vec<f32>)> = clients
            .par_chunks(PIECE)
            .zip(radius.par_chunks(PIECE))
            .map(|(cs, rs)| {
                let (mut len, mut site, mut dist) = (Vec::new(), Vec::new(), Vec::new());
                for (&c, &r) in cs.iter().zip(rs) {
                    let mut near = Vec::new();
                    index.for_each_near(c, r, |k, c2| {
                        let d = arc(c2);
                        if d <= r {
                            near.push((k, d));
                        }
                    });
                    near.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    len.push(near.len());
                    for (k, d) in near {
                        site.push(ids[k] as u32);
                        dist.push(down(d));
                    }
                }
                (len, site, dist)
            })
            .collect();
        let total = pieces.iter().map(|p| p.1.len()).sum();
        let mut lists = Lists {
            start: Vec::with_capacity(clients.len() + 1),
            site: Vec::with_capacity(total),
            dist: Vec::with_capacity(total),
            radius,
        };
        lists.start.push(0);
        for (len, site, dist) in pieces {
            for l in len {
                let last = *lists.start.last().expect("starts with 0");
                lists.start.push(last + l);
            }
            lists.site.extend(site);
            lists.dist.extend(dist);
        }
        lists
    }

    /// Number of (client, site) entries.
    pub fn pairs(&self) -> usize {
        self.site.len()
    }

    /// Client `i`'s sites and distances, nearest first.
    pub fn of(&self, i: usize) -> (&[u32], &[f32]) {
        let r = self.start[i]..self.start[i + 1];
        (&self.site[r.clone()], &self.dist[r])
    }
}
