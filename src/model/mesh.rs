//! Japanese standard grid squares (地域メッシュ, JIS X 0410), from the 1st mesh to the quarter mesh.
//!
//! The census publishes population per grid square, not per address, so a planner's demand data
//! is usually a list of mesh codes. A code is decoded to its cell (south-west corner and size) so
//! each cell can become a demand point at its centre, and a survey row can name its place by code.
//!
//! | level | digits | cell size (lat × lon) |
//! |---|---|---|
//! | 1st | 4 `AABB` | 40′ × 1° |
//! | 2nd | 6 | 5′ × 7′30″ |
//! | 3rd | 8 | 30″ × 45″ |
//! | half | 9 | 15″ × 22.5″ |
//! | quarter | 10 | 7.5″ × 11.25″ |
//!
//! ```
//! use mobile_stops::MeshCode;
//! let cell = MeshCode::parse("5339020911").unwrap();
//! let (lat, lon) = cell.south_west();
//! assert!((lat - 35.333333).abs() < 1e-6 && (lon - 139.3625).abs() < 1e-9);
//! ```

use std::fmt;
use std::ops::RangeInclusive;

/// 1st-mesh latitude codes (latitude × 1.5) of JIS X 0410's area: 20° N (Okinotorishima) to
/// 46° N.
const LAT_CODES: RangeInclusive<u32> = 30..=68;

/// 1st-mesh longitude codes (longitude − 100) of JIS X 0410's area: 122° E (Yonaguni) to
/// 154° E (Minamitorishima).
const LON_CODES: RangeInclusive<u32> = 22..=53;

/// A decoded grid-square code: its level and south-west corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeshCode {
    code: u64,
    digits: u8,
    south_lat: f64,
    west_lon: f64,
    height_deg: f64,
    width_deg: f64,
}

/// Why a mesh code could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeshError {
    /// Not 4, 6, 8, 9 or 10 ASCII digits.
    #[error("a mesh code of 4, 6, 8, 9 or 10 digits")]
    Length,
    /// A 1st-mesh latitude code (digits 1-2) outside 30-68 or longitude code (digits 3-4)
    /// outside 22-53: the grid covers Japan only (20° to 46° N, 122° to 154° E), and a code
    /// such as `9999` would otherwise put residents at 199.5° E.
    #[error("a mesh code whose digits {digits} are {allowed}")]
    Primary {
        /// The digit positions in words.
        digits: &'static str,
        /// The allowed range in words.
        allowed: &'static str,
    },
    /// A digit outside its allowed range (2nd-mesh digits 0-7, half/quarter digits 1-4).
    #[error("a mesh code whose digit {position} is {allowed}")]
    Digit {
        /// 1-based digit position.
        position: usize,
        /// The allowed range in words.
        allowed: &'static str,
    },
}

impl MeshCode {
    /// Decodes a code of any level from 1st (4 digits) to quarter (10 digits).
    pub fn parse(text: &str) -> Result<MeshCode, MeshError> {
        let d: Vec<u32> = text
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()
            .ok_or(MeshError::Length)?;
        if !matches!(d.len(), 4 | 6 | 8 | 9 | 10) {
            return Err(MeshError::Length);
        }
        let (lat_code, lon_code) = (d[0] * 10 + d[1], d[2] * 10 + d[3]);
        if !(LAT_CODES.contains(&lat_code)) {
            return Err(MeshError::Primary {
                digits: "1-2",
                allowed: "30 to 68 (latitude 20° to 46° N, Japan)",
            });
        }
        if !(LON_CODES.contains(&lon_code)) {
            return Err(MeshError::Primary {
                digits: "3-4",
                allowed: "22 to 53 (longitude 122° to 154° E, Japan)",
            });
        }
        let mut south = f64::from(lat_code) / 1.5;
        let mut west = f64::from(lon_code) + 100.0;
        let mut h = 2.0 / 3.0;
        let mut w = 1.0;
        if d.len() >= 6 {
            for pos in [4, 5] {
                if d[pos] > 7 {
                    return Err(MeshError::Digit {
                        position: pos + 1,
                        allowed: "0 to 7 (2nd-mesh row and column)",
                    });
                }
            }
            h /= 8.0;
            w /= 8.0;
            south += f64::from(d[4]) * h;
            west += f64::from(d[5]) * w;
        }
        if d.len() >= 8 {
            h /= 10.0;
            w /= 10.0;
            south += f64::from(d[6]) * h;
            west += f64::from(d[7]) * w;
        }
        for (pos, &q) in d.iter().enumerate().skip(8) {
            if !(1..=4).contains(&q) {
                return Err(MeshError::Digit {
                    position: pos + 1,
                    allowed: "1 to 4 (1 = SW, 2 = SE, 3 = NW, 4 = NE)",
                });
            }
            h /= 2.0;
            w /= 2.0;
            if q >= 3 {
                south += h;
            }
            if q % 2 == 0 {
                west += w;
            }
        }
        Ok(MeshCode {
            code: text.parse().map_err(|_| MeshError::Length)?,
            digits: d.len() as u8,
            south_lat: south,
            west_lon: west,
            height_deg: h,
            width_deg: w,
        })
    }

