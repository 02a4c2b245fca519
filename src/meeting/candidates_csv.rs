//! The edited candidates written back as a candidates file: the columns `rank --data` and
//! `--candidates` read, the site's own extra columns kept. UTF-8 with a byte-order mark (Excel
//! on a Japanese Windows then opens it right), or CP932 for older spreadsheets.

use crate::model::Candidates;

/// The known columns, in the embedded file's order.
const COLUMNS: [&str; 10] = [
    "id",
    "lat",
    "lon",
    "name",
    "kind",
    "vehicle_slots",
    "area_m2",
    "width_m",
    "length_m",
    "note",
];

/// What a character CP932 cannot hold becomes (the geta mark, the Japanese printer's "missing
/// character").
const NOT_IN_CP932: char = '〓';

/// The candidates as CSV bytes: UTF-8 with a byte-order mark, or CP932 when `cp932`.
pub fn write(candidates: &Candidates, cp932: bool) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(candidates.extra_columns.iter().map(String::as_str));
    w.write_record(&header).expect("writing to memory");
    let opt = |v: Option<f64>| v.map_or_else(String::new, |v| v.to_string());
    for s in &candidates.sites {
        let mut row = vec![
            s.id.clone(),
            s.location.lat.to_string(),
            s.location.lon.to_string(),
            s.written_name
                .clone()
                .or_else(|| s.name.clone())
                .unwrap_or_default(),
            s.kind.clone().unwrap_or_default(),
            s.vehicle_slots.map_or_else(String::new, |v| v.to_string()),
            opt(s.area_m2),
            opt(s.width_m),
            opt(s.length_m),
            s.note.clone().unwrap_or_default(),
        ];
        row.extend(s.extra.iter().cloned());
        w.write_record(&row).expect("writing to memory");
    }
    let text = String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in");
    if cp932 {
        to_cp932(&text)
    } else {
        let mut out = "\u{feff}".as_bytes().to_vec();
        out.extend(text.as_bytes());
        out
    }
}

/// `text` in CP932, with [`NOT_IN_CP932`] for each character it lacks.
fn to_cp932(text: &str) -> Vec<u8> {
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    if !lossy {
        return bytes.into_owned();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let (b, _, bad) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
        if bad {
            let (g, _, _) = encoding_rs::SHIFT_JIS.encode(NOT_IN_CP932.encode_utf8(&mut buf));
            out.extend(g.iter());
        } else {
            out.extend(b.iter());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{read_candidates, SourceText};

    #[test]
    fn written_candidates_read_back_the_same_in_both_encodings() {
        let data = crate::io::embedded::dataset().unwrap();
        let mut cands = data.candidates.data.clone();
        cands.sites[0].vehicle_slots = Some(3);
        cands.sites[1].name = Some("<img src=x onerror=alert(1)>, \"quoted\"".into());
        cands.sites[1].written_name = None;
        for cp932 in [false, true] {
            let bytes = write(&cands, cp932);
            assert_eq!(bytes.starts_with(b"\xef\xbb\xbf"), !cp932);
            let back =
                read_candidates(&SourceText::decode("c.csv".into(), &bytes).unwrap()).unwrap();
            assert_eq!(back.sites.len(), cands.sites.len());
            assert_eq!(back.sites[0].vehicle_slots, Some(3));
            assert_eq!(back.sites[1].name, cands.sites[1].name);
            assert_eq!(back.sites[2].location, cands.sites[2].location);
            assert_eq!(back.extra_columns, cands.extra_columns);
            assert_eq!(back.sites[3].extra, cands.sites[3].extra);
        }
        let odd = to_cp932("a🙂b");
        let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&odd);
        assert_eq!(text, "a〓b");
    }
}
