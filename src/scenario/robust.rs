//! How robustly each candidate is chosen across a batch: in how many solved scenarios, and in
//! how many of those it is in every optimal set.

use super::row::Row;
use super::spec::ScenarioFile;
use crate::model::Dataset;
use std::collections::BTreeMap;

/// How often a candidate is chosen across the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// Candidate id.
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Scenarios (solved) that choose it.
    pub chosen_in: usize,
    /// Of those, scenarios where it is in every optimal set.
    pub forced_in: usize,
}

/// Candidates chosen in at least one solved row, most often chosen first (then by id); names
/// from the data or from the scenario that added the candidate.
pub(super) fn robustness(rows: &[Row], data: &Dataset, file: &ScenarioFile) -> Vec<Robustness> {
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in rows {
        if let Some(s) = r.outcome.solved() {
            for (id, f) in s.stops.iter().zip(&s.forced) {
                let t = tally.entry(id.clone()).or_default();
                t.0 += 1;
                t.1 += usize::from(*f == Some(true));
            }
        }
    }
    let name_of = |id: &str| {
        data.candidates
            .data
            .sites
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.name.clone())
            .or_else(|| {
                file.scenarios
                    .iter()
                    .flat_map(|s| s.settings.add_candidates.iter().flatten())
                    .find(|c| c.id == id)
                    .and_then(|c| c.name.clone())
            })
    };
    let mut robustness: Vec<Robustness> = tally
        .into_iter()
        .map(|(id, (chosen_in, forced_in))| Robustness {
            name: name_of(&id),
            id,
            chosen_in,
            forced_in,
        })
        .collect();
    robustness.sort_by(|a, b| {
        (b.chosen_in, b.forced_in)
            .cmp(&(a.chosen_in, a.forced_in))
            .then(a.id.cmp(&b.id))
    });
    robustness
}
