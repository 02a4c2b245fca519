//! The report as one self-contained HTML page: inline CSS and SVG, nothing fetched, set for
//! A4 printing, since councils meet around printed pages.

use super::page::{data_words, CouncilReport};
use super::sections::sections;
use crate::report::escape::esc;
use crate::report::fonts::FONT_FAMILY;
use crate::report::labels::Lang;
use std::fmt::Write as _;

/// The page's style sheet after the font list ([`FONT_FAMILY`]). The map comes first and is
/// kept whole, so on A4 it prints on page 1 beside the title.
const CSS: &str = "body{max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222;line-height:1.55}\
h1{font-size:1.6rem;border-bottom:3px solid #1f4e79;padding-bottom:.3rem}\
h2{font-size:1.25rem;color:#1f4e79;margin-top:2rem;border-left:6px solid #1f4e79;padding-left:.5rem}\
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}\
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}\
th{background:#e8eef5}tr:nth-child(even) td{background:#fafafa}\
td.n{text-align:right;font-variant-numeric:tabular-nums}\
svg{width:100%;height:auto}.sub{color:#555}\
#method{background:#f4f5f7;border:1px solid #bbb;padding:.1rem 1rem;font-size:.85rem;margin-top:2rem}\
@page{size:A4;margin:15mm}\
@media print{body{margin:0;max-width:none}h2{break-after:avoid}\
tr,svg,p{break-inside:avoid}thead{display:table-header-group}section{break-inside:auto}}";

/// Whether a cell is a number, so it is right-aligned like figures in print.
fn numeric(cell: &str) -> bool {
    let t = cell.trim_end_matches([' ', '%']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || ",.-() %".contains(c))
}

/// The report as one self-contained HTML page.
pub fn council_html(r: &CouncilReport, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>body{{font-family:{FONT_FAMILY}}}{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        lang.pick("en", "ja"),
        esc(&r.title),
        esc(&r.title),
        esc(&data_words(r, lang))
    );
    for s in sections(r, lang) {
        let _ = writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>", s.id, esc(&s.title));
        for p in &s.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", esc(p));
        }
        if let Some(svg) = &s.svg {
            out.push_str(svg);
            out.push('\n');
        }
        for t in &s.tables {
            out.push_str("<table>\n<thead><tr>");
            for h in &t.head {
                let _ = write!(out, "<th>{}</th>", esc(h));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &t.rows {
                out.push_str("<tr>");
                for (k, c) in row.iter().enumerate() {
                    let class = if k > 0 && numeric(c) {
                        " class=\"n\""
                    } else {
                        ""
                    };
                    let _ = write!(out, "<td{class}>{}</td>", esc(c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
