//! Exact unit-cost set covering: the location set covering problem (LSCP) and the decision
//! "can k stops cover everyone?" that p-center asks at every radius.
//!
//! Depth-first branch and bound (in the spirit of Beasley 1987/1990): at each node the
//! matrix is reduced (forced columns, implied rows, dominated columns), bounded by the
//! Lagrangian relaxation with subgradient optimisation, completed to a cover by the
//! Lagrangian greedy heuristic, and thinned by Lagrangian cost tests (a column whose
//! reduced cost alone lifts the bound past the incumbent is fixed out, one whose removal
//! does is fixed in). Branching takes the row with the fewest columns and tries each of its
//! columns in turn (column t in, columns before t out), which partitions the search without
//! overlap.

use super::incidence::Incidence;
use super::lagrange::{cover_bound, greedy_cover, CoverBound};
use super::reduce::reduce_cover;
use crate::solve::search::{walk, Candidate, Ending, Fold, Incumbent, Tree, Visit};
use crate::solve::Limits;

/// What a set-covering search should find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Goal {
    /// The smallest cover.
    Minimise,
    /// Any cover of at most this many columns, or a proof that none exists.
    AtMost(usize),
}

/// The answer of a set-covering search.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CoverSearch {
    /// Best cover found (original site indices, ascending), if any.
    pub(crate) cover: Option<Vec<usize>>,
    /// Proven lower bound on the size of any cover.
    pub(crate) lower: usize,
    /// The search finished: for `Minimise` the cover is optimal; for `AtMost(k)` a missing
    /// cover means none of size ≤ k exists.
    pub(crate) complete: bool,
    /// Branch-and-bound nodes.
    pub(crate) nodes: u64,
}

/// A cover found by the search (original site indices, ascending).
#[derive(Debug, Clone, PartialEq)]
struct Cover(Vec<usize>);

impl Candidate for Cover {
    const NONE: f64 = f64::INFINITY;

    fn value(&self) -> f64 {
        self.0.len() as f64
    }

    fn better_than(&self, kept: &Cover) -> bool {
        self.0.len() < kept.0.len()
    }
}

/// A node: cover `inst` with `fixed` already open; `lambda` warm-starts the subgradient (one
/// multiplier per row of `inst`).
struct Whole {
    inst: Incidence,
    lambda: Vec<f64>,
    fixed: Vec<usize>,
}

/// A node that branched on a row, shared by its children.
struct Parent {
    node: Whole,
    /// The row's columns, in the order the children take them.
    cols: Vec<u32>,
}

/// A node of the set-covering tree. Children of a branching are built only when explored
/// (a row may have many columns, and a decision search often stops at the first child).
enum Node {
    /// A node with its matrix.
    Whole(Whole),
    /// Child `t` of a branching: the parent's `cols[t]` open, `cols[..t]` closed.
    Pick(std::rc::Rc<Parent>, usize),
}

impl Node {
    /// Columns already open when the node is entered.
    fn fixed_len(&self) -> usize {
        match self {
            Node::Whole(w) => w.fixed.len(),
            Node::Pick(parent, _) => parent.node.fixed.len() + 1,
        }
    }

    /// The node with its matrix built.
    fn whole(self) -> Whole {
        let (parent, t) = match self {
            Node::Whole(w) => return w,
            Node::Pick(parent, t) => (parent, t),
        };
        let Whole {
            inst,
            lambda,
            fixed,
        } = &parent.node;
        let mut keep_col = vec![true; inst.cols()];
        let mut keep_row = vec![true; inst.rows()];
        for &j in &parent.cols[..=t] {
            keep_col[j as usize] = false;
        }
        let pick = parent.cols[t] as usize;
        for &i in inst.col(pick) {
            keep_row[i as usize] = false;
        }
        let (child, origin) = inst.restrict(&keep_row, &keep_col, false);
        let mut fixed = fixed.clone();
        fixed.push(inst.site[pick]);
        Whole {
            lambda: origin.iter().map(|&r| lambda[r as usize]).collect(),
            inst: child,
            fixed,
        }
    }
}

