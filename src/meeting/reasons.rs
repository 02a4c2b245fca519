//! Why an answer could not be solved, or what else the room must read of it, in the meeting's
//! language. The solver's notes and the library's errors are English sentences; the common
//! cases (more required stops than p, too few sites left, points nobody can reach) are said
//! again from the same numbers, the rest keep the library's text after a Japanese lead-in.

use super::answer::Solved;
use crate::report::Lang;
use crate::solve::cover::uncoverable;
use crate::solve::{site_rules, Model, Status};

/// The message of an answer whose options could not be solved at all.
pub fn of_error(e: &crate::Error, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Ja => format!("この設定では解けません（詳細: {e}）"),
    }
}

/// The solver's note on `solved`, in `lang` (none when the solver had nothing to say).
pub fn of_solve(solved: &Solved, lang: Lang) -> Option<String> {
    let note = solved.res.outcome.note.clone()?;
    match lang {
        Lang::En => Some(note),
        Lang::Ja => Some(japanese(solved).unwrap_or_else(|| {
            let lead = if solved.res.outcome.status == Status::Infeasible {
                "解けません"
            } else {
                "注意"
            };
            format!("{lead}（詳細: {note}）")
        })),
    }
}

/// The common cases, from the rules the solve ran under.
fn japanese(solved: &Solved) -> Option<String> {
    let (inst, res) = (&solved.inst, &solved.res);
    let (rules, _) = site_rules(inst, &res.params, &solved.cover).ok()?;
    let lscp = res.params.model == Model::Lscp;
    if res.outcome.status == Status::Infeasible && !lscp {
        let (required, p) = (rules.required.len(), rules.p);
        if required > p {
            return Some(format!(
                "必須の停留所が {required} か所ありますが、停留所数は p = {p} です。\
                 必須を外すか、停留所数を増やしてください"
            ));
        }
        let allowed = rules.allowed_count();
        if allowed < p {
            return Some(format!(
                "停留所数 p = {p} に対して、選べる候補地は {allowed} か所しかありません\
                 （ほかは除外か駐車スペース不足）。除外を外すか、停留所数を減らしてください"
            ));
        }
    }
    if lscp {
        let lost = uncoverable(&solved.cover, &rules).len();
        if lost > 0 {
            return Some(format!(
                "{lost} 地点はどの候補地の徒歩圏にも入らず、カバーできません"
            ));
        }
    }
    None
}
