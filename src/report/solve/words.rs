//! What a solve proved, which model it solved and the average walk it gives, in words, for the table, the JSON and the
//! council page: a council reads sentences, not gap columns.

use crate::report::labels::Lang;
use crate::solve::{Instance, Model, SolveResult, Status};

/// What was proven, in words.
pub fn proof_words(res: &SolveResult, lang: Lang) -> String {
    let o = &res.outcome;
    let gap = o.gap() * 100.0;
    // Stopped before the first bound: no gap is known, and "within inf %" says nothing.
    let within = |lead_en: &str, lead_ja: &str| match (lang, gap.is_finite()) {
        (Lang::En, true) => format!("{lead_en}within {} % of optimal", pct(gap)),
        (Lang::Ja, true) => format!("{lead_ja}最適値との差は最大 {} %", pct(gap)),
        (Lang::En, false) => {
            format!("{lead_en}no bound proven yet, so how far from optimal is unknown")
        }
        (Lang::Ja, false) => format!("{lead_ja}下界が未証明のため最適値との差は不明"),
    };
    match o.status {
        Status::Optimal => lang
            .pick("optimal (proven)", "最適（証明済み）")
            .to_string(),
        Status::TimeLimit => within("stopped at the time limit: ", "時間制限で打ち切り: "),
        Status::Heuristic => within("heuristic answer: ", "近似解: "),
        Status::Infeasible => format!(
            "{}: {}",
            lang.pick("infeasible", "実行不可能"),
            o.note.as_deref().unwrap_or("")
        ),
    }
}

/// A gap in percent with the decimals its size needs.
pub(crate) fn pct(x: f64) -> String {
    if x < 0.01 {
        format!("{x:.3}")
    } else if x < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

/// The model in a sentence ("maximal covering: 8 stops reaching …").
pub(crate) fn model_words(inst: &Instance, res: &SolveResult, lang: Lang) -> String {
    use crate::solve::Model::*;
    let p = res.p.unwrap_or(0);
    let r = format!(
        "{} {}",
        res.params.radius_m,
        crate::report::table::unit_word(inst.unit(), lang)
    );
    match (res.params.model, lang) {
        (Mclp, Lang::En) => {
            format!("maximal covering: {p} stops reaching the most weight within {r}")
        }
        (Mclp, Lang::Ja) => format!("最大カバー: {r} 以内の重みが最大になる {p} か所"),
        (Lscp, Lang::En) => {
            format!("set covering: fewest stops reaching every reachable point within {r}")
        }
        (Lscp, Lang::Ja) => {
            format!("集合カバー: {r} 以内で到達可能な全地点をカバーする最少の停留所")
        }
        (Pmedian, Lang::En) => {
            format!("p-median: {p} stops with the least total weighted distance")
        }
        (Pmedian, Lang::Ja) => format!("p-メディアン: 重み付き総距離が最小の {p} か所"),
        (Pcenter, Lang::En) => format!("p-center: {p} stops with the least largest distance"),
        (Pcenter, Lang::Ja) => format!("p-センター: 最大距離が最小の {p} か所"),
    }
}

/// p-median's objective per unit of weight: the average walk a council can picture.
pub(super) fn mean_distance(res: &SolveResult) -> Option<f64> {
    (res.params.model == Model::Pmedian
        && res.outcome.objective.is_finite()
        && res.total_weight > 0.0)
        .then(|| res.outcome.objective / res.total_weight)
}
