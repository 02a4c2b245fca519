//! Stop sets as a council names them: `NAME=STOP,STOP` by id or by a name only one candidate
//! has, or `NAME=@FILE` (a stop list or a solve result), checked into candidate indices.

use crate::budget::Budget;
use crate::error::{Error, Result};
use crate::io::read_stop_list;
use crate::io::text::SourceText;
use crate::model::Dataset;
use crate::param::Param;
use crate::score::compare::StopSet;
use crate::solve::find_site;
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
pub fn resolve_set(name: &str, stops: &str, data: &Dataset, budget: Budget) -> Result<StopSet> {
    let sites = &data.candidates.data.sites;
    let by_id: HashMap<&str, usize> = sites
        .iter()
        .enumerate()
        .map(|(j, s)| (s.id.as_str(), j))
        .collect();
    let mut out = Vec::new();
    if let Some(path) = stops.strip_prefix('@') {
        let src = SourceText::read(Path::new(path.trim()), budget)?;
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
        for token in split_list(stops, Param::Set)? {
            let token = token.as_str();
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

/// The stops of an inline list: separated by `,` (or `、`, `，`), each trimmed; a stop whose
/// id or name holds a separator is written in double quotes as in a CSV cell (`"a,b",c`,
/// `""` for a quote inside), so every id a candidates CSV can hold can be named. Errors name
/// `param`, so a flag taking a list of ids (`--require`, `--exclude`) can split its value the
/// same way.
pub fn split_list(stops: &str, param: Param) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = stops.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut token = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') if chars.next_if_eq(&'"').is_some() => token.push('"'),
                    Some('"') => break,
                    Some(c) => token.push(c),
                    None => {
                        return Err(Error::param(
                            param,
                            "a closing `\"` after a quoted stop",
                            format!("`{stops}`"),
                        ))
                    }
                }
            }
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.peek().is_some_and(|c| !is_separator(*c)) {
                return Err(Error::param(
                    param,
                    "a separator (`,`) after a quoted stop",
                    format!("`{stops}`"),
                ));
            }
        } else {
            while let Some(c) = chars.next_if(|c| !is_separator(*c)) {
                token.push(c);
            }
            token = token.trim().to_string();
        }
        out.push(token);
        if chars.next().is_none() {
            return Ok(out);
        }
    }
}

/// The separators of an inline stop list (ASCII, Japanese and full-width commas).
fn is_separator(c: char) -> bool {
    matches!(c, ',' | '、' | '，')
}

/// One stop of set `set` by id, or by a name only one candidate has (the rule of
/// `--require` and `--exclude`, [`find_site`]).
fn by_name(token: &str, set: &str, data: &Dataset, by_id: &HashMap<&str, usize>) -> Result<usize> {
    if let Some(&j) = by_id.get(token) {
        return Ok(j);
    }
    let refs = super::stop_names::candidate_refs(data);
    let place = format!(" in set `{set}`");
    find_site(&refs, token, Param::Set, &data.candidates.source, &place)
}

#[cfg(test)]
mod tests {
    use super::split_list;
    use crate::param::Param;

    #[test]
    fn quoted_stops_may_hold_separators_and_quotes() {
        let list = |s: &str| split_list(s, Param::Set).unwrap();
        assert_eq!(list("c1, c2、c3"), ["c1", "c2", "c3"]);
        assert_eq!(list("\"a,b\",c"), ["a,b", "c"]);
        assert_eq!(list(" \"say \"\"hi\"\"\" , x"), ["say \"hi\"", "x"]);
        assert_eq!(list("c1,,c2"), ["c1", "", "c2"]);
        assert!(split_list("\"a,b", Param::Set).is_err());
        assert!(split_list("\"a\"b,c", Param::Set).is_err());
    }
}
