//! `mobile-stops serve`: the live page for the council meeting. The state is the library's
//! [`Meeting`]; this module only binds, guards and moves it over HTTP (docs/serve-api.md).

mod app;
mod downloads;
mod guard;
mod listen;
mod page;
mod routes;

use super::args::{DataArgs, StreetArgs};
use super::buyers::PurchaseArgs;
use super::route::WeekArgs;
use super::solve::ModelArgs;
use clap::Args;
use mobile_stops::budget::MemoryLimit;
use mobile_stops::meeting::{Meeting, Session, Setup, Walk};
use mobile_stops::pipeline::CouncilOptions;
use mobile_stops::report::Lang;
use mobile_stops::{io, Dataset, Error};
use std::path::PathBuf;
use std::sync::Arc;

/// `serve --help`'s examples.
pub const EXAMPLES: &str = "Examples:
  mobile-stops serve --p 5 --depot hiejinja --port 0         # this computer only; the URL is printed first
  mobile-stops serve --host 0.0.0.0 --port 0 --p 5           # tablets on the room's Wi-Fi: URL with ?token= and a QR code";

/// Stops asked for when the model needs a number and `--p` is not given.
const DEFAULT_P: usize = 5;

/// Flags of `serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub streets: StreetArgs,
    #[command(flatten)]
    pub model: ModelArgs,
    #[command(flatten)]
    pub week: WeekArgs,
    #[command(flatten)]
    pub purchases: PurchaseArgs,
    /// Folder the meeting's operations are kept in (`operations.jsonl`, fsynced per change)
    /// with the edited `candidates.csv`; starting again on it restores the meeting. Default: a
    /// new folder `meeting-YYYYMMDD-HHMMSS` here.
    #[arg(long, value_name = "DIR")]
    pub session: Option<PathBuf>,
    /// Address to listen on. Loopback (the default) needs no token; any other address (e.g.
    /// 0.0.0.0 for the members' tablets) gets a random token in the printed URL.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Port (0: any free port; the URL printed on the first line says which).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Open the page in this computer's browser.
    #[arg(long)]
    pub open: bool,
    /// Language of the page and its downloads.
    #[arg(long, value_parser = super::args::choice::<Lang>(), default_value = "ja")]
    pub lang: Lang,
    /// Base map tiles when the room has internet, e.g.
    /// https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png (GSI's 地理院タイル).
    #[arg(long, value_name = "URL_TEMPLATE", value_parser = tiles_template)]
    pub tiles: Option<String>,
    /// The tiles' credit shown on the map [default: 地理院タイル for GSI's, else the host].
    #[arg(long, value_name = "TEXT", requires = "tiles")]
    pub tiles_attribution: Option<String>,
}

impl ServeArgs {
    fn council(&self) -> Result<CouncilOptions, Error> {
        let mut model = self.model.options()?;
        if model.p.is_none() && model.model != mobile_stops::solve::Model::Lscp {
            model.p = Some(DEFAULT_P);
        }
        Ok(CouncilOptions {
            model,
            week: match (&self.week.depot, self.week.trucks_file()) {
                (None, None) => None,
                _ => Some(self.week.options(self.streets.spec(None))?),
            },
            buyers: self
                .purchases
                .params(self.week.service_min, &self.week.visits_per_week)?,
            lang: self.lang,
            ..CouncilOptions::default()
        })
    }

    /// The base map as the state shows it (null without `--tiles`).
    fn tiles(&self) -> serde_json::Value {
        let Some(url) = &self.tiles else {
            return serde_json::Value::Null;
        };
        let credit = self.tiles_attribution.clone().unwrap_or_else(|| {
            if url.contains("cyberjapandata.gsi.go.jp") {
                "地理院タイル (GSI)".into()
            } else {
                url.split('/').nth(2).unwrap_or_default().to_string()
            }
        });
        serde_json::json!({"url": url, "attribution": credit})
    }
}

/// `--tiles`: an http(s) URL template with {z}, {x} and {y}.
fn tiles_template(url: &str) -> Result<String, String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p));
    if ok {
        Ok(url.to_string())
    } else {
        Err("expected an http(s) URL with {z}, {x} and {y}".into())
    }
}

/// Reads the data, restores or starts the session, and serves until interrupted.
pub fn run(args: &ServeArgs, memory: MemoryLimit) -> Result<(), Error> {
    let council = args.council()?;
    council.validate()?;
    let tiles = args.tiles();
    let reach = args.model.reach();
    let paths = args.streets.paths(&args.data, reach);
    super::paths::Inputs::default()
        .data(&paths, "--")
        .file("--travel-matrix", args.week.travel_matrix.as_deref())
        .file("--trucks", args.week.trucks_file().as_deref())
        .file("--pin", args.week.pin.as_deref())
        .check(None, None)?;
    let budget = args.model.budget(memory)?;
    let data = io::load_dataset(&paths, budget)?;
    let dir = match &args.session {
        Some(d) => d.clone(),
        None => new_session_dir(),
    };
    // Shown in the state and the report as a full path, wherever serve was started.
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::io(dir.display().to_string(), "creating", e))?;
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let session = Session::open(&dir)?;
    let walk = paths
        .network
        .is_some()
        .then(|| walker(paths.clone(), dir.clone(), &data, budget));
    let setup = Setup {
        data,
        council,
        memory,
        walk,
    };
    let meeting = Meeting::open(setup, Some(session))?;
    listen::serve(meeting, args, tiles)
}

/// With `--network`: candidates added or moved are walked along the streets again, reading
/// them from the session's candidates file (the street graph comes from its cache).
fn walker(
    paths: io::DataPaths,
    dir: PathBuf,
    base: &Dataset,
    budget: mobile_stops::Budget,
) -> Walk {
    // The data keeps its name: the candidates are the same file, edited.
    let (label, source) = (base.label.clone(), base.candidates.source.clone());
    Arc::new(move |cands| {
        let file = dir.join(".walked-candidates.csv");
        let bytes = mobile_stops::meeting::candidates_csv::write(cands, false);
        std::fs::write(&file, bytes)
            .map_err(|e| Error::io(file.display().to_string(), "writing", e))?;
        let mut p = paths.clone();
        p.candidates = Some(file);
        let mut data = io::load_dataset(&p, budget)?;
        data.label = label.clone();
        data.candidates.source = source.clone();
        Ok(data)
    })
}

/// `meeting-YYYYMMDD-HHMMSS` (Japan time) in the working folder, numbered when taken.
fn new_session_dir() -> PathBuf {
    let now = chrono::Utc::now() + chrono::Duration::hours(9);
    let base = format!("meeting-{}", now.format("%Y%m%d-%H%M%S"));
    let mut dir = PathBuf::from(&base);
    let mut n = 2;
    while dir.exists() {
        dir = PathBuf::from(format!("{base}-{n}"));
        n += 1;
    }
    dir
}
