//! The land the map draws besides the people: the council's boundary, and the land the demand
//! data do not cover.
//!
//! A blank square can mean two things: nobody lives there, or nobody counted. A council reading
//! the map must tell them apart (the embedded census stops at 35.3333° N and leaves out the
//! city's southern band), so the frame outside the data's extent is hatched grey and labelled,
//! and blank land inside the extent means nobody lives there. The extent is the one the ranking
//! uses to call a site not measurable ([`crate::spatial::DataExtent`]: the convex hull of the
//! demand footprint); the projection is linear in latitude and longitude, so the hull of the
//! projected footprint is the projected hull.

use super::layout::Projection;
use super::style::{f1, FRAME_H, FRAME_W, FRAME_X, FRAME_Y};
use crate::model::{Dataset, LatLon};
use crate::report::labels::Lang;
use geo::{
    BooleanOps, Contains, ConvexHull, Coord, LineString, MultiPoint, MultiPolygon, Point, Polygon,
    Rect,
};
use std::fmt::Write as _;

/// Side of the grid cells the "no data" label is placed on, in user units.
const GRID: f64 = 8.0;
/// How close, in user units, the label may come to a marker's centre.
const MARKER_CLEAR: f64 = 12.0;

/// The boundary and the land without data, in user units.
pub(super) struct Areas {
    /// The council's boundary, when the dataset has one.
    pub(super) outline: Option<MultiPolygon<f64>>,
    /// The frame outside the data's extent.
    pub(super) no_data: MultiPolygon<f64>,
}

impl Areas {
    /// Projects the dataset's outline and cuts the data's extent out of the frame.
    pub(super) fn new(data: &Dataset, proj: &Projection) -> Areas {
        let xy = |p: LatLon| {
            let (x, y) = proj.xy(p);
            Coord { x, y }
        };
        let outline = data.area.as_ref().map(|a| {
            a.data
                .outline
                .iter()
                .map(|poly| {
                    let ring = |r: &LineString<f64>| -> LineString<f64> {
                        r.coords().map(|c| xy(LatLon::new(c.y, c.x))).collect()
                    };
                    Polygon::new(
                        ring(poly.exterior()),
                        poly.interiors().iter().map(ring).collect(),
                    )
                })
                .collect::<MultiPolygon<f64>>()
        });
        let footprint: MultiPoint<f64> = data
            .demand
            .data
            .footprint
            .iter()
            .map(|&p| Point::from(xy(p)))
            .collect();
        let frame = Rect::new(
            Coord {
                x: FRAME_X,
                y: FRAME_Y,
            },
            Coord {
                x: FRAME_X + FRAME_W,
                y: FRAME_Y + FRAME_H,
            },
        )
        .to_polygon();
        let no_data = match footprint.0.len() {
            0 => MultiPolygon::new(vec![frame]),
            _ => frame.difference(&footprint.convex_hull()),
        };
        Areas { outline, no_data }
    }

    /// Whether any of the frame lies outside the data, so the legend explains the hatching.
    pub(super) fn has_no_data(&self) -> bool {
        !self.no_data.0.is_empty()
    }

    /// Where a `w` × `h` label fits wholly on land without data, clear of the `markers`: inside
    /// the council's boundary when it can be, so the label sits on the part of the council's
    /// land that is missing; the spot nearest the middle of the room there is (first in
    /// reading order on ties); `None` when there is no room.
    pub(super) fn label_spot(&self, w: f64, h: f64, markers: &[(f64, f64)]) -> Option<(f64, f64)> {
        let tries = [self.outline.as_ref(), None];
        let tries = if self.outline.is_some() {
            &tries[..]
        } else {
            &tries[1..]
        };
        tries
            .iter()
            .find_map(|within| self.spot_in(*within, w, h, markers))
    }

