//! A scenario's name and status in words: "stops and radius: 3 stops, radius 300 m" rather than
//! `p=3, radius_m=300.0`, and sites by name. CSV and JSON keep the name as the file gives it,
//! which scripts match on.

use crate::model::Dataset;
use crate::report::labels::Lang;
use crate::report::table::count;
use crate::scenario::{Batch, NotRunReason, RowOutcome, Scenario};
use crate::score::{Term, TermWeights};
use std::collections::HashMap;

/// Candidate names by id: the data's (unambiguous) names, the scenarios' added candidates, and
/// the names the batch's robustness counts carry.
pub(crate) struct Names {
    by_id: HashMap<String, String>,
}

impl Names {
    /// The names the batch itself knows, and the data's when given.
    pub(crate) fn new(b: &Batch, data: Option<&Dataset>) -> Names {
        let mut by_id = HashMap::new();
        let added = b
            .rows
            .iter()
            .flat_map(|r| r.scenario.settings.add_candidates.iter().flatten());
        for c in added {
            if let Some(n) = &c.name {
                by_id.insert(c.id.clone(), n.clone());
            }
        }
        for r in &b.robustness {
            if let Some(n) = &r.name {
                by_id.insert(r.id.clone(), n.clone());
            }
        }
        for c in data.iter().flat_map(|d| &d.candidates.data.sites) {
            if let Some(n) = &c.name {
                by_id.insert(c.id.clone(), n.clone());
            }
        }
        Names { by_id }
    }

    /// The site's name, else its id.
    pub(crate) fn of(&self, id: &str) -> String {
        self.by_id
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Names of a list, joined as the language joins them.
    fn list(&self, ids: &[String], lang: Lang) -> String {
        let names: Vec<String> = ids.iter().map(|id| self.of(id)).collect();
        names.join(lang.pick(", ", "、"))
    }
}

/// The scenario's name in words: the name its table gives (the unnamed baseline is "baseline",
/// 「基準」), then each value its sweep varied.
pub(crate) fn scenario_label(s: &Scenario, names: &Names, lang: Lang) -> String {
    let base = s
        .written
        .clone()
        .unwrap_or_else(|| lang.pick("baseline", "基準").to_string());
    if s.varied.is_empty() {
        return base;
    }
    let parts: Vec<String> = s
        .varied
        .iter()
        .filter_map(|key| setting(s, key, names, lang))
        .collect();
    format!(
        "{base}{}{}",
        lang.pick(": ", "："),
        parts.join(lang.pick(", ", "、"))
    )
}

/// A number as people read it: whole numbers with separators, else up to two decimals.
fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        count(x)
    } else {
        format!("{}", crate::model::round(x, 2))
    }
}

/// One setting of a scenario in words.
fn setting(s: &Scenario, key: &str, names: &Names, lang: Lang) -> Option<String> {
    let o = &s.settings;
    let en_ja = |en: String, ja: String| Some(if lang == Lang::En { en } else { ja });
    match key {
        "model" => Some(lang.model(o.model?).to_string()),
        "p" => {
            let p = o.p?;
            en_ja(
                format!("{p} stop{}", if p == 1 { "" } else { "s" }),
                format!("停留所 {p} か所"),
            )
        }
        "radius_m" => {
            let r = plain(o.radius_m?);
            en_ja(format!("radius {r} m"), format!("徒歩圏 {r} m"))
        }
        "require" | "exclude" | "remove_candidates" | "add_candidates" => {
            site_setting(s, key, names, lang)
        }
        "capacity" => {
            let c = o.capacity.as_deref()?;
            let c = c.parse::<f64>().map_or_else(|_| lang.column(c), plain);
            en_ja(format!("capacity {c}"), format!("容量 {c}"))
        }
        "min_weight_per_stop" => {
            let w = plain(o.min_weight_per_stop?);
            en_ja(
                format!("at least {w} per stop"),
                format!("1か所あたり下限 {w}"),
            )
        }
        "objective_weight" => {
            let c = lang.column(o.objective_weight.as_deref()?);
            en_ja(format!("counting {c}"), format!("重み {c}"))
        }
        "allow_no_space" => match o.allow_no_space? {
            true => en_ja(
                "sites without space allowed".into(),
                "スペース不足の候補地も可".into(),
            ),
            false => en_ja(
                "sites without space left out".into(),
                "スペース不足の候補地は除外".into(),
            ),
        },
        "vehicles" => {
            let v = o.vehicles?;
            en_ja(format!("{v} vehicles a stop"), format!("車両 {v} 台"))
        }
        "shop_distance_m" => {
            let d = plain(o.shop_distance_m?);
            en_ja(
                format!("far from a shop from {d} m"),
                format!("店から遠い＝{d} m 以上"),
            )
        }
        "time_limit_s" => {
            let t = plain(o.time_limit_s?);
            en_ja(format!("time limit {t} s"), format!("時間制限 {t} 秒"))
        }
        "seed" => {
            let n = o.seed?;
            en_ja(format!("seed {n}"), format!("乱数の種 {n}"))
        }
        "method" => Some(lang.method(o.method?).to_string()),
        "surveys" => match o.surveys? {
            true => en_ja("with the surveys".into(), "アンケートあり".into()),
            false => en_ja("without the surveys".into(), "アンケートなし".into()),
        },
        "survey_scale" => {
            let x = plain(o.survey_scale?);
            en_ja(
                format!("would-use answers × {x}"),
                format!("利用希望の回答 ×{x}"),
            )
        }
        "weights" => Some(weights_words(o.weights.as_deref()?, lang)),
        other => Some(other.to_string()),
    }
}

