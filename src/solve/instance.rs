//! One solver input, whatever it was read from: planning data or a published benchmark.
//!
//! The models need two views of the same instance: who each site reaches within the radius
//! ([`Coverage`]) and how far each point is from each site ([`DistanceProblem`]). Planning data
//! measures both on the sphere; OR-Library graphs give shortest-path distances; the SJC sets
//! give plane coordinates with a squared-integer coverage rule. Keeping the geometry behind
//! one type lets `solve`, the reports and the scenarios treat them alike.

use super::DistanceProblem;
use crate::bench::{CapInstance, PmedInstance, SjcInstance};
use crate::budget::MemoryLimit;
use crate::error::{Error, Result};
use crate::model::{LatLon, LocalText};
use crate::param::Param;
use crate::score::SpaceAssessment;
use crate::spatial::{haversine_m, Coverage, SphereIndex};
use rayon::prelude::*;

/// Bytes per client–site entry of a p-median or p-center solve: the matrix, and the sorted
/// copy with site numbers the solvers search.
pub const BYTES_PER_MATRIX_ENTRY: u64 = 32;

/// A candidate site as the solver and its reports see it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteInfo {
    /// Id as in the input (1-based vertex number for benchmarks).
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Kind of site.
    pub kind: Option<String>,
    /// Position, when the input has one on the Earth.
    pub location: Option<LatLon>,
    /// Space assessment for the vehicles needed (planning data only).
    pub space: Option<SpaceAssessment>,
    /// Capacity from the input (e.g. the `Q` of a capacitated benchmark).
    pub capacity: Option<f64>,
}

/// Where points and sites are, and so how distance and coverage are measured.
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// Latitude/longitude; great-circle metres.
    Sphere {
        /// Demand point positions.
        points: Vec<LatLon>,
    },
    /// A given clients × sites matrix (OR-Library); coverage means distance ≤ radius.
    Matrix {
        /// Row-major distances.
        dist: Vec<f64>,
    },
    /// Plane coordinates in metres where every point is also a site (SJC); coverage by
    /// the squared-integer rule.
    Plane {
        /// The benchmark instance.
        instance: SjcInstance,
    },
}

/// A solver input with everything the reports need to name its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// What the data is, for headers (`embedded: …`, a file name).
    pub label: String,
    /// Candidate sites, in input order.
    pub sites: Vec<SiteInfo>,
    /// Demand point ids, in input order.
    pub point_ids: Vec<String>,
    /// Objective weight of each point.
    pub weight: Vec<f64>,
    /// Name of the weight column (`None`: each point counts 1).
    pub weight_column: Option<String>,
    /// What a point consumes of a stop's capacity, when the input says so separately from
    /// the objective weight (the Osman–Christofides demands); `None`: the weight.
    pub load: Option<Vec<f64>>,
    /// Population and aged 65+ per point, for per-stop detail (planning data only).
    pub population: Option<Vec<f64>>,
    /// Aged 65+ per point.
    pub aged_65_plus: Option<Vec<f64>>,
    /// The p stated by a benchmark file, used when `--p` is not given.
    pub p_in_file: Option<usize>,
    /// Limits and caveats of the data, printed with every result.
    pub notes: Vec<LocalText>,
    /// How distances are measured.
    pub geometry: Geometry,
}

impl Instance {
    /// Number of demand points.
    pub fn points(&self) -> usize {
        self.point_ids.len()
    }

    /// Total objective weight.
    pub fn total_weight(&self) -> f64 {
        self.weight.iter().fold(0.0, |a, b| a + b)
    }

    /// What each point consumes of a stop's capacity.
    pub fn load(&self) -> &[f64] {
        self.load.as_deref().unwrap_or(&self.weight)
    }

    /// Who each site reaches within `radius_m`, by the input's own distance rule.
    pub fn coverage(&self, radius_m: f64) -> Coverage {
        self.build_coverage(radius_m, None)
            .expect("unchecked coverage never fails")
    }

    /// [`coverage`](Self::coverage), refused up front when the lists would not fit in memory
    /// (planning data; the benchmark sets are small).
    pub fn checked_coverage(&self, radius_m: f64, memory: MemoryLimit) -> Result<Coverage> {
        self.build_coverage(radius_m, Some(memory))
    }

    fn build_coverage(&self, radius_m: f64, check: Option<MemoryLimit>) -> Result<Coverage> {
        Ok(match &self.geometry {
            Geometry::Sphere { points } => {
                let index = SphereIndex::new(points);
                let sites: Vec<LatLon> = self
                    .sites
                    .iter()
                    .map(|s| s.location.expect("planning sites have positions"))
                    .collect();
                if let Some(memory) = check {
                    crate::spatial::check_size(&index, &sites, radius_m, memory)?;
                }
                Coverage::build(&index, &sites, radius_m)
            }
            Geometry::Matrix { dist } => {
                let m = self.sites.len();
                let lists = (0..m)
                    .into_par_iter()
                    .map(|j| {
                        (0..self.points())
                            .filter_map(|i| {
                                let d = dist[i * m + j];
                                (d <= radius_m).then_some((i, d))
                            })
                            .collect()
                    })
                    .collect();
                Coverage::from_lists(radius_m, lists)
            }
            Geometry::Plane { instance } => instance.coverage(radius_m),
        })
    }

