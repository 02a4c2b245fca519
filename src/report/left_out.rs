//! Why a site or a score term was left out, said two ways: to a council in words ("room for 4
//! vehicles only", 「協議体が除外した」), and to the planner with the flag that decides it, for
//! the page's "how this was made" box and the planner's English tables.

use super::labels::Lang;
use super::table::count;
use crate::score::DroppedTerm;
use crate::solve::{Cause, Exclusion};

/// Why a score term is not in the ranking: in words, and with `planner` also what the planner
/// would give to use it (`--stores`, a column, the file at fault).
pub fn dropped_words(d: &DroppedTerm, lang: Lang, planner: bool) -> String {
    let words = lang.text(&d.reason);
    match (&d.planner, planner, lang) {
        (Some(hint), true, Lang::En) => format!("{words} ({hint})"),
        (Some(hint), true, Lang::Ja) => format!("{words}（{hint}）"),
        _ => words.to_string(),
    }
}

/// The reason in a council's words, without flags; `weight` names what the solve counts
/// ("people aged 65+").
pub fn council_words(e: &Exclusion, weight: &str, lang: Lang) -> String {
    match (e.cause, lang) {
        (Cause::Requested, Lang::En) => "left out at the council's request".into(),
        (Cause::Requested, Lang::Ja) => "協議体が除外した".into(),
        (Cause::NoSpace { fits }, Lang::En) => format!(
            "room for {fits} vehicle{} only",
            if fits == 1 { "" } else { "s" }
        ),
        (Cause::NoSpace { fits }, Lang::Ja) => format!("駐車スペースが{fits}台分しかない"),
        (
            Cause::BelowMinWeight {
                reach,
                radius_m,
                least,
            },
            Lang::En,
        ) => format!(
            "reaches only {} {weight} within {} m, fewer than the {} a stop must reach",
            count(reach),
            count(radius_m),
            count(least)
        ),
        (
            Cause::BelowMinWeight {
                reach,
                radius_m,
                least,
            },
            Lang::Ja,
        ) => format!(
            "徒歩圏（{} m）内の{weight}が {} で、1か所あたりの下限 {} に届かない",
            count(radius_m),
            count(reach),
            count(least)
        ),
    }
}

/// The reason for the planner, naming the flag that decides it (the English words are the
/// solve's own, as its table and JSON give them).
pub fn planner_words(e: &Exclusion, lang: Lang) -> String {
    match (e.cause, lang) {
        (_, Lang::En) => e.detail.clone(),
        (Cause::Requested, Lang::Ja) => "--exclude で除外".into(),
        (Cause::NoSpace { fits }, Lang::Ja) => {
            format!("駐車スペースが{fits}台分のみ（--allow-no-space で対象にできます）")
        }
        (Cause::BelowMinWeight { reach, least, .. }, Lang::Ja) => format!(
            "徒歩圏内の重み {} が --min-weight-per-stop {} 未満",
            count(reach),
            count(least)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn left_out(cause: Cause) -> Exclusion {
        Exclusion {
            site: 0,
            reason: "no_space",
            detail: "room for 4 vehicles only (use --allow-no-space to allow it)".into(),
            cause,
        }
    }

    #[test]
    fn a_council_reads_the_reason_without_flags_and_the_planner_gets_the_flag() {
        let cases = [
            left_out(Cause::Requested),
            left_out(Cause::NoSpace { fits: 4 }),
            left_out(Cause::BelowMinWeight {
                reach: 120.4,
                radius_m: 500.0,
                least: 200.0,
            }),
        ];
        for e in &cases {
            for lang in [Lang::En, Lang::Ja] {
                let words = council_words(e, "people aged 65+", lang);
                assert!(!words.contains("--"), "{words}");
                assert!(planner_words(e, lang).contains("--"), "{lang:?} {e:?}");
            }
        }
        assert_eq!(
            council_words(&cases[1], "", Lang::Ja),
            "駐車スペースが4台分しかない"
        );
        assert_eq!(
            council_words(&cases[2], "65歳以上人口", Lang::Ja),
            "徒歩圏（500 m）内の65歳以上人口が 120 で、1か所あたりの下限 200 に届かない"
        );
    }
}
