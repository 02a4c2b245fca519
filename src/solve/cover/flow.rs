//! Maximum flow (Dinic 1970) on the covering network: source → row (its weight) → open
//! column covering it (unbounded) → sink (the column's capacity).
//!
//! With capacities, which stop serves whom is a transportation problem: for a fixed set of
//! open stops the most weight they can serve is exactly this maximum flow. Capacities are
//! real numbers, so residuals below a tolerance count as zero.

use super::incidence::Incidence;

struct Edge {
    to: usize,
    cap: f64,
}

/// A reusable flow network for one covering matrix and column capacities.
pub(crate) struct Network {
    edges: Vec<Edge>,
    adj: Vec<Vec<usize>>,
    /// Index of each column's sink edge.
    sink_edge: Vec<usize>,
    capacity: Vec<f64>,
    /// Original capacity of every edge, to reset between solves.
    initial: Vec<f64>,
    source: usize,
    sink: usize,
    eps: f64,
}

impl Network {
    /// Builds the network; `capacity[j]` is column `j`'s capacity.
    pub(crate) fn new(inst: &Incidence, capacity: Vec<f64>) -> Network {
        let (rows, cols) = (inst.rows(), inst.cols());
        let (source, sink) = (rows + cols, rows + cols + 1);
        let mut net = Network {
            edges: Vec::with_capacity(2 * (inst.nnz() + rows + cols)),
            adj: vec![Vec::new(); rows + cols + 2],
            sink_edge: Vec::with_capacity(cols),
            capacity,
            initial: Vec::new(),
            source,
            sink,
            eps: 1e-12 * (1.0 + inst.total_weight()),
        };
        for i in 0..rows {
            net.add(source, i, inst.weight[i]);
            for &j in inst.row(i) {
                net.add(i, rows + j as usize, f64::INFINITY);
            }
        }
        for j in 0..cols {
            net.sink_edge.push(net.edges.len());
            net.add(rows + j, sink, 0.0);
        }
        net.initial = net.edges.iter().map(|e| e.cap).collect();
        net
    }

    fn add(&mut self, from: usize, to: usize, cap: f64) {
        self.adj[from].push(self.edges.len());
        self.edges.push(Edge { to, cap });
        self.adj[to].push(self.edges.len());
        self.edges.push(Edge { to: from, cap: 0.0 });
    }

    /// Most weight the columns with `open[j]` can serve.
    pub(crate) fn max_flow(&mut self, open: &[bool]) -> f64 {
        for (e, &c) in self.edges.iter_mut().zip(&self.initial) {
            e.cap = c;
        }
        for (j, &o) in open.iter().enumerate() {
            if o {
                self.edges[self.sink_edge[j]].cap = self.capacity[j];
            }
        }
        let n = self.adj.len();
        let mut level = vec![usize::MAX; n];
        let mut next = vec![0usize; n];
        let mut total = 0.0;
        loop {
            // Breadth-first levels.
            level.iter_mut().for_each(|l| *l = usize::MAX);
            level[self.source] = 0;
            let mut queue = std::collections::VecDeque::from([self.source]);
            while let Some(v) = queue.pop_front() {
                for &e in &self.adj[v] {
                    let edge = &self.edges[e];
                    if edge.cap > self.eps && level[edge.to] == usize::MAX {
                        level[edge.to] = level[v] + 1;
                        queue.push_back(edge.to);
                    }
                }
            }
            if level[self.sink] == usize::MAX {
                return total;
            }
            next.iter_mut().for_each(|x| *x = 0);
            loop {
                let pushed = self.push(self.source, f64::INFINITY, &level, &mut next);
                if pushed <= self.eps {
                    break;
                }
                total += pushed;
            }
        }
    }

    /// After [`Network::max_flow`]: the weight each column serves in that flow.
    pub(crate) fn served(&self) -> Vec<f64> {
        self.sink_edge
            .iter()
            .map(|&e| self.edges[e ^ 1].cap)
            .collect()
    }

    /// One blocking-flow augmentation by depth-first search along the level graph.
    fn push(&mut self, v: usize, limit: f64, level: &[usize], next: &mut [usize]) -> f64 {
        if v == self.sink {
            return limit;
        }
        while next[v] < self.adj[v].len() {
            let e = self.adj[v][next[v]];
            let (to, cap) = (self.edges[e].to, self.edges[e].cap);
            if cap > self.eps && level[to] == level[v] + 1 {
                let got = self.push(to, limit.min(cap), level, next);
                if got > self.eps {
                    self.edges[e].cap -= got;
                    self.edges[e ^ 1].cap += got;
                    return got;
                }
            }
            next[v] += 1;
        }
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_row_splits_between_columns() {
        // Row 0 (weight 10) is covered by both columns, row 1 (weight 3) by column 1 only.
        let inst = Incidence::from_rows(vec![0, 2, 3], vec![0, 1, 1], vec![10.0, 3.0], vec![0, 1]);
        let mut net = Network::new(&inst, vec![6.0, 6.0]);
        assert_eq!(net.max_flow(&[true, true]), 12.0);
        assert_eq!(net.max_flow(&[true, false]), 6.0);
        assert_eq!(net.max_flow(&[false, true]), 6.0);
        assert_eq!(net.max_flow(&[false, false]), 0.0);
    }
}
