//! `scenarios FILE --shard I/N` (or `--shard-from-env` in a Slurm array task): one shard of a
//! batch, written as a shard result for `merge`.

use super::scenarios::{distances, ScenariosArgs};
use mobile_stops::budget::Budget;
use mobile_stops::pipeline::{load_scenarios_with, shard_bytes};
use mobile_stops::scenario::shard::ShardSpec;
use mobile_stops::Error;

/// The shard asked for, if any: `--shard I/N`, or the Slurm array task's with
/// `--shard-from-env`.
pub fn spec(args: &ScenariosArgs) -> Result<Option<ShardSpec>, Error> {
    if args.shard_from_env {
        return ShardSpec::from_env(|k| std::env::var(k).ok()).map(Some);
    }
    args.shard
        .as_deref()
        .map(|t| ShardSpec::parse(t, "--shard"))
        .transpose()
}

/// Solves the shard's rows and writes its result (atomically: a task killed while writing
/// leaves no file, and `merge` names the shard missing). A signal ends the task without
/// writing: Slurm's requeue runs it again from the start, and a shard with rows cut short
/// would merge into a result no single run gives.
pub fn run(args: &ScenariosArgs, spec: ShardSpec, budget: Budget) -> Result<(), Error> {
    let inputs = super::paths::Inputs::default()
        .file("the scenario file", Some(&args.file))
        .file("--cost-matrix", args.cost_matrix.as_deref())
        .file("--network", args.streets.network.as_deref())
        .file("--dem", args.streets.dem.as_deref());
    let outputs = [("--out", args.output.out.as_deref())];
    inputs.check_all(&outputs)?;
    let input = load_scenarios_with(&args.file, distances(args), budget)?;
    inputs
        .data(&input.file.data, "the scenario file's [data] ")
        .check_all(&outputs)?;
    let command = super::command_line::shown_command("scenarios");
    let body = input.run_shard(spec, &args.file, distances(args), command, budget, &|_| {})?;
    super::emit(args.output.out.as_deref(), &shard_bytes(&body))?;
    if !args.quiet {
        eprintln!(
            "mobile-stops: shard {} of {}: {} of {} rows",
            spec.index,
            spec.count,
            body.rows.len(),
            body.rows_total
        );
    }
    Ok(())
}