    /// The clients × sites distance matrix with the objective weights; refused when it would
    /// not fit in memory, with what to do instead.
    pub fn distances(&self, model: &str, memory: MemoryLimit) -> Result<DistanceProblem> {
        let (n, m) = (self.points(), self.sites.len());
        memory.check(
            format!("the {model} model's {n} points × {m} sites distance matrix"),
            (n as u64)
                .saturating_mul(m as u64)
                .saturating_mul(BYTES_PER_MATRIX_ENTRY),
            "aggregate the demand to coarser mesh cells, use fewer candidates, or use the mclp \
             model (it needs only the pairs within the radius); ",
        )?;
        let dist = match &self.geometry {
            Geometry::Sphere { points } => {
                let sites: Vec<LatLon> = self
                    .sites
                    .iter()
                    .map(|s| s.location.expect("planning sites have positions"))
                    .collect();
                points
                    .par_iter()
                    .flat_map_iter(|&p| sites.iter().map(move |&s| haversine_m(p, s)))
                    .collect()
            }
            Geometry::Matrix { dist } => dist.clone(),
            Geometry::Plane { instance } => {
                let pts = &instance.points;
                pts.par_iter()
                    .flat_map_iter(|&(x, y)| {
                        pts.iter()
                            .map(move |&(sx, sy)| ((x - sx) as f64).hypot((y - sy) as f64))
                    })
                    .collect()
            }
        };
        Ok(DistanceProblem {
            clients: n,
            sites: m,
            dist,
            weight: self.weight.clone(),
        })
    }

    /// An OR-Library p-median graph: every vertex a client of weight 1 and a site.
    pub fn from_pmed(label: &str, inst: &PmedInstance) -> Instance {
        let problem = inst.problem();
        Instance {
            p_in_file: Some(inst.p),
            ..bench_instance(label, inst.n, problem.dist)
        }
    }

    /// An Osman–Christofides capacitated instance: weight 1 per point in the objective, the
    /// file's demands as loads, the file's capacity on every site.
    pub fn from_pmedcap(label: &str, inst: &CapInstance) -> Instance {
        let problem = inst.problem();
        let mut out = bench_instance(label, inst.n, problem.dist);
        for s in &mut out.sites {
            s.capacity = Some(inst.capacity as f64);
        }
        out.load = Some(inst.demands());
        out.p_in_file = Some(inst.p);
        out
    }

    /// An SJC point set: every point a site, weighted by its demand.
    pub fn from_sjc(label: &str, inst: &SjcInstance) -> Instance {
        let mut out = bench_instance(label, inst.n, Vec::new());
        out.weight = inst.demand.clone();
        out.weight_column = Some("demand".into());
        out.p_in_file = inst.p_in_file;
        out.geometry = Geometry::Plane {
            instance: inst.clone(),
        };
        out
    }
}

fn bench_instance(label: &str, n: usize, dist: Vec<f64>) -> Instance {
    let ids: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    Instance {
        label: label.to_string(),
        sites: ids
            .iter()
            .map(|id| SiteInfo {
                id: id.clone(),
                name: None,
                kind: None,
                location: None,
                space: None,
                capacity: None,
            })
            .collect(),
        point_ids: ids,
        weight: vec![1.0; n],
        weight_column: None,
        load: None,
        population: None,
        aged_65_plus: None,
        p_in_file: None,
        notes: Vec::new(),
        geometry: Geometry::Matrix { dist },
    }
}

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
            shop_distance_m: 500.0,
            vehicles: 5,
            space: crate::score::SpaceParams::default(),
            capacity: None,
        }
    }
}

/// Name of the virtual objective column: aged 65+ living far from every shop.
pub const FAR_FROM_SHOP: &str = "far_from_shop";

impl Instance {
    /// Planning data: demand points on the sphere, candidates with their space assessment.
    pub fn from_dataset(data: &crate::Dataset, opts: &PlanningOptions) -> Result<Instance> {
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
        let sites = cands
            .sites
            .iter()
            .enumerate()
            .map(|(j, s)| SiteInfo {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind.clone(),
                location: Some(s.location),
                space: Some(opts.space.assess(s, opts.vehicles)),
                capacity: capacities.as_ref().map(|c| c[j]),
            })
            .collect();
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
            notes: data.notes().into_iter().cloned().collect(),
            geometry: Geometry::Sphere {
                points: demand.locations.clone(),
            },
        })
    }
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

fn site_capacities(data: &crate::Dataset, spec: &CapacitySpec) -> Result<Vec<f64>> {
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
