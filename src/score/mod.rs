//! Scoring every candidate site term by term, and ranking them.
//!
//! For each site and walking radius R (great-circle distance, or the cost matrix's cost when
//! the data has one: see [`crate::spatial::Distances`]):
//! - **reach**: demand weight, population and aged 65+ within R;
//! - **far from a shop**: aged 65+ within R who live at least 500 m from every food shop (the
//!   MAFF definition of 食料品アクセス困難人口); not available without a shops file;
//! - **expressed need**: survey answers within R pooled into a would-use rate with a 95 %
//!   interval ([`need`]), potential users = aged 65+ within R × rate, and buyers per visit =
//!   potential users × purchases per week ÷ visits per week against what one visit can serve
//!   ([`buyers`]); not available without a surveys file;
//! - **space** for the required vehicles ([`space`]): fits, does not fit (ranked but ineligible),
//!   or unknown (flagged);
//! - **data edge**: flagged when the circle reaches past the demand data.
//!
//! The combined score is `100 × Σ wₜ · xₜ / maxₜ / Σ wₜ` over the terms available and weighted,
//! where xₜ is the site's value of term t (reach weight, far-from-shop 65+, potential users) and
//! maxₜ the best value of any site; 100 means best on every used term. Ties are broken by id.

pub mod buyers;
mod circle;
pub mod compare;
mod far;
pub mod need;
mod params;
mod reach;
pub mod space;
mod survey;
mod table;
mod terms;

pub use buyers::{BuyersParams, BuyersPerVisit, VisitsPerWeek};
pub use circle::{circle_only, circle_only_of, CircleOnly};
pub use far::far_from_shop_weights;
pub use need::{Interval, NeedEstimate, NeedPrior};
pub use params::{weight_column, ScoreParams, DEFAULT_WEIGHT_COLUMNS};
pub use space::{SpaceAssessment, SpaceBasis, SpaceParams, SpaceStatus};
pub use table::{AreaTotals, CandidateScore, DroppedTerm, Flag, ScoreTable, Summary, SurveyTotals};
pub use terms::{Term, TermWeights};

use crate::error::{Error, Result};
use crate::model::{
    CandidateSite, Dataset, DemandFormat, LatLon, LocalText, AGED_65_PLUS, POPULATION,
};
use crate::param::Param;
use crate::spatial::{Coverage, DataExtent, EdgeStatus};
use rayon::prelude::*;
use std::borrow::Cow;

/// Scores and ranks every candidate of `data`: who each reaches within the walking radius,
/// how many older residents far from any shop, and the need the surveys express, each term
/// kept apart so a council can see why a site ranks where it does.
///
/// ```
/// use mobile_stops::score::{score, ScoreParams, TermWeights};
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let table = score(&data, &ScoreParams::default()).unwrap();
/// let first = &table.candidates[0];
/// assert_eq!(first.rank, 1);
/// // A wider walk never reaches fewer people from the same site.
/// let wide = score(&data, &ScoreParams { radius_m: 800.0, ..ScoreParams::default() }).unwrap();
/// let same = wide.candidates.iter().find(|c| c.id == first.id).unwrap();
/// assert!(same.reach_weight >= first.reach_weight);
/// ```
pub fn score(data: &Dataset, params: &ScoreParams) -> Result<ScoreTable> {
    params.validate()?;
    let demand = &data.demand.data;
    let sites = &data.candidates.data.sites;
    let weight_col = weight_column(data, params.weight_column.as_deref())?;
    let weights: Cow<[f64]> = match &weight_col {
        Some(c) => Cow::Borrowed(demand.column(c).expect("resolved above")),
        None => Cow::Owned(vec![1.0; demand.len()]),
    };
    let aged = demand.column(AGED_65_PLUS);
    let site_locations = data.candidates.data.locations();
    let (coverage, straight) = reach::walking_coverage(data, &site_locations, params)?;

    let mut dropped = Vec::new();
    let far_values = far::far_from_shop(data, aged, params, &mut dropped);
    let survey = survey::survey_counts(data, &site_locations, params, &mut dropped);
    let visits = visits_for_buyers(data, params, survey.is_some(), aged, &mut dropped)?;
    let within = WithinReach {
        params,
        coverage: &coverage,
        straight: straight.as_ref(),
        weights: &weights,
        population: demand.column(POPULATION),
        aged,
        far: far_values.as_deref(),
        need: survey.as_ref().map(|s| &s.estimate[..]),
        visits: visits.as_deref(),
        extent: DataExtent::new(&demand.footprint),
        edge_radius_m: reach::edge_radius_m(data, params),
        shared: shared_points(&site_locations),
    };
    let mut rows: Vec<CandidateScore> = (0..sites.len())
        .into_par_iter()
        .map(|c| within.row(c, &sites[c]))
        .collect();

    let used = used_terms(&rows, &params.weights, &mut dropped)?;
    combine(&mut rows, &used, &params.weights);
    rank(&mut rows);

    let summary = Summary {
        data: data.label.clone(),
        sources: [
            ("demand", Some(data.demand.source.clone())),
            ("candidates", Some(data.candidates.source.clone())),
            ("surveys", data.surveys.as_ref().map(|s| s.source.clone())),
            ("stores", data.stores.as_ref().map(|s| s.source.clone())),
        ],
        demand_points: demand.len(),
        total_population: demand.total(POPULATION),
        total_65_plus: demand.total(AGED_65_PLUS),
        total_weight: weights.iter().fold(0.0, |a, b| a + b),
        weight_column: weight_col,
        candidates: sites.len(),
        eligible: rows.iter().filter(|r| r.eligible).count(),
        radius_m: params.radius_m,
        cost_matrix: data.costs.as_ref().map(|c| (c.source.clone(), c.data.unit)),
        streets: data.streets.as_ref().map(|s| s.source.clone()),
        vehicles: params.vehicles,
        shop_distance_m: params.shop_distance_m,
        space: params.space,
        buyers: params.buyers.clone(),
        weights: params.weights,
        terms_used: used,
        terms_dropped: dropped,
        survey: survey.map(|s| s.totals),
        stores: data.stores.as_ref().map(|s| s.data.len()),
        mesh: match demand.format {
            DemandFormat::EstatMesh(m) => Some(m),
            DemandFormat::Points => None,
        },
        area: area_totals(data, &weights),
        notes: data.notes().into_iter().cloned().collect(),
        extra_columns: data.candidates.data.extra_columns.clone(),
    };
    Ok(ScoreTable {
        summary,
        candidates: rows,
    })
}

