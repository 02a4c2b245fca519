//! "Why this stop?" and "why not ours?", measured on the current answer in people and aged
//! 65+: whom only a stop reaches and which other site would stand in for it at the least
//! loss; for a site not chosen, the rule that keeps it out or whom it would add.

use super::answer::{column, Solved};
use super::state::Meeting;
use crate::model::{round, AGED_65_PLUS, POPULATION};
use crate::report::Lang;
use crate::solve::explain::same_point;
use crate::solve::Cause;
use serde_json::{json, Value};

/// Cells and counts of a set of points.
struct Weights {
    pop: Vec<f64>,
    aged: Vec<f64>,
}

impl Weights {
    fn of(&self, cells: &[usize]) -> Value {
        let sum = |v: &[f64]| round(cells.iter().map(|&i| v[i]).sum(), 2);
        json!({"population": sum(&self.pop), "aged": sum(&self.aged)})
    }
}

impl Meeting {
    /// The explanation of candidate `id`, or `None` for an unknown id.
    pub fn why(&self, id: &str) -> Option<Value> {
        let k = self.edits.candidates.index_of(id)?;
        let w = Weights {
            pop: column(&self.data, POPULATION),
            aged: column(&self.data, AGED_65_PLUS),
        };
        let Some(solved) = &self.answer.solved else {
            let reason = self.answer.message.clone().unwrap_or_default();
            return Some(json!({"id": id, "chosen": false, "reason": reason,
                "gain_if_added": w.of(&[]), "would_replace": null}));
        };
        let chosen = &self.answer.chosen;
        let mut count = vec![0u32; w.pop.len()];
        for &j in chosen {
            for &i in solved.cover.points_of(j) {
                count[i as usize] += 1;
            }
        }
        let lang = self.setup.council.lang;
        Some(if chosen.contains(&k) {
            let only: Vec<usize> = cells(solved, k).filter(|&i| count[i] == 1).collect();
            let best = self.stand_in(solved, &count, k, &w);
            json!({"id": id, "chosen": true, "only_it": {
                "population": w.of(&only)["population"], "aged": w.of(&only)["aged"],
                "cells": only}, "best_replacement": best})
        } else {
            let gain: Vec<usize> = cells(solved, k).filter(|&i| count[i] == 0).collect();
            let replace = self.replaced_by(solved, &count, k);
            json!({"id": id, "chosen": false,
                "reason": self.reason(solved, &count, k, lang),
                "gain_if_added": w.of(&gain), "would_replace": replace})
        })
    }

    fn site_json(&self, j: usize) -> Value {
        let s = &self.edits.candidates.sites[j];
        json!({"id": s.id, "name": s.name})
    }

    fn allowed(&self, solved: &Solved, k: usize) -> bool {
        !solved.res.exclusions.iter().any(|e| e.site == k)
    }

    /// The unchosen allowed site that loses the least objective weight standing in for `j`.
    fn stand_in(&self, solved: &Solved, count: &[u32], j: usize, w: &Weights) -> Value {
        let lost: Vec<usize> = cells(solved, j).filter(|&i| count[i] == 1).collect();
        let weight = &solved.inst.weight;
        let best = (0..self.edits.candidates.sites.len())
            .filter(|&k| !self.answer.chosen.contains(&k) && self.allowed(solved, k))
            .filter(|&k| !same_point(&solved.inst, j, k))
            .map(|k| {
                let back: Vec<usize> = lost
                    .iter()
                    .copied()
                    .filter(|&i| reaches(solved, k, i))
                    .collect();
                let won: f64 = back.iter().map(|&i| weight[i]).sum();
                (k, won, back)
            })
            .filter(|(_, won, _)| *won > 0.0)
            .fold(
                None,
                |best: Option<(usize, f64, Vec<usize>)>, c| match &best {
                    Some(b) if b.1 >= c.1 => best,
                    _ => Some(c),
                },
            );
        let Some((k, _, back)) = best else {
            return Value::Null;
        };
        let still_lost: Vec<usize> = lost.into_iter().filter(|i| !back.contains(i)).collect();
        let mut v = self.site_json(k);
        let loss = w.of(&still_lost);
        v["population"] = loss["population"].clone();
        v["aged"] = loss["aged"].clone();
        v
    }

