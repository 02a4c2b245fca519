//! Shading classes: quantile breaks rounded to figures a legend can print.

use super::style::{MAX_CLASSES, RAMP};
use crate::model::number::round;
use crate::report::table::count;

/// Up to five shading classes from quantiles of the values, rounded to two significant figures
/// so the legend reads "16–45", not "15.38–44.92".
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Classes {
    /// Inclusive upper bound of each class, increasing; the last is the largest value.
    pub(super) uppers: Vec<f64>,
    /// The smallest value, where the first class starts.
    pub(super) min: f64,
    /// Decimals the values are compared and labelled at: 0 for counts of people.
    pub(super) decimals: i32,
}

impl Classes {
    pub(super) fn new(values: &[f64]) -> Classes {
        let max = values.iter().copied().fold(0.0f64, f64::max);
        let integral = values.iter().all(|v| v.fract() == 0.0);
        let decimals = if integral || max > 5.0 { 0 } else { 2 };
        let mut sorted: Vec<f64> = values.iter().map(|&v| round(v, decimals)).collect();
        sorted.sort_by(f64::total_cmp);
        let (Some(&min), Some(&top)) = (sorted.first(), sorted.last()) else {
            return Classes {
                uppers: vec![0.0],
                min: 0.0,
                decimals,
            };
        };
        let mut uppers: Vec<f64> = Vec::new();
        for k in 1..MAX_CLASSES {
            // Nearest-rank quantile.
            let rank = (k * sorted.len()).div_ceil(MAX_CLASSES);
            let q = sorted[rank.max(1) - 1];
            let b = round(nice(q), decimals);
            if b < top && uppers.last().is_none_or(|&u| b > u) {
                uppers.push(b);
            }
        }
        uppers.push(top);
        Classes {
            uppers,
            min,
            decimals,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.uppers.len()
    }

    pub(super) fn of(&self, v: f64) -> usize {
        let r = round(v, self.decimals);
        self.uppers
            .iter()
            .position(|&u| r <= u)
            .unwrap_or(self.uppers.len() - 1)
    }

    /// Ramp colour of class `k`, spread over the ramp when there are fewer than five classes.
    pub(super) fn colour(&self, k: usize) -> usize {
        let n = self.len();
        if n <= 1 {
            2
        } else {
            (k * (RAMP.len() - 1) + (n - 1) / 2) / (n - 1)
        }
    }

    pub(super) fn label(&self, k: usize) -> String {
        let d = self.decimals as usize;
        let num = |x: f64| {
            if d == 0 {
                count(x)
            } else {
                format!("{x:.d$}")
            }
        };
        let hi = self.uppers[k];
        let lo = match k {
            0 => self.min,
            _ => self.uppers[k - 1] + 10f64.powi(-self.decimals),
        };
        if lo >= hi - 1e-9 {
            num(hi)
        } else {
            format!("{}–{}", num(round(lo, self.decimals)), num(hi))
        }
    }
}

/// Two significant figures.
pub(super) fn nice(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let e = x.log10().floor() as i32 - 1;
    if e >= 0 {
        let step = 10f64.powi(e);
        (x / step).round() * step
    } else {
        // Divide by a whole power of ten: multiplying by 0.1 would leave 3.7000000000000002.
        let k = 10f64.powi(-e);
        (x * k).round() / k
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::map::layout::scale_length;

    #[test]
    fn classes_are_quantiles_rounded_to_two_figures() {
        let v: Vec<f64> = (0..=100).map(f64::from).collect();
        let c = Classes::new(&v);
        assert_eq!(c.uppers, vec![20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(c.label(0), "0–20");
        assert_eq!(c.label(1), "21–40");
        assert_eq!(c.of(20.4), 0);
        assert_eq!(c.of(20.6), 1);
        assert_eq!(c.of(100.0), 4);
        let c = Classes::new(&[0.0, 0.0, 0.0, 0.0]);
        assert_eq!(c.len(), 1);
        assert_eq!(c.label(0), "0");
        let c = Classes::new(&[0.0, 0.0, 0.0, 7.0, 1234.0]);
        assert_eq!(c.uppers, vec![0.0, 7.0, 1234.0]);
        assert_eq!(c.label(0), "0");
        assert_eq!(c.label(1), "1–7");
        assert_eq!(c.label(2), "8–1,234");
        assert_eq!(c.colour(0), 0);
        assert_eq!(c.colour(2), 4);
        let c = Classes::new(&[0.1, 0.25, 0.5, 1.0, 2.0]);
        assert_eq!(c.decimals, 2);
        assert_eq!(c.uppers, vec![0.1, 0.25, 0.5, 1.0, 2.0]);
        assert_eq!(c.label(0), "0.10");
        assert_eq!(c.label(1), "0.11–0.25");
        assert!(Classes::new(&[]).len() == 1);
        assert_eq!(nice(123.0), 120.0);
        assert_eq!(nice(3.7), 3.7);
        assert_eq!(scale_length(0.12).0, 1000.0);
        assert_eq!(scale_length(0.06).0, 2000.0);
    }
}
