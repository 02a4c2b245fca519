//! Sites on one point. Candidates whose coordinates are their town's representative point
//! stand on the very same spot and cannot be told apart on a map; drawn one by one they pile
//! up as one marker under several overlapping names. So each point gets one marker and, when
//! one of its sites is named, one label that says the sites share the point
//! ("今宿グリーンハイム・上国寺・松尾大神（同一地点）"). "The same point" is the ranking's
//! ([`crate::model::LatLon::point_key`], about a metre).

use super::style::{clip, text_width, LABEL_CHARS, LABEL_SIZE};
use crate::model::{point_groups, CandidateSite};
use crate::report::labels::Lang;

/// The candidates grouped by the point they stand on.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SharedPoints {
    /// The sites on each point in file order; points in the order of their first site.
    groups: Vec<Vec<usize>>,
    /// Each site's point, an index into `groups`.
    of: Vec<usize>,
}

impl SharedPoints {
    pub(super) fn new(sites: &[CandidateSite]) -> SharedPoints {
        let (groups, of) = point_groups(sites.iter().map(|s| s.location));
        SharedPoints { groups, of }
    }

    /// Which point site `j` stands on (an id shared by the sites on it).
    pub(super) fn point(&self, j: usize) -> usize {
        self.of[j]
    }

    /// The sites on site `j`'s point, `j` included, in file order.
    pub(super) fn sites(&self, j: usize) -> &[usize] {
        &self.groups[self.of[j]]
    }

    /// Whether `j` is the first site on its point: the one whose marker is drawn.
    pub(super) fn is_first(&self, j: usize) -> bool {
        self.sites(j)[0] == j
    }
}

/// How names on one point are joined.
pub(super) fn joiner(lang: Lang) -> &'static str {
    lang.pick(" · ", "・")
}

/// How wide a line of a point's label may be, in user units (about sixteen Japanese
/// characters), so a long list of names breaks rather than crossing half the map.
pub(super) const LINE_WIDTH: f64 = 280.0;

/// The label of one point from the names of its sites, those to name first, as lines: a lone
/// name as it is (clipped); several, all of them and "(same point)" when that takes two lines
/// or fewer (broken between names), else the first and how many others share the point.
pub(super) fn point_label(names: &[String], lang: Lang) -> Vec<String> {
    let Some(first) = names.first() else {
        return Vec::new();
    };
    if names.len() == 1 {
        return vec![clip(first, LABEL_CHARS)];
    }
    let same = lang.pick(" (same point)", "（同一地点）");
    let last = names.len() - 1;
    let all: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(k, n)| match k == last {
            true => format!("{}{same}", clip(n, LABEL_CHARS)),
            false => format!("{}{}", clip(n, LABEL_CHARS), joiner(lang)),
        })
        .collect();
    let lines = pack(&all);
    if lines.len() <= 2 {
        return lines;
    }
    let n = names.len() - 1;
    let tail = match lang {
        Lang::En => format!("and {n} other{}{same}", super::style::plural(n)),
        Lang::Ja => format!("ほか{n}か所{same}"),
    };
    pack(&[format!("{} ", clip(first, LABEL_CHARS)), tail])
}

/// Pieces put on lines no wider than [`LINE_WIDTH`] (a piece wider than that on its own).
fn pack(pieces: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        let joined = format!("{line}{piece}");
        if !line.is_empty() && text_width(joined.trim_end(), LABEL_SIZE) > LINE_WIDTH {
            lines.push(line.trim_end().to_string());
            line = piece.clone();
        } else {
            line = joined;
        }
    }
    if !line.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn site(id: &str, lat: f64, lon: f64) -> CandidateSite {
        CandidateSite {
            id: id.into(),
            location: LatLon::new(lat, lon),
            name: None,
            written_name: None,
            kind: None,
            vehicle_slots: None,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra: Vec::new(),
            line: None,
        }
    }

    #[test]
    fn sites_within_a_metre_share_a_point() {
        let sites = [
            site("a", 35.0, 139.0),
            site("b", 35.1, 139.0),
            site("c", 35.000_001, 139.000_001),
            site("d", 35.0, 139.0),
        ];
        let p = SharedPoints::new(&sites);
        assert_eq!(p.sites(3), &[0, 2, 3]);
        assert_eq!(p.sites(1), &[1]);
        assert_eq!(p.point(0), p.point(2));
        assert_ne!(p.point(0), p.point(1));
        assert!(p.is_first(0) && p.is_first(1) && !p.is_first(2) && !p.is_first(3));
    }

    #[test]
    fn one_label_says_the_sites_share_a_point() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(point_label(&names(&["妙行寺"]), Lang::Ja), ["妙行寺"]);
        assert_eq!(
            point_label(
                &names(&["今宿グリーンハイム", "松尾大神", "上国寺"]),
                Lang::Ja
            ),
            ["今宿グリーンハイム・松尾大神・", "上国寺（同一地点）"]
        );
        let four = names(&[
            "日枝神社（萩園）",
            "三嶋神社",
            "十二天神社",
            "八幡神社（萩園）",
        ]);
        assert_eq!(
            point_label(&four, Lang::Ja),
            ["日枝神社（萩園）", "ほか3か所（同一地点）"]
        );
        assert_eq!(
            point_label(&four, Lang::En),
            ["日枝神社（萩園）", "and 3 others (same point)"]
        );
        assert_eq!(
            point_label(&names(&["a", "b"]), Lang::En),
            ["a · b (same point)"]
        );
        assert_eq!(
            point_label(&names(&["妙伝寺", "正覚院"]), Lang::Ja),
            ["妙伝寺・正覚院（同一地点）"]
        );
        for lines in [point_label(&four, Lang::Ja), point_label(&four, Lang::En)] {
            for l in lines {
                assert!(text_width(&l, LABEL_SIZE) <= LINE_WIDTH, "{l}");
            }
        }
        assert!(point_label(&[], Lang::Ja).is_empty());
    }
}
