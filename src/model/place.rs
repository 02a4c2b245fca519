//! Points on the map: coordinates, survey places and existing shops.

use serde::Serialize;

/// A position in degrees (JGD2011, the same as WGS 84 at this scale).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LatLon {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
}

impl LatLon {
    /// A new position; callers have already range-checked the values.
    pub fn new(lat: f64, lon: f64) -> Self {
        LatLon { lat, lon }
    }

    /// The position to about a metre (five decimals of a degree): two sites with one key
    /// stand on the same point, as candidates placed on one town point do.
    pub fn point_key(self) -> (i64, i64) {
        (
            (self.lat * 1e5).round() as i64,
            (self.lon * 1e5).round() as i64,
        )
    }

    /// The same position as a geo point (x = longitude, y = latitude).
    pub fn to_point(self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}

/// Positions grouped by the point they stand on ([`LatLon::point_key`]): the members of each
/// group in input order, groups in the order of their first member, and each position's
/// group. The ranking's "shared point" flag and the map's one marker per point both read it,
/// so they never disagree on which sites share a point.
pub fn point_groups(points: impl IntoIterator<Item = LatLon>) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut index: std::collections::HashMap<(i64, i64), usize> = std::collections::HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut of = Vec::new();
    for (j, p) in points.into_iter().enumerate() {
        let g = *index.entry(p.point_key()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(j);
        of.push(g);
    }
    (groups, of)
}

/// One place where residents answered a survey: how many answered, and how many said they would
/// use a mobile shop. Answers are pooled per candidate, never treated as exact.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyPlace {
    /// The source line, for messages about this row.
    pub line: u64,
    /// Where the answers come from (a point, or the centre of a mesh cell).
    pub location: LatLon,
    /// People who answered.
    pub respondents: u64,
    /// Of those, people who said they would use the mobile shop.
    pub would_use: u64,
}

/// An existing food shop; older residents 500 m or more from every shop count as far from one.
#[derive(Debug, Clone, PartialEq)]
pub struct Store {
    /// Unique id within the stores file.
    pub id: String,
    /// Where the shop is.
    pub location: LatLon,
    /// Shop name, if given.
    pub name: Option<String>,
    /// Shop type (supermarket, convenience, …), if given.
    pub kind: Option<String>,
}
