//! A map of the plan as one self-contained SVG, for the council's printed report.
//!
//! A council argues over places, not rows: which streets the chosen stops reach, and where older
//! residents are still left out. The map shows the demand shaded by the aged-65+ count (each
//! census cell as its own grid square), existing shops, every candidate, the chosen stops with
//! their walking circles drawn to scale, and the "uncovered pockets": cells with older residents
//! whose centre is beyond the walking radius of every chosen stop, judged by the same great-circle
//! test as the solvers ([`SphereIndex::within`]).
//!
//! Projection: local equirectangular around the centre of the data, x scaled by cos(latitude),
//! so at town scale (a few km) distances are true to well under 0.1 % in every direction and a
//! walking circle is a true circle. Mesh cells are latitude/longitude rectangles, so they stay
//! axis-aligned rectangles.
//!
//! Output rules: every piece of user text (names, ids, labels, title) is XML-escaped; nothing is
//! loaded from outside (no fonts, images or scripts); numbers are written with one decimal, so
//! the same input gives the same bytes. Class names carry an `ms-` prefix because an SVG inlined
//! into an HTML page shares the page's style sheet. The pattern and clip ids are fixed; two maps
//! in one page define them identically, so whichever the browser picks draws the same.

use super::table::count;
use super::{esc, round, Lang};
use crate::error::{Error, Result};
use crate::model::MeshCode;
use crate::model::{Dataset, DemandFormat, LatLon, AGED_65_PLUS, POPULATION};
use crate::param::Param;
use crate::spatial::{SphereIndex, EARTH_RADIUS_M};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

mod layout;
mod legend;

use layout::{place_label, scale_length, Box2, Projection};
use legend::Classes;

/// Whole drawing, in user units.
const VIEW_W: f64 = 1320.0;
const VIEW_H: f64 = 880.0;
/// The map frame; the legend panel sits to its right, the title above, sources below.
const FRAME_X: f64 = 20.0;
const FRAME_Y: f64 = 64.0;
const FRAME_W: f64 = 1000.0;
const FRAME_H: f64 = 760.0;
/// Space kept between the data's extent and the frame.
const FRAME_PAD: f64 = 20.0;
const PANEL_X: f64 = 1044.0;
/// Sequential ramp (ColorBrewer YlOrRd, 5 classes): lightness falls with the count, so it also
/// reads when printed in grey.
const RAMP: [&str; 5] = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
const MAX_CLASSES: usize = 5;
/// Longest stop label before it is cut (the full name stays in the marker's tooltip).
const LABEL_CHARS: usize = 28;
const LABEL_SIZE: f64 = 13.0;

const STYLE: &str = "\
.ms-map text{font-family:\"Hiragino Sans\",\"Noto Sans CJK JP\",\"Yu Gothic\",Meiryo,sans-serif;fill:#222}\
.ms-bg{fill:#fff;stroke:none}\
.ms-frame{fill:none;stroke:#444;stroke-width:1}\
.ms-cells rect,.ms-cells circle{shape-rendering:crispEdges}\
.ms-pockets{fill:url(#ms-hatch)}.ms-pockets circle{stroke:#3f007d;stroke-width:1.5}\
.ms-pocket-edge{stroke:#3f007d;stroke-width:1.8}\
.ms-reach{fill:#2166ac;fill-opacity:0.08;stroke:#2166ac;stroke-width:1.6}\
.ms-cand{fill:#fff;stroke:#333;stroke-width:1.2}\
.ms-shop{fill:#1b7837;stroke:#fff;stroke-width:1}\
.ms-stop{fill:#08306b;stroke:#fff;stroke-width:2}\
.ms-label{font-size:13px;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\
.ms-title{font-size:22px;font-weight:bold}\
.ms-sub{font-size:13px}\
.ms-foot{font-size:11px}\
.ms-leg{font-size:12px}\
.ms-leghead{font-size:14px;font-weight:bold}\
.ms-box{fill:#fff;fill-opacity:0.85;stroke:#999;stroke-width:0.8}\
.ms-scalebar,.ms-tick{stroke:#222;stroke-width:2}\
.ms-scalelabel{font-size:12px}\
.ms-north path{fill:#222}\
.ms-north text{font-size:14px;font-weight:bold}";

