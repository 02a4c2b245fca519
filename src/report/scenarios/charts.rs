//! The charts the scenario page opens with, as inline SVG (no scripts, so the page prints and
//! opens offline): the share of the objective weight reached against the number of stops, one
//! line per radius (and per model or objective when the file varies them), and each
//! candidate's robustness share as a bar.
//!
//! A line joins the solved scenarios that differ only in `p`; a scenario that changes anything
//! else (an exclusion, a new site) is a line of its own, and one with a single point is left to
//! the table. Every point and bar carries a `<title>`, which browsers show on hover.

use super::words::Names;
use crate::report::escape::esc;
use crate::report::labels::Lang;
use crate::scenario::{Batch, Overrides};
use crate::solve::{Model, SolveParams};
use std::fmt::Write as _;

/// Ten colours told apart in print and by most colour-blind readers (Tableau 10); after ten,
/// lines repeat them dashed.
const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

/// The most candidates the bar chart shows (the table below lists every one).
const MAX_BARS: usize = 30;

/// One line of the chart: scenarios alike in everything but `p`.
struct Series {
    model: Model,
    objective: Option<String>,
    radius_m: f64,
    /// The first scenario's table name, to tell apart lines that would share a label.
    written: String,
    /// (p, share reached), by p.
    points: Vec<(usize, f64)>,
}

/// The lines: solved rows with a `p` and a weight to share, grouped by every other setting;
/// only lines of two points or more, by model, objective and radius.
fn series(b: &Batch, lang: Lang) -> Vec<Series> {
    let mut out: Vec<(String, Series)> = Vec::new();
    for r in &b.rows {
        let (Some(s), Some(p)) = (r.outcome.solved(), r.scenario.settings.p) else {
            continue;
        };
        if s.result.total_weight <= 0.0 {
            continue;
        }
        let share = s.result.covered_weight / s.result.total_weight;
        let rest = Overrides {
            p: None,
            ..r.scenario.settings.clone()
        };
        let key = serde_json::to_string(&rest).unwrap_or_default();
        let k = match out.iter().position(|(k, _)| *k == key) {
            Some(k) => k,
            None => {
                let written = r.scenario.written.clone();
                out.push((
                    key,
                    Series {
                        model: rest.model.unwrap_or(SolveParams::default().model),
                        objective: s.weight_column.clone(),
                        radius_m: rest.radius_m.unwrap_or(crate::defaults::RADIUS_M),
                        written: written
                            .unwrap_or_else(|| lang.pick("baseline", "基準").to_string()),
                        points: Vec::new(),
                    },
                ));
                out.len() - 1
            }
        };
        let points = &mut out[k].1.points;
        if !points.iter().any(|(q, _)| *q == p) {
            points.push((p, share));
        }
    }
    let mut lines: Vec<Series> = out
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.points.len() >= 2)
        .collect();
    for s in &mut lines {
        s.points.sort_by_key(|(p, _)| *p);
    }
    // Stable: lines alike in model, objective and radius keep file order.
    lines.sort_by(|a, b| {
        (a.model.name(), &a.objective)
            .cmp(&(b.model.name(), &b.objective))
            .then(a.radius_m.total_cmp(&b.radius_m))
    });
    lines
}

/// Labels: the radius, then the model and the objective where lines differ in them, then the
/// scenario's name where two lines would still read alike.
fn labels(lines: &[Series], lang: Lang) -> Vec<String> {
    let differ = |f: &dyn Fn(&Series) -> String| lines.iter().any(|s| f(s) != f(&lines[0]));
    let models = differ(&|s| s.model.name().to_string());
    let objectives = differ(&|s| s.objective.clone().unwrap_or_default());
    let mut out: Vec<String> = lines
        .iter()
        .map(|s| {
            let mut l = format!("{} m", crate::model::number::round(s.radius_m, 2));
            let sep = lang.pick(", ", "、");
            if models {
                let _ = write!(l, "{sep}{}", lang.model(s.model));
            }
            if objectives {
                let w = match s.objective.as_deref() {
                    Some(c) => lang.column(c),
                    None => lang.pick("points", "地点数").to_string(),
                };
                let _ = write!(l, "{sep}{w}");
            }
            l
        })
        .collect();
    let copy = out.clone();
    for (k, l) in out.iter_mut().enumerate() {
        if copy.iter().filter(|x| **x == copy[k]).count() > 1 {
            let _ = write!(l, " ({})", lines[k].written);
        }
    }
    out
}

