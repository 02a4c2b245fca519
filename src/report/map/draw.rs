//! Drawing the map: the SVG document part by part in painting order (header, demand, land
//! without data, pockets, the council's boundary, sites, frame, scale bar, north arrow, legend,
//! footer).

use super::areas::path_data;
use super::layout::scale_length;
use super::plan::Plan;
use super::spec::MapSpec;
use super::streets::STREET_STYLE;
use super::style::{
    f1, fit, style_sheet, text_width, wrap, FRAME_H, FRAME_W, FRAME_X, FRAME_Y, LINE, RAMP, TEXT,
    TITLE_SIZE, VIEW_W,
};
use crate::error::Result;
use crate::model::{DemandFormat, LatLon};
use crate::report::escape::esc;
use crate::report::labels::Lang;
use std::fmt::Write as _;

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

impl Plan {
    /// The whole SVG document, part by part in painting order. The body is drawn first: the
    /// drawing's height is wherever the legend or the footer ends.
    fn render(&self, spec: &MapSpec, lang: Lang) -> String {
        let data = spec.data;
        let l = |en: &'static str, ja: &'static str| lang.pick(en, ja);
        let mut body = String::with_capacity(64 * 1024 + 160 * data.demand.data.len());
        let title = match spec.title {
            Some(t) => t.to_string(),
            None => l(
                "Mobile shop stops and walking reach",
                "移動販売の停留所と徒歩圏",
            )
            .to_string(),
        };
        self.header(&mut body, spec, &title, lang);
        let _ = writeln!(body, "<g clip-path=\"url(#ms-clip)\">");
        self.demand(&mut body, spec);
        self.no_data(&mut body);
        self.streets(&mut body);
        self.pockets(&mut body, spec);
        self.outline(&mut body);
        self.sites(&mut body, spec, lang);
        self.labels(&mut body, spec, lang);
        body.push_str("</g>\n");
        let _ = writeln!(
            body,
            "<rect class=\"ms-frame\" x=\"{FRAME_X}\" y=\"{FRAME_Y}\" width=\"{FRAME_W}\" height=\"{FRAME_H}\"/>"
        );
        self.scale_bar(&mut body);
        north_arrow(&mut body, lang);
        let legend_end = self.legend(&mut body, spec, lang);
        let foot_end = self.footer(&mut body, spec, lang, legend_end);
        let view_h = (legend_end.max(foot_end) + 12.0).ceil();
        let mut o = String::with_capacity(body.len() + 4096);
        let _ = writeln!(
            o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ms-map\" viewBox=\"0 0 {VIEW_W} {view_h}\" width=\"{VIEW_W}\" height=\"{view_h}\" role=\"img\">"
        );
        let _ = writeln!(o, "<title>{}</title>", esc(&title));
        let ramp: String = RAMP
            .iter()
            .enumerate()
            .map(|(k, c)| format!(".ms-c{k}{{fill:{c}}}"))
            .collect();
        let streets = match self.streets {
            Some(_) => STREET_STYLE,
            None => "",
        };
        let _ = writeln!(o, "<style>{}{ramp}{streets}</style>", style_sheet());
        let _ = writeln!(
            o,
            "<defs><pattern id=\"ms-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#3f007d\" stroke-width=\"1.1\"/></pattern>\
<pattern id=\"ms-nodata-hatch\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\" patternTransform=\"rotate(-45)\"><rect width=\"8\" height=\"8\" fill=\"#ececec\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#a8a8a8\" stroke-width=\"1.2\"/></pattern>\
<clipPath id=\"ms-clip\"><rect x=\"{FRAME_X}\" y=\"{FRAME_Y}\" width=\"{FRAME_W}\" height=\"{FRAME_H}\"/></clipPath></defs>"
        );
        let _ = writeln!(
            o,
            "<rect class=\"ms-bg\" x=\"0\" y=\"0\" width=\"{VIEW_W}\" height=\"{view_h}\"/>"
        );
        o.push_str(&body);
        o.push_str("</svg>\n");
        o
    }

