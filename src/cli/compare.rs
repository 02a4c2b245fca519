//! `mobile-stops compare`: two or more stop sets side by side.

use super::args::{DataArgs, OutputArgs};
use super::rank::ScoreArgs;
use clap::Args;
use mobile_stops::budget::MemoryLimit;
use mobile_stops::compare::{compare, StopSet};
use mobile_stops::io::text::SourceText;
use mobile_stops::io::{self, read_stop_list};
use mobile_stops::report::render_compare;
use mobile_stops::score::score;
use mobile_stops::Param;
use mobile_stops::{Dataset, Error};
use std::collections::HashMap;
use std::path::Path;

/// Flags of `compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// A named stop set: `NAME=ID_OR_NAME,…` or `NAME=@FILE` (a `solve --format json` result
    /// or a CSV with an `id` column). Give two or more.
    #[arg(long = "set", value_name = "NAME=STOPS", required = true)]
    pub sets: Vec<String>,
    #[command(flatten)]
    pub score: ScoreArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Splits `--set` values into names and raw stop lists, before any file is read.
pub fn split_sets(raw: &[String], min: usize) -> Result<Vec<(String, String)>, Error> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in raw {
        let Some((name, stops)) = r.split_once('=') else {
            return Err(Error::param(
                Param::Set,
                "NAME=STOP,STOP,… or NAME=@FILE",
                format!("`{r}`"),
            ));
        };
        let name = name.trim();
        if name.is_empty() || stops.trim().is_empty() {
            return Err(Error::param(
                Param::Set,
                "a name and at least one stop (NAME=STOP,…)",
                format!("`{r}`"),
            ));
        }
        if out.iter().any(|(n, _)| n == name) {
            return Err(Error::param(
                Param::Set,
                "a different name for each set",
                format!("`{name}` twice"),
            ));
        }
        out.push((name.to_string(), stops.trim().to_string()));
    }
    if out.len() < min {
        return Err(Error::param(
            Param::Set,
            "two or more sets to compare",
            format!("{} set", out.len()),
        ));
    }
    Ok(out)
}

/// The candidate indices of one set: ids (or unique names) inline, or a file of ids.
pub fn resolve_set(
    name: &str,
    stops: &str,
    data: &Dataset,
    memory: MemoryLimit,
) -> Result<StopSet, Error> {
    let sites = &data.candidates.data.sites;
    let by_id: HashMap<&str, usize> = sites
        .iter()
        .enumerate()
        .map(|(j, s)| (s.id.as_str(), j))
        .collect();
    let mut out = Vec::new();
    if let Some(path) = stops.strip_prefix('@') {
        let src = SourceText::read(Path::new(path.trim()), memory)?;
        for s in read_stop_list(&src, None)? {
            let j = by_id.get(s.id.as_str()).copied().ok_or_else(|| {
                Error::input(
                    s.at.clone(),
                    format!("a candidate id of {}", data.candidates.source),
                    format!("`{}`", s.id),
                )
            })?;
            out.push(j);
        }
    } else {
        for token in stops.split([',', '、', '，']).map(str::trim) {
            let j = match by_id.get(token) {
                Some(&j) => j,
                None => {
                    let named: Vec<usize> = (0..sites.len())
                        .filter(|&j| sites[j].name.as_deref() == Some(token))
                        .collect();
                    match named[..] {
                        [j] => j,
                        [] => {
                            return Err(Error::param(
                                Param::Set,
                                format!("candidate ids or names of {}", data.candidates.source),
                                format!("`{token}` in set `{name}`"),
                            ))
                        }
                        _ => {
                            return Err(Error::param(
                                Param::Set,
                                "a name used by one candidate only (or give the id)",
                                format!(
                                    "`{token}` names {}",
                                    named
                                        .iter()
                                        .map(|&j| sites[j].id.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            ))
                        }
                    }
                }
            };
            if out.contains(&j) {
                return Err(Error::param(
                    Param::Set,
                    "each stop once in a set",
                    format!("`{token}` twice in set `{name}`"),
                ));
            }
            out.push(j);
        }
    }
    Ok(StopSet {
        name: name.to_string(),
        sites: out,
    })
}

/// Validates flags, reads the data and the sets, measures and writes.
pub fn run(args: &CompareArgs, memory: MemoryLimit) -> Result<(), Error> {
    let params = args.score.params(memory)?;
    let raw = split_sets(&args.sets, 2)?;
    let data = io::load_dataset(&args.data.paths(), memory)?;
    let sets = raw
        .iter()
        .map(|(n, s)| resolve_set(n, s, &data, memory))
        .collect::<Result<Vec<_>, _>>()?;
    let table = score(&data, &params)?;
    let c = compare(&data, &table, &sets);
    let bytes = render_compare(&data, &c, args.output.format, args.output.lang);
    super::emit(args.output.out.as_deref(), &bytes)
}
