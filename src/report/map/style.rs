//! The drawing's fixed sizes and colours, its style sheet, and how numbers and text are
//! written into it (one decimal, clipped labels), so every part of the map looks alike and the
//! same input gives the same bytes.

use crate::model::number::round;
use unicode_width::UnicodeWidthStr;

/// Whole drawing, in user units.
pub(super) const VIEW_W: f64 = 1320.0;
pub(super) const VIEW_H: f64 = 880.0;
/// The map frame; the legend panel sits to its right, the title above, sources below.
pub(super) const FRAME_X: f64 = 20.0;
pub(super) const FRAME_Y: f64 = 64.0;
pub(super) const FRAME_W: f64 = 1000.0;
pub(super) const FRAME_H: f64 = 760.0;
/// Space kept between the data's extent and the frame.
pub(super) const FRAME_PAD: f64 = 20.0;
pub(super) const PANEL_X: f64 = 1044.0;
/// Sequential ramp (ColorBrewer YlOrRd, 5 classes): lightness falls with the count, so it also
/// reads when printed in grey.
pub(super) const RAMP: [&str; 5] = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
pub(super) const MAX_CLASSES: usize = 5;
/// Longest stop label before it is cut (the full name stays in the marker's tooltip).
pub(super) const LABEL_CHARS: usize = 28;
pub(super) const LABEL_SIZE: f64 = 13.0;

/// The map's style sheet; every class has the `ms-` prefix (see the module notes).
pub(super) const STYLE: &str = "\
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

/// Rough width of text in user units: East Asian characters count as two columns.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    s.width() as f64 * size * 0.58
}

/// A site's name, or its id when the name is missing or blank.
pub(super) fn site_name(name: Option<&str>, id: &str) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n.to_string(),
        _ => id.to_string(),
    }
}

/// The English plural ending for `n` things.
pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A radius as people write it: "500", or "487.5" when it is not whole.
pub(super) fn metres_text(r: f64) -> String {
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{:.1}", round(r, 1))
    }
}

/// Cuts text to `max` characters with an ellipsis, before escaping (so no entity is split).
pub(super) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// One decimal as a number, for coordinates compared in code.
pub(super) fn r1(x: f64) -> f64 {
    round(x, 1)
}

/// One decimal, never "-0.0".
pub(super) fn f1(x: f64) -> String {
    format!("{:.1}", round(x, 1))
}
