//! A dataset's cautions as a file (`notes.csv`), so they travel with the data.
//!
//! The embedded dataset carries limits every result must repeat (the southern band missing,
//! town-point coordinates, the estimated secrecy split). `data export` writes them beside the
//! CSVs, and `--data DIR` reads them back onto the parts they are about, so a council ranking
//! its edited copy reads the same cautions as one ranking the embedded data. A planner may
//! add their own rows (`part,en,ja`; one language may be left empty).

use super::columns::{EN, JA, NOTES, PART};
use super::text::{fold, SourceText, Table};
use crate::error::Result;
use crate::model::{Dataset, LocalText};

/// The file name in a data directory.
pub const NOTES_FILE: &str = "notes.csv";

/// The parts a note may be about: the English name written, and the Japanese one also read.
const PARTS: [(&str, &str); 5] = [
    ("demand", "需要"),
    ("candidates", "候補地"),
    ("surveys", "アンケート"),
    ("stores", "店舗"),
    ("area", "区域"),
];

/// Every note of `data` as `notes.csv` (`part,en,ja`), parts in [`Dataset::notes`] order.
pub fn notes_csv(data: &Dataset) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(["part", "en", "ja"])
        .expect("writing to memory");
    let parts: [(&str, Option<&Vec<LocalText>>); 5] = [
        (PARTS[0].0, Some(&data.demand.notes)),
        (PARTS[1].0, Some(&data.candidates.notes)),
        (PARTS[2].0, data.surveys.as_ref().map(|p| &p.notes)),
        (PARTS[3].0, data.stores.as_ref().map(|p| &p.notes)),
        (PARTS[4].0, data.area.as_ref().map(|p| &p.notes)),
    ];
    for (part, notes) in parts {
        for n in notes.into_iter().flatten() {
            w.write_record([part, &n.en, &n.ja])
                .expect("writing to memory");
        }
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// Reads `notes.csv` onto the parts of `data` it names; a note already there is not repeated.
/// A part the directory has no file for, or a row with neither language, is an error at its
/// cell.
pub fn read_notes(src: &SourceText, data: &mut Dataset) -> Result<()> {
    let table = Table::parse(src, NOTES)?;
    let part = table.require(PART.name, PART.what)?;
    let en = table.require(EN.name, EN.what)?;
    let ja = table.require(JA.name, JA.what)?;
    for rec in &table.records {
        let cells = table.cells(rec)?;
        let (e, j) = (cells.text(en), cells.text(ja));
        if e.is_empty() && j.is_empty() {
            return Err(cells.error(en, "the note in English or Japanese", "two empty cells"));
        }
        let note = LocalText::new(
            if e.is_empty() { j } else { e },
            if j.is_empty() { e } else { j },
        );
        let named = fold(cells.text(part));
        let which = PARTS
            .iter()
            .position(|(e, j)| named == *e || named == fold(j));
        let notes = match which {
            Some(0) => Some(&mut data.demand.notes),
            Some(1) => Some(&mut data.candidates.notes),
            Some(2) => data.surveys.as_mut().map(|p| &mut p.notes),
            Some(3) => data.stores.as_mut().map(|p| &mut p.notes),
            Some(4) => data.area.as_mut().map(|p| &mut p.notes),
            _ => None,
        };
        let Some(notes) = notes else {
            let had: Vec<&str> = PARTS[..2]
                .iter()
                .map(|p| p.0)
                .chain(data.surveys.as_ref().map(|_| PARTS[2].0))
                .chain(data.stores.as_ref().map(|_| PARTS[3].0))
                .chain(data.area.as_ref().map(|_| PARTS[4].0))
                .collect();
            return Err(cells.error(
                part,
                format!("a part of the data: {}", had.join(", ")),
                format!("`{}`", cells.text(part)),
            ));
        };
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    Ok(())
}
