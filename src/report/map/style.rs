//! The drawing's fixed sizes and colours, its style sheet, and how numbers and text are
//! written into it (one decimal, clipped labels), so every part of the map looks alike and the
//! same input gives the same bytes.

use crate::model::number::round;
use unicode_width::UnicodeWidthStr;

/// Whole drawing's width, in user units; its height follows the legend and the footer.
pub(super) const VIEW_W: f64 = 1000.0;
/// The map frame; the legend panel sits to its right, the title above, sources below. Square,
/// as a town's data usually is.
pub(super) const FRAME_X: f64 = 12.0;
pub(super) const FRAME_Y: f64 = 68.0;
pub(super) const FRAME_W: f64 = 640.0;
pub(super) const FRAME_H: f64 = 620.0;
/// Space kept between the data's extent and the frame.
pub(super) const FRAME_PAD: f64 = 20.0;
pub(super) const PANEL_X: f64 = 668.0;
/// The legend panel's width, to the drawing's right margin.
pub(super) const PANEL_W: f64 = VIEW_W - PANEL_X - 8.0;
/// Sequential ramp (ColorBrewer YlOrRd, 5 classes): lightness falls with the count, so it also
/// reads when printed in grey.
pub(super) const RAMP: [&str; 5] = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
pub(super) const MAX_CLASSES: usize = 5;
/// Longest stop label before it is cut (the full name stays in the marker's tooltip).
pub(super) const LABEL_CHARS: usize = 28;

/// How wide the drawing prints: the report's page is A4 (210 mm) with 15 mm margins and a
/// 1 rem padding each side, about 171.5 mm, rounded down so the check errs on the safe side.
pub(super) const PRINT_WIDTH_MM: f64 = 170.0;
/// The smallest type a printed map may use, in points (1 pt = 0.3528 mm).
pub(super) const MIN_FONT_PT: f64 = 7.0;

/// Type sizes in user units. The smallest, [`TEXT`], is 7.2 pt at [`PRINT_WIDTH_MM`]:
/// 15 × 170 / 1000 mm = 2.55 mm. A test checks every size in the drawing against
/// [`MIN_FONT_PT`].
pub(super) const TEXT: f64 = 15.0;
pub(super) const LABEL_SIZE: f64 = TEXT;
pub(super) const HEAD_SIZE: f64 = 16.0;
pub(super) const TITLE_SIZE: f64 = 24.0;
/// Points per millimetre.
pub(super) const PT_PER_MM: f64 = 72.0 / 25.4;
// The build fails if the smallest type would print below the minimum.
const _: () = assert!(TEXT * PRINT_WIDTH_MM / VIEW_W * PT_PER_MM >= MIN_FONT_PT);
/// Line spacing of wrapped text.
pub(super) const LINE: f64 = 19.0;

/// The map's style sheet after its font list; every class has the `ms-` prefix (see the module
/// notes).
pub(super) fn style_sheet() -> String {
    format!(
        ".ms-map text{{font-family:{};fill:#222}}{STYLE}",
        crate::report::FONT_FAMILY
    )
}

const STYLE: &str = "\
.ms-bg{fill:#fff;stroke:none}\
.ms-frame{fill:none;stroke:#444;stroke-width:1}\
.ms-cells rect,.ms-cells circle{shape-rendering:crispEdges}\
.ms-nodata{fill:url(#ms-nodata-hatch);stroke:none}\
.ms-nodata-label{font-size:15px;fill:#555;paint-order:stroke;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round}\
.ms-area{fill:none;stroke:#222;stroke-width:2.2;stroke-dasharray:10 5;stroke-linejoin:round}\
.ms-pockets{fill:url(#ms-hatch)}.ms-pockets circle{stroke:#3f007d;stroke-width:1.5}\
.ms-pocket-edge{fill:none;stroke:#3f007d;stroke-width:2.2}\
.ms-pocket-label{font-size:16px;font-weight:bold;fill:#3f007d;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}\
.ms-reach{fill:#2166ac;fill-opacity:0.08;stroke:#2166ac;stroke-width:1.6}\
.ms-cand{fill:#fff;stroke:#333;stroke-width:1.2}\
.ms-cand-out{fill:#fff;stroke:#777;stroke-width:1.3;stroke-dasharray:2.2 1.6}\
.ms-marked{fill:none;stroke:#08306b;stroke-width:2.4}\
.ms-shop{fill:#1b7837;stroke:#fff;stroke-width:1}\
.ms-stop{fill:#08306b;stroke:#fff;stroke-width:2}\
.ms-depot{fill:#111;stroke:#fff;stroke-width:1.5}\
.ms-label{font-size:15px;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3.5px;stroke-linejoin:round}\
.ms-label.ms-other{font-weight:normal}\
.ms-title{font-size:24px;font-weight:bold}\
.ms-sub{font-size:15px}\
.ms-foot{font-size:15px}\
.ms-leg{font-size:15px}\
.ms-leghead{font-size:16px;font-weight:bold}\
.ms-box{fill:#fff;fill-opacity:0.85;stroke:#999;stroke-width:0.8}\
.ms-scalebar,.ms-tick{stroke:#222;stroke-width:2}\
.ms-scalelabel{font-size:15px}\
.ms-north path{fill:#222}\
.ms-north text{font-size:16px;font-weight:bold}";

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

