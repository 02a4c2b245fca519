//! Words shown to people, in English and Japanese.

use crate::model::LocalText;
use crate::route::{Place, COORDINATES_DEPOT};
use crate::score::{Flag, SpaceStatus, Term};

/// Language of labels and notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Japanese.
    Ja,
}

impl crate::param::Choice for Lang {
    const ALL: &'static [Lang] = &[Lang::En, Lang::Ja];

    fn name(self) -> &'static str {
        self.pick("en", "ja")
    }

    fn help(self) -> &'static str {
        self.pick("English", "Japanese")
    }
}

impl Lang {
    /// Picks the string for this language.
    pub fn pick<'a>(self, en: &'a str, ja: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }

    /// What a timetable calls a place: its name, else its id, except a depot given as
    /// LAT,LON, which has neither and is called what it is (depot, 出発地).
    pub fn place(self, p: &Place) -> &str {
        match &p.name {
            Some(n) => n,
            None if p.id == COORDINATES_DEPOT => self.pick("depot", "出発地"),
            None => &p.id,
        }
    }

    /// Picks a bilingual note's text.
    pub fn text(self, t: &LocalText) -> &str {
        self.pick(&t.en, &t.ja)
    }

    /// A term's name.
    pub fn term(self, t: Term) -> &'static str {
        match (t, self) {
            (Term::Reach, Lang::En) => "reach",
            (Term::Reach, Lang::Ja) => "到達人数",
            (Term::Far, Lang::En) => "far from a shop",
            (Term::Far, Lang::Ja) => "店から遠い高齢者",
            (Term::Need, Lang::En) => "expressed need",
            (Term::Need, Lang::Ja) => "利用意向",
        }
    }

    /// A flag's short label for tables.
    pub fn flag(self, f: Flag) -> &'static str {
        match (f, self) {
            (Flag::NoSpace, Lang::En) => "no space",
            (Flag::NoSpace, Lang::Ja) => "スペース不足",
            (Flag::SpaceUnknown, Lang::En) => "space?",
            (Flag::SpaceUnknown, Lang::Ja) => "スペース不明",
            (Flag::DataEdge, Lang::En) => "data edge",
            (Flag::DataEdge, Lang::Ja) => "データ端",
            (Flag::OutsideData, Lang::En) => "outside data",
            (Flag::OutsideData, Lang::Ja) => "データ範囲外",
            (Flag::SharedPoint, Lang::En) => "shared point",
            (Flag::SharedPoint, Lang::Ja) => "同一地点",
            (Flag::NoSurveyAnswers, Lang::En) => "no answers",
            (Flag::NoSurveyAnswers, Lang::Ja) => "回答なし",
            (Flag::FewSurveyAnswers, Lang::En) => "few answers",
            (Flag::FewSurveyAnswers, Lang::Ja) => "回答少",
            (Flag::OverCapacity, Lang::En) => "over capacity",
            (Flag::OverCapacity, Lang::Ja) => "対応超過",
        }
    }

    /// A flag's explanation for legends.
    pub fn flag_help(self, f: Flag) -> &'static str {
        match (f, self) {
            (Flag::NoSpace, Lang::En) => {
                "known to be too small for the vehicles: ranked, not eligible"
            }
            (Flag::NoSpace, Lang::Ja) => {
                "必要台数分の場所がないことが分かっている（順位は付けるが対象外）"
            }
            (Flag::SpaceUnknown, Lang::En) => "space for the vehicles unknown: check on site",
            (Flag::SpaceUnknown, Lang::Ja) => "駐車スペースが不明（現地で確認）",
            (Flag::DataEdge, Lang::En) => {
                "walking circle reaches past the demand data: reach under-counted"
            }
            (Flag::DataEdge, Lang::Ja) => "徒歩圏が需要データの範囲外にかかる（到達人数は過小）",
            (Flag::OutsideData, Lang::En) => {
                "site lies outside the demand data: its reach cannot be measured (not zero)"
            }
            (Flag::OutsideData, Lang::Ja) => {
                "候補地が需要データの範囲外（到達人数は測定不可。0人という意味ではない）"
            }
            (Flag::SharedPoint, Lang::En) => {
                "shares one point with another candidate (same coordinates): the data cannot tell them apart"
            }
            (Flag::SharedPoint, Lang::Ja) => {
                "他の候補地と同じ地点（座標が同一）：データでは区別できない"
            }
            (Flag::NoSurveyAnswers, Lang::En) => {
                "no survey answers within reach: rate is the overall rate"
            }
            (Flag::NoSurveyAnswers, Lang::Ja) => "徒歩圏内にアンケート回答なし（全体の率を使用）",
            (Flag::FewSurveyAnswers, Lang::En) => {
                "few survey answers within reach: rate leans on the overall rate"
            }
            (Flag::FewSurveyAnswers, Lang::Ja) => "徒歩圏内の回答が少ない（全体の率に寄せた推定）",
            (Flag::OverCapacity, Lang::En) => {
                "more buyers than one visit can serve (expected buyers per visit exceed the stop's minutes ÷ minutes per customer): it needs more visits or a longer stop, or fewer would come than the survey says"
            }
            (Flag::OverCapacity, Lang::Ja) => {
                "1回の訪問で対応しきれない購入者数（1回あたり見込み購入者が 停車時間 ÷ 1人あたり時間 を超える）。訪問回数や停車時間を増やす必要があるか、実際の利用はアンケートより少ない"
            }
        }
    }

    /// A space verdict.
    pub fn space(self, s: SpaceStatus) -> &'static str {
        match (s, self) {
            (SpaceStatus::Fits, Lang::En) => "fits",
            (SpaceStatus::Fits, Lang::Ja) => "可",
            (SpaceStatus::DoesNotFit, Lang::En) => "too small",
            (SpaceStatus::DoesNotFit, Lang::Ja) => "不足",
            (SpaceStatus::Unknown, Lang::En) => "unknown",
            (SpaceStatus::Unknown, Lang::Ja) => "不明",
        }
    }

    /// "not available".
    pub fn na(self) -> &'static str {
        self.pick("n/a", "—")
    }

    /// "not measurable": a value the data cannot give (a site outside the data), which must
    /// never read as zero.
    pub fn unmeasurable(self) -> &'static str {
        self.pick("not measurable", "測定不可")
    }
}