/// What to draw. Kept apart from the solvers' types so the map can show any set of stops: a
/// solve result, the council's own picks, or a what-if.
#[derive(Debug, Clone, Copy)]
pub struct MapSpec<'a> {
    /// The data the plan rests on; its demand, candidates and shops are all drawn.
    pub data: &'a Dataset,
    /// Chosen stops as indices into `data.candidates` (duplicates are drawn once).
    pub chosen: &'a [usize],
    /// Walking radius in metres: circles and uncovered pockets use it.
    pub radius_m: f64,
    /// Column to shade by; `None` takes `aged_65_plus`, else `population`, else `weight`, else
    /// every point counts 1.
    pub weight_column: Option<&'a str>,
    /// Heading; `None` gives a standard one in the chosen language.
    pub title: Option<&'a str>,
}

impl<'a> MapSpec<'a> {
    /// A map of `chosen` with the default shading and title, the usual case for a report.
    pub fn new(data: &'a Dataset, chosen: &'a [usize], radius_m: f64) -> Self {
        MapSpec {
            data,
            chosen,
            radius_m,
            weight_column: None,
            title: None,
        }
    }
}

/// Renders the map as an SVG document (no XML declaration, so it can be written to a `.svg`
/// file or inlined into an HTML report as it is).
///
/// Errors are for what a user must fix: a radius that is not a positive number, a shading
/// column the demand does not have, or a stop index past the end of the candidates.
///
/// ```
/// use mobile_stops::report::{map_svg, Lang, MapSpec};
/// let data = mobile_stops::io::embedded::dataset().unwrap();
/// let svg = map_svg(&MapSpec::new(&data, &[0, 4], 500.0), Lang::En).unwrap();
/// assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
/// ```
pub fn map_svg(spec: &MapSpec, lang: Lang) -> Result<String> {
    let plan = Plan::new(spec)?;
    Ok(plan.render(spec, lang))
}

/// Everything computed before drawing: the projection, shading classes and coverage.
struct Plan {
    proj: Projection,
    chosen: Vec<usize>,
    shade_column: Option<String>,
    shade: Vec<f64>,
    classes: Classes,
    /// The values a pocket is judged by (aged 65+ when the data has it).
    need: Vec<f64>,
    need_is_aged: bool,
    covered: Vec<bool>,
    /// Mesh cell of each demand point, when its id is a mesh code whose cell holds the point.
    cells: Vec<Option<MeshCode>>,
}