/// Each site's visits per week, where buyers per visit are computed (surveys and an aged 65+
/// column); without the column the need term is dropped, saying why.
fn visits_for_buyers(
    data: &Dataset,
    params: &ScoreParams,
    surveyed: bool,
    aged: Option<&[f64]>,
    dropped: &mut Vec<DroppedTerm>,
) -> Result<Option<Vec<f64>>> {
    match (surveyed, aged) {
        (true, Some(_)) => Ok(Some(params.buyers.visits_of_sites(data)?)),
        (true, None) => {
            dropped.push(DroppedTerm {
                term: Term::Need,
                reason: LocalText::new(
                    "potential users need a count of people aged 65+ in the demand data",
                    "利用見込み者数の算出には需要データの65歳以上人口の列が必要です",
                ),
                planner: Some(AGED_65_PLUS.into()),
            });
            Ok(None)
        }
        (false, _) => Ok(None),
    }
}

/// Who lives within the walking radius of each site (straight line, or by the cost matrix
/// when one was read); refused before it is built when the lists would not fit in the memory
/// limit.
/// What one site's row is computed from: the walking-radius lists and the per-point values
/// they sum, shared by every site.
struct WithinReach<'a> {
    params: &'a ScoreParams,
    coverage: &'a Coverage,
    /// The straight-line circles, when distances are walked along streets.
    straight: Option<&'a Coverage>,
    weights: &'a [f64],
    population: Option<&'a [f64]>,
    aged: Option<&'a [f64]>,
    far: Option<&'a [f64]>,
    need: Option<&'a [NeedEstimate]>,
    visits: Option<&'a [f64]>,
    extent: DataExtent,
    /// The radius the data's edge is checked with ([`edge_radius_m`]).
    edge_radius_m: f64,
    /// Whether another site stands on the same point.
    shared: Vec<bool>,
}

impl WithinReach<'_> {
    /// Site `c`'s values, space verdict and flags; its score and rank come later, once every
    /// site's values are known.
    fn row(&self, c: usize, site: &CandidateSite) -> CandidateScore {
        let (params, coverage) = (self.params, self.coverage);
        let reach_65 = self.aged.map(|v| coverage.sum(c, v));
        let need = self.need.map(|n| n[c]);
        let users = need.zip(reach_65).map(|(n, people)| n.users(people));
        let buyers = users
            .zip(self.visits)
            .map(|(u, v)| params.buyers.per_visit(u, v[c]));
        let mut flags = Vec::new();
        let space = params.space.assess(site, params.vehicles);
        match space.status {
            SpaceStatus::DoesNotFit => flags.push(Flag::NoSpace),
            SpaceStatus::Unknown => flags.push(Flag::SpaceUnknown),
            SpaceStatus::Fits => {}
        }
        let edge = self.extent.classify(site.location, self.edge_radius_m);
        match edge {
            EdgeStatus::Edge => flags.push(Flag::DataEdge),
            EdgeStatus::Outside => flags.push(Flag::OutsideData),
            EdgeStatus::Inside => {}
        }
        if self.shared[c] {
            flags.push(Flag::SharedPoint);
        }
        if let Some(n) = need {
            if n.respondents == 0 {
                flags.push(Flag::NoSurveyAnswers);
            } else if (n.respondents as f64) < params.prior_answers {
                flags.push(Flag::FewSurveyAnswers);
            }
        }
        if buyers.is_some_and(|b| b.over_capacity()) {
            flags.push(Flag::OverCapacity);
        }
        CandidateScore {
            index: c,
            id: site.id.clone(),
            name: site.name.clone(),
            kind: site.kind.clone(),
            location: site.location,
            rank: 0,
            score: 0.0,
            score_parts: Vec::new(),
            eligible: space.status != SpaceStatus::DoesNotFit,
            measurable: edge != EdgeStatus::Outside,
            reach_points: coverage.points_of(c).len(),
            reach_weight: coverage.sum(c, self.weights),
            straight_reach_weight: self.straight.map(|s| s.sum(c, self.weights)),
            reach_population: self.population.map(|v| coverage.sum(c, v)),
            reach_65_plus: reach_65,
            far_from_shop_65_plus: self.far.map(|v| coverage.sum(c, v)),
            need,
            potential_users: users,
            buyers,
            space,
            flags,
            note: site.note.clone(),
            extra: site.extra.clone(),
        }
    }
}

