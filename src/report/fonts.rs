//! The font list every HTML page and map names, so Japanese text is drawn with a Japanese
//! typeface on the machines councils use, not in whatever CJK fallback the browser picks (or as
//! empty boxes where it finds none).
//!
//! Order: macOS (Hiragino), Linux (Noto Sans CJK JP from `fonts-noto-cjk`, Noto Sans JP,
//! IPAexGothic from `fonts-ipaexfont-gothic`), Windows (Yu Gothic, Meiryo), then the generic
//! family. A browser takes the first one installed; the CI installs `fonts-noto-cjk` and its
//! browser test checks the report's Japanese renders with one of these.

/// CSS `font-family` value (double quotes, so it fits in a single-quoted attribute or a style
/// sheet alike).
pub const FONT_FAMILY: &str = "\"Hiragino Sans\",\"Hiragino Kaku Gothic ProN\",\
\"Noto Sans CJK JP\",\"Noto Sans JP\",\"IPAexGothic\",\"Yu Gothic\",YuGothic,Meiryo,sans-serif";
