//! Escaping user text for the HTML page and the SVG map, the two places where a name could
//! become markup.

/// Escapes user text for HTML and SVG element content and attribute values, so a candidate
/// named `<script>` is shown, never run. Control characters become
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
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
