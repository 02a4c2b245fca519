//! The planner's box at the end of the page: how this was made. The command that made it, the
//! files, the model and how sure its answer is, and every choice the command line made (a term
//! left out for want of `--stores`, a site excluded by `--exclude`), with the flags named, so
//! the planner can repeat or change it. The council's sections say the same in words.

use super::page::{site_label, weight_name, CouncilReport, Section};
use crate::report::labels::Lang;
use crate::report::left_out::{dropped_words, planner_words};
use crate::report::solve::words::{model_words, proof_words};
use crate::report::table::count;
use crate::solve::Status;

/// The attribution e-Stat's terms ask of a work made from its data.
const ESTAT_CREDIT: &str =
    "出典：政府統計の総合窓口(e-Stat)（https://www.e-stat.go.jp/）の統計データを加工して作成";

/// The box's title, which tests and readers find it by.
pub fn method_title(lang: Lang) -> &'static str {
    lang.pick(
        "How this was made (for the planner)",
        "作成方法（担当者向け）",
    )
}

/// Where the data came from, the command, the model and how sure the solve is, the weights of
/// the list and every choice the flags made.
pub(super) fn method(r: &CouncilReport, lang: Lang) -> Section {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let mut lines = Vec::new();
    if let Some(cmd) = &r.command {
        lines.push(format!("{}: {cmd}", l("command", "コマンド")));
    }
    lines.push(format!(
        "{}: {}",
        l("data", "データ"),
        lang.data(&r.data.label)
    ));
    lines.extend(sources(r, lang));
    lines.extend(model_lines(r, lang));
    let s = &r.table.summary;
    for d in &s.terms_dropped {
        lines.push(format!(
            "{}: {} — {}",
            l("not in the ranking", "順位に使わなかった項目"),
            lang.term(d.term),
            dropped_words(d, lang, true)
        ));
    }
    lines.extend(rules(r, lang));
    if s.mesh.is_some() || r.data.label.contains("e-Stat") {
        lines.push(ESTAT_CREDIT.to_string());
    }
    if let Some(st) = &r.stamp {
        lines.push(st.clone());
    }
    Section {
        id: "method",
        title: method_title(lang).to_string(),
        paragraphs: lines,
        tables: vec![],
        svg: None,
    }
}

/// Each input's file, named in the page's language.
fn sources(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let name = |key: &'static str| match key {
        "demand" => lang.pick("demand", "需要データ"),
        "candidates" => lang.pick("candidates", "候補地"),
        "surveys" => lang.pick("surveys", "アンケート"),
        "stores" => lang.pick("shops", "店舗"),
        other => other,
    };
    let mut out: Vec<String> = r
        .table
        .summary
        .sources
        .iter()
        .filter_map(|(key, src)| Some(format!("{}: {}", name(key), src.as_ref()?)))
        .collect();
    if let Some(area) = &r.data.area {
        out.push(format!(
            "{}: {}",
            lang.pick("area outline", "市町村の境界"),
            area.source
        ));
    }
    out
}

/// The model, its proof, and the ranked list's weights.
fn model_lines(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
    let res = r.res;
    let s = &r.table.summary;
    let mut out = vec![format!(
        "{}: {} ({}), {}: {} m, {}: {}",
        l("model", "モデル"),
        model_words(r.inst, res, lang),
        proof_words(res, lang),
        l("radius", "徒歩圏"),
        res.params.radius_m,
        l("weight", "重み"),
        weight_name(r.inst, lang)
    )];
    if res.outcome.status != Status::Infeasible {
        out.push(format!(
            "{}: {}, {}: {}, {}: {:.3} %",
            l("objective", "目的関数値"),
            count(res.outcome.objective),
            l("bound", "限界値"),
            count(res.outcome.bound),
            l("gap", "ギャップ"),
            100.0 * res.outcome.gap()
        ));
    }
    out.push(format!(
        "{}: {}",
        l("ranked list", "順位の重み"),
        s.terms_used
            .iter()
            .map(|&t| format!("{} × {}", lang.term(t), s.weights.get(t)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}

/// The stops the flags required, and the sites they left out, naming the flags.
fn rules(r: &CouncilReport, lang: Lang) -> Vec<String> {
    let required: Vec<String> = r
        .res
        .stops
        .iter()
        .filter(|s| s.required)
        .map(|s| site_label(r.inst, s.site))
        .collect();
    let mut out = Vec::new();
    if !required.is_empty() {
        out.push(format!(
            "{}: {}",
            lang.pick("required (--require)", "必ず含める（--require）"),
            required.join(lang.pick(", ", "、"))
        ));
    }
    out.extend(r.res.exclusions.iter().map(|e| {
        format!(
            "{}: {} — {}",
            lang.pick("not allowed", "対象外"),
            site_label(r.inst, e.site),
            planner_words(e, lang)
        )
    }));
    out
}
