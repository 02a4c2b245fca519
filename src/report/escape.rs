//! Escaping user text for the HTML page and the SVG map, the two places where a name could
//! become markup, and the bidirectional controls every writer that shows a name neutralises.

/// What a bidirectional control in user text is shown as: the replacement character, visible
/// so a reader sees something was there, and inert.
pub(crate) const BIDI_SHOWN: char = '\u{FFFD}';

/// Whether `c` is a Unicode bidirectional control (embeddings and overrides U+202A–U+202E,
/// isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C). A name holding a right-to-left
/// override would print the rest of its line, the next columns included, backwards ("Trojan
/// Source"), so a list could show another site's score or id than the one it has.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// `s` with every bidirectional control replaced by [`BIDI_SHOWN`].
pub(crate) fn without_bidi(s: &str) -> String {
    s.chars()
        .map(|c| if is_bidi_control(c) { BIDI_SHOWN } else { c })
        .collect()
}

/// Escapes user text for HTML and SVG element content and attribute values, so a candidate
/// named `<script>` is shown, never run; bidirectional controls are neutralised. Control
/// characters become
/// spaces: XML 1.0 forbids most of them, and a newline would break a one-line label.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c if is_bidi_control(c) => out.push(BIDI_SHOWN),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_are_shown_as_replacement_characters() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(esc(&format!("a{c}b")), "a\u{FFFD}b");
            assert_eq!(without_bidi(&format!("a{c}b")), "a\u{FFFD}b");
        }
        assert_eq!(esc("日枝神社 <b>"), "日枝神社 &lt;b&gt;");
        assert_eq!(
            without_bidi("\u{200D}"),
            "\u{200D}",
            "a joiner is not a bidi control"
        );
    }
}
