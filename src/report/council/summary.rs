//! The summary: which stops, whom they reach, how sure the answer is, and what is uncertain,
//! in sentences a council can read out.

use super::page::{pct, site_label, weight_name, CouncilReport, Section};
use super::streets::{circle_only_words, streets_reach, streets_uncertain};
use crate::report::labels::Lang;
use crate::report::solve::words::proof_words;
use crate::report::table::count;

/// The first section of the page.
pub(super) fn summary(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Section {
        id: "summary",
        title: l("Summary", "まとめ"),
        paragraphs: std::iter::once(headline(r, lang))
            .chain(circle_only_words(r, lang))
            .chain(uncertain(r, lang))
            .collect(),
        tables: vec![],
        svg: None,
    }
}

/// The opening paragraph: the stops chosen, what was optimised in words, whom they reach
/// (as a share of the people inside the council's area, with what the data miss), how sure
/// the answer is, and which stops could be swapped.
fn headline(r: &CouncilReport, lang: Lang) -> String {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let inst = r.inst;
    let res = r.res;
    let names: Vec<String> = res
        .outcome
        .open
        .iter()
        .map(|&j| site_label(inst, j))
        .collect();
    let mut summary = match lang {
        Lang::En => format!(
            "The model chose {} stop{}: {}. It looked for {}.",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            aim_words(r, lang),
        ),
        Lang::Ja => format!(
            "選ばれた停留所は {} か所（{}）。{}を求めました。",
            names.len(),
            names.join("、"),
            aim_words(r, lang),
        ),
    };
    summary.push_str(&reach_words(r, lang));
    summary.push_str(&match lang {
        Lang::En => format!(" This set is {}.", proof_words(res, lang)),
        Lang::Ja => format!("この組み合わせは「{}」です。", proof_words(res, lang)),
    });
    summary.push_str(&verdict(r, lang, names.len()));
    summary.push_str(&requests(r, lang));
    let skipped = r.why.alternatives.iter().filter(|a| !a.computed).count();
    if skipped > 0 {
        summary.push_str(&match lang {
            Lang::En => format!(
                " The time limit ended before {skipped} of the re-solves, so nothing is claimed about those stops."
            ),
            Lang::Ja => format!(
                " 時間制限のため {skipped} か所の解き直しは行えず、それらの停留所については判定していません。"
            ),
        });
    }
    if r.why.alternatives.iter().any(|a| a.computed && !a.proven) {
        summary.push_str(&l(
            " Some re-solves were not proven optimal, so these verdicts are best found, not proven.",
            " 一部の解き直しは最適性が証明されていないため、この判定は証明ではなく最良の探索結果です。",
        ));
    }
    summary
}

/// Who counts, as the people a sentence can name ("people aged 65+").
fn weight_people(r: &CouncilReport, lang: Lang) -> String {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    match r.inst.weight_column.as_deref() {
        Some("aged_65_plus") => l("people aged 65+", "65歳以上の人"),
        Some("population") => l("residents", "住民"),
        Some("far_from_shop") => l("people aged 65+ far from a shop", "店から遠い65歳以上の人"),
        _ => weight_name(r.inst, lang),
    }
}

/// What the model optimised, in words a council member can repeat.
fn aim_words(r: &CouncilReport, lang: Lang) -> String {
    use crate::solve::Model::*;
    let res = r.res;
    let who = weight_people(r, lang);
    let p = res.p.unwrap_or(0);
    match (res.params.model, lang) {
        (Mclp, Lang::En) => format!(
            "the {p} stops that bring the most {who} within walking distance ({})",
            reach_phrase(r, lang)
        ),
        (Mclp, Lang::Ja) => {
            format!(
                "{who}が最も多く徒歩圏（{}）に入る {p} か所の組み合わせ",
                reach_phrase(r, lang)
            )
        }
        (Lscp, Lang::En) => format!(
            "the fewest stops that bring everyone who can be reached within walking distance ({})",
            reach_phrase(r, lang)
        ),
        (Lscp, Lang::Ja) => {
            format!(
                "届く人の全員を徒歩圏（{}）に入れる、最も少ない停留所の組み合わせ",
                reach_phrase(r, lang)
            )
        }
        (Pmedian, Lang::En) => format!(
            "the {p} stops that make the walks of {who} to their nearest stop shortest in total"
        ),
        (Pmedian, Lang::Ja) => {
            format!("{who}の最寄り停留所までの距離の合計が最も短くなる {p} か所の組み合わせ")
        }
        (Pcenter, Lang::En) => {
            format!("the {p} stops that make the longest walk to a nearest stop shortest")
        }
        (Pcenter, Lang::Ja) => {
            format!("最寄り停留所まで最も遠い人の距離が最も短くなる {p} か所の組み合わせ")
        }
    }
}

