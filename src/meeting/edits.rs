//! What the meeting's operations add up to: the model options and the candidates as edited,
//! the named sets. Always rebuilt by replaying the log from the start, so an undo is the same
//! state as if the operation had never been made.

use super::op::{Op, Role};
use crate::model::{CandidateSite, Candidates, LatLon};
use crate::pipeline::ModelOptions;
use crate::solve::Model;
use crate::Choice;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One applied operation as the session file keeps it: enough to replay it exactly (the id a
/// new candidate got, the stops a name was given) and to list it in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The version it produced (the first operation produces 1).
    pub version: u64,
    /// The version it was made on.
    pub base: u64,
    /// Who made it.
    pub who: String,
    /// When, in Japan time (RFC 3339).
    pub at: String,
    /// What it did, in the meeting's language.
    pub what: String,
    /// The operation.
    pub op: Op,
    /// The id a new candidate was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_id: Option<String>,
    /// The stops a `name_set` named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stops: Vec<String>,
    /// How long the solve after it took, so a restarted server shows the same state.
    pub solve_ms: u64,
}

/// A stop set the council named, to compare later answers with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamedSet {
    /// Its name.
    pub name: String,
    /// Candidate ids, in the candidates' order.
    pub stops: Vec<String>,
    /// The version that named it.
    pub version: u64,
}

/// The state the operations built, before solving.
#[derive(Debug, Clone, PartialEq)]
pub struct Edits {
    /// The model options (require and exclude hold ids).
    pub model: ModelOptions,
    /// The candidates as edited: moved, slots set, added at the end.
    pub candidates: Candidates,
    /// Ids of candidates added in the meeting.
    pub added: BTreeSet<String>,
    /// Ids of candidates moved in the meeting.
    pub moved: BTreeSet<String>,
    /// Named sets, oldest first.
    pub named: Vec<NamedSet>,
    /// The named set "what changed" measures against.
    pub compare_with: Option<String>,
}

impl Edits {
    /// The state before any operation.
    pub fn new(model: ModelOptions, candidates: Candidates) -> Edits {
        Edits {
            model,
            candidates,
            added: BTreeSet::new(),
            moved: BTreeSet::new(),
            named: Vec::new(),
            compare_with: None,
        }
    }

    /// `start` with every operation of `log` that is not undone applied in order. An
    /// operation whose candidate no longer exists (its addition was undone) changes nothing.
    pub fn replay(start: &Edits, log: &[Entry]) -> Edits {
        let active = active(log);
        let mut edits = start.clone();
        for (e, _) in log.iter().zip(&active).filter(|(_, on)| **on) {
            edits.apply(e);
        }
        edits
    }

    /// The role the options give candidate `id`.
    pub fn role(&self, id: &str) -> Role {
        if self.model.require.iter().any(|r| r == id) {
            Role::Required
        } else if self.model.exclude.iter().any(|r| r == id) {
            Role::Excluded
        } else {
            Role::Free
        }
    }

    /// The set "what changed" is measured against, when one is chosen.
    pub fn compared(&self) -> Option<&NamedSet> {
        let name = self.compare_with.as_deref()?;
        self.named.iter().rev().find(|s| s.name == name)
    }

    fn site_mut(&mut self, id: &str) -> Option<&mut CandidateSite> {
        self.candidates.sites.iter_mut().find(|s| s.id == id)
    }

