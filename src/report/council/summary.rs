//! The summary: which stops, whom they reach, how sure the answer is, and what is uncertain,
//! in sentences a council can read out.

use super::page::{pct, site_label, weight_name, CouncilReport, Section};
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
            .chain(uncertain(r, lang))
            .collect(),
        tables: vec![],
        svg: None,
    }
}

/// The opening paragraph: the stops chosen, whom they reach, how sure the answer is, and
/// whether each stop could be swapped.
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
    let weight_name = weight_name(inst, lang);
    let mut summary = match lang {
        Lang::En => format!(
            "The model chose {} stop{}: {}. Within {} m (straight line) they reach {} of {} ({}; weight: {}). This set is {}.",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", "),
            res.params.radius_m,
            count(res.covered_weight),
            count(res.total_weight),
            pct(res.covered_weight, res.total_weight),
            weight_name,
            proof_words(res, lang)
        ),
        Lang::Ja => format!(
            "選ばれた停留所は {} か所（{}）。徒歩圏（直線 {} m）で {} のうち {}（{}）に届きます（重み：{}）。この組み合わせは「{}」です。",
            names.len(),
            names.join("、"),
            res.params.radius_m,
            count(res.total_weight),
            count(res.covered_weight),
            pct(res.covered_weight, res.total_weight),
            weight_name,
            proof_words(res, lang)
        ),
    };
    summary.push_str(&verdict(r, lang, names.len()));
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

/// Whether the stops are forced or have alternatives as good, in a sentence.
fn verdict(r: &CouncilReport, lang: Lang, stops: usize) -> String {
    let forced = r.why.forced().len();
    let tol = 100.0 * r.why.tolerance;
    match (lang, forced, stops) {
        (Lang::En, 0, _) => format!(
            " Each stop has an alternative set within {tol:.0} % as good."
        ),
        (Lang::En, f, n) if f == n => format!(
            " Every stop is forced: without any one of them the best set is more than {tol:.0} % worse."
        ),
        (Lang::En, f, _) => format!(
            " {f} of them cannot be replaced without losing more than {tol:.0} %; the others have alternatives as good."
        ),
        (Lang::Ja, 0, _) => format!(
            " どの停留所にも、{tol:.0} % 以内で同程度に良い代わりの組み合わせがあります。"
        ),
        (Lang::Ja, f, n) if f == n => format!(
            " どの停留所も外せません（1か所でも外すと {tol:.0} % 以上悪くなります）。"
        ),
        (Lang::Ja, f, _) => format!(
            " このうち {f} か所は、外すと {tol:.0} % 以上悪くなる「外せない」停留所で、残りは同程度に良い代わりがあります。"
        ),
    }
}

/// What the numbers cannot know: straight-line walking, dropped terms and the data's notes.
fn uncertain(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let mut uncertain = vec![l(
        "Uncertain: walking distance is a straight line (real walks are longer).",
        "不確かな点：徒歩距離は直線距離です（実際の道のりは長くなります）。",
    )];
    for d in &r.table.summary.terms_dropped {
        uncertain.push(format!("{}: {}", lang.term(d.term), lang.text(&d.reason)));
    }
    for n in r.data.notes() {
        uncertain.push(lang.text(n).to_string());
    }
    uncertain
}
