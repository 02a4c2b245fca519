//! When pinned times cannot all be kept: which pins are in conflict, and the least change
//! that fits.
//!
//! A leaflet is already in residents' hands, so the council must hear exactly what would
//! move. Each pin is lifted on its own (the others kept) and the week planned again; a pin
//! whose lifting makes the week fit is in conflict, and of those the one that moves least
//! (fewest days changed, then fewest minutes) is the suggestion. Only when the week fits
//! without any pin are the pins to blame; otherwise the usual reasons apply.

use super::clock::clock;
use super::plan::{WeekPlan, WeekStop, WEEKDAYS};
use super::problem::RouteProblem;
use super::unfit::Unfit;
use super::week::plan_week_until;
use std::time::Instant;

/// Pins that cannot all be kept.
#[derive(Debug, Clone, PartialEq)]
pub struct PinConflict {
    /// Pinned stops (indices) each of which, moved alone, lets the week fit.
    pub stops: Vec<usize>,
    /// The least of those moves.
    pub least: Option<PinMove>,
}

/// How one pinned stop would move for the week to fit.
#[derive(Debug, Clone, PartialEq)]
pub struct PinMove {
    /// The stop (index into the problem's stops).
    pub stop: usize,
    /// Its pinned days (0 = Monday) and arrival.
    pub from: (Vec<u8>, f64),
    /// Its days and arrival in the week that fits.
    pub to: (Vec<u8>, f64),
}

impl PinMove {
    /// Days that change, then minutes: how much residents must relearn.
    fn size(&self) -> (usize, i64) {
        let changed = self
            .from
            .0
            .iter()
            .filter(|d| !self.to.0.contains(d))
            .count();
        (changed, (self.to.1 - self.from.1).abs().round() as i64)
    }

    /// "熊野神社（高田）: Mon/Wed 10:07 → Mon/Wed 10:40 (+33 min)".
    pub fn words(&self, label: &str) -> String {
        let days = |d: &[u8]| {
            d.iter()
                .map(|&x| WEEKDAYS[x as usize].0)
                .collect::<Vec<_>>()
                .join("/")
        };
        let delta = (self.to.1 - self.from.1).round() as i64;
        format!(
            "{label}: {} {} → {} {} ({delta:+} min)",
            days(&self.from.0),
            clock(self.from.1),
            days(&self.to.0),
            clock(self.to.1)
        )
    }
}

/// The unfit week explained by its pins, when lifting them is what makes it fit.
pub(super) fn explain(
    p: &RouteProblem,
    stops: &[WeekStop],
    unfit: Unfit,
    deadline: Option<Instant>,
) -> Unfit {
    let pinned: Vec<usize> = (0..stops.len())
        .filter(|&i| stops[i].rules.pin.is_some())
        .collect();
    if pinned.is_empty() {
        return unfit;
    }
    let plan = |lifted: &[usize]| -> Option<WeekPlan> {
        let mut s = stops.to_vec();
        for &i in lifted {
            s[i].rules.pin = None;
        }
        plan_week_until(&p.travel.minutes, 0, &s, &p.rules, deadline).ok()
    };
    if plan(&pinned).is_none() {
        return unfit;
    }
    let mut moves: Vec<PinMove> = Vec::new();
    for &i in &pinned {
        if crate::budget::passed(deadline) {
            break;
        }
        if let Some(week) = plan(&[i]) {
            let pin = stops[i].rules.pin.expect("pinned");
            let seen = week.by_stop(stops.len());
            let to_days: Vec<u8> = seen[i].iter().map(|v| v.day).collect();
            let from_days: Vec<u8> = (0..7u8).filter(|d| pin.days & (1 << d) != 0).collect();
            moves.push(PinMove {
                stop: i,
                from: (from_days, pin.at),
                to: (to_days, seen[i].first().map_or(pin.at, |v| v.arrive)),
            });
        }
    }
    let label = |i: usize| p.stops[i].label().to_string();
    let names: Vec<String> = if moves.is_empty() {
        pinned.iter().map(|&i| label(i)).collect()
    } else {
        moves.iter().map(|m| label(m.stop)).collect()
    };
    let least = moves.iter().min_by_key(|m| m.size()).cloned();
    let suggestion = match &least {
        Some(m) => format!(
            "the least change that fits: move {}",
            m.words(&label(m.stop))
        ),
        None => "no single pin can move to make it fit; the week fits without the pins (plan \
                 again without --pin, or drop some pins)"
            .into(),
    };
    Unfit {
        reason: format!(
            "the pinned days and times cannot all be kept (in conflict: {})",
            names.join(", ")
        ),
        suggestion,
        pins: Some(Box::new(PinConflict {
            stops: moves.iter().map(|m| m.stop).collect(),
            least,
        })),
        ..Unfit::rule("", "")
    }
}
