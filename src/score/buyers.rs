//! Buyers per visit, worked out the way a council would check it by hand.
//!
//! "Everyone aged 65+ within 500 m × the would-use share" counts the people who say they would
//! use the truck: *potential users*, hundreds at a housing estate. A truck serves tens at a
//! stop, so the figure a council needs is how many come to one visit, and whether one visit can
//! serve them:
//!
//! - potential users = aged 65+ within reach × would-use share (with its 95 % interval);
//! - buyers per visit = potential users × purchases per user per week ÷ visits per week;
//! - capacity per visit = minutes the truck stands at the stop ÷ minutes per customer, in whole
//!   customers.
//!
//! A stop whose expected buyers per visit exceed the capacity is flagged: more buyers than one
//! visit can serve. Every assumption travels with the number, so the council can change it.

use super::need::Interval;
use crate::defaults;
use crate::error::{Error, Location, Result};
use crate::model::{parse::parse_number, Dataset};
use crate::param::Param;

/// Most visits a week a stop can be said to get: one a day.
const MAX_VISITS_PER_WEEK: f64 = 7.0;

/// How often a stop is visited: the same number for every stop, or a column of the candidates
/// file with each stop's own number (as `route --visits-per-week COLUMN`).
#[derive(Debug, Clone, PartialEq)]
pub enum VisitsPerWeek {
    /// Every stop this many times a week (1, 2, or 0.5 for once a fortnight).
    Every(f64),
    /// Each stop's value from this column of the candidates file.
    Column(String),
}

impl VisitsPerWeek {
    /// Reads `1`, `2`, `0.5` or a column name, as typed after `--visits-per-week`.
    pub fn parse(text: &str) -> Result<VisitsPerWeek> {
        let t = text.trim();
        match t.parse::<f64>() {
            Ok(v) if valid_visits(v) => Ok(VisitsPerWeek::Every(v)),
            Err(_) if !t.is_empty() => Ok(VisitsPerWeek::Column(t.to_string())),
            _ => Err(Error::param(
                Param::VisitsPerWeek,
                "visits per week greater than 0 and at most 7 (1, 2, 0.5 for once a fortnight) or a column of the candidates file",
                format!("`{text}`"),
            )),
        }
    }
}

impl std::fmt::Display for VisitsPerWeek {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VisitsPerWeek::Every(v) => write!(f, "{v}"),
            VisitsPerWeek::Column(c) => write!(f, "column {c}"),
        }
    }
}

fn valid_visits(v: f64) -> bool {
    v.is_finite() && v > 0.0 && v <= MAX_VISITS_PER_WEEK
}

/// The assumptions that turn potential users into buyers per visit and a capacity.
#[derive(Debug, Clone, PartialEq)]
pub struct BuyersParams {
    /// How many times a week one user buys (an assumption; see [`defaults::PURCHASES_PER_WEEK`]).
    pub purchases_per_week: f64,
    /// How many times a week the truck comes to each stop.
    pub visits_per_week: VisitsPerWeek,
    /// Minutes the truck stands at each stop.
    pub service_min: f64,
    /// Minutes one customer takes to choose, pay and be served (an assumption; see
    /// [`defaults::MINUTES_PER_CUSTOMER`]).
    pub minutes_per_customer: f64,
}

impl Default for BuyersParams {
    fn default() -> Self {
        BuyersParams {
            purchases_per_week: defaults::PURCHASES_PER_WEEK,
            visits_per_week: VisitsPerWeek::Every(
                defaults::VISITS_PER_WEEK
                    .parse()
                    .expect("the default visits per week is a number"),
            ),
            service_min: defaults::SERVICE_MIN,
            minutes_per_customer: defaults::MINUTES_PER_CUSTOMER,
        }
    }
}

/// One stop's buyers per visit and what one visit can serve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuyersPerVisit {
    /// Expected buyers at one visit, with the 95 % interval of the would-use share.
    pub per_visit: Interval,
    /// Visits per week this stop was counted with.
    pub visits_per_week: f64,
    /// Customers one visit can serve (whole customers).
    pub capacity: f64,
}

impl BuyersPerVisit {
    /// True when the expected buyers (the central estimate) exceed what one visit can serve.
    pub fn over_capacity(&self) -> bool {
        self.per_visit.estimate > self.capacity
    }
}

impl BuyersParams {
    /// Rejects assumptions no planner could mean: each must be a positive, finite number, and a
    /// user cannot buy more often than the truck comes.
    pub fn validate(&self) -> Result<()> {
        let check = |param, v: f64, ok: bool, what: &str| {
            if v.is_finite() && v > 0.0 && ok {
                Ok(())
            } else {
                Err(Error::param(param, what, format!("`{v}`")))
            }
        };
        let p = self.purchases_per_week;
        check(
            Param::PurchasesPerWeek,
            p,
            p <= MAX_VISITS_PER_WEEK,
            "purchases per user per week greater than 0 and at most 7",
        )?;
        check(
            Param::ServiceMin,
            self.service_min,
            self.service_min <= 600.0,
            "minutes greater than 0 and at most 600",
        )?;
        check(
            Param::MinutesPerCustomer,
            self.minutes_per_customer,
            self.minutes_per_customer <= self.service_min,
            &format!(
                "minutes per customer greater than 0 and at most the minutes at a stop ({})",
                self.service_min
            ),
        )?;
        match &self.visits_per_week {
            VisitsPerWeek::Every(v) if !valid_visits(*v) => {
                VisitsPerWeek::parse(&v.to_string()).map(|_| ())
            }
            VisitsPerWeek::Every(v) if p > *v => Err(Error::param(
                Param::PurchasesPerWeek,
                format!("at most the visits per week ({v}): a user buys at most once a visit"),
                format!("`{p}`"),
            )),
            _ => Ok(()),
        }
    }

