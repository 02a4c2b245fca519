//! The legend's rows and their sample symbols, drawn as on the map: the legend says what to
//! write ([`super::legend`]), this module how a row looks.

use super::style::{f1, wrap, FRAME_Y, HEAD_SIZE, LINE, PANEL_W, PANEL_X, TEXT};
use super::symbols::depot_path;
use crate::report::escape::esc;
use std::fmt::Write as _;

/// Where a symbol row's text starts, right of its sample symbol.
const INDENT: f64 = 28.0;
/// Space after a block of rows.
pub(super) const GAP: f64 = 12.0;

/// Writes the rows top to bottom in the panel right of the frame, each wrapped to the panel;
/// returns where the last one ends.
pub(super) fn draw_rows(o: &mut String, rows: Vec<Row>) -> f64 {
    o.push_str("<g class=\"ms-legend\">\n");
    let mut y = FRAME_Y + 2.0;
    for row in rows {
        let (class, size) = if row.bold {
            ("ms-leghead", HEAD_SIZE)
        } else {
            ("ms-leg", TEXT)
        };
        let x = match row.swatch {
            Some(_) => PANEL_X + INDENT,
            None => PANEL_X,
        };
        let lines: Vec<String> = row
            .lines
            .iter()
            .flat_map(|t| wrap(t, PANEL_X + PANEL_W - x, size))
            .collect();
        if let Some(sw) = row.swatch {
            swatch(o, sw, PANEL_X, y + 2.0);
        }
        for (k, line) in lines.iter().enumerate() {
            let _ = writeln!(
                o,
                "<text class=\"{class}\" x=\"{x}\" y=\"{}\">{}</text>",
                f1(y + 14.0 + LINE * k as f64),
                esc(line)
            );
        }
        y += LINE * lines.len().max(1) as f64 + 3.0 + row.gap;
    }
    o.push_str("</g>\n");
    y
}

/// One entry of the legend: an optional sample symbol, its text (wrapped when drawn), and the
/// space after it, so the legend is a list to read rather than a page of coordinates.
pub(super) struct Row {
    pub(super) swatch: Option<Swatch>,
    pub(super) lines: Vec<String>,
    pub(super) bold: bool,
    pub(super) gap: f64,
}

impl Row {
    pub(super) fn head(text: String) -> Row {
        Row {
            swatch: None,
            lines: vec![text],
            bold: true,
            gap: 0.0,
        }
    }

    pub(super) fn text(text: String) -> Row {
        Row {
            bold: false,
            ..Row::head(text)
        }
    }

    pub(super) fn symbol(swatch: Swatch, text: String) -> Row {
        Row {
            swatch: Some(swatch),
            ..Row::text(text)
        }
    }
}

/// The sample symbols the legend shows, drawn as on the map.
#[derive(Debug, Clone, Copy)]
pub(super) enum Swatch {
    /// No symbol (text indented like the others).
    None,
    /// A shading class, by ramp colour.
    Class(usize),
    Pocket,
    /// The council's boundary.
    Area,
    /// Land without data.
    NoData,
    Stop,
    Reach,
    /// A street, as drawn under the stops.
    Streets,
    /// A stretch walked to a stop.
    Walked,
    Candidate,
    /// A candidate outside the data.
    CandidateOut,
    Marked,
    Depot,
    Shop,
}

/// Draws a legend symbol in the 20 × 14 box whose top-left corner is (x, y).
fn swatch(o: &mut String, s: Swatch, x: f64, y: f64) {
    let (cx, cy) = (f1(x + 10.0), f1(y + 7.0));
    let (shop_x, shop_y) = (f1(x + 6.5), f1(y + 3.5));
    let house = depot_path(x + 10.0, y + 7.0);
    let y = f1(y);
    let _ = match s {
        Swatch::None => Ok(()),
        Swatch::Class(c) => writeln!(
            o,
            "<rect class=\"ms-c{c}\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        ),
        Swatch::Pocket => writeln!(
            o,
            "<rect class=\"ms-pockets\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\"/><rect class=\"ms-pocket-edge\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\"/>"
        ),
        Swatch::Area => writeln!(
            o,
            "<path class=\"ms-area\" d=\"M{x},{cy}H{}\"/>",
            f1(x + 20.0)
        ),
        Swatch::NoData => writeln!(
            o,
            "<rect class=\"ms-nodata\" x=\"{x}\" y=\"{y}\" width=\"20\" height=\"14\" stroke=\"#999\" stroke-width=\"0.5\"/>"
        ),
        Swatch::Stop => writeln!(o, "<circle class=\"ms-stop\" cx=\"{cx}\" cy=\"{cy}\" r=\"7\"/>"),
        Swatch::Reach => writeln!(o, "<circle class=\"ms-reach\" cx=\"{cx}\" cy=\"{cy}\" r=\"10\"/>"),
        Swatch::Streets => writeln!(o, "<path class=\"ms-streets\" d=\"M{x},{cy}H{}\"/>", f1(x + 20.0)),
        Swatch::Walked => writeln!(o, "<path class=\"ms-walked\" d=\"M{x},{cy}H{}\"/>", f1(x + 20.0)),
        Swatch::Candidate => writeln!(o, "<circle class=\"ms-cand\" cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\"/>"),
        Swatch::CandidateOut => writeln!(o, "<circle class=\"ms-cand-out\" cx=\"{cx}\" cy=\"{cy}\" r=\"4.5\"/>"),
        Swatch::Marked => writeln!(
            o,
            "<circle class=\"ms-cand\" cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\"/><circle class=\"ms-marked\" cx=\"{cx}\" cy=\"{cy}\" r=\"9.5\"/>"
        ),
        Swatch::Depot => writeln!(o, "<path class=\"ms-depot\" d=\"{house}\"/>"),
        Swatch::Shop => writeln!(
            o,
            "<rect class=\"ms-shop\" x=\"{shop_x}\" y=\"{shop_y}\" width=\"7\" height=\"7\"/>"
        ),
    };
}
