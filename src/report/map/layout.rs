//! Where things go on the page: the projection into the frame, the scale bar's length, and
//! label placement.

use super::style::{FRAME_H, FRAME_PAD, FRAME_W, FRAME_X, FRAME_Y, LABEL_SIZE, LINE};
use crate::model::LatLon;
use crate::spatial::EARTH_RADIUS_M;

/// Local equirectangular projection fitted into the map frame with one scale for x and y.
#[derive(Debug, Clone, Copy)]
pub(super) struct Projection {
    lat0: f64,
    lon0: f64,
    cos0: f64,
    /// User units per metre.
    pub(super) scale: f64,
    /// Where the centre of the data is drawn.
    x0: f64,
    y0: f64,
}

impl Projection {
    /// Fits `extent` into the frame; `min_span_m` keeps one point (or one row of points) from
    /// being blown up to fill the frame.
    pub(super) fn fit(extent: &[LatLon], min_span_m: f64) -> Projection {
        let (mut s, mut n, mut w, mut e) = (90.0f64, -90.0f64, 180.0f64, -180.0f64);
        for p in extent {
            s = s.min(p.lat);
            n = n.max(p.lat);
            w = w.min(p.lon);
            e = e.max(p.lon);
        }
        if extent.is_empty() {
            (s, n, w, e) = (0.0, 0.0, 0.0, 0.0);
        }
        let lat0 = (s + n) / 2.0;
        let lon0 = (w + e) / 2.0;
        let mut p = Projection {
            lat0,
            lon0,
            cos0: lat0.to_radians().cos(),
            scale: 1.0,
            x0: FRAME_X + FRAME_W / 2.0,
            y0: FRAME_Y + FRAME_H / 2.0,
        };
        let (xw, ys) = p.metres(LatLon::new(s, w));
        let (xe, yn) = p.metres(LatLon::new(n, e));
        let span_x = (xe - xw).max(min_span_m);
        let span_y = (yn - ys).max(min_span_m);
        p.scale = ((FRAME_W - 2.0 * FRAME_PAD) / span_x).min((FRAME_H - 2.0 * FRAME_PAD) / span_y);
        p
    }

    /// Metres east and north of the centre.
    fn metres(&self, p: LatLon) -> (f64, f64) {
        (
            EARTH_RADIUS_M * (p.lon - self.lon0).to_radians() * self.cos0,
            EARTH_RADIUS_M * (p.lat - self.lat0).to_radians(),
        )
    }

    /// User coordinates (y grows downwards).
    pub(super) fn xy(&self, p: LatLon) -> (f64, f64) {
        let (mx, my) = self.metres(p);
        (self.x0 + mx * self.scale, self.y0 - my * self.scale)
    }
}

/// The longest round length (1, 2 or 5 × 10ⁿ metres) whose bar fits in a fifth of the frame.
pub(super) fn scale_length(units_per_m: f64) -> (f64, f64) {
    let limit = FRAME_W / 5.0;
    let mut best = 1.0;
    for exp in 0..8 {
        for m in [1.0, 2.0, 5.0] {
            let len = m * 10f64.powi(exp);
            if len * units_per_m <= limit {
                best = len;
            }
        }
    }
    (best, best * units_per_m)
}

/// An axis-aligned box of a placed label.
#[derive(Debug, Clone, Copy)]
pub(super) struct Box2 {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box2 {
    /// The area two boxes share (0 when apart).
    fn overlap(&self, o: &Box2) -> f64 {
        let w = self.x1.min(o.x1) - self.x0.max(o.x0);
        let h = self.y1.min(o.y1) - self.y0.max(o.y0);
        w.max(0.0) * h.max(0.0)
    }

    fn area(&self) -> f64 {
        (self.x1 - self.x0) * (self.y1 - self.y0)
    }
}

/// The frame less a margin: labels stay inside it.
const FRAME_INNER: Box2 = Box2 {
    x0: FRAME_X + 2.0,
    y0: FRAME_Y + 2.0,
    x1: FRAME_X + FRAME_W - 2.0,
    y1: FRAME_Y + FRAME_H - 2.0,
};

/// Places a label centred on (x, y) (its baseline a third of a line below), whatever is there:
/// a pocket's count belongs on the pocket. Later labels keep clear of it.
pub(super) fn place_centred(x: f64, y: f64, width: f64, size: f64, placed: &mut Vec<Box2>) -> f64 {
    let baseline = y + size / 3.0;
    placed.push(Box2 {
        x0: x - width / 2.0,
        y0: baseline - size,
        x1: x + width / 2.0,
        y1: baseline + 3.0,
    });
    baseline
}

/// Keeps later labels off a marker of radius `r` at (x, y).
pub(super) fn block(x: f64, y: f64, r: f64, placed: &mut Vec<Box2>) {
    placed.push(Box2 {
        x0: x - r,
        y0: y - r,
        x1: x + r,
        y1: y + r,
    });
}

/// Puts a label beside its marker: right, left, above, below, then the four corners, the
/// first that stays in the frame clear of everything placed; when none is, the one that covers
/// least of it (and runs least out of the frame), so a crowded corner overlaps as little as it
/// can rather than always to the right. A label of several `lines` (each [`LINE`] below the
/// one before) is as wide as `width`. Returns the first line's position and whether the
/// lines are anchored at their end.
pub(super) fn place_label(
    (x, y): (f64, f64),
    width: f64,
    lines: usize,
    placed: &mut Vec<Box2>,
) -> (f64, f64, bool) {
    let h = LABEL_SIZE;
    let more = LINE * lines.saturating_sub(1) as f64;
    // Clear of the largest marker (a ring of radius 9.5).
    let options = [
        (x + 13.0, y + h / 3.0, false),
        (x - 13.0, y + h / 3.0, true),
        (x - width / 2.0, y - 13.0 - more, false),
        (x - width / 2.0, y + 12.0 + h, false),
        (x + 8.0, y - 13.0 - more, false),
        (x - 8.0, y - 13.0 - more, true),
        (x + 8.0, y + 12.0 + h, false),
        (x - 8.0, y + 12.0 + h, true),
    ];
    let boxed = |&(lx, ly, end): &(f64, f64, bool)| {
        let x0 = if end { lx - width } else { lx };
        Box2 {
            x0,
            y0: ly - h,
            x1: x0 + width,
            y1: ly + 3.0 + more,
        }
    };
    let cost = |c: &(f64, f64, bool)| {
        let b = boxed(c);
        let covered: f64 = placed.iter().map(|p| p.overlap(&b)).sum();
        covered + b.area() - b.overlap(&FRAME_INNER)
    };
    let mut pick = &options[0];
    let mut least = f64::INFINITY;
    for c in &options {
        let k = cost(c);
        if k < least {
            (pick, least) = (c, k);
        }
        if k <= 0.0 {
            break;
        }
    }
    placed.push(boxed(pick));
    *pick
}
