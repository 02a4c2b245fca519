//! Where the nodes and ways of a generated extract lie, and their tags: a jittered grid of
//! crossings, streets along its rows and columns broken where a segment is missing, a river
//! between two rows crossed only by bridges, and the features walkers cannot use.

use super::CityExtractSpec;
use crate::model::LatLon;
use crate::spatial::EARTH_RADIUS_M;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One way: its nodes (indexes into [`Plan::nodes`]) and its tags.
pub(super) struct Way {
    pub refs: Vec<u32>,
    pub tags: Vec<(&'static str, String)>,
}

/// Everything the file holds, in the order it is written.
pub(super) struct Plan {
    pub nodes: Vec<LatLon>,
    pub ways: Vec<Way>,
}

/// The grid and the random stream every feature is drawn from.
struct Builder {
    rng: ChaCha8Rng,
    rows: usize,
    cols: usize,
    /// Degrees of latitude and longitude per grid step.
    step: (f64, f64),
    south_west: LatLon,
    open: Vec<bool>,
    plan: Plan,
}

/// Segments a street way runs at most before a mapper split it (at a junction, a name change).
const MAX_WAY_SEGMENTS: u32 = 12;

/// Builds the extract of `spec`.
pub(super) fn plan(spec: &CityExtractSpec) -> Plan {
    let a = spec.area;
    let dlat = (spec.spacing_m / EARTH_RADIUS_M).to_degrees();
    let dlon = dlat / ((a.min_lat + a.max_lat) / 2.0).to_radians().cos();
    let rows = (((a.max_lat - a.min_lat) / dlat).floor() as usize + 1).max(4);
    let cols = (((a.max_lon - a.min_lon) / dlon).floor() as usize + 1).max(2);
    let mut b = Builder {
        rng: ChaCha8Rng::seed_from_u64(spec.seed),
        rows,
        cols,
        step: (dlat, dlon),
        south_west: LatLon::new(a.min_lat, a.min_lon),
        open: vec![true; rows * cols],
        plan: Plan {
            nodes: Vec::new(),
            ways: Vec::new(),
        },
    };
    for i in 0..rows * cols {
        let (r, c) = ((i / cols) as f64, (i % cols) as f64);
        let jitter = (b.rng.gen_range(-0.3..0.3), b.rng.gen_range(-0.3..0.3));
        let p = b.at(r + jitter.0, c + jitter.1);
        b.plan.nodes.push(p);
    }
    let km2 = (rows * cols) as f64 * spec.spacing_m * spec.spacing_m / 1e6;
    b.holes((spec.holes_per_km2 * km2).round() as usize);
    let bridge_every = ((spec.bridge_every_m / spec.spacing_m).round() as usize).max(1);
    b.streets(spec.missing_share, bridge_every);
    b.buildings(spec.building_share);
    let (river, motorway, rail) = (rows / 2, rows * 3 / 4, cols / 3);
    b.line(river as f64 + 0.5, true, river_tags());
    b.line(motorway as f64 + 0.5, true, motorway_tags());
    b.line(rail as f64 + 0.5, false, rail_tags());
    b.plan
}

fn tags(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    pairs.iter().map(|&(k, v)| (k, v.to_string())).collect()
}

fn river_tags() -> Vec<(&'static str, String)> {
    tags(&[
        ("waterway", "river"),
        ("name", "小出川"),
        ("name:en", "Koide River"),
    ])
}

fn motorway_tags() -> Vec<(&'static str, String)> {
    tags(&[
        ("highway", "motorway"),
        ("name", "新湘南バイパス"),
        ("oneway", "yes"),
        ("layer", "1"),
        ("bridge", "viaduct"),
    ])
}

fn rail_tags() -> Vec<(&'static str, String)> {
    tags(&[
        ("railway", "rail"),
        ("name", "JR相模線"),
        ("gauge", "1067"),
        ("electrified", "contact_line"),
    ])
}

impl Builder {
    fn at(&self, r: f64, c: f64) -> LatLon {
        LatLon::new(
            self.south_west.lat + self.step.0 * r,
            self.south_west.lon + self.step.1 * c,
        )
    }

    fn node(&mut self, p: LatLon) -> u32 {
        self.plan.nodes.push(p);
        (self.plan.nodes.len() - 1) as u32
    }

    /// Rectangles of crossings with no street (their edges keep theirs).
    fn holes(&mut self, n: usize) {
        for _ in 0..n {
            let (h, w) = (self.rng.gen_range(2..=6), self.rng.gen_range(2..=6));
            let (r0, c0) = (
                self.rng.gen_range(0..self.rows),
                self.rng.gen_range(0..self.cols),
            );
            for r in r0 + 1..(r0 + h).min(self.rows) {
                for c in c0 + 1..(c0 + w).min(self.cols) {
                    self.open[r * self.cols + c] = false;
                }
            }
        }
    }

