//! Applying a scenario's settings: its data variant (candidates added or removed, surveys off
//! or scaled, objective column, capacity) and its solver parameters, checked as the command
//! line checks the same values.

use super::spec::ids::{self, clean_id};
use super::spec::Overrides;
use crate::defaults::{SHOP_DISTANCE_M, VEHICLES};
use crate::error::{Error, Result};
use crate::model::{CandidateSite, Dataset, LatLon};
use crate::param::Param;
use crate::score::SpaceParams;
use crate::solve::{CapacitySpec, Instance, PlanningOptions, SolveParams};
use std::time::Duration;

/// The data-changing part of a scenario: scenarios that agree on it share an instance.
pub(super) fn variant_key(s: &Overrides) -> String {
    serde_json::json!([
        s.add_candidates,
        s.remove_candidates,
        s.surveys,
        s.survey_scale,
        s.objective_weight,
        s.shop_distance_m,
        s.vehicles,
        s.capacity
    ])
    .to_string()
}

/// The dataset and planning options of a variant.
pub(super) fn variant(base: &Dataset, s: &Overrides) -> Result<Variant> {
    let mut data = base.clone();
    if let Some(remove) = &s.remove_candidates {
        for id in remove {
            let before = data.candidates.data.sites.len();
            data.candidates.data.sites.retain(|c| &c.id != id);
            if data.candidates.data.sites.len() == before {
                return Err(Error::param(
                    Param::RemoveCandidates,
                    "candidate ids",
                    format!("unknown id `{id}`"),
                ));
            }
        }
    }
    for c in s.add_candidates.iter().flatten() {
        if data.candidates.data.sites.iter().any(|s| s.id == c.id) {
            return Err(Error::param(
                Param::AddCandidates,
                "new ids",
                format!("`{}` already a candidate", c.id),
            ));
        }
        if !((-90.0..=90.0).contains(&c.lat) && (-180.0..=180.0).contains(&c.lon)) {
            return Err(Error::param(
                Param::AddCandidates,
                "lat from -90 to 90 and lon from -180 to 180",
                format!("`{}` at {}, {}", c.id, c.lat, c.lon),
            ));
        }
        let extra = vec![String::new(); data.candidates.data.extra_columns.len()];
        data.candidates.data.sites.push(CandidateSite {
            id: c.id.clone(),
            location: LatLon::new(c.lat, c.lon),
            name: c.name.clone(),
            written_name: None,
            kind: c.kind.clone(),
            vehicle_slots: c.vehicle_slots,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra,
            line: None,
        });
    }
    if s.add_candidates.as_ref().is_some_and(|a| !a.is_empty()) {
        data.candidates.data.disambiguate_names();
    }
    if s.surveys == Some(false) {
        data.surveys = None;
    }
    if s.survey_scale.is_some() && data.surveys.is_none() {
        return Err(Error::param(
            Param::SurveyScale,
            "survey data to scale ([data] surveys = FILE)",
            "no surveys",
        ));
    }
    if let (Some(k), Some(surveys)) = (s.survey_scale, data.surveys.as_mut()) {
        for p in &mut surveys.data {
            p.would_use = ((p.would_use as f64 * k).round() as u64).min(p.respondents);
        }
    }
    let capacity = s.capacity.as_deref().map(CapacitySpec::parse).transpose()?;
    let opts = PlanningOptions {
        objective_weight: s.objective_weight.clone(),
        shop_distance_m: s.shop_distance_m.unwrap_or(SHOP_DISTANCE_M),
        vehicles: s.vehicles.unwrap_or(VEHICLES),
        space: SpaceParams::default(),
        capacity: capacity.clone(),
    };
    Ok(Variant {
        inst: Instance::from_dataset(&data, &opts)?,
        capacitated: capacity.is_some(),
        data,
    })
}

/// One data variant: its dataset (for survey-based measures) and its solver instance.
pub(super) struct Variant {
    pub data: Dataset,
    pub inst: Instance,
    pub capacitated: bool,
}

