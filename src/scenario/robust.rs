//! How robustly each candidate is chosen across a batch, counted only where the choice was the
//! solver's to make.
//!
//! A site required in two thirds of the scenarios is "chosen" in all of those by rule; counting
//! them would rank it high whatever the data says. So each candidate's share is
//! `chosen_in / free_in`, where `free_in` counts the solved scenarios in which it existed (not
//! removed, or added) and was neither required nor excluded; `chosen_in` and `forced_in` count
//! within those same scenarios. Required and excluded scenarios are counted apart
//! (`required_in`, `excluded_in`), so the table still says how often the planner decided.

use super::row::Row;
use super::sites::site_facts;
use super::spec::ScenarioFile;
use crate::model::Dataset;
use std::collections::HashMap;

/// How often a candidate is chosen where it was free to be.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// Candidate id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Solved scenarios where it existed and was neither required nor excluded.
    pub free_in: usize,
    /// Of those, scenarios that choose it.
    pub chosen_in: usize,
    /// Of those, scenarios where it is in every optimal set.
    pub forced_in: usize,
    /// Solved scenarios that require it (chosen by rule, not counted in `chosen_in`).
    pub required_in: usize,
    /// Solved scenarios that exclude it.
    pub excluded_in: usize,
}

impl Robustness {
    /// `chosen_in / free_in`; `None` when it was never free to be chosen.
    pub fn share(&self) -> Option<f64> {
        (self.free_in > 0).then(|| self.chosen_in as f64 / self.free_in as f64)
    }
}

/// Every candidate that existed in a solved row, by share (highest first; never free last),
/// then by `chosen_in` (highest first), then by id; names from the data or from the scenario
/// that added the candidate.
pub(super) fn robustness(rows: &[Row], data: &Dataset, file: &ScenarioFile) -> Vec<Robustness> {
    let mut tally: HashMap<&str, Robustness> = HashMap::new();
    for facts in rows.iter().filter_map(|r| site_facts(r, data)) {
        for f in facts {
            let t = tally.entry(f.candidate).or_insert_with(|| Robustness {
                id: f.candidate.to_string(),
                name: None,
                free_in: 0,
                chosen_in: 0,
                forced_in: 0,
                required_in: 0,
                excluded_in: 0,
            });
            t.required_in += usize::from(f.required);
            t.excluded_in += usize::from(f.excluded);
            if f.free() {
                t.free_in += 1;
                t.chosen_in += usize::from(f.chosen);
                t.forced_in += usize::from(f.forced == Some(true));
            }
        }
    }
    // Names: the data's first, else the scenario's that added the candidate.
    let mut names: HashMap<&str, &str> = HashMap::new();
    let added = file
        .scenarios
        .iter()
        .flat_map(|s| s.settings.add_candidates.iter().flatten())
        .filter_map(|c| Some((c.id.as_str(), c.name.as_deref()?)));
    for (id, name) in added {
        names.entry(id).or_insert(name);
    }
    for c in &data.candidates.data.sites {
        if let Some(n) = &c.name {
            names.insert(&c.id, n);
        }
    }
    let mut out: Vec<Robustness> = tally
        .into_values()
        .map(|mut r| {
            r.name = names.get(r.id.as_str()).map(|n| n.to_string());
            r
        })
        .collect();
    // Shares compared as exact fractions (a/b > c/d ⇔ a·d > c·b), so ties are ties.
    let key = |r: &Robustness| (r.free_in > 0, r.chosen_in, r.free_in.max(1));
    out.sort_by(|a, b| {
        let ((fa, ca, na), (fb, cb, nb)) = (key(a), key(b));
        fb.cmp(&fa)
            .then((cb * na).cmp(&(ca * nb)))
            .then(cb.cmp(&ca))
            .then(a.id.cmp(&b.id))
    });
    out
}

#[cfg(test)]
mod tests;
