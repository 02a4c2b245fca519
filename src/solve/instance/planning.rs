//! Solver inputs from planning data: the objective weight, stop capacities and the space rule.

use super::{Geometry, Instance, SiteInfo};
use crate::defaults;
use crate::error::{Error, Result};
use crate::param::Param;

/// Where stop capacities come from: one value for every site, or a numeric candidates column.
#[derive(Debug, Clone, PartialEq)]
pub enum CapacitySpec {
    /// The same capacity for every site.
    Value(f64),
    /// A column of the candidates file.
    Column(String),
}

impl CapacitySpec {
    /// Reads `--capacity`: a non-negative number, else a column name.
    pub fn parse(text: &str) -> Result<CapacitySpec> {
        let t = text.trim();
        match crate::model::parse::parse_number(t) {
            Some(v) if v >= 0.0 => Ok(CapacitySpec::Value(v)),
            Some(_) => Err(Error::param(
                Param::Capacity,
                "a capacity of 0 or more, or a numeric candidates column",
                format!("`{t}`"),
            )),
            None if t.is_empty() => Err(Error::param(
                Param::Capacity,
                "a capacity of 0 or more, or a numeric candidates column",
                "nothing",
            )),
            None => Ok(CapacitySpec::Column(t.to_string())),
        }
    }
}

/// What to read from planning data besides the files themselves.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanningOptions {
    /// Demand column to weight the objective by; `far_from_shop` for the aged 65+ living
    /// beyond `shop_distance_m` of every shop; `None`: the ranking's default column.
    pub objective_weight: Option<String>,
    /// Distance beyond which a resident counts as far from a shop.
    pub shop_distance_m: f64,
    /// Vehicles a stop must hold.
    pub vehicles: u64,
    /// Bay and aisle sizes for the space rule.
    pub space: crate::score::SpaceParams,
    /// Stop capacities, if the model is capacitated.
    pub capacity: Option<CapacitySpec>,
}

impl Default for PlanningOptions {
    /// The command line's defaults: the ranking's weight, 500 m to a shop, five vehicles.
    fn default() -> Self {
        PlanningOptions {
            objective_weight: None,
            shop_distance_m: defaults::SHOP_DISTANCE_M,
            vehicles: defaults::VEHICLES,
            space: crate::score::SpaceParams::default(),
            capacity: None,
        }
    }
}

/// Name of the virtual objective column: aged 65+ living far from every shop.
pub const FAR_FROM_SHOP: &str = "far_from_shop";

impl Instance {
    /// Planning data: demand points on the sphere, candidates with their space assessment.
    pub fn from_dataset(data: &crate::model::Dataset, opts: &PlanningOptions) -> Result<Instance> {
        let demand = &data.demand.data;
        let cands = &data.candidates.data;
        let (weight, weight_column) =
            match opts.objective_weight.as_deref() {
                Some(name) if name.eq_ignore_ascii_case(FAR_FROM_SHOP) => {
                    match crate::score::far_from_shop_weights(data, opts.shop_distance_m) {
                        Some(w) => (w, Some(FAR_FROM_SHOP.to_string())),
                        None => return Err(Error::param(
                            Param::ObjectiveWeight,
                            "far_from_shop only with a shops file (--stores) and an aged_65_plus \
                             demand column",
                            format!("`{name}`"),
                        )),
                    }
                }
                asked => match crate::score::weight_column(data, asked)
                    .map_err(|e| rename_param(e, Param::ObjectiveWeight))?
                {
                    Some(c) => (
                        demand.column(&c).expect("resolved column").to_vec(),
                        Some(c),
                    ),
                    None => (vec![1.0; demand.len()], None),
                },
            };
        let capacities = match &opts.capacity {
            None => None,
            Some(spec) => Some(site_capacities(data, spec)?),
        };
        let sites: Vec<SiteInfo> = cands
            .sites
            .iter()
            .enumerate()
            .map(|(j, s)| SiteInfo {
                id: s.id.clone(),
                name: s.name.clone(),
                written_name: s.written_name.clone(),
                kind: s.kind.clone(),
                location: Some(s.location),
                space: Some(opts.space.assess(s, opts.vehicles)),
                capacity: capacities.as_ref().map(|c| c[j]),
            })
            .collect();
        let costs = data.site_costs();
        let mut notes: Vec<crate::model::LocalText> = data.notes().into_iter().cloned().collect();
        notes.extend(costs.as_ref().and_then(|c| unlisted_note(c, &sites)));
        Ok(Instance {
            label: data.label.clone(),
            sites,
            point_ids: demand.ids.clone(),
            weight,
            weight_column,
            load: None,
            population: demand.column(crate::model::POPULATION).map(<[f64]>::to_vec),
            aged_65_plus: demand
                .column(crate::model::AGED_65_PLUS)
                .map(<[f64]>::to_vec),
            p_in_file: None,
            notes,
            streets: data
                .streets
                .as_ref()
                .map(|s| (s.source.clone(), s.data.hills)),
            geometry: match costs {
                Some(costs) => Geometry::Table {
                    points: demand.locations.clone(),
                    costs,
                },
                None => Geometry::Sphere {
                    points: demand.locations.clone(),
                },
            },
        })
    }
}

/// The note for candidates the cost matrix has no column for (added after it was read, by a
/// scenario): they reach nobody.
fn unlisted_note(
    costs: &crate::model::SiteCosts,
    sites: &[SiteInfo],
) -> Option<crate::model::LocalText> {
    let ids: Vec<&str> = costs
        .unlisted()
        .iter()
        .map(|&j| sites[j].id.as_str())
        .collect();
    if ids.is_empty() {
        return None;
    }
    let list = ids.join(", ");
    Some(crate::model::LocalText::new(
        format!("candidates the cost matrix does not list (they reach nobody): {list}"),
        format!("コスト行列に記載のない候補地（誰にも到達しません）: {list}"),
    ))
}

/// The same complaint, about the parameter the caller actually set.
fn rename_param(e: Error, param: Param) -> Error {
    match e {
        Error::Param {
            expected, found, ..
        } => Error::param(param, expected, found),
        other => other,
    }
}

fn site_capacities(data: &crate::model::Dataset, spec: &CapacitySpec) -> Result<Vec<f64>> {
    let cands = &data.candidates.data;
    match spec {
        CapacitySpec::Value(v) => Ok(vec![*v; cands.sites.len()]),
        CapacitySpec::Column(name) => {
            let Some(col) = cands
                .extra_columns
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
            else {
                return Err(Error::param(
                    Param::Capacity,
                    format!(
                        "a number, or a column of {}: {}",
                        data.candidates.source,
                        if cands.extra_columns.is_empty() {
                            "(it has no extra columns)".to_string()
                        } else {
                            cands.extra_columns.join(", ")
                        }
                    ),
                    format!("`{name}`"),
                ));
            };
            cands
                .sites
                .iter()
                .map(|s| {
                    let text = s.extra[col].trim();
                    match crate::model::parse::parse_number(text) {
                        Some(v) if v >= 0.0 => Ok(v),
                        _ => Err(Error::param(
                            Param::Capacity,
                            format!(
                                "a capacity of 0 or more in column `{}` of {} for every site",
                                cands.extra_columns[col], data.candidates.source
                            ),
                            format!("`{text}` for site {}", s.id),
                        )),
                    }
                })
                .collect()
        }
    }
}
