//! `mobile-stops rank`: score every candidate and print the ranked list.

use super::args::{DataArgs, OutputArgs};
use super::buyers::{PurchaseArgs, VisitArgs};
use clap::Args;
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::defaults::{PRIOR_ANSWERS, RADIUS_M, SHOP_DISTANCE_M, VEHICLES};
use mobile_stops::report::render_rank;
use mobile_stops::score::{score, TermWeights};
use mobile_stops::{io, Error, ScoreParams};

/// Flags of `rank`.
#[derive(Args, Debug)]
pub struct RankArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    #[command(flatten)]
    pub score: ScoreArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// How candidates are scored: shared by `rank` and `compare`, so both measure alike.
#[derive(Args, Debug, Clone)]
pub struct ScoreArgs {
    /// Walking radius in metres (straight line, or by --cost-matrix; minutes with --cost
    /// minutes).
    #[arg(long, default_value_t = RADIUS_M, allow_negative_numbers = true)]
    pub radius_m: f64,
    /// Vehicles a site must hold (the truck plus customers' and helpers' vehicles).
    #[arg(long, default_value_t = VEHICLES)]
    pub vehicles: u64,
    /// Demand column to weight by (default: first of weight, aged_65_plus, population).
    #[arg(long, value_name = "COLUMN")]
    pub weight: Option<String>,
    /// Term weights of the combined score, e.g. reach=1,need=1,far=1 (the default).
    #[arg(long, value_name = "TERM=W,..")]
    pub weights: Option<String>,
    /// Distance from every food shop at which an older resident counts as far (MAFF uses 500 m).
    #[arg(long, default_value_t = SHOP_DISTANCE_M, allow_negative_numbers = true)]
    pub shop_distance_m: f64,
    /// How many survey answers the prior (overall rate) is worth when pooling answers.
    #[arg(long, default_value_t = PRIOR_ANSWERS, allow_negative_numbers = true)]
    pub prior_answers: f64,
    #[command(flatten)]
    pub purchases: PurchaseArgs,
    #[command(flatten)]
    pub visits: VisitArgs,
}

impl ScoreArgs {
    /// Checked scoring parameters.
    pub fn params(&self, memory: MemoryLimit) -> Result<ScoreParams, Error> {
        let params = ScoreParams {
            radius_m: self.radius_m,
            vehicles: self.vehicles,
            weight_column: self.weight.clone(),
            weights: match &self.weights {
                Some(w) => TermWeights::parse(w)?,
                None => TermWeights::default(),
            },
            shop_distance_m: self.shop_distance_m,
            prior_answers: self.prior_answers,
            buyers: self
                .purchases
                .params(self.visits.service_min, &self.visits.visits_per_week)?,
            budget: Budget {
                deadline: None,
                memory,
            },
            ..ScoreParams::default()
        };
        params.validate()?;
        Ok(params)
    }
}

/// Validates flags before reading any file, then loads, scores and writes.
pub fn run(args: &RankArgs, memory: MemoryLimit) -> Result<(), Error> {
    let params = args.score.params(memory)?;
    super::paths::Inputs::default()
        .data(
            &args.streets.paths(&args.data, Some(args.score.radius_m)),
            "--",
        )
        .check(args.output.out.as_deref(), None)?;
    let data = io::load_dataset(
        &args.streets.paths(&args.data, Some(args.score.radius_m)),
        Budget {
            deadline: None,
            memory,
        },
    )?;
    let table = score(&data, &params)?;
    let bytes = render_rank(&table, args.output.format, args.output.lang);
    super::emit(args.output.out.as_deref(), &bytes)
}
