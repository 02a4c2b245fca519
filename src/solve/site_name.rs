//! Naming a candidate site as a council does: by its id, or by a name only one site has.
//!
//! `--set`, `--require` and `--exclude` all take what a planner types (`hiejinja`, `日枝神社`,
//! `ＨＩＥＪＩＮＪＡ`), so one rule finds the site for all of them, and when it finds none or
//! several it says which sites come close, so the planner can pick the id.

use crate::error::Error;
use crate::io::text::fold;
use crate::model::called_names;
use crate::model::parse::trim;
use crate::param::Param;

/// How many sites a message lists before saying how many more there are.
const LISTED: usize = 10;

/// One site as it can be named.
#[derive(Debug, Clone, Copy)]
pub struct SiteRef<'a> {
    /// The id, unique among the sites.
    pub id: &'a str,
    /// The display name, if any.
    pub name: Option<&'a str>,
    /// The name as the input wrote it, where the display name gained a town to tell it from a
    /// look-alike (日枝神社 shown as 日枝神社（中島）).
    pub written: Option<&'a str>,
}

/// Finds the site `token` names among `sites` (in their order): its id; else a name only one
/// site has; else, compared after [`fold`] (case, full-width letters, spaces), one id or
/// name; else a name a site goes by (the base of a bracketed name, or the alias in its
/// brackets: 山王社 or 日枝神社 for 山王社(日枝神社)). Two sites sharing the name, or none matching, is an error naming `param`, the
/// sites that share it, or the nearest by edit distance ("did you mean", for a slip of the
/// keyboard), or those whose id or name contains the token, and `of` (the data's label);
/// `place` follows the token in it (` in set `a``).
///
/// ```
/// use mobile_stops::solve::{find_site, SiteRef};
/// use mobile_stops::Param;
/// let sites = [
///     SiteRef { id: "a", name: Some("日枝神社"), written: None },
///     SiteRef { id: "b", name: Some("日枝神社"), written: None },
///     SiteRef { id: "c", name: Some("妙行寺"), written: None },
/// ];
/// assert_eq!(find_site(&sites, "妙行寺", Param::Require, "d", "").unwrap(), 2);
/// assert_eq!(find_site(&sites, " Ｂ ", Param::Require, "d", "").unwrap(), 1);
/// let err = find_site(&sites, "日枝神社", Param::Require, "d", "").unwrap_err().to_string();
/// assert!(err.contains("`a` (日枝神社), `b` (日枝神社)"), "{err}");
/// let err = find_site(&sites, "妙行時", Param::Require, "d", "").unwrap_err().to_string();
/// assert!(err.contains("did you mean `c` (妙行寺)?"), "{err}");
/// ```
pub fn find_site(
    sites: &[SiteRef],
    token: &str,
    param: Param,
    of: &str,
    place: &str,
) -> Result<usize, Error> {
    let t = trim(token);
    if let Some(j) = sites.iter().position(|s| s.id == t) {
        return Ok(j);
    }
    let by = |same: &dyn Fn(&str) -> bool| -> Vec<usize> {
        (0..sites.len())
            .filter(|&j| {
                same(sites[j].id)
                    || sites[j].name.is_some_and(same)
                    || sites[j].written.is_some_and(same)
            })
            .collect()
    };
    let mut found = by(&|n| n == t);
    let key = fold(t);
    if found.is_empty() && !key.is_empty() {
        found = by(&|n| fold(n) == key);
    }
    if found.is_empty() && !key.is_empty() {
        found = (0..sites.len())
            .filter(|&j| {
                sites[j]
                    .written
                    .or(sites[j].name)
                    .is_some_and(|n| called_names(n).iter().any(|c| fold(c) == key))
            })
            .collect();
    }
    match found[..] {
        [j] => Ok(j),
        [] => {
            let near = if key.is_empty() {
                Vec::new()
            } else {
                by(&|n| fold(n).contains(&key))
            };
            let slips = super::near_miss::nearest(sites, &key);
            let close = if !slips.is_empty() {
                format!("did you mean {}?", list(sites, &slips))
            } else if near.is_empty() {
                "no candidate's id or name contains it".to_string()
            } else {
                format!(
                    "candidates whose id or name contains it: {}",
                    list(sites, &near)
                )
            };
            Err(Error::param(
                param,
                format!("ids or names of candidate sites of {of}"),
                format!("`{t}`{place}, which is neither; {close}"),
            ))
        }
        _ => Err(Error::param(
            param,
            "a name only one candidate has, or the id",
            format!(
                "`{t}`{place}, the name of {} candidates: {}",
                found.len(),
                list(sites, &found)
            ),
        )),
    }
}

/// Sites for a message: `` `id` (name) ``, the first [`LISTED`], then how many more.
fn list(sites: &[SiteRef], which: &[usize]) -> String {
    let mut out: Vec<String> = which
        .iter()
        .take(LISTED)
        .map(|&j| match sites[j].name {
            Some(n) => format!("`{}` ({n})", sites[j].id),
            None => format!("`{}`", sites[j].id),
        })
        .collect();
    if which.len() > LISTED {
        out.push(format!("and {} more", which.len() - LISTED));
    }
    out.join(", ")
}
