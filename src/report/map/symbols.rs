//! What is drawn on the demand: the outlined pockets, the walking circles, shops, candidates
//! (grey and dashed when outside the data), the rings of the council's own and compared sites,
//! the chosen stops, the depot, and their labels (the "no data" label and pocket counts
//! first, so the names keep clear of them; one name per point, [`super::points`]).

use super::areas::{no_data_words, two_lines};
use super::layout::{block, place_centred, place_label, Box2};
use super::plan::Plan;
use super::points::{joiner, point_label};
use super::spec::MapSpec;
use super::style::{
    clip, f1, site_name, text_width, HEAD_SIZE, LABEL_CHARS, LABEL_SIZE, LINE, TEXT,
};
use crate::report::escape::esc;
use crate::report::labels::Lang;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Half the depot symbol's size.
const DEPOT_R: f64 = 9.0;

impl Plan {
    /// Each outlined pocket as one group: its cells (or dots) hatched, then the outline of
    /// their union, only cell edges no other cell of the pocket shares, so a pocket reads as one
    /// area, not a grid. (Where cells of different mesh levels meet, their edges do not cancel
    /// and show as inner lines.) The counts are written by [`Plan::labels`].
    pub(super) fn pockets(&self, o: &mut String, spec: &MapSpec) {
        let demand = &spec.data.demand.data;
        o.push_str("<g class=\"ms-pockets\">\n");
        for p in &self.pockets.shown {
            // Edges in tenths of a user unit, as drawn, counted by how many cells have them.
            let mut edges: BTreeMap<[i64; 4], u32> = BTreeMap::new();
            let _ = write!(o, "<g class=\"ms-pocket\" data-need=\"{}\">", f1(p.need));
            for &i in &p.members {
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
            let tenth = |v: i64| f1(v as f64 / 10.0);
            let mut d = String::new();
            for ([x0, y0, x1, y1], _) in edges.iter().filter(|(_, &n)| n == 1) {
                let _ = match y0 == y1 {
                    true => write!(d, "M{},{}H{}", tenth(*x0), tenth(*y0), tenth(*x1)),
                    false => write!(d, "M{},{}V{}", tenth(*x0), tenth(*y0), tenth(*y1)),
                };
            }
            if !d.is_empty() {
                let _ = write!(o, "<path class=\"ms-pocket-edge\" d=\"{d}\"/>");
            }
            o.push_str("</g>\n");
        }
        o.push_str("</g>\n");
    }

    /// Circles, shops, candidates, rings, stops and the depot, bottom to top; one of each per
    /// point however many sites stand on it ([`super::points`]).
    pub(super) fn sites(&self, o: &mut String, spec: &MapSpec, lang: Lang) {
        let sites = &spec.data.candidates.data.sites;
        let r_units = spec.radius_m * self.proj.scale;
        let title = |j: usize| {
            let names: Vec<String> = self
                .points
                .sites(j)
                .iter()
                .map(|&k| site_name(sites[k].name.as_deref(), &sites[k].id))
                .collect();
            esc(&names.join(joiner(lang)))
        };
        let chosen = self.once_per_point(&self.chosen);
        o.push_str("<g>\n");
        // A cost matrix decides reach by the streets: a circle would show the wrong thing.
        let circled = if spec.by_cost_matrix() {
            &[][..]
        } else {
            &chosen[..]
        };
        for &j in circled {
            let (x, y) = self.proj.xy(sites[j].location);
            let (x, y, r) = (f1(x), f1(y), f1(r_units));
            let _ = writeln!(
                o,
                "<circle class=\"ms-reach\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/>"
            );
        }
        // Along the streets: the stretches walked to each stop, where the circle would be.
        for (j, d) in self.streets.iter().flat_map(|st| &st.walked) {
            let _ = writeln!(
                o,
                "<path class=\"ms-walked\" d=\"{d}\"><title>{}</title></path>",
                title(*j)
            );
        }
        self.shops(o, spec);
        for (j, s) in sites.iter().enumerate() {
            if !self.points.is_first(j) {
                continue;
            }
            let (x, y) = self.proj.xy(s.location);
            // Outside the data: a grey dashed ring, its reach not measurable.
            let (class, r) = match self.outside[j] {
                true => ("ms-cand-out", "4.5"),
                false => ("ms-cand", "3.5"),
            };
            let _ = writeln!(
                o,
                "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{r}\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                title(j)
            );
        }
        for (list, class, r) in [
            (self.once_per_point(&self.marked), "ms-marked", "9.5"),
            (chosen, "ms-stop", "7"),
        ] {
            for j in list {
                let (x, y) = self.proj.xy(sites[j].location);
                let _ = writeln!(
                    o,
                    "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"{r}\"><title>{}</title></circle>",
                    f1(x),
                    f1(y),
                    title(j)
                );
            }
        }
        if let Some(d) = spec.depot {
            let (x, y) = self.proj.xy(d.location);
            let _ = writeln!(
                o,
                "<path class=\"ms-depot\" d=\"{}\"><title>{}</title></path>",
                depot_path(x, y),
                esc(d.name)
            );
        }
        o.push_str("</g>\n");
    }

    /// The existing shops, small squares named on hover.
    fn shops(&self, o: &mut String, spec: &MapSpec) {
        let Some(stores) = &spec.data.stores else {
            return;
        };
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

    /// The sites of `list` in its order, the first on each point only.
    fn once_per_point(&self, list: &[usize]) -> Vec<usize> {
        let mut seen: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for &j in list {
            let p = self.points.point(j);
            if !seen.contains(&p) {
                seen.push(p);
                out.push(j);
            }
        }
        out
    }

    /// The land without data named, then the pockets' counts, then one name per point for the
    /// chosen stops (bold), the ringed sites and the depot (when no named site stands on it),
    /// each placed clear of those before.
    pub(super) fn labels(&self, o: &mut String, spec: &MapSpec, lang: Lang) {
        let demand = &spec.data.demand.data;
        let sites = &spec.data.candidates.data.sites;
        let mut placed: Vec<Box2> = Vec::new();
        o.push_str("<g>\n");
        self.no_data_label(o, spec, lang, &mut placed);
        for p in &self.pockets.shown {
            let text = self.need_count(p.need, lang);
            let (x, y) = self.pocket_anchor(p, &demand.locations);
            let w = text_width(&text, HEAD_SIZE);
            let base = place_centred(x, y, w, HEAD_SIZE, &mut placed);
            let _ = writeln!(
                o,
                "<text class=\"ms-pocket-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                f1(x),
                f1(base),
                esc(&text)
            );
        }
        // Names keep off the markers: every candidate's, the rings and the depot.
        let named = self.named_points(spec);
        for (j, s) in sites.iter().enumerate() {
            let (x, y) = self.proj.xy(s.location);
            block(x, y, if self.outside[j] { 4.5 } else { 3.5 }, &mut placed);
        }
        for (j, _, _) in &named {
            let (x, y) = self.proj.xy(sites[*j].location);
            block(x, y, 9.5, &mut placed);
        }
        if let Some(d) = spec.depot {
            let (x, y) = self.proj.xy(d.location);
            block(x, y, DEPOT_R, &mut placed);
        }
        // The largest names first: a short one finds room where a long one cannot.
        let mut names: Vec<(Vec<String>, (f64, f64), bool)> = named
            .into_iter()
            .map(|(j, names, stop)| {
                (
                    point_label(&names, lang),
                    self.proj.xy(sites[j].location),
                    stop,
                )
            })
            .collect();
        names.sort_by(|a, b| label_area(&b.0).total_cmp(&label_area(&a.0)));
        let at: Vec<(f64, f64)> = names.iter().map(|n| n.1).collect();
        for (lines, xy, stop) in &names {
            label(o, *xy, lines, *stop, &mut placed);
        }
        if let Some(d) = spec.depot {
            let (x, y) = self.proj.xy(d.location);
            if !at.iter().any(|&(a, b)| (a - x).hypot(b - y) < 1.0) {
                let text = clip(d.name, LABEL_CHARS);
                label(o, (x, y), &[text], false, &mut placed);
            }
        }
        o.push_str("</g>\n");
    }

    /// The points to name, chosen stops first: the first named site on each, the names of
    /// its sites (the named ones first, in the order given, then the rest in file order), and
    /// whether a chosen stop stands on it.
    fn named_points(&self, spec: &MapSpec) -> Vec<(usize, Vec<String>, bool)> {
        let sites = &spec.data.candidates.data.sites;
        let name = |j: usize| site_name(sites[j].name.as_deref(), &sites[j].id);
        let named: Vec<usize> = self
            .chosen
            .iter()
            .chain(self.marked.iter().filter(|j| !self.chosen.contains(j)))
            .copied()
            .collect();
        let mut out: Vec<(usize, Vec<String>, bool)> = Vec::new();
        let mut done: Vec<usize> = Vec::new();
        for &j in &named {
            let p = self.points.point(j);
            if done.contains(&p) {
                continue;
            }
            done.push(p);
            let on = self.points.sites(j);
            let first: Vec<usize> = named.iter().copied().filter(|k| on.contains(k)).collect();
            let rest = on.iter().copied().filter(|k| !first.contains(k));
            let names = first.iter().copied().chain(rest).map(name).collect();
            let stop = on.iter().any(|k| self.chosen.contains(k));
            out.push((j, names, stop));
        }
        out
    }

    /// "No data" on the hatched land, clear of every marker, where it fits (inside the
    /// council's boundary when it can); one line, else two.
    fn no_data_label(&self, o: &mut String, spec: &MapSpec, lang: Lang, placed: &mut Vec<Box2>) {
        if !self.areas.has_no_data() {
            return;
        }
        let sites = &spec.data.candidates.data.sites;
        let mut markers: Vec<(f64, f64)> = sites.iter().map(|s| self.proj.xy(s.location)).collect();
        if let Some(st) = &spec.data.stores {
            markers.extend(st.data.iter().map(|s| self.proj.xy(s.location)));
        }
        markers.extend(spec.depot.map(|d| self.proj.xy(d.location)));
        let words = no_data_words(self.mesh(), lang);
        for lines in [vec![words], two_lines(words)] {
            let w = lines
                .iter()
                .map(|l| text_width(l, TEXT))
                .fold(0.0, f64::max);
            let h = LINE * lines.len() as f64;
            let Some((x, y)) = self.areas.label_spot(w, h, &markers) else {
                continue;
            };
            let top = y - h / 2.0 + LINE / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let base = place_centred(x, top + LINE * k as f64, w, TEXT, placed);
                let _ = writeln!(
                    o,
                    "<text class=\"ms-nodata-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    f1(x),
                    f1(base),
                    esc(line)
                );
            }
            return;
        }
    }
}

/// The room a name takes: its widest line times its lines.
fn label_area(lines: &[String]) -> f64 {
    let w = lines
        .iter()
        .map(|l| text_width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    w * lines.len() as f64
}

/// One name beside its marker, bold for a chosen stop; a name of several lines has the
/// later ones as `tspan`s under the first.
fn label(o: &mut String, at: (f64, f64), lines: &[String], stop: bool, placed: &mut Vec<Box2>) {
    let width = lines
        .iter()
        .map(|l| text_width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    let (lx, ly, end) = place_label(at, width, lines.len(), placed);
    let _ = write!(
        o,
        "<text class=\"ms-label{}\" x=\"{}\" y=\"{}\"{}>",
        if stop { "" } else { " ms-other" },
        f1(lx),
        f1(ly),
        if end { " text-anchor=\"end\"" } else { "" },
    );
    for (k, line) in lines.iter().enumerate() {
        let _ = match k {
            0 => write!(o, "{}", esc(line)),
            _ => write!(
                o,
                "<tspan x=\"{}\" dy=\"{LINE}\">{}</tspan>",
                f1(lx),
                esc(line)
            ),
        };
    }
    o.push_str("</text>\n");
}

/// The depot: a house (a square under a roof), centred on (x, y).
pub(super) fn depot_path(x: f64, y: f64) -> String {
    let r = DEPOT_R;
    format!(
        "M{},{}L{},{}L{},{}L{},{}L{},{}Z",
        f1(x),
        f1(y - r),
        f1(x + r),
        f1(y - r * 0.15),
        f1(x + r * 0.75),
        f1(y + r),
        f1(x - r * 0.75),
        f1(y + r),
        f1(x - r),
        f1(y - r * 0.15)
    )
}
