//! Stop sets as a council names them: `NAME=STOP,STOP` by id or by a name only one candidate
//! has, or `NAME=@FILE` (a stop list or a solve result), checked into candidate indices.

use crate::budget::MemoryLimit;
use crate::error::{Error, Result};
use crate::io::read_stop_list;
use crate::io::text::SourceText;
use crate::model::Dataset;
use crate::param::Param;
use crate::score::compare::StopSet;
use std::collections::HashMap;
use std::path::Path;

/// Splits `NAME=STOPS` set values into names and raw stop lists, before any file is read.
pub fn split_sets(raw: &[String], min: usize) -> Result<Vec<(String, String)>> {
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
) -> Result<StopSet> {
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
            let j = by_name(token, name, data, &by_id)?;
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

/// One stop of set `set` by id, or by a name only one candidate has.
fn by_name(token: &str, set: &str, data: &Dataset, by_id: &HashMap<&str, usize>) -> Result<usize> {
    if let Some(&j) = by_id.get(token) {
        return Ok(j);
    }
    let sites = &data.candidates.data.sites;
    let named: Vec<usize> = (0..sites.len())
        .filter(|&j| sites[j].name.as_deref() == Some(token))
        .collect();
    match named[..] {
        [j] => Ok(j),
        [] => Err(Error::param(
            Param::Set,
            format!("candidate ids or names of {}", data.candidates.source),
            format!("`{token}` in set `{set}`"),
        )),
        _ => Err(Error::param(
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
        )),
    }
}