/// Solver parameters of a scenario (the command line's defaults where it says nothing).
pub(super) fn params(s: &Overrides, capacitated: bool) -> Result<SolveParams> {
    let d = SolveParams::default();
    let time_limit = match s.time_limit_s {
        None => None,
        Some(t) if t.is_finite() && t > 0.0 && t <= 1e7 => Some(Duration::from_secs_f64(t)),
        Some(t) => {
            return Err(Error::param(
                Param::TimeLimitS,
                "a number of seconds greater than 0",
                format!("`{t}`"),
            ))
        }
    };
    Ok(SolveParams {
        model: s.model.unwrap_or(d.model),
        p: s.p,
        radius_m: s.radius_m.unwrap_or(d.radius_m),
        require: s.require.clone().unwrap_or_default(),
        exclude: s.exclude.clone().unwrap_or_default(),
        allow_no_space: s.allow_no_space.unwrap_or(false),
        min_weight_per_stop: s.min_weight_per_stop,
        capacitated,
        time_limit,
        deadline: None,
        seed: s.seed.unwrap_or(d.seed),
        method: s.method.unwrap_or(d.method),
        memory: d.memory,
    })
}

/// The checks the command line makes on the same values, so a scenario cannot pass what a
/// flag would refuse (NaN included, which would otherwise look like "not set").
pub(super) fn check(s: &Overrides) -> Result<()> {
    let bad = |key: Param, expected: &str, found: String| Err(Error::param(key, expected, found));
    if s.vehicles == Some(0) {
        return bad(Param::Vehicles, "at least 1 vehicle", "`0`".into());
    }
    if let Some(w) = &s.weights {
        crate::score::TermWeights::parse(w)?;
    }
    if let Some(d) = s.shop_distance_m {
        if !(d.is_finite() && d > 0.0) {
            return bad(
                Param::ShopDistanceM,
                "a distance in metres greater than 0",
                format!("`{d}`"),
            );
        }
    }
    if let Some(k) = s.survey_scale {
        if !(k.is_finite() && k >= 0.0) {
            return bad(
                Param::SurveyScale,
                "a factor of 0 or more",
                format!("`{k}`"),
            );
        }
    }
    check_ids(s)?;
    for (key, v) in [
        (Param::RadiusM, s.radius_m),
        (Param::MinWeightPerStop, s.min_weight_per_stop),
    ] {
        if let Some(v) = v {
            if !v.is_finite() {
                return bad(key, "a finite number", format!("`{v}`"));
            }
        }
    }
    Ok(())
}

/// Every id a scenario names holds to the candidates CSV's rule (the file reader enforces it
/// too; settings built in code pass here), so a blank id is never added, chosen or printed.
fn check_ids(s: &Overrides) -> Result<()> {
    let lists = [
        (Param::Require, &s.require),
        (Param::Exclude, &s.exclude),
        (Param::RemoveCandidates, &s.remove_candidates),
    ];
    for (key, list) in lists {
        if let Some(id) = list
            .iter()
            .flatten()
            .find(|id| clean_id(id) != Some(id.as_str()))
        {
            return Err(Error::param(key, ids::EXPECTED, format!("`{id}`")));
        }
    }
    let added = s.add_candidates.iter().flatten();
    if let Some(c) = added
        .clone()
        .find(|c| clean_id(&c.id) != Some(c.id.as_str()))
    {
        let found = format!("`{}`", c.id);
        return Err(Error::param(Param::AddCandidates, ids::EXPECTED, found));
    }
    Ok(())
}

/// Whether a radius can be built into coverage (others go on to the solve, which says why).
pub(super) fn valid_radius(r: f64) -> bool {
    r.is_finite() && r > 0.0 && r <= 1e7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::NewCandidate;

    #[test]
    fn settings_built_in_code_keep_the_id_rule() {
        let blank = |s: &str| Some(vec!["c1".to_string(), s.to_string()]);
        for o in [
            Overrides {
                require: blank(""),
                ..Overrides::default()
            },
            Overrides {
                exclude: blank(" "),
                ..Overrides::default()
            },
            Overrides {
                remove_candidates: blank(" c2"),
                ..Overrides::default()
            },
        ] {
            assert!(check(&o).is_err(), "{o:?}");
        }
        let add = NewCandidate {
            id: "\u{3000}".into(),
            lat: 35.3,
            lon: 139.4,
            name: None,
            kind: None,
            vehicle_slots: None,
        };
        let o = Overrides {
            add_candidates: Some(vec![add]),
            ..Overrides::default()
        };
        assert!(check(&o).is_err());
        assert!(check(&Overrides {
            require: blank("c2"),
            ..Overrides::default()
        })
        .is_ok());
    }
}