    /// The streets along every row, then every column; a column crosses the river (between
    /// rows `rows / 2` and the next) only at a bridge, every `bridge_every` columns.
    fn streets(&mut self, missing_share: f64, bridge_every: usize) {
        let (rows, cols) = (self.rows, self.cols);
        for r in 0..rows {
            let line: Vec<u32> = (0..cols).map(|c| (r * cols + c) as u32).collect();
            self.street_line(&line, r, missing_share, None);
        }
        let river = rows / 2;
        for c in 0..cols {
            let line: Vec<u32> = (0..rows).map(|r| (r * cols + c) as u32).collect();
            let bridge = c % bridge_every == bridge_every / 2;
            self.street_line(&line, c, missing_share, Some((river, bridge)));
        }
    }

    /// One row or column of crossings as street ways: a way ends where a segment is missing
    /// and after a few blocks; the river segment is a bridge way of its own, or nothing.
    fn street_line(
        &mut self,
        line: &[u32],
        index: usize,
        missing_share: f64,
        river: Option<(usize, bool)>,
    ) {
        let class = class_of(index);
        let mut way: Vec<u32> = Vec::new();
        let mut left = 0;
        for (k, pair) in line.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            if let Some((_, bridge)) = river.filter(|&(at, _)| at == k) {
                self.end_street(&mut way, class);
                if bridge {
                    let mut tags = self.street_tags(class);
                    tags.extend(self::tags(&[("bridge", "yes"), ("layer", "1")]));
                    self.plan.ways.push(Way {
                        refs: vec![a, b],
                        tags,
                    });
                }
                continue;
            }
            let open = self.open[a as usize] && self.open[b as usize];
            let missing = !open || self.rng.gen_bool(missing_share);
            if missing || left == 0 {
                self.end_street(&mut way, class);
                left = self.rng.gen_range(3..=MAX_WAY_SEGMENTS);
            }
            if missing {
                continue;
            }
            if way.is_empty() {
                way.push(a);
            }
            self.shape_nodes(&mut way, a, b);
            way.push(b);
            left -= 1;
        }
        self.end_street(&mut way, class);
    }

    /// Up to two nodes bending the segment from `a` to `b`, as mapped streets bend.
    fn shape_nodes(&mut self, way: &mut Vec<u32>, a: u32, b: u32) {
        let n = self.rng.gen_range(0..=2);
        let (pa, pb) = (self.plan.nodes[a as usize], self.plan.nodes[b as usize]);
        for k in 1..=n {
            let t = k as f64 / (n + 1) as f64;
            let bend = self.rng.gen_range(-0.08..0.08);
            let p = LatLon::new(
                pa.lat + (pb.lat - pa.lat) * t + self.step.0 * bend,
                pa.lon + (pb.lon - pa.lon) * t + self.step.1 * bend,
            );
            let id = self.node(p);
            way.push(id);
        }
    }

    fn end_street(&mut self, way: &mut Vec<u32>, class: Class) {
        if way.len() >= 2 {
            let tags = self.street_tags(class);
            self.plan.ways.push(Way {
                refs: std::mem::take(way),
                tags,
            });
        }
        way.clear();
    }

