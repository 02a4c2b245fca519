//! What each candidate was in each solved scenario: there at all, chosen, in every optimal set,
//! required, excluded, and the weight only it reached. The long table an analyst filters
//! (`scenarios --sites`) and the robustness counts ([`super::robust`]) both read these facts,
//! so the two can never disagree on what "free to be chosen" means.

use super::row::Row;
use super::spec::Overrides;
use crate::model::Dataset;

/// One candidate in one solved scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFact<'a> {
    /// Candidate id.
    pub candidate: &'a str,
    /// Among the scenario's stops.
    pub chosen: bool,
    /// In every optimal set of the scenario (`None`: chosen, but optimality not proven);
    /// `Some(false)` when not chosen.
    pub forced: Option<bool>,
    /// Named in the scenario's `require` (by id, or by a name only it has).
    pub required: bool,
    /// Named in the scenario's `exclude`.
    pub excluded: bool,
    /// Objective weight within its radius and no other chosen stop's; 0 when not chosen.
    pub unique_weight: f64,
}

impl SiteFact<'_> {
    /// Whether the solver was free to choose it or not: neither required nor excluded. Only
    /// such scenarios say anything about how robust a choice is.
    pub fn free(&self) -> bool {
        !self.required && !self.excluded
    }
}

/// The candidates a scenario had: the data's in their order, less those it removed, then those
/// it added.
pub fn candidates<'a>(data: &'a Dataset, s: &'a Overrides) -> Vec<&'a str> {
    let removed = s.remove_candidates.as_deref().unwrap_or_default();
    let kept = data
        .candidates
        .data
        .sites
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| !removed.iter().any(|r| r == id));
    let added = s.add_candidates.iter().flatten().map(|c| c.id.as_str());
    kept.chain(added).collect()
}

/// One fact per candidate of a solved row, in [`candidates`] order; `None` for a row that was
/// not solved (it chose nothing).
pub fn site_facts<'a>(row: &'a Row, data: &'a Dataset) -> Option<Vec<SiteFact<'a>>> {
    let s = row.outcome.solved()?;
    // The solve's own lists: a site required by its name is there by id.
    let params = &s.result.params;
    let named = |list: &[String], id: &str| list.iter().any(|r| r.trim() == id);
    let facts = candidates(data, &row.scenario.settings)
        .into_iter()
        .map(|id| {
            let at = s.stops.binary_search_by(|x| x.as_str().cmp(id)).ok();
            SiteFact {
                candidate: id,
                chosen: at.is_some(),
                forced: at.map_or(Some(false), |k| s.forced[k]),
                required: named(&params.require, id),
                excluded: named(&params.exclude, id),
                unique_weight: at.map_or(0.0, |k| s.unique_weight[k]),
            }
        })
        .collect();
    Some(facts)
}