    /// The quarter-mesh (or coarser, by `digits`) code of the cell holding a point.
    ///
    /// Returns `None` for a level that is not 4, 6, 8, 9 or 10 digits, or a point outside the
    /// area the scheme covers (Japan: see [`MeshCode::parse`]).
    pub fn containing(lat: f64, lon: f64, digits: u8) -> Option<MeshCode> {
        if !matches!(digits, 4 | 6 | 8 | 9 | 10) || !(0.0..66.0).contains(&lat) {
            return None;
        }
        if !(100.0..200.0).contains(&lon) {
            return None;
        }
        let y = lat * 1.5;
        let x = lon - 100.0;
        let mut code = format!("{:02}{:02}", y.floor() as u32, x.floor() as u32);
        let (mut fy, mut fx) = (y.fract(), x.fract());
        for (n, len) in [(8.0, 6), (10.0, 8)] {
            if digits >= len {
                let (r, c) = ((fy * n).floor(), (fx * n).floor());
                code.push_str(&format!("{}{}", r as u32, c as u32));
                fy = fy * n - r;
                fx = fx * n - c;
            }
        }
        for _ in 8..digits {
            let (r, c) = ((fy * 2.0).floor(), (fx * 2.0).floor());
            code.push(char::from(b'1' + (r as u8) * 2 + c as u8));
            fy = fy * 2.0 - r;
            fx = fx * 2.0 - c;
        }
        MeshCode::parse(&code).ok()
    }

    /// How many digits the code has (4, 6, 8, 9 or 10).
    pub fn digits(&self) -> u8 {
        self.digits
    }

    /// The south-west corner as (latitude, longitude) in degrees.
    pub fn south_west(&self) -> (f64, f64) {
        (self.south_lat, self.west_lon)
    }

    /// The north-east corner as (latitude, longitude).
    pub fn north_east(&self) -> (f64, f64) {
        (
            self.south_lat + self.height_deg,
            self.west_lon + self.width_deg,
        )
    }

    /// The centre as (latitude, longitude): where a cell's residents are placed.
    pub fn centre(&self) -> (f64, f64) {
        (
            self.south_lat + self.height_deg / 2.0,
            self.west_lon + self.width_deg / 2.0,
        )
    }

    /// The four corners, counter-clockwise from the south-west, as (latitude, longitude).
    pub fn corners(&self) -> [(f64, f64); 4] {
        let (s, w) = self.south_west();
        let (n, e) = self.north_east();
        [(s, w), (s, e), (n, e), (n, w)]
    }
}

impl fmt::Display for MeshCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.code, width = self.digits as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn decodes_known_codes_at_every_level() {
        // Values from the JIS X 0410 definition, as checked against jismesh for the dataset.
        let c = MeshCode::parse("5339020911").unwrap();
        assert!(close(c.south_west().0, 35.0 + 1.0 / 3.0) && close(c.south_west().1, 139.3625));
        assert!(close(c.north_east().0, 35.0 + 1.0 / 3.0 + 7.5 / 3600.0));
        assert!(close(c.north_east().1, 139.365625));
        let c = MeshCode::parse("5339").unwrap();
        assert_eq!(c.south_west(), (53.0 / 1.5, 139.0));
        assert!(close(c.north_east().0, 36.0));
        let c = MeshCode::parse("533946").unwrap();
        assert!(close(c.south_west().0, 35.0 + 1.0 / 3.0 + 4.0 * 5.0 / 60.0));
        assert!(close(c.south_west().1, 139.75));
        let c = MeshCode::parse("53394611").unwrap();
        assert!(close(c.south_west().0, 35.0 + 2.0 / 3.0 + 30.0 / 3600.0));
        assert!(close(c.south_west().1, 139.75 + 45.0 / 3600.0));
        let c = MeshCode::parse("533946114").unwrap();
        assert!(close(c.south_west().0, 35.675 + 15.0 / 3600.0));
        assert!(close(c.south_west().1, 139.7625 + 22.5 / 3600.0));
    }

    #[test]
    fn rejects_malformed_codes() {
        assert_eq!(MeshCode::parse("53390"), Err(MeshError::Length));
        assert_eq!(MeshCode::parse("53a9"), Err(MeshError::Length));
        assert_eq!(MeshCode::parse(""), Err(MeshError::Length));
        assert!(matches!(
            MeshCode::parse("533982"),
            Err(MeshError::Digit { position: 5, .. })
        ));
        assert!(matches!(
            MeshCode::parse("5339020915"),
            Err(MeshError::Digit { position: 10, .. })
        ));
        assert!(matches!(
            MeshCode::parse("5339020901"),
            Err(MeshError::Digit { position: 9, .. })
        ));
        for (code, digits) in [
            ("9999", "1-2"),
            ("0000", "1-2"),
            ("2939", "1-2"),
            ("6939", "1-2"),
            ("5321", "3-4"),
            ("5354", "3-4"),
            ("5399020911", "3-4"),
        ] {
            assert!(
                matches!(MeshCode::parse(code), Err(MeshError::Primary { digits: d, .. }) if d == digits),
                "{code}"
            );
        }
        for edge in ["3022", "6853", "302200", "68537799"] {
            assert!(MeshCode::parse(edge).is_ok(), "{edge}");
        }
        assert_eq!(MeshCode::containing(35.0, 199.0, 4), None);
    }

    #[test]
    fn containing_is_the_inverse_of_parse() {
        for code in ["5339020911", "5339036544", "523973924", "53394611", "5339"] {
            let c = MeshCode::parse(code).unwrap();
            let (lat, lon) = c.centre();
            let back = MeshCode::containing(lat, lon, c.digits()).unwrap();
            assert_eq!(back.to_string(), code);
        }
    }
}
