//! Stops and depots as a planner names them: `--stops 妙行寺,s2` and `--depot 日枝神社` take
//! ids or names only one site has, the rule of `compare --set` ([`find_site`]), with "did
//! you mean" for a slip.

use super::route::StopSource;
use super::sets::split_list;
use crate::error::{Error, Location, Result};
use crate::io::ListedStop;
use crate::model::Dataset;
use crate::param::Param;
use crate::solve::{find_site, SiteRef};
use std::path::{Path, PathBuf};

/// Extensions that mark a `--stops` value as a file even when it does not exist, so a
/// mistyped file name is reported as a missing file rather than as an unknown stop.
const FILE_EXTENSIONS: [&str; 3] = ["json", "csv", "txt"];

impl StopSource {
    /// What a `--stops` value means: `@FILE` is always a file; so is a path that exists, or
    /// one that looks like a path (holds `/` or `\`, or ends in `.json`, `.csv`, `.txt`);
    /// anything else is an inline list of ids or names (`妙行寺,s2`).
    pub fn given(raw: &str) -> StopSource {
        if let Some(path) = raw.strip_prefix('@') {
            return StopSource::File(PathBuf::from(path.trim()));
        }
        let path = Path::new(raw);
        let looks_like_file = raw.contains(['/', '\\'])
            || path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| FILE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
        if looks_like_file || path.exists() {
            StopSource::File(path.to_path_buf())
        } else {
            StopSource::List(raw.to_string())
        }
    }
}

/// The candidates as they can be named.
pub(crate) fn candidate_refs(data: &Dataset) -> Vec<SiteRef<'_>> {
    data.candidates
        .data
        .sites
        .iter()
        .map(|s| SiteRef {
            id: &s.id,
            name: s.name.as_deref(),
            written: s.written_name.as_deref(),
        })
        .collect()
}

/// The stops of an inline `--stops` list, each by id or unambiguous name, each once.
pub fn listed_by_name(raw: &str, data: &Dataset) -> Result<Vec<ListedStop>> {
    let refs = candidate_refs(data);
    let mut out: Vec<ListedStop> = Vec::new();
    for token in split_list(raw, Param::Stops)? {
        let j = find_site(&refs, &token, Param::Stops, &data.candidates.source, "")?;
        let id = &data.candidates.data.sites[j].id;
        if out.iter().any(|s| &s.id == id) {
            return Err(Error::param(
                Param::Stops,
                "each stop once",
                format!("`{token}` (`{id}`) twice"),
            ));
        }
        out.push(ListedStop {
            id: id.clone(),
            at: Location::file("--stops"),
            visits: None,
            cells: Vec::new(),
        });
    }
    Ok(out)
}

/// Where a depot named by id or name is: a candidate, or else a shop of the stores file
/// (an id both have is the candidate, as before names were taken).
pub enum NamedDepot {
    /// Index into the candidates.
    Candidate(usize),
    /// Index into the shops.
    Shop(usize),
}

/// The depot `raw` names among candidates and shops, by id or unambiguous name.
pub fn depot_by_name(raw: &str, data: &Dataset) -> Result<NamedDepot> {
    let mut refs = candidate_refs(data);
    let n = refs.len();
    let shops = data.stores.as_ref().map_or(&[][..], |s| &s.data[..]);
    refs.extend(shops.iter().map(|s| SiteRef {
        id: &s.id,
        name: s.name.as_deref(),
        written: None,
    }));
    let of = match &data.stores {
        Some(s) => format!("{} or {}", data.candidates.source, s.source),
        None => data.candidates.source.clone(),
    };
    let j = find_site(&refs, raw, Param::Depot, &of, "").map_err(|e| match e {
        Error::Param { param, found, .. } => Error::Param {
            param,
            expected: format!("LAT,LON or the id or a name only one site of {of} has"),
            found,
        },
        e => e,
    })?;
    Ok(if j < n {
        NamedDepot::Candidate(j)
    } else {
        NamedDepot::Shop(j - n)
    })
}