/// The terms that enter the score: available for every site and weighted above 0. A term
/// weighted 0 is listed as dropped; none left is an error, since no ranking would mean anything.
fn used_terms(
    rows: &[CandidateScore],
    weights: &TermWeights,
    dropped: &mut Vec<DroppedTerm>,
) -> Result<Vec<Term>> {
    let mut used = Vec::new();
    for term in Term::ALL {
        let available = rows.iter().all(|r| term_value(r, term).is_some());
        if !available {
            continue;
        }
        if weights.get(term) > 0.0 {
            used.push(term);
        } else {
            dropped.push(DroppedTerm {
                term,
                reason: LocalText::new("weighted 0", "重みを0にしたため"),
                planner: Some("--weights".into()),
            });
        }
    }
    if used.is_empty() {
        return Err(Error::param(
            Param::Weights,
            "a weight above 0 for at least one available term (reach is always available)",
            "all available terms weighted 0",
        ));
    }
    Ok(used)
}

/// The data's people inside the council's area, when the dataset has one.
fn area_totals(data: &Dataset, weights: &[f64]) -> Option<AreaTotals> {
    let area = &data.area.as_ref()?.data;
    let demand = &data.demand.data;
    let inside: Vec<bool> = demand.locations.iter().map(|&p| area.contains(p)).collect();
    let all = vec![true; inside.len()];
    let mut t = AreaTotals {
        name: area.name.clone(),
        points: inside.iter().filter(|&&i| i).count(),
        weight: 0.0,
        population: None,
        aged_65_plus: None,
        covered_share: area.covered_share(&demand.footprint),
        inside,
    };
    t.weight = t.sum_inside(weights, &all);
    t.population = demand.column(POPULATION).map(|v| t.sum_inside(v, &all));
    t.aged_65_plus = demand.column(AGED_65_PLUS).map(|v| t.sum_inside(v, &all));
    Some(t)
}

/// Which sites stand on the same point as another site.
fn shared_points(sites: &[LatLon]) -> Vec<bool> {
    let (groups, of) = crate::model::point_groups(sites.iter().copied());
    of.iter().map(|&g| groups[g].len() > 1).collect()
}

/// The value of a term for one candidate, `None` when not available; a site outside the data
/// counts 0 here so it neither scores nor sets the scale, and is shown as not measurable.
pub fn term_value(row: &CandidateScore, term: Term) -> Option<f64> {
    if !row.measurable {
        return term_value_raw(row, term).map(|_| 0.0);
    }
    term_value_raw(row, term)
}

fn term_value_raw(row: &CandidateScore, term: Term) -> Option<f64> {
    match term {
        Term::Reach => Some(row.reach_weight),
        Term::Far => row.far_from_shop_65_plus,
        Term::Need => row.potential_users.map(|b| b.estimate),
    }
}

fn combine(rows: &mut [CandidateScore], used: &[Term], weights: &TermWeights) {
    let total_w: f64 = used.iter().map(|&t| weights.get(t)).sum();
    let best: Vec<f64> = used
        .iter()
        .map(|&t| {
            rows.iter()
                .filter_map(|r| term_value(r, t))
                .fold(0.0, f64::max)
        })
        .collect();
    for row in rows.iter_mut() {
        row.score_parts = used
            .iter()
            .zip(&best)
            .map(|(&t, &max)| {
                let x = term_value(row, t).unwrap_or(0.0);
                let part = if max > 0.0 {
                    100.0 * (weights.get(t) / total_w) * (x / max)
                } else {
                    0.0
                };
                (t, part)
            })
            .collect();
        row.score = row.score_parts.iter().fold(0.0, |acc, p| acc + p.1);
    }
}

/// Sorts by score (highest first), ties by id, and numbers the ranks.
fn rank(rows: &mut [CandidateScore]) {
    rows.sort_by(|a, b| {
        (b.measurable, b.score)
            .partial_cmp(&(a.measurable, a.score))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
}
