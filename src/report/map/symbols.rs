//! What is drawn on the demand: the outlined pockets, the walking circles, shops, candidates,
//! the rings of the council's own and compared sites, the chosen stops, the depot, and their
//! labels (pocket counts first, so the names keep clear of them).

use super::layout::{place_centred, place_label, Box2};
use super::plan::Plan;
use super::spec::MapSpec;
use super::style::{clip, f1, site_name, text_width, HEAD_SIZE, LABEL_CHARS, LABEL_SIZE};
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

    /// Circles, shops, candidates, rings, stops and the depot, bottom to top.
    pub(super) fn sites(&self, o: &mut String, spec: &MapSpec) {
        let sites = &spec.data.candidates.data.sites;
        let r_units = spec.radius_m * self.proj.scale;
        let name = |j: usize| esc(&site_name(sites[j].name.as_deref(), &sites[j].id));
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
        for (j, s) in sites.iter().enumerate() {
            let (x, y) = self.proj.xy(s.location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-cand\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                name(j)
            );
        }
        for &j in &self.marked {
            let (x, y) = self.proj.xy(sites[j].location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-marked\" cx=\"{}\" cy=\"{}\" r=\"9.5\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                name(j)
            );
        }
        for &j in &self.chosen {
            let (x, y) = self.proj.xy(sites[j].location);
            let _ = writeln!(
                o,
                "<circle class=\"ms-stop\" cx=\"{}\" cy=\"{}\" r=\"7\"><title>{}</title></circle>",
                f1(x),
                f1(y),
                name(j)
            );
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

    /// The pockets' counts, then the names of the chosen stops (bold), of the ringed sites and
    /// of the depot (when no labelled site stands on it), each placed clear of those before.
    pub(super) fn labels(&self, o: &mut String, spec: &MapSpec, lang: Lang) {
        let demand = &spec.data.demand.data;
        let sites = &spec.data.candidates.data.sites;
        let mut placed: Vec<Box2> = Vec::new();
        o.push_str("<g>\n");
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
        let others = self.marked.iter().filter(|j| !self.chosen.contains(j));
        let named = self
            .chosen
            .iter()
            .map(|&j| (j, true))
            .chain(others.map(|&j| (j, false)));
        let mut at: Vec<(f64, f64)> = Vec::new();
        for (j, stop) in named {
            let text = clip(
                &site_name(sites[j].name.as_deref(), &sites[j].id),
                LABEL_CHARS,
            );
            let (x, y) = self.proj.xy(sites[j].location);
            at.push((x, y));
            label(o, (x, y), &text, stop, &mut placed);
        }
        if let Some(d) = spec.depot {
            let (x, y) = self.proj.xy(d.location);
            if !at.iter().any(|&(a, b)| (a - x).hypot(b - y) < 1.0) {
                let text = clip(d.name, LABEL_CHARS);
                label(o, (x, y), &text, false, &mut placed);
            }
        }
        o.push_str("</g>\n");
    }
}

/// One name beside its marker: bold for a chosen stop.
fn label(o: &mut String, (x, y): (f64, f64), text: &str, stop: bool, placed: &mut Vec<Box2>) {
    let (lx, ly, end) = place_label(x, y, text_width(text, LABEL_SIZE), placed);
    let _ = writeln!(
        o,
        "<text class=\"ms-label{}\" x=\"{}\" y=\"{}\"{}>{}</text>",
        if stop { "" } else { " ms-other" },
        f1(lx),
        f1(ly),
        if end { " text-anchor=\"end\"" } else { "" },
        esc(text)
    );
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
