//! What a demand file may mean but does not say: a header that nearly names the aged 65+
//! column, and rows with more people aged 65+ than people. Neither is refused (the file is
//! valid), but a result that quietly weighs by population instead of the older residents, or
//! counts impossible rows, must say so: these become notes printed with every result.

use super::text::fold;
use crate::model::{Demand, LocalText, AGED_65_PLUS, POPULATION};

/// Words that, next to a `65`, mark a header as meant for the older residents.
const AGE_WORDS: [&str; 10] = [
    "aged", "age", "over", "plus", "older", "elderly", "senior", "歳", "才", "高齢",
];

/// A header standing for another field (households with someone 65+, the 75+ and 85+ counts)
/// is not a near miss, however close its spelling.
const OTHER_FIELDS: [&str; 5] = ["household", "世帯", "75", "85", "95"];

/// The note for a demand without an `aged_65_plus` column but with a header that nearly names
/// it (`aged_65plus`, `aged65+`, `65才以上`, `高齢者`): which default weight the results fall
/// back to, and "did you mean".
pub fn near_miss_note(demand: &Demand) -> Option<LocalText> {
    if demand.column(AGED_65_PLUS).is_some() {
        return None;
    }
    let near = demand
        .column_names()
        .into_iter()
        .find(|name| is_near_miss(name))?;
    let fallback = demand.default_weight_column();
    let (to_en, to_ja) = match fallback {
        Some(c) => (format!("`{c}`"), format!("`{c}`")),
        None => ("1 per point".to_string(), "1地点1".to_string()),
    };
    Some(LocalText::new(
        format!(
            "the demand has no `{AGED_65_PLUS}` column; `{near}` is not read as aged 65+: did you \
             mean `{AGED_65_PLUS}`? Without it the default weight falls back to {to_en}, and the \
             terms that count older residents are not available"
        ),
        format!(
            "需要データに `{AGED_65_PLUS}` 列がなく、`{near}` は65歳以上人口として読まれていません。`{AGED_65_PLUS}` のことですか？このため既定の重みは {to_ja} になり、高齢者を数える項目は使えません"
        ),
    ))
}

/// Whether a header nearly names the aged 65+ column: the same letters once case, width,
/// spaces, `_`, `-` and `.` are set aside (`+` read as "plus"), one or two characters from one
/// of its names, or a `65` beside an age word.
pub fn is_near_miss(name: &str) -> bool {
    let key = squash(name);
    if OTHER_FIELDS.iter().any(|w| key.contains(w)) {
        return false;
    }
    let names = crate::io::columns::AGED_65_PLUS.names().map(squash);
    let close = names
        .into_iter()
        .any(|n| key == n || (n.chars().count() >= 4 && edits(&key, &n) <= 2));
    close || (key.contains("65") && AGE_WORDS.iter().any(|w| key.contains(w)))
}

/// A header as compared here: folded ([`fold`]), without `_ - .`, `+` as `plus`.
fn squash(name: &str) -> String {
    fold(name)
        .replace('+', "plus")
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.'))
        .collect()
}

/// Levenshtein distance in characters (headers are short).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The note for rows whose aged 65+ exceeds their population: how many, and the first one's
/// line in `file` (`lines[i]` is point `i`'s line).
pub fn aged_over_population_note(file: &str, demand: &Demand, lines: &[u64]) -> Option<LocalText> {
    let (aged, people) = (demand.column(AGED_65_PLUS)?, demand.column(POPULATION)?);
    let over: Vec<usize> = (0..demand.len()).filter(|&i| aged[i] > people[i]).collect();
    let &first = over.first()?;
    let n = over.len();
    let line = lines.get(first).map_or(String::new(), |l| format!(":{l}"));
    let (a, p, id) = (aged[first], people[first], &demand.ids[first]);
    Some(LocalText::new(
        format!(
            "warning: {n} demand rows have more people aged 65+ than people (first: {file}{line}, \
             `{id}`: {a} aged 65+ of {p}); check the columns: results count them as given"
        ),
        format!(
            "注意: 65歳以上人口が人口を上回る需要データの行が{n}行あります（最初: {file}{line}、`{id}`: 人口{p}のうち65歳以上{a}）。列を確認してください。結果は記載どおりに数えています"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_the_aged_column_are_told_apart_from_other_fields() {
        for name in [
            "aged_65plus",
            "aged65+",
            "Aged 65 Plus",
            "65才以上",
            "65歳以上人口数",
            "高齢者",
            "over_65",
            "age65",
        ] {
            assert!(is_near_miss(name), "{name}");
        }
        for name in [
            "population",
            "aged_75_plus",
            "households_with_65_plus",
            "65歳以上世帯員のいる世帯数",
            "T001142065",
            "weight",
            "district",
        ] {
            assert!(!is_near_miss(name), "{name}");
        }
    }
}
