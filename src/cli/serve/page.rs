//! The meeting page's files, embedded in the binary so `serve` works offline with no CDN:
//! nothing of a request's path reaches the file system, only this table.
//!
//! `/` is one self-contained document (the style sheet and the script written into it): when
//! the server needs a token, the page's URL carries it, and a style sheet or script the page
//! loaded by its own URL would not. `/app.js` and `/style.css` are served too, as they are.

use std::sync::OnceLock;

/// The page's script: its parts in the order they load (each adds to the `MS` namespace the
/// ones after it use; `app.js` starts the page once the document is read).
const SCRIPT: &str = concat!(
    include_str!("page/js/i18n.js"),
    include_str!("page/js/api.js"),
    include_str!("page/js/symbols.js"),
    include_str!("page/js/tiles.js"),
    include_str!("page/js/legend.js"),
    include_str!("page/js/pockets.js"),
    include_str!("page/js/map.js"),
    include_str!("page/js/mapinput.js"),
    include_str!("page/js/panel.js"),
    include_str!("page/js/side.js"),
    include_str!("page/js/why.js"),
    include_str!("page/js/app.js"),
);

const STYLE: &str = include_str!("page/style.css");

const HTML: &str = include_str!("page/index.html");

/// Where the document links its style sheet and script, replaced by their text.
const STYLE_LINK: &str = r#"<link rel="stylesheet" href="style.css">"#;
const SCRIPT_LINK: &str = r#"<script src="app.js" defer></script>"#;

/// The document with its style sheet and script inlined, built once.
fn document() -> &'static [u8] {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        HTML.replacen(STYLE_LINK, &format!("<style>\n{STYLE}</style>"), 1)
            .replacen(SCRIPT_LINK, &format!("<script>\n{SCRIPT}</script>"), 1)
    })
    .as_bytes()
}

/// The embedded file at a URL path, with its content type; `None` for any other path.
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    match path {
        "/" | "/index.html" => Some(("text/html; charset=utf-8", document())),
        "/app.js" => Some(("text/javascript; charset=utf-8", SCRIPT.as_bytes())),
        "/style.css" => Some(("text/css; charset=utf-8", STYLE.as_bytes())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_carries_its_style_and_script_and_loads_nothing_else() {
        let (kind, body) = asset("/").unwrap();
        assert!(kind.starts_with("text/html"));
        let doc = std::str::from_utf8(body).unwrap();
        assert!(!doc.contains(STYLE_LINK) && !doc.contains(SCRIPT_LINK));
        assert!(doc.contains("MS.app.start") && doc.contains(".cands td"));
        // Nothing fetched from elsewhere: no src= or href= to another site.
        for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
            assert!(!doc.contains(attr), "{attr}");
        }
        // The inlined script cannot end its own element early.
        assert_eq!(doc.matches("</script>").count(), 1);
        assert_eq!(asset("/index.html").unwrap().1, body);
    }

    #[test]
    fn only_the_pages_own_files_are_served() {
        assert!(asset("/app.js").is_some() && asset("/style.css").is_some());
        for p in [
            "/js/app.js",
            "/../Cargo.toml",
            "/page/index.html",
            "/index.htm",
            "",
        ] {
            assert!(asset(p).is_none(), "{p}");
        }
    }

    #[test]
    fn user_text_goes_in_as_text_never_as_markup() {
        for bad in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!SCRIPT.contains(bad), "the script uses {bad}");
        }
    }
}