/// A setting that names sites, by name.
fn site_setting(s: &Scenario, key: &str, names: &Names, lang: Lang) -> Option<String> {
    let o = &s.settings;
    let en_ja = |en: String, ja: String| Some(if lang == Lang::En { en } else { ja });
    match key {
        "require" => {
            let l = names.list(o.require.as_deref()?, lang);
            en_ja(format!("required: {l}"), format!("必ず含める：{l}"))
        }
        "exclude" => {
            let l = names.list(o.exclude.as_deref()?, lang);
            en_ja(format!("left out: {l}"), format!("除外：{l}"))
        }
        "remove_candidates" => {
            let l = names.list(o.remove_candidates.as_deref()?, lang);
            en_ja(format!("without {l}"), format!("候補から削除：{l}"))
        }
        "add_candidates" => {
            let added: Vec<String> = o
                .add_candidates
                .iter()
                .flatten()
                .map(|c| c.name.clone().unwrap_or_else(|| c.id.clone()))
                .collect();
            let l = added.join(lang.pick(", ", "、"));
            en_ja(format!("adds {l}"), format!("追加：{l}"))
        }
        _ => None,
    }
}

/// Ranking weights in words ("reach × 2, expressed need × 1"), or as written when they do not
/// parse (the row's own error says why).
fn weights_words(text: &str, lang: Lang) -> String {
    match TermWeights::parse(text) {
        Ok(w) => {
            let terms: Vec<String> = Term::ALL
                .iter()
                .map(|&t| format!("{} × {}", lang.term(t), plain(w.get(t))))
                .collect();
            format!(
                "{}{}",
                lang.pick("ranking weights ", "順位の重み "),
                terms.join(lang.pick(", ", "、"))
            )
        }
        Err(_) => text.to_string(),
    }
}

/// A row's status in words: the solve's status, "error" or "not run".
pub(crate) fn status_words(outcome: &RowOutcome, lang: Lang) -> String {
    match outcome {
        RowOutcome::Solved(s) => lang.status(s.result.outcome.status).to_string(),
        RowOutcome::Failed(_) => lang.pick("error", "エラー").to_string(),
        RowOutcome::NotRun(_) => lang.pick("not run", "未実行").to_string(),
    }
}

/// After an interrupt, what the robustness counts: only the scenarios that finished.
pub(crate) fn interrupted_scope(b: &Batch, lang: Lang) -> Option<String> {
    let n = b.interrupted();
    (n > 0).then(|| match lang {
        Lang::En => format!(
            "interrupted: {n} scenarios not run; counted over the {} solved before it",
            b.solved
        ),
        Lang::Ja => format!(
            "中断のため {n} 件は未実行。中断までに解けた {} 件で数えています",
            b.solved
        ),
    })
}

/// Why a row was not run, in the page's language.
pub(crate) fn not_run_note(why: NotRunReason, lang: Lang) -> &'static str {
    match why {
        NotRunReason::TimeLimit => lang.pick(
            why.note(),
            "全体の時間制限が先に来たため、このシナリオは解いていません",
        ),
        NotRunReason::Interrupted => lang.pick(
            why.note(),
            "実行が中断されたため、このシナリオは解き終えていません",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Overrides;

    fn swept(varied: Vec<&'static str>, settings: Overrides) -> Scenario {
        Scenario {
            name: "raw".into(),
            written: Some("案".into()),
            varied,
            line: 1,
            settings,
        }
    }

    #[test]
    fn sweeps_read_as_words_with_plain_numbers_and_names() {
        let names = Names {
            by_id: HashMap::from([("hakuhoji".to_string(), "白峰寺".to_string())]),
        };
        let s = swept(
            vec![
                "p",
                "radius_m",
                "exclude",
                "allow_no_space",
                "weights",
                "time_limit_s",
            ],
            Overrides {
                p: Some(3),
                radius_m: Some(300.5),
                exclude: Some(vec!["hakuhoji".into(), "x9".into()]),
                allow_no_space: Some(true),
                weights: Some("reach=2,need=0".into()),
                time_limit_s: Some(1.0),
                ..Overrides::default()
            },
        );
        assert_eq!(
            scenario_label(&s, &names, Lang::Ja),
            "案：停留所 3 か所、徒歩圏 300.5 m、除外：白峰寺、x9、スペース不足の候補地も可、\
             順位の重み 到達人数 × 2、店から遠い高齢者 × 1、利用意向 × 0、時間制限 1 秒"
        );
        assert_eq!(
            scenario_label(&s, &names, Lang::En),
            "案: 3 stops, radius 300.5 m, left out: 白峰寺, x9, sites without space allowed, \
             ranking weights reach × 2, far from a shop × 1, expressed need × 0, time limit 1 s"
        );
        let base = Scenario {
            written: None,
            ..swept(vec![], Overrides::default())
        };
        assert_eq!(scenario_label(&base, &names, Lang::Ja), "基準");
    }
}