    /// The chosen stop `k` would best replace: the one whose own people `k` wins back most.
    fn replaced_by(&self, solved: &Solved, count: &[u32], k: usize) -> Value {
        if !self.allowed(solved, k) {
            return Value::Null;
        }
        let weight = &solved.inst.weight;
        let best = self.answer.chosen.iter().copied().map(|j| {
            let only = |i: usize| count[i] == 1 && reaches(solved, j, i);
            let kept: f64 = cells(solved, j)
                .filter(|&i| only(i) && reaches(solved, k, i))
                .map(|i| weight[i])
                .sum();
            let lost: f64 = cells(solved, j)
                .filter(|&i| only(i))
                .map(|i| weight[i])
                .sum();
            (j, lost - kept)
        });
        let best = best.fold(None, |b: Option<(usize, f64)>, c| match b {
            Some(x) if x.1 <= c.1 => b,
            _ => Some(c),
        });
        best.map_or(Value::Null, |(j, _)| self.site_json(j))
    }

    fn reason(&self, solved: &Solved, count: &[u32], k: usize, lang: Lang) -> String {
        let name = |j: usize| {
            let s = &self.edits.candidates.sites[j];
            s.name.clone().unwrap_or_else(|| s.id.clone())
        };
        if let Some(e) = solved.res.exclusions.iter().find(|e| e.site == k) {
            return match &e.cause {
                Cause::Requested => lang.pick("excluded by the council", "協議で除外").into(),
                Cause::NoSpace { fits } => match lang {
                    Lang::En => format!("room for {fits} vehicles only"),
                    Lang::Ja => format!("駐車スペースが {fits} 台分しかない"),
                },
                Cause::BelowMinWeight { .. } => e.detail.clone(),
            };
        }
        if let Some(&j) = self
            .answer
            .chosen
            .iter()
            .find(|&&j| same_point(&solved.inst, j, k))
        {
            return match lang {
                Lang::En => format!("stands on the same point as {}", name(j)),
                Lang::Ja => format!("{} と同じ地点", name(j)),
            };
        }
        let reach: Vec<usize> = cells(solved, k).collect();
        let weight = &solved.inst.weight;
        let total: f64 = reach.iter().map(|&i| weight[i]).sum();
        let already: f64 = reach
            .iter()
            .filter(|&&i| count[i] > 0)
            .map(|&i| weight[i])
            .sum();
        let share = if total > 0.0 {
            (already / total * 100.0).round()
        } else {
            0.0
        };
        let by: Vec<String> = self
            .answer
            .chosen
            .iter()
            .filter(|&&j| reach.iter().any(|&i| reaches(solved, j, i)))
            .map(|&j| name(j))
            .collect();
        match (lang, by.is_empty()) {
            (Lang::En, true) => "reaches fewer people than the chosen stops".into(),
            (Lang::Ja, true) => "選ばれた停留所より届く人が少ない".into(),
            (Lang::En, false) => format!(
                "{share}% of whom it reaches are already reached by {}",
                by.join(", ")
            ),
            (Lang::Ja, false) => format!("届く人の {share}% は {} がすでにカバー", by.join("、")),
        }
    }
}

fn cells(solved: &Solved, j: usize) -> impl Iterator<Item = usize> + '_ {
    solved.cover.points_of(j).iter().map(|&i| i as usize)
}

fn reaches(solved: &Solved, j: usize, i: usize) -> bool {
    solved.cover.points_of(j).binary_search(&(i as u32)).is_ok()
}
