//! The scenario file: a baseline, named scenarios that override it, and sweeps that expand to
//! every combination of their listed values.
//!
//! ```toml
//! [baseline]
//! model = "mclp"
//! p = 5
//! radius_m = 500
//! [[scenario]]
//! name = "without 白峰寺"
//! exclude = ["hakuhoji"]
//! [[sweep]]
//! name = "stops and radius"
//! p = [3, 4, 5]
//! radius_m = [300, 500]
//! ```
//!
//! Unknown keys and wrong types are errors at `FILE:LINE:COLUMN`; scenarios keep file order
//! (scenarios and sweeps interleaved as written), the baseline first.

mod block;
pub(crate) mod ids;
mod read;

pub use read::read_scenarios;

use crate::io::DataPaths;
use crate::solve::{Method, Model};
use serde::Deserialize;

/// The most scenarios one file may expand to (a typo such as 1..100000 should not hang).
pub const MAX_SCENARIOS: usize = 100_000;

/// The most memory the expanded scenarios may hold, in estimated bytes of names and settings.
/// Every scenario carries its own copy of the baseline and its sweep values, so a long list in
/// `[baseline]` (say 700 `require` ids) times a large sweep would otherwise take gigabytes from
/// a five-kilobyte file; 100,000 scenarios of ordinary settings take about 40 MB of it.
pub const MAX_EXPANDED_BYTES: usize = 256 << 20;

/// A candidate added by a scenario ("what if the community centre offers its car park?").
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewCandidate {
    /// Unique id, under the candidates CSV's rule (trimmed, not blank).
    #[serde(deserialize_with = "ids::id")]
    pub id: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Kind of site.
    #[serde(default)]
    pub kind: Option<String>,
    /// Parking places available.
    #[serde(default)]
    pub vehicle_slots: Option<u64>,
}

/// What a scenario changes; `None` keeps the baseline's value.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Overrides {
    /// Location model.
    pub model: Option<Model>,
    /// Number of stops.
    pub p: Option<usize>,
    /// Walking radius, metres.
    pub radius_m: Option<f64>,
    /// Sites that must be chosen.
    pub require: Option<Vec<String>>,
    /// Sites that must not be chosen.
    pub exclude: Option<Vec<String>>,
    /// Capacity: a number or a candidates column.
    pub capacity: Option<String>,
    /// Least weight within the radius for a site to count.
    pub min_weight_per_stop: Option<f64>,
    /// Demand column the objective counts (or `far_from_shop`).
    pub objective_weight: Option<String>,
    /// Allow sites known to lack space.
    pub allow_no_space: Option<bool>,
    /// Vehicles a stop must hold.
    pub vehicles: Option<u64>,
    /// Distance beyond which a resident counts as far from a shop.
    pub shop_distance_m: Option<f64>,
    /// Time limit per solve, seconds.
    pub time_limit_s: Option<f64>,
    /// Seed of the heuristics.
    pub seed: Option<u64>,
    /// Solution method.
    pub method: Option<Method>,
    /// Use the survey answers (`false`: as if there were none).
    pub surveys: Option<bool>,
    /// Scale the "would use" answers (0.5: half as many say yes), capped at the respondents.
    pub survey_scale: Option<f64>,
    /// Term weights of the ranked list (`reach=1,far=1,need=1`): rows then name the
    /// top-ranked candidates under them.
    pub weights: Option<String>,
    /// Candidates added.
    pub add_candidates: Option<Vec<NewCandidate>>,
    /// Candidates removed, by id.
    pub remove_candidates: Option<Vec<String>>,
}

impl Overrides {
    /// `self` with every value `over` sets replaced.
    pub fn merged(&self, over: &Overrides) -> Overrides {
        macro_rules! pick {
            ($($f:ident),*) => { Overrides { $($f: over.$f.clone().or_else(|| self.$f.clone()),)* } };
        }
        pick!(
            model,
            p,
            radius_m,
            require,
            exclude,
            capacity,
            min_weight_per_stop,
            objective_weight,
            allow_no_space,
            vehicles,
            shop_distance_m,
            time_limit_s,
            seed,
            method,
            surveys,
            survey_scale,
            weights,
            add_candidates,
            remove_candidates
        )
    }
}

impl Overrides {
    /// Bytes of text and list entries these settings own (an estimate without allocator
    /// overhead), for [`MAX_EXPANDED_BYTES`].
    pub(crate) fn owned_bytes(&self) -> usize {
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        let ids = |v: &Option<Vec<String>>| {
            v.iter()
                .flatten()
                .map(|s| std::mem::size_of::<String>() + s.len())
                .sum::<usize>()
        };
        let added = self.add_candidates.iter().flatten().map(|c| {
            std::mem::size_of::<NewCandidate>() + c.id.len() + text(&c.name) + text(&c.kind)
        });
        text(&self.capacity)
            + text(&self.objective_weight)
            + text(&self.weights)
            + ids(&self.require)
            + ids(&self.exclude)
            + ids(&self.remove_candidates)
            + added.sum::<usize>()
    }
}

/// One scenario to solve: the baseline with its overrides applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The stable id a script joins on: the name of a baseline or `[[scenario]]`; for a
    /// `[[sweep]]`, its name, `#`, and the combination's place in the sweep counting from 1
    /// (the last key varying fastest), e.g. `grid#3`. Unlike `name` it does not change with
    /// how a value is spelled, and no two scenarios of a file share one.
    pub id: String,
    /// The `[[sweep]]` it comes from, by name (`None`: the baseline or a `[[scenario]]`).
    pub sweep: Option<String>,
    /// Name as written (sweeps add `key=value` parts): what CSV and JSON give.
    pub name: String,
    /// The name its table gives (`None`: a baseline without one), for a name in words.
    pub written: Option<String>,
    /// The keys its sweep varied (`p`, `radius_m`), in file order: their values are in
    /// `settings`, for a page to say in words.
    pub varied: Vec<&'static str>,
    /// Line of its table in the file.
    pub line: u64,
    /// The full settings (baseline merged with the scenario).
    pub settings: Overrides,
}

/// A parsed scenario file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFile {
    /// Data files, resolved against the scenario file's folder (none: embedded data).
    pub data: DataPaths,
    /// The baseline first, then every scenario in file order.
    pub scenarios: Vec<Scenario>,
}

#[cfg(test)]
mod tests;
