//! What the map tests share: the embedded data with the eight stops of its MCLP answer, and
//! readers of the map's own SVG (tags, attributes, groups, the measured scale).

use crate::model::Dataset;
use crate::spatial::haversine_m;

pub(super) const MCLP_P8: [&str; 8] = [
    "hachioji_jinja_motomura",
    "hie_jinja_hagizono",
    "honshagu_yabata",
    "imajuku_green_heim",
    "kumano_jinja_owada",
    "kumano_jinja_takada",
    "myogyoji",
    "sannosha_enzo",
];

pub(super) fn embedded() -> Dataset {
    crate::io::embedded::dataset().unwrap()
}

pub(super) fn p8(data: &Dataset) -> Vec<usize> {
    MCLP_P8
        .iter()
        .map(|id| data.candidates.data.index_of(id).unwrap())
        .collect()
}

/// Checks that tags nest: every `<x …>` is closed by `</x>` in order, `<x …/>` closes
/// itself, and no stray `<`, `>` or `&` is left in text or attributes.
pub(super) fn assert_well_formed(svg: &str) {
    assert!(svg.starts_with("<svg "), "starts with <svg");
    assert!(svg.trim_end().ends_with("</svg>"), "ends with </svg>");
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = svg;
    let mut tags = 0;
    while let Some(start) = rest.find('<') {
        check_text(&rest[..start]);
        let end = rest[start..].find('>').expect("tag closed") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "no `<` inside a tag: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name.trim()), "closing tag </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        // Attribute values: quotes are balanced.
        assert_eq!(tag.matches('"').count() % 2, 0, "quotes in <{tag}>");
        check_text(tag);
        tags += 1;
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed tags {stack:?}");
    assert!(tags > 10);
}

/// Every `&` starts one of the five entities the writer uses.
pub(super) fn check_text(s: &str) {
    assert!(!s.contains('>'), "stray `>` in {s:?}");
    for (i, _) in s.match_indices('&') {
        let t = &s[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| t.starts_with(e)),
            "bare & in {s:?}"
        );
    }
}

/// Value of attribute `name` in a tag's text.
pub(super) fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let i = tag.find(&key).unwrap_or_else(|| panic!("{name} in {tag}")) + key.len();
    let j = tag[i..].find('"').unwrap() + i;
    tag[i..j].parse().unwrap()
}

/// Every opening tag that starts with `prefix`, e.g. `<circle class="ms-stop"`.
pub(super) fn tags<'s>(svg: &'s str, prefix: &str) -> Vec<&'s str> {
    svg.match_indices(prefix)
        .map(|(i, _)| &svg[i..i + svg[i..].find('>').unwrap()])
        .collect()
}

/// The map itself, without the legend's sample symbols.
pub(super) fn map_part(svg: &str) -> &str {
    &svg[..svg.find("<g class=\"ms-legend\">").unwrap()]
}

/// The text from `a` up to `b`.
pub(super) fn between<'s>(svg: &'s str, a: &str, b: &str) -> &'s str {
    let i = svg.find(a).unwrap();
    &svg[i..i + svg[i..].find(b).unwrap()]
}

/// The map's scale measured from its own output: user units between pairs of chosen stops
/// over their great-circle distance in metres.
pub(super) fn measured_scale(svg: &str, data: &Dataset, chosen: &[usize]) -> f64 {
    let stops = tags(map_part(svg), "<circle class=\"ms-stop\" cx=");
    assert_eq!(stops.len(), chosen.len());
    let xy: Vec<(f64, f64)> = stops
        .iter()
        .map(|t| (attr(t, "cx"), attr(t, "cy")))
        .collect();
    let sites = &data.candidates.data.sites;
    let mut ratios = Vec::new();
    for a in 0..chosen.len() {
        for b in a + 1..chosen.len() {
            let m = haversine_m(sites[chosen[a]].location, sites[chosen[b]].location);
            if m > 1000.0 {
                let u = (xy[a].0 - xy[b].0).hypot(xy[a].1 - xy[b].1);
                ratios.push(u / m);
            }
        }
    }
    assert!(ratios.len() >= 10);
    let lo = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = ratios.iter().copied().fold(0.0, f64::max);
    // One scale in every direction: distances are true, whatever the bearing.
    assert!(hi / lo < 1.002, "scale varies: {lo} to {hi}");
    (lo + hi) / 2.0
}

