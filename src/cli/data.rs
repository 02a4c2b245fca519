//! `mobile-stops data export DIR`: the embedded dataset as editable files.

use clap::Subcommand;
use mobile_stops::{io::embedded, Error};
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum DataCommand {
    /// Write the embedded dataset as demand.csv, candidates.csv, notes.csv (its cautions),
    /// area.geojson (the city outline) and SOURCE.md into DIR, to edit and rank again with
    /// --data DIR.
    #[command(after_help = super::examples::DATA_EXPORT)]
    Export {
        /// Target directory (created if missing).
        dir: PathBuf,
        /// Replace files already in DIR.
        #[arg(long)]
        force: bool,
    },
}

pub fn run(cmd: &DataCommand) -> Result<(), Error> {
    match cmd {
        DataCommand::Export { dir, force } => {
            let files = embedded::export_files(dir, *force)?;
            // All or none: an error or Ctrl-C part-way leaves no half-filled directory.
            let files: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(name, body)| (*name, body.as_bytes()))
                .collect();
            let written = super::output::write_files_atomic(dir, &files)?;
            for w in written {
                eprintln!("mobile-stops: wrote {}", w.display());
            }
            Ok(())
        }
    }
}
