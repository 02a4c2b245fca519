//! The pipelines a front end runs, as library calls: the council report, the week from a list
//! of stops and the scenario batch. The command line maps its flags onto these options; the
//! meeting page will fill the same options from a form.
//!
//! Each takes plain options (no flags), loaded data where the caller keeps it, and a
//! [`Budget`](crate::budget::Budget): one deadline and one memory limit for the whole run.

mod council;
mod merge;
mod model;
mod pins;
mod problem;
mod regions;
mod route;
mod scenarios;
mod sets;
mod shard;
mod stop_names;
mod stop_rules;
mod travel;
mod trucks;
mod week;

pub use council::{council, stamp_now, Council, CouncilOptions};
pub use merge::{merge_scenarios, read_shards, MergedScenarios, ShardSet};
pub use model::ModelOptions;
pub use problem::{build_problem, BuiltProblem};
pub use regions::{merge_regions, open_regions, RegionSet, NO_CANDIDATE};
pub use route::{
    plan_route, solved_stops, unfit_error, unfit_json, RoutePlan, StopSource, SOLVE_SHARE,
};
pub use scenarios::{
    load_scenarios, load_scenarios_with, DistanceSource, ScenarioInput, ScenarioRun,
};
pub use sets::{resolve_set, split_list, split_sets};
pub use shard::{
    data_hash, file_hash, hash_files, read_shard, shard_bytes, Distances, ShardBody, ShardRow,
};
pub use week::{parse_days, parse_window, start_date, Visits, WeekOptions};
