use super::*;
use crate::on_threads::on_threads;
use crate::solve::search::{walk, Fold};
use std::time::{Duration, Instant};

/// Least cost of items whose weights reach `need`, searched item by item (take, skip). The
/// child order depends on how many nodes the search has seen, so a fork that lost count, or
/// a merge that depended on timing, would change the tree.
#[derive(Clone)]
struct Cover {
    cost: Vec<f64>,
    weight: Vec<f64>,
    need: f64,
    best: Option<(f64, Vec<bool>)>,
    seen: u64,
    forked_at: u64,
}

#[derive(Clone)]
struct Item {
    next: usize,
    cost: f64,
    weight: f64,
    taken: Vec<bool>,
}

impl Cover {
    fn new(seed: u64, n: usize) -> Cover {
        let mut s = seed;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s % 97) as f64 + 1.0
        };
        let cost: Vec<f64> = (0..n).map(|_| next()).collect();
        let weight: Vec<f64> = (0..n).map(|_| next()).collect();
        let need = weight.iter().sum::<f64>() * 0.4;
        Cover {
            cost,
            weight,
            need,
            best: None,
            seen: 0,
            forked_at: 0,
        }
    }

    fn root(&self) -> Item {
        Item {
            next: 0,
            cost: 0.0,
            weight: 0.0,
            taken: vec![false; self.cost.len()],
        }
    }

    fn incumbent(&self) -> f64 {
        self.best.as_ref().map_or(f64::INFINITY, |b| b.0)
    }

    /// Every subset, for comparison.
    fn brute(&self) -> f64 {
        let n = self.cost.len();
        (0u32..1 << n)
            .filter(|mask| {
                let w: f64 = (0..n)
                    .filter(|k| mask >> k & 1 == 1)
                    .map(|k| self.weight[k])
                    .sum();
                w >= self.need
            })
            .map(|mask| {
                (0..n)
                    .filter(|k| mask >> k & 1 == 1)
                    .map(|k| self.cost[k])
                    .sum()
            })
            .fold(f64::INFINITY, f64::min)
    }
}

impl Tree for Cover {
    type Node = Item;
    const FOLD: Fold = Fold::Least;
    const COUNT_LATE: bool = false;

    fn skip(&mut self, node: &Item) -> Option<f64> {
        (node.cost >= self.incumbent()).then_some(f64::INFINITY)
    }

    fn unexplored(&self, node: &Item) -> f64 {
        node.cost
    }

    fn visit(&mut self, node: Item, _depth: usize) -> Visit<Item> {
        self.seen += 1;
        if node.weight >= self.need {
            let better = self
                .best
                .as_ref()
                .is_none_or(|b| (node.cost, &node.taken) < (b.0, &b.1));
            if better {
                self.best = Some((node.cost, node.taken));
            }
            return Visit::Closed(f64::INFINITY);
        }
        if node.next == self.cost.len() {
            return Visit::Closed(f64::INFINITY);
        }
        let k = node.next;
        let skip = Item {
            next: k + 1,
            ..node.clone()
        };
        let mut take = Item {
            next: k + 1,
            cost: node.cost + self.cost[k],
            weight: node.weight + self.weight[k],
            ..node.clone()
        };
        take.taken[k] = true;
        let children = if self.seen % 3 == 0 {
            vec![skip, take]
        } else {
            vec![take, skip]
        };
        Visit::Branch {
            bound: node.cost,
            children,
        }
    }
}

impl Fork for Cover {
    fn fork(&mut self) -> Self {
        Cover {
            forked_at: self.seen,
            ..self.clone()
        }
    }

    fn join(&mut self, fork: Self) {
        self.seen += fork.seen - fork.forked_at;
        if let Some(b) = fork.best {
            if self.best.as_ref().is_none_or(|k| (b.0, &b.1) < (k.0, &k.1)) {
                self.best = Some(b);
            }
        }
    }
}

#[test]
fn rounds_one_wide_walk_the_plain_tree() {
    for seed in 1..6 {
        let mut plain = Cover::new(seed, 14);
        let root = plain.root();
        let a = walk(&mut plain, root, &Limits::default());
        let mut rounds = Cover::new(seed, 14);
        let root = rounds.root();
        let one = Rounds {
            width: 1,
            budget: 7,
        };
        let b = walk_rounds(&mut rounds, root, &Limits::default(), one);
        assert_eq!((a.nodes, a.finished), (b.nodes, b.finished));
        assert_eq!(plain.best, rounds.best);
        assert_eq!(plain.incumbent(), plain.brute());
    }
}

#[test]
fn rounds_explore_the_same_tree_on_any_thread_count() {
    let wide = Rounds {
        width: 4,
        budget: 5,
    };
    for seed in 1..6 {
        let run = |threads| {
            on_threads(threads, || {
                let mut tree = Cover::new(seed, 15);
                let root = tree.root();
                let walked = walk_rounds(&mut tree, root, &Limits::default(), wide);
                (walked.nodes, walked.finished, tree.best, tree.seen)
            })
        };
        let one = run(1);
        assert!(one.1, "the tree was exhausted");
        assert_eq!(one.0, one.3, "every node counted once, forks included");
        assert_eq!(
            one.2.as_ref().map(|b| b.0),
            Some(Cover::new(seed, 15).brute())
        );
        for threads in [2, 3, 8] {
            assert_eq!(run(threads), one, "{threads} threads");
        }
    }
}

#[test]
fn a_passed_deadline_leaves_the_open_nodes_bounds() {
    let mut tree = Cover::new(3, 12);
    let root = tree.root();
    let past = Limits {
        deadline: Some(Instant::now() - Duration::from_secs(1)),
        ..Limits::default()
    };
    let wide = Rounds {
        width: 3,
        budget: 4,
    };
    let walked = walk_rounds(&mut tree, root, &past, wide);
    assert!(!walked.finished);
    assert_eq!((walked.nodes, walked.value), (0, 0.0));
}