    fn spot_in(
        &self,
        within: Option<&MultiPolygon<f64>>,
        w: f64,
        h: f64,
        markers: &[(f64, f64)],
    ) -> Option<(f64, f64)> {
        let (nx, ny) = ((FRAME_W / GRID) as usize, (FRAME_H / GRID) as usize);
        let centre = |i: usize, k: usize| {
            (
                FRAME_X + (i as f64 + 0.5) * GRID,
                FRAME_Y + (k as f64 + 0.5) * GRID,
            )
        };
        // Summed-area table of the free cells, one row and column of zeros in front.
        let mut sum = vec![vec![0u32; nx + 1]; ny + 1];
        let (mut free_x, mut free_y, mut free_n) = (0.0, 0.0, 0.0);
        for k in 0..ny {
            for i in 0..nx {
                let (x, y) = centre(i, k);
                let p = Point::new(x, y);
                let free = self.no_data.contains(&p)
                    && within.is_none_or(|a| a.contains(&p))
                    && markers
                        .iter()
                        .all(|&(mx, my)| (mx - x).hypot(my - y) > MARKER_CLEAR + GRID / 2.0);
                if free {
                    (free_x, free_y, free_n) = (free_x + x, free_y + y, free_n + 1.0);
                }
                sum[k + 1][i + 1] = u32::from(free) + sum[k][i + 1] + sum[k + 1][i] - sum[k][i];
            }
        }
        if free_n == 0.0 {
            return None;
        }
        let (mid_x, mid_y) = (free_x / free_n, free_y / free_n);
        // The label's cells with one cell of margin all round.
        let bw = (w / GRID).ceil() as usize + 2;
        let bh = (h / GRID).ceil() as usize + 2;
        let mut best: Option<(f64, (f64, f64))> = None;
        for k in 0..(ny + 1).saturating_sub(bh) {
            for i in 0..(nx + 1).saturating_sub(bw) {
                let n = sum[k + bh][i + bw] + sum[k][i] - sum[k][i + bw] - sum[k + bh][i];
                if n as usize != bw * bh {
                    continue;
                }
                let x = FRAME_X + (i as f64 + bw as f64 / 2.0) * GRID;
                let y = FRAME_Y + (k as f64 + bh as f64 / 2.0) * GRID;
                let d = (x - mid_x).hypot(y - mid_y);
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, (x, y)));
                }
            }
        }
        best.map(|(_, at)| at)
    }
}

/// A shape as SVG path data, one decimal: each ring once, closed.
pub(super) fn path_data(shape: &MultiPolygon<f64>) -> String {
    let mut d = String::new();
    for poly in shape {
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            let coords: Vec<Coord<f64>> = ring.coords().copied().collect();
            // A closed ring repeats its first point last; Z draws that side.
            let open = match coords.len() {
                n if n > 1 && coords[0] == coords[n - 1] => &coords[..n - 1],
                _ => &coords[..],
            };
            if open.len() < 3 {
                continue;
            }
            for (k, c) in open.iter().enumerate() {
                let _ = write!(
                    d,
                    "{}{},{}",
                    match k {
                        0 => "M",
                        1 => "L",
                        _ => " ",
                    },
                    f1(c.x),
                    f1(c.y)
                );
            }
            d.push('Z');
        }
    }
    d
}

/// What the hatched land is called, on the map and in the legend: outside the census mesh
/// when the demand is census cells, outside the demand data otherwise.
pub(super) fn no_data_words(mesh: bool, lang: Lang) -> &'static str {
    match mesh {
        true => lang.pick(
            "No data (outside the census mesh)",
            "データなし（国勢調査メッシュの範囲外）",
        ),
        false => lang.pick(
            "No data (outside the demand data)",
            "データなし（需要データの範囲外）",
        ),
    }
}

/// The words split in two lines before the bracket, for a narrow strip of land.
pub(super) fn two_lines(words: &str) -> Vec<&str> {
    match words.find(['（', '(']) {
        Some(i) if i > 0 => vec![words[..i].trim_end(), &words[i..]],
        _ => vec![words],
    }
}