/// One outlined pocket as drawn: the need it says it holds, and its shapes and outline.
pub(super) struct PocketGroup<'s> {
    pub(super) need: f64,
    pub(super) body: &'s str,
}

/// The outlined pockets in drawing order (largest first).
pub(super) fn pocket_groups(svg: &str) -> Vec<PocketGroup<'_>> {
    let key = "<g class=\"ms-pocket\" data-need=\"";
    svg.match_indices(key)
        .map(|(i, _)| {
            let rest = &svg[i + key.len()..];
            let need = rest[..rest.find('"').unwrap()].parse().unwrap();
            PocketGroup {
                need,
                body: &rest[..rest.find("</g>").unwrap()],
            }
        })
        .collect()
}

/// The numbers written on the pockets, in drawing order ("1,234人" read as 1234).
pub(super) fn pocket_labels(svg: &str) -> Vec<f64> {
    texts(svg, "ms-pocket-label")
        .iter()
        .map(|t| t.replace([',', '人'], "").parse().unwrap())
        .collect()
}

/// The text of every `<text>` whose class list starts with `class`, unescaped, its lines
/// (`tspan`s) joined by a line break.
pub(super) fn texts(svg: &str, class: &str) -> Vec<String> {
    let key = format!("<text class=\"{class}");
    svg.match_indices(&key)
        .map(|(i, _)| {
            let rest = &svg[i..];
            let start = rest.find('>').unwrap() + 1;
            let inner = &rest[start..rest.find("</text>").unwrap()];
            let mut out = String::new();
            for (k, part) in inner.split("<tspan ").enumerate() {
                let line = match k {
                    0 => part,
                    _ => &part[part.find('>').unwrap() + 1..part.find("</tspan>").unwrap()],
                };
                if k > 0 {
                    out.push('\n');
                }
                out.push_str(&unescape(line));
            }
            out
        })
        .collect()
}

/// The opening tag of the marker whose tooltip is exactly `title`, e.g. a candidate's.
pub(super) fn marker_titled<'s>(svg: &'s str, class: &str, title: &str) -> Option<&'s str> {
    let key = format!("<title>{}</title>", crate::report::escape::esc(title));
    let open = format!("<circle class=\"{class}\"");
    svg.match_indices(&key).find_map(|(i, _)| {
        let start = svg[..i].rfind('<')?;
        let tag = &svg[start..i];
        tag.starts_with(&open).then_some(tag)
    })
}

/// The rings of an SVG path (`M x,y L x,y x,y … Z`, as the map writes them) as points.
pub(super) fn path_rings(d: &str) -> Vec<Vec<(f64, f64)>> {
    d.split('M')
        .filter(|r| !r.is_empty())
        .map(|r| {
            r.trim_end_matches('Z')
                .split(['L', ' '])
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

/// Whether (x, y) is inside the rings by the even-odd rule, as the map fills them.
pub(super) fn inside_rings(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for ring in rings {
        for k in 0..ring.len() {
            let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
            if (a.1 > y) != (b.1 > y) && x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) {
                inside = !inside;
            }
        }
    }
    inside
}

/// The `d` of the first path with class `class` in the drawing.
pub(super) fn path_d<'s>(svg: &'s str, class: &str) -> Option<&'s str> {
    let tag = tags(map_part(svg), &format!("<path class=\"{class}\""))
        .into_iter()
        .next()?;
    let i = tag.find(" d=\"")? + 4;
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// Text as a reader sees it: the writer's five entities turned back into characters.
pub(super) fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The legend's text, its wrapped lines joined by `sep` (a space in English, nothing in
/// Japanese), so a phrase can be found whatever the line breaks.
pub(super) fn legend_text(svg: &str, sep: &str) -> String {
    let legend = &svg[svg.find("<g class=\"ms-legend\">").unwrap()..];
    let mut out: Vec<String> = Vec::new();
    for (i, _) in legend.match_indices("<text class=\"ms-leg") {
        let rest = &legend[i..];
        let start = rest.find('>').unwrap() + 1;
        out.push(unescape(&rest[start..rest.find("</text>").unwrap()]));
    }
    out.join(sep)
}
