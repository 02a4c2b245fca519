//! What the summary says when distances were walked along OpenStreetMap streets: how the
//! radius is measured, what that rests on, and who a circle would have counted but the streets
//! do not reach.

use super::page::CouncilReport;
use crate::model::Streets;
use crate::report::labels::Lang;
use crate::report::table::count;

/// The radius as walked along the streets: "500 m walking along the streets" (flat-equivalent
/// with hills).
pub(super) fn streets_reach(m: f64, streets: &Streets, lang: Lang) -> String {
    match (lang, streets.hills) {
        (Lang::En, false) => format!("{m} m walking along the streets"),
        (Lang::En, true) => format!("{m} m walking along the streets, flat-equivalent"),
        (Lang::Ja, false) => format!("道路沿いに {m} m"),
        (Lang::Ja, true) => format!("道路沿いに平地換算 {m} m"),
    }
}

/// The "Uncertain:" sentence on distance: walks along the map's streets, as good as the map,
/// and who is off the network.
pub(super) fn streets_uncertain(r: &CouncilReport, lang: Lang) -> Option<String> {
    let part = r.data.streets.as_ref()?;
    let st = &part.data;
    let credit = crate::network::CREDIT;
    let snap = st.snap_max_m;
    let off = st.off_points.len();
    let mut s = match lang {
        Lang::En => format!(
            "Uncertain: the distance from each home to a stop is the walking distance along the OpenStreetMap streets of {} ({credit}), so it is as good as the map's streets: a path missing from the map makes a real walk shorter, a way drawn open that is closed makes it longer.",
            part.source
        ),
        Lang::Ja => format!(
            "不確かな点：自宅から停留所までの距離は、OpenStreetMap の道路（{credit}）に沿った徒歩距離です。地図の道路の正確さ次第で、地図にない近道があれば実際はもっと近く、通れない道が載っていればもっと遠くなります。"
        ),
    };
    s.push_str(&match (lang, off) {
        (Lang::En, 0) => format!(" Every demand point lies within {snap} m of a street."),
        (Lang::En, n) => format!(
            " {} demand point{} more than {snap} m from any street {} off the network and counted as reached by no stop.",
            count(n as f64),
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" },
        ),
        (Lang::Ja, 0) => format!("すべての需要地点が道路から {snap} m 以内にあります。"),
        (Lang::Ja, n) => format!(
            "どの道路からも {snap} m より遠い需要地点が {} か所あり、道路網の外として、どの停留所からも届かないものと数えています。",
            count(n as f64)
        ),
    });
    if !st.off_sites.is_empty() {
        let n = count(st.off_sites.len() as f64);
        s.push_str(&match lang {
            Lang::En => format!(" {n} candidate site(s) are off the network and reach nobody."),
            Lang::Ja => format!("道路網の外にある候補地が {n} か所あり、誰にも届きません。"),
        });
    }
    s.push_str(lang.pick(
        " Distances to shops are straight lines.",
        "店までの距離は直線距離です。",
    ));
    Some(s)
}

/// Who a circle of the radius around the chosen stops would have counted but the streets do
/// not reach, with how many people and older residents; `None` without streets.
pub(super) fn circle_only_words(r: &CouncilReport, lang: Lang) -> Option<String> {
    let st = &r.data.streets.as_ref()?.data;
    let c = r.chosen.circle_only.as_ref()?;
    let m = r.res.params.radius_m;
    let flat = match (lang, st.hills) {
        (Lang::En, true) => " (flat-equivalent)",
        (Lang::Ja, true) => "平地換算",
        _ => "",
    };
    if c.points.is_empty() {
        return Some(match lang {
            Lang::En => format!(
                "The streets cut nobody off: everyone within {m} m of a stop in a straight line is also within {m} m{flat} of it along the streets."
            ),
            Lang::Ja => format!(
                "道路による取り残しはありません。停留所から直線で {m} m 以内の人は、全員が道路沿いでも{flat} {m} m 以内で行けます。"
            ),
        });
    }
    let n = c.points.len();
    let who = match (lang, c.people, c.aged) {
        (Lang::En, Some(p), Some(a)) => {
            format!(" ({} people, {} of them aged 65+)", count(p), count(a))
        }
        (Lang::En, Some(p), None) => format!(" ({} people)", count(p)),
        (Lang::En, None, Some(a)) => format!(" ({} people aged 65+)", count(a)),
        (Lang::Ja, Some(p), Some(a)) => {
            format!("（{} 人、うち65歳以上 {} 人）", count(p), count(a))
        }
        (Lang::Ja, Some(p), None) => format!("（{} 人）", count(p)),
        (Lang::Ja, None, Some(a)) => format!("（65歳以上 {} 人）", count(a)),
        (_, None, None) => String::new(),
    };
    let off = match (lang, c.off_network) {
        (_, 0) => String::new(),
        (Lang::En, k) => format!(
            "; {} of them {} off the network",
            count(k as f64),
            if k == 1 { "is" } else { "are" }
        ),
        (Lang::Ja, k) => format!("（うち {} か所は道路網の外）", count(k as f64)),
    };
    Some(match lang {
        Lang::En => format!(
            "A {m} m circle around the stops would also have counted {} demand point{}{who} that the streets do not reach within {m} m{flat}{off}: the way along the streets is longer than the straight line, round blocks or to a crossing of a river, rail line or main road. They are not counted as reached.",
            count(n as f64),
            if n == 1 { "" } else { "s" },
        ),
        Lang::Ja => format!(
            "停留所から直線では {m} m 以内でも、道路沿いでは{flat} {m} m 以内で行けない需要地点が {} か所{who}あります{off}。道がまっすぐでなかったり、川・線路・幹線道路の渡れる所まで回り込んだりするためです。これらは徒歩圏に数えていません。",
            count(n as f64),
        ),
    })
}