impl Plan {
    fn new(spec: &MapSpec) -> Result<Plan> {
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

    fn pocket(&self, i: usize) -> bool {
        self.need[i] > 0.0 && !self.covered[i]
    }

    fn render(&self, spec: &MapSpec, lang: Lang) -> String {
        let data = spec.data;
        let l = |en: &'static str, ja: &'static str| lang.pick(en, ja);
        let mut o = String::with_capacity(64 * 1024 + 160 * data.demand.data.len());
        let title = match spec.title {
            Some(t) => t.to_string(),
            None => l(
                "Mobile shop stops and walking reach",
                "移動販売の停留所と徒歩圏",
            )
            .to_string(),
        };
        let _ = writeln!(
            o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ms-map\" viewBox=\"0 0 {VIEW_W} {VIEW_H}\" width=\"{VIEW_W}\" height=\"{VIEW_H}\" role=\"img\">"
        );
        let _ = writeln!(o, "<title>{}</title>", esc(&title));
        let ramp: String = RAMP
            .iter()
            .enumerate()
            .map(|(k, c)| format!(".ms-c{k}{{fill:{c}}}"))
            .collect();
        let _ = writeln!(o, "<style>{STYLE}{ramp}</style>");
        let _ = writeln!(
            o,
            "<defs><pattern id=\"ms-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#3f007d\" stroke-width=\"1.1\"/></pattern>\
<clipPath id=\"ms-clip\"><rect x=\"{FRAME_X}\" y=\"{FRAME_Y}\" width=\"{FRAME_W}\" height=\"{FRAME_H}\"/></clipPath></defs>"
        );
        let _ = writeln!(
            o,
            "<rect class=\"ms-bg\" x=\"0\" y=\"0\" width=\"{VIEW_W}\" height=\"{VIEW_H}\"/>"
        );
        self.header(&mut o, spec, &title, lang);
        let _ = writeln!(o, "<g clip-path=\"url(#ms-clip)\">");
        self.demand(&mut o, spec);
        self.pockets(&mut o, spec);
        self.sites(&mut o, spec);
        o.push_str("</g>\n");
        let _ = writeln!(
            o,
            "<rect class=\"ms-frame\" x=\"{FRAME_X}\" y=\"{FRAME_Y}\" width=\"{FRAME_W}\" height=\"{FRAME_H}\"/>"
        );
        self.scale_bar(&mut o);
        north_arrow(&mut o, lang);
        self.legend(&mut o, spec, lang);
        self.footer(&mut o, spec, lang);
        o.push_str("</svg>\n");
        o
    }

    fn header(&self, o: &mut String, spec: &MapSpec, title: &str, lang: Lang) {
        let r = metres_text(spec.radius_m);
        let k = self.chosen.len();
        let sub = match lang {
            Lang::En => format!(
                "{} — {k} stop{}, walking radius {r} m (straight line)",
                clip(&spec.data.label, 120),
                if k == 1 { "" } else { "s" }
            ),
            Lang::Ja => format!(
                "{} — 停留所{k}か所、徒歩圏 半径{r}m（直線）",
                clip(&spec.data.label, 120)
            ),
        };
        let _ = writeln!(
            o,
            "<text class=\"ms-title\" x=\"{FRAME_X}\" y=\"30\">{}</text>",
            esc(&clip(title, 90))
        );
        let _ = writeln!(
            o,
            "<text class=\"ms-sub\" x=\"{FRAME_X}\" y=\"52\">{}</text>",
            esc(&sub)
        );
    }

    fn demand(&self, o: &mut String, spec: &MapSpec) {
        let demand = &spec.data.demand.data;
        let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); self.classes.len()];
        for (i, &v) in self.shade.iter().enumerate() {
            by_class[self.classes.of(v)].push(i);
        }
        o.push_str("<g class=\"ms-cells\">\n");
        for (k, members) in by_class.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let _ = write!(o, "<g class=\"ms-c{}\">", self.classes.colour(k));
            for &i in members {
                self.shape(o, i, demand.locations[i], 4.0);
            }
            o.push_str("</g>\n");
        }
        o.push_str("</g>\n");
    }

    /// Hatches every pocket, then outlines the pockets' union: only cell edges that no other
    /// pocket shares, so a run of uncovered cells reads as one area, not a grid. (Where cells of
    /// different mesh levels meet, their edges do not cancel and show as inner lines.)
    fn pockets(&self, o: &mut String, spec: &MapSpec) {
        let demand = &spec.data.demand.data;
        // Edges in tenths of a user unit, as drawn, counted by how many pockets have them.
        let mut edges: BTreeMap<[i64; 4], u32> = BTreeMap::new();
        o.push_str("<g class=\"ms-pockets\">");
        for i in (0..demand.len()).filter(|&i| self.pocket(i)) {
            self.shape(o, i, demand.locations[i], 5.0);
            if let Some([x0, y0, x1, y1]) = self.rect(i) {
                let [x0, y0, x1, y1] = [x0, y0, x1, y1].map(|v| (v * 10.0).round() as i64);
                for e in [
                    [x0, y0, x1, y0],
                    [x0, y1, x1, y1],
                    [x0, y0, x0, y1],
                    [x1, y0, x1, y1],
                ] {
                    *edges.entry(e).or_default() += 1;
                }
            }
        }
        o.push_str("</g>\n");
        let tenth = |v: i64| f1(v as f64 / 10.0);
        let mut d = String::new();
        for ([x0, y0, x1, y1], _) in edges.iter().filter(|(_, &n)| n == 1) {
            let _ = match y0 == y1 {
                true => write!(d, "M{},{}H{}", tenth(*x0), tenth(*y0), tenth(*x1)),
                false => write!(d, "M{},{}V{}", tenth(*x0), tenth(*y0), tenth(*y1)),
            };
        }
        if !d.is_empty() {
            let _ = writeln!(
                o,
                "<path class=\"ms-pocket-edge\" fill=\"none\" d=\"{d}\"/>"
            );
        }
    }

    /// A demand point's mesh square as (left, top, right, bottom), edges rounded to a tenth so
    /// neighbouring cells share an edge exactly; `None` when the point has no cell.
    fn rect(&self, i: usize) -> Option<[f64; 4]> {
        let m = self.cells[i]?;
        let (s, w) = m.south_west();
        let (n, e) = m.north_east();
        let (x0, y0) = self.proj.xy(LatLon::new(n, w));
        let (x1, y1) = self.proj.xy(LatLon::new(s, e));
        Some([r1(x0), r1(y0), r1(x1), r1(y1)])
    }

    /// One demand point: its mesh square, or a dot of radius `dot` when it has no cell.
    fn shape(&self, o: &mut String, i: usize, p: LatLon, dot: f64) {
        let _ = match self.rect(i) {
            Some([x0, y0, x1, y1]) => write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                f1(x0),
                f1(y0),
                f1(x1 - x0),
                f1(y1 - y0)
            ),
            None => {
                let (x, y) = self.proj.xy(p);
                write!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                    f1(x),
                    f1(y),
                    f1(dot)
                )
            }
        };
    }

    fn sites(&self, o: &mut String, spec: &MapSpec) {
        let sites = &spec.data.candidates.data.sites;
        let r_units = spec.radius_m * self.proj.scale;
        o.push_str("<g>\n");
        for &j in &self.chosen {
            let (x, y) = self.proj.xy(sites[j].location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-reach\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                f1(x),
                f1(y),
                f1(r_units)
            );
        }
        if let Some(stores) = &spec.data.stores {
            for s in &stores.data {
                let (x, y) = self.proj.xy(s.location);
                let _ = writeln!(
                    o,
                    "<rect class=\"ms-shop\" x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"><title>{}</title></rect>",
                    f1(x - 3.5),
                    f1(y - 3.5),
                    esc(s.name.as_deref().unwrap_or(&s.id))
                );
            }
        }
        for s in sites {
            let (x, y) = self.proj.xy(s.location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-cand\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                esc(&site_name(s.name.as_deref(), &s.id))
            );
        }
        for &j in &self.chosen {
            let (x, y) = self.proj.xy(sites[j].location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-stop\" cx=\"{}\" cy=\"{}\" r=\"7\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                esc(&site_name(sites[j].name.as_deref(), &sites[j].id))
            );
        }
        let mut placed: Vec<Box2> = Vec::new();
        for &j in &self.chosen {
            let text = clip(
                &site_name(sites[j].name.as_deref(), &sites[j].id),
                LABEL_CHARS,
            );
            let (x, y) = self.proj.xy(sites[j].location);
            let (lx, ly, anchor) = place_label(x, y, text_width(&text, LABEL_SIZE), &mut placed);
            let _ = writeln!(
                o,
                "<text class=\"ms-label\" x=\"{}\" y=\"{}\"{}>{}</text>",
                f1(lx),
                f1(ly),
                if anchor { " text-anchor=\"end\"" } else { "" },
                esc(&text)
            );
        }
        o.push_str("</g>\n");
    }

    fn scale_bar(&self, o: &mut String) {
        let (metres, units) = scale_length(self.proj.scale);
        let label = if metres >= 1000.0 {
            format!("{} km", metres / 1000.0)
        } else {
            format!("{metres} m")
        };
        let x0 = FRAME_X + 16.0;
        let y = FRAME_Y + FRAME_H - 20.0;
        let x1 = x0 + units;
        let _ = writeln!(
            o,
            "<g><rect class=\"ms-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"36\"/>\
<line class=\"ms-scalebar\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
<line class=\"ms-tick\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
<line class=\"ms-tick\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\
<text class=\"ms-scalelabel\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text></g>",
            f1(x0 - 8.0),
            f1(y - 26.0),
            f1(units + 16.0),
            f1(x0),
            f1(y),
            f1(x1),
            f1(y),
            f1(x0),
            f1(y - 6.0),
            f1(x0),
            f1(y),
            f1(x1),
            f1(y - 6.0),
            f1(x1),
            f1(y),
            f1((x0 + x1) / 2.0),
            f1(y - 10.0),
        );
    }

    fn footer(&self, o: &mut String, spec: &MapSpec, lang: Lang) {
        let data = spec.data;
        let shops = match &data.stores {
            Some(s) => s.source.clone(),
            None => lang.pick("no data", "データなし").to_string(),
        };
        let sources = match lang {
            Lang::En => format!(
                "Demand: {}; candidates: {}; shops: {}",
                data.demand.source, data.candidates.source, shops
            ),
            Lang::Ja => format!(
                "需要: {}／候補地: {}／店舗: {}",
                data.demand.source, data.candidates.source, shops
            ),
        };
        let mut second = lang
            .pick(
                "Uncoloured land: nobody lives there, or it is outside the data. Distances are straight lines.",
                "色のない所：居住者がいないか、データの範囲外。距離は直線距離。",
            )
            .to_string();
        if matches!(data.demand.data.format, DemandFormat::EstatMesh(_)) {
            second.push(' ');
            second.push_str(lang.pick(
                "Source: e-Stat census grid-square statistics, processed.",
                "出典：政府統計の総合窓口(e-Stat) 国勢調査 地域メッシュ統計を加工して作成",
            ));
        }
        let _ = writeln!(
            o,
            "<text class=\"ms-foot\" x=\"{FRAME_X}\" y=\"{}\">{}</text>",
            f1(FRAME_Y + FRAME_H + 22.0),
            esc(&clip(&sources, 200))
        );
        let _ = writeln!(
            o,
            "<text class=\"ms-foot\" x=\"{FRAME_X}\" y=\"{}\">{}</text>",
            f1(FRAME_Y + FRAME_H + 40.0),
            esc(&second)
        );
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

fn north_arrow(o: &mut String, lang: Lang) {
    let x = FRAME_X + FRAME_W - 36.0;
    let y = FRAME_Y + 44.0;
    let _ = writeln!(
        o,
        "<g class=\"ms-north\" transform=\"translate({x},{y})\"><circle class=\"ms-box\" cx=\"0\" cy=\"0\" r=\"24\"/>\
<path d=\"M0,-18 L9,10 L0,4 L-9,10 Z\"/><text x=\"0\" y=\"-27\" text-anchor=\"middle\">{}</text></g>",
        lang.pick("N", "北")
    );
}

/// Rough width of text in user units: East Asian characters count as two columns.
fn text_width(s: &str, size: f64) -> f64 {
    s.width() as f64 * size * 0.58
}

fn site_name(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n.to_string(),
        _ => id.to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A radius as people write it: "500", or "487.5" when it is not whole.
fn metres_text(r: f64) -> String {
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{:.1}", round(r, 1))
    }
}

/// Cuts text to `max` characters with an ellipsis, before escaping (so no entity is split).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

fn r1(x: f64) -> f64 {
    round(x, 1)
}

/// One decimal, never "-0.0".
fn f1(x: f64) -> String {
    format!("{:.1}", round(x, 1))
}

#[cfg(test)]
mod tests;
