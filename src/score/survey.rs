//! Survey answers within each site's radius, pooled towards the overall would-use rate.

use super::{DroppedTerm, NeedEstimate, NeedPrior, ScoreParams, SurveyTotals, Term};
use crate::model::{Dataset, LatLon, LocalText};
use crate::spatial::SphereIndex;
use rayon::prelude::*;

pub(super) struct SurveyScores {
    pub(super) totals: SurveyTotals,
    pub(super) estimate: Vec<NeedEstimate>,
}

pub(super) fn survey_counts(
    data: &Dataset,
    sites: &[LatLon],
    params: &ScoreParams,
    dropped: &mut Vec<DroppedTerm>,
) -> Option<SurveyScores> {
    let Some(surveys) = &data.surveys else {
        dropped.push(DroppedTerm {
            term: Term::Need,
            reason: LocalText::new(
                "there are no survey answers: expressed need is unknown",
                "アンケート回答がないため、利用意向は不明",
            ),
            planner: Some("--surveys".into()),
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
                "the survey has no answers (respondents are all 0)",
                "アンケートに回答がありません（回答者数がすべて0）",
            ),
            planner: Some(surveys.source.clone()),
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
