//! The leaflet's dates against every day of the calendar walked one by one, its page with a
//! hostile name, and its spreadsheet.

use super::*;
use crate::calendar::SeriesOptions;
use crate::report::route::testkit::{info, random_problem};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
}

#[test]
fn first_and_last_dates_match_a_day_by_day_walk_of_the_calendar() {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    for _ in 0..300 {
        let start = d("2026-12-20") + chrono::Days::new(rng.gen_range(0..30));
        let skip: Vec<String> = (0..rng.gen_range(0..6))
            .map(|_| {
                let day = start + chrono::Days::new(rng.gen_range(0..40));
                day.format("%Y-%m-%d").to_string()
            })
            .collect();
        let options = SeriesOptions {
            weeks: Some(rng.gen_range(1..6)),
            holidays_jp: rng.gen_bool(0.5),
            skip_dates: skip,
            ..Default::default()
        };
        let (cal, _) = Series::new(start, &options).expect("a series");
        for day in 0..7u8 {
            let visits: Vec<NaiveDate> = cal
                .start
                .iter_days()
                .take_while(|x| *x <= cal.last)
                .filter(|x| weekday(*x) == day && !cal.skip.contains(x))
                .collect();
            assert_eq!(
                first_on(&cal, day),
                visits.first().copied(),
                "{cal:?} {day}"
            );
            assert_eq!(last_on(&cal, day), visits.last().copied(), "{cal:?} {day}");
        }
    }
}

#[test]
fn a_monday_stop_skips_coming_of_age_day_and_ends_with_the_series() {
    // 2027-01-04 for 4 weeks, Japan's holidays skipped: 成人の日 is Monday 2027-01-11.
    let cal = info().calendar;
    assert_eq!(first_on(&cal, 0), Some(d("2027-01-04")));
    assert_eq!(last_on(&cal, 0), Some(d("2027-01-25")));
    assert_eq!(first_on(&cal, 6), Some(d("2027-01-10")));
    assert_eq!(last_on(&cal, 6), Some(d("2027-01-31")));
    let only_holiday = Series {
        start: d("2027-01-11"),
        last: d("2027-01-11"),
        skip: vec![d("2027-01-11")],
    };
    assert_eq!(
        (first_on(&only_holiday, 0), last_on(&only_holiday, 0)),
        (None, None)
    );
}

/// A planned week whose first stop has a hostile name.
fn hostile() -> (RouteProblem, WeekPlan) {
    let mut p = random_problem(3);
    p.stops[0].name = Some("<img src=x onerror=alert(1)>".into());
    p.stops[1].name = Some("=HYPERLINK(\"http://x\")".into());
    let plan = p.plan().expect("seed 3 fits");
    (p, plan)
}

#[test]
fn the_page_shows_every_user_text_as_text() {
    let (p, plan) = hostile();
    let page = String::from_utf8(route_leaflet(
        &p,
        &plan,
        &info(),
        Lang::Ja,
        LeafletFormat::Html,
    ))
    .expect("UTF-8");
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        page.contains("茅ヶ崎市 &lt;1-2&gt;"),
        "the address, escaped"
    );
    assert!(page.contains("<html lang=\"ja\">") && page.contains("@page{size:A4"));
    assert!(page.contains("=HYPERLINK(&quot;http://x&quot;)"));
    // One page per stop after the table of all of them.
    assert_eq!(
        page.matches("<section class=\"stop\"").count(),
        p.stops.len()
    );
    assert_eq!(page.matches("</td></tr>").count(), p.stops.len());
    assert!(
        page.contains("2027年1月4日（月）～2027年1月31日（日）"),
        "the period"
    );
}

#[test]
fn the_spreadsheet_has_a_row_per_stop_with_its_dates() {
    let (p, plan) = hostile();
    let bytes = route_leaflet(&p, &plan, &info(), Lang::En, LeafletFormat::Csv);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(
        head,
        [
            "stop",
            "id",
            "address",
            "days",
            "time",
            "first_date",
            "last_date",
            "no_visit_on"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.expect("a row")).collect();
    assert_eq!(rows.len(), p.stops.len());
    let by_stop = plan.by_stop(p.stops.len());
    for row in &rows {
        let i = p.stops.iter().position(|s| s.id == row[1]).expect("a stop");
        let first = d(&row[5]);
        assert!(
            first >= d("2027-01-04") && first < d("2027-01-18"),
            "{row:?}"
        );
        assert!(d(&row[6]) > d("2027-01-24") && d(&row[6]) <= d("2027-01-31"));
        assert!(
            by_stop[i].iter().any(|v| v.day == weekday(first)),
            "{row:?}"
        );
        // A Monday stop's holiday is listed; nothing else is skipped in this calendar.
        let monday = by_stop[i].iter().any(|v| v.day == 0);
        assert_eq!(&row[7], if monday { "2027-01-11" } else { "" }, "{row:?}");
    }
    let hyper = rows.iter().find(|r| r[1] == *"s2").expect("s2");
    assert!(
        hyper[0].starts_with('\''),
        "a formula is neutralised: {hyper:?}"
    );
    let addressed = rows.iter().find(|r| r[1] == *"s1").expect("s1");
    assert_eq!(&addressed[2], "茅ヶ崎市 <1-2>");
}

#[test]
fn only_html_and_csv_names_are_leaflets() {
    let f = |s: &str| LeafletFormat::from_path(Path::new(s));
    assert_eq!(f("a/leaflet.HTML"), Some(LeafletFormat::Html));
    assert_eq!(f("x.htm"), Some(LeafletFormat::Html));
    assert_eq!(f("x.csv"), Some(LeafletFormat::Csv));
    assert_eq!(f("x.pdf"), None);
    assert_eq!(f("csv"), None);
}
