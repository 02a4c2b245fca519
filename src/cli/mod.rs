//! Command-line wiring: flags → validated parameters → library calls → writers.
//!
//! Exit codes: 0 success; 2 bad input or usage (the message names file:line:column, the flag,
//! the path that could not be written — a directory, a full device, a closed standard output —
//! or an output path named twice or naming an input); 3 no solution (infeasible constraints, a week the
//! stops do not fit); 130 interrupted by Ctrl-C, SIGTERM or SIGHUP (one code for all three: the
//! `ctrlc` crate does not say which arrived), after removing the unfinished output's temporary
//! files (during a `scenarios` batch, after writing every output with the finished rows: see
//! `interrupt`); 1 an internal fault (a bug).

mod args;
mod buyers;
mod calendar;
mod command_line;
mod compare;
mod data;
mod error;
mod examples;
mod interrupt;
mod leaflet;
mod merge;
mod network;
mod network_drive;
mod network_render;
mod output;
mod paths;
mod progress;
mod rank;
mod regions;
mod report;
mod route;
mod scenarios;
mod serve;
mod shard;
mod solve;

use clap::{Parser, Subcommand};
use mobile_stops::budget::{Budget, MemoryLimit};
use mobile_stops::report::Format;
use mobile_stops::{Error, Param};
use std::io::Write;
use std::sync::OnceLock;
use std::time::Instant;

/// When the command started: `--time-limit-s` counts from here, so reading the data and
/// writing the result are inside the promise, not added to it.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// The command's budget: the instant the searching must stop for the command to end within
/// `--time-limit-s` of its start (none without a limit), and the memory limit.
pub fn budget(time_limit_s: Option<f64>, memory: MemoryLimit) -> Result<Budget, Error> {
    let started = *STARTED.get_or_init(Instant::now);
    Ok(Budget {
        deadline: mobile_stops::budget::deadline_after(started, time_limit_s)?,
        memory,
    })
}

/// Chooses where a mobile grocery truck should stop: ranks candidate sites by who they reach.
#[derive(Parser, Debug)]
#[command(name = "mobile-stops", version, about, long_about = None, after_help = examples::TOP)]
pub struct Cli {
    /// Worker threads (default: all cores), from 1 to 4 per core (at least 64 allowed); more
    /// is refused. Results are identical for any count.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// Memory the run may use, in GB (default: 80 % of this machine's; from 0.000001, i.e.
    /// 1 kB, to 10⁶). Inputs that would need more are refused before reading or building them,
    /// saying how much they need.
    #[arg(
        long,
        global = true,
        value_name = "GB",
        env = "MOBILE_STOPS_MAX_MEMORY_GB",
        allow_negative_numbers = true
    )]
    max_memory_gb: Option<f64>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score every candidate site and print the ranked list.
    #[command(after_help = examples::RANK)]
    Rank(rank::RankArgs),
    /// Choose a set of stops with a location model (mclp, lscp, pmedian, pcenter) and say
    /// what is proven about it.
    #[command(after_help = examples::SOLVE)]
    Solve(solve::SolveArgs),
    /// Turn the chosen stops into each day's run and a weekly timetable (solves first when
    /// no --stops file is given).
    #[command(after_help = examples::ROUTE)]
    Route(Box<route::RouteArgs>),
    /// Put two or more stop sets side by side: who each reaches, who is left out, which
    /// stops lack space.
    #[command(after_help = examples::COMPARE)]
    Compare(compare::CompareArgs),
    /// Write the council report: summary, map, why each stop, alternatives, ranked list,
    /// timetable (with --depot) and comparison (with --set), as HTML or Markdown.
    #[command(after_help = examples::REPORT)]
    Report(Box<report::ReportArgs>),
    /// Solve many what-if variants (a TOML file of scenarios and sweeps) in parallel and
    /// rank candidates by how robustly they are chosen.
    #[command(after_help = examples::SCENARIOS)]
    Scenarios(scenarios::ScenariosArgs),
    /// Join shard results (`scenarios --shard`, `regions solve --shard`) into one result:
    /// byte for byte what one machine writes, or refused when a shard is missing or wrong.
    #[command(after_help = examples::MERGE)]
    Merge(merge::MergeArgs),
    /// Plan many areas at once: split the data into regions (mesh squares or municipal
    /// outlines), solve each as a task of an array job, merge.
    #[command(after_help = examples::REGIONS)]
    Regions {
        #[command(subcommand)]
        action: regions::RegionsCommand,
    },
    /// The live page for the council meeting: members' changes (roles, new or moved sites,
    /// parking slots, p, radius) re-solve at once on every screen, with history, undo and the
    /// report and timetable to download.
    #[command(after_help = serve::EXAMPLES)]
    Serve(Box<serve::ServeArgs>),
    /// Walking distances along an OpenStreetMap extract's streets (© OpenStreetMap
    /// contributors): a from,to,metres matrix, and a check of what the extract gives.
    #[command(after_help = examples::NETWORK)]
    Network {
        #[command(subcommand)]
        action: network::NetworkCommand,
    },
    /// Work with the embedded default dataset.
    #[command(after_help = examples::DATA)]
    Data {
        #[command(subcommand)]
        action: data::DataCommand,
    },
}

