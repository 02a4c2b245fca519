//! How `network matrix` and `network check` say what they found: the credit OpenStreetMap's
//! licence asks for, which distance was used, and who is off the network, by id.

use super::network::{CheckArgs, CheckFormat, MatrixArgs, NetworkArgs};
use mobile_stops::network::{CheckReport, HillStats, OffNetwork, SiteLists, CREDIT};
use mobile_stops::Dataset;
use serde_json::json;

/// Ids listed in a line of text before "and N more".
const SHOWN: usize = 10;

/// Which distance the numbers are.
fn distance(net: &NetworkArgs, hills: Option<&HillStats>) -> String {
    match hills {
        None => "network (walking along OpenStreetMap streets, both directions, no DEM)".into(),
        Some(h) => format!(
            "network with hills (walking along OpenStreetMap streets; DEM {}: metres are \
             flat-equivalent, the distance on the flat that takes as long to walk by Tobler's \
             hiking function, uphill and downhill apart; minutes at {} m/s on the flat)",
            h.file, net.walk_speed_m_s
        ),
    }
}

/// What the DEM gave, for JSON; `null` without one.
fn dem_json(hills: Option<&HillStats>) -> serde_json::Value {
    match hills {
        None => serde_json::Value::Null,
        Some(h) => json!({
            "file": h.file,
            "crs": h.crs.0.name(),
            "crs_assumed": h.crs.1,
            "min_elevation_m": (h.min_m * 10.0).round() / 10.0,
            "max_elevation_m": (h.max_m * 10.0).round() / 10.0,
            "sample_step_m": (h.step_m * 10.0).round() / 10.0,
        }),
    }
}

/// The line saying what the DEM gave.
fn dem_line(h: &HillStats) -> String {
    format!(
        "Elevation: {} ({}{}), street nodes from {:.1} m to {:.1} m; each segment costs its \
         flat-equivalent metres uphill and downhill apart (Tobler), sampled every {:.1} m",
        h.file,
        h.crs.0.name(),
        if h.crs.1 {
            ", assumed: no .prj beside it"
        } else {
            ""
        },
        h.min_m,
        h.max_m,
        h.step_m
    )
}

/// `network matrix --format json`.
pub fn matrix_json(
    a: &MatrixArgs,
    hills: Option<&HillStats>,
    lists: &SiteLists,
    from: &[String],
    to: &[String],
) -> Vec<u8> {
    let rows = lists.by_point();
    let pairs: Vec<_> = rows
        .iter()
        .map(|&(p, s, m)| {
            let mut row =
                json!({"from": from[p], "to": to[s], "metres": (m * 10.0).round() / 10.0});
            if hills.is_some() {
                let minutes = m / a.net.walk_speed_m_s / 60.0;
                row["minutes"] = json!((minutes * 100.0).round() / 100.0);
            }
            row
        })
        .collect();
    let v = json!({
        "network": a.net.network.display().to_string(),
        "credit": format!("{CREDIT} (ODbL)"),
        "distance": distance(&a.net, hills),
        "dem": dem_json(hills),
        "walk_speed_m_s": a.net.walk_speed_m_s,
        "max_m": a.max_m,
        "snap_max_m": a.net.snap_max_m,
        "pairs": pairs,
        "off_network": off_json(&lists.off, from, to),
    });
    pretty(&v)
}

/// The ids off the network, the same object in the walk and the drive matrix.
pub fn off_json(off: &OffNetwork, from: &[String], to: &[String]) -> serde_json::Value {
    json!({
        "from": off.points.iter().map(|&i| &from[i]).collect::<Vec<_>>(),
        "to": off.sites.iter().map(|&i| &to[i]).collect::<Vec<_>>(),
    })
}

/// A JSON document as the matrix writes it: pretty, ending in a newline.
pub fn pretty(v: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).expect("JSON of strings and numbers");
    bytes.push(b'\n');
    bytes
}

/// The line `network matrix` prints on standard error.
pub fn matrix_note(
    a: &MatrixArgs,
    hills: Option<&HillStats>,
    lists: &SiteLists,
    from: &[String],
    to: &[String],
) -> String {
    let mut s = format!(
        "{} pairs within {} m{} along the streets of {} ({CREDIT}, ODbL)",
        lists.pairs(),
        a.max_m,
        if hills.is_some() {
            " (flat-equivalent)"
        } else {
            ""
        },
        a.net.network.display()
    );
    if let Some(h) = hills {
        s += &format!(
            "; hills from {} ({:.1}–{:.1} m), minutes at {} m/s",
            h.file, h.min_m, h.max_m, a.net.walk_speed_m_s
        );
    }
    s += &off_clauses(
        &lists.off,
        [("--from points", from), ("--to sites", to)],
        a.net.snap_max_m,
        "a walkable street, no distance given",
    );
    s
}

