//! Scoring every candidate site term by term, and ranking them.
//!
//! For each site and walking radius R (great-circle distance):
//! - **reach**: demand weight, population and aged 65+ within R;
//! - **far from a shop**: aged 65+ within R who live at least 500 m from every food shop (the
//!   MAFF definition of 食料品アクセス困難人口); not available without a shops file;
//! - **expressed need**: survey answers within R pooled into a would-use rate with a 95 %
//!   interval ([`need`]), and expected buyers per visit = aged 65+ within R × rate; not available
//!   without a surveys file;
//! - **space** for the required vehicles ([`space`]): fits, does not fit (ranked but ineligible),
//!   or unknown (flagged);
//! - **data edge**: flagged when the circle reaches past the demand data.
//!
//! The combined score is `100 × Σ wₜ · xₜ / maxₜ / Σ wₜ` over the terms available and weighted,
//! where xₜ is the site's value of term t (reach weight, far-from-shop 65+, expected buyers) and
//! maxₜ the best value of any site; 100 means best on every used term. Ties are broken by id.

pub mod need;
pub mod space;
mod table;
mod terms;

pub use need::{Interval, NeedEstimate, NeedPrior};
pub use space::{SpaceAssessment, SpaceBasis, SpaceParams, SpaceStatus};
pub use table::{CandidateScore, DroppedTerm, Flag, ScoreTable, Summary, SurveyTotals};
pub use terms::{Term, TermWeights};

use crate::defaults;
use crate::error::{Error, Result};
use crate::model::{Dataset, DemandFormat, LocalText, AGED_65_PLUS, POPULATION};
use crate::param::Param;
use crate::spatial::{Coverage, DataExtent, EdgeStatus, SphereIndex};
use rayon::prelude::*;

/// Columns tried, in order, when no `--weight` is given.
pub const DEFAULT_WEIGHT_COLUMNS: [&str; 3] = ["weight", AGED_65_PLUS, POPULATION];

/// Everything the scoring depends on besides the data.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreParams {
    /// Walking radius in metres.
    pub radius_m: f64,
    /// Vehicles a site must hold (the truck plus customers' and helpers' vehicles).
    pub vehicles: u64,
    /// Demand column to weight by; `None` tries [`DEFAULT_WEIGHT_COLUMNS`].
    pub weight_column: Option<String>,
    /// Weights of the terms in the combined score.
    pub weights: TermWeights,
    /// Distance from every shop beyond which an older resident counts as far (MAFF: 500 m).
    pub shop_distance_m: f64,
    /// How many answers the survey prior is worth.
    pub prior_answers: f64,
    /// Bay and aisle sizes.
    pub space: SpaceParams,
    /// The memory the walking-radius pairs may take.
    pub memory: crate::budget::MemoryLimit,
}

impl Default for ScoreParams {
    fn default() -> Self {
        ScoreParams {
            radius_m: defaults::RADIUS_M,
            vehicles: defaults::VEHICLES,
            weight_column: None,
            weights: TermWeights::default(),
            shop_distance_m: defaults::SHOP_DISTANCE_M,
            prior_answers: defaults::PRIOR_ANSWERS,
            space: SpaceParams::default(),
            memory: crate::budget::MemoryLimit::default(),
        }
    }
}

impl ScoreParams {
    /// Rejects parameters no planner could mean.
    pub fn validate(&self) -> Result<()> {
        let positive = |flag: Param, v: f64, what: &str| {
            if v.is_finite() && v > 0.0 {
                Ok(())
            } else {
                Err(Error::param(flag, what, format!("`{v}`")))
            }
        };
        positive(
            Param::RadiusM,
            self.radius_m,
            "a distance in metres greater than 0",
        )?;
        positive(
            Param::ShopDistanceM,
            self.shop_distance_m,
            "a distance in metres greater than 0",
        )?;
        if self.radius_m > 100_000.0 {
            return Err(Error::param(
                Param::RadiusM,
                "a walking distance of at most 100,000 m",
                format!("`{}`", self.radius_m),
            ));
        }
        if self.vehicles == 0 {
            return Err(Error::param(Param::Vehicles, "at least 1 vehicle", "`0`"));
        }
        if !(self.prior_answers > 0.0 && self.prior_answers <= 1e6) {
            return Err(Error::param(
                Param::PriorAnswers,
                "a number of answers greater than 0 and at most 1,000,000",
                format!("`{}`", self.prior_answers),
            ));
        }
        Ok(())
    }
}

