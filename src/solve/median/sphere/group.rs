//! Clients merged into grid cells: a problem of tens of thousands of groups on which the
//! plan and the multipliers are cheap to search, and whose multipliers are then carried back
//! to the clients.
//!
//! Each group stands at its clients' weighted mean position with their weights summed. The
//! groups only guide: every plan is measured, and every bound computed, on the real clients.
//! A client's price per unit weight is its group's, shifted by how much farther from the
//! plan's nearest stop it lies than its group does ([`Groups::transfer`]): the optimal prices
//! of the p-median are the distance to the serving stop plus a surplus that varies slowly
//! across a stop's area, so the surplus is what a group hands on.

use crate::model::LatLon;
use crate::spatial::{haversine_m, to_xyz};
use rayon::prelude::*;

/// Metres per degree of latitude on the mean sphere.
const M_PER_DEG: f64 = 111_195.0;

/// The groups of the clients.
pub(super) struct Groups {
    /// Each group's weighted mean position.
    pub at: Vec<LatLon>,
    /// Each group's summed weight.
    pub weight: Vec<f64>,
    /// The group of each client.
    pub of: Vec<u32>,
}

impl Groups {
    /// About `target` groups of `clients` (grid cells of equal side over their extent); one
    /// group per client when there are no more clients than that.
    pub fn new(clients: &[LatLon], weight: &[f64], target: usize) -> Groups {
        let n = clients.len();
        if n <= target.max(1) {
            return Groups {
                at: clients.to_vec(),
                weight: weight.to_vec(),
                of: (0..n as u32).collect(),
            };
        }
        let key = cell_keys(clients, target);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_unstable_by_key(|&i| (key[i], i));
        let mut of = vec![0u32; n];
        let (mut at, mut gw) = (Vec::new(), Vec::new());
        let mut k = 0;
        while k < n {
            let mut e = k;
            while e < n && key[order[e]] == key[order[k]] {
                e += 1;
            }
            let members = &order[k..e];
            for &i in members {
                of[i] = at.len() as u32;
            }
            let (p, w) = mean_position(clients, weight, members);
            at.push(p);
            gw.push(w);
            k = e;
        }
        Groups { at, weight: gw, of }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.at.len()
    }

    /// Each client's price per unit weight from its group's `price` (per unit weight): the
    /// group's surplus over its distance to the plan's nearest stop (`group_near`), added to
    /// the client's own distance to it (`client_near`).
    pub fn transfer(&self, price: &[f64], group_near: &[f64], client_near: &[f64]) -> Vec<f64> {
        client_near
            .par_iter()
            .zip(self.of.par_iter())
            .map(|(&d, &g)| {
                let g = g as usize;
                d + (price[g] - group_near[g])
            })
            .collect()
    }
}

/// Each client's grid cell (row, column) for about `target` cells over the clients' extent.
fn cell_keys(clients: &[LatLon], target: usize) -> Vec<(i64, i64)> {
    let (mut lo, mut hi) = (clients[0], clients[0]);
    for c in clients {
        lo = LatLon::new(lo.lat.min(c.lat), lo.lon.min(c.lon));
        hi = LatLon::new(hi.lat.max(c.lat), hi.lon.max(c.lon));
    }
    let cos = ((lo.lat + hi.lat) / 2.0).to_radians().cos().max(0.01);
    let h = ((hi.lat - lo.lat) * M_PER_DEG).max(1.0);
    let w = ((hi.lon - lo.lon) * M_PER_DEG * cos).max(1.0);
    let side = (h * w / target as f64).sqrt().max(1.0);
    let (dlat, dlon) = (side / M_PER_DEG, side / (M_PER_DEG * cos));
    clients
        .iter()
        .map(|c| {
            (
                ((c.lat - lo.lat) / dlat).floor() as i64,
                ((c.lon - lo.lon) / dlon).floor() as i64,
            )
        })
        .collect()
}

/// The weighted mean position of `members` (on the sphere, through 3-D) and their weight.
fn mean_position(clients: &[LatLon], weight: &[f64], members: &[usize]) -> (LatLon, f64) {
    if members.len() == 1 {
        return (clients[members[0]], weight[members[0]]);
    }
    let (mut x, mut tw) = ([0.0; 3], 0.0);
    for &i in members {
        let q = to_xyz(clients[i]);
        for a in 0..3 {
            x[a] += weight[i] * q[a];
        }
        tw += weight[i];
    }
    let r = (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]).sqrt().max(1.0);
    let p = LatLon::new(
        (x[2] / r).asin().to_degrees(),
        x[1].atan2(x[0]).to_degrees(),
    );
    // A mean of nearby points stays among them; fall back to the first member if rounding
    // ever put it far away.
    if haversine_m(p, clients[members[0]]) > 1e6 {
        return (clients[members[0]], tw);
    }
    (p, tw)
}
