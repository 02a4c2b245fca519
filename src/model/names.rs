//! Names a council can tell apart.
//!
//! Three shrines called 日枝神社 in one city are three different places, and a summary that
//! says "日枝神社 cannot be dropped" settles nothing. Every candidate whose name could be
//! mistaken for another's is shown with its town (日枝神社（中島）), and, should two such sites
//! share a town too, with its id: every name shown is unambiguous, in every output.

use super::{CandidateSite, Candidates};
use std::collections::HashMap;

/// Extra columns a town can be read from, best first: a town column as such, then the
/// address (its leading town part), then the district.
const TOWN_COLUMNS: [&str; 7] = [
    "town", "町丁", "町名", "address", "住所", "district", "地区",
];

impl Candidates {
    /// Rewrites every look-alike name to an unambiguous one and keeps the name as written in
    /// [`CandidateSite::written_name`], so a user may still select a site by what the file
    /// calls it. Two names look alike when their base names (without a trailing bracketed
    /// qualifier) or the aliases in brackets meet: 日枝神社, 日枝神社（萩園） and
    /// 山王社(日枝神社) are all called 日枝神社.
    pub fn disambiguate_names(&mut self) {
        let called: Vec<Vec<String>> = self
            .sites
            .iter()
            .map(|s| {
                s.written_name
                    .as_deref()
                    .or(s.name.as_deref())
                    .map_or_else(Vec::new, called_names)
            })
            .collect();
        let mut by_call: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, names) in called.iter().enumerate() {
            for n in names {
                by_call.entry(n.as_str()).or_default().push(j);
            }
        }
        let alike: Vec<bool> = (0..self.sites.len())
            .map(|j| called[j].iter().any(|n| by_call[n.as_str()].len() > 1))
            .collect();
        let towns: Vec<Option<String>> = self.sites.iter().map(|s| self.town(s)).collect();
        let mut shown: Vec<Option<String>> = self
            .sites
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let name = s.written_name.as_ref().or(s.name.as_ref())?;
                Some(match (&towns[j], alike[j]) {
                    (Some(t), true) if !name.contains(t.as_str()) => format!("{name}（{t}）"),
                    _ => name.clone(),
                })
            })
            .collect();
        let mut count: HashMap<String, usize> = HashMap::new();
        for n in shown.iter().flatten() {
            *count.entry(n.clone()).or_default() += 1;
        }
        for (j, n) in shown.iter_mut().enumerate() {
            if let Some(name) = n {
                if count[name.as_str()] > 1 {
                    *name = format!("{name}［{}］", self.sites[j].id);
                }
            }
        }
        for (site, shown) in self.sites.iter_mut().zip(shown) {
            if site.written_name.is_none() {
                site.written_name = site.name.clone();
            }
            site.name = shown;
        }
    }

    /// The town of a site, from the first extra column that names one.
    fn town(&self, site: &CandidateSite) -> Option<String> {
        TOWN_COLUMNS.iter().find_map(|col| {
            let c = self
                .extra_columns
                .iter()
                .position(|e| e.trim().eq_ignore_ascii_case(col))?;
            let value = site.extra.get(c)?.trim();
            let town = if col.contains("address") || *col == "住所" {
                address_town(value)
            } else {
                value
            };
            (!town.is_empty()).then(|| town.to_string())
        })
    }
}

/// The names a site goes by, from the name its file writes: its base name and any alias in
/// brackets, so 山王社(日枝神社) is called both 山王社 and 日枝神社.
pub fn called_names(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut out = Vec::new();
    match split_bracket(name) {
        Some((base, inner)) => {
            out.push(base.to_string());
            if !inner.is_empty() && inner != base {
                out.push(inner.to_string());
            }
        }
        None => out.push(name.to_string()),
    }
    out.retain(|n| !n.is_empty());
    out
}

/// `base(inner)` or `base（inner）` split at its last bracket pair.
fn split_bracket(name: &str) -> Option<(&str, &str)> {
    let close = name.strip_suffix(')').or_else(|| name.strip_suffix('）'))?;
    let open = close.rfind(['(', '（'])?;
    let inner = &close[open..];
    let inner = inner.trim_start_matches(['(', '（']);
    Some((close[..open].trim(), inner.trim()))
}

/// The town part of a Japanese address: everything before the first block number
/// ("中島1134" → 中島, "松林3-5-5" → 松林, "萩園二丁目4" → 萩園二丁目).
fn address_town(address: &str) -> &str {
    let end = address
        .char_indices()
        .find(|(_, c)| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '-')
        .map_or(address.len(), |(i, _)| i);
    address[..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LatLon;

    fn site(id: &str, name: &str, address: &str) -> CandidateSite {
        CandidateSite {
            id: id.into(),
            location: LatLon::new(35.0, 139.0),
            name: Some(name.into()),
            written_name: None,
            kind: None,
            vehicle_slots: None,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra: vec![address.into()],
            line: None,
        }
    }

    fn names(sites: Vec<CandidateSite>) -> Vec<String> {
        let mut c = Candidates {
            sites,
            extra_columns: vec!["address".into()],
        };
        c.disambiguate_names();
        c.sites.iter().map(|s| s.name.clone().unwrap()).collect()
    }

    #[test]
    fn look_alike_names_gain_their_town() {
        let shown = names(vec![
            site("a", "日枝神社", "中島1134"),
            site("b", "日枝神社（萩園）", "萩園2324"),
            site("c", "山王社(日枝神社)", "円蔵2228"),
            site("d", "妙行寺", "松林3-5-5"),
        ]);
        assert_eq!(
            shown,
            [
                "日枝神社（中島）",
                "日枝神社（萩園）",
                "山王社(日枝神社)（円蔵）",
                "妙行寺"
            ]
        );
    }

    #[test]
    fn the_same_name_in_the_same_town_falls_back_to_the_id() {
        let shown = names(vec![
            site("x1", "八幡神社", "萩園1"),
            site("x2", "八幡神社", "萩園2"),
        ]);
        assert_eq!(shown, ["八幡神社（萩園）［x1］", "八幡神社（萩園）［x2］"]);
    }

    #[test]
    fn disambiguating_twice_changes_nothing() {
        let mut c = Candidates {
            sites: vec![
                site("a", "日枝神社", "中島1"),
                site("b", "日枝神社", "萩園1"),
            ],
            extra_columns: vec!["address".into()],
        };
        c.disambiguate_names();
        let once = c.clone();
        c.disambiguate_names();
        assert_eq!(c, once);
        assert_eq!(c.sites[0].written_name.as_deref(), Some("日枝神社"));
    }
}
