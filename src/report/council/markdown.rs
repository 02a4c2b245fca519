//! The report as Markdown for a council's minutes: the same sections as the HTML page, with
//! user text escaped so a name stays plain text.

use super::page::{data_words, CouncilReport};
use super::sections::sections;
use crate::report::escape::{is_bidi_control, BIDI_SHOWN};
use crate::report::labels::Lang;
use std::fmt::Write as _;

/// The report as Markdown (the map is in the HTML only).
pub fn council_markdown(r: &CouncilReport, lang: Lang) -> String {
    let mut out = format!("# {}\n\n{}\n", md(&r.title), md(&data_words(r, lang)));
    // Minutes have no map: the summary opens them and the pointer to the map follows it.
    let mut all = sections(r, lang);
    if let Some(k) = all.iter().position(|s| s.svg.is_some()) {
        let map = all.remove(k);
        all.insert(all.len().min(1), map);
    }
    for s in all {
        let _ = write!(out, "\n## {}\n\n", md(&s.title));
        for p in &s.paragraphs {
            let _ = writeln!(out, "{}\n", md(p));
        }
        if s.svg.is_some() {
            let _ = writeln!(
                out,
                "{}\n",
                // Where to find it, in words: how to make it is the planner's business.
                lang.pick(
                    "(The map is in the version of this report that opens in a web browser.)",
                    "（地図はブラウザで開く版の報告書にあります）"
                )
            );
        }
        for t in &s.tables {
            let _ = writeln!(
                out,
                "| {} |",
                t.head.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | ")
            );
            let _ = writeln!(
                out,
                "|{}",
                t.head.iter().map(|_| "---|").collect::<String>()
            );
            for row in &t.rows {
                let _ = writeln!(
                    out,
                    "| {} |",
                    row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
                );
            }
            out.push('\n');
        }
    }
    out
}

/// Escapes text for Markdown: characters that would start emphasis, links, images, code,
/// raw HTML or a table cell are backslash-escaped, so a name stays plain text and minutes
/// read as typed (no HTML entities).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (k, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' if k == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c if is_bidi_control(c) => out.push(BIDI_SHOWN),
            c => out.push(c),
        }
    }
    out
}
