//! One row per visit, for a spreadsheet.

use super::weekday::weekday_short;
use crate::model::number::round;
use crate::report::csv::neutralise;
use crate::report::labels::Lang;
use crate::route::clock::{clock, published};
use crate::route::{RouteProblem, WeekPlan};

/// One row per visit (UTF-8 with BOM, so Excel reads the Japanese names): the exact arrival and
/// departure the driver keeps, and the published ones residents read (5-minute marks inside the
/// stay).
pub fn route_csv(p: &RouteProblem, plan: &WeekPlan, lang: Lang) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: [(&str, &str); 14] = [
        ("day", "曜日"),
        ("truck", "車両"),
        ("order", "順番"),
        ("id", "ID"),
        ("name", "名称"),
        ("arrive", "到着"),
        ("depart", "出発"),
        ("published_arrive", "公表到着"),
        ("published_depart", "公表出発"),
        ("drive_min", "運転分"),
        ("visits_per_week", "週の回数"),
        ("lat", "緯度"),
        ("lon", "経度"),
        ("return", "帰着"),
    ];
    w.write_record(header.iter().map(|(en, ja)| lang.pick(en, ja)))
        .expect("writing to memory");
    for run in &plan.runs {
        let mut at = run.depot;
        for (k, v) in run.visits.iter().enumerate() {
            let s = &p.stops[v.stop];
            let leg = p.travel.minutes.get(at, v.stop + 1);
            at = v.stop + 1;
            let (from, until) = published(v.arrive, v.depart);
            let row = [
                weekday_short(run.day, lang),
                (run.truck + 1).to_string(),
                (k + 1).to_string(),
                neutralise(&s.id),
                neutralise(s.name.as_deref().unwrap_or("")),
                clock(v.arrive),
                clock(v.depart),
                clock(from),
                clock(until),
                round(leg, 1).to_string(),
                p.visits[v.stop].to_string(),
                s.location.map_or(String::new(), |l| l.lat.to_string()),
                s.location.map_or(String::new(), |l| l.lon.to_string()),
                clock(run.return_at),
            ];
            w.write_record(&row).expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
}
