//! mobile-stops: where should a mobile grocery truck stop?
//!
//! Japanese neighbourhood councils choose stops for a supermarket's mobile sales by argument.
//! This crate turns that argument into evidence: it reads census mesh data, candidate sites,
//! survey answers and existing shops ([`io`]); finds who lives within walking distance of each
//! site ([`spatial`]); scores every site term by term ([`score`](mod@score)); chooses a set of
//! stops with a facility-location model and says what is proven about it
//! ([`solve`](mod@solve)); plans the week ([`route`]); runs what-if batches ([`scenario`]); and
//! writes what a council reads ([`report`]). [`pipeline`] runs the council report, the week from a list of stops and the
//! scenario batch as single calls, for the command line and the meeting page alike.
//!
//! Data flows one way, and so do the imports: files → [`Dataset`] → [`Coverage`] →
//! [`ScoreTable`] → [`Instance`] → [`SolveResult`] → week → report. Every layer takes plain
//! values and a [`Budget`] (one deadline, one memory limit); none prints, exits or knows a
//! command-line flag: errors name a [`Param`].
//!
//! ```
//! use mobile_stops::{io, score, solve, Instance, PlanningOptions, ScoreParams, SolveParams};
//! let data = io::load_dataset(&io::DataPaths::default(), Default::default()).unwrap();
//! // The ranked list: every candidate, term by term.
//! let table = score::score(&data, &ScoreParams::default()).unwrap();
//! assert_eq!(table.candidates.len(), data.candidates.data.sites.len());
//! assert_eq!(table.candidates[0].rank, 1);
//! // A set of five stops reaching the most older residents within 500 m, proven optimal.
//! let inst = Instance::from_dataset(&data, &PlanningOptions::default()).unwrap();
//! let res = solve::solve(&inst, &SolveParams { p: Some(5), ..SolveParams::default() }).unwrap();
//! assert!(res.is_optimal());
//! ```

pub mod benchmarks;
pub mod budget;
pub mod calendar;
pub mod defaults;
pub mod error;
pub mod io;
pub mod meeting;
pub mod model;
pub mod network;
#[cfg(test)]
mod on_threads;
pub mod param;
pub mod pipeline;
pub mod regions;
pub mod report;
pub mod route;
pub mod scenario;
pub mod score;
pub mod solve;
pub mod spatial;

pub use budget::{Budget, MemoryLimit};
pub use error::{Error, Location, Result};
pub use io::{load_dataset, DataPaths};
pub use model::{CandidateSite, Candidates, Dataset, Demand, LatLon, MeshCode, Store, SurveyPlace};
pub use param::{Choice, Param};
pub use pipeline::{
    council, load_scenarios, plan_route, Council, CouncilOptions, ModelOptions, RoutePlan,
    StopSource, WeekOptions,
};
pub use report::{Format, Lang, RouteFormat};
pub use route::{RouteProblem, WeekPlan, WeekRules, WeekShape};
pub use scenario::{run_batch, Batch, RowOutcome, ScenarioFile};
pub use score::compare::{compare, Comparison, StopSet};
pub use score::{score, CandidateScore, ScoreParams, ScoreTable};
pub use solve::{
    solve, Instance, Method, Model, PlanningOptions, SolveParams, SolveResult, Status,
};
pub use spatial::{Coverage, SphereIndex};