/// Exit code after Ctrl-C, SIGTERM or SIGHUP: 128 + SIGINT, the shell's convention.
const EXIT_INTERRUPTED: i32 = 130;

/// `--threads` above this many per core is refused: results are the same for any count, and
/// each thread beyond the cores only adds start-up and switching (10,000 threads turned a
/// 0.01 s run into 54 s).
const THREADS_PER_CORE: usize = 4;

/// The cap is never below this, so a script written on a larger machine (`--threads 16`, 32)
/// still runs on a laptop.
const MIN_THREAD_CAP: usize = 64;

/// The most `--threads` accepts on this machine.
fn max_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    (cores * THREADS_PER_CORE).max(MIN_THREAD_CAP)
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    STARTED.get_or_init(Instant::now);
    // Before anything is written: a signal kills the process without running destructors, so
    // without this an interrupted `--out` would leave its `.mobile-stops-*.tmp` behind. If the
    // handler cannot be installed the default (die at once) still never touches the target.
    let _ = ctrlc::set_handler(on_signal);
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "mobile-stops: internal error: {msg}{place}. This is a bug in mobile-stops; please \
             report it with the command you ran. No output file was written."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print(); // --help, --version
            return 0;
        }
        Err(e) => {
            let text = e.render().to_string();
            let mut lines = text.lines();
            let mut first = lines
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            // "the following required arguments were not provided:" lists them below.
            if first.ends_with(':') {
                let listed: Vec<&str> = lines
                    .take_while(|l| l.starts_with("  "))
                    .map(str::trim)
                    .collect();
                first = format!("{first} {}", listed.join(", "));
            }
            let first = first.as_str();
            let raw: Vec<String> = std::env::args().collect();
            let json = raw.windows(2).any(|w| w[0] == "--format" && w[1] == "json")
                || raw.iter().any(|a| a == "--format=json");
            let err = error::command_line(first);
            let mut stderr = std::io::stderr().lock();
            let _ = if json {
                writeln!(stderr, "{err}")
            } else {
                let message = err["error"]["message"].as_str().unwrap_or_default();
                writeln!(stderr, "mobile-stops: {message}")
            };
            return 2;
        }
    };
    let json_errors = cli.json_errors();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => 0,
        Ok(Err(e)) => {
            report_error(&e, json_errors);
            e.exit_code()
        }
        Err(_) => 1,
    }
}

