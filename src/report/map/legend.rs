//! The legend: shading classes with their counts, the map's symbols, and how much of the need
//! the stops reach.

use super::plan::Plan;
use super::spec::MapSpec;
use super::style::{clip, f1, metres_text, plural, FRAME_Y, PANEL_X};
use crate::model::number::round;
use crate::model::{AGED_65_PLUS, POPULATION};
use crate::report::escape::esc;
use crate::report::labels::Lang;
use crate::report::table::count;
use std::fmt::Write as _;

impl Plan {
    /// The legend panel: what the shading means, the symbols, and how much of the need the
    /// stops reach.
    pub(super) fn legend(&self, o: &mut String, spec: &MapSpec, lang: Lang) {
        let mut rows = self.shading_rows(lang);
        rows.push(self.pocket_row(spec, lang));
        symbol_rows(&mut rows, spec, lang);
        // How much of the need the plan reaches, the number a council asks first.
        rows.extend(self.reached_rows(spec, lang));
        draw_rows(o, rows);
    }

    /// The shading's heading and unit, then one row per class with how many cells it holds.
    fn shading_rows(&self, lang: Lang) -> Vec<Row> {
        let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
        let mesh = self.mesh();
        let head = match self.shade_column.as_deref() {
            Some(c) if c.eq_ignore_ascii_case(AGED_65_PLUS) => {
                l("Residents aged 65+", "65歳以上人口")
            }
            Some(c) if c.eq_ignore_ascii_case(POPULATION) => l("Population", "人口"),
            Some(c) => clip(c, 30),
            None => l("Demand points", "需要地点"),
        };
        let unit = match mesh {
            true => l("per census cell (people)", "セルあたり（人）"),
            false => l("per demand point", "地点あたり"),
        };
        let mut rows = vec![Row::head(head, 18.0), Row::text(unit, 12.0)];
        let mut members = vec![0usize; self.classes.len()];
        for &v in &self.shade {
            members[self.classes.of(v)] += 1;
        }
        for (k, &m) in members.iter().enumerate() {
            let text = match lang {
                Lang::En => format!("{}  ({})", self.classes.label(k), noun(lang, mesh, m)),
                Lang::Ja => format!("{}（{}）", self.classes.label(k), noun(lang, mesh, m)),
            };
            rows.push(Row::symbol(
                Swatch::Class(self.classes.colour(k)),
                vec![text],
                20.0,
            ));
        }
        if let Some(last) = rows.last_mut() {
            last.after += 14.0;
        }
        rows
    }

    /// The uncovered pockets: what they are and how much need they hold.
    fn pocket_row(&self, spec: &MapSpec, lang: Lang) -> Row {
        let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
        let demand = &spec.data.demand.data;
        let mesh = self.mesh();
        let pockets: Vec<usize> = (0..demand.len()).filter(|&i| self.pocket(i)).collect();
        let left_out: f64 = pockets.iter().map(|&i| self.need[i]).sum();
        let (n, p, r) = (
            noun(lang, mesh, pockets.len()),
            count(left_out),
            metres_text(spec.radius_m),
        );
        let mut lines: Vec<String> = match (lang, self.need_is_aged) {
            (Lang::En, true) => vec![
                "Uncovered: aged 65+ living".into(),
                format!("beyond {r} m of every stop"),
                format!("{n}, {p} people aged 65+"),
            ],
            (Lang::En, false) => vec![
                "Uncovered: demand beyond".into(),
                format!("{r} m of every stop"),
                format!("{n}, total {p}"),
            ],
            (Lang::Ja, true) => vec![
                "未カバー：どの停留所からも".into(),
                format!("{r}m超に住む65歳以上"),
                format!("{n}・65歳以上{p}人"),
            ],
            (Lang::Ja, false) => vec![
                "未カバー：どの停留所からも".into(),
                format!("{r}m超の需要"),
                format!("{n}・計{p}"),
            ],
        };
        if mesh {
            lines.push(l("(judged at each cell's centre)", "（セルの中心で判定）"));
        }
        let after = 16.0 * lines.len() as f64 + 12.0;
        Row::symbol(Swatch::Pocket, lines, after)
    }

    /// The share of the need within reach of a stop.
    fn reached_rows(&self, spec: &MapSpec, lang: Lang) -> [Row; 2] {
        let demand = &spec.data.demand.data;
        let total: f64 = self.need.iter().sum();
        let reached: f64 = (0..demand.len())
            .filter(|&i| self.covered[i])
            .map(|i| self.need[i])
            .sum();
        let pct = match total > 0.0 {
            true => format!("{:.1}", round(100.0 * reached / total, 1)),
            false => lang.na().to_string(),
        };
        let (t, c) = (count(total), count(reached));
        let (a, b) = match (lang, self.need_is_aged) {
            (Lang::En, true) => (
                "Aged 65+ within reach:".into(),
                format!("{c} of {t} ({pct} %)"),
            ),
            (Lang::En, false) => (
                "Demand within reach:".into(),
                format!("{c} of {t} ({pct} %)"),
            ),
            (Lang::Ja, true) => (
                "徒歩圏内の65歳以上：".into(),
                format!("{t}人中{c}人（{pct}%）"),
            ),
            (Lang::Ja, false) => ("徒歩圏内の需要：".into(), format!("{t}中{c}（{pct}%）")),
        };
        [Row::head(a, 18.0), Row::text(b, 0.0)]
    }

