//! The score terms and the weights that combine them.

use crate::defaults;
use crate::error::{Error, Result};
use crate::param::Param;
use serde::Serialize;
use std::fmt;

/// One component of a candidate's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    /// Demand weight within the walking radius.
    Reach,
    /// Aged 65+ within the radius who live 500 m or more from every food shop.
    Far,
    /// Potential users from survey answers: aged 65+ within the radius × the would-use share.
    Need,
}

impl Term {
    /// All terms, in the order outputs list them.
    pub const ALL: [Term; 3] = [Term::Reach, Term::Far, Term::Need];

    /// The key used in `--weights` and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Term::Reach => "reach",
            Term::Far => "far",
            Term::Need => "need",
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Relative weights of the terms in the combined score. Defaults are equal: a council that wants
/// reach to count double says `--weights reach=2`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TermWeights {
    /// Weight of reach.
    pub reach: f64,
    /// Weight of far-from-a-shop.
    pub far: f64,
    /// Weight of expressed need.
    pub need: f64,
}

impl Default for TermWeights {
    fn default() -> Self {
        TermWeights {
            reach: defaults::TERM_WEIGHT,
            far: defaults::TERM_WEIGHT,
            need: defaults::TERM_WEIGHT,
        }
    }
}

impl TermWeights {
    /// The weight of a term.
    pub fn get(&self, t: Term) -> f64 {
        match t {
            Term::Reach => self.reach,
            Term::Far => self.far,
            Term::Need => self.need,
        }
    }

    /// Parses `reach=1,need=0.5,far=2`; terms not named keep their default weight.
    pub fn parse(text: &str) -> Result<TermWeights> {
        let mut w = TermWeights::default();
        let mut seen = std::collections::HashSet::new();
        let bad = |found: &str| {
            Error::param(
                Param::Weights,
                "TERM=WEIGHT pairs separated by commas, each TERM once, one of reach, need, far, WEIGHT a number from 0 to 1,000,000",
                format!("`{found}`"),
            )
        };
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| bad(part))?;
            let v = v
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| (0.0..=1e6).contains(v))
                .ok_or_else(|| bad(part))?;
            let slot = match k.trim() {
                "reach" => &mut w.reach,
                "need" => &mut w.need,
                "far" => &mut w.far,
                _ => return Err(bad(part)),
            };
            if !seen.insert(k.trim()) {
                return Err(bad(part));
            }
            *slot = v;
        }
        Ok(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_weights_and_rejects_unknown_terms() {
        let w = TermWeights::parse("reach=2, far=0.5").unwrap();
        assert_eq!((w.reach, w.far, w.need), (2.0, 0.5, 1.0));
        for bad in [
            "reach",
            "size=1",
            "reach=-1",
            "reach=x",
            "far=NaN",
            "reach=1,reach=2",
            "far=1e308",
        ] {
            assert!(TermWeights::parse(bad).is_err(), "{bad}");
        }
    }
}
