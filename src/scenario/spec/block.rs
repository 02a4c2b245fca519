//! The tables of a scenario file as written: a value or a list of values per key, and the
//! expansion of one table's lists into the settings of each combination.

use super::ids::{self, strings, Id};
use super::{NewCandidate, Overrides};
use crate::solve::{Method, Model};
use serde::Deserialize;
use toml::Spanned;

/// A value or a list of values (sweeps).
#[derive(Debug, Clone)]
pub(super) enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

/// Tries one value, then a list, as `#[serde(untagged)]` would; unlike it, keeps the id rule's
/// own message (a blank id), which the untagged form would replace by "did not match".
impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(d)?;
        let one = match T::deserialize(value.clone()) {
            Ok(v) => return Ok(OneOrMany::One(v)),
            Err(e) => e,
        };
        let many = match Vec::<T>::deserialize(value) {
            Ok(v) => return Ok(OneOrMany::Many(v)),
            Err(e) => e,
        };
        let own = [one, many]
            .into_iter()
            .map(|e| e.message().to_string())
            .find(|m| m.starts_with(ids::BLANK));
        Err(serde::de::Error::custom(own.unwrap_or_else(|| {
            "data did not match any variant of untagged enum OneOrMany".to_string()
        })))
    }
}

impl<T: Clone> OneOrMany<T> {
    pub(super) fn values(&self) -> Vec<T> {
        match self {
            OneOrMany::One(v) => vec![v.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }

    /// Value `i` of a list, or the single value: a sweep takes one per scenario without
    /// copying the whole list each time.
    fn get(&self, i: usize) -> &T {
        match self {
            OneOrMany::One(v) => v,
            OneOrMany::Many(v) => &v[i],
        }
    }
}

/// A number or a text (capacity).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(untagged)]
pub(super) enum NumOrText {
    Num(f64),
    Text(String),
}

impl NumOrText {
    fn text(&self) -> String {
        match self {
            NumOrText::Num(v) => v.to_string(),
            NumOrText::Text(t) => t.clone(),
        }
    }
}

macro_rules! block {
    ($($f:ident : $t:ty),* $(,)?) => {
        /// One `[baseline]`, `[[scenario]]` or `[[sweep]]` table as written.
        #[derive(Debug, Clone, Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub(super) struct Block {
            #[serde(default)]
            pub(super) name: Option<String>,
            $(#[serde(default)] $f: Option<OneOrMany<$t>>,)*
        }

        impl Block {
            /// Keys with more than one value, as (key, count).
            pub(super) fn lists(&self) -> Vec<(&'static str, usize)> {
                let mut out = Vec::new();
                $(if let Some(OneOrMany::Many(v)) = &self.$f { out.push((stringify!($f), v.len())); })*
                out
            }

            /// The combination `pick` (one index per listed key, in `lists` order), and each
            /// listed key with its value as written.
            pub(super) fn overrides(
                &self,
                pick: &[usize],
            ) -> (Overrides, Vec<(&'static str, String)>) {
                let mut k = 0;
                let mut parts = Vec::new();
                let mut o = Overrides::default();
                $(
                    if let Some(v) = &self.$f {
                        let idx = if matches!(v, OneOrMany::Many(_)) {
                            let i = pick[k];
                            k += 1;
                            parts.push((stringify!($f), show(v.get(i))));
                            i
                        } else {
                            0
                        };
                        block!(@set o, $f, v.get(idx).clone());
                    }
                )*
                let _ = k;
                (o, parts)
            }
        }
    };
    (@set $o:ident, capacity, $v:expr) => { $o.capacity = Some(NumOrText::text(&$v)); };
    (@set $o:ident, require, $v:expr) => { $o.require = Some(strings(&$v)); };
    (@set $o:ident, exclude, $v:expr) => { $o.exclude = Some(strings(&$v)); };
    (@set $o:ident, remove_candidates, $v:expr) => {
        $o.remove_candidates = Some(strings(&$v));
    };
    (@set $o:ident, $f:ident, $v:expr) => { $o.$f = Some($v); };
}

block!(
    model: Model,
    p: usize,
    radius_m: f64,
    require: Vec<Id>,
    exclude: Vec<Id>,
    capacity: NumOrText,
    min_weight_per_stop: f64,
    objective_weight: String,
    allow_no_space: bool,
    vehicles: u64,
    shop_distance_m: f64,
    time_limit_s: f64,
    seed: u64,
    method: Method,
    surveys: bool,
    survey_scale: f64,
    weights: String,
    add_candidates: Vec<NewCandidate>,
    remove_candidates: Vec<Id>,
);

/// A value as a sweep name part: as written in TOML (strings without quotes).
fn show<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Data files named by the scenario file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct DataSpec {
    #[serde(default)]
    pub(super) data: Option<String>,
    #[serde(default)]
    pub(super) demand: Option<OneOrMany<String>>,
    #[serde(default)]
    pub(super) candidates: Option<String>,
    #[serde(default)]
    pub(super) surveys: Option<String>,
    #[serde(default)]
    pub(super) stores: Option<String>,
    #[serde(default)]
    pub(super) area: Option<String>,
    #[serde(default)]
    pub(super) cost_matrix: Option<String>,
    #[serde(default)]
    pub(super) cost: Option<CostSpec>,
    #[serde(default)]
    pub(super) network: Option<String>,
    #[serde(default)]
    pub(super) snap_max_m: Option<f64>,
    #[serde(default)]
    pub(super) dem: Option<String>,
}

/// The `cost` key of `[data]`: which column of the cost matrix is read.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum CostSpec {
    Metres,
    Minutes,
}

impl From<CostSpec> for crate::model::CostUnit {
    fn from(c: CostSpec) -> Self {
        match c {
            CostSpec::Metres => crate::model::CostUnit::Metres,
            CostSpec::Minutes => crate::model::CostUnit::Minutes,
        }
    }
}

/// The whole file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileSpec {
    #[serde(default)]
    pub(super) data: Option<DataSpec>,
    #[serde(default)]
    pub(super) baseline: Option<Spanned<Block>>,
    #[serde(default)]
    pub(super) scenario: Vec<Spanned<Block>>,
    #[serde(default)]
    pub(super) sweep: Vec<Spanned<Block>>,
}