/// Resolves the demand weight column: the one asked for, else the first default that exists,
/// else `None` (each point counts 1).
pub fn weight_column(data: &Dataset, asked: Option<&str>) -> Result<Option<String>> {
    let demand = &data.demand.data;
    match asked {
        Some(name) => match demand
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
        {
            Some(c) => Ok(Some(c.name.clone())),
            None => Err(Error::param(
                Param::Weight,
                format!(
                    "a numeric demand column of {}: {}",
                    data.demand.source,
                    demand.column_names().join(", ")
                ),
                format!("`{name}`"),
            )),
        },
        None => Ok(DEFAULT_WEIGHT_COLUMNS
            .iter()
            .find_map(|n| {
                demand
                    .columns
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(n))
            })
            .map(|c| c.name.clone())),
    }
}

/// Scores and ranks every candidate of `data`.
pub fn score(data: &Dataset, params: &ScoreParams) -> Result<ScoreTable> {
    params.validate()?;
    let demand = &data.demand.data;
    let sites = &data.candidates.data.sites;
    let weight_col = weight_column(data, params.weight_column.as_deref())?;
    let ones;
    let weights: &[f64] = match &weight_col {
        Some(c) => demand.column(c).expect("resolved above"),
        None => {
            ones = vec![1.0; demand.len()];
            &ones
        }
    };
    let population = demand.column(POPULATION);
    let aged = demand.column(AGED_65_PLUS);

    let index = SphereIndex::new(&demand.locations);
    let site_locations = data.candidates.data.locations();
    crate::spatial::check_size(&index, &site_locations, params.radius_m, params.memory)?;
    let coverage = Coverage::build(&index, &site_locations, params.radius_m);

    let mut dropped = Vec::new();
    let far_values = far_from_shop(data, aged, params, &mut dropped);
    let survey = survey_counts(data, &site_locations, params, &mut dropped);
    if survey.is_some() && aged.is_none() {
        dropped.push(DroppedTerm {
            term: Term::Need,
            reason: LocalText::new(
                "expected buyers need an aged_65_plus demand column",
                "見込み購入者数の算出には aged_65_plus（65歳以上人口）の列が必要です",
            ),
        });
    }
    let extent = DataExtent::new(&demand.footprint);

    let mut rows: Vec<CandidateScore> = (0..sites.len())
        .into_par_iter()
        .map(|c| {
            let site = &sites[c];
            let reach_65 = aged.map(|v| coverage.sum(c, v));
            let need = survey.as_ref().map(|s| s.estimate[c]);
            let mut flags = Vec::new();
            let space = params.space.assess(site, params.vehicles);
            match space.status {
                SpaceStatus::DoesNotFit => flags.push(Flag::NoSpace),
                SpaceStatus::Unknown => flags.push(Flag::SpaceUnknown),
                SpaceStatus::Fits => {}
            }
            match extent.classify(site.location, params.radius_m) {
                EdgeStatus::Edge => flags.push(Flag::DataEdge),
                EdgeStatus::Outside => flags.push(Flag::OutsideData),
                EdgeStatus::Inside => {}
            }
            if let Some(n) = need {
                if n.respondents == 0 {
                    flags.push(Flag::NoSurveyAnswers);
                } else if (n.respondents as f64) < params.prior_answers {
                    flags.push(Flag::FewSurveyAnswers);
                }
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
                reach_points: coverage.points_of(c).len(),
                reach_weight: coverage.sum(c, weights),
                reach_population: population.map(|v| coverage.sum(c, v)),
                reach_65_plus: reach_65,
                far_from_shop_65_plus: far_values.as_ref().map(|v| coverage.sum(c, v)),
                need,
                expected_buyers: need.zip(reach_65).map(|(n, people)| n.buyers(people)),
                space,
                flags,
                note: site.note.clone(),
                extra: site.extra.clone(),
            }
        })
        .collect();

    let mut used = Vec::new();
    for term in Term::ALL {
        let available = rows.iter().all(|r| term_value(r, term).is_some());
        if !available {
            continue;
        }
        if params.weights.get(term) > 0.0 {
            used.push(term);
        } else {
            dropped.push(DroppedTerm {
                term,
                reason: LocalText::new("weight 0 in --weights", "--weights で重み0"),
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
        vehicles: params.vehicles,
        shop_distance_m: params.shop_distance_m,
        space: params.space,
        weights: params.weights,
        terms_used: used,
        terms_dropped: dropped,
        survey: survey.map(|s| s.totals),
        stores: data.stores.as_ref().map(|s| s.data.len()),
        mesh: match demand.format {
            DemandFormat::EstatMesh(m) => Some(m),
            DemandFormat::Points => None,
        },
        notes: data.notes().into_iter().cloned().collect(),
        extra_columns: data.candidates.data.extra_columns.clone(),
    };
    Ok(ScoreTable {
        summary,
        candidates: rows,
    })
}

/// The value of a term for one candidate, `None` when not available.
pub fn term_value(row: &CandidateScore, term: Term) -> Option<f64> {
    match term {
        Term::Reach => Some(row.reach_weight),
        Term::Far => row.far_from_shop_65_plus,
        Term::Need => row.expected_buyers.map(|b| b.estimate),
    }
}

/// Per demand point: its aged 65+ if it lies at least the shop distance from every shop, else 0.
fn far_from_shop(
    data: &Dataset,
    aged: Option<&[f64]>,
    params: &ScoreParams,
    dropped: &mut Vec<DroppedTerm>,
) -> Option<Vec<f64>> {
    let Some(stores) = &data.stores else {
        dropped.push(DroppedTerm {
            term: Term::Far,
            reason: LocalText::new(
                "no shops file (--stores): who lives far from a shop is unknown",
                "店舗ファイル（--stores）がないため、店から遠い人は不明",
            ),
        });
        return None;
    };
    let Some(aged) = aged else {
        dropped.push(DroppedTerm {
            term: Term::Far,
            reason: LocalText::new(
                "the demand has no aged_65_plus column",
                "需要データに aged_65_plus（65歳以上人口）の列がありません",
            ),
        });
        return None;
    };
    Some(far_values(data, stores, aged, params.shop_distance_m))
}

/// Per demand point: its aged 65+ if no shop lies within `shop_distance_m`, else 0; `None`
/// without a shops file or an aged 65+ column. The "far-from-shop subset" that solve can weight
/// its objective by, so a model can target exactly the MAFF access-difficulty population.
pub fn far_from_shop_weights(data: &Dataset, shop_distance_m: f64) -> Option<Vec<f64>> {
    let stores = data.stores.as_ref()?;
    let aged = data.demand.data.column(AGED_65_PLUS)?;
    Some(far_values(data, stores, aged, shop_distance_m))
}

fn far_values(
    data: &Dataset,
    stores: &crate::model::Part<Vec<crate::model::Store>>,
    aged: &[f64],
    shop_distance_m: f64,
) -> Vec<f64> {
    let shops: Vec<_> = stores.data.iter().map(|s| s.location).collect();
    let index = SphereIndex::new(&shops);
    data.demand
        .data
        .locations
        .par_iter()
        .zip(aged.par_iter())
        .map(|(&p, &a)| match index.nearest(p) {
            Some((_, d)) if d < shop_distance_m => 0.0,
            _ => a,
        })
        .collect()
}

struct SurveyScores {
    totals: SurveyTotals,
    estimate: Vec<NeedEstimate>,
}

fn survey_counts(
    data: &Dataset,
    sites: &[crate::model::LatLon],
    params: &ScoreParams,
    dropped: &mut Vec<DroppedTerm>,
) -> Option<SurveyScores> {
    let Some(surveys) = &data.surveys else {
        dropped.push(DroppedTerm {
            term: Term::Need,
            reason: LocalText::new(
                "no survey file (--surveys): expressed need is unknown",
                "アンケートファイル（--surveys）がないため、利用意向は不明",
            ),
        });
        return None;
    };
    let places = &surveys.data;
    let respondents: u64 = places.iter().map(|p| p.respondents).sum();
    let would_use: u64 = places.iter().map(|p| p.would_use).sum();
    if respondents == 0 {
        dropped.push(DroppedTerm {
            term: Term::Need,
            reason: LocalText::new(
                format!("{} has no answers (respondents are all 0)", surveys.source),
                format!("{} に回答がありません（回答数がすべて0）", surveys.source),
            ),
        });
        return None;
    }
    let prior = NeedPrior::new(respondents, would_use, params.prior_answers);
    let locations: Vec<_> = places.iter().map(|p| p.location).collect();
    let index = SphereIndex::new(&locations);
    let estimate = sites
        .par_iter()
        .map(|&s| {
            let (n, k) = index
                .within(s, params.radius_m)
                .iter()
                .fold((0, 0), |(n, k), &(i, _)| {
                    (n + places[i].respondents, k + places[i].would_use)
                });
            prior.estimate(n, k)
        })
        .collect();
    Some(SurveyScores {
        totals: SurveyTotals {
            places: places.len(),
            respondents,
            would_use,
            overall_rate: would_use as f64 / respondents as f64,
            prior_answers: params.prior_answers,
        },
        estimate,
    })
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
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
    }
}
