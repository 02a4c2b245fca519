//! The ranked list: one row per candidate with every term shown apart, and a summary that says
//! what the numbers rest on.

use super::buyers::{BuyersParams, BuyersPerVisit};
use super::need::{Interval, NeedEstimate};
use super::space::{SpaceAssessment, SpaceParams};
use super::terms::{Term, TermWeights};
use crate::model::{LatLon, LocalText, MeshSummary};
use serde::Serialize;

/// A caveat on one candidate, shown beside its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Known not to fit the vehicles: ranked, but not eligible.
    NoSpace,
    /// Space unknown: kept, to be checked on site.
    SpaceUnknown,
    /// The walking circle reaches past the demand data: reach is under-counted.
    DataEdge,
    /// The site lies outside the area the demand data covers: its reach is not measurable.
    OutsideData,
    /// Another candidate stands on the same point (say, both on one town point): the data
    /// cannot tell them apart.
    SharedPoint,
    /// No survey answers within reach: the need rate is the overall rate.
    NoSurveyAnswers,
    /// Fewer survey answers within reach than the prior is worth: the rate leans on the overall one.
    FewSurveyAnswers,
    /// More expected buyers per visit than one visit's standing time can serve.
    OverCapacity,
}

impl Flag {
    /// Every flag, in the order legends list them.
    pub const ALL: [Flag; 8] = [
        Flag::NoSpace,
        Flag::SpaceUnknown,
        Flag::DataEdge,
        Flag::OutsideData,
        Flag::SharedPoint,
        Flag::NoSurveyAnswers,
        Flag::FewSurveyAnswers,
        Flag::OverCapacity,
    ];

    /// Stable code used in CSV, JSON and GeoJSON.
    pub fn code(self) -> &'static str {
        match self {
            Flag::NoSpace => "no_space",
            Flag::SpaceUnknown => "space_unknown",
            Flag::DataEdge => "data_edge",
            Flag::OutsideData => "outside_data",
            Flag::SharedPoint => "shared_point",
            Flag::NoSurveyAnswers => "no_survey_answers",
            Flag::FewSurveyAnswers => "few_survey_answers",
            Flag::OverCapacity => "over_capacity",
        }
    }
}

/// One candidate's scores. `None` means "not available" (the input that term needs was not
/// given), never zero.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateScore {
    /// Position of the site in the candidates input, to find its extra columns.
    pub index: usize,
    /// Site id.
    pub id: String,
    /// Site name.
    pub name: Option<String>,
    /// Site kind.
    pub kind: Option<String>,
    /// Site position.
    pub location: LatLon,
    /// 1-based rank by score, ties broken by id.
    pub rank: usize,
    /// Combined score, 0-100.
    pub score: f64,
    /// Each used term's contribution to the score (adds up to `score`).
    pub score_parts: Vec<(Term, f64)>,
    /// False when known not to fit the vehicles.
    pub eligible: bool,
    /// False when the site lies outside the demand data: what it reaches cannot be measured,
    /// so its reach and score are shown as "not measurable" and left out of every sum, never
    /// read as "reaches nobody".
    pub measurable: bool,
    /// Demand points within the radius.
    pub reach_points: usize,
    /// Demand weight within the radius.
    pub reach_weight: f64,
    /// With distances along the streets: the weight the straight-line circle of the same
    /// radius holds (what a circle would have claimed); `None` otherwise.
    pub straight_reach_weight: Option<f64>,
    /// Population within the radius.
    pub reach_population: Option<f64>,
    /// Aged 65+ within the radius.
    pub reach_65_plus: Option<f64>,
    /// Aged 65+ within the radius living at least the shop distance from every shop.
    pub far_from_shop_65_plus: Option<f64>,
    /// Pooled survey rate.
    pub need: Option<NeedEstimate>,
    /// Potential users: aged 65+ within the radius × the would-use share, with its interval.
    pub potential_users: Option<Interval>,
    /// Buyers per visit and what one visit can serve.
    pub buyers: Option<BuyersPerVisit>,
    /// Space verdict.
    pub space: SpaceAssessment,
    /// Caveats.
    pub flags: Vec<Flag>,
    /// The site's note.
    pub note: Option<String>,
    /// The site's extra column values, aligned with [`Summary::extra_columns`].
    pub extra: Vec<String>,
}

