//! `mobile-stops compare`: two or more stop sets side by side.

use super::args::{DataArgs, OutputArgs};
use super::rank::ScoreArgs;
use clap::Args;
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::pipeline::{resolve_set, split_sets};
use mobile_stops::report::render_compare;
use mobile_stops::score::compare::compare;
use mobile_stops::score::score;
use mobile_stops::{io, Error};

/// Flags of `compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: super::args::StreetArgs,
    /// A named stop set: `NAME=ID_OR_NAME,…` or `NAME=@FILE` (a `solve --format json` result
    /// or a CSV with an `id` column). Give two or more.
    #[arg(long = "set", value_name = "NAME=STOPS", required = true)]
    pub sets: Vec<String>,
    #[command(flatten)]
    pub score: ScoreArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Validates flags, reads the data and the sets, measures and writes.
pub fn run(args: &CompareArgs, memory: MemoryLimit) -> Result<(), Error> {
    let params = args.score.params(memory)?;
    super::paths::Inputs::default()
        .data(
            &args.streets.paths(&args.data, Some(args.score.radius_m)),
            "--",
        )
        .sets(&args.sets)
        .check(args.output.out.as_deref(), None)?;
    let raw = split_sets(&args.sets, 2)?;
    let data = io::load_dataset(
        &args.streets.paths(&args.data, Some(args.score.radius_m)),
        Budget {
            deadline: None,
            memory,
        },
    )?;
    let sets = raw
        .iter()
        .map(|(n, s)| {
            resolve_set(
                n,
                s,
                &data,
                Budget {
                    deadline: None,
                    memory,
                },
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let table = score(&data, &params)?;
    let c = compare(&data, &table, &sets);
    let bytes = render_compare(&data, &c, args.output.format, args.output.lang);
    super::emit(args.output.out.as_deref(), &bytes)
}
