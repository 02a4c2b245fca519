//! The codes the data and the solver use (`shrine`, `aged_65_plus`, `optimal`), in the words a
//! council reads. CSV and JSON keep the codes, which scripts match on; tables and the report
//! name them in words, and a code no list knows is shown as written, never dropped.

use super::labels::Lang;
use crate::model::DataLabel;
use crate::solve::{Method, Model, Status};

/// Kinds of site and shop a candidates or shops file commonly gives, in Japanese. Matched after
/// lower-casing, with `-` and spaces read as `_`.
const KINDS: [(&str, &str); 27] = [
    ("shrine", "神社"),
    ("temple", "寺院"),
    ("church", "教会"),
    ("housing_estate", "団地"),
    ("community_centre", "集会所"),
    ("community_center", "集会所"),
    ("community_hall", "集会所"),
    ("public_hall", "公民館"),
    ("park", "公園"),
    ("school", "学校"),
    ("station", "駅"),
    ("car_park", "駐車場"),
    ("parking", "駐車場"),
    ("city_hall", "市役所"),
    ("library", "図書館"),
    ("hospital", "病院"),
    ("clinic", "診療所"),
    ("nursing_home", "介護施設"),
    ("post_office", "郵便局"),
    ("supermarket", "スーパー"),
    ("convenience_store", "コンビニ"),
    ("convenience", "コンビニ"),
    ("drugstore", "ドラッグストア"),
    ("department_store", "百貨店"),
    ("grocery", "食料品店"),
    ("greengrocer", "八百屋"),
    ("shop", "商店"),
];

/// Demand columns the readers name (e-Stat's friendly names, the objective's far-from-a-shop
/// subset), as people: (code, English, Japanese).
const COLUMNS: [(&str, &str, &str); 9] = [
    ("population", "people", "人口"),
    ("aged_65_plus", "people aged 65+", "65歳以上人口"),
    ("aged_75_plus", "people aged 75+", "75歳以上人口"),
    ("aged_85_plus", "people aged 85+", "85歳以上人口"),
    ("households", "households", "世帯数"),
    (
        "households_with_65_plus",
        "households with someone aged 65+",
        "65歳以上の世帯員のいる世帯数",
    ),
    (
        "elderly_single_households",
        "older people living alone",
        "高齢単身世帯数",
    ),
    (
        "elderly_couple_households",
        "older couples' households",
        "高齢夫婦世帯数",
    ),
    (
        "far_from_shop",
        "aged 65+ far from a shop",
        "店から遠い65歳以上人口",
    ),
];

impl Lang {
    /// A site's or shop's kind: in Japanese when it is a common one, otherwise (and in English)
    /// as written.
    pub fn kind(self, kind: &str) -> String {
        if self == Lang::Ja {
            let key = kind.trim().to_lowercase().replace(['-', ' '], "_");
            if let Some((_, ja)) = KINDS.iter().find(|(code, _)| *code == key) {
                return (*ja).to_string();
            }
        }
        kind.to_string()
    }

    /// A demand column as what it counts ("people aged 65+", 「65歳以上人口」); a column no
    /// list knows keeps its own name.
    pub fn column(self, column: &str) -> String {
        match COLUMNS.iter().find(|(code, _, _)| *code == column) {
            Some((_, en, ja)) => self.pick(en, ja).to_string(),
            None => column.to_string(),
        }
    }

    /// A solve's status in a word or two ("optimal", 「最適（証明済み）」).
    pub fn status(self, status: Status) -> &'static str {
        match status {
            Status::Optimal => self.pick("optimal", "最適（証明済み）"),
            Status::TimeLimit => self.pick("time limit", "時間制限で打ち切り"),
            Status::Heuristic => self.pick("heuristic", "近似解"),
            Status::Infeasible => self.pick("infeasible", "解なし"),
        }
    }

    /// A model's short name ("maximal covering", 「最大カバー」).
    pub fn model(self, model: Model) -> &'static str {
        match model {
            Model::Mclp => self.pick("maximal covering", "最大カバー"),
            Model::Lscp => self.pick("set covering", "集合カバー"),
            Model::Pmedian => self.pick("p-median", "p-メディアン"),
            Model::Pcenter => self.pick("p-center", "p-センター"),
        }
    }

    /// A solution method's short name.
    pub fn method(self, method: Method) -> &'static str {
        match method {
            Method::Exact => self.pick("exact", "厳密解法"),
            Method::Heuristic => self.pick("heuristic", "近似解法"),
            Method::Mip => self.pick("integer programming", "整数計画法"),
        }
    }

    /// The data's label in this language: a council's Japanese one when the data have it.
    pub fn data(self, label: &DataLabel) -> &str {
        match self {
            Lang::En => &label.en,
            Lang::Ja => label.ja_or_en(),
        }
    }

    /// The data as a council page names it: the data's own label in this language, or, for
    /// files of the planner's own on a Japanese page, words saying so (their names, in the
    /// planner's box, are no business of the council's).
    pub fn data_words(self, label: &DataLabel) -> String {
        match (self, &label.ja) {
            (Lang::Ja, None) => {
                "担当者が用意したデータ（ファイル名は作成方法の欄に記載）".to_string()
            }
            _ => self.data(label).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_in_japanese_and_unknown_ones_as_written() {
        assert_eq!(Lang::Ja.kind("shrine"), "神社");
        assert_eq!(Lang::Ja.kind("Housing-Estate"), "団地");
        assert_eq!(Lang::Ja.kind("shrine_office"), "shrine_office");
        assert_eq!(Lang::En.kind("shrine"), "shrine");
        assert_eq!(Lang::Ja.column("aged_65_plus"), "65歳以上人口");
        assert_eq!(Lang::En.column("aged_65_plus"), "people aged 65+");
        assert_eq!(Lang::Ja.column("T001142004"), "T001142004");
        assert_eq!(Lang::Ja.status(Status::Optimal), "最適（証明済み）");
    }

    #[test]
    fn every_column_the_embedded_census_names_has_words() {
        let data = crate::io::embedded::dataset().unwrap();
        // Columns the reader names (not raw table codes such as `T001142002`).
        let named: Vec<&str> = data
            .demand
            .data
            .column_names()
            .into_iter()
            .filter(|c| !c.starts_with(|ch: char| ch.is_ascii_uppercase()))
            .collect();
        assert_eq!(named.len(), 8, "{named:?}");
        for code in named {
            assert_ne!(Lang::Ja.column(code), code, "{code}");
        }
    }
}
