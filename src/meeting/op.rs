//! The operations a meeting applies: each change a member makes on the page is one of these,
//! numbered by the version it produces, so the room's screens can agree on one order of events.

use crate::report::Lang;
use serde::{Deserialize, Serialize};

/// Longest `who`, in characters: a device or a person's name, not a paragraph.
pub const WHO_MAX: usize = 40;
/// Longest candidate or set name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest candidate kind, in characters.
pub const KIND_MAX: usize = 40;
/// Most vehicle slots a site can be given (a car park larger than this is "many").
pub const SLOTS_MAX: i64 = 99;
/// Smallest and largest walking radius the page may set, metres.
pub const RADIUS_RANGE: (f64, f64) = (50.0, 10_000.0);
/// Most vehicles a stop may be asked to hold.
pub const VEHICLES_MAX: i64 = 50;
/// How far outside the data's bounds a candidate may be placed or moved, metres.
pub const MARGIN_M: f64 = 5_000.0;

/// What the council says of a candidate: the solve must choose it, must not, or may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The solve decides.
    Free,
    /// The council wants it chosen.
    Required,
    /// The council rules it out.
    Excluded,
}

/// One change to the meeting's state. Numbers the page could send out of range are kept as
/// signed or floating values so a bad one gets a message naming the limit, not a parse error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    /// The location model: mclp, lscp, pmedian, pcenter.
    SetModel {
        /// Its name.
        model: String,
    },
    /// How many stops.
    SetP {
        /// From 1 to the number of candidates.
        p: i64,
    },
    /// The walking radius.
    SetRadius {
        /// Metres, within [`RADIUS_RANGE`].
        radius_m: f64,
    },
    /// What the objective counts.
    SetObjective {
        /// A demand column or `far_from_shop`; `None` for the data's default.
        weight: Option<String>,
    },
    /// Vehicles a stop must hold.
    SetVehicles {
        /// From 1 to [`VEHICLES_MAX`].
        vehicles: i64,
    },
    /// Required, excluded or free.
    SetRole {
        /// The candidate.
        id: String,
        /// What the council says of it.
        role: Role,
    },
    /// A site the data did not have (a member knows a car park).
    AddCandidate {
        /// Its name.
        name: String,
        /// Shrine, temple, car park… (`kind` names the operation itself).
        #[serde(default)]
        site_kind: Option<String>,
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
        /// Parking places, when known.
        #[serde(default)]
        vehicle_slots: Option<i64>,
    },
    /// A site's position corrected ("the temple is on the other side of the road").
    MoveCandidate {
        /// The candidate.
        id: String,
        /// Latitude.
        lat: f64,
        /// Longitude.
        lon: f64,
    },
    /// A site's parking places ("that car park only holds three vans").
    SetSlots {
        /// The candidate.
        id: String,
        /// Parking places; `None` for unknown.
        vehicle_slots: Option<i64>,
    },
    /// Takes back the operation that produced `version` (an undo of an undo restores it).
    Undo {
        /// The version the operation produced.
        version: u64,
    },
    /// Names the current chosen stops (the council's list).
    NameSet {
        /// The name.
        name: String,
    },
    /// Which named set "what changed" is measured against.
    CompareWith {
        /// A named set, or `None` for none.
        name: Option<String>,
    },
}

/// What an operation changes, so two made on the same version can be told apart from two
/// that touch the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One of the solve's options, by the operation's kind.
    Option(&'static str),
    /// One candidate.
    Candidate(String),
    /// The named sets and which one is compared with.
    Sets,
    /// Nothing another operation could touch (a new candidate).
    Nothing,
}

impl Op {
    /// The operation's kind as the page writes it.
    pub fn kind(&self) -> &'static str {
        match self {
            Op::SetModel { .. } => "set_model",
            Op::SetP { .. } => "set_p",
            Op::SetRadius { .. } => "set_radius",
            Op::SetObjective { .. } => "set_objective",
            Op::SetVehicles { .. } => "set_vehicles",
            Op::SetRole { .. } => "set_role",
            Op::AddCandidate { .. } => "add_candidate",
            Op::MoveCandidate { .. } => "move_candidate",
            Op::SetSlots { .. } => "set_slots",
            Op::Undo { .. } => "undo",
            Op::NameSet { .. } => "name_set",
            Op::CompareWith { .. } => "compare_with",
        }
    }

    /// What it changes (an undo: see [`crate::meeting::Meeting`], which looks through it).
    pub fn target(&self) -> Target {
        match self {
            Op::SetModel { .. }
            | Op::SetP { .. }
            | Op::SetRadius { .. }
            | Op::SetObjective { .. }
            | Op::SetVehicles { .. } => Target::Option(self.kind()),
            Op::SetRole { id, .. } | Op::MoveCandidate { id, .. } | Op::SetSlots { id, .. } => {
                Target::Candidate(id.clone())
            }
            Op::NameSet { .. } | Op::CompareWith { .. } => Target::Sets,
            Op::AddCandidate { .. } | Op::Undo { .. } => Target::Nothing,
        }
    }
}

