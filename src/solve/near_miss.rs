//! "Did you mean": the site a mistyped id or name was probably meant to be.
//!
//! A planner who types `hiejnja` or `妙行時` wants the site, not a list of every site whose
//! name contains the typo (there is none). Edit distance on the folded forms (case, full-width
//! and half-width letters and kana, spaces) finds the one or two sites a slip of the keyboard
//! or of the input method lands next to.

use super::site_name::SiteRef;
use crate::io::text::fold;
use crate::model::called_names;

/// The sites nearest to `key` (already folded) by edit distance on any id or name they go
/// by, when the nearest is close enough to be a slip (at most a third of the key's
/// characters, at least one); all sites tied at that distance, in input order.
pub fn nearest(sites: &[SiteRef], key: &str) -> Vec<usize> {
    let len = key.chars().count();
    if len == 0 {
        return Vec::new();
    }
    let most = (len / 3).max(1);
    let dist: Vec<usize> = sites.iter().map(|s| site_distance(s, key)).collect();
    let Some(&best) = dist.iter().min() else {
        return Vec::new();
    };
    if best > most {
        return Vec::new();
    }
    (0..sites.len()).filter(|&j| dist[j] == best).collect()
}

/// The least edit distance from `key` to any id or name the site goes by.
fn site_distance(s: &SiteRef, key: &str) -> usize {
    let mut names = vec![s.id.to_string()];
    for n in [s.name, s.written].into_iter().flatten() {
        names.push(n.to_string());
        names.extend(called_names(n));
    }
    names
        .iter()
        .map(|n| edit_distance(&fold(n), key))
        .min()
        .unwrap_or(usize::MAX)
}

/// Levenshtein distance in characters (one insertion, deletion or substitution each).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (k, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb))
                .min(row[k] + 1)
                .min(row[k + 1] + 1);
            diag = row[k + 1];
            row[k + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(edit_distance("妙行寺", "妙行時"), 1);
        assert_eq!(edit_distance("hiejinja", "hiejnja"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn only_a_slip_is_suggested() {
        let sites = [
            SiteRef {
                id: "hiejinja",
                name: Some("日枝神社"),
                written: None,
            },
            SiteRef {
                id: "myogyoji",
                name: Some("妙行寺"),
                written: None,
            },
        ];
        assert_eq!(nearest(&sites, &fold("ＨＩＥＪＮＪＡ")), [0]);
        assert_eq!(nearest(&sites, &fold("妙行時")), [1]);
        assert!(nearest(&sites, "zzzzzzzz").is_empty());
    }
}
