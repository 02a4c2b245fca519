//! The legend: shading classes with their counts, the council's boundary and the land without
//! data, the uncovered pockets and the rule that picks them, the map's symbols (candidates
//! outside the data apart: their reach is not measurable), and how much of the need the stops
//! reach. Every line is wrapped to the panel ([`super::legend_rows`]), so a longer word or
//! another language never runs off the drawing.

use super::areas::{no_data_words, two_lines};
use super::legend_rows::{draw_rows, Row, Swatch, GAP};
use super::plan::{Need, Plan};
use super::pockets::POCKET_GROUPS;
use super::spec::MapSpec;
use super::style::{clip, plural};
use crate::model::number::round;
use crate::model::{AGED_65_PLUS, POPULATION};
use crate::report::labels::Lang;
use crate::report::table::count;
use crate::solve::FAR_FROM_SHOP;

impl Plan {
    /// The legend panel; returns where it ends, so the drawing is tall enough to hold it.
    pub(super) fn legend(&self, o: &mut String, spec: &MapSpec, lang: Lang) -> f64 {
        let mut rows = self.shading_rows(lang);
        rows.extend(self.land_rows(spec, lang));
        rows.push(self.pocket_row(spec, lang));
        self.symbol_rows(&mut rows, spec, lang);
        // How much of the need the plan reaches, the number a council asks first.
        rows.extend(self.reached_rows(lang));
        draw_rows(o, rows)
    }

    /// The shading's heading and unit, then one row per class with how many cells it holds.
    fn shading_rows(&self, lang: Lang) -> Vec<Row> {
        let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
        let mesh = self.mesh();
        let head = match self.shade_column.as_deref() {
            Some(c) if c.eq_ignore_ascii_case(AGED_65_PLUS) => {
                l("Residents aged 65+", "65歳以上人口")
            }
            Some(c) if c.eq_ignore_ascii_case(FAR_FROM_SHOP) => {
                l("Aged 65+ far from every shop", "店から遠い65歳以上人口")
            }
            Some(c) if c.eq_ignore_ascii_case(POPULATION) => l("Population", "人口"),
            Some(c) => clip(c, 30),
            None => l("Demand points", "需要地点"),
        };
        let unit = match mesh {
            true => l("per census cell (people)", "セルあたり（人）"),
            false => l("per demand point", "地点あたり"),
        };
        let mut rows = vec![Row::head(head), Row::text(unit)];
        let mut members = vec![0usize; self.classes.len()];
        for &v in &self.shade {
            members[self.classes.of(v)] += 1;
        }
        for (k, &m) in members.iter().enumerate() {
            let text = match lang {
                Lang::En => format!("{}  ({})", self.classes.label(k), noun(lang, mesh, m)),
                Lang::Ja => format!("{}（{}）", self.classes.label(k), noun(lang, mesh, m)),
            };
            rows.push(Row::symbol(Swatch::Class(self.classes.colour(k)), text));
        }
        if let Some(last) = rows.last_mut() {
            last.gap = GAP;
        }
        rows
    }

    /// The council's boundary and the land without data, when drawn.
    fn land_rows(&self, spec: &MapSpec, lang: Lang) -> Vec<Row> {
        let mut rows = Vec::new();
        if let (Some(area), Some(_)) = (&spec.data.area, &self.areas.outline) {
            let name = clip(&area.data.name, 30);
            let text = match lang {
                Lang::En => format!("Boundary of {name}"),
                Lang::Ja => format!("{name}の境界"),
            };
            rows.push(Row::symbol(Swatch::Area, text));
        }
        if self.areas.has_no_data() {
            // Broken before the bracket, never inside a word.
            let words = two_lines(no_data_words(self.mesh(), lang));
            let mut row = Row::symbol(Swatch::NoData, words[0].to_string());
            row.lines.extend(words[1..].iter().map(|w| w.to_string()));
            rows.push(row);
        }
        if let Some(last) = rows.last_mut() {
            last.gap = GAP;
        }
        rows
    }

