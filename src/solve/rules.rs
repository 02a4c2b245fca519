//! From ids and numbers to the rules every model shares: which sites are required, which are
//! not allowed and why, and how many stops; and the conflicts that make a problem infeasible
//! before any search (more required stops than p, a required site excluded, …).

use super::instance::Instance;
use super::site_name::SiteRef;
use super::{Model, SiteRules, SolveParams};
use crate::error::{Error, Result};
use crate::param::Param;
use crate::score::SpaceStatus;
use crate::spatial::Coverage;

/// Why a site could not be chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Exclusion {
    /// Site index.
    pub site: usize,
    /// Machine-readable reason: `excluded`, `no_space`, `below_min_weight`.
    pub reason: &'static str,
    /// The reason in the planner's words, naming the flag that decides it.
    pub detail: String,
    /// The reason with its numbers, for a council's page to put in words without flags.
    pub cause: Cause,
}

/// Why a site was left out, with the numbers the sentence needs: a council reads "room for 4
/// vehicles only", not the flag that would allow it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause {
    /// The planner asked to leave it out (`--exclude`, a scenario's `exclude`).
    Requested,
    /// Known to be too small for the vehicles a stop must hold.
    NoSpace {
        /// Vehicles its space holds.
        fits: u64,
    },
    /// Reaches too little within the walking radius to be worth a stop.
    BelowMinWeight {
        /// Weight it reaches.
        reach: f64,
        /// The walking radius, metres.
        radius_m: f64,
        /// The least weight a stop must reach.
        least: f64,
    },
}

/// Checks the parameters against the instance (ids, p) without solving: bad input is exit 2.
pub fn site_rules(
    inst: &Instance,
    params: &SolveParams,
    cover: &Coverage,
) -> Result<(SiteRules, Vec<Exclusion>)> {
    let m = inst.sites.len();
    let refs = site_refs(inst);
    let mut required = params
        .require
        .iter()
        .map(|id| find_site(inst, &refs, Param::Require, id))
        .collect::<Result<Vec<usize>>>()?;
    required.sort_unstable();
    required.dedup();
    let mut allowed = vec![true; m];
    let mut exclusions = excluded(inst, &refs, params, &required, &mut allowed)?;
    if !params.allow_no_space {
        exclusions.extend(no_space(inst, &required, &mut allowed));
    }
    if let Some(w) = params.min_weight_per_stop {
        exclusions.extend(below_min_weight(
            inst,
            params,
            cover,
            w,
            &required,
            &mut allowed,
        ));
    }
    exclusions.sort_by_key(|e| e.site);
    let p = stops_asked(inst, params)?;
    Ok((
        SiteRules {
            p,
            required,
            allowed,
        },
        exclusions,
    ))
}

/// The index of the site `token` names (its id, or a name only one site has), or an error
/// naming the parameter that named it and the sites that come close.
fn find_site(inst: &Instance, refs: &[SiteRef], param: Param, token: &str) -> Result<usize> {
    super::site_name::find_site(refs, token, param, &inst.label, "")
}

/// The sites as they can be named.
fn site_refs(inst: &Instance) -> Vec<SiteRef<'_>> {
    inst.sites
        .iter()
        .map(|s| SiteRef {
            id: &s.id,
            name: s.name.as_deref(),
            written: s.written_name.as_deref(),
        })
        .collect()
}

/// `params` with every site in `require` and `exclude` given by its id, whether the planner
/// named it by id or by name (`日枝神社`), so the result, its explanation and every re-solve
/// speak of ids. An unknown or shared name is an error listing the sites that come close.
pub fn with_site_ids(inst: &Instance, params: &SolveParams) -> Result<SolveParams> {
    let refs = site_refs(inst);
    let ids = |list: &[String], param: Param| -> Result<Vec<String>> {
        list.iter()
            .map(|t| find_site(inst, &refs, param, t).map(|j| inst.sites[j].id.clone()))
            .collect()
    };
    Ok(SolveParams {
        require: ids(&params.require, Param::Require)?,
        exclude: ids(&params.exclude, Param::Exclude)?,
        ..params.clone()
    })
}

/// The sites excluded by id; one also required is a contradiction, not a choice.
fn excluded(
    inst: &Instance,
    refs: &[SiteRef],
    params: &SolveParams,
    required: &[usize],
    allowed: &mut [bool],
) -> Result<Vec<Exclusion>> {
    let mut out = Vec::new();
    for id in &params.exclude {
        let j = find_site(inst, refs, Param::Exclude, id)?;
        if required.binary_search(&j).is_ok() {
            return Err(Error::param(
                Param::Exclude,
                "sites not also given in --require",
                format!("`{}` in both", id.trim()),
            ));
        }
        if allowed[j] {
            allowed[j] = false;
            out.push(Exclusion {
                site: j,
                reason: "excluded",
                detail: "excluded by --exclude".into(),
                cause: Cause::Requested,
            });
        }
    }
    Ok(out)
}