/// A change as the page posts it: the version it was made on, who made it, and the operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The version the page showed when the change was made.
    pub base: u64,
    /// The device or person (at most [`WHO_MAX`] characters).
    #[serde(default)]
    pub who: String,
    /// The change.
    pub op: Op,
}

/// Why an operation was refused, with the HTTP status the server answers with: 400 a bad
/// operation, 409 a conflict with a newer one (with the current version), 500 the session
/// could not be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// 400, 409 or 500.
    pub status: u16,
    /// What was wrong, for the person who made the change.
    pub message: String,
    /// The current version (for a conflict).
    pub version: Option<u64>,
}

impl Refusal {
    /// A bad operation.
    pub fn bad(message: impl Into<String>) -> Refusal {
        Refusal {
            status: 400,
            message: message.into(),
            version: None,
        }
    }

    /// A bad operation said in the meeting's language: `en` or `ja`, which name the same
    /// facts and start with the same field tag (`p: …`), so a page can tell the field either way.
    pub fn said(lang: Lang, en: String, ja: String) -> Refusal {
        Refusal::bad(match lang {
            Lang::En => en,
            Lang::Ja => ja,
        })
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A name or other text a member typed: trimmed length within `1..=max` characters and no
/// control characters (which no name needs and a log line should not carry).
pub fn check_text(
    lang: Lang,
    what: &str,
    text: &str,
    min: usize,
    max: usize,
) -> Result<(), Refusal> {
    let n = text.trim().chars().count();
    if n < min || n > max {
        return Err(Refusal::said(
            lang,
            format!("{what}: expected {min} to {max} characters, found {n}"),
            format!("{what}: {min}〜{max} 文字で入力してください（入力は {n} 文字）"),
        ));
    }
    if text.chars().any(char::is_control) {
        return Err(Refusal::said(
            lang,
            format!("{what}: expected text without control characters"),
            format!("{what}: 制御文字を含まない文字で入力してください"),
        ));
    }
    Ok(())
}

/// Parking places within `0..=SLOTS_MAX` (or unknown).
pub fn check_slots(lang: Lang, slots: Option<i64>) -> Result<Option<u64>, Refusal> {
    match slots {
        None => Ok(None),
        Some(s) if (0..=SLOTS_MAX).contains(&s) => Ok(Some(s as u64)),
        Some(s) => Err(Refusal::said(
            lang,
            format!("vehicle_slots: expected 0 to {SLOTS_MAX} or null, found {s}"),
            format!(
                "vehicle_slots: 0〜{SLOTS_MAX} または null（不明）を指定してください（入力値 {s}）"
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_read_as_the_page_writes_them() {
        let r: Request = serde_json::from_str(
            r#"{"base": 3, "who": "tablet", "op": {"kind": "add_candidate", "name": "x",
                "site_kind": "car_park", "lat": 35.3, "lon": 139.4, "vehicle_slots": 3}}"#,
        )
        .unwrap();
        assert_eq!(r.base, 3);
        assert_eq!(r.op.kind(), "add_candidate");
        assert_eq!(r.op.target(), Target::Nothing);
        let back: Op = serde_json::from_value(serde_json::to_value(&r.op).unwrap()).unwrap();
        assert_eq!(back, r.op);
        let bad = serde_json::from_str::<Op>(r#"{"kind": "set_role", "id": "a", "role": "x"}"#);
        assert!(bad.is_err());
    }

    #[test]
    fn texts_and_slots_are_bounded() {
        let en = Lang::En;
        assert!(check_text(en, "name", "宝蔵寺", 1, NAME_MAX).is_ok());
        assert!(check_text(en, "name", "  ", 1, NAME_MAX).is_err());
        assert!(check_text(en, "name", &"x".repeat(81), 1, NAME_MAX).is_err());
        assert!(check_text(en, "name", "a\u{7}b", 1, NAME_MAX).is_err());
        assert_eq!(check_slots(en, Some(3)).unwrap(), Some(3));
        assert!(check_slots(en, Some(-1)).is_err());
        assert!(check_slots(en, Some(100)).is_err());
        let ja = check_text(Lang::Ja, "name", &"x".repeat(81), 1, NAME_MAX).unwrap_err();
        assert_eq!(
            ja.message,
            "name: 1〜80 文字で入力してください（入力は 81 文字）"
        );
        let ja = check_slots(Lang::Ja, Some(100)).unwrap_err().message;
        assert!(
            ja.starts_with("vehicle_slots: 0〜99") && ja.contains("入力値 100"),
            "{ja}"
        );
    }
}
