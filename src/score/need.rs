//! Expressed need: survey answers pooled into a would-use rate with an honest interval.
//!
//! "I would use it" over-states use and a handful of answers says little, so the rate is a
//! Bayesian estimate shrunk towards the overall survey rate: the prior is Beta(m·p̄, m·(1 − p̄)),
//! worth `m` answers at the overall rate p̄ (each shape at least ½, Jeffreys' value, so a survey
//! where everyone or no one said yes still gives an interval), and the posterior after k "would use" of n answers is Beta(a + k, b + n − k). The rate is the
//! posterior mean; the interval is the equal-tailed 95 % posterior interval. With many answers the
//! data dominate; with none the estimate is the overall rate with a wide interval.

use serde::Serialize;
use statrs::distribution::{Beta, ContinuousCDF};

/// Pooled survey answers near one site.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NeedEstimate {
    /// Estimated share who would use the shop (posterior mean).
    pub rate: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
    /// Answers pooled within the radius.
    pub respondents: u64,
    /// Of those, "would use".
    pub would_use: u64,
}

/// An estimate with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Interval {
    /// Central estimate.
    pub estimate: f64,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The shrinkage prior shared by every site of one survey.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NeedPrior {
    a: f64,
    b: f64,
}

impl NeedPrior {
    /// A prior centred on the overall rate `would_use / respondents` (which must be > 0),
    /// worth `prior_answers` (> 0) answers.
    pub fn new(respondents: u64, would_use: u64, prior_answers: f64) -> NeedPrior {
        debug_assert!(respondents > 0 && prior_answers > 0.0);
        let p = would_use as f64 / respondents.max(1) as f64;
        NeedPrior {
            a: (prior_answers * p).max(0.5),
            b: (prior_answers * (1.0 - p)).max(0.5),
        }
    }

    /// Posterior estimate for `would_use` of `respondents` answers.
    pub fn estimate(&self, respondents: u64, would_use: u64) -> NeedEstimate {
        let a = self.a + would_use as f64;
        let b = self.b + (respondents - would_use) as f64;
        let beta = Beta::new(a, b).expect("shape parameters are at least 0.5");
        NeedEstimate {
            rate: a / (a + b),
            low: beta.inverse_cdf(0.025),
            high: beta.inverse_cdf(0.975),
            respondents,
            would_use,
        }
    }
}

impl NeedEstimate {
    /// Potential users: `people` (aged 65+ within reach) times the rate, with its interval.
    /// Not buyers per visit: how often each buys and how often the truck comes are
    /// [`BuyersParams`](super::BuyersParams).
    pub fn users(&self, people: f64) -> Interval {
        Interval {
            estimate: people * self.rate,
            low: people * self.low,
            high: people * self.high,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_answers_shrink_towards_the_overall_rate() {
        let prior = NeedPrior::new(1000, 300, 10.0);
        let none = prior.estimate(0, 0);
        assert!(
            (none.rate - 0.3).abs() < 1e-12,
            "no answers: the overall rate"
        );
        let one_yes = prior.estimate(1, 1);
        assert!(
            one_yes.rate < 0.45,
            "one answer must not say 100 %: {}",
            one_yes.rate
        );
        let many = prior.estimate(1000, 800);
        assert!((many.rate - 0.8).abs() < 0.01);
        assert!(many.high - many.low < one_yes.high - one_yes.low);
        assert!(many.low < many.rate && many.rate < many.high);
    }

    #[test]
    fn interval_matches_beta_quantiles() {
        // An overall rate of 0 with m = ½ is the Jeffreys prior Beta(½, ½): the interval for
        // 0 of 10 has upper end 0.2172 (Brown, Cai & DasGupta 2001).
        let e = NeedPrior::new(10, 0, 0.5).estimate(10, 0);
        assert!((e.high - 0.2172).abs() < 5e-4, "{}", e.high);
        let b = e.users(100.0);
        assert!((b.high - 100.0 * e.high).abs() < 1e-9);
    }
}