/// The walking radius and how it is measured: `500 m, straight line`, along the streets, or
/// by the cost matrix (in metres or minutes).
fn reach_phrase(r: &CouncilReport, lang: Lang) -> String {
    let m = r.res.params.radius_m;
    if let Some(st) = &r.data.streets {
        return streets_reach(m, &st.data, lang);
    }
    match (r.data.costs.as_ref().map(|c| c.data.unit), lang) {
        (None, Lang::En) => format!("{m} m, straight line"),
        (None, Lang::Ja) => format!("直線 {m} m"),
        (Some(u), Lang::En) => format!("{m} {} by the cost matrix", u.symbol()),
        (Some(crate::model::CostUnit::Metres), Lang::Ja) => format!("コスト行列で {m} m"),
        (Some(crate::model::CostUnit::Minutes), Lang::Ja) => format!("コスト行列で {m} 分"),
    }
}

/// Whom the stops reach: as a share of those inside the council's area when its outline is
/// known (saying what the data miss), else of everyone in the data, saying so.
fn reach_words(r: &CouncilReport, lang: Lang) -> String {
    let res = r.res;
    let who = weight_people(r, lang);
    // The English sentence names the straight line once, in the aim before it.
    let m = match (&r.data.costs, lang) {
        (None, Lang::En) => format!("{} m", res.params.radius_m),
        _ => reach_phrase(r, lang),
    };
    let same_weight = r.table.summary.weight_column == r.inst.weight_column;
    match (&r.table.summary.area, r.chosen.in_area, same_weight) {
        (Some(a), Some(inside), true) if a.weight > 0.0 => match lang {
            Lang::En => format!(
                " Within {m} they reach {} {who}; {} of them live in {}, {} of the {} {who} the data hold for {}. The data cover only about {:.0} % of {}'s area; the people of the rest are missing, so the share is of the covered part.",
                count(res.covered_weight),
                count(inside.weight),
                a.name,
                pct(inside.weight, a.weight),
                count(a.weight),
                a.name,
                100.0 * a.covered_share,
                a.name,
            ),
            Lang::Ja => format!(
                "徒歩圏（{m}）に入る{who}は {} 人で、そのうち{}内は {} 人、データにある{}内の{who} {} 人の {} です。データは{}の面積の約 {:.0} % だけを覆っており、残りの地域の人は含まれていません（割合はデータのある地域に対するものです）。",
                count(res.covered_weight),
                a.name,
                count(inside.weight),
                a.name,
                count(a.weight),
                pct(inside.weight, a.weight),
                a.name,
                100.0 * a.covered_share,
            ),
        },
        _ => match lang {
            Lang::En => format!(
                " Within {m} they reach {} of the {} {who} in the data ({}); the data's area is not a council's area, so this share counts everyone the data hold.",
                count(res.covered_weight),
                count(res.total_weight),
                pct(res.covered_weight, res.total_weight),
            ),
            Lang::Ja => format!(
                "徒歩圏（{m}）に入る{who}は、データ全体の {} 人のうち {} 人（{}）です（割合はデータ全体に対するもので、市町村の範囲とは限りません）。",
                count(res.total_weight),
                count(res.covered_weight),
                pct(res.covered_weight, res.total_weight),
            ),
        },
    }
}