/// Totals of the survey input.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SurveyTotals {
    /// Places (rows).
    pub places: usize,
    /// All answers.
    pub respondents: u64,
    /// All "would use" answers.
    pub would_use: u64,
    /// The overall rate the estimates shrink towards.
    pub overall_rate: f64,
    /// How many answers the prior is worth.
    pub prior_answers: f64,
}

/// A term that was left out of the combined score, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedTerm {
    /// The term.
    pub term: Term,
    /// Why, in both languages, in words a council reads (no flags, no column codes).
    pub reason: LocalText,
    /// What the planner would give to use it: the flag (`--stores`), the column
    /// (`aged_65_plus`) or the file at fault, shown only where the planner reads.
    pub planner: Option<String>,
}

/// The people of the data inside the area the council governs, and how much of that area the
/// data cover: the denominators every share is stated against.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaTotals {
    /// The area's name (茅ヶ崎市).
    pub name: String,
    /// Whether each demand point lies inside the area.
    pub inside: Vec<bool>,
    /// Demand points inside.
    pub points: usize,
    /// Ranking weight inside.
    pub weight: f64,
    /// Population inside, if the data have a population column.
    pub population: Option<f64>,
    /// Aged 65+ inside, if the data have that column.
    pub aged_65_plus: Option<f64>,
    /// Share of the area's land the data's footprint covers (1 = all of it).
    pub covered_share: f64,
}

impl AreaTotals {
    /// The sum of `values` over the points inside the area that `reached` marks.
    pub fn sum_inside(&self, values: &[f64], reached: &[bool]) -> f64 {
        values
            .iter()
            .zip(&self.inside)
            .zip(reached)
            .filter(|((_, &i), &r)| i && r)
            .map(|((v, _), _)| v)
            .sum()
    }
}

/// What a ranked list rests on: data, parameters, and which terms were used.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Dataset label.
    pub data: crate::model::DataLabel,
    /// Source of each input: demand, candidates, surveys, stores.
    pub sources: [(&'static str, Option<String>); 4],
    /// Demand points.
    pub demand_points: usize,
    /// Population in the data, if a population column exists.
    pub total_population: Option<f64>,
    /// Aged 65+ in the data, if that column exists.
    pub total_65_plus: Option<f64>,
    /// Total demand weight.
    pub total_weight: f64,
    /// The weight column (`None`: each point counts 1).
    pub weight_column: Option<String>,
    /// Candidate sites.
    pub candidates: usize,
    /// Sites not known to be too small.
    pub eligible: usize,
    /// Walking radius.
    pub radius_m: f64,
    /// The cost matrix reach was measured by (its file and unit), when one was read; `None`:
    /// the straight line, in metres.
    pub cost_matrix: Option<(String, crate::model::CostUnit)>,
    /// The OpenStreetMap extract distances were walked on (`--network`), when they were;
    /// `cost_matrix` then names the same file.
    pub streets: Option<String>,
    /// Vehicles a site must hold.
    pub vehicles: u64,
    /// The far-from-a-shop distance.
    pub shop_distance_m: f64,
    /// Bay and aisle sizes.
    pub space: SpaceParams,
    /// The assumptions behind buyers per visit and the capacity of one visit.
    pub buyers: BuyersParams,
    /// Weights given.
    pub weights: TermWeights,
    /// Terms in the combined score.
    pub terms_used: Vec<Term>,
    /// Terms left out, with reasons.
    pub terms_dropped: Vec<DroppedTerm>,
    /// Survey totals, if surveys were given.
    pub survey: Option<SurveyTotals>,
    /// Number of shops, if given.
    pub stores: Option<usize>,
    /// e-Stat secrecy counts, if the demand came from mesh tables.
    pub mesh: Option<MeshSummary>,
    /// The area the council governs and the data's people inside it, when an outline is known.
    pub area: Option<AreaTotals>,
    /// Limits of the data, from each input.
    pub notes: Vec<LocalText>,
    /// Extra candidate columns carried to outputs.
    pub extra_columns: Vec<String>,
}

/// The ranked list, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreTable {
    /// What the list rests on.
    pub summary: Summary,
    /// Candidates in rank order.
    pub candidates: Vec<CandidateScore>,
}