/// Set covering as a search tree. A node reports a lower bound on the columns any cover in
/// it needs, fixed ones included.
struct Search<'a> {
    limits: &'a Limits,
    /// Covers must have fewer columns than this while none is kept.
    cap: usize,
    incumbent: Incumbent<Cover>,
    stop_on_find: bool,
}

impl Search<'_> {
    /// A new cover must have fewer columns than this.
    fn beat(&self) -> usize {
        self.incumbent.best().map_or(self.cap, |c| c.0.len())
    }

    fn found(&mut self, fixed: &[usize], more: impl IntoIterator<Item = usize>) {
        let mut cover: Vec<usize> = fixed.iter().copied().chain(more).collect();
        cover.sort_unstable();
        cover.dedup();
        if cover.len() < self.beat() {
            self.incumbent.offer(Cover(cover));
        }
    }
}

impl Tree for Search<'_> {
    type Node = Node;
    const FOLD: Fold = Fold::Least;
    const COUNT_LATE: bool = true;

    fn unexplored(&self, node: &Node) -> f64 {
        node.fixed_len() as f64
    }

    /// Reduces the node (forced columns, implied rows, dominated columns, Lagrangian cost
    /// tests) until it settles, bounds it, and branches on its row with the fewest columns.
    fn visit(&mut self, node: Node, depth: usize) -> Visit<Node> {
        let Whole {
            mut inst,
            mut lambda,
            mut fixed,
        } = node.whole();
        let iters = if depth == 0 { 600 } else { 120 };
        loop {
            let budget = (40 * inst.nnz()).max(200_000);
            let red = reduce_cover(inst, 50, budget);
            if red.infeasible {
                return Visit::Closed(f64::INFINITY);
            }
            fixed.extend_from_slice(&red.forced);
            let base = fixed.len();
            if red.inst.rows() == 0 {
                self.found(&fixed, []);
                return Visit::Closed(base as f64);
            }
            if base + 1 >= self.beat() {
                return Visit::Closed((base + 1) as f64);
            }
            inst = red.inst;
            lambda = red.origin.iter().map(|&r| lambda[r as usize]).collect();
            // A node is pruned once its bound exceeds this: no cover smaller than `beat`.
            let limit = |beat: usize| (beat - base) as f64 - 1.0 + 1e-6;
            let b = cover_bound(
                &inst,
                Some(lambda),
                (self.beat() - base) as f64,
                limit(self.beat()),
                iters,
                self.limits,
                self.stop_on_find,
            );
            if let Some(c) = &b.cover {
                if base + c.len() < self.beat() {
                    self.found(&fixed, c.iter().map(|&j| inst.site[j as usize]));
                    if self.stop_on_find {
                        let lower = (base as f64 + b.lb).max(base as f64 + 1.0);
                        return Visit::Closed(lower);
                    }
                }
            }
            let bound = base as f64 + b.lb.max(1.0);
            let need = limit(self.beat());
            if b.lb > need {
                return Visit::Closed(bound);
            }
            if self.limits.expired() {
                return Visit::Stopped(bound);
            }
            match cost_tests(&inst, &b, need, &mut fixed) {
                Some((next, origin)) => {
                    lambda = origin.iter().map(|&r| b.lambda[r as usize]).collect();
                    inst = next;
                }
                None => return branch(inst, b.lambda, &b.reduced, fixed, bound),
            }
        }
    }

    /// Explored children's bounds hold for the whole subtree only when every child was
    /// explored to the end; otherwise the node's own bound caps them.
    fn settle(&self, bound: f64, joined: f64, ending: Ending) -> f64 {
        match ending {
            Ending::Finished => joined.max(bound),
            Ending::Aborted | Ending::Cut => joined.min(bound),
        }
    }

    fn satisfied(&self) -> bool {
        self.stop_on_find && self.incumbent.best().is_some()
    }
}

/// Lagrangian cost tests: a column whose reduced cost alone lifts the bound past `need` is
/// fixed out, one whose removal does is fixed in (onto `fixed`). The reduced matrix and its
/// row origins when something was fixed.
fn cost_tests(
    inst: &Incidence,
    b: &CoverBound,
    need: f64,
    fixed: &mut Vec<usize>,
) -> Option<(Incidence, Vec<u32>)> {
    let mut keep_col = vec![true; inst.cols()];
    let mut keep_row = vec![true; inst.rows()];
    let mut changed = false;
    for (j, &c) in b.reduced.iter().enumerate() {
        if c >= 0.0 && b.lb + c > need {
            keep_col[j] = false;
            changed = true;
        } else if c < 0.0 && b.lb - c > need {
            keep_col[j] = false;
            fixed.push(inst.site[j]);
            for &i in inst.col(j) {
                keep_row[i as usize] = false;
            }
            changed = true;
        }
    }
    changed.then(|| inst.restrict(&keep_row, &keep_col, false))
}

