//! Command-line wiring: flags → validated parameters → library calls → writers.
//!
//! Exit codes: 0 success; 2 bad input or usage (the message names file:line:column, the flag,
//! or the path that could not be written); 3 no solution (infeasible constraints, a week the
//! stops do not fit); 130 interrupted by Ctrl-C, SIGTERM or SIGHUP (one code for all three: the
//! `ctrlc` crate does not say which arrived), after removing the unfinished output's temporary
//! files; 1 an internal fault (a bug).

mod args;
mod compare;
mod data;
mod rank;
mod report;
mod route;
mod scenarios;
mod solve;

use clap::{Parser, Subcommand};
use mobile_stops::report::Format;
use mobile_stops::Error;
use std::io::Write;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// When the command started: `--time-limit-s` counts from here, so reading the data and
/// writing the result are inside the promise, not added to it.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// The share of a time limit kept back for what follows the search (describing the answer,
/// rendering, writing), so the whole command ends within the limit.
const AFTER_SEARCH: f64 = 0.03;

/// The instant the searching must stop for the command to end within `--time-limit-s` of
/// its start (`None` without a limit).
pub fn deadline(time_limit_s: Option<f64>) -> Result<Option<Instant>, Error> {
    match time_limit_s {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 && s <= 1e7 => {
            let limit = Duration::from_secs_f64(s).mul_f64(1.0 - AFTER_SEARCH);
            Ok(Some(*STARTED.get_or_init(Instant::now) + limit))
        }
        Some(s) => Err(Error::usage(
            "--time-limit-s",
            "a number of seconds greater than 0",
            format!("`{s}`"),
        )),
    }
}

/// Chooses where a mobile grocery truck should stop: ranks candidate sites by who they reach.
#[derive(Parser, Debug)]
#[command(name = "mobile-stops", version, about, long_about = None)]
pub struct Cli {
    /// Worker threads (default: all cores). Results are identical for any count.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// Memory the run may use, in GB (default: 80 % of this machine's). Inputs that would
    /// need more are refused before reading or building them, saying how much they need.
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
    Rank(rank::RankArgs),
    /// Choose a set of stops with a location model (mclp, lscp, pmedian, pcenter) and say
    /// what is proven about it.
    Solve(solve::SolveArgs),
    /// Turn the chosen stops into each day's run and a weekly timetable (solves first when
    /// no --stops file is given).
    Route(Box<route::RouteArgs>),
    /// Put two or more stop sets side by side: who each reaches, who is left out, which
    /// stops lack space.
    Compare(compare::CompareArgs),
    /// Write the council report: summary, map, why each stop, alternatives, ranked list,
    /// timetable (with --depot) and comparison (with --set), as HTML or Markdown.
    Report(Box<report::ReportArgs>),
    /// Solve many what-if variants (a TOML file of scenarios and sweeps) in parallel and
    /// rank candidates by how robustly they are chosen.
    Scenarios(scenarios::ScenariosArgs),
    /// Work with the embedded default dataset.
    Data {
        #[command(subcommand)]
        action: data::DataCommand,
    },
}

/// Exit code after Ctrl-C, SIGTERM or SIGHUP: 128 + SIGINT, the shell's convention.
const EXIT_INTERRUPTED: i32 = 130;

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
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            let err = Error::usage(
                "command line",
                "valid flags (see --help)",
                first.to_string(),
            );
            let raw: Vec<String> = std::env::args().collect();
            let json = raw.windows(2).any(|w| w[0] == "--format" && w[1] == "json")
                || raw.iter().any(|a| a == "--format=json");
            report_error(&err, json);
            return err.exit_code();
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
    if let Some(gb) = cli.max_memory_gb {
        if !(gb.is_finite() && gb > 0.0 && gb <= 1e6) {
            return Err(Error::usage(
                "--max-memory-gb",
                "a number of gigabytes greater than 0",
                format!("`{gb}`"),
            ));
        }
        mobile_stops::memory::set_limit_bytes((gb * 1e9) as u64);
    }
    if let Some(n) = cli.threads {
        if n == 0 {
            return Err(Error::usage("--threads", "at least 1 thread", "`0`"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::usage("--threads", "a thread pool", e.to_string()))?;
    }
    match cli.command {
        Command::Rank(args) => rank::run(&args),
        Command::Solve(args) => solve::run(&args),
        Command::Route(args) => route::run(&args),
        Command::Compare(args) => compare::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Scenarios(args) => scenarios::run(&args),
        Command::Data { action } => data::run(&action),
    }
}

/// The signal handler (on `ctrlc`'s own thread): removes the unfinished output, says what is
/// on disk, exits 130. A result renamed into place before the signal is complete and is named,
/// so the message never claims that nothing was written when something was.
fn on_signal() {
    mobile_stops::output::remove_partial_output_and_exit(|done| {
        let written: Vec<String> = done
            .written
            .iter()
            .map(|p| p.display().to_string())
            .collect();
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
        writeln!(err, "{}", e.to_json())
    } else {
        writeln!(err, "mobile-stops: {e}")
    };
}

/// Writes a rendered result to `--out` (atomically) or to standard output.
fn emit(out: Option<&std::path::Path>, bytes: &[u8]) -> Result<(), Error> {
    match out {
        Some(path) => mobile_stops::output::write_atomic(path, bytes),
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
