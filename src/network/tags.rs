//! Which OpenStreetMap ways a person can walk.

/// Highway values nobody walks: motorways, roads not built yet, and platforms (mapped as areas
/// beside a track or road, not as a way along it).
const NOT_WALKED: [&str; 5] = [
    "motorway",
    "motorway_link",
    "construction",
    "proposed",
    "platform",
];

/// Whether a way with these tags is walkable: a `highway` other than [`NOT_WALKED`], not
/// `foot=no`, and not `access=no|private` unless `foot=yes|designated`. Rail lines, rivers and
/// buildings have no `highway` tag and are never walked; a level crossing is a node shared
/// with a highway and so is crossed by that highway.
pub fn walkable<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> bool {
    let (mut highway, mut foot, mut access) = (None, None, None);
    for (k, v) in tags {
        match k {
            "highway" => highway = Some(v),
            "foot" => foot = Some(v),
            "access" => access = Some(v),
            _ => {}
        }
    }
    let Some(highway) = highway else {
        return false;
    };
    if NOT_WALKED.contains(&highway) || foot == Some("no") {
        return false;
    }
    let foot_allowed = matches!(foot, Some("yes" | "designated"));
    !matches!(access, Some("no" | "private")) || foot_allowed
}

#[cfg(test)]
mod tests {
    use super::walkable;

    #[test]
    fn the_issue_rules() {
        assert!(walkable([("highway", "residential")]));
        assert!(walkable([("highway", "steps"), ("name", "x")]));
        assert!(!walkable([("railway", "rail")]));
        assert!(!walkable([("highway", "motorway")]));
        assert!(!walkable([("highway", "motorway_link")]));
        assert!(!walkable([("highway", "construction")]));
        assert!(!walkable([("highway", "proposed")]));
        assert!(!walkable([("highway", "platform")]));
        assert!(!walkable([("highway", "footway"), ("foot", "no")]));
        assert!(!walkable([("highway", "service"), ("access", "private")]));
        assert!(!walkable([("access", "no"), ("highway", "track")]));
        assert!(walkable([
            ("highway", "service"),
            ("access", "private"),
            ("foot", "yes")
        ]));
        assert!(walkable([
            ("highway", "track"),
            ("access", "no"),
            ("foot", "designated")
        ]));
        assert!(walkable([("highway", "trunk"), ("access", "yes")]));
    }
}
