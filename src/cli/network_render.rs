//! How `network matrix` and `network check` say what they found: the credit OpenStreetMap's
//! licence asks for, which distance was used, and who is off the network, by id.

use super::network::{CheckArgs, CheckFormat, MatrixArgs};
use mobile_stops::network::{CheckReport, SiteLists, CREDIT};
use mobile_stops::Dataset;
use serde_json::json;

/// Ids listed in a line of text before "and N more".
const SHOWN: usize = 10;

/// Which distance the numbers are.
const DISTANCE: &str = "network (walking along OpenStreetMap streets, both directions, no DEM)";

/// `network matrix --format json`.
pub fn matrix_json(a: &MatrixArgs, lists: &SiteLists, from: &[String], to: &[String]) -> Vec<u8> {
    let mut rows: Vec<(usize, usize, f64)> = lists
        .lists
        .iter()
        .enumerate()
        .flat_map(|(s, l)| l.iter().map(move |&(p, m)| (p, s, m)))
        .collect();
    rows.sort_unstable_by_key(|&(p, s, _)| (p, s));
    let pairs: Vec<_> = rows
        .iter()
        .map(
            |&(p, s, m)| json!({"from": from[p], "to": to[s], "metres": (m * 10.0).round() / 10.0}),
        )
        .collect();
    let v = json!({
        "network": a.net.network.display().to_string(),
        "credit": format!("{CREDIT} (ODbL)"),
        "distance": DISTANCE,
        "max_m": a.max_m,
        "snap_max_m": a.net.snap_max_m,
        "pairs": pairs,
        "off_network": {
            "from": lists.off.points.iter().map(|&i| &from[i]).collect::<Vec<_>>(),
            "to": lists.off.sites.iter().map(|&i| &to[i]).collect::<Vec<_>>(),
        },
    });
    let mut bytes = serde_json::to_vec_pretty(&v).expect("JSON of strings and numbers");
    bytes.push(b'\n');
    bytes
}

/// The line `network matrix` prints on standard error.
pub fn matrix_note(a: &MatrixArgs, lists: &SiteLists, from: &[String], to: &[String]) -> String {
    let mut s = format!(
        "{} pairs within {} m along the streets of {} ({CREDIT}, ODbL)",
        lists.pairs(),
        a.max_m,
        a.net.network.display()
    );
    for (what, ids, all) in [
        ("--from points", &lists.off.points, from),
        ("--to sites", &lists.off.sites, to),
    ] {
        if !ids.is_empty() {
            s += &format!(
                "; {} of {} {what} are off network (farther than {} m from a walkable street, \
                 no distance given): {}",
                ids.len(),
                all.len(),
                a.net.snap_max_m,
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
                "distance": DISTANCE,
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
