//! `mobile-stops report`: the council report (HTML or Markdown) from data, model and week flags.

use super::args::DataArgs;
use super::buyers::PurchaseArgs;
use super::route::WeekArgs;
use super::solve::ModelArgs;
use clap::{Args, ValueEnum};
use mobile_stops::budget::MemoryLimit;
use mobile_stops::defaults::{PRIOR_ANSWERS, TOLERANCE_PCT};
use mobile_stops::pipeline::{council, stamp_now, CouncilOptions};
use mobile_stops::report::{council_html, council_markdown, Lang};
use mobile_stops::{io, Error};
use std::path::PathBuf;

/// Output format of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained page (inline CSS and SVG) that opens offline and prints on A4.
    Html,
    /// Text for minutes and email (the map stays in the HTML).
    Markdown,
}

/// Flags of `report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub week: WeekArgs,
    /// Another stop set to compare with the chosen one: `NAME=STOPS` or `NAME=@FILE` (repeat).
    #[arg(long = "set", value_name = "NAME=STOPS")]
    pub sets: Vec<String>,
    /// Term weights of the ranked list, e.g. reach=1,need=1,far=1.
    #[arg(long, value_name = "TERM=W,..")]
    pub weights: Option<String>,
    /// How many survey answers the prior (overall rate) is worth.
    #[arg(long, default_value_t = PRIOR_ANSWERS, allow_negative_numbers = true)]
    pub prior_answers: f64,
    #[command(flatten)]
    pub purchases: PurchaseArgs,
    /// Within this many percent of the chosen set, an alternative counts as as good.
    #[arg(long, default_value_t = TOLERANCE_PCT, allow_negative_numbers = true)]
    pub tolerance_pct: f64,
    /// Heading of the report.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output (a file is replaced only when complete; a FIFO
    /// or device such as /dev/stdout is written to directly).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Language (Japanese by default: the report is for the council).
    #[arg(long, value_parser = super::args::choice::<Lang>(), default_value = "ja")]
    pub lang: Lang,
    /// Add the time of writing (off by default so the same input gives the same bytes).
    #[arg(long)]
    pub stamp: bool,
}

impl ReportArgs {
    /// The library's council options from the flags.
    fn options(&self) -> Result<CouncilOptions, Error> {
        Ok(CouncilOptions {
            model: self.model.options()?,
            // A week is planned when it has a depot: --depot, or a trucks file's own.
            week: match (&self.week.depot, self.week.trucks_file()) {
                (None, None) => None,
                _ => Some(self.week.options(self.streets.spec(None))?),
            },
            sets: self.sets.clone(),
            weights: self.weights.clone(),
            prior_answers: self.prior_answers,
            buyers: self
                .purchases
                .params(self.week.service_min, &self.week.visits_per_week)?,
            tolerance_pct: self.tolerance_pct,
            title: self.title.clone(),
            lang: self.lang,
        })
    }
}

/// Validates flags, runs the council pipeline, and writes the report.
pub fn run(args: &ReportArgs, memory: MemoryLimit) -> Result<(), Error> {
    let opts = args.options()?;
    opts.validate()?;
    let budget = args.model.budget(memory)?;
    opts.score_params(budget)?;
    super::paths::Inputs::default()
        .data(&args.streets.paths(&args.data, args.model.reach()), "--")
        .sets(&args.sets)
        .file("--travel-matrix", args.week.travel_matrix.as_deref())
        .file("--trucks", args.week.trucks_file().as_deref())
        .file("--pin", args.week.pin.as_deref())
        .check(args.out.as_deref(), None)?;
    let data = io::load_dataset(&args.streets.paths(&args.data, args.model.reach()), budget)?;
    let done = council(&data, &opts, budget)?;
    let mut report = done.report(&data, args.stamp.then(|| stamp_now(args.lang)));
    report.command = Some(super::command_line::shown_command("report"));
    let text = match args.format {
        ReportFormat::Html => council_html(&report, args.lang),
        ReportFormat::Markdown => council_markdown(&report, args.lang),
    };
    super::emit(args.out.as_deref(), text.as_bytes())
}
