//! Pseudocosts of the site splits: how much opening or closing each site has raised the
//! bound so far, per unit of the relaxation's usage that the split moves.
//!
//! Why: strong branching pays two subgradient runs per candidate at every node, yet a site's
//! effect on the bound changes slowly down the tree. Once a site has been tried often enough
//! its average gain ranks it as well as a new trial would, so only the sites with little
//! history are tried (reliability branching).

/// A split's direction: which side of a site it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Open = 0,
    Close = 1,
}

/// Where a node came from, so its bound can teach the pseudocosts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin {
    pub(super) site: usize,
    pub(super) side: Side,
    /// The parent's bound when it split.
    pub(super) parent: f64,
    /// How far the split moved the site's usage (`1 − u` opened, `u` closed).
    pub(super) unit: f64,
    /// The node was already bounded by a strong branching trial.
    pub(super) tried: bool,
}

/// Usage moves below this count as this much, so a site the relaxation never uses does not
/// turn a small gain into a huge rate.
const MIN_UNIT: f64 = 0.05;

/// Sums and counts of the gains per site and side.
#[derive(Default, Clone)]
pub(super) struct Pseudocosts {
    sum: Vec<[f64; 2]>,
    count: Vec<[u32; 2]>,
    /// All sites together, for the sites not yet seen on a side.
    total: [f64; 2],
    seen: [u32; 2],
    /// In a fork of the search, the rates it recorded (site, side, rate), to be replayed in
    /// the same order where it joins; `None` in the search itself.
    log: Option<Vec<(usize, usize, f64)>>,
}

impl Pseudocosts {
    /// Records that splitting `origin.site` on `origin.side` raised the bound to `bound`.
    pub(super) fn record(&mut self, origin: &Origin, bound: f64) {
        let gain = (bound - origin.parent).max(0.0);
        if !gain.is_finite() {
            return;
        }
        let rate = gain / origin.unit.max(MIN_UNIT);
        let (j, s) = (origin.site, origin.side as usize);
        if let Some(log) = &mut self.log {
            log.push((j, s, rate));
        }
        self.add(j, s, rate);
    }

    /// A copy for a fork of the search, which logs what it records.
    pub(super) fn fork(&self) -> Pseudocosts {
        Pseudocosts {
            log: Some(Vec::new()),
            ..self.clone()
        }
    }

    /// Replays what a fork recorded, in its order, so the sums are those one search
    /// recording the same gains would hold.
    pub(super) fn join(&mut self, fork: Pseudocosts) {
        for (j, s, rate) in fork.log.unwrap_or_default() {
            if let Some(log) = &mut self.log {
                log.push((j, s, rate));
            }
            self.add(j, s, rate);
        }
    }

    fn add(&mut self, j: usize, s: usize, rate: f64) {
        if self.sum.len() <= j {
            self.sum.resize(j + 1, [0.0; 2]);
            self.count.resize(j + 1, [0; 2]);
        }
        self.sum[j][s] += rate;
        self.count[j][s] += 1;
        self.total[s] += rate;
        self.seen[s] += 1;
    }

    /// Fewest times site `j` has been measured on either side.
    pub(super) fn times(&self, j: usize) -> u32 {
        self.count.get(j).map_or(0, |c| c[0].min(c[1]))
    }

    /// Expected gain of splitting site `j` on `side` when it moves the usage by `unit`: the
    /// site's mean rate, else the mean over all sites, else 1.
    pub(super) fn gain(&self, j: usize, side: Side, unit: f64) -> f64 {
        let s = side as usize;
        let rate = match self.count.get(j).map_or(0, |c| c[s]) {
            0 if self.seen[s] > 0 => self.total[s] / f64::from(self.seen[s]),
            0 => 1.0,
            k => self.sum[j][s] / f64::from(k),
        };
        rate * unit.max(MIN_UNIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(site: usize, side: Side, parent: f64, unit: f64) -> Origin {
        Origin {
            site,
            side,
            parent,
            unit,
            tried: false,
        }
    }

    /// Two forks that record and join in order leave the sums one search recording the same
    /// gains in that order would hold, to the bit, whatever the forks saw of each other.
    #[test]
    fn forks_joined_in_order_hold_what_one_search_would() {
        let gains = [
            (split(3, Side::Open, 10.0, 0.3), 10.7),
            (split(1, Side::Close, 10.0, 0.01), 10.2),
            (split(3, Side::Close, 10.7, 0.9), 11.13),
            (split(7, Side::Open, 9.0, 0.5), 9.1),
            (split(1, Side::Open, 10.2, 0.45), 10.9),
        ];
        let mut one = Pseudocosts::default();
        for (o, b) in &gains {
            one.record(o, *b);
        }
        let mut main = Pseudocosts::default();
        main.record(&gains[0].0, gains[0].1);
        let (mut a, mut b) = (main.fork(), main.fork());
        a.record(&gains[1].0, gains[1].1);
        a.record(&gains[2].0, gains[2].1);
        b.record(&gains[3].0, gains[3].1);
        b.record(&gains[4].0, gains[4].1);
        // Site 7 measured in `b` only: `a` still ranks it by the mean of what it saw.
        let (ga, gb) = (a.gain(7, Side::Open, 1.0), b.gain(7, Side::Open, 1.0));
        assert!(
            (gb - 0.2).abs() < 1e-9 && (ga - 0.7 / 0.3).abs() < 1e-9,
            "{ga} {gb}"
        );
        main.join(a);
        main.join(b);
        for j in 0..9 {
            assert_eq!(main.times(j), one.times(j), "site {j}");
            for side in [Side::Open, Side::Close] {
                let (m, o) = (main.gain(j, side, 0.5), one.gain(j, side, 0.5));
                assert_eq!(m.to_bits(), o.to_bits(), "site {j} {side:?}");
            }
        }
        assert!(main.log.is_none(), "the search itself keeps no log");
    }
}
