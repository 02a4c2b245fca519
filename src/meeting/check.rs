//! Every operation checked against the state it would change, before anything is written: a
//! member's typo or a hostile request gets a message naming the field and its limit.

use super::edits::{active, Edits, Entry};
use super::op::{
    check_slots, check_text, Op, Refusal, KIND_MAX, MARGIN_M, NAME_MAX, RADIUS_RANGE, VEHICLES_MAX,
    WHO_MAX,
};
use crate::model::{Dataset, LatLon, AGED_65_PLUS};
use crate::report::Lang;
use crate::solve::{Model, FAR_FROM_SHOP};
use crate::Choice;
use serde::Serialize;

/// Metres per degree of latitude.
const M_PER_DEG: f64 = 111_320.0;

/// The data's extent: the page fits its map to it; new and moved candidates must stay near it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Southern edge, degrees.
    pub south: f64,
    /// Western edge.
    pub west: f64,
    /// Northern edge.
    pub north: f64,
    /// Eastern edge.
    pub east: f64,
}

impl Bounds {
    /// Around every demand point and every candidate of `data`.
    pub fn of(data: &Dataset) -> Bounds {
        let points = data.demand.data.locations.iter();
        let sites = data.candidates.data.sites.iter().map(|s| &s.location);
        let mut b = Bounds {
            south: f64::INFINITY,
            west: f64::INFINITY,
            north: f64::NEG_INFINITY,
            east: f64::NEG_INFINITY,
        };
        for p in points.chain(sites) {
            b.south = b.south.min(p.lat);
            b.north = b.north.max(p.lat);
            b.west = b.west.min(p.lon);
            b.east = b.east.max(p.lon);
        }
        b
    }

    /// Grown by `m` metres on every side.
    pub fn grown(self, m: f64) -> Bounds {
        let mid = ((self.south + self.north) / 2.0)
            .to_radians()
            .cos()
            .max(0.01);
        let (dlat, dlon) = (m / M_PER_DEG, m / (M_PER_DEG * mid));
        Bounds {
            south: self.south - dlat,
            west: self.west - dlon,
            north: self.north + dlat,
            east: self.east + dlon,
        }
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: LatLon) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lon)
    }
}

/// The state an operation is checked against, and the language its refusal is said in.
pub struct Against<'a> {
    /// The edited state.
    pub edits: &'a Edits,
    /// The data as read.
    pub data: &'a Dataset,
    /// The operations so far.
    pub log: &'a [Entry],
    /// The meeting's language.
    pub lang: Lang,
}

/// Checks `op`, made by `who`, against the state `at`.
pub fn check(op: &Op, who: &str, at: &Against) -> Result<(), Refusal> {
    let (edits, data, log, lang) = (at.edits, at.data, at.log, at.lang);
    if who.chars().count() > WHO_MAX || who.chars().any(char::is_control) {
        check_text(lang, "who", who, 0, WHO_MAX)?;
    }
    let known = |id: &str| known(lang, edits, id);
    let range = |what: &str, v: f64, lo: f64, hi: f64| in_range(lang, what, v, lo, hi);
    match op {
        Op::SetModel { model } => Model::from_name(model).map(|_| ()).ok_or_else(|| {
            Refusal::said(
                lang,
                "model: expected one of mclp, lscp, pmedian, pcenter".to_string(),
                "model: mclp、lscp、pmedian、pcenter のいずれかを指定してください".to_string(),
            )
        }),
        Op::SetP { p } => {
            let n = edits.candidates.sites.len() as i64;
            range("p", *p as f64, 1.0, n as f64)
        }
        Op::SetRadius { radius_m } => range("radius_m", *radius_m, RADIUS_RANGE.0, RADIUS_RANGE.1),
        Op::SetObjective { weight } => objective(lang, weight.as_deref(), data),
        Op::SetVehicles { vehicles } => {
            range("vehicles", *vehicles as f64, 1.0, VEHICLES_MAX as f64)
        }
        Op::SetRole { id, .. } => known(id),
        Op::AddCandidate {
            name,
            site_kind,
            lat,
            lon,
            vehicle_slots,
        } => {
            check_text(lang, "name", name, 1, NAME_MAX)?;
            let kind = site_kind.as_deref().unwrap_or("");
            check_text(lang, "site_kind", kind, 0, KIND_MAX)?;
            placeable(lang, data)?;
            check_slots(lang, *vehicle_slots)?;
            near(lang, data, *lat, *lon)
        }
        Op::MoveCandidate { id, lat, lon } => {
            known(id)?;
            placeable(lang, data)?;
            near(lang, data, *lat, *lon)
        }
        Op::SetSlots { id, vehicle_slots } => {
            known(id)?;
            check_slots(lang, *vehicle_slots).map(|_| ())
        }
        Op::Undo { version } => undoable(lang, *version, log),
        Op::NameSet { name } => check_text(lang, "name", name, 1, NAME_MAX),
        Op::CompareWith { name: None } => Ok(()),
        Op::CompareWith { name: Some(name) } => {
            if edits.named.iter().any(|s| s.name == name.trim()) {
                Ok(())
            } else {
                let shown: String = name.chars().take(NAME_MAX).collect();
                Err(Refusal::said(
                    lang,
                    format!("name: expected a named set, found `{shown}` (no set has that name)"),
                    format!(
                        "name: 名前を付けた案を指定してください（「{shown}」という案はありません）"
                    ),
                ))
            }
        }
    }
}

