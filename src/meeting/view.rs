//! The whole state as the page reads it (`GET /api/state`, docs/serve-api.md): built from the
//! log's replay and the answer only, so the same session gives the same bytes after a restart.

use super::answer::{column, Answer};
use super::check::Bounds;
use super::edits::NamedSet;
use super::op::Role;
use super::state::Meeting;
use crate::model::{round, AGED_65_PLUS, POPULATION};
use crate::score::{SpaceParams, SpaceStatus};
use serde_json::{json, Map, Value};

impl Meeting {
    /// The state document; `tiles` is the base map the server offers (null for none).
    pub fn state_json(&self, tiles: Value) -> Value {
        let e = &self.edits;
        let m = &e.model;
        let lang = self.setup.council.lang;
        json!({
            "version": self.version(),
            "session": self.session_dir().map(|d| d.display().to_string()),
            "lang": lang.pick("en", "ja"),
            "options": {
                "model": m.model.name(),
                "p": m.p,
                "radius_m": m.radius_m,
                "objective_weight": m.objective_weight,
                "vehicles": m.vehicles,
            },
            "bounds": Bounds::of(&self.setup.data),
            "cells": self.cells(),
            "shops": self.shops(),
            "candidates": self.candidates(),
            "answer": answer_json(&self.answer),
            "changed": {
                "previous": self.previous.as_ref().map(|p| {
                    diff(self.version() - 1, &self.answer, p.population, p.aged, &p.chosen_ids)
                }),
                "named": e.compared().and_then(|s| self.against(s)),
            },
            "history": self.history(),
            "named_sets": e.named,
            "compare_with": e.compare_with,
            "network": self.data.streets.is_some(),
            "tiles": tiles,
        })
    }

    fn cells(&self) -> Vec<Value> {
        let d = &self.data;
        let (pop, aged) = (column(d, POPULATION), column(d, AGED_65_PLUS));
        let far = crate::score::far_from_shop_weights(d, self.edits.model.shop_distance_m);
        let demand = &d.demand.data;
        (0..demand.len())
            .map(|i| {
                json!({
                    "id": demand.ids[i],
                    "lat": demand.locations[i].lat,
                    "lon": demand.locations[i].lon,
                    "population": round(pop[i], 2),
                    "aged": round(aged[i], 2),
                    "far_from_shop": far.as_ref().map(|f| f[i] > 0.0),
                    "reached": self.answer.reached.get(i).copied().unwrap_or(false),
                })
            })
            .collect()
    }

    fn shops(&self) -> Vec<Value> {
        let stores = self.data.stores.as_ref().map(|s| s.data.as_slice());
        let shops = stores.unwrap_or_default().iter();
        shops
            .map(|s| json!({"id": s.id, "name": s.name, "lat": s.location.lat, "lon": s.location.lon}))
            .collect()
    }

    fn candidates(&self) -> Vec<Value> {
        let e = &self.edits;
        let space = SpaceParams::default();
        e.candidates
            .sites
            .iter()
            .map(|s| {
                let fit = match space.assess(s, e.model.vehicles).status {
                    SpaceStatus::Fits => "fits",
                    SpaceStatus::DoesNotFit => "no_space",
                    SpaceStatus::Unknown => "unknown",
                };
                let role = match e.role(&s.id) {
                    Role::Free => "free",
                    Role::Required => "required",
                    Role::Excluded => "excluded",
                };
                json!({
                    "id": s.id,
                    "name": s.name,
                    "kind": s.kind,
                    "lat": s.location.lat,
                    "lon": s.location.lon,
                    "vehicle_slots": s.vehicle_slots,
                    "space": fit,
                    "role": role,
                    "added": e.added.contains(&s.id),
                    "moved": e.moved.contains(&s.id),
                    "chosen": self.answer.chosen_ids.contains(&s.id),
                })
            })
            .collect()
    }

    fn history(&self) -> Vec<Value> {
        let on = self.in_force();
        let entries = self.log.iter().zip(on).rev();
        entries
            .map(|(e, on)| {
                json!({
                    "version": e.version,
                    "who": e.who,
                    "at": e.at,
                    "what": e.what,
                    "op": e.op,
                    "undone": !on,
                })
            })
            .collect()
    }

    /// The current answer against a named set: the set's reach measured on today's data.
    fn against(&self, set: &NamedSet) -> Option<Value> {
        let cover = &self.answer.solved.as_ref()?.cover;
        let mut hit = vec![false; self.data.demand.data.len()];
        let sites = &self.edits.candidates;
        for j in set.stops.iter().filter_map(|id| sites.index_of(id)) {
            for &i in cover.points_of(j) {
                hit[i as usize] = true;
            }
        }
        let sum = |v: Vec<f64>| round(v.iter().zip(&hit).filter(|p| *p.1).map(|p| p.0).sum(), 2);
        let (pop, aged) = (
            sum(column(&self.data, POPULATION)),
            sum(column(&self.data, AGED_65_PLUS)),
        );
        let mut v = diff(set.version, &self.answer, pop, aged, &set.stops);
        let obj = v.as_object_mut().expect("an object");
        obj.remove("version");
        obj.insert("name".into(), json!(set.name));
        Some(v)
    }
}

/// The answer against another set reaching `population` and `aged`: positive when the answer
/// reaches more; stops the answer has that the other lacks are `added`. An answer that could
/// not be solved has no stops and reaches nobody: everything the other set had is the loss,
/// and `unsolved` says so outright, so a drop to nothing is not read as a real plan.
fn diff(version: u64, now: &Answer, population: f64, aged: f64, other: &[String]) -> Value {
    let added: Vec<&String> = now
        .chosen_ids
        .iter()
        .filter(|id| !other.contains(id))
        .collect();
    let dropped: Vec<&String> = other
        .iter()
        .filter(|id| !now.chosen_ids.contains(id))
        .collect();
    json!({
        "version": version,
        "population": round(now.population - population, 2),
        "aged": round(now.aged - aged, 2),
        "added": added,
        "dropped": dropped,
        "unsolved": matches!(now.status, "infeasible" | "error"),
    })
}

/// The answer as the page reads it.
pub fn answer_json(a: &Answer) -> Value {
    let mut reaches = Map::new();
    for (id, cells) in a.chosen_ids.iter().zip(&a.reaches) {
        reaches.insert(id.clone(), json!(cells));
    }
    json!({
        "status": a.status,
        "gap_pct": a.gap_pct,
        "objective": a.objective,
        "bound": a.bound,
        "chosen": a.chosen_ids,
        "reach": {"population": a.population, "aged": a.aged},
        "reaches": reaches,
        "uncovered": a.uncovered,
        "solve_ms": a.solve_ms,
        "message": a.message,
    })
}