/// The clauses of a matrix's note naming who is off the network, side by side (`--from` then
/// `--to`), so the walk and the drive matrix word them alike; `beyond` says from what they are
/// too far and what they therefore lack.
pub fn off_clauses(
    off: &OffNetwork,
    sides: [(&str, &[String]); 2],
    snap_max_m: f64,
    beyond: &str,
) -> String {
    let mut s = String::new();
    for (ids, (what, all)) in [&off.points, &off.sites].into_iter().zip(sides) {
        if !ids.is_empty() {
            s += &format!(
                "; {} of {} {what} are off network (farther than {snap_max_m} m from {beyond}): {}",
                ids.len(),
                all.len(),
                listed(ids.iter().map(|&i| all[i].as_str()))
            );
        }
    }
    s
}

/// `network check` in its format.
pub fn check(a: &CheckArgs, r: &CheckReport, data: &Dataset, weight: Option<&str>) -> Vec<u8> {
    let points = &data.demand.data.ids;
    let sites: Vec<&str> = data
        .candidates
        .data
        .sites
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    let weight = weight.unwrap_or("points");
    match a.format {
        CheckFormat::Json => {
            let v = json!({
                "network": a.net.network.display().to_string(),
                "credit": format!("{CREDIT} (ODbL)"),
                "distance": distance(&a.net, r.read.hills.as_ref()),
                "dem": dem_json(r.read.hills.as_ref()),
                "read": {
                    "nodes": r.read.nodes_read, "nodes_in_area": r.read.nodes_kept,
                    "ways": r.read.ways_read, "walkable_ways": r.read.walkable_ways,
                    "cut_ways": r.read.cut_ways,
                },
                "graph": {
                    "nodes": r.graph.nodes, "segments": r.graph.segments,
                    "walkable_km": (r.graph.walkable_km * 1000.0).round() / 1000.0,
                },
                "snap_max_m": a.net.snap_max_m,
                "weight": weight,
                "off_network": {
                    "points": r.off.points.iter().map(|&i| &points[i]).collect::<Vec<_>>(),
                    "weight": r.off_weight,
                    "candidates": r.off.sites.iter().map(|&i| sites[i]).collect::<Vec<_>>(),
                },
                "stranded": r.stranded.iter().map(|c| json!({
                    "points": c.points.iter().map(|&i| &points[i]).collect::<Vec<_>>(),
                    "weight": c.weight,
                })).collect::<Vec<_>>(),
            });
            let mut bytes = serde_json::to_vec_pretty(&v).expect("JSON of strings and numbers");
            bytes.push(b'\n');
            bytes
        }
        CheckFormat::Table => text(a, r, points, &sites, weight).into_bytes(),
    }
}

fn text(a: &CheckArgs, r: &CheckReport, points: &[String], sites: &[&str], weight: &str) -> String {
    let mut s = format!(
        "Street network: {} ({CREDIT}, ODbL)\n\
         Read: {} nodes ({} in the data's area), {} ways\n\
         Walking graph: {} nodes, {} segments, {:.1} km walkable, from {} walkable ways \
         ({} cut: nodes missing from the file or outside the area)\n",
        a.net.network.display(),
        r.read.nodes_read,
        r.read.nodes_kept,
        r.read.ways_read,
        r.graph.nodes,
        r.graph.segments,
        r.graph.walkable_km,
        r.read.walkable_ways,
        r.read.cut_ways,
    );
    if let Some(h) = &r.read.hills {
        s += &dem_line(h);
        s.push('\n');
    }
    s += &format!(
        "Demand points off network (farther than {} m from a walkable street): {} of {} \
         ({weight} {}){}\n",
        a.net.snap_max_m,
        r.off.points.len(),
        points.len(),
        r.off_weight,
        ids_after(r.off.points.iter().map(|&i| points[i].as_str())),
    );
    s += &format!(
        "Candidates off network: {} of {}{}\n",
        r.off.sites.len(),
        sites.len(),
        ids_after(r.off.sites.iter().map(|&i| sites[i])),
    );
    s += &format!(
        "Pieces of the network with demand but no candidate: {}\n",
        r.stranded.len()
    );
    for c in &r.stranded {
        s += &format!(
            "  {} points ({weight} {}): {}\n",
            c.points.len(),
            c.weight,
            listed(c.points.iter().map(|&i| points[i].as_str()))
        );
    }
    s
}

fn ids_after<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> String {
    if ids.len() == 0 {
        String::new()
    } else {
        format!(": {}", listed(ids))
    }
}

/// Up to [`SHOWN`] ids, then how many more.
pub fn listed<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> String {
    let n = ids.len();
    let mut shown: Vec<&str> = ids.take(SHOWN).collect();
    let more = format!("and {} more", n.saturating_sub(SHOWN));
    if n > SHOWN {
        shown.push(&more);
    }
    shown.join(", ")
}
