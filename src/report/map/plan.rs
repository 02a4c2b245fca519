//! Everything the map computes before it draws: the request checked, the shading, which
//! demand is reached, the mesh cells and the projection. Drawing ([`super::draw`]) only reads
//! this.

use super::areas::Areas;
use super::classes::Classes;
use super::layout::Projection;
use super::pockets::Pockets;
use super::points::SharedPoints;
use super::spec::MapSpec;
use super::streets::StreetLines;
use super::style::r1;
use crate::error::{Error, Result};
use crate::model::MeshCode;
use crate::model::{LatLon, AGED_65_PLUS};
use crate::param::Param;
use crate::solve::FAR_FROM_SHOP;
use crate::spatial::{DataExtent, Distances, EdgeStatus, SphereIndex};

/// Whose absence from the walking circles the pockets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Need {
    /// Residents aged 65+ (the demand's column).
    Aged,
    /// Residents aged 65+ far from every shop: the solve's objective when it counts them.
    FarAged,
    /// The shading values, when the demand has no aged 65+ column.
    Other,
}

/// Everything computed before drawing: the projection, shading classes and coverage.
pub(super) struct Plan {
    pub(super) proj: Projection,
    pub(super) chosen: Vec<usize>,
    /// Sites with a ring and a label besides the chosen stops' labels: the council's own
    /// candidates and the compared sets' members, in file order (chosen ones included).
    pub(super) marked: Vec<usize>,
    /// Whether the marked sites include the council's own, and members of compared sets.
    pub(super) marked_from: (bool, bool),
    pub(super) shade_column: Option<String>,
    pub(super) shade: Vec<f64>,
    pub(super) classes: Classes,
    /// The values a pocket is judged by (aged 65+ when the data has it).
    pub(super) need: Vec<f64>,
    pub(super) need_kind: Need,
    pub(super) covered: Vec<bool>,
    /// Mesh cell of each demand point, when its id is a mesh code whose cell holds the point.
    pub(super) cells: Vec<Option<MeshCode>>,
    /// The largest groups of uncovered need.
    pub(super) pockets: Pockets,
    /// Whether each candidate stands outside the data, so its reach is not measurable (the
    /// ranking's own test).
    pub(super) outside: Vec<bool>,
    /// The candidates grouped by the point they stand on.
    pub(super) points: SharedPoints,
    /// The council's boundary and the land without data.
    pub(super) areas: Areas,
    /// The area's name and whether each demand point lies inside it, when the data has an
    /// area: the share within reach is of the people inside.
    pub(super) inside: Option<(String, Vec<bool>)>,
    /// The streets and each chosen stop's walks, when distances were walked along them.
    pub(super) streets: Option<StreetLines>,
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
        let chosen = checked_sites(spec.chosen, sites.len())?;
        let (marked, marked_from) = marked(spec)?;
        let (shade_column, shade) = shading(spec)?;
        let (need, need_kind) = match (&shade_column, demand.column(AGED_65_PLUS)) {
            (Some(c), _) if c.eq_ignore_ascii_case(FAR_FROM_SHOP) => (shade.clone(), Need::FarAged),
            (_, Some(v)) => (v.to_vec(), Need::Aged),
            (_, None) => (shade.clone(), Need::Other),
        };
        let covered = covered_points(data, &chosen, spec.radius_m);
        let cells: Vec<Option<MeshCode>> = demand
            .ids
            .iter()
            .zip(&demand.locations)
            .map(|(id, &p)| mesh_cell(id, p))
            .collect();
        let proj = Projection::fit(&extent(spec, &cells), (4.0 * spec.radius_m).max(1000.0));
        let classes = Classes::new(&shade);
        let pockets = Pockets::find(&need, &covered, &cells, &demand.locations, spec.deadline);
        let data_extent = DataExtent::new(&demand.footprint);
        let outside = sites
            .iter()
            .map(|s| data_extent.classify(s.location, spec.radius_m) == EdgeStatus::Outside)
            .collect();
        let streets = data.streets.as_ref().map(|st| {
            let stops: Vec<(usize, LatLon)> =
                chosen.iter().map(|&j| (j, sites[j].location)).collect();
            StreetLines::new(&st.data, &proj, &stops, spec.radius_m)
        });
        Ok(Plan {
            streets,
            proj,
            chosen,
            marked,
            marked_from,
            shade_column,
            shade,
            classes,
            need,
            need_kind,
            covered,
            cells,
            pockets,
            outside,
            points: SharedPoints::new(sites),
            areas: Areas::new(data, &proj),
            inside: data.area.as_ref().map(|a| {
                let inside = demand.locations.iter().map(|&p| a.data.contains(p));
                (a.data.name.clone(), inside.collect())
            }),
        })
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

/// Site indices checked against the candidates, each once, in the order given.
fn checked_sites(asked: &[usize], n: usize) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(asked.len());
    for &j in asked {
        if j >= n {
            return Err(Error::param(
                Param::MapStops,
                format!("candidate indices below {n}"),
                format!("index {j}"),
            ));
        }
        if !out.contains(&j) {
            out.push(j);
        }
    }
    Ok(out)
}