/// Sites whose space is known not to fit the vehicles (a required site is the user's explicit
/// choice and stays).
fn no_space(inst: &Instance, required: &[usize], allowed: &mut [bool]) -> Vec<Exclusion> {
    let mut out = Vec::new();
    for (j, s) in inst.sites.iter().enumerate() {
        let Some(space) = &s.space else { continue };
        if space.status != SpaceStatus::DoesNotFit || !allowed[j] {
            continue;
        }
        if required.binary_search(&j).is_ok() {
            continue;
        }
        allowed[j] = false;
        out.push(Exclusion {
            site: j,
            reason: "no_space",
            detail: format!(
                "room for {} vehicles only (use --allow-no-space to allow it)",
                space.vehicles_fit.unwrap_or(0)
            ),
            cause: Cause::NoSpace {
                fits: space.vehicles_fit.unwrap_or(0),
            },
        });
    }
    out
}

/// Sites reaching less than `least` within the radius: not worth the truck's time.
fn below_min_weight(
    inst: &Instance,
    params: &SolveParams,
    cover: &Coverage,
    least: f64,
    required: &[usize],
    allowed: &mut [bool],
) -> Vec<Exclusion> {
    let mut out = Vec::new();
    for (j, ok) in allowed.iter_mut().enumerate() {
        let reach = cover.sum(j, &inst.weight);
        if reach < least && *ok && required.binary_search(&j).is_err() {
            *ok = false;
            out.push(Exclusion {
                site: j,
                reason: "below_min_weight",
                detail: format!(
                    "reaches weight {} within {} m, below --min-weight-per-stop {}",
                    crate::model::number::round(reach, 1),
                    params.radius_m,
                    least
                ),
                cause: Cause::BelowMinWeight {
                    reach,
                    radius_m: params.radius_m,
                    least,
                },
            });
        }
    }
    out
}

/// The number of stops: none for set covering, else `p` (or the benchmark file's), from 1 to
/// the number of sites.
fn stops_asked(inst: &Instance, params: &SolveParams) -> Result<usize> {
    let m = inst.sites.len();
    let p = match params.model {
        Model::Lscp => return Ok(0),
        _ => params.p.or(inst.p_in_file).ok_or_else(|| {
            Error::param(
                Param::P,
                format!("the number of stops for --model {}", params.model.name()),
                "no --p",
            )
        })?,
    };
    if p == 0 || p > m {
        return Err(Error::param(
            Param::P,
            format!("a number of stops from 1 to the {m} candidate sites"),
            format!("`{p}`"),
        ));
    }
    Ok(p)
}

/// Rejects parameters no instance could use (radius, p, capacities, an empty instance): what
/// [`solve`](super::solve) checks first, for a caller that builds the coverage itself.
pub fn validate(inst: &Instance, params: &SolveParams) -> Result<()> {
    if !(params.radius_m.is_finite() && params.radius_m > 0.0 && params.radius_m <= 1e7) {
        return Err(Error::param(
            Param::RadiusM,
            "a distance greater than 0 and at most 10,000,000",
            format!("`{}`", params.radius_m),
        ));
    }
    if let Some(w) = params.min_weight_per_stop {
        if !(w.is_finite() && w >= 0.0) {
            return Err(Error::param(
                Param::MinWeightPerStop,
                "a weight of 0 or more",
                format!("`{w}`"),
            ));
        }
    }
    if params.capacitated && !matches!(params.model, Model::Mclp | Model::Pmedian) {
        return Err(Error::param(
            Param::Capacity,
            "capacities with --model mclp or --model pmedian",
            format!("--model {}", params.model.name()),
        ));
    }
    if params.capacitated && inst.sites.iter().any(|s| s.capacity.is_none()) {
        return Err(Error::param(
            Param::Capacity,
            "a capacity for every site",
            "sites without one",
        ));
    }
    if inst.sites.is_empty() || inst.points() == 0 {
        return Err(Error::input(
            crate::error::Location::file(inst.label.en.as_str()),
            "at least one candidate site and one demand point",
            format!("{} sites, {} points", inst.sites.len(), inst.points()),
        ));
    }
    Ok(())
}

/// Constraint conflicts found before solving: the infeasible cases a user can read.
pub(super) fn conflicts(
    inst: &Instance,
    params: &SolveParams,
    rules: &SiteRules,
    cover: &Coverage,
) -> Option<String> {
    if params.model != Model::Lscp {
        if let Some(r) = rules.infeasibility() {
            return Some(r);
        }
    }
    if let Some(w) = params.min_weight_per_stop {
        for &j in &rules.required {
            let reach = cover.sum(j, &inst.weight);
            if reach < w {
                return Some(format!(
                    "required stop {} reaches weight {} within {} m, below \
                     --min-weight-per-stop {w}",
                    inst.sites[j].id,
                    crate::model::number::round(reach, 1),
                    params.radius_m
                ));
            }
        }
    }
    if params.capacitated && params.model == Model::Pmedian {
        let mut caps: Vec<f64> = (0..inst.sites.len())
            .filter(|&j| rules.allowed[j])
            .map(|j| inst.sites[j].capacity.unwrap_or(0.0))
            .collect();
        caps.sort_by(|a, b| b.total_cmp(a));
        let most: f64 = caps.iter().take(rules.p).sum();
        let load: f64 = inst.load().iter().sum();
        if load > most {
            return Some(format!(
                "total demand {} exceeds the {} largest capacities together ({})",
                crate::model::number::round(load, 2),
                rules.p,
                crate::model::number::round(most, 2)
            ));
        }
    }
    None
}
