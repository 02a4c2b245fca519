//! What the meeting hands out, for the agreed set (the last named set, else the current
//! answer): the council report and the week from the same pipelines as `report` and `route`,
//! so the page's downloads are the files those commands write for the same flags and edits.

use super::state::{Meeting, Setup};
use crate::budget::Budget;
use crate::error::Result;
use crate::model::{Candidates, Dataset};
use crate::pipeline::{council, plan_route, Council, ModelOptions, RoutePlan, StopSource};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The set the meeting agreed on.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreed {
    /// The named set's name (`None`: the current answer).
    pub name: Option<String>,
    /// Candidate ids.
    pub stops: Vec<String>,
}

/// One version of the meeting, copied so a report that takes seconds to write does not hold
/// up the room's next change.
#[derive(Clone)]
pub struct Outputs {
    setup: Setup,
    model: ModelOptions,
    candidates: Candidates,
    data: Dataset,
    agreed: Agreed,
    /// The version it is of.
    pub version: u64,
    /// The session folder.
    pub session: Option<PathBuf>,
}

impl Meeting {
    /// The last named set still in force, else the current answer's stops.
    pub fn agreed(&self) -> Agreed {
        match self.edits.named.last() {
            Some(s) => Agreed {
                name: Some(s.name.clone()),
                stops: s.stops.clone(),
            },
            None => Agreed {
                name: None,
                stops: self.answer.chosen_ids.clone(),
            },
        }
    }

    /// This version's outputs, to write without the meeting.
    pub fn outputs(&self) -> Outputs {
        Outputs {
            setup: self.setup.clone(),
            model: self.edits.model.clone(),
            candidates: self.edits.candidates.clone(),
            data: self.data.clone(),
            agreed: self.agreed(),
            version: self.version(),
            session: self.session_dir().map(std::path::Path::to_path_buf),
        }
    }
}

impl Outputs {
    /// The set the downloads are for.
    pub fn agreed(&self) -> &Agreed {
        &self.agreed
    }

    /// The options the meeting started from (language, week).
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The edited dataset.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The edited candidates as a candidates file (UTF-8 with BOM, or CP932).
    pub fn candidates_csv(&self, cp932: bool) -> Vec<u8> {
        super::candidates_csv::write(&self.candidates, cp932)
    }

    fn budget(&self) -> Budget {
        Budget {
            deadline: None,
            memory: self.setup.memory,
        }
    }

    /// The council report of the edited data and options, with the named set (if any)
    /// compared, as `report --set NAME=STOPS` would.
    pub fn council_report(&self) -> Result<Council> {
        let mut opts = self.setup.council.clone();
        opts.model = self.model.clone();
        let agreed = &self.agreed;
        if let Some(name) = &agreed.name {
            opts.sets.push(format!("{name}={}", agreed.stops.join(",")));
        }
        council(&self.data, &opts, self.budget())
    }

    /// The week of the agreed set, as `route --stops IDS` plans it (`None` without week
    /// options with a depot).
    pub fn route_plan(&self) -> Result<Option<RoutePlan>> {
        let Some(week) = &self.setup.council.week else {
            return Ok(None);
        };
        let source = StopSource::List(self.agreed.stops.join(","));
        plan_route(&self.data, &source, week, self.budget()).map(Some)
    }

    /// The agreed stops with their places and what they hold.
    pub fn stops_json(&self) -> Value {
        let agreed = &self.agreed;
        let sites = &self.candidates;
        let stops: Vec<Value> = agreed
            .stops
            .iter()
            .filter_map(|id| sites.index_of(id).map(|j| &sites.sites[j]))
            .map(|s| {
                json!({"id": s.id, "name": s.name, "kind": s.kind, "lat": s.location.lat,
                       "lon": s.location.lon, "vehicle_slots": s.vehicle_slots})
            })
            .collect();
        json!({"name": agreed.name, "version": self.version, "stops": stops})
    }

    /// The agreed stops as CSV (UTF-8 with a byte-order mark): id, name, kind, lat, lon,
    /// vehicle_slots.
    pub fn stops_csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
        let _ = w.write_record(["id", "name", "kind", "lat", "lon", "vehicle_slots"]);
        for s in self.stops_json()["stops"].as_array().into_iter().flatten() {
            let cell = |k: &str| match &s[k] {
                Value::String(t) => t.clone(),
                Value::Null => String::new(),
                v => v.to_string(),
            };
            let _ = w.write_record(["id", "name", "kind", "lat", "lon", "vehicle_slots"].map(cell));
        }
        w.into_inner().unwrap_or_default()
    }
}