    fn header(&self, o: &mut String, spec: &MapSpec, title: &str, lang: Lang) {
        let r = spec.radius_words(lang);
        let k = self.chosen.len();
        let stops = match lang {
            Lang::En => format!(" — {k} stop{}", if k == 1 { "" } else { "s" }),
            Lang::Ja => format!(" — 停留所{k}か所"),
        };
        let reach = match (lang, spec.by_cost_matrix(), &self.streets) {
            (Lang::En, _, Some(st)) if st.hills => {
                format!(", reach {r} walking along the streets (flat-equivalent)")
            }
            (Lang::En, _, Some(_)) => format!(", reach {r} walking along the streets"),
            (Lang::En, false, None) => format!(", walking radius {r} (straight line)"),
            (Lang::En, true, None) => format!(", reach {r} (cost matrix)"),
            (Lang::Ja, _, Some(st)) if st.hills => format!("、道路沿いに歩いて平地換算{r}以内"),
            (Lang::Ja, _, Some(_)) => format!("、道路沿いに歩いて{r}以内"),
            (Lang::Ja, false, None) => format!("、徒歩圏 半径{r}（直線）"),
            (Lang::Ja, true, None) => format!("、到達圏 {r}（コスト行列）"),
        };
        let tail = format!("{stops}{reach}");
        // The data's name gives way first: the stops and the radius are the map's facts.
        let room = (VIEW_W - 2.0 * FRAME_X - text_width(&tail, TEXT)).max(100.0);
        let sub = format!(
            "{}{tail}",
            fit(&lang.data_words(&spec.data.label), room, TEXT)
        );
        let _ = writeln!(
            o,
            "<text class=\"ms-title\" x=\"{FRAME_X}\" y=\"30\">{}</text>",
            esc(&fit(title, VIEW_W - 2.0 * FRAME_X, TITLE_SIZE))
        );
        let _ = writeln!(
            o,
            "<text class=\"ms-sub\" x=\"{FRAME_X}\" y=\"55\">{}</text>",
            esc(&fit(&sub, VIEW_W - 2.0 * FRAME_X, TEXT))
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

    /// The frame outside the data, hatched grey, under everything else drawn on the land.
    fn no_data(&self, o: &mut String) {
        if self.areas.has_no_data() {
            let _ = writeln!(
                o,
                "<path class=\"ms-nodata\" fill-rule=\"evenodd\" d=\"{}\"/>",
                path_data(&self.areas.no_data)
            );
        }
    }

    /// The streets, light and thin under everything but the demand, when distances were
    /// walked along them.
    fn streets(&self, o: &mut String) {
        if let Some(st) = self.streets.as_ref().filter(|st| !st.streets.is_empty()) {
            let _ = writeln!(o, "<path class=\"ms-streets\" d=\"{}\"/>", st.streets);
        }
    }

    /// The council's boundary, a dashed line over the demand and the pockets.
    fn outline(&self, o: &mut String) {
        if let Some(outline) = &self.areas.outline {
            let _ = writeln!(o, "<path class=\"ms-area\" d=\"{}\"/>", path_data(outline));
        }
    }

    /// One demand point: its mesh square, or a dot of radius `dot` when it has no cell.
    pub(super) fn shape(&self, o: &mut String, i: usize, p: LatLon, dot: f64) {
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

    /// The sources and the reading notes under the frame, as wide as the drawing, or only as
    /// wide as the frame when the legend (ending at `legend_end`) runs down beside them;
    /// returns where they end.
    fn footer(&self, o: &mut String, spec: &MapSpec, lang: Lang, legend_end: f64) -> f64 {
        let data = spec.data;
        let shops = match &data.stores {
            Some(s) => s.source.clone(),
            None => lang.pick("no data", "データなし").to_string(),
        };
        // File names are the planner's: a Japanese page points to its "how this was made" box.
        let sources = match lang {
            Lang::En => {
                let mut s = format!(
                    "Demand: {}; candidates: {}; shops: {}",
                    data.demand.source, data.candidates.source, shops
                );
                if let Some(area) = &data.area {
                    s.push_str("; boundary: ");
                    s.push_str(&area.source);
                }
                if let Some(st) = &data.streets {
                    let _ = write!(s, "; streets: {}", st.source);
                }
                s
            }
            Lang::Ja => format!(
                "店舗: {}／使ったファイルは「作成方法（担当者向け）」に記載",
                if data.stores.is_some() {
                    "あり"
                } else {
                    "データなし"
                }
            ),
        };
        let second = self.reading_notes(spec, lang);
        let mut y = FRAME_Y + FRAME_H + 24.0;
        let width = match legend_end > y - TEXT {
            true => FRAME_W,
            false => VIEW_W - 2.0 * FRAME_X,
        };
        // The streets' credit on a line of its own, so it is never broken.
        let credit = data.streets.as_ref().map(|_| {
            let credit = crate::network::CREDIT;
            match lang {
                Lang::En => format!("Streets: {credit}"),
                Lang::Ja => format!("道路: {credit}"),
            }
        });
        let blocks = [Some(sources), Some(second), credit];
        for line in blocks.iter().flatten().flat_map(|t| wrap(t, width, TEXT)) {
            let _ = writeln!(
                o,
                "<text class=\"ms-foot\" x=\"{FRAME_X}\" y=\"{}\">{}</text>",
                f1(y),
                esc(&fit(&line, width, TEXT))
            );
            y += LINE;
        }
        y - LINE + 5.0
    }

    /// The footer's second block: where nobody lives, which distances were used, the census
    /// credit and the boundary's.
    fn reading_notes(&self, spec: &MapSpec, lang: Lang) -> String {
        let data = spec.data;
        let mut second = match self.areas.has_no_data() {
            true => lang.pick(
                "Uncoloured land inside the data: nobody lives there.",
                "データの範囲内で色のない所：居住者なし。",
            ),
            false => lang.pick(
                "Uncoloured land: nobody lives there.",
                "色のない所：居住者なし。",
            ),
        }
        .to_string();
        second.push_str(match (data.costs.is_some(), data.streets.is_some(), lang) {
            (_, true, Lang::En) => " Reach is the walking distance along the streets; other distances are straight lines.",
            (_, true, Lang::Ja) => "到達圏は道路に沿った徒歩距離。その他の距離は直線距離。",
            (false, _, Lang::En) => " Distances are straight lines.",
            (false, _, Lang::Ja) => "距離は直線距離。",
            (true, _, Lang::En) => " Reach by the cost matrix; other distances are straight lines.",
            (true, _, Lang::Ja) => "到達圏はコスト行列による。その他の距離は直線距離。",
        });
        if matches!(data.demand.data.format, DemandFormat::EstatMesh(_)) {
            second.push(' ');
            second.push_str(lang.pick(
                "Source: e-Stat census grid-square statistics, processed.",
                "出典：政府統計の総合窓口(e-Stat) 国勢調査 地域メッシュ統計を加工して作成",
            ));
        }
        // The boundary's credit, as its source states it.
        for note in data.area.iter().flat_map(|a| &a.notes) {
            let mut text = lang.text(note).chars();
            second.push(' ');
            second.extend(text.next().map(|c| c.to_ascii_uppercase()));
            second.push_str(text.as_str());
        }
        second
    }
}

/// A north arrow in the frame's top-right corner.
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
