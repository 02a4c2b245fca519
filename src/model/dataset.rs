//! A complete planning dataset: demand, candidates, and the optional surveys and shops.

use super::{Area, Candidates, DataLabel, Demand, Store, SurveyPlace};

/// A sentence in both languages the outputs speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalText {
    /// English.
    pub en: String,
    /// Japanese.
    pub ja: String,
}

impl LocalText {
    /// A note in both languages.
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        LocalText {
            en: en.into(),
            ja: ja.into(),
        }
    }
}

/// One input of a dataset, with where it came from and what its source says of its limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Part<T> {
    /// File name(s), or `embedded:…` for the compiled-in data.
    pub source: String,
    /// The data.
    pub data: T,
    /// Limits and caveats to print with every result that uses this part.
    pub notes: Vec<LocalText>,
}

impl<T> Part<T> {
    /// A part with no notes.
    pub fn new(source: impl Into<String>, data: T) -> Self {
        Part {
            source: source.into(),
            data,
            notes: Vec::new(),
        }
    }
}

/// Everything `rank`, `solve` and later stages read. Surveys and stores are optional: without
/// them the terms that need them are reported as not available, never as zero.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// Short human label for headers: the planner's, and a council's Japanese one when the
    /// data have it.
    pub label: DataLabel,
    /// Where people live.
    pub demand: Part<Demand>,
    /// Candidate stop sites.
    pub candidates: Part<Candidates>,
    /// Resident survey answers, if any.
    pub surveys: Option<Part<Vec<SurveyPlace>>>,
    /// Existing food shops, if any.
    pub stores: Option<Part<Vec<Store>>>,
    /// The area the council governs (a municipal outline), if known: shares are stated
    /// against the people inside it.
    pub area: Option<Part<Area>>,
    /// Demand × candidate costs read from a file (walking metres or minutes along the
    /// streets), when given: every reach and distance from a demand point to a candidate is
    /// then taken from it instead of the straight line.
    pub costs: Option<Part<std::sync::Arc<super::CostTable>>>,
    /// The streets the costs were walked on, when they came from an OpenStreetMap extract
    /// (`--network`): the map draws them, and results say who is off them.
    pub streets: Option<Part<super::Streets>>,
}

impl Dataset {
    /// Every note of every part, demand first.
    pub fn notes(&self) -> Vec<&LocalText> {
        let mut out: Vec<&LocalText> = self.demand.notes.iter().collect();
        out.extend(&self.candidates.notes);
        if let Some(s) = &self.surveys {
            out.extend(&s.notes);
        }
        if let Some(s) = &self.stores {
            out.extend(&s.notes);
        }
        if let Some(a) = &self.area {
            out.extend(&a.notes);
        }
        if let Some(c) = &self.costs {
            out.extend(&c.notes);
        }
        out
    }

    /// The cost table lined up with the current candidates, when one was read.
    pub fn site_costs(&self) -> Option<super::SiteCosts> {
        let costs = self.costs.as_ref()?;
        let ids = self.candidates.data.sites.iter().map(|s| s.id.as_str());
        Some(costs.data.for_sites(ids))
    }
}
