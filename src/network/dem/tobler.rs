//! Tobler's hiking function: how fast people walk on a slope, the basis of every uphill and
//! downhill cost (DOMAIN.md, "Streets, hills and roads").

/// Walking speed in km/h on a slope `dh/dx` (rise over run, + uphill): W = 6·exp(−3.5·|s +
/// 0.05|). Fastest (6 km/h) on a gentle 5 % descent, 5.04 km/h on the flat.
pub fn tobler_kmh(slope: f64) -> f64 {
    6.0 * (-3.5 * (slope + 0.05).abs()).exp()
}

/// How many metres on the flat take as long as one metre on `slope`: W(0)/W(slope). Above 1
/// uphill and on steep descents, below 1 on gentle descents.
pub fn flat_factor(slope: f64) -> f64 {
    (3.5 * ((slope + 0.05).abs() - 0.05)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tobler_gives_the_textbook_speeds() {
        assert!((tobler_kmh(0.0) - 5.036).abs() < 0.001);
        assert!((tobler_kmh(-0.05) - 6.0).abs() < 1e-12);
        assert!((tobler_kmh(0.10) - 3.5).abs() < 0.05);
        assert!(tobler_kmh(0.10) < tobler_kmh(-0.10));
    }

    #[test]
    fn the_flat_factor_is_the_ratio_of_speeds() {
        for s in [-0.3, -0.1, -0.05, 0.0, 0.02, 0.1, 0.25] {
            let want = tobler_kmh(0.0) / tobler_kmh(s);
            assert!((flat_factor(s) - want).abs() < 1e-12, "{s}");
        }
        assert_eq!(flat_factor(0.0), 1.0);
        assert!(flat_factor(-0.05) < 1.0 && flat_factor(0.05) > 1.0);
    }
}