/// Chart area of the line chart, in SVG units.
const W: f64 = 640.0;
const H: f64 = 300.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

/// The line chart with its heading and caption, or a sentence saying why there is none.
pub(super) fn share_by_p(out: &mut String, b: &Batch, lang: Lang) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        esc(lang.pick(
            "Share reached against the number of stops",
            "停留所数と到達割合"
        ))
    );
    let lines = series(b, lang);
    if lines.is_empty() {
        let why = lang.pick(
            "No two solved scenarios differ only in the number of stops, so there is no line to draw; the table below holds every result.",
            "停留所数だけが異なる解けたシナリオが二つ以上ないため、線は描けません。結果はすべて下の表にあります。",
        );
        let _ = writeln!(out, "<p>{}</p>", esc(why));
        return;
    }
    let names = labels(&lines, lang);
    let (p0, p1) = lines
        .iter()
        .flat_map(|s| s.points.iter().map(|(p, _)| *p))
        .fold((usize::MAX, 0), |(a, z), p| (a.min(p), z.max(p)));
    let span = (p1 - p0).max(1) as f64;
    let x = |p: usize| LEFT + (W - LEFT - RIGHT) * (p - p0) as f64 / span;
    let y = |share: f64| TOP + (H - TOP - BOTTOM) * (1.0 - share.clamp(0.0, 1.0));
    let legend_rows = lines.len().div_ceil(4);
    let height = H + 10.0 + 20.0 * legend_rows as f64;
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {W} {height}\" \
         width=\"{W}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(lang.pick("share reached by number of stops", "停留所数ごとの到達割合"))
    );
    axes(out, (p0, p1), &x, &y, lang);
    for (k, (s, name)) in lines.iter().zip(&names).enumerate() {
        line(out, k, s, name, &x, &y);
    }
    out.push_str("</svg>\n");
    let caption = lang.pick(
        "Each line joins the solved scenarios that differ only in the number of stops p; the share is the objective's weight within the radius of a chosen stop over the whole weight (covered_share in the rows).",
        "各線は、停留所数 p だけが異なる解けたシナリオを結んだものです。割合は、選んだ停留所の徒歩圏内にある目的の重みを全体の重みで割ったものです。",
    );
    let _ = writeln!(out, "<p class=\"sub\">{}</p>", esc(caption));
}

/// Line `k`: its points (each with a hover title) and its legend entry.
fn line(
    out: &mut String,
    k: usize,
    s: &Series,
    name: &str,
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
) {
    let colour = PALETTE[k % PALETTE.len()];
    let dash = if k >= PALETTE.len() {
        " stroke-dasharray=\"5 3\""
    } else {
        ""
    };
    let path: Vec<String> = s
        .points
        .iter()
        .map(|&(p, v)| format!("{:.1},{:.1}", x(p), y(v)))
        .collect();
    let _ = writeln!(
        out,
        "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash} points=\"{}\"/>",
        path.join(" ")
    );
    for &(p, v) in &s.points {
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{}: p = {p}, {:.1} %</title></circle>",
            x(p),
            y(v),
            esc(name),
            100.0 * v
        );
    }
    let (lx, ly) = (
        LEFT + 150.0 * (k % 4) as f64,
        H + 12.0 + 20.0 * (k / 4) as f64,
    );
    let _ = writeln!(
        out,
        "<line x1=\"{lx}\" y1=\"{ly}\" x2=\"{}\" y2=\"{ly}\" stroke=\"{colour}\" stroke-width=\"2\"{dash}/>\
         <text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
        lx + 18.0,
        lx + 22.0,
        ly + 4.0,
        esc(name)
    );
}

