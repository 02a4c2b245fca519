//! The streets on the map, when distances were walked along them: every street as one light
//! path under the stops, and the stretches walked to reach each chosen stop in the stop's
//! colour instead of a circle (a circle would claim people across a river the streets do not
//! reach).
//!
//! Size: a city's extract holds hundreds of thousands of segments, most shorter than a printed
//! line is wide. Ends are rounded to a grid (a whole unit, 0.17 mm on paper, for the streets; a
//! tenth for the walks), segments that round to a point or repeat one already drawn are left
//! out, and so are those wholly outside the frame; what is left is one path whose length is
//! bounded by the frame's area, not by the extract.

use super::layout::Projection;
use super::style::{FRAME_H, FRAME_W, FRAME_X, FRAME_Y};
use crate::model::{LatLon, Streets};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The street paths of one map, ready to write.
pub(super) struct StreetLines {
    /// Every street inside the frame, as one path's data.
    pub(super) streets: String,
    /// Per chosen stop (once per point): the stop's index and the path data of its walks.
    pub(super) walked: Vec<(usize, String)>,
    /// Whether walks cost their slopes (the radius is then flat-equivalent).
    pub(super) hills: bool,
}

impl StreetLines {
    /// Projects the streets and each chosen stop's walks within `radius` (the cost table's
    /// unit: metres, flat-equivalent with hills).
    pub(super) fn new(
        streets: &Streets,
        proj: &Projection,
        stops: &[(usize, LatLon)],
        radius: f64,
    ) -> StreetLines {
        let mut seen: Vec<LatLon> = Vec::new();
        let mut walked = Vec::new();
        for &(j, at) in stops {
            if seen.contains(&at) {
                continue;
            }
            seen.push(at);
            let d = path_data(&streets.view.walked(at, radius), proj, 10.0);
            if !d.is_empty() {
                walked.push((j, d));
            }
        }
        StreetLines {
            streets: path_data(&streets.view.segments(), proj, 1.0),
            walked,
            hills: streets.hills,
        }
    }
}

/// The segments inside the frame as path data, ends rounded to `1/per_unit` of a unit, chained
/// where one starts at the previous end, each drawn once.
fn path_data(segments: &[[LatLon; 2]], proj: &Projection, per_unit: f64) -> String {
    let grid = |p: LatLon| {
        let (x, y) = proj.xy(p);
        ((x * per_unit).round() as i64, (y * per_unit).round() as i64)
    };
    let text = |v: i64| match per_unit == 1.0 {
        true => v.to_string(),
        false => format!("{:.1}", v as f64 / per_unit),
    };
    let mut drawn: HashSet<[(i64, i64); 2]> = HashSet::new();
    let mut d = String::new();
    let mut end: Option<(i64, i64)> = None;
    for seg in segments {
        let (mut a, mut b) = (grid(seg[0]), grid(seg[1]));
        if a == b || !in_frame(a, b, per_unit) || !drawn.insert([a.min(b), a.max(b)]) {
            continue;
        }
        if end == Some(b) {
            std::mem::swap(&mut a, &mut b);
        }
        if end != Some(a) {
            let _ = write!(d, "M{} {}", text(a.0), text(a.1));
        }
        let _ = write!(d, "L{} {}", text(b.0), text(b.1));
        end = Some(b);
    }
    d
}

/// Whether the segment from `a` to `b` (grid units) may cross the frame: its bounding box
/// meets the frame's.
fn in_frame(a: (i64, i64), b: (i64, i64), per_unit: f64) -> bool {
    let unit = |v: i64| v as f64 / per_unit;
    let (x0, x1) = (unit(a.0.min(b.0)), unit(a.0.max(b.0)));
    let (y0, y1) = (unit(a.1.min(b.1)), unit(a.1.max(b.1)));
    x1 >= FRAME_X && x0 <= FRAME_X + FRAME_W && y1 >= FRAME_Y && y0 <= FRAME_Y + FRAME_H
}

/// The styles the street paths use, added to the map's style sheet only when streets are
/// drawn (so a map without them keeps its bytes).
pub(super) const STREET_STYLE: &str = "\
.ms-streets{fill:none;stroke:#a0a0a0;stroke-width:0.7;stroke-linecap:round;stroke-linejoin:round}\
.ms-walked{fill:none;stroke:#2166ac;stroke-width:3;stroke-opacity:0.8;stroke-linecap:round;stroke-linejoin:round}";
