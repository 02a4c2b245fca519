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

use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::io::DataPaths;
use crate::solve::{Method, Model};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

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
    /// Unique id.
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
    fn owned_bytes(&self) -> usize {
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
    /// Name as written (sweeps add `key=value` parts).
    pub name: String,
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

/// A value or a list of values (sweeps).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Clone> OneOrMany<T> {
    fn values(&self) -> Vec<T> {
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
enum NumOrText {
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
        struct Block {
            #[serde(default)]
            name: Option<String>,
            $(#[serde(default)] $f: Option<OneOrMany<$t>>,)*
        }

        impl Block {
            /// Keys with more than one value, as (key, count).
            fn lists(&self) -> Vec<(&'static str, usize)> {
                let mut out = Vec::new();
                $(if let Some(OneOrMany::Many(v)) = &self.$f { out.push((stringify!($f), v.len())); })*
                out
            }

            /// The combination `pick` (one index per listed key, in `lists` order).
            fn overrides(&self, pick: &[usize]) -> (Overrides, Vec<String>) {
                let mut k = 0;
                let mut parts = Vec::new();
                let mut o = Overrides::default();
                $(
                    if let Some(v) = &self.$f {
                        let idx = if matches!(v, OneOrMany::Many(_)) {
                            let i = pick[k];
                            k += 1;
                            parts.push(format!("{}={}", stringify!($f), show(v.get(i))));
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
    (@set $o:ident, $f:ident, $v:expr) => { $o.$f = Some($v); };
}

block!(
    model: Model,
    p: usize,
    radius_m: f64,
    require: Vec<String>,
    exclude: Vec<String>,
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
    remove_candidates: Vec<String>,
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
struct DataSpec {
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    demand: Option<OneOrMany<String>>,
    #[serde(default)]
    candidates: Option<String>,
    #[serde(default)]
    surveys: Option<String>,
    #[serde(default)]
    stores: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    data: Option<DataSpec>,
    #[serde(default)]
    baseline: Option<Spanned<Block>>,
    #[serde(default)]
    scenario: Vec<Spanned<Block>>,
    #[serde(default)]
    sweep: Vec<Spanned<Block>>,
}

/// Line and column (1-based, in characters) of a byte offset.
fn locate(src: &SourceText, offset: usize) -> Location {
    let offset = offset.min(src.text.len());
    let before = &src.text[..offset];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::at(&src.name, line, Some(col))
}

/// Reads a scenario file; relative data paths are taken from `dir` (the file's folder).
pub fn read_scenarios(src: &SourceText, dir: &Path) -> Result<ScenarioFile> {
    let spec: FileSpec = toml::from_str(&src.text).map_err(|e| {
        let at = e
            .span()
            .map_or(Location::file(&src.name), |s| locate(src, s.start));
        let mut found = e.message().trim().to_string();
        if found.contains("untagged enum") {
            // The key is on the line of the value; say what it takes instead of serde's words.
            let key = e
                .span()
                .and_then(|sp| src.text[..sp.start].rsplit('\n').next())
                .and_then(|l| l.split('=').next())
                .map(|k| k.trim().trim_start_matches('{').trim().to_string())
                .unwrap_or_default();
            found = format!(
                "a value `{key}` cannot take (p, vehicles, seed: whole numbers ≥ 0; radius_m and \
                 other distances: numbers; model: mclp, lscp, pmedian or pcenter; method: exact, \
                 heuristic or mip; lists of these in [[sweep]])"
            );
        }
        Error::input(at, "a scenario file (TOML)", found)
    })?;
    let d = spec.data.unwrap_or_default();
    let path = |p: &String| dir.join(p);
    let data = DataPaths {
        data_dir: d.data.as_ref().map(path),
        demand: d
            .demand
            .map(|v| v.values().iter().map(path).collect())
            .unwrap_or_default(),
        candidates: d.candidates.as_ref().map(path),
        surveys: d.surveys.as_ref().map(path),
        stores: d.stores.as_ref().map(path),
    };
    let (base_block, base_line) = match &spec.baseline {
        Some(b) => (b.get_ref().clone(), locate(src, b.span().start).line),
        None => (Block::default(), None),
    };
    if let Some((key, _)) = base_block.lists().first() {
        let at = spec.baseline.as_ref().map(|b| locate(src, b.span().start));
        return Err(Error::input(
            at.unwrap_or(Location::file(&src.name)),
            format!("one value of `{key}` in [baseline] (use [[sweep]] for several)"),
            "a list",
        ));
    }
    let baseline = base_block.overrides(&[]).0;
    let mut scenarios = vec![Scenario {
        name: base_block.name.clone().unwrap_or_else(|| "baseline".into()),
        line: base_line.unwrap_or(1),
        settings: baseline.clone(),
    }];
    let scenario_bytes =
        |s: &Scenario| std::mem::size_of::<Scenario>() + s.name.len() + s.settings.owned_bytes();
    let mut bytes = scenario_bytes(&scenarios[0]);
    // Scenarios and sweeps in the order they appear.
    let mut blocks: Vec<(bool, &Spanned<Block>)> = spec
        .scenario
        .iter()
        .map(|b| (false, b))
        .chain(spec.sweep.iter().map(|b| (true, b)))
        .collect();
    blocks.sort_by_key(|(_, b)| b.span().start);
    for (sweep, b) in blocks {
        let at = locate(src, b.span().start);
        let block = b.get_ref();
        let kind = if sweep { "[[sweep]]" } else { "[[scenario]]" };
        let Some(name) = block.name.clone().filter(|n| !n.trim().is_empty()) else {
            return Err(Error::input(at, format!("a `name` in each {kind}"), "none"));
        };
        let lists = block.lists();
        if !sweep {
            if let Some((key, _)) = lists.first() {
                return Err(Error::input(
                    at,
                    format!(
                        "one value of `{key}` in [[scenario]] `{name}` (use [[sweep]] for several)"
                    ),
                    "a list",
                ));
            }
        } else if lists.is_empty() {
            return Err(Error::input(
                at,
                format!("at least one list of values in [[sweep]] `{name}`"),
                "single values only",
            ));
        }
        if let Some((key, _)) = lists.iter().find(|(_, n)| *n == 0) {
            return Err(Error::input(
                at,
                format!("values in `{key}`"),
                "an empty list",
            ));
        }
        let total = lists
            .iter()
            .try_fold(1usize, |acc, (_, n)| acc.checked_mul(*n));
        if total.is_none_or(|t| scenarios.len() + t > MAX_SCENARIOS) {
            return Err(Error::input(
                at,
                format!("at most {MAX_SCENARIOS} scenarios in a file"),
                format!("[[sweep]] `{name}` expanding to more"),
            ));
        }
        // Every combination, the last key varying fastest.
        let mut pick = vec![0usize; lists.len()];
        loop {
            let (over, parts) = block.overrides(&pick);
            let scenario = Scenario {
                name: if parts.is_empty() {
                    name.clone()
                } else {
                    format!("{name}: {}", parts.join(", "))
                },
                line: at.line.unwrap_or(1),
                settings: baseline.merged(&over),
            };
            bytes += scenario_bytes(&scenario);
            if bytes > MAX_EXPANDED_BYTES {
                return Err(Error::input(
                    at,
                    format!(
                        "scenarios that fit in {} MiB once expanded (each holds its own copy \
                         of the baseline's lists and its sweep values)",
                        MAX_EXPANDED_BYTES >> 20
                    ),
                    format!(
                        "{} `{name}` needing more, at scenario {}",
                        kind,
                        scenarios.len() + 1
                    ),
                ));
            }
            scenarios.push(scenario);
            let mut k = lists.len();
            loop {
                if k == 0 {
                    break;
                }
                k -= 1;
                pick[k] += 1;
                if pick[k] < lists[k].1 {
                    break;
                }
                pick[k] = 0;
                if k == 0 {
                    k = usize::MAX;
                    break;
                }
            }
            if k == usize::MAX || lists.is_empty() {
                break;
            }
        }
    }
    let mut seen: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for s in &scenarios {
        if let Some(first) = seen.insert(&s.name, s.line) {
            return Err(Error::input(
                Location::at(&src.name, s.line, None),
                "a different name for each scenario",
                format!("`{}` again (first on line {first})", s.name),
            ));
        }
    }
    Ok(ScenarioFile { data, scenarios })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<ScenarioFile> {
        let src = SourceText {
            name: "s.toml".into(),
            text: text.into(),
            encoding: "UTF-8",
        };
        read_scenarios(&src, Path::new("/d"))
    }

    #[test]
    fn sweeps_expand_in_file_order_over_the_baseline() {
        let f = read(
            "[baseline]\nmodel = \"mclp\"\np = 5\nradius_m = 500\n\n[[sweep]]\nname = \"grid\"\np = [3, 4]\nradius_m = [300.0, 400.0, 500.0]\n\n[[scenario]]\nname = \"short walk\"\nradius_m = 300\n\n[[scenario]]\nname = \"without\"\nexclude = [\"hakuhoji\"]\ncapacity = 3000\n",
        )
        .unwrap();
        let names: Vec<&str> = f.scenarios.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names[0], "baseline");
        assert_eq!(names[1], "grid: p=3, radius_m=300.0");
        assert_eq!(names[6], "grid: p=4, radius_m=500.0");
        assert!(
            read("[[scenario]]\nname = \"a\"\n[[scenario]]\nname = \"a\"\n")
                .unwrap_err()
                .to_string()
                .contains("s.toml:3: expected a different name")
        );
        let err = read("[baseline]\nmodel = \"foo\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("s.toml:2:9") && err.contains("`model`"),
            "{err}"
        );
        assert_eq!(names[7], "short walk");
        assert_eq!(f.scenarios.len(), 1 + 6 + 2);
        assert_eq!(f.scenarios[2].settings.p, Some(3));
        assert_eq!(f.scenarios[2].settings.radius_m, Some(400.0));
        assert_eq!(f.scenarios[7].settings.p, Some(5), "baseline kept");
        assert_eq!(f.scenarios[8].settings.capacity.as_deref(), Some("3000"));
        assert_eq!(f.scenarios[8].line, 15);
    }

    #[test]
    fn a_long_baseline_list_times_a_large_sweep_is_an_error_not_gigabytes() {
        // 5 KB: 700 required ids copied into each of 17^4 = 83,521 sweep scenarios took over
        // 2 GB (the `scenarios` fuzz target's memory limit) before the byte budget.
        let ids: Vec<String> = (0..700).map(|i| format!("\"a{i}\"")).collect();
        let vals: Vec<String> = (1..18).map(|v| v.to_string()).collect();
        let vals = vals.join(",");
        let text = format!(
            "[baseline]\nrequire = [{}]\n[[sweep]]\nname = \"s\"\np = [{vals}]\nseed = [{vals}]\nvehicles = [{vals}]\nradius_m = [{vals}]\n",
            ids.join(",")
        );
        let err = read(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("s.toml:3:1: expected scenarios that fit in 256 MiB"),
            "{err}"
        );
        // Ordinary settings still expand to tens of thousands of scenarios.
        let f = read(&format!(
            "[baseline]\nrequire = [\"a\", \"b\"]\n[[sweep]]\nname = \"s\"\np = [{vals}]\nseed = [{vals}]\nvehicles = [{vals}]\nradius_m = [{vals}]\n"
        ))
        .unwrap();
        assert_eq!(f.scenarios.len(), 1 + 17 * 17 * 17 * 17);
        assert_eq!(
            f.scenarios[1].name,
            "s: p=1, radius_m=1.0, vehicles=1, seed=1"
        );
    }

    #[test]
    fn bad_files_name_line_and_column() {
        let cases = [
            ("[baseline]\np = \"five\"\n", "s.toml:2:5: expected a scenario file"),
            ("[baseline]\npp = 5\n", "s.toml:2:1: expected a scenario file"),
            ("[[scenario]]\np = 3\n", "s.toml:1:1: expected a `name`"),
            ("[[scenario]]\nname = \"x\"\np = [3, 4]\n", "s.toml:1:1: expected one value of `p`"),
            ("[[sweep]]\nname = \"x\"\np = 3\n", "s.toml:1:1: expected at least one list"),
            ("[[sweep]]\nname = \"x\"\np = []\n", "s.toml:1:1: expected values in `p`"),
            ("[baseline\n", "s.toml:1:10: expected a scenario file"),
            ("[[sweep]]\nname = \"x\"\np = [1,2,3,4,5,6,7,8,9,10]\nseed = [1,2,3,4,5,6,7,8,9,10]\nradius_m = [1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0,10.0]\nvehicles = [1,2,3,4,5,6,7,8,9,10]\nshop_distance_m = [1.0,2.0,3.0,4.0,5.0,6.0,7.0,8.0,9.0,10.0]\n", "expected at most 100000 scenarios"),
        ];
        for (text, want) in cases {
            let err = read(text).unwrap_err().to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
    }
}
