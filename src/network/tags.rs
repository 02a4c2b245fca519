//! Which OpenStreetMap ways a person can walk, and which a car can drive, how fast and which
//! way.

use crate::defaults::{DRIVE_KMH, DRIVE_OTHER_KMH};

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

/// Highway values a car may use only when a sign opens them to motor vehicles
/// (`motor_vehicle=yes` or `motorcar=yes`, `designated`, `destination`, `permissive`).
const NOT_FOR_CARS: [&str; 8] = [
    "footway",
    "path",
    "steps",
    "cycleway",
    "pedestrian",
    "track",
    "bridleway",
    "corridor",
];

/// Which way along a way's node order a car may drive it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oneway {
    /// Both ways.
    No,
    /// Only in the order of its nodes (`oneway=yes|true|1`, and roundabouts).
    Forward,
    /// Only against the order of its nodes (`oneway=-1|reverse`).
    Backward,
}

/// How a car drives a way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Drive {
    /// Speed, km/h: the way's `maxspeed` when it is a number (km/h, or `mph`), else the
    /// class's default ([`DRIVE_KMH`]).
    pub kmh: f64,
    /// Which way it may be driven.
    pub oneway: Oneway,
}

/// How a car drives a way with these tags, or `None` when it may not: a `highway` class of
/// [`DRIVE_KMH`] (or of [`NOT_FOR_CARS`] when `motor_vehicle` or `motorcar` opens it), not
/// closed to cars (the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access` is
/// not `no`, `private`, `agricultural` or `forestry`), and not a reversible or alternating one-way (its direction changes
/// through the day; a planned week cannot count on it).
pub fn drivable<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<Drive> {
    let mut t = DriveTags::default();
    for (k, v) in tags {
        match k {
            "highway" => t.highway = Some(v),
            "access" => t.rights[3] = Some(v),
            "vehicle" => t.rights[2] = Some(v),
            "motor_vehicle" => t.rights[1] = Some(v),
            "motorcar" => t.rights[0] = Some(v),
            "oneway" => t.oneway = Some(v),
            "junction" => t.junction = Some(v),
            "maxspeed" => t.maxspeed = Some(v),
            _ => {}
        }
    }
    let highway = t.highway?;
    let default = DRIVE_KMH
        .iter()
        .find(|(c, _)| *c == highway)
        .map(|&(_, k)| k);
    let opened = matches!(
        t.rights[0].or(t.rights[1]),
        Some("yes" | "designated" | "destination" | "permissive")
    );
    let class_kmh = match default {
        Some(k) => k,
        None if NOT_FOR_CARS.contains(&highway) && opened => DRIVE_OTHER_KMH,
        None => return None,
    };
    let rule = t.rights.iter().flatten().next();
    if matches!(
        rule,
        Some(&("no" | "private" | "agricultural" | "forestry"))
    ) {
        return None;
    }
    let oneway = match t.oneway.map(str::trim) {
        Some("yes" | "true" | "1") => Oneway::Forward,
        Some("-1" | "reverse") => Oneway::Backward,
        Some("reversible" | "alternating") => return None,
        Some("no" | "false" | "0") => Oneway::No,
        _ if matches!(t.junction, Some("roundabout" | "circular")) => Oneway::Forward,
        _ => Oneway::No,
    };
    let kmh = t.maxspeed.and_then(maxspeed_kmh).unwrap_or(class_kmh);
    Some(Drive { kmh, oneway })
}

/// The tags [`drivable`] reads; `rights` from the most specific (`motorcar`) to `access`.
#[derive(Default)]
struct DriveTags<'a> {
    highway: Option<&'a str>,
    rights: [Option<&'a str>; 4],
    oneway: Option<&'a str>,
    junction: Option<&'a str>,
    maxspeed: Option<&'a str>,
}

/// A `maxspeed` value in km/h: `40`, `40 km/h`, `40kmh`, `30 mph`. Other values (`JP:…` zone
/// codes, `none`, `walk`, `signals`, several values) give `None`: the class default is used.
pub fn maxspeed_kmh(v: &str) -> Option<f64> {
    let v = v.trim();
    let digits = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let number: f64 = v[..digits].parse().ok()?;
    let factor = match v[digits..].trim() {
        "" | "km/h" | "kmh" | "kph" => 1.0,
        "mph" => 1.609_344,
        _ => return None,
    };
    let kmh = number * factor;
    (kmh.is_finite() && kmh > 0.0 && kmh <= 200.0).then_some(kmh)
}