    fn apply(&mut self, e: &Entry) {
        let m = &mut self.model;
        match &e.op {
            Op::SetModel { model } => m.model = Model::from_name(model).unwrap_or(m.model),
            Op::SetP { p } => m.p = usize::try_from(*p).ok(),
            Op::SetRadius { radius_m } => m.radius_m = *radius_m,
            Op::SetObjective { weight } => m.objective_weight = weight.clone(),
            Op::SetVehicles { vehicles } => m.vehicles = (*vehicles).max(1) as u64,
            Op::SetRole { id, role } => {
                if self.site_mut(id).is_some() {
                    self.set_role(id, *role);
                }
            }
            Op::AddCandidate {
                name,
                site_kind,
                lat,
                lon,
                vehicle_slots,
            } => {
                let id = e.new_id.clone().unwrap_or_default();
                self.add(id, name, site_kind.as_deref(), LatLon::new(*lat, *lon));
                if let Some(site) = self.candidates.sites.last_mut() {
                    site.vehicle_slots = vehicle_slots.map(|s| s.max(0) as u64);
                }
            }
            Op::MoveCandidate { id, lat, lon } => {
                if let Some(site) = self.site_mut(id) {
                    site.location = LatLon::new(*lat, *lon);
                    self.moved.insert(id.clone());
                }
            }
            Op::SetSlots { id, vehicle_slots } => {
                if let Some(site) = self.site_mut(id) {
                    site.vehicle_slots = vehicle_slots.map(|s| s.max(0) as u64);
                }
            }
            Op::Undo { .. } => {}
            Op::NameSet { name } => self.named.push(NamedSet {
                name: name.trim().to_string(),
                stops: e.stops.clone(),
                version: e.version,
            }),
            Op::CompareWith { name } => {
                self.compare_with = name.as_ref().map(|n| n.trim().to_string())
            }
        }
    }

    fn set_role(&mut self, id: &str, role: Role) {
        let m = &mut self.model;
        m.require.retain(|r| r != id);
        m.exclude.retain(|r| r != id);
        match role {
            Role::Required => m.require.push(id.to_string()),
            Role::Excluded => m.exclude.push(id.to_string()),
            Role::Free => {}
        }
    }

    fn add(&mut self, id: String, name: &str, kind: Option<&str>, at: LatLon) {
        let extra = vec![String::new(); self.candidates.extra_columns.len()];
        let kind = kind.map(str::trim).filter(|k| !k.is_empty());
        self.candidates.sites.push(CandidateSite {
            id: id.clone(),
            location: at,
            name: Some(name.trim().to_string()),
            written_name: None,
            kind: kind.map(str::to_string),
            vehicle_slots: None,
            area_m2: None,
            width_m: None,
            length_m: None,
            note: None,
            extra,
            line: None,
        });
        self.candidates.disambiguate_names();
        self.added.insert(id);
    }
}

/// Which entries are in force: an undo that is itself in force takes back its target. Walked
/// from the newest, so an undo of an undo puts the first operation back.
pub fn active(log: &[Entry]) -> Vec<bool> {
    let mut on = vec![true; log.len()];
    for k in (0..log.len()).rev() {
        if let (true, Op::Undo { version }) = (on[k], &log[k].op) {
            if let Some(t) = version.checked_sub(1).map(|v| v as usize) {
                if t < k {
                    on[t] = false;
                }
            }
        }
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(version: u64, op: Op) -> Entry {
        Entry {
            version,
            base: version - 1,
            who: "t".into(),
            at: String::new(),
            what: String::new(),
            op,
            new_id: None,
            stops: Vec::new(),
            solve_ms: 0,
        }
    }

    #[test]
    fn undo_replays_without_the_operation_and_undo_of_undo_restores_it() {
        let data = crate::io::embedded::dataset().unwrap();
        let start = Edits::new(ModelOptions::default(), data.candidates.data.clone());
        let id = start.candidates.sites[0].id.clone();
        let mut log = vec![
            entry(1, Op::SetP { p: 3 }),
            entry(
                2,
                Op::SetRole {
                    id: id.clone(),
                    role: Role::Excluded,
                },
            ),
        ];
        let both = Edits::replay(&start, &log);
        assert_eq!(both.model.p, Some(3));
        assert_eq!(both.role(&id), Role::Excluded);
        log.push(entry(3, Op::Undo { version: 1 }));
        let undone = Edits::replay(&start, &log);
        assert_eq!(undone.model.p, None);
        assert_eq!(undone.role(&id), Role::Excluded);
        log.push(entry(4, Op::Undo { version: 3 }));
        assert_eq!(Edits::replay(&start, &log), both);
        assert_eq!(active(&log), vec![true, true, false, true]);
    }
}
