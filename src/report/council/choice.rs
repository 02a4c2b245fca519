//! Why each stop, and what could replace it: the sections a council turns to when someone
//! asks "why not my street?".

use super::page::{site_label, weight_name, CouncilReport, Section, Table};
use crate::report::labels::Lang;
use crate::report::left_out::council_words;
use crate::report::stop_warnings::warning_words;
use crate::report::table::count;
use crate::solve::explain::WhyNot;
use crate::solve::solve_warnings;

/// Each chosen stop's contribution, and the strong candidates left out with the reason.
pub(super) fn why(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    Section {
        id: "why",
        title: l("Why each stop", "各停留所を選んだ理由"),
        paragraphs: std::iter::once(l(
            "Numbers are the weight within the walking radius; a replacement is the best candidate not chosen.",
            "数値は徒歩圏内の重み（人数）です。代わりは選ばれていない候補地のうち最良のものです。",
        ))
        .chain(warnings(r, lang))
        .collect(),
        tables: vec![stops_table(r, lang), not_chosen(r, lang)],
        svg: None,
    }
}

/// A sentence for each chosen stop that adds no one (reaches nobody, or stands where
/// another chosen stop does).
fn warnings(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let label = |k: usize| site_label(r.inst, r.res.stops[k].site);
    let end = lang.pick(".", "。");
    solve_warnings(r.inst, r.res)
        .iter()
        .map(|w| format!("{}{end}", warning_words(w, &label, lang)))
        .collect()
}

/// What each chosen stop reaches, what only it reaches, and its best replacement.
fn stops_table(r: &CouncilReport, lang: Lang) -> Table {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let inst = r.inst;
    Table {
        head: vec![
            l("stop", "停留所"),
            l("reaches", "徒歩圏内"),
            l(
                "only this stop reaches (lost if dropped)",
                "この停留所だけが届く人（外すと失う）",
            ),
            l("best replacement", "最良の代わり"),
            l("it would win back", "代わりで取り戻せる"),
        ],
        rows: r
            .why
            .stops
            .iter()
            .map(|s| {
                let (rep, back) = match s.best_replacement {
                    Some((k, v)) => (site_label(inst, k), count(v)),
                    None => ("—".into(), "—".into()),
                };
                vec![
                    site_label(inst, s.site),
                    count(s.reach),
                    count(s.only_here),
                    rep,
                    back,
                ]
            })
            .collect(),
    }
}

/// Candidates that reach people but were not chosen, with the reason in words.
fn not_chosen(r: &CouncilReport, lang: Lang) -> Table {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let inst = r.inst;
    Table {
        head: vec![
            l("strong candidate", "有力候補"),
            l("reaches", "徒歩圏内"),
            l("why not chosen", "選ばれなかった理由"),
        ],
        rows: r
            .why
            .not_chosen
            .iter()
            .filter(|n| {
                // A site outside the data is not offered on what it seems to reach; a rule
                // that left it out is still said.
                n.reach > 0.0 && (measurable(r, n.site) || matches!(n.why, WhyNot::Rule(_)))
            })
            .map(|n| {
                let why = match &n.why {
                    WhyNot::Rule(e) => council_words(e, &weight_name(inst, lang), lang),
                    WhyNot::SamePoint { as_stop } => match lang {
                        Lang::En => format!(
                            "It stands on the same point as the chosen {} (the data give both one coordinate), so the data cannot tell them apart: check on site which of the two suits.",
                            site_label(inst, *as_stop)
                        ),
                        Lang::Ja => format!(
                            "選ばれた {} と同じ地点にあります（データ上の座標が同じ）。データでは区別できないため、どちらが適するかは現地で確認してください。",
                            site_label(inst, *as_stop)
                        ),
                    },
                    WhyNot::Overlap { by, adds, .. } if by.is_empty() => match lang {
                        Lang::En => format!(
                            "No chosen stop reaches its people; it would add {}.",
                            count(*adds)
                        ),
                        Lang::Ja => format!(
                            "選ばれた停留所とは徒歩圏が重なりません。加えると {} 人増えます。",
                            count(*adds)
                        ),
                    },
                    WhyNot::Overlap { share, adds, by } => {
                        let by: Vec<String> = by.iter().take(3).map(|&j| site_label(inst, j)).collect();
                        match lang {
                            Lang::En => format!(
                                "{:.0} % of the people it reaches are already reached by {}; it would add {}.",
                                100.0 * share,
                                by.join(", "),
                                count(*adds)
                            ),
                            Lang::Ja => format!(
                                "徒歩圏の {:.0} % は {} で既に届いており、加えても増えるのは {} 人です。",
                                100.0 * share,
                                by.join("、"),
                                count(*adds)
                            ),
                        }
                    }
                };
                let reach = match measurable(r, n.site) {
                    true => count(n.reach),
                    false => lang.unmeasurable().to_string(),
                };
                vec![site_label(inst, n.site), reach, why]
            })
            .collect(),
    }
}

/// One re-solve per chosen stop: the best set without it, and whether the stop is forced.
pub(super) fn alternatives(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let inst = r.inst;
    let forced = r.why.forced();
    let alt = Table {
        head: vec![
            l("without", "外す停留所"),
            l("best set without it", "それを外した最良の組み合わせ"),
            l("worse by", "悪化"),
            l("verdict", "判定"),
        ],
        rows: r
            .why
            .alternatives
            .iter()
            .map(|a| {
                if !a.computed {
                    let not = l(
                        "not solved: the time limit ended first",
                        "時間制限のため解き直していません",
                    );
                    return vec![site_label(inst, a.without), not, "—".into(), "—".into()];
                }
                let set = a.stops.as_ref().map_or_else(
                    || l("no set exists", "組み合わせなし"),
                    |s| {
                        s.iter()
                            .map(|&j| site_label(inst, j))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                );
                let worse = a
                    .worse_by
                    .map_or("—".into(), |w| format!("{:.1} %", 100.0 * w));
                let mut verdict = if forced.contains(&a.without) {
                    l("forced", "外せない")
                } else {
                    l("a matter of choice", "好みで選べる")
                };
                if !a.proven {
                    verdict.push_str(lang.pick(" (not proven)", "（未証明）"));
                }
                vec![site_label(inst, a.without), set, worse, verdict]
            })
            .collect(),
    };
    Section {
        id: "alternatives",
        title: l("Alternatives", "代わりの案"),
        paragraphs: vec![match lang {
            Lang::En => format!(
                "Each row solves the model again with one chosen stop left out. Within {:.0} % of the chosen set counts as as good.",
                100.0 * r.why.tolerance
            ),
            Lang::Ja => format!(
                "各行は、選ばれた停留所を1か所外してモデルを解き直した結果です。{:.0} % 以内の悪化なら同程度に良いとみなします。",
                100.0 * r.why.tolerance
            ),
        }],
        tables: vec![alt],
        svg: None,
    }
}

/// Whether site `j`'s reach can be measured: a site outside the data is never offered as a
/// strong candidate on what it seems to reach.
fn measurable(r: &CouncilReport, j: usize) -> bool {
    r.table
        .candidates
        .iter()
        .find(|c| c.index == j)
        .is_none_or(|c| c.measurable)
}