    /// The tags of one street way of `class`: a minor street is sometimes a footway, steps,
    /// a service road or private ground, as in a real extract.
    fn street_tags(&mut self, class: Class) -> Vec<(&'static str, String)> {
        match class {
            Class::Secondary(n) => vec![
                ("highway", "secondary".into()),
                ("name", format!("県道{n}号線")),
                ("ref", n.to_string()),
                ("lanes", "2".into()),
                ("sidewalk", "both".into()),
            ],
            Class::Tertiary(n) => vec![
                ("highway", "tertiary".into()),
                ("name", format!("市道{n}号線")),
                ("maxspeed", "40".into()),
            ],
            Class::Minor => {
                let roll: f64 = self.rng.gen();
                let pairs: &[(&'static str, &str)] = match roll {
                    x if x < 0.05 => &[("highway", "footway"), ("surface", "paved")],
                    x if x < 0.06 => &[("highway", "steps"), ("incline", "up")],
                    x if x < 0.10 => &[("highway", "service"), ("service", "alley")],
                    x if x < 0.12 => &[("highway", "residential"), ("access", "private")],
                    x if x < 0.20 => &[("highway", "residential"), ("oneway", "yes")],
                    x if x < 0.30 => &[("highway", "living_street")],
                    _ => &[("highway", "residential")],
                };
                tags(pairs)
            }
        }
    }

    /// A building inside each of a `share` of the open blocks.
    fn buildings(&mut self, share: f64) {
        let building = tags(&[("building", "house")]);
        for r in 0..self.rows - 1 {
            for c in 0..self.cols - 1 {
                let corners = [0, 1, self.cols, self.cols + 1].map(|d| r * self.cols + c + d);
                if !corners.iter().all(|&i| self.open[i]) || !self.rng.gen_bool(share) {
                    continue;
                }
                let (r, c) = (r as f64 + 0.5, c as f64 + 0.5);
                let h = self.rng.gen_range(0.1..0.2);
                let refs: Vec<u32> = [(-h, -h), (-h, h), (h, h), (h, -h)]
                    .into_iter()
                    .map(|(dr, dc)| {
                        let p = self.at(r + dr, c + dc);
                        self.node(p)
                    })
                    .collect();
                let mut closed = refs.clone();
                closed.push(refs[0]);
                self.plan.ways.push(Way {
                    refs: closed,
                    tags: building.clone(),
                });
            }
        }
    }

    /// A feature with nodes of its own along a row (`along_row`) or a column at `at` (in grid
    /// steps, between two lines of crossings), sharing no node with a street.
    fn line(&mut self, at: f64, along_row: bool, tags: Vec<(&'static str, String)>) {
        let n = if along_row { self.cols } else { self.rows };
        let refs: Vec<u32> = (0..n)
            .map(|k| {
                let wobble = self.rng.gen_range(-0.1..0.1);
                let p = match along_row {
                    true => self.at(at + wobble, k as f64),
                    false => self.at(k as f64, at + wobble),
                };
                self.node(p)
            })
            .collect();
        self.plan.ways.push(Way { refs, tags });
    }
}

/// A street's class by its row or column: a secondary road every 40 lines (2 km at 50 m), a
/// tertiary every 10, residential streets between.
#[derive(Clone, Copy)]
enum Class {
    Secondary(usize),
    Tertiary(usize),
    Minor,
}

fn class_of(index: usize) -> Class {
    match index {
        i if i % 40 == 20 => Class::Secondary(40 + i / 40),
        i if i % 10 == 5 => Class::Tertiary(100 + i / 10),
        _ => Class::Minor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Area;

    fn spec() -> CityExtractSpec {
        CityExtractSpec {
            area: Area {
                min_lat: 35.33,
                min_lon: 139.36,
                max_lat: 35.35,
                max_lon: 139.39,
            },
            spacing_m: 100.0,
            missing_share: 0.1,
            holes_per_km2: 1.0,
            bridge_every_m: 800.0,
            building_share: 0.5,
            seed: 3,
        }
    }

    #[test]
    fn streets_cross_the_river_only_on_bridge_ways_sharing_the_bank_nodes() {
        let s = spec();
        let plan = plan(&s);
        let dlat = (s.spacing_m / EARTH_RADIUS_M).to_degrees();
        let rows = ((s.area.max_lat - s.area.min_lat) / dlat).floor() as usize + 1;
        let dlon = dlat / ((s.area.min_lat + s.area.max_lat) / 2.0).to_radians().cos();
        let cols = ((s.area.max_lon - s.area.min_lon) / dlon).floor() as usize + 1;
        let river = rows / 2;
        let is_street = |w: &Way| {
            w.tags
                .iter()
                .any(|(k, v)| *k == "highway" && v != "motorway")
        };
        let mut crossings = 0;
        for way in plan.ways.iter().filter(|w| is_street(w)) {
            // Crossings are the first rows × cols nodes; shape nodes come after them.
            let grid: Vec<usize> = way
                .refs
                .iter()
                .map(|&r| r as usize)
                .filter(|&r| r < rows * cols)
                .collect();
            for pair in grid.windows(2) {
                let (ra, rb) = (pair[0] / cols, pair[1] / cols);
                if ra.min(rb) == river && ra.max(rb) == river + 1 {
                    crossings += 1;
                    assert!(way.tags.contains(&("bridge", "yes".into())));
                    assert_eq!(way.refs.len(), 2, "a bridge is its two bank nodes");
                }
            }
        }
        let every = (s.bridge_every_m / s.spacing_m).round() as usize;
        let bridges = (0..cols).filter(|c| c % every == every / 2).count();
        assert!(bridges >= 2);
        assert_eq!(crossings, bridges);
        let water = plan
            .ways
            .iter()
            .filter(|w| w.tags[0].0 == "waterway")
            .count();
        assert_eq!(water, 1);
    }
}
