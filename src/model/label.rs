//! A dataset's short name: the planner's (file names, or the embedded set's description in
//! English) and, when the data have one, the council's in Japanese.

use std::fmt;
use std::ops::Deref;

/// A dataset's label. Outputs for the planner (headers in English, JSON, error locations) name
/// the data by `en`; a council's Japanese page uses `ja` when the data have one, so the
/// embedded data read 「埋め込みデータ：茅ヶ崎市北部…」 there rather than "embedded: northern
/// Chigasaki". Files of the planner's own have no Japanese label: their names are shown as
/// written in either language.
///
/// It reads as the English label wherever a `&str` is expected, so code that only ever named
/// the data for the planner keeps doing so unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataLabel {
    /// The planner's label: file names, or a description in English.
    pub en: String,
    /// The label for a Japanese page, when the data have one.
    pub ja: Option<String>,
}

impl DataLabel {
    /// A label in both languages.
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Self {
        DataLabel {
            en: en.into(),
            ja: Some(ja.into()),
        }
    }

    /// The Japanese label, or the planner's when there is none (file names read the same in
    /// either language).
    pub fn ja_or_en(&self) -> &str {
        self.ja.as_deref().unwrap_or(&self.en)
    }
}

impl Deref for DataLabel {
    type Target = str;

    fn deref(&self) -> &str {
        &self.en
    }
}

impl From<&str> for DataLabel {
    fn from(en: &str) -> Self {
        DataLabel {
            en: en.to_string(),
            ja: None,
        }
    }
}

impl From<String> for DataLabel {
    fn from(en: String) -> Self {
        DataLabel { en, ja: None }
    }
}

impl fmt::Display for DataLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

/// JSON names the data as the planner's outputs always have: by the English label.
impl serde::Serialize for DataLabel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::DataLabel;

    #[test]
    fn a_label_without_japanese_reads_the_same_in_both_languages() {
        let files = DataLabel::from("mydir");
        assert_eq!(files.ja_or_en(), "mydir");
        let both = DataLabel::new("embedded", "埋め込みデータ");
        assert_eq!(both.ja_or_en(), "埋め込みデータ");
        assert_eq!(&*both, "embedded");
        assert_eq!(serde_json::to_string(&both).unwrap(), "\"embedded\"");
    }
}
