//! Reading a scenario file: TOML errors at FILE:LINE:COLUMN, data paths relative to the file,
//! the baseline, then every scenario and sweep in the order written, each sweep expanded to
//! every combination of its lists (the last key varying fastest).

use super::block::{Block, DataSpec, FileSpec};
use super::{Overrides, Scenario, ScenarioFile, MAX_EXPANDED_BYTES, MAX_SCENARIOS};
use crate::error::{Error, Location, Result};
use crate::io::text::SourceText;
use crate::io::DataPaths;
use std::path::Path;
use toml::Spanned;

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
    let spec = parse(src)?;
    if spec
        .data
        .as_ref()
        .is_some_and(|d| d.cost.is_some() && d.cost_matrix.is_none())
    {
        let at = src
            .text
            .find("[data]")
            .map_or(Location::file(&src.name), |o| locate(src, o));
        return Err(Error::input(
            at,
            "a `cost_matrix` in [data] for its `cost` to say which column to read",
            "`cost` without one",
        ));
    }
    check_network(spec.data.as_ref(), src)?;
    let data = data_paths(spec.data.unwrap_or_default(), dir);
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
    let mut out = Expanded {
        baseline: base_block.overrides(&[]).0,
        scenarios: Vec::new(),
        bytes: 0,
    };
    let base_name = base_block.name.clone().unwrap_or_else(|| "baseline".into());
    out.push(Scenario {
        id: base_name.clone(),
        sweep: None,
        name: base_name,
        written: base_block.name.clone(),
        varied: Vec::new(),
        line: base_line.unwrap_or(1),
        settings: out.baseline.clone(),
    });
    // Scenarios and sweeps in the order they appear.
    let mut blocks: Vec<(bool, &Spanned<Block>)> = spec
        .scenario
        .iter()
        .map(|b| (false, b))
        .chain(spec.sweep.iter().map(|b| (true, b)))
        .collect();
    blocks.sort_by_key(|(_, b)| b.span().start);
    for (sweep, b) in blocks {
        out.expand(b.get_ref(), locate(src, b.span().start), sweep)?;
    }
    unique_names(&out.scenarios, &src.name)?;
    let mut file = ScenarioFile {
        data,
        scenarios: out.scenarios,
    };
    file.walk_every_row();
    Ok(file)
}

/// `network` and `cost_matrix` both say where the distances come from: one of them; and a
/// snapping distance is a positive number of metres, with a network to snap to.
fn check_network(d: Option<&DataSpec>, src: &SourceText) -> Result<()> {
    let Some(d) = d else { return Ok(()) };
    let at = || {
        src.text
            .find("[data]")
            .map_or(Location::file(&src.name), |o| locate(src, o))
    };
    if d.network.is_some() && d.cost_matrix.is_some() {
        return Err(Error::input(
            at(),
            "either `network` or `cost_matrix` in [data] (both say where distances come from)",
            "both",
        ));
    }
    if d.dem.is_some() && d.network.is_none() {
        return Err(Error::input(
            at(),
            "a `network` in [data] for the `dem` to price its slopes",
            "`dem` without one",
        ));
    }
    match d.snap_max_m {
        Some(_) if d.network.is_none() => Err(Error::input(
            at(),
            "a `network` in [data] for `snap_max_m` to snap to",
            "`snap_max_m` without one",
        )),
        Some(m) if !(m.is_finite() && m > 0.0) => Err(Error::input(
            at(),
            "`snap_max_m`: metres greater than 0",
            format!("{m}"),
        )),
        _ => Ok(()),
    }
}

impl ScenarioFile {
    /// With a street network, the walks must reach as far as the widest radius of any row
    /// (every pair when a row is a p-median or p-center, which need them all), and must start
    /// from every candidate a row adds.
    pub fn walk_every_row(&mut self) {
        let Some(spec) = self.data.network.as_mut() else {
            return;
        };
        let every_pair = self.scenarios.iter().any(|s| {
            matches!(
                s.settings.model,
                Some(crate::solve::Model::Pmedian | crate::solve::Model::Pcenter)
            )
        });
        let widest = self
            .scenarios
            .iter()
            .map(|s| s.settings.radius_m.unwrap_or(crate::defaults::RADIUS_M))
            .fold(0.0, f64::max);
        spec.reach = (!every_pair).then_some(widest);
        let mut added: Vec<(String, crate::model::LatLon)> = Vec::new();
        for s in &self.scenarios {
            for c in s.settings.add_candidates.iter().flatten() {
                if !added.iter().any(|a| a.0 == c.id) {
                    added.push((c.id.clone(), crate::model::LatLon::new(c.lat, c.lon)));
                }
            }
        }
        self.data.added_sites = added;
    }
}

