//! mobile-stops: where should a mobile grocery truck stop?
//!
//! Japanese neighbourhood councils choose stops for a supermarket's mobile sales by argument.
//! This crate turns that argument into evidence: it reads census mesh data, candidate sites,
//! survey answers and existing shops ([`io`]); finds who lives within walking distance of each
//! site ([`spatial`]); and scores every site term by term ([`score`]) so a council can see why a
//! site ranks where it does. Data flows one way: files → [`Dataset`] → [`Coverage`] →
//! [`ScoreTable`] → [`report`].
//!
//! ```
//! use mobile_stops::{io, score, ScoreParams};
//! let data = io::embedded::dataset().unwrap();
//! let table = score::score(&data, &ScoreParams::default()).unwrap();
//! assert_eq!(table.candidates.len(), data.candidates.data.sites.len());
//! assert_eq!(table.candidates[0].rank, 1);
//! ```

pub mod benchmarks;
pub mod budget;
pub mod compare;
pub mod defaults;
pub mod error;
pub mod io;
pub mod model;
pub mod param;
pub mod pipeline;
pub mod report;
pub mod route;
pub mod scenario;
pub mod score;
pub mod solve;
pub mod spatial;

pub use error::{Error, Location, Result};
pub use model::MeshCode;
pub use model::{CandidateSite, Candidates, Dataset, Demand, LatLon, Store, SurveyPlace};
pub use param::{Choice, Param};
pub use score::{CandidateScore, ScoreParams, ScoreTable};
pub use spatial::{Coverage, SphereIndex};
