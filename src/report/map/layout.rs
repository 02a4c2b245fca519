//! Where things go on the page: the projection into the frame, the scale bar's length, and
//! label placement.

use super::style::{FRAME_H, FRAME_PAD, FRAME_W, FRAME_X, FRAME_Y, LABEL_SIZE};
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
    fn overlaps(&self, o: &Box2) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside_frame(&self) -> bool {
        self.x0 >= FRAME_X + 2.0
            && self.x1 <= FRAME_X + FRAME_W - 2.0
            && self.y0 >= FRAME_Y + 2.0
            && self.y1 <= FRAME_Y + FRAME_H - 2.0
    }
}

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

/// Puts a label right, left, above or below its marker, the first that stays in the frame and
/// clear of labels already placed (else on the right). Returns the text position and whether it
/// is anchored at its end.
pub(super) fn place_label(x: f64, y: f64, width: f64, placed: &mut Vec<Box2>) -> (f64, f64, bool) {
    let h = LABEL_SIZE;
    // Clear of the largest marker (a ring of radius 9.5).
    let options = [
        (x + 13.0, y + h / 3.0, false),
        (x - 13.0, y + h / 3.0, true),
        (x - width / 2.0, y - 13.0, false),
        (x - width / 2.0, y + 12.0 + h, false),
    ];
    let boxed = |&(lx, ly, end): &(f64, f64, bool)| {
        let x0 = if end { lx - width } else { lx };
        Box2 {
            x0,
            y0: ly - h,
            x1: x0 + width,
            y1: ly + 3.0,
        }
    };
    let pick = options
        .iter()
        .find(|c| {
            let b = boxed(c);
            b.inside_frame() && placed.iter().all(|p| !p.overlaps(&b))
        })
        .unwrap_or(&options[0]);
    placed.push(boxed(pick));
    *pick
}