/// A candidate's id the edited state has.
fn known(lang: Lang, edits: &Edits, id: &str) -> Result<(), Refusal> {
    if edits.candidates.index_of(id).is_some() {
        return Ok(());
    }
    let shown: String = id.chars().take(NAME_MAX).collect();
    Err(Refusal::said(
        lang,
        format!("id: expected a candidate's id, found `{shown}` (no such candidate)"),
        format!("id: 候補地の id を指定してください（「{shown}」という候補地はありません）"),
    ))
}

/// Sites can be placed where the distances are computed (straight line, or walked along the
/// streets again); a cost matrix file lists its sites by id, so a new place has no distances.
fn placeable(lang: Lang, data: &Dataset) -> Result<(), Refusal> {
    if data.costs.is_some() && data.streets.is_none() {
        return Err(Refusal::said(
            lang,
            "lat, lon: the distances come from a cost matrix file (--cost-matrix), which has none \
             for a new place; start serve without it, or with --network"
                .to_string(),
            "lat, lon: 距離は費用行列ファイル（--cost-matrix）から読んでおり、新しい地点の距離は\
             ありません。serve をそれなしで、または --network 付きで起動してください"
                .to_string(),
        ));
    }
    Ok(())
}

fn in_range(lang: Lang, what: &str, v: f64, lo: f64, hi: f64) -> Result<(), Refusal> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(Refusal::said(
            lang,
            format!("{what}: expected {lo} to {hi}, found {v}"),
            format!("{what}: {lo}〜{hi} の範囲で指定してください（入力値 {v}）"),
        ))
    }
}

fn objective(lang: Lang, weight: Option<&str>, data: &Dataset) -> Result<(), Refusal> {
    let Some(w) = weight else { return Ok(()) };
    let demand = &data.demand.data;
    let far = w == FAR_FROM_SHOP && data.stores.is_some() && demand.column(AGED_65_PLUS).is_some();
    if far || demand.column(w).is_some() {
        return Ok(());
    }
    let mut known: Vec<&str> = demand.column_names();
    if data.stores.is_some() {
        known.push(FAR_FROM_SHOP);
    }
    let shown: String = w.chars().take(NAME_MAX).collect();
    Err(Refusal::said(
        lang,
        format!(
            "weight: expected one of {} or null, found `{shown}`",
            known.join(", ")
        ),
        format!(
            "weight: {} のいずれか、または null を指定してください（入力値「{shown}」）",
            known.join("、")
        ),
    ))
}

fn near(lang: Lang, data: &Dataset, lat: f64, lon: f64) -> Result<(), Refusal> {
    let on_earth = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    if !on_earth {
        return Err(Refusal::said(
            lang,
            format!(
                "lat, lon: expected latitude -90 to 90 and longitude -180 to 180, found {lat}, {lon}"
            ),
            format!(
                "lat, lon: 緯度は -90〜90、経度は -180〜180 で指定してください（入力値 {lat}, {lon}）"
            ),
        ));
    }
    let b = Bounds::of(data).grown(MARGIN_M);
    if b.contains(LatLon::new(lat, lon)) {
        return Ok(());
    }
    let km = MARGIN_M / 1000.0;
    let (s, n, w, e) = (b.south, b.north, b.west, b.east);
    Err(Refusal::said(
        lang,
        format!(
            "lat, lon: expected a point within {km} km of the data (latitude {s:.4} to {n:.4}, \
             longitude {w:.4} to {e:.4}), found {lat}, {lon}"
        ),
        format!(
            "lat, lon: データから {km} km 以内の地点を指定してください（緯度 {s:.4}〜{n:.4}、\
             経度 {w:.4}〜{e:.4}、入力値 {lat}, {lon}）"
        ),
    ))
}

