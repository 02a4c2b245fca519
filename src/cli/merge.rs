//! `mobile-stops merge SHARD...`: shard results joined into what one machine would have
//! written, or refused (exit 2, nothing written) when a shard is missing, twice, of another
//! input or another N, cut short or edited.

use super::args::OutputArgs;
use super::command_line::{shown_flags, with_flags};
use super::paths::Inputs;
use super::scenarios::Written;
use clap::Args;
use mobile_stops::budget::MemoryLimit;
use mobile_stops::pipeline::{merge_scenarios, read_shard, ScenarioRun};
use mobile_stops::Error;
use std::path::{Path, PathBuf};

/// Flags of `merge`.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The shard results (every shard of one run, any order).
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    /// Also write the HTML page (scenario shards), as `scenarios --report` does.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Also write the scenario × candidate table (scenario shards), as `scenarios --sites`.
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,
    /// Also write the robustness table (scenario shards), as `scenarios --robustness`.
    #[arg(long, value_name = "FILE")]
    pub robustness: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Checks every shard, then writes the merged outputs; a failed row makes the exit code 2
/// after writing, as in a single run.
pub fn run(args: &MergeArgs, memory: MemoryLimit) -> Result<(), Error> {
    let budget = super::budget(None, memory)?;
    let written = Written::new(&args.output, &args.report, &args.sites, &args.robustness)?;
    let outputs = [
        ("--out", args.output.out.as_deref()),
        ("--report", args.report.as_deref()),
        ("--sites", args.sites.as_deref()),
        ("--robustness", args.robustness.as_deref()),
    ];
    let inputs = args
        .shards
        .iter()
        .fold(Inputs::default(), |i, p| i.file("a shard", Some(p)));
    inputs.check_all(&outputs)?;
    let first = read_shard(&args.shards[0])?;
    if first.kind == "regions" {
        return super::regions::merge(args, budget);
    }
    let merged = merge_scenarios(&args.shards, budget)?;
    inputs
        .data(&merged.input.file.data, "the scenario file's [data] ")
        .file("the scenario file", Some(Path::new(&merged.input.source)))
        .check_all(&outputs)?;
    let skip: Vec<String> = args
        .shards
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let command = with_flags(&merged.command, &shown_flags("merge", &skip));
    let (source, data) = (&merged.input.source, &merged.input.data);
    written.write(&merged.batch, source, data, &command)?;
    let run = ScenarioRun {
        source: source.clone(),
        batch: merged.batch,
    };
    run.failure().map_or(Ok(()), Err)
}
