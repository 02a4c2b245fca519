//! Who lives far from every food shop: the distance part of MAFF's 食料品アクセス困難人口.

use super::{DroppedTerm, ScoreParams, Term};
use crate::model::{Dataset, LocalText, Part, Store, AGED_65_PLUS};
use crate::spatial::SphereIndex;
use rayon::prelude::*;

/// Per demand point: its aged 65+ if it lies at least the shop distance from every shop, else 0.
pub(super) fn far_from_shop(
    data: &Dataset,
    aged: Option<&[f64]>,
    params: &ScoreParams,
    dropped: &mut Vec<DroppedTerm>,
) -> Option<Vec<f64>> {
    let Some(stores) = &data.stores else {
        dropped.push(DroppedTerm {
            term: Term::Far,
            reason: LocalText::new(
                "there is no list of shops: who lives far from a shop is unknown",
                "店舗の一覧がないため、店から遠い人は不明",
            ),
            planner: Some("--stores".into()),
        });
        return None;
    };
    let Some(aged) = aged else {
        dropped.push(DroppedTerm {
            term: Term::Far,
            reason: LocalText::new(
                "the demand data have no count of people aged 65+",
                "需要データに65歳以上人口の列がありません",
            ),
            planner: Some(AGED_65_PLUS.into()),
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
    stores: &Part<Vec<Store>>,
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