    /// Whether demand is drawn as census cells rather than points.
    fn mesh(&self) -> bool {
        self.cells.iter().any(Option::is_some)
    }
}

/// The symbols of the map: stop, walking reach, candidate, shop.
fn symbol_rows(rows: &mut Vec<Row>, spec: &MapSpec, lang: Lang) {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let r = metres_text(spec.radius_m);
    rows.push(Row::symbol(
        Swatch::Stop,
        vec![l("Stop (chosen)", "停留所（選定）")],
        24.0,
    ));
    let reach = match lang {
        Lang::En => format!("Walking reach: {r} m straight line"),
        Lang::Ja => format!("徒歩圏（直線{r}m）"),
    };
    rows.push(Row::symbol(Swatch::Reach, vec![reach], 26.0));
    let sites = count(spec.data.candidates.data.sites.len() as f64);
    let cand = match lang {
        Lang::En => format!("Candidate site ({sites})"),
        Lang::Ja => format!("候補地（{sites}か所）"),
    };
    rows.push(Row::symbol(Swatch::Candidate, vec![cand], 22.0));
    rows.push(match &spec.data.stores {
        Some(st) => {
            let shops = count(st.data.len() as f64);
            let text = match lang {
                Lang::En => format!("Food shop ({shops})"),
                Lang::Ja => format!("店舗（{shops}店）"),
            };
            Row::symbol(Swatch::Shop, vec![text], 34.0)
        }
        None => Row::symbol(
            Swatch::None,
            vec![l("Food shops: no data", "店舗：データなし")],
            34.0,
        ),
    });
}

/// "12 cells" / "12セル" (or points, when the demand is not on a mesh).
fn noun(lang: Lang, mesh: bool, n: usize) -> String {
    match (lang, mesh) {
        (Lang::En, true) => format!("{} cell{}", count(n as f64), plural(n)),
        (Lang::En, false) => format!("{} point{}", count(n as f64), plural(n)),
        (Lang::Ja, true) => format!("{}セル", count(n as f64)),
        (Lang::Ja, false) => format!("{}地点", count(n as f64)),
    }
}

/// Writes the rows top to bottom in the panel right of the frame.
fn draw_rows(o: &mut String, rows: Vec<Row>) {
    o.push_str("<g class=\"ms-legend\">\n");
    let mut y = FRAME_Y + 14.0;
    for row in rows {
        let (x, tx) = (PANEL_X, PANEL_X + 28.0);
        match row.swatch {
            None => {
                let class = if row.bold { "ms-leghead" } else { "ms-leg" };
                let _ = writeln!(
                    o,
                    "<text class=\"{class}\" x=\"{x}\" y=\"{}\">{}</text>",
                    f1(y),
                    esc(&row.lines[0])
                );
            }
            Some(sw) => {
                swatch(o, sw, x, y);
                for (k, line) in row.lines.iter().enumerate() {
                    let _ = writeln!(
                        o,
                        "<text class=\"ms-leg\" x=\"{tx}\" y=\"{}\">{}</text>",
                        f1(y + 11.5 + 16.0 * k as f64),
                        esc(line)
                    );
                }
            }
        }
        y += row.after;
    }
    o.push_str("</g>\n");
}

/// One line (or block) of the legend: an optional sample symbol, its text, and the space it
/// takes, so the legend is a list to read rather than a page of coordinates.
struct Row {
    swatch: Option<Swatch>,
    lines: Vec<String>,
    bold: bool,
    after: f64,
}

impl Row {
    fn head(text: String, after: f64) -> Row {
        Row {
            swatch: None,
            lines: vec![text],
            bold: true,
            after,
        }
    }

    fn text(text: String, after: f64) -> Row {
        Row {
            bold: false,
            ..Row::head(text, after)
        }
    }

    fn symbol(swatch: Swatch, lines: Vec<String>, after: f64) -> Row {
        Row {
            swatch: Some(swatch),
            lines,
            bold: false,
            after,
        }
    }
}

/// The sample symbols the legend shows, drawn as on the map.
#[derive(Debug, Clone, Copy)]
enum Swatch {
    /// No symbol (text indented like the others).
    None,
    /// A shading class, by ramp colour.
    Class(usize),
    Pocket,
    Stop,
    Reach,
    Candidate,
    Shop,
}

/// Draws a legend symbol in the 20 × 14 box whose top-left corner is (x, y).
fn swatch(o: &mut String, s: Swatch, x: f64, y: f64) {
    let (cx, cy) = (f1(x + 10.0), f1(y + 7.0));
    let (shop_x, shop_y) = (f1(x + 6.5), f1(y + 3.5));
    let y = f1(y);
    let _ = match s {
        Swatch::None => Ok(()),
        Swatch::Class(c) => writeln!(
            o,
            "<rect class=\"ms-c{c}\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        ),
        Swatch::Pocket => writeln!(
            o,
            "<rect class=\"ms-pockets ms-pocket-edge\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\"/>"
        ),
        Swatch::Stop => writeln!(o, "<circle class=\"ms-stop\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/>"),
        Swatch::Reach => writeln!(o, "<circle class=\"ms-reach\" cx=\"{cx}\" cy=\"{cy}\" r=\"10\"/>"),
        Swatch::Candidate => writeln!(o, "<circle class=\"ms-cand\" cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\"/>"),
        Swatch::Shop => writeln!(
            o,
            "<rect class=\"ms-shop\" x=\"{shop_x}\" y=\"{shop_y}\" width=\"7\" height=\"7\"/>"
        ),
    };
}