/// Gridlines every 20 %, p ticks (at most about ten), and the axis titles.
fn axes(
    out: &mut String,
    (p0, p1): (usize, usize),
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
    lang: Lang,
) {
    for k in 0..=5 {
        let v = f64::from(k) / 5.0;
        let _ = writeln!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{0:.1}\" x2=\"{1}\" y2=\"{0:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{2}\" y=\"{3:.1}\" font-size=\"11\" text-anchor=\"end\">{4} %</text>",
            y(v),
            W - RIGHT,
            LEFT - 6.0,
            y(v) + 4.0,
            20 * k
        );
    }
    let step = (p1 - p0).div_ceil(10).max(1);
    let base = H - BOTTOM;
    for p in (p0..=p1).step_by(step) {
        let _ = writeln!(
            out,
            "<line x1=\"{0:.1}\" y1=\"{base}\" x2=\"{0:.1}\" y2=\"{1}\" stroke=\"#888\"/>\
             <text x=\"{0:.1}\" y=\"{2}\" font-size=\"11\" text-anchor=\"middle\">{p}</text>",
            x(p),
            base + 4.0,
            base + 16.0
        );
    }
    let _ = writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{0}\" y2=\"{base}\" stroke=\"#888\"/>\
         <text x=\"{1}\" y=\"{2}\" font-size=\"12\" text-anchor=\"middle\">{3}</text>\
         <text x=\"14\" y=\"{4}\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 14 {4})\">{5}</text>",
        W - RIGHT,
        (LEFT + W - RIGHT) / 2.0,
        base + 34.0,
        esc(lang.pick("number of stops p", "停留所数 p")),
        (TOP + base) / 2.0,
        esc(lang.pick("share reached", "到達割合")),
    );
}

/// The robustness bars: each candidate chosen at least once where it was free to be, by share,
/// at most [`MAX_BARS`] of them.
pub(super) fn robustness_bars(out: &mut String, b: &Batch, names: &Names, lang: Lang) {
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        esc(lang.pick("How robust each choice is", "選ばれやすさ"))
    );
    let shown: Vec<_> = b
        .robustness
        .iter()
        .filter(|r| r.chosen_in > 0)
        .take(MAX_BARS)
        .collect();
    let (label_w, bar_w, row_h) = (200.0, 360.0, 22.0);
    let height = row_h * shown.len() as f64 + 8.0;
    let width = label_w + bar_w + 110.0;
    if !shown.is_empty() {
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
            esc(lang.pick("robustness share per candidate", "候補地ごとの選ばれた割合"))
        );
        for (k, r) in shown.iter().enumerate() {
            let share = r.share().unwrap_or(0.0);
            let top = 4.0 + row_h * k as f64;
            let words = match lang {
                Lang::En => format!("{:.0} % ({} of {})", 100.0 * share, r.chosen_in, r.free_in),
                Lang::Ja => format!("{:.0} %（{} / {}）", 100.0 * share, r.chosen_in, r.free_in),
            };
            let name = names.of(&r.id);
            let _ = writeln!(
                out,
                "<g><title>{0}: {1}</title>\
                 <text x=\"{2}\" y=\"{3:.1}\" font-size=\"12\" text-anchor=\"end\">{0}</text>\
                 <rect x=\"{4}\" y=\"{5:.1}\" width=\"{6:.1}\" height=\"{7}\" fill=\"{8}\"/>\
                 <text x=\"{9:.1}\" y=\"{3:.1}\" font-size=\"11\">{1}</text></g>",
                esc(&name),
                esc(&words),
                label_w - 6.0,
                top + 14.0,
                label_w,
                top + 3.0,
                bar_w * share,
                row_h - 6.0,
                PALETTE[0],
                label_w + bar_w * share + 6.0,
            );
        }
        out.push_str("</svg>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"sub\">{}</p>",
        esc(&how_counted(b, shown.len(), lang))
    );
}

/// How the share is counted, and how many candidates the bars leave out.
pub(super) fn how_counted(b: &Batch, shown: usize, lang: Lang) -> String {
    let chosen = b.robustness.iter().filter(|r| r.chosen_in > 0).count();
    let mut s = lang
        .pick(
            "Share = scenarios that chose the candidate ÷ solved scenarios where it was free to be chosen (it existed and was neither required nor excluded). Scenarios that required or excluded it are counted apart, in the table below, not as choices.",
            "割合＝その候補地を選んだシナリオ数 ÷ 選ぶかどうかが自由だった解けたシナリオ数（候補地があり、必須にも除外にもしていないもの）。必須や除外にしたシナリオは選んだ数に数えず、下の表に別に示します。",
        )
        .to_string();
    if chosen > shown {
        s.push_str(&match lang {
            Lang::En => format!(
                " The bars show the first {shown} of the {chosen} candidates chosen at least once."
            ),
            Lang::Ja => {
                format!(" 一度でも選ばれた {chosen} か所のうち、上位 {shown} か所を棒で示します。")
            }
        });
    }
    s
}
