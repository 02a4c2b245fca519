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

/// The lists, in pieces of [`PIECE`] clients as they were built (packing them into one
/// array would hold every pair twice at the peak): client `i`'s sites are, in piece
/// `i / PIECE`, `site[start[l]..start[l + 1]]` for `l = i % PIECE`, nearest first, with the
/// distance rounded down to `f32` (so the bound can only be lower).
pub(super) struct Lists {
    pieces: Vec<Piece>,
    /// Every allowed site not listed for client `i` is farther than `radius[i]` metres.
    pub radius: Vec<f64>,
}

/// The lists of one piece of clients.
struct Piece {
    start: Vec<usize>,
    site: Vec<u32>,
    dist: Vec<f32>,
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
        let pieces: Vec<Piece> = clients
            .par_chunks(PIECE)
            .zip(radius.par_chunks(PIECE))
            .map(|(cs, rs)| {
                let mut piece = Piece {
                    start: vec![0],
                    site: Vec::new(),
                    dist: Vec::new(),
                };
                for (&c, &r) in cs.iter().zip(rs) {
                    let mut near = Vec::new();
                    index.for_each_near(c, r, |k, c2| {
                        let d = arc(c2);
                        if d <= r {
                            near.push((k, d));
                        }
                    });
                    near.sort_unstable_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    for (k, d) in near {
                        piece.site.push(ids[k] as u32);
                        piece.dist.push(down(d));
                    }
                    piece.start.push(piece.site.len());
                }
                piece.site.shrink_to_fit();
                piece.dist.shrink_to_fit();
                piece
            })
            .collect();
        Lists { pieces, radius }
    }

    /// Number of (client, site) entries.
    pub fn pairs(&self) -> usize {
        self.pieces.iter().map(|p| p.site.len()).sum()
    }

    /// Client `i`'s sites and distances, nearest first.
    pub fn of(&self, i: usize) -> (&[u32], &[f32]) {
        let (p, l) = (&self.pieces[i / PIECE], i % PIECE);
        let r = p.start[l]..p.start[l + 1];
        (&p.site[r.clone()], &p.dist[r])
    }
}