#[cfg(test)]
mod tests {
    use super::{drivable, maxspeed_kmh, walkable, Drive, Oneway};

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

    fn drive(tags: &[(&'static str, &'static str)]) -> Option<Drive> {
        drivable(tags.iter().copied())
    }

    #[test]
    fn cars_use_roads_not_paths_unless_a_sign_opens_them() {
        for class in [
            "motorway",
            "residential",
            "living_street",
            "service",
            "primary_link",
        ] {
            assert!(drive(&[("highway", class)]).is_some(), "{class}");
        }
        for class in [
            "footway",
            "path",
            "steps",
            "cycleway",
            "pedestrian",
            "track",
        ] {
            assert!(drive(&[("highway", class)]).is_none(), "{class}");
        }
        assert!(drive(&[("highway", "construction")]).is_none());
        assert!(drive(&[("railway", "rail")]).is_none());
        let track = drive(&[("highway", "track"), ("motor_vehicle", "yes")]).unwrap();
        assert_eq!(track.kmh, 10.0);
        assert!(drive(&[("highway", "path"), ("motorcar", "designated")]).is_some());
        assert!(drive(&[("highway", "path"), ("access", "yes")]).is_none());
    }

    #[test]
    fn closed_roads_are_not_driven_unless_cars_are_let_through() {
        assert!(drive(&[("highway", "service"), ("access", "private")]).is_none());
        assert!(drive(&[("highway", "residential"), ("access", "no")]).is_none());
        assert!(drive(&[("highway", "residential"), ("motor_vehicle", "no")]).is_none());
        assert!(drive(&[("highway", "residential"), ("vehicle", "no")]).is_none());
        assert!(drive(&[("highway", "tertiary"), ("motorcar", "private")]).is_none());
        let let_through = [
            ("highway", "service"),
            ("access", "no"),
            ("motor_vehicle", "yes"),
        ];
        assert!(drive(&let_through).is_some());
        let closed_to_cars = [
            ("highway", "service"),
            ("access", "yes"),
            ("motorcar", "no"),
        ];
        assert!(drive(&closed_to_cars).is_none());
        assert!(drive(&[("highway", "service"), ("access", "destination")]).is_some());
    }

    #[test]
    fn oneway_values_and_roundabouts() {
        let way = |v: &'static str| drive(&[("highway", "residential"), ("oneway", v)]);
        for v in ["yes", "true", "1"] {
            assert_eq!(way(v).unwrap().oneway, Oneway::Forward, "{v}");
        }
        assert_eq!(way("-1").unwrap().oneway, Oneway::Backward);
        assert_eq!(way("no").unwrap().oneway, Oneway::No);
        assert!(way("reversible").is_none());
        assert_eq!(
            drive(&[("highway", "residential")]).unwrap().oneway,
            Oneway::No
        );
        let round = [("junction", "roundabout"), ("highway", "tertiary")];
        assert_eq!(drive(&round).unwrap().oneway, Oneway::Forward);
        let round_both = [
            ("junction", "roundabout"),
            ("highway", "tertiary"),
            ("oneway", "no"),
        ];
        assert_eq!(drive(&round_both).unwrap().oneway, Oneway::No);
    }

    #[test]
    fn speeds_from_maxspeed_else_the_class_default() {
        assert_eq!(maxspeed_kmh("40"), Some(40.0));
        assert_eq!(maxspeed_kmh(" 40 km/h"), Some(40.0));
        assert_eq!(maxspeed_kmh("40kmh"), Some(40.0));
        assert!((maxspeed_kmh("30 mph").unwrap() - 48.28).abs() < 0.01);
        for v in [
            "JP:zone30",
            "none",
            "walk",
            "signals",
            "",
            "0",
            "40;30",
            "fast",
        ] {
            assert_eq!(maxspeed_kmh(v), None, "{v}");
        }
        let signed = drive(&[("highway", "residential"), ("maxspeed", "30")]).unwrap();
        assert_eq!(signed.kmh, 30.0);
        assert_eq!(drive(&[("highway", "residential")]).unwrap().kmh, 20.0);
        assert_eq!(drive(&[("highway", "living_street")]).unwrap().kmh, 10.0);
        let zone = [("highway", "unclassified"), ("maxspeed", "JP:zone30")];
        assert_eq!(drive(&zone).unwrap().kmh, 20.0);
        assert_eq!(drive(&[("highway", "secondary")]).unwrap().kmh, 40.0);
    }
}
