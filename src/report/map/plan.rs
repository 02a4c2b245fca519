//! Everything the map computes before it draws: the request checked, the shading, which
//! demand is reached, the mesh cells and the projection. Drawing ([`super::draw`]) only reads
//! this.

use super::classes::Classes;
use super::layout::Projection;
use super::spec::MapSpec;
use super::style::r1;
use crate::error::{Error, Result};
use crate::model::MeshCode;
use crate::model::{Dataset, LatLon, AGED_65_PLUS, POPULATION};
use crate::param::Param;
use crate::spatial::SphereIndex;

/// Everything computed before drawing: the projection, shading classes and coverage.
pub(super) struct Plan {
    pub(super) proj: Projection,
    pub(super) chosen: Vec<usize>,
    pub(super) shade_column: Option<String>,
    pub(super) shade: Vec<f64>,
    pub(super) classes: Classes,
    /// The values a pocket is judged by (aged 65+ when the data has it).
    pub(super) need: Vec<f64>,
    pub(super) need_is_aged: bool,
    pub(super) covered: Vec<bool>,
    /// Mesh cell of each demand point, when its id is a mesh code whose cell holds the point.
    pub(super) cells: Vec<Option<MeshCode>>,
}

impl Plan {
    /// Checks the request and computes what every part of the drawing needs.
    pub(super) fn new(spec: &MapSpec) -> Result<Plan> {
        let data = spec.data;
        let demand = &data.demand.data;
        let sites = &data.candidates.data.sites;
        if !(spec.radius_m.is_finite() && spec.radius_m > 0.0) {
            return Err(Error::param(
                Param::RadiusM,
                "a walking radius in metres greater than 0",
                format!("{}", spec.radius_m),
            ));
        }
        let mut chosen = Vec::with_capacity(spec.chosen.len());
        for &j in spec.chosen {
            if j >= sites.len() {
                return Err(Error::param(
                    Param::MapStops,
                    format!("candidate indices below {}", sites.len()),
                    format!("index {j}"),
                ));
            }
            if !chosen.contains(&j) {
                chosen.push(j);
            }
        }
        let shade_column = shade_column(data, spec.weight_column)?;
        let n = demand.len();
        let shade: Vec<f64> = match &shade_column {
            Some(c) => demand.column(c).map(<[f64]>::to_vec).unwrap_or_default(),
            None => vec![1.0; n],
        };
        let (need, need_is_aged) = match demand.column(AGED_65_PLUS) {
            Some(v) => (v.to_vec(), true),
            None => (shade.clone(), false),
        };
        let index = SphereIndex::new(&demand.locations);
        let mut covered = vec![false; n];
        for &j in &chosen {
            for (i, _) in index.within(sites[j].location, spec.radius_m) {
                covered[i] = true;
            }
        }
        let cells: Vec<Option<MeshCode>> = demand
            .ids
            .iter()
            .zip(&demand.locations)
            .map(|(id, &p)| mesh_cell(id, p))
            .collect();
        let mut extent: Vec<LatLon> = Vec::new();
        for (cell, &p) in cells.iter().zip(&demand.locations) {
            match cell {
                Some(m) => extent.extend(m.corners().iter().map(|&(a, b)| LatLon::new(a, b))),
                None => extent.push(p),
            }
        }
        extent.extend(sites.iter().map(|s| s.location));
        if let Some(st) = &data.stores {
            extent.extend(st.data.iter().map(|s| s.location));
        }
        let proj = Projection::fit(&extent, (4.0 * spec.radius_m).max(1000.0));
        let classes = Classes::new(&shade);
        Ok(Plan {
            proj,
            chosen,
            shade_column,
            shade,
            classes,
            need,
            need_is_aged,
            covered,
            cells,
        })
    }

    /// Whether demand point `i` is an uncovered pocket: need beyond every stop's reach.
    pub(super) fn pocket(&self, i: usize) -> bool {
        self.need[i] > 0.0 && !self.covered[i]
    }

    /// A demand point's mesh square as (left, top, right, bottom), edges rounded to a tenth so
    /// neighbouring cells share an edge exactly; `None` when the point has no cell.
    pub(super) fn rect(&self, i: usize) -> Option<[f64; 4]> {
        let m = self.cells[i]?;
        let (s, w) = m.south_west();
        let (n, e) = m.north_east();
        let (x0, y0) = self.proj.xy(LatLon::new(n, w));
        let (x1, y1) = self.proj.xy(LatLon::new(s, e));
        Some([r1(x0), r1(y0), r1(x1), r1(y1)])
    }
}

/// The shading column: the one asked for, else the first of aged 65+, population, weight.
fn shade_column(data: &Dataset, asked: Option<&str>) -> Result<Option<String>> {
    let demand = &data.demand.data;
    let find = |name: &str| {
        demand
            .columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map(|c| c.name.clone())
    };
    match asked {
        Some(name) => find(name).map(Some).ok_or_else(|| {
            Error::param(
                Param::Weight,
                format!(
                    "a numeric demand column of {}: {}",
                    data.demand.source,
                    demand.column_names().join(", ")
                ),
                format!("`{name}`"),
            )
        }),
        None => Ok([AGED_65_PLUS, POPULATION, "weight"]
            .iter()
            .find_map(|n| find(n))),
    }
}

/// The mesh cell an id names, if it is a mesh code and its cell holds the point (so an id that
/// merely looks like a code, such as `1234`, is never drawn as an 80 km square elsewhere).
fn mesh_cell(id: &str, p: LatLon) -> Option<MeshCode> {
    let m = MeshCode::parse(id).ok()?;
    let (s, w) = m.south_west();
    let (n, e) = m.north_east();
    let eps = 1e-9;
    (p.lat >= s - eps && p.lat <= n + eps && p.lon >= w - eps && p.lon <= e + eps).then_some(m)
}