/// Whether the stops are forced or have alternatives as good, in a sentence naming the
/// forced ones.
fn verdict(r: &CouncilReport, lang: Lang, stops: usize) -> String {
    let forced: Vec<String> = r
        .why
        .forced()
        .into_iter()
        .map(|j| site_label(r.inst, j))
        .collect();
    let f = forced.len();
    let tol = 100.0 * r.why.tolerance;
    match (lang, f, stops) {
        (Lang::En, 0, _) => format!(
            " Each stop has an alternative set within {tol:.0} % as good."
        ),
        (Lang::En, f, n) if f == n => format!(
            " Every stop is forced: without any one of them the best set is more than {tol:.0} % worse."
        ),
        (Lang::En, _, _) => format!(
            " {} cannot be replaced without losing more than {tol:.0} %; the others have alternatives as good.",
            forced.join(", ")
        ),
        (Lang::Ja, 0, _) => format!(
            " どの停留所にも、{tol:.0} % 以内で同程度に良い代わりの組み合わせがあります。"
        ),
        (Lang::Ja, f, n) if f == n => format!(
            " どの停留所も外せません（1か所でも外すと {tol:.0} % 以上悪くなります）。"
        ),
        (Lang::Ja, _, _) => format!(
            " {}は、外すと {tol:.0} % 以上悪くなる「外せない」停留所です。残りの停留所には同程度に良い代わりがあります。",
            forced.join("、")
        ),
    }
}

/// The stops the council asked to include, and the sites it asked to leave out, by name (the
/// flags that did it are in the planner's box).
fn requests(r: &CouncilReport, lang: Lang) -> String {
    let required: Vec<String> = r
        .res
        .stops
        .iter()
        .filter(|s| s.required)
        .map(|s| site_label(r.inst, s.site))
        .collect();
    let left_out: Vec<String> = r
        .res
        .exclusions
        .iter()
        .filter(|e| e.cause == crate::solve::Cause::Requested)
        .map(|e| site_label(r.inst, e.site))
        .collect();
    let mut out = String::new();
    let were = |n: usize| if n == 1 { "was" } else { "were" };
    if !required.is_empty() {
        out.push_str(&match lang {
            Lang::En => format!(
                " {} {} included at the council's request.",
                required.join(", "),
                were(required.len())
            ),
            Lang::Ja => format!(
                " {}は必ず含める停留所として指定されています。",
                required.join("、")
            ),
        });
    }
    if !left_out.is_empty() {
        out.push_str(&match lang {
            Lang::En => format!(
                " {} {} left out at the council's request.",
                left_out.join(", "),
                were(left_out.len())
            ),
            Lang::Ja => format!(" {}は協議体が除外しました。", left_out.join("、")),
        });
    }
    out
}

/// What the numbers cannot know: straight-line walking, the need not measured (and what to
/// collect to measure it) and the data's notes. Command-line reasons stay in the method box.
fn uncertain(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let mut uncertain = vec![match (streets_uncertain(r, lang), &r.data.costs) {
        (Some(streets), _) => streets,
        (None, None) => l(
            "Uncertain: walking distance is a straight line (real walks are longer).",
            "不確かな点：徒歩距離は直線距離です（実際の道のりは長くなります）。",
        ),
        (None, Some(c)) => match lang {
            Lang::En => format!(
                "Uncertain: the distance from each home to a candidate is the cost matrix {} (as good as the network it came from); distances to shops are straight lines.",
                c.source
            ),
            Lang::Ja => format!(
                "不確かな点：自宅から候補地までの距離はコスト行列 {} によります（元の道路網データの精度次第です）。店までの距離は直線距離です。",
                c.source
            ),
        },
    }];
    let s = &r.table.summary;
    if s.stores.is_none() && r.inst.weight_column.as_deref() != Some("far_from_shop") {
        uncertain.push(l(
            "Need — how far people live from a food shop — was not measured: there is no list of shops. The result therefore favours dense areas, which are likely to have shops already. To measure need, collect the food shops of the area (supermarkets, convenience stores, greengrocers) with their locations.",
            "必要性（食料品店からの距離）は測定していません。店舗の一覧がないためです。そのため、この結果は人の多い地域（すでに店がある可能性が高い地域）を優先しています。必要性を測るには、地域の食料品店（スーパー、コンビニ、商店など）の一覧と所在地を集めてください。",
        ));
    }
    if s.survey.is_none() {
        uncertain.push(l(
            "Whether residents would use the truck is unknown: there are no survey answers. A short resident survey near each candidate (how many answered, how many would use it) adds expressed need.",
            "住民が実際に利用するかは分かりません。アンケート回答がないためです。候補地の近くで簡単な住民アンケート（回答者数と「利用したい」人数）を行うと、利用意向を加えられます。",
        ));
    }
    for n in r.data.notes() {
        uncertain.push(lang.text(n).to_string());
    }
    uncertain
}
