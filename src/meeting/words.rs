//! Each operation in a line of the history, in the meeting's language: "宝蔵寺を除外".

use super::edits::{Edits, Entry};
use super::op::{Op, Role};
use crate::report::Lang;

/// The history line of `op` made on `edits` (`new_id`: the id a new candidate gets; `log`:
/// the operations so far, for an undo's target).
pub fn describe(op: &Op, edits: &Edits, new_id: Option<&str>, log: &[Entry], lang: Lang) -> String {
    let name = |id: &str| {
        let site = edits.candidates.sites.iter().find(|s| s.id == id);
        site.and_then(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let ja = lang == Lang::Ja;
    let pick = |en: String, jp: String| if ja { jp } else { en };
    match op {
        Op::SetModel { model } => pick(format!("model {model}"), format!("モデル {model}")),
        Op::SetP { p } => pick(format!("{p} stops"), format!("停留所数 {p}")),
        Op::SetRadius { radius_m } => pick(
            format!("radius {radius_m} m"),
            format!("徒歩圏 {radius_m} m"),
        ),
        Op::SetObjective { weight } => {
            let w = weight.as_deref().unwrap_or("-");
            pick(format!("objective {w}"), format!("目的 {w}"))
        }
        Op::SetVehicles { vehicles } => pick(
            format!("{vehicles} vehicles"),
            format!("必要台数 {vehicles}"),
        ),
        Op::SetRole { id, role } => {
            let n = name(id);
            match role {
                Role::Required => pick(format!("{n} required"), format!("{n} を必須に")),
                Role::Excluded => pick(format!("{n} excluded"), format!("{n} を除外")),
                Role::Free => pick(format!("{n} free"), format!("{n} を自由に")),
            }
        }
        Op::AddCandidate { name: n, .. } => {
            let id = new_id.unwrap_or("");
            let n = n.trim();
            pick(format!("{n} added ({id})"), format!("{n} を追加（{id}）"))
        }
        Op::MoveCandidate { id, .. } => {
            let n = name(id);
            pick(format!("{n} moved"), format!("{n} の位置を修正"))
        }
        Op::SetSlots { id, vehicle_slots } => {
            let n = name(id);
            match vehicle_slots {
                Some(s) => pick(
                    format!("{n}: {s} vehicle slots"),
                    format!("{n}: 駐車 {s} 台"),
                ),
                None => pick(format!("{n}: slots unknown"), format!("{n}: 駐車台数 不明")),
            }
        }
        Op::Undo { version } => {
            let what = log
                .get((*version as usize).wrapping_sub(1))
                .map_or("", |e| e.what.as_str());
            pick(
                format!("undo of {version} ({what})"),
                format!("取り消し: {version}（{what}）"),
            )
        }
        Op::NameSet { name } => {
            let n = name.trim();
            pick(format!("set named “{n}”"), format!("案に名前「{n}」"))
        }
        Op::CompareWith { name } => match name {
            Some(n) => pick(format!("compare with “{n}”"), format!("比較: 「{n}」")),
            None => pick("no comparison".into(), "比較なし".into()),
        },
    }
}