impl Cli {
    fn json_errors(&self) -> bool {
        match &self.command {
            Command::Rank(a) => a.output.format == Format::Json,
            Command::Solve(a) => a.output.format == Format::Json,
            Command::Route(a) => a.format == mobile_stops::report::RouteFormat::Json,
            Command::Compare(a) => a.output.format == Format::Json,
            Command::Report(_) => false,
            Command::Scenarios(a) => a.output.format == Format::Json,
            Command::Merge(a) => a.output.format == Format::Json,
            Command::Regions { action } => action.json(),
            Command::Serve(_) => false,
            Command::Network { action } => action.json(),
            Command::Data { .. } => false,
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    // Test hook: a bug cannot be summoned on purpose, so the test of what a user sees when one
    // happens (exit 1, a short message, no Rust panic text, no output file) asks for a panic.
    if std::env::var_os("MOBILE_STOPS_TEST_PANIC").is_some() {
        panic!("a panic asked for by MOBILE_STOPS_TEST_PANIC");
    }
    let memory = match cli.max_memory_gb {
        Some(gb) => MemoryLimit::gigabytes(gb)?,
        None => MemoryLimit::default(),
    };
    if let Some(n) = cli.threads {
        let cap = max_threads();
        if n == 0 || n > cap {
            return Err(Error::param(
                Param::Threads,
                format!(
                    "1 to {cap} threads ({THREADS_PER_CORE} per core or {MIN_THREAD_CAP}, \
                     whichever is more; results are the same for any count)"
                ),
                format!("`{n}`"),
            ));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::param(Param::Threads, "a thread pool", e.to_string()))?;
    }
    match cli.command {
        Command::Rank(args) => rank::run(&args, memory),
        Command::Solve(args) => solve::run(&args, memory),
        Command::Route(args) => route::run(&args, memory),
        Command::Compare(args) => compare::run(&args, memory),
        Command::Report(args) => report::run(&args, memory),
        Command::Scenarios(args) => scenarios::run(&args, memory),
        Command::Merge(args) => merge::run(&args, memory),
        Command::Regions { action } => regions::run(&action, memory),
        Command::Serve(args) => serve::run(&args, memory),
        Command::Network { action } => network::run(&action, memory),
        Command::Data { action } => data::run(&action),
    }
}

/// The signal handler (on `ctrlc`'s own thread): removes the unfinished output, says what is
/// on disk, exits 130 (a running scenario batch instead stops and keeps its finished rows). A
/// result renamed into place before the signal is complete and is named, so the message never
/// claims that nothing was written when something was.
fn on_signal() {
    // During a scenario batch the first signal stops the searches and the batch writes what
    // finished (see `interrupt`); otherwise, and on a second signal, end here.
    if interrupt::absorb() {
        return;
    }
    progress::clear_bar_line();
    output::remove_partial_output_and_exit(|done| {
        let written: Vec<String> = done
            .written
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        if !done.streaming.is_empty() {
            let partial: Vec<String> = done
                .streaming
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            eprintln!(
                "mobile-stops: interrupted; {} (not a regular file, written directly) may have \
                 received part of the result",
                partial.join(", ")
            );
        }
        if written.is_empty() {
            eprintln!("mobile-stops: interrupted; no output file was written or changed");
        } else {
            eprintln!(
                "mobile-stops: interrupted; {} written in full, no other output file changed",
                written.join(", ")
            );
        }
        EXIT_INTERRUPTED
    })
}

fn report_error(e: &Error, json: bool) {
    let mut err = std::io::stderr().lock();
    let _ = if json {
        writeln!(err, "{}", error::json(e))
    } else {
        writeln!(err, "mobile-stops: {}", error::text(e))
    };
}

/// Writes a rendered result to `--out` (atomically, or directly to a FIFO or device) or to
/// standard output. A reader of standard output that went away (`| head`: EPIPE) is not an
/// error, the Unix convention; a closed standard output (`>&-`) or any other failure is.
fn emit(out: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Error> {
    match out {
        Some(path) => output::write_atomic(path, bytes),
        None if output::stdout_closed() => Err(output::stdout_closed_error()),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(Error::io("standard output", "writing", e))
                }
                _ => Ok(()),
            }
        }
    }
}