/// Values of `proposed_by` that mean the council put the site forward.
const COUNCIL_WORDS: [&str; 3] = ["council", "自治会", "町内会"];

/// The sites to ring and label: the council's own candidates (a `proposed_by` column saying
/// so) and the members of compared sets, in file order, and which of the two kinds there are.
fn marked(spec: &MapSpec) -> Result<(Vec<usize>, (bool, bool))> {
    let cands = &spec.data.candidates.data;
    let from_sets = checked_sites(spec.marked, cands.sites.len())?;
    let col = cands
        .extra_columns
        .iter()
        .position(|c| c.trim().eq_ignore_ascii_case("proposed_by"));
    let council: Vec<usize> = match col {
        Some(k) => (0..cands.sites.len())
            .filter(|&j| {
                let v = cands.sites[j].extra.get(k).map_or("", |v| v.trim());
                COUNCIL_WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
            })
            .collect(),
        None => Vec::new(),
    };
    let mut all: Vec<usize> = council.iter().chain(&from_sets).copied().collect();
    all.sort_unstable();
    all.dedup();
    Ok((all, (!council.is_empty(), !from_sets.is_empty())))
}

/// The shading column and its values: the solve's own (`weights`), or a demand column (the
/// one asked for, else the ranking's default), else 1 for every point.
fn shading(spec: &MapSpec) -> Result<(Option<String>, Vec<f64>)> {
    let demand = &spec.data.demand.data;
    if let Some(w) = spec.weights {
        if w.len() != demand.len() {
            return Err(Error::param(
                Param::Weight,
                format!("one value per demand point ({})", demand.len()),
                format!("{} values", w.len()),
            ));
        }
        return Ok((spec.weight_column.map(str::to_string), w.to_vec()));
    }
    let column = crate::score::weight_column(spec.data, spec.weight_column)?;
    let values = match &column {
        Some(c) => demand.column(c).map(<[f64]>::to_vec).unwrap_or_default(),
        None => vec![1.0; demand.len()],
    };
    Ok((column, values))
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

/// Which demand points a chosen stop reaches, by the distance in use (straight line or the
/// data's cost table).
fn covered_points(data: &crate::model::Dataset, chosen: &[usize], radius_m: f64) -> Vec<bool> {
    let demand = &data.demand.data;
    let index = SphereIndex::new(&demand.locations);
    let locations = data.candidates.data.locations();
    let costs = data.site_costs();
    let reach = Distances::new(&index, &locations, costs.as_ref());
    let mut covered = vec![false; demand.len()];
    let cov = reach.coverage_of(chosen, radius_m);
    for k in 0..chosen.len() {
        for &i in cov.points_of(k) {
            covered[i as usize] = true;
        }
    }
    covered
}

/// Everything the map must show: the demand (cells whole), sites, shops, the depot and the
/// whole of the council's area, with the part the data miss.
fn extent(spec: &MapSpec, cells: &[Option<MeshCode>]) -> Vec<LatLon> {
    let data = spec.data;
    let mut extent: Vec<LatLon> = Vec::new();
    for (cell, &p) in cells.iter().zip(&data.demand.data.locations) {
        match cell {
            Some(m) => extent.extend(m.corners().iter().map(|&(a, b)| LatLon::new(a, b))),
            None => extent.push(p),
        }
    }
    extent.extend(data.candidates.data.sites.iter().map(|s| s.location));
    if let Some(st) = &data.stores {
        extent.extend(st.data.iter().map(|s| s.location));
    }
    extent.extend(spec.depot.map(|d| d.location));
    if let Some(area) = &data.area {
        let corners = area.data.outline.iter().flat_map(|p| p.exterior().coords());
        extent.extend(corners.map(|c| LatLon::new(c.y, c.x)));
    }
    extent
}