/// The file as TOML; a wrong type for an untagged value says what the key takes instead of
/// serde's words.
fn parse(src: &SourceText) -> Result<FileSpec> {
    toml::from_str(&src.text).map_err(|e| {
        let at = e
            .span()
            .map_or(Location::file(&src.name), |s| locate(src, s.start));
        let mut found = e.message().trim().to_string();
        if found.contains("untagged enum") {
            // The key is on the line of the value.
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
    })
}

/// The `[data]` table's files, relative to the scenario file's folder.
fn data_paths(d: DataSpec, dir: &Path) -> DataPaths {
    let path = |p: &String| dir.join(p);
    DataPaths {
        data_dir: d.data.as_ref().map(path),
        demand: d
            .demand
            .map(|v| v.values().iter().map(path).collect())
            .unwrap_or_default(),
        candidates: d.candidates.as_ref().map(path),
        surveys: d.surveys.as_ref().map(path),
        stores: d.stores.as_ref().map(path),
        area: d.area.as_ref().map(path),
        cost_matrix: d.cost_matrix.as_ref().map(path),
        cost: d.cost.map(Into::into).unwrap_or_default(),
        network: d.network.as_ref().map(|n| crate::network::NetworkSpec {
            snap_max_m: d.snap_max_m.unwrap_or(crate::network::SNAP_MAX_M),
            dem: d.dem.as_ref().map(path),
            ..crate::network::NetworkSpec::new(path(n))
        }),
        added_sites: Vec::new(),
    }
}

/// The scenarios so far and the memory they hold.
struct Expanded {
    baseline: Overrides,
    scenarios: Vec<Scenario>,
    bytes: usize,
}

impl Expanded {
    fn push(&mut self, s: Scenario) {
        self.bytes += std::mem::size_of::<Scenario>() + s.name.len() + s.settings.owned_bytes();
        self.scenarios.push(s);
    }

    /// Adds a `[[scenario]]` (one set of values) or every combination of a `[[sweep]]`'s lists.
    fn expand(&mut self, block: &Block, at: Location, sweep: bool) -> Result<()> {
        let kind = if sweep { "[[sweep]]" } else { "[[scenario]]" };
        let Some(name) = block.name.clone().filter(|n| !n.trim().is_empty()) else {
            return Err(Error::input(at, format!("a `name` in each {kind}"), "none"));
        };
        let lists = block.lists();
        self.check_lists(&lists, &at, &name, sweep)?;
        let mut pick = vec![0usize; lists.len()];
        let mut combination = 0usize;
        loop {
            let (over, parts) = block.overrides(&pick);
            let shown: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
            combination += 1;
            self.push(Scenario {
                id: if sweep {
                    format!("{name}#{combination}")
                } else {
                    name.clone()
                },
                sweep: sweep.then(|| name.clone()),
                name: if parts.is_empty() {
                    name.clone()
                } else {
                    format!("{name}: {}", shown.join(", "))
                },
                written: Some(name.clone()),
                varied: parts.iter().map(|(k, _)| *k).collect(),
                line: at.line.unwrap_or(1),
                settings: self.baseline.merged(&over),
            });
            if self.bytes > MAX_EXPANDED_BYTES {
                return Err(Error::input(
                    at,
                    format!(
                        "scenarios that fit in {} MiB once expanded (each holds its own copy \
                         of the baseline's lists and its sweep values)",
                        MAX_EXPANDED_BYTES >> 20
                    ),
                    format!(
                        "{kind} `{name}` needing more, at scenario {}",
                        self.scenarios.len()
                    ),
                ));
            }
            if !next(&mut pick, &lists) {
                return Ok(());
            }
        }
    }

    /// A scenario takes single values, a sweep at least one list; no list is empty, and the
    /// file stays within [`MAX_SCENARIOS`].
    fn check_lists(
        &self,
        lists: &[(&str, usize)],
        at: &Location,
        name: &str,
        sweep: bool,
    ) -> Result<()> {
        let at = || at.clone();
        if !sweep {
            if let Some((key, _)) = lists.first() {
                return Err(Error::input(
                    at(),
                    format!(
                        "one value of `{key}` in [[scenario]] `{name}` (use [[sweep]] for several)"
                    ),
                    "a list",
                ));
            }
        } else if lists.is_empty() {
            return Err(Error::input(
                at(),
                format!("at least one list of values in [[sweep]] `{name}`"),
                "single values only",
            ));
        }
        if let Some((key, _)) = lists.iter().find(|(_, n)| *n == 0) {
            return Err(Error::input(
                at(),
                format!("values in `{key}`"),
                "an empty list",
            ));
        }
        let total = lists
            .iter()
            .try_fold(1usize, |acc, (_, n)| acc.checked_mul(*n));
        if total.is_none_or(|t| self.scenarios.len() + t > MAX_SCENARIOS) {
            return Err(Error::input(
                at(),
                format!("at most {MAX_SCENARIOS} scenarios in a file"),
                format!("[[sweep]] `{name}` expanding to more"),
            ));
        }
        Ok(())
    }
}

/// The next combination, the last key varying fastest; `false` after the last.
fn next(pick: &mut [usize], lists: &[(&str, usize)]) -> bool {
    for k in (0..lists.len()).rev() {
        pick[k] += 1;
        if pick[k] < lists[k].1 {
            return true;
        }
        pick[k] = 0;
    }
    false
}

/// Every scenario has its own name (a sweep's names carry their values) and its own id (two
/// sweeps of one name would both number theirs from `#1`).
fn unique_names(scenarios: &[Scenario], file: &str) -> Result<()> {
    let mut names: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    let mut ids: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for s in scenarios {
        let again = |what: &str, value: &str, first: u64| {
            Err(Error::input(
                Location::at(file, s.line, None),
                format!("a different {what} for each scenario"),
                format!("`{value}` again (first on line {first})"),
            ))
        };
        if let Some(first) = names.insert(&s.name, s.line) {
            return again("name", &s.name, first);
        }
        if let Some(first) = ids.insert(&s.id, s.line) {
            return again("id (a sweep's name and its number, `NAME#N`)", &s.id, first);
        }
    }
    Ok(())
}
