//! Chosen stops that add nothing, in words and as JSON: the same sentence in `solve`,
//! `route` and the council report, so the planner hears it wherever the stops go.

use crate::report::labels::Lang;
use crate::solve::StopWarning;
use serde_json::{json, Value};

/// One warning as a sentence; `label(k)` names stop `k` (`妙行寺 (myogyoji)`).
pub fn warning_words(w: &StopWarning, label: &dyn Fn(usize) -> String, lang: Lang) -> String {
    match (*w, lang) {
        (StopWarning::ServesNobody { stop }, Lang::En) => format!(
            "{} serves nobody: the data counts no one within the walking radius (no one lives \
             there, or it lies outside the data)",
            label(stop)
        ),
        (StopWarning::ServesNobody { stop }, Lang::Ja) => {
            format!(
                "{}の徒歩圏内にはデータ上の対象者がいません（住む人がいないか、データの範囲外です）",
                label(stop)
            )
        }
        (StopWarning::NearestToNobody { stop }, Lang::En) => format!(
            "{} serves nobody: it is no counted resident's nearest stop",
            label(stop)
        ),
        (StopWarning::NearestToNobody { stop }, Lang::Ja) => format!(
            "{}を最寄りとする対象者がいません（利用者が見込めません）",
            label(stop)
        ),
        (StopWarning::SharesPlace { stop, with }, Lang::En) => format!(
            "{} stands at the same coordinates as {}: the truck would stop twice at one spot",
            label(stop),
            label(with)
        ),
        (StopWarning::SharesPlace { stop, with }, Lang::Ja) => format!(
            "{}は{}と同じ座標です（同じ場所に2回停車することになります）",
            label(stop),
            label(with)
        ),
    }
}

/// The warnings as JSON objects: `{"kind": "serves_nobody", "stop": ID}` or
/// `{"kind": "shares_place", "stop": ID, "with": ID}`; `id(k)` is stop `k`'s id.
pub fn warnings_json(ws: &[StopWarning], id: &dyn Fn(usize) -> String) -> Value {
    ws.iter()
        .map(|w| match *w {
            StopWarning::ServesNobody { stop } | StopWarning::NearestToNobody { stop } => {
                json!({"kind": "serves_nobody", "stop": id(stop)})
            }
            StopWarning::SharesPlace { stop, with } => {
                json!({"kind": "shares_place", "stop": id(stop), "with": id(with)})
            }
        })
        .collect()
}