fn undoable(lang: Lang, version: u64, log: &[Entry]) -> Result<(), Refusal> {
    let on = active(log);
    let n = log.len();
    match version.checked_sub(1).map(|v| v as usize) {
        Some(k) if k < n && on[k] => Ok(()),
        Some(k) if k < n => Err(Refusal::said(
            lang,
            format!("version: operation {version} is already undone"),
            format!("version: 操作 {version} はすでに取り消されています"),
        )),
        _ => Err(Refusal::said(
            lang,
            format!("version: expected the version of an operation (1 to {n}), found {version}"),
            format!("version: 取り消す操作の版（1〜{n}）を指定してください（入力値 {version}）"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::ModelOptions;

    fn add(lat: f64, lon: f64, name: &str, slots: Option<i64>) -> Op {
        Op::AddCandidate {
            name: name.into(),
            site_kind: None,
            lat,
            lon,
            vehicle_slots: slots,
        }
    }

    #[test]
    fn bad_operations_are_refused_with_the_field_named() {
        let data = crate::io::embedded::dataset().unwrap();
        let edits = Edits::new(ModelOptions::default(), data.candidates.data.clone());
        let at = Against {
            edits: &edits,
            data: &data,
            log: &[],
            lang: Lang::En,
        };
        let refuse = |op: Op| check(&op, "t", &at).unwrap_err().message;
        assert!(refuse(add(95.0, 139.4, "x", None)).starts_with("lat, lon"));
        assert!(refuse(add(36.5, 139.4, "x", None)).contains("within 5 km"));
        assert!(refuse(add(35.35, 139.4, "x", Some(-1))).starts_with("vehicle_slots"));
        assert!(refuse(add(35.35, 139.4, &"長".repeat(81), None)).starts_with("name"));
        assert!(refuse(Op::SetP { p: 0 }).starts_with("p:"));
        assert!(refuse(Op::SetRadius { radius_m: f64::NAN }).starts_with("radius_m"));
        let unknown = Op::SetSlots {
            id: "nope".into(),
            vehicle_slots: Some(2),
        };
        assert!(refuse(unknown).contains("no such candidate"));
        assert!(refuse(Op::Undo { version: 1 }).starts_with("version"));
        assert!(check(&add(35.35, 139.4, "x", Some(3)), "t", &at).is_ok());
        let long_who = check(&Op::SetP { p: 2 }, &"w".repeat(41), &at);
        assert!(long_who.unwrap_err().message.starts_with("who"));
    }

    #[test]
    fn a_japanese_meeting_is_refused_in_japanese_with_the_same_facts() {
        let data = crate::io::embedded::dataset().unwrap();
        let edits = Edits::new(ModelOptions::default(), data.candidates.data.clone());
        let n = edits.candidates.sites.len();
        let at = Against {
            edits: &edits,
            data: &data,
            log: &[],
            lang: Lang::Ja,
        };
        let refuse = |op: Op| check(&op, "t", &at).unwrap_err().message;
        let p = refuse(Op::SetP { p: 0 });
        assert_eq!(p, format!("p: 1〜{n} の範囲で指定してください（入力値 0）"));
        let far = refuse(add(36.5, 139.4, "x", None));
        assert!(far.starts_with("lat, lon: データから 5 km 以内"), "{far}");
        assert!(far.contains("入力値 36.5, 139.4"), "{far}");
        let unknown = refuse(Op::SetRole {
            id: "nope".into(),
            role: crate::meeting::Role::Required,
        });
        assert!(
            unknown.starts_with("id: ") && unknown.contains("「nope」"),
            "{unknown}"
        );
        let long = refuse(add(35.35, 139.4, &"長".repeat(81), None));
        assert!(
            long.starts_with("name: 1〜80 文字") && long.contains("81 文字"),
            "{long}"
        );
        let undo = refuse(Op::Undo { version: 3 });
        assert!(
            undo.starts_with("version: ") && undo.contains("入力値 3"),
            "{undo}"
        );
        let model = refuse(Op::SetModel { model: "x".into() });
        assert!(
            model.starts_with("model: ") && model.contains("いずれか"),
            "{model}"
        );
        for m in [p, far, unknown, long, undo, model] {
            assert!(!m.contains("expected"), "no English left: {m}");
        }
    }
}