    /// The outlined pockets: the rule that picks them, what their numbers count, and the whole
    /// uncovered total beside the outlined one.
    fn pocket_row(&self, spec: &MapSpec, lang: Lang) -> Row {
        let p = &self.pockets;
        let (r, shown, all) = (
            spec.radius_words(lang),
            self.need_count(p.shown_need(), lang),
            self.need_count(p.uncovered_need, lang),
        );
        let n = noun(lang, self.mesh(), p.uncovered);
        let k = p.shown.len();
        let (who_en, who_ja) = match self.need_kind {
            Need::Aged => ("aged 65+", "65歳以上"),
            Need::FarAged => ("aged 65+ far from a shop", "店から遠い65歳以上"),
            Need::Other => ("demand", "需要"),
        };
        let places = lang.pick("cells", "セル");
        let text = match lang {
            Lang::En if p.cut_short => format!(
                "Uncovered pockets not outlined: the time limit ended before the {} beyond {r} m of every stop were grouped ({all} {who_en} beyond reach, {n}).",
                if self.mesh() { "cells" } else { "points" },
            ),
            Lang::Ja if p.cut_short => format!(
                "未カバーの集まりは描いていません：制限時間内にまとめ終わりませんでした（徒歩圏{r}m外の{who_ja}は計{all}・{n}）。"
            ),
            Lang::En => format!(
                "Uncovered pockets: the {POCKET_GROUPS} largest groups of neighbouring {} beyond {r} of every stop with many {who_en} (the top two fifths); the number is the {who_en} in each. The {k} outlined hold {shown} of the {all} beyond reach ({n}).",
                if self.mesh() { "cells" } else { "points" },
            ),
            Lang::Ja => format!(
                "未カバーの集まり：どの停留所からも{r}超で{who_ja}が多い{}（上位5分の2）の隣り合う集まり、大きい順に{POCKET_GROUPS}か所。数字はその中の{who_ja}の人数。囲んだ{k}か所に{shown}（徒歩圏外は計{all}・{n}）。",
                if self.mesh() { places } else { "地点" },
            ),
        };
        let mut row = Row::symbol(Swatch::Pocket, text);
        if self.mesh() {
            row.lines.push(
                lang.pick("(judged at each cell's centre)", "（セルの中心で判定）")
                    .into(),
            );
        }
        row.gap = GAP;
        row
    }

    /// The symbols of the map: stop, walking reach, candidate, the council's or compared
    /// sites, depot, shop.
    fn symbol_rows(&self, rows: &mut Vec<Row>, spec: &MapSpec, lang: Lang) {
        let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
        rows.push(Row::symbol(
            Swatch::Stop,
            l("Stop (chosen)", "停留所（選定）"),
        ));
        rows.extend(self.reach_rows(spec, lang));
        let out = self.outside.iter().filter(|&&o| o).count();
        let sites = count((self.outside.len() - out) as f64);
        let cand = match (lang, out) {
            (Lang::En, 0) => format!("Candidate site ({sites})"),
            (Lang::En, _) => format!("Candidate site inside the data ({sites})"),
            (Lang::Ja, 0) => format!("候補地（{sites}か所）"),
            (Lang::Ja, _) => format!("候補地・データの範囲内（{sites}か所）"),
        };
        rows.push(Row::symbol(Swatch::Candidate, cand));
        if out > 0 {
            let n = count(out as f64);
            let text = match lang {
                Lang::En => {
                    format!("Candidate site outside the data ({n}): its reach is not measurable")
                }
                Lang::Ja => format!("候補地・データの範囲外（{n}か所）：徒歩圏の人数は測定不可"),
            };
            rows.push(Row::symbol(Swatch::CandidateOut, text));
        }
        if !self.marked.is_empty() {
            let m = self.marked.len();
            let text = match (lang, self.marked_from) {
                (Lang::En, (true, false)) => format!("Council's own candidate ({m})"),
                (Lang::En, (false, _)) => format!("In a compared set ({m})"),
                (Lang::En, (true, true)) => {
                    format!("Council's own candidate or in a compared set ({m})")
                }
                (Lang::Ja, (true, false)) => format!("自治会の候補地（{m}か所）"),
                (Lang::Ja, (false, _)) => format!("比較案の停留所（{m}か所）"),
                (Lang::Ja, (true, true)) => format!("自治会の候補地・比較案の停留所（{m}か所）"),
            };
            rows.push(Row::symbol(Swatch::Marked, text));
        }
        if let Some(d) = spec.depot {
            let text = match lang {
                Lang::En => format!(
                    "Depot: {}, where every run starts and ends",
                    clip(d.name, 40)
                ),
                Lang::Ja => format!("拠点：{}（毎回の出発・帰着地）", clip(d.name, 40)),
            };
            rows.push(Row::symbol(Swatch::Depot, text));
        }
        let shop = match &spec.data.stores {
            Some(st) => {
                let shops = count(st.data.len() as f64);
                let text = match lang {
                    Lang::En => format!("Food shop ({shops})"),
                    Lang::Ja => format!("店舗（{shops}店）"),
                };
                Row::symbol(Swatch::Shop, text)
            }
            None => Row::symbol(Swatch::None, l("Food shops: no data", "店舗：データなし")),
        };
        rows.push(Row { gap: GAP, ..shop });
    }