/// Breaks text into lines no wider than `width` at type size `size`: at spaces, and between
/// Japanese characters, but never before a closing mark (、。）」%) or a small kana, after an
/// opening one (（「), or between a number and its counter. A word longer than a line is left
/// whole rather than split mid-number.
pub(super) fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces(text) {
        let joined = format!("{line}{piece}");
        if !line.trim().is_empty() && text_width(joined.trim_end(), size) > width {
            lines.push(line.trim_end().to_string());
            line = piece;
        } else {
            line = joined;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// The text cut at every place a line may break; spaces stay at the end of the piece before.
fn pieces(text: &str) -> Vec<String> {
    const NO_START: &str =
        "、。，．）」』】〕・ー：%％),.:;!?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";
    const NO_END: &str = "（「『【〔([";
    let wide = |c: char| c.to_string().width() > 1;
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let breaks = match prev {
            None => true,
            Some(p) if NO_END.contains(p) || NO_START.contains(c) || c.is_whitespace() => false,
            // A number keeps its counter or unit: 5か所, 500m超.
            Some(p) if p.is_ascii_alphanumeric() && wide(c) => false,
            Some(p) => p.is_whitespace() || wide(c) || wide(p),
        };
        match out.last_mut() {
            Some(last) if !breaks => last.push(c),
            _ => out.push(c.to_string()),
        }
        prev = Some(c);
    }
    out
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

/// Text cut with an ellipsis so it is no wider than `width` at type size `size`.
pub(super) fn fit(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out: String = s.to_string();
    while !out.is_empty() && text_width(&format!("{out}…"), size) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// One decimal as a number, for coordinates compared in code.
pub(super) fn r1(x: f64) -> f64 {
    round(x, 1)
}

/// One decimal, never "-0.0".
pub(super) fn f1(x: f64) -> String {
    format!("{:.1}", round(x, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_character() {
        let en = "Uncovered pockets: the 5 largest groups of neighbouring cells (top two fifths).";
        let ja = "未カバーの集まり：どの停留所からも500m超で65歳以上が多いセル（上位5分の2）の隣り合う集まり、大きい順に5か所。";
        for (text, width) in [(en, 200.0), (ja, 200.0), (en, 90.0), (ja, 60.0)] {
            let lines = wrap(text, width, 15.0);
            assert!(lines.len() > 1, "{text}");
            for l in &lines {
                // Fits, or is one piece that cannot be broken.
                assert!(text_width(l, 15.0) <= width || pieces(l).len() == 1, "{l}");
                assert!(!l.starts_with(['、', '。', '）', '%', ')', ' ']), "{l}");
                assert!(!l.ends_with(['（', '(']), "{l}");
            }
            let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(strip(&lines.concat()), strip(text));
        }
        // A word wider than the line stays whole.
        assert_eq!(
            wrap("embedded:data/long_file_name.csv x", 50.0, 15.0)[0],
            "embedded:data/long_file_name.csv"
        );
        assert!(wrap("", 100.0, 15.0).is_empty());
        assert_eq!(fit("abcdef", text_width("abc…", 10.0), 10.0), "abc…");
        assert_eq!(fit("abc", 100.0, 10.0), "abc");
    }
}