/// Branches on the row with the fewest columns (ties to the larger multiplier, then the lower
/// index): child `t` opens the row's `t`-th column by reduced cost and closes those before
/// it, which partitions the search without overlap.
fn branch(
    inst: Incidence,
    lambda: Vec<f64>,
    reduced: &[f64],
    fixed: Vec<usize>,
    bound: f64,
) -> Visit<Node> {
    let row = (0..inst.rows())
        .min_by(|&a, &b| {
            inst.row(a)
                .len()
                .cmp(&inst.row(b).len())
                .then(lambda[b].total_cmp(&lambda[a]))
                .then(a.cmp(&b))
        })
        .unwrap_or(0);
    let mut cols: Vec<u32> = inst.row(row).to_vec();
    cols.sort_by(|&a, &b| {
        reduced[a as usize]
            .total_cmp(&reduced[b as usize])
            .then(a.cmp(&b))
    });
    let n = cols.len();
    let parent = std::rc::Rc::new(Parent {
        node: Whole {
            inst,
            lambda,
            fixed,
        },
        cols,
    });
    Visit::Branch {
        bound,
        children: (0..n).map(|t| Node::Pick(parent.clone(), t)).collect(),
    }
}

/// Exact set covering of `inst` (every row must be covered by an open column; rows without a
/// column make it infeasible: `cover` stays `None`, `complete` is true).
pub(crate) fn solve_cover(inst: Incidence, goal: Goal, limits: &Limits) -> CoverSearch {
    if (0..inst.rows()).any(|i| inst.row(i).is_empty()) {
        return CoverSearch {
            cover: None,
            lower: usize::MAX,
            complete: true,
            nodes: 0,
        };
    }
    let mut search = Search {
        limits,
        cap: match goal {
            Goal::Minimise => inst.cols() + 1,
            Goal::AtMost(k) => k.saturating_add(1),
        },
        incumbent: Incumbent::new(None),
        stop_on_find: matches!(goal, Goal::AtMost(_)),
    };
    // A greedy cover first, so that a search stopped at once still has an answer.
    let greedy = greedy_cover(&inst, &[], None);
    search.found(&[], greedy.iter().map(|&j| inst.site[j as usize]));
    if search.satisfied() {
        let best = search.incumbent.into_best().map(|c| c.0);
        let n = best.as_ref().map_or(0, Vec::len);
        return CoverSearch {
            lower: usize::from(n > 0 && inst.rows() > 0),
            cover: best,
            complete: false,
            nodes: 0,
        };
    }
    let lambda = vec![0.0; inst.rows()];
    let start: Vec<f64> = (0..inst.rows())
        .map(|i| {
            inst.row(i)
                .iter()
                .map(|&j| 1.0 / inst.col(j as usize).len() as f64)
                .fold(0.0, f64::max)
        })
        .collect();
    let lambda = if inst.rows() > 0 { start } else { lambda };
    let root = Node::Whole(Whole {
        inst,
        lambda,
        fixed: Vec::new(),
    });
    let walked = walk(&mut search, root, limits);
    let (bound, complete) = (walked.value, walked.finished);
    let best = search.incumbent.into_best().map(|c| c.0);
    let lower_from_bound = if bound.is_finite() {
        (bound - 1e-6).ceil().max(0.0) as usize
    } else {
        usize::MAX
    };
    let lower = match (&best, complete, goal) {
        (Some(c), true, Goal::Minimise) => c.len(),
        (None, true, Goal::AtMost(k)) => lower_from_bound.max(k + 1),
        _ => lower_from_bound.min(best.as_ref().map_or(usize::MAX, Vec::len)),
    };
    CoverSearch {
        cover: best,
        lower,
        complete,
        nodes: walked.nodes,
    }
}