    /// How reach is drawn: the walked streets and the streets with their credit, or the
    /// straight-line circle (nothing with a cost matrix: the streets decide, not a circle).
    fn reach_rows(&self, spec: &MapSpec, lang: Lang) -> Vec<Row> {
        let l = |en: &str, ja: &str| lang.pick(en, ja).to_string();
        let r = spec.radius_words(lang);
        let mut rows = Vec::new();
        if let Some(st) = &self.streets {
            let reach = match (lang, st.hills) {
                (Lang::En, false) => format!("Reached along the streets within {r}"),
                (Lang::En, true) => {
                    format!("Reached along the streets within {r} (flat-equivalent: slopes count)")
                }
                (Lang::Ja, false) => format!("道路沿いに{r}以内で行ける道"),
                (Lang::Ja, true) => format!("道路沿いに平地換算{r}以内で行ける道（坂を考慮）"),
            };
            rows.push(Row::symbol(Swatch::Walked, reach));
            // The credit on a line of its own, so it is never broken.
            let credit = crate::network::CREDIT;
            let mut row = Row::symbol(Swatch::Streets, l("Streets", "道路"));
            row.lines.push(match lang {
                Lang::En => format!("({credit})"),
                Lang::Ja => format!("（{credit}）"),
            });
            rows.push(row);
        } else if !spec.by_cost_matrix() {
            let reach = match lang {
                Lang::En => format!("Walking reach: {r}, straight line"),
                Lang::Ja => format!("徒歩圏（直線{r}）"),
            };
            rows.push(Row::symbol(Swatch::Reach, reach));
        }
        rows
    }

    /// The share of the need within reach of a stop: of the need inside the council's area
    /// when the data has one (the same denominator as the summary), else of all the data.
    fn reached_rows(&self, lang: Lang) -> [Row; 2] {
        let counted = |i: usize| self.inside.as_ref().is_none_or(|(_, v)| v[i]);
        let total: f64 = (0..self.need.len())
            .filter(|&i| counted(i))
            .map(|i| self.need[i])
            .sum();
        let reached: f64 = (0..self.need.len())
            .filter(|&i| self.covered[i] && counted(i))
            .map(|i| self.need[i])
            .sum();
        let pct = match total > 0.0 {
            true => format!("{:.1}", round(100.0 * reached / total, 1)),
            false => lang.na().to_string(),
        };
        let (t, c) = (count(total), count(reached));
        let place = match (&self.inside, lang) {
            (Some((name, _)), Lang::En) => format!(" (in {name})"),
            (Some((name, _)), Lang::Ja) => format!("（{name}内）"),
            (None, _) => String::new(),
        };
        let (a, b) = match (lang, self.need_kind) {
            (Lang::En, Need::Aged) => (
                format!("Aged 65+ within reach{place}:"),
                format!("{c} of {t} ({pct} %)"),
            ),
            (Lang::En, Need::FarAged) => (
                format!("Aged 65+ far from a shop within reach{place}:"),
                format!("{c} of {t} ({pct} %)"),
            ),
            (Lang::En, Need::Other) => (
                format!("Demand within reach{place}:"),
                format!("{c} of {t} ({pct} %)"),
            ),
            (Lang::Ja, Need::Aged) => (
                format!("徒歩圏内の65歳以上{place}："),
                format!("{t}人中{c}人（{pct}%）"),
            ),
            (Lang::Ja, Need::FarAged) => (
                format!("徒歩圏内の店から遠い65歳以上{place}："),
                format!("{t}人中{c}人（{pct}%）"),
            ),
            (Lang::Ja, Need::Other) => (
                format!("徒歩圏内の需要{place}："),
                format!("{t}中{c}（{pct}%）"),
            ),
        };
        [Row::head(a), Row::text(b)]
    }

    /// An amount of need as the pockets are labelled: "1,234人" in Japanese when it counts
    /// people.
    pub(super) fn need_count(&self, v: f64, lang: Lang) -> String {
        match (lang, self.need_kind) {
            (Lang::Ja, Need::Aged | Need::FarAged) => format!("{}人", count(v)),
            _ => count(v),
        }
    }

    /// Whether demand is drawn as census cells rather than points.
    pub(super) fn mesh(&self) -> bool {
        self.cells.iter().any(Option::is_some)
    }
}

/// "12 cells" / "12セル" (or points, when the demand is not on a mesh).
fn noun(lang: Lang, mesh: bool, n: usize) -> String {
    match (lang, mesh) {
        (Lang::En, true) => format!("{} cell{}", count(n as f64), plural(n)),
        (Lang::En, false) => format!("{} point{}", count(n as f64), plural(n)),
        (Lang::Ja, true) => format!("{}セル", count(n as f64)),
        (Lang::Ja, false) => format!("{}地点", count(n as f64)),
    }
}