    /// Customers one visit can serve: the minutes at the stop over the minutes per customer,
    /// rounded down to whole customers.
    pub fn capacity_per_visit(&self) -> f64 {
        (self.service_min / self.minutes_per_customer + 1e-9).floor()
    }

    /// Each candidate's visits per week, in candidates-file order: the one number, or each
    /// site's value of the column (an error names the file, line and column of a bad value).
    pub fn visits_of_sites(&self, data: &Dataset) -> Result<Vec<f64>> {
        let cands = &data.candidates;
        let sites = &cands.data.sites;
        let name = match &self.visits_per_week {
            VisitsPerWeek::Every(v) => return Ok(vec![*v; sites.len()]),
            VisitsPerWeek::Column(c) => c,
        };
        let k = cands
            .data
            .extra_columns
            .iter()
            .position(|x| x.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Error::param(
                    Param::VisitsPerWeek,
                    format!(
                        "a number of visits or a column of {} ({})",
                        cands.source,
                        cands.data.extra_columns.join(", ")
                    ),
                    format!("`{name}`"),
                )
            })?;
        let p = self.purchases_per_week;
        sites
            .iter()
            .map(|c| match parse_number(c.extra[k].trim()) {
                Some(v) if valid_visits(v) && p <= v => Ok(v),
                _ => Err(Error::input(
                    match c.line {
                        Some(line) => Location::at(&cands.source, line, None),
                        None => Location::file(&cands.source),
                    },
                    format!(
                        "visits per week greater than 0, at most 7 and at least purchases_per_week ({p}) in column `{}` for candidate `{}`",
                        cands.data.extra_columns[k], c.id
                    ),
                    format!("`{}`", c.extra[k]),
                )),
            })
            .collect()
    }

    /// Buyers per visit at a stop with `users` potential users, visited `visits` times a week.
    pub fn per_visit(&self, users: Interval, visits: f64) -> BuyersPerVisit {
        let f = self.purchases_per_week / visits;
        BuyersPerVisit {
            per_visit: Interval {
                estimate: users.estimate * f,
                low: users.low * f,
                high: users.high * f,
            },
            visits_per_week: visits,
            capacity: self.capacity_per_visit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buyers_scale_with_purchases_over_visits() {
        let p = BuyersParams {
            purchases_per_week: 1.0,
            visits_per_week: VisitsPerWeek::Every(2.0),
            service_min: 30.0,
            minutes_per_customer: 4.0,
        };
        p.validate().unwrap();
        let users = Interval {
            estimate: 40.0,
            low: 20.0,
            high: 60.0,
        };
        let b = p.per_visit(users, 2.0);
        assert_eq!(
            (b.per_visit.estimate, b.per_visit.low, b.per_visit.high),
            (20.0, 10.0, 30.0)
        );
        assert_eq!(b.capacity, 7.0, "30 min / 4 min is 7 whole customers");
        assert!(b.over_capacity());
        assert_eq!(p.per_visit(users, 2.0).visits_per_week, 2.0);
    }

    #[test]
    fn refuses_assumptions_no_planner_could_mean() {
        let ok = BuyersParams::default();
        ok.validate().unwrap();
        let bad = [
            BuyersParams {
                purchases_per_week: 0.0,
                ..ok.clone()
            },
            BuyersParams {
                purchases_per_week: f64::NAN,
                ..ok.clone()
            },
            BuyersParams {
                purchases_per_week: 2.0,
                ..ok.clone()
            },
            BuyersParams {
                minutes_per_customer: -1.0,
                ..ok.clone()
            },
            BuyersParams {
                minutes_per_customer: 31.0,
                ..ok.clone()
            },
            BuyersParams {
                service_min: f64::INFINITY,
                ..ok.clone()
            },
            BuyersParams {
                visits_per_week: VisitsPerWeek::Every(0.0),
                ..ok.clone()
            },
        ];
        for b in bad {
            assert!(b.validate().is_err(), "{b:?}");
        }
        assert_eq!(
            VisitsPerWeek::parse("0.5").unwrap(),
            VisitsPerWeek::Every(0.5)
        );
        assert_eq!(
            VisitsPerWeek::parse("visits").unwrap(),
            VisitsPerWeek::Column("visits".into())
        );
        for bad in ["0", "-1", "8", "NaN", "inf", ""] {
            assert!(VisitsPerWeek::parse(bad).is_err(), "{bad}");
        }
    }
}
